//! # vanban-fonts
//!
//! The four faces of Liberation Serif 2.1.5 (SIL OFL 1.1), metric-compatible
//! with Times New Roman and complete for Vietnamese, embedded in the binary;
//! and their metrics measured the way Word and LibreOffice measure: advance
//! widths from `hmtx`, no kerning, and "single" line height = ascent +
//! descent + line gap from `hhea`.
//!
//! Both back ends measure with this crate, so a rule drawn in the DOCX and
//! the same rule in the PDF have the same length.
//!
//! ```
//! use vanban_fonts::{Fonts, FaceId};
//! let fonts = Fonts::embedded();
//! let w = fonts.face(FaceId::BOLD).width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0);
//! assert!((w * 25.4 / 72.0 - 95.0).abs() < 1.0); // ≈ 95 mm, as the spec computes
//! ```

#![warn(missing_docs)]

use std::ops::Range;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, OnceLock};

static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// Which of the four faces: bold and/or italic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId {
    /// The bold weight (Liberation Serif Bold).
    pub bold: bool,
    /// The italic slant.
    pub italic: bool,
}

impl FaceId {
    /// Upright, normal weight: the body text.
    pub const REGULAR: FaceId = FaceId {
        bold: false,
        italic: false,
    };
    /// Upright bold: Quốc hiệu, tên loại, headings.
    pub const BOLD: FaceId = FaceId {
        bold: true,
        italic: false,
    };
    /// Italic, normal weight: place and date, căn cứ.
    pub const ITALIC: FaceId = FaceId {
        bold: false,
        italic: true,
    };
    /// Bold italic: the "Nơi nhận:" label.
    pub const BOLD_ITALIC: FaceId = FaceId {
        bold: true,
        italic: true,
    };
    /// The four faces in the order [`Fonts::from_files`] takes them.
    pub const ALL: [FaceId; 4] = [Self::REGULAR, Self::BOLD, Self::ITALIC, Self::BOLD_ITALIC];

    /// The face with this weight and slant.
    pub fn new(bold: bool, italic: bool) -> FaceId {
        FaceId { bold, italic }
    }
    fn index(self) -> usize {
        (self.bold as usize) | ((self.italic as usize) << 1)
    }
}

/// Font bytes: the embedded faces are static; user-supplied ones are shared.
#[derive(Clone)]
pub enum FontBytes {
    /// A face compiled into the binary.
    Static(&'static [u8]),
    /// A face read from a file, shared between renderers without copying.
    Shared(Arc<Vec<u8>>),
}

impl AsRef<[u8]> for FontBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => b,
        }
    }
}

/// Why a user-supplied face was refused; `face` names which of the four
/// (`regular`, `bold`, `italic`, `bold italic`).
#[derive(Debug, thiserror::Error)]
// More ways to fail will come; callers match with a fallback arm.
#[non_exhaustive]
pub enum FontError {
    /// The bytes are not a font `ttf-parser` can read.
    #[error("{face}: not a TrueType/OpenType font ({reason})")]
    Parse {
        /// Which face: `regular`, `bold`, `italic` or `bold italic`.
        face: &'static str,
        /// The parser's message.
        reason: String,
    },
    /// The face lacks a Vietnamese letter.
    #[error(
        "{face}: the font has no glyph for '{ch}' (U+{code:04X}), which Vietnamese text needs"
    )]
    Coverage {
        /// Which face: `regular`, `bold`, `italic` or `bold italic`.
        face: &'static str,
        /// The missing letter.
        ch: char,
        /// Its code point.
        code: u32,
    },
    /// A letter's outline cannot be read (a truncated file).
    #[error("{face}: the font file is damaged or cut short: the shape of '{ch}' (U+{code:04X}) cannot be read")]
    Damaged {
        /// Which face: `regular`, `bold`, `italic` or `bold italic`.
        face: &'static str,
        /// The first letter whose outline is unreadable.
        ch: char,
        /// Its code point.
        code: u32,
    },
}

