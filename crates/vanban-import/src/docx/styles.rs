//! Effective formatting as Word computes it: document defaults, then the
//! paragraph style and the styles it is based on, then the character
//! style, then the formatting written on the paragraph or run itself.
//! Table styles' run properties are not applied (a table style rarely sets
//! them in administrative documents; their borders are read).

use super::{is_w, num, w_attr, w_child};
use roxmltree::{Document as Xml, Node};
use std::collections::HashMap;
use vanban_core::text::roman;

const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineRule {
    /// `w:line` in 240ths of a line (240 = single).
    #[default]
    Auto,
    /// Exactly `w:line` twips.
    Exact,
    /// At least `w:line` twips.
    AtLeast,
}

/// A paragraph's effective properties (twips unless said otherwise).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParaProps {
    pub align: Align,
    pub ind_left: i32,
    pub ind_right: i32,
    /// First-line indent; negative for a hanging indent.
    pub ind_first: i32,
    pub before: i32,
    pub after: i32,
    pub line_rule: LineRule,
    pub line: i32,
    pub border_top: bool,
    pub border_bottom: bool,
    pub contextual: bool,
}

/// A run's effective properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunProps {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub caps: bool,
    /// Size in half-points.
    pub size: u32,
    /// The font of Latin text (`w:rFonts w:ascii`), theme fonts resolved.
    pub font: Option<String>,
    /// Text colour (`RRGGBB`), when set and not automatic.
    pub color: Option<String>,
    /// Superscript or subscript.
    pub raised: bool,
    /// Character spacing (expanded > 0, condensed < 0), in twentieths of
    /// a point per character.
    pub spacing: i32,
}

impl RunProps {
    pub fn size_pt(&self) -> f32 {
        self.size as f32 / 2.0
    }
}

/// Paragraph properties as written in one layer (style or direct).
#[derive(Debug, Clone, Default)]
struct PPr {
    align: Option<Align>,
    ind_left: Option<i32>,
    ind_right: Option<i32>,
    ind_first: Option<i32>,
    before: Option<i32>,
    after: Option<i32>,
    line: Option<(LineRule, i32)>,
    border_top: Option<bool>,
    border_bottom: Option<bool>,
    contextual: Option<bool>,
    num: Option<(String, u32)>,
}

#[derive(Debug, Clone, Default)]
struct RPr {
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    caps: Option<bool>,
    size: Option<u32>,
    font: Option<String>,
    font_theme: Option<String>,
    color: Option<Option<String>>,
    raised: Option<bool>,
    spacing: Option<i32>,
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    ty: String,
    ppr: PPr,
    rpr: RPr,
    table_borders: Option<bool>,
}

pub struct StyleSheet {
    styles: HashMap<String, Style>,
    default_para: Option<String>,
    default_char: Option<String>,
    defaults_p: PPr,
    defaults_r: RPr,
    theme_major: Option<String>,
    theme_minor: Option<String>,
    legacy: Vec<(String, String)>,
}

/// `w:val` of an on/off property: absent or true/1/on = on.
pub(crate) fn on_off(n: Node) -> Option<bool> {
    match w_attr(n, "val") {
        None => Some(true),
        Some("0") | Some("false") | Some("off") => Some(false),
        Some(_) => Some(true),
    }
}

/// Fonts of the Vietnamese 8-bit encodings (TCVN3 `.VnTime`, VNI), which
/// draw the wrong letters once the text is Unicode.
pub fn is_legacy_font(name: &str) -> bool {
    let l = name.trim().to_lowercase();
    l.starts_with(".vn")
        || l.starts_with("vni-")
        || l.starts_with("vni ")
        || l.starts_with("vntime")
}

