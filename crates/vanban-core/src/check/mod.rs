//! Decree 30 validation: the rules a secretary's document is checked
//! against before it is rendered, each small and named by a stable `code`.
//!
//! Severity follows how sure the decree is: an **error** only where Nghị
//! định 30 is unambiguous (a wrong type abbreviation, a date that cannot
//! exist, a character the font cannot draw), a **warning** for what would
//! most likely get the document sent back, a **note** for matters of
//! practice. The renderers never "fix" what is reported here: every message
//! says what to change in the input.
//!
//! Rule groups, one file each: số hiệu (number and code), date, place,
//! header (trích yếu, kính gửi, metadata), nơi nhận, body (căn cứ, closing
//! `./.`, items, points, tables), signature, strings (empty, control
//! characters, font coverage, stray spaces in references) and kind.

mod body;
mod date;
mod header;
mod kind;
mod locate;
mod noi_nhan;
mod place;
mod signature;
mod so_hieu;
mod strings;

pub use locate::{attach_positions, locate, PositionIndex};

use crate::diag::{Diagnostic, Msg, Severity};
use crate::document::{Block, Document, JsonPath};
use crate::profile::Profile;
use std::cmp::Reverse;

/// What the checks may rely on besides the document.
#[derive(Default)]
pub struct CheckOptions<'a> {
    /// Today's date, for "date far in the future". `None` skips that rule,
    /// so that checking stays a pure function of the input by default.
    pub today: Option<chrono::NaiveDate>,
    /// Whether the font can draw a character in a face
    /// (`(char, bold, italic)`). `None` skips the font-coverage rule.
    pub can_draw: Option<&'a dyn Fn(char, bool, bool) -> bool>,
}

/// Checks a loaded document against the Decree 30 rules.
///
/// The result is sorted: errors first, then warnings, then notes; within a
/// severity in document order (issuer, số hiệu, place, date, … signature).
/// Positions are not filled in: call [`attach_positions`] with the source
/// text. Notes from loading (NFD text) come from [`crate::load`], not from here.
///
/// ```
/// use vanban_core::check::{check, CheckOptions};
/// use vanban_core::diag::has_errors;
/// let json = r#"{
///   "kind": "thong-bao",
///   "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
///   "so_hieu": {"number": 5, "ky_hieu": "QĐ-UBND"},
///   "place": "Tiến Thắng", "date": "2025-03-06",
///   "trich_yeu": "Về việc công khai kết quả",
///   "body": [{"paragraph": "Nội dung thông báo./."}],
///   "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"]}},
///   "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}
/// }"#;
/// let doc = vanban_core::load::from_json(json).unwrap().document;
/// let mut diags = check(&doc, &CheckOptions::default());
/// vanban_core::check::attach_positions(json, &mut diags);
/// assert!(has_errors(&diags));
/// assert_eq!(diags[0].code, "so_hieu.ky_hieu_kind");
/// assert_eq!(diags[0].path, "so_hieu.ky_hieu");
/// assert_eq!(diags[0].position.unwrap().line, 4);
/// ```
pub fn check(doc: &Document, opts: &CheckOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    kind::check(doc, &mut out);
    so_hieu::check(doc, &mut out);
    date::check(doc, opts, &mut out);
    place::check(doc, &mut out);
    header::check(doc, &mut out);
    body::check(doc, &mut out);
    noi_nhan::check(doc, &mut out);
    signature::check(doc, &mut out);
    strings::check(doc, opts, &mut out);
    if let Some(o) = &doc.profile {
        if let Err(errs) = Profile::nd30().with_overrides(o) {
            out.extend(errs);
        }
    }
    sort(&mut out);
    out
}

