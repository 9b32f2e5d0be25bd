//! The plain-text format (`.txt`): a document typed the way it reads, for
//! those who will not write JSON. No I/O here: [`from_text`] reads a
//! string, [`to_text`] writes one.
//!
//! ```text
//! loại: thong-bao
//! cơ quan: ỦY BAN NHÂN DÂN | XÃ TIẾN THẮNG
//! viết tắt: UBND
//! số: 5
//! địa danh: Tiến Thắng
//! ngày: 2025-03-06
//! trích yếu: Về việc công khai kết quả bộ chỉ số
//! thẩm quyền: TM. ỦY BAN NHÂN DÂN | KT. CHỦ TỊCH
//! chức vụ: PHÓ CHỦ TỊCH
//! người ký: Đỗ Văn Hạ
//!
//! Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.
//!
//! UBND xã thông báo như sau:
//!
//! 1. **Công chức Tư pháp - Hộ tịch xã:** tiếp tục triển khai:
//!    - chứng thực bản sao điện tử;
//!    - báo cáo kết quả hằng tuần.
//!
//! Trên đây là thông báo của UBND xã./.
//!
//! Nơi nhận:
//! - TT Đảng ủy, TT HĐND xã (để b/c);
//! - Lưu: VT, VP.
//! ```
//!
//! # Header
//!
//! `khóa: giá trị` lines up to the first blank line (or a `---` line).
//! Keys are matched without regard to case or diacritics (`co quan` is
//! `cơ quan`). A key that takes several lines (marked *lines*) takes them
//! separated by `|` on one line, or on repeated lines.
//!
//! | key | field |
//! |-----|-------|
//! | `loại` | `kind`: `thong-bao`, `quyet-dinh`, … or `Thông báo` |
//! | `dự thảo` | `draft`: `có` / `không` |
//! | `cơ quan chủ quản` | `issuer.superior` (lines) |
//! | `cơ quan` | `issuer.name` (lines) |
//! | `viết tắt` | `issuer.abbreviation` |
//! | `tên đầy đủ` | `issuer.full_name` |
//! | `số` | `so_hieu.number` |
//! | `ký hiệu` | `so_hieu.ky_hieu` |
//! | `đơn vị soạn thảo` | `so_hieu.unit` |
//! | `địa danh` | `place` |
//! | `ngày` | `date`: `2025-03-06`, `06/03/2025` or a year `2025` |
//! | `trích yếu` | `trich_yeu` (lines) |
//! | `thẩm quyền ban hành` | `authority` (lines) |
//! | `giới thiệu` | `intro` |
//! | `thẩm quyền` | `signature.authority` (lines) |
//! | `chức vụ` | `signature.post` |
//! | `người ký` | `signature.name` |
//! | `chữ ký`, `con dấu` | `signature.signature_image`, `seal_image` |
//! | `cùng ký` | one of `co_signers`: `[thẩm quyền |] CHỨC VỤ | Họ tên` |
//! | `chân trang` | `footer` (lines) |
//! | `tiêu đề`, `tác giả`, `chủ đề` | `metadata.title`, `author`, `subject` |
//! | `từ khóa` | `metadata.keywords`, separated by `,` |
//! | `ngôn ngữ`, `ngày tạo` | `metadata.language`, `created` |
//!
//! # Body
//!
//! Blank lines separate paragraphs; lines typed one under the other
//! without a blank line are one paragraph. A line that starts with a
//! marker starts a block of its own:
//!
//! | line | block |
//! |------|-------|
//! | `Kính gửi: …` (first line of the body) | `kinh_gui`; several: `Kính gửi:` then `- …` lines |
//! | `Căn cứ …` (first paragraph) | `can_cu`: one line is an opening paragraph, several lines one basis each |
//! | `1.`, `1.1.` | a numbered item; a leading `**…**` is its bold run-in heading |
//! | `a)` | a point |
//! | `Điều 1.` | an article |
//! | `I. TITLE` | a section heading |
//! | `-`, then `+` under it | a dash list and its sub-items |
//! | `> …` | indented lines (`Thời gian: …`) |
//! | `\` | escape: the rest of the line is a paragraph, whatever it starts with |
//! | ```` ```json ```` … ```` ``` ```` | any other block (a table…) as JSON |
//!
//! What belongs to an item, point or article (its dash list, its points)
//! is indented under it (any spaces). `**bold**`, `*italic*`, `__underline__`
//! are read as in JSON ([`Text::parse`]).
//!
//! # Nơi nhận and the JSON block
//!
//! A `Nơi nhận:` line ends the body; its entries follow as `- …` lines,
//! the last one may be the `- Lưu: …` line. After it may come one
//! ```` ```json ```` block: an object with any document fields the text
//! does not give (annexes, profile overrides, …). Nothing else may follow.
//! A JSON file's `$schema` link is not carried.
//!
//! Nothing typed is dropped: an unknown key, a value that cannot be read,
//! a line in the wrong place is an error naming its line.

use crate::check::PositionIndex;
use crate::date::IssueDate;
use crate::diag::{Diagnostic, Msg, Position};
use crate::document::*;
use crate::kind::DocumentKind;
use crate::load::{normalize, LoadError};
use crate::text::{Lines, Text};
use std::collections::{BTreeSet, HashMap, HashSet};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The file extension of the text format.
pub const EXTENSION: &str = "txt";

/// A document read from text, with where each field was typed.
#[derive(Debug, Clone)]
pub struct TextLoaded {
    /// The document read.
    pub document: Document,
    /// Notes from reading (e.g. text normalised to NFC), each at its line.
    pub notes: Vec<Diagnostic>,
    /// The line where each field was typed, for messages.
    pub positions: TextPositions,
}

/// Where the fields of a text document were typed: JSON paths
/// (`body[3].item.text`) to lines, built while parsing.
#[derive(Debug, Clone, Default)]
pub struct TextPositions {
    lines: HashMap<String, usize>,
    /// The trailing JSON block: its index, the line before its first
    /// line, and the fields it gives.
    json: Option<(PositionIndex, usize, HashSet<String>)>,
}

impl TextPositions {
    fn put(&mut self, path: impl Into<String>, line: usize) {
        self.lines.entry(path.into()).or_insert(line);
    }

    /// The position of the value at `path`, or of the nearest enclosing one.
    pub fn get_or_enclosing(&self, path: &str) -> Option<Position> {
        if let Some((index, offset, keys)) = &self.json {
            let top = path.split(['.', '[']).next().unwrap_or("");
            if keys.contains(top) {
                return index.get_or_enclosing(path).map(|p| Position {
                    line: p.line + offset,
                    column: p.column,
                });
            }
        }
        let mut p = path;
        loop {
            if let Some(&line) = self.lines.get(p) {
                return Some(Position { line, column: 1 });
            }
            if p.is_empty() {
                return None;
            }
            p = &p[..p.rfind(['.', '[']).unwrap_or(0)];
        }
    }

    /// Fills in the position of each diagnostic that has none.
    pub fn attach(&self, diags: &mut [Diagnostic]) {
        for d in diags.iter_mut().filter(|d| d.position.is_none()) {
            d.position = self.get_or_enclosing(&d.path);
        }
    }
}

