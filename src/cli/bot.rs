//! `faqlint bot`: the nightly pull request (see [`crate::bot`]).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use octocrab::secrecy::SecretString;

use super::check::Workspace;
use super::{ConfigArgs, note, warn};
use crate::ExitStatus;
use crate::bot::body::{self, BodyOptions};
use crate::bot::github::{Client, RetryPolicy};
use crate::bot::plan::{self, Plan, PlanInput, Topic};
use crate::bot::run::{self, Desired, Outcome, RunOptions};
use crate::lint::{RunOptions as LintOptions, Selection};

#[derive(Debug, Args)]
pub struct BotArgs {
    /// The checkout of the knowledge repo (default: the current directory). Nothing in it
    /// is written.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The repository, OWNER/NAME (default: $GITHUB_REPOSITORY).
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: Option<String>,
    /// The REST API root, for GitHub Enterprise Server (default: $GITHUB_API_URL, else
    /// https://api.github.com).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// The environment variable holding the token.
    #[arg(long, value_name = "NAME", default_value = "GITHUB_TOKEN")]
    pub token_env: String,
    /// The base branch (default: the repository's default branch).
    #[arg(long, value_name = "BRANCH")]
    pub base: Option<String>,
    /// Search-analytics export(s) for this run (`[analytics] searches`).
    #[arg(long, value_name = "FILE")]
    pub searches: Vec<PathBuf>,
    /// Vote export(s) for this run (`[analytics] votes`).
    #[arg(long, value_name = "FILE")]
    pub votes: Vec<PathBuf>,
    /// The date staleness is measured against (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_today)]
    pub today: Option<chrono::NaiveDate>,
    /// Print the pull requests that would be made (title, branch, base, files, body) and
    /// call no API at all.
    #[arg(long)]
    pub dry_run: bool,
    /// Tests: multiply every retry wait by this (1 in production).
    #[arg(long, hide = true, default_value_t = 1.0)]
    pub retry_delay_scale: f64,
}

/// `owner/name` → (owner, name), both safe in a URL path.
fn parse_repo(s: &str) -> anyhow::Result<(String, String)> {
    let ok = |p: &str| {
        !p.is_empty()
            && p != "."
            && p != ".."
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match s.split_once('/') {
        Some((o, n)) if ok(o) && ok(n) => Ok((o.to_string(), n.to_string())),
        _ => anyhow::bail!("--repo: expected OWNER/NAME, found `{s}`"),
    }
}

/// A branch name safe to put in a URL path and valid for git.
fn check_branch(b: &str) -> anyhow::Result<()> {
    let ok = !b.is_empty()
        && !b.starts_with(['/', '-', '.'])
        && !b.ends_with(['/', '.'])
        && !b.contains("..")
        && !b.contains("//")
        && !b.ends_with(".lock")
        && b.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok {
        Ok(())
    } else {
        anyhow::bail!("invalid branch name `{b}` (letters, digits, `-`, `_`, `.`, `/`)")
    }
}

pub fn run(args: &BotArgs) -> anyhow::Result<ExitStatus> {
    let paths: Vec<PathBuf> = args.path.iter().cloned().collect();
    let mut ws = Workspace::open(&paths, &args.config, &Selection::default(), args.today)?;
    if let Some(message) = ws.nothing_found() {
        anyhow::bail!("{message}");
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let abs = |p: &PathBuf| cwd.join(p).to_string_lossy().into_owned();
    if !args.searches.is_empty() {
        ws.loaded.config.analytics.searches = args.searches.iter().map(abs).collect();
    }
    if !args.votes.is_empty() {
        ws.loaded.config.analytics.votes = args.votes.iter().map(abs).collect();
    }
    // Unreadable exports do not stop the other fixes: warned, and the run goes on without
    // the `search` rules' suggestions.
    ws.analytics = match super::mine::configured_input(&ws) {
        Ok(input) => input,
        Err(e) => {
            warn(&format!(
                "{e:#}; the search suggestions are left out of this run"
            ));
            None
        }
    };
    let bot = ws.loaded.config.bot.clone();
    check_branch(&bot.branch).context("[bot] branch")?;
    if let Some(b) = &args.base {
        check_branch(b).context("--base")?;
    }

    let Workspace {
        root,
        loaded,
        settings,
        corpus,
        today,
        analytics,
    } = ws;
    let generator = corpus.site.generator.clone();
    let git_dates = corpus.git_dates.clone();
    let mut first = Some(corpus);
    let mut load = || {
        first.take().unwrap_or_else(|| {
            let mut c = crate::source::load_with(&root, &loaded.config, generator.clone());
            c.git_dates = git_dates.clone();
            c
        })
    };
    let checkout = crate::bot::checkout_of(&root);
    if checkout.is_none() && !args.dry_run {
        warn(&format!(
            "{} is not a git checkout: its paths are taken as repository paths, and whether it is \
             the base head cannot be checked",
            root.display()
        ));
    }
    let prefix = checkout.as_ref().map_or("", |c| c.prefix.as_str());
    let input = PlanInput {
        path_prefix: prefix,
        config: &loaded.config,
        settings: &settings,
        today,
        run: LintOptions::default(),
        analytics: analytics.as_ref(),
    };
    let plan = plan::build(&input, &mut load)?;
    for w in &plan.warnings {
        warn(w);
    }
    let opts = BodyOptions {
        docs_url: bot.docs_url.clone(),
        cost_per_contact: loaded.config.analytics.cost_per_contact,
        deflection_rate: loaded.config.analytics.deflection_rate,
        ..BodyOptions::default()
    };
    let bodies: Vec<String> = plan.topics.iter().map(|t| body::render(t, &opts)).collect();
    let run_opts = RunOptions {
        base: args.base.clone(),
        labels: bot.labels.clone(),
        reviewers: bot.reviewers.clone(),
        assignees: bot.assignees.clone(),
        checkout_head: checkout.as_ref().map(|c| c.head.clone()),
    };

    let repo = args.repo.clone().or_else(|| {
        std::env::var("GITHUB_REPOSITORY")
            .ok()
            .filter(|s| !s.is_empty())
    });
    if args.dry_run {
        dry_run(&plan, &bodies, repo.as_deref(), &run_opts)?;
        return Ok(if plan.had_errors {
            ExitStatus::Error
        } else {
            ExitStatus::Clean
        });
    }

    let Some(repo) = repo else {
        anyhow::bail!("no repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY");
    };
    let (owner, name) = parse_repo(&repo)?;
    let api_url = args
        .api_url
        .clone()
        .or_else(|| {
            std::env::var("GITHUB_API_URL")
                .ok()
                .filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "https://api.github.com".to_string());
    let token: SecretString = match std::env::var(&args.token_env) {
        Ok(t) if !t.trim().is_empty() => SecretString::from(t.trim().to_string()),
        _ => anyhow::bail!(
            "no token: set {} (or name another variable with --token-env)",
            args.token_env
        ),
    };
    let policy = RetryPolicy {
        scale: args.retry_delay_scale,
        ..RetryPolicy::default()
    };
    let desired: Vec<Desired> = plan
        .topics
        .iter()
        .zip(bodies)
        .map(|(topic, body)| Desired { topic, body })
        .collect();

    // The only async code of faqlint: a current-thread runtime, made here and nowhere else.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (report, stats) = runtime.block_on(async {
        let client = Client::new(&api_url, token, &owner, &name, policy)?;
        let report = run::run(&client, &desired, &run_opts).await;
        Ok::<_, anyhow::Error>((report, client.stats()))
    })?;

    let mut failed = plan.had_errors;
    let mut out = std::io::stdout().lock();
    match report {
        Ok(report) => {
            for (branch, outcome) in &report.outcomes {
                match outcome {
                    Ok(o) => {
                        if let Outcome::HumanCommits { .. } = o {
                            // Exit 0: a person taking over the branch is not a failure of the
                            // nightly job, but it must be visible in its log.
                            warn(&o.describe(branch));
                            if std::env::var_os("GITHUB_ACTIONS").is_some() {
                                writeln!(
                                    out,
                                    "::warning title=faqlint bot::{}",
                                    o.describe(branch).replace('%', "%25")
                                )?;
                            }
                        } else {
                            writeln!(out, "{}", o.describe(branch))?;
                        }
                    }
                    Err(e) => {
                        failed = true;
                        let mut err = std::io::stderr().lock();
                        let _ = writeln!(err, "error: {branch}: {e}");
                    }
                }
            }
        }
        Err(e) => {
            failed = true;
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {e}");
        }
    }
    out.flush()?;
    note(&format!(
        "{} GitHub API requests ({} writes, {} retries)",
        stats.requests, stats.writes, stats.retries
    ));
    Ok(if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Clean
    })
}

