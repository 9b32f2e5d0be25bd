//! Căn cứ and body (ô 6), spec §3.6.

use super::noi_nhan::tail;
use super::{diag, each_block_list, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Block, CanCu, Document, JsonPath, NumberedItem};
use crate::text::Text;

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    can_cu(doc, out);
    closing(doc, out);
    closing_early(doc, out);
    article_numbers(&doc.body, &JsonPath::default().key("body"), out);
    for (i, a) in doc.annexes.iter().enumerate() {
        let p = JsonPath::default().key("annexes").index(i).key("body");
        article_numbers(&a.body, &p, out);
    }
    let root = JsonPath::default().key("body");
    each_block_list(&doc.body, &root, &mut |blocks, path| {
        item_numbers(blocks, path, out);
        item_emphasis(blocks, path, out);
        heading_punctuation(blocks, path, out);
        point_letters(blocks, path, out);
        tables(blocks, path, out);
    });
}

/// Whether the body opens with a lead-in sentence that the căn cứ run
/// into: a first paragraph ending with `:` or `,` (`Ủy ban nhân dân xã
/// thông báo như sau:`). Forms that print `QUYẾT ĐỊNH:` / `QUYẾT NGHỊ:`
/// after the căn cứ never have one: that heading closes the preamble.
fn lead_in_follows(doc: &Document) -> bool {
    if super::form::operative_heading(doc.form()).is_some() {
        return false;
    }
    match doc.body.first() {
        Some(Block::Paragraph(t)) => t.plain_text().trim_end().ends_with([':', ',']),
        _ => false,
    }
}

/// `can_cu.punctuation` (warning): one basis per line, each ending with `;`,
/// the last with `.` (§3.6, Phụ lục I). The last line is the end of the
/// preamble: `Theo đề nghị của … .` when the author writes it as the last
/// line. When the body instead opens with a lead-in sentence the bases run
/// into (`…, Ủy ban nhân dân xã thông báo như sau:`), that sentence closes
/// the preamble and the last basis keeps its `;` or `,`.
fn can_cu(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(CanCu::Lines(lines)) = &doc.can_cu else {
        return;
    };
    let p = JsonPath::default().key("can_cu").key("lines");
    let n = lines.len();
    let lead_in = lead_in_follows(doc);
    for (i, l) in lines.iter().enumerate() {
        let text = l.plain_text();
        let t = text.trim_end();
        let want = if i + 1 == n { '.' } else { ';' };
        if t.is_empty() || t.ends_with(want) {
            continue;
        }
        if i + 1 == n && lead_in && t.ends_with([';', ',']) {
            continue;
        }
        let fixed = format!("{}{want}", t.trim_end_matches(['.', ',', ';', ':', ' ']));
        let (vi, en) = if i + 1 == n {
            (
                "căn cứ cuối cùng kết thúc bằng dấu chấm `.`",
                "the last legal basis ends with `.`",
            )
        } else {
            (
                "mỗi căn cứ kết thúc bằng dấu chấm phẩy `;` (căn cứ cuối cùng bằng dấu chấm)",
                "each legal basis ends with `;` (the last one with `.`)",
            )
        };
        out.push(
            diag(
                Severity::Warning,
                "can_cu.punctuation",
                p.index(i).to_string(),
                format!("{vi}; đang là `{}`", tail(t)),
                format!("{en}; found `{}`", tail(t)),
            )
            .with_fix(fix(
                format!("ghi `{}`", tail(&fixed)),
                format!("write `{}`", tail(&fixed)),
            )),
        );
    }
}

/// `body.closing` (warning): every model ends the content with `./.`; the
/// renderer never adds it. Also `body.empty` (error): a document needs a body.
fn closing(doc: &Document, out: &mut Vec<Diagnostic>) {
    let root = JsonPath::default().key("body");
    let Some((path, text)) = last_text(&doc.body, &root) else {
        out.push(
            diag(
                Severity::Error,
                "body.empty",
                "body",
                "văn bản chưa có nội dung",
                "the document has no body",
            )
            .with_fix(fix(
                "thêm ít nhất một đoạn: \"body\": [{\"paragraph\": \"…./.\"}]",
                "add at least one block: \"body\": [{\"paragraph\": \"…./.\"}]",
            )),
        );
        return;
    };
    let t = text.trim_end();
    if t.ends_with("./.") {
        return;
    }
    let fixed = format!("{}./.", t.trim_end_matches(['.', ';', ',', ' ', '/']));
    out.push(
        diag(
            Severity::Warning,
            "body.closing",
            path.to_string(),
            format!(
                "nội dung văn bản kết thúc bằng dấu `./.` sau câu cuối cùng; đang là `{}`",
                tail(t)
            ),
            format!(
                "the body ends with `./.` after the last sentence; found `{}`",
                tail(t)
            ),
        )
        .with_fix(fix(
            format!("ghi `{}`", tail(&fixed)),
            format!("write `{}`", tail(&fixed)),
        )),
    );
}

