//! Reading the files a document names (signature and seal images), and any
//! input, within limits: a size cap that also ends a read from a device or
//! a pipe that never ends, regular files only, and, when asked, only files
//! inside one root folder.
//!
//! ```
//! use vanban::files::FileAccess;
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("dau.png"), b"...").unwrap();
//! let access = FileAccess::new(dir.path()).confined_to(dir.path()).unwrap();
//! assert!(access.read("dau.png", 1000).is_ok());
//! // Outside the root: refused with the same words whether or not it exists.
//! let e = access.read("../../etc/passwd", 1000).unwrap_err();
//! let f = access.read("../../no/such/file", 1000).unwrap_err();
//! assert_eq!(e.message().en.replace("etc/passwd", "X"), f.message().en.replace("no/such/file", "X"));
//! ```

use crate::core::diag::Msg;
use crate::core::limits::human_bytes;
use crate::core::{Assets, Document, Limits};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read. Its [`message`](FileError::message)
/// names the reference as the document wrote it.
#[derive(Debug)]
#[non_exhaustive]
pub enum FileError {
    /// No such file (inside the root, when there is one).
    NotFound {
        /// The reference as the document wrote it.
        reference: String,
    },
    /// The reference leads outside the root folder. Says nothing about
    /// whether such a file exists.
    OutsideRoot {
        /// The reference as the document wrote it.
        reference: String,
        /// The folder references must stay in.
        root: PathBuf,
    },
    /// Larger than the limit (or a device or pipe that kept giving bytes).
    TooLarge {
        /// The reference as the document wrote it.
        reference: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A folder, a device, a socket: not a file with contents.
    NotAFile {
        /// The reference as the document wrote it.
        reference: String,
        /// What it is instead (`folder`, `device`…), in English.
        what: &'static str,
    },
    /// Any other error of the operating system.
    Io {
        /// The reference as the document wrote it.
        reference: String,
        /// The operating system's error.
        error: std::io::Error,
    },
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    /// What went wrong, in Vietnamese and English.
    pub fn message(&self) -> Msg {
        match self {
            FileError::NotFound { reference } => Msg::new(
                format!("không có tệp `{reference}`"),
                format!("there is no file `{reference}`"),
            ),
            FileError::OutsideRoot { reference, root } => Msg::new(
                format!(
                    "`{reference}` nằm ngoài thư mục được phép `{}`; chỉ đọc được tệp trong thư mục đó",
                    root.display()
                ),
                format!(
                    "`{reference}` is outside the allowed folder `{}`; only files inside it can be read",
                    root.display()
                ),
            ),
            FileError::TooLarge { reference, limit } => {
                let max = human_bytes(*limit);
                Msg::new(
                    format!("tệp `{reference}` lớn hơn {max}, giới hạn cho loại tệp này"),
                    format!("`{reference}` is larger than {max}, the limit for this kind of file"),
                )
            }
            FileError::NotAFile { reference, what } => {
                let vi = match *what {
                    "folder" => "một thư mục",
                    "device" => "một thiết bị",
                    "socket" => "một socket",
                    _ => "không phải tệp thường",
                };
                Msg::new(
                    format!("`{reference}` là {vi}, không phải một tệp"),
                    format!("`{reference}` is a {what}, not a file"),
                )
            }
            FileError::Io { reference, error } => Msg::new(
                format!("không đọc được `{reference}`: {error}"),
                format!("cannot read `{reference}`: {error}"),
            ),
        }
    }
}

/// Reads at most `max` bytes; more is an error, so that `/dev/zero`, `yes |`
/// or a pipe that never closes ends with a message instead of filling the
/// memory. Returns `Err(None)` when the source holds more than `max`.
pub fn read_limited(mut r: impl Read, max: u64) -> Result<Vec<u8>, Option<std::io::Error>> {
    let mut buf = Vec::new();
    (&mut r)
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(Some)?;
    if buf.len() as u64 > max {
        return Err(None);
    }
    Ok(buf)
}

/// What kind of thing a path is, for refusing what is not a regular file.
pub(crate) fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "device";
        }
        if ft.is_socket() {
            return "socket";
        }
    }
    if ft.is_symlink() {
        return "symbolic link";
    }
    "file"
}

/// Reads a file by path: a regular file, or a pipe (a FIFO, `<(…)`), up to
/// `max` bytes. Folders, devices and sockets are refused before reading:
/// reading `/dev/zero` or a terminal would never end by itself.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    read_path(path, max, true)
}

