//! An e-office system's view: audit an uploaded file (DOCX, or PDF with a
//! text layer) and answer with the findings as JSON, in Vietnamese or
//! English.
//!
//! ```sh
//! cargo run -p vanban-import --example audit_upload -- tests/corpus/05-quyet-dinh.docx en
//! ```

use vanban_core::Lang;
use vanban_import::{audit_docx, audit_pdf, AuditOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: audit_upload FILE [vi|en]");
        std::process::exit(2);
    };
    let lang = match args.next().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    // The caller supplies today's date; the library never reads the clock.
    let opts = AuditOptions { today: None };
    let result = if bytes.starts_with(b"%PDF-") {
        audit_pdf(&bytes, &opts)
    } else {
        audit_docx(&bytes, &opts)
    };
    let body = match result {
        Ok(a) => serde_json::json!({
            "kind": a.kind.key(),
            "errors": a.errors(),
            "findings": a.diagnostics.iter().map(|d| serde_json::json!({
                "severity": d.severity,
                "code": d.code,
                "where": d.path,
                "message": d.message.get(lang),
                "fix": d.fix.as_ref().map(|f| f.get(lang)),
            })).collect::<Vec<_>>(),
        }),
        Err(e) => serde_json::json!({ "error": e.message(lang) }),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&body).expect("serialises")
    );
}
