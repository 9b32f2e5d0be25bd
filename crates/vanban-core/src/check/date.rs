//! Thời gian ban hành (ô 4), spec §3.4 and Điều 15.

use super::{diag, fix, CheckOptions};
use crate::date::{DateProblem, IssueDate};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use chrono::{Datelike, Months, NaiveDate};

pub(super) fn check(doc: &Document, opts: &CheckOptions, out: &mut Vec<Diagnostic>) {
    match &doc.date {
        Some(d) => {
            if exists(d, out) {
                if let Some(today) = opts.today {
                    future(d, today, out);
                }
                draft(doc, Some(d), out);
            }
        }
        // A Biên bản's model has no date line: the time is in its body.
        None if doc.form() == crate::kind::Form::BienBan => {}
        None => draft(doc, None, out),
    }
}

/// `date.exists` (error): the parts must form a real date (31/02 does not
/// exist). A year alone, or a year and month, is a deliberate blank.
fn exists(d: &IssueDate, out: &mut Vec<Diagnostic>) -> bool {
    let Some(p) = d.problem() else {
        return true;
    };
    let (vi, en) = match p {
        DateProblem::Year => (
            format!("năm {} không hợp lệ", d.year),
            format!("the year {} is not valid", d.year),
        ),
        DateProblem::Month => (
            format!(
                "tháng {} không tồn tại (chỉ có tháng 1 đến 12)",
                d.month.unwrap_or(0)
            ),
            format!(
                "month {} does not exist (months are 1 to 12)",
                d.month.unwrap_or(0)
            ),
        ),
        DateProblem::DayWithoutMonth => (
            "có ngày nhưng thiếu tháng".to_string(),
            "the day is given but the month is missing".to_string(),
        ),
        DateProblem::NoSuchDay(day) => {
            let m = d.month.unwrap_or(0);
            let last = days_in_month(d.year, m);
            (
                format!("ngày {day:02} tháng {m:02} năm {} không có thật (tháng {m} năm {} chỉ có {last} ngày)", d.year, d.year),
                format!("{}-{m:02}-{day:02} does not exist (month {m} of {} has {last} days)", d.year, d.year),
            )
        }
    };
    out.push(
        diag(Severity::Error, "date.exists", "date", vi, en).with_fix(fix(
            "sửa lại ngày ban hành; với dự thảo có thể chỉ ghi năm (\"date\": 2025)",
            "correct the date of issue; a draft may give the year alone (\"date\": 2025)",
        )),
    );
    false
}

fn days_in_month(y: i32, m: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(y, m, d).is_some())
        .unwrap_or(31)
}

/// `date.future` (warning): more than a year after today is almost always a
/// typing slip (2052 for 2025). Partial dates count from their first day.
fn future(d: &IssueDate, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(first) = NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
    else {
        return;
    };
    let Some(limit) = today.checked_add_months(Months::new(12)) else {
        return;
    };
    if first > limit {
        out.push(
            diag(
                Severity::Warning,
                "date.future",
                "date",
                format!("ngày ban hành (năm {}) muộn hơn hôm nay ({}) hơn một năm; có thể gõ nhầm", d.year, today.format("%d/%m/%Y")),
                format!("the date of issue (year {}) is more than a year after today ({today}); probably a typing slip", d.year),
            )
            .with_fix(fix(
                format!("kiểm tra lại năm (ví dụ {})", today.year()),
                format!("check the year (e.g. {})", today.year()),
            )),
        );
    }
}

