//! Địa danh (ô 4), spec §3.4 and §3.11.

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;

/// Generic words of administrative units, longest first so that `thị xã`
/// is not read as `thị` + `xã`.
const GENERIC: &[&str] = &[
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
];

/// Official names that keep the generic word (spec §3.4, §3.11).
const SPECIAL: &[&str] = &["Thành phố Hồ Chí Minh", "Thủ đô Hà Nội"];

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    generic_word(&doc.place, out);
    punctuation(&doc.place, out);
}

/// `place.generic_word` (warning): the place is written without the unit's
/// generic word (`Tiến Thắng`, not `xã Tiến Thắng`), except for the special
/// names and units named with a number (`Quận 1`). Units named after a
/// person or an event also keep it, which cannot be told from the text:
/// hence a warning, not an error.
fn generic_word(place: &str, out: &mut Vec<Diagnostic>) {
    let p = place.trim();
    if SPECIAL
        .iter()
        .any(|s| p.eq_ignore_ascii_case(s) || p.to_lowercase() == s.to_lowercase())
    {
        return;
    }
    let lower = p.to_lowercase();
    for g in GENERIC {
        let Some(rest) = lower.strip_prefix(g) else {
            continue;
        };
        if !rest.starts_with(' ') {
            continue;
        }
        // The name is cut from the original by characters, to keep its case.
        let name = p
            .char_indices()
            .nth(g.chars().count())
            .map_or("", |(i, _)| &p[i..])
            .trim();
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return;
        }
        out.push(
            diag(
                Severity::Warning,
                "place.generic_word",
                "place",
                format!("địa danh ghi tên đơn vị hành chính, không kèm chữ \"{g}\": `{name}`, không phải `{p}`"),
                format!("the place is the unit's name without the generic word \"{g}\": `{name}`, not `{p}`"),
            )
            .with_fix(fix(
                format!("ghi \"place\": \"{name}\" (trừ khi tên đơn vị đặt theo tên người hoặc sự kiện lịch sử)"),
                format!("write \"place\": \"{name}\" (unless the unit is named after a person or a historical event)"),
            )),
        );
        return;
    }
}

/// `place.punctuation` (warning): the renderer writes the comma and the
/// date after the place itself.
fn punctuation(place: &str, out: &mut Vec<Diagnostic>) {
    let p = place.trim();
    let lower = p.to_lowercase();
    if let Some(i) = lower.find(", ngày").or_else(|| lower.find(" ngày ")) {
        let name = p[..i].trim_end_matches([',', ' ']);
        out.push(
            diag(
                Severity::Warning,
                "place.punctuation",
                "place",
                format!("\"place\" chỉ ghi địa danh; ngày tháng ghi ở \"date\" (đang có `{p}`)"),
                format!(
                    "\"place\" holds the place name only; the date goes in \"date\" (found `{p}`)"
                ),
            )
            .with_fix(fix(
                format!("ghi \"place\": \"{name}\""),
                format!("write \"place\": \"{name}\""),
            )),
        );
    } else if p.ends_with([',', '.', ';', ':']) {
        let name = p.trim_end_matches([',', '.', ';', ':', ' ']);
        out.push(
            diag(
                Severity::Warning,
                "place.punctuation",
                "place",
                "địa danh không kèm dấu câu; dấu phẩy sau địa danh do chương trình thêm",
                "the place has no punctuation; the comma after it is added by the renderer",
            )
            .with_fix(fix(
                format!("ghi \"place\": \"{name}\""),
                format!("write \"place\": \"{name}\""),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};

    fn place_codes(place: &str) -> Vec<&'static str> {
        let mut d = good();
        d.place = place.into();
        codes(&check(&d, &CheckOptions::default()))
    }

    #[test]
    fn generic_word_is_dropped_except_special_cases() {
        for ok in [
            "Tiến Thắng",
            "Hà Nội",
            "Thành phố Hồ Chí Minh",
            "Thủ đô Hà Nội",
            "Quận 1",
            "Phường 5",
            "Xãhội",
        ] {
            assert!(place_codes(ok).is_empty(), "{ok}");
        }
        for bad in [
            "xã Tiến Thắng",
            "Xã Tiến Thắng",
            "thị xã Sơn Tây",
            "thành phố Hà Nội",
            "Tỉnh Sóc Trăng",
        ] {
            assert_eq!(place_codes(bad), vec!["place.generic_word"], "{bad}");
        }
        let mut d = good();
        d.place = "thị xã Sơn Tây".into();
        let ds = check(&d, &CheckOptions::default());
        assert!(
            ds[0].fix.as_ref().unwrap().en.contains("\"Sơn Tây\""),
            "{:?}",
            ds[0].fix
        );
    }

    #[test]
    fn place_without_punctuation_or_date() {
        assert_eq!(place_codes("Tiến Thắng,"), vec!["place.punctuation"]);
        assert_eq!(
            place_codes("Tiến Thắng, ngày 06 tháng 3"),
            vec!["place.punctuation"]
        );
    }
}
