//! What goes into the bot's pull requests: the lint + fix engine run in memory (nothing is
//! written locally), its changed files, and the diagnostics whose fixes made each change.
//!
//! Mined suggestions (`faqlint mine`'s `search` rules) arrive as unsafe fixes like any other
//! rule's: the bot applies every safe fix, and the unsafe fixes of the rules or families
//! listed in `[bot] propose-unsafe`, through [`crate::fix::fix_corpus_with`].

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{BotConfig, Config, SearchModelConfig};
use crate::diagnostic::{Applicability, Diagnostic, Family};
use crate::fix::{self, AppliedFix, FixOutcome, FixRequest};
use crate::lint::{RunOptions, Settings};
use crate::mine::MineInput;
use crate::mine::model::{ModelSettings, ReplayCounts, SearchModel};
use crate::rules::registry;
use crate::source::Corpus;

/// One pull request for everything, or one per family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    One,
    PerFamily,
}

impl Split {
    pub fn parse(s: &str) -> Result<Split, String> {
        match s {
            "one" => Ok(Split::One),
            "per-family" => Ok(Split::PerFamily),
            other => Err(format!(
                "[bot] split: expected `one` or `per-family`, found `{other}`"
            )),
        }
    }
}

/// The unsafe fixes the bot may propose: by rule id or by family.
#[derive(Debug, Clone, Default)]
pub struct UnsafeAllowed {
    rules: BTreeSet<&'static str>,
    families: BTreeSet<Family>,
}

impl UnsafeAllowed {
    /// Resolves `[bot] propose-unsafe`. Unknown names are warnings, not errors: a rule that
    /// a later version adds (or that a feature provides) may be named before it exists.
    pub fn resolve(names: &[String]) -> (UnsafeAllowed, Vec<String>) {
        let mut allowed = UnsafeAllowed::default();
        let mut warnings = Vec::new();
        for name in names {
            if let Some(f) = Family::parse(name) {
                allowed.families.insert(f);
            } else if let Some((def, old)) = registry::resolve(name) {
                if let Some(old) = old {
                    warnings.push(format!(
                        "[bot] propose-unsafe: rule `{old}` was renamed to `{}`",
                        def.id
                    ));
                }
                allowed.rules.insert(def.id);
            } else {
                warnings.push(format!(
                    "[bot] propose-unsafe: unknown rule or family `{name}` (ignored)"
                ));
            }
        }
        (allowed, warnings)
    }

    /// Safe fixes always; unsafe ones of the listed rules and families; never display-only.
    pub fn allows(&self, d: &Diagnostic) -> bool {
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => true,
            Some(Applicability::Unsafe) => {
                self.rules.contains(d.rule)
                    || family_of(d.rule).is_some_and(|f| self.families.contains(&f))
            }
            _ => false,
        }
    }
}

/// The family of a rule id, from the registry.
pub fn family_of(rule: &str) -> Option<Family> {
    registry::get(rule).map(|d| d.meta.family)
}

/// A related location of a diagnostic, as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedEvidence {
    pub path: String,
    pub line: usize,
    pub message: String,
    pub entry: Option<String>,
}

/// A diagnostic whose fix was applied: why a file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub rule: &'static str,
    pub family: Option<Family>,
    pub applicability: Applicability,
    pub message: String,
    pub help: Option<String>,
    pub fix_title: String,
    pub path: String,
    pub line: usize,
    pub entry: Option<String>,
    pub related: Vec<RelatedEvidence>,
}

impl Evidence {
    fn from_applied(a: &AppliedFix) -> Evidence {
        let d = &a.diagnostic;
        Evidence {
            rule: d.rule,
            family: family_of(d.rule),
            applicability: d
                .fix
                .as_ref()
                .map_or(Applicability::Safe, |f| f.applicability),
            message: d.message.clone(),
            help: d.help.clone(),
            fix_title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
            path: a.path.clone(),
            line: a.line,
            entry: d.entry_id.clone(),
            related: d
                .related
                .iter()
                .zip(&a.related)
                .map(|(r, (path, line))| RelatedEvidence {
                    path: path.clone(),
                    line: *line,
                    message: r.message.clone(),
                    entry: r.entry.clone(),
                })
                .collect(),
        }
    }
}

