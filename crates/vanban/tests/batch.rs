//! The 18 communes of huyện Mê Linh from the sample data: each commune's
//! name, score and rank in its own notice, bad rows reported and skipped.

use vanban::batch::{self, BatchOptions, Row, Template};
use vanban::{Assets, Document, Renderer};

const TEMPLATE: &str = include_str!("../../../samples/bo-chi-so-2025-02.template.json");
const CSV: &[u8] = include_bytes!("../../../samples/bo-chi-so-2025-02.csv");
const SEED: &str = include_str!("../../../samples/thong-bao-tien-thang-2025-02.json");

fn template() -> Template {
    Template::new(vanban::load_json(TEMPLATE).unwrap().document)
}

/// Every character the layout placed, line by line.
fn laid_out_text(renderer: &Renderer, doc: &Document) -> String {
    let pages = renderer.layout(doc, &Assets::new()).unwrap();
    pages
        .iter()
        .flat_map(|p| p.runs())
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        // Runs end where a span ends (a blank date is a field of its own):
        // compare words, not run boundaries.
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn sample_data_is_the_eighteen_units_with_unique_ranks() {
    let rows = batch::rows_from_csv(CSV).unwrap();
    assert_eq!(rows.len(), 18);
    let mut ranks: Vec<u32> = rows
        .iter()
        .map(|r| r.get("xep_hang").unwrap().parse().unwrap())
        .collect();
    ranks.sort();
    assert_eq!(ranks, (1..=18).collect::<Vec<_>>());
    let tt = rows
        .iter()
        .find(|r| r.get("xa") == Some("Tiến Thắng"))
        .unwrap();
    assert_eq!(
        (tt.get("diem"), tt.get("xep_hang")),
        (Some("57,38"), Some("15"))
    );
    // Only Tiến Thắng's figures are real; the file says so on every row.
    for r in &rows {
        let note = r.get("ghi_chu").unwrap();
        assert_eq!(
            note == "số liệu minh họa",
            r.get("xa") != Some("Tiến Thắng"),
            "{note}"
        );
    }
}

#[test]
fn tien_thang_row_gives_back_the_seed_notice() {
    let rows = batch::rows_from_csv(CSV).unwrap();
    let tt = rows
        .iter()
        .find(|r| r.get("xa") == Some("Tiến Thắng"))
        .unwrap();
    let filled = template().fill(tt).unwrap();
    let seed = vanban::load_json(SEED).unwrap().document;
    assert_eq!(filled, seed);
}

#[test]
fn every_commune_gets_its_own_figures_and_bad_rows_are_skipped() {
    let renderer = Renderer::new();
    let template = template();
    let mut rows = batch::rows_from_csv(CSV).unwrap();
    // Row 19 has no score column: its placeholder cannot be filled.
    let mut no_score = Row::new(19);
    for (c, v) in rows[0].iter().filter(|(c, _)| *c != "diem") {
        no_score.insert(c, v);
    }
    rows.push(no_score);
    // Row 20's signer name holds a tab, which `check` refuses.
    rows.push(rows[1].clone().with("nguoi_ky", "Trần\tThị B"));
    rows[19].number = 20;

    let dir = tempfile::tempdir().unwrap();
    // DOCX too, once the back end is wired into the facade.
    let seed = vanban::load_json(SEED).unwrap().document;
    let docx = renderer.docx(&seed, &Assets::new()).is_ok();
    let opts = BatchOptions {
        docx,
        name: Some("{{xa}}".into()),
        threads: Some(2),
        ..BatchOptions::default()
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let summary = batch::render_to_dir(
        &renderer,
        &template,
        &rows,
        &Assets::new(),
        dir.path(),
        &opts,
        &|_, total| {
            assert_eq!(total, 20);
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        },
    )
    .unwrap();
    assert_eq!(done.into_inner(), 20);
    assert_eq!(summary.total, 20);
    assert_eq!(summary.rendered, 18, "{:#?}", summary.failed);
    assert_eq!(summary.files, if docx { 36 } else { 18 });

    let failed: Vec<usize> = summary.failed.iter().map(|f| f.row).collect();
    assert_eq!(failed, [19, 20]);
    assert_eq!(summary.failed_rows, [19, 20]);
    let d = &summary.failed[0].diagnostics[0];
    assert_eq!(
        (d.code, d.path.as_str()),
        ("batch.placeholder", "body[1].list[0]")
    );
    assert!(d.message.en.contains("data row 19") && d.message.en.contains("{{diem}}"));
    let d = &summary.failed[1].diagnostics[0];
    assert_eq!(d.path, "signature.name");
    assert!(d.message.en.contains("data row 20"), "{}", d.message.en);
    // The second Quang Minh never reached the disk, so no `Quang Minh-2`.
    assert!(!dir.path().join("Quang Minh-2.pdf").exists());

    for row in &rows[..18] {
        let xa = row.get("xa").unwrap();
        let pdf = std::fs::read(dir.path().join(format!("{xa}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(dir.path().join(format!("{xa}.docx")).exists(), docx);

        let doc = template.fill(row).unwrap();
        let text = laid_out_text(&renderer, &doc);
        let (diem, hang) = (row.get("diem").unwrap(), row.get("xep_hang").unwrap());
        assert!(text.contains(row.get("xa_hoa").unwrap()), "{xa}: {text}");
        assert!(text.contains(&format!("{diem}/100")), "{xa}: {text}");
        assert!(text.contains(&format!("{hang}/18")), "{xa}: {text}");
        assert!(text.contains(row.get("nguoi_ky").unwrap()), "{xa}");
        assert!(text.contains(&format!("{xa}, ngày")), "{xa}: place line");
        // No other commune's figures leak into this one.
        for other in rows[..18].iter().filter(|o| o.get("xa") != Some(xa)) {
            assert!(!text.contains(&format!("{}/100", other.get("diem").unwrap())));
        }
    }
}

#[test]
fn json_data_renders_like_csv() {
    let json = r#"[{"xa": "Tiến Thắng", "xa_hoa": "XÃ TIẾN THẮNG", "cap": "xã",
                    "diem": "57,38", "xep_hang": 15, "nguoi_ky": "Đỗ Văn Hạ"}]"#;
    let rows = batch::rows_from_slice(json.as_bytes()).unwrap();
    let doc = template().fill(&rows[0]).unwrap();
    assert_eq!(doc, vanban::load_json(SEED).unwrap().document);
}
