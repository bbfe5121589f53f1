//! The fix engine: lint, apply the allowed fixes, re-parse, re-lint, to a fixpoint.
//!
//! Per pass: the fixes of the allowed applicability are sorted by position; a fix whose
//! edits overlap an edit already taken is skipped (it is retried in the next pass, against
//! the new text). The edits are applied per file in memory, the file is re-parsed and
//! compared with its parse before the pass: a file that no longer parses (or lost a
//! top-level key) keeps its old text, and its fixes are reported as rejected and never
//! retried. The corpus is then rebuilt from the new texts, so corpus-wide rules see every
//! change, and linted again. The loop stops when no fix is left, or fails after
//! [`MAX_PASSES`] passes naming the rules that keep producing fixes.
//!
//! Nothing is written here: [`write_changes`] writes each changed file once, at the end.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::yaml_edit::apply_edits;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lint::{self, Outcome, RunOptions, Settings};
use crate::rules::Context;
use crate::source::{Corpus, FileId, FileKind, LoadProblem, front_matter};

/// Passes before the engine gives up on reaching a fixpoint.
pub const MAX_PASSES: usize = 10;

/// What to fix, and how to lint between passes.
pub struct FixRequest<'a> {
    pub settings: &'a Settings,
    pub config: &'a Config,
    pub today: NaiveDate,
    pub run: RunOptions,
    /// Apply `Unsafe` fixes too (`--unsafe-fixes`). `DisplayOnly` fixes are never applied.
    pub unsafe_fixes: bool,
    /// Repo-relative paths that may be edited (`PATHS`, `--changed-since`); `None`: all.
    pub writable: Option<&'a HashSet<String>>,
    /// Search analytics for the `search` rules (their fixes are mined from them).
    pub analytics: Option<&'a crate::mine::MineInput>,
}

impl FixRequest<'_> {
    fn allows(&self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }
}

/// A file whose text the fixes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    pub file: FileId,
    /// Repo-relative, `/`-separated.
    pub path: String,
    pub abs: PathBuf,
    /// The file had a BOM: it is written back.
    pub bom: bool,
    pub before: String,
    pub after: String,
}

impl ChangedFile {
    /// The bytes to write: the BOM (when the file had one), then the fixed text.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.after.len() + 3);
        if self.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        out.extend_from_slice(self.after.as_bytes());
        out
    }

    /// A unified diff (`--- a/path`, `+++ b/path`) of the change.
    pub fn unified_diff(&self) -> String {
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
            .to_string()
    }
}

/// A fix the engine applied, with where its diagnostic pointed when it was applied: what
/// the bot shows as evidence of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub diagnostic: Diagnostic,
    /// Repo-relative path of the diagnostic's file.
    pub path: String,
    /// 1-based line of the diagnostic in the text the fix was applied to.
    pub line: usize,
    /// Path and 1-based line of each related location, in order.
    pub related: Vec<(String, usize)>,
    /// Repo-relative paths the fix's edits touch.
    pub edited: Vec<String>,
}

/// Fixes dropped because the file would no longer parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub path: String,
    pub rules: Vec<&'static str>,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: fix of {} not applied: {}",
            self.path,
            self.rules
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", "),
            self.reason
        )
    }
}

/// The result of fixing a corpus (in memory).
pub struct FixOutcome {
    /// The corpus after the last pass.
    pub corpus: Corpus,
    /// The lint of the final corpus: what remains.
    pub remaining: Outcome,
    /// Changed files, by path.
    pub changed: Vec<ChangedFile>,
    /// Number of fixes (so diagnostics) applied.
    pub applied: usize,
    pub applied_by_rule: BTreeMap<&'static str, usize>,
    /// Every fix applied, in the order applied (pass by pass).
    pub applied_fixes: Vec<AppliedFix>,
    pub rejected: Vec<Rejected>,
    /// Passes that applied something.
    pub passes: usize,
    /// Internal errors met in any pass (rules that built broken diagnostics), deduplicated.
    pub internal_errors: Vec<String>,
}

