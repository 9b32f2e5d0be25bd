//! Fixes applied to the parts docx-rs builds, on the parsed tree.
//!
//! docx-rs 0.4.22 cannot write drawn shapes, content controls inside a
//! paragraph or repeated table header rows, and it writes the children of
//! `w:pPr`, `w:rPr`, `w:style`, … out of the ECMA-376 sequence (Word for
//! the web and strict validators reject that). The builder therefore leaves
//! a [`Marker`] run where such a construct belongs, and [`apply_markers`]
//! replaces it; [`schema_order`] then sorts every container's children into
//! the schema's sequence. Everything here is typed: no string surgery.

use crate::xml::{Element, Node};
use vanban_core::Tw;

/// Marker runs carry `MARK_OPEN index MARK_CLOSE` as their only text. The
/// characters are from the Private Use Area, which model text never needs
/// for Vietnamese and which the builder rejects in input (see `lib.rs`).
pub const MARK_OPEN: char = '\u{F8F0}';
pub const MARK_CLOSE: char = '\u{F8F1}';

/// Something docx-rs cannot write, to be put where its marker run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// A horizontal line drawn as a DrawingML shape, anchored to the
    /// paragraph holding the marker, centred in its column (table cell or
    /// text area), taking no space in the flow.
    Rule(RuleShape),
    /// The table row holding the marker repeats at the top of each page.
    RepeatHeaderRow,
    /// An inline plain-text content control around `text`, so Word offers
    /// the blank of a draft as a field to fill in.
    Field {
        title: &'static str,
        tag: &'static str,
        text: String,
    },
    /// A floating picture (signature, seal) anchored to the paragraph.
    Picture(PictureShape),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleShape {
    pub length: Tw,
    pub thickness: Tw,
    /// From the top of the anchoring paragraph to the line's centre.
    pub offset_y: Tw,
    /// Width of the column the rule is centred in (for the VML fallback,
    /// which has no "centre" of its own for a line).
    pub column: Tw,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PictureShape {
    /// Relationship id of the image part (`rIdVbImage1`).
    pub rel_id: String,
    pub name: String,
    pub width: Tw,
    pub height: Tw,
    /// From the left edge of the anchoring column.
    pub offset_x: Tw,
    /// From the top of the anchoring paragraph.
    pub offset_y: Tw,
    /// Behind the text (the signature) or in front (the seal over it).
    pub behind: bool,
}

/// The text of the run standing for marker `i`.
pub fn marker_text(i: usize) -> String {
    format!("{MARK_OPEN}{i}{MARK_CLOSE}")
}

fn marker_index(run: &Element) -> Option<usize> {
    if run.name != "w:r" {
        return None;
    }
    let t = run.text_content();
    t.strip_prefix(MARK_OPEN)?
        .strip_suffix(MARK_CLOSE)?
        .parse()
        .ok()
}

/// Why post-processing could not finish: the builder and the post-processor
/// disagree, which is a bug, reported rather than papered over.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PostError {
    #[error("marker {0} appears in the part but was never registered")]
    UnknownMarker(usize),
    #[error("marker {0} was registered but never found in the part")]
    MarkerLost(usize),
    #[error("a repeated-header marker is not inside a table row")]
    HeaderOutsideRow,
}

/// Replaces every marker run below `root`. Each registered marker must be
/// used exactly once.
pub fn apply_markers(root: &mut Element, markers: &[Marker]) -> Result<(), PostError> {
    let mut used = vec![false; markers.len()];
    let mut ids = Ids {
        next_shape: 1,
        next_field: 1,
    };
    let pending_header = replace_in(root, markers, &mut used, &mut ids)?;
    if pending_header {
        return Err(PostError::HeaderOutsideRow);
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(PostError::MarkerLost(i));
    }
    Ok(())
}

struct Ids {
    next_shape: u32,
    next_field: u32,
}

