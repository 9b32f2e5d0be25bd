//! Recognising the Decree 30 components in a Word file: which paragraphs
//! are the header (issuing body, Số, Quốc hiệu, Tiêu ngữ, place and date),
//! the tên loại and trích yếu, Kính gửi, căn cứ, the body, the nơi nhận and
//! the signature block. The result points at the paragraphs; the model is
//! built from it in `assemble`, the layout audit measures it.

pub mod words;

use crate::docx::{Align, Block, Cell, Para, Place, Rule, Table, WordDoc};
use vanban_core::{DocumentKind, Msg};
use words::{
    authority_prefix, is_quoc_hieu, is_tieu_ngu, is_upper, key, parse_place_date, parse_so,
    strip_label, type_name_prefix, PlaceDate, SoLine,
};

/// A piece of the body in document order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Piece<'w> {
    Para(&'w Para),
    Table(&'w Table),
}

/// One signer's block (ô 7a, 7b).
#[derive(Debug, Clone, Default)]
pub(crate) struct Signer<'w> {
    pub authority: Vec<&'w Para>,
    pub post: Vec<&'w Para>,
    pub name: Option<&'w Para>,
    /// `(đã ký)`, `(Chữ ký, dấu)`: a stand-in for the signature.
    pub placeholder: Vec<&'w Para>,
    /// Lines after the name (another post of the signer …).
    pub extra: Vec<&'w Para>,
    /// Row and grid column of the cell the block starts in.
    pub row: usize,
    pub col: usize,
}

/// How the kind was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindSource {
    TenLoai,
    VV,
    KyHieu,
    Guessed,
}

