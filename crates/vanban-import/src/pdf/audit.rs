//! The Decree 30 audit of a PDF with a text layer: the components found
//! among the positioned lines (header blocks left and right of the
//! national name, the tên loại centred under them, the body, the nơi nhận
//! on the left and the signer on the right), measured in mm and pt; then
//! the content rules of `vanban check` on a model built from them.

use super::extract::{HLine, Page};
use super::lines::{lines, Line};
use crate::assemble::parse_luu;
use crate::audit::{sort, Audit, AuditOptions};
use crate::recognise::is_vv;
use crate::recognise::words::{
    authority_prefix, is_quoc_hieu, is_tieu_ngu, is_upper, parse_place_date, parse_so, strip_label,
    type_name_prefix, QUOC_HIEU, TIEU_NGU,
};
use crate::Error;
use vanban_core::check::{check, CheckOptions};
use vanban_core::date::IssueDate;
use vanban_core::document::{Block, Issuer, Metadata, NoiNhan, Signature};
use vanban_core::so_hieu::SoHieu;
use vanban_core::text::{Lines, Text};
use vanban_core::{Diagnostic, Document, DocumentKind, Msg, Severity};

const PT_MM: f32 = 25.4 / 72.0;
/// Times New Roman's ascent (hhea), for the top of a line box.
const ASCENT: f32 = 0.891;

fn loc(l: &Line) -> String {
    let t: String = l.trimmed().chars().take(40).collect();
    format!("p.{} y={:.1}mm «{t}»", l.page, l.y)
}

struct Found<'a> {
    quoc_hieu: Option<&'a Line>,
    tieu_ngu: Option<&'a Line>,
    issuer: Vec<&'a Line>,
    superior: Vec<&'a Line>,
    so: Option<&'a Line>,
    date: Option<&'a Line>,
    vv: Vec<&'a Line>,
    ten_loai: Option<&'a Line>,
    kind: DocumentKind,
    trich_yeu: Vec<&'a Line>,
    kinh_gui: Vec<&'a Line>,
    authority_line: Vec<&'a Line>,
    body: Vec<&'a Line>,
    noi_nhan_label: Option<&'a Line>,
    noi_nhan: Vec<Vec<&'a Line>>,
    luu: Option<&'a Line>,
    authority: Vec<&'a Line>,
    post: Vec<&'a Line>,
    name: Option<&'a Line>,
    page_numbers: Vec<&'a Line>,
    stamps: Vec<&'a Line>,
    /// Pages that open an annex (their numbering starts again).
    annex_pages: Vec<usize>,
}

fn is_page_number(l: &Line, page_h_mm: f32) -> bool {
    l.trimmed().chars().all(|c| c.is_ascii_digit())
        && !l.trimmed().is_empty()
        && (l.y < 25.0 || l.y > page_h_mm - 20.0)
}

