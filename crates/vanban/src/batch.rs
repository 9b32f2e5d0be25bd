//! Batch rendering: one template document, one output per row of data.
//!
//! A template is an ordinary document whose strings hold placeholders,
//! `{{column}}`. Each row of data (CSV with a header row, or a JSON array
//! of objects) fills them in; the filled document is checked and rendered
//! like any other.
//!
//! ```
//! use vanban::batch::{Row, Template};
//!
//! let json = include_str!("../data/mau.template.json");
//! let template = Template::new(vanban::load_json(json).unwrap().document);
//! let csv = include_str!("../data/du-lieu.csv");
//! let rows = vanban::batch::rows_from_csv(csv.as_bytes()).unwrap();
//! assert_eq!(rows.len(), 3);
//!
//! let tien_thang = rows.iter().find(|r| r.get("xa") == Some("Tiến Thắng")).unwrap();
//! let doc = template.fill(tien_thang).unwrap();
//! assert_eq!(doc.place, "Tiến Thắng");
//! assert_eq!(doc.issuer.name.0[1], "XÃ TIẾN THẮNG");
//! ```
//!
//! # How values are inserted
//!
//! Placeholders are replaced in the parsed document, never in the JSON
//! text, so a value holding quotes, braces or backslashes cannot break the
//! input. Markup (`**bold**`) in the template is read when the template is
//! loaded; a placeholder takes the style of the run it sits in, and the
//! value is inserted literally: a `*` in a value is a `*` in the document.
//! Values are NFC-normalised and otherwise left exactly as written — `57,38`
//! stays `57,38`, `07` stays `07`. Values are not scanned for placeholders.
//!
//! Only strings can hold placeholders; the kind, the date and the số hiệu's
//! number are typed values of the template. A placeholder name must not
//! contain `**` or `__` (they would be read as markup when the template is
//! loaded).

use crate::files::FileAccess;
use crate::{Assets, Diagnostic, Document, Error, PdfOptions, Renderer};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;
use vanban_core::diag::{has_errors, Msg};

fn nfc(s: &str) -> String {
    if vanban_core::load::is_nfc_str(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

// ---------------------------------------------------------------------------
// Data

/// One row of data: values by column, in the data's column order.
///
/// ```
/// use vanban::batch::Row;
/// let row = Row::new(1).with("xa", "Tiến Thắng").with("diem", "57,38");
/// assert_eq!(row.get("diem"), Some("57,38"));
/// assert_eq!(row.get("xep_hang"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// 1-based position among the data rows (the header is not counted).
    pub number: usize,
    /// Line of the data file where the row starts, when known (CSV).
    pub line: Option<u64>,
    values: Vec<(String, String)>,
}

impl Row {
    /// An empty row with its 1-based number.
    pub fn new(number: usize) -> Row {
        Row {
            number,
            ..Row::default()
        }
    }

    /// Sets a value (builder style); see [`Row::insert`].
    pub fn with(mut self, column: &str, value: &str) -> Row {
        self.insert(column, value);
        self
    }

    /// Sets a column's value, NFC-normalised; replaces an earlier value of
    /// the same column. The column name is trimmed.
    pub fn insert(&mut self, column: &str, value: &str) {
        let column = nfc(column.trim());
        let value = nfc(value);
        match self.values.iter_mut().find(|(c, _)| *c == column) {
            Some(slot) => slot.1 = value,
            None => self.values.push((column, value)),
        }
    }

    /// The value of a column.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, v)| v.as_str())
    }

    /// Columns and values in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(c, v)| (c.as_str(), v.as_str()))
    }

    /// Where the row is, for messages: `dòng 3 (dòng 4 của tệp)`.
    fn label(&self) -> Msg {
        match self.line {
            Some(l) => Msg::new(
                format!("dòng dữ liệu {} (dòng {l} của tệp)", self.number),
                format!("data row {} (line {l} of the file)", self.number),
            ),
            None => Msg::new(
                format!("dòng dữ liệu {}", self.number),
                format!("data row {}", self.number),
            ),
        }
    }
}

/// Why a data file could not be read as rows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .message.en)]
pub struct DataError {
    /// Line of the data file, when known.
    pub line: Option<u64>,
    /// What is wrong, in Vietnamese and English.
    pub message: Msg,
}

impl DataError {
    fn new(line: Option<u64>, vi: String, en: String) -> DataError {
        DataError {
            line,
            message: Msg::new(vi, en),
        }
    }
}

/// Reads data in either format: a JSON array when the first character
/// (after a byte-order mark and blanks) is `[`, CSV otherwise.
pub fn rows_from_slice(bytes: &[u8]) -> Result<Vec<Row>, DataError> {
    collect(|push| read_rows(bytes, push))
}

