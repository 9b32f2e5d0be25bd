//! Tests that read back the PDF we write (with lopdf) and the pages the
//! layout produces: text, fonts, positions, pagination, determinism.

use lopdf::content::Content;
use lopdf::{Document as Pdf, Object};
use std::sync::{Arc, OnceLock};
use vanban_core::{load, Assets, Block, Document, Profile, Text, Tw};
use vanban_fonts::Fonts;
use vanban_pdf::frame::{Item, Page};
use vanban_pdf::{PdfOptions, PdfRenderer};

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const MM: f32 = 72.0 / 25.4;
const PDFA: PdfOptions = PdfOptions {
    pdfa: true,
    sign_field: false,
    seal_field: false,
};

fn renderer() -> &'static PdfRenderer {
    static R: OnceLock<PdfRenderer> = OnceLock::new();
    R.get_or_init(|| PdfRenderer::new(Arc::new(Fonts::embedded())).unwrap())
}

fn sample() -> Document {
    load::from_json(SAMPLE).unwrap().document
}

fn render(doc: &Document, opts: PdfOptions) -> Vec<u8> {
    let mut doc = doc.clone();
    // PDF/A needs a creation date; a draft has none of its own.
    doc.metadata.created = Some("2025-03-06T08:00:00".into());
    renderer()
        .render(&doc, &Profile::nd30(), &Assets::new(), &opts)
        .unwrap()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every paragraph-level text of the model, in reading order, as printed.
fn model_texts(doc: &Document) -> Vec<String> {
    fn blocks(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph(t) => out.push(t.plain_text()),
                Block::List(items) => {
                    for it in items {
                        out.push(format!("- {}", it.text.plain_text()));
                    }
                }
                Block::Item(it) => {
                    let head = it
                        .heading
                        .as_ref()
                        .map(Text::plain_text)
                        .map(|h| format!("{h} "))
                        .unwrap_or_default();
                    out.push(format!("{}. {}{}", it.number, head, it.text.plain_text()));
                    blocks(&it.children, out);
                }
                _ => {}
            }
        }
    }
    let mut out = vec![
        doc.issuer.name.joined(" "),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        "Độc lập - Tự do - Hạnh phúc".into(),
        "THÔNG BÁO".into(),
    ];
    out.extend(doc.trich_yeu.0.iter().cloned());
    if let Some(vanban_core::CanCu::Paragraph(t)) = &doc.can_cu {
        out.push(t.plain_text());
    }
    blocks(&doc.body, &mut out);
    out.push("Nơi nhận:".into());
    for e in &doc.noi_nhan.entries {
        out.push(format!("- {}", e.plain_text()));
    }
    out.push(format!("- {}", doc.noi_nhan.luu.as_ref().unwrap().text()));
    out
}

#[test]
fn text_layer_gives_back_every_sentence_in_order() {
    let doc = sample();
    let pdf = Pdf::load_mem(&render(&doc, PdfOptions::default())).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = collapse(&pdf.extract_text(&pages).unwrap());
    let mut from = 0;
    for want in model_texts(&doc) {
        let want = collapse(&want);
        match text[from..].find(&want) {
            Some(i) => from += i + want.len(),
            None => panic!(
                "not found in order: {want}\n--- in ---\n{}",
                &text[from..text.len().min(from + 400)]
            ),
        }
    }
    for s in [
        "Số:",
        "/TB-UBND",
        "Tiến Thắng, ngày",
        "năm 2025",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Văn Hạ",
    ] {
        assert!(text.contains(s), "{s}");
    }
}

