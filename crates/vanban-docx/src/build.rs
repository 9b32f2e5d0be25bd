//! From the model to a docx-rs document, following `docs/layout.md`.
//!
//! Every paragraph carries the named style of its [`Role`]; the only direct
//! paragraph formatting is spacing that depends on the neighbours (the gap
//! after the header or the title, the one-baseline rule of the header's
//! second row and of the closing block) and the alignment of table header
//! cells. What docx-rs cannot write (rules, content controls, repeated
//! header rows, pictures) is left as a marker run for `postprocess`.

use crate::postprocess::{marker_text, Marker, PictureShape, RuleShape};
use crate::DocxError;
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, RunFonts, SpecialIndentType, Style, StyleType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    WidthType,
};
use vanban_core::{
    place_images, Alignment, Assets, Block, CanCu, Document, HeadingStyle, PngInfo, Profile, Role,
    Run, Text, Tw,
};
use vanban_fonts::{FaceId, Fonts};

/// The body font named in the DOCX. LibreOffice substitutes the
/// metric-compatible Liberation Serif we measure with.
pub const FONT: &str = "Times New Roman";

/// A built document: the docx-rs tree, the markers its runs refer to, and
/// the picture parts to add to the package.
pub struct Built {
    pub docx: Docx,
    pub markers: Vec<Marker>,
    pub media: Vec<Media>,
}

/// An image part of the package (`word/media/…`) and its relationship.
#[derive(Debug, Clone)]
pub struct Media {
    pub rel_id: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What goes in a paragraph, before it becomes docx-rs.
#[derive(Debug, Clone)]
enum Piece {
    Text(Run),
    Marker(usize),
}

#[derive(Debug, Clone)]
struct Para {
    role: Role,
    pieces: Vec<Piece>,
    space_before: Option<Tw>,
    space_after: Option<Tw>,
    keep_next: bool,
    align: Option<Alignment>,
    bold: bool,
}

impl Para {
    fn new(role: Role) -> Para {
        Para {
            role,
            pieces: Vec::new(),
            space_before: None,
            space_after: None,
            keep_next: false,
            align: None,
            bold: false,
        }
    }
    fn plain(role: Role, s: &str) -> Para {
        Para::new(role).push(Run::plain(s))
    }
    fn push(mut self, r: Run) -> Para {
        if !r.text.is_empty() {
            self.pieces.push(Piece::Text(r));
        }
        self
    }
    fn push_text(mut self, t: &Text) -> Para {
        for r in &t.runs {
            self = self.push(r.clone());
        }
        self
    }
    fn marker(mut self, i: usize) -> Para {
        self.pieces.push(Piece::Marker(i));
        self
    }
    fn space_before(mut self, tw: Tw) -> Para {
        self.space_before = Some(tw);
        self
    }
    fn into_docx(self) -> Paragraph {
        let mut p = Paragraph::new().style(self.role.style_id());
        if self.space_before.is_some() || self.space_after.is_some() {
            let mut ls = LineSpacing::new();
            if let Some(sb) = self.space_before {
                ls = ls.before(sb.0.max(0) as u32);
            }
            if let Some(sa) = self.space_after {
                ls = ls.after(sa.0.max(0) as u32);
            }
            p = p.line_spacing(ls);
        }
        if self.keep_next {
            p = p.keep_next(true);
        }
        if let Some(a) = self.align {
            p = p.align(alignment(a));
        }
        for piece in self.pieces {
            let run = match piece {
                Piece::Text(r) => {
                    let mut run = docx_rs::Run::new().add_text(r.text);
                    if r.bold || self.bold {
                        run = run.bold();
                    }
                    if r.italic {
                        run = run.italic();
                    }
                    if r.underline {
                        run = run.underline("single");
                    }
                    run
                }
                Piece::Marker(i) => docx_rs::Run::new().add_text(marker_text(i)),
            };
            p = p.add_run(run);
        }
        p
    }
}

enum Flow {
    P(Para),
    T(Box<Table>),
    /// An empty paragraph of exactly this height, kept with what follows:
    /// the space before a table that follows another table (Word would
    /// merge two adjacent tables into one).
    Spacer(Tw),
}

fn spacer(h: Tw) -> Paragraph {
    Paragraph::new()
        .style(Role::Body.style_id())
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(h.0.max(1))
                .line_rule(LineSpacingType::Exact),
        )
        .keep_next(true)
}