/// `date.draft` (note): the văn thư dates the document when it is issued, so
/// a draft normally leaves day and month blank, and a final one does not.
fn draft(doc: &Document, d: Option<&IssueDate>, out: &mut Vec<Diagnostic>) {
    let complete = d.is_some_and(IssueDate::is_complete);
    if doc.draft && complete {
        out.push(
            diag(
                Severity::Note,
                "date.draft",
                "date",
                "bản dự thảo đã ghi đủ ngày tháng; ngày ban hành thường do văn thư ghi khi phát hành",
                "the draft has a complete date; the văn thư normally dates the document when it is issued",
            )
            .with_fix(fix(
                "để trống ngày tháng bằng cách chỉ ghi năm (\"date\": 2025), hoặc bỏ \"draft\"",
                "leave day and month blank by giving the year only (\"date\": 2025), or remove \"draft\"",
            )),
        );
    } else if !doc.draft && !complete {
        out.push(
            diag(
                Severity::Note,
                "date.draft",
                "date",
                "văn bản không phải dự thảo nhưng ngày ban hành còn để trống",
                "the document is not a draft but its date of issue is (partly) blank",
            )
            .with_fix(fix(
                "ghi đủ ngày: \"date\": \"2025-03-06\", hoặc đặt \"draft\": true",
                "give the full date: \"date\": \"2025-03-06\", or set \"draft\": true",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::date::IssueDate;
    use crate::Severity;
    use chrono::NaiveDate;

    #[test]
    fn a_day_that_does_not_exist_is_an_error_at_date() {
        let mut d = good();
        d.date = Some(IssueDate::full(2025, 2, 28));
        assert!(check(&d, &CheckOptions::default()).is_empty());
        for bad in [
            IssueDate::full(2025, 2, 31),
            IssueDate::full(2025, 2, 29),
            IssueDate::full(2025, 13, 1),
            IssueDate {
                year: 2025,
                month: None,
                day: Some(3),
            },
            IssueDate::year_only(20250),
        ] {
            d.date = Some(bad);
            let ds = check(&d, &CheckOptions::default());
            assert_eq!(codes(&ds), vec!["date.exists"], "{bad:?}");
            assert_eq!(ds[0].path, "date");
            assert!(ds[0].is_error());
        }
        d.date = Some(IssueDate::full(2025, 2, 31));
        let ds = check(&d, &CheckOptions::default());
        assert!(
            ds[0].message.vi.contains("chỉ có 28 ngày"),
            "{}",
            ds[0].message.vi
        );
        d.date = Some(IssueDate::full(2024, 2, 29));
        assert!(check(&d, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn far_future_is_a_warning_only_when_today_is_known() {
        let mut d = good();
        let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let opts = CheckOptions {
            today: Some(today),
            ..Default::default()
        };
        d.date = Some(IssueDate::full(2026, 2, 28));
        assert!(check(&d, &opts).is_empty());
        d.date = Some(IssueDate::full(2052, 3, 6));
        let ds = check(&d, &opts);
        assert_eq!(codes(&ds), vec!["date.future"]);
        assert_eq!(ds[0].severity, Severity::Warning);
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.draft = true;
        d.date = Some(IssueDate::year_only(2027));
        assert_eq!(
            codes(&check(&d, &opts)),
            vec!["date.future", "so_hieu.number_draft"]
        );
    }

    /// A Biên bản's model has no date line (its times are in the body): a
    /// final one without a date is no slip.
    #[test]
    fn a_bien_ban_needs_no_date() {
        let mut d = good();
        d.kind = crate::kind::DocumentKind::BienBan;
        d.place.clear();
        d.date = None;
        let ds = check(&d, &CheckOptions::default());
        assert!(!codes(&ds).contains(&"date.draft"), "{ds:#?}");
        d.kind = crate::kind::DocumentKind::ThongBao;
        let ds = check(&d, &CheckOptions::default());
        assert!(codes(&ds).contains(&"date.draft"), "{ds:#?}");
    }

    #[test]
    fn draft_and_final_dates_are_notes() {
        let mut d = good();
        d.draft = true;
        d.so_hieu.number = None;
        let ds = check(&d, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["date.draft"]);
        assert_eq!(ds[0].severity, Severity::Note);
        d.date = Some(IssueDate::year_only(2025));
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.date = None;
        assert!(check(&d, &CheckOptions::default()).is_empty());
        d.draft = false;
        d.so_hieu.number = Some(5);
        assert_eq!(
            codes(&check(&d, &CheckOptions::default())),
            vec!["date.draft"]
        );
    }
}
