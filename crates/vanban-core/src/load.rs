//! Loading a document from JSON: UTF-8 check, parsing with the field path of
//! any error, and NFC normalisation of every string.

use crate::diag::{Diagnostic, Msg, Position};
use crate::document::Document;
use crate::limits::{human_bytes, Limits};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A loaded document and the notes produced while loading (text that
/// arrived decomposed and was normalised).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document, its strings in NFC.
    pub document: Document,
    /// Notes from loading (strings that were normalised), each with its position.
    pub notes: Vec<Diagnostic>,
}

/// Why an input could not be loaded: one diagnostic that says where and what.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub Diagnostic);

/// Loads a document from bytes: they must be UTF-8 JSON. A leading
/// byte-order mark (as Notepad and Excel write it) is skipped. Bounded by
/// [`Limits::default`]; see [`from_slice_with`].
// The error is one diagnostic, returned once per load: boxing it would only
// make callers unwrap a box.
#[allow(clippy::result_large_err)]
pub fn from_slice(bytes: &[u8]) -> Result<Loaded, LoadError> {
    from_slice_with(bytes, &Limits::default())
}

/// [`from_slice`] within the given limits: size, nesting depth, length of
/// values quoted in the error.
#[allow(clippy::result_large_err)]
pub fn from_slice_with(bytes: &[u8], limits: &Limits) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > limits.document_bytes {
        return Err(too_large(bytes.len() as u64, limits));
    }
    let bytes = strip_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => from_json_with(s, limits),
        Err(e) => {
            let off = e.valid_up_to();
            let pos = position_of_offset(bytes, off);
            let mut d = Diagnostic::error(
                "input.utf8",
                "",
                Msg::new(
                    format!("tệp không phải văn bản UTF-8: byte thứ {off} (0x{:02X}) không hợp lệ", bytes[off]),
                    format!("the file is not UTF-8 text: byte {off} (0x{:02X}) is invalid", bytes[off]),
                ),
            )
            .with_fix(Msg::new(
                "lưu lại tệp với bảng mã UTF-8 (Unicode); không dùng TCVN3/VNI",
                "save the file again as UTF-8 (Unicode); legacy TCVN3/VNI encodings are not supported",
            ));
            d.position = Some(pos);
            Err(LoadError(d))
        }
    }
}

/// The bytes without a leading UTF-8 byte-order mark: positions in
/// messages count from the first character a text editor shows.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn too_large(len: u64, limits: &Limits) -> LoadError {
    let (max, got) = (human_bytes(limits.document_bytes), human_bytes(len));
    LoadError(
        Diagnostic::error(
            "input.size",
            "",
            Msg::new(
                format!("tệp quá lớn cho một văn bản: hơn {max} (đọc được {got}); có thể nhầm tệp"),
                format!("the file is too large for a document: over {max} (read {got}); is it the right file?"),
            ),
        )
        .with_fix(Msg::new(
            "chọn đúng tệp JSON của văn bản; giới hạn này đổi được trong thư viện (Limits::document_bytes)",
            "give the document's JSON file; embedders can raise Limits::document_bytes",
        )),
    )
}