fn dry_run(
    plan: &Plan,
    bodies: &[String],
    repo: Option<&str>,
    opts: &RunOptions,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let repo = repo.unwrap_or("(repository: --repo or GITHUB_REPOSITORY)");
    let base = opts
        .base
        .clone()
        .unwrap_or_else(|| "the default branch".to_string());
    for (topic, body) in plan.topics.iter().zip(bodies) {
        if topic.changes.is_empty() {
            writeln!(
                out,
                "== {}: nothing to propose (an open pull request from it would be closed and the branch deleted)\n",
                topic.branch
            )?;
            continue;
        }
        writeln!(out, "== pull request on {repo}")?;
        writeln!(out, "title:     {}", topic.title)?;
        writeln!(out, "branch:    {}", topic.branch)?;
        writeln!(out, "base:      {base}")?;
        writeln!(out, "labels:    {}", list(&opts.labels))?;
        let mut reviewers = opts.reviewers.clone();
        reviewers.extend(topic.owners());
        writeln!(out, "reviewers: {}", list(&reviewers))?;
        writeln!(out, "assignees: {}", list(&opts.assignees))?;
        writeln!(out, "files changed ({}):", topic.changes.len())?;
        for c in &topic.changes {
            let (add, del) = counts(topic, c);
            writeln!(out, "  {} (+{add} -{del})", c.path)?;
        }
        writeln!(out, "--- body ({} characters) ---", body.chars().count())?;
        out.write_all(body.as_bytes())?;
        writeln!(out, "--- end of body ---\n")?;
    }
    out.flush()?;
    Ok(())
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "(none)".to_string()
    } else {
        v.join(", ")
    }
}

/// Lines added and removed (the hunks only: `---`/`+++` headers are not lines).
fn counts(_topic: &Topic, c: &crate::bot::plan::Change) -> (usize, usize) {
    let mut add = 0;
    let mut del = 0;
    for line in c.diff.lines().skip_while(|l| !l.starts_with("@@")) {
        if line.starts_with('+') {
            add += 1;
        } else if line.starts_with('-') {
            del += 1;
        }
    }
    (add, del)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repos_and_branches() {
        assert!(parse_repo("acme/help-centre").is_ok());
        assert!(parse_repo("acme").is_err());
        assert!(parse_repo("acme/../x").is_err());
        assert!(parse_repo("a/b?x=1").is_err());
        assert!(check_branch("faqlint/bot").is_ok());
        assert!(check_branch("faqlint/bot-tagging").is_ok());
        assert!(check_branch("a..b").is_err());
        assert!(check_branch("a b").is_err());
        assert!(check_branch("x?y").is_err());
    }
}
