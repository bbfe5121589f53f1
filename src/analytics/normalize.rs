//! Query normalisation: the aggregation key of a search.
//!
//! [`normalize_query`] lower-cases, folds accents (compatibility decomposition without
//! combining marks: `é` → `e`, `ﬁ` → `fi`, `²` → `2`; `œ` → `oe`, `æ` → `ae`, `ß` → `ss`),
//! turns every character that is not a letter or a digit into a space, collapses runs of
//! spaces and trims. Two exceptions:
//!
//! - an apostrophe (`'`, `’`, `ʼ`) *between two letters or digits* is kept, written `'`:
//!   `L’employeur` → `l'employeur`, as `crate::index`'s word tokenizer reads it (the French
//!   analyzer then drops the elided `l'`, the English one keeps `don't` whole). Elsewhere an
//!   apostrophe is punctuation: `l' employeur` → `l employeur`.
//! - the placeholders of redaction (`<email>`, `<phone>`, `<iban>`, `<card>`, `<nir>`) are
//!   kept as words, so a normalised query still says what was removed.
//!
//! Pure ASCII input (most queries) takes a fast path that allocates once.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::PiiKind;

const PLACEHOLDERS: [PiiKind; 5] = [
    PiiKind::Email,
    PiiKind::Phone,
    PiiKind::Iban,
    PiiKind::Card,
    PiiKind::Nir,
];

/// The normalised form of a query (see the module documentation). Redact first:
/// [`super::redact`] output goes in, placeholders survive.
pub fn normalize_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    normalize_into(query, &mut out);
    out
}

/// [`normalize_query`] into a reused buffer (cleared first).
pub fn normalize_into(query: &str, out: &mut String) {
    out.clear();
    let mut w = Writer { out, space: false };
    if query.is_ascii() {
        ascii(query, &mut w);
    } else {
        unicode(query, &mut w);
    }
}

struct Writer<'a> {
    out: &'a mut String,
    /// A separator is pending: written before the next word character.
    space: bool,
}

impl Writer<'_> {
    #[inline]
    fn word_char(&mut self, c: char) {
        if self.space {
            if !self.out.is_empty() {
                self.out.push(' ');
            }
            self.space = false;
        }
        self.out.push(c);
    }

    #[inline]
    fn separator(&mut self) {
        self.space = true;
    }

    fn placeholder(&mut self, p: &str) {
        self.separator();
        let mut chars = p.chars();
        if let Some(c) = chars.next() {
            self.word_char(c);
        }
        self.out.push_str(chars.as_str());
        self.separator();
    }

    /// True when the last character written is a word character (no separator pending).
    fn after_word(&self) -> bool {
        !self.space
            && self
                .out
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
    }
}

/// The placeholder `rest` starts with, if any.
fn placeholder_at(rest: &str) -> Option<&'static str> {
    if !rest.starts_with('<') {
        return None;
    }
    PLACEHOLDERS
        .iter()
        .map(|k| k.placeholder())
        .find(|p| rest.starts_with(p))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn ascii(query: &str, w: &mut Writer<'_>) {
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            w.word_char(b.to_ascii_lowercase() as char);
        } else if b == b'\''
            && w.after_word()
            && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
        {
            w.out.push('\'');
        } else if b == b'<'
            && let Some(p) = placeholder_at(&query[i..])
        {
            w.placeholder(p);
            i += p.len();
            continue;
        } else {
            w.separator();
        }
        i += 1;
    }
}

/// Whether the character after an apostrophe starts a word.
fn starts_word(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        let mut word = false;
        decompose_compatible(c, |d| word |= d.is_alphanumeric());
        word
    })
}

