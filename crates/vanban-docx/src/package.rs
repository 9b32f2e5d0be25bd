//! The parts around the document: content types, relationships, settings,
//! the font table, the theme and the document properties.

use crate::out::{Xml, DECLARATION};
use crate::styles::FONT;
use vanban_core::Document;

pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A relationship of the document part.
pub struct Rel<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub target: &'a str,
}

/// `[Content_Types].xml`: the fixed parts, then headers, footers.
pub fn content_types(headers: usize, footers: usize, png: bool) -> String {
    let mut x = Xml::with_capacity(2_000);
    x.raw(DECLARATION);
    x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    if png {
        x.raw("<Default Extension=\"png\" ContentType=\"image/png\"/>");
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, ct) in [
        ("/word/document.xml", format!("{wml}.document.main+xml")),
        ("/word/styles.xml", format!("{wml}.styles+xml")),
        ("/word/settings.xml", format!("{wml}.settings+xml")),
        ("/word/fontTable.xml", format!("{wml}.fontTable+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ] {
        override_(&mut x, part, &ct);
    }
    for i in 1..=headers {
        override_(
            &mut x,
            &format!("/word/header{i}.xml"),
            &format!("{wml}.header+xml"),
        );
    }
    for i in 1..=footers {
        override_(
            &mut x,
            &format!("/word/footer{i}.xml"),
            &format!("{wml}.footer+xml"),
        );
    }
    x.raw("</Types>");
    x.s
}

fn override_(x: &mut Xml, part: &str, ct: &str) {
    x.raw("<Override");
    x.attr("PartName", part);
    x.attr("ContentType", ct);
    x.raw("/>");
}

/// `_rels/.rels`.
pub fn package_rels() -> &'static str {
    concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
        "</Relationships>"
    )
}

