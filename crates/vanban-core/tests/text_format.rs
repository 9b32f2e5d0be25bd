//! The text format against every sample: JSON → text → JSON is the same
//! document (`$schema` aside, which the text does not carry).

use std::path::Path;
use vanban_core::text_format::{from_text, to_text};

fn samples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_sample_round_trips_through_text() {
    let mut unexpected = Vec::new();
    for p in samples() {
        let src = std::fs::read_to_string(&p).unwrap();
        let mut doc = vanban_core::load::from_json(&src).unwrap().document;
        doc.schema = None;
        let text = to_text(&doc).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let back = from_text(&text)
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", p.display()))
            .document;
        assert_eq!(back, doc, "{}:\n{text}", p.display());
        // Only what the text cannot say goes into JSON blocks: tables,
        // annexes, profile overrides.
        let body = serde_json::to_string(&doc.body).unwrap();
        let needs_json =
            !doc.annexes.is_empty() || doc.profile.is_some() || body.contains("\"table\"");
        if text.contains("```json") != needs_json {
            unexpected.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        unexpected.is_empty(),
        "JSON blocks where not needed, or missing: {unexpected:?}"
    );
}

/// The seed notice's text file is the seed notice.
#[test]
fn the_seed_text_is_the_seed_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let json = std::fs::read_to_string(dir.join("thong-bao-tien-thang-2025-02.json")).unwrap();
    let text = std::fs::read_to_string(dir.join("thong-bao-tien-thang-2025-02.txt")).unwrap();
    let mut a = vanban_core::load::from_json(&json).unwrap().document;
    a.schema = None;
    let b = from_text(&text).unwrap().document;
    assert_eq!(a, b);
    // And the printer writes exactly the file (no JSON block needed).
    assert_eq!(to_text(&a).unwrap(), text);
}