/// `body.closing_early` (warning): `./.` marks the end of the content; a
/// paragraph before the last one that ends with it cuts the document short.
fn closing_early(doc: &Document, out: &mut Vec<Diagnostic>) {
    let root = JsonPath::default().key("body");
    let last = last_text(&doc.body, &root).map(|(p, _)| p.to_string());
    each_block_list(&doc.body, &root, &mut |blocks, path| {
        for (i, b) in blocks.iter().enumerate() {
            let texts: Vec<(JsonPath, &Text)> = match b {
                Block::Paragraph(t) => vec![(path.index(i).key("paragraph"), t)],
                Block::Item(it) => vec![(path.index(i).key("item").key("text"), &it.text)],
                Block::Point(pt) => vec![(path.index(i).key("point").key("text"), &pt.text)],
                Block::Article(a) => vec![(path.index(i).key("article").key("text"), &a.text)],
                Block::Indented(ls) => ls
                    .iter()
                    .enumerate()
                    .map(|(j, t)| (path.index(i).key("indented").index(j), t))
                    .collect(),
                _ => continue,
            };
            for (p, t) in texts {
                let p = p.to_string();
                if Some(&p) != last.as_ref() && t.plain_text().trim_end().ends_with("./.") {
                    out.push(
                    diag(
                        Severity::Warning,
                        "body.closing_early",
                        p,
                        "dấu `./.` chỉ đặt sau câu cuối cùng của nội dung; đoạn này chưa phải đoạn cuối",
                        "`./.` closes the content after its last sentence; this is not the last block",
                    )
                    .with_fix(fix("bỏ `/.` ở đoạn này, chỉ giữ dấu chấm", "drop the `/.` here and keep the full stop")),
                );
                }
            }
        }
    });
}

/// The last text of a list of blocks in reading order, with its path.
fn last_text(blocks: &[Block], p: &JsonPath) -> Option<(JsonPath, String)> {
    let (i, b) = blocks.iter().enumerate().next_back()?;
    let p = p.index(i);
    let text = |t: &Text| t.plain_text();
    Some(match b {
        Block::Paragraph(t) => (p.key("paragraph"), text(t)),
        Block::List(items) => {
            let (j, it) = items.iter().enumerate().next_back()?;
            let pj = p.key("list").index(j);
            match it.sub.iter().enumerate().next_back() {
                Some((k, s)) => (pj.key("sub").index(k), text(s)),
                None => (pj, text(&it.text)),
            }
        }
        Block::Item(it) => match last_text(&it.children, &p.key("item").key("children")) {
            Some(x) => x,
            None => (p.key("item").key("text"), text(&it.text)),
        },
        Block::Point(pt) => match last_text(&pt.children, &p.key("point").key("children")) {
            Some(x) => x,
            None => (p.key("point").key("text"), text(&pt.text)),
        },
        Block::Heading(h) => (p.key("heading").key("title"), h.title.clone()),
        Block::Article(a) => match last_text(&a.children, &p.key("article").key("children")) {
            Some(x) => x,
            None if !a.text.is_empty() => (p.key("article").key("text"), text(&a.text)),
            None => (
                p.key("article").key("title"),
                a.title.as_ref().map(text).unwrap_or_default(),
            ),
        },
        Block::Indented(ls) => {
            let (j, t) = ls.iter().enumerate().next_back()?;
            (p.key("indented").index(j), text(t))
        }
        Block::Table(t) => {
            let (r, row) = t.rows.iter().enumerate().next_back()?;
            let (c, cell) = row.iter().enumerate().next_back()?;
            (p.key("table").key("rows").index(r).index(c), text(cell))
        }
    })
}

