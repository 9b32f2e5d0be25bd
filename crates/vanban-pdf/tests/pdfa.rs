//! PDF/A-2b (ISO 19005-2, level B) by the file's content: the rules krilla
//! used to check for us (its PDF_A2.md), and the ones veraPDF tests most
//! often, read back from what we write with lopdf. No validator runs here
//! (none installs from the registries this project may use), so each rule
//! is a test of its own.

use lopdf::content::Content;
use lopdf::{Dictionary, Document as Pdf, Object, ObjectId};
use std::sync::{Arc, OnceLock};
use vanban_core::{load, Assets, Document, Profile};
use vanban_fonts::Fonts;
use vanban_pdf::{PdfOptions, PdfRenderer};

const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const SIGNED: &str = include_str!("../../../samples/thong-bao-ban-ky.json");
const ICC: &[u8] = include_bytes!("../assets/sRGB-v4.icc");

fn renderer() -> &'static PdfRenderer {
    static R: OnceLock<PdfRenderer> = OnceLock::new();
    R.get_or_init(|| PdfRenderer::new(Arc::new(Fonts::embedded())).unwrap())
}

fn pdfa() -> PdfOptions {
    PdfOptions {
        pdfa: true,
        ..PdfOptions::default()
    }
}

fn images() -> Assets {
    let mut a = Assets::new();
    a.insert(
        "chu-ky-minh-hoa.png",
        include_bytes!("../../../samples/chu-ky-minh-hoa.png").to_vec(),
    );
    a.insert(
        "con-dau-minh-hoa.png",
        include_bytes!("../../../samples/con-dau-minh-hoa.png").to_vec(),
    );
    a
}

fn doc(json: &str) -> Document {
    let mut d = load::from_json(json).unwrap().document;
    d.metadata.created = Some("2025-03-06T08:00:00".into());
    d
}

fn render(json: &str, opts: PdfOptions) -> Vec<u8> {
    renderer()
        .render(&doc(json), &Profile::nd30(), &images(), &opts)
        .unwrap()
}

/// The seed, and the signed sample with its signature and seal images and
/// both signature fields: every rule below holds for both.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("seed", render(SEED, pdfa())),
        (
            "signed sample with fields",
            render(
                SIGNED,
                PdfOptions {
                    sign_field: true,
                    seal_field: true,
                    ..pdfa()
                },
            ),
        ),
    ]
}

fn name(d: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    d.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

fn deref<'a>(pdf: &'a Pdf, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(r) => pdf.get_object(*r).unwrap(),
        o => o,
    }
}

fn text(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => String::from_utf16(
            &b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        Object::String(b, _) => String::from_utf8(b.clone()).unwrap(),
        o => panic!("not a string: {o:?}"),
    }
}

fn xmp(pdf: &Pdf) -> String {
    let catalog = pdf.catalog().unwrap();
    let m = pdf
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    // 6.6.2.1: the metadata stream is not filtered, so any reader finds it.
    assert!(m.dict.get(b"Filter").is_err());
    assert_eq!(name(&m.dict, b"Subtype").unwrap(), b"XML");
    String::from_utf8(m.content.clone()).unwrap()
}

/// The text of one XMP element (the first `<tag>…</tag>`, inner markup
/// such as `rdf:Alt`/`rdf:li` stripped).
fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = xmp.find(&open)? + open.len();
    let end = start + xmp[start..].find(&format!("</{tag}>"))?;
    let mut out = String::new();
    let mut in_tag = false;
    for c in xmp[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    Some(out)
}

