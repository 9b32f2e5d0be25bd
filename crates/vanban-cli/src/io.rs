//! `render` and `check`: reading inputs within limits, resolving outputs
//! and writing them safely.

use crate::report::{self, Format};
use crate::ui::Ui;
use crate::{EXIT_INVALID, EXIT_IO};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vanban::core::Limits;
use vanban::files::{FileAccess, FileError};
use vanban::output::{self, OutputError};
use vanban::{Diagnostic, Document, Renderer};

/// What names a document and the files it needs.
#[derive(clap::Args)]
pub struct DocArgs {
    /// Input document: JSON, or the text format when the name ends
    /// `.txt`; `-` reads JSON from standard input.
    pub input: String,
    /// Use these four font files instead of the embedded Liberation
    /// Serif: regular, bold, italic, bold italic (e.g. Times New Roman).
    #[arg(long, value_name = "FILE", num_args = 4, value_names = ["REGULAR", "BOLD", "ITALIC", "BOLD_ITALIC"])]
    pub fonts: Option<Vec<PathBuf>>,
    /// Read the images the document names only from inside this folder:
    /// `../`, absolute paths and links that lead out are refused.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// `vanban check`: its options.
#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// `vanban render` (and `watch`): its options.
#[derive(clap::Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Write the PDF here; `-` writes it to standard output.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Write the DOCX here; `-` writes it to standard output.
    #[arg(long, value_name = "FILE")]
    pub docx: Option<PathBuf>,
    /// Write DIR/<name>.pdf and DIR/<name>.docx (DIR is created if needed).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// PDF/A and signature fields.
    #[command(flatten)]
    pub pdf_options: crate::io::PdfArgs,
    /// Creation time written into the files: `YYYY-MM-DDTHH:MM:SS`, or
    /// `now` to read the clock. By default it comes from the document,
    /// so that the same input always gives the same bytes.
    #[arg(long, value_name = "TIME")]
    pub created: Option<String>,
    /// The number and date of issue (as `vanban issue` fills a draft).
    #[command(flatten)]
    pub blanks: crate::issue::BlankArgs,
}

/// The PDF's options, as `render`, `watch` and `batch` take them.
#[derive(clap::Args, Debug, Clone)]
pub struct PdfArgs {
    /// Write PDF/A-2b (archival). Needs a creation date: a complete date
    /// of issue, `metadata.created`, or --created.
    #[arg(long)]
    pub pdfa: bool,
    /// Add an empty signature field `ChuKy` over the signing space, for a
    /// digital-signature tool to sign in the right place.
    #[arg(long)]
    pub sign_field: bool,
    /// Add an empty signature field `ConDau` where the seal goes, for the
    /// organisation's digital signature.
    #[arg(long)]
    pub seal_field: bool,
}

impl PdfArgs {
    pub fn options(&self) -> vanban::PdfOptions {
        vanban::PdfOptions {
            pdfa: self.pdfa,
            sign_field: self.sign_field,
            seal_field: self.seal_field,
        }
    }
}

fn fail_io(ui: &Ui, vi: impl Into<String>, en: impl Into<String>) -> u8 {
    ui.error(vi, en);
    EXIT_IO
}

fn limits() -> Limits {
    Limits::default()
}

/// The input's bytes and the name to show in messages. Standard input
/// and files are read up to the document limit: `/dev/zero` or a pipe
/// that never ends stops there with a message.
pub fn read_input(input: &str, ui: &Ui) -> Result<(Vec<u8>, String), u8> {
    let max = limits().document_bytes;
    let too_large = |name: &str| {
        let m = vanban::core::limits::human_bytes(max);
        fail_io(
            ui,
            format!("`{name}` lớn hơn {m}, quá lớn cho một văn bản; có thể nhầm tệp"),
            format!("`{name}` is larger than {m}, too large for a document; is it the right file?"),
        )
    };
    if input == "-" {
        match vanban::files::read_limited(std::io::stdin().lock(), max) {
            Ok(b) => Ok((b, "<stdin>".to_string())),
            Err(None) => Err(too_large("<stdin>")),
            Err(Some(e)) => Err(fail_io(
                ui,
                format!("không đọc được dữ liệu vào chuẩn: {e}"),
                format!("cannot read standard input: {e}"),
            )),
        }
    } else {
        match vanban::files::read_file(Path::new(input), max) {
            Ok(b) => Ok((b, input.to_string())),
            Err(FileError::TooLarge { .. }) => Err(too_large(input)),
            Err(e) => {
                let m = e.message();
                Err(fail_io(ui, m.vi, m.en))
            }
        }
    }
}