fn read_path(path: &Path, max: u64, allow_pipe: bool) -> Result<Vec<u8>, FileError> {
    let reference = path.display().to_string();
    let io = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => FileError::NotFound {
            reference: reference.clone(),
        },
        _ => FileError::Io {
            reference: reference.clone(),
            error,
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    match kind_of(&meta) {
        "file" => {}
        "pipe (FIFO)" if allow_pipe => {}
        what => {
            return Err(FileError::NotAFile {
                reference: reference.clone(),
                what,
            })
        }
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_limited(file, max).map_err(|e| match e {
        Some(e) => io(e),
        None => FileError::TooLarge {
            reference: reference.clone(),
            limit: max,
        },
    })
}

/// Where the files a document names are looked up: relative references
/// from a base folder (the document's own), and, when confined, nowhere
/// outside a root folder — `../`, absolute paths and symbolic links that
/// lead out are all refused, with the same message whether or not the
/// file exists.
#[derive(Debug, Clone)]
pub struct FileAccess {
    base: PathBuf,
    root: Option<Root>,
    limits: Limits,
}

#[derive(Debug, Clone)]
struct Root {
    /// As the caller gave it, for messages.
    shown: PathBuf,
    /// Absolute, symbolic links resolved.
    real: PathBuf,
}

/// Symbolic links followed while resolving one reference, as Linux allows.
const MAX_LINKS: usize = 40;

impl FileAccess {
    /// References relative to `base` (usually the document's folder);
    /// nothing confined; default limits.
    pub fn new(base: impl Into<PathBuf>) -> FileAccess {
        FileAccess {
            base: base.into(),
            root: None,
            limits: Limits::default(),
        }
    }

    /// Allows only files inside `root` (which must exist).
    pub fn confined_to(mut self, root: impl AsRef<Path>) -> std::io::Result<FileAccess> {
        let root = root.as_ref();
        self.root = Some(Root {
            shown: root.to_path_buf(),
            real: std::fs::canonicalize(root)?,
        });
        Ok(self)
    }

    /// Other limits (image size and pixels).
    pub fn with_limits(mut self, limits: Limits) -> FileAccess {
        self.limits = limits;
        self
    }

    /// The root folder, when confined.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_ref().map(|r| r.shown.as_path())
    }

    /// Reads a file the document names, at most `max` bytes.
    pub fn read(&self, reference: &str, max: u64) -> Result<Vec<u8>, FileError> {
        let path = self.resolve(reference)?;
        // An image is a file: a pipe named in a document would block.
        read_path(&path, max, false).map_err(|e| match e {
            // Messages name the reference as written, not the resolved path.
            FileError::NotFound { .. } => FileError::NotFound {
                reference: reference.to_string(),
            },
            FileError::TooLarge { limit, .. } => FileError::TooLarge {
                reference: reference.to_string(),
                limit,
            },
            FileError::NotAFile { what, .. } => FileError::NotAFile {
                reference: reference.to_string(),
                what,
            },
            FileError::Io { error, .. } => FileError::Io {
                reference: reference.to_string(),
                error,
            },
            e => e,
        })
    }

    /// Reads the signature and seal images the document names into
    /// [`Assets`]; a file that cannot be read is recorded there with the
    /// reason, for [`crate::Renderer::check_images`] to report at its field.
    pub fn load_images(&self, doc: &Document) -> Assets {
        let mut assets = Assets::new();
        self.load_images_into(doc, &mut assets);
        assets
    }

    /// As [`FileAccess::load_images`], adding to `assets` only the images
    /// it does not hold yet.
    pub fn load_images_into(&self, doc: &Document, assets: &mut Assets) {
        for (_, reference) in crate::core::assets::image_refs(doc) {
            if assets.get(reference).is_some() || assets.failure(reference).is_some() {
                continue;
            }
            match self.read(reference, self.limits.image_bytes) {
                Ok(bytes) => assets.insert(reference, bytes),
                Err(e) => assets.insert_failure(reference, e.message()),
            }
        }
    }

    /// The path to open for a reference: inside the root, every symbolic
    /// link on the way followed and checked.
    fn resolve(&self, reference: &str) -> Result<PathBuf, FileError> {
        let joined = self.base.join(reference);
        let Some(root) = &self.root else {
            return Ok(joined);
        };
        let outside = || FileError::OutsideRoot {
            reference: reference.to_string(),
            root: root.shown.clone(),
        };
        let absolute = |p: &Path| -> Result<PathBuf, FileError> {
            if p.is_absolute() {
                Ok(p.to_path_buf())
            } else {
                std::env::current_dir()
                    .map(|d| d.join(p))
                    .map_err(|error| FileError::Io {
                        reference: reference.to_string(),
                        error,
                    })
            }
        };
        // The base folder itself may sit behind a symbolic link (the root
        // as given vs. as resolved): resolve it, then walk the reference.
        let base = absolute(&self.base)?;
        let base_real = std::fs::canonicalize(&base).unwrap_or_else(|_| lexical(&base));
        let start = if Path::new(reference).is_absolute() {
            PathBuf::from(reference)
        } else {
            base_real.join(reference)
        };
        let start = lexical(&start);
        // A reference written against the root as the caller spelled it
        // (an absolute path through a linked folder) is inside too.
        let shown_abs = lexical(&absolute(&root.shown)?);
        let start = match start.strip_prefix(&shown_abs) {
            Ok(rest) if shown_abs != root.real => root.real.join(rest),
            _ => start,
        };
        let Ok(rest) = start.strip_prefix(&root.real) else {
            return Err(outside());
        };
        // Walk one component at a time from the root, following links by
        // hand, so that nothing outside is ever looked at: whether a file
        // outside exists cannot change the answer.
        let mut todo: Vec<PathBuf> = rest
            .components()
            .rev()
            .map(|c| PathBuf::from(c.as_os_str()))
            .collect();
        let mut current = root.real.clone();
        let mut links = 0;
        while let Some(part) = todo.pop() {
            if part.as_os_str() == ".." {
                if current == root.real {
                    return Err(outside());
                }
                current.pop();
                continue;
            }
            let next = current.join(&part);
            let meta = match std::fs::symlink_metadata(&next) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(FileError::NotFound {
                        reference: reference.to_string(),
                    })
                }
                Err(error) => {
                    return Err(FileError::Io {
                        reference: reference.to_string(),
                        error,
                    })
                }
            };
            if meta.file_type().is_symlink() {
                links += 1;
                if links > MAX_LINKS {
                    return Err(outside());
                }
                let target = std::fs::read_link(&next).map_err(|error| FileError::Io {
                    reference: reference.to_string(),
                    error,
                })?;
                let target = lexical(&if target.is_absolute() {
                    target
                } else {
                    current.join(target)
                });
                let Ok(inside) = target.strip_prefix(&root.real) else {
                    return Err(outside());
                };
                todo.extend(
                    inside
                        .components()
                        .rev()
                        .map(|c| PathBuf::from(c.as_os_str())),
                );
                current = root.real.clone();
                continue;
            }
            current = next;
        }
        Ok(current)
    }
}

