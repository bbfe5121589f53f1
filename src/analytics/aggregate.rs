//! Aggregation of search rows into [`QueryStat`]s, in two stages.
//!
//! - **Stage 1**, one per reader thread, counts rows per distinct *raw* query string (and
//!   locale), keyed by its 128-bit XXH3 hash (see [`RawKey`]): hashing bytes is cheap,
//!   and a search log repeats its popular queries millions of times. It holds no string:
//!   a raw query new to it waits in a small buffer until the next batch *resolves* it,
//!   that is redacts and normalises it once and looks its normalised key up in stage 2
//!   (under the shared lock, once per batch) to get a slot and a spelling index. A
//!   reader remembers what it resolved (`Resolutions`, bounded), so a raw query seen again
//!   after an eviction costs a table lookup, not a normalisation.
//! - **Stage 2**, shared by the readers of a group of files, holds one aggregate per
//!   (locale, normalised query), by slot, in pages that never move (`Pages`).
//!
//! Stage 1 is bounded ([`STAGE1_CAP`] raw queries): when full it is *folded*: every
//! counter is added to its slot, and only the queries searched most since the last fold
//! stay, in at most half the table. Memory follows the number of distinct *normalised*
//! queries, not the length of the log; `benches/aggregate.sh` measures it.

use std::cmp::Ordering;

use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::normalize::normalize_into;
use super::redact::redact_cow;
use super::{PiiKind, QueryStat, ReadReport};

/// Distinct raw strings kept in stage 1 before it is folded into stage 2.
/// 7/8 of a power of two: the table, reserved once, holds it without growing.
pub(crate) const STAGE1_CAP: usize = (1 << 16) / 8 * 7;

/// Spellings counted per normalised query, to show the most frequent one. Beyond it a
/// spelling is not counted, so which ones are depends on the order the reader threads
/// meet them: the bound is set well above the variants (case, accents, punctuation) a
/// query has in practice, so that the shown spelling does not depend on that order. Only
/// distinct raw queries can add one: the bound costs little memory.
const SPELLINGS: usize = 32;

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
const TS_LEN: usize = 24;

/// A timestamp prefix as three big-endian words, zero-padded: comparing the words compares
/// the bytes (a shorter text that is a prefix of a longer one sorts first, as with `cmp`),
/// without a call to `memcmp` per row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TsWords([u64; 3]);

impl TsWords {
    fn of(ts: &[u8]) -> TsWords {
        // Word by word, whole words read as such: no copy of a variable length (a
        // `memcpy` call) per row.
        let word = |i: usize| match ts.get(i * 8..i * 8 + 8) {
            Some(w) => u64::from_be_bytes(w.try_into().unwrap_or_default()),
            None => pad_be(ts.get(i * 8..).unwrap_or_default()),
        };
        TsWords([word(0), word(1), word(2)])
    }