/// Returns whether a repeated-header marker was found below `e` and not yet
/// claimed by a row.
fn replace_in(
    e: &mut Element,
    markers: &[Marker],
    used: &mut [bool],
    ids: &mut Ids,
) -> Result<bool, PostError> {
    let mut header_below = false;
    let old = std::mem::take(&mut e.children);
    let mut new = Vec::with_capacity(old.len());
    for node in old {
        let Node::Element(mut child) = node else {
            new.push(node);
            continue;
        };
        if let Some(i) = marker_index(&child) {
            let m = markers.get(i).ok_or(PostError::UnknownMarker(i))?;
            used[i] = true;
            match m {
                Marker::Rule(r) => new.push(Node::Element(rule_run(r, ids))),
                Marker::Picture(p) => new.push(Node::Element(picture_run(p, ids))),
                Marker::Field { title, tag, text } => {
                    new.push(Node::Element(field(child, title, tag, text, ids)))
                }
                Marker::RepeatHeaderRow => header_below = true,
            }
            continue;
        }
        let mut h = replace_in(&mut child, markers, used, ids)?;
        if h && child.name == "w:tr" {
            let trpr = child.find_or_insert("w:trPr");
            trpr.children
                .push(Node::Element(Element::new("w:tblHeader")));
            h = false;
        }
        header_below |= h;
        new.push(Node::Element(child));
    }
    e.children = new;
    Ok(header_below)
}

fn rule_run(r: &RuleShape, ids: &mut Ids) -> Element {
    let id = ids.next_shape;
    ids.next_shape += 1;
    let len = r.length.emu().to_string();
    // The anchor is the line's bounding box: zero high, so its top is the
    // line itself; Word and LibreOffice draw the stroke centred on it.
    let y = r.offset_y.emu().to_string();
    let half = (r.thickness.emu() / 2).to_string();
    let wsp = Element::new("wps:wsp")
        .child(Element::new("wps:cNvCnPr"))
        .child(
            Element::new("wps:spPr")
                .child(
                    Element::new("a:xfrm")
                        .child(Element::new("a:off").attr("x", "0").attr("y", "0"))
                        .child(Element::new("a:ext").attr("cx", &len).attr("cy", "0")),
                )
                .child(
                    Element::new("a:prstGeom")
                        .attr("prst", "line")
                        .child(Element::new("a:avLst")),
                )
                .child(
                    Element::new("a:ln")
                        .attr("w", r.thickness.emu().to_string())
                        .child(
                            Element::new("a:solidFill")
                                .child(Element::new("a:srgbClr").attr("val", "000000")),
                        ),
                ),
        )
        .child(Element::new("wps:bodyPr"));
    let anchor = anchor(
        id,
        &format!("Đường kẻ {id}"),
        AnchorPos {
            h: HPos::Center,
            y: &y,
            cx: &len,
            cy: "0",
            behind: false,
            effect: Some(&half),
        },
        Element::new("a:graphicData")
            .attr(
                "uri",
                "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
            )
            .child(wsp),
    );
    // Word writes shapes as DrawingML for Word 2010+ with a VML fallback
    // for everything else (and for validators that know only ECMA-376).
    let pt = |t: Tw| format!("{}pt", t.0 as f32 / 20.0);
    let x0 = Tw((r.column.0 - r.length.0) / 2);
    let vml = Element::new("v:line")
        .attr("id", format!("Đường kẻ {id}"))
        .attr(
            "style",
            "position:absolute;z-index:1;mso-position-horizontal-relative:text;mso-position-vertical-relative:text",
        )
        .attr("from", format!("{},{}", pt(x0), pt(r.offset_y)))
        .attr(
            "to",
            format!("{},{}", pt(x0 + r.length), pt(r.offset_y)),
        )
        .attr("strokecolor", "black")
        .attr("strokeweight", pt(r.thickness));
    Element::new("w:r").child(
        Element::new("mc:AlternateContent")
            .child(
                Element::new("mc:Choice")
                    .attr("Requires", "wps")
                    .child(Element::new("w:drawing").child(anchor)),
            )
            .child(Element::new("mc:Fallback").child(Element::new("w:pict").child(vml))),
    )
}

enum HPos<'a> {
    Center,
    Offset(&'a str),
}

struct AnchorPos<'a> {
    h: HPos<'a>,
    y: &'a str,
    cx: &'a str,
    cy: &'a str,
    behind: bool,
    effect: Option<&'a str>,
}