/// A document read and checked with its images (and composed once for
/// the files), with its fonts.
pub struct Prepared {
    pub composed: vanban::Composed,
    pub renderer: Renderer,
}

/// A document's input as read: its bytes, its name for messages, the
/// renderer with its fonts, and where its images are read.
pub struct Input {
    bytes: Vec<u8>,
    name: String,
    format: vanban::InputFormat,
    renderer: Renderer,
    files: FileAccess,
}

/// Reads a document's input and its fonts. `Err` is the exit code.
fn read(a: &DocArgs, ui: &Ui) -> Result<Input, u8> {
    let (bytes, name) = read_input(&a.input, ui)?;
    let renderer = match &a.fonts {
        None => Renderer::new(),
        Some(files) => load_fonts(files, ui)?,
    }
    .with_limits(limits());
    let files = file_access(a, ui)?;
    Ok(Input {
        bytes,
        name,
        format: vanban::InputFormat::of_path(&a.input),
        renderer,
        files,
    })
}

/// Prints the diagnostics (as text or JSON; nothing if there are none and
/// `quiet_if_clean`).
fn report_diagnostics(
    name: &str,
    diags: &[Diagnostic],
    ui: &Ui,
    format: Format,
    quiet_if_clean: bool,
) {
    if !(quiet_if_clean && diags.is_empty()) {
        match format {
            Format::Text => eprint!("{}", report::text(name, diags, ui)),
            Format::Json => println!("{}", report::json(name, diags, ui.lang)),
        }
    }
}

/// Reads and loads a document, applies `adjust` (the number, date and
/// creation time given on the command line: what is checked is what is
/// drawn), checks it with its fonts and images; prints every diagnostic
/// (as text or JSON). `Err` is the exit code.
pub fn prepare(
    a: &DocArgs,
    ui: &Ui,
    format: Format,
    quiet_if_clean: bool,
    adjust: &dyn Fn(&mut Document),
) -> Result<Prepared, u8> {
    let input = read(a, ui)?;
    let checked = input
        .renderer
        .load_checked(&input.bytes, input.format, Some(today()), |d| {
            adjust(d);
            input.files.load_images(d)
        });
    report_diagnostics(
        &input.name,
        &checked.diagnostics,
        ui,
        format,
        quiet_if_clean,
    );
    if checked.renderable().is_none() {
        return Err(EXIT_INVALID);
    }
    Ok(Prepared {
        composed: checked.composed.expect("a renderable input is composed"),
        renderer: input.renderer,
    })
}

/// `vanban render` with both files: the document composed, then its DOCX
/// made and the document checked on a second thread, on the other core
/// (src/elsewhere.rs), while this one makes the PDF; the check is then
/// reported as `prepare` reports it, and nothing is written if it found
/// an error. The seed's process took 2.6 ms with the check done first,
/// 2.35 ms so (the check and the placing of its messages in the input
/// are 0.3 ms; the PDF 0.9 ms, the DOCX 0.55 ms).
fn prepare_and_render_both(
    a: &DocArgs,
    ui: &Ui,
    adjust: &dyn Fn(&mut Document),
    opts: &vanban::PdfOptions,
) -> Result<Both, u8> {
    let input = read(a, ui)?;
    let mut unchecked = input
        .renderer
        .load_composed(&input.bytes, input.format, |d| {
            adjust(d);
            input.files.load_images(d)
        });
    let Some(composed) = unchecked.composed.take() else {
        // Not loaded: its one error.
        report_diagnostics(
            &input.name,
            &unchecked.diagnostics_with(&[]),
            ui,
            Format::Text,
            true,
        );
        return Err(EXIT_INVALID);
    };
    let (composed, renderer) = (Arc::new(composed), Arc::new(input.renderer));
    let (r, c) = (Arc::clone(&renderer), Arc::clone(&composed));
    let today = today();
    let second = crate::elsewhere::spawn(move || {
        let docx = r.docx_composed(&c);
        let diags = unchecked.diagnostics_with(&r.check_composed(&c, Some(today)));
        (docx, diags)
    });
    let pdf = renderer.pdf_composed(&composed, opts);
    let (docx, diags) = second.join();
    report_diagnostics(&input.name, &diags, ui, Format::Text, true);
    if vanban::core::diag::has_errors(&diags) {
        return Err(EXIT_INVALID);
    }
    Ok(Both {
        composed,
        renderer,
        pdf,
        docx,
    })
}

