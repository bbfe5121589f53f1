//! The fix engine on fixtures: a diff snapshot per fixable rule, and a matrix of front-matter
//! styles proving that a fix changes only the bytes it targets.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use faqlint::config::{self, Config, Loaded};
use faqlint::fix::{self, FixOutcome, FixRequest};
use faqlint::lint::{RunOptions, Selection, Settings};
use faqlint::rules::registry::{self, FixKind};
use faqlint::source::{self, Corpus};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

fn settings(loaded: &Loaded, select: &[&str]) -> Settings {
    let selection = Selection {
        select: select.iter().map(|s| s.to_string()).collect(),
        ignore: Vec::new(),
    };
    Settings::resolve(loaded, &selection).unwrap()
}

fn run_fix(
    corpus: Corpus,
    loaded: &Loaded,
    settings: &Settings,
    unsafe_fixes: bool,
    writable: Option<&HashSet<String>>,
) -> FixOutcome {
    // The `search` rules' fixes come from the fixture's analytics exports.
    let analytics = faqlint::mine::MineInput::configured(
        &loaded.config,
        settings.is_active("zero-result-query"),
        settings.is_active("low-rated-entry"),
    )
    .then(|| faqlint::mine::MineInput::read(&corpus.root, &loaded.config, &[], &[]).unwrap());
    let req = FixRequest {
        settings,
        config: &loaded.config,
        today: today(),
        run: RunOptions::default(),
        unsafe_fixes,
        writable,
        analytics: analytics.as_ref(),
    };
    fix::fix_corpus(corpus, &req).unwrap()
}

/// Loads a fixture folder with its own `faqlint.toml`, if any.
fn load_dir(dir: &Path) -> (Loaded, Corpus) {
    let loaded = match config::discover(dir).filter(|p| p.parent() == Some(dir)) {
        Some(p) => config::load(&p).unwrap(),
        None => Loaded::defaults(),
    };
    let corpus = source::load(dir, &loaded.config);
    (loaded, corpus)
}

/// The unified diffs of a fix run, with `\r` and a BOM made visible.
fn render_diff(out: &FixOutcome) -> String {
    let mut s = String::new();
    for c in &out.changed {
        if c.bom {
            s.push_str(&format!("(BOM kept on {})\n", c.path));
        }
        s.push_str(&c.unified_diff().replace('\r', "␍"));
    }
    s
}

#[test]
fn every_fixable_rule_has_a_fix_diff_snapshot() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut without_change = Vec::new();
    for r in registry::all() {
        let unsafe_fixes = match r.meta.fix {
            FixKind::Safe => false,
            FixKind::Unsafe => true,
            FixKind::None | FixKind::DisplayOnly => continue,
        };
        let dir = fixtures.join(r.id).join("fail");
        let (loaded, corpus) = load_dir(&dir);
        let s = settings(&loaded, &[r.id]);
        let out = run_fix(corpus, &loaded, &s, unsafe_fixes, None);
        if out.changed.is_empty() {
            without_change.push(r.id);
            continue;
        }
        assert!(
            out.rejected.is_empty(),
            "{}: rejected fixes {:?}",
            r.id,
            out.rejected
        );
        assert!(
            out.remaining.diagnostics.iter().all(|d| d.rule != r.id
                || d.fix.as_ref().is_none_or(|f| f.applicability
                    < if unsafe_fixes {
                        faqlint::diagnostic::Applicability::Unsafe
                    } else {
                        faqlint::diagnostic::Applicability::Safe
                    })),
            "{}: a fixable diagnostic survived the fix",
            r.id
        );
        // Idempotent: fixing the fixed corpus changes nothing.
        let again = run_fix(out.corpus, &loaded, &s, unsafe_fixes, None);
        assert!(
            again.changed.is_empty(),
            "{}: second run changed {:?}",
            r.id,
            again.changed
        );
        // `out.corpus` was moved; re-run to render.
        let (loaded, corpus) = load_dir(&dir);
        let out = run_fix(corpus, &loaded, &s, unsafe_fixes, None);
        insta::with_settings!({ snapshot_path => "snapshots/fix", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("fix-{}", r.id), render_diff(&out));
        });
    }
    assert!(
        without_change.is_empty(),
        "fixable rules whose fail fixture yields no fix: {without_change:?}"
    );
}

