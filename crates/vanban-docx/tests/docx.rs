//! Reads each DOCX back and checks it against the composition it
//! translates, the profile, and the package rules.

mod common;

use common::*;
use vanban_compose::{compose, Block, Composition, LineEnd, Para};
use vanban_core::{load, Assets, Document, Profile, Role, Tw};
use vanban_docx::styles::{PLACEHOLDER, RULE, RULE_PARA, RUN_IN, SPACER};
use vanban_docx::xml::{parse, Element};
use vanban_fonts::{FaceId, Fonts};

const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");
const RICH: &str = include_str!("rich.json");

fn seed() -> Document {
    load::from_json(SEED).unwrap().document
}

fn rich() -> Document {
    load::from_json(RICH).unwrap().document
}

fn render(doc: &Document) -> Vec<u8> {
    render_with(doc, &Assets::new())
}

fn render_with(doc: &Document, assets: &Assets) -> Vec<u8> {
    vanban_docx::render(doc, &profile_for(doc), &Fonts::embedded(), assets).unwrap()
}

fn composition(doc: &Document) -> Composition {
    compose(doc, &profile_for(doc), &Fonts::embedded(), &assets_for(doc))
}

/// Every sample, the rich test document and one with a landscape annex.
fn documents() -> Vec<(String, Document)> {
    let mut v = samples();
    v.push(("rich.json".into(), rich()));
    v.push(("annex".into(), with_annex()));
    v
}

fn with_annex() -> Document {
    let mut v: serde_json::Value = serde_json::from_str(RICH).unwrap();
    v["annexes"] = serde_json::json!([{
        "title": "DANH SÁCH CÁC CUỘC HỌP",
        "landscape": true,
        "body": [{"table": {"columns": [{"width": 1}, {"width": 6}], "header": [["STT", "Nội dung"]], "rows": [["1", "Họp thường kỳ tháng 3"]]}}]
    }]);
    load::from_json(&v.to_string()).unwrap().document
}

/// The DOCX's own paragraphs (rule anchors and spacers aside) next to the
/// composition's, in reading order.
fn pairs<'a>(doc: &'a Element, c: &'a Composition) -> Vec<(Placed<'a>, &'a Para)> {
    let docx: Vec<Placed> = placed_paragraphs(doc)
        .into_iter()
        .filter(|p| !structural(p.p))
        .collect();
    let flow: Vec<&Para> = c.paras().collect();
    assert_eq!(docx.len(), flow.len(), "one w:p per paragraph of the flow");
    docx.into_iter().zip(flow).collect()
}

/// The flow's text with a line break where the composition breaks a line
/// itself.
fn expected_text(p: &Para) -> String {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    if p.explicit_breaks {
        for k in 1..p.lines.len() {
            if p.lines[k - 1].end == LineEnd::Wrap {
                cuts.push((p.lines[k].start.span, p.lines[k].start.byte));
            }
        }
    }
    let mut s = String::new();
    for (i, span) in p.spans.iter().enumerate() {
        for (b, ch) in span.text.char_indices() {
            if cuts.contains(&(i, b)) {
                s.push('\n');
            }
            s.push(ch);
        }
    }
    s
}

#[test]
fn paragraphs_translate_the_flow() {
    for (name, d) in documents() {
        let c = composition(&d);
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        let styles = Styles::new(pkg.xml("word/styles.xml"));
        let doc = pkg.xml("word/document.xml");
        for (pl, p) in pairs(&doc, &c) {
            let props = styles.para(pl.p);
            let at = format!("{name}: {:?}", p.text());
            assert_eq!(props.style, p.role.style_id(), "{at}");
            assert_eq!(para_text(pl.p), expected_text(p), "{at}");
            // A table's padding is its cells' margins, not indents.
            let margin = pl.column
                - (p.column.0 - p.indent.left.0 - p.indent.right.0)
                - props.left
                - props.right;
            assert_eq!(margin, 0, "{at}: text width");
            assert_eq!(props.first, p.indent.first.0, "{at}: first line");
            assert_eq!(props.jc, vanban_docx::styles::jc(p.style.align), "{at}");
            assert_eq!(props.keep_lines, p.keep_together, "{at}: keep lines");
            assert!(props.keep_next || !p.keep_with_next, "{at}: keep next");
            assert_eq!(props.size, p.style.size.0, "{at}: size");
            assert_eq!(
                props.line.as_ref().map(|l| l.0),
                Some(p.style.line as i32),
                "{at}"
            );
            // One run per span, in its face.
            let runs = styles.runs(pl.p);
            let spans: Vec<_> = p.spans.iter().filter(|s| !s.text.is_empty()).collect();
            assert_eq!(runs.len(), spans.len(), "{at}");
            for (r, s) in runs.iter().zip(spans) {
                assert_eq!(
                    (r.bold, r.italic),
                    (s.face.bold, s.face.italic),
                    "{at}: {r:?}"
                );
                assert_eq!(r.size, p.style.size.0, "{at}");
            }
            // Spacing is the flow's where nothing around the paragraph
            // takes a share of it (a rule's anchor, a table, a row).
            let plain_neighbours = !pl.in_table && p.rule.is_none();
            if plain_neighbours {
                assert!(props.before <= p.space_before.0, "{at}");
                assert!(props.before >= p.space_before.0 - RULE_PARA.0, "{at}");
                assert!(props.after >= p.space_after.0, "{at}");
            }
        }
    }
}

