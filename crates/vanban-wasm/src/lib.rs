//! # vanban-wasm
//!
//! The vanban library as one WebAssembly module, for browsers and Node:
//! `web/build.sh` makes `web/dist/vanban.js` (an ES module, wasm-bindgen's
//! `--target web`) and `web/dist/vanban_bg.wasm`, with the embedded
//! Liberation Serif faces inside.
//!
//! ```js
//! import init, { render, check, layout, forms, starter, toText, fromText } from "./vanban.js";
//! await init();                       // Node: await init({ module_or_path: wasmBytes })
//! const { pdf, docx, diagnostics } = render(json, { creation_time: "2025-03-06T09:00:00" });
//! ```
//!
//! - `render(input, options?) → { pdf: Uint8Array|null, docx: Uint8Array|null, diagnostics }`
//! - `check(input, options?) → Diagnostic[]`
//! - `layout(input, options?) → { pages: [{ width, height, items }], diagnostics }`
//! - `forms() → [{ kind, mau, name_vi, name_en }]`, `starter(kind) → { json, text|null }`
//! - `toText(json, options?) → string`, `fromText(text, options?) → string` (`vanban convert`)
//!
//! Options: `format` (`"auto"` — JSON when the input opens with `{`, else
//! the text format —, `"json"`, `"text"`), `creation_time` (as the
//! command's `--created`: `YYYY-MM-DD[THH:MM[:SS]]` or `now`), `pdf`,
//! `docx` (default true), `lang` (`"vi"` default, `"en"`), `today`
//! (`YYYY-MM-DD` for the date checks; default the clock's date in
//! Vietnam).
//!
//! A Diagnostic is the object of `vanban check --format json`: `severity`
//! (`"error"`, `"warning"`, `"note"`), `code`, `path` (the model's JSON
//! path, `""` for the whole input), `line` and `column` in the input (JSON
//! or text format) or null, `message` and `fix` in `lang`; plus `field`,
//! the path or null.
//!
//! **Errors.** Input errors (bad JSON, unknown field, text-format errors,
//! an invalid option) do not throw: they are error diagnostics, with
//! `pdf`, `docx` null and no pages. **Check errors**: the library renders
//! a document as written and leaves the decision to the caller; `render`
//! decides as the `vanban` command does — a document with a check error
//! gives no files (its diagnostics say why), so what the module makes is
//! what `vanban render` makes, byte for byte with the same creation time.
//! `layout` draws the document anyway (a preview of a draft). `starter`
//! of an unknown kind, and `toText`/`fromText` of an input they cannot
//! convert, throw an `Error` whose message is the diagnostic's.
//!
//! Images: the module reads no files, so a document that names a
//! signature or seal image is refused with the library's image error.

pub mod api;

use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The browser's (or Node's) clock, in Unix seconds.
fn clock() -> Option<i64> {
    #[cfg(target_family = "wasm")]
    {
        Some((js_sys::Date::now() / 1000.0).floor() as i64)
    }
    #[cfg(not(target_family = "wasm"))]
    {
        None
    }
}

/// A JavaScript value as JSON (`undefined`, `null` and what JSON cannot
/// hold: `null`).
fn to_json(v: &JsValue) -> Value {
    if v.is_undefined() || v.is_null() {
        return Value::Null;
    }
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).expect("serde_json writes JSON")
}

fn bytes(b: Option<Vec<u8>>) -> JsValue {
    match b {
        Some(b) => js_sys::Uint8Array::from(b.as_slice()).into(),
        None => JsValue::NULL,
    }
}

fn lang(options: &JsValue) -> vanban::core::Lang {
    api::Options::parse(&to_json(options), || None).0.lang
}

/// Renders JSON or the text format: `{ pdf, docx, diagnostics }`.
#[wasm_bindgen]
pub fn render(input: &str, options: JsValue) -> JsValue {
    let r = api::render(input, &to_json(&options), clock);
    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&out, &JsValue::from_str(k), &v).expect("a plain object");
    };
    set("pdf", bytes(r.pdf));
    set("docx", bytes(r.docx));
    set("diagnostics", to_js(&r.diagnostics));
    out.into()
}

/// Checks JSON or the text format: the diagnostics.
#[wasm_bindgen]
pub fn check(input: &str, options: JsValue) -> JsValue {
    to_js(&api::check(input, &to_json(&options), clock))
}

/// Lays the document out for a preview: `{ pages, diagnostics }`.
#[wasm_bindgen]
pub fn layout(input: &str, options: JsValue) -> JsValue {
    to_js(&api::layout(input, &to_json(&options), clock))
}

/// Every document kind: `[{ kind, mau, name_vi, name_en }]`.
#[wasm_bindgen]
pub fn forms() -> JsValue {
    to_js(&api::forms())
}

/// The starter document of a kind: `{ json, text }`.
#[wasm_bindgen]
pub fn starter(kind: &str) -> Result<JsValue, JsError> {
    api::starter(kind)
        .map(|v| to_js(&v))
        .ok_or_else(|| JsError::new(&format!("unknown document kind `{kind}`")))
}

fn converted(r: Result<String, Value>) -> Result<String, JsError> {
    r.map_err(|d| JsError::new(d["message"].as_str().unwrap_or("cannot convert")))
}

/// JSON to the text format (`vanban convert x.json x.txt`).
#[wasm_bindgen(js_name = toText)]
pub fn to_text(json: &str, options: JsValue) -> Result<String, JsError> {
    converted(api::convert(
        json,
        vanban::InputFormat::Json,
        lang(&options),
    ))
}

/// The text format to JSON (`vanban convert x.txt x.json`).
#[wasm_bindgen(js_name = fromText)]
pub fn from_text(text: &str, options: JsValue) -> Result<String, JsError> {
    converted(api::convert(
        text,
        vanban::InputFormat::Text,
        lang(&options),
    ))
}
