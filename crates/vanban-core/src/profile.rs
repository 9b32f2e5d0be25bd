//! The ND30 profile: every size, margin, spacing, column width and rule
//! length of a Decree 30 document, in one value shared by the PDF and DOCX
//! back ends. Neither back end hard-codes a number of its own.
//!
//! Lengths are [`Tw`] (twentieths of a point, DOCX's native unit) and font
//! sizes [`HalfPt`] (DOCX's `w:sz`), so the DOCX gets exactly the profile's
//! integers and the PDF converts the same integers to points.

use crate::diag::{Diagnostic, Msg};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A length in twentieths of a point (twips). 1 mm ≈ 56.69 tw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Tw(pub i32);

impl Tw {
    /// The length nearest to `mm` millimetres.
    pub fn from_mm(mm: f32) -> Tw {
        Tw((mm as f64 * 72.0 / 25.4 * 20.0).round() as i32)
    }
    /// The length nearest to `pt` points.
    pub fn from_pt(pt: f32) -> Tw {
        Tw((pt as f64 * 20.0).round() as i32)
    }
    /// The length in points.
    pub fn pt(self) -> f32 {
        self.0 as f32 / 20.0
    }
    /// The length in millimetres.
    pub fn mm(self) -> f32 {
        self.0 as f32 / 20.0 * 25.4 / 72.0
    }
    /// English Metric Units (DrawingML): 12 700 per point.
    pub fn emu(self) -> i64 {
        self.0 as i64 * 635
    }
}

impl std::ops::Add for Tw {
    type Output = Tw;
    fn add(self, o: Tw) -> Tw {
        Tw(self.0 + o.0)
    }
}
impl std::ops::Sub for Tw {
    type Output = Tw;
    fn sub(self, o: Tw) -> Tw {
        Tw(self.0 - o.0)
    }
}

/// A font size in half-points (DOCX `w:sz`): 14 pt = 28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfPt(pub u16);

impl HalfPt {
    /// The size nearest to `pt` points (rounded to the half point).
    pub fn from_pt(pt: f32) -> HalfPt {
        HalfPt((pt * 2.0).round() as u16)
    }
    /// The size in points.
    pub fn pt(self) -> f32 {
        self.0 as f32 / 2.0
    }
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified: both edges straight, the last line flush left.
    Justify,
}

/// The typographic part of each component ("role"). Named styles in the
/// DOCX and text runs in the PDF are both made from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Font size (half-points; body 14 pt by default).
    pub size: HalfPt,
    /// Bold face.
    pub bold: bool,
    /// Italic face.
    pub italic: bool,
    /// Horizontal alignment.
    pub align: Alignment,
    /// Indent of each paragraph's first line (twips; 1 cm in the body).
    pub first_line_indent: Tw,
    /// Space before the paragraph (twips; 6 pt in the body).
    pub space_before: Tw,
    /// Space after the paragraph (twips).
    pub space_after: Tw,
    /// Line spacing as a multiple of the font's single line, in 240ths
    /// (DOCX `w:line` with `lineRule="auto"`): 240 = single, 360 = 1.5.
    pub line: u16,
    /// Keep the lines of the paragraph together / with the next one.
    pub keep_with_next: bool,
}

impl Style {
    const fn new(size_half_pt: u16, bold: bool, italic: bool, align: Alignment) -> Style {
        Style {
            size: HalfPt(size_half_pt),
            bold,
            italic,
            align,
            first_line_indent: Tw(0),
            space_before: Tw(0),
            space_after: Tw(0),
            line: 240,
            keep_with_next: false,
        }
    }
}

macro_rules! roles {
    ($( $var:ident => $id:literal, $vi:literal; )*) => {
        /// A component of the document with its own style.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Role { $(#[doc = concat!($vi, " (DOCX style `", $id, "`).")] $var),* }

        impl Role {
            /// Every role, in the order the profile lists their styles.
            pub const ALL: &'static [Role] = &[$(Role::$var),*];
            /// Style identifier used in the DOCX (`VbQuocHieu`).
            pub fn style_id(self) -> &'static str {
                match self { $(Role::$var => $id),* }
            }
            /// The component's Vietnamese name, shown in Word's style list.
            pub fn name_vi(self) -> &'static str {
                match self { $(Role::$var => $vi),* }
            }
        }
    };
}

