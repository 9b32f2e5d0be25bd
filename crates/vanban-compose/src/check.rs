//! Checks only the composition can make: lines the author fixed (an
//! element of `trich_yeu`, `issuer.name`, `authority`, a signer's lines)
//! that are wider than their column and had to be wrapped again, and
//! tables whose columns cannot hold their text.

use crate::flow::{Block, Composition, LineEnd, Para};
use vanban_core::{Diagnostic, Document, JsonPath, Lines, Msg, Role};

/// `layout.line_wrapped` (warning): an author's line wider than its
/// column, wrapped by the renderer.
pub fn wrapped_lines(doc: &Document, c: &Composition) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(main) = c.sections.first() else {
        return out;
    };
    let paras: Vec<&Para> = main.paras().collect();
    let by_role = |role: Role| paras.iter().copied().filter(move |p| p.role == role);
    let root = JsonPath::default();
    // One paragraph per author line (header lines), or one paragraph whose
    // hard breaks separate them (trích yếu, authority, V/v). Text given as
    // one string is the renderer's to break; only lines the author broke
    // himself are his, and reported when they do not fit.
    let one_per_line = |role: Role, lines: &Lines, path: JsonPath, out: &mut Vec<Diagnostic>| {
        if lines.0.len() < 2 {
            return;
        }
        for (i, p) in by_role(role).enumerate() {
            if p.lines.len() > 1 {
                if let Some(text) = lines.0.get(i) {
                    out.push(diag(&line_path(lines, &path, i), text, p));
                }
            }
        }
    };
    let grouped = |role: Role, lines: &Lines, path: JsonPath, out: &mut Vec<Diagnostic>| {
        if lines.0.len() < 2 {
            return;
        }
        if let Some(p) = by_role(role).next() {
            for (i, wrapped) in wrapped_groups(p).into_iter().enumerate() {
                if let (true, Some(text)) = (wrapped, lines.0.get(i)) {
                    out.push(diag(&line_path(lines, &path, i), text, p));
                }
            }
        }
    };
    one_per_line(
        Role::Superior,
        &doc.issuer.superior,
        root.key("issuer").key("superior"),
        &mut out,
    );
    one_per_line(
        Role::Issuer,
        &doc.issuer.name,
        root.key("issuer").key("name"),
        &mut out,
    );
    let role = if doc.kind.type_name().is_some() {
        Role::TrichYeu
    } else {
        Role::TrichYeuCongVan
    };
    grouped(role, &doc.trich_yeu, root.key("trich_yeu"), &mut out);
    grouped(
        Role::ThamQuyen,
        &doc.authority,
        root.key("authority"),
        &mut out,
    );
    // The principal signer's authority lines and post, in order.
    let sig = &doc.signature;
    let lines: Vec<(JsonPath, &String)> = sig
        .authority
        .iter()
        .enumerate()
        .map(|(i, a)| (root.key("signature").key("authority").index(i), a))
        .chain(std::iter::once((
            root.key("signature").key("post"),
            &sig.post,
        )))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    // The principal signer's block is the last one drawn.
    let auth: Vec<&Para> = by_role(Role::Authority).collect();
    let mine = &auth[auth.len().saturating_sub(lines.len())..];
    for ((path, text), p) in lines.iter().zip(mine) {
        if p.lines.len() > 1 {
            out.push(diag(&path.to_string(), text, p));
        }
    }
    out
}

fn line_path(lines: &Lines, path: &JsonPath, i: usize) -> String {
    if lines.0.len() == 1 {
        path.to_string()
    } else {
        path.index(i).to_string()
    }
}

/// For each hard-break group of a paragraph, whether it wrapped.
fn wrapped_groups(p: &Para) -> Vec<bool> {
    let mut out = vec![false];
    for l in &p.lines {
        match l.end {
            LineEnd::Wrap => *out.last_mut().unwrap() = true,
            LineEnd::Hard => out.push(false),
            LineEnd::End => {}
        }
    }
    out
}

