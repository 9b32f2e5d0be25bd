//! The import against the real corpus: for each DOCX, the values a person
//! reads from the document (written down by hand, from the file as Word
//! shows it, not from the importer's output) and the share of the file's
//! words that reach the model in order.

use std::path::PathBuf;
use vanban_core::{DocumentKind, Lines};
use vanban_import::coverage::{coverage, file_words, printed_text};
use vanban_import::recognise::words::word_tokens;

struct Expected {
    file: &'static str,
    kind: DocumentKind,
    superior: &'static [&'static str],
    issuer: &'static [&'static str],
    number: Option<u32>,
    /// The code after the slash, as typed.
    ky_hieu: &'static str,
    /// (year, month, day) as typed; `None` for a blank part.
    date: Option<(i32, Option<u32>, Option<u32>)>,
    place: &'static str,
    /// The trích yếu, lines joined by a space.
    trich_yeu: &'static str,
    authority: &'static [&'static str],
    post: &'static str,
    name: &'static str,
    /// Nơi nhận entries, not counting the Lưu line.
    noi_nhan: usize,
    /// Signers besides the principal one.
    co_signers: usize,
}

const LC: &[&str] = &["UBND TỈNH LÀO CAI"];
const SCT: &[&str] = &["SỞ CÔNG THƯƠNG"];

