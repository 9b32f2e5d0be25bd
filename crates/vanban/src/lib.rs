//! vanban library facade (in progress).
