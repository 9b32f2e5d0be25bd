//! Document kinds: the administrative document types of Phụ lục III of
//! Decree 30, plus the công văn (official letter), which has no type name.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! kinds {
    ($( $(#[$m:meta])* $var:ident = $key:literal, $abbr:expr, $name:expr, $vi:literal; )*) => {
        /// The kind (tên loại) of an administrative document.
        ///
        /// In JSON: the kebab-case name without diacritics, e.g. `"thong-bao"`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DocumentKind {
            $( $(#[$m])* #[serde(rename = $key)] $var, )*
        }

        impl DocumentKind {
            /// Every kind, in the order of Phụ lục III (công văn last).
            pub const ALL: &'static [DocumentKind] = &[$(DocumentKind::$var),*];

            /// The JSON key (`"thong-bao"`).
            pub fn key(self) -> &'static str {
                match self { $(DocumentKind::$var => $key,)* }
            }

            /// The abbreviation used in the ký hiệu, with its mixed case kept
            /// (`QyĐ`, `CTr`, `TTr`). `None` for the công văn, whose ký hiệu
            /// is body + drafting unit.
            pub fn abbreviation(self) -> Option<&'static str> {
                match self { $(DocumentKind::$var => $abbr,)* }
            }

            /// The type name printed in ô 5a, upper case (`THÔNG BÁO`).
            /// `None` for the công văn.
            pub fn type_name(self) -> Option<&'static str> {
                match self { $(DocumentKind::$var => $name,)* }
            }

            /// The name in normal case, for messages (`Thông báo`).
            pub fn name_vi(self) -> &'static str {
                match self { $(DocumentKind::$var => $vi,)* }
            }

            /// Looks a kind up by its key, its abbreviation or its Vietnamese name.
            pub fn find(s: &str) -> Option<DocumentKind> {
                let t = s.trim();
                Self::ALL.iter().copied().find(|k| {
                    k.key() == t
                        || k.abbreviation() == Some(t)
                        || k.name_vi().eq_ignore_ascii_case(t)
                        || k.name_vi().to_lowercase() == t.to_lowercase()
                })
            }
        }
    };
}

kinds! {
    NghiQuyet = "nghi-quyet", Some("NQ"), Some("NGHỊ QUYẾT"), "Nghị quyết";
    QuyetDinh = "quyet-dinh", Some("QĐ"), Some("QUYẾT ĐỊNH"), "Quyết định";
    ChiThi = "chi-thi", Some("CT"), Some("CHỈ THỊ"), "Chỉ thị";
    QuyChe = "quy-che", Some("QC"), Some("QUY CHẾ"), "Quy chế";
    QuyDinh = "quy-dinh", Some("QyĐ"), Some("QUY ĐỊNH"), "Quy định";
    ThongCao = "thong-cao", Some("TC"), Some("THÔNG CÁO"), "Thông cáo";
    ThongBao = "thong-bao", Some("TB"), Some("THÔNG BÁO"), "Thông báo";
    HuongDan = "huong-dan", Some("HD"), Some("HƯỚNG DẪN"), "Hướng dẫn";
    ChuongTrinh = "chuong-trinh", Some("CTr"), Some("CHƯƠNG TRÌNH"), "Chương trình";
    KeHoach = "ke-hoach", Some("KH"), Some("KẾ HOẠCH"), "Kế hoạch";
    PhuongAn = "phuong-an", Some("PA"), Some("PHƯƠNG ÁN"), "Phương án";
    DeAn = "de-an", Some("ĐA"), Some("ĐỀ ÁN"), "Đề án";
    DuAn = "du-an", Some("DA"), Some("DỰ ÁN"), "Dự án";
    BaoCao = "bao-cao", Some("BC"), Some("BÁO CÁO"), "Báo cáo";
    BienBan = "bien-ban", Some("BB"), Some("BIÊN BẢN"), "Biên bản";
    ToTrinh = "to-trinh", Some("TTr"), Some("TỜ TRÌNH"), "Tờ trình";
    HopDong = "hop-dong", Some("HĐ"), Some("HỢP ĐỒNG"), "Hợp đồng";
    CongDien = "cong-dien", Some("CĐ"), Some("CÔNG ĐIỆN"), "Công điện";
    BanGhiNho = "ban-ghi-nho", Some("BGN"), Some("BẢN GHI NHỚ"), "Bản ghi nhớ";
    BanThoaThuan = "ban-thoa-thuan", Some("BTT"), Some("BẢN THỎA THUẬN"), "Bản thỏa thuận";
    GiayUyQuyen = "giay-uy-quyen", Some("GUQ"), Some("GIẤY ỦY QUYỀN"), "Giấy ủy quyền";
    GiayMoi = "giay-moi", Some("GM"), Some("GIẤY MỜI"), "Giấy mời";
    GiayGioiThieu = "giay-gioi-thieu", Some("GGT"), Some("GIẤY GIỚI THIỆU"), "Giấy giới thiệu";
    GiayNghiPhep = "giay-nghi-phep", Some("GNP"), Some("GIẤY NGHỈ PHÉP"), "Giấy nghỉ phép";
    PhieuGui = "phieu-gui", Some("PG"), Some("PHIẾU GỬI"), "Phiếu gửi";
    PhieuChuyen = "phieu-chuyen", Some("PC"), Some("PHIẾU CHUYỂN"), "Phiếu chuyển";
    PhieuBao = "phieu-bao", Some("PB"), Some("PHIẾU BÁO"), "Phiếu báo";
    /// Công văn: no type name; ký hiệu = issuing body + drafting unit.
    CongVan = "cong-van", None, None, "Công văn";
}