#[test]
fn fonts_are_embedded_subset_with_tounicode() {
    let pdf = Pdf::load_mem(&render(&sample(), PdfOptions::default())).unwrap();
    let mut type0 = 0;
    for (_, obj) in pdf.objects.iter() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) != Some(b"Type0") {
            continue;
        }
        type0 += 1;
        let base =
            String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        let (tag, name) = base.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{base}"
        );
        assert!(name.starts_with("LiberationSerif"), "{base}");
        assert!(d.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode");
        let desc = d.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        let cid = pdf.get_dictionary(desc).unwrap();
        let fd = pdf
            .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
            .unwrap();
        let file = pdf
            .get_object(fd.get(b"FontFile2").unwrap().as_reference().unwrap())
            .unwrap();
        let len = file.as_stream().unwrap().content.len();
        // A subset without hinting: far smaller than the ~380 KB face.
        assert!(len < 10_000, "{base}: {len} bytes embedded");
        let program = file.as_stream().unwrap().decompressed_content().unwrap();
        let face = ttf_parser::RawFace::parse(&program, 0).expect("a TrueType program");
        for t in [b"fpgm", b"prep", b"cvt ", b"glyf", b"loca"] {
            let hint = t != b"glyf" && t != b"loca";
            let tag = ttf_parser::Tag::from_bytes(t);
            assert_eq!(face.table(tag).is_none(), hint, "{base}: {tag}");
        }
    }
    assert_eq!(type0, 4, "regular, bold, italic and bold italic");
}

