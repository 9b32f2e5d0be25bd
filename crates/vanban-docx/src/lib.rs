//! # vanban-docx
//!
//! The DOCX back end: an editable draft that Word and LibreOffice lay out
//! like vanban's PDF. It only translates the composition
//! ([`vanban_compose::compose`]) into Word's own constructs, written
//! directly in schema order:
//!
//! | composition | WordprocessingML |
//! |---|---|
//! | section | `w:sectPr`: page size and margins, numbering from 1, `titlePg`; a `PAGE` field in the page-number style in the default header, a first-page header that is empty (or the numbered one where the section numbers its first page: an annex, by the profile), ô 13 in the first-page footer under a top border, the footer's distance from the edge the bottom margin so ô 13 ends there as in the PDF |
//! | paragraph | `w:p` in its role's named style, with direct formatting only where it differs from that style; `explicit_breaks` as `w:br` at each line's start |
//! | span | a run, bold/italic relative to the style; a run-in heading in the `VbDauDong` character style; a field as a content control (tag, alias, showing its placeholder) |
//! | rule | a drawn line in an empty anchor paragraph right under its text, so it follows the text when the văn thư edits it |
//! | row | a borderless fixed table (`tblInd` = shift, no cell margins, rows never split); the row's space before in its cells' first paragraphs |
//! | table | a bordered fixed table: header rows repeated, rows never split, padding as cell margins |
//! | image | a floating picture in the signing space |
//!
//! The package is zipped with fixed timestamps: identical input gives
//! identical bytes. [`issue`] fills the Số and date blanks of a draft.
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

#![warn(missing_docs)]

mod document;
mod issue;
mod out;
mod package;
pub mod styles;
#[doc(hidden)]
pub mod xml;
pub mod zip;

pub use issue::{issue, Blanks, IssueError};

use std::sync::{Arc, Mutex};
use vanban_compose::Composition;
use vanban_core::{Assets, Document, PngInfo, Profile};
use vanban_fonts::Fonts;
use zip::Entry;

/// Why a DOCX could not be made.
#[derive(Debug, thiserror::Error)]
// More ways to fail will come; callers match with a fallback arm.
#[non_exhaustive]
pub enum DocxError {
    /// The document names an image the caller did not load into [`Assets`].
    #[error("image \"{0}\" is referenced by the document but was not loaded")]
    MissingImage(String),
    /// The image is not a PNG (signature and seal must be PNG).
    #[error("image \"{0}\" is not a PNG file; signature and seal images must be PNG")]
    UnsupportedImage(String),
    /// A character that an XML document cannot hold (a control character).
    #[error("the text contains U+{0:04X}, a control character a DOCX cannot hold; remove it")]
    InvalidCharacter(u32),
}

/// The parts that are the same for every document of one profile and
/// language, compressed once.
struct Fixed {
    profile: Profile,
    language: String,
    entries: [Entry; 5],
}

/// Parts reused across the documents of one renderer. At most a few
/// profiles are kept (a batch usually has one).
#[derive(Default)]
pub struct PartCache {
    fixed: Mutex<Vec<Arc<Fixed>>>,
}

const KEEP_PROFILES: usize = 4;

impl PartCache {
    /// An empty cache.
    pub fn new() -> PartCache {
        PartCache::default()
    }

    fn fixed(&self, profile: &Profile, language: &str) -> Arc<Fixed> {
        let found = self
            .fixed
            .lock()
            .map(|v| {
                v.iter()
                    .find(|f| f.profile == *profile && f.language == language)
                    .cloned()
            })
            .unwrap_or(None);
        if let Some(f) = found {
            return f;
        }
        let f = Arc::new(fixed(profile, language));
        if let Ok(mut v) = self.fixed.lock() {
            if v.len() >= KEEP_PROFILES {
                v.remove(0);
            }
            v.push(f.clone());
        }
        f
    }
}

fn fixed(profile: &Profile, language: &str) -> Fixed {
    Fixed {
        profile: profile.clone(),
        language: language.to_string(),
        entries: [
            Entry::new("_rels/.rels", package::package_rels().as_bytes()),
            Entry::new(
                "word/styles.xml",
                styles::styles(profile, language).as_bytes(),
            ),
            Entry::new("word/settings.xml", package::settings(language).as_bytes()),
            Entry::new("word/fontTable.xml", package::font_table().as_bytes()),
            Entry::new("word/theme/theme1.xml", package::theme().as_bytes()),
        ],
    }
}

/// A renderer bound to the fonts used for measuring line breaks and rule
/// lengths (the same faces the PDF uses); it keeps the parts that do not
/// change between documents.
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
pub struct DocxRenderer<'a> {
    fonts: &'a Fonts,
    cache: PartCache,
}