const CORPUS: &[Expected] = &[
    Expected {
        file: "05-quyet-dinh.docx",
        kind: DocumentKind::QuyetDinh,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "QĐ - SCT",
        date: Some((2026, Some(3), None)),
        place: "Lào Cai",
        trich_yeu: "Về việc thành lập Đoàn thẩm định cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        authority: &["KT.GIÁM ĐỐC"],
        post: "PHÓ GIÁM ĐỐC",
        name: "Nguyễn Đình Chiến",
        noi_nhan: 1,
        co_signers: 0,
    },
    // The tên loại `ĐỀ XUẤT` is not a type of Phụ lục III; with its V/v
    // line and Kính gửi it is read as a công văn. (A công văn's trích yếu
    // is kept as printed, `V/v` included, as the model holds it.)
    Expected {
        file: "1752831620_Đề xuất trưng dụng sv.docx",
        kind: DocumentKind::CongVan,
        superior: &["TRƯỜNG ĐẠI HỌC AN NINH NHÂN DÂN"],
        issuer: &["KHOA AN NINH ĐIỀU TRA"],
        number: Some(77),
        ky_hieu: "ĐX-K7",
        date: Some((2024, Some(12), Some(24))),
        place: "Thành phố Hồ Chí Minh",
        trich_yeu: "V/v trưng dụng học viên tham gia giải bóng đá 05 người",
        authority: &[],
        post: "TRƯỞNG KHOA",
        name: "Đại tá Chế Quang Nghĩa",
        noi_nhan: 3,
        co_signers: 0,
    },
    Expected {
        file: "BC-1883-DKT_8.4.2026_Ket-qua-kiem-tra-chap-hanh.docx",
        kind: DocumentKind::BaoCao,
        superior: &["SỞ CÔNG THƯƠNG LÀO CAI"],
        issuer: &["ĐOÀN KIỂM TRA"],
        number: None,
        ky_hieu: "ĐKT-SCT",
        date: Some((2026, Some(4), None)),
        place: "Lào Cai",
        trich_yeu: "Kết quả kiểm tra việc chấp hành các quy định của pháp luật trong quản lý, bảo quản và sử dụng vật liệu nổ công nghiệp",
        authority: &["TM. ĐOÀN KIỂM TRA"],
        post: "TRƯỞNG ĐOÀN",
        name: "Hoàng Văn Thuân",
        noi_nhan: 3,
        co_signers: 0,
    },
    Expected {
        file: "CV-bo-sung-ho-so-xuyen-bien-gioi-LogisticVietTrung.docx",
        kind: DocumentKind::CongVan,
        superior: &["BỘ CÔNG THƯƠNG"],
        issuer: &["CỤC HOÁ CHẤT"],
        number: None,
        ky_hieu: "HC-QLHC",
        date: Some((2025, Some(5), None)),
        place: "Hà Nội",
        trich_yeu: "V/v bổ sung hồ sơ cấp Giấy phép vận chuyển hàng hóa nguy hiểm",
        authority: &["KT. CỤC TRƯỞNG"],
        post: "PHÓ CỤC TRƯỞNG",
        name: "Vương Thành Chung",
        noi_nhan: 2,
        co_signers: 0,
    },
    Expected {
        file: "KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
        kind: DocumentKind::KeHoach,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "KH-SCT",
        date: Some((2026, Some(4), None)),
        place: "Lào Cai",
        trich_yeu: "Kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp, tiền chất thuốc nổ trên địa bàn tỉnh Lào Cai",
        authority: &["KT. GIÁM ĐỐC"],
        post: "PHÓ GIÁM ĐỐC",
        name: "Hoàng Văn Thuân",
        noi_nhan: 1,
        co_signers: 0,
    },
    Expected {
        file: "QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx",
        kind: DocumentKind::QuyetDinh,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "QĐ-SCT",
        date: Some((2026, Some(6), None)),
        place: "Lào Cai",
        trich_yeu: "Về việc công nhận kết quả huấn luyện, kiểm tra, cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp trên địa bàn tỉnh",
        authority: &[],
        post: "GIÁM ĐỐC",
        name: "Hoàng Chí Hiền",
        noi_nhan: 2,
        co_signers: 0,
    },
    Expected {
        file: "TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx",
        kind: DocumentKind::ThongBao,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "TB-SCT",
        date: Some((2026, Some(4), None)),
        place: "Lào Cai",
        trich_yeu: "KẾT QUẢ KIỂM TRA CÔNG TÁC NGHIỆM THU HOÀN THÀNH VỀ PHÒNG CHÁY CHỮA CHÁY VÀ HOÀN THÀNH CÔNG TRÌNH XÂY DỰNG KHO CHỨA VẬT LIỆU NỔ CÔNG NGHIỆP PHỤC VỤ THI CÔNG CÁC CÔNG TRÌNH XÂY DỰNG THUỘC DỰ ÁN “THỦY ĐIỆN NẬM CANG 1A” TẠI THÔN NẬM CANG, XÃ MƯỜNG BO, TỈNH LÀO CAI.",
        authority: &["KT. GIÁM ĐỐC"],
        post: "PHÓ GIÁM ĐỐC",
        name: "Hoàng Văn Thuân",
        noi_nhan: 3,
        co_signers: 0,
    },
    // No issuing body, number or date; six signers in a 3 × 2 grid. The
    // model's principal signer is the right-hand block (the one the seal
    // goes on), here the first row's right cell; the five others are
    // co-signers. `LÀM VIỆC` follows the type name on its line.
    Expected {
        file: "bien-ban-lam-viec-lien-nganh-ccn.docx",
        kind: DocumentKind::BienBan,
        superior: &[],
        issuer: &[],
        number: None,
        ky_hieu: "",
        date: None,
        place: "",
        trich_yeu: "LÀM VIỆC",
        authority: &[],
        post: "Đại diện Sở Tài chính",
        name: "Vũ Lân",
        noi_nhan: 0,
        co_signers: 5,
    },
    Expected {
        file: "cong-van-moi-hop-sct.docx",
        kind: DocumentKind::CongVan,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "SCT-CN",
        date: Some((2026, Some(6), None)),
        place: "Lào Cai",
        trich_yeu: "V/v mời dự họp",
        authority: &["KT. GIÁM ĐỐC"],
        post: "PHÓ GIÁM ĐỐC",
        name: "Nguyễn Đình Chiến",
        noi_nhan: 2,
        co_signers: 0,
    },
    Expected {
        file: "cong-van-ubnd-tinh-chi-dao.docx",
        kind: DocumentKind::CongVan,
        superior: &[],
        issuer: &["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"],
        number: None,
        ky_hieu: "UBND-KT",
        date: Some((2026, Some(6), None)),
        place: "Lào Cai",
        trich_yeu: "V/v triển khai di dời cụm công nghiệp Đầm Hồng và chủ trương đầu tư hạ tầng các cụm công nghiệp Phú Thịnh 5, Phú Thịnh 6.",
        authority: &["KT. CHỦ TỊCH"],
        post: "PHÓ CHỦ TỊCH",
        name: "Ngô Hạnh Phúc",
        noi_nhan: 3,
        co_signers: 0,
    },
    // `GIẤY MỜI HỌP`: the word after the type name opens the trích yếu.
    Expected {
        file: "giay-moi-hop-ubnd.docx",
        kind: DocumentKind::GiayMoi,
        superior: &[],
        issuer: &["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"],
        number: None,
        ky_hieu: "GM-UBND",
        date: Some((2026, Some(6), None)),
        place: "Lào Cai",
        trich_yeu: "HỌP Về tình hình triển khai các cụm công nghiệp trên địa bàn tỉnh.",
        authority: &["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"],
        post: "PHÓ CHÁNH VĂN PHÒNG",
        name: "Hoàng Ngọc Bích",
        noi_nhan: 5,
        co_signers: 0,
    },
    Expected {
        file: "qd_bo_nhiem_pham_thuy_lam.docx",
        kind: DocumentKind::QuyetDinh,
        superior: &["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"],
        issuer: &["SỞ NỘI VỤ"],
        number: None,
        ky_hieu: "QĐ-SNV",
        date: Some((2026, Some(3), None)),
        place: "Hà Giang",
        trich_yeu: "Về việc bổ nhiệm Phó Giám đốc Sở Nội vụ",
        authority: &[],
        post: "GIÁM ĐỐC",
        name: "Nguyễn Trường Tộ",
        noi_nhan: 3,
        co_signers: 0,
    },
    Expected {
        file: "test_vml_output.docx",
        kind: DocumentKind::KeHoach,
        superior: &["SỞ GDĐT ĐỒNG THÁP"],
        issuer: &["TRƯỜNG THPT ĐỐC BINH KIỀU"],
        number: Some(369),
        ky_hieu: "KH-UBND",
        date: Some((2026, Some(3), Some(29))),
        place: "Đốc Binh Kiều",
        trich_yeu: "Về việc ngăn chặn, đẩy lùi bạo lực học đường",
        authority: &["KT. HIỆU TRƯỞNG"],
        post: "PHÓ HIỆU TRƯỞNG",
        name: "Nguyễn Minh Trí",
        noi_nhan: 3,
        co_signers: 0,
    },
    Expected {
        file: "thong-bao-ket-luan-ubnd.docx",
        kind: DocumentKind::ThongBao,
        superior: LC,
        issuer: &["VĂN PHÒNG"],
        number: None,
        ky_hieu: "TB-VP",
        date: Some((2026, Some(6), None)),
        place: "Lào Cai",
        trich_yeu: "Kết luận của đồng chí Nguyễn Tuấn Anh - Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về tình hình triển khai các cụm công nghiệp trên địa bàn tỉnh",
        authority: &[],
        post: "CHÁNH VĂN PHÒNG",
        name: "Lê Trí Hà",
        noi_nhan: 9,
        co_signers: 0,
    },
    Expected {
        file: "to-trinh-vbqppl-tien-chat-thuoc-no.docx",
        kind: DocumentKind::ToTrinh,
        superior: LC,
        issuer: SCT,
        number: None,
        ky_hieu: "TTr - SCT",
        date: Some((2026, Some(5), None)),
        place: "Lào Cai",
        trich_yeu: "Về việc ban hành Quyết định quy định cơ quan tiếp nhận hồ sơ đề nghị cấp Giấy chứng nhận đủ điều kiện sản xuất tiền chất thuốc nổ trên địa bàn tỉnh Lào Cai",
        authority: &[],
        post: "GIÁM ĐỐC",
        name: "Hoàng Chí Hiền",
        noi_nhan: 3,
        co_signers: 0,
    },
];