/// Everything recognised, by paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Parts<'w> {
    pub kind: DocumentKind,
    pub kind_source: KindSource,
    pub header_table: Option<&'w Table>,
    pub superior: Vec<&'w Para>,
    pub issuer: Vec<&'w Para>,
    pub so: Option<(&'w Para, SoLine)>,
    pub vv: Vec<&'w Para>,
    pub quoc_hieu: Option<&'w Para>,
    pub tieu_ngu: Option<&'w Para>,
    pub place_date: Option<(&'w Para, PlaceDate)>,
    /// The tên loại line and the words typed after the type name.
    pub ten_loai: Option<(&'w Para, String)>,
    pub trich_yeu: Vec<&'w Para>,
    /// A Quyết định's or Nghị quyết's authority line (THẨM QUYỀN BAN HÀNH).
    pub authority_line: Vec<&'w Para>,
    pub kinh_gui_label: Option<&'w Para>,
    /// Kính gửi entries: the text after the label on its line (if any) is
    /// the first; each entry may span several paragraphs.
    pub kinh_gui: Vec<Vec<&'w Para>>,
    /// Text after `Kính gửi:` on the label's own line.
    pub kinh_gui_inline: Option<String>,
    pub can_cu: Vec<&'w Para>,
    /// `QUYẾT ĐỊNH:` / `QUYẾT NGHỊ:`.
    pub decision_line: Option<&'w Para>,
    pub body: Vec<Piece<'w>>,
    pub closing_table: Option<&'w Table>,
    pub noi_nhan_label: Option<&'w Para>,
    pub noi_nhan: Vec<Vec<&'w Para>>,
    pub luu: Option<&'w Para>,
    pub signers: Vec<Signer<'w>>,
    /// What follows the signature block (annexes, a second document).
    pub after: Vec<Piece<'w>>,
    /// Paragraphs in the header or title area that fit no component.
    pub unplaced: Vec<(&'w Para, Msg)>,
    /// Rules drawn in the left header column (under the issuing body).
    pub issuer_rules: Vec<(&'w Para, &'w Rule)>,
    /// Rules drawn in the right header column (under the motto).
    pub motto_rules: Vec<(&'w Para, &'w Rule)>,
    /// Rules drawn between the tên loại and the body (under the trích yếu).
    pub title_rules: Vec<(&'w Para, &'w Rule)>,
}

fn paras_of_column(t: &Table, col: usize) -> Vec<&Para> {
    let mut v = Vec::new();
    for row in &t.rows {
        let mut c = 1;
        for cell in row {
            if c == col || (c < col && col < c + cell.span) {
                v.extend(cell.paras.iter());
            }
            c += cell.span;
        }
    }
    v
}

/// Grid columns of a table that hold any text.
fn text_columns(t: &Table) -> Vec<usize> {
    let n = t.grid.len().max(
        t.rows
            .iter()
            .map(|r| r.iter().map(|c| c.span).sum::<usize>())
            .max()
            .unwrap_or(0),
    );
    (1..=n)
        .filter(|c| paras_of_column(t, *c).iter().any(|p| !p.is_blank()))
        .collect()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.trim_start()
        .to_lowercase()
        .starts_with(&prefix.to_lowercase())
}

pub(crate) fn is_vv(s: &str) -> bool {
    starts_with_ci(s, "V/v") || starts_with_ci(s, "V/V")
}

fn is_kinh_gui(s: &str) -> bool {
    starts_with_ci(s, "Kính gửi")
}

fn is_can_cu(s: &str) -> bool {
    starts_with_ci(s, "Căn cứ")
}

fn is_decision_line(s: &str) -> bool {
    let k = key(s);
    (k == "QUYẾT ĐỊNH" || k == "QUYẾT NGHỊ") && s.trim_end().ends_with(':')
}

/// A paragraph that only draws a rule (empty, or underscores / soft hyphens).
fn is_rule_only(p: &Para) -> bool {
    let t = p.trimmed();
    (t.is_empty()
        || t.chars()
            .all(|c| c == '_' || c == '\u{AD}' || c == '-' || c == '–'))
        && (!p.rules.is_empty() || !t.is_empty())
}

fn placeholder(s: &str) -> bool {
    let t = s.trim();
    let l = t.to_lowercase();
    t.starts_with('(')
        && t.ends_with(')')
        && (l.contains("ký") || l.contains("dấu") || l.contains("chữ ký"))
}

/// Looks like a person's name: bold, not all capitals, a few words.
fn looks_like_name(p: &Para) -> bool {
    let t = p.trimmed();
    let n = t.split_whitespace().count();
    !t.is_empty() && !is_upper(&t) && (2..=8).contains(&n) && !placeholder(&t)
}

pub(crate) fn recognise(w: &WordDoc) -> Parts<'_> {
    let mut parts = Parts {
        kind: DocumentKind::ThongBao,
        kind_source: KindSource::Guessed,
        header_table: None,
        superior: Vec::new(),
        issuer: Vec::new(),
        so: None,
        vv: Vec::new(),
        quoc_hieu: None,
        tieu_ngu: None,
        place_date: None,
        ten_loai: None,
        trich_yeu: Vec::new(),
        authority_line: Vec::new(),
        kinh_gui_label: None,
        kinh_gui: Vec::new(),
        kinh_gui_inline: None,
        can_cu: Vec::new(),
        decision_line: None,
        body: Vec::new(),
        closing_table: None,
        noi_nhan_label: None,
        noi_nhan: Vec::new(),
        luu: None,
        signers: Vec::new(),
        after: Vec::new(),
        unplaced: Vec::new(),
        issuer_rules: Vec::new(),
        motto_rules: Vec::new(),
        title_rules: Vec::new(),
    };
    let blocks = &w.blocks;
    let mut i = 0;
    let skip_blank = |i: &mut usize| {
        while let Some(Block::Para(p)) = blocks.get(*i) {
            if p.is_blank() && p.rules.is_empty() {
                *i += 1;
            } else {
                break;
            }
        }
    };

    // 1. The header: a layout table, or paragraphs at the top.
    skip_blank(&mut i);
    match blocks.get(i) {
        Some(Block::Table(t)) if looks_like_header(t) => {
            header_table(t, &mut parts);
            parts.header_table = Some(t);
            i += 1;
        }
        _ => {
            while let Some(Block::Para(p)) = blocks.get(i) {
                let t = p.trimmed();
                if p.is_blank() {
                    for r in &p.rules {
                        parts.motto_rules.push((p, r));
                    }
                } else if is_quoc_hieu(&t) {
                    parts.quoc_hieu = Some(p);
                } else if is_tieu_ngu(&t) {
                    parts.tieu_ngu = Some(p);
                    for r in &p.rules {
                        parts.motto_rules.push((p, r));
                    }
                } else if let Some(s) = parse_so(&t) {
                    parts.so = Some((p, s));
                } else if let Some(d) = parse_place_date(&t).filter(|d| !d.place.is_empty()) {
                    parts.place_date = Some((p, d));
                } else {
                    break;
                }
                i += 1;
            }
        }
    }

    // 2. Tên loại and trích yếu. A text box floating here (an approval
    // stamp) is kept as a body paragraph.
    skip_blank(&mut i);
    while let Some(Block::Para(p)) = blocks.get(i) {
        if p.place != Place::TextBox {
            break;
        }
        if !p.is_blank() {
            parts.unplaced.push((
                p,
                unplaced_msg(
                    "khung chữ (text box) ở phần đầu",
                    "a text box in the header area",
                ),
            ));
        }
        i += 1;
        skip_blank(&mut i);
    }
    if let Some(Block::Para(p)) = blocks.get(i) {
        let t = p.trimmed();
        if let Some((kind, rest)) = type_name_prefix(&t).filter(|_| is_upper(&t)) {
            parts.kind = kind;
            parts.kind_source = KindSource::TenLoai;
            parts.ten_loai = Some((p, rest));
            i += 1;
        } else if is_upper(&t) && p.all_bold() && p.props.align == Align::Center && !is_kinh_gui(&t)
        {
            parts.unplaced.push((
                p,
                Msg::new(
                    format!("`{t}` không phải tên loại văn bản của Phụ lục III Nghị định 30"),
                    format!("`{t}` is not a document type of Decree 30, Phụ lục III"),
                ),
            ));
            i += 1;
        }
    }
    let quyet = matches!(
        parts.kind,
        DocumentKind::QuyetDinh | DocumentKind::NghiQuyet
    );
    if parts.ten_loai.is_some() {
        while let Some(Block::Para(p)) = blocks.get(i) {
            let t = p.trimmed();
            if is_rule_only(p) || (p.is_blank() && !p.rules.is_empty()) {
                for r in &p.rules {
                    parts.title_rules.push((p, r));
                }
                i += 1;
                if !parts.trich_yeu.is_empty() || !p.rules.is_empty() {
                    break;
                }
                continue;
            }
            if p.is_blank() {
                i += 1;
                if parts.trich_yeu.is_empty() {
                    continue;
                }
                break;
            }
            let centred = p.props.align == Align::Center;
            let authority_like = quyet
                && is_upper(&t)
                && parts
                    .trich_yeu
                    .first()
                    .is_some_and(|f| !is_upper(&f.trimmed()));
            if !centred
                || is_kinh_gui(&t)
                || is_can_cu(&t)
                || is_decision_line(&t)
                || authority_like
            {
                break;
            }
            for r in &p.rules {
                parts.title_rules.push((p, r));
            }
            parts.trich_yeu.push(p);
            i += 1;
        }
    }
    // The kind when there is no tên loại: a V/v line makes a công văn,
    // otherwise the type code of the ký hiệu.
    if parts.ten_loai.is_none() {
        if !parts.vv.is_empty() {
            parts.kind = DocumentKind::CongVan;
            parts.kind_source = KindSource::VV;
        } else if let Some((_, so)) = &parts.so {
            let code = so.ky_hieu.split('-').next().unwrap_or("").trim();
            if let Some(k) = DocumentKind::ALL.iter().find(|k| {
                k.abbreviation()
                    .is_some_and(|a| a.eq_ignore_ascii_case(code))
            }) {
                parts.kind = *k;
                parts.kind_source = KindSource::KyHieu;
            }
        }
    }

    // 3. A decision's authority line.
    let quyet = matches!(
        parts.kind,
        DocumentKind::QuyetDinh | DocumentKind::NghiQuyet
    );
    if quyet {
        loop {
            match blocks.get(i) {
                Some(Block::Para(p)) if p.is_blank() => {
                    for r in &p.rules {
                        if parts.title_rules.is_empty() {
                            parts.title_rules.push((p, r));
                        }
                    }
                    i += 1;
                }
                Some(Block::Para(p))
                    if is_upper(&p.trimmed())
                        && p.props.align == Align::Center
                        && !is_decision_line(&p.trimmed()) =>
                {
                    if parts.title_rules.is_empty() {
                        for r in &p.rules {
                            parts.title_rules.push((p, r));
                        }
                    }
                    parts.authority_line.push(p);
                    i += 1;
                }
                _ => break,
            }
        }
    }

    // 4. Kính gửi.
    skip_blank(&mut i);
    match blocks.get(i) {
        Some(Block::Para(p)) if is_kinh_gui(&p.trimmed()) => {
            let t = p.trimmed();
            let inline = strip_label(&t, "Kính gửi").unwrap_or("").trim().to_string();
            if parts.title_rules.is_empty() {
                for r in &p.rules {
                    parts.title_rules.push((p, r));
                }
            }
            parts.kinh_gui_label = Some(p);
            if !inline.is_empty() {
                parts.kinh_gui_inline = Some(inline);
            }
            i += 1;
            while let Some(Block::Para(q)) = blocks.get(i) {
                let qt = q.trimmed();
                if q.is_blank() || !(qt.starts_with('-') || qt.starts_with('–')) {
                    break;
                }
                parts.kinh_gui.push(vec![q]);
                i += 1;
            }
        }
        Some(Block::Table(t)) if first_text(t).is_some_and(|s| is_kinh_gui(&s)) => {
            kinh_gui_table(t, &mut parts);
            i += 1;
        }
        _ => {}
    }

    // 5. Căn cứ (and, in a decision, the whole preamble up to QUYẾT ĐỊNH:).
    skip_blank(&mut i);
    let decision_at = if quyet {
        (i..blocks.len().min(i + 40))
            .find(|j| matches!(&blocks[*j], Block::Para(p) if is_decision_line(&p.trimmed())))
    } else {
        None
    };
    if let Some(end) = decision_at {
        while i < end {
            if let Block::Para(p) = &blocks[i] {
                if !p.is_blank() {
                    parts.can_cu.push(p);
                }
            } else if let Block::Table(t) = &blocks[i] {
                parts.body.push(Piece::Table(t));
            }
            i += 1;
        }
        if let Block::Para(p) = &blocks[end] {
            parts.decision_line = Some(p);
        }
        i = end + 1;
    } else {
        while let Some(Block::Para(p)) = blocks.get(i) {
            if p.is_blank() {
                i += 1;
                continue;
            }
            if !is_can_cu(&p.trimmed()) {
                break;
            }
            parts.can_cu.push(p);
            i += 1;
        }
    }

    // 6. The body, up to the nơi nhận and signature block.
    while i < blocks.len() {
        match &blocks[i] {
            Block::Table(t) if is_closing(t) => {
                closing_table(t, &mut parts);
                parts.closing_table = Some(t);
                i += 1;
                break;
            }
            Block::Table(t) => parts.body.push(Piece::Table(t)),
            Block::Para(p) => {
                if !p.is_blank() || !p.rules.is_empty() {
                    parts.body.push(Piece::Para(p));
                }
            }
        }
        i += 1;
    }
    // 7. What follows the signature.
    while i < blocks.len() {
        match &blocks[i] {
            Block::Table(t) => parts.after.push(Piece::Table(t)),
            Block::Para(p) => {
                if !p.is_blank() {
                    parts.after.push(Piece::Para(p));
                }
            }
        }
        i += 1;
    }
    parts
}

fn first_text(t: &Table) -> Option<String> {
    t.rows
        .iter()
        .flatten()
        .flat_map(|c| c.paras.iter())
        .map(|p| p.trimmed())
        .find(|s| !s.is_empty())
}

fn looks_like_header(t: &Table) -> bool {
    t.rows
        .iter()
        .flatten()
        .flat_map(|c| c.paras.iter())
        .any(|p| {
            let s = p.trimmed();
            is_quoc_hieu(&s) || is_tieu_ngu(&s) || parse_so(&s).is_some()
        })
}

fn header_table<'w>(t: &'w Table, parts: &mut Parts<'w>) {
    let cols = text_columns(t);
    let (left, right) = match (cols.first(), cols.last()) {
        (Some(l), Some(r)) if l != r => (*l, *r),
        (Some(l), _) => (*l, *l),
        _ => return,
    };
    let mut left_paras = paras_of_column(t, left);
    let right_paras = if right != left {
        paras_of_column(t, right)
    } else {
        Vec::new()
    };
    // Columns between the two are spacers; anything written there is kept.
    for c in cols.iter().filter(|c| **c != left && **c != right) {
        left_paras.extend(paras_of_column(t, *c));
    }
    let mut seen_so = false;
    let mut in_vv = false;
    for p in left_paras {
        for r in &p.rules {
            parts.issuer_rules.push((p, r));
        }
        let s = p.trimmed();
        if s.is_empty() {
            in_vv = false;
            continue;
        }
        if let Some(so) = parse_so(&s) {
            parts.so = Some((p, so));
            seen_so = true;
            in_vv = false;
        } else if is_vv(&s) {
            parts.vv.push(p);
            in_vv = true;
        } else if in_vv {
            parts.vv.push(p);
        } else if let Some(d) = parse_place_date(&s).filter(|d| !d.place.is_empty()) {
            parts.place_date = Some((p, d));
        } else if is_quoc_hieu(&s) {
            parts.quoc_hieu = Some(p);
        } else if is_tieu_ngu(&s) {
            parts.tieu_ngu = Some(p);
        } else if !seen_so {
            if p.all_bold() || !parts.issuer.is_empty() {
                parts.issuer.push(p);
            } else {
                parts.superior.push(p);
            }
        } else {
            parts
                .unplaced
                .push((p, unplaced_msg("phần đầu văn bản", "the header")));
        }
    }
    // A name written entirely in regular weight: it is the body's, not a
    // superior's.
    if parts.issuer.is_empty() && !parts.superior.is_empty() {
        parts.issuer = std::mem::take(&mut parts.superior);
    }
    for p in right_paras {
        for r in &p.rules {
            parts.motto_rules.push((p, r));
        }
        let s = p.trimmed();
        if s.is_empty() {
            continue;
        }
        if is_quoc_hieu(&s) {
            parts.quoc_hieu = Some(p);
        } else if is_tieu_ngu(&s) {
            parts.tieu_ngu = Some(p);
        } else if let Some(d) = parse_place_date(&s) {
            parts.place_date = Some((p, d));
        } else if let Some(so) = parse_so(&s) {
            parts.so = Some((p, so));
        } else if is_vv(&s) {
            parts.vv.push(p);
        } else {
            parts
                .unplaced
                .push((p, unplaced_msg("phần đầu văn bản", "the header")));
        }
    }
}

fn unplaced_msg(vi_where: &str, en_where: &str) -> Msg {
    Msg::new(
        format!("đoạn này trong {vi_where} không khớp thành phần nào của Nghị định 30; giữ lại thành đoạn văn trong nội dung"),
        format!("this paragraph in {en_where} fits no Decree 30 component; kept as a body paragraph"),
    )
}

fn kinh_gui_table<'w>(t: &'w Table, parts: &mut Parts<'w>) {
    let mut label_seen = false;
    for p in t.rows.iter().flatten().flat_map(|c: &Cell| c.paras.iter()) {
        let s = p.trimmed();
        if s.is_empty() {
            continue;
        }
        if !label_seen && is_kinh_gui(&s) {
            label_seen = true;
            parts.kinh_gui_label = Some(p);
            let inline = strip_label(&s, "Kính gửi").unwrap_or("").trim().to_string();
            if !inline.is_empty() {
                parts.kinh_gui_inline = Some(inline);
            }
            continue;
        }
        let dash = s.starts_with('-') || s.starts_with('–') || p.label.is_some();
        match parts.kinh_gui.last_mut() {
            Some(last) if !dash => last.push(p),
            _ => parts.kinh_gui.push(vec![p]),
        }
    }
}

