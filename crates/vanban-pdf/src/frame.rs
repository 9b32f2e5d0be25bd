//! The output of layout: pages of positioned items. Plain data, in points,
//! origin at the top-left corner of the page, y growing downwards. The PDF
//! writer only draws these; tests inspect them without parsing a PDF.

use vanban_fonts::FaceId;

/// One glyph of a run: its id in the face and the advance the layout gave
/// it (a justified space is wider than the font's own space).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in points.
    pub advance: f32,
    /// Byte range of the character in the run's text.
    pub start: u32,
    /// End of the byte range of the character in the run's text.
    pub end: u32,
}

/// A run of glyphs in one face, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Weight and slant.
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Underlined.
    pub underline: bool,
    /// The characters, exactly as in the model (NFC): the text layer.
    pub text: String,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// Width of the run in points (the sum of its advances).
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A straight line (rules under headings, table borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Start, from the page's left edge (pt).
    pub x0: f32,
    /// Start, from the page's top edge (pt).
    pub y0: f32,
    /// End, from the page's left edge (pt).
    pub x1: f32,
    /// End, from the page's top edge (pt).
    pub y1: f32,
    /// Stroke width (pt).
    pub width: f32,
}

/// An image from the document's assets, scaled into a box.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// Left edge (pt).
    pub x: f32,
    /// Top edge (pt).
    pub y: f32,
    /// Width (pt).
    pub width: f32,
    /// Height (pt).
    pub height: f32,
    /// The reference in the document (`signature.seal_image`).
    pub reference: String,
}

/// Whose digital signature a signing space is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningRole {
    /// The signer's: the signing space between the post and the name.
    Signer,
    /// The organisation's (the văn thư signs with the seal image): a
    /// square of the seal's size over the left third of the signer's space,
    /// where Decree 30 puts the seal.
    Seal,
}

/// A place where the document is to be signed. Nothing is drawn: the
/// writer makes it an empty signature field when asked to
/// (`PdfOptions::sign_field`, `seal_field`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SigningSpace {
    /// Left edge (pt).
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width (pt).
    pub width: f32,
    /// Height (pt).
    pub height: f32,
    /// The signer's field or the seal's.
    pub role: SigningRole,
    /// Which signer: 1 the principal (`ChuKy`, `ConDau`), 2… the
    /// co-signers of a joint document (`ChuKy2`, `ConDau2`…).
    pub signer: u32,
}

impl SigningSpace {
    /// The signer's space (`x`, `top`, `width`, `height`: the right column
    /// between the post and the name) and the seal's square of side `seal`
    /// centred on its left third, where `vanban_core::place_images` puts a
    /// seal image.
    pub fn signer_and_seal(
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        seal: f32,
        signer: u32,
    ) -> [Item; 2] {
        [
            Item::SigningSpace(SigningSpace {
                x,
                y: top,
                width,
                height,
                role: SigningRole::Signer,
                signer,
            }),
            Item::SigningSpace(SigningSpace {
                x: x + width / 3.0 - seal / 2.0,
                y: top + (height - seal) / 2.0,
                width: seal,
                height: seal,
                role: SigningRole::Seal,
                signer,
            }),
        ]
    }
}

/// Something drawn on a page (or, for a signing space, a place kept for a
/// signature field).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Glyphs on a baseline.
    Text(TextRun),
    /// A rule or a table border.
    Line(Line),
    /// A picture (signature, seal).
    Image(ImageBox),
    /// Where a signature field may go; nothing is drawn.
    SigningSpace(SigningSpace),
}

impl Item {
    /// Moves the item down by `dy` (layout builds blocks at y = 0 and places
    /// them on a page afterwards).
    pub fn shifted(&self, dy: f32) -> Item {
        match self {
            Item::Text(t) => Item::Text(TextRun {
                y: t.y + dy,
                ..t.clone()
            }),
            Item::Line(l) => Item::Line(Line {
                y0: l.y0 + dy,
                y1: l.y1 + dy,
                ..*l
            }),
            Item::Image(i) => Item::Image(ImageBox {
                y: i.y + dy,
                ..i.clone()
            }),
            Item::SigningSpace(s) => Item::SigningSpace(SigningSpace { y: s.y + dy, ..*s }),
        }
    }
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Page width (pt; A4 is 595.3 pt).
    pub width: f32,
    /// Page height (pt; A4 is 841.9 pt).
    pub height: f32,
    /// What the page shows, in drawing order.
    pub items: Vec<Item>,
}

impl Page {
    /// The signing spaces of the page (on the page of the signature block).
    pub fn signing_spaces(&self) -> impl Iterator<Item = &SigningSpace> {
        self.items.iter().filter_map(|i| match i {
            Item::SigningSpace(s) => Some(s),
            _ => None,
        })
    }

    /// The text runs of the page, in drawing order.
    pub fn runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}
