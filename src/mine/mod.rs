//! Search mining: turns what visitors searched for (and did not find) into edits of the
//! knowledge base, and replays the searches to show what each edit would change.
//!
//! # Design
//!
//! 1. **Replay** ([`model`]): every query of the search log runs through a model of the
//!    customer's site search (strict by default: every query word among the entry's title
//!    and tag words, taxonomy synonyms expanded). Queries it finds nothing for are the
//!    zero-result queries, weighted by their number of searches.
//! 2. **Clusters** ([`cluster`]): zero-result queries with the same analysed form (French
//!    or English stems, stop words dropped, accents folded, word order ignored) form one
//!    cluster; clusters whose words are typo variants of each other (one edit for words of
//!    5 letters or more, two for 9 or more) are merged.
//! 3. **Relaxed match**: each cluster's most searched queries run through the tantivy
//!    index of [`crate::index`] (BM25 over title, tags and body, stemmed): the best entry
//!    is the candidate. It is kept only when every analysed query word occurs in the entry
//!    (title, tags or body) and one of them in its title or tags; when most words occur
//!    nowhere in the best entry, the cluster is a **content gap**.
//! 4. **Minimal edit** that makes the *strict* model find the candidate, per missing
//!    query word, in this order of preference:
//!    - `add-synonym`: the word is a variant (same stem, or a typo) of a term the entry
//!      already has and that term is a taxonomy tag: the word becomes a synonym of that
//!      tag in the taxonomy, which serves every entry with the tag's word, and every
//!      future search with that spelling;
//!    - `add-tag` with a taxonomy tag: the word is a tag of the taxonomy (or a variant of
//!      one, then with the synonym too);
//!    - `add-tag` with a new tag (only with the rule option `new-tags`).
//!
//!    A cluster needing more than `max-missing-words` new tags, or pushing its entry over
//!    the `too-many-tags` limit, gets no edit: stuffing query words into tags is not the
//!    point.
//! 5. **Greedy ranking**: the candidate edits (one bundle per cluster) are ranked by the
//!    zero-result searches each would answer when applied after the ones before it (lazy
//!    greedy: gains only shrink). `before`/`after` of each suggestion are the zero-result
//!    searches before and after it in that order, so the last `after` is the total after
//!    all suggestions.
//! 6. **Votes**: entries with enough votes and a high share of down votes get a
//!    `review-entry` suggestion with their reasons; queries that showed results and got
//!    no click (when the export tells) a `no-click` suggestion.

pub mod cluster;
pub mod edits;
pub mod input;
pub mod model;
pub mod report;

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};

use serde::Serialize;

use crate::analytics::{SearchLog, VoteTable};
use crate::config::Config;
use crate::index::EntryIndex;
use crate::rules::Lang;
use crate::similarity::analyze::{Analyzer, fold};
use crate::source::{Corpus, FileKind};

pub use input::MineInput;
use model::{ModelEdit, ModelSettings, ParsedQuery, SearchModel};

/// What kind of suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    AddTag,
    AddSynonym,
    ContentGap,
    ReviewEntry,
    NoClick,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::AddTag => "add-tag",
            Kind::AddSynonym => "add-synonym",
            Kind::ContentGap => "content-gap",
            Kind::ReviewEntry => "review-entry",
            Kind::NoClick => "no-click",
        }
    }
}

/// Settings of a mining run: from `[analytics]` and the `search` rules' options.
#[derive(Debug, Clone)]
pub struct MineSettings {
    pub model: ModelSettings,
    pub cost_per_contact: f64,
    pub deflection_rate: f64,
    /// `[analytics] votes-key`: the front-matter field the votes export keys entries by.
    pub votes_key: Option<String>,
    /// `too-many-tags`' `max` (0: no limit).
    pub max_tags: usize,
    /// Smallest number of searches for a suggestion.
    pub min_searches: u64,
    /// Most new tags one cluster may add to its entry.
    pub max_missing_words: usize,
    /// Propose tags that the taxonomy does not list (they are added to it).
    pub new_tags: bool,
    /// Report clusters no entry answers.
    pub content_gaps: bool,
    /// `low-rated-entry`: fewest votes, and lowest share of down votes, to report.
    pub min_votes: u64,
    pub down_ratio: f64,
    /// `no-click`: share of searches without a click to report a query.
    pub no_click_ratio: f64,
    /// Candidates scoring below this share of the best entry's score are not considered.
    pub min_relative_score: f32,
    /// Fewest distinct queries an edit must answer (a word seen in one query only is weak
    /// evidence).
    pub min_queries: usize,
}

