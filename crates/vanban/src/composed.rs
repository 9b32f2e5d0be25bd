//! A document checked and composed once, then rendered from that one
//! composition: what the `vanban` command and the batch do for every
//! document.
//!
//! [`Renderer::check`] composes the document to see what only the laid-out
//! page shows (an author line wider than its column, a table that cannot
//! hold its text); [`Renderer::pdf_and_docx`] composes it again. Composing
//! is about a tenth of a notice's work (1.7 M instructions of the seed's
//! 22.5 M in one process), so a caller that checks and then renders keeps
//! the first composition in a [`Composed`] and renders from it.

use crate::{Error, Renderer};
use chrono::NaiveDate;
use std::sync::Arc;
use vanban_compose::Composition;
use vanban_core::{Assets, Diagnostic, Document, Profile};
use vanban_fonts::Fonts;
use vanban_pdf::PdfOptions;

/// A document with its images, checked against Decree 30 and composed:
/// made by [`Renderer::check_document`], rendered by
/// [`Renderer::pdf_and_docx_composed`] and its siblings.
///
/// ```
/// use vanban::{Assets, PdfOptions, Renderer};
/// let json = include_str!("../data/thong-bao.json");
/// let doc = vanban::load_json(json).unwrap().document;
/// let renderer = Renderer::new();
/// let checked = renderer.check_document(doc, Assets::new(), None);
/// if !checked.has_errors() {
///     let (pdf, docx) = renderer.pdf_and_docx_composed(&checked, &PdfOptions::default()).unwrap();
///     assert!(pdf.starts_with(b"%PDF-") && docx.starts_with(b"PK"));
/// }
/// ```
#[derive(Debug)]
pub struct Composed {
    doc: Document,
    assets: Assets,
    diagnostics: Vec<Diagnostic>,
    /// `None` when the profile is out of Decree 30's ranges: nothing can
    /// be drawn, and `diagnostics` says why.
    composed: Option<(Profile, Composition)>,
    /// The fonts the composition measured with: rendering with another
    /// renderer's fonts composes again rather than mix two sets of widths.
    fonts: Arc<Fonts>,
}

impl Composed {
    /// The document as checked: in NFC, whatever it held.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The signature and seal images the document was checked with.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// Everything the check found, errors first: what
    /// [`Renderer::check_on`] (or [`Renderer::check`] without a date) and
    /// [`Renderer::check_images`] report for the same document.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub(crate) fn set_diagnostics(&mut self, d: Vec<Diagnostic>) {
        self.diagnostics = d;
    }

    /// Whether Decree 30 forbids the document as it is (the `vanban`
    /// command and the batch then refuse to render it).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The document back, to change and check again.
    pub fn into_document(self) -> Document {
        self.doc
    }
}

impl Renderer {
    /// Checks a document and its images, composing it once for the check
    /// and for the files rendered from the result. `today` adds the
    /// warning about a date of issue far in the future, as
    /// [`Renderer::check_on`] does.
    pub fn check_document(
        &self,
        doc: Document,
        assets: Assets,
        today: Option<NaiveDate>,
    ) -> Composed {
        let mut c = self.compose_document(doc, assets);
        c.diagnostics = self.check_composed(&c, today);
        c
    }

    /// The first half of [`Renderer::check_document`]: the document (in
    /// NFC) composed, **not yet checked** (its diagnostics are empty).
    /// With [`Renderer::check_composed`], a front end can check on one
    /// thread while it renders on another, and write the files only if the
    /// check allows it, as `vanban render` does.
    pub fn compose_document(&self, doc: Document, assets: Assets) -> Composed {
        let doc = match Self::nfc(&doc) {
            std::borrow::Cow::Borrowed(_) => doc,
            std::borrow::Cow::Owned(d) => d,
        };
        let composed = Self::profile(&doc).ok().map(|profile| {
            let c = vanban_compose::compose(&doc, &profile, &self.fonts, &assets);
            (profile, c)
        });
        Composed {
            doc,
            assets,
            diagnostics: Vec::new(),
            composed,
            fonts: self.fonts.clone(),
        }
    }

