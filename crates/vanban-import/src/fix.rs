//! `fix`: import a Word file, apply only the corrections that cannot be
//! wrong, render a standard DOCX and PDF, and say what was changed and what
//! needs a person.
//!
//! Certain: the national name and the motto (vanban prints the decree's
//! strings), spaces inside the ký hiệu (`QĐ - SCT` → `QĐ-SCT`), the
//! authority prefix's space (`KT.GIÁM ĐỐC` → `KT. GIÁM ĐỐC`), `VT` first in
//! the Lưu line, the colon after `Lưu`, and the layout itself. A trích yếu
//! typed in capitals is put in normal case only when every word of it is
//! found written in lower case elsewhere in the document and never
//! capitalised inside a sentence; otherwise it is left for a person, with
//! a suggestion.

use crate::recognise::words::is_upper;
use crate::{Error, Imported};
use vanban_core::{Diagnostic, Document, Msg, Severity};

/// What `fix` made.
pub struct Fixed {
    /// The corrected model.
    pub document: Document,
    /// One entry per change made (`fix.*` codes) and per point that needs a
    /// person (every other code), each with where.
    pub changes: Vec<Diagnostic>,
    /// The corrected document as a standard DOCX.
    pub docx: Vec<u8>,
    /// The same as a PDF.
    pub pdf: Vec<u8>,
}

fn changed(code: &'static str, path: &str, vi: String, en: String) -> Diagnostic {
    Diagnostic::new(Severity::Note, code, path, Msg::new(vi, en))
}

fn person(code: &'static str, path: &str, vi: String, en: String) -> Diagnostic {
    Diagnostic::new(Severity::Warning, code, path, Msg::new(vi, en))
}

/// Every word of the body, căn cứ and kính gửi with whether it opens a
/// sentence.
fn running_words(doc: &Document) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        let mut start = true;
        for w in s.split_whitespace() {
            let t: String = w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if !t.is_empty() {
                out.push((t, start));
            }
            start = w.ends_with(['.', ':', ';', '!', '?']) || w.starts_with('(');
        }
    };
    doc.visit_strings(&mut |p, s| {
        let p = p.to_string();
        if p.starts_with("body") || p.starts_with("can_cu") || p.starts_with("kinh_gui") {
            push(s);
        }
    });
    out
}

/// The trích yếu in normal case, if that is certain; else a suggestion.
pub fn sentence_case(line: &str, doc: &Document) -> Result<String, String> {
    let words = running_words(doc);
    let mut certain = true;
    let mut out = String::new();
    let mut first = true;
    for raw in line.split(' ') {
        let core: String = raw.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        if core.is_empty() {
            out.push_str(raw);
            out.push(' ');
            continue;
        }
        let lower = core.to_lowercase();
        let mut lower_seen = 0;
        let mut cap_mid = 0;
        let mut cap_form: Option<String> = None;
        for (w, start) in &words {
            if w.to_lowercase() != lower {
                continue;
            }
            if *w == lower {
                lower_seen += 1;
            } else if !start {
                cap_mid += 1;
                cap_form.get_or_insert_with(|| w.clone());
            }
        }
        let has_letters = core.chars().any(char::is_alphabetic);
        let form = if !has_letters {
            core.clone()
        } else if cap_mid > 0 {
            certain = false;
            cap_form.unwrap_or(core.clone())
        } else if lower_seen == 0 && !first {
            // The first word is capitalised anyway; any other must be seen
            // in lower case somewhere.
            certain = false;
            lower.clone()
        } else {
            lower.clone()
        };
        let form = if first {
            let mut c = form.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => form,
            }
        } else {
            form
        };
        first = false;
        out.push_str(&raw.replace(&core, &form));
        out.push(' ');
    }
    let out = out.trim_end().to_string();
    if certain {
        Ok(out)
    } else {
        Err(out)
    }
}

