//! Line breaking and justification, as Word does it for Vietnamese text,
//! decided once for both back ends: measure with the font's advance widths
//! (no kerning), break greedily at spaces only, stretch the spaces of every
//! line but the last.
//!
//! Breaking at spaces only is what keeps `12/TB-UBND`, `57,38/100`, `./.`
//! and URLs whole (UAX #14 would allow breaks after `/` and `-`). A word
//! wider than the whole line is the one exception: it is cut where it must
//! be, so that nothing runs off the page.
//!
//! Centred titles are broken [`balanced`]: as few lines as greedy breaking
//! needs, of even length, preferring breaks between phrases.

use crate::flow::{Glyph, GlyphRun, Line, LineEnd, Span, SpanPos};
use vanban_core::Alignment;
use vanban_fonts::Fonts;

/// The geometry of a paragraph's lines.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Width available to every line, in points.
    pub width: f32,
    /// Extra indent of the first line (it narrows the first line).
    pub first_indent: f32,
    /// Font size in points.
    pub size: f32,
    /// Alignment; justified lines stretch their spaces.
    pub align: Alignment,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Other,
    Space,
    Break,
}

#[derive(Clone, Copy, Debug)]
struct G {
    span: u32,
    start: u32,
    end: u32,
    /// The character drawn (a tab draws as a space).
    draw: char,
    id: u16,
    adv: f32,
    kind: Kind,
}

/// A line fits only with a hair to spare: LibreOffice (and Word) sum
/// rounded advances, and refuse a line that our exact sum puts 0.01 pt
/// inside the measure (seen on the seed's căn cứ paragraph).
const FIT_EPS: f32 = -0.05;

/// Whether a line of `w` points fits in `avail`: the one test both
/// breaking strategies use.
fn fits(w: f32, avail: f32) -> bool {
    w <= avail + FIT_EPS
}

/// One line as indices into the shaped glyphs, and how it ended.
type RawLine = (Vec<usize>, LineEnd);

/// Breaks spans into lines of at most `m.width` points, greedily.
pub fn break_lines(fonts: &Fonts, spans: &[Span], m: Measure) -> Vec<Line> {
    let glyphs = shape(fonts, spans, m.size);
    let raw = greedy(&glyphs, m);
    finish(spans, &glyphs, raw, m)
}

/// Breaks spans into lines as [`break_lines`] would count them, but with
/// the breaks moved so that the lines are of even length, a last line
/// never holds a single stranded word, and breaks fall between phrases
/// rather than inside a compound (`THẨM / QUYỀN`) or a date (`năm / 2023`).
/// Hard breaks (`\n`) are kept; each piece between them is balanced alone.
pub fn balanced(fonts: &Fonts, spans: &[Span], m: Measure) -> Vec<Line> {
    let glyphs = shape(fonts, spans, m.size);
    let greedy_lines = greedy(&glyphs, m);
    let mut out: Vec<RawLine> = Vec::new();
    // Balance each run of lines between hard breaks.
    let mut group: Vec<RawLine> = Vec::new();
    for l in greedy_lines {
        let end = l.1;
        group.push(l);
        if end != LineEnd::Wrap {
            out.extend(balance_group(&glyphs, spans, std::mem::take(&mut group), m));
        }
    }
    out.extend(balance_group(&glyphs, spans, group, m));
    finish(spans, &glyphs, out, m)
}

fn finish(spans: &[Span], glyphs: &[G], raw: Vec<RawLine>, m: Measure) -> Vec<Line> {
    let n = raw.len();
    raw.into_iter()
        .enumerate()
        .map(|(li, (idx, end))| {
            let stretch = end == LineEnd::Wrap && li + 1 < n;
            place(spans, glyphs, &idx, li == 0, stretch, end, m)
        })
        .collect()
}