/// The nơi nhận and signature table: a cell opens with `Nơi nhận`, or a
/// cell holds a signer (an authority prefix, or a name after the signing
/// space).
fn is_closing(t: &Table) -> bool {
    if t.has_borders {
        return false;
    }
    t.rows.iter().flatten().any(|c| {
        let texts: Vec<String> = c.paras.iter().map(|p| p.trimmed()).collect();
        let first = texts.iter().find(|s| !s.is_empty());
        if first.is_some_and(|s| starts_with_ci(s, "Nơi nhận")) {
            return true;
        }
        if first.is_some_and(|s| authority_prefix(s).is_some()) {
            return true;
        }
        signer_shape(&c.paras)
    })
}

/// Text, then at least two empty lines (the signing space) or a
/// placeholder, then a name.
fn signer_shape(paras: &[Para]) -> bool {
    let mut seen_text = false;
    let mut gap = 0;
    for p in paras {
        let s = p.trimmed();
        if s.is_empty() {
            if seen_text {
                gap += 1;
            }
            continue;
        }
        if placeholder(&s) && seen_text {
            gap += 2;
            continue;
        }
        if seen_text && gap >= 2 && looks_like_name(p) && p.all_bold() {
            return true;
        }
        seen_text = true;
    }
    false
}

fn closing_table<'w>(t: &'w Table, parts: &mut Parts<'w>) {
    let cols = text_columns(t);
    let mut signer_cols = cols.clone();
    if let Some(first) = cols.first() {
        let left = paras_of_column(t, *first);
        if left
            .iter()
            .map(|p| p.trimmed())
            .find(|s| !s.is_empty())
            .is_some_and(|s| starts_with_ci(&s, "Nơi nhận"))
        {
            noi_nhan(&left, parts);
            signer_cols.remove(0);
        }
    }
    for c in signer_cols {
        // Cells of one column that together make one signer (the name may
        // sit in the next row), or one signer per cell (a Biên bản's grid).
        let mut block: Vec<&'w Para> = Vec::new();
        let mut start_row = 1;
        for (r, row) in t.rows.iter().enumerate() {
            let mut x = 1;
            for cell in row {
                if x == c {
                    if block.is_empty() {
                        start_row = r + 1;
                    }
                    block.extend(cell.paras.iter());
                    if signer_shape(&cell.paras) {
                        let mut s = signer(&block, parts);
                        (s.row, s.col) = (start_row, c);
                        parts.signers.push(s);
                        block.clear();
                    }
                }
                x += cell.span;
            }
        }
        if block.iter().any(|p| !p.is_blank()) {
            let mut s = signer(&block, parts);
            (s.row, s.col) = (start_row, c);
            parts.signers.push(s);
        }
    }
}

