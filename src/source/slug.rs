//! Heading anchors the way each site generator computes them: the slug of a heading's text
//! and the rule that makes repeated slugs unique.
//!
//! Each function follows the generator's own code, cited on it. What text a generator feeds
//! its slugger (rendered text, raw source, last line only…) is chosen by
//! [`super::markdown`]; this module only turns that text into ids.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use unicode_normalization::UnicodeNormalization;

use super::markdown::SlugStyle;

/// The slug of one heading's text, before the generator makes it unique.
pub fn slugify(style: SlugStyle, text: &str) -> String {
    match style {
        SlugStyle::GitHub => github(text),
        SlugStyle::Hugo => hugo(text),
        SlugStyle::KramdownGfm => kramdown_gfm(text),
        SlugStyle::Kramdown => kramdown(text),
        SlugStyle::PythonMarkdown => python_markdown(text),
        SlugStyle::Markdig => markdig(text),
    }
}

/// The ids of one page, given in heading order: remembers what was given so that repeated
/// headings get the generator's suffixes.
#[derive(Debug, Clone)]
pub struct Slugger {
    style: SlugStyle,
    /// github-slugger's `occurrences`; kramdown's `@used_ids` / `@id_counter` (count of a
    /// base slug, 0 for its first use).
    counts: HashMap<String, usize>,
    /// Every id given or reserved (Hugo, Python-Markdown, Markdig).
    taken: HashSet<String>,
}

impl Slugger {
    pub fn new(style: SlugStyle) -> Slugger {
        Slugger {
            style,
            counts: HashMap::default(),
            taken: HashSet::default(),
        }
    }

    /// Marks an explicit id (`{#id}`) as used, where the generator does so: Hugo registers
    /// them in document order (goldmark `pc.IDs().Put`), Python-Markdown's `toc` collects
    /// every id of the page before naming any heading. The others ignore explicit ids when
    /// numbering (Docusaurus, kramdown, Markdig), so this does nothing for them.
    pub fn reserve(&mut self, id: &str) {
        if matches!(self.style, SlugStyle::Hugo | SlugStyle::PythonMarkdown) {
            self.taken.insert(id.to_string());
        }
    }

    /// The id of the next heading whose slug input is `text`; empty when the generator
    /// gives the heading no id.
    pub fn anchor(&mut self, text: &str) -> String {
        match self.style {
            SlugStyle::GitHub => self.github_unique(github(text)),
            SlugStyle::Hugo => {
                // Hugo only asks for an id when the heading has text; a slug that comes out
                // empty becomes `heading` (markup/goldmark/autoid.go, `idFactory.Generate`).
                if text.is_empty() {
                    return String::new();
                }
                let base = hugo(text);
                let base = if base.is_empty() {
                    "heading".to_string()
                } else {
                    base
                };
                self.probe_unique(base)
            }
            SlugStyle::KramdownGfm => {
                // kramdown-parser-gfm `generate_gfm_header_id`: `@id_counter = Hash.new(-1)`
                // counts base slugs only, so `a`, `a`, `a-1` give `a`, `a-1`, `a-1`.
                let base = kramdown_gfm(text);
                let n = self.bump(&base);
                if n > 0 { format!("{base}-{n}") } else { base }
            }
            SlugStyle::Kramdown => {
                // kramdown `Converter::Base#generate_id`: empty becomes `section`; the
                // counter is per base slug, like the GFM parser's.
                let base = kramdown(text);
                let base = if base.is_empty() {
                    "section".to_string()
                } else {
                    base
                };
                let n = self.bump(&base);
                if n > 0 { format!("{base}-{n}") } else { base }
            }
            SlugStyle::PythonMarkdown => self.python_unique(python_markdown(text)),
            SlugStyle::Markdig => {
                // Markdig `AutoIdentifierExtension`: empty becomes `section`, then `-1`,
                // `-2`… until the id is new.
                let base = markdig(text);
                let base = if base.is_empty() {
                    "section".to_string()
                } else {
                    base
                };
                self.probe_unique(base)
            }
        }
    }

