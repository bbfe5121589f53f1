//! `missing-translation`: in a repo with two or more locales, an entry with no counterpart
//! in another locale.
//!
//! Counterparts share a name: an entry is known by its `id` and by its `translation_of`
//! value (the source's id, or a shared translation key such as Hugo's `translationKey`,
//! through the field mapping). An entry has a counterpart in a locale when an entry of that
//! locale is known by one of its names: the translation names the source's id, both name
//! the same key, or both have the same id.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::id_index::{is_entry, is_unreadable};
use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

/// The names an entry is known by across locales: its translation key from the site's
/// layout (the path below the language folder) when there is one, else its id; plus its
/// `translation_of` value.
fn names(e: &Entry) -> impl Iterator<Item = &str> {
    let own = e.translation_key.as_deref().unwrap_or(e.id.as_str());
    std::iter::once(own).chain(e.translation_of.as_ref().map(|t| t.value.as_str()))
}

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let entries: Vec<&Entry> = corpus
            .entries
            .iter()
            .filter(|e| is_entry(corpus, e))
            .collect();
        // Drafts count as counterparts (a translation under way), but are not checked.
        let mut known: HashMap<&str, HashSet<&str>> = HashMap::default();
        for e in &entries {
            if let Some(l) = e.locale.as_deref() {
                known.entry(l).or_default().extend(names(e));
            }
        }
        if known.len() < 2 {
            return;
        }
        let present: BTreeSet<&str> = known.keys().copied().collect();
        let wanted = opts.str_list("locales");
        let required: Vec<&str> = if wanted.is_empty() {
            present.iter().copied().collect()
        } else {
            wanted.iter().map(String::as_str).collect()
        };
        let empty = HashSet::default();
        // Unparsable front matter: names unknown, `invalid-front-matter` reports the cause.
        for e in entries
            .iter()
            .filter(|e| e.is_indexable() && !is_unreadable(corpus, e))
        {
            let Some(own) = e.locale.as_deref() else {
                continue;
            };

            let missing: Vec<&str> = required
                .iter()
                .copied()
                .filter(|&l| l != own)
                .filter(|l| {
                    let there = known.get(l).unwrap_or(&empty);
                    !names(e).any(|n| there.contains(n))
                })
                .collect();
            if missing.is_empty() {
                continue;
            }
            // On a generated site with a default language, a translation missing in a third
            // language is said once, on the source page, not again on each translation.
            if corpus.site.profile != crate::config::Profile::Default
                && let Some(default) = corpus.site.default_locale.as_deref()
                && known.contains_key(default)
                && own != default
                && !missing.contains(&default)
            {
                continue;
            }
            let list = missing
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let key = e
                .translation_of
                .as_ref()
                .map_or(e.id.as_str(), |t| t.value.as_str());
            sink.push(
                sink.diag(e.file, e.anchor_span(), format!("entry has no translation in {list}"))
                    .entry(&e.id)
                    .help(format!(
                        "add the translation with `translation_of: {key}` in its front matter, or suppress this if the entry only concerns `{own}`"
                    )),
            );
        }
    }
}