    fn bytes(&self) -> [u8; TS_LEN] {
        let mut out = [0u8; TS_LEN];
        for (i, w) in self.0.iter().enumerate() {
            out[i * 8..i * 8 + 8].copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

/// When a value was seen: a timestamp (compared as numbers when both are digits of
/// different lengths, else as text: ISO 8601) then the position in the input. Inline:
/// no allocation per query.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    ts: TsWords,
    len: u8,
    seq: u64,
}

impl Seen {
    fn new(ts: &[u8], seq: u64) -> Seen {
        Seen {
            ts: TsWords::of(ts),
            len: ts.len().min(TS_LEN) as u8,
            seq,
        }
    }

    /// Whether `self` comes no later than `other`.
    fn is_before(&self, other: &Seen) -> bool {
        let order = if self.len != other.len && self.all_digits() && other.all_digits() {
            self.len.cmp(&other.len)
        } else {
            self.ts.cmp(&other.ts).then(self.len.cmp(&other.len))
        };
        order.then(self.seq.cmp(&other.seq)) != Ordering::Greater
    }

    fn all_digits(&self) -> bool {
        self.ts.bytes()[..usize::from(self.len)]
            .iter()
            .all(u8::is_ascii_digit)
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

/// A table keyed by [`RawKey`]s (the key is its own hash).
type ByKey<V> = std::collections::HashMap<RawKey, V, std::hash::BuildHasherDefault<KeyHasher>>;

type Stage1 = ByKey<RawStat>;

/// An optional count in 8 bytes rather than 16: `u64::MAX` stands for none (counts are
/// clamped below it). Stage 1 and 2 hold one per raw and per normalised query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MaybeCount(u64);

impl Default for MaybeCount {
    fn default() -> MaybeCount {
        MaybeCount(u64::MAX)
    }
}

impl MaybeCount {
    fn get(self) -> Option<u64> {
        (self.0 != u64::MAX).then_some(self.0)
    }

    fn of(value: Option<u64>) -> MaybeCount {
        value.map_or_else(MaybeCount::default, |v| MaybeCount(v.min(u64::MAX - 1)))
    }

    fn is_none(self) -> bool {
        self.0 == u64::MAX
    }
}

/// Stage-1 counters of one raw query (and locale) since the last fold.
#[derive(Debug, Default)]
struct RawStat {
    /// Its slot and spelling in the target ([`Resolved::default`] until resolved).
    res: Resolved,
    /// Whether a row was added since the last fold.
    touched: bool,
    no_click_known: bool,
    /// Searches the last fold found (for eviction).
    heat: u32,
    count: u64,
    zero: u64,
    no_click: u64,
    nb_hits: MaybeCount,
    seen: Seen,
    clicks: Vec<(u32, u64)>,
}

const UNRESOLVED: u32 = u32::MAX;
const EMPTY: u32 = u32::MAX - 1;
const NO_SPELLING: u8 = u8::MAX;

/// The kinds of personal data found in a query, 3 bits of count per kind.
fn pack_pii(found: &[PiiKind]) -> u16 {
    let mut packed = 0u16;
    for kind in found {
        let shift = 3 * pii_index(*kind);
        if (packed >> shift) & 7 < 7 {
            packed += 1 << shift;
        }
    }
    packed
}

fn pii_index(kind: PiiKind) -> u16 {
    match kind {
        PiiKind::Email => 0,
        PiiKind::Phone => 1,
        PiiKind::Iban => 2,
        PiiKind::Card => 3,
        PiiKind::Nir => 4,
    }
}

fn count_pii(report: &mut ReadReport, packed: u16, searches: u64) {
    if packed == 0 {
        return;
    }
    for kind in [
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::Iban,
        PiiKind::Card,
        PiiKind::Nir,
    ] {
        let n = u64::from((packed >> (3 * pii_index(kind))) & 7);
        if n > 0 {
            *report.redacted.entry(kind).or_insert(0) += n * searches;
        }
    }
}

#[derive(Debug, Default)]
struct Agg {
    count: u64,
    zero: u64,
    no_click: MaybeCount,
    nb_hits: MaybeCount,
    seen: Seen,
    spellings: Vec<(Box<str>, u64)>,
    clicks: Vec<(u32, u64)>,
}

fn add_clicks(into: &mut Vec<(u32, u64)>, entry: u32, n: u64) {
    match into.iter_mut().find(|(e, _)| *e == entry) {
        Some((_, c)) => *c += n,
        None => {
            // Most queries lead to one or two entries: grow from one, not four.
            into.reserve_exact(usize::from(into.is_empty()));
            into.push((entry, n));
        }
    }
}

/// Interned strings (locales, entry ids) by index, looked up by their 128-bit hash as
/// stage 1 does (an entry id is interned once per row that clicked).
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: ByKey<u32>,
    names: Vec<String>,
}

impl Interner {
    pub(crate) fn intern(&mut self, raw: &[u8]) -> u32 {
        let key = xxhash_rust::xxh3::xxh3_128(raw);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(String::from_utf8_lossy(raw).into_owned());
        self.ids.insert(key, id);
        id
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// Aggregates by slot, in pages that never move or grow: a slot stays valid for the
/// readers that resolved a raw query to it, and a growing table never holds two copies.
#[derive(Debug, Default)]
struct Pages {
    pages: Vec<Vec<Agg>>,
    len: u32,
}

const PAGE: usize = 512;

impl Pages {
    fn push(&mut self, agg: Agg) -> u32 {
        let slot = self.len;
        if (slot as usize).is_multiple_of(PAGE) {
            self.pages.push(Vec::with_capacity(PAGE));
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(agg);
        }
        self.len += 1;
        slot
    }

    fn get_mut(&mut self, slot: u32) -> &mut Agg {
        let slot = slot as usize;
        &mut self.pages[slot / PAGE][slot % PAGE]
    }

    fn take(&mut self, slot: u32) -> Agg {
        std::mem::take(self.get_mut(slot))
    }
}

/// Stage 2: normalised queries of one group of files.
#[derive(Debug, Default)]
pub(crate) struct Merged {
    /// Per locale index (0 = none), normalised query → slot in `aggs`.
    by_locale: Vec<FxHashMap<Box<str>, u32>>,
    aggs: Pages,
}

impl Merged {
    /// The slot of `key` in locale `loc`, created empty when new.
    fn slot(&mut self, loc: usize, key: &str) -> u32 {
        if self.by_locale.len() <= loc {
            self.by_locale.resize_with(loc + 1, FxHashMap::default);
        }
        let map = &mut self.by_locale[loc];
        if let Some(&slot) = map.get(key) {
            return slot;
        }
        let slot = self.aggs.push(Agg::default());
        map.insert(key.into(), slot);
        slot
    }
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
    /// Raw queries of every locale (the locale is hashed into the key).
    stage1: Stage1,
    /// Local interners: ids are mapped to the target's when folding.
    locales: Interner,
    entries: Interner,
    default_locale: Option<u32>,
    locale_cache: Vec<(Vec<u8>, u32)>,
    /// Entry ids met lately (see [`FileAgg::entry_id`]).
    entry_cache: Vec<((u64, u64, u8), u32)>,
    /// Raw queries new to stage 1, not resolved yet: (key, locale, range in
    /// `pending_raw`). Resolved in batches, so that stage 1 keeps no string.
    pending: Vec<(RawKey, u32, std::ops::Range<usize>)>,
    pending_raw: Vec<u8>,
    /// Raw queries being resolved, to look up in the target. Kept: no allocation per
    /// batch.
    batch: Vec<Unresolved>,
    texts: String,
    /// Raw queries resolved before (see [`Resolved`]).
    resolved: Resolutions,
    /// The raw queries a fold keeps (kept: no allocation per fold).
    kept: Vec<(RawKey, RawStat)>,
    /// Rows waiting to be counted (see [`FileAgg::add`]), their raw queries and clicks.
    queue: Vec<Queued>,
    queue_raw: Vec<u8>,
    queue_clicks: Vec<(u32, u64)>,
    target: &'s Mutex<Target<'t>>,
}

/// A row waiting to be counted into stage 1.
#[derive(Debug)]
struct Queued {
    key: RawKey,
    loc: u32,
    /// Its raw query in `FileAgg::queue_raw`, its clicks in `FileAgg::queue_clicks`.
    raw: std::ops::Range<u32>,
    clicks: std::ops::Range<u32>,
    count: u64,
    zero: u64,
    no_click: MaybeCount,
    nb_hits: Option<(u64, Seen)>,
}

/// Entry ids cached by a reader: 2^10 slots.
const ENTRY_CACHE_BITS: u32 = 10;

/// How far ahead a fold reads the aggregates it merges into.
const FOLD_AHEAD: usize = 16;

/// Rows counted into stage 1 at a time.
const QUEUE_CAP: usize = 32;

/// A raw query redacted and normalised, to look up in the target.
#[derive(Debug)]
struct Unresolved {
    key: RawKey,
    loc: u32,
    /// The normalised query and the spelling shown, in `FileAgg::texts`.
    query: std::ops::Range<usize>,
    shown: std::ops::Range<usize>,
    pii: u16,
}

/// What resolving a raw query found, kept so that a raw query evicted from stage 1 and
/// searched again is looked up, not redacted and normalised again.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    /// Its aggregate in the target ([`UNRESOLVED`], or [`EMPTY`] when the query normalises
    /// to nothing).
    slot: u32,
    /// Its spelling in that aggregate's list ([`NO_SPELLING`] when the list was full).
    spelling: u8,
    /// Personal data redacted from it, per kind ([`pack_pii`]): counted once per search.
    pii: u16,
}

impl Default for Resolved {
    fn default() -> Resolved {
        Resolved {
            slot: UNRESOLVED,
            spelling: NO_SPELLING,
            pii: 0,
        }
    }
}

type Resolutions = ByKey<Resolved>;

/// Raw queries whose resolution a reader keeps (16 bytes of key and 8 of value each):
/// when full, the table is emptied and fills again.
const RESOLVED_CAP: usize = (1 << 17) / 8 * 7;

/// New raw queries resolved at a time.
const PENDING_CAP: usize = 4096;

/// Bytes of a raw query as text (invalid UTF-8 replaced).
fn as_text(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(raw),
    }
}

/// The first (up to) 8 bytes of `b` as a big-endian word, zero-padded.
#[inline]
fn pad_be(b: &[u8]) -> u64 {
    b.iter()
        .take(8)
        .enumerate()
        .fold(0, |w, (i, &c)| w | u64::from(c) << (56 - 8 * i))
}

/// The first (up to) 16 bytes of `b` as two big-endian words, zero-padded: with the
/// length, a string of up to 16 bytes compared or cached without a `memcmp` call.
#[inline]
fn short_words(b: &[u8]) -> (u64, u64) {
    let (head, rest) = b.split_at(b.len().min(8));
    (pad_be(head), pad_be(rest))
}

/// Whether two short byte strings are equal, compared inline (a locale is compared once
/// per row: a `memcmp` call, or a copy of a variable length, is a measurable share of a
/// large log).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() <= 16 {
        return short_words(a) == short_words(b);
    }
    a == b
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
        use rayon::prelude::*;
        // The locale and key of each slot, by slot: the aggregates are then turned into
        // stats page by page, in parallel.
        let mut keys: Vec<(u32, Box<str>)> = Vec::new();
        keys.resize_with(merged.aggs.len as usize, Default::default);
        for (loc, map) in merged.by_locale.into_iter().enumerate() {
            for (query, slot) in map {
                keys[slot as usize] = (loc as u32, query);
            }
        }
        let locales: Vec<Option<String>> = (0..self.locales.names.len() as u32)
            .map(|l| (l != 0).then(|| self.locales.name(l).to_string()))
            .collect();
        // Page by page, each page freed once turned into stats: the stats take the
        // room of the aggregates as they go.
        let mut out: Vec<QueryStat> = Vec::with_capacity(merged.aggs.len as usize);
        for (page, keys) in merged.aggs.pages.into_iter().zip(keys.chunks_mut(PAGE)) {
            out.par_extend(
                page.into_par_iter()
                    .zip(keys.par_iter_mut())
                    .filter(|(_, (_, query))| !query.is_empty())
                    .map(|(agg, (loc, query))| {
                        let locale = locales.get(*loc as usize).cloned().flatten();
                        self.stat(std::mem::take(query), locale, agg)
                    }),
            );
        }
        sort_stats(&mut out);
        out
    }

