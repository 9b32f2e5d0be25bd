//! # vanban-import
//!
//! Reading administrative documents made by others.

mod assemble;
pub mod audit;
mod body;
pub mod coverage;
pub mod docx;
mod error;
pub mod fix;
pub mod pdf;
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
    pub document: Document,
    pub report: Vec<Diagnostic>,
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