roles! {
    Superior => "VbCoQuanChuQuan", "Cơ quan chủ quản";
    Issuer => "VbCoQuanBanHanh", "Cơ quan ban hành";
    QuocHieu => "VbQuocHieu", "Quốc hiệu";
    TieuNgu => "VbTieuNgu", "Tiêu ngữ";
    SoHieu => "VbSoHieu", "Số, ký hiệu";
    PlaceDate => "VbDiaDanhNgay", "Địa danh, ngày tháng";
    TenLoai => "VbTenLoai", "Tên loại văn bản";
    TrichYeu => "VbTrichYeu", "Trích yếu";
    TrichYeuCongVan => "VbTrichYeuCongVan", "Trích yếu công văn";
    KinhGui => "VbKinhGui", "Kính gửi";
    CanCu => "VbCanCu", "Căn cứ";
    Body => "VbNoiDung", "Nội dung";
    SectionHeading => "VbDeMuc", "Đề mục";
    PartHeading => "VbPhanChuong", "Phần, chương, mục";
    TableText => "VbBang", "Chữ trong bảng";
    NoiNhanLabel => "VbNoiNhanNhan", "Nơi nhận (nhãn)";
    NoiNhanEntry => "VbNoiNhan", "Nơi nhận";
    Authority => "VbQuyenHan", "Quyền hạn, chức vụ người ký";
    SignerName => "VbHoTen", "Họ tên người ký";
    PageNumber => "VbSoTrang", "Số trang";
    ThamQuyen => "VbThamQuyen", "Thẩm quyền ban hành";
    Operative => "VbQuyetDinh", "Quyết định:, Quyết nghị:";
    ArticleHeading => "VbDieu", "Điều (có tiêu đề)";
    CenteredLine => "VbDongGiua", "Dòng căn giữa (giới thiệu, … điện:)";
    Footer => "VbChanTrang", "Địa chỉ, điện thoại (ô 13)";
    AnnexLabel => "VbPhuLuc", "Phụ lục";
    AnnexTitle => "VbTenPhuLuc", "Tên phụ lục";
    KemTheo => "VbKemTheo", "Kèm theo";
    SigningInfo => "VbThongTinKySo", "Thông tin ký số";
}

/// The whole profile. [`Profile::nd30`] gives the defaults of the spec's
/// §6.1 (margins 25/20/35/20 mm, header 13/14 pt, body 14 pt, indent 1 cm,
/// 6 pt before paragraphs, single spacing).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Page width (twips): A4, 210 mm.
    pub page_width: Tw,
    /// Page height (twips): A4, 297 mm.
    pub page_height: Tw,
    /// Top margin (twips): 25 mm by default, Decree 30 allows 20–25 mm.
    pub margin_top: Tw,
    /// Bottom margin (twips): 20 mm by default, Decree 30 allows 20–25 mm.
    pub margin_bottom: Tw,
    /// Left margin (twips): 35 mm by default, Decree 30 allows 30–35 mm.
    pub margin_left: Tw,
    /// Right margin (twips): 20 mm by default, Decree 30 allows 15–20 mm.
    pub margin_right: Tw,
    /// Distance from the top edge to the page-number line (DOCX header distance).
    pub header_distance: Tw,
    /// Width of the header's left column (ô 2, ô 3), as ‰ of the text width;
    /// the right column (ô 1, ô 4) takes the rest.
    pub header_left_permille: u16,
    /// Width of the nơi nhận column, as ‰ of the text width; the signature
    /// block takes the rest.
    pub closing_left_permille: u16,
    /// Rules under the issuing body and the trích yếu: ‰ of the longest line
    /// above them (Decree 30: 1/3 to 1/2).
    pub short_rule_permille: u16,
    /// Thickness of every rule.
    pub rule_width: Tw,
    /// How far below the baseline of the line above a rule is drawn.
    pub rule_drop: Tw,
    /// Space between the header's name rows (with their rules) and the row
    /// holding the số hiệu and the place-date line.
    pub header_row_gap: Tw,
    /// Space between the header block and the tên loại.
    pub gap_after_header: Tw,
    /// Space between the trích yếu rule and the first body paragraph.
    pub gap_after_title: Tw,
    /// Space between the end of the body and the nơi nhận / signature block.
    pub gap_before_closing: Tw,
    /// Vertical space left for signing between the post and the name.
    pub signing_space: Tw,
    /// Size across of a seal image whose PNG does not state its physical
    /// size (a commune's round seal is about 35 mm).
    pub seal_size: Tw,
    /// Left and right padding inside table cells.
    pub table_cell_padding: Tw,
    /// Where `Kính gửi` starts, from the left text edge (not regulated;
    /// the Công văn model's 35 mm). The addressees' dashes stand under its
    /// colon; a Công điện's recipients start at the same place.
    pub kinh_gui_indent: Tw,
    /// Mẫu 2.2's signing-information box (forms.md §12): its width, the
    /// padding inside it, and the space between it and `Phụ lục`
    /// ("about two lines"). From the model file; \[UNCONFIRMED\].
    pub signing_info_box: Tw,
    /// Padding inside Mẫu 2.2's signing-information box (twips; 2.6 mm).
    pub signing_info_padding: Tw,
    /// Space between that box and `Phụ lục` (twips; 8.5 mm).
    pub signing_info_gap: Tw,
    /// Whether an annex shows the number of its first page. Each annex is
    /// numbered on its own (Decree 30); whether its page 1 hides the
    /// number is not stated, so it is shown, telling the reader where the
    /// annex's own numbering starts.
    pub annex_first_page_number: bool,
    styles: Vec<(Role, Style)>,
}

