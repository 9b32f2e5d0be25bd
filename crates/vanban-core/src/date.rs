//! The date of issue (thời gian ban hành, ô 4) and its Decree 30 format.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What a blank day, month or year is printed as in a draft: visible space
/// the văn thư fills in by hand after signing. With the spaces around it,
/// a blank part leaves five spaces between the words, as the models show
/// (`ngày     tháng     năm 2025`).
pub const BLANK: &str = "   ";

/// A date of issue that may be complete or partly blank (a draft).
///
/// JSON: `"2025-03-06"`, `"2025"` or `2025` (year only), or an object
/// `{"year": 2025, "month": 3, "day": 6}` where month and day may be left out.
/// The parts are kept as typed; [`IssueDate::to_naive`] says whether they
/// form a real calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DateParts {
    year: i32,
    #[serde(default)]
    month: Option<u32>,
    #[serde(default)]
    day: Option<u32>,
}

/// The date of issue (ô 4), complete or with the day and month (or all
/// three parts) left blank in a draft, to be filled in by hand after signing.
///
/// In JSON: `"2025-03-06"`, `2025`, or `{"year": 2025, "month": 3}`; printed
/// as `ngày 06 tháng 3 năm 2025` ([`format_ngay_thang_nam`]: days below 10
/// and months 1 and 2 zero-padded, as Decree 30 writes them).
///
/// ```
/// use vanban_core::date::IssueDate;
/// assert!(IssueDate::full(2025, 3, 6).is_complete());
/// assert!(!IssueDate::year_only(2025).is_complete());
/// assert!(IssueDate::full(2025, 2, 29).problem().is_some()); // not a leap year
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IssueDate {
    /// The year, e.g. 2025 (1900–9999 is printable).
    pub year: i32,
    /// The month, 1–12; `None` leaves it blank.
    pub month: Option<u32>,
    /// The day of the month; `None` leaves it blank.
    pub day: Option<u32>,
}

impl IssueDate {
    /// A complete date (`IssueDate::full(2025, 3, 6)`); not checked, see [`IssueDate::problem`].
    pub fn full(year: i32, month: u32, day: u32) -> Self {
        IssueDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    /// A year with day and month left blank for the văn thư: `ngày     tháng     năm 2025`.
    pub fn year_only(year: i32) -> Self {
        IssueDate {
            year,
            month: None,
            day: None,
        }
    }
    /// Whether day and month are both given (the date may still not exist).
    pub fn is_complete(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }
    /// The calendar date, when all parts are given and the date exists.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
    /// Why the parts do not form a date, if they don't (`None` when valid
    /// or deliberately partial).
    pub fn problem(&self) -> Option<DateProblem> {
        if !(1900..=9999).contains(&self.year) {
            return Some(DateProblem::Year);
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Some(DateProblem::Month);
            }
        }
        match (self.month, self.day) {
            (None, Some(_)) => Some(DateProblem::DayWithoutMonth),
            (Some(_), Some(d)) if self.to_naive().is_none() => Some(DateProblem::NoSuchDay(d)),
            _ => None,
        }
    }
}

/// A date whose parts cannot be printed as a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The year is outside 1900–9999.
    Year,
    /// The month is not 1–12.
    Month,
    /// A day is given without a month.
    DayWithoutMonth,
    /// The month has no such day (31 April, 29 February of a common year).
    NoSuchDay(u32),
}

impl From<NaiveDate> for IssueDate {
    fn from(d: NaiveDate) -> Self {
        IssueDate::full(d.year(), d.month(), d.day())
    }
}

/// `ngày DD tháng M năm YYYY` per Decree 30: day zero-padded to two digits,
/// months 1 and 2 zero-padded, months 3–12 not; missing parts left blank.
///
/// ```
/// use vanban_core::date::{format_ngay_thang_nam, IssueDate};
/// assert_eq!(format_ngay_thang_nam(Some(&IssueDate::full(2025, 2, 5))), "ngày 05 tháng 02 năm 2025");
/// assert_eq!(format_ngay_thang_nam(Some(&IssueDate::full(2025, 3, 15))), "ngày 15 tháng 3 năm 2025");
/// assert_eq!(format_ngay_thang_nam(Some(&IssueDate::year_only(2025))), "ngày     tháng     năm 2025");
/// ```
pub fn format_ngay_thang_nam(date: Option<&IssueDate>) -> String {
    let (day, month, year) = match date {
        None => (None, None, None),
        Some(d) => (d.day, d.month, Some(d.year)),
    };
    let dd = day.map_or_else(|| BLANK.to_string(), |d| format!("{d:02}"));
    let mm = month.map_or_else(
        || BLANK.to_string(),
        |m| {
            if m <= 2 {
                format!("{m:02}")
            } else {
                m.to_string()
            }
        },
    );
    let yy = year.map_or_else(|| BLANK.to_string(), |y| y.to_string());
    format!("ngày {dd} tháng {mm} năm {yy}")
}

/// The whole ô 4 line: `Tiến Thắng, ngày 06 tháng 3 năm 2025`.
pub fn format_place_date(place: &str, date: Option<&IssueDate>) -> String {
    format!("{place}, {}", format_ngay_thang_nam(date))
}