    /// The stat of one normalised query.
    fn stat(&self, query: Box<str>, locale: Option<String>, mut agg: Agg) -> QueryStat {
        // The most searched spelling, then the first in order ("" stands for the key),
        // moved out of the aggregate rather than copied.
        let best = agg
            .spellings
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                b.1.cmp(&a.1).then_with(|| {
                    let (x, y) = (
                        if a.0.is_empty() { &query } else { &a.0 },
                        if b.0.is_empty() { &query } else { &b.0 },
                    );
                    x.cmp(y)
                })
            })
            .map(|(i, _)| i);
        let display = match best {
            Some(i) if !agg.spellings[i].0.is_empty() => {
                std::mem::take(&mut agg.spellings[i].0).into_string()
            }
            _ => query.to_string(),
        };
        agg.clicks.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.entries.name(a.0).cmp(self.entries.name(b.0)))
        });
        QueryStat {
            display,
            query: query.into_string(),
            locale,
            count: agg.count,
            zero_result: agg.zero,
            nb_hits: agg.nb_hits.get(),
            no_click: agg.no_click.get(),
            clicks: agg
                .clicks
                .iter()
                .map(|(e, n)| (self.entries.name(*e).to_string(), *n))
                .collect(),
        }
    }
}

/// Sorts as [`cmp_stats`] does, on a small key per stat (count, locale rank, the query's
/// first 31 bytes, position) rather than on the stats themselves: most comparisons then read
/// two words, not strings through `memcmp` (most queries of a large log are searched
/// once: their counts tie), and each stat moves once, into its place.
fn sort_stats(stats: &mut [QueryStat]) {
    use rayon::prelude::*;
    let mut locales: Vec<Option<&str>> = Vec::new();
    for s in stats.iter() {
        let l = s.locale.as_deref();
        if !locales.contains(&l) {
            locales.push(l);
        }
    }
    if locales.len() > 255 || u32::try_from(stats.len()).is_err() {
        stats.par_sort_unstable_by(cmp_stats);
        return;
    }
    locales.sort_unstable();
    let mut keys: Vec<([u64; 5], u32)> = stats
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let rank = locales
                .iter()
                .position(|l| *l == s.locale.as_deref())
                .unwrap_or(0) as u64;
            let q = s.query.as_bytes();
            let word = |from: usize| pad_be(q.get(from..).unwrap_or_default());
            let words = [
                u64::MAX - s.count,
                rank << 56 | pad_be(q.get(..7).unwrap_or(q)) >> 8,
                word(7),
                word(15),
                word(23),
            ];
            (words, i as u32)
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| cmp_stats(&stats[a.1 as usize], &stats[b.1 as usize]))
    });
    // In place, cycle by cycle: position k takes the stat that was at perm[k]. Following a
    // cycle is a chain of dependent cache misses: the stats a few steps further along the
    // cycle are read ahead, so that their misses overlap.
    let perm: Vec<u32> = keys.into_iter().map(|(_, i)| i).collect();
    let mut done = vec![false; perm.len()];
    let mut touched = 0usize;
    for start in 0..perm.len() {
        if done[start] {
            continue;
        }
        let mut ahead = start;
        for _ in 0..PERMUTE_AHEAD {
            ahead = perm[ahead] as usize;
        }
        let mut k = start;
        loop {
            done[k] = true;
            let from = perm[k] as usize;
            if from == start {
                break;
            }
            ahead = perm[ahead] as usize;
            let s = &stats[ahead];
            touched = touched.wrapping_add(s.query.len() ^ s.clicks.len() ^ s.count as usize);
            stats.swap(k, from);
            k = from;
        }
    }
    std::hint::black_box(touched);
}

