//! `vanban new KIND`: a starter document that renders as it is.

use vanban::core::{
    date::IssueDate, so_hieu::SoHieu, Block, DocumentKind, Issuer, Lines, Luu, Metadata, NoiNhan,
    Signature, Text,
};
use vanban::Document;

pub fn run(kind: &str) -> u8 {
    let Some(k) = DocumentKind::find(kind) else {
        let keys: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.key()).collect();
        eprintln!(
            "lỗi: không có loại văn bản `{kind}`. Các loại: {}\nerror: unknown document kind `{kind}`. Kinds: {}",
            keys.join(", "),
            keys.join(", ")
        );
        return crate::EXIT_IO;
    };
    let doc = starter(k);
    println!(
        "{}",
        serde_json::to_string_pretty(&doc).expect("document serialises")
    );
    0
}

/// A small, valid document of the kind: the structure to copy, with
/// placeholder wording a văn thư replaces.
pub fn starter(kind: DocumentKind) -> Document {
    let cong_van = kind == DocumentKind::CongVan;
    Document {
        schema: None,
        kind,
        draft: true,
        issuer: Issuer {
            superior: Lines::default(),
            name: Lines(vec!["ỦY BAN NHÂN DÂN".into(), "XÃ TIẾN THẮNG".into()]),
            abbreviation: "UBND".into(),
            full_name: Some("Ủy ban nhân dân xã Tiến Thắng".into()),
        },
        so_hieu: SoHieu {
            unit: cong_van.then(|| "VP".to_string()),
            ..SoHieu::default()
        },
        place: "Tiến Thắng".into(),
        date: Some(IssueDate::year_only(2025)),
        trich_yeu: Lines(vec![if cong_van {
            "V/v triển khai nhiệm vụ".into()
        } else {
            "Về việc tổ chức thực hiện nhiệm vụ".into()
        }]),
        kinh_gui: if cong_van {
            vec![Text::parse("Các ban, ngành, đoàn thể xã")]
        } else {
            Vec::new()
        },
        can_cu: None,
        body: vec![
            Block::Paragraph(Text::parse(
                "Căn cứ tình hình thực tế, Ủy ban nhân dân xã thông báo như sau:",
            )),
            Block::Item(vanban::core::NumberedItem {
                number: 1.into(),
                heading: Some(Text::parse("Nội dung thứ nhất:")),
                text: Text::parse("mô tả nhiệm vụ và thời hạn thực hiện."),
                children: vec![Block::List(vec![
                    vanban::core::ListItem {
                        text: Text::parse("việc cần làm thứ nhất;"),
                        sub: Vec::new(),
                    },
                    vanban::core::ListItem {
                        text: Text::parse("việc cần làm thứ hai."),
                        sub: Vec::new(),
                    },
                ])],
            }),
            Block::Item(vanban::core::NumberedItem {
                number: 2.into(),
                heading: Some(Text::parse("Tổ chức thực hiện:")),
                text: Text::parse("các bộ phận liên quan triển khai thực hiện./."),
                children: Vec::new(),
            }),
        ],
        noi_nhan: NoiNhan {
            entries: vec![
                Text::parse(if cong_van {
                    "Như trên;"
                } else {
                    "TT Đảng ủy, TT HĐND xã (để b/c);"
                }),
                Text::parse("Các ban, ngành, đoàn thể xã;"),
            ],
            luu: Some(Luu::units(["VT", "VP"])),
        },
        signature: Signature {
            authority: vec!["TM. ỦY BAN NHÂN DÂN".into()],
            post: "CHỦ TỊCH".into(),
            name: "Nguyễn Văn A".into(),
            signature_image: None,
            seal_image: None,
        },
        authority: Lines::default(),
        intro: None,
        co_signers: Vec::new(),
        footer: Lines::default(),
        annexes: Vec::new(),
        metadata: Metadata::default(),
        profile: None,
    }
}
