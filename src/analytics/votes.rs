//! Votes per entry: the generic CSV (`entry_id, up, down, reasons`) and Zendesk Guide
//! articles (`vote_sum`, `vote_count`).

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_json::Value;

use super::columns::{Col, Columns, canonical};
use super::formats::{JsonDoc, parse_count, parse_pairs, push_malformed, quote_cell};
use super::input::Source;
use super::redact::redact_cow;
use super::{EntryVotes, InputError, ReadReport};

/// The formats of vote exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VotesFormat {
    /// `entry_id, up, down, reasons` (reasons `text:n;text:n`, or one reason a row).
    VotesCsv,
    /// Zendesk Guide "list articles" responses (`{"articles": [...]}`, pages concatenated
    /// or in an array): up = (vote_count + vote_sum) / 2, down = (vote_count − vote_sum) / 2.
    ZendeskArticles,
}

impl VotesFormat {
    pub fn name(self) -> &'static str {
        match self {
            VotesFormat::VotesCsv => "votes-csv",
            VotesFormat::ZendeskArticles => "zendesk-articles",
        }
    }
}

#[derive(Default)]
struct Tally {
    up: u64,
    down: u64,
    reasons: FxHashMap<String, u64>,
}

/// Votes of every file read, by key.
#[derive(Default)]
pub(crate) struct VoteAgg {
    by_key: FxHashMap<String, Tally>,
}

impl VoteAgg {
    pub(crate) fn finish(self) -> Vec<EntryVotes> {
        let mut out: Vec<EntryVotes> = self
            .by_key
            .into_iter()
            .map(|(key, t)| {
                let mut reasons: Vec<(String, u64)> = t.reasons.into_iter().collect();
                reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                EntryVotes {
                    key,
                    up: t.up,
                    down: t.down,
                    reasons,
                }
            })
            .collect();
        out.sort_by(|a, b| a.key.cmp(&b.key));
        out
    }
}

pub(crate) fn detect(src: &Source) -> VotesFormat {
    let first = src.head.iter().find(|b| !b.is_ascii_whitespace());
    if src.ext == "json" || matches!(first, Some(b'{' | b'[')) {
        VotesFormat::ZendeskArticles
    } else {
        VotesFormat::VotesCsv
    }
}

/// A reason as aggregated: redacted, whitespace collapsed, lower case.
fn reason_key(raw: &[u8], report: &mut ReadReport) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    let redacted = redact_cow(&text, &mut found);
    for k in found {
        *report.redacted.entry(k).or_insert(0) += 1;
    }
    redacted
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(crate) fn read_csv(
    src: Source,
    cols: &Columns,
    agg: &mut VoteAgg,
    report: &mut ReadReport,
) -> Result<(), InputError> {
    let name = src.name.clone();
    let (stream, bar) = src.into_stream();
    let tail = stream.tail();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(stream);
    let mut rec = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut rec) {
        Ok(true) => rec
            .iter()
            .map(|f| canonical(&String::from_utf8_lossy(f)))
            .collect(),
        _ => Vec::new(),
    };
    let find = |c: Col| cols.find(&header, c);
    let (Some(id), up, down) = (find(Col::EntryId), find(Col::Up), find(Col::Down)) else {
        return Err(InputError::UnknownFormat {
            path: name,
            reason: format!(
                "no `{}` column (header: {}); name it in [analytics.columns] entry_id = \"…\"",
                cols.name(Col::EntryId),
                header.join(", ")
            ),
        });
    };
    if up.is_none() && down.is_none() {
        return Err(InputError::UnknownFormat {
            path: name,
            reason: format!("no `up` or `down` column (header: {})", header.join(", ")),
        });
    }
    let reasons = find(Col::Reasons);
    let needed = [Some(id), up, down]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
        + 1;
    let mut short: Option<(u64, usize)> = None;
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                report.truncated = true;
                let line = e.position().map_or(0, |p| p.line());
                push_malformed(report, line, format!("cannot read further: {e}"));
                break;
            }
        }
        let line = rec.position().map_or(0, |p| p.line());
        if let Some((l, n)) = short.take() {
            push_malformed(
                report,
                l,
                format!("{n} field(s), the header has {}", header.len()),
            );
        }
        if rec.len() < needed {
            short = Some((line, rec.len()));
            continue;
        }
        report.rows += 1;
        let key = rec.get(id).unwrap_or_default().trim_ascii();
        if key.is_empty() {
            push_malformed(report, line, format!("empty `{}`", cols.name(Col::EntryId)));
            continue;
        }
        let count = |i: Option<usize>, what: &str| -> Result<u64, String> {
            match i.and_then(|i| rec.get(i)).map(<[u8]>::trim_ascii) {
                None | Some(b"") => Ok(0),
                Some(cell) => parse_count(cell)
                    .ok_or_else(|| format!("`{what}` is not a count: {}", quote_cell(cell))),
            }
        };
        let (u, d) = match (count(up, "up"), count(down, "down")) {
            (Ok(u), Ok(d)) => (u, d),
            (Err(m), _) | (_, Err(m)) => {
                push_malformed(report, line, m);
                continue;
            }
        };
        let pairs = match reasons.and_then(|i| rec.get(i)).map(parse_pairs) {
            None => Vec::new(),
            Some(Ok(p)) => p,
            Some(Err(m)) => {
                push_malformed(report, line, m);
                continue;
            }
        };
        let tally = agg
            .by_key
            .entry(String::from_utf8_lossy(key).into_owned())
            .or_default();
        tally.up += u;
        tally.down += d;
        for (reason, n) in pairs {
            let r = reason_key(reason, report);
            if !r.is_empty() {
                *tally.reasons.entry(r).or_insert(0) += n;
            }
        }
    }
    if let Some((l, n)) = short {
        if !tail.ends_with_newline() || tail.failed() {
            report.truncated = true;
            push_malformed(report, l, format!("truncated last row ({n} field(s))"));
        } else {
            push_malformed(
                report,
                l,
                format!("{n} field(s), the header has {}", header.len()),
            );
        }
    }
    if tail.failed() {
        report.truncated = true;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
}

#[derive(Deserialize)]
struct Article {
    id: Value,
    #[serde(default)]
    vote_sum: Option<i64>,
    #[serde(default)]
    vote_count: Option<u64>,
}

pub(crate) fn read_zendesk(src: Source, agg: &mut VoteAgg, report: &mut ReadReport) {
    let doc = JsonDoc::read(src, report);
    let items = doc.items("articles", report);
    let mut cache = (0, 1);
    for item in items {
        let line = doc.line_of(item.get(), &mut cache);
        let a = match serde_json::from_str::<Article>(item.get()) {
            Ok(a) => a,
            Err(e) => {
                push_malformed(report, line, format!("not a Zendesk article: {e}"));
                continue;
            }
        };
        report.rows += 1;
        let key = match &a.id {
            Value::Number(n) => n.to_string(),
            Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
            _ => {
                push_malformed(report, line, "`id` is neither a number nor a string".into());
                continue;
            }
        };
        let count = a.vote_count.unwrap_or(0);
        let sum = a.vote_sum.unwrap_or(0);
        if sum.unsigned_abs() > count || (count as i128 + sum as i128) % 2 != 0 {
            push_malformed(
                report,
                line,
                format!("vote_sum {sum} does not fit vote_count {count}"),
            );
            continue;
        }
        let up = ((count as i128 + sum as i128) / 2) as u64;
        let tally = agg.by_key.entry(key).or_default();
        tally.up += up;
        tally.down += count - up;
    }
}