/// How many steps along a cycle [`sort_stats`] reads ahead.
const PERMUTE_AHEAD: usize = 8;

/// Most searched first, then by locale and query.
fn cmp_stats(a: &QueryStat, b: &QueryStat) -> Ordering {
    b.count
        .cmp(&a.count)
        .then_with(|| a.locale.cmp(&b.locale))
        .then_with(|| a.query.cmp(&b.query))
}

impl<'s, 't> FileAgg<'s, 't> {
    pub(crate) fn new(target: &'s Mutex<Target<'t>>, default_locale: Option<&str>) -> Self {
        let mut locales = Interner::default();
        locales.intern(b"");
        let default_locale = default_locale.map(|l| locales.intern(l.as_bytes()));
        FileAgg {
            stage1: Stage1::default(),
            locales,
            entries: Interner::default(),
            default_locale,
            locale_cache: Vec::new(),
            entry_cache: Vec::new(),
            pending: Vec::new(),
            pending_raw: Vec::new(),
            batch: Vec::new(),
            texts: String::new(),
            resolved: Resolutions::default(),
            kept: Vec::new(),
            queue: Vec::with_capacity(QUEUE_CAP),
            queue_raw: Vec::new(),
            queue_clicks: Vec::new(),
            target,
        }
    }

    fn locale_index(&mut self, raw: Option<&[u8]>) -> u32 {
        let raw = match raw {
            Some(r) if !r.trim_ascii().is_empty() => r,
            _ => return self.default_locale.unwrap_or(0),
        };
        if let Some((_, id)) = self.locale_cache.iter().find(|(r, _)| same(r, raw)) {
            return *id;
        }
        let id = self.locales.intern(&locale_key(raw));
        if self.locale_cache.len() < 16 {
            self.locale_cache.push((raw.to_vec(), id));
        }
        id
    }