    /// Counts one more use of `base`; 0 for the first.
    fn bump(&mut self, base: &str) -> usize {
        match self.counts.get_mut(base) {
            Some(n) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.insert(base.to_string(), 0);
                0
            }
        }
    }

    /// github-slugger 2.0 `BananaSlug#slug`:
    /// `while (own.call(occurrences, result)) { occurrences[originalSlug]++; result =
    /// originalSlug + '-' + occurrences[originalSlug] }; occurrences[result] = 0`.
    fn github_unique(&mut self, base: String) -> String {
        let mut result = base.clone();
        while self.counts.contains_key(&result) {
            let n = self.counts.entry(base.clone()).or_insert(0);
            *n += 1;
            result = format!("{base}-{n}");
        }
        self.counts.insert(result.clone(), 0);
        result
    }

    /// `base`, else `base-1`, `base-2`… the first not yet taken (Hugo `idFactory.Generate`,
    /// Markdig `HeadingBlock_ProcessInlinesEnd`).
    fn probe_unique(&mut self, base: String) -> String {
        let mut result = base.clone();
        let mut i = 0usize;
        while self.taken.contains(&result) {
            i += 1;
            result = format!("{base}-{i}");
        }
        self.taken.insert(result.clone());
        result
    }

    /// Python-Markdown `toc.unique`: `while id in ids or not id:` append `_1`, or increment
    /// a trailing `_N` (`IDCOUNT_RE = ^(.*)_([0-9]+)$`).
    fn python_unique(&mut self, mut id: String) -> String {
        while id.is_empty() || self.taken.contains(&id) {
            id = match id.rsplit_once('_') {
                Some((stem, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                    let next = n.parse::<u128>().map_or(1, |v| v.saturating_add(1));
                    format!("{stem}_{next}")
                }
                _ => format!("{id}_1"),
            };
        }
        self.taken.insert(id.clone());
        id
    }
}

/// What github-slugger removes (`regex.js`, generated by `script/generate-regex.mjs`): the
/// general categories Other_Number, Open/Close/Initial/Final/Other/Dash_Punctuation,
/// Symbol, Control, Private_Use, Format, Unassigned and Separator, minus Alphabetic code
/// points, the space and `-`. Letters, marks, decimal and letter numbers and connector
/// punctuation (`_`) stay.
static GITHUB_REMOVE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"[[\p{No}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Pd}\p{S}\p{Cc}\p{Co}\p{Cf}\p{Cn}\p{Z}]--[\p{Alphabetic} \-]]",
    )
    .ok()
});

/// A letter (any `L` category) or a decimal digit: Go's `unicode.IsLetter || IsDigit`
/// and .NET's `char.IsLetterOrDigit`.
static LETTER_OR_DIGIT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{Nd}]$").ok());

/// Not a word character, `-`, space or tab: kramdown-parser-gfm's
/// `NON_WORD_RE = /[^\p{Word}\- \t]/` (Onigmo's `\p{Word}` is Unicode's `\w`: Alphabetic,
/// marks, decimal numbers, connector punctuation, join controls, as in the regex crate).
static KRAMDOWN_NON_WORD: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[^\w\- \t]").ok());

fn letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let mut buf = [0u8; 4];
    LETTER_OR_DIGIT
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// github-slugger 2.0 `slug(value)` (Flet/github-slugger `index.js`), used by Docusaurus:
/// `value.toLowerCase().replace(regex, '').replace(/ /g, '-')`. No trimming, no collapsing:
/// `a  b` gives `a--b`. Keeps Unicode letters: `Congés payés` gives `congés-payés`.
fn github(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        return lower
            .bytes()
            .filter_map(|b| match b {
                b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => Some(char::from(b)),
                b' ' => Some('-'),
                _ => None,
            })
            .collect();
    }
    match GITHUB_REMOVE.as_ref() {
        Some(re) => re.replace_all(&lower, "").replace(' ', "-"),
        None => lower
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                '-' | '_' => Some(c),
                c if c.is_alphanumeric() => Some(c),
                _ => None,
            })
            .collect(),
    }
}

/// Hugo's goldmark `autoHeadingIDType = "github"` (gohugoio/hugo
/// `markup/goldmark/autoid.go`, `sanitizeAnchorNameWithHook`): `-`, space and tab become
/// `-`; `_`, letters and decimal digits are kept, lower-cased; everything else is dropped.
fn hugo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '-' | ' ' | '\t' => out.push('-'),
            '_' => out.push('_'),
            c if letter_or_digit(c) => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// kramdown-parser-gfm `generate_gfm_header_id` (Jekyll's default, `kramdown.input: GFM`):
