//! The audit against the corpus: every deviation the corpus README lists is
//! reported where the file has it, and what a careful reading of the
//! decree accepts is not.

use std::path::PathBuf;
use vanban_core::Severity;
use vanban_import::{audit_docx, audit_pdf, Audit, AuditOptions, Error};

fn corpus(file: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn docx(file: &str) -> Audit {
    audit_docx(&corpus(file), &AuditOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn pdf(file: &str) -> Audit {
    audit_pdf(&corpus(file), &AuditOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn has(a: &Audit, code: &str, needle: &str) -> bool {
    a.diagnostics
        .iter()
        .any(|d| d.code == code && (d.message.en.contains(needle) || d.path.contains(needle)))
}

fn dump(a: &Audit) -> String {
    a.diagnostics
        .iter()
        .map(|d| d.render("", vanban_core::Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

const DOCX: &[&str] = &[
    "05-quyet-dinh.docx",
    "1752831620_Đề xuất trưng dụng sv.docx",
    "BC-1883-DKT_8.4.2026_Ket-qua-kiem-tra-chap-hanh.docx",
    "CV-bo-sung-ho-so-xuyen-bien-gioi-LogisticVietTrung.docx",
    "KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
    "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx",
    "TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx",
    "bien-ban-lam-viec-lien-nganh-ccn.docx",
    "cong-van-moi-hop-sct.docx",
    "cong-van-ubnd-tinh-chi-dao.docx",
    "giay-moi-hop-ubnd.docx",
    "qd_bo_nhiem_pham_thuy_lam.docx",
    "test_vml_output.docx",
    "thong-bao-ket-luan-ubnd.docx",
    "to-trinh-vbqppl-tien-chat-thuoc-no.docx",
];

/// The file's own XML, to know where a quirk is without asking the reader.
fn part(file: &str, name: &str) -> String {
    use std::io::Read;
    let bytes = corpus(file);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    if let Ok(mut f) = z.by_name(name) {
        f.read_to_string(&mut s).unwrap();
    }
    s
}

#[test]
fn the_readme_deviations_are_reported_where_the_file_has_them() {
    for f in DOCX {
        let a = docx(f);
        let doc = part(f, "word/document.xml");
        let styles = part(f, "word/styles.xml");
        // "CỘNG HOÀ" for "CỘNG HÒA".
        assert_eq!(
            doc.contains("CỘNG HOÀ"),
            has(&a, "header.quoc_hieu_text", "HOÀ"),
            "{f}: CỘNG HOÀ\n{}",
            dump(&a)
        );
        // `.VnTime` left in the styles.
        assert_eq!(
            styles.contains(".VnTime"),
            !a.with_code("layout.font_legacy_style").is_empty(),
            "{f}: .VnTime"
        );
        // No renderer talk in an audit of somebody else's file.
        assert!(a.with_code("kind.layout").is_empty(), "{f}");
    }
    // En dashes in the motto.
    for f in ["05-quyet-dinh.docx", "test_vml_output.docx"] {
        assert!(has(&docx(f), "header.tieu_ngu_text", "en dashes"), "{f}");
    }
    // The spaced ký hiệu.
    let a = docx("05-quyet-dinh.docx");
    let d = &a.with_code("so_hieu.ky_hieu_format")[0];
    assert!(
        d.is_error() && d.path.starts_with("¶4 T1[1,1]"),
        "{}",
        dump(&a)
    );
    assert!(has(
        &docx("to-trinh-vbqppl-tien-chat-thuoc-no.docx"),
        "so_hieu.ky_hieu_format",
        "TTr - SCT"
    ));
    // The trích yếu in capitals.
    assert!(has(
        &docx("TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx"),
        "layout.trich_yeu",
        "normal case"
    ));
    // Margins below 20 mm (the corpus's "15 mm" margins).
    assert!(has(
        &docx("05-quyet-dinh.docx"),
        "layout.margin_bottom",
        "15.0 mm"
    ));
    assert!(has(
        &docx("05-quyet-dinh.docx"),
        "layout.margin_top",
        "17.5 mm"
    ));
    assert!(has(
        &docx("thong-bao-ket-luan-ubnd.docx"),
        "layout.margin_bottom",
        "15.0 mm"
    ));
    assert!(has(
        &docx("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx"),
        "layout.margin_bottom",
        "12.5 mm"
    ));
    // The landscape annex: allowed for a table, said as a note.
    let a = docx("QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx");
    let o = a.with_code("layout.orientation");
    assert!(o.len() == 1 && o[0].severity == Severity::Note && o[0].path == "section 2");
    // Blank Số and date of a draft: notes.
    for f in DOCX.iter().filter(|f| {
        !f.starts_with("bien-ban") && !f.starts_with("1752") && !f.starts_with("test_vml")
    }) {
        let a = docx(f);
        assert!(a
            .with_code("so_hieu.blank")
            .iter()
            .all(|d| d.severity == Severity::Note));
        assert!(!a.with_code("so_hieu.blank").is_empty(), "{f}");
    }
    // A decision that cites an authorisation and is signed in the post.
    assert!(
        !docx("QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx")
            .with_code("signature.authorisation")
            .is_empty()
    );
    // The Biên bản: US Letter, no issuing body, six signers.
    let a = docx("bien-ban-lam-viec-lien-nganh-ccn.docx");
    assert!(has(&a, "layout.page_size", "US Letter"));
    assert!(a
        .diagnostics
        .iter()
        .any(|d| d.code == "text.empty" && d.path.contains("issuer.name")));
    assert!(has(&a, "signature.several", "6 signers"));
    // A school numbering its plan as a People's Committee.
    assert!(has(
        &docx("test_vml_output.docx"),
        "so_hieu.abbreviation_body",
        "UBND"
    ));
    // Rules: typed underscores are said to be typed; a rule too short is measured.
    assert!(has(
        &docx("thong-bao-ket-luan-ubnd.docx"),
        "layout.trich_yeu_rule",
        "underscores"
    ));
    assert!(has(
        &docx("qd_bo_nhiem_pham_thuy_lam.docx"),
        "layout.trich_yeu_rule",
        "underscores"
    ));
    assert!(has(
        &docx("to-trinh-vbqppl-tien-chat-thuoc-no.docx"),
        "layout.trich_yeu_rule",
        "21%"
    ));
    // The Lưu line without VT, and without its colon.
    assert!(has(
        &docx("1752831620_Đề xuất trưng dụng sv.docx"),
        "noi_nhan.luu_vt",
        "K7"
    ));
    assert!(has(
        &docx("05-quyet-dinh.docx"),
        "noi_nhan.luu_line",
        "Lưu VT"
    ));
    // The month written 03.
    assert!(has(&docx("test_vml_output.docx"), "date.format", "`03`"));
}

#[test]
fn what_the_decree_accepts_is_not_reported() {
    // A rank before the name in the armed forces: a note, not a warning.
    let a = docx("1752831620_Đề xuất trưng dụng sv.docx");
    assert!(
        a.with_code("signature.name_case").is_empty(),
        "{}",
        dump(&a)
    );
    assert!(has(&a, "signature.rank", "Đại tá"));
    // "Như kính gửi" opens the list as "Như trên" would.
    assert!(a.with_code("noi_nhan.nhu_tren").is_empty());
    // A font named "Times New Roman Bold" is Times New Roman.
    assert!(docx("TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx")
        .with_code("layout.font")
        .is_empty());
    // Condensed spacing lets the national name fit its column.
    assert!(docx("cong-van-moi-hop-sct.docx")
        .with_code("layout.header_columns")
        .is_empty());
    // ... and where it does not fit, it is said (LibreOffice wraps it too).
    assert!(!docx("test_vml_output.docx")
        .with_code("layout.header_columns")
        .is_empty());
    // Header lines shifted together by a negative indent are still centred
    // on each other.
    assert!(docx("BC-1883-DKT_8.4.2026_Ket-qua-kiem-tra-chap-hanh.docx")
        .with_code("layout.so")
        .iter()
        .all(|d| !d.message.en.contains("off centre")));
    // Annexes and further signers after the signature are not the body:
    // no `./.` complaint caused by them.
    for f in [
        "TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx",
        "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx",
        "bien-ban-lam-viec-lien-nganh-ccn.docx",
        "cong-van-moi-hop-sct.docx",
    ] {
        let a = docx(f);
        assert!(
            a.with_code("body.closing").is_empty() && a.with_code("body.closing_early").is_empty(),
            "{f}: {}",
            dump(&a)
        );
    }
    // A Biên bản has no place-and-date line in its model.
    assert!(docx("bien-ban-lam-viec-lien-nganh-ccn.docx")
        .diagnostics
        .iter()
        .all(|d| !(d.code == "text.empty" && d.path.ends_with("place"))));
    // Items under different section headings are not siblings.
    assert!(docx("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx")
        .with_code("body.item_emphasis")
        .is_empty());
    // An even-page header that Word never shows is not judged.
    assert!(docx("to-trinh-vbqppl-tien-chat-thuoc-no.docx")
        .with_code("layout.page_numbers")
        .is_empty());
    // A clean Thông báo header: nothing about its header or margins.
    let a = docx("thong-bao-ket-luan-ubnd.docx");
    assert!(
        a.diagnostics
            .iter()
            .all(|d| d.code != "header.quoc_hieu_text" && d.code != "layout.margin_top"),
        "{}",
        dump(&a)
    );
}

#[test]
fn findings_name_the_paragraph_and_render_like_check() {
    let a = docx("05-quyet-dinh.docx");
    assert!(a.errors() >= 1);
    for d in &a.diagnostics {
        assert!(
            !d.message.vi.is_empty() && !d.message.en.is_empty(),
            "{d:?}"
        );
    }
    let d = &a.with_code("noi_nhan.luu_line")[0];
    assert_eq!(
        d.path,
        "¶39 T2[1,1] «- Lưu VT, CN(Trang - T.Dương).» · noi_nhan.luu"
    );
    let text = d.render("05-quyet-dinh.docx", vanban_core::Lang::Vi);
    assert!(
        text.starts_with("cảnh báo: 05-quyet-dinh.docx [¶39 T2[1,1]"),
        "{text}"
    );
    assert!(
        text.contains("cách sửa: ghi `- Lưu: VT, CN(Trang - T.Dương).`"),
        "{text}"
    );
    // Errors first, then warnings, then notes.
    let sev: Vec<Severity> = a.diagnostics.iter().map(|d| d.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(sev, sorted);
}

#[test]
fn the_corpus_pdfs_show_their_real_deviations() {
    let a = pdf("05.signed_20250517_044750.pdf");
    assert!(has(&a, "layout.so", "14"), "{}", dump(&a));
    assert!(has(&a, "layout.date", "off the national name's centre"));
    assert!(has(&a, "so_hieu.spacing", "`11`"));
    assert!(has(&a, "layout.noi_nhan", "8/11"));
    assert!(has(&a, "layout.size_coupling", "motto is 13 pt"));
    assert!(!a.with_code("pdf.fonts_embedded").is_empty());
    // The issuing body's and the motto's rules are where they belong.
    assert!(
        a.with_code("layout.motto_rule").is_empty() && a.with_code("layout.issuer_rule").is_empty(),
        "{}",
        dump(&a)
    );
    let a = pdf("vht534.signed_20250510_124908.pdf");
    assert!(has(&a, "layout.trich_yeu_rule", "22%"), "{}", dump(&a));
    assert!(has(&a, "so_hieu.spacing", "`565`"));
    // A code broken across two lines (`186/KH-` | `UBND`) is not a stray space.
    assert!(
        a.with_code("text.reference_spacing").is_empty(),
        "{}",
        dump(&a)
    );
    assert_eq!(a.kind, vanban_core::DocumentKind::ThongBao);
}

/// A PDF page that is only an image, as a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8},
        vec![0, 255, 255, 0],
    );
    let image_id = doc.add_object(image);
    let content = Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /Im1 Do Q".to_vec());
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! {"XObject" => dictionary! {"Im1" => image_id}},
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_scanned_pdf_gets_a_clear_message() {
    match audit_pdf(&scanned_pdf(), &AuditOptions::default()) {
        Err(e @ Error::NoTextLayer { pages: 1 }) => {
            assert!(e.message(vanban_core::Lang::En).contains("no text layer"));
            assert!(e
                .message(vanban_core::Lang::Vi)
                .contains("không có lớp chữ"));
            assert!(e.message(vanban_core::Lang::En).contains("OCR"));
        }
        other => panic!(
            "expected NoTextLayer, got {:?}",
            other.map(|a| a.diagnostics.len())
        ),
    }
    assert!(matches!(
        audit_pdf(b"not a pdf", &AuditOptions::default()),
        Err(Error::NotPdf { .. })
    ));
}
