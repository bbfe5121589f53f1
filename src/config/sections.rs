//! `[analytics]` and `[bot]`: the search-analytics inputs that `check`, `mine` and `bot`
//! read, the model of the customer's site search, and what the nightly bot may propose.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// `[analytics]`: search-analytics exports and the model of the site search.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct AnalyticsConfig {
    /// Search exports (paths relative to the repo root; `.gz` accepted). With any, `check`
    /// runs the `search` rules.
    pub searches: Vec<String>,
    /// Vote exports per entry (generic CSV or Zendesk Guide articles JSON).
    pub votes: Vec<String>,
    /// Format of the search exports: `auto` (from extension and content), `events-csv`,
    /// `events-jsonl`, `counts-csv`, `algolia-no-results`, `algolia-top-searches`, `ga4`.
    /// Vote exports are always detected (`votes-csv`, `zendesk-articles`).
    pub format: String,
    /// Column names of the CSV/JSONL exports, when they differ from ours (matched ignoring
    /// case): keys `timestamp`, `query`, `nb_hits`, `clicked_entry`, `locale`, `count`,
    /// `zero_result`, `no_click`, `clicks`, `last_seen` (searches) and `entry_id`, `up`,
    /// `down`, `reasons` (votes).
    pub columns: BTreeMap<String, String>,
    /// Front-matter field that holds an entry's id in the votes export (Zendesk article
    /// id). Unset: votes are matched by entry id.
    pub votes_key: Option<String>,
    /// Locale of searches whose export has none. Unset: the repo's only locale, else all.
    pub default_locale: Option<String>,
    /// Cost of one contact avoided (EUR): 6 for B2C, 11 for B2B in the seeds.
    pub cost_per_contact: f64,
    /// Share of newly answered searches that would have become a contact (an estimate).
    pub deflection_rate: f64,
    /// The model of the customer's site search used by `replay` and `mine`.
    pub model: SearchModelConfig,
}

impl Default for AnalyticsConfig {
    fn default() -> Self {
        AnalyticsConfig {
            searches: Vec::new(),
            votes: Vec::new(),
            format: "auto".into(),
            columns: BTreeMap::new(),
            votes_key: None,
            default_locale: None,
            cost_per_contact: 6.0,
            deflection_rate: 0.1,
            model: SearchModelConfig::default(),
        }
    }
}

/// `[analytics.model]`: how the site search matches. Defaults are strict: every query
/// word among the entry's title and tag words (tags split on `-`), taxonomy synonyms
/// expanded, no stemming, no stop words dropped, no typo tolerance.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SearchModelConfig {
    /// Entry fields searched: any of `title`, `tags`, `synonyms`, `body`.
    pub fields: Vec<String>,
    /// Stem words (French/English Snowball) before matching.
    pub stemming: bool,
    /// Drop the locale's stop words from queries.
    pub stop_words: bool,
    /// Typo tolerance: edits allowed per word (0, 1 or 2; words shorter than 5 letters
    /// get none, as Algolia does).
    pub typos: u8,
    /// Expand taxonomy synonyms.
    pub synonyms: bool,
}

impl Default for SearchModelConfig {
    fn default() -> Self {
        SearchModelConfig {
            fields: vec!["title".into(), "tags".into()],
            stemming: false,
            stop_words: false,
            typos: 0,
            synonyms: true,
        }
    }
}

/// `[bot]`: what the nightly bot proposes and how its pull requests look.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct BotConfig {
    /// Rule ids (or families) whose unsafe fixes the bot may propose for review
    /// (`zero-result-query`, `duplicate`, …). Safe fixes are always proposed.
    pub propose_unsafe: Vec<String>,
    /// `one` pull request for everything, or `per-family`.
    pub split: String,
    /// Head branch (prefix, with `per-family`): stable, no date in it.
    pub branch: String,
    /// Labels put on the pull request.
    pub labels: Vec<String>,
    /// Reviewers requested (GitHub logins; `org/team` for teams).
    pub reviewers: Vec<String>,
    /// Assignees.
    pub assignees: Vec<String>,
    /// Front-matter field naming an entry's owner: its owners become reviewers.
    pub owner_field: Option<String>,
    /// Title of the pull request.
    pub title: String,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            propose_unsafe: Vec::new(),
            split: "one".into(),
            branch: "faqlint/bot".into(),
            labels: vec!["faqlint".into()],
            reviewers: Vec::new(),
            assignees: Vec::new(),
            owner_field: None,
            title: "faqlint: knowledge-base fixes and search suggestions".into(),
        }
    }
}