/// The line being filled, handed over; the next one starts with room for
/// as many glyphs (lines of a paragraph are alike: growing each from
/// empty was 450 reallocations for the seed notice).
fn next_line(cur: &mut Vec<usize>) -> Vec<usize> {
    let room = cur.len();
    std::mem::replace(cur, Vec::with_capacity(room))
}

fn greedy(glyphs: &[G], m: Measure) -> Vec<RawLine> {
    let mut lines: Vec<RawLine> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut cur_w = 0.0f32;
    let mut pending_gap: Vec<usize> = Vec::new();
    let mut pending_w = 0.0f32;
    let avail = |first: bool| {
        if first {
            m.width - m.first_indent
        } else {
            m.width
        }
    };
    let mut i = 0;
    while i < glyphs.len() {
        match glyphs[i].kind {
            Kind::Space => {
                // Spaces typed at the very start of the paragraph are the
                // author's; spaces at the start of a wrapped line vanish
                // (they stay with the line before, after its last word).
                if cur.is_empty() && pending_gap.is_empty() {
                    if let Some(prev) = lines.last_mut() {
                        if prev.1 == LineEnd::Wrap {
                            prev.0.push(i);
                        }
                        i += 1;
                        continue;
                    }
                }
                pending_gap.push(i);
                pending_w += glyphs[i].adv;
                i += 1;
            }
            Kind::Break => {
                cur.append(&mut pending_gap);
                cur.push(i);
                lines.push((next_line(&mut cur), LineEnd::Hard));
                cur_w = 0.0;
                pending_w = 0.0;
                i += 1;
            }
            Kind::Other => {
                let mut j = i;
                let mut w = 0.0;
                while j < glyphs.len() && glyphs[j].kind == Kind::Other {
                    w += glyphs[j].adv;
                    j += 1;
                }
                let first = lines.is_empty();
                if cur.is_empty() && pending_gap.is_empty() {
                    if fits(w, avail(first)) {
                        cur.extend(i..j);
                        cur_w = w;
                    } else {
                        // A word longer than the line: cut it glyph by glyph.
                        let mut k = i;
                        while k < j {
                            let room = avail(lines.is_empty() && cur.is_empty());
                            let mut piece = Vec::new();
                            let mut pw = 0.0;
                            while k < j && (piece.is_empty() || pw + glyphs[k].adv <= room) {
                                pw += glyphs[k].adv;
                                piece.push(k);
                                k += 1;
                            }
                            if k < j {
                                lines.push((piece, LineEnd::Wrap));
                            } else {
                                cur = piece;
                                cur_w = pw;
                            }
                        }
                    }
                } else if fits(cur_w + pending_w + w, avail(first)) {
                    cur.append(&mut pending_gap);
                    cur.extend(i..j);
                    cur_w += pending_w + w;
                } else {
                    // The gap before the word ends this line (it hangs).
                    cur.append(&mut pending_gap);
                    lines.push((next_line(&mut cur), LineEnd::Wrap));
                    // Re-examine the word at the start of a fresh line.
                    pending_w = 0.0;
                    cur_w = 0.0;
                    continue;
                }
                pending_gap.clear();
                pending_w = 0.0;
                i = j;
            }
        }
    }
    if !cur.is_empty() || !pending_gap.is_empty() || lines.is_empty() {
        cur.append(&mut pending_gap);
        lines.push((cur, LineEnd::End));
    } else if let Some(last) = lines.last_mut() {
        last.1 = LineEnd::End;
    }
    lines
}

/// A word of a group: glyph range, width, and the gap (spaces) after it.
struct Word {
    start: usize,
    end: usize,
    width: f32,
    gap: Vec<usize>,
    gap_w: f32,
}

