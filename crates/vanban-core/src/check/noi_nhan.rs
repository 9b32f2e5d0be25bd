//! Nơi nhận (ô 9b), spec §3.9.

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath, Luu, LuuParts};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    luu_vt(doc, out);
    luu_units(doc, out);
    entries(doc, out);
    luu_entry(doc, out);
    nhu_tren(doc, out);
    drafter(doc, out);
}

fn is_luu_line(s: &str) -> bool {
    let l = s.trim_start_matches(['-', ' ']).to_lowercase();
    l.starts_with("lưu:") || l.starts_with("lưu ")
}

/// `noi_nhan.luu_entry` (warning): the archive line typed as an ordinary
/// entry; it belongs in `luu`, which prints it last and in the right form.
fn luu_entry(doc: &Document, out: &mut Vec<Diagnostic>) {
    let p = JsonPath::default().key("noi_nhan").key("entries");
    for (i, e) in doc.noi_nhan.entries.iter().enumerate() {
        let t = e.plain_text();
        if !is_luu_line(&t) {
            continue;
        }
        let units: Vec<String> = t
            .split_once([':', ' '])
            .map_or("", |x| x.1)
            .split([',', ';'])
            .map(|u| u.trim().trim_end_matches('.').trim().to_string())
            .filter(|u| !u.is_empty())
            .collect();
        let quoted = units
            .iter()
            .map(|u| format!("\"{u}\""))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            diag(
                Severity::Warning,
                "noi_nhan.luu_entry",
                p.index(i).to_string(),
                "dòng Lưu được ghi như một nơi nhận; ghi ở \"luu\" để được in đúng dạng ở cuối danh sách",
                "the archive line is typed as an entry; put it in \"luu\" so it is printed last, in the right form",
            )
            .with_fix(fix(
                format!("xóa dòng này và thêm \"luu\": {{\"units\": [{quoted}]}} vào \"noi_nhan\""),
                format!("remove this entry and add \"luu\": {{\"units\": [{quoted}]}} to \"noi_nhan\""),
            )),
        );
    }
}

/// `noi_nhan.nhu_tren` (note): when there is a "Kính gửi", the Nơi nhận
/// opens with `- Như trên;` standing for those addressees (§3.9).
fn nhu_tren(doc: &Document, out: &mut Vec<Diagnostic>) {
    use crate::kind::DocumentKind::{BaoCao, CongVan, ToTrinh};
    if doc.kinh_gui.is_empty() || !matches!(doc.kind, CongVan | ToTrinh | BaoCao) {
        return; // kind.kinh_gui reports a Kính gửi the kind does not use
    }
    let first = doc.noi_nhan.entries.first().map(|e| e.plain_text());
    if first
        .as_deref()
        .is_some_and(|f| f.trim().to_lowercase().starts_with("như trên"))
    {
        return;
    }
    out.push(
        diag(
            Severity::Note,
            "noi_nhan.nhu_tren",
            "noi_nhan.entries",
            "văn bản có \"Kính gửi\" thì dòng đầu của nơi nhận là `- Như trên;`",
            "with a \"Kính gửi\", the distribution list opens with `- Như trên;`",
        )
        .with_fix(fix(
            "thêm \"Như trên;\" vào đầu \"entries\"",
            "add \"Như trên;\" as the first entry",
        )),
    );
}

/// `noi_nhan.drafter` (warning): the drafter's initials (ô 12) are capitals
/// without their full stop, which the renderer adds (`PL.`).
fn drafter(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(Luu::Parts(LuuParts {
        drafter: Some(d), ..
    })) = &doc.noi_nhan.luu
    else {
        return;
    };
    let t = d.trim();
    let fixed = t.trim_end_matches('.').to_uppercase();
    if fixed == t || t.is_empty() {
        return;
    }
    out.push(
        diag(
            Severity::Warning,
            "noi_nhan.drafter",
            "noi_nhan.luu.drafter",
            format!("ký hiệu người soạn thảo viết chữ in hoa, không kèm dấu chấm (đang là `{t}`)"),
            format!("the drafter's initials are capitals without a full stop (found `{t}`)"),
        )
        .with_fix(fix(
            format!("ghi \"drafter\": \"{fixed}\""),
            format!("write \"drafter\": \"{fixed}\""),
        )),
    );
}

