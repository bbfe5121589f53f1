//! `faqlint check`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{CheckArgs, ColorChoice, ConfigArgs, note, warn};
use crate::ExitStatus;
use crate::config::{self, Loaded};
use crate::lint::{self, RunOptions, Selection, Settings};
use crate::output::{self, Report};
use crate::rules::Context;
use crate::site;
use crate::source::{self, Corpus, git};

/// A loaded repo with its settings: what `check` and `fix` share.
pub struct Workspace {
    pub root: PathBuf,
    pub loaded: Loaded,
    pub settings: Settings,
    pub corpus: Corpus,
    pub today: chrono::NaiveDate,
    /// Search analytics for the `search` rules (see [`Workspace::with_analytics`]).
    pub analytics: Option<crate::mine::MineInput>,
}

impl Workspace {
    pub fn open(
        paths: &[PathBuf],
        cfg: &ConfigArgs,
        selection: &Selection,
        today: Option<chrono::NaiveDate>,
    ) -> anyhow::Result<Workspace> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let start = match paths {
            [one] if one.is_dir() => cwd.join(one),
            _ => cwd.clone(),
        };
        let loaded = if cfg.no_config {
            Loaded::defaults()
        } else if let Some(path) = &cfg.config {
            config::load(path)?
        } else if let Some(path) = config::discover(&start) {
            config::load(&path)?
        } else {
            Loaded::defaults()
        };
        let mut loaded = loaded;
        let root = config::find_root(&start, &loaded);
        let prepared = site::prepare(&root, &mut loaded, None);
        if let Err((glob, err)) = source::validate_globs(&loaded.config) {
            anyhow::bail!("{}: invalid glob `{glob}`: {err}", loaded.display_path());
        }
        let settings = Settings::resolve(&loaded, selection)?;
        for w in &settings.warnings {
            warn(w);
        }
        if let site::ProfileSource::Detected(d) = &prepared.source {
            note(&format!(
                "profile `{}` detected from `{}` (set `[repo] profile` in faqlint.toml to choose)",
                d.profile, d.marker
            ));
        }
        let mut corpus = source::load_with(&root, &loaded.config, prepared.generator);
        for n in &corpus.site.notes {
            note(n);
        }
        let wants_git = settings
            .rules
            .iter()
            .any(|r| r.def.id == "review-overdue" && r.options.bool("git-fallback"));
        if wants_git {
            match git::last_commit_dates(&root) {
                Ok(dates) => corpus.git_dates = Some(dates.into_iter().collect()),
                Err(e) => warn(&format!("git dates unavailable: {e}")),
            }
        }
        let today = today.unwrap_or_else(crate::clock::today);
        Ok(Workspace {
            root,
            loaded,
            settings,
            corpus,
            today,
            analytics: None,
        })
    }

    /// Loads the exports named in `[analytics]` when the `search` rules run.
    pub fn with_analytics(mut self) -> anyhow::Result<Workspace> {
        self.analytics = super::mine::configured_input(&self)?;
        Ok(self)
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            corpus: &self.corpus,
            config: &self.loaded.config,
            today: self.today,
            analytics: self.analytics.as_ref(),
        }
    }

    /// When no entry was found: a message naming the include patterns and the Markdown-like
    /// files that were seen, so an empty result never passes for a clean one.
    pub fn nothing_found(&self) -> Option<String> {
        let entries = self
            .corpus
            .entries
            .iter()
            .filter(|e| self.corpus.file(e.file).kind == source::FileKind::Entry)
            .count();
        if entries > 0 {
            return None;
        }
        let mut seen: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for a in &self.corpus.assets {
            if let Some((_, ext)) = a.rsplit_once('.')
                && ["md", "mdx", "markdown", "mdown", "mkd", "rst", "adoc"].contains(&ext)
            {
                *seen.entry(ext).or_default() += 1;
            }
        }
        let seen = if seen.is_empty() {
            "no Markdown-like files at all".to_string()
        } else {
            let list: Vec<String> = seen.iter().map(|(e, n)| format!("{n} `.{e}`")).collect();
            format!("Markdown-like files seen: {}", list.join(", "))
        };
        Some(format!(
            "no entries found under {} (profile `{}`; include: {}; {seen}). Set `[repo] include` or `profile` in faqlint.toml",
            self.root.display(),
            self.corpus.site.profile,
            self.loaded.config.repo.include.join(", "),
        ))
    }

    /// Repo-relative paths that the report is limited to, or `None` for everything.
    pub fn report_filter(
        &self,
        paths: &[PathBuf],
        changed_since: Option<&str>,
    ) -> anyhow::Result<Option<HashSet<String>>> {
        let mut filter: Option<HashSet<String>> = None;
        let cwd = std::env::current_dir()?;
        let explicit: Vec<PathBuf> = paths
            .iter()
            .map(|p| cwd.join(p))
            .filter(|p| p != &self.root)
            .collect();
        if !explicit.is_empty() {
            let mut set = HashSet::new();
            for (i, f) in self.corpus.files.iter().enumerate() {
                let abs = self.corpus.abs_path(crate::source::FileId(i));
                if explicit.iter().any(|p| under(&abs, p)) {
                    set.insert(f.path.clone());
                }
            }
            filter = Some(set);
        }
        if let Some(reference) = changed_since {
            let changed = git::changed_since(&self.root, reference)?;
            filter = Some(match filter {
                Some(f) => f.intersection(&changed).cloned().collect(),
                None => changed,
            });
        }
        Ok(filter)
    }
}

fn under(file: &Path, dir_or_file: &Path) -> bool {
    let norm = |p: &Path| p.components().collect::<PathBuf>();
    norm(file).starts_with(norm(dir_or_file))
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    if args.fixes.any() {
        return super::fix::run(args);
    }
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let ws =
        Workspace::open(&args.paths, &args.config, &selection, args.today)?.with_analytics()?;
    if let Some(message) = ws.nothing_found() {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: {message}");
        return Ok(ExitStatus::Error);
    }
    let ctx = ws.context();
    let outcome = lint::lint(
        &ctx,
        &ws.settings,
        RunOptions {
            no_suppressions: args.no_suppressions,
        },
    );
    let filter = ws.report_filter(&args.paths, args.changed_since.as_deref())?;
    let diagnostics: Vec<_> = match &filter {
        Some(set) => outcome
            .diagnostics
            .into_iter()
            .filter(|d| set.contains(&ws.corpus.file(d.file).path))
            .collect(),
        None => outcome.diagnostics,
    };
    let mut report = Report::new(&ws.corpus, &diagnostics);
    report.color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    output::emit(args.format, &report, &mut stdout)?;
    stdout.flush()?;

    for e in &outcome.internal_errors {
        warn(&e.to_string());
    }
    for p in &ws.corpus.io_problems {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: {}: {}", p.path, p.message);
    }
    if !outcome.internal_errors.is_empty() || !ws.corpus.io_problems.is_empty() {
        return Ok(ExitStatus::Error);
    }
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| diagnostics.iter().any(|d| d.severity >= t));
    Ok(if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
