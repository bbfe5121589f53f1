//! PII redaction: personal data typed into a search box is replaced by a typed placeholder
//! before the query is stored, printed or sent anywhere.
//!
//! | kind | placeholder | recognised when |
//! | --- | --- | --- |
//! | e-mail address | `<email>` | `local@domain.tld` (letters, digits, `._%+-` in the local part) |
//! | IBAN | `<iban>` | country code, 2 check digits, then letters/digits (grouped by 4 or not), the country's length when known (FR 27, DE 22…), **mod-97 checked** |
//! | French social-security number (NIR) | `<nir>` | 15 characters: sex 1/2 (3, 4, 7, 8 for provisional numbers), year, month 01–12/20–42/50–99, department (`2A`/`2B` for Corsica), commune, order, and **key = 97 − (number mod 97)** |
//! | card number | `<card>` | 13–19 digits, first digit 2–6 (Visa, Mastercard, Amex, Discover…), **Luhn checked**; a 14-digit number written after `siret` is a SIRET, kept |
//! | phone number | `<phone>` | French national `0X XX XX XX XX` (10 digits, any of space, `.`, `-` between groups or none), `+33`/`0033` then 9 digits, or any international number starting with `+`/`00`: 8 to 15 digits (E.164) |
//!
//! Numbers are read as runs of digit groups separated by one space, `.`, `-` or no-break
//! space; a match covers whole groups, never part of one, so years (`2024`), amounts
//! (`1 500 euros`), article numbers (`L1234-5`, `article 1226-2`) and postcodes (`75001`)
//! stay. The checks (mod-97, Luhn, NIR key) keep random long numbers (order numbers,
//! references) out, one time in ten (Luhn) or ninety-seven (mod 97) aside.
//!
//! Only strings holding a digit or an `@` are examined at all.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::PiiKind;

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}._%+\-]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+\p{L}{2,}")
        .ok()
});

/// The query with personal data replaced by placeholders, and what was replaced (one
/// kind per replaced value, in order of the kinds' checks).
pub fn redact(query: &str) -> (String, Vec<PiiKind>) {
    let mut found = Vec::new();
    let text = redact_cow(query, &mut found).into_owned();
    (text, found)
}

/// [`redact`] without a copy when nothing is found; pushes each replaced kind to `found`.
pub fn redact_cow<'a>(query: &'a str, found: &mut Vec<PiiKind>) -> Cow<'a, str> {
    let bytes = query.as_bytes();
    let has_at = bytes.contains(&b'@');
    if !has_at && !bytes.iter().any(u8::is_ascii_digit) {
        return Cow::Borrowed(query);
    }
    let mut text = Cow::Borrowed(query);
    if has_at && let Some(re) = EMAIL.as_ref() {
        let spans: Vec<(Range<usize>, PiiKind)> = re
            .find_iter(&text)
            .map(|m| (m.range(), PiiKind::Email))
            .collect();
        text = apply(text, &spans, found);
    }
    // Numbers need MIN_NUMBER_DIGITS digits in all, an IBAN a word starting with two
    // letters and two digits: most queries with a digit (a year, an amount) have neither,
    // and skip the word-by-word passes.
    let b = text.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let iban = b.windows(4).any(|w| {
        w[0].is_ascii_alphabetic()
            && w[1].is_ascii_alphabetic()
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    });
    if iban {
        let spans = ibans(&text, &words(&text));
        text = apply(text, &spans, found);
    }
    if digits < MIN_NUMBER_DIGITS {
        return text;
    }
    let spans = numbers(&text, &words(&text));
    apply(text, &spans, found)
}

/// The fewest digits a number redacted by [`numbers`] holds: an international phone number
/// (`+` then 8 digits); the others hold more (national phone 10, card 13, NIR 13 and `2A`).
const MIN_NUMBER_DIGITS: usize = 8;

/// Replaces the (sorted, disjoint) spans by their placeholders.
fn apply<'a>(
    text: Cow<'a, str>,
    spans: &[(Range<usize>, PiiKind)],
    found: &mut Vec<PiiKind>,
) -> Cow<'a, str> {
    if spans.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, kind) in spans {
        out.push_str(&text[last..range.start]);
        out.push_str(kind.placeholder());
        found.push(*kind);
        last = range.end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// Maximal runs of letters and digits, as byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// IBAN lengths of the countries whose customers most likely type one here.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
];

