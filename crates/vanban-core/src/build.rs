//! Building a [`Document`] in code, for programs that hold their data in
//! their own structures (an e-office system, a one-stop-shop database)
//! rather than in JSON.
//!
//! ```
//! use vanban_core::{date::IssueDate, Document, DocumentKind, Luu, Signature};
//!
//! let doc = Document::builder(DocumentKind::ThongBao)
//!     .issuer(["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "UBND")
//!     .number(5)
//!     .place("Tiến Thắng")
//!     .date(IssueDate::full(2025, 3, 6))
//!     .trich_yeu("Về việc công khai kết quả bộ chỉ số phục vụ người dân")
//!     .paragraph("Ủy ban nhân dân xã thông báo kết quả như sau:")
//!     .item(1, "Công chức Tư pháp - Hộ tịch xã:", "Tiếp tục rà soát hồ sơ.")
//!     .paragraph("Trên đây là thông báo của Ủy ban nhân dân xã./.")
//!     .noi_nhan(["TT Đảng ủy, TT HĐND xã (để b/c);"], Luu::units(["VT", "VP"]))
//!     .signer(Signature::new(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Đỗ Văn Hạ"))
//!     .build();
//! assert_eq!(doc.so_line(), "Số: 05/TB-UBND");
//! ```
//!
//! Text given to the builder may use the same small markup as JSON
//! (`**bold**`, `*italic*`). [`DocumentBuilder::build`] normalises every
//! string to NFC, as loading JSON does, so a document built from
//! decomposed (NFD) text renders and checks like a typed one.

use crate::date::IssueDate;
use crate::document::{
    Block, CanCu, Document, Issuer, ItemNumber, Luu, Metadata, NoiNhan, NumberedItem, Signature,
};
use crate::kind::DocumentKind;
use crate::so_hieu::SoHieu;
use crate::text::{Lines, Text};

impl Document {
    /// Starts a document of `kind`; see the [module](crate::build) example.
    pub fn builder(kind: DocumentKind) -> DocumentBuilder {
        DocumentBuilder {
            doc: Document::blank(kind),
        }
    }

    /// A document of `kind` with every component empty: what a builder or a
    /// reader fills in.
    pub(crate) fn blank(kind: DocumentKind) -> Document {
        Document {
            schema: None,
            kind,
            draft: false,
            issuer: Issuer {
                superior: Lines::default(),
                name: Lines::default(),
                abbreviation: String::new(),
                full_name: None,
            },
            so_hieu: SoHieu::default(),
            place: String::new(),
            date: None,
            trich_yeu: Lines::default(),
            authority: Lines::default(),
            intro: None,
            kinh_gui: Vec::new(),
            can_cu: None,
            body: Vec::new(),
            noi_nhan: NoiNhan {
                entries: Vec::new(),
                luu: None,
            },
            signature: Signature::new(Vec::<String>::new(), "", ""),
            co_signers: Vec::new(),
            footer: Lines::default(),
            annexes: Vec::new(),
            metadata: Metadata::default(),
            profile: None,
        }
    }
}

impl Signature {
    /// A signer: authority lines (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`;
    /// none when the head signs in his or her own name), post, name.
    pub fn new<S: Into<String>>(
        authority: impl IntoIterator<Item = S>,
        post: impl Into<String>,
        name: impl Into<String>,
    ) -> Signature {
        Signature {
            authority: authority.into_iter().map(Into::into).collect(),
            post: post.into(),
            name: name.into(),
            signature_image: None,
            seal_image: None,
        }
    }
}

fn lines<S: Into<String>>(l: impl IntoIterator<Item = S>) -> Lines {
    Lines(l.into_iter().map(Into::into).collect())
}

/// A [`Document`] being built: each method sets one component and returns
/// the builder. Nothing is checked here; [`crate::check::check`] (or
/// `vanban::Renderer::check`) says what Decree 30 would object to.
#[derive(Debug, Clone)]
#[must_use = "call .build() to get the document"]
pub struct DocumentBuilder {
    doc: Document,
}

impl DocumentBuilder {
    /// The issuing body's lines as printed (`["ỦY BAN NHÂN DÂN", "XÃ TIẾN
    /// THẮNG"]`) and its abbreviation for the ký hiệu (`UBND`).
    pub fn issuer<S: Into<String>>(
        mut self,
        name: impl IntoIterator<Item = S>,
        abbreviation: impl Into<String>,
    ) -> Self {
        self.doc.issuer.name = lines(name);
        self.doc.issuer.abbreviation = abbreviation.into();
        self
    }

    /// The direct superior body's lines (cơ quan chủ quản), if any.
    pub fn superior<S: Into<String>>(mut self, superior: impl IntoIterator<Item = S>) -> Self {
        self.doc.issuer.superior = lines(superior);
        self
    }

