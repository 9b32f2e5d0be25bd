//! Layout: the composed flow (`vanban-compose`) stacked on pages. Every
//! decision about what is on the page — texts, spacing, keep rules, line
//! breaks, rules, images — was made by the composition; this stage only
//! turns paragraphs, rows and tables into positioned items and paginates
//! them.

pub mod paginate;

use crate::frame::{Glyph, ImageBox, Item, Line, Page, SigningSpace, TextRun};
use paginate::{paginate, Area, Frame, Piece, Split, Unit};
use vanban_compose::{self as compose, Block, Composition, Para, Row, Section, Table};
use vanban_core::{Assets, Document, Profile, Tw};
use vanban_fonts::Fonts;

fn pt(t: Tw) -> f32 {
    t.pt()
}

/// Composes a document and lays it out into pages.
pub fn layout(doc: &Document, profile: &Profile, fonts: &Fonts, assets: &Assets) -> Vec<Page> {
    let c = compose::compose(doc, profile, fonts, assets);
    layout_composition(&c, doc, profile, fonts, assets)
}

/// Lays out an already composed document: each section on its own pages,
/// numbered from 1, the number shown from page 2.
pub fn layout_composition(
    c: &Composition,
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
) -> Vec<Page> {
    let mut out = Vec::new();
    for section in &c.sections {
        let page = &section.page;
        let (w, h) = (pt(page.width), pt(page.height));
        let left = pt(page.margin_left);
        let units = units(section, pt(profile.seal_size));
        let footer = section
            .first_page_footer
            .as_ref()
            .map(|f| footer(f, section));
        let bottom = pt(page.height - page.margin_bottom);
        let area = Area {
            top: pt(page.margin_top),
            bottom,
            first_bottom: footer.as_ref().map_or(bottom, |(top, _)| top.min(bottom)),
        };
        let pages = paginate(&units, area);
        for (n, mut items) in pages.into_iter().enumerate() {
            if n == 0 {
                if let Some((_, f)) = &footer {
                    items.extend(f.iter().cloned());
                }
            }
            if n > 0 || section.number_first_page {
                let number = compose::page_number(section, profile, fonts, assets, doc, n + 1);
                items.extend(para_items(&number, left, pt(page.header_distance)));
            }
            out.push(Page {
                width: w,
                height: h,
                items,
            });
        }
    }
    out
}

/// Ô 13 at the bottom of the first page's text area: its last line ends
/// at the bottom margin, the rule above its first line. Returns where the
/// body must stop (above the rule) and the items.
fn footer(f: &compose::Footer, s: &Section) -> (f32, Vec<Item>) {
    let page = &s.page;
    let left = pt(page.margin_left);
    let height: f32 = f
        .paras
        .iter()
        .map(|p| pt(p.space_before) + p.lines_height() + pt(p.space_after))
        .sum();
    let bottom = pt(page.height - page.margin_bottom);
    let top = bottom - height;
    let rule_y = top - pt(f.rule.thickness);
    let mut items = vec![Item::Line(Line {
        x0: left,
        y0: rule_y,
        x1: left + pt(f.rule.length),
        y1: rule_y,
        width: pt(f.rule.thickness),
    })];
    let mut y = top;
    for p in &f.paras {
        y += pt(p.space_before);
        items.extend(para_items(p, left, y));
        y += p.lines_height() + pt(p.space_after);
    }
    (rule_y - pt(f.rule.thickness), items)
}

/// The glyph runs of a paragraph's lines, its rule and its images, with
/// the top of its first line box at `top` and its column at `x`.
fn para_items(p: &Para, x: f32, top: f32) -> Vec<Item> {
    let mut out = Vec::new();
    for (k, l) in p.lines.iter().enumerate() {
        let y = top + k as f32 * p.metrics.pitch + p.metrics.baseline;
        for r in &l.runs {
            out.push(Item::Text(TextRun {
                x: x + r.x,
                y,
                face: r.face,
                size: r.size,
                underline: r.underline,
                text: r.text.clone(),
                glyphs: r
                    .glyphs
                    .iter()
                    .map(|g| Glyph {
                        id: g.id,
                        advance: g.advance,
                        start: g.start,
                        end: g.end,
                    })
                    .collect(),
            }));
        }
    }
    if let (Some(rule), false) = (&p.rule, p.lines.is_empty()) {
        let last_base = top + (p.lines.len() - 1) as f32 * p.metrics.pitch + p.metrics.baseline;
        let box_left = x + pt(p.indent.left);
        let box_width = pt(p.column - p.indent.left - p.indent.right);
        let centre = box_left + box_width / 2.0;
        let y = last_base + pt(rule.drop);
        let len = pt(rule.length);
        out.push(Item::Line(Line {
            x0: centre - len / 2.0,
            y0: y,
            x1: centre + len / 2.0,
            y1: y,
            width: pt(rule.thickness),
        }));
    }
    out
}