impl Default for MineSettings {
    fn default() -> Self {
        MineSettings {
            model: ModelSettings::default(),
            cost_per_contact: 6.0,
            deflection_rate: 0.1,
            votes_key: None,
            max_tags: 8,
            min_searches: 1,
            max_missing_words: 2,
            new_tags: false,
            content_gaps: true,
            min_votes: 5,
            down_ratio: 0.5,
            no_click_ratio: 0.8,
            min_relative_score: 0.6,
            min_queries: 1,
        }
    }
}

impl MineSettings {
    /// From the config's `[analytics]` and the options of the active `search` rules (or
    /// their defaults).
    pub fn from_config(config: &Config) -> MineSettings {
        let a = &config.analytics;
        let opt = |rule: &str, key: &str| -> Option<toml::Value> {
            config
                .rules
                .get(rule)
                .and_then(|r| r.options.get(key).cloned())
                .or_else(|| {
                    crate::rules::registry::get(rule)
                        .and_then(|d| d.meta.options.get(key).map(|m| m.default.clone()))
                })
        };
        let int = |rule: &str, key: &str, d: i64| {
            opt(rule, key)
                .and_then(|v| v.as_integer())
                .unwrap_or(d)
                .max(0)
        };
        let float = |rule: &str, key: &str, d: f64| {
            opt(rule, key)
                .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                .unwrap_or(d)
        };
        let boolean =
            |rule: &str, key: &str, d: bool| opt(rule, key).and_then(|v| v.as_bool()).unwrap_or(d);
        let d = MineSettings::default();
        MineSettings {
            model: ModelSettings::from_config(&a.model),
            cost_per_contact: a.cost_per_contact,
            deflection_rate: a.deflection_rate,
            votes_key: a.votes_key.clone(),
            max_tags: usize::try_from(int("too-many-tags", "max", 8)).unwrap_or(8),
            min_searches: u64::try_from(int("zero-result-query", "min-searches", 1)).unwrap_or(1),
            max_missing_words: usize::try_from(int(
                "zero-result-query",
                "max-missing-words",
                d.max_missing_words as i64,
            ))
            .unwrap_or(d.max_missing_words),
            new_tags: boolean("zero-result-query", "new-tags", d.new_tags),
            content_gaps: boolean("zero-result-query", "content-gaps", d.content_gaps),
            min_votes: u64::try_from(int("low-rated-entry", "min-votes", 5)).unwrap_or(5),
            down_ratio: float("low-rated-entry", "down-ratio", d.down_ratio),
            no_click_ratio: float("zero-result-query", "no-click-ratio", d.no_click_ratio),
            min_relative_score: float(
                "zero-result-query",
                "min-relative-score",
                f64::from(d.min_relative_score),
            )
            .clamp(0.0, 1.0) as f32,
            min_queries: usize::try_from(int(
                "zero-result-query",
                "min-queries",
                d.min_queries as i64,
            ))
            .unwrap_or(d.min_queries),
        }
    }
}

/// Votes of an entry, for a `review-entry` suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoteSummary {
    pub up: u64,
    pub down: u64,
    pub reasons: Vec<(String, u64)>,
}

/// One suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub kind: Kind,
    /// Index into `Corpus::entries` of the entry found (add-tag, add-synonym) or to review.
    pub entry: Option<usize>,
    pub locale: Option<String>,
    /// Tags to add to the entry (add-tag), or the tag a synonym points to (add-synonym).
    pub tags: Vec<String>,
    /// Synonyms to add to the taxonomy: (synonym, canonical tag).
    pub synonyms: Vec<(String, String)>,
    /// Tags that the taxonomy does not list yet (added to it with the edit).
    pub new_tags: Vec<String>,
    /// Searches it serves: zero-result searches it answers (edits), searches of the
    /// cluster (content gap, no click), down votes (review).
    pub searches: u64,
    /// Example queries (display spelling), most searched first.
    pub queries: Vec<String>,
    /// Zero-result searches before and after the edit (edits only).
    pub before: Option<u64>,
    pub after: Option<u64>,
    pub votes: Option<VoteSummary>,
    pub edits: Vec<ModelEdit>,
}

