//! A small XML tree for reading parts back: the tests check the DOCX by
//! its XML with it, and `issue` reads the formatting of a blank with it.
//! Names are kept qualified as written (`w:pPr`).

use quick_xml::events::Event;
use quick_xml::Reader;

/// A node: an element or character data (already unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with its qualified name, attributes in document order and children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, thiserror::Error)]
#[error("XML part is not well-formed: {0}")]
pub struct XmlError(pub String);

impl Element {
    pub fn new(name: impl Into<String>) -> Element {
        Element {
            name: name.into(),
            ..Element::default()
        }
    }

    /// Builder: adds an attribute.
    pub fn attr(mut self, k: impl Into<String>, v: impl Into<String>) -> Element {
        self.attrs.push((k.into(), v.into()));
        self
    }

    /// Builder: adds a child element.
    pub fn child(mut self, e: Element) -> Element {
        self.children.push(Node::Element(e));
        self
    }

    /// Builder: adds character data.
    pub fn text(mut self, t: impl Into<String>) -> Element {
        self.children.push(Node::Text(t.into()));
        self
    }

    pub fn get_attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }

    /// Sets an attribute, replacing an existing one of the same name.
    pub fn set_attr(&mut self, k: &str, v: impl Into<String>) {
        let v = v.into();
        match self.attrs.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => self.attrs.push((k.to_string(), v)),
        }
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child of that name, created (at the end) when missing.
    pub fn find_or_insert(&mut self, name: &str) -> &mut Element {
        if self.find(name).is_none() {
            self.children.push(Node::Element(Element::new(name)));
        }
        self.find_mut(name).expect("just inserted")
    }

    /// All character data below this element, in order.
    pub fn text_content(&self) -> String {
        let mut s = String::new();
        fn walk(e: &Element, s: &mut String) {
            for n in &e.children {
                match n {
                    Node::Text(t) => s.push_str(t),
                    Node::Element(c) => walk(c, s),
                }
            }
        }
        walk(self, &mut s);
        s
    }

    /// Visits this element and every descendant, parents first.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Element)) {
        f(self);
        for c in self.elements_mut() {
            c.walk_mut(f);
        }
    }

    /// Visits every descendant, parents first (read-only).
    pub fn walk(&self, f: &mut dyn FnMut(&Element)) {
        f(self);
        for c in self.elements() {
            c.walk(f);
        }
    }
}

