//! Page content streams, written byte by byte: PDF coordinates (origin at
//! the bottom left, no flipping `cm`), numbers to 1/100 pt, one text
//! object per line of text, graphics state set only when it changes.
//!
//! krilla wrapped every glyph run in `q 1 0 0 -1 0 H cm … BT … Tm … ET Q`
//! and wrote coordinates with ten digits; the same page is now about half
//! the bytes to compress.

use crate::frame::{Item, Page, TextRun};

/// What the content of a page needs of the document's fonts and images.
pub(crate) struct Resources<'a> {
    /// By face index (regular, bold, italic, bold italic): the CID of each
    /// glyph id and the widths the `/W` arrays give, `None` for a face the
    /// document does not use.
    pub faces: [Option<FaceMap>; 4],
    /// The images by reference, in their resource order (`/I0`, `/I1` …).
    pub images: &'a [&'a str],
}

pub(crate) struct FaceMap {
    pub cid_of: Vec<u16>,
    /// The subset, whose `/W` widths (by CID) the pen follows.
    pub subset: std::sync::Arc<super::fonts::Subset>,
}

/// Text rendering state that carries over between text objects.
struct State {
    font: Option<(usize, f32)>,
    line_width: f32,
}

/// The content stream of one page, uncompressed.
pub(crate) fn page(page: &Page, res: &Resources) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 * 1024);
    let h = page.height;
    let mut st = State {
        font: None,
        // The initial line width (PDF 8.4.1).
        line_width: 1.0,
    };
    let items = &page.items;
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Text(_) => {
                // One text object for the runs that continue each other on
                // one line; underlines are drawn after it (no path may be
                // painted inside BT … ET).
                let mut underlines = Vec::new();
                out.extend_from_slice(b"BT\n");
                let mut pen: Option<(f32, f32, f32)> = None; // line start x, y, pen x
                while let Some(Item::Text(run)) = items.get(i) {
                    if let Some((_, y, x)) = pen {
                        if run.y != y || (run.x - x).abs() > 0.01 {
                            break;
                        }
                    }
                    set_font(&mut out, &mut st, run);
                    if pen.is_none() {
                        num(&mut out, run.x);
                        out.push(b' ');
                        num(&mut out, h - run.y);
                        out.extend_from_slice(b" Td\n");
                    }
                    glyphs(&mut out, run, res);
                    if run.underline {
                        let y = run.y + run.size * 0.12;
                        underlines.push((run.x, y, run.x + run.width(), run.size * 0.05));
                    }
                    pen = Some((run.x, run.y, run.x + run.width()));
                    i += 1;
                }
                out.extend_from_slice(b"ET\n");
                for (x0, y, x1, w) in underlines {
                    line(&mut out, &mut st, h, x0, y, x1, y, w);
                }
            }
            Item::Line(l) => {
                line(&mut out, &mut st, h, l.x0, l.y0, l.x1, l.y1, l.width);
                i += 1;
            }
            Item::Image(b) => {
                if let Some(k) = res.images.iter().position(|r| *r == b.reference) {
                    out.extend_from_slice(b"q ");
                    for v in [b.width, 0.0, 0.0, b.height, b.x, h - b.y - b.height] {
                        num(&mut out, v);
                        out.push(b' ');
                    }
                    out.extend_from_slice(b"cm /I");
                    int(&mut out, k as u64);
                    out.extend_from_slice(b" Do Q\n");
                }
                i += 1;
            }
            // Nothing to draw: the writer makes it a form field.
            Item::SigningSpace(_) => i += 1,
        }
    }
    out
}

fn set_font(out: &mut Vec<u8>, st: &mut State, run: &TextRun) {
    let f = face_index(run);
    if st.font != Some((f, run.size)) {
        out.extend_from_slice(b"/F");
        int(out, f as u64);
        out.push(b' ');
        num(out, run.size);
        out.extend_from_slice(b" Tf\n");
        st.font = Some((f, run.size));
    }
}

