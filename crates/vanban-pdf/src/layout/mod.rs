//! Layout: the document and the ND30 profile in, pages of positioned items
//! out (see `docs/layout.md` for the page this builds). Every size, margin
//! and spacing comes from [`Profile`]; every width from the embedded font's
//! metrics.

pub mod lines;
pub mod paginate;

use crate::frame::{ImageBox, Item, Line, Page, SigningSpace};
use lines::{break_lines, LaidLine, Measure, Span};
use paginate::{paginate, Area, Unit};
use vanban_core::{
    place_images, Align, Alignment, Assets, Block, CanCu, Document, HeadingStyle, PngInfo, Profile,
    Role, Style, Text, Tw,
};
use vanban_fonts::{FaceId, Fonts};

/// The national name and motto (ô 1), exactly as Decree 30 writes them.
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

fn pt(t: Tw) -> f32 {
    t.pt()
}

/// Lays a document out into pages.
pub fn layout(doc: &Document, profile: &Profile, fonts: &Fonts, assets: &Assets) -> Vec<Page> {
    let mut b = Builder {
        doc,
        p: profile,
        fonts,
        assets,
        units: Vec::new(),
        pending_space: None,
        keep_next: false,
        tables: 0,
    };
    b.header();
    b.title();
    b.kinh_gui();
    b.can_cu();
    b.blocks(&doc.body);
    b.closing();
    let area = Area {
        top: pt(profile.margin_top),
        bottom: pt(profile.page_height - profile.margin_bottom),
    };
    let pages = paginate(&b.units, area);
    let (w, h) = (pt(profile.page_width), pt(profile.page_height));
    let count = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(n, mut items)| {
            if n > 0 {
                items.extend(b.page_number(n + 1, count));
            }
            Page {
                width: w,
                height: h,
                items,
            }
        })
        .collect()
}

struct Builder<'a> {
    doc: &'a Document,
    p: &'a Profile,
    fonts: &'a Fonts,
    assets: &'a Assets,
    units: Vec<Unit>,
    /// Space before the next block, replacing its own (after the title).
    pending_space: Option<f32>,
    /// The previous unit must stay on the same page as the next one.
    keep_next: bool,
    tables: usize,
}

/// A laid-out block of lines with their vertical metrics.
struct Lines {
    lines: Vec<LaidLine>,
    pitch: f32,
    baseline: f32,
    /// Extra space above the first line (table cells: the border).
    offset: f32,
}

impl Lines {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * self.pitch
    }
    /// The items of all lines, with the block's top at `top` and its left at `x`.
    fn items(&self, x: f32, top: f32) -> Vec<Item> {
        let mut out = Vec::new();
        for (k, l) in self.lines.iter().enumerate() {
            let y = top + k as f32 * self.pitch + self.baseline;
            for r in &l.runs {
                let mut r = r.clone();
                r.x += x;
                r.y = y;
                out.push(Item::Text(r));
            }
        }
        out
    }
    fn widest(&self) -> f32 {
        self.lines.iter().map(|l| l.natural).fold(0.0, f32::max)
    }
}

fn face(bold: bool, italic: bool) -> FaceId {
    FaceId::new(bold, italic)
}

fn spans_of(text: &Text, style: &Style) -> Vec<Span> {
    text.runs
        .iter()
        .map(|r| Span {
            face: face(r.bold || style.bold, r.italic || style.italic),
            underline: r.underline,
            text: r.text.clone(),
        })
        .collect()
}

impl<'a> Builder<'a> {
    /// Breaks spans with a role's style into lines of the given width.
    fn lay(&self, spans: &[Span], style: &Style, width: f32, first_indent: f32) -> Lines {
        let size = style.size.pt();
        let metrics = self.fonts.face(FaceId::REGULAR);
        let lines = break_lines(
            self.fonts,
            spans,
            Measure {
                width,
                first_indent,
                size,
                align: style.align,
            },
        );
        Lines {
            lines,
            pitch: metrics.line_height(size) * style.line as f32 / 240.0,
            baseline: metrics.baseline_offset(size),
            offset: 0.0,
        }
    }

    fn lay_plain(&self, text: &str, role: Role, width: f32) -> Lines {
        let style = self.p.style(role);
        let spans = [Span::new(face(style.bold, style.italic), text)];
        self.lay(&spans, &style, width, 0.0)
    }

    fn rule(&self, x_center: f32, y: f32, length: f32) -> Item {
        Item::Line(Line {
            x0: x_center - length / 2.0,
            y0: y,
            x1: x_center + length / 2.0,
            y1: y,
            width: pt(self.p.rule_width),
        })
    }

