//! `duplicate-id`: two entries of one locale with the same id, or with the same slug (so
//! the same URL).

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::{Context, Options, Sink};
use crate::source::{Entry, FileKind};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let entries: Vec<&Entry> = corpus
            .entries
            .iter()
            .filter(|e| corpus.file(e.file).kind == FileKind::Entry)
            .collect();
        let mut by_id: HashMap<(Option<&str>, &str), &Entry> = HashMap::default();
        let mut by_slug: HashMap<(Option<&str>, &str), &Entry> = HashMap::default();
        // On a generated site a page is known by its URL: two files named alike in two
        // folders are two pages. Only ids written in front matter, and URLs, must be unique.
        let site = &corpus.site;
        let generated = site.profile != crate::config::Profile::Default;
        let mut by_url: HashMap<String, &Entry> = HashMap::default();
        for e in entries {
            if generated {
                let locale = e.locale.as_deref();
                let in_locale = locale.map_or(String::new(), |l| format!(" in locale `{l}`"));
                if e.id_field.is_some() {
                    if let Some(first) = by_id.get(&(locale, e.id.as_str())) {
                        sink.push(
                            sink.diag(e.file, id_span(e), format!("id `{}` is already used by {}{in_locale}", e.id, first.path))
                                .entry(&e.id)
                                .help("give each page its own id; if this page repeats the other, set `duplicate_of` instead")
                                .related(first.file, id_span(first), "first used here"),
                        );
                    }
                    by_id.entry((locale, e.id.as_str())).or_insert(e);
                }
                let url = corpus
                    .entry_index(e)
                    .and_then(|i| site.url_of(i))
                    .map(|u| crate::site::url::normalize(u, site.case_insensitive));
                if let Some(url) = url {
                    if let Some(first) = by_url.get(&url) {
                        sink.push(
                            sink.diag(e.file, id_span(e), format!("URL `{url}` is already the address of {}", first.path))
                                .entry(&e.id)
                                .help("the generator publishes one of the two pages over the other: change its `slug`, `url` or file name")
                                .related(first.file, id_span(first), "same URL here"),
                        );
                    } else {
                        by_url.insert(url, e);
                    }
                }
                continue;
            }
            let locale = e.locale.as_deref();
            let in_locale = locale.map_or(String::new(), |l| format!(" in locale `{l}`"));
            if let Some(first) = by_id.get(&(locale, e.id.as_str())) {
                sink.push(
                    sink.diag(e.file, id_span(e), format!("id `{}` is already used by {}{in_locale}", e.id, first.path))
                        .entry(&e.id)
                        .help("give each entry its own id; if this entry repeats the other, set `duplicate_of` instead")
                        .related(first.file, id_span(first), "first used here"),
                );
            } else if let Some(first) = by_slug.get(&(locale, e.slug.as_str())) {
                sink.push(
                    sink.diag(
                        e.file,
                        id_span(e),
                        format!(
                            "slug `{}` is already used by {}{in_locale}",
                            e.slug, first.path
                        ),
                    )
                    .entry(&e.id)
                    .help(
                        "rename one of the files: both entries would be published at the same URL",
                    )
                    .related(first.file, id_span(first), "same slug here"),
                );
            }
            by_id.entry((locale, e.id.as_str())).or_insert(e);
            by_slug.entry((locale, e.slug.as_str())).or_insert(e);
        }
    }
}

/// The id value, else the title, else the file start.
fn id_span(e: &Entry) -> Range<usize> {
    e.id_field
        .as_ref()
        .map_or_else(|| e.anchor_span(), |f| f.span.clone())
}
