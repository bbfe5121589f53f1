//! `faqlint search` on fixture repos: ranking of known questions, French and English analysis,
//! `--locale`, `--limit`, taxonomy synonyms and the JSON contract.

#![allow(
    clippy::unwrap_used,
    clippy::disallowed_methods,
    reason = "test helpers: a failed unwrap is a failed test; fixtures are written directly"
)]

use faqlint::testing::copy_dir;
use std::collections::BTreeSet;

use assert_cmd::Command;
use serde_json::Value;

/// `faqlint search ARGS…` run inside `fixtures/repos/<repo>`.
fn search(repo: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("faqlint"));
    cmd.current_dir(format!(
        "{}/fixtures/repos/{repo}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .env("NO_COLOR", "1")
    .env_remove("FAQLINT_CONFIG")
    .arg("search")
    .args(args);
    cmd
}

fn json(repo: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = search(repo, &all)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn paths(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_contract_has_exactly_these_keys() {
    let v = json("clean", &["congés payés", "--locale", "fr"]);
    assert_eq!(
        keys(&v),
        BTreeSet::from(["version", "query", "locale", "hits"])
    );
    assert_eq!(v["version"], 1);
    assert_eq!(v["query"], "congés payés");
    assert_eq!(v["locale"], "fr");
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(
            keys(h),
            BTreeSet::from(["entry", "path", "title", "score", "matched"])
        );
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["matched"].is_array());
    }
}

#[test]
fn locale_is_null_without_locale() {
    let v = json("clean", &["congés"]);
    assert_eq!(v["locale"], Value::Null);
}

#[test]
fn known_french_question_comes_first() {
    // A visitor's wording of "Fonction publique : congés annuels".
    let v = json("vdd-clean", &["congé annuel fonction publique"]);
    assert_eq!(
        paths(&v)[0],
        "fr/conges-dans-la-fonction-publique/fonction-publique-conges-annuels.md"
    );
}

#[test]
fn known_english_question_comes_first() {
    let v = json(
        "covid-faults",
        &["do I need to show proof of citizenship for the vaccine"],
    );
    let first = &v["hits"][0];
    assert_eq!(
        first["title"],
        "Do I have to show proof of citizenship to get a vaccine?"
    );
}

#[test]
fn singular_without_accent_finds_plural_with_accent() {
    // `conge` (no accent, singular) matches `congés` in titles and answers.
    let v = json("clean", &["conge", "--locale", "fr"]);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{v:#}");
    for h in hits {
        assert!(h["title"].as_str().unwrap().contains("congés"));
        assert_eq!(h["matched"], serde_json::json!(["cong"]));
    }
}

#[test]
fn elisions_match_the_bare_word() {
    // `l'employeur` in the query matches `employeur` and `d'employeur` in entries.
    let a = json("vdd-clean", &["l’employeur", "--limit", "5"]);
    let b = json("vdd-clean", &["employeur", "--limit", "5"]);
    assert_eq!(paths(&a), paths(&b));
    assert_eq!(a["hits"][0]["matched"], serde_json::json!(["employeur"]));
}

#[test]
fn english_plurals_and_stop_words() {
    let v = json(
        "covid-faults",
        &["Are the vaccines safe for pregnant women?", "--limit", "3"],
    );
    let matched: BTreeSet<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["matched"].as_array().unwrap().clone())
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    assert!(matched.contains("vaccin"), "{matched:?}");
    for stop in ["are", "the", "for"] {
        assert!(!matched.contains(stop), "{matched:?}");
    }
}

#[test]
fn locale_restricts_the_hits() {
    let fr = json("clean", &["paid leave congés", "--locale", "fr"]);
    assert!(!paths(&fr).is_empty());
    assert!(paths(&fr).iter().all(|p| p.starts_with("fr/")), "{fr:#}");
    let en = json("clean", &["paid leave congés", "--locale", "en"]);
    assert!(!paths(&en).is_empty());
    assert!(paths(&en).iter().all(|p| p.starts_with("en/")), "{en:#}");
    let all = json("clean", &["paid leave congés"]);
    assert_eq!(paths(&all).len(), 4, "{all:#}");
}

#[test]
fn taxonomy_synonyms_of_tags_are_searchable() {
    // `holidays` is only in the taxonomy, as a synonym of the tag `paid-leave`.
    let v = json("clean", &["holidays", "--locale", "en"]);
    assert_eq!(paths(&v).len(), 2, "{v:#}");
    assert_eq!(v["hits"][0]["matched"], serde_json::json!(["holiday"]));
}

#[test]
fn limit_caps_the_hits() {
    let v = json("vdd-clean", &["salarié", "--limit", "3"]);
    assert_eq!(paths(&v).len(), 3);
    let v = json("vdd-clean", &["salarié", "--limit", "1"]);
    assert_eq!(paths(&v).len(), 1);
}

#[test]
fn no_match_exits_0_with_empty_hits() {
    let v = json("clean", &["xylophone"]);
    assert_eq!(v["hits"], serde_json::json!([]));
    search("clean", &["xylophone"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("no entry matches \"xylophone\""));
}

#[test]
fn only_stop_words_is_no_match() {
    let v = json("clean", &["le la les", "--locale", "fr"]);
    assert_eq!(v["hits"], serde_json::json!([]));
}

#[test]
fn human_output_lists_title_path_score_and_terms() {
    let out = search("clean", &["congés payés", "--locale", "fr"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("2 entries for \"congés payés\" in locale `fr`:"),
        "{out}"
    );
    assert!(out.contains("fr/conges/"), "{out}");
    assert!(out.contains("score "), "{out}");
    assert!(out.contains("matched: cong, pai"), "{out}");
    assert!(!out.contains('\x1b'), "no colour off a terminal: {out}");
}

#[test]
fn colour_highlights_matched_words() {
    let out = search("clean", &["congés", "--locale", "fr", "--color", "always"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("\x1b[1;33mcongés\x1b[0m"), "{out}");
}

#[test]
fn queries_file_prints_one_json_line_per_query() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.txt");
    #[expect(clippy::disallowed_methods, reason = "test fixture")]
    std::fs::write(&file, "congés\nholidays\nxylophone\n").unwrap();
    let out = search("clean", &["--queries-file", file.to_str().unwrap()])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["query"], "holidays");
    assert_eq!(lines[2]["hits"], serde_json::json!([]));
}

#[test]
fn errors_exit_2() {
    search("clean", &["congés", "--config", "does-not-exist.toml"])
        .assert()
        .code(2);
    search("clean", &["--queries-file", "does-not-exist.txt"])
        .assert()
        .code(2);
}

/// `faqlint search --cache ARGS… --format json` in `dir`.
fn cached_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("faqlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FAQLINT_CONFIG")
        .args(["search", "--cache", "--format", "json"])
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The index folders in `.faqlint/index/` (one per content hash).
fn cache_keys(dir: &std::path::Path) -> Vec<String> {
    let mut keys: Vec<String> = std::fs::read_dir(dir.join(".faqlint/index"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    keys.sort();
    keys
}

#[test]
fn cache_is_reused_and_a_changed_entry_invalidates_it() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/clean"),
        &repo,
    )
    .unwrap();
    let uncached = json("clean", &["congés payés", "--locale", "fr"]);

    // First run: built, saved under one hash, same hits as without the cache.
    let first = cached_json(&repo, &["congés payés", "--locale", "fr"]);
    assert_eq!(first, uncached);
    let keys = cache_keys(&repo);
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(keys[0].len(), 64, "a hex SHA-256: {keys:?}");
    assert!(
        repo.join(".faqlint/index")
            .join(&keys[0])
            .join("complete")
            .is_file()
    );
    assert_eq!(
        std::fs::read_to_string(repo.join(".faqlint/index/.gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );

    // Second run, nothing changed: the same folder, the same hits.
    assert_eq!(
        cached_json(&repo, &["congés payés", "--locale", "fr"]),
        uncached
    );
    assert_eq!(cache_keys(&repo), keys);

    // A word added to one answer: a new hash, the old folder gone, and the word is found
    // (a stale index would not know it).
    let entry = repo.join("fr/conges/combien-de-jours-par-mois.md");
    let mut text = std::fs::read_to_string(&entry).unwrap();
    text.push_str("\nVoir aussi le formulaire zorglub.\n");
    std::fs::write(&entry, text).unwrap();
    let found = cached_json(&repo, &["zorglub"]);
    assert_eq!(
        paths(&found),
        ["fr/conges/combien-de-jours-par-mois.md"],
        "{found}"
    );
    let new_keys = cache_keys(&repo);
    assert_eq!(new_keys.len(), 1, "{new_keys:?}");
    assert_ne!(new_keys, keys);
}

#[test]
fn a_damaged_cache_is_rebuilt_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/clean"),
        &repo,
    )
    .unwrap();
    let uncached = json("clean", &["congés payés", "--locale", "fr"]);
    cached_json(&repo, &["congés payés", "--locale", "fr"]);
    let key = cache_keys(&repo).remove(0);
    std::fs::write(
        repo.join(".faqlint/index").join(&key).join("meta.json"),
        "{ not json",
    )
    .unwrap();
    assert_eq!(
        cached_json(&repo, &["congés payés", "--locale", "fr"]),
        uncached
    );
    // …and the damaged copy replaced by a good one.
    let meta = std::fs::read(repo.join(".faqlint/index").join(&key).join("meta.json")).unwrap();
    assert!(serde_json::from_slice::<Value>(&meta).is_ok());
}