#[test]
fn paths_limit_the_files_that_change() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/synonym-tag/fail");
    let (loaded, corpus) = load_dir(&dir);
    let s = settings(&loaded, &["synonym-tag"]);
    let only: HashSet<String> = ["en/account/both.md".to_string()].into();
    let out = run_fix(corpus, &loaded, &s, false, Some(&only));
    let paths: Vec<&str> = out.changed.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["en/account/both.md"]);
}

// ---- style matrix -------------------------------------------------------------------------

const TAXONOMY: &str = "locales:\n  en:\n    tags: [password, login, account]\n    synonyms: { pwd: password }\n    deprecated: { signon: login }\n";

#[derive(Debug, Clone, Copy)]
enum ListStyle {
    Block,
    Flow,
}

#[derive(Debug, Clone, Copy)]
enum Quote {
    Plain,
    Single,
    Double,
}

#[derive(Debug, Clone, Copy)]
enum Body {
    Tabs,
    Dashes,
    NoTrailingNewline,
}

#[derive(Debug, Clone, Copy)]
enum Case {
    /// synonym-tag: `pwd` → `password`.
    Synonym,
    /// deprecated-tag: `signon` → `login`.
    Deprecated,
    /// duplicate-tag: the second `account` goes.
    Duplicate,
}

fn quote(q: Quote, s: &str) -> String {
    match q {
        Quote::Plain => s.to_string(),
        Quote::Single => format!("'{s}'"),
        Quote::Double => format!("\"{s}\""),
    }
}

/// Builds an entry; returns its text and the tag (as written) that the fix targets.
fn entry(
    case: Case,
    list: ListStyle,
    q: Quote,
    body: Body,
    crlf: bool,
) -> (String, String, Vec<&'static str>) {
    let (tags, target, expected): (Vec<&str>, &str, Vec<&str>) = match case {
        Case::Synonym => (
            vec!["account", "pwd", "login"],
            "pwd",
            vec!["account", "password", "login"],
        ),
        Case::Deprecated => (
            vec!["signon", "account"],
            "signon",
            vec!["login", "account"],
        ),
        Case::Duplicate => (
            vec!["account", "login", "account"],
            "account",
            vec!["account", "login"],
        ),
    };
    let written: Vec<String> = tags.iter().map(|t| quote(q, t)).collect();
    let tags_yaml = match list {
        ListStyle::Block => {
            let mut s = String::from("tags: # reviewed by support\n");
            for (i, t) in written.iter().enumerate() {
                s.push_str(&format!(
                    "  - {t}{}\n",
                    if i == 0 { "   # first" } else { "" }
                ));
            }
            s
        }
        ListStyle::Flow => format!("tags: [{}] # flow\n", written.join(", ")),
    };
    let body = match body {
        Body::Tabs => "Open\tSettings.\n\n\tIndented with a tab.\n",
        Body::Dashes => "Intro.\n\n---\n\ntags: [not, front, matter]\n---\n",
        Body::NoTrailingNewline => "No final newline.",
    };
    let text = format!(
        "---\n# entry about passwords\nid: pw-1\ntitle: 'How do I reset my password?'\n{tags_yaml}last_reviewed: \"2024-11-02\"\nowner: ana   # team\n---\n{body}"
    );
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    (text, quote(q, target), expected)
}

