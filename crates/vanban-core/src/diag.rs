//! Diagnostics: what is wrong with a document, where, and how to fix it,
//! in Vietnamese and English. Produced by loading and by the Decree 30
//! rules; printed by the CLI, returned as values by the library.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Note, Lang::Vi) => "ghi chú",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Note, Lang::En) => "note",
        }
    }
}

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub vi: String,
    pub en: String,
}

impl Msg {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            vi: vi.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Line and column (1-based, columns in characters) in the input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule identifier (`so_hieu.ky_hieu_kind`), for filtering and tests.
    pub code: &'static str,
    /// JSON path of the field (`noi_nhan.luu.units`); empty for the whole input.
    pub path: String,
    /// Where the field starts in the input file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    pub message: Msg,
    /// How to fix it, when there is a clear fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Msg>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: Msg,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            path: path.into(),
            position: None,
            message,
            fix: None,
        }
    }
    pub fn error(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Error, code, path, message)
    }
    pub fn warning(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }
    pub fn note(code: &'static str, path: impl Into<String>, message: Msg) -> Self {
        Self::new(Severity::Note, code, path, message)
    }
    pub fn with_fix(mut self, fix: Msg) -> Self {
        self.fix = Some(fix);
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One human-readable block: `lỗi: <path> (dòng 3, cột 5): message` and the fix.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        let mut s = String::new();
        s.push_str(self.severity.label(lang));
        s.push_str(": ");
        s.push_str(file);
        if let Some(p) = self.position {
            s.push_str(&format!(":{}:{}", p.line, p.column));
        }
        if !self.path.is_empty() {
            s.push_str(&format!(" [{}]", self.path));
        }
        s.push_str(": ");
        s.push_str(self.message.get(lang));
        if let Some(fix) = &self.fix {
            s.push_str(match lang {
                Lang::Vi => "\n  cách sửa: ",
                Lang::En => "\n  fix: ",
            });
            s.push_str(fix.get(lang));
        }
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("", Lang::En))
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(ds: &[Diagnostic]) -> bool {
    ds.iter().any(Diagnostic::is_error)
}
