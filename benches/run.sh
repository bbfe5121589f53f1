#!/usr/bin/env bash
# Speed benchmark of `faqlint check` against its peers, on the same files.
#
#   bash benches/run.sh            # from the crate root; ../shared must be beside the crate
#
# What it does, in one run:
#   1. builds the release binary (`cargo build --release --locked`);
#   2. generates, if absent, a 10k- and a 100k-entry knowledge repo under benches/out/
#      with `../shared/tools/kb-from-dataset --dataset jhu --scale N` (git-ignored);
#   3. installs the peers if absent: markdownlint-cli2 (npm, into benches/out/node),
#      python-frontmatter (PyPI, into the venv benches/out/venv), ripgrep (apt, else cargo);
#   4. measures, after one warm-up run each (the page cache cannot be dropped here):
#        faqlint check --format json > /dev/null     10k and 100k, 5 runs
#        faqlint check (human output) > /dev/null    10k and 100k, 5 runs
#        rg --count-matches '^title:' (reading floor) 10k and 100k, 5 runs
#        python-frontmatter parse of every .md       10k and 100k, 3 runs
#        markdownlint-cli2 "**/*.md"                  10k only (~30 s a run), 2 runs
#      wall time (min/median) and peak RSS with /usr/bin/time, files/s from the median;
#   5. prints a Markdown table and the issue's target ratios, and saves them to
#      benches/out/results.md.
#
# Environment: FAQLINT_SHARED (default ../shared), BENCH_RUNS (fast tools, default 5),
# BENCH_SLOW_RUNS (python-frontmatter, default 3), BENCH_MDL_RUNS (markdownlint-cli2,
# default 2), BENCH_SIZES (default "10000 100000"), BENCH_SKIP_PEERS=1 to time faqlint and rg only.
# Timing is never asserted: this is a benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out
SHARED=${FAQLINT_SHARED:-$ROOT/../shared}
GEN=$SHARED/tools/kb-from-dataset
RUNS=${BENCH_RUNS:-5}
SLOW_RUNS=${BENCH_SLOW_RUNS:-3}
MDL_RUNS=${BENCH_MDL_RUNS:-2}
SIZES=${BENCH_SIZES:-"10000 100000"}
SKIP_PEERS=${BENCH_SKIP_PEERS:-0}
TODAY=2025-01-01
mkdir -p "$OUT"

log() { printf '== %s\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (apt)"
  apt-get install -y time >/dev/null
fi
if ! command -v rg >/dev/null; then
  log "installing ripgrep"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y ripgrep >/dev/null || { apt-get update >/dev/null && apt-get install -y ripgrep >/dev/null; }
  else
    cargo install --locked ripgrep
  fi
fi
log "building faqlint (release)"
cargo build --release --locked --quiet
FAQLINT=${CARGO_TARGET_DIR:-$ROOT/target}/release/faqlint

if [[ $SKIP_PEERS != 1 ]]; then
  MDL=$OUT/node/node_modules/.bin/markdownlint-cli2
  if [[ ! -x $MDL ]]; then
    log "installing markdownlint-cli2 (npm) into $OUT/node"
    npm install --prefix "$OUT/node" --no-audit --no-fund --silent markdownlint-cli2 >/dev/null
  fi
  PY=$OUT/venv/bin/python
  if [[ ! -x $PY ]] || ! "$PY" -c 'import frontmatter' 2>/dev/null; then
    log "installing python-frontmatter (PyPI) into $OUT/venv"
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install --quiet --disable-pip-version-check python-frontmatter
  fi
  cat > "$OUT/parse_frontmatter.py" <<'PY'
"""Parse the front matter of every .md file under a directory (python-frontmatter)."""
import os
import sys

import frontmatter

count = titles = errors = 0
for dirpath, _dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if not name.endswith(".md") or name == "README.md":
            continue
        count += 1
        try:
            post = frontmatter.load(os.path.join(dirpath, name))
            titles += "title" in post.metadata
        except Exception:  # malformed YAML, like faqlint's invalid-front-matter
            errors += 1
print(f"{count} files, {titles} titles, {errors} errors")
PY
fi

# --- corpora ----------------------------------------------------------------------------
for n in $SIZES; do
  dir=$OUT/kb-$n
  if [[ ! -f $dir/.generated ]]; then
    log "generating $dir (kb-from-dataset --dataset jhu --scale $n)"
    rm -rf "$dir"
    python3 "$GEN" --dataset jhu --scale "$n" --out "$dir" >/dev/null
    touch "$dir/.generated"
  fi
done

# --- measuring --------------------------------------------------------------------------
# The same entries as the source of a Hugo site (issue 7): `content/<locale>/…` with a
# `hugo.toml`, so `check` runs the Hugo profile (detection, URLs, section listing, menus).
# Hard links: no second copy of the files on disk.
for n in $SIZES; do
  hdir=$OUT/hugo-$n
  if [[ ! -f $hdir/.generated ]]; then
    log "building $hdir (Hugo layout of kb-$n)"
    rm -rf "$hdir"
    mkdir -p "$hdir/content"
    for d in "$OUT/kb-$n"/*/; do
      name=$(basename "$d")
      [[ $name == analytics ]] && continue
      cp -al "$d" "$hdir/content/$name"
    done
    langs=$(cd "$hdir/content" && ls -d */ | tr -d / | tr '\n' ' ')
    {
      echo 'baseURL = "https://help.example.com/"'
      echo "defaultContentLanguage = \"$(echo $langs | cut -d' ' -f1)\""
      for l in $langs; do printf '[languages.%s]\ncontentDir = "content/%s"\n' "$l" "$l"; done
    } > "$hdir/hugo.toml"
    touch "$hdir/.generated"
  fi
