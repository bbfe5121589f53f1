//! `review-overdue`: last review + review interval is before today.

use chrono::Duration;

use super::{Context, Options, Sink};
use crate::config::parse_interval;
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, opts: &Options, entry: &Entry, sink: &mut Sink) {
        if entry.draft {
            return;
        }
        // A dated blog post is news of its day: its `date` (or its last commit) says when it
        // was published, not reviewed. Only an explicit review field puts it on a schedule.
        let text = ctx.corpus.text(entry.file);
        let explicit = entry
            .last_reviewed
            .as_ref()
            .is_some_and(|f| f.key(text) != "date");
        if !explicit
            && ctx
                .corpus
                .entry_index(entry)
                .is_some_and(|i| ctx.corpus.site.is_post(ctx.corpus, i))
        {
            return;
        }
        let (reviewed, span, from_git) = match &entry.last_reviewed {
            Some(f) => (f.value, f.span.clone(), false),
            None => {
                if !opts.bool("git-fallback") {
                    return;
                }
                match ctx
                    .corpus
                    .git_dates
                    .as_ref()
                    .and_then(|d| d.get(&entry.path))
                {
                    Some(d) => (*d, entry.anchor_span(), true),
                    None => return,
                }
            }
        };
        let interval = entry
            .review_every
            .as_ref()
            .map(|f| f.value)
            .or_else(|| {
                let cat = entry.category.as_deref()?;
                opts.table("categories")?
                    .get(cat)?
                    .as_str()
                    .and_then(parse_interval)
            })
            .or_else(|| parse_interval(opts.str("interval")))
            .unwrap_or(365);
        let due = reviewed + Duration::days(interval);
        if due >= ctx.today {
            return;
        }
        let overdue = (ctx.today - due).num_days();
        let source = if from_git { " (last commit)" } else { "" };
        sink.push(
            sink.diag(
                entry.file,
                span,
                format!("review overdue by {overdue} days: last reviewed {reviewed}{source}, due every {interval} days"),
            )
            .entry(&entry.id)
            .help("check the answer is still right, then update the review date")
            .maybe_fix(mark_reviewed(ctx, entry)),
        );
    }
}

/// The unsafe fix: set the review date to today. Only a person who re-read the answer may
/// apply it (`fix --unsafe-fixes`); the bot proposes it for review.
fn mark_reviewed(ctx: &Context, entry: &Entry) -> Option<Fix> {
    let text = ctx.corpus.text(entry.file);
    let root = entry.front_matter(text)?;
    let yaml = entry.yaml_range.clone()?;
    let key = match &entry.last_reviewed {
        Some(f) => f.key(text).to_string(),
        None => ctx.config.fields.last_reviewed.first()?.clone(),
    };
    let today = ctx.today.format("%Y-%m-%d").to_string();
    let edit = yaml_edit::set_scalar(entry.file, text, &root, yaml, &key, &today)?;
    Some(Fix::new(
        format!("mark as reviewed today: `{key}: {today}`"),
        Applicability::Unsafe,
        vec![edit],
    ))
}
