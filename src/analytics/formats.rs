//! Export formats: names, detection from extension and content, and the readers of
//! search exports (generic events CSV/JSONL, aggregated counts CSV, GA4, Algolia).

use std::io::{BufRead, BufReader, Read};

use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use std::sync::Mutex;

use super::aggregate::{FileAgg, Row, Target};
use super::columns::{Col, Columns, canonical};
use super::input::Source;
use super::redact::redact;
use super::{InputError, Malformed, ReadReport};

/// Malformed rows kept with their line per file (all are counted).
pub(crate) const MAX_MALFORMED: usize = 100;

/// The formats of search exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFormat {
    /// One row per search: `timestamp, query, nb_hits, clicked_entry, locale`.
    EventsCsv,
    /// The same, one JSON object per line.
    EventsJsonl,
    /// One row per query: `query, count, nb_hits` (optional `locale`, `zero_result`,
    /// `no_click`, `clicks`, `last_seen`): the output of the warehouse SQL.
    CountsCsv,
    /// Algolia Analytics "searches without results" (`getSearchesNoResults`).
    AlgoliaNoResults,
    /// Algolia Analytics top searches (`getTopSearches`, with or without click analytics).
    AlgoliaTopSearches,
    /// GA4 "Search terms" report exported as CSV (comment lines, `Search term,Event count`).
    Ga4,
}

impl SearchFormat {
    pub const ALL: [SearchFormat; 6] = [
        SearchFormat::EventsCsv,
        SearchFormat::EventsJsonl,
        SearchFormat::CountsCsv,
        SearchFormat::AlgoliaNoResults,
        SearchFormat::AlgoliaTopSearches,
        SearchFormat::Ga4,
    ];

    /// The name used in `[analytics] format` and in [`ReadReport::format`].
    pub fn name(self) -> &'static str {
        match self {
            SearchFormat::EventsCsv => "events-csv",
            SearchFormat::EventsJsonl => "events-jsonl",
            SearchFormat::CountsCsv => "counts-csv",
            SearchFormat::AlgoliaNoResults => "algolia-no-results",
            SearchFormat::AlgoliaTopSearches => "algolia-top-searches",
            SearchFormat::Ga4 => "ga4",
        }
    }

    /// `auto` is `None`.
    pub fn from_config(name: &str) -> Result<Option<SearchFormat>, InputError> {
        if name.is_empty() || name == "auto" {
            return Ok(None);
        }
        SearchFormat::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .map(Some)
            .ok_or_else(|| {
                let names: Vec<&str> = SearchFormat::ALL.iter().map(|f| f.name()).collect();
                InputError::Config(format!(
                    "unknown format `{name}`; one of: auto, {}",
                    names.join(", ")
                ))
            })
    }

    fn is_algolia(self) -> bool {
        matches!(
            self,
            SearchFormat::AlgoliaNoResults | SearchFormat::AlgoliaTopSearches
        )
    }
}

pub(crate) fn push_malformed(report: &mut ReadReport, line: u64, message: String) {
    report.malformed_count += 1;
    if report.malformed.len() < MAX_MALFORMED {
        report.malformed.push(Malformed { line, message });
    }
}

/// A cell quoted in a message: redacted, at most 40 characters.
pub(crate) fn quote_cell(cell: &[u8]) -> String {
    let text = String::from_utf8_lossy(cell);
    let (redacted, _) = redact(&text);
    let mut out: String = redacted.chars().take(40).collect();
    if redacted.chars().count() > 40 {
        out.push('…');
    }
    format!("`{out}`")
}

