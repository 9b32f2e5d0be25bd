//! Bounds on what vanban reads, decodes and reports, so that a hostile or
//! mistaken input (a device, a pipe that never ends, a 50000 × 50000 px
//! image, 20,000 sibling items) ends in a clear message instead of
//! exhausting memory or the screen.
//!
//! Every bound has a default fit for real administrative documents with a
//! wide margin; an embedder changes one field at a time:
//!
//! ```
//! let mut limits = vanban_core::Limits::default();
//! limits.image_pixels = 4_000_000;           // a kiosk with little memory
//! assert_eq!(limits.document_bytes, 16 * 1024 * 1024);
//! ```

/// The bounds. `Limits::default()` is what the `vanban` command uses; the
/// README's "Limits and guarantees" lists the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest document (JSON) read, in bytes: 16 MiB. The seed notice is
    /// 6 KB; a 10,000-paragraph document about 1.3 MB.
    pub document_bytes: u64,
    /// Largest data file of a batch (CSV or JSON array), in bytes: 1 GiB.
    /// Rows are streamed, so memory does not grow with this.
    pub data_bytes: u64,
    /// Largest image file (signature, seal), in bytes: 20 MiB.
    pub image_bytes: u64,
    /// Largest image, in pixels (width × height), read from the PNG header
    /// before anything is decoded: 25 million (5000 × 5000; a 300 dpi scan
    /// of a whole A4 page is 8.7 million). Decoding takes 4 bytes a pixel.
    pub image_pixels: u64,
    /// Largest font file given with `--fonts`, in bytes: 64 MiB.
    pub font_bytes: u64,
    /// Deepest nesting of JSON arrays and objects: 128, serde_json's own
    /// bound, which a lower value tightens (an item nested 40 deep needs
    /// about 122; Decree 30 documents use four or five levels).
    pub depth: usize,
    /// Most diagnostics of one rule reported for one document: 20; the
    /// rest are summarised in one line ("… and 19,998 more").
    pub diagnostics_per_rule: usize,
    /// Longest value quoted in a message, in characters: 80; a longer one
    /// is cut in the middle and says how long it was.
    pub quoted_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            document_bytes: 16 * 1024 * 1024,
            data_bytes: 1024 * 1024 * 1024,
            image_bytes: 20 * 1024 * 1024,
            image_pixels: 25_000_000,
            font_bytes: 64 * 1024 * 1024,
            depth: 128,
            diagnostics_per_rule: 20,
            quoted_chars: 80,
        }
    }
}

/// A byte count for people: `16 MB`, `512 KB`, `900 byte`.
pub fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB && n.is_multiple_of(MB) {
        format!("{} MB", n / MB)
    } else if n >= MB {
        format!("{:.1} MB", n as f64 / MB as f64)
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} byte")
    }
}

/// A count with thousands separators, as each language writes them:
/// `19.998` in Vietnamese, `19,998` in English.
pub fn grouped(n: usize, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(human_bytes(16 * 1024 * 1024), "16 MB");
        assert_eq!(human_bytes(1536 * 1024), "1.5 MB");
        assert_eq!(human_bytes(2048), "2 KB");
        assert_eq!(grouped(19_998, ','), "19,998");
        assert_eq!(grouped(1_000_000, '.'), "1.000.000");
        assert_eq!(grouped(999, ','), "999");
    }
}