pub(crate) fn face_index(run: &TextRun) -> usize {
    (run.face.bold as usize) | ((run.face.italic as usize) << 1)
}

/// The run's glyphs as CIDs, with a `TJ` adjustment wherever the layout's
/// advances and the font's widths have drifted apart by 0.05/1000 em
/// (the wider spaces of a justified line): the pen ends where the layout
/// says the run ends.
fn glyphs(out: &mut Vec<u8>, run: &TextRun, res: &Resources) {
    let face = res.faces[face_index(run)]
        .as_ref()
        .expect("every face drawn has its map");
    let to_units = 1000.0 / run.size as f64;
    // Layout advance minus font advance so far, in 1/1000 em.
    let mut drift = 0.0f64;
    let start = out.len();
    out.extend_from_slice(b"[(");
    let mut adjusted = false;
    // Whether the string last opened is still empty.
    let mut empty = true;
    for g in &run.glyphs {
        let cid = face.cid_of[g.id as usize];
        for b in cid.to_be_bytes() {
            match b {
                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                // A bare CR in a string reads as a line feed (PDF 7.3.4.2).
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
        empty = false;
        drift += g.advance as f64 * to_units - face.subset.widths()[usize::from(cid)] as f64;
        if drift.abs() >= 0.05 {
            // A negative number moves the pen right; never rounds to 0 here.
            let a = (-drift * 10.0).round() / 10.0;
            out.push(b')');
            num1(out, a as f32);
            out.push(b'(');
            drift += a;
            adjusted = true;
            empty = true;
        }
    }
    if adjusted {
        if empty {
            out.pop();
        } else {
            out.push(b')');
        }
        out.extend_from_slice(b"]TJ\n");
    } else {
        // A plain string: ` (…)Tj`, the bracket blanked rather than removed
        // (removing would move the whole page's bytes).
        out[start] = b' ';
        out.extend_from_slice(b")Tj\n");
    }
}

#[allow(clippy::too_many_arguments)]
fn line(out: &mut Vec<u8>, st: &mut State, h: f32, x0: f32, y0: f32, x1: f32, y1: f32, w: f32) {
    if st.line_width != w {
        num(out, w);
        out.extend_from_slice(b" w\n");
        st.line_width = w;
    }
    num(out, x0);
    out.push(b' ');
    num(out, h - y0);
    out.extend_from_slice(b" m ");
    num(out, x1);
    out.push(b' ');
    num(out, h - y1);
    out.extend_from_slice(b" l S\n");
}

/// A number to 1/100 (0.0035 mm for a coordinate), without trailing zeros.
pub(crate) fn num(out: &mut Vec<u8>, v: f32) {
    fixed(out, v, 100);
}

/// A number to 1/10 (a `TJ` adjustment in 1/1000 em).
fn num1(out: &mut Vec<u8>, v: f32) {
    fixed(out, v, 10);
}

fn fixed(out: &mut Vec<u8>, v: f32, scale: u32) {
    let n = (v as f64 * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = scale as u64;
    int(out, n / scale);
    let mut frac = n % scale;
    if frac != 0 {
        out.push(b'.');
        let mut digits = scale / 10;
        while frac != 0 {
            out.push(b'0' + (frac / digits) as u8);
            frac %= digits;
            digits /= 10;
        }
    }
}

fn int(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f32) -> String {
        let mut o = Vec::new();
        num(&mut o, v);
        String::from_utf8(o).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.001), "0");
        assert_eq!(f(14.0), "14");
        assert_eq!(f(85.0394), "85.04");
        assert_eq!(f(841.89), "841.89");
        assert_eq!(f(0.5), "0.5");
        assert_eq!(f(0.05), "0.05");
        assert_eq!(f(-97.387), "-97.39");
        assert_eq!(f(1_000_000.0), "1000000");
        let mut o = Vec::new();
        num1(&mut o, -97.387);
        assert_eq!(o, b"-97.4");
    }
}
