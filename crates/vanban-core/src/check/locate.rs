//! From a JSON path (`noi_nhan.luu.units[0]`) back to the line and column
//! where that value starts in the user's file.
//!
//! One forward pass over the source records the position of every value
//! under its path, so attaching positions to any number of diagnostics is
//! linear in the input. The scanner is iterative (no recursion, so no stack
//! overflow on deeply nested input) and never panics: on malformed JSON it
//! keeps what it found up to the first error.

use crate::diag::{Diagnostic, Position};
use std::collections::HashMap;

/// Positions of every value of a JSON text, by path.
#[derive(Debug, Default, Clone)]
pub struct PositionIndex {
    map: HashMap<String, Position>,
}

/// The line and column (1-based, columns in characters) of the value at
/// `path`, or `None` when the source has no such value.
///
/// ```
/// let src = "{\n  \"noi_nhan\": {\"luu\": {\"units\": [\"VP\"]}}\n}";
/// let p = vanban_core::check::locate(src, "noi_nhan.luu.units[0]").unwrap();
/// assert_eq!((p.line, p.column), (2, 34));
/// ```
pub fn locate(src: &str, path: &str) -> Option<Position> {
    PositionIndex::new(src).get(path)
}

/// Fills in the position of each diagnostic that has none. A path that is
/// not in the source (a missing field, a path naming a part of a value)
/// gets the position of its closest enclosing value.
pub fn attach_positions(src: &str, diags: &mut [Diagnostic]) {
    if diags.iter().all(|d| d.position.is_some()) {
        return;
    }
    let index = PositionIndex::new(src);
    for d in diags.iter_mut().filter(|d| d.position.is_none()) {
        d.position = index.get_or_enclosing(&d.path);
    }
}

impl PositionIndex {
    /// Scans `src` once.
    pub fn new(src: &str) -> PositionIndex {
        Scanner::new(src.as_bytes()).run()
    }

    /// The position of the value at exactly `path` (`""` is the whole input).
    pub fn get(&self, path: &str) -> Option<Position> {
        self.map.get(path).copied()
    }

    /// The position of the value at `path`, or of the nearest enclosing one.
    pub fn get_or_enclosing(&self, path: &str) -> Option<Position> {
        let mut p = path;
        loop {
            if let Some(pos) = self.get(p) {
                return Some(pos);
            }
            if p.is_empty() {
                return None;
            }
            p = &p[..p.rfind(['.', '[']).unwrap_or(0)];
        }
    }

    /// How many values have a position.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no value has a position (the text was not JSON).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

const MAX_DEPTH: usize = 256;

enum Frame {
    /// Path length to truncate back to when the container ends.
    Object {
        base: usize,
    },
    Array {
        base: usize,
        index: usize,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Value,
    /// Just after `[`: a value or `]`.
    ArrayStart,
    /// Just after `{` or `,` in an object: a key (or `}` right after `{`).
    Key,
    Colon,
    AfterValue,
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
    column: usize,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8]) -> Self {
        Scanner {
            b,
            i: 0,
            line: 1,
            column: 1,
        }
    }

    fn bump(&mut self) {
        let c = self.b[self.i];
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if c & 0xC0 != 0x80 {
            // UTF-8 continuation bytes belong to the character already counted.
            self.column += 1;
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.bump();
        }
    }

    /// Skips a string starting at `"`; returns its raw contents.
    fn string(&mut self) -> Option<&'a [u8]> {
        self.bump();
        let start = self.i;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'"' => {
                    let s = &self.b[start..self.i];
                    self.bump();
                    return Some(s);
                }
                b'\\' => {
                    self.bump();
                    if self.i < self.b.len() {
                        self.bump();
                    }
                }
                _ => self.bump(),
            }
        }
        None
    }

    fn scalar(&mut self) {
        while self.i < self.b.len()
            && !matches!(
                self.b[self.i],
                b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b':'
            )
        {
            self.bump();
        }
    }

    fn run(mut self) -> PositionIndex {
        let mut map = HashMap::new();
        let mut path = String::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut state = State::Value;
        loop {
            self.skip_ws();
            if self.i >= self.b.len() {
                break;
            }
            let c = self.b[self.i];
            match state {
                State::ArrayStart if c == b']' => {
                    self.bump();
                    close(&mut stack, &mut path);
                    state = State::AfterValue;
                }
                State::Value | State::ArrayStart => {
                    let pos = Position {
                        line: self.line,
                        column: self.column,
                    };
                    // The model is never deeper than the JSON parser's limit
                    // (128); deeper values cannot be named by a diagnostic,
                    // and copying their ever longer paths would be quadratic.
                    if stack.len() <= MAX_DEPTH {
                        map.entry(path.clone()).or_insert(pos);
                    }
                    match c {
                        b'{' => {
                            self.bump();
                            stack.push(Frame::Object { base: path.len() });
                            state = State::Key;
                        }
                        b'[' => {
                            self.bump();
                            stack.push(Frame::Array {
                                base: path.len(),
                                index: 0,
                            });
                            path.push_str("[0]");
                            state = State::ArrayStart;
                        }
                        b'"' => {
                            if self.string().is_none() {
                                break;
                            }
                            state = State::AfterValue;
                        }
                        b']' | b'}' | b',' | b':' => break,
                        _ => {
                            self.scalar();
                            state = State::AfterValue;
                        }
                    }
                }
                State::Key => match c {
                    b'}' => {
                        self.bump();
                        close(&mut stack, &mut path);
                        state = State::AfterValue;
                    }
                    b'"' => {
                        let Some(key) = self.string() else { break };
                        if let Some(Frame::Object { base }) = stack.last() {
                            path.truncate(*base);
                            if *base > 0 {
                                path.push('.');
                            }
                            // Keys are written back as typed; escaped keys
                            // are not field names the model knows anyway.
                            path.push_str(&String::from_utf8_lossy(key));
                        }
                        state = State::Colon;
                    }
                    _ => break,
                },
                State::Colon => {
                    if c != b':' {
                        break;
                    }
                    self.bump();
                    state = State::Value;
                }
                State::AfterValue => match (stack.last_mut(), c) {
                    (None, _) => break,
                    (Some(Frame::Object { base }), b',') => {
                        path.truncate(*base);
                        self.bump();
                        state = State::Key;
                    }
                    (Some(Frame::Array { base, index }), b',') => {
                        *index += 1;
                        path.truncate(*base);
                        path.push_str(&format!("[{index}]"));
                        self.bump();
                        state = State::Value;
                    }
                    (Some(Frame::Object { .. }), b'}') | (Some(Frame::Array { .. }), b']') => {
                        self.bump();
                        close(&mut stack, &mut path);
                    }
                    _ => break,
                },
            }
        }
        PositionIndex { map }
    }
}

