//! DocFX tables of contents: `toc.yml` (a list of items, or a mapping with `items`) and
//! `toc.md` (Markdown headings or list items holding one link each).
//!
//! ```yaml
//! - name: Overview
//!   href: index.md
//! - name: Billing
//!   href: billing/          # the folder's own toc
//!   topicHref: billing/index.md
//!   items:
//!   - name: Refunds
//!     href: billing/refunds.md
//! - name: Azure CLI
//!   href: /cli/azure/       # another site on the same host
//! ```

use std::sync::OnceLock;

use regex::Regex;

use super::tree::{self, Format, Value};
use super::{NavFile, NavTarget, is_external};

/// Parses a DocFX `toc.yml` (or `toc.json`), or a `toc.md` when `path` ends with `.md`.
pub fn parse_toc(path: &str, text: &str) -> NavFile {
    let mut nav = NavFile::new(path);
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") {
        parse_toc_md(&mut nav, text);
        return nav;
    }
    let format = match Format::of_path(&lower) {
        Some(Format::Json) => Format::Json,
        _ => Format::Yaml,
    };
    let root = match tree::parse(format, text) {
        Ok(Some(root)) => root,
        Ok(None) => return nav,
        Err(e) => {
            nav.syntax("TOC", e);
            return nav;
        }
    };
    match &root.kind {
        tree::Kind::Seq(items) => items.iter().for_each(|i| item(&mut nav, i)),
        tree::Kind::Map(_) => {
            // A root item with metadata: `items:` holds the entries.
            link_fields(&mut nav, &root, None);
            match root.get("items") {
                Some(items) => list(&mut nav, items),
                None if root.get("href").is_none() && root.get("uid").is_none() => nav.problem(
                    root.span.clone(),
                    "a TOC must be a list of items or a mapping with `items`",
                ),
                None => {}
            }
        }
        tree::Kind::Null => {}
        _ => nav.problem(
            root.span.clone(),
            format!(
                "a TOC must be a list of items, found a {}",
                root.kind_name()
            ),
        ),
    }
    nav
}

fn list(nav: &mut NavFile, items: &Value) {
    match &items.kind {
        tree::Kind::Seq(list) => list.iter().for_each(|i| item(nav, i)),
        tree::Kind::Null => {}
        _ => nav.problem(
            items.span.clone(),
            format!("`items` must be a list, found a {}", items.kind_name()),
        ),
    }
}

fn item(nav: &mut NavFile, node: &Value) {
    if node.as_map().is_none() {
        nav.problem(
            node.span.clone(),
            format!(
                "a TOC item must be a mapping with `name` and `href`, found a {}",
                node.kind_name()
            ),
        );
        return;
    }
    let title = node
        .get("name")
        .or_else(|| node.get("displayName"))
        .and_then(Value::as_text);
    link_fields(nav, node, title);
    if let Some(items) = node.get("items") {
        list(nav, items);
    }
}

/// `href`, `topicHref`, `tocHref`, `uid`, `topicUid` of one item.
fn link_fields(nav: &mut NavFile, node: &Value, title: Option<String>) {
    for key in ["href", "topicHref", "tocHref"] {
        let Some(v) = node.get(key) else { continue };
        match &v.kind {
            tree::Kind::Str(href) => {
                let href = href.trim();
                if !href.is_empty() {
                    nav.push(v.span.clone(), classify(href), title.clone());
                }
            }
            tree::Kind::Null => {}
            _ => nav.problem(
                v.span.clone(),
                format!("`{key}` must be a string, found a {}", v.kind_name()),
            ),
        }
    }
    for key in ["uid", "topicUid"] {
        if let Some(v) = node.get(key)
            && let Some(uid) = v.as_text()
            && !uid.trim().is_empty()
        {
            nav.push(
                v.span.clone(),
                NavTarget::Uid(uid.trim().to_string()),
                title.clone(),
            );
        }
    }
}

/// What an `href` points at: `xref:` a uid, an address or a site-absolute path a URL, a
/// path ending with `/` a folder (its own toc), anything else a file relative to the TOC.
fn classify(href: &str) -> NavTarget {
    if let Some(uid) = href.strip_prefix("xref:") {
        return NavTarget::Uid(uid.to_string());
    }
    if is_external(href) || href.starts_with('/') {
        return NavTarget::Url(href.to_string());
    }
    if href.ends_with('/') {
        return NavTarget::Folder(href.to_string());
    }
    NavTarget::File(href.to_string())
}

fn toc_md_link_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[expect(clippy::expect_used, reason = "a constant pattern, covered by tests")]
        Regex::new(r"^\s{0,3}(?:#{1,6}|[-*+])[ \t]*\[([^\]]*)\]\(\s*(<[^>]*>|[^)\s]*)")
            .expect("valid regex")
    })
}

fn toc_md_uid_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[expect(clippy::expect_used, reason = "a constant pattern, covered by tests")]
        Regex::new(r"^\s{0,3}(?:#{1,6}|[-*+])[ \t]*@(\S+)").expect("valid regex")
    })
}

