//! Reading a DOCX package into a small Word model: the paragraphs and tables
//! in document order, each paragraph with its effective formatting (Word's
//! inheritance docDefaults → style chain → direct formatting), the rules
//! drawn in it (line shapes, VML lines, paragraph borders), the sections
//! with their page set-up, and the headers and footers.
//!
//! Why not docx-rs: it reads every word of the corpus, but its layout facts
//! are private (`DocDefaults`, `PageSize`, `LineSpacing`, `ParagraphBorders`)
//! and it keeps no geometry of line shapes (a DrawingML line becomes an
//! empty `Drawing`, a VML `v:line` is not read), which is what an audit
//! measures. The package is read with `zip`, the XML with `roxmltree`.

mod shapes;
mod styles;

use crate::error::Error;
use roxmltree::{Document as Xml, Node};
use std::collections::HashMap;
use std::io::Read;
pub use styles::{is_legacy_font, Align, LineRule, ParaProps, RunProps};

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const R_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Twentieths of a point, Word's unit for page set-up, indents and spacing.
pub type Twips = i32;

pub fn twips_to_mm(t: f32) -> f32 {
    t / 1440.0 * 25.4
}

/// Whether a node is a WordprocessingML element with this local name.
pub(crate) fn is_w(n: Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && matches!(n.tag_name().namespace(), Some(W) | Some(W_STRICT))
}

/// A `w:` attribute (transitional or strict namespace).
pub(crate) fn w_attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
        .or_else(|| n.attribute((W_STRICT, name)))
}

pub(crate) fn w_child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_w(*c, name))
}

/// One stretch of text with its effective formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct WRun {
    /// The characters; a tab is `\t`, a line break `\n`.
    pub text: String,
    pub props: RunProps,
}

/// Where a paragraph sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Body,
    /// In a table cell: table number (1-based, document order), row and
    /// column (1-based, grid columns).
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// In a text box anchored in the body.
    TextBox,
}

/// A horizontal rule drawn by the author, however it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub how: RuleKind,
    /// Length in mm.
    pub length_mm: f32,
    /// Distance of the rule's centre from the centre of its container (the
    /// cell or the text column), in mm; `None` when Word positions it in a
    /// way we do not compute.
    pub centre_offset_mm: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// A DrawingML line shape (`wps:wsp` with a line geometry).
    Shape,
    /// A VML `v:line`.
    Vml,
    /// A paragraph border (top or bottom).
    Border,
    /// Typed underscores.
    Underscores,
}

/// A paragraph with its effective formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// 1-based number in document order, counting every paragraph (body,
    /// table cells, text boxes), as the audit names them: `¶12`.
    pub number: usize,
    pub place: Place,
    pub runs: Vec<WRun>,
    pub props: ParaProps,
    /// The style's name (`Normal`, `Heading 1` …).
    pub style: Option<String>,
    /// Automatic numbering label (`1.`, `-`), when the paragraph is numbered.
    pub label: Option<String>,
    /// Rules drawn in or by this paragraph.
    pub rules: Vec<Rule>,
    /// Width of the container (cell or text column), in twips.
    pub container_width: Twips,
    /// 0-based index of the section the paragraph belongs to.
    pub section: usize,
}

impl Para {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
    /// The text without leading and trailing white space.
    pub fn trimmed(&self) -> String {
        self.text().trim().to_string()
    }
    pub fn is_blank(&self) -> bool {
        self.runs
            .iter()
            .all(|r| r.text.chars().all(|c| c.is_whitespace() || c == '\u{AD}'))
    }
    /// Runs that carry visible characters.
    pub fn visible_runs(&self) -> impl Iterator<Item = &WRun> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }
    /// True when every visible character is bold (and there is one).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for r in self.visible_runs() {
            any = true;
            if !r.props.bold {
                return false;
            }
        }
        any
    }
    pub fn all_italic(&self) -> bool {
        let mut any = false;
        for r in self.visible_runs() {
            any = true;
            if !r.props.italic {
                return false;
            }
        }
        any
    }
    /// The font sizes (pt) of the visible text, distinct, ascending.
    pub fn sizes(&self) -> Vec<f32> {
        let mut v: Vec<f32> = self.visible_runs().map(|r| r.props.size_pt()).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v.dedup();
        v
    }
    /// The size of most of the visible characters.
    pub fn main_size(&self) -> Option<f32> {
        let mut count: Vec<(f32, usize)> = Vec::new();
        for r in self.visible_runs() {
            let n = r.text.trim().chars().count();
            let s = r.props.size_pt();
            match count.iter_mut().find(|(x, _)| *x == s) {
                Some(e) => e.1 += n,
                None => count.push((s, n)),
            }
        }
        count.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
    }
}

