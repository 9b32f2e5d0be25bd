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
//! characters, font coverage, stray spaces in references), kind, form (the
//! Mẫu of Phụ lục III each document follows) and annex (Phụ lục).

mod annex;
mod body;
mod date;
mod form;
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

/// One rule: its stable code, the highest severity it reports, and what it
/// checks. For `vanban check --list-rules` style listings and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable identifier, the [`Diagnostic::code`](crate::Diagnostic) it reports under.
    pub code: &'static str,
    /// The most severe level the rule reports at.
    pub severity: Severity,
    /// What it checks, in Vietnamese.
    pub vi: &'static str,
    /// What it checks, in English.
    pub en: &'static str,
}

macro_rules! rules {
    ($( $code:literal, $sev:ident, $vi:literal, $en:literal; )*) => {
        /// Every rule [`check`] applies (load errors `input.json`,
        /// `input.utf8` and the `text.nfd` note come from [`crate::load`];
        /// `profile.range` from [`Profile::with_overrides`]).
        pub const RULES: &[Rule] = &[$(Rule { code: $code, severity: Severity::$sev, vi: $vi, en: $en }),*];
    };
}

rules! {
    "layout.line_wrapped", Warning, "dòng tác giả tự ngắt không rộng hơn cột của nó", "an author's line fits its column";
    "kind.layout", Note, "loại văn bản không có mẫu trong Phụ lục III, trình bày theo khung Mẫu 1.4", "kind without a model in Phụ lục III, laid out in the Mẫu 1.4 frame";
    "form.authority", Warning, "quyết định, nghị quyết có dòng thẩm quyền ban hành; công điện có tên người gửi (`… điện:`)", "a decision or resolution has its authority line; a công điện its sender (`… điện:`)";
    "form.operative_typed", Warning, "không gõ `QUYẾT ĐỊNH:`/`QUYẾT NGHỊ:` vào nội dung (chương trình tự in)", "`QUYẾT ĐỊNH:`/`QUYẾT NGHỊ:` is not typed in the body (the renderer prints it)";
    "form.co_signer", Warning, "biên bản có thư ký và chủ tọa cùng ký", "a biên bản is signed by the secretary and the chair";
    "form.place_without_date", Warning, "biên bản có địa danh thì có ngày (dòng này chỉ in khi có ngày)", "a biên bản with a place has a date (the line is printed only with a date)";
    "form.intro", Warning, "giấy giới thiệu có câu `… trân trọng giới thiệu:`", "a giấy giới thiệu has its `… trân trọng giới thiệu:` line";
    "form.recipients", Warning, "công điện có danh sách nơi nhận điện", "a công điện lists the bodies it is sent to";
    "form.unused", Warning, "không ghi phần mà mẫu của văn bản không có (sẽ không được in)", "no field the document's model lacks (it would not be printed)";
    "annex.title", Warning, "phụ lục có tiêu đề in hoa; văn bản ban hành kèm theo có trích yếu", "an appendix has a title in capitals; an issued document its subject line";
    "annex.labels", Warning, "nhiều phụ lục đánh số La Mã theo thứ tự (Phụ lục I, II…)", "several appendices numbered in Roman numerals, in order (Phụ lục I, II…)";
    "annex.mention", Warning, "nội dung chính dẫn chiếu đến phụ lục", "the main text refers to its appendices";
    "kind.kinh_gui", Warning, "Kính gửi chỉ có ở công văn, tờ trình, báo cáo; công văn phải có", "Kính gửi only on công văn, tờ trình, báo cáo; required on a công văn";
    "so_hieu.ky_hieu_kind", Error, "chữ viết tắt tên loại trong ký hiệu khớp loại văn bản", "the code's type abbreviation matches the kind";
    "so_hieu.ky_hieu_case", Warning, "chữ viết tắt tên loại viết đúng hoa/thường (QyĐ, CTr, TTr)", "type abbreviation in its exact case (QyĐ, CTr, TTr)";
    "so_hieu.ky_hieu_format", Error, "ký hiệu viết liền, không chứa số, đủ các nhóm", "code without spaces or number, all groups present";
    "so_hieu.abbreviation_format", Error, "chữ viết tắt cơ quan là một nhóm, viết liền", "body abbreviation is one group without spaces";
    "so_hieu.unit", Warning, "đơn vị soạn thảo chỉ dùng và phải có ở công văn", "drafting unit only on, and required for, a công văn";
    "so_hieu.number", Error, "số văn bản từ 01", "document number from 01";
    "so_hieu.number_draft", Note, "dự thảo chưa có số, văn bản chính thức có số", "a draft has no number, a final one has";
    "place.generic_word", Warning, "địa danh không kèm chữ xã, huyện, tỉnh… (trừ trường hợp đặc biệt)", "place without the generic word (except special cases)";
    "place.punctuation", Warning, "địa danh không kèm dấu câu hay ngày tháng", "place without punctuation or date";
    "date.exists", Error, "ngày ban hành có thật", "the date of issue exists";
    "date.future", Warning, "ngày ban hành không muộn hơn hôm nay quá một năm", "date not more than a year after today";
    "date.draft", Note, "dự thảo để trống ngày tháng, văn bản chính thức ghi đủ", "a draft leaves day and month blank, a final one gives them";
    "trich_yeu.vv", Warning, "chỉ công văn có trích yếu bắt đầu bằng `V/v`, và công văn luôn có", "only a công văn's subject line starts with `V/v`, and it always does";
    "trich_yeu.punctuation", Note, "trích yếu không có dấu chấm cuối", "no full stop after the subject line";
    "kinh_gui.punctuation", Warning, "kính gửi nhiều nơi: `;` cuối mỗi dòng, `.` dòng cuối", "several addressees: `;` each, `.` last";
    "metadata.created", Error, "thời điểm tạo đúng dạng ngày giờ", "creation time is a valid date-time";
    "can_cu.punctuation", Warning, "mỗi căn cứ kết thúc bằng `;`, căn cứ cuối bằng `.`", "each legal basis ends with `;`, the last with `.`";
    "body.empty", Error, "văn bản có nội dung", "the document has a body";
    "body.closing", Warning, "nội dung kết thúc bằng `./.`", "the body ends with `./.`";
    "body.closing_early", Warning, "`./.` chỉ ở câu cuối cùng", "`./.` only after the last sentence";
    "body.article_numbers", Warning, "các điều đánh số liên tiếp từ Điều 1, không trùng", "articles numbered consecutively from Điều 1, without repeats";
    "body.item_numbers", Warning, "các mục đánh số liên tiếp từ 1", "items numbered consecutively from 1";
    "body.item_emphasis", Warning, "các mục cùng cấp cùng có hoặc cùng không có tiêu đề in đậm", "sibling items all have a bold heading or none has";
    "body.heading_punctuation", Note, "tiêu đề các mục cùng cấp kết thúc giống nhau", "sibling item headings end alike";
    "body.point_letters", Warning, "điểm đánh a, b, c, d, đ, e… theo thứ tự, không kèm ngoặc", "points lettered a, b, c, d, đ, e… in order, without parenthesis";
    "table.cells", Error, "mỗi hàng của bảng đủ số ô bằng số cột", "each table row has one cell per column";
    "table.columns", Error, "bảng có cột, độ rộng dương", "a table has columns of positive width";
    "noi_nhan.luu_vt", Warning, "nơi nhận kết thúc bằng `Lưu: VT, …`", "the list closes with `Lưu: VT, …`";
    "noi_nhan.luu_units", Warning, "mỗi đơn vị lưu một chuỗi, không dấu câu", "one archiving unit per string, no punctuation";
    "noi_nhan.luu_line", Warning, "dòng Lưu gõ nguyên dòng: bắt đầu bằng `Lưu:`, không gạch đầu dòng, kết thúc bằng `.`", "a typed Lưu line starts with `Lưu:`, without a dash, and ends with `.`";
    "noi_nhan.luu_entry", Warning, "dòng Lưu ghi ở `luu`, không ở `entries`", "the Lưu line goes in `luu`, not `entries`";
    "noi_nhan.entry_end", Warning, "mỗi dòng nơi nhận kết thúc bằng `;`", "each entry ends with `;`";
    "noi_nhan.entry_dash", Warning, "không gõ dấu gạch đầu dòng", "no typed leading dash";
    "noi_nhan.nhu_tren", Note, "có Kính gửi thì nơi nhận mở đầu bằng `Như trên;`", "with a Kính gửi the list opens with `Như trên;`";
    "noi_nhan.drafter", Warning, "ký hiệu người soạn thảo in hoa, không dấu chấm", "drafter's initials in capitals, no full stop";
    "signature.authority_prefix", Warning, "dòng thẩm quyền bắt đầu bằng TM., KT., Q., TL., TUQ.", "authority lines start with TM., KT., Q., TL., TUQ.";
    "signature.tm_collective", Warning, "TM. đi với tập thể", "TM. is followed by a collective body";
    "signature.kt_deputy", Warning, "KT. là dòng cuối, trên chức vụ cấp phó", "KT. is the last line, above a deputy's post";
    "signature.post_prefix", Warning, "chức vụ không kèm TM./KT.", "post without an authority prefix";
    "signature.title", Warning, "không có học hàm, học vị, danh xưng trước họ tên", "no titles before the name";
    "signature.name_case", Warning, "họ tên viết hoa chữ cái đầu", "name in normal case with capital initials";
    "case.upper", Warning, "tên cơ quan, thẩm quyền, chức vụ viết in hoa", "issuing body, authority and post in capitals";
    "text.empty", Error, "các trường bắt buộc không để trống", "required fields are not empty";
    "text.control", Error, "không có ký tự điều khiển (xuống dòng, tab…)", "no control characters (line breaks, tabs…)";
    "text.invisible", Warning, "không có ký tự vô hình", "no invisible characters";
    "text.font", Error, "mọi ký tự có trong phông chữ", "every character is in the font";
    "text.reference_spacing", Warning, "số, ký hiệu văn bản được dẫn viết liền", "cited document numbers and codes without spaces";
    "text.comma_space", Note, "có dấu cách sau dấu phẩy", "a space after a comma";
    "text.whitespace", Note, "không có dấu cách thừa", "no extra spaces";
}

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
    form::check(doc, &mut out);
    body::check(doc, &mut out);
    annex::check(doc, &mut out);
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
    let top_end = path.find(['.', '[']).unwrap_or(path.len());
    // The document itself (""), then `$schema`, then the fields.
    let rank = match &path[..top_end] {
        "" => 0,
        "$schema" => 1,
        top => Document::FIELDS
            .iter()
            .position(|t| *t == top)
            .map_or(Document::FIELDS.len() + 2, |i| i + 2),
    };
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
            Block::Article(a) => each_block_list(
                &a.children,
                &path.index(i).key("article").key("children"),
                f,
            ),
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

    /// Every code a rule can emit is listed in [`RULES`] with a severity at
    /// least as high, and every listed rule is used: read off the sources.
    #[test]
    fn rules_list_matches_the_rules() {
        let sources = [
            include_str!("annex.rs"),
            include_str!("body.rs"),
            include_str!("date.rs"),
            include_str!("form.rs"),
            include_str!("header.rs"),
            include_str!("kind.rs"),
            include_str!("noi_nhan.rs"),
            include_str!("place.rs"),
            include_str!("signature.rs"),
            include_str!("so_hieu.rs"),
            include_str!("strings.rs"),
        ];
        let mut used = std::collections::HashSet::new();
        for src in sources {
            let code_part = src.split("#[cfg(test)]").next().unwrap();
            for piece in code_part.split("Severity::").skip(1) {
                let sev = match piece.split(',').next().unwrap().trim() {
                    "Error" => Severity::Error,
                    "Warning" => Severity::Warning,
                    "Note" => Severity::Note,
                    other => panic!("unexpected severity {other}"),
                };
                let code = piece.split('"').nth(1).unwrap();
                let rule = RULES.iter().find(|r| r.code == code);
                let rule = rule.unwrap_or_else(|| panic!("{code} is not in RULES"));
                assert!(
                    sev <= rule.severity,
                    "{code}: {sev:?} above {:?}",
                    rule.severity
                );
                used.insert(code);
            }
        }
        for r in RULES {
            // `layout.*` rules need the composed page: vanban-compose emits them.
            if r.code.starts_with("layout.") {
                continue;
            }
            assert!(
                used.contains(r.code),
                "{} is listed but never emitted",
                r.code
            );
        }
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
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