/// Errors first, then by path in document order. Stable, so the rules'
/// own order survives within one field.
fn sort(ds: &mut [Diagnostic]) {
    ds.sort_by_cached_key(|d| (Reverse(d.severity), path_key(&d.path)));
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PathPart {
    Index(usize),
    Key(String),
}

/// A path as a sort key: top-level fields in the order they are printed,
/// array indices numerically (`body[10]` after `body[9]`).
fn path_key(path: &str) -> (usize, Vec<PathPart>) {
    const TOP: &[&str] = &[
        "",
        "$schema",
        "kind",
        "draft",
        "issuer",
        "so_hieu",
        "place",
        "date",
        "trich_yeu",
        "kinh_gui",
        "can_cu",
        "body",
        "noi_nhan",
        "signature",
        "metadata",
        "profile",
    ];
    let top_end = path.find(['.', '[']).unwrap_or(path.len());
    let rank = TOP
        .iter()
        .position(|t| *t == &path[..top_end])
        .unwrap_or(TOP.len());
    let mut parts = Vec::new();
    for piece in path[top_end..].split(['.', '[']) {
        if piece.is_empty() {
            continue;
        }
        match piece.strip_suffix(']').and_then(|n| n.parse().ok()) {
            Some(n) => parts.push(PathPart::Index(n)),
            None => parts.push(PathPart::Key(piece.to_string())),
        }
    }
    (rank, parts)
}

fn diag(
    severity: Severity,
    code: &'static str,
    path: impl Into<String>,
    vi: impl Into<String>,
    en: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(severity, code, path, Msg::new(vi, en))
}

fn fix(vi: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg::new(vi, en)
}

/// The paths [`Document::visit_strings`] gives the strings of a `Lines`:
/// no index for a single line, as it may have been typed as a plain string.
fn line_paths(n: usize, p: &JsonPath) -> Vec<String> {
    if n == 1 {
        vec![p.to_string()]
    } else {
        (0..n).map(|i| p.index(i).to_string()).collect()
    }
}

/// Calls `f` on every list of sibling blocks: the body, and the children of
/// each item and point. Nesting is bounded by the JSON parser's depth limit.
fn each_block_list(blocks: &[Block], path: &JsonPath, f: &mut dyn FnMut(&[Block], &JsonPath)) {
    f(blocks, path);
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Item(it) => {
                each_block_list(&it.children, &path.index(i).key("item").key("children"), f)
            }
            Block::Point(pt) => {
                each_block_list(&pt.children, &path.index(i).key("point").key("children"), f)
            }
            _ => {}
        }
    }
}

/// True when `s` has letters and none of them is lower case. The renderer
/// never changes case, so upper-case components must be typed that way.
fn is_upper(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::document::Document;

    /// A small conforming notice; tests change one thing in it at a time.
    pub const GOOD: &str = r#"{
  "kind": "thong-bao",
  "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
  "so_hieu": {"number": 5},
  "place": "Tiến Thắng",
  "date": "2025-03-06",
  "trich_yeu": "Về việc công khai kết quả",
  "body": [
    {"paragraph": "Theo văn bản số 528/UBND-VP ngày 05/3/2025, UBND xã thông báo:"},
    {"item": {"number": 1, "heading": "Công chức Tư pháp:", "text": "Triển khai."}},
    {"item": {"number": 2, "heading": "Công chức Tài chính:", "text": "Phối hợp."}},
    {"paragraph": "Trên đây là thông báo của UBND xã./."}
  ],
  "noi_nhan": {"entries": ["TT Đảng ủy xã;", "Cán bộ, công chức UBND xã;"], "luu": {"units": ["VT", "VP"]}},
  "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "post": "PHÓ CHỦ TỊCH", "name": "Đỗ Văn Hạ"}
}"#;

    pub fn good() -> Document {
        crate::load::from_json(GOOD).unwrap().document
    }

    pub fn codes(ds: &[crate::Diagnostic]) -> Vec<&'static str> {
        ds.iter().map(|d| d.code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn the_good_document_is_clean() {
        let ds = check(&good(), &CheckOptions::default());
        assert!(ds.is_empty(), "{ds:#?}");
    }

    #[test]
    fn sorted_errors_first_then_document_order() {
        let mut ds = vec![
            diag(Severity::Note, "a", "body[10]", "", ""),
            diag(Severity::Warning, "b", "signature.post", "", ""),
            diag(Severity::Warning, "c", "body[9].item", "", ""),
            diag(Severity::Error, "d", "noi_nhan", "", ""),
            diag(Severity::Warning, "e", "issuer.name[1]", "", ""),
        ];
        sort(&mut ds);
        assert_eq!(codes(&ds), vec!["d", "e", "c", "b", "a"]);
    }

    #[test]
    fn profile_overrides_out_of_range_are_errors() {
        let json = GOOD.replace(
            "\"kind\": \"thong-bao\",",
            "\"kind\": \"thong-bao\", \"profile\": {\"body_size_pt\": 12},",
        );
        let doc = crate::load::from_json(&json).unwrap().document;
        let ds = check(&doc, &CheckOptions::default());
        assert_eq!(codes(&ds), vec!["profile.range"]);
        assert_eq!(ds[0].path, "profile.body_size_pt");
    }
}

