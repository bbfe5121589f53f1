//! Clusters of zero-result queries.
//!
//! Queries are keyed by their analysed form: the sorted set of their stems (stop words
//! dropped, accents folded), in their locale. Same key, same cluster: that groups word-order
//! variants (`preavis demission` / `demission preavis`), inflections (`congé payé` / `congés
//! payés`) and accent or case variants. Keys with as many words whose words pair up within
//! the typo tolerance (1 edit from 5 letters, 2 from 9; shorter words must be equal) are then
//! merged, so `licenciment` joins `licenciement`.

use std::collections::HashMap;

/// Groups queries (`(locale, sorted key, searches)`) into clusters of their indexes; the
/// clusters are sorted by searches (most first), members by searches too.
pub fn cluster(keyed: &[(Option<String>, Vec<String>, u64)]) -> Vec<Vec<usize>> {
    // Exact keys first.
    let mut exact: HashMap<(&Option<String>, &Vec<String>), usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, (locale, key, _)) in keyed.iter().enumerate() {
        match exact.get(&(locale, key)) {
            Some(&g) => groups[g].push(i),
            None => {
                exact.insert((locale, key), groups.len());
                groups.push(vec![i]);
            }
        }
    }
    // Typo variants: union-find over groups with keys of the same length, in buckets of
    // (locale, word count, total length ± 2).
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    let mut buckets: HashMap<(&Option<String>, usize), Vec<usize>> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        let (locale, key, _) = &keyed[members[0]];
        if key.is_empty() {
            continue;
        }
        buckets.entry((locale, key.len())).or_default().push(g);
    }
    for list in buckets.values() {
        let mut sorted: Vec<(usize, usize)> = list
            .iter()
            .map(|&g| (total_len(&keyed[groups[g][0]].1), g))
            .collect();
        sorted.sort_unstable();
        for a in 0..sorted.len() {
            for b in a + 1..sorted.len() {
                if sorted[b].0 > sorted[a].0 + 2 {
                    break;
                }
                let (ga, gb) = (sorted[a].1, sorted[b].1);
                if typo_variants(&keyed[groups[ga][0]].1, &keyed[groups[gb][0]].1) {
                    let (ra, rb) = (find(&mut parent, ga), find(&mut parent, gb));
                    if ra != rb {
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        }
    }
    let mut merged: HashMap<usize, Vec<usize>> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        let r = find(&mut parent, g);
        merged.entry(r).or_default().extend(members.iter().copied());
    }
    let mut out: Vec<Vec<usize>> = merged.into_values().collect();
    for c in &mut out {
        c.sort_by(|a, b| keyed[*b].2.cmp(&keyed[*a].2).then(a.cmp(b)));
    }
    let weight = |c: &Vec<usize>| c.iter().map(|&i| keyed[i].2).sum::<u64>();
    out.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a[0].cmp(&b[0])));
    out
}

fn total_len(key: &[String]) -> usize {
    key.iter().map(String::len).sum()
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Same number of words, each pair (in sorted order) equal or within the typo tolerance,
/// and at least one pair equal or long (two short keys one letter apart are not variants).
fn typo_variants(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x == y || {
                let n = x.chars().count().min(y.chars().count());
                let allowed = match n {
                    0..=4 => 0,
                    5..=8 => 1,
                    _ => 2,
                };
                allowed > 0 && strsim::damerau_levenshtein(x, y) <= allowed
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(locale: &str, words: &[&str], n: u64) -> (Option<String>, Vec<String>, u64) {
        let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        w.sort();
        (Some(locale.to_string()), w, n)
    }

    #[test]
    fn same_key_and_typos_merge_locales_do_not() {
        let keyed = vec![
            k("fr", &["demission", "preavis"], 3),
            k("fr", &["preavis", "demission"], 5),
            k("fr", &["demision", "preavis"], 1),
            k("en", &["demission", "preavis"], 2),
            k("fr", &["cdd"], 9),
            k("fr", &["cdi"], 1),
        ];
        let c = cluster(&keyed);
        // Ties on searches keep the first query's order.
        assert_eq!(c[0], vec![1, 0, 2]);
        assert_eq!(c[1], vec![4]);
        assert!(c.contains(&vec![3]));
        // Short words one letter apart are different words.
        assert!(c.contains(&vec![5]));
    }
}
