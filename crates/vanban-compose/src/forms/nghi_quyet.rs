//! Mẫu 1.1 — nghị quyết (cá biệt): the authority line under the title,
//! the căn cứ, the centred `QUYẾT NGHỊ:`, the content (often articles).

use super::{closing_beside, header, type_name};
use crate::composer::Composer;
use crate::literals::QUYET_NGHI;
use vanban_core::Role;

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), true);
    c.authority_line();
    c.can_cu();
    // forms.md §2 row 9: `QUYẾT NGHỊ:` with 6 pt before.
    c.operative(QUYET_NGHI, c.style(Role::Body).space_before);
    c.body(&c.doc.body);
    closing_beside(c);
}
