//! The whole pipeline through the facade, stage by stage: JSON parse,
//! layout, PDF bytes, DOCX bytes — for the seed notice (3 pages) and for a
//! generated document of about 20 pages, so that the cost per page can be
//! compared. `pdf` is one renderer after its first document (the font
//! subsets are made then and kept); `pdf, new renderer` is what one
//! `vanban render` process pays: fonts parsed, subset and compressed.
//! Issue 13's in-process targets: PDF ≤ 1.5 ms, DOCX ≤ 0.6 ms per notice.

// The system allocator, as the `vanban` binary (vanban-cli's alloc.rs).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vanban::batch::{self, BatchOptions, Template};
use vanban::{Assets, Document, Renderer};

const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const TEMPLATE: &str = include_str!("../../../samples/bo-chi-so-2025-02.template.json");
const CSV: &[u8] = include_bytes!("../../../samples/bo-chi-so-2025-02.csv");

/// The seed with its numbered items repeated until the layout has at least
/// `pages` pages; the JSON text too, so that parsing is measured on it.
fn long_document(renderer: &Renderer, pages: usize) -> (String, Document) {
    let seed: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let body = seed["body"].as_array().unwrap().clone();
    let (head, tail) = body.split_at(body.len() - 1);
    let mut repeats = 1;
    loop {
        let mut v = seed.clone();
        let mut b: Vec<serde_json::Value> = head[..3].to_vec();
        let mut n = 0;
        for _ in 0..repeats {
            for item in &head[3..] {
                let mut item = item.clone();
                n += 1;
                item["item"]["number"] = n.into();
                b.push(item);
            }
        }
        b.extend_from_slice(tail);
        v["body"] = serde_json::Value::Array(b);
        let json = serde_json::to_string_pretty(&v).unwrap();
        let doc = vanban::load_json(&json).unwrap().document;
        if renderer.layout(&doc, &Assets::new()).unwrap().len() >= pages {
            return (json, doc);
        }
        repeats += 1;
    }
}

fn stages(c: &mut Criterion, name: &str, renderer: &Renderer, json: &str, doc: &Document) {
    let assets = Assets::new();
    let pages = renderer.layout(doc, &assets).unwrap().len();
    let mut g = c.benchmark_group(format!("{name} ({pages} pages)"));
    g.bench_function("parse", |b| {
        b.iter(|| vanban::load_json(black_box(json)).unwrap())
    });
    g.bench_function("check", |b| b.iter(|| renderer.check(black_box(doc))));
    g.bench_function("layout", |b| {
        b.iter(|| renderer.layout(black_box(doc), &assets).unwrap())
    });
    g.bench_function("pdf", |b| {
        b.iter(|| renderer.pdf(black_box(doc), &assets).unwrap())
    });
    g.bench_function("pdf, new renderer", |b| {
        b.iter(|| Renderer::new().pdf(black_box(doc), &assets).unwrap())
    });
    let signing = vanban::PdfOptions {
        pdfa: true,
        sign_field: true,
        seal_field: true,
    };
    let mut dated = doc.clone();
    dated.metadata.created = Some("2025-03-06T08:00:00".into());
    g.bench_function("pdf/a with signature fields", |b| {
        b.iter(|| {
            renderer
                .pdf_with(black_box(&dated), &assets, &signing)
                .unwrap()
        })
    });
    match renderer.docx(doc, &assets) {
        Ok(_) => {
            g.bench_function("docx", |b| {
                b.iter(|| renderer.docx(black_box(doc), &assets).unwrap())
            });
            // The DOCX writer alone, from the composition a check made
            // (what `vanban render` and the batch pay for the DOCX).
            let composed = renderer.check_document(doc.clone(), assets.clone(), None);
            g.bench_function("docx, from the check's composition", |b| {
                b.iter(|| renderer.docx_composed(black_box(&composed)).unwrap())
            });
            g.bench_function("parse+check+pdf+docx", |b| {
                b.iter(|| {
                    let d = vanban::load_json(black_box(json)).unwrap().document;
                    let _ = renderer.check(&d);
                    (
                        renderer.pdf(&d, &assets).unwrap(),
                        renderer.docx(&d, &assets).unwrap(),
                    )
                })
            });
            // As `vanban render` does it: one composition for all three.
            g.bench_function("parse+check+pdf+docx, one composition", |b| {
                b.iter(|| {
                    let d = vanban::load_json(black_box(json)).unwrap().document;
                    let c = renderer.check_document(d, assets.clone(), None);
                    renderer
                        .pdf_and_docx_composed(&c, &vanban::PdfOptions::default())
                        .unwrap()
                })
            });
        }
        // The DOCX back end may not be wired into the facade yet.
        Err(e) => eprintln!("{name}: DOCX skipped: {e}"),
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let renderer = Renderer::new();
    let seed = vanban::load_json(SEED).unwrap().document;
    stages(c, "seed notice", &renderer, SEED, &seed);
    let (json, long) = long_document(&renderer, 20);
    stages(c, "long document", &renderer, &json, &long);
}

/// The 18 sample rows in memory on every core: fill, check, PDF + DOCX.
fn batch_rows(c: &mut Criterion) {
    let renderer = Renderer::new();
    let template = Template::new(vanban::load_json(TEMPLATE).unwrap().document);
    let rows = batch::rows_from_csv(CSV).unwrap();
    let seed = vanban::load_json(SEED).unwrap().document;
    let opts = BatchOptions {
        docx: renderer.docx(&seed, &Assets::new()).is_ok(),
        ..BatchOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    c.bench_function("batch: 18 rows to files, all cores", |b| {
        b.iter(|| {
            batch::render_to_dir(
                &renderer,
                &template,
                &rows,
                &Assets::new(),
                dir.path(),
                &opts,
                &|_, _| {},
            )
            .unwrap()
        })
    });
}

criterion_group!(benches, pipeline, batch_rows);
criterion_main!(benches);
