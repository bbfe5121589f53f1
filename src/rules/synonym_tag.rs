//! `synonym-tag`: a tag that the taxonomy lists as a synonym of a canonical tag.

use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
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
            let already = entry.tags.iter().any(|t| t.value == canonical);
            let fix = if already {
                // The canonical tag is there already: dropping the synonym is the fix.
                yaml_edit::remove_seq_item(entry, text, tag.span.clone()).map(|edit| {
                    Fix::new(
                        format!("remove `{}` (`{canonical}` is already listed)", tag.value),
                        Applicability::Safe,
                        vec![edit],
                    )
                })
            } else {
                Some(Fix::new(
                    format!("replace `{}` with `{canonical}`", tag.value),
                    Applicability::Safe,
                    vec![yaml_edit::replace_scalar(
                        entry.file,
                        text,
                        tag.span.clone(),
                        canonical,
                    )],
                ))
            };
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
