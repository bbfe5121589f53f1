//! `faqlint bot` against a fake GitHub: a local wiremock server answering with the response
//! shapes of GitHub's REST docs (`fixtures/github/*.json`), with the state a real repo would
//! have between runs (branch, commits, files, pull request). The bot runs as the binary with
//! `--api-url`, through octocrab. Every test asserts on the requests the server received.

#![allow(
    clippy::unwrap_used,
    clippy::disallowed_methods,
    reason = "test helpers: a failed unwrap is a failed test; fixtures are written with std::fs::write"
)]

use faqlint::testing::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::{Value, json};
use sha1::{Digest, Sha1};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const OWNER: &str = "acme";
const REPO: &str = "help-centre";
const BRANCH: &str = "faqlint/bot";
const BASE_SHA: &str = "aa218f56b14c9653891f9e74264a383fa43fefbd";
const BASE_TREE: &str = "691272480426f78a0138979dd3ce63b77f706feb";
const NEW_BASE_SHA: &str = "bb329e67c25d0764902e0f85375b494fb54f0fce";
const NEW_BASE_TREE: &str = "792383591537089b1249080ee4df74c88817a0fc";
const TOKEN: &str = "ghs_faqlintTestToken0123456789abcdefXYZ";
const PR: u64 = 42;