fn collect(
    read: impl FnOnce(&mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<usize, DataError>,
) -> Result<Vec<Row>, DataError> {
    let mut rows = Vec::new();
    read(&mut |r| {
        rows.push(r);
        ControlFlow::Continue(())
    })?;
    Ok(rows)
}

/// Reads rows one at a time, CSV or a JSON array (as
/// [`rows_from_slice`] tells them apart), and hands each to `each`, which
/// may stop the reading with `ControlFlow::Break`. Memory does not grow
/// with the number of rows. Returns how many rows were handed over.
///
/// ```
/// use std::ops::ControlFlow;
/// let csv = "xa,diem\nTiến Thắng,\"57,38\"\nTự Lập,60\n";
/// let mut names = Vec::new();
/// let n = vanban::batch::read_rows(csv.as_bytes(), &mut |row| {
///     names.push(row.get("xa").unwrap().to_string());
///     ControlFlow::Continue(())
/// }).unwrap();
/// assert_eq!((n, names.len()), (2, 2));
/// ```
pub fn read_rows(
    data: impl Read,
    each: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<usize, DataError> {
    let mut data = BufReader::new(data);
    // Peek past a byte-order mark and blanks to tell the format.
    let mut bom = false;
    let first = loop {
        let buf = data.fill_buf().map_err(read_error)?;
        if buf.is_empty() {
            break None;
        }
        if !bom && buf.starts_with(b"\xEF\xBB\xBF") {
            bom = true;
            data.consume(3);
            continue;
        }
        bom = true;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break Some(buf[i]),
            None => {
                let n = buf.len();
                data.consume(n);
            }
        }
    };
    if first == Some(b'[') {
        read_json_rows(data, each)
    } else {
        read_csv_rows(data, each)
    }
}

fn read_error(e: std::io::Error) -> DataError {
    DataError::new(
        None,
        format!("không đọc được dữ liệu: {e}"),
        format!("cannot read the data: {e}"),
    )
}

fn not_utf8(line: Option<u64>) -> DataError {
    let (at_vi, at_en) = match line {
        Some(l) => (format!(" (dòng {l})"), format!(" (line {l})")),
        None => (String::new(), String::new()),
    };
    DataError::new(
        line,
        format!("dữ liệu không phải văn bản UTF-8{at_vi}; lưu lại tệp với bảng mã UTF-8"),
        format!("the data is not UTF-8 text{at_en}; save the file again as UTF-8"),
    )
}

/// Reads CSV: UTF-8 (a byte-order mark, as Excel writes it, is skipped),
/// comma-separated, first row the column names. Values are kept as
/// written, spaces included.
///
/// ```
/// let rows = vanban::batch::rows_from_csv("xa,diem\nTiến Thắng,\"57,38\"\n".as_bytes()).unwrap();
/// assert_eq!(rows[0].get("diem"), Some("57,38"));
/// assert_eq!(rows[0].line, Some(2));
/// ```
pub fn rows_from_csv(bytes: &[u8]) -> Result<Vec<Row>, DataError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    collect(|push| read_csv_rows(bytes, push))
}

fn read_csv_rows(
    data: impl Read,
    each: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<usize, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(data);
    let headers = reader.headers().map_err(csv_error)?.clone();
    let names: Vec<String> = headers.iter().map(|h| nfc(h.trim())).collect();
    check_columns(&names, Some(1))?;
    if let [only] = names.as_slice() {
        if let Some((sep, vi, en)) = [
            (';', "dấu chấm phẩy `;`", "semicolons `;`"),
            ('\t', "dấu tab", "tabs"),
        ]
        .into_iter()
        .find(|(c, _, _)| only.contains(*c))
        {
            let shown = crate::core::diag::shorten_value(only, 60);
            let cols = only.split(sep).count();
            return Err(DataError::new(
                Some(1),
                format!("dòng tiêu đề chỉ có một cột `{shown}`: tệp có vẻ được ngăn cách bằng {vi} ({cols} cột), còn vanban đọc CSV ngăn cách bằng dấu phẩy; trong Excel chọn Lưu thành \"CSV UTF-8 (Comma delimited)\""),
                format!("the header row has a single column `{shown}`: the file looks separated by {en} ({cols} columns), while vanban reads comma-separated CSV; in Excel, Save As \"CSV UTF-8 (Comma delimited)\""),
            ));
        }
    }
    let mut count = 0;
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(e)),
        }
        // A blank line at the end of a hand-edited file is not a row.
        if rec.len() == 1 && rec[0].trim().is_empty() && names.len() > 1 {
            continue;
        }
        count += 1;
        let mut row = Row::new(count);
        row.line = rec.position().map(|p| p.line());
        for (name, value) in names.iter().zip(rec.iter()) {
            row.insert(name, value);
        }
        if each(row).is_break() {
            break;
        }
    }
    Ok(count)
}

fn csv_error(e: csv::Error) -> DataError {
    let line = e.position().map(|p| p.line());
    let at_vi = line.map(|l| format!(" (dòng {l})")).unwrap_or_default();
    let at_en = line.map(|l| format!(" (line {l})")).unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => DataError::new(
            line,
            format!("dòng có {len} ô nhưng tiêu đề có {expected_len} cột{at_vi}; giá trị có dấu phẩy (57,38) phải đặt trong dấu nháy kép: \"57,38\""),
            format!("a row has {len} fields but the header has {expected_len}{at_en}; a value with a comma (57,38) must be quoted: \"57,38\""),
        ),
        csv::ErrorKind::Utf8 { .. } => not_utf8(line),
        csv::ErrorKind::Io(io) => read_error(std::io::Error::new(io.kind(), io.to_string())),
        _ => DataError::new(
            line,
            format!("không đọc được CSV{at_vi}: {e}"),
            format!("cannot read the CSV{at_en}: {e}"),
        ),
    }
}

fn check_columns(names: &[String], line: Option<u64>) -> Result<(), DataError> {
    let mut seen = HashSet::new();
    for (i, n) in names.iter().enumerate() {
        if n.is_empty() {
            return Err(DataError::new(
                line,
                format!("cột thứ {} không có tên trong dòng tiêu đề", i + 1),
                format!("column {} has no name in the header row", i + 1),
            ));
        }
        if !seen.insert(n.as_str()) {
            return Err(DataError::new(
                line,
                format!("cột `{n}` có hai lần trong dòng tiêu đề"),
                format!("column `{n}` appears twice in the header row"),
            ));
        }
    }
    Ok(())
}

/// Reads a JSON array of objects. Values are strings or numbers; a number
/// is taken exactly as written in the file (`57.380` stays `57.380`).
///
/// ```
/// let rows = vanban::batch::rows_from_json(r#"[{"xa": "Tiến Thắng", "xep_hang": 15}]"#).unwrap();
/// assert_eq!(rows[0].get("xep_hang"), Some("15"));
/// ```
pub fn rows_from_json(src: &str) -> Result<Vec<Row>, DataError> {
    collect(|push| read_json_rows(src.as_bytes(), push))
}

