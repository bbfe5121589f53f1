//! One knowledge-base entry: the front-matter fields faqlint understands, with spans.

use std::ops::Range;

use chrono::NaiveDate;

use super::FileId;
use super::front_matter::Format;
use super::markdown::Body;
use super::yaml::{Node, NodeKind, Style};
use crate::config::{FieldMap, parse_interval};

/// A value read from front matter, with the spans of its key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    /// The span of the key as written (a mapped name such as `lastmod`).
    pub key_span: Range<usize>,
    pub span: Range<usize>,
}

impl<T> Field<T> {
    /// The key as written in the file's `text`, without its quotes (JSON keys always have
    /// them): the name to look the key up by. Not stored: one string less per field.
    pub fn key<'a>(&self, text: &'a str) -> &'a str {
        let raw = text.get(self.key_span.clone()).unwrap_or_default();
        for q in ['"', '\''] {
            if let Some(inner) = raw.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
                return inner;
            }
        }
        raw
    }
}

/// A string item of a list field (a tag, a related id), with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub value: String,
    pub span: Range<usize>,
}

/// A front-matter field whose value has the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The concept (`tags`, `last_reviewed`…).
    pub field: &'static str,
    pub key: String,
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub file: FileId,
    /// Path relative to the repo root, `/`-separated.
    pub path: String,
    /// `id` from front matter, else the slug.
    pub id: String,
    pub id_field: Option<Field<String>>,
    /// File stem.
    pub slug: String,
    pub locale: Option<String>,
    pub category: Option<String>,
    pub category_from_path: Option<String>,
    pub title: Option<Field<String>>,
    /// The tags field (its value span covers the list), if present.
    pub tags_field: Option<Field<()>>,
    pub tags: Vec<Item>,
    pub last_reviewed: Option<Field<NaiveDate>>,
    pub review_every: Option<Field<i64>>,
    pub expires: Option<Field<NaiveDate>>,
    pub related: Vec<Item>,
    pub translation_of: Option<Field<String>>,
    pub duplicate_of: Option<Field<String>>,
    pub owner: Option<Field<String>>,
    pub redirect_from: Vec<Item>,
    /// The page's own URL from front matter (Hugo `url`, Jekyll `permalink`).
    pub url_field: Option<Field<String>>,
    /// The page's URL slug from front matter (`slug`).
    pub slug_field: Option<Field<String>>,
    /// Listed in a menu from its own front matter (Hugo `menu:`).
    pub in_menu: bool,
    /// The key this entry shares with its translations, from the site's layout (the path
    /// below the language folder, or without the `.fr` suffix).
    pub translation_key: Option<String>,
    pub draft: bool,
    /// True when the front matter was found and parsed (to a document, not an empty one).
    /// The tree itself is not kept: at 100k entries it would cost ~150 MB; use
    /// [`Entry::front_matter`] to re-parse it where a rule or fix needs it.
    pub has_front_matter: bool,
    /// Spans of the top-level front-matter keys and their values, in order.
    pub keys: Vec<(Range<usize>, Range<usize>)>,
    /// Scalar style of the title value (block scalars cannot take simple fixes).
    pub title_style: Option<super::yaml::Style>,
    /// The front matter data range (between the fences; for JSON, the object braces
    /// included), when the block was found. Named for YAML, the first format read.
    pub yaml_range: Option<Range<usize>>,
    /// The language of the front matter block (YAML when there is none).
    pub front_matter_format: Format,
    pub body_range: Range<usize>,
    pub body: Body,
    pub problems: Vec<FieldProblem>,
}

impl Entry {
    /// Re-parses the front matter. `text` is the entry's file text.
    pub fn front_matter(&self, text: &str) -> Option<Node> {
        if !self.has_front_matter {
            return None;
        }
        let range = self.yaml_range.clone()?;
        super::front_matter::parse(self.front_matter_format, text, range)
            .ok()
            .flatten()
    }

    /// The top-level keys as written (quotes removed), with the spans of key and value.
    pub fn key_values<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'a str, Range<usize>, Range<usize>)> + 'a {
        self.keys.iter().filter_map(move |(k, v)| {
            let name = text.get(k.clone())?.trim_matches(['"', '\'']);
            Some((name, k.clone(), v.clone()))
        })
    }

