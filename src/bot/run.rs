//! The idempotent state machine: one pull request per topic, updated in place.
//!
//! Per topic (head branch), after `GET` of the repo (default branch) and of the base ref:
//!
//! 1. `GET pulls?head=owner:branch&state=open` and `GET git/ref/heads/branch`.
//! 2. Branch exists: `GET compare/{base}...{branch}`. Any commit without the
//!    `Faqlint-Bot: 1` trailer is a person's: comment once on the pull request (the comment
//!    carries the branch head, so re-runs do not repeat it) and stop — nothing is moved.
//! 3. Nothing to propose: close the pull request and delete the branch.
//! 4. The branch is on the current base and holds exactly the desired files (the blob shas
//!    computed locally match the compare's, and the commit's `Faqlint-Tree` digest
//!    matches): no write. Otherwise a new commit is made on the base head (blobs → tree on
//!    the base tree → commit whose only parent is the base head: no merge commits) and the
//!    branch is created or force-moved to it.
//! 5. Pull request: created (with labels, reviewers, assignees) when there is none, its
//!    title and body patched when the body's digest differs, else left alone (so a title or
//!    labels a person edited stay as they are).
//!
//! No half-made state survives a failure: blobs, trees and commits nobody references are
//! garbage-collected by GitHub; the ref is created or moved only as the last git step, the
//! pull request only once the ref exists; a ref left without a pull request (a run that
//! died between the two) is completed, or deleted when there is nothing to propose, on the
//! next run.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::body;
use super::github::{ApiError, Client, Comparison, TreeContent, git_blob_sha};
use super::plan::Topic;
use super::{BOT_TRAILER, TREE_TRAILER};

/// Above this many files, contents go inline in the tree request instead of one blob
/// request each (GitHub's secondary limit: about 80 content-creating requests a minute).
pub const MAX_BLOB_CALLS: usize = 50;

/// What the run does besides the topics' content.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Base branch; default: the repo's default branch.
    pub base: Option<String>,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
    pub assignees: Vec<String>,
    /// The commit the linted checkout is at, when it is a git checkout: it must be the base
    /// head, or the proposed files would undo the base's newer edits to them.
    pub checkout_head: Option<String>,
}

/// A topic ready to send: the plan's topic and its rendered body.
pub struct Desired<'a> {
    pub topic: &'a Topic,
    pub body: String,
}

/// What happened to one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to propose and nothing open.
    Nothing,
    /// The branch and pull request already hold this content.
    Unchanged {
        pr: u64,
    },
    Opened {
        pr: u64,
        url: String,
    },
    /// The branch was rebuilt (`rebuilt`) and/or the body patched (`body`).
    Updated {
        pr: u64,
        rebuilt: bool,
        body: bool,
    },
    /// Nothing left: pull request closed (if one was open), branch deleted.
    Closed {
        pr: Option<u64>,
    },
    /// A person pushed to the branch: commented (unless already done for this head), stopped.
    HumanCommits {
        pr: Option<u64>,
        commented: bool,
    },
}

impl Outcome {
    pub fn describe(&self, branch: &str) -> String {
        match self {
            Outcome::Nothing => format!("{branch}: nothing to propose"),
            Outcome::Unchanged { pr } => format!("{branch}: pull request #{pr} is up to date"),
            Outcome::Opened { pr, url } => format!("{branch}: opened pull request #{pr} {url}"),
            Outcome::Updated { pr, rebuilt, body } => {
                let what = match (rebuilt, body) {
                    (true, true) => "branch rebuilt on the base, description updated",
                    (true, false) => "branch rebuilt on the base",
                    (false, true) => "description updated",
                    (false, false) => "nothing changed",
                };
                format!("{branch}: pull request #{pr}: {what}")
            }
            Outcome::Closed { pr: Some(pr) } => {
                format!(
                    "{branch}: nothing left to propose: closed pull request #{pr}, deleted the branch"
                )
            }
            Outcome::Closed { pr: None } => {
                format!("{branch}: nothing left to propose: deleted the branch")
            }
            Outcome::HumanCommits { pr, commented } => {
                let mut s = format!(
                    "{branch}: someone else committed to the branch: the bot leaves it alone until it is merged or deleted"
                );
                if let (Some(pr), true) = (pr, commented) {
                    let _ = write!(s, " (commented on #{pr})");
                }
                s
            }
        }
    }
}