fn err(code: &'static str, line: usize, vi: String, en: String) -> LoadError {
    let mut d = Diagnostic::error(code, "", Msg::new(vi, en));
    d.position = Some(Position { line, column: 1 });
    LoadError(d)
}

/// Lower case, without diacritics, spaces collapsed: `Cơ  quan` → `co quan`.
fn fold(s: &str) -> String {
    let s: String = s
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            '_' | '-' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Key {
    Kind,
    Draft,
    Superior,
    IssuerName,
    Abbreviation,
    FullName,
    Number,
    KyHieu,
    Unit,
    Place,
    Date,
    TrichYeu,
    Authority,
    Intro,
    SigAuthority,
    Post,
    Name,
    SigImage,
    SealImage,
    CoSigner,
    Footer,
    Title,
    Author,
    Subject,
    Keywords,
    Language,
    Created,
}

/// The keys as printed, in the order the printer writes them.
const KEYS: &[(&str, Key)] = &[
    ("loại", Key::Kind),
    ("dự thảo", Key::Draft),
    ("cơ quan chủ quản", Key::Superior),
    ("cơ quan", Key::IssuerName),
    ("viết tắt", Key::Abbreviation),
    ("tên đầy đủ", Key::FullName),
    ("số", Key::Number),
    ("ký hiệu", Key::KyHieu),
    ("đơn vị soạn thảo", Key::Unit),
    ("địa danh", Key::Place),
    ("ngày", Key::Date),
    ("trích yếu", Key::TrichYeu),
    ("thẩm quyền ban hành", Key::Authority),
    ("giới thiệu", Key::Intro),
    ("thẩm quyền", Key::SigAuthority),
    ("chức vụ", Key::Post),
    ("người ký", Key::Name),
    ("chữ ký", Key::SigImage),
    ("con dấu", Key::SealImage),
    ("cùng ký", Key::CoSigner),
    ("chân trang", Key::Footer),
    ("tiêu đề", Key::Title),
    ("tác giả", Key::Author),
    ("chủ đề", Key::Subject),
    ("từ khóa", Key::Keywords),
    ("ngôn ngữ", Key::Language),
    ("ngày tạo", Key::Created),
];

fn key_name(k: Key) -> &'static str {
    KEYS.iter()
        .find(|(_, x)| *x == k)
        .map(|(n, _)| *n)
        .unwrap_or("")
}

fn find_key(s: &str) -> Option<Key> {
    let f = fold(s);
    // `từ khoá` (old-style accent placement) folds the same.
    KEYS.iter().find(|(n, _)| fold(n) == f).map(|(_, k)| *k)
}

/// The top-level JSON field a key fills.
fn field_of(k: Key) -> &'static str {
    use Key::*;
    match k {
        Kind => "kind",
        Draft => "draft",
        Superior | IssuerName | Abbreviation | FullName => "issuer",
        Number | KyHieu | Unit => "so_hieu",
        Place => "place",
        Date => "date",
        TrichYeu => "trich_yeu",
        Authority => "authority",
        Intro => "intro",
        SigAuthority | Post | Name | SigImage | SealImage => "signature",
        CoSigner => "co_signers",
        Footer => "footer",
        Title | Author | Subject | Keywords | Language | Created => "metadata",
    }
}

fn is_lines_key(k: Key) -> bool {
    matches!(
        k,
        Key::Superior
            | Key::IssuerName
            | Key::TrichYeu
            | Key::Authority
            | Key::SigAuthority
            | Key::Footer
    )
}

