//! The document kind: what the renderers can lay out today, and the
//! components a kind uses (spec §3.9, §4.2).

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::kind::DocumentKind;

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    layout(doc, out);
    kinh_gui(doc, out);
}

/// `kind.layout` (note): Hợp đồng, Bản ghi nhớ and Bản thỏa thuận have a
/// type code but no model in Phụ lục III; they are drawn in the Mẫu 1.4
/// frame (forms.md §1.1), which the author should know.
fn layout(doc: &Document, out: &mut Vec<Diagnostic>) {
    if !matches!(
        doc.kind,
        DocumentKind::HopDong | DocumentKind::BanGhiNho | DocumentKind::BanThoaThuan
    ) {
        return;
    }
    out.push(
        diag(
            Severity::Note,
            "kind.layout",
            "kind",
            format!("Phụ lục III không có mẫu trình bày cho {}; văn bản được trình bày theo khung Mẫu 1.4", doc.kind.name_vi()),
            format!("Phụ lục III has no model for a {}; it is laid out in the Mẫu 1.4 frame", doc.kind.name_vi()),
        )
        .with_fix(fix(
            "kiểm tra bản in theo quy định riêng của loại văn bản này, nếu có",
            "check the output against any rules of its own this kind has",
        )),
    );
}

/// `kind.kinh_gui` (warning): "Kính gửi" belongs to công văn, and to tờ
/// trình and báo cáo sent upward; a công văn without it lacks its addressees.
fn kinh_gui(doc: &Document, out: &mut Vec<Diagnostic>) {
    let uses = matches!(
        doc.kind,
        DocumentKind::CongVan
            | DocumentKind::ToTrinh
            | DocumentKind::BaoCao
            | DocumentKind::CongDien
    );
    if !doc.kinh_gui.is_empty() && !uses {
        out.push(
            diag(
                Severity::Warning,
                "kind.kinh_gui",
                "kinh_gui",
                format!("{} không có phần \"Kính gửi\"; chỉ công văn, tờ trình và báo cáo gửi cấp trên mới có", doc.kind.name_vi()),
                format!("a {} has no \"Kính gửi\" part; only công văn, tờ trình and báo cáo sent upward have one", doc.kind.name_vi()),
            )
            .with_fix(fix(
                "chuyển các nơi nhận này sang \"noi_nhan\".\"entries\"",
                "move these recipients to \"noi_nhan\".\"entries\"",
            )),
        );
    } else if doc.kinh_gui.is_empty() && doc.kind == DocumentKind::CongVan {
        out.push(
            diag(
                Severity::Warning,
                "kind.kinh_gui",
                "kinh_gui",
                "công văn cần có phần \"Kính gửi\" ghi nơi nhận để giải quyết",
                "a công văn needs a \"Kính gửi\" part naming the addressees",
            )
            .with_fix(fix(
                "thêm \"kinh_gui\": [\"…\"]",
                "add \"kinh_gui\": [\"…\"]",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::kind::DocumentKind;

    #[test]
    fn kinds_without_a_model_get_a_note() {
        let mut d = good();
        assert!(check(&d, &CheckOptions::default()).is_empty());
        // A Kế hoạch has its model (1.4): no false alarm.
        d.kind = DocumentKind::KeHoach;
        d.so_hieu.ky_hieu = None;
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.kind = DocumentKind::HopDong;
        let ds = check(&d, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["kind.layout"]);
        assert_eq!(ds[0].path, "kind");
    }

    #[test]
    fn kinh_gui_only_where_the_kind_uses_it() {
        let mut d = good();
        d.kinh_gui = vec!["UBND huyện Mê Linh".into()];
        assert_eq!(
            codes(&check(&d, &CheckOptions::default())),
            vec!["kind.kinh_gui"]
        );
        d.kind = DocumentKind::BaoCao;
        d.noi_nhan.entries.insert(0, "Như trên;".into());
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.kind = DocumentKind::CongVan;
        d.so_hieu.unit = Some("VP".into());
        d.trich_yeu.0 = vec!["V/v công khai kết quả".into()];
        d.kinh_gui.clear();
        assert_eq!(
            codes(&check(&d, &CheckOptions::default())),
            vec!["kind.kinh_gui"]
        );
    }
}
