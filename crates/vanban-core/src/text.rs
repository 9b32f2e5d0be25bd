//! Inline text: runs of characters with bold / italic / underline, and the
//! small markup users type instead of writing runs by hand.
//!
//! # Markup
//!
//! | you type          | you get            |
//! |-------------------|--------------------|
//! | `**chữ đậm**`     | **bold**           |
//! | `*chữ nghiêng*`   | *italic*           |
//! | `__gạch chân__`   | underline          |
//! | `\*`, `\_`, `\\`  | a literal `*`, `_`, `\` |
//!
//! Delimiters pair up in order. A delimiter left without a partner (an odd
//! `*` in `5 * 3`) stays in the text as typed: nothing the user wrote is
//! dropped. `***` is read as `**` followed by `*`.
//!
//! In JSON a [`Text`] is either one markup string or an array whose items
//! are markup strings or explicit runs (`{"text": "…", "bold": true}`).

use schemars::JsonSchema;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One stretch of text with a single style.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Một đoạn chữ cùng một kiểu."))]
pub struct Run {
    /// The characters of the run, exactly as written (NFC after loading).
    #[schemars(extend("x-description-vi" = "Các ký tự của đoạn, đúng như đã gõ."))]
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Bold.
    #[schemars(extend("x-description-vi" = "In đậm."))]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Italic.
    #[schemars(extend("x-description-vi" = "In nghiêng."))]
    pub italic: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    /// Underlined.
    #[schemars(extend("x-description-vi" = "Gạch chân."))]
    pub underline: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Run {
    /// A plain (regular, upright) run.
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
    /// A bold run.
    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: true,
            ..Run::default()
        }
    }
    /// An italic run.
    pub fn italic(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            italic: true,
            ..Run::default()
        }
    }
    fn same_style(&self, other: &Run) -> bool {
        self.bold == other.bold && self.italic == other.italic && self.underline == other.underline
    }
}

/// Inline text made of styled runs.
///
/// ```
/// use vanban_core::text::{Text, Run};
/// let t = Text::parse("**2. Công chức Tư pháp:** Tiếp tục triển khai");
/// assert_eq!(t.runs[0], Run::bold("2. Công chức Tư pháp:"));
/// assert_eq!(t.plain_text(), "2. Công chức Tư pháp: Tiếp tục triển khai");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The runs in reading order.
    pub runs: Vec<Run>,
}

impl Text {
    /// Parses the inline markup described in the module documentation.
    pub fn parse(markup: &str) -> Text {
        parse_markup(markup)
    }

    /// Text of one plain run (no markup interpretation).
    pub fn plain(s: impl Into<String>) -> Text {
        let s = s.into();
        if s.is_empty() {
            return Text::default();
        }
        Text {
            runs: vec![Run::plain(s)],
        }
    }

    /// The characters without styling.
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether there are no characters (runs may exist but be empty).
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.is_empty())
    }

    /// Appends a run, merging it with the previous one when the style is equal.
    pub fn push(&mut self, run: Run) {
        if run.text.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if last.same_style(&run) {
                last.text.push_str(&run.text);
                return;
            }
        }
        self.runs.push(run);
    }

    /// Writes the text back as markup; `Text::parse(&t.to_markup()) == t`
    /// for any text whose runs are merged (as every parsed text is).
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        for r in &self.runs {
            let mut open = String::new();
            if r.underline {
                open.push_str("__");
            }
            if r.bold {
                open.push_str("**");
            }
            if r.italic {
                open.push('*');
            }
            let close: String = open.chars().rev().collect();
            out.push_str(&open);
            for c in r.text.chars() {
                if matches!(c, '*' | '_' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push_str(&close);
        }
        out
    }

    /// Mutable access to every string, for normalisation and substitution.
    pub fn strings_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.runs.iter_mut().map(|r| &mut r.text)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::parse(s)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Delim {
    Bold,
    Italic,
    Underline,
}

enum Tok {
    Lit(char),
    Delim(Delim, &'static str),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => match it.peek() {
                Some(&n @ ('*' | '_' | '\\')) => {
                    it.next();
                    toks.push(Tok::Lit(n));
                }
                _ => toks.push(Tok::Lit('\\')),
            },
            '*' => {
                if it.peek() == Some(&'*') {
                    it.next();
                    toks.push(Tok::Delim(Delim::Bold, "**"));
                } else {
                    toks.push(Tok::Delim(Delim::Italic, "*"));
                }
            }
            '_' if it.peek() == Some(&'_') => {
                it.next();
                toks.push(Tok::Delim(Delim::Underline, "__"));
            }
            c => toks.push(Tok::Lit(c)),
        }
    }
    toks
}