/// `2025-03-06`, `06/03/2025` or `2025`; the parts are kept even when the
/// day does not exist (the check says what is wrong).
fn parse_date(s: &str) -> Option<IssueDate> {
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        (n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let dash: Vec<&str> = s.split('-').collect();
    let slash: Vec<&str> = s.split('/').collect();
    match (dash.as_slice(), slash.as_slice()) {
        ([y], [_]) => Some(IssueDate::year_only(digits(y, 4..=4)? as i32)),
        ([y, m, d], _) if m.len() == 2 && d.len() == 2 => Some(IssueDate::full(
            digits(y, 4..=4)? as i32,
            digits(m, 2..=2)?,
            digits(d, 2..=2)?,
        )),
        (_, [d, m, y]) => Some(IssueDate::full(
            digits(y, 4..=4)? as i32,
            digits(m, 1..=2)?,
            digits(d, 1..=2)?,
        )),
        _ => None,
    }
}

fn split_bar(v: &str) -> Vec<String> {
    v.split('|').map(|p| p.trim().to_string()).collect()
}

/// Reads a document in the text format.
///
/// ```
/// let src = "loại: thong-bao\ncơ quan: ỦY BAN NHÂN DÂN | XÃ A\nviết tắt: UBND\n\
///            chức vụ: CHỦ TỊCH\nngười ký: Nguyễn Văn A\n\nNội dung./.\n";
/// let doc = vanban_core::text_format::from_text(src).unwrap().document;
/// assert_eq!(doc.issuer.name.0, ["ỦY BAN NHÂN DÂN", "XÃ A"]);
/// ```
#[allow(clippy::result_large_err)]
pub fn from_text(src: &str) -> Result<TextLoaded, LoadError> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let lines: Vec<(usize, &str)> = src
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .collect();
    let mut pos = TextPositions::default();
    let mut given: HashSet<&'static str> = HashSet::new();
    let mut doc = Document::blank(DocumentKind::ThongBao);
    let mut seen: HashSet<Key> = HashSet::new();
    let mut i = 0;
    while i < lines.len() && lines[i].1.trim().is_empty() {
        i += 1;
    }
    // Header.
    while i < lines.len() {
        let (n, line) = lines[i];
        i += 1;
        if line.trim().is_empty() || line.trim() == "---" {
            break;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(err(
                "text.header_line",
                n,
                format!("dòng {n} ở phần đầu không có dạng `khóa: giá trị`; phần đầu kết thúc bằng một dòng trống"),
                format!("line {n} of the header is not `key: value`; the header ends at a blank line"),
            ));
        };
        let Some(key) = find_key(k) else {
            let known: Vec<&str> = KEYS.iter().map(|(n, _)| *n).collect();
            let mut e = err(
                "text.unknown_key",
                n,
                format!(
                    "dòng {n}: khóa `{}` không có trong định dạng văn bản",
                    k.trim()
                ),
                format!("line {n}: unknown key `{}`", k.trim()),
            );
            e.0.fix = Some(Msg::new(
                format!("các khóa: {}", known.join(", ")),
                format!("the keys are: {}", known.join(", ")),
            ));
            return Err(e);
        };
        let v = v.trim();
        let name = key_name(key);
        if v.is_empty() {
            return Err(err(
                "text.empty_value",
                n,
                format!("dòng {n}: khóa `{name}` không có giá trị; bỏ dòng này nếu không dùng"),
                format!("line {n}: the key `{name}` has no value; leave the line out if unused"),
            ));
        }
        let repeatable = is_lines_key(key) || key == Key::CoSigner;
        if !seen.insert(key) && !repeatable {
            return Err(err(
                "text.duplicate_key",
                n,
                format!("dòng {n}: khóa `{name}` đã có ở trên"),
                format!("line {n}: the key `{name}` is given twice"),
            ));
        }
        let field = field_of(key);
        given.insert(field);
        pos.put(field, n);
        let bad = |what_vi: &str, what_en: &str| {
            err(
                "text.bad_value",
                n,
                format!("dòng {n}: `{v}` không phải {what_vi}"),
                format!("line {n}: `{v}` is not {what_en}"),
            )
        };
        let push_lines = |l: &mut Lines, path: &str, pos: &mut TextPositions| {
            for part in split_bar(v) {
                pos.put(format!("{path}[{}]", l.0.len()), n);
                l.0.push(part);
            }
            pos.put(path.to_string(), n);
        };
        match key {
            Key::Kind => {
                doc.kind = DocumentKind::find(v).ok_or_else(|| {
                    bad(
                        "một loại văn bản (thong-bao, quyet-dinh, cong-van…)",
                        "a document kind (thong-bao, quyet-dinh, cong-van…)",
                    )
                })?;
                pos.put("kind", n);
            }
            Key::Draft => {
                doc.draft = match fold(v).as_str() {
                    "co" | "yes" | "true" | "x" => true,
                    "khong" | "no" | "false" => false,
                    _ => return Err(bad("`có` hoặc `không`", "`có` (yes) or `không` (no)")),
                };
                pos.put("draft", n);
            }
            Key::Superior => push_lines(&mut doc.issuer.superior, "issuer.superior", &mut pos),
            Key::IssuerName => push_lines(&mut doc.issuer.name, "issuer.name", &mut pos),
            Key::Abbreviation => {
                doc.issuer.abbreviation = v.to_string();
                pos.put("issuer.abbreviation", n);
            }
            Key::FullName => {
                doc.issuer.full_name = Some(v.to_string());
                pos.put("issuer.full_name", n);
            }
            Key::Number => {
                doc.so_hieu.number = Some(v.parse().map_err(|_| {
                    bad(
                        "một số (5, 123); bỏ dòng này ở dự thảo",
                        "a number (5, 123); leave the line out in a draft",
                    )
                })?);
                pos.put("so_hieu.number", n);
            }
            Key::KyHieu => {
                doc.so_hieu.ky_hieu = Some(v.to_string());
                pos.put("so_hieu.ky_hieu", n);
            }
            Key::Unit => {
                doc.so_hieu.unit = Some(v.to_string());
                pos.put("so_hieu.unit", n);
            }
            Key::Place => {
                doc.place = v.to_string();
                pos.put("place", n);
            }
            Key::Date => {
                doc.date = Some(parse_date(v).ok_or_else(|| {
                    bad(
                        "một ngày: 2025-03-06, 06/03/2025, hoặc chỉ năm 2025",
                        "a date: 2025-03-06, 06/03/2025, or a year alone, 2025",
                    )
                })?);
                pos.put("date", n);
            }
            Key::TrichYeu => push_lines(&mut doc.trich_yeu, "trich_yeu", &mut pos),
            Key::Authority => push_lines(&mut doc.authority, "authority", &mut pos),
            Key::Intro => {
                doc.intro = Some(Text::parse(v));
                pos.put("intro", n);
            }
            Key::SigAuthority => {
                for part in split_bar(v) {
                    pos.put(
                        format!("signature.authority[{}]", doc.signature.authority.len()),
                        n,
                    );
                    doc.signature.authority.push(part);
                }
                pos.put("signature.authority", n);
            }
            Key::Post => {
                doc.signature.post = v.to_string();
                pos.put("signature.post", n);
            }
            Key::Name => {
                doc.signature.name = v.to_string();
                pos.put("signature.name", n);
            }
            Key::SigImage => {
                doc.signature.signature_image = Some(v.to_string());
                pos.put("signature.signature_image", n);
            }
            Key::SealImage => {
                doc.signature.seal_image = Some(v.to_string());
                pos.put("signature.seal_image", n);
            }
            Key::CoSigner => {
                let mut parts = split_bar(v);
                if parts.len() < 2 {
                    return Err(bad(
                        "một người cùng ký: `CHỨC VỤ | Họ tên`, có thể có thẩm quyền trước",
                        "a co-signer: `POST | Name`, optionally after authority lines",
                    ));
                }
                let name = parts.pop().unwrap_or_default();
                let post = parts.pop().unwrap_or_default();
                pos.put(format!("co_signers[{}]", doc.co_signers.len()), n);
                doc.co_signers.push(Signature {
                    authority: parts,
                    post,
                    name,
                    signature_image: None,
                    seal_image: None,
                });
            }
            Key::Footer => push_lines(&mut doc.footer, "footer", &mut pos),
            Key::Title => doc.metadata.title = Some(v.to_string()),
            Key::Author => doc.metadata.author = Some(v.to_string()),
            Key::Subject => doc.metadata.subject = Some(v.to_string()),
            Key::Keywords => {
                doc.metadata.keywords = v.split(',').map(|s| s.trim().to_string()).collect()
            }
            Key::Language => doc.metadata.language = v.to_string(),
            Key::Created => doc.metadata.created = Some(v.to_string()),
        }
    }
    // Body, up to `Nơi nhận:`.
    let body_start = i;
    let mut end = lines.len();
    for (j, (_, l)) in lines.iter().enumerate().skip(body_start) {
        if is_noi_nhan(l) {
            end = j;
            break;
        }
    }
    let mut body: &[(usize, &str)] = &lines[body_start..end];
    // Kính gửi.
    let first = body.iter().position(|(_, l)| !l.trim().is_empty());
    if let Some(f) = first {
        let (n, l) = body[f];
        if let Some(rest) = strip_label(l.trim(), "kinh gui:") {
            given.insert("kinh_gui");
            pos.put("kinh_gui", n);
            let mut k = f + 1;
            if !rest.is_empty() {
                pos.put("kinh_gui[0]", n);
                doc.kinh_gui.push(Text::parse(rest));
            } else {
                while k < body.len() {
                    let (m, l) = body[k];
                    let Some(e) = l.trim().strip_prefix("- ") else {
                        break;
                    };
                    pos.put(format!("kinh_gui[{}]", doc.kinh_gui.len()), m);
                    doc.kinh_gui.push(Text::parse(e.trim()));
                    k += 1;
                }
                if doc.kinh_gui.is_empty() {
                    return Err(err(
                        "text.kinh_gui",
                        n,
                        format!("dòng {n}: sau `Kính gửi:` ghi nơi nhận cùng dòng, hoặc mỗi nơi một dòng `- …`"),
                        format!("line {n}: after `Kính gửi:` give the addressee on the same line, or one `- …` line each"),
                    ));
                }
            }
            body = &body[k..];
        }
    }
    // Căn cứ: the first group of lines, when it starts with `Căn cứ`.
    if let Some(f) = body.iter().position(|(_, l)| !l.trim().is_empty()) {
        if body[f].1.trim_start().starts_with("Căn cứ") {
            let g = body[f..]
                .iter()
                .position(|(_, l)| l.trim().is_empty())
                .map_or(body.len(), |x| f + x);
            let group = &body[f..g];
            given.insert("can_cu");
            pos.put("can_cu", group[0].0);
            if group.len() == 1 {
                pos.put("can_cu.paragraph", group[0].0);
                doc.can_cu = Some(CanCu::Paragraph(Text::parse(group[0].1.trim())));
            } else {
                let mut ls = Vec::new();
                for (j, (n, l)) in group.iter().enumerate() {
                    pos.put(format!("can_cu.lines[{j}]"), *n);
                    ls.push(Text::parse(l.trim()));
                }
                doc.can_cu = Some(CanCu::Lines(ls));
            }
            body = &body[g..];
        }
    }
    doc.body = parse_blocks(body, "body", &mut pos)?;
    if !doc.body.is_empty() {
        given.insert("body");
    }
    // Nơi nhận and the JSON block.
    let mut extra: Option<(usize, String)> = None;
    let mut k = end;
    if k < lines.len() {
        pos.put("noi_nhan", lines[k].0);
        k += 1;
        while k < lines.len() {
            let (n, l) = lines[k];
            let t = l.trim();
            let Some(e) = t.strip_prefix("- ").or((t == "-").then_some("")) else {
                break;
            };
            let e = e.trim();
            if doc.noi_nhan.luu.is_some() {
                return Err(err(
                    "text.stray_line",
                    n,
                    format!("dòng {n}: dòng `- Lưu: …` phải là dòng cuối của nơi nhận"),
                    format!("line {n}: the `- Lưu: …` line must be the last of the nơi nhận"),
                ));
            }
            if e.starts_with("Lưu:") || e.starts_with("Lưu ") {
                pos.put("noi_nhan.luu", n);
                doc.noi_nhan.luu = Some(parse_luu(e));
            } else {
                pos.put(
                    format!("noi_nhan.entries[{}]", doc.noi_nhan.entries.len()),
                    n,
                );
                doc.noi_nhan.entries.push(Text::parse(e));
            }
            k += 1;
        }
        while k < lines.len() {
            let (n, l) = lines[k];
            k += 1;
            if l.trim().is_empty() {
                continue;
            }
            if l.trim() == "```json" && extra.is_none() {
                let (json, next) = fence(&lines, k - 1)?;
                extra = Some((n, json));
                k = next;
                continue;
            }
            return Err(stray(n, l));
        }
    }
    if !doc.noi_nhan.entries.is_empty() || doc.noi_nhan.luu.is_some() {
        given.insert("noi_nhan");
    }
    // Required fields, unless the JSON block gives them.
    let json_keys: HashSet<String> = match &extra {
        Some((n, json)) => match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(o)) => o.keys().cloned().collect(),
            Ok(_) => {
                return Err(err(
                    "text.json",
                    *n,
                    format!("dòng {n}: khối JSON cuối phải là một đối tượng {{…}}"),
                    format!("line {n}: the closing JSON block must be an object {{…}}"),
                ))
            }
            Err(e) => return Err(json_error(*n, &e)),
        },
        None => HashSet::new(),
    };
    let first_line = lines.first().map_or(1, |l| l.0);
    let missing = |k: Key, field: &str| -> Result<(), LoadError> {
        if seen.contains(&k) || json_keys.contains(field) {
            return Ok(());
        }
        let name = key_name(k);
        Err(err(
            "text.missing_key",
            first_line,
            format!("phần đầu thiếu khóa `{name}:`"),
            format!("the header lacks the key `{name}:`"),
        ))
    };
    missing(Key::Kind, "kind")?;
    missing(Key::IssuerName, "issuer")?;
    missing(Key::Abbreviation, "issuer")?;
    missing(Key::Post, "signature")?;
    missing(Key::Name, "signature")?;
    if let Some((n, json)) = extra {
        for key in &json_keys {
            if given.contains(key.as_str()) {
                return Err(err(
                    "text.conflict",
                    n,
                    format!("dòng {n}: khối JSON ghi lại `{key}`, đã có trong phần văn bản; chỉ ghi ở một nơi"),
                    format!("line {n}: the JSON block gives `{key}`, which the text already gives; give it once"),
                ));
            }
        }
        let mut value = serde_json::to_value(&doc).expect("a document serialises");
        let obj = value.as_object_mut().expect("an object");
        let serde_json::Value::Object(add) = serde_json::from_str(&json).expect("read above")
        else {
            unreachable!("checked above")
        };
        for (k, v) in add {
            obj.insert(k, v);
        }
        doc = match serde_path_to_error::deserialize::<_, Document>(value) {
            Ok(d) => d,
            Err(e) => {
                let path = e.path().to_string();
                let index = PositionIndex::new(&json);
                let line = index.get_or_enclosing(&path).map_or(n, |p| p.line + n);
                let inner = e.into_inner();
                let mut d = err(
                    "text.json",
                    line,
                    format!("dòng {line}: khối JSON: {inner}"),
                    format!("line {line}: JSON block: {inner}"),
                );
                d.0.path = path;
                return Err(d);
            }
        };
        pos.json = Some((PositionIndex::new(&json), n, json_keys));
    }
    let (document, notes) = normalize(doc);
    Ok(TextLoaded {
        document,
        notes,
        positions: pos,
    })
}

