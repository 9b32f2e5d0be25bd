//! PNG images (signature, seal) as image XObjects: 8-bit DeviceRGB or
//! DeviceGray samples, the alpha channel as a soft mask (`/SMask`, which
//! PDF/A-2 permits), `/Interpolate false` (PDF/A forbids interpolation,
//! which is why `--pdfa` with krilla refused every signature image).
//!
//! DeviceRGB and DeviceGray are allowed in PDF/A-2b because the file has an
//! sRGB output intent (ISO 19005-2, 6.2.4.3).

use pdf_writer::{Chunk, Filter, Finish, Name, Ref};

/// A decoded image, compressed and ready to be written (kept across
/// documents by the renderer, like the font subsets).
pub(crate) struct PdfImage {
    width: u32,
    height: u32,
    gray: bool,
    /// Compressed samples.
    color: Vec<u8>,
    /// Compressed alpha, when any pixel is not opaque.
    alpha: Option<Vec<u8>>,
}

impl PdfImage {
    /// Decodes a PNG (any bit depth, palette, gray or colour, with or
    /// without alpha or a transparent colour).
    pub(crate) fn from_png(bytes: &[u8]) -> Result<PdfImage, String> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        // Palette and tRNS to RGB(A), 16 bits to 8, 1–4 bits to 8.
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| "the image is too large".to_string())?;
        let mut buf = vec![0; size];
        let frame = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        buf.truncate(frame.buffer_size());
        let (width, height) = (frame.width, frame.height);
        let (channels, gray, has_alpha) = match frame.color_type {
            png::ColorType::Grayscale => (1, true, false),
            png::ColorType::GrayscaleAlpha => (2, true, true),
            png::ColorType::Rgb => (3, false, false),
            png::ColorType::Rgba => (4, false, true),
            png::ColorType::Indexed => return Err("palette left unexpanded".into()),
        };
        let row = frame.line_size;
        let color_channels = channels - has_alpha as usize;
        let mut color = Vec::with_capacity(width as usize * height as usize * color_channels);
        let mut alpha = Vec::new();
        for line in buf.chunks_exact(row).take(height as usize) {
            let px = &line[..width as usize * channels];
            if has_alpha {
                for p in px.chunks_exact(channels) {
                    color.extend_from_slice(&p[..color_channels]);
                    alpha.push(p[color_channels]);
                }
            } else {
                color.extend_from_slice(px);
            }
        }
        let opaque = alpha.iter().all(|&a| a == 255);
        Ok(PdfImage {
            width,
            height,
            gray,
            color: vanban_deflate::zlib(vanban_deflate::Level::Thorough, &color),
            alpha: (has_alpha && !opaque)
                .then(|| vanban_deflate::zlib(vanban_deflate::Level::Thorough, &alpha)),
        })
    }

    /// Writes the XObject `id` (and its mask as `mask`, when it has one).
    pub(crate) fn write(&self, chunk: &mut Chunk, id: Ref, mask: Ref) {
        let mut x = chunk.image_xobject(id, &self.color);
        x.filter(Filter::FlateDecode);
        x.width(self.width as i32)
            .height(self.height as i32)
            .bits_per_component(8)
            .interpolate(false);
        if self.gray {
            x.color_space_name(Name(b"DeviceGray"));
        } else {
            x.color_space_name(Name(b"DeviceRGB"));
        }
        if self.alpha.is_some() {
            x.s_mask(mask);
        }
        x.finish();
        if let Some(a) = &self.alpha {
            let mut m = chunk.image_xobject(mask, a);
            m.filter(Filter::FlateDecode);
            m.width(self.width as i32)
                .height(self.height as i32)
                .bits_per_component(8)
                .interpolate(false);
            m.color_space_name(Name(b"DeviceGray"));
            m.finish();
        }
    }
}
