//! No input may crash, hang or blow up `load` + `check` + `attach_positions`:
//! arbitrary text and bytes, mutated versions of the seed notice (both
//! byte-level, which mostly exercises the loader's errors, and value-level,
//! which gets past the parser and exercises the rules), and very large
//! documents checked in bounded time.

use proptest::prelude::*;
use serde_json::Value;
use std::time::{Duration, Instant};
use vanban_core::check::{attach_positions, check, locate, CheckOptions};
use vanban_core::load;

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");

/// Everything the CLI does with an input before rendering.
fn run_all(src: &str) {
    let ascii_only = |c: char, _: bool, _: bool| c.is_ascii() || c.is_alphabetic();
    let opts = CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 3, 6),
        can_draw: Some(&ascii_only),
    };
    match load::from_json(src) {
        Ok(loaded) => {
            let mut ds = check(&loaded.document, &opts);
            ds.extend(loaded.notes);
            attach_positions(src, &mut ds);
            for d in &ds {
                let _ = d.render("x.json", vanban_core::Lang::Vi);
            }
        }
        Err(e) => {
            let _ = e.0.render("x.json", vanban_core::Lang::En);
        }
    }
    let _ = locate(src, "body[0].paragraph");
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter)
}

/// A character mix that is mostly JSON syntax and Vietnamese text, so that
/// byte mutations land on interesting places.
fn mutation_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '{', '}', '[', ']', ',', ':', '"', '\\', '0', '9', '-', ' ', '\n', 'Đ', 'ạ', '\u{0}',
            '\u{301}', '/', '*', '.',
        ]),
        any::<char>(),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, char),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), mutation_char()).prop_map(|(a, c)| Edit::Insert(a, c)),
        (any::<usize>(), 1..200usize).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ]
}

fn apply(src: &str, edits: &[Edit]) -> String {
    let mut cs: Vec<char> = src.chars().collect();
    for e in edits {
        let len = cs.len().max(1);
        match *e {
            Edit::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(cs.len());
                cs.drain(a.min(b)..b);
            }
            Edit::Insert(a, c) => cs.insert(a % (cs.len() + 1), c),
            Edit::Duplicate(a, n) => {
                let a = a % len;
                let b = (a + n).min(cs.len());
                let piece: Vec<char> = cs[a.min(b)..b].to_vec();
                cs.splice(b..b, piece);
            }
        }
    }
    cs.into_iter().collect()
}

/// A value-level change somewhere in the sample's JSON tree.
#[derive(Debug, Clone)]
enum Change {
    String(String),
    Number(i64),
    Float(f64),
    Bool(bool),
    Null,
    Remove,
    EmptyArray,
    EmptyObject,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        text().prop_map(Change::String),
        any::<i64>().prop_map(Change::Number),
        any::<f64>().prop_map(Change::Float),
        any::<bool>().prop_map(Change::Bool),
        Just(Change::Null),
        Just(Change::Remove),
        Just(Change::EmptyArray),
        Just(Change::EmptyObject),
    ]
}

