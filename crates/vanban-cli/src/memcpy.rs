//! A `memcpy` for the static musl binary (scripts/build-release.sh).
//!
//! musl's x86-64 `memcpy` starts `rep movsq` whatever the size, and most
//! of the copies a render makes are a few bytes (a string pushed onto an
//! XML or PDF buffer, a small struct moved). Measured on the seed notice,
//! PDF + DOCX, whole process: musl's copy was a tenth of the samples and
//! the process took 3.2 ms; with this one 2.8 ms, against 3.1 ms for the
//! static glibc binary (docs/benchmarks.md, "third session").
//!
//! Sizes up to 32 bytes are copied with two overlapping loads and stores
//! (every load before any store, so a forward `memmove` is safe too);
//! larger ones with `rep movsb`, which is fast on every x86-64 with ERMS.
//! There is no loop that the compiler could turn back into a call to
//! `memcpy` itself.

/// Copies `n` bytes from `src` to `dst`, front to back.
///
/// # Safety
/// As `memcpy`: both ranges valid for `n` bytes; they may overlap only if
/// `dst <= src` (what musl's `memmove` hands to `__memcpy_fwd`).
// Built (and tested) on every x86-64 target, used only by the musl binary.
#[cfg_attr(not(target_env = "musl"), allow(dead_code))]
pub unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) {
    unsafe {
        if n <= 16 {
            if n >= 8 {
                let a = (src as *const u64).read_unaligned();
                let b = (src.add(n - 8) as *const u64).read_unaligned();
                (dst as *mut u64).write_unaligned(a);
                (dst.add(n - 8) as *mut u64).write_unaligned(b);
            } else if n >= 4 {
                let a = (src as *const u32).read_unaligned();
                let b = (src.add(n - 4) as *const u32).read_unaligned();
                (dst as *mut u32).write_unaligned(a);
                (dst.add(n - 4) as *mut u32).write_unaligned(b);
            } else if n > 0 {
                let (a, b, c) = (*src, *src.add(n / 2), *src.add(n - 1));
                *dst = a;
                *dst.add(n / 2) = b;
                *dst.add(n - 1) = c;
            }
        } else if n <= 32 {
            let a = (src as *const u128).read_unaligned();
            let b = (src.add(n - 16) as *const u128).read_unaligned();
            (dst as *mut u128).write_unaligned(a);
            (dst.add(n - 16) as *mut u128).write_unaligned(b);
        } else {
            core::arch::asm!(
                "rep movsb",
                inout("rcx") n => _,
                inout("rdi") dst => _,
                inout("rsi") src => _,
                options(nostack, preserves_flags)
            );
        }
    }
}

/// Replaces musl's `memcpy` (static linking takes the program's own
/// definition first).
///
/// # Safety
/// As C's `memcpy`.
#[cfg(all(target_env = "musl", target_arch = "x86_64"))]
#[no_mangle]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    unsafe { copy_forward(dst, src, n) };
    dst
}

/// musl's `memmove` jumps here for copies that may run front to back; it
/// lives in the same object file as musl's `memcpy`, so it must be
/// replaced with it.
///
/// # Safety
/// As C's `memcpy`, with `dst <= src` allowed to overlap.
#[cfg(all(target_env = "musl", target_arch = "x86_64"))]
#[no_mangle]
pub unsafe extern "C" fn __memcpy_fwd(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    unsafe { copy_forward(dst, src, n) };
    dst
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::copy_forward;

    fn pattern(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + 3) as u8).collect()
    }

    #[test]
    fn copies_every_size_at_every_alignment() {
        let src = pattern(700);
        for n in 0..=600 {
            for (so, d_off) in [(0, 0), (1, 3), (7, 5), (3, 8), (15, 1)] {
                let mut dst = vec![0xAAu8; 700];
                unsafe { copy_forward(dst.as_mut_ptr().add(d_off), src.as_ptr().add(so), n) };
                assert_eq!(&dst[d_off..d_off + n], &src[so..so + n], "n={n}");
                // Nothing outside the range is touched.
                assert!(dst[..d_off].iter().all(|&b| b == 0xAA), "n={n}");
                assert!(dst[d_off + n..].iter().all(|&b| b == 0xAA), "n={n}");
            }
        }
    }

    #[test]
    fn overlapping_forward_moves_are_memmoves() {
        for n in 0..=300 {
            for gap in [1, 2, 5, 8, 16, 31, 33] {
                let mut buf = pattern(400);
                let want: Vec<u8> = buf[gap..gap + n].to_vec();
                unsafe { copy_forward(buf.as_mut_ptr(), buf.as_ptr().add(gap), n) };
                assert_eq!(&buf[..n], &want[..], "n={n} gap={gap}");
            }
        }
    }
}
