//! Helpers shared by the integration tests and benchmarks: lint a directory with a pinned
//! "today" and render diagnostics as stable text.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::{self, Loaded};
use crate::lint::{self, RunOptions, Selection, Settings};
use crate::output::Report;
use crate::rules::Context;
use crate::source::{self, Corpus};

/// Copies the tree `from` into `to` (created), for a test that edits a private copy of a
/// fixture.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The "today" every fixture is judged against.
pub const FIXTURE_TODAY: &str = "2025-01-01";

/// Loads `dir` (with its `faqlint.toml` if any) and lints it with only `select` active
/// (all rules when empty). Returns the corpus and the rendered diagnostics.
pub fn lint_dir(
    dir: &Path,
    select: &[&str],
) -> Result<(Corpus, Vec<crate::diagnostic::Diagnostic>), String> {
    let mut loaded = match config::discover(dir).filter(|p| p.parent() == Some(dir)) {
        Some(p) => config::load(&p).map_err(|e| e.to_string())?,
        None => Loaded::defaults(),
    };
    let prepared = crate::site::prepare(dir, &mut loaded, None);
    let mut select: Vec<String> = select.iter().map(|s| s.to_string()).collect();
    // `unused-suppression` only judges suppressions of rules that ran: its fixtures need
    // the suppressed rules active too, so select every rule (the callers filter by rule).
    if select.iter().any(|s| s == "unused-suppression") {
        select.push("all".to_string());
    }
    let selection = Selection {
        select,
        ignore: Vec::new(),
    };
    let settings = Settings::resolve(&loaded, &selection).map_err(|e| e.to_string())?;
    let corpus = source::load_with(dir, &loaded.config, prepared.generator);
    let today =
        chrono::NaiveDate::parse_from_str(FIXTURE_TODAY, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let analytics = if crate::mine::MineInput::configured(
        &loaded.config,
        settings.is_active("zero-result-query"),
        settings.is_active("low-rated-entry"),
    ) {
        Some(
            crate::mine::MineInput::read(dir, &loaded.config, &[], &[])
                .map_err(|e| e.to_string())?,
        )
    } else {
        None
    };
    let ctx = Context {
        corpus: &corpus,
        config: &loaded.config,
        today,
        analytics: analytics.as_ref(),
    };
    let outcome = lint::lint(&ctx, &settings, RunOptions::default());
    if let Some(e) = outcome.internal_errors.first() {
        return Err(e.to_string());
    }
    Ok((corpus, outcome.diagnostics))
}

/// Stable text for snapshots: `path:line:col rule severity message`, then help and fix
/// (with the fixed text of each edited line).
pub fn render(corpus: &Corpus, diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let report = Report::new(corpus, diagnostics);
    let mut out = String::new();
    for d in diagnostics {
        let p = report.position(d.file, &d.span);
        let text = corpus.text(d.file);
        let _ = writeln!(
            out,
            "{}:{}:{} {} {}: {}\n  | {}",
            report.path(d.file),
            p.line,
            p.column,
            d.severity,
            d.rule,
            d.message,
            text.get(d.span.clone())
                .unwrap_or("")
                .lines()
                .next()
                .unwrap_or("")
        );
        if let Some(h) = &d.help {
            let _ = writeln!(out, "  help: {h}");
        }
        if let Some(f) = &d.fix {
            let _ = writeln!(out, "  fix ({}): {}", f.applicability.as_str(), f.title);
            for e in &f.edits {
                let ep = report.position(e.file, &e.range);
                let _ = writeln!(
                    out,
                    "    {}:{}:{}-{}:{} -> {:?}",
                    report.path(e.file),
                    ep.line,
                    ep.column,
                    ep.end_line,
                    ep.end_column,
                    e.replacement
                );
            }
        }
    }
    out
}

/// A corpus of in-memory files under `/repo`, with the default config.
pub fn corpus_of(files: &[(&str, &str)]) -> Corpus {
    let files = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    Corpus::from_memory(
        std::path::PathBuf::from("/repo"),
        files,
        &crate::config::Config::default(),
    )
}
