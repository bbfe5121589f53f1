//! CLI tests: every output format on fixture repos (snapshots), exit codes, rule selection,
//! `rules`, `explain`, `init`, a closed pipe and `--changed-since`.

#![allow(
    clippy::unwrap_used,
    clippy::disallowed_methods,
    reason = "test helpers: a failed unwrap is a failed test; fixtures are written with std::fs::write"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin!("faqlint").to_path_buf()
}

fn faqlint() -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("FAQLINT_CONFIG");
    cmd
}

/// `faqlint check DIR --today 2025-01-01 ARGS…`.
fn check(dir: &str, args: &[&str]) -> Command {
    let mut cmd = faqlint();
    cmd.args(["check", dir, "--today", "2025-01-01"]).args(args);
    cmd
}

fn stdout_of(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_of(cmd: &mut Command) -> Value {
    let (_, out, err) = stdout_of(cmd);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}\nstderr:\n{err}"))
}

fn rules_in(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("faqlint-cli-")
        .tempdir()
        .unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const SYNONYM: &str = "fixtures/rules/synonym-tag/fail";
const FRONT_MATTER: &str = "fixtures/rules/invalid-front-matter/fail";
const DUPLICATE: &str = "fixtures/rules/duplicate-question/fail";
/// The bundled example help centre (fr + en), a whole repo with its own `faqlint.toml`.
const EXAMPLE: &str = "fixtures/repos/example";

// ---------------------------------------------------------------------------------------
// Formats

fn snapshot_format(name: &str, dir: &str, select: &str, format: &str) {
    let (code, out, err) = stdout_of(&mut check(dir, &["--select", select, "--format", format]));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    insta::with_settings!({
        snapshot_path => "snapshots/cli",
        prepend_module_to_snapshot => false,
        filters => vec![
            (r#""(version|semanticVersion)": "[0-9][^"]*""#, r#""$1": "[VERSION]""#),
            (r#""uri": "file://[^"]*""#, r#""uri": "file:///[ROOT]/""#),
        ],
    }, {
        insta::assert_snapshot!(name, out);
    });
}

#[test]
fn format_human() {
    snapshot_format("human_synonym_tag", SYNONYM, "synonym-tag", "human");
    snapshot_format(
        "human_example",
        EXAMPLE,
        "structure,stale,orphan,tagging",
        "human",
    );
}

/// A duplicate cluster in human output: survivor and members as related locations, the
/// word diffs of questions and answers in the help, the unsafe `duplicate_of` fix.
#[test]
fn format_human_duplicate_cluster_with_diff() {
    snapshot_format(
        "human_duplicate_question",
        DUPLICATE,
        "duplicate-question",
        "human",
    );
}

/// In JSON, each duplicate diagnostic lists the other members of its cluster in `related`
/// (`path`, `line`, `entry`).
#[test]
fn json_duplicate_lists_cluster_members_in_related() {
    let doc = json_of(&mut check(
        DUPLICATE,
        &["--select", "duplicate-question", "--format", "json"],
    ));
    let diags = doc["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["path"] == "fr/conges/demande-de-conges-payes.md")
        .unwrap();
    let related = d["related"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["entry"], "conges-poser");
    assert_eq!(related[0]["path"], "fr/conges/poser-un-conge.md");
    assert_eq!(related[0]["line"], 3);
    assert_eq!(d["fix"]["applicability"], "unsafe");
    insta::with_settings!({ snapshot_path => "snapshots/cli", prepend_module_to_snapshot => false }, {
        insta::assert_json_snapshot!("json_duplicate_question", doc["diagnostics"]);
    });
}

#[test]
fn format_concise() {
    snapshot_format("concise_synonym_tag", SYNONYM, "synonym-tag", "concise");
}

#[test]
fn format_json() {
    snapshot_format("json_synonym_tag", SYNONYM, "synonym-tag", "json");
}

#[test]
fn format_sarif() {
    snapshot_format("sarif_synonym_tag", SYNONYM, "synonym-tag", "sarif");
}

#[test]
fn format_github() {
    snapshot_format("github_synonym_tag", SYNONYM, "synonym-tag", "github");
    snapshot_format(
        "github_example",
        EXAMPLE,
        "structure,stale,orphan,tagging",
        "github",
    );
}

#[test]
fn human_is_the_default_and_colour_follows_the_flag() {
    let (_, default, _) = stdout_of(&mut check(SYNONYM, &["--select", "synonym-tag"]));
    assert!(default.starts_with("warning[synonym-tag]: "), "{default}");
    assert!(
        !default.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let (_, coloured, _) = stdout_of(&mut check(
        SYNONYM,
        &["--select", "synonym-tag", "--color", "always"],
    ));
    assert!(coloured.contains('\u{1b}'), "--color always colours");
}

#[test]
fn json_contract_v1() {
    let doc = json_of(&mut check(
        SYNONYM,
        &["--select", "synonym-tag", "--format", "json"],
    ));
    assert_eq!(doc["version"], 1);
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&doc["diagnostics"][0]),
        [
            "column",
            "end_column",
            "end_line",
            "family",
            "fix",
            "help",
            "line",
            "message",
            "path",
            "related",
            "rule",
            "severity"
        ]
    );
    assert_eq!(
        keys(&doc["summary"]),
        ["entries", "errors", "files", "infos", "profile", "warnings"]
    );
}

#[test]
fn sarif_has_rules_fingerprints_and_fixes() {
    let doc = json_of(&mut check(
        SYNONYM,
        &["--select", "synonym-tag", "--format", "sarif"],
    ));
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "synonym-tag");
    assert!(
        rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## What it does")
    );
    assert_eq!(rule["properties"]["tags"][0], "tagging");
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for r in results {
        assert_eq!(r["ruleIndex"], 0);
        let fp = r["partialFingerprints"]["faqlintFingerprint/v1"]
            .as_str()
            .unwrap();
        assert!(
            fingerprints.insert(fp.to_string()),
            "fingerprints are unique in a run"
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        assert!(
            r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["startLine"]
                .is_u64()
        );
    }
}

#[test]
fn sarif_fingerprints_ignore_line_numbers() {
    let dir = tempdir();
    let entry = "---\ntitle: How do I log in?\ntags: [pwd]\n---\nAnswer.\n";
    write(
        dir.path(),
        "taxonomy.yml",
        "locales:\n  en:\n    tags: [password]\n    synonyms:\n      pwd: password\n",
    );
    write(dir.path(), "en/a/x.md", entry);
    let run = |d: &Path| {
        json_of(&mut check(
            d.to_str().unwrap(),
            &["--select", "synonym-tag", "--format", "sarif"],
        ))
    };
    let before = run(dir.path());
    write(
        dir.path(),
        "en/a/x.md",
        &format!("---\n# a comment\n{}", &entry[4..]),
    );
    let after = run(dir.path());
    let fp = |doc: &Value| doc["runs"][0]["results"][0]["partialFingerprints"].clone();
    let line = |doc: &Value| {
        doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert!(!fp(&before).is_null(), "{before}");
    assert_ne!(line(&before), line(&after));
    assert_eq!(fp(&before), fp(&after));
}

// ---------------------------------------------------------------------------------------
// Exit codes

#[test]
fn exit_0_when_clean() {
    check(
        "fixtures/rules/synonym-tag/pass",
        &["--select", "synonym-tag"],
    )
    .assert()
    .code(0);
}

#[test]
fn exit_1_on_errors_and_fail_on_moves_the_threshold() {
    // invalid-front-matter is an error: exit 1 by default, 0 with --fail-on never.
    check(FRONT_MATTER, &["--select", "invalid-front-matter"])
        .assert()
        .code(1);
    check(
        FRONT_MATTER,
        &["--select", "invalid-front-matter", "--fail-on", "never"],
    )
    .assert()
    .code(0);
    // synonym-tag is a warning: exit 0 by default, 1 with --fail-on warning.
    check(SYNONYM, &["--select", "synonym-tag"])
        .assert()
        .code(0);
    check(
        SYNONYM,
        &["--select", "synonym-tag", "--fail-on", "warning"],
    )
    .assert()
    .code(1);
}

#[test]
fn exit_codes_are_the_same_for_every_format() {
    for format in ["human", "concise", "json", "sarif", "github"] {
        check(
            FRONT_MATTER,
            &["--select", "invalid-front-matter", "--format", format],
        )
        .assert()
        .code(1);
        check(SYNONYM, &["--select", "synonym-tag", "--format", format])
            .assert()
            .code(0);
    }
}

#[test]
fn exit_2_on_unknown_option_and_bad_today() {
    faqlint()
        .args(["check", "--no-such-option"])
        .assert()
        .code(2);
    faqlint()
        .args(["check", "--today", "yesterday"])
        .assert()
        .code(2);
    faqlint()
        .args(["check", SYNONYM, "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn exit_2_on_unknown_rule_in_select() {
    let (code, out, err) = stdout_of(&mut check(SYNONYM, &["--select", "synonim-tag"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("synonim-tag"), "{err}");
    check(SYNONYM, &["--ignore", "no-such-rule"])
        .assert()
        .code(2);
}

#[test]
fn exit_2_on_broken_config_naming_file_line_and_key() {
    let dir = tempdir();
    write(
        dir.path(),
        "faqlint.toml",
        "[repo]\ninclude = [\"**/*.md\"]\ncolour = \"blue\"\n",
    );
    write(
        dir.path(),
        "en/a/x.md",
        "---\ntitle: How?\ntags: [a]\n---\nAnswer.\n",
    );
    let (code, out, err) = stdout_of(&mut check(dir.path().to_str().unwrap(), &[]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("faqlint.toml:3:1"), "file:line:col: {err}");
    assert!(err.contains("colour"), "names the key: {err}");
    assert!(!err.contains("panicked"), "{err}");

    write(
        dir.path(),
        "faqlint.toml",
        "[rules.synonym-tag]\nseverity = \"fatal\"\n",
    );
    let (code, _, err) = stdout_of(&mut check(dir.path().to_str().unwrap(), &[]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("faqlint.toml:2:"), "{err}");

    write(dir.path(), "faqlint.toml", "[repo\n");
    let (code, _, err) = stdout_of(&mut check(dir.path().to_str().unwrap(), &[]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("faqlint.toml:1:"), "{err}");
}

#[test]
fn help_and_version_exit_0() {
    let (code, out, _) = stdout_of(faqlint().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("Exit codes"), "{out}");
    faqlint().args(["check", "--help"]).assert().code(0);
    faqlint().arg("--version").assert().code(0);
    faqlint().assert().code(2);
}

// ---------------------------------------------------------------------------------------
// Selection

#[test]
fn select_and_ignore_by_rule_and_family() {
    let json = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--format", "json", "--fail-on", "never"]);
        rules_in(&json_of(&mut check(SYNONYM, &a)))
    };
    assert_eq!(json(&["--select", "synonym-tag"]), ["synonym-tag"]);
    let tagging = json(&["--select", "tagging"]);
    assert!(tagging.contains(&"synonym-tag".to_string()), "{tagging:?}");
    for r in &tagging {
        let family = faqlint::rules::registry::get(r).map(|d| d.meta.family.as_str());
        assert_eq!(family, Some("tagging"), "{r} selected by --select tagging");
    }
    let without = json(&["--select", "tagging", "--ignore", "synonym-tag"]);
    assert!(!without.contains(&"synonym-tag".to_string()), "{without:?}");
    assert!(json(&["--select", "tagging", "--ignore", "tagging"]).is_empty());
    // Comma-separated and repeated values.
    let both = json(&[
        "--select",
        "synonym-tag,missing-tags",
        "--select",
        "review-overdue",
    ]);
    assert!(
        both.iter()
            .all(|r| ["synonym-tag", "missing-tags", "review-overdue"].contains(&r.as_str()))
    );
}

// ---------------------------------------------------------------------------------------
// rules, explain, init

#[test]
fn rules_table_and_json() {
    let (code, out, _) = stdout_of(faqlint().arg("rules"));
    assert_eq!(code, 0);
    assert!(out.lines().next().unwrap().starts_with("rule"), "{out}");
    assert!(out.contains("synonym-tag"));
    let (code, out, _) = stdout_of(faqlint().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&out).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), faqlint::rules::registry::all().len());
    let syn = list.iter().find(|r| r["id"] == "synonym-tag").unwrap();
    assert_eq!(syn["family"], "tagging");
    assert_eq!(syn["fix"], "safe");
}

#[test]
fn explain_prints_docs_and_suggests_on_typos() {
    let (code, out, _) = stdout_of(faqlint().args(["explain", "synonym-tag"]));
    assert_eq!(code, 0);
    assert!(out.contains("## What it does"), "{out}");
    assert!(out.contains("## Fix safety"), "{out}");
    let (code, out, _) = stdout_of(faqlint().args(["explain", "synonym-tag", "--format", "json"]));
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["id"], "synonym-tag");
    let (code, out, err) = stdout_of(faqlint().args(["explain", "synonim-tag"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("did you mean `synonym-tag`"), "{err}");
}

#[test]
fn init_writes_a_config_and_refuses_to_overwrite() {
    let dir = tempdir();
    let mut cmd = faqlint();
    cmd.current_dir(dir.path()).arg("init").assert().code(0);
    let path = dir.path().join("faqlint.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains('#'), "commented starter config");
    // The starter config is valid: check uses it.
    write(
        dir.path(),
        "en/a/x.md",
        "---\ntitle: How?\ntags: [a]\n---\nAnswer.\n",
    );
    let (code, _, err) = stdout_of(faqlint().current_dir(dir.path()).args([
        "check",
        "--today",
        "2025-01-01",
        "--fail-on",
        "never",
    ]));
    assert_eq!(code, 0, "{err}");

    std::fs::write(&path, "# mine\n").unwrap();
    let (code, _, err) = stdout_of(faqlint().current_dir(dir.path()).arg("init"));
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
}

// ---------------------------------------------------------------------------------------
// Broken pipe

#[test]
fn closed_pipe_exits_0_silently() {
    let dir = tempdir();
    // Enough diagnostics to overflow a pipe buffer.
    for i in 0..400 {
        write(
            dir.path(),
            &format!("en/a/q{i}.md"),
            &format!("---\ntitle: Question {i}?\n---\nAnswer.\n"),
        );
    }
    for format in ["human", "concise", "json", "sarif", "github"] {
        // `--fail-on never`: the entries' diagnostics alone would exit 0 too, so a non-zero
        // exit can only come from the closed pipe.
        let mut child = std::process::Command::new(bin())
            .args([
                "check",
                dir.path().to_str().unwrap(),
                "--today",
                "2025-01-01",
                "--fail-on",
                "never",
            ])
            .args(["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{format}");
        // The reader is dropped here: the pipe is closed after one line.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(
            stderr.is_empty(),
            "{format}: nothing on stderr, got {stderr}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// --changed-since

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=faqlint",
            "-c",
            "user.email=faqlint@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_since_reports_changed_files_while_corpus_rules_see_everything() {
    let dir = tempdir();
    let root = dir.path();
    // The navigation lists `a`, `a` links to `b`, nothing reaches `lonely`. No entry has tags.
    write(
        root,
        "nav.yml",
        "categories:\n  - id: help\n    title: Help\n    entries: [a]\n",
    );
    write(
        root,
        "en/help/a.md",
        "---\nid: a\ntitle: How do I start?\n---\nSee [next](b.md).\n",
    );
    write(
        root,
        "en/help/b.md",
        "---\nid: b\ntitle: What comes next?\n---\nAnswer.\n",
    );
    write(
        root,
        "en/help/lonely.md",
        "---\nid: lonely\ntitle: Who reads this?\n---\nAnswer.\n",
    );
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "init"]);
    write(
        root,
        "en/help/b.md",
        "---\ntitle: What comes next?\n---\nA longer answer.\n",
    );

    let report = |args: &[&str]| -> Vec<(String, String)> {
        let mut a = vec!["--format", "json", "--fail-on", "never"];
        a.extend(args);
        let doc = json_of(&mut check(root.to_str().unwrap(), &a));
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let all = report(&[]);
    assert!(
        all.contains(&("en/help/a.md".into(), "missing-tags".into())),
        "{all:?}"
    );
    assert!(
        all.contains(&("en/help/b.md".into(), "missing-tags".into())),
        "{all:?}"
    );

    let changed = report(&["--changed-since", "HEAD"]);
    assert!(
        changed.contains(&("en/help/b.md".into(), "missing-tags".into())),
        "{changed:?}"
    );
    assert!(
        changed.iter().all(|(p, _)| p == "en/help/b.md"),
        "only the changed file: {changed:?}"
    );
    // `b` is reached from the unchanged `a`: the orphan rule saw the whole repo.
    assert!(
        !changed.iter().any(|(_, r)| r == "orphan-entry"),
        "{changed:?}"
    );
    assert!(
        all.contains(&("en/help/lonely.md".into(), "orphan-entry".into())),
        "lonely is an orphan: {all:?}"
    );
    assert!(
        !all.iter()
            .any(|(p, r)| r == "orphan-entry" && p != "en/help/lonely.md"),
        "{all:?}"
    );

    // A ref that does not exist is an error.
    check(root.to_str().unwrap(), &["--changed-since", "no-such-ref"])
        .assert()
        .code(2);
}
