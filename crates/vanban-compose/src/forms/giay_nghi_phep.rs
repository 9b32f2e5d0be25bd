//! Mẫu 1.10 — giấy nghỉ phép: the type name alone with its rule, the
//! fixed sentences the author writes (`Xét Đơn đề nghị nghỉ phép …`,
//! `… cấp cho:`, `Ông (bà):`, `Chức vụ:`, `Được nghỉ phép …`, `Số ngày
//! nghỉ phép …`), the closing.

use super::{closing_beside, header, type_name};
use crate::composer::Composer;
use vanban_core::Form;

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), Form::GiayNghiPhep.has_trich_yeu());
    c.body(&c.doc.body);
    closing_beside(c);
}