fn noi_nhan<'w>(paras: &[&'w Para], parts: &mut Parts<'w>) {
    for p in paras {
        let s = p.trimmed();
        if s.is_empty() {
            continue;
        }
        if parts.noi_nhan_label.is_none() && starts_with_ci(&s, "Nơi nhận") {
            parts.noi_nhan_label = Some(p);
            continue;
        }
        let body = s.trim_start_matches(['-', '–', '+', '•', ' ', '\t']);
        let dash = body.len() != s.len() || p.label.is_some();
        if starts_with_ci(body, "Lưu") {
            parts.luu = Some(p);
            continue;
        }
        match parts.noi_nhan.last_mut() {
            Some(last) if !dash && parts.luu.is_none() => last.push(p),
            _ => parts.noi_nhan.push(vec![p]),
        }
    }
}

fn signer<'w>(paras: &[&'w Para], _parts: &Parts<'w>) -> Signer<'w> {
    let mut s = Signer::default();
    let mut gap = 0;
    let mut seen = false;
    for p in paras {
        let t = p.trimmed();
        if t.is_empty() {
            if seen {
                gap += 1;
            }
            continue;
        }
        if placeholder(&t) {
            s.placeholder.push(p);
            gap += 2;
            continue;
        }
        if s.name.is_some() {
            s.extra.push(p);
            continue;
        }
        let after_gap = seen && gap >= 2;
        if after_gap && looks_like_name(p) {
            s.name = Some(p);
            continue;
        }
        if after_gap && s.name.is_none() && !is_upper(&t) {
            s.name = Some(p);
            continue;
        }
        if authority_prefix(&t).is_some() && s.post.is_empty() {
            s.authority.push(p);
        } else {
            s.post.push(p);
        }
        seen = true;
        gap = 0;
    }
    // No signing space: the last line is the name when it looks like one.
    if s.name.is_none() {
        if let Some(last) = s.post.last().copied().filter(|p| looks_like_name(p)) {
            s.post.pop();
            s.name = Some(last);
        }
    }
    // The last authority line with no post after it is the post itself
    // when it names one (`KT. GIÁM ĐỐC` alone is an authority line).
    s
}