/// The byte offset of the first bracket nested deeper than `max`, looking
/// only at the JSON's structure (brackets inside strings do not count).
fn too_deep(src: &str, max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in src.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn position_of_offset(bytes: &[u8], off: usize) -> Position {
    let before = &bytes[..off];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position { line, column }
}

/// Loads a document from JSON text.
///
/// ```
/// let json = r#"{"kind": "thong-bao", "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ A"], "abbreviation": "UBND"},
///   "place": "A", "trich_yeu": "Về việc x", "body": [{"paragraph": "Nội dung./."}],
///   "noi_nhan": {"entries": []}, "signature": {"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}"#;
/// let loaded = vanban_core::load::from_json(json).unwrap();
/// assert_eq!(loaded.document.so_line(), "Số:      /TB-UBND");
/// ```
#[allow(clippy::result_large_err)]
pub fn from_json(src: &str) -> Result<Loaded, LoadError> {
    from_json_with(src, &Limits::default())
}

/// [`from_json`] within the given limits. The document must be the whole
/// text: anything but blanks after it is an error, so that two documents
/// pasted into one file are not half read.
#[allow(clippy::result_large_err)]
pub fn from_json_with(src: &str, limits: &Limits) -> Result<Loaded, LoadError> {
    if src.len() as u64 > limits.document_bytes {
        return Err(too_large(src.len() as u64, limits));
    }
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    if let Some(at) = too_deep(src, limits.depth) {
        let mut d = Diagnostic::error(
            "input.depth",
            "",
            Msg::new(
                format!("các ngoặc lồng nhau quá sâu (quá {} cấp)", limits.depth),
                format!("brackets nested too deep (more than {} levels)", limits.depth),
            ),
        )
        .with_fix(Msg::new(
            "văn bản hành chính không cần lồng quá vài cấp mục; kiểm tra các ngoặc `[` và `{` thừa",
            "an administrative document needs only a few levels of items; look for extra `[` and `{`",
        ));
        d.position = Some(position_of_offset(src.as_bytes(), at));
        return Err(LoadError(d));
    }
    let de = &mut serde_json::Deserializer::from_str(src);
    let parsed: Result<Document, _> = serde_path_to_error::deserialize(&mut *de);
    let document = match parsed {
        Ok(d) => d,
        Err(e) => {
            let mut d = describe_error(src, e);
            crate::diag::shorten_quotes(&mut d, limits.quoted_chars);
            return Err(LoadError(d));
        }
    };
    if let Err(e) = de.end() {
        let mut d = describe_error_plain(src, e);
        crate::diag::shorten_quotes(&mut d, limits.quoted_chars);
        return Err(LoadError(d));
    }
    let (document, notes) = normalize(document);
    Ok(Loaded { document, notes })
}

/// Whether `s` is surely NFC, by Unicode's quick check. Vietnamese typed
/// precomposed is Latin below U+0300 and the Latin Extended Additional
/// block (U+1E00–U+1EFF), where every character is NFC on its own and none
/// composes with another: those strings are decided without the tables
/// (the lookups were 3 % of a `vanban render`).
pub fn is_nfc_str(s: &str) -> bool {
    s.chars()
        .all(|c| (c as u32) < 0x300 || (0x1E00..=0x1EFF).contains(&(c as u32)))
        || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// Whether every string of the document is already NFC (a quick check,
/// no allocation): documents built in code are normalised only when not.
pub fn is_nfc(document: &Document) -> bool {
    let mut all = true;
    document.visit_strings(&mut |_, s| {
        if all && !is_nfc_str(s) && s.nfc().ne(s.chars()) {
            all = false;
        }
    });
    all
}

/// NFC-normalises every string of the document, with a note for each field
/// that changed. This is the only change ever made to what the user wrote.
pub fn normalize(mut document: Document) -> (Document, Vec<Diagnostic>) {
    let mut notes: Vec<Diagnostic> = Vec::new();
    document.visit_strings_mut(&mut |path, s| {
        if is_nfc_str(s) {
            return;
        }
        let n: String = s.nfc().collect();
        if n != *s {
            *s = n;
            let p = path.to_string();
            if !notes.iter().any(|d| d.path == p) {
                notes.push(
                    Diagnostic::note(
                        "text.nfd",
                        p,
                        Msg::new(
                            "chữ được gõ ở dạng tổ hợp (NFD); đã chuẩn hóa sang dạng dựng sẵn (NFC)",
                            "text arrived decomposed (NFD); it was normalised to NFC",
                        ),
                    )
                    .with_fix(Msg::new(
                        "dùng bộ gõ Unicode dựng sẵn để tránh thông báo này",
                        "type with a precomposed Unicode input method to avoid this note",
                    )),
                );
            }
        }
    });
    (document, notes)
}

fn describe_error(src: &str, e: serde_path_to_error::Error<serde_json::Error>) -> Diagnostic {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    describe(src, path, e.into_inner())
}

/// An error after the document was read: what follows it.
fn describe_error_plain(src: &str, e: serde_json::Error) -> Diagnostic {
    describe(src, String::new(), e)
}

fn describe(src: &str, path: String, inner: serde_json::Error) -> Diagnostic {
    let position = Position {
        line: inner.line(),
        column: char_column(src, inner.line(), inner.column()),
    };
    let raw = strip_location(&inner.to_string());
    let snippet = snippet_at(src, position);
    let (vi, en, fix) = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            // serde reports a block with two type keys as a syntax error,
            // though the JSON itself is fine: say what is really wrong.
            let valid_json = || serde_json::from_str::<serde::de::IgnoredAny>(src).is_ok();
            if raw == "expected value" && !path.is_empty() && !is_block_path(&path) && valid_json()
            {
                // serde_json says "expected value" for a number or `true`
                // where a kind, an alignment or another named value goes.
                wrong_type(&path, &token_at(src, position))
            } else if is_block_path(&path) && valid_json() {
                (
                    "mỗi khối của nội dung chỉ có một khóa cho biết loại khối (paragraph, list, item, point, heading, table)".to_string(),
                    "each body block has exactly one key naming its type (paragraph, list, item, point, heading, table)".to_string(),
                    Some(Msg::new(
                        "tách thành các khối riêng: [{\"paragraph\": \"…\"}, {\"list\": [\"…\"]}]",
                        "split it into separate blocks: [{\"paragraph\": \"…\"}, {\"list\": [\"…\"]}]",
                    )),
                )
            } else {
                let (vi, fix_vi, fix_en) = translate_syntax_error(&raw);
                let en = if is_surrogate_error(&raw) {
                    "a `\\uD800`–`\\uDFFF` escape stands alone (half of a UTF-16 pair), which is not a character"
                } else {
                    raw.as_str()
                };
                (
                    format!("JSON không hợp lệ: {vi}; đoạn lỗi: `{snippet}`"),
                    format!("invalid JSON: {en}; near `{snippet}`"),
                    Some(Msg::new(fix_vi, fix_en)),
                )
            }
        }
        // serde accepts an array for a struct; whatever it then says, the
        // real problem is that the file is not one object.
        _ if !src.trim_start().starts_with('{') => describe_data_error("invalid length", ""),
        _ => describe_data_error(&raw, &path),
    };
    let path = if src.trim_start().starts_with('{') {
        path
    } else {
        String::new()
    };
    let mut d = Diagnostic::error("input.json", path, Msg::new(vi, en));
    d.position = Some(position);
    d.fix = fix;
    d
}

