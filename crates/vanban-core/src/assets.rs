//! Images a document refers to (signature, seal), loaded by the caller.
//! The core does no I/O: the CLI reads the files named in the document and
//! hands their bytes to the renderers through this map.

use crate::diag::{Diagnostic, Msg};
use crate::document::Document;
use crate::limits::{human_bytes, Limits};
use crate::profile::{Profile, Tw};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Image bytes by the reference written in the document
/// (`signature.signature_image`, `signature.seal_image`), and, for a
/// reference the caller could not read, why.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    map: BTreeMap<String, Arc<Vec<u8>>>,
    /// Whether each image decodes, worked out once and shared by clones:
    /// a batch checks its seal once, not once a row.
    checked: BTreeMap<String, Arc<OnceLock<Result<PngInfo, Msg>>>>,
    failed: BTreeMap<String, Msg>,
}

impl Assets {
    /// No images: enough for a document without signature or seal images.
    pub fn new() -> Assets {
        Assets::default()
    }
    /// Adds the bytes of the image the document names `reference` (a PNG),
    /// replacing any earlier bytes or recorded failure.
    pub fn insert(&mut self, reference: impl Into<String>, bytes: Vec<u8>) {
        let reference = reference.into();
        self.failed.remove(&reference);
        self.checked
            .insert(reference.clone(), Arc::new(OnceLock::new()));
        self.map.insert(reference, Arc::new(bytes));
    }
    /// Records that a reference could not be read, and why (in both
    /// languages): [`check_images`] reports it at the field that names it.
    pub fn insert_failure(&mut self, reference: impl Into<String>, why: Msg) {
        let reference = reference.into();
        self.map.remove(&reference);
        self.checked.remove(&reference);
        self.failed.insert(reference, why);
    }
    /// The bytes stored under `reference`, if any.
    pub fn get(&self, reference: &str) -> Option<&Arc<Vec<u8>>> {
        self.map.get(reference)
    }
    /// Why a reference could not be read, when the caller said so.
    pub fn failure(&self, reference: &str) -> Option<&Msg> {
        self.failed.get(reference)
    }
    /// Whether nothing was added, neither bytes nor failures.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.failed.is_empty()
    }
    /// Whether the image decodes within the limits (cached per reference).
    fn validate(&self, reference: &str, limits: &Limits) -> Option<Result<PngInfo, Msg>> {
        let bytes = self.map.get(reference)?;
        let cell = self.checked.get(reference)?;
        Some(cell.get_or_init(|| inspect_png(bytes, limits)).clone())
    }
}

/// The image fields of a document: path and reference.
pub fn image_refs(doc: &Document) -> Vec<(&'static str, &str)> {
    let sig = &doc.signature;
    [
        ("signature.signature_image", &sig.signature_image),
        ("signature.seal_image", &sig.seal_image),
    ]
    .into_iter()
    .filter_map(|(p, r)| r.as_deref().map(|r| (p, r)))
    .collect()
}

/// Errors for every image the document names that the renderers could not
/// draw: not given, unreadable (as recorded with
/// [`Assets::insert_failure`]), not a PNG, truncated or corrupt, or larger
/// than `limits.image_bytes` / `limits.image_pixels`. The PDF and DOCX are
/// refused on the same grounds, so `check` and `render` agree.
pub fn check_images(doc: &Document, assets: &Assets, limits: &Limits) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, reference) in image_refs(doc) {
        let problem = if let Some(why) = assets.failure(reference) {
            Some(why.clone())
        } else {
            match assets.validate(reference, limits) {
                None => Some(Msg::new(
                    format!("không có dữ liệu của ảnh `{reference}`"),
                    format!("no data was given for the image `{reference}`"),
                )),
                Some(Ok(_)) => None,
                Some(Err(why)) => Some(Msg::new(
                    format!("ảnh `{reference}`: {}", why.vi),
                    format!("the image `{reference}`: {}", why.en),
                )),
            }
        };
        if let Some(message) = problem {
            out.push(
                Diagnostic::error("image.unusable", path, message).with_fix(Msg::new(
                    "dùng một tệp PNG đọc được (xuất lại ảnh chữ ký/con dấu dạng PNG), hoặc bỏ trường này",
                    "give a readable PNG file (export the signature or seal again as PNG), or remove this field",
                )),
            );
        }
    }
    out
}

