#!/usr/bin/env bash
# Measures the `vanban` process as a user runs it (issue 6's targets):
#   1. one notice, PDF + DOCX: wall time (median) and peak memory;
#   2. a batch of 1,000 notices (the 18 sample rows repeated): notices/second.
# Usage: scripts/bench-process.sh [RUNS]   (RUNS for the single notice, default 50)
# Set CARGO_TARGET_DIR to reuse a build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"

cargo build --release -p vanban-cli >&2
bin="${CARGO_TARGET_DIR:-target}/release/vanban"
seed=samples/thong-bao-tien-thang-2025-02.json
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo

echo "## one notice, PDF + DOCX ($seed)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$tmp/h.json" "$bin render $seed -o $tmp" | sed 's/^/  /'
  # The target is on the median, which hyperfine's summary does not show.
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("  median %.2f ms" % (r["median"]*1000))' "$tmp/h.json" 2>/dev/null || true
else
  # No hyperfine: time each run with the clock and take the median.
  for _ in 1 2 3 4 5; do "$bin" render "$seed" -o "$tmp" >/dev/null; done
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" render "$seed" -o "$tmp" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | sort -n | awk '{a[NR]=$1} END {printf "  wall time over %d runs: median %.2f ms, min %.2f ms, max %.2f ms\n", NR, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
fi

if [ ! -x /usr/bin/time ]; then
  (apt-get install -y -qq time >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq time >/dev/null 2>&1)) \
    || echo "  (GNU time could not be installed: no peak memory)"
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v -o "$tmp/time.txt" "$bin" render "$seed" -o "$tmp" >/dev/null
  peak=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt")
  echo "  peak memory (max RSS): $(awk -v k="$peak" 'BEGIN {printf "%.1f MB", k/1024}')"
fi
echo

echo "## batch of 1,000 notices, PDF + DOCX, all cores"
csv="$tmp/1000.csv"
head -1 samples/bo-chi-so-2025-02.csv > "$csv"
body="$(tail -n +2 samples/bo-chi-so-2025-02.csv)"
n=0
while [ "$n" -lt 1000 ]; do
  while IFS= read -r line && [ "$n" -lt 1000 ]; do
    echo "$line" >> "$csv"
    n=$((n + 1))
  done <<< "$body"
done
for rows in 250 1000; do
  head -$((rows + 1)) "$csv" > "$tmp/rows.csv"
  rm -rf "$tmp/out"
  t0=$(date +%s%N)
  "$bin" batch samples/bo-chi-so-2025-02.template.json "$tmp/rows.csv" -o "$tmp/out" --lang en 2>/dev/null | tail -1 | sed 's/^/  vanban: /'
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  echo "  $rows rows: process wall time $ms ms, $(awk -v n="$rows" -v ms="$ms" 'BEGIN {printf "%.0f", n * 1000 / ms}') notices/second"
done
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v -o "$tmp/time.txt" "$bin" batch samples/bo-chi-so-2025-02.template.json "$csv" -o "$tmp/out" >/dev/null 2>&1
  peak=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt")
  echo "  1000 rows: peak memory $(awk -v k="$peak" 'BEGIN {printf "%.1f MB", k/1024}')"
fi