fn fixture(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/github")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Git's blob id, computed here independently of the bot.
fn blob_sha(content: &[u8]) -> String {
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", content.len()).as_bytes());
    h.update(content);
    hex(&h.finalize())
}

fn repo_path(rest: &str) -> String {
    format!("/repos/{OWNER}/{REPO}{rest}")
}

/// The repository as GitHub holds it between runs.
#[derive(Debug, Clone)]
struct State {
    base_sha: String,
    base_tree: String,
    branch: Option<BranchState>,
    pr: Option<PrState>,
    comments: Vec<String>,
}

#[derive(Debug, Clone)]
struct BranchState {
    head: String,
    merge_base: String,
    behind_by: u64,
    /// Commit messages between the merge base and the head, oldest first.
    commits: Vec<String>,
    /// (path, blob sha) changed against the merge base.
    files: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
struct PrState {
    title: String,
    body: String,
}

impl State {
    fn empty() -> State {
        State {
            base_sha: BASE_SHA.into(),
            base_tree: BASE_TREE.into(),
            branch: None,
            pr: None,
            comments: Vec::new(),
        }
    }

    /// What GitHub holds after the writes of a run.
    fn after(&self, reqs: &[Request]) -> State {
        let mut s = self.clone();
        let mut blobs: Vec<(String, String)> = Vec::new(); // (sha, content)
        let mut trees: Vec<Vec<(String, String)>> = Vec::new();
        let mut commits: Vec<(String, String, String)> = Vec::new(); // (sha, message, parent)
        for r in reqs {
            let p = r.url.path().to_string();
            let m = r.method.as_str();
            let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
            match (m, p.as_str()) {
                ("POST", x) if x == repo_path("/git/blobs") => {
                    let c = body["content"].as_str().unwrap().to_string();
                    blobs.push((blob_sha(c.as_bytes()), c));
                }
                ("POST", x) if x == repo_path("/git/trees") => {
                    let entries = body["tree"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| {
                            let sha = match e.get("sha").and_then(Value::as_str) {
                                Some(sha) => sha.to_string(),
                                None => blob_sha(e["content"].as_str().unwrap().as_bytes()),
                            };
                            (e["path"].as_str().unwrap().to_string(), sha)
                        })
                        .collect();
                    trees.push(entries);
                }
                ("POST", x) if x == repo_path("/git/commits") => {
                    commits.push((
                        commit_sha(&r.body),
                        body["message"].as_str().unwrap().to_string(),
                        body["parents"][0].as_str().unwrap().to_string(),
                    ));
                }
                ("POST", x) if x == repo_path("/git/refs") => {
                    s.branch = Some(branch_at(body["sha"].as_str().unwrap(), &commits, &trees));
                }
                ("PATCH", x) if x == repo_path(&format!("/git/refs/heads/{BRANCH}")) => {
                    s.branch = Some(branch_at(body["sha"].as_str().unwrap(), &commits, &trees));
                }
                ("DELETE", x) if x == repo_path(&format!("/git/refs/heads/{BRANCH}")) => {
                    s.branch = None;
                }
                ("POST", x) if x == repo_path("/pulls") => {
                    s.pr = Some(PrState {
                        title: body["title"].as_str().unwrap().into(),
                        body: body["body"].as_str().unwrap().into(),
                    });
                }
                ("PATCH", x) if x == repo_path(&format!("/pulls/{PR}")) => {
                    if body["state"] == "closed" {
                        s.pr = None;
                    }
                    if let Some(pr) = s.pr.as_mut() {
                        if let Some(t) = body["title"].as_str() {
                            pr.title = t.into();
                        }
                        if let Some(b) = body["body"].as_str() {
                            pr.body = b.into();
                        }
                    }
                }
                ("POST", x) if x == repo_path(&format!("/issues/{PR}/comments")) => {
                    s.comments.push(body["body"].as_str().unwrap().into());
                }
                _ => {}
            }
        }
        let _ = blobs;
        s
    }
}

fn commit_sha(body: &[u8]) -> String {
    let mut h = Sha1::new();
    h.update(b"commit ");
    h.update(body);
    hex(&h.finalize())
}

/// The branch after the ref moved to `sha`, one of this run's commits.
fn branch_at(
    sha: &str,
    commits: &[(String, String, String)],
    trees: &[Vec<(String, String)>],
) -> BranchState {
    let i = commits.iter().position(|c| c.0 == sha).unwrap();
    let (_, message, parent) = &commits[i];
    BranchState {
        head: sha.into(),
        merge_base: parent.clone(),
        behind_by: 0,
        commits: vec![message.clone()],
        files: trees[i].clone(),
    }
}

/// Mounts the fake GitHub for `state`. Writes answer like GitHub; the test applies them to
/// the state with [`State::after`].
async fn mount(server: &MockServer, state: &State) {
    server.reset().await;
    let ok = |v: Value| ResponseTemplate::new(200).set_body_json(v);
    let not_found = || ResponseTemplate::new(404).set_body_json(fixture("error-not-found.json"));

    Mock::given(method("GET"))
        .and(path(repo_path("")))
        .respond_with(ok(fixture("repo.json")))
        .mount(server)
        .await;
    let mut base_ref = fixture("ref.json");
    base_ref["object"]["sha"] = json!(state.base_sha);
    Mock::given(method("GET"))
        .and(path(repo_path("/git/ref/heads/main")))
        .respond_with(ok(base_ref))
        .mount(server)
        .await;
    let mut base_commit = fixture("git-commit.json");
    base_commit["sha"] = json!(state.base_sha);
    base_commit["tree"]["sha"] = json!(state.base_tree);
    Mock::given(method("GET"))
        .and(path(repo_path(&format!("/git/commits/{}", state.base_sha))))
        .respond_with(ok(base_commit))
        .mount(server)
        .await;

    // The bot's branch and the comparison with the base.
    match &state.branch {
        Some(b) => {
            let mut r = fixture("ref.json");
            r["ref"] = json!(format!("refs/heads/{BRANCH}"));
            r["object"]["sha"] = json!(b.head);
            Mock::given(method("GET"))
                .and(path(repo_path(&format!("/git/ref/heads/{BRANCH}"))))
                .respond_with(ok(r))
                .mount(server)
                .await;
            let mut cmp = fixture("compare.json");
            cmp["merge_base_commit"]["sha"] = json!(b.merge_base);
            cmp["base_commit"]["sha"] = json!(state.base_sha);
            cmp["behind_by"] = json!(b.behind_by);
            cmp["ahead_by"] = json!(b.commits.len());
            cmp["total_commits"] = json!(b.commits.len());
            cmp["status"] = json!(if b.behind_by > 0 { "diverged" } else { "ahead" });
            let item = cmp["commits"][0].clone();
            cmp["commits"] = b
                .commits
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let mut c = item.clone();
                    c["sha"] = json!(if i + 1 == b.commits.len() {
                        b.head.clone()
                    } else {
                        format!("{:040x}", i + 1)
                    });
                    c["commit"]["message"] = json!(m);
                    if !m.contains("Faqlint-Bot: 1") {
                        c["author"]["login"] = json!("octocat");
                    }
                    c
                })
                .collect();
            let file = cmp["files"][0].clone();
            cmp["files"] = b
                .files
                .iter()
                .map(|(p, s)| {
                    let mut f = file.clone();
                    f["filename"] = json!(p);
                    f["sha"] = json!(s);
                    f
                })
                .collect();
            Mock::given(method("GET"))
                .and(path(repo_path(&format!(
                    "/compare/{}...{}",
                    state.base_sha, b.head
                ))))
                .respond_with(ok(cmp))
                .mount(server)
                .await;
        }
        None => {
            Mock::given(method("GET"))
                .and(path(repo_path(&format!("/git/ref/heads/{BRANCH}"))))
                .respond_with(not_found())
                .mount(server)
                .await;
        }
    }
    // Other branches (per-family topics) do not exist.
    Mock::given(method("GET"))
        .and(path_prefix_not_bot())
        .respond_with(not_found())
        .with_priority(10)
        .mount(server)
        .await;

    // Open pull requests from the branch.
    let pulls = match &state.pr {
        Some(p) => {
            let mut pr = fixture("pull.json");
            pr["number"] = json!(PR);
            pr["title"] = json!(p.title);
            pr["body"] = json!(p.body);
            json!([pr])
        }
        None => json!([]),
    };
    Mock::given(method("GET"))
        .and(path(repo_path("/pulls")))
        .and(query_param("head", format!("{OWNER}:{BRANCH}")))
        .and(query_param("state", "open"))
        .respond_with(ok(pulls))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(repo_path("/pulls")))
        .respond_with(ok(json!([])))
        .with_priority(10)
        .mount(server)
        .await;
    let comments: Vec<Value> = state
        .comments
        .iter()
        .map(|b| {
            let mut c = fixture("issue-comment.json");
            c["body"] = json!(b);
            c
        })
        .collect();
    Mock::given(method("GET"))
        .and(path(repo_path(&format!("/issues/{PR}/comments"))))
        .respond_with(ok(json!(comments)))
        .mount(server)
        .await;

    // Writes.
    Mock::given(method("POST"))
        .and(path(repo_path("/git/blobs")))
        .respond_with(|r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let sha = blob_sha(body["content"].as_str().unwrap().as_bytes());
            let mut v = fixture("blob-created.json");
            v["sha"] = json!(sha);
            ResponseTemplate::new(201).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("/git/trees")))
        .respond_with(|r: &Request| {
            let mut v = fixture("tree-created.json");
            let mut h = Sha1::new();
            h.update(b"tree ");
            h.update(&r.body);
            v["sha"] = json!(hex(&h.finalize()));
            ResponseTemplate::new(201).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("/git/commits")))
        .respond_with(|r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let mut v = fixture("git-commit.json");
            v["sha"] = json!(commit_sha(&r.body));
            v["message"] = body["message"].clone();
            v["tree"]["sha"] = body["tree"].clone();
            v["parents"][0]["sha"] = body["parents"][0].clone();
            ResponseTemplate::new(201).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("/git/refs")))
        .respond_with(|r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let mut v = fixture("ref.json");
            v["ref"] = body["ref"].clone();
            v["object"]["sha"] = body["sha"].clone();
            ResponseTemplate::new(201).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(repo_path(&format!("/git/refs/heads/{BRANCH}"))))
        .respond_with(|r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let mut v = fixture("ref.json");
            v["ref"] = json!(format!("refs/heads/{BRANCH}"));
            v["object"]["sha"] = body["sha"].clone();
            ResponseTemplate::new(200).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(repo_path(&format!("/git/refs/heads/{BRANCH}"))))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path("/pulls")))
        .respond_with(|r: &Request| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let mut v = fixture("pull.json");
            v["number"] = json!(PR);
            v["title"] = body["title"].clone();
            v["body"] = body["body"].clone();
            ResponseTemplate::new(201).set_body_json(v)
        })
        .mount(server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(repo_path(&format!("/pulls/{PR}"))))
        .respond_with(ok(fixture("pull.json")))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path(&format!("/issues/{PR}/labels"))))
        .respond_with(ok(fixture("labels.json")))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path(&format!("/pulls/{PR}/requested_reviewers"))))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("pull.json")))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path(&format!("/issues/{PR}/assignees"))))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("pull.json")))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(repo_path(&format!("/issues/{PR}/comments"))))
        .respond_with(ResponseTemplate::new(201).set_body_json(fixture("issue-comment.json")))
        .mount(server)
        .await;
}

