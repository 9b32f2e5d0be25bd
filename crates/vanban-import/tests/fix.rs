//! `fix` on the corpus: only the certain corrections are made, each one
//! reported; what is uncertain is left for a person; the files it writes
//! are a valid DOCX and PDF whose layout the PDF audit finds nothing to
//! say about.

use std::path::PathBuf;
use vanban_core::Severity;
use vanban_import::{audit_pdf, fix, AuditOptions, Fixed};

fn corpus(file: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixed(file: &str) -> Fixed {
    fix(&corpus(file), &vanban::Renderer::new()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn change<'a>(f: &'a Fixed, code: &str) -> Vec<&'a str> {
    f.changes
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.en.as_str())
        .collect()
}

#[test]
fn certain_fixes_are_made_and_reported_one_by_one() {
    let f = fixed("05-quyet-dinh.docx");
    assert_eq!(
        change(&f, "fix.ky_hieu"),
        vec!["code `QĐ - SCT` → `QĐ-SCT` (no spaces)"]
    );
    assert_eq!(f.document.so_line(), "Số:      /QĐ-SCT");
    assert_eq!(change(&f, "fix.tieu_ngu").len(), 1);
    assert_eq!(
        change(&f, "fix.authority"),
        vec!["`KT.GIÁM ĐỐC` → `KT. GIÁM ĐỐC`"]
    );
    assert_eq!(f.document.signature.authority, vec!["KT. GIÁM ĐỐC"]);
    assert_eq!(
        change(&f, "fix.luu_colon"),
        vec!["`Lưu VT, CN(Trang - T.Dương).` → `Lưu: VT, CN(Trang - T.Dương).` (the colon after `Lưu`)"]
    );

    let f = fixed("1752831620_Đề xuất trưng dụng sv.docx");
    assert_eq!(
        f.document
            .noi_nhan
            .luu
            .as_ref()
            .map(|l| l.text())
            .as_deref(),
        Some("Lưu: VT, K7.")
    );
    assert_eq!(change(&f, "fix.luu_vt").len(), 1);

    let f = fixed("giay-moi-hop-ubnd.docx");
    assert_eq!(f.document.trich_yeu.0[0], "Họp");
    assert_eq!(change(&f, "fix.quoc_hieu").len(), 1);

    let f = fixed("bien-ban-lam-viec-lien-nganh-ccn.docx");
    assert_eq!(f.document.signature.post, "ĐẠI DIỆN SỞ TÀI CHÍNH");
    assert!(f
        .document
        .co_signers
        .iter()
        .all(|s| s.post == s.post.to_uppercase()));
}

#[test]
fn a_trich_yeu_with_names_in_capitals_is_left_for_a_person() {
    let f = fixed("TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx");
    let p = change(&f, "person.trich_yeu_case");
    assert_eq!(p.len(), 1);
    // The suggestion keeps the names as the body writes them.
    assert!(p[0].contains("Nậm Cang"), "{}", p[0]);
    assert!(f.document.trich_yeu.0[0].starts_with("KẾT QUẢ KIỂM TRA"));
    assert!(f
        .changes
        .iter()
        .filter(|d| d.code.starts_with("person."))
        .all(|d| d.severity == Severity::Warning));
}

#[test]
fn nothing_else_changes() {
    // The body, the căn cứ and the names are exactly as imported.
    for file in [
        "05-quyet-dinh.docx",
        "thong-bao-ket-luan-ubnd.docx",
        "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx",
    ] {
        let imported = vanban_import::import_docx(&corpus(file)).unwrap();
        let f = fixed(file);
        assert_eq!(imported.document.body, f.document.body, "{file}");
        assert_eq!(imported.document.can_cu, f.document.can_cu, "{file}");
        assert_eq!(imported.document.annexes, f.document.annexes, "{file}");
        assert_eq!(
            imported.document.signature.name, f.document.signature.name,
            "{file}"
        );
        assert_eq!(imported.document.trich_yeu, f.document.trich_yeu, "{file}");
    }
}

#[test]
fn the_output_is_a_docx_and_a_pdf_with_a_clean_layout() {
    for file in [
        "thong-bao-ket-luan-ubnd.docx",
        "to-trinh-vbqppl-tien-chat-thuoc-no.docx",
        "cong-van-ubnd-tinh-chi-dao.docx",
        "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx",
        "giay-moi-hop-ubnd.docx",
    ] {
        let f = fixed(file);
        assert!(f.docx.starts_with(b"PK"), "{file}");
        assert!(f.pdf.starts_with(b"%PDF-"), "{file}");
        // The model survives its own JSON.
        let json = serde_json::to_string(&f.document).unwrap();
        let back = vanban_core::load::from_json(&json).unwrap().document;
        assert_eq!(back, f.document, "{file}");
        // The PDF audit measures vanban's own layout as conforming.
        let a = audit_pdf(&f.pdf, &AuditOptions::default()).unwrap();
        let layout: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| {
                d.severity >= Severity::Warning
                    && (d.code.starts_with("layout.") || d.code.starts_with("header."))
            })
            .map(|d| d.render(file, vanban_core::Lang::En))
            .collect();
        assert!(layout.is_empty(), "{file}:\n{}", layout.join("\n"));
        assert_eq!(a.kind, f.document.kind, "{file}");
    }
}