/// What `prepare_and_render_both` makes.
struct Both {
    composed: Arc<vanban::Composed>,
    renderer: Arc<Renderer>,
    pdf: Result<Vec<u8>, vanban::Error>,
    docx: Result<Vec<u8>, vanban::Error>,
}

/// Where the images are read: beside the document, and only inside
/// `--root` when given.
fn file_access(a: &DocArgs, ui: &Ui) -> Result<FileAccess, u8> {
    let base = if a.input == "-" {
        PathBuf::from(".")
    } else {
        Path::new(&a.input)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let access = FileAccess::new(base).with_limits(limits());
    match &a.root {
        None => Ok(access),
        Some(root) => access.confined_to(root).map_err(|e| {
            let r = root.display();
            fail_io(
                ui,
                format!("không dùng được thư mục `{r}` (--root): {e}"),
                format!("cannot use the folder `{r}` (--root): {e}"),
            )
        }),
    }
}

/// The system clock in Unix seconds: only the CLI reads it.
fn clock() -> Option<i64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_secs() as i64)
}

/// Today in Vietnam (UTC+7), from the system clock, for the "date far in
/// the future" rule.
pub fn today() -> vanban::NaiveDate {
    vanban::today_in_vietnam(clock().unwrap_or(0))
}

/// `now` (the clock, Vietnam time) or a `YYYY-MM-DD[THH:MM[:SS]]` value.
pub fn created_time(s: &str) -> Option<String> {
    vanban::creation_time(s, clock)
}

/// `--created` checked, with its message when it is not a time.
pub fn parse_created(c: &str, ui: &Ui) -> Result<String, u8> {
    created_time(c).ok_or_else(|| {
        fail_io(
            ui,
            format!("--created `{c}` không hợp lệ: ghi YYYY-MM-DDTHH:MM:SS hoặc now"),
            format!("--created `{c}` is not valid: write YYYY-MM-DDTHH:MM:SS or now"),
        )
    })
}

pub fn check(a: &CheckArgs, ui: &Ui) -> u8 {
    match prepare(&a.doc, ui, a.format, false, &|_| {}) {
        Ok(_) => 0,
        Err(code) => code,
    }
}

/// Where one output goes.
#[derive(Clone, PartialEq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    fn of(p: &Path) -> Target {
        if p.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::File(p.to_path_buf())
        }
    }
}

pub struct Outputs {
    pub pdf: Option<Target>,
    pub docx: Option<Target>,
}

fn outputs(a: &RenderArgs) -> Outputs {
    let input = &a.doc.input;
    let stem = if input == "-" {
        "document".to_string()
    } else {
        Path::new(input)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".to_string())
    };
    let given = |p: &Option<PathBuf>| p.as_deref().map(Target::of);
    if let Some(dir) = &a.out_dir {
        let file = |ext: &str| Target::File(dir.join(format!("{stem}.{ext}")));
        return Outputs {
            pdf: Some(given(&a.pdf).unwrap_or_else(|| file("pdf"))),
            docx: Some(given(&a.docx).unwrap_or_else(|| file("docx"))),
        };
    }
    if a.pdf.is_some() || a.docx.is_some() {
        return Outputs {
            pdf: given(&a.pdf),
            docx: given(&a.docx),
        };
    }
    let dir = if input == "-" {
        PathBuf::from(".")
    } else {
        Path::new(input)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    Outputs {
        pdf: Some(Target::File(dir.join(format!("{stem}.pdf")))),
        docx: Some(Target::File(dir.join(format!("{stem}.docx")))),
    }
}

fn output_error(ui: &Ui, e: &OutputError) -> u8 {
    let m = e.message();
    fail_io(ui, m.vi, m.en)
}

/// Works out and checks the outputs before any work: folders exist (`-o`
/// is created), targets are regular files or absent, no two outputs and
/// no output and the input are the same, standard output is not a
/// terminal. Stale temporary files of ours in those folders are removed.
pub fn plan_outputs(a: &RenderArgs, ui: &Ui) -> Result<Outputs, u8> {
    // `-o DIR` names a folder of outputs: make it, as `mkdir -p` would.
    // A --pdf or --docx path must be in a folder that exists.
    if let Some(dir) = &a.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            let d = dir.display();
            return Err(fail_io(
                ui,
                format!("không tạo được thư mục `{d}`: {e}"),
                format!("cannot create the folder `{d}`: {e}"),
            ));
        }
    }
    let outs = outputs(a);
    let targets: Vec<&Target> = outs.pdf.iter().chain(outs.docx.iter()).collect();
    if targets.iter().filter(|t| ***t == Target::Stdout).count() > 1 {
        return Err(output_error(
            ui,
            &OutputError::SamePath {
                path: PathBuf::from("-"),
            },
        ));
    }
    if targets.contains(&&Target::Stdout) && std::io::stdout().is_terminal() {
        return Err(fail_io(
            ui,
            "đầu ra chuẩn đang là màn hình: chuyển nó vào tệp hoặc chương trình khác, ví dụ `--pdf - > tb.pdf`",
            "standard output is a terminal: redirect it to a file or a program, e.g. `--pdf - > tb.pdf`",
        ));
    }
    let files: Vec<&PathBuf> = targets
        .iter()
        .filter_map(|t| match t {
            Target::File(p) => Some(p),
            Target::Stdout => None,
        })
        .collect();
    for (i, p) in files.iter().enumerate() {
        output::check_target(p).map_err(|e| output_error(ui, &e))?;
        let same_as_input = a.doc.input != "-" && output::same_file(Path::new(&a.doc.input), p);
        if same_as_input || files[..i].iter().any(|q| output::same_file(p, q)) {
            return Err(output_error(
                ui,
                &OutputError::SamePath {
                    path: p.to_path_buf(),
                },
            ));
        }
        let folder = match p.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        output::clean_stale_temp_files(folder);
    }
    Ok(outs)
}