impl Profile {
    /// The default Decree 30 profile.
    pub fn nd30() -> Profile {
        use Alignment::*;
        let body = Style {
            first_line_indent: Tw(567),
            space_before: Tw(120),
            ..Style::new(28, false, false, Justify)
        };
        let styles = vec![
            (Role::Superior, Style::new(26, false, false, Center)),
            (Role::Issuer, Style::new(26, true, false, Center)),
            (Role::QuocHieu, Style::new(26, true, false, Center)),
            (Role::TieuNgu, Style::new(28, true, false, Center)),
            (Role::SoHieu, Style::new(26, false, false, Center)),
            (Role::PlaceDate, Style::new(28, false, true, Center)),
            (Role::TenLoai, Style::new(28, true, false, Center)),
            (Role::TrichYeu, Style::new(28, true, false, Center)),
            (
                Role::TrichYeuCongVan,
                Style {
                    space_before: Tw(120),
                    ..Style::new(24, false, false, Center)
                },
            ),
            (Role::KinhGui, Style::new(28, false, false, Left)),
            (
                Role::CanCu,
                Style {
                    italic: true,
                    ..body
                },
            ),
            (Role::Body, body),
            (
                Role::SectionHeading,
                Style {
                    bold: true,
                    keep_with_next: true,
                    ..body
                },
            ),
            (
                Role::PartHeading,
                Style {
                    bold: true,
                    first_line_indent: Tw(0),
                    align: Center,
                    keep_with_next: true,
                    ..body
                },
            ),
            (Role::TableText, Style::new(26, false, false, Left)),
            (Role::NoiNhanLabel, Style::new(24, true, true, Left)),
            (Role::NoiNhanEntry, Style::new(22, false, false, Left)),
            (Role::Authority, Style::new(28, true, false, Center)),
            (Role::SignerName, Style::new(28, true, false, Center)),
            (Role::PageNumber, Style::new(28, false, false, Center)),
            (Role::ThamQuyen, Style::new(28, true, false, Center)),
            (Role::Operative, Style::new(28, true, false, Center)),
            (
                Role::ArticleHeading,
                Style {
                    bold: true,
                    keep_with_next: true,
                    ..body
                },
            ),
            (Role::CenteredLine, Style::new(28, false, false, Center)),
            (Role::Footer, Style::new(22, false, false, Left)),
            (Role::AnnexLabel, Style::new(28, true, false, Center)),
            (Role::AnnexTitle, Style::new(28, true, false, Center)),
            (Role::KemTheo, Style::new(26, false, true, Center)),
            (Role::SigningInfo, Style::new(20, false, false, Left)),
        ];
        Profile {
            page_width: Tw(11906),
            page_height: Tw(16838),
            margin_top: Tw::from_mm(25.0),
            margin_bottom: Tw::from_mm(20.0),
            margin_left: Tw::from_mm(35.0),
            margin_right: Tw::from_mm(20.0),
            header_distance: Tw::from_mm(10.0),
            header_left_permille: 360,
            closing_left_permille: 450,
            short_rule_permille: 400,
            rule_width: Tw(10),
            rule_drop: Tw(130),
            header_row_gap: Tw(160),
            gap_after_header: Tw(360),
            gap_after_title: Tw(240),
            gap_before_closing: Tw(240),
            signing_space: Tw::from_mm(35.0),
            seal_size: Tw::from_mm(35.0),
            table_cell_padding: Tw(100),
            kinh_gui_indent: Tw::from_mm(35.0),
            signing_info_box: Tw::from_mm(76.9),
            signing_info_padding: Tw::from_mm(2.6),
            signing_info_gap: Tw::from_mm(8.5),
            annex_first_page_number: true,
            styles,
        }
    }

