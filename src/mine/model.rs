//! The model of the customer's site search that `replay` and `mine` run searches through.
//!
//! The site search is the customer's engine, not ours: this model approximates it, and its
//! defaults are strict, the way a plain keyword search behaves (and the way
//! `kb-from-dataset` computes `nb_hits`):
//!
//! - text is lower-cased, accent-folded and split on anything that is not a letter or a
//!   digit (`Congés payés : l'employeur` → `conges payes l employeur`); tags are split the
//!   same way, so `conges-payes` gives `conges` and `payes`;
//! - an entry's terms are the words of its title and of its tags (`fields`);
//! - an entry is a hit when **every** query word is among its terms;
//! - taxonomy synonyms are expanded on the query side, as a one-way synonym of a search
//!   engine: a query word (or run of words) that is a synonym also matches the words of its
//!   canonical tag (`conge` → `conges`, when the taxonomy says `conge: conges`);
//! - no stemming, no stop word dropped, no typo tolerance.
//!
//! `[analytics.model]` loosens it: `stemming` (French/English Snowball, as `faqlint search`
//! does), `stop-words` (the locale's stop words are dropped from queries), `typos` (a word
//! of 5 letters or more matches a term one edit away, 9 letters or more two edits away, as
//! Algolia does; capped by the setting), `fields` (`title`, `tags`, `synonyms`: the
//! synonyms of the entry's tags, `body`), `synonyms = false` (no expansion).
//!
//! Searches of a locale only see the entries of that locale; searches without a locale see
//! every entry.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};

use crate::config::SearchModelConfig;
use crate::rules::Lang;
use crate::similarity::analyze::fold;
use crate::source::{Corpus, Entry, FileKind};

/// Words of a text as the strict model sees them: lower-cased, accent-folded, split on
/// non-alphanumerics.
pub fn words(text: &str) -> Vec<String> {
    fold(&text.to_lowercase())
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// French and English stop words, folded, for `stop-words = true`. Single letters left by
/// an elision (`l'`, `d'`, `qu'`) are dropped too.
const FR_STOP: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs",
    "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou",
    "par", "pas", "pour", "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "sa", "se",
    "ses", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "y", "etre", "avoir", "ai", "as", "ont", "ete", "comment", "puis", "peut",
    "peuvent", "faut", "fait", "si", "dois", "doit", "quoi", "l", "d", "j", "m", "n", "s", "t",
    "c", "jusqu", "lorsqu", "puisqu",
];

const EN_STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "did",
    "do", "does", "doing", "done", "for", "from", "had", "has", "have", "having", "he", "her",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
    "she", "should", "so", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "us", "was", "we", "were", "what", "when", "where", "which",
    "who", "whom", "why", "will", "with", "would", "you", "your", "may", "might", "must", "shall",
    "any", "some", "about", "get", "got", "s", "t",
];

/// Whether `word` (folded) is a stop word of `lang`.
pub fn is_stop_word(lang: Lang, word: &str) -> bool {
    match lang {
        Lang::Fr => FR_STOP.contains(&word),
        Lang::En => EN_STOP.contains(&word),
        Lang::Any => FR_STOP.contains(&word) || EN_STOP.contains(&word),
    }
}

/// Entry fields the model searches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: bool,
    pub tags: bool,
    pub synonyms: bool,
    pub body: bool,
}

/// The model's settings, resolved from `[analytics.model]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSettings {
    pub fields: Fields,
    pub stemming: bool,
    pub stop_words: bool,
    pub typos: u8,
    pub synonyms: bool,
}

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings::from_config(&SearchModelConfig::default())
    }
}

impl ModelSettings {
    pub fn from_config(c: &SearchModelConfig) -> ModelSettings {
        let has = |f: &str| c.fields.iter().any(|x| x.eq_ignore_ascii_case(f));
        ModelSettings {
            fields: Fields {
                title: has("title"),
                tags: has("tags"),
                synonyms: has("synonyms"),
                body: has("body"),
            },
            stemming: c.stemming,
            stop_words: c.stop_words,
            typos: c.typos.min(2),
            synonyms: c.synonyms,
        }
    }
}