/// Totals of a mining run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Searches and distinct queries read.
    pub searches: u64,
    pub queries: u64,
    /// Zero-result searches (and queries) under the model, before and after every edit.
    pub zero_result_searches_before: u64,
    pub zero_result_searches_after: u64,
    pub zero_result_queries_before: u64,
    pub zero_result_queries_after: u64,
    /// Searches the edits turn into answered searches.
    pub answered_by_edits: u64,
    pub clusters: u64,
    pub suggestions: u64,
    pub content_gap_searches: u64,
    /// Estimate: newly answered searches × deflection rate.
    pub contacts_avoided_estimate: f64,
    /// Estimate: contacts avoided × cost per contact.
    pub cost_avoided_estimate: f64,
    pub cost_per_contact: f64,
    pub deflection_rate: f64,
    pub currency: &'static str,
}

/// The result of mining.
#[derive(Debug, Clone, Default)]
pub struct MineResult {
    pub suggestions: Vec<Suggestion>,
    pub summary: Summary,
}

/// A parsed zero-result query.
struct ZeroQuery {
    stat: usize,
    /// The normalised query and its locale, to parse again after an edit.
    text: String,
    parsed: ParsedQuery,
    count: u64,
}

/// Replays the log through the model: per query, its hits.
pub fn replay(model: &SearchModel, log: &SearchLog) -> Vec<Vec<usize>> {
    log.queries
        .iter()
        .map(|q| model.hits(&model.parse(&q.query, q.locale.as_deref())))
        .collect()
}

/// Relaxed analysed tokens (stems, stop words dropped) of a text, accents folded *first*:
/// queries arrive folded, so both sides are stemmed from folded words.
fn relaxed(locale: Option<&str>, text: &str) -> Vec<String> {
    Analyzer::new(Lang::of(locale)).tokens(&fold(text))
}

/// Relaxed tokens of an entry: (title and tags, everything).
struct EntryTokens {
    title_tags: HashSet<String>,
    all: HashSet<String>,
}

fn entry_tokens(corpus: &Corpus, i: usize) -> EntryTokens {
    let e = &corpus.entries[i];
    let a = Analyzer::new(Lang::of(e.locale.as_deref()));
    let mut title_tags: HashSet<String> = HashSet::new();
    if let Some(t) = &e.title {
        title_tags.extend(a.tokens(&fold(&t.value)));
    }
    for t in &e.tags {
        title_tags.extend(a.tokens(&fold(&t.value.replace('-', " "))));
    }
    let mut all = title_tags.clone();
    let body = corpus.text(e.file).get(e.body_range.clone()).unwrap_or("");
    all.extend(a.tokens(&fold(body)));
    EntryTokens { title_tags, all }
}

/// Single-word tags of a locale: strict term → tag. The taxonomy's tag list when it has
/// one for the locale; else the tags the locale's entries use (a site without a taxonomy
/// still has a tag vocabulary: its own).
fn tag_terms(
    corpus: &Corpus,
    model: &SearchModel,
    locale: Option<&str>,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut add = |tag: &str| {
        let t = model.terms_of_tag(tag, locale);
        if let [one] = t.as_slice() {
            out.entry(one.clone()).or_insert_with(|| tag.to_string());
        }
    };
    if corpus.taxonomy.has_tags_for(locale) {
        for v in corpus.taxonomy.vocabularies(locale) {
            for tag in v.tags.keys() {
                add(tag);
            }
        }
    } else {
        let mut used: Vec<&str> = corpus
            .entries
            .iter()
            .filter(|e| locale.is_none() || e.locale.as_deref() == locale)
            .flat_map(|e| e.tags.iter().map(|t| t.value.as_str()))
            .collect();
        used.sort_unstable();
        used.dedup();
        for tag in used {
            add(tag);
        }
    }
    out
}

