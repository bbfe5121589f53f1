//! Jekyll navigation data files (`_data/navigation.yml`, `_data/sidebars/*.yml`): there is
//! no standard shape, each theme reads its own, so every mapping in the file is looked at
//! for a link (`url`, `link`, `href`, `external_url`, `permalink`, `page`, `path`), and
//! every list or mapping under it (`children`, `items`, `folderitems`, `subfolderitems`…) is
//! walked.
//!
//! ```yaml
//! main:                                   # Minimal Mistakes
//!   - title: "Billing"
//!     url: /billing/
//!     children:
//!       - title: "Refunds"
//!         url: /billing/refunds/
//! entries:                                # Documentation theme
//! - title: Sidebar
//!   folders:
//!   - title: Getting started
//!     output: web, pdf
//!     folderitems:
//!     - title: Install
//!       url: /install.html
//!       output: web
//! ```
//!
//! Items with an `output` that leaves out `web` (PDF-only entries) are skipped.

use super::tree::{self, Kind, Value};
use super::{NavFile, NavTarget, is_external, is_markdown_path};

const LINK_KEYS: [&str; 7] = [
    "url",
    "link",
    "href",
    "external_url",
    "permalink",
    "page",
    "path",
];
const TITLE_KEYS: [&str; 4] = ["title", "name", "text", "label"];

/// Parses a Jekyll `_data` navigation file (YAML).
pub fn parse_data_nav(path: &str, text: &str) -> NavFile {
    let mut nav = NavFile::new(path);
    match tree::parse_yaml(text) {
        Ok(Some(root)) => walk(&mut nav, &root),
        Ok(None) => {}
        Err(e) => nav.syntax("YAML", e),
    }
    nav
}

fn walk(nav: &mut NavFile, v: &Value) {
    match &v.kind {
        Kind::Seq(items) => items.iter().for_each(|i| walk(nav, i)),
        Kind::Map(entries) => {
            if let Some(output) = v.get("output").and_then(Value::as_text)
                && !output.to_ascii_lowercase().contains("web")
            {
                return;
            }
            let title = TITLE_KEYS
                .iter()
                .find_map(|k| v.get(k).and_then(Value::as_text));
            for e in entries {
                if LINK_KEYS.contains(&e.key.as_str()) {
                    link(nav, &e.key, &e.value, title.clone());
                } else {
                    walk(nav, &e.value);
                }
            }
        }
        _ => {}
    }
}

fn link(nav: &mut NavFile, key: &str, v: &Value, title: Option<String>) {
    match &v.kind {
        Kind::Str(s) => {
            let s = s.trim();
            if s.is_empty() {
                return;
            }
            let target = if !is_external(s) && is_markdown_path(s) {
                NavTarget::File(s.to_string())
            } else {
                NavTarget::Url(s.to_string())
            };
            nav.push(v.span.clone(), target, title);
        }
        Kind::Null => {}
        Kind::Seq(_) | Kind::Map(_) => nav.problem(
            v.span.clone(),
            format!("`{key}` must be a string, found a {}", v.kind_name()),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(nav: &NavFile, text: &str) -> Vec<(NavTarget, String)> {
        nav.refs
            .iter()
            .map(|r| (r.target.clone(), text[r.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn minimal_mistakes_navigation() {
        let text = "\
# main links
main:
  - title: \"Quick-Start Guide\"
    url: https://mmistakes.github.io/minimal-mistakes/docs/quick-start-guide/
  - title: \"About\"
    url: /about/

docs:
  - title: Getting Started
    children:
      - title: \"Quick-Start Guide\"
        url: /docs/quick-start-guide/
      - title: \"Structure\"
        url: '/docs/structure/'
";
        let nav = parse_data_nav("_data/navigation.yml", text);
        use NavTarget::*;
        assert_eq!(
            got(&nav, text),
            vec![
                (
                    Url(
                        "https://mmistakes.github.io/minimal-mistakes/docs/quick-start-guide/"
                            .into()
                    ),
                    "https://mmistakes.github.io/minimal-mistakes/docs/quick-start-guide/".into()
                ),
                (Url("/about/".into()), "/about/".into()),
                (
                    Url("/docs/quick-start-guide/".into()),
                    "/docs/quick-start-guide/".into()
                ),
                (Url("/docs/structure/".into()), "/docs/structure/".into()),
            ]
        );
        assert_eq!(nav.refs[3].title.as_deref(), Some("Structure"));
    }

    #[test]
    fn documentation_theme_sidebar_skips_pdf_only_items() {
        let text = "\
entries:
- title: sidebar
  product: Documentation
  version: 6.0
  folders:
  - title:
    output: pdf
    type: frontmatter
    folderitems:
    - title:
      url: /titlepage.html
      output: pdf
      type: frontmatter
  - title: Overview
    output: web, pdf
    folderitems:
    - title: Get started
      url: /index.html
      output: web, pdf
      subfolders:
      - title: Billing
        output: web
        subfolderitems:
        - title: Refunds
          url: /billing_refunds.html
          output: web
        - title: External
          external_url: https://example.com/status
          output: web
";
        let nav = parse_data_nav("_data/sidebars/mydoc_sidebar.yml", text);
        let urls: Vec<_> = got(&nav, text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            urls,
            [
                "/index.html",
                "/billing_refunds.html",
                "https://example.com/status"
            ]
        );
    }

    #[test]
    fn markdown_paths_are_files_and_broken_yaml_is_a_problem() {
        let text = "- title: FAQ\n  page: faq/billing.md\n- title: Bad\n  url: [a]\n";
        let nav = parse_data_nav("_data/nav.yml", text);
        assert_eq!(
            got(&nav, text),
            vec![(
                NavTarget::File("faq/billing.md".into()),
                "faq/billing.md".into()
            )]
        );
        assert_eq!(nav.problems.len(), 1);
        let nav = parse_data_nav("_data/nav.yml", "- title: x\n  url: \"/a\n");
        assert_eq!(nav.problems.len(), 1);
        assert!(nav.refs.is_empty());
    }
}
