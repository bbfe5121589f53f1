//! `invalid-field-type`: a front-matter field whose value has the wrong type.

use super::{Context, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, _ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        for p in &entry.problems {
            sink.push(
                sink.diag(entry.file, p.span.clone(), p.message.clone())
                    .entry(&entry.id)
                    .help(p.help.clone()),
            );
        }
    }
}