fn anchor(id: u32, name: &str, pos: AnchorPos<'_>, graphic_data: Element) -> Element {
    let pos_h = match pos.h {
        HPos::Center => Element::new("wp:align").text("center"),
        HPos::Offset(x) => Element::new("wp:posOffset").text(x),
    };
    let e = pos.effect.unwrap_or("0");
    Element::new("wp:anchor")
        .attr("distT", "0")
        .attr("distB", "0")
        .attr("distL", "0")
        .attr("distR", "0")
        .attr("simplePos", "0")
        .attr("relativeHeight", (id * 1024).to_string())
        .attr("behindDoc", if pos.behind { "1" } else { "0" })
        .attr("locked", "0")
        .attr("layoutInCell", "1")
        .attr("allowOverlap", "1")
        .child(Element::new("wp:simplePos").attr("x", "0").attr("y", "0"))
        .child(
            Element::new("wp:positionH")
                .attr("relativeFrom", "column")
                .child(pos_h),
        )
        .child(
            Element::new("wp:positionV")
                .attr("relativeFrom", "paragraph")
                .child(Element::new("wp:posOffset").text(pos.y)),
        )
        .child(
            Element::new("wp:extent")
                .attr("cx", pos.cx)
                .attr("cy", pos.cy),
        )
        .child(
            Element::new("wp:effectExtent")
                .attr("l", "0")
                .attr("t", e)
                .attr("r", "0")
                .attr("b", e),
        )
        .child(Element::new("wp:wrapNone"))
        .child(
            Element::new("wp:docPr")
                .attr("id", id.to_string())
                .attr("name", name),
        )
        .child(Element::new("wp:cNvGraphicFramePr"))
        .child(
            Element::new("a:graphic")
                .attr(
                    "xmlns:a",
                    "http://schemas.openxmlformats.org/drawingml/2006/main",
                )
                .child(graphic_data),
        )
}

fn picture_run(p: &PictureShape, ids: &mut Ids) -> Element {
    let id = ids.next_shape;
    ids.next_shape += 1;
    let cx = p.width.emu().to_string();
    let cy = p.height.emu().to_string();
    let pic = Element::new("pic:pic")
        .attr(
            "xmlns:pic",
            "http://schemas.openxmlformats.org/drawingml/2006/picture",
        )
        .child(
            Element::new("pic:nvPicPr")
                .child(
                    Element::new("pic:cNvPr")
                        .attr("id", id.to_string())
                        .attr("name", &p.name),
                )
                .child(Element::new("pic:cNvPicPr")),
        )
        .child(
            Element::new("pic:blipFill")
                .child(Element::new("a:blip").attr("r:embed", &p.rel_id))
                .child(Element::new("a:stretch").child(Element::new("a:fillRect"))),
        )
        .child(
            Element::new("pic:spPr")
                .child(
                    Element::new("a:xfrm")
                        .child(Element::new("a:off").attr("x", "0").attr("y", "0"))
                        .child(Element::new("a:ext").attr("cx", &cx).attr("cy", &cy)),
                )
                .child(
                    Element::new("a:prstGeom")
                        .attr("prst", "rect")
                        .child(Element::new("a:avLst")),
                ),
        );
    let x = p.offset_x.emu().to_string();
    let y = p.offset_y.emu().to_string();
    let anchor = anchor(
        id,
        &p.name,
        AnchorPos {
            h: HPos::Offset(&x),
            y: &y,
            cx: &cx,
            cy: &cy,
            behind: p.behind,
            effect: None,
        },
        Element::new("a:graphicData")
            .attr(
                "uri",
                "http://schemas.openxmlformats.org/drawingml/2006/picture",
            )
            .child(pic),
    );
    Element::new("w:r").child(Element::new("w:drawing").child(anchor))
}

