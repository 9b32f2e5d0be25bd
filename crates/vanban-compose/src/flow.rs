//! The output of composition: one flow of styled, line-broken items per
//! section, plain data that both back ends consume.
//!
//! Everything a page depends on is decided here — literal texts, spacing,
//! keep rules, column widths, rule lengths, image boxes, fields and the
//! line breaks of every paragraph. The PDF layout only stacks these items
//! on pages; the DOCX writer only translates them into Word's constructs.
//!
//! Lengths that Word stores as integers (indents, spacing, widths) are
//! [`Tw`]; positions inside a laid-out line are points (`f32`), as the
//! font metrics give them.

use vanban_core::{Role, Style, Tw};
use vanban_fonts::FaceId;

/// A composed document: the main text and its annexes, each a section
/// with its own page geometry and page numbering.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// The main document first, then each annex set in the same file.
    pub sections: Vec<Section>,
}

impl Composition {
    /// Every paragraph of every section in reading order, cells included.
    pub fn paras(&self) -> impl Iterator<Item = &Para> {
        self.sections.iter().flat_map(|s| s.paras())
    }
}

/// Page geometry of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSetup {
    /// Page width (twips; A4 is 210 mm).
    pub width: Tw,
    /// Page height (twips; A4 is 297 mm).
    pub height: Tw,
    /// Top margin (twips).
    pub margin_top: Tw,
    /// Bottom margin (twips).
    pub margin_bottom: Tw,
    /// Left margin (twips).
    pub margin_left: Tw,
    /// Right margin (twips).
    pub margin_right: Tw,
    /// From the top edge to the page-number line.
    pub header_distance: Tw,
    /// The page is turned sideways (a wide annex table); width and height are
    /// already swapped.
    pub landscape: bool,
}

impl PageSetup {
    /// Width between the left and right margins.
    pub fn text_width(&self) -> Tw {
        self.width - self.margin_left - self.margin_right
    }
    /// Height between the top and bottom margins.
    pub fn text_height(&self) -> Tw {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// A run of pages: the main document, or one annex. Page numbers restart
/// at 1 in each section and are shown from page 2 on.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Page size and margins.
    pub page: PageSetup,
    /// The page number's paragraph style (the number itself is a field).
    pub page_number: Para,
    /// Whether the section's first page shows its number (the main text's
    /// never does; an annex's is a profile choice).
    pub number_first_page: bool,
    /// Ô 13: lines at the bottom of the section's first page, under a
    /// full-width rule.
    pub first_page_footer: Option<Footer>,
    /// The flow of the section, top to bottom.
    pub blocks: Vec<Block>,
}

impl Section {
    /// Every paragraph of the section in reading order, cells included.
    pub fn paras(&self) -> impl Iterator<Item = &Para> {
        self.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &Para>> {
                match b {
                    Block::Para(p) => Box::new(std::iter::once(p)),
                    Block::Row(r) => Box::new(r.cells.iter().flatten()),
                    Block::Table(t) => Box::new(t.rows.iter().flatten()),
                }
            })
    }
}

/// Ô 13, the body's address and contacts at the bottom of page 1, inside
/// the text area: its last line ends at the bottom margin (a DOCX
/// first-page footer whose distance from the edge is the bottom margin),
/// and the body stops above its rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Footer {
    /// The rule above the first line, across the text width.
    pub rule: Rule,
    /// The lines of ô 13, each a paragraph.
    pub paras: Vec<Para>,
}

/// One item of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph spanning the text width (less its indents).
    Para(Para),
    /// Borderless cells side by side: the header's rows, the nơi nhận and
    /// signature block, two signers. Never split across pages, unless
    /// taller than a page: then the PDF's paginator splits it between
    /// lines, each cell going on at the top of the next page, as Word
    /// splits a row it cannot keep whole.
    Row(Row),
    /// A table with single-line borders, split between rows (a row taller
    /// than a page between its lines), its header rows repeated on every
    /// page.
    Table(Table),
}

