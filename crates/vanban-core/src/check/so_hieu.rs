//! Số, ký hiệu (ô 3), spec §3.3 and Phụ lục III.

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::Document;
use crate::kind::DocumentKind;

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    ky_hieu_kind(doc, out);
    cong_van_code(doc, out);
    ky_hieu_format(doc, out);
    abbreviation_format(doc, out);
    unit(doc, out);
    number(doc, out);
}

/// `so_hieu.ky_hieu_kind` (error) / `so_hieu.ky_hieu_case` (warning): the
/// type abbreviation of an explicit ký hiệu must be the kind's, exactly as
/// Phụ lục III writes it (`TB`, `QyĐ`). A derived ký hiệu is always right.
fn ky_hieu_kind(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(kh) = &doc.so_hieu.ky_hieu else {
        return;
    };
    let kh = kh.trim();
    if kh.contains('/') {
        return; // reported by ky_hieu_format
    }
    let Some((typ, rest)) = kh.split_once('-') else {
        return; // reported by ky_hieu_format
    };
    let typ = typ.trim();
    let rest = rest.trim();
    let path = "so_hieu.ky_hieu";
    let Some(want) = doc.kind.abbreviation() else {
        return; // a công văn: cong_van_code
    };
    if typ == want {
        return;
    }
    let fixed = format!("{want}-{rest}");
    if typ.to_uppercase() == want.to_uppercase() {
        out.push(
            diag(
                Severity::Warning,
                "so_hieu.ky_hieu_case",
                path,
                format!("chữ viết tắt tên loại `{typ}` phải viết đúng như Phụ lục III: `{want}` (giữ nguyên chữ hoa, chữ thường)"),
                format!("the type abbreviation `{typ}` must be written exactly as in Phụ lục III: `{want}` (mixed case kept)"),
            )
            .with_fix(fix(format!("ghi ký hiệu là `{fixed}`"), format!("write the code as `{fixed}`"))),
        );
        return;
    }
    let other = DocumentKind::ALL.iter().find(|k| {
        k.abbreviation()
            .is_some_and(|a| a.to_uppercase() == typ.to_uppercase())
    });
    let (vi_what, en_what) = match other {
        Some(k) => (
            format!(" (`{typ}` là viết tắt của {})", k.name_vi()),
            format!(" (`{typ}` stands for {})", k.name_vi()),
        ),
        None => (String::new(), String::new()),
    };
    out.push(
        diag(
            Severity::Error,
            "so_hieu.ky_hieu_kind",
            path,
            format!(
                "ký hiệu `{kh}` không khớp với loại văn bản: {} phải dùng chữ viết tắt `{want}`{vi_what}",
                doc.kind.name_vi()
            ),
            format!(
                "the code `{kh}` does not match the document kind: a {} uses the abbreviation `{want}`{en_what}",
                doc.kind.name_vi()
            ),
        )
        .with_fix(fix(
            format!("sửa `so_hieu.ky_hieu` thành `{fixed}` (hoặc bỏ trường này để chương trình tự ghi), hoặc đổi \"kind\" nếu chọn nhầm loại văn bản"),
            format!("change `so_hieu.ky_hieu` to `{fixed}` (or remove it to have it derived), or change \"kind\" if the kind is wrong"),
        )),
    );
}

/// A group of a ký hiệu that names a document type: an abbreviation of
/// Phụ lục III (any case), or `CV`, which people write for "công văn"
/// although the decree gives the công văn no abbreviation.
fn type_group(g: &str) -> Option<(&'static str, Option<DocumentKind>)> {
    let g = g.trim();
    if g.eq_ignore_ascii_case("CV") {
        return Some(("CV", None));
    }
    DocumentKind::ALL.iter().find_map(|k| {
        let a = k.abbreviation()?;
        (a.to_uppercase() == g.to_uppercase()).then_some((a, Some(*k)))
    })
}