/// A table cell: its paragraphs (nested tables' paragraphs included, in
/// order) and width.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// Grid columns this cell spans.
    pub span: usize,
    /// Continues the cell above (vertical merge).
    pub merged_up: bool,
    pub width: Twips,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 1-based number in document order.
    pub number: usize,
    pub rows: Vec<Vec<Cell>>,
    /// Grid column widths in twips.
    pub grid: Vec<Twips>,
    /// Whether any border is drawn (table or cell borders other than
    /// none/nil). A layout table (header, signature) has none.
    pub has_borders: bool,
    pub section: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// Page set-up of one section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub page_width: Twips,
    pub page_height: Twips,
    pub landscape: bool,
    pub top: Twips,
    pub bottom: Twips,
    pub left: Twips,
    pub right: Twips,
    /// A different first page (its header is the `first` one).
    pub title_page: bool,
    /// Header and footer part names by type (`default`, `first`, `even`).
    pub headers: Vec<(String, String)>,
    pub footers: Vec<(String, String)>,
}

impl Section {
    pub fn text_width(&self) -> Twips {
        self.page_width - self.left - self.right
    }
}

/// A header or footer part and what matters about it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderFooter {
    pub part: String,
    pub is_header: bool,
    /// The page number field, if any: its paragraph's alignment and size.
    pub page_field: Option<(styles::Align, f32)>,
    pub text: String,
}

/// The whole package as read.
#[derive(Debug, Clone)]
pub struct WordDoc {
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub headers_footers: Vec<HeaderFooter>,
    /// Fonts named anywhere in the styles and the document (`.VnTime` …),
    /// with where: `style Normal`, `¶12`.
    pub fonts_named: Vec<(String, String)>,
    /// Word's own page count (docProps/app.xml), a hint only.
    pub app_pages: Option<u32>,
    /// Different headers on odd and even pages (settings).
    pub even_and_odd: bool,
}

impl WordDoc {
    /// Every paragraph in document order (body, cells, text boxes).
    pub fn paras(&self) -> Vec<&Para> {
        let mut v = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Para(p) => v.push(p),
                Block::Table(t) => {
                    for row in &t.rows {
                        for c in row {
                            v.extend(c.paras.iter());
                        }
                    }
                }
            }
        }
        v
    }
}

struct Package {
    files: HashMap<String, Vec<u8>>,
}

impl Package {
    fn open(bytes: &[u8]) -> Result<Package, Error> {
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| Error::NotDocx {
                reason: e.to_string(),
            })?;
        let mut files = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).map_err(|e| Error::NotDocx {
                reason: e.to_string(),
            })?;
            let name = f.name().trim_start_matches('/').to_string();
            let wanted = name.ends_with(".xml") || name.ends_with(".rels");
            if !wanted || f.size() > 64 << 20 {
                continue;
            }
            let mut buf = Vec::with_capacity(f.size() as usize);
            f.read_to_end(&mut buf).map_err(|e| Error::BadPart {
                part: name.clone(),
                reason: e.to_string(),
            })?;
            files.insert(name, buf);
        }
        Ok(Package { files })
    }

    fn text(&self, part: &str) -> Result<Option<String>, Error> {
        match self.files.get(part) {
            None => Ok(None),
            Some(b) => {
                let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
                String::from_utf8(b.to_vec())
                    .map(Some)
                    .map_err(|_| Error::BadPart {
                        part: part.to_string(),
                        reason: "not UTF-8".into(),
                    })
            }
        }
    }

    /// Relationships of a part: id → (type, target part name).
    fn rels(&self, part: &str) -> Result<HashMap<String, (String, String)>, Error> {
        let (dir, file) = match part.rsplit_once('/') {
            Some((d, f)) => (d.to_string(), f.to_string()),
            None => (String::new(), part.to_string()),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = HashMap::new();
        let Some(src) = self.text(&rels_name)? else {
            return Ok(out);
        };
        let xml = parse(&rels_name, &src)?;
        for n in xml
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
        {
            let (Some(id), Some(ty), Some(target)) = (
                n.attribute("Id"),
                n.attribute("Type"),
                n.attribute("Target"),
            ) else {
                continue;
            };
            if n.attribute("TargetMode") == Some("External") {
                continue;
            }
            out.insert(id.to_string(), (ty.to_string(), resolve(&dir, target)));
        }
        Ok(out)
    }
}

fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn parse<'a>(part: &str, src: &'a str) -> Result<Xml<'a>, Error> {
    roxmltree::Document::parse_with_options(
        src,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 50_000_000,
        },
    )
    .map_err(|e| Error::BadPart {
        part: part.to_string(),
        reason: e.to_string(),
    })
}

/// An OLE compound file: the legacy binary `.doc` (and `.xls`, `.ppt`).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads a DOCX package.
pub fn read(bytes: &[u8]) -> Result<WordDoc, Error> {
    if is_ole(bytes) {
        return Err(Error::LegacyDoc);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Error::Rtf);
    }
    if !bytes.starts_with(b"PK") {
        return Err(Error::NotDocx {
            reason: "not a ZIP package".into(),
        });
    }
    let pkg = Package::open(bytes)?;
    let root_rels = pkg.rels("")?;
    let main = root_rels
        .values()
        .find(|(t, _)| t.ends_with("/officeDocument"))
        .map(|(_, p)| p.clone())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(doc_src) = pkg.text(&main)? else {
        return Err(Error::NotDocx {
            reason: format!("the package has no main document part `{main}`"),
        });
    };
    let rels = pkg.rels(&main)?;
    let by_type = |suffix: &str| -> Option<String> {
        rels.values()
            .find(|(t, _)| t.ends_with(suffix))
            .map(|(_, p)| p.clone())
    };
    let styles_src = match by_type("/styles") {
        Some(p) => pkg.text(&p)?,
        None => None,
    };
    let theme_src = match by_type("/theme") {
        Some(p) => pkg.text(&p)?,
        None => None,
    };
    let numbering_src = match by_type("/numbering") {
        Some(p) => pkg.text(&p)?,
        None => None,
    };
    let styles_xml = match &styles_src {
        Some(s) => Some(parse("word/styles.xml", s)?),
        None => None,
    };
    let theme_xml = match &theme_src {
        Some(s) => Some(parse("word/theme/theme1.xml", s)?),
        None => None,
    };
    let numbering_xml = match &numbering_src {
        Some(s) => Some(parse("word/numbering.xml", s)?),
        None => None,
    };
    let sheet = styles::StyleSheet::new(styles_xml.as_ref(), theme_xml.as_ref());
    let mut numbering = styles::Numbering::new(numbering_xml.as_ref());
    let xml = parse(&main, &doc_src)?;
    let body = xml
        .root_element()
        .children()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(|| Error::NotDocx {
            reason: "the main document has no body".into(),
        })?;

    let mut sections = Vec::new();
    collect_sections(body, &rels, &mut sections);
    if sections.is_empty() {
        sections.push(default_section());
    }

    let mut reader = Reader {
        sheet: &sheet,
        numbering: &mut numbering,
        sections: &sections,
        section: 0,
        para_count: 0,
        table_count: 0,
        fonts_named: Vec::new(),
    };
    let mut blocks = Vec::new();
    reader.block_children(body, &mut blocks);
    let mut fonts_named = sheet.fonts_named();
    fonts_named.append(&mut reader.fonts_named);

    let mut headers_footers = Vec::new();
    let mut seen = Vec::new();
    for s in &sections {
        for (is_header, list) in [(true, &s.headers), (false, &s.footers)] {
            for (_, part) in list {
                if seen.contains(part) {
                    continue;
                }
                seen.push(part.clone());
                if let Some(src) = pkg.text(part)? {
                    let hx = parse(part, &src)?;
                    headers_footers.push(header_footer(part, is_header, &hx, &sheet));
                }
            }
        }
    }
    let even_and_odd = match by_type("/settings") {
        Some(p) => pkg.text(&p)?.is_some_and(|s| {
            s.contains("evenAndOddHeaders")
                && !s.contains("evenAndOddHeaders w:val=\"0\"")
                && !s.contains("evenAndOddHeaders w:val=\"false\"")
        }),
        None => false,
    };
    let app_pages = pkg.text("docProps/app.xml").ok().flatten().and_then(|s| {
        let a = s.find("<Pages>")? + 7;
        let b = s[a..].find('<')? + a;
        s[a..b].trim().parse().ok()
    });
    Ok(WordDoc {
        blocks,
        sections,
        headers_footers,
        fonts_named,
        app_pages,
        even_and_odd,
    })
}

