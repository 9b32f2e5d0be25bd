//! Why a file could not be read, in plain words, in both languages.

use vanban_core::{Lang, Msg};

/// Why a file could not be imported, audited or fixed; [`Error::msg`] says
/// it in both languages, with the command that helps where there is one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A Word 97–2003 binary `.doc`.
    #[error("this is a Word 97-2003 .doc file, which vanban does not read; convert it to .docx first: soffice --headless --convert-to docx FILE.doc (or in Word: File > Save As > Word Document (*.docx))")]
    LegacyDoc,
    /// A Rich Text Format file.
    #[error("this is an RTF file, not a .docx; convert it first: soffice --headless --convert-to docx FILE.rtf")]
    Rtf,
    /// Not a ZIP package with a Word document in it.
    #[error("this file is not a .docx package ({reason})")]
    NotDocx {
        /// What is wrong with the package.
        reason: String,
    },
    /// A part of the package (`word/document.xml`, a style sheet) cannot be read.
    #[error("the part `{part}` of the .docx cannot be read: {reason}")]
    BadPart {
        /// The part's name in the package.
        part: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Not a PDF the reader can parse, or one without pages.
    #[error("this file is not a PDF that can be read ({reason})")]
    NotPdf {
        /// The parser's message.
        reason: String,
    },
    /// A PDF whose pages carry no text (a scan).
    #[error("this PDF has no text layer ({pages} page(s) of images only, e.g. a scan); vanban cannot measure it. Run OCR first (e.g. ocrmypdf -l vie IN.pdf OUT.pdf) or audit the .docx it was made from")]
    NoTextLayer {
        /// How many pages the PDF has.
        pages: usize,
    },
    /// [`fix`](crate::fix()) could not render the corrected document.
    #[error("{0}")]
    Render(String),
}

impl Error {
    /// The message in Vietnamese and English.
    pub fn msg(&self) -> Msg {
        let vi = match self {
            Error::LegacyDoc => "đây là tệp .doc (Word 97-2003), vanban không đọc được; hãy chuyển sang .docx trước: soffice --headless --convert-to docx TỆP.doc (hoặc trong Word: Tệp > Lưu thành > Word Document (*.docx))".to_string(),
            Error::Rtf => "đây là tệp RTF, không phải .docx; hãy chuyển trước: soffice --headless --convert-to docx TỆP.rtf".to_string(),
            Error::NotDocx { reason } => format!("tệp này không phải gói .docx ({reason})"),
            Error::BadPart { part, reason } => format!("không đọc được phần `{part}` của tệp .docx: {reason}"),
            Error::NotPdf { reason } => format!("không đọc được tệp PDF này ({reason})"),
            Error::NoTextLayer { pages } => format!("tệp PDF này không có lớp chữ ({pages} trang chỉ có ảnh, ví dụ bản quét); vanban không đo được. Hãy nhận dạng chữ (OCR) trước (ví dụ ocrmypdf -l vie VÀO.pdf RA.pdf) hoặc kiểm tra tệp .docx gốc"),
            Error::Render(e) => format!("không tạo được tệp: {e}"),
        };
        Msg::new(vi, self.to_string())
    }

    /// The message in one language.
    pub fn message(&self, lang: Lang) -> String {
        self.msg().get(lang).to_string()
    }
}
