//! The body (ô 6): blocks of the model to paragraphs and tables; and the
//! Kính gửi block (ô 9a) that sits above it.

use crate::composer::{bold, face, plain, span_of, spans_of, Composer};
use crate::flow::{Block, Indent, Span, Table};
use crate::literals::{KINH_GUI, KINH_GUI_ONE};
use vanban_core::{Align, Alignment, Article, Block as B, HeadingStyle, Role, Text, Tw};

impl Composer<'_> {
    /// Kính gửi as Decree 30 writes it (Phụ lục I §II.9.d): one addressee
    /// on the `Kính gửi:` line; several as dash lines starting under the
    /// colon. A wrapped addressee hangs under its own text.
    pub fn kinh_gui(&mut self, x: Tw) {
        let kg = &self.doc.kinh_gui;
        if kg.is_empty() {
            return;
        }
        let style = self.style(Role::KinhGui);
        let f = self.fonts.face(face(&style, false, false));
        let size = style.size.pt();
        let w = self.text_width;
        let indent = |left: Tw, hang: &str| Indent {
            left: left + Tw::from_pt(f.width(hang, size)),
            right: Tw(0),
            first: Tw(0) - Tw::from_pt(f.width(hang, size)),
        };
        if let [one] = kg.as_slice() {
            let mut spans = vec![plain(&style, KINH_GUI_ONE)];
            spans.extend(spans_of(one, &style));
            let s = self
                .spec(Role::KinhGui, spans, w)
                .indent(indent(x, KINH_GUI_ONE))
                .keep_together();
            self.push_para(s);
        } else {
            let label = self
                .spec(Role::KinhGui, vec![plain(&style, KINH_GUI)], w)
                .indent(Indent {
                    left: x,
                    right: Tw(0),
                    first: Tw(0),
                })
                .keep_with_next()
                .keep_together();
            self.push_para(label);
            // The dashes stand under the colon: they start where
            // `Kính gửi:` ends.
            let dash_x = x + Tw::from_pt(f.width(KINH_GUI, size));
            self.recipients(dash_x);
        }
        self.next_space = Some(self.profile.gap_after_title);
    }

    /// The addressees as dash lines from `dash_x`, each wrapped line
    /// hanging under its text; kept together on one page.
    pub fn recipients(&mut self, dash_x: Tw) {
        let kg = &self.doc.kinh_gui;
        if kg.is_empty() {
            return;
        }
        let style = self.style(Role::KinhGui);
        let f = self.fonts.face(face(&style, false, false));
        let hang = Tw::from_pt(f.width("- ", style.size.pt()));
        let n = kg.len();
        for (i, t) in kg.iter().enumerate() {
            let mut spans = vec![plain(&style, "- ")];
            spans.extend(spans_of(t, &style));
            let mut s = self
                .spec(Role::KinhGui, spans, self.text_width)
                .indent(Indent {
                    left: dash_x + hang,
                    right: Tw(0),
                    first: Tw(0) - hang,
                })
                .space_before(Tw(0))
                .keep_together();
            if i + 1 < n {
                s = s.keep_with_next();
            }
            self.push_para(s);
        }
        self.next_space = Some(self.profile.gap_after_title);
    }

    /// The body's blocks, in order.
    pub fn body(&mut self, blocks: &[B]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn body_para(&mut self, spans: Vec<Span>) {
        let s = self.spec(Role::Body, spans, self.text_width);
        self.push_para(s);
    }

    fn block(&mut self, b: &B) {
        let body = self.style(Role::Body);
        match b {
            B::Paragraph(t) => self.body_para(spans_of(t, &body)),
            B::List(items) => {
                for it in items {
                    let mut spans = vec![plain(&body, "- ")];
                    spans.extend(spans_of(&it.text, &body));
                    self.body_para(spans);
                    for s in &it.sub {
                        let mut spans = vec![plain(&body, "+ ")];
                        spans.extend(spans_of(s, &body));
                        self.body_para(spans);
                    }
                }
            }
            B::Item(it) => {
                let mut spans = Vec::new();
                match &it.heading {
                    Some(h) => {
                        spans.push(bold(&body, format!("{}. ", it.number)));
                        spans.extend(bold_spans(h, &body));
                        if !it.text.is_empty() {
                            spans.push(plain(&body, " "));
                        }
                    }
                    None => spans.push(plain(&body, format!("{}. ", it.number))),
                }
                spans.extend(spans_of(&it.text, &body));
                self.body_para(spans);
                self.body(&it.children);
            }
            B::Point(p) => {
                let mut spans = vec![plain(&body, format!("{}) ", p.letter))];
                spans.extend(spans_of(&p.text, &body));
                self.body_para(spans);
                self.body(&p.children);
            }
            B::Heading(h) => self.heading(h),
            B::Table(t) => self.table(t),
            B::Article(a) => self.article(a),
            B::Indented(lines) => {
                // The whole line block one step in: the first line where a
                // paragraph's first line starts (Decree 30's indent), the
                // wrapped lines under it rather than at the margin.
                let step = body.first_line_indent;
                for l in lines {
                    let s = self
                        .spec(Role::Body, spans_of(l, &body), self.text_width)
                        .indent(Indent {
                            left: step,
                            right: Tw(0),
                            first: Tw(0),
                        });
                    self.push_para(s);
                }
            }
        }
    }

    fn heading(&mut self, h: &vanban_core::Heading) {
        let w = self.text_width;
        match h.style {
            HeadingStyle::Section => {
                let text = match &h.label {
                    Some(l) => format!("{l} {}", h.title),
                    None => h.title.clone(),
                };
                let s = self
                    .plain_spec(Role::SectionHeading, &text, w)
                    .keep_together()
                    .keep_with_next();
                self.push_para(s);
            }
            HeadingStyle::Part => {
                // Label and title read as one heading: no space between.
                let mut title_space = None;
                if let Some(l) = &h.label {
                    let s = self
                        .plain_spec(Role::PartHeading, l, w)
                        .keep_together()
                        .keep_with_next();
                    self.push_para(s);
                    title_space = Some(Tw(0));
                }
                let mut s = self
                    .plain_spec(Role::PartHeading, &h.title, w)
                    .keep_together()
                    .keep_with_next()
                    .balanced();
                if let Some(sp) = title_space {
                    s = s.space_before(sp);
                }
                self.push_para(s);
            }
        }
    }

    /// `Điều 1.` in bold, then the text on the same line; with a title,
    /// `Điều 1. Title` bold on its own line and the text below it.
    fn article(&mut self, a: &Article) {
        let body = self.style(Role::Body);
        let label = format!("Điều {}. ", a.number);
        match &a.title {
            Some(title) => {
                let heading = self.style(Role::ArticleHeading);
                let mut spans = vec![bold(&heading, label)];
                spans.extend(bold_spans(title, &heading));
                let s = self
                    .spec(Role::ArticleHeading, spans, self.text_width)
                    .keep_together();
                self.push_para(s);
                if !a.text.is_empty() {
                    self.body_para(spans_of(&a.text, &body));
                }
            }
            None => {
                let mut spans = vec![bold(&body, label)];
                spans.extend(spans_of(&a.text, &body));
                self.body_para(spans);
            }
        }
        self.body(&a.children);
    }

    /// A bordered table across the text width: columns in proportion to
    /// their widths (Word's integers, adding up to the text width), header
    /// rows bold and centred.
    fn table(&mut self, t: &vanban_core::Table) {
        let p = self.profile;
        let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum();
        let n = t.columns.len().max(1);
        let tw = self.text_width.0;
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
            widths.push(self.text_width);
        }
        // Rounding must not make the table wider or narrower than the text.
        let sum: i32 = widths.iter().map(|w| w.0).sum();
        if let Some(last) = widths.last_mut() {
            last.0 += tw - sum;
        }
        let pad = p.table_cell_padding;
        let base = self.style(Role::TableText);
        let rows = t
            .header
            .iter()
            .map(|r| (r, true))
            .chain(t.rows.iter().map(|r| (r, false)));
        let mut out = Vec::new();
        for (row, is_header) in rows {
            let mut cells = Vec::new();
            for (c, cw) in widths.iter().enumerate() {
                let align = match t.columns.get(c).map(|c| c.align).unwrap_or_default() {
                    _ if is_header => Alignment::Center,
                    Align::Left => Alignment::Left,
                    Align::Center => Alignment::Center,
                    Align::Right => Alignment::Right,
                    Align::Justify => Alignment::Justify,
                };
                let text = row.get(c).cloned().unwrap_or_default();
                let mut style = base;
                style.bold |= is_header;
                style.align = align;
                let s = self
                    .spec(Role::TableText, spans_of(&text, &style), *cw)
                    .style(|s| *s = style)
                    .indent(Indent {
                        left: pad,
                        right: pad,
                        first: Tw(0),
                    });
                cells.push(self.build(s));
            }
            out.push(cells);
        }
        let table = Table {
            columns: widths,
            header_rows: t.header.len(),
            rows: out,
            padding: pad,
            border: p.rule_width,
            space_before: self.style(Role::Body).space_before,
            keep_with_previous: false,
        };
        self.push(Block::Table(table));
    }
}

/// Model text made bold (a run-in heading keeps its italics).
fn bold_spans(t: &Text, style: &vanban_core::Style) -> Vec<Span> {
    t.runs
        .iter()
        .map(|r| {
            let mut s = span_of(r, style);
            s.face = face(style, true, r.italic);
            s.run_in = true;
            s
        })
        .collect()
}
