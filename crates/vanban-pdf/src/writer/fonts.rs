//! Fonts in the PDF: one Type 0 font (Identity-H, CIDFontType2 or a bare
//! CFF program) per face used, its program subset to the glyphs the
//! document draws, with a ToUnicode map built from the text each glyph
//! stands for.
//!
//! The subset and its maps depend only on the face and on which glyphs
//! are drawn for which text, so they are made once per renderer and kept
//! (a bounded cache): a batch of similar notices, or one document rendered
//! again, subsets and compresses the fonts once. The output never depends
//! on what the cache holds.

use super::truetype;
use super::WriteError;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Finish, Name, Rect, Ref, Str};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use subsetter::GlyphRemapper;
use vanban_deflate::Level;
use vanban_fonts::{FaceId, Fonts};

/// How many subsets a renderer keeps: a batch of notices from one template
/// needs a handful; each entry holds ~15–40 KB of compressed program.
const CACHE_ENTRIES: usize = 32;

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The four faces as the PDF needs them, parsed once per renderer, and the
/// subsets made so far.
pub struct PdfFonts {
    fonts: Arc<Fonts>,
    faces: [FaceInfo; 4],
    cache: Mutex<Cache>,
}

/// The faces by index (regular, bold, italic, bold italic).
const FACES: [FaceId; 4] = [
    FaceId::REGULAR,
    FaceId::BOLD,
    FaceId::ITALIC,
    FaceId::BOLD_ITALIC,
];

/// A length in font units as PDF glyph space has it (1/1000 em), rounded
/// to 1/100: the `/W` array and the content streams use these very values.
fn pdf_units(v: f32, units_per_em: f32) -> f32 {
    (v * 1000.0 / units_per_em * 100.0).round() / 100.0
}

struct FaceInfo {
    /// PostScript name, cut to what a PDF name allows with its tag.
    name: String,
    cff: bool,
    num_glyphs: u16,
    bbox: [f32; 4],
    italic_angle: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    stem_v: f32,
    /// `FontFlags` bits.
    flags: u32,
    /// OS/2 fsType says "restricted license embedding": PDF/A refuses it.
    restricted: bool,
}

/// A face's subset for one set of (glyph, text) pairs, ready to be written.
pub(crate) struct Subset {
    /// `ABCDEF+LiberationSerif`: the tag is a hash of the glyph set.
    base_font: String,
    /// The compressed font program and its uncompressed length.
    program: Vec<u8>,
    program_len: usize,
    /// The compressed ToUnicode CMap.
    to_unicode: Vec<u8>,
    /// Widths by CID.
    widths: Vec<f32>,
}

#[derive(Default)]
struct Cache {
    entries: Vec<CacheEntry>,
    clock: u64,
}

struct CacheEntry {
    key: Vec<u8>,
    subset: Arc<Subset>,
    used: u64,
}

impl Subset {
    pub(crate) fn base_font(&self) -> &str {
        &self.base_font
    }

    /// Widths by CID, in PDF glyph units.
    pub(crate) fn widths(&self) -> &[f32] {
        &self.widths
    }
}

impl PdfFonts {
    /// Prepares the four faces for embedding (parsed once, subset per document).
    pub fn new(fonts: &Arc<Fonts>) -> Result<PdfFonts, WriteError> {
        let info = |i: usize| FaceInfo::new(fonts, FACES[i]);
        Ok(PdfFonts {
            fonts: fonts.clone(),
            faces: [info(0)?, info(1)?, info(2)?, info(3)?],
            cache: Mutex::new(Cache::default()),
        })
    }

    pub(crate) fn num_glyphs(&self, face: usize) -> u16 {
        self.faces[face].num_glyphs
    }

    /// Advance of glyph `gid` in PDF glyph units ([`pdf_units`]), made
    /// for the few glyphs a document draws (rounding all 2,600 of each
    /// face up front was 3 % of a `vanban render`).
    fn width(&self, face: usize, gid: u16) -> f32 {
        let f = self.fonts.face(FACES[face]);
        pdf_units(f32::from(f.glyph_advance(gid)), f.units_per_em())
    }