/// `word/_rels/document.xml.rels`: the fixed parts, then `rels`.
pub fn document_rels(rels: &[Rel<'_>]) -> String {
    let mut x = Xml::with_capacity(1_500);
    x.raw(DECLARATION);
    x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (id, kind, target) in [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFontTable", "fontTable", "fontTable.xml"),
        ("rIdTheme", "theme", "theme/theme1.xml"),
    ] {
        rel(&mut x, id, kind, target);
    }
    for r in rels {
        rel(&mut x, r.id, r.kind, r.target);
    }
    x.raw("</Relationships>");
    x.s
}

fn rel(x: &mut Xml, id: &str, kind: &str, target: &str) {
    x.raw("<Relationship");
    x.attr("Id", id);
    x.attr("Type", &format!("{REL}/{kind}"));
    x.attr("Target", target);
    x.raw("/>");
}

/// `word/settings.xml`: only what the layout needs. Lines that end in a
/// line break are not stretched in a justified paragraph (Word's "don't
/// expand character spaces on a line ending with Shift+Return"), as the
/// PDF sets them.
pub fn settings(language: &str) -> String {
    let mut x = Xml::with_capacity(1_000);
    x.raw(DECLARATION);
    x.raw("<w:settings xmlns:w=\"");
    x.raw(NS_W);
    x.raw("\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>");
    x.raw("<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>");
    x.raw("<w:themeFontLang");
    x.attr("w:val", language);
    x.attr("w:eastAsia", language);
    x.raw("/><w:clrSchemeMapping w:bg1=\"light1\" w:t1=\"dark1\" w:bg2=\"light2\" w:t2=\"dark2\" w:accent1=\"accent1\" w:accent2=\"accent2\" w:accent3=\"accent3\" w:accent4=\"accent4\" w:accent5=\"accent5\" w:accent6=\"accent6\" w:hyperlink=\"hyperlink\" w:followedHyperlink=\"followedHyperlink\"/>");
    x.raw("<w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>");
    x.s
}

/// `word/fontTable.xml`: Times New Roman with what a reader needs to
/// substitute it (Word's panose and signature; Liberation Serif, its
/// metric twin, as the alternative name).
pub fn font_table() -> String {
    let mut x = Xml::with_capacity(600);
    x.raw(DECLARATION);
    x.raw("<w:fonts xmlns:w=\"");
    x.raw(NS_W);
    x.raw("\"><w:font");
    x.attr("w:name", FONT);
    x.raw("><w:altName w:val=\"Liberation Serif\"/><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/><w:sig w:usb0=\"E0002EFF\" w:usb1=\"C000785B\" w:usb2=\"00000009\" w:usb3=\"00000000\" w:csb0=\"000001FF\" w:csb1=\"00000000\"/></w:font></w:fonts>");
    x.s
}

/// `word/theme/theme1.xml`: Word resolves the theme fonts of anything a
/// user inserts (a text box, a built-in heading) from here, so both are
/// Times New Roman.
pub fn theme() -> String {
    let mut x = Xml::with_capacity(3_000);
    x.raw(DECLARATION);
    x.raw("<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"vanban\"><a:themeElements>");
    x.raw("<a:clrScheme name=\"vanban\">");
    for (name, sys) in [("dk1", "windowText"), ("lt1", "window")] {
        let rgb = if name == "dk1" { "000000" } else { "FFFFFF" };
        x.raw(&format!(
            "<a:{name}><a:sysClr val=\"{sys}\" lastClr=\"{rgb}\"/></a:{name}>"
        ));
    }
    for (name, rgb) in [
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ] {
        x.raw(&format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>"));
    }
    x.raw("</a:clrScheme><a:fontScheme name=\"vanban\">");
    for f in ["majorFont", "minorFont"] {
        x.raw(&format!(
            "<a:{f}><a:latin typeface=\"{FONT}\"/><a:ea typeface=\"\"/><a:cs typeface=\"{FONT}\"/></a:{f}>"
        ));
    }
    x.raw("</a:fontScheme><a:fmtScheme name=\"vanban\"><a:fillStyleLst>");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    for _ in 0..3 {
        x.raw(fill);
    }
    x.raw("</a:fillStyleLst><a:lnStyleLst>");
    for w in [6350, 12700, 19050] {
        x.raw(&format!("<a:ln w=\"{w}\">{fill}</a:ln>"));
    }
    x.raw("</a:lnStyleLst><a:effectStyleLst>");
    for _ in 0..3 {
        x.raw("<a:effectStyle><a:effectLst/></a:effectStyle>");
    }
    x.raw("</a:effectStyleLst><a:bgFillStyleLst>");
    for _ in 0..3 {
        x.raw(fill);
    }
    x.raw("</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
    x.s
}

/// `docProps/app.xml`.
pub fn app_properties(doc: &Document) -> String {
    let mut x = Xml::with_capacity(600);
    x.raw(DECLARATION);
    x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>vanban</Application><DocSecurity>0</DocSecurity>");
    if let Some(c) = &doc.issuer.full_name {
        x.raw("<Company>");
        x.text(c);
        x.raw("</Company>");
    }
    x.raw("</Properties>");
    x.s
}

/// `docProps/core.xml`: title, subject, author, keywords, language and,
/// when the input gives one, the creation time (never the clock).
pub fn core_properties(doc: &Document) -> String {
    let m = &doc.metadata;
    let mut x = Xml::with_capacity(1_000);
    x.raw(DECLARATION);
    x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    let mut el = |name: &str, v: &str| {
        x.raw("<");
        x.raw(name);
        x.raw(">");
        x.text(v);
        x.raw("</");
        x.raw(name);
        x.raw(">");
    };
    el("dc:title", &doc.title());
    if let Some(s) = &m.subject {
        el("dc:subject", s);
    }
    let author = doc.author();
    el("dc:creator", &author);
    if !m.keywords.is_empty() {
        el("cp:keywords", &m.keywords.join(", "));
    }
    el("cp:lastModifiedBy", &author);
    el("dc:language", &m.language);
    if let Some(t) = created(doc) {
        for name in ["dcterms:created", "dcterms:modified"] {
            x.raw("<");
            x.raw(name);
            x.raw(" xsi:type=\"dcterms:W3CDTF\">");
            x.text(&t);
            x.raw("</");
            x.raw(name);
            x.raw(">");
        }
    }
    x.raw("</cp:coreProperties>");
    x.s
}

/// W3CDTF time: `metadata.created` (Vietnam local time when no zone is
/// given), else the complete date of issue at midnight, else none.
pub fn created(doc: &Document) -> Option<String> {
    if let Some(c) = &doc.metadata.created {
        let c = c.trim();
        let has_zone = c.ends_with('Z') || c.get(19..).is_some_and(|z| z.contains(['+', '-']));
        return Some(match (c.len(), c.contains('T')) {
            (10, false) => format!("{c}T00:00:00+07:00"),
            (_, true) if has_zone => c.to_string(),
            (_, true) => format!("{c}+07:00"),
            _ => c.to_string(),
        });
    }
    let d = doc.date?;
    d.to_naive()?;
    Some(format!(
        "{:04}-{:02}-{:02}T00:00:00+07:00",
        d.year, d.month?, d.day?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(created: Option<&str>, date: &str) -> Document {
        let json = format!(
            r#"{{"kind": "thong-bao", "issuer": {{"name": ["ỦY BAN NHÂN DÂN", "XÃ A"], "abbreviation": "UBND"}},
            "place": "A", "date": {date}, "trich_yeu": "Về việc x", "body": [{{"paragraph": "Nội dung./."}}],
            "noi_nhan": {{"entries": []}}, "signature": {{"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}}
            {}}}"#,
            created.map_or(String::new(), |c| format!(
                r#", "metadata": {{"created": "{c}"}}"#
            ))
        );
        vanban_core::load::from_json(&json).unwrap().document
    }

    #[test]
    fn created_comes_from_the_input_never_the_clock() {
        assert_eq!(created(&doc(None, "2025")), None);
        assert_eq!(
            created(&doc(None, "\"2025-03-06\"")).as_deref(),
            Some("2025-03-06T00:00:00+07:00")
        );
        assert_eq!(
            created(&doc(Some("2025-03-01T08:30:00"), "2025")).as_deref(),
            Some("2025-03-01T08:30:00+07:00")
        );
        assert_eq!(
            created(&doc(Some("2025-03-01"), "2025")).as_deref(),
            Some("2025-03-01T00:00:00+07:00")
        );
        assert_eq!(
            created(&doc(Some("2025-03-01T01:30:00Z"), "2025")).as_deref(),
            Some("2025-03-01T01:30:00Z")
        );
    }

    #[test]
    fn settings_have_no_east_asian_layout_options() {
        let s = settings("vi-VN");
        for bad in [
            "useFELayout",
            "balanceSingleByteDoubleByteWidth",
            "spaceForUL",
        ] {
            assert!(!s.contains(bad), "{bad}");
        }
        assert!(s.contains("compatibilityMode"));
        assert!(s.contains("<w:doNotExpandShiftReturn/>"));
    }
}
