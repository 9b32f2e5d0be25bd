//! Quyền hạn, chức vụ, họ tên người ký (ô 7a, 7b), spec §3.7, and the
//! upper-case components of the header (§3.2).

use super::{diag, fix, is_upper, line_paths};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Document, JsonPath};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    authority_prefix(doc, out);
    tm_collective(doc, out);
    kt_deputy(doc, out);
    post_prefix(doc, out);
    title_before_name(doc, out);
    name_case(doc, out);
    upper_case(doc, out);
}

/// The signing-authority prefixes of Điều 13. Each is matched with its dot
/// or a space after it, so `Q.` never catches a word such as `QUYỀN`.
const PREFIXES: &[&str] = &["TUQ.", "TM.", "KT.", "TL.", "Q."];

/// The prefix of an authority line and the rest of the line. `TM.ỦY BAN`
/// (no space), `TM ỦY BAN` (no dot) and `T.M.` are read as the same prefix,
/// so that the fix can say how to write it.
fn prefix_of(line: &str) -> Option<(&'static str, &str)> {
    let t = line.trim_start();
    let starts = |p: &str| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    for p in PREFIXES {
        let bare = p.trim_end_matches('.');
        let dotted: String = bare.chars().flat_map(|c| [c, '.']).collect();
        for form in [dotted.as_str(), p, &format!("{bare} ")] {
            if starts(form) {
                return Some((p, &t[form.len()..]));
            }
        }
    }
    None
}

/// `signature.authority_prefix` (warning): every authority line starts with
/// `TM.`, `KT.`, `Q.`, `TL.` or `TUQ.` followed by a space; the signer's own
/// post goes in `post`.
fn authority_prefix(doc: &Document, out: &mut Vec<Diagnostic>) {
    let p = JsonPath::default().key("signature").key("authority");
    for (i, line) in doc.signature.authority.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            out.push(
                diag(
                    Severity::Warning,
                    "signature.authority_prefix",
                    p.index(i).to_string(),
                    "dòng thẩm quyền ký để trống",
                    "an authority line is empty",
                )
                .with_fix(fix("xóa dòng trống này", "remove this empty line")),
            );
            continue;
        }
        match prefix_of(t) {
            Some((want, rest)) => {
                let good = format!("{want} {}", rest.trim_start());
                if good != t {
                    out.push(
                        diag(Severity::Warning, "signature.authority_prefix", p.index(i).to_string(), format!("viết tắt thẩm quyền ký ghi là `{want}` và một dấu cách (đang là `{t}`)"), format!("the authority prefix is written `{want}` followed by one space (found `{t}`)"))
                            .with_fix(fix(format!("ghi `{good}`"), format!("write `{good}`"))),
                    );
                }
            }
            None => out.push(
                diag(
                    Severity::Warning,
                    "signature.authority_prefix",
                    p.index(i).to_string(),
                    format!("dòng thẩm quyền ký `{t}` không bắt đầu bằng TM., KT., Q., TL. hoặc TUQ."),
                    format!("the authority line `{t}` does not start with TM., KT., Q., TL. or TUQ."),
                )
                .with_fix(fix(
                    "thêm viết tắt thẩm quyền (ví dụ `KT. CHỦ TỊCH`); chức vụ của người ký ghi ở \"post\", không ghi ở \"authority\"",
                    "add the authority prefix (e.g. `KT. CHỦ TỊCH`); the signer's own post goes in \"post\", not in \"authority\"",
                )),
            ),
        }
    }
}

/// Whether an upper-case post names one person rather than a collective
/// body: heads (`CHỦ TỊCH`, `GIÁM ĐỐC`, `… TRƯỞNG`) and deputies (`PHÓ …`).
fn is_personal_post(post: &str) -> bool {
    let u = post.trim().to_uppercase();
    let words: Vec<&str> = u.split_whitespace().collect();
    const HEADS: &[&str] = &[
        "CHỦ TỊCH",
        "PHÓ",
        "GIÁM ĐỐC",
        "TỔNG GIÁM ĐỐC",
        "THỦ TƯỚNG",
        "CHÁNH",
        "TRƯỞNG",
        "HIỆU TRƯỞNG",
        "TỔNG BÍ THƯ",
        "BÍ THƯ",
    ];
    HEADS
        .iter()
        .any(|h| u == *h || u.starts_with(&format!("{h} ")))
        || words.iter().take(2).any(|w| *w == "TRƯỞNG")
}