fn read_ppr(n: Node) -> PPr {
    let mut p = PPr::default();
    for c in n.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "jc" if is_w(c, "jc") => {
                p.align = Some(match w_attr(c, "val").unwrap_or("left") {
                    "center" => Align::Center,
                    "right" | "end" => Align::Right,
                    "both" | "distribute" | "lowKashida" | "mediumKashida" | "highKashida"
                    | "thaiDistribute" => Align::Justify,
                    _ => Align::Left,
                })
            }
            "ind" if is_w(c, "ind") => {
                p.ind_left = num(w_attr(c, "left").or(w_attr(c, "start"))).or(p.ind_left);
                p.ind_right = num(w_attr(c, "right").or(w_attr(c, "end"))).or(p.ind_right);
                if let Some(h) = num(w_attr(c, "hanging")) {
                    p.ind_first = Some(-h);
                } else if let Some(f) = num(w_attr(c, "firstLine")) {
                    p.ind_first = Some(f);
                }
            }
            "spacing" if is_w(c, "spacing") => {
                let auto = |a: &str| w_attr(c, a).is_some_and(|v| v == "1" || v == "true");
                p.before = if auto("beforeAutospacing") {
                    Some(280)
                } else {
                    num(w_attr(c, "before")).or(p.before)
                };
                p.after = if auto("afterAutospacing") {
                    Some(280)
                } else {
                    num(w_attr(c, "after")).or(p.after)
                };
                if let Some(l) = num(w_attr(c, "line")) {
                    let rule = match w_attr(c, "lineRule") {
                        Some("exact") => LineRule::Exact,
                        Some("atLeast") => LineRule::AtLeast,
                        _ => LineRule::Auto,
                    };
                    p.line = Some((rule, l));
                }
            }
            "pBdr" if is_w(c, "pBdr") => {
                let vis = |side: &str| {
                    w_child(c, side)
                        .map(|s| !matches!(w_attr(s, "val").unwrap_or("none"), "none" | "nil"))
                };
                p.border_top = vis("top");
                p.border_bottom = vis("bottom");
            }
            "contextualSpacing" if is_w(c, "contextualSpacing") => p.contextual = on_off(c),
            "numPr" if is_w(c, "numPr") => {
                let id = w_child(c, "numId")
                    .and_then(|x| w_attr(x, "val"))
                    .map(str::to_string);
                let lvl = w_child(c, "ilvl")
                    .and_then(|x| num(w_attr(x, "val")))
                    .unwrap_or(0)
                    .max(0) as u32;
                if let Some(id) = id {
                    p.num = Some((id, lvl));
                }
            }
            _ => {}
        }
    }
    p
}

fn read_rpr(n: Node) -> RPr {
    let mut r = RPr::default();
    for c in n.children().filter(|c| c.is_element()) {
        if !matches!(
            c.tag_name().namespace(),
            Some(super::W) | Some(super::W_STRICT)
        ) {
            continue;
        }
        match c.tag_name().name() {
            "b" => r.bold = on_off(c),
            "i" => r.italic = on_off(c),
            "caps" => r.caps = on_off(c),
            "u" => r.underline = Some(w_attr(c, "val") != Some("none")),
            "sz" => r.size = num(w_attr(c, "val")).map(|v| v.max(1) as u32),
            "spacing" => r.spacing = num(w_attr(c, "val")),
            "vertAlign" => {
                r.raised = Some(matches!(
                    w_attr(c, "val"),
                    Some("superscript") | Some("subscript")
                ))
            }
            "color" => {
                let v = w_attr(c, "val").unwrap_or("auto");
                r.color = Some(if v.eq_ignore_ascii_case("auto") || v == "000000" {
                    None
                } else {
                    Some(v.to_uppercase())
                });
            }
            "rFonts" => {
                if let Some(f) = w_attr(c, "ascii").or(w_attr(c, "hAnsi")) {
                    r.font = Some(f.to_string());
                    r.font_theme = None;
                } else if let Some(t) = w_attr(c, "asciiTheme").or(w_attr(c, "hAnsiTheme")) {
                    r.font_theme = Some(t.to_string());
                    r.font = None;
                }
            }
            _ => {}
        }
    }
    r
}

fn merge_p(base: &mut PPr, top: &PPr) {
    macro_rules! m {
        ($($f:ident),*) => { $( if top.$f.is_some() { base.$f = top.$f.clone(); } )* };
    }
    m!(
        align,
        ind_left,
        ind_right,
        ind_first,
        before,
        after,
        line,
        border_top,
        border_bottom,
        contextual,
        num
    );
}

fn merge_r(base: &mut RPr, top: &RPr) {
    macro_rules! m {
        ($($f:ident),*) => { $( if top.$f.is_some() { base.$f = top.$f.clone(); } )* };
    }
    m!(bold, italic, underline, caps, size, color, raised, spacing);
    if top.font.is_some() || top.font_theme.is_some() {
        base.font = top.font.clone();
        base.font_theme = top.font_theme.clone();
    }
}

