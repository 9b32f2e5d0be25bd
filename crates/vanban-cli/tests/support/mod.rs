//! What several end-to-end tests need: the shared Decree 30 audit and the
//! text of a DOCX. Each test file includes this module and uses part of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared Decree 30 audit script (`VANBAN_ND30_AUDIT`, else
/// `../shared/tools/nd30_audit.py` beside the checkout at `root`), if it
/// is there and the Python packages it reads files with are installed
/// (`.ci/run` installs them); otherwise says why on stderr.
pub fn audit_script(root: &Path) -> Option<PathBuf> {
    let p = std::env::var_os("VANBAN_ND30_AUDIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/tools/nd30_audit.py"));
    if !p.exists() {
        return None;
    }
    let packages = Command::new("python3")
        .args(["-c", "import pdfplumber, pypdf, docx, lxml"])
        .output();
    match packages {
        Ok(o) if o.status.success() => Some(p),
        _ => {
            eprintln!(
                "the audit needs pdfplumber, pypdf, python-docx and lxml: pip install pdfplumber pypdf python-docx lxml"
            );
            None
        }
    }
}

/// The audit's FAIL lines for a PDF (`--kind auto`). An audit that said
/// nothing at all is a failure of the test, not a clean PDF.
pub fn audit_fails(script: &Path, pdf: &Path) -> Vec<String> {
    let o = Command::new("python3")
        .arg(script)
        .arg(pdf)
        .args(["--kind", "auto"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("PASS") || out.contains("FAIL"),
        "the audit said nothing on {}: {out}{}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    out.lines()
        .filter(|l| l.starts_with("FAIL"))
        .map(str::to_string)
        .collect()
}

/// The name of the check a FAIL line reports (`body.justified`).
pub fn check_name(fail_line: &str) -> &str {
    fail_line
        .strip_prefix("FAIL")
        .unwrap_or(fail_line)
        .split_whitespace()
        .next()
        .unwrap_or_default()
}

/// The text of a DOCX body: every `w:t`, paragraphs separated by
/// spaces, blanks collapsed.
pub fn docx_text(docx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml in the DOCX")
        .read_to_string(&mut xml)
        .unwrap();
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