fn find<'a>(all: &'a [Line], pages: &[Page], rules: &[(usize, HLine)]) -> Found<'a> {
    let mut f = Found {
        quoc_hieu: None,
        tieu_ngu: None,
        issuer: Vec::new(),
        superior: Vec::new(),
        so: None,
        date: None,
        vv: Vec::new(),
        ten_loai: None,
        kind: DocumentKind::ThongBao,
        trich_yeu: Vec::new(),
        kinh_gui: Vec::new(),
        authority_line: Vec::new(),
        body: Vec::new(),
        noi_nhan_label: None,
        noi_nhan: Vec::new(),
        luu: None,
        authority: Vec::new(),
        post: Vec::new(),
        name: None,
        page_numbers: Vec::new(),
        stamps: Vec::new(),
        annex_pages: Vec::new(),
    };
    let mut content: Vec<&Line> = Vec::new();
    for l in all {
        let ph = pages.get(l.page - 1).map_or(297.0, |p| p.height * PT_MM);
        if l.annotation && l.size < 10.5 {
            f.stamps.push(l);
        } else if is_page_number(l, ph) {
            f.page_numbers.push(l);
        } else {
            content.push(l);
        }
    }
    // A page that opens with `Phụ lục` or `(Kèm theo …)` starts an annex,
    // which is paginated on its own.
    for p in 2..=pages.len() {
        let top: Vec<&&Line> = content.iter().filter(|l| l.page == p).take(4).collect();
        if top.iter().any(|l| {
            let t = l.trimmed().to_lowercase();
            t.starts_with("phụ lục") || t.starts_with("(kèm theo")
        }) {
            f.annex_pages.push(p);
        }
    }
    let page1: Vec<&Line> = content.iter().copied().filter(|l| l.page == 1).collect();
    f.quoc_hieu = page1.iter().copied().find(|l| is_quoc_hieu(l.trimmed()));
    f.tieu_ngu = page1.iter().copied().find(|l| is_tieu_ngu(l.trimmed()));
    let split_x = f.quoc_hieu.map(|q| q.x0 - 1.0).unwrap_or(105.0);
    f.so = page1
        .iter()
        .copied()
        .find(|l| l.y < 80.0 && parse_so(l.trimmed()).is_some());
    f.date = page1
        .iter()
        .copied()
        .find(|l| l.y < 80.0 && parse_place_date(l.trimmed()).is_some_and(|d| !d.place.is_empty()));
    // V/v lines: in the left column under the Số line.
    if let Some(so) = f.so {
        let mut last = so.y;
        for l in page1
            .iter()
            .copied()
            .filter(|l| l.y > so.y && l.x1 <= split_x + 2.0)
        {
            let first = f.vv.is_empty();
            let kinh_gui = l.trimmed().to_lowercase().starts_with("kính gửi");
            if (first && !is_vv(l.trimmed())) || kinh_gui || l.y - last > 1.8 * l.size * PT_MM {
                break;
            }
            f.vv.push(l);
            last = l.y;
        }
    }
    let header_bottom = [f.so, f.date, f.vv.last().copied(), f.tieu_ngu]
        .iter()
        .flatten()
        .map(|l| l.y)
        .fold(0.0, f32::max);
    f.ten_loai = page1.iter().copied().find(|l| {
        l.y > header_bottom
            && l.bold
            && is_upper(l.trimmed())
            && type_name_prefix(l.trimmed()).is_some()
    });
    let mut seen_so = false;
    for l in page1.iter().copied().filter(|l| l.y <= header_bottom + 0.5) {
        let t = l.trimmed();
        if Some(l) == f.so {
            seen_so = true;
        }
        if is_quoc_hieu(t)
            || is_tieu_ngu(t)
            || Some(l) == f.so
            || Some(l) == f.date
            || f.vv.contains(&l)
        {
            continue;
        }
        if l.x1 <= split_x + 2.0 && !seen_so && is_upper(t) {
            if l.bold {
                f.issuer.push(l);
            } else {
                f.superior.push(l);
            }
        }
    }
    if let Some((k, _)) = f.ten_loai.and_then(|t| type_name_prefix(t.trimmed())) {
        f.kind = k;
    } else if !f.vv.is_empty() {
        f.kind = DocumentKind::CongVan;
    } else if let Some(so) = f.so.and_then(|l| parse_so(l.trimmed())) {
        let code = so
            .ky_hieu
            .split('-')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if let Some(k) = DocumentKind::ALL.iter().find(|k| {
            k.abbreviation()
                .is_some_and(|a| a.eq_ignore_ascii_case(&code))
        }) {
            f.kind = *k;
        }
    }
    let after_header = f.ten_loai.map(|t| t.y).unwrap_or(header_bottom);
    let mut i = content
        .iter()
        .position(|l| l.page > 1 || l.y > after_header + 0.5)
        .unwrap_or(content.len());
    // Trích yếu: bold lines right under the type name; a công văn's is
    // its V/v lines.
    if let Some(t) = f.ten_loai {
        let mut last_y = t.y;
        while let Some(l) = content.get(i) {
            let ruled = rules
                .iter()
                .any(|(p, r)| *p == l.page && r.y * PT_MM > last_y && r.y * PT_MM < l.y - 1.0);
            if !l.bold || l.y - last_y > 2.2 * l.size * PT_MM || ruled {
                break;
            }
            f.trich_yeu.push(l);
            last_y = l.y;
            i += 1;
        }
    } else {
        f.trich_yeu = f.vv.clone();
    }
    // A decision's authority line(s): centred bold capitals under the
    // trích yếu.
    if matches!(f.kind, DocumentKind::QuyetDinh | DocumentKind::NghiQuyet) {
        let page_centre = pages[0].width * PT_MM / 2.0 + 5.0;
        while let Some(l) = content.get(i) {
            let t = l.trimmed();
            if !(l.bold && is_upper(t) && (l.centre() - page_centre).abs() < 12.0)
                || t.ends_with(':')
            {
                break;
            }
            f.authority_line.push(l);
            i += 1;
        }
    }
    // Kính gửi and its addressees.
    if content
        .get(i)
        .is_some_and(|l| l.trimmed().to_lowercase().starts_with("kính gửi"))
    {
        let label = content[i];
        f.kinh_gui.push(label);
        i += 1;
        while let Some(l) = content.get(i) {
            let dash = l.trimmed().starts_with('-') || l.trimmed().starts_with('–');
            let continued = l.x0 > label.x0 + 10.0 && !dash && f.kinh_gui.len() > 1;
            if !dash && !continued {
                break;
            }
            f.kinh_gui.push(l);
            i += 1;
        }
    }
    // The body ends at its `./.` (or, without one, at `Nơi nhận`).
    let label_at = content[i.min(content.len())..]
        .iter()
        .position(|l| l.trimmed().starts_with("Nơi nhận"))
        .map(|p| p + i);
    let closing_at = content[i.min(content.len())..label_at.unwrap_or(content.len())]
        .iter()
        .position(|l| l.trimmed().ends_with("./.") || l.trimmed().ends_with("/."))
        .map(|p| p + i + 1);
    let end = closing_at.or(label_at).unwrap_or(content.len());
    f.body = content[i.min(end)..end].to_vec();
    // The closing: nơi nhận on the left, the signer on the right, until
    // the next page that starts an annex.
    let Some(first) = content.get(end) else {
        return f;
    };
    let left = f.body.iter().map(|l| l.x0).fold(first.x0, f32::min);
    let right = f
        .body
        .iter()
        .map(|l| l.x1)
        .fold(0.0, f32::max)
        .max(left + 150.0);
    let mid = left + 0.4 * (right - left);
    let mut last_left: Option<&Line> = None;
    for l in content[end..].iter().copied() {
        if f.annex_pages.contains(&l.page) || l.page > first.page + 1 {
            break;
        }
        let t = l.trimmed();
        if l.x0 < mid {
            if t.starts_with("Nơi nhận") {
                f.noi_nhan_label = Some(l);
                last_left = Some(l);
                continue;
            }
            if f.noi_nhan_label.is_none() {
                continue;
            }
            let gap = last_left
                .is_some_and(|p| p.page == l.page && l.y - p.y > 2.5 * l.size * PT_MM)
                || last_left.is_some_and(|p| p.page != l.page && l.y > 40.0);
            if gap {
                continue;
            }
            last_left = Some(l);
            let body = t.trim_start_matches(['-', '–', ' ']);
            if body.starts_with("Lưu") {
                f.luu = Some(l);
            } else if t.starts_with('-') || t.starts_with('–') || f.noi_nhan.is_empty() {
                f.noi_nhan.push(vec![l]);
            } else if let Some(last) = f.noi_nhan.last_mut() {
                last.push(l);
            }
        } else if f.name.is_none() {
            if authority_prefix(t).is_some() && f.post.is_empty() {
                f.authority.push(l);
            } else if is_upper(t) {
                f.post.push(l);
            } else if l.bold {
                f.name = Some(l);
            }
        }
    }
    f
}

