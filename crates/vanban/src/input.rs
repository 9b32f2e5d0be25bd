//! Inputs as the `vanban` command reads them, from bytes in memory: JSON
//! or the text format, loaded, checked and located in one step, so that
//! the command, the WebAssembly module (crates/vanban-wasm) and any other
//! front end report the same diagnostics at the same lines.

use crate::{Assets, Days, Diagnostic, Document, NaiveDate, Renderer};
use vanban_core::diag::Lang;

/// The two input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// The format of `vanban schema`.
    Json,
    /// The plain-text format ([`crate::core::text_format`]).
    Text,
}

impl InputFormat {
    /// By the file's name, as the command decides: `.txt` (any case) is
    /// the text format, any other name JSON.
    pub fn of_path(name: &str) -> InputFormat {
        if vanban_core::text_format::is_text_path(name) {
            InputFormat::Text
        } else {
            InputFormat::Json
        }
    }

    /// By the content, for input without a name: JSON opens with `{`
    /// (after a byte-order mark and blanks); anything else is read as the
    /// text format, whose errors then say what is wrong.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        let first = vanban_core::load::strip_bom(bytes)
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            InputFormat::Json
        } else {
            InputFormat::Text
        }
    }
}

impl InputFormat {
    /// Loads a document in this format within `limits`, with the text
    /// format's positions (`None` for JSON: [`crate::attach_positions`]
    /// finds them in the source).
    #[allow(clippy::result_large_err)]
    pub fn load(
        self,
        bytes: &[u8],
        limits: &crate::Limits,
    ) -> Result<(crate::Loaded, Option<crate::TextPositions>), crate::LoadError> {
        match self {
            InputFormat::Text => {
                vanban_core::text_format::from_slice_with(bytes, limits).map(|l| {
                    let loaded = crate::Loaded {
                        document: l.document,
                        notes: l.notes,
                    };
                    (loaded, Some(l.positions))
                })
            }
            InputFormat::Json => {
                vanban_core::load::from_slice_with(bytes, limits).map(|l| (l, None))
            }
        }
    }
}

/// A document as JSON, as `vanban convert` writes it: pretty, with a final
/// newline.
pub fn document_json(doc: &Document) -> String {
    let mut j = serde_json::to_string_pretty(doc).expect("a document serialises");
    j.push('\n');
    j
}

/// A document loaded and checked: what `vanban check` reports and what
/// `vanban render` draws.
pub struct Checked {
    /// The document checked and composed once, with its images; `None`
    /// when the input did not load (its one error is in `diagnostics`).
    pub composed: Option<crate::Composed>,
    /// Loading notes, Decree 30 rules and image errors: errors first, the
    /// rules' own order kept within a severity, each with its line (and
    /// column in JSON) in the input where known.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The document, when the input loaded.
    pub fn document(&self) -> Option<&Document> {
        self.composed.as_ref().map(crate::Composed::document)
    }

    /// The document, when it loaded and has no error: what the command
    /// renders (it refuses a document with a check error), ready for
    /// [`Renderer::pdf_and_docx_composed`].
    pub fn renderable(&self) -> Option<&crate::Composed> {
        match &self.composed {
            Some(c) if !vanban_core::diag::has_errors(&self.diagnostics) => Some(c),
            _ => None,
        }
    }
}

impl Renderer {
    /// Loads `bytes` in `format` within this renderer's limits; `prepare`
    /// may change the document before it is checked (the number, date or
    /// creation time given on a command line: what is checked is what is
    /// drawn) and gives its images (e.g. [`crate::files::FileAccess::load_images`],
    /// or an empty [`Assets`] where there are no files). Then checks it
    /// ([`Renderer::check_on`] when `today` is given, else
    /// [`Renderer::check`]) and its images, composing it once for the
    /// check and the files ([`Renderer::check_document`]).
    pub fn load_checked(
        &self,
        bytes: &[u8],
        format: InputFormat,
        today: Option<NaiveDate>,
        prepare: impl FnOnce(&mut Document) -> Assets,
    ) -> Checked {
        let unchecked = self.load_composed(bytes, format, prepare);
        let check = match &unchecked.composed {
            Some(c) => self.check_composed(c, today),
            None => Vec::new(),
        };
        unchecked.checked(check)
    }

