//! Property-based fuzzing of the whole pipeline: bytes → load → check →
//! layout → PDF → DOCX must never panic, whatever the input. The number of
//! cases comes from FUZZ_CASES (default: a short pass for CI).

use proptest::prelude::*;
use std::sync::OnceLock;
use vanban::{Assets, Renderer};

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const TABLE: &str = include_str!("../../../samples/thong-bao-bang-ket-qua.json");

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::new)
}

/// Runs the whole pipeline; only a panic fails.
fn pipeline(bytes: &[u8]) {
    let Ok(loaded) = vanban::load_slice(bytes) else {
        return;
    };
    let doc = loaded.document;
    let r = renderer();
    let mut diags = r.check(&doc);
    if let Ok(src) = std::str::from_utf8(bytes) {
        vanban::attach_positions(src, &mut diags);
    }
    // Render even documents with errors: the back ends must not panic on
    // what validation would have stopped.
    let _ = r.pdf(&doc, &Assets::new());
    let _ = r.docx(&doc, &Assets::new());
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// Strings that mix Vietnamese, markup, control characters and long words.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("Ủy ban ".to_string()),
            Just("**".to_string()),
            Just("*".to_string()),
            Just("__".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just(" ".to_string()),
            Just("12/TB-UBND".to_string()),
            Just("./.".to_string()),
            Just("e\u{301}".to_string()),
            "[a-zđươăâêôA-Z0-9 ,.;:()/-]{0,12}",
            any::<char>().prop_map(|c| c.to_string()),
            Just("x".repeat(300)),
        ],
        0..20,
    )
    .prop_map(|v| v.concat())
}

fn set_path(v: &mut serde_json::Value, path: &[&str], new: serde_json::Value) {
    let mut cur = v;
    for (i, k) in path.iter().enumerate() {
        let next = if let Ok(n) = k.parse::<usize>() {
            cur.get_mut(n)
        } else {
            cur.get_mut(*k)
        };
        match next {
            Some(n) if i + 1 < path.len() => cur = n,
            Some(n) => {
                *n = new;
                return;
            }
            None => return,
        }
    }
}

const PATHS: &[&[&str]] = &[
    &["place"],
    &["trich_yeu", "0"],
    &["issuer", "name", "0"],
    &["issuer", "abbreviation"],
    &["body", "0", "paragraph"],
    &["body", "1", "list", "0"],
    &["body", "3", "item", "text"],
    &["body", "4", "item", "heading"],
    &["noi_nhan", "entries", "0"],
    &["signature", "name"],
    &["signature", "post"],
    &["signature", "authority", "0"],
    &["date"],
    &["so_hieu"],
    &["can_cu", "paragraph"],
    &["profile"],
];

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        pipeline(&bytes);
    }

    #[test]
    fn mutated_sample_bytes(pos in 0usize..SAMPLE.len(), byte in any::<u8>(), cut in any::<bool>()) {
        let mut b = SAMPLE.as_bytes().to_vec();
        if cut { b.truncate(pos) } else { b[pos] = byte }
        pipeline(&b);
    }

    #[test]
    fn sample_with_strange_values(k in 0..PATHS.len(), s in text(), num in any::<i64>(), pick in 0u8..4, table in any::<bool>()) {
        let mut v: serde_json::Value = serde_json::from_str(if table { TABLE } else { SAMPLE }).unwrap();
        let new = match pick {
            0 => serde_json::Value::String(s),
            1 => serde_json::json!(num),
            2 => serde_json::json!({"year": num, "month": num % 14, "day": num % 33}),
            _ => serde_json::json!({"body_size_pt": (num % 30) as f64, "margins_mm": {"left": (num % 50) as f64}}),
        };
        set_path(&mut v, PATHS[k], new);
        pipeline(serde_json::to_string(&v).unwrap().as_bytes());
    }
}

/// Regression cases: inputs that once crashed something, or came close.
#[test]
fn regressions() {
    for input in [
        // A word longer than the whole line, in a table column of width ~0.
        r#"{"kind":"thong-bao","issuer":{"name":"A","abbreviation":"B"},"place":"C","trich_yeu":"D","body":[{"table":{"columns":[{"width":0.0001},{"width":1000}],"rows":[["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","y"]]}}],"noi_nhan":{"entries":[]},"signature":{"post":"E","name":"F"}}"#,
        // Empty everything.
        r#"{"kind":"thong-bao","issuer":{"name":[],"abbreviation":""},"place":"","trich_yeu":[],"body":[],"noi_nhan":{"entries":[]},"signature":{"post":"","name":""}}"#,
    ] {
        pipeline(input.as_bytes());
    }
}
