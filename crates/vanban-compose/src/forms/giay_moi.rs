//! Mẫu 1.7 — giấy mời: title and trích yếu, then the invitation as
//! labelled paragraphs the author writes (`… trân trọng kính mời: …`,
//! `Tới dự …`, `Chủ trì:`, `Thời gian:`, `Địa điểm:`), labels in regular
//! weight.

use super::{closing_beside, header, type_name};
use crate::composer::Composer;

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), true);
    c.authority_line();
    c.can_cu();
    c.body(&c.doc.body);
    closing_beside(c);
}
