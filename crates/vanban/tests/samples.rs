//! Every sample in `samples/` — one per form of Phụ lục III — checks clean
//! and reaches the pages whole: each string the author wrote appears, word
//! for word and in order, in the laid-out text.

use std::path::PathBuf;
use vanban::{Assets, Document, Renderer};
use vanban_core::{Form, JsonPath, Severity};

fn samples() -> Vec<(String, Document)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        if src.contains("{{") {
            continue; // the batch template
        }
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = vanban::load_json(&src)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .document;
        out.push((name, doc));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The seed notice and its variants keep their author's own slips on
/// purpose (`528/UBND -VP`, `Lưu: VP.`, item 1 without its run-in heading);
/// every other sample must check clean.
const SEED_SLIPS: &[&str] = &[
    "text.reference_spacing",
    "body.item_emphasis",
    "noi_nhan.luu_vt",
];

#[test]
fn every_form_has_a_sample_and_each_checks_clean() {
    let r = Renderer::new();
    let all = samples();
    for form in Form::ALL {
        assert!(
            all.iter().any(|(_, d)| d.form() == *form),
            "no sample of Mẫu {}",
            form.mau()
        );
    }
    assert!(
        all.iter()
            .any(|(_, d)| d.annexes.iter().any(|a| a.kind.is_none())),
        "no sample with a Phụ lục"
    );
    for separate in [false, true] {
        assert!(
            all.iter().any(|(_, d)| d
                .annexes
                .iter()
                .any(|a| a.kind.is_none() && a.separate_file == separate)),
            "no sample of Mẫu {}",
            if separate { "2.2" } else { "2.1" }
        );
    }
    for (name, doc) in &all {
        let seed = name.starts_with("thong-bao");
        for d in r.check(doc) {
            let allowed = d.severity == Severity::Note || (seed && SEED_SLIPS.contains(&d.code));
            assert!(allowed, "{name}: {} {} {}", d.code, d.path, d.message.en);
        }
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn every_word_the_author_wrote_reaches_the_pages() {
    let r = Renderer::new();
    for (name, doc) in samples() {
        let mut pages = r.layout(&doc, &Assets::new()).unwrap();
        // Annexes delivered as files of their own (Mẫu 2.2) are on theirs.
        for i in Renderer::separate_annexes(&doc) {
            pages.extend(r.annex_layout(&doc, &Assets::new(), i).unwrap());
        }
        // The pages' words in drawing order, one space apart: a string the
        // author wrote must occur in it whole (line breaks only change spaces).
        let text: String = pages
            .iter()
            .flat_map(|p| p.runs().map(|r| r.text.clone()).collect::<Vec<_>>())
            .flat_map(|t| words(&t))
            .collect::<Vec<_>>()
            .join(" ");
        let form = doc.form();
        let mut missing = Vec::new();
        doc.visit_strings(&mut |path: &JsonPath, s: &str| {
            let p = path.to_string();
            // Not printed as such: codes, metadata, file references; the
            // full name only feeds an annex's reference line.
            let hidden = p.starts_with("metadata")
                || p.starts_with("so_hieu")
                || p.starts_with("issuer.abbreviation")
                || p.starts_with("issuer.full_name")
                || p.ends_with("_image")
                || p.starts_with("noi_nhan.luu.units")
                || (p == "place" && form == Form::BienBan && doc.date.is_none());
            if !hidden && !text.contains(&words(s).join(" ")) {
                missing.push(format!("{p}: {s}"));
            }
        });
        assert!(missing.is_empty(), "{name}: not on the pages: {missing:#?}");
    }
}

#[test]
fn every_sample_renders_to_pdf() {
    let r = Renderer::new();
    for (name, doc) in samples() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        let mut assets = Assets::new();
        for i in [&doc.signature.signature_image, &doc.signature.seal_image]
            .into_iter()
            .flatten()
        {
            assets.insert(i.clone(), std::fs::read(dir.join(i)).unwrap());
        }
        let a = r
            .pdf(&doc, &assets)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = r.pdf(&doc, &assets).unwrap();
        assert!(a.starts_with(b"%PDF-"), "{name}");
        assert_eq!(a, b, "{name}: same input, same bytes");
        // Both formats from one composition are the files each gives alone.
        let (pdf, docx) = r.pdf_and_docx(&doc, &assets, &Default::default()).unwrap();
        assert!(pdf == a, "{name}: pdf_and_docx's PDF differs from pdf()");
        assert!(
            docx == r.docx(&doc, &assets).unwrap(),
            "{name}: pdf_and_docx's DOCX differs from docx()"
        );
    }
}
