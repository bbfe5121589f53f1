//! What faqlint asks of git: files changed since a ref, and each file's last commit date.
//! It runs the `git` binary (present wherever the knowledge repo is a checkout).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Spawn(#[from] std::io::Error),
    #[error("git {args} failed: {stderr}")]
    Failed { args: String, stderr: String },
}

fn git(root: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Paths (relative to `root`, `/`-separated) changed between `since` and the working tree,
/// including untracked files.
pub fn changed_since(root: &Path, since: &str) -> Result<HashSet<String>, GitError> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])?
        .trim()
        .to_string();
    let mut set = HashSet::new();
    let diff = git(
        root,
        &["diff", "--name-only", "--relative", "-z", since, "--"],
    )?;
    let untracked = git(root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in diff.split('\0').chain(untracked.split('\0')) {
        if !p.is_empty() {
            set.insert(p.to_string());
        }
    }
    let _ = prefix;
    Ok(set)
}

/// The date of the last commit touching each file under `root`, in one `git log` pass.
pub fn last_commit_dates(root: &Path) -> Result<HashMap<String, NaiveDate>, GitError> {
    let out = git(
        root,
        &[
            "log",
            "--format=%x00%cs",
            "--name-only",
            "--relative",
            "--no-renames",
            ".",
        ],
    )?;
    let mut dates = HashMap::new();
    let mut current: Option<NaiveDate> = None;
    for line in out.lines() {
        if let Some(d) = line.strip_prefix('\0') {
            current = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
        } else if !line.is_empty()
            && let Some(d) = current
        {
            dates.entry(line.to_string()).or_insert(d);
        }
    }
    Ok(dates)
}
