//! The content rules: `vanban check`'s rules run on the imported model
//! (without the lines the reader could not place, the annexes and further
//! signers, which are not the body), each finding moved to the paragraph
//! it came from; and the rules only the typed text shows (the exact
//! Quốc hiệu and Tiêu ngữ, the Số line's spacing, the date's zero padding,
//! the colon after `Lưu`).

use crate::assemble::{Location, Source};
use crate::docx::{Para, WordDoc};
use crate::recognise::words::{key, word_tokens, QUOC_HIEU, TIEU_NGU};
use crate::recognise::Parts;
use std::collections::HashMap;
use vanban_core::check::{check, CheckOptions};
use vanban_core::document::{Block, NumberedItem};
use vanban_core::{Diagnostic, Document, DocumentKind, Msg, Severity};
use vanban_fonts::FaceId;

/// Military and police ranks the armed forces may write before a signer's
/// name (Decree 30, Phụ lục I §II.7.b: "trường hợp … lực lượng vũ trang").
const RANKS: &[&str] = &[
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
];

fn rank_of(name: &str) -> Option<&'static str> {
    RANKS.iter().copied().find(|r| {
        name.trim_start()
            .to_lowercase()
            .starts_with(&format!("{} ", r.to_lowercase()))
    })
}

/// The document as the body proper: without the blocks kept only so that
/// no word is lost.
pub(crate) fn checked_document(doc: &Document, extras: &[usize]) -> Document {
    let mut d = doc.clone();
    let mut idx: Vec<usize> = extras.to_vec();
    idx.sort_unstable();
    idx.dedup();
    for i in idx.into_iter().rev() {
        if i < d.body.len() {
            d.body.remove(i);
        }
    }
    d
}

fn has_heading(it: &NumberedItem) -> bool {
    it.heading.as_ref().is_some_and(|h| !h.is_empty())
}

/// Whether the items of the section holding `body[i]` agree on having a
/// run-in heading (Decree 30 asks it of sibling clauses: items under
/// another section heading are not siblings).
fn section_consistent(body: &[Block], i: usize) -> bool {
    let start = body[..i.min(body.len())]
        .iter()
        .rposition(|b| matches!(b, Block::Heading(_)))
        .map_or(0, |h| h + 1);
    let end = body[i.min(body.len())..]
        .iter()
        .position(|b| matches!(b, Block::Heading(_)))
        .map_or(body.len(), |e| e + i);
    let flags: Vec<bool> = body[start..end]
        .iter()
        .filter_map(|b| match b {
            Block::Item(it) => Some(has_heading(it)),
            _ => None,
        })
        .collect();
    flags.iter().all(|f| *f) || flags.iter().all(|f| !*f)
}

fn top_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("body[")?;
    rest[..rest.find(']')?].parse().ok()
}

pub(crate) struct Content<'a> {
    pub out: Vec<Diagnostic>,
    word: &'a WordDoc,
    parts: &'a Parts<'a>,
    sources: &'a [Source],
    by_number: HashMap<usize, &'a Para>,
}

impl<'a> Content<'a> {
    pub fn new(word: &'a WordDoc, parts: &'a Parts<'a>, sources: &'a [Source]) -> Self {
        let by_number = word.paras().into_iter().map(|p| (p.number, p)).collect();
        Content {
            out: Vec::new(),
            word,
            parts,
            sources,
            by_number,
        }
    }

    fn loc(&self, n: usize) -> Option<Location> {
        self.by_number.get(&n).map(|p| Location::of(p))
    }

