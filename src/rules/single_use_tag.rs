//! `single-use-tag`: a tag (after mapping synonyms and deprecated tags to their canonical
//! tag) that only one entry of its locale uses. Locales with fewer than `min-entries`
//! entries are not checked. Tags outside the taxonomy are left to `unknown-tag`, and
//! synonyms and deprecated tags to their own rules.

use rustc_hash::FxHashMap as HashMap;

use super::id_index::is_entry;
use super::unknown_tag::is_known;
use super::{Context, Options, Sink};
use crate::source::{Entry, Item};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let tax = &corpus.taxonomy;
        let min = usize::try_from(opts.int("min-entries")).unwrap_or(0);
        let mut per_locale: HashMap<Option<&str>, usize> = HashMap::default();
        // (locale, canonical tag) → (number of entries, first entry and its item).
        let mut uses: HashMap<(Option<&str>, &str), (usize, &Entry, &Item)> = HashMap::default();
        for e in corpus
            .entries
            .iter()
            .filter(|e| is_entry(corpus, e) && e.is_indexable())
        {
            let locale = e.locale.as_deref();
            *per_locale.entry(locale).or_default() += 1;
            let mut seen: Vec<&str> = Vec::new();
            for item in &e.tags {
                let tag = item.value.as_str();
                let canonical = tax
                    .synonym(locale, tag)
                    .or_else(|| tax.deprecated(locale, tag).flatten())
                    .unwrap_or(tag);
                if tag.is_empty() || seen.contains(&canonical) {
                    continue;
                }
                seen.push(canonical);
                uses.entry((locale, canonical))
                    .and_modify(|u| u.0 += 1)
                    .or_insert((1, e, item));
            }
        }
        let mut single: Vec<(&Entry, &Item, &str)> = uses
            .into_iter()
            .filter(|((locale, _), (n, _, _))| {
                *n == 1 && per_locale.get(locale).copied().unwrap_or(0) >= min
            })
            .map(|((_, tag), (_, e, item))| (e, item, tag))
            .collect();
        single.sort_by_key(|(e, item, _)| (e.file, item.span.start));
        for (e, item, canonical) in single {
            let locale = e.locale.as_deref();
            // Unknown tags are `unknown-tag`'s; synonyms and deprecated tags have their rules.
            if tax.has_tags_for(locale) && !is_known(tax, locale, &item.value) {
                continue;
            }
            if canonical != item.value {
                continue;
            }
            let message = match locale {
                Some(l) => format!("tag `{canonical}` is used by no other `{l}` entry"),
                None => format!("tag `{canonical}` is used by no other entry"),
            };
            sink.push(
                sink.diag(e.file, item.span.clone(), message)
                    .entry(&e.id)
                    .help("a tag on one entry groups nothing: use a broader tag, or tag the related entries too"),
            );
        }
    }
}
