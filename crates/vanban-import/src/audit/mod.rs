//! Decree 30 audit of a file someone made: its layout as Word (or the PDF)
//! shows it, and the content rules of `vanban check` on what it says.

pub(crate) mod content;
pub(crate) mod layout;

use vanban_core::{Diagnostic, DocumentKind, Severity};

/// What the audit may rely on besides the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditOptions {
    /// Today's date, for "a date of issue far in the future". The library
    /// never reads the clock: `None` skips that rule.
    pub today: Option<chrono::NaiveDate>,
}

/// The findings on one file.
#[derive(Debug, Clone)]
pub struct Audit {
    /// The kind the document was read as.
    pub kind: DocumentKind,
    /// Errors first, then warnings, then notes; within each, in document
    /// order. Each finding's `path` names where it is (`¶12 «…»`, a table
    /// cell `T2[1,1]`, `section 1`, a page `p.2`), followed by the model
    /// field for content rules.
    pub diagnostics: Vec<Diagnostic>,
    /// The document as imported (DOCX only).
    pub imported: Option<crate::Imported>,
}

impl Audit {
    /// How many findings are errors (an upload with any may be refused).
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    /// Findings with this code.
    pub fn with_code(&self, code: &str) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }
}

/// Paragraph number at the start of a path (`¶12 …`), for ordering.
fn para_of(path: &str) -> usize {
    path.strip_prefix('¶')
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub(crate) fn sort(mut v: Vec<Diagnostic>) -> Vec<Diagnostic> {
    v.sort_by_key(|d| {
        (
            std::cmp::Reverse(d.severity),
            d.path.starts_with('¶'),
            para_of(&d.path),
        )
    });
    v
}

pub(crate) fn audit_docx(bytes: &[u8], opts: &AuditOptions) -> Result<Audit, crate::Error> {
    let word = crate::docx::read(bytes)?;
    let parts = crate::recognise::recognise(&word);
    let imported = crate::from_parts(&word, &parts);
    let mut l = layout::Layout::new(&word);
    l.run(&parts);
    let mut c = content::Content::new(&word, &parts, &imported.sources);
    c.run(&imported, opts.today);
    let mut all = l.out;
    all.extend(c.out);
    let _ = Severity::Note;
    Ok(Audit {
        kind: parts.kind,
        diagnostics: sort(all),
        imported: Some(imported),
    })
}
