//! No silent loss (issue 10, item 1): whatever the model holds reaches the
//! PDF, on a page and inside the text area, or the render fails with a
//! message naming the part. Each case takes the seed sample, blows one part
//! up past a page (or past its column), renders the PDF through the facade
//! and reads it back with lopdf: every glyph with its position (the font's
//! `/W` widths, its ToUnicode map), every input word found in order.

use lopdf::content::Content;
use lopdf::{Document as Pdf, Object};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use vanban::core::{Block, Column, Table, Text};
use vanban::{Assets, Document, Profile, Renderer};

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::new)
}

fn seed() -> Document {
    vanban::load_json(SAMPLE).unwrap().document
}

/// `n` distinct words with a common stem: `{stem}1`, `{stem}2`, ….
fn words(stem: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{stem}{i}")).collect()
}

/// One drawn glyph: its character(s), left and right edges, baseline
/// (from the top of the page) and size.
#[derive(Debug, Clone)]
struct G {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

/// Per page: its size and the glyphs drawn on it, in content order, with
/// a space glyph between text objects (lines).
fn glyphs(pdf: &[u8]) -> Vec<((f32, f32), Vec<G>)> {
    let doc = Pdf::load_mem(pdf).unwrap();
    let num = |o: &Object| match o {
        Object::Integer(v) => *v as f32,
        Object::Real(v) => *v,
        _ => panic!("not a number: {o:?}"),
    };
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let mb: Vec<f32> = doc
            .get_dictionary(id)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        let (w, h) = (mb[2], mb[3]);
        // Each font: its encoding and its CID widths.
        let mut fonts = BTreeMap::new();
        for (name, font) in doc.get_page_fonts(id).unwrap() {
            let enc = font.get_font_encoding(&doc).unwrap();
            let desc = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
                .as_reference()
                .unwrap();
            let desc = doc.get_dictionary(desc).unwrap();
            let dw = desc.get(b"DW").map(num).unwrap_or(1000.0);
            let mut widths = BTreeMap::new();
            if let Ok(wa) = desc.get(b"W") {
                let wa = match wa {
                    Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap(),
                    o => o.as_array().unwrap(),
                };
                let mut k = 0;
                while k < wa.len() {
                    let c = num(&wa[k]) as u32;
                    match &wa[k + 1] {
                        Object::Array(ws) => {
                            for (i, v) in ws.iter().enumerate() {
                                widths.insert(c + i as u32, num(v));
                            }
                            k += 2;
                        }
                        o => {
                            let last = num(o) as u32;
                            for cid in c..=last {
                                widths.insert(cid, num(&wa[k + 2]));
                            }
                            k += 3;
                        }
                    }
                }
            }
            fonts.insert(name, (enc, widths, dw));
        }
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        let mut page = Vec::new();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0f32, 0.0f32, 0.0f32);
        let mut show = |bytes: &[u8], font: &[u8], size: f32, x: &mut f32, y: f32| {
            if size == 0.0 {
                // A new text object: a line separator.
                page.push(G {
                    text: " ".into(),
                    x0: 0.0,
                    x1: 0.0,
                    y: 0.0,
                    size: 0.0,
                });
                return;
            }
            let (enc, widths, dw) = &fonts[font];
            for code in bytes.chunks(2) {
                let cid = u16::from_be_bytes([code[0], code[1]]) as u32;
                let adv = widths.get(&cid).copied().unwrap_or(*dw) * size / 1000.0;
                let text = enc.bytes_to_string(code).unwrap();
                page.push(G {
                    text,
                    x0: *x,
                    x1: *x + adv,
                    y: h - y,
                    size,
                });
                *x += adv;
            }
        };
        for op in content.operations {
            match op.operator.as_str() {
                "BT" => {
                    (x, y) = (0.0, 0.0);
                    show(&[], &[], 0.0, &mut 0.0, 0.0);
                }
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = num(&op.operands[1]);
                }
                "Td" => {
                    x += num(&op.operands[0]);
                    y += num(&op.operands[1]);
                }
                "Tm" => (x, y) = (num(&op.operands[4]), num(&op.operands[5])),
                "Tj" => show(op.operands[0].as_str().unwrap(), &font, size, &mut x, y),
                "TJ" => {
                    for o in op.operands[0].as_array().unwrap() {
                        match o {
                            Object::String(s, _) => show(s, &font, size, &mut x, y),
                            o => x -= num(o) * size / 1000.0,
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(((w, h), page));
    }
    out
}

/// The header's rows (ô 1–4): the Government's models shift their table
/// into the left margin and widen it past the right one, so their lines
/// may use the table's box rather than the text area. Returns the box's
/// left and right edges and the texts of its lines.
fn header(doc: &Document) -> (f32, f32, Vec<String>) {
    let c = vanban_compose::compose(doc, &Profile::nd30(), renderer().fonts(), &Assets::new());
    let s = &c.sections[0];
    let left = s.page.margin_left.pt();
    let (mut x0, mut x1, mut lines) = (f32::MAX, 0.0f32, Vec::new());
    for b in s.blocks.iter() {
        let vanban_compose::Block::Row(r) = b else {
            break;
        };
        x0 = x0.min(left + r.shift.pt());
        x1 = x1.max(left + r.shift.pt() + r.columns.iter().map(|w| w.pt()).sum::<f32>());
        for p in r.cells.iter().flatten() {
            lines.extend(p.lines.iter().map(|l| l.text()));
        }
    }
    (x0, x1, lines)
}

/// Renders `doc`, checks that every glyph lies inside the text area (the
/// page number above it, and the header's lines in the header's box,
/// aside) and that `want` appears, in order, in the text (word breaks at
/// line ends ignored); returns the page count.
fn check(doc: &Document, want: &[String]) -> usize {
    let pdf = renderer()
        .pdf(doc, &Assets::new())
        .expect("the document renders");
    let p = Profile::nd30();
    let (hx0, hx1, header_lines) = header(doc);
    let pages = glyphs(&pdf);
    let mut all = String::new();
    for (n, ((w, h), gs)) in pages.iter().enumerate() {
        let (top, bottom) = (p.margin_top.pt(), h - p.margin_bottom.pt());
        // Text objects: one line each.
        for line in gs.split(|g| g.size == 0.0) {
            let text: String = line.iter().map(|g| g.text.as_str()).collect();
            let (left, right) = if header_lines.iter().any(|l| l.trim() == text.trim()) {
                (hx0, hx1)
            } else {
                (p.margin_left.pt(), w - p.margin_right.pt())
            };
            for g in line.iter().filter(|g| g.text.trim() != "") {
                // The page number sits in the top margin, by design.
                if g.y < top && g.text.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                // Liberation Serif: ascent 1825/2048 em, descent 443/2048.
                let (gt, gb) = (g.y - g.size * 0.891, g.y + g.size * 0.216);
                assert!(
                    g.x0 >= left - 0.05
                        && g.x1 <= right + 0.05
                        && gt >= top - 0.05
                        && gb <= bottom + 0.05,
                    "page {}: `{}` of `{}` at x {:.1}–{:.1}, y {:.1}–{:.1} is outside the \
                     text area x {left:.1}–{right:.1}, y {top:.1}–{bottom:.1}",
                    n + 1,
                    g.text,
                    text.chars().take(50).collect::<String>(),
                    g.x0,
                    g.x1,
                    gt,
                    gb
                );
            }
        }
        all.extend(gs.iter().map(|g| g.text.as_str()));
        all.push(' ');
    }
    // Compare without spaces: a word cut at a line's end is still whole.
    let flat: String = all.chars().filter(|c| !c.is_whitespace()).collect();
    let mut from = 0;
    for (k, word) in want.iter().enumerate() {
        let word: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        match flat[from..].find(&word) {
            Some(i) => from += i + word.len(),
            None => panic!(
                "word {} of {} (`{}`) missing or out of order; {} pages",
                k + 1,
                want.len(),
                word.chars().take(40).collect::<String>(),
                pages.len()
            ),
        }
    }
    pages.len()
}

/// How many times `stem` followed by a digit occurs in the text.
fn count(pdf: &[u8], stem: &str) -> usize {
    let flat: String = glyphs(pdf)
        .into_iter()
        .flat_map(|(_, gs)| gs.into_iter().map(|g| g.text))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    flat.match_indices(stem)
        .filter(|(i, _)| {
            flat[i + stem.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .count()
}

fn pdf(doc: &Document) -> Vec<u8> {
    renderer().pdf(doc, &Assets::new()).unwrap()
}

#[test]
fn sixty_noi_nhan_entries_and_the_luu_line() {
    let mut doc = seed();
    doc.noi_nhan.entries = words("Đơnvịnhận", 60)
        .into_iter()
        .map(|w| Text::plain(format!("{w} (để biết);")))
        .collect();
    let mut want = words("Đơnvịnhận", 60);
    want.push("Lưu:".into());
    want.push("VP.".into());
    want.push("Đỗ Văn Hạ".into());
    let pages = check(&doc, &want);
    assert!(pages >= 3, "{pages} pages");
    assert_eq!(count(&pdf(&doc), "Đơnvịnhận"), 60);
}

#[test]
fn five_hundred_signer_authority_lines() {
    let mut doc = seed();
    doc.signature.authority = words("THẨMQUYỀNKÝ", 500);
    let mut want = words("THẨMQUYỀNKÝ", 500);
    want.push("PHÓ CHỦ TỊCH".into());
    want.push("Đỗ Văn Hạ".into());
    check(&doc, &want);
    assert_eq!(count(&pdf(&doc), "THẨMQUYỀNKÝ"), 500);
}

#[test]
fn five_hundred_authority_lines() {
    let mut doc = seed();
    doc.authority.0 = words("THẨMQUYỀN", 500);
    let mut want = words("THẨMQUYỀN", 500);
    want.push("Đỗ Văn Hạ".into());
    check(&doc, &want);
    assert_eq!(count(&pdf(&doc), "THẨMQUYỀN"), 500);
}

#[test]
fn two_hundred_issuer_lines() {
    let mut doc = seed();
    doc.issuer.name.0 = words("CƠQUAN", 200);
    let mut want = words("CƠQUAN", 200);
    want.push("THÔNG BÁO".into());
    want.push("Đỗ Văn Hạ".into());
    check(&doc, &want);
    assert_eq!(count(&pdf(&doc), "CƠQUAN"), 200);
}

#[test]
fn a_three_thousand_word_table_cell() {
    let mut doc = seed();
    let cell = words("ô", 3000).join(" ");
    doc.body.insert(
        1,
        Block::Table(Table {
            columns: vec![
                Column {
                    width: 1.0,
                    align: Default::default(),
                },
                Column {
                    width: 4.0,
                    align: Default::default(),
                },
            ],
            header: vec![vec![Text::plain("STT"), Text::plain("Nội dung")]],
            rows: vec![
                vec![Text::plain("1"), Text::plain(cell)],
                vec![Text::plain("2"), Text::plain("Dòng sau ô dài")],
            ],
        }),
    );
    let want: Vec<String> = words("ô", 3000)
        .into_iter()
        .chain(["Dòng sau ô dài".to_string(), "Đỗ Văn Hạ".to_string()])
        .collect();
    let pages = check(&doc, &want);
    assert!(pages >= 5, "{pages} pages");
    assert_eq!(count(&pdf(&doc), "ô"), 3000);
    // The header row repeats on every page the row continues on.
    let laid = renderer().layout(&doc, &Assets::new()).unwrap();
    let with_header = laid
        .iter()
        .filter(|p| p.runs().any(|r| r.text == "STT"))
        .count();
    assert!(with_header >= pages - 1, "{with_header} of {pages} pages");
}

#[test]
fn a_three_hundred_word_place_name() {
    let mut doc = seed();
    doc.place = words("Nơi", 300).join(" ");
    let want: Vec<String> = words("Nơi", 300)
        .into_iter()
        .chain(["năm 2025".to_string(), "THÔNG BÁO".to_string()])
        .collect();
    check(&doc, &want);
    assert_eq!(count(&pdf(&doc), "Nơi"), 300);
}

#[test]
fn a_four_hundred_character_word_in_the_body() {
    let mut doc = seed();
    let word: String = (0..400)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    doc.body.insert(
        1,
        Block::Paragraph(Text::plain(format!("Trước {word} sau."))),
    );
    check(&doc, &["Trước".into(), word, "sau.".into()]);
}

#[test]
fn a_place_name_of_one_long_word() {
    let mut doc = seed();
    let word = "Đ".repeat(300);
    doc.place = word.clone();
    check(&doc, &[word, "năm2025".into()]);
}

#[test]
fn a_five_hundred_column_table_is_refused_with_its_name() {
    let mut doc = seed();
    doc.body.insert(
        1,
        Block::Table(Table {
            columns: (0..500)
                .map(|_| Column {
                    width: 1.0,
                    align: Default::default(),
                })
                .collect(),
            header: Vec::new(),
            rows: vec![(0..500).map(|i| Text::plain(format!("c{i}"))).collect()],
        }),
    );
    let Err(err) = renderer().pdf(&doc, &Assets::new()) else {
        panic!("500 columns cannot be drawn in the text width");
    };
    let vanban::Error::Invalid(diags) = &err else {
        panic!("not a document error: {err}");
    };
    let d = diags
        .iter()
        .find(|d| d.code == "layout.table_too_wide")
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(d.path, "body[1].table");
    assert!(d.message.en.contains("500 columns"), "{}", d.message.en);
    assert!(d.message.vi.contains("500 cột"), "{}", d.message.vi);
    assert!(err.to_string().contains("500 columns"), "{err}");
    // The layout refuses it too, and `check` reports it, as an error.
    assert!(matches!(
        renderer().layout(&doc, &Assets::new()),
        Err(vanban::Error::Invalid(_))
    ));
    assert!(renderer()
        .check(&doc)
        .iter()
        .any(|d| d.code == "layout.table_too_wide" && d.is_error()));
}

#[test]
fn a_table_of_narrow_columns_breaks_words_inside_them() {
    let mut doc = seed();
    // Ten columns: each holds a few characters, not a whole word.
    let cells: Vec<String> = (0..10).map(|i| format!("{}{i}", "m".repeat(30))).collect();
    doc.body.insert(
        1,
        Block::Table(Table {
            columns: (0..10)
                .map(|_| Column {
                    width: 1.0,
                    align: Default::default(),
                })
                .collect(),
            header: Vec::new(),
            rows: vec![cells.iter().map(Text::plain).collect()],
        }),
    );
    check(&doc, &cells);
}

#[test]
fn long_words_in_the_header_and_title_wrap_in_their_columns() {
    let mut doc = seed();
    let issuer = "Ủ".repeat(120);
    let title = "V".repeat(200);
    doc.issuer.name.0[1] = issuer.clone();
    doc.trich_yeu.0[0] = title.clone();
    check(&doc, &[issuer, "THÔNGBÁO".into(), title, "ĐỗVănHạ".into()]);
}

#[test]
fn a_co_signer_and_sixty_noi_nhan_entries() {
    let mut doc = seed();
    let mut co = doc.signature.clone();
    co.authority = words("BÊNKÝ", 80);
    co.name = "Trần Thị C".into();
    doc.co_signers = vec![co];
    doc.noi_nhan.entries = words("Nơinhận", 60).into_iter().map(Text::plain).collect();
    let want: Vec<String> = words("BÊNKÝ", 80)
        .into_iter()
        .chain(["TrầnThịC".to_string()])
        .chain(words("Nơinhận", 60))
        .chain(["Lưu:".to_string()])
        .collect();
    check(&doc, &want);
    assert_eq!(count(&pdf(&doc), "BÊNKÝ"), 80);
    assert_eq!(count(&pdf(&doc), "Nơinhận"), 60);
}

#[test]
fn a_table_header_row_taller_than_a_page() {
    let mut doc = seed();
    doc.body.insert(
        1,
        Block::Table(Table {
            columns: vec![
                Column {
                    width: 1.0,
                    align: Default::default(),
                },
                Column {
                    width: 1.0,
                    align: Default::default(),
                },
            ],
            header: vec![vec![
                Text::plain(words("tiêuđề", 1200).join(" ")),
                Text::plain("Cột hai"),
            ]],
            rows: vec![vec![Text::plain("Ô một"), Text::plain("Ô hai")]],
        }),
    );
    let want: Vec<String> = words("tiêuđề", 1200)
        .into_iter()
        .chain([
            "Ô một".to_string(),
            "Ô hai".to_string(),
            "Đỗ Văn Hạ".to_string(),
        ])
        .collect();
    check(&doc, &want);
    // Too tall to repeat: drawn once.
    assert_eq!(count(&pdf(&doc), "tiêuđề"), 1200);
}