#[test]
fn direct_formatting_only_where_a_paragraph_differs_from_its_style() {
    for (name, d) in documents() {
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        let styles = Styles::new(pkg.xml("word/styles.xml"));
        let doc = pkg.xml("word/document.xml");
        for p in all(&doc, "w:p") {
            let Some(ppr) = p.find("w:pPr") else { continue };
            let id = val(ppr, "w:pStyle", "w:val").expect("every paragraph has a style");
            let st = styles.para_style(id);
            let at = format!("{name}: {id} {:?}", para_text(p));
            if let Some(s) = ppr.find("w:spacing") {
                for (a, v) in [("w:before", st.before), ("w:after", st.after)] {
                    if let Some(x) = s.get_attr(a) {
                        assert_ne!(x.parse::<i32>().unwrap(), v, "{at}: {a} repeats the style");
                    }
                }
                if let Some(l) = s.get_attr("w:line") {
                    assert_ne!(
                        Some((
                            l.parse().unwrap(),
                            s.get_attr("w:lineRule").unwrap_or("auto").to_string()
                        )),
                        st.line,
                        "{at}: line"
                    );
                }
            }
            if let Some(j) = val(ppr, "w:jc", "w:val") {
                assert_ne!(j, st.jc, "{at}: jc repeats the style");
            }
            if let Some(k) = on(ppr.find("w:keepNext")) {
                assert_ne!(k, st.keep_next, "{at}: keepNext repeats the style");
            }
            if let Some(i) = ppr.find("w:ind") {
                let get = |a: &str| i.get_attr(a).map_or(0, |v| v.parse::<i32>().unwrap());
                let first = get("w:firstLine") - get("w:hanging");
                assert!(
                    (get("w:left"), get("w:right"), first) != (st.left, st.right, st.first),
                    "{at}: ind repeats the style"
                );
            }
        }
    }
}

#[test]
fn styles_carry_the_profile() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&seed()));
    let root = pkg.xml("word/styles.xml");
    let styles = Styles::new(root.clone());
    for &role in Role::ALL {
        let s = p.style(role);
        let st = styles.style(role.style_id());
        assert_eq!(st.get_attr("w:type"), Some("paragraph"));
        assert_eq!(val(st, "w:name", "w:val"), Some(role.name_vi()), "{role:?}");
        let e = styles.para_style(role.style_id());
        assert_eq!(e.size, s.size.0, "{role:?}");
        assert_eq!((e.bold, e.italic), (s.bold, s.italic), "{role:?}");
        assert_eq!(e.jc, vanban_docx::styles::jc(s.align), "{role:?}");
        assert_eq!(
            (e.before, e.after),
            (s.space_before.0, s.space_after.0),
            "{role:?}"
        );
        assert_eq!(e.line, Some((s.line as i32, "auto".into())), "{role:?}");
        assert_eq!(e.first, s.first_line_indent.0, "{role:?}");
        assert_eq!(e.keep_next, s.keep_with_next, "{role:?}");
    }
    // A style's paragraph properties hold no run properties (CT_PPrGeneral).
    for st in all(&root, "w:style") {
        if let Some(ppr) = st.find("w:pPr") {
            assert!(
                ppr.find("w:rPr").is_none(),
                "{:?}",
                st.get_attr("w:styleId")
            );
        }
    }
    let defaults = root.find("w:docDefaults").unwrap();
    let rpr = defaults
        .find("w:rPrDefault")
        .unwrap()
        .find("w:rPr")
        .unwrap();
    let fonts = rpr.find("w:rFonts").unwrap();
    for a in ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"] {
        assert_eq!(fonts.get_attr(a), Some("Times New Roman"), "{a}");
    }
    assert_eq!(val(rpr, "w:lang", "w:val"), Some("vi-VN"));
    let ppr = defaults
        .find("w:pPrDefault")
        .unwrap()
        .find("w:pPr")
        .unwrap();
    assert_eq!(on(ppr.find("w:widowControl")), Some(true));
    assert_eq!(styles.style("Normal").get_attr("w:default"), Some("1"));
    // Run-in headings: a bold character style.
    let run_in = styles.style(RUN_IN);
    assert_eq!(run_in.get_attr("w:type"), Some("character"));
    assert_eq!(on(run_in.find("w:rPr").unwrap().find("w:b")), Some(true));
    assert_eq!(
        styles.style(PLACEHOLDER).get_attr("w:type"),
        Some("character")
    );
    // No document text in a style.
    let doc = pkg.xml("word/document.xml");
    for f in all(&doc, "w:rFonts") {
        assert!(f.attrs.iter().all(|(_, v)| v == "Times New Roman"));
    }
}

#[test]
fn run_in_headings_use_the_character_style_not_direct_bold() {
    let pkg = Package::open(&render(&seed()));
    let doc = pkg.xml("word/document.xml");
    let item = all(&doc, "w:p")
        .into_iter()
        .find(|p| para_text(p).starts_with("2. Công chức Tư pháp - Hộ tịch xã:"))
        .unwrap();
    let runs = all(item, "w:r");
    let first = runs[0].find("w:rPr").unwrap();
    assert_eq!(val(first, "w:rStyle", "w:val"), Some(RUN_IN));
    assert!(first.find("w:b").is_none());
    assert!(
        runs.last().unwrap().find("w:rPr").is_none(),
        "the text after is the style's"
    );
}

