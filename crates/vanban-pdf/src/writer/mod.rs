//! The PDF writer: draws laid-out pages with `pdf-writer` (objects), our
//! TrueType subsetter (`truetype.rs`; `subsetter` for CFF), `xmp-writer`
//! (metadata) and libdeflate through `vanban-deflate` (streams). It
//! decides no position; everything it needs is in the [`Page`]s.
//!
//! What it guarantees, and the tests that hold it (`tests/pdf.rs`,
//! `tests/pdfa.rs`, `tests/signing.rs`):
//! - every font embedded as a subset, with a ToUnicode map from the text
//!   each glyph was drawn for, so copying and searching give back the
//!   model's NFC text;
//! - the same input gives the same bytes: no clock, no random identifier
//!   (the file ids are hashes of the content);
//! - with `pdfa`, PDF/A-2b (ISO 19005-2, level B) as krilla checked it: XMP
//!   that agrees with the Info dictionary, `pdfaid` part 2 / B, provenance
//!   history, an sRGB output intent with its ICC profile, no `.notdef`
//!   glyph drawn, no font whose licence forbids embedding, images without
//!   interpolation (alpha as a soft mask), no encryption, no
//!   transfer functions, actions, JavaScript or embedded files;
//! - optional empty signature fields over the signing spaces the layout
//!   marks, with an empty appearance and the print flag, which PDF/A-2b
//!   permits.

mod content;
mod fonts;
mod image;
mod meta;
mod truetype;

pub use fonts::PdfFonts;

use crate::frame::{Item, Page, SigningRole, SigningSpace};
use crate::PdfOptions;
use content::{FaceMap, Resources};
use fonts::Subset;
use image::PdfImage;
use pdf_writer::types::{AnnotationFlags, FieldType, OutputIntentSubtype};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, TextStr};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use vanban_core::Assets;

/// What goes into the Info dictionary and XMP.
#[derive(Debug, Clone, Default)]
pub struct PdfMeta {
    /// Document title (Info `Title`, XMP `dc:title`).
    pub title: String,
    /// Author (Info `Author`, XMP `dc:creator`).
    pub author: String,
    /// Subject, when the document has one (Info `Subject`, XMP `dc:description`).
    pub subject: Option<String>,
    /// Keywords (Info `Keywords`, comma-separated).
    pub keywords: Vec<String>,
    /// Language tag of the text (`vi-VN`), the catalogue's `Lang`.
    pub language: String,
    /// (year, month, day, hour, minute, second); never taken from the clock.
    pub created: Option<(u16, u8, u8, u8, u8, u8)>,
}

#[derive(Debug, thiserror::Error)]
// More ways to fail will come; callers match with a fallback arm.
/// Why a PDF could not be written.
#[non_exhaustive]
pub enum WriteError {
    /// A face could not be subset or embedded.
    #[error("the font could not be embedded: {0}")]
    Font(String),
    /// An image is not a PNG that can be drawn: its reference and why.
    #[error("image `{0}` is not a PNG file that can be drawn: {1}")]
    Image(String, String),
    /// The document names an image the caller did not supply.
    #[error("image `{0}` is referenced by the document but was not supplied")]
    MissingImage(String),
    /// The file would not meet PDF/A-2b; what is wrong.
    #[error("the PDF does not meet PDF/A-2b: {0}")]
    Validation(String),
    /// PDF/A needs a creation date and none was given.
    #[error("PDF/A needs a creation date (ngày tạo tệp): give the document a complete date of issue, set metadata.created, or pass --created")]
    NeedsDate,
    /// Anything else, with the writer's message.
    #[error("the PDF could not be written: {0}")]
    Other(String),
    /// Parts of the document that cannot be drawn on the page (a table
    /// whose columns cannot hold a character): errors, bilingual.
    #[error("the document cannot be laid out: {}", .0.iter().map(|d| format!("{}: {}", d.path, d.message.en)).collect::<Vec<_>>().join("; "))]
    Unfit(Vec<vanban_core::Diagnostic>),
}

/// The field names a signer's tool finds: Vietnamese words without
/// diacritics (some tools mangle non-ASCII names), with a tooltip in
/// Vietnamese.
const SIGNER_FIELD: (&str, &str) = ("ChuKy", "Chữ ký số của người có thẩm quyền");
const SEAL_FIELD: (&str, &str) = ("ConDau", "Chữ ký số của cơ quan, tổ chức (con dấu)");