pub fn render(a: &RenderArgs, ui: &Ui) -> u8 {
    let outs = match plan_outputs(a, ui) {
        Ok(o) => o,
        Err(code) => return code,
    };
    render_planned(a, &outs, ui)
}

/// Renders to outputs already planned (`watch` plans once).
pub fn render_planned(a: &RenderArgs, outs: &Outputs, ui: &Ui) -> u8 {
    let created = match a.created.as_deref().map(|c| parse_created(c, ui)) {
        Some(Ok(t)) => Some(t),
        Some(Err(code)) => return code,
        None => None,
    };
    let adjust = |doc: &mut Document| {
        if let Some(t) = &created {
            doc.metadata.created = Some(t.clone());
        }
        a.blanks.apply(doc);
    };
    let opts = a.pdf_options.options();
    // Render everything in memory first: nothing is written unless all
    // outputs could be made.
    let mut made: Vec<(&Target, Vec<u8>)> = Vec::new();
    let fail = |what: &str, e: &vanban::Error| {
        ui.error(
            format!("không tạo được {what}: {e}"),
            format!("cannot make the {what}: {e}"),
        );
        EXIT_INVALID
    };
    let (composed, renderer) = match (&outs.pdf, &outs.docx) {
        // One composition for both files, made side by side with the
        // check. Errors as `pdf_and_docx_composed` gives them: the PDF's
        // first.
        (Some(p), Some(d)) => {
            let both = match prepare_and_render_both(&a.doc, ui, &adjust, &opts) {
                Ok(b) => b,
                Err(code) => return code,
            };
            match (both.pdf, both.docx) {
                (Ok(pdf), Ok(docx)) => made.extend([(p, pdf), (d, docx)]),
                (Err(e), _) => return fail("PDF", &e),
                (_, Err(e)) => return fail("DOCX", &e),
            }
            (both.composed, both.renderer)
        }
        (p, d) => {
            let Prepared { composed, renderer } =
                match prepare(&a.doc, ui, Format::Text, true, &adjust) {
                    Ok(p) => p,
                    Err(code) => return code,
                };
            if let Some(t) = p {
                match renderer.pdf_composed(&composed, &opts) {
                    Ok(b) => made.push((t, b)),
                    Err(e) => return fail("PDF", &e),
                }
            }
            if let Some(t) = d {
                match renderer.docx_composed(&composed) {
                    Ok(b) => made.push((t, b)),
                    Err(e) => return fail("DOCX", &e),
                }
            }
            (Arc::new(composed), Arc::new(renderer))
        }
    };
    let (doc, assets) = (composed.document(), composed.assets());
    // Annexes delivered as files of their own (Mẫu 2.2): beside each
    // output, `NAME.phu-luc-1.pdf`, … (numbered in the document's order).
    let separate = Renderer::separate_annexes(doc);
    let mut annex_files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (t, ext) in [(&outs.pdf, "pdf"), (&outs.docx, "docx")] {
        let Some(t) = t else { continue };
        for &i in &separate {
            let Target::File(main) = t else {
                ui.error(
                    "phụ lục là tệp riêng (separate_file) không ghi được ra đầu ra chuẩn: ghi tệp chính vào một tệp",
                    "an annex in a file of its own (separate_file) cannot go to standard output: write the main file to a file",
                );
                return EXIT_IO;
            };
            let made = if ext == "pdf" {
                renderer.annex_pdf(
                    doc,
                    assets,
                    i,
                    &vanban::PdfOptions {
                        pdfa: a.pdf_options.pdfa,
                        ..Default::default()
                    },
                )
            } else {
                renderer.annex_docx(doc, assets, i)
            };
            match made {
                Ok(b) => annex_files.push((annex_path(main, i, ext), b)),
                Err(e) => {
                    ui.error(
                        format!("không tạo được phụ lục {}: {e}", i + 1),
                        format!("cannot make annex {}: {e}", i + 1),
                    );
                    return EXIT_INVALID;
                }
            }
        }
    }
    let files: Vec<(&Path, &[u8])> = made
        .iter()
        .filter_map(|(t, b)| match t {
            Target::File(p) => Some((p.as_path(), b.as_slice())),
            Target::Stdout => None,
        })
        .chain(annex_files.iter().map(|(p, b)| (p.as_path(), b.as_slice())))
        .collect();
    // All files renamed into place together (see vanban::output).
    if let Err(e) = crate::ui::with_signals_held(|| output::write_files(&files, true)) {
        return output_error(ui, &e);
    }
    let to_stdout = made.iter().find(|(t, _)| **t == Target::Stdout);
    if let Some((_, bytes)) = to_stdout {
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
            return fail_io(
                ui,
                format!("không ghi được ra đầu ra chuẩn: {e}"),
                format!("cannot write to standard output: {e}"),
            );
        }
    }
    if !ui.quiet {
        for (p, _) in &files {
            // Standard output carries a file: the list goes to stderr.
            if to_stdout.is_some() {
                eprintln!("{}", p.display());
            } else {
                println!("{}", p.display());
            }
        }
    }
    0
}

