//! Running out of memory and panics end the process with a short message,
//! never an abort in the middle of printing a backtrace (which allocates,
//! and under a memory limit deadlocked the process).

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;

/// mimalloc keeps freed memory for reuse: every PDF stream's compressor
/// allocates and zeroes ~300 KB, which glibc's allocator maps and unmaps
/// each time (page faults were a quarter of a render), and a batch's worker
/// threads no longer leave hundreds of MB in glibc arenas. Around it, a
/// failed allocation exits with a message instead of aborting.
pub struct Guarded;

static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
