#!/usr/bin/env bash
# Reading and aggregating a large search log: faqlint vs DuckDB vs Python, same CSV, same run.
#
#   bash benches/aggregate.sh          # from the crate root
#
# What it does:
#   1. generates, if absent, a BENCH_ROWS-row (default 10,000,000) events CSV
#      (timestamp,query,nb_hits,clicked_entry,locale; Zipf-like FR/EN queries with spelling
#      variants, a long tail and some fake personal data) with benches/gen_searches.py into
#      benches/out/aggregate/ (git-ignored);
#   2. installs, if absent, the duckdb CLI (PyPI package `duckdb-cli`, which ships the
#      `duckdb` binary) into the venv $FAQLINT_BENCH_VENV (default ~/.cache/faqlint-bench-venv);
#   3. builds faqlint in release mode;
#   4. reads the file once (page cache warm), then measures wall time and peak RSS with
#      /usr/bin/time, BENCH_RUNS runs each (default 3, interleaved in rotating order;
#      Python once):
#        faqlint   `faqlint debug aggregate --searches F`: reads, redacts, normalises and
#                  aggregates (count, zero-result, no-click, latest nb_hits, clicks per entry)
#        duckdb    GROUP BY locale, query: count and zero-result count (no normalisation),
#                  written to a CSV
#        duckdb+   faqlint's warehouse SQL (src/analytics/sql/aggregate.duckdb.sql)
#        python    csv.reader + collections.Counter over (locale, query), zero-result too
#   5. prints a Markdown table (min and median wall time, max peak RSS) and saves it to
#      benches/out/aggregate/results.md.
# Timing is never asserted: this is a benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out/aggregate
ROWS=${BENCH_ROWS:-10000000}
RUNS=${BENCH_RUNS:-3}
VENV=${FAQLINT_BENCH_VENV:-$HOME/.cache/faqlint-bench-venv}
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }

CSV=$OUT/events-$ROWS.csv
if [[ ! -s $CSV ]]; then
  log "generating $ROWS rows into $CSV"
  python3 benches/gen_searches.py --rows "$ROWS" --out "$CSV.tmp" && mv "$CSV.tmp" "$CSV"
fi
DUCKDB=$VENV/bin/duckdb
if [[ ! -x $DUCKDB ]]; then
  log "installing the duckdb CLI (PyPI duckdb-cli) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check duckdb-cli
fi
log "building faqlint (release)"
cargo build --release --locked --quiet
FAQLINT=${CARGO_TARGET_DIR:-$ROOT/target}/release/faqlint

cat > "$OUT/counter.py" <<'PY'
"""Plain Python: csv.reader + Counter over (locale, query), zero-result searches too."""
import collections
import csv
import sys

count = collections.Counter()
zero = collections.Counter()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    for _ts, query, hits, _clicked, locale in rows:
        count[(locale, query)] += 1
        if hits == "0":
            zero[(locale, query)] += 1
print(len(count), sum(count.values()), sum(zero.values()))
PY
GROUP_BY="COPY (SELECT locale, query, count(*) AS count, count(*) FILTER (WHERE nb_hits = 0) AS zero_result
  FROM read_csv('$CSV', header = true) GROUP BY locale, query) TO '$OUT/duckdb.csv' (HEADER);"
FULL_SQL="CREATE VIEW events AS SELECT * FROM read_csv('$CSV', header = true,
  types = {'nb_hits': 'BIGINT', 'clicked_entry': 'VARCHAR', 'locale': 'VARCHAR'});
COPY ($(grep -v '^--' src/analytics/sql/aggregate.duckdb.sql)) TO '$OUT/duckdb-full.csv' (HEADER);"

log "warming the page cache"
cat "$CSV" > /dev/null

# measure NAME CMD...: appends one "wall rss_kib" line to $OUT/NAME.times
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
  cat "$OUT/time.txt" >> "$OUT/$name.times"
  log "$name: $(cat "$OUT/time.txt") (s KiB)"
}

# Runs are interleaved (faqlint, duckdb, duckdb+, then duckdb, duckdb+, faqlint, …): on a
# shared, noisy machine a slow minute then weighs on every tool alike, and the ratio stays
# fair. The order rotates from one round to the next, so that each tool runs as often right
# after each other one: on this VM a run right after duckdb+ (which frees 1.2 GB) pays
# more for its first touches of memory (seen: faqlint 1.85 s there, 1.55 s elsewhere).
for name in faqlint duckdb duckdb-full python; do : > "$OUT/$name.times"; done
run_tool() {
  case $1 in
    faqlint) measure faqlint "$FAQLINT" debug aggregate --searches "$CSV" --top 3 ;;
    duckdb) measure duckdb "$DUCKDB" -c "$GROUP_BY" ;;
    duckdb-full) measure duckdb-full "$DUCKDB" -c "$FULL_SQL" ;;
  esac
}
TOOLS=(faqlint duckdb duckdb-full)
for ((i = 0; i < RUNS; i++)); do
  for ((k = 0; k < ${#TOOLS[@]}; k++)); do
    run_tool "${TOOLS[(i + k) % ${#TOOLS[@]}]}"
  done
done
measure python "$VENV/bin/python" "$OUT/counter.py" "$CSV"

row() {
  python3 - "$OUT/$1.times" "$2" <<'PY'
import statistics, sys
runs = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
walls = sorted(w for w, _ in runs)
rss = max(r for _, r in runs) / 1024
print(f"| {sys.argv[2]} | {len(runs)} | {walls[0]:.2f} s | {statistics.median(walls):.2f} s | {rss:.0f} MiB |")
PY
}
{
  echo "Reading and aggregating $ROWS search events ($(du -hL "$CSV" | cut -f1) CSV), $(nproc) cores, $(date -u +%Y-%m-%d)"
  echo
  echo "| tool | runs | wall (min) | wall (median) | peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  row faqlint "faqlint debug aggregate (redact + normalise + aggregate)"
  row duckdb "duckdb $("$DUCKDB" --version | cut -d' ' -f1) GROUP BY locale, query"
  row duckdb-full "duckdb, faqlint's warehouse SQL (aggregate.duckdb.sql)"
  row python "python csv + Counter"
  echo
  echo "faqlint summary:"
  sed 's/^/    /' "$OUT/faqlint.out"
  echo "python: $(cat "$OUT/python.out") (distinct, searches, zero-result)"
} | tee "$OUT/results.md"
