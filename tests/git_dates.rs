//! `rules.review-overdue.git-fallback`: an entry with no review date is judged by the date
//! of its last commit (read from `git log` in one pass).

#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // test helpers: panics are failures; fixtures are written directly

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn repo(git_fallback: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("fr/conges")).unwrap();
    std::fs::write(
        root.join("fr/conges/poser-un-conge.md"),
        "---\ntitle: Comment poser un congé ?\ntags: [conges]\n---\nDepuis votre espace salarié.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("fr/conges/jours-feries.md"),
        "---\ntitle: Les jours fériés sont-ils payés ?\ntags: [conges]\n---\nOui, en général.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("faqlint.toml"),
        format!(
            "[rules.review-overdue]\ngit-fallback = {git_fallback}\n\n[rules.missing-required-field]\nfields = [\"title\"]\n"
        ),
    )
    .unwrap();
    git(root, &["init", "-q"], "2020-01-01T12:00:00Z");
    git(
        root,
        &["add", "fr/conges/poser-un-conge.md", "faqlint.toml"],
        "2020-01-01T12:00:00Z",
    );
    git(root, &["commit", "-q", "-m", "old"], "2020-01-01T12:00:00Z");
    git(
        root,
        &["add", "fr/conges/jours-feries.md"],
        "2024-12-01T12:00:00Z",
    );
    git(
        root,
        &["commit", "-q", "-m", "recent"],
        "2024-12-01T12:00:00Z",
    );
    dir
}

fn review_overdue(dir: &Path) -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("faqlint")
        .unwrap()
        .current_dir(dir)
        .args([
            "check",
            "--today",
            "2025-01-01",
            "--format",
            "json",
            "--select",
            "review-overdue",
        ])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn git_fallback_judges_entries_without_review_date_by_last_commit() {
    let dir = repo(true);
    let diags = review_overdue(dir.path());
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["path"], "fr/conges/poser-un-conge.md");
    let message = diags[0]["message"].as_str().unwrap();
    assert!(message.contains("2020-01-01 (last commit)"), "{message}");
}

#[test]
fn without_git_fallback_entries_without_review_date_are_not_judged() {
    let dir = repo(false);
    assert!(review_overdue(dir.path()).is_empty());
}
