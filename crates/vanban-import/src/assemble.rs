//! Building the model from the recognised parts: every word goes
//! somewhere (a field, or a body paragraph listed in the report), and each
//! string is traced back to its paragraph.

use crate::docx::{Para, Place, Table as WTable, WRun};
use crate::recognise::words::{
    authority_prefix, excerpt, is_upper, strip_label, QUOC_HIEU, TIEU_NGU,
};
use crate::recognise::{KindSource, Parts, Piece};
use vanban_core::date::IssueDate;
use vanban_core::document::{
    Align, Annex, Block, CanCu, Column, Heading, HeadingStyle, Issuer, ListItem, Luu, LuuParts,
    Metadata, NoiNhan, NumberedItem, Point, Signature, Table,
};
use vanban_core::so_hieu::SoHieu;
use vanban_core::text::{Lines, Run, Text};
use vanban_core::{Diagnostic, Document, DocumentKind, Msg, Severity};

/// Where a paragraph is, for messages: `¶12 «Ngày 19 tháng 6…»`, with the
/// table cell when it is in one (`¶36 T2[1,1] «Nơi nhận:»`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// 1-based paragraph number in document order (cells and text boxes
    /// included).
    pub paragraph: usize,
    /// Table number, row and column (1-based) when in a table cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<(usize, usize, usize)>,
    /// Inside a text box (a drawn shape holding text).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_box: bool,
    /// The paragraph's first words.
    pub excerpt: String,
}

impl Location {
    pub(crate) fn of(p: &Para) -> Location {
        Location {
            paragraph: p.number,
            cell: match p.place {
                Place::Cell { table, row, col } => Some((table, row, col)),
                _ => None,
            },
            text_box: p.place == Place::TextBox,
            excerpt: excerpt(&p.text()),
        }
    }

    /// The label used as a diagnostic's path.
    pub fn label(&self) -> String {
        let mut s = format!("¶{}", self.paragraph);
        if let Some((t, r, c)) = self.cell {
            s.push_str(&format!(" T{t}[{r},{c}]"));
        }
        if self.text_box {
            s.push_str(" textbox");
        }
        if !self.excerpt.is_empty() {
            s.push_str(&format!(" «{}»", self.excerpt));
        }
        s
    }
}

/// One string of the imported document and the paragraph it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// 1-based paragraph number, as in [`Location::paragraph`].
    pub paragraph: usize,
    /// The string as the paragraph holds it.
    pub text: String,
    /// `false` for the fixed words the renderer prints for a recognised
    /// component (Quốc hiệu, `Số:`, `Nơi nhận:` …) rather than a string
    /// held in the model.
    pub in_model: bool,
}

pub(crate) struct Out {
    pub document: Document,
    pub report: Vec<Diagnostic>,
    pub sources: Vec<Source>,
    /// Body block indices (top level) that are not the document's body
    /// proper: unplaced lines, an annex, extra signers. The audit checks
    /// the document without them.
    pub foreign_blocks: Vec<usize>,
}

struct Ctx {
    report: Vec<Diagnostic>,
    sources: Vec<Source>,
    tabs_replaced: Vec<usize>,
    /// Indices of the landscape sections.
    landscape: Vec<usize>,
}

impl Ctx {
    fn note(&mut self, code: &'static str, p: Option<&Para>, vi: String, en: String) {
        let path = p.map(|p| Location::of(p).label()).unwrap_or_default();
        self.report.push(Diagnostic::new(
            Severity::Note,
            code,
            path,
            Msg::new(vi, en),
        ));
    }
    fn warn(&mut self, code: &'static str, p: Option<&Para>, vi: String, en: String) {
        let path = p.map(|p| Location::of(p).label()).unwrap_or_default();
        self.report.push(Diagnostic::new(
            Severity::Warning,
            code,
            path,
            Msg::new(vi, en),
        ));
    }
    fn src(&mut self, p: &Para, text: impl Into<String>, in_model: bool) {
        let text = text.into();
        if !text.trim().is_empty() {
            self.sources.push(Source {
                paragraph: p.number,
                text,
                in_model,
            });
        }
    }
}

/// Stands for a tab or line break until [`collapse_tabs`] makes the white
/// space around it one space; a white-space character, so trimming treats
/// it as such, and one no Word text holds.
const TAB: char = '\u{2029}';

/// Cleans the characters of a run: a tab or line break inside a paragraph
/// becomes a space (the model holds one line per paragraph), a soft hyphen
/// goes. Returns whether anything was replaced.
fn clean(s: &str) -> (String, bool) {
    let mut changed = false;
    let out: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{b}' => {
                changed = true;
                Some(TAB)
            }
            '\u{AD}' => {
                changed = true;
                None
            }
            '\u{A0}' => Some(' '),
            _ => Some(c),
        })
        .collect();
    (out, changed)
}

