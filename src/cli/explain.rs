//! `faqlint rules` and `faqlint explain RULE`.

use std::io::Write;

use serde::Serialize;

use super::{ExplainArgs, ListFormat, RulesArgs};
use crate::ExitStatus;
use crate::rules::registry::{self, RuleDef};

#[derive(Serialize)]
struct RuleJson<'a> {
    id: &'a str,
    family: &'a str,
    severity: &'a str,
    fix: &'a str,
    enabled_by_default: bool,
    summary: &'a str,
    options: Vec<OptionJson<'a>>,
}

#[derive(Serialize)]
struct OptionJson<'a> {
    name: &'a str,
    default: &'a toml::Value,
    description: &'a str,
}

fn to_json(r: &RuleDef) -> RuleJson<'_> {
    RuleJson {
        id: r.id,
        family: r.meta.family.as_str(),
        severity: r.meta.severity.as_str(),
        fix: r.meta.fix.as_str(),
        enabled_by_default: r.meta.default_enabled,
        summary: &r.meta.summary,
        options: r
            .meta
            .options
            .iter()
            .map(|(k, o)| OptionJson {
                name: k,
                default: &o.default,
                description: &o.description,
            })
            .collect(),
    }
}

pub fn rules(args: &RulesArgs) -> anyhow::Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = registry::all().iter().map(to_json).collect();
            serde_json::to_writer_pretty(&mut out, &list).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{:<28} {:<10} {:<8} {:<13} summary",
                "rule", "family", "severity", "fix"
            )?;
            for r in registry::all() {
                let off = if r.meta.default_enabled {
                    ""
                } else {
                    " (off by default)"
                };
                writeln!(
                    out,
                    "{:<28} {:<10} {:<8} {:<13} {}{off}",
                    r.id,
                    r.meta.family.as_str(),
                    r.meta.severity.as_str(),
                    r.meta.fix.as_str(),
                    r.meta.summary
                )?;
            }
        }
    }
    Ok(ExitStatus::Clean)
}

pub fn explain(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let Some((rule, old)) = registry::resolve(&args.rule) else {
        let known = registry::all().iter().map(|r| r.id);
        let hint = crate::rules::did_you_mean(&args.rule, known)
            .map(|m| format!("; did you mean `{m}`?"))
            .unwrap_or_default();
        anyhow::bail!("unknown rule `{}`{hint} (see `faqlint rules`)", args.rule);
    };
    if let Some(old) = old {
        super::warn(&format!("rule `{old}` was renamed to `{}`", rule.id));
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                #[serde(flatten)]
                rule: RuleJson<'a>,
                docs: &'a str,
            }
            serde_json::to_writer_pretty(
                &mut out,
                &Doc {
                    rule: to_json(rule),
                    docs: rule.docs,
                },
            )
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{} ({}, default severity {}, fix: {})\n",
                rule.id,
                rule.meta.family.as_str(),
                rule.meta.severity.as_str(),
                rule.meta.fix.as_str()
            )?;
            out.write_all(rule.docs.as_bytes())?;
        }
    }
    Ok(ExitStatus::Clean)
}
