//! Front matter in the formats of the common site generators: YAML (`---`), TOML (`+++`,
//! Hugo) and JSON (a `{…}` object, Hugo), with their date conventions. Each is read into the
//! same fields, reports its syntax errors with a line, and takes safe fixes in its own
//! syntax.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::path::PathBuf;

use faqlint::config::{Config, Loaded};
use faqlint::fix::{self, FixOutcome, FixRequest};
use faqlint::lint::{self, RunOptions, Selection, Settings};
use faqlint::rules::Context;
use faqlint::source::front_matter::{self, Format};
use faqlint::source::{Corpus, LoadProblem};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

fn corpus_with(config: &Config, files: &[(&str, &str)]) -> Corpus {
    let files = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    Corpus::from_memory(PathBuf::from("/repo"), files, config)
}

fn settings(loaded: &Loaded, select: &[&str]) -> Settings {
    let selection = Selection {
        select: select.iter().map(|s| s.to_string()).collect(),
        ignore: Vec::new(),
    };
    Settings::resolve(loaded, &selection).unwrap()
}

/// The rendered diagnostics of `select` on an in-memory corpus.
fn lint_render(files: &[(&str, &str)], select: &[&str]) -> String {
    let loaded = Loaded::defaults();
    let corpus = corpus_with(&loaded.config, files);
    let ctx = Context {
        corpus: &corpus,
        config: &loaded.config,
        today: today(),
        analytics: None,
    };
    let outcome = lint::lint(&ctx, &settings(&loaded, select), RunOptions::default());
    assert!(outcome.internal_errors.is_empty());
    faqlint::testing::render(&corpus, &outcome.diagnostics)
}

fn fix_files(files: &[(&str, &str)], select: &[&str], unsafe_fixes: bool) -> FixOutcome {
    let loaded = Loaded::defaults();
    let s = settings(&loaded, select);
    let req = FixRequest {
        settings: &s,
        config: &loaded.config,
        today: today(),
        run: RunOptions::default(),
        unsafe_fixes,
        writable: None,
        analytics: None,
    };
    fix::fix_corpus(corpus_with(&loaded.config, files), &req).unwrap()
}

fn toml_of(text: &str) -> toml::Table {
    let split = front_matter::split(text).unwrap();
    assert_eq!(split.format, Format::Toml);
    toml::from_str(&text[split.yaml]).unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"))
}

fn json_of(text: &str) -> serde_json::Value {
    let split = front_matter::split(text).unwrap();
    assert_eq!(split.format, Format::Json);
    serde_json::from_str(&text[split.yaml]).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"))
}

const TOML_ENTRY: &str = "\u{feff}+++\r\n\
    id = \"pw-reset\"\r\n\
    title = 'How do I reset my password?'\r\n\
    tags = [\"account\", 'pwd'] # c\r\n\
    lastmod = 2024-03-01T10:00:00Z\r\n\
    draft = true\r\n\
    [menu.main]\r\n\
    weight = 3\r\n\
    +++\r\n\
    Body text.\r\n";

#[test]
fn toml_front_matter_with_bom_and_crlf_is_read() {
    let c = corpus_with(&Config::default(), &[("en/account/pw.md", TOML_ENTRY)]);
    assert!(c.files[0].problems.is_empty(), "{:?}", c.files[0].problems);
    assert!(c.files[0].bom);
    let text = c.text(c.entries[0].file);
    let e = &c.entries[0];
    assert_eq!(e.front_matter_format, Format::Toml);
    assert!(e.has_front_matter);
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    assert_eq!(e.id, "pw-reset");
    let title = e.title.as_ref().unwrap();
    assert_eq!(title.value, "How do I reset my password?");
    assert_eq!(&text[title.span.clone()], "'How do I reset my password?'");
    assert_eq!(title.key(text), "title");
    let tags: Vec<(&str, &str)> = e
        .tags
        .iter()
        .map(|t| (t.value.as_str(), &text[t.span.clone()]))
        .collect();
    assert_eq!(tags, [("account", "\"account\""), ("pwd", "'pwd'")]);
    let reviewed = e.last_reviewed.as_ref().unwrap();
    assert_eq!(reviewed.value.to_string(), "2024-03-01");
    assert_eq!(&text[reviewed.span.clone()], "2024-03-01T10:00:00Z");
    assert!(e.draft);
    assert!(e.in_menu);
    let keys: Vec<&str> = e.key_values(text).map(|(k, _, _)| k).collect();
    assert_eq!(keys, ["id", "title", "tags", "lastmod", "draft", "menu"]);
    assert_eq!(&text[e.body_range.clone()], "Body text.\r\n");
    // Re-parsing goes through the TOML reader too.
    let root = e.front_matter(text).unwrap();
    assert_eq!(root.get("id").unwrap().as_str(), Some("pw-reset"));
}

const JSON_ENTRY: &str = "{\r\n  \"id\": \"pw-reset\",\r\n  \"title\": \"How do I reset my \\\"password\\\"?\",\r\n  \"tags\": [\"account\", \"pwd\"],\r\n  \"lastmod\": \"2024-03-01T10:00:00+01:00\",\r\n  \"draft\": false,\r\n  \"categories\": [\"billing\", \"faq\"]\r\n}\r\nBody text.\r\n";