/// A paragraph's runs as model text, leading and trailing space trimmed.
fn runs_text(runs: &[WRun], ctx: &mut Ctx, p: &Para) -> Text {
    let mut t = Text::default();
    let mut replaced = false;
    for r in runs {
        let (s, ch) = clean(&r.text);
        replaced |= ch;
        t.push(Run {
            text: s,
            bold: r.props.bold,
            italic: r.props.italic,
            underline: r.props.underline,
        });
    }
    // Trim outer white space, which is alignment, not content.
    while t
        .runs
        .first()
        .is_some_and(|r| r.text.trim_start().is_empty())
    {
        t.runs.remove(0);
    }
    while t.runs.last().is_some_and(|r| r.text.trim_end().is_empty()) {
        t.runs.pop();
    }
    if let Some(f) = t.runs.first_mut() {
        f.text = f.text.trim_start().to_string();
    }
    if let Some(l) = t.runs.last_mut() {
        l.text = l.text.trim_end().to_string();
    }
    // Runs that differ only in the style of their spaces read better merged.
    let mut merged = Text::default();
    for r in t.runs {
        if r.text.trim().is_empty() {
            if let Some(last) = merged.runs.last_mut() {
                last.text.push_str(&r.text);
                continue;
            }
        }
        merged.push(r);
    }
    collapse_tabs(&mut merged);
    if replaced && !merged.plain_text().trim().is_empty() {
        // Tabs used to indent the first line are layout; inner ones are
        // reported once per paragraph.
        let inner = p.text().trim().contains(['\t', '\n']);
        if inner {
            ctx.tabs_replaced.push(p.number);
        }
    }
    merged
}

/// A tab is a move to the next stop, however many are typed and whatever
/// spaces stand beside them: the white space around tabs becomes one space,
/// so that `Ông: Vũ Lân<tab><tab>- Phó Giám đốc` does not read as a typed
/// double space. Spaces typed between words are left as they are.
fn collapse_tabs(t: &mut Text) {
    // A white-space stretch that crosses runs belongs to the first run.
    for i in 1..t.runs.len() {
        let (a, b) = t.runs.split_at_mut(i);
        let prev = &mut a[i - 1].text;
        let next = &mut b[0].text;
        let tail = prev.len() - prev.trim_end().len();
        let head = next.len() - next.trim_start().len();
        if tail > 0
            && head > 0
            && (prev[prev.len() - tail..].contains(TAB) || next[..head].contains(TAB))
        {
            next.drain(..head);
            prev.push(TAB);
        }
    }
    for r in &mut t.runs {
        if !r.text.contains(TAB) {
            continue;
        }
        let mut out = String::with_capacity(r.text.len());
        let mut gap = String::new();
        for c in r.text.chars().chain(std::iter::once('\0')) {
            if c.is_whitespace() {
                gap.push(c);
                continue;
            }
            if gap.contains(TAB) {
                out.push(' ');
            } else {
                out.push_str(&gap);
            }
            gap.clear();
            if c != '\0' {
                out.push(c);
            }
        }
        r.text = out;
    }
}

fn para_text(p: &Para, ctx: &mut Ctx) -> Text {
    let mut runs = p.runs.clone();
    if let Some(l) = &p.label {
        let bold = p.runs.first().is_some_and(|r| r.props.bold);
        let mut props = p.runs.first().map(|r| r.props.clone()).unwrap_or_default();
        props.bold = bold;
        runs.insert(
            0,
            WRun {
                text: format!("{l} "),
                props,
            },
        );
    }
    runs_text(&runs, ctx, p)
}