fn first_non_ws(head: &[u8]) -> Option<u8> {
    head.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Lines of GA4 comments (`# …`) and blank lines at the start: (bytes, lines).
fn leading_comments(head: &[u8]) -> (usize, u64) {
    let mut pos = 0;
    let mut lines = 0;
    while pos < head.len() {
        let end = head[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| pos + i + 1);
        let Some(end) = end else { break };
        let line = head[pos..end].trim_ascii();
        if line.is_empty() || line.starts_with(b"#") {
            pos = end;
            lines += 1;
        } else {
            break;
        }
    }
    (pos, lines)
}

/// The delimiter of a header line: the most frequent of `,`, `;`, tab outside quotes.
fn sniff_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn header_line(head: &[u8]) -> &[u8] {
    let end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    &head[..end]
}

/// The header of a CSV head, in canonical form.
fn csv_header(head: &[u8]) -> Vec<String> {
    let line = header_line(head);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(sniff_delimiter(line))
        .from_reader(line);
    let mut rec = csv::ByteRecord::new();
    match reader.read_byte_record(&mut rec) {
        Ok(true) => rec
            .iter()
            .map(|f| canonical(&String::from_utf8_lossy(f)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Detects the format of a search export from its extension and head.
pub(crate) fn detect_search(src: &Source, cols: &Columns) -> Result<SearchFormat, InputError> {
    let unknown = |reason: String| InputError::UnknownFormat {
        path: src.name.clone(),
        reason,
    };
    if matches!(src.ext.as_str(), "jsonl" | "ndjson") {
        return Ok(SearchFormat::EventsJsonl);
    }
    match first_non_ws(&src.head) {
        None => return Err(unknown("the file is empty".into())),
        Some(b'{' | b'[') => {
            let line = header_line(&src.head).trim_ascii();
            let one_object = serde_json::from_slice::<serde_json::Map<String, Value>>(line)
                .is_ok_and(|m| !m.contains_key("searches") && !m.contains_key("articles"));
            if src.ext != "json" && one_object {
                return Ok(SearchFormat::EventsJsonl);
            }
            let head = String::from_utf8_lossy(&src.head);
            if head.contains("\"nbHits\"") {
                return Ok(SearchFormat::AlgoliaTopSearches);
            }
            if head.contains("\"articles\"") {
                return Err(unknown(
                    "a Zendesk articles export: list it under `votes`, not `searches`".into(),
                ));
            }
            if head.contains("\"search\"") || head.contains("\"searches\"") {
                return Ok(SearchFormat::AlgoliaNoResults);
            }
            return Err(unknown(
                "JSON, but neither Algolia `{\"searches\": […]}` nor JSON lines of events".into(),
            ));
        }
        Some(_) => {}
    }
    let (skip, _) = leading_comments(&src.head);
    let header = csv_header(&src.head[skip..]);
    if cols.find(&header, Col::Query).is_none() && !looks_like_text(&src.head[skip..]) {
        return Err(unknown(
            "not a text export (binary data, or not UTF-8 on its first line)".into(),
        ));
    }
    if cols.find(&header, Col::Query).is_none() {
        return Err(unknown(format!(
            "no `{}` column (header: {}); name it in [analytics.columns] query = \"…\"",
            cols.name(Col::Query),
            header.join(", ")
        )));
    }
    if header
        .iter()
        .any(|h| h == "search_term" || h == "terme_de_recherche")
        && skip > 0
    {
        return Ok(SearchFormat::Ga4);
    }
    let has_count = cols.find(&header, Col::Count).is_some();
    let has_ts = cols.find(&header, Col::Timestamp).is_some();
    Ok(if has_count && !has_ts {
        SearchFormat::CountsCsv
    } else {
        SearchFormat::EventsCsv
    })
}

/// Parses a count: digits, optionally grouped by thousands (`1 204`, `1,204`, `1.204`,
/// no-break spaces) as spreadsheets and GA4 write them.
pub(crate) fn parse_count(cell: &[u8]) -> Option<u64> {
    let cell = cell.trim_ascii();
    if !cell.is_empty() && cell.iter().all(u8::is_ascii_digit) {
        // Up to 19 digits cannot overflow: summed inline (one call per row of a log).
        if cell.len() <= 19 {
            return Some(cell.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')));
        }
        return std::str::from_utf8(cell).ok()?.parse().ok();
    }
    let text = std::str::from_utf8(cell).ok()?.trim();
    let groups: Vec<&str> = text
        .split([' ', ',', '.', '_', '\'', '\u{a0}', '\u{202f}'])
        .collect();
    if groups.len() < 2
        || groups[0].is_empty()
        || groups[0].len() > 3
        || groups[1..].iter().any(|g| g.len() != 3)
        || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    groups.concat().parse().ok()
}

/// Parses `id:n;id:n` (a bare `id` counts once).
pub(crate) fn parse_pairs(cell: &[u8]) -> Result<Vec<(&[u8], u64)>, String> {
    let mut out = Vec::new();
    for part in cell.split(|&b| b == b';') {
        let part = part.trim_ascii();
        if part.is_empty() {
            continue;
        }
        match part.iter().rposition(|&b| b == b':') {
            Some(i) if part[i + 1..].trim_ascii().iter().all(u8::is_ascii_digit) => {
                let n = parse_count(&part[i + 1..])
                    .ok_or_else(|| format!("bad count in {}", quote_cell(part)))?;
                out.push((part[..i].trim_ascii(), n));
            }
            _ => out.push((part, 1)),
        }
    }
    Ok(out)
}

/// How to read the rows of a tabular search export: its format, delimiter, column indices
/// and first sequence number.
struct Layout {
    format: SearchFormat,
    delimiter: u8,
    seq_base: u64,
    query: usize,
    timestamp: Option<usize>,
    nb_hits: Option<usize>,
    clicked: Option<usize>,
    locale: Option<usize>,
    count: Option<usize>,
    zero_result: Option<usize>,
    no_click: Option<usize>,
    clicks: Option<usize>,
    last_seen: Option<usize>,
    /// Fields a row needs (the highest required index + 1).
    needed: usize,
}

/// Whether the first line of `head` reads as text: UTF-8 (a cut character at the end of the
/// sample aside) without control characters other than tabs.
fn looks_like_text(head: &[u8]) -> bool {
    let line = header_line(head);
    let sample = &line[..line.len().min(4096)];
    let text = match std::str::from_utf8(sample) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&sample[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r'))
}

/// Bytes of CSV handed to a reader thread at a time.
const CHUNK: usize = 1 << 20;

/// A piece of CSV that starts and ends on record boundaries.
struct Chunk {
    idx: u64,
    /// Line of its first byte in the file.
    first_line: u64,
    /// Its bytes: `buf[..len]` (the buffer is reused whole, see [`chunker`]).
    buf: Vec<u8>,
    len: usize,
    /// The last piece of the file.
    last: bool,
}

impl Chunk {
    fn data(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Reads into `buf` until it is full or the input ends; the bytes read, and the error
/// that stopped the reading, if any.
fn fill(stream: &mut impl Read, buf: &mut [u8]) -> (usize, Option<std::io::Error>) {
    let mut n = 0;
    while n < buf.len() {
        match stream.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (n, Some(e)),
        }
    }
    (n, None)
}

/// The end of the last complete record in `buf` (just after its newline), reading CSV
/// quoting as csv-core does: a quote opens a quoted field only at the start of a field,
/// `""` inside is a quote.
fn record_boundary(buf: &[u8], delimiter: u8) -> Option<usize> {
    if memchr::memchr(b'"', buf).is_none() {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut boundary = None;
    let mut quoted = false;
    let mut field_start = true;
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        if quoted {
            if b == b'"' {
                if buf.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
        } else if b == b'\n' {
            boundary = Some(i + 1);
        }
        field_start = !quoted && (b == delimiter || b == b'\n' || (b == b'\r' && field_start));
        i += 1;
    }
    boundary
}

/// Cuts the stream into chunks on record boundaries and sends them to the readers.
/// Returns whether reading failed (a truncated gzip stream, an I/O error).
fn chunker(
    mut stream: impl Read,
    tx: &std::sync::mpsc::SyncSender<Chunk>,
    pool: &std::sync::mpsc::Receiver<Vec<u8>>,
    mut line: u64,
    delimiter: u8,
) -> Option<std::io::Error> {
    let mut carry: Vec<u8> = Vec::new();
    let mut idx = 0;
    loop {
        // Buffers come back from the readers: no allocation per chunk. A buffer is kept
        // at its full length (its bytes initialised once), and read into in place: no
        // zeroing per chunk, as `read_to_end` would do.
        let mut buf = pool.try_recv().unwrap_or_default();
        let size = CHUNK.max(carry.len() * 2);
        if buf.len() < size {
            buf.resize(size, 0);
        }
        buf[..carry.len()].copy_from_slice(&carry);
        let (n, error) = fill(&mut stream, &mut buf[carry.len()..size]);
        let len = carry.len() + n;
        if n == 0 || error.is_some() {
            let _ = tx.send(Chunk {
                idx,
                first_line: line,
                buf,
                len,
                last: true,
            });
            return error;
        }
        // A record longer than 64 MiB (or quoting gone astray): cut at a newline anyway.
        let boundary = match record_boundary(&buf[..len], delimiter) {
            Some(b) => Some(b),
            None if len > 64 * CHUNK => memchr::memrchr(b'\n', &buf[..len]).map(|i| i + 1),
            None => None,
        };
        let Some(boundary) = boundary else {
            carry.clear();
            carry.extend_from_slice(&buf[..len]);
            continue;
        };
        carry.clear();
        carry.extend_from_slice(&buf[boundary..len]);
        let lines = memchr::memchr_iter(b'\n', &buf[..boundary]).count() as u64;
        if tx
            .send(Chunk {
                idx,
                first_line: line,
                buf,
                len: boundary,
                last: false,
            })
            .is_err()
        {
            return None;
        }
        line += lines;
        idx += 1;
    }
}

/// Reads an events CSV, a counts CSV or a GA4 export: one thread cuts the file into
/// chunks on record boundaries, reader threads parse and count them (stage 1) and fold
/// their counts into the shared target.
pub(crate) fn read_tabular(
    mut src: Source,
    format: SearchFormat,
    cols: &Columns,
    target: &Mutex<Target<'_>>,
    default_locale: Option<&str>,
    seq_base: u64,
    report: &mut ReadReport,
) -> Result<(), InputError> {
    let (skip, skipped_lines) = leading_comments(&src.head);
    src.head.drain(..skip);
    let line = header_line(&src.head);
    let delimiter = sniff_delimiter(line);
    let header: Vec<String> = {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(line);
        let mut rec = csv::ByteRecord::new();
        match reader.read_byte_record(&mut rec) {
            Ok(true) => rec
                .iter()
                .map(|f| canonical(&String::from_utf8_lossy(f)))
                .collect(),
            _ => Vec::new(),
        }
    };
    let header_end = (line.len() + 1).min(src.head.len());
    src.head.drain(..header_end);
    let name = src.name.clone();
    let find = |c: Col| cols.find(&header, c);
    let Some(query) = find(Col::Query) else {
        return Err(InputError::UnknownFormat {
            path: name,
            reason: format!(
                "no `{}` column (header: {}); name it in [analytics.columns] query = \"…\"",
                cols.name(Col::Query),
                header.join(", ")
            ),
        });
    };
    let count = find(Col::Count);
    if format == SearchFormat::CountsCsv && count.is_none() {
        return Err(InputError::UnknownFormat {
            path: name,
            reason: format!(
                "counts-csv needs a `{}` column (header: {})",
                cols.name(Col::Count),
                header.join(", ")
            ),
        });
    }
    let layout = Layout {
        format,
        delimiter,
        seq_base,
        query,
        timestamp: find(Col::Timestamp),
        nb_hits: find(Col::NbHits),
        clicked: find(Col::ClickedEntry),
        locale: find(Col::Locale),
        count,
        zero_result: find(Col::ZeroResult),
        no_click: find(Col::NoClick),
        clicks: find(Col::Clicks),
        last_seen: find(Col::LastSeen),
        needed: header.len().max(query.max(count.unwrap_or(0)) + 1),
    };
    let (stream, bar) = src.into_stream();
    // Reader threads: FAQLINT_READ_THREADS, else the cores (at most 4).
    let threads = std::env::var("FAQLINT_READ_THREADS")
        .ok()
        .and_then(|t| t.parse::<usize>().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
        .clamp(1, 4);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(threads * 2);
    let rx = Mutex::new(rx);
    let (pool_tx, pool_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let first_line = skipped_lines + 2;
    let (error, reports) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut report = ReadReport::default();
                    let mut agg = FileAgg::new(target, default_locale);
                    loop {
                        let chunk = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = chunk else { break };
                        read_chunk(&chunk, &layout, &mut agg, &mut report);
                        let _ = pool_tx.send(chunk.buf);
                    }
                    agg.flush(&mut report);
                    report
                })
            })
            .collect();
        let error = chunker(stream, &tx, &pool_rx, first_line, delimiter);
        drop(tx);
        let reports: Vec<ReadReport> = workers.into_iter().filter_map(|w| w.join().ok()).collect();
        (error, reports)
    });
    for r in reports {
        report.rows += r.rows;
        report.empty += r.empty;
        report.malformed_count += r.malformed_count;
        report.malformed.extend(r.malformed);
        report.truncated |= r.truncated;
        for (k, n) in r.redacted {
            *report.redacted.entry(k).or_insert(0) += n;
        }
    }
    if let Some(e) = error {
        report.truncated = true;
        push_malformed(report, 0, format!("cannot read further: {e}"));
    }
    report.malformed.sort_by_key(|m| m.line);
    report.malformed.truncate(MAX_MALFORMED);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
}

/// Parses one chunk into the reader thread's stage 1. A chunk without a quote character
/// (the usual case: search queries seldom hold the delimiter) is split line by line and on
/// the delimiter directly, which is what the csv parser would read, at a fraction of the
/// cost; any quote (or a lone `\r`) sends the whole chunk through the csv parser.
fn read_chunk(chunk: &Chunk, layout: &Layout, agg: &mut FileAgg<'_, '_>, report: &mut ReadReport) {
    let data = chunk.data();
    // A quote, or a lone `\r` (which ends a record for the csv parser: old Mac line ends),
    // sends the chunk through the csv parser. One pass looks for both.
    let plain = !memchr::memchr2_iter(b'"', b'\r', data)
        .any(|i| data[i] == b'"' || data.get(i + 1) != Some(&b'\n'));
    if plain {
        read_plain_chunk(chunk, layout, agg, report);
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(layout.delimiter)
        .from_reader(chunk.data());
    let mut rec = csv::ByteRecord::new();
    let mut rows = ChunkRows::new(chunk, layout.needed);
    let mut lines = LineAt {
        data: chunk.data(),
        byte: 0,
        line: chunk.first_line,
    };
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(chunk.first_line, |p| lines.at(p.byte()));
                push_malformed(report, line, format!("unreadable row: {e}"));
                break;
            }
        }
        // The line from the record's byte offset: the parser's own line count skips blank
        // lines.
        let line = lines.at(rec.position().map_or(0, |p| p.byte()));
        let blank = rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim_ascii().is_empty());
        if let Some(seq) = rows.accept(line, rec.len(), blank, report)
            && let Err(message) = tabular_row(&rec, layout, seq, agg, report)
        {
            push_malformed(report, line, message);
        }
    }
    rows.finish(report);
}

/// The bookkeeping of one chunk's records, shared by the csv and the plain path: short
/// rows (reported when the next record shows they were not the file's truncated end),
/// blank lines, and each row's sequence number.
struct ChunkRows<'c> {
    chunk: &'c Chunk,
    needed: usize,
    short: Option<(u64, usize)>,
    n: u64,
}

impl<'c> ChunkRows<'c> {
    fn new(chunk: &'c Chunk, needed: usize) -> Self {
        ChunkRows {
            chunk,
            needed,
            short: None,
            n: 0,
        }
    }

    /// A record of `fields` fields at `line`: its sequence number within the file (chunk,
    /// then row: a chunk has fewer than 2^20 rows) when it is a row to read.
    fn accept(
        &mut self,
        line: u64,
        fields: usize,
        blank: bool,
        report: &mut ReadReport,
    ) -> Option<u64> {
        if let Some((l, k)) = self.short.take() {
            push_malformed(report, l, format!("{k} field(s), {} expected", self.needed));
        }
        if fields < self.needed {
            if !blank {
                self.short = Some((line, fields));
            }
            return None;
        }
        report.rows += 1;
        self.n += 1;
        Some((self.chunk.idx << 20) + self.n)
    }

    /// A short last record is a truncated file when the chunk is the file's end without a
    /// final newline.
    fn finish(self, report: &mut ReadReport) {
        if let Some((l, k)) = self.short {
            if self.chunk.last && !self.chunk.data().ends_with(b"\n") {
                report.truncated = true;
                push_malformed(report, l, format!("truncated last row ({k} field(s))"));
            } else {
                push_malformed(report, l, format!("{k} field(s), {} expected", self.needed));
            }
        }
    }
}

/// Line numbers of byte offsets in a chunk, for offsets that only grow.
struct LineAt<'a> {
    data: &'a [u8],
    byte: usize,
    line: u64,
}

