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

#[cfg(test)]
mod tests {
    use super::csv_records;

    #[test]
    fn csv_quotes_and_commas() {
        let r = csv_records("a,b\n\"x, \"\"y\"\"\",z\n");
        assert_eq!(r, vec![vec!["a", "b"], vec!["x, \"y\"", "z"]]);
    }
}
