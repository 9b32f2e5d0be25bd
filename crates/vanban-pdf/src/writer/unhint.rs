//! TrueType hinting taken out of an embedded subset.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` programs and each glyph's
//! instructions) snaps outlines to a screen's pixel grid. PDF viewers
//! rasterise without it (poppler and pdf.js ignore it; at a printer's
//! resolution it changes nothing), yet in Liberation Serif it is 60 % of a
//! subset's bytes: the seed notice's four programs shrink from 38.9 KB to
//! 16.2 KB compressed, and every byte not written is a byte not deflated.
//! Outlines, advances and the character map are untouched, so the text and
//! where it stands are exactly as before.
//!
//! A few East Asian fonts ("tricky" fonts, FreeType's term) build their
//! glyphs with instructions: those keep them. Anything this code does not
//! understand is left as it was.

/// Tables that exist only for hinting, or hold metrics measured with it.
const HINT_TABLES: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"];

/// Families whose outlines are assembled by their instructions (FreeType's
/// list of tricky fonts, `ttobjs.c`).
const TRICKY: [&str; 16] = [
    "cpop",
    "DFGirl-W6-WIN-BF",
    "DFGothic-EB",
    "DFGyoSho-Lt",
    "DFHei",
    "DFHSGothic-W5",
    "DFHSMincho-W3",
    "DFHSMincho-W7",
    "DFKaiSho-SB",
    "DFKaiShu",
    "DFKai-SB",
    "DLC",
    "HuaTianKaiTi",
    "HuaTianSongTi",
    "MingLiU",
    "MingLi43",
];

/// Whether `family` (a face's PostScript or family name) is a tricky font.
pub(crate) fn tricky(family: &str) -> bool {
    TRICKY.iter().any(|t| family.contains(t))
}

/// `font` without its hinting, or `None` when it has none or is not a
/// TrueType font this code can read (the caller keeps the original).
pub(crate) fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let tables = Tables::read(font)?;
    let head = tables.get(b"head")?;
    let maxp = tables.get(b"maxp")?;
    let (glyf, loca) = (tables.get(b"glyf")?, tables.get(b"loca")?);
    let long_loca = match be16(head, 50)? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let num_glyphs = usize::from(be16(maxp, 4)?);
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            be32(loca, i * 4).map(|o| o as usize)
        } else {
            be16(loca, i * 2).map(|o| usize::from(o) * 2)
        }
    };

    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(loca.len());
    let push_offset = |loca: &mut Vec<u8>, at: usize| -> Option<()> {
        if long_loca {
            loca.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        } else {
            loca.extend_from_slice(&u16::try_from(at / 2).ok()?.to_be_bytes());
        }
        Some(())
    };
    let mut changed = false;
    for i in 0..num_glyphs {
        push_offset(&mut new_loca, new_glyf.len())?;
        let (start, end) = (offset(i)?, offset(i + 1)?);
        let glyph = glyf.get(start..end)?;
        let kept = glyph_without_instructions(glyph)?;
        // Each glyph starts at an even offset (the short `loca` halves them).
        changed |= kept.len().next_multiple_of(2) != glyph.len();
        new_glyf.extend_from_slice(&kept);
        if new_glyf.len() % 2 == 1 {
            new_glyf.push(0);
        }
    }
    push_offset(&mut new_loca, new_glyf.len())?;
    let hint_tables = tables.records.iter().any(|r| HINT_TABLES.contains(&&r.0));
    if !changed && !hint_tables {
        return None;
    }

    let out: Vec<([u8; 4], &[u8])> = tables
        .records
        .iter()
        .filter(|r| !HINT_TABLES.contains(&&r.0))
        .map(|r| match &r.0 {
            b"glyf" => (r.0, new_glyf.as_slice()),
            b"loca" => (r.0, new_loca.as_slice()),
            _ => (r.0, r.1),
        })
        .collect();
    Some(assemble(tables.version, &out))
}

