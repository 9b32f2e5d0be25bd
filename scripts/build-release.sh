#!/usr/bin/env bash
# Builds the `vanban` binary to hand to users: on x86-64 Linux, statically
# linked against musl and not position-independent, so that starting it
# needs no dynamic loader, no shared libraries and no relocations.
#
# Why musl and not glibc (docs/benchmarks.md, "third session"): a static
# glibc binary spends about 0.4 ms before `main` on this kind of virtual
# machine asking the CPU for its cache sizes (`cpuid`, each a trap to the
# hypervisor, a hundred times); musl asks nothing. With jemalloc and our
# own small-copy `memcpy` (crates/vanban-cli/src/memcpy.rs) the seed
# notice, PDF + DOCX, takes 2.8 ms per process against 3.1 ms for the
# static glibc binary and 3.5 ms for `cargo build --release`'s dynamic
# one. The output is the same, byte for byte.
#
# The musl target is added with rustup, and C code for it (libdeflate,
# jemalloc) is built with musl-gcc (Debian's musl-tools), installed here
# when apt-get can. Without either, the binary is the static glibc one
# (VANBAN_LIBC=gnu asks for it); elsewhere (another OS or architecture),
# the plain release build.
#
# The flags need an explicit --target: without it, RUSTFLAGS would apply
# to the proc-macro crates too, which cannot be linked statically.
# Prints the binary's path on its last line.
# Usage: scripts/build-release.sh [extra cargo arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
static="-C target-feature=+crt-static -C relocation-model=static"

musl_ready() {
  [ "${VANBAN_LIBC:-musl}" = musl ] || return 1
  rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl \
    || rustup target add x86_64-unknown-linux-musl >&2 || return 1
  command -v musl-gcc >/dev/null \
    || { command -v apt-get >/dev/null && apt-get install -y -qq musl-tools >&2; } \
    || return 1
  command -v musl-gcc >/dev/null
}

if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then
  if musl_ready; then
    triple=x86_64-unknown-linux-musl
  else
    echo "(building against glibc: the musl target or musl-gcc is missing)" >&2
    triple=x86_64-unknown-linux-gnu
  fi
  RUSTFLAGS="${RUSTFLAGS:-} $static" \
    cargo build --release -p vanban-cli --target "$triple" "$@" >&2
  echo "$target_dir/$triple/release/vanban"
else
  cargo build --release -p vanban-cli "$@" >&2
  echo "$target_dir/release/vanban"
fi