fn words_of(glyphs: &[G], idx: &[usize]) -> (Vec<usize>, Vec<Word>, Vec<usize>) {
    // Leading spaces (the author's), the words, trailing glyphs (a hard
    // break and the spaces before it).
    let mut lead = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut tail = Vec::new();
    let mut k = 0;
    while k < idx.len() && glyphs[idx[k]].kind == Kind::Space && words.is_empty() {
        lead.push(idx[k]);
        k += 1;
    }
    while k < idx.len() {
        let g = glyphs[idx[k]];
        match g.kind {
            Kind::Other => {
                let start = idx[k];
                let mut end = start;
                let mut w = 0.0;
                while k < idx.len() && glyphs[idx[k]].kind == Kind::Other {
                    end = idx[k] + 1;
                    w += glyphs[idx[k]].adv;
                    k += 1;
                }
                words.push(Word {
                    start,
                    end,
                    width: w,
                    gap: Vec::new(),
                    gap_w: 0.0,
                });
            }
            Kind::Space => {
                if let Some(w) = words.last_mut() {
                    w.gap.push(idx[k]);
                    w.gap_w += g.adv;
                }
                k += 1;
            }
            Kind::Break => {
                tail.push(idx[k]);
                k += 1;
            }
        }
    }
    (lead, words, tail)
}

/// Re-breaks the lines of one group (greedy lines between hard breaks)
/// into as many lines, balanced.
fn balance_group(glyphs: &[G], spans: &[Span], group: Vec<RawLine>, m: Measure) -> Vec<RawLine> {
    let n = group.len();
    if n < 2 {
        return group;
    }
    let end = group.last().map(|l| l.1).unwrap_or(LineEnd::End);
    let idx: Vec<usize> = group.iter().flat_map(|l| l.0.iter().copied()).collect();
    let (lead, words, tail) = words_of(glyphs, &idx);
    // A word cut because it is wider than the line cannot be balanced;
    // beyond a title's length balancing buys nothing and costs n·m².
    if words.iter().any(|w| w.width > m.width) || words.len() < n || words.len() > 400 {
        return group;
    }
    let text = |w: &Word| -> String {
        (w.start..w.end)
            .map(|k| {
                let g = glyphs[k];
                &spans[g.span as usize].text[g.start as usize..g.end as usize]
            })
            .collect()
    };
    let texts: Vec<String> = words.iter().map(text).collect();
    let lead_w: f32 = lead.iter().map(|&k| glyphs[k].adv).sum();
    // width[a][b]: words a..=b on one line.
    let m_words = words.len();
    // Prefix sums: `pre[k]` is words 0..k with the gaps after each.
    let mut pre = vec![0.0f32; m_words + 1];
    for (k, word) in words.iter().enumerate() {
        pre[k + 1] = pre[k] + word.width + word.gap_w;
    }
    let line_w = |a: usize, b: usize| -> f32 {
        let lead = if a == 0 { lead_w } else { 0.0 };
        lead + pre[b + 1] - pre[a] - words[b].gap_w
    };
    let avail = |line: usize| {
        if line == 0 {
            m.width - m.first_indent
        } else {
            m.width
        }
    };
    // best[l][b] = cheapest cost of putting words 0..=b on lines 0..=l,
    // line l ending at word b.
    const INF: f32 = f32::INFINITY;
    let mut best = vec![vec![INF; m_words]; n];
    let mut from = vec![vec![usize::MAX; m_words]; n];
    for (b, cost) in best[0].iter_mut().enumerate() {
        let w = line_w(0, b);
        if fits(w, avail(0)) {
            *cost = line_cost(w, avail(0)) + break_penalty(&texts, b);
        }
    }
    for l in 1..n {
        for b in l..m_words {
            // Longer lines as `a` goes down: stop at the first that overflows.
            for a in (l..=b).rev() {
                let w = line_w(a, b);
                if !fits(w, avail(l)) {
                    break;
                }
                let prev = best[l - 1][a - 1];
                if prev == INF {
                    continue;
                }
                let last = l + 1 == n;
                let mut c = prev + line_cost(w, avail(l));
                if !last {
                    c += break_penalty(&texts, b);
                } else {
                    c += last_line_penalty(b + 1 - a, w, avail(l));
                }
                if c < best[l][b] {
                    best[l][b] = c;
                    from[l][b] = a;
                }
            }
        }
    }
    if best[n - 1][m_words - 1] == INF {
        return group;
    }
    // Walk back the chosen starts.
    let mut starts = vec![0usize; n];
    let mut b = m_words - 1;
    for l in (1..n).rev() {
        let a = from[l][b];
        starts[l] = a;
        b = a - 1;
    }
    let mut out: Vec<RawLine> = Vec::with_capacity(n);
    for l in 0..n {
        let a = starts[l];
        let b = if l + 1 < n {
            starts[l + 1] - 1
        } else {
            m_words - 1
        };
        let mut line: Vec<usize> = Vec::new();
        if l == 0 {
            line.extend(&lead);
        }
        for word in &words[a..=b] {
            line.extend(word.start..word.end);
            // The gap after the last word of a line hangs at its end.
            line.extend(&word.gap);
        }
        if l + 1 == n {
            line.extend(&tail);
            out.push((line, end));
        } else {
            out.push((line, LineEnd::Wrap));
        }
    }
    out
}

