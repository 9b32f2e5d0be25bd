//! `vanban import`, `vanban audit` and `vanban fix` end to end, on files of
//! the corpus (crates/vanban-import/tests/corpus).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vanban-import/tests/corpus")
        .join(file)
}

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn import_prints_the_model_and_reports_on_stderr() {
    let f = corpus("05-quyet-dinh.docx");
    let out = vanban(&["import", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = vanban::load_slice(&out.stdout)
        .expect("valid model JSON")
        .document;
    assert_eq!(doc.kind, vanban::DocumentKind::QuyetDinh);
    assert_eq!(doc.signature.name, "Nguyễn Đình Chiến");
    let err = text(&out.stderr);
    assert!(
        err.contains("of the file's words are in the model"),
        "{err}"
    );
    assert!(err.contains("¶6 T1[1,2]"), "{err}");
}

#[test]
fn import_writes_files_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("qd.json");
    let report = dir.path().join("report.txt");
    let f = corpus("QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx");
    let out = vanban(&[
        "import",
        f.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = vanban::load_json(&std::fs::read_to_string(&json).unwrap())
        .unwrap()
        .document;
    assert_eq!(doc.annexes.len(), 1);
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("chữ của tệp có trong mô hình"));
}

#[test]
fn a_legacy_doc_is_refused_with_the_conversion_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("cu.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    std::fs::write(&doc, ole).unwrap();
    for cmd in ["import", "audit"] {
        let out = vanban(&[cmd, doc.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(
            err.contains("soffice --headless --convert-to docx"),
            "{err}"
        );
        assert!(err.contains("cu.doc"), "{err}");
    }
}

#[test]
fn audit_reports_like_check_in_text_and_json() {
    let f = corpus("05-quyet-dinh.docx");
    let out = vanban(&["audit", f.to_str().unwrap()]);
    // The spaced ký hiệu is an error.
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("lỗi:") && err.contains("cách sửa:"), "{err}");
    assert!(err.contains("1 lỗi,"), "{err}");

    let out = vanban(&[
        "audit",
        f.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["errors"], 1);
    let ds = v["diagnostics"].as_array().unwrap();
    assert!(ds.iter().any(|d| d["code"] == "layout.margin_bottom"));
    assert!(ds
        .iter()
        .all(|d| d["message"].as_str().is_some_and(|m| !m.is_empty())));

    let clean = corpus("thong-bao-ket-luan-ubnd.docx");
    let out = vanban(&["audit", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn audit_reads_a_pdf_and_refuses_a_scan() {
    let f = corpus("vht534.signed_20250510_124908.pdf");
    let out = vanban(&["audit", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the rule under the trích yếu"));

    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = doc.add_object(Stream::new(
        dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8},
        vec![128],
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! {"XObject" => dictionary! {"Im0" => image}},
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scan.pdf");
    doc.save(&scan).unwrap();
    let out = vanban(&["audit", scan.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("no text layer") && err.contains("OCR"),
        "{err}"
    );
}

#[test]
fn fix_writes_a_docx_and_a_pdf_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let f = corpus("05-quyet-dinh.docx");
    let out = vanban(&[
        "fix",
        f.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read(dir.path().join("05-quyet-dinh.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(std::fs::read(dir.path().join("05-quyet-dinh.docx"))
        .unwrap()
        .starts_with(b"PK"));
    let err = text(&out.stderr);
    let (changed, person) = err.split_once("Needs a person:").expect("two lists");
    assert!(changed.contains("`QĐ - SCT` → `QĐ-SCT`"), "{err}");
    assert!(
        person.contains("Theo đề nghị") || person.contains("last legal basis"),
        "{err}"
    );
}