/// serde_json counts columns in bytes; diagnostics count characters, so
/// that a column means the same on a line of Vietnamese text as in an editor.
fn char_column(src: &str, line: usize, byte_column: usize) -> usize {
    let Some(text) = src.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column.max(1);
    };
    let mut end = byte_column.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // serde points at the offending byte; its character is the one
    // containing that byte, so count the characters up to and including it.
    let chars = text[..end].chars().count();
    let within = byte_column > end;
    (chars + usize::from(within)).max(1)
}

/// `body[3]`, `body[0].item.children[1]`: where a block stands.
fn is_block_path(path: &str) -> bool {
    path.ends_with(']')
        && path
            .rsplit_once('[')
            .is_some_and(|(head, _)| head == "body" || head.ends_with(".children"))
}

/// The Vietnamese for serde_json's syntax errors, and what to do about them.
fn translate_syntax_error(raw: &str) -> (String, &'static str, &'static str) {
    let generic = (
        "kiểm tra dấu phẩy, ngoặc và dấu nháy quanh vị trí này",
        "check commas, brackets and quotes around this position",
    );
    let (vi, fix) = if raw.starts_with("EOF while parsing a string") {
        (
            "tệp kết thúc khi chuỗi chưa đóng",
            (
                "thêm dấu nháy kép `\"` đóng chuỗi",
                "close the string with `\"`",
            ),
        )
    } else if raw.starts_with("EOF while parsing") {
        (
            "tệp kết thúc giữa chừng",
            (
                "kiểm tra các ngoặc `}` và `]` đóng ở cuối tệp",
                "check the closing `}` and `]` at the end of the file",
            ),
        )
    } else if raw == "expected `,` or `}`" {
        (
            "thiếu dấu phẩy `,` giữa hai trường, hoặc ngoặc `}`",
            (
                "thêm dấu phẩy `,` ở cuối dòng trước",
                "add a comma `,` at the end of the previous line",
            ),
        )
    } else if raw == "expected `,` or `]`" {
        (
            "thiếu dấu phẩy `,` giữa hai phần tử, hoặc ngoặc `]`",
            (
                "thêm dấu phẩy `,` giữa hai phần tử",
                "add a comma `,` between the two elements",
            ),
        )
    } else if raw == "expected `:`" {
        (
            "thiếu dấu hai chấm `:` sau tên trường",
            ("viết \"tên\": giá trị", "write \"name\": value"),
        )
    } else if raw == "trailing comma" {
        (
            "dấu phẩy thừa trước dấu đóng ngoặc",
            (
                "xóa dấu phẩy cuối cùng trước `]` hoặc `}`",
                "remove the last comma before `]` or `}`",
            ),
        )
    } else if raw == "key must be a string" {
        (
            "tên trường phải đặt trong dấu nháy kép",
            ("viết \"tên\": …", "write \"name\": …"),
        )
    } else if raw == "invalid escape" {
        (
            "dấu `\\` không hợp lệ trong chuỗi",
            (
                "muốn viết dấu `\\` thì gõ `\\\\`",
                "to write a `\\`, type `\\\\`",
            ),
        )
    } else if raw.starts_with("control character") {
        (
            "chuỗi bị xuống dòng hoặc có ký tự điều khiển; có thể thiếu dấu nháy đóng",
            (
                "mỗi chuỗi nằm trọn trên một dòng; kiểm tra dấu nháy đóng",
                "keep each string on one line; check its closing quote",
            ),
        )
    } else if raw == "trailing characters" {
        (
            "có nội dung thừa sau khi đối tượng JSON đã đóng",
            (
                "xóa phần thừa sau dấu `}` cuối cùng",
                "remove what follows the last `}`",
            ),
        )
    } else if raw == "expected value" || raw == "expected ident" {
        (
            "cần một giá trị ở đây (chuỗi trong dấu nháy kép, số, true/false, [ ] hoặc { })",
            (
                "chuỗi phải đặt trong dấu nháy kép \"…\"",
                "strings go between double quotes \"…\"",
            ),
        )
    } else if is_surrogate_error(raw) {
        (
            "chuỗi có mã `\\uD800`–`\\uDFFF` đứng một mình (nửa cặp UTF-16), không phải một ký tự",
            (
                "xóa mã này, hoặc gõ thẳng ký tự thay cho mã `\\u…`",
                "remove this escape, or type the character itself instead of a `\\u…` escape",
            ),
        )
    } else if raw == "recursion limit exceeded" {
        ("các ngoặc lồng nhau quá sâu", generic)
    } else if raw.starts_with("number out of range") || raw == "invalid number" {
        ("số không hợp lệ hoặc quá lớn", generic)
    } else {
        return (raw.to_string(), generic.0, generic.1);
    };
    (vi.to_string(), fix.0, fix.1)
}