struct Out {
    v: Vec<Diagnostic>,
}

impl Out {
    fn push(
        &mut self,
        sev: Severity,
        code: &'static str,
        l: Option<&Line>,
        vi: String,
        en: String,
        fix: Option<(String, String)>,
    ) {
        let mut d = Diagnostic::new(sev, code, l.map(loc).unwrap_or_default(), Msg::new(vi, en));
        d.fix = fix.map(|(a, b)| Msg::new(a, b));
        self.v.push(d);
    }

    fn size(&mut self, code: &'static str, l: Option<&Line>, what: (&str, &str), lo: f32, hi: f32) {
        let Some(l) = l else { return };
        let bad: Vec<f32> = l
            .sizes
            .iter()
            .copied()
            .filter(|s| *s < lo - 0.3 || *s > hi + 0.3)
            .collect();
        if !bad.is_empty() {
            let range = if lo == hi {
                format!("{lo}")
            } else {
                format!("{lo}–{hi}")
            };
            let sizes: Vec<String> = l.sizes.iter().map(|s| s.to_string()).collect();
            self.push(
                Severity::Warning,
                code,
                Some(l),
                format!(
                    "{} cỡ chữ {} pt; Nghị định 30: {range} pt",
                    what.0,
                    sizes.join("/")
                ),
                format!(
                    "{} is set at {} pt; Decree 30: {range} pt",
                    what.1,
                    sizes.join("/")
                ),
                None,
            );
        }
    }

    fn face(
        &mut self,
        code: &'static str,
        l: Option<&Line>,
        what: (&str, &str),
        bold: Option<bool>,
        italic: Option<bool>,
    ) {
        let Some(l) = l else { return };
        if let Some(b) = bold.filter(|b| *b != l.bold) {
            let (vi, en) = if b {
                ("in đậm", "bold")
            } else {
                ("không in đậm", "not bold")
            };
            self.push(
                Severity::Warning,
                code,
                Some(l),
                format!("{} phải {vi}", what.0),
                format!("{} must be {en}", what.1),
                None,
            );
        }
        if let Some(i) = italic.filter(|i| *i != l.italic) {
            let (vi, en) = if i {
                ("in nghiêng", "italic")
            } else {
                ("chữ đứng", "upright")
            };
            self.push(
                Severity::Warning,
                code,
                Some(l),
                format!("{} phải {vi}", what.0),
                format!("{} must be {en}", what.1),
                None,
            );
        }
    }
}

/// The nearest rule under a line whose middle lies within the line's extent.
fn rule_below<'a>(rules: &'a [(usize, HLine)], l: &Line, within: f32) -> Option<&'a HLine> {
    rules
        .iter()
        .filter(|(p, r)| {
            let mid = (r.x0 + r.x1) / 2.0 * PT_MM;
            *p == l.page
                && r.y * PT_MM > l.y
                && r.y * PT_MM - l.y < within
                && mid > l.x0 - 2.0
                && mid < l.x1 + 2.0
        })
        .map(|(_, r)| r)
        .min_by(|a, b| a.y.total_cmp(&b.y))
}

