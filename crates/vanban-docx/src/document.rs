//! The composition translated into WordprocessingML, item by item: a
//! section becomes a `w:sectPr`, a paragraph a `w:p` in its role's style
//! with direct formatting only where it differs from that style, a row a
//! borderless fixed table, a table a bordered one, a field a content
//! control, a rule a drawn line anchored right under its text. Nothing is
//! decided here that the composition has not decided.

use crate::out::{Xml, DECLARATION};
use crate::styles::{jc, PLACEHOLDER, RULE, RULE_PARA, RUN_IN, SPACER};
use crate::DocxError;
use vanban_compose::{
    Block, Composition, Image, LineEnd, Para, Row, Rule, Section, Span, SpanPos, Table,
};
use vanban_core::{Assets, Profile, Style, Tw};

const ROOT_NS: &str = concat!(
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"",
    " xmlns:o=\"urn:schemas-microsoft-com:office:office\"",
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"",
    " xmlns:v=\"urn:schemas-microsoft-com:vml\"",
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
    " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"",
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"",
    " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"",
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
);

/// An image part: the reference the document uses, its relationship id,
/// its file name under `word/media/`.
#[derive(Debug, Clone)]
pub struct Media {
    pub reference: String,
    pub rel_id: String,
    pub file: String,
}

/// The document part and the parts it refers to.
pub struct Parts {
    pub document: String,
    /// Header parts; the sections refer to them as `rIdHeader{n}`.
    pub headers: Vec<String>,
    /// Footer parts, `rIdFooter{n}`.
    pub footers: Vec<String>,
    pub media: Vec<Media>,
}

/// How a paragraph is written where it stands.
#[derive(Clone, Copy, Default)]
struct Ctx {
    before: Tw,
    after: Tw,
    keep_next: bool,
    /// A table's cell margin, already part of the paragraph's indents in
    /// the composition.
    padding: Tw,
    /// The space after may lose the height of a rule's anchor paragraph
    /// (it holds the space before a table).
    after_absorbs: bool,
    /// A rule drawn as the paragraph's top border (ô 13).
    border_top: Option<Rule>,
    /// The section ends with this paragraph.
    sect: Option<usize>,
}

struct Writer<'a> {
    profile: &'a Profile,
    c: &'a Composition,
    x: Xml,
    next_shape: u32,
    next_control: u32,
    media: Vec<Media>,
    /// Header and footer parts, deduplicated, and which each section uses.
    headers: Vec<String>,
    footers: Vec<String>,
    section_parts: Vec<SectionParts>,
}

#[derive(Clone, Copy)]
struct SectionParts {
    header: usize,
    first_header: usize,
    first_footer: Option<usize>,
}

/// Translates a composition. Images the document names must be in
/// `assets` (the caller checked them).
pub fn write(c: &Composition, profile: &Profile, assets: &Assets) -> Result<Parts, DocxError> {
    let mut w = Writer {
        profile,
        c,
        x: Xml::with_capacity(64 * 1024),
        next_shape: 1,
        next_control: 1,
        media: Vec::new(),
        headers: Vec::new(),
        footers: Vec::new(),
        section_parts: Vec::new(),
    };
    w.header_footer_parts()?;
    w.x.raw(DECLARATION);
    w.x.raw("<w:document");
    w.x.raw(ROOT_NS);
    w.x.raw("><w:body>");
    let n = c.sections.len();
    for (i, s) in c.sections.iter().enumerate() {
        let sect = (i + 1 < n).then_some(i);
        w.blocks(s, sect, assets)?;
    }
    if n > 0 {
        w.sect_pr(n - 1);
    }
    w.x.raw("</w:body></w:document>");
    let x = std::mem::take(&mut w.x);
    Ok(Parts {
        document: x.finish()?,
        headers: w.headers,
        footers: w.footers,
        media: w.media,
    })
}

fn min(a: Tw, b: Tw) -> Tw {
    if a.0 < b.0 {
        a
    } else {
        b
    }
}

fn max0(a: Tw) -> Tw {
    Tw(a.0.max(0))
}

/// The footer's distance from the bottom edge. The PDF ends ô 13 at the
/// bottom margin and stops the body above its rule: a footer that far up
/// grows into the text area and Word and LibreOffice end the body above
/// it. A section without ô 13 (an empty footer so it does not inherit
/// one) keeps the header's distance, where its empty footer fits in the
/// margin.
fn footer_distance(s: &Section) -> Tw {
    if s.first_page_footer.is_some() {
        s.page.margin_bottom
    } else {
        s.page.header_distance
    }
}