#[cfg(test)]
mod sample_tests {
    use super::test_support::codes;
    use super::*;

    const SAMPLE: &str = include_str!("../../../../samples/thong-bao-tien-thang-2025-02.json");

    /// The seed notice's real slips (spec §5.3), as warnings with
    /// positions and fixes, and no error: `vanban check` exits 0 on it.
    #[test]
    fn the_seed_notice_yields_its_real_slips_as_warnings() {
        let loaded = crate::load::from_json(SAMPLE).unwrap();
        assert!(loaded.notes.is_empty());
        let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 6);
        let opts = CheckOptions {
            today,
            ..Default::default()
        };
        let mut ds = check(&loaded.document, &opts);
        attach_positions(SAMPLE, &mut ds);
        assert!(!crate::diag::has_errors(&ds), "{ds:#?}");
        let warnings: Vec<(&str, &str)> = ds
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| (d.code, d.path.as_str()))
            .collect();
        assert_eq!(
            warnings,
            vec![
                ("text.reference_spacing", "body[0].paragraph"),
                ("body.item_emphasis", "body[3].item"),
                ("noi_nhan.luu_vt", "noi_nhan.luu.units"),
            ]
        );
        let notes: Vec<_> = ds
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .map(|d| d.code)
            .collect();
        assert_eq!(notes, vec!["body.heading_punctuation", "text.comma_space"]);
        for d in &ds {
            assert!(d.position.is_some(), "{d:?}");
            assert!(d.fix.is_some(), "{d:?}");
        }
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("`528/UBND-VP`"));
        assert_eq!(ds[0].position.unwrap().line, 24);
        assert!(ds[2].fix.as_ref().unwrap().vi.contains("`Lưu: VT, VP.`"));
        assert_eq!(ds[2].position.unwrap().line, 84);
        let _ = codes(&ds);
    }

    /// The issue's "done when": `TB` replaced by `QĐ` under kind Thông báo
    /// is an error naming the field.
    #[test]
    fn qd_code_on_the_seed_notice_is_an_error() {
        let json = SAMPLE.replace("\"so_hieu\": {}", "\"so_hieu\": {\"ky_hieu\": \"QĐ-UBND\"}");
        let doc = crate::load::from_json(&json).unwrap().document;
        let mut ds = check(&doc, &CheckOptions::default());
        attach_positions(&json, &mut ds);
        assert!(ds[0].is_error());
        assert_eq!(
            (ds[0].code, ds[0].path.as_str()),
            ("so_hieu.ky_hieu_kind", "so_hieu.ky_hieu")
        );
        assert_eq!(ds[0].position.unwrap().line, 12);
        assert_eq!(ds.iter().filter(|d| d.is_error()).count(), 1);
    }
}
