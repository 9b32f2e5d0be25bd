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
    /// `None` when the input did not load (its one error is in
    /// `diagnostics`).
    pub document: Option<Document>,
    /// The images `images` gave for the document.
    pub assets: Assets,
    /// Loading notes, Decree 30 rules and image errors: errors first, the
    /// rules' own order kept within a severity, each with its line (and
    /// column in JSON) in the input where known.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The document, when it loaded and has no error: what the command
    /// renders (it refuses a document with a check error).
    pub fn renderable(&self) -> Option<&Document> {
        match &self.document {
            Some(d) if !vanban_core::diag::has_errors(&self.diagnostics) => Some(d),
            _ => None,
        }
    }
}

impl Renderer {
    /// Loads `bytes` in `format` within this renderer's limits, takes the
    /// document's images from `images` (e.g. [`crate::files::FileAccess::load_images`],
    /// or an empty [`Assets`] where there are no files), and checks it
    /// ([`Renderer::check_on`] when `today` is given, else
    /// [`Renderer::check`]) and its images.
    pub fn load_checked(
        &self,
        bytes: &[u8],
        format: InputFormat,
        today: Option<NaiveDate>,
        images: impl FnOnce(&Document) -> Assets,
    ) -> Checked {
        let limits = self.limits();
        let mut positions = None;
        let loaded = format.load(bytes, limits).map(|(l, p)| {
            positions = p;
            l
        });
        let (document, assets, mut diagnostics) = match loaded {
            Ok(loaded) => {
                let mut diags = vanban_core::diag::summarise(loaded.notes, limits);
                diags.extend(match today {
                    Some(t) => self.check_on(&loaded.document, t),
                    None => self.check(&loaded.document),
                });
                let assets = images(&loaded.document);
                diags.extend(self.check_images(&loaded.document, &assets));
                (Some(loaded.document), assets, diags)
            }
            Err(e) => (None, Assets::new(), vec![e.0]),
        };
        // Errors first, the rules' own order kept within a severity.
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        // Positions: the text format's side table, or found in the JSON.
        if let Some(p) = &positions {
            p.attach(&mut diagnostics);
        } else if format == InputFormat::Text {
            // A text that did not load: its one error has its line already.
        } else if let Ok(src) = std::str::from_utf8(vanban_core::load::strip_bom(bytes)) {
            crate::attach_positions(src, &mut diagnostics);
        }
        Checked {
            document,
            assets,
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
        assert!(c.document.is_none() && c.renderable().is_none());
        assert_eq!(c.diagnostics.len(), 1);
        assert!(c.diagnostics[0].is_error());
        let j = diagnostic_json(&c.diagnostics[0], Lang::En);
        assert_eq!(j["severity"], "error");
        assert!(j["line"].is_number(), "{j}");
    }
}
