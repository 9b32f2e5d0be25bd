//! The layout of a Word file as Word lays it out, against Decree 30:
//! page set-up per section, fonts, each component's size, weight, slant,
//! case and position, the body's alignment, indent and spacing, the rules
//! under the issuing body, the motto and the trích yếu, the page numbers.
//!
//! Severity: a **warning** for a measured departure from a rule the decree
//! states (sizes, margins, A4, italic place and date …); a **note** for the
//! models' practice or what cannot be measured exactly (size coupling,
//! typed underscores, a landscape annex); an **error** only for text set in
//! a legacy 8-bit Vietnamese font, which prints the wrong letters.

use crate::assemble::Location;
use crate::docx::{twips_to_mm, Align, LineRule, Para, Place, Rule, RuleKind, WordDoc};
use crate::recognise::words::is_upper;
use crate::recognise::{Parts, Piece};
use std::sync::OnceLock;
use vanban_core::{Diagnostic, DocumentKind, Msg, Severity};
use vanban_fonts::{FaceId, Fonts};

pub(crate) fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(Fonts::embedded)
}

const PT_MM: f32 = 25.4 / 72.0;

/// Width in mm of a string in Times New Roman metrics.
pub(crate) fn width_mm(s: &str, bold: bool, italic: bool, size: f32) -> f32 {
    let s: String = s.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    fonts().face(FaceId::new(bold, italic)).width(&s, size) * PT_MM
}

/// Width in mm of a paragraph's visible text (outer spaces dropped).
fn text_width_mm(p: &Para) -> f32 {
    let text = p.text();
    let lead = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    let mut pos = 0;
    let mut w = 0.0;
    for r in &p.runs {
        let (a, b) = (pos, pos + r.text.len());
        pos = b;
        let (s, e) = (a.max(lead), b.min(end));
        if s < e {
            let piece = &text[s..e];
            w += width_mm(piece, r.props.bold, r.props.italic, r.props.size_pt())
                + piece.chars().count() as f32 * r.props.spacing as f32 / 20.0 * PT_MM;
        }
    }
    w
}

/// Where the centre of a one-line paragraph falls relative to the centre
/// of its container, in mm (positive: right of centre). Leading spaces and
/// tabs count, as they do in Word.
fn centre_offset_mm(p: &Para) -> Option<f32> {
    let container = twips_to_mm(p.container_width as f32);
    let text = p.text();
    if text.contains('\n') {
        return None;
    }
    let left = twips_to_mm(p.props.ind_left as f32);
    let right = twips_to_mm(p.props.ind_right as f32);
    let first = twips_to_mm(p.props.ind_first as f32);
    let size = p.main_size().unwrap_or(13.0);
    let lead_text: String = text.chars().take_while(|c| c.is_whitespace()).collect();
    let tabs = lead_text.chars().filter(|c| *c == '\t').count();
    let spaces = lead_text.chars().filter(|c| *c == ' ').count();
    let w = text_width_mm(p);
    if w > container - left - right {
        return None;
    }
    let centre = match p.props.align {
        Align::Center => {
            let lead_w = width_mm(&" ".repeat(spaces), false, false, size) + tabs as f32 * 12.7;
            left + first + (container - left - right - first + lead_w) / 2.0
        }
        Align::Right => container - right - w / 2.0,
        Align::Left | Align::Justify => {
            let mut x = left + first;
            for _ in 0..tabs {
                x = ((x / 12.7).floor() + 1.0) * 12.7;
            }
            x + width_mm(&" ".repeat(spaces), false, false, size) + w / 2.0
        }
    };
    Some(centre - container / 2.0)
}

pub(crate) struct Layout<'w> {
    pub out: Vec<Diagnostic>,
    w: &'w WordDoc,
}

fn msg(vi: impl Into<String>, en: impl Into<String>) -> Msg {
    Msg::new(vi, en)
}

fn fmt_sizes(v: &[f32]) -> String {
    v.iter()
        .map(|s| format!("{s}"))
        .collect::<Vec<_>>()
        .join("/")
}

/// What a component should look like.
struct Spec {
    vi: &'static str,
    en: &'static str,
    sizes: (f32, f32),
    bold: Option<bool>,
    italic: Option<bool>,
    upper: Option<bool>,
}

impl<'w> Layout<'w> {
    pub fn new(w: &'w WordDoc) -> Self {
        Layout { out: Vec::new(), w }
    }

    fn push(&mut self, sev: Severity, code: &'static str, path: String, m: Msg, fix: Option<Msg>) {
        let mut d = Diagnostic::new(sev, code, path, m);
        d.fix = fix;
        self.out.push(d);
    }

    pub fn run(&mut self, parts: &Parts) {
        self.page();
        self.fonts();
        self.header(parts);
        self.title(parts);
        self.body(parts);
        self.closing(parts);
        self.page_numbers();
    }