/// serde_json's words for a `\\uD800` escape without its other half.
fn is_surrogate_error(raw: &str) -> bool {
    raw.contains("surrogate")
        || raw == "unexpected end of hex escape"
        || raw == "invalid unicode code point"
}

/// The JSON value that starts at a position: `5`, `true`, `[1, 2]` (cut).
fn token_at(src: &str, p: Position) -> String {
    let line = src.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
    let rest: String = line.chars().skip(p.column.saturating_sub(1)).collect();
    let end = rest.find([',', '}', '\n']).unwrap_or(rest.len());
    short(rest[..end].trim())
}

/// A number, `true` or a list where a named value (a kind, an alignment)
/// goes.
fn wrong_type(path: &str, found: &str) -> (String, String, Option<Msg>) {
    let fix = if path == "kind" {
        let kinds: Vec<&str> = crate::kind::DocumentKind::ALL
            .iter()
            .map(|k| k.key())
            .collect();
        Some(Msg::new(
            format!("ghi tên loại trong dấu nháy kép, ví dụ \"kind\": \"thong-bao\". Các loại: {}", kinds.join(", ")),
            format!("write the kind's name between double quotes, e.g. \"kind\": \"thong-bao\". Kinds: {}", kinds.join(", ")),
        ))
    } else {
        Some(Msg::new(
            "ghi giá trị trong dấu nháy kép \"…\"",
            "write the value between double quotes \"…\"",
        ))
    };
    (
        format!("sai kiểu dữ liệu ở `{path}`: đang là `{found}`, cần một chuỗi trong dấu nháy kép"),
        format!("wrong type at `{path}`: found `{found}`, expected a string in double quotes"),
        fix,
    )
}

/// Names shown in full in messages are cut, so that a paragraph typed
/// where a block type was expected does not fill the screen.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(s, _)| *s > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

const BLOCK_TYPES_VI: &str = "paragraph (đoạn văn), list (các dòng gạch đầu dòng), item (khoản đánh số 1, 2, 3), point (điểm a, b, c), heading (đề mục I, II hoặc Phần), table (bảng)";
const BLOCK_TYPES_EN: &str = "paragraph, list (dash items), item (numbered 1, 2, 3), point (lettered a, b, c), heading (I, II or Part), table";

