//! Reads back the DOCX of the sample notice and checks it against the
//! profile, the model and the package rules.

use std::collections::BTreeMap;
use std::io::Read;
use vanban_core::{load, Assets, Document, Profile, Role, Tw};
use vanban_docx::xml::{parse, Element};
use vanban_fonts::{FaceId, Fonts};

const SAMPLE: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");

fn sample() -> Document {
    load::from_json(SAMPLE).unwrap().document
}

fn render(doc: &Document) -> Vec<u8> {
    render_with(doc, &Assets::new())
}

fn render_with(doc: &Document, assets: &Assets) -> Vec<u8> {
    vanban_docx::render(doc, &Profile::nd30(), &Fonts::embedded(), assets).unwrap()
}

struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut parts = BTreeMap::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            parts.insert(f.name().to_string(), v);
        }
        Package { parts }
    }
    fn xml(&self, name: &str) -> Element {
        parse(
            self.parts
                .get(name)
                .unwrap_or_else(|| panic!("no part {name}")),
        )
        .unwrap()
    }
}

fn all<'a>(e: &'a Element, name: &str) -> Vec<&'a Element> {
    fn rec<'a>(e: &'a Element, name: &str, v: &mut Vec<&'a Element>) {
        if e.name == name {
            v.push(e);
        }
        for c in e.elements() {
            rec(c, name, v);
        }
    }
    let mut v = Vec::new();
    rec(e, name, &mut v);
    v
}

fn val<'a>(e: &'a Element, child: &str, attr: &str) -> Option<&'a str> {
    e.find(child).and_then(|c| c.get_attr(attr))
}

fn para_text(p: &Element) -> String {
    all(p, "w:t").iter().map(|t| t.text_content()).collect()
}

fn style<'a>(styles: &'a Element, id: &str) -> &'a Element {
    styles
        .elements()
        .find(|s| s.name == "w:style" && s.get_attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

#[test]
fn page_size_margins_and_header_distance_come_from_the_profile() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let sect = all(&doc, "w:sectPr")[0];
    let sz = sect.find("w:pgSz").unwrap();
    assert_eq!(
        sz.get_attr("w:w"),
        Some(p.page_width.0.to_string().as_str())
    );
    assert_eq!(
        sz.get_attr("w:h"),
        Some(p.page_height.0.to_string().as_str())
    );
    let m = sect.find("w:pgMar").unwrap();
    for (a, v) in [
        ("w:top", p.margin_top),
        ("w:bottom", p.margin_bottom),
        ("w:left", p.margin_left),
        ("w:right", p.margin_right),
        ("w:header", p.header_distance),
    ] {
        assert_eq!(m.get_attr(a), Some(v.0.to_string().as_str()), "{a}");
    }
}

#[test]
fn every_role_has_a_named_style_with_the_profiles_values() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&sample()));
    let styles = pkg.xml("word/styles.xml");
    for &role in Role::ALL {
        let s = p.style(role);
        let st = style(&styles, role.style_id());
        assert_eq!(st.get_attr("w:type"), Some("paragraph"));
        assert_eq!(val(st, "w:name", "w:val"), Some(role.name_vi()), "{role:?}");
        let rpr = st.find("w:rPr").unwrap();
        assert_eq!(
            val(rpr, "w:sz", "w:val"),
            Some(s.size.0.to_string().as_str()),
            "{role:?} size"
        );
        assert_eq!(rpr.find("w:b").is_some(), s.bold, "{role:?} bold");
        assert_eq!(rpr.find("w:i").is_some(), s.italic, "{role:?} italic");
        let ppr = st.find("w:pPr").unwrap();
        let jc = match s.align {
            vanban_core::Alignment::Left => "left",
            vanban_core::Alignment::Center => "center",
            vanban_core::Alignment::Right => "right",
            vanban_core::Alignment::Justify => "both",
        };
        assert_eq!(val(ppr, "w:jc", "w:val"), Some(jc), "{role:?} jc");
        let sp = ppr.find("w:spacing").unwrap();
        assert_eq!(
            sp.get_attr("w:before"),
            Some(s.space_before.0.to_string().as_str())
        );
        assert_eq!(sp.get_attr("w:line"), Some(s.line.to_string().as_str()));
        assert_eq!(sp.get_attr("w:lineRule"), Some("auto"));
        let first = ppr.find("w:ind").and_then(|i| i.get_attr("w:firstLine"));
        if s.first_line_indent.0 > 0 {
            assert_eq!(first, Some(s.first_line_indent.0.to_string().as_str()));
        } else {
            assert_eq!(first, None, "{role:?}");
        }
    }
}