impl DocumentKind {
    /// The kind's name in English, for the schema's descriptions and
    /// front ends' lists of forms.
    pub fn name_en(self) -> &'static str {
        use DocumentKind::*;
        match self {
            NghiQuyet => "resolution",
            QuyetDinh => "decision",
            ChiThi => "directive",
            QuyChe => "regulation (quy chế)",
            QuyDinh => "regulation (quy định)",
            ThongCao => "communiqué",
            ThongBao => "notice",
            HuongDan => "guideline",
            ChuongTrinh => "programme",
            KeHoach => "plan",
            PhuongAn => "scheme (phương án)",
            DeAn => "project proposal (đề án)",
            DuAn => "project (dự án)",
            BaoCao => "report",
            BienBan => "minutes",
            ToTrinh => "submission",
            HopDong => "contract",
            CongDien => "telegram",
            BanGhiNho => "memorandum of understanding",
            BanThoaThuan => "agreement",
            GiayUyQuyen => "letter of authorisation",
            GiayMoi => "invitation",
            GiayGioiThieu => "letter of introduction",
            GiayNghiPhep => "leave permit",
            PhieuGui => "dispatch slip",
            PhieuChuyen => "transfer slip",
            PhieuBao => "notification slip",
            CongVan => "official letter",
        }
    }

    /// The model (Mẫu) a document of the kind follows, as `vanban new
    /// --list` and the schema name it: `1.4`; a Quyết định `1.2` or `1.3`
    /// (when it issues another document); the kinds Phụ lục III gives no
    /// model are drawn in the 1.4 frame.
    pub fn mau_vi(self) -> String {
        match self {
            DocumentKind::QuyetDinh => "Mẫu 1.2; 1.3 khi ban hành văn bản khác".into(),
            DocumentKind::HopDong | DocumentKind::BanGhiNho | DocumentKind::BanThoaThuan => {
                "không có mẫu riêng: khung Mẫu 1.4".into()
            }
            k => format!("Mẫu {}", k.form().mau()),
        }
    }

    fn mau_en(self) -> String {
        match self {
            DocumentKind::QuyetDinh => "model 1.2; 1.3 when it issues another document".into(),
            DocumentKind::HopDong | DocumentKind::BanGhiNho | DocumentKind::BanThoaThuan => {
                "no model of its own: the 1.4 frame".into()
            }
            k => format!("model {}", k.form().mau()),
        }
    }
}

/// Each kind as a `const` with its name, type code and Mẫu, so that editors
/// offer `thong-bao — Thông báo (TB, Mẫu 1.4)` rather than a bare key.
impl JsonSchema for DocumentKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocumentKind".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one_of: Vec<serde_json::Value> = DocumentKind::ALL
            .iter()
            .map(|k| {
                let code = k.abbreviation().unwrap_or("không có chữ viết tắt");
                let code_en = k.abbreviation().unwrap_or("no abbreviation");
                let vi = format!("{} — {} ({code}, {})", k.key(), k.name_vi(), k.mau_vi());
                let en = format!("{} — {} ({code_en}, {})", k.key(), k.name_en(), k.mau_en());
                serde_json::json!({
                    "const": k.key(),
                    "title": k.name_vi(),
                    "description": format!("{vi}\n\n{en}"),
                    "x-description-vi": vi,
                    "x-description-en": en,
                })
            })
            .collect();
        let vi = "Loại văn bản (tên loại) của Phụ lục III, và công văn (không có tên loại).";
        let en = "The document kind (tên loại) of Phụ lục III, and the công văn (which has no type name).";
        schemars::json_schema!({
            "type": "string",
            "description": format!("{vi}\n\n{en}"),
            "x-description-vi": vi,
            "x-description-en": en,
            "oneOf": one_of,
        })
    }
}

/// The model layouts (Mẫu) of Phụ lục III that main documents follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Mẫu 1.1 Nghị quyết (cá biệt).
    NghiQuyet,
    /// Mẫu 1.2 Quyết định (cá biệt) quy định trực tiếp.
    QuyetDinh,
    /// Mẫu 1.3 Quyết định (cá biệt) that issues or approves a document.
    QuyetDinhBanHanh,
    /// Mẫu 1.4 Văn bản có tên loại.
    CoTenLoai,
    /// Mẫu 1.5 Công văn.
    CongVan,
    /// Mẫu 1.6 Công điện.
    CongDien,
    /// Mẫu 1.7 Giấy mời.
    GiayMoi,
    /// Mẫu 1.8 Giấy giới thiệu.
    GiayGioiThieu,
    /// Mẫu 1.9 Biên bản.
    BienBan,
    /// Mẫu 1.10 Giấy nghỉ phép.
    GiayNghiPhep,
}