fn iban_start(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b.iter().all(u8::is_ascii_alphanumeric)
}

/// Mod-97 check of an IBAN (spaces removed).
pub(crate) fn iban_valid(iban: &str) -> bool {
    let b = iban.as_bytes();
    if !(15..=34).contains(&b.len()) || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let country = iban[..2].to_ascii_uppercase();
    if let Some((_, len)) = IBAN_LENGTHS.iter().find(|(c, _)| *c == country)
        && b.len() != *len
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            _ => u32::from(c.to_ascii_uppercase() - b'A') + 10,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn ibans(text: &str, words: &[Range<usize>]) -> Vec<(Range<usize>, PiiKind)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !iban_start(&text[words[i].clone()]) {
            i += 1;
            continue;
        }
        // Chunks: the first word, then short words after exactly one space or dash.
        let mut end = i + 1;
        let mut len = words[i].len();
        while end < words.len() && len < 34 {
            let gap = &text[words[end - 1].end..words[end].start];
            let w = &text[words[end].clone()];
            if !matches!(gap, " " | "-") || w.len() > 4 || !w.is_ascii() {
                break;
            }
            len += w.len();
            end += 1;
        }
        let mut hit = None;
        for j in (i + 1..=end).rev() {
            let compact: String = words[i..j].iter().map(|r| &text[r.clone()]).collect();
            if iban_valid(&compact) {
                hit = Some(j);
                break;
            }
        }
        match hit {
            Some(j) => {
                spans.push((words[i].start..words[j - 1].end, PiiKind::Iban));
                i = j;
            }
            None => i += 1,
        }
    }
    spans
}

fn is_separator(gap: &str) -> bool {
    matches!(gap, " " | "." | "-" | "\u{a0}" | "\u{202f}")
}

/// A word that can be part of a number: digits, or digits with one Corsican `2A`/`2B`.
fn numeric_word(word: &str) -> bool {
    let b = word.as_bytes();
    let mut letters = 0;
    for (k, c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            continue;
        }
        if matches!(c, b'A' | b'B' | b'a' | b'b') && k > 0 && b[k - 1] == b'2' {
            letters += 1;
        } else {
            return false;
        }
    }
    letters <= 1 && b.first().is_some_and(u8::is_ascii_digit)
}

/// Luhn checksum.
pub(crate) fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (k, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if k % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// A French social-security number (NIR), 15 characters, key checked.
pub(crate) fn nir_valid(nir: &str) -> bool {
    let b = nir.as_bytes();
    if b.len() != 15 || !matches!(b[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    let dept = nir[5..7].to_ascii_uppercase();
    let corsica = match dept.as_str() {
        "2A" => Some("19"),
        "2B" => Some("18"),
        _ => None,
    };
    let digits_ok = |r: Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !digits_ok(0..5) || !digits_ok(7..15) || (corsica.is_none() && !digits_ok(5..7)) {
        return false;
    }
    let month = (b[3] - b'0') * 10 + (b[4] - b'0');
    if !matches!(month, 1..=12 | 20..=42 | 50..=99) {
        return false;
    }
    let body = match corsica {
        Some(n) => format!("{}{n}{}", &nir[..5], &nir[7..13]),
        None => nir[..13].to_string(),
    };
    let (Ok(n), Ok(key)) = (body.parse::<u64>(), nir[13..].parse::<u64>()) else {
        return false;
    };
    key == 97 - n % 97
}

fn card_valid(digits: &str, siret_before: bool) -> bool {
    let b = digits.as_bytes();
    (13..=19).contains(&b.len())
        && b.iter().all(u8::is_ascii_digit)
        && matches!(b[0], b'2'..=b'6')
        && !(siret_before && b.len() == 14)
        && luhn_valid(digits)
}

fn phone_valid(digits: &str, plus: bool) -> bool {
    let b = digits.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if plus {
        if digits.starts_with("33") {
            return b.len() == 11 && b[2] != b'0';
        }
        return (8..=15).contains(&b.len()) && b[0] != b'0';
    }
    if let Some(rest) = digits.strip_prefix("00") {
        if rest.starts_with("33") {
            return rest.len() == 11 && rest.as_bytes()[2] != b'0';
        }
        return (8..=15).contains(&rest.len()) && !rest.starts_with('0');
    }
    b.len() == 10 && b[0] == b'0' && b[1] != b'0'
}

/// Whether the text before `at` ends with the word `siret` (and spaces, `:`, `n°`).
fn siret_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || c == ':');
    let before = before
        .strip_suffix("n°")
        .map_or(before, |b| b.trim_end_matches(char::is_whitespace));
    before.len() >= 5
        && before.is_char_boundary(before.len() - 5)
        && before[before.len() - 5..].eq_ignore_ascii_case("siret")
}

/// NIRs, card numbers and phone numbers among runs of digit groups.
fn numbers(text: &str, words: &[Range<usize>]) -> Vec<(Range<usize>, PiiKind)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !numeric_word(&text[words[i].clone()]) {
            i += 1;
            continue;
        }
        // The run: numeric words joined by one separator, at most 24 groups.
        let mut end = i + 1;
        while end < words.len()
            && end - i < 24
            && is_separator(&text[words[end - 1].end..words[end].start])
            && numeric_word(&text[words[end].clone()])
        {
            end += 1;
        }
        let mut k = i;
        while k < end {
            match match_at(text, words, k, end) {
                Some((j, kind, start)) => {
                    spans.push((start..words[j - 1].end, kind));
                    k = j;
                }
                None => k += 1,
            }
        }
        i = end;
    }
    spans
}

