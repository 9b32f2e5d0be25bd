//! The composer: builds paragraphs (spans → lines, with the role's
//! metrics) and collects the flow of one section.

use crate::flow::{Block, Indent, LineMetrics, Para, Rule, Span};
use crate::lines::{balanced, break_lines, Measure};
use vanban_core::{Assets, Document, Profile, Role, Run, Style, Text, Tw};
use vanban_fonts::{FaceId, Fonts};

/// How a paragraph's lines are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaking {
    /// Greedily, as Word wraps: the DOCX lets Word do it.
    Wrap,
    /// Balanced lines (titles): the breaks are written into the DOCX.
    Balanced,
}

/// A paragraph before its lines are made.
#[derive(Debug, Clone)]
pub struct ParaSpec {
    /// The component, which gives the paragraph its named style.
    pub role: Role,
    /// The style it is set in (the role's, as a form changed it).
    pub style: Style,
    /// Indents from the column's edges.
    pub indent: Indent,
    /// Space before the paragraph (twips).
    pub space_before: Tw,
    /// Space after the paragraph (twips).
    pub space_after: Tw,
    /// Keep on the page of the block that follows.
    pub keep_with_next: bool,
    /// Never split the lines across pages.
    pub keep_together: bool,
    /// Width of the column the lines are broken to (twips).
    pub column: Tw,
    /// The text, in runs of one face each.
    pub spans: Vec<Span>,
    /// Greedy or balanced line breaking.
    pub breaking: Breaking,
}

impl ParaSpec {
    /// Sets the space before (twips).
    pub fn space_before(mut self, tw: Tw) -> Self {
        self.space_before = tw;
        self
    }
    /// Keeps the paragraph with the block that follows.
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    /// Keeps the paragraph's lines on one page.
    pub fn keep_together(mut self) -> Self {
        self.keep_together = true;
        self
    }
    /// Breaks the lines into balanced lines, written into the DOCX as breaks.
    pub fn balanced(mut self) -> Self {
        self.breaking = Breaking::Balanced;
        self
    }
    /// Sets the indents.
    pub fn indent(mut self, indent: Indent) -> Self {
        self.indent = indent;
        self
    }
    /// Changes the style (alignment, weight, spacing) for this paragraph only.
    pub fn style(mut self, f: impl FnOnce(&mut Style)) -> Self {
        f(&mut self.style);
        self
    }
}

/// The face of a run set in a style: the style's weight and slant, or the
/// run's own.
pub fn face(style: &Style, bold: bool, italic: bool) -> FaceId {
    FaceId::new(bold || style.bold, italic || style.italic)
}

/// The spans of a model text in a style.
pub fn spans_of(text: &Text, style: &Style) -> Vec<Span> {
    text.runs.iter().map(|r| span_of(r, style)).collect()
}

/// The span of one model run in a style: the run's bold, italic and
/// underline added to the style's.
pub fn span_of(r: &Run, style: &Style) -> Span {
    Span {
        text: r.text.clone(),
        face: face(style, r.bold, r.italic),
        underline: r.underline,
        field: None,
        run_in: false,
    }
}

/// A plain span in the style's own face.
pub fn plain(style: &Style, text: impl Into<String>) -> Span {
    Span::new(face(style, false, false), text)
}

/// A bold span (run-in headings, `Điều 1.`).
pub fn bold(style: &Style, text: impl Into<String>) -> Span {
    Span {
        run_in: true,
        ..Span::new(face(style, true, false), text)
    }
}

/// Builds the flow of one section.
pub struct Composer<'a> {
    /// The document being composed.
    pub doc: &'a Document,
    /// The sizes and spacing to compose with.
    pub profile: &'a Profile,
    /// The faces the lines are measured with.
    pub fonts: &'a Fonts,
    /// The images the document names (signature, seal).
    pub assets: &'a Assets,
    /// The flow composed so far.
    pub blocks: Vec<Block>,
    /// The space the next block gets before it instead of its own (after
    /// the title block, the gap to the body).
    pub next_space: Option<Tw>,
    /// The width the section's text runs across.
    pub text_width: Tw,
}

impl<'a> Composer<'a> {
    /// A composer for a section whose text is `text_width` wide.
    pub fn new(
        doc: &'a Document,
        profile: &'a Profile,
        fonts: &'a Fonts,
        assets: &'a Assets,
        text_width: Tw,
    ) -> Self {
        Composer {
            doc,
            profile,
            fonts,
            assets,
            blocks: Vec::new(),
            next_space: None,
            text_width,
        }
    }

    /// The profile's style for a role.
    pub fn style(&self, role: Role) -> Style {
        self.profile.style(role)
    }