    /// The local id of an entry: looked up in a small direct-mapped cache first (an id of
    /// up to 16 bytes as two words), then interned (a hash of the id, a table lookup).
    #[inline]
    fn entry_id(&mut self, entry: &[u8]) -> u32 {
        if entry.len() > 16 {
            return self.entries.intern(entry);
        }
        let (w0, w1) = short_words(entry);
        let words = (w0, w1, entry.len() as u8);
        let slot = ((words.0 ^ words.1.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> (64 - ENTRY_CACHE_BITS)) as usize;
        if self.entry_cache.is_empty() {
            self.entry_cache = vec![((0, 0, 0), u32::MAX); 1 << ENTRY_CACHE_BITS];
        }
        let cached = self.entry_cache[slot];
        if cached.0 == words && cached.1 != u32::MAX {
            return cached.1;
        }
        let id = self.entries.intern(entry);
        self.entry_cache[slot] = (words, id);
        id
    }

    /// Adds one row; `clicks` are (entry id, clicks) pairs; `seq` orders rows (file
    /// order) when timestamps tie. Rows are queued and counted [`QUEUE_CAP`] at a time:
    /// the stage-1 lookups of a batch then run back to back, and the processor overlaps
    /// their cache misses (a large log's stage 1 does not fit in the cache).
    pub(crate) fn add(
        &mut self,
        row: &Row<'_>,
        clicks: &[(&[u8], u64)],
        seq: u64,
        report: &mut ReadReport,
    ) {
        let loc = self.locale_index(row.locale);
        let key: RawKey = xxhash_rust::xxh3::xxh3_128_with_seed(row.query, u64::from(loc));
        let raw_start = self.queue_raw.len() as u32;
        self.queue_raw.extend_from_slice(row.query);
        let clicks_start = self.queue_clicks.len() as u32;
        for (entry, n) in clicks {
            let id = self.entry_id(entry);
            self.queue_clicks.push((id, *n));
        }
        self.queue.push(Queued {
            key,
            loc,
            raw: raw_start..self.queue_raw.len() as u32,
            clicks: clicks_start..self.queue_clicks.len() as u32,
            count: row.count,
            zero: row.zero_result,
            no_click: MaybeCount::of(row.no_click),
            nb_hits: row.nb_hits.map(|h| (h, Seen::new(row.ts, seq))),
        });
        if self.queue.len() >= QUEUE_CAP {
            self.count_queue(report);
        }
    }

    /// Counts the queued rows into stage 1.
    fn count_queue(&mut self, report: &mut ReadReport) {
        if self.stage1.capacity() == 0 {
            // Sized once: the table never grows (nor rehashes) while reading.
            self.stage1.reserve(STAGE1_CAP);
        }
        let mut queue = std::mem::take(&mut self.queue);
        // Look every row up first: the lookups are independent, so the processor overlaps
        // their cache misses; the second pass then finds the entries in the cache.
        let mut found = 0u64;
        for q in &queue {
            if let Some(stat) = self.stage1.get(&q.key) {
                // Both cache lines of the entry, and its clicks (a separate allocation).
                found = found
                    .wrapping_add(stat.count)
                    .wrapping_add(stat.seen.seq)
                    .wrapping_add(stat.clicks.first().map_or(0, |c| c.1));
            }
        }
        std::hint::black_box(found);
        for q in &queue {
            let pending = &mut self.pending;
            let pending_raw = &mut self.pending_raw;
            let queue_raw = &self.queue_raw;
            let stat = self.stage1.entry(q.key).or_insert_with(|| {
                let start = pending_raw.len();
                pending_raw.extend_from_slice(&queue_raw[q.raw.start as usize..q.raw.end as usize]);
                pending.push((q.key, q.loc, start..pending_raw.len()));
                RawStat::default()
            });
            stat.touched = true;
            stat.count += q.count;
            stat.zero += q.zero;
            if let Some(n) = q.no_click.get() {
                stat.no_click += n;
                stat.no_click_known = true;
            }
            if let Some((h, seen)) = q.nb_hits
                && (stat.nb_hits.is_none() || stat.seen.is_before(&seen))
            {
                stat.nb_hits = MaybeCount::of(Some(h));
                stat.seen = seen;
            }
            for &(id, n) in &self.queue_clicks[q.clicks.start as usize..q.clicks.end as usize] {
                add_clicks(&mut stat.clicks, id, n);
            }
            if self.stage1.len() >= STAGE1_CAP {
                self.fold(report, false);
            } else if self.pending.len() >= PENDING_CAP {
                self.resolve();
            }
        }
        queue.clear();
        self.queue = queue;
        self.queue_raw.clear();
        self.queue_clicks.clear();
    }

    /// Folds what stage 1 counted into the target, at the end of the input.
    pub(crate) fn flush(&mut self, report: &mut ReadReport) {
        self.count_queue(report);
        self.fold(report, true);
    }

    /// Resolves the raw queries new to stage 1 to their slot in the target. Those
    /// resolved before are looked up; the others are redacted and normalised (outside the
    /// target's lock), then looked up in the target under its lock, once per batch.
    fn resolve(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // Every pending query looked up first: independent lookups, whose cache misses
        // the processor overlaps (as for rows, see `count_queue`).
        let mut seen = 0u64;
        for (hash, _, _) in &self.pending {
            if let Some(r) = self.resolved.get(hash) {
                seen = seen.wrapping_add(u64::from(r.slot));
            }
        }
        std::hint::black_box(seen);
        let mut found = Vec::new();
        let mut key = String::new();
        self.batch.clear();
        self.texts.clear();
        for (hash, loc, range) in self.pending.drain(..) {
            if let Some(r) = self.resolved.get(&hash).copied() {
                if let Some(stat) = self.stage1.get_mut(&hash) {
                    stat.res = r;
                }
                continue;
            }
            let text = as_text(&self.pending_raw[range]);
            found.clear();
            let redacted = redact_cow(&text, &mut found);
            let pii = pack_pii(&found);
            normalize_into(&redacted, &mut key);
            if key.is_empty() {
                let r = Resolved {
                    slot: EMPTY,
                    spelling: NO_SPELLING,
                    pii,
                };
                settle(&mut self.stage1, &mut self.resolved, hash, r);
                continue;
            }
            let start = self.texts.len();
            self.texts.push_str(&key);
            let key_range = start..self.texts.len();
            let shown = display(&redacted);
            // A spelling equal to the key is kept as "" (no allocation).
            if shown != key {
                self.texts.push_str(&shown);
            }
            let shown_range = key_range.end..self.texts.len();
            self.batch.push(Unresolved {
                key: hash,
                loc,
                query: key_range,
                shown: shown_range,
                pii,
            });
        }
        self.pending_raw.clear();
        if self.batch.is_empty() {
            return;
        }
        let mut guard = match self.target.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let target = &mut *guard;
        let loc_map = map_ids(&self.locales, target.locales);
        let merged = &mut *target.merged;
        for u in &self.batch {
            let gloc = loc_map.get(u.loc as usize).copied().unwrap_or(0) as usize;
            let slot = merged.slot(gloc, &self.texts[u.query.clone()]);
            let spelling = register_spelling(
                &mut merged.aggs.get_mut(slot).spellings,
                &self.texts[u.shown.clone()],
            );
            let r = Resolved {
                slot,
                spelling,
                pii: u.pii,
            };
            settle(&mut self.stage1, &mut self.resolved, u.key, r);
        }
    }

    /// Folds stage 1's counters into the target (under its lock: adding counters to
    /// slots). Unless `all`, the raw queries searched most since the last fold stay in
    /// stage 1, in at most half the table, with their counters at zero: the popular
    /// ones, which a long log repeats in every fold.
    fn fold(&mut self, report: &mut ReadReport, all: bool) {
        self.resolve();
        let mut guard = match self.target.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let target = &mut *guard;
        let entry_map = map_ids(&self.entries, target.entries);
        let merged = &mut *target.merged;
        let mut heats = Vec::with_capacity(if all { 0 } else { self.stage1.len() });
        // The target's aggregates are read FOLD_AHEAD merges ahead, so that their cache
        // misses overlap: the slots to merge, in the table's order.
        let slots: Vec<u32> = self
            .stage1
            .values()
            .filter(|s| s.touched && s.res.slot != EMPTY)
            .map(|s| s.res.slot)
            .collect();
        let mut next = 0;
        let mut ahead = 0u64;
        for stat in self.stage1.values_mut() {
            stat.heat = 0;
            if !std::mem::take(&mut stat.touched) {
                continue;
            }
            if stat.res.slot != EMPTY {
                if let Some(&s) = slots.get(next + FOLD_AHEAD) {
                    ahead = ahead.wrapping_add(merged.aggs.get_mut(s).count);
                }
                next += 1;
            }
            count_pii(report, stat.res.pii, stat.count);
            if stat.res.slot == EMPTY {
                report.empty += stat.count;
            } else {
                for c in &mut stat.clicks {
                    c.0 = entry_map.get(c.0 as usize).copied().unwrap_or(c.0);
                }
                merge_raw(merged.aggs.get_mut(stat.res.slot), stat);
            }
            // At least 1: a touched query is warmer than an untouched one.
            stat.heat = u32::try_from(stat.count).unwrap_or(u32::MAX).max(1);
            if !all {
                heats.push(stat.heat);
            }
            stat.count = 0;
            stat.zero = 0;
            stat.no_click = 0;
            stat.no_click_known = false;
            stat.nb_hits = MaybeCount::default();
            stat.seen = Seen::default();
            stat.clicks.clear();
        }
        std::hint::black_box(ahead);
        drop(guard);
        if all {
            self.stage1.clear();
            return;
        }
        // Keep the hottest raw queries, in at most half the table: those searched more
        // often since the last fold than the one in place `keep`.
        let keep = STAGE1_CAP / 2;
        let min_heat = if heats.len() > keep {
            let (_, nth, _) = heats.select_nth_unstable_by(keep, |a, b| b.cmp(a));
            *nth + 1
        } else {
            1
        };
        // Drained and refilled rather than `retain`ed: removing entries in place leaves
        // tombstones, and the table would grow (double) at the next insert.
        let mut kept = std::mem::take(&mut self.kept);
        kept.extend(
            self.stage1
                .drain()
                .filter(|(_, stat)| stat.heat >= min_heat),
        );
        self.stage1.extend(kept.drain(..));
        self.kept = kept;
    }
}

/// The target's ids of a reader's interned names, by the reader's id.
fn map_ids(local: &Interner, target: &mut Interner) -> Vec<u32> {
    local
        .names
        .iter()
        .map(|name| target.intern(name.as_bytes()))
        .collect()
}

/// Keeps a resolution, emptying the table first when it is full.
fn remember(resolved: &mut Resolutions, key: RawKey, r: Resolved) {
    if resolved.capacity() == 0 {
        // Sized once: the table never grows, nor rehashes.
        resolved.reserve(RESOLVED_CAP);
    } else if resolved.len() >= RESOLVED_CAP {
        resolved.clear();
    }
    resolved.insert(key, r);
}

/// A raw query resolved: its stage-1 entry takes the resolution, and the reader keeps it.
fn settle(stage1: &mut Stage1, resolved: &mut Resolutions, key: RawKey, r: Resolved) {
    remember(resolved, key, r);
    if let Some(stat) = stage1.get_mut(&key) {
        stat.res = r;
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

fn merge_raw(agg: &mut Agg, stat: &RawStat) {
    agg.count += stat.count;
    agg.zero += stat.zero;
    if stat.no_click_known {
        agg.no_click = MaybeCount::of(Some(
            agg.no_click
                .get()
                .unwrap_or(0)
                .saturating_add(stat.no_click),
        ));
    }
    if !stat.nb_hits.is_none() && (agg.nb_hits.is_none() || agg.seen.is_before(&stat.seen)) {
        agg.nb_hits = stat.nb_hits;
        agg.seen = stat.seen;
    }
    for (e, n) in &stat.clicks {
        add_clicks(&mut agg.clicks, *e, *n);
    }
    if let Some(s) = agg.spellings.get_mut(usize::from(stat.res.spelling)) {
        s.1 += stat.count;
    }
}

/// The index of `spelling` in a query's list, added when new and the list is not full
/// ([`NO_SPELLING`] then: the first [`SPELLINGS`] spellings of a query are the ones
/// counted).
fn register_spelling(spellings: &mut Vec<(Box<str>, u64)>, spelling: &str) -> u8 {
    if let Some(i) = spellings.iter().position(|s| &*s.0 == spelling) {
        return i as u8;
    }
    if spellings.len() >= SPELLINGS {
        return NO_SPELLING;
    }
    // Most queries have one spelling: grow from one, not four.
    spellings.reserve_exact(usize::from(spellings.is_empty()));
    spellings.push((spelling.into(), 0));
    (spellings.len() - 1) as u8
}

fn add_spelling(spellings: &mut Vec<(Box<str>, u64)>, spelling: &str, n: u64) {
    if let Some(s) = spellings.iter_mut().find(|s| &*s.0 == spelling) {
        s.1 += n;
        return;
    }
    if spellings.len() < SPELLINGS {
        // Most queries have one spelling: grow from one, not four.
        spellings.reserve_exact(usize::from(spellings.is_empty()));
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
pub(crate) fn combine(into: &mut Merged, mut from: Merged, max: bool) {
    for (loc, map) in std::mem::take(&mut from.by_locale).into_iter().enumerate() {
        for (key, slot) in map {
            let agg = from.aggs.take(slot);
            if into.by_locale.len() <= loc {
                into.by_locale.resize_with(loc + 1, FxHashMap::default);
            }
            let Some(&at) = into.by_locale[loc].get(&key) else {
                let at = into.aggs.push(agg);
                into.by_locale[loc].insert(key, at);
                continue;
            };
            let t = into.aggs.get_mut(at);
            if max {
                let count = t.count.max(agg.count);
                let zero = t.zero.max(agg.zero);
                let no_click = MaybeCount::of(match (t.no_click.get(), agg.no_click.get()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                });
                let keep_t_spelling = t.count >= agg.count;
                let newer =
                    t.nb_hits.is_none() || (!agg.nb_hits.is_none() && t.seen.is_before(&agg.seen));
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
            } else {
                t.count += agg.count;
                t.zero += agg.zero;
                if let Some(n) = agg.no_click.get() {
                    t.no_click =
                        MaybeCount::of(Some(t.no_click.get().unwrap_or(0).saturating_add(n)));
                }
                if !agg.nb_hits.is_none() && (t.nb_hits.is_none() || t.seen.is_before(&agg.seen)) {
                    t.nb_hits = agg.nb_hits;
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Write as _;

    use super::*;
    use crate::analytics::{normalize::normalize_query, read_searches, redact::redact};
    use crate::config::AnalyticsConfig;

    #[test]
    fn stats_sort_on_keys_as_on_the_stats() {
        // Ties on counts, locales None/en/fr, queries alike in their first 7, 15 or 31
        // bytes or shorter, a NUL byte (the key's padding).
        let queries = [
            "congés payés",
            "conges payes",
            "congé",
            "conges",
            "conges payes 2024",
            "conges payes 2024 b",
            "conges payes 2024 a",
            "conges payes 20",
            "conventionnelle parental grave elections",
            "conventionnelle parental grave disciplinaire",
            "conventionnelle parental grave",
            "ab",
            "ab\0",
            "a",
            "",
            "zzz",
        ];
        let locales = [None, Some("fr"), Some("en"), Some("fr-ca")];
        let mut stats = Vec::new();
        let mut x = 7u32;
        for (i, q) in queries.iter().enumerate() {
            for (j, l) in locales.iter().enumerate() {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                stats.push(QueryStat {
                    query: (*q).to_string(),
                    display: format!("{i}-{j}"),
                    locale: l.map(str::to_string),
                    count: u64::from((x >> 16) % 3),
                    zero_result: 0,
                    nb_hits: None,
                    no_click: None,
                    clicks: Vec::new(),
                });
            }
        }
        let mut expected = stats.clone();
        expected.sort_by(cmp_stats);
        sort_stats(&mut stats);
        let names = |v: &[QueryStat]| v.iter().map(|s| s.display.clone()).collect::<Vec<_>>();
        assert_eq!(names(&stats), names(&expected));
    }

    /// A log with more distinct raw queries than stage 1 holds, each popular query
    /// spelled three ways and searched in waves (so that stage 1 folds, evicts, and meets
    /// evicted queries again), some with personal data: every count must match a plain
    /// count of the same rows.
    #[test]
    fn folds_evictions_and_resolutions_keep_every_count() {
        let distinct = STAGE1_CAP * 2 + 123;
        let mut rows: Vec<(String, &str, u64, Option<String>)> = Vec::new();
        for wave in 0..3u64 {
            for i in 0..distinct {
                let query = match i % 5 {
                    0 => format!("Congé payé {}", i % 97),
                    1 => format!("CONGÉ  PAYÉ {}", i % 97),
                    2 => format!("conge paye {}", i % 97),
                    3 => format!("écrire à jean{i}@example.com"),
                    _ => format!("question rare {i} vague {wave}"),
                };
                let locale = if i % 7 == 0 { "en" } else { "fr" };
                let hits = (i as u64 + wave) % 3;
                let clicked = (i % 11 == 0).then(|| format!("entry-{}", i % 13));
                rows.push((query, locale, hits, clicked));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(f, "timestamp,query,nb_hits,clicked_entry,locale").unwrap();
        for (n, (q, l, h, c)) in rows.iter().enumerate() {
            let c = c.as_deref().unwrap_or("");
            writeln!(f, "2026-11-01T00:00:{:02}Z,{q},{h},{c},{l}", n % 60).unwrap();
        }
        drop(f);

        // The plain count: (locale, redacted and normalised query) → searches, zero
        // results, clicks; and redactions per kind.
        type Expected = (u64, u64, BTreeMap<String, u64>);
        let mut expected: BTreeMap<(String, String), Expected> = BTreeMap::new();
        let mut redacted: BTreeMap<PiiKind, u64> = BTreeMap::new();
        for (q, l, h, c) in &rows {
            let (text, found) = redact(q);
            for kind in found {
                *redacted.entry(kind).or_default() += 1;
            }
            let e = expected
                .entry((l.to_string(), normalize_query(&text)))
                .or_default();
            e.0 += 1;
            e.1 += u64::from(*h == 0);
            if let Some(c) = c {
                *e.2.entry(c.clone()).or_default() += 1;
            }
        }

        let log = read_searches(&[path], &AnalyticsConfig::default()).unwrap();
        let report = &log.reports[0];
        assert_eq!(report.rows, rows.len() as u64);
        assert_eq!(report.redacted, redacted);
        let got: BTreeMap<(String, String), Expected> = log
            .queries
            .iter()
            .map(|q| {
                let key = (q.locale.clone().unwrap_or_default(), q.query.clone());
                let clicks = q.clicks.iter().cloned().collect();
                (key, (q.count, q.zero_result, clicks))
            })
            .collect();
        assert_eq!(got.len(), expected.len());
        assert_eq!(got, expected);
        // The spelling shown is the most frequent one: each popular key has three
        // spellings searched alike, and the first in order wins the tie.
        let shown = log
            .queries
            .iter()
            .find(|q| q.query == "conge paye 0" && q.locale.as_deref() == Some("fr"))
            .unwrap();
        assert_eq!(shown.display, "CONGÉ PAYÉ 0");
    }

    /// The spelling shown is the most searched one even when it comes after many others:
    /// a bound met early (the order in which reader threads meet spellings varies from run
    /// to run) once made a rare spelling win, and the output changed between runs.
    #[test]
    fn the_most_searched_spelling_is_shown_whatever_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(f, "timestamp,query,nb_hits,clicked_entry,locale").unwrap();
        let early = [
            "Maternité ?",
            "MATERNITÉ",
            "maternite",
            "Maternité !",
            "maternité ?",
            "MATERNITE",
        ];
        for (n, q) in early.iter().enumerate() {
            writeln!(f, "2026-11-01T00:00:0{n}Z,{q},1,,fr").unwrap();
        }
        for n in 0..10 {
            writeln!(f, "2026-11-01T00:01:0{n}Z,maternité,1,,fr").unwrap();
        }
        drop(f);
        let log = read_searches(&[path], &AnalyticsConfig::default()).unwrap();
        assert_eq!(log.queries.len(), 1);
        assert_eq!(log.queries[0].count, 16);
        assert_eq!(log.queries[0].display, "maternité");
    }

    /// Entry ids go through a small cache of 2^10 slots: thousands of ids (of 15, 16 and
    /// more bytes, alike but for their length or last byte) must keep their own clicks.
    #[test]
    fn clicks_stay_with_their_entry_through_the_id_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(f, "timestamp,query,nb_hits,clicked_entry,locale").unwrap();
        let ids = |i: usize| match i % 4 {
            0 => format!("e-{i:014}"),
            1 => format!("e-{i:013}"),
            2 => format!("e-{i:013}0"),
            _ => format!("entry-with-a-long-id-{i}"),
        };
        let mut expected: BTreeMap<String, u64> = BTreeMap::new();
        for round in 0..3 {
            for i in 0..5000 {
                let id = ids((i * 7 + round) % 5000);
                writeln!(f, "2026-11-01T00:00:00Z,q {},3,{id},fr", i % 3).unwrap();
                *expected.entry(id).or_default() += 1;
            }
        }
        drop(f);
        let log = read_searches(&[path], &AnalyticsConfig::default()).unwrap();
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        for q in &log.queries {
            for (id, n) in &q.clicks {
                *got.entry(id.clone()).or_default() += n;
            }
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn personal_data_counts_pack_per_kind() {
        let packed = pack_pii(&[PiiKind::Email, PiiKind::Phone, PiiKind::Email]);
        let mut report = ReadReport::default();
        count_pii(&mut report, packed, 10);
        assert_eq!(report.redacted.get(&PiiKind::Email), Some(&20));
        assert_eq!(report.redacted.get(&PiiKind::Phone), Some(&10));
        assert_eq!(report.redacted.get(&PiiKind::Card), None);
        assert_eq!(pack_pii(&[]), 0);
    }

    #[test]
    fn timestamps_order_as_text_or_as_numbers() {
        let iso = |ts: &str, seq| Seen::new(ts.as_bytes(), seq);
        assert!(iso("2026-11-01T08:00:00Z", 9).is_before(&iso("2026-11-01T09:00:00Z", 1)));
        assert!(!iso("2026-11-02", 1).is_before(&iso("2026-11-01T23:59:59Z", 2)));
        // A prefix sorts first, as `cmp` on the text does.
        assert!(iso("2026-11-01", 5).is_before(&iso("2026-11-01T00:00:00Z", 1)));
        // Digits of different lengths compare as numbers (epoch seconds, milliseconds).
        assert!(iso("999", 1).is_before(&iso("1000", 0)));
        // Equal times: the position in the input decides.
        assert!(iso("1700000000", 1).is_before(&iso("1700000000", 2)));
        assert!(!iso("1700000000", 3).is_before(&iso("1700000000", 2)));
        // Longer than the prefix kept: compared on the prefix, then the position.
        let long = "2026-11-01T08:00:00.123456789Z";
        assert!(iso(long, 1).is_before(&iso(long, 2)));
    }

    #[test]
    fn a_maybe_count_is_an_option_in_eight_bytes() {
        assert_eq!(std::mem::size_of::<MaybeCount>(), 8);
        assert_eq!(MaybeCount::default().get(), None);
        assert_eq!(MaybeCount::of(Some(0)).get(), Some(0));
        assert_eq!(MaybeCount::of(Some(7)).get(), Some(7));
        // The largest count is kept just below the marker of "none".
        assert_eq!(MaybeCount::of(Some(u64::MAX)).get(), Some(u64::MAX - 1));
        assert!(MaybeCount::of(None).is_none());
    }

    #[test]
    fn short_strings_compare_inline() {
        assert!(same(b"fr", b"fr"));
        assert!(!same(b"fr", b"fr-ca"));
        assert!(!same(b"entry-1", b"entry-2"));
        assert!(same(b"a-string-longer-than-16", b"a-string-longer-than-16"));
        assert!(!same(
            b"a-string-longer-than-16",
            b"a-string-longer-than-17"
        ));
        assert!(same(b"", b""));
    }
}
