//! `past-date-in-text`: a deadline in the title or the prose that has passed
//! (« d'ici 2020 », « jusqu'au 31 mars 2021 », "until March 2021", "in 2019").

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

use super::{Context, Lang, Options, Sink};
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, opts: &Options, entry: &Entry, sink: &mut Sink) {
        if entry.draft {
            return;
        }
        let settings = Settings {
            today: ctx.today,
            min_years_ago: i32::try_from(opts.int("min-years-ago")).unwrap_or(0).max(0),
            history_years: i32::try_from(opts.int("history-years")).unwrap_or(0).max(0),
        };
        let text = ctx.corpus.text(entry.file);
        let lang = Lang::of(entry.locale.as_deref());
        let mut spans: Vec<(Range<usize>, bool)> = Vec::new();
        if let Some(t) = &entry.title {
            spans.push((t.span.clone(), false));
        }
        // Runs are cut at line breaks: the words before a marker may sit on the line above.
        for run in &entry.body.text_runs {
            let heading = entry
                .body
                .headings
                .iter()
                .any(|h| h.span.start <= run.start && run.end <= h.span.end);
            spans.push((run.clone(), heading));
        }
        for (span, heading) in spans {
            let Some(s) = text.get(span.clone()) else {
                continue;
            };
            let lead_start = (span.start.saturating_sub(80)..span.start)
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(span.start)
                .max(entry.body_range.start.min(span.start));
            let lead = if Some(&span) == entry.title.as_ref().map(|t| &t.span) {
                ""
            } else {
                &text[lead_start..span.start]
            };
            for found in find(s, lead, lang, &settings, heading) {
                let range = span.start + found.range.start..span.start + found.range.end;
                let quoted = s[found.range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let message = format!("date `{quoted}` has passed (ended {})", found.end);
                sink.push(sink.diag(entry.file, range, message).entry(&entry.id).help(
                    "check whether the answer still holds; update or remove the dated sentence",
                ));
            }
        }
    }
}

/// What "passed" means for one run.
#[derive(Debug, Clone, Copy)]
struct Settings {
    today: NaiveDate,
    /// Report only dates that ended at least this many years before today.
    min_years_ago: i32,
    /// After a weak marker (`before`, `in`, « avant », « en »), a date more than this many
    /// years old is history (« né avant 1956 », "SARS in 2003"), not a stale deadline.
    history_years: i32,
}

