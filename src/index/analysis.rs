//! Text analysis per locale: what a good site search does to French and English.
//!
//! Every analyzer splits words (letters and digits, an apostrophe inside a word kept), drops
//! tokens over 64 bytes and lowercases. French then strips elisions (`l'`, `d'`, `qu'`,
//! `jusqu'`… with straight or curly apostrophes), drops stop words and stems (Snowball French);
//! English drops stop words and stems (Snowball English); both fold accents last (`é` → `e`).
//! Other locales lowercase and fold only: no stop words, no stemming.
//!
//! Folding comes *after* stemming: the French Snowball stemmer keys on accented endings
//! (`-ées`, `-és`, `-é`), so folding first stems `payées` to `paye` but `payés` to `pay`.
//! Stemming first, every form of an accented word meets (`payé`, `payés`, `payées` → `pay`),
//! and unaccented queries still meet them for most words (`conges` → `cong`, like `congés`).
//! Stop words are matched with and without accents (`même` and `meme`, `où` and `ou`). `été` is
//! not a stop word: it is also the summer.

use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The analyzer a locale gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Analyzer {
    French,
    English,
    /// Any other locale, or none: lowercase and folding only.
    Other,
}

impl Analyzer {
    pub const ALL: [Analyzer; 3] = [Analyzer::French, Analyzer::English, Analyzer::Other];

    /// `fr`, `fr-CA`, `fr_BE` → French; `en…` → English; anything else → Other.
    pub fn for_locale(locale: Option<&str>) -> Analyzer {
        let Some(locale) = locale else {
            return Analyzer::Other;
        };
        let lang = locale
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "fr" | "fre" | "fra" | "french" => Analyzer::French,
            "en" | "eng" | "english" => Analyzer::English,
            _ => Analyzer::Other,
        }
    }

    /// The name it is registered under in the index, also the suffix of its fields.
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::French => "fr",
            Analyzer::English => "en",
            Analyzer::Other => "other",
        }
    }

    /// A fresh tantivy analyzer (cheap: clones a prebuilt one). Each clone keeps its own
    /// cache of analysed words (`Memoized`).
    pub fn text_analyzer(self) -> TextAnalyzer {
        TextAnalyzer::from(Memoized {
            chain: self.chain(),
            cache: HashMap::default(),
            word: String::new(),
            token: Token::default(),
        })
    }

    /// The filter chain, word by word (no cache).
    fn chain(self) -> TextAnalyzer {
        match self {
            Analyzer::French => FRENCH.clone(),
            Analyzer::English => ENGLISH.clone(),
            Analyzer::Other => OTHER.clone(),
        }
    }
}

/// The analysed tokens of `text` as the index sees them for an entry of `locale`.
pub fn analyze(locale: Option<&str>, text: &str) -> Vec<String> {
    analyze_with(Analyzer::for_locale(locale), text)
}

/// The analysed tokens of `text` with one analyzer.
pub fn analyze_with(analyzer: Analyzer, text: &str) -> Vec<String> {
    let mut a = analyzer.text_analyzer();
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// The analysed tokens with the byte range of the word each comes from (for highlighting).
pub fn analyze_spans(analyzer: Analyzer, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut a = analyzer.text_analyzer();
    let mut stream = a.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.text.clone(), t.offset_from..t.offset_to));
    }
    out
}

static FRENCH: LazyLock<TextAnalyzer> = LazyLock::new(|| {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(Elision {
            prefixes: FRENCH_ELISIONS,
        })
        .filter(stop_words(FRENCH_STOP_WORDS))
        .filter(Stemmer::new(Language::French))
        .filter(AsciiFoldingFilter)
        .build()
});

static ENGLISH: LazyLock<TextAnalyzer> = LazyLock::new(|| {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(stop_words(ENGLISH_STOP_WORDS))
        .filter(Stemmer::new(Language::English))
        .filter(AsciiFoldingFilter)
        .build()
});