fn alignment(a: Alignment) -> AlignmentType {
    match a {
        Alignment::Left => AlignmentType::Left,
        Alignment::Center => AlignmentType::Center,
        Alignment::Right => AlignmentType::Right,
        Alignment::Justify => AlignmentType::Both,
    }
}

fn usize_tw(t: Tw) -> usize {
    t.0.max(0) as usize
}

struct Builder<'a> {
    profile: &'a Profile,
    fonts: &'a Fonts,
    assets: &'a Assets,
    markers: Vec<Marker>,
    media: Vec<Media>,
}

impl<'a> Builder<'a> {
    fn mark(&mut self, m: Marker) -> usize {
        self.markers.push(m);
        self.markers.len() - 1
    }

    fn face(&self, role: Role) -> &vanban_fonts::Face {
        let s = self.profile.style(role);
        self.fonts.face(FaceId::new(s.bold, s.italic))
    }

    fn size_pt(&self, role: Role) -> f32 {
        self.profile.style(role).size.pt()
    }

    /// Width of a line of text set in the role's face, no kerning.
    fn width(&self, role: Role, s: &str) -> Tw {
        Tw::from_pt(self.face(role).width(s, self.size_pt(role)))
    }

    fn baseline(&self, role: Role) -> Tw {
        Tw::from_pt(self.face(role).baseline_offset(self.size_pt(role)))
    }

    /// Line pitch of the role: the face's single line times `style.line`/240.
    fn pitch(&self, role: Role) -> Tw {
        let s = self.profile.style(role);
        Tw::from_pt(self.face(role).line_height(s.size.pt()) * s.line as f32 / 240.0)
    }

    /// The widths of the lines `s` breaks into at `avail`, breaking at
    /// spaces only (layout.md), the way the PDF back end breaks them.
    fn line_widths(&self, role: Role, s: &str, avail: Tw) -> Vec<Tw> {
        let face = self.face(role);
        let size = self.size_pt(role);
        let space = face.width(" ", size);
        let limit = avail.pt();
        let mut lines = Vec::new();
        let mut cur: Option<f32> = None;
        for word in s.split(' ').filter(|w| !w.is_empty()) {
            let w = face.width(word, size);
            cur = Some(match cur {
                None => w,
                Some(c) if c + space + w <= limit + 0.01 => c + space + w,
                Some(c) => {
                    lines.push(Tw::from_pt(c));
                    w
                }
            });
        }
        lines.push(Tw::from_pt(cur.unwrap_or(0.0)));
        lines
    }

    /// A rule under the last line of a paragraph of `lines` lines, centred
    /// in a column `column` wide.
    fn rule_under(&mut self, role: Role, lines: usize, length: Tw, column: Tw) -> usize {
        let offset_y = Tw(self.pitch(role).0 * (lines.max(1) as i32 - 1))
            + self.baseline(role)
            + self.profile.rule_drop;
        self.mark(Marker::Rule(RuleShape {
            length,
            thickness: self.profile.rule_width,
            offset_y,
            column,
        }))
    }

    fn styles(&self, mut docx: Docx) -> Docx {
        let (left_col, _) = self.profile.header_columns();
        for &role in Role::ALL {
            let s = self.profile.style(role);
            let mut st = Style::new(role.style_id(), StyleType::Paragraph)
                .name(role.name_vi())
                .based_on("Normal")
                .size(s.size.0 as usize)
                .align(alignment(s.align))
                .line_spacing(
                    LineSpacing::new()
                        .before(s.space_before.0.max(0) as u32)
                        .after(s.space_after.0.max(0) as u32)
                        .line(s.line as i32)
                        .line_rule(LineSpacingType::Auto),
                );
            if s.bold {
                st = st.bold();
            }
            if s.italic {
                st = st.italic();
            }
            let left = (role == Role::KinhGui).then_some(left_col.0);
            let first = (s.first_line_indent.0 != 0)
                .then_some(SpecialIndentType::FirstLine(s.first_line_indent.0));
            if left.is_some() || first.is_some() {
                st = st.indent(left.or(Some(0)), first, None, None);
            }
            // Headings keep with the paragraph they head (layout.md), even
            // where the profile does not say so, and like the kính gửi
            // lines they are never split across pages (as the PDF lays
            // them out).
            let heading = matches!(role, Role::SectionHeading | Role::PartHeading);
            let keep = s.keep_with_next || heading;
            let keep_lines = heading || role == Role::KinhGui;
            st.paragraph_property = st
                .paragraph_property
                .keep_next(keep)
                .keep_lines(keep_lines)
                // Two-line widow and orphan control, as the PDF paginates.
                .widow_control(true);
            docx = docx.add_style(st);
        }
        docx
    }

