//! The package around the document: our own core properties and settings,
//! the post-processed parts, and a ZIP with fixed timestamps so identical
//! input gives identical bytes.

use crate::build::Media;
use crate::postprocess::{self, Marker};
use crate::xml::{self, Element, Node};
use crate::DocxError;
use docx_rs::XMLDocx;
use std::io::{Cursor, Write};
use vanban_core::Document;

/// Assembles and zips the package.
pub fn assemble(
    x: XMLDocx,
    markers: &[Marker],
    media: &[Media],
    doc: &Document,
) -> Result<Vec<u8>, DocxError> {
    let mut next_para_id = 1u32;

    let mut document = xml::parse(&x.document)?;
    postprocess::apply_markers(&mut document, markers)?;
    postprocess::schema_order(&mut document);
    postprocess::drop_foreign_attributes(&mut document);
    postprocess::renumber_para_ids(&mut document, &mut next_para_id);

    let mut styles = xml::parse(&x.styles)?;
    fix_styles(&mut styles, &doc.metadata.language);
    postprocess::schema_order(&mut styles);

    let mut headers = Vec::new();
    for h in &x.headers {
        let mut e = xml::parse(h)?;
        postprocess::schema_order(&mut e);
        postprocess::renumber_para_ids(&mut e, &mut next_para_id);
        headers.push(xml::write(&e));
    }

    let mut content_types = xml::parse(&x.content_type)?;
    let mut document_rels = xml::parse(&x.document_rels)?;
    let mut package_rels = xml::parse(&x.rels)?;
    // docx-rs always writes comments, numbering, footnotes and custom
    // properties, empty here and partly unreferenced; leaving them out
    // (with their relationships and content types) keeps the package to
    // the parts the document uses.
    for part in UNUSED_PARTS {
        content_types.children.retain(|n| {
            !matches!(n, Node::Element(e) if e.get_attr("PartName") == Some(&format!("/{part}")))
        });
    }
    let unused_target = |e: &Element, base: &str| {
        e.get_attr("Target")
            .is_some_and(|t| UNUSED_PARTS.contains(&format!("{base}{t}").as_str()))
    };
    document_rels
        .children
        .retain(|n| !matches!(n, Node::Element(e) if unused_target(e, "word/")));
    package_rels
        .children
        .retain(|n| !matches!(n, Node::Element(e) if unused_target(e, "")));
    if !media.is_empty() {
        add_png_default(&mut content_types);
        for m in media {
            document_rels.children.push(Node::Element(
                Element::new("Relationship")
                    .attr("Id", &m.rel_id)
                    .attr(
                        "Type",
                        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                    )
                    .attr("Target", format!("media/{}", m.file_name)),
            ));
        }
    }

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml::write(&content_types)),
        ("_rels/.rels".into(), xml::write(&package_rels)),
        ("docProps/app.xml".into(), x.doc_props.app),
        ("docProps/core.xml".into(), core_properties(doc)),
        (
            "word/_rels/document.xml.rels".into(),
            xml::write(&document_rels),
        ),
        ("word/document.xml".into(), xml::write(&document)),
        ("word/styles.xml".into(), xml::write(&styles)),
        ("word/settings.xml".into(), settings(&doc.metadata.language)),
        ("word/fontTable.xml".into(), x.font_table),
    ];
    for (i, h) in headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(r) = x.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), r.clone()));
        }
    }
    for (i, f) in x.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(r) = x.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), r.clone()));
        }
    }
    for m in media {
        parts.push((format!("word/media/{}", m.file_name), m.bytes.clone()));
    }
    zip_parts(&parts)
}

/// Parts docx-rs writes that a vanban document never uses.
const UNUSED_PARTS: &[&str] = &[
    "docProps/custom.xml",
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/numbering.xml",
    "word/footnotes.xml",
];

fn add_png_default(ct: &mut Element) {
    let has = ct
        .elements()
        .any(|e| e.name == "Default" && e.get_attr("Extension") == Some("png"));
    if !has {
        // Defaults precede Overrides in the content-types schema.
        ct.children.insert(
            0,
            Node::Element(
                Element::new("Default")
                    .attr("Extension", "png")
                    .attr("ContentType", "image/png"),
            ),
        );
    }
}

/// Writes the parts into a ZIP in the given order, every entry dated
/// 1980-01-01 00:00 (the ZIP epoch): no clock in the output.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocxError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `Normal` becomes the default paragraph style, and the default run
/// properties name the document's language so spelling and hyphenation
/// use Vietnamese.
fn fix_styles(styles: &mut Element, language: &str) {
    for s in styles.elements_mut() {
        if s.name == "w:style" && s.get_attr("w:styleId") == Some("Normal") {
            s.set_attr("w:default", "1");
        }
    }
    if let Some(rpr) = styles
        .find_mut("w:docDefaults")
        .and_then(|d| d.find_mut("w:rPrDefault"))
        .map(|r| r.find_or_insert("w:rPr"))
    {
        rpr.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
        rpr.children.push(Node::Element(
            Element::new("w:lang")
                .attr("w:val", language)
                .attr("w:eastAsia", language)
                .attr("w:bidi", "ar-SA"),
        ));
    }
}

/// Our settings part. docx-rs's own carries East-Asian compatibility
/// options (`w:useFELayout`, `w:balanceSingleByteDoubleByteWidth`, …)
/// that change line layout; this one holds only what the layout needs.
pub fn settings(language: &str) -> Vec<u8> {
    let e = Element::new("w:settings")
        .attr(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        )
        .child(Element::new("w:zoom").attr("w:percent", "100"))
        .child(Element::new("w:defaultTabStop").attr("w:val", "720"))
        .child(Element::new("w:characterSpacingControl").attr("w:val", "doNotCompress"))
        .child(
            Element::new("w:compat").child(
                Element::new("w:compatSetting")
                    .attr("w:name", "compatibilityMode")
                    .attr("w:uri", "http://schemas.microsoft.com/office/word")
                    .attr("w:val", "15"),
            ),
        )
        .child(
            Element::new("w:themeFontLang")
                .attr("w:val", language)
                .attr("w:eastAsia", language),
        )
        .child(Element::new("w:decimalSymbol").attr("w:val", ","))
        .child(Element::new("w:listSeparator").attr("w:val", ";"));
    xml::write(&e)
}

/// Core properties from the document: title, creator, subject, keywords,
/// language and, when the input gives one, the creation time (never the
/// clock).
pub fn core_properties(doc: &Document) -> Vec<u8> {
    let m = &doc.metadata;
    let mut e = Element::new("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .child(Element::new("dc:title").text(doc.title()));
    if let Some(s) = &m.subject {
        e = e.child(Element::new("dc:subject").text(s.as_str()));
    }
    e = e.child(Element::new("dc:creator").text(doc.author()));
    if !m.keywords.is_empty() {
        e = e.child(Element::new("cp:keywords").text(m.keywords.join(", ")));
    }
    e = e.child(Element::new("dc:language").text(m.language.as_str()));
    if let Some(t) = created(doc) {
        for name in ["dcterms:created", "dcterms:modified"] {
            e = e.child(
                Element::new(name)
                    .attr("xsi:type", "dcterms:W3CDTF")
                    .text(t.as_str()),
            );
        }
    }
    xml::write(&e)
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
        let s = String::from_utf8(settings("vi-VN")).unwrap();
        for bad in [
            "useFELayout",
            "balanceSingleByteDoubleByteWidth",
            "spaceForUL",
            "doNotExpandShiftReturn",
        ] {
            assert!(!s.contains(bad), "{bad}");
        }
        assert!(s.contains("compatibilityMode"));
    }
}