/// `toc.md`: `# [Title](href)`, `## [Title](xref:uid)`, `# @uid`, `- [Title](href)`.
fn parse_toc_md(nav: &mut NavFile, text: &str) {
    let mut offset = 0;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        if let Some(c) = toc_md_link_re().captures(line) {
            let (Some(title), Some(href)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let mut span = start + href.start()..start + href.end();
            let mut value = href.as_str();
            if let Some(inner) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
                value = inner;
                span = span.start + 1..span.end - 1;
            }
            if !value.is_empty() {
                nav.push(span, classify(value), Some(title.as_str().to_string()));
            }
        } else if let Some(c) = toc_md_uid_re().captures(line)
            && let Some(uid) = c.get(1)
        {
            nav.push(
                start + uid.start()..start + uid.end(),
                NavTarget::Uid(uid.as_str().to_string()),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(nav: &NavFile, text: &str) -> Vec<(NavTarget, String)> {
        nav.refs
            .iter()
            .map(|r| (r.target.clone(), text[r.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn toc_yml_nested_items_folders_urls_and_uids() {
        let text = "\
### YamlMime:TableOfContent
- name: Billing FAQ
  href: index.md
- name: Invoices
  expanded: true
  items:
  - name: Download an invoice
    href: ./invoices/download-invoice.md
  - name: \"Why was I charged twice?\"
    href: 'invoices/charged-twice.md#refunds'
- name: Payment methods
  href: payment-methods/
  topicHref: payment-methods/index.md
- name: Subscriptions
  tocHref: /azure/cost-management-billing/manage/
  topicHref: /azure/cost-management-billing/manage/index
- name: Pricing calculator
  href: https://azure.microsoft.com/pricing/calculator/
- name: Reference
  href: ../api/toc.yml
- name: String
  uid: System.String
- name: Int32
  href: xref:System.Int32
";
        let nav = parse_toc("docs/billing/toc.yml", text);
        assert!(nav.problems.is_empty(), "{:?}", nav.problems);
        use NavTarget::*;
        assert_eq!(
            targets(&nav, text),
            vec![
                (File("index.md".into()), "index.md".into()),
                (
                    File("./invoices/download-invoice.md".into()),
                    "./invoices/download-invoice.md".into()
                ),
                (
                    File("invoices/charged-twice.md#refunds".into()),
                    "invoices/charged-twice.md#refunds".into()
                ),
                (Folder("payment-methods/".into()), "payment-methods/".into()),
                (
                    File("payment-methods/index.md".into()),
                    "payment-methods/index.md".into()
                ),
                (
                    Url("/azure/cost-management-billing/manage/index".into()),
                    "/azure/cost-management-billing/manage/index".into()
                ),
                (
                    Url("/azure/cost-management-billing/manage/".into()),
                    "/azure/cost-management-billing/manage/".into()
                ),
                (
                    Url("https://azure.microsoft.com/pricing/calculator/".into()),
                    "https://azure.microsoft.com/pricing/calculator/".into()
                ),
                (File("../api/toc.yml".into()), "../api/toc.yml".into()),
                (Uid("System.String".into()), "System.String".into()),
                (Uid("System.Int32".into()), "xref:System.Int32".into()),
            ]
        );
        assert_eq!(
            nav.refs[2].title.as_deref(),
            Some("Why was I charged twice?")
        );
    }

    #[test]
    fn toc_yml_root_mapping_with_items() {
        let text =
            "items:\n- name: Tutorial\n  items:\n  - href: tutorial.md\n  - href: step-1.md\n";
        let nav = parse_toc("toc.yml", text);
        assert!(nav.problems.is_empty());
        assert_eq!(nav.refs.len(), 2);
        assert_eq!(&text[nav.refs[1].span.clone()], "step-1.md");
    }

    #[test]
    fn toc_yml_shape_problems() {
        let text = "- name: A\n  href: [a.md]\n- just a string\n- name: B\n  items: b.md\n";
        let nav = parse_toc("toc.yml", text);
        assert_eq!(nav.problems.len(), 3, "{:?}", nav.problems);
        assert!(nav.problems[0].message.contains("`href` must be a string"));
        assert_eq!(&text[nav.problems[1].span.clone()], "just a string");
        let nav = parse_toc("toc.yml", "title: x\n");
        assert_eq!(nav.problems.len(), 1);
        let nav = parse_toc("toc.yml", "");
        assert!(nav.problems.is_empty() && nav.refs.is_empty());
    }

    #[test]
    fn toc_yml_broken_yaml_is_a_problem() {
        let text = "- name: A\n  href: a.md\n- name: [B\n";
        let nav = parse_toc("toc.yml", text);
        assert_eq!(nav.problems.len(), 1);
        assert!(nav.problems[0].message.starts_with("invalid TOC"));
        assert!(nav.problems[0].span.end <= text.len());
    }

    #[test]
    fn toc_md_headings_lists_and_uids() {
        let text = "# [Introduction](intro.md)\n## [Getting started](getting-started.md \"Start\")\n# Reference\n## [API](api/)\n### [String](xref:System.String)\n# @UidForAnArticle\n- [Pricing](<pricing page.md>)\n```\n# [Not a link](nope.md)\n```\n";
        let nav = parse_toc("toc.md", text);
        use NavTarget::*;
        assert_eq!(
            targets(&nav, text),
            vec![
                (File("intro.md".into()), "intro.md".into()),
                (
                    File("getting-started.md".into()),
                    "getting-started.md".into()
                ),
                (Folder("api/".into()), "api/".into()),
                (Uid("System.String".into()), "xref:System.String".into()),
                (Uid("UidForAnArticle".into()), "UidForAnArticle".into()),
                (File("pricing page.md".into()), "pricing page.md".into()),
            ]
        );
        assert_eq!(nav.refs[0].title.as_deref(), Some("Introduction"));
    }
}
