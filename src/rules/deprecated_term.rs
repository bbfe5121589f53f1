//! `deprecated-term`: a term the config declares outdated (a product, an agency, a price)
//! still used in a title or an answer.

use std::ops::Range;

use regex::Regex;

use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::fix::yaml_edit;
use crate::source::yaml::Style;
use crate::source::{Entry, FileKind};

pub struct Rule;

/// One item of the `terms` option.
struct Term {
    term: String,
    replacement: Option<String>,
    locale: Option<String>,
    regex: Regex,
}

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let terms = terms(opts);
        if terms.is_empty() {
            return;
        }
        for entry in &ctx.corpus.entries {
            if ctx.corpus.file(entry.file).kind != FileKind::Entry {
                continue;
            }
            for term in &terms {
                if term
                    .locale
                    .as_deref()
                    .is_some_and(|l| entry.locale.as_deref() != Some(l))
                {
                    continue;
                }
                check(ctx, entry, term, sink);
            }
        }
    }
}

/// Reads `terms`, skipping items that are not `{ term, replacement?, locale? }` tables
/// of strings with a non-empty `term` (config type checking only sees "an array").
fn terms(opts: &Options) -> Vec<Term> {
    let Some(items) = opts.get("terms").and_then(toml::Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let t = item.as_table()?;
            if t.keys()
                .any(|k| !matches!(k.as_str(), "term" | "replacement" | "locale"))
            {
                return None;
            }
            let string = |k: &str| -> Result<Option<String>, ()> {
                match t.get(k) {
                    None => Ok(None),
                    Some(v) => v.as_str().map(|s| Some(s.trim().to_string())).ok_or(()),
                }
            };
            let term = string("term").ok()??;
            let replacement = string("replacement").ok()?.filter(|s| !s.is_empty());
            let locale = string("locale").ok()?.filter(|s| !s.is_empty());
            if term.is_empty() {
                return None;
            }
            let regex = Regex::new(&format!("(?i){}", regex::escape(&term))).ok()?;
            Some(Term {
                term,
                replacement,
                locale,
                regex,
            })
        })
        .collect()
}

fn check(ctx: &Context, entry: &Entry, term: &Term, sink: &mut Sink) {
    let text = ctx.corpus.text(entry.file);
    let message = format!("`{}` is a deprecated term", term.term);
    let help = match &term.replacement {
        Some(r) => format!("write `{r}` instead"),
        None => "rewrite the sentence without it, or check the answer is still right".to_string(),
    };
    if let Some(title) = &entry.title {
        let title_fix = term.replacement.as_ref().and_then(|r| {
            let plain = entry
                .title_style
                .is_some_and(|s| !matches!(s, Style::Literal | Style::Folded));
            if !plain {
                return None;
            }
            let value = replace_all(&title.value, &term.regex, r);
            (value != title.value).then(|| {
                Fix::new(
                    format!("replace with `{r}` in the title"),
                    Applicability::Unsafe,
                    vec![yaml_edit::replace_scalar(
                        entry.file,
                        text,
                        title.span.clone(),
                        &value,
                    )],
                )
            })
        });
        for m in matches(text, title.span.clone(), &term.regex) {
            sink.push(
                sink.diag(entry.file, m, message.clone())
                    .entry(&entry.id)
                    .help(help.clone())
                    .maybe_fix(title_fix.clone()),
            );
        }
    }
    for run in &entry.body.text_runs {
        for m in matches(text, run.clone(), &term.regex) {
            let fix = term.replacement.as_ref().map(|r| {
                Fix::new(
                    format!("replace with `{r}`"),
                    Applicability::Unsafe,
                    vec![Edit {
                        file: entry.file,
                        range: m.clone(),
                        replacement: r.clone(),
                    }],
                )
            });
            sink.push(
                sink.diag(entry.file, m, message.clone())
                    .entry(&entry.id)
                    .help(help.clone())
                    .maybe_fix(fix),
            );
        }
    }
}

/// Whole-word matches of `re` inside `text[span]`, as file ranges.
fn matches(text: &str, span: Range<usize>, re: &Regex) -> Vec<Range<usize>> {
    let Some(s) = text.get(span.clone()) else {
        return Vec::new();
    };
    re.find_iter(s)
        .filter(|m| whole_word(s, m.start(), m.end()))
        .map(|m| span.start + m.start()..span.start + m.end())
        .collect()
}

/// No letter or digit glued to either end of the match (when that end is itself one).
fn whole_word(s: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let m = &s[start..end];
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let glued_before = m.chars().next().is_some_and(word) && before.is_some_and(word);
    let glued_after = m.chars().next_back().is_some_and(word) && after.is_some_and(word);
    !glued_before && !glued_after
}

/// `s` with every whole-word match replaced.
fn replace_all(s: &str, re: &Regex, replacement: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for m in re.find_iter(s) {
        if whole_word(s, m.start(), m.end()) {
            out.push_str(&s[last..m.start()]);
            out.push_str(replacement);
            last = m.end();
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(t: &str) -> Regex {
        Regex::new(&format!("(?i){}", regex::escape(t))).unwrap()
    }

    #[test]
    fn whole_words_case_insensitive_accent_sensitive() {
        let text =
            "Inscrivez-vous à PÔLE EMPLOI ou à Pole emploi ; pôle emploi.fr ; Pôle emploient.";
        let found: Vec<&str> = matches(text, 0..text.len(), &re("Pôle emploi"))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["PÔLE EMPLOI", "pôle emploi"]);
        let t = "Use C++ or C++20";
        assert_eq!(
            matches(t, 0..t.len(), &re("C++")).len(),
            2,
            "edges that are not letters need no boundary"
        );
        assert_eq!(
            replace_all("Le RSA et le rsa", &re("RSA"), "revenu de solidarité"),
            "Le revenu de solidarité et le revenu de solidarité"
        );
    }

    #[test]
    fn malformed_items_are_skipped() {
        let opts: Options = Options {
            values: toml::from_str(
                r#"terms = [
                    { term = "Pôle emploi", replacement = "France Travail", locale = "fr" },
                    { term = "CHSCT" },
                    { term = 3 },
                    { replacement = "x" },
                    { term = "x", typo = "y" },
                    "bare string",
                    { term = "" },
                ]"#,
            )
            .unwrap(),
        };
        let t = terms(&opts);
        assert_eq!(
            t.iter().map(|t| t.term.as_str()).collect::<Vec<_>>(),
            ["Pôle emploi", "CHSCT"]
        );
        assert_eq!(t[0].replacement.as_deref(), Some("France Travail"));
        assert_eq!(t[0].locale.as_deref(), Some("fr"));
        assert_eq!(t[1].replacement, None);
    }
}
