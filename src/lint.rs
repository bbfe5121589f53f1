//! The pipeline: resolve rule settings, run the rules, apply suppressions and overrides.

use std::collections::BTreeSet;

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use crate::config::{ConfigError, Loaded};
use crate::diagnostic::{BuildError, Diagnostic, Family, Severity};
use crate::rules::registry::{self, RuleDef};
use crate::rules::{Context, Options, Sink};
use crate::source::Corpus;
use crate::suppression;

/// A rule that will run, with its effective severity and options.
pub struct ActiveRule {
    pub def: &'static RuleDef,
    pub severity: Severity,
    pub options: Options,
}

/// Per-path settings from `[[overrides]]`.
struct PathOverride {
    globs: GlobSet,
    /// rule id → (enabled, severity)
    rules: Vec<(&'static str, Option<bool>, Option<Severity>)>,
}

/// The rule selection and settings for one run.
pub struct Settings {
    pub rules: Vec<ActiveRule>,
    overrides: Vec<PathOverride>,
    /// Warnings about the configuration (renamed rules…), shown but not fatal.
    pub warnings: Vec<String>,
}

/// Rule ids or family names given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Settings {
    /// Resolves the config and CLI selection against the registry. Unknown rule ids,
    /// unknown options and options of the wrong type are errors naming file and line.
    pub fn resolve(loaded: &Loaded, selection: &Selection) -> Result<Settings, SettingsError> {
        let config = &loaded.config;
        let mut warnings = Vec::new();
        let mut rule_configs = std::collections::HashMap::new();
        for (id, rc) in &config.rules {
            let Some((def, old)) = registry::resolve(id) else {
                return Err(SettingsError::Config(loaded.error_at_key(
                    None,
                    &format!("rules.{id}"),
                    format!("unknown rule `{id}` (see `faqlint rules`)"),
                )));
            };
            if let Some(old) = old {
                warnings.push(format!(
                    "{}: rule `{old}` was renamed to `{}`",
                    loaded.display_path(),
                    def.id
                ));
            }
            for (key, value) in &rc.options {
                let section = format!("rules.{id}");
                let Some(meta) = def.meta.options.get(key) else {
                    let known: Vec<&str> = def.meta.options.keys().map(String::as_str).collect();
                    let hint = if known.is_empty() {
                        "it has no options".to_string()
                    } else {
                        format!("its options: {}", known.join(", "))
                    };
                    return Err(SettingsError::Config(loaded.error_at_key(
                        Some(&section),
                        key,
                        format!("unknown option `{key}` for rule `{}`; {hint}", def.id),
                    )));
                };
                if meta.default.type_str() != value.type_str() {
                    return Err(SettingsError::Config(loaded.error_at_key(
                        Some(&section),
                        key,
                        format!(
                            "option `{key}` of rule `{}` must be a {}, found a {}",
                            def.id,
                            meta.default.type_str(),
                            value.type_str()
                        ),
                    )));
                }
            }
            rule_configs.insert(def.id, rc);
        }

        let select = expand(&selection.select, &mut warnings)?;
        let ignore = expand(&selection.ignore, &mut warnings)?;
        let mut rules = Vec::new();
        for def in registry::all() {
            let rc = rule_configs.get(def.id);
            let mut enabled = rc
                .and_then(|c| c.enabled)
                .unwrap_or(def.meta.default_enabled);
            if !select.is_empty() {
                enabled = select.contains(def.id);
            }
            if ignore.contains(def.id) {
                enabled = false;
            }
            if !enabled {
                continue;
            }
            let mut options = Options::default();
            for (k, m) in &def.meta.options {
                options.values.insert(k.clone(), m.default.clone());
            }
            if let Some(rc) = rc {
                for (k, v) in &rc.options {
                    options.values.insert(k.clone(), v.clone());
                }
            }
            let severity = rc.and_then(|c| c.severity).unwrap_or(def.meta.severity);
            rules.push(ActiveRule {
                def,
                severity,
                options,
            });
        }

        let mut overrides = Vec::new();
        for o in &config.overrides {
            let mut b = GlobSetBuilder::new();
            for p in &o.paths {
                let g = Glob::new(p).map_err(|e| {
                    SettingsError::Config(loaded.error_at_key(
                        None,
                        "paths",
                        format!("invalid glob `{p}`: {e}"),
                    ))
                })?;
                b.add(g);
            }
            let globs = b.build().map_err(|e| {
                SettingsError::Config(loaded.error_at_key(None, "paths", e.to_string()))
            })?;
            let mut rs = Vec::new();
            for (id, rc) in &o.rules {
                let Some((def, _)) = registry::resolve(id) else {
                    return Err(SettingsError::Config(loaded.error_at_key(
                        None,
                        id,
                        format!("unknown rule `{id}` in [[overrides]]"),
                    )));
                };
                rs.push((def.id, rc.enabled, rc.severity));
            }
            overrides.push(PathOverride { globs, rules: rs });
        }
        Ok(Settings {
            rules,
            overrides,
            warnings,
        })
    }

    pub fn is_active(&self, id: &str) -> bool {
        self.rules.iter().any(|r| r.def.id == id)
    }