/// An edit of the corpus whose effect on the search the model can replay.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModelEdit {
    /// Add `tag` to the entry (index into [`Corpus::entries`]).
    AddTag { entry: usize, tag: String },
    /// Declare `synonym` (as typed) a synonym of the tag `canonical` in the taxonomy
    /// vocabulary of `locale` (`""`: shared by every locale).
    AddSynonym {
        locale: String,
        synonym: String,
        canonical: String,
    },
}

/// One unit of a parsed query: alternatives, each a group of words that must all be
/// among the entry's terms (the literal word, or a synonym's canonical tag words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The query words this unit covers, as typed (normalised).
    pub text: Vec<String>,
    pub alternatives: Vec<Vec<String>>,
}

/// A query as the model parses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub locale: Option<String>,
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone)]
struct ModelEntry {
    locale: Option<String>,
    terms: BTreeSet<String>,
    tags: Vec<String>,
}

/// The strict (or configured) site-search model over one corpus, editable in memory.
#[derive(Debug, Clone)]
pub struct SearchModel {
    pub settings: ModelSettings,
    /// Model entries by index into `Corpus::entries` (`None`: drafts, navigation pages).
    entries: Vec<Option<ModelEntry>>,
    /// Term → entries holding it (sorted).
    postings: HashMap<String, Vec<usize>>,
    /// Taxonomy locale key (`""`: every locale) → synonym words → canonical tag.
    synonyms: HashMap<String, HashMap<Vec<String>, String>>,
    /// Longest synonym, in words.
    max_synonym_words: usize,
    /// The locale of every entry, when they all have the same one: the language of
    /// searches whose export gives none.
    sole_locale: Option<String>,
}

static FR_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::new(Algorithm::French));
static EN_STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::new(Algorithm::English));

impl SearchModel {
    /// Builds the model over every non-draft entry of the corpus.
    pub fn build(corpus: &Corpus, settings: ModelSettings) -> SearchModel {
        let mut model = SearchModel {
            settings,
            entries: Vec::with_capacity(corpus.entries.len()),
            postings: HashMap::new(),
            synonyms: HashMap::new(),
            max_synonym_words: 0,
            sole_locale: None,
        };
        for (locale, vocab) in &corpus.taxonomy.locales {
            for (synonym, (canonical, _)) in &vocab.synonyms {
                model.insert_synonym(locale, synonym, canonical);
            }
        }
        for e in &corpus.entries {
            let searchable = !e.draft && corpus.file(e.file).kind == FileKind::Entry;
            if !searchable {
                model.entries.push(None);
                continue;
            }
            let terms = model.entry_terms(corpus, e);
            model.entries.push(Some(ModelEntry {
                locale: e.locale.clone(),
                terms: BTreeSet::new(),
                tags: e.tags.iter().map(|t| t.value.clone()).collect(),
            }));
            let i = model.entries.len() - 1;
            for t in terms {
                model.add_term(i, t);
            }
        }
        let mut locales = model.entries.iter().flatten().map(|e| e.locale.as_deref());
        if let Some(Some(first)) = locales.next()
            && locales.all(|l| l == Some(first))
        {
            model.sole_locale = Some(first.to_string());
        }
        model
    }

    /// The locale of every entry, when they share one.
    pub fn sole_locale(&self) -> Option<&str> {
        self.sole_locale.as_deref()
    }

    fn insert_synonym(&mut self, locale: &str, synonym: &str, canonical: &str) {
        let key = self.normalise_words(&words(synonym), Lang::of(Some(locale)));
        if key.is_empty() {
            return;
        }
        self.max_synonym_words = self.max_synonym_words.max(key.len());
        self.synonyms
            .entry(locale.to_string())
            .or_default()
            .insert(key, canonical.to_string());
    }