fn diag(path: &str, text: &str, p: &Para) -> Diagnostic {
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let natural: f32 = p.lines.iter().map(|l| l.natural).sum();
    let column = mm((p.column - p.indent.left - p.indent.right).pt());
    let short: String = text.chars().take(60).collect();
    let short = if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    };
    Diagnostic::warning(
        "layout.line_wrapped",
        path,
        Msg::new(
            format!(
                "dòng `{short}` dài {:.0} mm, rộng hơn cột {:.0} mm nên được tự động xuống dòng",
                mm(natural),
                column
            ),
            format!(
                "the line `{short}` is {:.0} mm long, wider than its {:.0} mm column, so it was wrapped",
                mm(natural),
                column
            ),
        ),
    )
    .with_fix(Msg::new(
        "tách dòng này thành hai dòng (hai phần tử của mảng) ở chỗ ngắt ý, hoặc rút gọn",
        "split it into two lines (two array elements) between phrases, or shorten it",
    ))
}

/// `layout.table_too_wide` (error): a table whose columns are too narrow
/// to hold a character of their text, so that whatever the line breaking
/// does the text would run over the column's borders.
///
/// A column that holds a character or more is drawn, its words cut at
/// character boundaries where they must be (as Word does). One that holds
/// not even a character (500 columns share 155 mm: 0.3 mm each, less than
/// the cells' own padding) is refused rather than given "its share": no
/// one can read a column of overlapping glyphs, Word itself caps a table
/// at 63 columns, and the author's fix is clear (fewer columns, the table
/// split in two, or a landscape annex), so a message naming the table
/// serves him better than a page that looks drawn but is not readable.
pub fn unfit_tables(doc: &Document, c: &Composition) -> Vec<Diagnostic> {
    let mut paths = Vec::new();
    table_paths(&doc.body, &JsonPath::default().key("body"), &mut paths);
    for (i, a) in doc.annexes.iter().enumerate() {
        let p = JsonPath::default().key("annexes").index(i).key("body");
        table_paths(&a.body, &p, &mut paths);
    }
    let tables = c.sections.iter().flat_map(|s| {
        s.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    });
    let mm = |pt: f32| pt * 25.4 / 72.0;
    let mut out = Vec::new();
    for (k, t) in tables.enumerate() {
        // The cell that misses the most room for its widest character:
        // (missing, column width, character and padding).
        let mut worst: Option<(f32, f32, f32)> = None;
        for row in &t.rows {
            for p in row {
                let pad = (p.indent.left + p.indent.right).pt();
                let room = p.column.pt() - pad;
                let widest = p
                    .lines
                    .iter()
                    .flat_map(|l| l.runs.iter().flat_map(|r| r.glyphs.iter()))
                    .map(|g| g.advance)
                    .fold(0.0f32, f32::max);
                if widest > room + 0.05 && worst.is_none_or(|(w, _, _)| widest - room > w) {
                    worst = Some((widest - room, p.column.pt(), widest + pad));
                }
            }
        }
        let Some((_, column, needed)) = worst else {
            continue;
        };
        let n = t.columns.len();
        let path = paths.get(k).cloned().unwrap_or_default();
        out.push(
            Diagnostic::error(
                "layout.table_too_wide",
                path,
                Msg::new(
                    format!(
                        "bảng thứ {} có {n} cột: chia khổ giấy, có cột chỉ rộng {} mm, hẹp hơn \
                         một ký tự của nó cùng lề ô ({} mm), nên không thể in bảng này",
                        k + 1,
                        vi_mm(mm(column)),
                        vi_mm(mm(needed))
                    ),
                    format!(
                        "table {} has {n} columns: sharing the text width, a column is {:.1} mm \
                         wide, narrower than one of its characters with the cell padding \
                         ({:.1} mm), so the table cannot be printed",
                        k + 1,
                        mm(column),
                        mm(needed)
                    ),
                ),
            )
            .with_fix(Msg::new(
                "giảm số cột, tách thành nhiều bảng, hoặc đưa bảng vào phụ lục khổ ngang",
                "use fewer columns, split the table, or move it to a landscape annex",
            )),
        );
    }
    out
}

/// A length in mm with a decimal comma, as Vietnamese writes it.
fn vi_mm(v: f32) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// The JSON paths of the document's tables, in the order they are drawn.
fn table_paths(blocks: &[vanban_core::Block], path: &JsonPath, out: &mut Vec<String>) {
    use vanban_core::Block as B;
    for (i, b) in blocks.iter().enumerate() {
        let p = path.index(i);
        match b {
            B::Table(_) => out.push(p.key("table").to_string()),
            B::Item(it) => table_paths(&it.children, &p.key("item").key("children"), out),
            B::Point(pt) => table_paths(&pt.children, &p.key("point").key("children"), out),
            B::Article(a) => table_paths(&a.children, &p.key("article").key("children"), out),
            _ => {}
        }
    }
}
