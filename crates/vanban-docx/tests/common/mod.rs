//! Reading a DOCX back as Word would: the package's parts, and each
//! paragraph's effective formatting (document defaults, then the
//! paragraph style, then the character style, then direct formatting).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use vanban_core::{load, Document};
use vanban_docx::xml::{parse, Element, Node};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every sample document (`samples/*.json`, templates aside), by name.
pub fn samples() -> Vec<(String, Document)> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().contains("template")
        })
        .collect();
    paths.sort();
    for p in paths {
        let json = std::fs::read_to_string(&p).unwrap();
        let doc = load::from_json(&json)
            .unwrap_or_else(|e| panic!("{}: {e:?}", p.display()))
            .document;
        out.push((p.file_name().unwrap().to_string_lossy().into_owned(), doc));
    }
    assert!(!out.is_empty(), "no samples found");
    out
}

/// The ND30 profile with the document's overrides.
pub fn profile_for(doc: &Document) -> vanban_core::Profile {
    let p = vanban_core::Profile::nd30();
    match &doc.profile {
        Some(o) => p.with_overrides(o).expect("the sample's profile is valid"),
        None => p,
    }
}

/// The images a sample names, loaded from the samples folder.
pub fn assets_for(doc: &Document) -> vanban_core::Assets {
    let mut a = vanban_core::Assets::new();
    for s in std::iter::once(&doc.signature).chain(&doc.co_signers) {
        for r in [&s.signature_image, &s.seal_image].into_iter().flatten() {
            if let Ok(b) = std::fs::read(root().join("samples").join(r)) {
                a.insert(r.clone(), b);
            }
        }
    }
    a
}

pub struct Package {
    pub parts: BTreeMap<String, Vec<u8>>,
    /// Entry names in archive order.
    pub order: Vec<String>,
}

impl Package {
    pub fn open(bytes: &[u8]) -> Package {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut parts = BTreeMap::new();
        let mut order = Vec::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            order.push(f.name().to_string());
            parts.insert(f.name().to_string(), v);
        }
        Package { parts, order }
    }
    pub fn xml(&self, name: &str) -> Element {
        parse(
            self.parts
                .get(name)
                .unwrap_or_else(|| panic!("no part {name}")),
        )
        .unwrap()
    }
}

pub fn all<'a>(e: &'a Element, name: &str) -> Vec<&'a Element> {
    fn rec<'a>(e: &'a Element, name: &str, v: &mut Vec<&'a Element>) {
        if e.name == name {
            v.push(e);
        }
        for c in e.elements() {
            rec(c, name, v);
        }
    }
    let mut v = Vec::new();
    rec(e, name, &mut v);
    v
}

pub fn val<'a>(e: &'a Element, child: &str, attr: &str) -> Option<&'a str> {
    e.find(child).and_then(|c| c.get_attr(attr))
}

/// A toggle or on/off property: present and not `0`/`false`.
pub fn on(e: Option<&Element>) -> Option<bool> {
    e.map(|e| !matches!(e.get_attr("w:val"), Some("0") | Some("false")))
}

/// A paragraph's text as Word shows it: `w:br` as `\n`, a non-breaking
/// hyphen as `-`, a tab as `\t`.
pub fn para_text(p: &Element) -> String {
    let mut s = String::new();
    fn walk(e: &Element, s: &mut String) {
        match e.name.as_str() {
            "w:t" => s.push_str(&e.text_content()),
            "w:br" | "w:cr" => s.push('\n'),
            "w:noBreakHyphen" => s.push('-'),
            "w:tab" => s.push('\t'),
            "w:pPr" | "w:rPr" | "w:sdtPr" | "mc:AlternateContent" | "w:drawing" => {}
            _ => {
                for c in e.elements() {
                    walk(c, s);
                }
            }
        }
    }
    walk(p, &mut s);
    s
}

/// Effective paragraph properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PProps {
    pub style: String,
    pub before: i32,
    pub after: i32,
    pub line: Option<(i32, String)>,
    pub left: i32,
    pub right: i32,
    /// First-line indent, negative when hanging.
    pub first: i32,
    pub jc: String,
    pub keep_next: bool,
    pub keep_lines: bool,
    pub size: u16,
    pub bold: bool,
    pub italic: bool,
}

