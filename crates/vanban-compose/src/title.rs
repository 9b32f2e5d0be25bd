//! The title block (ô 5a: tên loại and trích yếu with its rule) and the
//! preamble of decisions and resolutions: the authority line, the căn cứ,
//! the centred `QUYẾT ĐỊNH:` / `QUYẾT NGHỊ:`.

use crate::composer::{plain, spans_of, Composer};
use crate::flow::{Block, Span};
use vanban_core::{CanCu, Role, Tw};

impl Composer<'_> {
    /// Tên loại, then the trích yếu (when the form has one), balanced and
    /// centred, with the short rule under the last line. The block stays
    /// with the header and with the start of the body; the body starts
    /// `gap_after_title` below the rule.
    pub fn title(&mut self, type_name: &str, with_trich_yeu: bool) {
        let w = self.text_width;
        let ten_loai = self
            .plain_spec(Role::TenLoai, type_name, w)
            .space_before(self.profile.gap_after_header)
            .keep_with_next()
            .keep_together()
            .balanced();
        let mut ten_loai = self.build(ten_loai);
        let trich_yeu = &self.doc.trich_yeu;
        if with_trich_yeu && !trich_yeu.is_empty() {
            self.push(Block::Para(ten_loai));
            let style = self.style(Role::TrichYeu);
            // The author's lines stay lines; a line too long for the text
            // width wraps, balanced (`check` reports it).
            let spans: Vec<Span> = vec![plain(&style, trich_yeu.0.join("\n"))];
            let s = self
                .spec(Role::TrichYeu, spans, w)
                .keep_with_next()
                .keep_together()
                .balanced();
            let mut p = self.build(s);
            p.rule = Some(self.short_rule(Composer::widest(&[&p])));
            self.push(Block::Para(p));
        } else {
            ten_loai.rule = Some(self.short_rule(Composer::widest(&[&ten_loai])));
            self.push(Block::Para(ten_loai));
        }
        self.next_space = Some(self.profile.gap_after_title);
    }

    /// The authority line of a decision or resolution (`CHỦ TỊCH ỦY BAN
    /// NHÂN DÂN XÃ …`): bold, centred, balanced, no space after; the căn
    /// cứ follow.
    pub fn authority_line(&mut self) {
        let a = &self.doc.authority;
        if a.is_empty() {
            return;
        }
        let style = self.style(Role::ThamQuyen);
        let s = self
            .spec(
                Role::ThamQuyen,
                vec![plain(&style, a.0.join("\n"))],
                self.text_width,
            )
            .keep_with_next()
            .keep_together()
            .balanced();
        self.push_para(s);
    }

    /// Căn cứ: one italic paragraph per basis, or the author's upright
    /// opening paragraph.
    pub fn can_cu(&mut self) {
        match &self.doc.can_cu {
            Some(CanCu::Lines(ls)) => {
                for t in ls {
                    let s = self.text_spec(Role::CanCu, t);
                    self.push_para(s);
                }
            }
            Some(CanCu::Paragraph(t)) => {
                let s = self.text_spec(Role::Body, t);
                self.push_para(s);
            }
            None => {}
        }
    }

    /// The centred bold heading that opens the operative part
    /// (`QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`), kept with the first article.
    pub fn operative(&mut self, text: &str, space_before: Tw) {
        let s = self
            .plain_spec(Role::Operative, text, self.text_width)
            .space_before(space_before)
            .keep_with_next()
            .keep_together();
        self.push_para(s);
    }

    /// A centred line of model text (Giấy giới thiệu's intro, Công điện's
    /// `… điện:`).
    pub fn centred_line(&mut self, spans: Vec<Span>, space_before: Tw) {
        let s = self
            .spec(Role::CenteredLine, spans, self.text_width)
            .space_before(space_before)
            .keep_with_next()
            .balanced();
        self.push_para(s);
    }

    /// The intro of a Giấy giới thiệu, if the document has one.
    pub fn intro(&mut self, space_before: Tw) {
        if let Some(t) = &self.doc.intro {
            let style = self.style(Role::CenteredLine);
            self.centred_line(spans_of(t, &style), space_before);
        }
    }
}