/// Counts a glyph's outline segments: a letter whose outline cannot be
/// read would be drawn as nothing.
struct Segments(usize);

impl ttf_parser::OutlineBuilder for Segments {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {
        self.0 += 1;
    }
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
        self.0 += 1;
    }
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
        self.0 += 1;
    }
    fn close(&mut self) {}
}

/// Every Vietnamese letter of the face has an outline that can be read:
/// a truncated file can keep its tables of contents and metrics while the
/// shapes are gone, which gave PDFs with no visible text.
fn check_outlines(bytes: &[u8], label: &'static str) -> Result<(), FontError> {
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| FontError::Parse {
        face: label,
        reason: e.to_string(),
    })?;
    for ch in VIETNAMESE_LETTERS.chars() {
        let mut seg = Segments(0);
        let drawn = face
            .glyph_index(ch)
            .and_then(|g| face.outline_glyph(g, &mut seg))
            .is_some();
        if !drawn || seg.0 == 0 {
            return Err(FontError::Damaged {
                face: label,
                ch,
                code: ch as u32,
            });
        }
    }
    Ok(())
}

/// A character-map slot not looked up yet: no glyph id is 0xFFFF (a
/// font has at most 65,535 glyphs, 0 to 0xFFFE).
const UNREAD: u16 = u16::MAX;

