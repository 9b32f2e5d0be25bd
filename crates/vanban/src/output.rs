//! Writing output files safely.
//!
//! - Only regular files are written. A folder, a device (`/dev/null`), a
//!   pipe, a socket or a symbolic link given as an output is refused, never
//!   replaced: replacing a symbolic link would silently cut it from the file
//!   it pointed to, and writing through it would write somewhere the user
//!   did not name. Give the real path instead (the message names it).
//! - Each file is written to a temporary file in the same folder, then
//!   renamed over the target: a failed or killed write never leaves a
//!   half-written file and never clobbers the previous good one.
//! - A replaced file keeps its permissions; a new file gets `0666` less
//!   the umask, as `touch` would make it.
//! - The files of one render are renamed into place together, under an
//!   advisory lock on their folder, so that two vanban processes writing
//!   the same PDF + DOCX pair cannot interleave into a PDF of one render
//!   and a DOCX of the other. A reader who opens the pair in the
//!   microseconds between the two renames can still see the new PDF with
//!   the old DOCX: two files cannot be replaced in one step.
//! - Temporary files are named `.vanban-<pid>-<n>.tmp`. The ones being
//!   written are known to [`remove_temp_files`], for a signal handler;
//!   [`clean_stale_temp_files`] removes those a killed process left.

use crate::core::diag::Msg;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Why an output could not be written.
#[derive(Debug)]
#[non_exhaustive]
pub enum OutputError {
    /// The path exists and is not a regular file (folder, device, pipe…).
    NotAFile {
        /// The output path.
        path: PathBuf,
        /// What it is instead (`folder`, `device`…), in English.
        what: &'static str,
    },
    /// The path is a symbolic link (to `target`).
    Symlink {
        /// The output path.
        path: PathBuf,
        /// Where the link points.
        target: PathBuf,
    },
    /// Two outputs, or an output and the input, are the same file.
    SamePath {
        /// The path given twice.
        path: PathBuf,
    },
    /// The folder does not exist.
    NoFolder {
        /// The output path.
        path: PathBuf,
    },
    /// An error of the operating system while writing.
    Io {
        /// The output path.
        path: PathBuf,
        /// The operating system's error.
        error: std::io::Error,
    },
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for OutputError {}

impl OutputError {
    /// What went wrong and what to do, in Vietnamese and English.
    pub fn message(&self) -> Msg {
        match self {
            OutputError::NotAFile { path, what } => {
                let p = path.display();
                let vi = match *what {
                    "folder" => "một thư mục",
                    "device" => "một thiết bị",
                    "pipe (FIFO)" => "một đường ống (FIFO)",
                    "socket" => "một socket",
                    _ => "không phải tệp thường",
                };
                // A folder wants a file name inside it; a device or a pipe
                // is usually meant as "send it there": that is `-`.
                let (hint_vi, hint_en) = if *what == "folder" {
                    (
                        "ghi tên tệp trong thư mục đó, hoặc dùng -o THƯ_MỤC",
                        "give a file name inside it, or use -o DIR",
                    )
                } else {
                    (
                        "dùng `-` để ghi ra đầu ra chuẩn",
                        "use `-` to write to standard output",
                    )
                };
                Msg::new(
                    format!("`{p}` là {vi}, không phải tệp: vanban chỉ ghi tệp thường và không thay thế nó; {hint_vi}"),
                    format!("`{p}` is a {what}, not a file: vanban writes only regular files and does not replace it; {hint_en}"),
                )
            }
            OutputError::Symlink { path, target } => {
                let (p, t) = (path.display(), target.display());
                Msg::new(
                    format!("`{p}` là liên kết tượng trưng (tới `{t}`): vanban không ghi đè liên kết; ghi thẳng đường dẫn thật `{t}`"),
                    format!("`{p}` is a symbolic link (to `{t}`): vanban does not replace links; give the real path `{t}`"),
                )
            }
            OutputError::SamePath { path } => {
                let p = path.display();
                Msg::new(
                    format!("`{p}` được chọn cho hai thứ (hai tệp ra, hoặc tệp vào và tệp ra); chọn tên khác nhau"),
                    format!("`{p}` is named for two things (two outputs, or the input and an output); choose different names"),
                )
            }
            OutputError::NoFolder { path } => {
                let p = path.display();
                Msg::new(
                    format!("thư mục `{p}` không tồn tại"),
                    format!("the folder `{p}` does not exist"),
                )
            }
            OutputError::Io { path, error } => {
                let p = path.display();
                Msg::new(
                    format!("không ghi được `{p}`: {error}"),
                    format!("cannot write `{p}`: {error}"),
                )
            }
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether `path` may be written: it does not exist, or it is a regular
/// file (not through a symbolic link), in a folder that exists.
pub fn check_target(path: &Path) -> Result<(), OutputError> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(OutputError::NoFolder {
            path: folder.to_path_buf(),
        });
    }
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(OutputError::Io {
            path: path.to_path_buf(),
            error,
        }),
        Ok(m) if m.file_type().is_symlink() => Err(OutputError::Symlink {
            path: path.to_path_buf(),
            target: std::fs::canonicalize(path)
                .or_else(|_| std::fs::read_link(path))
                .unwrap_or_default(),
        }),
        Ok(m) => match crate::files::kind_of(&m) {
            "file" => Ok(()),
            what => Err(OutputError::NotAFile {
                path: path.to_path_buf(),
                what,
            }),
        },
    }
}

/// The file a path names, for telling whether two paths are one: its
/// folder resolved (links, `..`) and its own name.
fn identity(path: &Path) -> Option<PathBuf> {
    let folder = std::fs::canonicalize(folder_of(path)).ok()?;
    Some(folder.join(path.file_name()?))
}

/// Whether two paths name the same file (`a.pdf`, `./a.pdf`,
/// `out/../a.pdf`; on a case-insensitive file system the caller's
/// spelling may still differ).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
        // Two files that exist are one exactly when device and inode
        // agree: no need to resolve their folders (a `readlink` per
        // component of each, a tenth of a render's system calls).
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            return (ma.dev(), ma.ino()) == (mb.dev(), mb.ino());
        }
        #[cfg(not(unix))]
        let _ = (ma, mb);
    }
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Temporary files this process is writing, for [`remove_temp_files`].
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