impl<'a> DocxRenderer<'a> {
    /// A renderer measuring with `fonts` (the faces the PDF uses too, so
    /// that the lines break at the same places); the DOCX itself names Times
    /// New Roman.
    pub fn new(fonts: &'a Fonts) -> Self {
        DocxRenderer {
            fonts,
            cache: PartCache::new(),
        }
    }

    /// See [`render`].
    pub fn render(
        &self,
        doc: &Document,
        profile: &Profile,
        assets: &Assets,
    ) -> Result<Vec<u8>, DocxError> {
        render_with_cache(doc, profile, self.fonts, assets, &self.cache)
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
    render_with_cache(doc, profile, fonts, assets, &PartCache::new())
}

/// [`render`], reusing the unchanging parts kept in `cache`.
pub fn render_with_cache(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
    cache: &PartCache,
) -> Result<Vec<u8>, DocxError> {
    check_images(doc, assets)?;
    let c = vanban_compose::compose(doc, profile, fonts, assets);
    write_composition(&c, doc, profile, assets, cache)
}

/// The signers' images must be loaded and be PNGs: the composition leaves
/// out what it cannot place, the DOCX says why.
fn check_images(doc: &Document, assets: &Assets) -> Result<(), DocxError> {
    for s in std::iter::once(&doc.signature).chain(&doc.co_signers) {
        for r in [&s.signature_image, &s.seal_image].into_iter().flatten() {
            let bytes = assets
                .get(r)
                .ok_or_else(|| DocxError::MissingImage(r.clone()))?;
            if PngInfo::read(bytes).is_none() {
                return Err(DocxError::UnsupportedImage(r.clone()));
            }
        }
    }
    Ok(())
}

/// Writes an already composed document as a DOCX package.
pub fn write_composition(
    c: &Composition,
    doc: &Document,
    profile: &Profile,
    assets: &Assets,
    cache: &PartCache,
) -> Result<Vec<u8>, DocxError> {
    let parts = document::write(c, profile, assets)?;
    let fixed = cache.fixed(profile, &doc.metadata.language);

    let mut rels_owned: Vec<(String, &str, String)> = Vec::new();
    for i in 1..=parts.headers.len() {
        rels_owned.push((format!("rIdHeader{i}"), "header", format!("header{i}.xml")));
    }
    for i in 1..=parts.footers.len() {
        rels_owned.push((format!("rIdFooter{i}"), "footer", format!("footer{i}.xml")));
    }
    for m in &parts.media {
        rels_owned.push((m.rel_id.clone(), "image", format!("media/{}", m.file)));
    }
    let rels: Vec<package::Rel<'_>> = rels_owned
        .iter()
        .map(|(id, kind, target)| package::Rel { id, kind, target })
        .collect();

    let [package_rels, styles, settings, fonts, theme] = &fixed.entries;
    let mut own = vec![
        Entry::new(
            "[Content_Types].xml",
            package::content_types(
                parts.headers.len(),
                parts.footers.len(),
                !parts.media.is_empty(),
            )
            .as_bytes(),
        ),
        Entry::new("word/document.xml", parts.document.as_bytes()),
        Entry::new(
            "word/_rels/document.xml.rels",
            package::document_rels(&rels).as_bytes(),
        ),
    ];
    for (i, h) in parts.headers.iter().enumerate() {
        own.push(Entry::new(
            format!("word/header{}.xml", i + 1),
            h.as_bytes(),
        ));
    }
    for (i, f) in parts.footers.iter().enumerate() {
        own.push(Entry::new(
            format!("word/footer{}.xml", i + 1),
            f.as_bytes(),
        ));
    }
    for m in &parts.media {
        let bytes = assets
            .get(&m.reference)
            .ok_or_else(|| DocxError::MissingImage(m.reference.clone()))?;
        own.push(Entry::new(format!("word/media/{}", m.file), bytes));
    }
    own.push(Entry::new(
        "docProps/core.xml",
        package::core_properties(doc).as_bytes(),
    ));
    own.push(Entry::new(
        "docProps/app.xml",
        package::app_properties(doc).as_bytes(),
    ));

    let (types, rest) = own.split_first().expect("content types first");
    let (document, rest) = rest.split_first().expect("then the document");
    let mut order: Vec<&Entry> = vec![types, package_rels, document];
    order.extend(rest.iter().take(1)); // document rels
    order.extend([styles, settings, fonts, theme]);
    order.extend(rest.iter().skip(1));
    Ok(zip::write(&order))
}