/// A stop word filter matching each word as written and with its accents removed.
fn stop_words(words: &[&str]) -> StopWordFilter {
    let mut all: Vec<String> = Vec::with_capacity(words.len() * 2);
    for w in words {
        all.push((*w).to_string());
        let folded = fold(w);
        if folded != *w {
            all.push(folded);
        }
    }
    StopWordFilter::remove(all)
}

/// Removes accents (canonical decomposition without combining marks).
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

static OTHER: LazyLock<TextAnalyzer> = LazyLock::new(|| {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
});

/// Elided articles and pronouns (lowercase).
const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The Snowball French list without `été` (summer), plus FAQ question words.
const FRENCH_STOP_WORDS: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "ils", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon",
    "ne", "nos", "notre", "nous", "on", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "sa",
    "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre",
    "vous", "c", "d", "j", "l", "à", "m", "n", "s", "t", "y", "étée", "étées", "étés", "étant",
    "étante", "étants", "étantes", "suis", "es", "est", "sommes", "êtes", "sont", "serai", "seras",
    "sera", "serons", "serez", "seront", "serais", "serait", "serions", "seriez", "seraient",
    "étais", "était", "étions", "étiez", "étaient", "fus", "fut", "fûmes", "fûtes", "furent",
    "sois", "soit", "soyons", "soyez", "soient", "fusse", "fusses", "fût", "fussions", "fussiez",
    "fussent", "ayant", "ayante", "ayantes", "ayants", "eu", "eue", "eues", "eus", "ai", "as",
    "avons", "avez", "ont", "aurai", "auras", "aura", "aurons", "aurez", "auront", "aurais",
    "aurait", "aurions", "auriez", "auraient", "avais", "avait", "avions", "aviez", "avaient",
    "eut", "eûmes", "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse",
    "eusses", "eût", "eussions", "eussiez", "eussent", "a", "comment", "quel", "quelle", "quels",
    "quelles",
];

/// Lucene's English list plus pronouns, auxiliaries, contractions and FAQ question words.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "i", "me", "my", "we", "our", "you", "your", "he",
    "she", "his", "her", "its", "them", "what", "which", "who", "whom", "why", "when", "where",
    "do", "does", "did", "can", "how", "am", "been", "being", "have", "has", "had", "were",
    "would", "should", "could", "from", "so", "than", "too", "very", "i'm", "i've", "i'll", "i'd",
    "it's", "don't", "doesn't", "can't", "what's", "you're", "we're",
];

/// Splits text into words: runs of letters and digits, keeping an apostrophe (`'`, `’`, `ʼ`)
/// between two of them, written as `'`.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordTokenStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

/// The next word of `text` at or after `pos`: its byte range, its text written into `out`
/// (apostrophes as `'`).
fn next_word(text: &str, pos: usize, out: &mut String) -> Option<(usize, usize)> {
    out.clear();
    let rest = &text[pos..];
    let (start_rel, _) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?;
    let start = pos + start_rel;
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            out.push(c);
            end = start + i + c.len_utf8();
        } else if is_apostrophe(c) && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric()) {
            out.push('\'');
        } else {
            break;
        }
    }
    Some((start, end))
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.position = self.token.position.wrapping_add(1);
        let Some((start, end)) = next_word(self.text, self.pos, &mut self.token.text) else {
            self.pos = self.text.len();
            return false;
        };
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.pos = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Words analysed at most once: every filter of the chain (long-token removal, lowercasing,
/// elision, stop words, stemming, folding) looks at one word alone, so a word always gives
/// the same token, and a cache of word → token (or nothing, for a stop word) spares the
/// stemmer the words a corpus repeats. Same tokens and positions as the chain itself.
#[derive(Clone)]
pub struct Memoized {
    chain: TextAnalyzer,
    cache: HashMap<String, Option<String>>,
    word: String,
    token: Token,
}

/// Words cached per analyzer clone before the cache starts over.
const MEMO_CAP: usize = 1 << 20;

pub struct MemoizedStream<'a> {
    text: &'a str,
    pos: usize,
    memo: &'a mut Memoized,
}