#[test]
fn json_front_matter_is_read() {
    let mut config = Config::default();
    config.fields.category.push("categories".into());
    let c = corpus_with(&config, &[("en/account/pw.md", JSON_ENTRY)]);
    assert!(c.files[0].problems.is_empty(), "{:?}", c.files[0].problems);
    let text = c.text(c.entries[0].file);
    let e = &c.entries[0];
    assert_eq!(e.front_matter_format, Format::Json);
    assert!(e.problems.is_empty(), "{:?}", e.problems);
    assert_eq!(e.id, "pw-reset");
    assert_eq!(
        e.title.as_ref().unwrap().value,
        "How do I reset my \"password\"?"
    );
    assert_eq!(&text[e.tags[1].span.clone()], "\"pwd\"");
    assert_eq!(
        e.last_reviewed.as_ref().unwrap().value.to_string(),
        "2024-03-01"
    );
    assert!(!e.draft);
    assert_eq!(e.category.as_deref(), Some("billing"));
    assert_eq!(&text[e.body_range.clone()], "Body text.\r\n");

    // A BOM, a one-line object, a body on the closing line.
    let c = corpus_with(
        &config,
        &[(
            "en/a/b.md",
            "\u{feff}{\"id\": \"x\", \"tags\": \"billing\"} Body",
        )],
    );
    assert!(c.files[0].problems.is_empty(), "{:?}", c.files[0].problems);
    let e = &c.entries[0];
    assert_eq!(e.id, "x");
    assert_eq!(e.tags[0].value, "billing");
    assert_eq!(&c.files[0].text[e.body_range.clone()], " Body");
}

#[test]
fn generator_dates_and_jekyll_fields() {
    let mut config = Config::default();
    config.repo.date_formats = vec!["%m/%d/%Y".into()];
    config.fields.last_reviewed.push("ms.date".into());
    config.fields.category.push("categories".into());
    let c = corpus_with(
        &config,
        &[
            // DocFX
            (
                "en/a/docfx.md",
                "---\ntitle: T?\nms.date: 01/05/2026\n---\n",
            ),
            // Jekyll
            (
                "en/a/jekyll.md",
                "---\ntitle: T?\ndate: 2024-03-01 10:00:00 +0100\nupdated: 2024-03-01 10:00:00 +0100\ncategories: billing two\ntags: billing\n---\n",
            ),
            (
                "en/a/jekyll-list.md",
                "---\ntitle: T?\ncategories: [billing, faq]\n---\n",
            ),
            // Hugo, TOML local date
            (
                "en/a/hugo.md",
                "+++\ntitle = \"T?\"\nlastmod = 2024-03-01\n+++\n",
            ),
            ("en/a/slashes.md", "---\nupdated: 2024/03/01\n---\n"),
        ],
    );
    let by = |p: &str| c.entry_by_path(p).unwrap();
    assert_eq!(
        by("en/a/docfx.md").last_reviewed.as_ref().unwrap().value,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    );
    let j = by("en/a/jekyll.md");
    assert!(j.problems.is_empty(), "{:?}", j.problems);
    assert_eq!(
        j.last_reviewed.as_ref().unwrap().value.to_string(),
        "2024-03-01"
    );
    assert_eq!(j.category.as_deref(), Some("billing"));
    assert_eq!(
        j.tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
        ["billing"]
    );
    assert_eq!(
        by("en/a/jekyll-list.md").category.as_deref(),
        Some("billing")
    );
    for p in ["en/a/hugo.md", "en/a/slashes.md"] {
        assert_eq!(
            by(p).last_reviewed.as_ref().unwrap().value.to_string(),
            "2024-03-01",
            "{p}"
        );
    }
}

#[test]
fn an_unknown_date_names_the_formats_and_the_option() {
    let out = lint_render(
        &[(
            "en/a/x.md",
            "+++\ntitle = \"T?\"\nlastmod = \"01/05/2026\"\ndraft = \"maybe\"\n+++\n",
        )],
        &["invalid-field-type"],
    );
    assert!(
        out.contains(
            "en/a/x.md:3:11 error invalid-field-type: `lastmod` must be a date, found a string"
        ),
        "{out}"
    );
    assert!(out.contains("`repo.date-formats`"), "{out}");
    assert!(
        out.contains("write `draft = true` or `draft = false`"),
        "{out}"
    );
}