    /// A span to point at when nothing more precise exists: the title value, else the
    /// front matter's first line, else the start of the file.
    pub fn anchor_span(&self) -> Range<usize> {
        if let Some(t) = &self.title {
            return t.span.clone();
        }
        if let Some(id) = &self.id_field {
            return id.span.clone();
        }
        0..0
    }

    pub fn is_indexable(&self) -> bool {
        !self.draft && self.duplicate_of.is_none()
    }

    /// Reads the mapped fields out of the front matter root (in
    /// [`Entry::front_matter_format`]). `date_formats` are the extra strftime formats of
    /// `repo.date-formats`, tried after the built-in ones (see [`parse_date_with`]).
    pub(crate) fn read_fields(&mut self, root: &Node, fields: &FieldMap, date_formats: &[String]) {
        let format = self.front_matter_format;
        let Some(map) = root.as_map() else {
            self.problems.push(FieldProblem {
                field: "front matter",
                key: String::new(),
                span: root.span.clone(),
                message: format!(
                    "front matter must be a mapping, found a {}",
                    root.kind_name()
                ),
                help: "write `key: value` lines between the `---` fences".into(),
            });
            return;
        };
        self.keys = map
            .iter()
            .map(|(k, v)| (k.span.clone(), v.span.clone()))
            .collect();
        let find = |names: &[String]| -> Option<(&Node, &Node)> {
            names.iter().find_map(|n| {
                map.iter()
                    .find(|(k, _)| k.as_str() == Some(n.as_str()))
                    .map(|(k, v)| (k, v))
            })
        };
        let key_of = |k: &Node| k.as_str().unwrap_or_default().to_string();

        if let Some((k, v)) = find(&fields.id) {
            match scalar_string(v) {
                Some(s) if !s.is_empty() => {
                    self.id = s.clone();
                    self.id_field = Some(field(k, v, s));
                }
                _ => self.type_problem("id", k, v, "a string", "write the id as a plain string"),
            }
        }
        if let Some((k, v)) = find(&fields.title) {
            match v.as_str() {
                Some(_) if v.is_null() => {}
                Some(s) => {
                    self.title = Some(field(k, v, s.trim().to_string()));
                    self.title_style = v.style();
                }
                None => {
                    self.type_problem("title", k, v, "a string", "write the title as one string")
                }
            }
        }
        if let Some((k, v)) = find(&fields.category) {
            // Jekyll's `categories` is a list, or a string of space-separated words.
            let words = k.as_str() == Some("categories");
            match category_value(v, words) {
                Some(s) if !s.is_empty() => self.category = Some(s),
                Some(_) => {}
                None => self.type_problem("category", k, v, "a string", "name one category"),
            }
        }
        if let Some((k, v)) = find(&fields.locale) {
            match scalar_string(v) {
                Some(s) if !s.is_empty() => self.locale = Some(s),
                Some(_) => {}
                None => {
                    self.type_problem("locale", k, v, "a string", "write a locale such as `fr`")
                }
            }
        }
        if let Some((k, v)) = find(&fields.tags) {
            self.tags_field = Some(field(k, v, ()));
            match string_list(v) {
                Ok(items) => self.tags = items,
                // `tags: billing`: one tag (Jekyll and Hugo read a lone string as a list).
                Err(()) if single_word(v) => {
                    self.tags = vec![Item {
                        value: v.as_str().unwrap_or_default().trim().to_string(),
                        span: v.span.clone(),
                    }];
                }
                Err(()) => {
                    let help = match format {
                        Format::Yaml => {
                            "write tags as a YAML list: `tags: [a, b]` or one `- tag` per line"
                        }
                        Format::Toml => "write tags as a TOML array: `tags = [\"a\", \"b\"]`",
                        Format::Json => "write tags as a JSON array: `\"tags\": [\"a\", \"b\"]`",
                    };
                    self.type_problem("tags", k, v, "a list of strings", help);
                }
            }
        }
        if let Some((k, v)) = find(&fields.related) {
            match string_list(v) {
                Ok(items) => self.related = items,
                Err(()) => self.type_problem("related", k, v, "a list of ids", "list entry ids"),
            }
        }
        if let Some((_, v)) = find(&fields.redirect_from) {
            if let Ok(items) = string_list(v) {
                self.redirect_from = items;
            } else if let Some(s) = scalar_string(v).filter(|s| !s.is_empty()) {
                // Jekyll accepts a single `redirect_from: /old/`.
                self.redirect_from = vec![Item {
                    value: s,
                    span: v.span.clone(),
                }];
            }
        }
        if let Some((k, v)) = find(&fields.url)
            && let Some(s) = scalar_string(v).filter(|s| !s.is_empty())
        {
            self.url_field = Some(field(k, v, s));
        }
        if let Some((k, v)) = find(&fields.slug)
            && let Some(s) = scalar_string(v).filter(|s| !s.is_empty())
        {
            self.slug_field = Some(field(k, v, s));
        }
        if let Some((_, v)) = find(&fields.menu) {
            self.in_menu = !v.is_null();
        }
        if let Some((k, v)) = find(&fields.last_reviewed) {
            match date_value(v, date_formats) {
                Some(d) => self.last_reviewed = Some(field(k, v, d)),
                None if v.is_null() => {}
                None => {
                    let help = date_help(date_formats);
                    self.type_problem("last_reviewed", k, v, "a date", &help)
                }
            }
        }
        if let Some((k, v)) = find(&fields.expires) {
            match date_value(v, date_formats) {
                Some(d) => self.expires = Some(field(k, v, d)),
                None if v.is_null() => {}
                None => {
                    let help = date_help(date_formats);
                    self.type_problem("expires", k, v, "a date", &help)
                }
            }
        }
        if let Some((k, v)) = find(&fields.review_every) {
            match v.as_str().and_then(parse_interval) {
                Some(days) => self.review_every = Some(field(k, v, days)),
                None if v.is_null() => {}
                None => self.type_problem(
                    "review_every",
                    k,
                    v,
                    "an interval",
                    "write an interval such as `180d`, `26w`, `6m` or `1y`",
                ),
            }
        }
        if let Some((k, v)) = find(&fields.translation_of)
            && let Some(s) = scalar_string(v).filter(|s| !s.is_empty())
        {
            self.translation_of = Some(field(k, v, s));
        }
        if let Some((k, v)) = find(&fields.duplicate_of)
            && let Some(s) = scalar_string(v).filter(|s| !s.is_empty())
        {
            self.duplicate_of = Some(field(k, v, s));
        }
        if let Some((k, v)) = find(&fields.owner)
            && let Some(s) = scalar_string(v).filter(|s| !s.is_empty())
        {
            self.owner = Some(field(k, v, s));
        }
        if let Some((k, v)) = find(&fields.draft) {
            match v.as_str() {
                Some("true" | "True" | "TRUE" | "yes") => self.draft = true,
                Some("false" | "False" | "FALSE" | "no") => {}
                _ if v.is_null() => {}
                _ => self.type_problem(
                    "draft",
                    k,
                    v,
                    "a boolean",
                    match format {
                        Format::Yaml => "write `draft: true` or `draft: false`",
                        Format::Toml => "write `draft = true` or `draft = false`",
                        Format::Json => "write `\"draft\": true` or `\"draft\": false`",
                    },
                ),
            }
        }
        let _ = key_of;
    }

