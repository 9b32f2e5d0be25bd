//! The WebAssembly module (crates/vanban-wasm, built by web/build.sh) run
//! in Node against this command: the same input and creation time give
//! the same PDF and DOCX bytes, JSON and the text format alike, and a
//! broken input is an error diagnostic naming its field, not an
//! exception.
//!
//! The module is built when `web/dist/vanban_bg.wasm` is missing or older
//! than the sources. Where Node or the WebAssembly toolchain (clang, the
//! wasm32 target, the wasm-bindgen CLI: `.ci/run` installs them) is
//! missing the test says SKIPPED.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const CREATED: &str = "2025-03-06T09:00:00";
const SAMPLE: &str = "samples/thong-bao-tien-thang-2025-02";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn newest(dir: &Path, newest_so_far: &mut SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "target" && n != "tests") {
                newest(&p, newest_so_far);
            }
        } else if p
            .extension()
            .is_some_and(|x| ["rs", "toml", "json", "ttf"].iter().any(|e| x == *e))
        {
            if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                *newest_so_far = (*newest_so_far).max(t);
            }
        }
    }
}

/// Whether the module must be (re)built: missing, or older than a source
/// (Rust, manifest, starter, font) of the crates it is made of, the lock
/// file or the build script.
fn stale(wasm: &Path) -> bool {
    let Ok(built) = wasm.metadata().and_then(|m| m.modified()) else {
        return true;
    };
    let r = root();
    let mut t = SystemTime::UNIX_EPOCH;
    for c in [
        "vanban",
        "vanban-core",
        "vanban-fonts",
        "vanban-pdf",
        "vanban-compose",
        "vanban-docx",
        "vanban-wasm",
    ] {
        newest(&r.join("crates").join(c), &mut t);
    }
    for f in ["Cargo.lock", "Cargo.toml", "web/build.sh"] {
        if let Ok(m) = r.join(f).metadata().and_then(|m| m.modified()) {
            t = t.max(m);
        }
    }
    built < t
}

/// The module's folder, built if needed; `None` (with SKIPPED said) when
/// it cannot be built here.
fn module() -> Option<PathBuf> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: node not installed (.ci/run installs it)");
        return None;
    }
    let dist = root().join("web/dist");
    if stale(&dist.join("vanban_bg.wasm")) {
        let out = Command::new("bash")
            .arg(root().join("web/build.sh"))
            .output()
            .expect("bash runs");
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.code() == Some(3) {
            eprintln!("{}", err.trim_end());
            return None;
        }
        assert!(out.status.success(), "web/build.sh failed:\n{err}");
    }
    Some(dist)
}

fn node(script: &str, args: &[&Path]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(root().join("web/tests").join(script))
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

/// The command's files for `input`, created at [`CREATED`].
fn cli(input: &Path, out: &Path) -> (Vec<u8>, Vec<u8>) {
    let (pdf, docx) = (out.with_extension("pdf"), out.with_extension("docx"));
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(input)
        .arg("--pdf")
        .arg(&pdf)
        .arg("--docx")
        .arg(&docx)
        .args(["--created", CREATED, "--quiet"])
        .output()
        .expect("vanban runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (std::fs::read(pdf).unwrap(), std::fs::read(docx).unwrap())
}

/// The diagnostics of severity "error" in a module's answer.
fn errors(answer: &serde_json::Value) -> Vec<&serde_json::Value> {
    answer["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect()
}

/// The module's files for `input`, created at [`CREATED`].
fn wasm(dist: &Path, input: &Path, out: &Path) -> (Vec<u8>, Vec<u8>) {
    let r = node("node-render.mjs", &[dist, input, out, Path::new(CREATED)]);
    let errors = errors(&r);
    assert!(errors.is_empty(), "{errors:#?}");
    eprintln!("wasm render of {}: {} ms", input.display(), r["ms"]);
    (
        std::fs::read(out.with_extension("pdf")).unwrap(),
        std::fs::read(out.with_extension("docx")).unwrap(),
    )
}

#[test]
fn the_module_makes_the_commands_bytes() {
    let Some(dist) = module() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let json = root().join(format!("{SAMPLE}.json"));
    let txt = root().join(format!("{SAMPLE}.txt"));

    let (cli_pdf, cli_docx) = cli(&json, &d.join("cli"));
    let (wasm_pdf, wasm_docx) = wasm(&dist, &json, &d.join("wasm"));
    assert!(wasm_pdf.starts_with(b"%PDF-"));
    assert!(
        wasm_pdf == cli_pdf,
        "the PDFs differ ({} and {} bytes)",
        wasm_pdf.len(),
        cli_pdf.len()
    );
    assert!(wasm_docx == cli_docx, "the DOCX files differ");

    // The text format: the module gives what the command gives, and the
    // same PDF as the JSON where the command does.
    let (cli_txt_pdf, _) = cli(&txt, &d.join("cli-txt"));
    let (wasm_txt_pdf, _) = wasm(&dist, &txt, &d.join("wasm-txt"));
    assert!(wasm_txt_pdf == cli_txt_pdf, "the text format's PDFs differ");
    assert_eq!(cli_txt_pdf == cli_pdf, wasm_txt_pdf == wasm_pdf);
}

#[test]
fn the_modules_other_functions_in_node() {
    let Some(dist) = module() else { return };
    let json = root().join(format!("{SAMPLE}.json"));
    let r = node("node-api.mjs", &[&dist, &json]);

    // A broken input: no files, an error naming the field, no exception.
    let broken = &r["broken"];
    assert!(
        broken["pdf"].is_null() && broken["docx"].is_null(),
        "{broken}"
    );
    let errors = errors(broken);
    assert_eq!(errors.len(), 1, "{broken}");
    let e = errors[0];
    assert!(e["message"].as_str().unwrap().contains("so_hieux"), "{e}");
    assert!(e["line"].is_number(), "{e}");
    // An option that is not valid is an error diagnostic too.
    assert_eq!(r["bad_option"][0]["field"], "options.creation_time");

    // check: what `vanban check --format json` says of the sample.
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("check")
        .arg(&json)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let strip = |ds: &serde_json::Value| -> Vec<serde_json::Value> {
        ds.as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.as_object_mut().unwrap().remove("field");
                d
            })
            .collect()
    };
    assert_eq!(strip(&r["check"]), strip(&cli["diagnostics"]));

    // layout: A4 pages of words, rules.
    let l = &r["layout"];
    assert!(l["pages"].as_u64().unwrap() >= 1, "{l}");
    assert_eq!(l["first"]["width"].as_f64().unwrap().round(), 595.0);
    let texts: Vec<&str> = l["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(texts.contains(&"THÔNG"), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains(' ')), "words, not runs");
    assert!(l["kinds"].to_string().contains("line"), "{l}");

    assert_eq!(
        r["forms"]["count"].as_u64(),
        Some(vanban::DocumentKind::ALL.len() as u64)
    );
    assert_eq!(r["forms"]["first"]["kind"], "nghi-quyet");
    assert!(r["starter"]["json"].as_u64().unwrap() > 100, "{r}");
    assert!(r["starter"]["text"].as_u64().unwrap() > 100, "{r}");
    assert!(r["starter_unknown"].is_string(), "{r}");
    assert_eq!(r["round_trip"], true);
    assert!(r["to_text_error"].is_string(), "{r}");
}