/// The longest redactable number starting at group `k` of a run ending at `end`: its end
/// group, kind and start byte (the `+` of a phone number included).
fn match_at(
    text: &str,
    words: &[Range<usize>],
    k: usize,
    end: usize,
) -> Option<(usize, PiiKind, usize)> {
    let start = words[k].start;
    let plus = text[..start].ends_with('+')
        && !text[..start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let siret = siret_before(text, start);
    let mut compact = String::new();
    let mut lens = Vec::new();
    for w in &words[k..end] {
        compact.push_str(&text[w.clone()]);
        lens.push(compact.len());
        if compact.len() > 19 {
            break;
        }
    }
    for (n, &len) in lens.iter().enumerate().rev() {
        let candidate = &compact[..len];
        let j = k + n + 1;
        if nir_valid(candidate) {
            return Some((j, PiiKind::Nir, start));
        }
        if card_valid(candidate, siret) {
            return Some((j, PiiKind::Card, start));
        }
        if phone_valid(candidate, plus) {
            return Some((j, PiiKind::Phone, if plus { start - 1 } else { start }));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regexes_compile() {
        assert!(EMAIL.is_some());
    }

    #[test]
    fn checksums() {
        assert!(luhn_valid("4111111111111111"));
        assert!(!luhn_valid("4111111111111112"));
        assert!(iban_valid("FR7630006000011234567890189"));
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(!iban_valid("FR7630006000011234567890188"));
        assert!(nir_valid("185057800608491"));
        assert!(nir_valid("185052A00608435"));
        assert!(nir_valid("185052b00608462"));
        assert!(!nir_valid("185057800608492"));
        assert!(!nir_valid("185137800608491"), "month 13");
    }

    #[test]
    fn nothing_to_do_borrows() {
        let mut found = Vec::new();
        assert!(matches!(
            redact_cow("congés payés", &mut found),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            redact_cow("smic 2024", &mut found),
            Cow::Borrowed(_)
        ));
        assert!(found.is_empty());
    }

    #[test]
    fn the_digit_count_precheck_keeps_the_shortest_numbers() {
        // The shortest numbers redacted: an international phone number of 8 digits, and
        // IBANs with few digits in all; one digit fewer is left alone.
        assert_eq!(redact("appeler +4912345678").0, "appeler <phone>");
        assert_eq!(redact("appeler +49 1234 5678").0, "appeler <phone>");
        assert_eq!(redact("appeler +4912345").0, "appeler +4912345");
        assert_eq!(
            redact("virement GB82 WEST 1234 5698 7654 32").0,
            "virement <iban>"
        );
        assert_eq!(redact("NO9386011117947").0, "<iban>");
        assert_eq!(
            redact("article L1234-5 du code 2024").0,
            "article L1234-5 du code 2024"
        );
    }
}