    fn type_problem(&mut self, concept: &'static str, k: &Node, v: &Node, want: &str, help: &str) {
        let key = k.as_str().unwrap_or_default();
        self.problems.push(FieldProblem {
            field: concept,
            key: key.to_string(),
            span: v.span.clone(),
            message: format!("`{key}` must be {want}, found a {}", v.kind_name()),
            help: help.to_string(),
        });
    }
}

fn field<T>(k: &Node, v: &Node, value: T) -> Field<T> {
    Field {
        value,
        key_span: k.span.clone(),
        span: v.span.clone(),
    }
}

/// A scalar as a string (numbers and booleans included, as editors write ids like `123`).
fn scalar_string(v: &Node) -> Option<String> {
    if v.is_null() {
        return Some(String::new());
    }
    v.as_str().map(|s| s.trim().to_string())
}

/// A list of scalars. A single scalar is not a list (reported as a type problem).
fn string_list(v: &Node) -> Result<Vec<Item>, ()> {
    if v.is_null() {
        return Ok(Vec::new());
    }
    let items = v.as_seq().ok_or(())?;
    items
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Scalar { value, .. } => Ok(Item {
                value: value.trim().to_string(),
                span: n.span.clone(),
            }),
            _ => Err(()),
        })
        .collect()
}

