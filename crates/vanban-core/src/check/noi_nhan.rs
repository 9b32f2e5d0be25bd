//! Nơi nhận (ô 9b), spec §3.9.

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath, Luu, LuuParts};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    luu_vt(doc, out);
    luu_units(doc, out);
    luu_line(doc, out);
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
        // The suggested line must itself be right: `VT` first.
        let quoted = quoted(&vt_first(&units));
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
/// without their full stop, which the renderer adds (`PL.`). In a typed
/// line they follow the unit list's full stop: `Lưu: VT, VP. PL.(300).`
fn drafter(doc: &Document, out: &mut Vec<Diagnostic>) {
    let d = match &doc.noi_nhan.luu {
        Some(Luu::Parts(LuuParts {
            drafter: Some(d), ..
        })) => d,
        Some(Luu::Line(line)) => {
            drafter_in_line(line, out);
            return;
        }
        _ => return,
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

fn drafter_in_line(line: &str, out: &mut Vec<Diagnostic>) {
    let Some(i) = line.find(". ") else {
        return;
    };
    let after = &line[i + 2..];
    let initials = after.split(['.', '(']).next().unwrap_or("").trim();
    if initials.is_empty() || !initials.chars().any(char::is_lowercase) {
        return;
    }
    let fixed = format!(
        "{}. {}",
        &line[..i],
        after.replacen(initials, &initials.to_uppercase(), 1)
    );
    let fixed = fixed_line(&fixed);
    out.push(
        diag(
            Severity::Warning,
            "noi_nhan.drafter",
            "noi_nhan.luu",
            format!("ký hiệu người soạn thảo viết chữ in hoa (đang là `{initials}`)"),
            format!("the drafter's initials are capitals (found `{initials}`)"),
        )
        .with_fix(fix(
            format!("ghi \"luu\": \"{fixed}\""),
            format!("write \"luu\": \"{fixed}\""),
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
    let units = match l {
        // A typed dash is luu_line's to report; the units are read past it.
        Luu::Line(line) => Luu::Line(
            line.trim()
                .trim_start_matches(['-', '–', '+', ' '])
                .to_string(),
        )
        .unit_names(),
        Luu::Parts(_) => l.unit_names(),
    };
    if units.first().map(|u| u.trim()) == Some("VT") {
        return;
    }
    if matches!(l, Luu::Parts(_)) && units.iter().any(|u| u.contains([',', '.', ';', ':'])) {
        return; // luu_units reports the units typed as one line first
    }
    let fixed_units = vt_first(&units);
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
            let fixed = fixed_line(line);
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

/// A typed Lưu line as it should be: no typed dash, the `Lưu:` label, `VT`
/// first in the unit list, a full stop at the end; the rest (copies, ô 12
/// `PL.(300).`) kept as written. Every rule that suggests a line suggests
/// this one, so that one fix settles them all.
fn fixed_line(line: &str) -> String {
    let body = line.trim().trim_start_matches(['-', '–', '+', ' ']);
    let lower = body.to_lowercase();
    let rest = if lower.starts_with("lưu:") {
        body.split_once(':').map_or("", |x| x.1)
    } else if lower.starts_with("lưu ") || lower == "lưu" {
        body.get("lưu".len()..).unwrap_or("")
    } else {
        body
    }
    .trim();
    // The unit list runs to the first full stop followed by a space (ô 12
    // comes after it) or to the end.
    let (list, after) = match rest.find(". ") {
        Some(i) => (&rest[..i], Some(rest[i + 2..].trim())),
        None => (rest.trim_end_matches(['.', ';', ',', ' ']), None),
    };
    let pieces: Vec<String> = list
        .split(',')
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    let name = |u: &str| u.split(" (").next().unwrap_or(u).trim().to_string();
    let mut units: Vec<String> = pieces.iter().filter(|u| name(u) != "VT").cloned().collect();
    let vt = pieces.iter().find(|u| name(u) == "VT").cloned();
    units.insert(0, vt.unwrap_or_else(|| "VT".into()));
    let mut s = format!("Lưu: {}.", units.join(", "));
    if let Some(a) = after.filter(|a| !a.is_empty()) {
        s.push(' ');
        s.push_str(a);
        if !s.ends_with('.') {
            s.push('.');
        }
    }
    s
}

/// The units with `VT` first (added when missing): the form every
/// suggested Lưu fix takes, so that following one fix never leads to the
/// next warning.
fn vt_first(units: &[String]) -> Vec<String> {
    let mut v: Vec<String> = units.iter().filter(|u| u.trim() != "VT").cloned().collect();
    v.insert(0, "VT".into());
    v
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
    let is_line = |t: &str| t.contains([',', '.', ';']) || t.to_lowercase().starts_with("lưu");
    // The whole list as it should be, every string cleaned and `VT` first,
    // so that the fix shown at any of the strings is the complete answer.
    let cleaned: Vec<String> = l
        .units
        .iter()
        .flat_map(|u| {
            let t = u.trim();
            let t = match t.split_once(':') {
                Some((head, rest)) if head.trim().to_lowercase() == "lưu" => rest,
                _ => t,
            };
            t.split([',', ';'])
                .map(|s| s.trim().trim_end_matches('.').trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    let parts = quoted(&vt_first(&cleaned));
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
        } else if is_line(t) {
            out.push(
                diag(
                    Severity::Warning,
                    "noi_nhan.luu_units",
                    p.index(i).to_string(),
                    format!("mỗi đơn vị lưu ghi một chuỗi riêng, không kèm \"Lưu:\" hay dấu câu (đang là `{t}`); chương trình tự viết `Lưu: VT, VP.`"),
                    format!("write each archiving unit as its own string, without \"Lưu:\" or punctuation (found `{t}`); the renderer writes `Lưu: VT, VP.`"),
                )
                .with_fix(fix(
                    format!("ghi \"units\": [{parts}]"),
                    format!("write \"units\": [{parts}]"),
                )),
            );
        }
    }
}

/// `noi_nhan.luu_line` (warning): a Lưu line typed whole (`"luu": "Lưu:
/// VT, Hồ sơ."`) is printed exactly as written after the renderer's `- `:
/// so it starts with `Lưu:`, has no dash of its own, and ends with `.`.
fn luu_line(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(Luu::Line(line)) = &doc.noi_nhan.luu else {
        return;
    };
    let t = line.trim();
    if t.is_empty() {
        out.push(
            diag(
                Severity::Warning,
                "noi_nhan.luu_line",
                "noi_nhan.luu",
                "dòng Lưu để trống",
                "the Lưu line is empty",
            )
            .with_fix(fix(
                "ghi \"luu\": \"Lưu: VT, VP.\" (VP: đơn vị soạn thảo)",
                "write \"luu\": \"Lưu: VT, VP.\" (VP: the drafting unit)",
            )),
        );
        return;
    }
    let body = t.trim_start_matches(['-', '–', '+', ' ']);
    let dashed = body.len() != t.len();
    let lower = body.to_lowercase();
    let labelled = lower.starts_with("lưu:");
    let fixed = fixed_line(t);
    let mut problems: Vec<(&str, &str)> = Vec::new();
    if dashed {
        problems.push((
            "dấu gạch đầu dòng `- ` do chương trình thêm, gõ thêm sẽ thành hai dấu",
            "the leading `- ` is added by the renderer; typing it doubles it",
        ));
    }
    if !labelled {
        problems.push((
            "dòng lưu bắt đầu bằng `Lưu:`",
            "the archive line starts with `Lưu:`",
        ));
    }
    if !t.ends_with('.') {
        problems.push((
            "dòng lưu kết thúc bằng dấu chấm",
            "the archive line ends with a full stop",
        ));
    }
    if problems.is_empty() {
        return;
    }
    let vi: Vec<&str> = problems.iter().map(|p| p.0).collect();
    let en: Vec<&str> = problems.iter().map(|p| p.1).collect();
    out.push(
        diag(
            Severity::Warning,
            "noi_nhan.luu_line",
            "noi_nhan.luu",
            format!(
                "dòng Lưu được in đúng như đã gõ: {} (đang là `{t}`)",
                vi.join("; ")
            ),
            format!(
                "the Lưu line is printed exactly as typed: {} (found `{t}`)",
                en.join("; ")
            ),
        )
        .with_fix(fix(
            format!("ghi \"luu\": \"{fixed}\""),
            format!("write \"luu\": \"{fixed}\""),
        )),
    );
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

    /// Every suggested fix is itself a right Lưu line: `VT` first.
    #[test]
    fn suggested_luu_fixes_carry_vt() {
        let mut d = good();
        d.noi_nhan.luu = Some(Luu::units(["Lưu: VP."]));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_units"]);
        assert!(
            ds[0].fix.as_ref().unwrap().en.contains("[\"VT\", \"VP\"]"),
            "{:?}",
            ds[0].fix
        );
        // Several strings: the fix is the whole list.
        d.noi_nhan.luu = Some(Luu::units(["VP.", "Hồ sơ"]));
        let ds = run(&d);
        assert!(
            ds[0]
                .fix
                .as_ref()
                .unwrap()
                .en
                .contains("[\"VT\", \"VP\", \"Hồ sơ\"]"),
            "{:?}",
            ds[0].fix
        );
        d.noi_nhan.luu = None;
        d.noi_nhan.entries.push("Lưu: VP.".into());
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.luu_entry"]);
        assert!(
            ds[0].fix.as_ref().unwrap().en.contains("[\"VT\", \"VP\"]"),
            "{:?}",
            ds[0].fix
        );
    }

    #[test]
    fn a_typed_luu_line_is_printed_as_written() {
        let mut d = good();
        for ok in [
            "Lưu: VT, Hồ sơ.",
            "Lưu: VT, HC (2).",
            "Lưu: VT, VP. PL.(300).",
        ] {
            d.noi_nhan.luu = Some(Luu::Line(ok.into()));
            assert!(run(&d).is_empty(), "{ok}: {:#?}", run(&d));
        }
        for (bad, want) in [
            ("- Lưu: VT, VP.", "Lưu: VT, VP."),
            ("Lưu: VT, Hồ sơ", "Lưu: VT, Hồ sơ."),
            ("VT, VP.", "Lưu: VT, VP."),
            ("- Lưu: VP", "Lưu: VT, VP."),
            ("Lưu: VP (2). PL.(300)", "Lưu: VT, VP (2). PL.(300)."),
        ] {
            d.noi_nhan.luu = Some(Luu::Line(bad.into()));
            let ds = run(&d);
            assert!(codes(&ds).contains(&"noi_nhan.luu_line"), "{bad}: {ds:#?}");
            for x in &ds {
                assert_eq!(x.path, "noi_nhan.luu", "{bad}");
                let f = &x.fix.as_ref().unwrap().en;
                assert!(f.contains(&format!("\"{want}\"")), "{bad}: {f}");
            }
        }
        d.noi_nhan.luu = Some(Luu::Line("- Lưu: VP".into()));
        assert_eq!(
            codes(&run(&d)),
            vec!["noi_nhan.luu_vt", "noi_nhan.luu_line"]
        );
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
        d.noi_nhan.luu = Some(Luu::Line("Lưu: VT, VP. pl.(300).".into()));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["noi_nhan.drafter"]);
        assert!(
            ds[0]
                .fix
                .as_ref()
                .unwrap()
                .vi
                .contains("\"Lưu: VT, VP. PL.(300).\""),
            "{:?}",
            ds[0].fix
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
