//! Trích yếu (ô 5a/5b), Kính gửi (ô 9a) and file metadata.

use super::noi_nhan::tail;
use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    trich_yeu(doc, out);
    vv(doc, out);
    kinh_gui(doc, out);
    created(doc, out);
}

/// `trich_yeu.punctuation` (note): the subject line is a phrase without a
/// closing full stop (`Về việc …`).
fn trich_yeu(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(last) = doc.trich_yeu.0.last() else {
        return;
    };
    let t = last.trim_end();
    if !t.ends_with(['.', ';', ',']) || t.ends_with("...") {
        return;
    }
    let path = if doc.trich_yeu.0.len() == 1 {
        "trich_yeu".to_string()
    } else {
        JsonPath::default()
            .key("trich_yeu")
            .index(doc.trich_yeu.0.len() - 1)
            .to_string()
    };
    let fixed = t.trim_end_matches(['.', ';', ',']);
    out.push(
        diag(
            Severity::Note,
            "trich_yeu.punctuation",
            path,
            "trích yếu là một cụm từ, không có dấu chấm cuối",
            "the subject line is a phrase without a final full stop",
        )
        .with_fix(fix(
            format!("ghi `{}`", tail(fixed)),
            format!("write `{}`", tail(fixed)),
        )),
    );
}

/// The trích yếu's first line without a leading `V/v` (any case, with or
/// without its space), if it has one.
fn strip_vv(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let head = t.get(..3)?;
    head.eq_ignore_ascii_case("v/v")
        .then(|| t[3..].trim_start())
}

/// `trich_yeu.vv` (warning): `V/v` ("về việc") opens the trích yếu of a
/// công văn, and only of a công văn (ô 5b): a document with a type name
/// writes its trích yếu under the name, `Về việc …` in full (§3.5).
fn vv(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(first) = doc.trich_yeu.0.first() else {
        return;
    };
    if first.trim().is_empty() {
        return; // text.empty reports it
    }
    let path = if doc.trich_yeu.0.len() == 1 {
        "trich_yeu".to_string()
    } else {
        JsonPath::default().key("trich_yeu").index(0).to_string()
    };
    let name = doc.kind.name_vi();
    match (doc.kind.type_name(), strip_vv(first)) {
        (Some(type_name), Some(rest)) => {
            let fixed = format!("Về việc {rest}");
            out.push(
                diag(
                    Severity::Warning,
                    "trich_yeu.vv",
                    path,
                    format!("chỉ công văn mới viết tắt `V/v` ở đầu trích yếu; {name} có tên loại `{type_name}` và trích yếu ghi đầy đủ dưới tên loại"),
                    format!("only a công văn abbreviates `V/v` at the start of its subject line; a {name} has the type name `{type_name}` and a subject line written in full under it"),
                )
                .with_fix(fix(format!("ghi `{}`", tail(&fixed)), format!("write `{}`", tail(&fixed)))),
            );
        }
        (None, None) => {
            let t = first.trim();
            let rest = ["Về việc ", "về việc "]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .unwrap_or(t);
            let fixed = format!("V/v {rest}");
            out.push(
                diag(
                    Severity::Warning,
                    "trich_yeu.vv",
                    path,
                    format!("trích yếu của công văn bắt đầu bằng `V/v` (về việc), in dưới số, ký hiệu; đang là `{}`", tail(t)),
                    format!("a công văn's subject line starts with `V/v` (về việc), printed under its number; found `{}`", tail(t)),
                )
                .with_fix(fix(format!("ghi `{}`", tail(&fixed)), format!("write `{}`", tail(&fixed)))),
            );
        }
        _ => {}
    }
}

/// `kinh_gui.punctuation` (warning): with two or more addressees each line
/// ends with `;` and the last with `.` (§3.9, [2S]).
fn kinh_gui(doc: &Document, out: &mut Vec<Diagnostic>) {
    let n = doc.kinh_gui.len();
    if n < 2 {
        return;
    }
    let p = JsonPath::default().key("kinh_gui");
    for (i, k) in doc.kinh_gui.iter().enumerate() {
        let text = k.plain_text();
        let t = text.trim_end();
        let want = if i + 1 == n { '.' } else { ';' };
        if t.is_empty() || t.ends_with(want) {
            continue;
        }
        let fixed = format!("{}{want}", t.trim_end_matches(['.', ';', ',', ':', ' ']));
        out.push(
            diag(
                Severity::Warning,
                "kinh_gui.punctuation",
                p.index(i).to_string(),
                format!("khi kính gửi nhiều nơi, mỗi dòng kết thúc bằng `;`, dòng cuối bằng `.` (đang là `{}`)", tail(t)),
                format!("with several addressees each line ends with `;` and the last with `.` (found `{}`)", tail(t)),
            )
            .with_fix(fix(format!("ghi `{}`", tail(&fixed)), format!("write `{}`", tail(&fixed)))),
        );
    }
}