/// Which blank of a draft a span is: Word gets a content control that the
/// văn thư (or `vanban issue`) fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The number of `Số:` (ô 3).
    So,
    /// The date of issue (ô 4).
    NgayBanHanh,
}

impl Field {
    /// The content control's tag, for tools that fill the blank.
    pub fn tag(self) -> &'static str {
        match self {
            Field::So => "so",
            Field::NgayBanHanh => "ngay_ban_hanh",
        }
    }
    /// The content control's title, shown by Word.
    pub fn alias(self) -> &'static str {
        match self {
            Field::So => "Số",
            Field::NgayBanHanh => "Ngày ban hành",
        }
    }
}

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The characters (NFC).
    pub text: String,
    /// Weight and slant.
    pub face: FaceId,
    /// Underlined (a run of the model written `__…__`).
    pub underline: bool,
    /// The draft blank this span stands for, if any.
    pub field: Option<Field>,
    /// A bold run-in heading (`1.`, `Điều 1.`, an item's heading): the
    /// DOCX sets it in a character style, so that a văn thư can restyle
    /// every run-in heading at once.
    pub run_in: bool,
}

impl Span {
    /// A plain span in a face.
    pub fn new(face: FaceId, text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            face,
            underline: false,
            field: None,
            run_in: false,
        }
    }
}

/// One glyph of a laid-out line: its id in the face and the advance the
/// line gave it (a justified space is wider than the font's own space).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in points.
    pub advance: f32,
    /// Byte range of the character in the run's text.
    pub start: u32,
    /// End of the byte range of the character in the run's text.
    pub end: u32,
}

/// Glyphs of one face on one line, positioned from the left edge of the
/// paragraph's column (its left indent included).
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Left edge of the first glyph, from the column's left edge.
    pub x: f32,
    /// Weight and slant.
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Underlined.
    pub underline: bool,
    /// The characters as in the model (NFC): the text layer.
    pub text: String,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

impl GlyphRun {
    /// Width of the run in points (the sum of its advances).
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Where a line starts in the paragraph's spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct SpanPos {
    /// Index of the span.
    pub span: usize,
    /// Byte offset in that span's text.
    pub byte: usize,
}

/// How a line ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// The text went on past the measure (or a balanced break was chosen).
    Wrap,
    /// A line break in the text (`\n`, an author's line).
    Hard,
    /// The paragraph's end.
    End,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Runs of one face each, left to right.
    pub runs: Vec<GlyphRun>,
    /// Width of the text before stretching, trailing spaces excluded.
    pub natural: f32,
    /// Whether the spaces were stretched to fill the line.
    pub justified: bool,
    /// Where the line starts (a wrapped line's leading spaces belong to
    /// the line before).
    pub start: SpanPos,
    /// Why the line ends here.
    pub end: LineEnd,
}

impl Line {
    /// The characters of the line as drawn.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Vertical metrics of a paragraph's lines, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineMetrics {
    /// Distance between baselines (the line box's height).
    pub pitch: f32,
    /// From the top of a line box to its baseline.
    pub baseline: f32,
}

/// A horizontal rule under a paragraph's last line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Length of the rule (twips).
    pub length: Tw,
    /// Thickness of the line (twips).
    pub thickness: Tw,
    /// From the last line's baseline down to the rule.
    pub drop: Tw,
}

/// A picture anchored to a paragraph (signature, seal).
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The reference in the document (`signature.seal_image`'s value).
    pub reference: String,
    /// What it is, for the DOCX shape's name (`Chữ ký`, `Dấu`).
    pub name: &'static str,
    /// From the left edge of the paragraph's column.
    pub x: Tw,
    /// From the top of the paragraph, its space before included.
    pub y: Tw,
    /// Width of the picture (twips).
    pub width: Tw,
    /// Height of the picture (twips).
    pub height: Tw,
    /// Behind the text (the signature) or in front (the seal over it).
    pub behind: bool,
}

