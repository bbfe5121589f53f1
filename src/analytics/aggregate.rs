//! Aggregation of search rows into [`QueryStat`]s, in two stages.
//!
//! Stage 1 counts rows per distinct *raw* query string (and locale): hashing bytes is
//! cheap, and a search log repeats its popular queries millions of times. Stage 2 redacts
//! and normalises each distinct raw string once and merges it under its normalised key.
//! Stage 1 is bounded ([`STAGE1_CAP`] distinct strings): when full it is folded into
//! stage 2 and emptied, so memory follows the number of distinct *normalised* queries,
//! not the length of the log.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::normalize::normalize_into;
use super::redact::redact_cow;
use super::{QueryStat, ReadReport};

/// Distinct raw strings kept in stage 1 before it is folded into stage 2.
pub(crate) const STAGE1_CAP: usize = 1 << 18;

/// Spellings kept per normalised query to pick the most frequent one for display.
const SPELLINGS: usize = 4;

/// One row (or aggregated line) of a search export.
#[derive(Debug, Default, Clone)]
pub(crate) struct Row<'a> {
    pub(crate) query: &'a [u8],
    pub(crate) locale: Option<&'a [u8]>,
    /// Searches this row stands for (1 for an event).
    pub(crate) count: u64,
    /// How many of them returned nothing.
    pub(crate) zero_result: u64,
    /// How many showed results but got no click, when known.
    pub(crate) no_click: Option<u64>,
    pub(crate) nb_hits: Option<u64>,
    /// When the row happened (for "latest nb_hits"); empty when unknown.
    pub(crate) ts: &'a [u8],
}

/// When a value was seen: a timestamp (compared as numbers when both are digits, else
/// as text: ISO 8601) then the position in the input.
#[derive(Debug, Default, Clone)]
struct Seen {
    ts: Vec<u8>,
    seq: u64,
}

fn cmp_ts(a: &[u8], b: &[u8]) -> Ordering {
    if a.iter().all(u8::is_ascii_digit) && b.iter().all(u8::is_ascii_digit) {
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    } else {
        a.cmp(b)
    }
}

impl Seen {
    fn is_before(&self, ts: &[u8], seq: u64) -> bool {
        cmp_ts(&self.ts, ts).then(self.seq.cmp(&seq)) != Ordering::Greater
    }

    fn set(&mut self, ts: &[u8], seq: u64) {
        self.ts.clear();
        self.ts.extend_from_slice(ts);
        self.seq = seq;
    }
}

#[derive(Debug, Default)]
struct RawStat {
    count: u64,
    zero: u64,
    no_click: u64,
    no_click_known: bool,
    nb_hits: Option<u64>,
    seen: Seen,
    clicks: Vec<(u32, u64)>,
}

#[derive(Debug, Default)]
struct Agg {
    count: u64,
    zero: u64,
    no_click: Option<u64>,
    nb_hits: Option<u64>,
    seen: Seen,
    spellings: Vec<(Box<str>, u64)>,
    clicks: Vec<(u32, u64)>,
}

fn add_clicks(into: &mut Vec<(u32, u64)>, entry: u32, n: u64) {
    match into.iter_mut().find(|(e, _)| *e == entry) {
        Some((_, c)) => *c += n,
        None => into.push((entry, n)),
    }
}

/// Interned strings (locales, entry ids) by index.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: FxHashMap<Box<[u8]>, u32>,
    names: Vec<String>,
}

