//! A tantivy index of the corpus's entries, built in memory.
//!
//! One document per entry (drafts and non-entry files left out) with its id, path and raw
//! locale (untokenised), and, per analyzer ([`Analyzer`]: French, English, other), three text
//! fields: `title_<a>`, `tags_<a>` (the tags plus their taxonomy synonyms) and `body_<a>` (the
//! answer). An entry fills only the fields of its locale's analyzer, so each text is analysed
//! the way its language needs, and a query is analysed once per analyzer and run against that
//! analyzer's fields. Nothing is stored but a fast field with the entry's index in
//! [`Corpus::entries`]: titles and paths are read back from the corpus.
//!
//! Scoring is BM25 per field, the query's terms OR'ed, title and tags boosted over the body.

mod analysis;

use std::collections::{BTreeSet, HashMap};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocSet, Index, IndexReader, TantivyDocument, Term};

pub use analysis::{Analyzer, analyze, analyze_spans, analyze_with};

use crate::source::{Corpus, FileKind};

/// Boost of a title match over a body match.
pub const TITLE_BOOST: f32 = 3.0;
/// Boost of a tag (or tag synonym) match over a body match.
pub const TAGS_BOOST: f32 = 2.0;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy)]
struct TextFields {
    title: Field,
    tags: Field,
    body: Field,
}

impl TextFields {
    fn weighted(&self) -> [(Field, f32); 3] {
        [
            (self.title, TITLE_BOOST),
            (self.tags, TAGS_BOOST),
            (self.body, 1.0),
        ]
    }
}

/// The in-memory index of a corpus.
pub struct EntryIndex {
    reader: IndexReader,
    locale: Field,
    text: HashMap<Analyzer, TextFields>,
    docs: usize,
    /// The analyzer of each entry (by index in `Corpus::entries`): `matched` only looks up
    /// the query terms of that analyzer.
    analyzer_of: Vec<Analyzer>,
    /// Locales whose entries are all the entries of their analyzer: filtering on them is a
    /// no-op, and skipping the filter keeps BM25's top-k pruning.
    sole_locales: Vec<String>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`Corpus::entries`].
    pub entry: usize,
    pub score: f32,
    /// The analysed query terms found in this entry, in query order.
    pub matched: Vec<String>,
}

