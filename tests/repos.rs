//! Whole knowledge repos under `fixtures/repos/`, linted by the binary with a pinned today and
//! snapshotted per format: the bundled example (the README's first command), a clean repo (the
//! self-lint: exits 0, no output), and the Hugo and Docusaurus field mappings.

use std::path::PathBuf;

use assert_cmd::Command;
use faqlint::testing::FIXTURE_TODAY;

fn check(repo: &str, format: &str) -> (Option<i32>, String, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let output = Command::cargo_bin("faqlint")
        .unwrap_or_else(|e| panic!("faqlint binary: {e}"))
        .current_dir(&root)
        .args([
            "check",
            &format!("fixtures/repos/{repo}"),
            "--today",
            FIXTURE_TODAY,
            "--format",
            format,
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("running faqlint: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stdout, stderr)
}

/// Snapshot of the exit code, stdout and stderr of one run.
fn snapshot(repo: &str, format: &str) -> String {
    let (code, stdout, stderr) = check(repo, format);
    assert_ne!(
        code,
        Some(2),
        "{repo}: usage/config/internal error:\n{stderr}"
    );
    format!(
        "exit: {}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        code.map_or("signal".into(), |c| c.to_string())
    )
}

#[test]
fn example_concise() {
    insta::assert_snapshot!(snapshot("example", "concise"));
}

#[test]
fn example_json() {
    let (code, stdout, stderr) = check("example", "json");
    assert_ne!(code, Some(2), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"));
    insta::assert_json_snapshot!(json);
}

#[test]
fn example_reports_several_families() {
    let (_, stdout, _) = check("example", "json");
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e})"));
    let families: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .map(|ds| ds.iter().filter_map(|d| d["family"].as_str()).collect())
        .unwrap_or_default();
    for family in ["stale", "orphan", "tagging", "structure"] {
        assert!(
            families.contains(family),
            "the example shows no `{family}` finding: {families:?}"
        );
    }
}

#[test]
fn clean_exits_0_with_no_finding() {
    for format in ["concise", "json", "human"] {
        let (code, stdout, stderr) = check("clean", format);
        assert_eq!(
            code,
            Some(0),
            "clean repo ({format}) exits {code:?}:\n{stdout}\n{stderr}"
        );
        if format == "json" {
            let json: serde_json::Value =
                serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e})"));
            assert_eq!(
                json["diagnostics"],
                serde_json::json!([]),
                "clean repo has findings:\n{stdout}"
            );
            assert_eq!(
                json["summary"]["entries"], 4,
                "clean repo should have 4 entries:\n{stdout}"
            );
        }
    }
    insta::assert_snapshot!(snapshot("clean", "concise"));
}

#[test]
fn hugo_concise() {
    insta::assert_snapshot!(snapshot("hugo", "concise"));
}

#[test]
fn docusaurus_concise() {
    insta::assert_snapshot!(snapshot("docusaurus", "concise"));
}
