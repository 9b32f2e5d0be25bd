//! Phụ lục (Mẫu 2.1, 2.2) and the documents a Quyết định issues (Mẫu 1.3),
//! nd30.md §3.10.6 and forms.md §11.

use super::{diag, fix, is_upper};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Annex, Document, JsonPath};

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    titles(doc, out);
    labels(doc, out);
    mention(doc, out);
}

fn path(i: usize) -> JsonPath {
    JsonPath::default().key("annexes").index(i)
}

/// `annex.title` (warning): a Phụ lục's title is printed in capitals (Phụ
/// lục I §III.1), and the renderer never changes case; a Phụ lục without a
/// title is allowed ("nếu có") but rarely meant (note); the document a
/// Quyết định issues needs its title, the trích yếu of the Mẫu 1.3 model
/// (warning).
fn titles(doc: &Document, out: &mut Vec<Diagnostic>) {
    for (i, a) in doc.annexes.iter().enumerate() {
        let p = path(i).key("title");
        match (&a.kind, a.title.is_empty()) {
            (None, true) => out.push(
                diag(
                    Severity::Note,
                    "annex.title",
                    p.to_string(),
                    "phụ lục chưa có tiêu đề (in hoa, đậm, giữa trang, dưới dòng `Phụ lục`)",
                    "the appendix has no title (bold capitals, centred, under the `Phụ lục` line)",
                )
                .with_fix(fix(
                    "thêm \"title\": \"DANH SÁCH …\" (viết in hoa)",
                    "add \"title\": \"DANH SÁCH …\" (in capitals)",
                )),
            ),
            (Some(k), true) => {
                let name = k.name_vi();
                out.push(
                    diag(
                        Severity::Warning,
                        "annex.title",
                        p.to_string(),
                        format!("{name} ban hành kèm theo quyết định chưa có trích yếu (dòng in đậm dưới tên loại, ví dụ `Làm việc của Ủy ban nhân dân xã`)"),
                        format!("the {name} issued by the decision has no subject line (bold, under its type name, e.g. `Làm việc của Ủy ban nhân dân xã`)"),
                    )
                    .with_fix(fix(
                        "thêm \"title\": \"…\" (chữ thường, như trích yếu)",
                        "add \"title\": \"…\" (normal case, like a subject line)",
                    )),
                )
            }
            (None, false) => {
                let paths = super::line_paths(a.title.0.len(), &p);
                for (path, line) in paths.into_iter().zip(&a.title.0) {
                    if is_upper(line) {
                        continue;
                    }
                    let up = line.trim().to_uppercase();
                    out.push(
                        diag(
                            Severity::Warning,
                            "annex.title",
                            path,
                            format!("tiêu đề phụ lục viết in hoa; chương trình không tự đổi chữ (đang là `{}`)", line.trim()),
                            format!("an appendix title is written in capitals; the renderer never changes case (found `{}`)", line.trim()),
                        )
                        .with_fix(fix(format!("ghi `{up}`"), format!("write `{up}`"))),
                    );
                }
            }
            (Some(_), false) => {}
        }
    }
}

/// The number part of a label: `Phụ lục II` → `II`; `None` when the label
/// does not start with `Phụ lục`.
fn label_number(label: &str) -> Option<&str> {
    const PHU_LUC: &str = "phụ lục";
    let t = label.trim();
    // Compared by characters: lower-casing may change byte lengths.
    let n = PHU_LUC.chars().count();
    let (cut, _) = t.char_indices().nth(n).unwrap_or((t.len(), ' '));
    (t[..cut].to_lowercase() == PHU_LUC).then(|| t[cut..].trim())
}

fn is_phu_luc(a: &Annex) -> bool {
    a.kind.is_none()
}

