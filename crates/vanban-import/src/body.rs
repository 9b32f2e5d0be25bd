//! The body's paragraphs as model blocks: section headings (`I. …`),
//! parts (`Phần I`, `Chương II`, `Phụ lục`), numbered items (`1. …`, with
//! a bold run-in heading), points (`a) …`), dash lists (`- …`, `+ …`),
//! tables and plain paragraphs. What follows an item or a point until the
//! next one belongs to it, as the model nests them.

use crate::assemble::{heading, item, list, point, BodyCtx};
use crate::docx::Para;
use crate::recognise::words::is_upper;
use crate::recognise::Piece;
use vanban_core::document::{Block, ListItem, NumberedItem, Point};
use vanban_core::text::{Run, Text};

enum Kind {
    /// `I. TITLE`: label and title.
    Section(String, String),
    /// `Phần I`, `Chương II`, `Mục 1`, `Phụ lục 01` on a line of its own.
    PartLabel,
    Item(u32, usize),
    Point(String, usize),
    Dash(usize),
    Plus(usize),
    Plain,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
];

/// Length in characters of a leading marker and the spaces after it.
fn marker_len(s: &str, marker_chars: usize) -> usize {
    let rest: String = s.chars().skip(marker_chars).collect();
    marker_chars + rest.chars().take_while(|c| c.is_whitespace()).count()
}