impl LineAt<'_> {
    /// The line of the record the parser says starts at `byte`: the parser may start a
    /// record on the `\n` of the previous line's `\r\n`, or on blank lines it skips, so
    /// line ends are passed first.
    fn at(&mut self, byte: u64) -> u64 {
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        while matches!(self.data.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > self.byte {
            self.line += memchr::memchr_iter(b'\n', &self.data[self.byte..byte]).count() as u64;
            self.byte = byte;
        }
        self.line
    }
}

/// The fields of one row: a record of the csv parser, or the fields of a line without
/// quotes split on the delimiter.
trait Fields {
    fn field(&self, i: usize) -> Option<&[u8]>;
}

impl Fields for csv::ByteRecord {
    fn field(&self, i: usize) -> Option<&[u8]> {
        self.get(i)
    }
}

impl Fields for [&[u8]] {
    fn field(&self, i: usize) -> Option<&[u8]> {
        self.get(i).copied()
    }
}

/// [`read_chunk`] for a chunk without quotes: records are lines (`\n` or `\r\n`), empty
/// lines skipped, fields split on the delimiter, as the csv parser reads such input.
fn read_plain_chunk(
    chunk: &Chunk,
    layout: &Layout,
    agg: &mut FileAgg<'_, '_>,
    report: &mut ReadReport,
) {
    let data = chunk.data();
    let mut fields: Vec<&[u8]> = Vec::with_capacity(layout.needed + 4);
    let mut rows = ChunkRows::new(chunk, layout.needed);
    let mut line = chunk.first_line;
    // One pass finds the delimiters and the line ends together, 8 bytes at a time (a row
    // is ~6 short fields: a `memchr` call per field costs more than the field).
    let mut from = 0;
    let ends = Separators::new(data, layout.delimiter).chain(std::iter::once(data.len()));
    for at in ends {
        fields.push(&data[from..at]);
        from = at + 1;
        if at < data.len() && data[at] != b'\n' {
            continue;
        }
        let this_line = line;
        line += 1;
        if let Some(last) = fields.last_mut()
            && let [rest @ .., b'\r'] = last
        {
            *last = rest;
        }
        let empty = fields.len() == 1 && fields[0].is_empty();
        if !empty {
            let blank = fields.len() == 1 && fields[0].trim_ascii().is_empty();
            if let Some(seq) = rows.accept(this_line, fields.len(), blank, report)
                && let Err(message) = tabular_row(fields.as_slice(), layout, seq, agg, report)
            {
                push_malformed(report, this_line, message);
            }
        }
        fields.clear();
        if at >= data.len() {
            break;
        }
    }
    rows.finish(report);
}

