//! Rules: each is a file in this folder, registered in [`registry`]. Rules never do I/O
//! and never print: they read the corpus and push diagnostics into a [`Sink`].

pub mod registry;

mod broken_link;
mod dangling_related;
mod deprecated_tag;
mod deprecated_term;
mod duplicate_answer;
mod duplicate_id;
mod duplicate_question;
mod duplicate_tag;
mod duplicates;
mod empty_answer;
mod empty_category;
mod expired_entry;
mod id_index;
mod invalid_encoding;
mod invalid_field_type;
mod invalid_front_matter;
mod invalid_nav;
mod invalid_taxonomy;
mod low_rated_entry;
mod missing_required_field;
mod missing_tags;
mod missing_translation;
mod nav_missing_entry;
mod orphan_entry;
mod overlong_answer;
mod oversized_file;
mod past_date_in_text;
mod redirected_link;
mod review_overdue;
mod single_use_tag;
mod synonym_tag;
mod title_not_question;
mod too_many_tags;
mod unknown_rule_in_suppression;
mod unknown_tag;
mod unlinked_translation;
mod unresolved_link;
mod unused_suppression;
mod zero_result_query;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::{BuildError, Diagnostic, DiagnosticBuilder, Severity};
use crate::source::{Corpus, Entry};

/// Everything a rule may read.
pub struct Context<'a> {
    pub corpus: &'a Corpus,
    pub config: &'a Config,
    /// "Today", pinned by `--today` for reproducible results.
    pub today: NaiveDate,
    /// Search analytics loaded by the CLI (`[analytics]`, `mine --searches`): the `search`
    /// rules read them; `None` leaves those rules silent.
    pub analytics: Option<&'a crate::mine::MineInput>,
}

/// A rule. Implement `check_entry` for per-entry rules (run in parallel) and/or
/// `check_corpus` for rules that need the whole repo.
pub trait Rule: Send + Sync {
    fn check_entry(&self, _ctx: &Context, _opts: &Options, _entry: &Entry, _sink: &mut Sink) {}
    fn check_corpus(&self, _ctx: &Context, _opts: &Options, _sink: &mut Sink) {}
}

/// A rule's options: its defaults from `rules/<id>.toml`, overridden by the config.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub values: toml::Table,
}

impl Options {
    pub fn get(&self, key: &str) -> Option<&toml::Value> {
        self.values.get(key)
    }

    pub fn int(&self, key: &str) -> i64 {
        self.get(key)
            .and_then(toml::Value::as_integer)
            .unwrap_or_default()
    }

    pub fn bool(&self, key: &str) -> bool {
        self.get(key)
            .and_then(toml::Value::as_bool)
            .unwrap_or_default()
    }

    pub fn str(&self, key: &str) -> &str {
        self.get(key)
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
    }

    pub fn str_list(&self, key: &str) -> Vec<String> {
        self.get(key)
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn table(&self, key: &str) -> Option<&toml::Table> {
        self.get(key).and_then(toml::Value::as_table)
    }
}

/// Collects one rule's diagnostics, building (and so checking) each one.
pub struct Sink<'a> {
    rule: &'static str,
    severity: Severity,
    corpus: &'a Corpus,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) errors: Vec<BuildError>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(rule: &'static str, severity: Severity, corpus: &'a Corpus) -> Sink<'a> {
        Sink {
            rule,
            severity,
            corpus,
            diagnostics: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The id of the rule this sink collects for.
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// Starts a diagnostic of this rule.
    pub fn diag(
        &self,
        file: crate::source::FileId,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> DiagnosticBuilder {
        Diagnostic::builder(self.rule, file, span, message).severity(self.severity)
    }

    pub fn push(&mut self, builder: DiagnosticBuilder) {
        let corpus = self.corpus;
        match builder.build(|f| corpus.text(f)) {
            Ok(d) => self.diagnostics.push(d),
            Err(e) => self.errors.push(e),
        }
    }
}

/// The safe fix of a tag the taxonomy maps to `target` (a synonym's canonical tag, a
/// deprecated tag's replacement): replace it, or drop it when `target` is already listed.
pub(crate) fn retag_fix(
    entry: &Entry,
    text: &str,
    tag: &crate::source::Item,
    target: &str,
) -> Option<crate::diagnostic::Fix> {
    use crate::diagnostic::{Applicability, Fix};
    use crate::fix::yaml_edit;
    if entry.tags.iter().any(|t| t.value == target) {
        yaml_edit::remove_seq_item(entry, text, tag.span.clone()).map(|edit| {
            Fix::new(
                format!("remove `{}` (`{target}` is already listed)", tag.value),
                Applicability::Safe,
                vec![edit],
            )
        })
    } else {
        Some(Fix::new(
            format!("replace `{}` with `{target}`", tag.value),
            Applicability::Safe,
            vec![yaml_edit::replace_scalar(
                entry.file,
                text,
                tag.span.clone(),
                target,
            )],
        ))
    }
}

/// The language a locale's text is in, for the FR/EN word lists of some rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
    /// Unknown locale: both word lists apply.
    Any,
}

impl Lang {
    pub fn of(locale: Option<&str>) -> Lang {
        match locale.map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase()) {
            Some(l) if l == "fr" => Lang::Fr,
            Some(l) if l == "en" => Lang::En,
            _ => Lang::Any,
        }
    }
}

/// Edit distance suggestion: the closest candidate within a third of the word's length.
/// Whitespace runs (line breaks included) collapsed to one space: a message is one line.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link destination as shown in a one-line message: whitespace runs collapsed, long
/// ones cut.
pub fn shown_dest(dest: &str) -> String {
    let one = one_line(dest);
    if one.chars().count() > 120 {
        let cut: String = one.chars().take(117).collect();
        format!("{cut}...")
    } else {
        one
    }
}

pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let max = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(d, _)| d <= max)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn did_you_mean_picks_closest() {
        let tags = ["entreprise", "salarie", "conges"];
        assert_eq!(did_you_mean("entrepise", tags), Some("entreprise"));
        assert_eq!(did_you_mean("xyz", tags), None);
    }
}
