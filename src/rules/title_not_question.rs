//! `title-not-question`: an entry title that is not phrased as a question (FR and EN).

use std::sync::OnceLock;

use regex::Regex;

use super::{Context, Lang, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::source::FileKind;
use crate::source::yaml::Style;

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        // A generated site whose titles are mostly not questions is documentation, not an
        // FAQ: the convention does not apply.
        if ctx.corpus.site.is_documentation() {
            return;
        }
        // Invalid patterns are skipped: a rule cannot report a config error.
        let exempt: Vec<Regex> = opts
            .str_list("exempt")
            .iter()
            .filter_map(|p| Regex::new(p).ok())
            .collect();
        let locales = opts.str_list("locales");
        for entry in &ctx.corpus.entries {
            if ctx.corpus.file(entry.file).kind != FileKind::Entry {
                continue;
            }
            let Some(title) = &entry.title else { continue };
            let value = title.value.as_str();
            if value.is_empty()
                || has_question_mark(value)
                || exempt.iter().any(|r| r.is_match(value))
            {
                continue;
            }
            let locale = entry.locale.as_deref();
            if !locales.is_empty() && !locale.is_some_and(|l| locales.iter().any(|x| x == l)) {
                continue;
            }
            let lang = Lang::of(locale);
            let text = ctx.corpus.text(entry.file);
            let block = entry
                .title_style
                .is_some_and(|s| matches!(s, Style::Literal | Style::Folded));
            let diag = sink
                .diag(entry.file, title.span.clone(), "title is not a question")
                .entry(&entry.id);
            let diag = match question_start(value, lang) {
                Some(fr) if !block => {
                    let fixed = add_question_mark(value, fr);
                    diag.help("end the question with a question mark")
                        .fix(Fix::new(
                            format!("add `?`: `{fixed}`"),
                            Applicability::Unsafe,
                            vec![yaml_edit::replace_scalar(
                                entry.file,
                                text,
                                title.span.clone(),
                                &fixed,
                            )],
                        ))
                }
                Some(_) => diag.help("end the question with a question mark"),
                None => diag.help(match lang {
                    Lang::Fr => {
                        "rephrase the title as the question customers ask, e.g. `Comment … ?`"
                    }
                    _ => "rephrase the title as the question customers ask, e.g. `How do I …?`",
                }),
            };
            sink.push(diag);
        }
    }
}

/// A `?` (ASCII or full-width) anywhere: `Congés : comment faire ? (salariés)` is a question.
fn has_question_mark(title: &str) -> bool {
    title.contains(['?', '？'])
}

/// `Some(true)` when the title starts like a French question, `Some(false)` like an English
/// one, `None` when it reads as a statement.
fn question_start(title: &str, lang: Lang) -> Option<bool> {
    static FR: OnceLock<Regex> = OnceLock::new();
    static FR_INVERSION: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    let fr = FR.get_or_init(|| {
        Regex::new(
            r"(?ix)^[\s«“„\x22'¿]*(?:
                comment | pourquoi | quand | combien | où
              | quel(?:le)?s? | lequel | laquelle | lesquel(?:le)?s
              | qui | que | quoi | qu['’]
              | est-ce | peut-on | puis-je | dois-je | faut-il | a-t-on | y\s+a-t-il | existe-t-il
              | (?:à|a|de|dans|en|par|pour|sur|avec|chez|jusqu['’]à)\s+(?:qui|quoi|quel(?:le)?s?|combien|quand|où)
            )\b",
        )
        .expect("valid regex")
    });
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    let fr_inversion = FR_INVERSION.get_or_init(|| {
        // Verb-subject inversion: `doit-il`, `peut-on`, `a-t-elle`, `pouvez-vous`.
        Regex::new(r"(?i)\b\w+-(?:t-)?(?:il|elle|ils|elles|on|je|vous|nous|tu)\b")
            .expect("valid regex")
    });
    #[expect(clippy::expect_used, reason = "constant pattern, covered by tests")]
    let en = EN.get_or_init(|| {
        Regex::new(
            r"(?ix)^[\s“\x22']*(?:
                how | what | why | when | where | who | whom | whose | which
              | can | could | do | does | did | is | are | was | were
              | should | will | would | has | have
              | isn['’]t | aren['’]t | don['’]t | doesn['’]t | can['’]t | won['’]t | shouldn['’]t
            )\b",
        )
        .expect("valid regex")
    });
    let lower = title.to_lowercase();
    let fr_match = || fr.is_match(title) || first_words_hold_inversion(&lower, fr_inversion);
    // `How to reset…` is a how-to heading, not a question: rephrasing is for a human.
    let en_match = || en.is_match(title) && !lower.trim_start().starts_with("how to ");
    match lang {
        Lang::Fr => fr_match().then_some(true),
        Lang::En => en_match().then_some(false),
        Lang::Any => {
            if fr_match() {
                Some(true)
            } else {
                en_match().then_some(false)
            }
        }
    }
}

/// The inversion must sit in the first five words: `Un salarié doit-il…`, not a compound
/// noun at the end of a statement.
fn first_words_hold_inversion(lower: &str, inversion: &Regex) -> bool {
    lower.split_whitespace().take(5).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        inversion.is_match(w)
            && !matches!(w, "rendez-vous" | "vous-même" | "nous-même" | "peut-être")
    })
}