#[test]
fn defaults_are_times_new_roman_at_the_body_size_in_vietnamese() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&sample()));
    let styles = pkg.xml("word/styles.xml");
    let rpr = styles
        .find("w:docDefaults")
        .and_then(|d| d.find("w:rPrDefault"))
        .and_then(|d| d.find("w:rPr"))
        .unwrap();
    let fonts = rpr.find("w:rFonts").unwrap();
    for a in ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"] {
        assert_eq!(fonts.get_attr(a), Some("Times New Roman"), "{a}");
    }
    assert_eq!(
        val(rpr, "w:sz", "w:val"),
        Some(p.style(Role::Body).size.0.to_string().as_str())
    );
    assert_eq!(val(rpr, "w:lang", "w:val"), Some("vi-VN"));
    // No run in the document names another font.
    let doc = pkg.xml("word/document.xml");
    for f in all(&doc, "w:rFonts") {
        assert!(f.attrs.iter().all(|(_, v)| v == "Times New Roman"));
    }
    let normal = style(&styles, "Normal");
    assert_eq!(normal.get_attr("w:default"), Some("1"));
}

#[test]
fn every_string_of_the_model_is_in_the_document_text() {
    let d = sample();
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    let paras: Vec<String> = all(&doc, "w:p").iter().map(|p| para_text(p)).collect();
    let text = paras.join("\n");
    let mut missing = Vec::new();
    d.visit_strings(&mut |path, s| {
        let p = path.to_string();
        if p.starts_with("metadata") || p.starts_with("$schema") || s.trim().is_empty() {
            return;
        }
        if !text.contains(s) {
            missing.push(format!("{p}: {s}"));
        }
    });
    assert!(missing.is_empty(), "missing: {missing:#?}");
    // The composed lines too, exactly as the model formats them.
    for line in [
        d.so_line(),
        d.place_date_line(),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        "Độc lập - Tự do - Hạnh phúc".into(),
        "THÔNG BÁO".into(),
        "Nơi nhận:".into(),
        "- Lưu: VP.".into(),
        "2. Công chức Tư pháp - Hộ tịch xã: Tiếp tục triển khai".into(),
    ] {
        assert!(paras.iter().any(|p| p.contains(&line)), "{line}");
    }
    // Each dash item is its own paragraph, no manual breaks.
    assert!(all(&doc, "w:br").is_empty());
    assert_eq!(paras.iter().filter(|p| p.starts_with("- ")).count(), 6 + 5);
}

