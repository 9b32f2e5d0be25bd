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

use crate::frame::Item;

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
}

impl Unit {
    pub fn new(height: f32, space_before: f32, items: Vec<Item>) -> Unit {
        Unit {
            height,
            space_before,
            items,
            break_before: true,
            table: None,
        }
    }
}

/// Page geometry for pagination.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub top: f32,
    pub bottom: f32,
    /// The first page's bottom: higher when ô 13 sits at its foot.
    pub first_bottom: f32,
}

/// Places units on pages; returns, per page, the items moved to their
/// final positions.
pub fn paginate(units: &[Unit], area: Area) -> Vec<Vec<Item>> {
    const EPS: f32 = 0.01;
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
        if placed == 0 || y + sb + u.height <= bottom + EPS {
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
        // A table continuing on this page gets its header rows again.
        if let Some((t, false)) = units[j].table {
            for (k, h) in units.iter().enumerate().take(j) {
                if h.table == Some((t, true)) {
                    pages.last_mut().unwrap().push((k, y));
                    y += h.height;
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
}
