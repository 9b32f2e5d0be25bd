//! The offline page (web/) in a real browser: Debian's Chromium driven by
//! Playwright (web/tests/e2e.py), against `vanban serve` and a file://
//! URL. The page is built with web/build.sh first. Skipped, with a
//! `SKIPPED: …` line, where Chromium, Playwright or the WebAssembly
//! toolchain are missing (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::{audit_fails, docx_text};

const SEED_JSON: &str = "samples/thong-bao-tien-thang-2025-02.json";
const SEED_TEXT: &str = "samples/thong-bao-tien-thang-2025-02.txt";
const CREATED: &str = "2025-03-06T09:00:00";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn chromium() -> PathBuf {
    std::env::var_os("VANBAN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn has_playwright() -> bool {
    Command::new("python3")
        .args(["-c", "import playwright.sync_api"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The PDF's text with spaces collapsed: pdftotext where installed,
/// else lopdf.
fn pdf_text(pdf: &Path) -> String {
    let text = match Command::new("pdftotext").arg(pdf).arg("-").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => {
            let doc = lopdf::Document::load(pdf).unwrap();
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            doc.extract_text(&pages).unwrap()
        }
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the page with web/build.sh (its cargo build is a no-op when
/// nothing changed; the copy of web/src is always fresh). `Err` is why
/// the test cannot run.
fn build_page() -> Result<PathBuf, String> {
    let dist = root().join("web/dist");
    let script = root().join("web/build.sh");
    if script.exists() {
        let o = Command::new("bash").arg(&script).output().unwrap();
        match o.status.code() {
            Some(0) => {}
            Some(3) if dist.join("vanban_bg.wasm").exists() => eprintln!(
                "note: web/build.sh cannot build here ({}), testing the page built before",
                String::from_utf8_lossy(&o.stderr).trim()
            ),
            Some(3) => return Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
            _ => panic!(
                "web/build.sh failed:\n{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        }
    }
    for f in ["index.html", "app.js", "vanban.js", "vanban_bg.wasm"] {
        if !dist.join(f).exists() {
            return Err(format!("web/dist/{f} is missing (run web/build.sh)"));
        }
    }
    Ok(dist)
}

#[test]
fn the_page_in_chromium_renders_like_the_cli_and_its_form_downloads_the_notice() {
    if !chromium().exists() {
        eprintln!(
            "SKIPPED: {} is missing (apt-get install chromium)",
            chromium().display()
        );
        return;
    }
    if !has_playwright() {
        eprintln!("SKIPPED: Playwright for Python is missing (python3 -m pip install playwright)");
        return;
    }
    let dist = match build_page() {
        Ok(d) => d,
        Err(why) => {
            let why = why.strip_prefix("SKIPPED: ").unwrap_or(&why);
            eprintln!("SKIPPED: the page cannot be built: {why}");
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    let o = Command::new("python3")
        .arg(root().join("web/tests/e2e.py"))
        .args([
            "--vanban",
            env!("CARGO_BIN_EXE_vanban"),
            "--created",
            CREATED,
        ])
        .arg("--dist")
        .arg(&dist)
        .arg("--out")
        .arg(out)
        .arg("--screenshot")
        .arg(root().join("docs/web-page.png"))
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    if o.status.code() == Some(3) {
        eprintln!("{}", said.trim());
        return;
    }
    assert!(o.status.success(), "e2e.py failed:\n{said}");
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("result.json")).unwrap()).unwrap();
    let r = |k: &str| result.get(k).unwrap_or_else(|| panic!("{k} in {result:#}"));
    assert_eq!(r("console_errors"), &serde_json::json!([]), "{result:#}");
    assert_eq!(r("foreign_requests"), &serde_json::json!([]), "no network");

    // Every form the project has is offered.
    let kinds = r("forms").as_array().unwrap();
    assert!(kinds.len() >= 28, "{kinds:?}");
    for k in kinds {
        assert!(
            r("options").as_array().unwrap().contains(k),
            "{k} not offered"
        );
    }

    assert_eq!(
        r("forms_changed_by_the_form"),
        &serde_json::json!([]),
        "these starters read differently once through the form's fields"
    );

    // window.vanban.render on the seed JSON: the CLI's PDF, byte for byte,
    // from the served page and from the file:// page alike.
    let cli_pdf = out.join("cli.pdf");
    let c = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", SEED_JSON, "--created", CREATED, "--pdf"])
        .arg(&cli_pdf)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    let cli = std::fs::read(&cli_pdf).unwrap();
    let api = std::fs::read(out.join("api.pdf")).unwrap();
    assert!(api.starts_with(b"%PDF-"), "render gave no PDF: {result:#}");
    assert!(
        api == cli,
        "window.vanban.render's PDF differs from the CLI's"
    );
    let file = std::fs::read(out.join("file.pdf")).unwrap();
    assert!(file == cli, "the file:// page's PDF differs from the CLI's");
    assert!(r("file_preview_pages").as_u64().unwrap() >= 1);

    // The notice typed into the form: the preview, then the downloads. The
    // form gives the seed's text format document, so the downloaded PDF
    // and DOCX are the CLI's from the seed .txt.
    assert!(r("preview_pages").as_u64().unwrap() >= 2, "{result:#}");
    assert_eq!(
        r("preview_fonts"),
        &serde_json::json!(["loaded", "loaded", "loaded", "loaded"]),
        "the preview's four faces of Liberation Serif"
    );
    let words = r("preview_words").as_str().unwrap();
    for w in ["THÔNG", "BÁO", "Tiến", "Thắng,", "Đỗ", "Hạ", "Nơi", "nhận:"] {
        assert!(words.split(' ').any(|x| x == w), "{w} not in the preview");
    }
    let seed_text = std::fs::read_to_string(root().join(SEED_TEXT)).unwrap();
    let pdf = out.join("download.pdf");
    let docx = out.join("download.docx");
    assert_eq!(r("pdf_name"), "thong-bao.pdf");
    assert_eq!(r("docx_name"), "thong-bao.docx");
    let c = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", SEED_TEXT, "-o"])
        .arg(out.join("cli-text"))
        .current_dir(root())
        .output()
        .unwrap();
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    let stem = "thong-bao-tien-thang-2025-02";
    let same = |a: &Path, b: &Path| std::fs::read(a).unwrap() == std::fs::read(b).unwrap();
    assert!(
        same(&pdf, &out.join(format!("cli-text/{stem}.pdf"))),
        "the form's PDF differs from `vanban render {SEED_TEXT}`; the form gave:\n{}",
        r("typed_text").as_str().unwrap()
    );
    assert!(
        same(&docx, &out.join(format!("cli-text/{stem}.docx"))),
        "the form's DOCX differs from `vanban render {SEED_TEXT}`"
    );
    // Its text: the seed's lines (the body's paragraphs, the header, the
    // signature and Nơi nhận), in the PDF and in word/document.xml.
    let text = pdf_text(&pdf);
    let dtext = docx_text(&docx);
    let mut lines: Vec<String> = vec![
        "ỦY BAN NHÂN DÂN".into(),
        "XÃ TIẾN THẮNG".into(),
        "Tiến Thắng".into(),
        "Đỗ Văn Hạ".into(),
        "PHÓ CHỦ TỊCH".into(),
        "Lưu: VP.".into(),
    ];
    let body = seed_text.split_once("\n\n").unwrap().1;
    for l in body.lines().filter(|l| !l.trim().is_empty()) {
        // The first words of each line, without the text format's markup
        // and list markers (the PDF breaks lines, hyphen-free).
        let l = l.trim().replace("**", "");
        let l = l.trim_start_matches(['-', ' ']);
        let head: Vec<&str> = l.split_whitespace().take(5).collect();
        if head
            .first()
            .is_some_and(|w| w.ends_with('.') && w.len() <= 3)
        {
            lines.push(head[1..].join(" "));
        } else {
            lines.push(head.join(" "));
        }
    }
    for l in &lines {
        assert!(text.contains(l.as_str()), "`{l}` not in the PDF: {text}");
        assert!(dtext.contains(l.as_str()), "`{l}` not in the DOCX: {dtext}");
    }

    // The Decree 30 audit: the browser's PDFs fare as the CLI's do. The
    // seed keeps its original `Lưu: VP.` (no VT), the one check it fails.
    match support::audit_script(&root()) {
        Some(script) => {
            let cli_fails = audit_fails(&script, &cli_pdf);
            let known = |f: &String| f.split_whitespace().nth(1) == Some("noinhan.luu_vt");
            assert!(cli_fails.iter().all(known), "the CLI's PDF: {cli_fails:#?}");
            assert_eq!(audit_fails(&script, &out.join("api.pdf")), cli_fails);
            assert_eq!(audit_fails(&script, &pdf), cli_fails);
        }
        None => eprintln!("SKIPPED (audit only): nd30_audit.py not found (set VANBAN_ND30_AUDIT), or its packages missing"),
    }

    // A broken field shows its message, in Vietnamese, next to it.
    let vietnamese = |v: &serde_json::Value| {
        let msgs = v.as_array().unwrap();
        !msgs.is_empty()
            && msgs.iter().any(|m| {
                m["cls"].as_str().unwrap().contains("error")
                    && m["text"].as_str().unwrap().chars().any(|c| {
                        "ạảãàáâậầấẩẫăặằắẳẵđêệềếểễôộồốổỗơợờớởỡưựừứửữịỉĩìíọỏõòóụủũùúỵỷỹỳý".contains(c)
                    })
            })
    };
    assert!(vietnamese(r("date_messages")), "31/02/2025: {result:#}");
    assert!(
        vietnamese(r("trich_yeu_messages")),
        "empty trích yếu: {result:#}"
    );
    assert_eq!(r("pdf_button_disabled_on_error"), true);
}