/// Rule shapes: (length in EMU, vertical offset in EMU) of every drawn line.
fn rules(doc: &Element) -> Vec<(i64, i64)> {
    all(doc, "wp:anchor")
        .into_iter()
        .filter(|a| {
            all(a, "a:prstGeom")
                .iter()
                .any(|g| g.get_attr("prst") == Some("line"))
        })
        .map(|a| {
            let cx = a.find("wp:extent").unwrap().get_attr("cx").unwrap();
            let y = a.find("wp:positionV").unwrap().text_content();
            (cx.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn rules_are_drawn_lines_of_the_measured_length() {
    let d = sample();
    let p = Profile::nd30();
    let fonts = Fonts::embedded();
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    let r = rules(&doc);
    assert_eq!(r.len(), 3, "issuer, motto and trích yếu rules: {r:?}");
    let bold = fonts.face(FaceId::BOLD);
    let emu = |pt: f32| Tw::from_pt(pt).emu() as f64;
    let issuer = d
        .issuer
        .name
        .0
        .iter()
        .map(|l| bold.width(l, 13.0))
        .fold(0.0, f32::max);
    let subject = d
        .trich_yeu
        .0
        .iter()
        .map(|l| bold.width(l, 14.0))
        .fold(0.0, f32::max);
    let expected = [
        emu(issuer) * 0.4,
        emu(bold.width("Độc lập - Tự do - Hạnh phúc", 14.0)),
        emu(subject) * 0.4,
    ];
    for ((len, _), want) in r.iter().zip(expected) {
        let ratio = *len as f64 / want;
        assert!((ratio - 1.0).abs() < 0.05, "rule {len} EMU, want {want}");
    }
    // Each sits rule_drop below the baseline of a single line.
    let y_issuer = emu(bold.baseline_offset(13.0)) + p.rule_drop.emu() as f64;
    assert!((r[0].1 as f64 - y_issuer).abs() < 1000.0, "{r:?}");
    // Each is wrapped as Word writes shapes: DrawingML for Word 2010+ and
    // LibreOffice, a VML line of the same length for other readers.
    let alts = all(&doc, "mc:AlternateContent");
    assert_eq!(alts.len(), 3);
    for (alt, (len, _)) in alts.iter().zip(&r) {
        let choice = alt.find("mc:Choice").unwrap();
        assert_eq!(choice.get_attr("Requires"), Some("wps"));
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
        let vml_emu = (x("to") - x("from")) * 12700.0;
        assert!((vml_emu - *len as f64).abs() < 1300.0, "{vml_emu} vs {len}");
    }
    // Lines, not text: no box-drawing characters, no paragraph borders.
    let text: String = all(&doc, "w:t").iter().map(|t| t.text_content()).collect();
    assert!(!text.contains(['─', '—', '_']));
    assert!(all(&doc, "w:pBdr").is_empty());
}

#[test]
fn children_are_in_schema_order() {
    // An independent statement of the sequences that matter most.
    const PPR: &[&str] = &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:widowControl",
        "w:pBdr",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:rPr",
    ];
    const RPR: &[&str] = &[
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:sz", "w:szCs", "w:u", "w:lang",
    ];
    let pkg = Package::open(&render(&sample()));
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/header2.xml",
    ] {
        let root = pkg.xml(part);
        assert_eq!(
            vanban_docx::postprocess::first_out_of_order(&root),
            None,
            "{part}"
        );
        for (name, seq) in [("w:pPr", PPR), ("w:rPr", RPR)] {
            for e in all(&root, name) {
                let ranks: Vec<usize> = e
                    .elements()
                    .filter_map(|c| seq.iter().position(|s| *s == c.name))
                    .collect();
                assert!(
                    ranks.windows(2).all(|w| w[0] < w[1]),
                    "{part} {name}: {:?}",
                    e.elements().map(|c| &c.name).collect::<Vec<_>>()
                );
            }
        }
        for p in all(&root, "w:p") {
            if let Some(first) = p.elements().next() {
                if p.find("w:pPr").is_some() {
                    assert_eq!(first.name, "w:pPr");
                }
            }
        }
    }
}

#[test]
fn package_is_complete_parts_parse_and_relationships_resolve() {
    let pkg = Package::open(&render(&sample()));
    for (name, bytes) in &pkg.parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
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
    for name in pkg.parts.keys() {
        if name == "[Content_Types].xml" {
            continue;
        }
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            defaults.contains(&ext) || overrides.contains(&format!("/{name}").as_str()),
            "no content type for {name}"
        );
    }
    for o in &overrides {
        assert!(pkg.parts.contains_key(&o[1..]), "override for missing {o}");
    }
    // Every relationship's target exists, every part is some relationship's
    // target, and every r:id used is declared.
    let mut targets = std::collections::BTreeSet::new();
    for (rels_name, _) in pkg.parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let base = rels_name
            .trim_end_matches(".rels")
            .replace("_rels/", "")
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        let rels = pkg.xml(rels_name);
        for r in rels.elements() {
            if r.get_attr("TargetMode") == Some("External") {
                continue;
            }
            let t = r.get_attr("Target").unwrap();
            let path = t
                .strip_prefix('/')
                .map_or(format!("{base}{t}"), str::to_string);
            assert!(pkg.parts.contains_key(&path), "{rels_name}: {path}");
            targets.insert(path);
        }
    }
    for name in pkg.parts.keys() {
        if name != "[Content_Types].xml" && !name.ends_with(".rels") {
            assert!(targets.contains(name), "{name} is not referenced");
        }
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
    // Core properties replace docx-rs's.
    let core = pkg.xml("docProps/core.xml");
    let d = sample();
    assert_eq!(core.find("dc:title").unwrap().text_content(), d.title());
    assert_eq!(core.find("dc:creator").unwrap().text_content(), d.author());
    assert_eq!(core.find("dc:language").unwrap().text_content(), "vi-VN");
    assert!(core.find("cp:keywords").is_some());
    // A draft dated by year only has no creation time to state.
    assert!(core.find("dcterms:created").is_none());
    let settings = String::from_utf8(pkg.parts["word/settings.xml"].clone()).unwrap();
    assert!(!settings.contains("useFELayout"));
}

#[test]
fn identical_input_gives_identical_bytes() {
    let d = sample();
    let a = render(&d);
    let b = render(&d);
    assert_eq!(a, b);
    // docx-rs numbers paragraphs per thread; another thread must agree.
    let d2 = d.clone();
    let c = std::thread::spawn(move || render(&d2)).join().unwrap();
    assert_eq!(a, c);
}

#[test]
fn page_number_field_from_page_two() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let sect = all(&doc, "w:sectPr")[0];
    assert!(sect.find("w:titlePg").is_some());
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let target = |ty: &str| {
        let id = sect
            .elements()
            .find(|e| e.name == "w:headerReference" && e.get_attr("w:type") == Some(ty))
            .and_then(|e| e.get_attr("r:id"))
            .unwrap_or_else(|| panic!("no {ty} header"));
        let t = rels
            .elements()
            .find(|r| r.get_attr("Id") == Some(id))
            .and_then(|r| r.get_attr("Target"))
            .unwrap();
        pkg.xml(&format!("word/{t}"))
    };
    let default = target("default");
    let instr: String = all(&default, "w:instrText")
        .iter()
        .map(|i| i.text_content())
        .collect();
    assert_eq!(instr.trim(), "PAGE");
    let para = all(&default, "w:p")[0];
    assert_eq!(
        val(para.find("w:pPr").unwrap(), "w:pStyle", "w:val"),
        Some(Role::PageNumber.style_id())
    );
    let styles = pkg.xml("word/styles.xml");
    let st = style(&styles, Role::PageNumber.style_id());
    assert_eq!(
        val(st.find("w:rPr").unwrap(), "w:sz", "w:val"),
        Some(p.style(Role::PageNumber).size.0.to_string().as_str())
    );
    assert_eq!(
        val(st.find("w:pPr").unwrap(), "w:jc", "w:val"),
        Some("center")
    );
    let first = target("first");
    assert!(all(&first, "w:instrText").is_empty());
    assert_eq!(first.text_content(), "");
}

