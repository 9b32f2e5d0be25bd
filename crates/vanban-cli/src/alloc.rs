//! Running out of memory and panics end the process with a short message,
//! never an abort in the middle of printing a backtrace (which allocates,
//! and under a memory limit deadlocked the process).

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;

/// The allocator, with a failed allocation ending the process with a
/// message instead of an abort: glibc's malloc where the binary is built
/// against glibc, jemalloc in the static musl binary of
/// scripts/build-release.sh (musl's own malloc returns memory to the
/// system eagerly: 1.9 ms of system time per seed render against 0.4 ms;
/// ripgrep ships its musl binaries with jemalloc for the same reason).
///
/// mimalloc was used until the writers kept their compressors: each PDF
/// stream used to allocate and zero ~300 KB that glibc mapped and unmapped
/// each time. Now that they are kept per thread, glibc is the faster one
/// for what the command does (measured on the seed notice, PDF + DOCX,
/// whole process: 8.3 ms against 9.4–9.9 ms): mimalloc's heap is marked
/// for transparent huge pages, and the first touch of each 2 MB page cost
/// a fifth of the process zeroing it (on musl too: 1.3 ms of system time).
/// A batch of 1,000 notices peaks at 10 MB with glibc against 30 MB, flat
/// in the number of rows with both (docs/benchmarks.md).
pub struct Guarded;

#[cfg(not(target_env = "musl"))]
static INNER: std::alloc::System = std::alloc::System;
#[cfg(target_env = "musl")]
static INNER: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc(layout) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { INNER.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory();
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { INNER.dealloc(ptr, layout) }
    }
}

/// Prints a fixed message and ends the process at once. Nothing here may
/// allocate: the temporary files being written are left for the next run
/// to clean (see `vanban::output::clean_stale_temp_files`).
#[cold]
fn out_of_memory() -> ! {
    const MSG: &str = "lỗi: không đủ bộ nhớ để làm tiếp (văn bản, ảnh hoặc dữ liệu quá lớn cho máy này); không tệp nào bị ghi dở\nerror: out of memory (the document, an image or the data is too large for this machine); no file was left half-written\n";
    let _ = std::io::stderr().write_all(MSG.as_bytes());
    // `_exit`: no atexit handlers, no flushing of buffers, which could
    // allocate again.
    #[cfg(unix)]
    unsafe {
        libc::_exit(crate::EXIT_IO as i32)
    }
    #[cfg(not(unix))]
    std::process::abort()
}

/// A panic is a bug: one line saying so, with where it happened, and no
/// backtrace unless RUST_BACKTRACE asks for one.
pub fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "lỗi nội bộ của vanban (xin báo lỗi) / internal error of vanban (please report it): {info}"
        );
    }));
}