/// What the element visitor found wrong, kept aside because serde's error
/// type carries only text.
#[derive(Default)]
struct JsonState {
    problem: Option<DataError>,
    stopped: bool,
    count: usize,
}

fn read_json_rows(
    data: impl Read,
    each: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<usize, DataError> {
    let mut state = JsonState::default();
    let mut de = serde_json::Deserializer::from_reader(data);
    let result = serde::de::DeserializeSeed::deserialize(
        RowsSeed {
            each,
            state: &mut state,
        },
        &mut de,
    )
    .and_then(|()| if state.stopped { Ok(()) } else { de.end() });
    if let Some(p) = state.problem {
        return Err(p);
    }
    if state.stopped {
        return Ok(state.count);
    }
    result.map_err(|e| {
        let line = (e.line() > 0).then_some(e.line() as u64);
        let (at_vi, at_en) = match line {
            Some(l) => (format!(" (dòng {l})"), format!(" (line {l})")),
            None => (String::new(), String::new()),
        };
        DataError::new(
            line,
            format!(
                "dữ liệu JSON phải là một mảng các đối tượng {{\"cột\": \"giá trị\"}}{at_vi}: {e}"
            ),
            format!("JSON data must be an array of objects {{\"column\": \"value\"}}{at_en}: {e}"),
        )
    })?;
    Ok(state.count)
}

struct RowsSeed<'a, 'f> {
    each: &'a mut (dyn FnMut(Row) -> ControlFlow<()> + 'f),
    state: &'a mut JsonState,
}

impl<'de> serde::de::DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        while let Some(obj) = seq.next_element::<JsonObject>()? {
            let i = self.state.count;
            match json_row(i + 1, obj) {
                Ok(row) => {
                    self.state.count += 1;
                    if (self.each)(row).is_break() {
                        self.state.stopped = true;
                        // Leave the rest unread: serde has no "stop" but an
                        // error, which the caller does not report.
                        return Err(A::Error::custom("stopped"));
                    }
                }
                Err(p) => {
                    self.state.problem = Some(p);
                    return Err(A::Error::custom("bad row"));
                }
            }
        }
        Ok(())
    }
}

fn json_row(number: usize, obj: JsonObject) -> Result<Row, DataError> {
    use serde_json::value::RawValue;
    let mut row = Row::new(number);
    let names: Vec<String> = obj.0.iter().map(|(k, _)| nfc(k.trim())).collect();
    check_columns(&names, None).map_err(|mut e| {
        e.message.vi = format!("đối tượng thứ {number}: {}", e.message.vi);
        e.message.en = format!("object {number}: {}", e.message.en);
        e
    })?;
    for (k, raw) in &obj.0 {
        let raw: &RawValue = raw;
        let text = raw.get();
        let value = if text.starts_with('"') {
            serde_json::from_str::<String>(text).expect("a raw string value parses")
        } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            text.to_string()
        } else {
            let shown = crate::core::diag::shorten_value(text, 60);
            return Err(DataError::new(
                None,
                format!("đối tượng thứ {number}, cột `{k}`: giá trị phải là chuỗi hoặc số, không phải `{shown}`"),
                format!("object {number}, column `{k}`: a value must be a string or a number, not `{shown}`"),
            ));
        };
        row.insert(k, &value);
    }
    Ok(row)
}

/// A JSON object with its keys in file order (serde_json's map sorts them).
struct JsonObject(Vec<(String, Box<serde_json::value::RawValue>)>);

impl<'de> serde::Deserialize<'de> for JsonObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JsonObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of column values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<JsonObject, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = m.next_entry()? {
                    v.push(e);
                }
                Ok(JsonObject(v))
            }
        }
        d.deserialize_map(V)
    }
}

// ---------------------------------------------------------------------------
// Templates

/// What is wrong with one placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Unknown(String),
    Unclosed,
}