/// One parsed face with its metrics precomputed.
pub struct Face {
    bytes: FontBytes,
    name: String,
    units_per_em: f32,
    ascender: i16,
    descender: i16,
    line_gap: i16,
    cap_height: i16,
    /// Where the `cmap` table lies in `bytes`.
    cmap: Option<Range<usize>>,
    /// The character map of the Basic Multilingual Plane (every Vietnamese
    /// letter), read from `cmap` a character at a time when it is first
    /// asked for, in blocks of 256 code points made when one of theirs is:
    /// 0 for none (glyph 0 is `.notdef`), `UNREAD` before the first look.
    /// A document uses ~150 characters of a face; reading every face's
    /// ~2,600 up front was 11 % of a one-document process (2.7 M
    /// instructions), and whole blocks at a time still 1.8 M.
    blocks: Box<[OnceLock<Box<[AtomicU16; 256]>>]>,
    advances: Vec<u16>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

impl Face {
    fn parse(bytes: FontBytes, label: &'static str) -> Result<Face, FontError> {
        let face = ttf_parser::Face::parse(bytes.as_ref(), 0).map_err(|e| FontError::Parse {
            face: label,
            reason: e.to_string(),
        })?;
        let cmap = face
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"cmap"))
            .map(|t| {
                let start = t.as_ptr() as usize - bytes.as_ref().as_ptr() as usize;
                start..start + t.len()
            });
        let advances = (0..face.number_of_glyphs())
            .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
            .collect();
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| label.to_string());
        Ok(Face {
            units_per_em: face.units_per_em() as f32,
            ascender: face.ascender(),
            descender: face.descender(),
            line_gap: face.line_gap(),
            cap_height: face.capital_height().unwrap_or(face.ascender()),
            cmap,
            blocks: (0..0x100).map(|_| OnceLock::new()).collect(),
            advances,
            name,
            bytes,
        })
    }

    /// The font program, for embedding.
    pub fn bytes(&self) -> &FontBytes {
        &self.bytes
    }
    /// PostScript name (`LiberationSerif-Bold`).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Font units per em (2048 for Liberation Serif): the scale of
    /// [`Face::glyph_advance`] and [`Face::advance_units`].
    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }
    /// The glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        let g = match self.blocks.get((cp >> 8) as usize) {
            Some(block) => {
                let slot = &block.get_or_init(|| Box::new([const { AtomicU16::new(UNREAD) }; 256]))
                    [(cp & 0xFF) as usize];
                // Two threads may both read an unread character: they
                // store the same glyph.
                match slot.load(Ordering::Relaxed) {
                    UNREAD => {
                        let g = self.read_cmap(cp);
                        slot.store(g, Ordering::Relaxed);
                        g
                    }
                    g => g,
                }
            }
            // Outside the BMP (rare in a document: emoji, historic
            // scripts): read the table each time rather than keep a map.
            None => self.read_cmap(cp),
        };
        (g != 0).then_some(g)
    }

    /// The glyph of a code point in the face's Unicode character maps:
    /// the first subtable that maps it wins; 0 when none does.
    fn read_cmap(&self, cp: u32) -> u16 {
        let Some(table) = self
            .cmap
            .as_ref()
            .and_then(|r| ttf_parser::cmap::Table::parse(&self.bytes.as_ref()[r.clone()]))
        else {
            return 0;
        };
        table
            .subtables
            .into_iter()
            .filter(|sub| sub.is_unicode())
            .find_map(|sub| sub.glyph_index(cp).filter(|g| g.0 != 0))
            .map_or(0, |g| g.0)
    }
    /// Whether the face can draw `c`; line breaks and tabs count as drawable
    /// (they are layout, not glyphs).
    pub fn has_char(&self, c: char) -> bool {
        c == '\n' || c == '\t' || self.glyph(c).is_some()
    }
    /// Advance of a glyph in font units.
    pub fn glyph_advance(&self, gid: u16) -> u16 {
        self.advances.get(gid as usize).copied().unwrap_or(0)
    }
    /// Advance of a character in font units (0 when the face lacks it).
    pub fn advance_units(&self, c: char) -> u16 {
        self.glyph(c).map_or(0, |g| self.glyph_advance(g))
    }
    /// Width of a string at a size, in points: the sum of advance widths,
    /// without kerning, as Word measures.
    pub fn width(&self, s: &str, size_pt: f32) -> f32 {
        let units: u32 = s.chars().map(|c| self.advance_units(c) as u32).sum();
        units as f32 * size_pt / self.units_per_em
    }
    /// Ascent above the baseline, in points.
    pub fn ascent(&self, size_pt: f32) -> f32 {
        self.ascender as f32 * size_pt / self.units_per_em
    }
    /// Descent below the baseline (positive), in points.
    pub fn descent(&self, size_pt: f32) -> f32 {
        -(self.descender as f32) * size_pt / self.units_per_em
    }
    /// Height of the capital letters above the baseline, in points (the
    /// ascent when the face does not say).
    pub fn cap_height(&self, size_pt: f32) -> f32 {
        self.cap_height as f32 * size_pt / self.units_per_em
    }
    /// Word's "single" line: ascent + descent + line gap (≈ 1.15 em here).
    pub fn line_height(&self, size_pt: f32) -> f32 {
        (self.ascender as f32 - self.descender as f32 + self.line_gap as f32) * size_pt
            / self.units_per_em
    }
    /// Distance from the top of a single line to its baseline: the line gap
    /// goes above the ascent, as LibreOffice places it.
    pub fn baseline_offset(&self, size_pt: f32) -> f32 {
        (self.ascender as f32 + self.line_gap as f32) * size_pt / self.units_per_em
    }
}

/// The four faces used for all text.
pub struct Fonts {
    faces: [Face; 4],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.faces.iter()).finish()
    }
}

