//! How much of what the author wrote reaches the model: the words of the
//! DOCX's main part, read straight from its XML, against the words the
//! model holds (and prints), taken in the order of the paragraphs they
//! came from.

use crate::assemble::Source;
use crate::recognise::words::word_tokens;
use std::collections::HashMap;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The result of [`coverage`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Coverage {
    /// Words in the file's main part.
    pub file_words: usize,
    /// Of those, how many appear in the model in order (longest common
    /// subsequence).
    pub in_order: usize,
    /// Words of the file found nowhere in the model (with repeats), first
    /// ones.
    pub missing: Vec<String>,
}

impl Coverage {
    /// The share of the file's words that reached the model in order, 0–1
    /// (1 for a file without words).
    pub fn ratio(&self) -> f64 {
        if self.file_words == 0 {
            1.0
        } else {
            self.in_order as f64 / self.file_words as f64
        }
    }
}

/// The words of `word/document.xml` as typed: every `w:t`, in XML order,
/// skipping deleted text and the VML copy of a drawing (`mc:Fallback`).
pub fn file_words(bytes: &[u8]) -> Option<Vec<String>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .ok()?
        .read_to_string(&mut xml)
        .ok()?;
    let doc = roxmltree::Document::parse(&xml).ok()?;
    let mut text = String::new();
    for n in doc.descendants() {
        if !n.is_element() {
            continue;
        }
        let name = n.tag_name().name();
        let in_w = n.tag_name().namespace() == Some(W);
        if in_w && matches!(name, "p" | "tab" | "br" | "cr") {
            text.push(' ');
            continue;
        }
        if !(in_w && name == "t") {
            continue;
        }
        let skipped = n.ancestors().any(|a| {
            (a.tag_name().namespace() == Some(MC) && a.tag_name().name() == "Fallback")
                || (a.tag_name().namespace() == Some(W)
                    && matches!(a.tag_name().name(), "del" | "moveFrom"))
        });
        if !skipped {
            text.push_str(n.text().unwrap_or(""));
        }
    }
    Some(word_tokens(&text))
}

/// The words the model holds and prints, in the order of their source
/// paragraphs (a stable sort: within a paragraph, in the model's order).
pub fn model_words(sources: &[Source]) -> Vec<String> {
    let mut s: Vec<&Source> = sources.iter().collect();
    s.sort_by_key(|x| x.paragraph);
    s.iter().flat_map(|x| word_tokens(&x.text)).collect()
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let ids: HashMap<&str, u32> = a
        .iter()
        .chain(b)
        .enumerate()
        .map(|(i, w)| (w.as_str(), i as u32))
        .collect();
    let a: Vec<u32> = a.iter().map(|w| ids[w.as_str()]).collect();
    let b: Vec<u32> = b.iter().map(|w| ids[w.as_str()]).collect();
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Compares the file's words with the imported model's.
pub fn coverage(file: &[String], sources: &[Source]) -> Coverage {
    let model = model_words(sources);
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for w in &model {
        *bag.entry(w.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    for w in file {
        let e = bag.entry(w.as_str()).or_default();
        *e -= 1;
        if *e < 0 && missing.len() < 50 {
            missing.push(w.clone());
        }
    }
    Coverage {
        file_words: file.len(),
        in_order: lcs(file, &model),
        missing,
    }
}

/// Every line the renderer prints for a document, in the model's order:
/// the fixed header strings, the model's strings and the labels and
/// numbers the layout adds (`Số:`, `Kính gửi:`, `1.`, `a)`, `Nơi nhận:` …).
pub fn printed_text(doc: &vanban_core::Document) -> Vec<String> {
    use vanban_core::document::{Block, CanCu};
    fn blocks(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph(t) => out.push(t.plain_text()),
                Block::List(items) => {
                    for it in items {
                        out.push(format!("- {}", it.text.plain_text()));
                        for s in &it.sub {
                            out.push(format!("+ {}", s.plain_text()));
                        }
                    }
                }
                Block::Item(it) => {
                    let mut s = format!("{}.", it.number);
                    if let Some(h) = &it.heading {
                        s.push(' ');
                        s.push_str(&h.plain_text());
                    }
                    if !it.text.is_empty() {
                        s.push(' ');
                        s.push_str(&it.text.plain_text());
                    }
                    out.push(s);
                    blocks(&it.children, out);
                }
                Block::Point(p) => {
                    out.push(format!("{}) {}", p.letter, p.text.plain_text()));
                    blocks(&p.children, out);
                }
                Block::Heading(h) => {
                    if let Some(l) = &h.label {
                        out.push(l.clone());
                    }
                    out.push(h.title.clone());
                }
                Block::Table(t) => {
                    for row in t.header.iter().chain(&t.rows) {
                        for c in row {
                            out.push(c.plain_text());
                        }
                    }
                }
                Block::Article(a) => {
                    let mut s = format!("Điều {}.", a.number);
                    for t in a.title.iter().chain(std::iter::once(&a.text)) {
                        if !t.is_empty() {
                            s.push(' ');
                            s.push_str(&t.plain_text());
                        }
                    }
                    out.push(s);
                    blocks(&a.children, out);
                }
                Block::Indented(ls) => out.extend(ls.iter().map(|t| t.plain_text())),
            }
        }
    }
    let mut out = vec![
        crate::recognise::words::QUOC_HIEU.to_string(),
        crate::recognise::words::TIEU_NGU.to_string(),
    ];
    out.extend(doc.issuer.superior.0.iter().cloned());
    out.extend(doc.issuer.name.0.iter().cloned());
    out.push(doc.so_line());
    out.push(doc.place_date_line());
    if let Some(n) = doc.kind.type_name() {
        out.push(n.to_string());
    }
    out.extend(doc.trich_yeu.0.iter().cloned());
    if !doc.kinh_gui.is_empty() {
        out.push("Kính gửi:".to_string());
        out.extend(doc.kinh_gui.iter().map(|t| t.plain_text()));
    }
    out.extend(doc.authority.0.iter().cloned());
    match &doc.can_cu {
        Some(CanCu::Lines(ls)) => out.extend(ls.iter().map(|t| t.plain_text())),
        Some(CanCu::Paragraph(t)) => out.push(t.plain_text()),
        None => {}
    }
    match doc.kind {
        vanban_core::DocumentKind::QuyetDinh => out.push("QUYẾT ĐỊNH:".to_string()),
        vanban_core::DocumentKind::NghiQuyet => out.push("QUYẾT NGHỊ:".to_string()),
        _ => {}
    }
    blocks(&doc.body, &mut out);
    out.push("Nơi nhận:".to_string());
    out.extend(
        doc.noi_nhan
            .entries
            .iter()
            .map(|t| format!("- {}", t.plain_text())),
    );
    if let Some(l) = &doc.noi_nhan.luu {
        out.push(format!("- {}", l.text()));
    }
    for s in std::iter::once(&doc.signature).chain(&doc.co_signers) {
        out.extend(s.authority.iter().cloned());
        out.push(s.post.clone());
        out.push(s.name.clone());
    }
    out.extend(doc.footer.0.iter().cloned());
    for a in &doc.annexes {
        out.extend(a.label.iter().cloned());
        out.extend(a.title.0.iter().cloned());
        out.extend(a.reference.iter().map(|t| t.plain_text()));
        blocks(&a.body, &mut out);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn lcs_counts_words_in_order() {
        assert_eq!(lcs(&w("a b c d"), &w("a c d")), 3);
        assert_eq!(lcs(&w("a b c d"), &w("d c b a")), 1);
        assert_eq!(lcs(&w("x"), &w("y")), 0);
    }
}