/// `text.downcase`, `gsub!(NON_WORD_RE, '')`, `tr!(" \t", '-')`. Unicode letters stay.
fn kramdown_gfm(text: &str) -> String {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    let kept = if lower.is_ascii() {
        lower
            .bytes()
            .filter(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b' ' | b'\t'))
            .map(char::from)
            .collect()
    } else {
        match KRAMDOWN_NON_WORD.as_ref() {
            Some(re) => re.replace_all(&lower, "").into_owned(),
            None => lower
                .chars()
                .filter(|&c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '\t'))
                .collect(),
        }
    };
    kept.replace([' ', '\t'], "-")
}

/// kramdown `Converter::Base#basic_generate_id` (gettalong/kramdown
/// `lib/kramdown/converter/base.rb`), for `kramdown.input: kramdown`: drop leading
/// non-letters (`gsub(/^[^a-zA-Z]+/, '')`), delete all but ASCII letters, digits, space and
/// `-` (`tr!('^a-zA-Z0-9 -', '')`), spaces to `-`, lower-case. ASCII only: `Congés` gives
/// `congs`.
fn kramdown(text: &str) -> String {
    let start = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    text[start..]
        .bytes()
        .filter_map(|b| match b {
            b'A'..=b'Z' => Some(char::from(b.to_ascii_lowercase())),
            b'a'..=b'z' | b'0'..=b'9' | b'-' => Some(char::from(b)),
            b' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// Python's `\s` in the ASCII range (what is left after Python-Markdown drops non-ASCII).
fn py_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

/// Python-Markdown `toc` default `slugify(value, '-')` (Python-Markdown/markdown
/// `markdown/extensions/toc.py`), MkDocs' default: NFKD, drop non-ASCII, remove
/// `[^\w\s-]`, strip, lower-case, `[-\s]+` to `-`. `Congés payés` gives `conges-payes`.
fn python_markdown(text: &str) -> String {
    let ascii: Vec<u8> = text
        .nfkd()
        .filter(char::is_ascii)
        .map(|c| c as u8)
        .filter(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || py_space(b))
        .collect();
    let start = ascii
        .iter()
        .position(|&b| !py_space(b))
        .unwrap_or(ascii.len());
    let end = ascii
        .iter()
        .rposition(|&b| !py_space(b))
        .map_or(start, |i| i + 1);
    let mut out = String::with_capacity(end.saturating_sub(start));
    let mut in_sep = false;
    for &b in ascii.get(start..end).unwrap_or_default() {
        if b == b'-' || py_space(b) {
            if !in_sep {
                out.push('-');
            }
            in_sep = true;
        } else {
            out.push(char::from(b.to_ascii_lowercase()));
            in_sep = false;
        }
    }
    out
}

/// Markdig `LinkHelper.UrilizeAsGfm` (xoofx/markdig `src/Markdig/Helpers/LinkHelper.cs`),
/// used by `AutoIdentifierOptions.GitHub`, DocFX's default: keep `char.IsLetterOrDigit`,
/// space (as `-`), `-` and `_`, lower-cased. .NET strings are UTF-16, so characters
/// outside the BMP (emoji, some CJK) are surrogate pairs and dropped.
fn markdig(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' => out.push('-'),
            '-' | '_' => out.push(c),
            c if u32::from(c) > 0xFFFF => {}
            c if letter_or_digit(c) => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(style: SlugStyle, texts: &[&str]) -> Vec<String> {
        let mut s = Slugger::new(style);
        texts.iter().map(|t| s.anchor(t)).collect()
    }

    #[test]
    fn regexes_compile() {
        assert!(GITHUB_REMOVE.is_some());
        assert!(LETTER_OR_DIGIT.is_some());
        assert!(KRAMDOWN_NON_WORD.is_some());
    }

    #[test]
    fn issue_configure_sync_options_github() {
        let a = slugify(SlugStyle::GitHub, "Configure Sync Options");
        assert_eq!(a, "configure-sync-options");
        assert_ne!(a, "configured-sync-options");
    }

    #[test]
    fn french_accents_per_generator() {
        let t = "Congés payés";
        assert_eq!(slugify(SlugStyle::GitHub, t), "congés-payés");
        assert_eq!(slugify(SlugStyle::Hugo, t), "congés-payés");
        assert_eq!(slugify(SlugStyle::KramdownGfm, t), "congés-payés");
        assert_eq!(slugify(SlugStyle::Kramdown, t), "congs-pays");
        assert_eq!(slugify(SlugStyle::PythonMarkdown, t), "conges-payes");
        assert_eq!(slugify(SlugStyle::Markdig, t), "congés-payés");
    }

    /// github-slugger's own fixtures (`test/fixtures.json`).
    #[test]
    fn github_slugger_fixtures() {
        let g = |t| slugify(SlugStyle::GitHub, t);
        assert_eq!(g("Hello World"), "hello-world");
        assert_eq!(g("foo \u{a0}bar"), "foo-bar");
        assert_eq!(g("I ♥ unicode"), "i--unicode");
        assert_eq!(g("Some.dots.and_underscores"), "somedotsand_underscores");
        assert_eq!(g("  leading and trailing  "), "--leading-and-trailing--");
        assert_eq!(g("What's new in 2.0?"), "whats-new-in-20");
        assert_eq!(g("Привет non-latin 你好"), "привет-non-latin-你好");
        assert_eq!(g("Emoji 😄 here"), "emoji--here");
        assert_eq!(g("x²"), "x");
    }

    #[test]
    fn github_duplicates_like_github_slugger() {
        assert_eq!(
            anchors(SlugStyle::GitHub, &["Foo", "Foo", "Foo-1", "Foo"]),
            ["foo", "foo-1", "foo-1-1", "foo-2"]
        );
    }

    #[test]
    fn hugo_rules() {
        let h = |t| slugify(SlugStyle::Hugo, t);
        assert_eq!(h("Hello\tWorld"), "hello-world");
        assert_eq!(h("x²"), "x");
        assert_eq!(h("Émile & Zoé"), "émile--zoé");
        assert_eq!(
            anchors(SlugStyle::Hugo, &["!!!", "", "A", "a"]),
            ["heading", "", "a", "a-1"]
        );
    }

    /// kramdown-parser-gfm `test/testcases/header_ids.{text,html}`.
    #[test]
    fn kramdown_gfm_fixtures() {
        assert_eq!(
            anchors(
                SlugStyle::KramdownGfm,
                &[
                    "variable_name",
                    "abc def öúß",
                    "192 abc 192",
                    ";.;;",
                    "variable_name",
                    "variable_name",
                    ";;",
                    "before \tafter tab",
                    "with code",
                ]
            ),
            [
                "variable_name",
                "abc-def-öúß",
                "192-abc-192",
                "",
                "variable_name-1",
                "variable_name-2",
                "-1",
                "before--after-tab",
                "with-code",
            ]
        );
    }

    #[test]
    fn kramdown_basic_generate_id() {
        let k = |t| slugify(SlugStyle::Kramdown, t);
        assert_eq!(k("1. Introduction"), "introduction");
        assert_eq!(k("The Header"), "the-header");
        assert_eq!(k("with `code`"), "with-code");
        assert_eq!(
            anchors(SlugStyle::Kramdown, &["123", "A b", "a B"]),
            ["section", "a-b", "a-b-1"]
        );
    }

    #[test]
    fn python_markdown_slugify_and_unique() {
        let p = |t| slugify(SlugStyle::PythonMarkdown, t);
        assert_eq!(p("Header 1 -- the   end!"), "header-1-the-end");
        assert_eq!(p(" Žlutý kůň "), "zluty-kun");
        assert_eq!(p("C'est l'été"), "cest-lete");
        assert_eq!(
            anchors(
                SlugStyle::PythonMarkdown,
                &["Intro", "Intro", "Intro", "!!", "!!"]
            ),
            ["intro", "intro_1", "intro_2", "_1", "_2"]
        );
        let mut s = Slugger::new(SlugStyle::PythonMarkdown);
        s.reserve("intro");
        assert_eq!(s.anchor("Intro"), "intro_1");
    }

    /// DocFX's `AutoIdentifierTest_DocfxDefault` (dotnet/docfx).
    #[test]
    fn markdig_github_mode() {
        assert_eq!(
            slugify(
                SlugStyle::Markdig,
                "This - is a &@! heading _ with . and ! -"
            ),
            "this---is-a--heading-_-with--and---"
        );
        assert_eq!(slugify(SlugStyle::Markdig, "Emoji 😄 here"), "emoji--here");
        assert_eq!(
            anchors(SlugStyle::Markdig, &["?", "A", "A"]),
            ["section", "a", "a-1"]
        );
    }
}
