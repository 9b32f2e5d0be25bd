//! `vanban convert`: JSON to the text format and back.

use crate::report;
use crate::ui::Ui;
use crate::{EXIT_INVALID, EXIT_IO};
use std::io::Write;
use std::path::Path;
use vanban::core::text_format::is_text_path;

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// The document: JSON, or the text format (`.txt`); `-` reads JSON
    /// from standard input.
    pub input: String,
    /// Where to write: a `.txt` file gets the text format, any other name
    /// JSON; `-` writes the other format to standard output.
    pub output: String,
}

pub fn run(a: &ConvertArgs, ui: &Ui) -> u8 {
    let (bytes, name) = match crate::io::read_input(&a.input, ui) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let from_text = is_text_path(&a.input);
    let limits = vanban::Limits::default();
    let loaded = vanban::InputFormat::of_path(&a.input).load(&bytes, &limits);
    let doc = match loaded {
        Ok((l, _)) => l.document,
        Err(mut e) => {
            if !from_text && e.0.position.is_none() {
                if let Ok(src) = std::str::from_utf8(vanban::core::load::strip_bom(&bytes)) {
                    vanban::attach_positions(src, std::slice::from_mut(&mut e.0));
                }
            }
            eprint!("{}", report::text(&name, &[e.0], ui));
            return EXIT_INVALID;
        }
    };
    let to_text = if a.output == "-" {
        !from_text
    } else {
        is_text_path(&a.output)
    };
    let out = if to_text {
        match vanban::to_text(&doc) {
            Ok(t) => t,
            Err(e) => {
                let m = e.message();
                ui.error(m.vi, m.en);
                return EXIT_INVALID;
            }
        }
    } else {
        vanban::document_json(&doc)
    };
    if a.output == "-" {
        let mut o = std::io::stdout().lock();
        if let Err(e) = o.write_all(out.as_bytes()).and_then(|()| o.flush()) {
            ui.error(
                format!("không ghi được ra đầu ra chuẩn: {e}"),
                format!("cannot write to standard output: {e}"),
            );
            return EXIT_IO;
        }
        return 0;
    }
    let path = Path::new(&a.output);
    let same = a.input != "-" && vanban::output::same_file(Path::new(&a.input), path);
    let checked = if same {
        Err(vanban::output::OutputError::SamePath {
            path: path.to_path_buf(),
        })
    } else {
        vanban::output::check_target(path)
    };
    let written = crate::ui::with_signals_held(|| {
        checked.and_then(|()| vanban::output::write_atomic(path, out.as_bytes()))
    });
    if let Err(e) = written {
        let m = e.message();
        ui.error(m.vi, m.en);
        return EXIT_IO;
    }
    if !ui.quiet {
        println!("{}", path.display());
    }
    0
}