    fn add_term(&mut self, entry: usize, term: String) {
        let Some(Some(e)) = self.entries.get_mut(entry) else {
            return;
        };
        if e.terms.insert(term.clone()) {
            let list = self.postings.entry(term).or_default();
            if let Err(at) = list.binary_search(&entry) {
                list.insert(at, entry);
            }
        }
    }

    fn stem(&self, lang: Lang, word: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        match lang {
            Lang::Fr => FR_STEMMER.stem(word).into_owned(),
            _ => EN_STEMMER.stem(word).into_owned(),
        }
    }

    /// Applies stemming when configured (words are already folded).
    fn normalise_words(&self, ws: &[String], lang: Lang) -> Vec<String> {
        if self.settings.stemming {
            ws.iter().map(|w| self.stem(lang, w)).collect()
        } else {
            ws.to_vec()
        }
    }

    fn tag_terms(&self, tag: &str, lang: Lang) -> Vec<String> {
        self.normalise_words(&words(tag), lang)
    }

    fn entry_terms(&self, corpus: &Corpus, e: &Entry) -> Vec<String> {
        let lang = Lang::of(e.locale.as_deref());
        let f = self.settings.fields;
        let mut out = Vec::new();
        if f.title
            && let Some(t) = &e.title
        {
            out.extend(self.normalise_words(&words(&t.value), lang));
        }
        if f.tags {
            for t in &e.tags {
                out.extend(self.tag_terms(&t.value, lang));
            }
        }
        if f.synonyms {
            for t in &e.tags {
                for s in self.synonyms_of(e.locale.as_deref(), &t.value) {
                    out.extend(s);
                }
            }
        }
        if f.body {
            let body = corpus.text(e.file).get(e.body_range.clone()).unwrap_or("");
            out.extend(self.normalise_words(&words(body), lang));
        }
        out
    }

    /// Synonym word groups whose canonical tag is `tag`.
    fn synonyms_of(&self, locale: Option<&str>, tag: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for key in [locale.unwrap_or(""), ""] {
            if let Some(m) = self.synonyms.get(key) {
                out.extend(
                    m.iter()
                        .filter(|(_, c)| c.as_str() == tag)
                        .map(|(k, _)| k.clone()),
                );
            }
            if locale.is_none() {
                break;
            }
        }
        out
    }

    /// The canonical tag of a synonym word group, in `locale`'s vocabulary or the shared one.
    fn canonical_of(&self, locale: Option<&str>, key: &[String]) -> Option<&str> {
        let mut keys = vec![""];
        match locale {
            Some(l) => keys.insert(0, l),
            // No locale: any vocabulary.
            None => {
                for (k, m) in &self.synonyms {
                    if let Some(c) = m.get(key) {
                        let _ = k;
                        return Some(c.as_str());
                    }
                }
                return None;
            }
        }
        keys.iter()
            .find_map(|k| self.synonyms.get(*k).and_then(|m| m.get(key)))
            .map(String::as_str)
    }

