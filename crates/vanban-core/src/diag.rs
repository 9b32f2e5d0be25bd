//! Diagnostics: what is wrong with a document, where, and how to fix it,
//! in Vietnamese and English. Produced by loading and by the Decree 30
//! rules; printed by the CLI, returned as values by the library.

use serde::Serialize;
use std::fmt;

/// How serious a [`Diagnostic`] is; ordered, so `max()` gives the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing to change (e.g. text normalised to NFC).
    Note,
    /// Against Decree 30 or likely a mistake, but the document still renders.
    Warning,
    /// The document cannot be rendered correctly as it stands; `render` stops.
    Error,
}

impl Severity {
    /// The word printed before a message: `lỗi`, `cảnh báo`, `ghi chú` or `error`, `warning`, `note`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Note, Lang::Vi) => "ghi chú",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Note, Lang::En) => "note",
        }
    }
}

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    /// The Vietnamese text.
    pub vi: String,
    /// The English text.
    pub en: String,
}

impl Msg {
    /// A message from its Vietnamese and English texts.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            vi: vi.into(),
            en: en.into(),
        }
    }
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Line and column (1-based, columns in characters) in the input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, counted in characters.
    pub column: usize,
}

/// One finding about a document: its severity, rule code, where (JSON path
/// and, when known, line and column), the message and the fix, both in
/// Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable rule identifier (`so_hieu.ky_hieu_kind`), for filtering and tests.
    pub code: &'static str,
    /// JSON path of the field (`noi_nhan.luu.units`); empty for the whole input.
    pub path: String,
    /// Where the field starts in the input file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// What is wrong, in both languages.
    pub message: Msg,
    /// How to fix it, when there is a clear fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Msg>,
}

impl Diagnostic {
    /// A finding with no position and no fix; see [`Diagnostic::with_fix`].
    pub fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: Msg,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            path: path.into(),
            position: None,
            message,
            fix: None,
        }
    }
    /// An [`Severity::Error`] finding.
    pub fn error(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Error, code, path, message)
    }
    /// A [`Severity::Warning`] finding.
    pub fn warning(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }
    /// A [`Severity::Note`] finding.
    pub fn note(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Note, code, path, message)
    }
    /// The same finding with how to fix it.
    pub fn with_fix(mut self, fix: Msg) -> Self {
        self.fix = Some(fix);
        self
    }
    /// Whether it stops rendering.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One human-readable block: `lỗi: <path> (dòng 3, cột 5): message` and the fix.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        let mut s = String::new();
        s.push_str(self.severity.label(lang));
        s.push_str(": ");
        s.push_str(file);
        if let Some(p) = self.position {
            s.push_str(&format!(":{}:{}", p.line, p.column));
        }
        if !self.path.is_empty() {
            s.push_str(&format!(" [{}]", self.path));
        }
        s.push_str(": ");
        s.push_str(self.message.get(lang));
        if let Some(fix) = &self.fix {
            s.push_str(match lang {
                Lang::Vi => "\n  cách sửa: ",
                Lang::En => "\n  fix: ",
            });
            s.push_str(fix.get(lang));
        }
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("", Lang::En))
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(ds: &[Diagnostic]) -> bool {
    ds.iter().any(Diagnostic::is_error)
}

/// Bounds a list of diagnostics for people to read: at most
/// `limits.diagnostics_per_rule` of each code are kept (the first ones, in
/// the list's order), the rest become one diagnostic of the same code and
/// highest severity saying how many more there are; every quoted value is
/// shortened to `limits.quoted_chars` (see [`shorten_quotes`]).
///
/// ```
/// use vanban_core::{diag::{summarise, Diagnostic, Msg}, Limits};
/// let many: Vec<Diagnostic> = (0..20_000)
///     .map(|i| Diagnostic::warning("body.item_emphasis", format!("body[{i}]"), Msg::new("…", "…")))
///     .collect();
/// let shown = summarise(many, &Limits::default());
/// assert_eq!(shown.len(), 21);
/// assert_eq!(shown[20].message.en, "… and 19,980 more of this kind (`body.item_emphasis`)");
/// ```
pub fn summarise(diags: Vec<Diagnostic>, limits: &crate::Limits) -> Vec<Diagnostic> {
    use std::collections::HashMap;
    let keep = limits.diagnostics_per_rule.max(1);
    // Per code: how many, the highest severity, and the path all the
    // dropped ones share (`body` for items under it), where the summary
    // points.
    let mut seen: HashMap<&'static str, (usize, Severity, Option<String>)> = HashMap::new();
    let mut out = Vec::with_capacity(diags.len().min(256));
    let mut order: Vec<&'static str> = Vec::new();
    for mut d in diags {
        let slot = seen.entry(d.code).or_insert_with(|| {
            order.push(d.code);
            (0, d.severity, None)
        });
        slot.0 += 1;
        if slot.0 <= keep {
            shorten_quotes(&mut d, limits.quoted_chars);
            out.push(d);
        } else {
            slot.1 = slot.1.max(d.severity);
            slot.2 = Some(match slot.2.take() {
                None => d.path,
                Some(p) => common_path(&p, &d.path).to_string(),
            });
        }
    }
    for code in order {
        let (n, severity, path) = seen.remove(code).expect("seen");
        if n > keep {
            let more = n - keep;
            out.push(Diagnostic::new(
                severity,
                code,
                path.unwrap_or_default(),
                Msg::new(
                    format!(
                        "… và {} lỗi/cảnh báo cùng loại khác (`{code}`)",
                        crate::limits::grouped(more, '.')
                    ),
                    format!(
                        "… and {} more of this kind (`{code}`)",
                        crate::limits::grouped(more, ',')
                    ),
                ),
            ));
        }
    }
    out
}

