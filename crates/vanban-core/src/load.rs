//! Loading a document from JSON: UTF-8 check, parsing with the field path of
//! any error, and NFC normalisation of every string.

use crate::diag::{Diagnostic, Msg, Position};
use crate::document::Document;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A loaded document and the notes produced while loading (text that
/// arrived decomposed and was normalised).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub document: Document,
    pub notes: Vec<Diagnostic>,
}

/// Why an input could not be loaded: one diagnostic that says where and what.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub Diagnostic);

/// Loads a document from bytes: they must be UTF-8 JSON.
// The error is one diagnostic, returned once per load: boxing it would only
// make callers unwrap a box.
#[allow(clippy::result_large_err)]
pub fn from_slice(bytes: &[u8]) -> Result<Loaded, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => from_json(s),
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
    let de = &mut serde_json::Deserializer::from_str(src);
    let document: Document = match serde_path_to_error::deserialize(de) {
        Ok(d) => d,
        Err(e) => return Err(LoadError(describe_error(src, e))),
    };
    let (document, notes) = normalize(document);
    Ok(Loaded { document, notes })
}

/// NFC-normalises every string of the document, with a note for each field
/// that changed. This is the only change ever made to what the user wrote.
pub fn normalize(mut document: Document) -> (Document, Vec<Diagnostic>) {
    let mut notes: Vec<Diagnostic> = Vec::new();
    document.visit_strings_mut(&mut |path, s| {
        if is_nfc_quick(s.chars()) == IsNormalized::Yes {
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
    let inner = e.into_inner();
    let position = Position {
        line: inner.line(),
        column: inner.column(),
    };
    let raw = strip_location(&inner.to_string());
    let snippet = snippet_at(src, position);
    let (vi, en, fix) = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => (
            format!("JSON không hợp lệ: {raw}; đoạn lỗi: `{snippet}`"),
            format!("invalid JSON: {raw}; near `{snippet}`"),
            Some(Msg::new(
                "kiểm tra dấu phẩy, ngoặc và dấu nháy quanh vị trí này",
                "check commas, brackets and quotes around this position",
            )),
        ),
        _ => describe_data_error(&raw, &path),
    };
    let mut d = Diagnostic::error("input.json", path, Msg::new(vi, en));
    d.position = Some(position);
    d.fix = fix;
    d
}

fn describe_data_error(raw: &str, path: &str) -> (String, String, Option<Msg>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let best = known
            .iter()
            .map(|k| (strsim::jaro_winkler(name, k), *k))
            .filter(|(s, _)| *s > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k);
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
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let best = known
            .iter()
            .map(|k| (strsim::jaro_winkler(name, k), *k))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k);
        return (
            format!("giá trị `{name}` không hợp lệ"),
            format!("`{name}` is not a valid value"),
            Some(Msg::new(
                format!(
                    "{}các giá trị hợp lệ: {}",
                    best.map(|b| format!("có phải ý bạn là `{b}`? "))
                        .unwrap_or_default(),
                    known.join(", ")
                ),
                format!(
                    "{}valid values: {}",
                    best.map(|b| format!("did you mean `{b}`? "))
                        .unwrap_or_default(),
                    known.join(", ")
                ),
            )),
        );
    }
    if raw.starts_with("invalid type") {
        return (
            format!("sai kiểu dữ liệu: {}", translate_type_error(raw)),
            format!("wrong type: {raw}"),
            None,
        );
    }
    (raw.to_string(), raw.to_string(), None)
}

fn translate_type_error(raw: &str) -> String {
    raw.replace("invalid type: ", "")
        .replace("expected", "cần")
        .replace("string", "chuỗi")
        .replace("integer", "số nguyên")
        .replace("a sequence", "một danh sách")
        .replace("sequence", "danh sách")
        .replace("map", "đối tượng")
        .replace("boolean", "true/false")
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
}