    pub(crate) fn restricted(&self, face: usize) -> bool {
        self.faces[face].restricted
    }

    pub(crate) fn name(&self, face: usize) -> &str {
        &self.faces[face].name
    }

    /// The subset of `face` for `glyphs` (ascending glyph ids, `.notdef`
    /// first, each with the text it stands for).
    pub(crate) fn subset(
        &self,
        face: usize,
        glyphs: &[(u16, &str)],
    ) -> Result<Arc<Subset>, WriteError> {
        let mut key = Vec::with_capacity(1 + glyphs.len() * 5);
        key.push(face as u8);
        for (g, t) in glyphs {
            key.extend_from_slice(&g.to_be_bytes());
            key.extend_from_slice(t.as_bytes());
            // Never a byte of UTF-8: ends the text unambiguously.
            key.push(0xFF);
        }
        if let Some(s) = self.cache.lock().expect("cache lock").get(&key) {
            return Ok(s);
        }
        // Made outside the lock: other threads go on rendering meanwhile.
        let subset = Arc::new(self.make_subset(face, glyphs, &key)?);
        self.cache
            .lock()
            .expect("cache lock")
            .insert(key, subset.clone());
        Ok(subset)
    }

    /// Writes the Type 0 font `font_ref` (and its descendant, descriptor,
    /// program and ToUnicode map, numbered from `next`) into `chunk`.
    pub(crate) fn write(
        &self,
        chunk: &mut Chunk,
        face: usize,
        subset: &Subset,
        font_ref: Ref,
        next: &mut impl FnMut() -> Ref,
    ) {
        let f = &self.faces[face];
        let (cid_ref, descriptor_ref, program_ref, cmap_ref) = (next(), next(), next(), next());
        let base = Name(subset.base_font.as_bytes());
        let cff_name;
        chunk
            .type0_font(font_ref)
            .base_font(if f.cff {
                // A CFF-based CIDFont is named with its encoding (PDF 9.7.6.1).
                cff_name = format!("{}-Identity-H", subset.base_font);
                Name(cff_name.as_bytes())
            } else {
                base
            })
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let mut cid = chunk.cid_font(cid_ref);
        cid.subtype(if f.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(base)
        .system_info(SYSTEM_INFO)
        .font_descriptor(descriptor_ref)
        .default_width(0.0);
        if !f.cff {
            cid.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        // Runs of three or more equal widths as `first last w`, the rest
        // as `first [w w …]`.
        let mut w = cid.widths();
        let ws = &subset.widths;
        let run_end = |i: usize| i + ws[i..].iter().take_while(|&&v| v == ws[i]).count();
        let mut i = 0;
        while i < ws.len() {
            let end = run_end(i);
            if end - i >= 3 {
                w.same(i as u16, (end - 1) as u16, ws[i]);
                i = end;
                continue;
            }
            let start = i;
            while i < ws.len() && run_end(i) - i < 3 {
                i = run_end(i);
            }
            w.consecutive(start as u16, ws[start..i].iter().copied());
        }
        w.finish();
        cid.finish();

        let mut d = chunk.font_descriptor(descriptor_ref);
        d.name(base)
            .flags(FontFlags::from_bits_truncate(f.flags))
            .bbox(Rect::new(f.bbox[0], f.bbox[1], f.bbox[2], f.bbox[3]))
            .italic_angle(f.italic_angle)
            .ascent(f.ascent)
            .descent(f.descent)
            .cap_height(f.cap_height)
            .stem_v(f.stem_v);
        if f.cff {
            d.font_file3(program_ref);
        } else {
            d.font_file2(program_ref);
        }
        d.finish();

        let mut s = chunk.stream(program_ref, &subset.program);
        s.filter(pdf_writer::Filter::FlateDecode);
        if f.cff {
            s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        } else {
            s.pair(Name(b"Length1"), subset.program_len as i32);
        }
        s.finish();

        let mut cmap = chunk.cmap(cmap_ref, &subset.to_unicode);
        cmap.writing_mode(pdf_writer::writers::WMode::Horizontal);
        cmap.filter(pdf_writer::Filter::FlateDecode);
    }
}

impl FaceInfo {
    fn new(fonts: &Fonts, id: FaceId) -> Result<FaceInfo, WriteError> {
        let face = fonts.face(id);
        let bad = |why: &str| WriteError::Font(format!("{}: {why}", face.name()));
        let ttf =
            ttf_parser::Face::parse(face.bytes().as_ref(), 0).map_err(|e| bad(&e.to_string()))?;
        let tables = ttf.tables();
        let cff = tables.glyf.is_none();
        if cff && tables.cff.is_none() {
            return Err(bad("no TrueType or CFF outlines"));
        }
        let upem = ttf.units_per_em() as f32;
        let units = |v: f32| pdf_units(v, upem);
        let num_glyphs = ttf.number_of_glyphs();
        let b = ttf.global_bounding_box();
        let italic_angle = ttf.italic_angle();
        let mut flags = FontFlags::SYMBOLIC;
        let ps = face.name();
        flags.set(
            FontFlags::SERIF,
            ps.contains("Serif") || ps.contains("Times"),
        );
        flags.set(FontFlags::FIXED_PITCH, ttf.is_monospaced());
        flags.set(FontFlags::ITALIC, italic_angle != 0.0);
        // PDF names are at most 127 bytes: the tag and `+` take 7, a CFF
        // font's `-Identity-H` 11 more.
        let name: String = ps
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
            .take(127 - 7 - 11)
            .collect();
        Ok(FaceInfo {
            name: if name.is_empty() { "Font".into() } else { name },
            cff,
            num_glyphs,
            bbox: [
                units(b.x_min as f32),
                units(b.y_min as f32),
                units(b.x_max as f32),
                units(b.y_max as f32),
            ],
            italic_angle,
            ascent: units(ttf.ascender() as f32),
            descent: units(ttf.descender() as f32),
            cap_height: units(ttf.capital_height().unwrap_or(ttf.ascender()) as f32),
            // The usual estimate from the weight class (no font table has it).
            stem_v: 10.0 + 0.244 * (ttf.weight().to_number() as f32 - 50.0),
            flags: flags.bits(),
            restricted: ttf.permissions() == Some(ttf_parser::Permissions::Restricted),
        })
    }
}

impl PdfFonts {
    fn make_subset(
        &self,
        face: usize,
        glyphs: &[(u16, &str)],
        key: &[u8],
    ) -> Result<Subset, WriteError> {
        let info = &self.faces[face];
        let data = self.fonts.face(FACES[face]).bytes().as_ref();
        let ids: Vec<u16> = glyphs.iter().map(|g| g.0).collect();
        let bad = |why: String| WriteError::Font(format!("{}: {why}", info.name));
        // TrueType outlines: our own subset, without hinting
        // (`truetype.rs` says why); CFF, tricky fonts and anything it
        // cannot read: `subsetter`. Either way glyph `ids[i]` becomes
        // glyph `i`.
        let own = (!info.cff && !truetype::tricky(&info.name))
            .then(|| truetype::subset(data, &ids))
            .flatten();
        let program = match own {
            Some(program) => program,
            None => {
                let remapper = GlyphRemapper::new_from_glyphs_sorted(&ids);
                let program = subsetter::subset(data, 0, &remapper)
                    .map_err(|e| bad(format!("could not be subset ({e})")))?;
                if info.cff {
                    // Only the CFF table goes into a FontFile3.
                    let raw = ttf_parser::RawFace::parse(&program, 0)
                        .map_err(|e| bad(format!("bad subset ({e})")))?;
                    raw.table(ttf_parser::Tag::from_bytes(b"CFF "))
                        .ok_or_else(|| bad("the subset has no CFF table".into()))?
                        .to_vec()
                } else {
                    program
                }
            }
        };
        // CIDs are the subset's glyph ids: the position in the sorted set.
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
        let mut widths = Vec::with_capacity(glyphs.len());
        for (cid, (g, text)) in glyphs.iter().enumerate() {
            widths.push(self.width(face, *g));
            if !text.is_empty() {
                cmap.pair_with_multiple(cid as u16, text.chars());
            }
        }
        let cmap = cmap.finish();
        Ok(Subset {
            base_font: format!("{}+{}", tag(key), info.name),
            program_len: program.len(),
            // Level 1, as the page: made for each new glyph set, and
            // level 6 saves 2 % of the programs (docs/benchmarks.md).
            program: vanban_deflate::zlib(Level::Fast, &program),
            to_unicode: vanban_deflate::zlib(Level::Fast, &cmap),
            widths,
        })
    }
}

/// Six capital letters from a hash of the subset's key (PDF 9.6.4).
fn tag(key: &[u8]) -> String {
    let mut h = SipHasher13::new();
    h.write(key);
    let mut v = h.finish128().as_u128();
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}

impl Cache {
    fn get(&mut self, key: &[u8]) -> Option<Arc<Subset>> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.iter_mut().find(|e| e.key == key).map(|e| {
            e.used = clock;
            e.subset.clone()
        })
    }

    fn insert(&mut self, key: Vec<u8>, subset: Arc<Subset>) {
        if self.entries.iter().any(|e| e.key == key) {
            return;
        }
        if self.entries.len() >= CACHE_ENTRIES {
            // The least recently used goes.
            let (i, _) = self
                .entries
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| e.used)
                .expect("the cache is full, so not empty");
            self.entries.swap_remove(i);
        }
        self.clock += 1;
        self.entries.push(CacheEntry {
            key,
            subset,
            used: self.clock,
        });
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_bounded_and_keeps_what_is_used() {
        let fonts = PdfFonts::new(&Arc::new(Fonts::embedded())).unwrap();
        let a = fonts.subset(0, &[(0, ""), (36, "A")]).unwrap();
        // The same glyphs for the same text: the same subset, not a new one.
        assert!(Arc::ptr_eq(
            &a,
            &fonts.subset(0, &[(0, ""), (36, "A")]).unwrap()
        ));
        // The same glyph for other text is another subset (its ToUnicode
        // differs), and so is another face.
        assert!(!Arc::ptr_eq(
            &a,
            &fonts.subset(0, &[(0, ""), (36, "Ä")]).unwrap()
        ));
        assert!(!Arc::ptr_eq(
            &a,
            &fonts.subset(1, &[(0, ""), (36, "A")]).unwrap()
        ));
        for g in 40..40 + CACHE_ENTRIES as u16 * 2 {
            fonts.subset(0, &[(0, ""), (g, "x")]).unwrap();
            // `a` stays: it is used between the others.
            fonts.subset(0, &[(0, ""), (36, "A")]).unwrap();
        }
        let cache = fonts.cache.lock().unwrap();
        assert_eq!(cache.len(), CACHE_ENTRIES);
        assert!(cache.entries.iter().any(|e| Arc::ptr_eq(&e.subset, &a)));
    }

    #[test]
    fn widths_are_the_faces_advances_in_thousandths_of_an_em() {
        let embedded = Fonts::embedded();
        let fonts = PdfFonts::new(&Arc::new(Fonts::embedded())).unwrap();
        let face = embedded.face(FaceId::REGULAR);
        let g = face.glyph('ế').unwrap();
        let exact = face.glyph_advance(g) as f32 * 1000.0 / face.units_per_em();
        assert!((fonts.width(0, g) - exact).abs() <= 0.005);
        assert_eq!(fonts.name(0), "LiberationSerif");
        assert!(!fonts.restricted(0));
    }
}
