//! Renders one document N times with one renderer, for instruction counts
//! under callgrind (`perf stat -e instructions` is not available on the
//! virtual machines we measure on): the cost of one PDF after the first is
//! (Ir(N) − Ir(1)) / (N − 1).
//!
//! `cargo run --release -p vanban-pdf --example render_many -- [N] [FILE.json] [--pdfa] [--sign] [--out=OUT.pdf]`
//! (`--sign` adds both signature fields; images are read next to the JSON).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::sync::Arc;
use vanban_core::{load, Assets, Profile};
use vanban_fonts::Fonts;
use vanban_pdf::{PdfOptions, PdfRenderer};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
    let path = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "samples/thong-bao-tien-thang-2025-02.json".into());
    let pdfa = args.iter().any(|a| a == "--pdfa");
    let sign = args.iter().any(|a| a == "--sign");
    let out = args.iter().find_map(|a| a.strip_prefix("--out="));
    let json = std::fs::read_to_string(&path).expect("read the document");
    let mut doc = load::from_json(&json).expect("a valid document").document;
    doc.metadata.created = Some("2025-03-06T08:00:00".into());
    let mut assets = Assets::new();
    let sig = &doc.signature;
    for r in [&sig.signature_image, &sig.seal_image]
        .into_iter()
        .flatten()
    {
        let dir = std::path::Path::new(&path).parent().expect("a folder");
        assets.insert(
            r.clone(),
            std::fs::read(dir.join(r)).expect("read the image"),
        );
    }
    let renderer = PdfRenderer::new(Arc::new(Fonts::embedded())).expect("fonts");
    let opts = PdfOptions {
        pdfa,
        sign_field: sign,
        seal_field: sign,
    };
    let mut total = 0;
    for _ in 0..n {
        let pdf = renderer
            .render(&doc, &Profile::nd30(), &assets, &opts)
            .expect("render");
        total += pdf.len();
        if let Some(out) = out {
            std::fs::write(out, &pdf).expect("write the PDF");
        }
    }
    println!("{n} PDFs, {} bytes each", total / n.max(1));
}