/// `annex.labels` (warning): two or more Phụ lục are numbered with Roman
/// numerals in order (`Phụ lục I`, `Phụ lục II`, …; Phụ lục I §III.1); an
/// explicit label that breaks the order is reported with the one expected
/// at its place. The document a Quyết định issues prints no label.
fn labels(doc: &Document, out: &mut Vec<Diagnostic>) {
    let count = doc.annexes.iter().filter(|a| is_phu_luc(a)).count();
    let mut k = 0usize;
    for (i, a) in doc.annexes.iter().enumerate() {
        let p = path(i).key("label").to_string();
        let Some(label) = &a.label else {
            k += usize::from(is_phu_luc(a));
            continue;
        };
        let label = label.trim();
        if let Some(kind) = a.kind {
            out.push(
                diag(
                    Severity::Warning,
                    "annex.labels",
                    p,
                    format!("{} ban hành kèm theo quyết định không có dòng `Phụ lục`; nhãn `{label}` sẽ không được in", kind.name_vi()),
                    format!("a {} issued by the decision has no `Phụ lục` line; the label `{label}` is not printed", kind.name_vi()),
                )
                .with_fix(fix("bỏ \"label\"", "remove \"label\"")),
            );
            continue;
        }
        k += 1;
        let Some(number) = label_number(label) else {
            out.push(
                diag(
                    Severity::Warning,
                    "annex.labels",
                    p,
                    format!("nhãn phụ lục bắt đầu bằng `Phụ lục` (đang là `{label}`)"),
                    format!("an appendix label starts with `Phụ lục` (found `{label}`)"),
                )
                .with_fix(fix(
                    "bỏ \"label\" để chương trình tự ghi `Phụ lục`, `Phụ lục I`, `Phụ lục II`…",
                    "remove \"label\" to have `Phụ lục`, `Phụ lục I`, `Phụ lục II`… written for you",
                )),
            );
            continue;
        };
        if count < 2 {
            continue; // a single appendix may be plain `Phụ lục` or numbered
        }
        let want = crate::text::roman(k);
        if number == want {
            continue;
        }
        let (vi, en) = if number.chars().all(|c| c.is_ascii_digit()) && !number.is_empty() {
            (
                format!("khi có từ hai phụ lục trở lên, phụ lục được đánh số La Mã; phụ lục thứ {k} là `Phụ lục {want}` (đang là `{label}`)"),
                format!("with two or more appendices they are numbered in Roman numerals; appendix {k} is `Phụ lục {want}` (found `{label}`)"),
            )
        } else {
            (
                format!("phụ lục thứ {k} ghi nhãn `{label}`; các phụ lục đánh số La Mã theo thứ tự, phụ lục này là `Phụ lục {want}`"),
                format!("appendix {k} is labelled `{label}`; appendices are numbered in order in Roman numerals, this one is `Phụ lục {want}`"),
            )
        };
        out.push(
            diag(Severity::Warning, "annex.labels", p, vi, en).with_fix(fix(
                format!("ghi \"label\": \"Phụ lục {want}\", hoặc bỏ \"label\" để chương trình tự đánh số"),
                format!("write \"label\": \"Phụ lục {want}\", or remove \"label\" to have it numbered for you"),
            )),
        );
    }
}

