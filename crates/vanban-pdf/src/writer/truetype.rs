//! Subsets of TrueType (`glyf`) fonts for embedding, without hinting.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` programs and each glyph's
//! instructions) snaps outlines to a screen's pixel grid. PDF viewers
//! rasterise without it (poppler and pdf.js ignore it; at a printer's
//! resolution it changes nothing), yet in Liberation Serif it was 60 % of a
//! subset's bytes: the seed notice's four programs shrank from 38.9 KB to
//! 16.2 KB compressed. Outlines and advances are copied as they are, so
//! the text and where it stands are exactly as before.
//!
//! Why our own subsetter for these fonts, where the `subsetter` crate
//! does CFF (and the few fonts that keep their hints): on the seed's four
//! subsets it spent 1.6 M instructions (a tenth of a `vanban render`)
//! mostly copying bytes one field at a time and subsetting 2,600 glyph
//! names the PDF never reads, and its output still had to be unhinted
//! after. This writes the eight tables a PDF's `FontFile2` needs (glyf,
//! loca, hmtx, hhea, head, maxp, name, post without names) in one pass.
//!
//! A few East Asian fonts ("tricky" fonts, FreeType's term) build their
//! glyphs with instructions: those go through `subsetter`, hints kept.

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

/// The subset of `font` holding `glyphs` (ascending, `.notdef` first) as
/// glyphs 0, 1, 2 … in that order, then the components their composite
/// glyphs use. `None` when `font` is not a TrueType font this code reads
/// (the caller falls back to `subsetter`).
pub(crate) fn subset(font: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    let tables = Tables::read(font)?;
    let head = tables.get(b"head")?;
    let maxp = tables.get(b"maxp")?;
    let hhea = tables.get(b"hhea")?;
    let hmtx = tables.get(b"hmtx")?;
    let (glyf, loca) = (tables.get(b"glyf")?, tables.get(b"loca")?);
    if head.len() < 54 || hhea.len() < 36 || maxp.len() < 6 {
        return None;
    }
    let long_loca = match be16(head, 50)? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let num_glyphs = be16(maxp, 4)?;
    let num_metrics = usize::from(be16(hhea, 34)?);
    if num_metrics == 0 {
        return None;
    }
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            be32(loca, i * 4).map(|o| o as usize)
        } else {
            be16(loca, i * 2).map(|o| usize::from(o) * 2)
        }
    };
    // (advance, left side bearing) of an old glyph id.
    let metrics = |g: usize| -> Option<[u8; 4]> {
        // Past the last full metric, glyphs share its advance and carry
        // only their side bearing.
        let (adv_at, lsb_at) = if g < num_metrics {
            (g * 4, g * 4 + 2)
        } else {
            (
                (num_metrics - 1) * 4,
                num_metrics * 4 + (g - num_metrics) * 2,
            )
        };
        let (adv, lsb) = (hmtx.get(adv_at..adv_at + 2)?, hmtx.get(lsb_at..lsb_at + 2)?);
        Some([adv[0], adv[1], lsb[0], lsb[1]])
    };

    // New id by old id; composites append the components they need.
    let mut new_id = vec![u16::MAX; usize::from(num_glyphs)];
    let mut order: Vec<u16> = Vec::with_capacity(glyphs.len() + 8);
    for &g in glyphs {
        if g >= num_glyphs || new_id[usize::from(g)] != u16::MAX {
            return None;
        }
        new_id[usize::from(g)] = order.len() as u16;
        order.push(g);
    }
    let mut new_glyf = Vec::with_capacity(glyphs.len() * 64);
    let mut new_loca: Vec<u32> = Vec::with_capacity(glyphs.len() + 1);
    let mut new_hmtx = Vec::with_capacity(glyphs.len() * 4);
    let mut i = 0;
    while i < order.len() {
        let g = usize::from(order[i]);
        new_loca.push(new_glyf.len() as u32);
        new_hmtx.extend_from_slice(&metrics(g)?);
        let glyph = glyf.get(offset(g)?..offset(g + 1)?)?;
        let mut component = |old: u16| -> Option<u16> {
            let slot = new_id.get_mut(usize::from(old))?;
            if *slot == u16::MAX {
                *slot = u16::try_from(order.len()).ok()?;
                order.push(old);
            }
            Some(*slot)
        };
        outline(glyph, &mut new_glyf, &mut component)?;
        if new_glyf.len() % 2 == 1 {
            new_glyf.push(0);
        }
        i += 1;
    }
    new_loca.push(new_glyf.len() as u32);

    let short = new_glyf.len() <= 0x1FFFE;
    let loca_bytes: Vec<u8> = if short {
        new_loca
            .iter()
            .flat_map(|o| ((o / 2) as u16).to_be_bytes())
            .collect()
    } else {
        new_loca.iter().flat_map(|o| o.to_be_bytes()).collect()
    };
    let n = (order.len() as u16).to_be_bytes();
    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&(u16::from(!short)).to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&n);
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&n);
    // `post` version 3: no glyph names (a PDF maps glyphs to text with
    // its ToUnicode map); the header's metrics are kept.
    let mut post = tables
        .get(b"post")
        .and_then(|p| p.get(..32))
        .map_or_else(|| vec![0; 32], <[u8]>::to_vec);
    post[..4].copy_from_slice(&[0, 3, 0, 0]);
    let name = tables.get(b"name").and_then(windows_names);

    let mut out: Vec<([u8; 4], &[u8])> = vec![
        (*b"glyf", &new_glyf),
        (*b"head", &new_head),
        (*b"hhea", &new_hhea),
        (*b"hmtx", &new_hmtx),
        (*b"loca", &loca_bytes),
        (*b"maxp", &new_maxp),
        (*b"post", &post),
    ];
    if let Some(name) = &name {
        out.push((*b"name", name));
    }
    Some(assemble(tables.version, &out))
}

