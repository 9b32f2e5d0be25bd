//! Signing-ready PDFs: the signing spaces the layout marks, the empty
//! signature fields the writer makes of them, and a real signature by
//! pyHanko into the field (skipped, with a message, where pyHanko is not
//! installed).

use lopdf::{Dictionary, Document as Pdf, Object};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, OnceLock};
use vanban_core::{load, Assets, Document, Profile};
use vanban_fonts::Fonts;
use vanban_pdf::frame::{Page, SigningRole, SigningSpace};
use vanban_pdf::{PdfOptions, PdfRenderer};

const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const MM: f32 = 72.0 / 25.4;

fn renderer() -> &'static PdfRenderer {
    static R: OnceLock<PdfRenderer> = OnceLock::new();
    R.get_or_init(|| PdfRenderer::new(Arc::new(Fonts::embedded())).unwrap())
}

fn seed() -> Document {
    let mut d = load::from_json(SEED).unwrap().document;
    d.metadata.created = Some("2025-03-06T08:00:00".into());
    d
}

fn render(doc: &Document, opts: PdfOptions) -> Vec<u8> {
    renderer()
        .render(doc, &Profile::nd30(), &Assets::new(), &opts)
        .unwrap()
}

fn fields() -> PdfOptions {
    PdfOptions {
        sign_field: true,
        seal_field: true,
        ..PdfOptions::default()
    }
}

fn space(page: &Page, role: SigningRole) -> SigningSpace {
    *page
        .signing_spaces()
        .find(|s| s.role == role)
        .unwrap_or_else(|| panic!("no {role:?} space"))
}

#[test]
fn the_signing_space_lies_between_the_post_and_the_name() {
    let pages = renderer().layout(&seed(), &Profile::nd30(), &Assets::new());
    let last = pages.last().unwrap();
    // Only the page of the signature block has signing spaces.
    for p in &pages[..pages.len() - 1] {
        assert_eq!(p.signing_spaces().count(), 0);
    }
    let run = |t: &str| last.runs().find(|r| r.text.contains(t)).unwrap().clone();
    let (post, name) = (run("PHÓ CHỦ TỊCH"), run("Đỗ Văn Hạ"));
    let s = space(last, SigningRole::Signer);
    let p = Profile::nd30();
    // The right column's width, 35 mm high, from under the post's line to
    // the top of the name's line.
    assert!((s.height / MM - 35.0).abs() < 0.01);
    assert!(s.y > post.y && s.y < post.y + post.size);
    assert!(s.y + s.height < name.y && s.y + s.height > name.y - name.size * 1.2);
    let (lw, rw) = p.closing_columns();
    assert!((s.x - (p.margin_left.pt() + lw.pt())).abs() < 0.01);
    assert!((s.width - rw.pt()).abs() < 0.01);
    // The seal: the profile's size, centred on the left third, inside the
    // signer's space.
    let seal = space(last, SigningRole::Seal);
    assert!((seal.width / MM - 35.0).abs() < 0.01 && seal.width == seal.height);
    assert!((seal.x + seal.width / 2.0 - (s.x + s.width / 3.0)).abs() < 0.01);
    assert!((seal.y + seal.height / 2.0 - (s.y + s.height / 2.0)).abs() < 0.01);
    assert!(seal.x >= s.x);
}

fn name(d: &Dictionary, key: &[u8]) -> Vec<u8> {
    d.get(key).unwrap().as_name().unwrap().to_vec()
}

fn string(d: &Dictionary, key: &[u8]) -> String {
    let b = d.get(key).unwrap().as_str().unwrap();
    if b.starts_with(&[0xFE, 0xFF]) {
        let u: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&u).unwrap()
    } else {
        String::from_utf8(b.to_vec()).unwrap()
    }
}

/// The fields of the AcroForm: (name, page number from 1, rect, dict).
fn acro_fields(pdf: &Pdf) -> Vec<(String, u32, [f32; 4], Dictionary)> {
    let Ok(form) = pdf.catalog().unwrap().get(b"AcroForm") else {
        return Vec::new();
    };
    let pages: Vec<(u32, lopdf::ObjectId)> = pdf.get_pages().into_iter().collect();
    form.as_dict()
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r.as_reference().unwrap();
            let d = pdf.get_dictionary(id).unwrap().clone();
            let page = d.get(b"P").unwrap().as_reference().unwrap();
            let n = pages.iter().find(|p| p.1 == page).unwrap().0;
            // The page lists the widget among its annotations.
            let annots = pdf.get_dictionary(page).unwrap().get(b"Annots").unwrap();
            assert!(annots.as_array().unwrap().contains(&Object::Reference(id)));
            let rect: Vec<f32> = d
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect();
            (string(&d, b"T"), n, [rect[0], rect[1], rect[2], rect[3]], d)
        })
        .collect()
}