impl FixOutcome {
    /// Remaining diagnostics whose fix would apply with `--unsafe-fixes`.
    pub fn unsafe_fixable(&self) -> usize {
        self.remaining
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            })
            .count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error(
        "internal error: fixes did not converge after {passes} passes; rules still producing fixes: {} \
         (nothing was written; run again with `--ignore` on them and report the bug)",
        rules.join(", ")
    )]
    NoFixpoint {
        passes: usize,
        rules: Vec<&'static str>,
    },
}

/// Identifies a fix across passes (spans move, these do not).
type FixKey = (&'static str, String, String, String);

fn key_of(corpus: &Corpus, d: &Diagnostic) -> FixKey {
    let title = d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default();
    (
        d.rule,
        corpus.file(d.file).path.clone(),
        title,
        d.message.clone(),
    )
}

/// Lints, fixes and re-lints `corpus` in memory until nothing more can be fixed.
pub fn fix_corpus(corpus: Corpus, req: &FixRequest) -> Result<FixOutcome, FixError> {
    fix_corpus_with(corpus, req, &|_| true)
}

/// [`fix_corpus`], applying only the fixes of diagnostics `allow` accepts besides what
/// `req` allows (the bot: every safe fix, the unsafe fixes of some rules only).
pub fn fix_corpus_with(
    corpus: Corpus,
    req: &FixRequest,
    allow: &dyn Fn(&Diagnostic) -> bool,
) -> Result<FixOutcome, FixError> {
    let mut corpus = corpus;
    // Files we must never edit: lossy decoding, binary. Their raw bytes are re-read once
    // (lazily) so a rebuilt corpus sees them exactly as `load` did.
    let protected: HashSet<FileId> = corpus
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.lossy || f.problems.contains(&LoadProblem::Binary))
        .map(|(i, _)| FileId(i))
        .collect();
    let mut raw: Option<HashMap<FileId, Vec<u8>>> = None;
    let mut originals: BTreeMap<FileId, String> = BTreeMap::new();
    let mut blocked: HashSet<FixKey> = HashSet::new();
    let mut rejected = Vec::new();
    let mut applied = 0;
    let mut applied_by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut applied_fixes: Vec<AppliedFix> = Vec::new();
    let mut internal_errors: BTreeSet<String> = BTreeSet::new();
    let mut passes = 0;

    loop {
        let ctx = Context {
            corpus: &corpus,
            config: req.config,
            today: req.today,
            analytics: req.analytics,
        };
        let outcome = lint::lint(&ctx, req.settings, req.run);
        internal_errors.extend(outcome.internal_errors.iter().map(ToString::to_string));

        let writable = |id: FileId| {
            !protected.contains(&id)
                && req
                    .writable
                    .is_none_or(|w| w.contains(&corpus.file(id).path))
        };
        let mut candidates: Vec<&Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix.as_ref().is_some_and(|f| {
                    req.allows(f.applicability)
                        && allow(d)
                        && !f.edits.is_empty()
                        && f.edits.iter().all(|e| writable(e.file))
                }) && !blocked.contains(&key_of(&corpus, d))
            })
            .collect();
        if candidates.is_empty() {
            return Ok(finish(
                corpus,
                outcome,
                originals,
                applied,
                applied_by_rule,
                applied_fixes,
                rejected,
                passes,
                internal_errors,
            ));
        }
        if passes == MAX_PASSES {
            let rules: BTreeSet<&'static str> = candidates.iter().map(|d| d.rule).collect();
            return Err(FixError::NoFixpoint {
                passes,
                rules: rules.into_iter().collect(),
            });
        }

        candidates.sort_by_key(|d| (first_edit(d), d.rule, d.message.clone()));
        let mut accepted = select_non_overlapping(&candidates);

        // Apply per file; a file that no longer parses drops every fix touching it (and
        // those fixes' edits in other files), then the rest is applied again.
        let new_texts = loop {
            match apply_and_check(&corpus, &accepted) {
                Ok(texts) => break texts,
                Err(bad) => {
                    for (file, reason) in &bad {
                        let rules: BTreeSet<&'static str> = accepted
                            .iter()
                            .filter(|d| touches(d, *file))
                            .map(|d| d.rule)
                            .collect();
                        rejected.push(Rejected {
                            path: corpus.file(*file).path.clone(),
                            rules: rules.into_iter().collect(),
                            reason: reason.clone(),
                        });
                    }
                    accepted.retain(|d| {
                        let drop = bad.iter().any(|(f, _)| touches(d, *f));
                        if drop {
                            blocked.insert(key_of(&corpus, d));
                        }
                        !drop
                    });
                }
            }
        };
        if accepted.is_empty() {
            return Ok(finish(
                corpus,
                outcome,
                originals,
                applied,
                applied_by_rule,
                applied_fixes,
                rejected,
                passes,
                internal_errors,
            ));
        }
        applied += accepted.len();
        let mut lines = HashMap::new();
        for d in &accepted {
            *applied_by_rule.entry(d.rule).or_default() += 1;
            applied_fixes.push(applied_fix(&corpus, d, &mut lines));
        }
        passes += 1;
        for file in new_texts.keys() {
            originals
                .entry(*file)
                .or_insert_with(|| corpus.text(*file).to_string());
        }
        let raw = raw.get_or_insert_with(|| read_raw(&corpus, &protected));
        corpus = rebuild(&corpus, new_texts, raw, req.config);
    }
}