/// True when `s` holds something shaped like a year from 1900 to 2099.
fn has_year(s: &str) -> bool {
    s.as_bytes().windows(4).any(|w| {
        matches!((w[0], w[1]), (b'1', b'9') | (b'2', b'0'))
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

/// A passed date found in a string: its range (marker included) and the day it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    range: Range<usize>,
    end: NaiveDate,
}

const FR_MONTHS: &str =
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre";
const EN_MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december\
    |jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?";
const YEAR: &str = r"(?:19|20)\d{2}";

/// The French pattern: a marker, then a date. Named groups: `strong`/`weak` (the marker),
/// `d`, `m`, `y` (day, month name, year), `nd`, `nm`, `ny` (numeric), `iy`, `im`, `id` (ISO),
/// `bare` (a year alone after `en`/`in`).
fn fr_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    RE.get_or_init(|| {
        let date = date_pattern(
            &format!(r"(?:le\s+)?(?P<d>1er|[0-3]?\d)\s+(?P<m>{FR_MONTHS})\s+(?P<y>{YEAR})"),
            &format!(
                r"(?:(?:la\s+)?(?:fin|début|mi-?)\s+(?:(?:de\s+l['’]année|d['’]année)\s+)?(?:de\s+|d['’])?|l['’]année\s+)?(?:(?P<m2>{FR_MONTHS})\s+)?(?P<y2>{YEAR})"
            ),
        );
        let pattern = format!(
            r"(?ix)\b(?:
                (?P<strong>d['’]ici(?:\s+à)?|jusqu['’](?:au|à\s+la|à|en)|au\s+plus\s+tard(?:\s+le)?|avant\s+la\s+fin\s+(?:de\s+|d['’])?)
              | (?P<weak>avant(?:\s+le)?)
            )\s+{date}
            | \b(?P<weakbare>en)\s+(?P<bare>{YEAR})"
        );
        Regex::new(&pattern).expect("valid regex")
    })
}

fn en_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    RE.get_or_init(|| {
        let date = date_pattern(
            &format!(
                r"(?:the\s+)?(?:(?P<m>{EN_MONTHS})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{YEAR})|(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m3>{EN_MONTHS}),?\s+(?P<y3>{YEAR}))"
            ),
            &format!(
                r"(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+year\s+)?|(?:early|mid|late)[\s-]+)?(?:(?P<m2>{EN_MONTHS}),?\s+)?(?P<y2>{YEAR})"
            ),
        );
        let pattern = format!(
            r"(?ix)\b(?:
                (?P<strong>until|till|through|thru|by|no\s+later\s+than|expires?(?:\s+on)?|deadline(?:\s+is|:)?)
              | (?P<weak>before)
            )\s+{date}
            | \b(?P<weakbare>in)\s+(?P<bare>{YEAR})"
        );
        Regex::new(&pattern).expect("valid regex")
    })
}

/// A date: a full day, a month or year (possibly `fin`/`end of`), numeric or ISO.
fn date_pattern(day: &str, month_or_year: &str) -> String {
    format!(
        r"(?:{day}|(?P<iy>{YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)|(?P<nd>[0-3]?\d)/(?P<nm>[01]?\d)/(?P<ny>{YEAR})|{month_or_year})"
    )
}

/// Passed dates in `s`. `lead`: the text just before `s` (the previous line), read for
/// context. `heading`: the text is a heading, where weak markers name cases
/// (« Titularisé avant 2013 ») rather than deadlines.
fn find(s: &str, lead: &str, lang: Lang, settings: &Settings, heading: bool) -> Vec<Found> {
    // Every pattern needs a year: most text has none, and a byte scan is far cheaper than
    // the regex's prefilter on markers as common as `in`, `en` or `by`.
    if !has_year(s) {
        return Vec::new();
    }
    let regexes: &[&Regex] = match lang {
        Lang::Fr => &[fr_regex()],
        Lang::En => &[en_regex()],
        Lang::Any => &[fr_regex(), en_regex()],
    };
    let mut out: Vec<Found> = Vec::new();
    for re in regexes {
        for caps in re.captures_iter(s) {
            let Some(whole) = caps.get(0) else { continue };
            let weak = caps.name("weak").is_some() || caps.name("weakbare").is_some();
            let before = if whole.start() < 60 {
                format!("{lead} {}", &s[..whole.start()])
            } else {
                s[..whole.start()].to_string()
            };
            if weak && (heading || historical_context(&before)) {
                continue;
            }
            if caps.name("weak").is_some() && condition_context(&before) {
                continue;
            }
            if !year_stands_alone(s, whole.end()) {
                continue;
            }
            let Some(end) = end_of(&caps, lang) else {
                continue;
            };
            // « jusqu'à 2000 » is an amount far more often than a year.
            if let Some(m) = caps.name("strong") {
                let date = s[m.end()..whole.end()].trim();
                if m.as_str().to_lowercase().ends_with('à')
                    && date.chars().all(|c| c.is_ascii_digit())
                {
                    continue;
                }
            }
            if !passed(end, weak, settings) {
                continue;
            }
            let range = whole.start()..whole.end();
            if out
                .iter()
                .any(|f| f.range.start < range.end && range.start < f.range.end)
            {
                continue;
            }
            out.push(Found { range, end });
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// The day a matched date ends (a year ends on 31 December, a month on its last day).
fn end_of(caps: &Captures, lang: Lang) -> Option<NaiveDate> {
    let num = |name: &str| {
        caps.name(name)
            .and_then(|m| m.as_str().trim_end_matches("er").parse::<u32>().ok())
    };
    let year = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let month = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
    if let Some(y) = year("y") {
        return day_or_month_end(y, month("m")?, num("d")?);
    }
    if let Some(y) = year("y3") {
        return day_or_month_end(y, month("m3")?, num("d3")?);
    }
    if let Some(y) = year("iy") {
        return NaiveDate::from_ymd_opt(y, num("im")?, num("id")?);
    }
    if let Some(y) = year("ny") {
        let (a, b) = (num("nd")?, num("nm")?);
        // 03/04/2021: day first in French; ambiguous elsewhere, so take the later reading.
        let dm = NaiveDate::from_ymd_opt(y, b, a);
        let md = NaiveDate::from_ymd_opt(y, a, b);
        let d = match lang {
            Lang::Fr => dm,
            _ => dm.max(md),
        };
        return d;
    }
    if let Some(y) = year("y2") {
        return match caps.name("m2") {
            Some(m) => month_end(y, month_number(m.as_str())?),
            None => NaiveDate::from_ymd_opt(y, 12, 31),
        };
    }
    NaiveDate::from_ymd_opt(year("bare")?, 12, 31)
}

fn day_or_month_end(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).or_else(|| month_end(y, m))
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    let key: String = n.chars().take(3).collect();
    Some(match key.as_str() {
        "jan" => 1,
        "fév" | "fev" | "feb" => 2,
        "mar" => 3,
        "avr" | "apr" => 4,
        "mai" | "may" => 5,
        "jui" if n.starts_with("juil") => 7,
        "jui" | "jun" => 6,
        "jul" => 7,
        "aoû" | "aou" | "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "déc" | "dec" => 12,
        _ => return None,
    })
}

/// The year is not part of a longer number, a range, an article number or an amount:
/// `2019-2020`, `2016-1088`, `2000,50`, `2000 €`, `2020 salariés`.
fn year_stands_alone(s: &str, end: usize) -> bool {
    let rest = &s[end..];
    let mut chars = rest.chars();
    match chars.next() {
        None => return true,
        Some(c) if c.is_alphanumeric() => return false,
        Some('-' | '–' | '/' | ',' | '.') if chars.next().is_some_and(|c| c.is_ascii_digit()) => {
            return false;
        }
        _ => {}
    }
    static UNIT: OnceLock<Regex> = OnceLock::new();
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    let unit = UNIT.get_or_init(|| {
        Regex::new(
            r"(?i)^[\s\u{a0}\u{202f}]*(?:€|\$|£|%|euros?\b|eur\b|usd\b|dollars?\b|h\b|heures?\b|hours?\b|jours?\b|days?\b|km\b|salariés?\b|employees?\b|personnes\b|people\b|[0-9])",
        )
        .expect("valid regex")
    });
    !unit.is_match(rest)
}

/// The words just before a weak marker say the date is history: a birth year, a
/// publication, a creation.
fn historical_context(before: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:née?s?(?:\(e\)s?)?|naissance|publiée?s?|parue?s?|créée?s?|fondée?s?|adoptée?s?|votée?s?|born|published|founded|created|established|discovered|identified|emerged|began|started|occurred|happened|introduced|launched)(?:\W|$)[^.;:]{0,40}$",
        )
        .expect("valid regex")
    });
    let start = before.len().saturating_sub(60);
    let start = (start..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    re.is_match(&before[start..])
}

