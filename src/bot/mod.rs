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

/// Where the linted folder sits in its git checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The commit checked out (`git rev-parse HEAD`).
    pub head: String,
    /// The folder's path from the repository root, `/`-terminated (`docs/`), or empty. Paths
    /// sent to GitHub are repository paths, so the bot prefixes the entries' paths with it.
    pub prefix: String,
}

/// The git checkout of `root`, or `None` when it is not one (or git is not installed).
pub fn checkout_of(root: &std::path::Path) -> Option<Checkout> {
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let head = git(&["rev-parse", "HEAD"])?;
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    Some(Checkout { head, prefix })
}