fn applied_fix(
    corpus: &Corpus,
    d: &Diagnostic,
    lines: &mut HashMap<FileId, crate::source::line_index::LineIndex>,
) -> AppliedFix {
    let mut line_of = |file: FileId, offset: usize| {
        let f = corpus.file(file);
        lines
            .entry(file)
            .or_insert_with(|| f.line_index())
            .line_col(&f.text, offset)
            .0
    };
    let mut edited: Vec<String> = d
        .fix
        .iter()
        .flat_map(|f| f.edits.iter().map(|e| corpus.file(e.file).path.clone()))
        .collect();
    edited.sort();
    edited.dedup();
    let line = line_of(d.file, d.span.start);
    let related = d
        .related
        .iter()
        .map(|r| {
            (
                corpus.file(r.file).path.clone(),
                line_of(r.file, r.span.start),
            )
        })
        .collect();
    AppliedFix {
        diagnostic: d.clone(),
        path: corpus.file(d.file).path.clone(),
        line,
        related,
        edited,
    }
}

/// The earliest edit of a diagnostic's fix, for ordering.
fn first_edit(d: &Diagnostic) -> (FileId, usize, usize) {
    d.fix
        .as_ref()
        .and_then(|f| {
            f.edits
                .iter()
                .map(|e| (e.file, e.range.start, e.range.end))
                .min()
        })
        .unwrap_or((d.file, d.span.start, d.span.end))
}

fn touches(d: &Diagnostic, file: FileId) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.edits.iter().any(|e| e.file == file))
}

/// Two ranges conflict when they overlap, or start at the same offset (two insertions at
/// one point have no defined order).
fn conflicts(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// Keeps, in order, the fixes none of whose edits conflict with an edit already kept.
fn select_non_overlapping<'d>(candidates: &[&'d Diagnostic]) -> Vec<&'d Diagnostic> {
    let mut taken: HashMap<FileId, Vec<Range<usize>>> = HashMap::new();
    let mut accepted = Vec::new();
    for d in candidates {
        let Some(fix) = &d.fix else { continue };
        let clash = fix.edits.iter().any(|e| {
            taken
                .get(&e.file)
                .is_some_and(|rs| rs.iter().any(|r| conflicts(r, &e.range)))
        });
        if clash {
            continue;
        }
        for e in &fix.edits {
            taken.entry(e.file).or_default().push(e.range.clone());
        }
        accepted.push(*d);
    }
    accepted
}

