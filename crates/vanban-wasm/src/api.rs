//! What the module does, in plain Rust (JSON values and bytes), so that it
//! is tested natively; `lib.rs` only converts to and from JavaScript.

use serde_json::{json, Value};
use vanban::core::{Diagnostic, Lang, Msg};
use vanban::frame::{Item, Page};
use vanban::{Assets, Checked, DocumentKind, InputFormat, PdfOptions, Renderer};

/// The clock, in Unix seconds, where there is one (the browser's `Date`;
/// `None` in tests): for `creation_time: "now"` and the date checks.
pub type Clock = fn() -> Option<i64>;

/// The options every function takes (`render`'s all of them).
pub struct Options {
    pub format: Option<InputFormat>,
    pub creation_time: Option<String>,
    pub pdf: bool,
    pub docx: bool,
    pub lang: Lang,
    pub today: Option<vanban::NaiveDate>,
}

/// An option that is not what it may be: an error diagnostic with path
/// `options.NAME`, as for any input.
fn option_error(name: &str, vi: String, en: String) -> Diagnostic {
    Diagnostic::error(
        "options.invalid",
        format!("options.{name}"),
        Msg::new(vi, en),
    )
}

impl Options {
    /// From the JavaScript object (`null`/`undefined`: the defaults).
    pub fn parse(v: &Value, clock: Clock) -> (Options, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let str_opt = |name: &str| v.get(name).and_then(Value::as_str);
        let bool_opt = |name: &str| v.get(name).and_then(Value::as_bool).unwrap_or(true);
        let format = match str_opt("format").unwrap_or("auto") {
            "auto" => None,
            "json" => Some(InputFormat::Json),
            "text" => Some(InputFormat::Text),
            other => {
                errors.push(option_error(
                    "format",
                    format!("format `{other}` không hợp lệ: ghi auto, json hoặc text"),
                    format!("format `{other}` is not valid: write auto, json or text"),
                ));
                None
            }
        };
        let lang = match str_opt("lang") {
            Some("en") => Lang::En,
            _ => Lang::Vi,
        };
        let creation_time = str_opt("creation_time").and_then(|c| {
            let t = vanban::creation_time(c, clock);
            if t.is_none() {
                errors.push(option_error(
                    "creation_time",
                    format!("creation_time `{c}` không hợp lệ: ghi YYYY-MM-DDTHH:MM:SS hoặc now"),
                    format!("creation_time `{c}` is not valid: write YYYY-MM-DDTHH:MM:SS or now"),
                ));
            }
            t
        });
        let today = match str_opt("today") {
            Some(t) => {
                let d = vanban::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
                if d.is_none() {
                    errors.push(option_error(
                        "today",
                        format!("today `{t}` không hợp lệ: ghi YYYY-MM-DD"),
                        format!("today `{t}` is not valid: write YYYY-MM-DD"),
                    ));
                }
                d
            }
            None => clock().map(vanban::today_in_vietnam),
        };
        let o = Options {
            format,
            creation_time,
            pdf: bool_opt("pdf"),
            docx: bool_opt("docx"),
            lang,
            today,
        };
        (o, errors)
    }
}

thread_local! {
    // The fonts parsed once per module instance.
    static RENDERER: Renderer = Renderer::new();
}

fn with_renderer<T>(f: impl FnOnce(&Renderer) -> T) -> T {
    RENDERER.with(f)
}

/// A diagnostic for JavaScript: `vanban check --format json`'s object
/// plus `field`, the path or `null` for the whole input.
pub fn diagnostic(d: &Diagnostic, lang: Lang) -> Value {
    let mut v = vanban::diagnostic_json(d, lang);
    v["field"] = if d.path.is_empty() {
        Value::Null
    } else {
        Value::String(d.path.clone())
    };
    v
}

pub fn diagnostics(ds: &[Diagnostic], lang: Lang) -> Value {
    Value::Array(ds.iter().map(|d| diagnostic(d, lang)).collect())
}