fn default_section() -> Section {
    Section {
        page_width: 11906,
        page_height: 16838,
        landscape: false,
        top: 1440,
        bottom: 1440,
        left: 1440,
        right: 1440,
        title_page: false,
        headers: Vec::new(),
        footers: Vec::new(),
    }
}

fn num(s: Option<&str>) -> Option<i32> {
    let s = s?.trim();
    s.parse::<i32>()
        .ok()
        .or_else(|| s.parse::<f64>().ok().map(|f| f.round() as i32))
}

fn section_of(sp: Node, rels: &HashMap<String, (String, String)>) -> Section {
    let mut s = default_section();
    if let Some(sz) = w_child(sp, "pgSz") {
        s.page_width = num(w_attr(sz, "w")).unwrap_or(s.page_width);
        s.page_height = num(w_attr(sz, "h")).unwrap_or(s.page_height);
        s.landscape = w_attr(sz, "orient") == Some("landscape") || s.page_width > s.page_height;
    }
    if let Some(m) = w_child(sp, "pgMar") {
        s.top = num(w_attr(m, "top")).unwrap_or(s.top).abs();
        s.bottom = num(w_attr(m, "bottom")).unwrap_or(s.bottom).abs();
        s.left = num(w_attr(m, "left")).unwrap_or(s.left);
        s.right = num(w_attr(m, "right")).unwrap_or(s.right);
    }
    s.title_page = w_child(sp, "titlePg").is_some_and(|t| styles::on_off(t).unwrap_or(true));
    for c in sp.children().filter(|c| c.is_element()) {
        let is_header = is_w(c, "headerReference");
        if !is_header && !is_w(c, "footerReference") {
            continue;
        }
        let ty = w_attr(c, "type").unwrap_or("default").to_string();
        let id = c
            .attribute((R, "id"))
            .or_else(|| c.attribute((R_STRICT, "id")));
        if let Some((_, part)) = id.and_then(|id| rels.get(id)) {
            if is_header {
                s.headers.push((ty, part.clone()));
            } else {
                s.footers.push((ty, part.clone()));
            }
        }
    }
    s
}

/// Sections in order: each `w:sectPr` inside a paragraph ends a section;
/// the body's last `w:sectPr` is the final one. Header references are
/// inherited from the previous section when a section names none.
fn collect_sections(body: Node, rels: &HashMap<String, (String, String)>, out: &mut Vec<Section>) {
    for n in body.descendants().filter(|n| is_w(*n, "sectPr")) {
        let mut s = section_of(n, rels);
        if let Some(prev) = out.last() {
            if s.headers.is_empty() {
                s.headers = prev.headers.clone();
            }
            if s.footers.is_empty() {
                s.footers = prev.footers.clone();
            }
        }
        out.push(s);
    }
}

fn header_footer(
    part: &str,
    is_header: bool,
    xml: &Xml,
    sheet: &styles::StyleSheet,
) -> HeaderFooter {
    let mut page_field = None;
    let mut text = String::new();
    for p in xml.descendants().filter(|n| is_w(*n, "p")) {
        let instr: String = p
            .descendants()
            .filter(|n| is_w(*n, "instrText"))
            .filter_map(|n| n.text())
            .chain(
                p.descendants()
                    .filter(|n| is_w(*n, "fldSimple"))
                    .filter_map(|n| w_attr(n, "instr")),
            )
            .collect();
        let words: Vec<&str> = instr.split_whitespace().collect();
        let (props, rprops) = sheet.paragraph(p);
        if words
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
            && page_field.is_none()
        {
            let size = p
                .descendants()
                .filter(|n| is_w(*n, "r"))
                .map(|r| sheet.run(r, &rprops).size_pt())
                .next()
                .unwrap_or(rprops.size_pt());
            page_field = Some((props.align, size));
        }
        for t in p.descendants().filter(|n| is_w(*n, "t")) {
            text.push_str(t.text().unwrap_or(""));
        }
        text.push('\n');
    }
    HeaderFooter {
        part: part.to_string(),
        is_header,
        page_field,
        text,
    }
}