/// One glyph's outline without its instructions (composite glyphs lose the
/// "we have instructions" flag too).
fn glyph_without_instructions(glyph: &[u8]) -> Option<Vec<u8>> {
    if glyph.is_empty() {
        return Some(Vec::new());
    }
    let contours = be16(glyph, 0)? as i16;
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        let len = usize::from(be16(glyph, at)?);
        let start = at + 2 + len;
        // The outline ends where its points end: the padding after it is
        // dropped, or it would grow with the glyph's new alignment.
        let points = match contours {
            0 => 0,
            _ => usize::from(be16(glyph, at - 2)?) + 1,
        };
        let rest = glyph.get(start..start + outline_len(glyph.get(start..)?, points)?)?;
        let mut out = Vec::with_capacity(at + 2 + rest.len());
        out.extend_from_slice(&glyph[..at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const A_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(glyph, at)?;
        let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        len += if flags & A_SCALE != 0 {
            2
        } else if flags & X_AND_Y_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        let component = glyph.get(at..at + len)?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += len;
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

/// Bytes of a simple glyph's flags and coordinates for `points` points.
fn outline_len(data: &[u8], points: usize) -> Option<usize> {
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME: u8 = 0x10;
    const Y_SAME: u8 = 0x20;
    let coord = |flag: u8, short: u8, same: u8| match (flag & short != 0, flag & same != 0) {
        (true, _) => 1,
        (false, true) => 0,
        (false, false) => 2,
    };
    let (mut at, mut seen, mut coords) = (0, 0, 0);
    while seen < points {
        let flag = *data.get(at)?;
        at += 1;
        let times = if flag & REPEAT != 0 {
            at += 1;
            1 + usize::from(*data.get(at - 1)?)
        } else {
            1
        };
        seen += times;
        coords += times * (coord(flag, X_SHORT, X_SAME) + coord(flag, Y_SHORT, Y_SAME));
    }
    let len = at + coords;
    (seen == points && len <= data.len()).then_some(len)
}

/// The table directory of an sfnt, as (tag, bytes) in file order.
struct Tables<'a> {
    version: [u8; 4],
    records: Vec<([u8; 4], &'a [u8])>,
}

impl<'a> Tables<'a> {
    fn read(font: &'a [u8]) -> Option<Tables<'a>> {
        let version: [u8; 4] = font.get(..4)?.try_into().ok()?;
        if version != [0, 1, 0, 0] && &version != b"true" {
            return None;
        }
        let n = usize::from(be16(font, 4)?);
        let mut records = Vec::with_capacity(n);
        for i in 0..n {
            let r = 12 + 16 * i;
            let tag: [u8; 4] = font.get(r..r + 4)?.try_into().ok()?;
            let (off, len) = (be32(font, r + 8)? as usize, be32(font, r + 12)? as usize);
            records.push((tag, font.get(off..off.checked_add(len)?)?));
        }
        Some(Tables { version, records })
    }

    fn get(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.records.iter().find(|r| &r.0 == tag).map(|r| r.1)
    }
}

/// An sfnt from its tables (sorted by tag, as the directory requires), with
/// checksums and `head.checkSumAdjustment` computed.
fn assemble(version: [u8; 4], tables: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let mut tables = tables.to_vec();
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let entry_selector = 15 - n.max(1).leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&version);
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        let sum = if tag == b"head" {
            // Counted with checkSumAdjustment zero, as the spec says.
            let mut h = data.to_vec();
            if h.len() >= 12 {
                h[8..12].fill(0);
            }
            checksum(&h)
        } else {
            checksum(data)
        };
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (tag, data) in &tables {
        if tag == b"head" && data.len() >= 12 {
            head_at = Some(out.len());
            out.extend_from_slice(&data[..8]);
            out.extend_from_slice(&[0; 4]);
            out.extend_from_slice(&data[12..]);
        } else {
            out.extend_from_slice(data);
        }
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(font: &[u8], c: char) -> Vec<String> {
        struct Pen(Vec<String>);
        impl ttf_parser::OutlineBuilder for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("M{x},{y}"));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("L{x},{y}"));
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0.push(format!("Q{a},{b},{x},{y}"));
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0.push(format!("C{a},{b},{c},{d},{x},{y}"));
            }
            fn close(&mut self) {
                self.0.push("Z".into());
            }
        }
        let face = ttf_parser::Face::parse(font, 0).unwrap();
        let g = face.glyph_index(c).unwrap();
        let mut pen = Pen(Vec::new());
        face.outline_glyph(g, &mut pen);
        pen.0
    }

    #[test]
    fn outlines_advances_and_tables_survive_without_the_hints() {
        let fonts = vanban_fonts::Fonts::embedded();
        let face = fonts.face(vanban_fonts::FaceId::REGULAR);
        let original = face.bytes().as_ref();
        let stripped = strip(original).expect("Liberation Serif is hinted");
        assert!(
            stripped.len() < original.len() * 3 / 4,
            "{}",
            stripped.len()
        );
        let (a, b) = (
            ttf_parser::Face::parse(original, 0).unwrap(),
            ttf_parser::Face::parse(&stripped, 0).unwrap(),
        );
        assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
        // ế and ộ are composites in many fonts; Ư, ơ, đ simple outlines.
        for c in "AgẾếộƯơđ1,".chars() {
            assert_eq!(outline(original, c), outline(&stripped, c), "{c}");
            let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
            assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb));
        }
        let tables = Tables::read(&stripped).unwrap();
        for t in HINT_TABLES {
            assert!(tables.get(t).is_none(), "{}", String::from_utf8_lossy(t));
        }
        // The whole font's checksum, adjustment included, is the magic one.
        assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
        // Nothing left to strip the second time: no instructions, and no
        // padding beyond the one byte that keeps glyphs at even offsets.
        assert!(strip(&stripped).is_none());
        assert!(strip(b"not a font").is_none());
    }

    #[test]
    fn tricky_families_are_recognised() {
        assert!(tricky("PMingLiU"));
        assert!(tricky("DFKai-SB"));
        assert!(!tricky("LiberationSerif"));
        assert!(!tricky("TimesNewRomanPSMT"));
    }
}
