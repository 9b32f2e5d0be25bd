//! Small text matchers: the fixed strings of the header, type names,
//! the `Số:` line, the place-and-date line, authority prefixes.

use unicode_normalization::UnicodeNormalization;
use vanban_core::DocumentKind;

/// A comparison key: NFC, upper case, tone marks moved to one place
/// (`HOÀ` = `HÒA`, `UỶ` = `ỦY`), every run of non-letters one space.
pub fn key(s: &str) -> String {
    let up: String = s.nfc().collect::<String>().to_uppercase();
    let mut out = String::new();
    let mut space = true;
    for c in up.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let out = out.trim_end().to_string();
    // Old and new tone placement give the same key.
    out.replace("HOÀ", "HÒA")
        .replace("HOÁ", "HÓA")
        .replace("HOẢ", "HỎA")
        .replace("HOÃ", "HÕA")
        .replace("HOẠ", "HỌA")
        .replace("UỶ", "ỦY")
        .replace("UÝ", "ÚY")
        .replace("THOẢ", "THỎA")
}

pub(crate) const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub(crate) const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

pub(crate) fn is_quoc_hieu(s: &str) -> bool {
    key(s) == key(QUOC_HIEU)
}

pub(crate) fn is_tieu_ngu(s: &str) -> bool {
    key(s) == key(TIEU_NGU)
}

/// The kind whose type name opens this line, and the words after it
/// (`BIÊN BẢN LÀM VIỆC` → Biên bản, `LÀM VIỆC`). The longest name wins
/// (`QUY ĐỊNH` is not `QUY CHẾ`).
pub fn type_name_prefix(line: &str) -> Option<(DocumentKind, String)> {
    let k = key(line);
    let mut best: Option<(DocumentKind, usize)> = None;
    for kind in DocumentKind::ALL {
        let Some(name) = kind.type_name() else {
            continue;
        };
        let nk = key(name);
        let matches = k == nk || k.starts_with(&format!("{nk} "));
        if matches && best.is_none_or(|(_, l)| nk.len() > l) {
            best = Some((*kind, nk.len()));
        }
    }
    let (kind, _) = best?;
    let words = kind.type_name()?.split_whitespace().count();
    let rest: Vec<&str> = line.split_whitespace().skip(words).collect();
    Some((kind, rest.join(" ")))
}

/// A `Số:` line: the number as typed (blank in a draft) and the ký hiệu
/// as typed after the slash.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SoLine {
    pub number: Option<u32>,
    pub number_text: String,
    pub ky_hieu: String,
}

pub(crate) fn parse_so(line: &str) -> Option<SoLine> {
    let t = line.trim();
    let rest = strip_label(t, "Số")?;
    // The number is kept as typed, spaces included, so that `11 /TB`
    // can be reported.
    let (num, code) = match rest.split_once('/') {
        Some((n, c)) => (n.trim_start(), c.trim()),
        None => ("", rest.trim()),
    };
    let digits: String = num.chars().filter(|c| c.is_ascii_digit()).collect();
    Some(SoLine {
        number: digits.parse().ok().filter(|n| *n > 0),
        number_text: num.to_string(),
        ky_hieu: code.to_string(),
    })
}

/// `label:` at the start of a line (any case, spaces before the colon),
/// returning what follows.
pub fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let t = line.trim_start();
    let n = label.chars().count();
    let head: String = t.chars().take(n).collect();
    if head.to_lowercase() != label.to_lowercase() {
        return None;
    }
    let rest = &t[head.len()..];
    let rest = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
}

/// `Place, ngày DD tháng MM năm YYYY` with any part blank.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceDate {
    pub place: String,
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: Option<i32>,
}

pub(crate) fn parse_place_date(line: &str) -> Option<PlaceDate> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let ngay = lower.find("ngày")?;
    let (place, _) = t.split_at(ngay);
    let place = place.trim().trim_end_matches([',', ' ']).trim();
    let rest = &t[ngay..];
    let tokens: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || c == '.' || c == '…')
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase())
        .collect();
    let value = |label: &str| -> Option<Option<u32>> {
        let i = tokens.iter().position(|w| w == label)?;
        Some(tokens.get(i + 1).and_then(|w| w.parse::<u32>().ok()))
    };
    let day = value("ngày")?;
    let month = value("tháng")?;
    let year = value("năm")?;
    Some(PlaceDate {
        place: place.to_string(),
        day,
        month,
        year: year.map(|y| y as i32),
    })
}

