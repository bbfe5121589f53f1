"""Closed-loop evaluation of `faqlint mine` (see mine_eval.sh). Usage: mine_eval.py BIN WORK."""

import csv
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

BIN, WORK = sys.argv[1], Path(sys.argv[2])
MODEL = ["--model-stop-words"]
# Optional faqlint.toml text for the evaluated repos (rule options), e.g. to compare settings.
CONFIG = sys.argv[3] if len(sys.argv) > 3 else ""



def run(args, cwd):
    p = subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p.stdout


def labels(repo):
    """query -> (kind, label) from analytics/queries-labels.csv."""
    out = {}
    with open(repo / "analytics/queries-labels.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["query"], (row["label_kind"], row["label"]))
    return out


def counts(repo):
    with open(repo / "analytics/searches.csv", newline="", encoding="utf-8") as f:
        return {r["query"]: int(r["count"]) for r in csv.DictReader(f)}


def write_counts(path, queries, cnt):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["query", "count"])
        for q in queries:
            w.writerow([q, cnt.get(q, 1)])


def norm(q):
    """The key faqlint uses (lower case, accents folded, punctuation to spaces)."""
    import unicodedata

    s = unicodedata.normalize("NFD", q.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = "".join(c if c.isalnum() else " " for c in s)
    return " ".join(s.split())


def key(q):
    return norm(q)


def split(lab):
    """Two halves of the entry-labelled queries, split by topic variant: each topic (label)
    gives half of its variants to each half, so the queries of one half are unseen
    spellings of the topics mined on the other."""
    groups = {}
    for q, (kind, label) in lab.items():
        if kind == "entry_ids":
            groups.setdefault(label, []).append(q)
    a, b = [], []
    for label in sorted(groups):
        variants = sorted(groups[label], key=lambda q: hashlib.sha1(q.encode()).hexdigest())
        # Alternate, starting each topic on the smaller half (odd counts balance out).
        first, second = (a, b) if len(a) <= len(b) else (b, a)
        for i, q in enumerate(variants):
            (first if i % 2 == 0 else second).append(q)
    return a, b


def front_matters(repo):
    """(id, front matter) of every entry of the repo."""
    for p in repo.rglob("*.md"):
        text = p.read_text(encoding="utf-8-sig")
        if not text.startswith("---"):
            continue
        try:
            fm = yaml.safe_load(text.split("---", 2)[1]) or {}
        except yaml.YAMLError:
            continue
        if "id" in fm:
            yield str(fm["id"]), fm


def tags_of(repo):
    return {i: list(fm.get("tags") or []) for i, fm in front_matters(repo)}


def synonyms_of(repo):
    tax = yaml.safe_load((repo / "taxonomy.yml").read_text(encoding="utf-8")) or {}
    out = set()
    for loc, v in (tax.get("locales") or {}).items():
        for k, c in ((v or {}).get("synonyms") or {}).items():
            out.add((loc, str(k), str(c)))
    return out


def replay(repo, searches):
    j = json.loads(run(["replay", "--searches", str(searches), "--format", "json", "--hits", *MODEL], repo))
    return j, {d["query"]: d for d in j["queries_detail"]}


def evaluate(name, src, train, test, lab, cnt, max_tags):
    d = WORK / name
    d.mkdir()
    write_counts(d / "train.csv", train, cnt)
    write_counts(d / "test.csv", test, cnt)
    applied = d / "repo"
    shutil.copytree(src, applied)
    mined = json.loads(run(["mine", "--searches", str(d / "train.csv"), "--format", "json", *MODEL], src))
    run(["mine", "--searches", str(d / "train.csv"), "--apply", *MODEL], applied)
    before, bq = replay(src, d / "test.csv")
    after, aq = replay(applied, d / "test.csv")
    gold = {}
    for q in test:
        gold.setdefault(norm(q), set()).update(lab[q][1].split())
    zero_before = [q for q, r in bq.items() if not r["hits"]]
    newly = [q for q in zero_before if aq.get(q, {}).get("hits")]
    good = [q for q in newly if set(aq[q]["hits"]) & gold.get(norm(q), set())]
    t0, t1 = tags_of(src), tags_of(applied)
    added = {e: len(set(t1.get(e, [])) - set(t0.get(e, []))) for e in t1}
    touched = [n for n in added.values() if n > 0]
    syn_added = synonyms_of(applied) - synonyms_of(src)
    over_before = sum(1 for t in t0.values() if len(set(t)) > max_tags)
    over_after = sum(1 for t in t1.values() if len(set(t)) > max_tags)
    kinds = {}
    for s in mined["suggestions"]:
        kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
    return {
        "name": name,
        "train_q": len(train),
        "test_q": len(bq),
        "zr_before": before["zero_result_rate"],
        "zr_after": after["zero_result_rate"],
        "zq_before": len(zero_before),
        "newly": len(newly),
        "good": len(good),
        "answered_gold": len(good) / max(1, len(zero_before)),
        "precision": len(good) / max(1, len(newly)),
        "touched": len(touched),
        "tags_median": statistics.median(touched) if touched else 0,
        "tags_max": max(touched) if touched else 0,
        "synonyms": len(syn_added),
        "over_before": over_before,
        "over_after": over_after,
        "kinds": kinds,
        "train_zero_before": mined["summary"]["zero_result_searches_before"],
        "train_zero_after": mined["summary"]["zero_result_searches_after"],
    }


def content_gaps(repo, lab):
    allq = [q for q in lab]
    d = WORK / "covid-gaps"
    d.mkdir()
    cnt = counts(repo)
    write_counts(d / "all.csv", allq, cnt)
    mined = json.loads(run(["mine", "--searches", str(d / "all.csv"), "--format", "json", *MODEL], repo))
    by_norm = {}
    for q, (kind, _) in lab.items():
        by_norm.setdefault(norm(q), set()).add(kind)
    gaps = [s for s in mined["suggestions"] if s["kind"] == "content-gap"]
    hit = sum(1 for s in gaps if any("content_gap" in by_norm.get(norm(q), set()) for q in s["queries"]))
    covered = {norm(q) for s in gaps for q in s["queries"]}
    gap_q = {norm(q) for q, (k, _) in lab.items() if k == "content_gap"}
    return len(gaps), hit, len(gap_q), len(gap_q & covered)



# --- Ceiling: what edits could do with the answers known (an oracle, not faqlint) ---------
# A Python re-implementation of the strict model with stop words dropped (words folded, split
# on non-alphanumerics; title and tag words; FR stop words of src/mine/model.rs). The oracle
# knows each training query's gold entries and adds the query's missing words to them: all of
# them (unbounded tag stuffing) or, per entry, the k words that complete the most training
# queries. It bounds what any tag-adding miner can reach on these labels.
FR_STOP = set("""a au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le
les leur leurs lui ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que quel quelle
quelles quels qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y etre avoir ai
as ont ete comment puis peut peuvent faut fait si dois doit quoi l d j m n s t c jusqu lorsqu
puisqu""".split())


def model_words(text):
    return [w for w in norm(text).split() if w]


def entry_terms(repo):
    out = {}
    for i, fm in front_matters(repo):
        terms = set(model_words(str(fm.get("title", ""))))
        for t in fm.get("tags") or []:
            terms |= set(model_words(str(t)))
        out[i] = terms
    return out


def oracle(repo, train, test, lab, k):
    ents = entry_terms(repo)
    qw = lambda q: {w for w in model_words(q) if w not in FR_STOP}
    hits = lambda q, E: [e for e, t in E.items() if qw(q) and qw(q) <= t]
    zero = [q for q in test if not hits(q, ents)]
    E = {e: set(t) for e, t in ents.items()}
    want = {}
    for q in train:
        for g in lab[q][1].split():
            if g in E:
                for w in qw(q) - E[g]:
                    want.setdefault(g, {}).setdefault(w, 0)
                    want[g][w] += 1
    for g, ws in want.items():
        best = sorted(ws, key=lambda w: (-ws[w], w))
        E[g] |= set(best if k is None else best[:k])
    newly = [q for q in zero if hits(q, E)]
    good = [q for q in newly if set(hits(q, E)) & set(lab[q][1].split())]
    return len(zero), len(good), len(good) / max(1, len(newly))


def main():
    max_tags = 8
    rows = []
    ceilings = []
    for ds in ["vdd", "covid"]:
        src = WORK / ds
        if CONFIG:
            (src / "faqlint.toml").write_text(CONFIG, encoding="utf-8")
        lab, cnt = labels(src), counts(src)
        a, b = split(lab)
        rows.append(evaluate(f"{ds}-A-to-B", src, a, b, lab, cnt, max_tags))
        rows.append(evaluate(f"{ds}-B-to-A", src, b, a, lab, cnt, max_tags))
        if ds == "vdd":
            for k in (5, None):
                for name, tr, te in (("A-to-B", a, b), ("B-to-A", b, a)):
                    ceilings.append((f"{ds}-{name}", k, *oracle(src, tr, te, lab, k)))
    print("## faqlint mine: closed-loop evaluation\n")
    print("Mine on one half of the labelled queries (each topic's variants split in two halves), `mine --apply` on a copy, replay the")
    print("other half with the strict model (stop words dropped). Zero-result rates are over searches.\n")
    if CONFIG:
        print("Config of the evaluated repos:\n\n```toml\n" + CONFIG.strip() + "\n```\n")
    print("| run | train / test queries | zero-result rate before → after | test zero-result queries | newly answered | answered by gold | precision | touched entries | tags added median / max | synonyms added | entries over too-many-tags before → after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['name']} | {r['train_q']} / {r['test_q']} | {r['zr_before']:.1%} → {r['zr_after']:.1%} | {r['zq_before']} | {r['newly']} | "
            f"{r['good']} ({r['answered_gold']:.1%}) | {r['precision']:.2f} | {r['touched']} | {r['tags_median']} / {r['tags_max']} | "
            f"{r['synonyms']} | {r['over_before']} → {r['over_after']} |"
        )
    print()
    for r in rows:
        print(f"- {r['name']}: suggestions mined {r['kinds']}; training half zero-result searches {r['train_zero_before']} → {r['train_zero_after']}")
    print()
    print("Ceiling (an oracle that knows the gold entries of the training queries and adds their missing")
    print("words to them as tags; strict model re-implemented in Python):\n")
    print("| run | words added per gold entry | test zero-result queries | answered by gold | precision |")
    print("|---|---|---|---|---|")
    for name, k, zq, good, prec in ceilings:
        print(f"| {name} | {'all (unbounded)' if k is None else f'top {k}'} | {zq} | {good} ({good / max(1, zq):.1%}) | {prec:.2f} |")
    n, hit, gq, covered = content_gaps(WORK / "covid", labels(WORK / "covid"))
    print()
    print(f"English content gaps (covid-faq, all {len(labels(WORK / 'covid'))} labelled questions mined): {n} content-gap suggestions, "
          f"{hit} of them on questions labelled `content_gap` (precision {hit / max(1, n):.2f}); "
          f"{covered} of the {gq} `content_gap` questions get a content-gap suggestion (recall {covered / max(1, gq):.2f}).")


main()
