//! The taxonomy file: allowed tags per locale, synonyms and deprecated tags.
//!
//! ```yaml
//! locales:
//!   fr:
//!     tags: [conges, paie]
//!     synonyms: { congés: conges }      # synonym: canonical
//!     deprecated: { chsct: cse }        # deprecated: replacement
//! ```
//! A top-level `tags`/`synonyms`/`deprecated` (without `locales`) applies to every locale.

use std::collections::HashMap;
use std::ops::Range;

use super::FileId;
use super::yaml::Node;

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Allowed tag → span of its declaration.
    pub tags: HashMap<String, Range<usize>>,
    /// Synonym → (canonical, span).
    pub synonyms: HashMap<String, (String, Range<usize>)>,
    /// Deprecated → (replacement or none, span).
    pub deprecated: HashMap<String, (Option<String>, Range<usize>)>,
}

#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub file: Option<FileId>,
    /// Per-locale vocabularies; the `""` key applies to all locales.
    pub locales: HashMap<String, Vocabulary>,
}

/// A structural problem in the taxonomy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyProblem {
    pub span: Range<usize>,
    pub message: String,
}

impl Taxonomy {
    /// Vocabularies that apply to `locale`: its own, then the shared one.
    pub fn vocabularies<'a>(
        &'a self,
        locale: Option<&str>,
    ) -> impl Iterator<Item = &'a Vocabulary> + 'a {
        let own = locale.and_then(|l| self.locales.get(l));
        own.into_iter().chain(self.locales.get(""))
    }

    pub fn is_empty(&self) -> bool {
        self.locales
            .values()
            .all(|v| v.tags.is_empty() && v.synonyms.is_empty() && v.deprecated.is_empty())
    }

    pub fn is_allowed(&self, locale: Option<&str>, tag: &str) -> bool {
        self.vocabularies(locale).any(|v| v.tags.contains_key(tag))
    }

    pub fn synonym(&self, locale: Option<&str>, tag: &str) -> Option<&str> {
        self.vocabularies(locale)
            .find_map(|v| v.synonyms.get(tag).map(|(c, _)| c.as_str()))
    }

    pub fn deprecated(&self, locale: Option<&str>, tag: &str) -> Option<Option<&str>> {
        self.vocabularies(locale)
            .find_map(|v| v.deprecated.get(tag).map(|(r, _)| r.as_deref()))
    }

    /// True when a locale has a tag list to check against.
    pub fn has_tags_for(&self, locale: Option<&str>) -> bool {
        self.vocabularies(locale).any(|v| !v.tags.is_empty())
    }

    /// Builds the taxonomy from the parsed file; problems are returned, not fatal.
    pub fn from_yaml(file: FileId, root: &Node) -> (Taxonomy, Vec<TaxonomyProblem>) {
        let mut tax = Taxonomy {
            file: Some(file),
            locales: HashMap::new(),
        };
        let mut problems = Vec::new();
        if root.as_map().is_none() {
            problems.push(TaxonomyProblem {
                span: root.span.clone(),
                message: format!(
                    "the taxonomy must be a mapping, found a {}",
                    root.kind_name()
                ),
            });
            return (tax, problems);
        }
        if let Some(locales) = root.get("locales") {
            match locales.as_map() {
                Some(entries) => {
                    for (k, v) in entries {
                        let name = k.as_str().unwrap_or_default().to_string();
                        let vocab = read_vocabulary(v, &mut problems);
                        tax.locales.insert(name, vocab);
                    }
                }
                None => problems.push(TaxonomyProblem {
                    span: locales.span.clone(),
                    message: format!(
                        "`locales` must be a mapping of locale to vocabulary, found a {}",
                        locales.kind_name()
                    ),
                }),
            }
        }
        if root.get("tags").is_some()
            || root.get("synonyms").is_some()
            || root.get("deprecated").is_some()
        {
            let vocab = read_vocabulary(root, &mut problems);
            tax.locales.insert(String::new(), vocab);
        }
        (tax, problems)
    }
}

fn read_vocabulary(node: &Node, problems: &mut Vec<TaxonomyProblem>) -> Vocabulary {
    let mut v = Vocabulary::default();
    if node.as_map().is_none() {
        problems.push(TaxonomyProblem {
            span: node.span.clone(),
            message: format!("a locale's vocabulary must be a mapping with `tags`, `synonyms`, `deprecated`, found a {}", node.kind_name()),
        });
        return v;
    }
    if let Some(tags) = node.get("tags") {
        match tags.as_seq() {
            Some(items) => {
                for t in items {
                    match t.as_str() {
                        Some(s) => {
                            v.tags.insert(s.trim().to_string(), t.span.clone());
                        }
                        None => problems.push(TaxonomyProblem {
                            span: t.span.clone(),
                            message: format!("a tag must be a string, found a {}", t.kind_name()),
                        }),
                    }
                }
            }
            None if tags.is_null() => {}
            None => problems.push(TaxonomyProblem {
                span: tags.span.clone(),
                message: format!("`tags` must be a list, found a {}", tags.kind_name()),
            }),
        }
    }
    for (key, is_syn) in [("synonyms", true), ("deprecated", false)] {
        let Some(m) = node.get(key) else { continue };
        if m.is_null() {
            continue;
        }
        let Some(entries) = m.as_map() else {
            problems.push(TaxonomyProblem {
                span: m.span.clone(),
                message: format!(
                    "`{key}` must be a mapping (`old: new`), found a {}",
                    m.kind_name()
                ),
            });
            continue;
        };
        for (k, val) in entries {
            let Some(name) = k.as_str() else { continue };
            let target = val
                .as_str()
                .filter(|_| !val.is_null())
                .map(|s| s.trim().to_string());
            if is_syn {
                match target {
                    Some(t) => {
                        v.synonyms
                            .insert(name.trim().to_string(), (t, k.span.clone()));
                    }
                    None => problems.push(TaxonomyProblem {
                        span: val.span.clone(),
                        message: format!("synonym `{name}` needs a canonical tag"),
                    }),
                }
            } else {
                v.deprecated
                    .insert(name.trim().to_string(), (target, k.span.clone()));
            }
        }
    }
    v
}