/// `body.article_numbers` (warning): articles (Điều) run 1, 2, 3 … through
/// a document, without gaps or repeats; across chapters they go on
/// (Điều 3 after Chương II), and an author who starts each chapter at
/// Điều 1 is followed too. An annex counts on its own.
fn article_numbers(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    let mut prev: Option<u32> = None;
    let mut chapter_start = false;
    for (i, b) in blocks.iter().enumerate() {
        let a = match b {
            Block::Heading(h) => {
                chapter_start |= h.style == crate::document::HeadingStyle::Part;
                continue;
            }
            Block::Article(a) => a,
            _ => continue,
        };
        let Some(n) = a.number.as_u32() else {
            continue;
        };
        let expect = prev.map_or(1, |x| x + 1);
        let restart = chapter_start && n == 1;
        chapter_start = false;
        let ok = n == expect || restart;
        if !ok {
            let (vi, en) = match prev {
                None => (
                    format!("điều đầu tiên được đánh số {n}; các điều đánh số từ Điều 1"),
                    format!("the first article is numbered {n}; articles are numbered from Điều 1"),
                ),
                Some(m) if n <= m => (
                    format!("Điều {n} đứng sau Điều {m}: số điều bị trùng hoặc lùi lại; các điều đánh số liên tiếp, không trùng"),
                    format!("Điều {n} follows Điều {m}: a repeated or backward number; articles are numbered consecutively, without repeats"),
                ),
                Some(m) => (
                    format!("Điều {n} đứng sau Điều {m}: thiếu Điều {expect}; các điều đánh số liên tiếp"),
                    format!("Điều {n} follows Điều {m}: Điều {expect} is missing; articles are numbered consecutively"),
                ),
            };
            out.push(
                diag(
                    Severity::Warning,
                    "body.article_numbers",
                    p.index(i).key("article").key("number").to_string(),
                    vi,
                    en,
                )
                .with_fix(fix(
                    format!("ghi \"number\": {expect}, và đánh lại số các điều sau (nhớ sửa cả chỗ dẫn chiếu như `Như Điều 3;` ở nơi nhận)"),
                    format!("write \"number\": {expect} and renumber the articles after it (and references such as `Như Điều 3;` in the nơi nhận)"),
                )),
            );
        }
        prev = Some(n);
    }
}

fn items(blocks: &[Block]) -> impl Iterator<Item = (usize, &NumberedItem)> {
    blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Item(it) => Some((i, it)),
        _ => None,
    })
}

/// `body.item_numbers` (warning): numbered items among siblings run 1, 2,
/// 3 …; a section heading starts the count again (khoản restart per section).
/// Decimal numbers go down a level from the item before (`1` → `1.1`), on
/// at their own level (`1.1` → `1.2`) or back up (`1.2` → `2`), as a list
/// typed flat from a word processor has them; the first item of a list ends
/// in 1 (`1`, or `1.1` under item 1).
fn item_numbers(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    let show = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
    let mut last: Option<Vec<u32>> = None;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading(_) => last = None,
            Block::Item(it) => {
                let Some(n) = it.number.parts().filter(|v| !v.is_empty()) else {
                    continue;
                };
                let depth = n.len();
                // The number expected at this item's depth after `last`.
                let expect: Vec<u32> = match &last {
                    None => {
                        let mut e = n.clone();
                        *e.last_mut().expect("not empty") = 1;
                        e
                    }
                    Some(l) if depth <= l.len() => {
                        let mut e = l[..depth].to_vec();
                        e[depth - 1] += 1;
                        e
                    }
                    Some(l) => {
                        let mut e = l.clone();
                        e.push(1);
                        e
                    }
                };
                if n != expect {
                    let (vi, en) = match &last {
                        None => (
                            format!(
                                "mục đầu tiên được đánh số {}; đánh số bắt đầu từ {}",
                                show(&n),
                                show(&expect)
                            ),
                            format!(
                                "the first item is numbered {}; numbering starts at {}",
                                show(&n),
                                show(&expect)
                            ),
                        ),
                        Some(l) => (
                            format!(
                                "mục số {} đứng sau mục số {}; các mục phải đánh số liên tiếp",
                                show(&n),
                                show(l)
                            ),
                            format!(
                                "item {} follows item {}; items are numbered consecutively",
                                show(&n),
                                show(l)
                            ),
                        ),
                    };
                    let e = show(&expect);
                    out.push(
                        diag(
                            Severity::Warning,
                            "body.item_numbers",
                            p.index(i).key("item").key("number").to_string(),
                            vi,
                            en,
                        )
                        .with_fix(fix(
                            format!("đánh số {e}, hoặc kiểm tra xem có thiếu mục nào không"),
                            format!("number it {e}, or check whether an item is missing"),
                        )),
                    );
                }
                last = Some(n);
            }
            _ => {}
        }
    }
}

/// The items of a sibling list grouped by level: `1`, `2` apart from
/// `1.1`, `2.1` when a list is typed flat. Items of one level look alike;
/// a sub-item need not look like its parent.
fn items_by_level(blocks: &[Block]) -> Vec<Vec<(usize, &NumberedItem)>> {
    let mut levels: Vec<Vec<(usize, &NumberedItem)>> = Vec::new();
    for (i, it) in items(blocks) {
        let depth = it.number.parts().map_or(1, |v| v.len().max(1));
        if levels.len() < depth {
            levels.resize_with(depth, Vec::new);
        }
        levels[depth - 1].push((i, it));
    }
    levels
}