impl Tokenizer for Memoized {
    type TokenStream<'a> = MemoizedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MemoizedStream<'a> {
        self.token.reset();
        MemoizedStream {
            text,
            pos: 0,
            memo: self,
        }
    }
}

impl TokenStream for MemoizedStream<'_> {
    fn advance(&mut self) -> bool {
        let m = &mut *self.memo;
        loop {
            m.token.position = m.token.position.wrapping_add(1);
            let Some((start, end)) = next_word(self.text, self.pos, &mut m.word) else {
                self.pos = self.text.len();
                return false;
            };
            self.pos = end;
            let analysed = match m.cache.get(m.word.as_str()) {
                Some(a) => a.as_deref(),
                None => {
                    let mut stream = m.chain.token_stream(&m.word);
                    let a = stream.advance().then(|| stream.token().text.clone());
                    if m.cache.len() >= MEMO_CAP {
                        m.cache.clear();
                    }
                    m.cache.entry(m.word.clone()).or_insert(a).as_deref()
                }
            };
            if let Some(a) = analysed {
                m.token.text.clear();
                m.token.text.push_str(a);
                m.token.offset_from = start;
                m.token.offset_to = end;
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        &self.memo.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.memo.token
    }
}

/// Strips an elided article or pronoun (`l'`, `qu'`…) from the start of a token.
/// Runs after lowercasing and folding, so prefixes are plain ASCII.
#[derive(Clone)]
pub struct Elision {
    prefixes: &'static [&'static str],
}

impl TokenFilter for Elision {
    type Tokenizer<T: Tokenizer> = ElisionFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ElisionFilter<T> {
        ElisionFilter {
            inner: tokenizer,
            prefixes: self.prefixes,
        }
    }
}

#[derive(Clone)]
pub struct ElisionFilter<T> {
    inner: T,
    prefixes: &'static [&'static str],
}

impl<T: Tokenizer> Tokenizer for ElisionFilter<T> {
    type TokenStream<'a> = ElisionStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ElisionStream {
            tail: self.inner.token_stream(text),
            prefixes: self.prefixes,
        }
    }
}

pub struct ElisionStream<T> {
    tail: T,
    prefixes: &'static [&'static str],
}

impl<T: TokenStream> TokenStream for ElisionStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some((head, _)) = token.text.split_once('\'')
            && self.prefixes.contains(&head)
        {
            let cut = head.len() + 1;
            token.text.drain(..cut);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_pick_their_analyzer() {
        assert_eq!(Analyzer::for_locale(Some("fr")), Analyzer::French);
        assert_eq!(Analyzer::for_locale(Some("fr-CA")), Analyzer::French);
        assert_eq!(Analyzer::for_locale(Some("en_GB")), Analyzer::English);
        assert_eq!(Analyzer::for_locale(Some("de")), Analyzer::Other);
        assert_eq!(Analyzer::for_locale(None), Analyzer::Other);
    }

    #[test]
    fn curly_and_straight_apostrophes_elide_alike() {
        assert_eq!(
            analyze(Some("fr"), "l’employeur"),
            analyze(Some("fr"), "l'employeur")
        );
        assert_eq!(analyze(Some("fr"), "jusqu’au"), Vec::<String>::new());
    }

    #[test]
    fn offsets_cover_the_whole_word() {
        let spans = analyze_spans(Analyzer::French, "Les congés d'été");
        let words: Vec<_> = spans
            .iter()
            .map(|(_, r)| &"Les congés d'été"[r.clone()])
            .collect();
        assert_eq!(words, ["congés", "d'été"]);
    }

    #[test]
    fn other_locales_fold_but_do_not_stem() {
        assert_eq!(analyze(Some("de"), "Die Häuser"), ["die", "hauser"]);
    }

    #[test]
    fn a_trailing_apostrophe_is_not_part_of_the_word() {
        assert_eq!(analyze(None, "employees' rights"), ["employees", "rights"]);
    }
}