/// Wraps the marker run, its text replaced by `text`, in a content control.
fn field(mut run: Element, title: &str, tag: &str, text: &str, ids: &mut Ids) -> Element {
    let id = ids.next_field;
    ids.next_field += 1;
    for t in run.elements_mut().filter(|c| c.name == "w:t") {
        t.children = vec![Node::Text(text.to_string())];
        t.set_attr("xml:space", "preserve");
    }
    Element::new("w:sdt")
        .child(
            Element::new("w:sdtPr")
                .child(Element::new("w:alias").attr("w:val", title))
                .child(Element::new("w:tag").attr("w:val", tag))
                .child(Element::new("w:id").attr("w:val", (100 + id).to_string()))
                .child(Element::new("w:text")),
        )
        .child(Element::new("w:sdtContent").child(run))
}

// ---------------------------------------------------------------------------
// Schema order

/// The ECMA-376 (transitional) sequence of the children of a container, for
/// the containers docx-rs writes out of order. Elements not listed keep their
/// relative order after the listed ones.
pub fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        // CT_PPr = CT_PPrBase + rPr, sectPr, pPrChange
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        // CT_RPr / CT_ParaRPr (EG_RPrBase); the paragraph mark's revision
        // elements come first.
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        "w:trPr" => &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:tblBorders" | "w:tcBorders" => &[
            "w:top",
            "w:start",
            "w:left",
            "w:bottom",
            "w:end",
            "w:right",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right"]
        }
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        // Containers where only the properties element must lead.
        "w:p" => &["w:pPr"],
        "w:r" => &["w:rPr"],
        "w:tbl" => &["w:tblPr", "w:tblGrid"],
        "w:tr" => &["w:tblPrEx", "w:trPr"],
        "w:tc" => &["w:tcPr"],
        "w:sdt" => &["w:sdtPr", "w:sdtEndPr", "w:sdtContent"],
        _ => return None,
    })
}

/// Sorts the children of every container below `root` into schema order
/// (stable: equal names keep their order, unknown names go last in the
/// order they came).
pub fn schema_order(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if let Some(seq) = sequence(&e.name) {
            let rank = |n: &Node| match n {
                Node::Element(c) => seq.iter().position(|s| *s == c.name).unwrap_or(seq.len()),
                Node::Text(_) => seq.len(),
            };
            e.children.sort_by_key(rank);
        }
    });
}

/// Whether every container below `root` is in schema order: what the
/// tests and a debug assertion check.
pub fn first_out_of_order(root: &Element) -> Option<String> {
    let mut found = None;
    root.walk(&mut |e| {
        if found.is_some() {
            return;
        }
        if let Some(seq) = sequence(&e.name) {
            let ranks: Vec<usize> = e
                .elements()
                .map(|c| seq.iter().position(|s| *s == c.name).unwrap_or(seq.len()))
                .collect();
            if let Some(w) = ranks.windows(2).position(|w| w[0] > w[1]) {
                let names: Vec<&str> = e.elements().map(|c| c.name.as_str()).collect();
                found = Some(format!(
                    "<{}>: {} before {} ({names:?})",
                    e.name,
                    names[w],
                    names[w + 1]
                ));
            }
        }
    });
    found
}

/// Attributes docx-rs writes that the schema does not define for the
/// element (`w:gridCol` has only `w:w`).
const FOREIGN_ATTRIBUTES: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// Removes the attributes of [`FOREIGN_ATTRIBUTES`] below `root`.
pub fn drop_foreign_attributes(root: &mut Element) {
    root.walk_mut(&mut |e| {
        for (el, attr) in FOREIGN_ATTRIBUTES {
            if e.name == *el {
                e.attrs.retain(|(k, _)| k != attr);
            }
        }
    });
}

