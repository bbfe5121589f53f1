//! Findings on repos generated from real data (`fixtures/repos/*/README.md` names the source and
//! the generator command) compared with the generator's `.answer-key.json`:
//!
//! - every injected fault is reported by the rule that owns its kind, at its file (and naming its
//!   tag or id when the fault's details give one);
//! - on the same data without injected faults, the set of rules that fire is exactly a reviewed
//!   allow-list of real problems of the data.
//!
//! `duplicate` faults must be reported by `duplicate-question` or `duplicate-answer` at the
//! injected copy, naming the entry it copies (the suggested survivor).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use faqlint::diagnostic::Diagnostic;
use faqlint::rules::registry;
use faqlint::source::Corpus;
use faqlint::testing::{FIXTURE_TODAY, lint_dir};
use serde_json::Value;

fn repo(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/repos")
        .join(name)
}

/// The rule(s) that must report each fault kind of `kb-from-dataset --inject-faults`.
fn rules_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "stale" => &["review-overdue"],
        "expired" => &["expired-entry"],
        "orphan" => &["orphan-entry"],
        "nav-missing" => &["nav-missing-entry"],
        "related-missing" => &["dangling-related"],
        "unknown-tag" => &["unknown-tag"],
        "synonym-tag" => &["synonym-tag"],
        "deprecated-tag" => &["deprecated-tag"],
        "missing-tags" => &["missing-tags"],
        "missing-field" => &["missing-required-field"],
        "bad-front-matter" => &["invalid-front-matter"],
        "not-a-question" => &["title-not-question"],
        "duplicate" => &["duplicate-question", "duplicate-answer"],
        other => panic!("answer key has an unknown fault kind `{other}`: map it in rules_for()"),
    }
}

/// One diagnostic, flattened to what the comparison needs.
#[derive(Debug)]
struct Found {
    rule: &'static str,
    path: String,
    /// The message, the text under the span, and the entry id, for "names the tag/id" checks.
    text: String,
}

