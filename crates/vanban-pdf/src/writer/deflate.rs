//! Stream compression (`/FlateDecode`): zlib-rs through flate2, one
//! compressor per thread, reset between streams.
//!
//! A fresh compressor allocates and zeroes ~300 KB of window and hash
//! tables; krilla made one per stream, and that alone was a quarter of a
//! notice's PDF time (docs/benchmarks.md). Resetting keeps the buffers.

use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;

/// The zlib level of every stream. Measured on the seed notice's content
/// streams (docs/benchmarks.md, "deflate level"): level 6 is 3 % smaller
/// than level 1 on page content and twice as slow; the fonts and maps are
/// compressed once per renderer and cached, so only the pages pay per
/// document.
pub(crate) const LEVEL: u32 = 6;

thread_local! {
    static COMPRESSOR: RefCell<Option<Compress>> = const { RefCell::new(None) };
}

/// `data` as a zlib stream.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    deflate_at(data, LEVEL)
}

/// `data` as a zlib stream at another level: for the benchmark that
/// chose [`LEVEL`]; such a compressor is not kept.
#[doc(hidden)]
pub fn deflate_at(data: &[u8], level: u32) -> Vec<u8> {
    if level != LEVEL {
        return run(&mut Compress::new(Compression::new(level), true), data);
    }
    COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let c = slot.get_or_insert_with(|| Compress::new(Compression::new(LEVEL), true));
        c.reset();
        run(c, data)
    })
}

fn run(c: &mut Compress, data: &[u8]) -> Vec<u8> {
    // zlib's bound for incompressible input is a few bytes per 16 KB, so
    // one call nearly always finishes.
    let mut out = Vec::with_capacity(data.len() + data.len() / 1000 + 64);
    loop {
        let consumed = c.total_in() as usize;
        let status = c
            .compress_vec(&data[consumed..], &mut out, FlushCompress::Finish)
            .expect("deflate of an in-memory buffer cannot fail");
        if status == Status::StreamEnd {
            return out;
        }
        out.reserve(out.capacity().max(4096));
    }
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
    fn round_trips_and_the_reused_compressor_starts_clean() {
        let a: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let b = b"BT /F0 14 Tf 85.04 758.1 Td (abc) Tj ET\n".repeat(300);
        let za = deflate(&a);
        let zb = deflate(&b);
        assert_eq!(inflate(&za), a);
        assert_eq!(inflate(&zb), b);
        // The same input gives the same bytes, whatever came before.
        assert_eq!(deflate(&b), zb);
        assert!(zb.len() < b.len() / 20);
        assert_eq!(inflate(&deflate(b"")), b"");
        assert_eq!(inflate(&deflate_at(&b, 1)), b);
    }
}
