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
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// The options every subcommand takes.
#[derive(clap::Args)]
struct Global {
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
}

impl Cli {
    /// The command line, read. `vanban render …`, the command run most, is
    /// read first by a parser that knows only `render`: building all twelve
    /// subcommands' arguments was a twentieth of the instructions of
    /// rendering the seed notice. Anything that parser does not take (help,
    /// a mistake, another subcommand) is read again by the whole one, so
    /// every message is the whole parser's.
    fn read() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        if args.get(1).is_some_and(|a| a == "render") {
            if let Some(cli) = Self::read_render(&args) {
                return cli;
            }
        }
        Cli::parse_from(args)
    }

    /// A parser of `vanban render` only.
    fn render_command() -> clap::Command {
        use clap::Args;
        let render = io::RenderArgs::augment_args(clap::Command::new("render"));
        Global::augment_args(clap::Command::new("vanban")).subcommand(render)
    }

    fn read_render(args: &[std::ffi::OsString]) -> Option<Cli> {
        use clap::FromArgMatches;
        let m = Self::render_command().try_get_matches_from(args).ok()?;
        let (_, sub) = m.subcommand()?;
        Some(Cli {
            global: Global::from_arg_matches(&m).ok()?,
            command: Command::Render(io::RenderArgs::from_arg_matches(sub).ok()?),
        })
    }
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
    let cli = Cli::read();
    let ui = ui::Ui::new(cli.global.lang, cli.global.color, cli.global.quiet);
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

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;
    use std::ffi::OsString;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn render_is_read_as_the_whole_parser_reads_it() {
        for line in [
            "vanban render a.json",
            "vanban render a.json -o out --lang en -q",
            "vanban --lang vi --color never render - --pdf x.pdf --docx - --pdfa --sign-field --seal-field",
            "vanban render a.txt --created now --fonts r b i bi --root imgs --so 12 --date 2025-03-10",
        ] {
            let whole = Cli::command().try_get_matches_from(args(line)).unwrap();
            let fast = Cli::render_command().try_get_matches_from(args(line)).unwrap();
            let (w, f) = (whole.subcommand().unwrap(), fast.subcommand().unwrap());
            assert_eq!(w.0, f.0);
            assert_eq!(format!("{:?}", w.1), format!("{:?}", f.1), "{line}");
            for id in ["lang", "color", "quiet"] {
                let raw = |m: &clap::ArgMatches| {
                    m.get_raw(id)
                        .map(|v| v.map(|s| s.to_os_string()).collect::<Vec<_>>())
                };
                assert_eq!(raw(&whole), raw(&fast), "{line}: {id}");
            }
            assert!(Cli::read_render(&args(line)).is_some(), "{line}");
        }
    }

    #[test]
    fn what_the_render_parser_does_not_take_goes_to_the_whole_one() {
        for line in [
            "vanban render --help",
            "vanban render",
            "vanban render a.json --bogus",
            "vanban render a.json --version",
            "vanban check a.json",
        ] {
            assert!(Cli::read_render(&args(line)).is_none(), "{line}");
        }
    }
}