#[test]
fn sections_translate_page_setup_and_numbering() {
    for (name, d) in documents() {
        let c = composition(&d);
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        let doc = pkg.xml("word/document.xml");
        let sects = all(&doc, "w:sectPr");
        assert_eq!(sects.len(), c.sections.len(), "{name}");
        // The last section's properties close the body.
        let body = doc.find("w:body").unwrap();
        assert_eq!(body.elements().last().unwrap().name, "w:sectPr", "{name}");
        let rels = pkg.xml("word/_rels/document.xml.rels");
        let target = |id: &str| -> String {
            let t = rels
                .elements()
                .find(|r| r.get_attr("Id") == Some(id))
                .and_then(|r| r.get_attr("Target"))
                .unwrap_or_else(|| panic!("{name}: no relationship {id}"));
            format!("word/{t}")
        };
        let any_footer = c.sections.iter().any(|s| s.first_page_footer.is_some());
        for (s, x) in c.sections.iter().zip(&sects) {
            let n = |e: &str, a: &str| x.find(e).and_then(|e| e.get_attr(a)).map(str::to_string);
            assert_eq!(
                n("w:pgSz", "w:w"),
                Some(s.page.width.0.to_string()),
                "{name}"
            );
            assert_eq!(
                n("w:pgSz", "w:h"),
                Some(s.page.height.0.to_string()),
                "{name}"
            );
            assert_eq!(
                n("w:pgSz", "w:orient").as_deref(),
                s.page.landscape.then_some("landscape")
            );
            for (a, v) in [
                ("w:top", s.page.margin_top),
                ("w:bottom", s.page.margin_bottom),
                ("w:left", s.page.margin_left),
                ("w:right", s.page.margin_right),
                ("w:header", s.page.header_distance),
                // Ô 13 ends at the bottom margin, as in the PDF.
                (
                    "w:footer",
                    if s.first_page_footer.is_some() {
                        s.page.margin_bottom
                    } else {
                        s.page.header_distance
                    },
                ),
            ] {
                assert_eq!(n("w:pgMar", a), Some(v.0.to_string()), "{name}: {a}");
            }
            assert_eq!(n("w:pgNumType", "w:start").as_deref(), Some("1"), "{name}");
            assert!(x.find("w:titlePg").is_some(), "{name}");
            let refs = |tag: &str, ty: &str| {
                x.elements()
                    .find(|e| e.name == tag && e.get_attr("w:type") == Some(ty))
                    .and_then(|e| e.get_attr("r:id"))
                    .map(str::to_string)
            };
            // From page 2: PAGE in the page-number style.
            let header = pkg.xml(&target(&refs("w:headerReference", "default").unwrap()));
            let hp = header.find("w:p").unwrap();
            assert_eq!(
                val(hp.find("w:pPr").unwrap(), "w:pStyle", "w:val"),
                Some(Role::PageNumber.style_id())
            );
            let instr: String = all(hp, "w:instrText")
                .iter()
                .map(|i| i.text_content())
                .collect();
            assert_eq!(instr.trim(), "PAGE", "{name}");
            let kinds: Vec<&str> = all(hp, "w:fldChar")
                .iter()
                .filter_map(|f| f.get_attr("w:fldCharType"))
                .collect();
            assert_eq!(kinds, ["begin", "separate", "end"]);
            // Page 1: nothing, or the number where the section shows it
            // there too (an annex, by the profile).
            let first_id = refs("w:headerReference", "first").unwrap();
            if s.number_first_page {
                assert_eq!(Some(first_id), refs("w:headerReference", "default"));
            } else {
                let first = pkg.xml(&target(&first_id));
                assert!(para_text(&first).is_empty() && all(&first, "w:fldChar").is_empty());
            }
            // Ô 13 on the first page, an empty footer where a section has
            // none (so it does not inherit the previous one's).
            match (&s.first_page_footer, refs("w:footerReference", "first")) {
                (Some(f), Some(id)) => {
                    let ftr = pkg.xml(&target(&id));
                    let ps: Vec<&Element> = all(&ftr, "w:p");
                    assert_eq!(ps.len(), f.paras.len(), "{name}");
                    for (p, fp) in ps.iter().zip(&f.paras) {
                        assert_eq!(para_text(p), fp.text());
                    }
                    let top = ps[0]
                        .find("w:pPr")
                        .unwrap()
                        .find("w:pBdr")
                        .unwrap()
                        .find("w:top")
                        .unwrap();
                    assert_eq!(top.get_attr("w:val"), Some("single"));
                }
                (None, Some(id)) => {
                    assert!(any_footer, "{name}");
                    assert!(para_text(&pkg.xml(&target(&id))).is_empty());
                }
                (None, None) => assert!(!any_footer, "{name}"),
                (Some(_), None) => panic!("{name}: ô 13 without a footer"),
            }
        }
    }
}

/// The line shapes of a part: (anchor paragraph, x, y, length) in EMU.
fn lines_of(doc: &Element) -> Vec<(&Element, i64, i64, i64)> {
    let mut out = Vec::new();
    for p in all(doc, "w:p") {
        for a in all(p, "wp:anchor") {
            if all(a, "a:prstGeom")
                .iter()
                .any(|g| g.get_attr("prst") == Some("line"))
            {
                let off = |e: &str| -> i64 {
                    let pos = a.find(e).unwrap();
                    pos.find("wp:posOffset")
                        .unwrap()
                        .text_content()
                        .parse()
                        .unwrap()
                };
                let cx = a
                    .find("wp:extent")
                    .unwrap()
                    .get_attr("cx")
                    .unwrap()
                    .parse()
                    .unwrap();
                assert_eq!(
                    a.find("wp:positionV").unwrap().get_attr("relativeFrom"),
                    Some("paragraph")
                );
                assert_eq!(
                    a.find("wp:positionH").unwrap().get_attr("relativeFrom"),
                    Some("column")
                );
                out.push((p, off("wp:positionH"), off("wp:positionV"), cx));
            }
        }
    }
    out
}

