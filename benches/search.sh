#!/usr/bin/env bash
# Speed benchmark of `faqlint search` against python tantivy (PyPI), on the same files.
#
#   bash benches/search.sh         # from the crate root; ../shared must be beside the crate
#
# What it does, in one run:
#   1. builds the release binary (`cargo build --release --locked`);
#   2. generates, if absent, a 100k-entry repo benches/out/kb-100000 with
#      `../shared/tools/kb-from-dataset --dataset jhu --scale 100000` (git-ignored);
#   3. writes benches/out/queries-10000.txt: 10,000 queries cycled from the real visitor
#      queries of ../shared/data/covid-faq-stanford/queries.shared.csv and the questions of
#      ../shared/data/jhu-covid-qa/faqs.jsonl;
#   4. installs python tantivy and PyYAML if absent (`pip install tantivy pyyaml` into the venv
#      benches/out/venv);
#   5. measures, each after one warm-up (the page cache cannot be dropped here):
#        (a) index build incl. reading and parsing: `faqlint search --queries-file /dev/null`
#            (reads the repo with its config, parses front matter and Markdown, builds the
#            in-memory index) vs python: read every .md, parse front matter with PyYAML, index
#            title + tags + body (en_stem) in RAM;
#        (b) build + 10k queries: `faqlint search --queries-file queries-10000.txt --format json`
#            (top 10, one JSON line each, `matched` included) vs python: same queries, top 10,
#            titles and paths read back from the stored documents;
#      wall time and peak RSS of the whole process with /usr/bin/time -f '%e %M', plus the
#      in-process split printed by each side (faqlint's hidden `--timings`);
#   6. prints a Markdown table and saves it to benches/out/search-results.md.
#
# Environment: FAQLINT_SHARED (default ../shared), FAQLINT_BIN (a release binary to use instead
# of building one; a shared CARGO_TARGET_DIR may hold another branch's build), BENCH_SIZE (default 100000),
# BENCH_QUERIES (default 10000), BENCH_SKIP_PEERS=1 to time faqlint only.
# Targets (issue 8): (a) ≤ 3 s at 100k, 10k queries ≤ 2 s. Timing is never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/benches/out
SHARED=${FAQLINT_SHARED:-$ROOT/../shared}
SIZE=${BENCH_SIZE:-100000}
NQ=${BENCH_QUERIES:-10000}
SKIP_PEERS=${BENCH_SKIP_PEERS:-0}
KB=$OUT/kb-$SIZE
QUERIES=$OUT/queries-$NQ.txt
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (apt)"
  apt-get install -y time >/dev/null
fi

if [[ -n ${FAQLINT_BIN:-} ]]; then
  BIN=$FAQLINT_BIN
else
  log "building release binary"
  cargo build --release --locked --quiet
  BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/faqlint
fi

if [[ ! -d $KB ]]; then
  log "generating $KB (kb-from-dataset --dataset jhu --scale $SIZE)"
  python3 "$SHARED/tools/kb-from-dataset" --dataset jhu --scale "$SIZE" --out "$KB" >/dev/null
fi

if [[ ! -s $QUERIES ]]; then
  log "writing $QUERIES"
  python3 - "$SHARED" "$NQ" "$QUERIES" <<'PY'
import csv, json, sys
shared, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
qs = [r["query"] for r in csv.DictReader(open(f"{shared}/data/covid-faq-stanford/queries.shared.csv", encoding="utf-8"))]
for line in open(f"{shared}/data/jhu-covid-qa/faqs.jsonl", encoding="utf-8"):
    q = json.loads(line).get("questionText") or ""
    q = q.removeprefix("Q:").strip()
    if q and (json.loads(line).get("language") or "en") == "en":
        qs.append(q)
qs = [" ".join(q.split()) for q in qs if q.strip()]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(qs[i % len(qs)] + "\n")
PY
fi

PY=$OUT/venv/bin/python
if [[ $SKIP_PEERS != 1 ]] && ! "$PY" -c 'import tantivy, yaml' 2>/dev/null; then
  log "installing python tantivy and PyYAML (PyPI) into $OUT/venv"
  [[ -x $PY ]] || python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet --disable-pip-version-check tantivy pyyaml
