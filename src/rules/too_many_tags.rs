//! `too-many-tags`: an entry with more tags than the `max` option allows.

use rustc_hash::FxHashSet as HashSet;

use super::id_index::is_entry;
use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, opts: &Options, entry: &Entry, sink: &mut Sink) {
        let max = usize::try_from(opts.int("max")).unwrap_or(0);
        if max == 0 || !is_entry(ctx.corpus, entry) {
            return;
        }
        // A repeated tag is `duplicate-tag`'s business: count distinct tags.
        let count = entry
            .tags
            .iter()
            .map(|t| t.value.as_str())
            .collect::<HashSet<_>>()
            .len();
        if count <= max {
            return;
        }
        let Some(field) = &entry.tags_field else {
            return;
        };
        let span = field.key_span.start..field.key_span.end;
        sink.push(
            sink.diag(
                entry.file,
                span,
                format!("entry has {count} tags, more than {max}"),
            )
            .entry(&entry.id)
            .help(format!(
                "keep the {max} tags customers search for most; drop the generic ones"
            )),
        );
    }
}