/// `signature.tm_collective` (warning): `TM.` (on behalf of) is followed by
/// the collective body (`TM. ỦY BAN NHÂN DÂN`), not by a post.
fn tm_collective(doc: &Document, out: &mut Vec<Diagnostic>) {
    let p = JsonPath::default().key("signature").key("authority");
    for (i, line) in doc.signature.authority.iter().enumerate() {
        let Some(("TM.", rest)) = prefix_of(line) else {
            continue;
        };
        let rest = rest.trim();
        if !is_personal_post(rest) {
            continue;
        }
        out.push(
            diag(
                Severity::Warning,
                "signature.tm_collective",
                p.index(i).to_string(),
                format!("`TM.` (thay mặt) đi với tập thể, ví dụ `TM. ỦY BAN NHÂN DÂN`; `{rest}` là chức vụ của một người"),
                format!("`TM.` (on behalf of) is followed by the collective body, e.g. `TM. ỦY BAN NHÂN DÂN`; `{rest}` is one person's post"),
            )
            .with_fix(fix(
                format!("ghi `TM. <TÊN TẬP THỂ>` rồi chức vụ `{rest}` ở \"post\"; cấp phó ký thay thì dùng `KT. {rest}`"),
                format!("write `TM. <COLLECTIVE BODY>` with `{rest}` in \"post\"; a deputy signing for the head uses `KT. {rest}`"),
            )),
        );
    }
}

/// The head's post a deputy's post stands under: `PHÓ CHỦ TỊCH`,
/// `P. CHỦ TỊCH` and `P.CHỦ TỊCH` (as real documents abbreviate it) give
/// `CHỦ TỊCH`; `THỨ TRƯỞNG` gives `BỘ TRƯỞNG`. `None` for a head's post.
fn deputy_of(post: &str) -> Option<String> {
    let u = post.to_uppercase();
    let words: Vec<&str> = u.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    let head = match *first {
        "PHÓ" | "P." => rest.join(" "),
        "THỨ" if rest.first() == Some(&"TRƯỞNG") => return Some("BỘ TRƯỞNG".into()),
        // `P.CHỦ TỊCH`: the abbreviation glued to the post.
        w => match w.strip_prefix("P.") {
            Some(glued) if !glued.is_empty() => std::iter::once(glued)
                .chain(rest.iter().copied())
                .collect::<Vec<_>>()
                .join(" "),
            _ => return None,
        },
    };
    (!head.is_empty()).then_some(head)
}

fn is_deputy_post(post: &str) -> bool {
    deputy_of(post).is_some()
}

/// `signature.kt_deputy` (warning): `KT.` (signs in place of) is the last
/// authority line and the post under it is a deputy's (`PHÓ CHỦ TỊCH`); a
/// deputy's post without `KT.` above it is the same slip the other way round.
fn kt_deputy(doc: &Document, out: &mut Vec<Diagnostic>) {
    let s = &doc.signature;
    let p = JsonPath::default().key("signature");
    let n = s.authority.len();
    for (i, line) in s.authority.iter().enumerate() {
        let Some(("KT.", head)) = prefix_of(line) else {
            continue;
        };
        let head = head.trim();
        if i + 1 < n {
            out.push(
                diag(Severity::Warning, "signature.kt_deputy", p.key("authority").index(i).to_string(), "dòng `KT.` phải là dòng thẩm quyền cuối cùng, ngay trên chức vụ của cấp phó", "the `KT.` line must be the last authority line, directly above the deputy's post")
                    .with_fix(fix("đưa dòng `KT. …` xuống cuối \"authority\"", "move the `KT. …` line to the end of \"authority\"")),
            );
        } else if !s.post.trim().is_empty() && !is_deputy_post(&s.post) {
            let want = format!("PHÓ {head}");
            out.push(
                diag(
                    Severity::Warning,
                    "signature.kt_deputy",
                    p.key("post").to_string(),
                    format!("`KT. {head}` (ký thay) là cấp phó ký thay cấp trưởng, nên chức vụ là của cấp phó (ví dụ `{want}`), không phải `{}`", s.post.trim()),
                    format!("`KT. {head}` means a deputy signs for the head, so the post is a deputy's (e.g. `{want}`), not `{}`", s.post.trim()),
                )
                .with_fix(fix(
                    format!("ghi \"post\": \"{want}\"; nếu cấp trưởng tự ký thì bỏ dòng `KT.`"),
                    format!("write \"post\": \"{want}\"; if the head signs, remove the `KT.` line"),
                )),
            );
        }
    }
    let has_kt = s
        .authority
        .iter()
        .any(|l| matches!(prefix_of(l), Some(("KT.", _))));
    let last_prefix = s.authority.last().and_then(|l| prefix_of(l)).map(|x| x.0);
    if is_deputy_post(&s.post) && !has_kt && !matches!(last_prefix, Some("TL.") | Some("TUQ.")) {
        let head = deputy_of(&s.post).unwrap_or_else(|| "CHỦ TỊCH".into());
        out.push(
            diag(
                Severity::Warning,
                "signature.kt_deputy",
                p.key("authority").to_string(),
                format!("cấp phó (`{}`) ký thay cấp trưởng phải có dòng `KT. {head}` ngay trên chức vụ", s.post.trim()),
                format!("a deputy (`{}`) signing for the head needs a `KT. {head}` line right above the post", s.post.trim()),
            )
            .with_fix(fix(format!("thêm `KT. {head}` vào cuối \"authority\""), format!("add `KT. {head}` at the end of \"authority\""))),
        );
    }
}

