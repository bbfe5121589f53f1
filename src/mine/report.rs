//! Rendering of a mining result: JSON (a public contract), text for people, Markdown for a
//! pull-request body.
//!
//! JSON, `version` 1:
//!
//! ```json
//! {"version": 1,
//!  "suggestions": [{"kind": "add-tag", "entry": "F2301", "locale": "fr", "tag": "prime",
//!                   "synonym": null, "searches": 42, "queries": ["13e mois"],
//!                   "before": 1930, "after": 1888, ...}],
//!  "summary": {...}}
//! ```
//!
//! Every suggestion has exactly the keys `kind`, `entry`, `locale`, `tag`, `synonym`,
//! `searches`, `queries`, `before`, `after` (null when not applicable), plus `path`, `tags`,
//! `synonyms`, `new_tags` and `votes`. Keys may be added in version 1, never renamed or
//! removed.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Kind, MineResult, Suggestion, Summary, VoteSummary};
use crate::output::markdown::{code, text};
use crate::source::Corpus;

#[derive(Serialize)]
pub struct MineJson<'a> {
    pub version: u32,
    pub suggestions: Vec<SuggestionJson<'a>>,
    pub summary: &'a Summary,
}

#[derive(Serialize)]
pub struct SynonymJson<'a> {
    pub synonym: &'a str,
    pub tag: &'a str,
}

#[derive(Serialize)]
pub struct SuggestionJson<'a> {
    pub kind: Kind,
    pub entry: Option<&'a str>,
    pub locale: Option<&'a str>,
    pub tag: Option<&'a str>,
    pub synonym: Option<&'a str>,
    pub searches: u64,
    pub queries: &'a [String],
    pub before: Option<u64>,
    pub after: Option<u64>,
    /// Path of the entry.
    pub path: Option<&'a str>,
    /// Every tag the suggestion adds (`tag` is the first).
    pub tags: &'a [String],
    /// Every synonym it adds, with its tag (`synonym` is the first).
    pub synonyms: Vec<SynonymJson<'a>>,
    /// Tags the taxonomy does not list yet.
    pub new_tags: &'a [String],
    pub votes: Option<&'a VoteSummary>,
}

pub fn to_json<'a>(corpus: &'a Corpus, result: &'a MineResult) -> MineJson<'a> {
    MineJson {
        version: 1,
        suggestions: result
            .suggestions
            .iter()
            .map(|s| suggestion_json(corpus, s))
            .collect(),
        summary: &result.summary,
    }
}

fn suggestion_json<'a>(corpus: &'a Corpus, s: &'a Suggestion) -> SuggestionJson<'a> {
    let entry = s.entry.map(|i| &corpus.entries[i]);
    let tag = match s.kind {
        Kind::AddTag => s.tags.first().map(String::as_str),
        Kind::AddSynonym => s.synonyms.first().map(|(_, t)| t.as_str()),
        _ => None,
    };
    SuggestionJson {
        kind: s.kind,
        entry: entry.map(|e| e.id.as_str()),
        locale: s.locale.as_deref(),
        tag,
        synonym: s.synonyms.first().map(|(w, _)| w.as_str()),
        searches: s.searches,
        queries: &s.queries,
        before: s.before,
        after: s.after,
        path: entry.map(|e| e.path.as_str()),
        tags: &s.tags,
        synonyms: s
            .synonyms
            .iter()
            .map(|(w, t)| SynonymJson { synonym: w, tag: t })
            .collect(),
        new_tags: &s.new_tags,
        votes: s.votes.as_ref(),
    }
}

