//! What a profile sets: where entries are, which field names and date formats to read,
//! and the rule defaults that fit a generated site. Every value applies only where the
//! user's `faqlint.toml` does not set it.

use crate::config::{Loaded, Profile};

use super::genconfig::GeneratorConfig;

/// Folders that are never entries, for every profile: build output and third-party trees.
pub const THIRD_PARTY: &[&str] = &[
    "**/node_modules/**",
    "**/vendor/**",
    "**/_site/**",
    "**/.docusaurus/**",
    "public/**",
    "build/**",
    "archetypes/**",
    "themes/**",
    "**/_vendor/**",
];

/// Which keys the user's config file sets, read from its raw text.
struct Present(toml::Table);

impl Present {
    fn new(text: &str) -> Present {
        Present(toml::from_str(text).unwrap_or_default())
    }

    fn has(&self, section: &str, key: &str) -> bool {
        self.0
            .get(section)
            .and_then(toml::Value::as_table)
            .is_some_and(|t| t.contains_key(key))
    }

    fn has_rule_key(&self, rule: &str, key: &str) -> bool {
        self.0
            .get("rules")
            .and_then(toml::Value::as_table)
            .and_then(|r| r.get(rule))
            .and_then(toml::Value::as_table)
            .is_some_and(|t| t.contains_key(key))
    }
}

/// `prefix/` for a non-empty folder.
fn under(dir: &str) -> String {
    let dir = dir.trim_matches('/');
    if dir.is_empty() || dir == "." {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The site's content folder, repo-relative, with a trailing `/` (or ``).
pub fn content_root(profile: Profile, site_root: &str, generator: &GeneratorConfig) -> String {
    let dir = match profile {
        Profile::Default | Profile::Jekyll | Profile::Docfx => {
            generator.content_dir.clone().unwrap_or_default()
        }
        Profile::Hugo => generator
            .content_dir
            .clone()
            .unwrap_or_else(|| "content".into()),
        Profile::Docusaurus | Profile::Mkdocs => generator
            .content_dir
            .clone()
            .unwrap_or_else(|| "docs".into()),
    };
    join_dirs(site_root, &dir)
}

/// `dir` under `base`, as a repo-relative folder with a trailing `/` (or ``): `.` and `..`
/// segments resolved, so Docusaurus's `path: '../docs'` in `website/` is `docs/` (a glob
/// does not resolve `..`). A path that leaves the repository keeps its `..`.
fn join_dirs(base: &str, dir: &str) -> String {
    let joined = format!("{}{}", under(base), under(dir));
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(seg),
        }
    }
    under(&parts.join("/"))
}

