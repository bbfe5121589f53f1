//! `overlong-answer`: an answer with more words than `max-words`.

use super::{Context, Options, Sink};
use crate::source::{Entry, FileKind};

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, opts: &Options, entry: &Entry, sink: &mut Sink) {
        if ctx.corpus.file(entry.file).kind != FileKind::Entry || entry.draft {
            return;
        }
        // A documentation site (a generated site whose titles are mostly not questions)
        // has pages, not answers: a long reference page is no fault there.
        if ctx.corpus.site.is_documentation() {
            return;
        }
        let max = usize::try_from(opts.int("max-words")).unwrap_or(0);
        let words = entry.body.word_count;
        if max == 0 || words <= max {
            return;
        }
        sink.push(
            sink.diag(entry.file, entry.anchor_span(), format!("answer is {words} words long, over the {max}-word limit"))
                .entry(&entry.id)
                .help("answer the question first in a few sentences; split other cases into their own entries"),
        );
    }
}
