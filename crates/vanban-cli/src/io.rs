//! Reading inputs, resolving outputs and writing them atomically.

use crate::report::{self, Format};
use crate::{EXIT_INVALID, EXIT_IO};
use std::io::Read;
use std::path::{Path, PathBuf};
use vanban::core::{diag::has_errors, Diagnostic, Lang};
use vanban::{Assets, Document, Renderer};

/// `vanban render`: its options, parsed by clap.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// Input document (JSON); `-` reads standard input.
    pub input: String,
    /// Write the PDF here.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Write the DOCX here.
    #[arg(long, value_name = "FILE")]
    pub docx: Option<PathBuf>,
    /// Write DIR/<name>.pdf and DIR/<name>.docx (DIR is created if needed).
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
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
    /// Creation time written into the files: `YYYY-MM-DDTHH:MM:SS`, or
    /// `now` to read the clock. By default it comes from the document,
    /// so that the same input always gives the same bytes.
    #[arg(long, value_name = "TIME")]
    pub created: Option<String>,
    /// Use these four font files instead of the embedded Liberation
    /// Serif: regular, bold, italic, bold italic (e.g. Times New Roman).
    #[arg(long, value_name = "FILE", num_args = 4, value_names = ["REGULAR", "BOLD", "ITALIC", "BOLD_ITALIC"])]
    pub fonts: Option<Vec<PathBuf>>,
    /// Language of messages.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: crate::LangArg,
}

fn say(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => en.to_string(),
    }
}

fn fail_io(lang: Lang, vi: String, en: String) -> u8 {
    eprintln!("{}: {}", say(lang, "lỗi", "error"), say(lang, &vi, &en));
    EXIT_IO
}

/// The input's bytes and the name to show in messages.
fn read_input(input: &str, lang: Lang) -> Result<(Vec<u8>, String), u8> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            fail_io(
                lang,
                format!("không đọc được dữ liệu vào chuẩn: {e}"),
                format!("cannot read standard input: {e}"),
            )
        })?;
        Ok((bytes, "<stdin>".to_string()))
    } else {
        let bytes = std::fs::read(input).map_err(|e| {
            fail_io(
                lang,
                format!("không đọc được tệp `{input}`: {e}"),
                format!("cannot read `{input}`: {e}"),
            )
        })?;
        Ok((bytes, input.to_string()))
    }
}

/// Loads and checks a document; prints every diagnostic. Returns the
/// document unless there is an error.
fn load_and_check(
    bytes: &[u8],
    name: &str,
    renderer: &Renderer,
    lang: Lang,
    format: Format,
    quiet_if_clean: bool,
) -> (Option<Document>, Vec<Diagnostic>) {
    let (doc, mut diags) = match vanban::load_slice(bytes) {
        Ok(loaded) => {
            let mut diags = loaded.notes;
            diags.extend(renderer.check_on(&loaded.document, today()));
            (Some(loaded.document), diags)
        }
        Err(e) => (None, vec![e.0]),
    };
    if let Ok(src) = std::str::from_utf8(bytes) {
        vanban::attach_positions(src, &mut diags);
    }
    let print = !(quiet_if_clean && diags.is_empty());
    if print {
        match format {
            Format::Text => eprint!("{}", report::text(name, &diags, lang)),
            Format::Json => println!("{}", report::json(name, &diags, lang)),
        }
    }
    if has_errors(&diags) {
        (None, diags)
    } else {
        (doc, diags)
    }
}

/// Today in Vietnam (UTC+7), from the system clock: only the CLI reads it,
/// for the "date far in the future" rule.
fn today() -> vanban::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = (secs + 7 * 3600).div_euclid(86_400);
    vanban::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono_days(days)))
        .unwrap_or_default()
}

/// `now` (the clock, Vietnam time) or a `YYYY-MM-DD[THH:MM[:SS]]` value.
fn created_time(s: &str) -> Option<String> {
    if s == "now" {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs()
            + 7 * 3600;
        let day = today();
        let t = secs % 86_400;
        return Some(format!(
            "{}T{:02}:{:02}:{:02}",
            day.format("%Y-%m-%d"),
            t / 3600,
            t / 60 % 60,
            t % 60
        ));
    }
    let (date, time) = s.split_once('T').unwrap_or((s, "00:00:00"));
    let d = vanban::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let parts: Vec<u32> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    (h < 24 && m < 60 && sec < 60)
        .then(|| format!("{}T{h:02}:{m:02}:{sec:02}", d.format("%Y-%m-%d")))
}