fn lint(name: &str) -> (Value, Vec<Found>) {
    let dir = repo(name);
    let (corpus, diagnostics) = lint_dir(&dir, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (answer_key(&dir), flatten(&corpus, &diagnostics))
}

fn answer_key(dir: &Path) -> Value {
    let path = dir.join(".answer-key.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        Err(_) => Value::Null,
    }
}

fn flatten(corpus: &Corpus, diagnostics: &[Diagnostic]) -> Vec<Found> {
    diagnostics
        .iter()
        .map(|d| {
            let under_span = corpus.text(d.file).get(d.span.clone()).unwrap_or("");
            Found {
                rule: d.rule,
                path: corpus.file(d.file).path.clone(),
                text: format!(
                    "{}\n{}\n{}",
                    d.message,
                    under_span,
                    d.entry_id.as_deref().unwrap_or("")
                ),
            }
        })
        .collect()
}

/// What a fault's details say the diagnostic must name (a tag, a missing id, a field).
fn must_name(kind: &str, details: &Value) -> Option<String> {
    let key = match kind {
        "unknown-tag" | "synonym-tag" | "deprecated-tag" => "tag",
        "nav-missing" | "related-missing" => "missing_id",
        "missing-field" => "field",
        "duplicate" => "duplicate_of",
        _ => return None,
    };
    details.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Checks every fault of the answer key; returns one line per miss and a found/all tally per kind.
fn compare(dataset: &str) -> (Vec<String>, Vec<String>) {
    let (key, found) = lint(dataset);
    assert_eq!(
        key["as_of"].as_str(),
        Some(FIXTURE_TODAY),
        "{dataset}: generated with another --as-of than the tests' --today"
    );
    let registered: BTreeSet<&str> = registry::all().iter().map(|r| r.id).collect();
    let faults = key["faults"]
        .as_array()
        .unwrap_or_else(|| panic!("{dataset}: no `faults` in the answer key"));
    assert!(
        !faults.is_empty(),
        "{dataset}: the answer key lists no fault"
    );

    let mut misses = Vec::new();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for fault in faults {
        let kind = fault["kind"].as_str().unwrap_or_default();
        let file = fault["file"].as_str().unwrap_or_default();
        let id = fault["id"].as_str().unwrap_or_default();
        let rules = rules_for(kind);
        let name = must_name(kind, &fault["details"]);
        let hit = found.iter().any(|f| {
            rules.contains(&f.rule)
                && f.path == file
                && name.as_ref().is_none_or(|n| f.text.contains(n.as_str()))
        });
        let t = tally.entry(kind).or_default();
        t.1 += 1;
        if hit {
            t.0 += 1;
            continue;
        }
        let unregistered: Vec<&str> = rules
            .iter()
            .copied()
            .filter(|r| !registered.contains(r))
            .collect();
        let why = if !unregistered.is_empty() {
            format!("rule {} not registered", unregistered.join(", "))
        } else {
            let at_file: Vec<&str> = found
                .iter()
                .filter(|f| f.path == file)
                .map(|f| f.rule)
                .collect();
            format!("rules reporting at this file: {at_file:?}")
        };
        misses.push(format!(
            "{dataset}: {kind} ({id}{}) at {file} not reported by {} — {why}",
            name.map(|n| format!(", naming `{n}`")).unwrap_or_default(),
            rules.join(" or ")
        ));
    }
    let tally = tally
        .iter()
        .map(|(kind, (hit, all))| format!("{dataset}: {kind:<17} {hit}/{all} found"))
        .collect();
    (misses, tally)
}

#[test]
fn every_injected_fault_is_found() {
    let mut misses = Vec::new();
    for dataset in ["vdd-faults", "covid-faults"] {
        let (missed, tally) = compare(dataset);
        for line in tally {
            eprintln!("{line}");
        }
        misses.extend(missed);
    }
    assert!(
        misses.is_empty(),
        "{} injected fault(s) missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// The rules allowed to fire on `vdd-clean` (653 real service-public.fr fiches, no injected
/// fault, linted on the generator's as-of date). Each is a real problem of the data, reviewed by
/// reading the diagnostics; a rule firing outside this list is a false positive to fix (or a new
/// real problem to document here).
const CLEAN_ALLOW_LIST: &[(&str, &str)] = &[
    (
        "title-not-question",
        "about half the fiches (316 of 653) are titled as statements (« Contrat d'apprentissage », \
         « Travail de nuit »): service-public.fr names pages by topic, not by question",
    ),
    (
        "overlong-answer",
        "service-public.fr fiches are reference pages, not FAQ answers: 179 run past the 600-word \
         limit (up to several thousand words), too long for a self-service answer",
    ),
    (
        "past-date-in-text",
        "the generator rebases review dates, not the text: fiches written in 2016-2020 still say \
         « jusqu'au 31 décembre 2020 » (titres-restaurant, concours…), stale on 2025-01-01",
    ),
    (
        "single-use-tag",
        "the source tags come from category names cut at 40 characters and from title words \
         (`prendre`, `calculer`, `minimale`…): 28 tags are used by one entry only",
    ),
    (
        "duplicate-question",
        "service-public.fr publishes parallel fiches per employer (private sector, State, territorial \
         and hospital civil service) under near-identical titles with largely shared answers \
         (« Heures supplémentaires dans la FPE / FPT », « Bilan de compétences dans la fonction \
         publique … »), and a few same-titled fiches with different answers (« Période d'essai », \
         « Licenciement d'un fonctionnaire »): 45 members of clusters a knowledge base would merge \
         or tell apart in their titles",
    ),
    (
        "duplicate-id",
        "two distinct fiches (F19846 private sector, F12163 civil service) get the same slug \
         `remboursement-des-frais-de-transport-domicile-travail` in locale fr: their titles differ \
         only after the slug's length cut; a site routing by slug would serve one of them",
    ),
];

#[test]
fn clean_generated_repo_only_reports_real_problems_of_the_data() {
    let (_key, found) = lint("vdd-clean");
    let mut per_rule: BTreeMap<&str, Vec<&Found>> = BTreeMap::new();
    for f in &found {
        per_rule.entry(f.rule).or_default().push(f);
    }
    for (rule, list) in &per_rule {
        eprintln!(
            "vdd-clean: {rule}: {} diagnostic(s), e.g. {}",
            list.len(),
            list[0].path
        );
    }
    let fired: BTreeSet<&str> = per_rule.keys().copied().collect();
    let allowed: BTreeSet<&str> = CLEAN_ALLOW_LIST.iter().map(|(r, _)| *r).collect();
    let unexpected: Vec<String> = fired
        .difference(&allowed)
        .map(|r| {
            let examples: Vec<String> = per_rule[r]
                .iter()
                .take(3)
                .map(|f| format!("    {}: {}", f.path, f.text.lines().next().unwrap_or("")))
                .collect();
            format!(
                "  {r} ({} diagnostics), e.g.\n{}",
                per_rule[r].len(),
                examples.join("\n")
            )
        })
        .collect();
    let silent: Vec<&str> = allowed.difference(&fired).copied().collect();
    assert!(
        unexpected.is_empty() && silent.is_empty(),
        "rules firing on vdd-clean differ from the reviewed allow-list\n\
         firing but not allowed (false positives, or document them in CLEAN_ALLOW_LIST):\n{}\n\
         allowed but silent (the real problem is no longer found, or the rule is not registered): {silent:?}",
        unexpected.join("\n")
    );
}