/// Replaces the placeholders of one string. `None` when it has none, so
/// the common case neither allocates nor changes anything.
fn fill_str(s: &str, row: &Row, problems: &mut Vec<Problem>) -> Option<String> {
    if !s.contains("{{") {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find("}}") {
            Some(j) => {
                let name = after[..j].trim();
                match row.get(name) {
                    Some(v) => out.push_str(v),
                    None => problems.push(Problem::Unknown(name.to_string())),
                }
                rest = &after[j + 2..];
            }
            None => {
                problems.push(Problem::Unclosed);
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // Each piece is NFC, but a value starting with a combining mark would
    // compose with the character before it.
    Some(nfc(&out))
}

/// A template document, ready to be filled with rows.
#[derive(Debug, Clone)]
pub struct Template {
    doc: Document,
}

impl Template {
    /// Wraps a loaded document; its `{{column}}` placeholders are found
    /// when a row fills it.
    pub fn new(doc: Document) -> Template {
        Template { doc }
    }

    /// The template as loaded, placeholders and all.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The names of the placeholders, each once, in document order.
    ///
    /// ```
    /// let json = include_str!("../data/mau.template.json");
    /// let t = vanban::batch::Template::new(vanban::load_json(json).unwrap().document);
    /// assert!(t.placeholders().contains(&"diem".to_string()));
    /// ```
    pub fn placeholders(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        self.doc.visit_strings(&mut |_, s| {
            let mut rest = s;
            while let Some(i) = rest.find("{{") {
                let after = &rest[i + 2..];
                let Some(j) = after.find("}}") else { break };
                let name = after[..j].trim().to_string();
                if !names.contains(&name) {
                    names.push(name);
                }
                rest = &after[j + 2..];
            }
        });
        names
    }

    /// The document for one row. Every placeholder the row has no column
    /// for is reported (code `batch.placeholder`), with the row, the field's
    /// JSON path and the placeholder; columns the template does not use are
    /// fine.
    ///
    /// ```
    /// use vanban::batch::{Row, Template};
    /// let json = include_str!("../data/mau.template.json");
    /// let t = Template::new(vanban::load_json(json).unwrap().document);
    /// let errors = t.fill(&Row::new(7).with("xa", "Tự Lập")).unwrap_err();
    /// assert_eq!(errors[0].code, "batch.placeholder");
    /// assert!(errors[0].message.en.contains("data row 7"));
    /// ```
    pub fn fill(&self, row: &Row) -> Result<Document, Vec<Diagnostic>> {
        let mut doc = self.doc.clone();
        let mut diags = Vec::new();
        let mut problems = Vec::new();
        doc.visit_strings_mut(&mut |path, s| {
            if let Some(filled) = fill_str(s, row, &mut problems) {
                *s = filled;
            }
            for p in problems.drain(..) {
                diags.push(placeholder_diag(
                    row,
                    &path.to_string(),
                    &p,
                    row_columns(row),
                ));
            }
        });
        if diags.is_empty() {
            Ok(doc)
        } else {
            Err(diags)
        }
    }
}

fn row_columns(row: &Row) -> Vec<&str> {
    row.iter().map(|(c, _)| c).collect()
}

fn placeholder_diag(row: &Row, path: &str, p: &Problem, columns: Vec<&str>) -> Diagnostic {
    let at = row.label();
    match p {
        Problem::Unknown(name) => {
            let near = columns
                .iter()
                .map(|c| (strsim::jaro_winkler(name, c), *c))
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, c)| c);
            let d = Diagnostic::error(
                "batch.placeholder",
                path,
                Msg::new(
                    format!("{}: trường `{path}` dùng `{{{{{name}}}}}` nhưng dữ liệu không có cột `{name}`", at.vi),
                    format!("{}: the field `{path}` uses `{{{{{name}}}}}` but the data has no column `{name}`", at.en),
                ),
            );
            d.with_fix(match near {
                Some(c) => Msg::new(
                    format!("có phải là `{{{{{c}}}}}`? sửa tên trong mẫu hoặc thêm cột `{name}`"),
                    format!("did you mean `{{{{{c}}}}}`? fix the name in the template or add a column `{name}`"),
                ),
                None => Msg::new(
                    format!("thêm cột `{name}` vào dữ liệu hoặc sửa tên trong mẫu"),
                    format!("add a column `{name}` to the data or fix the name in the template"),
                ),
            })
        }
        Problem::Unclosed => Diagnostic::error(
            "batch.placeholder",
            path,
            Msg::new(
                format!(
                    "{}: trường `{path}` có `{{{{` không được đóng bằng `}}}}`",
                    at.vi
                ),
                format!(
                    "{}: the field `{path}` has a `{{{{` without its `}}}}`",
                    at.en
                ),
            ),
        )
        .with_fix(Msg::new(
            "viết chỗ cần điền dạng `{{ten_cot}}`",
            "write placeholders as `{{column}}`",
        )),
    }
}

/// Fills the placeholders of a single string (a file-name pattern, an
/// image path): the same rules as [`Template::fill`].
///
/// ```
/// use vanban::batch::{fill_pattern, Row};
/// let row = Row::new(1).with("xa", "Tiến Thắng");
/// assert_eq!(fill_pattern("thong-bao-{{xa}}", &row).unwrap(), "thong-bao-Tiến Thắng");
/// assert!(fill_pattern("{{huyen}}", &row).is_err());
/// ```
pub fn fill_pattern(pattern: &str, row: &Row) -> Result<String, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let filled = fill_str(pattern, row, &mut problems).unwrap_or_else(|| pattern.to_string());
    if problems.is_empty() {
        Ok(filled)
    } else {
        Err(problems
            .iter()
            .map(|p| placeholder_diag(row, "--name", p, row_columns(row)))
            .collect())
    }
}

// ---------------------------------------------------------------------------
// File names

/// Longest file name (in UTF-8 bytes, before `-N` and the extension):
/// well inside the 255-byte limit of common file systems, and of zip
/// entries when a set is archived.
const MAX_NAME_BYTES: usize = 120;

/// A file name made from any text, safe on Windows, macOS and Linux: no
/// path separators or characters Windows forbids (`/ \ : * ? " < > |`), no
/// control or invisible characters, no `..`, no leading dot, no trailing
/// dot or space, no reserved device name (`CON`, `NUL`, `COM1`…), at most
/// 120 bytes. Vietnamese letters are kept (NFC). Never empty.
///
/// ```
/// use vanban::batch::safe_file_name;
/// assert_eq!(safe_file_name("Tiến Thắng"), "Tiến Thắng");
/// assert_eq!(safe_file_name("../x"), "x");
/// assert_eq!(safe_file_name("a/b"), "a-b");
/// assert_eq!(safe_file_name("CON"), "CON_");
/// ```
pub fn safe_file_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfc() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() || c.is_whitespace() => ' ',
            // Zero-width and direction marks: invisible in a file browser,
            // yet they make two names that look alike differ.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}' => continue,
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        // `..` is a path component on every system; one dot is harmless.
        if c == '.' && out.ends_with('.') {
            continue;
        }
        out.push(c);
    }
    let mut name = trim_name(&out).to_string();
    if name.len() > MAX_NAME_BYTES {
        let mut end = MAX_NAME_BYTES;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
        name = trim_name(&name).to_string();
    }
    if is_reserved(&name) {
        // After the stem: Windows reserves `CON.txt` as well as `CON`.
        let at = name.find('.').unwrap_or(name.len());
        name.insert(at, '_');
    }
    if name.is_empty() {
        name.push_str("van-ban");
    }
    name
}

fn trim_name(s: &str) -> &str {
    s.trim_start_matches(['.', ' ', '-'])
        .trim_end_matches(['.', ' '])
}

