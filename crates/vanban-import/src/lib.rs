//! # vanban-import
//!
//! Reading administrative documents made by others — a Word file a văn
//! thư made by hand, a signed PDF — for an e-office system or the `vanban`
//! command line:
//!
//! - [`import_docx`]: the DOCX as the vanban model ([`vanban_core::Document`]),
//!   with a report of what could not be placed (kept as body paragraphs,
//!   never dropped) and where each string came from;
//! - [`audit_docx`], [`audit_pdf`]: a Decree 30 report — the layout as Word
//!   lays it out (or as the PDF shows it) and every content rule of
//!   `vanban check` — as [`vanban_core::Diagnostic`]s naming the paragraph
//!   (`¶12 «…»`, a table cell `T2[1,1]`) and the fix;
//! - [`fix`](fix()): the certain corrections, and a standard DOCX and PDF.
//!
//! The library never prints and never reads the clock: give
//! [`AuditOptions::today`] to have dates far in the future reported.
//!
//! ```
//! use vanban_import::{audit_docx, import_docx, AuditOptions};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let upload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/05-quyet-dinh.docx"))?;
//!
//! let imported = import_docx(&upload)?;
//! assert_eq!(imported.document.so_line(), "Số:      /QĐ - SCT"); // as typed
//!
//! let audit = audit_docx(&upload, &AuditOptions::default())?;
//! let spaced = &audit.with_code("so_hieu.ky_hieu_format")[0];
//! assert!(spaced.is_error());
//! assert!(spaced.path.starts_with("¶4 T1[1,1]"));      // paragraph 4, table 1, cell (1,1)
//! println!("{}", spaced.render("05-quyet-dinh.docx", vanban_core::Lang::Vi));
//!
//! // A .doc, a scan: a plain message saying what to do.
//! let err = import_docx(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap_err();
//! assert!(err.message(vanban_core::Lang::En).contains("soffice --headless --convert-to docx"));
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod assemble;
pub mod audit;
mod body;
pub mod coverage;
pub(crate) mod docx;
mod error;
pub mod fix;
pub(crate) mod pdf;
pub mod recognise;

pub use assemble::{Location, Source};
pub use audit::{Audit, AuditOptions};
pub use coverage::Coverage;
pub use error::Error;
pub use fix::{fix, Fixed};
use vanban_core::{Diagnostic, Document};

/// A document read from a DOCX: the model, what the reader could not place
/// or had to change (each with where), and where every string came from.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The model, every string in NFC.
    pub document: Document,
    /// What could not be placed (kept as body paragraphs) or had to be
    /// changed, each with the paragraph it is about.
    pub report: Vec<Diagnostic>,
    /// Every string of the model with the paragraph it came from.
    pub sources: Vec<Source>,
    /// Indices of top-level body blocks that are not the body proper:
    /// lines the reader could not place, what followed the signature
    /// (annexes), further signers. They are kept so that no word is lost;
    /// the audit checks the document without them.
    pub body_extras: Vec<usize>,
}

/// Reads a DOCX into the vanban model.
pub fn import_docx(bytes: &[u8]) -> Result<Imported, Error> {
    let word = docx::read(bytes)?;
    let parts = recognise::recognise(&word);
    Ok(from_parts(&word, &parts))
}

/// Audits a DOCX against Decree 30: its layout as Word lays it out, and
/// the content rules of `vanban check` on the imported model.
pub fn audit_docx(bytes: &[u8], opts: &AuditOptions) -> Result<Audit, Error> {
    audit::audit_docx(bytes, opts)
}

/// Audits a PDF with a text layer against Decree 30 (layout measured from
/// the positioned text, content rules on what it says). A PDF of scanned
/// images gets [`Error::NoTextLayer`].
pub fn audit_pdf(bytes: &[u8], opts: &AuditOptions) -> Result<Audit, Error> {
    pdf::audit::audit_pdf(bytes, opts)
}

pub(crate) fn from_parts(word: &docx::WordDoc, parts: &recognise::Parts) -> Imported {
    let landscape = word
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.landscape)
        .map(|(i, _)| i)
        .collect();
    let out = assemble::assemble(parts, landscape);
    let (document, notes) = vanban_core::load::normalize(out.document);
    let mut report = out.report;
    report.extend(notes);
    Imported {
        document,
        report,
        sources: out.sources,
        body_extras: out.foreign_blocks,
    }
}
