//! Nơi nhận (ô 9b), spec §3.9.

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath, Luu};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    luu_vt(doc, out);
    luu_units(doc, out);
    entries(doc, out);
}

/// `noi_nhan.luu_vt` (warning): the list closes with `- Lưu: VT, …` — the
/// văn thư keeps the original, so `VT` comes first.
fn luu_vt(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(l) = &doc.noi_nhan.luu else {
        out.push(
            diag(
                Severity::Warning,
                "noi_nhan.luu_vt",
                "noi_nhan.luu",
                "nơi nhận thiếu dòng cuối `- Lưu: VT, …` (văn thư lưu bản gốc)",
                "the distribution list lacks its closing line `- Lưu: VT, …` (the văn thư keeps the original)",
            )
            .with_fix(fix(
                "thêm \"luu\": {\"units\": [\"VT\", \"VP\"]} vào \"noi_nhan\" (VP: đơn vị soạn thảo)",
                "add \"luu\": {\"units\": [\"VT\", \"VP\"]} to \"noi_nhan\" (VP: the drafting unit)",
            )),
        );
        return;
    };
    if l.units.first().map(|u| u.trim()) == Some("VT") {
        return;
    }
    if l.units.iter().any(|u| u.contains([',', '.', ';', ':'])) {
        return; // luu_units reports the units typed as one line first
    }
    let mut fixed = l.clone();
    fixed.units.retain(|u| u.trim() != "VT");
    fixed.units.insert(0, "VT".into());
    let has_vt = fixed.units.len() == l.units.len();
    let (vi, en) = if has_vt {
        (
            "`VT` (văn thư) phải đứng đầu dòng Lưu",
            "`VT` (văn thư) must come first in the archive line",
        )
    } else {
        (
            "dòng Lưu thiếu `VT` (văn thư lưu bản gốc)",
            "the archive line lacks `VT` (the văn thư keeps the original)",
        )
    };
    out.push(
        diag(
            Severity::Warning,
            "noi_nhan.luu_vt",
            "noi_nhan.luu.units",
            format!("{vi}: đang là `{}`", l.text()),
            format!("{en}: it reads `{}`", l.text()),
        )
        .with_fix(fix(
            format!("ghi `{}`: \"units\": [{}]", fixed.text(), quoted(&fixed)),
            format!("write `{}`: \"units\": [{}]", fixed.text(), quoted(&fixed)),
        )),
    );
}

fn quoted(l: &Luu) -> String {
    l.units
        .iter()
        .map(|u| format!("\"{u}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `noi_nhan.luu_units` (warning): one unit per string, without the
/// punctuation the renderer writes (`Lưu: VT, VP.`).
fn luu_units(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(l) = &doc.noi_nhan.luu else {
        return;
    };
    let p = JsonPath::default().key("noi_nhan").key("luu").key("units");
    if l.units.is_empty() {
        return; // luu_vt reports it
    }
    for (i, u) in l.units.iter().enumerate() {
        let t = u.trim();
        if t.is_empty() {
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.luu_units",
                    p.index(i).to_string(),
                    "đơn vị lưu để trống",
                    "an archiving unit is empty",
                )
                .with_fix(fix("xóa chuỗi rỗng này", "remove this empty string")),
            );
        } else if t.contains([',', '.', ';']) || t.to_lowercase().starts_with("lưu") {
            let parts: Vec<String> = t
                .trim_start_matches(|c: char| c != ':' && t.contains(':'))
                .trim_start_matches(':')
                .split([',', ';'])
                .map(|s| s.trim().trim_end_matches('.').trim())
                .filter(|s| !s.is_empty())
                .map(|s| format!("\"{s}\""))
                .collect();
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.luu_units",
                    p.index(i).to_string(),
                    format!("mỗi đơn vị lưu ghi một chuỗi riêng, không kèm \"Lưu:\" hay dấu câu (đang là `{t}`); chương trình tự viết `Lưu: VT, VP.`"),
                    format!("write each archiving unit as its own string, without \"Lưu:\" or punctuation (found `{t}`); the renderer writes `Lưu: VT, VP.`"),
                )
                .with_fix(fix(
                    format!("ghi \"units\": [{}]", parts.join(", ")),
                    format!("write \"units\": [{}]", parts.join(", ")),
                )),
            );
        }
    }
}