const TEMP_PREFIX: &str = ".vanban-";
const TEMP_SUFFIX: &str = ".tmp";

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file this process is writing. For a signal
/// handler (SIGINT, SIGTERM) that then ends the process: it holds the lock
/// so that no new temporary file is started after it ran.
pub fn remove_temp_files() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    let mut guard = pending();
    for p in guard.drain(..) {
        let _ = std::fs::remove_file(p);
    }
    guard
}

/// A temporary file being written: registered while it exists.
struct Temp {
    path: PathBuf,
    file: Option<File>,
}

impl Temp {
    fn create(folder: &Path, mode: Option<u32>) -> std::io::Result<Temp> {
        loop {
            let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
            let path = folder.join(format!(
                "{TEMP_PREFIX}{}-{n}{TEMP_SUFFIX}",
                std::process::id()
            ));
            // Registered before it exists, under the lock a signal handler
            // takes: either it is removed, or it is never created.
            let mut guard = pending();
            let mut oo = OpenOptions::new();
            oo.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                // 0666 less the umask, like any new file.
                oo.mode(mode.unwrap_or(0o666));
            }
            #[cfg(not(unix))]
            let _ = mode;
            match oo.open(&path) {
                Ok(file) => {
                    guard.push(path.clone());
                    return Ok(Temp {
                        path,
                        file: Some(file),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn forget(&self) {
        pending().retain(|p| p != &self.path);
    }
}

impl Drop for Temp {
    /// A temporary file not renamed into place is removed.
    fn drop(&mut self) {
        self.file = None;
        if std::fs::symlink_metadata(&self.path).is_ok() {
            let _ = std::fs::remove_file(&self.path);
        }
        self.forget();
    }
}

/// Writes one file safely (see the module's notes), flushed to disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_files(&[(path, bytes)], true)
}

/// Writes several files safely and renames them into place together (see
/// the module's notes). Nothing is renamed unless every temporary file was
/// written whole. `sync` flushes each to disk first (slower; for when a
/// power cut must not leave an empty file).
pub fn write_files(files: &[(&Path, &[u8])], sync: bool) -> Result<(), OutputError> {
    for (i, (p, _)) in files.iter().enumerate() {
        check_target(p)?;
        if files[..i].iter().any(|(q, _)| same_file(p, q)) {
            return Err(OutputError::SamePath {
                path: p.to_path_buf(),
            });
        }
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| OutputError::Io { path, error }
    };
    let mut temps = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let folder = folder_of(path);
        let existing = existing_mode(path);
        let mut t = Temp::create(folder, existing).map_err(io(folder))?;
        let f = t.file.as_mut().expect("open");
        f.write_all(bytes).map_err(io(path))?;
        if let Some(mode) = existing {
            // Exactly the replaced file's mode, whatever the umask.
            set_mode(f, mode).map_err(io(path))?;
        }
        if sync {
            f.sync_all().map_err(io(path))?;
        }
        temps.push(t);
    }
    let mut named: Vec<&Path> = files.iter().map(|(p, _)| folder_of(p)).collect();
    named.dedup();
    let mut folders: Vec<PathBuf> = named
        .iter()
        .filter_map(|f| std::fs::canonicalize(f).ok())
        .collect();
    folders.sort();
    folders.dedup();
    // Locks are advisory and best effort: a file system without them
    // (some network shares) still gets atomic renames.
    let locks: Vec<File> = folders
        .iter()
        .filter_map(|d| File::open(d).ok())
        .filter(lock)
        .collect();
    for ((path, _), temp) in files.iter().zip(&temps) {
        // Again, just before: the target may have changed while rendering.
        check_target(path)?;
        std::fs::rename(&temp.path, path).map_err(io(path))?;
        temp.forget();
    }
    drop(locks);
    Ok(())
}

fn lock(f: &File) -> bool {
    f.lock().is_ok()
}

fn existing_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

fn set_mode(f: &File, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (f, mode);
        Ok(())
    }
}

/// Age after which a temporary file of ours is stale even if a process
/// with its number runs (numbers are reused).
const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// Removes the temporary files a killed vanban left in `folder`: those of
/// a process that no longer runs (Linux), or older than a day. Returns how
/// many were removed. Never touches another program's files: only names
/// `.vanban-<pid>-<n>.tmp` (and `.vanban-XXXXXX.tmp` of earlier versions).
pub fn clean_stale_temp_files(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        let pid: Option<u32> = middle.split_once('-').and_then(|(p, _)| p.parse().ok());
        let dead = match pid {
            Some(p) if p == std::process::id() => false,
            Some(p) => !process_runs(p),
            // An earlier version's random name: only by age (an hour).
            None => meta
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(3600)),
        };
        if (dead || old) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a process runs, where the system tells (Linux's /proc);
/// elsewhere assume it does, and leave the file to the age rule.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn special_files_and_links_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let fifo = d.join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        std::fs::write(d.join("real.pdf"), b"old").unwrap();
        std::os::unix::fs::symlink(d.join("real.pdf"), d.join("link.pdf")).unwrap();
        std::fs::create_dir(d.join("folder.pdf")).unwrap();
        for (name, want) in [
            ("fifo", "pipe"),
            ("link.pdf", "symbolic link"),
            ("folder.pdf", "folder"),
        ] {
            let e = write_atomic(&d.join(name), b"new").unwrap_err();
            assert!(e.message().en.contains(want), "{name}: {e}");
        }
        assert!(std::fs::symlink_metadata(d.join("link.pdf"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(d.join("real.pdf")).unwrap(), b"old");
        let e = write_files(&[(&d.join("a"), b"1"), (&d.join("./a"), b"2")], false);
        assert!(matches!(e, Err(OutputError::SamePath { .. })));
        assert!(!d.join("a").exists());
        // Nothing left behind.
        let names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn modes_are_kept_or_follow_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.pdf");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(
            (mode(&p), std::fs::read(&p).unwrap()),
            (0o600, b"new".to_vec())
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_files(&[(&p, b"again")], false).unwrap();
        assert_eq!(mode(&p), 0o664);
        // A new file: 0666 less this process's umask (read without
        // changing it: a file made the ordinary way shows it).
        let probe = dir.path().join("probe");
        File::create(&probe).unwrap();
        let q = dir.path().join("new.pdf");
        write_atomic(&q, b"x").unwrap();
        assert_eq!(mode(&q), mode(&probe));
    }

    #[test]
    fn stale_temp_files_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // No process has this number (above Linux's largest pid).
        std::fs::write(d.join(".vanban-999999999-3.tmp"), b"half").unwrap();
        let mine = d.join(format!(".vanban-{}-77.tmp", std::process::id()));
        std::fs::write(&mine, b"in progress").unwrap();
        std::fs::write(d.join(".other-program.tmp"), b"x").unwrap();
        assert_eq!(clean_stale_temp_files(d), 1);
        assert!(mine.exists() && d.join(".other-program.tmp").exists());
        assert!(!d.join(".vanban-999999999-3.tmp").exists());
    }
}
