//! Pagination: flowing units (one line of a paragraph, a table row, the
//! header, the closing block) onto pages.
//!
//! Every rule is expressed as "may the page break before this unit?":
//! widow and orphan control forbid a break after the first line or before
//! the last line of a paragraph, keep-with-next forbids one between two
//! blocks. When a unit does not fit, the page breaks at the last allowed
//! place on the page, so whatever must travel with the unit travels. The
//! closing block (nơi nhận + signature) forbids a break before itself, so
//! it always takes the last lines of the body along.
//!
//! A row (the header, the closing block, a table row) is kept whole, as
//! the DOCX's `cantSplit` rows are; but one that does not fit even on an
//! empty page is split (its [`Split`]), as Word splits a row taller than a
//! page: it starts where it stands, each cell takes the lines that fit
//! above the page's bottom, and every cell goes on with its next line at
//! the top of the next page, in the same column, under the table's
//! repeated header rows. Nothing is drawn below the page's bottom.

use std::borrow::Cow;

use crate::frame::{Item, Line};

/// A piece of the flow placed on pages as a whole (a paragraph's line, a
/// row, a table row), with the rules saying where pages may break.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Height of the content, without the space before.
    pub height: f32,
    /// Space before the content; dropped at the top of a page.
    pub space_before: f32,
    /// Items relative to the top of the content.
    pub items: Vec<Item>,
    /// May the page break right before this unit?
    pub break_before: bool,
    /// Table rows: which table, and whether the row is a header row that
    /// repeats at the top of each page the table continues on.
    pub table: Option<(usize, bool)>,
    /// How to split the unit across pages, for a row that may be taller
    /// than a page.
    pub split: Option<Split>,
}

/// A row as cells of unbreakable pieces (a line of a paragraph, with its
/// space before and after), so that it can be cut between lines.
#[derive(Debug, Clone)]
pub struct Split {
    /// Per cell, its pieces top to bottom.
    pub cells: Vec<Vec<Piece>>,
    /// The borders of a table row.
    pub frame: Option<Frame>,
}

/// One line of a cell: its height and its items, relative to its top.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Height of the piece (pt), its space before and after included.
    pub height: f32,
    /// Items relative to the piece's top.
    pub items: Vec<Item>,
}

/// A table row's borders: around the row and between its cells.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The row's left edge (pt).
    pub left: f32,
    /// The right edge of each column.
    pub edges: Vec<f32>,
    /// Border thickness (pt).
    pub rule: f32,
    /// From the row's top border to the top of its text.
    pub text_top: f32,
}

impl Frame {
    fn pad(&self) -> f32 {
        self.text_top + self.rule / 2.0
    }
}

impl Split {
    /// The unit of the pieces: cells top-aligned, the frame around them.
    fn unit(&self, space_before: f32, break_before: bool, table: Option<(usize, bool)>) -> Unit {
        let pad = self.frame.as_ref().map_or(0.0, Frame::pad);
        let text_top = self.frame.as_ref().map_or(0.0, |f| f.text_top);
        let content = self
            .cells
            .iter()
            .map(|c| c.iter().map(|p| p.height).sum::<f32>())
            .fold(0.0f32, f32::max);
        let height = content + pad;
        let mut items = Vec::new();
        if let Some(f) = &self.frame {
            let right = f.edges.last().copied().unwrap_or(f.left);
            for y in [0.0, height] {
                items.push(Item::Line(Line {
                    x0: f.left,
                    y0: y,
                    x1: right,
                    y1: y,
                    width: f.rule,
                }));
            }
            for x in std::iter::once(f.left).chain(f.edges.iter().copied()) {
                items.push(Item::Line(Line {
                    x0: x,
                    y0: 0.0,
                    x1: x,
                    y1: height,
                    width: f.rule,
                }));
            }
        }
        for cell in &self.cells {
            let mut y = text_top;
            for p in cell {
                items.extend(p.items.iter().map(|it| it.shifted(y)));
                y += p.height;
            }
        }
        let mut u = Unit::new(height, space_before, items);
        u.break_before = break_before;
        u.table = table;
        u.split = Some(self.clone());
        u
    }

