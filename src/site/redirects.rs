//! Pages that moved: Jekyll `redirect_from`, Hugo `aliases`, DocFX redirection files,
//! Docusaurus redirects declared in JSON/YAML. A link to an old address is a
//! `redirected-link`, with the current address as its fix.

use rustc_hash::FxHashMap as HashMap;

use super::genconfig::GeneratorConfig;
use super::{Site, url};
use crate::config::Profile;
use crate::source::{Corpus, FileKind};

/// Where an old address now leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An entry of this site.
    Entry(usize),
    /// A URL faqlint cannot map to an entry (another doc set, an external page).
    Url(String),
}

#[derive(Debug, Clone, Default)]
pub struct Redirects {
    /// Normalised old URL → target.
    by_url: HashMap<String, Target>,
    /// Old repo-relative file path (lower-cased) → target (DocFX `source_path`).
    by_file: HashMap<String, Target>,
}

impl Redirects {
    pub fn build(corpus: &Corpus, site: &Site, _gen: &GeneratorConfig) -> Redirects {
        let mut r = Redirects::default();
        let ci = site.case_insensitive;
        for (i, e) in corpus.entries.iter().enumerate() {
            for old in &e.redirect_from {
                let v = old.value.trim();
                if v.is_empty() || v.contains("://") {
                    continue;
                }
                let abs = if v.starts_with('/') {
                    v.to_string()
                } else {
                    // Hugo: a relative alias is relative to the page's section.
                    let base = site
                        .url_of(i)
                        .map(|u| {
                            let t = u.trim_end_matches('/');
                            t.rsplit_once('/').map_or("", |(d, _)| d).to_string()
                        })
                        .unwrap_or_default();
                    format!("{base}/{v}")
                };
                r.by_url
                    .entry(url::normalize(&abs, ci))
                    .or_insert(Target::Entry(i));
            }
        }
        for f in &corpus.files {
            if f.kind != FileKind::SiteData {
                continue;
            }
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            let dir = f
                .path
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| format!("{d}/"));
            if site.profile == Profile::Docfx
                && (name.ends_with(".md") || name.ends_with(".markdown"))
                && let Some(to) = redirect_url_of(&f.text)
            {
                // A DocFX redirect stub page.
                let target = site.url_target(&to);
                r.by_file.insert(f.path.to_lowercase(), target);
            } else if site.profile == Profile::Docfx
                && name.starts_with(".openpublishing.redirection")
                && name.ends_with(".json")
            {
                r.read_docfx(site, &dir, &f.text);
            } else if site.profile == Profile::Docusaurus && name.starts_with("redirects.") {
                r.read_from_to(site, name, &f.text);
            } else if site.profile == Profile::Mkdocs && name.starts_with("mkdocs.") {
                r.read_mkdocs(corpus, site, &f.text);
            }
        }
        r
    }

    fn read_docfx(&mut self, site: &Site, dir: &str, text: &str) {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
            return;
        };
        let Some(list) = json.get("redirections").and_then(|v| v.as_array()) else {
            return;
        };
        for item in list {
            let source = item
                .get("source_path_from_root")
                .and_then(|v| v.as_str())
                .map(|s| s.trim_start_matches('/').to_string())
                .or_else(|| {
                    item.get("source_path")
                        .and_then(|v| v.as_str())
                        .map(|s| join(dir, s))
                });
            let Some(source) = source else { continue };
            let Some(to) = item.get("redirect_url").and_then(|v| v.as_str()) else {
                continue;
            };
            let target = site.url_target(to);
            self.by_file.insert(source.to_lowercase(), target);
        }
    }

    fn read_from_to(&mut self, site: &Site, name: &str, text: &str) {
        let value: Option<serde_json::Value> = if name.ends_with(".json") {
            serde_json::from_str(text).ok()
        } else {
            yaml_to_json(text)
        };
        let Some(value) = value else { return };
        let list = value
            .get("redirects")
            .cloned()
            .unwrap_or(value)
            .as_array()
            .cloned()
            .unwrap_or_default();
        for item in list {
            let Some(to) = item.get("to").and_then(|v| v.as_str()) else {
                continue;
            };
            let froms: Vec<String> = match item.get("from") {
                Some(serde_json::Value::String(s)) => vec![s.clone()],
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => continue,
            };
            let target = site.url_target(to);
            for f in froms {
                self.by_url
                    .insert(url::normalize(&f, site.case_insensitive), target.clone());
            }
        }
    }

    /// The mkdocs-redirects plugin: `plugins: [redirects: {redirect_maps: {old.md: new.md}}]`,
    /// paths relative to `docs_dir`; a target may also be a URL.
    fn read_mkdocs(&mut self, corpus: &Corpus, site: &Site, text: &str) {
        let Some(root) = yaml_to_json(text) else {
            return;
        };
        let Some(plugins) = root.get("plugins") else {
            return;
        };
        let maps: Vec<&serde_json::Value> = match plugins {
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|p| p.get("redirects")?.get("redirect_maps"))
                .collect(),
            serde_json::Value::Object(m) => m
                .get("redirects")
                .and_then(|r| r.get("redirect_maps"))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        let directory_urls = site.generator.use_directory_urls;
        for map in maps {
            let Some(map) = map.as_object() else { continue };
            for (old, new) in map {
                let Some(new) = new.as_str() else { continue };
                let target = if new.contains("://") || new.starts_with('/') {
                    site.url_target(new)
                } else {
                    let path = format!(
                        "{}{}",
                        site.content_root,
                        new.split('#').next().unwrap_or(new)
                    );
                    match corpus.entry_index_by_path(&path) {
                        Some(i) => Target::Entry(i),
                        None => Target::Url(new.to_string()),
                    }
                };
                let stem = old.trim_end_matches(".md");
                let stem = stem
                    .strip_suffix("/index")
                    .or_else(|| (stem == "index").then_some(""))
                    .unwrap_or(stem);
                let url = if directory_urls || stem.is_empty() {
                    format!("/{stem}/")
                } else {
                    format!("/{stem}.html")
                };
                self.by_url
                    .insert(url::normalize(&url, site.case_insensitive), target.clone());
                // A link to the old file (`../account/invoices.md`) is one to the old page.
                self.by_file
                    .insert(format!("{}{old}", site.content_root).to_lowercase(), target);
            }
        }
    }

    pub fn by_url(&self, key: &str) -> Option<&Target> {
        self.by_url.get(key)
    }

    pub fn by_file(&self, path: &str) -> Option<&Target> {
        self.by_file.get(&path.to_lowercase())
    }
}

