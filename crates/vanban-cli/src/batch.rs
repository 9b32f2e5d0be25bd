//! `vanban batch`: one template, one document per row of data.

use crate::ui::Ui;
use crate::{EXIT_INVALID, EXIT_IO};
use clap::ValueEnum;
use std::io::{IsTerminal, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use vanban::batch::{self, BatchOptions, DataError, RowOutcome, Summary, Template};
use vanban::core::{Lang, Limits};
use vanban::files::FileAccess;
use vanban::{Assets, Renderer};

#[derive(Clone, Copy, ValueEnum)]
pub enum OutFormat {
    Pdf,
    Docx,
    Both,
}

#[derive(clap::Args)]
pub struct BatchArgs {
    /// Template document (JSON) whose strings hold placeholders: `{{xa}}`.
    pub template: PathBuf,
    /// Data: CSV (UTF-8, header row) or a JSON array of objects.
    pub data: PathBuf,
    /// Folder for the files (created if missing).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Which files to write for each row.
    #[arg(long, value_enum, default_value = "both")]
    pub format: OutFormat,
    /// File-name pattern, e.g. `{{xa}}` or `thong-bao-{{xa}}`; made safe
    /// for any file system. Default: the row number (01, 02, …).
    #[arg(long, value_name = "PATTERN")]
    pub name: Option<String>,
    /// PDF/A and signature fields.
    #[command(flatten)]
    pub pdf_options: crate::io::PdfArgs,
    /// Creation time written into every file: `YYYY-MM-DDTHH:MM:SS`, or
    /// `now`. PDF/A needs one when the template's date is incomplete.
    #[arg(long, value_name = "TIME")]
    pub created: Option<String>,
    /// Read images only from inside this folder. Default: the template's
    /// folder for image paths filled from the data (`dau/{{xa}}.png`), no
    /// limit for paths written in the template itself.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Flush every file to disk before moving it into place (slower; for
    /// when a power cut must not leave an empty file).
    #[arg(long)]
    pub sync: bool,
    /// Worker threads (default: every core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

fn read_template(path: &Path, ui: &Ui) -> Result<Template, u8> {
    let name = path.display().to_string();
    let limits = Limits::default();
    let bytes = match vanban::files::read_file(path, limits.document_bytes) {
        Ok(b) => b,
        Err(e) => {
            let m = e.message();
            ui.error(m.vi, m.en);
            return Err(EXIT_IO);
        }
    };
    match vanban::core::load::from_slice_with(&bytes, &limits) {
        Ok(l) => Ok(Template::new(l.document)),
        Err(e) => {
            let mut d = vec![e.0];
            if let Ok(src) = std::str::from_utf8(vanban::core::load::strip_bom(&bytes)) {
                vanban::attach_positions(src, &mut d);
            }
            if let Some(text) = ui.diagnostic(&d[0], &name) {
                eprintln!("{text}");
            }
            Err(EXIT_INVALID)
        }
    }
}

/// The data file, opened again for each pass and read no further than the
/// limit: regular files only, so that it can be read twice.
fn open_data(path: &Path, ui: &Ui) -> Result<impl std::io::Read + Send + 'static, u8> {
    let limits = Limits::default();
    let p = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            ui.error(
                format!("không đọc được tệp `{p}`: {e}"),
                format!("cannot read `{p}`: {e}"),
            );
            return Err(EXIT_IO);
        }
    };
    if !meta.is_file() {
        ui.error(
            format!("dữ liệu `{p}` phải là một tệp (CSV hoặc JSON), không phải thư mục, thiết bị hay đường ống"),
            format!("the data `{p}` must be a file (CSV or JSON), not a folder, a device or a pipe"),
        );
        return Err(EXIT_IO);
    }
    if meta.len() > limits.data_bytes {
        let max = vanban::core::limits::human_bytes(limits.data_bytes);
        ui.error(
            format!("tệp dữ liệu `{p}` lớn hơn {max}"),
            format!("the data file `{p}` is larger than {max}"),
        );
        return Err(EXIT_IO);
    }
    match std::fs::File::open(path) {
        Ok(f) => Ok(f.take(limits.data_bytes)),
        Err(e) => {
            ui.error(
                format!("không đọc được tệp `{p}`: {e}"),
                format!("cannot read `{p}`: {e}"),
            );
            Err(EXIT_IO)
        }
    }
}

