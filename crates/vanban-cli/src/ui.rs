//! How the command talks to people: language, colour, quiet, and the
//! signal handler that removes temporary files.

use crate::LangArg;
use clap::ValueEnum;
use std::io::IsTerminal;
use vanban::core::diag::{Diagnostic, Severity};
use vanban::core::Lang;

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Settings every subcommand uses for its messages.
pub struct Ui {
    pub lang: Lang,
    /// Colour on standard error.
    pub color: bool,
    pub quiet: bool,
}

impl Ui {
    pub fn new(lang: Option<LangArg>, color: ColorArg, quiet: bool) -> Ui {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let lang = lang.map(Lang::from).unwrap_or_else(|| {
            language(
                env("VANBAN_LANG").as_deref(),
                env("LC_ALL")
                    .or_else(|| env("LC_MESSAGES"))
                    .or_else(|| env("LANG"))
                    .as_deref(),
            )
        });
        let color = match color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            // https://no-color.org: present and not empty disables colour.
            ColorArg::Auto => env("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
        };
        Ui { lang, color, quiet }
    }

    pub fn say(&self, vi: impl Into<String>, en: impl Into<String>) -> String {
        match self.lang {
            Lang::Vi => vi.into(),
            Lang::En => en.into(),
        }
    }

    /// `lỗi: …` on standard error, the label in red on a terminal.
    pub fn error(&self, vi: impl Into<String>, en: impl Into<String>) {
        let label = self.paint(Severity::Error, Severity::Error.label(self.lang));
        eprintln!("{label}: {}", self.say(vi, en));
    }

    /// A diagnostic as text, its severity coloured. Nothing but errors
    /// when quiet.
    pub fn diagnostic(&self, d: &Diagnostic, file: &str) -> Option<String> {
        if self.quiet && !d.is_error() {
            return None;
        }
        let text = d.render(file, self.lang);
        let label = d.severity.label(self.lang);
        Some(match text.strip_prefix(label) {
            Some(rest) if self.color => format!("{}{rest}", self.paint(d.severity, label)),
            _ => text,
        })
    }

    fn paint(&self, s: Severity, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        use anstyle::AnsiColor;
        let style = match s {
            Severity::Error => AnsiColor::Red.on_default().bold(),
            Severity::Warning => AnsiColor::Yellow.on_default().bold(),
            Severity::Note => AnsiColor::Cyan.on_default(),
        };
        format!("{style}{text}{style:#}")
    }
}

/// `VANBAN_LANG`, else the locale (`vi_VN.UTF-8` → Vietnamese; `C`,
/// `POSIX` and an unset locale keep the default, Vietnamese; any other
/// language → English, the closer of the two to a foreign reader).
fn language(vanban_lang: Option<&str>, locale: Option<&str>) -> Lang {
    let pick = |v: &str| {
        let v = v.to_ascii_lowercase();
        if v.starts_with("vi") {
            Some(Lang::Vi)
        } else if v.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    };
    if let Some(l) = vanban_lang.and_then(pick) {
        return l;
    }
    match locale {
        None => Lang::Vi,
        Some(l) if l == "C" || l == "POSIX" || l.starts_with("C.") => Lang::Vi,
        Some(l) => pick(l).unwrap_or(Lang::En),
    }
}

/// Runs `write` with SIGINT, SIGTERM and SIGHUP held: a command that
/// writes its files from one thread holds them for the few milliseconds
/// of writing and renaming, and a signal that came meanwhile is delivered
/// after, ending the process as it would have, with no temporary file
/// left. This spares the short commands the thread
/// [`remove_temp_files_on_signals`] needs (its start was 2 % of a
/// `vanban render`).
pub fn with_signals_held<T>(write: impl FnOnce() -> T) -> T {
    #[cfg(unix)]
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, s);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
        // Restored even if `write` panics.
        struct Restore(libc::sigset_t);
        impl Drop for Restore {
            fn drop(&mut self) {
                unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.0, std::ptr::null_mut()) };
            }
        }
        let _restore = Restore(old);
        write()
    }
    #[cfg(not(unix))]
    write()
}

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files being written,
/// then end as that signal would have, so that the shell sees it. For the
/// commands that write from several threads or for long (`batch`,
/// `watch`); the others hold the signals while they write
/// ([`with_signals_held`]).
pub fn remove_temp_files_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Held until the process ends: no new temporary file starts.
                let _held = vanban::output::remove_temp_files();
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn signals_wait_while_writing_and_not_after() {
        fn held() -> [bool; 3] {
            unsafe {
                let mut now: libc::sigset_t = std::mem::zeroed();
                libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut now);
                [libc::SIGINT, libc::SIGTERM, libc::SIGHUP].map(|s| libc::sigismember(&now, s) == 1)
            }
        }
        assert_eq!(held(), [false; 3]);
        assert_eq!(with_signals_held(held), [true; 3]);
        assert_eq!(held(), [false; 3]);
        // A panic inside still lets them through after.
        let _ = std::panic::catch_unwind(|| with_signals_held(|| panic!("write failed")));
        assert_eq!(held(), [false; 3]);
    }

    #[test]
    fn language_from_the_environment() {
        assert_eq!(language(None, None), Lang::Vi);
        assert_eq!(language(Some("en"), Some("vi_VN.UTF-8")), Lang::En);
        assert_eq!(language(Some("xx"), Some("en_US.UTF-8")), Lang::En);
        assert_eq!(language(None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(language(None, Some("C.UTF-8")), Lang::Vi);
        assert_eq!(language(None, Some("POSIX")), Lang::Vi);
        assert_eq!(language(None, Some("fr_FR.UTF-8")), Lang::En);
    }
}