/// Matches GET refs of branches other than the base and the bot's.
fn path_prefix_not_bot() -> impl wiremock::Match {
    |r: &Request| {
        let p = r.url.path();
        p.starts_with(&repo_path("/git/ref/heads/"))
            && p != repo_path("/git/ref/heads/main")
            && p != repo_path(&format!("/git/ref/heads/{BRANCH}"))
    }
}

/// `METHOD /path` of every request received, in order.
async fn calls(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

fn writes(calls: &[String]) -> Vec<&String> {
    calls.iter().filter(|c| !c.starts_with("GET ")).collect()
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn body_of(reqs: &[Request], m: &str, p: &str) -> Vec<Value> {
    reqs.iter()
        .filter(|r| r.method.as_str() == m && r.url.path() == p)
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

/// A copy of the bundled example repo in a temp dir, with `edit` applied to it.
fn example_repo(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/example");
    copy_dir(&src, dir.path()).unwrap();
    edit(dir.path());
    dir
}

fn replace_in(root: &Path, file: &str, from: &str, to: &str) {
    let p = root.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

const PASSWORD_ENTRY: &str = "fr/compte/reinitialiser-mon-mot-de-passe.md";
const INVOICES_ENTRY: &str = "en/billing/where-are-my-invoices.md";

/// Input A: the example repo as bundled (one safe fix: a synonym tag).
fn input_a() -> tempfile::TempDir {
    example_repo(|_| {})
}

/// Input B: input A plus a duplicated tag in another entry (a second safe fix).
fn input_b() -> tempfile::TempDir {
    example_repo(|root| {
        let text = std::fs::read_to_string(root.join(INVOICES_ENTRY)).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("tags: ["))
            .unwrap()
            .to_string();
        let dup = line.replacen("tags: [", "tags: [billing, ", 1);
        replace_in(root, INVOICES_ENTRY, &line, &dup);
    })
}

/// Empty input: the synonym already canonical, nothing left to fix.
fn input_empty() -> tempfile::TempDir {
    example_repo(|root| {
        replace_in(
            root,
            PASSWORD_ENTRY,
            "tags: [compte, mdp]",
            "tags: [compte, mot-de-passe]",
        );
    })
}

fn bot(server: &MockServer, repo: &Path, extra: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("faqlint").unwrap();
    cmd.current_dir(repo)
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_API_URL")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_TOKEN")
        .env("FAQLINT_BOT_TEST_TOKEN", TOKEN)
        .args([
            "bot",
            "--repo",
            &format!("{OWNER}/{REPO}"),
            "--api-url",
            &server.uri(),
            "--token-env",
            "FAQLINT_BOT_TEST_TOKEN",
            "--today",
            "2025-01-01",
            "--retry-delay-scale",
            "0.001",
        ])
        .args(extra);
    cmd.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Runs the bot (no extra flags), checks it succeeded, and returns its output and the API
/// calls the server saw.
async fn night(server: &MockServer, repo: &Path) -> (Output, Vec<String>) {
    let out = bot(server, repo, &[]);
    assert_ok(&out);
    let c = calls(server).await;
    (out, c)
}

/// The lookups every run starts with: the repository, the base, the open pull requests,
/// the bot's branch.
fn lookup_calls() -> Vec<String> {
    s(&[
        "GET /repos/acme/help-centre",
        "GET /repos/acme/help-centre/git/ref/heads/main",
        "GET /repos/acme/help-centre/pulls",
        "GET /repos/acme/help-centre/git/ref/heads/faqlint/bot",
    ])
}

/// The calls of a run where the bot's branch exists at `head`: the lookups, the comparison
/// of the branch with `base_sha`, then `rest`.
fn rerun_calls(base_sha: &str, head: &str, rest: &[String]) -> Vec<String> {
    let mut v = lookup_calls();
    v.push(format!(
        "GET /repos/acme/help-centre/compare/{base_sha}...{head}"
    ));
    v.extend_from_slice(rest);
    v
}

/// The calls of a first run that opens a pull request with `n_blobs` changed files.
fn opening_calls(n_blobs: usize, base_sha: &str) -> Vec<String> {
    let mut v = lookup_calls();
    v.push(format!(
        "GET /repos/acme/help-centre/git/commits/{base_sha}"
    ));
    for _ in 0..n_blobs {
        v.push("POST /repos/acme/help-centre/git/blobs".into());
    }
    v.extend(s(&[
        "POST /repos/acme/help-centre/git/trees",
        "POST /repos/acme/help-centre/git/commits",
        "POST /repos/acme/help-centre/git/refs",
        "POST /repos/acme/help-centre/pulls",
        "POST /repos/acme/help-centre/issues/42/labels",
    ]));
    v
}

/// Runs input A on an empty repo: the state after the first night.
async fn first_night(server: &MockServer) -> State {
    let state = State::empty();
    mount(server, &state).await;
    let repo = input_a();
    let out = bot(server, repo.path(), &[]);
    assert_ok(&out);
    state.after(&requests(server).await)
}

#[tokio::test]
async fn first_run_opens_a_pull_request_from_commits_made_through_the_git_data_api() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert_eq!(calls(&server).await, opening_calls(1, BASE_SHA));

    let reqs = requests(&server).await;
    // The token went to GitHub as a bearer token.
    assert_eq!(
        reqs[0]
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap(),
        format!("Bearer {TOKEN}")
    );
    let blob = &body_of(&reqs, "POST", &repo_path("/git/blobs"))[0];
    let fixed = std::fs::read_to_string(repo.path().join(PASSWORD_ENTRY))
        .unwrap()
        .replacen("tags: [compte, mdp]", "tags: [compte, mot-de-passe]", 1);
    assert_eq!(blob["content"], json!(fixed));
    // Nothing was written locally.
    assert!(
        std::fs::read_to_string(repo.path().join(PASSWORD_ENTRY))
            .unwrap()
            .contains("tags: [compte, mdp]")
    );
    let tree = &body_of(&reqs, "POST", &repo_path("/git/trees"))[0];
    assert_eq!(tree["base_tree"], json!(BASE_TREE));
    assert_eq!(tree["tree"][0]["path"], json!(PASSWORD_ENTRY));
    assert_eq!(tree["tree"][0]["sha"], json!(blob_sha(fixed.as_bytes())));
    let commit = &body_of(&reqs, "POST", &repo_path("/git/commits"))[0];
    assert_eq!(commit["parents"], json!([BASE_SHA]));
    assert!(
        commit["message"]
            .as_str()
            .unwrap()
            .contains("\nFaqlint-Bot: 1\n")
    );
    let r = &body_of(&reqs, "POST", &repo_path("/git/refs"))[0];
    assert_eq!(r["ref"], json!("refs/heads/faqlint/bot"));
    let commit_req = reqs
        .iter()
        .find(|r| r.method.as_str() == "POST" && r.url.path() == repo_path("/git/commits"))
        .unwrap();
    assert_eq!(
        r["sha"],
        json!(commit_sha(&commit_req.body)),
        "the ref points at the new commit"
    );
    let pull = &body_of(&reqs, "POST", &repo_path("/pulls"))[0];
    assert_eq!(pull["head"], json!(BRANCH));
    assert_eq!(pull["base"], json!("main"));
    let body = pull["body"].as_str().unwrap();
    assert!(body.starts_with("<!-- faqlint-bot digest:"));
    assert!(body.contains("| tagging | 1 | 0 |"), "{body}");
    assert!(body.contains("-tags: [compte, mdp]\n+tags: [compte, mot-de-passe]"));
    assert!(body.contains("rules/synonym-tag.md"));
    let labels = &body_of(&reqs, "POST", &repo_path("/issues/42/labels"))[0];
    assert_eq!(labels["labels"], json!(["faqlint"]));
    assert!(text(&out.stdout).contains("opened pull request #42"));
    assert!(text(&out.stderr).contains("11 GitHub API requests (6 writes, 0 retries)"));
}

#[tokio::test]
async fn second_run_with_the_same_input_writes_nothing() {
    let server = MockServer::start().await;
    let state = first_night(&server).await;
    assert!(state.branch.is_some() && state.pr.is_some());
    mount(&server, &state).await;
    let repo = input_a();
    let (out, c) = night(&server, repo.path()).await;
    assert_eq!(
        c,
        rerun_calls(BASE_SHA, &state.branch.as_ref().unwrap().head, &[])
    );
    assert!(writes(&c).is_empty());
    assert!(text(&out.stdout).contains("pull request #42 is up to date"));

    // A reviewer retitled the pull request: still no write (the bot does not fight over it).
    let mut state = state;
    state.pr.as_mut().unwrap().title = "Synonym tags: please merge before Friday".into();
    mount(&server, &state).await;
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert!(writes(&calls(&server).await).is_empty());
}

#[tokio::test]
async fn new_input_rebuilds_the_branch_and_updates_the_same_pull_request() {
    let server = MockServer::start().await;
    let state = first_night(&server).await;
    let old_head = state.branch.as_ref().unwrap().head.clone();
    mount(&server, &state).await;
    let repo = input_b();
    let (out, c) = night(&server, repo.path()).await;
    assert_eq!(
        c,
        rerun_calls(
            BASE_SHA,
            &old_head,
            &[
                format!("GET /repos/acme/help-centre/git/commits/{BASE_SHA}"),
                "POST /repos/acme/help-centre/git/blobs".into(),
                "POST /repos/acme/help-centre/git/blobs".into(),
                "POST /repos/acme/help-centre/git/trees".into(),
                "POST /repos/acme/help-centre/git/commits".into(),
                "PATCH /repos/acme/help-centre/git/refs/heads/faqlint/bot".into(),
                "PATCH /repos/acme/help-centre/pulls/42".into(),
            ]
        )
    );
    let reqs = requests(&server).await;
    let commit = &body_of(&reqs, "POST", &repo_path("/git/commits"))[0];
    assert_eq!(
        commit["parents"],
        json!([BASE_SHA]),
        "rebuilt on the base, no merge"
    );
    let moved = &body_of(&reqs, "PATCH", &repo_path("/git/refs/heads/faqlint/bot"))[0];
    assert_eq!(moved["force"], json!(true));
    let patch = &body_of(&reqs, "PATCH", &repo_path("/pulls/42"))[0];
    let body = patch["body"].as_str().unwrap();
    assert!(body.contains(INVOICES_ENTRY) && body.contains(PASSWORD_ENTRY));
    assert!(text(&out.stdout).contains("#42: branch rebuilt on the base, description updated"));

    // And the night after, with the same input again: nothing.
    let state = state.after(&reqs);
    mount(&server, &state).await;
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert!(writes(&calls(&server).await).is_empty());
}

#[tokio::test]
async fn nothing_left_closes_the_pull_request_and_deletes_the_branch() {
    let server = MockServer::start().await;
    let state = first_night(&server).await;
    mount(&server, &state).await;
    let repo = input_empty();
    let (_, c) = night(&server, repo.path()).await;
    assert_eq!(
        writes(&c),
        vec![
            "PATCH /repos/acme/help-centre/pulls/42",
            "DELETE /repos/acme/help-centre/git/refs/heads/faqlint/bot"
        ]
    );
    assert_eq!(c.len(), 7);
    let reqs = requests(&server).await;
    assert_eq!(
        body_of(&reqs, "PATCH", &repo_path("/pulls/42"))[0],
        json!({ "state": "closed" })
    );
    // Then nothing is open, and a further empty night does nothing at all.
    let state = state.after(&reqs);
    assert!(state.pr.is_none() && state.branch.is_none());
    mount(&server, &state).await;
    let (_, c) = night(&server, repo.path()).await;
    assert_eq!(c.len(), 4);
    assert!(writes(&c).is_empty());
}

#[tokio::test]
async fn a_human_commit_on_the_branch_stops_the_bot_with_one_comment() {
    let server = MockServer::start().await;
    let mut state = first_night(&server).await;
    {
        let b = state.branch.as_mut().unwrap();
        b.commits
            .push("Reword the answer\n\nSigned-off-by: Octo Cat <octocat@github.com>".into());
        b.head = "d00dfeedd00dfeedd00dfeedd00dfeedd00dfeed".into();
    }
    mount(&server, &state).await;
    let repo = input_b();
    let (out, c) = night(&server, repo.path()).await;
    assert_eq!(
        c,
        rerun_calls(
            BASE_SHA,
            "d00dfeedd00dfeedd00dfeedd00dfeedd00dfeed",
            &s(&[
                "GET /repos/acme/help-centre/issues/42/comments",
                "POST /repos/acme/help-centre/issues/42/comments",
            ])
        )
    );
    assert!(text(&out.stderr).contains("someone else committed to the branch"));
    let reqs = requests(&server).await;
    let comment = &body_of(&reqs, "POST", &repo_path("/issues/42/comments"))[0];
    assert!(comment["body"].as_str().unwrap().contains("not the bot's"));

    // The next night: already said for this head, so no second comment, still no write.
    let state = state.after(&reqs);
    mount(&server, &state).await;
    let (_, c) = night(&server, repo.path()).await;
    assert_eq!(c.len(), 6);
    assert!(writes(&c).is_empty());
}

#[tokio::test]
async fn a_502_then_200_succeeds() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    Mock::given(method("GET"))
        .and(path(repo_path("")))
        .respond_with(ResponseTemplate::new(502).set_body_json(fixture("error-server.json")))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    let mut expected = opening_calls(1, BASE_SHA);
    expected.insert(0, "GET /repos/acme/help-centre".into());
    assert_eq!(calls(&server).await, expected);
    assert!(text(&out.stderr).contains("12 GitHub API requests (6 writes, 1 retries)"));
}

#[tokio::test]
async fn rate_limits_are_waited_out_and_retried() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    // A secondary rate limit on creating the pull request: 429 with Retry-After.
    Mock::given(method("POST"))
        .and(path(repo_path("/pulls")))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "2")
                .set_body_json(fixture("error-secondary-rate-limit.json")),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    // The primary quota exhausted on listing pull requests: 403 until the reset.
    Mock::given(method("GET"))
        .and(path(repo_path("/pulls")))
        .respond_with(quota_exhausted(5))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let repo = input_a();
    let (out, c) = night(&server, repo.path()).await;
    assert_eq!(
        c.iter()
            .filter(|x| *x == "GET /repos/acme/help-centre/pulls")
            .count(),
        2
    );
    assert_eq!(
        c.iter()
            .filter(|x| *x == "POST /repos/acme/help-centre/pulls")
            .count(),
        2
    );
    assert_eq!(c.len(), 13);
    assert!(text(&out.stdout).contains("opened pull request #42"));
}

