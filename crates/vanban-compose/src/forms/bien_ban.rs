//! Mẫu 1.9 — biên bản: no place-and-date line (printed only when the
//! author gives a date, as practice often does), the title and trích yếu,
//! the minutes, then two signers side by side — the secretary (a
//! co-signer) on the left, the chair on the right — and the nơi nhận
//! under the secretary.

use super::{header_geometry, type_name};
use crate::closing::ClosingLayout;
use crate::composer::Composer;
use crate::header::HeaderRows;
use vanban_core::Tw;

pub fn compose(c: &mut Composer<'_>) {
    c.header(
        header_geometry(c.doc.form()),
        HeaderRows {
            so: true,
            place_date: c.doc.date.is_some(),
            vv: false,
        },
    );
    c.title(type_name(c), true);
    c.can_cu();
    c.body(&c.doc.body);
    // forms.md §9 row 12: a 60 mm column for the secretary.
    let left = Tw::from_mm(60.0);
    let cols = (left, c.text_width - left);
    c.closing(ClosingLayout::Below, cols);
}
