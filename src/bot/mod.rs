//! `faqlint bot`: the nightly pull request.
//!
//! - [`plan`] runs the lint + fix engine in memory (safe fixes, plus the unsafe fixes of the
//!   rules and families `[bot] propose-unsafe` names) and groups the changed files into
//!   topics: one pull request for everything, or one per family.
//! - [`body`] renders a topic as a pull-request body: a summary table, then one collapsible
//!   section per changed file with its evidence, diff and rule docs link; every interpolated
//!   text escaped, under GitHub's 65,536-character limit.
//! - [`github`] is the REST client: octocrab's transport and auth, our retries.
//! - [`run`] is the idempotent state machine: open, update in place, close, or stop when a
//!   human pushed to the branch.

pub mod body;
pub mod github;
pub mod plan;
pub mod run;

/// The trailer that marks the bot's commits: any other commit on the branch is a human's.
pub const BOT_TRAILER: &str = "Faqlint-Bot: 1";
/// The trailer carrying the digest of the files a bot commit sets.
pub const TREE_TRAILER: &str = "Faqlint-Tree:";
