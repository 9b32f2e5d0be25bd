//! Mẫu 1.2 and 1.3 — quyết định (cá biệt): the authority line under the
//! title, the căn cứ and `Theo đề nghị của …` (the last căn cứ line), the
//! centred `QUYẾT ĐỊNH:`, the articles. Mẫu 1.2 leaves an empty line
//! before `QUYẾT ĐỊNH:`; Mẫu 1.3 (a decision that issues a document, which
//! follows as an annex) only 6 pt.

use super::{closing_beside, header, type_name};
use crate::composer::Composer;
use crate::literals::QUYET_DINH;
use vanban_core::{Form, Role};

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), true);
    c.authority_line();
    c.can_cu();
    let space = match c.doc.form() {
        Form::QuyetDinhBanHanh => c.style(Role::Body).space_before,
        _ => c.profile.gap_after_title,
    };
    c.operative(QUYET_DINH, space);
    c.body(&c.doc.body);
    closing_beside(c);
}
