//! `low-rated-entry`: an entry whose satisfaction votes are mostly down (from the votes
//! export of `[analytics] votes`); without votes the rule is silent.

use super::{Context, Options, Sink, one_line};
use crate::mine;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let Some(input) = ctx.analytics else {
            return;
        };
        let Some(votes) = &input.votes else {
            return;
        };
        for s in mine::review_entries(ctx.corpus, votes, &input.settings) {
            let (Some(i), Some(v)) = (s.entry, &s.votes) else {
                continue;
            };
            let e = &ctx.corpus.entries[i];
            let span = e.title.as_ref().map(|t| t.key_span.clone()).unwrap_or(0..0);
            let total = v.up + v.down;
            let share = (v.down as f64 * 100.0 / total.max(1) as f64).round();
            let reasons: Vec<String> = v
                .reasons
                .iter()
                .take(3)
                .map(|(r, c)| format!("{} ({c})", one_line(r)))
                .collect();
            let help = if reasons.is_empty() {
                "review the answer: is it accurate, complete and current?".to_string()
            } else {
                format!("review the answer; reasons given: {}", reasons.join(", "))
            };
            sink.push(
                sink.diag(
                    e.file,
                    span,
                    format!("{} of {total} votes are down ({share} %)", v.down),
                )
                .entry(&e.id)
                .help(help),
            );
        }
    }
}
