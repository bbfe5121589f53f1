//! Large duplicate clusters: one diagnostic listing every member, one fix marking them all.

#![allow(
    clippy::unwrap_used,
    clippy::disallowed_methods,
    reason = "test helpers: a failed unwrap is a failed test; fixtures are written directly"
)]

use assert_cmd::Command;
use serde_json::Value;

/// A repo of `n` copies of one entry (same question and answer, numbered paths) and one
/// unrelated entry, with `max-related = 2` for both rules.
fn repo(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("en/help");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("reset-password-{i}.md")),
            format!(
                "---\nid: reset-{i}\ntitle: How do I reset my password?\nlocale: en\ntags: [account]\n---\n\
                 Open the sign-in page, choose Forgot password and follow the link we e-mail you within five minutes.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("delete-account.md"),
        "---\nid: delete\ntitle: How do I close my account?\nlocale: en\ntags: [account]\n---\n\
         Write to support from the address of the account; we close it within thirty days.\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("faqlint.toml"),
        "[rules.duplicate-question]\nmax-related = 2\n\n[rules.duplicate-answer]\nmax-related = 2\n",
    )
    .unwrap();
    tmp
}

fn check(dir: &std::path::Path) -> Vec<Value> {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("faqlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAQLINT_CONFIG")
        .args([
            "check",
            "--today",
            "2025-01-01",
            "--select",
            "duplicate-question,duplicate-answer",
            "--format",
            "json",
        ])
        .assert()
        .code(0) // warnings do not fail the run by default
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

fn related_entries(d: &Value) -> Vec<String> {
    d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entry"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_cluster_larger_than_max_related_is_one_diagnostic_listing_every_member() {
    let tmp = repo(6);
    let diags = check(tmp.path());
    // duplicate-answer leaves same-question members to duplicate-question: one finding.
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["rule"], "duplicate-question");
    // Survivor: no links, no review date, so the shortest path, then the first: reset-0.
    assert_eq!(d["path"], "en/help/reset-password-1.md", "{d:#?}");
    assert_eq!(
        d["message"],
        "5 entries ask the same question as `reset-0` (a cluster of 6)"
    );
    let mut related = related_entries(d);
    assert_eq!(related[0], "reset-0", "the survivor first");
    related.sort();
    assert_eq!(
        related,
        ["reset-0", "reset-2", "reset-3", "reset-4", "reset-5"]
    );
    // One fix, one edit per member to mark (not the survivor), each in its own file.
    let edits = d["fix"]["edits"].as_array().unwrap();
    let mut files: Vec<&str> = edits.iter().map(|e| e["path"].as_str().unwrap()).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "en/help/reset-password-1.md",
            "en/help/reset-password-2.md",
            "en/help/reset-password-3.md",
            "en/help/reset-password-4.md",
            "en/help/reset-password-5.md"
        ]
    );
    assert!(
        edits.iter().all(|e| e["content"]
            .as_str()
            .unwrap()
            .contains("duplicate_of: reset-0")),
        "{edits:#?}"
    );
}

#[test]
fn a_small_cluster_gets_one_diagnostic_per_member_listing_all_others() {
    let tmp = repo(3);
    let diags = check(tmp.path());
    assert_eq!(diags.len(), 2, "{diags:#?}");
    for d in &diags {
        assert_eq!(d["rule"], "duplicate-question");
        let mut related = related_entries(d);
        assert_eq!(related[0], "reset-0", "the survivor first");
        // The member itself, from its path `en/help/reset-password-<i>.md`.
        let path = d["path"].as_str().unwrap();
        let i = path
            .trim_start_matches("en/help/reset-password-")
            .trim_end_matches(".md");
        related.push(format!("reset-{i}"));
        related.sort();
        assert_eq!(related, ["reset-0", "reset-1", "reset-2"]);
    }
}