/// A run of text with its effective face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct RunText {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub size: u16,
}

pub struct Styles {
    root: Element,
}

impl Styles {
    pub fn new(styles: Element) -> Styles {
        Styles { root: styles }
    }

    pub fn style(&self, id: &str) -> &Element {
        self.root
            .elements()
            .find(|s| s.name == "w:style" && s.get_attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"))
    }

    fn defaults(&self) -> PProps {
        let mut p = PProps {
            jc: "left".into(),
            ..PProps::default()
        };
        if let Some(d) = self.root.find("w:docDefaults") {
            if let Some(r) = d.find("w:rPrDefault").and_then(|r| r.find("w:rPr")) {
                apply_rpr(&mut p, r);
            }
            if let Some(pp) = d.find("w:pPrDefault").and_then(|r| r.find("w:pPr")) {
                apply_ppr(&mut p, pp);
            }
        }
        p
    }

    /// Properties of a paragraph style, its `basedOn` chain applied first.
    pub fn para_style(&self, id: &str) -> PProps {
        let st = self.style(id);
        let mut p = match st.find("w:basedOn").and_then(|b| b.get_attr("w:val")) {
            Some(b) => self.para_style(b),
            None => self.defaults(),
        };
        if let Some(pp) = st.find("w:pPr") {
            apply_ppr(&mut p, pp);
        }
        if let Some(r) = st.find("w:rPr") {
            apply_rpr(&mut p, r);
        }
        p.style = id.to_string();
        p
    }

    /// Effective properties of a `w:p`.
    pub fn para(&self, p: &Element) -> PProps {
        let ppr = p.find("w:pPr");
        let id = ppr
            .and_then(|x| val(x, "w:pStyle", "w:val"))
            .unwrap_or("Normal");
        let mut props = self.para_style(id);
        if let Some(ppr) = ppr {
            apply_ppr(&mut props, ppr);
        }
        props
    }

    /// The runs of a paragraph (content controls included) with their
    /// effective faces. Toggles: a character style's bold in a bold
    /// paragraph style cancels out; direct formatting is absolute.
    pub fn runs(&self, p: &Element) -> Vec<RunText> {
        let base = self.para(p);
        let mut out = Vec::new();
        for r in all(p, "w:r") {
            let mut bold = base.bold;
            let mut italic = base.italic;
            let mut size = base.size;
            if let Some(rpr) = r.find("w:rPr") {
                if let Some(cs) = val(rpr, "w:rStyle", "w:val") {
                    let st = self.style(cs);
                    if let Some(sr) = st.find("w:rPr") {
                        if on(sr.find("w:b")) == Some(true) {
                            bold = !bold;
                        }
                        if on(sr.find("w:i")) == Some(true) {
                            italic = !italic;
                        }
                    }
                }
                if let Some(b) = on(rpr.find("w:b")) {
                    bold = b;
                }
                if let Some(i) = on(rpr.find("w:i")) {
                    italic = i;
                }
                if let Some(s) = val(rpr, "w:sz", "w:val") {
                    size = s.parse().unwrap();
                }
            }
            let text = para_text(r);
            if !text.is_empty() {
                out.push(RunText {
                    text,
                    bold,
                    italic,
                    size,
                });
            }
        }
        out
    }
}

fn apply_ppr(p: &mut PProps, ppr: &Element) {
    if let Some(k) = on(ppr.find("w:keepNext")) {
        p.keep_next = k;
    }
    if let Some(k) = on(ppr.find("w:keepLines")) {
        p.keep_lines = k;
    }
    if let Some(s) = ppr.find("w:spacing") {
        if let Some(v) = s.get_attr("w:before") {
            p.before = v.parse().unwrap();
        }
        if let Some(v) = s.get_attr("w:after") {
            p.after = v.parse().unwrap();
        }
        if let Some(v) = s.get_attr("w:line") {
            p.line = Some((
                v.parse().unwrap(),
                s.get_attr("w:lineRule").unwrap_or("auto").to_string(),
            ));
        }
    }
    if let Some(i) = ppr.find("w:ind") {
        if let Some(v) = i.get_attr("w:left") {
            p.left = v.parse().unwrap();
        }
        if let Some(v) = i.get_attr("w:right") {
            p.right = v.parse().unwrap();
        }
        if let Some(v) = i.get_attr("w:firstLine") {
            p.first = v.parse().unwrap();
        }
        if let Some(v) = i.get_attr("w:hanging") {
            p.first = -v.parse::<i32>().unwrap();
        }
    }
    if let Some(j) = val(ppr, "w:jc", "w:val") {
        p.jc = j.to_string();
    }
    if let Some(r) = ppr.find("w:rPr") {
        // The paragraph mark's size (the empty paragraph's line height).
        if let Some(s) = val(r, "w:sz", "w:val") {
            p.size = s.parse().unwrap();
        }
    }
}

fn apply_rpr(p: &mut PProps, r: &Element) {
    if let Some(b) = on(r.find("w:b")) {
        p.bold = b;
    }
    if let Some(i) = on(r.find("w:i")) {
        p.italic = i;
    }
    if let Some(s) = val(r, "w:sz", "w:val") {
        p.size = s.parse().unwrap();
    }
}

/// Where a paragraph sits: its column's width (a cell's less its
/// margins, or the section's text width) and its section's index.
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub p: &'a Element,
    pub column: i32,
    pub in_table: bool,
    pub section: usize,
}