/// `out/ke-hoach.pdf`, annex 0 → `out/ke-hoach.phu-luc-1.pdf`.
fn annex_path(main: &Path, index: usize, ext: &str) -> PathBuf {
    let stem = main
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    main.with_file_name(format!("{stem}.phu-luc-{}.{ext}", index + 1))
}

fn load_fonts(files: &[PathBuf], ui: &Ui) -> Result<Renderer, u8> {
    let mut bytes = Vec::new();
    for f in files {
        match vanban::files::read_file(f, limits().font_bytes) {
            Ok(b) => bytes.push(b),
            Err(e) => {
                let m = e.message();
                return Err(fail_io(
                    ui,
                    format!("phông chữ: {}", m.vi),
                    format!("font: {}", m.en),
                ));
            }
        }
    }
    let [r, b, i, bi]: [Vec<u8>; 4] = bytes.try_into().map_err(|_| EXIT_IO)?;
    let font_error = |e: &vanban::FontError| {
        use vanban::FontError::*;
        let vi = match e {
            Parse { face, reason } => format!("phông {face}: không phải tệp phông TrueType/OpenType ({reason})"),
            Coverage { face, ch, code } => format!("phông {face}: thiếu chữ '{ch}' (U+{code:04X}) mà tiếng Việt cần"),
            Damaged { face, ch, code } => format!("phông {face}: tệp phông bị hỏng hoặc bị cắt cụt, không đọc được hình chữ '{ch}' (U+{code:04X})"),
            other => format!("phông chữ không dùng được: {other}"),
        };
        ui.error(vi, e.to_string());
        EXIT_INVALID
    };
    match vanban::Fonts::from_files(r, b, i, bi) {
        Ok(f) => Renderer::with_fonts(f).map_err(|e| {
            ui.error(
                format!("phông chữ không dùng được: {e}"),
                format!("the fonts cannot be used: {e}"),
            );
            EXIT_INVALID
        }),
        Err(e) => Err(font_error(&e)),
    }
}