/// (x, y from the top, size) where each line of text starts on a page:
/// the text matrix that `Td`/`Tm` set inside each text object.
fn positioned_text(pdf: &Pdf, page: lopdf::ObjectId) -> Vec<(f32, f32, f32)> {
    let height = pdf
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()[3]
        .as_float()
        .unwrap();
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let f = |o: &Object| match o {
        Object::Integer(v) => *v as f32,
        Object::Real(v) => *v,
        _ => panic!("not a number: {o:?}"),
    };
    let mut out = Vec::new();
    let (mut size, mut x, mut y) = (0.0, 0.0, 0.0);
    for op in content.operations {
        match op.operator.as_str() {
            "BT" => (x, y) = (0.0, 0.0),
            "Tf" => size = f(&op.operands[1]),
            "Td" => {
                x += f(&op.operands[0]);
                y += f(&op.operands[1]);
                out.push((x, height - y, size));
            }
            "Tm" => {
                (x, y) = (f(&op.operands[4]), f(&op.operands[5]));
                out.push((x, height - y, size));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn page_and_margins_match_the_profile() {
    let pdf = Pdf::load_mem(&render(&sample(), PdfOptions::default())).unwrap();
    let p = Profile::nd30();
    for (n, (_, id)) in pdf.get_pages().into_iter().enumerate() {
        let page = pdf.get_dictionary(id).unwrap();
        let mb: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert!(
            (mb[2] / MM - 210.0).abs() < 0.1 && (mb[3] / MM - 297.0).abs() < 0.1,
            "A4: {mb:?}"
        );
        let runs = positioned_text(&pdf, id);
        let min_x = runs.iter().map(|r| r.0).fold(f32::MAX, f32::min);
        assert!(
            (min_x - p.margin_left.pt()).abs() < 0.05,
            "page {}: text starts at {} mm",
            n + 1,
            min_x / MM
        );
        let max_y = runs.iter().map(|r| r.1).fold(0.0, f32::max);
        assert!(
            max_y <= (p.page_height - p.margin_bottom).pt(),
            "page {}: text below the bottom margin",
            n + 1
        );
        // Glyph tops (baseline − ascent) of everything but the page number.
        let top = runs
            .iter()
            .filter(|r| r.1 > p.margin_top.pt())
            .map(|r| r.1 - r.2 * 1825.0 / 2048.0)
            .fold(f32::MAX, f32::min);
        assert!(
            top >= p.margin_top.pt() - 0.01,
            "page {}: text above the top margin ({} mm)",
            n + 1,
            top / MM
        );
    }
}

fn layout(doc: &Document) -> Vec<Page> {
    renderer().layout(doc, &Profile::nd30(), &Assets::new())
}

fn find<'a>(page: &'a Page, text: &str) -> &'a vanban_pdf::frame::TextRun {
    page.runs()
        .find(|r| r.text.contains(text))
        .unwrap_or_else(|| panic!("{text} not on the page"))
}

#[test]
fn header_components_sit_where_the_spec_puts_them() {
    let pages = layout(&sample());
    let p = Profile::nd30();
    let page = &pages[0];
    // Mẫu 1.4's header table: 67.5 + 100 mm, shifted 3.5 mm into the margin.
    let g = vanban_compose::forms::header_geometry(vanban_core::Form::CoTenLoai);
    let (lw, rw) = (Tw::from_mm(g.left_mm), Tw::from_mm(g.right_mm));
    let x0 = p.margin_left.pt() + Tw::from_mm(g.shift_mm).pt();
    let left_c = x0 + lw.pt() / 2.0;
    let right_c = x0 + lw.pt() + rw.pt() / 2.0;
    let centre = |r: &vanban_pdf::frame::TextRun| r.x + r.width() / 2.0;
    let qh = find(page, "CỘNG HÒA");
    assert!(
        (centre(qh) - right_c).abs() < MM,
        "national name centred in its column"
    );
    assert!(qh.width() < rw.pt(), "national name fits on one line");
    assert!((centre(find(page, "ỦY BAN NHÂN DÂN")) - left_c).abs() < MM);
    let so = page.runs().find(|r| r.text.starts_with("Số:")).unwrap();
    let date = find(page, "Tiến Thắng, ngày");
    // One baseline, to Word's resolution of spacing (1/20 pt).
    assert!(
        (so.y - date.y).abs() < 0.05,
        "Số and the date share a baseline"
    );
    assert!(date.face.italic && !date.face.bold && date.size == 14.0);
    assert_eq!(so.size, 13.0);
    let title = find(page, "THÔNG BÁO");
    let text_c = p.margin_left.pt() + p.text_width().pt() / 2.0;
    assert!((centre(title) - text_c).abs() < MM && title.face.bold && title.size == 14.0);
    // Rules: under the motto exactly its width; under issuer and subject 1/3–1/2.
    let rules: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) if l.y0 == l.y1 => Some(*l),
            _ => None,
        })
        .collect();
    let motto = find(page, "Độc lập");
    let under = |r: &vanban_pdf::frame::TextRun| {
        rules
            .iter()
            .filter(|l| l.y0 > r.y && l.y0 < r.y + 8.0 * MM)
            .filter(|l| (l.x0 + l.x1) / 2.0 > r.x && (l.x0 + l.x1) / 2.0 < r.x + r.width())
            .min_by(|a, b| a.y0.total_cmp(&b.y0))
            .copied()
            .unwrap_or_else(|| panic!("no rule under {}", r.text))
    };
    let m = under(motto);
    assert!(
        // To the twip, the unit the DOCX stores it in.
        ((m.x1 - m.x0) - motto.width()).abs() < 0.05,
        "motto rule {} vs text {}",
        m.x1 - m.x0,
        motto.width()
    );
    assert!(((m.x0 + m.x1) / 2.0 - centre(motto)).abs() < 0.01);
    for text in ["XÃ TIẾN THẮNG", "và doanh nghiệp"] {
        let r = find(page, text);
        let l = under(r);
        let ratio = (l.x1 - l.x0)
            / r.width().max(
                find(
                    page,
                    if text.starts_with('X') {
                        "ỦY BAN"
                    } else {
                        "Về việc"
                    },
                )
                .width(),
            );
        assert!(
            (1.0 / 3.0..=0.5).contains(&ratio),
            "{text}: rule ratio {ratio}"
        );
    }
}