/// The authority prefix of a signature line (`TM.`, `KT.`, `TL.`, `TUQ.`,
/// `Q.`), also written without the space (`KT.GIÁM ĐỐC`).
pub fn authority_prefix(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    for p in ["TUQ.", "TM.", "KT.", "TL.", "Q."] {
        if t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
            return Some(p);
        }
    }
    None
}

/// Letters are all upper case (and there is at least one).
pub fn is_upper(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            any = true;
        }
    }
    any
}

/// A word for counting: it holds a letter or digit; surrounding
/// punctuation is not part of it.
pub fn word_tokens(s: &str) -> Vec<String> {
    s.nfc()
        .collect::<String>()
        .split(|c: char| c.is_whitespace() || c == '\u{AD}' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

/// The first few words of a paragraph, for naming it in a message.
pub fn excerpt(s: &str) -> String {
    let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_strings() {
        assert!(is_quoc_hieu(" CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(is_tieu_ngu("Độc lập – Tự do – Hạnh phúc"));
        assert!(is_tieu_ngu("Độc lập -Tự do- Hạnh phúc"));
        assert!(!is_tieu_ngu("Độc lập - Tự do"));
    }

    #[test]
    fn type_names() {
        assert_eq!(
            type_name_prefix("BIÊN BẢN LÀM VIỆC"),
            Some((DocumentKind::BienBan, "LÀM VIỆC".into()))
        );
        assert_eq!(
            type_name_prefix("QUY ĐỊNH"),
            Some((DocumentKind::QuyDinh, String::new()))
        );
        assert_eq!(
            type_name_prefix("GIẤY MỜI HỌP").unwrap().0,
            DocumentKind::GiayMoi
        );
        assert_eq!(type_name_prefix("PHIẾU TRÌNH"), None);
        assert_eq!(type_name_prefix("ĐỀ XUẤT"), None);
        assert_eq!(type_name_prefix("THÔNG BÁO KẾT QUẢ").unwrap().1, "KẾT QUẢ");
    }

    #[test]
    fn so_lines() {
        let s = parse_so("Số:          /QĐ - SCT").unwrap();
        assert_eq!((s.number, s.ky_hieu.as_str()), (None, "QĐ - SCT"));
        let s = parse_so("Số: 77 /ĐX-K7").unwrap();
        assert_eq!((s.number, s.ky_hieu.as_str()), (Some(77), "ĐX-K7"));
        assert!(parse_so("Sở Công Thương").is_none());
    }

    #[test]
    fn place_dates() {
        let d = parse_place_date("   Lào Cai,  ngày       tháng 4 năm 2026").unwrap();
        assert_eq!(
            d,
            PlaceDate {
                place: "Lào Cai".into(),
                day: None,
                month: Some(4),
                year: Some(2026)
            }
        );
        let d = parse_place_date("Thành phố Hồ Chí Minh, ngày 24 tháng 12 năm 2024").unwrap();
        assert_eq!((d.day, d.month, d.year), (Some(24), Some(12), Some(2024)));
        assert!(parse_place_date("Ngày 19 tháng 6 năm 2026, Ủy ban")
            .is_some_and(|d| d.place.is_empty()));
        assert!(parse_place_date("Hội nghị").is_none());
    }

    #[test]
    fn words() {
        assert_eq!(
            word_tokens("- Lưu: VT, CN(Linh)."),
            vec!["Lưu", "VT", "CN(Linh"]
        );
        assert_eq!(word_tokens("Số: 77 /ĐX-K7"), word_tokens("Số: 77/ĐX-K7"));
        assert!(word_tokens("______ – ./.").is_empty());
        assert_eq!(authority_prefix("KT.GIÁM ĐỐC"), Some("KT."));
        assert_eq!(authority_prefix("QUYỀN"), None);
    }
}