struct Reader<'s, 'n> {
    sheet: &'s styles::StyleSheet,
    numbering: &'n mut styles::Numbering,
    sections: &'s [Section],
    section: usize,
    para_count: usize,
    table_count: usize,
    fonts_named: Vec<(String, String)>,
}

/// Where the paragraphs being read go, and how wide their container is.
#[derive(Clone, Copy)]
struct Ctx {
    place: Place,
    width: Twips,
}

impl Reader<'_, '_> {
    fn text_width(&self) -> Twips {
        self.sections
            .get(self.section)
            .or(self.sections.last())
            .map(|s| s.text_width())
            .unwrap_or(9026)
    }

    fn block_children(&mut self, parent: Node, out: &mut Vec<Block>) {
        for n in parent.children().filter(|n| n.is_element()) {
            if is_w(n, "p") {
                let ctx = Ctx {
                    place: Place::Body,
                    width: self.text_width(),
                };
                let mut boxes = Vec::new();
                let p = self.paragraph(n, ctx, &mut boxes);
                let ends_section =
                    w_child(n, "pPr").is_some_and(|pp| w_child(pp, "sectPr").is_some());
                out.push(Block::Para(p));
                out.extend(boxes.into_iter().map(Block::Para));
                if ends_section {
                    self.section += 1;
                }
            } else if is_w(n, "tbl") {
                let t = self.table(n, None);
                out.push(Block::Table(t));
            } else if is_w(n, "sdt") || is_w(n, "customXml") || is_w(n, "smartTag") {
                if let Some(c) = w_child(n, "sdtContent") {
                    self.block_children(c, out);
                } else {
                    self.block_children(n, out);
                }
            } else if n.tag_name().name() == "AlternateContent"
                && n.tag_name().namespace() == Some(MC)
            {
                if let Some(choice) = n.children().find(|c| c.tag_name().name() == "Choice") {
                    self.block_children(choice, out);
                }
            }
        }
    }

