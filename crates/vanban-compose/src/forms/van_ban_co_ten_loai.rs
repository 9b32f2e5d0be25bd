//! Mẫu 1.4 — văn bản có tên loại: chỉ thị, quy chế, quy định, thông cáo,
//! thông báo, hướng dẫn, chương trình, kế hoạch, phương án, đề án, dự án,
//! báo cáo, tờ trình, giấy ủy quyền, phiếu gửi, phiếu chuyển, phiếu báo
//! (and the kinds Phụ lục III gives no model: hợp đồng, bản ghi nhớ, bản
//! thỏa thuận). A tờ trình or báo cáo sent upward has its Kính gửi.

use super::{closing_beside, header, type_name};
use crate::composer::Composer;

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), true);
    c.authority_line();
    c.kinh_gui(c.profile.kinh_gui_indent);
    c.can_cu();
    c.body(&c.doc.body);
    closing_beside(c);
}