/// Loads and checks as `vanban check` does (no images: there are no
/// files); option errors come first and stop there.
fn load(r: &Renderer, input: &str, o: &Options, mut errors: Vec<Diagnostic>) -> Checked {
    if !errors.is_empty() {
        errors.sort_by_key(|d| std::cmp::Reverse(d.severity));
        return Checked {
            document: None,
            assets: Assets::new(),
            diagnostics: errors,
        };
    }
    let bytes = input.as_bytes();
    let format = o.format.unwrap_or_else(|| InputFormat::sniff(bytes));
    r.load_checked(bytes, format, o.today, |_| Assets::new())
}

/// `check(input, options)`: the diagnostics.
pub fn check(input: &str, options: &Value, clock: Clock) -> Value {
    let (o, errors) = Options::parse(options, clock);
    with_renderer(|r| diagnostics(&load(r, input, &o, errors).diagnostics, o.lang))
}

/// What `render` gives.
pub struct Rendered {
    pub pdf: Option<Vec<u8>>,
    pub docx: Option<Vec<u8>>,
    pub diagnostics: Value,
}

/// A rendering failure as a diagnostic: the document's own errors (a part
/// the page cannot hold), or the writer's.
fn render_error(e: vanban::Error, what: &'static str) -> Vec<Diagnostic> {
    match e {
        vanban::Error::Invalid(ds) => ds,
        e => vec![Diagnostic::error(
            what,
            "",
            Msg::new(format!("không tạo được tệp: {e}"), e.to_string()),
        )],
    }
}

/// `render(input, options)`: as `vanban render --created TIME` — a
/// document with a check error is not rendered (the command's policy).
pub fn render(input: &str, options: &Value, clock: Clock) -> Rendered {
    let (o, errors) = Options::parse(options, clock);
    with_renderer(|r| {
        let mut c = load(r, input, &o, errors);
        let mut out = Rendered {
            pdf: None,
            docx: None,
            diagnostics: Value::Null,
        };
        if c.renderable().is_some() {
            let doc = c.document.as_mut().expect("renderable");
            if let Some(t) = &o.creation_time {
                doc.metadata.created = Some(t.clone());
            }
            let opts = PdfOptions::default();
            let made = match (o.pdf, o.docx) {
                // One composition for both, as the command does.
                (true, true) => r
                    .pdf_and_docx(doc, &c.assets, &opts)
                    .map(|(p, d)| (Some(p), Some(d)))
                    .map_err(|e| render_error(e, "render.failed")),
                (pdf, docx) => (|| {
                    let p = match pdf {
                        true => Some(r.pdf_with(doc, &c.assets, &opts)),
                        false => None,
                    };
                    let d = match docx {
                        true => Some(r.docx(doc, &c.assets)),
                        false => None,
                    };
                    Ok((p.transpose()?, d.transpose()?))
                })()
                .map_err(|e| render_error(e, "render.failed")),
            };
            match made {
                Ok((p, d)) => (out.pdf, out.docx) = (p, d),
                Err(ds) => c.diagnostics.extend(ds),
            }
        }
        out.diagnostics = diagnostics(&c.diagnostics, o.lang);
        out
    })
}

/// `layout(input, options)`: the pages for a preview, drawn even with
/// check errors (a draft is shown as written, as the library's
/// [`Renderer::layout`] does); `pages` is empty when the input does not
/// load or cannot be laid out.
pub fn layout(input: &str, options: &Value, clock: Clock) -> Value {
    let (o, errors) = Options::parse(options, clock);
    with_renderer(|r| {
        let mut c = load(r, input, &o, errors);
        let mut pages = Vec::new();
        if let Some(doc) = &c.document {
            match r.layout(doc, &c.assets) {
                Ok(ps) => pages = ps.iter().map(page).collect(),
                Err(e) => c.diagnostics.extend(render_error(e, "layout.failed")),
            }
        }
        json!({ "pages": pages, "diagnostics": diagnostics(&c.diagnostics, o.lang) })
    })
}

/// Points rounded to 1/100, enough for a screen and a smaller JSON.
fn pt(x: f32) -> f64 {
    (f64::from(x) * 100.0).round() / 100.0
}

