#!/usr/bin/env bash
# Builds the `vanban` binary to hand to users: on x86-64 Linux, statically
# linked and not position-independent, so that starting it needs no dynamic
# loader, no shared libraries and no relocations. Measured on the seed
# notice, PDF + DOCX (docs/benchmarks.md, "static binary"): 6.6–7.3 ms per
# process against 8.0–8.5 ms for `cargo build --release`'s dynamic PIE,
# and `vanban --version` 2.0 ms against 3.1 ms. The output is the same,
# byte for byte.
#
# The flags need an explicit --target: without it, RUSTFLAGS would apply
# to the proc-macro crates too, which cannot be linked statically.
# Elsewhere (another OS or architecture) this is the plain release build.
# Prints the binary's path on its last line.
# Usage: scripts/build-release.sh [extra cargo arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; then
  triple=x86_64-unknown-linux-gnu
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static -C relocation-model=static" \
    cargo build --release -p vanban-cli --target "$triple" "$@" >&2
  echo "$target_dir/$triple/release/vanban"
else
  cargo build --release -p vanban-cli "$@" >&2
  echo "$target_dir/release/vanban"
fi
