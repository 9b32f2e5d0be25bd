//! # vanban-core
//!
//! The document model of vanban, the Decree 30 (Nghị định 30/2020/NĐ-CP)
//! profile every renderer draws from, the date and số hiệu formats, text
//! normalisation and validation. No I/O and no rendering: the PDF and DOCX
//! back ends (`vanban-pdf`, `vanban-docx`) take a [`Document`] and a
//! [`Profile`] from here.
//!
//! ```
//! use vanban_core::{load, Profile};
//! let json = r#"{
//!   "kind": "thong-bao",
//!   "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
//!   "so_hieu": {"number": 5},
//!   "place": "Tiến Thắng", "date": "2025-03-06",
//!   "trich_yeu": "Về việc công khai kết quả",
//!   "body": [{"paragraph": "Nội dung thông báo./."}],
//!   "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"]}},
//!   "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}
//! }"#;
//! let doc = load::from_json(json).unwrap().document;
//! assert_eq!(doc.so_line(), "Số: 05/TB-UBND");
//! assert_eq!(doc.place_date_line(), "Tiến Thắng, ngày 06 tháng 3 năm 2025");
//! let profile = Profile::nd30();
//! assert_eq!(profile.text_width().mm().round(), 155.0);
//! ```

#![warn(missing_docs)]

pub mod assets;
pub mod build;
pub mod check;
pub mod date;
pub mod diag;
pub mod document;
pub mod kind;
pub mod limits;
pub mod load;
pub mod profile;
pub mod so_hieu;
pub mod text;
pub mod text_format;

pub use assets::{place_images, Assets, ImageBox, PngInfo};
pub use build::DocumentBuilder;
pub use diag::{Diagnostic, Lang, Msg, Severity};
pub use document::*;
pub use kind::{DocumentKind, Form};
pub use limits::Limits;
pub use profile::{Alignment, HalfPt, Profile, Role, Style, Tw};
pub use text::{Lines, Run, Text};

/// The JSON Schema of the input format.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document)).expect("schema serialises")
}