    /// The body's name in running text, for annexes' `(Kèm theo … của …)`.
    pub fn issuer_full_name(mut self, name: impl Into<String>) -> Self {
        self.doc.issuer.full_name = Some(name.into());
        self
    }

    /// The number in the year (left out: a draft's blank `Số:      /…`).
    pub fn number(mut self, n: u32) -> Self {
        self.doc.so_hieu.number = Some(n);
        self
    }

    /// A ký hiệu other than the one derived from the kind and abbreviation.
    pub fn ky_hieu(mut self, ky_hieu: impl Into<String>) -> Self {
        self.doc.so_hieu.ky_hieu = Some(ky_hieu.into());
        self
    }

    /// Marks the document as a draft (dự thảo).
    pub fn draft(mut self) -> Self {
        self.doc.draft = true;
        self
    }

    /// The place name of the place-and-date line (`Tiến Thắng`).
    pub fn place(mut self, place: impl Into<String>) -> Self {
        self.doc.place = place.into();
        self
    }

    /// The date of issue (`IssueDate::year_only(2025)` leaves day and month
    /// blank for the văn thư).
    pub fn date(mut self, date: IssueDate) -> Self {
        self.doc.date = Some(date);
        self
    }

    /// The trích yếu, one line (broken into balanced lines when long).
    pub fn trich_yeu(mut self, trich_yeu: impl Into<String>) -> Self {
        self.doc.trich_yeu = Lines(vec![trich_yeu.into()]);
        self
    }

    /// The authority line of a decision or resolution (`ỦY BAN NHÂN DÂN XÃ
    /// TIẾN THẮNG`), a công điện's sender.
    pub fn authority<S: Into<String>>(mut self, lines_: impl IntoIterator<Item = S>) -> Self {
        self.doc.authority = lines(lines_);
        self
    }

    /// Addressees of `Kính gửi:`, one or several.
    pub fn kinh_gui<S: AsRef<str>>(mut self, to: impl IntoIterator<Item = S>) -> Self {
        self.doc.kinh_gui = to.into_iter().map(|s| Text::parse(s.as_ref())).collect();
        self
    }

    /// Căn cứ lines, one basis each, printed in italics.
    pub fn can_cu<S: AsRef<str>>(mut self, bases: impl IntoIterator<Item = S>) -> Self {
        self.doc.can_cu = Some(CanCu::Lines(
            bases.into_iter().map(|s| Text::parse(s.as_ref())).collect(),
        ));
        self
    }

    /// A body paragraph (markup allowed).
    pub fn paragraph(mut self, text: &str) -> Self {
        self.doc.body.push(Block::Paragraph(Text::parse(text)));
        self
    }

    /// A numbered item with a bold run-in heading (empty: none) and its text.
    pub fn item(mut self, number: impl Into<ItemNumber>, heading: &str, text: &str) -> Self {
        self.doc.body.push(Block::Item(NumberedItem {
            number: number.into(),
            heading: (!heading.is_empty()).then(|| Text::parse(heading)),
            text: Text::parse(text),
            children: Vec::new(),
        }));
        self
    }

    /// Any body block (lists, points, articles, tables, headings).
    pub fn block(mut self, block: Block) -> Self {
        self.doc.body.push(block);
        self
    }

    /// Nơi nhận: the entries (without their dash) and the Lưu line.
    pub fn noi_nhan<S: AsRef<str>>(
        mut self,
        entries: impl IntoIterator<Item = S>,
        luu: Luu,
    ) -> Self {
        self.doc.noi_nhan = NoiNhan {
            entries: entries
                .into_iter()
                .map(|s| Text::parse(s.as_ref()))
                .collect(),
            luu: Some(luu),
        };
        self
    }

    /// The signer (the principal one, on the right).
    pub fn signer(mut self, signature: Signature) -> Self {
        self.doc.signature = signature;
        self
    }

    /// Another signer: a Biên bản's secretary, a joint document's second
    /// body.
    pub fn co_signer(mut self, signature: Signature) -> Self {
        self.doc.co_signers.push(signature);
        self
    }

    /// The document, every string in NFC.
    pub fn build(self) -> Document {
        crate::load::normalize(self.doc).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_text_is_nfc_and_markup_is_read() {
        // "Thông" with the circumflex as a combining mark (NFD).
        let nfd = "Tho\u{302}ng **ba\u{301}o**";
        let doc = Document::builder(DocumentKind::ThongBao)
            .issuer(["ỦY BAN NHÂN DÂN"], "UBND")
            .paragraph(nfd)
            .build();
        let Block::Paragraph(t) = &doc.body[0] else {
            panic!("a paragraph")
        };
        assert_eq!(t.plain_text(), "Thông báo");
        assert!(t.runs.iter().any(|r| r.bold && r.text == "báo"));
    }
}
