//! Deflate for vanban's writers: zlib streams for the PDF, raw deflate for
//! the DOCX package, from one libdeflate compressor per thread and level.
//!
//! A compressor is 200 KB of tables, all touched on first use: in a
//! `vanban render` process, which writes one PDF and one DOCX, each extra
//! compressor is about 50 page faults. So both writers share these.
//!
//! Everything made for each document (page content, font programs, their
//! ToUnicode maps, the DOCX's parts) uses [`Level::Fast`]; what a renderer
//! makes once and keeps (images, the ICC profile) may use
//! [`Level::Thorough`].
//!
//! ```
//! use vanban_deflate::{zlib, Level};
//! let text = b"BT /F0 14 Tf 85.04 758.1 Td (abc) Tj ET\n".repeat(50);
//! let z = zlib(Level::Fast, &text);
//! assert!(z.len() < text.len() / 10);
//! ```
#![warn(missing_docs)]

use libdeflater::{CompressionLvl, Compressor};
use std::cell::RefCell;

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// libdeflate's level 1. Measured on the seed notice (docs/benchmarks.md):
    /// each level above costs at least 50 % more time; level 6 makes the
    /// font programs 2 % smaller and the DOCX parts 6 %.
    Fast,
    /// libdeflate's level 6: higher levels gain under 0.1 %.
    Thorough,
}

thread_local! {
    static FAST: RefCell<Option<Compressor>> = const { RefCell::new(None) };
    static THOROUGH: RefCell<Option<Compressor>> = const { RefCell::new(None) };
}

/// `data` as a zlib stream (what a PDF's `/FlateDecode` holds).
pub fn zlib(level: Level, data: &[u8]) -> Vec<u8> {
    compress(
        level,
        data,
        Compressor::zlib_compress_bound,
        Compressor::zlib_compress,
    )
}

/// `data` as raw deflate (what a ZIP entry holds).
pub fn deflate(level: Level, data: &[u8]) -> Vec<u8> {
    compress(
        level,
        data,
        Compressor::deflate_compress_bound,
        Compressor::deflate_compress,
    )
}

/// One of libdeflate's formats: compress into a buffer, give its length.
type Format<E> = fn(&mut Compressor, &[u8], &mut [u8]) -> Result<usize, E>;

/// `data` through one of libdeflate's formats, into a buffer of its bound.
fn compress<E: std::fmt::Debug>(
    level: Level,
    data: &[u8],
    bound: fn(&mut Compressor, usize) -> usize,
    run: Format<E>,
) -> Vec<u8> {
    with(level, |c| {
        let mut out = vec![0; bound(c, data.len())];
        let n = run(c, data, &mut out).expect("the buffer has libdeflate's own bound");
        out.truncate(n);
        out
    })
}

/// Raw deflate `data` inflated to exactly `size` bytes, or `None` when it
/// is corrupt or holds another number of bytes.
pub fn inflate(data: &[u8], size: usize) -> Option<Vec<u8>> {
    let mut out = vec![0; size];
    let n = libdeflater::Decompressor::new()
        .deflate_decompress(data, &mut out)
        .ok()?;
    (n == size).then_some(out)
}

/// CRC-32 of `data` (a ZIP entry's checksum).
pub fn crc32(data: &[u8]) -> u32 {
    libdeflater::crc32(data)
}

fn with<T>(level: Level, f: impl FnOnce(&mut Compressor) -> T) -> T {
    let (cell, n) = match level {
        Level::Fast => (&FAST, 1),
        Level::Thorough => (&THOROUGH, 6),
    };
    cell.with(|slot| {
        let mut slot = slot.borrow_mut();
        f(slot.get_or_insert_with(|| {
            Compressor::new(CompressionLvl::new(n).expect("a level libdeflate has"))
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate_zlib(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn inflate_raw(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn round_trips_and_a_compressor_starts_clean_each_time() {
        let a: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let b = b"BT /F0 14 Tf 85.04 758.1 Td (abc) Tj ET\n".repeat(300);
        let (za, zb) = (zlib(Level::Thorough, &a), zlib(Level::Fast, &b));
        assert_eq!(inflate_zlib(&za), a);
        assert_eq!(inflate_zlib(&zb), b);
        // The same input gives the same bytes, whatever came before, in
        // either format from the one compressor.
        let raw = deflate(Level::Fast, &b);
        assert_eq!(inflate_raw(&raw), b);
        assert_eq!(inflate(&raw, b.len()).as_deref(), Some(&b[..]));
        assert_eq!(inflate(&raw, b.len() + 1), None);
        assert_eq!(inflate(&raw[1..], b.len()), None);
        assert_eq!(zlib(Level::Fast, &b), zb);
        assert_eq!(zlib(Level::Thorough, &a), za);
        assert_eq!(deflate(Level::Fast, &b), raw);
        assert!(zb.len() < b.len() / 20);
        assert_eq!(inflate_zlib(&zlib(Level::Fast, b"")), b"");
        // Thorough is not Fast.
        let text: String = (0..5000u32)
            .map(|i| {
                format!(
                    "BT /F{} {} Tf {} {} Td ({i}) Tj ET\n",
                    i % 4,
                    10 + i % 5,
                    i * 13 % 600,
                    i * 7 % 800
                )
            })
            .collect();
        assert!(
            zlib(Level::Thorough, text.as_bytes()).len() < zlib(Level::Fast, text.as_bytes()).len()
        );
    }

    #[test]
    fn crc32_is_the_zip_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
