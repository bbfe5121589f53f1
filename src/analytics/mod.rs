//! Search-analytics inputs: search logs and votes per entry, read from the exports teams
//! have (generic CSV/JSONL events or counts, Algolia, GA4, Zendesk Guide votes), normalised
//! and redacted of personal data before anything is stored, printed or sent.
//!
//! Readers stream their input (gzip accepted) and aggregate as they go: a log of ten
//! million events becomes one [`QueryStat`] per distinct normalised query. A malformed row
//! is counted and reported with its line number in [`ReadReport`], never fatal.

use std::collections::BTreeMap;

/// The kinds of personal data replaced by a typed placeholder (`<email>`, `<phone>`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PiiKind {
    Email,
    Phone,
    Iban,
    Card,
    Nir,
}

impl PiiKind {
    /// The placeholder written in place of the redacted text.
    pub fn placeholder(self) -> &'static str {
        match self {
            PiiKind::Email => "<email>",
            PiiKind::Phone => "<phone>",
            PiiKind::Iban => "<iban>",
            PiiKind::Card => "<card>",
            PiiKind::Nir => "<nir>",
        }
    }
}

/// All searches whose normalised, redacted query is the same, in one locale.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct QueryStat {
    /// The key: redacted, then normalised (lower case, accents folded, punctuation and
    /// runs of whitespace made one space, trimmed).
    pub query: String,
    /// The most frequent redacted spelling, for people to read.
    pub display: String,
    /// Locale of the searches (`fr`, `en`), when the export or the config tells.
    pub locale: Option<String>,
    /// Number of searches.
    pub count: u64,
    /// How many of them returned nothing (`nb_hits == 0`), when the export tells.
    pub zero_result: u64,
    /// Hits the site search returned (the latest seen), when the export tells.
    pub nb_hits: Option<u64>,
    /// Searches that showed results but got no click, when the export tells.
    pub no_click: Option<u64>,
    /// Clicks per entry id (or per URL/path when the export gives those), most first.
    pub clicks: Vec<(String, u64)>,
}

/// Votes of one entry.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct EntryVotes {
    /// The entry's id, or the value of `[analytics] votes-key` (a Zendesk article id).
    pub key: String,
    pub up: u64,
    pub down: u64,
    /// Reasons given with down votes, and how many times, most first.
    pub reasons: Vec<(String, u64)>,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Malformed {
    /// 1-based line in the (decompressed) file.
    pub line: u64,
    pub message: String,
}

/// What reading one export found, for the run summary.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ReadReport {
    /// The file, as the user named it.
    pub path: String,
    /// The format read (`counts-csv`, `algolia-no-results`…).
    pub format: String,
    /// Rows (events or aggregated lines) read.
    pub rows: u64,
    /// Malformed rows: all counted, the first ones kept with their line.
    pub malformed_count: u64,
    pub malformed: Vec<Malformed>,
    /// Redactions per kind of personal data.
    pub redacted: BTreeMap<PiiKind, u64>,
    /// The file ended in the middle of a row or of a gzip stream.
    pub truncated: bool,
}

/// A search export, aggregated.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SearchLog {
    /// One per distinct (locale, normalised query), most searched first.
    pub queries: Vec<QueryStat>,
    pub reports: Vec<ReadReport>,
}

/// A votes export.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct VoteTable {
    pub votes: Vec<EntryVotes>,
    pub reports: Vec<ReadReport>,
}
