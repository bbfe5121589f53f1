//! What the `duplicate` rules share: which entries take part, their analysed questions and
//! answers per locale, the suggested survivor of a cluster, and the `duplicate_of` fix.
//! The detection itself is [`crate::similarity`] (see its module docs for the design).
//!
//! **Survivor**: the member with the most inbound links (Markdown links and `related` ids
//! from published entries: the one readers and search already reach), then the most recent
//! `last_reviewed` (the one an editor checked last), then the shortest path (usually the
//! original, not the `-2` copy), then the first path.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::Context;
use super::id_index::IdIndex;
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::similarity::analyze::Analyzer;
use crate::similarity::{self, Feature, Weights};
use crate::site::Resolution;
use crate::site::redirects::Target;
use crate::source::{Corpus, Entry, FileKind};

/// Word shingle length for answers.
pub(crate) const SHINGLE: usize = 3;

/// On a documentation site (a generated site whose titles are mostly not questions), pages
/// of one family share a title ("Introduction", "Overview") or templated prose
/// (`and`/`or`, `Width`/`Height` reference pages) by design: only near-copies of a
/// substantial answer are duplicates there, and a shared title is no conflict.
pub(crate) struct DocsPolicy {
    pub(crate) docs: bool,
}

impl DocsPolicy {
    /// Answer similarity a documentation site needs.
    pub(crate) const ANSWER_THRESHOLD: f64 = 0.9;
    /// Words an answer needs on a documentation site to be compared.
    pub(crate) const MIN_WORDS: usize = 30;

    pub(crate) fn of(corpus: &crate::source::Corpus) -> DocsPolicy {
        DocsPolicy {
            docs: corpus.site.is_documentation(),
        }
    }

    pub(crate) fn answer_threshold(&self, t: f64) -> f64 {
        if self.docs {
            t.max(Self::ANSWER_THRESHOLD)
        } else {
            t
        }
    }

    pub(crate) fn min_words(&self, n: usize) -> usize {
        if self.docs { n.max(Self::MIN_WORDS) } else { n }
    }
}

