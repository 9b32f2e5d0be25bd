//! JSON → model → JSON → model gives the same model, for every sample and
//! for every starter shape; and the model expresses the seed word for word.

use vanban_core::{load, Block, CanCu, Document};

const SAMPLES: &[(&str, &str)] = &[
    (
        "seed",
        include_str!("../../../samples/thong-bao-tien-thang-2025-02.json"),
    ),
    (
        "table",
        include_str!("../../../samples/thong-bao-bang-ket-qua.json"),
    ),
    (
        "signed",
        include_str!("../../../samples/thong-bao-ban-ky.json"),
    ),
];

fn round_trip(doc: &Document) -> Document {
    let json = serde_json::to_string_pretty(doc).unwrap();
    load::from_json(&json)
        .unwrap_or_else(|e| panic!("{e}\n{json}"))
        .document
}

#[test]
fn samples_round_trip() {
    for (name, src) in SAMPLES {
        let doc = load::from_json(src).unwrap().document;
        assert_eq!(round_trip(&doc), doc, "{name}");
        // And the serialised form is stable (a second trip changes nothing).
        let once = serde_json::to_string(&doc).unwrap();
        let twice = serde_json::to_string(&round_trip(&doc)).unwrap();
        assert_eq!(once, twice, "{name}");
    }
}

#[test]
fn runs_markup_and_special_characters_survive() {
    let src = SAMPLES[0].1.replace(
        "\"paragraph\": \"Trên đây",
        "\"paragraph\": [\"**đậm** *nghiêng* __gạch__ \\\\* 5 * 3 snake_case \", {\"text\": \"a**b\", \"bold\": true}, \"Trên đây",
    );
    let src = src.replacen("trên địa bàn xã./.\"", "trên địa bàn xã./.\"]", 1);
    let doc = load::from_json(&src).unwrap().document;
    assert_eq!(round_trip(&doc), doc);
}

/// The seed notice, word for word: every paragraph of the Markdown
/// transcription (bold markers removed) is a text of the model.
#[test]
fn the_model_carries_the_seed_word_for_word() {
    // The transcription lives in the project's shared reference folder,
    // beside the repository; without it there is nothing to compare.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds/thong-bao-tien-thang-2025-02.md"
    );
    let Ok(seed) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED: {path} not found");
        return;
    };
    let doc = load::from_json(SAMPLES[0].1).unwrap().document;
    let mut texts: Vec<String> = Vec::new();
    if let Some(CanCu::Paragraph(t)) = &doc.can_cu {
        texts.push(t.plain_text());
    }
    fn walk(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph(t) => out.push(t.plain_text()),
                Block::List(items) => {
                    out.extend(items.iter().map(|i| format!("- {}", i.text.plain_text())))
                }
                Block::Item(it) => {
                    let head = it
                        .heading
                        .as_ref()
                        .map(|h| format!("{} ", h.plain_text()))
                        .unwrap_or_default();
                    out.push(format!("{}. {}{}", it.number, head, it.text.plain_text()));
                    walk(&it.children, out);
                }
                _ => {}
            }
        }
    }
    walk(&doc.body, &mut texts);
    let seed = seed.replace("**", "").replace(
        "(<https://dichvucong.gov.vn/>)",
        "(https://dichvucong.gov.vn/)",
    );
    for t in &texts {
        assert!(seed.contains(t.as_str()), "not in the seed: {t}");
    }
    assert_eq!(texts.len(), 14);
    for e in &doc.noi_nhan.entries {
        assert!(seed.contains(&format!("- {}", e.plain_text())));
    }
    assert!(seed.contains(&format!("- {}", doc.noi_nhan.luu.as_ref().unwrap().text())));
    for l in doc
        .trich_yeu
        .0
        .iter()
        .chain(doc.signature.authority.iter())
        .chain([&doc.signature.post, &doc.signature.name])
    {
        assert!(seed.contains(l.as_str()), "{l}");
    }
}
