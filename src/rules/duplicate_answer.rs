//! `duplicate-answer`: entries of one locale giving the same answer, as clusters.
//!
//! Answers are word 3-shingle sets over stemmed tokens, joined with the exact prefix filter
//! of [`crate::similarity`] (plain Jaccard); identical answers are grouped first, so a
//! body copied ten times is one cluster. Members whose question also matches the
//! survivor's are left to `duplicate-question` (option `skip-same-question`), so one pair
//! of entries is reported once.

use super::duplicates;
use super::{Context, Options, Sink};
use crate::similarity;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let policy = duplicates::DocsPolicy::of(corpus);
        let t = policy.answer_threshold(duplicates::threshold(opts, "threshold", 0.8));
        let min_shingles = policy
            .min_words(usize::try_from(opts.int("min-words")).unwrap_or(8))
            .saturating_sub(duplicates::SHINGLE - 1)
            .max(1);
        let skip_same_question = opts.bool("skip-same-question");
        let max_related = usize::try_from(opts.int("max-related"))
            .unwrap_or(20)
            .max(1);
        let analysis = duplicates::analysis(corpus);
        let inbound = &analysis.inbound;
        for loc in analysis.locales.iter().filter(|l| l.entries.len() >= 2) {
            let sets = duplicates::long_answers(loc, min_shingles);
            let edges = similarity::join(&sets, &loc.answer_weights, t);
            for cluster in similarity::clusters(loc.entries.len(), &edges) {
                let members: Vec<usize> = cluster.iter().map(|&m| loc.entries[m]).collect();
                let (surv, why) = duplicates::survivor(corpus, inbound, &members);
                let s_local = cluster[members.iter().position(|&m| m == surv).unwrap_or(0)];
                let s = &corpus.entries[surv];
                // A large cluster is one diagnostic (see `duplicates::report_group`).
                let grouped = cluster.len() > max_related + 1;
                let mut group: Vec<duplicates::GroupMember> = Vec::new();
                for (&local, &m) in cluster.iter().zip(&members) {
                    if m == surv {
                        continue;
                    }
                    let q_sim = loc
                        .question_weights
                        .similarity(&loc.questions[local], &loc.questions[s_local]);
                    if skip_same_question && q_sim >= super::duplicate_question::DEFAULT_THRESHOLD {
                        continue;
                    }
                    let e = &corpus.entries[m];
                    if grouped {
                        let diffs = if group.len() < duplicates::GROUP_DIFFS {
                            duplicates::pair_diffs(corpus, loc, s_local, local)
                        } else {
                            String::new()
                        };
                        group.push(duplicates::GroupMember { entry: m, diffs });
                        continue;
                    }
                    let a_sim = loc.answer_weights.similarity(&sets[local], &sets[s_local]);
                    let size = cluster.len();
                    let what = if a_sim >= 1.0 {
                        "same answer as"
                    } else {
                        "near-duplicate answer of"
                    };
                    let in_cluster = if size > 2 {
                        format!(", one of {size} entries giving it")
                    } else {
                        String::new()
                    };
                    let d = sink
                        .diag(
                            e.file,
                            e.anchor_span(),
                            format!("{what} `{}` ({:.0} % similar{in_cluster})", s.id, a_sim * 100.0),
                        )
                        .entry(&e.id)
                        .help(format!(
                            "if both questions need this answer, keep it in `{}` (suggested survivor: {why}) and add this question to it as a synonym or tag, then set `duplicate_of: {}` here\n{}",
                            s.id,
                            s.id,
                            duplicates::pair_diffs(corpus, loc, s_local, local)
                        ))
                        .maybe_fix(duplicates::mark_duplicate(ctx, e, &s.id));
                    let others = duplicates::others(corpus, &members, m, surv, max_related);
                    sink.push(duplicates::relate(d, s, others, "same answer"));
                }
                if grouped {
                    duplicates::report_group(
                        ctx,
                        sink,
                        &members,
                        surv,
                        &why,
                        &group,
                        "give the same answer as",
                        "same answer",
                    );
                }
            }
        }
    }
}
