//! Rules drawn as shapes: DrawingML lines (`wps:wsp`, also inside groups)
//! and VML lines (`v:line`, `w:pict`), with their length and horizontal
//! position; text boxes are handed back to be read as paragraphs.

use super::{is_w, Rule, RuleKind, Twips};
use roxmltree::Node;

const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const V: &str = "urn:schemas-microsoft-com:vml";
const EMU_PER_MM: f32 = 36_000.0;

fn ns(n: Node, ns: &str, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns)
}

fn emu(s: Option<&str>) -> Option<f32> {
    s?.trim().parse::<f64>().ok().map(|v| v as f32)
}

/// Reads the shapes under a `w:drawing`, `w:pict` or `w:object`.
pub(super) fn collect<'a, 'i>(
    node: Node<'a, 'i>,
    container: Twips,
    rules: &mut Vec<Rule>,
    textboxes: &mut Vec<Node<'a, 'i>>,
) {
    let container_mm = super::twips_to_mm(container as f32);
    if is_w(node, "drawing") {
        for frame in node
            .children()
            .filter(|c| ns(*c, WP, "anchor") || ns(*c, WP, "inline"))
        {
            drawing(frame, container_mm, rules, textboxes);
        }
    } else {
        vml(node, container_mm, rules, textboxes);
    }
}

fn drawing<'a, 'i>(
    frame: Node<'a, 'i>,
    container_mm: f32,
    rules: &mut Vec<Rule>,
    textboxes: &mut Vec<Node<'a, 'i>>,
) {
    let extent = frame.children().find(|c| ns(*c, WP, "extent"));
    let cx = extent.and_then(|e| emu(e.attribute("cx"))).unwrap_or(0.0);
    let cy = extent.and_then(|e| emu(e.attribute("cy"))).unwrap_or(0.0);
    // Horizontal position of the frame's left edge within the column, when
    // the author placed it by an offset from the column or margin.
    let left_mm: Option<f32> = frame
        .children()
        .find(|c| ns(*c, WP, "positionH"))
        .and_then(|h| {
            let rel = h.attribute("relativeFrom").unwrap_or("");
            if !matches!(rel, "column" | "margin") {
                return None;
            }
            if let Some(o) = h.children().find(|c| ns(*c, WP, "posOffset")) {
                return emu(o.text()).map(|v| v / EMU_PER_MM);
            }
            match h
                .children()
                .find(|c| ns(*c, WP, "align"))
                .and_then(|a| a.text())
            {
                Some("center") => Some((container_mm - cx / EMU_PER_MM) / 2.0),
                Some("left") => Some(0.0),
                Some("right") => Some(container_mm - cx / EMU_PER_MM),
                _ => None,
            }
        });
    let mut shapes = 0;
    for d in frame.descendants().filter(|d| d.is_element()) {
        if d.tag_name().name() == "txbxContent" && is_w(d, "txbxContent") {
            if !d.ancestors().skip(1).any(|a| is_w(a, "txbxContent")) {
                textboxes.push(d);
            }
            continue;
        }
        if d.tag_name().name() != "wsp" {
            continue;
        }
        shapes += 1;
        let has_text = d.descendants().any(|x| is_w(x, "txbxContent"));
        if has_text {
            continue;
        }
        let geom = d
            .descendants()
            .find(|x| ns(*x, A, "prstGeom"))
            .and_then(|g| g.attribute("prst"))
            .unwrap_or("");
        // In a group each shape has its own extent and offset.
        let xfrm = d.descendants().find(|x| ns(*x, A, "xfrm"));
        let (mut w, mut h) = (cx, cy);
        let mut off_x = 0.0;
        let in_group = d.ancestors().any(|a| a.tag_name().name() == "wgp");
        if let Some(x) = xfrm {
            if in_group {
                if let Some(e) = x.children().find(|c| ns(*c, A, "ext")) {
                    w = emu(e.attribute("cx")).unwrap_or(w);
                    h = emu(e.attribute("cy")).unwrap_or(h);
                }
                if let Some(o) = x.children().find(|c| ns(*c, A, "off")) {
                    off_x = emu(o.attribute("x")).unwrap_or(0.0);
                }
            }
            let rot = emu(x.attribute("rot")).unwrap_or(0.0);
            let quarter = ((rot / 5_400_000.0).round() as i64).rem_euclid(2) == 1;
            if quarter {
                std::mem::swap(&mut w, &mut h);
            }
        }
        let line_like = matches!(geom, "line" | "straightConnector1") || h < 0.5 * EMU_PER_MM;
        if !line_like || w < 2.0 * EMU_PER_MM || h > 1.0 * EMU_PER_MM {
            continue;
        }
        let len = w / EMU_PER_MM;
        rules.push(Rule {
            how: RuleKind::Shape,
            length_mm: len,
            centre_offset_mm: left_mm
                .map(|l| l + off_x / EMU_PER_MM + len / 2.0 - container_mm / 2.0),
        });
    }
    let _ = shapes;
}

