//! `duplicate-tag`: the same tag listed twice in one entry.
//!
//! Tags are compared after trimming and case-insensitively (`Paie` and `paie` are one tag on
//! every tag page and search facet we know of). An exact repeat gets a safe fix that removes
//! the later occurrence; a repeat that differs only in case gets an unsafe one, since a
//! person should pick the spelling to keep.

use rustc_hash::FxHashMap as HashMap;

use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::source::Entry;

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let text = ctx.corpus.text(entry.file);
        // Folded tag → index of its first occurrence.
        let mut first: HashMap<String, usize> = HashMap::default();
        for (i, tag) in entry.tags.iter().enumerate() {
            if tag.value.is_empty() {
                continue;
            }
            let folded = tag.value.to_lowercase();
            let Some(&j) = first.get(&folded) else {
                first.insert(folded, i);
                continue;
            };
            let earlier = &entry.tags[j];
            let exact = earlier.value == tag.value;
            let (message, applicability) = if exact {
                (
                    format!("tag `{}` is listed twice", tag.value),
                    Applicability::Safe,
                )
            } else {
                (
                    format!(
                        "tag `{}` repeats `{}` (differs only in case)",
                        tag.value, earlier.value
                    ),
                    Applicability::Unsafe,
                )
            };
            let fix = yaml_edit::remove_seq_item(entry, text, tag.span.clone()).map(|edit| {
                Fix::new(
                    format!("remove the second `{}`", tag.value),
                    applicability,
                    vec![edit],
                )
            });
            sink.push(
                sink.diag(entry.file, tag.span.clone(), message)
                    .entry(&entry.id)
                    .help("keep one occurrence of the tag")
                    .related(entry.file, earlier.span.clone(), "first listed here")
                    .maybe_fix(fix),
            );
        }
    }
}
