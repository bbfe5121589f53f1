//! Aggregation of search rows into [`QueryStat`]s, in two stages.
//!
//! Stage 1 counts rows per distinct *raw* query string (and locale), keyed by its 128-bit
//! XXH3 hash (see [`RawKey`]): hashing bytes is cheap, and a search log repeats its popular
//! queries millions of times. Stage 2 redacts and normalises each distinct raw string once
//! and merges it under its normalised key.
//! Stage 1 is bounded ([`STAGE1_CAP`] distinct strings): when full it is folded into
//! stage 2 and emptied, so memory follows the number of distinct *normalised* queries,
//! not the length of the log.

use std::cmp::Ordering;

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::normalize::normalize_into;
use super::redact::redact_cow;
use super::{QueryStat, ReadReport};

/// Distinct raw strings kept in stage 1 before it is folded into stage 2.
pub(crate) const STAGE1_CAP: usize = 1 << 16;

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

/// Bytes of a timestamp kept for ordering (longer ones compare on this prefix).
const TS_LEN: usize = 23;

/// When a value was seen: a timestamp (compared as numbers when both are digits of
/// different lengths, else as text: ISO 8601) then the position in the input. Inline:
/// no allocation per query.
#[derive(Debug, Clone, Copy)]
struct Seen {
    ts: [u8; TS_LEN],
    len: u8,
    seq: u64,
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            ts: [0; TS_LEN],
            len: 0,
            seq: 0,
        }
    }
}

fn cmp_ts(a: &[u8], b: &[u8]) -> Ordering {
    if a.len() != b.len() && a.iter().all(u8::is_ascii_digit) && b.iter().all(u8::is_ascii_digit) {
        a.len().cmp(&b.len())
    } else {
        a.cmp(b)
    }
}

impl Seen {
    fn ts(&self) -> &[u8] {
        &self.ts[..usize::from(self.len)]
    }

    fn is_before(&self, ts: &[u8], seq: u64) -> bool {
        let ts = &ts[..ts.len().min(TS_LEN)];
        cmp_ts(self.ts(), ts).then(self.seq.cmp(&seq)) != Ordering::Greater
    }

    fn is_before_seen(&self, other: &Seen) -> bool {
        self.is_before(other.ts(), other.seq)
    }

    fn set(&mut self, ts: &[u8], seq: u64) {
        let n = ts.len().min(TS_LEN);
        self.ts[..n].copy_from_slice(&ts[..n]);
        self.len = n as u8;
        self.seq = seq;
    }
}

/// Stage 1 keys a raw query by its 128-bit XXH3 hash: a lookup compares 16 bytes in the
/// table instead of following a pointer to the string and comparing it (the most of the
/// time a large log spends). Two distinct queries of one log share a key with a
/// probability near n²/2¹²⁹ (10⁻²⁶ for a million distinct queries).
type RawKey = u128;

/// The key already is a hash: its low 64 bits are the table's hash.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u128(&mut self, i: u128) {
        self.0 = i as u64;
    }
}

type Stage1 = std::collections::HashMap<RawKey, RawStat, std::hash::BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Default)]
struct RawStat {
    /// The raw query (kept once, when first seen).
    raw: Box<[u8]>,
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
    /// Boxed: the table's buckets stay small (most of a large log's memory).
    by_locale: Vec<FxHashMap<Box<str>, Box<Agg>>>,
}

/// What a file's rows are folded into: the call's interners and the file's group.
pub(crate) struct Target<'a> {
    locales: &'a mut Interner,
    entries: &'a mut Interner,
    merged: &'a mut Merged,
}

/// Reads rows of one file (or of one reader thread) into stage 1, and folds stage 1
/// into the shared [`Target`] (locked only while merging).
pub(crate) struct FileAgg<'s, 't> {
    stage1: Vec<Stage1>,
    distinct: usize,
    /// Local interners: ids are mapped to the target's when folding.
    locales: Interner,
    entries: Interner,
    default_locale: Option<u32>,
    locale_cache: Vec<(Vec<u8>, u32)>,
    last_entry: (Vec<u8>, u32),
    target: &'s Mutex<Target<'t>>,
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
    locales: Interner,
    entries: Interner,
    default_locale: Option<String>,
    files: u64,
}

impl Aggregator {
    pub(crate) fn new(default_locale: Option<&str>) -> Aggregator {
        let mut a = Aggregator::default();
        a.locales.intern(b""); // index 0: no locale
        a.default_locale = default_locale
            .map(|l| String::from_utf8_lossy(&locale_key(l.as_bytes())).into_owned())
            .filter(|l| !l.is_empty());
        a
    }