/// `noi_nhan.luu_vt` (warning): the list closes with `- Lưu: VT, …` — the
/// văn thư keeps the original, so `VT` comes first.
fn luu_vt(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(l) = &doc.noi_nhan.luu else {
        if doc
            .noi_nhan
            .entries
            .iter()
            .any(|e| is_luu_line(&e.plain_text()))
        {
            return; // luu_entry says where it is and how to move it
        }
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
    let units = l.unit_names();
    if units.first().map(|u| u.trim()) == Some("VT") {
        return;
    }
    if units.iter().any(|u| u.contains([',', '.', ';', ':'])) {
        return; // luu_units reports the units typed as one line first
    }
    let mut fixed_units = units.clone();
    fixed_units.retain(|u| u.trim() != "VT");
    fixed_units.insert(0, "VT".into());
    let has_vt = fixed_units.len() == units.len();
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
    // The fix keeps the author's form: parts stay parts, a typed line
    // stays a line with `VT` put first.
    let (path, fix_vi, fix_en) = match l {
        Luu::Parts(p) => {
            let fixed = Luu::Parts(LuuParts {
                units: fixed_units.clone(),
                ..p.clone()
            });
            let q = quoted(&fixed_units);
            (
                "noi_nhan.luu.units",
                format!("ghi `{}`: \"units\": [{q}]", fixed.text()),
                format!("write `{}`: \"units\": [{q}]", fixed.text()),
            )
        }
        Luu::Line(line) => {
            let fixed = fixed_line(line, &units, &fixed_units);
            (
                "noi_nhan.luu",
                format!("ghi \"luu\": \"{fixed}\""),
                format!("write \"luu\": \"{fixed}\""),
            )
        }
    };
    out.push(
        diag(
            Severity::Warning,
            "noi_nhan.luu_vt",
            path,
            format!("{vi}: đang là `{}`", l.text()),
            format!("{en}: it reads `{}`", l.text()),
        )
        .with_fix(fix(fix_vi, fix_en)),
    );
}

/// A typed Lưu line with its unit list replaced, the rest (copies, ô 12)
/// kept as written.
fn fixed_line(line: &str, units: &[String], fixed: &[String]) -> String {
    let old = units.join(", ");
    let new = fixed.join(", ");
    if !old.is_empty() && line.contains(&old) {
        return line.replacen(&old, &new, 1);
    }
    format!("Lưu: {new}.")
}

fn quoted(units: &[String]) -> String {
    units
        .iter()
        .map(|u| format!("\"{u}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `noi_nhan.luu_units` (warning): one unit per string, without the
/// punctuation the renderer writes (`Lưu: VT, VP.`).
fn luu_units(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(Luu::Parts(l)) = &doc.noi_nhan.luu else {
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
        if !t.ends_with(';') && !is_luu_line(t) {
            // The fix is the whole corrected entry, without a typed dash too.
            let body = t.trim_start_matches(['-', '–', '+', ' ']);
            let fixed = format!("{};", body.trim_end_matches(['.', ',', ':', ';', ' ']));
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
    use crate::document::{Luu, LuuParts};

    fn parts(d: &mut crate::Document) -> &mut LuuParts {
        match d.noi_nhan.luu.as_mut().unwrap() {
            Luu::Parts(p) => p,
            Luu::Line(_) => panic!("the test document has the parts form"),
        }
    }

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    #[test]
    fn luu_must_start_with_vt() {
        let mut d = good();
        parts(&mut d).units = vec!["VP".into()];
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_vt"]);
        assert_eq!(ds[0].path, "noi_nhan.luu.units");
        assert!(ds[0].message.vi.contains("`Lưu: VP.`"));
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`Lưu: VT, VP.`"));
        parts(&mut d).units = vec!["VP".into(), "VT".into()];
        assert!(run(&d)[0].message.en.contains("must come first"));
        d.noi_nhan.luu = None;
        assert_eq!(codes(&run(&d)), vec!["noi_nhan.luu_vt"]);
    }

    #[test]
    fn a_typed_luu_line_is_checked_and_fixed_in_its_own_form() {
        let mut d = good();
        d.noi_nhan.luu = Some(Luu::Line("Lưu: VT, Hồ sơ.".into()));
        assert!(run(&d).is_empty());
        d.noi_nhan.luu = Some(Luu::Line("Lưu: VP, Hồ sơ (2).".into()));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_vt"]);
        assert_eq!(ds[0].path, "noi_nhan.luu");
        let fix = &ds[0].fix.as_ref().unwrap().en;
        assert!(fix.contains("\"Lưu: VT, VP, Hồ sơ (2).\""), "{fix}");
    }

    #[test]
    fn luu_units_without_punctuation() {
        let mut d = good();
        d.noi_nhan.luu = Some(Luu::units(["Lưu: VT, VP."]));
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
    fn luu_typed_as_an_entry() {
        let mut d = good();
        d.noi_nhan.luu = None;
        d.noi_nhan.entries.push("Lưu: VT, VP.".into());
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_entry"]);
        assert!(
            ds[0].fix.as_ref().unwrap().en.contains("[\"VT\", \"VP\"]"),
            "{:?}",
            ds[0].fix
        );
    }

    #[test]
    fn nhu_tren_first_when_there_is_a_kinh_gui() {
        let mut d = good();
        d.kind = crate::kind::DocumentKind::BaoCao;
        d.kinh_gui = vec!["UBND huyện".into()];
        let ds = run(&d);
        assert!(codes(&ds).contains(&"noi_nhan.nhu_tren"));
        d.noi_nhan.entries.insert(0, "Như trên;".into());
        assert!(!codes(&run(&d)).contains(&"noi_nhan.nhu_tren"));
    }

    #[test]
    fn drafter_initials_in_capitals() {
        let mut d = good();
        parts(&mut d).drafter = Some("PL".into());
        assert!(run(&d).is_empty());
        parts(&mut d).drafter = Some("pl.".into());
        assert_eq!(codes(&run(&d)), vec!["noi_nhan.drafter"]);
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
