//! The GitHub REST calls the bot makes: octocrab's hyper client (rustls with ring) for
//! transport, base URL and the token header; our own retry loop around its raw methods
//! (`_get`, `_post`, `_patch`, `_delete`), so we see every status and header.
//!
//! Retries: transport errors, timeouts, 5xx, 408 and 429, and 403 when it is a rate limit
//! (a `retry-after` header, `x-ratelimit-remaining: 0`, or a message saying so). The wait is
//! `Retry-After` when given, else until `x-ratelimit-reset` for an exhausted quota, else a
//! minute for a secondary limit that gives no header (as GitHub asks), else exponential backoff
//! (1 s, 2 s, 4 s…); at most [`RetryPolicy::max_attempts`] attempts and
//! [`RetryPolicy::max_wait`] of waiting per call: a longer wait fails the call rather than
//! stall the job. octocrab's own `retry` feature is not enabled (it retries blindly on
//! 5xx without honouring these headers).
//!
//! The token is a [`SecretString`] handed to octocrab, which marks the header sensitive;
//! nothing here formats it, and errors carry only method, path, status and GitHub's message.

use std::cell::Cell;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, Method, StatusCode};
use octocrab::Octocrab;
use octocrab::secrecy::SecretString;
use serde::Deserialize;
use serde_json::{Value, json};

/// How the client retries.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts per call, the first included.
    pub max_attempts: u32,
    /// First backoff delay (doubled each retry).
    pub base_delay: Duration,
    /// Total waiting allowed per call.
    pub max_wait: Duration,
    /// Timeout of one attempt.
    pub timeout: Duration,
    /// Multiplies every wait (1.0 in production; tests run at a small scale).
    pub scale: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
            scale: 1.0,
        }
    }
}

/// Counts of the calls made, for the run summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// HTTP requests sent (retries included).
    pub requests: usize,
    /// Of which writes (POST, PATCH, PUT, DELETE).
    pub writes: usize,
    /// Of which retries.
    pub retries: usize,
}

/// A call that failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{method} {path}: HTTP {status}: {message}")]
    Status {
        method: Method,
        path: String,
        status: u16,
        message: String,
    },
    #[error("{method} {path}: {message} (after {attempts} attempts)")]
    Transport {
        method: Method,
        path: String,
        message: String,
        attempts: u32,
    },
    #[error("{method} {path}: unexpected response: {message}")]
    Decode {
        method: Method,
        path: String,
        message: String,
    },
    #[error("{0}")]
    Setup(String),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A response: status and JSON body (`Null` when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub json: Value,
}

/// What to do after a response.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Retry {
    No,
    /// Retry after backoff.
    Backoff,
    /// Retry after this wait (server-given).
    After(Duration),
}

/// Whether a response is worth retrying, and after how long.
/// `message` is GitHub's error message: a secondary rate limit sometimes comes as a 403
/// without any header, saying so only there; GitHub then asks to wait at least a minute.
pub fn classify(status: StatusCode, headers: &HeaderMap, message: &str, now: SystemTime) -> Retry {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let retry_after = header("retry-after")
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_secs);
    let exhausted = header("x-ratelimit-remaining") == Some("0");
    let reset = header("x-ratelimit-reset")
        .and_then(|v| v.parse::<u64>().ok())
        .map(|epoch| {
            let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
            Duration::from_secs(epoch.saturating_sub(now).max(1))
        });
    let server_wait = retry_after.or(if exhausted { reset } else { None });
    match status.as_u16() {
        408 | 429 | 500..=599 => server_wait.map_or(Retry::Backoff, Retry::After),
        403 => match server_wait {
            Some(w) => Retry::After(w),
            None if header("retry-after").is_some() => Retry::Backoff,
            None if message.to_ascii_lowercase().contains("rate limit") => {
                Retry::After(Duration::from_secs(60))
            }
            // No permission: not worth retrying.
            None => Retry::No,
        },
        _ => Retry::No,
    }
}

/// The REST client of one repository.
pub struct Client {
    octo: Octocrab,
    owner: String,
    repo: String,
    policy: RetryPolicy,
    stats: Cell<Stats>,
}

/// A pull request, as much as the bot needs.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Pull {
    pub number: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub html_url: String,
}

/// A commit between base and head, from the compare API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareCommit {
    pub sha: String,
    pub message: String,
    pub author: Option<String>,
}

