//! The PDF writer: draws laid-out pages with krilla. It decides no
//! position; everything it needs is in the [`Page`]s.
//!
//! krilla subsets the fonts, writes the ToUnicode maps from the text we
//! give each glyph run (so copying and searching return the model's NFC
//! text), and, for `--pdfa`, writes PDF/A-2b with XMP metadata and an sRGB
//! output intent, checking the rules itself.

use crate::frame::{Item, Page};
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{LineCap, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use std::sync::Arc;
use vanban_core::Assets;
use vanban_fonts::{FaceId, Fonts};

/// What goes into the Info dictionary and XMP.
#[derive(Debug, Clone, Default)]
pub struct PdfMeta {
    pub title: String,
    pub author: String,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    pub language: String,
    /// (year, month, day, hour, minute, second); never taken from the clock.
    pub created: Option<(u16, u8, u8, u8, u8, u8)>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the font could not be embedded: {0}")]
    Font(String),
    #[error("image `{0}` is not a PNG file that can be drawn: {1}")]
    Image(String, String),
    #[error("image `{0}` is referenced by the document but was not supplied")]
    MissingImage(String),
    #[error("the PDF does not meet PDF/A-2b: {0}")]
    Validation(String),
    #[error("PDF/A needs a creation date (ngày tạo tệp): give the document a complete date of issue, set metadata.created, or pass --created")]
    NeedsDate,
    #[error("the PDF could not be written: {0}")]
    Other(String),
}

/// krilla's view of the four faces, made once and reused for every document.
pub struct PdfFonts {
    faces: [Font; 4],
}

impl PdfFonts {
    pub fn new(fonts: &Fonts) -> Result<PdfFonts, WriteError> {
        let make = |id: FaceId| {
            let bytes = fonts.face(id).bytes().clone();
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
            Font::new(data.into(), 0)
                .ok_or_else(|| WriteError::Font(fonts.face(id).name().to_string()))
        };
        Ok(PdfFonts {
            faces: [
                make(FaceId::REGULAR)?,
                make(FaceId::BOLD)?,
                make(FaceId::ITALIC)?,
                make(FaceId::BOLD_ITALIC)?,
            ],
        })
    }

    fn get(&self, id: FaceId) -> Font {
        self.faces[(id.bold as usize) | ((id.italic as usize) << 1)].clone()
    }
}

/// Writes pages to PDF bytes.
pub fn write(
    pages: &[Page],
    fonts: &PdfFonts,
    assets: &Assets,
    meta: &PdfMeta,
    pdfa: bool,
) -> Result<Vec<u8>, WriteError> {
    let mut settings = SerializeSettings {
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    if pdfa && meta.created.is_none() {
        return Err(WriteError::NeedsDate);
    }
    if pdfa {
        settings.configuration = ConfigurationBuilder::new()
            .set_validator(Validator::A(Archival::A2_B))
            .finish()
            .map_err(|e| WriteError::Other(format!("{e:?}")))?;
    }
    let mut document = Document::new_with(settings);
    let mut images: Vec<(String, Image)> = Vec::new();
    for page in pages {
        let ps = PageSettings::from_wh(page.width, page.height)
            .ok_or_else(|| WriteError::Other("bad page size".into()))?;
        let mut p = document.start_page_with(ps);
        let mut s = p.surface();
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let glyphs: Vec<KrillaGlyph> = run
                        .glyphs
                        .iter()
                        .map(|g| {
                            KrillaGlyph::new(
                                GlyphId::new(g.id as u32),
                                g.advance / run.size,
                                0.0,
                                0.0,
                                0.0,
                                g.start as usize..g.end as usize,
                                None,
                            )
                        })
                        .collect();
                    s.draw_glyphs(
                        Point::from_xy(run.x, run.y),
                        &glyphs,
                        fonts.get(run.face),
                        &run.text,
                        run.size,
                        false,
                    );
                    if run.underline {
                        let y = run.y + run.size * 0.12;
                        line(&mut s, run.x, y, run.x + run.width(), y, run.size * 0.05);
                    }
                }
                Item::Line(l) => line(&mut s, l.x0, l.y0, l.x1, l.y1, l.width),
                Item::Image(b) => {
                    let image = match images.iter().find(|(r, _)| *r == b.reference) {
                        Some((_, i)) => i.clone(),
                        None => {
                            let bytes = assets
                                .get(&b.reference)
                                .ok_or_else(|| WriteError::MissingImage(b.reference.clone()))?;
                            let i = Image::from_png(bytes.clone().into(), true)
                                .map_err(|e| WriteError::Image(b.reference.clone(), e))?;
                            images.push((b.reference.clone(), i.clone()));
                            i
                        }
                    };
                    let size =
                        Size::from_wh(b.width.max(0.1), b.height.max(0.1)).expect("positive size");
                    s.push_transform(&Transform::from_translate(b.x, b.y));
                    s.draw_image(image, size);
                    s.pop();
                }
            }
        }
        s.finish();
        p.finish();
    }
    let mut m = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .creator("vanban".to_string())
        .producer(format!("vanban {}", env!("CARGO_PKG_VERSION")))
        .language(meta.language.clone());
    if let Some(s) = &meta.subject {
        m = m.description(s.clone());
    }
    if !meta.keywords.is_empty() {
        m = m.keywords(meta.keywords.clone());
    }
    if let Some((y, mo, d, h, mi, se)) = meta.created {
        // Vietnam time (UTC+7): the dates a văn thư writes are local.
        m = m.creation_date(
            DateTime::new(y)
                .month(mo)
                .day(d)
                .hour(h)
                .minute(mi)
                .second(se)
                .utc_offset_hour(7)
                .utc_offset_minute(0),
        );
    }
    document.set_metadata(m);
    document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(v) => WriteError::Validation(format!("{v:?}")),
        krilla::error::KrillaError::Font(_, s) => WriteError::Font(s),
        other => WriteError::Other(format!("{other:?}")),
    })
}

fn line(s: &mut krilla::surface::Surface, x0: f32, y0: f32, x1: f32, y1: f32, width: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x0, y0);
    pb.line_to(x1, y1);
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke {
            width,
            line_cap: LineCap::Butt,
            ..Stroke::default()
        }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}
