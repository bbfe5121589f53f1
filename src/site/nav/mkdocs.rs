//! The `nav:` of `mkdocs.yml`: pages relative to `docs_dir`, titled or not, nested in
//! sections, and links.
//!
//! ```yaml
//! nav:
//!   - index.md
//!   - 'Billing':
//!       - Invoices: billing/invoices.md
//!       - billing/refunds.md
//!   - Status page: https://status.example.com/
//! ```

use super::tree::{self, Kind, Value};
use super::{NavFile, NavTarget, is_external, is_markdown_path};

/// Parses the `nav:` of a whole `mkdocs.yml`.
pub fn parse_nav(path: &str, text: &str) -> NavFile {
    let mut nav = NavFile::new(path);
    match tree::parse_yaml(text) {
        Ok(Some(root)) => read_nav(&mut nav, &root),
        Ok(None) => {}
        Err(e) => nav.syntax("YAML", e),
    }
    nav
}

/// The `nav:` of an already parsed `mkdocs.yml`.
pub(crate) fn nav_from_tree(path: &str, root: &Value) -> NavFile {
    let mut nav = NavFile::new(path);
    read_nav(&mut nav, root);
    nav
}

fn read_nav(nav: &mut NavFile, root: &Value) {
    if root.as_map().is_none() {
        if !matches!(root.kind, Kind::Null) {
            nav.problem(
                root.span.clone(),
                format!("mkdocs.yml must be a mapping, found a {}", root.kind_name()),
            );
        }
        return;
    }
    let (list, legacy) = match (root.get("nav"), root.get("pages")) {
        (Some(list), _) => (list, false),
        (None, Some(list)) => {
            nav.note("`pages:` is the MkDocs 0.x name of `nav:`; read as `nav:`");
            (list, true)
        }
        (None, None) => return,
    };
    match &list.kind {
        Kind::Seq(items) => items.iter().for_each(|i| item(nav, i, legacy)),
        Kind::Null => {}
        _ => nav.problem(
            list.span.clone(),
            format!("`nav` must be a list, found a {}", list.kind_name()),
        ),
    }
}

fn item(nav: &mut NavFile, node: &Value, legacy: bool) {
    match &node.kind {
        Kind::Str(s) => target(nav, node, s, None),
        Kind::Map(entries) => {
            if entries.len() != 1 {
                nav.problem(
                    node.span.clone(),
                    format!(
                        "a nav item must have exactly one title, found {} keys",
                        entries.len()
                    ),
                );
                return;
            }
            let e = &entries[0];
            match &e.value.kind {
                Kind::Str(s) => target(nav, &e.value, s, Some(e.key.clone())),
                Kind::Seq(items) => items.iter().for_each(|i| item(nav, i, legacy)),
                _ => nav.problem(
                    e.value.span.clone(),
                    format!(
                        "`{}` must name a page or hold a list of pages, found a {}",
                        e.key,
                        e.value.kind_name()
                    ),
                ),
            }
        }
        // MkDocs 0.x `pages:`: `['path.md', 'Section', 'Title']`.
        Kind::Seq(parts) if legacy => {
            if let Some(first) = parts.first()
                && let Some(s) = first.as_str()
            {
                let title = parts
                    .last()
                    .filter(|_| parts.len() > 1)
                    .and_then(Value::as_text);
                target(nav, first, s, title);
            }
        }
        _ => nav.problem(
            node.span.clone(),
            format!(
                "a nav item must be a page path or `Title: page`, found a {}",
                node.kind_name()
            ),
        ),
    }
}

fn target(nav: &mut NavFile, node: &Value, value: &str, title: Option<String>) {
    let value = value.trim();
    if value.is_empty() {
        nav.problem(node.span.clone(), "empty nav entry");
        return;
    }
    if value == "..." || value.contains('*') {
        nav.note(format!(
            "nav entry `{value}` is plugin syntax (awesome-pages, awesome-nav): not checked"
        ));
        return;
    }
    let t = if is_external(value) || value.starts_with('/') || !is_markdown_path(value) {
        NavTarget::Url(value.to_string())
    } else {
        NavTarget::File(value.to_string())
    };
    nav.push(node.span.clone(), t, title);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MKDOCS: &str = "\
site_name: Help Center
site_url: !ENV [SITE_URL, 'https://help.example.com/']
docs_dir: docs
theme:
  name: material
  features:
    - navigation.indexes
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
nav:
  - index.md
  - 'Billing':
      - billing/index.md
      - Invoices: billing/invoices.md
      - \"Refunds and credits\": \"billing/refunds.md\"
  - Account:
    - Reset your password: account/reset-password.md
    - account/*.md
  - Status page: https://status.example.com/
  - API: api/
  - About: about.MD
";

    #[test]
    fn nav_items_sections_and_links() {
        let nav = parse_nav("mkdocs.yml", MKDOCS);
        assert!(nav.problems.is_empty(), "{:?}", nav.problems);
        let got: Vec<_> = nav
            .refs
            .iter()
            .map(|r| {
                (
                    r.target.clone(),
                    &MKDOCS[r.span.clone()],
                    r.title.as_deref(),
                )
            })
            .collect();
        use NavTarget::*;
        assert_eq!(
            got,
            vec![
                (File("index.md".into()), "index.md", None),
                (File("billing/index.md".into()), "billing/index.md", None),
                (
                    File("billing/invoices.md".into()),
                    "billing/invoices.md",
                    Some("Invoices")
                ),
                (
                    File("billing/refunds.md".into()),
                    "billing/refunds.md",
                    Some("Refunds and credits")
                ),
                (
                    File("account/reset-password.md".into()),
                    "account/reset-password.md",
                    Some("Reset your password")
                ),
                (
                    Url("https://status.example.com/".into()),
                    "https://status.example.com/",
                    Some("Status page")
                ),
                (Url("api/".into()), "api/", Some("API")),
                (File("about.MD".into()), "about.MD", Some("About")),
            ]
        );
        assert_eq!(nav.notes.len(), 1, "{:?}", nav.notes);
    }

    #[test]
    fn legacy_pages_list() {
        let text = "pages:\n- ['index.md', 'Home']\n- ['user-guide/writing-your-docs.md', 'User Guide', 'Writing your docs']\n";
        let nav = parse_nav("mkdocs.yml", text);
        assert_eq!(nav.refs.len(), 2);
        assert_eq!(
            &text[nav.refs[1].span.clone()],
            "user-guide/writing-your-docs.md"
        );
        assert_eq!(nav.refs[1].title.as_deref(), Some("Writing your docs"));
        assert_eq!(nav.notes.len(), 1);
    }

    #[test]
    fn shape_problems_and_broken_yaml() {
        let text = "nav:\n  - Home: index.md\n    Extra: x.md\n  - Section:\n  - 42\n";
        let nav = parse_nav("mkdocs.yml", text);
        assert_eq!(nav.problems.len(), 3, "{:?}", nav.problems);
        let nav = parse_nav("mkdocs.yml", "nav: index.md\n");
        assert_eq!(nav.problems.len(), 1);
        let nav = parse_nav("mkdocs.yml", "nav:\n  - Home: [index.md\n");
        assert_eq!(nav.problems.len(), 1);
        assert!(nav.problems[0].message.starts_with("invalid YAML"));
        let nav = parse_nav("mkdocs.yml", "site_name: x\n");
        assert!(nav.refs.is_empty() && nav.problems.is_empty());
    }
}