/// Whether an item has a run-in heading: the `heading` field, or text that
/// opens with a bold run typed as markup (`**Công chức:** …`).
fn has_heading(it: &NumberedItem) -> bool {
    match &it.heading {
        Some(h) => !h.is_empty(),
        None => it
            .text
            .runs
            .iter()
            .find(|r| !r.text.trim().is_empty())
            .is_some_and(|r| r.bold),
    }
}

/// `body.item_emphasis` (warning): among sibling items, either all have a
/// bold run-in heading or none has — the seed's item 1 is plain while 2–4
/// are bold. The items without one are named.
fn item_emphasis(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    for level in items_by_level(blocks) {
        item_emphasis_in(&level, p, out);
    }
}

fn item_emphasis_in(level: &[(usize, &NumberedItem)], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    let (with, without): (Vec<_>, Vec<_>) =
        level.iter().copied().partition(|(_, it)| has_heading(it));
    if with.is_empty() || without.is_empty() {
        return;
    }
    // At most a dozen numbers: with thousands of siblings, a full list in
    // every warning made `check` quadratic in memory (issue 10).
    let nums = |v: &[(usize, &NumberedItem)]| {
        let mut s = v
            .iter()
            .take(12)
            .map(|(_, it)| it.number.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if v.len() > 12 {
            s.push_str(", …");
        }
        s
    };
    let with_n = nums(&with);
    for (i, it) in &without {
        out.push(
            diag(
                Severity::Warning,
                "body.item_emphasis",
                p.index(*i).key("item").to_string(),
                format!("mục {} không có tiêu đề in đậm, trong khi các mục cùng cấp ({with_n}) có; cách trình bày các mục nên thống nhất", it.number),
                format!("item {} has no bold run-in heading while its sibling items ({with_n}) have one; sibling items should look alike", it.number),
            )
            .with_fix(fix(
                format!("thêm \"heading\": \"…:\" cho mục {} (phần đầu in đậm), hoặc bỏ \"heading\" ở các mục {with_n}", it.number),
                format!("give item {} a \"heading\": \"…:\" (its bold opening words), or remove \"heading\" from items {with_n}", it.number),
            )),
        );
    }
}

/// `body.heading_punctuation` (note): sibling run-in headings end alike —
/// most with a colon, so the one without reads as running into its text
/// (the seed's item 4, `Bộ phận một cửa xã căn cứ …`).
fn heading_punctuation(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    for level in items_by_level(blocks) {
        heading_punctuation_in(&level, p, out);
    }
}

fn heading_punctuation_in(
    level: &[(usize, &NumberedItem)],
    p: &JsonPath,
    out: &mut Vec<Diagnostic>,
) {
    let headed: Vec<(usize, &NumberedItem, String)> = level
        .iter()
        .copied()
        .filter_map(|(i, it)| {
            let h = it.heading.as_ref()?.plain_text();
            (!h.trim().is_empty()).then(|| (i, it, h.trim_end().to_string()))
        })
        .collect();
    let colon = headed.iter().filter(|(_, _, h)| h.ends_with(':')).count();
    // Only when most headings agree; with a tie there is no house style to
    // point to.
    if colon * 2 <= headed.len() || colon == headed.len() {
        return;
    }
    for (i, it, h) in headed.iter().filter(|(_, _, h)| !h.ends_with(':')) {
        let fixed = format!("{}:", h.trim_end_matches(['.', ';', ',']));
        out.push(
            diag(
                Severity::Note,
                "body.heading_punctuation",
                p.index(*i).key("item").key("heading").to_string(),
                format!("tiêu đề của mục {} không kết thúc bằng dấu hai chấm như các mục cùng cấp", it.number),
                format!("the heading of item {} does not end with a colon like its sibling items' headings", it.number),
            )
            .with_fix(fix(format!("ghi `{}`", tail(&fixed)), format!("write `{}`", tail(&fixed)))),
        );
    }
}

/// The usual point letters: the Vietnamese alphabet without f, j, w, z and
/// without the letters with diacritics other than đ (spec §3.6, practice).
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// `body.point_letters` (warning): sibling points are lettered a), b), c),
/// d), đ), e) … in order; the letter is written without its parenthesis.
fn point_letters(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    let mut expect = 0usize;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading(_) => expect = 0,
            Block::Point(pt) => {
                let path = p.index(i).key("point").key("letter").to_string();
                let raw = pt.letter.trim();
                let letter = raw.trim_end_matches([')', '.']).trim_start_matches('(');
                if letter != raw {
                    out.push(
                        diag(Severity::Warning, "body.point_letters", path.clone(), format!("chữ cái của điểm ghi không kèm dấu ngoặc; chương trình tự viết `{letter})`"), format!("write the point's letter without the parenthesis; the renderer writes `{letter})`"))
                            .with_fix(fix(format!("ghi \"letter\": \"{letter}\""), format!("write \"letter\": \"{letter}\""))),
                    );
                }
                let lower = letter.to_lowercase();
                match LETTERS.iter().position(|l| *l == lower) {
                    Some(k) => {
                        if k != expect && expect < LETTERS.len() {
                            let want = LETTERS[expect];
                            out.push(
                                diag(Severity::Warning, "body.point_letters", path, format!("điểm `{letter})` không đúng thứ tự; điểm này phải là `{want})` (a, b, c, d, đ, e, g, h…)"), format!("point `{letter})` is out of order; it should be `{want})` (a, b, c, d, đ, e, g, h…)"))
                                    .with_fix(fix(format!("ghi \"letter\": \"{want}\""), format!("write \"letter\": \"{want}\""))),
                            );
                        }
                        expect = k + 1;
                    }
                    None if !letter.is_empty() => {
                        let want = LETTERS.get(expect).copied().unwrap_or("a");
                        out.push(
                            diag(Severity::Warning, "body.point_letters", path, format!("`{letter}` không dùng để đánh thứ tự điểm (dùng a, b, c, d, đ, e, g, h…, không dùng f, j, w, z)"), format!("`{letter}` is not used for points (use a, b, c, d, đ, e, g, h…, never f, j, w, z)"))
                                .with_fix(fix(format!("ghi \"letter\": \"{want}\""), format!("write \"letter\": \"{want}\""))),
                        );
                        expect += 1;
                    }
                    None => expect += 1,
                }
            }
            _ => {}
        }
    }
}