/// The longest path both are inside: `body[3].item` and `body[9].item`
/// share `body`.
fn common_path<'a>(a: &'a str, b: &str) -> &'a str {
    let mut end = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            return &a[..end];
        }
        if x == '.' || x == '[' {
            end = i;
        }
    }
    let n = a.len().min(b.len());
    match (a.as_bytes().get(n), b.as_bytes().get(n)) {
        (None, None) => a,
        (Some(b'.' | b'['), None) => &a[..n],
        (None, Some(b'.' | b'[')) => a,
        _ => &a[..end],
    }
}

/// Shortens every value quoted between backticks in the message and the
/// fix to at most `max` characters (its start and end, with how long it
/// was), and the whole text to a few times that: a 1 MB ký hiệu must not
/// become a 1 MB message.
pub fn shorten_quotes(d: &mut Diagnostic, max: usize) {
    for (m, lang) in [(&mut d.message.vi, Lang::Vi), (&mut d.message.en, Lang::En)] {
        *m = shorten_text(m, max, lang);
    }
    if let Some(f) = &mut d.fix {
        f.vi = shorten_text(&f.vi, max, Lang::Vi);
        f.en = shorten_text(&f.en, max, Lang::En);
    }
}

/// A long value cut in the middle: `head … tail`.
pub fn shorten_value(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head = max.saturating_sub(1) * 2 / 3;
    let tail = max.saturating_sub(1) - head;
    let mut out: String = s.chars().take(head).collect();
    out.push('…');
    out.extend(s.chars().skip(n - tail));
    out
}

fn shorten_text(text: &str, max: usize, lang: Lang) -> String {
    // Quick exit for the usual, short message.
    if text.len() <= max {
        return text.to_string();
    }
    let pieces: Vec<&str> = text.split('`').collect();
    let mut out = String::new();
    let mut note: Option<usize> = None;
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        // The note on a shortened value goes after its closing backtick.
        if let Some(n) = note.take() {
            out.push_str(&match lang {
                Lang::Vi => format!(" ({} ký tự)", crate::limits::grouped(n, '.')),
                Lang::En => format!(" ({} characters)", crate::limits::grouped(n, ',')),
            });
        }
        let n = piece.chars().count();
        // Odd pieces with a closing backtick are quoted values.
        if i % 2 == 1 && i + 1 < pieces.len() && n > max {
            out.push_str(&shorten_value(piece, max));
            note = Some(n);
        } else {
            out.push_str(piece);
        }
    }
    let whole = max * 4 + 200;
    if out.chars().count() > whole {
        shorten_value(&out, whole)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_paths() {
        assert_eq!(common_path("body[3].item", "body[9].item"), "body");
        assert_eq!(common_path("body[3].item", "body[3].item"), "body[3].item");
        assert_eq!(common_path("body[3].item", "body[3]"), "body[3]");
        assert_eq!(common_path("body[31]", "body[3]"), "body");
        assert_eq!(common_path("place", "signature.name"), "");
    }

    #[test]
    fn summaries_point_at_what_the_dropped_share() {
        let many: Vec<Diagnostic> = (0..50)
            .map(|i| Diagnostic::warning("x", format!("body[{i}].item"), Msg::new("a", "a")))
            .chain([Diagnostic::error("y", "place", Msg::new("b", "b"))])
            .collect();
        let limits = crate::Limits {
            diagnostics_per_rule: 5,
            ..Default::default()
        };
        let out = summarise(many, &limits);
        let codes: Vec<_> = out.iter().map(|d| (d.code, d.path.as_str())).collect();
        assert_eq!(codes.len(), 7);
        assert_eq!(codes[6], ("x", "body"));
        assert_eq!(
            out[6].message.vi,
            "… và 45 lỗi/cảnh báo cùng loại khác (`x`)"
        );
    }

    #[test]
    fn long_quoted_values_are_cut_in_the_middle() {
        let v = format!("A{}Z", "x".repeat(10_000));
        let mut d = Diagnostic::error(
            "c",
            "p",
            Msg::new(format!("ký hiệu `{v}` sai"), format!("code `{v}` is wrong")),
        )
        .with_fix(Msg::new(format!("ghi `{v}`"), format!("write `{v}`")));
        shorten_quotes(&mut d, 80);
        assert!(d.message.en.starts_with("code `Axxx"), "{}", d.message.en);
        assert!(
            d.message.en.ends_with("xxZ` (10,002 characters) is wrong"),
            "{}",
            d.message.en
        );
        assert!(
            d.message.vi.ends_with("xxZ` (10.002 ký tự) sai"),
            "{}",
            d.message.vi
        );
        assert!(d.fix.as_ref().unwrap().en.len() < 200);
        // Short messages are untouched.
        let mut e = Diagnostic::error("c", "p", Msg::new("`ngắn`", "`short`"));
        shorten_quotes(&mut e, 80);
        assert_eq!(e.message.en, "`short`");
    }
}
