//! `empty-category`: a `nav.yml` category that lists no entry, or only ids that no entry has.

use rustc_hash::FxHashMap as HashMap;

use super::id_index::{IdIndex, is_entry};
use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let Some(nav_file) = corpus.nav.file else {
            return;
        };
        let ids = IdIndex::new(corpus);
        // Entries whose `category` field names a category, to suggest listing them.
        let mut by_category: HashMap<(&str, Option<&str>), Vec<&Entry>> = HashMap::default();
        for e in corpus
            .entries
            .iter()
            .filter(|e| is_entry(corpus, e) && e.is_indexable())
        {
            if let Some(c) = e.category.as_deref() {
                by_category
                    .entry((c, e.locale.as_deref()))
                    .or_default()
                    .push(e);
            }
        }
        for cat in &corpus.nav.categories {
            let locale = cat.locale.as_deref();
            let listed = cat.entries.len();
            if cat
                .entries
                .iter()
                .any(|i| ids.exists(&i.value, locale) || ids.in_unreadable(&i.value).is_some())
            {
                continue;
            }
            let message = if listed == 0 {
                format!("category `{}` lists no entries", cat.id)
            } else {
                format!(
                    "category `{}` lists {listed} ids, but none of them is an entry",
                    cat.id
                )
            };
            let members: Vec<&str> = match locale {
                Some(l) => by_category
                    .get(&(cat.id.as_str(), Some(l)))
                    .into_iter()
                    .flatten()
                    .map(|e| e.id.as_str())
                    .collect(),
                None => by_category
                    .iter()
                    .filter(|((c, _), _)| *c == cat.id)
                    .flat_map(|(_, es)| es.iter().map(|e| e.id.as_str()))
                    .collect(),
            };
            let help = if members.is_empty() {
                "add entries to it, or remove the category from the navigation".to_string()
            } else {
                let mut shown: Vec<&str> = members.clone();
                shown.sort_unstable();
                let more = shown.len().saturating_sub(5);
                shown.truncate(5);
                let list = shown
                    .iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "entries with `category: {}` exist: list them ({list}{tail})",
                    cat.id
                )
            };
            sink.push(sink.diag(nav_file, cat.span.clone(), message).help(help));
        }
    }
}
