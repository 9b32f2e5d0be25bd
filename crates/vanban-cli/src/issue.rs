//! `vanban issue DRAFT.docx --so 12 --date 2025-03-10 -o OUT.docx`: the
//! văn thư's number and date written into a signed draft's blanks, and the
//! same numbers for `render`, so the PDF says what the DOCX says.

use crate::ui::Ui;
use crate::{EXIT_INVALID, EXIT_IO};
use std::path::PathBuf;
use vanban::core::date::IssueDate;
use vanban::Document;

/// The number and date of issue, as `issue` and `render` take them.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct BlankArgs {
    /// The number in the year (Số); below 10 it is written `05`.
    #[arg(long, value_name = "N")]
    pub so: Option<u32>,
    /// The date of issue, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<IssueDate>,
}

fn parse_date(s: &str) -> Result<IssueDate, String> {
    vanban::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(IssueDate::from)
        .map_err(|_| {
            format!("`{s}` không phải ngày YYYY-MM-DD / is not a date YYYY-MM-DD (2025-03-10)")
        })
}

impl BlankArgs {
    /// Fills the document's number and date for `render`.
    pub fn apply(&self, doc: &mut Document) {
        if let Some(n) = self.so {
            doc.so_hieu.number = Some(n);
        }
        if let Some(d) = self.date {
            doc.date = Some(d);
        }
    }

    fn blanks(&self, replace: bool) -> vanban::Blanks {
        vanban::Blanks {
            so: self.so,
            date: self.date,
            replace,
        }
    }
}

/// `vanban issue`: its options.
#[derive(clap::Args)]
pub struct IssueArgs {
    /// The draft (a DOCX made by `vanban render`, edited or not).
    pub draft: PathBuf,
    #[command(flatten)]
    pub blanks: BlankArgs,
    /// Where to write the issued DOCX (it may be the draft itself).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Write over a number or date filled in before (a correction).
    #[arg(long)]
    pub replace: bool,
}

pub fn run(a: IssueArgs, ui: &Ui) -> u8 {
    let draft = match std::fs::read(&a.draft) {
        Ok(b) => b,
        Err(e) => {
            let p = a.draft.display();
            ui.error(
                format!("không đọc được `{p}`: {e}"),
                format!("cannot read `{p}`: {e}"),
            );
            return EXIT_IO;
        }
    };
    let issued = match vanban::issue(&draft, &a.blanks.blanks(a.replace)) {
        Ok(b) => b,
        Err(e) => {
            let (vi, code) = match &e {
                vanban::IssueError::Nothing => {
                    ("cần --so, --date hoặc cả hai".to_string(), EXIT_IO)
                }
                vanban::IssueError::Filled(what, text) => (
                    format!("ô `{what}` đã điền `{text}`; thêm --replace để sửa"),
                    EXIT_INVALID,
                ),
                vanban::IssueError::NoBlank(what) => (
                    format!("văn bản không còn ô `{what}` để điền (đã có số, ngày?)"),
                    EXIT_INVALID,
                ),
                _ => (
                    format!("`{}` không phải bản DOCX đọc được: {e}", a.draft.display()),
                    EXIT_INVALID,
                ),
            };
            ui.error(vi, e.to_string());
            return code;
        }
    };
    if let Err(e) =
        crate::ui::with_signals_held(|| vanban::output::write_atomic(&a.output, &issued))
    {
        let m = e.message();
        ui.error(m.vi, m.en);
        return EXIT_IO;
    }
    if !ui.quiet {
        println!("{}", a.output.display());
    }
    0
}