fn describe_data_error(raw: &str, path: &str) -> (String, String, Option<Msg>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let best = closest(name, &known);
        let list = known.join(", ");
        let fix = match best {
            Some(b) => Msg::new(
                format!("có phải ý bạn là `{b}`? Các trường hợp lệ: {list}"),
                format!("did you mean `{b}`? Known fields: {list}"),
            ),
            None => Msg::new(
                format!("các trường hợp lệ ở đây: {list}"),
                format!("known fields here: {list}"),
            ),
        };
        return (
            format!("trường `{name}` không có trong mẫu văn bản"),
            format!("unknown field `{name}`"),
            Some(fix),
        );
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        let (vi, en) = field_purpose(name);
        let at = if path.is_empty() {
            "ở cấp ngoài cùng".to_string()
        } else {
            format!("trong `{path}`")
        };
        let at_en = if path.is_empty() {
            "at the top level".to_string()
        } else {
            format!("in `{path}`")
        };
        return (
            format!("thiếu trường bắt buộc `{name}` {at} ({vi})"),
            format!("missing required field `{name}` {at_en} ({en})"),
            Some(Msg::new(
                format!("thêm \"{name}\": … vào đây"),
                format!("add \"{name}\": … here"),
            )),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("trường `{name}` được ghi hai lần"),
            format!("the field `{name}` is given twice"),
            Some(Msg::new(
                format!("giữ lại một trường `{name}` và xóa trường kia"),
                format!("keep one `{name}` and remove the other"),
            )),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return describe_unknown_variant(name, &known, path);
    }
    if path.is_empty()
        && (raw.starts_with("invalid length") || raw.contains("expected struct Document"))
    {
        return (
            "tệp phải là một đối tượng JSON {…} mô tả văn bản (kind, issuer, place, …)".to_string(),
            "the file must be one JSON object {…} describing the document (kind, issuer, place, …)"
                .to_string(),
            Some(Msg::new(
                "xem tệp mẫu trong thư mục samples/",
                "see the sample in the samples/ folder",
            )),
        );
    }
    for (prefix, vi_what) in [
        ("invalid type: ", "sai kiểu dữ liệu"),
        ("invalid value: ", "giá trị không hợp lệ"),
    ] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let en_what = prefix.trim_end_matches(": ").replace("invalid", "wrong");
            return (
                format!(
                    "{vi_what}: đang là {}, cần {}",
                    translate_found(found),
                    translate_expected(expected)
                ),
                format!("{en_what}: found {found}, expected {expected}"),
                None,
            );
        }
    }
    if let Some(v) = raw.strip_suffix(
        " is not a date; write \"YYYY-MM-DD\" (e.g. \"2025-03-06\") or a year (\"2025\")",
    ) {
        return (
            format!("{v} không phải ngày tháng đúng dạng"),
            raw.to_string(),
            Some(Msg::new(
                "ghi \"YYYY-MM-DD\" (ví dụ \"2025-03-06\"), hoặc chỉ ghi năm (\"2025\") với dự thảo",
                "write \"YYYY-MM-DD\" (e.g. \"2025-03-06\"), or the year alone (\"2025\") for a draft",
            )),
        );
    }
    (raw.to_string(), raw.to_string(), None)
}

fn describe_unknown_variant(
    name: &str,
    known: &[&str],
    path: &str,
) -> (String, String, Option<Msg>) {
    let shown = short(name);
    if known.contains(&"paragraph") && known.contains(&"table") {
        // A block written as a bare string: serde reads it as a type name.
        if name.contains(' ') || name.chars().count() > 20 {
            return (
                "mỗi khối của nội dung là một đối tượng có một khóa cho biết loại khối, không phải một chuỗi".to_string(),
                "each body block is an object with one key naming its type, not a bare string".to_string(),
                Some(Msg::new(
                    format!("viết {{\"paragraph\": \"{shown}\"}}"),
                    format!("write {{\"paragraph\": \"{shown}\"}}"),
                )),
            );
        }
        let best = closest(name, known);
        let (vi_best, en_best) = best.map_or((String::new(), String::new()), |b| {
            (
                format!("có phải ý bạn là `{b}`? "),
                format!("did you mean `{b}`? "),
            )
        });
        return (
            format!("không có loại khối `{shown}`"),
            format!("there is no block type `{shown}`"),
            Some(Msg::new(
                format!("{vi_best}Các loại khối: {BLOCK_TYPES_VI}"),
                format!("{en_best}Block types: {BLOCK_TYPES_EN}"),
            )),
        );
    }
    if path == "kind" {
        let exact = crate::kind::DocumentKind::find(name).map(|k| k.key());
        let best = exact.or_else(|| closest(name, known));
        let (vi_best, en_best) = best.map_or((String::new(), String::new()), |b| {
            (
                format!("có phải ý bạn là `{b}`? "),
                format!("did you mean `{b}`? "),
            )
        });
        return (
            format!("không có loại văn bản `{shown}`; loại văn bản ghi bằng tên không dấu, nối bằng gạch ngang (ví dụ `thong-bao`)"),
            format!("there is no document kind `{shown}`; kinds are written without diacritics, joined by hyphens (e.g. `thong-bao`)"),
            Some(Msg::new(
                format!("{vi_best}Các loại: {}", known.join(", ")),
                format!("{en_best}Kinds: {}", known.join(", ")),
            )),
        );
    }
    let best = closest(name, known);
    let (vi_best, en_best) = best.map_or((String::new(), String::new()), |b| {
        (
            format!("có phải ý bạn là `{b}`? "),
            format!("did you mean `{b}`? "),
        )
    });
    (
        format!("giá trị `{shown}` không hợp lệ"),
        format!("`{shown}` is not a valid value"),
        Some(Msg::new(
            format!("{vi_best}các giá trị hợp lệ: {}", known.join(", ")),
            format!("{en_best}valid values: {}", known.join(", ")),
        )),
    )
}

/// serde's description of the value found (`string "1"`, `integer `5``).
fn translate_found(found: &str) -> String {
    for (en, vi) in [
        ("string ", "chuỗi "),
        ("integer ", "số "),
        ("floating point ", "số thập phân "),
        ("boolean ", ""),
        ("map", "một đối tượng {…}"),
        ("sequence", "một danh sách […]"),
        ("null", "null"),
        ("unit value", "null"),
    ] {
        if let Some(rest) = found.strip_prefix(en.trim_end()) {
            return format!("{vi}{}", rest.trim_start());
        }
    }
    found.to_string()
}