/// `signature.post_prefix` (warning): the authority prefix goes on its own
/// line in `authority`; `post` holds the signer's post alone.
fn post_prefix(doc: &Document, out: &mut Vec<Diagnostic>) {
    let post = doc.signature.post.trim();
    let Some((prefix, rest)) = prefix_of(post) else {
        return;
    };
    // An acting head (`Q. GIÁM ĐỐC`) may stand alone as the post line.
    if prefix == "Q." && doc.signature.authority.is_empty() {
        return;
    }
    let rest = rest.trim();
    out.push(
        diag(
            Severity::Warning,
            "signature.post_prefix",
            "signature.post",
            format!("\"post\" chỉ ghi chức vụ người ký; `{prefix}` là thẩm quyền ký, ghi ở \"authority\""),
            format!("\"post\" holds the signer's post only; `{prefix}` is an authority prefix and goes in \"authority\""),
        )
        .with_fix(fix(
            format!("thêm `{prefix} {rest}` vào cuối \"authority\" và ghi chức vụ của người ký (ví dụ `PHÓ {rest}`) ở \"post\""),
            format!("add `{prefix} {rest}` at the end of \"authority\" and write the signer's post (e.g. `PHÓ {rest}`) in \"post\""),
        )),
    );
}

/// Titles that must not precede the signer's name (§3.7), lower case,
/// without their full stop.
const TITLES: &[&str] = &[
    "đồng chí",
    "đ/c",
    "ông",
    "bà",
    "gs",
    "pgs",
    "ts",
    "ths",
    "ks",
    "bs",
    "ls",
    "cn",
    "ds",
    "tiến sĩ",
    "thạc sĩ",
    "kỹ sư",
    "bác sĩ",
    "giáo sư",
    "phó giáo sư",
    "nsnd",
    "nsưt",
    "ngnd",
    "ngưt",
];

/// The name without leading titles, if there were any (`TS. Đỗ Văn Hạ`).
fn strip_titles(name: &str) -> Option<(String, &str)> {
    let mut rest = name.trim();
    let mut found = Vec::new();
    'outer: loop {
        let lower = rest.to_lowercase();
        for t in TITLES {
            if let Some(after) = lower.strip_prefix(t) {
                if after.is_empty() || after.starts_with([' ', '.']) {
                    let cut = rest
                        .char_indices()
                        .nth(t.chars().count())
                        .map_or(rest.len(), |(i, _)| i);
                    found.push(rest[..cut].to_string());
                    rest = rest[cut..].trim_start_matches(['.', ' ']);
                    continue 'outer;
                }
            }
        }
        break;
    }
    (!found.is_empty()).then(|| (found.join(" "), rest))
}

/// `signature.title` (warning): no academic, honorary or courtesy titles
/// before the name (`Ông`, `TS.`, `Đồng chí`); some sectors allow a rank or
/// degree, hence a warning.
fn title_before_name(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some((titles, rest)) = strip_titles(&doc.signature.name) else {
        return;
    };
    out.push(
        diag(
            Severity::Warning,
            "signature.title",
            "signature.name",
            format!("không ghi học hàm, học vị, danh hiệu hay danh xưng (`{titles}`) trước họ tên người ký"),
            format!("no academic or honorary title or form of address (`{titles}`) before the signer's name"),
        )
        .with_fix(fix(format!("ghi \"name\": \"{rest}\""), format!("write \"name\": \"{rest}\""))),
    );
}