#[test]
fn file_structure_header_ids_and_no_encryption() {
    for (what, bytes) in files() {
        // 6.1.2: version 1.7 header, then a comment of four bytes ≥ 128.
        assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{what}");
        let second = &bytes[10..14];
        assert!(second.iter().all(|&b| b >= 128), "{what}: {second:?}");
        let pdf = Pdf::load_mem(&bytes).unwrap();
        // 6.1.3: a file identifier of two strings, and no encryption.
        let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(id.len(), 2);
        for s in id {
            assert_eq!(s.as_str().unwrap().len(), 16, "{what}");
        }
        assert!(pdf.trailer.get(b"Encrypt").is_err(), "{what}");
        // 6.1.13: names of at most 127 bytes; 6.1.7/6.1.10: no external
        // streams, no LZW, no inline images.
        for (_, o) in pdf.objects.iter() {
            let d = match o {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            for (k, v) in d.iter() {
                assert!(k.len() <= 127);
                if let Ok(n) = v.as_name() {
                    assert!(n.len() <= 127);
                }
                assert!(
                    !matches!(k.as_slice(), b"F" | b"FFilter" | b"FDecodeParms")
                        || d.get(b"Length").is_err(),
                    "{what}: external stream"
                );
            }
            if let Ok(f) = d.get(b"Filter") {
                assert_ne!(f.as_name().ok(), Some(&b"LZWDecode"[..]), "{what}");
            }
        }
    }
}

#[test]
fn xmp_says_pdfa_2b_and_agrees_with_the_info_dictionary() {
    for (what, bytes) in files() {
        let pdf = Pdf::load_mem(&bytes).unwrap();
        let x = xmp(&pdf);
        assert!(x.starts_with("<?xpacket begin="), "{what}");
        assert!(x.trim_end().ends_with("<?xpacket end=\"r\"?>"), "{what}");
        // 6.6.4: the identification schema.
        assert_eq!(xmp_value(&x, "pdfaid:part").as_deref(), Some("2"));
        assert_eq!(xmp_value(&x, "pdfaid:conformance").as_deref(), Some("B"));
        // 6.6.2.3: properties outside the predefined schemas are described.
        assert!(x.contains("<pdfaSchema:prefix>xmpMM</pdfaSchema:prefix>"));
        assert!(x.contains("<pdfaSchema:prefix>pdf</pdfaSchema:prefix>"));
        // 6.6.5: provenance, with the identifiers.
        assert!(x.contains("<stEvt:action>saved</stEvt:action>"));
        assert!(x.contains("<stEvt:action>converted</stEvt:action>"));
        let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
        let hex = |o: &Object| {
            o.as_str()
                .unwrap()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert_eq!(xmp_value(&x, "xmpMM:DocumentID").unwrap(), hex(&id[0]));
        assert_eq!(xmp_value(&x, "xmpMM:InstanceID").unwrap(), hex(&id[1]));
        assert_eq!(xmp_value(&x, "pdf:PDFVersion").as_deref(), Some("1.7"));
        // 6.6.3: every Info entry has its XMP twin with the same value.
        let info = pdf
            .get_dictionary(pdf.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        for (key, tag) in [
            (&b"Title"[..], "dc:title"),
            (b"Author", "dc:creator"),
            (b"Subject", "dc:description"),
            (b"Keywords", "pdf:Keywords"),
            (b"Creator", "xmp:CreatorTool"),
            (b"Producer", "pdf:Producer"),
        ] {
            let v = text(info.get(key).unwrap());
            assert!(!v.is_empty());
            assert_eq!(xmp_value(&x, tag).unwrap(), v, "{what}: {tag}");
        }
        assert!(text(info.get(b"Title").unwrap()).starts_with("Thông báo"));
        // Dates: D:20250306080000+07'00 is 2025-03-06T08:00:00+07:00.
        for (key, tag) in [
            (&b"CreationDate"[..], "xmp:CreateDate"),
            (b"ModDate", "xmp:ModifyDate"),
        ] {
            let d = text(info.get(key).unwrap());
            assert_eq!(d, "D:20250306080000+07'00", "{what}");
            assert_eq!(xmp_value(&x, tag).unwrap(), "2025-03-06T08:00:00+07:00");
        }
        let catalog = pdf.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"vi-VN");
        assert_eq!(xmp_value(&x, "dc:language").as_deref(), Some("vi-VN"));
    }
}

#[test]
fn srgb_output_intent_with_its_icc_profile() {
    for (what, bytes) in files() {
        let pdf = Pdf::load_mem(&bytes).unwrap();
        let catalog = pdf.catalog().unwrap();
        let intents = deref(&pdf, catalog.get(b"OutputIntents").unwrap())
            .as_array()
            .unwrap();
        assert_eq!(intents.len(), 1, "{what}");
        let oi = deref(&pdf, &intents[0]).as_dict().unwrap();
        assert_eq!(name(oi, b"S").unwrap(), b"GTS_PDFA1");
        assert!(oi.get(b"OutputConditionIdentifier").is_ok());
        let profile = pdf
            .get_object(
                oi.get(b"DestOutputProfile")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap()
            .as_stream()
            .unwrap();
        assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
        let icc = profile.decompressed_content().unwrap();
        assert_eq!(icc, ICC);
        // 6.2.3: an ICC profile of an RGB device class no newer than v4.
        assert_eq!(&icc[36..40], b"acsp");
        assert_eq!(&icc[16..20], b"RGB ");
        assert!(icc[8] <= 4);
    }
}

/// Every font dictionary reached from the pages.
fn fonts(pdf: &Pdf) -> Vec<&Dictionary> {
    pdf.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            name(d, b"Type").as_deref() == Some(b"Font")
                && name(d, b"Subtype").as_deref() == Some(b"Type0")
        })
        .collect()
}

#[test]
fn fonts_are_embedded_and_their_widths_are_the_programs() {
    for (what, bytes) in files() {
        let pdf = Pdf::load_mem(&bytes).unwrap();
        let type0 = fonts(&pdf);
        assert_eq!(type0.len(), 4, "{what}");
        for f in type0 {
            assert_eq!(name(f, b"Encoding").unwrap(), b"Identity-H");
            assert!(f.get(b"ToUnicode").is_ok());
            let cid = deref(
                &pdf,
                &f.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
            )
            .as_dict()
            .unwrap();
            assert_eq!(name(cid, b"Subtype").unwrap(), b"CIDFontType2");
            // 6.2.11.3.2: a CIDFontType2 has a CIDToGIDMap.
            assert_eq!(name(cid, b"CIDToGIDMap").unwrap(), b"Identity");
            let desc = deref(&pdf, cid.get(b"FontDescriptor").unwrap())
                .as_dict()
                .unwrap();
            // 6.2.11.4.2: no CIDSet that could disagree with the program.
            assert!(desc.get(b"CIDSet").is_err());
            let file = pdf
                .get_object(desc.get(b"FontFile2").unwrap().as_reference().unwrap())
                .unwrap()
                .as_stream()
                .unwrap();
            let program = file.decompressed_content().unwrap();
            assert_eq!(
                file.dict.get(b"Length1").unwrap().as_i64().unwrap() as usize,
                program.len()
            );
            // 6.2.11.5: the /W widths are the embedded program's advances.
            let face = ttf_parser::Face::parse(&program, 0).unwrap();
            let upem = face.units_per_em() as f32;
            let w = cid.get(b"W").unwrap().as_array().unwrap();
            let num = |o: &Object| o.as_float().unwrap();
            let mut checked = 0;
            let mut i = 0;
            while i < w.len() {
                let first = num(&w[i]) as u16;
                let pairs: Vec<(u16, f32)> = match &w[i + 1] {
                    Object::Array(ws) => {
                        i += 2;
                        ws.iter()
                            .enumerate()
                            .map(|(k, v)| (first + k as u16, num(v)))
                            .collect()
                    }
                    last => {
                        let (last, v) = (num(last) as u16, num(&w[i + 2]));
                        i += 3;
                        (first..=last).map(|c| (c, v)).collect()
                    }
                };
                for (cid, width) in pairs {
                    let adv = face.glyph_hor_advance(ttf_parser::GlyphId(cid)).unwrap() as f32;
                    assert!(
                        (width - adv * 1000.0 / upem).abs() < 0.01,
                        "{what}: CID {cid}: /W {width}, program {}",
                        adv * 1000.0 / upem
                    );
                    checked += 1;
                }
            }
            assert!(checked > 5);
        }
    }
}

/// The 2-byte codes shown by every text operator on a page.
fn shown_codes(pdf: &Pdf, page: ObjectId) -> Vec<u16> {
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let mut out = Vec::new();
    for op in content.operations {
        let strings: Vec<&Object> = match op.operator.as_str() {
            "Tj" => vec![&op.operands[0]],
            "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
            _ => continue,
        };
        for s in strings {
            if let Ok(b) = s.as_str() {
                out.extend(b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
            }
        }
    }
    out
}

#[test]
fn no_notdef_glyph_and_only_standard_operators() {
    const OPERATORS: &[&str] = &[
        "BT", "ET", "Tf", "Td", "Tj", "TJ", "w", "m", "l", "S", "q", "Q", "cm", "Do",
    ];
    for (what, bytes) in files() {
        let pdf = Pdf::load_mem(&bytes).unwrap();
        for (_, page) in pdf.get_pages() {
            let codes = shown_codes(&pdf, page);
            assert!(codes.len() > 100);
            // 6.2.11.8: CID 0 is .notdef in every subset we write.
            assert!(!codes.contains(&0), "{what}: .notdef shown");
            for op in Content::decode(&pdf.get_page_content(page))
                .unwrap()
                .operations
            {
                assert!(
                    OPERATORS.contains(&op.operator.as_str()),
                    "{what}: {}",
                    op.operator
                );
            }
        }
    }
    // A character the font lacks is refused under PDF/A, not drawn as a box.
    let mut d = doc(SEED);
    d.trich_yeu.0[0].push('\u{4E00}');
    let err = renderer()
        .render(&d, &Profile::nd30(), &Assets::new(), &pdfa())
        .unwrap_err();
    assert!(err.to_string().contains("no glyph for `\u{4E00}`"), "{err}");
    // Without PDF/A the same document renders.
    renderer()
        .render(&d, &Profile::nd30(), &Assets::new(), &PdfOptions::default())
        .unwrap();
}

#[test]
fn images_have_soft_masks_and_no_interpolation() {
    let bytes = render(SIGNED, pdfa());
    let pdf = Pdf::load_mem(&bytes).unwrap();
    let mut seen = 0;
    for (_, o) in pdf.objects.iter() {
        let Ok(s) = o.as_stream() else { continue };
        if name(&s.dict, b"Subtype").as_deref() != Some(b"Image") {
            continue;
        }
        // 6.2.8: no interpolation, no alternates, no OPI.
        assert!(!s.dict.get(b"Interpolate").unwrap().as_bool().unwrap());
        assert!(s.dict.get(b"Alternates").is_err() && s.dict.get(b"OPI").is_err());
        assert_eq!(
            s.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(),
            8
        );
        let (w, h) = (
            s.dict.get(b"Width").unwrap().as_i64().unwrap() as usize,
            s.dict.get(b"Height").unwrap().as_i64().unwrap() as usize,
        );
        let cs = name(&s.dict, b"ColorSpace").unwrap();
        let channels = if cs == b"DeviceRGB" { 3 } else { 1 };
        assert_eq!(s.decompressed_content().unwrap().len(), w * h * channels);
        if let Ok(m) = s.dict.get(b"SMask") {
            let mask = pdf
                .get_object(m.as_reference().unwrap())
                .unwrap()
                .as_stream()
                .unwrap();
            assert_eq!(name(&mask.dict, b"ColorSpace").unwrap(), b"DeviceGray");
            assert_eq!(
                mask.dict.get(b"Width").unwrap().as_i64().unwrap() as usize,
                w
            );
            // The samples' transparent corners are transparent in the mask.
            let alpha = mask.decompressed_content().unwrap();
            assert_eq!(alpha[0], 0);
            assert!(alpha.iter().any(|&a| a > 128));
            seen += 1;
        }
    }
    assert_eq!(seen, 2, "signature and seal, each with its mask");
    // Drawn where the layout put them.
    let pages = renderer().layout(&doc(SIGNED), &Profile::nd30(), &images());
    let last = pdf.get_pages().into_iter().next_back().unwrap().1;
    let content = Content::decode(&pdf.get_page_content(last)).unwrap();
    let cms: Vec<Vec<f32>> = content
        .operations
        .iter()
        .filter(|o| o.operator == "cm")
        .map(|o| o.operands.iter().map(|v| v.as_float().unwrap()).collect())
        .collect();
    let boxes: Vec<_> = pages
        .last()
        .unwrap()
        .items
        .iter()
        .filter_map(|i| match i {
            vanban_pdf::frame::Item::Image(b) => Some(b.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(cms.len(), boxes.len());
    let height = pages.last().unwrap().height;
    for (cm, b) in cms.iter().zip(&boxes) {
        let want = [b.width, 0.0, 0.0, b.height, b.x, height - b.y - b.height];
        for (a, w) in cm.iter().zip(want) {
            assert!((a - w).abs() < 0.01, "{cm:?} vs {want:?}");
        }
    }
}

#[test]
fn nothing_pdfa_forbids_anywhere() {
    for (what, bytes) in files() {
        let pdf = Pdf::load_mem(&bytes).unwrap();
        for (_, o) in pdf.objects.iter() {
            let d = match o {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            // 6.1.12, 6.2.5, 6.5, 6.8, 6.9, 6.10, 6.11.
            for key in [
                &b"JavaScript"[..],
                b"JS",
                b"AA",
                b"A",
                b"TR",
                b"TR2",
                b"HTP",
                b"Encrypt",
                b"EmbeddedFiles",
                b"OCProperties",
                b"AlternatePresentations",
                b"PresSteps",
                b"Requirements",
                b"Perms",
            ] {
                assert!(
                    d.get(key).is_err(),
                    "{what}: /{}",
                    String::from_utf8_lossy(key)
                );
            }
            if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
                assert!(
                    !matches!(s, b"Launch" | b"JavaScript" | b"Movie" | b"Sound"),
                    "{what}"
                );
            }
            // 6.4.1: a form never asks the viewer to make appearances.
            if let Ok(na) = d.get(b"NeedAppearances") {
                assert!(!na.as_bool().unwrap(), "{what}");
            }
            // 6.3: annotations print, are visible, and have only a normal
            // appearance.
            if name(d, b"Type").as_deref() == Some(b"Annot") {
                let f = d.get(b"F").unwrap().as_i64().unwrap();
                assert_eq!(f & 4, 4, "{what}: print flag");
                assert_eq!(f & (1 | 2 | 32 | 256), 0, "{what}: hidden or no-view");
                let ap = deref(&pdf, d.get(b"AP").unwrap()).as_dict().unwrap();
                assert_eq!(
                    ap.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
                    vec![b"N".to_vec()]
                );
            }
        }
    }
}

#[test]
fn pdfa_is_deterministic_and_refuses_a_file_without_a_date() {
    assert_eq!(render(SEED, pdfa()), render(SEED, pdfa()));
    let mut d = load::from_json(SEED).unwrap().document;
    d.metadata.created = None;
    d.date = None;
    let err = renderer()
        .render(&d, &Profile::nd30(), &Assets::new(), &pdfa())
        .unwrap_err();
    assert!(
        err.to_string().contains("PDF/A needs a creation date"),
        "{err}"
    );
}