#[test]
fn rules_are_drawn_in_an_anchor_paragraph_right_under_their_text() {
    let fonts = Fonts::embedded();
    for (name, d) in documents() {
        let c = composition(&d);
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        let doc = pkg.xml("word/document.xml");
        let ruled: Vec<&Para> = c.paras().filter(|p| p.rule.is_some()).collect();
        let shapes = lines_of(&doc);
        assert_eq!(shapes.len(), ruled.len(), "{name}: one line per rule");
        // Each anchor paragraph follows its text paragraph.
        let placed = placed_paragraphs(&doc);
        for ((anchor, x, y, len), p) in shapes.iter().zip(&ruled) {
            let rule = p.rule.unwrap();
            let at = format!("{name}: {:?}", p.text());
            let i = placed
                .iter()
                .position(|q| std::ptr::eq(q.p, *anchor))
                .unwrap();
            assert_eq!(
                val(anchor.find("w:pPr").unwrap(), "w:pStyle", "w:val"),
                Some(RULE),
                "{at}"
            );
            let text = placed[i - 1].p;
            assert_eq!(para_text(text), expected_text(p), "{at}");
            assert_eq!(
                on(text.find("w:pPr").unwrap().find("w:keepNext")),
                Some(true),
                "{at}: stays with its rule"
            );
            assert_eq!(*len, rule.length.emu(), "{at}");
            // From the anchor's top (the text's last line box bottom) to
            // the rule: the drop below the baseline, 1–3 mm.
            let m = p.metrics;
            let want = ((m.baseline + rule.drop.pt() - m.pitch) as f64 * 12_700.0).round() as i64;
            assert_eq!(*y, want, "{at}");
            let drop_mm = (*y as f64 / 12_700.0 + (m.pitch - m.baseline) as f64) * 25.4 / 72.0;
            assert!((1.0..=3.0).contains(&drop_mm), "{at}: {drop_mm} mm");
            // Centred on the paragraph's box.
            let box_w = p.column.0 - p.indent.left.0 - p.indent.right.0;
            let centre = Tw(p.indent.left.0 + box_w / 2).emu();
            assert!(
                (x + len / 2 - centre).abs() <= 635,
                "{at}: {x} {len} {centre}"
            );
        }
        // The decree's lengths: issuer rule 1/3–1/2 of its longest line, the
        // motto's as long as the motto.
        let all_paras: Vec<&Para> = c.paras().collect();
        for p in &ruled {
            // The issuer's rule measures every line of the issuer's name.
            let i = all_paras.iter().position(|q| std::ptr::eq(*q, *p)).unwrap();
            let mut k = i;
            while p.role == Role::Issuer && k > 0 && all_paras[k - 1].role == Role::Issuer {
                k -= 1;
            }
            let widest = all_paras[k..=i]
                .iter()
                .flat_map(|q| q.lines.iter().map(|l| l.natural))
                .fold(0.0, f32::max);
            let ratio = p.rule.unwrap().length.pt() / widest;
            match p.role {
                Role::TieuNgu => {
                    let motto = fonts
                        .face(FaceId::BOLD)
                        .width("Độc lập - Tự do - Hạnh phúc", p.style.size.pt());
                    assert!((p.rule.unwrap().length.pt() - motto).abs() < 0.1, "{name}");
                }
                Role::Issuer | Role::TrichYeu => {
                    assert!(
                        (1.0 / 3.0..=0.5).contains(&ratio),
                        "{name}: {:?} {ratio}",
                        p.role
                    )
                }
                _ => {}
            }
        }
        // A VML line of the same length for readers without DrawingML.
        let alts = all(&doc, "mc:AlternateContent");
        assert_eq!(alts.len(), shapes.len());
        for (alt, (_, _, _, len)) in alts.iter().zip(&shapes) {
            let line = all(alt.find("mc:Fallback").unwrap(), "v:line")[0];
            let x = |a: &str| -> f64 {
                line.get_attr(a)
                    .unwrap()
                    .split(',')
                    .next()
                    .unwrap()
                    .trim_end_matches("pt")
                    .parse()
                    .unwrap()
            };
            assert!(((x("to") - x("from")) * 12_700.0 - *len as f64).abs() < 1300.0);
        }
        // Lines, not text: no box-drawing characters, no paragraph borders
        // in the body.
        let text: String = all(&doc, "w:t").iter().map(|t| t.text_content()).collect();
        assert!(!text.contains(['─', '—', '_']));
        assert!(all(&doc, "w:pBdr").is_empty());
    }
}

#[test]
fn a_trich_yeu_of_several_lines_is_one_paragraph_with_line_breaks() {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["trich_yeu"] = serde_json::json!([
        "Về việc công khai kết quả bộ chỉ số",
        "phục vụ người dân và doanh nghiệp"
    ]);
    let d = load::from_json(&v.to_string()).unwrap().document;
    let doc = Package::open(&render(&d)).xml("word/document.xml");
    let ty: Vec<&Element> = all(&doc, "w:p")
        .into_iter()
        .filter(|p| {
            val(p.find("w:pPr").unwrap(), "w:pStyle", "w:val") == Some(Role::TrichYeu.style_id())
        })
        .collect();
    assert_eq!(ty.len(), 1);
    assert_eq!(
        para_text(ty[0]),
        "Về việc công khai kết quả bộ chỉ số\nphục vụ người dân và doanh nghiệp"
    );
}

#[test]
fn a_hyphenated_word_that_starts_a_wrapped_line_cannot_break_in_word_either() {
    // "2019-2024" at every position around a line's end.
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let body: Vec<serde_json::Value> = (0..14)
        .map(|k| {
            serde_json::json!({"paragraph": format!(
                "Theo kế hoạch của xã giai đoạn phát triển kinh tế xã hội và bảo đảm quốc phòng an ninh trên địa bàn xã trong những năm {} giai đoạn 2019-2024 và tiếp theo./.",
                "a".repeat(k)
            )})
        })
        .collect();
    v["body"] = serde_json::Value::Array(body);
    let d = load::from_json(&v.to_string()).unwrap().document;
    let c = composition(&d);
    let doc = Package::open(&render(&d)).xml("word/document.xml");
    let (mut starts, mut inside) = (0, 0);
    for (pl, p) in pairs(&doc, &c) {
        if !p.text().contains("2019-2024") {
            continue;
        }
        let starts_line = p
            .lines
            .iter()
            .skip(1)
            .any(|l| l.text().starts_with("2019-2024"));
        let nbh = all(pl.p, "w:noBreakHyphen").len();
        if starts_line {
            starts += 1;
            assert_eq!(nbh, 1, "{}", p.text());
        } else {
            inside += 1;
            assert_eq!(nbh, 0, "{}", p.text());
        }
        assert!(para_text(pl.p).contains("2019-2024"));
    }
    assert!(starts > 0 && inside > 0, "{starts} {inside}");
}

