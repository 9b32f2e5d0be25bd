//! Printing diagnostics for people (text) and tools (JSON).

use crate::ui::Ui;
use clap::ValueEnum;
use vanban::core::{diag::Severity, Diagnostic, Lang};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Diagnostics as text, one block each, then a one-line summary (only
/// the errors, and no summary, when quiet).
pub fn text(file: &str, diags: &[Diagnostic], ui: &Ui) -> String {
    let lang = ui.lang;
    let mut out = String::new();
    for d in diags {
        if let Some(block) = ui.diagnostic(d, file) {
            out.push_str(&block);
            out.push('\n');
        }
    }
    if ui.quiet {
        return out;
    }
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, n) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    out.push_str(&match lang {
        Lang::Vi => format!("{file}: {e} lỗi, {w} cảnh báo, {n} ghi chú\n"),
        Lang::En => format!("{file}: {e} error(s), {w} warning(s), {n} note(s)\n"),
    });
    out
}

/// Diagnostics as a JSON document: `{"file": …, "diagnostics": [ … ]}`,
/// each with severity, code, path, position, message and fix in the
/// chosen language.
pub fn json(file: &str, diags: &[Diagnostic], lang: Lang) -> String {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| vanban::diagnostic_json(d, lang))
        .collect();
    let v = serde_json::json!({
        "file": file,
        "errors": diags.iter().filter(|d| d.is_error()).count(),
        "diagnostics": items,
    });
    serde_json::to_string_pretty(&v).expect("diagnostics serialise")
}