/// The positions of `delimiter` and `\n` bytes in `data`, in order, found 8 bytes at a
/// time (SWAR: a word's matching bytes as a bit mask).
struct Separators<'a> {
    words: std::slice::ChunksExact<'a, u8>,
    tail: &'a [u8],
    /// Offset of the word `mask` was taken from.
    base: usize,
    mask: u64,
    delimiter: u64,
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;

impl<'a> Separators<'a> {
    fn new(data: &'a [u8], delimiter: u8) -> Separators<'a> {
        let words = data.chunks_exact(8);
        Separators {
            tail: words.remainder(),
            words,
            base: 0,
            mask: 0,
            delimiter: u64::from_ne_bytes([delimiter; 8]),
        }
    }

    /// The high bit of each byte of `w` equal to `delimiter` or `\n`.
    #[inline]
    fn matches(&self, w: u64) -> u64 {
        let zero = |x: u64| !(((x & LOW7).wrapping_add(LOW7)) | x) & HIGH;
        zero(w ^ self.delimiter) | zero(w ^ NEWLINES)
    }
}

impl Iterator for Separators<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let (w, valid) = match self.words.next() {
                Some(w) => (u64::from_le_bytes(w.try_into().unwrap_or_default()), !0),
                None if !self.tail.is_empty() => {
                    // The last bytes, zero-padded; matches in the padding are dropped.
                    let mut last = [0u8; 8];
                    for (d, s) in last.iter_mut().zip(self.tail) {
                        *d = *s;
                    }
                    let valid = (1u64 << (8 * self.tail.len())) - 1;
                    self.tail = &[];
                    (u64::from_le_bytes(last), valid)
                }
                None => return None,
            };
            self.mask = self.matches(w) & valid;
            self.base += 8;
        }
        let at = self.base - 8 + (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

fn opt_count(
    rec: &(impl Fields + ?Sized),
    idx: Option<usize>,
    cols_name: &str,
) -> Result<Option<u64>, String> {
    match idx.and_then(|i| rec.field(i)) {
        None => Ok(None),
        Some(cell) if cell.trim_ascii().is_empty() => Ok(None),
        Some(cell) => parse_count(cell)
            .map(Some)
            .ok_or_else(|| format!("`{cols_name}` is not a count: {}", quote_cell(cell))),
    }
}

/// One row into stage 1; `seq` is its number within the file (the file's base is added).
fn tabular_row(
    rec: &(impl Fields + ?Sized),
    l: &Layout,
    seq: u64,
    agg: &mut FileAgg<'_, '_>,
    report: &mut ReadReport,
) -> Result<(), String> {
    let format = l.format;
    let query = rec.field(l.query).unwrap_or_default();
    let count = match opt_count(rec, l.count, "count")? {
        Some(n) => n,
        None if l.count.is_some() => return Err("empty `count`".into()),
        None => 1,
    };
    let nb_hits = opt_count(rec, l.nb_hits, "nb_hits")?;
    let trimmed = query.trim_ascii();
    if trimmed.is_empty() || (format == SearchFormat::Ga4 && trimmed == b"(not set)") {
        report.empty += count;
        return Ok(());
    }
    let zero_result = match opt_count(rec, l.zero_result, "zero_result")? {
        Some(z) if z > count => {
            return Err(format!("`zero_result` {z} is more than `count` {count}"));
        }
        Some(z) => z,
        None => {
            if nb_hits == Some(0) {
                count
            } else {
                0
            }
        }
    };
    let clicked = l
        .clicked
        .and_then(|i| rec.field(i))
        .map(<[u8]>::trim_ascii)
        .filter(|c| !c.is_empty());
    let no_click = match opt_count(rec, l.no_click, "no_click")? {
        Some(n) => Some(n),
        None if l.clicked.is_some() => {
            nb_hits.map(|h| if h > 0 && clicked.is_none() { count } else { 0 })
        }
        None => None,
    };
    let ts = l
        .timestamp
        .or(l.last_seen)
        .and_then(|i| rec.field(i))
        .map_or(&b""[..], <[u8]>::trim_ascii);
    let row = Row {
        query,
        locale: l.locale.and_then(|i| rec.field(i)),
        count,
        zero_result,
        no_click,
        nb_hits,
        ts,
    };
    let pairs;
    let one;
    let clicks: &[(&[u8], u64)] = match (clicked, l.clicks.and_then(|i| rec.field(i))) {
        (_, Some(cell)) if !cell.trim_ascii().is_empty() => {
            pairs = parse_pairs(cell)?;
            &pairs
        }
        (Some(c), _) => {
            one = [(c, count)];
            &one
        }
        _ => &[],
    };
    agg.add(&row, clicks, l.seq_base + seq, report);
    Ok(())
}

/// Resolves the keys of JSON objects to columns, once per distinct key.
struct KeyMap<'c> {
    cols: &'c Columns,
    known: FxHashMap<String, Option<Col>>,
}

