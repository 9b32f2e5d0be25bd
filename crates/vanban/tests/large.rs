//! Very large inputs render (or fail cleanly) in time and memory that grow
//! linearly: 10,000 paragraphs, a 5,000-character word, a 2,000-row table.
//! (A 10 MB paragraph is measured in the README's notes, in release mode.)

use vanban::core::{Block, Column, Table, Text};
use vanban::{Assets, Renderer};

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const WORDS: &str = "Ủy ban nhân dân xã đề nghị các bộ phận chuyên môn khẩn trương triển khai thực hiện nhiệm vụ được giao";

fn doc_with(body: Vec<Block>) -> vanban::Document {
    let mut doc = vanban::load_json(SAMPLE).unwrap().document;
    doc.body = body;
    doc
}

fn render_all(doc: &vanban::Document) -> (usize, usize, usize) {
    let r = Renderer::new();
    assert!(!r.check(doc).iter().any(|d| d.is_error()));
    let pages = r.layout(doc, &Assets::new()).unwrap().len();
    let pdf = r.pdf(doc, &Assets::new()).unwrap();
    let docx = r.docx(doc, &Assets::new()).unwrap();
    (pages, pdf.len(), docx.len())
}

#[test]
fn ten_thousand_paragraphs() {
    let doc = doc_with(
        (0..10_000)
            .map(|i| Block::Paragraph(Text::plain(format!("{WORDS} {i}."))))
            .collect(),
    );
    let (pages, pdf, _) = render_all(&doc);
    assert!(pages > 500, "{pages} pages");
    assert!(pdf > 300_000, "{pdf} bytes");
}

#[test]
fn a_five_thousand_character_word() {
    let doc = doc_with(vec![Block::Paragraph(Text::plain(format!(
        "{} ./.",
        "x".repeat(5000)
    )))]);
    let r = Renderer::new();
    let pages = r.layout(&doc, &Assets::new()).unwrap();
    let text: String = pages
        .iter()
        .flat_map(|p| p.runs().map(|r| r.text.clone()))
        .collect();
    let empty = doc_with(vec![Block::Paragraph(Text::plain("./."))]);
    let base: String = r
        .layout(&empty, &Assets::new())
        .unwrap()
        .iter()
        .flat_map(|p| p.runs().map(|r| r.text.clone()))
        .collect();
    assert_eq!(
        text.matches('x').count() - base.matches('x').count(),
        5000,
        "every character kept"
    );
    render_all(&doc);
}

#[test]
fn a_two_thousand_row_table() {
    let doc = doc_with(vec![Block::Table(Table {
        columns: vec![
            Column {
                width: 1.0,
                align: Default::default(),
            },
            Column {
                width: 4.0,
                align: Default::default(),
            },
        ],
        header: vec![vec![Text::plain("STT"), Text::plain("Nội dung")]],
        rows: (0..2000)
            .map(|i| vec![Text::plain(i.to_string()), Text::plain(WORDS)])
            .collect(),
    })]);
    let (pages, _, _) = render_all(&doc);
    assert!(pages > 40, "{pages} pages");
    // The header row is repeated at the top of every page the table runs on.
    let r = Renderer::new();
    let laid = r.layout(&doc, &Assets::new()).unwrap();
    for p in &laid[1..laid.len() - 1] {
        assert!(
            p.runs().any(|r| r.text == "STT"),
            "header row missing on a page"
        );
    }
}
