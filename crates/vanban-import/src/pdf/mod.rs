//! Reading a PDF with a text layer: positioned lines and rules, the
//! Decree 30 components found among them, and their measurements.

pub(crate) mod audit;
pub mod extract;
pub mod lines;
