//! `vanban watch INPUT -o DIR`: render, then render again whenever the
//! input is saved, until Ctrl+C.
//!
//! The input is polled (its size and modification time, every 200 ms)
//! rather than watched with inotify: editors save by writing a new file
//! and renaming it over the old one, which an inotify watch on the file
//! loses, and a folder watch fires for every backup and swap file beside
//! it. A `stat` five times a second costs nothing measurable (see the
//! README), works the same on network shares and WSL, and needs no crate.

use crate::io::{self, RenderArgs};
use crate::ui::Ui;
use crate::EXIT_IO;
use std::path::Path;
use std::time::{Duration, SystemTime};

const POLL: Duration = Duration::from_millis(200);
/// An editor may write a file in several steps: render once it has held
/// still this long.
const SETTLE: Duration = Duration::from_millis(150);

type Stamp = Option<(SystemTime, u64)>;

fn stamp(p: &Path) -> Stamp {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn clock() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        + 7 * 3600;
    let t = secs % 86_400;
    format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
}

pub fn run(a: &RenderArgs, ui: &Ui) -> u8 {
    if a.doc.input == "-" {
        ui.error(
            "watch cần một tệp, không dùng được `-` (dữ liệu vào chuẩn)",
            "watch needs a file, not `-` (standard input)",
        );
        return EXIT_IO;
    }
    let outs = match io::plan_outputs(a, ui) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if outs.pdf == Some(io::Target::Stdout) || outs.docx == Some(io::Target::Stdout) {
        ui.error(
            "watch ghi ra tệp, không ghi ra đầu ra chuẩn (`-`)",
            "watch writes files, not standard output (`-`)",
        );
        return EXIT_IO;
    }
    let input = Path::new(&a.doc.input);
    let mut last = stamp(input);
    loop {
        let code = io::render_planned(a, &outs, ui);
        if !ui.quiet {
            let t = clock();
            eprintln!(
                "{}",
                match code {
                    0 => ui.say(
                        format!(
                            "[{t}] đã tạo; đang chờ lưu `{}` (Ctrl+C để dừng)",
                            a.doc.input
                        ),
                        format!(
                            "[{t}] rendered; waiting for `{}` to be saved (Ctrl+C stops)",
                            a.doc.input
                        ),
                    ),
                    _ => ui.say(
                        format!(
                            "[{t}] chưa tạo được (xem lỗi ở trên); sửa và lưu lại `{}`",
                            a.doc.input
                        ),
                        format!(
                            "[{t}] not rendered (see above); fix and save `{}` again",
                            a.doc.input
                        ),
                    ),
                }
            );
        }
        // Wait for a change, then for the file to hold still.
        loop {
            std::thread::sleep(POLL);
            let now = stamp(input);
            if now != last && now.is_some() {
                let mut settled = now;
                loop {
                    std::thread::sleep(SETTLE);
                    let again = stamp(input);
                    if again == settled {
                        break;
                    }
                    settled = again;
                }
                last = settled;
                break;
            }
        }
    }
}