fn tables(doc: &Element) -> Vec<&Element> {
    doc.find("w:body")
        .unwrap()
        .elements()
        .filter(|e| e.name == "w:tbl")
        .collect()
}

#[test]
fn header_and_closing_are_fixed_borderless_tables_and_the_closing_cannot_split() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&sample()));
    let doc = pkg.xml("word/document.xml");
    let t = tables(&doc);
    assert_eq!(t.len(), 2);
    for (tbl, (l, r)) in [(t[0], p.header_columns()), (t[1], p.closing_columns())] {
        let grid: Vec<&str> = tbl
            .find("w:tblGrid")
            .unwrap()
            .elements()
            .filter_map(|g| g.get_attr("w:w"))
            .collect();
        assert_eq!(grid, [l.0.to_string(), r.0.to_string()]);
        // The schema gives w:gridCol no w:type (docx-rs writes one).
        for g in tbl.find("w:tblGrid").unwrap().elements() {
            assert_eq!(g.attrs.len(), 1, "{:?}", g.attrs);
        }
        let pr = tbl.find("w:tblPr").unwrap();
        assert_eq!(val(pr, "w:tblLayout", "w:type"), Some("fixed"));
        let mar = pr.find("w:tblCellMar").unwrap();
        for m in mar.elements() {
            assert_eq!(m.get_attr("w:w"), Some("0"), "{}", m.name);
        }
        for b in all(tbl, "w:tblBorders").iter().flat_map(|b| b.elements()) {
            assert_eq!(b.get_attr("w:val"), Some("none"), "{}", b.name);
        }
    }
    // The national name is one paragraph in a column wide enough for it.
    let fonts = Fonts::embedded();
    let qh = Tw::from_pt(
        fonts
            .face(FaceId::BOLD)
            .width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0),
    );
    assert!(qh < p.header_columns().1);
    let rows: Vec<&Element> = t[1].elements().filter(|e| e.name == "w:tr").collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0]
        .find("w:trPr")
        .unwrap()
        .find("w:cantSplit")
        .is_some());
    // The last body paragraph keeps with the closing table.
    let body: Vec<&Element> = doc.find("w:body").unwrap().elements().collect();
    let before = body[body.len() - 3];
    assert_eq!(before.name, "w:p");
    assert!(para_text(before).ends_with("./."));
    assert!(before.find("w:pPr").unwrap().find("w:keepNext").is_some());
    // Signing space before the name.
    let name = all(t[1], "w:p")
        .into_iter()
        .find(|p| para_text(p) == "Đỗ Văn Hạ")
        .unwrap();
    let sb = name
        .find("w:pPr")
        .unwrap()
        .find("w:spacing")
        .unwrap()
        .get_attr("w:before");
    assert_eq!(sb, Some(p.signing_space.0.to_string().as_str()));
}

