//! `faqlint mine`: search analytics turned into tag and synonym suggestions, content gaps and
//! entries to review; `--apply` writes the edits through the fix engine.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::check::Workspace;
use super::{ConfigArgs, note, warn};
use crate::ExitStatus;
use crate::analytics::ReadReport;
use crate::fix::{self, FixRequest};
use crate::lint::{RunOptions, Selection};
use crate::mine::{self, MineInput, report};

/// Output of `mine`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MineFormat {
    Human,
    Json,
    /// A table for a pull-request body (user text escaped).
    Markdown,
}

/// Flags that override `[analytics.model]`.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct ModelFlags {
    /// Model: drop the locale's stop words from queries.
    #[arg(long)]
    pub model_stop_words: bool,
    /// Model: stem words (French/English Snowball).
    #[arg(long)]
    pub model_stemming: bool,
    /// Model: typo tolerance (edits per word, 0-2; none under 5 letters).
    #[arg(long, value_name = "N")]
    pub model_typos: Option<u8>,
    /// Model: entry fields searched (comma-separated: title, tags, synonyms, body).
    #[arg(long, value_name = "FIELDS", value_delimiter = ',')]
    pub model_fields: Vec<String>,
}

impl ModelFlags {
    pub fn apply(&self, c: &mut crate::config::SearchModelConfig) {
        if self.model_stop_words {
            c.stop_words = true;
        }
        if self.model_stemming {
            c.stemming = true;
        }
        if let Some(t) = self.model_typos {
            c.typos = t;
        }
        if !self.model_fields.is_empty() {
            c.fields = self.model_fields.clone();
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct MineArgs {
    /// Search exports (repeatable or comma-separated; default: `[analytics] searches`).
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub searches: Vec<PathBuf>,
    /// Vote exports (repeatable or comma-separated; default: `[analytics] votes`).
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub votes: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MineFormat::Human)]
    pub format: MineFormat,
    /// Write the tag and synonym suggestions into the entries and the taxonomy.
    #[arg(long)]
    pub apply: bool,
    #[command(flatten)]
    pub model: ModelFlags,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Reads the search and vote exports (CLI paths relative to the working directory, config
/// paths relative to the repo root) and reports what reading found on stderr.
pub(crate) fn load_input(
    ws: &Workspace,
    searches: &[PathBuf],
    votes: &[PathBuf],
) -> anyhow::Result<MineInput> {
    let a = &ws.loaded.config.analytics;
    if searches.is_empty() && votes.is_empty() && a.searches.is_empty() && a.votes.is_empty() {
        anyhow::bail!(
            "no search export: pass --searches FILE or set `[analytics] searches` in faqlint.toml"
        );
    }
    let input = MineInput::read(&ws.root, &ws.loaded.config, searches, votes)
        .context("cannot read the analytics exports")?;
    for r in &input.searches.reports {
        report_read(r);
    }
    for r in input.votes.iter().flat_map(|v| &v.reports) {
        report_read(r);
    }
    Ok(input)
}

/// Malformed rows, truncation and redactions of one export, on stderr.
fn report_read(r: &ReadReport) {
    for m in &r.malformed {
        // Line 0: the stream itself failed (a cut gzip file), no row to point at.
        if m.line == 0 {
            warn(&format!("{}: {}", r.path, m.message));
        } else {
            warn(&format!("{}:{}: {}", r.path, m.line, m.message));
        }
    }
    if r.malformed_count > r.malformed.len() as u64 {
        warn(&format!(
            "{}: {} malformed rows in all (first {} shown)",
            r.path,
            r.malformed_count,
            r.malformed.len()
        ));
    }
    if r.truncated {
        warn(&format!("{}: the file ends in the middle of a row", r.path));
    }
    let redacted: u64 = r.redacted.values().sum();
    if redacted > 0 {
        let kinds: Vec<String> = r
            .redacted
            .iter()
            .map(|(k, n)| format!("{n} {}", k.placeholder()))
            .collect();
        note(&format!(
            "{}: {redacted} personal data redacted ({})",
            r.path,
            kinds.join(", ")
        ));
    }
}

fn open(config: &ConfigArgs, select: &[&str]) -> anyhow::Result<Workspace> {
    let selection = Selection {
        select: select.iter().map(|s| s.to_string()).collect(),
        ignore: Vec::new(),
    };
    Workspace::open(&[], config, &selection, None)
}

pub fn run(args: &MineArgs) -> anyhow::Result<ExitStatus> {
    let mut ws = open(&args.config, &["zero-result-query", "low-rated-entry"])?;
    args.model.apply(&mut ws.loaded.config.analytics.model);
    let input = load_input(&ws, &args.searches, &args.votes)?;
    let result = mine::mine(&ws.corpus, &input);
    let mut out = std::io::stdout().lock();
    match args.format {
        MineFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report::to_json(&ws.corpus, &result))?;
            writeln!(out)?;
        }
        MineFormat::Human => out.write_all(report::human(&ws.corpus, &result).as_bytes())?,
        MineFormat::Markdown => out.write_all(report::markdown(&ws.corpus, &result).as_bytes())?,
    }
    out.flush()?;
    drop(out);
    if !args.apply {
        return Ok(ExitStatus::Clean);
    }
    apply(ws, &input)
}

/// `--apply`: runs the `zero-result-query` rule through the fix engine with unsafe fixes,
/// so the edits are exactly the rule's fixes (format-preserving, atomic writes).
fn apply(ws: Workspace, input: &MineInput) -> anyhow::Result<ExitStatus> {
    let selection = Selection {
        select: vec!["zero-result-query".into()],
        ignore: Vec::new(),
    };
    let settings = crate::lint::Settings::resolve(&ws.loaded, &selection)?;
    let request = FixRequest {
        settings: &settings,
        config: &ws.loaded.config,
        today: ws.today,
        run: RunOptions::default(),
        unsafe_fixes: true,
        writable: None,
        analytics: Some(input),
    };
    let outcome = fix::fix_corpus(ws.corpus, &request)?;
    for r in &outcome.rejected {
        warn(&r.to_string());
    }
    let mut failed = false;
    for (path, err) in fix::write_changes(&outcome.changed) {
        let mut e = std::io::stderr().lock();
        let _ = writeln!(e, "error: {path}: cannot write the edited file: {err}");
        failed = true;
    }
    note(&format!(
        "applied {} suggestions in {} files",
        outcome.applied,
        outcome.changed.len()
    ));
    for e in &outcome.internal_errors {
        warn(e);
    }
    Ok(if failed || !outcome.internal_errors.is_empty() {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    })
}

/// Used by `check` and `fix`: the analytics named in `[analytics]`, when the `search` rules
/// run.
pub(crate) fn configured_input(ws: &Workspace) -> anyhow::Result<Option<MineInput>> {
    let wanted = MineInput::configured(
        &ws.loaded.config,
        ws.settings.is_active("zero-result-query"),
        ws.settings.is_active("low-rated-entry"),
    );
    if !wanted {
        return Ok(None);
    }
    load_input(ws, &[], &[]).map(Some)
}