/// Applies the certain fixes to an imported document.
pub fn fix_document(imported: &Imported) -> (Document, Vec<Diagnostic>) {
    let mut doc = imported.document.clone();
    let mut log = Vec::new();
    for r in &imported.report {
        match r.code {
            "import.quoc_hieu" => log.push(changed(
                "fix.quoc_hieu",
                &r.path,
                "Quốc hiệu in đúng `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`".into(),
                "the national name is printed `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`".into(),
            )),
            "import.tieu_ngu" => log.push(changed(
                "fix.tieu_ngu",
                &r.path,
                "Tiêu ngữ in đúng `Độc lập - Tự do - Hạnh phúc` (gạch nối, có cách chữ)".into(),
                "the motto is printed `Độc lập - Tự do - Hạnh phúc` (hyphens with spaces)".into(),
            )),
            _ => {}
        }
    }
    // Spaces inside the ký hiệu.
    if let Some(k) = doc.so_hieu.ky_hieu.clone() {
        let tight: String = k.split('-').map(str::trim).collect::<Vec<_>>().join("-");
        if tight != k && !tight.contains(' ') {
            let derived = {
                let mut s = doc.so_hieu.clone();
                s.ky_hieu = None;
                s.ky_hieu(doc.kind, &doc.issuer.abbreviation)
            };
            doc.so_hieu.ky_hieu = if derived == tight {
                None
            } else {
                Some(tight.clone())
            };
            log.push(changed(
                "fix.ky_hieu",
                "so_hieu.ky_hieu",
                format!("ký hiệu `{k}` → `{tight}` (viết liền)"),
                format!("code `{k}` → `{tight}` (no spaces)"),
            ));
        }
    }
    // The authority prefix and one space.
    for a in doc.signature.authority.iter_mut() {
        for p in ["TUQ.", "TM.", "KT.", "TL.", "Q."] {
            if let Some(rest) = a.strip_prefix(p) {
                if !rest.starts_with(' ') && !rest.is_empty() {
                    let new = format!("{p} {}", rest.trim_start());
                    log.push(changed(
                        "fix.authority",
                        "signature.authority",
                        format!("`{a}` → `{new}`"),
                        format!("`{a}` → `{new}`"),
                    ));
                    *a = new;
                }
                break;
            }
        }
    }
    // The Lưu line: `Lưu:` with its colon, `VT` first.
    if let Some(l) = doc.noi_nhan.luu.as_mut() {
        let before = l.text();
        let had_vt = l.unit_names().iter().any(|u| u == "VT");
        let typed_rest = crate::recognise::words::strip_label(&before, "Lưu")
            .map(str::to_string)
            .unwrap_or_else(|| before.trim_start().chars().skip(3).collect());
        let rest = if had_vt {
            typed_rest.trim().to_string()
        } else {
            format!("VT, {}", typed_rest.trim())
        };
        let after = format!("Lưu: {rest}");
        if after != before {
            *l = crate::assemble::parse_luu(&after);
            let (code, vi, en) = if had_vt {
                (
                    "fix.luu_colon",
                    "dấu hai chấm sau `Lưu`",
                    "the colon after `Lưu`",
                )
            } else {
                (
                    "fix.luu_vt",
                    "văn thư lưu bản gốc",
                    "the văn thư keeps the original",
                )
            };
            log.push(changed(
                code,
                "noi_nhan.luu",
                format!("`{before}` → `{after}` ({vi})"),
                format!("`{before}` → `{after}` ({en})"),
            ));
        }
    }
    // Trích yếu in capitals: all of it, or a line of it (`GIẤY MỜI HỌP`
    // leaves `HỌP` as the first line).
    let caps: Vec<usize> = (0..doc.trich_yeu.0.len())
        .filter(|i| is_upper(&doc.trich_yeu.0[*i]))
        .collect();
    if doc.kind.type_name().is_some() && !caps.is_empty() {
        let whole = caps.len() == doc.trich_yeu.0.len();
        let targets: Vec<(Vec<usize>, String)> = if whole {
            vec![(
                (0..doc.trich_yeu.0.len()).collect(),
                doc.trich_yeu.joined(" "),
            )]
        } else {
            caps.iter()
                .map(|i| (vec![*i], doc.trich_yeu.0[*i].clone()))
                .collect()
        };
        for (lines, text) in targets.into_iter().rev() {
            match sentence_case(&text, &doc) {
                Ok(s) => {
                    log.push(changed(
                        "fix.trich_yeu_case",
                        "trich_yeu",
                        format!("trích yếu viết chữ thường: `{text}` → `{s}`"),
                        format!("the trích yếu in normal case: `{text}` → `{s}`"),
                    ));
                    let first = lines[0];
                    doc.trich_yeu.0.splice(first..first + lines.len(), [s]);
                }
                Err(suggestion) => log.push(person(
                    "person.trich_yeu_case",
                    "trich_yeu",
                    format!("trích yếu viết in hoa; có tên riêng nên không tự đổi được. Gợi ý: `{suggestion}`"),
                    format!("the trích yếu is in capitals and holds names, so it is not changed automatically. Suggestion: `{suggestion}`"),
                )),
            }
        }
    }
    // Authority and post lines are printed in capitals (Decree 30 §II.7):
    // upper-casing them loses nothing.
    for sig in std::iter::once(&mut doc.signature).chain(doc.co_signers.iter_mut()) {
        for line in sig
            .authority
            .iter_mut()
            .chain(std::iter::once(&mut sig.post))
        {
            let up = line.to_uppercase();
            if *line != up {
                log.push(changed(
                    "fix.signature_case",
                    "signature",
                    format!("`{line}` → `{up}` (thẩm quyền, chức vụ in hoa)"),
                    format!("`{line}` → `{up}` (authority and post in capitals)"),
                ));
                *line = up;
            }
        }
    }
    (doc, log)
}