/// A category: a scalar, or the first item of a list (Jekyll `categories: [billing, faq]`).
/// With `words` (Jekyll's `categories: billing faq`), the first word of a string. `None`:
/// not a category (a mapping, a list of lists).
fn category_value(v: &Node, words: bool) -> Option<String> {
    if let Some(items) = v.as_seq() {
        return match items.first() {
            None => Some(String::new()),
            Some(first) => scalar_string(first),
        };
    }
    let s = scalar_string(v)?;
    if words {
        return Some(s.split_whitespace().next().unwrap_or_default().to_string());
    }
    Some(s)
}

/// A one-line scalar holding one word: read as a one-item list where a list is expected.
/// Several words or commas (`tags: a, b`) are ambiguous and stay a type problem.
fn single_word(v: &Node) -> bool {
    matches!(
        v.style(),
        Some(Style::Plain | Style::SingleQuoted | Style::DoubleQuoted)
    ) && !v.is_null()
        && v.as_str().is_some_and(|s| {
            let s = s.trim();
            !s.is_empty() && !s.contains(',') && !s.contains(char::is_whitespace)
        })
}

/// A date (see [`parse_date_with`]), or a mapping with a `date` key (Docusaurus
/// `last_update: {date: …}`).
fn date_value(v: &Node, formats: &[String]) -> Option<NaiveDate> {
    if let Some(d) = v.get("date") {
        return date_value(d, formats);
    }
    parse_date_with(v.as_str()?, formats)
}

/// The help of a value that is not a date: the formats that are read, and the option.
fn date_help(formats: &[String]) -> String {
    let extra: String = formats.iter().map(|f| format!(", `{f}`")).collect();
    format!(
        "write the date as YYYY-MM-DD; also read: an RFC 3339 date-time, \
         `YYYY-MM-DD HH:MM:SS +ZZZZ`, `YYYY/MM/DD`{extra}; other formats can be added to \
         `repo.date-formats` (strftime syntax, e.g. `%d/%m/%Y`)"
    )
}

/// Parses the built-in date formats of front matter: `YYYY-MM-DD`, RFC 3339 date-times,
/// a date and a time (`2024-03-01 10:00:00 +0100` as Jekyll writes it, `2024-03-01T10:00`
/// as TOML local date-times are), and `YYYY/MM/DD`. A time only keeps its date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Some(d) = date_and_time(s) {
        return Some(d);
    }
    NaiveDate::parse_from_str(s, "%Y/%m/%d").ok()
}

/// [`parse_date`], then each strftime format of `formats` (`repo.date-formats`, e.g.
/// DocFX's `%m/%d/%Y`); a format may hold a time (`%d.%m.%Y %H:%M`).
pub fn parse_date_with(s: &str, formats: &[String]) -> Option<NaiveDate> {
    if let Some(d) = parse_date(s) {
        return Some(d);
    }
    let s = s.trim();
    formats.iter().find_map(|f| {
        NaiveDate::parse_from_str(s, f).ok().or_else(|| {
            chrono::NaiveDateTime::parse_from_str(s, f)
                .ok()
                .map(|dt| dt.date())
        })
    })
}

