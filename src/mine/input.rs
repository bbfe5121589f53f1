//! The analytics a mining run reads: the search log, the votes, and the settings. Loaded in
//! the CLI layer (rules never do I/O) and handed to the `search` rules through
//! [`crate::rules::Context`].

use crate::analytics::{SearchLog, VoteTable};

use super::MineSettings;

/// Search log, votes and settings of one run.
#[derive(Debug, Clone, Default)]
pub struct MineInput {
    pub searches: SearchLog,
    pub votes: Option<VoteTable>,
    pub settings: MineSettings,
}