/// Imports, fixes and renders with `renderer`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let upload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/05-quyet-dinh.docx"))?;
/// let fixed = vanban_import::fix(&upload, &vanban::Renderer::new())?;
/// // `QĐ - SCT` typed with spaces: written `QĐ-SCT`, and the change listed.
/// assert!(fixed.document.so_line().ends_with("/QĐ-SCT"));
/// assert!(fixed.changes.iter().any(|d| d.code == "fix.ky_hieu"));
/// assert!(fixed.docx.starts_with(b"PK") && fixed.pdf.starts_with(b"%PDF-"));
/// # Ok(())
/// # }
/// ```
pub fn fix(bytes: &[u8], renderer: &vanban::Renderer) -> Result<Fixed, Error> {
    let imported = crate::import_docx(bytes)?;
    let (document, mut changes) = fix_document(&imported);
    changes.push(changed(
        "fix.layout",
        "",
        "trình bày lại theo Nghị định 30: A4, lề 25/20/35/20 mm, Times New Roman, cỡ chữ và đường kẻ của từng thành phần".into(),
        "laid out again per Decree 30: A4, margins 25/20/35/20 mm, Times New Roman, each component's size and rules".into(),
    ));
    for r in imported
        .report
        .iter()
        .filter(|r| r.severity >= Severity::Warning)
    {
        changes.push(r.clone());
    }
    if !imported.body_extras.is_empty() {
        changes.push(person(
            "person.body_extras",
            "body",
            format!("{} khối (dòng chưa xếp được, phụ lục, người ký khác) được giữ ở nội dung để không mất chữ; cần xếp lại", imported.body_extras.len()),
            format!("{} block(s) (unplaced lines, annexes, other signers) are kept in the body so no word is lost; place them by hand", imported.body_extras.len()),
        ));
    }
    let checked = crate::audit::content::checked_document(&document, &imported.body_extras);
    for d in renderer.check(&checked) {
        if d.severity >= Severity::Warning && d.code != "kind.layout" {
            changes.push(d);
        }
    }
    let assets = vanban::Assets::new();
    let docx = renderer
        .docx(&document, &assets)
        .map_err(|e| Error::Render(e.to_string()))?;
    let pdf = renderer
        .pdf(&document, &assets)
        .map_err(|e| Error::Render(e.to_string()))?;
    Ok(Fixed {
        document,
        changes,
        docx,
        pdf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with_body(body: &str) -> Document {
        let json = format!(
            r#"{{"kind":"thong-bao","issuer":{{"name":["SỞ"],"abbreviation":"S"}},"place":"X","trich_yeu":"A","body":[{{"paragraph":"{body}"}}],"noi_nhan":{{"entries":[]}},"signature":{{"post":"GIÁM ĐỐC","name":"A B"}}}}"#
        );
        vanban_core::load::from_json(&json).unwrap().document
    }

    #[test]
    fn capitals_are_lowered_only_when_every_word_is_known() {
        let d = doc_with_body("Kết quả kiểm tra công tác phòng cháy được thông báo như sau.");
        assert_eq!(
            sentence_case("KẾT QUẢ KIỂM TRA CÔNG TÁC PHÒNG CHÁY", &d),
            Ok("Kết quả kiểm tra công tác phòng cháy".into())
        );
        let d = doc_with_body("Kho tại thôn Nậm Cang được kiểm tra.");
        assert_eq!(
            sentence_case("KIỂM TRA KHO TẠI THÔN NẬM CANG", &d),
            Err("Kiểm tra kho tại thôn Nậm Cang".into())
        );
        // A word never seen in the document cannot be judged.
        assert!(sentence_case("KIỂM TRA PCCC", &d).is_err());
    }
}