impl Serialize for IssueDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.month, self.day) {
            (Some(m), Some(d)) if self.to_naive().is_some() => {
                s.serialize_str(&format!("{:04}-{:02}-{:02}", self.year, m, d))
            }
            (None, None) => s.serialize_i32(self.year),
            _ => {
                use serde::ser::SerializeStruct;
                let mut st = s.serialize_struct("IssueDate", 3)?;
                st.serialize_field("year", &self.year)?;
                st.serialize_field("month", &self.month)?;
                st.serialize_field("day", &self.day)?;
                st.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for IssueDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IssueDate, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IssueDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date: \"YYYY-MM-DD\", a year (2025), or {\"year\": 2025, \"month\": 3, \"day\": 6}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IssueDate, E> {
                i32::try_from(v)
                    .map(IssueDate::year_only)
                    .map_err(|_| E::custom(format!("year {v} is out of range")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IssueDate, E> {
                i32::try_from(v)
                    .map(IssueDate::year_only)
                    .map_err(|_| E::custom(format!("year {v} is out of range")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IssueDate, E> {
                parse_date_str(v).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" is not a date; write \"YYYY-MM-DD\" (e.g. \"2025-03-06\") or a year (\"2025\")"
                    ))
                })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<IssueDate, A::Error> {
                let p = DateParts::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(IssueDate {
                    year: p.year,
                    month: p.month,
                    day: p.day,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `YYYY-MM-DD` or `YYYY`. The parts are kept even if the day does not
/// exist, so that validation can say what is wrong instead of the parser.
fn parse_date_str(s: &str) -> Option<IssueDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            p.parse().ok()
        }
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => Some(IssueDate::year_only(num(y)? as i32)),
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            Some(IssueDate::full(num(y)? as i32, num(m)?, num(d)?))
        }
        _ => None,
    }
}

impl JsonSchema for IssueDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IssueDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut s = schemars::json_schema!({
            "description": "Date of issue: \"YYYY-MM-DD\", a year alone (a draft: day and month left blank), or {year, month?, day?}.",
            "x-description-vi": "Ngày ban hành: \"YYYY-MM-DD\", chỉ ghi năm (dự thảo: để trống ngày, tháng), hoặc {year, month?, day?}.",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"},
                {"type": "integer"},
                {"type": "object", "additionalProperties": false, "required": ["year"],
                 "properties": {
                    "year": {"type": "integer", "description": "The year.", "x-description-vi": "Năm."},
                    "month": {"type": "integer", "minimum": 1, "maximum": 12, "description": "The month, 1–12; left out: blank.", "x-description-vi": "Tháng, 1–12; bỏ trống thì để trống."},
                    "day": {"type": "integer", "minimum": 1, "maximum": 31, "description": "The day, 1–31; left out: blank.", "x-description-vi": "Ngày, 1–31; bỏ trống thì để trống."}
                 }}
            ],
            "examples": ["2025-03-06", 2025]
        });
        crate::document::bilingual(&mut s);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decree_30_date_format_table() {
        let cases: &[(Option<IssueDate>, &str)] = &[
            (
                Some(IssueDate::full(2025, 2, 5)),
                "ngày 05 tháng 02 năm 2025",
            ),
            (
                Some(IssueDate::full(2020, 1, 5)),
                "ngày 05 tháng 01 năm 2020",
            ),
            (
                Some(IssueDate::full(2025, 3, 15)),
                "ngày 15 tháng 3 năm 2025",
            ),
            (
                Some(IssueDate::full(2019, 6, 29)),
                "ngày 29 tháng 6 năm 2019",
            ),
            (
                Some(IssueDate::full(2025, 12, 31)),
                "ngày 31 tháng 12 năm 2025",
            ),
            (
                Some(IssueDate::full(2025, 12, 6)),
                "ngày 06 tháng 12 năm 2025",
            ),
            (
                Some(IssueDate::year_only(2025)),
                "ngày     tháng     năm 2025",
            ),
            (None, "ngày     tháng     năm    "),
        ];
        for (d, want) in cases {
            assert_eq!(format_ngay_thang_nam(d.as_ref()), *want);
        }
        assert_eq!(
            format_place_date("Tiến Thắng", Some(&IssueDate::year_only(2025))),
            "Tiến Thắng, ngày     tháng     năm 2025"
        );
    }

    #[test]
    fn json_forms() {
        let d: IssueDate = serde_json::from_str("\"2025-03-06\"").unwrap();
        assert_eq!(d, IssueDate::full(2025, 3, 6));
        let d: IssueDate = serde_json::from_str("2025").unwrap();
        assert_eq!(d, IssueDate::year_only(2025));
        let d: IssueDate = serde_json::from_str("\"2025\"").unwrap();
        assert_eq!(d, IssueDate::year_only(2025));
        let d: IssueDate = serde_json::from_str(r#"{"year":2025,"month":2,"day":31}"#).unwrap();
        assert_eq!(d.problem(), Some(DateProblem::NoSuchDay(31)));
        let d: IssueDate = serde_json::from_str("\"2025-02-31\"").unwrap();
        assert_eq!(d.problem(), Some(DateProblem::NoSuchDay(31)));
        assert!(serde_json::from_str::<IssueDate>("\"6/3/2025\"").is_err());
        assert!(serde_json::from_str::<IssueDate>(r#"{"year":2025,"mon":2}"#).is_err());
        for d in [
            IssueDate::full(2025, 3, 6),
            IssueDate::year_only(2025),
            IssueDate::full(2025, 2, 31),
        ] {
            let s = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<IssueDate>(&s).unwrap(), d, "{s}");
        }
    }
}