/// [`from_text`] from bytes within limits: the size and UTF-8 checks of
/// [`crate::load::from_slice_with`], with the same messages.
#[allow(clippy::result_large_err)]
pub fn from_slice_with(bytes: &[u8], limits: &crate::Limits) -> Result<TextLoaded, LoadError> {
    let fits = bytes.len() as u64 <= limits.document_bytes;
    match std::str::from_utf8(crate::load::strip_bom(bytes)) {
        Ok(s) if fits => from_text(s),
        // Too large or not UTF-8: the JSON loader says which, and where.
        _ => Err(crate::load::from_slice_with(bytes, limits)
            .err()
            .unwrap_or_else(|| {
                LoadError(Diagnostic::error(
                    "input.size",
                    "",
                    Msg::new("tệp quá lớn", "the file is too large"),
                ))
            })),
    }
}

/// Whether a file name is in the text format (ends `.txt`, any case).
pub fn is_text_path(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

fn json_error(start: usize, e: &serde_json::Error) -> LoadError {
    let line = start + e.line();
    err(
        "text.json",
        line,
        format!("dòng {line}: JSON không đọc được: {e}"),
        format!("line {line}: cannot read the JSON: {e}"),
    )
}

fn stray(n: usize, l: &str) -> LoadError {
    let l = crate::diag::shorten_value(l.trim(), 60);
    err(
        "text.stray_line",
        n,
        format!("dòng {n}: không biết đặt `{l}` vào đâu"),
        format!("line {n}: `{l}` has no place here"),
    )
}

fn is_noi_nhan(l: &str) -> bool {
    !l.starts_with([' ', '\t']) && fold(l) == "noi nhan:"
}

/// `Kính gửi: X` → `Some("X")`, matched without diacritics on the label.
fn strip_label<'a>(l: &'a str, label: &str) -> Option<&'a str> {
    let colon = l.find(':')?;
    (fold(&l[..=colon]) == label).then(|| l[colon + 1..].trim())
}

