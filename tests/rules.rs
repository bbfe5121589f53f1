//! Per-rule fixtures: `fixtures/rules/<id>/pass/` yields none of the rule's diagnostics,
//! `fixtures/rules/<id>/fail/` at least one; the fail diagnostics are snapshotted.
//! A registered rule without both fixture folders fails this test.

use std::path::PathBuf;

use faqlint::rules::registry;
use faqlint::testing::{lint_dir, render};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let mut missing = Vec::new();
    for r in registry::all() {
        for kind in ["pass", "fail"] {
            if !fixtures().join(r.id).join(kind).is_dir() {
                missing.push(format!("fixtures/rules/{}/{kind}", r.id));
            }
        }
    }
    assert!(missing.is_empty(), "missing fixture folders: {missing:#?}");
}

#[test]
fn pass_fixtures_yield_no_diagnostic_of_their_rule() {
    let mut failures = Vec::new();
    for r in registry::all() {
        let dir = fixtures().join(r.id).join("pass");
        if !dir.is_dir() {
            continue;
        }
        let (corpus, diags) = lint_dir(&dir, &[r.id]).unwrap_or_else(|e| panic!("{}: {e}", r.id));
        let own: Vec<_> = diags.into_iter().filter(|d| d.rule == r.id).collect();
        if !own.is_empty() {
            failures.push(format!("{}:\n{}", r.id, render(&corpus, &own)));
        }
    }
    assert!(
        failures.is_empty(),
        "pass fixtures with diagnostics:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fail_fixtures_yield_diagnostics_of_their_rule() {
    let mut empty = Vec::new();
    for r in registry::all() {
        let dir = fixtures().join(r.id).join("fail");
        if !dir.is_dir() {
            continue;
        }
        let (corpus, diags) = lint_dir(&dir, &[r.id]).unwrap_or_else(|e| panic!("{}: {e}", r.id));
        let own: Vec<_> = diags.into_iter().filter(|d| d.rule == r.id).collect();
        if own.is_empty() {
            empty.push(r.id);
            continue;
        }
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{}", r.id), render(&corpus, &own));
        });
    }
    assert!(
        empty.is_empty(),
        "fail fixtures without diagnostics: {empty:?}"
    );
}
