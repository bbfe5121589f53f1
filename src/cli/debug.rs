//! `faqlint debug …` (hidden): internal tools for `benches/`, not a stable interface.

use std::io::Write;

use anyhow::Context as _;

use super::SimilarityArgs;
use crate::ExitStatus;
use crate::similarity::analyze::Analyzer;
use crate::similarity::{Weights, token_set};

/// Splits CSV text into records (RFC 4180 quoting: `"…"`, `""` inside quotes).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Scores each pair with the similarity `duplicate-question` uses. IDF weights are counted
/// over the distinct questions of the file (the pairs' own "locale").
pub fn similarity(args: &SimilarityArgs) -> anyhow::Result<ExitStatus> {
    let text = std::fs::read_to_string(&args.pairs)
        .with_context(|| format!("cannot read {}", args.pairs.display()))?;
    let records = csv_records(&text);
    let pairs: Vec<&Vec<String>> = records.iter().skip(1).filter(|r| r.len() >= 2).collect();
    let analyzer = Analyzer::for_locale(Some(&args.locale));
    let mut distinct: Vec<&str> = pairs
        .iter()
        .flat_map(|r| [r[0].as_str(), r[1].as_str()])
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    let sets: Vec<_> = distinct
        .iter()
        .map(|q| token_set(&analyzer.tokens(q)))
        .collect();
    let weights = Weights::new(&sets, true);
    let mut out = std::io::stdout().lock();
    for r in pairs {
        let a = token_set(&analyzer.tokens(&r[0]));
        let b = token_set(&analyzer.tokens(&r[1]));
        let score = weights.similarity(&a, &b);
        if args.tokens {
            let ta = analyzer.tokens(&r[0]).join(" ");
            let tb = analyzer.tokens(&r[1]).join(" ");
            writeln!(out, "{score:.4}\t{}\t{ta}\t{tb}", r[2..].join("\t"))?;
        } else {
            writeln!(out, "{score:.4}\t{}", r[2..].join("\t"))?;
        }
    }
    Ok(ExitStatus::Clean)
}

/// `faqlint debug aggregate`: the analytics readers on their own (benches/aggregate.sh).
#[derive(Debug, clap::Args, Clone)]
pub struct AggregateArgs {
    /// Search exports (any supported format, `.gz` accepted).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub searches: Vec<std::path::PathBuf>,
    /// Vote exports.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub votes: Vec<std::path::PathBuf>,
    /// Format of the search exports (as `[analytics] format`).
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// Locale of searches whose export has none.
    #[arg(long)]
    pub default_locale: Option<String>,
    /// Most searched queries shown.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Print the whole aggregated log as JSON instead.
    #[arg(long)]
    pub json: bool,
}

/// Reads the exports and prints a summary (or everything as JSON).
pub fn aggregate(args: &AggregateArgs) -> anyhow::Result<ExitStatus> {
    use crate::analytics::{PiiKind, read_searches, read_votes};
    let cfg = crate::config::AnalyticsConfig {
        format: args.format.clone(),
        default_locale: args.default_locale.clone(),
        ..Default::default()
    };
    let log = read_searches(&args.searches, &cfg)?;
    let votes = read_votes(&args.votes, &cfg)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"searches": log, "votes": votes}),
        )?;
        writeln!(out)?;
        return Ok(ExitStatus::Clean);
    }
    for r in log.reports.iter().chain(&votes.reports) {
        writeln!(
            out,
            "{}: {}, {} rows, {} malformed{}, {} empty{}",
            r.path,
            r.format,
            r.rows,
            r.malformed_count,
            r.malformed
                .first()
                .map(|m| format!(" (first: line {}: {})", m.line, m.message))
                .unwrap_or_default(),
            r.empty,
            if r.truncated { ", TRUNCATED" } else { "" }
        )?;
    }
    let searches: u64 = log.queries.iter().map(|q| q.count).sum();
    let zero: u64 = log.queries.iter().map(|q| q.zero_result).sum();
    writeln!(
        out,
        "searches: {searches} in {} distinct queries; zero-result: {zero}",
        log.queries.len()
    )?;
    let kinds = [
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::Iban,
        PiiKind::Card,
        PiiKind::Nir,
    ];
    let redacted: Vec<String> = kinds
        .iter()
        .map(|k| {
            let n = crate::analytics::redacted_total(&log.reports, *k)
                + crate::analytics::redacted_total(&votes.reports, *k);
            format!("{} {n}", k.placeholder())
        })
        .collect();
    writeln!(out, "redacted: {}", redacted.join(", "))?;
    for q in log.queries.iter().take(args.top) {
        writeln!(
            out,
            "{:>10} {:>10}  [{}] {}",
            q.count,
            q.zero_result,
            q.locale.as_deref().unwrap_or("-"),
            q.display
        )?;
    }
    if !votes.votes.is_empty() {
        writeln!(out, "votes: {} keys", votes.votes.len())?;
    }
    // The process exits next: the list goes back to the OS whole rather than freed query by
    // query (~65 ms for the 336k queries of a 10M-row log, on one thread).
    std::mem::forget(log);
    Ok(ExitStatus::Clean)
}

#[cfg(test)]
mod tests {
    use super::csv_records;

    #[test]
    fn csv_quotes_and_commas() {
        let r = csv_records("a,b\n\"x, \"\"y\"\"\",z\n");
        assert_eq!(r, vec![vec!["a", "b"], vec!["x, \"y\"", "z"]]);
    }
}