impl StyleSheet {
    pub fn new(styles: Option<&Xml>, theme: Option<&Xml>) -> StyleSheet {
        let mut sheet = StyleSheet {
            styles: HashMap::new(),
            default_para: None,
            default_char: None,
            defaults_p: PPr::default(),
            defaults_r: RPr::default(),
            theme_major: None,
            theme_minor: None,
            legacy: Vec::new(),
        };
        if let Some(t) = theme {
            let face = |which: &str| {
                t.descendants()
                    .find(|n| n.tag_name().name() == which && n.tag_name().namespace() == Some(A))
                    .and_then(|f| {
                        f.children()
                            .find(|c| c.tag_name().name() == "latin")
                            .and_then(|l| l.attribute("typeface"))
                            .map(str::to_string)
                    })
            };
            sheet.theme_major = face("majorFont");
            sheet.theme_minor = face("minorFont");
        }
        let Some(x) = styles else {
            return sheet;
        };
        let root = x.root_element();
        if let Some(dd) = root.children().find(|c| is_w(*c, "docDefaults")) {
            if let Some(r) = w_child(dd, "rPrDefault").and_then(|n| w_child(n, "rPr")) {
                sheet.defaults_r = read_rpr(r);
                sheet.note_legacy(r, "docDefaults");
            }
            if let Some(p) = w_child(dd, "pPrDefault").and_then(|n| w_child(n, "pPr")) {
                sheet.defaults_p = read_ppr(p);
            }
        }
        for s in root.children().filter(|c| is_w(*c, "style")) {
            let Some(id) = w_attr(s, "styleId") else {
                continue;
            };
            let ty = w_attr(s, "type").unwrap_or("paragraph").to_string();
            let name = w_child(s, "name")
                .and_then(|n| w_attr(n, "val"))
                .map(str::to_string);
            let is_default = w_attr(s, "default").is_some_and(|v| v == "1" || v == "true");
            if is_default && ty == "paragraph" {
                sheet.default_para = Some(id.to_string());
            }
            if is_default && ty == "character" {
                sheet.default_char = Some(id.to_string());
            }
            let rpr_node = w_child(s, "rPr");
            if let Some(r) = rpr_node {
                let label = format!("style {}", name.clone().unwrap_or_else(|| id.to_string()));
                sheet.note_legacy(r, &label);
            }
            let table_borders = w_child(s, "tblPr")
                .and_then(|p| w_child(p, "tblBorders"))
                .map(super::borders_visible);
            sheet.styles.insert(
                id.to_string(),
                Style {
                    name,
                    based_on: w_child(s, "basedOn")
                        .and_then(|n| w_attr(n, "val"))
                        .map(str::to_string),
                    ty,
                    ppr: w_child(s, "pPr").map(read_ppr).unwrap_or_default(),
                    rpr: rpr_node.map(read_rpr).unwrap_or_default(),
                    table_borders,
                },
            );
        }
        sheet
    }

    fn note_legacy(&mut self, rpr: Node, label: &str) {
        if let Some(f) = w_child(rpr, "rFonts") {
            for a in ["ascii", "hAnsi", "cs", "eastAsia"] {
                if let Some(name) = w_attr(f, a) {
                    if is_legacy_font(name)
                        && !self.legacy.iter().any(|(n, l)| n == name && l == label)
                    {
                        self.legacy.push((name.to_string(), label.to_string()));
                    }
                }
            }
        }
    }

    /// Legacy fonts named in the styles: (font, where).
    pub fn fonts_named(&self) -> Vec<(String, String)> {
        self.legacy.clone()
    }