    /// The part of the row that fits in `room` (each cell its first lines
    /// that fit) and the rest, which goes on at the top of the next page;
    /// `None` when not one line fits, or everything does.
    fn cut(&self, room: f32) -> Option<(Split, Split)> {
        const EPS: f32 = 0.01;
        let pad = self.frame.as_ref().map_or(0.0, Frame::pad);
        let takes: Vec<usize> = self
            .cells
            .iter()
            .map(|c| {
                let mut h = pad;
                c.iter()
                    .take_while(|p| {
                        h += p.height;
                        h <= room + EPS
                    })
                    .count()
            })
            .collect();
        let all = takes.iter().zip(&self.cells).all(|(&t, c)| t == c.len());
        if all || takes.iter().all(|&t| t == 0) {
            return None;
        }
        let part = |range: &dyn Fn(&Vec<Piece>, usize) -> Vec<Piece>| -> Vec<Vec<Piece>> {
            self.cells
                .iter()
                .zip(&takes)
                .map(|(c, &t)| range(c, t))
                .collect()
        };
        let head = Split {
            cells: part(&|c, t| c[..t].to_vec()),
            frame: self.frame.clone(),
        };
        // The rest of a table row under its page's top border (or the
        // repeated header) is set as any row after the first.
        let tail = Split {
            cells: part(&|c, t| c[t..].to_vec()),
            frame: self.frame.clone().map(|f| Frame {
                text_top: f.rule / 2.0,
                ..f
            }),
        };
        Some((head, tail))
    }
}

impl Unit {
    /// A unit the page may break before, outside any table, not split.
    pub fn new(height: f32, space_before: f32, items: Vec<Item>) -> Unit {
        Unit {
            height,
            space_before,
            items,
            break_before: true,
            table: None,
            split: None,
        }
    }
}

/// Page geometry for pagination.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Top of the text area (pt from the page's top edge).
    pub top: f32,
    /// Bottom of the text area on pages after the first (pt from the page's top edge).
    pub bottom: f32,
    /// The first page's bottom: higher when ô 13 sits at its foot.
    pub first_bottom: f32,
}