    /// The style of a component.
    pub fn style(&self, role: Role) -> Style {
        self.styles
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, s)| *s)
            .expect("every role has a style in the profile")
    }

    fn style_mut(&mut self, role: Role) -> &mut Style {
        &mut self
            .styles
            .iter_mut()
            .find(|(r, _)| *r == role)
            .expect("every role has a style in the profile")
            .1
    }

    /// Width between the left and right margins (155 mm by default).
    pub fn text_width(&self) -> Tw {
        self.page_width - self.margin_left - self.margin_right
    }
    /// Height between the top and bottom margins (252 mm by default).
    pub fn text_height(&self) -> Tw {
        self.page_height - self.margin_top - self.margin_bottom
    }
    /// Widths of the header's two columns; they add up to the text width.
    pub fn header_columns(&self) -> (Tw, Tw) {
        split(self.text_width(), self.header_left_permille)
    }
    /// Widths of the nơi nhận and signature columns.
    pub fn closing_columns(&self) -> (Tw, Tw) {
        split(self.text_width(), self.closing_left_permille)
    }
    /// Length of a short rule under a line of the given width.
    pub fn short_rule(&self, longest_line: Tw) -> Tw {
        Tw((longest_line.0 as i64 * self.short_rule_permille as i64 / 1000) as i32)
    }

    /// The profile with a document's overrides applied. Every value is
    /// checked against the range Decree 30 allows; all violations are
    /// returned, each naming the field and the range.
    pub fn with_overrides(&self, o: &ProfileOverrides) -> Result<Profile, Vec<Diagnostic>> {
        let mut p = self.clone();
        let mut errs = Vec::new();
        if let Some(m) = &o.margins_mm {
            for (field, v, a, slot) in [
                (
                    "margins_mm.top",
                    m.top,
                    allowed::MARGIN_TOP_MM,
                    &mut p.margin_top,
                ),
                (
                    "margins_mm.bottom",
                    m.bottom,
                    allowed::MARGIN_BOTTOM_MM,
                    &mut p.margin_bottom,
                ),
                (
                    "margins_mm.left",
                    m.left,
                    allowed::MARGIN_LEFT_MM,
                    &mut p.margin_left,
                ),
                (
                    "margins_mm.right",
                    m.right,
                    allowed::MARGIN_RIGHT_MM,
                    &mut p.margin_right,
                ),
            ] {
                if let Some(v) = v {
                    if range(&mut errs, field, v, &a) {
                        *slot = Tw::from_mm(v);
                    }
                }
            }
        }
        let mut body_changes: Vec<StyleChange> = Vec::new();
        if let Some(v) = o.body_size_pt {
            if range(&mut errs, "body_size_pt", v, &allowed::BODY_SIZE_PT) {
                body_changes.push(Box::new(move |s: &mut Style| s.size = HalfPt::from_pt(v)));
            }
        }
        if let Some(v) = o.first_line_indent_cm {
            if range(
                &mut errs,
                "first_line_indent_cm",
                v,
                &allowed::FIRST_LINE_INDENT_CM,
            ) {
                let tw = if (v - 1.0).abs() < 1e-4 {
                    Tw(567)
                } else {
                    Tw(720)
                };
                body_changes.push(Box::new(move |s: &mut Style| {
                    if s.first_line_indent.0 > 0 {
                        s.first_line_indent = tw
                    }
                }));
            }
        }
        if let Some(v) = o.paragraph_spacing_pt {
            if range(
                &mut errs,
                "paragraph_spacing_pt",
                v,
                &allowed::PARAGRAPH_SPACING_PT,
            ) {
                body_changes.push(Box::new(move |s: &mut Style| {
                    s.space_before = Tw::from_pt(v)
                }));
            }
        }
        if let Some(v) = o.line_spacing {
            if range(&mut errs, "line_spacing", v, &allowed::LINE_SPACING) {
                let line = (v * 240.0).round() as u16;
                body_changes.push(Box::new(move |s: &mut Style| s.line = line));
            }
        }
        for role in [
            Role::Body,
            Role::CanCu,
            Role::SectionHeading,
            Role::PartHeading,
            Role::ArticleHeading,
        ] {
            for c in &body_changes {
                c(p.style_mut(role));
            }
        }
        if let Some(v) = o.header_size_pt {
            if range(&mut errs, "header_size_pt", v, &allowed::HEADER_SIZE_PT) {
                // Decree 30's coupling: Quốc hiệu 12 → Tiêu ngữ and place-date 13;
                // 13 → 14. The issuing body follows the Quốc hiệu.
                let qh = HalfPt::from_pt(v);
                let next = HalfPt::from_pt(v + 1.0);
                for r in [Role::QuocHieu, Role::Superior, Role::Issuer] {
                    p.style_mut(r).size = qh;
                }
                for r in [Role::TieuNgu, Role::PlaceDate] {
                    p.style_mut(r).size = next;
                }
            }
        }
        if let Some(v) = o.title_size_pt {
            if range(&mut errs, "title_size_pt", v, &allowed::TITLE_SIZE_PT) {
                for r in [
                    Role::TenLoai,
                    Role::TrichYeu,
                    Role::ThamQuyen,
                    Role::Operative,
                ] {
                    p.style_mut(r).size = HalfPt::from_pt(v);
                }
            }
        }
        if let Some(v) = o.signature_size_pt {
            if range(
                &mut errs,
                "signature_size_pt",
                v,
                &allowed::SIGNATURE_SIZE_PT,
            ) {
                for r in [Role::Authority, Role::SignerName] {
                    p.style_mut(r).size = HalfPt::from_pt(v);
                }
            }
        }
        if let Some(v) = o.page_number_size_pt {
            if range(
                &mut errs,
                "page_number_size_pt",
                v,
                &allowed::PAGE_NUMBER_SIZE_PT,
            ) {
                p.style_mut(Role::PageNumber).size = HalfPt::from_pt(v);
            }
        }
        if let Some(v) = o.signing_space_mm {
            if range(&mut errs, "signing_space_mm", v, &allowed::SIGNING_SPACE_MM) {
                p.signing_space = Tw::from_mm(v);
            }
        }
        if errs.is_empty() {
            Ok(p)
        } else {
            Err(errs)
        }
    }
}