    /// The paragraph a model path's text came from.
    fn locate(&self, doc: &Document, path: &str) -> Option<usize> {
        let comp = |p: Option<&Para>| p.map(|p| p.number);
        if path.starts_with("so_hieu") {
            return comp(self.parts.so.as_ref().map(|(p, _)| *p));
        }
        if path.starts_with("date") || path.starts_with("place") {
            return comp(self.parts.place_date.as_ref().map(|(p, _)| *p));
        }
        if path.starts_with("issuer") {
            return comp(self.parts.issuer.first().copied());
        }
        if path == "kind" {
            return comp(self.parts.ten_loai.as_ref().map(|(p, _)| *p));
        }
        if path.starts_with("noi_nhan.luu") {
            return comp(self.parts.luu).or(comp(self.parts.noi_nhan_label));
        }
        if path == "noi_nhan" || path == "noi_nhan.entries" {
            return comp(self.parts.noi_nhan_label);
        }
        if path == "kinh_gui" {
            return comp(self.parts.kinh_gui_label);
        }
        if path.starts_with("signature") || path.starts_with("co_signers") {
            // The signer whose name the model holds at this path.
            let sig = if path.starts_with("signature") {
                Some(&doc.signature)
            } else {
                path.strip_prefix("co_signers[")
                    .and_then(|r| r.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| doc.co_signers.get(i))
            };
            let s = sig.and_then(|sig| {
                self.parts
                    .signers
                    .iter()
                    .find(|s| s.name.is_some_and(|n| n.trimmed() == sig.name.trim()))
            });
            let para = s.and_then(|s| {
                if path.contains(".authority") {
                    s.authority.first().copied()
                } else if path.contains(".name") {
                    s.name
                } else {
                    s.post.first().copied().or(s.name)
                }
            });
            return comp(para);
        }
        let mut texts: Vec<String> = Vec::new();
        doc.visit_strings(&mut |p, s| {
            let p = p.to_string();
            if p == path || p.starts_with(&format!("{path}.")) || p.starts_with(&format!("{path}["))
            {
                texts.push(s.to_string());
            }
        });
        let want: Vec<String> = texts.iter().flat_map(|t| word_tokens(t)).take(8).collect();
        if want.is_empty() {
            return None;
        }
        self.sources
            .iter()
            .find(|s| {
                let have = word_tokens(&s.text);
                have.windows(want.len()).any(|w| w == want.as_slice())
                    || (!have.is_empty()
                        && want
                            .windows(have.len().min(want.len()))
                            .any(|w| w == &have[..have.len().min(want.len())]))
            })
            .map(|s| s.paragraph)
    }

    pub fn run(&mut self, imported: &crate::Imported, today: Option<chrono::NaiveDate>) {
        let doc = checked_document(&imported.document, &imported.body_extras);
        let fonts = crate::audit::layout::fonts();
        let can_draw = |c: char, b: bool, i: bool| fonts.face(FaceId::new(b, i)).has_char(c);
        let diags = check(
            &doc,
            &CheckOptions {
                today,
                can_draw: Some(&can_draw),
            },
        );
        for d in diags {
            let Some(mut d) = judge(d, &doc) else {
                continue;
            };
            let model_path = d.path.clone();
            if let Some(l) = self.locate(&doc, &model_path).and_then(|n| self.loc(n)) {
                d.path = format!("{} · {model_path}", l.label());
            }
            self.out.push(d);
        }
        self.typed(&doc);
    }

    fn push(
        &mut self,
        sev: Severity,
        code: &'static str,
        p: Option<&Para>,
        vi: String,
        en: String,
        fix: Option<(String, String)>,
    ) {
        let path = p.map(|p| Location::of(p).label()).unwrap_or_default();
        let mut d = Diagnostic::new(sev, code, path, Msg::new(vi, en));
        d.fix = fix.map(|(v, e)| Msg::new(v, e));
        self.out.push(d);
    }

