//! `synonym-tag`: a tag that the taxonomy lists as a synonym of a canonical tag.

use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let tax = &ctx.corpus.taxonomy;
        let locale = entry.locale.as_deref();
        let text = ctx.corpus.text(entry.file);
        for tag in &entry.tags {
            let Some(canonical) = tax.synonym(locale, &tag.value) else {
                continue;
            };
            let fix = super::retag_fix(entry, text, tag, canonical);
            sink.push(
                sink.diag(
                    entry.file,
                    tag.span.clone(),
                    format!("tag `{}` is a synonym of `{canonical}`", tag.value),
                )
                .entry(&entry.id)
                .help(format!("use the canonical tag `{canonical}`"))
                .maybe_fix(fix),
            );
        }
    }
}