impl Fonts {
    /// The embedded Liberation Serif faces.
    pub fn embedded() -> Fonts {
        let f = |b: &'static [u8], l| {
            Face::parse(FontBytes::Static(b), l).expect("embedded font parses")
        };
        Fonts {
            faces: [
                f(REGULAR, "regular"),
                f(BOLD, "bold"),
                f(ITALIC, "italic"),
                f(BOLD_ITALIC, "bold italic"),
            ],
        }
    }

    /// Faces supplied by the user (e.g. a licensed Times New Roman), in the
    /// order regular, bold, italic, bold italic. Each must cover Vietnamese.
    pub fn from_files(
        regular: Vec<u8>,
        bold: Vec<u8>,
        italic: Vec<u8>,
        bold_italic: Vec<u8>,
    ) -> Result<Fonts, FontError> {
        let labels = ["regular", "bold", "italic", "bold italic"];
        let mut faces = Vec::with_capacity(4);
        for (bytes, label) in [regular, bold, italic, bold_italic].into_iter().zip(labels) {
            let face = Face::parse(FontBytes::Shared(Arc::new(bytes)), label)?;
            for c in VIETNAMESE_LETTERS.chars() {
                if !face.has_char(c) {
                    return Err(FontError::Coverage {
                        face: label,
                        ch: c,
                        code: c as u32,
                    });
                }
            }
            check_outlines(face.bytes.as_ref(), label)?;
            faces.push(face);
        }
        let faces: [Face; 4] = faces.try_into().expect("four faces");
        Ok(Fonts { faces })
    }

    /// One of the four faces.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }

    /// The first character of `s` that a face cannot draw, if any
    /// (line breaks and tabs are layout, not glyphs).
    pub fn missing_char(&self, id: FaceId, s: &str) -> Option<char> {
        let face = self.face(id);
        s.chars().find(|&c| !face.has_char(c))
    }
}

/// Every Vietnamese letter, lower and upper case: a font must have them all.
pub const VIETNAMESE_LETTERS: &str = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_faces_cover_vietnamese() {
        let f = Fonts::embedded();
        for id in FaceId::ALL {
            assert_eq!(f.missing_char(id, VIETNAMESE_LETTERS), None, "{id:?}");
            assert_eq!(
                f.missing_char(id, "“điểm nghẽn” – 57,38/100 ./. %&()"),
                None
            );
        }
        assert_eq!(
            f.missing_char(FaceId::REGULAR, "a\u{10FFFD}"),
            Some('\u{10FFFD}')
        );
    }

    #[test]
    fn widths_match_times_new_roman() {
        // Close to the spec §3.1 (87.7 mm / 60.4 mm, computed there with kerning);
        // these are the exact hmtx sums, cross-checked with fontTools.
        let f = Fonts::embedded();
        let mm = |pt: f32| pt * 25.4 / 72.0;
        let b = f.face(FaceId::BOLD);
        assert!((mm(b.width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0)) - 88.3).abs() < 0.1);
        assert!((mm(b.width("Độc lập - Tự do - Hạnh phúc", 14.0)) - 60.46).abs() < 0.05);
        // The research note: 30,543 units for this line in the regular face.
        let r = f.face(FaceId::REGULAR);
        let units: u32 = "Cộng hòa xã hội chủ nghĩa Việt Nam"
            .chars()
            .map(|c| r.advance_units(c) as u32)
            .sum();
        assert_eq!(units, 30543);
    }

    #[test]
    fn single_line_is_about_1_15_em() {
        let f = Fonts::embedded();
        let h = f.face(FaceId::REGULAR).line_height(14.0);
        assert!((h / 14.0 - 1.1499).abs() < 0.001, "{h}");
    }

    #[test]
    fn a_cut_short_font_file_is_refused() {
        let whole = REGULAR.to_vec();
        let four = || [whole.clone(), whole.clone(), whole.clone(), whole.clone()];
        let [r, b, i, bi] = four();
        assert!(Fonts::from_files(r, b, i, bi).is_ok());
        // Cut inside the outlines (glyf spans 7 % to 86 % of this file).
        for keep in [whole.len() * 3 / 4, whole.len() / 2, whole.len() / 5, 100] {
            let [_, b, i, bi] = four();
            let e = Fonts::from_files(whole[..keep].to_vec(), b, i, bi).unwrap_err();
            assert!(e.to_string().starts_with("regular: "), "{keep}: {e}");
        }
    }
}