#[tokio::test]
async fn a_rate_limit_reset_beyond_the_wait_budget_fails_fast() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    Mock::given(method("GET"))
        .and(path(repo_path("")))
        .respond_with(quota_exhausted(3_600))
        .with_priority(1)
        .mount(&server)
        .await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(calls(&server).await, vec!["GET /repos/acme/help-centre"]);
    assert!(
        text(&out.stderr).contains("more than the 60 s a call may wait"),
        "{}",
        text(&out.stderr)
    );
}

#[tokio::test]
async fn per_family_opens_a_pull_request_for_each_family_with_changes_only() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let repo = example_repo(|root| {
        let mut toml = std::fs::read_to_string(root.join("faqlint.toml")).unwrap();
        toml.push_str(
            "\n[bot]\nsplit = \"per-family\"\nreviewers = [\"acme/editors\", \"bob\"]\n\
             assignees = [\"carol\"]\nowner-field = \"maintainers\"\n",
        );
        std::fs::write(root.join("faqlint.toml"), toml).unwrap();
        replace_in(
            root,
            PASSWORD_ENTRY,
            "locale: fr\n",
            "locale: fr\nmaintainers: \"@alice\"\n",
        );
    });
    let (_, c) = night(&server, repo.path()).await;
    let mut expected = s(&[
        "GET /repos/acme/help-centre",
        "GET /repos/acme/help-centre/git/ref/heads/main",
    ]);
    for family in [
        "structure",
        "stale",
        "orphan",
        "tagging",
        "duplicate",
        "search",
    ] {
        expected.push("GET /repos/acme/help-centre/pulls".into());
        expected.push(format!(
            "GET /repos/acme/help-centre/git/ref/heads/faqlint/bot-{family}"
        ));
        if family == "tagging" {
            expected.extend(s(&[
                &format!("GET /repos/acme/help-centre/git/commits/{BASE_SHA}"),
                "POST /repos/acme/help-centre/git/blobs",
                "POST /repos/acme/help-centre/git/trees",
                "POST /repos/acme/help-centre/git/commits",
                "POST /repos/acme/help-centre/git/refs",
                "POST /repos/acme/help-centre/pulls",
                "POST /repos/acme/help-centre/issues/42/labels",
                "POST /repos/acme/help-centre/pulls/42/requested_reviewers",
                "POST /repos/acme/help-centre/issues/42/assignees",
            ]));
        }
    }
    assert_eq!(c, expected);
    let reqs = requests(&server).await;
    assert_eq!(
        body_of(&reqs, "POST", &repo_path("/git/refs"))[0]["ref"],
        json!("refs/heads/faqlint/bot-tagging")
    );
    let pull = &body_of(&reqs, "POST", &repo_path("/pulls"))[0];
    assert_eq!(pull["head"], json!("faqlint/bot-tagging"));
    assert_eq!(
        pull["title"],
        json!("faqlint: knowledge-base fixes and search suggestions (tagging)")
    );
    assert_eq!(
        body_of(&reqs, "POST", &repo_path("/pulls/42/requested_reviewers"))[0],
        json!({ "reviewers": ["bob", "alice"], "team_reviewers": ["editors"] })
    );
    assert_eq!(
        body_of(&reqs, "POST", &repo_path("/issues/42/assignees"))[0],
        json!({ "assignees": ["carol"] })
    );
}