/// `annex.mention` (warning): the main text refers to its appendices (Phụ
/// lục I §III.1: "phải có chỉ dẫn"); a document the decision issues is
/// named in it (`Ban hành kèm theo Quyết định này Quy chế …`, Mẫu 1.3: a
/// note, as the model's wording is not a rule). Only the word is looked for:
/// `các Phụ lục I, II` names both without spelling each label.
fn mention(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.annexes.is_empty() {
        return;
    }
    let mut main = String::new();
    doc.visit_strings(&mut |p, s| {
        if p.0.first() == Some(&crate::document::Seg::Key("body")) {
            main.push_str(&s.to_lowercase());
            main.push(' ');
        }
    });
    if doc.annexes.iter().any(is_phu_luc) && !main.contains("phụ lục") {
        out.push(
            diag(
                Severity::Warning,
                "annex.mention",
                "body",
                "văn bản có phụ lục nhưng nội dung chính không nhắc đến phụ lục; Nghị định 30 yêu cầu nội dung văn bản phải có chỉ dẫn về phụ lục kèm theo",
                "the document has appendices but its main text never mentions them; Decree 30 requires the text to refer to its appendices",
            )
            .with_fix(fix(
                "thêm câu dẫn chiếu vào nội dung, ví dụ `(chi tiết tại Phụ lục kèm theo)` hoặc `(Phụ lục I, II kèm theo)`",
                "add a reference in the body, e.g. `(chi tiết tại Phụ lục kèm theo)` or `(Phụ lục I, II kèm theo)`",
            )),
        );
    }
    for (i, a) in doc.annexes.iter().enumerate() {
        let Some(k) = a.kind else { continue };
        let name = k.name_vi();
        if main.contains(&name.to_lowercase()) {
            continue;
        }
        out.push(
            diag(
                Severity::Note,
                "annex.mention",
                path(i).key("kind").to_string(),
                format!("nội dung quyết định chưa nhắc đến {name} ban hành kèm theo (mẫu: `Điều 1. Ban hành kèm theo Quyết định này {name} …`)"),
                format!("the decision's text does not name the {name} it issues (model: `Điều 1. Ban hành kèm theo Quyết định này {name} …`)"),
            )
            .with_fix(fix(
                format!("ghi ở Điều 1: `Ban hành kèm theo Quyết định này {name} …`"),
                format!("write in Điều 1: `Ban hành kèm theo Quyết định này {name} …`"),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::document::{Annex, Block};
    use crate::kind::DocumentKind;
    use crate::text::Lines;

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    fn annex(label: Option<&str>, title: &str) -> Annex {
        Annex {
            kind: None,
            label: label.map(Into::into),
            title: Lines(if title.is_empty() {
                vec![]
            } else {
                vec![title.into()]
            }),
            reference: None,
            landscape: false,
            separate_file: false,
            body: vec![Block::Paragraph("Nội dung phụ lục./.".into())],
        }
    }

    fn with_annexes(annexes: Vec<Annex>) -> crate::Document {
        let mut d = good();
        d.body.insert(
            0,
            Block::Paragraph("Danh sách chi tiết tại các Phụ lục kèm theo.".into()),
        );
        d.annexes = annexes;
        d
    }

    #[test]
    fn appendix_titles() {
        let d = with_annexes(vec![annex(None, "DANH SÁCH CÁC TỔ CÔNG NGHỆ SỐ")]);
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        let ds = run(&with_annexes(vec![annex(None, "")]));
        assert_eq!(codes(&ds), vec!["annex.title"]);
        assert_eq!(ds[0].severity, crate::Severity::Note);
        let ds = run(&with_annexes(vec![annex(None, "Danh sách các tổ")]));
        assert_eq!(codes(&ds), vec!["annex.title"]);
        assert_eq!(ds[0].path, "annexes[0].title");
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .vi
            .contains("`DANH SÁCH CÁC TỔ`"));
        let mut issued = annex(None, "");
        issued.kind = Some(DocumentKind::QuyChe);
        let mut d = with_annexes(vec![issued]);
        d.body.insert(
            0,
            Block::Paragraph("Ban hành kèm theo Quyết định này Quy chế làm việc.".into()),
        );
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["annex.title"]);
        assert_eq!(ds[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn several_appendices_are_numbered_in_order() {
        let ok = with_annexes(vec![
            annex(Some("Phụ lục I"), "A"),
            annex(None, "B"),
            annex(Some("Phụ lục III"), "C"),
        ]);
        assert!(run(&ok).is_empty(), "{:#?}", run(&ok));
        let bad = with_annexes(vec![
            annex(Some("Phụ lục II"), "A"),
            annex(Some("Phụ lục I"), "B"),
        ]);
        let ds = run(&bad);
        assert_eq!(codes(&ds), vec!["annex.labels", "annex.labels"]);
        assert_eq!(ds[0].path, "annexes[0].label");
        assert!(ds[0].fix.as_ref().unwrap().vi.contains("\"Phụ lục I\""));
        assert!(ds[1].fix.as_ref().unwrap().en.contains("\"Phụ lục II\""));
        let arabic = with_annexes(vec![annex(Some("Phụ lục 1"), "A"), annex(None, "B")]);
        let ds = run(&arabic);
        assert_eq!(codes(&ds), vec!["annex.labels"]);
        assert!(ds[0].message.vi.contains("La Mã"));
        // A single appendix may carry any `Phụ lục …` label.
        assert!(run(&with_annexes(vec![annex(Some("Phụ lục 1"), "A")])).is_empty());
        let ds = run(&with_annexes(vec![annex(Some("Bảng 1"), "A")]));
        assert_eq!(codes(&ds), vec!["annex.labels"]);
    }

    #[test]
    fn the_main_text_refers_to_its_appendices() {
        let mut d = with_annexes(vec![annex(None, "A")]);
        d.body.remove(0);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["annex.mention"]);
        assert_eq!(ds[0].path, "body");
        // The issued document is named in the decision: a note otherwise.
        let mut issued = annex(None, "Làm việc của Ủy ban nhân dân xã");
        issued.kind = Some(DocumentKind::QuyChe);
        let mut d = with_annexes(vec![issued]);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["annex.mention"]);
        assert_eq!(ds[0].severity, crate::Severity::Note);
        assert_eq!(ds[0].path, "annexes[0].kind");
        d.body[0] = Block::Paragraph("Ban hành kèm theo Quyết định này Quy chế làm việc.".into());
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
    }
}
