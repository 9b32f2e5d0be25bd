//! # vanban
//!
//! Vietnamese administrative documents laid out as Decree 30/2020/NĐ-CP
//! prescribes, as a print-ready PDF and an editable DOCX. This crate is the
//! API to embed: load or build a [`Document`], check it, render it.
//!
//! ```
//! use vanban::{Assets, Document, DocumentKind, IssueDate, Luu, Renderer, Signature};
//!
//! let doc = Document::builder(DocumentKind::ThongBao)
//!     .issuer(["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "UBND")
//!     .place("Tiến Thắng")
//!     .date(IssueDate::full(2025, 3, 6))
//!     .trich_yeu("Về việc công khai kết quả bộ chỉ số phục vụ người dân")
//!     .paragraph("Ủy ban nhân dân xã thông báo kết quả tháng 02 năm 2025./.")
//!     .noi_nhan(["TT Đảng ủy, TT HĐND xã (để b/c);"], Luu::units(["VT", "VP"]))
//!     .signer(Signature::new(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Văn Hạ"))
//!     .build();
//! let renderer = Renderer::new(); // parses the fonts once; Send + Sync
//! assert!(renderer.check(&doc).iter().all(|d| !d.is_error())); // Decree 30 rules
//! let pdf: Vec<u8> = renderer.pdf(&doc, &Assets::new()).unwrap();
//! let docx: Vec<u8> = renderer.docx(&doc, &Assets::new()).unwrap();
//! assert!(pdf.starts_with(b"%PDF-") && docx.starts_with(b"PK"));
//! ```
//!
//! The same from JSON: `vanban::load_json(&text)?.document` (the format of
//! `vanban schema`); from the plain-text format, `vanban::load_text(&text)?.document`.
//!
//! **Rendering and check errors.** [`Renderer::pdf`], [`Renderer::docx`]
//! and [`Renderer::layout`] refuse only what cannot be drawn (a profile
//! value outside Decree 30's ranges, an image that is missing or not a
//! PNG) and render everything else as written, check errors included: a
//! draft with a blank number is still printable, and the caller decides.
//! Call [`Renderer::check`] first to refuse what Decree 30 forbids, as the
//! `vanban` command and [`batch`] do (a row with a check error is not
//! rendered). Text is drawn in NFC whatever the document held.
//!
//! **The model at the root.** Everything a document built in code is made
//! of is re-exported here — the [`DocumentBuilder`], [`IssueDate`],
//! [`SoHieu`], [`Issuer`], [`Signature`], [`NoiNhan`] and [`Luu`], the body's
//! [`Block`]s, [`Text`], [`ProfileOverrides`] — as are [`Diagnostic`] and
//! [`Severity`]; the rest of the model stays under [`core`].

#![warn(missing_docs)]

#[cfg(feature = "batch")]
pub mod batch;
mod composed;
#[cfg(feature = "files")]
pub mod files;
pub mod input;
#[cfg(feature = "files")]
pub mod output;
pub mod starters;

use std::borrow::Cow;
use std::sync::Arc;