/// Places units on pages; returns, per page, the items moved to their
/// final positions.
pub fn paginate(units: &[Unit], area: Area) -> Vec<Vec<Item>> {
    const EPS: f32 = 0.01;
    // Units are copied only when a row is split.
    let mut units: Cow<[Unit]> = Cow::Borrowed(units);
    // (unit index, y of the unit's content top) per page.
    let mut pages: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
    let mut y = area.top;
    let mut i = 0;
    // First unit of the current page (repeated table headers aside), and
    // how many units the page holds: an empty page takes any unit, even one
    // too tall for it, so that pagination always moves forward.
    let mut first = 0;
    let mut placed = 0;
    while i < units.len() {
        let u = &units[i];
        let sb = if y <= area.top { 0.0 } else { u.space_before };
        let bottom = if pages.len() == 1 {
            area.first_bottom
        } else {
            area.bottom
        };
        let fits = y + sb + u.height <= bottom + EPS;
        // A row that fits on no page (too tall for a whole one, or for
        // the empty page it is on) is cut at this page's bottom; the rest
        // is the next unit, and may not follow on this page.
        if !fits && (placed == 0 || u.height > area.bottom - area.top + EPS) {
            if let Some((head, tail)) = u.split.as_ref().and_then(|s| s.cut(bottom - y - sb)) {
                let head = head.unit(u.space_before, u.break_before, u.table);
                let tail = tail.unit(0.0, true, head.table);
                let all = units.to_mut();
                all[i] = head;
                all.insert(i + 1, tail);
                continue;
            }
        }
        if placed == 0 || fits {
            pages.last_mut().unwrap().push((i, y + sb));
            y += sb + u.height;
            placed += 1;
            i += 1;
            continue;
        }
        // Find the last unit on this page before which a break is allowed.
        let mut j = i;
        while j > first && !units[j].break_before {
            j -= 1;
        }
        if j == first {
            // Nothing on this page may be separated: break where we are.
            j = i;
        }
        // Units from j on move to the next page (repeated headers have
        // indices below j and stay).
        pages.last_mut().unwrap().retain(|&(k, _)| k < j);
        pages.push(Vec::new());
        y = area.top;
        first = j;
        placed = 0;
        // A table continuing on this page gets its header rows again,
        // unless they would leave no room for the table's rows.
        if let Some((t, false)) = units[j].table {
            let header: Vec<usize> = (0..j)
                .filter(|&k| units[k].table == Some((t, true)))
                .collect();
            let height: f32 = header.iter().map(|&k| units[k].height).sum();
            if height <= (area.bottom - area.top) / 2.0 {
                for k in header {
                    pages.last_mut().unwrap().push((k, y));
                    y += units[k].height;
                }
            }
        }
        i = j;
    }
    pages
        .into_iter()
        .map(|p| {
            p.into_iter()
                .flat_map(|(k, top)| units[k].items.iter().map(move |it| it.shifted(top)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{Item, Line};

    fn unit(h: f32, brk: bool, tag: f32) -> Unit {
        // The tag is stored as a line's x0, to tell units apart on a page.
        let mut u = Unit::new(
            h,
            0.0,
            vec![Item::Line(Line {
                x0: tag,
                y0: 0.0,
                x1: tag,
                y1: 0.0,
                width: 1.0,
            })],
        );
        u.break_before = brk;
        u
    }

    fn tags(pages: &[Vec<Item>]) -> Vec<Vec<f32>> {
        pages
            .iter()
            .map(|p| {
                p.iter()
                    .map(|i| match i {
                        Item::Line(l) => l.x0,
                        _ => -1.0,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn fills_pages_in_order() {
        let units: Vec<Unit> = (0..10).map(|k| unit(10.0, true, k as f32)).collect();
        let pages = paginate(
            &units,
            Area {
                top: 0.0,
                bottom: 35.0,
                first_bottom: 35.0,
            },
        );
        assert_eq!(
            tags(&pages),
            vec![
                vec![0., 1., 2.],
                vec![3., 4., 5.],
                vec![6., 7., 8.],
                vec![9.]
            ]
        );
    }

    #[test]
    fn unbreakable_chain_moves_together() {
        // Units 2 and 3 may not be separated from what precedes them
        // (e.g. the last two lines of the body and the closing block).
        let mut units: Vec<Unit> = (0..5).map(|k| unit(10.0, true, k as f32)).collect();
        units[3].break_before = false;
        units[4].break_before = false;
        let pages = paginate(
            &units,
            Area {
                top: 0.0,
                bottom: 45.0,
                first_bottom: 45.0,
            },
        );
        assert_eq!(tags(&pages), vec![vec![0., 1.], vec![2., 3., 4.]]);
    }

    #[test]
    fn table_header_repeats() {
        let mut units = vec![unit(10.0, true, 0.0), unit(10.0, true, 1.0)];
        units[1].table = Some((0, true));
        for k in 2..6 {
            let mut u = unit(10.0, true, k as f32);
            u.table = Some((0, false));
            units.push(u);
        }
        units[2].break_before = false; // first body row stays with the header
        let pages = paginate(
            &units,
            Area {
                top: 0.0,
                bottom: 40.0,
                first_bottom: 40.0,
            },
        );
        assert_eq!(tags(&pages), vec![vec![0., 1., 2., 3.], vec![1., 4., 5.]]);
    }

    #[test]
    fn space_before_dropped_at_page_top() {
        let mut units: Vec<Unit> = (0..4).map(|k| unit(10.0, true, k as f32)).collect();
        for u in &mut units {
            u.space_before = 5.0;
        }
        let pages = paginate(
            &units,
            Area {
                top: 100.0,
                bottom: 130.0,
                first_bottom: 130.0,
            },
        );
        assert_eq!(tags(&pages), vec![vec![0., 1.], vec![2., 3.]]);
        // First unit of page 2 starts at the top, without its space before.
        let y = match &pages[1][0] {
            Item::Line(l) => l.y0,
            _ => 0.0,
        };
        assert_eq!(y, 100.0);
    }

    #[test]
    fn a_row_taller_than_a_page_goes_on_in_its_columns() {
        // Cell 0: pieces tagged 100…107; cell 1: 200…202; 10 high each.
        let piece = |tag: f32| Piece {
            height: 10.0,
            items: vec![Item::Line(Line {
                x0: tag,
                y0: 0.0,
                x1: tag,
                y1: 10.0,
                width: 1.0,
            })],
        };
        let split = Split {
            cells: vec![
                (0..8).map(|k| piece(100.0 + k as f32)).collect(),
                (0..3).map(|k| piece(200.0 + k as f32)).collect(),
            ],
            frame: None,
        };
        let mut row = split.unit(0.0, false, None);
        row.items = vec![Item::Line(Line {
            x0: -1.0,
            y0: 0.0,
            x1: -1.0,
            y1: 0.0,
            width: 1.0,
        })];
        let units = vec![unit(10.0, true, 0.0), row];
        let area = Area {
            top: 0.0,
            bottom: 35.0,
            first_bottom: 35.0,
        };
        let pages = paginate(&units, area);
        // The row starts where it stands, each cell takes what fits and
        // goes on at the top of the next page.
        assert_eq!(
            tags(&pages),
            vec![
                vec![0., 100., 101., 200., 201.],
                vec![102., 103., 104., 202.],
                vec![105., 106., 107.]
            ]
        );
        for p in &pages {
            for i in p {
                if let Item::Line(l) = i {
                    assert!(l.y1 <= 35.0 + 1e-3, "{l:?} below the page");
                }
            }
        }
        // Tops of the continued cells: the page's top.
        let top = |p: &[Item], tag: f32| {
            p.iter()
                .find_map(|i| match i {
                    Item::Line(l) if l.x0 == tag => Some(l.y0),
                    _ => None,
                })
                .unwrap()
        };
        assert_eq!(top(&pages[1], 102.0), 0.0);
        assert_eq!(top(&pages[1], 202.0), 0.0);
        assert_eq!(top(&pages[0], 100.0), 10.0);
    }

    #[test]
    fn a_split_table_row_is_framed_on_each_page_under_the_header() {
        let piece = |tag: f32| Piece {
            height: 10.0,
            items: vec![Item::Line(Line {
                x0: tag,
                y0: 0.0,
                x1: tag,
                y1: 10.0,
                width: 1.0,
            })],
        };
        let mut header = unit(10.0, true, 1.0);
        header.table = Some((0, true));
        let split = Split {
            cells: vec![(0..10).map(|k| piece(100.0 + k as f32)).collect()],
            frame: Some(Frame {
                left: 50.0,
                edges: vec![60.0],
                rule: 0.0,
                text_top: 0.0,
            }),
        };
        let mut row = split.unit(0.0, false, Some((0, false)));
        row.break_before = false;
        let pages = paginate(
            &[header, row],
            Area {
                top: 0.0,
                bottom: 45.0,
                first_bottom: 45.0,
            },
        );
        let texts: Vec<Vec<f32>> = tags(&pages)
            .into_iter()
            .map(|p| p.into_iter().filter(|t| *t == 1.0 || *t >= 100.0).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec![1., 100., 101., 102.],
                vec![1., 103., 104., 105.],
                vec![1., 106., 107., 108.],
                vec![1., 109.]
            ]
        );
        // Each piece of the row has its borders: two rules across, two down.
        for p in &pages {
            let frame = p
                .iter()
                .filter(|i| matches!(i, Item::Line(l) if l.x0 == 50.0 || l.x0 == 60.0))
                .count();
            assert_eq!(frame, 4);
        }
    }
}