fn data_error(ui: &Ui, data_name: &str, e: &DataError) {
    ui.error(
        format!("{data_name}: {}", e.message.vi),
        format!("{data_name}: {}", e.message.en),
    );
}

pub fn run(args: BatchArgs, ui: &Ui) -> u8 {
    let template_name = args.template.display().to_string();
    let template = match read_template(&args.template, ui) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let created = match args
        .created
        .as_deref()
        .map(|c| crate::io::parse_created(c, ui))
    {
        Some(Ok(t)) => Some(t),
        Some(Err(code)) => return code,
        None => None,
    };
    // A first pass over the data: it is well formed, and how many rows.
    // Rows are not kept: memory does not grow with the data.
    let data_name = args.data.display().to_string();
    let counted = match open_data(&args.data, ui) {
        Ok(r) => batch::read_rows(r, &mut |_| ControlFlow::Continue(())),
        Err(code) => return code,
    };
    let total = match counted {
        Ok(0) => {
            ui.error(
                format!("{data_name}: không có dòng dữ liệu nào (chỉ có dòng tiêu đề?)"),
                format!("{data_name}: no data rows (only the header?)"),
            );
            return EXIT_INVALID;
        }
        Ok(n) => n,
        Err(e) => {
            data_error(ui, &data_name, &e);
            return EXIT_INVALID;
        }
    };
    let (assets, images) = match load_assets(&template, &args, ui) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let opts = BatchOptions {
        pdf: matches!(args.format, OutFormat::Pdf | OutFormat::Both),
        docx: matches!(args.format, OutFormat::Docx | OutFormat::Both),
        name: args.name.clone(),
        pdf_options: args.pdf_options.options(),
        threads: args.jobs,
        sync: args.sync,
        created,
        images: Some(images),
    };
    let data = match open_data(&args.data, ui) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let renderer = Renderer::new();
    let progress = Progress::new(total, ui);
    // Failed rows are printed as they come (the first few), so that a long
    // batch shows its problems without waiting for the end.
    let shown = AtomicUsize::new(0);
    let on_row = |o: RowOutcome<'_>| {
        if let RowOutcome::Failed(f) = o {
            if shown.fetch_add(1, Ordering::Relaxed) < SHOW_FAILED {
                progress.suspend(|| {
                    for d in &f.diagnostics {
                        if let Some(t) = ui.diagnostic(d, &template_name) {
                            eprintln!("{t}");
                        }
                    }
                });
            }
        }
    };
    let summary = match batch::render_rows_to_dir(
        &renderer,
        &template,
        move |push| batch::read_rows(data, push),
        Some(total),
        &assets,
        &args.out_dir,
        &opts,
        &on_row,
        &|done, total| progress.update(done, total),
    ) {
        Ok(s) => s,
        Err(e) => {
            let p = args.out_dir.display();
            ui.error(
                format!("không tạo được thư mục `{p}`: {e}"),
                format!("cannot create the folder `{p}`: {e}"),
            );
            return EXIT_IO;
        }
    };
    progress.finish();
    report(&summary, &template_name, &args.out_dir, ui);
    if let Some(e) = &summary.data_error {
        data_error(ui, &data_name, e);
        return EXIT_INVALID;
    }
    if summary.failed_rows.is_empty() {
        0
    } else {
        EXIT_INVALID
    }
}

/// The images written in the template itself, read once, relative to its
/// folder (inside `--root` when given): one that cannot be used stops the
/// batch before any row, since every row would fail the same way. Paths
/// with placeholders are read per row, confined to `--root` or else to the
/// template's folder: the data must not choose any file on the machine.
fn load_assets(template: &Template, args: &BatchArgs, ui: &Ui) -> Result<(Assets, FileAccess), u8> {
    let base = match args.template.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let confine = |access: FileAccess, root: &Path| {
        access.confined_to(root).map_err(|e| {
            let r = root.display();
            ui.error(
                format!("không dùng được thư mục `{r}`: {e}"),
                format!("cannot use the folder `{r}`: {e}"),
            );
            EXIT_IO
        })
    };
    let fixed = match &args.root {
        Some(root) => confine(FileAccess::new(&base), root)?,
        None => FileAccess::new(&base),
    };
    let per_row = confine(
        FileAccess::new(&base),
        args.root.as_deref().unwrap_or(&base),
    )?;
    let doc = template.document();
    let mut assets = Assets::new();
    let mut without_placeholders = doc.clone();
    for r in [
        &mut without_placeholders.signature.signature_image,
        &mut without_placeholders.signature.seal_image,
    ] {
        if r.as_deref().is_some_and(|r| r.contains("{{")) {
            *r = None;
        }
    }
    fixed.load_images_into(&without_placeholders, &mut assets);
    let problems = Renderer::new().check_images(&without_placeholders, &assets);
    if !problems.is_empty() {
        for d in &problems {
            if let Some(t) = ui.diagnostic(d, &args.template.display().to_string()) {
                eprintln!("{t}");
            }
        }
        return Err(EXIT_INVALID);
    }
    Ok((assets, per_row))
}