fn unicode(query: &str, w: &mut Writer<'_>) {
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '<'
            && let Some(p) = placeholder_at(&query[i..])
        {
            w.placeholder(p);
            // Skip the rest of the placeholder (ASCII, one char per byte).
            for _ in 1..p.len() {
                chars.next();
            }
            continue;
        }
        if is_apostrophe(c) {
            if w.after_word() && starts_word(chars.peek().map(|&(_, n)| n)) {
                w.out.push('\'');
            } else {
                w.separator();
            }
            continue;
        }
        match c {
            'œ' | 'Œ' => push_str(w, "oe"),
            'æ' | 'Æ' => push_str(w, "ae"),
            'ß' | 'ẞ' => push_str(w, "ss"),
            c if c.is_ascii() => {
                if c.is_ascii_alphanumeric() {
                    w.word_char(c.to_ascii_lowercase());
                } else {
                    w.separator();
                }
            }
            c => match latin1_base(c) {
                Some(base) => w.word_char(base),
                None => decompose_compatible(c, |d| {
                    if is_combining_mark(d) {
                        // Accents go; a mark alone (no base letter) is no separator either.
                    } else if d.is_alphanumeric() {
                        for l in d.to_lowercase() {
                            w.word_char(l);
                        }
                    } else {
                        w.separator();
                    }
                }),
            },
        }
    }
}

/// The accented letters of Latin-1 (French, Spanish, German…: most non-ASCII letters of
/// a query), folded without a lookup in the decomposition tables: the lower-case base
/// letter, as decomposing and dropping the marks gives.
fn latin1_base(c: char) -> Option<char> {
    Some(match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    })
}

fn push_str(w: &mut Writer<'_>, s: &str) {
    for c in s.chars() {
        w.word_char(c);
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_query as n;

    #[test]
    fn case_accents_whitespace_punctuation() {
        assert_eq!(n("  Congés   PAYÉS "), "conges payes");
        assert_eq!(n("Rupture conventionnelle ?"), "rupture conventionnelle");
        assert_eq!(n("peut-il être renouvelé ?!"), "peut il etre renouvele");
        assert_eq!(n("CDD\t/\tCDI"), "cdd cdi");
        assert_eq!(n("cœur Æsop straße"), "coeur aesop strasse");
        assert_eq!(n("ﬁche n°2 m²"), "fiche n 2 m2");
        assert_eq!(n("13ème mois"), "13eme mois");
        assert_eq!(n("ÇA"), "ca");
        assert_eq!(n(""), "");
        assert_eq!(n(" ?! "), "");
    }

    #[test]
    fn apostrophes_between_letters_are_kept_straight() {
        assert_eq!(n("L'employeur"), "l'employeur");
        assert_eq!(n("L’employeur"), "l'employeur");
        assert_eq!(n("lʼemployeur"), "l'employeur");
        assert_eq!(n("l' employeur"), "l employeur");
        assert_eq!(n("l ’employeur"), "l employeur");
        assert_eq!(n("'quoted'"), "quoted");
        assert_eq!(n("don't"), "don't");
        assert_eq!(n("d’État"), "d'etat");
        assert_eq!(n("aujourd'hui"), "aujourd'hui");
    }

    #[test]
    fn placeholders_survive_as_words() {
        assert_eq!(n("écrire à <email> svp"), "ecrire a <email> svp");
        assert_eq!(n("Appeler<phone>"), "appeler <phone>");
        assert_eq!(n("<iban>,<card>"), "<iban> <card>");
        assert_eq!(n("<nir>"), "<nir>");
        assert_eq!(n("a < b > c <other>"), "a b c other");
    }

    #[test]
    fn latin1_letters_fold_as_their_decomposition() {
        for c in '\u{a0}'..='\u{17f}' {
            let Some(base) = super::latin1_base(c) else {
                continue;
            };
            let mut folded = String::new();
            super::decompose_compatible(c, |d| {
                if !super::is_combining_mark(d) {
                    folded.extend(d.to_lowercase());
                }
            });
            assert_eq!(folded, base.to_string(), "{c:?}");
        }
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for s in [
            "Hello, World!",
            "l'a",
            "x <email> y",
            "  a--b  ",
            "it's 'ok'",
        ] {
            let padded = format!("{s} é");
            let mut expected = n(s);
            if !expected.is_empty() {
                expected.push(' ');
            }
            expected.push('e');
            assert_eq!(n(&padded), expected, "{s:?}");
        }
    }
}