fn close(stack: &mut Vec<Frame>, path: &mut String) {
    if let Some(Frame::Object { base } | Frame::Array { base, .. }) = stack.pop() {
        path.truncate(base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(src: &str, path: &str) -> Option<(usize, usize)> {
        locate(src, path).map(|p| (p.line, p.column))
    }

    #[test]
    fn nested_paths_and_indices() {
        let src = r#"{"a": {"b": [10, {"c": "x"}, [1, [2, 3]]]}, "d": []}"#;
        assert_eq!(at(src, ""), Some((1, 1)));
        assert_eq!(at(src, "a"), Some((1, 7)));
        assert_eq!(at(src, "a.b"), Some((1, 13)));
        assert_eq!(at(src, "a.b[0]"), Some((1, 14)));
        assert_eq!(at(src, "a.b[1]"), Some((1, 18)));
        assert_eq!(at(src, "a.b[1].c"), Some((1, 24)));
        assert_eq!(at(src, "a.b[2][1][1]"), Some((1, 38)));
        assert_eq!(at(src, "d"), Some((1, 50)));
        assert_eq!(at(src, "d[0]"), None);
        assert_eq!(at(src, "a.x"), None);
    }

    #[test]
    fn multi_line_file_columns_count_characters() {
        let src = "{\n  \"place\": \"Tiến Thắng\",\n  \"noi_nhan\": {\n    \"entries\": [\"Như trên;\", \"Lưu\"],\n    \"luu\": {\"units\": [\"VP\"]}\n  }\n}\n";
        assert_eq!(at(src, "place"), Some((2, 12)));
        assert_eq!(at(src, "noi_nhan.entries[1]"), Some((4, 30)));
        assert_eq!(at(src, "noi_nhan.luu.units[0]"), Some((5, 23)));
    }

    #[test]
    fn strings_with_escapes_and_brackets() {
        let src = r#"{"a": "x\"]}[,", "b": ["\\", "{"], "c": 1}"#;
        assert_eq!(at(src, "b[1]"), Some((1, 30)));
        assert_eq!(at(src, "c"), Some((1, 41)));
    }

    #[test]
    fn malformed_input_keeps_what_came_before() {
        let src = r#"{"a": 1, "b": [1, 2 "c": 3}"#;
        assert_eq!(at(src, "a"), Some((1, 7)));
        assert_eq!(at(src, "b[1]"), Some((1, 19)));
        assert_eq!(at(src, "c"), None);
        for bad in ["", "{", "[", "\"", "{\"a\"", "{\"a\":", "]]]", "{]", "[}"] {
            let _ = PositionIndex::new(bad);
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "[".repeat(200_000) + &"]".repeat(200_000);
        let index = PositionIndex::new(&src);
        assert_eq!(index.len(), MAX_DEPTH + 1);
        assert_eq!(index.get("[0][0]"), Some(Position { line: 1, column: 3 }));
    }

    #[test]
    fn attach_falls_back_to_the_enclosing_value() {
        let src = "{\n \"so_hieu\": {},\n \"date\": 2025\n}";
        let mut ds = vec![
            Diagnostic::error("x", "so_hieu.ky_hieu", crate::Msg::new("", "")),
            Diagnostic::error("y", "date", crate::Msg::new("", "")),
            Diagnostic::error("z", "missing", crate::Msg::new("", "")),
        ];
        attach_positions(src, &mut ds);
        assert_eq!(
            ds[0].position,
            Some(Position {
                line: 2,
                column: 13
            })
        );
        assert_eq!(
            ds[1].position,
            Some(Position {
                line: 3,
                column: 10
            })
        );
        assert_eq!(ds[2].position, Some(Position { line: 1, column: 1 }));
    }
}
