//! `faqlint mine` and `faqlint replay` through the binary, on the closed-loop fixture
//! `fixtures/mine/repo` (entries, taxonomy, a search export and a votes export), and the
//! `search` rules in `check`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)] // test helpers outside #[test] fns; fixtures written directly

use faqlint::testing::copy_dir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/mine/repo")
}

/// A private copy of the fixture repo.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path()).unwrap();
    dir
}

fn faqlint(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("faqlint")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = faqlint(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn zero_result_searches(dir: &Path) -> u64 {
    json(dir, &["replay", "--format", "json"])["zero_result_searches"]
        .as_u64()
        .unwrap()
}

#[test]
fn replay_counts_answered_and_zero_result_searches() {
    let v = json(&fixture(), &["replay", "--format", "json"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["searches"], 119);
    // Answered: `bulletin de salaire` (30), `préavis démission` (20).
    assert_eq!(v["answered_searches"], 50);
    assert_eq!(v["zero_result_searches"], 69);
    // `congé maternités` and `conge maternites` are one normalised query.
    assert_eq!(v["queries"], 6);
    assert_eq!(v["zero_result_queries"], 4);
    assert_eq!(v["model"]["stemming"], false);
    // Human output says the same.
    let o = faqlint(&fixture(), &["replay"]);
    assert!(
        stdout(&o)
            .starts_with("119 searches (6 distinct queries): 50 answered, 69 without results"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn replay_hits_lists_entry_ids_per_query() {
    let v = json(&fixture(), &["replay", "--format", "json", "--hits"]);
    let detail = v["queries_detail"].as_array().unwrap();
    let bulletin = detail
        .iter()
        .find(|q| q["query"] == "bulletin de salaire")
        .unwrap();
    assert_eq!(bulletin["hits"], serde_json::json!(["bulletin"]));
}

#[test]
fn mine_json_contract_has_exactly_the_documented_keys() {
    let v = json(&fixture(), &["mine", "--format", "json"]);
    assert_eq!(v["version"], 1);
    let suggestions = v["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    for s in suggestions {
        for key in [
            "kind", "entry", "locale", "tag", "synonym", "searches", "queries", "before", "after",
        ] {
            assert!(s.get(key).is_some(), "missing `{key}` in {s}");
        }
    }
    let kinds: Vec<&str> = suggestions
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        // Two content gaps: `teletravail indemnite internet` is not a variant of
        // `teletravail indemnite` (another word count).
        [
            "add-synonym",
            "add-tag",
            "content-gap",
            "content-gap",
            "review-entry"
        ],
        "{v:#}"
    );
    let syn = &suggestions[0];
    assert_eq!(syn["entry"], "maternite");
    assert_eq!(syn["tag"], "maternite");
    assert_eq!(syn["synonym"], "maternites");
    assert_eq!(syn["searches"], 45);
    assert_eq!(syn["before"], 69);
    assert_eq!(syn["after"], 24);
    let tag = &suggestions[1];
    assert_eq!(tag["entry"], "preavis");
    assert_eq!(tag["tag"], "convention");
    assert_eq!(tag["synonym"], serde_json::Value::Null);
    assert_eq!(
        (tag["before"].as_u64(), tag["after"].as_u64()),
        (Some(24), Some(12))
    );
    let gap = &suggestions[2];
    assert_eq!(gap["entry"], serde_json::Value::Null);
    assert_eq!(gap["searches"], 9);
    assert_eq!(
        gap["queries"],
        serde_json::json!(["teletravail indemnite internet"])
    );
    assert_eq!(gap["before"], serde_json::Value::Null);
    let review = &suggestions[4];
    assert_eq!(review["entry"], "preavis");
    assert_eq!(review["votes"]["down"], 9);
    let summary = &v["summary"];
    assert_eq!(summary["zero_result_searches_before"], 69);
    assert_eq!(summary["zero_result_searches_after"], 12);
    // 57 newly answered searches x 10 % x 6 EUR: an estimate, named so.
    assert_eq!(summary["contacts_avoided_estimate"], 5.7);
}

#[test]
fn mine_apply_then_replay_closes_the_loop() {
    let dir = copy();
    let root = dir.path();
    let before_zero = zero_result_searches(root);
    let untouched = std::fs::read_to_string(root.join("fr/paie/bulletin.md")).unwrap();
    let o = faqlint(root, &["mine", "--apply", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after_zero = zero_result_searches(root);
    assert_eq!((before_zero, after_zero), (69, 12));
    // Only the tag list and the taxonomy's synonyms changed; comments survive.
    assert_eq!(
        std::fs::read_to_string(root.join("fr/contrat/preavis.md")).unwrap(),
        std::fs::read_to_string(fixture().join("fr/contrat/preavis.md"))
            .unwrap()
            .replace("tags: [preavis]", "tags: [preavis, convention]")
    );
    assert_eq!(
        std::fs::read_to_string(root.join("taxonomy.yml")).unwrap(),
        std::fs::read_to_string(fixture().join("taxonomy.yml"))
            .unwrap()
            .replace(
                "      congés: conges\n",
                "      congés: conges\n      maternites: maternite\n"
            )
    );
    assert_eq!(
        std::fs::read_to_string(root.join("fr/conges/maternite.md")).unwrap(),
        std::fs::read_to_string(fixture().join("fr/conges/maternite.md")).unwrap()
    );
    assert_eq!(
        std::fs::read_to_string(root.join("fr/paie/bulletin.md")).unwrap(),
        untouched
    );
    // Mining again finds nothing left to edit: the loop converged.
    let v = json(root, &["mine", "--format", "json"]);
    assert!(
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["kind"] != "add-tag" && s["kind"] != "add-synonym"),
        "{v:#}"
    );
}

#[test]
fn markdown_escapes_queries() {
    let dir = copy();
    let root = dir.path();
    faqlint::fix::write_atomic(
        &root.join("analytics/searches.csv"),
        b"query,count,nb_hits\n\"teletravail | <b>@admin</b> `x` #12\",7,0\n",
    )
    .unwrap();
    let o = faqlint(root, &["mine", "--format", "markdown"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = stdout(&o);
    assert!(md.contains("| # | kind |"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
    assert!(!md.contains("@admin"), "{md}");
    assert!(md.contains("@\u{200b}admin"), "{md}");
    assert!(md.contains("\\|"), "{md}");
    assert!(md.contains("#\u{200b}12"), "{md}");
    assert!(md.contains("Estimate"), "{md}");
}

#[test]
fn check_with_analytics_reports_search_rules_with_unsafe_fixes() {
    let v = json(
        &fixture(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "search",
            "--fail-on",
            "never",
        ],
    );
    let diags: Vec<&serde_json::Value> = v["diagnostics"].as_array().unwrap().iter().collect();
    let zero: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "zero-result-query")
        .collect();
    assert_eq!(zero.len(), 4, "{v:#}");
    let on_entry = zero
        .iter()
        .find(|d| d["path"] == "fr/contrat/preavis.md")
        .unwrap();
    assert_eq!(on_entry["fix"]["applicability"], "unsafe", "{on_entry:#}");
    let on_taxonomy = zero.iter().find(|d| d["path"] == "taxonomy.yml").unwrap();
    assert_eq!(on_taxonomy["fix"]["applicability"], "unsafe");
    assert_eq!(zero.iter().filter(|d| d["path"] == "nav.yml").count(), 2);
    let low: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] == "low-rated-entry")
        .collect();
    assert_eq!(low.len(), 1);
    assert_eq!(low[0]["path"], "fr/contrat/preavis.md");
}

#[test]
fn check_without_analytics_is_silent_on_search_rules() {
    let v = json(
        &fixture(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "search",
        ],
    );
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn explain_zero_result_query() {
    let o = faqlint(&fixture(), &["explain", "zero-result-query"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("## What it does"));
}

#[test]
fn a_missing_export_is_an_error_naming_the_file() {
    let o = faqlint(&fixture(), &["mine", "--searches", "nope.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.csv"));
}

/// A site without a taxonomy (the Docusaurus fixture, its taxonomy.yml removed): the tags
/// its entries use are the vocabulary, a word the entry's text supports becomes a tag, no
/// synonym is proposed (there is no file to hold it), and `--apply` closes the loop.
#[test]
fn a_site_without_taxonomy_gets_tags_from_its_own_text() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/docusaurus"),
        dir.path(),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("taxonomy.yml")).unwrap();
    // "archive" and "csv" are in export-my-data's answer, not in its title or tags;
    // "invoice" is in no entry at all.
    std::fs::write(
        dir.path().join("searches.csv"),
        "query,count,nb_hits\nexport archive,30,0\nexport csv,8,0\ninvoice vat,5,0\n",
    )
    .unwrap();
    let j = json(
        dir.path(),
        &["mine", "--searches", "searches.csv", "--format", "json"],
    );
    let s = j["suggestions"].as_array().unwrap();
    let tags: Vec<(&str, &str)> = s
        .iter()
        .filter(|x| x["kind"] == "add-tag")
        .map(|x| (x["entry"].as_str().unwrap(), x["tag"].as_str().unwrap()))
        .collect();
    assert_eq!(
        tags,
        vec![("export-my-data", "archive"), ("export-my-data", "csv")],
        "{j:#}"
    );
    assert!(s.iter().all(|x| x["kind"] != "add-synonym"), "{j:#}");
    assert!(
        s.iter()
            .any(|x| x["kind"] == "content-gap" && x["queries"][0] == "invoice vat"),
        "{j:#}"
    );
    let o = faqlint(
        dir.path(),
        &["mine", "--searches", "searches.csv", "--apply"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let entry = std::fs::read_to_string(dir.path().join("docs/account/export-my-data.md")).unwrap();
    assert!(
        entry.contains("tags: [account, privacy, archive, csv]"),
        "{entry}"
    );
    assert!(!dir.path().join("taxonomy.yml").exists());
    let after = json(
        dir.path(),
        &["replay", "--searches", "searches.csv", "--format", "json"],
    );
    assert_eq!(after["zero_result_searches"], 5, "{after:#}");
}
