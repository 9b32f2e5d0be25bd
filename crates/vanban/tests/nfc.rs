//! A document built field by field in code, with decomposed (NFD) text,
//! renders NFC in both formats, as the same text loaded from JSON would.

use vanban::core::{Block, Text};
use vanban::{Assets, Renderer};

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

#[test]
fn nfd_text_built_in_code_renders_nfc_in_pdf_and_docx() {
    let json = include_str!("../data/thong-bao.json");
    let mut doc = vanban::load_json(json).unwrap().document;
    let word = "Thông báo kết quả tuyển dụng viên chức";
    assert_ne!(nfd(word), word, "the test needs text NFD changes");
    // Bypass the loader and the builder, as a program filling the struct would.
    doc.body.insert(0, Block::Paragraph(Text::plain(nfd(word))));
    let r = Renderer::new();
    let pages = r.layout(&doc, &Assets::new()).unwrap();
    let drawn: String = pages
        .iter()
        .flat_map(|p| p.runs())
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(drawn.contains(word), "PDF text is not NFC");
    assert!(!drawn.contains(&nfd("ô")));

    let docx = r.docx(&doc, &Assets::new()).unwrap();
    let xml = vanban_docx::zip::read(&docx)
        .unwrap()
        .into_iter()
        .find(|e| e.name == "word/document.xml")
        .map(|e| String::from_utf8(e.bytes().unwrap()).unwrap())
        .unwrap();
    assert!(
        xml.contains("Thông báo kết quả tuyển dụng"),
        "DOCX text is not NFC"
    );
    assert!(!xml.contains(&nfd("ô")));
}
