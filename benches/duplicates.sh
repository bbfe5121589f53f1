#!/usr/bin/env bash
# Quality and speed of the `duplicate` rules against their peers, in one run.
#
#   bash benches/duplicates.sh        # from the crate root; the shared data folder beside the
#                                     # crate (../shared) or FAQLINT_SHARED=/path/to/shared
#
# 1. Quality: `faqlint debug similarity --pairs` (hidden subcommand) scores the 342 hand-labelled
#    COVID question pairs of $SHARED/data/deepset-covid-qa/question_pairs.shared.csv (see its
#    SOURCE.md) with duplicate-question's similarity (IDF weights counted over the file's distinct
#    questions). Precision/recall/F1 at the rule's default threshold, and, on the same pairs, the
#    baselines from PyPI (installed into benches/out/venv): datasketch MinHash (128 permutations)
#    Jaccard of word 3-shingles, and rapidfuzz token_set_ratio. Each baseline gets the threshold
#    that maximises its F1 on these very pairs (an optimistic baseline, said in the table); then
#    a 2-fold held-out table (thresholds tuned on one half of the question groups, scored on the
#    other). Then queries labelled with the entries answering them (kb-from-dataset
#    --search-log, analytics/queries-labels.csv): accuracy@1 of ranking the repo's titles by
#    each similarity (covid-faq en: all 36 answered queries; vdd-travail fr: 300 of 3,068).
# 2. Speed: a 100k-entry repo from `kb-from-dataset --dataset jhu --scale 100000 --inject-faults`
#    (benches/out/kb-100000-faults, reused when present). Times
#       faqlint check --select duplicate-question,duplicate-answer --format json  (release build)
#    and datasketch MinHash-LSH (128 perms) over the same titles (threshold 0.5) and answers
#    (threshold 0.8), in Python, reading the same files; peak RSS from /usr/bin/time.
# 3. Recall at scale: share of the injected `duplicate` faults of that repo's .answer-key.json
#    reported (at the copy, or as a member of a reported cluster).
# Timing is never asserted: a benchmark, not a test. Results in benches/out/duplicates.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out
SHARED=${FAQLINT_SHARED:-$ROOT/../shared}
[ -d "$SHARED/data" ] || SHARED=/work/shared
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --locked -q
BIN=$OUT/faqlint-dup
cp "$CARGO_TARGET_DIR/release/faqlint" "$BIN"   # a private copy: the target dir may be shared

VENV=$OUT/venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/python" -c 'import datasketch, rapidfuzz, yaml' 2>/dev/null || "$VENV/bin/pip" install -q datasketch rapidfuzz pyyaml
PY="$VENV/bin/python $ROOT/benches/duplicates_eval.py"

PAIRS=$SHARED/data/deepset-covid-qa/question_pairs.shared.csv
DEFAULT=$(sed -n '/^\[options.threshold\]/{n;s/default = //p}' rules/duplicate-question.toml)
{
  echo "## Quality: duplicate-question on $(basename "$PAIRS")"
  echo
  "$BIN" debug similarity --pairs "$PAIRS" > "$OUT/pair-scores.tsv"
  $PY pairs "$OUT/pair-scores.tsv" "$PAIRS" "$DEFAULT"
  echo
  echo "## Quality: queries labelled with the entries that answer them (accuracy@1 of ranking every title)"
  echo
  echo "| repo | locale | queries | titles | faqlint similarity | rapidfuzz token_set_ratio | datasketch MinHash 3-shingles |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
  for spec in covid-faq:en:1000 vdd-travail:fr:300; do
    IFS=: read -r ds loc n <<<"$spec"
    LOG=$OUT/kb-$ds-log
    [ -f "$LOG/analytics/queries-labels.csv" ] || \
      python3 "$SHARED/tools/kb-from-dataset" --dataset "$ds" --search-log --out "$LOG" >/dev/null
    $PY retrieval "$BIN" "$LOG" "$loc" "$n"
  done
  echo
  KB=$OUT/kb-100000-faults
  if [ ! -f "$KB/.answer-key.json" ]; then
    python3 "$SHARED/tools/kb-from-dataset" --dataset jhu --scale 100000 --inject-faults --out "$KB" >/dev/null
  fi
  echo "## Speed: $(find "$KB/" -name '*.md' | wc -l) entries ($(nproc) cores)"
  echo
  "$BIN" check --no-config --today 2025-01-01 --select duplicate-question,duplicate-answer --format json "$KB" \
     > "$OUT/dup-100k.json" 2>/dev/null || true   # exit 1: findings
  /usr/bin/time -f "faqlint check --select duplicate-question,duplicate-answer: %e s wall, %M KB peak RSS" \
     "$BIN" check --no-config --today 2025-01-01 --select duplicate-question,duplicate-answer --format json "$KB" \
     2>&1 >/dev/null | grep faqlint || true
  /usr/bin/time -f "faqlint check --select duplicate-id (reading and parsing floor): %e s wall, %M KB peak RSS" \
     "$BIN" check --no-config --today 2025-01-01 --select duplicate-id --format json "$KB" 2>&1 >/dev/null | grep faqlint || true
  /usr/bin/time -f "datasketch (python, whole run incl. reading): %e s wall, %M KB peak RSS" \
     $PY speed "$KB" 2>&1
  echo
  echo "## Recall of injected duplicates at scale"
  $PY recall "$KB" "$OUT/dup-100k.json"
} | tee "$OUT/duplicates.md"