/// Decoded and compressed images, kept across the documents of one
/// renderer: a batch signed with one signature and seal decodes them once.
#[derive(Default)]
pub struct ImageCache {
    entries: Mutex<Vec<CachedImage>>,
}

/// The PNG's bytes (to recognise it) and what they decode to.
type CachedImage = (Arc<Vec<u8>>, Arc<PdfImage>);

/// A handful: a renderer sees the signatures and seals of one office.
const IMAGE_CACHE_ENTRIES: usize = 8;

impl ImageCache {
    /// An empty cache.
    pub fn new() -> ImageCache {
        ImageCache::default()
    }

    fn get(&self, reference: &str, bytes: &Arc<Vec<u8>>) -> Result<Arc<PdfImage>, WriteError> {
        let hit = |entries: &Vec<CachedImage>| {
            entries
                .iter()
                .find(|(b, _)| Arc::ptr_eq(b, bytes) || b == bytes)
                .map(|(_, i)| i.clone())
        };
        if let Some(i) = hit(&self.entries.lock().expect("image cache lock")) {
            return Ok(i);
        }
        let image = Arc::new(
            PdfImage::from_png(bytes).map_err(|e| WriteError::Image(reference.into(), e))?,
        );
        let mut entries = self.entries.lock().expect("image cache lock");
        if hit(&entries).is_none() {
            if entries.len() >= IMAGE_CACHE_ENTRIES {
                entries.remove(0);
            }
            entries.push((bytes.clone(), image.clone()));
        }
        Ok(image)
    }
}

/// Numbers objects in the order they are made.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// The glyphs of a face a document draws: a bit per glyph of the face,
/// and each glyph seen with the text it stood for the first time.
type Census<'a> = (Vec<u64>, Vec<(u16, &'a str)>);

