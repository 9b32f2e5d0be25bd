//! Rules over every string the user wrote, through the one walk
//! [`Document::visit_strings`] so that no field can be missed: empty
//! required fields, control and invisible characters, characters the font
//! cannot draw, stray spaces in document references, missing spaces after
//! commas.

use super::noi_nhan::tail;
use super::{diag, fix, line_paths, CheckOptions};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath};
use crate::text::Lines;

pub(super) fn check(doc: &Document, opts: &CheckOptions, out: &mut Vec<Diagnostic>) {
    empty(doc, out);
    for (path, s) in strings(doc) {
        let printed = !(path.starts_with("metadata") || path.ends_with("_image"));
        let bad = control(&path, &s, out);
        if !printed {
            continue;
        }
        if let Some(can_draw) = opts.can_draw {
            coverage(&path, &s, &bad, can_draw, out);
        }
        if !path.starts_with("so_hieu") && path != "issuer.abbreviation" {
            reference_spacing(&path, &s, out);
            comma_space(&path, &s, out);
            whitespace(&path, &s, out);
        }
    }
}

/// Every string with its path; the runs of one text are joined, so that a
/// rule sees `528/UBND -VP` even when part of it is bold.
fn strings(doc: &Document) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    doc.visit_strings(&mut |p, s| {
        let p = p.to_string();
        match v.last_mut() {
            Some((lp, ls)) if *lp == p => ls.push_str(s),
            _ => v.push((p, s.to_string())),
        }
    });
    v
}

/// `text.empty` (error): fields the document cannot be printed without.
fn empty(doc: &Document, out: &mut Vec<Diagnostic>) {
    let root = JsonPath::default();
    let mut check = |path: String, s: &str, vi: &str, en: &str| {
        if s.trim().is_empty() {
            out.push(
                diag(
                    Severity::Error,
                    "text.empty",
                    path,
                    format!("{vi} đang để trống"),
                    format!("{en} is empty"),
                )
                .with_fix(fix(format!("ghi {vi}"), format!("fill in {en}"))),
            );
        }
    };
    let lines = |l: &Lines, p: &JsonPath| -> Vec<(String, String)> {
        if l.0.is_empty() {
            vec![(p.to_string(), String::new())]
        } else {
            line_paths(l.0.len(), p)
                .into_iter()
                .zip(l.0.iter().cloned())
                .collect()
        }
    };
    for (p, s) in lines(&doc.issuer.name, &root.key("issuer").key("name")) {
        check(p, &s, "tên cơ quan ban hành", "the issuing body's name");
    }
    check(
        "issuer.abbreviation".into(),
        &doc.issuer.abbreviation,
        "chữ viết tắt của cơ quan (ví dụ UBND)",
        "the body's abbreviation (e.g. UBND)",
    );
    if let Some(k) = &doc.so_hieu.ky_hieu {
        check(
            "so_hieu.ky_hieu".into(),
            k,
            "ký hiệu văn bản",
            "the document code",
        );
    }
    // A Biên bản's model has no place-and-date line: its place is needed
    // only with a date (form.place_without_date covers the other case).
    let form = doc.form();
    if form != crate::kind::Form::BienBan || doc.date.is_some() {
        check("place".into(), &doc.place, "địa danh", "the place name");
    }
    // Giấy giới thiệu and Giấy nghỉ phép have only their type name.
    if form.has_trich_yeu() {
        for (p, s) in lines(&doc.trich_yeu, &root.key("trich_yeu")) {
            check(p, &s, "trích yếu nội dung", "the subject line");
        }
    }
    // An acting head's line (`Q. GIÁM ĐỐC`) can carry the post itself.
    let acting = doc
        .signature
        .authority
        .last()
        .is_some_and(|a| a.trim_start().starts_with("Q."));
    if !acting {
        check(
            "signature.post".into(),
            &doc.signature.post,
            "chức vụ người ký",
            "the signer's post",
        );
    }
    check(
        "signature.name".into(),
        &doc.signature.name,
        "họ tên người ký",
        "the signer's name",
    );
}