/// The body's paragraphs in reading order with their columns.
pub fn placed_paragraphs(doc: &Element) -> Vec<Placed<'_>> {
    let body = doc.find("w:body").expect("w:body");
    // Section widths, in order: every sectPr in a paragraph mark, then the body's.
    let mut widths = Vec::new();
    for s in all(body, "w:sectPr") {
        let sz = s.find("w:pgSz").unwrap();
        let m = s.find("w:pgMar").unwrap();
        let n = |e: &Element, a: &str| -> i32 { e.get_attr(a).unwrap().parse().unwrap() };
        widths.push(n(sz, "w:w") - n(m, "w:left") - n(m, "w:right"));
    }
    let mut out = Vec::new();
    let mut section = 0;
    for c in body.elements() {
        match c.name.as_str() {
            "w:p" => {
                out.push(Placed {
                    p: c,
                    column: widths[section],
                    in_table: false,
                    section,
                });
                if c.find("w:pPr").and_then(|p| p.find("w:sectPr")).is_some() {
                    section += 1;
                }
            }
            "w:tbl" => {
                let tblpr = c.find("w:tblPr").unwrap();
                let mar = |side: &str| -> i32 {
                    tblpr
                        .find("w:tblCellMar")
                        .and_then(|m| m.find(side))
                        .and_then(|s| s.get_attr("w:w"))
                        .map_or(108, |v| v.parse().unwrap())
                };
                let (l, r) = (mar("w:left"), mar("w:right"));
                for tr in c.elements().filter(|e| e.name == "w:tr") {
                    for tc in tr.elements().filter(|e| e.name == "w:tc") {
                        let w: i32 = tc
                            .find("w:tcPr")
                            .and_then(|p| p.find("w:tcW"))
                            .and_then(|w| w.get_attr("w:w"))
                            .unwrap()
                            .parse()
                            .unwrap();
                        for p in tc.elements().filter(|e| e.name == "w:p") {
                            out.push(Placed {
                                p,
                                column: w - l - r,
                                in_table: true,
                                section,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Paragraphs that only the DOCX has (a rule's anchor, a spacer).
pub fn structural(p: &Element) -> bool {
    matches!(
        p.find("w:pPr").and_then(|x| val(x, "w:pStyle", "w:val")),
        Some(vanban_docx::styles::RULE) | Some(vanban_docx::styles::SPACER)
    )
}

pub fn text_nodes(e: &Element) -> String {
    let mut s = String::new();
    for n in &e.children {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Element(c) => s.push_str(&text_nodes(c)),
        }
    }
    s
}
