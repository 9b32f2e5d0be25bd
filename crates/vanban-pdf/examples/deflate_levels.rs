//! Size and cost of each deflate back end and level on the seed notice's
//! streams, to choose the writer's levels (docs/benchmarks.md, "deflate").
//! Count instructions under callgrind, once with ROUNDS and once with 0
//! (the cost of everything but the compression):
//!
//! `valgrind --tool=callgrind target/release/examples/deflate_levels libdeflate|zlib-rs LEVEL ROUNDS pages|fonts`

use lopdf::{Document as Pdf, Object};
use std::sync::Arc;
use vanban_core::{load, Assets, Profile};
use vanban_fonts::Fonts;
use vanban_pdf::{PdfOptions, PdfRenderer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, d: &str| args.get(i).cloned().unwrap_or_else(|| d.to_string());
    let (backend, level, rounds, what) = (
        arg(0, "libdeflate"),
        arg(1, "6").parse::<u32>().expect("a level"),
        arg(2, "20").parse::<u32>().expect("a number of rounds"),
        arg(3, "pages"),
    );
    let json = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
    let doc = load::from_json(json).expect("the seed loads").document;
    let renderer = PdfRenderer::new(Arc::new(Fonts::embedded())).expect("fonts");
    let pdf = renderer
        .render(
            &doc,
            &Profile::nd30(),
            &Assets::new(),
            &PdfOptions::default(),
        )
        .expect("render");
    let pdf = Pdf::load_mem(&pdf).expect("our PDF parses");
    let data: Vec<Vec<u8>> = if what == "pages" {
        pdf.get_pages()
            .values()
            .map(|id| pdf.get_page_content(*id))
            .collect()
    } else {
        // Font programs and ToUnicode maps: what a renderer compresses once.
        pdf.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| {
                s.dict.get(b"Length1").is_ok()
                    || s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"CMap")
            })
            .map(|s| s.decompressed_content().expect("our streams inflate"))
            .collect()
    };
    let raw: usize = data.iter().map(Vec::len).sum();
    let mut size = 0;
    if backend == "zlib-rs" {
        use flate2::{Compress, Compression, FlushCompress};
        let mut c = Compress::new(Compression::new(level), true);
        for _ in 0..rounds {
            size = 0;
            for d in &data {
                c.reset();
                let mut out = Vec::with_capacity(d.len() + 64);
                c.compress_vec(d, &mut out, FlushCompress::Finish)
                    .expect("deflate");
                size += out.len();
            }
        }
    } else {
        use libdeflater::{CompressionLvl, Compressor};
        let mut c = Compressor::new(CompressionLvl::new(level as i32).expect("a level"));
        for _ in 0..rounds {
            size = 0;
            for d in &data {
                let mut out = vec![0; c.zlib_compress_bound(d.len())];
                size += c.zlib_compress(d, &mut out).expect("deflate");
            }
        }
    }
    println!(
        "{backend} level {level}, {what}: {} streams, {raw} bytes raw, {size} compressed",
        data.len()
    );
}