    /// Rules the model cannot see because it prints these parts itself.
    fn typed(&mut self, doc: &Document) {
        let parts = self.parts;
        if let Some(p) = parts.quoc_hieu {
            let t = p.trimmed();
            if t != QUOC_HIEU {
                let why = if key(&t) == key(QUOC_HIEU) && t.contains("HOÀ") {
                    (
                        "`HOÀ` đặt dấu khác văn bản Nghị định (`HÒA`)",
                        "`HOÀ` places the tone mark unlike the decree's text (`HÒA`)",
                    )
                } else {
                    ("khác chuỗi quy định", "differs from the prescribed string")
                };
                self.push(
                    Severity::Warning,
                    "header.quoc_hieu_text",
                    Some(p),
                    format!("Quốc hiệu ghi `{t}`: {}", why.0),
                    format!("the national name reads `{t}`: {}", why.1),
                    Some((format!("ghi `{QUOC_HIEU}`"), format!("write `{QUOC_HIEU}`"))),
                );
            }
        }
        if let Some(p) = parts.tieu_ngu {
            let t = p.trimmed();
            if t != TIEU_NGU {
                let dash = t.contains('–') || t.contains('—');
                let (vi, en) = if dash {
                    (
                        "dùng gạch ngang dài (–) thay cho gạch nối (-)",
                        "uses en dashes (–) instead of hyphens (-)",
                    )
                } else {
                    (
                        "thiếu dấu cách hai bên gạch nối",
                        "lacks the spaces around the hyphens",
                    )
                };
                self.push(
                    Severity::Warning,
                    "header.tieu_ngu_text",
                    Some(p),
                    format!("Tiêu ngữ ghi `{t}`: {vi}; Nghị định 30: gạch nối có cách chữ"),
                    format!("the motto reads `{t}`: it {en}; Decree 30: hyphens with a space on each side"),
                    Some((format!("ghi `{TIEU_NGU}`"), format!("write `{TIEU_NGU}`"))),
                );
            }
        }
        if let Some((p, so)) = &parts.so {
            if so.number.is_some() && so.number_text != so.number_text.trim() {
                self.push(
                    Severity::Warning,
                    "so_hieu.spacing",
                    Some(p),
                    format!("dấu cách giữa số `{}` và dấu `/`; số và ký hiệu viết liền", so.number_text.trim()),
                    format!("a space between the number `{}` and the `/`; number and code are written without spaces", so.number_text.trim()),
                    Some((
                        format!("ghi `Số: {}/{}`", so.number_text.trim(), so.ky_hieu),
                        format!("write `Số: {}/{}`", so.number_text.trim(), so.ky_hieu),
                    )),
                );
            }
            if so.number.is_none() {
                self.push(
                    Severity::Note,
                    "so_hieu.blank",
                    Some(p),
                    "số văn bản để trống (bản dự thảo hoặc chưa đăng ký: văn thư ghi số sau khi ký)".into(),
                    "the number is blank (a draft, or not yet registered: the văn thư writes it after signing)".into(),
                    None,
                );
            }
        }
        if let Some((p, d)) = &parts.place_date {
            let t = p.trimmed();
            let tokens: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
            let after = |label: &str| {
                tokens
                    .iter()
                    .position(|w| w == label)
                    .and_then(|i| tokens.get(i + 1))
                    .cloned()
            };
            let mut problems: Vec<(String, String)> = Vec::new();
            if let (Some(day), Some(typed)) = (d.day, after("ngày")) {
                if day < 10 && typed.len() == 1 {
                    problems.push((
                        format!("ngày `{typed}` viết `0{typed}`"),
                        format!("day `{typed}` is written `0{typed}`"),
                    ));
                }
            }
            if let (Some(m), Some(typed)) = (d.month, after("tháng")) {
                if m <= 2 && typed.len() == 1 {
                    problems.push((
                        format!("tháng `{typed}` viết `0{typed}`"),
                        format!("month `{typed}` is written `0{typed}`"),
                    ));
                } else if m >= 3 && typed.starts_with('0') {
                    problems.push((
                        format!("tháng `{typed}` viết `{m}` (từ tháng 3 không thêm số 0)"),
                        format!("month `{typed}` is written `{m}` (no leading zero from March)"),
                    ));
                }
            }
            if !problems.is_empty() {
                let vi: Vec<String> = problems.iter().map(|x| x.0.clone()).collect();
                let en: Vec<String> = problems.iter().map(|x| x.1.clone()).collect();
                self.push(
                    Severity::Warning,
                    "date.format",
                    Some(p),
                    format!("ngày tháng ghi chưa đúng: {}", vi.join("; ")),
                    format!(
                        "the date is not written as Decree 30 prescribes: {}",
                        en.join("; ")
                    ),
                    Some((
                        format!("ghi `{}`", doc.place_date_line()),
                        format!("write `{}`", doc.place_date_line()),
                    )),
                );
            }
            if d.day.is_none() || d.month.is_none() {
                self.push(
                    Severity::Note,
                    "date.blank",
                    Some(p),
                    "ngày (tháng) ban hành để trống: bản dự thảo, văn thư ghi sau khi ký".into(),
                    "the day (or month) of issue is blank: a draft; the văn thư fills it in after signing".into(),
                    None,
                );
            }
        }
        // A People's Committee code on a body that is not one.
        let abbr = doc.issuer.abbreviation.as_str();
        let name = key(&doc.issuer.name.joined(" "));
        let superior = key(&doc.issuer.superior.joined(" "));
        for (code, full) in [("UBND", "ỦY BAN NHÂN DÂN"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN")]
        {
            if abbr == code && !name.contains(full) && !name.contains(code) {
                let p = parts.so.as_ref().map(|(p, _)| *p);
                let also = if superior.contains(full) || superior.contains(code) {
                    (" (đó là cơ quan chủ quản)", " (that is the superior body)")
                } else {
                    ("", "")
                };
                self.push(
                    Severity::Warning,
                    "so_hieu.abbreviation_body",
                    p,
                    format!(
                        "ký hiệu dùng `{code}` nhưng cơ quan ban hành là `{}`{}",
                        doc.issuer.name.joined(" "),
                        also.0
                    ),
                    format!(
                        "the code uses `{code}` but the issuing body is `{}`{}",
                        doc.issuer.name.joined(" "),
                        also.1
                    ),
                    Some((
                        "ghi chữ viết tắt của chính cơ quan ban hành sau dấu gạch nối".into(),
                        "write the issuing body's own abbreviation after the hyphen".into(),
                    )),
                );
            }
        }
        if parts.signers.len() > 1 {
            let p = parts.signers[1]
                .post
                .first()
                .or(parts.signers[1].name.as_ref())
                .copied();
            self.push(
                Severity::Note,
                "signature.several",
                p,
                format!("{} người ký cạnh nhau; mô hình Biên bản của Nghị định 30 có thư ký và chủ tọa", parts.signers.len()),
                format!("{} signers side by side; Decree 30's Biên bản model has the secretary and the chair", parts.signers.len()),
                None,
            );
        }
        if matches!(doc.kind, DocumentKind::QuyetDinh) && doc.signature.authority.is_empty() {
            let cited = parts.can_cu.iter().find(|p| {
                p.text().to_lowercase().contains("ủy quyền")
                    || p.text().to_lowercase().contains("uỷ quyền")
            });
            if let Some(p) = cited {
                self.push(
                    Severity::Note,
                    "signature.authorisation",
                    Some(p),
                    "quyết định căn cứ văn bản ủy quyền và người ký ký bằng chức vụ của mình: đúng khi cơ quan được ủy quyền ban hành bằng số, ký hiệu của mình; nếu ký thay người ủy quyền thì ghi `TUQ.`".into(),
                    "the decision cites an authorisation and the signer signs in his own post: right when the authorised body issues it under its own number; when signing for the authorising person, write `TUQ.`".into(),
                    None,
                );
            }
        }
        let _ = self.word;
    }
}

/// Judgement calls on `check`'s findings when the document is somebody
/// else's file rather than vanban's input: `None` drops a finding the
/// decree does not support here.
pub(crate) fn judge(mut d: Diagnostic, doc: &Document) -> Option<Diagnostic> {
    let strict = matches!(doc.kind, DocumentKind::QuyetDinh | DocumentKind::NghiQuyet);
    match d.code {
        // About vanban's renderer and its font, not the document
        // (a Wingdings box prints in Word; the font rule is
        // layout.font's).
        "kind.layout" | "text.font" => return None,
        // Blanks left for the number and date in `(Kèm theo …)`.
        "text.whitespace" if d.path.ends_with(".reference") => return None,
        // The same blanks in a form reproduced as an annex (`ngày   tháng`),
        // and the gap after a Wingdings tick box: spaces a form is made of.
        "text.whitespace" if string_at(doc, &d.path).is_some_and(|t| only_form_gaps(&t)) => {
            return None
        }
        "noi_nhan.nhu_tren" => {
            let first = doc
                .noi_nhan
                .entries
                .first()
                .map(|t| t.plain_text())
                .unwrap_or_default();
            if first.to_lowercase().starts_with("như kính gửi")
                || first.to_lowercase().starts_with("như trên")
            {
                return None;
            }
        }
        "signature.name_case" | "signature.title" => {
            if let Some(r) = rank_of(&doc.signature.name) {
                d = Diagnostic::note(
                            "signature.rank",
                            "signature.name",
                            Msg::new(
                                format!("cấp bậc `{r}` trước họ tên người ký: Nghị định 30 cho phép lực lượng vũ trang ghi cấp bậc nếu ngành quy định"),
                                format!("the rank `{r}` before the signer's name: Decree 30 lets the armed forces write it where their sector rules so"),
                            ),
                        );
            }
        }
        "body.item_emphasis"
            if top_index(&d.path).is_some_and(|i| section_consistent(&doc.body, i)) =>
        {
            return None
        }
        // Decree 30 asks for a reference to the appendix (Phụ lục I
        // §III.1 "chỉ dẫn"), not for the word: `(có danh sách kèm theo)`
        // points at the annex titled DANH SÁCH as surely.
        "annex.mention" if d.path == "body" && body_refers_to_attachment(doc) => return None,
        // check's fix names the JSON field; in a Word file the line is
        // typed, with its dash.
        "noi_nhan.luu_line" => {
            let line = d
                .fix
                .as_ref()
                .and_then(|f| f.en.split_once("\"luu\": \""))
                .and_then(|(_, rest)| rest.strip_suffix('"'))
                .map(str::to_string);
            if let Some(line) = line {
                d.fix = Some(Msg::new(
                    format!("ghi `- {line}`"),
                    format!("write `- {line}`"),
                ));
            }
        }
        "can_cu.punctuation" if !strict => d.severity = Severity::Note,
        "noi_nhan.luu_units" => d.severity = Severity::Note,
        "text.empty"
            if doc.kind == DocumentKind::BienBan && (d.path == "place" || d.path == "date") =>
        {
            return None
        }
        _ => {}
    }
    Some(d)
}

fn body_refers_to_attachment(doc: &Document) -> bool {
    let mut main = String::new();
    doc.visit_strings(&mut |p, s| {
        if p.0.first() == Some(&vanban_core::document::Seg::Key("body")) {
            main.push_str(&s.to_lowercase());
            main.push(' ');
        }
    });
    main.contains("kèm theo") || main.contains("đính kèm")
}

fn string_at(doc: &Document, path: &str) -> Option<String> {
    let mut found = None;
    doc.visit_strings(&mut |p, s| {
        if found.is_none() && p.to_string() == path {
            found = Some(s.to_string());
        }
    });
    found
}

/// Every run of two or more spaces in `text` is a blank left to be filled
/// in (after `ngày`, `tháng`, `số`, before `/`, `tháng`, `năm`) or the gap
/// after a symbol-font box (Private Use Area, as Word stores Wingdings).
fn only_form_gaps(text: &str) -> bool {
    let t = text.replace(['*', '_'], "");
    let mut rest = t.as_str();
    let mut any = false;
    while let Some(i) = rest.find("  ") {
        any = true;
        let before = rest[..i].split_whitespace().next_back().unwrap_or("");
        let after_all = rest[i..].trim_start();
        let after = after_all.split_whitespace().next().unwrap_or("");
        let b = before.to_lowercase();
        let blank = matches!(b.trim_end_matches(':'), "ngày" | "tháng" | "số")
            || after.starts_with('/')
            || matches!(after, "tháng" | "năm")
            || before
                .chars()
                .last()
                .is_some_and(|c| ('\u{F000}'..='\u{F0FF}').contains(&c));
        if !blank {
            return false;
        }
        rest = after_all;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention_of(doc: &Document) -> Vec<Diagnostic> {
        check(doc, &CheckOptions::default())
            .into_iter()
            .filter(|d| d.code == "annex.mention" && d.path == "body")
            .filter_map(|d| judge(d, doc))
            .collect()
    }

    #[test]
    fn an_attachment_reference_without_the_word_phu_luc_is_a_reference() {
        let bytes = include_bytes!(
            "../../tests/corpus/QD-3728_24.6.2026_Cong-nhan-KQ-Xi-mang-Yen-Binh.docx"
        );
        let mut doc = crate::import_docx(bytes).unwrap().document;
        assert!(mention_of(&doc).is_empty());
        // Without `(có danh sách kèm theo)` nothing points at the annex.
        doc.visit_strings_mut(&mut |p, s| {
            if p.0.first() == Some(&vanban_core::document::Seg::Key("body")) {
                *s = s.replace("kèm theo", "");
            }
        });
        assert_eq!(mention_of(&doc).len(), 1);
    }

    #[test]
    fn form_blanks_are_not_extra_spaces() {
        assert!(only_form_gaps("Hà Nội, ngày    tháng 10 năm 2025"));
        assert!(only_form_gaps("Số:      /QĐ-SCT"));
        assert!(only_form_gaps("Mật \u{f06f}  Tối mật"));
        assert!(!only_form_gaps("Công ty  cổ phần"));
        assert!(!only_form_gaps(
            "ngày    tháng 10 năm 2025, Công ty  cổ phần"
        ));
        assert!(!only_form_gaps("no gaps"));
    }
}