/// One changed file of a topic: its new bytes, its diff and why it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Repo-relative, `/`-separated.
    pub path: String,
    /// The new content (BOM kept when the file had one).
    pub bytes: Vec<u8>,
    /// Unified diff against the checkout.
    pub diff: String,
    /// The diagnostics whose fixes edited this file, in the order applied.
    pub evidence: Vec<Evidence>,
    /// GitHub logins (or `org/team`) from the entry's `[bot] owner-field`.
    pub owners: Vec<String>,
}

/// Per family: what a topic fixes and what remains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FamilyRow {
    /// Safe fixes applied.
    pub safe: usize,
    /// Unsafe fixes proposed for review.
    pub proposed: usize,
    /// Diagnostics left after the fixes (for a human).
    pub remaining: usize,
}

/// Zero-result searches before and after a topic's changes: the closed loop of `mine`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MineSummary {
    /// Searches in the period's export.
    pub searches: u64,
    pub zero_result_before: u64,
    pub zero_result_after: u64,
}

/// The closed loop of `faqlint mine`: the period's searches run through the model of the
/// site search (`[analytics.model]`) against the corpus before and after the topic's
/// changes. `None` without a search export (the body shows "—" in that row).
pub fn mine_summary(
    input: Option<&MineInput>,
    model: &SearchModelConfig,
    before: &Corpus,
    after: &Corpus,
) -> Option<MineSummary> {
    let input = input.filter(|i| !i.searches.queries.is_empty())?;
    let settings = ModelSettings::from_config(model);
    let zero = |corpus: &Corpus| {
        let model = SearchModel::build(corpus, settings.clone());
        let mut counts = ReplayCounts::default();
        for q in &input.searches.queries {
            let answered = !model
                .hits(&model.parse(&q.query, q.locale.as_deref()))
                .is_empty();
            counts.add(q.count, answered);
        }
        counts
    };
    let b = zero(before);
    let a = zero(after);
    Some(MineSummary {
        searches: b.searches,
        zero_result_before: b.zero_result_searches,
        zero_result_after: a.zero_result_searches,
    })
}

/// One pull request: a head branch, its title, the changes and the summary rows.
#[derive(Debug, Clone)]
pub struct Topic {
    /// `None` for the single pull request of `split = "one"`.
    pub family: Option<Family>,
    pub branch: String,
    pub title: String,
    pub changes: Vec<Change>,
    /// The families in scope, in `Family::ALL` order, with their counts.
    pub rows: Vec<(Family, FamilyRow)>,
    pub mine: Option<MineSummary>,
}

impl Topic {
    /// Owners of the changed entries, deduplicated, in order of appearance.
    pub fn owners(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        self.changes
            .iter()
            .flat_map(|c| c.owners.iter())
            .filter(|o| seen.insert(o.as_str().to_ascii_lowercase()))
            .cloned()
            .collect()
    }
}

/// Everything the bot would propose.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// One topic with `split = "one"`; one per family with `per-family` (every family, so
    /// that an emptied family's pull request is closed).
    pub topics: Vec<Topic>,
    /// Config problems, fixes rejected (the file would not parse), internal errors.
    pub warnings: Vec<String>,
    /// Internal errors or rejected fixes happened: the exit code is 2 after the run.
    pub had_errors: bool,
}

/// The inputs of a plan.
pub struct PlanInput<'a> {
    /// Prefix of every path sent to GitHub: the linted folder's path in its repository.
    pub path_prefix: &'a str,
    pub config: &'a Config,
    pub settings: &'a Settings,
    pub today: chrono::NaiveDate,
    pub run: RunOptions,
    /// Search analytics (`[analytics]` exports or `--searches`/`--votes`): the `search`
    /// rules' fixes are mined from them, and the body shows the zero-result searches
    /// before and after.
    pub analytics: Option<&'a MineInput>,
}

