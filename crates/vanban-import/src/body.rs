//! The body's paragraphs as model blocks: section headings (`I. …`),
//! parts (`Phần I`, `Chương II`, `Phụ lục`), numbered items (`1. …`, with
//! a bold run-in heading), points (`a) …`), dash lists (`- …`, `+ …`),
//! tables and plain paragraphs. What follows an item or a point until the
//! next one belongs to it, as the model nests them.

use crate::assemble::{heading, item, list, point, BodyCtx};
use crate::docx::Para;
use crate::recognise::words::is_upper;
use crate::recognise::Piece;
use vanban_core::document::{Article, Block, ItemNumber, ListItem, NumberedItem, Point};
use vanban_core::text::{Run, Text};

enum Kind {
    /// `I. TITLE`: label and title.
    Section(String, String),
    /// `Phần I`, `Chương II`, `Mục 1`, `Phụ lục 01` on a line of its own.
    PartLabel,
    /// `Điều 1.` (or `Điều 1:`): number, the separator typed, characters
    /// of the label.
    Article(String, char, usize),
    /// `1.` or `1.1.`: number and characters of the label.
    Item(String, usize),
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
    // Điều 1. text
    if first == "điều" {
        if let Some(w) = words.get(1) {
            let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
            let sep = w[digits.len()..].chars().next();
            if !digits.is_empty()
                && matches!(sep, Some('.') | Some(':'))
                && w.chars().count() == digits.chars().count() + 1
            {
                let label = t.chars().take_while(|c| !c.is_whitespace()).count();
                let after: String = t.chars().skip(label).collect();
                let spaces = after.chars().take_while(|c| c.is_whitespace()).count();
                let label_len = label + spaces + w.chars().count();
                return Kind::Article(digits, sep.unwrap_or('.'), lead + marker_len(t, label_len));
            }
        }
    }
    // 1. text, 1.1. text, 1.1 text
    let mut number = String::new();
    let mut chars = t.chars().peekable();
    loop {
        let d: String = std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_digit())).collect();
        if d.is_empty() || d.len() > 2 {
            number.clear();
            break;
        }
        number.push_str(&d);
        match chars.peek() {
            Some('.') => {
                chars.next();
                if chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    number.push('.');
                    continue;
                }
                break;
            }
            Some(c) if c.is_whitespace() && number.contains('.') => break,
            _ => {
                number.clear();
                break;
            }
        }
    }
    if !number.is_empty() {
        let consumed = t.chars().count() - chars.clone().count();
        if chars.peek().is_some_and(|c| c.is_whitespace()) {
            return Kind::Item(number, lead + marker_len(t, consumed));
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

/// An open container: what follows it belongs to it until something of
/// its rank or higher comes.
enum Open {
    Article(Article),
    /// An item and its depth (`1` → 1, `1.1` → 2).
    Item(NumberedItem, usize),
    Point(Point),
}

impl Open {
    fn children(&mut self) -> &mut Vec<Block> {
        match self {
            Open::Article(a) => &mut a.children,
            Open::Item(i, _) => &mut i.children,
            Open::Point(p) => &mut p.children,
        }
    }
    fn into_block(self) -> Block {
        match self {
            Open::Article(a) => Block::Article(a),
            Open::Item(i, _) => Block::Item(i),
            Open::Point(p) => Block::Point(p),
        }
    }
}

struct Stack {
    open: Vec<Open>,
    out: Vec<Block>,
}

impl Stack {
    fn target(&mut self) -> &mut Vec<Block> {
        match self.open.last_mut() {
            Some(o) => o.children(),
            None => &mut self.out,
        }
    }
    fn push(&mut self, b: Block) {
        self.target().push(b);
    }
    /// Closes open containers while `pred` holds for the innermost.
    fn close_while(&mut self, pred: impl Fn(&Open) -> bool) {
        while self.open.last().is_some_and(&pred) {
            let o = self.open.pop().expect("non-empty");
            let b = o.into_block();
            self.push(b);
        }
    }
    fn close_all(&mut self) {
        self.close_while(|_| true);
    }
}

pub(crate) fn convert(pieces: &[Piece], ctx: &mut BodyCtx) -> Vec<Block> {
    let mut st = Stack {
        open: Vec::new(),
        out: Vec::new(),
    };
    let mut i = 0;
    while i < pieces.len() {
        let p: &Para = match pieces[i] {
            Piece::Table(t) => {
                let tb = ctx.table(t);
                st.push(Block::Table(tb));
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
                st.close_all();
                st.push(heading(Some(label), title, false));
            }
            Kind::PartLabel => {
                st.close_all();
                // The title is the next line when it is centred capitals.
                let next = match pieces.get(i) {
                    Some(Piece::Para(q)) if is_upper(&q.trimmed()) && q.all_bold() => Some(*q),
                    _ => None,
                };
                match next {
                    Some(q) => {
                        let title = ctx.text(q).plain_text();
                        st.push(heading(Some(plain.clone()), title, true));
                        i += 1;
                    }
                    None => st.push(heading(None, plain.clone(), true)),
                }
            }
            Kind::Article(n, sep, skip) => {
                st.close_all();
                if sep != '.' {
                    ctx.note(
                        "import.article_label",
                        p,
                        format!("nhãn `Điều {n}{sep}` được in là `Điều {n}.`"),
                        format!("the label `Điều {n}{sep}` is printed `Điều {n}.`"),
                    );
                }
                let rest = trim(drop_chars(&text, skip));
                let all_bold = text
                    .runs
                    .iter()
                    .filter(|r| !r.text.trim().is_empty())
                    .all(|r| r.bold);
                let (title, body) = if all_bold && !rest.is_empty() {
                    (Some(rest), Text::default())
                } else {
                    // The bold label is printed by the layout.
                    let body = Text {
                        runs: rest
                            .runs
                            .into_iter()
                            .map(|mut r| {
                                r.bold = r.bold && !all_bold;
                                r
                            })
                            .collect(),
                    };
                    (None, body)
                };
                st.open.push(Open::Article(Article {
                    number: ItemNumber(n),
                    title,
                    text: body,
                    children: Vec::new(),
                }));
            }
            Kind::Item(n, skip) => {
                let depth = n.split('.').count();
                st.close_while(|o| match o {
                    Open::Point(_) => true,
                    Open::Item(_, d) => *d >= depth,
                    Open::Article(_) => false,
                });
                let (h, rest) = split_heading(drop_chars(&text, skip));
                let mut it = item(0, h, rest);
                it.number = ItemNumber(n);
                st.open.push(Open::Item(it, depth));
            }
            Kind::Point(letter, skip) => {
                st.close_while(|o| matches!(o, Open::Point(_)));
                st.open
                    .push(Open::Point(point(letter, trim(drop_chars(&text, skip)))));
            }
            Kind::Dash(skip) => {
                let t = trim(drop_chars(&text, skip));
                let tgt = st.target();
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
                let tgt = st.target();
                match tgt.last_mut() {
                    Some(Block::List(items)) if !items.is_empty() => {
                        items.last_mut().expect("non-empty").sub.push(t)
                    }
                    _ => tgt.push(Block::Paragraph(text)),
                }
            }
            Kind::Plain => st.push(Block::Paragraph(text)),
        }
    }
    st.close_all();
    st.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert!(
            matches!(classify("I. ĐÁNH GIÁ CHUNG"), Kind::Section(l, t) if l == "I." && t == "ĐÁNH GIÁ CHUNG")
        );
        assert!(matches!(classify("1. Sở Công Thương"), Kind::Item(n, 3) if n == "1"));
        assert!(matches!(classify("1.1. Hồ sơ"), Kind::Item(n, 5) if n == "1.1"));
        assert!(matches!(classify("2.1 Tại điểm cầu"), Kind::Item(n, 4) if n == "2.1"));
        assert!(matches!(classify("Điều 1. Công nhận"), Kind::Article(n, '.', 8) if n == "1"));
        assert!(matches!(classify("Điều 3:  Quyết định"), Kind::Article(n, ':', 9) if n == "3"));
        assert!(matches!(classify("Điều khoản thi hành"), Kind::Plain));
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
