//! `vanban batch`: one template, one document per row of data.

use crate::{LangArg, EXIT_INVALID, EXIT_IO};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use vanban::batch::{self, BatchOptions, Row, Summary, Template};
use vanban::core::{Diagnostic, Lang};
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
    /// Write PDF/A-2b (archival).
    #[arg(long)]
    pub pdfa: bool,
    /// Add an empty signature field `ChuKy` over the signing space.
    #[arg(long)]
    pub sign_field: bool,
    /// Add an empty signature field `ConDau` where the seal goes.
    #[arg(long)]
    pub seal_field: bool,
    /// Flush every file to disk before moving it into place (slower; for
    /// when a power cut must not leave an empty file).
    #[arg(long)]
    pub sync: bool,
    /// Worker threads (default: every core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Language of messages.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
}

fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn error(lang: Lang, vi: String, en: String) {
    let label = say(lang, "lỗi".into(), "error".into());
    eprintln!("{label}: {}", say(lang, vi, en));
}

fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, u8> {
    std::fs::read(path).map_err(|e| {
        let p = path.display();
        error(
            lang,
            format!("không đọc được tệp `{p}`: {e}"),
            format!("cannot read `{p}`: {e}"),
        );
        EXIT_IO
    })
}

pub fn run(args: BatchArgs) -> u8 {
    let lang: Lang = args.lang.into();
    let template_name = args.template.display().to_string();
    let template = match read(&args.template, lang) {
        Ok(b) => match vanban::load_slice(&b) {
            Ok(l) => Template::new(l.document),
            Err(e) => {
                let mut d = vec![e.0];
                if let Ok(src) = std::str::from_utf8(&b) {
                    vanban::attach_positions(src, &mut d);
                }
                eprintln!("{}", d[0].render(&template_name, lang));
                return EXIT_INVALID;
            }
        },
        Err(code) => return code,
    };
    let data_name = args.data.display().to_string();
    let rows = match read(&args.data, lang) {
        Ok(b) => match batch::rows_from_slice(&b) {
            Ok(r) => r,
            Err(e) => {
                error(
                    lang,
                    format!("{data_name}: {}", e.message.vi),
                    format!("{data_name}: {}", e.message.en),
                );
                return EXIT_INVALID;
            }
        },
        Err(code) => return code,
    };
    if rows.is_empty() {
        error(
            lang,
            format!("{data_name}: không có dòng dữ liệu nào (chỉ có dòng tiêu đề?)"),
            format!("{data_name}: no data rows (only the header?)"),
        );
        return EXIT_INVALID;
    }
    let assets = match load_assets(&template, &rows, &args.template, lang) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let opts = BatchOptions {
        pdf: matches!(args.format, OutFormat::Pdf | OutFormat::Both),
        docx: matches!(args.format, OutFormat::Docx | OutFormat::Both),
        name: args.name.clone(),
        pdf_options: vanban::PdfOptions {
            pdfa: args.pdfa,
            sign_field: args.sign_field,
            seal_field: args.seal_field,
        },
        threads: args.jobs,
        sync: args.sync,
    };
    let renderer = Renderer::new();
    let progress = Progress::new(rows.len(), lang);
    let summary = match batch::render_to_dir(
        &renderer,
        &template,
        &rows,
        &assets,
        &args.out_dir,
        &opts,
        &|done, total| progress.update(done, total),
    ) {
        Ok(s) => s,
        Err(e) => {
            let p = args.out_dir.display();
            error(
                lang,
                format!("không tạo được thư mục `{p}`: {e}"),
                format!("cannot create the folder `{p}`: {e}"),
            );
            return EXIT_IO;
        }
    };
    progress.finish();
    report(&summary, &template_name, &args.out_dir, lang);
    if summary.failed.is_empty() {
        0
    } else {
        EXIT_INVALID
    }
}

