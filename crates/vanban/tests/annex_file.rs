//! Mẫu 2.2: an annex delivered as a file of its own. The main file leaves
//! it out; the annex file has the signing-information line at the top
//! right, `Phụ lục`, its title, a `(Kèm theo …)` line whose number and date
//! are left for the signing system, its content, and page numbers from 1.

use vanban::{Assets, Renderer};

fn texts(pages: &[vanban::frame::Page]) -> Vec<Vec<(f32, f32, String)>> {
    pages
        .iter()
        .map(|p| p.runs().map(|r| (r.x, r.y, r.text.clone())).collect())
        .collect()
}

#[test]
fn a_separate_annex_is_its_own_file_and_out_of_the_main_one() {
    let json = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../samples/ke-hoach-chuyen-doi-so.json"),
    )
    .unwrap();
    let mut doc = vanban::load_json(&json).unwrap().document;
    assert_eq!(doc.annexes.len(), 1);
    let title = doc.annexes[0].title.joined(" ");
    let r = Renderer::new();
    let joined = |pages: &[vanban::frame::Page]| {
        texts(pages)
            .into_iter()
            .flatten()
            .map(|t| t.2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let in_file = joined(&r.layout(&doc, &Assets::new()).unwrap());
    assert!(in_file.contains(title.split(' ').next().unwrap()));

    doc.annexes[0].separate_file = true;
    assert_eq!(Renderer::separate_annexes(&doc), vec![0]);
    let main = r.layout(&doc, &Assets::new()).unwrap();
    let main_text = joined(&main);
    assert!(
        !main_text.contains("(Kèm theo"),
        "the annex is still in the main file"
    );

    let pages = r.annex_layout(&doc, &Assets::new(), 0).unwrap();
    let page1 = &texts(&pages)[0];
    // The signing-information line: first, 10 pt, in the right part of the page.
    let first = pages[0].runs().next().unwrap();
    assert!(
        first.text.starts_with("Số: ") && first.text.ends_with("; …/…/…; …:…:…"),
        "{}",
        first.text
    );
    assert!((first.size - 10.0).abs() < 0.01);
    assert!(
        first.x > pages[0].width / 2.0 - 30.0,
        "not at the right: x = {}",
        first.x
    );
    let all = joined(&pages);
    assert!(all.contains("Phụ lục"));
    assert!(all.contains("số …… ngày …… tháng …… năm ……"), "{all}");
    // Numbered from 1, shown on its first page (each appendix is paginated on its own).
    assert!(
        page1.iter().any(|t| t.2 == "1" && t.1 < first.y),
        "no page number 1 above the box"
    );

    let pdf = r
        .annex_pdf(&doc, &Assets::new(), 0, &Default::default())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let docx = r.annex_docx(&doc, &Assets::new(), 0).unwrap();
    let xml = vanban_docx::zip::read(&docx)
        .unwrap()
        .into_iter()
        .find(|e| e.name == "word/document.xml")
        .map(|e| String::from_utf8(e.bytes().unwrap()).unwrap())
        .unwrap();
    assert!(xml.contains("VbThongTinKySo") && xml.contains("…/…/…; …:…:…"));
    assert!(xml.contains("số …… ngày"));
    assert!(r
        .annex_pdf(&doc, &Assets::new(), 3, &Default::default())
        .is_err());
}
