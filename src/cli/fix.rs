//! `faqlint fix` and `faqlint check --fix / --unsafe-fixes / --diff`.

use std::io::{IsTerminal, Write};

use super::check::Workspace;
use super::{CheckArgs, ColorChoice, warn};
use crate::ExitStatus;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixRequest};
use crate::lint::{RunOptions, Selection};
use crate::output::{self, Report};

/// Fixes the repo (or only the files under PATHS), then reports what remains.
///
/// Exit: 0 when nothing at or above `--fail-on` remains, 1 when something does (with
/// `--diff`: when there are changes), 2 on I/O, config or internal errors.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let ws =
        Workspace::open(&args.paths, &args.config, &selection, args.today)?.with_analytics()?;
    let filter = ws.report_filter(&args.paths, args.changed_since.as_deref())?;
    let Workspace {
        loaded,
        settings,
        corpus,
        today,
        analytics,
        ..
    } = ws;
    let request = FixRequest {
        settings: &settings,
        config: &loaded.config,
        today,
        run: RunOptions {
            no_suppressions: args.no_suppressions,
        },
        unsafe_fixes: args.fixes.unsafe_fixes,
        writable: filter.as_ref(),
        analytics: analytics.as_ref(),
    };
    let outcome = fix::fix_corpus(corpus, &request)?;
    let diff_only = args.fixes.diff;

    let mut failed = false;
    for r in &outcome.rejected {
        warn(&r.to_string());
    }
    let mut stdout = std::io::stdout().lock();
    if diff_only {
        for c in &outcome.changed {
            stdout.write_all(c.unified_diff().as_bytes())?;
        }
    } else {
        for (path, err) in fix::write_changes(&outcome.changed) {
            let mut e = std::io::stderr().lock();
            let _ = writeln!(e, "error: {path}: cannot write the fixed file: {err}");
            failed = true;
        }
    }

    let remaining: Vec<Diagnostic> = match &filter {
        Some(set) => outcome
            .remaining
            .diagnostics
            .iter()
            .filter(|d| set.contains(&outcome.corpus.file(d.file).path))
            .cloned()
            .collect(),
        None => outcome.remaining.diagnostics.clone(),
    };
    if !diff_only {
        let mut report = Report::new(&outcome.corpus, &remaining);
        report.color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        output::emit(args.format, &report, &mut stdout)?;
    }
    stdout.flush()?;
    drop(stdout);

    let unsafe_more = if args.fixes.unsafe_fixes {
        0
    } else {
        remaining
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == crate::diagnostic::Applicability::Unsafe)
            })
            .count()
    };
    {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "{}",
            summary(
                diff_only,
                outcome.applied,
                outcome.changed.len(),
                remaining.len(),
                unsafe_more
            )
        );
        for e in &outcome.internal_errors {
            let _ = writeln!(err, "warning: {e}");
        }
        for p in &outcome.corpus.io_problems {
            let _ = writeln!(err, "error: {}: {}", p.path, p.message);
        }
    }
    if failed || !outcome.internal_errors.is_empty() || !outcome.corpus.io_problems.is_empty() {
        return Ok(ExitStatus::Error);
    }
    if diff_only {
        return Ok(if outcome.changed.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Findings
        });
    }
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| remaining.iter().any(|d| d.severity >= t));
    Ok(if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// `Fixed 3 diagnostics in 2 files (5 remaining; 1 more with --unsafe-fixes)`.
fn summary(
    diff_only: bool,
    fixed: usize,
    files: usize,
    remaining: usize,
    unsafe_more: usize,
) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let verb = if diff_only { "Would fix" } else { "Fixed" };
    let mut tail = format!("{remaining} remaining");
    if unsafe_more > 0 {
        tail.push_str(&format!("; {unsafe_more} more with --unsafe-fixes"));
    }
    format!(
        "{verb} {} in {} ({tail})",
        plural(fixed, "diagnostic"),
        plural(files, "file")
    )
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary(false, 3, 2, 5, 1),
            "Fixed 3 diagnostics in 2 files (5 remaining; 1 more with --unsafe-fixes)"
        );
        assert_eq!(
            summary(true, 1, 1, 0, 0),
            "Would fix 1 diagnostic in 1 file (0 remaining)"
        );
    }
}