/// Builds the plan. `load` yields a fresh corpus of the checkout (the fix engine consumes
/// one per run; `per-family` runs the engine once per family with fixes to propose, so each
/// pull request holds only its family's changes, made on the base).
pub fn build(input: &PlanInput, load: &mut dyn FnMut() -> Corpus) -> Result<Plan, fix::FixError> {
    let bot = &input.config.bot;
    let mut plan = Plan::default();
    let split = match Split::parse(&bot.split) {
        Ok(s) => s,
        Err(e) => {
            plan.warnings.push(format!("{e}; using `one`"));
            Split::One
        }
    };
    let (allowed, warnings) = UnsafeAllowed::resolve(&bot.propose_unsafe);
    plan.warnings.extend(warnings);

    let all = run_fix(input, load(), &|d| allowed.allows(d))?;
    note_problems(&mut plan, &all);
    match split {
        Split::One => {
            let topic = topic_of(input, bot, None, &all, load);
            plan.topics.push(topic);
        }
        Split::PerFamily => {
            let with_fixes: BTreeSet<Family> = all
                .applied_fixes
                .iter()
                .filter_map(|a| family_of(a.diagnostic.rule))
                .collect();
            for family in Family::ALL {
                if !with_fixes.contains(&family) {
                    plan.topics.push(Topic {
                        family: Some(family),
                        branch: branch_of(bot, Some(family)),
                        title: title_of(bot, Some(family)),
                        changes: Vec::new(),
                        rows: rows_of(&all, Some(family)),
                        mine: None,
                    });
                    continue;
                }
                let outcome = run_fix(input, load(), &|d| {
                    allowed.allows(d) && family_of(d.rule) == Some(family)
                })?;
                note_problems(&mut plan, &outcome);
                plan.topics
                    .push(topic_of(input, bot, Some(family), &outcome, load));
            }
        }
    }
    Ok(plan)
}

fn run_fix(
    input: &PlanInput,
    corpus: Corpus,
    allow: &dyn Fn(&Diagnostic) -> bool,
) -> Result<FixOutcome, fix::FixError> {
    let request = FixRequest {
        settings: input.settings,
        config: input.config,
        today: input.today,
        run: input.run,
        unsafe_fixes: true,
        writable: None,
        analytics: input.analytics,
    };
    fix::fix_corpus_with(corpus, &request, allow)
}

fn note_problems(plan: &mut Plan, outcome: &FixOutcome) {
    for r in &outcome.rejected {
        let w = r.to_string();
        if !plan.warnings.contains(&w) {
            plan.warnings.push(w);
        }
    }
    for e in &outcome.internal_errors {
        if !plan.warnings.contains(e) {
            plan.warnings.push(e.clone());
        }
    }
    if !outcome.internal_errors.is_empty() {
        plan.had_errors = true;
    }
}

/// `faqlint/bot`, or `faqlint/bot-tagging` per family (a sibling, not `faqlint/bot/tagging`:
/// git cannot hold both `a` and `a/b` as refs, and a repo may switch from one to the other).
pub fn branch_of(bot: &BotConfig, family: Option<Family>) -> String {
    match family {
        None => bot.branch.clone(),
        Some(f) => format!("{}-{}", bot.branch, f.as_str()),
    }
}

fn title_of(bot: &BotConfig, family: Option<Family>) -> String {
    match family {
        None => bot.title.clone(),
        Some(f) => format!("{} ({})", bot.title, f.as_str()),
    }
}

fn rows_of(outcome: &FixOutcome, scope: Option<Family>) -> Vec<(Family, FamilyRow)> {
    let mut rows: BTreeMap<Family, FamilyRow> = BTreeMap::new();
    for a in &outcome.applied_fixes {
        let Some(f) = family_of(a.diagnostic.rule) else {
            continue;
        };
        let row = rows.entry(f).or_default();
        match a.diagnostic.fix.as_ref().map(|x| x.applicability) {
            Some(Applicability::Safe) => row.safe += 1,
            _ => row.proposed += 1,
        }
    }
    for d in &outcome.remaining.diagnostics {
        if let Some(f) = family_of(d.rule) {
            rows.entry(f).or_default().remaining += 1;
        }
    }
    Family::ALL
        .into_iter()
        .filter(|f| scope.is_none_or(|s| s == *f))
        .filter_map(|f| match rows.get(&f) {
            Some(r) => Some((f, *r)),
            None if scope.is_some() => Some((f, FamilyRow::default())),
            None => None,
        })
        .collect()
}