#[test]
fn broken_front_matter_is_reported_with_its_line() {
    let files = [
        ("en/a/unclosed.md", "+++\ntitle = \"T\"\nBody\n"),
        (
            "en/a/toml.md",
            "+++\r\ntitle = \"T\"\r\ntags = [\"a\" \"b\"]\r\n+++\r\nBody\r\n",
        ),
        (
            "en/a/dup.md",
            "\u{feff}+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n",
        ),
        (
            "en/a/json.md",
            "{\n  \"title\": \"T\",\n  tags: [a]\n}\nBody\n",
        ),
        ("en/a/json-open.md", "{\n  \"title\": \"T\n}\nBody\n"),
        ("en/a/json-unclosed.md", "{\n  \"title\": \"T\"\nBody\n"),
    ];
    let c = corpus_with(&Config::default(), &files);
    for (i, (path, _)) in files.iter().enumerate() {
        let problems = &c.files[i].problems;
        assert_eq!(problems.len(), 1, "{path}: {problems:?}");
        match (&problems[0], *path) {
            (LoadProblem::UnclosedFrontMatter, "en/a/unclosed.md" | "en/a/json-unclosed.md") => {}
            (LoadProblem::InvalidYaml { message, .. }, "en/a/toml.md" | "en/a/dup.md") => {
                assert!(message.starts_with("TOML: "), "{message}");
            }
            (LoadProblem::InvalidYaml { message, .. }, _) => {
                assert!(message.starts_with("JSON: "), "{message}");
            }
            (p, _) => panic!("{path}: {p:?}"),
        }
    }
    let out = lint_render(&files, &["invalid-front-matter"]);
    for line in [
        "en/a/unclosed.md:1:1 error invalid-front-matter",
        "en/a/toml.md:3:13 error invalid-front-matter",
        "en/a/dup.md:3:1 error invalid-front-matter",
        "en/a/json.md:3:3 error invalid-front-matter",
        "en/a/json-open.md:2:12 error invalid-front-matter",
        "en/a/json-unclosed.md:1:1 error invalid-front-matter",
    ] {
        assert!(out.contains(line), "no `{line}` in:\n{out}");
    }
}

const TAXONOMY: &str =
    "locales:\n  en:\n    tags: [password, login, account]\n    synonyms: { pwd: password }\n";

#[test]
fn synonym_fix_on_toml_front_matter_changes_only_the_tag() {
    let out = fix_files(
        &[("taxonomy.yml", TAXONOMY), ("en/account/pw.md", TOML_ENTRY)],
        &["synonym-tag"],
        false,
    );
    assert!(out.rejected.is_empty(), "{:?}", out.rejected);
    assert_eq!(out.changed.len(), 1);
    let c = &out.changed[0];
    assert!(c.bom);
    let before = TOML_ENTRY.trim_start_matches('\u{feff}');
    assert_eq!(c.after, before.replace("'pwd'", "'password'"));
    let t = toml_of(&c.after);
    assert_eq!(t["tags"][1].as_str(), Some("password"));
    assert!(t["lastmod"].is_datetime());
    assert!(out.remaining.diagnostics.is_empty());
}

#[test]
fn synonym_fix_on_json_front_matter_changes_only_the_tag() {
    let out = fix_files(
        &[("taxonomy.yml", TAXONOMY), ("en/account/pw.md", JSON_ENTRY)],
        &["synonym-tag"],
        false,
    );
    assert!(out.rejected.is_empty(), "{:?}", out.rejected);
    assert_eq!(out.changed.len(), 1);
    let after = &out.changed[0].after;
    assert_eq!(*after, JSON_ENTRY.replace("\"pwd\"]", "\"password\"]"));
    assert_eq!(json_of(after)["tags"][1], "password");
}

#[test]
fn removing_fixes_keep_toml_and_json_valid() {
    // `pwd` → `password`, already listed: the item goes.
    let toml = "+++\ntitle = \"T?\"\ntags = [\n  \"password\",\n  \"pwd\", # old\n]\n+++\nBody\n";
    let json = "{\"title\": \"T?\", \"tags\": [\"pwd\", \"password\"]}\nBody\n";
    let out = fix_files(
        &[
            ("taxonomy.yml", TAXONOMY),
            ("en/account/a.md", toml),
            ("en/account/b.md", json),
        ],
        &["synonym-tag", "duplicate-tag"],
        false,
    );
    assert!(out.rejected.is_empty(), "{:?}", out.rejected);
    assert_eq!(out.changed.len(), 2);
    let a = &out.changed[0].after;
    assert_eq!(toml_of(a)["tags"].as_array().unwrap().len(), 1, "{a}");
    let b = &out.changed[1].after;
    assert_eq!(b, "{\"title\": \"T?\", \"tags\": [\"password\"]}\nBody\n");
    json_of(b);
}

#[test]
fn review_fix_writes_a_toml_date_and_a_json_string() {
    let toml = "+++\ntitle = \"T?\"\nlastmod = 2020-01-01T10:00:00Z\n+++\nBody\n";
    let json = "{\n  \"title\": \"T?\",\n  \"lastmod\": \"2020-01-01\"\n}\nBody\n";
    let out = fix_files(
        &[("en/account/a.md", toml), ("en/account/b.md", json)],
        &["review-overdue"],
        true,
    );
    assert!(out.rejected.is_empty(), "{:?}", out.rejected);
    let after: Vec<&str> = out.changed.iter().map(|c| c.after.as_str()).collect();
    assert_eq!(
        after,
        [
            "+++\ntitle = \"T?\"\nlastmod = 2025-01-01\n+++\nBody\n",
            "{\n  \"title\": \"T?\",\n  \"lastmod\": \"2025-01-01\"\n}\nBody\n",
        ]
    );
    toml_of(after[0]);
    json_of(after[1]);
}