/// A bar on a terminal; otherwise a plain line at every tenth of the work,
/// so that a log shows progress without a line per row.
enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { last_tenth: AtomicUsize, lang: Lang },
    Quiet,
}

impl Progress {
    fn new(total: usize, ui: &Ui) -> Progress {
        let lang = ui.lang;
        if ui.quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
                .expect("valid progress template");
            bar.set_style(style);
            Progress::Bar(bar)
        } else {
            Progress::Lines {
                last_tenth: AtomicUsize::new(0),
                lang,
            }
        }
    }

    /// Prints above the bar without tearing it.
    fn suspend(&self, f: impl FnOnce()) {
        match self {
            Progress::Bar(b) => b.suspend(f),
            _ => f(),
        }
    }

    fn update(&self, done: usize, total: usize) {
        match self {
            Progress::Quiet => {}
            Progress::Bar(b) => b.inc(1),
            Progress::Lines { last_tenth, lang } => {
                let tenth = done * 10 / total.max(1);
                // Rows finish out of order across threads: only the first
                // to reach a new tenth prints it.
                if last_tenth.fetch_max(tenth, Ordering::Relaxed) < tenth {
                    eprintln!(
                        "{}",
                        match lang {
                            Lang::Vi => format!("đã xong {done}/{total}"),
                            Lang::En => format!("done {done}/{total}"),
                        }
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(b) = self {
            b.finish_and_clear();
        }
    }
}

/// At most this many failed rows are printed in full: a template mistake
/// fails every row the same way, and a thousand copies hide the summary.
const SHOW_FAILED: usize = 20;

fn report(s: &Summary, template_name: &str, out_dir: &Path, ui: &Ui) {
    let lang = ui.lang;
    if s.failed_rows.len() > SHOW_FAILED {
        let more = s.failed_rows.len() - SHOW_FAILED;
        ui.error(
            format!("… và {more} dòng lỗi khác"),
            format!("… and {more} more failed rows"),
        );
    }
    // Warnings are usually the template's own and repeat on every row:
    // each is shown once, with how many rows it concerns.
    if !ui.quiet {
        for (w, n) in &s.warnings {
            let rows = ui.say(format!(" ({n} dòng)"), format!(" ({n} rows)"));
            if let Some(t) = ui.diagnostic(w, template_name) {
                eprintln!("{t}{rows}");
            }
        }
        if s.more_warnings > 0 {
            let n = s.more_warnings;
            eprintln!(
                "{}",
                ui.say(
                    format!("… và {n} cảnh báo khác"),
                    format!("… and {n} more warnings")
                )
            );
        }
    }
    let failed = s.failed_rows.len();
    if ui.quiet && failed == 0 {
        return;
    }
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        s.rendered as f64 / secs
    } else {
        0.0
    };
    let (ok, total, files, dir) = (s.rendered, s.total, s.files, out_dir.display());
    let line = match lang {
        Lang::Vi => {
            // Vietnamese writes the decimal comma: 0,45 s.
            let secs = format!("{secs:.2}").replace('.', ",");
            format!(
                "Đã tạo {ok}/{total} văn bản ({files} tệp) trong {secs} s ({rate:.0} văn bản/giây) vào `{dir}`; {failed} dòng lỗi"
            )
        }
        Lang::En => format!(
            "Rendered {ok}/{total} documents ({files} files) in {secs:.2} s ({rate:.0} documents/s) into `{dir}`; {failed} failed"
        ),
    };
    println!("{line}");
    if failed > 0 {
        let shown: Vec<String> = s
            .failed_rows
            .iter()
            .take(200)
            .map(|r| r.to_string())
            .collect();
        let more = if failed > 200 { ", …" } else { "" };
        println!(
            "{}",
            ui.say(
                format!("Dòng lỗi: {}{more}", shown.join(", ")),
                format!("Failed rows: {}{more}", shown.join(", "))
            )
        );
    }
}