/// The lines of a fenced JSON block starting at `lines[at]` (the
/// ```` ```json ```` line) and the index after its closing fence.
#[allow(clippy::result_large_err)]
fn fence(lines: &[(usize, &str)], at: usize) -> Result<(String, usize), LoadError> {
    let mut json = String::new();
    for (j, (_, l)) in lines.iter().enumerate().skip(at + 1) {
        if l.trim() == "```" {
            return Ok((json, j + 1));
        }
        json.push_str(l);
        json.push('\n');
    }
    let n = lines[at].0;
    Err(err(
        "text.fence",
        n,
        format!("dòng {n}: khối ```json không có dòng ``` đóng"),
        format!("line {n}: the ```json block has no closing ``` line"),
    ))
}

/// The archive line: its parts when it is in the standard form, else the
/// line as typed.
fn parse_luu(s: &str) -> Luu {
    let parts = (|| {
        let rest = s.strip_prefix("Lưu: ")?;
        let (list, tail) = rest.split_once('.')?;
        let mut units: Vec<String> = list.split(", ").map(str::to_string).collect();
        let mut copies = None;
        if let Some(last) = units.last_mut() {
            if let Some((u, c)) = last.split_once(" (") {
                copies = Some(c.strip_suffix(')')?.parse().ok()?);
                *last = u.to_string();
            }
        }
        let (mut drafter, mut issued) = (None, None);
        let tail = tail.trim();
        if !tail.is_empty() {
            let (d, t) = tail.split_once('.')?;
            drafter = Some(d.to_string());
            if !t.is_empty() {
                issued = Some(t.strip_prefix('(')?.strip_suffix(").")?.parse().ok()?);
            }
        }
        let ok = units
            .iter()
            .all(|u| !u.is_empty() && !u.contains([' ', '(', ')']));
        let p = Luu::Parts(LuuParts {
            units,
            copies,
            drafter,
            issued,
        });
        (ok && p.text() == s).then_some(p)
    })();
    parts.unwrap_or_else(|| Luu::Line(s.to_string()))
}

/// What a body line starts.
#[derive(Debug, Clone, PartialEq)]
enum Start {
    Item(String),
    Point(String),
    Article(String),
    Heading(String),
    Dash,
    Plus,
    Indented,
    Fence,
    Plain,
}

/// The kind of line and the rest of it after the marker.
fn classify(t: &str) -> (Start, &str) {
    if t == "```json" {
        return (Start::Fence, "");
    }
    if let Some(r) = t.strip_prefix("- ").or((t == "-").then_some("")) {
        return (Start::Dash, r);
    }
    if let Some(r) = t.strip_prefix("+ ").or((t == "+").then_some("")) {
        return (Start::Plus, r);
    }
    if let Some(r) = t.strip_prefix("> ").or((t == ">").then_some("")) {
        return (Start::Indented, r);
    }
    // `Điều 1.`
    if let Some(r) = t.strip_prefix("Điều ") {
        if let Some((num, rest)) = number_dot(r) {
            return (Start::Article(num), rest);
        }
    }
    // `1.`, `1.1.`
    if let Some((num, rest)) = number_dot(t) {
        return (Start::Item(num), rest);
    }
    // `a)`
    let mut cs = t.chars();
    if let (Some(c), Some(')')) = (cs.next(), cs.next()) {
        if c.is_ascii_lowercase() || c == 'đ' {
            let r = cs.as_str();
            if r.is_empty() || r.starts_with(' ') {
                return (Start::Point(c.to_string()), r.trim_start());
            }
        }
    }
    // `I. TITLE`
    if let Some((label, rest)) = t.split_once(". ") {
        if !label.is_empty() && label.chars().all(|c| "IVXLC".contains(c)) {
            return (Start::Heading(format!("{label}.")), rest);
        }
    }
    (Start::Plain, t)
}

/// `1.1. rest` → `("1.1", "rest")`.
fn number_dot(t: &str) -> Option<(String, &str)> {
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (num, rest) = t.split_at(end);
    let num = num.strip_suffix('.')?;
    let ok = !num.is_empty() && num.split('.').all(|p| !p.is_empty());
    (ok && (rest.is_empty() || rest.starts_with(' '))).then(|| (num.to_string(), rest.trim_start()))
}

/// A paragraph's line: a leading `\` (not escaping markup) is dropped.
fn unescape(t: &str) -> &str {
    match t.strip_prefix('\\') {
        Some(r) if !r.starts_with(['*', '_', '\\']) => r,
        _ => t,
    }
}

fn indent_of(l: &str) -> usize {
    let mut w = 0;
    for c in l.chars() {
        match c {
            ' ' => w += 1,
            '\t' => w += 4,
            _ => break,
        }
    }
    w
}

/// A `-` line (or `>` line): its line number, text and `+` lines.
type ListLine = (usize, String, Vec<(usize, String)>);

/// One block's lines gathered: its start, its text (continuation lines
/// joined) and for a list its items.
struct Entry {
    line: usize,
    indent: usize,
    start: Start,
    text: String,
    /// List items (line, text, subs) or indented lines.
    items: Vec<ListLine>,
    json: Option<String>,
}

#[allow(clippy::result_large_err)]
fn gather(lines: &[(usize, &str)]) -> Result<Vec<Entry>, LoadError> {
    let mut out: Vec<Entry> = Vec::new();
    // Whether the previous line was a text line a plain line continues.
    let mut open = false;
    let mut k = 0;
    while k < lines.len() {
        let (n, l) = lines[k];
        k += 1;
        let t = l.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let indent = indent_of(l);
        let (start, rest) = classify(t);
        match start {
            Start::Plain => {
                let rest = unescape(rest);
                if open {
                    let e = out.last_mut().expect("open after an entry");
                    let s = match e.items.last_mut() {
                        Some((_, s, subs)) => match subs.last_mut() {
                            Some((_, s)) => s,
                            None => s,
                        },
                        None => &mut e.text,
                    };
                    s.push(' ');
                    s.push_str(rest);
                } else {
                    out.push(Entry {
                        line: n,
                        indent,
                        start: Start::Plain,
                        text: rest.to_string(),
                        items: Vec::new(),
                        json: None,
                    });
                    open = true;
                }
            }
            Start::Fence => {
                let (json, next) = fence(lines, k - 1)?;
                k = next;
                out.push(Entry {
                    line: n,
                    indent,
                    start,
                    text: String::new(),
                    items: Vec::new(),
                    json: Some(json),
                });
                open = false;
            }
            Start::Dash | Start::Indented => {
                let same = open
                    && matches!(out.last(), Some(e) if e.start == start && !e.items.is_empty());
                if !same {
                    out.push(Entry {
                        line: n,
                        indent,
                        start: start.clone(),
                        text: String::new(),
                        items: Vec::new(),
                        json: None,
                    });
                }
                let e = out.last_mut().expect("pushed");
                e.items.push((n, rest.to_string(), Vec::new()));
                // A plain line right under continues this entry's text.
                open = true;
            }
            Start::Plus => {
                let ok = open && matches!(out.last(), Some(e) if e.start == Start::Dash);
                if !ok {
                    return Err(err(
                        "text.stray_line",
                        n,
                        format!("dòng {n}: dòng `+` phải ngay dưới một dòng `-`"),
                        format!("line {n}: a `+` line must come right under a `-` line"),
                    ));
                }
                let e = out.last_mut().expect("checked");
                let item = e.items.last_mut().expect("a dash entry has items");
                item.2.push((n, rest.to_string()));
            }
            _ => {
                out.push(Entry {
                    line: n,
                    indent,
                    start,
                    text: rest.to_string(),
                    items: Vec::new(),
                    json: None,
                });
                open = true;
            }
        }
    }
    Ok(out)
}

