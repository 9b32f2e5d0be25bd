#!/usr/bin/env bash
# Regenerates docs/sample-page1.png, the picture of page 1 of the sample
# notice shown in the README. Needs pdftoppm (Debian: poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --release -p vanban-cli -- render samples/thong-bao-tien-thang-2025-02.json --pdf "$tmp/sample.pdf" 2>/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/sample.pdf" docs/sample-page1
echo "wrote docs/sample-page1.png"
