//! An index of entry ids per locale, built once per corpus-wide rule call, shared by the
//! rules that resolve ids written elsewhere (`nav.yml` categories, `related` lists).

use rustc_hash::FxHashMap as HashMap;

use crate::source::{Corpus, Entry, FileKind, LoadProblem};

/// Per locale, (reversed id, id), sorted.
type ByEnd<'a> = HashMap<Option<&'a str>, Vec<(String, &'a str)>>;

/// Entry ids → indexes into `corpus.entries`. Navigation pages are not entries.
pub struct IdIndex<'a> {
    corpus: &'a Corpus,
    by_id: HashMap<&'a str, Vec<usize>>,
    /// Ids per locale (`None`: entries without a locale), for did-you-mean.
    ids_by_locale: HashMap<Option<&'a str>, Vec<&'a str>>,
    /// Entries whose front matter does not parse: their real id is unknown.
    unreadable: Vec<usize>,
    /// Per locale (and `None` for all), ids reversed and sorted: built on the first
    /// suggestion in a large repo.
    by_end: std::sync::OnceLock<ByEnd<'a>>,
}

impl<'a> IdIndex<'a> {
    pub fn new(corpus: &'a Corpus) -> IdIndex<'a> {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut ids_by_locale: HashMap<Option<&str>, Vec<&str>> = HashMap::default();
        let mut unreadable = Vec::new();
        for (i, e) in corpus.entries.iter().enumerate() {
            if !is_entry(corpus, e) {
                continue;
            }
            if is_unreadable(corpus, e) {
                unreadable.push(i);
            }
            by_id.entry(e.id.as_str()).or_default().push(i);
            ids_by_locale
                .entry(e.locale.as_deref())
                .or_default()
                .push(e.id.as_str());
        }
        for ids in ids_by_locale.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
        IdIndex {
            corpus,
            by_id,
            ids_by_locale,
            unreadable,
            by_end: std::sync::OnceLock::new(),
        }
    }

    /// Entries with this id, in any locale.
    pub fn all(&self, id: &str) -> impl Iterator<Item = (usize, &'a Entry)> + '_ {
        let corpus = self.corpus;
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .map(move |&i| (i, &corpus.entries[i]))
    }

    /// Entries with this id in `locale`; with `None`, in any locale.
    pub fn in_locale<'s>(
        &'s self,
        id: &str,
        locale: Option<&'s str>,
    ) -> impl Iterator<Item = (usize, &'a Entry)> + 's {
        self.all(id)
            .filter(move |(_, e)| locale.is_none() || e.locale.as_deref() == locale)
    }

    pub fn exists(&self, id: &str, locale: Option<&str>) -> bool {
        self.in_locale(id, locale).next().is_some()
    }

    /// An entry whose front matter does not parse but mentions `id` as a whole word: the
    /// id is probably its own, and `invalid-front-matter` already reports the cause.
    pub fn in_unreadable(&self, id: &str) -> Option<&'a Entry> {
        self.unreadable
            .iter()
            .map(|&i| &self.corpus.entries[i])
            .find(|e| {
                let text = self.corpus.text(e.file);
                let mut end = text.len().min(8192);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                mentions(&text[..end], id)
            })
    }

    /// The closest id (edit distance) among the entries of `locale` (all when `None`).
    ///
    /// Ids are sorted per locale, so on a large repo only the ids next to the wanted one,
    /// read forwards and backwards, are compared: a typo keeps either the start or the end
    /// of an id. Small repos compare every id.
    pub fn suggest(&self, id: &str, locale: Option<&str>) -> Option<&'a str> {
        let max = (id.chars().count() / 3).max(1);
        let len = id.chars().count();
        let close_len = move |c: &&str| c.chars().count().abs_diff(len) <= max;
        let pool: Vec<&'a str> = match locale {
            Some(l) => self
                .ids_by_locale
                .get(&Some(l))
                .map(|v| v.to_vec())
                .unwrap_or_default(),
            None => {
                let mut all: Vec<&str> = self.ids_by_locale.values().flatten().copied().collect();
                all.sort_unstable();
                all.dedup();
                all
            }
        };
        if pool.len() <= NEAR_ALL {
            return super::did_you_mean(id, pool.into_iter().filter(close_len));
        }
        let mut near = neighbours(&pool, id);
        let reversed: String = id.chars().rev().collect();
        let all_by_end = self.by_end.get_or_init(|| {
            let reverse = |ids: &mut dyn Iterator<Item = &'a str>| {
                let mut v: Vec<(String, &'a str)> = ids
                    .map(|p| (p.chars().rev().collect::<String>(), p))
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let mut m: ByEnd<'a> = self
                .ids_by_locale
                .iter()
                .map(|(l, ids)| (*l, reverse(&mut ids.iter().copied())))
                .collect();
            let all = reverse(&mut self.ids_by_locale.values().flatten().copied());
            m.insert(None, all);
            m
        });
        let key = locale.and_then(|l| self.ids_by_locale.get_key_value(&Some(l)).map(|(k, _)| *k));
        let empty = Vec::new();
        let by_end = all_by_end.get(&key.unwrap_or(None)).unwrap_or(&empty);
        let at = by_end.partition_point(|(r, _)| r.as_str() < reversed.as_str());
        let lo = at.saturating_sub(NEIGHBOURS);
        let hi = (at + NEIGHBOURS).min(by_end.len());
        near.extend(by_end[lo..hi].iter().map(|(_, p)| *p));
        super::did_you_mean(id, near.into_iter().filter(close_len))
    }
}

/// Below this many ids, every id is compared.
const NEAR_ALL: usize = 5_000;
/// How many sorted neighbours on each side are compared on a large repo.
const NEIGHBOURS: usize = 64;

/// The ids around where `id` would sort in `sorted`.
fn neighbours<'a>(sorted: &[&'a str], id: &str) -> Vec<&'a str> {
    let at = sorted.partition_point(|p| *p < id);
    let lo = at.saturating_sub(NEIGHBOURS);
    let hi = (at + NEIGHBOURS).min(sorted.len());
    sorted[lo..hi].to_vec()
}

/// True for an entry file (not a navigation page).
pub fn is_entry(corpus: &Corpus, e: &Entry) -> bool {
    corpus.file(e.file).kind == FileKind::Entry
}

/// True when the entry's front matter is there but does not parse (so its id, locale and
/// lists are unknown).
pub fn is_unreadable(corpus: &Corpus, e: &Entry) -> bool {
    corpus.file(e.file).problems.iter().any(|p| {
        matches!(
            p,
            LoadProblem::InvalidYaml { .. }
                | LoadProblem::UnclosedFrontMatter
                | LoadProblem::Binary
        )
    })
}

/// `word` occurs in `text` with no id character on either side.
fn mentions(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let is_id = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_id) && !after.is_some_and(is_id)
    })
}
