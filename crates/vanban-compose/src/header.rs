//! The header (ô 1–4, and 5b of a công văn): a borderless table of two
//! columns, names on its first row, số and place-date on the second.

use crate::composer::{plain, Composer};
use crate::flow::{Block, Field, Para, Row, Span};
use crate::literals::{QUOC_HIEU, TIEU_NGU};
use vanban_core::{date::format_ngay_thang_nam, Role, Tw};

/// The header table's geometry in a model of Phụ lục III: column widths
/// and the table's shift from the left margin, in mm (forms.md §1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderGeometry {
    /// Width of the left column (chủ quản, issuing body, số hiệu), in mm.
    pub left_mm: f32,
    /// Width of the right column (Quốc hiệu, Tiêu ngữ, place and date), in mm.
    pub right_mm: f32,
    /// Left edge of the table from the left margin, in mm; negative: into
    /// the margin (−3.5 for Mẫu 1.4).
    pub shift_mm: f32,
}

/// What the header's second row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderRows {
    /// `Số: …` (ô 3); the document a Quyết định issues has none.
    pub so: bool,
    /// The place-and-date line (ô 4).
    pub place_date: bool,
    /// The công văn's `V/v …` lines under the số (ô 5b).
    pub vv: bool,
}

impl Composer<'_> {
    /// The header's two rows, pushed onto the flow.
    pub fn header(&mut self, g: HeaderGeometry, rows: HeaderRows) {
        let left = Tw::from_mm(g.left_mm);
        let mut right = Tw::from_mm(g.right_mm);
        // The national name never wraps: a column narrower than it (the
        // Công văn model sets it at 12 pt) is widened to hold it.
        let qh_style = self.style(Role::QuocHieu);
        let qh_width = Tw::from_pt(
            self.fonts
                .face(crate::composer::face(&qh_style, false, false))
                .width(QUOC_HIEU, qh_style.size.pt())
                + 2.0,
        );
        right = right.max(qh_width);
        let shift = Tw::from_mm(g.shift_mm);

        // Row 1, left: superior lines, issuer lines, rule under the issuer.
        let mut lcell: Vec<Para> = Vec::new();
        for l in self
            .doc
            .issuer
            .superior
            .0
            .iter()
            .filter(|l| !l.trim().is_empty())
        {
            let s = self.plain_spec(Role::Superior, l, left).balanced();
            lcell.push(self.build(s));
        }
        let mut issuer: Vec<Para> = Vec::new();
        for l in &self.doc.issuer.name.0 {
            let s = self.plain_spec(Role::Issuer, l, left).balanced();
            issuer.push(self.build(s));
        }
        let widest = Composer::widest(&issuer.iter().collect::<Vec<_>>());
        if let Some(last) = issuer.last_mut() {
            if widest > 0.0 {
                last.rule = Some(self.short_rule(widest));
            }
        }
        lcell.extend(issuer);

        // Row 1, right: national name and motto with its rule.
        let qh = self.build(self.plain_spec(Role::QuocHieu, QUOC_HIEU, right));
        let mut tn = self.build(self.plain_spec(Role::TieuNgu, TIEU_NGU, right));
        tn.rule = Some(self.full_rule(Composer::widest(&[&tn])));
        let rcell = vec![qh, tn];
        let columns = vec![left, right];
        self.push(Block::Row(Row {
            shift,
            columns: columns.clone(),
            cells: vec![lcell, rcell],
            space_before: Tw(0),
            keep_with_next: true,
            keep_with_previous: false,
        }));

        // Row 2: số and place-date on one baseline; the V/v lines under
        // the số.
        if !(rows.so || rows.place_date || rows.vv) {
            return;
        }
        let (so_extra, date_extra) =
            self.level(&self.style(Role::SoHieu), &self.style(Role::PlaceDate));
        let mut l2 = Vec::new();
        if rows.so {
            let s = self
                .spec(Role::SoHieu, self.so_spans(), left)
                .space_before(so_extra);
            l2.push(self.build(s));
        }
        if rows.vv && !self.doc.trich_yeu.is_empty() {
            let style = self.style(Role::TrichYeuCongVan);
            let text = self.doc.trich_yeu.0.join("\n");
            let s = self
                .spec(Role::TrichYeuCongVan, vec![plain(&style, text)], left)
                .balanced();
            l2.push(self.build(s));
        }
        let mut r2 = Vec::new();
        if rows.place_date {
            let s = self
                .spec(Role::PlaceDate, self.place_date_spans(), right)
                .space_before(date_extra);
            r2.push(self.build(s));
        }
        self.push(Block::Row(Row {
            shift,
            columns,
            cells: vec![l2, r2],
            space_before: self.profile.header_row_gap,
            keep_with_next: true,
            keep_with_previous: true,
        }));
    }

    /// `Số: 05/TB-UBND`; a draft's blank number is a field.
    pub fn so_spans(&self) -> Vec<Span> {
        let style = self.style(Role::SoHieu);
        let d = self.doc;
        let ky_hieu = d.so_hieu.ky_hieu(d.kind, &d.issuer.abbreviation);
        let mut number = plain(&style, d.so_hieu.number_text());
        if d.so_hieu.number.is_none() {
            number.field = Some(Field::So);
        }
        vec![
            plain(&style, "Số: "),
            number,
            plain(&style, format!("/{ky_hieu}")),
        ]
    }

    /// `Tiến Thắng, ngày 06 tháng 3 năm 2025`; an incomplete date is a field.
    pub fn place_date_spans(&self) -> Vec<Span> {
        let style = self.style(Role::PlaceDate);
        let d = self.doc;
        let mut date = plain(&style, format_ngay_thang_nam(d.date.as_ref()));
        if d.date.map(|x| x.is_complete()) != Some(true) {
            date.field = Some(Field::NgayBanHanh);
        }
        vec![plain(&style, format!("{}, ", d.place)), date]
    }
}