#[test]
fn draft_blanks_are_content_controls_and_finals_are_plain_text() {
    let d = sample();
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    let sdts = all(&doc, "w:sdt");
    let titles: Vec<&str> = sdts
        .iter()
        .filter_map(|s| val(s.find("w:sdtPr").unwrap(), "w:alias", "w:val"))
        .collect();
    assert_eq!(titles, ["Số", "Ngày ban hành"]);
    assert_eq!(sdts[0].text_content(), vanban_core::so_hieu::NUMBER_BLANK);
    assert_eq!(sdts[1].text_content(), "ngày     tháng     năm 2025");

    let mut fin = d.clone();
    fin.so_hieu.number = Some(5);
    fin.date = Some(vanban_core::date::IssueDate::full(2025, 3, 6));
    let pkg = Package::open(&render(&fin));
    let doc = pkg.xml("word/document.xml");
    assert!(all(&doc, "w:sdt").is_empty());
    let text: Vec<String> = all(&doc, "w:p").iter().map(|p| para_text(p)).collect();
    assert!(text.contains(&"Số: 05/TB-UBND".to_string()));
    assert!(text.contains(&"Tiến Thắng, ngày 06 tháng 3 năm 2025".to_string()));
    let core = Package::open(&render(&fin)).xml("docProps/core.xml");
    assert_eq!(
        core.find("dcterms:created").unwrap().text_content(),
        "2025-03-06T00:00:00+07:00"
    );
}

