//! `orphan-entry`: an entry that no navigation reaches.
//!
//! Roots are the entries a `nav.yml` category lists (by id, within the category's locale
//! when it has one) and every navigation page (`_index.md`…). Edges are internal Markdown
//! links and `related` ids of published entries (not drafts, not `duplicate_of`): sites
//! render `related` as "see also" links, so a reader can follow them. An entry no root
//! reaches is reported. A repo with no navigation at all is not checked.

use std::collections::VecDeque;

use rustc_hash::FxHashSet as HashSet;

use super::id_index::{IdIndex, is_entry, is_unreadable};
use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Fix};
use crate::fix::yaml_edit;
use crate::site::Resolution;
use crate::site::redirects::Target;
use crate::source::yaml::{self, Node};
use crate::source::{Corpus, Entry, FileKind};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let has_nav_file = !corpus.nav.categories.is_empty();
        let has_nav_pages = corpus
            .files
            .iter()
            .any(|f| f.kind == FileKind::NavigationPage);
        let site = &corpus.site;
        let by_structure = opts.bool("structure-lists-pages");
        // The generator lists every page (no MkDocs `nav:`, no Docusaurus sidebars file).
        if site.nav_covers_all {
            return;
        }
        let site_roots = site.nav_roots(corpus);
        let has_site_nav = !site.navs.is_empty() || (by_structure && site.lists_by_structure());
        if !has_nav_file && !has_nav_pages && !has_site_nav {
            return;
        }
        let ids = IdIndex::new(corpus);
        let n = corpus.entries.len();

        // Edges: who links to whom (sources: navigation pages and published entries).
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut linked_from: Vec<Option<usize>> = vec![None; n];
        for (i, e) in corpus.entries.iter().enumerate() {
            let is_page = corpus.file(e.file).kind == FileKind::NavigationPage;
            if !is_page && !e.is_indexable() {
                continue;
            }
            let mut targets = Vec::new();
            for r in site.links.get(i).into_iter().flatten() {
                match &r.resolution {
                    Resolution::Entry { index, .. }
                    | Resolution::Redirected {
                        target: Target::Entry(index),
                        ..
                    } => targets.push(*index),
                    _ => {}
                }
            }
            for r in &e.related {
                let same_locale: Vec<usize> = ids
                    .in_locale(&r.value, e.locale.as_deref())
                    .map(|(t, _)| t)
                    .collect();
                if same_locale.is_empty() {
                    targets.extend(ids.all(&r.value).map(|(t, _)| t));
                } else {
                    targets.extend(same_locale);
                }
            }
            targets.retain(|&t| t != i);
            for &t in &targets {
                linked_from[t].get_or_insert(i);
            }
            edges[i] = targets;
        }

        // Roots: navigation pages and entries a category lists.
        let mut reached = vec![false; n];
        let mut queue = VecDeque::new();
        for (i, e) in corpus.entries.iter().enumerate() {
            if corpus.file(e.file).kind == FileKind::NavigationPage {
                reached[i] = true;
                queue.push_back(i);
            }
        }
        for (i, e) in corpus.entries.iter().enumerate() {
            if (e.in_menu
                || (by_structure && site.listed_by_structure(corpus, i))
                || site_roots.contains(&i))
                && !reached[i]
            {
                reached[i] = true;
                queue.push_back(i);
            }
        }
        for cat in &corpus.nav.categories {
            for item in &cat.entries {
                for (i, _) in ids.in_locale(&item.value, cat.locale.as_deref()) {
                    if !reached[i] {
                        reached[i] = true;
                        queue.push_back(i);
                    }
                }
            }
        }
        while let Some(i) = queue.pop_front() {
            for &t in &edges[i] {
                if !reached[t] {
                    reached[t] = true;
                    queue.push_back(t);
                }
            }
        }

        let listed_somewhere: HashSet<&str> = corpus
            .nav
            .categories
            .iter()
            .flat_map(|c| c.entries.iter().map(|i| i.value.as_str()))
            .collect();
        // Parsed only when an orphan needs a fix.
        let mut nav_root: Option<Option<Node>> = None;
        for (i, e) in corpus.entries.iter().enumerate() {
            // Unparsable front matter: the id (so the nav listing) is unknown, and
            // `invalid-front-matter` reports the cause.
            if reached[i] || !is_entry(corpus, e) || !e.is_indexable() || is_unreadable(corpus, e) {
                continue;
            }
            // Utility pages (404, search results, a form's thank-you page) are reached by
            // the site itself, not by navigation.
            if site.profile != crate::config::Profile::Default && is_utility_page(&e.path) {
                continue;
            }
            let how = if let Some(how) = site.how_to_list() {
                how.to_string()
            } else if has_nav_file {
                format!(
                    "list `{}` in a category of `nav.yml`, or link to it from a reachable entry",
                    e.id
                )
            } else {
                "link to it from a navigation page (`_index.md`) or from a reachable entry"
                    .to_string()
            };
            let mut b = match linked_from[i] {
                Some(src) => {
                    let src = &corpus.entries[src];
                    sink.diag(
                        e.file,
                        e.anchor_span(),
                        format!("entry is linked only from entries that no navigation reaches (such as `{}`)", src.id),
                    )
                    .help(how)
                }
                None => sink
                    .diag(
                        e.file,
                        e.anchor_span(),
                        "entry is listed in no navigation and linked from no other entry",
                    )
                    .help(how),
            };
            if listed_somewhere.contains(e.id.as_str()) {
                b = b.help(format!(
                    "`nav.yml` lists `{}` only under a category of another locale: list it under a `{}` category",
                    e.id,
                    e.locale.as_deref().unwrap_or("matching")
                ));
            }
            let root = nav_root.get_or_insert_with(|| parse_nav(corpus));
            sink.push(
                b.entry(&e.id)
                    .maybe_fix(list_in_nav(corpus, e, root.as_ref())),
            );
        }
    }
}

fn parse_nav(corpus: &Corpus) -> Option<Node> {
    let text = corpus.text(corpus.nav.file?);
    yaml::parse(text, 0..text.len()).ok().flatten()
}

/// The unsafe fix: list the entry at the end of the `nav.yml` category that has the entry's
/// category id (and its locale, when the category names one). A person should check the
/// place in the list.
fn list_in_nav(corpus: &Corpus, e: &Entry, root: Option<&Node>) -> Option<Fix> {
    let nav_file = corpus.nav.file?;
    let text = corpus.text(nav_file);
    let category = e.category.as_deref()?;
    let node = root?.get("categories")?.as_seq()?.iter().find(|c| {
        c.get("id").and_then(Node::as_str) == Some(category)
            && c.get("locale")
                .and_then(Node::as_str)
                .is_none_or(|l| Some(l) == e.locale.as_deref())
    })?;
    let edit =
        yaml_edit::append_seq_item(nav_file, text, node, node.span.clone(), "entries", &e.id)?;
    Some(Fix::new(
        format!("list `{}` in the `{category}` category of `nav.yml`", e.id),
        Applicability::Unsafe,
        vec![edit],
    ))
}

/// `404.md`, `search.md`, `thanks.md`…: pages a site reaches without navigation.
fn is_utility_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(
        stem.as_str(),
        "404" | "search" | "thanks" | "thank-you" | "tags" | "categories" | "sitemap" | "offline"
    )
}