fn parse_markup(s: &str) -> Text {
    let mut toks = tokenize(s);
    // A delimiter kind that occurs an odd number of times has one without a
    // partner: the last one stays literal. Linear, and never drops a character.
    for kind in [Delim::Bold, Delim::Italic, Delim::Underline] {
        let count = toks
            .iter()
            .filter(|t| matches!(t, Tok::Delim(k, _) if *k == kind))
            .count();
        if count % 2 == 1 {
            if let Some(pos) = toks
                .iter()
                .rposition(|t| matches!(t, Tok::Delim(k, _) if *k == kind))
            {
                if let Tok::Delim(_, lit) = toks[pos] {
                    toks.splice(pos..=pos, lit.chars().map(Tok::Lit));
                }
            }
        }
    }
    let mut text = Text::default();
    let (mut bold, mut italic, mut underline) = (false, false, false);
    let mut cur = String::new();
    for t in toks {
        match t {
            Tok::Lit(c) => cur.push(c),
            Tok::Delim(k, _) => {
                text.push(Run {
                    text: std::mem::take(&mut cur),
                    bold,
                    italic,
                    underline,
                });
                match k {
                    Delim::Bold => bold = !bold,
                    Delim::Italic => italic = !italic,
                    Delim::Underline => underline = !underline,
                }
            }
        }
    }
    text.push(Run {
        text: cur,
        bold,
        italic,
        underline,
    });
    text
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_markup())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text: a string (with optional **bold** / *italic* markup) or a list of strings and runs")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::parse(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                let mut text = Text::default();
                while let Some(piece) = seq.next_element::<Piece>()? {
                    match piece {
                        Piece::Markup(s) => {
                            for r in Text::parse(&s).runs {
                                text.push(r);
                            }
                        }
                        Piece::Run(r) => text.push(r),
                    }
                }
                Ok(text)
            }
        }
        d.deserialize_any(V)
    }
}

/// An item of a text array: a markup string or an explicit run.
enum Piece {
    Markup(String),
    Run(Run),
}

impl<'de> Deserialize<'de> for Piece {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Piece, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Piece;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a run object {\"text\": …, \"bold\": true}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Piece, E> {
                Ok(Piece::Markup(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Piece, A::Error> {
                Run::deserialize(de::value::MapAccessDeserializer::new(map)).map(Piece::Run)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let run = g.subschema_for::<Run>();
        let mut s = schemars::json_schema!({
            "description": "Text with inline markup (**bold**, *italic*, __underline__; \\* for a literal star), or a list of markup strings and runs.",
            "x-description-vi": "Chữ có định dạng trong dòng (**đậm**, *nghiêng*, __gạch chân__; \\* để viết dấu sao), hoặc một mảng các chuỗi định dạng và đoạn chữ (run).",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"anyOf": [{"type": "string"}, run]}}
            ]
        });
        crate::document::bilingual(&mut s);
        s
    }
}

/// One or several lines of plain text (no markup): a string, or an array of
/// strings, one per line. Used where the line structure is the author's
/// (issuing-body name, trích yếu, authority lines).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Lines(pub Vec<String>);