    /// The first half of [`Renderer::load_checked`]: the input loaded,
    /// prepared and composed ([`Renderer::compose_document`]), its Decree
    /// 30 rules not yet checked. Check it with
    /// [`Renderer::check_composed`], then [`Unchecked::checked`] (or
    /// [`Unchecked::diagnostics_with`]) gives what `load_checked` gives.
    ///
    /// Checking on one thread while the PDF is made on another, and
    /// keeping the PDF only if the check allows it:
    ///
    /// ```
    /// use vanban::{Assets, InputFormat, PdfOptions, Renderer};
    /// let r = Renderer::new();
    /// let json = include_bytes!("../data/thong-bao.json");
    /// let mut unchecked = r.load_composed(json, InputFormat::Json, |_| Assets::new());
    /// let composed = unchecked.composed.take().expect("it loads");
    /// let (check, pdf) = std::thread::scope(|s| {
    ///     let check = s.spawn(|| r.check_composed(&composed, None));
    ///     let pdf = r.pdf_composed(&composed, &PdfOptions::default());
    ///     (check.join().unwrap(), pdf)
    /// });
    /// let diagnostics = unchecked.diagnostics_with(&check);
    /// assert_eq!(diagnostics, r.load_checked(json, InputFormat::Json, None, |_| Assets::new()).diagnostics);
    /// if !vanban::core::diag::has_errors(&diagnostics) {
    ///     assert!(pdf.unwrap().starts_with(b"%PDF-"));
    /// }
    /// ```
    pub fn load_composed(
        &self,
        bytes: &[u8],
        format: InputFormat,
        prepare: impl FnOnce(&mut Document) -> Assets,
    ) -> Unchecked {
        let limits = self.limits();
        let mut positions = None;
        let loaded = format.load(bytes, limits).map(|(l, p)| {
            positions = p;
            l
        });
        let (composed, loading) = match loaded {
            Ok(mut loaded) => {
                let diags = vanban_core::diag::summarise(loaded.notes, limits);
                let assets = prepare(&mut loaded.document);
                (Some(self.compose_document(loaded.document, assets)), diags)
            }
            Err(e) => (None, vec![e.0]),
        };
        // JSON positions are found in the source, once the check is done:
        // a copy of it keeps `Unchecked` free to go to another thread.
        let json = match (&positions, format) {
            (None, InputFormat::Json) => std::str::from_utf8(vanban_core::load::strip_bom(bytes))
                .ok()
                .map(str::to_owned),
            _ => None,
        };
        Unchecked {
            composed,
            loading,
            positions,
            json,
        }
    }
}

/// A document loaded and composed, its Decree 30 rules not yet checked:
/// [`Renderer::load_composed`].
pub struct Unchecked {
    /// The document composed (its own diagnostics still empty), with its
    /// images; `None` when the input did not load. A front end may take it
    /// to render from while it checks.
    pub composed: Option<crate::Composed>,
    /// What loading noted, or the one error that stopped it.
    loading: Vec<Diagnostic>,
    /// The text format's positions.
    positions: Option<crate::TextPositions>,
    /// The JSON input, where its positions are found.
    json: Option<String>,
}

impl Unchecked {
    /// Every diagnostic, given the check's ([`Renderer::check_composed`]):
    /// loading's then the rules', errors first, the rules' own order kept
    /// within a severity, each with its line (and column in JSON) in the
    /// input where known — [`Checked::diagnostics`].
    pub fn diagnostics_with(&self, check: &[Diagnostic]) -> Vec<Diagnostic> {
        let mut diagnostics = self.loading.clone();
        diagnostics.extend_from_slice(check);
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        // Positions: the text format's side table, or found in the JSON.
        // (A text that did not load: its one error has its line already.)
        if let Some(p) = &self.positions {
            p.attach(&mut diagnostics);
        } else if let Some(src) = &self.json {
            crate::attach_positions(src, &mut diagnostics);
        }
        diagnostics
    }

