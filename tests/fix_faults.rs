//! `faqlint fix` on the committed fault-injected repos (`fixtures/repos/*-faults`, made by
//! `kb-from-dataset --inject-faults`, answer key in `.answer-key.json`).
//!
//! The repo is copied to a temp dir, committed with git, fixed with the release binary, and
//! `git diff` is compared with the answer key: every safe-fixable injected fault
//! (`synonym-tag`, `deprecated-tag`; plus duplicate tags, which the generator does not inject,
//! so this test adds two by hand before committing) is gone, and every changed line is a line
//! one of those faults points at: no other line of the repo changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // test helpers outside #[test] fns

use faqlint::testing::copy_dir;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// A fault the fix must remove: the file, the tag as written on the faulty line, and the
/// tag that may replace it (`None`: the line goes).
#[derive(Debug, Clone)]
struct Fault {
    kind: String,
    file: String,
    tag: String,
    replacement: Option<String>,
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=faqlint",
            "-c",
            "user.email=faqlint@example.invalid",
            "-c",
            "core.autocrlf=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn answer_key_faults(repo: &Path) -> Vec<Fault> {
    let key: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join(".answer-key.json")).unwrap())
            .unwrap();
    key["faults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let kind = f["kind"].as_str()?;
            let d = &f["details"];
            let replacement = match kind {
                "synonym-tag" => d["canonical"].as_str(),
                "deprecated-tag" => d["replacement"].as_str(),
                _ => return None,
            };
            Some(Fault {
                kind: kind.to_string(),
                file: f["file"].as_str()?.to_string(),
                tag: d["tag"].as_str()?.to_string(),
                replacement: replacement.map(str::to_string),
            })
        })
        .collect()
}