fn keeps_with_previous(b: Option<&Block>) -> bool {
    match b {
        Some(Block::Row(r)) => r.keep_with_previous,
        Some(Block::Table(t)) => t.keep_with_previous,
        _ => false,
    }
}

impl Writer<'_> {
    /// The page-number header of each section (`PAGE` in its page-number
    /// style, from page 2), the first page's header (empty, unless the
    /// section numbers its first page), and the first-page
    /// footer (ô 13, or an empty one so an annex does not inherit it).
    fn header_footer_parts(&mut self) -> Result<(), DocxError> {
        let any_footer = self
            .c
            .sections
            .iter()
            .any(|s| s.first_page_footer.is_some());
        for s in &self.c.sections {
            let header = self.part("hdr", |w| {
                w.para_start(&s.page_number, &Ctx::default(), false);
                let rpr = w.run_properties(&s.page_number, &s.page_number.spans[0], false);
                for (kind, inner) in [
                    ("begin", None),
                    ("instr", Some(" PAGE ")),
                    ("separate", None),
                    ("result", Some("2")),
                    ("end", None),
                ] {
                    w.x.raw("<w:r>");
                    w.x.raw(&rpr);
                    match (kind, inner) {
                        ("instr", Some(t)) => {
                            w.x.raw("<w:instrText xml:space=\"preserve\">");
                            w.x.raw(t);
                            w.x.raw("</w:instrText>");
                        }
                        ("result", Some(t)) => {
                            w.x.raw("<w:t>");
                            w.x.raw(t);
                            w.x.raw("</w:t>");
                        }
                        (k, _) => {
                            w.x.raw("<w:fldChar w:fldCharType=\"");
                            w.x.raw(k);
                            w.x.raw("\"/>");
                        }
                    }
                    w.x.raw("</w:r>");
                }
                w.x.raw("</w:p>");
                Ok(())
            })?;
            // An annex may number its first page too (a profile choice).
            let first_header = if s.number_first_page {
                header
            } else {
                self.part("hdr", |w| {
                    w.para_start(&s.page_number, &Ctx::default(), false);
                    w.x.raw("</w:p>");
                    Ok(())
                })?
            };
            let first_footer = match (&s.first_page_footer, any_footer) {
                (Some(f), _) => Some(self.part("ftr", |w| {
                    for (i, p) in f.paras.iter().enumerate() {
                        let ctx = Ctx {
                            before: p.space_before,
                            after: p.space_after,
                            keep_next: p.keep_with_next,
                            border_top: (i == 0).then_some(f.rule),
                            ..Ctx::default()
                        };
                        w.para(p, &ctx, &Assets::new())?;
                    }
                    Ok(())
                })?),
                (None, true) => Some(self.part("ftr", |w| {
                    w.x.raw("<w:p><w:pPr><w:pStyle");
                    w.x.attr("w:val", SPACER);
                    w.x.raw("/></w:pPr></w:p>");
                    Ok(())
                })?),
                (None, false) => None,
            };
            self.section_parts.push(SectionParts {
                header,
                first_header,
                first_footer,
            });
        }
        Ok(())
    }

    /// Writes a header (`hdr`) or footer (`ftr`) part with `body`; an
    /// identical part already written is reused. Returns its index.
    fn part(
        &mut self,
        kind: &str,
        body: impl FnOnce(&mut Self) -> Result<(), DocxError>,
    ) -> Result<usize, DocxError> {
        let saved = std::mem::replace(&mut self.x, Xml::with_capacity(1024));
        self.x.raw(DECLARATION);
        self.x.raw("<w:");
        self.x.raw(kind);
        self.x.raw(ROOT_NS);
        self.x.raw(">");
        let r = body(self);
        self.x.raw("</w:");
        self.x.raw(kind);
        self.x.raw(">");
        let part = std::mem::replace(&mut self.x, saved);
        r?;
        let part = part.finish()?;
        let list = if kind == "hdr" {
            &mut self.headers
        } else {
            &mut self.footers
        };
        Ok(match list.iter().position(|p| *p == part) {
            Some(i) => i,
            None => {
                list.push(part);
                list.len() - 1
            }
        })
    }

    fn sect_pr(&mut self, i: usize) {
        let s = &self.c.sections[i];
        let parts = self.section_parts[i];
        let x = &mut self.x;
        x.raw("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader");
        x.int(parts.header as i64 + 1);
        x.raw("\"/><w:headerReference w:type=\"first\" r:id=\"rIdHeader");
        x.int(parts.first_header as i64 + 1);
        x.raw("\"/>");
        if let Some(f) = parts.first_footer {
            x.raw("<w:footerReference w:type=\"first\" r:id=\"rIdFooter");
            x.int(f as i64 + 1);
            x.raw("\"/>");
        }
        let p = &s.page;
        x.raw("<w:pgSz");
        x.attr_int("w:w", p.width.0 as i64);
        x.attr_int("w:h", p.height.0 as i64);
        if p.landscape {
            x.raw(" w:orient=\"landscape\"");
        }
        x.raw("/><w:pgMar");
        x.attr_int("w:top", p.margin_top.0 as i64);
        x.attr_int("w:right", p.margin_right.0 as i64);
        x.attr_int("w:bottom", p.margin_bottom.0 as i64);
        x.attr_int("w:left", p.margin_left.0 as i64);
        x.attr_int("w:header", p.header_distance.0 as i64);
        x.attr_int("w:footer", footer_distance(s).0 as i64);
        x.raw(" w:gutter=\"0\"/><w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr>");
    }

    /// A section's flow. `sect`: the section ends here, before another.
    fn blocks(
        &mut self,
        s: &Section,
        sect: Option<usize>,
        assets: &Assets,
    ) -> Result<(), DocxError> {
        let blocks = &s.blocks;
        // Height written that the PDF's flow does not have (a rule's
        // anchor paragraph), taken from the next space that can give it.
        let mut debt = Tw(0);
        // Whether the last thing written was a table (Word merges two
        // adjacent tables: a spacer paragraph goes between them).
        let mut after_table = false;
        let mut i = 0;
        while i < blocks.len() {
            match &blocks[i] {
                Block::Para(p) => {
                    let next = blocks.get(i + 1);
                    let mut ctx = Ctx {
                        before: p.space_before,
                        after: p.space_after,
                        keep_next: p.keep_with_next || keeps_with_previous(next),
                        sect: (i + 1 == blocks.len()).then_some(sect).flatten(),
                        ..Ctx::default()
                    };
                    let take = min(debt, ctx.before);
                    ctx.before = ctx.before - take;
                    // A table's space before is this paragraph's space after.
                    if let Some(Block::Table(t)) = next {
                        ctx.after = ctx.after + t.space_before;
                        ctx.after_absorbs = true;
                    }
                    debt = self.para(p, &ctx, assets)?;
                    after_table = false;
                    i += 1;
                }
                Block::Row(first) => {
                    // Consecutive rows of one geometry are one table.
                    let mut j = i + 1;
                    while let Some(Block::Row(r)) = blocks.get(j) {
                        if r.shift != first.shift || r.columns != first.columns {
                            break;
                        }
                        j += 1;
                    }
                    let rows: Vec<&Row> = blocks[i..j]
                        .iter()
                        .map(|b| match b {
                            Block::Row(r) => r,
                            _ => unreachable!("only rows were taken"),
                        })
                        .collect();
                    let mut spaced = false;
                    if after_table {
                        let h = max0(first.space_before - debt);
                        debt = self.spacer(h, true);
                        spaced = true;
                    }
                    let keep_last = keeps_with_previous(blocks.get(j));
                    debt = self.rows(&rows, debt, spaced, keep_last, assets)?;
                    after_table = true;
                    i = j;
                    if j == blocks.len() {
                        if let Some(k) = sect {
                            self.section_end(k);
                        }
                    }
                }
                Block::Table(t) => {
                    if after_table || i == 0 {
                        let h = max0(t.space_before - debt);
                        if after_table || h.0 > 0 {
                            self.spacer(h, true);
                        }
                    }
                    debt = Tw(0);
                    self.table(t, keeps_with_previous(blocks.get(i + 1)), assets)?;
                    after_table = true;
                    i += 1;
                    if i == blocks.len() {
                        if let Some(k) = sect {
                            self.section_end(k);
                        }
                    }
                }
            }
        }
        if blocks.is_empty() {
            if let Some(k) = sect {
                self.section_end(k);
            }
        }
        Ok(())
    }

    /// An empty paragraph of exact height `h` (at least a rule anchor's).
    /// Returns how much taller than `h` it is.
    fn spacer(&mut self, h: Tw, keep_next: bool) -> Tw {
        let height = if h.0 < RULE_PARA.0 { RULE_PARA } else { h };
        self.x.raw("<w:p><w:pPr><w:pStyle");
        self.x.attr("w:val", SPACER);
        self.x.raw("/>");
        if keep_next {
            self.x.raw("<w:keepNext/>");
        }
        if height != RULE_PARA {
            self.x.raw("<w:spacing");
            self.x.attr_int("w:line", height.0 as i64);
            self.x.raw(" w:lineRule=\"exact\"/>");
        }
        self.x.raw("</w:pPr></w:p>");
        height - h
    }

    /// The paragraph that carries a section's properties when the section
    /// ends with a table.
    fn section_end(&mut self, k: usize) {
        self.x.raw("<w:p><w:pPr><w:pStyle");
        self.x.attr("w:val", SPACER);
        self.x.raw("/>");
        self.sect_pr(k);
        self.x.raw("</w:pPr></w:p>");
    }

    /// Rows of one geometry as a borderless table: fixed columns, no cell
    /// margins, shifted by the composition's shift, rows never split. The
    /// space before a row is its cells' first paragraphs' space before.
    /// Returns the height Word gets that the PDF does not.
    fn rows(
        &mut self,
        rows: &[&Row],
        mut debt: Tw,
        spaced: bool,
        keep_last: bool,
        assets: &Assets,
    ) -> Result<Tw, DocxError> {
        let first = rows[0];
        let total: i32 = first.columns.iter().map(|c| c.0).sum();
        self.x.raw("<w:tbl><w:tblPr><w:tblW");
        self.x.attr_int("w:w", total as i64);
        self.x.raw(" w:type=\"dxa\"/><w:tblInd");
        self.x.attr_int("w:w", first.shift.0 as i64);
        self.x.raw(" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>");
        self.grid(&first.columns);
        for (k, r) in rows.iter().enumerate() {
            let row_space = if k == 0 && spaced {
                Tw(0)
            } else {
                r.space_before
            };
            let room = r
                .cells
                .iter()
                .map(|c| c.first().map_or(row_space, |p| row_space + p.space_before))
                .min()
                .unwrap_or(row_space);
            let take = min(debt, max0(room));
            let keep =
                r.keep_with_next || rows.get(k + 1).map_or(keep_last, |n| n.keep_with_previous);
            self.x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            let mut tallest_pdf = 0.0f32;
            let mut tallest_word = 0.0f32;
            for (cell, width) in r.cells.iter().zip(&r.columns) {
                self.x.raw("<w:tc><w:tcPr><w:tcW");
                self.x.attr_int("w:w", width.0 as i64);
                self.x.raw(" w:type=\"dxa\"/></w:tcPr>");
                let pdf = Row::cell_height(cell);
                // What this cell adds to the PDF's height (rule anchors)
                // or takes from it (spaces that paid for them).
                let mut extra = Tw(0);
                if cell.is_empty() {
                    self.x.raw("<w:p><w:pPr><w:pStyle");
                    self.x.attr("w:val", SPACER);
                    self.x.raw("/>");
                    if keep {
                        self.x.raw("<w:keepNext/>");
                    }
                    self.x.raw("</w:pPr></w:p>");
                    extra = RULE_PARA;
                }
                let mut cell_debt = Tw(0);
                for (j, p) in cell.iter().enumerate() {
                    let mut before = p.space_before;
                    if j == 0 {
                        before = before + row_space - take;
                    }
                    let t = min(cell_debt, before);
                    before = before - t;
                    extra = extra - t;
                    let ctx = Ctx {
                        before,
                        after: p.space_after,
                        keep_next: keep || p.keep_with_next,
                        ..Ctx::default()
                    };
                    cell_debt = self.para(p, &ctx, assets)?;
                    extra = extra + cell_debt;
                }
                tallest_pdf = tallest_pdf.max(pdf);
                tallest_word = tallest_word.max(pdf + extra.pt());
                self.x.raw("</w:tc>");
            }
            self.x.raw("</w:tr>");
            debt = max0(Tw::from_pt(tallest_word - tallest_pdf));
        }
        self.x.raw("</w:tbl>");
        Ok(debt)
    }

    fn grid(&mut self, columns: &[Tw]) {
        self.x.raw("<w:tblGrid>");
        for c in columns {
            self.x.raw("<w:gridCol");
            self.x.attr_int("w:w", c.0 as i64);
            self.x.raw("/>");
        }
        self.x.raw("</w:tblGrid>");
    }

    /// A bordered table: its padding as cell margins, header rows repeated
    /// on every page and kept with the first body row, no row split.
    fn table(&mut self, t: &Table, keep_last: bool, assets: &Assets) -> Result<(), DocxError> {
        let total: i32 = t.columns.iter().map(|c| c.0).sum();
        // Border widths are eighths of a point.
        let sz = ((t.border.0 as f32) * 8.0 / 20.0).round().max(2.0) as i64;
        self.x.raw("<w:tbl><w:tblPr><w:tblW");
        self.x.attr_int("w:w", total as i64);
        self.x
            .raw(" w:type=\"dxa\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.x.raw("<w:");
            self.x.raw(side);
            self.x.raw(" w:val=\"single\"");
            self.x.attr_int("w:sz", sz);
            self.x.raw(" w:space=\"0\" w:color=\"000000\"/>");
        }
        self.x.raw("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left");
        self.x.attr_int("w:w", t.padding.0 as i64);
        self.x
            .raw(" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right");
        self.x.attr_int("w:w", t.padding.0 as i64);
        self.x.raw(" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>");
        self.grid(&t.columns);
        let n = t.rows.len();
        for (k, row) in t.rows.iter().enumerate() {
            let header = k < t.header_rows;
            self.x.raw("<w:tr><w:trPr><w:cantSplit/>");
            if header {
                self.x.raw("<w:tblHeader/>");
            }
            self.x.raw("</w:trPr>");
            let keep = header || (k + 1 == n && keep_last);
            for (p, width) in row.iter().zip(&t.columns) {
                self.x.raw("<w:tc><w:tcPr><w:tcW");
                self.x.attr_int("w:w", width.0 as i64);
                self.x.raw(" w:type=\"dxa\"/></w:tcPr>");
                let ctx = Ctx {
                    before: p.space_before,
                    after: p.space_after,
                    keep_next: keep || p.keep_with_next,
                    padding: t.padding,
                    ..Ctx::default()
                };
                self.para(p, &ctx, assets)?;
                self.x.raw("</w:tc>");
            }
            self.x.raw("</w:tr>");
        }
        self.x.raw("</w:tbl>");
        Ok(())
    }

    /// `<w:p><w:pPr>…</w:pPr>`: the role's style and what differs from it.
    /// `ends_section`: the section's properties go in this paragraph mark.
    fn para_start(&mut self, p: &Para, c: &Ctx, ends_section: bool) {
        let base = self.profile.style(p.role);
        let x = &mut self.x;
        x.raw("<w:p><w:pPr><w:pStyle");
        x.attr("w:val", p.role.style_id());
        x.raw("/>");
        if c.keep_next != base.keep_with_next {
            x.raw(if c.keep_next {
                "<w:keepNext/>"
            } else {
                "<w:keepNext w:val=\"0\"/>"
            });
        }
        if p.keep_together {
            x.raw("<w:keepLines/>");
        }
        if let Some(r) = c.border_top {
            x.raw("<w:pBdr><w:top w:val=\"single\"");
            x.attr_int(
                "w:sz",
                ((r.thickness.0 as f32) * 8.0 / 20.0).round().max(2.0) as i64,
            );
            x.raw(" w:space=\"0\" w:color=\"000000\"/></w:pBdr>");
        }
        let (before, after, line) = (
            c.before != base.space_before,
            c.after != base.space_after,
            p.style.line != base.line,
        );
        if before || after || line {
            x.raw("<w:spacing");
            if before {
                x.attr_int("w:before", c.before.0.max(0) as i64);
            }
            if after {
                x.attr_int("w:after", c.after.0.max(0) as i64);
            }
            if line {
                x.attr_int("w:line", p.style.line as i64);
                x.raw(" w:lineRule=\"auto\"");
            }
            x.raw("/>");
        }
        let (left, right, first) = (
            p.indent.left - c.padding,
            p.indent.right - c.padding,
            p.indent.first,
        );
        if left.0 != 0 || right.0 != 0 || first != base.first_line_indent {
            x.raw("<w:ind");
            x.attr_int("w:left", left.0 as i64);
            x.attr_int("w:right", right.0 as i64);
            if first.0 < 0 {
                x.attr_int("w:hanging", -first.0 as i64);
            } else {
                x.attr_int("w:firstLine", first.0 as i64);
            }
            x.raw("/>");
        }
        if p.style.align != base.align {
            x.raw("<w:jc");
            x.attr("w:val", jc(p.style.align));
            x.raw("/>");
        }
        if p.style.size != base.size {
            // The paragraph mark's size counts in its line's height.
            x.raw("<w:rPr><w:sz");
            x.attr_int("w:val", p.style.size.0 as i64);
            x.raw("/><w:szCs");
            x.attr_int("w:val", p.style.size.0 as i64);
            x.raw("/></w:rPr>");
        }
        if ends_section {
            if let Some(k) = c.sect {
                self.sect_pr(k);
            }
        }
        self.x.raw("</w:pPr>");
    }

    /// A paragraph, then the anchor paragraph of its rule. Returns the
    /// height written that the PDF's flow does not have.
    fn para(&mut self, p: &Para, c: &Ctx, assets: &Assets) -> Result<Tw, DocxError> {
        let rule = p.rule.filter(|_| !p.lines.is_empty());
        let text_ctx = Ctx {
            // The rule's anchor must follow its text onto the same page.
            keep_next: c.keep_next || rule.is_some(),
            after: if rule.is_some() { Tw(0) } else { c.after },
            ..*c
        };
        self.para_start(p, &text_ctx, rule.is_none());
        for img in &p.images {
            self.image(img, assets)?;
        }
        self.runs(p);
        self.x.raw("</w:p>");
        let Some(rule) = rule else {
            return Ok(Tw(0));
        };
        let mut after = c.after;
        let mut debt = RULE_PARA;
        if c.after_absorbs {
            let take = min(debt, after);
            after = after - take;
            debt = debt - take;
        }
        self.rule_para(p, &rule, c, after);
        Ok(debt)
    }

    /// The empty paragraph right under a paragraph's last line, holding
    /// the drawn rule: when the text above is edited, lengthened or
    /// wrapped, the anchor moves with it and the rule stays under it.
    fn rule_para(&mut self, p: &Para, rule: &Rule, c: &Ctx, after: Tw) {
        self.x.raw("<w:p><w:pPr><w:pStyle");
        self.x.attr("w:val", RULE);
        self.x.raw("/>");
        if c.keep_next {
            self.x.raw("<w:keepNext/>");
        }
        if after.0 > 0 {
            self.x.raw("<w:spacing");
            self.x.attr_int("w:after", after.0 as i64);
            self.x.raw("/>");
        }
        if let Some(k) = c.sect {
            self.sect_pr(k);
        }
        self.x.raw("</w:pPr>");
        // The anchor paragraph starts where the last line box ends.
        let m = p.metrics;
        let y_pt = m.baseline + rule.drop.pt() - m.pitch;
        // Centred on the paragraph's box, as the PDF draws it.
        let box_w = p.column - p.indent.left - p.indent.right;
        let x0 = p.indent.left - c.padding + Tw((box_w.0 - rule.length.0) / 2);
        self.line_shape(x0, y_pt, rule);
        self.x.raw("</w:p>");
    }

    /// A horizontal line drawn from `x0` (from the column's left edge),
    /// `y_pt` below the top of its paragraph: DrawingML for Word 2010+ and
    /// LibreOffice, VML for older readers, as Word itself writes shapes.
    fn line_shape(&mut self, x0: Tw, y_pt: f32, rule: &Rule) {
        let id = self.next_shape;
        self.next_shape += 1;
        let len = rule.length.emu();
        let y = (y_pt as f64 * 12_700.0).round() as i64;
        let x = &mut self.x;
        x.raw("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>");
        anchor_open(x, id, false, x0.emu(), y, len, 0, rule.thickness.emu() / 2);
        x.raw("<wp:docPr");
        x.attr_int("id", id as i64);
        x.raw(" name=\"Đường kẻ ");
        x.int(id as i64);
        x.raw("\"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext");
        x.attr_int("cx", len);
        x.raw(" cy=\"0\"/></a:xfrm><a:prstGeom prst=\"line\"><a:avLst/></a:prstGeom><a:ln");
        x.attr_int("w", rule.thickness.emu());
        x.raw("><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:line");
        x.raw(" id=\"Đường kẻ ");
        x.int(id as i64);
        x.raw("\" style=\"position:absolute;z-index:");
        x.int(id as i64);
        x.raw(";mso-position-horizontal-relative:text;mso-position-vertical-relative:text\"");
        let pt = |t: f32| format!("{}pt", (t * 100.0).round() / 100.0);
        x.attr("from", &format!("{},{}", pt(x0.pt()), pt(y_pt)));
        x.attr(
            "to",
            &format!("{},{}", pt((x0 + rule.length).pt()), pt(y_pt)),
        );
        x.raw(" strokecolor=\"black\"");
        x.attr("strokeweight", &pt(rule.thickness.pt()));
        x.raw("/></w:pict></mc:Fallback></mc:AlternateContent></w:r>");
    }

    /// A signature or seal, floating in the signing space.
    fn image(&mut self, img: &Image, assets: &Assets) -> Result<(), DocxError> {
        if assets.get(&img.reference).is_none() {
            return Err(DocxError::MissingImage(img.reference.clone()));
        }
        let rel = match self.media.iter().find(|m| m.reference == img.reference) {
            Some(m) => m.rel_id.clone(),
            None => {
                let n = self.media.len() + 1;
                let m = Media {
                    reference: img.reference.clone(),
                    rel_id: format!("rIdImage{n}"),
                    file: format!("image{n}.png"),
                };
                let id = m.rel_id.clone();
                self.media.push(m);
                id
            }
        };
        let id = self.next_shape;
        self.next_shape += 1;
        let (cx, cy) = (img.width.emu(), img.height.emu());
        let x = &mut self.x;
        x.raw("<w:r><w:drawing>");
        anchor_open(x, id, img.behind, img.x.emu(), img.y.emu(), cx, cy, 0);
        x.raw("<wp:docPr");
        x.attr_int("id", id as i64);
        x.attr("name", img.name);
        x.raw("/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr");
        x.attr_int("id", id as i64);
        x.attr("name", img.name);
        x.raw("/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip");
        x.attr("r:embed", &rel);
        x.raw("/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext");
        x.attr_int("cx", cx);
        x.attr_int("cy", cy);
        x.raw("/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>");
        Ok(())
    }

    /// `<w:rPr>` of a span: the character style and what differs from the
    /// paragraph's role style (toggles are relative to the styles: a bold
    /// character style in a bold paragraph style would make it regular).
    fn run_properties(&self, p: &Para, s: &Span, placeholder: bool) -> String {
        let base = self.profile.style(p.role);
        let run_in = s.run_in && !base.bold;
        let mut r = String::new();
        if placeholder {
            r.push_str("<w:rStyle w:val=\"");
            r.push_str(PLACEHOLDER);
            r.push_str("\"/>");
        } else if run_in {
            r.push_str("<w:rStyle w:val=\"");
            r.push_str(RUN_IN);
            r.push_str("\"/>");
        }
        let styled_bold = base.bold || (run_in && !placeholder);
        if s.face.bold != styled_bold {
            r.push_str(if s.face.bold {
                "<w:b/><w:bCs/>"
            } else {
                "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
            });
        }
        if s.face.italic != base.italic {
            r.push_str(if s.face.italic {
                "<w:i/><w:iCs/>"
            } else {
                "<w:i w:val=\"0\"/><w:iCs w:val=\"0\"/>"
            });
        }
        size_diff(&mut r, &p.style, &base);
        if s.underline {
            r.push_str("<w:u w:val=\"single\"/>");
        }
        if r.is_empty() {
            r
        } else {
            format!("<w:rPr>{r}</w:rPr>")
        }
    }

    /// The spans as runs, with line breaks where the composition broke
    /// the lines itself, and hyphens that must not break where Word or
    /// LibreOffice could otherwise break a line the PDF does not.
    fn runs(&mut self, p: &Para) {
        let mut events = Vec::new();
        for k in 1..p.lines.len() {
            if p.lines[k - 1].end != LineEnd::Wrap {
                continue;
            }
            let start = p.lines[k].start;
            if p.explicit_breaks {
                events.push((start, Ev::Break));
            }
            unbreakable_hyphens(p, start, &mut events);
        }
        events.sort_by_key(|e| (e.0.span, e.0.byte));
        let mut ev = 0;
        for (si, s) in p.spans.iter().enumerate() {
            let first = ev;
            while ev < events.len() && events[ev].0.span == si {
                ev += 1;
            }
            if s.text.is_empty() {
                continue;
            }
            let here: Vec<(usize, Ev)> =
                events[first..ev].iter().map(|e| (e.0.byte, e.1)).collect();
            match s.field {
                Some(f) => {
                    let id = self.next_control;
                    self.next_control += 1;
                    let typed = self.run_properties(p, s, false);
                    let shown = self.run_properties(p, s, true);
                    let x = &mut self.x;
                    x.raw("<w:sdt><w:sdtPr>");
                    x.raw(&typed);
                    x.raw("<w:alias");
                    x.attr("w:val", f.alias());
                    x.raw("/><w:tag");
                    x.attr("w:val", f.tag());
                    x.raw("/><w:id");
                    x.attr_int("w:val", id as i64);
                    x.raw("/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r>");
                    x.raw(&shown);
                    self.text(&s.text, &here);
                    self.x.raw("</w:r></w:sdtContent></w:sdt>");
                }
                None => {
                    let rpr = self.run_properties(p, s, false);
                    self.x.raw("<w:r>");
                    self.x.raw(&rpr);
                    self.text(&s.text, &here);
                    self.x.raw("</w:r>");
                }
            }
        }
    }

    /// A run's content: text, with `\n` and the composition's breaks as
    /// `w:br`, tabs as `w:tab`, the marked hyphens as `w:noBreakHyphen`.
    fn text(&mut self, t: &str, events: &[(usize, Ev)]) {
        let mut from = 0;
        let mut ev = events.iter().peekable();
        for (i, ch) in t.char_indices() {
            let mut nbh = false;
            while let Some(&&(b, e)) = ev.peek() {
                if b > i {
                    break;
                }
                ev.next();
                match e {
                    Ev::Break if b == i => {
                        self.t(&t[from..i]);
                        self.x.raw("<w:br/>");
                        from = i;
                    }
                    Ev::NoBreakHyphen if b == i => nbh = true,
                    _ => {}
                }
            }
            let tag = match ch {
                '\n' => "<w:br/>",
                '\t' => "<w:tab/>",
                '-' if nbh => "<w:noBreakHyphen/>",
                '\r' => {
                    self.x.bad_char.get_or_insert('\r');
                    ""
                }
                _ => continue,
            };
            self.t(&t[from..i]);
            self.x.raw(tag);
            from = i + ch.len_utf8();
        }
        self.t(&t[from..]);
    }

    fn t(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let keep = s.starts_with(' ') || s.ends_with(' ') || s.contains("  ");
        self.x.raw(if keep {
            "<w:t xml:space=\"preserve\">"
        } else {
            "<w:t>"
        });
        self.x.text(s);
        self.x.raw("</w:t>");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ev {
    Break,
    NoBreakHyphen,
}

/// The hyphens inside the first word of a wrapped line (`2019-2024`,
/// `e-office`): the PDF moved the word whole, Word and LibreOffice would
/// break after its hyphen if the part before fits.
fn unbreakable_hyphens(p: &Para, start: SpanPos, out: &mut Vec<(SpanPos, Ev)>) {
    let mut prev: Option<char> = None;
    let mut pending: Option<SpanPos> = None;
    for (si, s) in p.spans.iter().enumerate().skip(start.span) {
        let from = if si == start.span { start.byte } else { 0 };
        for (b, ch) in s.text[from..].char_indices() {
            if ch.is_whitespace() {
                return;
            }
            if let Some(h) = pending.take() {
                out.push((h, Ev::NoBreakHyphen));
            }
            if ch == '-' && prev.is_some() {
                pending = Some(SpanPos {
                    span: si,
                    byte: from + b,
                });
            }
            prev = Some(ch);
        }
    }
}

fn size_diff(r: &mut String, style: &Style, base: &Style) {
    if style.size != base.size {
        use std::fmt::Write;
        let _ = write!(
            r,
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
            style.size.0
        );
    }
}

/// `<wp:anchor>` up to `wp:docPr`: positioned from the column's left edge
/// and the paragraph's top, no text wrapping.
#[allow(clippy::too_many_arguments)]
fn anchor_open(
    x: &mut Xml,
    id: u32,
    behind: bool,
    x_emu: i64,
    y_emu: i64,
    cx: i64,
    cy: i64,
    effect: i64,
) {
    x.raw("<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\"");
    x.attr_int("relativeHeight", id as i64 * 1024);
    x.raw(if behind {
        " behindDoc=\"1\""
    } else {
        " behindDoc=\"0\""
    });
    x.raw(" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"column\"><wp:posOffset>");
    x.int(x_emu);
    x.raw("</wp:posOffset></wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>");
    x.int(y_emu);
    x.raw("</wp:posOffset></wp:positionV><wp:extent");
    x.attr_int("cx", cx);
    x.attr_int("cy", cy);
    x.raw("/><wp:effectExtent l=\"0\"");
    x.attr_int("t", effect);
    x.raw(" r=\"0\"");
    x.attr_int("b", effect);
    x.raw("/><wp:wrapNone/>");
}