/// Windows device names, reserved with any extension (`con.txt` too).
fn is_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// Hands out distinct file names: the second `Tiến Thắng` becomes
/// `Tiến Thắng-2`. Names differing only in case count as equal, since
/// Windows and macOS file systems do not tell them apart.
///
/// ```
/// let mut names = vanban::batch::UniqueNames::default();
/// assert_eq!(names.claim("Tiến Thắng"), "Tiến Thắng");
/// assert_eq!(names.claim("tiến thắng"), "tiến thắng-2");
/// ```
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    /// `base` made safe (see [`safe_file_name`]) and distinct from every
    /// name claimed before.
    pub fn claim(&mut self, base: &str) -> String {
        let base = safe_file_name(base);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

// ---------------------------------------------------------------------------
// Rendering

/// What a batch produces and how.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Render each row's PDF.
    pub pdf: bool,
    /// Render each row's DOCX.
    pub docx: bool,
    /// File-name pattern, e.g. `{{xa}}`; made safe and distinct. `None`
    /// numbers the files by row: `01`, `02`, …
    pub name: Option<String>,
    /// PDF options (PDF/A, signature fields) applied to every row.
    pub pdf_options: PdfOptions,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Flush each file to disk before renaming it into place. Off by
    /// default: on ext4 the flushes took a third of a batch's time, and a
    /// batch cut short by a power failure is simply run again.
    pub sync: bool,
    /// Creation time written into every file (`metadata.created`,
    /// `YYYY-MM-DDTHH:MM:SS`), as `vanban render --created` does; PDF/A
    /// needs one when the template's date is incomplete.
    pub created: Option<String>,
    /// Where the images a row names are read when `assets` does not hold
    /// them: a seal path with a placeholder (`dau/{{xa}}.png`) names one
    /// image per row, read for that row only. `None`: such a row fails.
    /// Confine it ([`FileAccess::confined_to`]) when the data comes from
    /// someone else: `vanban batch` confines it to the template's folder.
    pub images: Option<FileAccess>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            pdf: true,
            docx: true,
            name: None,
            pdf_options: PdfOptions::default(),
            threads: None,
            sync: false,
            created: None,
            images: None,
        }
    }
}

/// One row's output in memory.
#[derive(Debug, Clone)]
pub struct RowOutput {
    /// The row's document: the template with the row's values in.
    pub document: Document,
    /// The PDF, when [`BatchOptions::pdf`] asked for it.
    pub pdf: Option<Vec<u8>>,
    /// The DOCX, when [`BatchOptions::docx`] asked for it.
    pub docx: Option<Vec<u8>>,
    /// Warnings and notes of [`Renderer::check`]; they do not stop a row.
    pub warnings: Vec<Diagnostic>,
}

/// A row that was rendered and written.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The row's [`Row::number`] (from 1).
    pub row: usize,
    /// The files written for it.
    pub files: Vec<PathBuf>,
    /// Warnings and notes of [`Renderer::check`]; they do not stop a row.
    pub warnings: Vec<Diagnostic>,
}

/// A row that was not: every reason, each with its field's path.
#[derive(Debug, Clone)]
pub struct Failed {
    /// The row's [`Row::number`] (from 1).
    pub row: usize,
    /// Line of the data file, when known.
    pub line: Option<u64>,
    /// Every reason, each at its field's path.
    pub diagnostics: Vec<Diagnostic>,
}

/// What happened to one row, for [`render_rows_to_dir`]'s `on_row`.
#[derive(Debug)]
pub enum RowOutcome<'a> {
    /// The row's files were written.
    Rendered(&'a Rendered),
    /// The row was not rendered.
    Failed(&'a Failed),
}

/// Failed rows kept in full in a [`Summary`]; the others are counted.
pub const KEEP_FAILED: usize = 100;
/// Distinct warnings kept in a [`Summary`]; the others are counted.
pub const KEEP_WARNINGS: usize = 100;

/// The outcome of a batch. Its size does not grow with the number of
/// rows beyond one number per failed row: rows are counted, not kept.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Rows read from the data.
    pub total: usize,
    /// Rows rendered and written.
    pub rendered: usize,
    /// Files written.
    pub files: usize,
    /// The first [`KEEP_FAILED`] failed rows (by row number) in full.
    pub failed: Vec<Failed>,
    /// The number of every failed row, ascending.
    pub failed_rows: Vec<usize>,
    /// Each distinct warning or note of the rendered rows (the template's
    /// own repeat on every row) with how many rows it concerns, in the
    /// order first met; at most [`KEEP_WARNINGS`].
    pub warnings: Vec<(Diagnostic, usize)>,
    /// Warnings beyond those kept.
    pub more_warnings: usize,
    /// Why the data stopped being read, when it broke off (rows before it
    /// were rendered).
    pub data_error: Option<DataError>,
    /// How long the batch took.
    pub elapsed: Duration,
}

impl Summary {
    fn add(&mut self, outcome: Result<Rendered, Failed>) {
        match outcome {
            Ok(r) => {
                self.rendered += 1;
                self.files += r.files.len();
                for w in r.warnings {
                    let known = self.warnings.iter().position(|(k, _)| {
                        k.code == w.code && k.path == w.path && k.message == w.message
                    });
                    match known {
                        Some(i) => self.warnings[i].1 += 1,
                        None if self.warnings.len() < KEEP_WARNINGS => self.warnings.push((w, 1)),
                        None => self.more_warnings += 1,
                    }
                }
            }
            Err(f) => {
                let at = self.failed_rows.partition_point(|&r| r < f.row);
                self.failed_rows.insert(at, f.row);
                let at = self.failed.partition_point(|g| g.row < f.row);
                if at < KEEP_FAILED {
                    self.failed.insert(at, f);
                    self.failed.truncate(KEEP_FAILED);
                }
            }
        }
    }
}