/// Typo tolerance between two words (Algolia's: 1 edit from 5 letters, 2 from 9).
fn within_typo(a: &str, b: &str) -> bool {
    let n = a.chars().count().min(b.chars().count());
    let allowed = match n {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    allowed > 0 && strsim::damerau_levenshtein(a, b) <= allowed
}

/// `w` is a spelling variant of `t`: a typo (within the tolerance), or the same stem at
/// most two edits away (`conge`/`conges`, not `aide`/`aidant`).
fn is_variant(locale: Option<&str>, w: &str, t: &str, w_stem: &[String]) -> bool {
    within_typo(w, t)
        || !w_stem.is_empty()
            && strsim::damerau_levenshtein(w, t) <= 2
            && relaxed(locale, t) == w_stem
}

/// A candidate edit bundle from one cluster.
struct Candidate {
    entry: usize,
    edits: Vec<ModelEdit>,
    new_tags: Vec<String>,
}

/// Mines the search log (and votes) against the corpus.
pub fn mine(corpus: &Corpus, input: &MineInput) -> MineResult {
    let s = &input.settings;
    let log = &input.searches;
    let base = SearchModel::build(corpus, s.model.clone());

    // 1. Replay.
    let mut summary = Summary {
        cost_per_contact: s.cost_per_contact,
        deflection_rate: s.deflection_rate,
        currency: "EUR",
        ..Summary::default()
    };
    let mut zero: Vec<ZeroQuery> = Vec::new();
    for (i, q) in log.queries.iter().enumerate() {
        let parsed = base.parse(&q.query, q.locale.as_deref());
        summary.searches += q.count;
        summary.queries += 1;
        if base.hits(&parsed).is_empty() {
            summary.zero_result_searches_before += q.count;
            summary.zero_result_queries_before += 1;
            zero.push(ZeroQuery {
                stat: i,
                text: q.query.clone(),
                parsed,
                count: q.count,
            });
        }
    }

    // 2. Clusters.
    let keyed: Vec<(Option<String>, Vec<String>, u64)> = zero
        .iter()
        .map(|z| {
            let q = &log.queries[z.stat];
            let mut key = relaxed(q.locale.as_deref().or(base.sole_locale()), display(q));
            key.sort();
            key.dedup();
            (q.locale.clone(), key, z.count)
        })
        .collect();
    let clusters = cluster::cluster(&keyed);
    summary.clusters = clusters.len() as u64;

    // 3-4. Relaxed match and edits per cluster.
    let index = EntryIndex::build(corpus).ok();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut gaps: Vec<(usize, u64)> = Vec::new();
    let mut token_cache: HashMap<usize, EntryTokens> = HashMap::new();
    let mut tag_cache: HashMap<Option<String>, HashMap<String, String>> = HashMap::new();
    for (ci, members) in clusters.iter().enumerate() {
        let weight: u64 = members.iter().map(|&m| zero[m].count).sum();
        let first = &log.queries[zero[members[0]].stat];
        let locale = first.locale.as_deref().or(base.sole_locale());
        let Some(index) = &index else { break };
        // Aggregate BM25 over the three most searched members, each normalised to its top.
        let mut scores: BTreeMap<usize, f32> = BTreeMap::new();
        for &m in members.iter().take(3) {
            let q = &log.queries[zero[m].stat];
            let Ok(hits) = index.search(display(q), locale, 5) else {
                continue;
            };
            let top = hits.first().map_or(1.0, |h| h.score.max(f32::EPSILON));
            for h in hits {
                *scores.entry(h.entry).or_default() += h.score / top * zero[m].count as f32;
            }
        }
        let key = &keyed[members[0]].1;
        if key.is_empty() {
            continue;
        }
        // The best-scored entry decides content gap or not; among the well-scored ones
        // that contain every query word somewhere, the one needing the fewest edits is
        // the candidate (the minimal edit), then the best score.
        let mut ranked: Vec<(usize, f32)> = scores.iter().map(|(&e, &sc)| (e, sc)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(top, top_score)) = ranked.first() else {
            gaps.push((ci, weight));
            continue;
        };
        let toks = token_cache
            .entry(top)
            .or_insert_with(|| entry_tokens(corpus, top));
        let found = key.iter().filter(|k| toks.all.contains(*k)).count();
        let anchored = key.iter().any(|k| toks.title_tags.contains(k));
        if found * 2 < key.len() || !anchored && found < key.len() {
            gaps.push((ci, weight));
            continue;
        }
        let top_query = &zero[members[0]].parsed;
        let mut viable: Vec<(usize, usize, f32)> = Vec::new();
        for &(e, sc) in &ranked {
            if sc < top_score * s.min_relative_score {
                continue;
            }
            let toks = token_cache
                .entry(e)
                .or_insert_with(|| entry_tokens(corpus, e));
            let covered = key.iter().all(|k| toks.all.contains(k))
                && key.iter().any(|k| toks.title_tags.contains(k));
            if !covered {
                continue;
            }
            let missing = base
                .missing_units(top_query, e)
                .map_or(usize::MAX, |m| m.len());
            viable.push((missing, e, sc));
        }
        viable.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        let tags = tag_cache
            .entry(locale.map(str::to_string))
            .or_insert_with(|| tag_terms(corpus, &base, locale));
        for (_, entry, _) in viable {
            let toks = token_cache
                .entry(entry)
                .or_insert_with(|| entry_tokens(corpus, entry));
            if let Some(c) = edits_for(corpus, &base, s, tags, entry, members, &zero, toks) {
                candidates.push(c);
                break;
            }
        }
    }

    // 5. Lazy greedy ranking by marginal gain.
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (zi, z) in zero.iter().enumerate() {
        let words: BTreeSet<&String> = z
            .parsed
            .units
            .iter()
            .flat_map(|u| u.text.iter().chain(u.alternatives.iter().flatten()))
            .collect();
        for w in words {
            by_word.entry(w.clone()).or_default().push(zi);
        }
    }
    let mut working = base.clone();
    let mut answered = vec![false; zero.len()];
    let mut remaining_zero = summary.zero_result_searches_before;
    let mut heap: BinaryHeap<(u64, std::cmp::Reverse<usize>)> = BinaryHeap::new();
    for (i, c) in candidates.iter().enumerate() {
        let (gain, _) = gain_of(&working, c, &zero, &answered, &by_word);
        if gain > 0 {
            heap.push((gain, std::cmp::Reverse(i)));
        }
    }
    let mut suggestions = Vec::new();
    let mut applied: HashSet<ModelEdit> = HashSet::new();
    while let Some((old, std::cmp::Reverse(i))) = heap.pop() {
        let c = &candidates[i];
        let (gain, newly) = gain_of(&working, c, &zero, &answered, &by_word);
        if gain == 0 {
            continue;
        }
        if gain < old
            && let Some(&(next, _)) = heap.peek()
            && gain < next
        {
            heap.push((gain, std::cmp::Reverse(i)));
            continue;
        }
        if gain < s.min_searches || newly.len() < s.min_queries {
            continue;
        }
        let fresh: Vec<ModelEdit> = c
            .edits
            .iter()
            .filter(|e| !applied.contains(*e))
            .cloned()
            .collect();
        // The entry's tag budget: never over `too-many-tags` (a bound that holds across
        // the fix engine's passes, unlike a per-run count).
        let new_tags = fresh
            .iter()
            .filter(|e| matches!(e, ModelEdit::AddTag { .. }))
            .count();
        let current = working.tags(c.entry).map_or(0, <[String]>::len);
        if new_tags > 0 && s.max_tags > 0 && current + new_tags > s.max_tags {
            continue;
        }
        for e in &fresh {
            working.apply(e);
            applied.insert(e.clone());
        }
        let mut served: Vec<(u64, usize)> = Vec::new();
        for &zi in &newly {
            answered[zi] = true;
            served.push((zero[zi].count, zero[zi].stat));
        }
        served.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let before = remaining_zero;
        remaining_zero -= gain;
        suggestions.push(edit_suggestion(
            corpus,
            log,
            c,
            fresh,
            gain,
            &served,
            before,
            remaining_zero,
        ));
    }
    summary.zero_result_searches_after = remaining_zero;
    summary.zero_result_queries_after =
        summary.zero_result_queries_before - answered.iter().filter(|a| **a).count() as u64;
    summary.answered_by_edits = summary.zero_result_searches_before - remaining_zero;
    summary.contacts_avoided_estimate = summary.answered_by_edits as f64 * s.deflection_rate;
    summary.cost_avoided_estimate = summary.contacts_avoided_estimate * s.cost_per_contact;

    // Content gaps: clusters none of whose queries the edits answered.
    if s.content_gaps {
        for (ci, weight) in gaps {
            let members = &clusters[ci];
            if members.iter().any(|&m| answered[m]) || weight < s.min_searches {
                continue;
            }
            let first = &log.queries[zero[members[0]].stat];
            summary.content_gap_searches += weight;
            suggestions.push(Suggestion {
                kind: Kind::ContentGap,
                entry: None,
                locale: first.locale.clone(),
                tags: Vec::new(),
                synonyms: Vec::new(),
                new_tags: Vec::new(),
                searches: weight,
                queries: examples(log, members.iter().map(|&m| zero[m].stat)),
                before: None,
                after: None,
                votes: None,
                edits: Vec::new(),
            });
        }
    }

    // 6. No clicks and votes.
    suggestions.extend(no_click(corpus, log, s));
    if let Some(votes) = &input.votes {
        suggestions.extend(review_entries(corpus, votes, s));
    }
    summary.suggestions = suggestions.len() as u64;
    MineResult {
        suggestions,
        summary,
    }
}

fn display(q: &crate::analytics::QueryStat) -> &str {
    if q.display.is_empty() {
        &q.query
    } else {
        &q.display
    }
}

/// Example queries kept per suggestion.
const MAX_QUERIES: usize = 20;

/// Up to [`MAX_QUERIES`] example queries, most searched first.
fn examples(log: &SearchLog, stats: impl Iterator<Item = usize>) -> Vec<String> {
    let mut v: Vec<usize> = stats.collect();
    v.sort_by(|a, b| {
        log.queries[*b]
            .count
            .cmp(&log.queries[*a].count)
            .then(a.cmp(b))
    });
    v.into_iter()
        .take(MAX_QUERIES)
        .map(|i| display(&log.queries[i]).to_string())
        .collect()
}

/// The zero-result searches the candidate's edits would answer on top of `working`.
fn gain_of(
    working: &SearchModel,
    c: &Candidate,
    zero: &[ZeroQuery],
    answered: &[bool],
    by_word: &HashMap<String, Vec<usize>>,
) -> (u64, Vec<usize>) {
    let mut m = working.clone();
    let mut affected: BTreeSet<usize> = BTreeSet::new();
    for e in &c.edits {
        m.apply(e);
        let ws: Vec<String> = match e {
            ModelEdit::AddTag { tag, entry } => m.terms_of_tag(tag, m.locale(*entry)),
            ModelEdit::AddSynonym {
                synonym, locale, ..
            } => m.terms_of_tag(synonym, Some(locale.as_str()).filter(|l| !l.is_empty())),
        };
        for w in ws {
            if let Some(list) = by_word.get(&w) {
                affected.extend(list.iter().copied().filter(|&z| !answered[z]));
            }
        }
    }
    let mut gain = 0;
    let mut newly = Vec::new();
    for z in affected {
        // Parse again: a new synonym may change the query's units.
        let parsed = m.parse(&zero[z].text, zero[z].parsed.locale.as_deref());
        if !m.hits(&parsed).is_empty() {
            gain += zero[z].count;
            newly.push(z);
        }
    }
    (gain, newly)
}

/// The minimal edits that make the strict model find `entry` for the cluster's queries.
#[allow(clippy::too_many_arguments)]
fn edits_for(
    corpus: &Corpus,
    base: &SearchModel,
    s: &MineSettings,
    tags: &HashMap<String, String>,
    entry: usize,
    members: &[usize],
    zero: &[ZeroQuery],
    toks: &EntryTokens,
) -> Option<Candidate> {
    let e = &corpus.entries[entry];
    let locale = e.locale.as_deref();
    let lang = Lang::of(locale);
    let taxonomy_key = if corpus.taxonomy.locales.contains_key(locale.unwrap_or("")) {
        locale.unwrap_or("").to_string()
    } else {
        String::new()
    };
    let has_tag_list = corpus.taxonomy.has_tags_for(locale);
    // Synonyms live in the taxonomy file: none to propose without one.
    let can_add_synonyms = corpus.taxonomy.file.is_some();
    let mut model = base.clone();
    let mut edits: Vec<ModelEdit> = Vec::new();
    let mut new_tags: Vec<String> = Vec::new();
    let mut added_tags = 0usize;
    let current = e.tags.len();
    for &m in members {
        let q = &zero[m].parsed;
        let Some(missing) = model.missing_units(q, entry) else {
            continue;
        };
        if missing.is_empty() {
            continue;
        }
        let mut local: Vec<ModelEdit> = Vec::new();
        let mut local_new: Vec<String> = Vec::new();
        let mut local_tags = 0usize;
        let mut ok = true;
        for u in missing {
            let [w] = u.text.as_slice() else {
                ok = false;
                break;
            };
            if w.chars().count() < 2 || w.chars().all(|c| c.is_ascii_digit()) && w.len() < 2 {
                ok = false;
                break;
            }
            let stem = relaxed(locale, w);
            let terms = model.terms(entry).cloned().unwrap_or_default();
            // a. A variant of a term the entry has, which is a taxonomy tag: synonym.
            let variant = terms
                .iter()
                .find(|t| tags.contains_key(*t) && is_variant(locale, w, t, &stem));
            let is_taxonomy_word = corpus.taxonomy.is_allowed(locale, w)
                || corpus.taxonomy.synonym(locale, w).is_some()
                || corpus.taxonomy.deprecated(locale, w).is_some();
            if let Some(t) = variant
                && can_add_synonyms
                && !is_taxonomy_word
                && !model.is_synonym(locale, std::slice::from_ref(w))
            {
                local.push(ModelEdit::AddSynonym {
                    locale: taxonomy_key.clone(),
                    synonym: w.clone(),
                    canonical: tags[t].clone(),
                });
                continue;
            }
            // b. A taxonomy tag: add it.
            if let Some(tag) = tags.get(w) {
                local.push(ModelEdit::AddTag {
                    entry,
                    tag: tag.clone(),
                });
                local_tags += 1;
                continue;
            }
            // c. A variant of a taxonomy tag that the entry's text supports.
            let sibling = tags
                .iter()
                .filter(|(t, _)| is_variant(locale, w, t, &stem))
                .map(|(_, tag)| tag)
                .min();
            if let Some(tag) = sibling
                && can_add_synonyms
                && !is_taxonomy_word
                && stem.iter().all(|x| toks.all.contains(x))
            {
                local.push(ModelEdit::AddTag {
                    entry,
                    tag: tag.clone(),
                });
                local.push(ModelEdit::AddSynonym {
                    locale: taxonomy_key.clone(),
                    synonym: w.clone(),
                    canonical: tag.clone(),
                });
                local_tags += 1;
                continue;
            }
            // d. A new tag, when allowed (or when there is no tag list to keep to) and the
            // entry's text supports it.
            if (s.new_tags || !has_tag_list)
                && !is_taxonomy_word
                && !stem.is_empty()
                && stem.iter().all(|x| toks.all.contains(x))
                && !crate::mine::model::is_stop_word(lang, w)
            {
                local.push(ModelEdit::AddTag {
                    entry,
                    tag: w.clone(),
                });
                if has_tag_list {
                    local_new.push(w.clone());
                }
                local_tags += 1;
                continue;
            }
            ok = false;
            break;
        }
        if !ok || local_tags > s.max_missing_words {
            continue;
        }
        if s.max_tags > 0 && current + added_tags + local_tags > s.max_tags {
            continue;
        }
        if added_tags + local_tags > s.max_missing_words.max(1) * 2 {
            continue;
        }
        for ed in local {
            if !edits.contains(&ed) {
                model.apply(&ed);
                edits.push(ed);
            }
        }
        added_tags += local_tags;
        for t in local_new {
            if !new_tags.contains(&t) {
                new_tags.push(t);
            }
        }
    }
    (!edits.is_empty()).then_some(Candidate {
        entry,
        edits,
        new_tags,
    })
}

#[allow(clippy::too_many_arguments)]
fn edit_suggestion(
    corpus: &Corpus,
    log: &SearchLog,
    c: &Candidate,
    fresh: Vec<ModelEdit>,
    gain: u64,
    served: &[(u64, usize)],
    before: u64,
    after: u64,
) -> Suggestion {
    let mut tags = Vec::new();
    let mut synonyms = Vec::new();
    for e in &fresh {
        match e {
            ModelEdit::AddTag { tag, .. } => tags.push(tag.clone()),
            ModelEdit::AddSynonym {
                synonym, canonical, ..
            } => synonyms.push((synonym.clone(), canonical.clone())),
        }
    }
    let kind = if tags.is_empty() {
        Kind::AddSynonym
    } else {
        Kind::AddTag
    };
    let new_tags = c
        .new_tags
        .iter()
        .filter(|t| tags.contains(t))
        .cloned()
        .collect();
    Suggestion {
        kind,
        entry: Some(c.entry),
        locale: corpus.entries[c.entry].locale.clone(),
        tags,
        synonyms,
        new_tags,
        searches: gain,
        queries: served
            .iter()
            .take(MAX_QUERIES)
            .map(|(_, i)| display(&log.queries[*i]).to_string())
            .collect(),
        before: Some(before),
        after: Some(after),
        votes: None,
        edits: fresh,
    }
}

/// Queries that showed results but got (almost) no click.
fn no_click(corpus: &Corpus, log: &SearchLog, s: &MineSettings) -> Vec<Suggestion> {
    let _ = corpus;
    let mut out = Vec::new();
    for q in &log.queries {
        let Some(nc) = q.no_click else { continue };
        let shown = q.count.saturating_sub(q.zero_result);
        if shown == 0 || nc < s.min_searches.max(1) {
            continue;
        }
        if (nc as f64) < s.no_click_ratio * shown as f64 {
            continue;
        }
        out.push(Suggestion {
            kind: Kind::NoClick,
            entry: None,
            locale: q.locale.clone(),
            tags: Vec::new(),
            synonyms: Vec::new(),
            new_tags: Vec::new(),
            searches: nc,
            queries: vec![display(q).to_string()],
            before: None,
            after: None,
            votes: None,
            edits: Vec::new(),
        });
    }
    out.sort_by(|a, b| b.searches.cmp(&a.searches).then(a.queries.cmp(&b.queries)));
    out
}

/// Entries whose votes are mostly down.
pub fn review_entries(corpus: &Corpus, votes: &VoteTable, s: &MineSettings) -> Vec<Suggestion> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, e) in corpus.entries.iter().enumerate() {
        if corpus.file(e.file).kind != FileKind::Entry {
            continue;
        }
        let key = match &s.votes_key {
            Some(field) => e
                .front_matter(corpus.text(e.file))
                .and_then(|fm| fm.get(field).and_then(|v| v.as_str().map(str::to_string))),
            None => Some(e.id.clone()),
        };
        if let Some(k) = key {
            by_key.entry(k).or_insert(i);
        }
    }
    let mut out = Vec::new();
    for v in &votes.votes {
        let total = v.up + v.down;
        if total < s.min_votes.max(1) || (v.down as f64) < s.down_ratio * total as f64 {
            continue;
        }
        let Some(&entry) = by_key.get(&v.key) else {
            continue;
        };
        out.push(Suggestion {
            kind: Kind::ReviewEntry,
            entry: Some(entry),
            locale: corpus.entries[entry].locale.clone(),
            tags: Vec::new(),
            synonyms: Vec::new(),
            new_tags: Vec::new(),
            searches: v.down,
            queries: Vec::new(),
            before: None,
            after: None,
            votes: Some(VoteSummary {
                up: v.up,
                down: v.down,
                reasons: v.reasons.clone(),
            }),
            edits: Vec::new(),
        });
    }
    out.sort_by(|a, b| b.searches.cmp(&a.searches).then(a.entry.cmp(&b.entry)));
    out
}

#[cfg(test)]
mod tests;
