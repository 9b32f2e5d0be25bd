//! `vanban`: the command line over the vanban libraries. It reads files,
//! calls the libraries, writes files safely and prints diagnostics; all
//! layout and validation logic lives in the libraries.

mod alloc;
mod audit;
mod batch;
mod convert;
mod elsewhere;
mod io;
mod issue;
#[cfg(target_arch = "x86_64")]
mod memcpy;
mod new;
mod report;
mod serve;
mod ui;
mod watch;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use vanban::core::Lang;

#[global_allocator]
static GLOBAL: alloc::Guarded = alloc::Guarded;

/// Exit codes: 0 success, 1 invalid document, 2 usage or I/O error.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_IO: u8 = 2;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Văn bản hành chính theo Nghị định 30/2020/NĐ-CP: PDF để in, DOCX để sửa.\nVietnamese administrative documents laid out per Decree 30/2020: print-ready PDF, editable DOCX.",
    after_help = "Ví dụ / Examples:\n  vanban render samples/thong-bao-tien-thang-2025-02.json -o out\n  vanban check samples/thong-bao-tien-thang-2025-02.json\n  vanban new thong-bao > thong-bao.json\n  vanban new thong-bao | vanban render - -o out\n  vanban render thong-bao.json --pdf - > thong-bao.pdf\n  vanban watch thong-bao.json -o out"
)]
struct Cli {
    /// Language of messages: vi or en. Default: $VANBAN_LANG, else the
    /// locale ($LC_ALL, $LC_MESSAGES, $LANG: vi_* → vi, another language →
    /// en), else vi.
    #[arg(long, value_enum, global = true)]
    lang: Option<LangArg>,
    /// Colour errors and warnings: auto (on a terminal, unless $NO_COLOR
    /// is set), always, never.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    color: ui::ColorArg,
    /// Print only errors: no warnings, notes, progress or list of files.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Render a document (JSON, or the text format: .txt) to PDF and DOCX.
    #[command(
        after_help = "Ví dụ / Examples:\n  vanban render thong-bao.json                 # thong-bao.pdf + thong-bao.docx beside the input\n  vanban render thong-bao.json -o out          # out/thong-bao.pdf + out/thong-bao.docx\n  vanban render thong-bao.json --pdf tb.pdf    # only the PDF\n  vanban render thong-bao.json --pdf - | lp    # the PDF to standard output\n  cat thong-bao.json | vanban render - -o out  # from standard input (out/document.*)"
    )]
    Render(io::RenderArgs),
    /// Check a document against Decree 30 and report what to fix.
    #[command(
        after_help = "Exit code: 0 when there is no error (warnings allowed), 1 otherwise, 2 if the file cannot be read.\nVí dụ / Examples:\n  vanban check thong-bao.json\n  vanban check thong-bao.json --format json --lang en"
    )]
    Check(io::CheckArgs),
    /// Turn a JSON document into the plain-text format (.txt) and back.
    #[command(
        after_help = "The output's name picks the format: .txt is the text format, anything else JSON.\nWhat the text cannot say (tables, annexes, profile overrides) is kept in ```json blocks.\nVí dụ / Examples:\n  vanban convert thong-bao.json thong-bao.txt\n  vanban convert thong-bao.txt thong-bao.json\n  vanban render thong-bao.txt -o out"
    )]
    Convert(convert::ConvertArgs),
    /// Print a starter document of a kind, ready to edit and render.
    #[command(
        after_help = "KIND: thong-bao, quyet-dinh, cong-van, ke-hoach, bao-cao, to-trinh, giay-moi, … (every type of Phụ lục III; `vanban new --list`).\nVí dụ / Examples:\n  vanban new thong-bao > thong-bao.json\n  vanban new --list"
    )]
    New {
        /// The document kind, e.g. `thong-bao`.
        #[arg(required_unless_present = "list")]
        kind: Option<String>,
        /// List the kinds with their Vietnamese name, type code and Mẫu.
        #[arg(long, conflicts_with = "kind")]
        list: bool,
    },
    /// Print the JSON Schema of the input format (for editors).
    #[command(after_help = "Ví dụ / Example:\n  vanban schema > vanban.schema.json")]
    Schema,
    /// Render one document per row of data from a template with `{{column}}` placeholders.
    #[command(
        after_help = "Exit code: 0 when every row rendered, 1 if any row failed (the others are still written), 2 if a file cannot be read.\nVí dụ / Examples:\n  vanban batch samples/bo-chi-so-2025-02.template.json samples/bo-chi-so-2025-02.csv -o out --name \"{{xa}}\"\n  vanban batch mau.json du-lieu.json -o out --format pdf --name \"thong-bao-{{xa}}\""
    )]
    Batch(batch::BatchArgs),
    /// Render again each time the input is saved (Ctrl+C stops).
    #[command(
        after_help = "Errors are printed and watching goes on; the previous files stay until the document renders again.\nVí dụ / Example:\n  vanban watch thong-bao.json -o out"
    )]
    Watch(io::RenderArgs),
    /// Print a completion script for a shell.
    #[command(
        after_help = "Ví dụ / Examples:\n  vanban completions bash > ~/.local/share/bash-completion/completions/vanban\n  vanban completions zsh > ~/.zfunc/_vanban\n  vanban completions fish > ~/.config/fish/completions/vanban.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Read a Word file (.docx) into the JSON model; what cannot be placed is reported.
    #[command(
        after_help = "Ví dụ / Examples:\n  vanban import thong-bao.docx > thong-bao.json\n  vanban import thong-bao.docx -o thong-bao.json --report import.txt"
    )]
    Import(audit::ImportArgs),
    /// Check a .docx, or a .pdf with a text layer, against Decree 30 (layout and content).
    #[command(
        after_help = "Exit code: 0 when there is no error, 1 otherwise, 2 if the file cannot be read.\nVí dụ / Examples:\n  vanban audit thong-bao.docx\n  vanban audit thong-bao.pdf --format json --lang en"
    )]
    Audit(audit::AuditArgs),
    /// Import a .docx, apply the certain fixes, write a standard DOCX and PDF.
    #[command(after_help = "Ví dụ / Example:\n  vanban fix thong-bao.docx -o out")]
    Fix(audit::FixArgs),
    /// Write the number and date of issue into a signed draft's blanks (DOCX).
    #[command(
        after_help = "Only the two blanks change; every other part of the file stays byte for byte.\nVí dụ / Example:\n  vanban issue du-thao.docx --so 12 --date 2025-03-10 -o ban-chinh.docx"
    )]
    Issue(issue::IssueArgs),
    /// Serve the offline page (web/dist, built by web/build.sh) on 127.0.0.1.
    #[command(
        after_help = "Prints the page's URL; Ctrl+C stops. Build the page first: web/build.sh\nVí dụ / Examples:\n  vanban serve                 # http://127.0.0.1:8737/\n  vanban serve --port 0        # a free port, printed\n  vanban serve --dir web/dist"
    )]
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    alloc::install_panic_hook();
    let cli = Cli::parse();
    let ui = ui::Ui::new(cli.lang, cli.color, cli.quiet);
    if matches!(cli.command, Command::Batch(_) | Command::Watch(_)) {
        ui::remove_temp_files_on_signals();
    }
    let code = match cli.command {
        Command::Render(args) => io::render(&args, &ui),
        Command::Check(args) => io::check(&args, &ui),
        Command::Convert(args) => convert::run(&args, &ui),
        Command::New { kind, list } => new::run(kind.as_deref(), list),
        Command::Batch(args) => batch::run(args, &ui),
        Command::Watch(args) => watch::run(&args, &ui),
        Command::Import(args) => audit::import(args, &ui),
        Command::Audit(args) => audit::audit(args, &ui),
        Command::Fix(args) => audit::fix(args, &ui),
        Command::Issue(args) => issue::run(args, &ui),
        Command::Serve(args) => serve::run(&args, &ui),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&vanban::core::json_schema())
                    .expect("schema serialises")
            );
            0
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "vanban", &mut std::io::stdout());
            0
        }
    };
    ExitCode::from(code)
}