/// Appends `?` (French: ` ?`), replacing a final `.`, `:` or `!`.
fn add_question_mark(title: &str, french: bool) -> String {
    let base = title
        .trim_end()
        .trim_end_matches(['.', ':', ';', '!', '…'])
        .trim_end();
    if french {
        format!("{base} ?")
    } else {
        format!("{base}?")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_questions_without_mark() {
        for t in [
            "Comment poser un congé",
            "Pourquoi mon salaire a-t-il baissé",
            "Quelle est la durée du préavis",
            "Qu'est-ce qu'un CDD",
            "Qu’est-ce que la mutuelle",
            "Où envoyer mon arrêt de travail",
            "Combien de jours de congés",
            "Est-ce que je peux refuser",
            "Peut-on travailler le dimanche",
            "Faut-il prévenir son employeur",
            "Y a-t-il un délai",
            "Un salarié doit-il récupérer les heures perdues",
            "L'employeur peut-il refuser un congé",
            "À qui s'adresser",
            "« Comment faire",
        ] {
            assert_eq!(question_start(t, Lang::Fr), Some(true), "{t}");
        }
    }

    #[test]
    fn french_statements() {
        for t in [
            "Durée du travail d'un salarié à temps plein",
            "Congé de maternité dans le secteur privé",
            "Prendre rendez-vous avec un conseiller",
            "Heures d'équivalence dans le secteur privé",
        ] {
            assert_eq!(question_start(t, Lang::Fr), None, "{t}");
        }
    }

    #[test]
    fn english_questions_and_statements() {
        for t in [
            "How do I reset my password",
            "What is COVID-19",
            "Can I travel",
            "Should I wear a mask",
            "Is it safe",
        ] {
            assert_eq!(question_start(t, Lang::En), Some(false), "{t}");
        }
        for t in [
            "How to reset your password",
            "Password reset",
            "Travel restrictions",
            "Isolation guidelines",
        ] {
            assert_eq!(question_start(t, Lang::En), None, "{t}");
        }
    }

    #[test]
    fn marks_and_fixes() {
        assert!(has_question_mark("Comment faire ?"));
        assert!(has_question_mark("Comment faire\u{a0}?"));
        assert!(has_question_mark("Comment faire\u{202f}?"));
        assert!(has_question_mark("How？"));
        assert!(!has_question_mark("Comment faire"));
        assert_eq!(add_question_mark("Comment faire", true), "Comment faire ?");
        assert_eq!(add_question_mark("How do I pay.", false), "How do I pay?");
        assert_eq!(
            add_question_mark("Qui contacter :", true),
            "Qui contacter ?"
        );
    }

    #[test]
    fn unknown_locale_tries_both() {
        assert_eq!(question_start("Comment payer", Lang::Any), Some(true));
        assert_eq!(question_start("How do I pay", Lang::Any), Some(false));
        assert_eq!(question_start("Tarifs", Lang::Any), None);
    }
}
