//! `unknown-tag`: a tag outside the taxonomy of its locale. Synonyms and deprecated tags
//! are known (`synonym-tag` and `deprecated-tag` report them); a locale without a tag list
//! is not checked.

use std::collections::BTreeSet;

use super::id_index::is_entry;
use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::source::{Entry, Taxonomy};

pub struct Rule;

/// Whether `tag` is allowed, a synonym or deprecated in `locale`.
pub(super) fn is_known(tax: &Taxonomy, locale: Option<&str>, tag: &str) -> bool {
    tax.is_allowed(locale, tag)
        || tax.synonym(locale, tag).is_some()
        || tax.deprecated(locale, tag).is_some()
}

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let tax = &ctx.corpus.taxonomy;
        let locale = entry.locale.as_deref();
        if !is_entry(ctx.corpus, entry) || !tax.has_tags_for(locale) {
            return;
        }
        let text = ctx.corpus.text(entry.file);
        let mut candidates: Option<BTreeSet<&str>> = None;
        for tag in &entry.tags {
            if tag.value.is_empty() || is_known(tax, locale, &tag.value) {
                continue;
            }
            let candidates = candidates.get_or_insert_with(|| {
                tax.vocabularies(locale)
                    .flat_map(|v| {
                        v.tags
                            .keys()
                            .map(String::as_str)
                            .chain(v.synonyms.values().map(|(c, _)| c.as_str()))
                    })
                    .collect()
            });
            let message = match locale {
                Some(l) => format!("tag `{}` is not in the `{l}` taxonomy", tag.value),
                None => format!("tag `{}` is not in the taxonomy", tag.value),
            };
            let mut b = sink
                .diag(entry.file, tag.span.clone(), message)
                .entry(&entry.id);
            match closest(&tag.value, candidates.iter().copied()) {
                Some(hit) => {
                    let already = entry.tags.iter().any(|t| t.value == hit);
                    let fix = if already {
                        yaml_edit::remove_seq_item(entry, text, tag.span.clone()).map(|edit| {
                            Fix::new(
                                format!("remove `{}` (`{hit}` is already listed)", tag.value),
                                Applicability::Unsafe,
                                vec![edit],
                            )
                        })
                    } else {
                        Some(Fix::new(
                            format!("replace `{}` with `{hit}`", tag.value),
                            Applicability::Unsafe,
                            vec![yaml_edit::replace_scalar(
                                entry.file,
                                text,
                                tag.span.clone(),
                                hit,
                            )],
                        ))
                    };
                    b = b.help(format!("did you mean `{hit}`?")).maybe_fix(fix);
                }
                None => {
                    let file = ctx
                        .corpus
                        .taxonomy
                        .file
                        .map(|f| ctx.corpus.file(f).path.as_str())
                        .unwrap_or("taxonomy.yml");
                    b = b.help(format!("use a tag from `{file}`, or add this one to it"));
                }
            }
            sink.push(b);
        }
    }
}

/// Like [`super::did_you_mean`], but among equally close tags prefers the one of the same
/// length (a swapped pair of letters is a likelier typo than a dropped one: `travailluer`
/// is `travailleur`, not `travailler`), then the most similar by Jaro-Winkler.
fn closest<'a>(tag: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = tag.chars().count();
    let max = (len / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(tag, c),
                c.chars().count().abs_diff(len),
                c,
            )
        })
        .filter(|&(d, _, _)| d <= max)
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| {
                    strsim::jaro_winkler(tag, b.2).total_cmp(&strsim::jaro_winkler(tag, a.2))
                })
                .then_with(|| a.2.cmp(b.2))
        })
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn prefers_transposition_over_deletion() {
        let tags = ["travailler", "travailleur", "entreprise"];
        assert_eq!(closest("travailluer", tags), Some("travailleur"));
        assert_eq!(closest("entrepise", tags), Some("entreprise"));
        assert_eq!(closest("xyz", tags), None);
    }
}