    fn header_table(&mut self, doc: &Document) -> Table {
        let p = self.profile;
        let (lw, rw) = p.header_columns();

        // Row 1, left: superior lines, issuer lines, rule under the issuer.
        let mut left: Vec<Para> = Vec::new();
        for l in doc
            .issuer
            .superior
            .0
            .iter()
            .filter(|l| !l.trim().is_empty())
        {
            left.push(Para::plain(Role::Superior, l));
        }
        let issuer: Vec<&String> = doc.issuer.name.0.iter().collect();
        let widest = issuer
            .iter()
            .map(|l| self.width(Role::Issuer, l))
            .max()
            .unwrap_or_default();
        for (i, l) in issuer.iter().enumerate() {
            let mut para = Para::plain(Role::Issuer, l);
            if i + 1 == issuer.len() {
                let lines = self.line_widths(Role::Issuer, l, lw).len();
                let m = self.rule_under(Role::Issuer, lines, p.short_rule(widest), lw);
                para = para.marker(m);
            }
            left.push(para);
        }

        // Row 1, right: national name and motto with its rule.
        const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
        let motto = self.width(Role::TieuNgu, TIEU_NGU);
        let m = self.rule_under(Role::TieuNgu, 1, motto, p.header_columns().1);
        let right = vec![
            Para::plain(Role::QuocHieu, QUOC_HIEU),
            Para::plain(Role::TieuNgu, TIEU_NGU).marker(m),
        ];

        // Row 2: số hiệu and place-date on one baseline.
        let (so_extra, date_extra) = self.same_baseline(Role::SoHieu, Role::PlaceDate);
        let so = self.so_para(doc).space_before(p.header_row_gap + so_extra);
        let date = self
            .place_date_para(doc)
            .space_before(p.header_row_gap + date_extra);
        let mut left2 = vec![so];
        if doc.kind.type_name().is_none() {
            // The style's space before separates the V/v block from the
            // Số line; the block's own lines follow each other directly.
            for (i, l) in doc.trich_yeu.0.iter().enumerate() {
                let mut para = Para::plain(Role::TrichYeuCongVan, l);
                if i > 0 {
                    para = para.space_before(Tw(0));
                }
                left2.push(para);
            }
        }

        let rows = vec![
            TableRow::new(vec![cell(lw, left), cell(rw, right)]),
            TableRow::new(vec![cell(lw, left2), cell(rw, vec![date])]),
        ];
        layout_table(rows, &[lw, rw])
    }

    /// Extra space before each of two first lines so their baselines meet:
    /// the line with the smaller baseline offset gets the difference.
    fn same_baseline(&self, a: Role, b: Role) -> (Tw, Tw) {
        let (ba, bb) = (self.baseline(a), self.baseline(b));
        if ba < bb {
            (bb - ba, Tw(0))
        } else {
            (Tw(0), ba - bb)
        }
    }

    fn so_para(&mut self, doc: &Document) -> Para {
        let ky_hieu = doc.so_hieu.ky_hieu(doc.kind, &doc.issuer.abbreviation);
        let number = doc.so_hieu.number_text();
        let mut para = Para::plain(Role::SoHieu, "Số: ");
        if doc.so_hieu.number.is_none() {
            let m = self.mark(Marker::Field {
                title: "Số",
                tag: "so",
                text: number,
            });
            para = para.marker(m);
        } else {
            para = para.push(Run::plain(number));
        }
        para.push(Run::plain(format!("/{ky_hieu}")))
    }