    fn left(&self) -> f32 {
        pt(self.p.margin_left)
    }
    fn text_width(&self) -> f32 {
        pt(self.p.text_width())
    }

    /// Pushes a paragraph as one unit per line, with widow and orphan
    /// control and the pending keep-with-next.
    fn paragraph(&mut self, spans: &[Span], role: Role, indent_left: f32, keep_lines: bool) {
        let style = self.p.style(role);
        let width = self.text_width() - indent_left;
        let lines = self.lay(spans, &style, width, pt(style.first_line_indent));
        let space = self.pending_space.take().unwrap_or(pt(style.space_before));
        let n = lines.lines.len();
        let x = self.left() + indent_left;
        for k in 0..n {
            let one = Lines {
                lines: vec![lines.lines[k].clone()],
                pitch: lines.pitch,
                baseline: lines.baseline,
                offset: 0.0,
            };
            let mut u = Unit::new(
                lines.pitch,
                if k == 0 { space } else { 0.0 },
                one.items(x, 0.0),
            );
            u.break_before = if k == 0 {
                !self.keep_next
            } else {
                !keep_lines && k >= 2 && n - k >= 2
            };
            self.units.push(u);
        }
        self.keep_next = style.keep_with_next;
    }

    fn header(&mut self) {
        let (lw, rw) = self.p.header_columns();
        let (lw, rw) = (pt(lw), pt(rw));
        let lx = self.left();
        let rx = lx + lw;
        let mut items = Vec::new();
        // Left column: superior body, issuing body, rule.
        let mut y = 0.0;
        for line in &self.doc.issuer.superior.0 {
            let l = self.lay_plain(line, Role::Superior, lw);
            items.extend(l.items(lx, y));
            y += l.height();
        }
        let mut widest: f32 = 0.0;
        let mut last_base = y;
        for line in &self.doc.issuer.name.0 {
            let l = self.lay_plain(line, Role::Issuer, lw);
            items.extend(l.items(lx, y));
            widest = widest.max(l.widest());
            last_base = y + l.height() - l.pitch + l.baseline;
            y += l.height();
        }
        if widest > 0.0 {
            let len = pt(self.p.short_rule(Tw::from_pt(widest)));
            items.push(self.rule(lx + lw / 2.0, last_base + pt(self.p.rule_drop), len));
        }
        let left_h = y;
        // Right column: national name, motto, rule as wide as the motto.
        let qh = self.lay_plain(
            QUOC_HIEU,
            Role::QuocHieu,
            rw.max(self.widest_single(QUOC_HIEU, Role::QuocHieu)),
        );
        let qh_x = rx + (rw - rw.max(self.widest_single(QUOC_HIEU, Role::QuocHieu))) / 2.0;
        items.extend(qh.items(qh_x, 0.0));
        let tn = self.lay_plain(TIEU_NGU, Role::TieuNgu, rw);
        items.extend(tn.items(rx, qh.height()));
        let tn_base = qh.height() + tn.baseline;
        items.push(self.rule(rx + rw / 2.0, tn_base + pt(self.p.rule_drop), tn.widest()));
        let right_h = qh.height() + tn.height();
        // Row 2: số hiệu and place-date on one baseline.
        let top = left_h.max(right_h) + pt(self.p.header_row_gap);
        let so = self.lay_plain(&self.doc.so_line(), Role::SoHieu, lw);
        let date = self.lay_plain(&self.doc.place_date_line(), Role::PlaceDate, rw);
        let base = so.baseline.max(date.baseline);
        items.extend(so.items(lx, top + base - so.baseline));
        items.extend(date.items(rx, top + base - date.baseline));
        let mut left_bottom = top + base - so.baseline + so.height();
        // Công văn (no type name): the trích yếu is the `V/v …` line(s)
        // centred under the số (ô 5b), with the style's space before.
        if self.doc.kind.type_name().is_none() {
            let style = self.p.style(Role::TrichYeuCongVan);
            left_bottom += pt(style.space_before);
            for line in &self.doc.trich_yeu.0 {
                let l = self.lay_plain(line, Role::TrichYeuCongVan, lw);
                items.extend(l.items(lx, left_bottom));
                left_bottom += l.height();
            }
        }
        let h = left_bottom.max(top + base - date.baseline + date.height());
        let mut u = Unit::new(h, 0.0, items);
        u.break_before = false;
        self.units.push(u);
    }

    /// Width of a line that must never wrap (the national name): if the
    /// column is narrower, the line is centred over it and overhangs.
    fn widest_single(&self, text: &str, role: Role) -> f32 {
        let s = self.p.style(role);
        self.fonts
            .face(face(s.bold, s.italic))
            .width(text, s.size.pt())
            + 0.5
    }