fn topic_of(
    input: &PlanInput,
    bot: &BotConfig,
    family: Option<Family>,
    outcome: &FixOutcome,
    load: &mut dyn FnMut() -> Corpus,
) -> Topic {
    let changes = outcome
        .changed
        .iter()
        .map(|c| {
            let prefix = input.path_prefix;
            let evidence: Vec<Evidence> = outcome
                .applied_fixes
                .iter()
                .filter(|a| a.edited.contains(&c.path))
                .map(|a| {
                    let mut e = Evidence::from_applied(a);
                    e.path = format!("{prefix}{}", e.path);
                    for r in &mut e.related {
                        r.path = format!("{prefix}{}", r.path);
                    }
                    e
                })
                .collect();
            let mut repo_file = c.clone();
            repo_file.path = format!("{prefix}{}", c.path);
            Change {
                path: repo_file.path.clone(),
                bytes: c.bytes(),
                diff: repo_file.unified_diff(),
                evidence,
                owners: bot
                    .owner_field
                    .as_deref()
                    .map(|field| owners_of(&outcome.corpus, &c.path, field))
                    .unwrap_or_default(),
            }
        })
        .collect();
    Topic {
        family,
        branch: branch_of(bot, family),
        title: title_of(bot, family),
        changes,
        rows: rows_of(outcome, family),
        // The replay needs the corpus before the changes: loaded only when there are searches.
        mine: if input.analytics.is_none() || outcome.changed.is_empty() {
            None
        } else {
            mine_summary(
                input.analytics,
                &input.config.analytics.model,
                &load(),
                &outcome.corpus,
            )
        },
    }
}

/// The owners named by `field` in the front matter of the entry at `path`: a string or a
/// list of strings, each a GitHub login (`@` optional) or `org/team`. Other values (a
/// team's display name, an e-mail address) are not GitHub accounts and are skipped.
pub fn owners_of(corpus: &Corpus, path: &str, field: &str) -> Vec<String> {
    let Some(entry) = corpus.entry_by_path(path) else {
        return Vec::new();
    };
    let Some(fm) = entry.front_matter(corpus.text(entry.file)) else {
        return Vec::new();
    };
    let Some(node) = fm.get(field) else {
        return Vec::new();
    };
    let values: Vec<&str> = match (node.as_str(), node.as_seq()) {
        (Some(s), _) => s.split([',', ' ']).collect(),
        (None, Some(items)) => items.iter().filter_map(|n| n.as_str()).collect(),
        _ => Vec::new(),
    };
    values
        .into_iter()
        .map(|v| v.trim().trim_start_matches('@'))
        .filter(|v| is_github_account(v))
        .map(str::to_string)
        .collect()
}

/// A GitHub login (alphanumerics and single hyphens, up to 39) or `org/team-slug`.
pub fn is_github_account(s: &str) -> bool {
    let login = |l: &str| {
        !l.is_empty()
            && l.len() <= 39
            && !l.starts_with('-')
            && !l.ends_with('-')
            && !l.contains("--")
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    match s.split_once('/') {
        Some((org, team)) => {
            login(org)
                && !team.is_empty()
                && team
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
        None => login(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_accounts() {
        assert!(is_github_account("alice"));
        assert!(is_github_account("a-b1"));
        assert!(is_github_account("acme/support-team"));
        assert!(!is_github_account("Équipe Paie"));
        assert!(!is_github_account("alice@example.com"));
        assert!(!is_github_account("-alice"));
        assert!(!is_github_account("a--b"));
        assert!(!is_github_account(""));
    }

    #[test]
    fn split_names() {
        assert_eq!(Split::parse("one"), Ok(Split::One));
        assert_eq!(Split::parse("per-family"), Ok(Split::PerFamily));
        assert!(Split::parse("two").is_err());
    }

    #[test]
    fn propose_unsafe_resolves_rules_and_families_and_warns_on_unknown() {
        let (a, w) = UnsafeAllowed::resolve(&[
            "duplicate".into(),
            "unknown-tag".into(),
            "zero-result-querry".into(),
        ]);
        assert!(a.families.contains(&Family::Duplicate));
        assert!(a.rules.contains("unknown-tag"));
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("zero-result-querry"));
    }
}