    /// Parses a (normalised) query: words, stop words dropped and stems taken when
    /// configured, synonym runs found (longest first).
    pub fn parse(&self, query: &str, locale: Option<&str>) -> ParsedQuery {
        let lang = Lang::of(locale.or(self.sole_locale.as_deref()));
        let raw: Vec<String> = words(query)
            .into_iter()
            .filter(|w| !(self.settings.stop_words && is_stop_word(lang, w)))
            .collect();
        let ws = self.normalise_words(&raw, lang);
        let mut units = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let mut taken = None;
            if self.settings.synonyms {
                let longest = self.max_synonym_words.min(ws.len() - i);
                for n in (1..=longest).rev() {
                    if let Some(c) = self.canonical_of(locale, &ws[i..i + n]) {
                        taken = Some((n, c.to_string()));
                        break;
                    }
                }
            }
            match taken {
                Some((n, canonical)) => {
                    let literal = ws[i..i + n].to_vec();
                    let target = self.tag_terms(&canonical, lang);
                    let mut alternatives = vec![literal.clone()];
                    if !target.is_empty() && target != literal {
                        alternatives.push(target);
                    }
                    units.push(Unit {
                        text: literal,
                        alternatives,
                    });
                    i += n;
                }
                None => {
                    units.push(Unit {
                        text: vec![ws[i].clone()],
                        alternatives: vec![vec![ws[i].clone()]],
                    });
                    i += 1;
                }
            }
        }
        // A word typed twice is one condition.
        let mut seen = BTreeSet::new();
        units.retain(|u| seen.insert(u.text.clone()));
        ParsedQuery {
            locale: locale.map(str::to_string),
            units,
        }
    }

    /// Terms within the typo tolerance of `word` (itself included).
    fn typo_terms(&self, word: &str) -> Vec<&str> {
        let n = word.chars().count();
        let allowed = match n {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        }
        .min(usize::from(self.settings.typos));
        if allowed == 0 {
            return self
                .postings
                .get_key_value(word)
                .map(|(k, _)| vec![k.as_str()])
                .unwrap_or_default();
        }
        self.postings
            .keys()
            .filter(|t| {
                t.chars().count().abs_diff(n) <= allowed
                    && strsim::damerau_levenshtein(t, word) <= allowed
            })
            .map(String::as_str)
            .collect()
    }

    /// Entries holding every word of the group.
    fn group_entries(&self, group: &[String]) -> Vec<usize> {
        let mut acc: Option<Vec<usize>> = None;
        for w in group {
            let mut list: Vec<usize> = if self.settings.typos > 0 {
                let mut l: Vec<usize> = self
                    .typo_terms(w)
                    .into_iter()
                    .filter_map(|t| self.postings.get(t))
                    .flatten()
                    .copied()
                    .collect();
                l.sort_unstable();
                l.dedup();
                l
            } else {
                self.postings.get(w).cloned().unwrap_or_default()
            };
            if let Some(prev) = acc {
                list = intersect(&prev, &list);
            }
            if list.is_empty() {
                return list;
            }
            acc = Some(list);
        }
        acc.unwrap_or_default()
    }

    /// The entries (indexes into `Corpus::entries`) the query finds.
    pub fn hits(&self, q: &ParsedQuery) -> Vec<usize> {
        if q.units.is_empty() {
            return Vec::new();
        }
        let mut acc: Option<Vec<usize>> = None;
        for u in &q.units {
            let mut union: Vec<usize> = u
                .alternatives
                .iter()
                .flat_map(|g| self.group_entries(g))
                .collect();
            union.sort_unstable();
            union.dedup();
            let next = match acc {
                Some(prev) => intersect(&prev, &union),
                None => union,
            };
            if next.is_empty() {
                return next;
            }
            acc = Some(next);
        }
        let mut hits = acc.unwrap_or_default();
        if let Some(l) = &q.locale {
            hits.retain(|&i| {
                self.entries
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|e| e.locale.as_deref() == Some(l.as_str()))
            });
        }
        hits
    }

    /// Whether the entry matches the query.
    pub fn matches(&self, q: &ParsedQuery, entry: usize) -> bool {
        self.missing_units(q, entry).is_some_and(|m| m.is_empty())
    }

    /// The query units the entry does not match (`None`: not a searchable entry of the
    /// query's locale).
    pub fn missing_units<'q>(&self, q: &'q ParsedQuery, entry: usize) -> Option<Vec<&'q Unit>> {
        let e = self.entries.get(entry)?.as_ref()?;
        if let Some(l) = &q.locale
            && e.locale.as_deref() != Some(l.as_str())
        {
            return None;
        }
        Some(
            q.units
                .iter()
                .filter(|u| {
                    !u.alternatives
                        .iter()
                        .any(|g| g.iter().all(|w| self.has_term(e, w)))
                })
                .collect(),
        )
    }

    fn has_term(&self, e: &ModelEntry, w: &str) -> bool {
        if self.settings.typos == 0 {
            return e.terms.contains(w);
        }
        self.typo_terms(w).iter().any(|t| e.terms.contains(*t))
    }

    /// The entry's terms (normalised), for callers that pick edits.
    pub fn terms(&self, entry: usize) -> Option<&BTreeSet<String>> {
        self.entries.get(entry)?.as_ref().map(|e| &e.terms)
    }

    /// The entry's locale.
    pub fn locale(&self, entry: usize) -> Option<&str> {
        self.entries.get(entry)?.as_ref()?.locale.as_deref()
    }

    /// The entry's tags, with the ones added by edits.
    pub fn tags(&self, entry: usize) -> Option<&[String]> {
        self.entries.get(entry)?.as_ref().map(|e| e.tags.as_slice())
    }

    /// The normalised terms of a tag, as the model would index them for `locale`.
    pub fn terms_of_tag(&self, tag: &str, locale: Option<&str>) -> Vec<String> {
        self.tag_terms(tag, Lang::of(locale))
    }

    /// Whether `words` (normalised) already is a synonym in `locale`'s vocabularies.
    pub fn is_synonym(&self, locale: Option<&str>, key: &[String]) -> bool {
        self.canonical_of(locale, key).is_some()
    }

    /// Applies an edit to the model.
    pub fn apply(&mut self, edit: &ModelEdit) {
        match edit {
            ModelEdit::AddTag { entry, tag } => {
                let locale = self
                    .entries
                    .get(*entry)
                    .and_then(Option::as_ref)
                    .map(|e| e.locale.clone());
                let Some(locale) = locale else { return };
                if self.settings.fields.tags {
                    for t in self.tag_terms(tag, Lang::of(locale.as_deref())) {
                        self.add_term(*entry, t);
                    }
                }
                if self.settings.fields.synonyms {
                    for s in self.synonyms_of(locale.as_deref(), tag) {
                        for t in s {
                            self.add_term(*entry, t);
                        }
                    }
                }
                if let Some(Some(e)) = self.entries.get_mut(*entry) {
                    e.tags.push(tag.clone());
                }
            }
            ModelEdit::AddSynonym {
                locale,
                synonym,
                canonical,
            } => {
                self.insert_synonym(locale, synonym, canonical);
                if self.settings.fields.synonyms {
                    let lang = Lang::of(Some(locale));
                    let key = self.normalise_words(&words(synonym), lang);
                    let holders: Vec<usize> = self
                        .entries
                        .iter()
                        .enumerate()
                        .filter_map(|(i, e)| {
                            let e = e.as_ref()?;
                            let in_locale =
                                locale.is_empty() || e.locale.as_deref() == Some(locale.as_str());
                            (in_locale && e.tags.iter().any(|t| t == canonical)).then_some(i)
                        })
                        .collect();
                    for i in holders {
                        for t in &key {
                            self.add_term(i, t.clone());
                        }
                    }
                }
            }
        }
    }
}