/// `table.cells` (error): every row has as many cells as there are columns;
/// `table.columns` (error): at least one column, each of positive width.
fn tables(blocks: &[Block], p: &JsonPath, out: &mut Vec<Diagnostic>) {
    for (i, b) in blocks.iter().enumerate() {
        let Block::Table(t) = b else { continue };
        let tp = p.index(i).key("table");
        let n = t.columns.len();
        if n == 0 {
            out.push(
                diag(
                    Severity::Error,
                    "table.columns",
                    tp.key("columns").to_string(),
                    "bảng chưa khai báo cột nào",
                    "the table declares no columns",
                )
                .with_fix(fix(
                    "thêm \"columns\": [{}, {}] — mỗi cột một phần tử",
                    "add \"columns\": [{}, {}] — one element per column",
                )),
            );
            continue;
        }
        for (c, col) in t.columns.iter().enumerate() {
            if !(col.width.is_finite() && col.width > 0.0) {
                out.push(
                    diag(
                        Severity::Error,
                        "table.columns",
                        tp.key("columns").index(c).key("width").to_string(),
                        format!(
                            "độ rộng cột {} phải là số dương (đang là {})",
                            c + 1,
                            col.width
                        ),
                        format!(
                            "column {}'s width must be a positive number (found {})",
                            c + 1,
                            col.width
                        ),
                    )
                    .with_fix(fix(
                        "ghi một số dương, ví dụ \"width\": 1",
                        "give a positive number, e.g. \"width\": 1",
                    )),
                );
            }
        }
        for (key, rows) in [("header", &t.header), ("rows", &t.rows)] {
            for (r, row) in rows.iter().enumerate() {
                if row.len() == n {
                    continue;
                }
                out.push(
                    diag(
                        Severity::Error,
                        "table.cells",
                        tp.key(key).index(r).to_string(),
                        format!("hàng {} của bảng có {} ô nhưng bảng có {n} cột", r + 1, row.len()),
                        format!("row {} of the table has {} cells but the table has {n} columns", r + 1, row.len()),
                    )
                    .with_fix(fix(
                        format!("ghi đúng {n} ô cho hàng này (ô trống ghi \"\"), hoặc sửa \"columns\""),
                        format!("give this row exactly {n} cells (\"\" for an empty one), or change \"columns\""),
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::document::{Block, CanCu, Column, ListItem, NumberedItem, Point, Table};
    use crate::text::Text;

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    fn item(n: u32, heading: Option<&str>) -> Block {
        Block::Item(NumberedItem {
            number: n.into(),
            heading: heading.map(Text::from),
            text: "Nội dung.".into(),
            children: vec![],
        })
    }

    fn point(l: &str) -> Block {
        Block::Point(Point {
            letter: l.into(),
            text: "Nội dung;".into(),
            children: vec![],
        })
    }

    fn with_body(mut blocks: Vec<Block>) -> crate::Document {
        let mut d = good();
        blocks.push(Block::Paragraph("Hết./.".into()));
        d.body = blocks;
        d
    }

    #[test]
    fn can_cu_lines_punctuation() {
        let mut d = good();
        d.can_cu = Some(CanCu::Lines(vec![
            "Căn cứ Luật A;".into(),
            "Căn cứ Luật B.".into(),
        ]));
        assert!(run(&d).is_empty());
        d.can_cu = Some(CanCu::Lines(vec![
            "Căn cứ Luật A,".into(),
            "Căn cứ Luật B;".into(),
        ]));
        // Without the body's lead-in sentence ("… thông báo:"), which the
        // bases may run into (last_can_cu_before_a_lead_in_sentence).
        d.body.remove(0);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["can_cu.punctuation", "can_cu.punctuation"]);
        assert_eq!(ds[0].path, "can_cu.lines[0]");
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`Căn cứ Luật A;`"));
        assert!(ds[1].fix.as_ref().unwrap().vi.contains("`Căn cứ Luật B.`"));
    }

    /// The false alarm of real notices and plans: bases that run into the
    /// body's lead-in sentence keep their `;` on the last line.
    #[test]
    fn last_can_cu_before_a_lead_in_sentence() {
        let mut d = good();
        d.can_cu = Some(CanCu::Lines(vec![
            "Căn cứ Luật A;".into(),
            "Căn cứ Kế hoạch số 15/KH-UBND của UBND huyện;".into(),
        ]));
        // good()'s body opens with "… UBND xã thông báo:".
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        if let Some(CanCu::Lines(ls)) = &mut d.can_cu {
            ls[1] = "Căn cứ Kế hoạch số 15/KH-UBND của UBND huyện,".into();
        }
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        // No lead-in: the last basis closes the preamble with `.`.
        d.body.remove(0);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["can_cu.punctuation"]);
        assert_eq!(ds[0].path, "can_cu.lines[1]");
        // A lead-in does not excuse a basis ending with nothing at all.
        let mut d = good();
        d.can_cu = Some(CanCu::Lines(vec!["Căn cứ Luật A".into()]));
        assert_eq!(codes(&run(&d)), vec!["can_cu.punctuation"]);
        // A decision prints `QUYẾT ĐỊNH:` after its bases: "Theo đề nghị
        // của … ." is the last line and ends with a full stop, whatever
        // the first article says.
        let mut d = good();
        d.kind = crate::kind::DocumentKind::QuyetDinh;
        d.authority = crate::text::Lines(vec!["ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG".into()]);
        d.can_cu = Some(CanCu::Lines(vec![
            "Căn cứ Luật A;".into(),
            "Theo đề nghị của công chức Văn phòng - Thống kê xã;".into(),
        ]));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["can_cu.punctuation"]);
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("Thống kê xã.`"));
    }

    fn article(n: u32) -> Block {
        Block::Article(crate::document::Article {
            number: n.into(),
            title: None,
            text: "Nội dung.".into(),
            children: vec![],
        })
    }

    fn chapter(label: &str) -> Block {
        Block::Heading(crate::document::Heading {
            style: crate::document::HeadingStyle::Part,
            label: Some(label.into()),
            title: "QUY ĐỊNH CHUNG".into(),
        })
    }

    #[test]
    fn articles_are_numbered_without_gaps_or_repeats() {
        assert!(run(&with_body(vec![article(1), article(2), article(3)])).is_empty());
        // Across chapters the count goes on, or restarts at 1.
        let on = with_body(vec![
            chapter("Chương I"),
            article(1),
            article(2),
            chapter("Chương II"),
            article(3),
        ]);
        assert!(run(&on).is_empty(), "{:#?}", run(&on));
        let restart = with_body(vec![
            chapter("Chương I"),
            article(1),
            chapter("Chương II"),
            article(1),
            article(2),
        ]);
        assert!(run(&restart).is_empty(), "{:#?}", run(&restart));
        let gap = run(&with_body(vec![article(1), article(2), article(4)]));
        assert_eq!(codes(&gap), vec!["body.article_numbers"]);
        assert_eq!(gap[0].path, "body[2].article.number");
        assert!(
            gap[0].message.vi.contains("thiếu Điều 3"),
            "{}",
            gap[0].message.vi
        );
        let repeat = run(&with_body(vec![
            article(1),
            article(2),
            article(2),
            article(3),
        ]));
        assert_eq!(codes(&repeat), vec!["body.article_numbers"]);
        assert_eq!(repeat[0].path, "body[2].article.number");
        assert!(repeat[0].message.en.contains("repeated"));
        // A restart without a chapter heading is a repeat.
        assert_eq!(
            codes(&run(&with_body(vec![article(1), article(1)]))),
            vec!["body.article_numbers"]
        );
        assert_eq!(
            codes(&run(&with_body(vec![article(2)]))),
            vec!["body.article_numbers"]
        );
        // An annex (a Quy chế issued by the decision) counts on its own.
        let mut d = with_body(vec![article(1), article(2)]);
        d.annexes.push(crate::document::Annex {
            kind: Some(crate::kind::DocumentKind::QuyChe),
            label: None,
            title: crate::text::Lines(vec!["Làm việc".into()]),
            reference: None,
            landscape: false,
            separate_file: false,
            body: vec![article(1), article(3), Block::Paragraph("Hết./.".into())],
        });
        d.body
            .insert(0, Block::Paragraph("Ban hành kèm theo Quy chế.".into()));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["body.article_numbers"]);
        assert_eq!(ds[0].path, "annexes[0].body[1].article.number");
    }

    #[test]
    fn body_closes_with_dot_slash_dot() {
        let mut d = good();
        d.body.push(Block::List(vec![ListItem {
            text: "Mục cuối.".into(),
            sub: vec![],
        }]));
        let ds = run(&d);
        // The old closing paragraph now ends too early, and the new last
        // block lacks the closing.
        assert_eq!(codes(&ds), vec!["body.closing_early", "body.closing"]);
        assert_eq!(ds[1].path, "body[4].list[0]");
        assert!(ds[1].fix.as_ref().unwrap().vi.contains("`Mục cuối./.`"));
        d.body.clear();
        assert_eq!(codes(&run(&d)), vec!["body.empty"]);
    }

    #[test]
    fn items_are_numbered_consecutively_restarting_after_headings() {
        let ok = with_body(vec![
            item(1, None),
            item(2, None),
            Block::Heading(crate::document::Heading {
                style: Default::default(),
                label: Some("II.".into()),
                title: "PHẦN HAI".into(),
            }),
            item(1, None),
        ]);
        assert!(run(&ok).is_empty(), "{:#?}", run(&ok));
        let bad = with_body(vec![item(1, None), item(2, None), item(4, None)]);
        let ds = run(&bad);
        assert_eq!(codes(&ds), vec!["body.item_numbers"]);
        assert_eq!(ds[0].path, "body[2].item.number");
        assert!(ds[0].message.en.contains("item 4 follows item 2"));
        assert_eq!(
            codes(&run(&with_body(vec![item(2, None)]))),
            vec!["body.item_numbers"]
        );
    }

    fn dec(n: &str, heading: Option<&str>) -> Block {
        Block::Item(NumberedItem {
            number: crate::document::ItemNumber(n.into()),
            heading: heading.map(Text::from),
            text: "Nội dung.".into(),
            children: vec![],
        })
    }

    /// A list typed flat with decimal numbers (`1`, `1.1`, `1.2`, `2`) is
    /// numbered right, and its sub-items need not look like their parents.
    #[test]
    fn decimal_numbers_typed_flat() {
        let ok = with_body(vec![
            dec("1", Some("Kết quả:")),
            dec("1.1", None),
            dec("1.2", None),
            dec("1.2.1", None),
            dec("2", Some("Nhiệm vụ:")),
            dec("2.1", None),
        ]);
        assert!(run(&ok).is_empty(), "{:#?}", run(&ok));
        // Nested under item 1, its children start at 1.1.
        let mut nested = with_body(vec![item(1, None), item(2, None)]);
        if let Block::Item(it) = &mut nested.body[0] {
            it.children = vec![dec("1.1", None), dec("1.2", None)];
        }
        assert!(run(&nested).is_empty(), "{:#?}", run(&nested));
        let gap = run(&with_body(vec![
            dec("1", None),
            dec("1.1", None),
            dec("1.3", None),
        ]));
        assert_eq!(codes(&gap), vec!["body.item_numbers"]);
        assert!(
            gap[0].message.en.contains("item 1.3 follows item 1.1"),
            "{}",
            gap[0].message.en
        );
        assert!(gap[0].fix.as_ref().unwrap().en.contains("number it 1.2"));
        let skip = run(&with_body(vec![dec("1", None), dec("1.1.1", None)]));
        assert_eq!(codes(&skip), vec!["body.item_numbers"]);
        assert!(skip[0].fix.as_ref().unwrap().en.contains("number it 1.1,"));
        // Within a level, emphasis is still compared.
        let mixed = run(&with_body(vec![
            dec("1", Some("A:")),
            dec("1.1", None),
            dec("2", None),
        ]));
        assert_eq!(codes(&mixed), vec!["body.item_emphasis"]);
        assert_eq!(mixed[0].path, "body[2].item");
    }

    #[test]
    fn sibling_items_share_their_emphasis() {
        assert!(run(&with_body(vec![item(1, Some("A:")), item(2, Some("B:"))])).is_empty());
        let bad = with_body(vec![
            item(1, None),
            item(2, Some("B:")),
            item(3, Some("C:")),
        ]);
        let ds = run(&bad);
        assert_eq!(codes(&ds), vec!["body.item_emphasis"]);
        assert_eq!(ds[0].path, "body[0].item");
        assert!(ds[0].message.en.contains("(2, 3)"), "{}", ds[0].message.en);
        // Bold markup at the start counts as a heading.
        let mut md = with_body(vec![item(1, None), item(2, Some("B:"))]);
        if let Block::Item(it) = &mut md.body[0] {
            it.text = Text::parse("**A:** nội dung");
        }
        assert!(run(&md).is_empty());
    }

    #[test]
    fn sibling_headings_end_alike() {
        assert!(run(&with_body(vec![item(1, Some("A:")), item(2, Some("B:"))])).is_empty());
        assert!(run(&with_body(vec![item(1, Some("A")), item(2, Some("B:"))])).is_empty());
        let ds = run(&with_body(vec![
            item(1, Some("A:")),
            item(2, Some("B:")),
            item(3, Some("C")),
        ]));
        assert_eq!(codes(&ds), vec!["body.heading_punctuation"]);
        assert_eq!(ds[0].path, "body[2].item.heading");
        assert_eq!(ds[0].severity, crate::Severity::Note);
    }

    #[test]
    fn dot_slash_dot_only_at_the_end() {
        let ds = run(&with_body(vec![Block::Paragraph("Phần đầu./.".into())]));
        assert_eq!(codes(&ds), vec!["body.closing_early"]);
        assert_eq!(ds[0].path, "body[0].paragraph");
        // In the new blocks too: an article's text, an indented line.
        let mut a = article(1);
        if let Block::Article(x) = &mut a {
            x.text = "Nội dung./.".into();
        }
        let ds = run(&with_body(vec![
            a,
            article(2),
            Block::Indented(vec![
                "Thời gian: 8 giờ./.".into(),
                "Địa điểm: hội trường.".into(),
            ]),
        ]));
        assert_eq!(codes(&ds), vec!["body.closing_early", "body.closing_early"]);
        assert_eq!(ds[0].path, "body[0].article.text");
        assert_eq!(ds[1].path, "body[2].indented[0]");
    }

    #[test]
    fn points_follow_the_vietnamese_letters() {
        assert!(run(&with_body(vec![
            point("a"),
            point("b"),
            point("c"),
            point("d"),
            point("đ"),
            point("e"),
            point("g")
        ]))
        .is_empty());
        let ds = run(&with_body(vec![point("a"), point("b"), point("d")]));
        assert_eq!(codes(&ds), vec!["body.point_letters"]);
        assert!(ds[0].fix.as_ref().unwrap().en.contains("\"c\""));
        let ds = run(&with_body(vec![point("a)"), point("f")]));
        assert_eq!(codes(&ds), vec!["body.point_letters", "body.point_letters"]);
    }

    #[test]
    fn table_rows_match_the_columns() {
        let t = |rows: Vec<Vec<Text>>| Table {
            columns: vec![
                Column {
                    width: 1.0,
                    align: Default::default(),
                },
                Column {
                    width: 2.0,
                    align: Default::default(),
                },
            ],
            header: vec![],
            rows,
        };
        assert!(run(&with_body(vec![Block::Table(t(vec![vec![
            "a".into(),
            "b".into()
        ]]))]))
        .is_empty());
        let ds = run(&with_body(vec![Block::Table(t(vec![
            vec!["a".into(), "b".into()],
            vec!["c".into()],
        ]))]));
        assert_eq!(codes(&ds), vec!["table.cells"]);
        assert_eq!(ds[0].path, "body[0].table.rows[1]");
        assert!(ds[0].is_error());
        let mut bad = t(vec![]);
        bad.columns[0].width = 0.0;
        assert_eq!(
            codes(&run(&with_body(vec![Block::Table(bad)]))),
            vec!["table.columns"]
        );
    }
}