fi

PEER=$OUT/tantivy_peer.py
cat >"$PEER" <<'PY'
# python tantivy doing what `faqlint search` does: read, parse, index in RAM, query top 10.
import os, sys, time, json
import tantivy, yaml
root, queries = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
sb = tantivy.SchemaBuilder()
sb.add_text_field("path", stored=True, tokenizer_name="raw")
sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
sb.add_text_field("tags", tokenizer_name="en_stem")
sb.add_text_field("body", tokenizer_name="en_stem")
index = tantivy.Index(sb.build())
writer = index.writer()
n = 0
for d, _, files in os.walk(root):
    for name in files:
        if not name.endswith(".md"):
            continue
        p = os.path.join(d, name)
        text = open(p, encoding="utf-8").read()
        fm, body = {}, text
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            if end > 0:
                try:
                    fm = yaml.safe_load(text[4:end]) or {}
                except yaml.YAMLError:
                    fm = {}
                body = text[end + 4:]
        if not isinstance(fm, dict) or fm.get("draft"):
            continue
        tags = fm.get("tags") or []
        writer.add_document(tantivy.Document(
            path=os.path.relpath(p, root), title=str(fm.get("title") or ""),
            tags=" ".join(map(str, tags)) if isinstance(tags, list) else str(tags), body=body))
        n += 1
writer.commit()
writer.wait_merging_threads()
index.reload()
searcher = index.searcher()
t1 = time.perf_counter()
out = sys.stdout
count = 0
for q in open(queries, encoding="utf-8"):
    q = q.strip()
    try:
        query = index.parse_query(q, ["title", "tags", "body"], field_boosts={"title": 3.0, "tags": 2.0})
    except ValueError:
        # query syntax characters (?, :, quotes…): escape by keeping words only
        query = index.parse_query(" ".join(w for w in "".join(c if c.isalnum() else " " for c in q).split()), ["title", "tags", "body"])
    hits = searcher.search(query, 10).hits
    docs = []
    for score, addr in hits:
        doc = searcher.doc(addr)
        docs.append({"path": doc["path"][0], "title": doc["title"][0], "score": score})
    out.write(json.dumps({"query": q, "hits": docs}) + "\n")
    count += 1
t2 = time.perf_counter()
print(f"timings: {n} entries indexed in {t1 - t0:.3f} s (incl. reading and parsing), {count} queries in {t2 - t1:.3f} s", file=sys.stderr)
PY

# run LABEL CMD… : warm-up, then one measured run; prints "wall rss split" to stdout.
run() {
  local label=$1; shift
  log "$label"
  "$@" >/dev/null 2>"$OUT/search-stderr.txt" || true
  /usr/bin/time -f '%e %M' -o "$OUT/search-time.txt" "$@" >/dev/null 2>"$OUT/search-stderr.txt" || {
    cat "$OUT/search-stderr.txt" >&2; return 1; }
  local split
  split=$(grep -h '^timings:' "$OUT/search-stderr.txt" | sed 's/^timings: //' || true)
  read -r wall rss <"$OUT/search-time.txt"
  printf '| %s | %s | %s | %s |\n' "$label" "$wall" "$((rss / 1024))" "$split"
}

EMPTY=$OUT/queries-0.txt
: >"$EMPTY"
{
  echo "| run ($SIZE entries) | wall s | peak RSS MiB | in-process split |"
  echo "| --- | ---: | ---: | --- |"
  (cd "$KB" && run "faqlint: index build (read+parse+index)" "$BIN" search --queries-file "$EMPTY" --format json --timings)
  (cd "$KB" && run "faqlint: build + $NQ queries" "$BIN" search --queries-file "$QUERIES" --format json --timings)
  if [[ $SKIP_PEERS != 1 ]]; then
    run "python tantivy: index build (read+parse+index)" "$PY" "$PEER" "$KB" "$EMPTY"
    run "python tantivy: build + $NQ queries" "$PY" "$PEER" "$KB" "$QUERIES"
  fi
} | tee "$OUT/search-results.md"
echo "targets: index build incl. reading/parsing ≤ 3 s at 100k; 10k queries ≤ 2 s (queries = second row minus first)"
