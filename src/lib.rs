//! faqlint: a linter, fixer and bot for docs-as-code FAQs and knowledge bases.
//!
//! Flow: load → parse → index → rules → diagnostics → suppressions → fix or emit.

pub mod analytics;
pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod index;
pub mod lint;
pub mod mine;
pub mod output;
pub mod rules;
pub mod similarity;
pub mod site;
pub mod source;
pub mod suppression;
#[doc(hidden)]
pub mod testing;

/// How a run ended; becomes a process exit code only in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    Clean,
    /// Diagnostics remain (or `--diff` has changes).
    Findings,
    /// Usage, config, I/O or internal error.
    Error,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitStatus> {
    cli::run(cli)
}