fn intersect(a: &[usize], b: &[usize]) -> Vec<usize> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Outcome of replaying a search log through the model.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReplayCounts {
    /// Searches (weighted by count).
    pub searches: u64,
    pub answered_searches: u64,
    pub zero_result_searches: u64,
    /// Distinct queries.
    pub queries: u64,
    pub answered_queries: u64,
    pub zero_result_queries: u64,
}

impl ReplayCounts {
    pub fn add(&mut self, count: u64, answered: bool) {
        self.searches += count;
        self.queries += 1;
        if answered {
            self.answered_searches += count;
            self.answered_queries += 1;
        } else {
            self.zero_result_searches += count;
            self.zero_result_queries += 1;
        }
    }

    /// Share of searches without results (0 when there are none).
    pub fn zero_result_rate(&self) -> f64 {
        if self.searches == 0 {
            0.0
        } else {
            self.zero_result_searches as f64 / self.searches as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus_of;

    const TAX: &str = "locales:\n  fr:\n    tags: [conges, conges-payes, paie]\n    synonyms:\n      conge: conges\n      bulletin de salaire: paie\n";

    fn corpus() -> Corpus {
        corpus_of(&[
            ("taxonomy.yml", TAX),
            (
                "fr/a/conges.md",
                "---\nid: a\ntitle: Combien de jours de repos ?\nlocale: fr\ntags: [conges-payes]\n---\nLe salarié a droit à 2,5 jours ouvrables.\n",
            ),
            (
                "fr/a/paie.md",
                "---\nid: b\ntitle: Quand la fiche est-elle versée ?\nlocale: fr\ntags: [paie]\n---\nChaque mois.\n",
            ),
            (
                "fr/a/preavis.md",
                "---\nid: c\ntitle: Quelle durée de préavis ?\nlocale: fr\ntags: []\n---\nUn mois.\n",
            ),
        ])
    }

    fn ids(corpus: &Corpus, hits: &[usize]) -> Vec<String> {
        hits.iter().map(|&i| corpus.entries[i].id.clone()).collect()
    }

    fn search(corpus: &Corpus, model: &SearchModel, q: &str) -> Vec<String> {
        ids(corpus, &model.hits(&model.parse(q, Some("fr"))))
    }

    #[test]
    fn strict_model_splits_tags_on_dashes() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        assert_eq!(search(&c, &m, "payes"), ["a"]);
        assert_eq!(search(&c, &m, "conges payes"), ["a"]);
        // Every word must match.
        assert!(search(&c, &m, "conges payes maladie").is_empty());
    }

    #[test]
    fn strict_model_folds_accents_and_case() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        assert_eq!(search(&c, &m, "Préavis"), ["c"]);
        assert_eq!(search(&c, &m, "DURÉE préavis"), ["c"]);
    }

