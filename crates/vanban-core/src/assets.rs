//! Images a document refers to (signature, seal), loaded by the caller.
//! The core does no I/O: the CLI reads the files named in the document and
//! hands their bytes to the renderers through this map.

use crate::profile::{Profile, Tw};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Image bytes by the reference written in the document
/// (`signature.signature_image`, `signature.seal_image`).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    map: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Assets {
    pub fn new() -> Assets {
        Assets::default()
    }
    pub fn insert(&mut self, reference: impl Into<String>, bytes: Vec<u8>) {
        self.map.insert(reference.into(), Arc::new(bytes));
    }
    pub fn get(&self, reference: &str) -> Option<&Arc<Vec<u8>>> {
        self.map.get(reference)
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// What a PNG header says: pixel size and, when present, the physical
/// resolution (pHYs, pixels per metre).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngInfo {
    pub width: u32,
    pub height: u32,
    pub pixels_per_metre: Option<(u32, u32)>,
}

impl PngInfo {
    /// Reads the IHDR and pHYs chunks without decoding the image; `None`
    /// when the bytes are not a PNG.
    pub fn read(b: &[u8]) -> Option<PngInfo> {
        if b.len() < 24 || &b[..8] != b"\x89PNG\r\n\x1a\n" || &b[12..16] != b"IHDR" {
            return None;
        }
        let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let (width, height) = (be(16), be(20));
        if width == 0 || height == 0 {
            return None;
        }
        let mut ppm = None;
        let mut i = 8;
        while i + 8 <= b.len() {
            let len = be(i) as usize;
            let ty = &b[i + 4..i + 8];
            // Unit 1 = metre; unit 0 is only an aspect ratio.
            if ty == b"pHYs" && i + 17 <= b.len() && b[i + 16] == 1 {
                let (x, y) = (be(i + 8), be(i + 12));
                if x > 0 && y > 0 {
                    ppm = Some((x, y));
                }
            }
            if ty == b"IDAT" {
                break;
            }
            i = i.saturating_add(12).saturating_add(len);
        }
        Some(PngInfo {
            width,
            height,
            pixels_per_metre: ppm,
        })
    }

    /// Physical size when the PNG states its resolution.
    fn physical(&self) -> Option<(f64, f64)> {
        let (x, y) = self.pixels_per_metre?;
        let tw_per_metre = 72.0 * 20.0 / 0.0254;
        Some((
            self.width as f64 / x as f64 * tw_per_metre,
            self.height as f64 / y as f64 * tw_per_metre,
        ))
    }
}

/// A box in the signing space: offsets from the left of the signature
/// column and from the top of the signing space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageBox {
    pub x: Tw,
    pub y: Tw,
    pub width: Tw,
    pub height: Tw,
}

/// Where the signature and the seal images go (Decree 30 §3.8): the
/// signature centred in the signing space, at its own size when the PNG
/// states one (96 dpi otherwise), shrunk to fit; the seal at its actual
/// size (from the PNG, else `profile.seal_size` across), centred on the
/// left third of the signature. One computation for both back ends.
pub fn place_images(
    profile: &Profile,
    column: Tw,
    signature: Option<&PngInfo>,
    seal: Option<&PngInfo>,
) -> (Option<ImageBox>, Option<ImageBox>) {
    let space = profile.signing_space;
    let sig = signature.map(|i| {
        let (nw, nh) = i.physical().unwrap_or((
            i.width as f64 * 1440.0 / 96.0,
            i.height as f64 * 1440.0 / 96.0,
        ));
        let k = (space.0 as f64 / nh).min(column.0 as f64 / nw).min(1.0);
        let (w, h) = ((nw * k).round() as i32, (nh * k).round() as i32);
        ImageBox {
            x: Tw((column.0 - w) / 2),
            y: Tw((space.0 - h) / 2),
            width: Tw(w),
            height: Tw(h),
        }
    });
    let seal = seal.map(|i| {
        let (w, h) = i.physical().unwrap_or_else(|| {
            let k = profile.seal_size.0 as f64 / i.width.max(i.height) as f64;
            (i.width as f64 * k, i.height as f64 * k)
        });
        let (w, h) = (w.round() as i32, h.round() as i32);
        let (cx, cy) = match &sig {
            Some(s) => (s.x.0 + s.width.0 / 6, s.y.0 + s.height.0 / 2),
            None => (column.0 / 3, space.0 / 2),
        };
        ImageBox {
            x: Tw(cx - w / 2),
            y: Tw(cy - h / 2),
            width: Tw(w),
            height: Tw(h),
        }
    });
    (sig, seal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, ppm: Option<u32>) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(13u32.to_be_bytes());
        b.extend(b"IHDR");
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        if let Some(p) = ppm {
            b.extend(9u32.to_be_bytes());
            b.extend(b"pHYs");
            b.extend(p.to_be_bytes());
            b.extend(p.to_be_bytes());
            b.extend([1, 0, 0, 0, 0]);
        }
        b
    }

    #[test]
    fn seal_at_actual_size_else_profile_size() {
        let p = Profile::nd30();
        let col = Tw::from_mm(85.0);
        // 480 px at 300 dpi (11811 px/m) = 40.6 mm.
        let seal = PngInfo::read(&png(480, 480, Some(11811))).unwrap();
        let (_, s) = place_images(&p, col, None, Some(&seal));
        assert!((s.unwrap().width.mm() - 40.6).abs() < 0.1);
        let seal = PngInfo::read(&png(480, 480, None)).unwrap();
        let (_, s) = place_images(&p, col, None, Some(&seal));
        assert_eq!(s.unwrap().width, p.seal_size);
    }

    #[test]
    fn seal_covers_the_left_third_of_the_signature() {
        let p = Profile::nd30();
        let col = Tw::from_mm(85.0);
        let sig = PngInfo::read(&png(600, 240, None)).unwrap();
        let seal = PngInfo::read(&png(400, 400, None)).unwrap();
        let (s, d) = place_images(&p, col, Some(&sig), Some(&seal));
        let (s, d) = (s.unwrap(), d.unwrap());
        assert!(s.height <= p.signing_space && s.width <= col);
        assert_eq!(s.x.0 * 2 + s.width.0, col.0 - (col.0 - s.width.0) % 2);
        assert_eq!(d.x.0 + d.width.0 / 2, s.x.0 + s.width.0 / 6);
        assert!(PngInfo::read(b"GIF89a").is_none());
    }
}