/// Fills, checks and renders one row, in memory: for servers that send the
/// bytes elsewhere. A check error, an unknown placeholder, an image that
/// cannot be used or a back-end failure makes the row fail with
/// diagnostics naming the row and the field.
///
/// ```
/// use vanban::batch::{render_row, rows_from_csv, BatchOptions, Template};
/// use vanban::{Assets, Renderer};
/// let json = include_str!("../data/mau.template.json");
/// let template = Template::new(vanban::load_json(json).unwrap().document);
/// let rows = rows_from_csv(include_bytes!("../data/du-lieu.csv")).unwrap();
/// let opts = BatchOptions { docx: false, ..BatchOptions::default() };
/// let out = render_row(&Renderer::new(), &template, &rows[0], &Assets::new(), &opts).unwrap();
/// assert!(out.pdf.unwrap().starts_with(b"%PDF-"));
/// ```
pub fn render_row(
    renderer: &Renderer,
    template: &Template,
    row: &Row,
    assets: &Assets,
    opts: &BatchOptions,
) -> Result<RowOutput, Vec<Diagnostic>> {
    let mut document = template.fill(row)?;
    if let Some(c) = &opts.created {
        document.metadata.created = Some(c.clone());
    }
    let mut own;
    let mut assets = assets;
    if let Some(files) = &opts.images {
        let missing = crate::core::assets::image_refs(&document)
            .iter()
            .any(|(_, r)| assets.get(r).is_none() && assets.failure(r).is_none());
        if missing {
            own = assets.clone();
            files.load_images_into(&document, &mut own);
            assets = &own;
        }
    }
    // One composition for the check and the files.
    let checked = renderer.check_document(document, assets.clone(), None);
    let mut diags = checked.diagnostics().to_vec();
    if has_errors(&diags) {
        let at = row.label();
        for d in &mut diags {
            d.message.vi = format!("{}: {}", at.vi, d.message.vi);
            d.message.en = format!("{}: {}", at.en, d.message.en);
        }
        diags.retain(Diagnostic::is_error);
        return Err(diags);
    }
    let (pdf, docx) = match (opts.pdf, opts.docx) {
        (true, true) => {
            let (p, d) = renderer
                .pdf_and_docx_composed(&checked, &opts.pdf_options)
                .map_err(|e| match e {
                    Error::Docx(_) => render_error(row, "render.docx", "DOCX", e),
                    e => render_error(row, "render.pdf", "PDF", e),
                })?;
            (Some(p), Some(d))
        }
        (pdf, docx) => (
            pdf.then(|| renderer.pdf_composed(&checked, &opts.pdf_options))
                .transpose()
                .map_err(|e| render_error(row, "render.pdf", "PDF", e))?,
            docx.then(|| renderer.docx_composed(&checked))
                .transpose()
                .map_err(|e| render_error(row, "render.docx", "DOCX", e))?,
        ),
    };
    Ok(RowOutput {
        document: checked.into_document(),
        pdf,
        docx,
        warnings: diags,
    })
}

fn render_error(row: &Row, code: &'static str, what: &str, e: Error) -> Vec<Diagnostic> {
    let at = row.label();
    match e {
        Error::Invalid(mut ds) => {
            for d in &mut ds {
                d.message.vi = format!("{}: {}", at.vi, d.message.vi);
                d.message.en = format!("{}: {}", at.en, d.message.en);
            }
            ds
        }
        e => vec![Diagnostic::error(
            code,
            "",
            Msg::new(
                format!("{}: không tạo được {what}: {e}", at.vi),
                format!("{}: cannot make the {what}: {e}", at.en),
            ),
        )],
    }
}