/// Adds a duplicate of the first tag to the block tag list of `count` entries that have
/// no other fault (in the copy, before the commit); returns them as faults.
fn inject_duplicate_tags(repo: &Path, avoid: &BTreeSet<String>, count: usize) -> Vec<Fault> {
    let mut files = Vec::new();
    collect_md(repo, repo, &mut files);
    files.sort();
    let mut faults = Vec::new();
    for rel in files {
        if faults.len() == count || avoid.contains(&rel) {
            continue;
        }
        let path = repo.join(&rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let Some(tags_at) = text.find(&format!("\ntags:{eol}")) else {
            continue;
        };
        let first_item = tags_at + "\ntags:".len() + eol.len();
        let line_end = text[first_item..]
            .find('\n')
            .map(|i| first_item + i + 1)
            .unwrap();
        let line = &text[first_item..line_end];
        let Some(tag) = line.trim().strip_prefix("- ") else {
            continue;
        };
        let tag = tag.to_string();
        // Insert the duplicate as the list's second item.
        let fixed = format!("{}{line}{}", &text[..line_end], &text[line_end..]);
        let mut f = std::fs::File::create(&path).unwrap();
        std::io::Write::write_all(&mut f, fixed.as_bytes()).unwrap();
        faults.push(Fault {
            kind: "duplicate-tag".into(),
            file: rel,
            tag,
            replacement: None,
        });
    }
    assert_eq!(faults.len(), count, "not enough entries with block tags");
    faults
}

fn collect_md(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            collect_md(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "md")
            && p.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// Changed lines per file from `git diff -U0`: (removed old lines, added new lines).
fn diff_lines(dir: &Path) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let diff = git(dir, &["diff", "-U0", "--no-color", "--no-ext-diff"]);
    let mut out: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut current = None;
    for line in diff.lines() {
        if let Some(p) = line.strip_prefix("+++ b/") {
            current = Some(p.to_string());
        } else if line.starts_with("--- ") || line.starts_with("+++ ") || line.starts_with("@@") {
        } else if let (Some(f), Some(rest)) = (&current, line.strip_prefix('-')) {
            out.entry(f.clone())
                .or_default()
                .0
                .push(rest.trim_end_matches('\r').to_string());
        } else if let (Some(f), Some(rest)) = (&current, line.strip_prefix('+')) {
            out.entry(f.clone())
                .or_default()
                .1
                .push(rest.trim_end_matches('\r').to_string());
        }
    }
    out
}

fn faqlint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("faqlint")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn fix_repo_and_compare(name: &str) {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/repos")
        .join(name);
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join(name);
    copy_dir(&src, &repo).unwrap();

    let mut faults = answer_key_faults(&repo);
    assert!(
        faults.iter().any(|f| f.kind == "synonym-tag"),
        "{name}: no synonym-tag fault"
    );
    assert!(
        faults.iter().any(|f| f.kind == "deprecated-tag"),
        "{name}: no deprecated-tag fault"
    );
    let all_faulty: BTreeSet<String> = {
        let key: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(repo.join(".answer-key.json")).unwrap())
                .unwrap();
        key["faults"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["file"].as_str().map(str::to_string))
            .collect()
    };
    faults.extend(inject_duplicate_tags(&repo, &all_faulty, 2));

    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "generated"]);

    let out = faqlint(
        &repo,
        &["fix", "--today", "2025-01-01", "--format", "concise"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(2), "{name}: fix failed: {stderr}");
    assert!(stderr.contains("Fixed "), "{name}: no summary: {stderr}");

    // Every changed line is a line a fault points at; every fault's line changed as expected.
    let changed = diff_lines(&repo);
    let mut unexpected = Vec::new();
    let mut lines_changed = 0;
    for (file, (removed, added)) in &changed {
        lines_changed += removed.len() + added.len();
        let here: Vec<&Fault> = faults.iter().filter(|f| &f.file == file).collect();
        for line in removed {
            if !here
                .iter()
                .any(|f| item_value(line) == Some(f.tag.as_str()) || flow_has(line, &f.tag))
            {
                unexpected.push(format!("{file}: -{line}"));
            }
        }
        for line in added {
            let ok = here.iter().any(|f| {
                f.replacement
                    .as_deref()
                    .is_some_and(|r| item_value(line) == Some(r) || flow_has(line, r))
            });
            if !ok {
                unexpected.push(format!("{file}: +{line}"));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "{name}: lines that should not have changed:\n{}",
        unexpected.join("\n")
    );
    for f in &faults {
        let (removed, _) = changed
            .get(&f.file)
            .unwrap_or_else(|| panic!("{name}: fault not fixed: {f:?}"));
        assert!(
            removed
                .iter()
                .any(|l| item_value(l) == Some(f.tag.as_str()) || flow_has(l, &f.tag)),
            "{name}: {f:?}"
        );
    }
    let files_changed = changed.len();
    let fixed_files: BTreeSet<&str> = faults.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(files_changed, fixed_files.len(), "{name}");

    // The safe-fixable rules have nothing left to say.
    let out = faqlint(
        &repo,
        &[
            "check",
            "--today",
            "2025-01-01",
            "--select",
            "synonym-tag,deprecated-tag,duplicate-tag",
            "--format",
            "concise",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: left:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A second run changes nothing.
    let _ = faqlint(
        &repo,
        &["fix", "--today", "2025-01-01", "--format", "concise"],
    );
    assert_eq!(
        diff_lines(&repo),
        changed,
        "{name}: a second fix changed more"
    );

    eprintln!(
        "{name}: {} faults fixed ({} injected + 2 duplicate tags by hand), {lines_changed} diff lines in {files_changed} files, 0 unexpected",
        faults.len(),
        faults.len() - 2
    );
}

/// `  - tag # comment` → `tag` (quotes removed).
fn item_value(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("- ")?;
    let rest = rest.split(" #").next().unwrap_or(rest).trim();
    Some(rest.trim_matches(|c| c == '\'' || c == '"'))
}

/// `tags: [a, b]` contains `tag`.
fn flow_has(line: &str, tag: &str) -> bool {
    let Some(open) = line.find('[') else {
        return false;
    };
    let Some(close) = line.rfind(']') else {
        return false;
    };
    line[open + 1..close]
        .split(',')
        .any(|t| t.trim().trim_matches(|c| c == '\'' || c == '"') == tag)
}

#[test]
fn fix_on_covid_faults_touches_only_fault_lines() {
    fix_repo_and_compare("covid-faults");
}

#[test]
fn fix_on_vdd_faults_touches_only_fault_lines() {
    fix_repo_and_compare("vdd-faults");
}
