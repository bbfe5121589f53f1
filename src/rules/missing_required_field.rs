//! `missing-required-field`: a required front-matter field is absent or empty.

use super::{Context, Options, Sink};
use crate::config::FieldMap;
use crate::source::{Entry, FileKind, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, opts: &Options, entry: &Entry, sink: &mut Sink) {
        let file = ctx.corpus.file(entry.file);
        if file.kind != FileKind::Entry {
            return;
        }
        // Front matter that is missing or does not parse is `invalid-front-matter`'s business.
        if entry.yaml_range.is_none()
            || file
                .problems
                .iter()
                .any(|p| matches!(p, LoadProblem::InvalidYaml { .. }))
        {
            return;
        }
        if entry.problems.iter().any(|p| p.field == "front matter") {
            return; // not a mapping: reported by `invalid-field-type`
        }
        let text = &file.text;
        let mut span = entry.anchor_span();
        if span.is_empty() && file.text.starts_with("---") {
            span = 0..3;
        }
        for concept in opts.str_list("fields") {
            let names = names_of(&ctx.config.fields, &concept);
            let found = entry
                .key_values(text)
                .find(|(k, _, _)| names.iter().any(|n| n == k));
            let first = names.first().map_or(concept.as_str(), String::as_str);
            match found {
                None => {
                    let alternatives = if names.len() > 1 {
                        format!(
                            " (or {})",
                            names[1..]
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    } else {
                        String::new()
                    };
                    sink.push(
                        sink.diag(
                            entry.file,
                            span.clone(),
                            format!("entry has no `{first}` field"),
                        )
                        .entry(&entry.id)
                        .help(format!(
                            "add `{first}: {}` to the front matter{alternatives}",
                            example(&concept)
                        )),
                    );
                }
                Some((key, k, v)) if is_empty_value(text.get(v.clone()).unwrap_or_default()) => {
                    sink.push(
                        sink.diag(
                            entry.file,
                            k.start..v.end.max(k.end),
                            format!("`{key}` is empty"),
                        )
                        .entry(&entry.id)
                        .help(format!(
                            "give `{key}` a value, e.g. `{key}: {}`",
                            example(&concept)
                        )),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

/// An empty YAML value as written: nothing, `~`, `null`, or a blank quoted string.
fn is_empty_value(raw: &str) -> bool {
    let t = raw.trim();
    if matches!(t, "" | "~" | "null" | "Null" | "NULL") {
        return true;
    }
    let quoted = t.len() >= 2
        && ((t.starts_with('"') && t.ends_with('"')) || (t.starts_with('\'') && t.ends_with('\'')));
    quoted && t[1..t.len() - 1].trim().is_empty()
}

/// The front-matter names of a concept of `[fields]`; any other name is taken literally.
pub(crate) fn names_of(fields: &FieldMap, concept: &str) -> Vec<String> {
    let list = match concept.replace('-', "_").as_str() {
        "id" => &fields.id,
        "title" => &fields.title,
        "tags" => &fields.tags,
        "category" => &fields.category,
        "locale" => &fields.locale,
        "last_reviewed" => &fields.last_reviewed,
        "review_every" => &fields.review_every,
        "expires" => &fields.expires,
        "related" => &fields.related,
        "translation_of" => &fields.translation_of,
        "owner" => &fields.owner,
        "draft" => &fields.draft,
        "duplicate_of" => &fields.duplicate_of,
        "redirect_from" => &fields.redirect_from,
        _ => return vec![concept.to_string()],
    };
    list.clone()
}

/// A value to show in the help.
fn example(concept: &str) -> &'static str {
    match concept.replace('-', "_").as_str() {
        "title" => "\"the question, as customers ask it?\"",
        "last_reviewed" | "expires" => "YYYY-MM-DD",
        "review_every" => "180d",
        "tags" | "related" | "redirect_from" => "[...]",
        "locale" => "fr",
        "draft" => "false",
        _ => "...",
    }
}
