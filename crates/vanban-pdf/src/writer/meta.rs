//! The document information dictionary and the XMP metadata, which PDF/A
//! requires to agree with each other (ISO 19005-2, 6.6.3): the same title,
//! author, subject, keywords, tools and dates in both.

use super::PdfMeta;
use pdf_writer::{Date, Pdf, Ref, TextStr};
use xmp_writer::{LangId, RenditionClass, ResourceEventAction, Timezone, XmpWriter};

pub(crate) const CREATOR: &str = "vanban";

pub(crate) fn producer() -> String {
    format!("vanban {}", env!("CARGO_PKG_VERSION"))
}

/// Vietnam time (UTC+7): the dates a văn thư writes are local.
const UTC_OFFSET_HOURS: i8 = 7;

pub(crate) fn write_info(pdf: &mut Pdf, id: Ref, meta: &PdfMeta) {
    let keywords = meta.keywords.join(", ");
    let producer = producer();
    let mut info = pdf.document_info(id);
    if !meta.title.is_empty() {
        info.title(TextStr(&meta.title));
    }
    if !meta.author.is_empty() {
        info.author(TextStr(&meta.author));
    }
    if let Some(s) = &meta.subject {
        info.subject(TextStr(s));
    }
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.creator(TextStr(CREATOR));
    info.producer(TextStr(&producer));
    if let Some((y, mo, d, h, mi, s)) = meta.created {
        let date = Date::new(y)
            .month(mo)
            .day(d)
            .hour(h)
            .minute(mi)
            .second(s)
            .utc_offset_hour(UTC_OFFSET_HOURS)
            .utc_offset_minute(0);
        info.creation_date(date);
        info.modified_date(date);
    }
}

/// The XMP packet. `instance` and `document` are the file's identifiers
/// (the trailer's `/ID`, in hex).
pub(crate) fn xmp(
    meta: &PdfMeta,
    pdfa: bool,
    pages: usize,
    instance: &str,
    document: &str,
) -> String {
    let mut x = XmpWriter::new();
    if !meta.title.is_empty() {
        x.title([(None, meta.title.as_str())]);
    }
    if let Some(s) = &meta.subject {
        x.description([(None, s.as_str())]);
    }
    let keywords = meta.keywords.join(", ");
    if !keywords.is_empty() {
        x.pdf_keywords(&keywords);
    }
    if !meta.author.is_empty() {
        x.creator([meta.author.as_str()]);
    }
    x.creator_tool(CREATOR);
    let producer = producer();
    x.producer(&producer);
    if !meta.language.is_empty() {
        x.language([LangId(&meta.language)]);
    }
    if let Some((year, mo, d, h, mi, s)) = meta.created {
        let date = xmp_writer::DateTime {
            year,
            month: Some(mo),
            day: Some(d),
            hour: Some(h),
            minute: Some(mi),
            second: Some(s),
            timezone: Some(Timezone::Local {
                hour: UTC_OFFSET_HOURS,
                minute: 0,
            }),
        };
        x.modify_date(date);
        x.create_date(date);
        if pdfa {
            // PDF/A's provenance (6.6.5): when the file was made, and by what.
            let source = format!("{instance}_source");
            let mut history = x.history();
            history
                .add_event()
                .action(ResourceEventAction::Saved)
                .when(date)
                .instance_id(&source);
            history
                .add_event()
                .action(ResourceEventAction::Converted)
                .when(date)
                .software_agent(CREATOR)
                .instance_id(&source);
        }
    }
    if pdfa {
        // The properties outside PDF/A's predefined schemas, described
        // (6.6.2.3), as veraPDF expects them.
        let mut ext = x.extension_schemas();
        ext.xmp_media_management()
            .properties()
            .describe_instance_id();
        ext.pdf().properties().describe_all();
        drop(ext);
        x.pdfa_part(2);
        x.pdfa_conformance("B");
    }
    x.num_pages(pages as u32);
    x.format("application/pdf");
    x.instance_id(instance);
    x.document_id(document);
    x.rendition_class(RenditionClass::Proof);
    x.pdf_version("1.7");
    x.finish(None)
}
