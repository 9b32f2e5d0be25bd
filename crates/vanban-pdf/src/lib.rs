//! PDF back end (in progress).