/// Images anchored to a paragraph whose space before starts at `top`, and
/// the signing spaces of a signer's name (its space before; the seal's
/// square of side `seal` over its left third), where the writer can put
/// empty signature fields.
fn para_images(p: &Para, x: f32, top: f32, seal: f32) -> Vec<Item> {
    let signing = p.signing_space.as_deref().map(|name| {
        // `ChuKy` is the principal signer's, `ChuKy2`… the co-signers'.
        let signer = name
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap_or(1);
        SigningSpace::signer_and_seal(x, top, pt(p.column), pt(p.space_before), seal, signer)
    });
    p.images
        .iter()
        .map(|i| {
            Item::Image(ImageBox {
                x: x + pt(i.x),
                y: top + pt(i.y),
                width: pt(i.width),
                height: pt(i.height),
                reference: i.reference.clone(),
            })
        })
        .chain(signing.into_iter().flatten())
        .collect()
}

/// The section's flow as pagination units: one per paragraph line, one
/// per row, one per table row.
fn units(s: &Section, seal: f32) -> Vec<Unit> {
    let left = pt(s.page.margin_left);
    // Rows this tall may not fit on a page: they carry the pieces to
    // split them by (rows that fit never are, so building the pieces of
    // every row would only cost time).
    let tall = pt(s.page.text_height()) / 2.0;
    let mut units: Vec<Unit> = Vec::new();
    // The previous block must stay on the page of the next one.
    let mut keep_next = false;
    // Space after the previous paragraph, added to the next block's before.
    let mut carry = 0.0f32;
    let mut tables = 0;
    for b in &s.blocks {
        match b {
            Block::Para(p) => {
                let n = p.lines.len();
                for k in 0..n {
                    let one = Para {
                        lines: vec![p.lines[k].clone()],
                        rule: if k + 1 == n { p.rule } else { None },
                        ..p.clone()
                    };
                    let space = if k == 0 {
                        carry + pt(p.space_before)
                    } else {
                        0.0
                    };
                    let mut items = para_items(&one, left, 0.0);
                    if k == 0 {
                        items.extend(para_images(p, left, -pt(p.space_before), seal));
                    }
                    let mut u = Unit::new(p.metrics.pitch, space, items);
                    u.break_before = if k == 0 {
                        !keep_next
                    } else {
                        // Two-line widow and orphan control, as Word does.
                        !p.keep_together && k >= 2 && n - k >= 2
                    };
                    units.push(u);
                }
                carry = pt(p.space_after);
                keep_next = p.keep_with_next;
            }
            Block::Row(r) => {
                let mut u = Unit::new(
                    r.height(),
                    carry + pt(r.space_before),
                    row_items(r, left, seal),
                );
                u.break_before = !keep_next && !r.keep_with_previous;
                if u.height > tall {
                    u.split = Some(row_split(r, left, seal));
                }
                units.push(u);
                carry = 0.0;
                keep_next = r.keep_with_next;
            }
            Block::Table(t) => {
                table_units(t, left, tables, carry, keep_next, tall, &mut units);
                tables += 1;
                carry = 0.0;
                keep_next = false;
            }
        }
    }
    units
}

/// A row's cells side by side, each a stack of paragraphs.
fn row_items(r: &Row, left: f32, seal: f32) -> Vec<Item> {
    let mut items = Vec::new();
    let mut x = left + pt(r.shift);
    for (cell, w) in r.cells.iter().zip(&r.columns) {
        let mut y = 0.0;
        for p in cell {
            items.extend(para_images(p, x, y, seal));
            y += pt(p.space_before);
            items.extend(para_items(p, x, y));
            y += p.lines_height() + pt(p.space_after);
        }
        x += pt(*w);
    }
    items
}