/// Paragraph indents, from the edges of the column the paragraph sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Indent {
    /// From the column's left edge (twips).
    pub left: Tw,
    /// From the column's right edge (twips).
    pub right: Tw,
    /// First line, relative to `left`; negative for a hanging indent.
    pub first: Tw,
}

/// A paragraph, its lines decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The component: the DOCX's named style.
    pub role: Role,
    /// The style the paragraph is set in: the role's, with the changes a
    /// form makes (alignment, weight, spacing).
    pub style: Style,
    /// Indents from the column's edges.
    pub indent: Indent,
    /// Space before the paragraph (twips).
    pub space_before: Tw,
    /// Space after the paragraph (twips).
    pub space_after: Tw,
    /// Stays on the page of the block that follows.
    pub keep_with_next: bool,
    /// The lines are never split across pages.
    pub keep_together: bool,
    /// Width of the column the paragraph is laid out in (the text width,
    /// or a cell's width).
    pub column: Tw,
    /// The text, in runs of one face each.
    pub spans: Vec<Span>,
    /// The lines as broken: the PDF draws them; Word, measuring alike, wraps
    /// the DOCX at the same places (or at `explicit_breaks`).
    pub lines: Vec<Line>,
    /// The line breaks are part of the paragraph (balanced titles, lines
    /// the author fixed): the DOCX writes them as line breaks. Otherwise
    /// Word wraps the text itself, at the same places.
    pub explicit_breaks: bool,
    /// Line pitch and baseline of every line.
    pub metrics: LineMetrics,
    /// A rule under the last line (under the issuing body or the trích yếu).
    pub rule: Option<Rule>,
    /// Pictures anchored to the paragraph (the signature and the seal).
    pub images: Vec<Image>,
    /// The paragraph's space before is a signer's signing space, named
    /// (`ChuKy` for the principal signer): the PDF can put an empty
    /// signature field there.
    pub signing_space: Option<String>,
}

impl Para {
    /// Height of the lines (space before and after excluded), in points.
    pub fn lines_height(&self) -> f32 {
        self.lines.len() as f32 * self.metrics.pitch
    }
    /// The paragraph's text as the spans hold it.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Borderless cells side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Left edge of the row from the left margin (negative: into it, as
    /// the Government's model tables are shifted).
    pub shift: Tw,
    /// Width of each cell (twips).
    pub columns: Vec<Tw>,
    /// The cells, left to right, each a column of paragraphs.
    pub cells: Vec<Vec<Para>>,
    /// Space between the block above and the row.
    pub space_before: Tw,
    /// The row stays on the page of the block that follows it.
    pub keep_with_next: bool,
    /// The row stays on the page of the block before it (the closing
    /// block takes the last lines of the body along).
    pub keep_with_previous: bool,
}

impl Row {
    /// Height of a cell in points: its paragraphs with their spacing.
    pub fn cell_height(cell: &[Para]) -> f32 {
        cell.iter()
            .map(|p| p.space_before.pt() + p.lines_height() + p.space_after.pt())
            .sum()
    }
    /// Height of the row in points (the tallest cell).
    pub fn height(&self) -> f32 {
        self.cells
            .iter()
            .map(|c| Row::cell_height(c))
            .fold(0.0, f32::max)
    }
}

/// A bordered table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Width of each column (twips).
    pub columns: Vec<Tw>,
    /// The first `header_rows` rows repeat at the top of every page.
    pub header_rows: usize,
    /// Rows of cells; each cell holds one paragraph.
    pub rows: Vec<Vec<Para>>,
    /// Left and right padding inside the cells.
    pub padding: Tw,
    /// Border thickness.
    pub border: Tw,
    /// Space between the block above and the table (twips).
    pub space_before: Tw,
    /// The table's first row stays with the block before it.
    pub keep_with_previous: bool,
}