/// Appends one glyph's outline to `out` without its instructions, with the
/// glyph ids of a composite's components mapped by `component`.
fn outline(
    glyph: &[u8],
    out: &mut Vec<u8>,
    component: &mut impl FnMut(u16) -> Option<u16>,
) -> Option<()> {
    if glyph.is_empty() {
        return Some(());
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
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const A_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    out.extend_from_slice(glyph.get(..10)?);
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
        let record = glyph.get(at..at + len)?;
        let id = component(be16(record, 2)?)?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&record[4..]);
        at += len;
        if flags & MORE_COMPONENTS == 0 {
            return Some(());
        }
    }
}

/// The `name` table with only the Windows (platform 3) records of the
/// copyright notice and the font's names (ids 0–6), as `subsetter` keeps
/// them: the licence's full text (ids 13, 14) is in the face, not in each
/// document.
fn windows_names(name: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(be16(name, 2)?);
    let storage = usize::from(be16(name, 4)?);
    let mut records = Vec::new();
    let mut strings: Vec<u8> = Vec::new();
    for i in 0..count {
        let r = name.get(6 + 12 * i..18 + 12 * i)?;
        if be16(r, 0)? != 3 || be16(r, 6)? > 6 {
            continue;
        }
        let (len, off) = (usize::from(be16(r, 8)?), usize::from(be16(r, 10)?));
        let s = name.get(storage + off..storage + off + len)?;
        records.extend_from_slice(&r[..10]);
        records.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(s);
    }
    if records.is_empty() {
        return Some(name.to_vec());
    }
    let n = records.len() / 12;
    let mut out = Vec::with_capacity(6 + records.len() + strings.len());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&((6 + records.len()) as u16).to_be_bytes());
    out.extend_from_slice(&records);
    out.extend_from_slice(&strings);
    Some(out)
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
    let words = data.chunks_exact(4);
    let tail = words.remainder();
    let sum = words.fold(0u32, |sum, w| {
        sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    });
    // The last word is zero-padded.
    let mut last = [0u8; 4];
    last[..tail.len()].copy_from_slice(tail);
    sum.wrapping_add(u32::from_be_bytes(last))
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
    use vanban_fonts::{FaceId, Fonts};

    fn outline_of(face: &ttf_parser::Face, g: u16) -> Vec<String> {
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
        let mut pen = Pen(Vec::new());
        face.outline_glyph(ttf_parser::GlyphId(g), &mut pen);
        pen.0
    }

    /// Every Vietnamese letter of every face, drawn from the subset, has
    /// the original's outline and advance; composites bring their parts.
    #[test]
    fn outlines_and_advances_are_the_originals() {
        let fonts = Fonts::embedded();
        let text = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ\
                    AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ0123456789.,;:/-()%";
        for id in [
            FaceId::REGULAR,
            FaceId::BOLD,
            FaceId::ITALIC,
            FaceId::BOLD_ITALIC,
        ] {
            let face = fonts.face(id);
            let original = ttf_parser::Face::parse(face.bytes().as_ref(), 0).unwrap();
            let mut gids: Vec<u16> = text.chars().map(|c| face.glyph(c).unwrap()).collect();
            gids.push(0);
            gids.sort_unstable();
            gids.dedup();
            let bytes = subset(face.bytes().as_ref(), &gids).expect("a TrueType face");
            let sub = ttf_parser::Face::parse(&bytes, 0).expect("the subset parses");
            assert!(usize::from(sub.number_of_glyphs()) >= gids.len());
            for (new, &old) in gids.iter().enumerate() {
                let (o, n) = (ttf_parser::GlyphId(old), ttf_parser::GlyphId(new as u16));
                assert_eq!(
                    outline_of(&original, old),
                    outline_of(&sub, new as u16),
                    "{id:?} glyph {old}"
                );
                assert_eq!(original.glyph_hor_advance(o), sub.glyph_hor_advance(n));
                assert_eq!(
                    original.glyph_hor_side_bearing(o),
                    sub.glyph_hor_side_bearing(n)
                );
            }
            let tables = Tables::read(&bytes).unwrap();
            for t in [b"fpgm", b"prep", b"cvt ", b"cmap", b"GPOS", b"kern"] {
                assert!(tables.get(t).is_none(), "{}", String::from_utf8_lossy(t));
            }
            assert_eq!(be32(tables.get(b"post").unwrap(), 0), Some(0x0003_0000));
            // The whole font's checksum, adjustment included, is the magic one.
            assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
            // Far smaller than the face, and no hinting left to find.
            assert!(
                bytes.len() < face.bytes().as_ref().len() / 8,
                "{}",
                bytes.len()
            );
        }
    }

    #[test]
    fn what_it_cannot_read_is_left_to_the_caller() {
        assert!(subset(b"not a font", &[0]).is_none());
        let fonts = Fonts::embedded();
        let face = fonts.face(FaceId::REGULAR).bytes().as_ref();
        // A glyph twice, or past the last glyph.
        assert!(subset(face, &[0, 5, 5]).is_none());
        assert!(subset(face, &[0, u16::MAX]).is_none());
    }

    #[test]
    fn tricky_families_are_recognised() {
        assert!(tricky("PMingLiU"));
        assert!(tricky("DFKai-SB"));
        assert!(!tricky("LiberationSerif"));
        assert!(!tricky("TimesNewRomanPSMT"));
    }
}
