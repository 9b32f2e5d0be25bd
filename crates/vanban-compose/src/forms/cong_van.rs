//! Mẫu 1.5 — công văn: no tên loại; the `V/v …` trích yếu under the số
//! (ô 5b, 6 pt below it), then Kính gửi, the body, the closing.

use super::{closing_beside, header_geometry};
use crate::composer::Composer;
use crate::header::HeaderRows;

pub fn compose(c: &mut Composer<'_>) {
    c.header(
        header_geometry(c.doc.form()),
        HeaderRows {
            so: true,
            place_date: true,
            vv: true,
        },
    );
    // Without a title, the first block keeps the distance a title would.
    c.next_space = Some(c.profile.gap_after_header);
    c.kinh_gui(c.profile.kinh_gui_indent);
    c.can_cu();
    c.body(&c.doc.body);
    closing_beside(c);
}