/// Parses a whole part; returns its root element. Comments, processing
/// instructions and the declaration are dropped (the writer adds its own
/// declaration). Whitespace-only text between elements is dropped too:
/// in WordprocessingML significant spaces live
/// only inside `w:t`, which always has other content or `xml:space`.
pub fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut raw_text: Vec<u8> = Vec::new();
    let err = |e: &dyn std::fmt::Display| XmlError(e.to_string());

    fn flush(raw: &mut Vec<u8>, stack: &mut [Element]) -> Result<(), XmlError> {
        if raw.is_empty() {
            return Ok(());
        }
        let s = std::str::from_utf8(raw).map_err(|e| XmlError(e.to_string()))?;
        let t = unescape(s)?;
        raw.clear();
        if let Some(top) = stack.last_mut() {
            // Keep whitespace only inside text-bearing elements.
            if !t.trim().is_empty() || is_text_element(&top.name) {
                top.children.push(Node::Text(t));
            }
        }
        Ok(())
    }

    loop {
        match reader.read_event().map_err(|e| err(&e))? {
            Event::Start(s) => {
                flush(&mut raw_text, &mut stack)?;
                stack.push(start_element(&s)?);
            }
            Event::Empty(s) => {
                flush(&mut raw_text, &mut stack)?;
                let e = start_element(&s)?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                flush(&mut raw_text, &mut stack)?;
                let e = stack
                    .pop()
                    .ok_or_else(|| XmlError("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Element(e)),
                    None => root = Some(e),
                }
            }
            Event::Text(t) => raw_text.extend_from_slice(&t),
            Event::CData(t) => {
                // Escaped so the later unescape gives the characters back.
                let s = std::str::from_utf8(&t).map_err(|e| err(&e))?;
                raw_text.extend_from_slice(escape_text(s).as_bytes());
            }
            Event::GeneralRef(r) => {
                raw_text.push(b'&');
                raw_text.extend_from_slice(&r);
                raw_text.push(b';');
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError("unclosed element at end of part".into()));
    }
    root.ok_or_else(|| XmlError("no root element".into()))
}

fn is_text_element(name: &str) -> bool {
    matches!(name, "w:t" | "w:instrText" | "w:delText")
}

fn start_element(s: &quick_xml::events::BytesStart) -> Result<Element, XmlError> {
    let name = std::str::from_utf8(s.name().as_ref())
        .map_err(|e| XmlError(e.to_string()))?
        .to_string();
    let mut e = Element::new(name);
    for a in s.attributes() {
        let a = a.map_err(|e| XmlError(e.to_string()))?;
        let k = std::str::from_utf8(a.key.as_ref())
            .map_err(|e| XmlError(e.to_string()))?
            .to_string();
        let raw = std::str::from_utf8(&a.value).map_err(|e| XmlError(e.to_string()))?;
        e.attrs.push((k, unescape(raw)?));
    }
    Ok(e)
}

/// Resolves the five predefined entities and character references.
fn unescape(s: &str) -> Result<String, XmlError> {
    if !s.contains('&') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .ok_or_else(|| XmlError(format!("unterminated entity in {s:?}")))?;
        let ent = &after[..end];
        let c = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(h) = ent.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = ent.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                n.and_then(char::from_u32)
                    .ok_or_else(|| XmlError(format!("unknown entity &{ent};")))?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn escape_text(s: &str) -> String {
    escape(s, false)
}

fn escape_attr(s: &str) -> String {
    escape(s, true)
}

/// XML escaping; attribute values also need the quote escaped.
fn escape(s: &str, attr: bool) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' if attr => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// Writes a part: declaration, then the tree.
pub fn write(root: &Element) -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
    write_element(root, &mut s);
    s.into_bytes()
}

/// Writes an element without a declaration (a fragment of a part).
pub fn write_fragment(e: &Element) -> String {
    let mut s = String::new();
    write_element(e, &mut s);
    s
}

fn write_element(e: &Element, s: &mut String) {
    s.push('<');
    s.push_str(&e.name);
    for (k, v) in &e.attrs {
        s.push(' ');
        s.push_str(k);
        s.push_str("=\"");
        s.push_str(&escape_attr(v));
        s.push('"');
    }
    if e.children.is_empty() {
        s.push_str("/>");
        return;
    }
    s.push('>');
    for c in &e.children {
        match c {
            Node::Element(c) => write_element(c, s),
            Node::Text(t) => s.push_str(&escape_text(t)),
        }
    }
    s.push_str("</");
    s.push_str(&e.name);
    s.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_entities_and_spaces() {
        let src = r#"<?xml version="1.0"?><w:p a="x &amp; &quot;y&quot;"><w:r><w:t xml:space="preserve">  A &amp; B &lt;c&gt; &#x1EA0; </w:t></w:r>
  <w:r/></w:p>"#;
        let e = parse(src.as_bytes()).unwrap();
        assert_eq!(e.get_attr("a"), Some("x & \"y\""));
        assert_eq!(e.text_content(), "  A & B <c> Ạ ");
        // The indentation between elements is not content.
        assert_eq!(e.children.len(), 2);
        let out = String::from_utf8(write(&e)).unwrap();
        assert!(out.ends_with(r#"<w:p a="x &amp; &quot;y&quot;"><w:r><w:t xml:space="preserve">  A &amp; B &lt;c&gt; Ạ </w:t></w:r><w:r/></w:p>"#), "{out}");
        assert_eq!(parse(out.as_bytes()).unwrap(), e);
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"<a>&bogus;</a>").is_err());
    }
}
