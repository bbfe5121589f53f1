//! A tantivy index of the corpus's entries, built in memory.
//!
//! One document per entry (drafts and non-entry files left out) with its raw
//! locale (untokenised), and, per analyzer ([`Analyzer`]: French, English, other), three text
//! fields: `title_<a>`, `tags_<a>` (the tags plus their taxonomy synonyms) and `body_<a>` (the
//! answer). An entry fills only the fields of its locale's analyzer, so each text is analysed
//! the way its language needs, and a query is analysed once per analyzer and run against that
//! analyzer's fields. Nothing is stored but a fast field with the entry's index in
//! [`Corpus::entries`]: titles and paths are read back from the corpus.
//!
//! Scoring is BM25 per field, the query's terms OR'ed, title and tags boosted over the body.

mod analysis;
pub mod cache;

use std::collections::{BTreeSet, HashMap};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocSet, Index, Searcher, TantivyDocument, Term};

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
    searcher: Searcher,
    locale: Field,
    text: HashMap<Analyzer, TextFields>,
    /// Analyzers with at least one indexed entry: a query without a locale is analysed only
    /// for these.
    present: Vec<Analyzer>,
    /// Per segment (by `segment_ord`), the corpus entry of each document: read once from
    /// the `ord` fast field.
    entry_of: Vec<Vec<u32>>,
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

/// The schema: the locale, the entry's index, and per analyzer its three text fields.
fn schema() -> Schema {
    let mut schema = Schema::builder();
    schema.add_text_field("locale", STRING);
    schema.add_u64_field("ord", FAST);
    for a in Analyzer::ALL {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(a.name())
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        for part in ["title", "tags", "body"] {
            schema.add_text_field(&format!("{part}_{}", a.name()), options.clone());
        }
    }
    schema.build()
}

/// The text fields of each analyzer in a schema built by [`schema`].
fn text_fields(schema: &Schema) -> Result<HashMap<Analyzer, TextFields>, IndexError> {
    let mut text = HashMap::new();
    for a in Analyzer::ALL {
        let field = |part: &str| schema.get_field(&format!("{part}_{}", a.name()));
        text.insert(
            a,
            TextFields {
                title: field("title")?,
                tags: field("tags")?,
                body: field("body")?,
            },
        );
    }
    Ok(text)
}

/// The entries that are indexed: published entry files.
fn indexed(corpus: &Corpus) -> Vec<usize> {
    corpus
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.draft && corpus.file(e.file).kind == FileKind::Entry)
        .map(|(i, _)| i)
        .collect()
}

/// What an entry's document holds: its locale, title, tags with synonyms, and body.
struct DocText<'a> {
    locale: Option<&'a str>,
    analyzer: Analyzer,
    title: Option<&'a str>,
    tags: Vec<String>,
    body: &'a str,
}

fn doc_text<'a>(corpus: &'a Corpus, synonyms: &SynonymTable<'_>, i: usize) -> DocText<'a> {
    let e = &corpus.entries[i];
    DocText {
        locale: e.locale.as_deref(),
        analyzer: Analyzer::for_locale(e.locale.as_deref()),
        title: e.title.as_ref().map(|t| t.value.as_str()),
        tags: synonyms.expand(e.locale.as_deref(), e.tags.iter().map(|t| t.value.as_str())),
        body: corpus
            .text(e.file)
            .get(e.body_range.clone())
            .unwrap_or_default(),
    }
}

impl EntryIndex {
    /// Indexes every non-draft entry of the corpus, in memory.
    pub fn build(corpus: &Corpus) -> Result<EntryIndex, IndexError> {
        let index = write(corpus)?;
        EntryIndex::open(corpus, index)
    }

    /// Like [`EntryIndex::build`], with the index kept on disk under `cache_dir` (e.g.
    /// `<repo>/.faqlint/index`), in a folder named by a hash of everything indexed: reused
    /// when nothing changed, rebuilt (and the stale folder removed) otherwise. A cache that
    /// cannot be read or written is only a slower run: the index is then built in memory.
    pub fn build_cached(
        corpus: &Corpus,
        cache_dir: &std::path::Path,
    ) -> Result<(EntryIndex, cache::Outcome), IndexError> {
        let key = cache::key(corpus);
        if let Some(index) = cache::load(cache_dir, &key) {
            let opened = index.and_then(|index| {
                register_tokenizers(&index);
                EntryIndex::open(corpus, index)
            });
            if let Ok(opened) = opened {
                return Ok((opened, cache::Outcome::Reused));
            }
            // Damaged (a partial copy, a file edited by hand): rebuilt and written afresh.
            cache::discard(cache_dir, &key);
        }
        let index = write(corpus)?;
        let outcome = match cache::store(&index, cache_dir, &key) {
            Ok(()) => cache::Outcome::Written,
            Err(e) => cache::Outcome::NotWritten(e.to_string()),
        };
        Ok((EntryIndex::open(corpus, index)?, outcome))
    }