/// What Decree 30 allows for one profile value: a range, and for some
/// values only a few points of it (13 or 14 pt). The one table behind both
/// [`Profile::with_overrides`] and the JSON Schema's `minimum`, `maximum`
/// and `enum`, so that an editor rejects what rendering would.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allowed {
    /// The lowest value allowed, in [`Allowed::unit`].
    pub lo: f32,
    /// The highest value allowed, in [`Allowed::unit`].
    pub hi: f32,
    /// When not empty, the only values allowed.
    pub only: &'static [f32],
    /// The unit of the bounds, for messages: `mm`, `pt`, `cm` or `×` (a multiple of single spacing).
    pub unit: &'static str,
}

impl Allowed {
    const fn range(lo: f32, hi: f32, unit: &'static str) -> Allowed {
        Allowed {
            lo,
            hi,
            only: &[],
            unit,
        }
    }

    const fn one_of(only: &'static [f32], unit: &'static str) -> Allowed {
        Allowed {
            lo: only[0],
            hi: only[only.len() - 1],
            only,
            unit,
        }
    }

    /// Whether `v` is allowed (to within rounding of a typed decimal).
    pub fn admits(&self, v: f32) -> bool {
        let close = |a: f32| (v - a).abs() < 1e-4;
        v.is_finite()
            && if self.only.is_empty() {
                v >= self.lo - 1e-4 && v <= self.hi + 1e-4
            } else {
                self.only.iter().copied().any(close)
            }
    }

    /// The schema's `minimum`.
    pub fn minimum(&self) -> serde_json::Value {
        json_number(self.lo)
    }

    /// The schema's `maximum`.
    pub fn maximum(&self) -> serde_json::Value {
        json_number(self.hi)
    }

    /// The schema's `enum` for a value left out or given: the allowed
    /// points, and `null` (the fields are optional).
    pub fn schema_enum(&self) -> serde_json::Value {
        let mut v: Vec<serde_json::Value> = self.only.iter().map(|x| json_number(*x)).collect();
        v.push(serde_json::Value::Null);
        serde_json::Value::Array(v)
    }
}

/// `1.27_f32` as the JSON number `1.27`, not its binary neighbour
/// `1.2699999809265137` (which would make the schema reject `1.27`).
fn json_number(v: f32) -> serde_json::Value {
    let f: f64 = v.to_string().parse().unwrap_or(f64::from(v));
    serde_json::json!(f)
}

