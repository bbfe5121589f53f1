//! `expired-entry`: the entry's `expires` date is before today.

use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let Some(expires) = &entry.expires else {
            return;
        };
        if entry.draft || expires.value >= ctx.today {
            return;
        }
        let days = (ctx.today - expires.value).num_days();
        let ago = if days == 1 {
            "1 day ago".to_string()
        } else {
            format!("{days} days ago")
        };
        sink.push(
            sink.diag(
                entry.file,
                expires.span.clone(),
                format!("entry expired on {} ({ago})", expires.value),
            )
            .entry(&entry.id)
            .help(format!(
                "remove or redirect the entry, or check the answer and move `{}` to a later date",
                expires.key(ctx.corpus.text(entry.file))
            )),
        );
    }
}
