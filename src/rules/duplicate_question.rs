//! `duplicate-question`: entries of one locale asking the same question, as clusters.
//!
//! Titles are analysed per locale and joined with an exact prefix filter over IDF-weighted
//! stemmed tokens ([`crate::similarity`]); pairs at or above `threshold` (weighted Jaccard)
//! are union-found into clusters. One diagnostic per member other than the suggested
//! survivor ([`super::duplicates::survivor`]), at its title, listing the survivor and the
//! other members as related locations, with a word diff of the titles and of the answers.
//! When the answers of the member and the survivor share less than `conflict-below` of
//! their shingles, the two entries answer the same question differently: a conflict,
//! reported without a fix.

use super::duplicates::{self, Locale};
use super::{Context, Options, Sink};
use crate::similarity;

pub struct Rule;

pub(crate) const DEFAULT_THRESHOLD: f64 = 0.1;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let t = duplicates::threshold(opts, "threshold", DEFAULT_THRESHOLD);
        let conflict = duplicates::threshold(opts, "conflict-below", 0.3);
        let conflict_t = duplicates::threshold(opts, "conflict-threshold", 0.8);
        let max_related = usize::try_from(opts.int("max-related"))
            .unwrap_or(20)
            .max(1);
        let policy = duplicates::DocsPolicy::of(corpus);
        let analysis = duplicates::analysis(corpus);
        let inbound = &analysis.inbound;
        let min_shingles = policy.min_words(0).saturating_sub(duplicates::SHINGLE - 1);
        for loc in analysis.locales.iter().filter(|l| l.entries.len() >= 2) {
            if policy.docs {
                // Documentation: near-copies of substantial answers only, no conflicts.
                let sets = duplicates::long_answers(loc, min_shingles);
                let edges: Vec<_> = similarity::join(
                    &sets,
                    &loc.answer_weights,
                    policy.answer_threshold(conflict),
                )
                .into_iter()
                .filter(|e| {
                    loc.question_weights
                        .similarity(&loc.questions[e.a], &loc.questions[e.b])
                        >= t
                })
                .collect();
                for cluster in similarity::clusters(loc.entries.len(), &edges) {
                    report(ctx, sink, loc, inbound, &cluster, 0.0, max_related);
                }
                continue;
            }
            // A pair of close questions is kept when the answers agree (a duplicate) or
            // when the questions are all but identical (a conflict); otherwise the two
            // entries share a topic, not a question. So candidates come from two joins at
            // high thresholds, where the prefix filter is selective: answers at
            // `conflict-below`, then checked for question similarity `threshold`, and
            // questions at `conflict-threshold`.
            let by_answer = similarity::join(&loc.answers, &loc.answer_weights, conflict)
                .into_iter()
                .filter(|e| {
                    loc.question_weights
                        .similarity(&loc.questions[e.a], &loc.questions[e.b])
                        >= t
                });
            let by_question =
                similarity::join(&loc.questions, &loc.question_weights, conflict_t.max(t));
            let edges: Vec<_> = by_answer.chain(by_question).collect();
            for cluster in similarity::clusters(loc.entries.len(), &edges) {
                report(ctx, sink, loc, inbound, &cluster, conflict, max_related);
            }
        }
    }
}

fn report(
    ctx: &Context,
    sink: &mut Sink,
    loc: &Locale,
    inbound: &[usize],
    cluster: &[usize],
    conflict: f64,
    max_related: usize,
) {
    let corpus = ctx.corpus;
    let members: Vec<usize> = cluster.iter().map(|&m| loc.entries[m]).collect();
    let (surv, why) = duplicates::survivor(corpus, inbound, &members);
    let s_local = cluster[members.iter().position(|&m| m == surv).unwrap_or(0)];
    let s = &corpus.entries[surv];
    // A large cluster is one diagnostic (see `duplicates::report_group`); its conflicts
    // still get their own.
    let grouped = cluster.len() > max_related + 1;
    let mut group: Vec<duplicates::GroupMember> = Vec::new();
    for (&local, &m) in cluster.iter().zip(&members) {
        if m == surv {
            continue;
        }
        let e = &corpus.entries[m];
        let q_sim = loc
            .question_weights
            .similarity(&loc.questions[local], &loc.questions[s_local]);
        let (a, b) = (&loc.answers[local], &loc.answers[s_local]);
        let a_sim = loc.answer_weights.similarity(a, b);
        let is_conflict = !a.is_empty() && !b.is_empty() && a_sim < conflict;
        if grouped && !is_conflict {
            let diffs = if group.len() < duplicates::GROUP_DIFFS {
                duplicates::pair_diffs(corpus, loc, s_local, local)
            } else {
                String::new()
            };
            group.push(duplicates::GroupMember { entry: m, diffs });
            continue;
        }
        let size = cluster.len();
        let in_cluster = if size > 2 {
            format!(", one of {size} entries asking it")
        } else {
            String::new()
        };
        let diffs = duplicates::pair_diffs(corpus, loc, s_local, local);
        let mut d = if is_conflict {
            sink.diag(
                e.file,
                e.anchor_span(),
                format!(
                    "conflict: same question as `{}` ({:.0} % similar) but a different answer ({:.0} % similar{in_cluster})",
                    s.id,
                    q_sim * 100.0,
                    a_sim * 100.0
                ),
            )
            .help(format!(
                "the answers disagree: merge them into one correct answer in `{}` ({}), then set `duplicate_of: {}` here\n{diffs}",
                s.id, s.path, s.id
            ))
        } else {
            sink.diag(
                e.file,
                e.anchor_span(),
                format!(
                    "near-duplicate of `{}`: question {:.0} % similar, answer {:.0} % similar{in_cluster}",
                    s.id,
                    q_sim * 100.0,
                    a_sim * 100.0
                ),
            )
            .help(format!(
                "keep `{}` (suggested survivor: {why}), move anything this entry adds into it and set `duplicate_of: {}` here\n{diffs}",
                s.id, s.id
            ))
            .maybe_fix(duplicates::mark_duplicate(ctx, e, &s.id))
        };
        d = d.entry(&e.id);
        let others = duplicates::others(corpus, &members, m, surv, max_related);
        sink.push(duplicates::relate(d, s, others, "same question"));
    }
    if grouped {
        duplicates::report_group(
            ctx,
            sink,
            &members,
            surv,
            &why,
            &group,
            "ask the same question as",
            "same question",
        );
    }
}