fn corpus(file: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn lines(l: &Lines) -> Vec<String> {
    l.0.clone()
}

/// Field by field: (field, expected, got) for each mismatch.
fn compare(e: &Expected, d: &vanban_core::Document) -> (usize, Vec<(String, String, String)>) {
    let mut bad = Vec::new();
    let mut n = 0;
    let mut check = |field: &str, want: String, got: String| {
        n += 1;
        if want != got {
            bad.push((field.to_string(), want, got));
        }
    };
    check("kind", e.kind.key().into(), d.kind.key().into());
    check(
        "superior",
        format!("{:?}", e.superior),
        format!("{:?}", lines(&d.issuer.superior)),
    );
    check(
        "issuer",
        format!("{:?}", e.issuer),
        format!("{:?}", lines(&d.issuer.name)),
    );
    check(
        "number",
        format!("{:?}", e.number),
        format!("{:?}", d.so_hieu.number),
    );
    let ky = if e.ky_hieu.is_empty() {
        String::new()
    } else {
        d.so_hieu.ky_hieu(d.kind, &d.issuer.abbreviation)
    };
    check("ky_hieu", e.ky_hieu.into(), ky);
    check(
        "date",
        format!("{:?}", e.date),
        format!("{:?}", d.date.map(|x| (x.year, x.month, x.day))),
    );
    check("place", e.place.into(), d.place.clone());
    check("trich_yeu", e.trich_yeu.into(), d.trich_yeu.joined(" "));
    check(
        "authority",
        format!("{:?}", e.authority),
        format!("{:?}", d.signature.authority),
    );
    check("post", e.post.into(), d.signature.post.clone());
    check("name", e.name.into(), d.signature.name.clone());
    check(
        "noi_nhan",
        e.noi_nhan.to_string(),
        d.noi_nhan.entries.len().to_string(),
    );
    check(
        "co_signers",
        e.co_signers.to_string(),
        d.co_signers.len().to_string(),
    );
    (n, bad)
}

#[test]
fn every_corpus_docx_imports_and_matches_a_reading_of_it() {
    let mut full = 0;
    let mut table = String::new();
    for e in CORPUS {
        let bytes = corpus(e.file);
        let imported =
            vanban_import::import_docx(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let (n, bad) = compare(e, &imported.document);
        let words = file_words(&bytes).expect("document.xml");
        let cov = coverage(&words, &imported.sources);
        table.push_str(&format!(
            "{:<58} fields {:>2}/{n}  words {:>5}/{:<5} {:6.2}%\n",
            e.file,
            n - bad.len(),
            cov.in_order,
            cov.file_words,
            cov.ratio() * 100.0
        ));
        for (f, want, got) in &bad {
            table.push_str(&format!("    {f}: expected {want}, got {got}\n"));
        }
        if bad.is_empty() {
            full += 1;
        }
        assert!(
            cov.ratio() >= 0.98,
            "{}: only {:.2}% of the file's words reach the model in order; missing {:?}",
            e.file,
            cov.ratio() * 100.0,
            cov.missing
        );
    }
    eprintln!("{table}{full}/{} files match every field", CORPUS.len());
    assert_eq!(CORPUS.len(), 15);
    assert!(
        full >= 13,
        "only {full} of 15 files match every field:\n{table}"
    );
}

/// The trace of where each string came from holds exactly the words the
/// model prints: nothing is counted as reaching the model that is not in it.
#[test]
fn the_source_trace_is_the_printed_model() {
    for e in CORPUS {
        let imported = vanban_import::import_docx(&corpus(e.file)).expect("imports");
        let mut printed: Vec<String> = printed_text(&imported.document)
            .iter()
            .flat_map(|s| word_tokens(s))
            .collect();
        let mut traced: Vec<String> = imported
            .sources
            .iter()
            .flat_map(|s| word_tokens(&s.text))
            .collect();
        // Labels the renderer prints even when the file had none (a
        // `Nơi nhận:` with no list, `Số:` with no line) are not traced.
        let mut extra = printed.clone();
        for w in &traced {
            if let Some(i) = extra.iter().position(|x| x == w) {
                extra.swap_remove(i);
            }
        }
        printed.sort();
        traced.sort();
        let mut not_printed = traced.clone();
        for w in &printed {
            if let Some(i) = not_printed.iter().position(|x| x == w) {
                not_printed.swap_remove(i);
            }
        }
        assert!(
            not_printed.is_empty(),
            "{}: traced words the model does not print: {not_printed:?}",
            e.file
        );
        let labels = [
            "Nơi", "nhận", "Số", "ngày", "tháng", "năm", "V", "v", "CỘNG", "HÒA", "XÃ", "HỘI",
            "CHỦ", "NGHĨA", "VIỆT", "NAM", "Độc", "lập", "Tự", "do", "Hạnh", "phúc",
        ];
        extra.retain(|w| {
            !labels.contains(&w.as_str())
                && !e.kind.type_name().unwrap_or("").contains(w.as_str())
                && e.kind.abbreviation() != Some(w.as_str())
        });
        assert!(
            extra.is_empty(),
            "{}: printed words with no source: {extra:?}",
            e.file
        );
    }
}

#[test]
fn a_legacy_doc_gets_the_conversion_command() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let err = vanban_import::import_docx(&ole).unwrap_err();
    let vi = err.message(vanban_core::Lang::Vi);
    let en = err.message(vanban_core::Lang::En);
    assert!(vi.contains("soffice --headless --convert-to docx"), "{vi}");
    assert!(en.contains("soffice --headless --convert-to docx"), "{en}");
}