/// Applies `profile`'s defaults to the loaded config. Returns one line per value set, for
/// `init` to write and `check -v` to show.
pub fn apply(
    loaded: &mut Loaded,
    profile: Profile,
    site_root: &str,
    generator: &GeneratorConfig,
) -> Vec<String> {
    let present = Present::new(&loaded.text);
    let mut inferred = Vec::new();
    let cfg = &mut loaded.config;
    cfg.repo.profile = Some(profile);
    if !present.has("site", "root") && !site_root.is_empty() {
        cfg.site.root = Some(site_root.to_string());
    }
    // Third-party trees are out for every profile, even with a user exclude list.
    for p in THIRD_PARTY {
        if !cfg.repo.exclude.iter().any(|e| e == p) {
            cfg.repo.exclude.push((*p).to_string());
        }
    }
    if profile == Profile::Default {
        return inferred;
    }
    let sr = under(site_root);
    let content = content_root(profile, site_root, generator);
    let md = |dir: &str, exts: &[&str]| -> Vec<String> {
        exts.iter().map(|e| format!("{dir}**/*.{e}")).collect()
    };
    let (include, exclude, nav_pages): (Vec<String>, Vec<String>, Vec<String>) = match profile {
        Profile::Default => return inferred,
        Profile::Hugo => {
            let mut inc = md(&content, &["md", "markdown"]);
            for (_, dir) in &generator.locale_dirs {
                let d = join_dirs(site_root, dir);
                if !d.starts_with(&content) {
                    inc.extend(md(&d, &["md", "markdown"]));
                }
            }
            (
                inc,
                Vec::new(),
                vec![
                    "**/_index.md".into(),
                    "**/_index.*.md".into(),
                    "**/_index.markdown".into(),
                ],
            )
        }
        Profile::Jekyll => (
            md(&sr, &["md", "markdown"]),
            ["_includes", "_layouts", "_sass", "_drafts", "_plugins"]
                .iter()
                .map(|d| format!("{sr}{d}/**"))
                .collect(),
            vec!["**/index.md".into(), "**/index.markdown".into()],
        ),
        Profile::Docusaurus => {
            let mut inc = md(&content, &["md", "mdx"]);
            for d in ["blog/", "src/pages/"] {
                inc.extend(md(&format!("{sr}{d}"), &["md", "mdx"]));
            }
            // Docusaurus builds only the locales `i18n.locales` declares; other folders
            // under `i18n/` are leftovers.
            if generator.locales.is_empty() {
                inc.extend(md(&format!("{sr}i18n/"), &["md", "mdx"]));
            } else {
                for l in &generator.locales {
                    inc.extend(md(&format!("{sr}i18n/{l}/"), &["md", "mdx"]));
                }
            }
            (
                inc,
                vec![
                    "**/_*.md".into(),
                    "**/_*.mdx".into(),
                    "**/_*/**".into(),
                    format!("{sr}i18n/*/code.json"),
                ],
                Vec::new(),
            )
        }
        // MkDocs leaves out `templates/` and dot-folders of `docs_dir` by default.
        Profile::Mkdocs => (
            md(&content, &["md", "markdown"]),
            vec![format!("{sr}site/**"), format!("{content}templates/**")],
            vec![
                "**/index.md".into(),
                "**/index.*.md".into(),
                "**/README.md".into(),
            ],
        ),
        Profile::Docfx => {
            let mut inc = Vec::new();
            let mut exc = vec![
                "**/includes/**".to_string(),
                "**/obj/**".into(),
                "**/bin/**".into(),
                "**/_themes/**".into(),
                "**/_site/**".into(),
            ];
            for g in &generator.docfx_groups {
                let base = join_dirs(site_root, &g.src);
                for f in &g.files {
                    if f.ends_with(".md") || f.ends_with(".markdown") {
                        inc.push(format!("{base}{}", docfx_glob(f)));
                    }
                }
                for f in &g.exclude {
                    exc.push(format!("{base}{}", docfx_glob(f)));
                }
            }
            if inc.is_empty() {
                inc = md(&sr, &["md"]);
            }
            (inc, exc, vec!["**/index.md".into()])
        }
    };
    if !present.has("repo", "include") {
        inferred.push(format!("include = {}", toml_list(&include)));
        cfg.repo.include = include;
    }
    if !present.has("repo", "exclude") {
        cfg.repo.exclude.extend(exclude);
    }
    if !present.has("repo", "navigation-pages") {
        cfg.repo.navigation_pages = nav_pages;
    }
    if !present.has("repo", "locales") && !generator.locales.is_empty() {
        inferred.push(format!("locales = {}", toml_list(&generator.locales)));
        cfg.repo.locales = generator.locales.clone();
    }
    if !present.has("repo", "default-locale")
        && let Some(l) = &generator.default_locale
    {
        inferred.push(format!("default-locale = \"{l}\""));
        cfg.repo.default_locale = Some(l.clone());
    }
    if !present.has("repo", "date-formats") && profile == Profile::Docfx {
        cfg.repo.date_formats = vec!["%m/%d/%Y".into()];
        inferred.push("date-formats = [\"%m/%d/%Y\"]".into());
    }
    let f = &mut cfg.fields;
    let set = |list: &mut Vec<String>, key: &str, names: &[&str]| {
        if !present.has("fields", key) {
            *list = names.iter().map(|s| (*s).to_string()).collect();
        }
    };
    match profile {
        Profile::Hugo => {
            set(
                &mut f.last_reviewed,
                "last-reviewed",
                &["last_reviewed", "lastmod", "date"],
            );
            set(
                &mut f.translation_of,
                "translation-of",
                &["translationKey", "translation_of"],
            );
        }
        Profile::Jekyll => {
            set(
                &mut f.last_reviewed,
                "last-reviewed",
                &["last_reviewed", "last_modified_at", "updated", "date"],
            );
            set(&mut f.category, "category", &["category", "categories"]);
        }
        Profile::Docusaurus => set(
            &mut f.last_reviewed,
            "last-reviewed",
            &["last_reviewed", "last_update", "date"],
        ),
        // MkDocs has no date field of its own: the plugins' (`git-revision-date`,
        // `document-dates`) and the common hand-written ones.
        Profile::Mkdocs => set(
            &mut f.last_reviewed,
            "last-reviewed",
            &[
                "last_reviewed",
                "last_updated",
                "modified",
                "updated",
                "date",
            ],
        ),
        Profile::Docfx => {
            set(
                &mut f.last_reviewed,
                "last-reviewed",
                &["ms.date", "last_reviewed", "updated"],
            );
            set(&mut f.owner, "owner", &["ms.author", "author", "owner"]);
            // `uid` names a page for `xref:` links and `toc.yml` `uid:` items.
            set(&mut f.id, "id", &["uid", "id"]);
        }
        Profile::Default => {}
    }
    // A generated site has no review field on most pages: judge them by git history
    // rather than report each one; and only the title is required.
    let mut rule_option = |rule: &str, key: &str, value: toml::Value| {
        if present.has_rule_key(rule, key) {
            return;
        }
        let rc = cfg.rules.entry(rule.to_string()).or_default();
        rc.options.insert(key.to_string(), value);
    };
    rule_option("review-overdue", "git-fallback", toml::Value::Boolean(true));
    rule_option(
        "missing-required-field",
        "fields",
        toml::Value::Array(vec![toml::Value::String("title".into())]),
    );
    if profile == Profile::Docfx && !present.has("links", "case-insensitive") {
        cfg.links.case_insensitive = Some(true);
    }
    inferred
}

