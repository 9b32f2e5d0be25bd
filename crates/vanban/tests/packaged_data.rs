//! The crate's own copies of the samples (for its documentation examples,
//! which must run from the published crate) stay equal to the samples.

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn read(p: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{p}")).unwrap()
}

#[test]
fn copies_equal_the_samples() {
    if !std::path::Path::new(&format!("{ROOT}/samples")).is_dir() {
        eprintln!("SKIPPED: not in the repository (a packaged crate)");
        return;
    }
    assert_eq!(
        read("crates/vanban/data/thong-bao.json"),
        read("samples/thong-bao-tien-thang-2025-02.json")
    );
    assert_eq!(
        read("crates/vanban/data/mau.template.json"),
        read("samples/bo-chi-so-2025-02.template.json")
    );
    let sample = read("samples/bo-chi-so-2025-02.csv");
    let copy = read("crates/vanban/data/du-lieu.csv");
    assert!(copy.lines().count() >= 3);
    for line in copy.lines() {
        assert!(
            sample.lines().any(|l| l == line),
            "not in the sample: {line}"
        );
    }
}