    /// A paragraph of a role across `column`, with the role's own indents
    /// and spacing.
    pub fn spec(&self, role: Role, spans: Vec<Span>, column: Tw) -> ParaSpec {
        let style = self.style(role);
        ParaSpec {
            role,
            style,
            indent: Indent {
                left: Tw(0),
                right: Tw(0),
                first: style.first_line_indent,
            },
            space_before: style.space_before,
            space_after: style.space_after,
            keep_with_next: style.keep_with_next,
            keep_together: false,
            column,
            spans,
            breaking: Breaking::Wrap,
        }
    }

    /// A paragraph of one plain string in the role's style.
    pub fn plain_spec(&self, role: Role, text: &str, column: Tw) -> ParaSpec {
        let style = self.style(role);
        self.spec(role, vec![plain(&style, text)], column)
    }

    /// A body-width paragraph of model text.
    pub fn text_spec(&self, role: Role, text: &Text) -> ParaSpec {
        let style = self.style(role);
        self.spec(role, spans_of(text, &style), self.text_width)
    }

    /// Line metrics of a style: Word's "auto" spacing, a multiple of the
    /// face's single line.
    pub fn metrics(&self, style: &Style) -> LineMetrics {
        let size = style.size.pt();
        let face = self.fonts.face(FaceId::REGULAR);
        LineMetrics {
            pitch: face.line_height(size) * style.line as f32 / 240.0,
            baseline: face.baseline_offset(size),
        }
    }

    /// Breaks the paragraph into lines.
    pub fn build(&self, s: ParaSpec) -> Para {
        let width = (s.column - s.indent.left - s.indent.right).pt().max(1.0);
        let m = Measure {
            width,
            first_indent: s.indent.first.pt(),
            size: s.style.size.pt(),
            align: s.style.align,
        };
        let mut lines = match s.breaking {
            Breaking::Wrap => break_lines(self.fonts, &s.spans, m),
            Breaking::Balanced => balanced(self.fonts, &s.spans, m),
        };
        // Runs are placed from the column's left edge.
        let left = s.indent.left.pt();
        if left != 0.0 {
            for r in lines.iter_mut().flat_map(|l| l.runs.iter_mut()) {
                r.x += left;
            }
        }
        let explicit_breaks = s.breaking == Breaking::Balanced && lines.len() > 1;
        Para {
            role: s.role,
            metrics: self.metrics(&s.style),
            style: s.style,
            indent: s.indent,
            space_before: s.space_before,
            space_after: s.space_after,
            keep_with_next: s.keep_with_next,
            keep_together: s.keep_together,
            column: s.column,
            spans: s.spans,
            lines,
            explicit_breaks,
            rule: None,
            images: Vec::new(),
            signing_space: None,
        }
    }

    /// Appends a block; a pending space replaces the block's own.
    pub fn push(&mut self, mut b: Block) {
        if let Some(space) = self.next_space.take() {
            match &mut b {
                Block::Para(p) => p.space_before = space,
                Block::Row(r) => r.space_before = space,
                Block::Table(t) => t.space_before = space,
            }
        }
        self.blocks.push(b);
    }

    /// Breaks a paragraph into lines and appends it to the flow.
    pub fn push_para(&mut self, s: ParaSpec) {
        let p = self.build(s);
        self.push(Block::Para(p));
    }

    /// The widest line of paragraphs, in points (for rule lengths).
    pub fn widest(paras: &[&Para]) -> f32 {
        paras
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.natural))
            .fold(0.0, f32::max)
    }

    /// A short rule (1/3–1/2 of the text above) under a paragraph.
    pub fn short_rule(&self, widest_pt: f32) -> Rule {
        Rule {
            length: self.profile.short_rule(Tw::from_pt(widest_pt)),
            thickness: self.profile.rule_width,
            drop: self.profile.rule_drop,
        }
    }

    /// A rule exactly as long as the text above (the motto's).
    pub fn full_rule(&self, widest_pt: f32) -> Rule {
        Rule {
            length: Tw::from_pt(widest_pt),
            thickness: self.profile.rule_width,
            drop: self.profile.rule_drop,
        }
    }

    /// Extra space before each of two first lines so that their baselines
    /// meet: the line with the smaller baseline offset gets the difference.
    pub fn level(&self, a: &Style, b: &Style) -> (Tw, Tw) {
        let (ba, bb) = (
            Tw::from_pt(self.metrics(a).baseline),
            Tw::from_pt(self.metrics(b).baseline),
        );
        if ba < bb {
            (bb - ba, Tw(0))
        } else {
            (Tw(0), ba - bb)
        }
    }
}