/// `YYYY-MM-DD`, `T` or a space, `H:MM[:SS[.frac]]`, then an optional zone (`Z`, `UTC`,
/// `+01`, `+0100`, `+01:00`, after an optional space).
fn date_and_time(s: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = s[10..].strip_prefix(['T', 't', ' '])?;
    let time_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(time_len);
    let mut parts = time.split(':');
    let hour = parts.next()?;
    let minute = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let number = |p: &str, min_len: usize, max: u32| {
        (p.len() >= min_len && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    number(hour, 1, 23)?;
    number(minute, 2, 59)?;
    if let Some(sec) = second {
        let (whole, frac) = match sec.split_once(['.', ',']) {
            Some((w, f)) => (w, Some(f)),
            None => (sec, None),
        };
        number(whole, 2, 60)?;
        if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
    }
    let zone = zone.strip_prefix(' ').unwrap_or(zone);
    let valid_zone = match zone {
        "" | "Z" | "z" | "UTC" | "GMT" => true,
        _ => zone.strip_prefix(['+', '-']).is_some_and(|z| {
            let digits = z.replace(':', "");
            let colons = z.len() - digits.len();
            digits.bytes().all(|b| b.is_ascii_digit())
                && (digits.len() == 2 && colons == 0
                    || digits.len() == 4 && (colons == 0 || z.as_bytes().get(2) == Some(&b':')))
        }),
    };
    valid_zone.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn built_in_date_formats() {
        for s in [
            "2024-03-01",
            " 2024-03-01 ",
            "2024-03-01T10:00:00Z",
            "2024-03-01T10:00:00+01:00",
            "2024-03-01T10:00:00.123-05:00",
            "2024-03-01t10:00:00z",
            "2024-03-01 10:00:00 +0100",
            "2024-03-01 10:00:00 -05:00",
            "2024-03-01 10:00:00",
            "2024-03-01 10:00",
            "2024-03-01 9:05:07.5 UTC",
            "2024-03-01T10:00:00",
            "2024-03-01T10:00Z",
            "2024-03-01 10:00:00+01",
            "2024/03/01",
        ] {
            assert_eq!(parse_date(s), d(2024, 3, 1), "{s}");
        }
        for s in [
            "mars 2024",
            "2024-13-01",
            "2024-02-30",
            "01/03/2024",
            "2024-03-01 garbage",
            "2024-03-01 25:00",
            "2024-03-01 10:0",
            "2024-03-01 10:00:00 +1",
            "2024-03-01T",
            "10:00:00",
            "2024-03-01 10:00:00 +01:00:00",
            "",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn configured_date_formats_come_after_the_built_in_ones() {
        let us = vec!["%m/%d/%Y".to_string()];
        assert_eq!(parse_date_with("01/05/2026", &us), d(2026, 1, 5));
        assert_eq!(parse_date_with("2026-01-05", &us), d(2026, 1, 5));
        assert_eq!(parse_date_with("01/05/2026", &[]), None);
        let eu = vec!["%d.%m.%Y %H:%M".to_string(), "%d/%m/%Y".to_string()];
        assert_eq!(parse_date_with("05.01.2026 14:30", &eu), d(2026, 1, 5));
        assert_eq!(parse_date_with("05/01/2026", &eu), d(2026, 1, 5));
        assert_eq!(parse_date_with("5 janvier 2026", &eu), None);
        // A broken format is no date, not a crash.
        assert_eq!(parse_date_with("x", &["%Q%".to_string()]), None);
    }

    #[test]
    fn date_help_names_the_formats_and_the_option() {
        let h = date_help(&["%m/%d/%Y".to_string()]);
        assert!(h.starts_with("write the date as YYYY-MM-DD"), "{h}");
        assert!(h.contains("`YYYY/MM/DD`, `%m/%d/%Y`;"), "{h}");
        assert!(h.contains("`repo.date-formats`"), "{h}");
    }

    fn scalar(value: &str, style: Style) -> Node {
        Node {
            span: 0..0,
            kind: NodeKind::Scalar {
                value: value.to_string(),
                style,
            },
        }
    }

    #[test]
    fn categories_lists_and_words() {
        let list = Node {
            span: 0..0,
            kind: NodeKind::Seq {
                items: vec![scalar("billing", Style::Plain), scalar("faq", Style::Plain)],
                flow: true,
            },
        };
        assert_eq!(category_value(&list, true).as_deref(), Some("billing"));
        assert_eq!(category_value(&list, false).as_deref(), Some("billing"));
        let words = scalar("billing two", Style::Plain);
        assert_eq!(category_value(&words, true).as_deref(), Some("billing"));
        assert_eq!(
            category_value(&words, false).as_deref(),
            Some("billing two")
        );
        let nested = Node {
            span: 0..0,
            kind: NodeKind::Seq {
                items: vec![list.clone()],
                flow: true,
            },
        };
        assert_eq!(category_value(&nested, true), None);
    }

    #[test]
    fn one_word_is_a_one_item_list() {
        assert!(single_word(&scalar("billing", Style::Plain)));
        assert!(single_word(&scalar("billing", Style::DoubleQuoted)));
        assert!(!single_word(&scalar("conges, absences", Style::Plain)));
        assert!(!single_word(&scalar("a b", Style::Plain)));
        assert!(!single_word(&scalar("~", Style::Plain)));
        assert!(!single_word(&scalar("a", Style::Literal)));
    }
}
