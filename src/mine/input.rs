//! The analytics a mining run reads: the search log, the votes, and the settings. Loaded
//! before linting (rules never do I/O) and handed to the `search` rules through
//! [`crate::rules::Context`].

use std::path::{Path, PathBuf};

use crate::analytics::{self, InputError, SearchLog, VoteTable};
use crate::config::Config;

use super::MineSettings;

/// Search log, votes and settings of one run.
#[derive(Debug, Clone, Default)]
pub struct MineInput {
    pub searches: SearchLog,
    pub votes: Option<VoteTable>,
    pub settings: MineSettings,
}

impl MineInput {
    /// Reads the exports: `searches`/`votes` when given (paths as the user typed them),
    /// else those of `[analytics]`, relative to the repo `root`. Malformed rows and
    /// redactions are in the logs' `reports`.
    pub fn read(
        root: &Path,
        config: &Config,
        searches: &[PathBuf],
        votes: &[PathBuf],
    ) -> Result<MineInput, InputError> {
        let cfg = &config.analytics;
        let resolve = |given: &[PathBuf], configured: &[String]| -> Vec<PathBuf> {
            if given.is_empty() {
                configured.iter().map(|p| root.join(p)).collect()
            } else {
                given.to_vec()
            }
        };
        let search_paths = resolve(searches, &cfg.searches);
        let vote_paths = resolve(votes, &cfg.votes);
        let searches = if search_paths.is_empty() {
            SearchLog::default()
        } else {
            analytics::read_searches(&search_paths, cfg)?
        };
        let votes = if vote_paths.is_empty() {
            None
        } else {
            Some(analytics::read_votes(&vote_paths, cfg)?)
        };
        Ok(MineInput {
            searches,
            votes,
            settings: MineSettings::from_config(config),
        })
    }

    /// Whether the config names exports the active `search` rules would read.
    pub fn configured(config: &Config, zero_result_active: bool, low_rated_active: bool) -> bool {
        let a = &config.analytics;
        zero_result_active && !a.searches.is_empty() || low_rated_active && !a.votes.is_empty()
    }
}