/// Squared slack: lines of even length cost least.
fn line_cost(w: f32, avail: f32) -> f32 {
    let slack = (avail - w).max(0.0);
    slack * slack
}

/// A last line of one word is stranded; of two, still thin when short.
fn last_line_penalty(words: usize, w: f32, avail: f32) -> f32 {
    match words {
        1 => 40_000.0,
        2 if w < avail * 0.4 => 8_000.0,
        _ => 0.0,
    }
}

/// Words after which a break splits a unit: the label of a number
/// (`năm 2023`, `số 12`, `Điều 3`) or the first syllable of a compound.
const NO_BREAK_AFTER: &[&str] = &[
    "số", "ngày", "tháng", "năm", "quý", "điều", "khoản", "điểm", "mục", "chương", "phần", "về",
    "v/v", "ông", "bà", "đồng", "giai",
];

/// Words a phrase starts with: a break before them reads naturally.
const PHRASE_STARTS: &[&str] = &[
    "và",
    "của",
    "về",
    "cho",
    "tại",
    "trên",
    "theo",
    "đối",
    "trong",
    "thuộc",
    "để",
    "nhằm",
    "với",
    "đến",
    "từ",
    "giữa",
    "năm",
    "giai",
    "nhiệm",
    "trước",
    "sau",
    "khi",
    "do",
    "bằng",
    "qua",
    "vào",
    "phục",
    "thực",
    "giai đoạn",
];