#[tokio::test]
async fn a_plain_403_is_not_retried_and_fails_the_run() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    Mock::given(method("POST"))
        .and(path(repo_path("/git/blobs")))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"message": "Resource not accessible by integration"})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let c = calls(&server).await;
    assert_eq!(c.iter().filter(|x| x.ends_with("/git/blobs")).count(), 1);
    assert!(text(&out.stderr).contains("Resource not accessible by integration"));
}

#[tokio::test]
async fn a_failure_after_the_blob_step_leaves_nothing_half_made() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    Mock::given(method("POST"))
        .and(path(repo_path("/git/trees")))
        .respond_with(ResponseTemplate::new(500).set_body_json(fixture("error-server.json")))
        .with_priority(1)
        .mount(&server)
        .await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let c = calls(&server).await;
    // Five attempts at the tree, then stop: no commit, no ref, no pull request.
    assert_eq!(c.iter().filter(|x| x.ends_with("/git/trees")).count(), 5);
    assert_eq!(
        writes(&c)
            .iter()
            .filter(|x| !x.ends_with("/git/trees"))
            .collect::<Vec<_>>(),
        vec![&&"POST /repos/acme/help-centre/git/blobs".to_string()]
    );
    assert!(text(&out.stderr).contains("HTTP 500"));
    let state = State::empty().after(&requests(&server).await);
    assert!(state.branch.is_none() && state.pr.is_none());

    // The next night GitHub works again: the pull request is opened as on a first night.
    mount(&server, &state).await;
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert_eq!(calls(&server).await, opening_calls(1, BASE_SHA));
}