    /// The style chain from the root ancestor down to `id` (cycles cut).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut v = Vec::new();
        let mut cur = Some(id.to_string());
        while let Some(c) = cur {
            if v.len() > 20 {
                break;
            }
            match self.styles.get(&c) {
                Some(s) => {
                    v.push(s);
                    cur = s.based_on.clone();
                }
                None => break,
            }
        }
        v.reverse();
        v
    }

    fn resolve_font(&self, r: &RPr) -> Option<String> {
        if let Some(f) = &r.font {
            return Some(f.clone());
        }
        match r.font_theme.as_deref() {
            Some(t) if t.starts_with("major") => self.theme_major.clone(),
            Some(t) if t.starts_with("minor") => self.theme_minor.clone(),
            _ => None,
        }
    }

    fn finish(&self, r: &RPr) -> RunProps {
        RunProps {
            bold: r.bold.unwrap_or(false),
            italic: r.italic.unwrap_or(false),
            underline: r.underline.unwrap_or(false),
            caps: r.caps.unwrap_or(false),
            size: r.size.unwrap_or(20),
            font: self.resolve_font(r),
            color: r.color.clone().flatten(),
            raised: r.raised.unwrap_or(false),
            spacing: r.spacing.unwrap_or(0),
        }
    }

    fn para_style_id(&self, p: Node) -> Option<String> {
        w_child(p, "pPr")
            .and_then(|pp| w_child(pp, "pStyle"))
            .and_then(|s| w_attr(s, "val"))
            .map(str::to_string)
            .filter(|id| self.styles.contains_key(id))
            .or_else(|| self.default_para.clone())
    }

    pub fn paragraph_style_name(&self, p: Node) -> Option<String> {
        let id = self.para_style_id(p)?;
        self.styles
            .get(&id)
            .and_then(|s| s.name.clone())
            .or(Some(id))
    }

    /// Partial layers of a paragraph: the defaults, its style chain, direct.
    fn p_layers(&self, p: Node) -> (PPr, RPr) {
        let mut pp = self.defaults_p.clone();
        let mut rr = self.defaults_r.clone();
        if let Some(id) = self.para_style_id(p) {
            for s in self.chain(&id) {
                merge_p(&mut pp, &s.ppr);
                merge_r(&mut rr, &s.rpr);
            }
        }
        if let Some(direct) = w_child(p, "pPr") {
            merge_p(&mut pp, &read_ppr(direct));
        }
        (pp, rr)
    }

    /// A paragraph's effective properties and the run properties its runs
    /// start from (defaults and the paragraph style's run properties).
    pub fn paragraph(&self, p: Node) -> (ParaProps, RunProps) {
        let (pp, rr) = self.p_layers(p);
        let (rule, line) = pp.line.unwrap_or((LineRule::Auto, 240));
        let props = ParaProps {
            align: pp.align.unwrap_or_default(),
            ind_left: pp.ind_left.unwrap_or(0),
            ind_right: pp.ind_right.unwrap_or(0),
            ind_first: pp.ind_first.unwrap_or(0),
            before: pp.before.unwrap_or(0),
            after: pp.after.unwrap_or(0),
            line_rule: rule,
            line,
            border_top: pp.border_top.unwrap_or(false),
            border_bottom: pp.border_bottom.unwrap_or(false),
            contextual: pp.contextual.unwrap_or(false),
        };
        (props, self.finish(&rr))
    }

    /// The numbering a paragraph uses (direct or from its style).
    fn num_of(&self, p: Node) -> Option<(String, u32)> {
        self.p_layers(p).0.num
    }

    /// A run's effective properties, starting from its paragraph's.
    pub fn run(&self, r: Node, base: &RunProps) -> RunProps {
        let mut layer = RPr {
            bold: Some(base.bold),
            italic: Some(base.italic),
            underline: Some(base.underline),
            caps: Some(base.caps),
            size: Some(base.size),
            font: base.font.clone(),
            font_theme: None,
            color: Some(base.color.clone()),
            raised: Some(base.raised),
            spacing: Some(base.spacing),
        };
        let direct = w_child(r, "rPr");
        let char_style = direct
            .and_then(|rp| w_child(rp, "rStyle"))
            .and_then(|s| w_attr(s, "val"))
            .map(str::to_string)
            .or_else(|| self.default_char.clone());
        if let Some(id) = char_style {
            for s in self.chain(&id) {
                if s.ty == "character" || s.ty == "paragraph" {
                    merge_r(&mut layer, &s.rpr);
                }
            }
        }
        if let Some(d) = direct {
            merge_r(&mut layer, &read_rpr(d));
        }
        self.finish(&layer)
    }

    pub fn table_style_has_borders(&self, id: &str) -> bool {
        self.chain(id)
            .iter()
            .rev()
            .find_map(|s| s.table_borders)
            .unwrap_or(false)
    }
}

/// Automatic numbering: labels computed as Word shows them (`1.`, `a)`,
/// bullets), counted per list and level in document order.
pub struct Numbering {
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
    levels: HashMap<String, HashMap<u32, Level>>,
    counters: HashMap<String, Vec<u32>>,
}

#[derive(Clone)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

