#!/usr/bin/env bash
# Measures the `vanban` process as a user runs it:
#   1. one notice, PDF + DOCX, against `typst compile` of the same notice
#      (../shared/peers/notice.typ), whole process, outputs on a RAM disk:
#      medians of paired rounds and their ratio (issue 13: vanban ≥ 10×
#      faster);
#   2. peak memory of that render;
#   3. a batch of 1,000 notices (the 18 sample rows repeated): notices/second.
# Usage: scripts/bench-process.sh [ROUNDS] [RUNS]
#   ROUNDS paired rounds (default 5) of RUNS runs of each command (default 10).
# Environment: CARGO_TARGET_DIR (reuse a build folder); TYPST (a typst
#   binary to use); NO_TYPST_INSTALL=1 (do not `cargo install typst-cli`
#   when typst is missing: the comparison is then skipped); PEERS (the
#   folder of notice.typ, default ../shared/peers).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
runs="${2:-10}"

# The binary as it is handed to users (static, not position-independent
# on x86-64 Linux: scripts/build-release.sh says why).
bin="$(scripts/build-release.sh | tail -1)"
seed=samples/thong-bao-tien-thang-2025-02.json
peers="${PEERS:-../shared/peers}"
# Outputs on a RAM disk: the file system's flushes are not what we measure.
ram=/dev/shm
[ -d "$ram" ] && [ -w "$ram" ] || ram="${TMPDIR:-/tmp}"
tmp="$(mktemp -d "$ram/vanban-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "binary: $bin ($(file -b "$bin" 2>/dev/null | cut -d, -f1-2,5 || echo "?"))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min); outputs in $ram"
echo

find_typst() {
  if [ -n "${TYPST:-}" ] && [ -x "$TYPST" ]; then echo "$TYPST"; return; fi
  command -v typst 2>/dev/null && return
  [ -x "$HOME/.cargo/bin/typst" ] && { echo "$HOME/.cargo/bin/typst"; return; }
  return 1
}
typst="$(find_typst || true)"
if [ -z "$typst" ] && [ "${NO_TYPST_INSTALL:-0}" != 1 ] && command -v cargo >/dev/null; then
  echo "typst is not installed: cargo install typst-cli --locked (about an hour on 2 cores)…" >&2
  nice -n 19 cargo install typst-cli --locked >&2 || echo "  (typst-cli could not be installed)" >&2
  typst="$(find_typst || true)"
fi

median() { sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.2f", (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "## one notice, whole process: vanban render (PDF + DOCX) vs typst compile (PDF)"
vanban_cmd="$bin render $seed -o $tmp/out"
mkdir -p "$tmp/out"
if [ -n "$typst" ] && [ -f "$peers/notice.typ" ]; then
  typst_cmd="$typst compile --font-path fonts $peers/notice.typ $tmp/notice.pdf"
  echo "  typst: $("$typst" --version)"
else
  typst_cmd=""
  echo "  typst comparison SKIPPED: $([ -z "$typst" ] && echo "no typst binary (set TYPST, or allow the install)" || echo "no $peers/notice.typ")"
fi
if ! command -v hyperfine >/dev/null 2>&1; then
  echo "  hyperfine is not installed (apt-get install hyperfine): no process timings"
else
  : > "$tmp/v.txt"; : > "$tmp/t.txt"; : > "$tmp/r.txt"
  for r in $(seq "$rounds"); do
    # One round: both commands back to back, so that each pair sees the
    # same load; the ratio is taken per round and over all runs.
    if [ -n "$typst_cmd" ]; then
      hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/h.json" "$vanban_cmd" "$typst_cmd" >/dev/null 2>&1
    else
      hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/h.json" "$vanban_cmd" >/dev/null 2>&1
    fi
    python3 - "$tmp" <<'PY'
import json, statistics, sys
d = sys.argv[1]
res = json.load(open(d + "/h.json"))["results"]
open(d + "/v.txt", "a").write("".join("%f\n" % (t * 1000) for t in res[0]["times"]))
if len(res) > 1:
    open(d + "/t.txt", "a").write("".join("%f\n" % (t * 1000) for t in res[1]["times"]))
    open(d + "/r.txt", "a").write("%f\n" % (statistics.median(res[1]["times"]) / statistics.median(res[0]["times"])))
PY
  done
  n=$(wc -l < "$tmp/v.txt")
  echo "  vanban render, PDF + DOCX: median $(median < "$tmp/v.txt") ms over $n runs"
  if [ -s "$tmp/t.txt" ]; then
    echo "  typst compile, PDF:        median $(median < "$tmp/t.txt") ms over $(wc -l < "$tmp/t.txt") runs"
    ratio=$(awk -v t="$(median < "$tmp/t.txt")" -v v="$(median < "$tmp/v.txt")" 'BEGIN {printf "%.1f", t / v}')
    echo "  ratio of the medians: vanban is ${ratio}× faster (median of the $rounds per-round ratios: $(median < "$tmp/r.txt")×; target ≥ 10×)"
  fi
  echo "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [ ! -x /usr/bin/time ]; then
  (apt-get install -y -qq time >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq time >/dev/null 2>&1)) \
    || echo "  (GNU time could not be installed: no peak memory)"
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v -o "$tmp/time.txt" "$bin" render "$seed" -o "$tmp/out" -q >/dev/null
  peak=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt")
  echo "  peak memory of vanban render (max RSS): $(awk -v k="$peak" 'BEGIN {printf "%.1f MB", k/1024}')"
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
  rm -rf "$tmp/batch"
  t0=$(date +%s%N)
  "$bin" batch samples/bo-chi-so-2025-02.template.json "$tmp/rows.csv" -o "$tmp/batch" --lang en 2>/dev/null | tail -1 | sed 's/^/  vanban: /'
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  echo "  $rows rows: process wall time $ms ms, $(awk -v n="$rows" -v ms="$ms" 'BEGIN {printf "%.0f", n * 1000 / ms}') notices/second"
done
if [ -x /usr/bin/time ]; then
  rm -rf "$tmp/batch"
  /usr/bin/time -v -o "$tmp/time.txt" "$bin" batch samples/bo-chi-so-2025-02.template.json "$csv" -o "$tmp/batch" >/dev/null 2>&1
  peak=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt")
  echo "  1000 rows: peak memory $(awk -v k="$peak" 'BEGIN {printf "%.1f MB", k/1024}')"
fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
