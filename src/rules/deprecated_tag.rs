//! `deprecated-tag`: a tag that the taxonomy lists under `deprecated` (`old: replacement`).

use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let tax = &ctx.corpus.taxonomy;
        let locale = entry.locale.as_deref();
        let text = ctx.corpus.text(entry.file);
        for tag in &entry.tags {
            let Some(replacement) = tax.deprecated(locale, &tag.value) else {
                continue;
            };
            let diag = sink
                .diag(
                    entry.file,
                    tag.span.clone(),
                    format!("tag `{}` is deprecated", tag.value),
                )
                .entry(&entry.id);
            let Some(new) = replacement.filter(|r| !r.is_empty() && *r != tag.value) else {
                // No replacement declared: only a person can choose the right tag.
                sink.push(diag.help("remove it, or choose a current tag from the taxonomy"));
                continue;
            };
            let fix = super::retag_fix(entry, text, tag, new);
            sink.push(diag.help(format!("use `{new}` instead")).maybe_fix(fix));
        }
    }
}