/// DocFX globs: `**.md` means `**/*.md`.
fn docfx_glob(g: &str) -> String {
    let g = g.trim_start_matches("./");
    if let Some(rest) = g.strip_prefix("**.") {
        return format!("**/*.{rest}");
    }
    g.replace("/**.", "/**/*.")
}

fn toml_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_joined_with_dot_dot_resolved() {
        assert_eq!(join_dirs("website", "../docs"), "docs/");
        assert_eq!(join_dirs("website/", "./docs/"), "website/docs/");
        assert_eq!(join_dirs("", "docs"), "docs/");
        assert_eq!(join_dirs("", "."), "");
        assert_eq!(join_dirs("a/b", "../../c"), "c/");
        assert_eq!(join_dirs("", "../shared"), "../shared/");
    }

    #[test]
    fn user_settings_win_over_the_profile() {
        let text = "[repo]\ninclude = [\"kb/**/*.md\"]\n[fields]\nlast-reviewed = [\"reviewed\"]\n[rules.review-overdue]\ngit-fallback = false\n";
        let mut loaded = Loaded {
            config: crate::config::parse(text, std::path::Path::new("faqlint.toml")).unwrap(),
            path: None,
            text: text.into(),
        };
        apply(&mut loaded, Profile::Hugo, "", &GeneratorConfig::default());
        let c = &loaded.config;
        assert_eq!(c.repo.include, ["kb/**/*.md"]);
        assert_eq!(c.fields.last_reviewed, ["reviewed"]);
        assert_eq!(
            c.rules["review-overdue"].options.get("git-fallback"),
            Some(&toml::Value::Boolean(false))
        );
        assert_eq!(
            c.repo.navigation_pages,
            ["**/_index.md", "**/_index.*.md", "**/_index.markdown"]
        );
        assert!(c.repo.exclude.iter().any(|e| e == "**/node_modules/**"));
    }

    #[test]
    fn docfx_reads_its_content_groups() {
        let generator = GeneratorConfig {
            docfx_groups: vec![super::super::genconfig::DocfxGroup {
                src: "articles".into(),
                dest: "articles".into(),
                files: vec!["**.md".into(), "**/*.yml".into()],
                exclude: vec!["drafts/**".into()],
            }],
            ..GeneratorConfig::default()
        };
        let mut loaded = Loaded::defaults();
        apply(&mut loaded, Profile::Docfx, "docs", &generator);
        let c = &loaded.config;
        assert_eq!(c.repo.include, ["docs/articles/**/*.md"]);
        assert!(
            c.repo
                .exclude
                .iter()
                .any(|e| e == "docs/articles/drafts/**")
        );
        assert_eq!(c.repo.date_formats, ["%m/%d/%Y"]);
        assert_eq!(c.links.case_insensitive, Some(true));
        assert_eq!(c.site.root.as_deref(), Some("docs"));
    }
}