/// Applies the accepted fixes to each file and re-parses it. `Err` lists the files that
/// would be broken, with why.
fn apply_and_check(
    corpus: &Corpus,
    accepted: &[&Diagnostic],
) -> Result<BTreeMap<FileId, String>, Vec<(FileId, String)>> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for d in accepted {
        if let Some(f) = &d.fix {
            for e in &f.edits {
                by_file.entry(e.file).or_default().push(e);
            }
        }
    }
    let mut texts = BTreeMap::new();
    let mut bad = Vec::new();
    for (file, edits) in by_file {
        let before = corpus.text(file);
        let after = apply_edits(before, &edits);
        match still_parses(corpus.file(file).kind, before, &after) {
            Ok(()) => {
                if after != before {
                    texts.insert(file, after);
                }
            }
            Err(reason) => bad.push((file, reason)),
        }
    }
    if bad.is_empty() { Ok(texts) } else { Err(bad) }
}

/// What a parse of a file's data yielded: `None` when there is none (no front matter).
type Parsed = Result<Option<Vec<String>>, String>;

/// The top-level keys of a file's data (front matter for entries, in its own format: YAML,
/// TOML or JSON; the whole file for the taxonomy and nav), or why it does not parse.
fn parse_keys(kind: FileKind, text: &str) -> Parsed {
    let (format, range) = match kind {
        FileKind::Entry | FileKind::NavigationPage => match front_matter::split(text) {
            Ok(split) => (split.format, split.yaml),
            Err(front_matter::SplitError::Missing) => return Ok(None),
            Err(front_matter::SplitError::Unclosed) => {
                return Err("the front matter is no longer closed".into());
            }
        },
        FileKind::Taxonomy | FileKind::Nav => (front_matter::Format::Yaml, 0..text.len()),
        // A generator's own file (JS, JSON, TOML…): no fix edits it.
        FileKind::SiteData => return Ok(None),
    };
    match front_matter::parse(format, text, range) {
        Ok(root) => Ok(Some(
            root.as_ref()
                .and_then(|r| r.as_map())
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, _)| k.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        )),
        Err(e) => Err(format!(
            "the {} would no longer parse ({} at byte {})",
            format.name(),
            e.message,
            e.offset
        )),
    }
}

/// A fixed file must parse when the original did, and keep every top-level key.
fn still_parses(kind: FileKind, before: &str, after: &str) -> Result<(), String> {
    let old = parse_keys(kind, before);
    let new = parse_keys(kind, after);
    match (old, new) {
        (Ok(Some(old)), Ok(Some(new))) => match old.iter().find(|k| !new.contains(k)) {
            Some(k) => Err(format!("key `{k}` would disappear")),
            None => Ok(()),
        },
        (Ok(Some(_)), Ok(None)) => Err("the front matter would disappear".into()),
        (Ok(_), Err(e)) => Err(e),
        // It did not parse (or had no YAML) before: a fix cannot make it worse.
        _ => Ok(()),
    }
}

/// Raw bytes of protected files, so that a rebuilt corpus decodes them as `load` did.
fn read_raw(corpus: &Corpus, protected: &HashSet<FileId>) -> HashMap<FileId, Vec<u8>> {
    protected
        .iter()
        .filter_map(|&id| std::fs::read(corpus.abs_path(id)).ok().map(|b| (id, b)))
        .collect()
}

/// Builds the next pass's corpus: same files in the same order (so the same ids), the
/// changed ones with their new text.
fn rebuild(
    prev: &Corpus,
    mut changed: BTreeMap<FileId, String>,
    raw: &HashMap<FileId, Vec<u8>>,
    config: &Config,
) -> Corpus {
    let files = prev
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let id = FileId(i);
            let text = changed.remove(&id);
            let bytes = match (text, raw.get(&id)) {
                (None, Some(raw)) => raw.clone(),
                (text, _) => {
                    let text = text.as_deref().unwrap_or(&f.text);
                    let mut b = Vec::with_capacity(text.len() + 3);
                    if f.bom {
                        b.extend_from_slice("\u{feff}".as_bytes());
                    }
                    b.extend_from_slice(text.as_bytes());
                    b
                }
            };
            (f.path.clone(), bytes)
        })
        .collect();
    let mut corpus = Corpus::from_memory_with(
        prev.root.clone(),
        files,
        config,
        prev.site.generator.clone(),
    );
    corpus.io_problems = prev.io_problems.clone();
    corpus.git_dates = prev.git_dates.clone();
    corpus
}