#[allow(clippy::result_large_err)]
fn parse_blocks(
    lines: &[(usize, &str)],
    path: &str,
    pos: &mut TextPositions,
) -> Result<Vec<Block>, LoadError> {
    let entries = gather(lines)?;
    let mut k = 0;
    let blocks = build(&entries, &mut k, None, path, pos)?;
    Ok(blocks)
}

#[allow(clippy::result_large_err)]
fn build(
    es: &[Entry],
    k: &mut usize,
    parent: Option<usize>,
    path: &str,
    pos: &mut TextPositions,
) -> Result<Vec<Block>, LoadError> {
    let mut out = Vec::new();
    while *k < es.len() {
        let e = &es[*k];
        if parent.is_some_and(|p| e.indent <= p) {
            break;
        }
        *k += 1;
        let p = format!("{path}[{}]", out.len());
        pos.put(p.clone(), e.line);
        let takes_children = matches!(
            e.start,
            Start::Item(_) | Start::Point(_) | Start::Article(_)
        );
        let children = if takes_children {
            let key = match e.start {
                Start::Item(_) => "item",
                Start::Point(_) => "point",
                _ => "article",
            };
            build(es, k, Some(e.indent), &format!("{p}.{key}.children"), pos)?
        } else {
            Vec::new()
        };
        if let Some(next) = es.get(*k) {
            if next.indent > e.indent && !takes_children {
                return Err(err(
                    "text.stray_line",
                    next.line,
                    format!("dòng {}: dòng thụt vào nhưng dòng trên nó không chứa được nội dung con (chỉ khoản `1.`, điểm `a)`, điều `Điều 1.` chứa được)", next.line),
                    format!("line {}: this line is indented, but the line above takes nothing under it (only items `1.`, points `a)` and articles `Điều 1.` do)", next.line),
                ));
            }
        }
        let block = match &e.start {
            Start::Plain => {
                pos.put(format!("{p}.paragraph"), e.line);
                Block::Paragraph(Text::parse(&e.text))
            }
            Start::Item(num) => {
                pos.put(format!("{p}.item"), e.line);
                let (heading, text) = run_in(&e.text);
                Block::Item(NumberedItem {
                    number: ItemNumber(num.clone()),
                    heading,
                    text,
                    children,
                })
            }
            Start::Point(letter) => {
                pos.put(format!("{p}.point"), e.line);
                Block::Point(Point {
                    letter: letter.clone(),
                    text: Text::parse(&e.text),
                    children,
                })
            }
            Start::Article(num) => {
                pos.put(format!("{p}.article"), e.line);
                Block::Article(Article {
                    number: ItemNumber(num.clone()),
                    title: None,
                    text: Text::parse(&e.text),
                    children,
                })
            }
            Start::Heading(label) => {
                pos.put(format!("{p}.heading"), e.line);
                Block::Heading(Heading {
                    style: HeadingStyle::Section,
                    label: Some(label.clone()),
                    title: e.text.clone(),
                })
            }
            Start::Dash => {
                let mut items = Vec::new();
                for (j, (n, t, subs)) in e.items.iter().enumerate() {
                    let pj = format!("{p}.list[{j}]");
                    pos.put(pj.clone(), *n);
                    for (s, (m, _)) in subs.iter().enumerate() {
                        pos.put(format!("{pj}.sub[{s}]"), *m);
                    }
                    items.push(ListItem {
                        text: Text::parse(t),
                        sub: subs.iter().map(|(_, s)| Text::parse(s)).collect(),
                    });
                }
                Block::List(items)
            }
            Start::Indented => {
                for (j, (n, _, _)) in e.items.iter().enumerate() {
                    pos.put(format!("{p}.indented[{j}]"), *n);
                }
                Block::Indented(e.items.iter().map(|(_, t, _)| Text::parse(t)).collect())
            }
            Start::Fence => {
                let json = e.json.as_deref().unwrap_or("");
                serde_json::from_str::<Block>(json).map_err(|x| json_error(e.line, &x))?
            }
            Start::Plus => unreachable!("`+` lines are gathered into their list"),
        };
        out.push(block);
    }
    Ok(out)
}

/// `**Heading:** text` → the bold heading and the text after one space.
fn run_in(markup: &str) -> (Option<Text>, Text) {
    let t = Text::parse(markup);
    if !markup.starts_with("**") || markup.starts_with("***") {
        return (None, t);
    }
    match t.runs.split_first() {
        Some((h, rest)) if h.bold && !h.italic && !h.underline => {
            let mut text = Text::default();
            for (i, r) in rest.iter().enumerate() {
                let mut r = r.clone();
                if i == 0 {
                    if let Some(s) = r.text.strip_prefix(' ') {
                        r.text = s.to_string();
                    }
                }
                text.push(r);
            }
            // The heading is printed bold whatever its runs: the model
            // holds it plain, as JSON writes it.
            (Some(Text::plain(h.text.clone())), text)
        }
        _ => (None, t),
    }
}

// ---------------------------------------------------------------- printer

/// Why a document cannot be written in the text format without loss.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the document cannot be written as text without loss: {0}")]
pub struct Unsupported(pub String);

impl Unsupported {
    /// The reason in both languages, as `vanban convert` says it.
    pub fn message(&self) -> Msg {
        Msg::new(
            format!(
                "không chuyển được sang định dạng văn bản mà không mất nội dung: {}",
                self.0
            ),
            self.to_string(),
        )
    }
}

/// Writes a document in the text format. What the text cannot say (a
/// table, annexes, profile overrides, a value with a line break…) goes
/// into JSON blocks; the result is read back and compared, so that what
/// is returned always reads as the same document (`$schema` aside).
pub fn to_text(doc: &Document) -> Result<String, Unsupported> {
    let mut doc = doc.clone();
    doc.schema = None;
    let mut json: BTreeSet<&'static str> = BTreeSet::new();
    if !doc.annexes.is_empty() {
        json.insert("annexes");
    }
    if doc.profile.is_some() {
        json.insert("profile");
    }
    let starts = |t: &Text| t.to_markup().starts_with("Căn cứ");
    let can_cu_ok = match &doc.can_cu {
        None => true,
        Some(CanCu::Paragraph(t)) => starts(t),
        Some(CanCu::Lines(v)) => v.len() >= 2 && starts(&v[0]) && v.iter().all(|t| !t.is_empty()),
    };
    if !can_cu_ok {
        json.insert("can_cu");
    }
    let target = serde_json::to_value(&doc).map_err(|e| Unsupported(e.to_string()))?;
    for _ in 0..6 {
        let text = print(&doc, &json);
        let back = match from_text(&text) {
            Ok(l) => l.document,
            Err(e) => return Err(Unsupported(e.0.message.en)),
        };
        if back == doc {
            return Ok(text);
        }
        let got = serde_json::to_value(&back).map_err(|e| Unsupported(e.to_string()))?;
        let before = json.len();
        for &f in Document::FIELDS {
            if target.get(f) != got.get(f) {
                json.insert(f);
            }
        }
        if json.len() == before {
            break;
        }
    }
    Err(Unsupported(
        "the text read back differs from the document".into(),
    ))
}

