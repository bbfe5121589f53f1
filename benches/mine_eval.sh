#!/usr/bin/env bash
# Closed-loop evaluation of `faqlint mine` (issue 9), French and English.
#
#   bash benches/mine_eval.sh [CONFIG.toml]
#                                     # from the crate root; shared data beside the crate
#                                     # (../shared) or FAQLINT_SHARED=/path/to/shared;
#                                     # FAQLINT_BIN=/path/to/faqlint to skip the release build
#
# French: kb-from-dataset --dataset vdd-travail --strip-tags 0.5 --search-log. The labelled
# queries of analytics/queries-labels.csv (label `entry_ids`) are split in two halves BY LABEL
# (every variant of one topic in the same half: no leakage), each half a counts CSV with the
# searches of analytics/searches.csv. Mine on half A and apply (`faqlint mine --apply` on a copy
# of the repo), then replay half B (`faqlint replay --hits`) on the original and the edited repo
# with the strict default model, stop words dropped (`--model-stop-words`, also used to mine).
# Reported: zero-result rate before/after, share of B's zero-result queries now answered with a
# gold entry among the hits, precision (newly answered B queries whose hits include a gold
# entry), tags and synonyms added per touched entry (median, max), entries over the
# too-many-tags limit. Then the halves swapped (B mined, A replayed).
# English: the same on --dataset covid-faq, plus: mining all its queries, how many content-gap
# suggestions are questions labelled `content_gap` (and how many `content_gap` questions get one).
# Results in benches/out/mine-eval.md. A benchmark, not a test: nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out
SHARED=${FAQLINT_SHARED:-$ROOT/../shared}
[ -d "$SHARED/data" ] || SHARED=/work/shared
mkdir -p "$OUT"
if [ -z "${FAQLINT_BIN:-}" ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
  cargo build --release --locked -q
  FAQLINT_BIN=$OUT/faqlint-mine
  cp "$CARGO_TARGET_DIR/release/faqlint" "$FAQLINT_BIN"   # a private copy
fi
VENV=${FAQLINT_BENCH_VENV:-$HOME/.cache/faqlint-bench-venv}
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/python" -c 'import yaml' 2>/dev/null || "$VENV/bin/pip" install --quiet pyyaml
WORK=$OUT/mine-eval
rm -rf "$WORK"
mkdir -p "$WORK"
python3 "$SHARED/tools/kb-from-dataset" --dataset vdd-travail --strip-tags 0.5 --search-log --out "$WORK/vdd" >/dev/null
python3 "$SHARED/tools/kb-from-dataset" --dataset covid-faq --strip-tags 0.5 --search-log --out "$WORK/covid" >/dev/null
# CONFIG.toml (optional): rule options written as faqlint.toml into the evaluated repos.
CONFIG_TEXT=""
if [ $# -gt 0 ]; then CONFIG_TEXT=$(cat "$1"); fi
"$VENV/bin/python" "$ROOT/benches/mine_eval.py" "$FAQLINT_BIN" "$WORK" "$CONFIG_TEXT" | tee "$OUT/mine-eval.md"