impl Interner {
    pub(crate) fn intern(&mut self, raw: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(raw) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(String::from_utf8_lossy(raw).into_owned());
        self.ids.insert(raw.into(), id);
        id
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// Stage 2: normalised queries of one group of files.
#[derive(Debug, Default)]
pub(crate) struct Merged {
    /// Per locale index (0 = none), normalised query → aggregate.
    by_locale: Vec<FxHashMap<Box<str>, Agg>>,
}

/// Reads rows of one file into stage 1, folding into a [`Merged`] group.
pub(crate) struct FileAgg<'m> {
    stage1: Vec<FxHashMap<Box<[u8]>, RawStat>>,
    distinct: usize,
    locales: &'m mut Interner,
    entries: &'m mut Interner,
    default_locale: Option<u32>,
    last_locale: (Vec<u8>, u32),
    merged: &'m mut Merged,
    seq: &'m mut u64,
}

/// Locale as written in an export, made comparable: trimmed, lower case, `_` → `-`.
fn locale_key(raw: &[u8]) -> Vec<u8> {
    let s = raw.trim_ascii();
    s.iter()
        .map(|b| {
            if *b == b'_' {
                b'-'
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Shared state of one `read_searches` call.
#[derive(Debug, Default)]
pub(crate) struct Aggregator {
    pub(crate) locales: Interner,
    pub(crate) entries: Interner,
    default_locale: Option<u32>,
    seq: u64,
}

impl Aggregator {
    pub(crate) fn new(default_locale: Option<&str>) -> Aggregator {
        let mut a = Aggregator::default();
        a.locales.intern(b""); // index 0: no locale
        a.default_locale = default_locale
            .map(|l| locale_key(l.as_bytes()))
            .filter(|l| !l.is_empty())
            .map(|l| a.locales.intern(&l));
        a
    }

    pub(crate) fn file<'m>(&'m mut self, merged: &'m mut Merged) -> FileAgg<'m> {
        FileAgg {
            stage1: Vec::new(),
            distinct: 0,
            locales: &mut self.locales,
            entries: &mut self.entries,
            default_locale: self.default_locale,
            last_locale: (Vec::new(), 0),
            merged,
            seq: &mut self.seq,
        }
    }

    /// The final list: one [`QueryStat`] per (locale, normalised query), most searched
    /// first, then by locale and query.
    pub(crate) fn finish(&self, merged: Merged) -> Vec<QueryStat> {
        let mut out = Vec::new();
        for (loc, map) in merged.by_locale.into_iter().enumerate() {
            let locale = (loc != 0).then(|| self.locales.name(loc as u32).to_string());
            for (query, mut agg) in map {
                agg.spellings
                    .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                agg.clicks.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| self.entries.name(a.0).cmp(self.entries.name(b.0)))
                });
                out.push(QueryStat {
                    display: agg
                        .spellings
                        .first()
                        .map_or_else(|| query.to_string(), |s| s.0.to_string()),
                    query: query.into_string(),
                    locale: locale.clone(),
                    count: agg.count,
                    zero_result: agg.zero,
                    nb_hits: agg.nb_hits,
                    no_click: agg.no_click,
                    clicks: agg
                        .clicks
                        .iter()
                        .map(|(e, n)| (self.entries.name(*e).to_string(), *n))
                        .collect(),
                });
            }
        }
        sort_stats(&mut out);
        out
    }
}

pub(crate) fn sort_stats(out: &mut [QueryStat]) {
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.locale.cmp(&b.locale))
            .then_with(|| a.query.cmp(&b.query))
    });
}

impl FileAgg<'_> {
    fn locale_index(&mut self, raw: Option<&[u8]>) -> u32 {
        let raw = match raw {
            Some(r) if !r.trim_ascii().is_empty() => r,
            _ => return self.default_locale.unwrap_or(0),
        };
        if self.last_locale.0 == raw {
            return self.last_locale.1;
        }
        let id = self.locales.intern(&locale_key(raw));
        self.last_locale = (raw.to_vec(), id);
        id
    }

    /// Adds one row; `clicks` are (entry id, clicks) pairs.
    pub(crate) fn add(&mut self, row: &Row<'_>, clicks: &[(&[u8], u64)], report: &mut ReadReport) {
        let loc = self.locale_index(row.locale) as usize;
        if self.stage1.len() <= loc {
            self.stage1.resize_with(loc + 1, FxHashMap::default);
        }
        *self.seq += 1;
        let seq = *self.seq;
        let map = &mut self.stage1[loc];
        let stat = match map.get_mut(row.query) {
            Some(s) => s,
            None => {
                self.distinct += 1;
                map.entry(row.query.into()).or_default()
            }
        };
        stat.count += row.count;
        stat.zero += row.zero_result;
        if let Some(n) = row.no_click {
            stat.no_click += n;
            stat.no_click_known = true;
        }
        if let Some(h) = row.nb_hits
            && (stat.nb_hits.is_none() || stat.seen.is_before(row.ts, seq))
        {
            stat.nb_hits = Some(h);
            stat.seen.set(row.ts, seq);
        }
        for (entry, n) in clicks {
            let id = self.entries.intern(entry);
            add_clicks(&mut stat.clicks, id, *n);
        }
        if self.distinct >= STAGE1_CAP {
            self.flush(report);
        }
    }

    /// Folds stage 1 into the group's stage 2.
    pub(crate) fn flush(&mut self, report: &mut ReadReport) {
        let mut found = Vec::new();
        let mut key = String::new();
        if self.merged.by_locale.len() < self.stage1.len() {
            self.merged
                .by_locale
                .resize_with(self.stage1.len(), FxHashMap::default);
        }
        for (loc, map) in self.stage1.iter_mut().enumerate() {
            let target = &mut self.merged.by_locale[loc];
            for (raw, stat) in map.drain() {
                let text = String::from_utf8_lossy(&raw);
                found.clear();
                let redacted = redact_cow(&text, &mut found);
                for kind in &found {
                    *report.redacted.entry(*kind).or_insert(0) += stat.count;
                }
                normalize_into(&redacted, &mut key);
                if key.is_empty() {
                    report.empty += stat.count;
                    continue;
                }
                let agg = match target.get_mut(key.as_str()) {
                    Some(a) => a,
                    None => target.entry(key.as_str().into()).or_default(),
                };
                merge_raw(agg, stat, &display(&redacted));
            }
        }
        self.distinct = 0;
    }
}

