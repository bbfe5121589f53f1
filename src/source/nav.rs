//! The navigation file: categories, each listing entry ids in display order.
//!
//! ```yaml
//! categories:
//!   - id: conges
//!     locale: fr
//!     title: Congés
//!     entries: [F2931, F13348]
//! ```

use std::ops::Range;

use super::FileId;
use super::entry::Item;
use super::yaml::Node;

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub locale: Option<String>,
    pub title: Option<String>,
    /// Span of the category's `id` value (or the whole item).
    pub span: Range<usize>,
    pub entries: Vec<Item>,
}

#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub file: Option<FileId>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavProblem {
    pub span: Range<usize>,
    pub message: String,
}

impl Nav {
    pub fn from_yaml(file: FileId, root: &Node) -> (Nav, Vec<NavProblem>) {
        let mut nav = Nav {
            file: Some(file),
            categories: Vec::new(),
        };
        let mut problems = Vec::new();
        let cats = match root.get("categories") {
            Some(c) => c,
            None => {
                problems.push(NavProblem {
                    span: root.span.clone(),
                    message: "the navigation file needs a `categories` list".into(),
                });
                return (nav, problems);
            }
        };
        let Some(items) = cats.as_seq() else {
            problems.push(NavProblem {
                span: cats.span.clone(),
                message: format!("`categories` must be a list, found a {}", cats.kind_name()),
            });
            return (nav, problems);
        };
        for item in items {
            let Some(id_node) = item.get("id") else {
                problems.push(NavProblem {
                    span: item.span.clone(),
                    message: "a category needs an `id`".into(),
                });
                continue;
            };
            let mut entries = Vec::new();
            if let Some(list) = item.get("entries") {
                match list.as_seq() {
                    Some(es) => {
                        for e in es {
                            match e.as_str() {
                                Some(s) => entries.push(Item {
                                    value: s.trim().to_string(),
                                    span: e.span.clone(),
                                }),
                                None => problems.push(NavProblem {
                                    span: e.span.clone(),
                                    message: format!(
                                        "an entry id must be a string, found a {}",
                                        e.kind_name()
                                    ),
                                }),
                            }
                        }
                    }
                    None if list.is_null() => {}
                    None => problems.push(NavProblem {
                        span: list.span.clone(),
                        message: format!(
                            "`entries` must be a list of ids, found a {}",
                            list.kind_name()
                        ),
                    }),
                }
            }
            nav.categories.push(Category {
                id: id_node.as_str().unwrap_or_default().trim().to_string(),
                locale: item
                    .get("locale")
                    .and_then(Node::as_str)
                    .map(|s| s.trim().to_string()),
                title: item.get("title").and_then(Node::as_str).map(str::to_string),
                span: id_node.span.clone(),
                entries,
            });
        }
        (nav, problems)
    }
}