/// Two-syllable words of administrative Vietnamese a break must not split.
const COMPOUNDS: &[(&str, &str)] = &[
    ("thẩm", "quyền"),
    ("ủy", "ban"),
    ("uỷ", "ban"),
    ("nhân", "dân"),
    ("hành", "chính"),
    ("công", "khai"),
    ("kết", "quả"),
    ("phục", "vụ"),
    ("doanh", "nghiệp"),
    ("người", "dân"),
    ("chỉ", "số"),
    ("quy", "định"),
    ("quyết", "định"),
    ("thông", "báo"),
    ("kế", "hoạch"),
    ("tổ", "chức"),
    ("cơ", "quan"),
    ("thực", "hiện"),
    ("triển", "khai"),
    ("công", "tác"),
    ("chính", "phủ"),
    ("thủ", "tướng"),
    ("nhà", "nước"),
    ("xã", "hội"),
    ("kinh", "tế"),
    ("văn", "bản"),
    ("hồ", "sơ"),
    ("thủ", "tục"),
    ("giải", "quyết"),
    ("quản", "lý"),
    ("an", "toàn"),
    ("tăng", "cường"),
    ("hướng", "dẫn"),
    ("báo", "cáo"),
    ("tờ", "trình"),
    ("công", "nghệ"),
    ("thông", "tin"),
    ("chuyển", "đổi"),
    ("cải", "cách"),
    ("dịch", "vụ"),
    ("trực", "tuyến"),
    ("đất", "đai"),
    ("môi", "trường"),
    ("tài", "nguyên"),
    ("giáo", "dục"),
    ("đào", "tạo"),
    ("y", "tế"),
    ("văn", "hóa"),
    ("thể", "thao"),
    ("du", "lịch"),
    ("nông", "nghiệp"),
    ("nông", "thôn"),
    ("xây", "dựng"),
    ("giao", "thông"),
    ("công", "thương"),
    ("nội", "vụ"),
    ("tư", "pháp"),
    ("tài", "chính"),
    ("ngân", "sách"),
    ("kiểm", "tra"),
    ("giám", "sát"),
    ("thanh", "tra"),
    ("đánh", "giá"),
    ("phê", "duyệt"),
    ("ban", "hành"),
    ("sửa", "đổi"),
    ("bổ", "sung"),
    ("thành", "lập"),
    ("bổ", "nhiệm"),
    ("khen", "thưởng"),
    ("kỷ", "luật"),
    ("cán", "bộ"),
    ("công", "chức"),
    ("viên", "chức"),
    ("lao", "động"),
    ("bảo", "hiểm"),
    ("phát", "triển"),
    ("bền", "vững"),
    ("nâng", "cao"),
    ("chất", "lượng"),
    ("hiệu", "quả"),
    ("năng", "lực"),
    ("trách", "nhiệm"),
    ("nhiệm", "vụ"),
    ("giải", "pháp"),
    ("chương", "trình"),
    ("dự", "án"),
    ("đề", "án"),
    ("phương", "án"),
    ("mục", "tiêu"),
    ("quốc", "gia"),
    ("địa", "phương"),
    ("địa", "bàn"),
    ("tiêu", "chí"),
    ("hóa", "chất"),
    ("vật", "liệu"),
    ("công", "nghiệp"),
    ("thương", "mại"),
    ("biên", "giới"),
    ("an", "ninh"),
    ("quốc", "phòng"),
    ("trật", "tự"),
    ("phòng", "cháy"),
    ("chữa", "cháy"),
    ("thiên", "tai"),
    ("ứng", "phó"),
    ("thời", "gian"),
    ("địa", "điểm"),
    ("hội", "nghị"),
    ("sơ", "kết"),
    ("tổng", "kết"),
    ("chủ", "tịch"),
    ("hội", "đồng"),
    ("thường", "trực"),
    ("văn", "phòng"),
    ("giấy", "chứng"),
    ("chứng", "nhận"),
    ("huấn", "luyện"),
    ("kỹ", "thuật"),
    ("vật", "tư"),
    ("tiền", "chất"),
    ("thuốc", "nổ"),
    ("sản", "xuất"),
    ("kinh", "doanh"),
    ("xuất", "khẩu"),
    ("nhập", "khẩu"),
    ("hỗ", "trợ"),
    ("đầu", "tư"),
    ("cụm", "công"),
];

fn key(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
        .to_lowercase()
}

/// The cost of a break after word `b` (between `b` and `b + 1`).
fn break_penalty(words: &[String], b: usize) -> f32 {
    let (this, next) = (&words[b], words.get(b + 1));
    let Some(next) = next else { return 0.0 };
    let (k, nk) = (key(this), key(next));
    let mut p = 0.0;
    if this.ends_with([',', ';', ':']) || this.ends_with(')') {
        p -= 2_500.0;
    }
    if PHRASE_STARTS.contains(&nk.as_str()) {
        p -= 1_500.0;
    }
    if NO_BREAK_AFTER.contains(&k.as_str()) {
        p += 6_000.0;
    }
    if COMPOUNDS.iter().any(|(a, b)| *a == k && *b == nk) {
        p += 5_000.0;
    }
    // A number and what it counts (`02 năm`, `15 xã`) read as one.
    if k.chars().all(|c| c.is_ascii_digit()) && !k.is_empty() {
        p += 1_000.0;
    }
    p
}

