//! Which generator a repo is the source of, from the generator's own marker files.

use std::path::Path;

use crate::config::Profile;

/// A detected generator: which, where its site lives, and the file that told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub profile: Profile,
    /// The folder holding the generator's config, repo-relative (`` for the root).
    pub site_root: String,
    /// The marker file, repo-relative.
    pub marker: String,
}

/// Folders never searched for a site: build output and third-party trees.
const SKIP_DIRS: &[&str] = &[
    "node_modules",
    "vendor",
    "themes",
    "_site",
    "public",
    "build",
    "archetypes",
    "target",
    "site",
];

/// Marker files by generator, most specific first: a repo may hold a `_config.yml` for
/// GitHub Pages beside a Docusaurus site, never the reverse.
fn marker_in(dir: &Path) -> Option<(Profile, String)> {
    let exists = |name: &str| dir.join(name).is_file();
    for name in ["docfx.json"] {
        if exists(name) {
            return Some((Profile::Docfx, name.into()));
        }
    }
    for ext in ["js", "ts", "mjs", "cjs", "mts"] {
        let name = format!("docusaurus.config.{ext}");
        if exists(&name) {
            return Some((Profile::Docusaurus, name));
        }
    }
    for name in ["mkdocs.yml", "mkdocs.yaml"] {
        if exists(name) {
            return Some((Profile::Mkdocs, name.into()));
        }
    }
    let has_content = dir.join("content").is_dir() || has_content_dirs(dir);
    // A theme's own `hugo.toml` (hugo-book, hextra) sits beside no content: the site is
    // in a sub-folder (`exampleSite/`, `docs/`).
    for ext in ["toml", "yaml", "yml", "json"] {
        let name = format!("hugo.{ext}");
        if exists(&name) && (has_content || !has_hugo_site_below(dir)) {
            return Some((Profile::Hugo, name));
        }
    }
    if has_content {
        for ext in ["toml", "yaml", "yml", "json"] {
            let name = format!("config.{ext}");
            if exists(&name) {
                return Some((Profile::Hugo, name));
            }
        }
        if dir.join("config/_default").is_dir() {
            return Some((Profile::Hugo, "config/_default/".into()));
        }
    }
    for name in ["_config.yml", "_config.yaml"] {
        if exists(name) {
            return Some((Profile::Jekyll, name.into()));
        }
    }
    None
}

/// `content.en/`-style per-language content folders.
fn has_content_dirs(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(Result::ok).any(|d| {
            d.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("content") && d.path().is_dir())
        })
    })
}

/// A Hugo site with content one or two levels below `dir`.
fn has_hugo_site_below(dir: &Path) -> bool {
    ["exampleSite", "docs", "site", "website", "exampleSite/site"]
        .iter()
        .map(|s| dir.join(s))
        .any(|d| {
            (d.join("content").is_dir() || has_content_dirs(&d))
                && [
                    "hugo.toml",
                    "hugo.yaml",
                    "hugo.yml",
                    "hugo.json",
                    "config.toml",
                    "config.yaml",
                    "config.yml",
                ]
                .iter()
                .any(|m| d.join(m).is_file())
        })
}

/// True when `dir` holds a generator's marker file (a site root).
pub fn is_site_root(dir: &Path) -> bool {
    marker_in(dir).is_some()
}

/// Looks for a generator's marker at `root`, then in its sub-folders (two levels down,
/// shallowest first, then by name): a DocFX site in `docs/` is found from the repo root.
pub fn detect(root: &Path) -> Option<Detection> {
    let make = |rel: &str, (profile, marker): (Profile, String)| Detection {
        profile,
        site_root: rel.to_string(),
        marker: if rel.is_empty() {
            marker
        } else {
            format!("{rel}/{marker}")
        },
    };
    if let Some(found) = marker_in(root) {
        return Some(make("", found));
    }
    let mut level: Vec<String> = vec![String::new()];
    for _depth in 0..2 {
        let mut next = Vec::new();
        for rel in &level {
            let dir = if rel.is_empty() {
                root.to_path_buf()
            } else {
                root.join(rel)
            };
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut names: Vec<String> = read
                .filter_map(Result::ok)
                .filter(|d| d.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|d| d.file_name().to_str().map(str::to_string))
                .filter(|n| !n.starts_with('.') && !SKIP_DIRS.contains(&n.as_str()))
                .collect();
            names.sort();
            for n in names {
                next.push(if rel.is_empty() {
                    n
                } else {
                    format!("{rel}/{n}")
                });
            }
        }
        for rel in &next {
            if let Some(found) = marker_in(&root.join(rel)) {
                return Some(make(rel, found));
            }
        }
        level = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            crate::fix::write_atomic(&p, b"").unwrap();
        }
        dir
    }

    #[test]
    fn detects_each_generator_by_its_marker() {
        let cases: &[(&[&str], Profile, &str, &str)] = &[
            (&["hugo.toml"], Profile::Hugo, "", "hugo.toml"),
            (
                &["config.toml", "content/_index.md"],
                Profile::Hugo,
                "",
                "config.toml",
            ),
            (&["_config.yml"], Profile::Jekyll, "", "_config.yml"),
            (
                &["docusaurus.config.ts", "_config.yml"],
                Profile::Docusaurus,
                "",
                "docusaurus.config.ts",
            ),
            (&["mkdocs.yml"], Profile::Mkdocs, "", "mkdocs.yml"),
            (
                &["README.md", "docs/docfx.json"],
                Profile::Docfx,
                "docs",
                "docs/docfx.json",
            ),
            (
                &["website/docusaurus.config.js"],
                Profile::Docusaurus,
                "website",
                "website/docusaurus.config.js",
            ),
        ];
        for (files, profile, root, marker) in cases {
            let dir = tree(files);
            let d = detect(dir.path()).unwrap_or_else(|| panic!("{files:?}: nothing detected"));
            assert_eq!(
                (d.profile, d.site_root.as_str(), d.marker.as_str()),
                (*profile, *root, *marker),
                "{files:?}"
            );
        }
    }

    #[test]
    fn config_toml_without_content_is_not_hugo_and_vendor_is_skipped() {
        let dir = tree(&["config.toml", "node_modules/x/mkdocs.yml"]);
        assert_eq!(detect(dir.path()), None);
    }
}