fn with_table() -> Document {
    let json = SAMPLE.replacen(
        r#""body": ["#,
        r#""body": [{"table": {"columns": [{"width": 1}, {"width": 3, "align": "left"}],
            "header": [["STT", "Nội dung"], ["(1)", "(2)"]],
            "rows": [["1", "Hồ sơ **đúng hạn**"], ["2", "Hồ sơ quá hạn"]]}},"#,
        1,
    );
    load::from_json(&json).unwrap().document
}

#[test]
fn body_tables_repeat_their_header_rows() {
    let p = Profile::nd30();
    let pkg = Package::open(&render(&with_table()));
    let doc = pkg.xml("word/document.xml");
    let t = tables(&doc);
    assert_eq!(t.len(), 3);
    let rows: Vec<&Element> = t[1].elements().filter(|e| e.name == "w:tr").collect();
    let header: Vec<bool> = rows
        .iter()
        .map(|r| {
            r.find("w:trPr")
                .is_some_and(|pr| pr.find("w:tblHeader").is_some())
        })
        .collect();
    assert_eq!(header, [true, true, false, false]);
    let grid: Vec<i32> = t[1]
        .find("w:tblGrid")
        .unwrap()
        .elements()
        .map(|g| g.get_attr("w:w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(grid.iter().sum::<i32>(), p.text_width().0);
    assert!((grid[1] - 3 * grid[0]).abs() <= 3);
    let text: String = all(t[1], "w:t").iter().map(|t| t.text_content()).collect();
    assert_eq!(text, "STTNội dung(1)(2)1Hồ sơ đúng hạn2Hồ sơ quá hạn");
    let borders = all(t[1], "w:tblBorders")[0];
    assert_eq!(borders.elements().count(), 6);
    for b in borders.elements() {
        assert_eq!(b.get_attr("w:val"), Some("single"));
        assert_eq!(b.get_attr("w:sz"), Some("4"), "0.5 pt = 4 eighths");
    }
}

/// A 1×1 transparent PNG at 96 dpi (no pHYs).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[test]
fn signature_and_seal_images_are_placed_or_reported_missing() {
    let mut d = sample();
    d.signature.signature_image = Some("chu-ky.png".into());
    d.signature.seal_image = Some("dau.png".into());
    let err =
        vanban_docx::render(&d, &Profile::nd30(), &Fonts::embedded(), &Assets::new()).unwrap_err();
    assert!(
        matches!(&err, vanban_docx::DocxError::MissingImage(r) if r == "chu-ky.png"),
        "{err}"
    );
    let mut assets = Assets::new();
    assets.insert("chu-ky.png", PNG.to_vec());
    assets.insert("dau.png", b"GIF89a".to_vec());
    let err = vanban_docx::render(&d, &Profile::nd30(), &Fonts::embedded(), &assets).unwrap_err();
    assert!(matches!(err, vanban_docx::DocxError::UnsupportedImage(_)));
    assets.insert("dau.png", PNG.to_vec());
    let pkg = Package::open(&render_with(&d, &assets));
    assert_eq!(
        pkg.parts
            .keys()
            .filter(|k| k.starts_with("word/media/"))
            .count(),
        2
    );
    let doc = pkg.xml("word/document.xml");
    assert_eq!(all(&doc, "pic:pic").len(), 2);
    // The signature lies inside the signing space, which starts at the top
    // of the name's paragraph (its space before).
    let space = Profile::nd30().signing_space.emu();
    let sig = all(&doc, "wp:anchor")
        .into_iter()
        .find(|a| a.find("wp:docPr").unwrap().get_attr("name") == Some("Chữ ký"))
        .unwrap();
    let y: i64 = sig
        .find("wp:positionV")
        .unwrap()
        .text_content()
        .parse()
        .unwrap();
    let h: i64 = sig
        .find("wp:extent")
        .unwrap()
        .get_attr("cy")
        .unwrap()
        .parse()
        .unwrap();
    assert!(y >= 0 && y + h <= space, "{y} + {h} within {space}");
    assert!(((space - h) / 2 - y).abs() < 1000, "centred");
    let ct = pkg.xml("[Content_Types].xml");
    assert!(ct
        .elements()
        .any(|e| e.get_attr("Extension") == Some("png")));
    // The structural checks hold with pictures too.
    assert_eq!(vanban_docx::postprocess::first_out_of_order(&doc), None);
}

#[test]
fn reserved_characters_are_refused_not_dropped() {
    let mut d = sample();
    d.place = format!("Tiến{}Thắng", vanban_docx::postprocess::MARK_OPEN);
    let err =
        vanban_docx::render(&d, &Profile::nd30(), &Fonts::embedded(), &Assets::new()).unwrap_err();
    assert!(matches!(
        err,
        vanban_docx::DocxError::ReservedCharacter(0xF8F0)
    ));
}

#[test]
fn every_block_kind_becomes_paragraphs_of_its_role() {
    let d = load::from_json(include_str!("rich.json")).unwrap().document;
    let p = Profile::nd30();
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    let body = doc.find("w:body").unwrap();
    let paras: Vec<(String, String)> = body
        .elements()
        .filter(|e| e.name == "w:p")
        .map(|e| {
            let st = e
                .find("w:pPr")
                .and_then(|pr| val(pr, "w:pStyle", "w:val"))
                .unwrap_or("")
                .to_string();
            (st, para_text(e))
        })
        .collect();
    let want = [
        ("VbTenLoai", "QUYẾT ĐỊNH"),
        ("VbTrichYeu", d.trich_yeu.0[0].as_str()),
        (
            "VbCanCu",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        ),
        ("VbCanCu", "Theo đề nghị của Văn phòng HĐND và UBND xã."),
        ("VbPhanChuong", "Chương I"),
        ("VbPhanChuong", "QUY ĐỊNH CHUNG"),
        ("VbDeMuc", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("VbNoiDung", "1. Phạm vi điều chỉnh:"),
        (
            "VbNoiDung",
            "a) Quy chế này quy định về nguyên tắc, chế độ trách nhiệm;",
        ),
        ("VbNoiDung", "b) Quan hệ công tác của Ủy ban nhân dân xã."),
        ("VbNoiDung", "- Trách nhiệm chung;"),
        ("VbNoiDung", "+ tập thể;"),
        ("VbNoiDung", "+ cá nhân."),
        ("VbNoiDung", "Quyết định này có hiệu lực kể từ ngày ký./."),
    ];
    let got: Vec<(&str, &str)> = paras
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(got, want);
    // The first paragraph after the title gets the gap after the title.
    let first = body.elements().filter(|e| e.name == "w:p").nth(2).unwrap();
    let sb = first
        .find("w:pPr")
        .and_then(|pr| pr.find("w:spacing"))
        .and_then(|s| s.get_attr("w:before"));
    assert_eq!(sb, Some(p.gap_after_title.0.to_string().as_str()));
    // The one trích yếu line wraps to two: its rule hangs under the second.
    let fonts = Fonts::embedded();
    let bold = fonts.face(FaceId::BOLD);
    let r = rules(&doc);
    let y = Tw::from_pt(bold.line_height(14.0)).emu()
        + Tw::from_pt(bold.baseline_offset(14.0)).emu()
        + p.rule_drop.emu();
    assert!((r[2].1 - y).abs() < 1000, "{r:?} vs {y}");
    // Headings keep with the next paragraph; the superior body is regular.
    let styles = pkg.xml("word/styles.xml");
    for id in ["VbDeMuc", "VbPhanChuong"] {
        assert!(style(&styles, id)
            .find("w:pPr")
            .unwrap()
            .find("w:keepNext")
            .is_some());
    }
    let left = all(tables(&doc)[0], "w:tc")[0];
    let first_line = all(left, "w:p")[0];
    assert_eq!(para_text(first_line), "UBND HUYỆN MÊ LINH");
    assert_eq!(
        val(first_line.find("w:pPr").unwrap(), "w:pStyle", "w:val"),
        Some("VbCoQuanChuQuan")
    );
    // The italic span stays a direct italic run.
    let italic: Vec<String> = all(&doc, "w:r")
        .into_iter()
        .filter(|r| r.find("w:rPr").is_some_and(|p| p.find("w:i").is_some()))
        .map(|r| r.text_content())
        .collect();
    assert_eq!(italic, ["Ủy ban nhân dân"]);
}

#[test]
fn tables_get_their_space_before_and_are_never_adjacent() {
    let p = Profile::nd30();
    // The table follows the căn cứ paragraph: that paragraph holds the space.
    let pkg = Package::open(&render(&with_table()));
    let doc = pkg.xml("word/document.xml");
    let body: Vec<&Element> = doc.find("w:body").unwrap().elements().collect();
    let t = body.iter().skip(1).position(|e| e.name == "w:tbl").unwrap() + 1;
    let after = body[t - 1]
        .find("w:pPr")
        .and_then(|pr| pr.find("w:spacing"))
        .and_then(|s| s.get_attr("w:after"));
    assert_eq!(
        after,
        Some(p.style(Role::Body).space_before.0.to_string().as_str())
    );

    // Two tables in a row, the last one ending the body.
    let d = load::from_json(
        r#"{"kind": "thong-bao", "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ A"], "abbreviation": "UBND"},
        "place": "A", "trich_yeu": "Về việc x",
        "body": [{"paragraph": "Mở đầu."},
                 {"table": {"columns": [{"width": 1}], "rows": [["a"]]}},
                 {"table": {"columns": [{"width": 1}], "rows": [["b"]]}}],
        "noi_nhan": {"entries": []}, "signature": {"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}"#,
    )
    .unwrap()
    .document;
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    let names: Vec<&str> = doc
        .find("w:body")
        .unwrap()
        .elements()
        .map(|e| e.name.as_str())
        .collect();
    for w in names.windows(2) {
        assert!(!(w[0] == "w:tbl" && w[1] == "w:tbl"), "{names:?}");
    }
    let spacers: Vec<&Element> = doc
        .find("w:body")
        .unwrap()
        .elements()
        .filter(|e| e.name == "w:p" && para_text(e).is_empty())
        .collect();
    let heights: Vec<&str> = spacers
        .iter()
        .filter_map(|s| {
            let sp = s.find("w:pPr")?.find("w:spacing")?;
            assert_eq!(sp.get_attr("w:lineRule"), Some("exact"));
            sp.get_attr("w:line")
        })
        .collect();
    assert_eq!(
        heights,
        [
            p.style(Role::Body).space_before.0.to_string(),
            p.gap_before_closing.0.to_string()
        ]
    );
}

#[test]
fn a_minimal_document_is_still_well_formed() {
    let d = load::from_json(
        r#"{"kind": "cong-van", "issuer": {"name": "ỦY BAN NHÂN DÂN", "abbreviation": "UBND"},
        "place": "A", "trich_yeu": "V/v x", "body": [{"paragraph": "Nội dung./."}],
        "noi_nhan": {"entries": []}, "signature": {"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}"#,
    )
    .unwrap()
    .document;
    let pkg = Package::open(&render(&d));
    let doc = pkg.xml("word/document.xml");
    for tc in all(&doc, "w:tc") {
        assert!(tc.find("w:p").is_some(), "a cell without a paragraph");
    }
    assert_eq!(vanban_docx::postprocess::first_out_of_order(&doc), None);
    // No title for a công văn: its V/v line sits under the Số.
    let text: Vec<String> = all(&doc, "w:p").iter().map(|p| para_text(p)).collect();
    assert!(!text.iter().any(|t| t == "THÔNG BÁO"));
    assert!(text.contains(&"V/v x".to_string()));
    assert!(text.contains(&"Số:      /UBND".to_string()), "{text:?}");
}