/// `metadata.created` (error): written into the PDF and DOCX as a W3C
/// date-time; anything else would make the files invalid.
fn created(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(c) = &doc.metadata.created else {
        return;
    };
    let c = c.trim();
    let ok = chrono::NaiveDate::parse_from_str(c, "%Y-%m-%d").is_ok()
        || chrono::NaiveDateTime::parse_from_str(c, "%Y-%m-%dT%H:%M:%S").is_ok()
        || chrono::DateTime::parse_from_rfc3339(c).is_ok();
    if ok {
        return;
    }
    out.push(
        diag(
            Severity::Error,
            "metadata.created",
            "metadata.created",
            format!("thời điểm tạo `{c}` không đúng dạng"),
            format!("the creation time `{c}` is not in a valid form"),
        )
        .with_fix(fix(
            "ghi dạng \"2025-03-06T09:15:00\" (giờ Việt Nam) hoặc \"2025-03-06\", hoặc bỏ trường này",
            "write \"2025-03-06T09:15:00\" (Vietnam time) or \"2025-03-06\", or remove the field",
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::kind::DocumentKind;

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    #[test]
    fn subject_line_without_full_stop() {
        let mut d = good();
        d.trich_yeu.0 = vec!["Về việc A".into(), "và B.".into()];
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["trich_yeu.punctuation"]);
        assert_eq!(ds[0].path, "trich_yeu[1]");
    }

    #[test]
    fn v_v_only_and_always_on_a_cong_van() {
        let mut d = good();
        d.trich_yeu.0 = vec!["V/v công khai kết quả".into()];
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["trich_yeu.vv"]);
        assert_eq!(ds[0].path, "trich_yeu");
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .vi
            .contains("`Về việc công khai kết quả`"));
        let mut cv = good();
        cv.kind = DocumentKind::CongVan;
        cv.so_hieu.unit = Some("VP".into());
        cv.kinh_gui = vec!["UBND huyện Mê Linh".into()];
        cv.noi_nhan.entries.insert(0, "Như trên;".into());
        // good()'s trích yếu, `Về việc …`, is a typed document's.
        let ds = run(&cv);
        assert_eq!(codes(&ds), vec!["trich_yeu.vv"]);
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .en
            .contains("`V/v công khai kết quả`"));
        cv.trich_yeu.0 = vec!["v/v công khai".into(), "kết quả".into()];
        assert!(run(&cv).is_empty(), "{:#?}", run(&cv));
        cv.trich_yeu.0 = vec!["Báo cáo kết quả".into(), "quý I".into()];
        let ds = run(&cv);
        assert_eq!(codes(&ds), vec!["trich_yeu.vv"]);
        assert_eq!(ds[0].path, "trich_yeu[0]");
    }

    #[test]
    fn several_addressees_are_punctuated() {
        let mut d = good();
        d.kind = DocumentKind::BaoCao;
        d.noi_nhan.entries.insert(0, "Như trên;".into());
        d.kinh_gui = vec!["UBND huyện Mê Linh;".into(), "Phòng Nội vụ huyện.".into()];
        assert!(run(&d).is_empty());
        d.kinh_gui = vec!["UBND huyện Mê Linh".into(), "Phòng Nội vụ huyện".into()];
        let ds = run(&d);
        assert_eq!(
            codes(&ds),
            vec!["kinh_gui.punctuation", "kinh_gui.punctuation"]
        );
        assert!(ds[1]
            .fix
            .as_ref()
            .unwrap()
            .en
            .contains("`Phòng Nội vụ huyện.`"));
        d.kinh_gui = vec!["UBND huyện Mê Linh".into()];
        assert!(run(&d).is_empty());
    }

    #[test]
    fn creation_time_must_be_a_date_time() {
        let mut d = good();
        for ok in [
            "2025-03-06",
            "2025-03-06T09:15:00",
            "2025-03-06T09:15:00+07:00",
        ] {
            d.metadata.created = Some(ok.into());
            assert!(run(&d).is_empty(), "{ok}");
        }
        d.metadata.created = Some("06/03/2025".into());
        assert_eq!(codes(&run(&d)), vec!["metadata.created"]);
    }
}