impl Numbering {
    pub fn new(x: Option<&Xml>) -> Numbering {
        let mut n = Numbering {
            nums: HashMap::new(),
            levels: HashMap::new(),
            counters: HashMap::new(),
        };
        let Some(x) = x else {
            return n;
        };
        for a in x
            .root_element()
            .children()
            .filter(|c| is_w(*c, "abstractNum"))
        {
            let Some(id) = w_attr(a, "abstractNumId") else {
                continue;
            };
            let mut lv = HashMap::new();
            for l in a.children().filter(|c| is_w(*c, "lvl")) {
                let ilvl = num(w_attr(l, "ilvl")).unwrap_or(0).max(0) as u32;
                lv.insert(
                    ilvl,
                    Level {
                        fmt: w_child(l, "numFmt")
                            .and_then(|f| w_attr(f, "val"))
                            .unwrap_or("decimal")
                            .to_string(),
                        text: w_child(l, "lvlText")
                            .and_then(|f| w_attr(f, "val"))
                            .unwrap_or("")
                            .to_string(),
                        start: w_child(l, "start")
                            .and_then(|f| num(w_attr(f, "val")))
                            .unwrap_or(1)
                            .max(0) as u32,
                    },
                );
            }
            n.levels.insert(id.to_string(), lv);
        }
        for m in x.root_element().children().filter(|c| is_w(*c, "num")) {
            let (Some(id), Some(abs)) = (
                w_attr(m, "numId"),
                w_child(m, "abstractNumId").and_then(|a| w_attr(a, "val")),
            ) else {
                continue;
            };
            let mut starts = HashMap::new();
            for o in m.children().filter(|c| is_w(*c, "lvlOverride")) {
                if let (Some(l), Some(s)) = (
                    num(w_attr(o, "ilvl")),
                    w_child(o, "startOverride").and_then(|s| num(w_attr(s, "val"))),
                ) {
                    starts.insert(l.max(0) as u32, s.max(0) as u32);
                }
            }
            n.nums.insert(id.to_string(), (abs.to_string(), starts));
        }
        n
    }

    pub fn label(&mut self, p: Node, sheet: &StyleSheet) -> Option<String> {
        let (id, ilvl) = sheet.num_of(p)?;
        if id == "0" {
            return None;
        }
        let (abs, starts) = self.nums.get(&id)?.clone();
        let levels = self.levels.get(&abs)?.clone();
        let lvl = levels.get(&ilvl)?.clone();
        let counters = self.counters.entry(id.clone()).or_default();
        if counters.len() <= ilvl as usize {
            for l in counters.len()..=ilvl as usize {
                let s = starts
                    .get(&(l as u32))
                    .copied()
                    .or_else(|| levels.get(&(l as u32)).map(|x| x.start))
                    .unwrap_or(1);
                counters.push(s.saturating_sub(1));
            }
        }
        counters[ilvl as usize] += 1;
        for (l, c) in counters.iter_mut().enumerate().skip(ilvl as usize + 1) {
            let s = starts
                .get(&(l as u32))
                .copied()
                .or_else(|| levels.get(&(l as u32)).map(|x| x.start))
                .unwrap_or(1);
            *c = s.saturating_sub(1);
        }
        if lvl.fmt == "none" {
            return None;
        }
        if lvl.fmt == "bullet" {
            let b: String = lvl
                .text
                .chars()
                .map(|c| {
                    if ('\u{F000}'..='\u{F0FF}').contains(&c) {
                        '•'
                    } else {
                        c
                    }
                })
                .collect();
            return Some(b);
        }
        let mut out = lvl.text.clone();
        for (l, value) in counters.iter().enumerate().take(9) {
            let key = format!("%{}", l + 1);
            if out.contains(&key) {
                let fmt = levels
                    .get(&(l as u32))
                    .map_or("decimal", |x| x.fmt.as_str());
                out = out.replace(&key, &format_number(*value, fmt));
            }
        }
        Some(out)
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerRoman" => roman(n as usize).to_lowercase(),
        "upperRoman" => roman(n as usize),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn letter(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let c = (b'A' + ((n - 1) % 26) as u8) as char;
    c.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inheritance_defaults_style_chain_direct() {
        let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault>
            <w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/>
            <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="567"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/><w:basedOn w:val="Base"/>
            <w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:style>
        </w:styles>"#;
        let sx = roxmltree::Document::parse(styles).unwrap();
        let s = StyleSheet::new(Some(&sx), None);
        let doc = r#"<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:pPr><w:pStyle w:val="Child"/><w:spacing w:before="120"/></w:pPr>
          <w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t>x</w:t></w:r></w:p>"#;
        let dx = roxmltree::Document::parse(doc).unwrap();
        let p = dx.root_element();
        let (pp, base) = s.paragraph(p);
        assert_eq!(pp.align, Align::Justify);
        assert_eq!(pp.ind_first, 567);
        assert_eq!((pp.before, pp.after, pp.line), (120, 200, 276));
        assert_eq!(base.size, 26);
        assert!(base.bold);
        assert_eq!(base.font.as_deref(), Some(".VnTime"));
        let r = p.children().find(|c| c.tag_name().name() == "r").unwrap();
        let rp = s.run(r, &base);
        assert!(!rp.bold && rp.italic);
        assert_eq!(rp.size_pt(), 13.0);
        assert_eq!(
            s.fonts_named(),
            vec![(".VnTime".to_string(), "style Child".to_string())]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(roman(14), "XIV");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(28, "upperLetter"), "BB");
    }
}
