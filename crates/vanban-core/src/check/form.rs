//! The model layouts (Mẫu) of Phụ lục III, forms.md §2–§10: the parts each
//! form takes from the document, what an author is likely to type that the
//! form already prints, and fields the form does not print at all (so that
//! nothing typed disappears without a word).

use super::{diag, fix};
use crate::diag::{Diagnostic, Severity};
use crate::document::{Block, CanCu, Document, JsonPath};
use crate::kind::Form;

pub(super) fn check(doc: &Document, out: &mut Vec<Diagnostic>) {
    authority(doc, out);
    operative_typed(doc, out);
    bien_ban(doc, out);
    intro(doc, out);
    recipients(doc, out);
    unused(doc, out);
}

/// The centred heading a form prints before the operative part.
pub(super) fn operative_heading(form: Form) -> Option<&'static str> {
    match form {
        Form::NghiQuyet => Some("QUYẾT NGHỊ:"),
        Form::QuyetDinh | Form::QuyetDinhBanHanh => Some("QUYẾT ĐỊNH:"),
        _ => None,
    }
}

/// The authority line a decision would most likely carry, from its
/// signature (forms.md §3 note 6): a collective decision (`TM. …`) names
/// the body, the head's own names the head's post and the body.
fn suggested_authority(doc: &Document) -> String {
    let body = doc.issuer.name.joined(" ");
    let body = body.trim();
    let s = &doc.signature;
    if doc.form() == Form::NghiQuyet || s.authority.iter().any(|a| a.trim().starts_with("TM.")) {
        return body.to_string();
    }
    let head = s
        .authority
        .iter()
        .rev()
        .find_map(|a| a.trim().strip_prefix("KT."))
        .map(str::trim)
        .unwrap_or_else(|| s.post.trim());
    if head.is_empty() {
        body.to_string()
    } else {
        format!("{head} {body}")
    }
}

/// `form.authority` (warning): a Quyết định or Nghị quyết (Mẫu 1.1–1.3)
/// prints its thẩm quyền ban hành, bold and centred, between the trích yếu
/// and the căn cứ; a Công điện (Mẫu 1.6) names its sender in the centred
/// `… điện:` line, whose ` điện:` the renderer writes.
fn authority(doc: &Document, out: &mut Vec<Diagnostic>) {
    let form = doc.form();
    let missing = doc.authority.is_empty();
    match form {
        Form::NghiQuyet | Form::QuyetDinh | Form::QuyetDinhBanHanh if missing => {
            let want = suggested_authority(doc);
            let name = doc.kind.name_vi();
            out.push(
                diag(
                    Severity::Warning,
                    "form.authority",
                    "authority",
                    format!("{name} thiếu dòng thẩm quyền ban hành (in đậm, giữa trang, dưới trích yếu), ví dụ `{want}`: người đứng đầu quyết định thì ghi chức vụ và tên cơ quan, tập thể quyết định thì ghi tên tập thể"),
                    format!("the {name} lacks its authority line (bold, centred, under the subject line), e.g. `{want}`: the head's post and the body when the head decides, the collective's name when it decides"),
                )
                .with_fix(fix(
                    format!("thêm \"authority\": \"{want}\""),
                    format!("add \"authority\": \"{want}\""),
                )),
            );
        }
        Form::CongDien if missing => {
            let want = suggested_authority(doc);
            out.push(
                diag(
                    Severity::Warning,
                    "form.authority",
                    "authority",
                    "công điện thiếu tên cơ quan hoặc chức danh người đứng đầu gửi điện, in giữa trang trước chữ `điện:` (ví dụ `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG điện:`)",
                    "the công điện lacks its sender (the body or its head's title), printed centred before `điện:` (e.g. `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG điện:`)",
                )
                .with_fix(fix(
                    format!("thêm \"authority\": \"{want}\" (chương trình tự viết ` điện:` sau)"),
                    format!("add \"authority\": \"{want}\" (the renderer writes ` điện:` after it)"),
                )),
            );
        }
        Form::CongDien => {
            let joined = doc.authority.joined(" ");
            let t = joined.trim_end();
            let lower = t.to_lowercase();
            if let Some(cut) = lower
                .strip_suffix("điện:")
                .or_else(|| lower.strip_suffix("điện"))
            {
                let kept: String = t.chars().take(cut.chars().count()).collect();
                let kept = kept.trim_end();
                out.push(
                    diag(
                        Severity::Warning,
                        "form.authority",
                        super::line_paths(doc.authority.0.len(), &JsonPath::default().key("authority"))
                            .pop()
                            .unwrap_or_else(|| "authority".into()),
                        format!("chương trình tự viết ` điện:` sau tên người gửi; gõ thêm thì sẽ in thành `{kept} điện: điện:`"),
                        format!("the renderer writes ` điện:` after the sender; typing it too prints `{kept} điện: điện:`"),
                    )
                    .with_fix(fix(
                        format!("ghi \"authority\": \"{kept}\""),
                        format!("write \"authority\": \"{kept}\""),
                    )),
                );
            }
        }
        _ => {}
    }
}