pub(crate) fn audit_pdf(bytes: &[u8], opts: &AuditOptions) -> Result<Audit, Error> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Error::NotPdf {
            reason: "no %PDF- header".into(),
        });
    }
    let pages = super::extract::read(bytes).map_err(|reason| Error::NotPdf { reason })?;
    if pages.is_empty() {
        return Err(Error::NotPdf {
            reason: "no pages".into(),
        });
    }
    let inked = pages
        .iter()
        .flat_map(|p| p.glyphs.iter())
        .filter(|g| !g.annotation && !g.text.trim().is_empty())
        .count();
    if inked == 0 {
        return Err(Error::NoTextLayer { pages: pages.len() });
    }
    let all: Vec<Line> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| lines(p, i + 1, 10.0))
        .collect();
    let rules: Vec<(usize, HLine)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines.iter().map(move |l| (i + 1, *l)))
        .collect();
    let f = find(&all, &pages, &rules);
    let mut out = Out { v: Vec::new() };

    // Paper.
    for (i, p) in pages.iter().enumerate() {
        let (w, h) = (p.width * PT_MM, p.height * PT_MM);
        if (w.min(h) - 210.0).abs() > 1.5 || (w.max(h) - 297.0).abs() > 1.5 {
            out.push(
                Severity::Warning,
                "layout.page_size",
                None,
                format!("trang {}: khổ {w:.1} × {h:.1} mm; Nghị định 30: A4", i + 1),
                format!("page {}: {w:.1} × {h:.1} mm; Decree 30: A4", i + 1),
                None,
            );
        }
    }
    // Margins from the body's lines.
    let body: Vec<&Line> = f.body.iter().copied().filter(|l| l.size >= 12.5).collect();
    if body.len() >= 3 {
        let left = body.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
        let right_edge = body.iter().map(|l| l.x1).fold(0.0, f32::max);
        let pw = pages[0].width * PT_MM;
        let right = pw - right_edge;
        for (code, vi, en, v, lo, hi) in [
            (
                "layout.margin_left",
                "lề trái",
                "left margin",
                left,
                30.0,
                35.0,
            ),
            (
                "layout.margin_right",
                "lề phải",
                "right margin",
                right,
                15.0,
                20.0,
            ),
        ] {
            if v < lo - 0.5 || v > hi + 0.5 {
                out.push(
                    Severity::Warning,
                    code,
                    None,
                    format!("{vi} {v:.1} mm; Nghị định 30: {lo:.0}–{hi:.0} mm"),
                    format!("{en} {v:.1} mm; Decree 30: {lo:.0}–{hi:.0} mm"),
                    None,
                );
            }
        }
        if let Some(first) = all
            .iter()
            .find(|l| l.page == 1 && !f.stamps.contains(l) && !f.page_numbers.contains(l))
        {
            let top = first.y - ASCENT * first.size * PT_MM;
            if !(19.5..=25.5).contains(&top) {
                out.push(
                    Severity::Warning,
                    "layout.margin_top",
                    Some(first),
                    format!("lề trên trang 1 {top:.1} mm; Nghị định 30: 20–25 mm"),
                    format!("page 1 top margin {top:.1} mm; Decree 30: 20–25 mm"),
                    None,
                );
            }
        }
        // Body: size, first-line indent, justification.
        let sizes: Vec<&&Line> = body
            .iter()
            .filter(|l| l.sizes.iter().any(|s| *s < 12.7 || *s > 14.3))
            .collect();
        if let Some(l) = sizes.first() {
            out.push(
                Severity::Warning,
                "layout.body_size",
                Some(l),
                format!("{} dòng nội dung ngoài cỡ 13–14 pt", sizes.len()),
                format!("{} body line(s) outside 13–14 pt", sizes.len()),
                None,
            );
        }
        let indents: Vec<(f32, &&Line)> = body
            .iter()
            .map(|l| (l.x0 - left, l))
            .filter(|(d, _)| *d > 3.0 && *d < 30.0)
            .collect();
        if let Some((d, l)) = indents.iter().find(|(d, _)| !(9.5..=13.2).contains(d)) {
            out.push(
                Severity::Warning,
                "layout.body_indent",
                Some(l),
                format!(
                    "dòng đầu đoạn lùi {:.2} cm; Nghị định 30: 1 cm hoặc 1,27 cm",
                    d / 10.0
                ),
                format!(
                    "a first line is indented {:.2} cm; Decree 30: 1 cm or 1.27 cm",
                    d / 10.0
                ),
                None,
            );
        }
        // A line that is followed, in the same paragraph, by another one
        // (the next starts at the left edge) must reach the right edge.
        let ragged: Vec<&&Line> = body
            .windows(2)
            .filter(|w| {
                w[0].page == w[1].page
                    && (w[1].x0 - left).abs() < 1.0
                    && w[1].y - w[0].y < 2.0 * w[0].size * PT_MM
            })
            .map(|w| &w[0])
            .filter(|l| {
                right_edge - l.x1 > 6.0
                    && !l.trimmed().ends_with(':')
                    && !l.trimmed().ends_with('.')
            })
            .collect();
        // Widths read from the font tables are a little off; a ragged
        // paragraph leaves lines short by a word or more, many times.
        if ragged.len() >= 3 {
            out.push(Severity::Warning, "layout.body_justify", Some(ragged[0]), format!("{} dòng giữa đoạn không chạm lề phải: nội dung không căn đều hai lề", ragged.len()), format!("{} lines inside paragraphs stop short of the right edge: the body is not justified", ragged.len()), None);
        }
    }
    // Header components.
    out.size(
        "layout.quoc_hieu",
        f.quoc_hieu,
        ("Quốc hiệu", "the national name"),
        12.0,
        13.0,
    );
    out.face(
        "layout.quoc_hieu",
        f.quoc_hieu,
        ("Quốc hiệu", "the national name"),
        Some(true),
        Some(false),
    );
    out.size(
        "layout.tieu_ngu",
        f.tieu_ngu,
        ("Tiêu ngữ", "the motto"),
        13.0,
        14.0,
    );
    out.face(
        "layout.tieu_ngu",
        f.tieu_ngu,
        ("Tiêu ngữ", "the motto"),
        Some(true),
        Some(false),
    );
    if let (Some(q), Some(t)) = (f.quoc_hieu, f.tieu_ngu) {
        if (t.size - q.size - 1.0).abs() > 0.3 {
            out.push(Severity::Note, "layout.size_coupling", Some(t), format!("Tiêu ngữ {} pt, Quốc hiệu {} pt; mẫu của Nghị định 30: Tiêu ngữ lớn hơn 1 pt", t.size, q.size), format!("the motto is {} pt and the national name {} pt; Decree 30's models: the motto 1 pt larger", t.size, q.size), None);
        }
        if q.trimmed() != QUOC_HIEU {
            out.push(
                Severity::Warning,
                "header.quoc_hieu_text",
                Some(q),
                format!("Quốc hiệu ghi `{}`", q.trimmed()),
                format!("the national name reads `{}`", q.trimmed()),
                Some((format!("ghi `{QUOC_HIEU}`"), format!("write `{QUOC_HIEU}`"))),
            );
        }
        if t.trimmed() != TIEU_NGU {
            out.push(
                Severity::Warning,
                "header.tieu_ngu_text",
                Some(t),
                format!("Tiêu ngữ ghi `{}`", t.trimmed()),
                format!("the motto reads `{}`", t.trimmed()),
                Some((format!("ghi `{TIEU_NGU}`"), format!("write `{TIEU_NGU}`"))),
            );
        }
        let off = t.centre() - q.centre();
        if off.abs() > 1.5 {
            out.push(
                Severity::Warning,
                "layout.tieu_ngu",
                Some(t),
                format!("Tiêu ngữ lệch {off:+.1} mm so với giữa Quốc hiệu"),
                format!("the motto is {off:+.1} mm off the national name's centre"),
                None,
            );
        }
        match rule_below(&rules, t, 8.0) {
            Some(r) => {
                let len = (r.x1 - r.x0) * PT_MM;
                let ratio = len / t.width();
                if !(0.95..=1.05).contains(&ratio) {
                    out.push(Severity::Warning, "layout.motto_rule", Some(t), format!("đường kẻ dưới Tiêu ngữ dài {len:.1} mm, bằng {:.0}% dòng Tiêu ngữ; Nghị định 30: bằng độ dài dòng Tiêu ngữ", ratio * 100.0), format!("the rule under the motto is {len:.1} mm, {:.0}% of the motto; Decree 30: as long as the motto", ratio * 100.0), None);
                }
            }
            None => out.push(
                Severity::Warning,
                "layout.motto_rule",
                Some(t),
                "không có đường kẻ dưới Tiêu ngữ".into(),
                "no rule under the motto".into(),
                None,
            ),
        }
    }
    for l in &f.issuer {
        out.size(
            "layout.issuer",
            Some(l),
            ("tên cơ quan ban hành", "the issuing body"),
            12.0,
            13.0,
        );
        out.face(
            "layout.issuer",
            Some(l),
            ("tên cơ quan ban hành", "the issuing body"),
            Some(true),
            None,
        );
    }
    if let Some(last) = f.issuer.last() {
        let longest = f.issuer.iter().map(|l| l.width()).fold(0.0, f32::max);
        match rule_below(&rules, last, 8.0) {
            Some(r) => {
                let ratio = (r.x1 - r.x0) * PT_MM / longest;
                if !(0.30..=0.53).contains(&ratio) {
                    out.push(Severity::Warning, "layout.issuer_rule", Some(last), format!("đường kẻ dưới tên cơ quan bằng {:.0}% dòng chữ; Nghị định 30: 1/3–1/2", ratio * 100.0), format!("the rule under the issuing body is {:.0}% of its line; Decree 30: 1/3–1/2", ratio * 100.0), None);
                }
            }
            None => out.push(
                Severity::Warning,
                "layout.issuer_rule",
                Some(last),
                "không có đường kẻ dưới tên cơ quan ban hành".into(),
                "no rule under the issuing body".into(),
                None,
            ),
        }
    }
    out.size(
        "layout.so",
        f.so,
        ("dòng Số, ký hiệu", "the Số line"),
        13.0,
        13.0,
    );
    out.face(
        "layout.so",
        f.so,
        ("dòng Số, ký hiệu", "the Số line"),
        Some(false),
        Some(false),
    );
    out.size(
        "layout.date",
        f.date,
        ("dòng địa danh, ngày tháng", "the place-and-date line"),
        13.0,
        14.0,
    );
    out.face(
        "layout.date",
        f.date,
        ("dòng địa danh, ngày tháng", "the place-and-date line"),
        Some(false),
        Some(true),
    );
    if let (Some(d), Some(q)) = (f.date, f.quoc_hieu) {
        let off = d.centre() - q.centre();
        if off.abs() > 1.5 {
            out.push(
                Severity::Warning,
                "layout.date",
                Some(d),
                format!("dòng ngày tháng lệch {off:+.1} mm so với giữa Quốc hiệu"),
                format!("the date line is {off:+.1} mm off the national name's centre"),
                Some((
                    "căn giữa dòng ngày tháng dưới Quốc hiệu".into(),
                    "centre the date under the national name".into(),
                )),
            );
        }
        if let Some(t) = f.tieu_ngu {
            if (d.size - t.size).abs() > 0.3 {
                out.push(Severity::Note, "layout.size_coupling", Some(d), format!("dòng ngày tháng {} pt, Tiêu ngữ {} pt; mẫu của Nghị định 30 dùng cùng cỡ", d.size, t.size), format!("the date is {} pt and the motto {} pt; Decree 30's models use the same size", d.size, t.size), None);
            }
        }
    }
    if let (Some(s), Some(d)) = (f.so, f.date) {
        if (s.y - d.y).abs() > 1.5 {
            out.push(
                Severity::Warning,
                "layout.date",
                Some(d),
                format!(
                    "dòng ngày tháng không cùng dòng với Số (lệch {:.1} mm)",
                    d.y - s.y
                ),
                format!("the date is not on the Số line ({:+.1} mm)", d.y - s.y),
                None,
            );
        }
    }
    let text_centre = body.iter().map(|l| l.x0).fold(f32::MAX, f32::min) / 2.0
        + body.iter().map(|l| l.x1).fold(0.0, f32::max) / 2.0;
    if let Some(t) = f.ten_loai {
        out.size(
            "layout.ten_loai",
            Some(t),
            ("tên loại", "the type name"),
            13.0,
            14.0,
        );
        let off = t.centre() - text_centre;
        if body.len() >= 3 && off.abs() > 1.5 {
            out.push(
                Severity::Warning,
                "layout.ten_loai",
                Some(t),
                format!("tên loại lệch {off:+.1} mm so với giữa vùng chữ"),
                format!("the type name is {off:+.1} mm off the text area's centre"),
                None,
            );
        }
    }
    // A công văn's V/v lines: 12–13 pt, upright, regular; no rule.
    for l in &f.vv {
        out.size(
            "layout.vv",
            Some(l),
            ("trích yếu công văn (V/v)", "the V/v subject line"),
            12.0,
            13.0,
        );
        out.face(
            "layout.vv",
            Some(l),
            ("trích yếu công văn (V/v)", "the V/v subject line"),
            Some(false),
            Some(false),
        );
    }
    if f.ten_loai.is_some() {
        for l in &f.trich_yeu {
            out.size(
                "layout.trich_yeu",
                Some(l),
                ("trích yếu", "the trích yếu"),
                13.0,
                14.0,
            );
        }
    }
    if let Some(last) = f.trich_yeu.last().filter(|_| f.ten_loai.is_some()) {
        if f.trich_yeu.iter().all(|l| is_upper(l.trimmed())) {
            out.push(
                Severity::Warning,
                "layout.trich_yeu",
                Some(last),
                "trích yếu viết in hoa toàn bộ; Nghị định 30: chữ thường".into(),
                "the trích yếu is all capitals; Decree 30: normal case".into(),
                None,
            );
        }
        let longest = f.trich_yeu.iter().map(|l| l.width()).fold(0.0, f32::max);
        match rule_below(&rules, last, 8.0) {
            Some(r) => {
                let len = (r.x1 - r.x0) * PT_MM;
                let ratio = len / longest;
                if !(1.0 / 3.0 - 0.03..=0.53).contains(&ratio) {
                    out.push(Severity::Warning, "layout.trich_yeu_rule", Some(last), format!("đường kẻ dưới trích yếu dài {len:.1} mm, bằng {:.0}% dòng dài nhất ({longest:.1} mm); Nghị định 30: 1/3–1/2", ratio * 100.0), format!("the rule under the trích yếu is {len:.1} mm, {:.0}% of the longest line ({longest:.1} mm); Decree 30: 1/3–1/2", ratio * 100.0), Some((format!("kẻ dài {:.0}–{:.0} mm", longest / 3.0, longest / 2.0), format!("make it {:.0}–{:.0} mm long", longest / 3.0, longest / 2.0))));
                }
            }
            None => out.push(
                Severity::Warning,
                "layout.trich_yeu_rule",
                Some(last),
                "không có đường kẻ dưới trích yếu".into(),
                "no rule under the trích yếu".into(),
                None,
            ),
        }
    }
    // Nơi nhận and signer.
    out.size(
        "layout.noi_nhan",
        f.noi_nhan_label,
        ("chữ \"Nơi nhận:\"", "the \"Nơi nhận:\" label"),
        12.0,
        12.0,
    );
    out.face(
        "layout.noi_nhan",
        f.noi_nhan_label,
        ("chữ \"Nơi nhận:\"", "the \"Nơi nhận:\" label"),
        Some(true),
        Some(true),
    );
    let entries: Vec<&Line> = f.noi_nhan.iter().flatten().copied().chain(f.luu).collect();
    if let Some(l) = entries
        .iter()
        .find(|l| l.sizes.iter().any(|s| (*s - 11.0).abs() > 0.3))
    {
        let sizes: Vec<String> = l.sizes.iter().map(|s| s.to_string()).collect();
        out.push(
            Severity::Warning,
            "layout.noi_nhan",
            Some(l),
            format!(
                "dòng nơi nhận cỡ {} pt; Nghị định 30: 11 pt",
                sizes.join("/")
            ),
            format!(
                "a distribution line is {} pt; Decree 30: 11 pt",
                sizes.join("/")
            ),
            None,
        );
    }
    for l in f.authority.iter().chain(&f.post) {
        out.size(
            "layout.signature",
            Some(l),
            (
                "thẩm quyền, chức vụ người ký",
                "the signer's authority and post",
            ),
            13.0,
            14.0,
        );
        out.face(
            "layout.signature",
            Some(l),
            (
                "thẩm quyền, chức vụ người ký",
                "the signer's authority and post",
            ),
            Some(true),
            None,
        );
    }
    out.size(
        "layout.signer_name",
        f.name,
        ("họ tên người ký", "the signer's name"),
        13.0,
        14.0,
    );
    out.face(
        "layout.signer_name",
        f.name,
        ("họ tên người ký", "the signer's name"),
        Some(true),
        None,
    );
    if let (Some(a), Some(lab)) = (f.authority.first().or(f.post.first()), f.noi_nhan_label) {
        if (a.y - lab.y).abs() > 1.5 || a.page != lab.page {
            out.push(
                Severity::Warning,
                "layout.signature",
                Some(a),
                "dòng thẩm quyền ký không ngang hàng với chữ \"Nơi nhận:\"".into(),
                "the authority line is not level with \"Nơi nhận:\"".into(),
                None,
            );
        }
    }
    // Page numbers: from page 2 of the document and of each annex (an
    // annex is paginated on its own), centred at the top.
    if pages.len() > 1 {
        for p in 2..=pages.len() {
            if f.annex_pages.contains(&p) {
                continue;
            }
            let n = f.page_numbers.iter().find(|l| l.page == p);
            match n {
                None => {
                    out.push(
                        Severity::Warning,
                        "layout.page_numbers",
                        None,
                        format!("trang {p} không có số trang"),
                        format!("page {p} has no page number"),
                        None,
                    );
                    break;
                }
                Some(l) => {
                    let ph = pages[p - 1].height * PT_MM;
                    if l.y > ph / 2.0 {
                        out.push(
                            Severity::Warning,
                            "layout.page_numbers",
                            Some(l),
                            "số trang ở lề dưới; Nghị định 30: giữa lề trên".into(),
                            "the page number is at the bottom; Decree 30: centred at the top"
                                .into(),
                            None,
                        );
                        break;
                    }
                    if body.len() >= 3 && (l.centre() - text_centre).abs() > 2.0 {
                        out.push(
                            Severity::Warning,
                            "layout.page_numbers",
                            Some(l),
                            "số trang không căn giữa".into(),
                            "the page number is not centred".into(),
                            None,
                        );
                        break;
                    }
                    if !(12.7..=14.3).contains(&l.size) {
                        out.push(
                            Severity::Warning,
                            "layout.page_numbers",
                            Some(l),
                            format!("số trang cỡ {} pt; Nghị định 30: 13–14 pt", l.size),
                            format!("the page number is {} pt; Decree 30: 13–14 pt", l.size),
                            None,
                        );
                        break;
                    }
                }
            }
        }
        if let Some(l) = f.page_numbers.iter().find(|l| l.page == 1) {
            out.push(
                Severity::Warning,
                "layout.page_numbers",
                Some(l),
                "trang 1 có số trang".into(),
                "page 1 shows a page number".into(),
                None,
            );
        }
    }
    let mut missing: Vec<String> = pages
        .iter()
        .flat_map(|p| p.not_embedded.iter().cloned())
        .collect();
    missing.sort();
    missing.dedup();
    if !missing.is_empty() {
        out.push(
            Severity::Note,
            "pdf.fonts_embedded",
            None,
            format!(
                "phông chữ không nhúng trong tệp: {} (máy khác có thể in bằng phông thay thế)",
                missing.join(", ")
            ),
            format!(
                "fonts not embedded in the file: {} (another machine may print with a substitute)",
                missing.join(", ")
            ),
            Some((
                "khi xuất PDF, chọn nhúng phông chữ".into(),
                "embed the fonts when exporting the PDF".into(),
            )),
        );
    }
    if !f.stamps.is_empty() {
        let s = f.stamps[0];
        out.push(
            Severity::Note,
            "pdf.signing_info",
            Some(s),
            "có khung thông tin chữ ký số của cơ quan ở góc trên bên phải trang 1".into(),
            "an organisation's digital-signature box sits at the top right of page 1".into(),
            None,
        );
    }

    // Content rules on a model built from the lines.
    let (doc, where_) = model(&f);
    let fonts = crate::audit::layout::fonts();
    let can_draw =
        |c: char, b: bool, i: bool| fonts.face(vanban_fonts::FaceId::new(b, i)).has_char(c);
    for d in check(
        &doc,
        &CheckOptions {
            today: opts.today,
            can_draw: Some(&can_draw),
        },
    ) {
        let Some(mut d) = crate::audit::content::judge(d, &doc) else {
            continue;
        };
        if let Some(l) = where_
            .iter()
            .find(|(p, _)| d.path.starts_with(p.as_str()))
            .map(|(_, l)| *l)
        {
            d.path = format!("{} · {}", loc(l), d.path);
        }
        out.v.push(d);
    }
    if let Some(s) = f.so {
        if let Some(so) = parse_so(s.trimmed()) {
            if so.number.is_some() && so.number_text != so.number_text.trim() {
                out.push(Severity::Warning, "so_hieu.spacing", Some(s), format!("dấu cách giữa số `{}` và dấu `/`: số và ký hiệu viết liền", so.number_text.trim()), format!("a space between the number `{}` and the `/`: number and code are written without spaces", so.number_text.trim()), Some((format!("ghi `Số: {}/{}`", so.number_text.trim(), so.ky_hieu), format!("write `Số: {}/{}`", so.number_text.trim(), so.ky_hieu))));
            }
        }
    }
    Ok(Audit {
        kind: f.kind,
        diagnostics: sort(out.v),
        imported: None,
    })
}

