//! Issuing a draft: the văn thư's number and date written into the Số and
//! date content controls of a DOCX, and nothing else changed. Every other
//! part is copied byte for byte (compressed bytes included); in the
//! document part only the filled controls' content and their
//! "showing placeholder" flags change.

use crate::xml;
use crate::zip::{self, Entry, ZipError};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::ops::Range;
use vanban_compose::Field;
use vanban_core::date::{format_ngay_thang_nam, IssueDate};
use vanban_core::so_hieu::format_number;

/// What to write into a draft's blanks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blanks {
    /// The number in the year (`12`; `5` is written `05`).
    pub so: Option<u32>,
    /// The date of issue.
    pub date: Option<IssueDate>,
    /// Write over a number or date already filled in (a correction);
    /// without it an issued document is not renumbered by mistake.
    pub replace: bool,
}

/// Why a draft could not be issued.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
// More ways to fail will come; callers match with a fallback arm.
#[non_exhaustive]
pub enum IssueError {
    /// The file is not a ZIP archive that can be read.
    #[error(transparent)]
    Zip(#[from] ZipError),
    /// The package has no `word/document.xml`: not a Word document.
    #[error("the file has no word/document.xml: it is not a Word document")]
    NoDocument,
    /// `word/document.xml` is not well-formed XML; the parser's message.
    #[error("word/document.xml is not well-formed XML: {0}")]
    Xml(String),
    /// The draft has no blank of that name (it was already filled, or the
    /// document was not made by vanban).
    #[error("the document has no blank \"{0}\" to fill (already numbered or dated?)")]
    NoBlank(&'static str),
    /// Neither a number nor a date was given.
    #[error("nothing to fill: give a number, a date, or both")]
    Nothing,
    /// The blank was filled already (`{1}`); `replace` writes over it.
    #[error("\"{0}\" is filled already (`{1}`); ask to replace it to correct it")]
    Filled(&'static str, String),
}

/// Fills the blanks of a draft made by vanban (or the same draft saved by
/// Word or LibreOffice: blanks are found by their tag, else their title).
pub fn issue(docx: &[u8], blanks: &Blanks) -> Result<Vec<u8>, IssueError> {
    if blanks.so.is_none() && blanks.date.is_none() {
        return Err(IssueError::Nothing);
    }
    let mut entries = zip::read(docx)?;
    let doc = entries
        .iter_mut()
        .find(|e| e.name == "word/document.xml")
        .ok_or(IssueError::NoDocument)?;
    let xml = doc.bytes()?;
    let controls = controls(&xml)?;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (field, value) in [
        (Field::So, blanks.so.map(format_number)),
        (
            Field::NgayBanHanh,
            blanks.date.as_ref().map(|d| format_ngay_thang_nam(Some(d))),
        ),
    ] {
        let Some(value) = value else { continue };
        let mut found = false;
        for c in controls.iter().filter(|c| c.is(field)) {
            let (Some(content), Some(rpr)) = (c.content.clone(), c.run_properties(&xml)) else {
                continue;
            };
            found = true;
            let shown = c.text(&xml);
            if c.placeholder.is_none() && !blank(field, &shown) && !blanks.replace {
                return Err(IssueError::Filled(field.alias(), shown.trim().to_string()));
            }
            let mut run = String::from("<w:r>");
            run.push_str(&rpr);
            run.push_str("<w:t xml:space=\"preserve\">");
            run.push_str(&escape(&value));
            run.push_str("</w:t></w:r>");
            edits.push((content, run));
            if let Some(p) = c.placeholder.clone() {
                edits.push((p, String::new()));
            }
        }
        if !found {
            return Err(IssueError::NoBlank(field.alias()));
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    let mut out = xml;
    for (range, with) in edits {
        out.splice(range, with.into_bytes());
    }
    *doc = Entry::new("word/document.xml", &out);
    let order: Vec<&Entry> = entries.iter().collect();
    Ok(zip::write(&order))
}

/// Whether a control's text is still the draft's blank: no number; a
/// date with no day written after `ngày` (a control whose "showing
/// placeholder" flag was lost, as LibreOffice drops it, is judged by this).
fn blank(field: Field, text: &str) -> bool {
    match field {
        Field::So => text.trim().is_empty(),
        Field::NgayBanHanh => !text
            .trim_start()
            .trim_start_matches("ngày")
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit()),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A content control found in the document part, by byte ranges.
#[derive(Debug, Default)]
struct Control {
    tag: Option<String>,
    alias: Option<String>,
    /// `<w:showingPlcHdr/>`.
    placeholder: Option<Range<usize>>,
    /// `<w:rPr>` of the control's properties: the formatting of what is
    /// typed into it.
    typed: Option<Range<usize>>,
    /// `<w:rPr>` of the first run shown in it.
    shown: Option<Range<usize>>,
    /// Everything inside `<w:sdtContent>`.
    content: Option<Range<usize>>,
    /// The `w:t` texts inside it.
    texts: Vec<Range<usize>>,
    /// Index of the `w:sdt` element in the stack of open elements.
    depth: usize,
    content_start: usize,
}

impl Control {
    fn is(&self, f: Field) -> bool {
        match &self.tag {
            Some(t) => t == f.tag(),
            None => self.alias.as_deref() == Some(f.alias()),
        }
    }

    /// The text the control shows.
    fn text(&self, xml: &[u8]) -> String {
        self.texts
            .iter()
            .map(|r| String::from_utf8_lossy(&xml[r.clone()]).into_owned())
            .collect()
    }

    /// The run properties of the filled text: the control's own, else
    /// those of the text it showed, without the placeholder style.
    fn run_properties(&self, xml: &[u8]) -> Option<String> {
        if let Some(r) = &self.typed {
            return std::str::from_utf8(&xml[r.clone()])
                .ok()
                .map(str::to_string);
        }
        let Some(r) = &self.shown else {
            return Some(String::new());
        };
        let mut e = xml::parse(&xml[r.clone()]).ok()?;
        e.children.retain(|n| {
            !matches!(n, xml::Node::Element(c)
                if c.name == "w:rStyle" && c.get_attr("w:val") == Some(crate::styles::PLACEHOLDER))
        });
        Some(if e.children.is_empty() {
            String::new()
        } else {
            xml::write_fragment(&e)
        })
    }
}

fn name_of(e: &quick_xml::events::BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.name().as_ref()).into_owned()
}

fn val_of(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"w:val")
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Every content control of the document part.
fn controls(xml: &[u8]) -> Result<Vec<Control>, IssueError> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut open: Vec<Control> = Vec::new();
    let mut done = Vec::new();
    // Where a `w:rPr` being captured started, and for which control.
    let mut rpr_start: Option<(usize, bool)> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| IssueError::Xml(e.to_string()))?;
        let after = reader.buffer_position() as usize;
        match ev {
            Event::Start(e) => {
                let name = name_of(&e);
                stack.push(name.clone());
                let n = stack.len();
                match name.as_str() {
                    "w:sdt" => open.push(Control {
                        depth: n - 1,
                        ..Control::default()
                    }),
                    "w:sdtContent" => {
                        if let Some(c) = open.last_mut().filter(|c| c.depth + 2 == n) {
                            c.content_start = after;
                        }
                    }
                    "w:rPr" => {
                        if let Some(c) = open.last() {
                            let in_pr = c.depth + 3 == n && stack[c.depth + 1] == "w:sdtPr";
                            let in_run = c.depth + 4 == n
                                && stack[c.depth + 1] == "w:sdtContent"
                                && stack[c.depth + 2] == "w:r"
                                && c.shown.is_none();
                            if in_pr || in_run {
                                rpr_start = Some((before, in_pr));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(_) if stack.last().is_some_and(|n| n == "w:t") => {
                if let Some(c) = open
                    .last_mut()
                    .filter(|c| stack.get(c.depth + 1).is_some_and(|n| n == "w:sdtContent"))
                {
                    c.texts.push(before..after);
                }
            }
            Event::Empty(e) => {
                let name = name_of(&e);
                let n = stack.len();
                if let Some(c) = open.last_mut() {
                    if c.depth + 2 == n && stack[c.depth + 1] == "w:sdtPr" {
                        match name.as_str() {
                            "w:tag" => c.tag = val_of(&e),
                            "w:alias" => c.alias = val_of(&e),
                            "w:showingPlcHdr" => c.placeholder = Some(before..after),
                            _ => {}
                        }
                    }
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "w:rPr" => {
                        if let (Some((start, in_pr)), Some(c)) = (rpr_start.take(), open.last_mut())
                        {
                            if in_pr {
                                c.typed = Some(start..after);
                            } else {
                                c.shown = Some(start..after);
                            }
                        }
                    }
                    "w:sdtContent" => {
                        let n = stack.len();
                        if let Some(c) = open.last_mut().filter(|c| c.depth + 1 == n) {
                            c.content = Some(c.content_start..before);
                        }
                    }
                    "w:sdt" => {
                        if let Some(c) = open.pop() {
                            done.push(c);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = concat!(
        "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">Số: </w:t></w:r>",
        "<w:sdt><w:sdtPr><w:alias w:val=\"Số\"/><w:tag w:val=\"so\"/><w:id w:val=\"1\"/><w:showingPlcHdr/><w:text/></w:sdtPr>",
        "<w:sdtContent><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">     </w:t></w:r></w:sdtContent></w:sdt>",
        "<w:r><w:t>/TB-UBND</w:t></w:r></w:p>",
        "<w:p><w:sdt><w:sdtPr><w:rPr><w:i/></w:rPr><w:id w:val=\"9\"/><w:alias w:val=\"Ngày ban hành\"/><w:text/></w:sdtPr>",
        "<w:sdtContent><w:r><w:t>ngày     tháng     năm 2025</w:t></w:r></w:sdtContent></w:sdt></w:p></w:body></w:document>"
    );

    fn package(doc: &str) -> Vec<u8> {
        let a = Entry::new("[Content_Types].xml", b"<Types/>");
        let b = Entry::new("word/document.xml", doc.as_bytes());
        let c = Entry::new("word/styles.xml", "<w:styles/>".repeat(50).as_bytes());
        zip::write(&[&a, &b, &c])
    }

    fn document(docx: &[u8]) -> String {
        let e = zip::read(docx).unwrap();
        String::from_utf8(e[1].bytes().unwrap()).unwrap()
    }

    #[test]
    fn fills_by_tag_or_by_title_and_nothing_else() {
        let out = issue(
            &package(DOC),
            &Blanks {
                so: Some(7),
                date: Some(IssueDate::full(2025, 3, 10)),
                replace: false,
            },
        )
        .unwrap();
        let d = document(&out);
        let want = DOC
            .replace("<w:showingPlcHdr/>", "")
            .replace(
                "<w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">     </w:t></w:r>",
                "<w:r><w:t xml:space=\"preserve\">07</w:t></w:r>",
            )
            .replace(
                "<w:r><w:t>ngày     tháng     năm 2025</w:t></w:r>",
                "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">ngày 10 tháng 3 năm 2025</w:t></w:r>",
            );
        assert_eq!(d, want);
        let (a, b) = (zip::read(&package(DOC)).unwrap(), zip::read(&out).unwrap());
        assert_eq!(a[0], b[0]);
        assert_eq!(a[2], b[2]);
    }

    #[test]
    fn missing_blanks_and_empty_requests_are_errors() {
        let numbered = DOC
            .replace("w:val=\"so\"", "w:val=\"x\"")
            .replace("\"Số\"", "\"X\"");
        assert_eq!(
            issue(
                &package(&numbered),
                &Blanks {
                    so: Some(1),
                    ..Blanks::default()
                }
            ),
            Err(IssueError::NoBlank("Số"))
        );
        // A number already written is not overwritten unless asked.
        let only_so = |n, replace| Blanks {
            so: Some(n),
            replace,
            ..Blanks::default()
        };
        let once = issue(&package(DOC), &only_so(7, false)).unwrap();
        assert_eq!(
            issue(&once, &only_so(8, false)),
            Err(IssueError::Filled("Số", "07".into()))
        );
        let twice = issue(&once, &only_so(8, true)).unwrap();
        assert!(document(&twice).contains(">08<"));
        // The date blank of a draft saved by LibreOffice (no placeholder
        // flag, no tag) is still a blank.
        let lo = DOC.replace("<w:showingPlcHdr/>", "");
        let date = Blanks {
            date: Some(IssueDate::full(2025, 3, 10)),
            ..Blanks::default()
        };
        assert!(issue(&package(&lo), &date).is_ok());
        assert_eq!(
            issue(&package(DOC), &Blanks::default()),
            Err(IssueError::Nothing)
        );
        assert!(matches!(
            issue(
                b"not a zip",
                &Blanks {
                    so: Some(1),
                    ..Blanks::default()
                }
            ),
            Err(IssueError::Zip(_))
        ));
    }
}