#[test]
fn children_are_in_schema_order() {
    // An independent statement of the sequences (ECMA-376 transitional).
    const SEQ: &[(&str, &[&str])] = &[
        (
            "w:pPr",
            &[
                "w:pStyle",
                "w:keepNext",
                "w:keepLines",
                "w:pageBreakBefore",
                "w:widowControl",
                "w:pBdr",
                "w:spacing",
                "w:ind",
                "w:jc",
                "w:rPr",
                "w:sectPr",
            ],
        ),
        (
            "w:rPr",
            &[
                "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:sz",
                "w:szCs", "w:u", "w:lang",
            ],
        ),
        (
            "w:sectPr",
            &[
                "w:headerReference",
                "w:footerReference",
                "w:pgSz",
                "w:pgMar",
                "w:pgNumType",
                "w:titlePg",
            ],
        ),
        (
            "w:tblPr",
            &[
                "w:tblStyle",
                "w:tblW",
                "w:tblInd",
                "w:tblBorders",
                "w:tblLayout",
                "w:tblCellMar",
                "w:tblLook",
            ],
        ),
        ("w:trPr", &["w:cantSplit", "w:tblHeader"]),
        (
            "w:tblBorders",
            &[
                "w:top",
                "w:left",
                "w:bottom",
                "w:right",
                "w:insideH",
                "w:insideV",
            ],
        ),
        ("w:tblCellMar", &["w:top", "w:left", "w:bottom", "w:right"]),
        (
            "w:sdtPr",
            &[
                "w:rPr",
                "w:alias",
                "w:tag",
                "w:id",
                "w:placeholder",
                "w:showingPlcHdr",
                "w:text",
            ],
        ),
        (
            "w:style",
            &[
                "w:name",
                "w:basedOn",
                "w:next",
                "w:uiPriority",
                "w:semiHidden",
                "w:unhideWhenUsed",
                "w:qFormat",
                "w:pPr",
                "w:rPr",
                "w:tblPr",
            ],
        ),
        ("w:p", &["w:pPr", "w:r", "w:sdt"]),
        ("w:tbl", &["w:tblPr", "w:tblGrid", "w:tr"]),
        ("w:tr", &["w:trPr", "w:tc"]),
        ("w:tc", &["w:tcPr", "w:p"]),
        ("w:sdt", &["w:sdtPr", "w:sdtContent"]),
        (
            "wp:anchor",
            &[
                "wp:simplePos",
                "wp:positionH",
                "wp:positionV",
                "wp:extent",
                "wp:effectExtent",
                "wp:wrapNone",
                "wp:docPr",
                "wp:cNvGraphicFramePr",
                "a:graphic",
            ],
        ),
    ];
    for (name, d) in documents() {
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        for part in pkg
            .parts
            .keys()
            .filter(|n| n.starts_with("word/") && n.ends_with(".xml"))
        {
            let root = pkg.xml(part);
            for (parent, seq) in SEQ {
                for e in all(&root, parent) {
                    let ranks: Vec<usize> = e
                        .elements()
                        .filter_map(|c| seq.iter().position(|s| *s == c.name))
                        .collect();
                    let order_ok = match *parent {
                        // The properties lead; runs and controls mix.
                        "w:p" => ranks.iter().skip(1).all(|r| *r != 0),
                        // Repeated children (rows, cells, references).
                        "w:tbl" | "w:tr" | "w:tc" | "w:sectPr" | "w:sdt" => {
                            ranks.windows(2).all(|w| w[0] <= w[1])
                        }
                        _ => ranks.windows(2).all(|w| w[0] < w[1]),
                    };
                    assert!(
                        order_ok,
                        "{name} {part} {parent}: {:?}",
                        e.elements().map(|c| &c.name).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

#[test]
fn package_is_complete_parts_parse_and_relationships_resolve() {
    for (name, d) in documents() {
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        assert_eq!(pkg.order[0], "[Content_Types].xml", "{name}");
        for (part, bytes) in &pkg.parts {
            if part.ends_with(".xml") || part.ends_with(".rels") {
                parse(bytes).unwrap_or_else(|e| panic!("{name} {part}: {e}"));
            }
        }
        let ct = pkg.xml("[Content_Types].xml");
        let defaults: Vec<&str> = ct
            .elements()
            .filter(|e| e.name == "Default")
            .filter_map(|e| e.get_attr("Extension"))
            .collect();
        let overrides: Vec<&str> = ct
            .elements()
            .filter(|e| e.name == "Override")
            .filter_map(|e| e.get_attr("PartName"))
            .collect();
        for part in pkg.parts.keys().filter(|n| *n != "[Content_Types].xml") {
            let ext = part.rsplit('.').next().unwrap();
            assert!(
                defaults.contains(&ext) || overrides.contains(&format!("/{part}").as_str()),
                "{name}: no content type for {part}"
            );
        }
        for o in &overrides {
            assert!(
                pkg.parts.contains_key(&o[1..]),
                "{name}: override for missing {o}"
            );
        }
        let mut targets = std::collections::BTreeSet::new();
        let mut kinds = Vec::new();
        for rels_name in pkg.parts.keys().filter(|n| n.ends_with(".rels")) {
            let base = rels_name
                .trim_end_matches(".rels")
                .replace("_rels/", "")
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| format!("{d}/"));
            for r in pkg.xml(rels_name).elements() {
                let t = r.get_attr("Target").unwrap();
                let path = t
                    .strip_prefix('/')
                    .map_or(format!("{base}{t}"), str::to_string);
                assert!(pkg.parts.contains_key(&path), "{name} {rels_name}: {path}");
                kinds.push(
                    r.get_attr("Type")
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string(),
                );
                targets.insert(path);
            }
        }
        for part in pkg.parts.keys() {
            if part != "[Content_Types].xml" && !part.ends_with(".rels") {
                assert!(targets.contains(part), "{name}: {part} is not referenced");
            }
        }
        for k in [
            "officeDocument",
            "core-properties",
            "extended-properties",
            "styles",
            "settings",
            "fontTable",
            "theme",
            "header",
        ] {
            assert!(kinds.iter().any(|x| x == k), "{name}: no {k} relationship");
        }
        let doc = pkg.xml("word/document.xml");
        let rels = pkg.xml("word/_rels/document.xml.rels");
        let ids: Vec<&str> = rels.elements().filter_map(|r| r.get_attr("Id")).collect();
        doc.walk(&mut |e| {
            for (k, v) in &e.attrs {
                if k.starts_with("r:") {
                    assert!(ids.contains(&v.as_str()), "{k}={v} undeclared");
                }
            }
        });
        // Drawing ids are unique.
        let mut ids: Vec<&str> = all(&doc, "wp:docPr")
            .iter()
            .filter_map(|e| e.get_attr("id"))
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{name}: docPr ids");
    }
    // Document properties Word and e-office systems read.
    let d = seed();
    let pkg = Package::open(&render(&d));
    let core = pkg.xml("docProps/core.xml");
    assert_eq!(core.find("dc:title").unwrap().text_content(), d.title());
    assert_eq!(core.find("dc:creator").unwrap().text_content(), d.author());
    assert_eq!(core.find("dc:language").unwrap().text_content(), "vi-VN");
    assert!(core.find("cp:keywords").is_some());
    assert!(core.find("dcterms:created").is_none(), "no date, no clock");
    let fonts = pkg.xml("word/fontTable.xml");
    let tnr = fonts
        .elements()
        .find(|f| f.get_attr("w:name") == Some("Times New Roman"))
        .unwrap();
    assert_eq!(val(tnr, "w:panose1", "w:val"), Some("02020603050405020304"));
    assert_eq!(val(tnr, "w:altName", "w:val"), Some("Liberation Serif"));
    let theme = String::from_utf8(pkg.parts["word/theme/theme1.xml"].clone()).unwrap();
    assert!(theme.contains("<a:latin typeface=\"Times New Roman\"/>"));
}

#[test]
fn identical_input_gives_identical_bytes_and_the_cache_changes_nothing() {
    let fonts = Fonts::embedded();
    let (d, r) = (seed(), rich());
    let a = render(&d);
    assert_eq!(a, render(&d));
    let d2 = d.clone();
    assert_eq!(a, std::thread::spawn(move || render(&d2)).join().unwrap());
    let renderer = vanban_docx::DocxRenderer::new(&fonts);
    let p = Profile::nd30();
    assert_eq!(renderer.render(&r, &p, &Assets::new()).unwrap(), render(&r));
    assert_eq!(renderer.render(&d, &p, &Assets::new()).unwrap(), a);
    // Another profile, then the first again.
    let mut big = d.clone();
    big.profile = Some(serde_json::from_str(r#"{"body_size_pt": 13}"#).unwrap());
    let p13 = profile_for(&big);
    let b = renderer.render(&big, &p13, &Assets::new()).unwrap();
    assert_ne!(a, b);
    assert_eq!(b, render(&big));
    assert_eq!(renderer.render(&d, &p, &Assets::new()).unwrap(), a);
}

/// The body's tables in order.
fn tables(doc: &Element) -> Vec<&Element> {
    doc.find("w:body")
        .unwrap()
        .elements()
        .filter(|e| e.name == "w:tbl")
        .collect()
}

#[test]
fn rows_are_borderless_fixed_tables_that_never_split() {
    for (name, d) in documents() {
        let c = composition(&d);
        let pkg = Package::open(&render_with(&d, &assets_for(&d)));
        let styles = Styles::new(pkg.xml("word/styles.xml"));
        let doc = pkg.xml("word/document.xml");
        // Rows of one geometry one after another share a table.
        let mut groups: Vec<Vec<&vanban_compose::Row>> = Vec::new();
        let mut tables_flow: Vec<&vanban_compose::Table> = Vec::new();
        let mut kinds = Vec::new();
        for s in &c.sections {
            let mut prev_row = false;
            for b in &s.blocks {
                match b {
                    Block::Row(r) => {
                        let same = prev_row
                            && groups.last().is_some_and(|g| {
                                g[0].columns == r.columns && g[0].shift == r.shift
                            });
                        if same {
                            groups.last_mut().unwrap().push(r);
                        } else {
                            groups.push(vec![r]);
                            kinds.push('r');
                        }
                        prev_row = true;
                    }
                    Block::Table(t) => {
                        tables_flow.push(t);
                        kinds.push('t');
                        prev_row = false;
                    }
                    Block::Para(_) => prev_row = false,
                }
            }
        }
        let tbls = tables(&doc);
        assert_eq!(tbls.len(), kinds.len(), "{name}");
        let (mut gi, mut ti) = (0, 0);
        for (tbl, k) in tbls.iter().zip(&kinds) {
            let pr = tbl.find("w:tblPr").unwrap();
            assert_eq!(val(pr, "w:tblLayout", "w:type"), Some("fixed"), "{name}");
            let grid: Vec<i32> = all(tbl, "w:gridCol")
                .iter()
                .map(|g| g.get_attr("w:w").unwrap().parse().unwrap())
                .collect();
            let rows: Vec<&Element> = tbl.elements().filter(|e| e.name == "w:tr").collect();
            for tr in &rows {
                assert!(
                    tr.find("w:trPr").unwrap().find("w:cantSplit").is_some(),
                    "{name}: a row may split"
                );
            }
            let mar = pr.find("w:tblCellMar").unwrap();
            let m = |s: &str| {
                mar.find(s)
                    .unwrap()
                    .get_attr("w:w")
                    .unwrap()
                    .parse::<i32>()
                    .unwrap()
            };
            if *k == 'r' {
                let g = &groups[gi];
                gi += 1;
                assert_eq!(
                    grid,
                    g[0].columns.iter().map(|c| c.0).collect::<Vec<_>>(),
                    "{name}"
                );
                assert_eq!(
                    val(pr, "w:tblInd", "w:w"),
                    Some(g[0].shift.0.to_string().as_str()),
                    "{name}"
                );
                assert!(pr.find("w:tblBorders").is_none(), "{name}: borderless");
                assert_eq!(
                    (m("w:top"), m("w:left"), m("w:bottom"), m("w:right")),
                    (0, 0, 0, 0)
                );
                assert_eq!(rows.len(), g.len(), "{name}");
                for (tr, r) in rows.iter().zip(g) {
                    // The row's space before is in every cell's first
                    // paragraph (less, at most, a rule anchor's height).
                    let mut takes = Vec::new();
                    for (tc, cell) in tr.elements().filter(|e| e.name == "w:tc").zip(&r.cells) {
                        let Some(p0) = cell.first() else { continue };
                        let docx_p0 = tc.elements().find(|e| e.name == "w:p").unwrap();
                        let got = styles.para(docx_p0).before;
                        takes.push(r.space_before.0 + p0.space_before.0 - got);
                    }
                    assert!(takes.windows(2).all(|w| w[0] == w[1]), "{name}: {takes:?}");
                    assert!(
                        takes.iter().all(|t| (0..=RULE_PARA.0).contains(t)),
                        "{name}: {takes:?}"
                    );
                }
            } else {
                let t = tables_flow[ti];
                ti += 1;
                assert_eq!(grid, t.columns.iter().map(|c| c.0).collect::<Vec<_>>());
                assert_eq!((m("w:left"), m("w:right")), (t.padding.0, t.padding.0));
                let borders = pr.find("w:tblBorders").unwrap();
                for side in [
                    "w:top",
                    "w:left",
                    "w:bottom",
                    "w:right",
                    "w:insideH",
                    "w:insideV",
                ] {
                    let b = borders.find(side).unwrap();
                    assert_eq!(b.get_attr("w:val"), Some("single"));
                    assert_eq!(b.get_attr("w:sz"), Some("4"));
                }
                for (i, tr) in rows.iter().enumerate() {
                    assert_eq!(
                        tr.find("w:trPr").unwrap().find("w:tblHeader").is_some(),
                        i < t.header_rows,
                        "{name}: row {i}"
                    );
                }
            }
        }
        // Never two tables side by side: Word would merge them.
        let body = doc.find("w:body").unwrap();
        let names: Vec<&str> = body.elements().map(|e| e.name.as_str()).collect();
        assert!(!names.windows(2).any(|w| w == ["w:tbl", "w:tbl"]), "{name}");
    }
}

#[test]
fn draft_blanks_are_content_controls_and_finals_are_plain_text() {
    let draft = seed();
    let doc = Package::open(&render(&draft)).xml("word/document.xml");
    let sdts = all(&doc, "w:sdt");
    assert_eq!(sdts.len(), 2);
    for (sdt, (tag, alias, text)) in sdts.iter().zip([
        ("so", "Số", "     ".to_string()),
        (
            "ngay_ban_hanh",
            "Ngày ban hành",
            vanban_core::date::format_ngay_thang_nam(draft.date.as_ref()),
        ),
    ]) {
        let pr = sdt.find("w:sdtPr").unwrap();
        assert_eq!(val(pr, "w:tag", "w:val"), Some(tag));
        assert_eq!(val(pr, "w:alias", "w:val"), Some(alias));
        assert!(pr.find("w:showingPlcHdr").is_some());
        assert!(pr.find("w:text").is_some());
        let content = sdt.find("w:sdtContent").unwrap();
        assert_eq!(para_text(content), text);
        let r = content.find("w:r").unwrap();
        assert_eq!(
            val(r.find("w:rPr").unwrap(), "w:rStyle", "w:val"),
            Some(PLACEHOLDER)
        );
    }
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["so_hieu"]["number"] = 12.into();
    v["date"] = "2025-03-10".into();
    let fin = load::from_json(&v.to_string()).unwrap().document;
    let doc = Package::open(&render(&fin)).xml("word/document.xml");
    assert!(all(&doc, "w:sdt").is_empty());
    let text: Vec<String> = all(&doc, "w:p").iter().map(|p| para_text(p)).collect();
    assert!(text.iter().any(|t| t.starts_with("Số: 12/")));
    assert!(text.iter().any(|t| t.ends_with("ngày 10 tháng 3 năm 2025")));
}

fn numbered() -> Document {
    let mut v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    v["so_hieu"]["number"] = 3.into();
    v["date"] = "2025-03-10".into();
    load::from_json(&v.to_string()).unwrap().document
}

#[test]
fn issue_fills_the_blanks_and_changes_no_other_byte() {
    let draft = render(&seed());
    let blanks = vanban_docx::Blanks {
        so: Some(12),
        date: Some(vanban_core::date::IssueDate::full(2025, 3, 10)),
        replace: false,
    };
    let issued = vanban_docx::issue(&draft, &blanks).unwrap();
    let (a, b) = (
        vanban_docx::zip::read(&draft).unwrap(),
        vanban_docx::zip::read(&issued).unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.name, y.name);
        if x.name != "word/document.xml" {
            assert_eq!(x, y, "{} changed", x.name);
        }
    }
    let pkg = Package::open(&issued);
    let doc = pkg.xml("word/document.xml");
    let text: Vec<String> = all(&doc, "w:p").iter().map(|p| para_text(p)).collect();
    assert!(text.iter().any(|t| t == "Số: 12/TB-UBND"), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t == "Tiến Thắng, ngày 10 tháng 3 năm 2025"),
        "{text:?}"
    );
    for sdt in all(&doc, "w:sdt") {
        assert!(sdt
            .find("w:sdtPr")
            .unwrap()
            .find("w:showingPlcHdr")
            .is_none());
        assert!(all(sdt, "w:rStyle").is_empty());
    }
    // Outside the two controls' contents, the document part is the same text.
    let before = String::from_utf8(
        a.iter()
            .find(|e| e.name == "word/document.xml")
            .unwrap()
            .bytes()
            .unwrap(),
    )
    .unwrap();
    let after = String::from_utf8(
        b.iter()
            .find(|e| e.name == "word/document.xml")
            .unwrap()
            .bytes()
            .unwrap(),
    )
    .unwrap();
    let strip = |s: &str| -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("<w:sdtContent>") {
            out.push_str(&rest[..i]);
            let j = i + rest[i..].find("</w:sdtContent>").unwrap();
            rest = &rest[j..];
        }
        out.push_str(rest);
        out.replace("<w:showingPlcHdr/>", "")
    };
    assert_eq!(strip(&before), strip(&after));
    // Issued once, there is nothing left to fill.
    assert_eq!(
        vanban_docx::issue(&render(&numbered()), &blanks),
        Err(vanban_docx::IssueError::NoBlank("Số"))
    );
}

#[test]
fn signature_and_seal_images_are_placed_or_reported_missing() {
    let mut d = seed();
    d.signature.signature_image = Some("chu-ky.png".into());
    d.signature.seal_image = Some("dau.png".into());
    let png = std::fs::read(root().join("samples/chu-ky-minh-hoa.png")).unwrap();
    let seal = std::fs::read(root().join("samples/con-dau-minh-hoa.png")).unwrap();
    let fonts = Fonts::embedded();
    let p = Profile::nd30();
    let err = vanban_docx::render(&d, &p, &fonts, &Assets::new()).unwrap_err();
    assert!(matches!(err, vanban_docx::DocxError::MissingImage(ref r) if r == "chu-ky.png"));
    let mut bad = Assets::new();
    bad.insert("chu-ky.png", b"GIF89a".to_vec());
    bad.insert("dau.png", seal.clone());
    assert!(matches!(
        vanban_docx::render(&d, &p, &fonts, &bad),
        Err(vanban_docx::DocxError::UnsupportedImage(_))
    ));
    let mut assets = Assets::new();
    assets.insert("chu-ky.png", png.clone());
    assets.insert("dau.png", seal.clone());
    let pkg = Package::open(&render_with(&d, &assets));
    assert_eq!(pkg.parts["word/media/image1.png"], png);
    assert_eq!(pkg.parts["word/media/image2.png"], seal);
    let doc = pkg.xml("word/document.xml");
    let c = compose(&d, &p, &fonts, &assets);
    let name = c.paras().find(|p| !p.images.is_empty()).unwrap();
    let pics: Vec<&Element> = all(&doc, "wp:anchor")
        .into_iter()
        .filter(|a| !all(a, "pic:pic").is_empty())
        .collect();
    assert_eq!(pics.len(), 2);
    for (a, img) in pics.iter().zip(&name.images) {
        assert_eq!(
            a.get_attr("behindDoc"),
            Some(if img.behind { "1" } else { "0" })
        );
        let ext = a.find("wp:extent").unwrap();
        assert_eq!(
            ext.get_attr("cx"),
            Some(img.width.emu().to_string().as_str())
        );
        let off = |e: &str| {
            a.find(e)
                .unwrap()
                .find("wp:posOffset")
                .unwrap()
                .text_content()
        };
        assert_eq!(off("wp:positionH"), img.x.emu().to_string());
        assert_eq!(off("wp:positionV"), img.y.emu().to_string());
    }
    // In the signer's name paragraph.
    let holder = all(&doc, "w:p")
        .into_iter()
        .find(|p| !all(p, "pic:pic").is_empty())
        .unwrap();
    assert_eq!(para_text(holder), d.signature.name);
}

#[test]
fn text_xml_cannot_hold_is_refused_not_dropped() {
    let mut d = seed();
    d.place = "Tiến\u{1}Thắng".into();
    let err =
        vanban_docx::render(&d, &Profile::nd30(), &Fonts::embedded(), &Assets::new()).unwrap_err();
    assert!(matches!(err, vanban_docx::DocxError::InvalidCharacter(1)));
    // Characters vanban once reserved for itself are text like any other.
    let mut d = seed();
    d.place = "Tiến Thắng \u{F8F0}".into();
    let doc = Package::open(&render(&d)).xml("word/document.xml");
    assert!(all(&doc, "w:p")
        .iter()
        .any(|p| para_text(p).contains('\u{F8F0}')));
}

#[test]
fn a_minimal_document_is_still_well_formed() {
    let d = load::from_json(
        r#"{"kind": "thong-bao", "issuer": {"name": "UBND", "abbreviation": "UBND"},
        "place": "A", "trich_yeu": "Về việc x", "body": [],
        "noi_nhan": {"entries": []}, "signature": {"post": "", "name": ""}}"#,
    )
    .unwrap()
    .document;
    let pkg = Package::open(&render(&d));
    for (n, b) in &pkg.parts {
        if n.ends_with(".xml") || n.ends_with(".rels") {
            parse(b).unwrap_or_else(|e| panic!("{n}: {e}"));
        }
    }
    // Every cell holds a paragraph.
    let doc = pkg.xml("word/document.xml");
    for tc in all(&doc, "w:tc") {
        assert!(tc.find("w:p").is_some());
    }
    let _ = SPACER;
}
