//! The file edits behind the suggestions: tags appended to an entry's front matter and
//! synonyms (and new tags) added to the taxonomy, format-preserving (see
//! [`crate::fix::yaml_edit`]).
//!
//! Edits are batched per insertion point: all tags mined for one entry are appended by one
//! edit, all synonyms of one taxonomy vocabulary by one edit. Two suggestions that touch
//! the same place then carry the same batch, the fix engine applies it once, and the next
//! pass (mined again on the edited corpus) finds nothing left to do: the engine converges
//! in two passes instead of one pass per insertion.

use std::collections::BTreeMap;

use crate::diagnostic::Edit;
use crate::fix::yaml_edit::{self, is_plain_safe, quote_double};
use crate::source::yaml::{self, Node};
use crate::source::{Corpus, FileId};

/// Concatenates edits that insert at one point (same empty range) into one.
fn merge_insertions(edits: Vec<Edit>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    for e in edits {
        match out
            .iter_mut()
            .find(|o| o.file == e.file && o.range == e.range && o.range.is_empty())
        {
            Some(o) => o.replacement.push_str(&e.replacement),
            None => {
                if out.iter().all(|o| {
                    o.file != e.file || o.range.end <= e.range.start || e.range.end <= o.range.start
                }) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// The edit appending `tags` to the entry's tag list. When the entry has no tag list yet,
/// only the first tag is added (the list then exists for the next pass).
pub fn add_tags(corpus: &Corpus, entry: usize, tags: &[String]) -> Option<Vec<Edit>> {
    let e = corpus.entries.get(entry)?;
    let text = corpus.text(e.file);
    let root = e.front_matter(text)?;
    let range = e.yaml_range.clone()?;
    let key = e
        .tags_field
        .as_ref()
        .map(|f| f.key(text).to_string())
        .unwrap_or_else(|| "tags".to_string());
    let has_list = root.get(&key).is_some_and(|v| v.as_seq().is_some());
    let take = if has_list { tags.len() } else { 1 };
    let mut edits = Vec::new();
    for t in tags.iter().take(take) {
        edits.push(yaml_edit::append_seq_item(
            e.file,
            text,
            &root,
            range.clone(),
            &key,
            t,
        )?);
    }
    let merged = merge_insertions(edits);
    (merged.len() == 1).then_some(merged)
}

fn yaml_key(k: &str) -> String {
    if is_plain_safe(k) {
        k.to_string()
    } else {
        quote_double(k)
    }
}

/// The vocabulary node of a taxonomy locale key (`""`: the top-level one).
fn vocabulary<'a>(root: &'a Node, locale: &str) -> Option<&'a Node> {
    if locale.is_empty() {
        Some(root)
    } else {
        root.get("locales")?.get(locale)
    }
}

/// Edits adding `synonyms` (locale key, synonym, canonical) and `new_tags` (locale key,
/// tag) to the taxonomy file.
pub fn taxonomy(
    corpus: &Corpus,
    synonyms: &[(String, String, String)],
    new_tags: &[(String, String)],
) -> Option<Vec<Edit>> {
    let file = corpus.taxonomy.file?;
    let text = corpus.text(file);
    let root = yaml::parse(text, 0..text.len()).ok().flatten()?;
    let mut edits = Vec::new();
    let mut by_locale: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (l, s, c) in synonyms {
        by_locale.entry(l).or_default().push((s, c));
    }
    for (locale, list) in by_locale {
        let vocab = vocabulary(&root, locale)?;
        edits.extend(add_synonyms(file, text, vocab, &list)?);
    }
    let mut tags_by_locale: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (l, t) in new_tags {
        tags_by_locale.entry(l).or_default().push(t);
    }
    for (locale, list) in tags_by_locale {
        let vocab = vocabulary(&root, locale)?;
        let has_list = vocab.get("tags").is_some_and(|v| v.as_seq().is_some());
        let take = if has_list { list.len() } else { 1 };
        for t in list.iter().take(take) {
            edits.push(yaml_edit::append_seq_item(
                file,
                text,
                vocab,
                vocab.span.clone(),
                "tags",
                t,
            )?);
        }
    }
    Some(merge_insertions(edits))
}

const SENTINEL: &str = "faqlint-synonyms-sentinel";

fn add_synonyms(
    file: FileId,
    text: &str,
    vocab: &Node,
    list: &[(&str, &str)],
) -> Option<Vec<Edit>> {
    match vocab.get("synonyms") {
        Some(m) if m.as_map().is_some() && !m.is_flow() && !m.as_map()?.is_empty() => {
            let mut edits = Vec::new();
            for (s, c) in list {
                edits.push(yaml_edit::set_scalar(file, text, m, m.span.clone(), s, c)?);
            }
            Some(edits)
        }
        Some(m) if m.as_map().is_some() && m.is_flow() => {
            // `{a: b}`: insert before the closing brace.
            let close = text[..m.span.end].rfind('}')?;
            let empty = m.as_map()?.is_empty();
            let items: Vec<String> = list
                .iter()
                .map(|(s, c)| format!("{}: {}", yaml_key(s), yaml_edit::format_scalar(c, None)))
                .collect();
            let sep = if empty { "" } else { ", " };
            Some(vec![Edit {
                file,
                range: close..close,
                replacement: format!("{sep}{}", items.join(", ")),
            }])
        }
        // Absent, null or `{}`-less empty: write a flow map.
        _ => {
            let flow: Vec<String> = list
                .iter()
                .map(|(s, c)| format!("{}: {}", yaml_key(s), yaml_edit::format_scalar(c, None)))
                .collect();
            let edit =
                yaml_edit::set_scalar(file, text, vocab, vocab.span.clone(), "synonyms", SENTINEL)?;
            Some(vec![Edit {
                replacement: edit
                    .replacement
                    .replace(SENTINEL, &format!("{{{}}}", flow.join(", "))),
                ..edit
            }])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::yaml_edit::apply_edits;
    use crate::testing::corpus_of;

    fn applied(corpus: &Corpus, edits: &[Edit], file: FileId) -> String {
        let refs: Vec<&Edit> = edits.iter().filter(|e| e.file == file).collect();
        apply_edits(corpus.text(file), &refs)
    }

    #[test]
    fn tags_are_appended_in_one_edit() {
        let c = corpus_of(&[
            (
                "fr/a/x.md",
                "---\nid: x\ntitle: T ?\ntags:\n  - a # first\nowner: me\n---\nBody\n",
            ),
            (
                "fr/a/y.md",
                "---\nid: y\ntitle: T ?\ntags: [a]\n---\nBody\n",
            ),
        ]);
        let i = c.entries.iter().position(|e| e.id == "x").unwrap();
        let edits = add_tags(&c, i, &["b".into(), "c d".into()]).unwrap();
        assert_eq!(
            applied(&c, &edits, c.entries[i].file),
            "---\nid: x\ntitle: T ?\ntags:\n  - a # first\n  - b\n  - c d\nowner: me\n---\nBody\n"
        );
        let j = c.entries.iter().position(|e| e.id == "y").unwrap();
        let edits = add_tags(&c, j, &["b".into(), "c".into()]).unwrap();
        assert_eq!(
            applied(&c, &edits, c.entries[j].file),
            "---\nid: y\ntitle: T ?\ntags: [a, b, c]\n---\nBody\n"
        );
    }

    #[test]
    fn synonyms_go_into_the_locale_vocabulary() {
        let tax = "locales:\n  fr:\n    tags: [conges, paie]\n    synonyms:\n      congés: conges # accents\n  en:\n    tags: [leave]\n";
        let c = corpus_of(&[("taxonomy.yml", tax)]);
        let f = c.taxonomy.file.unwrap();
        let edits = taxonomy(
            &c,
            &[
                ("fr".into(), "conge".into(), "conges".into()),
                ("fr".into(), "salaire".into(), "paie".into()),
                ("en".into(), "holiday".into(), "leave".into()),
            ],
            &[("fr".into(), "prime".into())],
        )
        .unwrap();
        assert_eq!(
            applied(&c, &edits, f),
            "locales:\n  fr:\n    tags: [conges, paie, prime]\n    synonyms:\n      congés: conges # accents\n      conge: conges\n      salaire: paie\n  en:\n    tags: [leave]\n    synonyms: {holiday: leave}\n"
        );
    }
}