/// Applies `change` to the `pick`-th node of the tree (depth first).
fn mutate(v: &mut Value, pick: &mut usize, change: &Change) -> bool {
    let here = *pick == 0;
    *pick = pick.saturating_sub(1);
    if here {
        *v = match change {
            Change::String(s) => Value::String(s.clone()),
            Change::Number(n) => Value::from(*n),
            Change::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Change::Bool(b) => Value::Bool(*b),
            Change::Null | Change::Remove => Value::Null,
            Change::EmptyArray => Value::Array(vec![]),
            Change::EmptyObject => Value::Object(Default::default()),
        };
        return true;
    }
    match v {
        Value::Array(a) => {
            for i in 0..a.len() {
                if *pick == 0 && matches!(change, Change::Remove) {
                    a.remove(i);
                    return true;
                }
                if mutate(&mut a[i], pick, change) {
                    return true;
                }
            }
        }
        Value::Object(o) => {
            let keys: Vec<String> = o.keys().cloned().collect();
            for k in keys {
                if *pick == 0 && matches!(change, Change::Remove) {
                    o.remove(&k);
                    return true;
                }
                if mutate(o.get_mut(&k).unwrap(), pick, change) {
                    return true;
                }
            }
        }
        _ => {}
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in text()) {
        run_all(&s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = load::from_slice(&b);
        if let Ok(s) = std::str::from_utf8(&b) {
            run_all(s);
        }
    }

    #[test]
    fn byte_mutations_of_the_sample_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        run_all(&apply(SAMPLE, &edits));
    }

    #[test]
    fn value_mutations_of_the_sample_never_panic(
        changes in prop::collection::vec((any::<usize>(), change()), 1..4)
    ) {
        let mut v: Value = serde_json::from_str(SAMPLE).unwrap();
        for (pick, c) in &changes {
            let mut p = *pick % count(&v);
            mutate(&mut v, &mut p, c);
        }
        let src = serde_json::to_string_pretty(&v).unwrap();
        run_all(&src);
    }
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

fn doc_with_body(blocks: Vec<Value>) -> String {
    let mut v: Value = serde_json::from_str(SAMPLE).unwrap();
    v["body"] = Value::Array(blocks);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Checks and positions `src`, returning the number of diagnostics and the
/// time taken.
fn timed(src: &str) -> (usize, Duration) {
    let start = Instant::now();
    let loaded = load::from_json(src).unwrap();
    let yes = |_: char, _: bool, _: bool| true;
    let opts = CheckOptions {
        today: None,
        can_draw: Some(&yes),
    };
    let mut ds = check(&loaded.document, &opts);
    attach_positions(src, &mut ds);
    assert!(ds.iter().all(|d| d.position.is_some()));
    (ds.len(), start.elapsed())
}

// Bounds are generous for an unoptimised build on a shared 2-core machine;
// a quadratic walk over these inputs would take minutes, not seconds.
const BOUND: Duration = Duration::from_secs(30);

#[test]
fn ten_thousand_paragraphs_each_with_a_diagnostic() {
    let blocks = (0..10_000)
        .map(
            |i| serde_json::json!({"paragraph": format!("Đoạn {i} theo văn bản số {i}/UBND -VP.")}),
        )
        .chain([serde_json::json!({"paragraph": "Hết./."})])
        .collect();
    let src = doc_with_body(blocks);
    let (n, t) = timed(&src);
    eprintln!("10 000 paragraphs: {n} diagnostics in {t:?}");
    assert!(n >= 10_000, "{n}");
    assert!(t < BOUND, "{t:?}");
}

#[test]
fn a_five_thousand_character_word_and_a_megabyte_paragraph() {
    let word = "Đ".repeat(5_000);
    let big = "Nội dung văn bản, ".repeat(60_000) + "./.";
    let src = doc_with_body(vec![
        serde_json::json!({"paragraph": word}),
        serde_json::json!({"paragraph": "1/".repeat(20_000) + &"9".repeat(5_000) + "/ A"}),
        serde_json::json!({"paragraph": big}),
    ]);
    let (_, t) = timed(&src);
    assert!(t < BOUND, "{t:?}");
}

#[test]
fn a_table_of_two_thousand_rows() {
    let rows: Vec<Value> = (0..2_000)
        .map(|i| {
            if i % 2 == 0 {
                serde_json::json!([format!("{i}"), "Tên", "Ghi chú"])
            } else {
                serde_json::json!([format!("{i}"), "Thiếu một ô"])
            }
        })
        .collect();
    let src = doc_with_body(vec![
        serde_json::json!({"table": {"columns": [{}, {"width": 3}, {"width": 2}], "rows": rows}}),
        serde_json::json!({"paragraph": "Hết./."}),
    ]);
    let (n, t) = timed(&src);
    assert!(n >= 1_000, "{n}");
    assert!(t < BOUND, "{t:?}");
}

#[test]
fn deeply_nested_items() {
    let mut block = serde_json::json!({"paragraph": "Sâu nhất./."});
    for _ in 0..40 {
        block = serde_json::json!({"item": {"number": 1, "text": "Mục", "children": [block]}});
    }
    let src = doc_with_body(vec![block]);
    let (_, t) = timed(&src);
    assert!(t < BOUND, "{t:?}");
}
