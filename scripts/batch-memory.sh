#!/usr/bin/env bash
# Peak memory of `vanban batch` against the number of rows (issue 10: it
# must stay flat — 10,000 rows within 1.5× of 100 rows). The 18 sample rows
# are repeated to each size; PDF + DOCX, every core; peak RSS from
# /usr/bin/time -v (getrusage's ru_maxrss of the process).
# Usage: scripts/batch-memory.sh [SIZES…]   (default: 100 1000 10000)
# Set CARGO_TARGET_DIR to reuse a build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100 1000 10000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})

cargo build --release -p vanban-cli >&2
bin="${CARGO_TARGET_DIR:-target}/release/vanban"
template=samples/bo-chi-so-2025-02.template.json
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%8s %12s %10s %12s\n' rows "peak RSS" seconds "notices/s"
for n in "${sizes[@]}"; do
  data="$tmp/data-$n.csv"
  head -1 samples/bo-chi-so-2025-02.csv > "$data"
  tail -n +2 samples/bo-chi-so-2025-02.csv > "$tmp/rows"
  while [ "$(($(wc -l < "$data") - 1))" -lt "$n" ]; do cat "$tmp/rows" >> "$data"; done
  head -n "$((n + 1))" "$data" > "$data.cut" && mv "$data.cut" "$data"
  rm -rf "$tmp/out"
  /usr/bin/time -v "$bin" batch "$template" "$data" -o "$tmp/out" -q 2> "$tmp/time" >/dev/null
  kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$tmp/time")
  secs=$(python3 -c 'import sys; p=sys.argv[1].split(":"); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))' "$wall")
  files=$(find "$tmp/out" -name '*.pdf' | wc -l)
  [ "$files" -eq "$n" ] || { echo "only $files of $n PDFs written" >&2; exit 1; }
  printf '%8d %9.1f MB %10.2f %12.0f\n' "$n" "$(echo "$kb / 1024" | bc -l)" "$secs" "$(echo "$n / $secs" | bc -l)"
done
