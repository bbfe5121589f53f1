//! Command-line interface: argument parsing and the subcommands.

mod bot;
mod check;
mod debug;
mod explain;
mod fix;
mod init;
mod mine;
mod replay;
mod search;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::ExitStatus;
use crate::diagnostic::Severity;
use crate::output::Format;

#[derive(Debug, Parser)]
#[command(
    name = "faqlint",
    version,
    about = "Keeps a docs-as-code FAQ healthy: finds stale, duplicate, orphaned and poorly tagged entries.",
    after_help = "Exit codes: 0 nothing at or above --fail-on, 1 diagnostics remain, 2 usage, config, I/O or internal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint the knowledge repo (or only PATHS) and report diagnostics.
    Check(CheckArgs),
    /// List every rule: id, family, default severity, fix applicability.
    Rules(RulesArgs),
    /// Print the documentation of a rule.
    Explain(ExplainArgs),
    /// Write a commented starter `faqlint.toml` in the current directory.
    Init(InitArgs),
    /// Apply safe fixes in place (`check --fix`); `--unsafe-fixes` adds unsafe ones,
    /// `--diff` prints them as a unified diff and writes nothing.
    Fix(CheckArgs),
    /// Search the entries as a visitor would: ranked entries with the matching terms
    /// (French and English analysed: accents, elisions, plurals, stop words).
    Search(SearchArgs),
    /// Open or update the nightly pull request on GitHub with the fixes and suggestions
    /// (one per run, updated in place, safe to re-run); `--dry-run` prints it instead.
    Bot(bot::BotArgs),
    /// Turn the searches that found nothing (and entries voted down) into tag and synonym
    /// suggestions, content gaps and entries to review; `--apply` writes the edits.
    Mine(mine::MineArgs),
    /// Run a search log through the model of the site search: answered and zero-result
    /// searches.
    Replay(replay::ReplayArgs),
    /// Internal tools for benchmarks (not a stable interface).
    #[command(hide = true, subcommand)]
    Debug(DebugCommand),
}

#[derive(Debug, Subcommand, Clone)]
pub enum DebugCommand {
    /// Scores question pairs with `duplicate-question`'s similarity: reads a CSV whose
    /// first two columns are questions (a header row first) and prints, per pair, the
    /// score and the remaining columns, tab-separated.
    Similarity(SimilarityArgs),
    /// Reads search (and vote) exports as `mine` does and prints what they aggregate to:
    /// per-file reports, totals, redactions and the most searched queries.
    Aggregate(debug::AggregateArgs),
}

#[derive(Debug, Args, Clone)]
pub struct SimilarityArgs {
    /// The CSV of pairs.
    #[arg(long, value_name = "FILE")]
    pub pairs: PathBuf,
    /// Locale of the questions (analyzer: stemmer and stop words).
    #[arg(long, default_value = "en")]
    pub locale: String,
    /// Also print the analysed tokens of both questions.
    #[arg(long)]
    pub tokens: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ConfigArgs {
    /// Use this config file instead of discovering `faqlint.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore any `faqlint.toml`: defaults only.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Files or directories to report on (default: the whole repo). Corpus-wide rules
    /// still see every entry.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Only these rules or families (comma-separated; repeatable).
    #[arg(long, value_name = "RULE|FAMILY")]
    pub select: Vec<String>,
    /// Skip these rules or families (comma-separated; repeatable).
    #[arg(long, value_name = "RULE|FAMILY")]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Report only diagnostics in files changed since this git ref (PR checks).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// The date staleness is measured against (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Report suppressed diagnostics too.
    #[arg(long)]
    pub no_suppressions: bool,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub fixes: FixFlags,
}

/// Fix flags shared by `check` and `fix`.
#[derive(Debug, Args, Clone, Default)]
pub struct FixFlags {
    /// Apply safe fixes in place (what `faqlint fix` does).
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (implies --fix).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing; exit 1 when there are changes.
    #[arg(long)]
    pub diff: bool,
}

impl FixFlags {
    pub fn any(&self) -> bool {
        self.fix || self.unsafe_fixes || self.diff
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on diagnostics (still 2 on errors of the tool).
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (see `faqlint rules`).
    pub rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words a visitor would type.
    #[arg(required_unless_present = "queries_file")]
    pub query: Option<String>,
    /// Only entries of this locale (the query is analysed for it); default: every locale.
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// How many entries to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Human)]
    pub format: SearchFormat,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Keep the index on disk in `.faqlint/index/` at the repo root, reused while no entry
    /// changes (the folder is named by a hash of what is indexed).
    #[arg(long)]
    pub cache: bool,
    /// Benchmarks: run every line of FILE as a query, one JSON line per query.
    #[arg(long, value_name = "FILE", hide = true, conflicts_with = "query")]
    pub queries_file: Option<PathBuf>,
    /// Benchmarks: print index build and query times to stderr.
    #[arg(long, hide = true)]
    pub timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing `faqlint.toml`.
    #[arg(long)]
    pub force: bool,
    /// Use this site profile instead of detecting it from the generator's marker files.
    #[arg(long, value_name = "NAME", value_parser = parse_profile)]
    pub profile: Option<crate::config::Profile>,
}

fn parse_profile(s: &str) -> Result<crate::config::Profile, String> {
    crate::config::Profile::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = crate::config::Profile::ALL
            .iter()
            .map(|p| p.name())
            .collect();
        format!("unknown profile `{s}`; one of: {}", names.join(", "))
    })
}

fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => explain::rules(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Init(args) => init::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Bot(args) => bot::run(&args),
        Command::Mine(args) => mine::run(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Debug(DebugCommand::Similarity(args)) => debug::similarity(&args),
        Command::Debug(DebugCommand::Aggregate(args)) => debug::aggregate(&args),
    }
}

/// Writes a note line to stderr.
pub(crate) fn note(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "note: {message}");
}

/// Writes a warning line to stderr.
pub(crate) fn warn(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "warning: {message}");
}