#[tokio::test]
async fn a_branch_left_without_a_pull_request_is_completed() {
    let server = MockServer::start().await;
    let mut state = first_night(&server).await;
    state.pr = None; // the run died after moving the ref
    mount(&server, &state).await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert_eq!(
        writes(&calls(&server).await),
        vec![
            "POST /repos/acme/help-centre/pulls",
            "POST /repos/acme/help-centre/issues/42/labels"
        ]
    );
}

#[tokio::test]
async fn a_branch_left_without_a_pull_request_is_deleted_when_nothing_is_left() {
    let server = MockServer::start().await;
    let mut state = first_night(&server).await;
    state.pr = None;
    mount(&server, &state).await;
    let repo = input_empty();
    let out = bot(&server, repo.path(), &[]);
    assert_ok(&out);
    assert_eq!(
        writes(&calls(&server).await),
        vec!["DELETE /repos/acme/help-centre/git/refs/heads/faqlint/bot"]
    );
}

/// A git checkout of `files_root` placed under `sub` of a new repository, committed.
fn git_checkout(sub: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/example");
    copy_dir(&src, &dir.path().join(sub)).unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim().to_string()
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "init"]);
    let head = git(&["rev-parse", "HEAD"]);
    (dir, head)
}

#[tokio::test]
async fn a_knowledge_base_in_a_subfolder_sends_repository_paths() {
    let (dir, head) = git_checkout("docs");
    let server = MockServer::start().await;
    let mut state = State::empty();
    state.base_sha = head.clone();
    mount(&server, &state).await;
    let out = bot(&server, &dir.path().join("docs"), &[]);
    assert_ok(&out);
    assert_eq!(calls(&server).await, opening_calls(1, &head));
    let reqs = requests(&server).await;
    let tree = &body_of(&reqs, "POST", &repo_path("/git/trees"))[0];
    assert_eq!(
        tree["tree"][0]["path"],
        json!(format!("docs/{PASSWORD_ENTRY}"))
    );
    let pull = &body_of(&reqs, "POST", &repo_path("/pulls"))[0];
    assert!(
        pull["body"]
            .as_str()
            .unwrap()
            .contains(&format!("+++ b/docs/{PASSWORD_ENTRY}"))
    );
}