/// Sorted (path, blob sha) of a topic's changes, and their digest.
fn desired_files(topic: &Topic) -> (BTreeMap<String, String>, String) {
    let files: BTreeMap<String, String> = topic
        .changes
        .iter()
        .map(|c| (c.path.clone(), git_blob_sha(&c.bytes)))
        .collect();
    let mut h = Sha256::new();
    for (p, s) in &files {
        h.update(p.as_bytes());
        h.update([0]);
        h.update(s.as_bytes());
        h.update(b"\n");
    }
    let digest = h
        .finalize()
        .iter()
        .take(16)
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
    (files, digest)
}

fn is_bot_commit(message: &str) -> bool {
    message.lines().any(|l| l.trim() == BOT_TRAILER)
}

fn tree_digest_of(message: &str) -> Option<&str> {
    message
        .lines()
        .find_map(|l| l.trim().strip_prefix(TREE_TRAILER))
        .map(str::trim)
}

/// The commit message of a bot commit.
pub fn commit_message(topic: &Topic, digest: &str) -> String {
    let mut rules: Vec<&str> = topic
        .changes
        .iter()
        .flat_map(|c| c.evidence.iter().map(|e| e.rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    format!(
        "{}\n\n{} changed by faqlint ({}).\n\n{BOT_TRAILER}\n{TREE_TRAILER} {digest}\n",
        topic.title,
        if topic.changes.len() == 1 {
            "1 file".to_string()
        } else {
            format!("{} files", topic.changes.len())
        },
        rules.join(", ")
    )
}

/// Whether the branch already holds exactly the desired files on the current base.
fn same_content(
    cmp: &Comparison,
    base_sha: &str,
    files: &BTreeMap<String, String>,
    digest: &str,
) -> bool {
    if cmp.merge_base != base_sha || cmp.behind_by > 0 {
        return false;
    }
    let Some(head) = cmp.commits.last() else {
        return false;
    };
    if tree_digest_of(&head.message) != Some(digest) {
        return false;
    }
    // The compare lists at most 300 files; beyond that the digest alone decides.
    if cmp.files.len() < 300 {
        let theirs: BTreeMap<&str, &str> = cmp
            .files
            .iter()
            .filter(|f| f.status != "removed")
            .filter_map(|f| f.sha.as_deref().map(|s| (f.filename.as_str(), s)))
            .collect();
        let ours: BTreeMap<&str, &str> = files
            .iter()
            .map(|(p, s)| (p.as_str(), s.as_str()))
            .collect();
        if theirs != ours || cmp.files.iter().any(|f| f.status == "removed") {
            return false;
        }
    }
    true
}

const HUMAN_MARKER: &str = "<!-- faqlint-bot human-commits:";

/// Makes the desired commit on `base_sha` and returns its sha. No ref is touched.
async fn build_commit(
    client: &Client,
    topic: &Topic,
    base_sha: &str,
    digest: &str,
) -> Result<String, ApiError> {
    let base_tree = client.commit_tree(base_sha).await?;
    let mut entries = Vec::with_capacity(topic.changes.len());
    for c in &topic.changes {
        let text = std::str::from_utf8(&c.bytes)
            .map_err(|e| ApiError::Setup(format!("{}: not UTF-8: {e}", c.path)))?;
        let content = if topic.changes.len() <= MAX_BLOB_CALLS {
            TreeContent::Blob(client.create_blob(text).await?)
        } else {
            TreeContent::Inline(text.to_string())
        };
        entries.push((c.path.clone(), content));
    }
    let tree = client.create_tree(&base_tree, &entries).await?;
    client
        .create_commit(&commit_message(topic, digest), &tree, base_sha)
        .await
}

/// Runs one topic against the repo. `base` is the base branch, `base_sha` its head.
pub async fn run_topic(
    client: &Client,
    desired: &Desired<'_>,
    base: &str,
    base_sha: &str,
    opts: &RunOptions,
) -> Result<Outcome, ApiError> {
    let topic = desired.topic;
    let branch = topic.branch.as_str();
    let pr = client.open_pull(branch).await?;
    let head = client.branch_sha(branch).await?;
    let (files, digest) = desired_files(topic);

    let mut rebuilt = false;
    match &head {
        Some(head_sha) => {
            let cmp = client.compare(base_sha, head_sha).await?;
            let foreign = cmp.commits.iter().any(|c| !is_bot_commit(&c.message))
                || cmp.total_commits > cmp.commits.len() as u64;
            if foreign {
                let mut commented = false;
                if let Some(p) = &pr {
                    let marker = format!("{HUMAN_MARKER} {head_sha} -->");
                    let already = client
                        .comments(p.number)
                        .await?
                        .iter()
                        .any(|c| c.contains(&marker));
                    if !already {
                        let text = format!(
                            "{marker}\nfaqlint bot: this branch has commits that are not the bot's, so the bot \
                             will not overwrite them. It leaves this pull request alone until it is merged or \
                             closed and the branch deleted; then the next run proposes again."
                        );
                        client.comment(p.number, &text).await?;
                        commented = true;
                    }
                }
                return Ok(Outcome::HumanCommits {
                    pr: pr.map(|p| p.number),
                    commented,
                });
            }
            if topic.changes.is_empty() {
                if let Some(p) = &pr {
                    client
                        .update_pull(p.number, json!({ "state": "closed" }))
                        .await?;
                }
                client.delete_branch(branch).await?;
                return Ok(Outcome::Closed {
                    pr: pr.map(|p| p.number),
                });
            }
            if !same_content(&cmp, base_sha, &files, &digest) {
                let commit = build_commit(client, topic, base_sha, &digest).await?;
                client.move_branch(branch, &commit).await?;
                rebuilt = true;
            }
        }
        None => {
            if topic.changes.is_empty() {
                return Ok(match pr {
                    // An open pull request whose branch is gone: close it.
                    Some(p) => {
                        client
                            .update_pull(p.number, json!({ "state": "closed" }))
                            .await?;
                        Outcome::Closed { pr: Some(p.number) }
                    }
                    None => Outcome::Nothing,
                });
            }
            let commit = build_commit(client, topic, base_sha, &digest).await?;
            client.create_branch(branch, &commit).await?;
            rebuilt = true;
        }
    }

    match pr {
        Some(p) => {
            // The body's digest decides; a title a person edited is left alone until the
            // content changes (then title and body are both the bot's again).
            let body_changed =
                p.body.as_deref().and_then(body::digest_of) != body::digest_of(&desired.body);
            if body_changed {
                client
                    .update_pull(
                        p.number,
                        json!({ "title": topic.title, "body": desired.body }),
                    )
                    .await?;
            }
            if !rebuilt && !body_changed {
                return Ok(Outcome::Unchanged { pr: p.number });
            }
            Ok(Outcome::Updated {
                pr: p.number,
                rebuilt,
                body: body_changed,
            })
        }
        None => {
            let p = client
                .create_pull(&topic.title, branch, base, &desired.body)
                .await?;
            decorate(client, p.number, topic, opts).await;
            Ok(Outcome::Opened {
                pr: p.number,
                url: p.html_url,
            })
        }
    }
}

/// Labels, reviewers (config + owners of the changed entries) and assignees on a new pull
/// request. Failures are warnings: a reviewer who is not a collaborator must not fail the
/// night.
async fn decorate(client: &Client, number: u64, topic: &Topic, opts: &RunOptions) {
    if !opts.labels.is_empty()
        && let Err(e) = client.add_labels(number, &opts.labels).await
    {
        crate::cli::warn(&format!("labels not added: {e}"));
    }
    let mut reviewers = opts.reviewers.clone();
    for o in topic.owners() {
        if !reviewers.iter().any(|r| r.eq_ignore_ascii_case(&o)) {
            reviewers.push(o);
        }
    }
    if !reviewers.is_empty()
        && let Err(e) = client.request_reviewers(number, &reviewers).await
    {
        crate::cli::warn(&format!("reviewers not requested: {e}"));
    }
    if !opts.assignees.is_empty()
        && let Err(e) = client.add_assignees(number, &opts.assignees).await
    {
        crate::cli::warn(&format!("assignees not added: {e}"));
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// The result of a whole run.
pub struct RunReport {
    pub outcomes: Vec<(String, Result<Outcome, ApiError>)>,
    pub base: Option<String>,
}

/// Runs every topic. A failing topic does not stop the others.
pub async fn run(
    client: &Client,
    desired: &[Desired<'_>],
    opts: &RunOptions,
) -> Result<RunReport, ApiError> {
    let base = match &opts.base {
        Some(b) => b.clone(),
        None => client.default_branch().await?,
    };
    let base_sha = client
        .branch_sha(&base)
        .await?
        .ok_or_else(|| ApiError::Setup(format!("base branch `{base}` not found")))?;
    if let Some(head) = &opts.checkout_head
        && head != &base_sha
    {
        return Err(ApiError::Setup(format!(
            "the checkout is at {} but `{base}` is at {}: run the bot in a fresh checkout of `{base}` \
             (the changes are computed from the checkout, and would undo newer edits on `{base}`)",
            short(head),
            short(&base_sha)
        )));
    }
    let mut outcomes = Vec::new();
    for d in desired {
        let r = run_topic(client, d, &base, &base_sha, opts).await;
        outcomes.push((d.topic.branch.clone(), r));
    }
    Ok(RunReport {
        outcomes,
        base: Some(base),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::github::{CompareCommit, CompareFile};
    use crate::bot::plan::Change;

    fn topic(files: &[(&str, &str)]) -> Topic {
        Topic {
            family: None,
            branch: "faqlint/bot".into(),
            title: "t".into(),
            changes: files
                .iter()
                .map(|(p, t)| Change {
                    path: (*p).into(),
                    bytes: t.as_bytes().to_vec(),
                    diff: String::new(),
                    evidence: Vec::new(),
                    owners: Vec::new(),
                })
                .collect(),
            rows: Vec::new(),
            mine: None,
        }
    }

    #[test]
    fn trailers_are_read_back() {
        let t = topic(&[("a.md", "x")]);
        let (_, digest) = desired_files(&t);
        let m = commit_message(&t, &digest);
        assert!(is_bot_commit(&m));
        assert_eq!(tree_digest_of(&m), Some(digest.as_str()));
        assert!(!is_bot_commit("fix typo\n\nSigned-off-by: A <a@b>"));
    }

    #[test]
    fn same_content_needs_base_digest_and_blobs() {
        let t = topic(&[("a.md", "x\n"), ("b.md", "y\n")]);
        let (files, digest) = desired_files(&t);
        let cmp = Comparison {
            merge_base: "base".into(),
            behind_by: 0,
            total_commits: 1,
            commits: vec![CompareCommit {
                sha: "c".into(),
                message: commit_message(&t, &digest),
                author: None,
            }],
            files: files
                .iter()
                .map(|(p, s)| CompareFile {
                    filename: p.clone(),
                    sha: Some(s.clone()),
                    status: "modified".into(),
                })
                .collect(),
        };
        assert!(same_content(&cmp, "base", &files, &digest));
        assert!(!same_content(&cmp, "newbase", &files, &digest));
        let mut other = cmp.clone();
        other.files[0].sha = Some("0000".into());
        assert!(!same_content(&other, "base", &files, &digest));
        let (f2, d2) = desired_files(&topic(&[("a.md", "x\n")]));
        assert!(!same_content(&cmp, "base", &f2, &d2));
    }
}