/// One page in the preview's terms: y down from the top, points. Text is
/// cut at spaces into words placed where the layout put them (a justified
/// line's spaces are wider than the font's); an underline is a line.
pub fn page(p: &Page) -> Value {
    let mut items = Vec::new();
    for item in &p.items {
        match item {
            Item::Text(run) => {
                let font = match (run.face.bold, run.face.italic) {
                    (false, false) => "R",
                    (true, false) => "B",
                    (false, true) => "I",
                    (true, true) => "BI",
                };
                let mut x = run.x;
                let mut word: Option<(f32, usize, usize)> = None; // x, start, end
                let mut flush = |w: &mut Option<(f32, usize, usize)>| {
                    if let Some((wx, s, e)) = w.take() {
                        items.push(json!({
                            "t": "text", "x": pt(wx), "y": pt(run.y), "size": pt(run.size),
                            "font": font, "text": &run.text[s..e],
                        }));
                    }
                };
                for g in &run.glyphs {
                    let (s, e) = (g.start as usize, g.end as usize);
                    let is_space = run.text.get(s..e).is_some_and(|t| t.trim().is_empty());
                    if is_space {
                        flush(&mut word);
                    } else {
                        match &mut word {
                            Some((_, ws, we)) => {
                                *ws = (*ws).min(s);
                                *we = (*we).max(e);
                            }
                            None => word = Some((x, s, e)),
                        }
                    }
                    x += g.advance;
                }
                flush(&mut word);
                if run.underline {
                    let y = pt(run.y + run.size * 0.12);
                    items.push(json!({
                        "t": "line", "x1": pt(run.x), "y1": y, "x2": pt(run.x + run.width()),
                        "y2": y, "w": pt(run.size * 0.05),
                    }));
                }
            }
            Item::Line(l) => items.push(json!({
                "t": "line", "x1": pt(l.x0), "y1": pt(l.y0), "x2": pt(l.x1), "y2": pt(l.y1),
                "w": pt(l.width),
            })),
            Item::Image(i) => items.push(json!({
                "t": "image", "x": pt(i.x), "y": pt(i.y), "w": pt(i.width), "h": pt(i.height),
                "ref": i.reference,
            })),
            // Nothing is drawn there; the PDF makes it a signature field.
            Item::SigningSpace(_) => {}
        }
    }
    json!({ "width": pt(p.width), "height": pt(p.height), "items": items })
}

/// `forms()`: every kind, in the order of Phụ lục III.
pub fn forms() -> Value {
    DocumentKind::ALL
        .iter()
        .map(|k| {
            json!({
                "kind": k.key(),
                "mau": k.form().mau(),
                "name_vi": k.name_vi(),
                "name_en": k.name_en(),
            })
        })
        .collect()
}

/// `starter(kind)`: the kind's starter as JSON and as text (`null` when it
/// cannot be written as text); `None` for an unknown kind.
pub fn starter(kind: &str) -> Option<Value> {
    let k = DocumentKind::find(kind)?;
    let j = vanban::starters::starter_json(k);
    let text = vanban::load_json(&j)
        .ok()
        .and_then(|l| vanban::to_text(&l.document).ok());
    Some(json!({ "json": j, "text": text }))
}

/// `toText` / `fromText`: `vanban convert`. The error is the one
/// diagnostic that says why, in `lang`.
pub fn convert(input: &str, from: InputFormat, lang: Lang) -> Result<String, Value> {
    let limits = vanban::Limits::default();
    let doc = match from.load(input.as_bytes(), &limits) {
        Ok((l, _)) => l.document,
        Err(mut e) => {
            if from == InputFormat::Json && e.0.position.is_none() {
                vanban::attach_positions(input, std::slice::from_mut(&mut e.0));
            }
            return Err(diagnostic(&e.0, lang));
        }
    };
    match from {
        InputFormat::Text => Ok(vanban::document_json(&doc)),
        InputFormat::Json => vanban::to_text(&doc).map_err(|e| {
            let d = Diagnostic::error("convert.unsupported", "", e.message());
            diagnostic(&d, lang)
        }),
    }
}