/// A file changed between base and head, from the compare API.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct CompareFile {
    pub filename: String,
    #[serde(default)]
    pub sha: Option<String>,
    #[serde(default)]
    pub status: String,
}

/// `GET /repos/{o}/{r}/compare/{base}...{head}`, as much as the bot needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub merge_base: String,
    pub behind_by: u64,
    pub total_commits: u64,
    pub commits: Vec<CompareCommit>,
    pub files: Vec<CompareFile>,
}

/// One entry of a new tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeContent {
    /// A blob created beforehand.
    Blob(String),
    /// UTF-8 content GitHub stores as a blob itself (saves one call per file).
    Inline(String),
}

impl Client {
    /// Builds the client. Must run inside a tokio runtime (octocrab spawns its worker).
    pub fn new(
        api_url: &str,
        token: SecretString,
        owner: &str,
        repo: &str,
        policy: RetryPolicy,
    ) -> Result<Client, ApiError> {
        let octo = Octocrab::builder()
            .base_uri(api_url)
            .map_err(|e| ApiError::Setup(format!("invalid API URL `{api_url}`: {e}")))?
            .add_header(http::header::ACCEPT, "application/vnd.github+json".into())
            .personal_token(token)
            .build()
            .map_err(|e| ApiError::Setup(format!("cannot build the GitHub client: {e}")))?;
        Ok(Client {
            octo,
            owner: owner.to_string(),
            repo: repo.to_string(),
            policy,
            stats: Cell::new(Stats::default()),
        })
    }

    pub fn stats(&self) -> Stats {
        self.stats.get()
    }

    pub fn owner(&self) -> &str {
        &self.owner
    }

    fn repo_path(&self, rest: &str) -> String {
        format!("/repos/{}/{}{rest}", self.owner, self.repo)
    }

    fn bump(&self, method: &Method, retry: bool) {
        let mut s = self.stats.get();
        s.requests += 1;
        if *method != Method::GET {
            s.writes += 1;
        }
        if retry {
            s.retries += 1;
        }
        self.stats.set(s);
    }

