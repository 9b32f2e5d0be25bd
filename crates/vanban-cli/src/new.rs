//! `vanban new KIND`: a starter document of the kind's model layout (Mẫu),
//! ready to edit and render; `vanban new --list`: the kinds.
//!
//! The starters live in the library ([`vanban::starters`]), shared with
//! the WebAssembly module; the tests here render every one and check it
//! against Decree 30 with no warning.

use vanban::starters::starter_json;
use vanban::DocumentKind;

/// `vanban new KIND` or `vanban new --list`.
pub fn run(kind: Option<&str>, list: bool) -> u8 {
    if list {
        print!("{}", list_text());
        return 0;
    }
    let Some(kind) = kind else {
        eprintln!(
            "lỗi: cần ghi loại văn bản, ví dụ `vanban new thong-bao`; `vanban new --list` liệt kê các loại\nerror: name a kind, e.g. `vanban new thong-bao`; `vanban new --list` lists them"
        );
        return crate::EXIT_IO;
    };
    let Some(k) = DocumentKind::find(kind) else {
        eprintln!(
            "lỗi: không có loại văn bản `{kind}`; `vanban new --list` liệt kê các loại\nerror: unknown document kind `{kind}`; `vanban new --list` lists them"
        );
        return crate::EXIT_IO;
    };
    print!("{}", starter_json(k));
    0
}