    fn place_date_para(&mut self, doc: &Document) -> Para {
        let date = vanban_core::date::format_ngay_thang_nam(doc.date.as_ref());
        let mut para = Para::plain(Role::PlaceDate, &format!("{}, ", doc.place));
        if doc.date.map(|d| d.is_complete()) == Some(true) {
            para = para.push(Run::plain(date));
        } else {
            let m = self.mark(Marker::Field {
                title: "Ngày ban hành",
                tag: "ngay_ban_hanh",
                text: date,
            });
            para = para.marker(m);
        }
        para
    }

    fn title(&mut self, doc: &Document, flow: &mut Vec<Flow>) {
        let Some(name) = doc.kind.type_name() else {
            return;
        };
        let p = self.profile;
        // The title stays with the header and with the start of the body.
        let mut ten_loai = Para::plain(Role::TenLoai, name).space_before(p.gap_after_header);
        ten_loai.keep_next = true;
        flow.push(Flow::P(ten_loai));
        let lines: Vec<Vec<Tw>> = doc
            .trich_yeu
            .0
            .iter()
            .map(|l| self.line_widths(Role::TrichYeu, l, p.text_width()))
            .collect();
        let widest = lines.iter().flatten().copied().max().unwrap_or_default();
        let n = doc.trich_yeu.0.len();
        for (i, l) in doc.trich_yeu.0.iter().enumerate() {
            let mut para = Para::plain(Role::TrichYeu, l);
            para.keep_next = true;
            if i + 1 == n {
                let m = self.rule_under(
                    Role::TrichYeu,
                    lines[i].len(),
                    p.short_rule(widest),
                    p.text_width(),
                );
                para = para.marker(m);
            }
            flow.push(Flow::P(para));
        }
    }

    fn kinh_gui(&self, doc: &Document, flow: &mut Vec<Flow>) {
        match doc.kinh_gui.as_slice() {
            [] => {}
            [one] => flow.push(Flow::P(
                Para::plain(Role::KinhGui, "Kính gửi: ").push_text(one),
            )),
            many => {
                let mut label = Para::plain(Role::KinhGui, "Kính gửi:");
                label.keep_next = true;
                flow.push(Flow::P(label));
                for k in many {
                    flow.push(Flow::P(Para::plain(Role::KinhGui, "- ").push_text(k)));
                }
            }
        }
    }

    fn blocks(&mut self, blocks: &[Block], flow: &mut Vec<Flow>) {
        for b in blocks {
            match b {
                Block::Paragraph(t) => flow.push(Flow::P(Para::new(Role::Body).push_text(t))),
                Block::List(items) => {
                    for it in items {
                        flow.push(Flow::P(Para::plain(Role::Body, "- ").push_text(&it.text)));
                        for s in &it.sub {
                            flow.push(Flow::P(Para::plain(Role::Body, "+ ").push_text(s)));
                        }
                    }
                }
                Block::Item(it) => {
                    let mut para = Para::new(Role::Body);
                    match &it.heading {
                        Some(h) => {
                            para = para.push(Run::bold(format!("{}. ", it.number)));
                            for r in &h.runs {
                                para = para.push(Run {
                                    bold: true,
                                    ..r.clone()
                                });
                            }
                            if !it.text.is_empty() {
                                para = para.push(Run::plain(" ")).push_text(&it.text);
                            }
                        }
                        None => {
                            para = para
                                .push(Run::plain(format!("{}. ", it.number)))
                                .push_text(&it.text)
                        }
                    }
                    flow.push(Flow::P(para));
                    self.blocks(&it.children, flow);
                }
                Block::Point(pt) => {
                    flow.push(Flow::P(
                        Para::plain(Role::Body, &format!("{}) ", pt.letter)).push_text(&pt.text),
                    ));
                    self.blocks(&pt.children, flow);
                }
                Block::Heading(h) => match h.style {
                    HeadingStyle::Section => {
                        let s = match &h.label {
                            Some(l) => format!("{l} {}", h.title),
                            None => h.title.clone(),
                        };
                        flow.push(Flow::P(Para::plain(Role::SectionHeading, &s)));
                    }
                    HeadingStyle::Part => {
                        // Label and title read as one heading: no space
                        // between them.
                        let mut title = Para::plain(Role::PartHeading, &h.title);
                        if let Some(l) = &h.label {
                            flow.push(Flow::P(Para::plain(Role::PartHeading, l)));
                            title = title.space_before(Tw(0));
                        }
                        flow.push(Flow::P(title));
                    }
                },
                Block::Table(t) => flow.push(Flow::T(Box::new(self.body_table(t)))),
                Block::Article(a) => {
                    let mut para =
                        Para::new(Role::Body).push(Run::bold(format!("Điều {}. ", a.number)));
                    if let Some(t) = &a.title {
                        for r in &t.runs {
                            para = para.push(Run {
                                bold: true,
                                ..r.clone()
                            });
                        }
                        para = para.push(Run::plain(" "));
                    }
                    flow.push(Flow::P(para.push_text(&a.text)));
                    self.blocks(&a.children, flow);
                }
                Block::Indented(ls) => {
                    for l in ls {
                        flow.push(Flow::P(Para::new(Role::Body).push_text(l)));
                    }
                }
            }
        }
    }

