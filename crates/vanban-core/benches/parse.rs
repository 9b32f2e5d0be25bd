//! Loading: JSON parse with field paths, and NFC normalisation of every
//! string — on the seed notice as typed (already NFC) and decomposed (NFD,
//! as some Vietnamese input methods and macOS file names produce it).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use unicode_normalization::UnicodeNormalization;
use vanban_core::load;

const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");

fn parse(c: &mut Criterion) {
    let nfd: String = SEED.nfd().collect();
    let doc = load::from_json(SEED).unwrap().document;
    let mut g = c.benchmark_group("load seed notice");
    g.bench_function("parse (NFC input)", |b| {
        b.iter(|| load::from_json(black_box(SEED)).unwrap())
    });
    g.bench_function("parse (NFD input)", |b| {
        b.iter(|| load::from_json(black_box(&nfd)).unwrap())
    });
    g.bench_function("normalize only (already NFC)", |b| {
        b.iter(|| load::normalize(black_box(doc.clone())))
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