/// Writes pages to PDF bytes.
pub fn write(
    pages: &[Page],
    fonts: &PdfFonts,
    images: &ImageCache,
    assets: &Assets,
    meta: &PdfMeta,
    opts: &PdfOptions,
) -> Result<Vec<u8>, WriteError> {
    if opts.pdfa && meta.created.is_none() {
        return Err(WriteError::NeedsDate);
    }
    // The file's identity: a hash of everything that makes it, fed as the
    // parts are made (hashing the finished bytes would cost a pass more).
    let mut id = SipHasher13::new();

    // Which glyphs of which face are drawn, each with the text it stands
    // for the first time it is drawn (the ToUnicode map has one entry per
    // glyph): a bit per glyph of the face, and the glyphs seen, sorted
    // after (a slot per glyph of the face was 166 KB, a fifth of a
    // render's memory, for the hundred or so a notice draws).
    let mut used: [Option<Census>; 4] = Default::default();
    for run in pages.iter().flat_map(Page::runs) {
        let f = content::face_index(run);
        let n = fonts.num_glyphs(f) as usize;
        let (seen, drawn) = used[f].get_or_insert_with(|| (vec![0; n.div_ceil(64)], Vec::new()));
        for g in &run.glyphs {
            let (word, bit) = (usize::from(g.id) / 64, 1u64 << (g.id % 64));
            if usize::from(g.id) >= n {
                return Err(WriteError::Font(format!(
                    "{}: no glyph {}",
                    fonts.name(f),
                    g.id
                )));
            }
            if seen[word] & bit == 0 {
                seen[word] |= bit;
                drawn.push((
                    g.id,
                    run.text.get(g.start as usize..g.end as usize).unwrap_or(""),
                ));
            }
        }
    }
    let mut subsets: [Option<Arc<Subset>>; 4] = Default::default();
    let mut maps: [Option<FaceMap>; 4] = Default::default();
    for (f, entry) in used.iter_mut().enumerate() {
        let Some((_, drawn)) = entry else { continue };
        drawn.sort_unstable_by_key(|g| g.0);
        let n = fonts.num_glyphs(f) as usize;
        let notdef = drawn.first().filter(|g| g.0 == 0).map(|g| g.1);
        if opts.pdfa {
            // ISO 19005-2, 6.2.11.8 and 6.2.11.4.1.
            if let Some(text) = notdef {
                return Err(WriteError::Validation(format!(
                    "the font {} has no glyph for `{text}`",
                    fonts.name(f)
                )));
            }
            if fonts.restricted(f) {
                return Err(WriteError::Validation(format!(
                    "the licence of the font {} forbids embedding it",
                    fonts.name(f)
                )));
            }
        }
        // `.notdef` is always glyph 0 of a subset.
        let mut glyphs = vec![(0u16, notdef.unwrap_or(""))];
        glyphs.extend(drawn.iter().filter(|g| g.0 != 0).copied());
        let mut cid_of = vec![0u16; n];
        for (cid, (g, _)) in glyphs.iter().enumerate() {
            cid_of[*g as usize] = cid as u16;
        }
        let subset = fonts.subset(f, &glyphs)?;
        id.write(subset.base_font().as_bytes());
        subsets[f] = Some(subset.clone());
        maps[f] = Some(FaceMap { cid_of, subset });
    }

    // Images, once each, in the order they first appear.
    let mut image_names: Vec<&str> = Vec::new();
    for page in pages {
        for item in &page.items {
            if let Item::Image(b) = item {
                if !image_names.contains(&b.reference.as_str()) {
                    image_names.push(&b.reference);
                }
            }
        }
    }
    let mut pdf_images = Vec::with_capacity(image_names.len());
    for r in &image_names {
        let bytes = assets
            .get(r)
            .ok_or_else(|| WriteError::MissingImage(r.to_string()))?;
        let mut h = SipHasher13::new();
        h.write(bytes);
        id.write_u128(h.finish128().as_u128());
        pdf_images.push(images.get(r, bytes)?);
    }

    let res = Resources {
        faces: maps,
        images: &image_names,
    };
    let mut refs = Refs(0);
    let catalog_ref = refs.next();
    let tree_ref = refs.next();
    let resources_ref = refs.next();
    let mut pdf = Pdf::with_capacity(64 * 1024);
    pdf.set_version(1, 7);

    // Signature fields, by page.
    let wanted = |s: &&SigningSpace| match s.role {
        SigningRole::Signer => opts.sign_field,
        SigningRole::Seal => opts.seal_field,
    };
    let mut fields: Vec<(usize, SigningSpace, Ref, Ref)> = Vec::new();
    let mut page_refs = Vec::with_capacity(pages.len());
    for (n, page) in pages.iter().enumerate() {
        page_refs.push((refs.next(), refs.next()));
        for s in page.signing_spaces().filter(wanted) {
            fields.push((n, *s, refs.next(), refs.next()));
        }
    }

    for (n, (page, (page_ref, content_ref))) in pages.iter().zip(&page_refs).enumerate() {
        let stream = vanban_deflate::zlib(vanban_deflate::Level::Fast, &content::page(page, &res));
        id.write(&stream);
        pdf.stream(*content_ref, &stream)
            .filter(Filter::FlateDecode);
        let mut p = pdf.page(*page_ref);
        p.parent(tree_ref)
            .media_box(Rect::new(0.0, 0.0, round2(page.width), round2(page.height)))
            .contents(*content_ref)
            .pair(Name(b"Resources"), resources_ref);
        let annots: Vec<Ref> = fields.iter().filter(|f| f.0 == n).map(|f| f.2).collect();
        if !annots.is_empty() {
            p.annotations(annots);
        }
        p.finish();
    }
    pdf.pages(tree_ref)
        .kids(page_refs.iter().map(|p| p.0))
        .count(pages.len() as i32);

    // One resource dictionary for every page: the fonts and images of the
    // document.
    let font_refs: Vec<(usize, Ref)> = (0..4)
        .filter(|f| subsets[*f].is_some())
        .map(|f| (f, refs.next()))
        .collect();
    let image_refs: Vec<(Ref, Ref)> = pdf_images
        .iter()
        .map(|_| (refs.next(), refs.next()))
        .collect();
    {
        let mut r = pdf
            .indirect(resources_ref)
            .start::<pdf_writer::writers::Resources>();
        let mut fd = r.fonts();
        for (f, fref) in &font_refs {
            fd.pair(Name(FONT_NAMES[*f]), *fref);
        }
        fd.finish();
        if !image_refs.is_empty() {
            let mut xd = r.x_objects();
            for (k, (iref, _)) in image_refs.iter().enumerate() {
                xd.pair(Name(format!("I{k}").as_bytes()), *iref);
            }
            xd.finish();
        }
    }
    for (f, fref) in &font_refs {
        let subset = subsets[*f].as_ref().expect("a ref only for a used face");
        fonts.write(&mut pdf, *f, subset, *fref, &mut || refs.next());
    }
    for (img, (iref, mref)) in pdf_images.iter().zip(&image_refs) {
        img.write(&mut pdf, *iref, *mref);
    }

    // Empty signature fields: one widget each, merged with its field, with
    // an empty appearance (PDF/A wants one for every annotation) and the
    // print flag (6.3.2); no NeedAppearances (6.4.1).
    let mut names: Vec<String> = Vec::new();
    for (n, s, field_ref, ap_ref) in &fields {
        let (base, tooltip) = match s.role {
            SigningRole::Signer => SIGNER_FIELD,
            SigningRole::Seal => SEAL_FIELD,
        };
        let mut name = match s.signer {
            1 => base.to_string(),
            n => format!("{base}{n}"),
        };
        let mut k = s.signer;
        while names.contains(&name) {
            k += 1;
            name = format!("{base}{k}");
        }
        let h = pages[*n].height;
        let rect = Rect::new(
            round2(s.x),
            round2(h - s.y - s.height),
            round2(s.x + s.width),
            round2(h - s.y),
        );
        id.write(name.as_bytes());
        for v in [rect.x1, rect.y1, rect.x2, rect.y2] {
            id.write_u32(v.to_bits());
        }
        let mut field = pdf.form_field(*field_ref);
        field
            .field_type(FieldType::Signature)
            .partial_name(TextStr(&name))
            .alternate_name(TextStr(tooltip));
        let mut annot = field.into_annotation();
        annot
            .rect(rect)
            .flags(AnnotationFlags::PRINT)
            .page(page_refs[*n].0);
        annot.appearance().normal().stream(*ap_ref);
        annot.finish();
        pdf.form_xobject(*ap_ref, b"")
            .bbox(Rect::new(0.0, 0.0, round2(s.width), round2(s.height)));
        names.push(name);
    }

    // Identity: the document id from what the document is, the instance
    // id from everything in this file.
    for s in [&meta.title, &meta.author, &meta.language] {
        id.write(s.as_bytes());
        id.write_u8(0xFF);
    }
    id.write(meta.subject.as_deref().unwrap_or("").as_bytes());
    id.write(meta.keywords.join("\u{1}").as_bytes());
    id.write(format!("{:?}{}", meta.created, opts.pdfa).as_bytes());
    let instance = id.finish128().as_u128().to_be_bytes();
    let mut doc_id = SipHasher13::new();
    doc_id.write(b"1.7");
    doc_id.write(meta.title.as_bytes());
    doc_id.write_u8(0xFF);
    doc_id.write(meta.author.as_bytes());
    let document = doc_id.finish128().as_u128().to_be_bytes();
    pdf.set_file_id((document.to_vec(), instance.to_vec()));

    let info_ref = refs.next();
    meta::write_info(&mut pdf, info_ref, meta);
    let xmp_ref = refs.next();
    let xmp = meta::xmp(
        meta,
        opts.pdfa,
        pages.len(),
        &hex(&instance),
        &hex(&document),
    );
    pdf.metadata(xmp_ref, xmp.as_bytes());
    let icc_ref = opts.pdfa.then(|| refs.next());
    if let Some(icc_ref) = icc_ref {
        pdf.icc_profile(icc_ref, srgb_profile())
            .n(3)
            .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
            .filter(Filter::FlateDecode);
    }

    let mut catalog = pdf.catalog(catalog_ref);
    catalog.pages(tree_ref).metadata(xmp_ref);
    if !meta.language.is_empty() {
        catalog.lang(TextStr(&meta.language));
    }
    if let Some(icc_ref) = icc_ref {
        catalog
            .output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr("Custom"))
            .output_condition(TextStr("sRGB"))
            .registry_name(TextStr(""))
            .info(TextStr("sRGB v4.2"))
            .dest_output_profile(icc_ref);
    }
    if !fields.is_empty() {
        catalog.form().fields(fields.iter().map(|f| f.2));
    }
    catalog.finish();
    Ok(pdf.finish())
}

const FONT_NAMES: [&[u8]; 4] = [b"F0", b"F1", b"F2", b"F3"];

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sRGB ICC v4 profile of the output intent, compressed once.
fn srgb_profile() -> &'static [u8] {
    static P: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        vanban_deflate::zlib(
            vanban_deflate::Level::Thorough,
            include_bytes!("../../assets/sRGB-v4.icc"),
        )
    })
}