/// Renders every row into `out_dir` (created if missing), in parallel on
/// all cores with the one shared renderer. Each file is written safely
/// (see [`crate::output`]); a failing row is recorded and the others go
/// on. `progress(done, total)` is called after each row, from the worker
/// threads. The library prints nothing.
///
/// The `Err` case is only for an output folder that cannot be created.
///
/// ```
/// use vanban::batch::{render_to_dir, rows_from_csv, BatchOptions, Template};
/// use vanban::{Assets, Renderer};
/// let json = include_str!("../data/mau.template.json");
/// let template = Template::new(vanban::load_json(json).unwrap().document);
/// let rows = rows_from_csv(include_bytes!("../data/du-lieu.csv")).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// let opts = BatchOptions { docx: false, name: Some("{{xa}}".into()), ..BatchOptions::default() };
/// let summary = render_to_dir(&Renderer::new(), &template, &rows[..2], &Assets::new(),
///                             dir.path(), &opts, &|_done, _total| {}).unwrap();
/// assert_eq!(summary.rendered, 2);
/// assert!(dir.path().join("Tiến Thắng.pdf").exists());
/// ```
pub fn render_to_dir(
    renderer: &Renderer,
    template: &Template,
    rows: &[Row],
    assets: &Assets,
    out_dir: &Path,
    opts: &BatchOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Summary> {
    render_rows_to_dir(
        renderer,
        template,
        |push| {
            for r in rows {
                if push(r.clone()).is_break() {
                    break;
                }
            }
            Ok(rows.len())
        },
        Some(rows.len()),
        assets,
        out_dir,
        opts,
        &|_| {},
        progress,
    )
}

/// As [`render_to_dir`], with the rows streamed: `feed` hands rows one at
/// a time to the function it is given (e.g. `|push| read_rows(file, push)`),
/// on a thread of its own, while the workers render. Memory stays flat in
/// the number of rows: a few rows wait in a short queue, each outcome goes
/// to `on_row` and into the [`Summary`]'s counts. `total` (from a first
/// pass, when known) is what `progress` reports and sets the width of
/// numbered file names.
#[allow(clippy::too_many_arguments)]
pub fn render_rows_to_dir<F>(
    renderer: &Renderer,
    template: &Template,
    feed: F,
    total: Option<usize>,
    assets: &Assets,
    out_dir: &Path,
    opts: &BatchOptions,
    on_row: &(dyn Fn(RowOutcome<'_>) + Sync),
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Summary>
where
    F: FnOnce(&mut dyn FnMut(Row) -> ControlFlow<()>) -> Result<usize, DataError> + Send,
{
    let start = Instant::now();
    std::fs::create_dir_all(out_dir)?;
    crate::output::clean_stale_temp_files(out_dir);
    let threads = opts
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, total.unwrap_or(usize::MAX).max(1));
    // Names are handed out in data order as rows are read, so that the same
    // data always gives the same files whatever the scheduling.
    let width = total.unwrap_or(0).to_string().len().max(2);
    let (tx, rx) =
        std::sync::mpsc::sync_channel::<(Row, Result<String, Vec<Diagnostic>>)>(threads * 2);
    let rx = Mutex::new(rx);
    let done = AtomicUsize::new(0);
    let summary = Mutex::new(Summary::default());
    let fed = std::thread::scope(|s| {
        let producer = s.spawn(move || {
            let mut unique = UniqueNames::default();
            feed(&mut |row: Row| {
                let name = match &opts.name {
                    Some(p) => fill_pattern(p, &row).map(|n| unique.claim(&n)),
                    None => Ok(unique.claim(&format!("{:0width$}", row.number))),
                };
                match tx.send((row, name)) {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(_) => ControlFlow::Break(()),
                }
            })
            // `tx` is dropped here: the workers see the end.
        });
        for _ in 0..threads {
            s.spawn(|| loop {
                let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((row, name)) = job else { break };
                let outcome = one_row(renderer, template, &row, &name, assets, out_dir, opts);
                match &outcome {
                    Ok(r) => on_row(RowOutcome::Rendered(r)),
                    Err(f) => on_row(RowOutcome::Failed(f)),
                }
                summary
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .add(outcome);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(n, total.unwrap_or(0).max(n));
            });
        }
        producer.join()
    });
    let mut summary = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    match fed {
        Ok(Ok(n)) => summary.total = n,
        Ok(Err(e)) => {
            summary.total = done.into_inner();
            summary.data_error = Some(e);
        }
        Err(panic) => std::panic::resume_unwind(panic),
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn one_row(
    renderer: &Renderer,
    template: &Template,
    row: &Row,
    name: &Result<String, Vec<Diagnostic>>,
    assets: &Assets,
    out_dir: &Path,
    opts: &BatchOptions,
) -> Result<Rendered, Failed> {
    let fail = |diagnostics| Failed {
        row: row.number,
        line: row.line,
        diagnostics,
    };
    let name = name.as_ref().map_err(|d| fail(d.clone()))?;
    // A panic in one row (a bug) fails that row, not the batch.
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        render_row(renderer, template, row, assets, opts)
    }))
    .unwrap_or_else(|_| {
        let at = row.label();
        Err(vec![Diagnostic::error(
            "batch.internal",
            "",
            Msg::new(
                format!("{}: lỗi nội bộ của vanban khi tạo văn bản này; xin báo lỗi kèm dòng dữ liệu", at.vi),
                format!("{}: internal error of vanban while rendering this row; please report it with the row", at.en),
            ),
        )])
    })
    .map_err(fail)?;
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    for (ext, bytes) in [("pdf", &out.pdf), ("docx", &out.docx)] {
        if let Some(bytes) = bytes {
            files.push((out_dir.join(format!("{name}.{ext}")), bytes));
        }
    }
    let refs: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    if let Err(e) = crate::output::write_files(&refs, opts.sync) {
        let at = row.label();
        let m = e.message();
        return Err(fail(vec![Diagnostic::error(
            "batch.write",
            "",
            Msg::new(
                format!("{}: {}", at.vi, m.vi),
                format!("{}: {}", at.en, m.en),
            ),
        )]));
    }
    Ok(Rendered {
        row: row.number,
        files: files.into_iter().map(|(p, _)| p).collect(),
        warnings: out.warnings,
    })
}

/// Writes one file safely: see [`crate::output::write_atomic`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), crate::output::OutputError> {
    crate::output::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(json_body: &str) -> Template {
        let json = format!(
            r#"{{"kind": "thong-bao", "issuer": {{"name": ["ỦY BAN NHÂN DÂN", "{{{{xa_hoa}}}}"], "abbreviation": "UBND"}},
              "place": "{{{{xa}}}}", "trich_yeu": "Về việc công khai kết quả",
              "body": [{json_body}],
              "noi_nhan": {{"entries": ["Như trên;"], "luu": {{"units": ["VT", "VP"]}}}},
              "signature": {{"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "{{{{nguoi_ky}}}}"}}}}"#
        );
        Template::new(crate::load_json(&json).unwrap().document)
    }

    fn row() -> Row {
        Row::new(3)
            .with("xa", "Tiến Thắng")
            .with("xa_hoa", "XÃ TIẾN THẮNG")
            .with("diem", "57,38")
            .with("xep_hang", "15")
            .with("nguoi_ky", "Đỗ Văn Hạ")
            .with("unused", "x")
    }

    #[test]
    fn fills_every_field_and_keeps_values_as_written() {
        let t = template(
            r#"{"paragraph": "Xã đạt **{{diem}}**/100 điểm, xếp hạng {{ xep_hang }}/18./."}"#,
        );
        let d = t.fill(&row()).unwrap();
        assert_eq!(d.place, "Tiến Thắng");
        assert_eq!(d.issuer.name.0[1], "XÃ TIẾN THẮNG");
        assert_eq!(d.signature.name, "Đỗ Văn Hạ");
        let vanban_core::Block::Paragraph(p) = &d.body[0] else {
            panic!()
        };
        assert_eq!(p.plain_text(), "Xã đạt 57,38/100 điểm, xếp hạng 15/18./.");
        // The placeholder inside bold markup takes the bold run's style.
        assert!(p.runs.iter().any(|r| r.bold && r.text == "57,38"));
    }

    #[test]
    fn values_are_literal_and_nfc() {
        let t = template(r#"{"paragraph": "{{diem}}./."}"#);
        // Markup characters, quotes and placeholder syntax in a value are
        // plain text; decomposed Vietnamese arrives composed.
        let r = row().with("diem", "**\"{{xa}}\"** \\ Tie\u{0302}\u{0301}n");
        let d = t.fill(&r).unwrap();
        let vanban_core::Block::Paragraph(p) = &d.body[0] else {
            panic!()
        };
        assert_eq!(p.runs.len(), 1);
        assert_eq!(p.plain_text(), "**\"{{xa}}\"** \\ Tiến./.");
    }

    #[test]
    fn unknown_placeholder_names_row_path_and_placeholder() {
        let t = template(r#"{"paragraph": "ok"}, {"list": ["Điểm {{diem}}, hạng {{xep_hagn}}"]}"#);
        let errs = t.fill(&row()).unwrap_err();
        assert_eq!(errs.len(), 1);
        let e = &errs[0];
        assert_eq!(e.code, "batch.placeholder");
        assert_eq!(e.path, "body[1].list[0]");
        assert!(e.message.en.contains("data row 3"), "{}", e.message.en);
        assert!(e.message.en.contains("{{xep_hagn}}"), "{}", e.message.en);
        assert!(e.message.vi.contains("dòng dữ liệu 3"));
        assert!(e.fix.as_ref().unwrap().en.contains("{{xep_hang}}"));
    }

    #[test]
    fn unclosed_placeholder_is_an_error() {
        let t = template(r#"{"paragraph": "Điểm {{diem./."}"#);
        let errs = t.fill(&row()).unwrap_err();
        assert_eq!(errs[0].path, "body[0].paragraph");
    }

    #[test]
    fn placeholders_listed_once_in_order() {
        let t = template(r#"{"paragraph": "{{diem}} {{xa}}./."}"#);
        assert_eq!(t.placeholders(), ["xa_hoa", "xa", "diem", "nguoi_ky"]);
    }

    #[test]
    fn csv_rows() {
        let csv =
            "\u{FEFF}xa, diem ,xep_hang\nTiến Thắng,\"57,38\",15\n\"Chi \"\"Đông\"\"\", 60 ,1\n\n";
        let rows = rows_from_slice(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("diem"), Some("57,38"));
        assert_eq!(rows[1].get("xa"), Some("Chi \"Đông\""));
        // Values are not trimmed: the user's text, as typed.
        assert_eq!(rows[1].get("diem"), Some(" 60 "));
        assert_eq!((rows[1].number, rows[1].line), (2, Some(3)));
        assert_eq!(
            rows[0].iter().map(|(c, _)| c).collect::<Vec<_>>(),
            ["xa", "diem", "xep_hang"]
        );
    }

    #[test]
    fn csv_errors() {
        let e = rows_from_csv("xa,diem\nTiến Thắng,57,38\n".as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.en.contains("quoted"));
        let e = rows_from_csv(b"xa,xa\na,b\n").unwrap_err();
        assert!(e.message.en.contains("twice"));
        let e = rows_from_csv(b"xa\nTi\xEAn\n").unwrap_err();
        assert!(e.message.en.contains("UTF-8"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn json_rows() {
        let rows = rows_from_slice(
            r#" [{"xa": "Tiến Thắng", "diem": 57.380, "xep_hang": 15, "z": "a\"b"}, {"xa": "Tự Lập"}]"#.as_bytes(),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("diem"), Some("57.380"));
        assert_eq!(rows[0].get("xep_hang"), Some("15"));
        assert_eq!(rows[0].get("z"), Some("a\"b"));
        assert_eq!(
            rows[0].iter().map(|(c, _)| c).collect::<Vec<_>>(),
            ["xa", "diem", "xep_hang", "z"]
        );
        assert_eq!(rows[1].number, 2);
        assert!(rows_from_json(r#"[{"xa": true}]"#)
            .unwrap_err()
            .message
            .en
            .contains("`xa`"));
        assert!(rows_from_json(r#"{"xa": "a"}"#).is_err());
        assert!(rows_from_json(r#"[["a"]]"#).is_err());
    }

    #[test]
    fn safe_names() {
        for (input, want) in [
            ("Tiến Thắng", "Tiến Thắng"),
            ("../x", "x"),
            ("..", "van-ban"),
            ("a/b", "a-b"),
            ("a\\b:c*d?e\"f<g>h|i", "a-b-c-d-e-f-g-h-i"),
            ("CON", "CON_"),
            ("con.txt", "con_.txt"),
            ("LPT1", "LPT1_"),
            ("COMA", "COMA"),
            (".hidden", "hidden"),
            ("  a  \t b\n", "a b"),
            ("a..b", "a.b"),
            ("name. ", "name"),
            ("", "van-ban"),
            ("a\u{200B}b", "ab"),
            ("Tie\u{0302}\u{0301}n", "Tiến"),
        ] {
            assert_eq!(safe_file_name(input), want, "{input:?}");
        }
        let long = "Thông báo kết quả bộ chỉ số ".repeat(20);
        let n = safe_file_name(&long);
        assert!(n.len() <= MAX_NAME_BYTES && !n.ends_with(' '));
    }

    #[test]
    fn unique_names() {
        let mut u = UniqueNames::default();
        assert_eq!(u.claim("Mê Linh"), "Mê Linh");
        assert_eq!(u.claim("Mê Linh"), "Mê Linh-2");
        assert_eq!(u.claim("MÊ LINH"), "MÊ LINH-3");
        assert_eq!(u.claim("Mê Linh-2"), "Mê Linh-2-2");
        assert_eq!(u.claim("a/b"), "a-b");
        assert_eq!(u.claim("a-b"), "a-b-2");
    }
}
