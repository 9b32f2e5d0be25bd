//! End-to-end tests: the `vanban` binary on the samples and on bad input,
//! as a user would run it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = "samples/thong-bao-tien-thang-2025-02.json";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("vanban runs")
}

fn vanban_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn text_of_pdf(path: &Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn docx_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The text of a DOCX body: every `w:t`, paragraphs separated by spaces.
fn text_of_docx(path: &Path) -> String {
    let xml = docx_part(path, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut out = String::new();
    for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
        for t in p.descendants().filter(|n| n.has_tag_name("t")) {
            out.push_str(t.text().unwrap_or(""));
        }
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PHRASES: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "THÔNG BÁO",
    "Về việc công khai kết quả bộ chỉ số phục vụ người dân",
    "Tổng số điểm xã đạt được tháng 02/2025 là 57,38/100 điểm xếp hạng 15/18 xã",
    "Theo văn bản số 528/UBND -VP ngày 05/3/2025",
    "2. Công chức Tư pháp - Hộ tịch xã: Tiếp tục triển khai",
    "Trên đây là thông báo công khai kết quả Bộ chỉ số",
    "trên địa bàn xã./.",
    "Nơi nhận:",
    "Lưu: VP.",
    "TM. ỦY BAN NHÂN DÂN",
    "PHÓ CHỦ TỊCH",
    "Đỗ Văn Hạ",
];

#[test]
fn renders_the_sample_to_pdf_and_docx() {
    let dir = tmp();
    let out = vanban(&["render", SAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("thong-bao-tien-thang-2025-02.pdf");
    let docx = dir.path().join("thong-bao-tien-thang-2025-02.docx");
    let (pdf_text, docx_text) = (text_of_pdf(&pdf), text_of_docx(&docx));
    for p in PHRASES {
        assert!(pdf_text.contains(p), "PDF lacks: {p}");
        assert!(docx_text.contains(p), "DOCX lacks: {p}");
    }
    // Warnings are printed, but the files are written.
    assert!(
        stderr(&out).contains("noi_nhan.luu.units"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn starter_document_renders_from_stdin() {
    let new = vanban(&["new", "thong-bao"]);
    assert!(new.status.success());
    let tmpdir = tmp();
    // `-o out` creates the folder, as the README's first command needs.
    let dir = tmpdir.path().join("out");
    let out = vanban_stdin(&["render", "-", "-o", dir.to_str().unwrap()], &new.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = text_of_pdf(&dir.join("document.pdf"));
    assert!(
        text.contains("Về việc tổ chức thực hiện nhiệm vụ"),
        "{text}"
    );
    assert!(dir.join("document.docx").exists());
    // Every kind has a starter that at least loads and checks without errors.
    for kind in ["quyet-dinh", "cong-van", "ke-hoach", "to-trinh"] {
        let new = vanban(&["new", kind]);
        assert!(new.status.success(), "{kind}");
        let check = vanban_stdin(&["check", "-"], &new.stdout);
        assert!(check.status.success(), "{kind}: {}", stderr(&check));
    }
    // A công văn has no type name: its V/v trích yếu sits under the số, and
    // its kính gửi (several addressees in the starter, one per line) under
    // the header; neither may be lost.
    let new = vanban(&["new", "cong-van"]);
    let cv = tmpdir.path().join("cv");
    let out = vanban_stdin(&["render", "-", "-o", cv.to_str().unwrap()], &new.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    for (file, text) in [
        ("pdf", text_of_pdf(&cv.join("document.pdf"))),
        ("docx", text_of_docx(&cv.join("document.docx"))),
    ] {
        for want in [
            "V/v triển khai nhiệm vụ",
            "Kính gửi:",
            "Các ban, ngành, đoàn thể xã;",
            "Trưởng các thôn trên địa bàn xã.",
            "/UBND-VP",
        ] {
            assert!(text.contains(want), "{file} lacks {want}: {text}");
        }
    }
    assert_eq!(vanban(&["new", "thong-bo"]).status.code(), Some(2));
}

#[test]
fn sample_validates_against_the_printed_schema() {
    let out = vanban(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for sample in [SAMPLE, "samples/thong-bao-bang-ket-qua.json"] {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(sample)).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{sample}: {errors:?}");
    }
    // A typo is a schema error too, so editors flag it.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    doc["plase"] = serde_json::json!("x");
    assert!(!validator.is_valid(&doc));
    // The committed copy that the samples point to is up to date.
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/vanban.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        committed, schema,
        "schema/vanban.schema.json is stale: run `vanban schema > schema/vanban.schema.json`"
    );
}

#[test]
fn check_reports_the_seed_slips_as_warnings() {
    let out = vanban(&["check", SAMPLE, "--format", "json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| (d["code"].as_str().unwrap(), d["path"].as_str().unwrap()))
        .collect();
    assert!(
        codes.contains(&("noi_nhan.luu_vt", "noi_nhan.luu.units")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("text.reference_spacing", "body[0].paragraph")),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|c| c.0 == "body.item_emphasis"),
        "{codes:?}"
    );
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["line"].is_u64()),
        "every diagnostic has a line"
    );
}

#[test]
fn wrong_type_code_is_an_error_naming_the_field() {
    let src = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let bad = src.replace("\"so_hieu\": {}", "\"so_hieu\": {\"ky_hieu\": \"QĐ-UBND\"}");
    assert_ne!(bad, src);
    let dir = tmp();
    let input = dir.path().join("bad.json");
    std::fs::write(&input, bad).unwrap();
    let out = vanban(&["check", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("so_hieu.ky_hieu"), "{}", stderr(&out));
    // render refuses it and writes nothing.
    let out = vanban(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("bad.pdf").exists() && !dir.path().join("bad.docx").exists());
}

/// Each bad input: one clear message, a non-zero exit, no file written.
#[test]
fn bad_inputs_fail_cleanly() {
    let src = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        (
            "malformed",
            src.replacen("\"place\": \"Tiến Thắng\",", "\"place\": \"Tiến Thắng\"", 1)
                .into_bytes(),
            1,
            "JSON",
        ),
        (
            "unknown-field",
            src.replacen("\"place\"", "\"plase\"", 1).into_bytes(),
            1,
            "place",
        ),
        (
            "wrong-type",
            src.replacen("\"date\": 2025", "\"date\": true", 1)
                .into_bytes(),
            1,
            "date",
        ),
        (
            "missing-field",
            src.replacen("\"abbreviation\": \"UBND\"", "\"abbr\": \"UBND\"", 1)
                .into_bytes(),
            1,
            "abbreviation",
        ),
        (
            "empty-string",
            src.replacen("\"name\": \"Đỗ Văn Hạ\"", "\"name\": \"\"", 1)
                .into_bytes(),
            1,
            "signature.name",
        ),
        (
            "control-char",
            src.replacen("Đỗ Văn Hạ", "Đỗ Văn\\u0007Hạ", 1).into_bytes(),
            1,
            "U+0007",
        ),
        (
            "not-utf8",
            {
                let mut b = src.clone().into_bytes();
                b[40] = 0xFF;
                b
            },
            1,
            "UTF-8",
        ),
        (
            "bad-date",
            src.replacen("\"date\": 2025", "\"date\": \"2025-02-31\"", 1)
                .into_bytes(),
            1,
            "date",
        ),
        (
            "profile-range",
            src.replacen(
                "\"draft\": true,",
                "\"draft\": true, \"profile\": {\"body_size_pt\": 12},",
                1,
            )
            .into_bytes(),
            1,
            "13",
        ),
    ];
    for (name, bytes, code, needle) in cases {
        let dir = tmp();
        let input = dir.path().join(format!("{name}.json"));
        std::fs::write(&input, &bytes).unwrap();
        let out = vanban(&[
            "render",
            input.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(needle),
            "{name}: message lacks `{needle}`: {}",
            stderr(&out)
        );
        let written: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(written.len(), 1, "{name}: files written: {written:?}");
    }
}

#[test]
fn unwritable_or_dangerous_outputs_are_refused_before_work() {
    let dir = tmp();
    let missing = dir.path().join("no/such/folder/x.pdf");
    let out = vanban(&["render", SAMPLE, "--pdf", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
    // Input and output the same file.
    let input = dir.path().join("tb.json");
    std::fs::copy(root().join(SAMPLE), &input).unwrap();
    let out = vanban(&[
        "render",
        input.to_str().unwrap(),
        "--pdf",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(root().join(SAMPLE)).unwrap()
    );
    // A missing input file.
    let out = vanban(&["render", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn failed_render_keeps_the_previous_good_output() {
    let dir = tmp();
    let input = dir.path().join("tb.json");
    std::fs::copy(root().join(SAMPLE), &input).unwrap();
    let out = vanban(&["render", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("tb.pdf");
    let good = std::fs::read(&pdf).unwrap();
    std::fs::write(
        &input,
        std::fs::read_to_string(&input)
            .unwrap()
            .replace("\"kind\"", "\"knd\""),
    )
    .unwrap();
    let out = vanban(&["render", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "previous PDF clobbered");
    // A render killed halfway: the previous file is still whole.
    std::fs::copy(root().join(SAMPLE), &input).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["render", input.to_str().unwrap()])
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let _ = child.kill();
    let _ = child.wait();
    let now = std::fs::read(&pdf).unwrap();
    assert!(
        now.starts_with(b"%PDF-") && now.ends_with(b"%%EOF\n") || now.ends_with(b"%%EOF"),
        "PDF left incomplete"
    );
}

#[test]
fn same_input_same_bytes() {
    let (a, b) = (tmp(), tmp());
    for d in [&a, &b] {
        let out = vanban(&["render", SAMPLE, "-o", d.path().to_str().unwrap()]);
        assert!(out.status.success());
    }
    for f in [
        "thong-bao-tien-thang-2025-02.pdf",
        "thong-bao-tien-thang-2025-02.docx",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f} differs"
        );
    }
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Lines of text (trimmed, non-empty) per page, as pdftotext reads them.
fn pdf_lines(path: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// The DOCX, laid out by LibreOffice, breaks its lines and pages where our
/// PDF does. Needs LibreOffice and poppler (.ci/run installs them); without
/// them the test says so and passes.
#[test]
fn libreoffice_lays_out_the_docx_like_our_pdf() {
    if !have("soffice") || !have("pdftotext") {
        eprintln!("SKIPPED: soffice or pdftotext not installed");
        return;
    }
    for sample in [SAMPLE, "samples/thong-bao-bang-ket-qua.json"] {
        let dir = tmp();
        let out = vanban(&["render", sample, "-o", dir.path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let stem = Path::new(sample).file_stem().unwrap().to_str().unwrap();
        let profile = dir.path().join("lo-profile");
        let lo = dir.path().join("lo");
        let conv = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&lo)
            .arg(dir.path().join(format!("{stem}.docx")))
            .output()
            .unwrap();
        assert!(
            conv.status.success(),
            "{}",
            String::from_utf8_lossy(&conv.stderr)
        );
        let ours = pdf_lines(&dir.path().join(format!("{stem}.pdf")));
        let theirs = pdf_lines(&lo.join(format!("{stem}.pdf")));
        assert_eq!(ours.len(), theirs.len(), "{sample}: page count");
        let (a, b): (Vec<&String>, Vec<&String>) = (
            ours.iter().flatten().collect(),
            theirs.iter().flatten().collect(),
        );
        let mut pool = b.clone();
        let same = a
            .iter()
            .filter(|l| match pool.iter().position(|m| m == *l) {
                Some(i) => {
                    pool.swap_remove(i);
                    true
                }
                None => false,
            })
            .count();
        let share = same as f64 / a.len().max(b.len()) as f64;
        assert!(
            share >= 0.95,
            "{sample}: only {:.1} % identical lines",
            share * 100.0
        );
    }
}