    fn title(&mut self) {
        let Some(type_name) = self.doc.kind.type_name() else {
            return;
        };
        let w = self.text_width();
        let x = self.left();
        let tl = self.lay_plain(type_name, Role::TenLoai, w);
        let mut first = true;
        for line in &tl.lines {
            let one = Lines {
                lines: vec![line.clone()],
                pitch: tl.pitch,
                baseline: tl.baseline,
                offset: 0.0,
            };
            let mut u = Unit::new(
                tl.pitch,
                if first {
                    pt(self.p.gap_after_header)
                } else {
                    0.0
                },
                one.items(x, 0.0),
            );
            u.break_before = false;
            first = false;
            self.units.push(u);
        }
        let mut widest: f32 = 0.0;
        let mut subject: Vec<Lines> = Vec::new();
        for line in &self.doc.trich_yeu.0 {
            let l = self.lay_plain(line, Role::TrichYeu, w);
            widest = widest.max(l.widest());
            subject.push(l);
        }
        let count: usize = subject.iter().map(|l| l.lines.len()).sum();
        let mut seen = 0;
        for l in &subject {
            for line in &l.lines {
                seen += 1;
                let one = Lines {
                    lines: vec![line.clone()],
                    pitch: l.pitch,
                    baseline: l.baseline,
                    offset: 0.0,
                };
                let mut items = one.items(x, 0.0);
                if seen == count {
                    let len = pt(self.p.short_rule(Tw::from_pt(widest)));
                    items.push(self.rule(x + w / 2.0, l.baseline + pt(self.p.rule_drop), len));
                }
                let mut u = Unit::new(l.pitch, 0.0, items);
                u.break_before = false;
                self.units.push(u);
            }
        }
        self.keep_next = true;
        self.pending_space = Some(pt(self.p.gap_after_title));
    }

    fn kinh_gui(&mut self) {
        let kg = &self.doc.kinh_gui;
        if kg.is_empty() {
            return;
        }
        let indent = pt(self.p.header_columns().0);
        let style = self.p.style(Role::KinhGui);
        // Without a title (công văn), kính gửi follows the header directly,
        // at the distance the title would have kept (as the DOCX does).
        if self.doc.kind.type_name().is_none() {
            self.pending_space = Some(pt(self.p.gap_after_header));
        }
        if kg.len() == 1 {
            let mut spans = vec![Span::new(face(style.bold, style.italic), "Kính gửi: ")];
            spans.extend(spans_of(&kg[0], &style));
            self.paragraph(&spans, Role::KinhGui, indent, true);
        } else {
            let spans = vec![Span::new(face(style.bold, style.italic), "Kính gửi:")];
            self.paragraph(&spans, Role::KinhGui, indent, true);
            self.keep_next = true;
            for t in kg {
                let mut spans = vec![Span::new(face(style.bold, style.italic), "- ")];
                spans.extend(spans_of(t, &style));
                self.paragraph(&spans, Role::KinhGui, indent, true);
            }
        }
        if self.pending_space.is_none() {
            self.pending_space = Some(pt(self.p.gap_after_title));
        }
    }

