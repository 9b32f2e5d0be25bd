//! The styles part: one named paragraph style per component of the
//! profile, the character styles Word users expect, and the two styles of
//! the paragraphs that only the DOCX has (a rule's anchor, a spacer
//! between two tables). Everything comes from the profile; nothing here
//! depends on a document.

use crate::out::{Xml, DECLARATION};
use vanban_core::{Alignment, Profile, Role, Style, Tw};

/// The body font named in the DOCX. LibreOffice substitutes the
/// metric-compatible Liberation Serif we measure with.
pub const FONT: &str = "Times New Roman";

/// Bold run-in headings (`1.`, `Điều 1.`, an item's heading).
pub const RUN_IN: &str = "VbDauDong";
/// Word's own style for the text of a content control that still shows
/// its placeholder.
pub const PLACEHOLDER: &str = "PlaceholderText";
/// The empty paragraph a rule is anchored to, right under its text: it
/// moves with the text when the text is edited.
pub const RULE: &str = "VbDuongKe";
/// An empty paragraph of exact height between two tables (Word merges
/// adjacent tables).
pub const SPACER: &str = "VbKhoangCach";

/// Height of a rule's anchor paragraph. Taken back from the space that
/// follows, so the page stays where the PDF has it.
pub const RULE_PARA: Tw = Tw(20);

/// The `w:jc` value of an alignment (`left`, `center`, `right`, `both`).
pub fn jc(a: Alignment) -> &'static str {
    match a {
        Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
        Alignment::Justify => "both",
    }
}

/// `styles.xml` for a profile and a language.
pub fn styles(profile: &Profile, language: &str) -> String {
    let body = profile.style(Role::Body);
    let mut x = Xml::with_capacity(12_000);
    x.raw(DECLARATION);
    x.raw("<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
    x.raw("<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts");
    for a in ["w:ascii", "w:eastAsia", "w:hAnsi", "w:cs"] {
        x.attr(a, FONT);
    }
    x.raw("/>");
    size(&mut x, body.size.0);
    x.raw("<w:lang");
    x.attr("w:val", language);
    x.attr("w:eastAsia", language);
    x.raw(" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>");
    // Two-line widow and orphan control everywhere, as the PDF paginates.
    x.raw("<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>");

    x.raw("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>");
    x.raw("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    x.raw("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    x.raw("<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");

    for &role in Role::ALL {
        let s = profile.style(role);
        x.raw("<w:style w:type=\"paragraph\" w:customStyle=\"1\"");
        x.attr("w:styleId", role.style_id());
        x.raw("><w:name");
        x.attr("w:val", role.name_vi());
        x.raw("/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>");
        if s.keep_with_next {
            x.raw("<w:keepNext/>");
        }
        x.raw("<w:spacing");
        x.attr_int("w:before", s.space_before.0 as i64);
        x.attr_int("w:after", s.space_after.0 as i64);
        x.attr_int("w:line", s.line as i64);
        x.raw(" w:lineRule=\"auto\"/>");
        if s.first_line_indent.0 > 0 {
            x.raw("<w:ind");
            x.attr_int("w:firstLine", s.first_line_indent.0 as i64);
            x.raw("/>");
        }
        x.raw("<w:jc");
        x.attr("w:val", jc(s.align));
        x.raw("/></w:pPr>");
        run_properties(&mut x, &s);
        x.raw("</w:style>");
    }

    x.raw("<w:style w:type=\"character\" w:customStyle=\"1\"");
    x.attr("w:styleId", RUN_IN);
    x.raw("><w:name w:val=\"Đề mục đầu đoạn\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"1\"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>");
    x.raw("<w:style w:type=\"character\"");
    x.attr("w:styleId", PLACEHOLDER);
    x.raw("><w:name w:val=\"Placeholder Text\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:rPr><w:color w:val=\"808080\"/></w:rPr></w:style>");
    for (id, name) in [(RULE, "Đường kẻ"), (SPACER, "Khoảng cách")] {
        x.raw("<w:style w:type=\"paragraph\" w:customStyle=\"1\"");
        x.attr("w:styleId", id);
        x.raw("><w:name");
        x.attr("w:val", name);
        x.raw("/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"");
        x.attr_int("w:line", RULE_PARA.0 as i64);
        x.raw(" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr>");
        // A 1 pt paragraph mark, so the empty line does not show a 14 pt one.
        x.raw("<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:style>");
    }
    x.raw("</w:styles>");
    x.s
}

/// `<w:rPr>` of a paragraph style.
fn run_properties(x: &mut Xml, s: &Style) {
    x.raw("<w:rPr>");
    if s.bold {
        x.raw("<w:b/><w:bCs/>");
    }
    if s.italic {
        x.raw("<w:i/><w:iCs/>");
    }
    size(x, s.size.0);
    x.raw("</w:rPr>");
}

fn size(x: &mut Xml, half_points: u16) {
    x.raw("<w:sz");
    x.attr_int("w:val", half_points as i64);
    x.raw("/><w:szCs");
    x.attr_int("w:val", half_points as i64);
    x.raw("/>");
}
