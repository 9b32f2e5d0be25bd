//! Positioned text from a PDF's pages, read with lopdf: every glyph with
//! its place, size and face (bold/italic from the font's name and
//! descriptor), decoded to Unicode through the font's ToUnicode map;
//! form XObjects and annotation appearances (where signing software
//! stamps the number and date) included; and the thin horizontal lines
//! drawn, which are the rules.
//!
//! Why not pdf-extract: measured on the corpus PDFs it reads the words but
//! hands no font identity to its output device (no bold, no italic) and
//! skips annotation appearances (the stamped `11` of `Số: 11/TB-UBND` is
//! lost).

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// One glyph or run of glyphs drawn with one font at one place.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    /// Left edge and baseline, in points from the page's top-left corner.
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub font: String,
    /// Drawn by an annotation's appearance (a stamp, a form field).
    pub annotation: bool,
}

/// A horizontal line segment (a rule), in points from the top-left.
#[derive(Debug, Clone, Copy)]
pub struct HLine {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub lines: Vec<HLine>,
    pub images: usize,
    /// Fonts used on the page whose program is not in the file.
    pub not_embedded: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    fn mul(self, o: M) -> M {
        let (a, b) = (self.0, o.0);
        M([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }
    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let m = self.0;
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }
    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn matrix(o: Option<&Object>) -> M {
    match o {
        Some(Object::Array(a)) if a.len() == 6 => M([
            num(&a[0]),
            num(&a[1]),
            num(&a[2]),
            num(&a[3]),
            num(&a[4]),
            num(&a[5]),
        ]),
        _ => M::ID,
    }
}

/// A font: how to cut codes, decode them and measure them.
struct Font {
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    name: String,
    bold: bool,
    italic: bool,
    embedded: bool,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn hex_value(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 16).ok()
}

fn utf16(hex: &str) -> String {
    let units: Vec<u16> = (0..hex.len() / 4)
        .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(data);
    let mut map = HashMap::new();
    let tokens: Vec<String> = {
        let mut v = Vec::new();
        let mut cur = String::new();
        let mut in_hex = false;
        for c in text.chars() {
            match c {
                '<' => {
                    if !in_hex && !cur.is_empty() {
                        v.push(std::mem::take(&mut cur));
                    }
                    in_hex = true;
                    cur.clear();
                }
                '>' if in_hex => {
                    in_hex = false;
                    v.push(format!("<{cur}"));
                    cur.clear();
                }
                '[' | ']' if !in_hex => v.push(c.to_string()),
                c if in_hex => {
                    if !c.is_whitespace() {
                        cur.push(c)
                    }
                }
                c if c.is_whitespace() => {
                    if !cur.is_empty() {
                        v.push(std::mem::take(&mut cur));
                    }
                }
                c => cur.push(c),
            }
        }
        if !cur.is_empty() && !in_hex {
            v.push(cur);
        }
        v
    };
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let (Some(src), Some(dst)) =
                        (tokens[i].strip_prefix('<'), tokens[i + 1].strip_prefix('<'))
                    {
                        if let Some(code) = hex_value(src) {
                            map.insert(code, utf16(dst));
                        }
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let lo = tokens[i].strip_prefix('<').and_then(hex_value);
                    let hi = tokens[i + 1].strip_prefix('<').and_then(hex_value);
                    if tokens[i + 2] == "[" {
                        let mut j = i + 3;
                        let mut code = lo.unwrap_or(0);
                        while j < tokens.len() && tokens[j] != "]" {
                            if let Some(d) = tokens[j].strip_prefix('<') {
                                map.insert(code, utf16(d));
                                code += 1;
                            }
                            j += 1;
                        }
                        i = j + 1;
                        continue;
                    }
                    if let (Some(lo), Some(hi), Some(dst)) =
                        (lo, hi, tokens[i + 2].strip_prefix('<'))
                    {
                        let base: Vec<u16> = (0..dst.len() / 4)
                            .filter_map(|k| u16::from_str_radix(&dst[k * 4..k * 4 + 4], 16).ok())
                            .collect();
                        if hi >= lo && hi - lo < 0x10000 {
                            for (k, code) in (lo..=hi).enumerate() {
                                let mut u = base.clone();
                                if let Some(last) = u.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                map.insert(code, String::from_utf16_lossy(&u));
                            }
                        }
                    }
                    i += 3;
                }
            }
            _ => i += 1,
        }
    }
    map
}