/// `signature.name_case` (warning): the name is printed as typed, in normal
/// case with capital initials (`Đỗ Văn Hạ`), not in capitals.
fn name_case(doc: &Document, out: &mut Vec<Diagnostic>) {
    let name = doc.signature.name.trim();
    if strip_titles(name).is_some() {
        return; // title_before_name reports it, with the name to write
    }
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return;
    }
    let all_upper = is_upper(name);
    let lower_word = name
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase));
    if !all_upper && !lower_word {
        return;
    }
    let fixed = name
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or(String::new(), |c| {
                c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    out.push(
        diag(
            Severity::Warning,
            "signature.name_case",
            "signature.name",
            format!(
                "họ tên người ký viết chữ thường, hoa chữ cái đầu mỗi tiếng (đang là `{name}`)"
            ),
            format!("the signer's name is in normal case with capital initials (found `{name}`)"),
        )
        .with_fix(fix(
            format!("ghi \"name\": \"{fixed}\""),
            format!("write \"name\": \"{fixed}\""),
        )),
    );
}

/// `case.upper` (warning): the issuing body, the authority lines and the
/// post are printed in capitals, and the renderer never changes case.
fn upper_case(doc: &Document, out: &mut Vec<Diagnostic>) {
    let root = JsonPath::default();
    let mut strings: Vec<(String, &str)> = Vec::new();
    for (key, lines) in [
        ("superior", &doc.issuer.superior),
        ("name", &doc.issuer.name),
    ] {
        let paths = line_paths(lines.0.len(), &root.key("issuer").key(key));
        strings.extend(paths.into_iter().zip(lines.0.iter().map(String::as_str)));
    }
    for (i, a) in doc.signature.authority.iter().enumerate() {
        strings.push((
            root.key("signature").key("authority").index(i).to_string(),
            a,
        ));
    }
    strings.push(("signature.post".into(), &doc.signature.post));
    for (path, s) in strings {
        if is_upper(s) {
            continue;
        }
        let up = s.trim().to_uppercase();
        let what = if path.starts_with("issuer") {
            ("tên cơ quan ban hành", "the issuing body's name")
        } else {
            (
                "thẩm quyền và chức vụ người ký",
                "the authority and post of the signer",
            )
        };
        out.push(
            diag(
                Severity::Warning,
                "case.upper",
                path,
                format!(
                    "{} viết bằng chữ in hoa; chương trình không tự đổi chữ (đang là `{}`)",
                    what.0,
                    s.trim()
                ),
                format!(
                    "{} is written in capitals; the renderer never changes case (found `{}`)",
                    what.1,
                    s.trim()
                ),
            )
            .with_fix(fix(format!("ghi `{up}`"), format!("write `{up}`"))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};

    fn sig(authority: &[&str], post: &str, name: &str) -> Vec<&'static str> {
        let mut d = good();
        d.signature.authority = authority.iter().map(|s| s.to_string()).collect();
        d.signature.post = post.into();
        d.signature.name = name.into();
        codes(&check(&d, &CheckOptions::default()))
    }

    #[test]
    fn conforming_signature_blocks() {
        let none: Vec<&str> = vec![];
        assert_eq!(sig(&["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Văn Hạ"), none);
        assert_eq!(sig(&["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG", "Nguyễn Văn A"), none);
        assert_eq!(
            sig(
                &["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"],
                "PHÓ CHÁNH VĂN PHÒNG",
                "Lê Thị B"
            ),
            none
        );
        assert_eq!(
            sig(&["TUQ. GIÁM ĐỐC"], "TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ", "Trần C"),
            none
        );
        assert_eq!(sig(&[], "CHỦ TỊCH", "Đỗ Văn Hạ"), none);
    }

    #[test]
    fn authority_lines_start_with_a_known_prefix() {
        assert_eq!(
            sig(&["ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Văn Hạ"),
            vec!["signature.authority_prefix"]
        );
        let mut d = good();
        d.signature.authority = vec!["TM.ỦY BAN NHÂN DÂN".into(), "KT. CHỦ TỊCH".into()];
        let ds = check(&d, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["signature.authority_prefix"]);
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .en
            .contains("`TM. ỦY BAN NHÂN DÂN`"));
    }

    #[test]
    fn tm_goes_with_a_collective_body() {
        assert_eq!(
            sig(&["TM. CHỦ TỊCH"], "CHỦ TỊCH", "Đỗ Văn Hạ"),
            vec!["signature.tm_collective"]
        );
        assert_eq!(
            sig(&["TM. GIÁM ĐỐC"], "GIÁM ĐỐC", "Đỗ Văn Hạ"),
            vec!["signature.tm_collective"]
        );
    }

    #[test]
    fn kt_goes_with_a_deputy_post() {
        assert_eq!(
            sig(
                &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
                "CHỦ TỊCH",
                "Đỗ Văn Hạ"
            ),
            vec!["signature.kt_deputy"]
        );
        assert_eq!(
            sig(
                &["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"],
                "PHÓ CHỦ TỊCH",
                "Đỗ Văn Hạ"
            ),
            vec!["signature.kt_deputy"]
        );
        assert_eq!(
            sig(&["TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH", "Đỗ Văn Hạ"),
            vec!["signature.kt_deputy"]
        );
    }

    /// Real documents abbreviate the deputy's post `P. CHỦ TỊCH`: under
    /// `KT. CHỦ TỊCH` it is a deputy's post, not a false alarm.
    #[test]
    fn abbreviated_deputy_posts_are_deputies() {
        let none: Vec<&str> = vec![];
        for post in ["P.CHỦ TỊCH", "P. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] {
            assert_eq!(
                sig(&["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], post, "Đỗ Văn Hạ"),
                none,
                "{post}"
            );
        }
        // Without the KT. line the fix names the head's post, not `P.`.
        let mut d = good();
        d.signature.authority = vec!["TM. ỦY BAN NHÂN DÂN".into()];
        d.signature.post = "P. CHỦ TỊCH".into();
        let ds = check(&d, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["signature.kt_deputy"]);
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`KT. CHỦ TỊCH`"));
        // `PHÓ` alone, or a word that only starts with P, is no deputy.
        assert_eq!(
            sig(
                &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
                "PHÁT NGÔN VIÊN",
                "Đỗ Văn Hạ"
            ),
            vec!["signature.kt_deputy"]
        );
    }

    #[test]
    fn post_without_authority_prefix() {
        assert!(sig(&["TM. ỦY BAN NHÂN DÂN"], "KT. CHỦ TỊCH", "Đỗ Văn Hạ")
            .contains(&"signature.post_prefix"));
        assert_eq!(sig(&[], "Q. GIÁM ĐỐC", "Đỗ Văn Hạ"), Vec::<&str>::new());
    }

    #[test]
    fn no_titles_before_the_name() {
        for bad in [
            "Ông Đỗ Văn Hạ",
            "TS. Đỗ Văn Hạ",
            "PGS.TS. Đỗ Văn Hạ",
            "Đồng chí Đỗ Văn Hạ",
            "ThS Đỗ Văn Hạ",
        ] {
            let mut d = good();
            d.signature.name = bad.into();
            let ds = check(&d, &CheckOptions::default());
            assert_eq!(codes(&ds), vec!["signature.title"], "{bad}");
            assert!(
                ds[0].fix.as_ref().unwrap().en.contains("\"Đỗ Văn Hạ\""),
                "{bad}: {:?}",
                ds[0].fix
            );
        }
        for ok in ["Bàng Văn Hạ", "Tsai Văn A", "Ôn Văn B"] {
            let mut d = good();
            d.signature.name = ok.into();
            assert!(check(&d, &CheckOptions::default()).is_empty(), "{ok}");
        }
    }

    #[test]
    fn name_in_normal_case_posts_in_capitals() {
        assert_eq!(
            sig(
                &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
                "PHÓ CHỦ TỊCH",
                "ĐỖ VĂN HẠ"
            ),
            vec!["signature.name_case"]
        );
        assert_eq!(
            sig(
                &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
                "PHÓ CHỦ TỊCH",
                "đỗ văn hạ"
            ),
            vec!["signature.name_case"]
        );
        assert_eq!(
            sig(
                &["TM. Ủy ban nhân dân", "KT. CHỦ TỊCH"],
                "Phó Chủ tịch",
                "Đỗ Văn Hạ"
            ),
            vec!["case.upper", "case.upper"]
        );
        let mut d = good();
        d.issuer.name.0[1] = "Xã Tiến Thắng".into();
        let ds = check(&d, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["case.upper"]);
        assert_eq!(ds[0].path, "issuer.name[1]");
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`XÃ TIẾN THẮNG`"));
    }
}