pub use composed::Composed;
pub use vanban_core::load::{from_json as load_json, from_slice as load_slice, LoadError, Loaded};
/// The plain-text format (`.txt`, see [`core::text_format`]): read with
/// `load_text`, write with `to_text`.
pub use vanban_core::text_format::{
    from_text as load_text, to_text, TextLoaded, TextPositions, Unsupported,
};
pub use vanban_core::{self as core, Assets, Diagnostic, Document, DocumentKind, Limits, Profile};
// The model types a document built in code touches (see the crate docs).
pub use vanban_core::{
    date::IssueDate, diag::Position, profile::Margins, profile::ProfileOverrides, so_hieu::SoHieu,
    Align, Annex, Article, Block, CanCu, Column, DocumentBuilder, Heading, HeadingStyle, Issuer,
    ItemNumber, Lang, Lines, ListItem, Luu, LuuParts, Metadata, Msg, NoiNhan, NumberedItem, Point,
    Run, Severity, Signature, Table, Text,
};
pub use vanban_docx::{issue, Blanks, IssueError};
pub use vanban_fonts::{FaceId, FontError, Fonts};
pub use vanban_pdf::{frame, PdfOptions};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
// More ways to fail will come; callers match with a fallback arm.
#[non_exhaustive]
pub enum Error {
    /// The document breaks a rule that makes it unrenderable (e.g. a
    /// profile value outside Decree 30's range).
    #[error("the document is not valid: {}", .0.iter().map(|d| d.message.en.as_str()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Diagnostic>),
    /// The PDF could not be written.
    #[error(transparent)]
    Pdf(#[from] vanban_pdf::WriteError),
    /// The DOCX could not be written.
    #[error(transparent)]
    Docx(#[from] vanban_docx::DocxError),
}

/// Calendar dates, for [`Renderer::check_on`].
pub use chrono::{Days, NaiveDate};
pub use input::{
    creation_time, diagnostic_json, document_json, today_in_vietnam, Checked, InputFormat,
    Unchecked,
};
pub use vanban_core::check::{attach_positions, locate};

/// A reusable renderer: fonts parsed once, shareable across threads.
pub struct Renderer {
    fonts: Arc<Fonts>,
    pdf: vanban_pdf::PdfRenderer,
    /// The DOCX parts that do not change between documents.
    docx_parts: vanban_docx::PartCache,
    limits: Limits,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    /// A renderer with the embedded Liberation Serif faces.
    pub fn new() -> Renderer {
        Self::with_fonts(Fonts::embedded()).expect("embedded fonts load")
    }

    /// A renderer with other faces (e.g. a licensed Times New Roman).
    pub fn with_fonts(fonts: Fonts) -> Result<Renderer, Error> {
        let fonts = Arc::new(fonts);
        let pdf = vanban_pdf::PdfRenderer::new(fonts.clone())?;
        Ok(Renderer {
            fonts,
            pdf,
            docx_parts: vanban_docx::PartCache::new(),
            limits: Limits::default(),
        })
    }

    /// The same renderer with other limits (image size and pixels, how
    /// many diagnostics of one rule, how long a quoted value).
    pub fn with_limits(mut self, limits: Limits) -> Renderer {
        self.limits = limits;
        self
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The faces the renderer measures and embeds.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The document with every string in NFC: documents loaded from JSON or
    /// made with [`Document::builder`] already are; one built field by field
    /// in code may not be, and is normalised here (a copy, only then), so
    /// what is checked and drawn is what loading the same text would give.
    fn nfc(doc: &Document) -> Cow<'_, Document> {
        if vanban_core::load::is_nfc(doc) {
            Cow::Borrowed(doc)
        } else {
            Cow::Owned(vanban_core::load::normalize(doc.clone()).0)
        }
    }

    /// The ND30 profile with the document's overrides applied.
    pub fn profile(doc: &Document) -> Result<Profile, Error> {
        match &doc.profile {
            Some(o) => Profile::nd30().with_overrides(o).map_err(Error::Invalid),
            None => Ok(Profile::nd30()),
        }
    }

    /// Checks the document against Decree 30 and this renderer's fonts:
    /// every diagnostic, errors first. Dates are not compared with today
    /// (the library never reads the clock); see [`Renderer::check_on`].
    ///
    /// ```
    /// use vanban::{Document, DocumentKind, IssueDate, Luu, Renderer, Signature};
    /// let doc = Document::builder(DocumentKind::ThongBao)
    ///     .issuer(["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "UBND")
    ///     .place("Tiến Thắng")
    ///     .date(IssueDate::full(2025, 3, 6))
    ///     .trich_yeu("Về việc công khai kết quả")
    ///     .paragraph("Nội dung thông báo./.")
    ///     .noi_nhan(["Như trên;"], Luu::units(["VP"])) // no VT
    ///     .signer(Signature::new(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Văn Hạ"))
    ///     .build();
    /// let diags = Renderer::new().check(&doc);
    /// // The Lưu line lacks VT (the văn thư keeps the original): a warning,
    /// // which does not stop rendering.
    /// let luu = diags.iter().find(|d| d.path == "noi_nhan.luu.units").unwrap();
    /// assert!(!luu.is_error() && luu.fix.is_some());
    /// ```
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_inner(doc, None)
    }

    /// As [`Renderer::check`], and also warns about a date of issue far
    /// after `today`.
    pub fn check_on(&self, doc: &Document, today: NaiveDate) -> Vec<Diagnostic> {
        self.check_inner(doc, Some(today))
    }

    fn check_inner(&self, doc: &Document, today: Option<NaiveDate>) -> Vec<Diagnostic> {
        let doc = &*Self::nfc(doc);
        // A profile out of range is already an error of the rules.
        let c = Self::profile(doc)
            .ok()
            .map(|profile| vanban_compose::compose(doc, &profile, &self.fonts, &Assets::new()));
        self.diagnose(doc, today, c.as_ref())
    }

    /// The rules, and with a composition what only the composed page
    /// shows: author lines too wide for their column, tables that cannot
    /// hold their text.
    fn diagnose(
        &self,
        doc: &Document,
        today: Option<NaiveDate>,
        c: Option<&vanban_compose::Composition>,
    ) -> Vec<Diagnostic> {
        let fonts = &self.fonts;
        let can_draw =
            |c: char, bold: bool, italic: bool| fonts.face(FaceId::new(bold, italic)).has_char(c);
        let mut all = vanban_core::check::check(
            doc,
            &vanban_core::check::CheckOptions {
                today,
                can_draw: Some(&can_draw),
            },
        );
        if let Some(c) = c {
            all.extend(vanban_compose::check::wrapped_lines(doc, c));
            all.extend(vanban_compose::check::unfit_tables(doc, c));
            all.sort_by_key(|d| std::cmp::Reverse(d.severity));
        }
        vanban_core::diag::summarise(all, &self.limits)
    }

    /// Errors for every signature or seal image the document names that
    /// cannot be drawn: missing from `assets`, unreadable (see
    /// [`files::FileAccess::load_images`]), not a PNG, truncated, or beyond
    /// the limits. [`Renderer::pdf`] and [`Renderer::docx`] refuse such a
    /// document with the same errors.
    pub fn check_images(&self, doc: &Document, assets: &Assets) -> Vec<Diagnostic> {
        vanban_core::assets::check_images(doc, assets, &self.limits)
    }

    fn usable_images(&self, doc: &Document, assets: &Assets) -> Result<(), Error> {
        let errors = self.check_images(doc, assets);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(errors))
        }
    }

    /// The DOCX's bytes: the editable draft. Its blank number and date
    /// are content controls that [`issue`] fills once the document is
    /// signed.
    pub fn docx(&self, doc: &Document, assets: &Assets) -> Result<Vec<u8>, Error> {
        let doc = &*Self::nfc(doc);
        self.usable_images(doc, assets)?;
        Ok(vanban_docx::render_with_cache(
            doc,
            &Self::profile(doc)?,
            &self.fonts,
            assets,
            &self.docx_parts,
        )?)
    }

    /// The annexes delivered as files of their own (Mẫu 2.2,
    /// [`core::Annex::separate_file`]): their indexes in `doc.annexes`. The
    /// main file leaves them out; [`Renderer::annex_pdf`] and
    /// [`Renderer::annex_docx`] make each.
    pub fn separate_annexes(doc: &Document) -> Vec<usize> {
        (0..doc.annexes.len())
            .filter(|&i| doc.annexes[i].separate_file)
            .collect()
    }

    fn annex_composition(
        &self,
        doc: &Document,
        assets: &Assets,
        index: usize,
    ) -> Result<(vanban_compose::Composition, Profile), Error> {
        let profile = Self::profile(doc)?;
        match vanban_compose::compose_annex_file(doc, &profile, &self.fonts, assets, index) {
            Some(c) => Ok((c, profile)),
            None => Err(Error::Invalid(vec![Diagnostic::error(
                "annex.index",
                format!("annexes[{index}]"),
                core::Msg::new(
                    format!("văn bản không có phụ lục số {}", index + 1),
                    format!("the document has no annex number {}", index + 1),
                ),
            )])),
        }
    }

    /// The pages of annex `index` as a file of its own (Mẫu 2.2), without
    /// writing a file.
    pub fn annex_layout(
        &self,
        doc: &Document,
        assets: &Assets,
        index: usize,
    ) -> Result<Vec<frame::Page>, Error> {
        let doc = &*Self::nfc(doc);
        let (c, profile) = self.annex_composition(doc, assets, index)?;
        let unfit = vanban_compose::check::unfit_tables(doc, &c);
        if !unfit.is_empty() {
            return Err(Error::Invalid(unfit));
        }
        Ok(vanban_pdf::layout::layout_composition(
            &c,
            doc,
            &profile,
            &self.fonts,
            assets,
        ))
    }

    /// The PDF of annex `index` as a file of its own (Mẫu 2.2).
    pub fn annex_pdf(
        &self,
        doc: &Document,
        assets: &Assets,
        index: usize,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, Error> {
        let doc = &*Self::nfc(doc);
        let (c, profile) = self.annex_composition(doc, assets, index)?;
        let mut meta = vanban_pdf::meta(doc);
        meta.title = annex_title(doc, index);
        self.pdf
            .render_composition(&c, doc, &profile, assets, &meta, opts)
            .map_err(pdf_error)
    }

    /// The DOCX of annex `index` as a file of its own (Mẫu 2.2).
    pub fn annex_docx(
        &self,
        doc: &Document,
        assets: &Assets,
        index: usize,
    ) -> Result<Vec<u8>, Error> {
        let doc = &*Self::nfc(doc);
        let (c, profile) = self.annex_composition(doc, assets, index)?;
        Ok(vanban_docx::write_composition(
            &c,
            doc,
            &profile,
            assets,
            &self.docx_parts,
        )?)
    }

    /// Lays the document out without writing a file: pages of positioned
    /// glyph runs, rules and images. Refuses what the PDF refuses (a
    /// table whose columns cannot hold a character).
    ///
    /// ```
    /// use vanban::{frame::Item, Assets, Document, DocumentKind, Renderer};
    /// let doc = Document::builder(DocumentKind::ThongBao)
    ///     .issuer(["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "UBND")
    ///     .trich_yeu("Về việc công khai kết quả")
    ///     .paragraph("Nội dung thông báo./.")
    ///     .build();
    /// let pages = Renderer::new().layout(&doc, &Assets::new()).unwrap();
    /// assert_eq!(pages.len(), 1);
    /// assert!((pages[0].width - 595.3).abs() < 0.1); // A4, in points
    /// let quoc_hieu = pages[0].items.iter().find_map(|i| match i {
    ///     Item::Text(t) if t.text.starts_with("CỘNG HÒA") => Some(t),
    ///     _ => None,
    /// });
    /// assert!(quoc_hieu.is_some());
    /// ```
    pub fn layout(&self, doc: &Document, assets: &Assets) -> Result<Vec<frame::Page>, Error> {
        let doc = &*Self::nfc(doc);
        self.pdf
            .checked_layout(doc, &Self::profile(doc)?, assets)
            .map_err(pdf_error)
    }

    /// The PDF and the DOCX of one document, composed once for both
    /// (what [`Renderer::pdf_with`] and [`Renderer::docx`] give, in one
    /// composition instead of two).
    pub fn pdf_and_docx(
        &self,
        doc: &Document,
        assets: &Assets,
        opts: &PdfOptions,
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let doc = &*Self::nfc(doc);
        self.usable_images(doc, assets)?;
        let profile = Self::profile(doc)?;
        let c = vanban_compose::compose(doc, &profile, &self.fonts, assets);
        Ok((
            self.pdf_from(&c, doc, &profile, assets, opts)?,
            self.docx_from(&c, doc, &profile, assets)?,
        ))
    }

    fn pdf_from(
        &self,
        c: &vanban_compose::Composition,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, Error> {
        self.pdf
            .render_composition(c, doc, profile, assets, &vanban_pdf::meta(doc), opts)
            .map_err(pdf_error)
    }

    fn docx_from(
        &self,
        c: &vanban_compose::Composition,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
    ) -> Result<Vec<u8>, Error> {
        Ok(vanban_docx::write_composition(
            c,
            doc,
            profile,
            assets,
            &self.docx_parts,
        )?)
    }

    /// The PDF's bytes.
    pub fn pdf(&self, doc: &Document, assets: &Assets) -> Result<Vec<u8>, Error> {
        self.pdf_with(doc, assets, &PdfOptions::default())
    }

    /// The PDF's bytes, with options (PDF/A-2b).
    pub fn pdf_with(
        &self,
        doc: &Document,
        assets: &Assets,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, Error> {
        let doc = &*Self::nfc(doc);
        self.usable_images(doc, assets)?;
        // A part the page cannot hold is the document's error, reported
        // as `check` reports it.
        self.pdf
            .render(doc, &Self::profile(doc)?, assets, opts)
            .map_err(pdf_error)
    }
}

/// A part the page cannot hold is the document's error, as `check`
/// reports it; anything else is the writer's.
fn pdf_error(e: vanban_pdf::WriteError) -> Error {
    match e {
        vanban_pdf::WriteError::Unfit(d) => Error::Invalid(d),
        e => Error::Pdf(e),
    }
}

/// An annex file's title: its label and title (`Phụ lục II - DANH SÁCH …`).
fn annex_title(doc: &Document, index: usize) -> String {
    let a = &doc.annexes[index];
    let label = vanban_compose::annex::label(doc, index, a);
    if a.title.is_empty() {
        label
    } else {
        format!("{label} - {}", a.title.joined(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_lines_wider_than_their_column_are_reported() {
        let json = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
        let mut doc = load_json(json).unwrap().document;
        let r = Renderer::new();
        assert!(!r
            .check(&doc)
            .iter()
            .any(|d| d.code == "layout.line_wrapped"));
        // The two author lines joined into one: too wide for the text width.
        doc.trich_yeu.0 = vec![doc.trich_yeu.0.join(" "), "tại xã".into()];
        doc.issuer.name.0[1] = "XÃ TIẾN THẮNG HUYỆN MÊ LINH THÀNH PHỐ HÀ NỘI".into();
        let found: Vec<String> = r
            .check(&doc)
            .into_iter()
            .filter(|d| d.code == "layout.line_wrapped")
            .map(|d| d.path)
            .collect();
        assert_eq!(found, ["issuer.name[1]", "trich_yeu[0]"]);
    }

    #[test]
    fn renderer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Renderer>();
    }
}
