//! Annexes, each a section of its own (new page, numbering from 1,
//! optionally landscape): a Phụ lục (Mẫu 2.1) and the document a Quyết
//! định issues (Mẫu 1.3, with the issuing body's header and no number,
//! date or signature of its own).

use crate::composer::{plain, spans_of, Composer};
use crate::flow::{Block, Section};
use crate::forms::ISSUED_DOCUMENT_HEADER;
use crate::header::HeaderRows;
use crate::literals::{PHU_LUC, SIGNING_TIME};
use crate::page_setup;
use vanban_core::{date::format_ngay_thang_nam, Annex, Assets, Document, Profile, Role, Tw};
use vanban_fonts::Fonts;

/// Composes annex `index` of the document.
pub fn compose_annex(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
    index: usize,
    a: &Annex,
) -> Section {
    let page = page_setup(profile, a.landscape);
    let mut c = Composer::new(doc, profile, fonts, assets, page.text_width());
    if a.separate_file {
        signing_info(&mut c);
    }
    match a.kind {
        Some(kind) => issued_document(&mut c, a, kind.type_name().unwrap_or_default()),
        None => phu_luc(&mut c, a, &label(doc, index, a)),
    }
    c.body(&a.body);
    Section {
        page,
        page_number: c.page_number_para(""),
        // A Phụ lục shows its number from its page 1 (the profile's
        // choice, [UNCONFIRMED]); the document a Quyết định issues has a
        // header of its own and hides it there, as any document does
        // (forms.md §4.2 leaves its pagination open).
        number_first_page: profile.annex_first_page_number && a.kind.is_none(),
        first_page_footer: None,
        blocks: c.blocks,
    }
}

/// `Phụ lục` for a single appendix, `Phụ lục I`, `II`, … for several
/// (Phụ lục I §III.1: Roman numerals), unless the author wrote one.
pub fn label(doc: &Document, index: usize, a: &Annex) -> String {
    if let Some(l) = &a.label {
        return l.clone();
    }
    let phu_luc: Vec<usize> = (0..doc.annexes.len())
        .filter(|&i| doc.annexes[i].kind.is_none())
        .collect();
    if phu_luc.len() <= 1 {
        return PHU_LUC.to_string();
    }
    let n = phu_luc.iter().position(|&i| i == index).unwrap_or(0) + 1;
    format!("{PHU_LUC} {}", vanban_core::text::roman(n))
}

/// The signing-information line of a file of its own (Mẫu 2.2, forms.md
/// §12): `Số: 15/KH-UBND; …/…/…; …:…:…` at 10 pt, in the model's 76.9 mm
/// box with its 2.6 mm padding, right-aligned to the text area at the top
/// of page 1 (forms.md's practical choice, [UNCONFIRMED]; the model puts
/// the box 4–6 mm into the right margin). The organisation's signature
/// stamps the date and time when it signs.
fn signing_info(c: &mut Composer<'_>) {
    let (box_width, padding) = (c.profile.signing_info_box, c.profile.signing_info_padding);
    let so = c.doc.so_line();
    let text = format!(
        "{}; {SIGNING_TIME}",
        so.trim_end_matches(|ch: char| ch.is_whitespace())
    );
    let w = c.text_width;
    let left = Tw((w.0 - box_width.0 + padding.0).max(0));
    let s = c
        .plain_spec(Role::SigningInfo, &text, w)
        .space_before(Tw(0))
        .indent(crate::flow::Indent {
            left,
            right: padding,
            first: Tw(0),
        })
        .keep_with_next();
    c.push_para(s);
    c.next_space = Some(c.profile.signing_info_gap);
}

/// `(Kèm theo Kế hoạch số 15/KH-UBND ngày 06 tháng 3 năm 2025 của Ủy ban
/// nhân dân xã Tiến Thắng)`: the main document's type, number, date and
/// issuing body; blanks stay blank in a draft. In a file of its own (Mẫu
/// 2.2) the number and date are not filled in (forms.md §11.3).
pub fn reference(doc: &Document) -> String {
    reference_for(doc, false)
}