done

RESULTS=$OUT/results.tsv
: > "$RESULTS"

# measure LABEL SIZE RUNS OK_CODES -- CMD...: one warm-up, then RUNS timed runs.
# Records label, size, files, runs, min, median (s) and peak RSS (KiB, max over runs).
measure() {
  local label=$1 size=$2 runs=$3 ok=$4; shift 5
  local dir=$OUT/${KB_PREFIX:-kb}-$size files times=() rss=0 i t m code
  files=$(find "$dir" -name '*.md' -not -name README.md | wc -l)
  log "$label on kb-$size: warm-up + $runs runs"
  for ((i = 0; i <= runs; i++)); do
    code=0
    (cd "$dir" && /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt") || code=$?
    if [[ " $ok " != *" $code "* ]]; then
      log "$label exited $code:"; tail -5 "$OUT/stderr.txt" >&2; exit 1
    fi
    read -r t m < <(tail -1 "$OUT/time.txt")
    ((i == 0)) && continue
    times+=("$t")
    ((m > rss)) && rss=$m
  done
  python3 - "$label" "$size" "$files" "$rss" "${times[@]}" >>"$RESULTS" <<'PY'
import statistics, sys
label, size, files, rss, *times = sys.argv[1:]
t = sorted(float(x) for x in times)
print("\t".join([label, size, files, str(len(t)), f"{t[0]:.3f}", f"{statistics.median(t):.3f}", rss]))
PY
}

for n in $SIZES; do
  measure "faqlint check --format json" "$n" "$RUNS" "0 1" -- "$FAQLINT" check . --today "$TODAY" --format json --color never
  measure "faqlint check (human)" "$n" "$RUNS" "0 1" -- "$FAQLINT" check . --today "$TODAY" --color never
  measure "rg --count-matches '^title:' (floor)" "$n" "$RUNS" "0" -- rg --count-matches '^title:' .
  KB_PREFIX=hugo measure "faqlint check --format json (hugo profile)" "$n" "$RUNS" "0 1" -- "$FAQLINT" check . --today "$TODAY" --format json --color never
  KB_PREFIX=hugo measure "rg --count-matches '^title:' (floor, hugo layout)" "$n" "$RUNS" "0" -- rg --count-matches '^title:' .
  if [[ $SKIP_PEERS != 1 ]]; then
    measure "python-frontmatter parse" "$n" "$SLOW_RUNS" "0" -- "$PY" "$OUT/parse_frontmatter.py" .
    if [[ $n -le 10000 ]]; then
      measure "markdownlint-cli2" "$n" "$MDL_RUNS" "0 1" -- "$MDL" '**/*.md' '#README.md'
    fi
  fi
done

# --- report -----------------------------------------------------------------------------
python3 - "$RESULTS" "$OUT/results.md" "$FAQLINT" <<'PY'
import os, platform, subprocess, sys

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"
def rev():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"

out = []
out.append(f"# faqlint benchmark\n")
out.append(f"Machine: {os.cpu_count()} cores, {cpu()}; faqlint at {rev()} (release build); "
           "warm page cache (one warm-up run each).\n")
out.append("| tool | entries | files | runs | min (s) | median (s) | files/s (median) | peak RSS (MiB) |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
by = {}
for label, size, files, runs, tmin, tmed, rss in rows:
    tmed_f = float(tmed)
    rate = int(files) / tmed_f if tmed_f > 0 else float("inf")
    by[(label, int(size))] = (int(files), float(tmin), tmed_f, int(rss) / 1024)
    out.append(f"| {label} | {int(size):,} | {int(files):,} | {runs} | {float(tmin):.2f} | {tmed_f:.2f} | {rate:,.0f} | {int(rss)/1024:.0f} |")

def get(label, size):
    return by.get((label, size))
out.append("\n## Targets (issue 3, at 100k entries)\n")
out.append("| target | value | goal | met |")
out.append("| --- | ---: | ---: | --- |")
fj100, rg100 = get("faqlint check --format json", 100000), get("rg --count-matches '^title:' (floor)", 100000)
if fj100 and rg100:
    r = fj100[2] / rg100[2]
    out.append(f"| faqlint / ripgrep floor, median wall time at 100k | {r:.1f}× | ≤ 4× | {'yes' if r <= 4 else 'NO'} |")
fh100, rgh100 = get("faqlint check --format json (hugo profile)", 100000), get("rg --count-matches '^title:' (floor, hugo layout)", 100000)
if fh100 and rgh100:
    r = fh100[2] / rgh100[2]
    out.append(f"| faqlint (hugo profile) / ripgrep floor, median wall time at 100k (issue 7) | {r:.1f}× | ≤ 4× | {'yes' if r <= 4 else 'NO'} |")
mdl = get("markdownlint-cli2", 10000)
for size in (100000, 10000):
    f = get("faqlint check --format json", size)
    if f and mdl:
        per_f = f[2] / f[0]; per_m = mdl[2] / mdl[0]
        r = per_m / per_f
        out.append(f"| markdownlint-cli2 (10k) / faqlint ({size//1000}k), median time per file | {r:.0f}× | ≥ 50× | {'yes' if r >= 50 else 'NO'} |")
peaks = [v[3] for (label, size), v in by.items() if label.startswith("faqlint") and size == 100000]
if peaks:
    p = max(peaks)
    out.append(f"| faqlint peak RSS at 100k | {p:.0f} MiB | < 512 MiB | {'yes' if p < 512 else 'NO'} |")
text = "\n".join(out) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
PY
log "saved $OUT/results.md"
