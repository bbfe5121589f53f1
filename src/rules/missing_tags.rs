//! `missing-tags`: an entry without any tag.

use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        // A generated site where most pages have no tags does not use them.
        if !ctx.corpus.site.uses_tags {
            return;
        }
        if !entry.has_front_matter || !entry.tags.is_empty() {
            return;
        }
        // A tags field of the wrong type is `invalid-field-type`'s business.
        if entry.problems.iter().any(|p| p.field == "tags") {
            return;
        }
        let span = match &entry.tags_field {
            Some(f) => f.key_span.start..f.span.end.max(f.key_span.end),
            None => entry.anchor_span(),
        };
        let message = if entry.tags_field.is_some() {
            "tag list is empty"
        } else {
            "entry has no tags"
        };
        sink.push(
            sink.diag(entry.file, span, message)
                .entry(&entry.id)
                .help("add the words customers search for as `tags`, from the taxonomy"),
        );
    }
}