    /// The target of one file's rows, in `merged`, and the first sequence number of the
    /// file (files are read in order: each gets 2^48 numbers).
    pub(crate) fn target<'m>(&'m mut self, merged: &'m mut Merged) -> (Target<'m>, u64) {
        let base = self.files << 48;
        self.files += 1;
        (
            Target {
                locales: &mut self.locales,
                entries: &mut self.entries,
                merged,
            },
            base,
        )
    }

    pub(crate) fn default_locale(&self) -> Option<&str> {
        self.default_locale.as_deref()
    }

    /// The final list: one [`QueryStat`] per (locale, normalised query), most searched
    /// first, then by locale and query.
    pub(crate) fn finish(&self, merged: Merged) -> Vec<QueryStat> {
        let mut out = Vec::with_capacity(merged.by_locale.iter().map(|m| m.len()).sum());
        for (loc, map) in merged.by_locale.into_iter().enumerate() {
            let locale = (loc != 0).then(|| self.locales.name(loc as u32).to_string());
            for (query, mut agg) in map {
                for s in &mut agg.spellings {
                    if s.0.is_empty() {
                        s.0 = query.clone();
                    }
                }
                agg.spellings
                    .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                agg.clicks.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| self.entries.name(a.0).cmp(self.entries.name(b.0)))
                });
                let display = if agg.spellings.is_empty() {
                    query.to_string()
                } else {
                    agg.spellings.swap_remove(0).0.into_string()
                };
                out.push(QueryStat {
                    display,
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

impl<'s, 't> FileAgg<'s, 't> {
    pub(crate) fn new(target: &'s Mutex<Target<'t>>, default_locale: Option<&str>) -> Self {
        let mut locales = Interner::default();
        locales.intern(b"");
        let default_locale = default_locale.map(|l| locales.intern(l.as_bytes()));
        FileAgg {
            stage1: Vec::new(),
            distinct: 0,
            locales,
            entries: Interner::default(),
            default_locale,
            locale_cache: Vec::new(),
            last_entry: (Vec::new(), u32::MAX),
            target,
        }
    }

    fn locale_index(&mut self, raw: Option<&[u8]>) -> u32 {
        let raw = match raw {
            Some(r) if !r.trim_ascii().is_empty() => r,
            _ => return self.default_locale.unwrap_or(0),
        };
        if let Some((_, id)) = self.locale_cache.iter().find(|(r, _)| r.as_slice() == raw) {
            return *id;
        }
        let id = self.locales.intern(&locale_key(raw));
        if self.locale_cache.len() < 16 {
            self.locale_cache.push((raw.to_vec(), id));
        }
        id
    }

    /// Adds one row; `clicks` are (entry id, clicks) pairs; `seq` orders rows (file
    /// order) when timestamps tie.
    pub(crate) fn add(
        &mut self,
        row: &Row<'_>,
        clicks: &[(&[u8], u64)],
        seq: u64,
        report: &mut ReadReport,
    ) {
        let loc = self.locale_index(row.locale) as usize;
        if self.stage1.len() <= loc {
            self.stage1.resize_with(loc + 1, Stage1::default);
        }
        let map = &mut self.stage1[loc];
        let key: RawKey = xxhash_rust::xxh3::xxh3_128(row.query);
        let stat = match map.get_mut(&key) {
            Some(s) => s,
            None => {
                self.distinct += 1;
                map.entry(key).or_insert_with(|| RawStat {
                    raw: row.query.into(),
                    ..RawStat::default()
                })
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
            let id = if self.last_entry.0 == *entry && self.last_entry.1 != u32::MAX {
                self.last_entry.1
            } else {
                let id = self.entries.intern(entry);
                self.last_entry.0.clear();
                self.last_entry.0.extend_from_slice(entry);
                self.last_entry.1 = id;
                id
            };
            add_clicks(&mut stat.clicks, id, *n);
        }
        if self.distinct >= STAGE1_CAP {
            self.flush(report);
        }
    }

    /// Folds stage 1 into the target: redaction and normalisation here, the merge under
    /// the target's lock.
    pub(crate) fn flush(&mut self, report: &mut ReadReport) {
        let mut found = Vec::new();
        let mut batch: Vec<(u32, String, String, RawStat)> = Vec::with_capacity(self.distinct);
        let mut key = String::new();
        for (loc, map) in self.stage1.iter_mut().enumerate() {
            for (_, mut stat) in map.drain() {
                let raw = std::mem::take(&mut stat.raw);
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
                // A spelling equal to the key is kept as "" (no allocation).
                let mut shown = display(&redacted);
                if shown == key {
                    shown.clear();
                }
                batch.push((loc as u32, key.clone(), shown, stat));
            }
        }
        self.distinct = 0;
        if batch.is_empty() {
            return;
        }
        let mut guard = match self.target.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let target = &mut *guard;
        let loc_map: Vec<u32> = (0..self.locales.names.len() as u32)
            .map(|l| target.locales.intern(self.locales.name(l).as_bytes()))
            .collect();
        let entry_map: Vec<u32> = (0..self.entries.names.len() as u32)
            .map(|e| target.entries.intern(self.entries.name(e).as_bytes()))
            .collect();
        let by_locale = &mut target.merged.by_locale;
        for (loc, key, shown, mut stat) in batch {
            let gloc = loc_map.get(loc as usize).copied().unwrap_or(0) as usize;
            if by_locale.len() <= gloc {
                by_locale.resize_with(gloc + 1, FxHashMap::default);
            }
            for c in &mut stat.clicks {
                c.0 = entry_map.get(c.0 as usize).copied().unwrap_or(c.0);
            }
            let map = &mut by_locale[gloc];
            let agg = match map.get_mut(key.as_str()) {
                Some(a) => a,
                None => map.entry(key.into_boxed_str()).or_default(),
            };
            merge_raw(agg, stat, &shown);
        }
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
        && (agg.nb_hits.is_none() || agg.seen.is_before_seen(&stat.seen))
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
                        || (agg.nb_hits.is_some() && t.seen.is_before_seen(&agg.seen));
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
                        && (t.nb_hits.is_none() || t.seen.is_before_seen(&agg.seen))
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