impl KeyMap<'_> {
    fn col(&mut self, key: &str) -> Option<Col> {
        if let Some(c) = self.known.get(key) {
            return *c;
        }
        let canon = vec![canonical(key)];
        let col = Col::ALL
            .into_iter()
            .find(|c| self.cols.find(&canon, *c).is_some());
        self.known.insert(key.to_string(), col);
        col
    }
}

/// A JSON value as text: strings as they are, numbers written out, null as nothing.
fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn json_count(v: &Value, name: &str) -> Result<Option<u64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9e15)
                    .map(|f| f as u64)
            })
            .map(Some)
            .ok_or_else(|| format!("`{name}` is not a count: {n}")),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => parse_count(s.as_bytes())
            .map(Some)
            .ok_or_else(|| format!("`{name}` is not a count: {}", quote_cell(s.as_bytes()))),
        _ => Err(format!("`{name}` is not a count")),
    }
}

/// Reads JSON lines of search events, one object a line.
pub(crate) fn read_jsonl(
    src: Source,
    cols: &Columns,
    agg: &mut FileAgg<'_, '_>,
    seq_base: u64,
    report: &mut ReadReport,
) -> Result<(), InputError> {
    let (stream, bar) = src.into_stream();
    let tail = stream.tail();
    let mut reader = BufReader::with_capacity(1 << 18, stream);
    let mut keys = KeyMap {
        cols,
        known: FxHashMap::default(),
    };
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                report.truncated = true;
                push_malformed(report, line + 1, format!("cannot read further: {e}"));
                break;
            }
        }
        line += 1;
        let text = buf.trim_ascii();
        if text.is_empty() {
            continue;
        }
        let object = match serde_json::from_slice::<serde_json::Map<String, Value>>(text) {
            Ok(o) => o,
            Err(e) => {
                let last = !buf.ends_with(b"\n");
                if e.is_eof() && last {
                    report.truncated = true;
                    push_malformed(report, line, "truncated last line".into());
                } else {
                    push_malformed(report, line, format!("not a JSON object: {e}"));
                }
                continue;
            }
        };
        report.rows += 1;
        if let Err(m) = jsonl_row(&object, &mut keys, seq_base + line, agg, report) {
            push_malformed(report, line, m);
        }
    }
    if tail.failed() {
        report.truncated = true;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    agg.flush(report);
    Ok(())
}