/// A paragraph as pieces of a cell: one per line, the first with the
/// space before (and the images anchored there), the last with the rule
/// and the space after.
fn para_pieces(p: &Para, x: f32, seal: f32, spacing: bool) -> Vec<Piece> {
    let (before, after) = if spacing {
        (pt(p.space_before), pt(p.space_after))
    } else {
        (0.0, 0.0)
    };
    let n = p.lines.len();
    if n == 0 {
        return vec![Piece {
            height: before + after,
            items: para_images(p, x, 0.0, seal),
        }];
    }
    (0..n)
        .map(|k| {
            let one = Para {
                lines: vec![p.lines[k].clone()],
                rule: if k + 1 == n { p.rule } else { None },
                images: Vec::new(),
                ..p.clone()
            };
            let mut items = Vec::new();
            let top = if k == 0 {
                if spacing {
                    items.extend(para_images(p, x, 0.0, seal));
                }
                before
            } else {
                0.0
            };
            items.extend(para_items(&one, x, top));
            let end = if k + 1 == n { after } else { 0.0 };
            Piece {
                height: top + p.metrics.pitch + end,
                items,
            }
        })
        .collect()
}

/// A row's cells as pieces, to split a row taller than a page.
fn row_split(r: &Row, left: f32, seal: f32) -> Split {
    let mut x = left + pt(r.shift);
    let mut cells = Vec::new();
    for (cell, w) in r.cells.iter().zip(&r.columns) {
        cells.push(
            cell.iter()
                .flat_map(|p| para_pieces(p, x, seal, true))
                .collect(),
        );
        x += pt(*w);
    }
    Split { cells, frame: None }
}

fn table_units(
    t: &Table,
    left: f32,
    id: usize,
    carry: f32,
    keep_next: bool,
    tall: f32,
    units: &mut Vec<Unit>,
) {
    let rule = pt(t.border);
    let total: f32 = t.columns.iter().map(|w| pt(*w)).sum();
    let right = left + total;
    let mut body_rows = 0;
    for (i, row) in t.rows.iter().enumerate() {
        let first = i == 0;
        let is_header = i < t.header_rows;
        let text_h = row.iter().map(|p| p.lines_height()).fold(0.0f32, f32::max);
        // Word and LibreOffice add the border widths to a row's height:
        // half a rule above and below the text, a whole one on the first row.
        let text_top = if first { rule } else { rule / 2.0 };
        let height = text_h + text_top + rule / 2.0;
        let hline = |y: f32| {
            Item::Line(Line {
                x0: left,
                y0: y,
                x1: right,
                y1: y,
                width: rule,
            })
        };
        let vline = |x: f32| {
            Item::Line(Line {
                x0: x,
                y0: 0.0,
                x1: x,
                y1: height,
                width: rule,
            })
        };
        let mut items = vec![hline(0.0), hline(height), vline(left)];
        let mut x = left;
        for (p, w) in row.iter().zip(&t.columns) {
            items.extend(para_items(p, x, text_top));
            x += pt(*w);
            items.push(vline(x));
        }
        let space = if first {
            carry + pt(t.space_before)
        } else {
            0.0
        };
        let mut u = Unit::new(height, space, items);
        u.table = Some((id, is_header));
        u.break_before = if first {
            !keep_next && !t.keep_with_previous
        } else {
            // A header row stays with the next; the first body row with the header.
            !is_header && body_rows > 0
        };
        if !is_header {
            body_rows += 1;
        }
        if height > tall {
            let mut x = left;
            let mut edges = Vec::new();
            let mut cells = Vec::new();
            for (p, w) in row.iter().zip(&t.columns) {
                cells.push(para_pieces(p, x, 0.0, false));
                x += pt(*w);
                edges.push(x);
            }
            u.split = Some(Split {
                cells,
                frame: Some(Frame {
                    left,
                    edges,
                    rule,
                    text_top,
                }),
            });
        }
        units.push(u);
    }
}
