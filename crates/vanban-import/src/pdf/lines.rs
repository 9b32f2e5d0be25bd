//! Glyphs into text lines: same baseline, in reading order, split where a
//! horizontal gap is wide enough to separate the two blocks of a header or
//! a closing row.

use super::extract::{Glyph, Page};

const PT_MM: f32 = 25.4 / 72.0;

/// A line of text (a segment of one baseline), in mm from the top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: usize,
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size of most characters, pt.
    pub size: f32,
    pub sizes: Vec<f32>,
    pub bold: bool,
    pub italic: bool,
    pub fonts: Vec<String>,
    pub annotation: bool,
}

impl Line {
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// Builds the lines of a page; `gap_mm` splits segments of one baseline.
pub fn lines(page: &Page, number: usize, gap_mm: f32) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().filter(|g| g.size >= 4.0).collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Rows: glyphs whose baselines are within 0.25 of a size of each other.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(r) if (r[0].y - g.y).abs() <= 0.25 * g.size.max(r[0].size) => r.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Blank glyphs under a stamped one (a number written by signing
        // software over the draft's spaces) would cut the stamp in pieces.
        let inked: Vec<(f32, f32)> = row
            .iter()
            .filter(|g| g.annotation && !g.text.trim().is_empty())
            .map(|g| (g.x, g.x + g.width))
            .collect();
        row.retain(|g| {
            !g.text.trim().is_empty()
                || g.annotation
                || !inked
                    .iter()
                    .any(|(a, b)| g.x < *b - 0.1 && g.x + g.width > *a + 0.1)
        });
        let mut seg: Vec<&Glyph> = Vec::new();
        let mut flush = |seg: &mut Vec<&Glyph>| {
            if seg.iter().all(|g| g.text.trim().is_empty()) {
                seg.clear();
                return;
            }
            let mut text = String::new();
            let mut prev_end: Option<f32> = None;
            for g in seg.iter() {
                if let Some(e) = prev_end {
                    if g.x - e > 0.2 * g.size && !text.ends_with(' ') && !g.text.starts_with(' ') {
                        text.push(' ');
                    }
                }
                text.push_str(&g.text);
                prev_end = Some(g.x + g.width * g.size / g.size.max(0.01));
            }
            let visible: Vec<&&Glyph> = seg.iter().filter(|g| !g.text.trim().is_empty()).collect();
            let mut count: Vec<(f32, usize)> = Vec::new();
            for g in &visible {
                match count.iter_mut().find(|(s, _)| (*s - g.size).abs() < 0.05) {
                    Some(c) => c.1 += 1,
                    None => count.push((g.size, 1)),
                }
            }
            let size = count.iter().max_by_key(|c| c.1).map(|c| c.0).unwrap_or(0.0);
            let mut sizes: Vec<f32> = count.iter().map(|c| (c.0 * 2.0).round() / 2.0).collect();
            sizes.sort_by(|a, b| a.total_cmp(b));
            sizes.dedup();
            let mut fonts: Vec<String> = visible.iter().map(|g| g.font.clone()).collect();
            fonts.sort();
            fonts.dedup();
            let first = visible.first().expect("visible");
            let last = visible.last().expect("visible");
            out.push(Line {
                page: number,
                text: text.trim_end().to_string(),
                x0: first.x * PT_MM,
                x1: (last.x + last.width) * PT_MM,
                y: first.y * PT_MM,
                size: (size * 2.0).round() / 2.0,
                sizes,
                // Most of the line's letters decide: a stamped digit in
                // another face does not make a date upright.
                bold: visible.iter().filter(|g| g.bold).count() * 2 > visible.len(),
                italic: visible.iter().filter(|g| g.italic).count() * 2 > visible.len(),
                fonts,
                annotation: visible.iter().all(|g| g.annotation),
            });
            seg.clear();
        };
        // Blank glyphs do not bridge a gap: two cells of a table row are
        // two segments even when the left one is padded with spaces.
        let mut inked_end: Option<f32> = None;
        for g in row {
            let blank = g.text.trim().is_empty();
            if blank {
                if !seg.is_empty() {
                    seg.push(g);
                }
                continue;
            }
            if inked_end.is_some_and(|e| (g.x - e) * PT_MM > gap_mm) {
                while seg.last().is_some_and(|l| l.text.trim().is_empty()) {
                    seg.pop();
                }
                flush(&mut seg);
            }
            seg.push(g);
            inked_end = Some(g.x + g.width);
        }
        flush(&mut seg);
    }
    out
}
