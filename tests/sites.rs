//! Fixture sites per generator (`fixtures/sites/<profile>/{clean,faults}`), written from each
//! generator's documentation: the profile is detected from the marker files, the clean twin
//! yields nothing but `unresolved-link` notes, and each planted fault of `FAULTS.md` is found
//! by its rule and nothing else is reported. `init` is snapshotted on each site.

#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // test helpers outside #[test] fns

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use faqlint::testing::FIXTURE_TODAY;

const PROFILES: [&str; 5] = ["hugo", "jekyll", "docusaurus", "mkdocs", "docfx"];

fn site(profile: &str, twin: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/sites/{profile}/{twin}"))
}

fn faqlint(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("faqlint")
        .unwrap_or_else(|e| panic!("faqlint binary: {e}"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("running faqlint: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_json(dir: &Path) -> serde_json::Value {
    let (code, stdout, stderr) = faqlint(
        dir,
        &["check", "--today", FIXTURE_TODAY, "--format", "json"],
    );
    assert_ne!(code, Some(2), "{}: {stderr}", dir.display());
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// (path, rule) of each diagnostic.
fn findings(doc: &serde_json::Value) -> Vec<(String, String)> {
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
}

#[test]
fn clean_sites_report_only_unjudged_links() {
    for p in PROFILES {
        let doc = check_json(&site(p, "clean"));
        assert_eq!(doc["summary"]["profile"], p, "{p}");
        let other: Vec<_> = findings(&doc)
            .into_iter()
            .filter(|(_, rule)| rule != "unresolved-link")
            .collect();
        assert!(other.is_empty(), "{p} clean: {other:#?}");
        assert!(
            doc["summary"]["entries"].as_u64().unwrap() >= 8,
            "{p}: too few entries found: {}",
            doc["summary"]
        );
    }
}

/// The planted faults, from each site's `FAULTS.md` (written with the site, by hand).
fn planted(profile: &str) -> Vec<(&'static str, &'static str)> {
    match profile {
        "hugo" => vec![
            ("content/en/sync/files-not-syncing.md", "broken-link"),
            ("content/en/account/delete-account.md", "redirected-link"),
            ("content/en/account/change-email.md", "orphan-entry"),
            ("content/en/sync/share-a-folder.md", "missing-translation"),
            ("content/en/billing/change-plan.md", "review-overdue"),
            (
                "content/en/getting-started/install-desktop-app.md",
                "broken-link",
            ),
        ],
        "jekyll" => vec![
            ("_articles/en/sync/files-not-syncing.md", "broken-link"),
            ("_articles/en/account/delete-account.md", "redirected-link"),
            ("_articles/en/account/change-email.md", "orphan-entry"),
            ("_articles/en/sync/share-a-folder.md", "missing-translation"),
            ("_articles/en/billing/change-plan.md", "review-overdue"),
            (
                "_articles/en/getting-started/install-desktop-app.md",
                "broken-link",
            ),
        ],
        "docusaurus" => vec![
            ("docs/sync/10.files-not-syncing.md", "broken-link"),
            ("docs/account/delete-account.md", "redirected-link"),
            ("docs/account/change-email.md", "orphan-entry"),
            ("docs/sync/20.share-a-folder.md", "missing-translation"),
            ("docs/billing/change-plan.mdx", "review-overdue"),
            (
                "docs/01-getting-started/01-install-desktop-app.md",
                "broken-link",
            ),
        ],
        "mkdocs" => vec![
            ("docs/sync/files-not-syncing.md", "broken-link"),
            ("docs/account/delete-account.md", "redirected-link"),
            ("docs/account/change-email.md", "orphan-entry"),
            ("docs/sync/share-a-folder.md", "missing-translation"),
            ("docs/billing/change-plan.md", "review-overdue"),
            ("docs/getting-started/install-desktop-app.md", "broken-link"),
        ],
        "docfx" => vec![
            ("en/sync/files-not-syncing.md", "broken-link"),
            ("fr/account/delete-account.md", "redirected-link"),
            ("en/account/change-email.md", "orphan-entry"),
            ("en/sync/share-a-folder.md", "missing-translation"),
            ("en/billing/change-plan.md", "review-overdue"),
            ("en/getting-started/install-desktop-app.md", "broken-link"),
        ],
        _ => unreachable!(),
    }
}

#[test]
fn faults_sites_find_every_planted_fault_and_nothing_else() {
    for p in PROFILES {
        let doc = check_json(&site(p, "faults"));
        let mut found = findings(&doc);
        found.retain(|(_, rule)| rule != "unresolved-link");
        let mut expected: Vec<(String, String)> = planted(p)
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "{p} faults");
    }
}

#[test]
fn faults_sites_concise_snapshots() {
    for p in PROFILES {
        let (code, stdout, stderr) = faqlint(
            &site(p, "faults"),
            &["check", "--today", FIXTURE_TODAY, "--format", "concise"],
        );
        insta::with_settings!({ snapshot_path => "snapshots/sites", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(
                format!("{p}_faults_check"),
                format!("exit: {code:?}\n--- stdout\n{stdout}--- stderr\n{stderr}")
            );
        });
    }
}

#[test]
fn redirect_fixes_keep_each_link_style() {
    for p in PROFILES {
        let (_, stdout, stderr) = faqlint(
            &site(p, "faults"),
            &["fix", "--diff", "--today", FIXTURE_TODAY],
        );
        insta::with_settings!({ snapshot_path => "snapshots/sites", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{p}_faults_fix_diff"), format!("{stdout}--- stderr\n{stderr}"));
        });
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of a fixture site as its own repository (a `.git` folder marks the root).
fn as_repo(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(src, dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let _ = std::fs::remove_file(dir.path().join("faqlint.toml"));
    dir
}

#[test]
fn init_detects_each_generator_and_writes_its_profile() {
    let mut sites: Vec<(String, PathBuf)> = PROFILES
        .iter()
        .map(|p| (p.to_string(), site(p, "clean")))
        .collect();
    sites.push((
        "docfx-subfolder".into(),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites/docfx-subfolder"),
    ));
    for (name, src) in sites {
        let repo = as_repo(&src);
        let (code, _, stderr) = faqlint(repo.path(), &["init"]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        let written = std::fs::read_to_string(repo.path().join("faqlint.toml")).unwrap();
        insta::with_settings!({ snapshot_path => "snapshots/sites", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{name}_init"), format!("--- stderr\n{stderr}--- faqlint.toml\n{written}"));
        });
        // The written config is valid and `check` runs with it.
        let (code, _, stderr) = faqlint(
            repo.path(),
            &["check", "--today", FIXTURE_TODAY, "--format", "concise"],
        );
        assert_ne!(code, Some(2), "{name}: check after init: {stderr}");
    }
}

#[test]
fn init_profile_flag_forces_a_profile() {
    let repo = as_repo(&site("hugo", "clean"));
    let (code, _, stderr) = faqlint(repo.path(), &["init", "--profile", "mkdocs"]);
    assert_eq!(code, Some(0), "{stderr}");
    let written = std::fs::read_to_string(repo.path().join("faqlint.toml")).unwrap();
    assert!(written.contains("profile = \"mkdocs\""), "{written}");
    let (code, _, stderr) = faqlint(repo.path(), &["init", "--force", "--profile", "wordpress"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("unknown profile"), "{stderr}");
}

#[test]
fn docfx_site_in_a_subfolder_is_found_and_clean() {
    let repo =
        as_repo(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites/docfx-subfolder"));
    let (code, stdout, stderr) = faqlint(
        repo.path(),
        &["check", "--today", FIXTURE_TODAY, "--format", "json"],
    );
    assert_ne!(code, Some(2), "{stderr}");
    assert!(stderr.contains("docs/docfx.json"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["summary"]["profile"], "docfx");
    assert_eq!(doc["summary"]["entries"], 3, "{}", doc["summary"]);
    let other: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|(_, rule)| rule != "unresolved-link")
        .collect();
    assert!(other.is_empty(), "{other:#?}");
}

#[test]
fn no_entry_found_exits_2_and_names_what_was_seen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("pages")).unwrap();
    std::fs::copy(
        site("docusaurus", "clean").join("docs/billing/change-plan.mdx"),
        dir.path().join("pages/change-plan.mdx"),
    )
    .unwrap();
    let (code, stdout, stderr) = faqlint(dir.path(), &["check", "--today", FIXTURE_TODAY]);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("no entries found"), "{stderr}");
    assert!(stderr.contains("1 `.mdx`"), "{stderr}");
    assert!(stderr.contains("**/*.md"), "{stderr}");
}

#[test]
fn third_party_trees_are_never_entries() {
    for p in PROFILES {
        let doc = check_json(&site(p, "faults"));
        for (path, _) in findings(&doc) {
            for dir in [
                "vendor/",
                "node_modules/",
                "_site/",
                "themes/",
                "archetypes/",
                "build/",
                "templates/",
            ] {
                assert!(!path.contains(dir), "{p}: {path} reported");
            }
        }
    }
}

#[test]
fn a_broken_generator_navigation_file_is_reported_with_its_line() {
    let repo = as_repo(&site("docfx", "clean"));
    std::fs::write(
        repo.path().join("en/toc.yml"),
        "items:\n- name: Start\n  href: getting-started/install-desktop-app.md\n  items: \"oops\n",
    )
    .unwrap();
    let (code, stdout, stderr) = faqlint(
        repo.path(),
        &[
            "check",
            "--today",
            FIXTURE_TODAY,
            "--format",
            "concise",
            "--select",
            "invalid-nav",
        ],
    );
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stdout.starts_with("en/toc.yml:4:"), "{stdout}");
}

#[test]
fn a_declared_locale_with_no_page_gets_one_note_not_one_finding_per_entry() {
    let repo = as_repo(&site("hugo", "clean"));
    let config = repo.path().join("hugo.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[languages.de]\nlanguageName = \"Deutsch\"\ncontentDir = \"content/de\"\nweight = 3\n",
    );
    std::fs::write(&config, text).unwrap();
    let (code, stdout, stderr) = faqlint(
        repo.path(),
        &[
            "check",
            "--today",
            FIXTURE_TODAY,
            "--format",
            "concise",
            "--select",
            "missing-translation",
        ],
    );
    assert_ne!(code, Some(2), "{stderr}");
    assert!(!stdout.contains("`de`"), "{stdout}");
    assert_eq!(
        stderr.matches("locale `de` is declared").count(),
        1,
        "{stderr}"
    );
}

fn duplicate_findings(dir: &Path) -> Vec<(String, String)> {
    let (code, stdout, stderr) = faqlint(
        dir,
        &[
            "check",
            "--today",
            FIXTURE_TODAY,
            "--select",
            "duplicate",
            "--format",
            "json",
        ],
    );
    assert_ne!(code, Some(2), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    findings(&doc)
}

/// A documentation site (titles are labels): no `overlong-answer` (reference pages are not
/// answers), no `empty-answer` for a code example. Pages sharing a title ("Liquid" in the
/// tutorial and in the reference) or one templated sentence (`and`/`or`) are not
/// duplicates; only the page copied word for word is. The same pages titled as questions
/// (an FAQ) are compared as an FAQ is: the `and`/`or` answers are then near-duplicates.
#[test]
fn documentation_sites_report_only_copied_pages_as_duplicates() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites/mkdocs-reference");
    let repo = as_repo(&fixture);
    // A limit every page of the fixture exceeds: still no `overlong-answer` on documentation.
    std::fs::write(
        repo.path().join("overlong.toml"),
        "[rules.overlong-answer]\nmax-words = 5\n",
    )
    .unwrap();
    assert_eq!(
        duplicate_findings(repo.path()),
        vec![(
            "docs/community/code-of-conduct.md".to_string(),
            "duplicate-question".to_string()
        )]
    );
    let (code, stdout, stderr) = faqlint(
        repo.path(),
        &[
            "check",
            "--today",
            FIXTURE_TODAY,
            "--select",
            "empty-answer,overlong-answer",
            "--config",
            "overlong.toml",
            "--format",
            "json",
        ],
    );
    assert_ne!(code, Some(2), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(findings(&doc).is_empty(), "{stdout}");
    let faq = as_repo(&fixture);
    for (page, question) in [
        ("docs/reference/and.md", "What does and return?"),
        ("docs/reference/or.md", "What does or return?"),
        ("docs/reference/liquid.md", "Which Liquid does Widget run?"),
        ("docs/tutorial/liquid.md", "How do I write a template?"),
        ("docs/index.md", "What is Widget?"),
    ] {
        let p = faq.path().join(page);
        let text = std::fs::read_to_string(&p).unwrap();
        let old = text.lines().nth(1).unwrap().to_string();
        std::fs::write(&p, text.replacen(&old, &format!("title: {question}"), 1)).unwrap();
    }
    let found = duplicate_findings(faq.path());
    assert!(
        found
            .iter()
            .any(|(path, _)| path == "docs/reference/or.md" || path == "docs/reference/and.md"),
        "{found:#?}"
    );
}

/// Docusaurus in `website/` with `path: '../docs'` (Redux, Jest): the entries under `docs/`
/// are found, placed at their doc ids and reached through `website/sidebars.js`.
#[test]
fn docusaurus_docs_beside_the_site_folder_are_found_and_reached() {
    let repo = as_repo(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/sites/docusaurus-website"),
    );
    let doc = check_json(repo.path());
    assert_eq!(doc["summary"]["profile"], "docusaurus");
    assert_eq!(doc["summary"]["entries"], 2, "{}", doc["summary"]);
    let found = findings(&doc);
    assert!(found.is_empty(), "{found:#?}");
}

/// An archetype that leaves `tags: []` in every page (Hugo's own docs: `keywords: []` in 719
/// of 928 pages) does not make a site one that tags its pages: with every tag list of the
/// Hugo fixture emptied (YAML and TOML front matter), `missing-tags` stays silent.
#[test]
fn empty_tag_lists_left_by_an_archetype_do_not_turn_missing_tags_on() {
    let repo = as_repo(&site("hugo", "clean"));
    let mut emptied = 0;
    let mut stack = vec![repo.path().join("content")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let lines: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.starts_with("tags:") {
                        "tags: []".to_string()
                    } else if l.starts_with("tags =") {
                        "tags = []".to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            let new = lines.join("\n") + "\n";
            if new != text {
                std::fs::write(&p, new).unwrap();
                emptied += 1;
            }
        }
    }
    assert!(emptied >= 12, "{emptied}");
    let doc = check_json(repo.path());
    let tags: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|(_, rule)| rule == "missing-tags")
        .collect();
    assert!(tags.is_empty(), "{tags:#?}");
}

/// Hugo pages that are never published are not entries: a headless branch bundle
/// (`cascade: {build: {render: never}}`, Hugo's own docs keep their snippets so in
/// `content/en/_common/`) and a page with its own `build: {render: never}`. A page whose
/// body is an include is not empty; in this FAQ a code example alone still is.
#[test]
fn hugo_unrendered_pages_are_not_entries_and_a_code_only_page_is_not_empty() {
    let repo = as_repo(&site("hugo", "clean"));
    let content = repo.path().join("content/en");
    let before = check_json(repo.path())["summary"]["entries"]
        .as_u64()
        .unwrap();
    std::fs::create_dir_all(content.join("_common")).unwrap();
    std::fs::write(
        content.join("_common/_index.md"),
        "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
    )
    .unwrap();
    // Snippets: no title, no answer of their own, one a copy of the other.
    for name in ["a.md", "b.md"] {
        std::fs::write(
            content.join("_common").join(name),
            "---\n---\n\nSee the menu.\n",
        )
        .unwrap();
    }
    std::fs::write(
        content.join("sync/draft-note.md"),
        "---\ntitle: Internal note\nbuild:\n  render: never\n---\n",
    )
    .unwrap();
    std::fs::write(
        content.join("sync/shared.md"),
        "---\ntitle: Which folders can I share?\ntags: [sync]\nlastmod: 2024-11-20\n---\n\n{{% include \"/_common/a.md\" %}}\n",
    )
    .unwrap();
    std::fs::write(
        content.join("sync/cli.md"),
        "---\ntitle: How do I sync from the command line?\ntags: [sync]\nlastmod: 2024-11-20\n---\n\n```sh\ntandem sync --all\n```\n",
    )
    .unwrap();
    let doc = check_json(repo.path());
    assert_eq!(
        doc["summary"]["entries"].as_u64().unwrap(),
        before + 2,
        "{}",
        doc["summary"]
    );
    let found: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|(path, rule)| {
            path.contains("_common") || path.contains("draft-note") || rule == "empty-answer"
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            "content/en/sync/cli.md".to_string(),
            "empty-answer".to_string()
        )]
    );
}

/// A Jekyll site variable that holds another host's address (`repository:` in
/// `_config.yml`, as Jekyll's own docs do) makes `{{ site.repository }}/issues` a link to
/// that host: not judged, and not an `unresolved-link` note.
#[test]
fn jekyll_site_variables_holding_urls_are_other_hosts() {
    let repo = as_repo(&site("jekyll", "clean"));
    let config = repo.path().join("_config.yml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\nrepository: https://github.com/tandem/help\n"),
    )
    .unwrap();
    let page = repo.path().join("_articles/en/account/reset-password.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nStill stuck? [Open an issue]({{{{ site.repository }}}}/issues/new).\nOr see [this]({{{{ site.unknown }}}}/x).\n"),
    )
    .unwrap();
    let doc = check_json(repo.path());
    let notes: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["path"] == "_articles/en/account/reset-password.md" && d["rule"] == "unresolved-link"
        })
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].contains("site.unknown"), "{notes:#?}");
}

/// A Jekyll blog post is news of its day: its `date` is when it was published, so it is not
/// overdue for review; a post that carries an explicit `last_reviewed` is judged by it.
#[test]
fn blog_posts_are_not_overdue_unless_they_carry_a_review_date() {
    let repo = as_repo(&site("jekyll", "clean"));
    let posts = repo.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2019-03-01-new-desktop-app.md"),
        "---\ntitle: Our new desktop app\ndate: 2019-03-01\n---\n\nTandem 2 is out, with faster sync.\n",
    )
    .unwrap();
    std::fs::write(
        posts.join("2019-04-01-sync-limits.md"),
        "---\ntitle: What are the sync limits?\ndate: 2019-04-01\nlast_reviewed: 2019-04-01\n---\n\nUp to 10,000 files per folder.\n",
    )
    .unwrap();
    let doc = check_json(repo.path());
    let overdue: Vec<_> = findings(&doc)
        .into_iter()
        .filter(|(path, rule)| rule == "review-overdue" && path.starts_with("_posts/"))
        .collect();
    assert_eq!(
        overdue,
        vec![(
            "_posts/2019-04-01-sync-limits.md".to_string(),
            "review-overdue".to_string()
        )]
    );
}
