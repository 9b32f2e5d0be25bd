//! # vanban-docx
//!
//! The DOCX back end: an editable draft that Word and LibreOffice lay out
//! like vanban's PDF (see `docs/layout.md`). Word's own constructs carry the
//! layout: one named paragraph style per component, the header and the
//! signature block as borderless fixed-width tables, rules as drawn line
//! shapes of the measured length, the page number as a `PAGE` field from
//! page 2, the blanks of a draft as content controls.
//!
//! docx-rs builds the parts; what it cannot write is added afterwards on
//! the parsed XML (`postprocess`), and the package is zipped with fixed
//! timestamps, so identical input gives identical bytes.
//!
//! ```
//! use vanban_core::{load, Assets, Profile};
//! use vanban_fonts::Fonts;
//! let json = r#"{"kind": "thong-bao",
//!   "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
//!   "place": "Tiến Thắng", "date": 2025, "trich_yeu": "Về việc công khai kết quả",
//!   "body": [{"paragraph": "Nội dung thông báo./."}],
//!   "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"]}},
//!   "signature": {"post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}}"#;
//! let doc = load::from_json(json).unwrap().document;
//! let bytes = vanban_docx::render(&doc, &Profile::nd30(), &Fonts::embedded(), &Assets::new()).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! ```

mod build;
mod package;
// Public for the integration tests, which read the package back with the
// same tree and check the schema order with the same tables.
#[doc(hidden)]
pub mod postprocess;
#[doc(hidden)]
pub mod xml;

use vanban_core::{Assets, Document, Profile};
use vanban_fonts::Fonts;

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The document names an image the caller did not load into [`Assets`].
    #[error("image \"{0}\" is referenced by the document but was not loaded")]
    MissingImage(String),
    /// The image is not a PNG (signature and seal must be PNG).
    #[error("image \"{0}\" is not a PNG file; signature and seal images must be PNG")]
    UnsupportedImage(String),
    /// The text uses a character vanban reserves for its own bookkeeping.
    #[error("the text contains U+{0:04X}, a private-use character vanban reserves; remove it")]
    ReservedCharacter(u32),
    /// A part docx-rs wrote could not be read back (a bug).
    #[error(transparent)]
    Xml(#[from] xml::XmlError),
    /// Post-processing found the built document inconsistent (a bug).
    #[error(transparent)]
    Post(#[from] postprocess::PostError),
    /// Writing the ZIP package failed.
    #[error("writing the DOCX package failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the DOCX package failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A renderer bound to the fonts used for measuring rule lengths and line
/// breaks (the same faces the PDF uses).
///
/// ```
/// # use vanban_core::{load, Assets, Profile};
/// # let doc = load::from_json(r#"{"kind": "thong-bao", "issuer": {"name": "ỦY BAN NHÂN DÂN", "abbreviation": "UBND"},
/// #   "place": "A", "trich_yeu": "Về việc x", "body": [{"paragraph": "Nội dung./."}],
/// #   "noi_nhan": {"entries": []}, "signature": {"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}"#).unwrap().document;
/// let fonts = vanban_fonts::Fonts::embedded();
/// let r = vanban_docx::DocxRenderer::new(&fonts);
/// let a = r.render(&doc, &Profile::nd30(), &Assets::new()).unwrap();
/// let b = r.render(&doc, &Profile::nd30(), &Assets::new()).unwrap();
/// assert_eq!(a, b); // byte-identical
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DocxRenderer<'a> {
    fonts: &'a Fonts,
}

impl<'a> DocxRenderer<'a> {
    pub fn new(fonts: &'a Fonts) -> Self {
        DocxRenderer { fonts }
    }

    /// See [`render`].
    pub fn render(
        &self,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
    ) -> Result<Vec<u8>, DocxError> {
        render(doc, profile, self.fonts, assets)
    }
}

/// Renders `doc` with `profile` (overrides already applied) to DOCX bytes.
/// Images named by the signature must be in `assets`.
pub fn render(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
) -> Result<Vec<u8>, DocxError> {
    let mut reserved = None;
    doc.visit_strings(&mut |_, s| {
        if reserved.is_none() {
            reserved = s
                .chars()
                .find(|c| matches!(*c, postprocess::MARK_OPEN | postprocess::MARK_CLOSE));
        }
    });
    if let Some(c) = reserved {
        return Err(DocxError::ReservedCharacter(c as u32));
    }
    let built = build::build(doc, profile, fonts, assets)?;
    let parts = built.docx.build();
    package::assemble(parts, &built.markers, &built.media, doc)
}
