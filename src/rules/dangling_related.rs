//! `dangling-related`: a `related` id that no entry of the same locale has.

use super::id_index::IdIndex;
use super::{Context, Options, Sink};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let ids = IdIndex::new(corpus);
        for e in &corpus.entries {
            let locale = e.locale.as_deref();
            for r in &e.related {
                // An entry whose front matter does not parse may carry this id (reported by
                // `invalid-front-matter`).
                if r.value.is_empty()
                    || ids.exists(&r.value, locale)
                    || ids.in_unreadable(&r.value).is_some()
                {
                    continue;
                }
                let (message, help) = match ids.all(&r.value).next() {
                    Some((_, other)) => (
                        format!(
                            "related id `{}` matches no entry of locale `{}`",
                            r.value,
                            locale.unwrap_or("matching")
                        ),
                        format!(
                            "`{}` is an entry of locale `{}` (`{}`): relate the entry of this locale instead",
                            r.value,
                            other.locale.as_deref().unwrap_or("locale-less"),
                            other.path
                        ),
                    ),
                    None => (
                        format!("related id `{}` matches no entry", r.value),
                        match ids.suggest(&r.value, locale) {
                            Some(hit) => format!("did you mean `{hit}`?"),
                            None => "remove it, or restore the entry it named".to_string(),
                        },
                    ),
                };
                sink.push(
                    sink.diag(e.file, r.span.clone(), message)
                        .entry(&e.id)
                        .help(help),
                );
            }
        }
    }
}