/// The text of a block if it is a single line an author could have typed
/// as the operative heading: a paragraph or a heading's title.
fn single_line(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph(t) => Some(t.plain_text()),
        Block::Heading(h) if h.label.is_none() => Some(h.title.clone()),
        _ => None,
    }
}

/// `QUYẾT ĐỊNH:` / `quyết nghị :` → the heading it spells, if it is one.
fn as_operative(s: &str) -> Option<&'static str> {
    let compact: String = s
        .to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match compact.trim_end_matches([':', '.', ' ']) {
        "QUYẾT ĐỊNH" => Some("QUYẾT ĐỊNH:"),
        "QUYẾT NGHỊ" => Some("QUYẾT NGHỊ:"),
        _ => None,
    }
}

/// `form.operative_typed` (warning): the renderer prints `QUYẾT ĐỊNH:` (or
/// `QUYẾT NGHỊ:`) itself after the căn cứ; the same line typed as a body
/// paragraph or as the last căn cứ would be printed a second time.
fn operative_typed(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(printed) = operative_heading(doc.form()) else {
        return;
    };
    let root = JsonPath::default();
    let mut typed: Vec<(String, &'static str)> = Vec::new();
    if let Some(CanCu::Lines(ls)) = &doc.can_cu {
        for (i, l) in ls.iter().enumerate() {
            if let Some(h) = as_operative(&l.plain_text()) {
                typed.push((root.key("can_cu").key("lines").index(i).to_string(), h));
            }
        }
    }
    for (i, b) in doc.body.iter().enumerate() {
        if let Some(h) = single_line(b).as_deref().and_then(as_operative) {
            typed.push((root.key("body").index(i).to_string(), h));
        }
    }
    let name = doc.kind.name_vi();
    for (path, h) in typed {
        let (vi, en) = if h == printed {
            (
                format!("chương trình tự in `{printed}` giữa trang, sau phần căn cứ; dòng `{h}` gõ ở đây sẽ làm dòng này xuất hiện hai lần"),
                format!("the renderer prints `{printed}` itself, centred after the legal bases; typing `{h}` here makes it appear twice"),
            )
        } else {
            (
                format!("{name} in sẵn `{printed}` sau phần căn cứ; dòng `{h}` gõ ở đây sẽ được in thêm"),
                format!("a {name} prints `{printed}` after the legal bases; the `{h}` typed here would be printed as well"),
            )
        };
        out.push(
            diag(Severity::Warning, "form.operative_typed", path, vi, en).with_fix(fix(
                "xóa dòng này; nội dung quyết định (các Điều) bắt đầu ngay sau phần căn cứ",
                "remove this line; the operative articles start right after the legal bases",
            )),
        );
    }
}

/// Biên bản (Mẫu 1.9): `form.co_signer` (warning) — the secretary and the
/// chair sign side by side; `form.place_without_date` (warning) — the
/// model has no place-and-date line, which is printed only when a date is
/// given, so a place alone would not appear.
fn bien_ban(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.form() != Form::BienBan {
        return;
    }
    if doc.co_signers.is_empty() {
        out.push(
            diag(
                Severity::Warning,
                "form.co_signer",
                "co_signers",
                "biên bản có hai người ký ngang hàng: thư ký bên trái, chủ tọa (chủ trì) bên phải; văn bản mới có một người ký",
                "a biên bản is signed side by side by the secretary (left) and the chair (right); this one has one signer",
            )
            .with_fix(fix(
                "thêm người ghi biên bản: \"co_signers\": [{\"post\": \"THƯ KÝ\", \"name\": \"…\"}]; người chủ trì ghi ở \"signature\" (\"post\": \"CHỦ TỌA\")",
                "add the secretary: \"co_signers\": [{\"post\": \"THƯ KÝ\", \"name\": \"…\"}]; the chair goes in \"signature\" (\"post\": \"CHỦ TỌA\")",
            )),
        );
    }
    let place = doc.place.trim();
    if doc.date.is_none() && !place.is_empty() {
        out.push(
            diag(
                Severity::Warning,
                "form.place_without_date",
                "place",
                format!("mẫu biên bản không có dòng địa danh, ngày tháng; dòng này chỉ được in khi có ngày, nên địa danh `{place}` sẽ không xuất hiện trên văn bản"),
                format!("the biên bản model has no place-and-date line; it is printed only when a date is given, so the place `{place}` will not appear"),
            )
            .with_fix(fix(
                format!("thêm \"date\" (ví dụ \"date\": \"2025-04-10\") để in dòng `{place}, ngày … tháng … năm …`, hoặc bỏ \"place\" (thời gian, địa điểm đã ghi trong nội dung)"),
                format!("add a \"date\" (e.g. \"date\": \"2025-04-10\") to print `{place}, ngày … tháng … năm …`, or remove \"place\" (time and venue are in the body)"),
            )),
        );
    }
}

/// `form.intro` (warning): a Giấy giới thiệu (Mẫu 1.8) opens with the
/// centred `<cơ quan> trân trọng giới thiệu:`.
fn intro(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.form() != Form::GiayGioiThieu || doc.intro.as_ref().is_some_and(|t| !t.is_empty()) {
        return;
    }
    let body = doc
        .issuer
        .full_name
        .clone()
        .unwrap_or_else(|| "Ủy ban nhân dân xã …".to_string());
    out.push(
        diag(
            Severity::Warning,
            "form.intro",
            "intro",
            "giấy giới thiệu thiếu câu giới thiệu in giữa trang ngay dưới tên loại (`… trân trọng giới thiệu:`)",
            "the giấy giới thiệu lacks its centred introducing sentence under the type name (`… trân trọng giới thiệu:`)",
        )
        .with_fix(fix(
            format!("thêm \"intro\": \"{body} trân trọng giới thiệu:\""),
            format!("add \"intro\": \"{body} trân trọng giới thiệu:\""),
        )),
    );
}

/// `form.recipients` (warning): a Công điện (Mẫu 1.6) lists the bodies it
/// is sent to under the `… điện:` line, one per line.
fn recipients(doc: &Document, out: &mut Vec<Diagnostic>) {
    if doc.form() != Form::CongDien || !doc.kinh_gui.is_empty() {
        return;
    }
    out.push(
        diag(
            Severity::Warning,
            "form.recipients",
            "kinh_gui",
            "công điện thiếu danh sách nơi nhận điện (các dòng `- …;` dưới dòng `… điện:`)",
            "the công điện lacks the bodies it is sent to (the `- …;` lines under the `… điện:` line)",
        )
        .with_fix(fix(
            "thêm \"kinh_gui\": [\"Trưởng các thôn;\", \"Công an xã.\"] — mỗi nơi một dòng, dòng cuối kết thúc bằng dấu chấm",
            "add \"kinh_gui\": [\"Trưởng các thôn;\", \"Công an xã.\"] — one per line, the last ending with a full stop",
        )),
    );
}

/// Whether a form prints a field of the document. This mirrors the forms
/// of `vanban-compose` (whose tests render each case and compare): a field
/// a form leaves out is reported by [`unused`] rather than lost in silence.
pub fn prints(form: Form, field: &str) -> bool {
    use Form::*;
    match field {
        "trich_yeu" => form.has_trich_yeu(),
        "authority" => matches!(
            form,
            NghiQuyet | QuyetDinh | QuyetDinhBanHanh | CoTenLoai | CongDien | GiayMoi
        ),
        "intro" => form == GiayGioiThieu,
        "can_cu" => !matches!(form, GiayGioiThieu | GiayNghiPhep),
        _ => true,
    }
}

/// `form.unused` (warning): a field the document's form does not print —
/// the trích yếu of a Giấy giới thiệu or Giấy nghỉ phép, whose models have
/// only the type name; an authority line, intro or căn cứ where the model
/// has none.
fn unused(doc: &Document, out: &mut Vec<Diagnostic>) {
    let form = doc.form();
    let name = doc.kind.name_vi();
    let mau = form.mau();
    let present = [
        (
            "trich_yeu",
            !doc.trich_yeu.is_empty(),
            "trích yếu",
            "subject line",
        ),
        (
            "authority",
            !doc.authority.is_empty(),
            "dòng thẩm quyền",
            "authority line",
        ),
        (
            "intro",
            doc.intro.as_ref().is_some_and(|t| !t.is_empty()),
            "câu giới thiệu",
            "introducing line",
        ),
        ("can_cu", doc.can_cu.is_some(), "căn cứ", "legal bases"),
    ];
    for (field, given, vi, en) in present {
        if !given || prints(form, field) {
            continue;
        }
        let (fix_vi, fix_en) = match field {
            "trich_yeu" => (
                "bỏ \"trich_yeu\"; nội dung công việc ghi trong phần nội dung (ví dụ dòng `Về việc: …`)".to_string(),
                "remove \"trich_yeu\"; say what it is about in the body (e.g. a `Về việc: …` line)".to_string(),
            ),
            "can_cu" => (
                "chuyển các căn cứ thành đoạn đầu của \"body\", hoặc bỏ \"can_cu\"".to_string(),
                "move the bases into the first paragraph of \"body\", or remove \"can_cu\"".to_string(),
            ),
            _ => (
                format!("chuyển nội dung này vào \"body\" nếu cần in, hoặc bỏ \"{field}\""),
                format!("move this into \"body\" if it must be printed, or remove \"{field}\""),
            ),
        };
        out.push(
            diag(
                Severity::Warning,
                "form.unused",
                field,
                format!("mẫu {name} (Mẫu {mau}) không có {vi}; phần \"{field}\" đã ghi sẽ không được in"),
                format!("the {name} model (Mẫu {mau}) has no {en}; the \"{field}\" given is not printed"),
            )
            .with_fix(fix(fix_vi, fix_en)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{check, CheckOptions};
    use crate::document::{Block, CanCu, Signature};
    use crate::kind::DocumentKind;
    use crate::text::{Lines, Text};

    fn run(d: &crate::Document) -> Vec<crate::Diagnostic> {
        check(d, &CheckOptions::default())
    }

    /// The good notice turned into a conforming Quyết định (Mẫu 1.2).
    fn quyet_dinh() -> crate::Document {
        let mut d = good();
        d.kind = DocumentKind::QuyetDinh;
        d.authority = Lines(vec!["ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG".into()]);
        d.can_cu = Some(CanCu::Lines(vec![
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;".into(),
            "Theo đề nghị của công chức Văn phòng - Thống kê xã.".into(),
        ]));
        d
    }

    fn bien_ban() -> crate::Document {
        let mut d = good();
        d.kind = DocumentKind::BienBan;
        d.trich_yeu = Lines(vec!["Hội nghị sơ kết công tác quý I năm 2025".into()]);
        d.place.clear();
        d.date = None;
        d.co_signers = vec![Signature {
            authority: vec![],
            post: "THƯ KÝ".into(),
            name: "Trần Thị Hoa".into(),
            signature_image: None,
            seal_image: None,
        }];
        d.signature.authority.clear();
        d.signature.post = "CHỦ TỌA".into();
        d
    }

    #[test]
    fn decisions_and_resolutions_carry_their_authority_line() {
        let d = quyet_dinh();
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        let mut bad = d.clone();
        bad.authority = Lines::default();
        let ds = run(&bad);
        assert_eq!(codes(&ds), vec!["form.authority"]);
        assert_eq!(ds[0].path, "authority");
        // TM. ỦY BAN NHÂN DÂN: the committee decides.
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .vi
            .contains("\"authority\": \"ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG\""));
        // The chair deciding in his own name.
        bad.signature.authority.clear();
        bad.signature.post = "CHỦ TỊCH".into();
        let ds = run(&bad);
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .en
            .contains("\"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG\""));
        bad.kind = DocumentKind::NghiQuyet;
        assert_eq!(codes(&run(&bad)), vec!["form.authority"]);
        // A Thông báo has no authority line to miss.
        assert!(run(&good()).is_empty());
    }

    #[test]
    fn the_operative_heading_is_not_typed() {
        let mut d = quyet_dinh();
        d.body
            .insert(0, Block::Paragraph(Text::parse("**QUYẾT ĐỊNH:**")));
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["form.operative_typed"]);
        assert_eq!(ds[0].path, "body[0]");
        assert!(ds[0].message.vi.contains("hai lần"));
        // As the last căn cứ, spaced and in lower case.
        let mut d = quyet_dinh();
        if let Some(CanCu::Lines(ls)) = &mut d.can_cu {
            ls.push("quyết  định :".into());
        }
        let ds = run(&d);
        assert!(codes(&ds).contains(&"form.operative_typed"), "{ds:#?}");
        let op = ds
            .iter()
            .find(|x| x.code == "form.operative_typed")
            .unwrap();
        assert_eq!(op.path, "can_cu.lines[2]");
        // A resolution's heading typed in a decision would be printed too.
        let mut d = quyet_dinh();
        d.body.insert(0, Block::Paragraph("QUYẾT NGHỊ:".into()));
        assert_eq!(codes(&run(&d)), vec!["form.operative_typed"]);
        // Other forms print no such heading: the same words are the author's.
        let mut d = good();
        d.body.insert(0, Block::Paragraph("QUYẾT ĐỊNH:".into()));
        assert!(!codes(&run(&d)).contains(&"form.operative_typed"));
    }

    #[test]
    fn a_bien_ban_has_two_signers_and_no_place_without_a_date() {
        let d = bien_ban();
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        let mut one = d.clone();
        one.co_signers.clear();
        let ds = run(&one);
        assert_eq!(codes(&ds), vec!["form.co_signer"]);
        assert_eq!(ds[0].path, "co_signers");
        let mut place = d.clone();
        place.place = "Tiến Thắng".into();
        let ds = run(&place);
        assert_eq!(codes(&ds), vec!["form.place_without_date"]);
        assert!(ds[0].message.vi.contains("sẽ không xuất hiện"));
        // With a date the line is printed: place and date are fine.
        place.date = Some(crate::date::IssueDate::full(2025, 4, 10));
        assert!(run(&place).is_empty(), "{:#?}", run(&place));
    }

    #[test]
    fn a_giay_gioi_thieu_has_its_intro_and_no_subject_line() {
        let mut d = good();
        d.kind = DocumentKind::GiayGioiThieu;
        d.trich_yeu = Lines::default();
        d.issuer.full_name = Some("Ủy ban nhân dân xã Tiến Thắng".into());
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["form.intro"]);
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .vi
            .contains("Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:"));
        d.intro = Some("Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:".into());
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        d.trich_yeu = Lines(vec!["Về việc liên hệ công tác".into()]);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["form.unused"]);
        assert_eq!(ds[0].path, "trich_yeu");
        assert!(ds[0].message.vi.contains("sẽ không được in"));
        // The intro of any other form is not printed either.
        let mut t = good();
        t.intro = Some("Ủy ban nhân dân xã trân trọng giới thiệu:".into());
        assert_eq!(codes(&run(&t)), vec!["form.unused"]);
        let mut n = good();
        n.kind = DocumentKind::GiayNghiPhep;
        assert_eq!(codes(&run(&n)), vec!["form.unused"]);
        n.trich_yeu = Lines::default();
        assert!(run(&n).is_empty(), "{:#?}", run(&n));
    }

    #[test]
    fn a_cong_dien_has_a_sender_and_recipients() {
        let mut d = good();
        d.kind = DocumentKind::CongDien;
        d.authority = Lines(vec!["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG".into()]);
        d.kinh_gui = vec!["Trưởng các thôn;".into(), "Công an xã.".into()];
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        let mut no_sender = d.clone();
        no_sender.authority = Lines::default();
        assert_eq!(codes(&run(&no_sender)), vec!["form.authority"]);
        let mut typed = d.clone();
        typed.authority = Lines(vec!["CHỦ TỊCH UBND XÃ điện:".into()]);
        let ds = run(&typed);
        assert_eq!(codes(&ds), vec!["form.authority"]);
        assert!(ds[0]
            .fix
            .as_ref()
            .unwrap()
            .vi
            .contains("\"CHỦ TỊCH UBND XÃ\""));
        let mut no_recipients = d.clone();
        no_recipients.kinh_gui.clear();
        let ds = run(&no_recipients);
        assert_eq!(codes(&ds), vec!["form.recipients"]);
        assert_eq!(ds[0].path, "kinh_gui");
    }

    #[test]
    fn fields_a_form_does_not_print_are_reported() {
        let mut d = good();
        d.kind = DocumentKind::CongVan;
        d.so_hieu.unit = Some("VP".into());
        d.trich_yeu = Lines(vec!["V/v công khai kết quả".into()]);
        d.kinh_gui = vec!["UBND huyện Mê Linh".into()];
        d.noi_nhan.entries.insert(0, "Như trên;".into());
        assert!(run(&d).is_empty(), "{:#?}", run(&d));
        d.authority = Lines(vec!["ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG".into()]);
        let ds = run(&d);
        assert_eq!(codes(&ds), vec!["form.unused"]);
        assert_eq!(ds[0].path, "authority");
        assert!(ds[0].message.en.contains("Mẫu 1.5"));
    }
}