/// A paragraph as plain lines (its manual line breaks kept as lines).
fn plain_lines(p: &Para) -> Vec<String> {
    p.text()
        .split('\n')
        .map(|l| {
            l.replace(['\t', '\u{A0}'], " ")
                .replace('\u{AD}', "")
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect()
}

fn plain(p: &Para) -> String {
    plain_lines(p).join(" ")
}

fn strip_dash(t: &mut Text) {
    if let Some(first) = t.runs.first_mut() {
        let s = first
            .text
            .trim_start()
            .trim_start_matches(['-', '–', '—', '•', '+'])
            .trim_start()
            .to_string();
        first.text = s;
    }
    t.runs.retain(|r| !r.text.is_empty());
}

pub(crate) fn assemble(parts: &Parts, landscape: Vec<usize>) -> Out {
    let mut ctx = Ctx {
        report: Vec::new(),
        sources: Vec::new(),
        tabs_replaced: Vec::new(),
        landscape,
    };
    let mut leading: Vec<Block> = Vec::new();
    let mut leading_paras: Vec<&Para> = Vec::new();

    // Header.
    let mut superior = Vec::new();
    for p in &parts.superior {
        for l in plain_lines(p) {
            ctx.src(p, &l, true);
            superior.push(l);
        }
    }
    let mut name = Vec::new();
    for p in &parts.issuer {
        for l in plain_lines(p) {
            ctx.src(p, &l, true);
            name.push(l);
        }
    }
    if let Some(p) = parts.quoc_hieu {
        ctx.src(p, QUOC_HIEU, false);
        if plain(p) != QUOC_HIEU {
            ctx.note(
                "import.quoc_hieu",
                Some(p),
                format!(
                    "Quốc hiệu đang là `{}`; vanban in đúng `{QUOC_HIEU}`",
                    plain(p)
                ),
                format!(
                    "the national name reads `{}`; vanban prints `{QUOC_HIEU}`",
                    plain(p)
                ),
            );
        }
    } else {
        ctx.warn(
            "import.quoc_hieu_missing",
            None,
            "không tìm thấy Quốc hiệu `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`".into(),
            "no national name `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` found".into(),
        );
    }
    if let Some(p) = parts.tieu_ngu {
        ctx.src(p, TIEU_NGU, false);
        if plain(p) != TIEU_NGU {
            ctx.note(
                "import.tieu_ngu",
                Some(p),
                format!(
                    "Tiêu ngữ đang là `{}`; vanban in đúng `{TIEU_NGU}`",
                    plain(p)
                ),
                format!("the motto reads `{}`; vanban prints `{TIEU_NGU}`", plain(p)),
            );
        }
    }

    let kind = parts.kind;
    match parts.kind_source {
        KindSource::Guessed => ctx.warn(
            "import.kind",
            None,
            "không nhận ra loại văn bản (không có tên loại, dòng V/v hay ký hiệu loại); tạm coi là Thông báo".into(),
            "the document type was not recognised (no type name, V/v line or type code); read as a Thông báo".into(),
        ),
        KindSource::KyHieu => ctx.note(
            "import.kind",
            parts.so.as_ref().map(|(p, _)| *p),
            format!("không có dòng tên loại; loại văn bản `{}` lấy từ ký hiệu", kind.name_vi()),
            format!("no type-name line; the kind `{}` comes from the code", kind.name_vi()),
        ),
        _ => {}
    }

    // Số, ký hiệu.
    let mut so_hieu = SoHieu::default();
    let mut abbreviation = String::new();
    let so_para = parts.so.as_ref().map(|(p, _)| *p);
    let date_para = parts.place_date.as_ref().map(|(p, _)| *p);
    if let Some((p, so)) = &parts.so {
        so_hieu.number = so.number;
        let groups: Vec<&str> = so.ky_hieu.split('-').map(str::trim).collect();
        match kind.abbreviation() {
            Some(_) => {
                abbreviation = groups.get(1..).map(|g| g.join("-")).unwrap_or_default();
                if abbreviation.is_empty() {
                    abbreviation = groups.first().copied().unwrap_or("").to_string();
                }
            }
            None => {
                abbreviation = groups.first().copied().unwrap_or("").to_string();
                if groups.len() > 1 {
                    so_hieu.unit = Some(groups[1..].join("-"));
                }
            }
        }
        if so_hieu.ky_hieu(kind, &abbreviation) != so.ky_hieu {
            so_hieu.ky_hieu = Some(so.ky_hieu.clone());
        }
        if so.number.is_none() && !so.number_text.trim().is_empty() {
            ctx.note(
                "import.so_number",
                Some(p),
                format!(
                    "số `{}` không đọc được thành số; để trống",
                    so.number_text.trim()
                ),
                format!(
                    "the number `{}` is not a number; left blank",
                    so.number_text.trim()
                ),
            );
        }
    } else {
        ctx.warn(
            "import.so_missing",
            None,
            "không tìm thấy dòng `Số:` (số, ký hiệu văn bản)".into(),
            "no `Số:` line (number and code) found".into(),
        );
    }

    // Place and date.
    let mut place = String::new();
    let mut date = None;
    if let Some((p, d)) = &parts.place_date {
        place = d.place.clone();
        if let Some(y) = d.year {
            date = Some(IssueDate {
                year: y,
                month: d.month,
                day: d.day,
            });
        }
        let _ = p;
    } else if kind != DocumentKind::BienBan {
        ctx.warn(
            "import.date_missing",
            None,
            "không tìm thấy dòng địa danh, ngày tháng năm".into(),
            "no place-and-date line found".into(),
        );
    }

    // Tên loại and trích yếu.
    let mut trich_yeu: Vec<String> = Vec::new();
    if let Some((p, rest)) = &parts.ten_loai {
        if let Some(n) = kind.type_name() {
            ctx.src(p, n, false);
        }
        if !rest.is_empty() {
            ctx.src(p, rest, true);
            trich_yeu.push(rest.clone());
            ctx.note(
                "import.ten_loai_words",
                Some(p),
                format!("dòng tên loại có thêm chữ sau tên loại `{}`: `{rest}`; giữ làm dòng đầu của trích yếu", kind.type_name().unwrap_or("")),
                format!("the type-name line has words after `{}`: `{rest}`; kept as the first line of the trích yếu", kind.type_name().unwrap_or("")),
            );
        }
    }
    if parts.ten_loai.is_some() {
        for p in &parts.trich_yeu {
            for l in plain_lines(p) {
                ctx.src(p, &l, true);
                trich_yeu.push(l);
            }
        }
    }
    if kind == DocumentKind::CongVan || parts.ten_loai.is_none() {
        // The model keeps a công văn's trích yếu as printed, `V/v` included.
        for p in &parts.vv {
            for l in plain_lines(p) {
                ctx.src(p, &l, true);
                trich_yeu.push(l);
            }
        }
    } else if !parts.vv.is_empty() {
        let p = parts.vv[0];
        ctx.note(
            "import.vv_with_type",
            Some(p),
            "văn bản có tên loại nhưng có dòng V/v dưới số: giữ dòng V/v thành đoạn văn đầu nội dung".into(),
            "the document has a type name and also a V/v line under the number: the V/v line is kept as the first body paragraph".into(),
        );
        for p in &parts.vv {
            let t = para_text(p, &mut ctx);
            ctx.src(p, t.plain_text(), true);
            leading.push(Block::Paragraph(t));
            leading_paras.push(p);
        }
    }
    if trich_yeu.is_empty()
        && !matches!(
            kind,
            DocumentKind::GiayGioiThieu | DocumentKind::GiayNghiPhep
        )
    {
        ctx.warn(
            "import.trich_yeu_missing",
            None,
            "không tìm thấy trích yếu".into(),
            "no trích yếu (subject line) found".into(),
        );
    }

    // Unplaced lines of the header and title area open the body.
    for (p, why) in &parts.unplaced {
        let t = para_text(p, &mut ctx);
        ctx.src(p, t.plain_text(), true);
        ctx.report.push(Diagnostic::new(
            Severity::Warning,
            "import.unplaced",
            Location::of(p).label(),
            why.clone(),
        ));
        leading.push(Block::Paragraph(t));
        leading_paras.push(p);
    }
    let mut authority = Vec::new();
    for p in &parts.authority_line {
        for l in plain_lines(p) {
            ctx.src(p, &l, true);
            authority.push(l);
        }
    }

    // Kính gửi.
    let mut kinh_gui: Vec<Text> = Vec::new();
    if let Some(p) = parts.kinh_gui_label {
        ctx.src(p, "Kính gửi", false);
        if let Some(inline) = &parts.kinh_gui_inline {
            let lines: Vec<String> = inline
                .split('\n')
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect();
            if lines.len() > 1 {
                ctx.note(
                    "import.line_break",
                    Some(p),
                    "dấu xuống dòng trong dòng Kính gửi được thay bằng dấu cách".into(),
                    "a line break inside the Kính gửi line is replaced by a space".into(),
                );
            }
            let text = lines.join(" ");
            let text = text.trim_start_matches(['-', '–', ' ']).to_string();
            ctx.src(p, &text, true);
            // Keep the label's emphasis pattern simple: the addressee is upright.
            kinh_gui.push(Text::plain(text));
        }
    }
    for entry in &parts.kinh_gui {
        let mut t = Text::default();
        for (i, p) in entry.iter().enumerate() {
            let mut pt = para_text(p, &mut ctx);
            if i == 0 {
                strip_dash(&mut pt);
            } else {
                t.push(Run::plain(" "));
            }
            ctx.src(p, pt.plain_text(), true);
            for r in pt.runs {
                t.push(r);
            }
        }
        if !t.is_empty() {
            kinh_gui.push(t);
        }
    }

    // Căn cứ.
    let can_cu = if parts.can_cu.is_empty() {
        None
    } else {
        let mut lines = Vec::new();
        for p in &parts.can_cu {
            let t = para_text(p, &mut ctx);
            ctx.src(p, t.plain_text(), true);
            lines.push(t);
        }
        Some(CanCu::Lines(lines))
    };
    // `QUYẾT ĐỊNH:` / `QUYẾT NGHỊ:` is printed by the layout of the form.
    if let Some(p) = parts.decision_line {
        ctx.src(p, plain(p), false);
    }

    // Body.
    let mut body = leading;
    let mut foreign: Vec<usize> = (0..body.len()).collect();
    let mut b = crate::body::convert(&parts.body, &mut BodyCtx { ctx: &mut ctx });
    body.append(&mut b);

    // Nơi nhận.
    if let Some(p) = parts.noi_nhan_label {
        ctx.src(p, "Nơi nhận", false);
    }
    let mut entries: Vec<Text> = Vec::new();
    for entry in &parts.noi_nhan {
        let mut t = Text::default();
        for (i, p) in entry.iter().enumerate() {
            let mut pt = para_text(p, &mut ctx);
            if i == 0 {
                strip_dash(&mut pt);
            } else {
                t.push(Run::plain(" "));
            }
            ctx.src(p, pt.plain_text(), true);
            for r in pt.runs {
                t.push(r);
            }
        }
        // The list is printed in its own style: bold or italic typed on an
        // entry is not a Decree 30 distinction.
        if !t.is_empty() {
            entries.push(Text::plain(t.plain_text()));
        }
    }
    let luu = parts.luu.map(|p| {
        let typed = plain(p);
        let typed = typed
            .trim_start_matches(['-', '–', '+', '•', ' '])
            .to_string();
        let luu = parse_luu(&typed);
        ctx.src(p, luu.text(), matches!(luu, Luu::Line(_)));
        luu
    });

    // Signatures: the principal one is the right-hand block (the one the
    // seal goes on); the others are co-signers, in reading order.
    let mut signers: Vec<(usize, Signature)> = Vec::new();
    let mut tail_blocks: Vec<(Block, &Para)> = Vec::new();
    for (i, s) in parts.signers.iter().enumerate() {
        signers.push((i, signature_of(s, &mut ctx)));
        for p in &s.placeholder {
            ctx.note(
                "import.signature_placeholder",
                Some(p),
                format!("`{}` là chỗ ký; không đưa vào mô hình", plain(p)),
                format!(
                    "`{}` stands for the signature; not kept in the model",
                    plain(p)
                ),
            );
        }
        for p in &s.extra {
            let t = para_text(p, &mut ctx);
            ctx.src(p, t.plain_text(), true);
            ctx.warn(
                "import.unplaced",
                Some(p),
                "dòng này đứng sau họ tên người ký; giữ thành đoạn văn cuối nội dung".into(),
                "this line follows the signer's name; kept as a paragraph at the end of the body"
                    .into(),
            );
            tail_blocks.push((Block::Paragraph(t), p));
        }
    }
    let principal = parts
        .signers
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.col, std::cmp::Reverse(s.row), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut signature = Signature {
        authority: Vec::new(),
        post: String::new(),
        name: String::new(),
        signature_image: None,
        seal_image: None,
    };
    let mut order: Vec<usize> = (0..parts.signers.len()).collect();
    order.sort_by_key(|i| (parts.signers[*i].row, parts.signers[*i].col));
    let mut co_signers = Vec::new();
    for i in order {
        let s = signers[i].1.clone();
        if Some(i) == principal {
            signature = s;
        } else {
            co_signers.push(s);
        }
    }
    if parts.signers.is_empty() {
        ctx.warn(
            "import.signature_missing",
            None,
            "không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên)".into(),
            "no signature block (authority, post, name) found".into(),
        );
    } else if signature.name.is_empty() {
        ctx.warn(
            "import.signer_name",
            None,
            "không tìm thấy họ tên người ký".into(),
            "the signer's name was not found".into(),
        );
    }

    // After the signature: annexes, and anything that is not one.
    let (annexes, rest) = annexes(&parts.after, &mut ctx);
    if !rest.is_empty() {
        let first = rest.iter().find_map(|p| match p {
            Piece::Para(p) => Some(*p),
            Piece::Table(t) => t.rows.iter().flatten().flat_map(|c| c.paras.iter()).next(),
        });
        ctx.warn(
            "import.after_signature",
            first,
            "nội dung sau khối chữ ký không phải phụ lục: giữ ở cuối nội dung".into(),
            "what follows the signature block is not an annex: kept at the end of the body".into(),
        );
        let start = body.len();
        let mut a = crate::body::convert(&rest, &mut BodyCtx { ctx: &mut ctx });
        body.append(&mut a);
        foreign.extend(start..body.len());
    }
    for (b, _) in tail_blocks {
        foreign.push(body.len());
        body.push(b);
    }
    if !ctx.tabs_replaced.is_empty() {
        let list: Vec<String> = ctx
            .tabs_replaced
            .iter()
            .take(8)
            .map(|n| format!("¶{n}"))
            .collect();
        let more = if ctx.tabs_replaced.len() > 8 {
            " …"
        } else {
            ""
        };
        ctx.note(
            "import.tabs",
            None,
            format!(
                "dấu tab hoặc xuống dòng bên trong {} đoạn được thay bằng dấu cách ({}{more})",
                ctx.tabs_replaced.len(),
                list.join(", ")
            ),
            format!(
                "tabs or line breaks inside {} paragraph(s) are replaced by spaces ({}{more})",
                ctx.tabs_replaced.len(),
                list.join(", ")
            ),
        );
    }

    let document = Document {
        schema: None,
        kind,
        draft: so_hieu.number.is_none()
            || date.as_ref().is_none_or(|d: &IssueDate| !d.is_complete()),
        issuer: Issuer {
            superior: Lines(superior),
            name: Lines(name),
            abbreviation,
            full_name: None,
        },
        so_hieu,
        place,
        date,
        trich_yeu: Lines(trich_yeu),
        authority: Lines(authority),
        intro: None,
        kinh_gui,
        can_cu,
        body,
        noi_nhan: NoiNhan { entries, luu },
        signature,
        co_signers,
        footer: Lines(Vec::new()),
        annexes,
        metadata: Metadata {
            title: None,
            author: None,
            subject: None,
            keywords: Vec::new(),
            language: "vi-VN".into(),
            created: None,
        },
        profile: None,
    };
    // The Số and date lines as the renderer prints them from the model.
    if let Some(p) = so_para {
        ctx.src(p, document.so_line(), false);
    }
    if let Some(p) = date_para {
        ctx.src(p, document.place_date_line(), false);
    }
    Out {
        document,
        report: ctx.report,
        sources: ctx.sources,
        foreign_blocks: foreign,
    }
}

fn signature_of(s: &crate::recognise::Signer, ctx: &mut Ctx) -> Signature {
    let mut sig = Signature {
        authority: Vec::new(),
        post: String::new(),
        name: String::new(),
        signature_image: None,
        seal_image: None,
    };
    for p in &s.authority {
        let l = plain(p);
        ctx.src(p, &l, true);
        sig.authority.push(l);
    }
    let post: Vec<String> = s.post.iter().map(|p| plain(p)).collect();
    for (p, l) in s.post.iter().zip(&post) {
        ctx.src(p, l, true);
    }
    sig.post = post.join(" ");
    if let Some(p) = s.name {
        sig.name = plain(p);
        ctx.src(p, &sig.name, true);
    }
    // Only authority lines and no post: the last line is the post when it
    // has no prefix of its own.
    if sig.post.is_empty() && sig.authority.len() > 1 {
        let last = sig.authority.pop().unwrap_or_default();
        if authority_prefix(&last).is_none() {
            sig.post = last;
        } else {
            sig.authority.push(last);
        }
    }
    sig
}

fn starts_annex(p: &Para) -> bool {
    let t = p.trimmed().to_lowercase();
    t.starts_with("phụ lục")
}

fn is_reference(p: &Para) -> bool {
    let t = p.trimmed().to_lowercase();
    t.starts_with("(kèm theo")
}

/// Splits what follows the signature into annexes: each opens with a
/// `Phụ lục …` line, or with a centred bold title followed by its
/// `(Kèm theo …)` line.
fn annexes<'w>(after: &[Piece<'w>], ctx: &mut Ctx) -> (Vec<Annex>, Vec<Piece<'w>>) {
    let para = |i: usize| match after.get(i) {
        Some(Piece::Para(p)) => Some(*p),
        _ => None,
    };
    let opens = |i: usize| -> bool {
        let Some(p) = para(i) else { return false };
        if starts_annex(p) {
            return true;
        }
        p.props.align == crate::docx::Align::Center
            && p.all_bold()
            && (i + 1..(i + 4).min(after.len())).any(|j| para(j).is_some_and(is_reference))
    };
    let mut rest = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < after.len() && !opens(i) {
        rest.push(after[i]);
        i += 1;
    }
    while i < after.len() {
        let first = para(i).expect("opens at a paragraph");
        let mut label = None;
        let mut title = Vec::new();
        if starts_annex(first) {
            let t = plain(first);
            match t.split_once(':') {
                Some((l, tt)) if !tt.trim().is_empty() => {
                    label = Some(l.trim().to_string());
                    title.push(tt.trim().to_string());
                }
                _ => label = Some(t.clone()),
            }
            ctx.src(first, &t, true);
            i += 1;
        }
        while let Some(p) = para(i) {
            if is_reference(p) || !p.all_bold() || p.props.align != crate::docx::Align::Center {
                break;
            }
            for l in plain_lines(p) {
                ctx.src(p, &l, true);
                title.push(l);
            }
            i += 1;
        }
        let mut reference: Option<Text> = None;
        if para(i).is_some_and(is_reference) {
            // Kept with its runs and inner spaces: the blanks left for the
            // number and date are the author's.
            let mut text = Text::default();
            let mut n = 0;
            while let Some(p) = para(i) {
                let t = para_text(p, ctx);
                ctx.src(p, t.plain_text(), true);
                let done = t.plain_text().ends_with(')');
                if n > 0 {
                    text.push(Run::plain(" "));
                }
                for r in t.runs {
                    text.push(r);
                }
                n += 1;
                i += 1;
                if done || n > 3 {
                    break;
                }
            }
            reference = Some(text);
        }
        let start = i;
        while i < after.len() && !opens(i) {
            i += 1;
        }
        let section = after[start..i].iter().find_map(|p| match p {
            Piece::Table(t) => Some(t.section),
            Piece::Para(p) if !p.is_blank() => Some(p.section),
            _ => None,
        });
        let landscape = section.is_some_and(|s| ctx.landscape.contains(&s));
        let body = crate::body::convert(&after[start..i], &mut BodyCtx { ctx });
        out.push(Annex {
            kind: None,
            label,
            title: Lines(title),
            reference,
            landscape,
            separate_file: false,
            body,
        });
    }
    (out, rest)
}