impl Form {
    /// Every form, in the order of Phụ lục III.
    pub const ALL: &'static [Form] = &[
        Form::NghiQuyet,
        Form::QuyetDinh,
        Form::QuyetDinhBanHanh,
        Form::CoTenLoai,
        Form::CongVan,
        Form::CongDien,
        Form::GiayMoi,
        Form::GiayGioiThieu,
        Form::BienBan,
        Form::GiayNghiPhep,
    ];

    /// The model's number in Phụ lục III (`1.4`).
    pub fn mau(self) -> &'static str {
        match self {
            Form::NghiQuyet => "1.1",
            Form::QuyetDinh => "1.2",
            Form::QuyetDinhBanHanh => "1.3",
            Form::CoTenLoai => "1.4",
            Form::CongVan => "1.5",
            Form::CongDien => "1.6",
            Form::GiayMoi => "1.7",
            Form::GiayGioiThieu => "1.8",
            Form::BienBan => "1.9",
            Form::GiayNghiPhep => "1.10",
        }
    }

    /// Whether the form prints a trích yếu (Giấy giới thiệu and Giấy nghỉ
    /// phép have only their type name).
    pub fn has_trich_yeu(self) -> bool {
        !matches!(self, Form::GiayGioiThieu | Form::GiayNghiPhep)
    }
}

impl DocumentKind {
    /// The form a document of this kind follows. A Quyết định that issues
    /// another document follows Mẫu 1.3, which [`crate::Document::form`]
    /// tells from the document itself.
    pub fn form(self) -> Form {
        use DocumentKind::*;
        match self {
            NghiQuyet => Form::NghiQuyet,
            QuyetDinh => Form::QuyetDinh,
            CongVan => Form::CongVan,
            CongDien => Form::CongDien,
            GiayMoi => Form::GiayMoi,
            GiayGioiThieu => Form::GiayGioiThieu,
            BienBan => Form::BienBan,
            GiayNghiPhep => Form::GiayNghiPhep,
            _ => Form::CoTenLoai,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind is a `const` of the schema with its name, code and Mẫu.
    #[test]
    fn the_schema_names_every_kind() {
        let s = schemars::schema_for!(DocumentKind);
        let one_of = s.as_value()["oneOf"].as_array().unwrap().clone();
        assert_eq!(one_of.len(), DocumentKind::ALL.len());
        for (k, entry) in DocumentKind::ALL.iter().zip(&one_of) {
            assert_eq!(entry["const"], serde_json::json!(k.key()));
            assert_eq!(entry["title"], serde_json::json!(k.name_vi()));
            let vi = entry["x-description-vi"].as_str().unwrap();
            assert!(
                vi.starts_with(&format!("{} — {}", k.key(), k.name_vi())),
                "{vi}"
            );
            if let Some(a) = k.abbreviation() {
                assert!(vi.contains(&format!("({a}, ")), "{vi}");
            }
        }
        let tb = one_of.iter().find(|e| e["const"] == "thong-bao").unwrap();
        assert_eq!(
            tb["x-description-vi"],
            "thong-bao — Thông báo (TB, Mẫu 1.4)"
        );
        let gnp = one_of
            .iter()
            .find(|e| e["const"] == "giay-nghi-phep")
            .unwrap();
        assert!(gnp["x-description-en"]
            .as_str()
            .unwrap()
            .contains("model 1.10"));
    }

    #[test]
    fn abbreviations_keep_mixed_case() {
        assert_eq!(DocumentKind::QuyDinh.abbreviation(), Some("QyĐ"));
        assert_eq!(DocumentKind::ChuongTrinh.abbreviation(), Some("CTr"));
        assert_eq!(DocumentKind::ToTrinh.abbreviation(), Some("TTr"));
        assert_eq!(DocumentKind::ThongBao.abbreviation(), Some("TB"));
        assert_eq!(DocumentKind::CongVan.abbreviation(), None);
        assert_eq!(DocumentKind::ALL.len(), 28);
    }

    #[test]
    fn keys_are_unique_and_round_trip() {
        for k in DocumentKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            let back: DocumentKind = serde_json::from_str(&json).unwrap();
            assert_eq!(*k, back);
            assert_eq!(DocumentKind::find(k.key()), Some(*k));
        }
        assert_eq!(
            DocumentKind::find("Thông báo"),
            Some(DocumentKind::ThongBao)
        );
        assert_eq!(DocumentKind::find("TB"), Some(DocumentKind::ThongBao));
    }
}