/// serde's (or our visitors') description of what was expected.
fn translate_expected(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("text") {
        return "văn bản: một chuỗi (có thể dùng **đậm**, *nghiêng*) hoặc danh sách các chuỗi"
            .into();
    }
    if e.starts_with("a string, or a list of strings") {
        return "một chuỗi, hoặc danh sách chuỗi (mỗi dòng một chuỗi)".into();
    }
    if e.starts_with("a date") {
        return "ngày tháng: \"YYYY-MM-DD\" (ví dụ \"2025-03-06\"), hoặc chỉ năm (2025)".into();
    }
    if e.starts_with("a list item") {
        return "một dòng: chuỗi, hoặc {\"text\": …, \"sub\": […]}".into();
    }
    if e.starts_with("struct ") || e.starts_with("a map") {
        return "một đối tượng {…}".into();
    }
    if e.contains("enum") {
        return "một đối tượng có một khóa cho biết loại, ví dụ {\"paragraph\": \"…\"}".into();
    }
    match e {
        "u32" | "u64" | "u16" | "u8" | "usize" => "một số nguyên không âm (0, 1, 2, …)".into(),
        "i32" | "i64" => "một số nguyên".into(),
        "f32" | "f64" => "một số".into(),
        "a boolean" => "true hoặc false".into(),
        "a string" => "một chuỗi trong dấu nháy kép".into(),
        "a sequence" => "một danh sách […]".into(),
        _ => e.to_string(),
    }
}

/// What each required field is for, so a missing one can be explained.
fn field_purpose(name: &str) -> (&'static str, &'static str) {
    match name {
        "kind" => (
            "loại văn bản, ví dụ \"thong-bao\"",
            "the document type, e.g. \"thong-bao\"",
        ),
        "issuer" => (
            "cơ quan ban hành: tên và chữ viết tắt",
            "the issuing body: name lines and abbreviation",
        ),
        "name" => (
            "tên (các dòng) hoặc họ tên",
            "the name (lines) or the signer's full name",
        ),
        "abbreviation" => (
            "chữ viết tắt của cơ quan dùng trong ký hiệu, ví dụ \"UBND\"",
            "the body's abbreviation used in the code, e.g. \"UBND\"",
        ),
        "place" => (
            "địa danh, ví dụ \"Tiến Thắng\"",
            "the place name, e.g. \"Tiến Thắng\"",
        ),
        "trich_yeu" => (
            "trích yếu nội dung, ví dụ \"Về việc …\"",
            "the subject line, e.g. \"Về việc …\"",
        ),
        "body" => (
            "nội dung văn bản: danh sách các đoạn",
            "the body: a list of blocks",
        ),
        "noi_nhan" => (
            "nơi nhận: danh sách và dòng Lưu",
            "the distribution list and archive line",
        ),
        "signature" => (
            "khối chữ ký: quyền hạn, chức vụ, họ tên",
            "the signature block: authority, post, name",
        ),
        "post" => (
            "chức vụ người ký, ví dụ \"CHỦ TỊCH\"",
            "the signer's post, e.g. \"CHỦ TỊCH\"",
        ),
        "entries" => ("các dòng nơi nhận", "the recipient entries"),
        "units" => (
            "các đơn vị lưu, ví dụ [\"VT\", \"VP\"]",
            "the archiving units, e.g. [\"VT\", \"VP\"]",
        ),
        "number" => ("số thứ tự của mục", "the item's number"),
        "letter" => (
            "chữ cái của điểm, ví dụ \"a\"",
            "the point's letter, e.g. \"a\"",
        ),
        "title" => ("tiêu đề", "the title"),
        "columns" => ("các cột của bảng", "the table's columns"),
        "rows" => ("các hàng của bảng", "the table's rows"),
        "text" => ("nội dung chữ", "the text"),
        "year" => ("năm", "the year"),
        _ => ("trường bắt buộc", "a required field"),
    }
}