#[test]
fn style_matrix_changes_only_the_target_bytes() {
    let mut count = 0;
    for case in [Case::Synonym, Case::Deprecated, Case::Duplicate] {
        for list in [ListStyle::Block, ListStyle::Flow] {
            for q in [Quote::Plain, Quote::Single, Quote::Double] {
                for body in [Body::Tabs, Body::Dashes, Body::NoTrailingNewline] {
                    for crlf in [false, true] {
                        for bom in [false, true] {
                            check_one(case, list, q, body, crlf, bom);
                            count += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 216);
}

fn check_one(case: Case, list: ListStyle, q: Quote, body: Body, crlf: bool, bom: bool) {
    let label = format!("{case:?}/{list:?}/{q:?}/{body:?}/crlf={crlf}/bom={bom}");
    let (text, target, expected) = entry(case, list, q, body, crlf);
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    let files = vec![
        ("taxonomy.yml".to_string(), TAXONOMY.as_bytes().to_vec()),
        ("en/account/pw.md".to_string(), bytes.clone()),
    ];
    let loaded = Loaded::defaults();
    let corpus = Corpus::from_memory(PathBuf::from("/repo"), files, &Config::default());
    let s = settings(&loaded, &["synonym-tag", "deprecated-tag", "duplicate-tag"]);
    let out = run_fix(corpus, &loaded, &s, false, None);
    assert_eq!(out.changed.len(), 1, "{label}: expected one changed file");
    let changed = &out.changed[0];
    let new_bytes = changed.bytes();

    // BOM kept (and only when there was one).
    assert_eq!(
        new_bytes.starts_with("\u{feff}".as_bytes()),
        bom,
        "{label}: BOM"
    );
    // Line endings kept: no bare `\n` in a CRLF file.
    if crlf {
        let after = &changed.after;
        let bare = after
            .match_indices('\n')
            .any(|(i, _)| i == 0 || after.as_bytes()[i - 1] != b'\r');
        assert!(!bare, "{label}: a bare LF in a CRLF file:\n{after}");
    }
    // Only the target's line (block) or the tags line (flow) changed: the bytes before and
    // after the changed region are identical to the original's.
    let old = bytes.as_slice();
    let new = new_bytes.as_slice();
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(old.len().min(new.len()) - prefix);
    let changed_old = prefix..old.len() - suffix;
    let target_at = match case {
        // The later occurrence is the one removed.
        Case::Duplicate => text.rfind(&target).unwrap(),
        _ => text.find(&target).unwrap(),
    } + if bom { 3 } else { 0 };
    let line_start = old[..target_at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = old[target_at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(old.len(), |i| target_at + i + 1);
    assert!(
        changed_old.start >= line_start && changed_old.end <= line_end,
        "{label}: changed bytes {changed_old:?} outside the target line {line_start}..{line_end}:\n{}\n=>\n{}",
        String::from_utf8_lossy(old),
        String::from_utf8_lossy(new)
    );
    // A replaced tag keeps the quoting style it was written in.
    let replaced = match case {
        Case::Synonym => Some("password"),
        Case::Deprecated => Some("login"),
        Case::Duplicate => None,
    };
    if let Some(r) = replaced {
        let new_line =
            String::from_utf8_lossy(&new[line_start..new.len() - (old.len() - line_end)])
                .to_string();
        assert!(
            new_line.contains(&quote(q, r)),
            "{label}: `{r}` not written as {}: {new_line:?}",
            quote(q, r)
        );
    }
    // The result parses, with the expected tags, and the same other fields.
    let entry = &out.corpus.entries[0];
    assert!(
        out.corpus.files[1].problems.is_empty(),
        "{label}: {:?}",
        out.corpus.files[1].problems
    );
    let tags: Vec<&str> = entry.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, expected, "{label}");
    assert_eq!(entry.id, "pw-1");
    assert_eq!(entry.owner.as_ref().map(|o| o.value.as_str()), Some("ana"));
    // The body is byte-identical.
    let body_of =
        |t: &str| t[faqlint::source::front_matter::split(t).unwrap().body_start..].to_string();
    assert_eq!(
        body_of(&changed.after),
        body_of(&text),
        "{label}: body changed"
    );
}