/// `so_hieu.ky_hieu_kind` for a công văn (warning): a công văn has no type
/// name, so its code is the body's abbreviation and the drafting unit's
/// (`UBND-VP`, §3.3) — never a type abbreviation in front (`TB-UBND`,
/// `CV-UBND`), nor `CV` anywhere. A unit that merely shares letters with a
/// type (`TTr` for Thanh tra) is the body's choice and is left alone.
fn cong_van_code(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.kind.abbreviation().is_some() {
        return;
    }
    let body = doc.issuer.abbreviation.trim();
    let (path, code, groups): (&str, String, Vec<String>) = match &doc.so_hieu.ky_hieu {
        Some(kh) => {
            if kh.contains('/') || kh.trim().is_empty() {
                return; // ky_hieu_format reports it
            }
            let g: Vec<String> = kh.split('-').map(|g| g.trim().to_string()).collect();
            ("so_hieu.ky_hieu", kh.trim().to_string(), g)
        }
        None => match &doc.so_hieu.unit {
            Some(u) => {
                let g = vec![body.to_string(), u.trim().to_string()];
                ("so_hieu.unit", g.join("-"), g)
            }
            None => return, // so_hieu.unit reports the missing unit
        },
    };
    let found = groups.iter().enumerate().find_map(|(i, g)| {
        let t = type_group(g)?;
        (i == 0 || t.0 == "CV").then_some((g.clone(), t))
    });
    let Some((typ, (_, kind))) = found else {
        return;
    };
    let rest: Vec<&str> = groups
        .iter()
        .map(String::as_str)
        .filter(|g| *g != typ && !g.is_empty())
        .collect();
    let fixed = match rest.as_slice() {
        [] => format!("{body}-VP"),
        [only] if *only == body => format!("{body}-VP"),
        r => r.join("-"),
    };
    let what_vi = match kind {
        Some(k) => format!("`{typ}` là chữ viết tắt của {}", k.name_vi()),
        None => format!("`{typ}` không phải chữ viết tắt tên loại nào"),
    };
    let what_en = match kind {
        Some(k) => format!("`{typ}` stands for {}", k.name_vi()),
        None => format!("`{typ}` is no type abbreviation"),
    };
    let (fix_vi, fix_en) = match kind {
        Some(k) => (
            format!("nếu đây là {0}, đặt \"kind\": \"{1}\"; nếu là công văn, ký hiệu là `{fixed}` (thay VP bằng đơn vị soạn thảo)", k.name_vi(), k.key()),
            format!("if this is a {0}, set \"kind\": \"{1}\"; if it is a công văn, the code is `{fixed}` (VP: the drafting unit)", k.name_vi(), k.key()),
        ),
        None => (
            format!("ghi ký hiệu `{fixed}`: \"so_hieu\": {{\"unit\": \"…\"}} với chữ viết tắt của đơn vị soạn thảo"),
            format!("write the code `{fixed}`: \"so_hieu\": {{\"unit\": \"…\"}} with the drafting unit's abbreviation"),
        ),
    };
    out.push(
        diag(
            Severity::Warning,
            "so_hieu.ky_hieu_kind",
            path,
            format!("ký hiệu công văn `{code}` chứa `{typ}` ({what_vi}); công văn không có tên loại, ký hiệu gồm chữ viết tắt của cơ quan và của đơn vị soạn thảo, ví dụ `UBND-VP`"),
            format!("the công văn's code `{code}` contains `{typ}` ({what_en}); a công văn has no type name, its code is body + drafting unit, e.g. `UBND-VP`"),
        )
        .with_fix(fix(fix_vi, fix_en)),
    );
}

/// `so_hieu.ky_hieu_format` (error): the code has no spaces, no number, and
/// is made of non-empty groups joined by `-` (§3.3, [2S]).
fn ky_hieu_format(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(kh) = &doc.so_hieu.ky_hieu else {
        return;
    };
    let path = "so_hieu.ky_hieu";
    if kh.trim().is_empty() {
        return; // strings::empty reports it
    }
    let compact: String = kh.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() != kh.len() {
        out.push(
            diag(
                Severity::Error,
                "so_hieu.ky_hieu_format",
                path,
                format!("ký hiệu `{kh}` có dấu cách; số và ký hiệu văn bản phải viết liền"),
                format!(
                    "the code `{kh}` contains spaces; number and code are written without spaces"
                ),
            )
            .with_fix(fix(
                format!("ghi `{compact}`"),
                format!("write `{compact}`"),
            )),
        );
        return;
    }
    if let Some((n, code)) = kh.split_once('/') {
        out.push(
            diag(
                Severity::Error,
                "so_hieu.ky_hieu_format",
                path,
                format!("ký hiệu `{kh}` chứa cả số; trường này chỉ ghi phần sau dấu `/`"),
                format!(
                    "the code `{kh}` includes the number; this field holds only the part after `/`"
                ),
            )
            .with_fix(fix(
                format!("ghi \"ky_hieu\": \"{code}\" và số vào \"number\": {n}"),
                format!("write \"ky_hieu\": \"{code}\" and the number in \"number\": {n}"),
            )),
        );
        return;
    }
    let groups: Vec<&str> = kh.split('-').collect();
    if groups.len() < 2 && doc.kind.abbreviation().is_some() || groups.iter().any(|g| g.is_empty())
    {
        let (want, body) = (
            doc.kind.abbreviation().unwrap_or("UBND"),
            if doc.issuer.abbreviation.trim().is_empty() {
                "UBND"
            } else {
                doc.issuer.abbreviation.trim()
            },
        );
        out.push(
            diag(
                Severity::Error,
                "so_hieu.ky_hieu_format",
                path,
                format!("ký hiệu `{kh}` không đúng dạng: chữ viết tắt tên loại, dấu gạch nối, chữ viết tắt cơ quan (ví dụ `{want}-{body}`)"),
                format!("the code `{kh}` is malformed: type abbreviation, hyphen, body abbreviation (e.g. `{want}-{body}`)"),
            )
            .with_fix(fix(
                "sửa lại ký hiệu, hoặc bỏ trường này để chương trình tự ghi từ loại văn bản và chữ viết tắt của cơ quan",
                "correct the code, or remove the field to have it derived from the kind and the body's abbreviation",
            )),
        );
    }
}