#[test]
fn closing_block_is_level_and_kept_with_the_body() {
    let pages = layout(&sample());
    let last = pages.last().unwrap();
    let label = find(last, "Nơi nhận:");
    let tm = find(last, "TM. ỦY BAN NHÂN DÂN");
    assert!(
        (label.y - tm.y).abs() < 0.05,
        "Nơi nhận level with the first authority line"
    );
    assert!(label.face.bold && label.face.italic && label.size == 12.0);
    assert_eq!(find(last, "Lưu: VP.").size, 11.0);
    // At least the last lines of the body travel with the closing block.
    assert!(last.runs().any(|r| r.text.contains("trên địa bàn xã./.")));
    let name = find(last, "Đỗ Văn Hạ");
    let post = find(last, "PHÓ CHỦ TỊCH");
    let gap = (name.y - name.size) - post.y;
    assert!(
        (gap / MM - 35.0).abs() < 3.0,
        "signing space {} mm",
        gap / MM
    );
}

#[test]
fn page_numbers_from_page_two_only() {
    let pages = layout(&sample());
    assert!(pages.len() >= 2);
    let p = Profile::nd30();
    let in_top_margin = |pg: &Page| {
        pg.runs()
            .filter(|r| r.y < p.margin_top.pt())
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    assert!(in_top_margin(&pages[0]).is_empty());
    for (n, pg) in pages.iter().enumerate().skip(1) {
        assert_eq!(in_top_margin(pg), vec![(n + 1).to_string()]);
        let r = pg.runs().find(|r| r.y < p.margin_top.pt()).unwrap();
        let centre = p.margin_left.pt() + p.text_width().pt() / 2.0;
        assert!((r.x + r.width() / 2.0 - centre).abs() < 0.01);
        assert_eq!(r.size, 14.0);
    }
}

/// A long generated notice: paragraphs of 1–7 lines.
fn long_doc(paragraphs: usize) -> Document {
    let mut doc = sample();
    let words = "Ủy ban nhân dân xã đề nghị các bộ phận chuyên môn khẩn trương triển khai thực hiện nhiệm vụ được giao theo đúng quy định";
    doc.body = (0..paragraphs)
        .map(|k| {
            let n = 1 + (k * 7 + 3) % 13;
            let text = (0..n).map(|_| words).collect::<Vec<_>>().join(" ");
            Block::Paragraph(Text::plain(format!("{k}: {text}.")))
        })
        .collect();
    doc
}

#[test]
fn no_widows_or_orphans_and_closing_keeps_body_lines() {
    let p = Profile::nd30();
    let left = p.margin_left.pt();
    let indent = left + p.style(vanban_core::Role::Body).first_line_indent.pt();
    let right = left + p.text_width().pt();
    for paragraphs in [30, 45, 60] {
        let pages = layout(&long_doc(paragraphs));
        assert!(pages.len() >= 8, "{} pages", pages.len());
        // Body lines: runs of the body size below the top margin, grouped per line.
        let body_lines = |pg: &Page| {
            let mut lines: Vec<(f32, f32, f32)> = Vec::new(); // y, x start, x end
            for r in pg
                .runs()
                .filter(|r| r.size == 14.0 && r.y > p.margin_top.pt() && !r.face.bold)
            {
                match lines.iter_mut().find(|l| l.0 == r.y) {
                    Some(l) => {
                        l.1 = l.1.min(r.x);
                        l.2 = l.2.max(r.x + r.width());
                    }
                    None => lines.push((r.y, r.x, r.x + r.width())),
                }
            }
            lines.sort_by(|a, b| a.0.total_cmp(&b.0));
            lines
        };
        for w in pages.windows(2) {
            let (a, b) = (body_lines(&w[0]), body_lines(&w[1]));
            let (Some(last), Some(first)) = (a.last(), b.first()) else {
                continue;
            };
            let is_first = |l: &(f32, f32, f32)| (l.1 - indent).abs() < 0.01;
            let is_last = |l: &(f32, f32, f32)| (l.2 - right).abs() > 0.5;
            assert!(
                !is_first(last) || is_last(last),
                "orphan: a paragraph's first line alone at a page bottom"
            );
            assert!(
                is_first(first) || !is_last(first),
                "widow: a paragraph's last line alone at a page top"
            );
        }
        let last = pages.last().unwrap();
        assert!(last.runs().any(|r| r.text.contains("Nơi nhận:")));
        let closing_y = find(last, "Nơi nhận:").y;
        assert!(
            body_lines(last).iter().filter(|l| l.0 < closing_y).count() >= 2,
            "the closing block took at least two body lines along"
        );
    }
}

#[test]
fn identical_input_gives_identical_bytes() {
    let doc = sample();
    assert_eq!(
        render(&doc, PdfOptions::default()),
        render(&doc, PdfOptions::default())
    );
    assert_eq!(render(&doc, PDFA), render(&doc, PDFA));
}

#[test]
fn metadata_and_pdfa() {
    let bytes = render(&sample(), PDFA);
    let pdf = Pdf::load_mem(&bytes).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"vi-VN");
    assert!(catalog.get(b"OutputIntents").is_ok());
    let meta = pdf
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap();
    let xmp = String::from_utf8_lossy(&meta.as_stream().unwrap().content).into_owned();
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
    );
    assert!(
        xmp.contains("Thông báo về việc công khai kết quả"),
        "title in XMP"
    );
    assert!(
        xmp.contains("ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG"),
        "author in XMP"
    );
    // Plain output is small.
    assert!(render(&sample(), PdfOptions::default()).len() < 80_000);
}