/// The archive line as the model keeps it: its parts when they print the
/// line back exactly, otherwise the line as typed.
pub fn parse_luu(typed: &str) -> Luu {
    let parts = Luu::Parts(luu_parts(typed));
    if parts.text() == typed {
        parts
    } else {
        Luu::Line(typed.to_string())
    }
}

/// `Lưu: VT, KT(T.Q.Hùng), HCQT (Mến).` → units; `… (2).` → copies;
/// `… . PL.(300).` → drafter and copies issued (ô 12).
pub fn luu_parts(typed: &str) -> LuuParts {
    let rest = strip_label(typed, "Lưu")
        .map(str::to_string)
        .unwrap_or_else(|| typed.trim_start().chars().skip(3).collect::<String>());
    let rest = rest.trim();
    // Drafter part after the first ". " that is followed by capitals.
    let (units_part, drafter_part) = match rest.find(". ") {
        Some(i) if is_upper(&rest[i + 2..]) || rest[i + 2..].trim().is_empty() => {
            (&rest[..i], Some(rest[i + 2..].trim()))
        }
        _ => (rest, None),
    };
    let units_part = units_part.trim().trim_end_matches('.');
    let mut units: Vec<String> = units_part
        .split(',')
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .collect();
    let mut copies = None;
    if let Some(last) = units.last_mut() {
        if let Some(open) = last.rfind(" (") {
            let inner = &last[open + 2..];
            if let Some(n) = inner.strip_suffix(')').and_then(|n| n.parse::<u32>().ok()) {
                copies = Some(n);
                last.truncate(open);
            }
        }
    }
    let (mut drafter, mut issued) = (None, None);
    if let Some(d) = drafter_part.filter(|d| !d.is_empty()) {
        let d = d.trim_end_matches('.');
        match d.split_once(".(") {
            Some((ini, n)) => {
                drafter = Some(ini.to_string());
                issued = n.trim_end_matches(')').parse().ok();
            }
            None => drafter = Some(d.to_string()),
        }
    }
    LuuParts {
        units,
        copies,
        drafter,
        issued,
    }
}

