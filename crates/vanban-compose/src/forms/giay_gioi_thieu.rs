//! Mẫu 1.8 — giấy giới thiệu: the type name alone with its rule, the
//! centred `… trân trọng giới thiệu:` (the document's `intro`), then the
//! labelled lines (`Ông (bà) …`, `Chức vụ:`, `Được cử đến:`, `Về việc:`),
//! the fixed request and the validity line, as the author writes them.

use super::{closing_beside, header, type_name};
use crate::composer::Composer;
use vanban_core::Form;

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), Form::GiayGioiThieu.has_trich_yeu());
    let gap = c.next_space.take().unwrap_or(c.profile.gap_after_title);
    c.intro(gap);
    c.next_space = Some(c.profile.gap_after_title);
    c.body(&c.doc.body);
    closing_beside(c);
}