/// One line describing what the suggestion proposes (plain text).
pub fn describe(corpus: &Corpus, s: &Suggestion) -> String {
    let entry = s
        .entry
        .map(|i| corpus.entries[i].id.as_str())
        .unwrap_or("?");
    let syns = |s: &Suggestion| {
        s.synonyms
            .iter()
            .map(|(w, t)| format!("`{w}` → `{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s.kind {
        Kind::AddTag => {
            let tags: Vec<String> = s.tags.iter().map(|t| format!("`{t}`")).collect();
            let mut out = format!("add tag {} to `{entry}`", tags.join(", "));
            if !s.synonyms.is_empty() {
                let _ = write!(out, " and synonym {}", syns(s));
            }
            out
        }
        Kind::AddSynonym => format!("add synonym {} (finds `{entry}`)", syns(s)),
        Kind::ContentGap => "no entry answers these searches: write one".to_string(),
        Kind::ReviewEntry => {
            let v = s.votes.as_ref();
            format!(
                "review `{entry}`: {} down votes of {}",
                v.map_or(0, |v| v.down),
                v.map_or(0, |v| v.up + v.down)
            )
        }
        Kind::NoClick => "searches show results but nobody clicks one".to_string(),
    }
}

/// Text for people.
pub fn human(corpus: &Corpus, result: &MineResult) -> String {
    let mut out = String::new();
    for (n, s) in result.suggestions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {:<12} {:>6} searches  {}",
            n + 1,
            s.kind.as_str(),
            s.searches,
            describe(corpus, s)
        );
        if !s.queries.is_empty() {
            let qs: Vec<String> = s
                .queries
                .iter()
                .take(5)
                .map(|q| format!("\"{q}\""))
                .collect();
            let _ = writeln!(out, "     queries: {}", qs.join(", "));
        }
        if let (Some(b), Some(a)) = (s.before, s.after) {
            let _ = writeln!(out, "     zero-result searches: {b} -> {a}");
        }
        if let Some(v) = &s.votes
            && !v.reasons.is_empty()
        {
            let rs: Vec<String> = v
                .reasons
                .iter()
                .map(|(r, c)| format!("{r} ({c})"))
                .collect();
            let _ = writeln!(out, "     reasons: {}", rs.join(", "));
        }
    }
    let m = &result.summary;
    let _ = writeln!(
        out,
        "{} suggestions; zero-result searches {} -> {} of {} searches ({} queries -> {}); estimate: {:.0} contacts and {:.0} {} avoided (deflection {:.0} %, {} {} per contact)",
        m.suggestions,
        m.zero_result_searches_before,
        m.zero_result_searches_after,
        m.searches,
        m.zero_result_queries_before,
        m.zero_result_queries_after,
        m.contacts_avoided_estimate,
        m.cost_avoided_estimate,
        m.currency,
        m.deflection_rate * 100.0,
        m.cost_per_contact,
        m.currency,
    );
    out
}

/// The most a pull-request body may hold (GitHub: 65,536 characters), with room to spare.
const BODY_LIMIT: usize = 60_000;

/// Markdown: a table of suggestions and the summary, for a pull-request body.
pub fn markdown(corpus: &Corpus, result: &MineResult) -> String {
    let m = &result.summary;
    let mut out = String::new();
    let _ = writeln!(out, "### Search suggestions\n");
    let _ = writeln!(
        out,
        "Replaying {} searches ({} distinct queries) through the site-search model: **{} zero-result searches before, {} after** the edits below.\n",
        m.searches, m.queries, m.zero_result_searches_before, m.zero_result_searches_after
    );
    let _ = writeln!(
        out,
        "| # | kind | entry | edit | searches | zero-result before → after | example queries |"
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---|---|");
    let mut shown = 0;
    for (n, s) in result.suggestions.iter().enumerate() {
        let entry = s
            .entry
            .map(|i| code(&corpus.entries[i].id))
            .unwrap_or_default();
        let edit = text(&describe(corpus, s).replace('`', ""));
        let ba = match (s.before, s.after) {
            (Some(b), Some(a)) => format!("{b} → {a}"),
            _ => String::new(),
        };
        let qs: Vec<String> = s.queries.iter().take(3).map(|q| text(q.as_str())).collect();
        let row = format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            n + 1,
            s.kind.as_str(),
            entry,
            edit,
            s.searches,
            ba,
            qs.join("; ")
        );
        if out.len() + row.len() > BODY_LIMIT {
            break;
        }
        out.push_str(&row);
        shown += 1;
    }
    if shown < result.suggestions.len() {
        let _ = writeln!(
            out,
            "\n_{} more suggestions not shown (body size limit)._",
            result.suggestions.len() - shown
        );
    }
    let _ = writeln!(
        out,
        "\n**Estimate** (not a measurement): about {:.0} contacts and {:.0} {} avoided, assuming {:.0} % of newly answered searches would have become a contact at {} {} each.",
        m.contacts_avoided_estimate,
        m.cost_avoided_estimate,
        m.currency,
        m.deflection_rate * 100.0,
        m.cost_per_contact,
        m.currency
    );
    out
}