    fn page(&mut self) {
        for (i, s) in self.w.sections.iter().enumerate() {
            let path = format!("section {}", i + 1);
            let (w, h) = (
                twips_to_mm(s.page_width as f32),
                twips_to_mm(s.page_height as f32),
            );
            let (short, long) = (w.min(h), w.max(h));
            if (short - 210.0).abs() > 1.0 || (long - 297.0).abs() > 1.0 {
                let name = if (short - 215.9).abs() < 1.0 && (long - 279.4).abs() < 1.0 {
                    " (US Letter)"
                } else {
                    ""
                };
                self.push(
                    Severity::Warning,
                    "layout.page_size",
                    path.clone(),
                    msg(
                        format!("khổ giấy {w:.1} × {h:.1} mm{name}; Nghị định 30 quy định khổ A4 (210 × 297 mm)"),
                        format!("the page is {w:.1} × {h:.1} mm{name}; Decree 30 prescribes A4 (210 × 297 mm)"),
                    ),
                    Some(msg("Bố cục > Kích thước > A4", "Layout > Size > A4")),
                );
            }
            if s.landscape {
                let has_table = self.w.blocks.iter().any(|b| matches!(b, crate::docx::Block::Table(t) if t.section == i && t.has_borders));
                self.push(
                    if has_table { Severity::Note } else { Severity::Warning },
                    "layout.orientation",
                    path.clone(),
                    if has_table {
                        msg(
                            "trang nằm ngang cho một bảng: Nghị định 30 cho phép khi văn bản có bảng, biểu (lề trang nằm ngang không được quy định)",
                            "a landscape section for a table: Decree 30 allows it for tables and charts (its margins are not regulated)",
                        )
                    } else {
                        msg(
                            "trang nằm ngang không có bảng, biểu; Nghị định 30 trình bày theo chiều dài khổ A4",
                            "a landscape section without a table or chart; Decree 30 sets documents in portrait",
                        )
                    },
                    None,
                );
                continue;
            }
            let m = |t: i32| twips_to_mm(t as f32);
            for (code, vi, en, v, lo, hi) in [
                (
                    "layout.margin_top",
                    "lề trên",
                    "top margin",
                    m(s.top),
                    20.0,
                    25.0,
                ),
                (
                    "layout.margin_bottom",
                    "lề dưới",
                    "bottom margin",
                    m(s.bottom),
                    20.0,
                    25.0,
                ),
                (
                    "layout.margin_left",
                    "lề trái",
                    "left margin",
                    m(s.left),
                    30.0,
                    35.0,
                ),
                (
                    "layout.margin_right",
                    "lề phải",
                    "right margin",
                    m(s.right),
                    15.0,
                    20.0,
                ),
            ] {
                if v < lo - 0.3 || v > hi + 0.3 {
                    self.push(
                        Severity::Warning,
                        code,
                        path.clone(),
                        msg(
                            format!("{vi} {v:.1} mm; Nghị định 30: {lo:.0}–{hi:.0} mm"),
                            format!("{en} {v:.1} mm; Decree 30: {lo:.0}–{hi:.0} mm"),
                        ),
                        Some(msg(
                            format!("đặt {vi} trong khoảng {lo:.0}–{hi:.0} mm (Bố cục > Lề)"),
                            format!("set the {en} to {lo:.0}–{hi:.0} mm (Layout > Margins)"),
                        )),
                    );
                }
            }
        }
    }

    fn fonts(&mut self) {
        let mut other: Vec<(String, usize, Vec<&Para>)> = Vec::new();
        let mut legacy: Vec<(String, &Para)> = Vec::new();
        let mut coloured: Vec<(&Para, String)> = Vec::new();
        for p in self.w.paras() {
            for r in p.visible_runs() {
                if let Some(c) = &r.props.color {
                    if coloured.iter().all(|(q, _)| q.number != p.number) {
                        coloured.push((p, c.clone()));
                    }
                }
                let Some(f) = &r.props.font else {
                    continue;
                };
                if crate::docx::is_legacy_font(f) {
                    if legacy.iter().all(|(n, _)| n != f) {
                        legacy.push((f.clone(), p));
                    }
                } else if !f.to_lowercase().starts_with("times new roman") {
                    let n = r.text.trim().chars().count();
                    match other.iter_mut().find(|(name, _, _)| name == f) {
                        Some(e) => {
                            e.1 += n;
                            if !e.2.iter().any(|q| q.number == p.number) {
                                e.2.push(p);
                            }
                        }
                        None => other.push((f.clone(), n, vec![p])),
                    }
                }
            }
        }
        for (f, p) in legacy {
            self.push(
                Severity::Error,
                "layout.font_legacy",
                Location::of(p).label(),
                msg(
                    format!("chữ đặt phông `{f}` (bảng mã TCVN3/VNI cũ): chữ Unicode in ra sai dấu; Nghị định 30 dùng phông Times New Roman, bảng mã Unicode (TCVN 6909:2001)"),
                    format!("text is set in `{f}` (an old TCVN3/VNI 8-bit font): Unicode text prints with wrong letters; Decree 30 uses Times New Roman, Unicode (TCVN 6909:2001)"),
                ),
                Some(msg("chọn phông Times New Roman cho đoạn này", "set the paragraph in Times New Roman")),
            );
        }
        for (f, n, ps) in other {
            let list: Vec<String> = ps
                .iter()
                .take(3)
                .map(|p| format!("¶{}", p.number))
                .collect();
            self.push(
                Severity::Warning,
                "layout.font",
                Location::of(ps[0]).label(),
                msg(
                    format!(
                        "{n} ký tự đặt phông `{f}` ({}); Nghị định 30 dùng phông Times New Roman",
                        list.join(", ")
                    ),
                    format!(
                        "{n} character(s) are set in `{f}` ({}); Decree 30 uses Times New Roman",
                        list.join(", ")
                    ),
                ),
                Some(msg("chọn phông Times New Roman", "use Times New Roman")),
            );
        }
        for (f, place) in &self.w.fonts_named {
            if place.starts_with('¶') {
                continue;
            }
            self.out.push(Diagnostic::new(
                Severity::Note,
                "layout.font_legacy_style",
                place.clone(),
                msg(
                    format!("kiểu `{}` còn đặt phông `{f}` (bảng mã TCVN3 cũ); chưa có chữ nào dùng nó, nhưng chữ gõ theo kiểu này sẽ in sai dấu", place.trim_start_matches("style ")),
                    format!("the style `{}` still names `{f}` (an old TCVN3 font); no text uses it now, but text typed in that style would print wrong letters", place.trim_start_matches("style ")),
                ),
            ));
        }
        if let Some((p, c)) = coloured.first() {
            self.push(
                Severity::Warning,
                "layout.colour",
                Location::of(p).label(),
                msg(
                    format!(
                        "chữ màu #{c} ({} đoạn); Nghị định 30: chữ màu đen",
                        coloured.len()
                    ),
                    format!(
                        "text in colour #{c} ({} paragraph(s)); Decree 30: black text",
                        coloured.len()
                    ),
                ),
                Some(msg(
                    "đặt màu chữ Tự động/đen",
                    "set the font colour to Automatic/black",
                )),
            );
        }
    }