/// The ranges of [`ProfileOverrides`], Decree 30 §6.1 (signing space and
/// the paragraph spacing's upper bound are not regulated: sane limits).
pub mod allowed {
    use super::Allowed;
    /// Top margin: 20–25 mm.
    pub const MARGIN_TOP_MM: Allowed = Allowed::range(20.0, 25.0, "mm");
    /// Bottom margin: 20–25 mm.
    pub const MARGIN_BOTTOM_MM: Allowed = Allowed::range(20.0, 25.0, "mm");
    /// Left margin: 30–35 mm.
    pub const MARGIN_LEFT_MM: Allowed = Allowed::range(30.0, 35.0, "mm");
    /// Right margin: 15–20 mm.
    pub const MARGIN_RIGHT_MM: Allowed = Allowed::range(15.0, 20.0, "mm");
    /// Body text size: 13 or 14 pt.
    pub const BODY_SIZE_PT: Allowed = Allowed::one_of(&[13.0, 14.0], "pt");
    /// First-line indent of body paragraphs: 1 or 1.27 cm.
    pub const FIRST_LINE_INDENT_CM: Allowed = Allowed::one_of(&[1.0, 1.27], "cm");
    /// Space between body paragraphs: 6–24 pt (Decree 30 sets only the lower bound).
    pub const PARAGRAPH_SPACING_PT: Allowed = Allowed::range(6.0, 24.0, "pt");
    /// Line spacing: single to 1.5 lines.
    pub const LINE_SPACING: Allowed = Allowed::range(1.0, 1.5, "×");
    /// Size of the header's names (chủ quản, issuing body, Quốc hiệu): 12 or 13 pt.
    pub const HEADER_SIZE_PT: Allowed = Allowed::one_of(&[12.0, 13.0], "pt");
    /// Size of the tên loại and trích yếu: 13–14 pt.
    pub const TITLE_SIZE_PT: Allowed = Allowed::range(13.0, 14.0, "pt");
    /// Size of the signer's authority, post and name: 13–14 pt.
    pub const SIGNATURE_SIZE_PT: Allowed = Allowed::range(13.0, 14.0, "pt");
    /// Size of the page numbers: 13–14 pt.
    pub const PAGE_NUMBER_SIZE_PT: Allowed = Allowed::range(13.0, 14.0, "pt");
    /// Signing space between the post and the name: 15–60 mm (not regulated; a sane limit).
    pub const SIGNING_SPACE_MM: Allowed = Allowed::range(15.0, 60.0, "mm");
}