/// `so_hieu.abbreviation_format` (error): the body's abbreviation goes into
/// the code as is, so it must be one group without spaces (`UBND`), not a
/// whole code (`TB-UBND`).
fn abbreviation_format(doc: &Document, out: &mut Vec<Diagnostic>) {
    let a = &doc.issuer.abbreviation;
    if a.trim().is_empty() {
        return;
    }
    let path = "issuer.abbreviation";
    if a.chars().any(char::is_whitespace) {
        let compact: String = a.chars().filter(|c| !c.is_whitespace()).collect();
        out.push(
            diag(
                Severity::Error,
                "so_hieu.abbreviation_format",
                path,
                format!(
                    "chữ viết tắt của cơ quan `{a}` có dấu cách; ký hiệu văn bản phải viết liền"
                ),
                format!(
                    "the body's abbreviation `{a}` contains spaces; the document code has none"
                ),
            )
            .with_fix(fix(
                format!("ghi `{compact}`"),
                format!("write `{compact}`"),
            )),
        );
    } else if let Some(i) = a.find(['-', '/']) {
        let tail = a[i + 1..].rsplit(['-', '/']).next().unwrap_or("");
        out.push(
            diag(
                Severity::Error,
                "so_hieu.abbreviation_format",
                path,
                format!("`{a}` là cả một ký hiệu; ở đây chỉ ghi chữ viết tắt của cơ quan (ví dụ `UBND`), chương trình tự ghép `{}-…`", doc.kind.abbreviation().unwrap_or("…")),
                format!("`{a}` is a whole code; write only the body's abbreviation here (e.g. `UBND`); the type part is added for you"),
            )
            .with_fix(fix(
                format!("ghi \"abbreviation\": \"{tail}\""),
                format!("write \"abbreviation\": \"{tail}\""),
            )),
        );
    }
}

/// `so_hieu.unit` (warning): the drafting unit belongs to a công văn's code
/// only; elsewhere it would be silently ignored. A công văn without one has
/// a code of the body alone, which Decree 30 does not foresee.
fn unit(doc: &Document, out: &mut Vec<Diagnostic>) {
    let s = &doc.so_hieu;
    if doc.kind.abbreviation().is_some() {
        if let (Some(u), None) = (&s.unit, &s.ky_hieu) {
            out.push(
                diag(
                    Severity::Warning,
                    "so_hieu.unit",
                    "so_hieu.unit",
                    format!("\"unit\": \"{u}\" chỉ dùng cho công văn; với {} ký hiệu là `{}-{}` và trường này bị bỏ qua", doc.kind.name_vi(), doc.kind.abbreviation().unwrap_or(""), doc.issuer.abbreviation),
                    format!("\"unit\": \"{u}\" is for a công văn only; a {} has the code `{}-{}` and this field is ignored", doc.kind.name_vi(), doc.kind.abbreviation().unwrap_or(""), doc.issuer.abbreviation),
                )
                .with_fix(fix("bỏ trường \"unit\"", "remove \"unit\"")),
            );
        }
    } else if s.unit.is_none() && s.ky_hieu.is_none() {
        out.push(
            diag(
                Severity::Warning,
                "so_hieu.unit",
                "so_hieu",
                format!("ký hiệu công văn gồm chữ viết tắt của cơ quan và của đơn vị soạn thảo (ví dụ `{}-VP`); thiếu đơn vị soạn thảo", doc.issuer.abbreviation),
                format!("a công văn's code is body + drafting unit (e.g. `{}-VP`); the drafting unit is missing", doc.issuer.abbreviation),
            )
            .with_fix(fix("thêm \"unit\": \"VP\" (chữ viết tắt của đơn vị soạn thảo) vào \"so_hieu\"", "add \"unit\": \"VP\" (the drafting unit's abbreviation) to \"so_hieu\"")),
        );
    }
    if let Some(u) = &s.unit {
        if u.chars().any(|c| c.is_whitespace() || c == '-' || c == '/') && !u.trim().is_empty() {
            let compact: String = u.chars().filter(|c| !c.is_whitespace()).collect();
            out.push(
                diag(
                    Severity::Error,
                    "so_hieu.ky_hieu_format",
                    "so_hieu.unit",
                    format!("chữ viết tắt của đơn vị `{u}` chỉ gồm chữ, viết liền"),
                    format!("the unit abbreviation `{u}` must be letters only, without spaces"),
                )
                .with_fix(fix(
                    format!("ghi `{}`", compact.trim_matches(['-', '/'])),
                    format!("write `{}`", compact.trim_matches(['-', '/'])),
                )),
            );
        }
    }
}