/// One line per kind: key, Vietnamese name, type code, Mẫu.
pub fn list_text() -> String {
    let key_w = DocumentKind::ALL
        .iter()
        .map(|k| k.key().chars().count())
        .max()
        .unwrap_or(0);
    let name_w = DocumentKind::ALL
        .iter()
        .map(|k| k.name_vi().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for k in DocumentKind::ALL {
        let line = format!(
            "{:key_w$}  {:name_w$}  {:4}  {}",
            k.key(),
            k.name_vi(),
            k.abbreviation().unwrap_or("—"),
            k.mau_vi()
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban::core::{Diagnostic, Severity};
    use vanban::{Assets, Renderer};

    fn load(text: &str) -> vanban::Document {
        vanban::load_json(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .document
    }

    fn page_text(r: &Renderer, d: &vanban::Document) -> String {
        let pages = r.layout(d, &Assets::new()).expect("lays out");
        let mut s = String::new();
        for t in pages.iter().flat_map(|p| p.runs()) {
            s.push_str(&t.text);
            s.push(' ');
        }
        // Runs end at words or style changes: one space between words.
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The "done when": every starter renders and passes `check`
    /// with no warning and no error. The only notes allowed are the
    /// `kind.layout` of the kinds Phụ lục III gives no model.
    #[test]
    fn every_starter_renders_and_passes_check_without_warnings() {
        let r = Renderer::new();
        for k in DocumentKind::ALL {
            let d = load(&starter_json(*k));
            let ds: Vec<Diagnostic> = r.check(&d);
            let unexpected: Vec<String> = ds
                .iter()
                .filter(|x| x.severity != Severity::Note || x.code != "kind.layout")
                .map(|x| format!("{} {}: {}", x.code, x.path, x.message.vi))
                .collect();
            assert!(unexpected.is_empty(), "{}: {unexpected:#?}", k.key());
            let pdf = r.pdf(&d, &Assets::new()).expect("PDF");
            assert!(pdf.starts_with(b"%PDF"), "{}", k.key());
            let docx = r.docx(&d, &Assets::new()).expect("DOCX");
            assert!(docx.starts_with(b"PK"), "{}", k.key());
        }
    }

    /// What each form's starter is for: the shapes the issue asks of them.
    #[test]
    fn starters_show_their_forms() {
        let r = Renderer::new();
        let text = |k| page_text(&r, &load(&starter_json(k)));
        let qd = text(DocumentKind::QuyetDinh);
        for want in [
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG",
            "Theo đề nghị của",
            "QUYẾT ĐỊNH:",
            "Điều 1.",
            "Điều 3.",
            "Như Điều 3;",
        ] {
            assert!(qd.contains(want), "Quyết định lacks {want}: {qd}");
        }
        let nq = text(DocumentKind::NghiQuyet);
        assert!(nq.contains("QUYẾT NGHỊ:"), "{nq}");
        let cv = text(DocumentKind::CongVan);
        for want in [
            "V/v triển khai nhiệm vụ",
            "Kính gửi:",
            "Như trên;",
            "/UBND-VP",
        ] {
            assert!(cv.contains(want), "Công văn lacks {want}: {cv}");
        }
        assert!(load(&starter_json(DocumentKind::CongVan)).kinh_gui.len() >= 2);
        let cd = text(DocumentKind::CongDien);
        assert!(cd.contains("XÃ TIẾN THẮNG điện:"), "{cd}");
        let gm = text(DocumentKind::GiayMoi);
        for want in ["Chủ trì:", "Thời gian:", "Địa điểm:"] {
            assert!(gm.contains(want), "Giấy mời lacks {want}");
        }
        let ggt = text(DocumentKind::GiayGioiThieu);
        assert!(ggt.contains("trân trọng giới thiệu:"), "{ggt}");
        let bb = text(DocumentKind::BienBan);
        for want in ["THƯ KÝ", "CHỦ TỌA", "Lưu: VT, Hồ sơ."] {
            assert!(bb.contains(want), "Biên bản lacks {want}: {bb}");
        }
        for k in [DocumentKind::ToTrinh, DocumentKind::BaoCao] {
            let t = text(k);
            assert!(t.contains("Kính gửi:"), "{}: {t}", k.key());
            assert!(t.contains("Như trên;"), "{}: {t}", k.key());
        }
    }

    #[test]
    fn the_list_names_every_kind_with_its_code_and_mau() {
        let list = list_text();
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), DocumentKind::ALL.len());
        assert!(lines.iter().any(|l| l.starts_with("thong-bao")
            && l.contains("Thông báo")
            && l.contains(" TB ")
            && l.ends_with("Mẫu 1.4")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("cong-van") && l.contains('—') && l.ends_with("Mẫu 1.5")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("bien-ban") && l.ends_with("Mẫu 1.9")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("quyet-dinh") && l.contains("1.3")));
    }

    fn validator() -> jsonschema::Validator {
        jsonschema::validator_for(&vanban::core::json_schema()).expect("the schema compiles")
    }

    fn schema_errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
        v.iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    /// Every starter and every sample of `samples/` is valid input for an
    /// editor using the schema.
    #[test]
    fn starters_and_samples_validate_against_the_schema() {
        let v = validator();
        for k in DocumentKind::ALL {
            let doc: serde_json::Value = serde_json::from_str(&starter_json(*k)).unwrap();
            let errors = schema_errors(&v, &doc);
            assert!(errors.is_empty(), "{}: {errors:#?}", k.key());
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors = schema_errors(&v, &doc);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            n += 1;
        }
        assert!(n >= 3, "only {n} samples found in {}", dir.display());
    }

    /// The schema itself rejects a profile value rendering would refuse —
    /// and accepts exactly the values rendering accepts, over a grid of
    /// values for every field (one table behind both).
    #[test]
    fn the_schema_rejects_what_the_profile_rejects() {
        use vanban::core::profile::ProfileOverrides;
        let v = validator();
        let with = |profile: serde_json::Value| {
            let mut doc: serde_json::Value =
                serde_json::from_str(&starter_json(DocumentKind::ThongBao)).unwrap();
            doc["profile"] = profile;
            doc
        };
        let rejected = |p: serde_json::Value| !v.is_valid(&with(p));
        assert!(rejected(serde_json::json!({"body_size_pt": 20})));
        assert!(rejected(serde_json::json!({"body_size_pt": 13.5})));
        assert!(rejected(serde_json::json!({"first_line_indent_cm": 1.1})));
        assert!(rejected(serde_json::json!({"margins_mm": {"left": 25}})));
        assert!(rejected(serde_json::json!({"line_spacing": 2})));
        assert!(!rejected(
            serde_json::json!({"body_size_pt": 13, "first_line_indent_cm": 1.27, "margins_mm": {"left": 30}, "line_spacing": 1.5})
        ));
        let fields = [
            "body_size_pt",
            "first_line_indent_cm",
            "paragraph_spacing_pt",
            "line_spacing",
            "header_size_pt",
            "title_size_pt",
            "signature_size_pt",
            "page_number_size_pt",
            "signing_space_mm",
            "margins_mm.top",
            "margins_mm.bottom",
            "margins_mm.left",
            "margins_mm.right",
        ];
        let values = [
            0.0, 0.5, 1.0, 1.2, 1.27, 1.3, 1.5, 2.0, 5.9, 6.0, 12.0, 12.5, 13.0, 13.5, 14.0, 15.0,
            19.9, 20.0, 24.0, 25.0, 25.1, 30.0, 35.0, 36.0, 60.0, 61.0,
        ];
        for field in fields {
            for x in values {
                let profile = match field.strip_prefix("margins_mm.") {
                    Some(side) => serde_json::json!({"margins_mm": {side: x}}),
                    None => serde_json::json!({field: x}),
                };
                let o: ProfileOverrides = serde_json::from_value(profile.clone()).unwrap();
                let renders = vanban::Profile::nd30().with_overrides(&o).is_ok();
                assert_eq!(
                    v.is_valid(&with(profile)),
                    renders,
                    "{field} = {x}: schema and rendering disagree"
                );
            }
        }
    }

    /// `form.unused` says a field is not printed exactly when the
    /// composition leaves it out: each field a form may not print, tried on
    /// every form's starter, against the laid-out pages.
    #[test]
    fn form_unused_tells_the_truth_about_the_pages() {
        let r = Renderer::new();
        let marker = "ZZMARKER";
        for k in DocumentKind::ALL {
            for field in ["trich_yeu", "authority", "intro", "can_cu"] {
                let mut d = load(&starter_json(*k));
                let text = format!("{marker} dòng thử");
                match field {
                    "trich_yeu" => d.trich_yeu = vanban::core::Lines(vec![text.clone()]),
                    "authority" => d.authority = vanban::core::Lines(vec![text.clone()]),
                    "intro" => d.intro = Some(vanban::core::Text::plain(text.clone())),
                    _ => {
                        d.can_cu =
                            Some(vanban::core::CanCu::Lines(vec![vanban::core::Text::plain(
                                format!("{text}."),
                            )]))
                    }
                }
                let reported = r
                    .check(&d)
                    .iter()
                    .any(|x| x.code == "form.unused" && x.path == field);
                let printed = page_text(&r, &d).contains(marker);
                assert_eq!(
                    printed,
                    !reported,
                    "{} {field}: printed {printed}, reported unused {reported}",
                    k.key()
                );
            }
        }
    }
}
