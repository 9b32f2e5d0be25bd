//! Line breaking and justification, as Word does it for Vietnamese text:
//! measure with the font's advance widths (no kerning), break greedily at
//! spaces only, stretch the spaces of every line but the last.
//!
//! Breaking at spaces only is what keeps `12/TB-UBND`, `57,38/100`, `./.`
//! and URLs whole (UAX #14 would allow breaks after `/` and `-`). A word
//! wider than the whole line is the one exception: it is cut where it must
//! be, so that nothing runs off the page.

use crate::frame::{Glyph, TextRun};
use vanban_core::Alignment;
use vanban_fonts::{FaceId, Fonts};

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub face: FaceId,
    pub underline: bool,
    pub text: String,
}

impl Span {
    pub fn new(face: FaceId, text: impl Into<String>) -> Span {
        Span {
            face,
            underline: false,
            text: text.into(),
        }
    }
}

/// The geometry of a paragraph's lines.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Width available to every line, in points.
    pub width: f32,
    /// Extra indent of the first line (it narrows the first line).
    pub first_indent: f32,
    pub size: f32,
    pub align: Alignment,
}

/// One line: runs positioned relative to the paragraph's left edge, on a
/// baseline at y = 0.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidLine {
    pub runs: Vec<TextRun>,
    /// Width of the text before stretching.
    pub natural: f32,
    /// Whether the spaces were stretched to fill the line.
    pub justified: bool,
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
    id: u16,
    adv: f32,
    kind: Kind,
}

/// Breaks spans into lines of at most `m.width` points.
pub fn break_lines(fonts: &Fonts, spans: &[Span], m: Measure) -> Vec<LaidLine> {
    let glyphs = shape(fonts, spans, m.size);
    // Each line is a list of glyph indices to draw, plus whether it ended
    // by a wrap (stretchable) or by the paragraph's end / a hard break.
    let mut lines: Vec<(Vec<usize>, bool)> = Vec::new();
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
    // A line fits only with a hair to spare: LibreOffice (and Word) sum
    // rounded advances, and refuse a line that our exact sum puts 0.01 pt
    // inside the measure (seen on the seed's căn cứ paragraph).
    let eps = -0.05;
    let mut i = 0;
    while i < glyphs.len() {
        match glyphs[i].kind {
            Kind::Space => {
                // Spaces typed at the very start of the paragraph are the
                // author's; spaces at the start of a wrapped line vanish.
                if cur.is_empty() && !lines.is_empty() {
                    i += 1;
                    continue;
                }
                pending_gap.push(i);
                pending_w += glyphs[i].adv;
                i += 1;
            }
            Kind::Break => {
                lines.push((std::mem::take(&mut cur), false));
                cur_w = 0.0;
                pending_gap.clear();
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
                    if w <= avail(first) + eps {
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
                                lines.push((piece, false));
                            } else {
                                cur = piece;
                                cur_w = pw;
                            }
                        }
                    }
                } else if cur_w + pending_w + w <= avail(first) + eps {
                    cur.append(&mut pending_gap);
                    cur.extend(i..j);
                    cur_w += pending_w + w;
                } else {
                    lines.push((std::mem::take(&mut cur), true));
                    pending_gap.clear();
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
        lines.push((cur, false));
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(li, (idx, wrapped))| place(spans, &glyphs, &idx, li == 0, wrapped && li + 1 < n, m))
        .collect()
}

fn shape(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<G> {
    let mut out = Vec::new();
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
    m: Measure,
) -> LaidLine {
    let indent = if first { m.first_indent } else { 0.0 };
    let avail = m.width - indent;
    // Trailing spaces do not count (Word lets them hang in the margin).
    let mut last = idx.len();
    while last > 0 && glyphs[idx[last - 1]].kind == Kind::Space && last > 1 {
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
            Alignment::Center => ((avail - natural) / 2.0).max(0.0),
            Alignment::Right => (avail - natural).max(0.0),
            _ => 0.0,
        };
    let mut runs: Vec<TextRun> = Vec::new();
    let mut cur_span = u32::MAX;
    for (pos, &k) in idx.iter().enumerate() {
        let g = glyphs[k];
        let adv = if g.kind == Kind::Space && pos >= first_word {
            g.adv + extra
        } else {
            g.adv
        };
        let span = &spans[g.span as usize];
        let ch = &span.text[g.start as usize..g.end as usize];
        if g.span != cur_span || runs.is_empty() {
            runs.push(TextRun {
                x,
                y: 0.0,
                face: span.face,
                size: m.size,
                underline: span.underline,
                text: String::new(),
                glyphs: Vec::new(),
            });
            cur_span = g.span;
        }
        let run = runs.last_mut().expect("a run was pushed");
        let start = run.text.len() as u32;
        run.text.push_str(if ch == "\t" { " " } else { ch });
        run.glyphs.push(Glyph {
            id: g.id,
            advance: adv,
            start,
            end: run.text.len() as u32,
        });
        x += adv;
    }
    LaidLine {
        runs,
        natural,
        justified: justify,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        use std::sync::OnceLock;
        static F: OnceLock<Fonts> = OnceLock::new();
        F.get_or_init(Fonts::embedded)
    }

    fn text_of(l: &LaidLine) -> String {
        l.runs.iter().map(|r| r.text.as_str()).collect()
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
                    assert!(end <= width + 0.01);
                } else {
                    assert!(l.justified, "line {i} not justified");
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
                    text_of(l)
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
                    lines.iter().any(|l| text_of(l).contains(token)),
                    "{token} split at width {width}"
                );
            }
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
        let joined: String = lines.iter().map(text_of).collect();
        assert_eq!(joined, long);
        for l in &lines {
            assert!(l.runs.iter().map(|r| r.x + r.width()).fold(0.0, f32::max) <= 200.01);
        }
    }

    #[test]
    fn bold_run_in_heading_keeps_faces() {
        let spans = [
            Span::new(FaceId::BOLD, "2. Công chức Tư pháp - Hộ tịch xã:"),
            Span::new(
                FaceId::REGULAR,
                " Tiếp tục triển khai việc thực hiện chứng thực bản sao điện tử.",
            ),
        ];
        let lines = break_lines(fonts(), &spans, measure(439.4));
        assert_eq!(lines[0].runs[0].face, FaceId::BOLD);
        assert_eq!(lines[0].runs[0].text, "2. Công chức Tư pháp - Hộ tịch xã:");
        assert_eq!(lines[0].runs[1].face, FaceId::REGULAR);
    }

    #[test]
    fn centred_and_hard_breaks() {
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
        for l in &lines {
            let w: f32 = l.runs.iter().map(|r| r.width()).sum();
            assert!((l.runs[0].x + w / 2.0 - 100.0).abs() < 0.01);
        }
    }
}
