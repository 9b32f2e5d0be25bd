#!/usr/bin/env bash
# Builds the WebAssembly module and the page into web/dist/:
#   web/dist/vanban.js, vanban_bg.wasm (+ .d.ts): the library (crates/vanban-wasm)
#   web/dist/*: the page's sources, copied from web/src/ when it exists.
#
# Needs clang (libdeflate's C, built freestanding for wasm32), the
# wasm32-unknown-unknown target, and the wasm-bindgen CLI of exactly the
# version the crate pins (installed here with cargo when missing).
# Exits 3 with "SKIPPED: …" when that toolchain is not available, 1 on any
# other failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=web/dist
export CARGO_INCREMENTAL=0
# Its own target folder: no lock fights with the native builds.
target_dir=${VANBAN_WASM_TARGET_DIR:-$root/target/wasm}

skip() { echo "SKIPPED: $*" >&2; exit 3; }

command -v clang >/dev/null 2>&1 \
  || skip "clang is not installed (apt-get install clang); libdeflate's C needs it for wasm32"
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || skip "the wasm32-unknown-unknown target is not installed (rustup target add wasm32-unknown-unknown)"

version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crates/vanban-wasm/Cargo.toml)
[ -n "$version" ] || { echo "error: no pinned wasm-bindgen version in crates/vanban-wasm/Cargo.toml" >&2; exit 1; }
bindgen=$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")
if [ ! -x "$bindgen" ] || [ "$("$bindgen" --version)" != "wasm-bindgen $version" ]; then
  echo "installing wasm-bindgen-cli $version" >&2
  # --locked first; without it when the registry lacks a locked
  # dependency (here: webpki-roots 1.0.11 is missing from the mirror).
  cargo install wasm-bindgen-cli --version "=$version" --locked --quiet \
    || cargo install wasm-bindgen-cli --version "=$version" --quiet \
    || skip "cannot install wasm-bindgen-cli $version"
  bindgen=$HOME/.cargo/bin/wasm-bindgen
fi

# The C of libdeflate for wasm32: clang, and LLVM's archiver when the
# system has it under a versioned name (Debian: llvm-ar-14).
export CC_wasm32_unknown_unknown=${CC_wasm32_unknown_unknown:-clang}
if [ -z "${AR_wasm32_unknown_unknown:-}" ]; then
  for ar in llvm-ar $(compgen -c llvm-ar- | sort -rV); do
    if command -v "$ar" >/dev/null 2>&1; then export AR_wasm32_unknown_unknown=$ar; break; fi
  done
fi

CARGO_TARGET_DIR=$target_dir cargo build --profile wasm --target wasm32-unknown-unknown -p vanban-wasm
wasm=$target_dir/wasm32-unknown-unknown/wasm/vanban_wasm.wasm

mkdir -p "$dist"
"$bindgen" --target web --out-dir "$dist" --out-name vanban "$wasm"

if [ -d web/src ]; then
  cp -R web/src/. "$dist/"
fi
echo "$dist/vanban.js, $dist/vanban_bg.wasm ($(wc -c < "$dist/vanban_bg.wasm") bytes)"