    fn table(&mut self, tbl: Node, outer: Option<Ctx>) -> Table {
        self.table_count += 1;
        let number = self.table_count;
        let grid: Vec<Twips> = w_child(tbl, "tblGrid")
            .map(|g| {
                g.children()
                    .filter(|c| is_w(*c, "gridCol"))
                    .map(|c| num(w_attr(c, "w")).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let tbl_pr = w_child(tbl, "tblPr");
        let direct = tbl_pr.and_then(|p| w_child(p, "tblBorders"));
        let mut has_borders = direct.is_some_and(borders_visible);
        if direct.is_none() {
            // A table style such as "Table Grid" draws borders unless the
            // table says otherwise.
            has_borders = tbl_pr
                .and_then(|p| w_child(p, "tblStyle"))
                .and_then(|s| w_attr(s, "val"))
                .is_some_and(|id| self.sheet.table_style_has_borders(id));
        }
        let (mar_l, mar_r) = tbl_pr
            .and_then(|p| w_child(p, "tblCellMar"))
            .map(|m| {
                let side = |a: &str, b: &str| {
                    w_child(m, a)
                        .or_else(|| w_child(m, b))
                        .and_then(|x| num(w_attr(x, "w")))
                };
                (
                    side("left", "start").unwrap_or(108),
                    side("right", "end").unwrap_or(108),
                )
            })
            .unwrap_or((108, 108));
        let mut rows = Vec::new();
        for (ri, tr) in tbl.children().filter(|c| is_w(*c, "tr")).enumerate() {
            let mut row = Vec::new();
            let mut col = 0usize;
            for tc in tr.children().filter(|c| is_w(*c, "tc")) {
                let pr = w_child(tc, "tcPr");
                let span = pr
                    .and_then(|p| w_child(p, "gridSpan"))
                    .and_then(|g| num(w_attr(g, "val")))
                    .unwrap_or(1)
                    .max(1) as usize;
                let merged_up = pr
                    .and_then(|p| w_child(p, "vMerge"))
                    .is_some_and(|v| w_attr(v, "val").is_none_or(|x| x == "continue"));
                if pr
                    .and_then(|p| w_child(p, "tcBorders"))
                    .is_some_and(borders_visible)
                {
                    has_borders = true;
                }
                let grid_w: Twips = grid.iter().skip(col).take(span).sum();
                let tc_w = pr
                    .and_then(|p| w_child(p, "tcW"))
                    .filter(|w| w_attr(*w, "type").is_none_or(|t| t == "dxa"))
                    .and_then(|w| num(w_attr(w, "w")))
                    .filter(|w| *w > 0);
                let width = if grid_w > 0 {
                    grid_w
                } else {
                    tc_w.unwrap_or(0)
                };
                let ctx = Ctx {
                    place: Place::Cell {
                        table: outer.map_or(number, |o| match o.place {
                            Place::Cell { table, .. } => table,
                            _ => number,
                        }),
                        row: ri + 1,
                        col: col + 1,
                    },
                    width: (width - mar_l - mar_r).max(0),
                };
                let mut paras = Vec::new();
                self.cell_content(tc, ctx, &mut paras);
                row.push(Cell {
                    paras,
                    span,
                    merged_up,
                    width,
                });
                col += span;
            }
            rows.push(row);
        }
        Table {
            number,
            rows,
            grid,
            has_borders,
            section: self.section,
        }
    }

    fn cell_content(&mut self, parent: Node, ctx: Ctx, out: &mut Vec<Para>) {
        for n in parent.children().filter(|n| n.is_element()) {
            if is_w(n, "p") {
                let mut boxes = Vec::new();
                let p = self.paragraph(n, ctx, &mut boxes);
                out.push(p);
                out.extend(boxes);
            } else if is_w(n, "tbl") {
                // A nested table: its paragraphs count as the cell's.
                let t = self.table(n, Some(ctx));
                for row in t.rows {
                    for c in row {
                        out.extend(c.paras);
                    }
                }
            } else if is_w(n, "sdt") || is_w(n, "customXml") {
                let inner = w_child(n, "sdtContent").unwrap_or(n);
                self.cell_content(inner, ctx, out);
            }
        }
    }

    fn paragraph(&mut self, p: Node, ctx: Ctx, boxes: &mut Vec<Para>) -> Para {
        self.para_count += 1;
        let number = self.para_count;
        let (props, base_run) = self.sheet.paragraph(p);
        let style = self.sheet.paragraph_style_name(p);
        let label = self.numbering.label(p, self.sheet);
        let mut runs: Vec<WRun> = Vec::new();
        let mut rules = Vec::new();
        let mut textbox_nodes = Vec::new();
        self.inline(
            p,
            &base_run,
            &mut runs,
            &mut rules,
            &mut textbox_nodes,
            ctx.width,
        );
        for f in runs.iter().filter_map(|r| r.props.font.clone()) {
            if styles::is_legacy_font(&f) && !self.fonts_named.iter().any(|(n, _)| n == &f) {
                self.fonts_named.push((f, format!("¶{number}")));
            }
        }
        // Borders drawn as rules: a top or bottom border across the
        // paragraph's width (minus its indents).
        for (side, present) in [("top", props.border_top), ("bottom", props.border_bottom)] {
            if present {
                let len = ctx.width - props.ind_left - props.ind_right;
                let _ = side;
                rules.push(Rule {
                    how: RuleKind::Border,
                    length_mm: twips_to_mm(len as f32),
                    centre_offset_mm: Some(twips_to_mm(
                        (props.ind_left - props.ind_right) as f32 / 2.0,
                    )),
                });
            }
        }
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let t = text.trim();
        if t.chars().count() >= 3 && t.chars().all(|c| c == '_') {
            let size = runs
                .iter()
                .find(|r| r.text.contains('_'))
                .map(|r| r.props.size_pt())
                .unwrap_or(base_run.size_pt());
            // Times New Roman's underscore is half an em wide.
            let len_mm = t.chars().count() as f32 * 0.5 * size * 25.4 / 72.0;
            rules.push(Rule {
                how: RuleKind::Underscores,
                length_mm: len_mm,
                centre_offset_mm: None,
            });
        }
        let section = self.section;
        let para = Para {
            number,
            place: ctx.place,
            runs,
            props,
            style,
            label,
            rules,
            container_width: ctx.width,
            section,
        };
        for tb in textbox_nodes {
            let tctx = Ctx {
                place: Place::TextBox,
                width: ctx.width,
            };
            let mut nested = Vec::new();
            let mut inner_boxes = Vec::new();
            for c in tb.children().filter(|n| n.is_element()) {
                if is_w(c, "p") {
                    let q = self.paragraph(c, tctx, &mut inner_boxes);
                    nested.push(q);
                } else if is_w(c, "tbl") {
                    let t = self.table(c, Some(tctx));
                    for row in t.rows {
                        for cell in row {
                            nested.extend(cell.paras);
                        }
                    }
                }
            }
            boxes.extend(nested);
            boxes.extend(inner_boxes);
        }
        para
    }

    /// Walks a paragraph's inline content in order.
    #[allow(clippy::too_many_arguments)]
    fn inline<'a, 'i>(
        &mut self,
        parent: Node<'a, 'i>,
        base: &RunProps,
        runs: &mut Vec<WRun>,
        rules: &mut Vec<Rule>,
        textboxes: &mut Vec<Node<'a, 'i>>,
        width: Twips,
    ) {
        for n in parent.children().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            if n.tag_name().namespace() == Some(MC) {
                if name == "AlternateContent" {
                    if let Some(choice) = n.children().find(|c| c.tag_name().name() == "Choice") {
                        self.inline(choice, base, runs, rules, textboxes, width);
                    } else if let Some(fb) =
                        n.children().find(|c| c.tag_name().name() == "Fallback")
                    {
                        self.inline(fb, base, runs, rules, textboxes, width);
                    }
                }
                continue;
            }
            if is_w(n, "r") {
                self.run(n, base, runs, rules, textboxes, width);
            } else if is_w(n, "pPr") || is_w(n, "del") || is_w(n, "moveFrom") {
                continue;
            } else if is_w(n, "hyperlink")
                || is_w(n, "ins")
                || is_w(n, "moveTo")
                || is_w(n, "smartTag")
                || is_w(n, "customXml")
                || is_w(n, "fldSimple")
                || is_w(n, "dir")
                || is_w(n, "bdo")
            {
                self.inline(n, base, runs, rules, textboxes, width);
            } else if is_w(n, "sdt") {
                if let Some(c) = w_child(n, "sdtContent") {
                    self.inline(c, base, runs, rules, textboxes, width);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run<'a, 'i>(
        &mut self,
        r: Node<'a, 'i>,
        base: &RunProps,
        runs: &mut Vec<WRun>,
        rules: &mut Vec<Rule>,
        textboxes: &mut Vec<Node<'a, 'i>>,
        width: Twips,
    ) {
        let props = self.sheet.run(r, base);
        let mut text = String::new();
        for c in r.children().filter(|n| n.is_element()) {
            let name = c.tag_name().name();
            if is_w(c, "t") {
                text.push_str(c.text().unwrap_or(""));
            } else if is_w(c, "tab") || is_w(c, "ptab") {
                text.push('\t');
            } else if is_w(c, "br") || is_w(c, "cr") {
                if w_attr(c, "type") != Some("page") {
                    text.push('\n');
                }
            } else if is_w(c, "noBreakHyphen") {
                text.push('\u{2011}');
            } else if is_w(c, "sym") {
                if let Some(ch) = w_attr(c, "char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                {
                    text.push(ch);
                }
            } else if is_w(c, "drawing") || is_w(c, "pict") || is_w(c, "object") {
                shapes::collect(c, width, rules, textboxes);
            } else if c.tag_name().namespace() == Some(MC) && name == "AlternateContent" {
                let branch = c
                    .children()
                    .find(|x| x.tag_name().name() == "Choice")
                    .or_else(|| c.children().find(|x| x.tag_name().name() == "Fallback"));
                if let Some(b) = branch {
                    for d in b.children().filter(|x| x.is_element()) {
                        if is_w(d, "drawing") || is_w(d, "pict") {
                            shapes::collect(d, width, rules, textboxes);
                        }
                    }
                }
            }
        }
        if !text.is_empty() {
            if let Some(last) = runs.last_mut() {
                if last.props == props {
                    last.text.push_str(&text);
                    return;
                }
            }
            runs.push(WRun { text, props });
        }
    }
}

fn borders_visible(b: Node) -> bool {
    b.children().filter(|c| c.is_element()).any(|side| {
        let v = w_attr(side, "val").unwrap_or("none");
        !matches!(v, "none" | "nil")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
    }

    #[test]
    fn legacy_formats_are_recognised() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0; 100]);
        assert!(matches!(read(&ole), Err(Error::LegacyDoc)));
        assert!(matches!(read(b"{\\rtf1 hello}"), Err(Error::Rtf)));
        assert!(matches!(read(b"hello"), Err(Error::NotDocx { .. })));
    }
}
