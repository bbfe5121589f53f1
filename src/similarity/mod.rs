//! Near-duplicate detection: the engine behind the `duplicate` family.
//!
//! # Design
//!
//! 1. **Normalisation** ([`analyze`]), per locale: lowercase, French elisions dropped
//!    (`l'employeur` → `employeur`), stop words dropped, Snowball stemming (`frostem`),
//!    accent folding. A question becomes a *set* of stemmed content tokens; an answer a set of
//!    word 3-shingles over those tokens (hashed to `u64`).
//! 2. **Precise similarity**: weighted Jaccard, `Σ w(common) / Σ w(union)`. For questions the
//!    weight of a token is its IDF in the locale, `ln(1 + N / df)`: sharing `congé` counts,
//!    sharing `covid` in a COVID FAQ hardly does. For answers every shingle weighs 1 (plain
//!    Jaccard on shingles: answers are long enough for shingles to carry the signal).
//! 3. **Sub-quadratic candidates: prefix filtering**, the exact filter of set-similarity
//!    joins. Features are put in one global order, rarest first. For a set `x` of weight
//!    `W`, its *prefix* is the shortest head whose remaining tail weighs less than `t·W`.
//!    If `J(x, y) ≥ t`, the first feature `x` and `y` share (in that order) lies in both
//!    prefixes (the tail from it on holds the whole overlap, `≥ t·W`), so indexing only
//!    prefixes and comparing the sets that share a prefix feature finds *every* pair at or
//!    above the threshold. Prefixes are made of rare features, so posting lists stay short.
//!    Unlike word-shingle MinHash on titles (a 10-word question has 8 shingles; one changed
//!    word breaks three of them), it has no recall loss on short texts. One guard keeps the
//!    worst case in check: a feature in more than 5 % of the sets (and more than 50) is not
//!    indexed, so a question made only of such words is compared with nobody.
//! 4. Exactly identical sets are grouped first (hash of the sorted set) and joined once: a
//!    benchmark-scale repo of 90 copies of each entry costs one comparison per copy.
//!
//! The join returns edges enough to connect every pair at or above the threshold (pairs of
//! identical sets are linked to the first of their group): the rules union-find them into
//! clusters and compute the similarity of each member with the cluster's survivor.

pub mod analyze;

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHasher};

/// A feature (a token or a shingle), hashed.
pub type Feature = u64;

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

