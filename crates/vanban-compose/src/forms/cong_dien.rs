//! Mẫu 1.6 — công điện: after the title, the centred `<sender> điện:`
//! (the document's `authority`, verbatim), the recipients as dash lines
//! (the document's `kinh_gui`), an empty line, the content.

use super::{closing_beside, header, type_name};
use crate::composer::{plain, Composer};
use crate::literals::{DIEN, KINH_GUI};
use vanban_core::{Role, Tw};

pub fn compose(c: &mut Composer<'_>) {
    header(c);
    c.title(type_name(c), true);
    let sender = c.doc.authority.0.join(" ");
    if !sender.trim().is_empty() {
        let style = c.style(Role::CenteredLine);
        let gap = c.next_space.take().unwrap_or(c.profile.gap_after_title);
        c.centred_line(vec![plain(&style, format!("{sender}{DIEN}"))], gap);
    }
    // The recipients start where a Kính gửi's dashes would: under the
    // colon of a `Kính gửi:` at the usual place.
    let style = c.style(Role::KinhGui);
    let f = c.fonts.face(crate::composer::face(&style, false, false));
    let x = c.profile.kinh_gui_indent + Tw::from_pt(f.width(KINH_GUI, style.size.pt()));
    c.recipients(x);
    c.can_cu();
    c.body(&c.doc.body);
    closing_beside(c);
}