#[allow(clippy::too_many_arguments)]
fn finish(
    corpus: Corpus,
    remaining: Outcome,
    originals: BTreeMap<FileId, String>,
    applied: usize,
    applied_by_rule: BTreeMap<&'static str, usize>,
    applied_fixes: Vec<AppliedFix>,
    rejected: Vec<Rejected>,
    passes: usize,
    internal_errors: BTreeSet<String>,
) -> FixOutcome {
    let mut changed: Vec<ChangedFile> = originals
        .into_iter()
        .filter_map(|(id, before)| {
            let f = corpus.file(id);
            (f.text != before).then(|| ChangedFile {
                file: id,
                path: f.path.clone(),
                abs: corpus.abs_path(id),
                bom: f.bom,
                before,
                after: f.text.clone(),
            })
        })
        .collect();
    changed.sort_by(|a, b| a.path.cmp(&b.path));
    FixOutcome {
        corpus,
        remaining,
        changed,
        applied,
        applied_by_rule,
        applied_fixes,
        rejected,
        passes,
        internal_errors: internal_errors.into_iter().collect(),
    }
}

/// Writes each changed file once, atomically ([`super::write_atomic`]). Returns the files
/// that could not be written, with the error.
pub fn write_changes(changed: &[ChangedFile]) -> Vec<(String, std::io::Error)> {
    changed
        .iter()
        .filter_map(|c| {
            super::write_atomic(&c.abs, &c.bytes())
                .err()
                .map(|e| (c.path.clone(), e))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Loaded;
    use crate::diagnostic::Fix;
    use crate::lint::Selection;

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        crate::testing::corpus_of(files)
    }

    fn try_run(files: &[(&str, &str)], select: &[&str]) -> Result<FixOutcome, FixError> {
        let loaded = Loaded::defaults();
        let selection = Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: vec![],
        };
        let settings = Settings::resolve(&loaded, &selection).unwrap();
        let req = FixRequest {
            settings: &settings,
            config: &loaded.config,
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            run: RunOptions::default(),
            unsafe_fixes: false,
            writable: None,
            analytics: None,
        };
        fix_corpus(corpus(files), &req)
    }

    fn run(files: &[(&str, &str)], select: &[&str]) -> FixOutcome {
        try_run(files, select).unwrap()
    }

    const TAX: &str = "locales:\n  en:\n    tags: [a, b, c]\n    synonyms: { x: a }\n    deprecated: { old: x, gone: ~ }\n";

    #[test]
    fn chains_fixes_to_a_fixpoint() {
        // `old` → `x` (deprecated), `x` → `a` (synonym), then `a` twice → one `a`.
        let out = run(
            &[
                ("taxonomy.yml", TAX),
                (
                    "en/k/e.md",
                    "---\ntitle: T?\ntags: [a, old, b]\n---\nBody\n",
                ),
            ],
            &["deprecated-tag", "synonym-tag", "duplicate-tag"],
        );
        assert_eq!(out.changed.len(), 1);
        assert_eq!(
            out.changed[0].after,
            "---\ntitle: T?\ntags: [a, b]\n---\nBody\n"
        );
        assert!(out.remaining.diagnostics.is_empty());
        assert!(out.passes >= 2);
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        // Both duplicates of `a` remove the end of the list: only one per pass.
        let out = run(
            &[("en/k/e.md", "---\ntitle: T?\ntags: [b, a, a, a]\n---\n")],
            &["duplicate-tag"],
        );
        assert_eq!(out.changed[0].after, "---\ntitle: T?\ntags: [b, a]\n---\n");
        assert_eq!(out.applied, 2);
    }

    #[test]
    fn a_fix_cycle_is_an_internal_error_naming_the_rules() {
        // `a` → `b` → `a`…: a taxonomy cycle never reaches a fixpoint.
        let tax =
            "locales:\n  en:\n    tags: [a, b]\n    synonyms: { a: b }\n    deprecated: { b: a }\n";
        let result = try_run(
            &[
                ("taxonomy.yml", tax),
                ("en/k/e.md", "---\ntitle: T?\ntags: [a]\n---\n"),
            ],
            &["synonym-tag", "deprecated-tag"],
        );
        match result {
            Err(FixError::NoFixpoint { passes, rules }) => {
                assert_eq!(passes, MAX_PASSES);
                assert_eq!(rules, ["synonym-tag"]);
            }
            Ok(_) => panic!("expected no fixpoint"),
        }
    }

    #[test]
    fn no_replacement_means_no_fix() {
        let out = run(
            &[
                ("taxonomy.yml", TAX),
                ("en/k/e.md", "---\ntitle: T?\ntags: [gone]\n---\n"),
            ],
            &["deprecated-tag"],
        );
        assert!(out.changed.is_empty());
        assert_eq!(out.remaining.diagnostics.len(), 1);
    }

    #[test]
    fn a_fix_that_breaks_parsing_is_rejected() {
        let c = corpus(&[("en/k/e.md", "---\ntitle: T?\ntags: [a]\n---\n")]);
        let text = c.text(FileId(0));
        let at = text.find("[a]").unwrap();
        let d = Diagnostic::builder("synonym-tag", FileId(0), at..at + 3, "m")
            .fix(Fix::new(
                "t",
                Applicability::Safe,
                vec![Edit {
                    file: FileId(0),
                    range: at..at + 3,
                    replacement: "[a".into(),
                }],
            ))
            .build(|_| text)
            .unwrap();
        assert!(apply_and_check(&c, &[&d]).is_err());
        let ok = Edit {
            file: FileId(0),
            range: at..at + 3,
            replacement: "[b]".into(),
        };
        let d2 = Diagnostic {
            fix: Some(Fix::new("t", Applicability::Safe, vec![ok])),
            ..d
        };
        assert!(apply_and_check(&c, &[&d2]).is_ok());
    }

    #[test]
    fn still_parses_keeps_keys() {
        assert!(
            still_parses(
                FileKind::Entry,
                "---\na: 1\nb: 2\n---\n",
                "---\na: 1\n---\n"
            )
            .is_err()
        );
        assert!(
            still_parses(
                FileKind::Entry,
                "---\na: 1\n---\n",
                "---\na: 1\nb: 2\n---\n"
            )
            .is_ok()
        );
        assert!(still_parses(FileKind::Entry, "---\na: 1\n---\n", "---\na: 1\n").is_err());
        assert!(still_parses(FileKind::Taxonomy, "a: [x]\n", "a: [x\n").is_err());
    }

    #[test]
    fn still_parses_in_the_front_matter_format() {
        // Valid YAML flow, invalid JSON: rejected.
        let json = "{\"tags\": [\"a\"]}\nBody\n";
        assert!(still_parses(FileKind::Entry, json, "{\"tags\": [\"a\", b]}\nBody\n").is_err());
        assert!(still_parses(FileKind::Entry, json, "{\"tags\": [\"a\", \"b\"]}\nBody\n").is_ok());
        let toml = "+++\ntags = [\"a\"]\nid = 1\n+++\n";
        let err = still_parses(
            FileKind::Entry,
            toml,
            "+++\ntags = [\"a\", b]\nid = 1\n+++\n",
        )
        .unwrap_err();
        assert!(
            err.starts_with("the TOML would no longer parse (TOML: "),
            "{err}"
        );
        assert!(still_parses(FileKind::Entry, toml, "+++\ntags = [\"a\"]\n+++\n").is_err());
        assert!(
            still_parses(
                FileKind::Entry,
                toml,
                "+++\ntags = ['a', \"b\"]\nid = 1\n+++\n"
            )
            .is_ok()
        );
    }

    #[test]
    fn conflicts_cover_overlap_and_same_start() {
        assert!(conflicts(&(0..3), &(2..4)));
        assert!(!conflicts(&(0..2), &(2..4)));
        assert!(conflicts(&(2..2), &(2..4)));
        assert!(!conflicts(&(4..4), &(2..4)));
    }
}