fn strip_location(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Up to 40 characters of the line around a position, for error messages.
fn snippet_at(src: &str, p: Position) -> String {
    let line = src.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
    let chars: Vec<char> = line.chars().collect();
    let col = p.column.saturating_sub(1).min(chars.len());
    let start = col.saturating_sub(20);
    let end = (col + 20).min(chars.len());
    chars[start..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_nfc_ranges_hold_only_characters_the_quick_check_passes() {
        for c in (0..0x300u32)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
        {
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
        assert!(is_nfc_str("Thông báo về việc công khai kết quả"));
        // Decomposed: `ô` as o + U+0302, and the dot below apart.
        assert!(!is_nfc_str("Tho\u{302}ng ba\u{301}o"));
        assert!(!is_nfc_str("vie\u{323}\u{302}c"));
    }

    const MIN: &str = r#"{"kind": "thong-bao",
 "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
 "place": "Tiến Thắng", "date": 2025, "trich_yeu": "Về việc x",
 "body": [{"paragraph": "Nội dung./."}],
 "noi_nhan": {"entries": ["A;"], "luu": {"units": ["VT"]}},
 "signature": {"post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}}"#;

    #[test]
    fn nfd_input_becomes_nfc() {
        let nfd: String = MIN.nfd().collect();
        assert_ne!(nfd, MIN);
        let l = from_json(&nfd).unwrap();
        assert_eq!(l.document.place, "Tiến Thắng");
        assert_eq!(l.document.issuer.name.0[1], "XÃ TIẾN THẮNG");
        assert_eq!(l.document.signature.name, "Đỗ Văn Hạ");
        assert!(l.notes.iter().any(|n| n.path == "place"));
        let clean = from_json(MIN).unwrap();
        assert!(clean.notes.is_empty());
        assert_eq!(clean.document, l.document);
    }

    #[test]
    fn unknown_field_suggests_the_closest() {
        let bad = MIN.replace("\"place\"", "\"plase\"");
        let e = from_json(&bad).unwrap_err().0;
        assert_eq!(e.message.en, "unknown field `plase`");
        assert!(e.fix.unwrap().en.contains("did you mean `place`"));
        assert_eq!(e.position.unwrap().line, 3);
    }

    #[test]
    fn missing_field_says_what_it_is_for() {
        let bad = MIN
            .replace("\"abbreviation\": \"UBND\"", "\"x\": 1")
            .replace(", \"x\": 1", "");
        let e = from_json(&bad).unwrap_err().0;
        assert!(
            e.message
                .en
                .contains("missing required field `abbreviation` in `issuer`"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn syntax_error_has_position_and_snippet() {
        let bad = MIN.replace("\"place\": \"Tiến Thắng\",", "\"place\": \"Tiến Thắng\"");
        let e = from_json(&bad).unwrap_err().0;
        assert_eq!(e.code, "input.json");
        assert_eq!(e.position.unwrap().line, 3);
        assert!(e.message.en.contains("near"), "{}", e.message.en);
    }

    #[test]
    fn wrong_type_names_expected_type() {
        let bad = MIN.replace("\"date\": 2025", "\"date\": true");
        let e = from_json(&bad).unwrap_err().0;
        assert_eq!(e.path, "date");
        assert!(e.message.en.contains("a date"), "{}", e.message.en);
    }

    #[test]
    fn not_utf8_names_byte_offset() {
        let mut bytes = MIN.as_bytes().to_vec();
        bytes[10] = 0xFF;
        let e = from_slice(&bytes).unwrap_err().0;
        assert_eq!(e.code, "input.utf8");
        assert!(e.message.en.contains("byte 10"), "{}", e.message.en);
    }

    fn err(src: &str) -> Diagnostic {
        from_json(src).unwrap_err().0
    }

    #[test]
    fn unknown_block_type_lists_the_block_types() {
        let e = err(&MIN.replace("{\"paragraph\"", "{\"paragraf\""));
        assert_eq!(e.path, "body[0]");
        assert_eq!(e.message.en, "there is no block type `paragraf`");
        let fix = e.fix.unwrap();
        assert!(fix.en.contains("did you mean `paragraph`?"), "{}", fix.en);
        assert!(fix.vi.contains("table (bảng)"), "{}", fix.vi);
    }

    #[test]
    fn block_written_as_a_string_or_with_two_types() {
        let e = err(&MIN.replace(
            "{\"paragraph\": \"Nội dung./.\"}",
            "\"Nội dung văn bản dài./.\"",
        ));
        assert_eq!(e.path, "body[0]");
        assert!(
            e.message.en.contains("not a bare string"),
            "{}",
            e.message.en
        );
        assert!(e.fix.unwrap().en.contains("{\"paragraph\": \"Nội dung"));
        let e = err(&MIN.replace(
            "{\"paragraph\": \"Nội dung./.\"}",
            "{\"paragraph\": \"a\", \"list\": [\"b\"]}",
        ));
        assert_eq!(e.path, "body[0]");
        assert!(e.message.en.contains("exactly one key"), "{}", e.message.en);
    }

    #[test]
    fn kind_by_its_vietnamese_name_suggests_the_key() {
        let e = err(&MIN.replace("\"thong-bao\"", "\"Thông báo\""));
        assert_eq!(e.path, "kind");
        assert!(e.fix.unwrap().vi.contains("có phải ý bạn là `thong-bao`?"));
    }

    #[test]
    fn other_data_errors_in_plain_vietnamese() {
        let e = err(&MIN.replace("\"date\": 2025", "\"date\": 2025, \"date\": 2024"));
        assert_eq!(e.message.en, "the field `date` is given twice");
        let e = err("[1, 2]");
        assert!(
            e.message.vi.contains("một đối tượng JSON"),
            "{}",
            e.message.vi
        );
        let e = err(&MIN.replace("\"entries\": [\"A;\"]", "\"entries\": [5]"));
        assert_eq!(e.path, "noi_nhan.entries[0]");
        assert_eq!(
            e.message.vi,
            "sai kiểu dữ liệu: đang là số `5`, cần văn bản: một chuỗi (có thể dùng **đậm**, *nghiêng*) hoặc danh sách các chuỗi"
        );
        let e = err(&MIN.replace("\"date\": 2025", "\"date\": \"06/03/2025\""));
        assert!(
            e.message.vi.contains("không phải ngày tháng"),
            "{}",
            e.message.vi
        );
    }

    #[test]
    fn syntax_errors_in_plain_vietnamese_with_character_columns() {
        // Line 3 has Vietnamese letters before the error: the column counts
        // characters, as an editor shows it, not UTF-8 bytes.
        let bad = MIN.replace(
            "\"place\": \"Tiến Thắng\",",
            "\"place\": \"Tiến Thắng\" \"x\": 1,",
        );
        let e = err(&bad);
        assert!(e.message.vi.contains("thiếu dấu phẩy"), "{}", e.message.vi);
        let line = bad.lines().nth(2).unwrap();
        let want = line
            .find("\"x\"")
            .map(|b| line[..b].chars().count() + 1)
            .unwrap();
        assert_eq!(
            e.position.unwrap(),
            Position {
                line: 3,
                column: want
            }
        );
        let e = err(&MIN.replace("[\"VT\"]", "[\"VT\",]"));
        assert!(e.message.vi.contains("dấu phẩy thừa"), "{}", e.message.vi);
        let e = err("");
        assert_eq!(e.position.unwrap(), Position { line: 1, column: 1 });
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(MIN.as_bytes());
        let l = from_slice(&bytes).unwrap();
        assert_eq!(l.document, from_json(MIN).unwrap().document);
        assert!(from_json(&format!("\u{FEFF}{MIN}")).is_ok());
    }

    #[test]
    fn anything_after_the_document_is_an_error() {
        for tail in ["garbage", "{}", MIN] {
            let e = err(&format!("{MIN}\n{tail}"));
            assert_eq!(e.code, "input.json");
            assert!(e.message.vi.contains("nội dung thừa"), "{}", e.message.vi);
            assert_eq!(e.position.unwrap().line, 7, "{tail}");
        }
        assert!(from_json(&format!("{MIN}\n\n  ")).is_ok());
    }

    #[test]
    fn too_large_and_too_deep_are_refused_before_parsing() {
        let limits = Limits {
            document_bytes: 100,
            ..Default::default()
        };
        let e = from_slice_with(MIN.as_bytes(), &limits).unwrap_err().0;
        assert_eq!(e.code, "input.size");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = err(&deep);
        assert_eq!(e.code, "input.depth");
        assert_eq!(
            e.position.unwrap(),
            Position {
                line: 1,
                column: 129
            }
        );
        // Brackets inside strings are text, not nesting.
        let text = MIN.replace("Nội dung./.", &"[{".repeat(100));
        assert!(from_json(&text).is_ok());
    }

    #[test]
    fn a_number_where_a_kind_goes_says_so() {
        let e = err(&MIN.replace("\"thong-bao\"", "5"));
        assert_eq!(e.path, "kind");
        assert_eq!(
            e.message.en,
            "wrong type at `kind`: found `5`, expected a string in double quotes"
        );
        assert!(e.fix.unwrap().en.contains("thong-bao, "));
    }

    #[test]
    fn a_lone_surrogate_is_named() {
        for esc in ["\\ud800x", "\\udc00", "\\ud800\\u0041"] {
            let e = err(&MIN.replace("Đỗ Văn Hạ", esc));
            assert_eq!(e.path, "signature.name", "{esc}");
            assert!(
                e.message.en.contains("stands alone"),
                "{esc}: {}",
                e.message.en
            );
            assert!(e.message.vi.contains("nửa cặp UTF-16"), "{}", e.message.vi);
        }
    }

    #[test]
    fn a_huge_value_is_not_echoed_whole() {
        let huge = "x".repeat(1 << 20);
        let e = err(&MIN.replace("\"date\": 2025", &format!("\"date\": \"{huge}\"")));
        assert_eq!(e.path, "date");
        assert!(e.message.vi.len() < 2000, "{} bytes", e.message.vi.len());
        assert!(e.message.en.len() < 2000, "{} bytes", e.message.en.len());
    }
}