fn shape(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<G> {
    // At most a glyph per byte: one allocation instead of a dozen
    // doublings for a paragraph.
    let mut out = Vec::with_capacity(spans.iter().map(|s| s.text.len()).sum());
    for (si, s) in spans.iter().enumerate() {
        let face = fonts.face(s.face);
        let scale = size / face.units_per_em();
        for (b, c) in s.text.char_indices() {
            let kind = match c {
                ' ' | '\t' => Kind::Space,
                '\n' => Kind::Break,
                _ => Kind::Other,
            };
            let draw = if c == '\t' { ' ' } else { c };
            let id = face.glyph(draw).unwrap_or(0);
            let adv = if kind == Kind::Break {
                0.0
            } else {
                face.glyph_advance(id) as f32 * scale
            };
            out.push(G {
                span: si as u32,
                start: b as u32,
                end: (b + c.len_utf8()) as u32,
                draw,
                id,
                adv,
                kind,
            });
        }
    }
    out
}

/// Positions the glyphs of one line and groups them into runs.
fn place(
    spans: &[Span],
    glyphs: &[G],
    idx: &[usize],
    first: bool,
    stretch: bool,
    end: LineEnd,
    m: Measure,
) -> Line {
    let start = idx
        .first()
        .map(|&k| SpanPos {
            span: glyphs[k].span as usize,
            byte: glyphs[k].start as usize,
        })
        .unwrap_or_default();
    let indent = if first { m.first_indent } else { 0.0 };
    let avail = m.width - indent;
    // A hard break is not drawn; trailing spaces do not count (Word lets
    // them hang in the margin) and are not drawn either.
    let mut last = idx.len();
    while last > 0 && glyphs[idx[last - 1]].kind == Kind::Break {
        last -= 1;
    }
    while last > 1 && glyphs[idx[last - 1]].kind == Kind::Space {
        last -= 1;
    }
    let idx = &idx[..last];
    let natural: f32 = idx.iter().map(|&k| glyphs[k].adv).sum();
    // Spaces that sit between words (not leading ones) take the stretch.
    let first_word = idx
        .iter()
        .position(|&k| glyphs[k].kind == Kind::Other)
        .unwrap_or(idx.len());
    let stretchable = idx[first_word..]
        .iter()
        .filter(|&&k| glyphs[k].kind == Kind::Space)
        .count();
    let justify = stretch && m.align == Alignment::Justify && stretchable > 0 && natural < avail;
    let extra = if justify {
        (avail - natural) / stretchable as f32
    } else {
        0.0
    };
    let mut x = indent
        + match m.align {
            Alignment::Center => (avail - natural) / 2.0,
            Alignment::Right => (avail - natural).max(0.0),
            _ => 0.0,
        };
    // A run per stretch of one face: spans of the same look (a field and
    // the text around it) draw as one run.
    let mut runs: Vec<GlyphRun> = Vec::new();
    for (pos, &k) in idx.iter().enumerate() {
        let g = glyphs[k];
        let adv = if g.kind == Kind::Space && pos >= first_word {
            g.adv + extra
        } else {
            g.adv
        };
        let span = &spans[g.span as usize];
        let same = runs
            .last()
            .is_some_and(|r| r.face == span.face && r.underline == span.underline);
        if !same {
            // Most lines are one run: room for the rest of the line at
            // once rather than five doublings (Vietnamese letters are 1–3
            // bytes; the text may still grow, the glyphs never).
            let rest = idx.len() - pos;
            runs.push(GlyphRun {
                x,
                face: span.face,
                size: m.size,
                underline: span.underline,
                text: String::with_capacity(rest * 2),
                glyphs: Vec::with_capacity(rest),
            });
        }
        let run = runs.last_mut().expect("a run was pushed");
        let start = run.text.len() as u32;
        run.text.push(g.draw);
        run.glyphs.push(Glyph {
            id: g.id,
            advance: adv,
            start,
            end: run.text.len() as u32,
        });
        x += adv;
    }
    Line {
        runs,
        natural,
        justified: justify,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_fonts::FaceId;

    fn fonts() -> &'static Fonts {
        use std::sync::OnceLock;
        static F: OnceLock<Fonts> = OnceLock::new();
        F.get_or_init(Fonts::embedded)
    }

    const SEED: &str = "Chỉ thị số 15/CT-UBND ngày 13/10/2023 của UBND thành phố Hà Nội về việc tăng cường, tập trung xử lý các “điểm nghẽn” trong giải quyết thủ tục hành chính, tổng số điểm 57,38/100 điểm xếp hạng 15/18 xã (tính tại thời điểm 09h00 ngày 04/3/2025) theo văn bản 12/TB-UBND và https://dichvucong.gov.vn/ trên địa bàn xã./.";

    fn measure(width: f32) -> Measure {
        Measure {
            width,
            first_indent: 28.35,
            size: 14.0,
            align: Alignment::Justify,
        }
    }

    fn centred(width: f32) -> Measure {
        Measure {
            width,
            first_indent: 0.0,
            size: 14.0,
            align: Alignment::Center,
        }
    }

    #[test]
    fn justified_lines_fill_the_width_exactly() {
        for width in [439.4, 300.0, 180.0] {
            let lines = break_lines(fonts(), &[Span::new(FaceId::REGULAR, SEED)], measure(width));
            assert!(lines.len() > 2);
            for (i, l) in lines.iter().enumerate() {
                let last = i + 1 == lines.len();
                let start = l.runs[0].x;
                let end: f32 = l.runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max);
                if last {
                    assert!(!l.justified);
                    assert_eq!(l.end, LineEnd::End);
                    assert!(end <= width + 0.01);
                } else {
                    assert!(l.justified, "line {i} not justified");
                    assert_eq!(l.end, LineEnd::Wrap);
                    assert!(
                        (end - width).abs() < 0.1,
                        "line {i} ends at {end}, width {width}"
                    );
                }
                let indent = if i == 0 { 28.35 } else { 0.0 };
                assert!((start - indent).abs() < 1e-3);
            }
        }
    }

    #[test]
    fn breaks_only_at_spaces() {
        // From the width of the longest word (the URL) up: below it, cutting is the only way.
        for width in (175..440).step_by(7) {
            let lines = break_lines(
                fonts(),
                &[Span::new(FaceId::REGULAR, SEED)],
                measure(width as f32),
            );
            let words: Vec<String> = lines
                .iter()
                .flat_map(|l| {
                    l.text()
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(String::from)
                        .collect::<Vec<_>>()
                })
                .collect();
            let want: Vec<&str> = SEED.split(' ').collect();
            assert_eq!(words, want, "width {width}");
            for token in [
                "15/CT-UBND",
                "57,38/100",
                "xã./.",
                "09h00",
                "12/TB-UBND",
                "https://dichvucong.gov.vn/",
            ] {
                assert!(
                    lines.iter().any(|l| l.text().contains(token)),
                    "{token} split at width {width}"
                );
            }
        }
    }

    #[test]
    fn line_starts_point_into_the_spans() {
        let spans = [
            Span::new(FaceId::BOLD, "2. Công chức Tư pháp - Hộ tịch xã:"),
            Span::new(FaceId::REGULAR, " Tiếp tục triển khai việc thực hiện chứng thực bản sao điện tử, cấp bản sao từ sổ gốc."),
        ];
        let lines = break_lines(fonts(), &spans, measure(300.0));
        assert!(lines.len() >= 2);
        assert_eq!(lines[0].start, SpanPos { span: 0, byte: 0 });
        for l in &lines[1..] {
            let s = &spans[l.start.span].text[l.start.byte..];
            let first_word = l.text().split(' ').next().unwrap().to_string();
            assert!(s.starts_with(&first_word), "{s:?} vs {first_word:?}");
        }
    }

    #[test]
    fn word_longer_than_the_line_is_cut_not_lost() {
        let long = "x".repeat(5000);
        let lines = break_lines(
            fonts(),
            &[Span::new(FaceId::REGULAR, long.as_str())],
            measure(200.0),
        );
        assert!(lines.len() > 10);
        let joined: String = lines.iter().map(|l| l.text()).collect();
        assert_eq!(joined, long);
        for l in &lines {
            assert!(l.runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max) <= 200.01);
        }
    }

    #[test]
    fn hard_breaks_end_lines() {
        let m = Measure {
            width: 200.0,
            first_indent: 0.0,
            size: 13.0,
            align: Alignment::Center,
        };
        let lines = break_lines(
            fonts(),
            &[Span::new(FaceId::BOLD, "ỦY BAN NHÂN DÂN\nXÃ TIẾN THẮNG")],
            m,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].end, LineEnd::Hard);
        assert_eq!(lines[0].text(), "ỦY BAN NHÂN DÂN");
        assert_eq!(lines[1].start.byte, "ỦY BAN NHÂN DÂN\n".len());
        for l in &lines {
            let w: f32 = l.runs.iter().map(|r| r.width()).sum();
            assert!((l.runs[0].x + w / 2.0 - 100.0).abs() < 0.01);
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.text()).collect()
    }

    #[test]
    fn balanced_titles_strand_no_word() {
        // Greedy breaking leaves "2023" alone on the last line.
        let t =
            "Về việc tổ chức các hoạt động kỷ niệm ngày Quốc khánh và tổng kết công tác năm 2023";
        let spans = [Span::new(FaceId::BOLD, t)];
        let greedy = break_lines(fonts(), &spans, centred(440.0));
        let bal = balanced(fonts(), &spans, centred(440.0));
        assert_eq!(greedy.len(), bal.len());
        let last = bal.last().unwrap().text();
        assert!(last.split(' ').count() > 2, "{:?}", texts(&bal));
        assert!(!last.starts_with("2023"));
        // Lines of even length: no line under 60 % of the longest.
        let widest = bal.iter().map(|l| l.natural).fold(0.0, f32::max);
        for l in &bal {
            assert!(l.natural > 0.6 * widest, "{:?}", texts(&bal));
        }
        // Nothing lost, nothing reordered.
        assert_eq!(texts(&bal).join(" "), t);
    }

    #[test]
    fn balanced_breaks_keep_compounds_and_dates() {
        let t = "QUY ĐỊNH VỀ TRÌNH TỰ, THỦ TỤC VÀ THẨM QUYỀN GIẢI QUYẾT HỒ SƠ CỦA TỔ CHỨC, CÁ NHÂN";
        for width in (200..440).step_by(20) {
            let bal = balanced(
                fonts(),
                &[Span::new(FaceId::BOLD, t)],
                centred(width as f32),
            );
            for pair in bal.windows(2) {
                let a = pair[0].text();
                let b = pair[1].text();
                let (la, fb) = (
                    a.split(' ').next_back().unwrap(),
                    b.split(' ').next().unwrap(),
                );
                assert!(
                    !(la == "THẨM" && fb == "QUYỀN"),
                    "width {width}: {:?}",
                    texts(&bal)
                );
            }
            assert_eq!(texts(&bal).join(" "), t);
        }
    }

    #[test]
    fn balanced_keeps_hard_breaks() {
        let t = "Về việc công khai kết quả bộ chỉ số phục vụ người dân\nvà doanh nghiệp tháng 02 năm 2025";
        let bal = balanced(fonts(), &[Span::new(FaceId::BOLD, t)], centred(440.0));
        assert_eq!(
            texts(&bal),
            vec![
                "Về việc công khai kết quả bộ chỉ số phục vụ người dân",
                "và doanh nghiệp tháng 02 năm 2025"
            ]
        );
    }
}
