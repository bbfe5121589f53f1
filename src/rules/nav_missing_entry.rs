//! `nav-missing-entry`: a `nav.yml` category lists an id that no entry has (in the
//! category's locale, when it has one).

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
        let by_slug: HashMap<&str, &Entry> = corpus
            .entries
            .iter()
            .filter(|e| is_entry(corpus, e) && e.id != e.slug)
            .map(|e| (e.slug.as_str(), e))
            .collect();
        for cat in &corpus.nav.categories {
            let locale = cat.locale.as_deref();
            for item in &cat.entries {
                // An entry whose front matter does not parse may carry this id: one problem,
                // reported once, by `invalid-front-matter`.
                if ids.exists(&item.value, locale) || ids.in_unreadable(&item.value).is_some() {
                    continue;
                }
                let message = match locale {
                    Some(l) => format!(
                        "category `{}` lists `{}`, but no `{l}` entry has this id",
                        cat.id, item.value
                    ),
                    None => format!(
                        "category `{}` lists `{}`, but no entry has this id",
                        cat.id, item.value
                    ),
                };
                let elsewhere = ids.all(&item.value).next().map(|(_, e)| e);
                let by_slug = by_slug
                    .get(item.value.as_str())
                    .filter(|e| locale.is_none() || e.locale.as_deref() == locale);
                let help = if let Some(e) = by_slug {
                    format!(
                        "`{}` is the file name of `{}`, whose id is `{}`: list `{}`",
                        item.value, e.path, e.id, e.id
                    )
                } else if let Some(hit) = ids.suggest(&item.value, locale) {
                    format!("did you mean `{hit}`?")
                } else if let Some(e) = elsewhere {
                    format!(
                        "an entry with this id exists in locale `{}` (`{}`): list an entry of locale `{}` here instead",
                        e.locale.as_deref().unwrap_or("none"),
                        e.path,
                        locale.unwrap_or("matching")
                    )
                } else {
                    "remove the id from the category, or restore the entry".to_string()
                };
                sink.push(
                    sink.diag(nav_file, item.span.clone(), message)
                        .entry(&item.value)
                        .help(help),
                );
            }
        }
    }
}