/// Checks that the bytes are a whole PNG within the limits: the header is
/// read first (pixel count, before any decoding), then every row is
/// decoded into one reused row buffer and the file is read to its end, so
/// that a truncated or corrupt file is found here and not as a blank or
/// broken picture in the output.
pub fn inspect_png(bytes: &[u8], limits: &Limits) -> Result<PngInfo, Msg> {
    if bytes.len() as u64 > limits.image_bytes {
        let (max, got) = (
            human_bytes(limits.image_bytes),
            human_bytes(bytes.len() as u64),
        );
        return Err(Msg::new(
            format!("tệp ảnh quá lớn: {got}, tối đa {max}"),
            format!("the image file is too large: {got}, at most {max}"),
        ));
    }
    let Some(info) = PngInfo::read(bytes) else {
        return Err(Msg::new(
            "không phải ảnh PNG (chỉ nhận PNG)",
            "not a PNG image (only PNG is accepted)",
        ));
    };
    let pixels = info.width as u64 * info.height as u64;
    if pixels > limits.image_pixels {
        let (w, h) = (info.width, info.height);
        let max = limits.image_pixels;
        return Err(Msg::new(
            format!("ảnh quá lớn: {w} × {h} điểm ảnh, tối đa {} triệu điểm ảnh; thu nhỏ ảnh (300 dpi là đủ)", max / 1_000_000),
            format!("the image is too large: {w} × {h} pixels, at most {} million; scale it down (300 dpi is plenty)", max / 1_000_000),
        ));
    }
    let broken = |e: png::DecodingError| {
        Msg::new(
            format!("tệp PNG bị hỏng hoặc không trọn vẹn ({e})"),
            format!("the PNG file is damaged or incomplete ({e})"),
        )
    };
    // The decoder's own buffers: a row and the zlib window, far below this.
    let png_limits = png::Limits {
        bytes: 64 * 1024 * 1024,
    };
    let decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png_limits);
    let mut reader = decoder.read_info().map_err(broken)?;
    while reader.next_row().map_err(broken)?.is_some() {}
    reader.finish().map_err(broken)?;
    Ok(info)
}

/// What a PNG header says: pixel size and, when present, the physical
/// resolution (pHYs, pixels per metre).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per metre across and down (pHYs), when the PNG states them.
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
    /// Offset from the left of the signature column.
    pub x: Tw,
    /// Offset from the top of the signing space.
    pub y: Tw,
    /// Width of the box.
    pub width: Tw,
    /// Height of the box.
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

    fn real_png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().unwrap();
        let data: Vec<u8> = (0..w * h * 4).map(|i| (i * 7 % 251) as u8).collect();
        writer.write_image_data(&data).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn a_whole_png_passes_a_truncated_or_huge_one_does_not() {
        let limits = Limits::default();
        let good = real_png(40, 30);
        assert_eq!(inspect_png(&good, &limits).unwrap().width, 40);
        for cut in [good.len() - 12, good.len() / 2, 40] {
            let e = inspect_png(&good[..cut], &limits).unwrap_err();
            assert!(e.en.contains("damaged or incomplete"), "{cut}: {}", e.en);
        }
        // 50000 × 50000 in the header: refused before any decoding.
        let e = inspect_png(&png(50_000, 50_000, None), &limits).unwrap_err();
        assert!(e.en.contains("50000 × 50000 pixels"), "{}", e.en);
        let e = inspect_png(b"GIF89a....", &limits).unwrap_err();
        assert!(e.en.contains("not a PNG"));
        let mut small = limits;
        small.image_bytes = 100;
        assert!(inspect_png(&good, &small)
            .unwrap_err()
            .en
            .contains("too large"));
    }

    #[test]
    fn check_images_names_the_field_and_the_reason() {
        let json = r#"{"kind": "thong-bao", "issuer": {"name": ["UBND"], "abbreviation": "UBND"},
          "place": "A", "trich_yeu": "V", "body": [{"paragraph": "x./."}], "noi_nhan": {"entries": []},
          "signature": {"post": "CHỦ TỊCH", "name": "A", "signature_image": "ky.png", "seal_image": "dau.png"}}"#;
        let doc = crate::load::from_json(json).unwrap().document;
        let limits = Limits::default();
        let mut assets = Assets::new();
        let ds = check_images(&doc, &assets, &limits);
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].path, "signature.signature_image");
        assets.insert("ky.png", real_png(8, 8));
        assets.insert_failure("dau.png", Msg::new("không thấy tệp", "file not found"));
        let ds = check_images(&doc, &assets, &limits);
        assert_eq!(ds.len(), 1);
        assert_eq!(
            (ds[0].path.as_str(), ds[0].message.en.as_str()),
            ("signature.seal_image", "file not found")
        );
        let good = real_png(8, 8);
        assets.insert("dau.png", good[..good.len() - 20].to_vec());
        let ds = check_images(&doc, &assets, &limits);
        assert!(
            ds[0]
                .message
                .en
                .contains("`dau.png`: the PNG file is damaged"),
            "{}",
            ds[0].message.en
        );
    }
}