fn char_name(c: char) -> &'static str {
    match c {
        '\n' => "xuống dòng / line feed",
        '\r' => "về đầu dòng / carriage return",
        '\t' => "tab",
        '\u{200B}' => "khoảng trắng độ rộng 0 / zero-width space",
        '\u{FEFF}' => "BOM / zero-width no-break space",
        '\u{00AD}' => "gạch nối mềm / soft hyphen",
        c if c.is_control() => "ký tự điều khiển / control character",
        _ => "ký tự vô hình / invisible formatting character",
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text.control` (error) and `text.invisible` (warning): control
/// characters (line breaks and tabs included: paragraphs are separate
/// blocks) and invisible formatting characters that come from copying out
/// of other programs. Returns the characters reported, for `coverage` to skip.
fn control(path: &str, s: &str, out: &mut Vec<Diagnostic>) -> Vec<char> {
    let mut seen: Vec<char> = Vec::new();
    for (i, c) in s.chars().enumerate() {
        if !(c.is_control() || is_invisible(c)) || seen.contains(&c) {
            continue;
        }
        seen.push(c);
        if seen.len() > 8 {
            break;
        }
        let before: String = s
            .chars()
            .take(i)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let code = format!("U+{:04X}", c as u32);
        let name = char_name(c);
        if c.is_control() {
            let (vi_fix, en_fix) = if c == '\n' {
                ("xóa ký tự này; muốn sang đoạn mới thì tách thành một khối (\"paragraph\") khác", "remove it; for a new paragraph, start another block (\"paragraph\")")
            } else {
                (
                    "xóa ký tự này (thường do sao chép từ chương trình khác)",
                    "remove it (it usually comes from copying out of another program)",
                )
            };
            out.push(
                diag(
                    Severity::Error,
                    "text.control",
                    path,
                    format!("có ký tự điều khiển {code} ({name}) sau `{before}`"),
                    format!("control character {code} ({name}) after `{before}`"),
                )
                .with_fix(fix(vi_fix, en_fix)),
            );
        } else {
            out.push(
                diag(
                    Severity::Warning,
                    "text.invisible",
                    path,
                    format!("có ký tự vô hình {code} ({name}) sau `{before}`"),
                    format!("invisible character {code} ({name}) after `{before}`"),
                )
                .with_fix(fix(
                    "xóa ký tự này (thường do sao chép từ chương trình khác)",
                    "remove it (it usually comes from copying out of another program)",
                )),
            );
        }
    }
    seen
}

/// The face a string is printed in, approximately: the component's own
/// face, and for texts with markup also bold (runs may be bold).
fn faces(path: &str) -> &'static [(bool, bool)] {
    const R: &[(bool, bool)] = &[(false, false)];
    const B: &[(bool, bool)] = &[(true, false)];
    const I: &[(bool, bool)] = &[(false, true)];
    const RB: &[(bool, bool)] = &[(false, false), (true, false)];
    const IB: &[(bool, bool)] = &[(false, true), (true, true)];
    let top = &path[..path.find(['.', '[']).unwrap_or(path.len())];
    match top {
        "issuer" if path.starts_with("issuer.name") => B,
        "issuer" | "so_hieu" => R,
        "place" => I,
        "trich_yeu" | "signature" => B,
        "can_cu" if path.starts_with("can_cu.lines") => IB,
        "body"
            if path.contains(".heading.title")
                || path.contains(".heading.label")
                || path.contains(".header[") =>
        {
            B
        }
        "body" if path.ends_with(".letter") => R,
        _ => RB,
    }
}

/// `text.font` (error): every character must exist in the font, or the
/// output shows an empty box where the reader expects a letter.
fn coverage(
    path: &str,
    s: &str,
    skip: &[char],
    can_draw: &dyn Fn(char, bool, bool) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let faces = faces(path);
    let mut missing: Vec<char> = Vec::new();
    let mut more = 0usize;
    // ASCII letters already found in every face: most of a Vietnamese
    // text, asked once per string rather than once per occurrence.
    let mut drawable: u128 = 0;
    for c in s.chars() {
        let ascii = (c as u32) < 128;
        if ascii && drawable & (1 << c as u32) != 0 {
            continue;
        }
        if c.is_control() || skip.contains(&c) || missing.contains(&c) {
            continue;
        }
        if faces.iter().all(|&(b, i)| can_draw(c, b, i)) {
            if ascii {
                drawable |= 1 << c as u32;
            }
            continue;
        }
        if missing.len() < 5 {
            missing.push(c);
        } else {
            more += 1;
        }
    }
    if missing.is_empty() {
        return;
    }
    let list = missing
        .iter()
        .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
        .collect::<Vec<_>>()
        .join(", ");
    let (vi_more, en_more) = if more > 0 {
        (
            format!(" và {more} ký tự khác"),
            format!(" and {more} more"),
        )
    } else {
        (String::new(), String::new())
    };
    out.push(
        diag(
            Severity::Error,
            "text.font",
            path,
            format!("phông chữ không có ký tự {list}{vi_more}; bản in sẽ hiện ô trống"),
            format!("the font has no glyph for {list}{en_more}; the output would show an empty box"),
        )
        .with_fix(fix(
            "thay bằng ký tự thông thường (ví dụ dấu ngoặc kép \" thay cho ký hiệu lạ), hoặc xóa; kiểm tra văn bản được gõ bằng Unicode dựng sẵn",
            "replace it with a common character or remove it; make sure the text is typed in precomposed Unicode",
        )),
    );
}

/// A document reference written with spaces around `/` or `-`
/// (`528/UBND -VP`, `15/ CT-UBND`): what was typed and the corrected form.
///
/// Hand parser, linear: each `/` is examined once, backwards over the digits
/// before it and forwards over the code groups after it, and both stop at
/// the next `/`.
fn spaced_references(s: &str) -> Vec<(String, String)> {
    let cs: Vec<char> = s.chars().collect();
    let n = cs.len();
    let mut found = Vec::new();
    let is_upperish = |c: char| c.is_uppercase() || c.is_ascii_digit();
    // A code group: starts upper case; mixed case allowed (`QyĐ`, `TTg`).
    let group = |mut k: usize| -> Option<(usize, bool)> {
        if k >= n || !cs[k].is_uppercase() {
            return None;
        }
        let mut all_upper = true;
        while k < n && cs[k].is_alphanumeric() {
            all_upper &= is_upperish(cs[k]);
            k += 1;
        }
        Some((k, all_upper))
    };
    let spaces = |mut k: usize| {
        while k < n && cs[k] == ' ' {
            k += 1;
        }
        k
    };
    let mut i = 0;
    while i < n {
        if cs[i] != '/' {
            i += 1;
            continue;
        }
        let mut j = i;
        while j > 0 && cs[j - 1] == ' ' {
            j -= 1;
        }
        let digits_end = j;
        while j > 0 && cs[j - 1].is_ascii_digit() {
            j -= 1;
        }
        if j == digits_end || (j > 0 && cs[j - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut spaced = digits_end != i;
        let k0 = spaces(i + 1);
        spaced |= k0 != i + 1;
        let Some((mut k, first_upper)) = group(k0) else {
            i += 1;
            continue;
        };
        let mut groups = vec![cs[k0..k].iter().collect::<String>()];
        loop {
            let a = spaces(k);
            if a >= n || cs[a] != '-' {
                break;
            }
            let b = spaces(a + 1);
            let gap = a != k || b != a + 1;
            match group(b) {
                // Around a spaced hyphen only an all-capitals group is a
                // code; `2021 - Phụ lục` is prose.
                Some((e, upper)) if upper || !gap => {
                    groups.push(cs[b..e].iter().collect());
                    spaced |= gap;
                    k = e;
                }
                _ => break,
            }
        }
        // One spaced group alone (`02 / Năm`) is too weak to call a reference.
        if spaced && (groups.len() >= 2 || (first_upper && groups[0].chars().count() >= 2)) {
            let typed: String = cs[j..k].iter().collect();
            let number: String = cs[j..digits_end].iter().collect();
            found.push((typed, format!("{number}/{}", groups.join("-"))));
        }
        i = k.max(i + 1);
    }
    found
}

/// `text.reference_spacing` (warning): a document's number and code are
/// written without spaces (`528/UBND-VP`, §3.3). The renderer prints the
/// text as typed, so the fix is the author's.
fn reference_spacing(path: &str, s: &str, out: &mut Vec<Diagnostic>) {
    // A text pasted with the same slip hundreds of times needs a few
    // examples, not a screenful per occurrence.
    for (typed, fixed) in spaced_references(s).into_iter().take(20) {
        out.push(
            diag(
                Severity::Warning,
                "text.reference_spacing",
                path,
                format!("số, ký hiệu văn bản `{typed}` có dấu cách thừa; số và ký hiệu phải viết liền"),
                format!("the document reference `{typed}` has stray spaces; number and code are written without spaces"),
            )
            .with_fix(fix(format!("ghi `{fixed}`"), format!("write `{fixed}`"))),
        );
    }
}

/// `text.comma_space` (note): a comma between two words is followed by a
/// space (`CB, CC`). Decimal commas (`57,38`) are left alone.
fn comma_space(path: &str, s: &str, out: &mut Vec<Diagnostic>) {
    let cs: Vec<char> = s.chars().collect();
    let Some(i) = (1..cs.len().saturating_sub(1))
        .find(|&i| cs[i] == ',' && cs[i - 1].is_alphabetic() && cs[i + 1].is_alphabetic())
    else {
        return;
    };
    let word_start = cs[..i]
        .iter()
        .rposition(|c| !c.is_alphanumeric())
        .map_or(0, |p| p + 1);
    let word_end = cs[i + 1..]
        .iter()
        .position(|c| !c.is_alphanumeric())
        .map_or(cs.len(), |p| p + i + 1);
    let typed: String = cs[word_start..word_end].iter().collect();
    let fixed = typed.replacen(',', ", ", 1);
    out.push(
        diag(
            Severity::Note,
            "text.comma_space",
            path,
            format!("thiếu dấu cách sau dấu phẩy: `{}`", tail(&typed)),
            format!("missing space after a comma: `{}`", tail(&typed)),
        )
        .with_fix(fix(
            format!("ghi `{}`", tail(&fixed)),
            format!("write `{}`", tail(&fixed)),
        )),
    );
}

/// `text.whitespace` (note): spaces at either end or doubled inside. The
/// text is printed as typed, so they show as gaps, or shift centred lines.
fn whitespace(path: &str, s: &str, out: &mut Vec<Diagnostic>) {
    if s.trim().is_empty() {
        return;
    }
    let edges = s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
    let double = s.contains("  ");
    if !edges && !double {
        return;
    }
    let fixed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (vi, en) = match (edges, double) {
        (true, false) => (
            "có dấu cách thừa ở đầu hoặc cuối",
            "has spaces at the start or end",
        ),
        (false, true) => ("có hai dấu cách liền nhau", "has two spaces in a row"),
        _ => ("có dấu cách thừa", "has extra spaces"),
    };
    out.push(
        diag(
            Severity::Note,
            "text.whitespace",
            path,
            format!("chuỗi {vi}"),
            format!("the text {en}"),
        )
        .with_fix(fix(
            format!("ghi `{}`", tail(&fixed)),
            format!("write `{}`", tail(&fixed)),
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use super::spaced_references;
    use crate::document::Block;
    use crate::Severity;

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    #[test]
    fn required_strings_must_not_be_empty() {
        let mut d = good();
        d.place = "  ".into();
        d.signature.name = String::new();
        d.issuer.name.0[1] = String::new();
        d.trich_yeu.0 = vec![];
        let ds = run(&d);
        let e: Vec<_> = ds
            .iter()
            .filter(|x| x.code == "text.empty")
            .map(|x| x.path.as_str())
            .collect();
        assert_eq!(
            e,
            vec!["issuer.name[1]", "place", "trich_yeu", "signature.name"]
        );
        assert!(ds.iter().all(|x| x.code != "text.empty" || x.is_error()));
    }

    /// Forms whose models leave a field out do not require it: the Biên
    /// bản's place (no place-and-date line without a date), the trích yếu of
    /// a Giấy giới thiệu or Giấy nghỉ phép (type name only).
    #[test]
    fn fields_a_form_does_not_have_are_not_required() {
        let empty = |d: &crate::Document| -> Vec<String> {
            run(d)
                .into_iter()
                .filter(|x| x.code == "text.empty")
                .map(|x| x.path)
                .collect()
        };
        let mut d = good();
        d.kind = crate::kind::DocumentKind::BienBan;
        d.place.clear();
        d.date = None;
        assert!(empty(&d).is_empty());
        // With a date the line is printed, and `, ngày …` needs its place.
        d.date = Some(crate::date::IssueDate::year_only(2025));
        assert_eq!(empty(&d), vec!["place"]);
        for kind in [
            crate::kind::DocumentKind::GiayGioiThieu,
            crate::kind::DocumentKind::GiayNghiPhep,
        ] {
            let mut d = good();
            d.kind = kind;
            d.trich_yeu.0.clear();
            assert!(empty(&d).is_empty(), "{kind:?}");
            d.kind = crate::kind::DocumentKind::ThongBao;
            assert_eq!(empty(&d), vec!["trich_yeu"]);
        }
    }

    #[test]
    fn control_characters_are_errors_naming_code_and_path() {
        let mut d = good();
        d.body[0] = Block::Paragraph("Dòng một\nDòng hai".into());
        d.signature.post = "PHÓ\tCHỦ TỊCH".into();
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["text.control", "text.control"]);
        assert_eq!(ds[0].path, "body[0].paragraph");
        assert!(ds[0].message.en.contains("U+000A"), "{}", ds[0].message.en);
        assert!(
            ds[0].message.vi.contains("`Dòng một`"),
            "{}",
            ds[0].message.vi
        );
        assert_eq!(ds[1].path, "signature.post");
        assert!(ds[1].message.en.contains("U+0009"));
        d = good();
        d.place = "Tiến\u{200B}Thắng".into();
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["text.invisible"]);
        assert_eq!(ds[0].severity, Severity::Warning);
    }

    #[test]
    fn characters_the_font_cannot_draw() {
        let d = good();
        let latin = |c: char, _b: bool, _i: bool| (c as u32) < 0x2000;
        let opts = CheckOptions {
            can_draw: Some(&latin),
            ..Default::default()
        };
        assert!(check(&d, &opts).is_empty());
        let mut d = good();
        d.body[0] = Block::Paragraph("Ghi chú ☎ và ☎ và ✓:".into());
        let ds = check(&d, &opts);
        assert_eq!(codes(&ds), vec!["text.font"]);
        assert_eq!(ds[0].path, "body[0].paragraph");
        assert!(
            ds[0].message.en.contains("'☎' (U+260E), '✓' (U+2713)"),
            "{}",
            ds[0].message.en
        );
        // Bold-only gaps count: the signer's name is bold.
        let no_bold_d = |c: char, b: bool, _i: bool| !(b && c == 'Đ');
        let opts = CheckOptions {
            can_draw: Some(&no_bold_d),
            ..Default::default()
        };
        let ds = check(&good(), &opts);
        assert!(
            ds.iter()
                .any(|x| x.code == "text.font" && x.path == "signature.name"),
            "{ds:#?}"
        );
        assert!(!ds.iter().any(|x| x.path == "place"));
    }

    #[test]
    fn references_with_stray_spaces() {
        let r = |s: &str| spaced_references(s);
        assert_eq!(
            r("văn bản số 528/UBND -VP ngày"),
            vec![("528/UBND -VP".into(), "528/UBND-VP".into())]
        );
        assert_eq!(
            r("Chỉ thị số 15/ CT-UBND ngày"),
            vec![("15/ CT-UBND".into(), "15/CT-UBND".into())]
        );
        assert_eq!(
            r("số 15 /CT-UBND"),
            vec![("15 /CT-UBND".into(), "15/CT-UBND".into())]
        );
        assert_eq!(r("số 766/QĐ - TTg"), vec![]); // mixed-case group after a spaced hyphen: prose
        assert_eq!(
            r("số 12/QĐ- UBND"),
            vec![("12/QĐ- UBND".into(), "12/QĐ-UBND".into())]
        );
        for ok in [
            "Quyết định số 766/QĐ-TTg ngày 23/6/2022",
            "57,38/100 điểm xếp hạng 15/18 xã",
            "tháng 02 / Năm nay",
            "để b/c; V/v nâng lương",
            "Kế hoạch số 03/KH-UBND - Phụ lục",
            "https://dichvucong.gov.vn/",
            "2021 / 2022",
        ] {
            assert_eq!(r(ok), vec![], "{ok}");
        }
    }

    #[test]
    fn reference_spacing_is_a_warning_at_the_text() {
        let mut d = good();
        d.body[0] = Block::Paragraph("Theo văn bản số 528/UBND -VP ngày 05/3/2025:".into());
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["text.reference_spacing"]);
        assert_eq!(ds[0].path, "body[0].paragraph");
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`528/UBND-VP`"));
    }

    #[test]
    fn extra_spaces_are_a_note() {
        let mut d = good();
        d.signature.name = "Đỗ  Văn Hạ ".into();
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["text.whitespace"]);
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`Đỗ Văn Hạ`"));
    }

    #[test]
    fn comma_between_words_needs_a_space() {
        let mut d = good();
        d.noi_nhan.entries[1] = "Bộ phận TN&TKQ, CB,CC xã (niêm yết);".into();
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["text.comma_space"]);
        assert_eq!(ds[0].severity, Severity::Note);
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`CB, CC`"));
        d.noi_nhan.entries[1] = "Đạt 57,38/100 điểm;".into();
        assert!(run(&d).is_empty());
    }
}