/// A past participle just before `avant`/`before` makes the date a condition on when
/// something happened (« contrat signé avant le 1er janvier 2018 », "debts incurred before
/// February 15, 2020"), not a deadline — unless it is passive with `être`/`be`
/// (« doit être versée avant le… », "must be filed before…").
fn condition_context(before: &str) -> bool {
    let mut words = before
        .rsplit(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let Some(prev) = words.next() else {
        return false;
    };
    let prev = prev.to_lowercase();
    // Nouns in `-ité` (« indemnité », « société ») are far more common than participles.
    let participle = prev.chars().count() > 3
        && !prev.ends_with("ité")
        && !prev.ends_with("ités")
        && [
            "é", "ée", "és", "ées", "is", "ise", "ises", "u", "ue", "us", "ues", "ed",
        ]
        .iter()
        .any(|e| prev.ends_with(e));
    if !participle {
        return false;
    }
    let auxiliary = words.next().map(str::to_lowercase);
    !matches!(
        auxiliary.as_deref(),
        Some("être" | "soit" | "soient" | "sera" | "seront" | "be")
    )
}

/// True when the date ended before today (and long enough ago, and, after a weak marker,
/// recently enough not to be history).
fn passed(end: NaiveDate, weak: bool, s: &Settings) -> bool {
    if end >= s.today {
        return false;
    }
    let years_ago = s.today.year() - end.year();
    if s.min_years_ago > 0
        && end
            .with_year(end.year() + s.min_years_ago)
            .is_none_or(|d| d >= s.today)
    {
        return false;
    }
    !(weak && s.history_years > 0 && years_ago > s.history_years)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            min_years_ago: 0,
            history_years: 10,
        }
    }

    fn hits(s: &str, lang: Lang) -> Vec<String> {
        find(s, "", lang, &settings(), false)
            .into_iter()
            .map(|f| format!("{} {}", &s[f.range], f.end))
            .collect()
    }

    #[test]
    fn french_deadlines() {
        assert_eq!(
            hits("Le dispositif est prolongé d'ici 2020.", Lang::Fr),
            ["d'ici 2020 2020-12-31"]
        );
        assert_eq!(
            hits("Valable jusqu'au 31 mars 2021 inclus.", Lang::Fr),
            ["jusqu'au 31 mars 2021 2021-03-31"]
        );
        assert_eq!(
            hits("Réforme prévue d’ici fin 2022.", Lang::Fr),
            ["d’ici fin 2022 2022-12-31"]
        );
        assert_eq!(
            hits("Envoyez le dossier avant le 1er janvier 2021.", Lang::Fr),
            ["avant le 1er janvier 2021 2021-01-01"]
        );
        assert_eq!(
            hits("au plus tard le 1er mars 2020", Lang::Fr),
            ["au plus tard le 1er mars 2020 2020-03-01"]
        );
        assert_eq!(
            hits("jusqu'en 2019", Lang::Fr),
            ["jusqu'en 2019 2019-12-31"]
        );
        assert_eq!(
            hits("jusqu'à fin février 2021", Lang::Fr),
            ["jusqu'à fin février 2021 2021-02-28"]
        );
        assert_eq!(
            hits("Les heures effectuées en 2020 seront exonérées.", Lang::Fr),
            ["en 2020 2020-12-31"]
        );
        assert_eq!(
            hits("avant le 30/06/2020", Lang::Fr),
            ["avant le 30/06/2020 2020-06-30"]
        );
        assert_eq!(
            hits(
                "La prime doit être versée avant le 31 décembre 2020.",
                Lang::Fr
            ),
            ["avant le 31 décembre 2020 2020-12-31"]
        );
    }

    #[test]
    fn french_non_deadlines() {
        for s in [
            "À compter du 1er janvier 2020, la prime est versée.",
            "Depuis le 1er janvier 2018, les indépendants cotisent.",
            "Voir l'article L1234-5 du code du travail.",
            "loi n° 2016-1088 du 8 août 2016",
            "jusqu'à 2000 € par an",
            "jusqu'au 31 décembre 2026",
            "d'ici 2030",
            "Salarié né avant juillet 1956",
            "Naissance en 1953",
            "signé avant le 14 mai 2010",
            "les périodes accordées avant le 29 mars 2019 ne comptent pas",
            "un contrat conclu avant le 24 septembre 2017 continue",
            "en 2020-2021",
            "soit 3 428 € par mois",
        ] {
            assert!(hits(s, Lang::Fr).is_empty(), "{s}: {:?}", hits(s, Lang::Fr));
        }
        assert!(
            find(
                "avant le 1er janvier 2018 reste valable",
                "Un contrat signé\n",
                Lang::Fr,
                &settings(),
                false
            )
            .is_empty()
        );
        assert!(
            find("Titularisé avant 2020", "", Lang::Fr, &settings(), true).is_empty(),
            "weak marker in a heading"
        );
    }

    #[test]
    fn english_deadlines() {
        assert_eq!(
            hits("Offices are closed until March 2021.", Lang::En),
            ["until March 2021 2021-03-31"]
        );
        assert_eq!(
            hits("The rules changed in 2019.", Lang::En),
            ["in 2019 2019-12-31"]
        );
        assert_eq!(hits("Apply by 2020.", Lang::En), ["by 2020 2020-12-31"]);
        assert_eq!(
            hits("Benefits run through December 2021.", Lang::En),
            ["through December 2021 2021-12-31"]
        );
        assert_eq!(
            hits("File by July 15, 2020 or later", Lang::En),
            ["by July 15, 2020 2020-07-15"]
        );
        assert_eq!(
            hits("until the end of 2022", Lang::En),
            ["until the end of 2022 2022-12-31"]
        );
        assert_eq!(
            hits("no later than 15 June 2020", Lang::En),
            ["no later than 15 June 2020 2020-06-15"]
        );
        assert_eq!(
            hits("before 2020-05-31", Lang::En),
            ["before 2020-05-31 2020-05-31"]
        );
        assert_eq!(
            hits("It must be filed before June 1, 2020.", Lang::En),
            ["before June 1, 2020 2020-06-01"]
        );
    }

    #[test]
    fn english_non_deadlines() {
        for s in [
            "As of May 22, 2020, restrictions apply.",
            "since January 31, 2020",
            "on or after March 27, 2020",
            "the coronaviruses that caused SARS in 2003 and MERS in 2012",
            "in 2025",
            "until 2027",
            "by 2000 employees",
            "a study published in 2019",
            "in 2002-2003",
            "debt obligations incurred before February 15, 2020",
            "this happened with SARS in 2002-2003 and in 2018, when",
        ] {
            assert!(hits(s, Lang::En).is_empty(), "{s}: {:?}", hits(s, Lang::En));
        }
    }

    #[test]
    fn min_years_ago_and_month_ends() {
        let s = Settings {
            min_years_ago: 2,
            ..settings()
        };
        assert!(find("until March 2023", "", Lang::En, &s, false).is_empty());
        assert_eq!(find("until March 2022", "", Lang::En, &s, false).len(), 1);
        assert_eq!(month_end(2024, 2), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(month_end(2020, 12), NaiveDate::from_ymd_opt(2020, 12, 31));
        assert_eq!(
            day_or_month_end(2021, 2, 31),
            NaiveDate::from_ymd_opt(2021, 2, 28)
        );
        assert_eq!(month_number("juillet"), Some(7));
        assert_eq!(month_number("juin"), Some(6));
        assert_eq!(month_number("Sept."), Some(9));
    }
}