/// The analysed terms of a query, per analyzer, deduplicated, in order.
fn query_terms(analyzer: Analyzer, query: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    analyze_with(analyzer, query)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

impl EntryIndex {
    /// Indexes every non-draft entry of the corpus.
    pub fn build(corpus: &Corpus) -> Result<EntryIndex, IndexError> {
        let mut schema = Schema::builder();
        schema.add_text_field("id", STRING);
        schema.add_text_field("path", STRING);
        let locale = schema.add_text_field("locale", STRING);
        let ord = schema.add_u64_field("ord", FAST);
        let mut text = HashMap::new();
        for a in Analyzer::ALL {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(a.name())
                    .set_index_option(IndexRecordOption::WithFreqs),
            );
            let fields = TextFields {
                title: schema.add_text_field(&format!("title_{}", a.name()), options.clone()),
                tags: schema.add_text_field(&format!("tags_{}", a.name()), options.clone()),
                body: schema.add_text_field(&format!("body_{}", a.name()), options),
            };
            text.insert(a, fields);
        }
        let schema = schema.build();
        let id = schema.get_field("id")?;
        let path = schema.get_field("path")?;
        let index = Index::create_in_ram(schema);
        for a in Analyzer::ALL {
            index.tokenizers().register(a.name(), a.text_analyzer());
        }

        let analyzer_of: Vec<Analyzer> = corpus
            .entries
            .iter()
            .map(|e| Analyzer::for_locale(e.locale.as_deref()))
            .collect();
        let synonyms = SynonymTable::new(corpus);
        let wanted: Vec<usize> = corpus
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.draft && corpus.file(e.file).kind == FileKind::Entry)
            .map(|(i, _)| i)
            .collect();
        // One thread keeps document ids in insertion order (stable ties) on small corpora.
        let threads = if wanted.len() < 20_000 {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        let mut writer =
            index.writer_with_num_threads::<TantivyDocument>(threads, threads * (96 << 20))?;
        // One commit, searched once: merging segments would only cost time.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for &i in &wanted {
            let e = &corpus.entries[i];
            let fields = text[&analyzer_of[i]];
            let mut doc = TantivyDocument::new();
            doc.add_u64(ord, i as u64);
            doc.add_text(id, &e.id);
            doc.add_text(path, &e.path);
            if let Some(l) = &e.locale {
                doc.add_text(locale, l);
            }
            if let Some(t) = &e.title {
                doc.add_text(fields.title, &t.value);
            }
            let tags =
                synonyms.expand(e.locale.as_deref(), e.tags.iter().map(|t| t.value.as_str()));
            if !tags.is_empty() {
                doc.add_text(fields.tags, tags.join(" "));
            }
            let body = corpus
                .text(e.file)
                .get(e.body_range.clone())
                .unwrap_or_default();
            doc.add_text(fields.body, body);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let mut per_locale: HashMap<(&str, Analyzer), usize> = HashMap::new();
        let mut per_analyzer: HashMap<Analyzer, usize> = HashMap::new();
        for &i in &wanted {
            let a = analyzer_of[i];
            *per_analyzer.entry(a).or_default() += 1;
            *per_locale
                .entry((corpus.entries[i].locale.as_deref().unwrap_or_default(), a))
                .or_default() += 1;
        }
        let sole_locales: Vec<String> = per_locale
            .iter()
            .filter(|((l, a), n)| !l.is_empty() && per_analyzer.get(a) == Some(n))
            .map(|((l, _), _)| (*l).to_string())
            .collect();
        drop(writer);
        let reader = index.reader()?;
        Ok(EntryIndex {
            reader,
            locale,
            text,
            docs: wanted.len(),
            analyzer_of,
            sole_locales,
        })
    }

    /// Number of indexed entries.
    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// The best `limit` entries for `query`. With a locale, only entries of exactly that locale
    /// and the query analysed for it; without, every locale, the query analysed once per
    /// analyzer. Ties are broken by index order (corpus order on small corpora).
    pub fn search(
        &self,
        query: &str,
        locale: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, IndexError> {
        let analyzers: Vec<Analyzer> = match locale {
            Some(l) => vec![Analyzer::for_locale(Some(l))],
            None => Analyzer::ALL.to_vec(),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut terms: Vec<(Analyzer, String, Term)> = Vec::new();
        for a in analyzers {
            let fields = self.text[&a];
            for word in query_terms(a, query) {
                for (field, boost) in fields.weighted() {
                    let term = Term::from_field_text(field, &word);
                    let q = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                    clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                    terms.push((a, word.clone(), term));
                }
            }
        }
        if clauses.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let any: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        let query: Box<dyn Query> = match locale {
            Some(l) if !self.sole_locales.iter().any(|s| s == l) => {
                let only = TermQuery::new(
                    Term::from_field_text(self.locale, l),
                    IndexRecordOption::Basic,
                );
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, any),
                    (Occur::Must, Box::new(only)),
                ]))
            }
            _ => any,
        };
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let segment = searcher.segment_reader(addr.segment_ord);
            let ords = segment.fast_fields().u64("ord")?;
            let Some(entry) = ords.first(addr.doc_id) else {
                continue;
            };
            let entry = usize::try_from(entry).unwrap_or(usize::MAX);
            let analyzer = self.analyzer_of.get(entry).copied();
            let mut matched: Vec<String> = Vec::new();
            for (a, word, term) in &terms {
                if Some(*a) != analyzer || matched.contains(word) {
                    continue;
                }
                let inverted = segment.inverted_index(term.field())?;
                if let Some(mut postings) =
                    inverted.read_postings(term, IndexRecordOption::Basic)?
                    && contains(&mut postings, addr.doc_id)
                {
                    matched.push(word.clone());
                }
            }
            hits.push(Hit {
                entry,
                score,
                matched,
            });
        }
        Ok(hits)
    }
}

/// Whether a fresh posting list holds `doc` (`seek` may not go backwards).
fn contains(postings: &mut impl DocSet, doc: tantivy::DocId) -> bool {
    let first = postings.doc();
    first == doc || (first < doc && postings.seek(doc) == doc)
}

/// Canonical tag → its synonyms, per taxonomy locale key (`""`: every locale).
struct SynonymTable<'a> {
    corpus: &'a Corpus,
    by_canonical: HashMap<&'a str, HashMap<&'a str, Vec<&'a str>>>,
}

impl<'a> SynonymTable<'a> {
    fn new(corpus: &'a Corpus) -> SynonymTable<'a> {
        let mut by_canonical: HashMap<&str, HashMap<&str, Vec<&str>>> = HashMap::new();
        for (locale, vocab) in &corpus.taxonomy.locales {
            let map = by_canonical.entry(locale.as_str()).or_default();
            for (synonym, (canonical, _)) in &vocab.synonyms {
                map.entry(canonical.as_str())
                    .or_default()
                    .push(synonym.as_str());
            }
            for list in map.values_mut() {
                list.sort_unstable();
            }
        }
        SynonymTable {
            corpus,
            by_canonical,
        }
    }

    /// The tags, their canonical forms and every synonym of those, without repeats.
    fn expand<'t>(&self, locale: Option<&str>, tags: impl Iterator<Item = &'t str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |s: &str| {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_string());
            }
        };
        for tag in tags {
            push(tag);
            let canonical = self.corpus.taxonomy.synonym(locale, tag).unwrap_or(tag);
            push(canonical);
            let keys = [locale.unwrap_or_default(), ""];
            for key in keys.iter().take(if locale.is_some() { 2 } else { 1 }) {
                if let Some(list) = self.by_canonical.get(key).and_then(|m| m.get(canonical)) {
                    for s in list {
                        push(s);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
