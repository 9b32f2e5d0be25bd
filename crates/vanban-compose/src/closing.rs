//! The closing: nơi nhận (ô 9b) and the signature blocks (ô 7, 8), as
//! borderless rows that stay with the end of the body.

use crate::composer::{plain, spans_of, Composer};
use crate::flow::{Block, Image, Para, Row};
use crate::literals::NOI_NHAN;
use vanban_core::{place_images, PngInfo, Role, Signature, Tw};

/// How a form arranges its closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosingLayout {
    /// Nơi nhận on the left, level with the signer's first line on the
    /// right (Mẫu 1.1–1.8, 1.10). Co-signers, if any, sign side by side
    /// above, and the nơi nhận goes under them.
    Beside,
    /// The signers side by side, the nơi nhận under the left one
    /// (Mẫu 1.9, Biên bản).
    Below,
}

impl Composer<'_> {
    /// The closing rows. `columns` are the nơi nhận and signature columns
    /// of a `Beside` closing; a `Below` closing shares the text width
    /// between two signers the same way.
    pub fn closing(&mut self, layout: ClosingLayout, columns: (Tw, Tw)) {
        let gap = self.profile.gap_before_closing;
        let (lw, rw) = columns;
        let doc = self.doc;
        let beside = layout == ClosingLayout::Beside && doc.co_signers.is_empty();
        if beside {
            let mut left = self.noi_nhan(lw);
            let mut right = self.signer(&doc.signature, rw);
            self.level_cells(&mut left, &mut right);
            self.push(Block::Row(Row {
                shift: Tw(0),
                columns: vec![lw, rw],
                cells: vec![left, right],
                space_before: gap,
                keep_with_next: false,
                keep_with_previous: true,
            }));
            return;
        }
        // Signers two by two, the principal last (on the right).
        let signers: Vec<&Signature> = doc
            .co_signers
            .iter()
            .chain(std::iter::once(&doc.signature))
            .collect();
        let rows = signers.len().div_ceil(2);
        let mut first = true;
        for r in 0..rows {
            // An odd count puts the first signer alone on the right.
            let pair: Vec<Option<&Signature>> = if signers.len() % 2 == 1 && r == 0 {
                vec![None, Some(signers[0])]
            } else {
                let k = 2 * r - (signers.len() % 2);
                vec![Some(signers[k]), Some(signers[k + 1])]
            };
            let mut left = pair[0].map(|s| self.signer(s, lw)).unwrap_or_default();
            let mut right = pair[1].map(|s| self.signer(s, rw)).unwrap_or_default();
            self.level_cells(&mut left, &mut right);
            self.push(Block::Row(Row {
                shift: Tw(0),
                columns: vec![lw, rw],
                cells: vec![left, right],
                space_before: if first {
                    gap
                } else {
                    self.profile.gap_after_title
                },
                keep_with_next: true,
                keep_with_previous: first,
            }));
            first = false;
        }
        let left = self.noi_nhan(lw);
        if !left.is_empty() {
            self.push(Block::Row(Row {
                shift: Tw(0),
                columns: vec![lw, rw],
                cells: vec![left, Vec::new()],
                space_before: self.profile.gap_after_title,
                keep_with_next: false,
                keep_with_previous: true,
            }));
        }
        if let Some(Block::Row(last)) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
    }

    /// First lines of two cells on one baseline.
    fn level_cells(&self, left: &mut [Para], right: &mut [Para]) {
        if let (Some(l), Some(r)) = (left.first_mut(), right.first_mut()) {
            let (a, b) = self.level(&l.style, &r.style);
            l.space_before = l.space_before + a;
            r.space_before = r.space_before + b;
        }
    }

    /// `Nơi nhận:` and its entries, the Lưu line last. Empty when the
    /// document lists no one.
    fn noi_nhan(&self, column: Tw) -> Vec<Para> {
        let nn = &self.doc.noi_nhan;
        if nn.entries.is_empty() && nn.luu.is_none() {
            return Vec::new();
        }
        let mut out = vec![self.build(self.plain_spec(Role::NoiNhanLabel, NOI_NHAN, column))];
        let entry = self.style(Role::NoiNhanEntry);
        for e in &nn.entries {
            let mut spans = vec![plain(&entry, "- ")];
            spans.extend(spans_of(e, &entry));
            out.push(self.build(self.spec(Role::NoiNhanEntry, spans, column)));
        }
        if let Some(l) = &nn.luu {
            let s = self.plain_spec(Role::NoiNhanEntry, &format!("- {}", l.text()), column);
            out.push(self.build(s));
        }
        out
    }

    /// One signer's block: authority lines and post, the signing space,
    /// the name; the signature and seal images in the space.
    fn signer(&self, sig: &Signature, column: Tw) -> Vec<Para> {
        let mut out: Vec<Para> = sig
            .authority
            .iter()
            .chain(std::iter::once(&sig.post))
            .filter(|l| !l.trim().is_empty())
            .map(|l| self.build(self.plain_spec(Role::Authority, l, column).balanced()))
            .collect();
        let name = self
            .plain_spec(Role::SignerName, &sig.name, column)
            .space_before(self.profile.signing_space);
        let mut name = self.build(name);
        name.images = self.images(sig, column);
        // The principal signer's field is `ChuKy`; co-signers' `ChuKy2`, …
        name.signing_space = Some(
            match self
                .doc
                .co_signers
                .iter()
                .position(|c| std::ptr::eq(c, sig))
            {
                Some(i) => format!("ChuKy{}", i + 2),
                None => "ChuKy".to_string(),
            },
        );
        out.push(name);
        out
    }

    /// Signature centred in the signing space, seal over its left third
    /// (`vanban_core::place_images`). Images the caller did not supply, or
    /// that are not PNG, are the renderers' errors, not placed here.
    fn images(&self, sig: &Signature, column: Tw) -> Vec<Image> {
        let info = |r: &Option<String>| {
            r.as_ref()
                .and_then(|r| self.assets.get(r))
                .and_then(|b| PngInfo::read(b))
        };
        let (a, b) = place_images(
            self.profile,
            column,
            info(&sig.signature_image).as_ref(),
            info(&sig.seal_image).as_ref(),
        );
        let mut out = Vec::new();
        for (placed, reference, name, behind) in [
            (a, &sig.signature_image, "Chữ ký", true),
            (b, &sig.seal_image, "Dấu", false),
        ] {
            if let (Some(p), Some(r)) = (placed, reference) {
                out.push(Image {
                    reference: r.clone(),
                    name,
                    x: p.x,
                    y: p.y,
                    width: p.width,
                    height: p.height,
                    behind,
                });
            }
        }
        out
    }
}