/// Reads the signature and seal images, relative to the template's folder.
/// A path with placeholders names one image per row (each commune's seal).
fn load_assets(
    template: &Template,
    rows: &[Row],
    template_path: &Path,
    lang: Lang,
) -> Result<Assets, u8> {
    let base = template_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let sig = &template.document().signature;
    let mut refs: Vec<String> = Vec::new();
    for r in [&sig.signature_image, &sig.seal_image]
        .into_iter()
        .flatten()
    {
        if r.contains("{{") {
            // A row whose path has an unknown placeholder fails on its own
            // later, with the field named; here it just has no image.
            refs.extend(
                rows.iter()
                    .filter_map(|row| batch::fill_pattern(r, row).ok()),
            );
        } else {
            refs.push(r.clone());
        }
    }
    refs.sort();
    refs.dedup();
    let mut assets = Assets::new();
    for r in refs {
        let p = base.join(&r);
        match std::fs::read(&p) {
            Ok(b) => assets.insert(r, b),
            Err(e) => {
                let p = p.display();
                error(
                    lang,
                    format!("không đọc được ảnh `{p}`: {e}"),
                    format!("cannot read the image `{p}`: {e}"),
                );
                return Err(EXIT_INVALID);
            }
        }
    }
    Ok(assets)
}

/// A bar on a terminal; otherwise a plain line at every tenth of the work,
/// so that a log shows progress without a line per row.
enum Progress {
    Bar(indicatif::ProgressBar),
    Lines { last_tenth: AtomicUsize, lang: Lang },
}

impl Progress {
    fn new(total: usize, lang: Lang) -> Progress {
        if std::io::stderr().is_terminal() {
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

    fn update(&self, done: usize, total: usize) {
        match self {
            Progress::Bar(b) => b.inc(1),
            Progress::Lines { last_tenth, lang } => {
                let tenth = done * 10 / total.max(1);
                // Rows finish out of order across threads: only the first
                // to reach a new tenth prints it.
                if last_tenth.fetch_max(tenth, Ordering::Relaxed) < tenth {
                    eprintln!(
                        "{}",
                        say(
                            *lang,
                            format!("đã xong {done}/{total}"),
                            format!("done {done}/{total}")
                        )
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

fn report(s: &Summary, template_name: &str, out_dir: &Path, lang: Lang) {
    for f in s.failed.iter().take(SHOW_FAILED) {
        for d in &f.diagnostics {
            eprintln!("{}", d.render(template_name, lang));
        }
    }
    if s.failed.len() > SHOW_FAILED {
        let more = s.failed.len() - SHOW_FAILED;
        eprintln!(
            "{}",
            say(
                lang,
                format!("… và {more} dòng lỗi khác"),
                format!("… and {more} more failed rows")
            )
        );
    }
    // Warnings are usually the template's own and repeat on every row:
    // each is shown once, with how many rows it concerns.
    let mut warnings: Vec<(&Diagnostic, usize)> = Vec::new();
    for d in s.rendered.iter().flat_map(|r| &r.warnings) {
        match warnings
            .iter_mut()
            .find(|(w, _)| w.code == d.code && w.path == d.path && w.message == d.message)
        {
            Some((_, n)) => *n += 1,
            None => warnings.push((d, 1)),
        }
    }
    for (w, n) in &warnings {
        let rows = say(lang, format!(" ({n} dòng)"), format!(" ({n} rows)"));
        eprintln!("{}{rows}", w.render(template_name, lang));
    }
    let files: usize = s.rendered.iter().map(|r| r.files.len()).sum();
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        s.rendered.len() as f64 / secs
    } else {
        0.0
    };
    let (ok, total, failed, dir) = (s.rendered.len(), s.total, s.failed.len(), out_dir.display());
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
        let rows: Vec<String> = s.failed.iter().map(|f| f.row.to_string()).collect();
        println!(
            "{}",
            say(
                lang,
                format!("Dòng lỗi: {}", rows.join(", ")),
                format!("Failed rows: {}", rows.join(", "))
            )
        );
    }
}