/// The answers' shingle sets of a locale, those with fewer than `min_shingles` shingles
/// emptied: short answers ("Yes.", "See the form.") are alike by nature and left out.
pub(crate) fn long_answers(loc: &Locale, min_shingles: usize) -> Vec<Vec<similarity::Feature>> {
    loc.answers
        .iter()
        .map(|a| {
            if a.len() >= min_shingles {
                a.clone()
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// The entries of one locale that take part in duplicate detection (published entries,
/// not drafts, not already `duplicate_of`), with their analysed question and answer.
pub(crate) struct Locale {
    /// Corpus entry indexes.
    pub entries: Vec<usize>,
    /// Token sets of the titles.
    pub questions: Vec<Vec<Feature>>,
    /// Shingle sets of the answers.
    pub answers: Vec<Vec<Feature>>,
    /// The answers' prose, for diffs.
    pub answer_texts: Vec<String>,
    pub question_weights: Weights,
    pub answer_weights: Weights,
}

/// The prose of an entry's answer (code and templates left out).
pub(crate) fn answer_text(corpus: &Corpus, e: &Entry) -> String {
    let text = corpus.text(e.file);
    let mut out = String::new();
    for r in &e.body.text_runs {
        if let Some(t) = text.get(r.clone()) {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}

/// What both duplicate rules read: the analysed entries per locale and inbound link counts.
/// Computed once per run ([`Corpus::memo`]), by whichever rule runs first.
pub(crate) struct Analysis {
    pub locales: Vec<Locale>,
    pub inbound: Vec<usize>,
}

/// The run's shared [`Analysis`].
pub(crate) fn analysis(corpus: &Corpus) -> Arc<Analysis> {
    corpus.memo.get_or_init(|| Analysis {
        locales: locales(corpus),
        inbound: inbound(corpus),
    })
}

/// The entries taking part, per locale (in path order inside a locale).
fn locales(corpus: &Corpus) -> Vec<Locale> {
    let mut by_locale: HashMap<Option<&str>, Vec<usize>> = HashMap::default();
    for (i, e) in corpus.entries.iter().enumerate() {
        if corpus.file(e.file).kind != FileKind::Entry || !e.is_indexable() {
            continue;
        }
        by_locale.entry(e.locale.as_deref()).or_default().push(i);
    }
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = by_locale.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|(locale, entries)| {
            let analyzer = Analyzer::for_locale(locale);
            let questions: Vec<Vec<Feature>> = entries
                .par_iter()
                .map(|&i| {
                    let e = &corpus.entries[i];
                    let title = e.title.as_ref().map_or("", |t| t.value.as_str());
                    similarity::token_set(&analyzer.tokens(title))
                })
                .collect();
            let answer_texts: Vec<String> = entries
                .par_iter()
                .map(|&i| answer_text(corpus, &corpus.entries[i]))
                .collect();
            // Identical answers are analysed once (copies are common at scale).
            let mut first: HashMap<&str, usize> = HashMap::default();
            let slot: Vec<usize> = answer_texts
                .iter()
                .enumerate()
                .map(|(i, t)| *first.entry(t.as_str()).or_insert(i))
                .collect();
            let distinct: Vec<usize> = (0..slot.len()).filter(|&i| slot[i] == i).collect();
            let analysed: HashMap<usize, Vec<Feature>> = distinct
                .par_iter()
                .map(|&i| {
                    let tokens = analyzer.tokens(&answer_texts[i]);
                    (i, similarity::shingle_set(&tokens, SHINGLE))
                })
                .collect();
            let answers: Vec<Vec<Feature>> = slot
                .iter()
                .map(|s| analysed.get(s).cloned().unwrap_or_default())
                .collect();
            let question_weights = Weights::new(&questions, true);
            let answer_weights = Weights::new(&answers, false);
            Locale {
                entries,
                questions,
                answers,
                answer_texts,
                question_weights,
                answer_weights,
            }
        })
        .collect()
}

/// Inbound links per corpus entry: Markdown links and `related` ids from published entries.
fn inbound(corpus: &Corpus) -> Vec<usize> {
    let ids = IdIndex::new(corpus);
    let mut count = vec![0usize; corpus.entries.len()];
    for (i, e) in corpus.entries.iter().enumerate() {
        if !e.is_indexable() {
            continue;
        }
        for r in corpus.site.links.get(i).into_iter().flatten() {
            match &r.resolution {
                Resolution::Entry { index, .. }
                | Resolution::Redirected {
                    target: Target::Entry(index),
                    ..
                } if *index != i => count[*index] += 1,
                _ => {}
            }
        }
        for r in &e.related {
            for (t, _) in ids.in_locale(&r.value, e.locale.as_deref()) {
                if t != i {
                    count[t] += 1;
                }
            }
        }
    }
    count
}

/// The suggested survivor of a cluster (corpus entry indexes) and why it was chosen.
pub(crate) fn survivor(corpus: &Corpus, inbound: &[usize], members: &[usize]) -> (usize, String) {
    let key = |&i: &usize| {
        let e = &corpus.entries[i];
        (
            std::cmp::Reverse(inbound[i]),
            std::cmp::Reverse(e.last_reviewed.as_ref().map(|f| f.value)),
            e.path.len(),
            e.path.as_str(),
        )
    };
    let mut sorted: Vec<usize> = members.to_vec();
    sorted.sort_by(|a, b| key(a).cmp(&key(b)));
    let best = sorted[0];
    let second = sorted.get(1).copied().unwrap_or(best);
    let (kb, ks) = (key(&best), key(&second));
    let why = if kb.0 != ks.0 {
        format!("most links ({})", inbound[best])
    } else if kb.1 != ks.1 {
        "most recently reviewed".to_string()
    } else if kb.2 != ks.2 {
        "shortest path".to_string()
    } else {
        "first path".to_string()
    };
    (best, why)
}

/// The unsafe fix: `duplicate_of: <survivor id>` in the member's front matter.
pub(crate) fn mark_duplicate(ctx: &Context, member: &Entry, survivor_id: &str) -> Option<Fix> {
    let text = ctx.corpus.text(member.file);
    let root = member.front_matter(text)?;
    let yaml = member.yaml_range.clone()?;
    let key = ctx.config.fields.duplicate_of.first()?.clone();
    let edit = yaml_edit::set_scalar(member.file, text, &root, yaml, &key, survivor_id)?;
    Some(Fix::new(
        format!("mark as a duplicate: `{key}: {survivor_id}`"),
        Applicability::Unsafe,
        vec![edit],
    ))
}

/// A threshold option in `0..=1`, else `default`.
pub(crate) fn threshold(opts: &super::Options, key: &str, default: f64) -> f64 {
    opts.get(key)
        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
        .filter(|t| (0.0..=1.0).contains(t))
        .unwrap_or(default)
}

/// The answer diff line of a member against the survivor.
pub(crate) fn answer_diff(survivor: &str, member: &str) -> String {
    if survivor == member {
        "answer diff: none (identical answers)".to_string()
    } else {
        format!(
            "answer diff: {}",
            similarity::word_diff(survivor, member, 200)
        )
    }
}

/// The question and answer diff lines of member `local` against the survivor `s_local`
/// (indexes into `loc`).
pub(crate) fn pair_diffs(corpus: &Corpus, loc: &Locale, s_local: usize, local: usize) -> String {
    let (s, e) = (
        &corpus.entries[loc.entries[s_local]],
        &corpus.entries[loc.entries[local]],
    );
    fn title(x: &Entry) -> &str {
        x.title.as_ref().map_or("", |t| t.value.as_str())
    }
    format!(
        "question diff `{}` → `{}`: {}\n{}",
        s.id,
        e.id,
        similarity::word_diff(title(s), title(e), 200),
        answer_diff(&loc.answer_texts[s_local], &loc.answer_texts[local])
    )
}

/// The related-location list of a member's diagnostic: the survivor first, then the other
/// members, at most `max` in all.
/// `d` with `others` as its related entries: the survivor named as such, the rest as
/// `{same}: `id``.
pub(crate) fn relate<'a>(
    mut d: crate::diagnostic::DiagnosticBuilder,
    survivor: &Entry,
    others: impl IntoIterator<Item = &'a Entry>,
    same: &str,
) -> crate::diagnostic::DiagnosticBuilder {
    for o in others {
        let label = if o.file == survivor.file {
            format!("suggested survivor `{}`", o.id)
        } else {
            format!("{same}: `{}`", o.id)
        };
        d = d.related_entry(o.file, o.anchor_span(), label, &o.id);
    }
    d
}

pub(crate) fn others<'a>(
    corpus: &'a Corpus,
    cluster: &'a [usize],
    member: usize,
    survivor: usize,
    max: usize,
) -> impl Iterator<Item = &'a Entry> + 'a {
    std::iter::once(survivor)
        .chain(
            cluster
                .iter()
                .copied()
                .filter(move |&m| m != member && m != survivor),
        )
        .take(max)
        .map(move |i| &corpus.entries[i])
}

/// Members' word diffs written out on a grouped diagnostic; the rest are related locations.
pub(crate) const GROUP_DIFFS: usize = 5;

/// What one member of a large cluster contributes to its grouped diagnostic.
pub(crate) struct GroupMember {
    /// Corpus entry index.
    pub entry: usize,
    /// Its question and answer diff lines against the survivor (only the first
    /// [`GROUP_DIFFS`] members' are shown).
    pub diffs: String,
}

/// A large cluster (more members than `max-related` + 1) as **one** diagnostic instead of
/// one per member: with 90 copies of an entry, 89 diagnostics each listing 88 others would
/// be quadratic noise. It sits at the first member to mark, lists every other member of the
/// cluster as a related location (the survivor first, so every member is listed once), shows
/// the diffs of the first few members, and carries one unsafe fix setting `duplicate_of` on
/// all the members to mark.
#[allow(clippy::too_many_arguments)]
pub(crate) fn report_group(
    ctx: &Context,
    sink: &mut super::Sink,
    cluster: &[usize],
    survivor: usize,
    why: &str,
    to_mark: &[GroupMember],
    what: &str,
    same: &str,
) {
    let corpus = ctx.corpus;
    let Some(first) = to_mark.first() else {
        return;
    };
    let s = &corpus.entries[survivor];
    let e = &corpus.entries[first.entry];
    let mut help = format!(
        "keep `{}` (suggested survivor: {why}), move anything the other {} entries add into it and set `duplicate_of: {}` on each (the fix does)",
        s.id,
        to_mark.len(),
        s.id
    );
    for m in to_mark.iter().take(GROUP_DIFFS) {
        help.push('\n');
        help.push_str(&m.diffs);
    }
    if to_mark.len() > GROUP_DIFFS {
        help.push_str(&format!(
            "\n… and {} more members (listed as related locations)",
            to_mark.len() - GROUP_DIFFS
        ));
    }
    let edits: Vec<_> = to_mark
        .iter()
        .filter_map(|m| mark_duplicate(ctx, &corpus.entries[m.entry], &s.id))
        .flat_map(|f| f.edits)
        .collect();
    let fix = (!edits.is_empty()).then(|| {
        Fix::new(
            format!(
                "mark {} entries as duplicates: `duplicate_of: {}`",
                to_mark.len(),
                s.id
            ),
            Applicability::Unsafe,
            edits,
        )
    });
    let d = sink
        .diag(
            e.file,
            e.anchor_span(),
            format!(
                "{} entries {what} `{}` (a cluster of {})",
                to_mark.len(),
                s.id,
                cluster.len()
            ),
        )
        .entry(&e.id)
        .help(help)
        .maybe_fix(fix);
    let members = std::iter::once(survivor).chain(
        cluster
            .iter()
            .copied()
            .filter(|&m| m != survivor && m != first.entry),
    );
    sink.push(relate(d, s, members.map(|m| &corpus.entries[m]), same));
}
