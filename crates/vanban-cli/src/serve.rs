//! `vanban serve [--port N] [--dir DIR]`: the offline page (`web/dist`,
//! built by `web/build.sh`) on http://127.0.0.1, for browsers that will
//! not load a WebAssembly module from a `file://` page.
//!
//! A static file server and nothing more: GET and HEAD, one thread per
//! connection, `Connection: close`. It listens on the loopback address
//! only, and answers only for paths inside the folder: no `..`, no
//! absolute part, no backslash. Symbolic links the folder holds are
//! followed: the page links the fonts of `crates/vanban-fonts` rather
//! than keep a second copy. No crate: `std::net` is enough for a
//! page of a few files that one person opens on her own machine.

use crate::ui::Ui;
use crate::EXIT_IO;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The port when none is given: unassigned by IANA, easy to type.
pub const DEFAULT_PORT: u16 = 8737;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1; 0 picks a free one (the URL printed names it).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The folder to serve. Default: `web/dist` in the current folder,
    /// else in the repository this `vanban` was built from.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The built page: the given folder, else `web/dist` here, else in the
/// source tree the binary was built from.
fn page_dir(a: &ServeArgs) -> PathBuf {
    if let Some(d) = &a.dir {
        return d.clone();
    }
    let here = PathBuf::from("web/dist");
    if here.is_dir() {
        return here;
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/dist");
    if built.is_dir() {
        return built;
    }
    here
}

pub fn run(a: &ServeArgs, ui: &Ui) -> u8 {
    let dir = page_dir(a);
    let Ok(root) = dir.canonicalize() else {
        ui.error(
            format!(
                "không có thư mục `{}`: hãy dựng trang trước bằng `web/build.sh`",
                dir.display()
            ),
            format!(
                "there is no folder `{}`: build the page first with `web/build.sh`",
                dir.display()
            ),
        );
        return EXIT_IO;
    };
    if a.dir.is_none() && !root.join("index.html").is_file() {
        ui.error(
            format!(
                "`{}` chưa có trang (index.html): hãy chạy `web/build.sh`",
                dir.display()
            ),
            format!(
                "`{}` has no page (index.html): run `web/build.sh`",
                dir.display()
            ),
        );
        return EXIT_IO;
    }
    let listener = match TcpListener::bind(("127.0.0.1", a.port)) {
        Ok(l) => l,
        Err(e) => {
            ui.error(
                format!(
                    "không mở được cổng {} trên 127.0.0.1: {e} (thử `--port 0`)",
                    a.port
                ),
                format!(
                    "cannot listen on 127.0.0.1 port {}: {e} (try `--port 0`)",
                    a.port
                ),
            );
            return EXIT_IO;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(a.port);
    // The URL on standard output, alone on its line, for scripts and tests
    // (`--port 0`); the rest on standard error.
    println!("http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    if !ui.quiet {
        eprintln!(
            "{}",
            ui.say(
                format!("Đang phục vụ {} (Ctrl+C để dừng)", root.display()),
                format!("Serving {} (Ctrl+C stops)", root.display()),
            )
        );
    }
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, &root);
        });
    }
    0
}

/// The media type by extension; `application/wasm` matters: browsers
/// refuse to compile a module served as anything else.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// `%xx` decoded; `None` when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file a request path names inside `root`, or why not.
#[derive(Debug, PartialEq)]
pub enum Resolved {
    File(PathBuf),
    NotFound,
    Forbidden,
}

/// Only plain names below the root: `..`, absolute parts, backslashes and
/// NUL are refused before the file system is asked.
pub fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    if !path.starts_with('/') || path.contains(['\\', '\0']) {
        return Resolved::Forbidden;
    }
    let rel = Path::new(&path[1..]);
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Resolved::Forbidden;
    }
    let mut full = root.join(rel);
    if full.is_dir() {
        full = full.join("index.html");
    }
    if full.is_file() {
        Resolved::File(full)
    } else {
        Resolved::NotFound
    }
}

fn answer(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The headers are read and ignored (bounded: a request head is small).
    let mut head = String::new();
    let mut total = 0;
    loop {
        head.clear();
        let n = reader.read_line(&mut head)?;
        total += n;
        if n == 0 || head == "\r\n" || head == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return reply(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"405\n",
            true,
        );
    }
    let head_only = method == "HEAD";
    match resolve(root, target) {
        Resolved::File(p) => match std::fs::read(&p) {
            Ok(body) => reply(&mut out, "200 OK", mime(&p), &body, !head_only),
            Err(_) => reply(
                &mut out,
                "404 Not Found",
                "text/plain",
                b"404\n",
                !head_only,
            ),
        },
        Resolved::NotFound => reply(
            &mut out,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"404 not found\n",
            !head_only,
        ),
        Resolved::Forbidden => reply(
            &mut out,
            "403 Forbidden",
            "text/plain; charset=utf-8",
            b"403 forbidden\n",
            !head_only,
        ),
    }
}

fn reply(
    out: &mut TcpStream,
    status: &str,
    mime: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    // no-cache: a page rebuilt by web/build.sh is what the next reload gets.
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/b c.js"), "x").unwrap();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/a/b%20c.js?v=1"),
            Resolved::File(root.join("a/b c.js"))
        );
        assert_eq!(resolve(&root, "/nope.js"), Resolved::NotFound);
        for bad in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/a/%2E%2E/%2e%2e/etc/passwd",
            "//etc/passwd",
            "/a\\..\\x",
            "x",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::Forbidden, "{bad}");
        }
    }

    #[test]
    fn wasm_has_its_media_type() {
        assert_eq!(mime(Path::new("x/vanban_bg.wasm")), "application/wasm");
        assert!(mime(Path::new("app.js")).starts_with("text/javascript"));
        assert!(mime(Path::new("INDEX.HTML")).starts_with("text/html"));
    }
}
