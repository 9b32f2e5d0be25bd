//! Writing XML text straight into a `String`: the parts are written once,
//! in schema order, never parsed back.

use crate::DocxError;
use std::fmt::Write;

/// A part being written.
#[derive(Default)]
pub struct Xml {
    pub s: String,
    /// The first character XML 1.0 cannot carry, if the text had one.
    pub bad_char: Option<char>,
}

impl Xml {
    pub fn with_capacity(n: usize) -> Xml {
        Xml {
            s: String::with_capacity(n),
            bad_char: None,
        }
    }

    /// Markup, written as it is.
    pub fn raw(&mut self, markup: &str) {
        self.s.push_str(markup);
    }

    pub fn int(&mut self, n: i64) {
        let _ = write!(self.s, "{n}");
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &str, value: &str) {
        self.s.push(' ');
        self.s.push_str(name);
        self.s.push_str("=\"");
        self.escape(value, true);
        self.s.push('"');
    }

    /// ` name="n"`.
    pub fn attr_int(&mut self, name: &str, n: i64) {
        let _ = write!(self.s, " {name}=\"{n}\"");
    }

    /// Character data.
    pub fn text(&mut self, t: &str) {
        self.escape(t, false);
    }

    fn escape(&mut self, t: &str, attr: bool) {
        if !t
            .bytes()
            .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"') || b < 0x20)
            && !t.contains(['\u{FFFE}', '\u{FFFF}'])
        {
            self.s.push_str(t);
            return;
        }
        for c in t.chars() {
            match c {
                '&' => self.s.push_str("&amp;"),
                '<' => self.s.push_str("&lt;"),
                '>' => self.s.push_str("&gt;"),
                '"' if attr => self.s.push_str("&quot;"),
                // Kept as references: a literal tab or line end in an
                // attribute would be normalised to a space by the reader.
                '\t' | '\n' | '\r' if attr => {
                    let _ = write!(self.s, "&#{};", c as u32);
                }
                '\t' | '\n' | '\r' => self.s.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    self.bad_char.get_or_insert(c);
                }
                c => self.s.push(c),
            }
        }
    }

    /// The finished part, or the error naming a character XML cannot hold.
    pub fn finish(self) -> Result<String, DocxError> {
        match self.bad_char {
            Some(c) => Err(DocxError::InvalidCharacter(c as u32)),
            None => Ok(self.s),
        }
    }
}

/// The XML declaration every part starts with.
pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml::default();
        x.raw("<a");
        x.attr("v", "x & \"y\"\t<");
        x.raw(">");
        x.text("A & B <c> \"d\"");
        x.raw("</a>");
        assert_eq!(
            x.finish().unwrap(),
            "<a v=\"x &amp; &quot;y&quot;&#9;&lt;\">A &amp; B &lt;c&gt; \"d\"</a>"
        );
    }

    #[test]
    fn characters_xml_cannot_hold_are_an_error_not_dropped() {
        let mut x = Xml::default();
        x.text("a\u{1}b");
        assert!(matches!(x.finish(), Err(DocxError::InvalidCharacter(1))));
    }
}
