//! Text normalisation for near-duplicate detection, per locale: lowercase, French elisions
//! (`l'`, `d'`, `qu'`…) dropped, stop words dropped, Snowball stemming (`frostem`,
//! the stemmer tantivy uses), then accent folding (after stemming: the French stemmer
//! reads accents).

use frostem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::rules::Lang;

/// Elided French articles and pronouns written before an apostrophe.
const FR_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

const FR_STOP: &[&str] = &[
    "a", "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs",
    "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "où",
    "par", "pas", "pour", "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "sa", "se",
    "ses", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "y", "être", "avoir", "ai", "as", "ont", "été", "comment", "est-ce", "estce",
    "puis", "peut", "peuvent", "faut", "fait", "si", "dois", "doit", "je", "quoi",
];

const EN_STOP: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "me",
    "my",
    "of",
    "on",
    "or",
    "our",
    "she",
    "should",
    "so",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "may",
    "might",
    "must",
    "shall",
    "any",
    "some",
    "there",
    "about",
    "get",
    "got",
    "s",
    "t",
    // The rest of the Snowball English list (negations kept: `not` changes a question).
    "am",
    "other",
    "more",
    "most",
    "out",
    "after",
    "while",
    "again",
    "further",
    "once",
    "here",
    "both",
    "each",
    "few",
    "only",
    "own",
    "same",
    "over",
    "under",
    "up",
    "down",
    "during",
    "before",
    "above",
    "below",
    "between",
    "through",
    "off",
    "just",
    "also",
    "too",
    "very",
    "don",
    "doesn",
    "isn",
    "aren",
    "anyone",
    "someone",
    "somebody",
    "anybody",
    "anything",
    "something",
];

/// English words the stemmer leaves apart that mean one thing in a question: irregular
/// plurals and a few everyday equivalents. General English, not any one FAQ's vocabulary.
const EN_SAME: &[(&str, &str)] = &[
    ("children", "child"),
    ("kid", "child"),
    ("kids", "child"),
    ("women", "woman"),
    ("men", "man"),
    ("people", "person"),
    ("persons", "person"),
    ("feet", "foot"),
    ("teeth", "tooth"),
];

/// Abbreviations and their long forms, matched on the text as written (case-sensitive for
/// the short forms: `US` is the country, `us` the pronoun), rewritten to one token.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("United States of America", " usa "),
    ("United States", " usa "),
    ("U.S.A.", " usa "),
    ("U.S.", " usa "),
    ("USA", " usa "),
    ("US", " usa "),
    ("United Kingdom", " uk "),
    ("U.K.", " uk "),
    ("UK", " uk "),
    ("e-mail", "email"),
    ("E-mail", "email"),
];

/// The analyzer of one locale.
pub struct Analyzer {
    lang: Lang,
    fr: Stemmer,
    en: Stemmer,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Analyzer {
        Analyzer {
            lang,
            fr: Stemmer::new(Algorithm::French),
            en: Stemmer::new(Algorithm::English),
        }
    }

    /// The analyzer of a locale code (`fr`, `en-GB`…); an unknown locale uses the English
    /// stemmer and both stop-word lists.
    pub fn for_locale(locale: Option<&str>) -> Analyzer {
        Analyzer::new(Lang::of(locale))
    }

    /// The content tokens of `text`, in order (repeats kept).
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let lower = if self.lang == Lang::Fr {
            text.to_lowercase()
        } else {
            expand_abbreviations(text).to_lowercase()
        };
        for word in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            for (i, part) in word.split(['\'', '’']).enumerate() {
                if part.is_empty() {
                    continue;
                }
                // `l'employeur`: the part before the apostrophe is an elision in French.
                let is_last = word.split(['\'', '’']).count() == i + 1;
                if !is_last && self.lang != Lang::En && FR_ELISIONS.contains(&part) {
                    continue;
                }
                if self.is_stop(part) {
                    continue;
                }
                let part = match self.lang {
                    Lang::Fr => part,
                    _ => EN_SAME
                        .iter()
                        .find(|(w, _)| *w == part)
                        .map_or(part, |(_, same)| same),
                };
                out.push(fold(&self.stem(part)));
            }
        }
        out
    }

    fn is_stop(&self, w: &str) -> bool {
        match self.lang {
            Lang::Fr => FR_STOP.contains(&w),
            Lang::En => EN_STOP.contains(&w),
            Lang::Any => FR_STOP.contains(&w) || EN_STOP.contains(&w),
        }
    }

    fn stem(&self, w: &str) -> String {
        if w.chars().any(|c| c.is_ascii_digit()) {
            return w.to_string();
        }
        match self.lang {
            Lang::Fr => self.fr.stem(w).into_owned(),
            _ => self.en.stem(w).into_owned(),
        }
    }
}

/// `text` with the abbreviations of [`ABBREVIATIONS`] written as one token, each matched
/// as a whole word.
fn expand_abbreviations(text: &str) -> std::borrow::Cow<'_, str> {
    if !ABBREVIATIONS.iter().any(|(a, _)| text.contains(a)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut s = text.to_string();
    for (short, long) in ABBREVIATIONS {
        let mut from = 0;
        while let Some(at) = s[from..].find(short).map(|i| i + from) {
            let end = at + short.len();
            let before = s[..at].chars().next_back();
            let after = s[end..].chars().next();
            let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            // `U.S.` ends with a dot: the next character only has to end the word.
            if word_edge(before) && word_edge(after) {
                s.replace_range(at..end, long);
                from = at + long.len();
            } else {
                from = end;
            }
        }
    }
    std::borrow::Cow::Owned(s)
}

/// Accent folding: `é` → `e`, `œ` → `oe`.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_elisions_stop_words_stems_and_accents() {
        let a = Analyzer::new(Lang::Fr);
        assert_eq!(
            a.tokens("Comment l'employeur établit-il le solde de tout compte ?"),
            ["employeur", "etabl", "sold", "tout", "compt"]
        );
        // Plural and singular meet; accents fold after stemming.
        assert_eq!(a.tokens("Congés payés"), a.tokens("congé payé"));
        assert_eq!(
            a.tokens("qu’est-ce qu’un CDD d’insertion"),
            ["cdd", "insert"]
        );
    }

    #[test]
    fn english_stop_words_and_stems() {
        let a = Analyzer::new(Lang::En);
        assert_eq!(a.tokens("How does the virus spread?"), ["virus", "spread"]);
        assert_eq!(
            a.tokens("In which ways is the virus spreading?"),
            ["way", "virus", "spread"]
        );
        assert_eq!(a.tokens("COVID-19 vaccines"), ["covid", "19", "vaccin"]);
    }

    #[test]
    fn abbreviations_and_irregular_plurals_meet_their_long_forms() {
        let a = Analyzer::new(Lang::En);
        assert_eq!(
            a.tokens("Has anyone in the United States been infected?"),
            a.tokens("Has anyone in the US been infected?")
        );
        assert_eq!(
            a.tokens("cases in the U.S. today"),
            ["case", "usa", "today"]
        );
        // `us` the pronoun stays a stop word; `USB` is not `US`.
        assert_eq!(a.tokens("Can you help us?"), ["help"]);
        assert_eq!(a.tokens("USB stick"), ["usb", "stick"]);
        assert_eq!(
            a.tokens("Are children at risk?"),
            a.tokens("Are kids at risk?")
        );
        assert_eq!(a.tokens("pregnant women"), a.tokens("a pregnant woman"));
    }

    #[test]
    fn fold_removes_accents() {
        assert_eq!(fold("éàç œuvre"), "eac oeuvre");
    }
}