#[tokio::test]
async fn a_checkout_that_is_not_the_base_head_is_refused() {
    let (dir, _head) = git_checkout(".");
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let out = bot(&server, dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("run the bot in a fresh checkout of `main`"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        calls(&server).await,
        vec![
            "GET /repos/acme/help-centre",
            "GET /repos/acme/help-centre/git/ref/heads/main"
        ]
    );
}

#[tokio::test]
async fn a_moved_base_rebuilds_the_branch_on_the_new_base_head() {
    let server = MockServer::start().await;
    let mut state = first_night(&server).await;
    let old_head = state.branch.as_ref().unwrap().head.clone();
    state.base_sha = NEW_BASE_SHA.into();
    state.base_tree = NEW_BASE_TREE.into();
    state.branch.as_mut().unwrap().behind_by = 3;
    mount(&server, &state).await;
    let repo = input_a();
    let (out, c) = night(&server, repo.path()).await;
    assert_eq!(
        c,
        rerun_calls(
            NEW_BASE_SHA,
            &old_head,
            &[
                format!("GET /repos/acme/help-centre/git/commits/{NEW_BASE_SHA}"),
                "POST /repos/acme/help-centre/git/blobs".into(),
                "POST /repos/acme/help-centre/git/trees".into(),
                "POST /repos/acme/help-centre/git/commits".into(),
                "PATCH /repos/acme/help-centre/git/refs/heads/faqlint/bot".into(),
            ]
        )
    );
    let reqs = requests(&server).await;
    assert_eq!(
        body_of(&reqs, "POST", &repo_path("/git/trees"))[0]["base_tree"],
        json!(NEW_BASE_TREE)
    );
    assert_eq!(
        body_of(&reqs, "POST", &repo_path("/git/commits"))[0]["parents"],
        json!([NEW_BASE_SHA])
    );
    assert!(text(&out.stdout).contains("#42: branch rebuilt on the base"));
}

#[tokio::test]
async fn the_token_is_never_printed() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(401).set_body_json(fixture("error-bad-credentials.json")),
        )
        .mount(&server)
        .await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stderr.contains("HTTP 401: Bad credentials"), "{stderr}");
    assert!(!stderr.contains(TOKEN) && !stdout.contains(TOKEN));
    assert!(!stderr.contains(&TOKEN[8..20]));
    assert_eq!(calls(&server).await, vec!["GET /repos/acme/help-centre"]);

    // A connection refused (nothing listening) does not print it either.
    let closed = MockServer::start().await;
    let uri = closed.uri();
    drop(closed);
    let mut cmd = Command::cargo_bin("faqlint").unwrap();
    let out = cmd
        .current_dir(repo.path())
        .env("FAQLINT_BOT_TEST_TOKEN", TOKEN)
        .args([
            "bot",
            "--repo",
            "acme/help-centre",
            "--api-url",
            &uri,
            "--token-env",
            "FAQLINT_BOT_TEST_TOKEN",
            "--today",
            "2025-01-01",
            "--retry-delay-scale",
            "0.001",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains(TOKEN));
}

#[tokio::test]
async fn no_token_is_a_usage_error_before_any_call() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let repo = input_a();
    let mut cmd = Command::cargo_bin("faqlint").unwrap();
    let out = cmd
        .current_dir(repo.path())
        .env_remove("GITHUB_TOKEN")
        .args([
            "bot",
            "--repo",
            "acme/help-centre",
            "--api-url",
            &server.uri(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no token: set GITHUB_TOKEN"));
    assert!(calls(&server).await.is_empty());
}

#[tokio::test]
async fn dry_run_prints_the_pull_request_and_calls_nothing() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let repo = input_a();
    let out = bot(&server, repo.path(), &["--dry-run"]);
    assert_ok(&out);
    assert!(calls(&server).await.is_empty());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("title:     faqlint: knowledge-base fixes and search suggestions"));
    assert!(stdout.contains("branch:    faqlint/bot"));
    assert!(stdout.contains("base:      the default branch"));
    assert!(stdout.contains(&format!("  {PASSWORD_ENTRY} (+1 -1)")));
    assert!(stdout.contains("<!-- faqlint-bot digest:"));
}

/// The bundled example, in place: the pull request is printed, nothing is written.
#[test]
fn dry_run_works_on_the_bundled_example_repo() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repos/example");
    let before = snapshot(&example);
    let out = Command::cargo_bin("faqlint")
        .unwrap()
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_TOKEN")
        .args(["bot", "--dry-run", "--today", "2025-01-01"])
        .arg(&example)
        .output()
        .unwrap();
    assert_ok(&out);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("branch:    faqlint/bot\n"), "{stdout}");
    // Paths are repository paths: the example sits in faqlint's own checkout.
    assert!(
        stdout.contains(
            "files changed (1):\n  fixtures/repos/example/fr/compte/reinitialiser-mon-mot-de-passe.md (+1 -1)"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("| tagging | 1 | 0 |"));
    assert_eq!(snapshot(&example), before, "the checkout was modified");
}

