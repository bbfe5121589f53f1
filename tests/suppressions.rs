//! Suppressions hide the diagnostics they cover, in each of their forms, and
//! `--no-suppressions` (`RunOptions::no_suppressions`) shows them again.

use std::path::PathBuf;

use faqlint::config::Loaded;
use faqlint::lint::{self, RunOptions, Selection, Settings};
use faqlint::rules::Context;
use faqlint::source::Corpus;

const FILES: &[(&str, &str)] = &[
    // Control: nothing suppresses this broken link.
    (
        "fr/a/none.md",
        "---\ntitle: Sans suppression ?\ntags: [a]\n---\nVoir [x](absent.md).\n",
    ),
    // A comment alone on a line covers the next block (two lines here).
    (
        "fr/a/block.md",
        "---\ntitle: Bloc ?\ntags: [a]\n---\n<!-- faqlint: ignore[broken-link] page en cours -->\nVoir\n[x](absent.md).\n\nEt [y](absent2.md).\n",
    ),
    // A trailing comment covers its own line only.
    (
        "fr/a/trailing.md",
        "---\ntitle: Fin de ligne ?\ntags: [a]\n---\nVoir [x](absent.md). <!-- faqlint: ignore[broken-link] page en cours -->\nEt [y](absent2.md).\n",
    ),
    // `ignore-file` covers the whole entry.
    (
        "fr/a/file.md",
        "---\ntitle: Fichier ?\ntags: [a]\n---\n<!-- faqlint: ignore-file[broken-link] migration -->\n\nVoir [x](absent.md).\n\nEt [y](absent2.md).\n",
    ),
    // The front-matter form covers the whole entry.
    (
        "fr/a/front.md",
        "---\ntitle: Front matter ?\ntags: [a]\nfaqlint:\n  ignore:\n    - rule: broken-link\n      reason: migration\n---\nVoir [x](absent.md).\n",
    ),
];

/// `path:line` of every broken-link diagnostic.
fn run(no_suppressions: bool) -> Vec<String> {
    let loaded = Loaded::defaults();
    let files = FILES
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    let corpus = Corpus::from_memory(PathBuf::from("/repo"), files, &loaded.config);
    let selection = Selection {
        select: vec!["broken-link".into()],
        ignore: Vec::new(),
    };
    let settings = Settings::resolve(&loaded, &selection).unwrap_or_else(|e| panic!("{e}"));
    let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let ctx = Context {
        corpus: &corpus,
        config: &loaded.config,
        today,
        analytics: None,
    };
    let outcome = lint::lint(&ctx, &settings, RunOptions { no_suppressions });
    assert!(
        outcome.internal_errors.is_empty(),
        "{:?}",
        outcome.internal_errors
    );
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule == "broken-link")
        .map(|d| {
            let text = corpus.text(d.file);
            let line = text[..d.span.start].matches('\n').count() + 1;
            format!("{}:{line}", corpus.file(d.file).path)
        })
        .collect()
}

#[test]
fn suppressions_hide_what_they_cover() {
    assert_eq!(
        run(false),
        [
            "fr/a/block.md:9",    // after the blank line: outside the block
            "fr/a/none.md:5",     // no suppression
            "fr/a/trailing.md:6", // the line after the trailing comment
        ]
    );
}

#[test]
fn no_suppressions_shows_everything() {
    assert_eq!(
        run(true),
        [
            "fr/a/block.md:7",
            "fr/a/block.md:9",
            "fr/a/file.md:7",
            "fr/a/file.md:9",
            "fr/a/front.md:9",
            "fr/a/none.md:5",
            "fr/a/trailing.md:5",
            "fr/a/trailing.md:6",
        ]
    );
}
