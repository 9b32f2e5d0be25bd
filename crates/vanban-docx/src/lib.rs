//! DOCX back end (in progress).