/// `.` and `..` worked out on the text of a path, without the file system
/// (`..` above the top stays at the top, as the kernel does for `/..`).
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn confinement_follows_links_and_never_tells_what_is_outside() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("root");
        std::fs::create_dir_all(root.join("anh")).unwrap();
        std::fs::write(root.join("anh/dau.png"), b"seal").unwrap();
        std::fs::write(top.path().join("secret.png"), b"secret").unwrap();
        symlink("anh/dau.png", root.join("link-in.png")).unwrap();
        symlink("../secret.png", root.join("link-out.png")).unwrap();
        symlink("../missing.png", root.join("link-out-missing.png")).unwrap();
        symlink(top.path(), root.join("anh/up")).unwrap();
        let a = FileAccess::new(&root).confined_to(&root).unwrap();
        assert_eq!(a.read("anh/dau.png", 100).unwrap(), b"seal");
        assert_eq!(a.read("link-in.png", 100).unwrap(), b"seal");
        assert_eq!(a.read("anh/../anh/./dau.png", 100).unwrap(), b"seal");
        let secret = top.path().join("secret.png");
        let missing = top.path().join("missing.png");
        for r in [
            "../secret.png",
            "../missing.png",
            "link-out.png",
            "link-out-missing.png",
            "anh/up/secret.png",
            "anh/up/missing.png",
            secret.to_str().unwrap(),
            missing.to_str().unwrap(),
        ] {
            let e = a.read(r, 100).unwrap_err();
            assert!(matches!(e, FileError::OutsideRoot { .. }), "{r}: {e:?}");
        }
        assert!(matches!(
            a.read("anh/none.png", 100).unwrap_err(),
            FileError::NotFound { .. }
        ));
        // Unconfined, the same reference is read relative to the base.
        let free = FileAccess::new(&root);
        assert_eq!(free.read("../secret.png", 100).unwrap(), b"secret");
        // A root given through a symbolic link, and an absolute reference
        // written through it, are inside.
        symlink(&root, top.path().join("alias")).unwrap();
        let via = FileAccess::new(top.path().join("alias"))
            .confined_to(top.path().join("alias"))
            .unwrap();
        let abs = top.path().join("alias/anh/dau.png");
        assert_eq!(via.read(abs.to_str().unwrap(), 100).unwrap(), b"seal");
        assert_eq!(via.read("anh/dau.png", 100).unwrap(), b"seal");
    }

    #[test]
    fn limits_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big"), vec![0u8; 2000]).unwrap();
        let a = FileAccess::new(dir.path());
        assert!(matches!(
            a.read("big", 1000).unwrap_err(),
            FileError::TooLarge { limit: 1000, .. }
        ));
        assert!(matches!(
            a.read(".", 1000).unwrap_err(),
            FileError::NotAFile { what: "folder", .. }
        ));
        assert!(read_limited(std::io::repeat(b' '), 4096)
            .unwrap_err()
            .is_none());
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), b"abc");
    }
}