fn jsonl_row(
    object: &serde_json::Map<String, Value>,
    keys: &mut KeyMap<'_>,
    seq: u64,
    agg: &mut FileAgg<'_, '_>,
    report: &mut ReadReport,
) -> Result<(), String> {
    let mut query = None;
    let mut locale = None;
    let mut ts = None;
    let mut clicked = None;
    let mut count = None;
    let mut nb_hits = None;
    let mut zero = None;
    let mut no_click = None;
    for (k, v) in object {
        match keys.col(k) {
            Some(Col::Query) => query = Some(v),
            Some(Col::Locale) => locale = json_text(v),
            Some(Col::Timestamp | Col::LastSeen) => ts = json_text(v),
            Some(Col::ClickedEntry) => clicked = json_text(v).filter(|c| !c.trim().is_empty()),
            Some(Col::Count) => count = json_count(v, "count")?,
            Some(Col::NbHits) => nb_hits = json_count(v, "nb_hits")?,
            Some(Col::ZeroResult) => zero = json_count(v, "zero_result")?,
            Some(Col::NoClick) => no_click = json_count(v, "no_click")?,
            _ => {}
        }
    }
    let Some(query) = query else {
        return Err(format!("no `{}` key", keys.cols.name(Col::Query)));
    };
    let query = match query {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        _ => return Err("`query` is not a string".into()),
    };
    let count = count.unwrap_or(1);
    if query.trim().is_empty() {
        report.empty += count;
        return Ok(());
    }
    let zero_result = zero.unwrap_or(if nb_hits == Some(0) { count } else { 0 });
    let no_click =
        no_click.or_else(|| nb_hits.map(|h| if h > 0 && clicked.is_none() { count } else { 0 }));
    let row = Row {
        query: query.as_bytes(),
        locale: locale.as_deref().map(str::as_bytes),
        count,
        zero_result,
        no_click,
        nb_hits,
        ts: ts.as_deref().map_or(&b""[..], |t| t.trim().as_bytes()),
    };
    let one;
    let clicks: &[(&[u8], u64)] = match &clicked {
        Some(c) => {
            one = [(c.trim().as_bytes(), count)];
            &one
        }
        None => &[],
    };
    agg.add(&row, clicks, seq, report);
    Ok(())
}

