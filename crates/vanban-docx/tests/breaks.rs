//! Same line breaks in both formats, without LibreOffice: every paragraph
//! of each sample's DOCX is broken again from what the DOCX itself says —
//! its column (section or cell width less cell margins), indents, size,
//! faces and line breaks, read back from the XML — with the one breaking
//! function (`vanban_compose::lines`), and its lines must carry the same
//! words as the lines the PDF lays out.

mod common;

use common::*;
use vanban_compose::lines::{break_lines, Measure};
use vanban_compose::Span;
use vanban_core::{Alignment, Tw};
use vanban_fonts::{FaceId, Fonts};

fn align(jc: &str) -> Alignment {
    match jc {
        "center" => Alignment::Center,
        "right" => Alignment::Right,
        "both" => Alignment::Justify,
        _ => Alignment::Left,
    }
}

/// The lines of the DOCX's paragraphs (body, cells, ô 13), as words.
fn docx_lines(bytes: &[u8], fonts: &Fonts) -> Vec<String> {
    let pkg = Package::open(bytes);
    let styles = Styles::new(pkg.xml("word/styles.xml"));
    let doc = pkg.xml("word/document.xml");
    let mut paras: Vec<(Vec<RunText>, PProps, i32)> = Vec::new();
    for pl in placed_paragraphs(&doc) {
        if structural(pl.p) {
            continue;
        }
        paras.push((styles.runs(pl.p), styles.para(pl.p), pl.column));
    }
    // The first-page footer (ô 13) spans the text width of section 1.
    let width = placed_paragraphs(&doc)
        .iter()
        .find(|p| !p.in_table && p.section == 0)
        .map_or(0, |p| p.column);
    for (name, _) in pkg
        .parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
    {
        let f = pkg.xml(name);
        for p in all(&f, "w:p") {
            if !structural(p) {
                paras.push((styles.runs(p), styles.para(p), width));
            }
        }
    }
    let mut out = Vec::new();
    for (runs, props, column) in paras {
        if runs.is_empty() {
            continue;
        }
        let spans: Vec<Span> = runs
            .iter()
            .map(|r| Span::new(FaceId::new(r.bold, r.italic), r.text.clone()))
            .collect();
        let size = runs[0].size as f32 / 2.0;
        assert!(
            runs.iter().all(|r| r.size == runs[0].size),
            "one size per paragraph: {runs:?}"
        );
        let m = Measure {
            width: Tw(column - props.left - props.right).pt(),
            first_indent: Tw(props.first).pt(),
            size,
            align: align(&props.jc),
        };
        for l in break_lines(fonts, &spans, m) {
            let words = l.text().split_whitespace().collect::<Vec<_>>().join(" ");
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out.sort();
    out
}

/// The lines the PDF lays out, as words: runs on one baseline that touch
/// each other, page numbers aside.
fn pdf_lines(doc: &vanban_core::Document, fonts: &Fonts) -> Vec<String> {
    let profile = profile_for(doc);
    let pages = vanban_pdf::layout::layout(doc, &profile, fonts, &assets_for(doc));
    let mut out = Vec::new();
    for page in &pages {
        let mut runs: Vec<&vanban_pdf::frame::TextRun> = page
            .items
            .iter()
            .filter_map(|i| match i {
                vanban_pdf::frame::Item::Text(t) => Some(t),
                _ => None,
            })
            // The page number sits in the top margin.
            .filter(|t| t.y > profile.margin_top.pt())
            .collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut line = String::new();
        let mut last: Option<(f32, f32)> = None;
        for r in runs {
            let joined =
                last.is_some_and(|(y, end)| (r.y - y).abs() < 0.01 && (r.x - end).abs() < 1.0);
            if !joined && !line.trim().is_empty() {
                out.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
                line.clear();
            }
            if !joined {
                line.clear();
            }
            line.push_str(&r.text);
            last = Some((r.y, r.x + r.width()));
        }
        if !line.trim().is_empty() {
            out.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out.sort();
    out
}

#[test]
fn every_sample_breaks_its_lines_in_the_docx_where_the_pdf_does() {
    let fonts = Fonts::embedded();
    let mut failures = Vec::new();
    for (name, doc) in samples() {
        let bytes =
            vanban_docx::render(&doc, &profile_for(&doc), &fonts, &assets_for(&doc)).unwrap();
        let (d, p) = (docx_lines(&bytes, &fonts), pdf_lines(&doc, &fonts));
        assert!(p.len() > 10, "{name}: the PDF has {} lines", p.len());
        if d != p {
            let only_d: Vec<&String> = d.iter().filter(|l| !p.contains(l)).collect();
            let only_p: Vec<&String> = p.iter().filter(|l| !d.contains(l)).collect();
            failures.push(format!(
                "{name}: {} DOCX lines, {} PDF lines\n  only in DOCX: {only_d:#?}\n  only in PDF: {only_p:#?}",
                d.len(),
                p.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