/// docx-rs numbers `w14:paraId` from a thread-local counter; renumbering in
/// document order makes the part depend on its content alone.
pub fn renumber_para_ids(root: &mut Element, next: &mut u32) {
    root.walk_mut(&mut |e| {
        if e.name == "w:p" && e.get_attr("w14:paraId").is_some() {
            e.set_attr("w14:paraId", format!("{:08X}", *next));
            *next += 1;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn reorders_ppr_and_rpr() {
        let mut e = parse(
            br#"<w:p><w:pPr><w:rPr/><w:jc w:val="both"/><w:ind/><w:spacing/><w:keepNext/><w:pStyle w:val="X"/></w:pPr><w:r><w:t>a</w:t><w:rPr><w:sz w:val="28"/><w:szCs/><w:b/><w:bCs/><w:i/></w:rPr></w:r></w:p>"#,
        )
        .unwrap();
        assert!(first_out_of_order(&e).is_some());
        schema_order(&mut e);
        assert_eq!(first_out_of_order(&e), None);
        let ppr: Vec<&str> = e.children_names("w:pPr");
        assert_eq!(
            ppr,
            [
                "w:pStyle",
                "w:keepNext",
                "w:spacing",
                "w:ind",
                "w:jc",
                "w:rPr"
            ]
        );
        let r = e.find("w:r").unwrap();
        assert_eq!(r.elements().next().unwrap().name, "w:rPr");
        let rpr: Vec<&str> = r.children_names("w:rPr");
        assert_eq!(rpr, ["w:b", "w:bCs", "w:i", "w:sz", "w:szCs"]);
    }

    impl Element {
        fn children_names(&self, name: &str) -> Vec<&str> {
            self.find(name)
                .unwrap()
                .elements()
                .map(|c| c.name.as_str())
                .collect()
        }
    }

    fn run(i: usize) -> String {
        format!("<w:r><w:rPr/><w:t>{}</w:t></w:r>", marker_text(i))
    }

    #[test]
    fn markers_become_shapes_fields_and_header_rows() {
        let src = format!(
            "<w:body><w:p>{}</w:p><w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>Số: </w:t></w:r>{}</w:p></w:body>",
            run(0),
            run(1),
            run(2)
        );
        let mut e = parse(src.as_bytes()).unwrap();
        let markers = vec![
            Marker::Rule(RuleShape {
                length: Tw(1000),
                thickness: Tw(10),
                offset_y: Tw(400),
                column: Tw(3000),
            }),
            Marker::RepeatHeaderRow,
            Marker::Field {
                title: "Số",
                tag: "so",
                text: "     ".into(),
            },
        ];
        apply_markers(&mut e, &markers).unwrap();
        schema_order(&mut e);
        let mut lines = 0;
        let mut ext = None;
        let mut offset = None;
        e.walk(&mut |x| {
            if x.name == "a:prstGeom" && x.get_attr("prst") == Some("line") {
                lines += 1;
            }
            if x.name == "wp:extent" {
                ext = x.get_attr("cx").map(str::to_string);
            }
            if x.name == "wp:positionV" {
                offset = Some(x.text_content());
            }
        });
        assert_eq!(lines, 1);
        assert_eq!(ext.as_deref(), Some("635000"));
        assert_eq!(offset.as_deref(), Some("254000"));
        let tr = e.find("w:tbl").unwrap().find("w:tr").unwrap();
        assert!(tr.find("w:trPr").unwrap().find("w:tblHeader").is_some());
        assert_eq!(tr.elements().next().unwrap().name, "w:trPr");
        // The marker run of the header row is gone; the paragraph stays.
        assert_eq!(
            tr.find("w:tc").unwrap().find("w:p").unwrap().children.len(),
            0
        );
        let sdt = e.elements().nth(2).unwrap().find("w:sdt").unwrap();
        assert_eq!(
            sdt.find("w:sdtPr")
                .unwrap()
                .find("w:alias")
                .unwrap()
                .get_attr("w:val"),
            Some("Số")
        );
        assert_eq!(sdt.text_content(), "     ");
        assert!(!e.text_content().contains(MARK_OPEN));
    }

    #[test]
    fn unknown_or_lost_markers_are_errors() {
        let mut e = parse(format!("<w:p>{}</w:p>", run(3)).as_bytes()).unwrap();
        assert_eq!(
            apply_markers(&mut e, &[Marker::RepeatHeaderRow]),
            Err(PostError::UnknownMarker(3))
        );
        let mut e = parse(b"<w:p/>").unwrap();
        assert_eq!(
            apply_markers(&mut e, &[Marker::RepeatHeaderRow]),
            Err(PostError::MarkerLost(0))
        );
        let mut e = parse(format!("<w:p>{}</w:p>", run(0)).as_bytes()).unwrap();
        assert_eq!(
            apply_markers(&mut e, &[Marker::RepeatHeaderRow]),
            Err(PostError::HeaderOutsideRow)
        );
    }
}