    #[test]
    fn strict_model_expands_synonyms_one_way() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        // `conge` is a synonym of `conges`, which entry a has (from `conges-payes`).
        assert_eq!(search(&c, &m, "conge"), ["a"]);
        // A multi-word synonym.
        assert_eq!(search(&c, &m, "bulletin de salaire"), ["b"]);
        let off = ModelSettings {
            synonyms: false,
            ..ModelSettings::default()
        };
        let m = SearchModel::build(&c, off);
        assert!(search(&c, &m, "conge").is_empty());
    }

    #[test]
    fn strict_model_has_no_stemming_stop_words_or_typos_by_default() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        assert!(search(&c, &m, "jour repos").is_empty());
        assert!(search(&c, &m, "le préavis").is_empty());
        assert!(search(&c, &m, "préavys").is_empty());
        let loose = ModelSettings {
            stemming: true,
            stop_words: true,
            typos: 1,
            ..ModelSettings::default()
        };
        let m = SearchModel::build(&c, loose);
        assert_eq!(search(&c, &m, "jour repos"), ["a"]);
        assert_eq!(search(&c, &m, "le préavis"), ["c"]);
        assert_eq!(search(&c, &m, "préavys"), ["c"]);
    }

    #[test]
    fn body_field_is_opt_in() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        assert!(search(&c, &m, "ouvrables").is_empty());
        let mut s = ModelSettings::default();
        s.fields.body = true;
        let m = SearchModel::build(&c, s);
        assert_eq!(search(&c, &m, "ouvrables"), ["a"]);
    }

    #[test]
    fn edits_are_replayed() {
        let c = corpus();
        let mut m = SearchModel::build(&c, ModelSettings::default());
        assert!(search(&c, &m, "preavis demission").is_empty());
        m.apply(&ModelEdit::AddTag {
            entry: 2,
            tag: "demission".into(),
        });
        assert_eq!(search(&c, &m, "preavis demission"), ["c"]);
        assert!(search(&c, &m, "salaire").is_empty());
        m.apply(&ModelEdit::AddSynonym {
            locale: "fr".into(),
            synonym: "salaire".into(),
            canonical: "paie".into(),
        });
        assert_eq!(search(&c, &m, "salaire"), ["b"]);
    }

    #[test]
    fn locale_filters_entries() {
        let c = corpus();
        let m = SearchModel::build(&c, ModelSettings::default());
        assert!(m.hits(&m.parse("preavis", Some("en"))).is_empty());
        assert_eq!(ids(&c, &m.hits(&m.parse("preavis", None))), ["c"]);
    }
}
