//! Stream compression (`/FlateDecode`) with libdeflate: whole buffers at
//! once, one compressor per thread and level, kept between streams.
//!
//! krilla made a fresh zlib compressor (~300 KB of zeroed tables) per
//! stream, a quarter of a notice's PDF time. Measured on the seed notice
//! (docs/benchmarks.md, "deflate"), libdeflate needs about half the
//! instructions of zlib-rs for a smaller output at the same level.

use libdeflater::{CompressionLvl, Compressor};
use std::cell::RefCell;

/// Page content, made for every document: level 1. Each level above costs
/// at least 50 % more time for at most 5.5 % fewer content bytes (0.6 % of
/// the seed's file, which is mostly font programs).
pub(crate) const PAGE_LEVEL: i32 = 1;

/// What the renderer makes once and keeps (font programs, ToUnicode maps,
/// images, the ICC profile): level 6. Higher levels gain under 0.1 %
/// (12 gains 1.3 % for six times the time, on the first document of
/// every `vanban render` process).
pub(crate) const KEPT_LEVEL: i32 = 6;

thread_local! {
    static PAGE: RefCell<Option<Compressor>> = const { RefCell::new(None) };
    static KEPT: RefCell<Option<Compressor>> = const { RefCell::new(None) };
}

/// Page content as a zlib stream.
pub(crate) fn page(data: &[u8]) -> Vec<u8> {
    PAGE.with(|c| run(c, PAGE_LEVEL, data))
}

/// Data the renderer keeps, as a zlib stream.
pub(crate) fn kept(data: &[u8]) -> Vec<u8> {
    KEPT.with(|c| run(c, KEPT_LEVEL, data))
}

fn run(cell: &RefCell<Option<Compressor>>, level: i32, data: &[u8]) -> Vec<u8> {
    let mut slot = cell.borrow_mut();
    let c = slot.get_or_insert_with(|| {
        Compressor::new(CompressionLvl::new(level).expect("a level libdeflate has"))
    });
    let mut out = vec![0; c.zlib_compress_bound(data.len())];
    let n = c
        .zlib_compress(data, &mut out)
        .expect("the buffer has libdeflate's own bound");
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn round_trips_and_the_kept_compressor_starts_clean() {
        let a: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let b = b"BT /F0 14 Tf 85.04 758.1 Td (abc) Tj ET\n".repeat(300);
        let (za, zb) = (kept(&a), page(&b));
        assert_eq!(inflate(&za), a);
        assert_eq!(inflate(&zb), b);
        // The same input gives the same bytes, whatever came before.
        assert_eq!(page(&b), zb);
        assert_eq!(kept(&a), za);
        assert!(zb.len() < b.len() / 20);
        assert_eq!(inflate(&page(b"")), b"");
    }
}