impl Site {
    /// Maps a redirect's destination to an entry: the URL itself, else the entry whose URL
    /// ends it (a doc set published under a base path faqlint does not know).
    fn url_target(&self, to: &str) -> Target {
        let path = strip_host(to);
        let path = path.split(['#', '?']).next().unwrap_or_default();
        let path = path
            .strip_prefix(self.base_path.as_str())
            .filter(|_| !self.base_path.is_empty())
            .unwrap_or(path);
        if let Some(i) = self.entry_at_url(path) {
            return Target::Entry(i);
        }
        let want = url::normalize(path, self.case_insensitive);
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in self.placed.iter().enumerate() {
            let Some(u) = &p.url else { continue };
            let have = url::normalize(u, self.case_insensitive);
            if have.len() > 1 && want.ends_with(&have) {
                let boundary = want.len() == have.len()
                    || want.as_bytes().get(want.len() - have.len()) == Some(&b'/');
                if boundary && best.is_none_or(|(_, len)| have.len() > len) {
                    best = Some((i, have.len()));
                }
            }
        }
        match best {
            Some((i, _)) => Target::Entry(i),
            None => Target::Url(to.to_string()),
        }
    }
}

/// The `redirect_url` of a DocFX redirect stub's front matter.
fn redirect_url_of(text: &str) -> Option<String> {
    let split = crate::source::front_matter::split(text).ok()?;
    let root = crate::source::front_matter::parse_split(text, &split).ok()??;
    root.get("redirect_url")?.as_str().map(str::to_string)
}

/// `https://host/a/b` → `/a/b`; a path is returned as is.
pub fn strip_host(u: &str) -> &str {
    match u.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => u,
    }
}

/// Joins a folder (`a/b/`) and a relative path (`../c.md`), normalising `.` and `..`.
pub fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A small YAML document as JSON (for redirect lists).
fn yaml_to_json(text: &str) -> Option<serde_json::Value> {
    let node = crate::source::yaml::parse(text, 0..text.len()).ok()??;
    Some(node_json(&node))
}

fn node_json(n: &crate::source::yaml::Node) -> serde_json::Value {
    use crate::source::yaml::NodeKind;
    match &n.kind {
        NodeKind::Scalar { value, .. } => serde_json::Value::String(value.clone()),
        NodeKind::Seq { items, .. } => {
            serde_json::Value::Array(items.iter().map(node_json).collect())
        }
        NodeKind::Map { entries, .. } => serde_json::Value::Object(
            entries
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), node_json(v))))
                .collect(),
        ),
        NodeKind::Alias => serde_json::Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_strips() {
        assert_eq!(join("docs/", "../old/a.md"), "old/a.md");
        assert_eq!(join("", "docs/a.md"), "docs/a.md");
        assert_eq!(strip_host("https://learn.example.com/ps/a?x"), "/ps/a?x");
        assert_eq!(strip_host("/a"), "/a");
    }
}
