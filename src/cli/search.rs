//! `faqlint search "query"`: what a visitor would get from the repo's entries.

use std::io::{BufRead, IsTerminal, Write};
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use super::{ColorChoice, SearchArgs, SearchFormat, note};
use crate::ExitStatus;
use crate::cli::check::Workspace;
use crate::index::{Analyzer, EntryIndex, Hit, analyze_spans, cache};
use crate::lint::Selection;
use crate::source::Corpus;

/// `--format json`: a public contract (`version` 1).
#[derive(Serialize)]
struct SearchJson<'a> {
    version: u32,
    query: &'a str,
    locale: Option<&'a str>,
    hits: Vec<HitJson<'a>>,
}

#[derive(Serialize)]
struct HitJson<'a> {
    entry: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    score: f32,
    matched: &'a [String],
}

fn to_json<'a>(
    corpus: &'a Corpus,
    query: &'a str,
    locale: Option<&'a str>,
    hits: &'a [Hit],
) -> SearchJson<'a> {
    SearchJson {
        version: 1,
        query,
        locale,
        hits: hits
            .iter()
            .map(|h| {
                let e = &corpus.entries[h.entry];
                HitJson {
                    entry: &e.id,
                    path: &e.path,
                    title: e.title.as_ref().map(|t| t.value.as_str()),
                    // Four decimals: stable across platforms, enough to rank by eye.
                    score: (h.score * 10_000.0).round() / 10_000.0,
                    matched: &h.matched,
                }
            })
            .collect(),
    }
}

pub fn run(args: &SearchArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let ws = Workspace::open(&[], &args.config, &Selection::default(), None)?;
    let loaded = started.elapsed();
    let index = if args.cache {
        let dir = ws.corpus.root.join(".faqlint").join("index");
        let (index, outcome) = EntryIndex::build_cached(&ws.corpus, &dir)?;
        if let cache::Outcome::NotWritten(why) = outcome {
            note(&format!(
                "index cache not written in {}: {why}",
                dir.display()
            ));
        }
        index
    } else {
        EntryIndex::build(&ws.corpus)?
    };
    let built = started.elapsed();
    let locale = args.locale.as_deref();
    if let Some(l) = locale
        && !ws
            .corpus
            .entries
            .iter()
            .any(|e| e.locale.as_deref() == Some(l))
    {
        note(&format!("no entry has locale `{l}`"));
    }
    let mut out = std::io::stdout().lock();

    if let Some(file) = &args.queries_file {
        // Benchmark mode: one query per line, one compact JSON line per query.
        let reader = std::io::BufReader::new(
            std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?,
        );
        // Queries run in parallel (the index is read-only), a chunk at a time, and are
        // printed in input order.
        let mut count = 0usize;
        let mut lines = reader.lines();
        loop {
            let chunk: Vec<String> = lines
                .by_ref()
                .take(4096)
                .collect::<Result<_, _>>()
                .with_context(|| format!("cannot read {}", file.display()))?;
            if chunk.is_empty() {
                break;
            }
            let results: Vec<anyhow::Result<Vec<u8>>> = chunk
                .par_iter()
                .map(|line| {
                    let hits = index.search(line, locale, args.limit)?;
                    let mut buf = serde_json::to_vec(&to_json(&ws.corpus, line, locale, &hits))?;
                    buf.push(b'\n');
                    Ok(buf)
                })
                .collect();
            for r in results {
                out.write_all(&r?)?;
            }
            count += chunk.len();
        }
        out.flush()?;
        if args.timings {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "timings: {} entries indexed in {:.3} s (incl. reading and parsing: {:.3} s), {count} queries in {:.3} s",
                index.len(),
                built.as_secs_f64(),
                loaded.as_secs_f64(),
                (started.elapsed() - built).as_secs_f64()
            );
        }
        return Ok(ExitStatus::Clean);
    }

    let query = args.query.as_deref().unwrap_or_default();
    let hits = index.search(query, locale, args.limit)?;
    match args.format {
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &to_json(&ws.corpus, query, locale, &hits))
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        SearchFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            human(&mut out, &ws.corpus, query, locale, &hits, color)?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Clean)
}

fn human(
    out: &mut impl Write,
    corpus: &Corpus,
    query: &str,
    locale: Option<&str>,
    hits: &[Hit],
    color: bool,
) -> std::io::Result<()> {
    let scope = locale.map_or(String::new(), |l| format!(" in locale `{l}`"));
    if hits.is_empty() {
        return writeln!(out, "no entry matches \"{query}\"{scope}");
    }
    let noun = if hits.len() == 1 { "entry" } else { "entries" };
    writeln!(out, "{} {noun} for \"{query}\"{scope}:", hits.len())?;
    for (rank, h) in hits.iter().enumerate() {
        let e = &corpus.entries[h.entry];
        let title = e.title.as_ref().map_or("(no title)", |t| t.value.as_str());
        let analyzer = Analyzer::for_locale(e.locale.as_deref());
        let shown = if color {
            highlight(title, analyzer, &h.matched)
        } else {
            title.to_string()
        };
        writeln!(out)?;
        writeln!(out, "{:>3}. {shown}", rank + 1)?;
        let path = if color {
            format!("\x1b[36m{}\x1b[0m", e.path)
        } else {
            e.path.clone()
        };
        writeln!(
            out,
            "     {path}  score {:.2}  matched: {}",
            h.score,
            if h.matched.is_empty() {
                "-".to_string()
            } else {
                h.matched.join(", ")
            }
        )?;
    }
    Ok(())
}

/// The title with the words whose analysed form matched in bold yellow.
fn highlight(title: &str, analyzer: Analyzer, matched: &[String]) -> String {
    let mut out = String::with_capacity(title.len() + 16);
    let mut at = 0;
    for (token, span) in analyze_spans(analyzer, title) {
        if matched.contains(&token) && span.start >= at {
            out.push_str(&title[at..span.start]);
            out.push_str("\x1b[1;33m");
            out.push_str(&title[span.clone()]);
            out.push_str("\x1b[0m");
            at = span.end;
        }
    }
    out.push_str(&title[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_matched_words_only() {
        let s = highlight(
            "Combien de jours de congés ?",
            Analyzer::French,
            &["cong".to_string()],
        );
        assert_eq!(s, "Combien de jours de \x1b[1;33mcongés\x1b[0m ?");
    }
}