/// Windows-1252 for simple fonts without a ToUnicode map.
fn win_ansi(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn load_font(doc: &Document, d: &Dictionary) -> Font {
    let subtype = get(doc, d, b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let base = get(doc, d, b"BaseFont")
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default();
    let name = match base.split_once('+') {
        Some((p, rest)) if p.len() == 6 => rest.to_string(),
        _ => base.clone(),
    };
    let two_byte = subtype == b"Type0";
    let mut widths = HashMap::new();
    let mut default_width = if two_byte { 1000.0 } else { 500.0 };
    let mut descriptor: Option<&Dictionary> =
        get(doc, d, b"FontDescriptor").and_then(|o| dict(doc, o));
    if two_byte {
        if let Some(Object::Array(desc)) = get(doc, d, b"DescendantFonts") {
            if let Some(cid) = desc.first().and_then(|o| dict(doc, o)) {
                if let Some(dw) = get(doc, cid, b"DW") {
                    default_width = num(dw);
                }
                descriptor = get(doc, cid, b"FontDescriptor")
                    .and_then(|o| dict(doc, o))
                    .or(descriptor);
                if let Some(Object::Array(w)) = get(doc, cid, b"W") {
                    let mut i = 0;
                    while i < w.len() {
                        let first = num(deref(doc, &w[i])) as u32;
                        match w.get(i + 1).map(|o| deref(doc, o)) {
                            Some(Object::Array(list)) => {
                                for (k, v) in list.iter().enumerate() {
                                    widths.insert(first + k as u32, num(deref(doc, v)));
                                }
                                i += 2;
                            }
                            Some(last) => {
                                let last = num(last) as u32;
                                let v = w
                                    .get(i + 2)
                                    .map(|o| num(deref(doc, o)))
                                    .unwrap_or(default_width);
                                for c in first..=last.min(first + 65_535) {
                                    widths.insert(c, v);
                                }
                                i += 3;
                            }
                            None => break,
                        }
                    }
                }
            }
        }
    } else {
        let first = get(doc, d, b"FirstChar").map(num).unwrap_or(0.0) as u32;
        if let Some(Object::Array(w)) = get(doc, d, b"Widths") {
            for (k, v) in w.iter().enumerate() {
                widths.insert(first + k as u32, num(deref(doc, v)));
            }
        }
        if let Some(m) = descriptor.and_then(|fd| get(doc, fd, b"MissingWidth")) {
            default_width = num(m);
        }
    }
    let to_unicode = match get(doc, d, b"ToUnicode") {
        Some(Object::Stream(s)) => s
            .decompressed_content()
            .map(|c| parse_cmap(&c))
            .unwrap_or_else(|_| parse_cmap(&s.content)),
        _ => HashMap::new(),
    };
    let embedded = descriptor.is_some_and(|fd| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| fd.get(k).is_ok())
    });
    let lname = name.to_lowercase();
    let flags = descriptor
        .and_then(|fd| get(doc, fd, b"Flags"))
        .map(num)
        .unwrap_or(0.0) as u32;
    let weight = descriptor
        .and_then(|fd| get(doc, fd, b"FontWeight"))
        .map(num)
        .unwrap_or(0.0);
    let bold = lname.contains("bold")
        || lname.contains("black")
        || lname.contains("heavy")
        || lname.contains("semibold")
        || weight >= 600.0
        || flags & (1 << 18) != 0;
    let italic = lname.contains("italic")
        || lname.contains("oblique")
        || lname.ends_with("-it")
        || flags & (1 << 6) != 0;
    Font {
        two_byte,
        to_unicode,
        widths,
        default_width,
        name,
        bold,
        italic,
        embedded,
    }
}