fn chrono_days(days: i64) -> vanban::Days {
    vanban::Days::new(days.max(0) as u64)
}

pub fn check(input: &str, format: Format, lang: Lang) -> u8 {
    let (bytes, name) = match read_input(input, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let renderer = Renderer::new();
    let (doc, diags) = load_and_check(&bytes, &name, &renderer, lang, format, false);
    if let Format::Text = format {
        // The summary went to stderr with the diagnostics; keep stdout for data.
    }
    if doc.is_none() || has_errors(&diags) {
        EXIT_INVALID
    } else {
        0
    }
}

struct Outputs {
    pdf: Option<PathBuf>,
    docx: Option<PathBuf>,
}

fn outputs(a: &RenderArgs) -> Outputs {
    let stem = if a.input == "-" {
        "document".to_string()
    } else {
        Path::new(&a.input)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".to_string())
    };
    if let Some(dir) = &a.out_dir {
        return Outputs {
            pdf: Some(
                a.pdf
                    .clone()
                    .unwrap_or_else(|| dir.join(format!("{stem}.pdf"))),
            ),
            docx: Some(
                a.docx
                    .clone()
                    .unwrap_or_else(|| dir.join(format!("{stem}.docx"))),
            ),
        };
    }
    if a.pdf.is_some() || a.docx.is_some() {
        return Outputs {
            pdf: a.pdf.clone(),
            docx: a.docx.clone(),
        };
    }
    let dir = if a.input == "-" {
        PathBuf::from(".")
    } else {
        Path::new(&a.input)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    Outputs {
        pdf: Some(dir.join(format!("{stem}.pdf"))),
        docx: Some(dir.join(format!("{stem}.docx"))),
    }
}

/// Refuses an output that cannot be written or that is the input, before
/// any work is done.
fn check_output(path: &Path, input: &str, lang: Lang) -> Result<(), u8> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(fail_io(
            lang,
            format!("thư mục `{}` không tồn tại", dir.display()),
            format!("the folder `{}` does not exist", dir.display()),
        ));
    }
    if input != "-" {
        if let (Ok(a), Ok(b)) = (std::fs::canonicalize(input), std::fs::canonicalize(path)) {
            if a == b {
                return Err(fail_io(
                    lang,
                    format!(
                        "tệp ra `{}` trùng với tệp vào; chọn tên khác",
                        path.display()
                    ),
                    format!(
                        "the output `{}` is the input file; choose another name",
                        path.display()
                    ),
                ));
            }
        }
    }
    if path.is_dir() {
        return Err(fail_io(
            lang,
            format!("`{}` là một thư mục, không phải tệp", path.display()),
            format!("`{}` is a folder, not a file", path.display()),
        ));
    }
    // Writable? Creating (and dropping) a temporary file there tells.
    tempfile::NamedTempFile::new_in(&dir).map_err(|e| {
        fail_io(
            lang,
            format!("không ghi được vào thư mục `{}`: {e}", dir.display()),
            format!("cannot write in the folder `{}`: {e}", dir.display()),
        )
    })?;
    Ok(())
}