    /// Applies `[[overrides]]` to one diagnostic: `None` drops it.
    fn apply_overrides(&self, path: &str, mut d: Diagnostic) -> Option<Diagnostic> {
        for o in &self.overrides {
            if !o.globs.is_match(path) {
                continue;
            }
            for (id, enabled, severity) in &o.rules {
                if *id == d.rule {
                    if *enabled == Some(false) {
                        return None;
                    }
                    if let Some(s) = severity {
                        d.severity = *s;
                    }
                }
            }
        }
        Some(d)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("unknown rule or family `{0}`{1} (see `faqlint rules`)")]
    UnknownSelector(String, String),
}

/// Turns `--select`/`--ignore` items (rule ids, old ids or family names) into rule ids.
fn expand(
    items: &[String],
    warnings: &mut Vec<String>,
) -> Result<BTreeSet<&'static str>, SettingsError> {
    let mut out = BTreeSet::new();
    for item in items
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if item == "all" || item == "ALL" {
            out.extend(registry::all().iter().map(|r| r.id));
        } else if let Some(f) = Family::parse(item) {
            out.extend(
                registry::all()
                    .iter()
                    .filter(|r| r.meta.family == f)
                    .map(|r| r.id),
            );
        } else if let Some((def, old)) = registry::resolve(item) {
            if let Some(old) = old {
                warnings.push(format!("rule `{old}` was renamed to `{}`", def.id));
            }
            out.insert(def.id);
        } else {
            let names = registry::all()
                .iter()
                .map(|r| r.id)
                .chain(Family::ALL.iter().map(|f| f.as_str()));
            let hint = crate::rules::did_you_mean(item, names)
                .map(|m| format!("; did you mean `{m}`?"))
                .unwrap_or_default();
            return Err(SettingsError::UnknownSelector(item.to_string(), hint));
        }
    }
    Ok(out)
}

/// The result of linting a corpus.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Internal errors: a rule built a broken diagnostic.
    pub internal_errors: Vec<BuildError>,
}

/// Options of one lint run that are not rule settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Ignore all suppressions (`--no-suppressions`).
    pub no_suppressions: bool,
}

/// Runs every active rule over the corpus, then applies suppressions and overrides.
pub fn lint(ctx: &Context, settings: &Settings, run: RunOptions) -> Outcome {
    let corpus = ctx.corpus;
    let run_corpus_rules = || -> Vec<(Vec<Diagnostic>, Vec<BuildError>)> {
        settings
            .rules
            .par_iter()
            .filter(|r| !is_suppression_rule(r.def.id))
            .map(|r| {
                let mut sink = Sink::new(r.def.id, r.severity, corpus);
                r.def.rule.check_corpus(ctx, &r.options, &mut sink);
                (sink.diagnostics, sink.errors)
            })
            .collect()
    };
    let run_entry_rules = || -> Vec<(Vec<Diagnostic>, Vec<BuildError>)> {
        corpus
            .entries
            .par_iter()
            // Navigation pages (folder indexes) are link sources, not entries to judge.
            .filter(|entry| corpus.file(entry.file).kind == crate::source::FileKind::Entry)
            .map(|entry| {
                let mut diags = Vec::new();
                let mut errors = Vec::new();
                for r in settings
                    .rules
                    .iter()
                    .filter(|r| !is_suppression_rule(r.def.id))
                {
                    let mut sink = Sink::new(r.def.id, r.severity, corpus);
                    r.def.rule.check_entry(ctx, &r.options, entry, &mut sink);
                    diags.append(&mut sink.diagnostics);
                    errors.append(&mut sink.errors);
                }
                (diags, errors)
            })
            .collect()
    };
    // Corpus-wide and per-entry rules run side by side: one long corpus rule does not
    // leave a core idle.
    let (per_rule, per_entry) = rayon::join(run_corpus_rules, run_entry_rules);
    let mut diagnostics = Vec::new();
    let mut internal_errors = Vec::new();
    for (d, e) in per_rule.into_iter().chain(per_entry) {
        diagnostics.extend(d);
        internal_errors.extend(e);
    }

    let diagnostics = if run.no_suppressions {
        diagnostics
    } else {
        let (kept, mut meta) = suppression::apply(corpus, settings, diagnostics);
        internal_errors.append(&mut meta.1);
        let mut kept = kept;
        kept.append(&mut meta.0);
        kept
    };

    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|d| {
            let path = corpus.file(d.file).path.clone();
            settings.apply_overrides(&path, d)
        })
        .collect();
    sort(corpus, &mut diagnostics);
    Outcome {
        diagnostics,
        internal_errors,
    }
}

fn is_suppression_rule(id: &str) -> bool {
    id == "unused-suppression" || id == "unknown-rule-in-suppression"
}

/// Sorts by path, then position, then rule id.
pub fn sort(corpus: &Corpus, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        corpus
            .file(a.file)
            .path
            .cmp(&corpus.file(b.file).path)
            .then(a.span.start.cmp(&b.span.start))
            .then(a.rule.cmp(b.rule))
            .then(a.message.cmp(&b.message))
    });
}
