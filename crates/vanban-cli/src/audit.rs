//! `vanban import`, `vanban audit` and `vanban fix`: reading files made by
//! others (DOCX, PDF) with the `vanban-import` library.

use crate::report::{self, Format};
use crate::ui::Ui;
use crate::{EXIT_INVALID, EXIT_IO};
use std::path::{Path, PathBuf};
use vanban::core::{Diagnostic, Lang};
use vanban_import::{AuditOptions, Error};

/// `vanban import`: its options.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The Word file (.docx).
    pub input: PathBuf,
    /// Write the JSON here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the import report (what could not be placed or was changed)
    /// here instead of standard error.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// `vanban audit`: its options.
#[derive(clap::Args)]
pub struct AuditArgs {
    /// The file to audit: .docx, or .pdf with a text layer.
    pub input: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// `vanban fix`: its options.
#[derive(clap::Args)]
pub struct FixArgs {
    /// The Word file (.docx).
    pub input: PathBuf,
    /// Folder for the corrected DOCX and PDF (created if needed).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: PathBuf,
}

fn fail(ui: &Ui, vi: String, en: String) -> u8 {
    ui.error(vi, en);
    EXIT_IO
}

fn read(path: &Path, ui: &Ui) -> Result<Vec<u8>, u8> {
    std::fs::read(path).map_err(|e| {
        fail(
            ui,
            format!("không đọc được tệp `{}`: {e}", path.display()),
            format!("cannot read `{}`: {e}", path.display()),
        )
    })
}

fn unreadable(path: &Path, e: &Error, ui: &Ui) -> u8 {
    let (vi, en) = (e.message(Lang::Vi), e.message(Lang::En));
    fail(
        ui,
        format!("{}: {vi}", path.display()),
        format!("{}: {en}", path.display()),
    )
}

fn write(path: &Path, bytes: &[u8], ui: &Ui) -> Result<(), u8> {
    crate::ui::with_signals_held(|| vanban::output::write_atomic(path, bytes)).map_err(|e| {
        let m = e.message();
        fail(ui, m.vi, m.en)
    })
}

pub fn import(a: ImportArgs, ui: &Ui) -> u8 {
    let lang = ui.lang;
    let bytes = match read(&a.input, ui) {
        Ok(b) => b,
        Err(c) => return c,
    };
    let name = a.input.display().to_string();
    let imported = match vanban_import::import_docx(&bytes) {
        Ok(i) => i,
        Err(e) => return unreadable(&a.input, &e, ui),
    };
    let json = serde_json::to_string_pretty(&imported.document).expect("the model serialises");
    let mut report = report::text(&name, &imported.report, ui);
    if let Some(words) = vanban_import::coverage::file_words(&bytes) {
        let c = vanban_import::coverage::coverage(&words, &imported.sources);
        report.push_str(&match lang {
            Lang::Vi => format!(
                "{name}: {}/{} chữ của tệp có trong mô hình theo đúng thứ tự ({:.1}%)\n",
                c.in_order,
                c.file_words,
                c.ratio() * 100.0
            ),
            Lang::En => format!(
                "{name}: {}/{} of the file's words are in the model, in order ({:.1}%)\n",
                c.in_order,
                c.file_words,
                c.ratio() * 100.0
            ),
        });
    }
    match &a.report {
        Some(p) => {
            if let Err(c) = write(p, report.as_bytes(), ui) {
                return c;
            }
        }
        None => eprint!("{report}"),
    }
    match &a.output {
        Some(p) => {
            if let Err(c) = write(p, format!("{json}\n").as_bytes(), ui) {
                return c;
            }
            println!("{}", p.display());
        }
        None => println!("{json}"),
    }
    0
}

pub fn audit(a: AuditArgs, ui: &Ui) -> u8 {
    let lang = ui.lang;
    let bytes = match read(&a.input, ui) {
        Ok(b) => b,
        Err(c) => return c,
    };
    let name = a.input.display().to_string();
    let opts = AuditOptions {
        today: Some(crate::io::today()),
    };
    let result = if bytes.starts_with(b"%PDF-") {
        vanban_import::audit_pdf(&bytes, &opts)
    } else {
        vanban_import::audit_docx(&bytes, &opts)
    };
    let audit = match result {
        Ok(x) => x,
        Err(e) => return unreadable(&a.input, &e, ui),
    };
    match a.format {
        Format::Text => eprint!("{}", report::text(&name, &audit.diagnostics, ui)),
        Format::Json => println!("{}", report::json(&name, &audit.diagnostics, lang)),
    }
    if audit.errors() > 0 {
        EXIT_INVALID
    } else {
        0
    }
}

pub fn fix(a: FixArgs, ui: &Ui) -> u8 {
    let lang = ui.lang;
    let bytes = match read(&a.input, ui) {
        Ok(b) => b,
        Err(c) => return c,
    };
    let fixed = match vanban_import::fix(&bytes, &vanban::Renderer::new()) {
        Ok(f) => f,
        Err(e) => return unreadable(&a.input, &e, ui),
    };
    if let Err(e) = std::fs::create_dir_all(&a.out_dir) {
        return fail(
            ui,
            format!("không tạo được thư mục `{}`: {e}", a.out_dir.display()),
            format!("cannot create the folder `{}`: {e}", a.out_dir.display()),
        );
    }
    let stem = a
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    for (ext, b) in [("docx", &fixed.docx), ("pdf", &fixed.pdf)] {
        let p = a.out_dir.join(format!("{stem}.{ext}"));
        if let Err(c) = write(&p, b, ui) {
            return c;
        }
        println!("{}", p.display());
    }
    let name = a.input.display().to_string();
    let (changed, person): (Vec<&Diagnostic>, Vec<&Diagnostic>) = fixed
        .changes
        .iter()
        .partition(|d| d.code.starts_with("fix."));
    eprintln!(
        "{}",
        ui.say("Đã sửa (chắc chắn):", "Changed (certain fixes):")
    );
    if changed.is_empty() {
        eprintln!("  {}", ui.say("(không có)", "(none)"));
    }
    for d in changed {
        eprintln!("  {}", d.render(&name, lang).replace('\n', "\n  "));
    }
    eprintln!("{}", ui.say("Cần người xem:", "Needs a person:"));
    if person.is_empty() {
        eprintln!("  {}", ui.say("(không có)", "(none)"));
    }
    for d in person {
        eprintln!("  {}", d.render(&name, lang).replace('\n', "\n  "));
    }
    0
}