/// A string or an array of strings, as [`Lines`] deserialises (a derived
/// schema would say "array" only, and editors would flag every
/// `"trich_yeu": "Về việc …"`).
impl JsonSchema for Lines {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lines".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut s = schemars::json_schema!({
            "description": "One or several lines of plain text (no markup): a string, or an array of strings, one per line. Used where the line structure is the author's (issuing-body name, trích yếu, authority lines).",
            "x-description-vi": "Một hoặc nhiều dòng chữ thường (không định dạng): một chuỗi, hoặc một mảng các chuỗi, mỗi chuỗi một dòng (khi người soạn tự ngắt dòng).",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        });
        crate::document::bilingual(&mut s);
        s
    }
}

impl Lines {
    /// The lines joined with `sep` between them.
    pub fn joined(&self, sep: &str) -> String {
        self.0.join(sep)
    }
    /// Whether every line is blank.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|l| l.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lines, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a list of strings (one per line)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut v = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    v.push(s);
                }
                Ok(Lines(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// `n` in Roman numerals (`Phụ lục II`, `Chương IV`, Word's upperRoman
/// numbering); empty for 0.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_numerals() {
        let r: Vec<String> = [1, 2, 3, 4, 9, 14, 40, 1994]
            .iter()
            .map(|&n| super::roman(n))
            .collect();
        assert_eq!(r, ["I", "II", "III", "IV", "IX", "XIV", "XL", "MCMXCIV"]);
    }

    use super::*;

    fn runs(t: &Text) -> Vec<(String, bool, bool, bool)> {
        t.runs
            .iter()
            .map(|r| (r.text.clone(), r.bold, r.italic, r.underline))
            .collect()
    }

    #[test]
    fn bold_run_in_heading() {
        let t = Text::parse("**2. Công chức:** Tiếp tục");
        assert_eq!(
            runs(&t),
            vec![
                ("2. Công chức:".into(), true, false, false),
                (" Tiếp tục".into(), false, false, false)
            ]
        );
    }

    #[test]
    fn italic_and_underline() {
        let t = Text::parse("a *b* __c__");
        assert_eq!(
            runs(&t),
            vec![
                ("a ".into(), false, false, false),
                ("b".into(), false, true, false),
                (" ".into(), false, false, false),
                ("c".into(), false, false, true)
            ]
        );
    }

    #[test]
    fn unmatched_delimiter_is_kept() {
        assert_eq!(Text::parse("5 * 3 = 15").plain_text(), "5 * 3 = 15");
        assert_eq!(Text::parse("**a** b **").plain_text(), "a b **");
        assert_eq!(Text::parse("snake_case").plain_text(), "snake_case");
    }

    #[test]
    fn escapes() {
        let t = Text::parse(r"\*not italic\* and \\ and \q");
        assert_eq!(t.plain_text(), r"*not italic* and \ and \q");
        assert_eq!(t.runs.len(), 1);
    }

    #[test]
    fn markup_round_trip() {
        for s in [
            "**2. Công chức:** Tiếp tục",
            r"a \* b",
            "x __u__ *i* ***bi***",
            "57,38/100 điểm",
            r"path\to_file",
        ] {
            let t = Text::parse(s);
            assert_eq!(Text::parse(&t.to_markup()), t, "{s}");
        }
    }

    #[test]
    fn json_forms() {
        let t: Text = serde_json::from_str(r#"["**a** ", {"text": "b", "italic": true}]"#).unwrap();
        assert_eq!(
            runs(&t),
            vec![
                ("a".into(), true, false, false),
                (" ".into(), false, false, false),
                ("b".into(), false, true, false)
            ]
        );
        let err = serde_json::from_str::<Text>("12").unwrap_err().to_string();
        assert!(err.contains("expected text"), "{err}");
        let err = serde_json::from_str::<Text>(r#"[{"text":"a","bolt":true}]"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bolt"), "{err}");
    }
}
