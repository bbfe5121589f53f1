//! Search-analytics inputs: search logs and votes per entry, read from the exports teams
//! have (generic CSV/JSONL events or counts, Algolia, GA4, Zendesk Guide votes), normalised
//! and redacted of personal data before anything is stored, printed or sent.
//!
//! Readers stream their input (gzip accepted) and aggregate as they go: a log of ten
//! million events becomes one [`QueryStat`] per distinct normalised query. A malformed row
//! is counted and reported with its line number in [`ReadReport`], never fatal.
//!
//! Entry points: [`read_searches`] and [`read_votes`] (formats: [`SearchFormat`],
//! [`VotesFormat`]; the input formats are described in `fixtures/analytics/README.md`),
//! [`normalize_query`] (the aggregation key) and [`redact`] (personal data → typed
//! placeholders), [`progress_bar`] for long inputs. At warehouse scale, [`DUCKDB_SQL`] and
//! [`BIGQUERY_SQL`] produce the aggregated table (`counts-csv`) from raw events.
//!
//! Order of operations for a query: redact, then normalise; the raw text never leaves
//! the reader (it is only held, in memory, while rows are counted per distinct string).

mod aggregate;
mod columns;
mod formats;
mod input;
mod normalize;
mod redact;
mod votes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use formats::SearchFormat;
pub use input::progress_bar;
pub use normalize::{normalize_into, normalize_query};
pub use redact::{redact, redact_cow};
pub use votes::VotesFormat;

use crate::config::AnalyticsConfig;

/// The aggregation SQL for DuckDB: raw events (`timestamp, query, nb_hits, clicked_entry,
/// locale`) to the `counts-csv` table faqlint reads.
pub const DUCKDB_SQL: &str = include_str!("sql/aggregate.duckdb.sql");

/// The same for BigQuery (GA4 raw export or a table of events).
pub const BIGQUERY_SQL: &str = include_str!("sql/aggregate.bigquery.sql");

/// An export that cannot be read at all. Bad rows are not errors: they are counted in
/// [`ReadReport`].
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot open {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unknown format: {reason}")]
    UnknownFormat { path: String, reason: String },
    #[error("[analytics] {0}")]
    Config(String),
}

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
    /// Searches with an empty query (nothing left once trimmed; GA4's `(not set)`),
    /// skipped.
    pub empty: u64,
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

fn report_for(path: &Path, format: &str) -> ReadReport {
    ReadReport {
        path: path.display().to_string(),
        format: format.to_string(),
        ..ReadReport::default()
    }
}

/// Reads search exports (any mix of formats; `.gz` accepted) into one aggregated log.
///
/// Paths are used as given (resolve them against the repo root first). The format of
/// each file is `[analytics] format`, or detected: `.jsonl`/`.ndjson` → events JSONL;
/// JSON with `nbHits` → Algolia top searches, with `searches` only → Algolia searches
/// without results; CSV after `#` comment lines with a `Search term` column → GA4; CSV
/// with a count column and no timestamp → counts; other CSV with a query column → events.
/// Column names are matched ignoring case (`[analytics.columns]` maps ours to yours).
///
/// Queries are redacted then normalised; rows without a locale get
/// `[analytics] default-locale` (else none). Files add up, except Algolia's two exports
/// of the same searches: a query in both counts the larger of its two counts.
///
/// Errors only when a file cannot be opened or its format is unknown (no query column,
/// unknown JSON shape, bad `[analytics]` settings); bad rows are in the reports.
pub fn read_searches(paths: &[PathBuf], cfg: &AnalyticsConfig) -> Result<SearchLog, InputError> {
    let cols = columns::Columns::from_config(&cfg.columns)?;
    let forced = SearchFormat::from_config(&cfg.format)?;
    let mut agg = aggregate::Aggregator::new(cfg.default_locale.as_deref());
    let mut other = aggregate::Merged::default();
    let mut algolia_top = aggregate::Merged::default();
    let mut algolia_none = aggregate::Merged::default();
    let mut reports = Vec::new();
    for path in paths {
        let src = input::Source::open(path)?;
        let format = match forced {
            Some(f) => f,
            None => formats::detect_search(&src, &cols)?,
        };
        let mut report = report_for(path, format.name());
        let group = match format {
            SearchFormat::AlgoliaTopSearches => &mut algolia_top,
            SearchFormat::AlgoliaNoResults => &mut algolia_none,
            _ => &mut other,
        };
        let default_locale = agg.default_locale().map(str::to_string);
        let default_locale = default_locale.as_deref();
        let (target, seq) = agg.target(group);
        let target = std::sync::Mutex::new(target);
        match format {
            SearchFormat::EventsCsv | SearchFormat::CountsCsv | SearchFormat::Ga4 => {
                formats::read_tabular(
                    src,
                    format,
                    &cols,
                    &target,
                    default_locale,
                    seq,
                    &mut report,
                )?;
            }
            SearchFormat::EventsJsonl => {
                let mut file = aggregate::FileAgg::new(&target, default_locale);
                formats::read_jsonl(src, &cols, &mut file, seq, &mut report)?;
            }
            SearchFormat::AlgoliaNoResults | SearchFormat::AlgoliaTopSearches => {
                let mut file = aggregate::FileAgg::new(&target, default_locale);
                formats::read_algolia(src, format, &mut file, seq, &mut report);
            }
        }
        reports.push(report);
    }
    aggregate::combine(&mut algolia_top, algolia_none, true);
    aggregate::combine(&mut other, algolia_top, false);
    Ok(SearchLog {
        queries: agg.finish(other),
        reports,
    })
}

/// Reads vote exports: the generic CSV (`entry_id, up, down, reasons`) or Zendesk Guide
/// articles JSON (detected from `.json` or a leading `{`/`[`). Votes of the same key add
/// up across rows and files. Reasons are redacted, lower-cased and counted
/// (`text:n;text:n` in one cell, or one reason a row counting once).
///
/// The key is the CSV's entry id, or the Zendesk article id: match it to entries with
/// the front-matter field named by `[analytics] votes-key`.
pub fn read_votes(paths: &[PathBuf], cfg: &AnalyticsConfig) -> Result<VoteTable, InputError> {
    let cols = columns::Columns::from_config(&cfg.columns)?;
    let mut agg = votes::VoteAgg::default();
    let mut reports = Vec::new();
    for path in paths {
        let src = input::Source::open(path)?;
        let format = votes::detect(&src);
        let mut report = report_for(path, format.name());
        match format {
            VotesFormat::VotesCsv => votes::read_csv(src, &cols, &mut agg, &mut report)?,
            VotesFormat::ZendeskArticles => votes::read_zendesk(src, &mut agg, &mut report),
        }
        reports.push(report);
    }
    Ok(VoteTable {
        votes: agg.finish(),
        reports,
    })
}

/// Searches redacted per kind over all reports.
pub fn redacted_total(reports: &[ReadReport], kind: PiiKind) -> u64 {
    reports
        .iter()
        .map(|r| r.redacted.get(&kind).copied().unwrap_or(0))
        .sum()
}
