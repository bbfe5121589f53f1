//! The explicit list of rules, each with its metadata (`rules/<id>.toml`) and docs
//! (`rules/<id>.md`) embedded at build time.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Rule;
use crate::diagnostic::{Applicability, Family, Severity};

/// Metadata of one rule, from `rules/<id>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleMeta {
    pub id: String,
    pub family: Family,
    pub severity: Severity,
    /// `none`, `safe`, `unsafe` or `display-only`.
    pub fix: FixKind,
    /// One line: what the rule finds.
    pub summary: String,
    #[serde(default = "yes")]
    pub default_enabled: bool,
    #[serde(default)]
    pub options: BTreeMap<String, OptionMeta>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    DisplayOnly,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::DisplayOnly => "display-only",
        }
    }

    pub fn applicability(self) -> Option<Applicability> {
        match self {
            FixKind::None => None,
            FixKind::Safe => Some(Applicability::Safe),
            FixKind::Unsafe => Some(Applicability::Unsafe),
            FixKind::DisplayOnly => Some(Applicability::DisplayOnly),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OptionMeta {
    pub default: toml::Value,
    pub description: String,
}

/// A registered rule.
pub struct RuleDef {
    pub id: &'static str,
    pub meta: RuleMeta,
    /// The Markdown docs, `rules/<id>.md`.
    pub docs: &'static str,
    pub rule: &'static dyn Rule,
}

macro_rules! rules {
    ($($module:ident => $id:literal),* $(,)?) => {
        const SOURCES: &[(&str, &str, &str, &dyn Rule)] = &[
            $(
                (
                    $id,
                    include_str!(concat!("../../rules/", $id, ".toml")),
                    include_str!(concat!("../../rules/", $id, ".md")),
                    &super::$module::Rule,
                ),
            )*
        ];
    };
}

rules! {
    // structure
    invalid_encoding => "invalid-encoding",
    oversized_file => "oversized-file",
    invalid_taxonomy => "invalid-taxonomy",
    invalid_nav => "invalid-nav",
    missing_required_field => "missing-required-field",
    invalid_field_type => "invalid-field-type",
    title_not_question => "title-not-question",
    empty_answer => "empty-answer",
    overlong_answer => "overlong-answer",
    duplicate_id => "duplicate-id",
    unused_suppression => "unused-suppression",
    unknown_rule_in_suppression => "unknown-rule-in-suppression",
    invalid_front_matter => "invalid-front-matter",
    // stale
    expired_entry => "expired-entry",
    past_date_in_text => "past-date-in-text",
    deprecated_term => "deprecated-term",
    review_overdue => "review-overdue",
    // orphan
    orphan_entry => "orphan-entry",
    nav_missing_entry => "nav-missing-entry",
    broken_link => "broken-link",
    redirected_link => "redirected-link",
    unresolved_link => "unresolved-link",
    dangling_related => "dangling-related",
    missing_translation => "missing-translation",
    empty_category => "empty-category",
    // tagging
    unknown_tag => "unknown-tag",
    too_many_tags => "too-many-tags",
    single_use_tag => "single-use-tag",
    missing_tags => "missing-tags",
    synonym_tag => "synonym-tag",
    deprecated_tag => "deprecated-tag",
    duplicate_tag => "duplicate-tag",
    // duplicate
    duplicate_question => "duplicate-question",
    duplicate_answer => "duplicate-answer",
    unlinked_translation => "unlinked-translation",
    // search
    zero_result_query => "zero-result-query",
    low_rated_entry => "low-rated-entry",
}

/// Every rule, in registry order. Panics-free: a malformed embedded toml is caught by the
/// registry meta-test; at run time such a rule is skipped.
pub fn all() -> &'static [RuleDef] {
    static ALL: OnceLock<Vec<RuleDef>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|&(id, toml_src, docs, rule)| {
                let meta: RuleMeta = toml::from_str(toml_src).ok()?;
                Some(RuleDef {
                    id,
                    meta,
                    docs,
                    rule,
                })
            })
            .collect()
    })
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleDef> {
    all().iter().find(|r| r.id == id)
}

/// Old rule ids and their replacements, from `rules/redirects.toml`.
pub fn redirects() -> &'static BTreeMap<String, String> {
    static R: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    R.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            redirects: BTreeMap<String, String>,
        }
        toml::from_str::<File>(include_str!("../../rules/redirects.toml"))
            .map(|f| f.redirects)
            .unwrap_or_default()
    })
}

/// Resolves an id through redirects: `(rule, Some(old))` when a redirect was used.
pub fn resolve(id: &str) -> Option<(&'static RuleDef, Option<String>)> {
    if let Some(r) = get(id) {
        return Some((r, None));
    }
    let new = redirects().get(id)?;
    get(new).map(|r| (r, Some(id.to_string())))
}