#[test]
fn signature_and_seal_images_sit_in_the_signing_space() {
    let json = include_str!("../../../samples/thong-bao-ban-ky.json");
    let doc = load::from_json(json).unwrap().document;
    let mut assets = Assets::new();
    assets.insert(
        "chu-ky-minh-hoa.png",
        include_bytes!("../../../samples/chu-ky-minh-hoa.png").to_vec(),
    );
    assets.insert(
        "con-dau-minh-hoa.png",
        include_bytes!("../../../samples/con-dau-minh-hoa.png").to_vec(),
    );
    let pages = renderer().layout(&doc, &Profile::nd30(), &assets);
    let last = pages.last().unwrap();
    let images: Vec<_> = last
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Image(b) => Some(b.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 2);
    let (sig, seal) = (&images[0], &images[1]);
    let post = find(last, "PHÓ CHỦ TỊCH");
    let name = find(last, "Đỗ Văn Hạ");
    // The signature lies between the post and the name.
    assert!(sig.y > post.y && sig.y + sig.height < name.y - name.size * 0.8);
    // The seal (no resolution in the PNG) is the profile's 35 mm across,
    // centred on the signature's left third.
    assert!((seal.width / MM - 35.0).abs() < 0.05);
    assert!((seal.x + seal.width / 2.0 - (sig.x + sig.width / 6.0)).abs() < 0.05);
    // Rendered, and a missing image is an error, not an omission.
    let pdf = renderer()
        .render(&doc, &Profile::nd30(), &assets, &PdfOptions::default())
        .unwrap();
    assert!(pdf.windows(8).any(|w| w == b"/XObject"));
    let err = renderer()
        .render(
            &doc,
            &Profile::nd30(),
            &Assets::new(),
            &PdfOptions::default(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("chu-ky-minh-hoa.png"), "{err}");
}

/// Nothing the user typed is dropped: every string of a document that uses
/// every component reaches the laid-out pages (whitespace aside: lines
/// break at spaces).
#[test]
fn every_user_string_reaches_the_pages() {
    let rich = include_str!("../../vanban-docx/tests/rich.json");
    let cong_van = r#"{"kind": "cong-van", "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
      "so_hieu": {"number": 12, "unit": "VP"}, "place": "Tiến Thắng", "date": "2025-03-15",
      "trich_yeu": ["V/v triển khai thanh toán", "không dùng tiền mặt"],
      "kinh_gui": ["Bộ phận một cửa xã;", "Công chức Tài chính - Kế toán."],
      "body": [{"paragraph": "Ủy ban nhân dân xã đề nghị các bộ phận thực hiện./."}],
      "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"], "copies": 2, "drafter": "PL", "issued": 30}},
      "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}"#;
    for (name, src) in [("rich", rich), ("seed", SAMPLE), ("cong-van", cong_van)] {
        let doc = load::from_json(src).unwrap().document;
        let pages = layout(&doc);
        let hay: String = pages
            .iter()
            .flat_map(|p| p.runs().map(|r| r.text.clone()))
            .collect::<String>()
            .split_whitespace()
            .collect();
        doc.visit_strings(&mut |path, s| {
            let p = path.to_string();
            // Not printed by design: file metadata, image paths, the
            // abbreviations that only feed the ký hiệu (checked through it).
            if p.starts_with("metadata")
                || p.ends_with("_image")
                || p == "issuer.abbreviation"
                || p.starts_with("so_hieu")
            {
                return;
            }
            let needle: String = s.split_whitespace().collect();
            assert!(
                hay.contains(&needle),
                "{name}: `{s}` at {p} is not on any page"
            );
        });
        let so: String = doc.so_line().split_whitespace().collect();
        assert!(hay.contains(&so), "{name}: {so}");
    }
}