    /// The document checked, given the check's diagnostics.
    pub fn checked(mut self, check: Vec<Diagnostic>) -> Checked {
        let diagnostics = self.diagnostics_with(&check);
        if let Some(c) = &mut self.composed {
            c.set_diagnostics(check);
        }
        Checked {
            composed: self.composed,
            diagnostics,
        }
    }
}

/// The date in Vietnam (UTC+7) at `unix_secs` seconds after the Unix
/// epoch: the "today" of [`Renderer::check_on`] for a front end that reads
/// the clock (the library never does).
pub fn today_in_vietnam(unix_secs: i64) -> NaiveDate {
    let days = (unix_secs + 7 * 3600).div_euclid(86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(days.max(0) as u64)))
        .unwrap_or_default()
}

/// A creation time as `vanban render --created` takes it:
/// `YYYY-MM-DD[THH:MM[:SS]]`, or `now` (Vietnam time at `now()`, Unix
/// seconds; `None` when there is no clock). The result is the
/// `metadata.created` written into the files, `YYYY-MM-DDTHH:MM:SS`.
pub fn creation_time(s: &str, now: impl FnOnce() -> Option<i64>) -> Option<String> {
    if s == "now" {
        let secs = now()?;
        let t = (secs + 7 * 3600).rem_euclid(86_400);
        return Some(format!(
            "{}T{:02}:{:02}:{:02}",
            today_in_vietnam(secs).format("%Y-%m-%d"),
            t / 3600,
            t / 60 % 60,
            t % 60
        ));
    }
    let (date, time) = s.split_once('T').unwrap_or((s, "00:00:00"));
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let parts: Vec<u32> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    (h < 24 && m < 60 && sec < 60)
        .then(|| format!("{}T{h:02}:{m:02}:{sec:02}", d.format("%Y-%m-%d")))
}

/// One diagnostic as `vanban check --format json` writes it: severity
/// (`error`, `warning`, `note`), code, path (the model's JSON path, empty
/// for the whole input), line and column in the input (or null), message
/// and fix in `lang`.
pub fn diagnostic_json(d: &Diagnostic, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "severity": d.severity,
        "code": d.code,
        "path": d.path,
        "line": d.position.map(|p| p.line),
        "column": d.position.map(|p| p.column),
        "message": d.message.get(lang),
        "fix": d.fix.as_ref().map(|f| f.get(lang)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_by_content() {
        assert_eq!(InputFormat::of_path("a/tb.TXT"), InputFormat::Text);
        assert_eq!(InputFormat::of_path("tb.json"), InputFormat::Json);
        assert_eq!(
            InputFormat::sniff(b"\xEF\xBB\xBF \n{\"kind\""),
            InputFormat::Json
        );
        assert_eq!(InputFormat::sniff(b"THONG BAO\n"), InputFormat::Text);
        assert_eq!(InputFormat::sniff(b""), InputFormat::Text);
    }

    #[test]
    fn creation_times_as_the_command_takes_them() {
        let never = || None;
        assert_eq!(
            creation_time("2025-03-06", never).as_deref(),
            Some("2025-03-06T00:00:00")
        );
        assert_eq!(
            creation_time("2025-03-06T9:05", never).as_deref(),
            Some("2025-03-06T09:05:00")
        );
        assert_eq!(creation_time("2025-03-06T24:00", never), None);
        assert_eq!(creation_time("06/03/2025", never), None);
        assert_eq!(creation_time("now", never), None);
        // 2025-03-05T17:30:00Z is 00:30 on the 6th in Vietnam.
        assert_eq!(
            creation_time("now", || Some(1_741_195_800)).as_deref(),
            Some("2025-03-06T00:30:00")
        );
    }

    #[test]
    fn a_broken_input_is_one_located_error() {
        let r = Renderer::new();
        let c = r.load_checked(
            b"{\n  \"kind\": \"thong-bao\",\n  \"so_hieux\": 1\n}",
            InputFormat::Json,
            None,
            |_| Assets::new(),
        );
        assert!(c.document().is_none() && c.renderable().is_none());
        assert_eq!(c.diagnostics.len(), 1);
        assert!(c.diagnostics[0].is_error());
        let j = diagnostic_json(&c.diagnostics[0], Lang::En);
        assert_eq!(j["severity"], "error");
        assert!(j["line"].is_number(), "{j}");
    }
}