/// `split = "per-family"` and `propose-unsafe`: one pull request per family with fixes, each
/// holding only its family's changes; unsafe fixes marked for review.
#[test]
fn dry_run_per_family_with_unsafe_fixes_proposed() {
    let repo = example_repo(|root| {
        let mut toml = std::fs::read_to_string(root.join("faqlint.toml")).unwrap();
        toml.push_str(
            "\n[bot]\npropose-unsafe = [\"review-overdue\", \"tagging\"]\nsplit = \"per-family\"\n\
             reviewers = [\"acme/editors\"]\nowner-field = \"maintainers\"\n",
        );
        std::fs::write(root.join("faqlint.toml"), toml).unwrap();
        replace_in(
            root,
            PASSWORD_ENTRY,
            "locale: fr\n",
            "locale: fr\nmaintainers: [\"@alice\", \"Équipe Compte\"]\n",
        );
    });
    let out = dry_run_in(repo.path());
    assert_ok(&out);
    let stdout = text(&out.stdout);
    let prs: Vec<&str> = stdout.split("== pull request").skip(1).collect();
    let tagging = prs
        .iter()
        .find(|p| p.contains("branch:    faqlint/bot-tagging"))
        .unwrap();
    let stale = prs
        .iter()
        .find(|p| p.contains("branch:    faqlint/bot-stale"))
        .unwrap();
    assert!(
        stdout.contains("faqlint/bot-duplicate: nothing to propose"),
        "{stdout}"
    );
    assert!(
        tagging
            .contains("title:     faqlint: knowledge-base fixes and search suggestions (tagging)")
    );
    assert!(
        tagging.contains("reviewers: acme/editors, alice\n"),
        "{tagging}"
    );
    assert!(tagging.contains("rules/synonym-tag.md"));
    assert!(!tagging.contains("rules/review-overdue.md"));
    assert!(stale.contains("rules/review-overdue.md"));
    assert!(!stale.contains("rules/synonym-tag.md"));
    assert!(stale.contains("(review)"));
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v = Vec::new();
    for e in walk(dir) {
        v.push((e.clone(), std::fs::read(&e).unwrap()));
    }
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// With search analytics (`[analytics]` exports) and the `search` family proposed, the bot
/// carries the mined tags and synonyms and shows the closed loop: zero-result searches of
/// the period replayed before and after its changes, and the contacts they would avoid.
#[test]
fn dry_run_with_analytics_proposes_mined_edits_and_shows_zero_results_before_after() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mine/repo");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture, dir.path()).unwrap();
    let toml = dir.path().join("faqlint.toml");
    let mut text_of = std::fs::read_to_string(&toml).unwrap();
    text_of.push_str("\n[bot]\npropose-unsafe = [\"search\"]\n");
    std::fs::write(&toml, text_of).unwrap();
    let out = dry_run_in(dir.path());
    assert_ok(&out);
    let stdout = text(&out.stdout);
    // fixtures/mine/repo/analytics/searches.csv: 119 searches; by the strict model 69 find
    // nothing ("conge maternites" 40 + "congé maternités" 5 + "preavis convention" 12 +
    // the two télétravail queries 12, which no entry answers). The synonym
    // `maternites` → `maternite` answers 45, tag `convention` on `preavis` answers 12.
    assert!(
        stdout.contains("| zero-result searches (before → after) | 69 → 12 of 119 (57 answered) |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("contacts avoided (estimate) | ≈ 6 "),
        "{stdout}"
    );
    assert!(
        stdout.contains("  fr/contrat/preavis.md (+1 -1)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  taxonomy.yml (+1 -0)\n"), "{stdout}");
    assert!(stdout.contains("+tags: [preavis, convention]"), "{stdout}");
    assert!(stdout.contains("+      maternites: maternite"), "{stdout}");
    // Without the exports, the row says so instead of a number.
    std::fs::write(&toml, "[bot]\npropose-unsafe = [\"search\"]\n").unwrap();
    let out = dry_run_in(dir.path());
    assert!(
        !text(&out.stdout).contains("69 → 12"),
        "{}",
        text(&out.stdout)
    );
}

/// `faqlint bot --dry-run` in `dir`, outside GitHub Actions (no repository, no token).
fn dry_run_in(dir: &Path) -> Output {
    Command::cargo_bin("faqlint")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_TOKEN")
        .args(["bot", "--dry-run", "--today", "2025-01-01"])
        .output()
        .unwrap()
}

/// An export that cannot be read does not stop the night's other fixes: the bot warns,
/// names the file, and proposes the rest.
#[test]
fn an_unreadable_export_is_a_warning_and_the_other_fixes_go_on() {
    let repo = example_repo(|_| {});
    let out = Command::cargo_bin("faqlint")
        .unwrap()
        .current_dir(repo.path())
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_TOKEN")
        .args([
            "bot",
            "--dry-run",
            "--today",
            "2025-01-01",
            "--searches",
            "missing.csv",
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("missing.csv"), "{stderr}");
    assert!(
        stderr.contains("search suggestions are left out"),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("  {PASSWORD_ENTRY} (+1 -1)")),
        "{stdout}"
    );
    assert!(
        stdout.contains("| zero-result searches (before → after) | — |"),
        "{stdout}"
    );
}

/// GitHub's answer when the primary rate limit is spent: 403, no requests remaining, the
/// quota back `secs` seconds from now.
fn quota_exhausted(secs: u64) -> ResponseTemplate {
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + secs;
    ResponseTemplate::new(403)
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", reset.to_string().as_str())
        .set_body_json(json!({"message": "API rate limit exceeded for installation ID 1."}))
}

/// In GitHub Actions no flag is needed: `GITHUB_REPOSITORY`, `GITHUB_API_URL` and
/// `GITHUB_TOKEN` name the repository, the API and the token.
#[tokio::test]
async fn github_actions_defaults_come_from_the_environment() {
    let server = MockServer::start().await;
    mount(&server, &State::empty()).await;
    let repo = input_a();
    let out = Command::cargo_bin("faqlint")
        .unwrap()
        .current_dir(repo.path())
        .env("GITHUB_REPOSITORY", format!("{OWNER}/{REPO}"))
        .env("GITHUB_API_URL", server.uri())
        .env("GITHUB_TOKEN", TOKEN)
        .args([
            "bot",
            "--today",
            "2025-01-01",
            "--retry-delay-scale",
            "0.001",
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    let reqs = requests(&server).await;
    assert!(!reqs.is_empty());
    assert!(
        reqs.iter().all(|r| r
            .headers
            .get("authorization")
            .is_some_and(|v| v.to_str().unwrap_or("").ends_with(TOKEN))),
        "every call carries the token"
    );
    assert!(
        text(&out.stdout).contains("opened pull request #42"),
        "{}",
        text(&out.stdout)
    );
}