    fn can_cu(&mut self) {
        match &self.doc.can_cu {
            Some(CanCu::Lines(ls)) => {
                let style = self.p.style(Role::CanCu);
                for t in ls {
                    let spans = spans_of(t, &style);
                    self.paragraph(&spans, Role::CanCu, 0.0, false);
                }
            }
            Some(CanCu::Paragraph(t)) => {
                let spans = spans_of(t, &self.p.style(Role::Body));
                self.paragraph(&spans, Role::Body, 0.0, false);
            }
            None => {}
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        let body = self.p.style(Role::Body);
        let plain = face(false, false);
        match b {
            Block::Paragraph(t) => {
                let spans = spans_of(t, &body);
                self.paragraph(&spans, Role::Body, 0.0, false);
            }
            Block::List(items) => {
                for it in items {
                    let mut spans = vec![Span::new(plain, "- ")];
                    spans.extend(spans_of(&it.text, &body));
                    self.paragraph(&spans, Role::Body, 0.0, false);
                    for s in &it.sub {
                        let mut spans = vec![Span::new(plain, "+ ")];
                        spans.extend(spans_of(s, &body));
                        self.paragraph(&spans, Role::Body, 0.0, false);
                    }
                }
            }
            Block::Item(it) => {
                let mut spans = Vec::new();
                match &it.heading {
                    Some(h) => {
                        spans.push(Span::new(face(true, false), format!("{}. ", it.number)));
                        for r in &h.runs {
                            spans.push(Span {
                                face: face(true, r.italic),
                                underline: r.underline,
                                text: r.text.clone(),
                            });
                        }
                        if !it.text.is_empty() {
                            spans.push(Span::new(plain, " "));
                        }
                    }
                    None => spans.push(Span::new(plain, format!("{}. ", it.number))),
                }
                spans.extend(spans_of(&it.text, &body));
                self.paragraph(&spans, Role::Body, 0.0, false);
                self.blocks(&it.children);
            }
            Block::Point(pnt) => {
                let mut spans = vec![Span::new(plain, format!("{}) ", pnt.letter))];
                spans.extend(spans_of(&pnt.text, &body));
                self.paragraph(&spans, Role::Body, 0.0, false);
                self.blocks(&pnt.children);
            }
            Block::Heading(h) => match h.style {
                HeadingStyle::Section => {
                    let text = match &h.label {
                        Some(l) => format!("{l} {}", h.title),
                        None => h.title.clone(),
                    };
                    self.paragraph(
                        &[Span::new(face(true, false), text)],
                        Role::SectionHeading,
                        0.0,
                        true,
                    );
                    self.keep_next = true;
                }
                HeadingStyle::Part => {
                    if let Some(l) = &h.label {
                        self.paragraph(
                            &[Span::new(face(true, false), l.clone())],
                            Role::PartHeading,
                            0.0,
                            true,
                        );
                        self.keep_next = true;
                        self.pending_space = Some(0.0);
                    }
                    self.paragraph(
                        &[Span::new(face(true, false), h.title.clone())],
                        Role::PartHeading,
                        0.0,
                        true,
                    );
                    self.keep_next = true;
                }
            },
            Block::Table(t) => self.table(t),
        }
    }

    fn table(&mut self, t: &vanban_core::Table) {
        let id = self.tables;
        self.tables += 1;
        let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum::<f32>();
        let n = t.columns.len().max(1);
        let w = self.text_width();
        let widths: Vec<f32> = if total > 0.0 {
            t.columns
                .iter()
                .map(|c| w * c.width.max(0.0) / total)
                .collect()
        } else {
            vec![w / n as f32; n]
        };
        let pad = pt(self.p.table_cell_padding);
        let rule = pt(self.p.rule_width);
        let base_style = self.p.style(Role::TableText);
        let space = self
            .pending_space
            .take()
            .unwrap_or(pt(self.p.style(Role::Body).space_before));
        let rows = t
            .header
            .iter()
            .map(|r| (r, true))
            .chain(t.rows.iter().map(|r| (r, false)));
        let mut first = true;
        let mut body_rows = 0;
        for (row, is_header) in rows {
            let mut x = self.left();
            let mut cells = Vec::new();
            let mut height: f32 = 0.0;
            for (c, cw) in widths.iter().enumerate() {
                let align = match t.columns.get(c).map(|c| c.align).unwrap_or_default() {
                    _ if is_header => Alignment::Center,
                    Align::Left => Alignment::Left,
                    Align::Center => Alignment::Center,
                    Align::Right => Alignment::Right,
                    Align::Justify => Alignment::Justify,
                };
                let style = Style {
                    bold: is_header || base_style.bold,
                    align,
                    ..base_style
                };
                let text = row.get(c).cloned().unwrap_or_default();
                let l = self.lay(
                    &spans_of(&text, &style),
                    &style,
                    (cw - 2.0 * pad).max(1.0),
                    0.0,
                );
                height = height.max(l.height());
                cells.push((x, *cw, l));
                x += cw;
            }
            // Word and LibreOffice add the border widths to a row's height:
            // half a rule above and below the text, a whole one on the first row.
            let text_top = if first { rule } else { rule / 2.0 };
            let height = height + text_top + rule / 2.0;
            for (_, _, l) in cells.iter_mut() {
                l.offset = text_top;
            }
            let mut items = Vec::new();
            let right = self.left() + w;
            items.push(Item::Line(Line {
                x0: self.left(),
                y0: 0.0,
                x1: right,
                y1: 0.0,
                width: rule,
            }));
            items.push(Item::Line(Line {
                x0: self.left(),
                y0: height,
                x1: right,
                y1: height,
                width: rule,
            }));
            // Vertical borders: the left edge, then the right edge of each cell.
            let vline = |x: f32| {
                Item::Line(Line {
                    x0: x,
                    y0: 0.0,
                    x1: x,
                    y1: height,
                    width: rule,
                })
            };
            items.push(vline(self.left()));
            for (cx, cw, l) in &cells {
                items.extend(l.items(cx + pad, l.offset));
                items.push(vline(cx + cw));
            }
            let mut u = Unit::new(height, if first { space } else { 0.0 }, items);
            u.table = Some((id, is_header));
            u.break_before = if first {
                !self.keep_next
            } else {
                // A header row stays with the next; the first body row with the header.
                !is_header && body_rows > 0
            };
            if !is_header {
                body_rows += 1;
            }
            first = false;
            self.units.push(u);
        }
        self.keep_next = false;
    }

    fn closing(&mut self) {
        let (lw, rw) = self.p.closing_columns();
        let (lw, rw) = (pt(lw), pt(rw));
        let lx = self.left();
        let rx = lx + lw;
        // Left: nơi nhận.
        let label_style = self.p.style(Role::NoiNhanLabel);
        let entry_style = self.p.style(Role::NoiNhanEntry);
        let label = self.lay(
            &[Span::new(
                face(label_style.bold, label_style.italic),
                "Nơi nhận:",
            )],
            &label_style,
            lw,
            0.0,
        );
        let mut left: Vec<Lines> = vec![label];
        let nn = &self.doc.noi_nhan;
        let mut entries: Vec<Vec<Span>> = nn
            .entries
            .iter()
            .map(|t| {
                let mut s = vec![Span::new(face(entry_style.bold, entry_style.italic), "- ")];
                s.extend(spans_of(t, &entry_style));
                s
            })
            .collect();
        if let Some(l) = &nn.luu {
            entries.push(vec![Span::new(
                face(entry_style.bold, entry_style.italic),
                format!("- {}", l.text()),
            )]);
        }
        for e in &entries {
            left.push(self.lay(e, &entry_style, lw, 0.0));
        }
        // Right: authority lines, post, signing space, name.
        let mut right: Vec<Lines> = Vec::new();
        let sig = &self.doc.signature;
        for a in sig.authority.iter().chain(std::iter::once(&sig.post)) {
            right.push(self.lay_plain(a, Role::Authority, rw));
        }
        let name = self.lay_plain(&sig.name, Role::SignerName, rw);
        // First lines of both columns on one baseline.
        let base = left[0].baseline.max(right[0].baseline);
        let mut items = Vec::new();
        let mut y = base - left[0].baseline;
        for l in &left {
            items.extend(l.items(lx, y));
            y += l.height();
        }
        let left_h = y;
        let mut y = base - right[0].baseline;
        for l in &right {
            items.extend(l.items(rx, y));
            y += l.height();
        }
        let space_top = y;
        let space = pt(self.p.signing_space);
        items.extend(self.signature_images(rx, rw, space_top));
        // Where digital signatures go (empty fields when asked for).
        items.extend(SigningSpace::signer_and_seal(
            rx,
            space_top,
            rw,
            space,
            pt(self.p.seal_size),
        ));
        y += space;
        items.extend(name.items(rx, y));
        y += name.height();
        let mut u = Unit::new(left_h.max(y), pt(self.p.gap_before_closing), items);
        // The closing block never stands alone: it takes the last lines of
        // the body with it.
        u.break_before = false;
        self.units.push(u);
    }

    /// Signature centred in the signing space, seal over its left third:
    /// the placement both back ends share (`vanban_core::place_images`).
    fn signature_images(&self, x: f32, width: f32, top: f32) -> Vec<Item> {
        let sig = &self.doc.signature;
        let info = |r: &Option<String>| {
            r.as_ref()
                .and_then(|r| self.assets.get(r))
                .and_then(|b| PngInfo::read(b))
        };
        let (sig_info, seal_info) = (info(&sig.signature_image), info(&sig.seal_image));
        let (a, b) = place_images(
            self.p,
            Tw::from_pt(width),
            sig_info.as_ref(),
            seal_info.as_ref(),
        );
        let mut out = Vec::new();
        for (placed, reference) in [(a, &sig.signature_image), (b, &sig.seal_image)] {
            if let (Some(p), Some(r)) = (placed, reference) {
                out.push(Item::Image(ImageBox {
                    x: x + pt(p.x),
                    y: top + pt(p.y),
                    width: pt(p.width),
                    height: pt(p.height),
                    reference: r.clone(),
                }));
            }
        }
        out
    }

    fn page_number(&self, n: usize, _count: usize) -> Vec<Item> {
        let l = self.lay_plain(&n.to_string(), Role::PageNumber, self.text_width());
        l.items(self.left(), pt(self.p.header_distance))
    }
}