/// `noi_nhan.entry_end` (warning): every entry ends with `;` — the list is
/// closed by the Lưu line's full stop. `noi_nhan.entry_dash` (warning): the
/// renderer adds the leading `- `, so a typed one would be doubled.
fn entries(doc: &Document, out: &mut Vec<Diagnostic>) {
    let p = JsonPath::default().key("noi_nhan").key("entries");
    for (i, e) in doc.noi_nhan.entries.iter().enumerate() {
        let text = e.plain_text();
        let t = text.trim();
        let path = p.index(i).to_string();
        if t.is_empty() {
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.entry_end",
                    path,
                    "dòng nơi nhận để trống",
                    "an entry of the distribution list is empty",
                )
                .with_fix(fix("xóa dòng trống này", "remove this empty entry")),
            );
            continue;
        }
        if let Some(rest) = t.strip_prefix(['-', '–', '+']) {
            let rest = rest.trim_start();
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.entry_dash",
                    path.clone(),
                    "dấu gạch đầu dòng `- ` do chương trình thêm; gõ thêm sẽ thành hai dấu",
                    "the leading `- ` is added by the renderer; typing it doubles it",
                )
                .with_fix(fix(format!("ghi `{rest}`"), format!("write `{rest}`"))),
            );
        }
        if !t.ends_with(';') {
            let fixed = format!("{};", t.trim_end_matches(['.', ',', ':', ';', ' ']));
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.entry_end",
                    path,
                    format!(
                        "mỗi dòng nơi nhận kết thúc bằng dấu chấm phẩy `;` (đang là `{}`)",
                        tail(t)
                    ),
                    format!(
                        "each entry of the distribution list ends with `;` (found `{}`)",
                        tail(t)
                    ),
                )
                .with_fix(fix(
                    format!("ghi `{}`", tail(&fixed)),
                    format!("write `{}`", tail(&fixed)),
                )),
            );
        }
    }
}

/// The last few words of a long text, for messages.
pub(super) fn tail(s: &str) -> String {
    let n = s.chars().count();
    if n <= 40 {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(n - 40).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::document::Luu;

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    #[test]
    fn luu_must_start_with_vt() {
        let mut d = good();
        d.noi_nhan.luu.as_mut().unwrap().units = vec!["VP".into()];
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_vt"]);
        assert_eq!(ds[0].path, "noi_nhan.luu.units");
        assert!(ds[0].message.vi.contains("`Lưu: VP.`"));
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`Lưu: VT, VP.`"));
        d.noi_nhan.luu.as_mut().unwrap().units = vec!["VP".into(), "VT".into()];
        assert!(run(&d)[0].message.en.contains("must come first"));
        d.noi_nhan.luu = None;
        assert_eq!(codes(&run(&d)), vec!["noi_nhan.luu_vt"]);
    }

    #[test]
    fn luu_units_without_punctuation() {
        let mut d = good();
        d.noi_nhan.luu = Some(Luu {
            units: vec!["Lưu: VT, VP.".into()],
            copies: None,
            drafter: None,
            issued: None,
        });
        let ds = run(&d);
        assert!(codes(&ds).contains(&"noi_nhan.luu_units"), "{ds:#?}");
        let u = ds.iter().find(|x| x.code == "noi_nhan.luu_units").unwrap();
        assert!(
            u.fix.as_ref().unwrap().en.contains("[\"VT\", \"VP\"]"),
            "{:?}",
            u.fix
        );
    }

    #[test]
    fn entries_end_with_semicolon_without_dash() {
        let mut d = good();
        d.noi_nhan.entries = vec!["TT Đảng ủy xã".into(), "- Cán bộ xã;".into()];
        let ds = run(&d);
        assert_eq!(
            codes(&ds),
            vec!["noi_nhan.entry_end", "noi_nhan.entry_dash"]
        );
        assert_eq!(ds[0].path, "noi_nhan.entries[0]");
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`TT Đảng ủy xã;`"));
        assert_eq!(ds[1].path, "noi_nhan.entries[1]");
    }
}