#[test]
fn empty_signature_fields_over_the_signing_spaces() {
    let doc = seed();
    // None unless asked for.
    let plain = Pdf::load_mem(&render(&doc, PdfOptions::default())).unwrap();
    assert!(acro_fields(&plain).is_empty());

    let bytes = render(&doc, fields());
    let pdf = Pdf::load_mem(&bytes).unwrap();
    let got = acro_fields(&pdf);
    assert_eq!(
        got.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["ChuKy", "ConDau"]
    );
    let pages = renderer().layout(&doc, &Profile::nd30(), &Assets::new());
    let last = pages.last().unwrap();
    for ((_, page, rect, d), role) in got.iter().zip([SigningRole::Signer, SigningRole::Seal]) {
        assert_eq!(*page as usize, pages.len());
        let s = space(last, role);
        // PDF coordinates: from the bottom of the page.
        let want = [
            s.x,
            last.height - s.y - s.height,
            s.x + s.width,
            last.height - s.y,
        ];
        for (a, b) in rect.iter().zip(want) {
            assert!((a - b).abs() < 0.01, "{rect:?} vs {want:?}");
        }
        assert_eq!(name(d, b"FT"), b"Sig");
        assert_eq!(name(d, b"Subtype"), b"Widget");
        assert!(d.get(b"V").is_err(), "empty: no signature value yet");
        assert!(string(d, b"TU").starts_with("Chữ ký số"));
        assert_eq!(d.get(b"F").unwrap().as_i64().unwrap(), 4);
        // An empty appearance of the field's size.
        let ap = d.get(b"AP").unwrap().as_dict().unwrap();
        let n = pdf
            .get_object(ap.get(b"N").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        assert!(n.content.is_empty());
        let bbox: Vec<f32> = n
            .dict
            .get(b"BBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert!((bbox[2] - s.width).abs() < 0.01 && (bbox[3] - s.height).abs() < 0.01);
    }
    // Only the signer's field when only it is asked for.
    let one = Pdf::load_mem(&render(
        &doc,
        PdfOptions {
            sign_field: true,
            ..PdfOptions::default()
        },
    ))
    .unwrap();
    assert_eq!(acro_fields(&one).len(), 1);

    // The pages draw exactly what they drew without the fields.
    for ((_, a), (_, b)) in plain.get_pages().into_iter().zip(pdf.get_pages()) {
        assert_eq!(plain.get_page_content(a), pdf.get_page_content(b));
    }
    let text = |p: &Pdf| {
        p.extract_text(&p.get_pages().keys().copied().collect::<Vec<_>>())
            .unwrap()
    };
    assert_eq!(text(&plain), text(&pdf));
}

fn on_path(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{all}");
    all
}

/// A self-signed signing certificate and its key, made in `dir`.
fn test_certificate(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (key, cert) = (dir.join("key.pem"), dir.join("cert.pem"));
    if on_path("openssl") {
        run(Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            ])
            .args(["-subj", "/CN=Do Van Ha/O=UBND xa Tien Thang/C=VN"])
            .args([
                "-addext",
                "keyUsage=critical,digitalSignature,nonRepudiation",
            ])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&cert));
    } else {
        // pyHanko depends on `cryptography`, so Python has it.
        let script = r#"
import datetime, sys
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Do Van Ha")])
now = datetime.datetime.now(datetime.timezone.utc)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256()))
open(sys.argv[1], "wb").write(key.private_bytes(serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
open(sys.argv[2], "wb").write(cert.public_bytes(serialization.Encoding.PEM))
"#;
        run(Command::new("python3")
            .args(["-c", script])
            .arg(&key)
            .arg(&cert));
    }
    (key, cert)
}

/// pyHanko lists the empty fields, signs `ChuKy` with a self-signed
/// certificate, and accepts the signature; the signed file is ours with
/// the signature appended (an incremental update), and the same for a
/// PDF/A file.
#[test]
fn pyhanko_signs_the_empty_field_and_validates_it() {
    if !on_path("pyhanko") {
        eprintln!(
            "SKIPPED pyhanko_signs_the_empty_field_and_validates_it: `pyhanko` is not on PATH \
             (pip install pyhanko pyhanko-cli)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (key, cert) = test_certificate(dir.path());
    for pdfa in [false, true] {
        let ours = render(&seed(), PdfOptions { pdfa, ..fields() });
        let input = dir.path().join("in.pdf");
        let signed = dir.path().join("signed.pdf");
        std::fs::write(&input, &ours).unwrap();
        let list = run(Command::new("pyhanko").args(["sign", "list"]).arg(&input));
        assert!(
            list.contains("ChuKy:EMPTY") && list.contains("ConDau:EMPTY"),
            "{list}"
        );
        run(Command::new("pyhanko")
            .args([
                "sign",
                "addsig",
                "--field",
                "ChuKy",
                "--existing-only",
                "pemder",
                "--no-pass",
            ])
            .arg("--key")
            .arg(&key)
            .arg("--cert")
            .arg(&cert)
            .arg(&input)
            .arg(&signed));
        let out = std::fs::read(&signed).unwrap();
        assert!(
            out.len() > ours.len() && out.starts_with(&ours),
            "an incremental update of our file"
        );
        let list = run(Command::new("pyhanko").args(["sign", "list"]).arg(&signed));
        assert!(
            list.contains("ChuKy:FILLED") && list.contains("ConDau:EMPTY"),
            "{list}"
        );
        let v = run(Command::new("pyhanko")
            .args(["sign", "validate", "--trust-replace", "--trust"])
            .arg(&cert)
            .arg(&signed));
        assert!(
            v.contains("ChuKy:") && v.contains("INTACT:TRUSTED") && v.contains("UNTOUCHED"),
            "pdfa {pdfa}: {v}"
        );
    }
}