    /// One call with retries. Non-2xx statuses that are not retried (or still failing after
    /// the retries) are returned as `Err(ApiError::Status)`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Reply, ApiError> {
        let mut attempt: u32 = 0;
        let mut waited = Duration::ZERO;
        loop {
            attempt += 1;
            self.bump(&method, attempt > 1);
            let sent =
                tokio::time::timeout(self.policy.timeout, self.send(&method, path, body)).await;
            let (retry, failure) = match sent {
                Err(_) => (
                    Retry::Backoff,
                    ApiError::Transport {
                        method: method.clone(),
                        path: path.to_string(),
                        message: format!("no response within {} s", self.policy.timeout.as_secs()),
                        attempts: attempt,
                    },
                ),
                Ok(Err(e)) => (
                    Retry::Backoff,
                    ApiError::Transport {
                        method: method.clone(),
                        path: path.to_string(),
                        message: e,
                        attempts: attempt,
                    },
                ),
                Ok(Ok((status, headers, text))) => {
                    if status.is_success() {
                        let json = if text.trim().is_empty() {
                            Value::Null
                        } else {
                            serde_json::from_str(&text).map_err(|e| ApiError::Decode {
                                method: method.clone(),
                                path: path.to_string(),
                                message: e.to_string(),
                            })?
                        };
                        return Ok(Reply { status, json });
                    }
                    let message = serde_json::from_str::<Value>(&text)
                        .ok()
                        .and_then(|v| v.get("message").and_then(Value::as_str).map(one_line))
                        .unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_string());
                    (
                        classify(status, &headers, &message, SystemTime::now()),
                        ApiError::Status {
                            method: method.clone(),
                            path: path.to_string(),
                            status: status.as_u16(),
                            message,
                        },
                    )
                }
            };
            let wait = match retry {
                Retry::No => return Err(failure),
                Retry::Backoff => self.policy.base_delay * 2u32.saturating_pow(attempt - 1),
                Retry::After(d) => d,
            };
            if attempt >= self.policy.max_attempts {
                return Err(failure);
            }
            if waited + wait > self.policy.max_wait {
                return Err(match failure {
                    ApiError::Status {
                        method,
                        path,
                        status,
                        message,
                    } => ApiError::Status {
                        method,
                        path,
                        status,
                        message: format!(
                            "{message} (GitHub asks to wait {} s: more than the {} s a call may wait; run again later)",
                            wait.as_secs(),
                            self.policy.max_wait.as_secs()
                        ),
                    },
                    other => other,
                });
            }
            waited += wait;
            tokio::time::sleep(wait.mul_f64(self.policy.scale.max(0.0))).await;
        }
    }

    async fn send(
        &self,
        method: &Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(StatusCode, HeaderMap, String), String> {
        let response = match *method {
            Method::GET => self.octo._get(path).await,
            Method::POST => self.octo._post(path, body).await,
            Method::PATCH => self.octo._patch(path, body).await,
            Method::DELETE => self.octo._delete(path, body).await,
            Method::PUT => self.octo._put(path, body).await,
            _ => return Err(format!("unsupported method {method}")),
        }
        .map_err(|e| transport_message(&e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let text = self
            .octo
            .body_to_string(response)
            .await
            .map_err(|e| transport_message(&e))?;
        Ok((status, headers, text))
    }

    fn decode<T: for<'de> Deserialize<'de>>(
        &self,
        method: Method,
        path: &str,
        v: Value,
    ) -> Result<T, ApiError> {
        serde_json::from_value(v).map_err(|e| ApiError::Decode {
            method,
            path: path.to_string(),
            message: e.to_string(),
        })
    }

    fn field(
        &self,
        method: Method,
        path: &str,
        v: &Value,
        pointer: &str,
    ) -> Result<String, ApiError> {
        v.pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| ApiError::Decode {
                method,
                path: path.to_string(),
                message: format!("no `{pointer}` in the response"),
            })
    }

    /// `GET /repos/{o}/{r}`: the default branch.
    pub async fn default_branch(&self) -> Result<String, ApiError> {
        let path = self.repo_path("");
        let r = self.call(Method::GET, &path, None).await?;
        self.field(Method::GET, &path, &r.json, "/default_branch")
    }

    /// `GET /repos/{o}/{r}/git/ref/heads/{branch}`: the head sha, `None` when absent.
    pub async fn branch_sha(&self, branch: &str) -> Result<Option<String>, ApiError> {
        let path = self.repo_path(&format!("/git/ref/heads/{branch}"));
        match self.call(Method::GET, &path, None).await {
            Ok(r) => self
                .field(Method::GET, &path, &r.json, "/object/sha")
                .map(Some),
            Err(e) if e.status() == Some(404) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET /repos/{o}/{r}/git/commits/{sha}`: the commit's tree sha.
    pub async fn commit_tree(&self, sha: &str) -> Result<String, ApiError> {
        let path = self.repo_path(&format!("/git/commits/{sha}"));
        let r = self.call(Method::GET, &path, None).await?;
        self.field(Method::GET, &path, &r.json, "/tree/sha")
    }

    /// `POST /repos/{o}/{r}/git/blobs`: the new blob's sha.
    pub async fn create_blob(&self, content: &str) -> Result<String, ApiError> {
        let path = self.repo_path("/git/blobs");
        let body = json!({ "content": content, "encoding": "utf-8" });
        let r = self.call(Method::POST, &path, Some(&body)).await?;
        self.field(Method::POST, &path, &r.json, "/sha")
    }

    /// `POST /repos/{o}/{r}/git/trees` on `base_tree`: the new tree's sha.
    pub async fn create_tree(
        &self,
        base_tree: &str,
        entries: &[(String, TreeContent)],
    ) -> Result<String, ApiError> {
        let path = self.repo_path("/git/trees");
        let tree: Vec<Value> = entries
            .iter()
            .map(|(p, c)| match c {
                TreeContent::Blob(sha) => {
                    json!({ "path": p, "mode": "100644", "type": "blob", "sha": sha })
                }
                TreeContent::Inline(text) => {
                    json!({ "path": p, "mode": "100644", "type": "blob", "content": text })
                }
            })
            .collect();
        let body = json!({ "base_tree": base_tree, "tree": tree });
        let r = self.call(Method::POST, &path, Some(&body)).await?;
        self.field(Method::POST, &path, &r.json, "/sha")
    }

    /// `POST /repos/{o}/{r}/git/commits`: the new commit's sha.
    pub async fn create_commit(
        &self,
        message: &str,
        tree: &str,
        parent: &str,
    ) -> Result<String, ApiError> {
        let path = self.repo_path("/git/commits");
        let body = json!({ "message": message, "tree": tree, "parents": [parent] });
        let r = self.call(Method::POST, &path, Some(&body)).await?;
        self.field(Method::POST, &path, &r.json, "/sha")
    }

    /// `POST /repos/{o}/{r}/git/refs`. A 422 "already exists" (a retried call that had
    /// succeeded) is fine when the ref points at `sha`.
    pub async fn create_branch(&self, branch: &str, sha: &str) -> Result<(), ApiError> {
        let path = self.repo_path("/git/refs");
        let body = json!({ "ref": format!("refs/heads/{branch}"), "sha": sha });
        match self.call(Method::POST, &path, Some(&body)).await {
            Ok(_) => Ok(()),
            Err(e) if e.status() == Some(422) => match self.branch_sha(branch).await? {
                Some(s) if s == sha => Ok(()),
                _ => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// `PATCH /repos/{o}/{r}/git/refs/heads/{branch}` (forced: the branch is the bot's, and
    /// the caller checked it holds no one else's commits).
    pub async fn move_branch(&self, branch: &str, sha: &str) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/git/refs/heads/{branch}"));
        let body = json!({ "sha": sha, "force": true });
        self.call(Method::PATCH, &path, Some(&body)).await.map(drop)
    }

    /// `DELETE /repos/{o}/{r}/git/refs/heads/{branch}` (already gone is fine).
    pub async fn delete_branch(&self, branch: &str) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/git/refs/heads/{branch}"));
        match self.call(Method::DELETE, &path, None).await {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.status(), Some(404 | 422)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// `GET /repos/{o}/{r}/pulls?head={owner}:{branch}&state=open`: the open pull request
    /// from `branch`, if any.
    pub async fn open_pull(&self, branch: &str) -> Result<Option<Pull>, ApiError> {
        let path = self.repo_path(&format!(
            "/pulls?head={}:{branch}&state=open&per_page=10",
            self.owner
        ));
        let r = self.call(Method::GET, &path, None).await?;
        let pulls: Vec<Pull> = self.decode(Method::GET, &path, r.json)?;
        Ok(pulls.into_iter().min_by_key(|p| p.number))
    }

    /// `POST /repos/{o}/{r}/pulls`. A 422 (a retried call that had succeeded, or a pull
    /// request opened meanwhile) looks the pull request up instead.
    pub async fn create_pull(
        &self,
        title: &str,
        branch: &str,
        base: &str,
        body: &str,
    ) -> Result<Pull, ApiError> {
        let path = self.repo_path("/pulls");
        let payload = json!({
            "title": title, "head": branch, "base": base, "body": body,
            "maintainer_can_modify": false,
        });
        match self.call(Method::POST, &path, Some(&payload)).await {
            Ok(r) => self.decode(Method::POST, &path, r.json),
            Err(e) if e.status() == Some(422) => match self.open_pull(branch).await? {
                Some(p) => Ok(p),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// `PATCH /repos/{o}/{r}/pulls/{n}` with the given fields.
    pub async fn update_pull(&self, number: u64, fields: Value) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/pulls/{number}"));
        self.call(Method::PATCH, &path, Some(&fields))
            .await
            .map(drop)
    }

    /// `GET /repos/{o}/{r}/compare/{base}...{head}`.
    pub async fn compare(&self, base: &str, head: &str) -> Result<Comparison, ApiError> {
        let path = self.repo_path(&format!("/compare/{base}...{head}?per_page=100"));
        let r = self.call(Method::GET, &path, None).await?;
        let v = &r.json;
        let merge_base = self.field(Method::GET, &path, v, "/merge_base_commit/sha")?;
        let commits = v
            .get("commits")
            .and_then(Value::as_array)
            .map(|cs| {
                cs.iter()
                    .map(|c| CompareCommit {
                        sha: c
                            .get("sha")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        message: c
                            .pointer("/commit/message")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        author: c
                            .pointer("/author/login")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let files = match v.get("files") {
            Some(f) => self.decode(Method::GET, &path, f.clone())?,
            None => Vec::new(),
        };
        Ok(Comparison {
            merge_base,
            behind_by: v.get("behind_by").and_then(Value::as_u64).unwrap_or(0),
            total_commits: v.get("total_commits").and_then(Value::as_u64).unwrap_or(0),
            commits,
            files,
        })
    }

    /// `GET /repos/{o}/{r}/issues/{n}/comments`: the bodies of the last 100 comments.
    pub async fn comments(&self, number: u64) -> Result<Vec<String>, ApiError> {
        let path = self.repo_path(&format!("/issues/{number}/comments?per_page=100"));
        let r = self.call(Method::GET, &path, None).await?;
        Ok(r.json
            .as_array()
            .map(|cs| {
                cs.iter()
                    .filter_map(|c| c.get("body").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// `POST /repos/{o}/{r}/issues/{n}/comments`.
    pub async fn comment(&self, number: u64, body: &str) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/issues/{number}/comments"));
        self.call(Method::POST, &path, Some(&json!({ "body": body })))
            .await
            .map(drop)
    }

    /// `POST /repos/{o}/{r}/issues/{n}/labels`.
    pub async fn add_labels(&self, number: u64, labels: &[String]) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/issues/{number}/labels"));
        self.call(Method::POST, &path, Some(&json!({ "labels": labels })))
            .await
            .map(drop)
    }

    /// `POST /repos/{o}/{r}/issues/{n}/assignees`.
    pub async fn add_assignees(&self, number: u64, assignees: &[String]) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/issues/{number}/assignees"));
        self.call(
            Method::POST,
            &path,
            Some(&json!({ "assignees": assignees })),
        )
        .await
        .map(drop)
    }

    /// `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`: logins, and `org/team` as teams.
    pub async fn request_reviewers(&self, number: u64, who: &[String]) -> Result<(), ApiError> {
        let path = self.repo_path(&format!("/pulls/{number}/requested_reviewers"));
        let (teams, users): (Vec<&String>, Vec<&String>) =
            who.iter().partition(|w| w.contains('/'));
        let teams: Vec<&str> = teams
            .iter()
            .filter_map(|t| t.split_once('/').map(|(_, slug)| slug))
            .collect();
        let body = json!({ "reviewers": users, "team_reviewers": teams });
        self.call(Method::POST, &path, Some(&body)).await.map(drop)
    }
}

/// An octocrab/hyper error as one line (it never holds the token: the header is not part of
/// any error, and is marked sensitive).
fn transport_message(e: &octocrab::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    one_line(&msg)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Git's blob id of `bytes`: `sha1("blob {len}\0" + bytes)`, hex.
pub fn git_blob_sha(bytes: &[u8]) -> String {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    h.finalize()
        .iter()
        .fold(String::with_capacity(40), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_sha_matches_git() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            git_blob_sha(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        // The empty blob.
        assert_eq!(
            git_blob_sha(b""),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn classifies_retryable_responses() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let none = HeaderMap::new();
        assert_eq!(
            classify(StatusCode::BAD_GATEWAY, &none, "", now),
            Retry::Backoff
        );
        assert_eq!(
            classify(StatusCode::REQUEST_TIMEOUT, &none, "", now),
            Retry::Backoff
        );
        assert_eq!(
            classify(
                StatusCode::TOO_MANY_REQUESTS,
                &headers(&[("retry-after", "7")]),
                "",
                now
            ),
            Retry::After(Duration::from_secs(7))
        );
        // A secondary rate limit: 403 with retry-after.
        assert_eq!(
            classify(
                StatusCode::FORBIDDEN,
                &headers(&[("retry-after", "3")]),
                "",
                now
            ),
            Retry::After(Duration::from_secs(3))
        );
        // The primary quota exhausted: wait until the reset.
        assert_eq!(
            classify(
                StatusCode::FORBIDDEN,
                &headers(&[
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-reset", "1030")
                ]),
                "",
                now
            ),
            Retry::After(Duration::from_secs(30))
        );
        // A plain permission error is final.
        assert_eq!(classify(StatusCode::FORBIDDEN, &none, "", now), Retry::No);
        assert_eq!(
            classify(
                StatusCode::FORBIDDEN,
                &headers(&[("x-ratelimit-remaining", "12")]),
                "",
                now
            ),
            Retry::No
        );
        // A secondary rate limit that only says so in its message: wait a minute.
        assert_eq!(
            classify(
                StatusCode::FORBIDDEN,
                &none,
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                now
            ),
            Retry::After(Duration::from_secs(60))
        );
        assert_eq!(classify(StatusCode::NOT_FOUND, &none, "", now), Retry::No);
        assert_eq!(
            classify(StatusCode::UNPROCESSABLE_ENTITY, &none, "", now),
            Retry::No
        );
    }
}