fn print(doc: &Document, json: &BTreeSet<&'static str>) -> String {
    let mut h: Vec<String> = Vec::new();
    let mut kv = |k: Key, v: &str| h.push(format!("{}: {v}", key_name(k)));
    let text_ok = |f: &str| !json.contains(f);
    if text_ok("kind") {
        kv(Key::Kind, doc.kind.key());
    }
    if text_ok("draft") && doc.draft {
        kv(Key::Draft, "có");
    }
    if text_ok("issuer") {
        let i = &doc.issuer;
        if !i.superior.0.is_empty() {
            kv(Key::Superior, &i.superior.0.join(" | "));
        }
        kv(Key::IssuerName, &i.name.0.join(" | "));
        kv(Key::Abbreviation, &i.abbreviation);
        if let Some(f) = &i.full_name {
            kv(Key::FullName, f);
        }
    }
    if text_ok("so_hieu") {
        let s = &doc.so_hieu;
        if let Some(n) = s.number {
            kv(Key::Number, &n.to_string());
        }
        if let Some(k) = &s.ky_hieu {
            kv(Key::KyHieu, k);
        }
        if let Some(u) = &s.unit {
            kv(Key::Unit, u);
        }
    }
    if text_ok("place") && !doc.place.is_empty() {
        kv(Key::Place, &doc.place);
    }
    if text_ok("date") {
        if let Some(d) = &doc.date {
            let v = match (d.month, d.day) {
                (None, None) => format!("{:04}", d.year),
                (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
                _ => String::new(),
            };
            kv(Key::Date, &v);
        }
    }
    for (f, k, l) in [
        ("trich_yeu", Key::TrichYeu, &doc.trich_yeu),
        ("authority", Key::Authority, &doc.authority),
    ] {
        if text_ok(f) {
            for s in &l.0 {
                kv(k, s);
            }
        }
    }
    if text_ok("intro") {
        if let Some(t) = &doc.intro {
            kv(Key::Intro, &t.to_markup());
        }
    }
    if text_ok("signature") {
        let s = &doc.signature;
        if !s.authority.is_empty() {
            kv(Key::SigAuthority, &s.authority.join(" | "));
        }
        kv(Key::Post, &s.post);
        kv(Key::Name, &s.name);
        if let Some(i) = &s.signature_image {
            kv(Key::SigImage, i);
        }
        if let Some(i) = &s.seal_image {
            kv(Key::SealImage, i);
        }
    }
    if text_ok("co_signers") {
        for s in &doc.co_signers {
            let mut parts = s.authority.clone();
            parts.push(s.post.clone());
            parts.push(s.name.clone());
            kv(Key::CoSigner, &parts.join(" | "));
        }
    }
    if text_ok("footer") {
        for s in &doc.footer.0 {
            kv(Key::Footer, s);
        }
    }
    if text_ok("metadata") {
        let m = &doc.metadata;
        for (k, v) in [
            (Key::Title, &m.title),
            (Key::Author, &m.author),
            (Key::Subject, &m.subject),
        ] {
            if let Some(v) = v {
                kv(k, v);
            }
        }
        if !m.keywords.is_empty() {
            kv(Key::Keywords, &m.keywords.join(", "));
        }
        if m.language != "vi-VN" {
            kv(Key::Language, &m.language);
        }
        if let Some(c) = &m.created {
            kv(Key::Created, c);
        }
    }
    let mut out = h.join("\n");
    out.push_str("\n\n");
    if text_ok("kinh_gui") && !doc.kinh_gui.is_empty() {
        if let [one] = doc.kinh_gui.as_slice() {
            out.push_str(&format!("Kính gửi: {}\n\n", one.to_markup()));
        } else {
            out.push_str("Kính gửi:\n");
            for t in &doc.kinh_gui {
                out.push_str(&format!("- {}\n", t.to_markup()));
            }
            out.push('\n');
        }
    }
    if text_ok("can_cu") {
        match &doc.can_cu {
            Some(CanCu::Paragraph(t)) => out.push_str(&format!("{}\n\n", t.to_markup())),
            Some(CanCu::Lines(ls)) => {
                for t in ls {
                    out.push_str(&format!("{}\n", t.to_markup()));
                }
                out.push('\n');
            }
            None => {}
        }
    }
    if text_ok("body") {
        for b in &doc.body {
            for l in print_block(b) {
                out.push_str(&l);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out.push_str("Nơi nhận:\n");
    if text_ok("noi_nhan") {
        for t in &doc.noi_nhan.entries {
            out.push_str(&format!("- {}\n", t.to_markup()));
        }
        if let Some(l) = &doc.noi_nhan.luu {
            out.push_str(&format!("- {}\n", l.text()));
        }
    }
    if !json.is_empty() {
        let v = serde_json::to_value(doc).expect("a document serialises");
        let mut o = serde_json::Map::new();
        for f in json {
            if let Some(x) = v.get(*f) {
                o.insert((*f).to_string(), x.clone());
            }
        }
        out.push_str("\n```json\n");
        out.push_str(&serde_json::to_string_pretty(&o).expect("serialises"));
        out.push_str("\n```\n");
    }
    out
}

/// A paragraph's first line, escaped when it would read as something else.
fn para_line(markup: &str) -> String {
    let t = markup.trim_start();
    let special = classify(t).0 != Start::Plain
        || t.starts_with("Căn cứ")
        || strip_label(t, "kinh gui:").is_some()
        || fold(t) == "noi nhan:"
        || (t.starts_with('\\') && unescape(t) != t);
    if special {
        format!("\\{markup}")
    } else {
        markup.to_string()
    }
}

/// A block's lines (children indented by three spaces), or a JSON block
/// when the lines would not read back as the same block.
fn print_block(b: &Block) -> Vec<String> {
    let lines = print_block_text(b);
    let refs: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l.as_str()))
        .collect();
    let ok = parse_blocks(&refs, "body", &mut TextPositions::default())
        .is_ok_and(|bs| bs.len() == 1 && bs[0] == *b);
    if ok {
        return lines;
    }
    let mut out = vec!["```json".to_string()];
    out.extend(
        serde_json::to_string_pretty(b)
            .expect("a block serialises")
            .lines()
            .map(str::to_string),
    );
    out.push("```".into());
    out
}

fn with_children(head: String, children: &[Block]) -> Vec<String> {
    let mut out = vec![head];
    for (i, c) in children.iter().enumerate() {
        let lines = print_block(c);
        // A child that starts with a marker may follow without a blank
        // line; a paragraph needs one, or it would continue the text above.
        let marker = lines
            .first()
            .is_some_and(|l| classify(l.trim()).0 != Start::Plain);
        if i > 0 || !marker {
            out.push(String::new());
        }
        out.extend(
            lines
                .into_iter()
                .map(|l| if l.is_empty() { l } else { format!("   {l}") }),
        );
    }
    out
}

fn print_block_text(b: &Block) -> Vec<String> {
    match b {
        Block::Paragraph(t) => vec![para_line(&t.to_markup())],
        Block::List(items) => {
            let mut out = Vec::new();
            for it in items {
                out.push(format!("- {}", it.text.to_markup()).trim_end().to_string());
                for s in &it.sub {
                    out.push(format!("+ {}", s.to_markup()).trim_end().to_string());
                }
            }
            out
        }
        Block::Indented(ls) => ls
            .iter()
            .map(|t| format!("> {}", t.to_markup()).trim_end().to_string())
            .collect(),
        Block::Item(it) => {
            let mut head = format!("{}.", it.number);
            if let Some(h) = &it.heading {
                head.push_str(&format!(" **{}**", h.to_markup()));
            }
            if !it.text.is_empty() {
                head.push(' ');
                head.push_str(&it.text.to_markup());
            }
            with_children(head, &it.children)
        }
        Block::Point(p) => {
            let head = format!("{}) {}", p.letter, p.text.to_markup())
                .trim_end()
                .to_string();
            with_children(head, &p.children)
        }
        Block::Article(a) => {
            let head = format!("Điều {}. {}", a.number, a.text.to_markup())
                .trim_end()
                .to_string();
            with_children(head, &a.children)
        }
        Block::Heading(h) => vec![format!("{} {}", h.label.as_deref().unwrap_or(""), h.title)],
        // Tables are written as JSON (print_block's fallback).
        Block::Table(_) => vec!["```".into()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "loại: thong-bao\ncơ quan: ỦY BAN NHÂN DÂN | XÃ A\nviết tắt: UBND\nchức vụ: CHỦ TỊCH\nngười ký: Nguyễn Văn A\n";

    fn line_of(src: &str) -> (usize, &'static str) {
        let e = from_text(src).unwrap_err().0;
        (e.position.unwrap().line, e.code)
    }

    #[test]
    fn errors_name_their_line() {
        assert_eq!(
            line_of(&format!("{HEAD}màu: xanh\n\nNội dung./.")),
            (6, "text.unknown_key")
        );
        assert_eq!(
            line_of(&format!("loại: thong-bao\nngày: 2025-13\n{HEAD}")),
            (2, "text.bad_value")
        );
        assert_eq!(
            line_of(&format!("{HEAD}\nMột đoạn.\n\n   thụt vào không có chủ\n")),
            (9, "text.stray_line")
        );
        assert_eq!(
            line_of(&format!("{HEAD}\nĐoạn.\n+ con không có cha\n")),
            (8, "text.stray_line")
        );
        assert_eq!(
            line_of(&format!("{HEAD}\nĐoạn./.\n\nNơi nhận:\n- A;\nchữ lạc\n")),
            (11, "text.stray_line")
        );
        assert_eq!(
            line_of(&format!("{HEAD}số: 5\nsố: 6\n")),
            (7, "text.duplicate_key")
        );
        assert_eq!(
            line_of("loại: thong-bao\n\nĐoạn./.\n"),
            (1, "text.missing_key")
        );
        assert_eq!(
            line_of(&format!(
                "{HEAD}\nĐoạn./.\n\nNơi nhận:\n\n```json\n{{\"draft\": 1}}\n```\n"
            )),
            (12, "text.json")
        );
    }

    #[test]
    fn ascii_keys_and_values() {
        let src = "loai: Thông báo\nco quan: UBND XA A\nviet tat: UBND\nngay: 06/03/2025\ndu thao: co\nchuc vu: CHỦ TỊCH\nnguoi ky: A\n";
        let d = from_text(src).unwrap().document;
        assert_eq!(d.kind, DocumentKind::ThongBao);
        assert_eq!(d.date, Some(IssueDate::full(2025, 3, 6)));
        assert!(d.draft);
    }

    #[test]
    fn body_structure() {
        let src = format!(
            "{HEAD}\nKính gửi:\n- Phòng A;\n- Phòng B.\n\nCăn cứ X;\nTheo đề nghị Y.\n\nMở đầu\nnối tiếp.\n\n1. **Tiêu đề:** nội dung\n   - a\n   + a1\n   - b\n\n   Đoạn con.\n2. Khác\n   a) điểm\n      > Thời gian: 8 giờ\n      > Địa điểm: xã\nI. MỤC\n\n\\1. không phải khoản\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VP (2).\n"
        );
        let l = from_text(&src).unwrap();
        let d = &l.document;
        assert_eq!(d.kinh_gui.len(), 2);
        assert!(matches!(&d.can_cu, Some(CanCu::Lines(v)) if v.len() == 2));
        assert_eq!(d.body[0], Block::Paragraph(Text::parse("Mở đầu nối tiếp.")));
        let Block::Item(it) = &d.body[1] else {
            panic!("{:?}", d.body[1])
        };
        assert_eq!(it.heading, Some(Text::plain("Tiêu đề:")));
        assert_eq!(it.text, Text::parse("nội dung"));
        assert_eq!(it.children.len(), 2);
        let Block::Item(it2) = &d.body[2] else {
            panic!()
        };
        let Block::Point(p) = &it2.children[0] else {
            panic!()
        };
        assert!(matches!(&p.children[0], Block::Indented(v) if v.len() == 2));
        assert!(matches!(&d.body[3], Block::Heading(_)));
        assert_eq!(
            d.body[4],
            Block::Paragraph(Text::parse("1. không phải khoản"))
        );
        assert!(matches!(&d.noi_nhan.luu, Some(Luu::Parts(p)) if p.copies == Some(2)));
        // Positions of fields, for `check`.
        let at = |p: &str| l.positions.get_or_enclosing(p).unwrap().line;
        assert_eq!(at("body[1].item.children[0].list[1]"), 20);
        assert_eq!(at("noi_nhan.luu.units"), 33);
        assert_eq!(at("signature.post"), 4);
        assert_eq!(at("can_cu.lines[1]"), 12);
        // And back.
        let again = from_text(&to_text(d).unwrap()).unwrap().document;
        assert_eq!(&again, d);
    }

    #[test]
    fn luu_forms() {
        assert_eq!(parse_luu("Lưu: VT, VP."), Luu::units(["VT", "VP"]));
        assert_eq!(
            parse_luu("Lưu: VT, Hồ sơ."),
            Luu::Line("Lưu: VT, Hồ sơ.".into())
        );
        let l = Luu::Parts(LuuParts {
            units: vec!["VT".into(), "VP".into()],
            copies: None,
            drafter: Some("PL".into()),
            issued: Some(300),
        });
        assert_eq!(parse_luu(&l.text()), l);
    }
}