fn reference_for(doc: &Document, separate_file: bool) -> String {
    let d = doc;
    if separate_file {
        let kind = match d.kind.type_name() {
            Some(_) => d.kind.name_vi(),
            None => "Văn bản",
        };
        let mut s = format!("(Kèm theo {kind} số …… ngày …… tháng …… năm ……");
        if let Some(n) = &d.issuer.full_name {
            s.push_str(" của ");
            s.push_str(n);
        }
        s.push(')');
        return s;
    }
    let kind = match d.kind.type_name() {
        Some(_) => d.kind.name_vi(),
        None => "Văn bản",
    };
    let ky_hieu = d.so_hieu.ky_hieu(d.kind, &d.issuer.abbreviation);
    let mut s = format!(
        "(Kèm theo {kind} số {}/{ky_hieu} {}",
        d.so_hieu.number_text(),
        format_ngay_thang_nam(d.date.as_ref())
    );
    if let Some(n) = &d.issuer.full_name {
        s.push_str(" của ");
        s.push_str(n);
    }
    s.push(')');
    s
}

fn reference_para(c: &mut Composer<'_>, a: &Annex, role_size_pt: Option<f32>) {
    let style = c.style(Role::KemTheo);
    let spans = match &a.reference {
        Some(t) => spans_of(t, &style),
        None => vec![plain(&style, reference_for(c.doc, a.separate_file))],
    };
    let mut s = c
        .spec(Role::KemTheo, spans, c.text_width)
        .keep_with_next()
        .keep_together()
        .balanced();
    if let Some(pt) = role_size_pt {
        s = s.style(|st| st.size = vanban_core::HalfPt::from_pt(pt));
    }
    let mut p = c.build(s);
    p.rule = Some(c.short_rule(Composer::widest(&[&p])));
    c.push(Block::Para(p));
    c.next_space = Some(c.profile.gap_after_title);
}

/// Mẫu 2.1: no header; `Phụ lục I`, its title, the `(Kèm theo …)` line
/// and a short rule under it.
fn phu_luc(c: &mut Composer<'_>, a: &Annex, label: &str) {
    let w = c.text_width;
    let s = c
        .plain_spec(Role::AnnexLabel, label, w)
        .space_before(Tw(0))
        .keep_with_next()
        .keep_together();
    c.push_para(s);
    if !a.title.is_empty() {
        let style = c.style(Role::AnnexTitle);
        let s = c
            .spec(
                Role::AnnexTitle,
                vec![plain(&style, a.title.0.join("\n"))],
                w,
            )
            .keep_with_next()
            .keep_together()
            .balanced();
        c.push_para(s);
    }
    reference_para(c, a, None);
}

/// Mẫu 1.3, the issued document: the issuing body's header without số
/// and date, the tên loại and the title, the italic `(Kèm theo Quyết định
/// số …)` (14 pt in the model) with the rule under it.
fn issued_document(c: &mut Composer<'_>, a: &Annex, type_name: &str) {
    c.header(
        ISSUED_DOCUMENT_HEADER,
        HeaderRows {
            so: false,
            place_date: false,
            vv: false,
        },
    );
    let w = c.text_width;
    let s = c
        .plain_spec(Role::TenLoai, type_name, w)
        .space_before(c.profile.gap_after_header)
        .keep_with_next()
        .keep_together();
    c.push_para(s);
    if !a.title.is_empty() {
        let style = c.style(Role::TrichYeu);
        let s = c
            .spec(Role::TrichYeu, vec![plain(&style, a.title.0.join("\n"))], w)
            .keep_with_next()
            .keep_together()
            .balanced();
        c.push_para(s);
    }
    reference_para(c, a, Some(14.0));
}