/// A VML length: `40.95pt`, `1in`, `2cm`, `5mm`, `12px` or a bare number
/// (pixels), in points.
fn vml_pt(s: &str) -> Option<f32> {
    let s = s.trim();
    let (n, unit) = match s.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, "px"),
    };
    let v: f32 = n.trim().parse().ok()?;
    Some(match unit {
        "pt" => v,
        "in" => v * 72.0,
        "cm" => v * 72.0 / 2.54,
        "mm" => v * 72.0 / 25.4,
        "px" => v * 0.75,
        "emu" => v / 12_700.0,
        "pc" => v * 12.0,
        _ => return None,
    })
}

fn style_value<'s>(style: &'s str, key: &str) -> Option<&'s str> {
    style.split(';').find_map(|kv| {
        let (k, v) = kv.split_once(':')?;
        (k.trim() == key).then_some(v.trim())
    })
}

const PT_TO_MM: f32 = 25.4 / 72.0;

fn vml<'a, 'i>(
    node: Node<'a, 'i>,
    container_mm: f32,
    rules: &mut Vec<Rule>,
    textboxes: &mut Vec<Node<'a, 'i>>,
) {
    for d in node.descendants().filter(|d| d.is_element()) {
        if is_w(d, "txbxContent") {
            if !d.ancestors().skip(1).any(|a| is_w(a, "txbxContent")) {
                textboxes.push(d);
            }
            continue;
        }
        if d.tag_name().namespace() != Some(V)
            || d.ancestors().skip(1).any(|a| is_w(a, "txbxContent"))
        {
            continue;
        }
        let style = d.attribute("style").unwrap_or("");
        let margin_left = style_value(style, "margin-left")
            .and_then(vml_pt)
            .unwrap_or(0.0);
        let relative_to_column = style_value(style, "mso-position-horizontal-relative")
            .is_none_or(|r| matches!(r, "text" | "margin"));
        match d.tag_name().name() {
            "line" => {
                let pt = |a: &str| -> Option<(f32, f32)> {
                    let v = d.attribute(a)?;
                    let (x, y) = v.split_once(',')?;
                    Some((vml_pt(x)?, vml_pt(y)?))
                };
                let (Some((x1, y1)), Some((x2, y2))) = (pt("from"), pt("to")) else {
                    continue;
                };
                if (y2 - y1).abs() > 1.5 || (x2 - x1).abs() < 5.0 {
                    continue;
                }
                let len = (x2 - x1).abs() * PT_TO_MM;
                let centre = ((x1 + x2) / 2.0 + margin_left) * PT_TO_MM;
                rules.push(Rule {
                    how: RuleKind::Vml,
                    length_mm: len,
                    centre_offset_mm: relative_to_column.then_some(centre - container_mm / 2.0),
                });
            }
            "shape" | "rect" => {
                if d.children().any(|c| c.tag_name().name() == "textbox") {
                    continue;
                }
                let (Some(w), Some(h)) = (
                    style_value(style, "width").and_then(vml_pt),
                    style_value(style, "height").and_then(vml_pt),
                ) else {
                    continue;
                };
                if h > 2.0 || w < 5.0 {
                    continue;
                }
                let len = w * PT_TO_MM;
                rules.push(Rule {
                    how: RuleKind::Vml,
                    length_mm: len,
                    centre_offset_mm: relative_to_column
                        .then_some((margin_left + w / 2.0) * PT_TO_MM - container_mm / 2.0),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vml_units() {
        assert_eq!(vml_pt("40.95pt"), Some(40.95));
        assert_eq!(vml_pt("1in"), Some(72.0));
        assert!((vml_pt("10mm").unwrap() - 28.3465).abs() < 1e-3);
        assert_eq!(vml_pt("8"), Some(6.0));
        assert_eq!(vml_pt("x"), None);
        assert_eq!(
            style_value("position:absolute;margin-left:3pt", "margin-left"),
            Some("3pt")
        );
    }
}