    /// The searchable index over a written (or reloaded) tantivy index of `corpus`.
    fn open(corpus: &Corpus, index: Index) -> Result<EntryIndex, IndexError> {
        let schema = index.schema();
        let locale = schema.get_field("locale")?;
        let text = text_fields(&schema)?;
        let wanted = indexed(corpus);
        let analyzer_of: Vec<Analyzer> = corpus
            .entries
            .iter()
            .map(|e| Analyzer::for_locale(e.locale.as_deref()))
            .collect();
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
        let searcher = index.reader()?.searcher();
        let mut entry_of = Vec::with_capacity(searcher.segment_readers().len());
        let mut docs = 0;
        for segment in searcher.segment_readers() {
            let ords = segment.fast_fields().u64("ord")?;
            docs += segment.num_docs() as usize;
            entry_of.push(
                (0..segment.max_doc())
                    .map(|d| {
                        ords.first(d)
                            .and_then(|o| u32::try_from(o).ok())
                            .filter(|&o| (o as usize) < corpus.entries.len())
                            .unwrap_or(u32::MAX)
                    })
                    .collect(),
            );
        }
        let present = Analyzer::ALL
            .into_iter()
            .filter(|a| per_analyzer.contains_key(a))
            .collect();
        Ok(EntryIndex {
            searcher,
            locale,
            text,
            present,
            entry_of,
            docs,
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
            None => self.present.clone(),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut words: Vec<(Analyzer, String)> = Vec::new();
        for a in analyzers {
            let fields = self.text[&a];
            for word in query_terms(a, query) {
                for (field, boost) in fields.weighted() {
                    let term = Term::from_field_text(field, &word);
                    let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
                    clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                }
                words.push((a, word));
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
        let searcher = &self.searcher;
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits: Vec<Hit> = Vec::with_capacity(top.len());
        // (segment, doc, index in `hits`), in doc order per segment: each query term's
        // posting lists are then read once per segment, not once per hit.
        let mut located: Vec<(u32, tantivy::DocId, usize)> = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let Some(&entry) = self
                .entry_of
                .get(addr.segment_ord as usize)
                .and_then(|docs| docs.get(addr.doc_id as usize))
            else {
                continue;
            };
            located.push((addr.segment_ord, addr.doc_id, hits.len()));
            hits.push(Hit {
                entry: entry as usize,
                score,
                matched: Vec::new(),
            });
        }
        located.sort_unstable();
        // found[h][w]: query word `w` occurs in hit `h` (in any of its analyzer's fields).
        let mut found = vec![vec![false; words.len()]; hits.len()];
        for group in located.chunk_by(|x, y| x.0 == y.0) {
            let segment = searcher.segment_reader(group[0].0);
            for (w, (a, word)) in words.iter().enumerate() {
                let wanted: Vec<&(u32, tantivy::DocId, usize)> = group
                    .iter()
                    .filter(|(_, _, h)| self.analyzer_of.get(hits[*h].entry) == Some(a))
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                for (field, _) in self.text[a].weighted() {
                    let inverted = segment.inverted_index(field)?;
                    let term = Term::from_field_text(field, word);
                    let Some(mut postings) =
                        inverted.read_postings(&term, IndexRecordOption::Basic)?
                    else {
                        continue;
                    };
                    for &&(_, doc, h) in &wanted {
                        if found[h][w] {
                            continue;
                        }
                        let at = if postings.doc() < doc {
                            postings.seek(doc)
                        } else {
                            postings.doc()
                        };
                        if at == doc {
                            found[h][w] = true;
                        } else if at == tantivy::TERMINATED {
                            break;
                        }
                    }
                }
            }
        }
        for (hit, found) in hits.iter_mut().zip(&found) {
            hit.matched = words
                .iter()
                .zip(found)
                .filter(|(_, f)| **f)
                .map(|((_, w), _)| w.clone())
                .collect();
        }
        Ok(hits)
    }
}

/// Registers the analyzers under the names the schema's fields use.
fn register_tokenizers(index: &Index) {
    for a in Analyzer::ALL {
        index.tokenizers().register(a.name(), a.text_analyzer());
    }
}

/// Writes one document per indexed entry into a fresh in-memory index.
fn write(corpus: &Corpus) -> Result<Index, IndexError> {
    let index = Index::create_in_ram(schema());
    register_tokenizers(&index);
    let schema = index.schema();
    let locale = schema.get_field("locale")?;
    let ord = schema.get_field("ord")?;
    let text = text_fields(&schema)?;
    let synonyms = SynonymTable::new(corpus);
    let wanted = indexed(corpus);
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
        let d = doc_text(corpus, &synonyms, i);
        let fields = text[&d.analyzer];
        let mut doc = TantivyDocument::new();
        doc.add_u64(ord, i as u64);
        if let Some(l) = d.locale {
            doc.add_text(locale, l);
        }
        if let Some(t) = d.title {
            doc.add_text(fields.title, t);
        }
        if !d.tags.is_empty() {
            doc.add_text(fields.tags, d.tags.join(" "));
        }
        doc.add_text(fields.body, d.body);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    Ok(index)
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
