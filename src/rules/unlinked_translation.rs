//! `unlinked-translation` (opt-in): an entry whose content matches an entry of another
//! locale that it is not linked to as a translation (no shared id, `translation_of` or
//! translation key).
//!
//! Text in two languages shares few words, so the evidence is what survives translation:
//! external link targets, numbers (amounts, durations, article numbers), `related` ids, and
//! title words after stemming, accent folding and a small FR→EN term map, cut to their
//! first five letters (`vaccination`/`vaccin` meet, so do `contrat`/`contract`). These are
//! IDF-weighted and joined with the same exact prefix filter as the other `duplicate`
//! rules, across locales. Limits: two short entries with no link and no number are found
//! only when their titles are close cognates; two entries citing the same law articles
//! and links may be related topics, not translations (raise `threshold`).

use rustc_hash::FxHashSet as HashSet;

use super::duplicates;
use super::{Context, Lang, Options, Sink};
use crate::similarity::analyze::{Analyzer, fold};
use crate::similarity::{self, Feature, Weights};
use crate::source::markdown::LinkKind;
use crate::source::{Entry, FileKind};

pub struct Rule;

/// French stems (after folding) and the English word they translate, for title matching.
const FR_EN: &[(&str, &str)] = &[
    ("salair", "salary"),
    ("salar", "employee"),
    ("employeur", "employer"),
    ("conge", "leave"),
    ("travail", "work"),
    ("masqu", "mask"),
    ("vaccin", "vaccine"),
    ("enfant", "child"),
    ("malad", "disease"),
    ("symptom", "symptom"),
    ("voyag", "travel"),
    ("ecol", "school"),
    ("prix", "price"),
    ("factur", "invoice"),
    ("paiement", "payment"),
    ("pai", "pay"),
    ("rembours", "refund"),
    ("compt", "account"),
    ("mot", "word"),
    ("pass", "pass"),
    ("command", "order"),
    ("livraison", "delivery"),
    ("retour", "return"),
    ("aid", "help"),
    ("droit", "right"),
    ("dos", "dose"),
    ("grossess", "pregnancy"),
    ("tests", "test"),
    ("depistag", "test"),
    ("quarantain", "quarantine"),
    ("isol", "isolation"),
    ("demission", "resignation"),
    ("licenci", "dismissal"),
    ("retrait", "retirement"),
    ("heur", "hour"),
    ("jour", "day"),
    ("mois", "month"),
    ("an", "year"),
    ("annee", "year"),
];

fn features(ctx: &Context, e: &Entry, fr: &Analyzer, en: &Analyzer) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in &e.body.links {
        if l.kind != LinkKind::Image
            && (l.dest.starts_with("http://") || l.dest.starts_with("https://"))
        {
            out.push(format!("u:{}", l.dest.trim_end_matches('/')));
        }
    }
    let body = duplicates::answer_text(ctx.corpus, e);
    for w in body.split(|c: char| !c.is_ascii_digit()) {
        if w.len() >= 2 {
            out.push(format!("n:{w}"));
        }
    }
    for r in &e.related {
        out.push(format!("r:{}", r.value));
    }
    let title = e.title.as_ref().map_or("", |t| t.value.as_str());
    let lang = Lang::of(e.locale.as_deref());
    let analyzer = if lang == Lang::Fr { fr } else { en };
    for t in analyzer.tokens(title) {
        let t = fold(&t);
        let t = if lang == Lang::Fr {
            FR_EN
                .iter()
                .find(|(f, _)| *f == t)
                .map_or(t.clone(), |(_, e)| en.tokens(e).join(" "))
        } else {
            t
        };
        out.push(format!("t:{}", t.chars().take(5).collect::<String>()));
    }
    out
}

fn linked(a: &Entry, b: &Entry) -> bool {
    let tr = |e: &Entry| e.translation_of.as_ref().map(|f| f.value.clone());
    a.id == b.id
        || tr(a).as_deref() == Some(b.id.as_str())
        || tr(b).as_deref() == Some(a.id.as_str())
        || (tr(a).is_some() && tr(a) == tr(b))
        || (a.translation_key.is_some() && a.translation_key == b.translation_key)
}

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let t = duplicates::threshold(opts, "threshold", 0.3);
        let entries: Vec<usize> = corpus
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| corpus.file(e.file).kind == FileKind::Entry && e.is_indexable())
            .map(|(i, _)| i)
            .collect();
        let locales: HashSet<Option<&str>> = entries
            .iter()
            .map(|&i| corpus.entries[i].locale.as_deref())
            .collect();
        if locales.len() < 2 {
            return;
        }
        let (fr, en) = (Analyzer::new(Lang::Fr), Analyzer::new(Lang::En));
        let sets: Vec<Vec<Feature>> = entries
            .iter()
            .map(|&i| {
                let f = features(ctx, &corpus.entries[i], &fr, &en);
                let s = similarity::token_set(&f);
                if s.len() >= 3 { s } else { Vec::new() }
            })
            .collect();
        let weights = Weights::new(&sets, true);
        let mut pairs: Vec<(usize, usize, f64)> = similarity::join(&sets, &weights, t)
            .into_iter()
            .map(|e| (entries[e.a], entries[e.b], e.similarity))
            .filter(|&(a, b, _)| {
                let (a, b) = (&corpus.entries[a], &corpus.entries[b]);
                a.locale.is_some() && b.locale.is_some() && a.locale != b.locale && !linked(a, b)
            })
            .collect();
        pairs.sort_by_key(|&(a, b, _)| (a.min(b), a.max(b)));
        for (a, b, sim) in pairs {
            let (a, b) = (&corpus.entries[a.min(b)], &corpus.entries[a.max(b)]);
            let (la, lb) = (
                a.locale.as_deref().unwrap_or("?"),
                b.locale.as_deref().unwrap_or("?"),
            );
            sink.push(
                sink.diag(
                    b.file,
                    b.anchor_span(),
                    format!(
                        "looks like a translation of `{}` ({la}) but is not linked as one ({:.0} % of links, numbers and title words shared)",
                        a.id,
                        sim * 100.0
                    ),
                )
                .entry(&b.id)
                .help(format!(
                    "if it is a translation, set `translation_of: {}` here (or give both the same translation key); if not, suppress this diagnostic with a reason ({lb} entry)",
                    a.id
                ))
                .related_entry(a.file, a.anchor_span(), format!("`{}` in locale {la}", a.id), &a.id),
            );
        }
    }
}