/// The set of tokens of a question, hashed, sorted and deduplicated.
pub fn token_set(tokens: &[String]) -> Vec<Feature> {
    let mut v: Vec<Feature> = tokens.iter().map(|t| hash_of(t.as_str())).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The set of word `k`-shingles of an answer, hashed (a text shorter than `k` words is one
/// shingle).
pub fn shingle_set(tokens: &[String], k: usize) -> Vec<Feature> {
    let mut v: Vec<Feature> = if tokens.is_empty() {
        Vec::new()
    } else if tokens.len() < k {
        vec![hash_of(tokens)]
    } else {
        tokens.windows(k).map(hash_of).collect()
    };
    v.sort_unstable();
    v.dedup();
    v
}

/// Document frequencies of features over a collection of sets, for IDF weights.
pub struct Weights {
    df: HashMap<Feature, u32>,
    n: usize,
    idf: bool,
}

impl Weights {
    /// IDF weights (`idf = true`) or unit weights, counted over `sets`.
    pub fn new(sets: &[Vec<Feature>], idf: bool) -> Weights {
        let mut df: HashMap<Feature, u32> = HashMap::default();
        for s in sets {
            for &f in s {
                *df.entry(f).or_default() += 1;
            }
        }
        Weights {
            df,
            n: sets.len(),
            idf,
        }
    }

    pub fn df(&self, f: Feature) -> u32 {
        self.df.get(&f).copied().unwrap_or(0)
    }

    pub fn weight(&self, f: Feature) -> f64 {
        if !self.idf {
            return 1.0;
        }
        let df = f64::from(self.df(f).max(1));
        (1.0 + self.n as f64 / df).ln()
    }

    /// Weighted Jaccard of two sorted, deduplicated sets.
    pub fn similarity(&self, a: &[Feature], b: &[Feature]) -> f64 {
        let (mut i, mut j) = (0, 0);
        let (mut common, mut union) = (0.0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Equal => {
                    let w = self.weight(a[i]);
                    common += w;
                    union += w;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    union += self.weight(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    union += self.weight(b[j]);
                    j += 1;
                }
            }
        }
        union += a[i..].iter().map(|&f| self.weight(f)).sum::<f64>();
        union += b[j..].iter().map(|&f| self.weight(f)).sum::<f64>();
        if union == 0.0 { 0.0 } else { common / union }
    }
}

/// An edge between two sets (indexes into the input) and its similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub similarity: f64,
}

/// Every pair of `sets` with weighted Jaccard `≥ threshold`, as edges that connect them
/// (see the module docs). Empty sets are never paired.
pub fn join(sets: &[Vec<Feature>], weights: &Weights, threshold: f64) -> Vec<Edge> {
    let threshold = threshold.clamp(0.01, 1.0);
    let mut edges = Vec::new();
    // 1. Identical sets: one representative each.
    let mut groups: HashMap<&[Feature], usize> = HashMap::default();
    let mut reps: Vec<usize> = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        match groups.get(s.as_slice()) {
            Some(&r) => edges.push(Edge {
                a: r,
                b: i,
                similarity: 1.0,
            }),
            None => {
                groups.insert(s, i);
                reps.push(i);
            }
        }
    }
    // 2. Global order: rarest first (ties by hash), and each representative's prefix.
    let cap = (sets.len() / 20).max(50) as u32;
    let order = |f: &Feature| (weights.df(*f), *f);
    let prefixes: Vec<Vec<Feature>> = reps
        .par_iter()
        .map(|&i| {
            let mut s = sets[i].clone();
            s.sort_unstable_by_key(order);
            let total: f64 = s.iter().map(|&f| weights.weight(f)).sum();
            let mut rest = total;
            let mut p = Vec::new();
            for f in s {
                rest -= weights.weight(f);
                p.push(f);
                if rest < threshold * total - 1e-9 {
                    break;
                }
            }
            p.retain(|&f| weights.df(f) <= cap);
            p
        })
        .collect();
    // 3. Inverted index of prefixes.
    let mut postings: HashMap<Feature, Vec<u32>> = HashMap::default();
    for (r, p) in prefixes.iter().enumerate() {
        for &f in p {
            postings.entry(f).or_default().push(r as u32);
        }
    }
    // 4. Candidates (a later representative sharing a prefix feature), verified exactly.
    let found: Vec<Edge> = (0..reps.len())
        .into_par_iter()
        .flat_map_iter(|r| {
            let mut cands: Vec<u32> = prefixes[r]
                .iter()
                .filter_map(|f| postings.get(f))
                .flat_map(|list| list.iter().copied().filter(|&o| o as usize > r))
                .collect();
            cands.sort_unstable();
            cands.dedup();
            let a = reps[r];
            cands
                .into_iter()
                .filter_map(|o| {
                    let b = reps[o as usize];
                    let sim = weights.similarity(&sets[a], &sets[b]);
                    (sim >= threshold).then_some(Edge {
                        a,
                        b,
                        similarity: sim,
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    edges.extend(found);
    edges
}

/// Union-find over `n` items.
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    /// The groups of two or more items, each sorted, in order of their first item.
    pub fn clusters(mut self) -> Vec<Vec<usize>> {
        let n = self.parent.len();
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::default();
        for i in 0..n {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
        out.sort_by_key(|g| g[0]);
        out
    }
}

/// Clusters of the items connected by `edges`.
pub fn clusters(n: usize, edges: &[Edge]) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(n);
    for e in edges {
        uf.union(e.a, e.b);
    }
    uf.clusters()
}

/// A one-line word diff of `old` → `new`: `[-removed-]{+added+}`, unchanged runs longer
/// than a few words shortened to `…`. At most `max` characters (cut with `…`).
pub fn word_diff(old: &str, new: &str, max: usize) -> String {
    use similar::{ChangeTag, TextDiff};
    // Common leading and trailing words are cut before diffing: the diff then only sees
    // the changed middle (copies differ by a few words; a full diff of each would cost).
    let ow: Vec<&str> = old.split_whitespace().collect();
    let nw: Vec<&str> = new.split_whitespace().collect();
    let p = ow.iter().zip(&nw).take_while(|(a, b)| a == b).count();
    let q = ow[p..]
        .iter()
        .rev()
        .zip(nw[p..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    // The line is cut at `max` characters: the changes past the first few hundred words of
    // the middle never show, and Myers' diff is quadratic in the worst case, so it only sees
    // that much (the cut tails are shown as unchanged, then `…`).
    let (om, nm) = (&ow[p..ow.len() - q], &nw[p..nw.len() - q]);
    let window = max.max(16);
    let old = om[..om.len().min(window)].join(" ");
    let new = nm[..nm.len().min(window)].join(" ");
    let diff = TextDiff::from_words(&old, &new);
    let mut out = ow[..p].join(" ");
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut String, del: &mut String, ins: &mut String| {
        let (d, i) = (del.trim(), ins.trim());
        if !d.is_empty() {
            out.push_str(&format!(" [-{d}-]"));
        }
        if !i.is_empty() {
            out.push_str(&format!(" {{+{i}+}}"));
        }
        del.clear();
        ins.clear();
    };
    for c in diff.iter_all_changes() {
        let v = c.value();
        match c.tag() {
            // A space between two changed words belongs to the change.
            ChangeTag::Equal if v.trim().is_empty() => {
                if del.is_empty() && ins.is_empty() {
                    out.push_str(v);
                } else {
                    del.push_str(v);
                    ins.push_str(v);
                }
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut del, &mut ins);
                out.push(' ');
                out.push_str(v);
            }
            ChangeTag::Delete => del.push_str(v),
            ChangeTag::Insert => ins.push_str(v),
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out.push(' ');
    if om.len() > window || nm.len() > window {
        out.push('…');
    } else {
        out.push_str(&ow[ow.len() - q..].join(" "));
    }
    // Long unchanged runs shortened: `a b c … x y z`.
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut short: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // An unchanged run: up to the next change.
        let mut j = i;
        while j < words.len() && !(words[j].starts_with("[-") || words[j].starts_with("{+")) {
            j += 1;
        }
        if j - i > 8 {
            short.extend(&words[i..i + 3]);
            short.push("…");
            short.extend(&words[j - 3..j]);
        } else {
            short.extend(&words[i..j]);
        }
        // A change: kept whole, up to its closing marker.
        while j < words.len() {
            let w = words[j];
            short.push(w);
            j += 1;
            if w.ends_with("-]") || w.ends_with("+}") {
                break;
            }
        }
        i = j;
    }
    let out = short.join(" ");
    if out.chars().count() > max {
        let cut: String = out.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::analyze::Analyzer;
    use super::*;
    use crate::rules::Lang;

    fn sets(a: &Analyzer, titles: &[&str]) -> Vec<Vec<Feature>> {
        titles.iter().map(|t| token_set(&a.tokens(t))).collect()
    }

    #[test]
    fn join_finds_reworded_questions_and_groups_identical_ones() {
        let a = Analyzer::new(Lang::En);
        let titles = [
            "How does the virus spread?",
            "In which ways is the virus spread?",
            "Can pets catch the virus?",
            "How does the virus spread?",
            "What is the incubation period?",
        ];
        let s = sets(&a, &titles);
        let w = Weights::new(&s, true);
        let edges = join(&s, &w, 0.5);
        let c = clusters(s.len(), &edges);
        assert_eq!(c, vec![vec![0, 1, 3]]);
    }

    #[test]
    fn prefix_filter_misses_nothing_brute_force_finds() {
        let a = Analyzer::new(Lang::Fr);
        let titles = [
            "Comment poser un congé payé ?",
            "Comment demander un congé payé ?",
            "Congé payé : comment le poser ?",
            "Quel est le salaire minimum ?",
            "Le salaire minimum en 2024",
            "Rupture conventionnelle du CDI",
            "Comment négocier une rupture conventionnelle ?",
            "Solde de tout compte",
            "Le solde de tout compte",
        ];
        let s = sets(&a, &titles);
        let w = Weights::new(&s, true);
        for t in [0.3, 0.5, 0.7] {
            let mut brute = UnionFind::new(s.len());
            for i in 0..s.len() {
                for j in i + 1..s.len() {
                    if w.similarity(&s[i], &s[j]) >= t {
                        brute.union(i, j);
                    }
                }
            }
            assert_eq!(
                clusters(s.len(), &join(&s, &w, t)),
                brute.clusters(),
                "t={t}"
            );
        }
    }

    #[test]
    fn union_find_clusters_transitively() {
        let mut uf = UnionFind::new(6);
        uf.union(4, 1);
        uf.union(1, 2);
        uf.union(3, 5);
        assert_eq!(uf.clusters(), vec![vec![1, 2, 4], vec![3, 5]]);
    }

    #[test]
    fn word_diff_marks_changes_on_one_line() {
        assert_eq!(
            word_diff(
                "Comment poser un congé ?",
                "Comment demander un congé ?",
                200
            ),
            "Comment [-poser-] {+demander+} un congé ?"
        );
        assert_eq!(
            word_diff(
                "Open the sign-in page now",
                "Call the support line now",
                200
            ),
            "[-Open-] {+Call+} the [-sign-in page-] {+support line+} now"
        );
        assert_eq!(word_diff("a  b", "a b", 200), "a b");
    }
}