/// Every sample, plain and PDF/A with signature fields: the same bytes
/// from a fresh renderer and from one whose caches hold other documents'
/// fonts (the output never depends on what a renderer kept), and, where
/// qpdf is installed, `qpdf --check` finds nothing to say.
#[test]
fn every_sample_is_deterministic_whatever_the_cache_holds_and_qpdf_clean() {
    let samples = [
        SAMPLE,
        include_str!("../../../samples/thong-bao-ban-ky.json"),
        include_str!("../../../samples/thong-bao-bang-ket-qua.json"),
    ];
    let mut assets = Assets::new();
    assets.insert(
        "chu-ky-minh-hoa.png",
        include_bytes!("../../../samples/chu-ky-minh-hoa.png").to_vec(),
    );
    assets.insert(
        "con-dau-minh-hoa.png",
        include_bytes!("../../../samples/con-dau-minh-hoa.png").to_vec(),
    );
    let warm = PdfRenderer::new(Arc::new(Fonts::embedded())).unwrap();
    let qpdf = std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok();
    if !qpdf {
        eprintln!("qpdf is not installed: the qpdf --check part is skipped");
    }
    let dir = tempfile::tempdir().unwrap();
    for opts in [
        PdfOptions::default(),
        PdfOptions {
            sign_field: true,
            seal_field: true,
            ..PDFA
        },
    ] {
        let mut firsts = Vec::new();
        for json in samples {
            let mut doc = load::from_json(json).unwrap().document;
            doc.metadata.created = Some("2025-03-06T08:00:00".into());
            let fresh = PdfRenderer::new(Arc::new(Fonts::embedded()))
                .unwrap()
                .render(&doc, &Profile::nd30(), &assets, &opts)
                .unwrap();
            let again = warm.render(&doc, &Profile::nd30(), &assets, &opts).unwrap();
            assert!(fresh == again, "a warm renderer wrote other bytes");
            firsts.push(fresh);
        }
        // Once more in another order, the caches now full.
        for (json, first) in samples.iter().rev().zip(firsts.iter().rev()) {
            let mut doc = load::from_json(json).unwrap().document;
            doc.metadata.created = Some("2025-03-06T08:00:00".into());
            assert!(warm.render(&doc, &Profile::nd30(), &assets, &opts).unwrap() == *first);
        }
        if qpdf {
            for (k, pdf) in firsts.iter().enumerate() {
                let path = dir.path().join(format!("{k}.pdf"));
                std::fs::write(&path, pdf).unwrap();
                let out = std::process::Command::new("qpdf")
                    .arg("--check")
                    .arg(&path)
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&out.stdout).into_owned()
                    + &String::from_utf8_lossy(&out.stderr);
                assert!(
                    out.status.success() && !text.contains("WARNING"),
                    "sample {k}, {opts:?}: {text}"
                );
            }
        }
    }
}
