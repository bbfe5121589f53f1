//! `zero-result-query`: searches the site search answers with nothing, turned into the tag or
//! synonym that would make the right entry come up, or into a content gap. Reads the
//! analytics loaded by the CLI (`[analytics] searches`); without them the rule is silent.

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, Options, Sink, one_line};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::mine::model::ModelEdit;
use crate::mine::{self, Kind, Suggestion, edits, report};
use crate::source::{Corpus, FileId};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let Some(input) = ctx.analytics else {
            return;
        };
        let corpus = ctx.corpus;
        let result = mine::mine(corpus, input);
        let fixes = Batches::new(corpus, &result.suggestions);
        for s in &result.suggestions {
            emit(corpus, s, &fixes, sink);
        }
    }
}

/// The edit batches: per entry, and the taxonomy's.
struct Batches {
    entries: BTreeMap<usize, Vec<Edit>>,
    taxonomy: Option<Vec<Edit>>,
}

impl Batches {
    fn new(corpus: &Corpus, suggestions: &[Suggestion]) -> Batches {
        let mut tags: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut synonyms: BTreeSet<(String, String, String)> = BTreeSet::new();
        let mut new_tags: BTreeSet<(String, String)> = BTreeSet::new();
        for s in suggestions {
            for e in &s.edits {
                match e {
                    ModelEdit::AddTag { entry, tag } => {
                        let list = tags.entry(*entry).or_default();
                        if !list.contains(tag) {
                            list.push(tag.clone());
                        }
                        if s.new_tags.contains(tag) {
                            let key =
                                taxonomy_key(corpus, corpus.entries[*entry].locale.as_deref());
                            new_tags.insert((key, tag.clone()));
                        }
                    }
                    ModelEdit::AddSynonym {
                        locale,
                        synonym,
                        canonical,
                    } => {
                        synonyms.insert((locale.clone(), synonym.clone(), canonical.clone()));
                    }
                }
            }
        }
        let entries = tags
            .into_iter()
            .filter_map(|(e, t)| edits::add_tags(corpus, e, &t).map(|ed| (e, ed)))
            .collect();
        let synonyms: Vec<_> = synonyms.into_iter().collect();
        let new_tags: Vec<_> = new_tags.into_iter().collect();
        let taxonomy = if synonyms.is_empty() && new_tags.is_empty() {
            None
        } else {
            edits::taxonomy(corpus, &synonyms, &new_tags)
        };
        Batches { entries, taxonomy }
    }
}

/// The taxonomy vocabulary a locale's new tags go to: its own when the taxonomy has one.
fn taxonomy_key(corpus: &Corpus, locale: Option<&str>) -> String {
    match locale {
        Some(l) if corpus.taxonomy.locales.contains_key(l) => l.to_string(),
        _ => String::new(),
    }
}

/// Where a diagnostic without an entry goes: the nav file, else the taxonomy file.
fn repo_level(corpus: &Corpus) -> Option<(FileId, std::ops::Range<usize>)> {
    let file = corpus.nav.file.or(corpus.taxonomy.file)?;
    let text = corpus.text(file);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Some((file, 0..end))
}

fn quoted(queries: &[String]) -> String {
    queries
        .iter()
        .take(3)
        .map(|q| format!("\"{}\"", one_line(q)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn emit(corpus: &Corpus, s: &Suggestion, fixes: &Batches, sink: &mut Sink) {
    let plural = |n: u64| if n == 1 { "search" } else { "searches" };
    match s.kind {
        Kind::AddTag => {
            let Some(i) = s.entry else { return };
            let e = &corpus.entries[i];
            let span = e
                .tags_field
                .as_ref()
                .map(|f| f.key_span.clone())
                .or_else(|| e.title.as_ref().map(|t| t.key_span.clone()))
                .unwrap_or(0..0);
            let mut edits = fixes.entries.get(&i).cloned().unwrap_or_default();
            let needs_taxonomy = !s.synonyms.is_empty() || !s.new_tags.is_empty();
            if needs_taxonomy {
                match &fixes.taxonomy {
                    Some(t) => edits.extend(t.iter().cloned()),
                    None => edits.clear(),
                }
            }
            let fix = (!edits.is_empty() && fixes.entries.contains_key(&i)).then(|| {
                Fix::new(
                    one_line(&report::describe(corpus, s)),
                    Applicability::Unsafe,
                    edits,
                )
            });
            let tags: Vec<String> = s.tags.iter().map(|t| format!("`{t}`")).collect();
            sink.push(
                sink.diag(
                    e.file,
                    span,
                    format!(
                        "{} zero-result {} ({}) would find this entry with tag {}",
                        s.searches,
                        plural(s.searches),
                        quoted(&s.queries),
                        tags.join(", ")
                    ),
                )
                .entry(&e.id)
                .help(help(corpus, s))
                .maybe_fix(fix),
            );
        }
        Kind::AddSynonym => {
            let Some(file) = corpus.taxonomy.file else {
                return;
            };
            let Some((word, tag)) = s.synonyms.first() else {
                return;
            };
            let locale = s.locale.as_deref();
            let span = corpus
                .taxonomy
                .vocabularies(locale)
                .find_map(|v| v.tags.get(tag).cloned())
                .unwrap_or(0..0);
            let fix = fixes.taxonomy.clone().map(|edits| {
                Fix::new(
                    one_line(&report::describe(corpus, s)),
                    Applicability::Unsafe,
                    edits,
                )
            });
            let mut b = sink
                .diag(
                    file,
                    span,
                    format!(
                        "{} zero-result {} ({}) would find an entry with `{}` as a synonym of tag `{tag}`",
                        s.searches,
                        plural(s.searches),
                        quoted(&s.queries),
                        one_line(word)
                    ),
                )
                .help(help(corpus, s))
                .maybe_fix(fix);
            if let Some(i) = s.entry {
                let e = &corpus.entries[i];
                let span = e.title.as_ref().map(|t| t.span.clone()).unwrap_or(0..0);
                b = b.related_entry(e.file, span, "this entry would be found", &e.id);
            }
            sink.push(b);
        }
        Kind::ContentGap | Kind::NoClick => {
            let Some((file, span)) = repo_level(corpus) else {
                return;
            };
            let message = if s.kind == Kind::ContentGap {
                format!(
                    "content gap: {} zero-result {} ({}) that no entry answers",
                    s.searches,
                    plural(s.searches),
                    quoted(&s.queries)
                )
            } else {
                format!(
                    "{} {} ({}) showed results but got no click",
                    s.searches,
                    plural(s.searches),
                    quoted(&s.queries)
                )
            };
            let help = if s.kind == Kind::ContentGap {
                "write an entry that answers these searches, or tag the one that does"
            } else {
                "check that the entries shown answer the query; retitle or retag them"
            };
            sink.push(sink.diag(file, span, message).help(help));
        }
        Kind::ReviewEntry => {}
    }
}

fn help(corpus: &Corpus, s: &Suggestion) -> String {
    let mut h = report::describe(corpus, s);
    if let (Some(b), Some(a)) = (s.before, s.after) {
        h.push_str(&format!(" (zero-result searches {b} -> {a})"));
    }
    one_line(&h)
}