    fn component(&mut self, code: &'static str, paras: &[&Para], spec: &Spec) {
        let visible: Vec<&&Para> = paras.iter().filter(|p| !p.is_blank()).collect();
        let Some(first) = visible.first() else {
            return;
        };
        let _ = first;
        // Size.
        for p in &visible {
            let sizes = p.sizes();
            let bad: Vec<f32> = sizes
                .iter()
                .copied()
                .filter(|s| *s < spec.sizes.0 - 0.01 || *s > spec.sizes.1 + 0.01)
                .collect();
            if !bad.is_empty() {
                let range = if spec.sizes.0 == spec.sizes.1 {
                    format!("{}", spec.sizes.0)
                } else {
                    format!("{}–{}", spec.sizes.0, spec.sizes.1)
                };
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(p).label(),
                    msg(
                        format!(
                            "{} cỡ chữ {} pt; Nghị định 30: {range} pt",
                            spec.vi,
                            fmt_sizes(&sizes)
                        ),
                        format!(
                            "{} is set at {} pt; Decree 30: {range} pt",
                            spec.en,
                            fmt_sizes(&sizes)
                        ),
                    ),
                    Some(msg(
                        format!("đặt cỡ chữ {range} pt"),
                        format!("set the size to {range} pt"),
                    )),
                );
                break;
            }
        }
        if let Some(want) = spec.bold {
            if let Some(p) = visible
                .iter()
                .find(|p| p.all_bold() != want && (want || p.visible_runs().any(|r| r.props.bold)))
            {
                let (vi, en) = if want {
                    ("in đậm", "bold")
                } else {
                    ("không in đậm", "not bold")
                };
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(p).label(),
                    msg(
                        format!("{} phải {vi}", spec.vi),
                        format!("{} must be {en}", spec.en),
                    ),
                    None,
                );
            }
        }
        if let Some(want) = spec.italic {
            if let Some(p) = visible.iter().find(|p| {
                p.all_italic() != want && (want || p.visible_runs().any(|r| r.props.italic))
            }) {
                let (vi, en) = if want {
                    ("in nghiêng", "italic")
                } else {
                    ("chữ đứng", "upright")
                };
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(p).label(),
                    msg(
                        format!("{} phải {vi}", spec.vi),
                        format!("{} must be {en}", spec.en),
                    ),
                    None,
                );
            }
        }
        if let Some(want) = spec.upper {
            if let Some(p) = visible.iter().find(|p| {
                let caps = p.visible_runs().all(|r| r.props.caps);
                (is_upper(&p.trimmed()) || caps) != want
            }) {
                let (vi, en) = if want {
                    ("viết in hoa", "in capitals")
                } else {
                    (
                        "viết chữ thường (không in hoa toàn bộ)",
                        "in normal case (not all capitals)",
                    )
                };
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(p).label(),
                    msg(
                        format!("{} phải {vi}", spec.vi),
                        format!("{} must be {en}", spec.en),
                    ),
                    None,
                );
            }
        }
    }

    fn rule_check(
        &mut self,
        code: &'static str,
        rules: &[(&Para, &Rule)],
        anchor: Option<&Para>,
        what: (&str, &str),
        longest_mm: f32,
        range: (f32, f32),
    ) {
        let Some((p, r)) = rules.first() else {
            if let Some(a) = anchor {
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(a).label(),
                    msg(
                        format!("không có đường kẻ dưới {}", what.0),
                        format!("no rule under {}", what.1),
                    ),
                    Some(msg(
                        format!("kẻ một đường liền dưới {}", what.0),
                        format!("draw a solid line under {}", what.1),
                    )),
                );
            }
            return;
        };
        if r.how == RuleKind::Underscores {
            self.push(
                Severity::Note,
                code,
                Location::of(p).label(),
                msg(
                    format!("đường kẻ dưới {} được gõ bằng dấu gạch dưới (_); độ dài phụ thuộc phông chữ", what.0),
                    format!("the rule under {} is typed as underscores (_); its length depends on the font", what.1),
                ),
                Some(msg("vẽ một đường thẳng (Chèn > Hình > Đường thẳng)", "draw a line shape (Insert > Shapes > Line)")),
            );
        }
        if longest_mm > 0.0 {
            let ratio = r.length_mm / longest_mm;
            if ratio < range.0 || ratio > range.1 {
                let want = if range == MOTTO {
                    (
                        "bằng độ dài dòng Tiêu ngữ".to_string(),
                        "as long as the motto".to_string(),
                    )
                } else {
                    (
                        "từ 1/3 đến 1/2 độ dài dòng chữ".to_string(),
                        "1/3 to 1/2 of the text line".to_string(),
                    )
                };
                self.push(
                    Severity::Warning,
                    code,
                    Location::of(p).label(),
                    msg(
                        format!("đường kẻ dưới {} dài {:.1} mm, bằng {:.0}% dòng chữ dài nhất ({longest_mm:.1} mm); Nghị định 30: {}", what.0, r.length_mm, ratio * 100.0, want.0),
                        format!("the rule under {} is {:.1} mm, {:.0}% of the longest line ({longest_mm:.1} mm); Decree 30: {}", what.1, r.length_mm, ratio * 100.0, want.1),
                    ),
                    Some(if range == MOTTO {
                        msg(format!("kẻ dài {longest_mm:.0} mm"), format!("make it {longest_mm:.0} mm long"))
                    } else {
                        msg(
                            format!("kẻ dài {:.0}–{:.0} mm", longest_mm / 3.0, longest_mm / 2.0),
                            format!("make it {:.0}–{:.0} mm long", longest_mm / 3.0, longest_mm / 2.0),
                        )
                    }),
                );
            }
        }
        if let Some(off) = r.centre_offset_mm.filter(|o| o.abs() > 4.0) {
            self.push(
                Severity::Warning,
                code,
                Location::of(p).label(),
                msg(
                    format!("đường kẻ dưới {} lệch {off:+.1} mm so với giữa cột", what.0),
                    format!(
                        "the rule under {} is {off:+.1} mm off the column's centre",
                        what.1
                    ),
                ),
                Some(msg("căn đường kẻ vào giữa", "centre the rule")),
            );
        }
    }

    fn centred(
        &mut self,
        code: &'static str,
        p: &Para,
        what: (&str, &str),
        reference: Option<f32>,
    ) {
        let Some(off) = centre_offset_mm(p) else {
            return;
        };
        let off = off - reference.unwrap_or(0.0);
        if off.abs() > 2.0 {
            let how = if p.props.align == Align::Center {
                ("", "")
            } else {
                (
                    " (căn bằng dấu cách/tab, không căn giữa)",
                    " (placed with spaces or tabs, not centred)",
                )
            };
            self.push(
                Severity::Warning,
                code,
                Location::of(p).label(),
                msg(
                    format!("{} lệch {off:+.1} mm so với giữa{}", what.0, how.0),
                    format!("{} is {off:+.1} mm off centre{}", what.1, how.1),
                ),
                Some(msg(
                    "căn giữa (Ctrl+E), xóa dấu cách đầu dòng",
                    "centre it (Ctrl+E) and remove the leading spaces",
                )),
            );
        }
    }

    fn header(&mut self, parts: &Parts) {
        let qh_size = parts.quoc_hieu.and_then(|p| p.main_size());
        self.component(
            "layout.superior",
            &parts.superior,
            &Spec {
                vi: "tên cơ quan chủ quản",
                en: "the superior body's name",
                sizes: (12.0, 13.0),
                bold: Some(false),
                italic: Some(false),
                upper: Some(true),
            },
        );
        self.component(
            "layout.issuer",
            &parts.issuer,
            &Spec {
                vi: "tên cơ quan ban hành",
                en: "the issuing body's name",
                sizes: (12.0, 13.0),
                bold: Some(true),
                italic: Some(false),
                upper: Some(true),
            },
        );
        if let Some((p, _)) = &parts.so {
            self.component(
                "layout.so",
                &[p],
                &Spec {
                    vi: "dòng Số, ký hiệu",
                    en: "the Số line",
                    sizes: (13.0, 13.0),
                    bold: Some(false),
                    italic: Some(false),
                    upper: None,
                },
            );
            // Centred under the issuing body, wherever that sits.
            let issuer_centre = parts.issuer.first().and_then(|p| centre_offset_mm(p));
            if parts.issuer.first().is_some_and(|i| i.place == p.place || matches!((i.place, p.place), (Place::Cell { table: a, col: c, .. }, Place::Cell { table: b, col: d, .. }) if a == b && c == d)) {
                self.centred("layout.so", p, ("dòng Số (so với tên cơ quan)", "the Số line (against the issuing body)"), issuer_centre);
            }
        }
        if let Some(p) = parts.quoc_hieu {
            self.component(
                "layout.quoc_hieu",
                &[p],
                &Spec {
                    vi: "Quốc hiệu",
                    en: "the national name",
                    sizes: (12.0, 13.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: Some(true),
                },
            );
            let size = qh_size.unwrap_or(13.0);
            let w = text_width_mm(p);
            let room =
                twips_to_mm((p.container_width - p.props.ind_left - p.props.ind_right) as f32);
            if w > room + 0.2 && matches!(p.place, Place::Cell { .. }) {
                self.push(
                    Severity::Warning,
                    "layout.header_columns",
                    Location::of(p).label(),
                    msg(
                        format!("Quốc hiệu ở cỡ {size} pt cần {w:.1} mm nhưng cột chỉ rộng {room:.1} mm: bị xuống dòng"),
                        format!("the national name at {size} pt needs {w:.1} mm but its column is {room:.1} mm wide: it wraps"),
                    ),
                    Some(msg("nới rộng cột phải của bảng tiêu đề", "widen the header table's right column")),
                );
            }
        }
        if let Some(p) = parts.tieu_ngu {
            self.component(
                "layout.tieu_ngu",
                &[p],
                &Spec {
                    vi: "Tiêu ngữ",
                    en: "the motto",
                    sizes: (13.0, 14.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: Some(false),
                },
            );
            if let (Some(q), Some(t)) = (qh_size, p.main_size()) {
                if (t - q - 1.0).abs() > 0.01 {
                    self.push(
                        Severity::Note,
                        "layout.size_coupling",
                        Location::of(p).label(),
                        msg(
                            format!("Tiêu ngữ cỡ {t} pt, Quốc hiệu {q} pt; mẫu của Nghị định 30 dùng Tiêu ngữ lớn hơn Quốc hiệu 1 pt (13/14 hoặc 12/13)"),
                            format!("the motto is {t} pt and the national name {q} pt; Decree 30's models set the motto 1 pt larger (13/14 or 12/13)"),
                        ),
                        None,
                    );
                }
            }
            let qh_centre = parts.quoc_hieu.and_then(centre_offset_mm);
            self.centred("layout.tieu_ngu", p, ("Tiêu ngữ", "the motto"), qh_centre);
            let mw = text_width_mm(p);
            self.rule_check(
                "layout.motto_rule",
                &parts.motto_rules,
                Some(p),
                ("Tiêu ngữ", "the motto"),
                mw,
                MOTTO,
            );
        }
        if let Some((p, _)) = &parts.place_date {
            self.component(
                "layout.date",
                &[p],
                &Spec {
                    vi: "dòng địa danh, ngày tháng",
                    en: "the place-and-date line",
                    sizes: (13.0, 14.0),
                    bold: Some(false),
                    italic: Some(true),
                    upper: None,
                },
            );
            let qh_centre = parts.quoc_hieu.and_then(centre_offset_mm);
            if parts.quoc_hieu.is_some_and(|q| q.place == p.place || matches!((q.place, p.place), (Place::Cell { table: a, col: c, .. }, Place::Cell { table: b, col: d, .. }) if a == b && c == d)) {
                self.centred("layout.date", p, ("dòng địa danh, ngày tháng (so với Quốc hiệu)", "the place-and-date line (against the national name)"), qh_centre);
            }
        }
        for p in &parts.vv {
            self.component(
                "layout.vv",
                &[p],
                &Spec {
                    vi: "trích yếu công văn (V/v)",
                    en: "the V/v subject line",
                    sizes: (12.0, 13.0),
                    bold: Some(false),
                    italic: Some(false),
                    upper: Some(false),
                },
            );
        }
        if !parts.issuer.is_empty() {
            let longest = parts
                .issuer
                .iter()
                .map(|p| text_width_mm(p))
                .fold(0.0, f32::max);
            self.rule_check(
                "layout.issuer_rule",
                &parts.issuer_rules,
                parts.issuer.last().copied(),
                ("tên cơ quan ban hành", "the issuing body"),
                longest,
                THIRD_HALF,
            );
        }
    }

    fn title(&mut self, parts: &Parts) {
        if let Some((p, _)) = &parts.ten_loai {
            self.component(
                "layout.ten_loai",
                &[p],
                &Spec {
                    vi: "tên loại văn bản",
                    en: "the type name",
                    sizes: (13.0, 14.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: Some(true),
                },
            );
            self.centred("layout.ten_loai", p, ("tên loại", "the type name"), None);
        }
        if parts.ten_loai.is_some() && !parts.trich_yeu.is_empty() {
            self.component(
                "layout.trich_yeu",
                &parts.trich_yeu,
                &Spec {
                    vi: "trích yếu",
                    en: "the trích yếu",
                    sizes: (13.0, 14.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: Some(false),
                },
            );
            let longest = parts
                .trich_yeu
                .iter()
                .map(|p| {
                    let room = twips_to_mm(
                        (p.container_width - p.props.ind_left - p.props.ind_right) as f32,
                    );
                    text_width_mm(p).min(room)
                })
                .fold(0.0, f32::max);
            self.rule_check(
                "layout.trich_yeu_rule",
                &parts.title_rules,
                parts.trich_yeu.last().copied(),
                ("trích yếu", "the trích yếu"),
                longest,
                THIRD_HALF,
            );
        } else if let (Some((p, _)), true) = (&parts.ten_loai, parts.trich_yeu.is_empty()) {
            // Giấy giới thiệu, Giấy nghỉ phép: the rule is under the type name.
            if !matches!(
                parts.kind,
                DocumentKind::GiayGioiThieu | DocumentKind::GiayNghiPhep
            ) {
                let _ = p;
            }
        }
        if let Some(p) = parts.kinh_gui_label {
            self.component(
                "layout.kinh_gui",
                &[p],
                &Spec {
                    vi: "dòng Kính gửi",
                    en: "the Kính gửi line",
                    sizes: (13.0, 14.0),
                    bold: Some(false),
                    italic: Some(false),
                    upper: None,
                },
            );
        }
        let strict = matches!(
            parts.kind,
            DocumentKind::QuyetDinh | DocumentKind::NghiQuyet
        );
        if !parts.can_cu.is_empty() {
            let upright: Vec<&&Para> = parts.can_cu.iter().filter(|p| !p.all_italic()).collect();
            if let Some(p) = upright.first() {
                self.push(
                    if strict { Severity::Warning } else { Severity::Note },
                    "layout.can_cu",
                    Location::of(p).label(),
                    msg(
                        format!("{} dòng căn cứ không in nghiêng; Nghị định 30: căn cứ ban hành in nghiêng", upright.len()),
                        format!("{} legal-basis line(s) are not italic; Decree 30: legal bases are italic", upright.len()),
                    ),
                    Some(msg("in nghiêng các dòng căn cứ", "set the legal bases in italics")),
                );
            }
            let sizes: Vec<&&Para> = parts
                .can_cu
                .iter()
                .filter(|p| p.sizes().iter().any(|s| *s < 12.99 || *s > 14.01))
                .collect();
            if let Some(p) = sizes.first() {
                self.push(
                    Severity::Warning,
                    "layout.can_cu",
                    Location::of(p).label(),
                    msg(
                        format!(
                            "dòng căn cứ cỡ {} pt; Nghị định 30: 13–14 pt",
                            fmt_sizes(&p.sizes())
                        ),
                        format!(
                            "a legal-basis line is {} pt; Decree 30: 13–14 pt",
                            fmt_sizes(&p.sizes())
                        ),
                    ),
                    None,
                );
            }
        }
        if !parts.authority_line.is_empty() {
            self.component(
                "layout.authority_line",
                &parts.authority_line,
                &Spec {
                    vi: "dòng thẩm quyền ban hành",
                    en: "the issuing-authority line",
                    sizes: (13.0, 14.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: Some(true),
                },
            );
        }
    }

    fn body(&mut self, parts: &Parts) {
        let paras: Vec<&Para> = parts
            .body
            .iter()
            .filter_map(|p| match p {
                Piece::Para(p) if !p.is_blank() && p.place == Place::Body => Some(*p),
                _ => None,
            })
            .collect();
        if paras.is_empty() {
            return;
        }
        let mut bad_size = Vec::new();
        let mut not_justified = Vec::new();
        let mut indent = Vec::new();
        let mut spacing = Vec::new();
        let mut line = Vec::new();
        let mut prev: Option<&Para> = None;
        for p in &paras {
            let size = p.main_size().unwrap_or(14.0);
            if p.sizes().iter().any(|s| *s < 12.99 || *s > 14.01) {
                bad_size.push(*p);
            }
            let centred_heading = p.props.align == Align::Center;
            let room =
                twips_to_mm((p.container_width - p.props.ind_left - p.props.ind_right) as f32);
            let multi_line = text_width_mm(p) > room;
            if multi_line && p.props.align != Align::Justify {
                not_justified.push(*p);
            }
            if !centred_heading {
                let eff = effective_indent_mm(p, size);
                if !(9.5..=13.2).contains(&eff) {
                    indent.push((*p, eff));
                }
            }
            if let Some(q) = prev {
                let same_style = q.style == p.style;
                let gap = if p.props.contextual && same_style {
                    0
                } else {
                    q.props.after + p.props.before
                };
                if gap < 119 {
                    spacing.push((*p, gap as f32 / 20.0));
                }
            }
            prev = Some(p);
            let single = fonts().face(FaceId::REGULAR).line_height(size);
            let bad_line = match p.props.line_rule {
                LineRule::Auto => {
                    let m = p.props.line as f32 / 240.0;
                    !(0.99..=1.51).contains(&m)
                }
                LineRule::Exact => {
                    let pt = p.props.line as f32 / 20.0;
                    pt < single * 0.98 || pt > single * 1.5 * 1.02
                }
                LineRule::AtLeast => p.props.line as f32 / 20.0 > single * 1.5 * 1.02,
            };
            if bad_line {
                line.push(*p);
            }
        }
        let n = paras.len();
        let list = |v: &[&Para]| -> String {
            let mut s: Vec<String> = v.iter().take(5).map(|p| format!("¶{}", p.number)).collect();
            if v.len() > 5 {
                s.push("…".into());
            }
            s.join(", ")
        };
        if let Some(p) = bad_size.first() {
            self.push(
                Severity::Warning,
                "layout.body_size",
                Location::of(p).label(),
                msg(
                    format!(
                        "{} trên {n} đoạn nội dung có cỡ chữ ngoài 13–14 pt ({}; đoạn đầu: {} pt)",
                        bad_size.len(),
                        list(&bad_size),
                        fmt_sizes(&p.sizes())
                    ),
                    format!(
                        "{} of {n} body paragraphs are set outside 13–14 pt ({}; first: {} pt)",
                        bad_size.len(),
                        list(&bad_size),
                        fmt_sizes(&p.sizes())
                    ),
                ),
                Some(msg(
                    "đặt cỡ chữ 13 hoặc 14 pt",
                    "set the body at 13 or 14 pt",
                )),
            );
        }
        if let Some(p) = not_justified.first() {
            self.push(
                Severity::Warning,
                "layout.body_justify",
                Location::of(p).label(),
                msg(
                    format!(
                        "{} đoạn nội dung nhiều dòng không căn đều hai lề ({})",
                        not_justified.len(),
                        list(&not_justified)
                    ),
                    format!(
                        "{} multi-line body paragraph(s) are not justified ({})",
                        not_justified.len(),
                        list(&not_justified)
                    ),
                ),
                Some(msg("căn đều hai lề (Ctrl+J)", "justify them (Ctrl+J)")),
            );
        }
        if let Some((p, eff)) = indent.first() {
            let ps: Vec<&Para> = indent.iter().map(|(p, _)| *p).collect();
            self.push(
                Severity::Warning,
                "layout.body_indent",
                Location::of(p).label(),
                msg(
                    format!("{} đoạn nội dung lùi dòng đầu khác 1 cm hoặc 1,27 cm ({}; đoạn đầu: {:.2} cm)", indent.len(), list(&ps), eff / 10.0),
                    format!("{} body paragraph(s) have a first-line indent other than 1 cm or 1.27 cm ({}; first: {:.2} cm)", indent.len(), list(&ps), eff / 10.0),
                ),
                Some(msg("Đoạn > Thụt lề đặc biệt: Dòng đầu 1 cm (hoặc 1,27 cm), không dùng dấu cách/tab", "Paragraph > Special: First line 1 cm (or 1.27 cm), not spaces or tabs")),
            );
        }
        if let Some((p, gap)) = spacing.first() {
            let ps: Vec<&Para> = spacing.iter().map(|(p, _)| *p).collect();
            self.push(
                Severity::Warning,
                "layout.body_spacing",
                Location::of(p).label(),
                msg(
                    format!(
                        "{} chỗ khoảng cách giữa các đoạn dưới 6 pt ({}; đầu tiên: {gap} pt)",
                        spacing.len(),
                        list(&ps)
                    ),
                    format!(
                        "{} paragraph gap(s) are under 6 pt ({}; first: {gap} pt)",
                        spacing.len(),
                        list(&ps)
                    ),
                ),
                Some(msg(
                    "Đoạn > Khoảng cách trước: 6 pt",
                    "Paragraph > Spacing before: 6 pt",
                )),
            );
        }
        if let Some(p) = line.first() {
            let what = match p.props.line_rule {
                LineRule::Auto => format!("{:.2} dòng", p.props.line as f32 / 240.0),
                LineRule::Exact => format!("đúng {} pt", p.props.line as f32 / 20.0),
                LineRule::AtLeast => format!("tối thiểu {} pt", p.props.line as f32 / 20.0),
            };
            let what_en = match p.props.line_rule {
                LineRule::Auto => format!("{:.2} lines", p.props.line as f32 / 240.0),
                LineRule::Exact => format!("exactly {} pt", p.props.line as f32 / 20.0),
                LineRule::AtLeast => format!("at least {} pt", p.props.line as f32 / 20.0),
            };
            self.push(
                Severity::Warning,
                "layout.body_line_spacing",
                Location::of(p).label(),
                msg(
                    format!("{} đoạn có giãn dòng ngoài khoảng từ 1 dòng đến 1,5 dòng ({}; đoạn đầu: {what})", line.len(), list(&line)),
                    format!("{} paragraph(s) have line spacing outside single to 1.5 lines ({}; first: {what_en})", line.len(), list(&line)),
                ),
                Some(msg("Đoạn > Giãn dòng: Đơn (hoặc tới 1,5 dòng)", "Paragraph > Line spacing: Single (up to 1.5 lines)")),
            );
        }
    }

    fn closing(&mut self, parts: &Parts) {
        if let Some(p) = parts.noi_nhan_label {
            self.component(
                "layout.noi_nhan",
                &[p],
                &Spec {
                    vi: "chữ \"Nơi nhận:\"",
                    en: "the \"Nơi nhận:\" label",
                    sizes: (12.0, 12.0),
                    bold: Some(true),
                    italic: Some(true),
                    upper: None,
                },
            );
        }
        let mut entries: Vec<&Para> = parts.noi_nhan.iter().flatten().copied().collect();
        entries.extend(parts.luu);
        self.component(
            "layout.noi_nhan",
            &entries,
            &Spec {
                vi: "danh sách nơi nhận",
                en: "the distribution list",
                sizes: (11.0, 11.0),
                bold: Some(false),
                italic: Some(false),
                upper: None,
            },
        );
        if let Some(s) = parts.signers.first() {
            let mut lines: Vec<&Para> = s.authority.clone();
            lines.extend(s.post.iter());
            // Their case is `vanban check`'s rule (signature case).
            self.component(
                "layout.signature",
                &lines,
                &Spec {
                    vi: "thẩm quyền, chức vụ người ký",
                    en: "the signer's authority and post",
                    sizes: (13.0, 14.0),
                    bold: Some(true),
                    italic: Some(false),
                    upper: None,
                },
            );
            if let Some(n) = s.name {
                self.component(
                    "layout.signer_name",
                    &[n],
                    &Spec {
                        vi: "họ tên người ký",
                        en: "the signer's name",
                        sizes: (13.0, 14.0),
                        bold: Some(true),
                        italic: Some(false),
                        upper: Some(false),
                    },
                );
            }
        }
    }

    fn page_numbers(&mut self) {
        let pages = self.w.app_pages;
        // Only the headers Word shows: default, first (with a different
        // first page), even (with different odd and even pages).
        let w = self.w;
        let used: Vec<&String> = w
            .sections
            .iter()
            .flat_map(|s| {
                s.headers.iter().chain(&s.footers).filter(move |(t, _)| {
                    t == "default"
                        || (t == "first" && s.title_page)
                        || (t == "even" && w.even_and_odd)
                })
            })
            .map(|(_, p)| p)
            .collect();
        let fields: Vec<&crate::docx::HeaderFooter> = w
            .headers_footers
            .iter()
            .filter(|h| h.page_field.is_some() && used.contains(&&h.part))
            .collect();
        if fields.is_empty() {
            if pages.is_some_and(|n| n > 1) {
                self.push(
                    Severity::Warning,
                    "layout.page_numbers",
                    String::new(),
                    msg(
                        format!("văn bản {} trang nhưng không đánh số trang; Nghị định 30: số trang ở giữa lề trên, từ trang 2", pages.unwrap_or(0)),
                        format!("the document has {} pages but no page numbers; Decree 30: numbered from page 2, centred in the top margin", pages.unwrap_or(0)),
                    ),
                    Some(msg("Chèn > Số trang > Đầu trang, giữa; chọn Trang đầu khác", "Insert > Page Number > Top of Page, centred; tick Different First Page")),
                );
            }
            return;
        }
        let in_header = fields.iter().any(|h| h.is_header);
        if !in_header {
            self.push(
                Severity::Warning,
                "layout.page_numbers",
                fields[0].part.clone(),
                msg(
                    "số trang ở chân trang; Nghị định 30: số trang đặt giữa, ở lề trên",
                    "the page number is in the footer; Decree 30: centred in the top margin",
                ),
                Some(msg(
                    "chuyển số trang lên đầu trang, căn giữa",
                    "move the page number to the header, centred",
                )),
            );
        }
        for h in &fields {
            let (align, size) = h.page_field.expect("filtered");
            if h.is_header && align != Align::Center {
                self.push(
                    Severity::Warning,
                    "layout.page_numbers",
                    h.part.clone(),
                    msg("số trang không căn giữa", "the page number is not centred"),
                    Some(msg("căn giữa số trang", "centre the page number")),
                );
            }
            if !(12.99..=14.01).contains(&size) {
                self.push(
                    Severity::Warning,
                    "layout.page_numbers",
                    h.part.clone(),
                    msg(
                        format!("số trang cỡ {size} pt; Nghị định 30: 13–14 pt"),
                        format!("the page number is {size} pt; Decree 30: 13–14 pt"),
                    ),
                    None,
                );
            }
        }
        // Page 1 must not show its number.
        if let Some(s) = self.w.sections.first() {
            let first_kind = if s.title_page { "first" } else { "default" };
            let shown = s
                .headers
                .iter()
                .chain(&s.footers)
                .filter(|(t, _)| t == first_kind)
                .any(|(_, part)| fields.iter().any(|h| &h.part == part));
            if shown {
                self.push(
                    Severity::Warning,
                    "layout.page_numbers",
                    "section 1".into(),
                    msg(
                        "trang 1 có hiện số trang; Nghị định 30: không hiện số trang ở trang 1",
                        "page 1 shows its number; Decree 30: page 1 shows none",
                    ),
                    Some(msg(
                        "Đầu trang > Trang đầu khác",
                        "Header > Different First Page",
                    )),
                );
            }
        }
    }
}

const THIRD_HALF: (f32, f32) = (1.0 / 3.0 - 0.03, 0.5 + 0.03);
const MOTTO: (f32, f32) = (0.95, 1.05);

/// The first-line indent as printed: the indent, plus leading tabs (to the
/// next 1.27 cm stop) and spaces, in mm.
fn effective_indent_mm(p: &Para, size: f32) -> f32 {
    let text = p.text();
    let mut x = twips_to_mm((p.props.ind_left + p.props.ind_first) as f32);
    for c in text.chars() {
        match c {
            '\t' => x = ((x / 12.7).floor() + 1.0) * 12.7,
            ' ' | '\u{a0}' => x += width_mm(" ", false, false, size),
            _ => break,
        }
    }
    x - twips_to_mm(p.props.ind_left as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognise::words::{QUOC_HIEU, TIEU_NGU};

    #[test]
    fn widths_follow_times_new_roman() {
        let w = width_mm(QUOC_HIEU, true, false, 13.0);
        assert!((w - 95.0).abs() < 1.0, "{w}");
        let m = width_mm(TIEU_NGU, true, false, 14.0);
        assert!((m - 60.4).abs() < 1.0, "{m}");
    }
}
