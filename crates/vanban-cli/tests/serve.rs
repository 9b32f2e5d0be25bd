//! `vanban serve` end to end: the binary on a free port over a temporary
//! folder, asked over a plain TCP connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--port", "0", "--dir"])
        .arg(dir)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("http://")
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("no URL printed: {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert_ne!(addr, "127.0.0.1:0");
    Server(child, addr)
}

/// The status line, the headers (lower case) and the body of a raw GET:
/// the path is sent exactly as given (no client normalising `..`).
fn get(addr: &str, path: &str) -> (String, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let body = raw[split + 4..].to_vec();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (status.to_string(), headers.to_ascii_lowercase(), body)
}

#[test]
fn serves_the_folder_with_media_types_and_nothing_outside_it() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "outside").unwrap();
    let dir = outer.path().join("dist");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html>page").unwrap();
    std::fs::write(dir.join("vanban_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("app.js"), "1").unwrap();
    let server = serve(&dir);
    let addr = &server.1;

    let (status, headers, body) = get(addr, "/vanban_bg.wasm");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        headers.contains("content-type: application/wasm"),
        "{headers}"
    );
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (status, headers, body) = get(addr, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(headers.contains("content-type: text/html"), "{headers}");
    assert_eq!(body, b"<!doctype html>page");
    let (_, headers, _) = get(addr, "/app.js?v=2");
    assert!(
        headers.contains("content-type: text/javascript"),
        "{headers}"
    );

    let (status, _, _) = get(addr, "/missing.js");
    assert_eq!(status, "HTTP/1.1 404 Not Found");

    for bad in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/./../secret.txt",
        "/..%2fsecret.txt",
    ] {
        let (status, _, body) = get(addr, bad);
        assert_eq!(status, "HTTP/1.1 403 Forbidden", "{bad}");
        assert!(!String::from_utf8_lossy(&body).contains("outside"), "{bad}");
    }
}

#[test]
fn without_a_built_page_it_says_to_run_the_build_script() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--port", "0", "--dir"])
        .arg(dir.path().join("nope"))
        .env("LANG", "C")
        .env_remove("VANBAN_LANG")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("web/build.sh"), "{err}");
}
