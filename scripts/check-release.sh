#!/usr/bin/env bash
# The binary handed to users (scripts/build-release.sh: static musl with
# jemalloc and our own memcpy on x86-64 Linux) makes the same files as the
# binary the tests ran: every sample rendered by both, compared byte for
# byte, and a document with an error refused by both with the same
# messages and exit code.
# Usage: scripts/check-release.sh [TESTED_BINARY]
#   TESTED_BINARY defaults to target/debug/vanban (built by `cargo test`).
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
tested="${1:-$target_dir/debug/vanban}"
[ -x "$tested" ] || cargo build -q -p vanban-cli
release="$(scripts/build-release.sh | tail -1)"
echo "release binary: $release ($(file -b "$release" 2>/dev/null | cut -d, -f1-2 || echo "?"))"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tested" "$tmp/release"

n=0
for f in samples/*.json samples/*.txt; do
  [ -e "$f" ] || continue
  case "$f" in *.template.json) continue ;; esac
  a=0; b=0
  "$tested" render "$f" -o "$tmp/tested" -q >/dev/null 2>&1 || a=$?
  "$release" render "$f" -o "$tmp/release" -q >/dev/null 2>&1 || b=$?
  if [ "$a" != "$b" ]; then
    echo "FAIL: $f: exit $a (tested) against $b (release)"; exit 1
  fi
  n=$((n + 1))
done
files=0
for x in "$tmp/tested"/*; do
  if ! cmp -s "$x" "$tmp/release/$(basename "$x")"; then
    echo "FAIL: $(basename "$x") differs between the tested and the release binary"; exit 1
  fi
  files=$((files + 1))
done
[ "$files" -gt 0 ] && [ "$(ls "$tmp/release" | wc -l)" = "$files" ] \
  || { echo "FAIL: $files files from the tested binary, $(ls "$tmp/release" | wc -l) from the release one"; exit 1; }

# A document with an error: nothing written, the same messages.
sed 's/"name": "Đỗ Văn Hạ"/"name": ""/' samples/thong-bao-tien-thang-2025-02.json > "$tmp/bad.json"
a=0; b=0
"$tested" render "$tmp/bad.json" -o "$tmp/bad-t" --lang en > "$tmp/t.txt" 2>&1 || a=$?
"$release" render "$tmp/bad.json" -o "$tmp/bad-r" --lang en > "$tmp/r.txt" 2>&1 || b=$?
if [ "$a" != 1 ] || [ "$b" != 1 ] || ! cmp -s "$tmp/t.txt" "$tmp/r.txt" \
  || [ -n "$(ls -A "$tmp/bad-r" 2>/dev/null)" ] || ! grep -q "signature.name" "$tmp/r.txt"; then
  echo "FAIL: the document with an error: exit $a / $b"; diff "$tmp/t.txt" "$tmp/r.txt" || true; exit 1
fi
echo "release binary: $n inputs, $files files identical to the tested binary's; errors refused alike"