pub(crate) struct BodyCtx<'a> {
    ctx: &'a mut Ctx,
}

impl BodyCtx<'_> {
    pub fn note(&mut self, code: &'static str, p: &Para, vi: String, en: String) {
        self.ctx.note(code, Some(p), vi, en);
    }
    pub fn text(&mut self, p: &Para) -> Text {
        let t = para_text(p, self.ctx);
        self.ctx.src(p, t.plain_text(), true);
        t
    }
    pub fn table(&mut self, t: &WTable) -> Table {
        let ncols = t
            .grid
            .len()
            .max(
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.span).sum::<usize>())
                    .max()
                    .unwrap_or(1),
            )
            .max(1);
        let widths: Vec<f32> = (0..ncols)
            .map(|i| t.grid.get(i).copied().unwrap_or(1000).max(1) as f32)
            .collect();
        let mut rows: Vec<Vec<Text>> = Vec::new();
        let mut aligns: Vec<Option<Align>> = vec![None; ncols];
        let mut joined = Vec::new();
        let mut merged = false;
        for row in &t.rows {
            let mut cells: Vec<Text> = Vec::new();
            for c in row {
                let mut text = Text::default();
                let nonblank: Vec<&Para> = c.paras.iter().filter(|p| !p.is_blank()).collect();
                if nonblank.len() > 1 {
                    joined.push(nonblank[0].number);
                }
                for (i, p) in nonblank.iter().enumerate() {
                    let pt = para_text(p, self.ctx);
                    self.ctx.src(p, pt.plain_text(), true);
                    if i > 0 {
                        text.push(Run::plain(" "));
                    }
                    for r in pt.runs {
                        text.push(r);
                    }
                }
                let col = cells.len();
                if col < ncols && aligns[col].is_none() && !nonblank.is_empty() && !rows.is_empty()
                {
                    aligns[col] = Some(match nonblank[0].props.align {
                        crate::docx::Align::Center => Align::Center,
                        crate::docx::Align::Right => Align::Right,
                        crate::docx::Align::Justify => Align::Justify,
                        crate::docx::Align::Left => Align::Left,
                    });
                }
                cells.push(text);
                for _ in 1..c.span {
                    merged = true;
                    cells.push(Text::default());
                }
                if c.merged_up {
                    merged = true;
                }
            }
            while cells.len() < ncols {
                cells.push(Text::default());
            }
            cells.truncate(ncols);
            rows.push(cells);
        }
        let first = t.rows.iter().flatten().flat_map(|c| c.paras.iter()).next();
        if let Some(p) = first {
            if !joined.is_empty() {
                self.ctx.note(
                    "import.table_cell_paragraphs",
                    Some(p),
                    format!(
                        "bảng {}: {} ô có nhiều đoạn, được nối thành một dòng",
                        t.number,
                        joined.len()
                    ),
                    format!(
                        "table {}: {} cell(s) hold several paragraphs, joined into one line",
                        t.number,
                        joined.len()
                    ),
                );
            }
            if merged {
                self.ctx.note(
                    "import.table_merged",
                    Some(p),
                    format!(
                        "bảng {} có ô gộp; trong mô hình các ô gộp để trống",
                        t.number
                    ),
                    format!(
                        "table {} has merged cells; the model leaves the merged cells empty",
                        t.number
                    ),
                );
            }
        }
        // The first row is a header when all its written cells are bold.
        let header_row = t.rows.first().is_some_and(|r| {
            let cells: Vec<&crate::docx::Cell> = r
                .iter()
                .filter(|c| c.paras.iter().any(|p| !p.is_blank()))
                .collect();
            !cells.is_empty()
                && cells.iter().all(|c| {
                    c.paras
                        .iter()
                        .filter(|p| !p.is_blank())
                        .all(|p| p.all_bold())
                })
        });
        let header = if header_row && rows.len() > 1 {
            vec![rows.remove(0)]
        } else {
            Vec::new()
        };
        Table {
            columns: widths
                .iter()
                .zip(aligns)
                .map(|(w, a)| Column {
                    width: *w,
                    align: a.unwrap_or_default(),
                })
                .collect(),
            header,
            rows,
        }
    }
}