/// Checks `v` against what is allowed and records the error naming the
/// field and the range (or the values) when it is not.
fn range(errs: &mut Vec<Diagnostic>, field: &'static str, v: f32, a: &Allowed) -> bool {
    if !a.only.is_empty() {
        if !a.admits(v) {
            let list = |sep: &str, comma: bool| {
                a.only
                    .iter()
                    .map(|x| {
                        let s = x.to_string();
                        if comma {
                            s.replace('.', ",")
                        } else {
                            s
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let vi = format!("{} {}", list(" hoặc ", true), a.unit);
            let en = format!("{} {}", list(" or ", false), a.unit);
            errs_push_choice(errs, field, v, &vi, &en);
            return false;
        }
        return true;
    }
    let (lo, hi, unit) = (a.lo, a.hi, a.unit);
    let ok = a.admits(v);
    if !ok {
        errs.push(
            Diagnostic::error(
                "profile.range",
                format!("profile.{field}"),
                Msg::new(
                    format!("giá trị {v} {unit} nằm ngoài khoảng Nghị định 30 cho phép ({lo}–{hi} {unit})"),
                    format!("{v} {unit} is outside the range Decree 30 allows ({lo}–{hi} {unit})"),
                ),
            )
            .with_fix(Msg::new(
                format!("chọn một giá trị từ {lo} đến {hi} {unit}, hoặc bỏ trường này để dùng mặc định"),
                format!("choose a value from {lo} to {hi} {unit}, or remove the field to use the default"),
            )),
        );
    }
    ok
}

fn errs_push_choice(errs: &mut Vec<Diagnostic>, field: &'static str, v: f32, vi: &str, en: &str) {
    errs.push(
        Diagnostic::error(
            "profile.range",
            format!("profile.{field}"),
            Msg::new(
                format!("giá trị {v} không được Nghị định 30 cho phép; chỉ được dùng {vi}"),
                format!("{v} is not allowed by Decree 30; only {en}"),
            ),
        )
        .with_fix(Msg::new(format!("dùng {vi}"), format!("use {en}"))),
    );
}

/// A change to the body styles, applied to every body-like role at once.
type StyleChange = Box<dyn Fn(&mut Style)>;

fn split(total: Tw, left_permille: u16) -> (Tw, Tw) {
    let left = Tw((total.0 as i64 * left_permille as i64 / 1000) as i32);
    (left, total - left)
}

/// A document's changes to the profile, each within Decree 30's range.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Các thay đổi thể thức của một văn bản, mỗi giá trị trong khoảng Nghị định 30 cho phép."))]
pub struct ProfileOverrides {
    /// Margins in mm: top and bottom 20–25, left 30–35, right 15–20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Lề trang (mm): trên, dưới 20–25; trái 30–35; phải 15–20."))]
    pub margins_mm: Option<Margins>,
    /// Body text size: 13 or 14 pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Cỡ chữ nội dung: 13 hoặc 14.", "minimum" = allowed::BODY_SIZE_PT.minimum(), "maximum" = allowed::BODY_SIZE_PT.maximum(), "enum" = allowed::BODY_SIZE_PT.schema_enum()))]
    pub body_size_pt: Option<f32>,
    /// First-line indent of body paragraphs: 1 or 1.27 cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Thụt đầu dòng: 1 hoặc 1,27 cm.", "minimum" = allowed::FIRST_LINE_INDENT_CM.minimum(), "maximum" = allowed::FIRST_LINE_INDENT_CM.maximum(), "enum" = allowed::FIRST_LINE_INDENT_CM.schema_enum()))]
    pub first_line_indent_cm: Option<f32>,
    /// Space before each body paragraph: at least 6 pt (at most 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Khoảng cách trước mỗi đoạn: tối thiểu 6 pt (tối đa 24).", "minimum" = allowed::PARAGRAPH_SPACING_PT.minimum(), "maximum" = allowed::PARAGRAPH_SPACING_PT.maximum()))]
    pub paragraph_spacing_pt: Option<f32>,
    /// Line spacing of the body: 1 (single) to 1.5 lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Giãn dòng nội dung: từ 1 (dòng đơn) đến 1,5 dòng.", "minimum" = allowed::LINE_SPACING.minimum(), "maximum" = allowed::LINE_SPACING.maximum()))]
    pub line_spacing: Option<f32>,
    /// Quốc hiệu and issuing-body size: 12 or 13 pt (Tiêu ngữ and the
    /// place-date line follow at +1 pt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Cỡ chữ quốc hiệu và tên cơ quan: 12 hoặc 13 (tiêu ngữ, địa danh và ngày tháng lớn hơn 1 pt).", "minimum" = allowed::HEADER_SIZE_PT.minimum(), "maximum" = allowed::HEADER_SIZE_PT.maximum(), "enum" = allowed::HEADER_SIZE_PT.schema_enum()))]
    pub header_size_pt: Option<f32>,
    /// Tên loại and trích yếu size: 13–14 pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Cỡ chữ tên loại và trích yếu: 13–14.", "minimum" = allowed::TITLE_SIZE_PT.minimum(), "maximum" = allowed::TITLE_SIZE_PT.maximum()))]
    pub title_size_pt: Option<f32>,
    /// Authority lines and signer's name: 13–14 pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Cỡ chữ thẩm quyền, chức vụ và họ tên người ký: 13–14.", "minimum" = allowed::SIGNATURE_SIZE_PT.minimum(), "maximum" = allowed::SIGNATURE_SIZE_PT.maximum()))]
    pub signature_size_pt: Option<f32>,
    /// Page numbers: 13–14 pt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Cỡ chữ số trang: 13–14.", "minimum" = allowed::PAGE_NUMBER_SIZE_PT.minimum(), "maximum" = allowed::PAGE_NUMBER_SIZE_PT.maximum()))]
    pub page_number_size_pt: Option<f32>,
    /// Space left for signing, 15–60 mm (not regulated; default 35).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Khoảng để ký giữa chức vụ và họ tên, 15–60 mm (không quy định; mặc định 35).", "minimum" = allowed::SIGNING_SPACE_MM.minimum(), "maximum" = allowed::SIGNING_SPACE_MM.maximum()))]
    pub signing_space_mm: Option<f32>,
}

/// Page margins, in mm.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Lề trang (mm)."))]
pub struct Margins {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Top margin: 20–25 mm.
    #[schemars(extend("x-description-vi" = "Lề trên: 20–25 mm.", "minimum" = allowed::MARGIN_TOP_MM.minimum(), "maximum" = allowed::MARGIN_TOP_MM.maximum()))]
    pub top: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Bottom margin: 20–25 mm.
    #[schemars(extend("x-description-vi" = "Lề dưới: 20–25 mm.", "minimum" = allowed::MARGIN_BOTTOM_MM.minimum(), "maximum" = allowed::MARGIN_BOTTOM_MM.maximum()))]
    pub bottom: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Left margin: 30–35 mm.
    #[schemars(extend("x-description-vi" = "Lề trái: 30–35 mm.", "minimum" = allowed::MARGIN_LEFT_MM.minimum(), "maximum" = allowed::MARGIN_LEFT_MM.maximum()))]
    pub left: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Right margin: 15–20 mm.
    #[schemars(extend("x-description-vi" = "Lề phải: 15–20 mm.", "minimum" = allowed::MARGIN_RIGHT_MM.minimum(), "maximum" = allowed::MARGIN_RIGHT_MM.maximum()))]
    pub right: Option<f32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema's bounds are the table's, and the prose of each field
    /// names the same numbers (the one place they are written twice).
    #[test]
    fn the_schema_bounds_are_the_enforced_ranges() {
        let s = crate::json_schema();
        let defs = &s["$defs"];
        let fields: &[(&str, &str, Allowed)] = &[
            ("ProfileOverrides", "body_size_pt", allowed::BODY_SIZE_PT),
            (
                "ProfileOverrides",
                "first_line_indent_cm",
                allowed::FIRST_LINE_INDENT_CM,
            ),
            (
                "ProfileOverrides",
                "paragraph_spacing_pt",
                allowed::PARAGRAPH_SPACING_PT,
            ),
            ("ProfileOverrides", "line_spacing", allowed::LINE_SPACING),
            (
                "ProfileOverrides",
                "header_size_pt",
                allowed::HEADER_SIZE_PT,
            ),
            ("ProfileOverrides", "title_size_pt", allowed::TITLE_SIZE_PT),
            (
                "ProfileOverrides",
                "signature_size_pt",
                allowed::SIGNATURE_SIZE_PT,
            ),
            (
                "ProfileOverrides",
                "page_number_size_pt",
                allowed::PAGE_NUMBER_SIZE_PT,
            ),
            (
                "ProfileOverrides",
                "signing_space_mm",
                allowed::SIGNING_SPACE_MM,
            ),
            ("Margins", "top", allowed::MARGIN_TOP_MM),
            ("Margins", "bottom", allowed::MARGIN_BOTTOM_MM),
            ("Margins", "left", allowed::MARGIN_LEFT_MM),
            ("Margins", "right", allowed::MARGIN_RIGHT_MM),
        ];
        let n_fields = |def: &str| defs[def]["properties"].as_object().unwrap().len();
        // Every numeric field is in the list (margins_mm is the nested object).
        assert_eq!(
            fields.len(),
            n_fields("ProfileOverrides") - 1 + n_fields("Margins")
        );
        for (def, field, a) in fields {
            let p = &defs[*def]["properties"][*field];
            assert_eq!(p["minimum"], a.minimum(), "{field}");
            assert_eq!(p["maximum"], a.maximum(), "{field}");
            if !a.only.is_empty() {
                assert_eq!(p["enum"], a.schema_enum(), "{field}");
            }
            let en = p["x-description-en"].as_str().unwrap();
            for x in [a.lo, a.hi] {
                assert!(en.contains(&x.to_string()), "{field}: {en} lacks {x}");
            }
        }
        assert_eq!(
            allowed::FIRST_LINE_INDENT_CM.schema_enum(),
            serde_json::json!([1.0, 1.27, null])
        );
    }

    #[test]
    fn defaults_match_the_spec() {
        let p = Profile::nd30();
        assert_eq!(p.margin_top, Tw(1417));
        assert_eq!(p.margin_left, Tw(1984));
        assert_eq!(p.margin_right, Tw(1134));
        assert_eq!(p.style(Role::QuocHieu).size, HalfPt(26));
        assert_eq!(p.style(Role::TieuNgu).size, HalfPt(28));
        assert_eq!(p.style(Role::NoiNhanLabel).size, HalfPt(24));
        assert!(p.style(Role::NoiNhanLabel).bold && p.style(Role::NoiNhanLabel).italic);
        assert_eq!(p.style(Role::NoiNhanEntry).size, HalfPt(22));
        let (l, r) = p.header_columns();
        assert_eq!(l + r, p.text_width());
        // The national name (≈ 95 mm at 13 pt bold) must fit the right column.
        assert!(r.mm() > 96.0, "right header column {} mm", r.mm());
        for role in Role::ALL {
            let _ = p.style(*role);
        }
    }

    #[test]
    fn overrides_within_range() {
        let o = ProfileOverrides {
            margins_mm: Some(Margins {
                left: Some(30.0),
                ..Default::default()
            }),
            body_size_pt: Some(13.0),
            first_line_indent_cm: Some(1.27),
            header_size_pt: Some(12.0),
            ..Default::default()
        };
        let p = Profile::nd30().with_overrides(&o).unwrap();
        assert_eq!(p.margin_left, Tw(1701));
        assert_eq!(p.style(Role::Body).size, HalfPt(26));
        assert_eq!(p.style(Role::Body).first_line_indent, Tw(720));
        assert_eq!(p.style(Role::TieuNgu).size, HalfPt(26));
        assert_eq!(p.style(Role::QuocHieu).size, HalfPt(24));
    }

    #[test]
    fn overrides_out_of_range_name_field_and_range() {
        let o = ProfileOverrides {
            margins_mm: Some(Margins {
                left: Some(25.0),
                ..Default::default()
            }),
            body_size_pt: Some(12.0),
            line_spacing: Some(2.0),
            ..Default::default()
        };
        let errs = Profile::nd30().with_overrides(&o).unwrap_err();
        let paths: Vec<_> = errs.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "profile.margins_mm.left",
                "profile.body_size_pt",
                "profile.line_spacing"
            ]
        );
        assert!(
            errs[0].message.en.contains("30–35 mm"),
            "{}",
            errs[0].message.en
        );
    }
}
