//! # vanban-import
//!
//! Reading administrative documents made by others.

mod assemble;
mod body;
pub mod coverage;
pub mod docx;
mod error;
pub mod recognise;

pub use assemble::{Location, Source};
pub use coverage::Coverage;
pub use error::Error;
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
    let out = assemble::assemble(&parts, "");
    let (document, notes) = vanban_core::load::normalize(out.document);
    let mut report = out.report;
    report.extend(notes);
    Ok(Imported {
        document,
        report,
        sources: out.sources,
        body_extras: out.foreign_blocks,
    })
}