/// Helpers the body conversion shares.
pub(crate) fn heading(label: Option<String>, title: String, part: bool) -> Block {
    Block::Heading(Heading {
        style: if part {
            HeadingStyle::Part
        } else {
            HeadingStyle::Section
        },
        label,
        title,
    })
}

pub(crate) fn list(items: Vec<ListItem>) -> Block {
    Block::List(items)
}

pub(crate) fn item(number: u32, heading: Option<Text>, text: Text) -> NumberedItem {
    NumberedItem {
        number: number.into(),
        heading,
        text,
        children: Vec::new(),
    }
}

pub(crate) fn point(letter: String, text: Text) -> Point {
    Point {
        letter,
        text,
        children: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(runs: &[&str]) -> Vec<String> {
        let mut t = Text::default();
        for r in runs {
            t.push(Run {
                text: clean(r).0,
                bold: false,
                italic: false,
                underline: false,
            });
        }
        collapse_tabs(&mut t);
        t.runs.into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn tabs_become_one_space_and_typed_spaces_stay() {
        assert_eq!(
            cleaned(&["Ông: Vũ Lân", "\t", "\t- Phó"]).concat(),
            "Ông: Vũ Lân - Phó"
        );
        assert_eq!(cleaned(&["a \t b"]), vec!["a b"]);
        assert_eq!(
            cleaned(&["Công ty  cổ phần\tx"]),
            vec!["Công ty  cổ phần x"]
        );
        assert_eq!(cleaned(&["a ", "\tb"]).concat(), "a b");
    }

    #[test]
    fn luu_lines() {
        let l = luu_parts("Lưu: VT, KT(T.Q.Hùng), HCQT (Mến).");
        assert_eq!(l.units, vec!["VT", "KT(T.Q.Hùng)", "HCQT (Mến)"]);
        assert!(matches!(
            parse_luu("Lưu: VT, KT(T.Q.Hùng), HCQT (Mến)."),
            Luu::Parts(_)
        ));
        // Without the colon the parts would print another line: kept as typed.
        assert_eq!(
            parse_luu("Lưu VT, CN(Trang - T.Dương)."),
            Luu::Line("Lưu VT, CN(Trang - T.Dương).".into())
        );
        let l = luu_parts("Lưu: VT, HC (2).");
        assert_eq!(
            (l.units.clone(), l.copies),
            (vec!["VT".to_string(), "HC".to_string()], Some(2))
        );
        let l = luu_parts("Lưu: VT, VP. PL.(300).");
        assert_eq!((l.drafter.as_deref(), l.issued), (Some("PL"), Some(300)));
        assert_eq!(Luu::Parts(l).text(), "Lưu: VT, VP. PL.(300).");
        let l = luu_parts("Lưu VT, CN(Trang - T.Dương).");
        assert_eq!(l.units, vec!["VT", "CN(Trang - T.Dương)"]);
        let l = luu_parts("Lưu: K7.");
        assert_eq!(l.units, vec!["K7"]);
    }
}