/// A paragraph's lines as one string. A line ending in a hyphen after a
/// code (`6138/UBND-`) was broken inside that code: no space is added.
fn join(ls: &[&Line]) -> String {
    let mut s = String::new();
    for l in ls {
        let t = l.trimmed();
        let glued = s.ends_with('-') && s.rsplit(' ').next().is_some_and(|w| w.contains('/'));
        if !s.is_empty() && !glued {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

/// A model of what the PDF says, for the content rules, with the line
/// each field came from.
fn model<'a>(f: &Found<'a>) -> (Document, Vec<(String, &'a Line)>) {
    let mut where_: Vec<(String, &Line)> = Vec::new();
    let so = f.so.and_then(|l| parse_so(l.trimmed()));
    let mut so_hieu = SoHieu::default();
    let mut abbreviation = String::new();
    if let (Some(l), Some(s)) = (f.so, &so) {
        so_hieu.number = s.number;
        let groups: Vec<&str> = s.ky_hieu.split('-').map(str::trim).collect();
        abbreviation = groups.get(1..).map(|g| g.join("-")).unwrap_or_default();
        if so_hieu.ky_hieu(f.kind, &abbreviation) != s.ky_hieu {
            so_hieu.ky_hieu = Some(s.ky_hieu.clone());
        }
        where_.push(("so_hieu".into(), l));
        where_.push(("issuer.abbreviation".into(), l));
    }
    let pd = f.date.and_then(|l| parse_place_date(l.trimmed()));
    if let Some(l) = f.date {
        where_.push(("date".into(), l));
        where_.push(("place".into(), l));
    }
    if let Some(l) = f.trich_yeu.first() {
        where_.push(("trich_yeu".into(), l));
    }
    // Body paragraphs: a line starting further right than the left edge
    // opens a paragraph.
    let left = f.body.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let mut paras: Vec<Vec<&Line>> = Vec::new();
    for l in &f.body {
        if l.x0 - left > 3.0 || paras.is_empty() {
            paras.push(vec![l]);
        } else if let Some(p) = paras.last_mut() {
            p.push(l);
        }
    }
    let mut body = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        where_.push((format!("body[{i}]"), p[0]));
        body.push(Block::Paragraph(Text::plain(join(p))));
    }
    let mut entries = Vec::new();
    for (i, e) in f.noi_nhan.iter().enumerate() {
        where_.push((format!("noi_nhan.entries[{i}]"), e[0]));
        entries.push(Text::plain(
            join(e).trim_start_matches(['-', '–', ' ']).to_string(),
        ));
    }
    if let Some(l) = f.noi_nhan_label {
        where_.push(("noi_nhan".into(), l));
    }
    let luu = f.luu.map(|l| {
        where_.push(("noi_nhan.luu".into(), l));
        parse_luu(l.trimmed().trim_start_matches(['-', '–', ' ']))
    });
    if let Some(l) = f.authority.first().or(f.post.first()) {
        where_.push(("signature".into(), l));
    }
    // Addressees: a line with a dash opens one, other lines continue it.
    let mut kinh_gui: Vec<Text> = Vec::new();
    for l in &f.kinh_gui {
        let t = l.trimmed();
        let t = strip_label(t, "Kính gửi").unwrap_or(t).trim();
        if t.is_empty() {
            continue;
        }
        let dash = t.starts_with('-') || t.starts_with('–');
        let body = t.trim_start_matches(['-', '–', ' ']).to_string();
        match kinh_gui.last_mut() {
            Some(last) if !dash => {
                let joined = format!("{} {body}", last.plain_text());
                *last = Text::plain(joined);
            }
            _ => kinh_gui.push(Text::plain(body)),
        }
    }
    let doc = Document {
        schema: None,
        kind: f.kind,
        draft: so.as_ref().is_none_or(|s| s.number.is_none()),
        issuer: Issuer {
            superior: Lines(f.superior.iter().map(|l| l.trimmed().to_string()).collect()),
            name: Lines(f.issuer.iter().map(|l| l.trimmed().to_string()).collect()),
            abbreviation,
            full_name: None,
        },
        so_hieu,
        place: pd.as_ref().map(|d| d.place.clone()).unwrap_or_default(),
        date: pd.as_ref().and_then(|d| {
            d.year.map(|y| IssueDate {
                year: y,
                month: d.month,
                day: d.day,
            })
        }),
        trich_yeu: Lines(
            f.trich_yeu
                .iter()
                .map(|l| l.trimmed().to_string())
                .collect(),
        ),
        authority: Lines(
            f.authority_line
                .iter()
                .map(|l| l.trimmed().to_string())
                .collect(),
        ),
        intro: None,
        kinh_gui,
        can_cu: None,
        body,
        noi_nhan: NoiNhan { entries, luu },
        signature: Signature {
            authority: f
                .authority
                .iter()
                .map(|l| l.trimmed().to_string())
                .collect(),
            post: f
                .post
                .iter()
                .map(|l| l.trimmed())
                .collect::<Vec<_>>()
                .join(" "),
            name: f.name.map(|l| l.trimmed().to_string()).unwrap_or_default(),
            signature_image: None,
            seal_image: None,
        },
        co_signers: Vec::new(),
        footer: Lines(Vec::new()),
        annexes: Vec::new(),
        metadata: Metadata {
            title: None,
            author: None,
            subject: None,
            keywords: Vec::new(),
            language: "vi-VN".into(),
            created: None,
        },
        profile: None,
    };
    let (doc, _) = vanban_core::load::normalize(doc);
    // Longest paths first, so `noi_nhan.luu` wins over `noi_nhan`.
    where_.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    (doc, where_)
}