fn classify(s: &str) -> Kind {
    let t = s.trim_start();
    let lead = s.chars().count() - t.chars().count();
    // I. TITLE
    if let Some((head, rest)) = t.split_once('.') {
        if ROMAN.contains(&head) && rest.starts_with(char::is_whitespace) && !rest.trim().is_empty()
        {
            return Kind::Section(format!("{head}."), rest.trim().to_string());
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if matches!(first.as_str(), "phần" | "chương" | "mục" | "phụ")
        && (words.len() <= 3)
        && (first != "phụ"
            || words
                .get(1)
                .is_some_and(|w| w.to_lowercase().starts_with("lục")))
    {
        return Kind::PartLabel;
    }
    // 1. text (not 1.1.)
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if (1..=2).contains(&digits.len()) {
        let after: String = t.chars().skip(digits.len()).take(2).collect();
        let mut ac = after.chars();
        if ac.next() == Some('.') && ac.next().is_some_and(char::is_whitespace) {
            if let Ok(n) = digits.parse() {
                return Kind::Item(n, lead + marker_len(t, digits.len() + 1));
            }
        }
    }
    // a) text
    let mut cs = t.chars();
    if let (Some(l), Some(')')) = (cs.next(), cs.next()) {
        if (l.is_ascii_lowercase() || l == 'đ') && cs.next().is_some_and(char::is_whitespace) {
            return Kind::Point(l.to_string(), lead + marker_len(t, 2));
        }
    }
    let mut cs = t.chars();
    match (cs.next(), cs.next()) {
        (Some('-' | '–' | '—' | '•'), Some(c)) if c.is_whitespace() || c.is_alphabetic() => {
            Kind::Dash(lead + marker_len(t, 1))
        }
        (Some('+'), Some(c)) if c.is_whitespace() => Kind::Plus(lead + marker_len(t, 1)),
        _ => Kind::Plain,
    }
}

/// The text without its first `n` characters.
fn drop_chars(t: &Text, mut n: usize) -> Text {
    let mut out = Text::default();
    for r in &t.runs {
        let len = r.text.chars().count();
        if n >= len {
            n -= len;
            continue;
        }
        let mut r2 = r.clone();
        r2.text = r.text.chars().skip(n).collect();
        n = 0;
        out.push(r2);
    }
    out
}

fn trim(mut t: Text) -> Text {
    if let Some(f) = t.runs.first_mut() {
        f.text = f.text.trim_start().to_string();
    }
    if let Some(l) = t.runs.last_mut() {
        l.text = l.text.trim_end().to_string();
    }
    t.runs.retain(|r| !r.text.is_empty());
    t
}

/// A leading bold stretch as a run-in heading, when the rest is not bold.
fn split_heading(t: Text) -> (Option<Text>, Text) {
    let visible = |r: &Run| !r.text.trim().is_empty();
    if t.runs.iter().filter(|r| visible(r)).all(|r| r.bold) {
        if t.is_empty() {
            return (None, t);
        }
        return (Some(trim(t)), Text::default());
    }
    let n_bold = t.runs.iter().take_while(|r| r.bold || !visible(r)).count();
    if n_bold == 0 || !t.runs[..n_bold].iter().any(visible) {
        return (None, trim(t));
    }
    let head = Text {
        runs: t.runs[..n_bold].to_vec(),
    };
    let rest = Text {
        runs: t.runs[n_bold..].to_vec(),
    };
    (Some(trim(head)), trim(rest))
}

#[derive(Default)]
struct Open {
    item: Option<NumberedItem>,
    point: Option<Point>,
}

fn push_block(open: &mut Open, out: &mut Vec<Block>, b: Block) {
    if let Some(p) = open.point.as_mut() {
        p.children.push(b);
    } else if let Some(it) = open.item.as_mut() {
        it.children.push(b);
    } else {
        out.push(b);
    }
}

fn target<'a>(open: &'a mut Open, out: &'a mut Vec<Block>) -> &'a mut Vec<Block> {
    if let Some(p) = open.point.as_mut() {
        &mut p.children
    } else if let Some(it) = open.item.as_mut() {
        &mut it.children
    } else {
        out
    }
}

fn close_point(open: &mut Open, out: &mut Vec<Block>) {
    if let Some(p) = open.point.take() {
        push_block(open, out, Block::Point(p));
    }
}

fn close_all(open: &mut Open, out: &mut Vec<Block>) {
    close_point(open, out);
    if let Some(it) = open.item.take() {
        out.push(Block::Item(it));
    }
}

pub(crate) fn convert(pieces: &[Piece], ctx: &mut BodyCtx) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open = Open::default();
    let mut i = 0;
    while i < pieces.len() {
        let p: &Para = match pieces[i] {
            Piece::Table(t) => {
                let tb = ctx.table(t);
                push_block(&mut open, &mut out, Block::Table(tb));
                i += 1;
                continue;
            }
            Piece::Para(p) => p,
        };
        i += 1;
        let raw = p.text();
        let visible = raw.trim();
        if visible.is_empty() || visible.chars().all(|c| c == '_' || c == '\u{AD}') {
            continue;
        }
        let text = ctx.text(p);
        let plain = text.plain_text();
        match classify(&plain) {
            Kind::Section(label, title) => {
                close_all(&mut open, &mut out);
                out.push(heading(Some(label), title, false));
            }
            Kind::PartLabel => {
                close_all(&mut open, &mut out);
                // The title is the next line when it is centred capitals.
                let next = match pieces.get(i) {
                    Some(Piece::Para(q)) if is_upper(&q.trimmed()) && q.all_bold() => Some(*q),
                    _ => None,
                };
                match next {
                    Some(q) => {
                        let title = ctx.text(q).plain_text();
                        out.push(heading(Some(plain.clone()), title, true));
                        i += 1;
                    }
                    None => out.push(heading(None, plain.clone(), true)),
                }
            }
            Kind::Item(n, skip) => {
                close_all(&mut open, &mut out);
                let (h, rest) = split_heading(drop_chars(&text, skip));
                open.item = Some(item(n, h, rest));
            }
            Kind::Point(letter, skip) => {
                close_point(&mut open, &mut out);
                open.point = Some(point(letter, trim(drop_chars(&text, skip))));
            }
            Kind::Dash(skip) => {
                let t = trim(drop_chars(&text, skip));
                let tgt = target(&mut open, &mut out);
                match tgt.last_mut() {
                    Some(Block::List(items)) => items.push(ListItem {
                        text: t,
                        sub: Vec::new(),
                    }),
                    _ => tgt.push(list(vec![ListItem {
                        text: t,
                        sub: Vec::new(),
                    }])),
                }
            }
            Kind::Plus(skip) => {
                let t = trim(drop_chars(&text, skip));
                let tgt = target(&mut open, &mut out);
                match tgt.last_mut() {
                    Some(Block::List(items)) if !items.is_empty() => {
                        items.last_mut().expect("non-empty").sub.push(t)
                    }
                    _ => tgt.push(Block::Paragraph(text)),
                }
            }
            Kind::Plain => {
                // A paragraph after a point belongs to the item, not the point,
                // unless it continues the point's list.
                push_block(&mut open, &mut out, Block::Paragraph(text));
            }
        }
    }
    close_all(&mut open, &mut out);
    let _ = ctx;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert!(
            matches!(classify("I. ĐÁNH GIÁ CHUNG"), Kind::Section(l, t) if l == "I." && t == "ĐÁNH GIÁ CHUNG")
        );
        assert!(matches!(classify("1. Sở Công Thương"), Kind::Item(1, 3)));
        assert!(matches!(classify("1.1. Hồ sơ"), Kind::Plain));
        assert!(matches!(classify("a) Tên công trình"), Kind::Point(l, 3) if l == "a"));
        assert!(matches!(classify("đ) Khác"), Kind::Point(l, 3) if l == "đ"));
        assert!(matches!(classify("a. Gói thầu"), Kind::Plain));
        assert!(matches!(classify("-  Số lượng"), Kind::Dash(3)));
        assert!(matches!(classify("+ Kíp"), Kind::Plus(2)));
        assert!(matches!(classify("Phụ lục"), Kind::PartLabel));
        assert!(matches!(classify("Phụ lục 01"), Kind::PartLabel));
        assert!(matches!(classify("Chương II"), Kind::PartLabel));
        assert!(matches!(classify("Phần lớn các xã"), Kind::Plain));
        assert!(matches!(classify("2022. Năm"), Kind::Plain));
    }

    #[test]
    fn headings_split() {
        let t = Text {
            runs: vec![Run::bold("Chủ trì:"), Run::plain(" Lãnh đạo Sở.")],
        };
        let (h, r) = split_heading(t);
        assert_eq!(h.unwrap().plain_text(), "Chủ trì:");
        assert_eq!(r.plain_text(), "Lãnh đạo Sở.");
        let (h, r) = split_heading(Text {
            runs: vec![Run::bold("Sở Công Thương")],
        });
        assert_eq!(
            (h.unwrap().plain_text(), r.is_empty()),
            ("Sở Công Thương".to_string(), true)
        );
        let (h, r) = split_heading(Text {
            runs: vec![Run::plain("Giao Sở")],
        });
        assert!(h.is_none() && r.plain_text() == "Giao Sở");
    }
}
