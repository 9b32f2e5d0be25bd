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

/// `kind.layout` (warning): kinds without their own model layout yet are
/// drawn with the Thông báo one (Mẫu 1.4), which may not be what the decree
/// shows for them.
fn layout(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.kind.has_layout() {
        return;
    }
    out.push(
        diag(
            Severity::Warning,
            "kind.layout",
            "kind",
            format!("chương trình chưa có mẫu trình bày riêng cho {}; văn bản sẽ được trình bày theo mẫu Thông báo (Mẫu 1.4)", doc.kind.name_vi()),
            format!("there is no layout for a {} yet; it will be rendered with the Thông báo layout (Mẫu 1.4)", doc.kind.name_vi()),
        )
        .with_fix(fix(
            "kiểm tra kỹ bản in so với mẫu của Nghị định 30 cho loại văn bản này",
            "check the output against the Decree 30 model for this kind",
        )),
    );
}

/// `kind.kinh_gui` (warning): "Kính gửi" belongs to công văn, and to tờ
/// trình and báo cáo sent upward; a công văn without it lacks its addressees.
fn kinh_gui(doc: &Document, out: &mut Vec<Diagnostic>) {
    let uses = matches!(
        doc.kind,
        DocumentKind::CongVan | DocumentKind::ToTrinh | DocumentKind::BaoCao
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
    fn kinds_without_a_layout_are_warned() {
        let mut d = good();
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.kind = DocumentKind::KeHoach;
        d.so_hieu.ky_hieu = None;
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
        assert_eq!(
            codes(&check(&d, &CheckOptions::default())),
            vec!["kind.layout"]
        );
        d.kind = DocumentKind::CongVan;
        d.so_hieu.unit = Some("VP".into());
        d.kinh_gui.clear();
        assert_eq!(
            codes(&check(&d, &CheckOptions::default())),
            vec!["kind.layout", "kind.kinh_gui"]
        );
    }
}