struct GState {
    ctm: M,
}

struct TextState {
    font: Option<String>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    tm: M,
    tlm: M,
}

struct Interp<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Font>,
    page_height: f32,
    out: Page,
    annotation: bool,
    depth: usize,
}

impl<'d> Interp<'d> {
    fn font(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<ObjectId> {
        let res = resources?;
        let fonts = get(self.doc, res, b"Font").and_then(|o| dict(self.doc, o))?;
        let obj = fonts.get(name).ok()?;
        let id = match obj {
            Object::Reference(id) => *id,
            _ => (0, self.fonts.len() as u16 + 60_000),
        };
        if !self.fonts.contains_key(&id) {
            let d = dict(self.doc, obj)?;
            let f = load_font(self.doc, d);
            self.fonts.insert(id, f);
        }
        Some(id)
    }

    fn show(&mut self, ts: &mut TextState, gs: &GState, font: Option<ObjectId>, bytes: &[u8]) {
        let Some(f) = font.and_then(|id| self.fonts.get(&id)) else {
            return;
        };
        if !f.embedded && !self.out.not_embedded.contains(&f.name) && bytes.iter().any(|b| *b != 32)
        {
            self.out.not_embedded.push(f.name.clone());
        }
        let codes: Vec<u32> = if f.two_byte {
            bytes
                .chunks(2)
                .map(|c| ((c[0] as u32) << 8) | *c.get(1).unwrap_or(&0) as u32)
                .collect()
        } else {
            bytes.iter().map(|b| *b as u32).collect()
        };
        for code in codes {
            let text = match f.to_unicode.get(&code) {
                Some(s) => s.clone(),
                None if !f.two_byte => win_ansi(code as u8).to_string(),
                None => String::new(),
            };
            let w0 = f.widths.get(&code).copied().unwrap_or(f.default_width) / 1000.0;
            let trm = M([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise])
                .mul(ts.tm)
                .mul(gs.ctm);
            let (x, y) = trm.apply(0.0, 0.0);
            let vsize = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            let hscale = (trm.0[0] * trm.0[0] + trm.0[1] * trm.0[1]).sqrt();
            let single_space = !f.two_byte && code == 32;
            let tx =
                (w0 * ts.size + ts.char_space + if single_space { ts.word_space } else { 0.0 })
                    * ts.scale;
            if !text.is_empty() && vsize > 0.5 {
                self.out.glyphs.push(Glyph {
                    text,
                    x,
                    y: self.page_height - y,
                    width: w0 * hscale,
                    size: (vsize * 100.0).round() / 100.0,
                    bold: f.bold,
                    italic: f.italic,
                    font: f.name.clone(),
                    annotation: self.annotation,
                });
            }
            ts.tm = M::translate(tx, 0.0).mul(ts.tm);
        }
    }

    fn run(&mut self, data: &[u8], resources: Option<&'d Dictionary>, base: M) {
        if self.depth > 8 {
            return;
        }
        self.depth += 1;
        let Ok(content) = Content::decode(data) else {
            self.depth -= 1;
            return;
        };
        let mut gs = GState { ctm: base };
        let mut stack: Vec<M> = Vec::new();
        let mut ts = TextState {
            font: None,
            size: 12.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            tm: M::ID,
            tlm: M::ID,
        };
        let mut font_id: Option<ObjectId> = None;
        let mut path_start: Option<(f32, f32)> = None;
        let mut cur: Option<(f32, f32)> = None;
        let mut segments: Vec<((f32, f32), (f32, f32))> = Vec::new();
        for op in &content.operations {
            let a = &op.operands;
            let n = |i: usize| a.get(i).map(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(gs.ctm),
                "Q" => gs.ctm = stack.pop().unwrap_or(base),
                "cm" => gs.ctm = M([n(0), n(1), n(2), n(3), n(4), n(5)]).mul(gs.ctm),
                "BT" => {
                    ts.tm = M::ID;
                    ts.tlm = M::ID;
                }
                "Tf" => {
                    if let Some(Object::Name(name)) = a.first() {
                        ts.font = Some(String::from_utf8_lossy(name).to_string());
                        font_id = self.font(resources, name);
                    }
                    ts.size = n(1);
                }
                "Tc" => ts.char_space = n(0),
                "Tw" => ts.word_space = n(0),
                "Tz" => ts.scale = n(0) / 100.0,
                "TL" => ts.leading = n(0),
                "Ts" => ts.rise = n(0),
                "Td" => {
                    ts.tlm = M::translate(n(0), n(1)).mul(ts.tlm);
                    ts.tm = ts.tlm;
                }
                "TD" => {
                    ts.leading = -n(1);
                    ts.tlm = M::translate(n(0), n(1)).mul(ts.tlm);
                    ts.tm = ts.tlm;
                }
                "Tm" => {
                    ts.tlm = M([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    ts.tm = ts.tlm;
                }
                "T*" => {
                    ts.tlm = M::translate(0.0, -ts.leading).mul(ts.tlm);
                    ts.tm = ts.tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            ts.word_space = n(0);
                            ts.char_space = n(1);
                        }
                        ts.tlm = M::translate(0.0, -ts.leading).mul(ts.tlm);
                        ts.tm = ts.tlm;
                    }
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(&mut ts, &gs, font_id, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        for it in items {
                            match it {
                                Object::String(s, _) => self.show(&mut ts, &gs, font_id, s),
                                o => {
                                    let adj = -num(o) / 1000.0 * ts.size * ts.scale;
                                    ts.tm = M::translate(adj, 0.0).mul(ts.tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    path_start = Some(p);
                    cur = Some(p);
                }
                "l" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    if let Some(c) = cur {
                        segments.push((c, p));
                    }
                    cur = Some(p);
                }
                "h" => {
                    if let (Some(c), Some(s)) = (cur, path_start) {
                        segments.push((c, s));
                    }
                }
                "re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let p0 = gs.ctm.apply(x, y);
                    let p1 = gs.ctm.apply(x + w, y + h);
                    let (ht, wd) = ((p1.1 - p0.1).abs(), (p1.0 - p0.0).abs());
                    // A filled hairline rectangle is how Word draws many rules.
                    if ht <= 2.0 && wd >= 10.0 {
                        let yy = (p0.1 + p1.1) / 2.0;
                        segments.push(((p0.0.min(p1.0), yy), (p0.0.max(p1.0), yy)));
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    for (p, q) in segments.drain(..) {
                        if (p.1 - q.1).abs() < 1.0 && (p.0 - q.0).abs() >= 10.0 {
                            self.out.lines.push(HLine {
                                x0: p.0.min(q.0),
                                x1: p.0.max(q.0),
                                y: self.page_height - (p.1 + q.1) / 2.0,
                            });
                        }
                    }
                    cur = None;
                }
                "n" => {
                    segments.clear();
                    cur = None;
                }
                "Do" => {
                    if let Some(Object::Name(name)) = a.first() {
                        self.xobject(resources, name, gs.ctm);
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
    }

    fn xobject(&mut self, resources: Option<&'d Dictionary>, name: &[u8], ctm: M) {
        let Some(res) = resources else {
            return;
        };
        let Some(xs) = get(self.doc, res, b"XObject").and_then(|o| dict(self.doc, o)) else {
            return;
        };
        let Some(Object::Stream(s)) = xs.get(name).ok().map(|o| deref(self.doc, o)) else {
            return;
        };
        match s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                let m = matrix(s.dict.get(b"Matrix").ok());
                let inner = get(self.doc, &s.dict, b"Resources")
                    .and_then(|o| dict(self.doc, o))
                    .or(Some(res));
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                self.run(&data, inner, m.mul(ctm));
            }
            _ => {}
        }
    }
}

fn media_box(doc: &Document, page: &Dictionary) -> (f32, f32) {
    let mut d = Some(page);
    for _ in 0..10 {
        let Some(cur) = d else { break };
        if let Some(Object::Array(a)) = get(doc, cur, b"MediaBox") {
            if a.len() == 4 {
                let v: Vec<f32> = a.iter().map(|o| num(deref(doc, o))).collect();
                return ((v[2] - v[0]).abs(), (v[3] - v[1]).abs());
            }
        }
        d = get(doc, cur, b"Parent").and_then(|o| dict(doc, o));
    }
    (595.0, 842.0)
}

/// Reads every page.
pub fn read(bytes: &[u8]) -> Result<Vec<Page>, String> {
    let doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let mut pages = Vec::new();
    let mut interp = Interp {
        doc: &doc,
        fonts: HashMap::new(),
        page_height: 842.0,
        out: Page::default(),
        annotation: false,
        depth: 0,
    };
    for (_, id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(id) else {
            continue;
        };
        let (w, h) = media_box(&doc, page);
        interp.page_height = h;
        interp.out = Page {
            width: w,
            height: h,
            ..Page::default()
        };
        let resources = doc.get_page_resources(id).ok().and_then(|(r, ids)| {
            r.or_else(|| ids.first().and_then(|i| doc.get_dictionary(*i).ok()))
        });
        let content = doc.get_page_content(id);
        interp.annotation = false;
        interp.run(&content, resources, M::ID);
        // Annotation appearances: signing software stamps the number, the
        // date and its signature box there.
        if let Ok(annots) = doc.get_page_annotations(id) {
            for a in annots {
                let rect = match a.get(b"Rect").ok().map(|o| deref(&doc, o)) {
                    Some(Object::Array(r)) if r.len() == 4 => {
                        let v: Vec<f32> = r.iter().map(|o| num(deref(&doc, o))).collect();
                        (v[0].min(v[2]), v[1].min(v[3]))
                    }
                    _ => continue,
                };
                let hidden = a.get(b"F").ok().map(num).unwrap_or(0.0) as u32 & 2 != 0;
                if hidden {
                    continue;
                }
                let Some(ap) = a.get(b"AP").ok().and_then(|o| dict(&doc, o)) else {
                    continue;
                };
                let Some(Object::Stream(s)) = ap.get(b"N").ok().map(|o| deref(&doc, o)) else {
                    continue;
                };
                let bbox = match s.dict.get(b"BBox").ok().map(|o| deref(&doc, o)) {
                    Some(Object::Array(b)) if b.len() == 4 => (num(&b[0]), num(&b[1])),
                    _ => (0.0, 0.0),
                };
                let m = matrix(s.dict.get(b"Matrix").ok());
                let place = M::translate(rect.0 - bbox.0, rect.1 - bbox.1);
                let res = get(&doc, &s.dict, b"Resources").and_then(|o| dict(&doc, o));
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                interp.annotation = true;
                interp.run(&data, res, m.mul(place));
                interp.annotation = false;
            }
        }
        pages.push(std::mem::take(&mut interp.out));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_sections() {
        let cmap = b"begincmap 2 beginbfchar <0003> <0020> <0024> <1EA0> endbfchar 1 beginbfrange <0010> <0012> <0041> endbfrange endcmap";
        let m = parse_cmap(cmap);
        assert_eq!(m.get(&3).map(String::as_str), Some(" "));
        assert_eq!(m.get(&0x24).map(String::as_str), Some("Ạ"));
        assert_eq!(m.get(&0x11).map(String::as_str), Some("B"));
        assert_eq!(m.get(&0x12).map(String::as_str), Some("C"));
    }
}