/// Reads the images a document refers to, relative to the input's folder.
fn load_assets(doc: &Document, input: &str, lang: Lang) -> Result<Assets, u8> {
    let base = if input == "-" {
        PathBuf::from(".")
    } else {
        Path::new(input)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let mut assets = Assets::new();
    let sig = &doc.signature;
    for (field, r) in [
        ("signature.signature_image", &sig.signature_image),
        ("signature.seal_image", &sig.seal_image),
    ] {
        if let Some(r) = r {
            let p = base.join(r);
            match std::fs::read(&p) {
                Ok(b) => assets.insert(r.clone(), b),
                Err(e) => {
                    eprintln!(
                        "{}: [{field}] {}",
                        say(lang, "lỗi", "error"),
                        say(
                            lang,
                            &format!("không đọc được ảnh `{}`: {e}", p.display()),
                            &format!("cannot read the image `{}`: {e}", p.display())
                        )
                    );
                    return Err(EXIT_INVALID);
                }
            }
        }
    }
    Ok(assets)
}

pub fn render(a: RenderArgs) -> u8 {
    let lang: Lang = a.lang.into();
    // `-o DIR` names a folder of outputs: make it, as `mkdir -p` would.
    // A --pdf or --docx path must be in a folder that exists.
    if let Some(dir) = &a.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return fail_io(
                lang,
                format!("không tạo được thư mục `{}`: {e}", dir.display()),
                format!("cannot create the folder `{}`: {e}", dir.display()),
            );
        }
    }
    let outs = outputs(&a);
    for p in outs.pdf.iter().chain(outs.docx.iter()) {
        if let Err(code) = check_output(p, &a.input, lang) {
            return code;
        }
    }
    let (bytes, name) = match read_input(&a.input, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let renderer = match &a.fonts {
        None => Renderer::new(),
        Some(files) => match load_fonts(files, lang) {
            Ok(r) => r,
            Err(code) => return code,
        },
    };
    let (doc, _) = load_and_check(&bytes, &name, &renderer, lang, Format::Text, true);
    let Some(mut doc) = doc else {
        return EXIT_INVALID;
    };
    if let Some(c) = &a.created {
        match created_time(c) {
            Some(t) => doc.metadata.created = Some(t),
            None => {
                return fail_io(
                    lang,
                    format!("--created `{c}` không hợp lệ: ghi YYYY-MM-DDTHH:MM:SS hoặc now"),
                    format!("--created `{c}` is not valid: write YYYY-MM-DDTHH:MM:SS or now"),
                )
            }
        }
    }
    let assets = match load_assets(&doc, &a.input, lang) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Render everything in memory first: nothing is written unless all
    // outputs could be made.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(p) = &outs.pdf {
        match renderer.pdf_with(
            &doc,
            &assets,
            &vanban::PdfOptions {
                pdfa: a.pdfa,
                sign_field: a.sign_field,
                seal_field: a.seal_field,
            },
        ) {
            Ok(b) => files.push((p.clone(), b)),
            Err(e) => {
                eprintln!(
                    "{}: {e}",
                    say(lang, "lỗi khi tạo PDF", "error making the PDF")
                );
                return EXIT_INVALID;
            }
        }
    }
    if let Some(p) = &outs.docx {
        match renderer.docx(&doc, &assets) {
            Ok(b) => files.push((p.clone(), b)),
            Err(e) => {
                eprintln!(
                    "{}: {e}",
                    say(lang, "lỗi khi tạo DOCX", "error making the DOCX")
                );
                return EXIT_INVALID;
            }
        }
    }
    for (p, b) in &files {
        // Temporary file in the same folder, flushed, renamed over the target.
        if let Err(e) = vanban::batch::write_atomic(p, b) {
            return fail_io(
                lang,
                format!("không ghi được `{}`: {e}", p.display()),
                format!("cannot write `{}`: {e}", p.display()),
            );
        }
        println!("{}", p.display());
    }
    0
}

fn load_fonts(files: &[PathBuf], lang: Lang) -> Result<Renderer, u8> {
    let mut bytes = Vec::new();
    for f in files {
        match std::fs::read(f) {
            Ok(b) => bytes.push(b),
            Err(e) => {
                return Err(fail_io(
                    lang,
                    format!("không đọc được phông chữ `{}`: {e}", f.display()),
                    format!("cannot read the font `{}`: {e}", f.display()),
                ))
            }
        }
    }
    let [r, b, i, bi]: [Vec<u8>; 4] = bytes.try_into().map_err(|_| EXIT_IO)?;
    match vanban::Fonts::from_files(r, b, i, bi) {
        Ok(f) => Renderer::with_fonts(f).map_err(|e| {
            eprintln!("{}: {e}", say(lang, "lỗi", "error"));
            EXIT_INVALID
        }),
        Err(e) => {
            eprintln!("{}: {e}", say(lang, "lỗi phông chữ", "font error"));
            Err(EXIT_INVALID)
        }
    }
}
