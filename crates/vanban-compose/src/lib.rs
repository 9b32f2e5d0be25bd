//! # vanban-compose
//!
//! Composition: a [`Document`], the ND30 [`Profile`] and the [`Fonts`] in,
//! one [`Composition`] out — a flow of styled, line-broken items per
//! section that both back ends consume. Every literal text, every space
//! before and after, the keep rules, the two-column rows, the rules with
//! their measured lengths, the blanks as fields, the image boxes and the
//! line breaks of every paragraph are decided here, once; each model of
//! Phụ lục III is a small unit in [`forms`].
//!
//! After this stage the PDF layout (`vanban-pdf`) only stacks the flow on
//! pages, and the DOCX writer (`vanban-docx`) only translates it into
//! Word's paragraphs, tables and fields, so the two cannot drift apart.
//!
//! ```
//! use vanban_compose::{compose, Block};
//! use vanban_core::{load, Assets, Profile};
//! use vanban_fonts::Fonts;
//!
//! let json = r#"{"kind": "thong-bao",
//!   "issuer": {"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND"},
//!   "place": "Tiến Thắng", "date": "2025-03-06",
//!   "trich_yeu": "Về việc công khai kết quả bộ chỉ số phục vụ người dân và doanh nghiệp",
//!   "body": [{"paragraph": "Nội dung thông báo./."}],
//!   "noi_nhan": {"entries": ["Như trên;"], "luu": {"units": ["VT", "VP"]}},
//!   "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "post": "CHỦ TỊCH", "name": "Đỗ Văn Hạ"}}"#;
//! let doc = load::from_json(json).unwrap().document;
//! let c = compose(&doc, &Profile::nd30(), &Fonts::embedded(), &Assets::new());
//! // Header rows, tên loại, trích yếu, one body paragraph, the closing row.
//! let trich_yeu = c.paras().find(|p| p.role == vanban_core::Role::TrichYeu).unwrap();
//! assert!(trich_yeu.rule.is_some());
//! assert!(matches!(c.sections[0].blocks.last(), Some(Block::Row(_))));
//! ```

#![warn(missing_docs)]

pub mod annex;
pub mod body;
pub mod check;
pub mod closing;
pub mod composer;
pub mod flow;
pub mod forms;
pub mod header;
pub mod lines;
pub mod literals;
pub mod title;

pub use composer::Composer;
pub use flow::*;

use vanban_core::{Assets, Document, Profile, Role, Tw};
use vanban_fonts::Fonts;

/// Composes a document: its main text with its form, then each annex.
pub fn compose(doc: &Document, profile: &Profile, fonts: &Fonts, assets: &Assets) -> Composition {
    let page = page_setup(profile, false);
    let mut c = Composer::new(doc, profile, fonts, assets, page.text_width());
    forms::compose_main(&mut c);
    let footer = c.footer();
    let mut sections = vec![Section {
        page,
        page_number: c.page_number_para(""),
        number_first_page: false,
        first_page_footer: footer,
        blocks: c.blocks,
    }];
    for (i, a) in doc.annexes.iter().enumerate() {
        if !a.separate_file {
            sections.push(annex::compose_annex(doc, profile, fonts, assets, i, a));
        }
    }
    Composition { sections }
}

/// Composes annex `index`, delivered as a file of its own (Mẫu 2.2; see
/// [`vanban_core::Annex::separate_file`]): one section, numbered from 1.
pub fn compose_annex_file(
    doc: &Document,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
    index: usize,
) -> Option<Composition> {
    let a = doc.annexes.get(index)?;
    Some(Composition {
        sections: vec![annex::compose_annex(doc, profile, fonts, assets, index, a)],
    })
}

/// The page geometry of the profile, turned for a landscape section.
pub fn page_setup(p: &Profile, landscape: bool) -> PageSetup {
    let (width, height) = if landscape {
        (p.page_height, p.page_width)
    } else {
        (p.page_width, p.page_height)
    };
    PageSetup {
        width,
        height,
        margin_top: p.margin_top,
        margin_bottom: p.margin_bottom,
        margin_left: p.margin_left,
        margin_right: p.margin_right,
        header_distance: p.header_distance,
        landscape,
    }
}

/// The paragraph of page number `n` in a section, laid out with the
/// section's page-number style (the PDF draws it; the DOCX writes a
/// `PAGE` field in the same style).
pub fn page_number(
    section: &Section,
    profile: &Profile,
    fonts: &Fonts,
    assets: &Assets,
    doc: &Document,
    n: usize,
) -> Para {
    let c = Composer::new(doc, profile, fonts, assets, section.page.text_width());
    c.page_number_para(&n.to_string())
}

impl Composer<'_> {
    /// The page-number paragraph with its text.
    pub fn page_number_para(&self, text: &str) -> Para {
        self.build(self.plain_spec(Role::PageNumber, text, self.text_width))
    }

    /// Ô 13, if the document has it: its lines under a full-width rule.
    pub fn footer(&self) -> Option<Footer> {
        if self.doc.footer.is_empty() {
            return None;
        }
        let paras = self
            .doc
            .footer
            .0
            .iter()
            .map(|l| self.build(self.plain_spec(Role::Footer, l, self.text_width)))
            .collect();
        Some(Footer {
            rule: flow::Rule {
                length: self.text_width,
                thickness: self.profile.rule_width,
                drop: Tw(0),
            },
            paras,
        })
    }

    /// The nơi nhận and signature columns across this section's width, in
    /// the profile's proportion.
    pub fn closing_columns(&self) -> (Tw, Tw) {
        let (l, r) = self.profile.closing_columns();
        let total = l.0 + r.0;
        let left = Tw((self.text_width.0 as i64 * l.0 as i64 / total.max(1) as i64) as i32);
        (left, self.text_width - left)
    }
}