/// The spelling shown to people: redacted, trimmed, runs of whitespace (and control
/// characters) made one space.
fn display(redacted: &str) -> String {
    let mut out = String::with_capacity(redacted.len());
    for w in redacted.split(|c: char| c.is_whitespace() || c.is_control()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn merge_raw(agg: &mut Agg, stat: RawStat, spelling: &str) {
    agg.count += stat.count;
    agg.zero += stat.zero;
    if stat.no_click_known {
        *agg.no_click.get_or_insert(0) += stat.no_click;
    }
    if let Some(h) = stat.nb_hits
        && (agg.nb_hits.is_none() || agg.seen.is_before(&stat.seen.ts, stat.seen.seq))
    {
        agg.nb_hits = Some(h);
        agg.seen = stat.seen;
    }
    for (e, n) in stat.clicks {
        add_clicks(&mut agg.clicks, e, n);
    }
    add_spelling(&mut agg.spellings, spelling, stat.count);
}

fn add_spelling(spellings: &mut Vec<(Box<str>, u64)>, spelling: &str, n: u64) {
    if let Some(s) = spellings.iter_mut().find(|s| &*s.0 == spelling) {
        s.1 += n;
        return;
    }
    if spellings.len() < SPELLINGS {
        spellings.push((spelling.into(), n));
        return;
    }
    // Full: the least frequent gives way to a more frequent one.
    if let Some(min) = spellings.iter_mut().min_by_key(|s| s.1)
        && min.1 < n
    {
        *min = (spelling.into(), n);
    }
}

/// Combines two groups: `max` keeps the larger count of a query seen in both (two
/// exports of the same searches), else counts add up.
pub(crate) fn combine(into: &mut Merged, from: Merged, max: bool) {
    if into.by_locale.len() < from.by_locale.len() {
        into.by_locale
            .resize_with(from.by_locale.len(), FxHashMap::default);
    }
    for (loc, map) in from.by_locale.into_iter().enumerate() {
        let target = &mut into.by_locale[loc];
        for (key, agg) in map {
            match target.get_mut(&key) {
                None => {
                    target.insert(key, agg);
                }
                Some(t) if max => {
                    let count = t.count.max(agg.count);
                    let zero = t.zero.max(agg.zero);
                    let no_click = match (t.no_click, agg.no_click) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                    let keep_t_spelling = t.count >= agg.count;
                    let newer = t.nb_hits.is_none()
                        || (agg.nb_hits.is_some() && t.seen.is_before(&agg.seen.ts, agg.seen.seq));
                    if newer {
                        t.nb_hits = agg.nb_hits;
                        t.seen = agg.seen;
                    }
                    for (e, n) in agg.clicks {
                        add_clicks(&mut t.clicks, e, n);
                    }
                    // The same searches seen twice: spellings of the larger export win.
                    if !keep_t_spelling {
                        t.spellings = agg.spellings;
                    }
                    t.count = count;
                    t.zero = zero;
                    t.no_click = no_click;
                }
                Some(t) => {
                    t.count += agg.count;
                    t.zero += agg.zero;
                    if let Some(n) = agg.no_click {
                        *t.no_click.get_or_insert(0) += n;
                    }
                    if let Some(h) = agg.nb_hits
                        && (t.nb_hits.is_none() || t.seen.is_before(&agg.seen.ts, agg.seen.seq))
                    {
                        t.nb_hits = Some(h);
                        t.seen = agg.seen;
                    }
                    for (e, n) in agg.clicks {
                        add_clicks(&mut t.clicks, e, n);
                    }
                    for (s, n) in agg.spellings {
                        add_spelling(&mut t.spellings, &s, n);
                    }
                }
            }
        }
    }
}