/// `so_hieu.number` (error for 0; notes for draft/final mismatches): numbers
/// run from 01 each year; the văn thư assigns them after signing, so a draft
/// normally has none and a final one does.
fn number(doc: &Document, out: &mut Vec<Diagnostic>) {
    match (doc.so_hieu.number, doc.draft) {
        (Some(0), _) => out.push(
            diag(
                Severity::Error,
                "so_hieu.number",
                "so_hieu.number",
                "số văn bản bắt đầu từ 01 mỗi năm; số 0 không hợp lệ",
                "document numbers start at 01 each year; 0 is not valid",
            )
            .with_fix(fix(
                "ghi số do văn thư cấp, hoặc bỏ \"number\" để để trống",
                "write the number the văn thư assigned, or remove \"number\" to leave it blank",
            )),
        ),
        (Some(n), true) => out.push(
            diag(
                Severity::Note,
                "so_hieu.number_draft",
                "so_hieu.number",
                format!("bản dự thảo đã có số {n:02}; số thường do văn thư cấp sau khi ký"),
                format!("the draft already has number {n:02}; the văn thư normally assigns it after signing"),
            ),
        ),
        (None, false) => out.push(
            diag(
                Severity::Note,
                "so_hieu.number_draft",
                "so_hieu",
                "văn bản không phải dự thảo nhưng chưa có số; số sẽ để trống",
                "the document is not a draft but has no number; it will be left blank",
            )
            .with_fix(fix(
                "thêm \"number\" trong \"so_hieu\", hoặc đặt \"draft\": true",
                "add \"number\" to \"so_hieu\", or set \"draft\": true",
            )),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::document::Document;
    use crate::kind::DocumentKind;
    use crate::Severity;

    fn run(doc: &Document) -> Vec<crate::Diagnostic> {
        check(doc, &CheckOptions::default())
    }

    #[test]
    fn explicit_ky_hieu_of_another_kind_is_an_error_naming_the_field() {
        let mut d = good();
        d.so_hieu.ky_hieu = Some("TB-UBND".into());
        assert!(run(&d).is_empty());
        d.so_hieu.ky_hieu = Some("QĐ-UBND".into());
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["so_hieu.ky_hieu_kind"]);
        assert_eq!(ds[0].severity, Severity::Error);
        assert_eq!(ds[0].path, "so_hieu.ky_hieu");
        assert!(
            ds[0].message.en.contains("Quyết định"),
            "{}",
            ds[0].message.en
        );
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("TB-UBND"));
    }

    #[test]
    fn mixed_case_abbreviations_must_be_exact() {
        let mut d = good();
        d.kind = DocumentKind::QuyDinh;
        d.so_hieu.ky_hieu = Some("QyĐ-UBND".into());
        assert!(!codes(&run(&d)).iter().any(|c| c.starts_with("so_hieu")));
        d.so_hieu.ky_hieu = Some("QYĐ-UBND".into());
        let ds = run(&d);
        let k: Vec<_> = ds
            .iter()
            .filter(|x| x.code == "so_hieu.ky_hieu_case")
            .collect();
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].severity, Severity::Warning);
        assert!(k[0].fix.as_ref().unwrap().en.contains("QyĐ-UBND"));
    }

    #[test]
    fn cong_van_code_with_a_type_abbreviation_is_suspect() {
        let mut d = good();
        d.kind = DocumentKind::CongVan;
        d.so_hieu.unit = Some("VP".into());
        d.kinh_gui = vec!["UBND huyện".into()];
        assert!(!codes(&run(&d)).iter().any(|c| c.starts_with("so_hieu")));
        d.so_hieu.ky_hieu = Some("TB-UBND".into());
        assert!(codes(&run(&d)).contains(&"so_hieu.ky_hieu_kind"));
        // Whatever follows the type abbreviation, and `CV` anywhere.
        for (kh, fixed) in [
            ("TB-UBND-VP", "UBND-VP"),
            ("CV-UBND", "UBND-VP"),
            ("cv-UBND-VP", "UBND-VP"),
            ("UBND-CV", "UBND-VP"),
        ] {
            d.so_hieu.ky_hieu = Some(kh.into());
            let ds = run(&d);
            let k: Vec<_> = ds
                .iter()
                .filter(|x| x.code == "so_hieu.ky_hieu_kind")
                .collect();
            assert_eq!(k.len(), 1, "{kh}: {ds:#?}");
            assert_eq!(k[0].severity, crate::Severity::Warning);
            assert_eq!(k[0].path, "so_hieu.ky_hieu");
            assert!(
                k[0].fix
                    .as_ref()
                    .unwrap()
                    .vi
                    .contains(&format!("`{fixed}`")),
                "{kh}: {:?}",
                k[0].fix
            );
        }
        d.so_hieu.ky_hieu = None;
        d.so_hieu.unit = Some("CV".into());
        let ds = run(&d);
        let k: Vec<_> = ds
            .iter()
            .filter(|x| x.code.starts_with("so_hieu"))
            .collect();
        assert_eq!(k.len(), 1, "{ds:#?}");
        assert_eq!(
            (k[0].code, k[0].path.as_str()),
            ("so_hieu.ky_hieu_kind", "so_hieu.unit")
        );
        // A drafting unit that shares its letters with a type is fine.
        d.so_hieu.unit = Some("TTr".into());
        assert!(!codes(&run(&d)).contains(&"so_hieu.ky_hieu_kind"));
        d.so_hieu.ky_hieu = Some("UBND-KH".into());
        assert!(!codes(&run(&d)).contains(&"so_hieu.ky_hieu_kind"));
    }

    #[test]
    fn spaces_numbers_and_missing_groups_in_the_code() {
        let mut d = good();
        for (kh, fixed) in [
            ("TB - UBND", "TB-UBND"),
            ("05/TB-UBND", "TB-UBND"),
            ("TB", ""),
            ("TB-", ""),
        ] {
            d.so_hieu.ky_hieu = Some(kh.into());
            let ds = run(&d);
            let f: Vec<_> = ds
                .iter()
                .filter(|x| x.code == "so_hieu.ky_hieu_format")
                .collect();
            assert_eq!(f.len(), 1, "{kh}: {ds:#?}");
            assert!(f[0].is_error());
            assert!(f[0].fix.as_ref().unwrap().en.contains(fixed));
        }
    }

    #[test]
    fn body_abbreviation_must_be_one_group() {
        let mut d = good();
        d.issuer.abbreviation = "TB-UBND".into();
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["so_hieu.abbreviation_format"]);
        assert!(ds[0].fix.as_ref().unwrap().en.contains("\"UBND\""));
        d.issuer.abbreviation = "UB ND".into();
        assert_eq!(codes(&run(&d)), vec!["so_hieu.abbreviation_format"]);
    }

    #[test]
    fn unit_only_for_cong_van() {
        let mut d = good();
        d.so_hieu.unit = Some("VP".into());
        assert_eq!(codes(&run(&d)), vec!["so_hieu.unit"]);
        d.kind = DocumentKind::CongVan;
        d.kinh_gui = vec!["UBND huyện".into()];
        assert!(!codes(&run(&d)).contains(&"so_hieu.unit"));
        d.so_hieu.unit = None;
        assert!(codes(&run(&d)).contains(&"so_hieu.unit"));
    }

    #[test]
    fn number_zero_and_draft_notes() {
        let mut d = good();
        d.so_hieu.number = Some(0);
        assert_eq!(codes(&run(&d)), vec!["so_hieu.number"]);
        d.so_hieu.number = None;
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["so_hieu.number_draft"]);
        assert_eq!(ds[0].severity, Severity::Note);
        d.draft = true;
        d.date = Some(crate::date::IssueDate::year_only(2025));
        assert!(run(&d).is_empty());
        d.so_hieu.number = Some(3);
        assert_eq!(codes(&run(&d)), vec!["so_hieu.number_draft"]);
    }
}
