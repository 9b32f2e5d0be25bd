//! # vanban-pdf
//!
//! The PDF back end, in two stages as in Typst: [`layout`] turns a
//! [`Document`] and the ND30 [`Profile`] into [`frame::Page`]s of positioned
//! glyph runs, rules and images; [`writer`] only draws those pages (subset
//! fonts with ToUnicode, optional PDF/A-2b and signature fields).
//!
//! ```
//! use vanban_core::{load, Assets, Profile};
//! use vanban_fonts::Fonts;
//! use vanban_pdf::{PdfOptions, PdfRenderer};
//!
//! let json = r#"{"kind": "thong-bao",
//!   "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
//!   "place": "Tiến Thắng", "date": "2025-03-06", "trich_yeu": "Về việc công khai kết quả",
//!   "body": [{"paragraph": "Nội dung thông báo./."}],
//!   "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"]}},
//!   "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}}"#;
//! let doc = load::from_json(json).unwrap().document;
//! let fonts = std::sync::Arc::new(Fonts::embedded());
//! let renderer = PdfRenderer::new(fonts).unwrap();
//! let pages = renderer.layout(&doc, &Profile::nd30(), &Assets::new());
//! assert!(pages.len() >= 1);
//! let pdf = renderer.render(&doc, &Profile::nd30(), &Assets::new(), &PdfOptions::default()).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

#![warn(missing_docs)]

pub mod frame;
pub mod layout;
pub mod writer;

use std::sync::Arc;
use vanban_core::{Assets, Document, Profile};
use vanban_fonts::Fonts;
pub use writer::{PdfMeta, WriteError};

/// Options of the PDF output.
///
/// The signature fields are off by default, drafts included: a draft
/// (dự thảo) goes out for comments and is printed far more often than it
/// is signed, and a viewer shows a form field (and asks about it) in every
/// copy; the step that sends the document to the signer asks for them.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfOptions {
    /// Write PDF/A-2b (archival: XMP metadata, sRGB output intent).
    pub pdfa: bool,
    /// An empty signature field `ChuKy` over the signer's signing space
    /// (between the post and the name), for any PAdES signer to sign in
    /// the right place. Nothing on the page changes.
    pub sign_field: bool,
    /// An empty signature field `ConDau` over the seal's place (the left
    /// third of the signing space), for the organisation's signature.
    pub seal_field: bool,
}

/// Renders documents to PDF; prepares the fonts once and keeps the font
/// subsets and images it makes, so one renderer serves many documents
/// (and threads: it is `Send + Sync`).
pub struct PdfRenderer {
    fonts: Arc<Fonts>,
    pdf_fonts: writer::PdfFonts,
    images: writer::ImageCache,
}

impl PdfRenderer {
    /// A renderer with these faces; prepares their font programs for
    /// embedding once. Fails when a face cannot be embedded.
    pub fn new(fonts: Arc<Fonts>) -> Result<Self, WriteError> {
        let pdf_fonts = writer::PdfFonts::new(&fonts)?;
        Ok(PdfRenderer {
            fonts,
            pdf_fonts,
            images: writer::ImageCache::new(),
        })
    }

    /// The layout stage alone: pages of positioned items.
    pub fn layout(&self, doc: &Document, profile: &Profile, assets: &Assets) -> Vec<frame::Page> {
        layout::layout(doc, profile, &self.fonts, assets)
    }

    /// The layout stage, refusing what cannot be drawn inside its column
    /// ([`WriteError::Unfit`], see `vanban_compose::check::unfit_tables`)
    /// rather than drawing it over the borders, as [`PdfRenderer::render`]
    /// does.
    pub fn checked_layout(
        &self,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
    ) -> Result<Vec<frame::Page>, WriteError> {
        let c = vanban_compose::compose(doc, profile, &self.fonts, assets);
        let unfit = vanban_compose::check::unfit_tables(doc, &c);
        if !unfit.is_empty() {
            return Err(WriteError::Unfit(unfit));
        }
        Ok(layout::layout_composition(
            &c,
            doc,
            profile,
            &self.fonts,
            assets,
        ))
    }

    /// Layout and writing: the PDF's bytes. Identical input gives
    /// identical bytes (no clock, no random identifiers).
    pub fn render(
        &self,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, WriteError> {
        // An image the document names but the caller did not supply (or
        // that is not a PNG) is an error, never a silent omission.
        let sig = &doc.signature;
        for r in [&sig.signature_image, &sig.seal_image]
            .into_iter()
            .flatten()
        {
            let bytes = assets
                .get(r)
                .ok_or_else(|| WriteError::MissingImage(r.clone()))?;
            if vanban_core::PngInfo::read(bytes).is_none() {
                return Err(WriteError::Image(r.clone(), "not a PNG file".into()));
            }
        }
        let pages = self.checked_layout(doc, profile, assets)?;
        writer::write(
            &pages,
            &self.pdf_fonts,
            &self.images,
            assets,
            &meta(doc),
            opts,
        )
    }

    /// Lays out and writes an already composed document, e.g. an annex
    /// delivered as a file of its own
    /// ([`vanban_compose::compose_annex_file`]), with its own metadata.
    pub fn render_composition(
        &self,
        c: &vanban_compose::Composition,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
        meta: &PdfMeta,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, WriteError> {
        let unfit = vanban_compose::check::unfit_tables(doc, c);
        if !unfit.is_empty() {
            return Err(WriteError::Unfit(unfit));
        }
        let pages = layout::layout_composition(c, doc, profile, &self.fonts, assets);
        writer::write(&pages, &self.pdf_fonts, &self.images, assets, meta, opts)
    }
}

/// One-shot rendering (parses the fonts for this call only).
pub fn render(
    doc: &Document,
    profile: &Profile,
    fonts: Arc<Fonts>,
    assets: &Assets,
    opts: &PdfOptions,
) -> Result<Vec<u8>, WriteError> {
    PdfRenderer::new(fonts)?.render(doc, profile, assets, opts)
}

/// The file metadata of a document.
pub fn meta(doc: &Document) -> PdfMeta {
    PdfMeta {
        title: doc.title(),
        author: doc.author(),
        subject: doc.metadata.subject.clone(),
        keywords: doc.metadata.keywords.clone(),
        language: doc.metadata.language.clone(),
        created: created(doc),
    }
}

/// The creation time: the metadata's (`YYYY-MM-DD[THH:MM[:SS]]`), else the
/// complete date of issue at midnight, else none. Never the clock.
fn created(doc: &Document) -> Option<(u16, u8, u8, u8, u8, u8)> {
    if let Some(s) = &doc.metadata.created {
        let (date, time) = s.split_once('T').unwrap_or((s.as_str(), "00:00:00"));
        let d: Vec<u32> = date.split('-').filter_map(|p| p.parse().ok()).collect();
        let t: Vec<u32> = time.split(':').filter_map(|p| p.parse().ok()).collect();
        if d.len() == 3 {
            let g = |v: &Vec<u32>, i: usize| v.get(i).copied().unwrap_or(0);
            return Some((
                g(&d, 0) as u16,
                g(&d, 1) as u8,
                g(&d, 2) as u8,
                g(&t, 0) as u8,
                g(&t, 1) as u8,
                g(&t, 2) as u8,
            ));
        }
    }
    let d = doc.date?.to_naive()?;
    use chrono::Datelike;
    Some((d.year() as u16, d.month() as u8, d.day() as u8, 0, 0, 0))
}
