//! The seed notice typed in the text format prints exactly as its JSON.

use std::path::Path;
use vanban::{Assets, Renderer};

#[test]
fn the_seed_text_renders_the_same_pdf_and_docx_as_the_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let json = std::fs::read_to_string(dir.join("thong-bao-tien-thang-2025-02.json")).unwrap();
    let text = std::fs::read_to_string(dir.join("thong-bao-tien-thang-2025-02.txt")).unwrap();
    let from_json = vanban::load_json(&json).unwrap().document;
    let from_text = vanban::load_text(&text).unwrap().document;
    let r = Renderer::new();
    // Line for line first (a readable failure), then byte for byte.
    let lines = |d: &vanban::Document| -> Vec<String> {
        let pages = r.layout(d, &Assets::new()).unwrap();
        pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.runs().map(move |run| format!("{i}: {}", run.text)))
            .collect()
    };
    assert_eq!(lines(&from_text), lines(&from_json));
    let pdf = |d| r.pdf(d, &Assets::new()).unwrap();
    assert!(pdf(&from_text) == pdf(&from_json), "the PDFs differ");
    let docx = |d| r.docx(d, &Assets::new()).unwrap();
    assert!(
        docx(&from_text) == docx(&from_json),
        "the DOCX files differ"
    );
}