    /// The second half of [`Renderer::check_document`]: what the Decree 30
    /// rules and the image checks find in a composed document, errors
    /// first (each rule's own order kept within a severity).
    pub fn check_composed(&self, c: &Composed, today: Option<NaiveDate>) -> Vec<Diagnostic> {
        let mut diagnostics = self.diagnose(&c.doc, today, c.composed.as_ref().map(|(_, c)| c));
        diagnostics.extend(self.check_images(&c.doc, &c.assets));
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        diagnostics
    }

    /// The composition of a checked document, made again only if it was
    /// checked with another renderer's fonts.
    fn composition<'c>(
        &self,
        c: &'c Composed,
    ) -> Result<(&'c Profile, std::borrow::Cow<'c, Composition>), Error> {
        self.usable_images(&c.doc, &c.assets)?;
        match &c.composed {
            Some((profile, comp)) if Arc::ptr_eq(&c.fonts, &self.fonts) => {
                Ok((profile, std::borrow::Cow::Borrowed(comp)))
            }
            Some((profile, _)) => Ok((
                profile,
                std::borrow::Cow::Owned(vanban_compose::compose(
                    &c.doc,
                    profile,
                    &self.fonts,
                    &c.assets,
                )),
            )),
            // The profile error, as `pdf` and `docx` report it.
            None => Err(Self::profile(&c.doc).expect_err("no composition: a profile error")),
        }
    }

    /// The PDF and the DOCX of a checked document, from the composition
    /// the check made. As [`Renderer::pdf_and_docx`], check errors do not
    /// stop it: see the crate's policy.
    pub fn pdf_and_docx_composed(
        &self,
        c: &Composed,
        opts: &PdfOptions,
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let (profile, comp) = self.composition(c)?;
        Ok((
            self.pdf_from(&comp, &c.doc, profile, &c.assets, opts)?,
            self.docx_from(&comp, &c.doc, profile, &c.assets)?,
        ))
    }

    /// The PDF of a checked document, from the composition the check made.
    pub fn pdf_composed(&self, c: &Composed, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
        let (profile, comp) = self.composition(c)?;
        self.pdf_from(&comp, &c.doc, profile, &c.assets, opts)
    }

    /// The DOCX of a checked document, from the composition the check made.
    pub fn docx_composed(&self, c: &Composed) -> Result<Vec<u8>, Error> {
        let (profile, comp) = self.composition(c)?;
        self.docx_from(&comp, &c.doc, profile, &c.assets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Document {
        crate::load_json(include_str!("../data/thong-bao.json"))
            .unwrap()
            .document
    }

    #[test]
    fn rendering_a_checked_document_gives_the_same_files() {
        let r = Renderer::new();
        let doc = seed();
        let opts = PdfOptions::default();
        let (pdf, docx) = r.pdf_and_docx(&doc, &Assets::new(), &opts).unwrap();
        let checked = r.check_document(doc.clone(), Assets::new(), None);
        assert_eq!(checked.diagnostics(), r.check(&doc).as_slice());
        assert_eq!(
            r.pdf_and_docx_composed(&checked, &opts).unwrap(),
            (pdf.clone(), docx.clone())
        );
        assert_eq!(r.pdf_composed(&checked, &opts).unwrap(), pdf);
        assert_eq!(r.docx_composed(&checked).unwrap(), docx);
        // Another renderer composes again with its own fonts.
        assert_eq!(Renderer::new().pdf_composed(&checked, &opts).unwrap(), pdf);
    }

    #[test]
    fn a_profile_out_of_range_is_reported_and_refused() {
        let r = Renderer::new();
        let mut doc = seed();
        doc.profile = Some(serde_json::from_str(r#"{"body_size_pt": 40}"#).unwrap());
        let checked = r.check_document(doc, Assets::new(), None);
        assert!(checked.has_errors());
        assert!(matches!(
            r.pdf_composed(&checked, &PdfOptions::default()),
            Err(Error::Invalid(_))
        ));
    }
}
