//! `empty-answer`: an entry whose body holds no prose, only whitespace, comments or headings.

use super::{Context, Options, Sink};
use crate::source::{Entry, FileKind, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let file = ctx.corpus.file(entry.file);
        if file.kind != FileKind::Entry || !entry.is_indexable() {
            return;
        }
        // An oversized body was not parsed; an unclosed front matter has no body to judge.
        if file.problems.iter().any(|p| {
            matches!(
                p,
                LoadProblem::Oversized { .. }
                    | LoadProblem::UnclosedFrontMatter
                    | LoadProblem::Binary
            )
        }) {
            return;
        }
        if prose_words(entry) > 0 {
            return;
        }
        let mut span = entry.anchor_span();
        if span.is_empty() {
            span = entry.body_range.start..entry.body_range.start;
        }
        let message = if entry.body.headings.is_empty() {
            "entry has no answer"
        } else {
            "answer has only headings"
        };
        sink.push(
            sink.diag(entry.file, span, message)
                .entry(&entry.id)
                .help("write the answer below the front matter, or mark the entry `draft: true` until it is ready"),
        );
    }
}

/// Words outside headings (code blocks are not counted; inline code is).
pub(crate) fn prose_words(entry: &Entry) -> usize {
    let heading_words: usize = entry
        .body
        .headings
        .iter()
        .map(|h| h.text.split_whitespace().count())
        .sum();
    entry.body.word_count.saturating_sub(heading_words)
}
