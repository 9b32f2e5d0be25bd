//! Every kind's starter document: a realistic document of its form with
//! placeholder names, ready to edit and render (`vanban new KIND`, the
//! WebAssembly module's `starter`).
//!
//! The starters are JSON files (`starters/*.json`), given as written so
//! that a văn thư sees the layout a person would type, with `$schema`
//! added for editors. The tests render every one and check it against
//! Decree 30 with no warning.

use vanban_core::document::SCHEMA_ID;
use vanban_core::DocumentKind;

/// Every kind's starter, in the order of [`DocumentKind::ALL`].
const STARTERS: &[(DocumentKind, &str)] = &[
    (
        DocumentKind::NghiQuyet,
        include_str!("../starters/nghi-quyet.json"),
    ),
    (
        DocumentKind::QuyetDinh,
        include_str!("../starters/quyet-dinh.json"),
    ),
    (
        DocumentKind::ChiThi,
        include_str!("../starters/chi-thi.json"),
    ),
    (
        DocumentKind::QuyChe,
        include_str!("../starters/quy-che.json"),
    ),
    (
        DocumentKind::QuyDinh,
        include_str!("../starters/quy-dinh.json"),
    ),
    (
        DocumentKind::ThongCao,
        include_str!("../starters/thong-cao.json"),
    ),
    (
        DocumentKind::ThongBao,
        include_str!("../starters/thong-bao.json"),
    ),
    (
        DocumentKind::HuongDan,
        include_str!("../starters/huong-dan.json"),
    ),
    (
        DocumentKind::ChuongTrinh,
        include_str!("../starters/chuong-trinh.json"),
    ),
    (
        DocumentKind::KeHoach,
        include_str!("../starters/ke-hoach.json"),
    ),
    (
        DocumentKind::PhuongAn,
        include_str!("../starters/phuong-an.json"),
    ),
    (DocumentKind::DeAn, include_str!("../starters/de-an.json")),
    (DocumentKind::DuAn, include_str!("../starters/du-an.json")),
    (
        DocumentKind::BaoCao,
        include_str!("../starters/bao-cao.json"),
    ),
    (
        DocumentKind::BienBan,
        include_str!("../starters/bien-ban.json"),
    ),
    (
        DocumentKind::ToTrinh,
        include_str!("../starters/to-trinh.json"),
    ),
    (
        DocumentKind::HopDong,
        include_str!("../starters/hop-dong.json"),
    ),
    (
        DocumentKind::CongDien,
        include_str!("../starters/cong-dien.json"),
    ),
    (
        DocumentKind::BanGhiNho,
        include_str!("../starters/ban-ghi-nho.json"),
    ),
    (
        DocumentKind::BanThoaThuan,
        include_str!("../starters/ban-thoa-thuan.json"),
    ),
    (
        DocumentKind::GiayUyQuyen,
        include_str!("../starters/giay-uy-quyen.json"),
    ),
    (
        DocumentKind::GiayMoi,
        include_str!("../starters/giay-moi.json"),
    ),
    (
        DocumentKind::GiayGioiThieu,
        include_str!("../starters/giay-gioi-thieu.json"),
    ),
    (
        DocumentKind::GiayNghiPhep,
        include_str!("../starters/giay-nghi-phep.json"),
    ),
    (
        DocumentKind::PhieuGui,
        include_str!("../starters/phieu-gui.json"),
    ),
    (
        DocumentKind::PhieuChuyen,
        include_str!("../starters/phieu-chuyen.json"),
    ),
    (
        DocumentKind::PhieuBao,
        include_str!("../starters/phieu-bao.json"),
    ),
    (
        DocumentKind::CongVan,
        include_str!("../starters/cong-van.json"),
    ),
];

/// The starter of a kind as printed: the file with `$schema` first.
pub fn starter_json(kind: DocumentKind) -> String {
    let text = STARTERS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, t)| *t)
        .expect("every kind has a starter (tested)");
    // The files open with `{` and a newline (tested), so the key goes first
    // and the author's layout stays as it is.
    let rest = text.strip_prefix("{\n").unwrap_or(text);
    format!("{{\n  \"$schema\": \"{SCHEMA_ID}\",\n{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_starter_of_its_own() {
        assert_eq!(STARTERS.len(), DocumentKind::ALL.len());
        for (i, k) in DocumentKind::ALL.iter().enumerate() {
            assert_eq!(STARTERS[i].0, *k, "starters in the order of ALL");
            let text = STARTERS[i].1;
            assert!(text.starts_with("{\n"), "{}", k.key());
            let d = crate::load_json(&starter_json(*k)).unwrap().document;
            assert_eq!(d.kind, *k, "{}: the file's kind", k.key());
            assert_eq!(d.schema.as_deref(), Some(SCHEMA_ID));
        }
    }
}