/// A JSON document read whole (Algolia and Zendesk exports are paged, small).
pub(crate) struct JsonDoc {
    pub(crate) text: String,
}

impl JsonDoc {
    pub(crate) fn read(src: Source, report: &mut ReadReport) -> JsonDoc {
        let (mut stream, bar) = src.into_stream();
        let mut bytes = Vec::new();
        if let Err(e) = stream.read_to_end(&mut bytes) {
            report.truncated = true;
            push_malformed(report, 0, format!("cannot read further: {e}"));
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        JsonDoc {
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The 1-based line of a slice of the document.
    pub(crate) fn line_of(&self, part: &str, cache: &mut (usize, u64)) -> u64 {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let offset = offset.min(self.text.len());
        let (from, line) = *cache;
        let (from, mut line) = if offset >= from { (from, line) } else { (0, 1) };
        line += self.text.as_bytes()[from..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        *cache = (offset, line);
        line
    }

    /// The items of every page: `{"<key>": [items]}` objects (pages concatenated or in
    /// an array) or a bare array of items. Errors go to the report.
    pub(crate) fn items<'d>(&'d self, key: &str, report: &mut ReadReport) -> Vec<&'d RawValue> {
        #[derive(Deserialize)]
        struct Page<'a> {
            #[serde(borrow, default)]
            searches: Option<Vec<&'a RawValue>>,
            #[serde(borrow, default)]
            articles: Option<Vec<&'a RawValue>>,
        }
        let mut out = Vec::new();
        let mut pages = Vec::new();
        let mut stream = serde_json::Deserializer::from_str(&self.text).into_iter::<&RawValue>();
        loop {
            match stream.next() {
                None => break,
                Some(Ok(v)) => pages.push(v),
                Some(Err(e)) => {
                    if e.is_eof() {
                        report.truncated = true;
                        push_malformed(report, e.line() as u64, "truncated JSON".into());
                    } else {
                        push_malformed(report, e.line() as u64, format!("invalid JSON: {e}"));
                    }
                    break;
                }
            }
        }
        let mut cache = (0, 1);
        while let Some(page) = pages.pop() {
            let text = page.get();
            if text.starts_with('[') {
                match serde_json::from_str::<Vec<&RawValue>>(text) {
                    Ok(items) => {
                        // Pages in an array, or items in an array.
                        for item in items.into_iter().rev() {
                            let t = item.get();
                            if t.starts_with('{')
                                && serde_json::from_str::<Page<'_>>(t)
                                    .is_ok_and(|p| p.searches.is_some() || p.articles.is_some())
                            {
                                pages.push(item);
                            } else {
                                out.push(item);
                            }
                        }
                    }
                    Err(e) => {
                        let line = self.line_of(text, &mut cache);
                        push_malformed(report, line, format!("invalid JSON: {e}"));
                    }
                }
                continue;
            }
            match serde_json::from_str::<Page<'_>>(text) {
                Ok(p) => {
                    let items = if key == "articles" {
                        p.articles
                    } else {
                        p.searches
                    };
                    match items {
                        Some(items) => out.extend(items.into_iter().rev()),
                        None => {
                            let line = self.line_of(text, &mut cache);
                            push_malformed(report, line, format!("no `{key}` list in this page"));
                        }
                    }
                }
                Err(e) => {
                    let line = self.line_of(text, &mut cache);
                    push_malformed(report, line, format!("not a page of `{key}`: {e}"));
                }
            }
        }
        out.reverse();
        out
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AlgoliaSearch {
    search: Option<String>,
    count: u64,
    #[serde(default)]
    nb_hits: Option<u64>,
    #[serde(default)]
    click_through_rate: Option<f64>,
    #[serde(default)]
    click_count: Option<u64>,
    #[serde(default)]
    tracked_search_count: Option<u64>,
}

/// Reads an Algolia Analytics export (searches without results, or top searches).
pub(crate) fn read_algolia(
    src: Source,
    format: SearchFormat,
    agg: &mut FileAgg<'_, '_>,
    seq_base: u64,
    report: &mut ReadReport,
) {
    debug_assert!(format.is_algolia());
    let doc = JsonDoc::read(src, report);
    let items = doc.items("searches", report);
    let mut cache = (0, 1);
    for item in items {
        let line = doc.line_of(item.get(), &mut cache);
        let s = match serde_json::from_str::<AlgoliaSearch>(item.get()) {
            Ok(s) => s,
            Err(e) => {
                push_malformed(report, line, format!("not an Algolia search: {e}"));
                continue;
            }
        };
        report.rows += 1;
        let query = s.search.unwrap_or_default();
        if query.trim().is_empty() {
            report.empty += s.count;
            continue;
        }
        let nb_hits = match format {
            SearchFormat::AlgoliaNoResults => Some(0),
            _ => s.nb_hits,
        };
        let zero = if nb_hits == Some(0) { s.count } else { 0 };
        // No click: the share of searches with results that got none, from the
        // click-through rate (of tracked searches) or a zero click count.
        let no_click = match (nb_hits, s.click_through_rate, s.click_count) {
            (Some(0), _, _) => Some(0),
            (Some(_), Some(ctr), _) if (0.0..=1.0).contains(&ctr) => {
                Some(((1.0 - ctr) * s.count as f64).round() as u64)
            }
            (Some(_), None, Some(0)) if s.tracked_search_count.unwrap_or(0) > 0 => Some(s.count),
            _ => None,
        };
        let row = Row {
            query: query.as_bytes(),
            locale: None,
            count: s.count,
            zero_result: zero,
            no_click,
            nb_hits,
            ts: b"",
        };
        agg.add(&row, &[], seq_base + line, report);
    }
    agg.flush(report);
}

#[cfg(test)]
mod tests {
    #[test]
    fn separators_are_found_as_memchr2_finds_them() {
        let mut cases: Vec<Vec<u8>> = [
            &b""[..],
            b",",
            b"\n",
            b"a,b\n",
            b"2026-11-01T08:00:01Z,cong\xc3\xa9s pay\xc3\xa9s,0,,fr\n",
            b",,,,,,,,,\n\n\n\n\n\n\n\n\n",
            b"no separator in these seventeen",
            b"\x8a\xac\x0a\x2c\xff\x00,\x80\x7f\n",
        ]
        .iter()
        .map(|c| c.to_vec())
        .collect();
        // Pseudo-random bytes, dense in separators and in high bytes.
        let mut x: u32 = 12345;
        for len in 0..80 {
            cases.push(
                (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        [b',', b'\n', b';', 0x8a, 0xac, b'a', 0][(x >> 16) as usize % 7]
                    })
                    .collect(),
            );
        }
        for data in &cases {
            for delimiter in [b',', b';', b'\t'] {
                let found: Vec<usize> = super::Separators::new(data, delimiter).collect();
                let expected: Vec<usize> = memchr::memchr2_iter(delimiter, b'\n', data).collect();
                assert_eq!(found, expected, "{data:?} {delimiter}");
            }
        }
    }

    use super::*;

    #[test]
    fn counts_with_thousands_separators() {
        assert_eq!(parse_count(b"1204"), Some(1204));
        assert_eq!(parse_count(b" 1 204 "), Some(1204));
        assert_eq!(parse_count(b"1,204"), Some(1204));
        assert_eq!(
            parse_count("1\u{a0}204\u{a0}000".as_bytes()),
            Some(1_204_000)
        );
        assert_eq!(parse_count(b"12.5"), None);
        assert_eq!(parse_count(b"-3"), None);
        assert_eq!(parse_count(b"abc"), None);
        assert_eq!(parse_count(b""), None);
        // The inline path up to 19 digits, the parser beyond, overflow refused.
        assert_eq!(parse_count(b"0"), Some(0));
        assert_eq!(
            parse_count(b"9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(parse_count(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_count(b"18446744073709551616"), None);
    }

    #[test]
    fn pairs() {
        let p =
            parse_pairs("incomplet:1;ne répond pas: à ma question:3; obsolète".as_bytes()).unwrap();
        assert_eq!(
            p,
            vec![
                (&b"incomplet"[..], 1),
                ("ne répond pas: à ma question".as_bytes(), 3),
                ("obsolète".as_bytes(), 1)
            ]
        );
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"query;count;nb_hits"), b';');
        assert_eq!(sniff_delimiter(b"\"a;b\",count"), b',');
        assert_eq!(sniff_delimiter(b"query\tcount"), b'\t');
    }
}
