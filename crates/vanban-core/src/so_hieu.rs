//! Số, ký hiệu (ô 3): the document's number in the year and its code.
//!
//! *Số* is the sequence number the văn thư assigns after signing (blank in a
//! draft); *ký hiệu* is the code after the slash: type abbreviation + `-` +
//! issuing-body abbreviation (`TB-UBND`), or for a công văn body + drafting
//! unit (`UBND-VP`).

use crate::kind::DocumentKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Blank left for the number in a draft: `Số:      /TB-UBND`.
pub const NUMBER_BLANK: &str = "     ";

/// Số, ký hiệu (ô 3): the number in the year and the code after the slash.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Số, ký hiệu văn bản (ô 3)."))]
pub struct SoHieu {
    /// The number in the year (1, 2, … 123); leave out in a draft. Printed
    /// with a leading zero below 10 (`05`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Số văn bản trong năm (1, 2, … 123); bỏ trống ở dự thảo. Số nhỏ hơn 10 được in kèm số 0 (`05`)."))]
    pub number: Option<u32>,
    /// The code after the slash, when it must differ from the one derived
    /// from the kind and the issuing body's abbreviation (`TB-UBND`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Ký hiệu sau dấu `/`, chỉ ghi khi phải khác ký hiệu tự lập từ loại văn bản và chữ viết tắt của cơ quan (`TB-UBND`)."))]
    pub ky_hieu: Option<String>,
    /// Công văn only: the abbreviation of the drafting unit or field (`VP`),
    /// giving the code `UBND-VP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Chỉ với công văn: chữ viết tắt của đơn vị soạn thảo hoặc lĩnh vực (`VP`), cho ký hiệu `UBND-VP`."))]
    pub unit: Option<String>,
}

impl SoHieu {
    /// The ký hiệu: the explicit one if given, otherwise derived.
    ///
    /// ```
    /// use vanban_core::{kind::DocumentKind, so_hieu::SoHieu};
    /// let s = SoHieu::default();
    /// assert_eq!(s.ky_hieu(DocumentKind::ThongBao, "UBND"), "TB-UBND");
    /// assert_eq!(s.ky_hieu(DocumentKind::QuyDinh, "UBND"), "QyĐ-UBND");
    /// ```
    pub fn ky_hieu(&self, kind: DocumentKind, body_abbreviation: &str) -> String {
        if let Some(k) = &self.ky_hieu {
            return k.clone();
        }
        match kind.abbreviation() {
            Some(a) => format!("{a}-{body_abbreviation}"),
            None => match &self.unit {
                Some(u) => format!("{body_abbreviation}-{u}"),
                None => body_abbreviation.to_string(),
            },
        }
    }

    /// The number as printed: `05`, `123`, or the blank of a draft.
    pub fn number_text(&self) -> String {
        match self.number {
            Some(n) => format_number(n),
            None => NUMBER_BLANK.to_string(),
        }
    }

    /// The whole ô 3 line: `Số: 05/TB-UBND`, draft `Số:      /TB-UBND`.
    pub fn line(&self, kind: DocumentKind, body_abbreviation: &str) -> String {
        format!(
            "Số: {}/{}",
            self.number_text(),
            self.ky_hieu(kind, body_abbreviation)
        )
    }
}

/// Numbers below 10 get a leading zero; others are written as they are.
pub fn format_number(n: u32) -> String {
    format!("{n:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_table() {
        for (n, want) in [
            (1, "01"),
            (5, "05"),
            (7, "07"),
            (9, "09"),
            (10, "10"),
            (123, "123"),
        ] {
            assert_eq!(format_number(n), want);
        }
    }

    #[test]
    fn lines() {
        let mut s = SoHieu::default();
        assert_eq!(s.line(DocumentKind::ThongBao, "UBND"), "Số:      /TB-UBND");
        s.number = Some(5);
        assert_eq!(s.line(DocumentKind::ThongBao, "UBND"), "Số: 05/TB-UBND");
        s.number = Some(123);
        assert_eq!(s.line(DocumentKind::ThongBao, "UBND"), "Số: 123/TB-UBND");
        let cv = SoHieu {
            number: Some(12),
            unit: Some("VX".into()),
            ..Default::default()
        };
        assert_eq!(cv.line(DocumentKind::CongVan, "UBND"), "Số: 12/UBND-VX");
        let explicit = SoHieu {
            number: Some(15),
            ky_hieu: Some("QĐ-BNV".into()),
            ..Default::default()
        };
        assert_eq!(
            explicit.line(DocumentKind::QuyetDinh, "UBND"),
            "Số: 15/QĐ-BNV"
        );
    }
}