    fn body_table(&mut self, t: &vanban_core::Table) -> Table {
        let p = self.profile;
        let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum();
        let n = t.columns.len().max(1);
        let tw = p.text_width().0;
        let mut widths: Vec<Tw> = t
            .columns
            .iter()
            .map(|c| {
                if total > 0.0 {
                    Tw((tw as f32 * c.width.max(0.0) / total).round() as i32)
                } else {
                    Tw(tw / n as i32)
                }
            })
            .collect();
        if widths.is_empty() {
            widths.push(p.text_width());
        }
        // Rounding must not make the table wider or narrower than the text.
        let sum: i32 = widths.iter().map(|w| w.0).sum();
        if let Some(last) = widths.last_mut() {
            last.0 += tw - sum;
        }
        let col_align = |i: usize| {
            t.columns.get(i).map_or(Alignment::Left, |c| match c.align {
                vanban_core::Align::Left => Alignment::Left,
                vanban_core::Align::Center => Alignment::Center,
                vanban_core::Align::Right => Alignment::Right,
                vanban_core::Align::Justify => Alignment::Justify,
            })
        };
        let mut rows = Vec::new();
        for row in &t.header {
            // Every header row repeats, not just the first: each carries
            // its own marker, in its first cell's paragraph.
            let m = self.mark(Marker::RepeatHeaderRow);
            let cells = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let mut para = Para::new(Role::TableText);
                    para.align = Some(Alignment::Center);
                    para.bold = true;
                    if let Some(txt) = row.get(i) {
                        para = para.push_text(txt);
                    }
                    if i == 0 {
                        para = para.marker(m);
                    }
                    cell(*w, vec![para])
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        for row in &t.rows {
            let cells = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let mut para = Para::new(Role::TableText);
                    para.align = Some(col_align(i));
                    if let Some(txt) = row.get(i) {
                        para = para.push_text(txt);
                    }
                    cell(*w, vec![para])
                })
                .collect();
            // A row is never split across pages (the PDF moves rows whole).
            rows.push(TableRow::new(cells).cant_split());
        }
        let sz = ((p.rule_width.0 as f32) * 8.0 / 20.0).round().max(2.0) as usize;
        let mut borders = TableBorders::with_empty();
        for pos in [
            TableBorderPosition::Top,
            TableBorderPosition::Left,
            TableBorderPosition::Bottom,
            TableBorderPosition::Right,
            TableBorderPosition::InsideH,
            TableBorderPosition::InsideV,
        ] {
            borders = borders.set(
                TableBorder::new(pos)
                    .border_type(BorderType::Single)
                    .size(sz)
                    .color("000000"),
            );
        }
        let grid: Vec<usize> = widths.iter().map(|w| usize_tw(*w)).collect();
        let pad = usize_tw(p.table_cell_padding);
        Table::new(rows)
            .set_grid(grid)
            .layout(TableLayoutType::Fixed)
            .width(usize_tw(p.text_width()), WidthType::Dxa)
            .indent(0)
            .margins(TableCellMargins::new().margin(0, pad, 0, pad))
            .set_borders(borders)
    }

    /// The closing table. `gap` is the space its first lines get before
    /// them (none when a spacer paragraph already holds it).
    fn closing(&mut self, doc: &Document, gap: Tw) -> Result<Table, DocxError> {
        let p = self.profile;
        let (lw, rw) = p.closing_columns();
        let (label_extra, auth_extra) = self.same_baseline(Role::NoiNhanLabel, Role::Authority);

        let mut left =
            vec![Para::plain(Role::NoiNhanLabel, "Nơi nhận:").space_before(gap + label_extra)];
        for e in &doc.noi_nhan.entries {
            left.push(Para::plain(Role::NoiNhanEntry, "- ").push_text(e));
        }
        if let Some(l) = &doc.noi_nhan.luu {
            left.push(Para::plain(Role::NoiNhanEntry, &format!("- {}", l.text())));
        }

        let sig = &doc.signature;
        let mut right: Vec<Para> = sig
            .authority
            .iter()
            .chain(std::iter::once(&sig.post))
            .filter(|l| !l.trim().is_empty())
            .map(|l| Para::plain(Role::Authority, l))
            .collect();
        if let Some(first) = right.first_mut() {
            first.space_before = Some(gap + auth_extra);
        }
        let mut name = Para::plain(Role::SignerName, &sig.name).space_before(p.signing_space);
        // Pictures are anchored to the name's paragraph, whose top (its
        // space before included, in Word and LibreOffice alike) is the top
        // of the signing space.
        for m in self.pictures(doc, rw)? {
            name = name.marker(m);
        }
        right.push(name);

        let row = TableRow::new(vec![cell(lw, left), cell(rw, right)]).cant_split();
        Ok(layout_table(vec![row], &[lw, rw]))
    }

    /// Signature and seal images, placed in the signing space: the
    /// signature centred in it, the seal over its left third.
    fn pictures(&mut self, doc: &Document, col: Tw) -> Result<Vec<usize>, DocxError> {
        let sig = &doc.signature;
        let mut found: Vec<(ImageKind, &String, &[u8], PngInfo)> = Vec::new();
        for (which, reference) in [
            (ImageKind::Signature, &sig.signature_image),
            (ImageKind::Seal, &sig.seal_image),
        ] {
            let Some(reference) = reference else { continue };
            let bytes = self
                .assets
                .get(reference)
                .ok_or_else(|| DocxError::MissingImage(reference.clone()))?;
            let info = PngInfo::read(bytes)
                .ok_or_else(|| DocxError::UnsupportedImage(reference.clone()))?;
            found.push((which, reference, bytes.as_slice(), info));
        }
        let info_of = |k: ImageKind| found.iter().find(|f| f.0 == k).map(|f| &f.3);
        // The same placement the PDF uses (vanban_core::place_images).
        let (sig_box, seal_box) = place_images(
            self.profile,
            col,
            info_of(ImageKind::Signature),
            info_of(ImageKind::Seal),
        );
        let mut out = Vec::new();
        for (which, _, bytes, _) in &found {
            let b = match which {
                ImageKind::Signature => sig_box,
                ImageKind::Seal => seal_box,
            }
            .expect("a box for every image found");
            let n = self.media.len() + 1;
            let rel_id = format!("rIdVbImage{n}");
            self.media.push(Media {
                rel_id: rel_id.clone(),
                file_name: format!("vanban_image{n}.png"),
                bytes: bytes.to_vec(),
            });
            let m = self.mark(Marker::Picture(PictureShape {
                rel_id,
                name: match which {
                    ImageKind::Signature => "Chữ ký".into(),
                    ImageKind::Seal => "Dấu".into(),
                },
                width: b.width,
                height: b.height,
                offset_x: b.x,
                offset_y: b.y,
                behind: matches!(which, ImageKind::Signature),
            }));
            out.push(m);
        }
        Ok(out)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ImageKind {
    Signature,
    Seal,
}

fn cell(w: Tw, paras: Vec<Para>) -> TableCell {
    let mut c = TableCell::new().width(usize_tw(w), WidthType::Dxa);
    // A cell must hold at least one paragraph (Word reports the file as
    // damaged otherwise).
    if paras.is_empty() {
        return c.add_paragraph(Paragraph::new());
    }
    for p in paras {
        c = c.add_paragraph(p.into_docx());
    }
    c
}

/// A borderless layout table of fixed column widths and no cell margins.
fn layout_table(rows: Vec<TableRow>, cols: &[Tw]) -> Table {
    let total: i32 = cols.iter().map(|c| c.0).sum();
    Table::without_borders(rows)
        .set_grid(cols.iter().map(|c| usize_tw(*c)).collect())
        .layout(TableLayoutType::Fixed)
        .width(total.max(0) as usize, WidthType::Dxa)
        .indent(0)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Builds the docx-rs document of `doc`.
pub fn build(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
) -> Result<Built, DocxError> {
    let mut b = Builder {
        profile,
        fonts,
        assets,
        markers: Vec::new(),
        media: Vec::new(),
    };
    let p = profile;
    let body_size = p.style(Role::Body).size.0 as usize;
    let mut docx = Docx::new()
        .page_size(p.page_width.0 as u32, p.page_height.0 as u32)
        .page_margin(
            PageMargin::new()
                .top(p.margin_top.0)
                .bottom(p.margin_bottom.0)
                .left(p.margin_left.0)
                .right(p.margin_right.0)
                .header(p.header_distance.0)
                .footer(p.header_distance.0)
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(body_size);
    docx = b.styles(docx);

    // Page number from page 2: PAGE in the default header, an empty
    // first-page header, and titlePg.
    docx = docx
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style(Role::PageNumber.style_id())
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .title_pg();

    let header = b.header_table(doc);
    let mut flow: Vec<Flow> = Vec::new();
    b.title(doc, &mut flow);
    let before_body = flow.len();
    b.kinh_gui(doc, &mut flow);
    let after_kinh_gui = flow.len();
    match &doc.can_cu {
        Some(CanCu::Lines(lines)) => {
            for l in lines {
                flow.push(Flow::P(Para::new(Role::CanCu).push_text(l)));
            }
        }
        Some(CanCu::Paragraph(t)) => flow.push(Flow::P(Para::new(Role::Body).push_text(t))),
        None => {}
    }
    b.blocks(&doc.body, &mut flow);

    // The first block after the title (or kính gửi) starts the body.
    let gap_at = if after_kinh_gui > before_body {
        after_kinh_gui
    } else {
        before_body
    };
    if let Some(Flow::P(para)) = flow.get_mut(gap_at) {
        para.space_before = Some(p.gap_after_title);
    }
    if after_kinh_gui > before_body {
        if let Some(Flow::P(para)) = flow.get_mut(before_body) {
            para.space_before = Some(if before_body == 0 {
                p.gap_after_header
            } else {
                p.gap_after_title
            });
        }
    }
    // A table's space before (the PDF's) becomes the space after the
    // paragraph above it, or a spacer paragraph after another table.
    let body_space = p.style(Role::Body).space_before;
    let mut spaced: Vec<Flow> = Vec::with_capacity(flow.len());
    for (i, f) in flow.into_iter().enumerate() {
        if matches!(f, Flow::T(_)) {
            let space = if i == gap_at {
                p.gap_after_title
            } else {
                body_space
            };
            match spaced.last_mut() {
                Some(Flow::P(prev)) => prev.space_after = Some(space),
                _ => spaced.push(Flow::Spacer(space)),
            }
        }
        spaced.push(f);
    }
    let mut flow = spaced;
    // The end of the body stays with the nơi nhận / signature block.
    let closing_gap = match flow.last_mut() {
        Some(Flow::P(para)) => {
            para.keep_next = true;
            p.gap_before_closing
        }
        _ => {
            flow.push(Flow::Spacer(p.gap_before_closing));
            Tw(0)
        }
    };

    let closing = b.closing(doc, closing_gap)?;

    docx = docx.add_table(header);
    for f in flow {
        docx = match f {
            Flow::P(para) => docx.add_paragraph(para.into_docx()),
            Flow::T(t) => docx.add_table(*t),
            Flow::Spacer(h) => docx.add_paragraph(spacer(h)),
        };
    }
    docx = docx.add_table(closing);

    Ok(Built {
        docx,
        markers: b.markers,
        media: b.media,
    })
}
