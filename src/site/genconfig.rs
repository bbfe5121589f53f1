//! What a generator's own config file says, as far as faqlint needs it: content folder,
//! base path, locales, permalink patterns, menus. Readers never fail: what they cannot read
//! is a note.
//!
//! | profile    | files read (in the site root)                                              |
//! |------------|-----------------------------------------------------------------------------|
//! | hugo       | `hugo.{toml,yaml,yml,json}` or `config.*`, and `config/_default/*`          |
//! | jekyll     | `_config.yml` (`_config.yaml`, `_config.toml`)                              |
//! | docusaurus | `docusaurus.config.{js,ts,mjs,cjs,mts,cts}` (literals only, never run)      |
//! | mkdocs     | `mkdocs.yml` / `mkdocs.yaml`                                                |
//! | docfx      | `docfx.json`, `.openpublishing.redirection.json`, `.openpublishing.publish.config.json` |

use std::path::Path;

use crate::config::Profile;

use super::nav::tree::{self, Format, Kind, Value};
use super::nav::{self, NavFile, js};

/// One DocFX `build.content` group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocfxGroup {
    /// `src`, relative to the folder of `docfx.json`.
    pub src: String,
    /// `dest`: the URL folder the group's files are published under.
    pub dest: String,
    pub files: Vec<String>,
    pub exclude: Vec<String>,
}

/// One instance of the Docusaurus docs plugin (the `docs` of the classic preset, or a
/// `@docusaurus/plugin-content-docs` plugin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsInstance {
    /// `id` (`default` when not set).
    pub id: String,
    /// `path`: the content folder, relative to the site root (default `docs`).
    pub path: String,
    /// `routeBasePath` without leading or trailing slashes (default `docs`); `` when the
    /// docs are served at the site root (`routeBasePath: '/'`).
    pub route_base_path: String,
    /// `sidebarPath`, relative to the site root (`./sidebars.js` → `sidebars.js`), when
    /// written as a string or `require.resolve('…')`.
    pub sidebar_path: Option<String>,
}

/// Jekyll `defaults` that set a permalink for a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopedPermalink {
    /// `scope.path` (`` for every file).
    pub path: String,
    /// `scope.type` (`pages`, `posts`, a collection), when set.
    pub kind: Option<String>,
    pub pattern: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Repo-relative path of the config file read, if any.
    pub file: Option<String>,
    /// Content folder relative to the site root: Hugo `contentDir` (default `content`),
    /// MkDocs `docs_dir` (default `docs`), Docusaurus docs `path` (default `docs`), Jekyll
    /// `collections_dir` (default ``).
    pub content_dir: Option<String>,
    /// URL path prefix of the whole site: Jekyll `baseurl`, Hugo `baseURL`'s path,
    /// Docusaurus `baseUrl`, MkDocs `site_url`'s path. With a leading slash and without a
    /// trailing one (`/help`); `` for the root.
    pub base_path: Option<String>,
    pub default_locale: Option<String>,
    /// Every locale the site declares (Hugo `languages`, Docusaurus `i18n.locales`, MkDocs
    /// i18n plugin languages, jekyll-polyglot `languages`).
    pub locales: Vec<String>,
    /// Hugo per-language `contentDir` (locale, folder relative to the site root).
    pub locale_dirs: Vec<(String, String)>,
    /// Hugo `defaultContentLanguageInSubdir`.
    pub default_locale_in_subdir: bool,
    /// Permalink patterns by section or collection: Hugo `[permalinks]` (page patterns),
    /// Jekyll collection `permalink` (or the default Jekyll gives an output collection); the
    /// key `` holds Jekyll's site-wide `permalink` (default `date`), named styles expanded.
    pub permalinks: Vec<(String, String)>,
    /// Jekyll collections rendered to pages (`output: true`); `posts` always is.
    pub collections: Vec<String>,
    /// Docusaurus docs `routeBasePath` of the default docs instance, without slashes
    /// (default `docs`; `` when docs are at the site root).
    pub route_base_path: Option<String>,
    /// MkDocs `use_directory_urls` (default true).
    pub use_directory_urls: bool,
    /// Hugo `uglyURLs`.
    pub ugly_urls: bool,
    /// Navigation declared in the config itself: MkDocs `nav:`, Hugo `menus`/`menu` (of the
    /// main config file, or else of the first config-directory file that has menus).
    pub nav: Option<super::nav::NavFile>,
    /// DocFX `build.content` groups.
    pub docfx_groups: Vec<DocfxGroup>,
    /// Redirection files to read (DocFX `.openpublishing.redirection.json` and the
    /// `redirection_files` of `.openpublishing.publish.config.json`), repo-relative.
    pub redirect_files: Vec<String>,
    /// What could not be read or understood, for the user.
    pub notes: Vec<String>,
    /// More navigation from config files: Hugo menus in `config/_default/*` files besides
    /// the one in `nav`, MkDocs i18n per-language `nav`.
    pub extra_navs: Vec<NavFile>,
    /// Docusaurus docs plugin instances (the first is the default one when there is one).
    pub docs_instances: Vec<DocsInstance>,
    /// Docusaurus `trailingSlash`.
    pub trailing_slash: Option<bool>,
    /// mkdocs-static-i18n `docs_structure`: `suffix` (`page.fr.md`, the default) or
    /// `folder` (`fr/page.md`); `None` without the plugin.
    pub i18n_docs_structure: Option<String>,
    /// Jekyll `defaults` entries that set `permalink`.
    pub permalink_defaults: Vec<ScopedPermalink>,
    /// Jekyll `_config.yml` keys whose value is an absolute URL (`repository:
    /// https://github.com/jekyll/jekyll`): a link written `{{ site.repository }}/issues` is
    /// an address on that host.
    pub site_urls: Vec<(String, String)>,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            file: None,
            content_dir: None,
            base_path: None,
            default_locale: None,
            locales: Vec::new(),
            locale_dirs: Vec::new(),
            default_locale_in_subdir: false,
            permalinks: Vec::new(),
            collections: Vec::new(),
            route_base_path: None,
            use_directory_urls: true,
            ugly_urls: false,
            nav: None,
            docfx_groups: Vec::new(),
            redirect_files: Vec::new(),
            notes: Vec::new(),
            extra_navs: Vec::new(),
            docs_instances: Vec::new(),
            trailing_slash: None,
            i18n_docs_structure: None,
            permalink_defaults: Vec::new(),
            site_urls: Vec::new(),
        }
    }
}

impl GeneratorConfig {
    /// Every navigation file read from config: `nav`, then `extra_navs`.
    pub fn navs(&self) -> impl Iterator<Item = &NavFile> {
        self.nav.iter().chain(self.extra_navs.iter())
    }
}

/// Reads the generator config of `profile` from the site root `site_root` (repo-relative,
/// `` for the repo root) of the repo at `root`. Never fails: missing or unreadable files
/// and values that cannot be understood are `notes`.
pub fn read(profile: Profile, root: &Path, site_root: &str) -> GeneratorConfig {
    let mut r = Reader {
        root,
        site_root: normalize_dir(site_root),
        cfg: GeneratorConfig::default(),
    };
    match profile {
        Profile::Default => {}
        Profile::Hugo => r.hugo(),
        Profile::Jekyll => r.jekyll(),
        Profile::Docusaurus => r.docusaurus(),
        Profile::Mkdocs => r.mkdocs(),
        Profile::Docfx => r.docfx(),
    }
    r.cfg
}

struct Reader<'a> {
    root: &'a Path,
    site_root: String,
    cfg: GeneratorConfig,
}

/// A config file read and parsed.
struct Loaded {
    path: String,
    text: String,
    value: Value,
}

impl Reader<'_> {
    /// Repo-relative path of `name` in the site root.
    fn site_path(&self, name: &str) -> String {
        join(&self.site_root, name)
    }

    fn note(&mut self, message: String) {
        if !self.cfg.notes.contains(&message) {
            self.cfg.notes.push(message);
        }
    }

    /// The text of a repo-relative file: `None` when it does not exist; a note when it
    /// cannot be read.
    fn read_text(&mut self, rel: &str) -> Option<String> {
        let full = self.root.join(rel);
        if !full.is_file() {
            return None;
        }
        match std::fs::read(&full) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(mut text) => {
                    if text.starts_with('\u{feff}') {
                        text.drain(..3);
                    }
                    Some(text)
                }
                Err(_) => {
                    self.note(format!("{rel}: not valid UTF-8, not read"));
                    None
                }
            },
            Err(e) => {
                self.note(format!("{rel}: cannot be read: {e}"));
                None
            }
        }
    }

    /// The first of `names` (in the site root) that exists.
    fn first_existing(&self, names: &[&str]) -> Option<String> {
        names
            .iter()
            .map(|n| self.site_path(n))
            .find(|p| self.root.join(p).is_file())
    }

    /// Reads and parses a data file; syntax errors become a note naming file and line.
    fn load(&mut self, rel: &str) -> Option<Loaded> {
        let text = self.read_text(rel)?;
        let Some(format) = Format::of_path(rel).filter(|f| *f != Format::Js) else {
            self.note(format!("{rel}: unknown format, not read"));
            return None;
        };
        match tree::parse(format, &text) {
            Ok(value) => {
                let value = value.unwrap_or_else(|| Value::new(0..0, Kind::Null));
                Some(Loaded {
                    path: rel.to_string(),
                    text,
                    value,
                })
            }
            Err(e) => {
                // An error at the very end (an unclosed bracket) belongs to the last line.
                let at = if e.span.start >= text.len() {
                    text.trim_end().len()
                } else {
                    e.span.start
                };
                let line = tree::line_of(&text, at);
                let kind = match format {
                    Format::Toml => "TOML",
                    Format::Json => "JSON",
                    _ => "YAML",
                };
                self.note(format!(
                    "{rel}:{line}: invalid {kind} ({}); file not read",
                    e.message
                ));
                None
            }
        }
    }

    /// Notes a value that is present but not of the expected kind.
    fn wrong(&mut self, l: &Loaded, key: &str, v: &Value, expected: &str) {
        let line = tree::line_of(&l.text, v.span.start);
        let path = &l.path;
        let message = if v.is_code() {
            format!(
                "{path}:{line}: `{key}` is computed by code, which faqlint does not run; ignored"
            )
        } else {
            format!(
                "{path}:{line}: `{key}` should be {expected}, found a {}; ignored",
                v.kind_name()
            )
        };
        self.note(message);
    }

    fn string(&mut self, l: &Loaded, key: &str, v: Option<&Value>) -> Option<String> {
        let v = v?;
        match &v.kind {
            Kind::Str(s) => Some(s.trim().to_string()),
            Kind::Null => None,
            _ => {
                self.wrong(l, key, v, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, l: &Loaded, key: &str, v: Option<&Value>) -> Option<bool> {
        let v = v?;
        match &v.kind {
            Kind::Bool(b) => Some(*b),
            Kind::Str(s) if s == "true" || s == "false" => Some(s == "true"),
            Kind::Null => None,
            _ => {
                self.wrong(l, key, v, "true or false");
                None
            }
        }
    }

    fn strings(&mut self, l: &Loaded, key: &str, v: Option<&Value>) -> Vec<String> {
        let Some(v) = v else { return Vec::new() };
        match &v.kind {
            Kind::Str(s) => vec![s.trim().to_string()],
            Kind::Seq(items) => {
                let mut out = Vec::new();
                for i in items {
                    match i.as_text() {
                        Some(s) => out.push(s.trim().to_string()),
                        None => self.wrong(l, key, i, "a list of strings"),
                    }
                }
                out
            }
            Kind::Null => Vec::new(),
            _ => {
                self.wrong(l, key, v, "a list of strings");
                Vec::new()
            }
        }
    }
}

// --- Hugo -------------------------------------------------------------------------------

/// One Hugo config file, placed in the merged config under `prefix` (`[]` for a whole
/// config, `["menus"]` for `menus.toml`, `["languages", "fr", "menus"]` for
/// `menus.fr.toml`).
struct Layer {
    loaded: Loaded,
    prefix: Vec<String>,
}

impl Layer {
    /// The value at `path` in the merged config, if this file holds it.
    fn get(&self, path: &[&str]) -> Option<&Value> {
        if self.prefix.len() > path.len() {
            return None;
        }
        let (head, rest) = path.split_at(self.prefix.len());
        if !head
            .iter()
            .zip(&self.prefix)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            return None;
        }
        rest.iter().try_fold(&self.loaded.value, |v, k| v.get_ci(k))
    }
}

const HUGO_ROOT_FILES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

impl Reader<'_> {
    fn hugo(&mut self) {
        let mut layers = Vec::new();
        if let Some(path) = self.first_existing(&HUGO_ROOT_FILES) {
            self.cfg.file = Some(path.clone());
            if let Some(loaded) = self.load(&path) {
                layers.push(Layer {
                    loaded,
                    prefix: Vec::new(),
                });
            }
        }
        layers.extend(self.hugo_config_dir());
        if self.cfg.file.is_none() {
            match layers.first() {
                Some(l) => self.cfg.file = Some(l.loaded.path.clone()),
                None => self.note(format!(
                    "no Hugo config found in `{}` (hugo.toml, hugo.yaml, hugo.json, config.*, \
                     config/_default/); Hugo defaults assumed",
                    self.display_root()
                )),
            }
        }
        let first = |path: &[&str]| layers.iter().find_map(|l| l.get(path).map(|v| (l, v)));

        if let Some((l, v)) = first(&["baseURL"])
            && let Some(url) = self.string(&l.loaded, "baseURL", Some(v))
        {
            self.cfg.base_path = Some(base_path_of(&url));
        }
        self.cfg.content_dir = first(&["contentDir"])
            .and_then(|(l, v)| self.string(&l.loaded, "contentDir", Some(v)))
            .map(|d| normalize_dir(&d))
            .or_else(|| Some("content".to_string()));
        let explicit_default = first(&["defaultContentLanguage"])
            .and_then(|(l, v)| self.string(&l.loaded, "defaultContentLanguage", Some(v)));
        if let Some((l, v)) = first(&["defaultContentLanguageInSubdir"]) {
            self.cfg.default_locale_in_subdir = self
                .boolean(&l.loaded, "defaultContentLanguageInSubdir", Some(v))
                .unwrap_or(false);
        }
        if let Some((l, v)) = first(&["uglyURLs"]) {
            match &v.kind {
                Kind::Map(_) => self.note(format!(
                    "{}: `uglyURLs` per section is not supported; read as false",
                    l.loaded.path
                )),
                _ => {
                    self.cfg.ugly_urls = self
                        .boolean(&l.loaded, "uglyURLs", Some(v))
                        .unwrap_or(false)
                }
            }
        }

        self.hugo_languages(&layers);
        self.cfg.default_locale =
            explicit_default.or_else(|| (!self.cfg.locales.is_empty()).then(|| "en".to_string()));
        self.hugo_permalinks(&layers);
        self.hugo_mounts(&layers);

        for l in &layers {
            let what =
                if l.prefix.is_empty() {
                    nav::hugo::Root::Config
                } else if l.prefix.last().is_some_and(|p| {
                    p.eq_ignore_ascii_case("menus") || p.eq_ignore_ascii_case("menu")
                }) {
                    nav::hugo::Root::Menus
                } else if l.prefix.len() == 1 && l.prefix[0].eq_ignore_ascii_case("languages") {
                    nav::hugo::Root::Languages
                } else {
                    continue;
                };
            let menus = nav::hugo::menus_from_tree(&l.loaded.path, &l.loaded.value, what);
            if menus.refs.is_empty() && menus.problems.is_empty() {
                continue;
            }
            if self.cfg.nav.is_none() {
                self.cfg.nav = Some(menus);
            } else {
                self.cfg.extra_navs.push(menus);
            }
        }
    }

    /// `config/_default/*.{toml,yaml,yml,json}` (in name order, after the root config
    /// file, which wins where both set a value), by name: `hugo`/`config` hold a whole
    /// config, `menus.fr.toml` the French menus, any other name the root key it is named
    /// after.
    fn hugo_config_dir(&mut self) -> Vec<Layer> {
        let dir = self.site_path("config/_default");
        let Ok(read) = std::fs::read_dir(self.root.join(&dir)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = read
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                matches!(
                    Format::of_path(n),
                    Some(Format::Toml | Format::Yaml | Format::Json)
                )
            })
            .collect();
        names.sort();
        let mut layers = Vec::new();
        for name in names {
            let parts: Vec<&str> = name.split('.').collect();
            let prefix = match parts.as_slice() {
                [key, _ext]
                    if key.eq_ignore_ascii_case("hugo") || key.eq_ignore_ascii_case("config") =>
                {
                    Vec::new()
                }
                [key, _ext] => vec![key.to_string()],
                [key, lang, _ext] => vec!["languages".into(), lang.to_string(), key.to_string()],
                _ => continue,
            };
            if let Some(loaded) = self.load(&join(&dir, &name)) {
                layers.push(Layer { loaded, prefix });
            }
        }
        layers
    }

    fn hugo_languages(&mut self, layers: &[Layer]) {
        let mut langs: Vec<(String, i64)> = Vec::new();
        let disabled: Vec<String> = layers
            .iter()
            .find_map(|l| l.get(&["disableLanguages"]))
            .and_then(Value::as_seq)
            .map(|s| s.iter().filter_map(Value::as_text).collect())
            .unwrap_or_default();
        for l in layers {
            let Some(table) = l.get(&["languages"]) else {
                continue;
            };
            let Some(entries) = table.as_map() else {
                self.wrong(&l.loaded, "languages", table, "a table of languages");
                continue;
            };
            for e in entries {
                if langs.iter().any(|(k, _)| k == &e.key) || disabled.contains(&e.key) {
                    continue;
                }
                if e.value.get_ci("disabled").and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                let weight = e
                    .value
                    .get_ci("weight")
                    .and_then(Value::as_text)
                    .and_then(|w| w.parse::<i64>().ok())
                    .unwrap_or(0);
                langs.push((e.key.clone(), weight));
                if let Some(dir) = e.value.get_ci("contentDir")
                    && let Some(dir) = self.string(&l.loaded, "contentDir", Some(dir))
                {
                    self.cfg
                        .locale_dirs
                        .push((e.key.clone(), normalize_dir(&dir)));
                }
                if e.value.get_ci("baseURL").is_some() {
                    self.note(format!(
                        "{}: language `{}` has its own `baseURL` (multihost); the site-wide \
                         base path is used",
                        l.loaded.path, e.key
                    ));
                }
            }
        }
        // Hugo's order: by weight, unweighted (0) last, then by key.
        langs.sort_by(|(a, wa), (b, wb)| {
            let rank = |w: i64| if w == 0 { i64::MAX } else { w };
            rank(*wa).cmp(&rank(*wb)).then_with(|| a.cmp(b))
        });
        self.cfg.locales = langs.into_iter().map(|(k, _)| k).collect();
    }

    fn hugo_permalinks(&mut self, layers: &[Layer]) {
        const KINDS: [&str; 4] = ["page", "section", "term", "taxonomy"];
        for l in layers {
            let Some(table) = l.get(&["permalinks"]) else {
                continue;
            };
            let Some(entries) = table.as_map() else {
                self.wrong(&l.loaded, "permalinks", table, "a table");
                continue;
            };
            for e in entries {
                let key = e.key.to_ascii_lowercase();
                if KINDS.contains(&key.as_str()) && e.value.as_map().is_some() {
                    if key != "page" {
                        continue;
                    }
                    for p in e.value.as_map().unwrap_or_default() {
                        if let Some(pattern) =
                            self.string(&l.loaded, "permalinks.page", Some(&p.value))
                        {
                            self.push_permalink(&p.key, pattern);
                        }
                    }
                } else if let Some(pattern) = self.string(&l.loaded, "permalinks", Some(&e.value)) {
                    self.push_permalink(&e.key, pattern);
                }
            }
        }
    }

    fn push_permalink(&mut self, key: &str, pattern: String) {
        if !self.cfg.permalinks.iter().any(|(k, _)| k == key) {
            self.cfg.permalinks.push((key.to_string(), pattern));
        }
    }

    /// `[[module.mounts]]` with `target = 'content'`: they replace `contentDir`.
    fn hugo_mounts(&mut self, layers: &[Layer]) {
        let Some((l, mounts)) = layers
            .iter()
            .find_map(|l| l.get(&["module", "mounts"]).map(|v| (l, v)))
        else {
            return;
        };
        let Some(mounts) = mounts.as_seq() else {
            self.wrong(&l.loaded, "module.mounts", mounts, "a list");
            return;
        };
        let mut content = Vec::new();
        for m in mounts {
            let target = m
                .get_ci("target")
                .and_then(Value::as_str)
                .map(normalize_dir);
            let Some(source) = m.get_ci("source").and_then(Value::as_str) else {
                continue;
            };
            if target.as_deref() != Some("content") {
                continue;
            }
            let lang = m.get_ci("lang").and_then(Value::as_str);
            match lang {
                Some(lang) => {
                    self.cfg.locale_dirs.retain(|(k, _)| k != lang);
                    self.cfg
                        .locale_dirs
                        .push((lang.to_string(), normalize_dir(source)));
                }
                None => content.push(normalize_dir(source)),
            }
        }
        if let Some(first) = content.first() {
            self.cfg.content_dir = Some(first.clone());
            if content.len() > 1 {
                self.note(format!(
                    "{}: several content mounts ({}); `{first}` is used as the content folder",
                    l.loaded.path,
                    content.join(", ")
                ));
            }
        }
    }

    fn display_root(&self) -> String {
        if self.site_root.is_empty() {
            ".".to_string()
        } else {
            self.site_root.clone()
        }
    }
}

// --- Jekyll -----------------------------------------------------------------------------

/// Jekyll's named permalink styles (`Jekyll::Configuration#style_to_permalink`).
pub fn jekyll_permalink_style(style: &str) -> Option<&'static str> {
    match style {
        "date" => Some("/:categories/:year/:month/:day/:title:output_ext"),
        "pretty" => Some("/:categories/:year/:month/:day/:title/"),
        "ordinal" => Some("/:categories/:year/:y_day/:title:output_ext"),
        "weekdate" => Some("/:categories/:year/W:week/:short_day/:title:output_ext"),
        "none" => Some("/:categories/:title:output_ext"),
        _ => None,
    }
}

/// The default permalink of a collection, given the site-wide style
/// (`Jekyll::Utils.add_permalink_suffix("/:collection/:path", style)`).
fn jekyll_collection_default(site_style: &str) -> String {
    let base = "/:collection/:path";
    match site_style {
        "pretty" => format!("{base}/"),
        "date" | "ordinal" | "none" | "weekdate" => format!("{base}:output_ext"),
        s if s.ends_with('/') => format!("{base}/"),
        s if s.ends_with(":output_ext") => format!("{base}:output_ext"),
        _ => base.to_string(),
    }
}

impl Reader<'_> {
    fn jekyll(&mut self) {
        self.cfg.content_dir = Some(String::new());
        let Some(path) = self.first_existing(&["_config.yml", "_config.yaml", "_config.toml"])
        else {
            self.note(format!(
                "no `_config.yml` in `{}`; Jekyll defaults assumed",
                self.display_root()
            ));
            self.jekyll_defaults("date");
            return;
        };
        self.cfg.file = Some(path.clone());
        let Some(l) = self.load(&path) else {
            self.jekyll_defaults("date");
            return;
        };
        let v = &l.value;
        if let Kind::Map(entries) = &v.kind {
            for e in entries {
                if let Some(s) = e.value.as_str()
                    && e.key != "url"
                    && s.contains("://")
                {
                    self.cfg.site_urls.push((e.key.clone(), s.to_string()));
                }
            }
        }
        if let Some(base) = self.string(&l, "baseurl", v.get("baseurl")) {
            self.cfg.base_path = Some(base_path_of(&base));
        } else {
            self.cfg.base_path = Some(String::new());
        }
        if let Some(dir) = self.string(&l, "collections_dir", v.get("collections_dir")) {
            self.cfg.content_dir = Some(normalize_dir(&dir));
        }
        let style = self
            .string(&l, "permalink", v.get("permalink"))
            .unwrap_or_else(|| "date".to_string());
        self.jekyll_defaults(&style);
        let default_collection = jekyll_collection_default(&style);
        if let Some(c) = v.get("collections") {
            match &c.kind {
                Kind::Map(entries) => {
                    for e in entries {
                        let output = e.value.get("output");
                        let output = self.boolean(&l, "output", output).unwrap_or(false);
                        if e.key == "posts" || !output {
                            continue;
                        }
                        self.cfg.collections.push(e.key.clone());
                        let pattern = self
                            .string(&l, "permalink", e.value.get("permalink"))
                            .unwrap_or_else(|| default_collection.clone());
                        self.cfg.permalinks.push((e.key.clone(), pattern));
                    }
                }
                // The list form declares collections without output.
                Kind::Seq(_) | Kind::Null => {}
                _ => self.wrong(&l, "collections", c, "a mapping or a list"),
            }
        }
        if let Some(defaults) = v.get("defaults").and_then(Value::as_seq) {
            for d in defaults {
                let Some(pattern) = d
                    .get("values")
                    .and_then(|vals| vals.get("permalink"))
                    .and_then(Value::as_str)
                else {
                    continue;
                };
                let scope = d.get("scope");
                let path = scope
                    .and_then(|s| s.get("path"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let kind = scope
                    .and_then(|s| s.get("type"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                self.cfg.permalink_defaults.push(ScopedPermalink {
                    path,
                    kind,
                    pattern: jekyll_permalink_style(pattern)
                        .map_or_else(|| pattern.to_string(), str::to_string),
                });
            }
        }
        // jekyll-polyglot.
        let langs = self.strings(&l, "languages", v.get("languages"));
        if !langs.is_empty() {
            self.cfg.locales = langs;
            self.cfg.default_locale = self.string(&l, "default_lang", v.get("default_lang"));
        }
    }

    /// The site-wide permalink (``) and the always-rendered `posts` collection.
    fn jekyll_defaults(&mut self, style: &str) {
        let pattern =
            jekyll_permalink_style(style).map_or_else(|| style.to_string(), str::to_string);
        self.cfg.permalinks.push((String::new(), pattern));
        self.cfg.collections.push("posts".to_string());
    }
}

// --- Docusaurus -------------------------------------------------------------------------

const DOCUSAURUS_FILES: [&str; 6] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "docusaurus.config.mts",
    "docusaurus.config.cts",
];

const DOCUSAURUS_KEYS: [&str; 6] = ["baseUrl", "presets", "plugins", "i18n", "url", "title"];

impl Reader<'_> {
    fn docusaurus(&mut self) {
        let Some(path) = self.first_existing(&DOCUSAURUS_FILES) else {
            self.note(format!(
                "no `docusaurus.config.js` (or .ts, .mjs, .cjs) in `{}`; Docusaurus defaults \
                 assumed",
                self.display_root()
            ));
            self.docs_defaults();
            return;
        };
        self.cfg.file = Some(path.clone());
        let Some(text) = self.read_text(&path) else {
            self.docs_defaults();
            return;
        };
        let module = js::read_module(&text);
        let is_config = |v: &&Value| DOCUSAURUS_KEYS.iter().any(|k| v.get(k).is_some());
        let config = module
            .export()
            .filter(is_config)
            .or_else(|| module.returned.iter().find(is_config))
            .or_else(|| module.named.iter().map(|(_, v)| v).find(is_config))
            .cloned();
        let Some(config) = config else {
            self.note(format!(
                "{path}: the config object could not be read without running the file; \
                 Docusaurus defaults assumed"
            ));
            self.docs_defaults();
            return;
        };
        let l = Loaded {
            path,
            text,
            value: config,
        };
        let c = &l.value;
        match c.get("baseUrl") {
            Some(v) => {
                if let Some(base) = self.string(&l, "baseUrl", Some(v)) {
                    self.cfg.base_path = Some(base_path_of(&base));
                }
            }
            None => self.note(format!("{}: no `baseUrl`; `/` assumed", l.path)),
        }
        self.cfg.trailing_slash = self.boolean(&l, "trailingSlash", c.get("trailingSlash"));
        if let Some(i18n) = c.get("i18n") {
            if i18n.as_map().is_some() {
                self.cfg.default_locale =
                    self.string(&l, "defaultLocale", i18n.get("defaultLocale"));
                self.cfg.locales = self.strings(&l, "locales", i18n.get("locales"));
            } else {
                self.wrong(&l, "i18n", i18n, "an object");
            }
        }
        self.docusaurus_presets(&l);
        self.docusaurus_plugins(&l);
        if let Some(i) = self
            .cfg
            .docs_instances
            .iter()
            .position(|d| d.id == "default")
        {
            let d = self.cfg.docs_instances.remove(i);
            self.cfg.docs_instances.insert(0, d);
        }
        match self.cfg.docs_instances.first() {
            Some(d) => {
                self.cfg.content_dir = Some(d.path.clone());
                self.cfg.route_base_path = Some(d.route_base_path.clone());
            }
            None => {
                self.note(format!(
                    "{}: no docs plugin found (classic preset `docs` or \
                     `@docusaurus/plugin-content-docs`)",
                    l.path
                ));
            }
        }
    }

    fn docs_defaults(&mut self) {
        self.cfg.content_dir = Some("docs".into());
        self.cfg.route_base_path = Some("docs".into());
    }

    fn docusaurus_presets(&mut self, l: &Loaded) {
        let Some(presets) = l.value.get("presets") else {
            return;
        };
        let Some(list) = presets.as_seq() else {
            self.wrong(l, "presets", presets, "a list");
            return;
        };
        for p in list {
            let (name, options) = plugin_parts(p);
            let Some(name) = name else {
                if p.is_code() {
                    self.note(format!(
                        "{}:{}: a preset is computed by code; not read",
                        l.path,
                        tree::line_of(&l.text, p.span.start)
                    ));
                }
                continue;
            };
            if !(name.contains("classic") || options.and_then(|o| o.get("docs")).is_some()) {
                continue;
            }
            match options.and_then(|o| o.get("docs")) {
                None => self.cfg.docs_instances.push(default_docs_instance()),
                Some(docs) => match &docs.kind {
                    Kind::Bool(false) => {}
                    Kind::Map(_) => {
                        let d = self.docs_instance(l, docs);
                        self.cfg.docs_instances.push(d);
                    }
                    _ => self.wrong(l, "docs", docs, "an object or false"),
                },
            }
        }
    }

    fn docusaurus_plugins(&mut self, l: &Loaded) {
        let Some(plugins) = l.value.get("plugins") else {
            return;
        };
        let Some(list) = plugins.as_seq() else {
            self.wrong(l, "plugins", plugins, "a list");
            return;
        };
        let mut code = 0;
        for p in list {
            let (name, options) = plugin_parts(p);
            match name {
                Some(n) if n.contains("content-docs") => {
                    let d = match options {
                        Some(o) if o.as_map().is_some() => self.docs_instance(l, o),
                        _ => default_docs_instance(),
                    };
                    self.cfg.docs_instances.push(d);
                }
                Some(_) => {}
                None => code += 1,
            }
        }
        if code > 0 {
            self.note(format!(
                "{}: {code} plugin{} computed by code; a docs plugin among them is not read",
                l.path,
                if code == 1 { " is" } else { "s are" }
            ));
        }
    }

    fn docs_instance(&mut self, l: &Loaded, o: &Value) -> DocsInstance {
        let mut d = default_docs_instance();
        if let Some(id) = self.string(l, "id", o.get("id")) {
            d.id = id;
        }
        if let Some(path) = self.string(l, "path", o.get("path")) {
            d.path = normalize_dir(&path);
        }
        if let Some(route) = self.string(l, "routeBasePath", o.get("routeBasePath")) {
            d.route_base_path = route.trim_matches('/').to_string();
        }
        d.sidebar_path = match o.get("sidebarPath") {
            Some(v) => match &v.kind {
                Kind::Str(s) => Some(normalize_dir(s)),
                Kind::Code => {
                    js::first_string(&l.text, v.span.clone()).map(|(s, _)| normalize_dir(&s))
                }
                _ => None,
            },
            None => None,
        };
        d
    }
}

fn default_docs_instance() -> DocsInstance {
    DocsInstance {
        id: "default".into(),
        path: "docs".into(),
        route_base_path: "docs".into(),
        sidebar_path: None,
    }
}

/// A preset or plugin entry: `'name'`, `['name', {options}]`.
fn plugin_parts(p: &Value) -> (Option<&str>, Option<&Value>) {
    match &p.kind {
        Kind::Str(s) => (Some(s), None),
        Kind::Seq(items) => (
            items.first().and_then(Value::as_str),
            items.get(1).filter(|o| o.as_map().is_some()),
        ),
        _ => (None, None),
    }
}

// --- MkDocs -----------------------------------------------------------------------------

impl Reader<'_> {
    fn mkdocs(&mut self) {
        self.cfg.content_dir = Some("docs".into());
        let Some(path) = self.first_existing(&["mkdocs.yml", "mkdocs.yaml"]) else {
            self.note(format!(
                "no `mkdocs.yml` in `{}`; MkDocs defaults assumed",
                self.display_root()
            ));
            return;
        };
        self.cfg.file = Some(path.clone());
        let Some(l) = self.load(&path) else { return };
        let v = &l.value;
        if v.get("INHERIT").is_some() {
            self.note(format!(
                "{}: `INHERIT` is not followed; only this file is read",
                l.path
            ));
        }
        if let Some(dir) = self.env_string(&l, "docs_dir", v.get("docs_dir")) {
            self.cfg.content_dir = Some(normalize_dir(&dir));
        }
        if let Some(b) = self.boolean(&l, "use_directory_urls", v.get("use_directory_urls")) {
            self.cfg.use_directory_urls = b;
        }
        if let Some(url) = self.env_string(&l, "site_url", v.get("site_url")) {
            self.cfg.base_path = Some(base_path_of(&url));
        }
        let nav = nav::mkdocs::nav_from_tree(&l.path, v);
        if v.get("nav").is_some() || v.get("pages").is_some() {
            self.cfg.nav = Some(nav);
        }
        self.mkdocs_i18n(&l);
        if self.cfg.i18n_docs_structure.is_none()
            && let Some(lang) = v
                .get("theme")
                .and_then(|t| t.get("language"))
                .and_then(Value::as_str)
        {
            self.cfg.default_locale = Some(lang.to_string());
        }
    }

    /// A string that may be written `!ENV VAR` or `!ENV [VAR, …, default]`: the default,
    /// with a note.
    fn env_string(&mut self, l: &Loaded, key: &str, v: Option<&Value>) -> Option<String> {
        let v = v?;
        if v.tag.as_deref() != Some("!ENV") {
            return self.string(l, key, Some(v));
        }
        let line = tree::line_of(&l.text, v.span.start);
        match v.as_seq() {
            Some(items) if items.len() > 1 => {
                let default = items.last().and_then(Value::as_text);
                self.note(format!(
                    "{}:{line}: `{key}` comes from an environment variable; its default `{}` \
                     is used",
                    l.path,
                    default.as_deref().unwrap_or("")
                ));
                default
            }
            _ => {
                self.note(format!(
                    "{}:{line}: `{key}` comes from an environment variable without a \
                     default; ignored",
                    l.path
                ));
                None
            }
        }
    }

    /// mkdocs-static-i18n: `plugins: [{i18n: {docs_structure, languages}}]`.
    fn mkdocs_i18n(&mut self, l: &Loaded) {
        let Some(plugins) = l.value.get("plugins") else {
            return;
        };
        let options = match &plugins.kind {
            Kind::Seq(items) => items.iter().find_map(|p| p.get("i18n")),
            Kind::Map(_) => plugins.get("i18n"),
            _ => None,
        };
        let has_plugin = options.is_some()
            || plugins
                .as_seq()
                .is_some_and(|s| s.iter().any(|p| p.as_str() == Some("i18n")));
        if !has_plugin {
            return;
        }
        let structure = options
            .and_then(|o| self.string(l, "docs_structure", o.get("docs_structure")))
            .unwrap_or_else(|| "suffix".to_string());
        self.cfg.i18n_docs_structure = Some(structure);
        let Some(o) = options else { return };
        let mut default = self.string(l, "default_language", o.get("default_language"));
        match o.get("languages").map(|v| (&v.kind, v)) {
            // v1: a list of `{locale, default, name, build, nav}`.
            Some((Kind::Seq(langs), _)) => {
                for lang in langs {
                    let Some(locale) = lang.get("locale").and_then(Value::as_text) else {
                        self.wrong(l, "languages", lang, "a list of `{locale: …}`");
                        continue;
                    };
                    if lang.get("default").and_then(Value::as_bool) == Some(true) {
                        default = Some(locale.clone());
                    }
                    if lang.get("nav").is_some() {
                        self.cfg
                            .extra_navs
                            .push(nav::mkdocs::nav_from_tree(&l.path, lang));
                    }
                    self.cfg.locales.push(locale);
                }
            }
            // 0.x: `{en: {name: English}, fr: Français}`.
            Some((Kind::Map(langs), _)) => {
                for e in langs {
                    if e.key != "default" {
                        self.cfg.locales.push(e.key.clone());
                    }
                }
            }
            Some((_, v)) => self.wrong(l, "languages", v, "a list"),
            None => {}
        }
        if let Some(d) = &default
            && !self.cfg.locales.contains(d)
        {
            self.cfg.locales.insert(0, d.clone());
        }
        self.cfg.default_locale = default.or_else(|| self.cfg.locales.first().cloned());
    }
}

// --- DocFX ------------------------------------------------------------------------------

impl Reader<'_> {
    fn docfx(&mut self) {
        let path = self.site_path("docfx.json");
        if self.root.join(&path).is_file() {
            self.cfg.file = Some(path.clone());
            if let Some(l) = self.load(&path) {
                self.docfx_content(&l);
            }
        } else {
            self.note(format!("no `docfx.json` in `{}`", self.display_root()));
        }
        self.docfx_redirections();
    }

    fn docfx_content(&mut self, l: &Loaded) {
        let Some(content) = l.value.get("build").and_then(|b| b.get("content")) else {
            self.note(format!("{}: no `build.content`", l.path));
            return;
        };
        let Some(groups) = content.as_seq() else {
            self.wrong(l, "build.content", content, "a list");
            return;
        };
        for g in groups {
            if g.as_map().is_none() {
                self.wrong(l, "build.content", g, "a list of objects");
                continue;
            }
            let group = DocfxGroup {
                src: self
                    .string(l, "src", g.get("src"))
                    .map(|s| normalize_dir(&s))
                    .unwrap_or_default(),
                dest: self
                    .string(l, "dest", g.get("dest"))
                    .map(|s| normalize_dir(&s))
                    .unwrap_or_default(),
                files: self.strings(l, "files", g.get("files")),
                exclude: self.strings(l, "exclude", g.get("exclude")),
            };
            self.cfg.docfx_groups.push(group);
        }
    }

    /// `.openpublishing.redirection.json` (repo root and site root) and the
    /// `redirection_files` of `.openpublishing.publish.config.json` (top level and per
    /// docset), all repo-relative.
    fn docfx_redirections(&mut self) {
        let mut dirs = vec![String::new()];
        if !self.site_root.is_empty() {
            dirs.push(self.site_root.clone());
        }
        let mut files = Vec::new();
        for dir in &dirs {
            let p = join(dir, ".openpublishing.redirection.json");
            if self.root.join(&p).is_file() {
                files.push(p);
            }
        }
        for dir in &dirs {
            let p = join(dir, ".openpublishing.publish.config.json");
            if !self.root.join(&p).is_file() {
                continue;
            }
            let Some(l) = self.load(&p) else { continue };
            let mut listed =
                self.strings(&l, "redirection_files", l.value.get("redirection_files"));
            if let Some(sets) = l.value.get("docsets_to_publish").and_then(Value::as_seq) {
                for s in sets {
                    listed.extend(self.strings(
                        &l,
                        "redirection_files",
                        s.get("redirection_files"),
                    ));
                }
            }
            for f in listed {
                let rel = normalize_dir(&f.replace('\\', "/"));
                if !self.root.join(&rel).is_file() {
                    self.note(format!(
                        "{}: redirection file `{rel}` does not exist",
                        l.path
                    ));
                }
                files.push(rel);
            }
        }
        for f in files {
            if !self.cfg.redirect_files.contains(&f) {
                self.cfg.redirect_files.push(f);
            }
        }
    }
}

// --- Paths and URLs ---------------------------------------------------------------------

/// `./docs/` → `docs`, `.` → ``.
fn normalize_dir(dir: &str) -> String {
    let mut d = dir.trim().replace('\\', "/");
    while let Some(rest) = d.strip_prefix("./") {
        d = rest.to_string();
    }
    let d = d.trim_matches('/');
    if d == "." {
        String::new()
    } else {
        d.to_string()
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The path part of a base URL, with a leading slash and no trailing one; `` for the root:
/// `https://example.org/help/` → `/help`, `/` → ``.
fn base_path_of(url: &str) -> String {
    let url = url.trim();
    let path = if let Some(i) = url.find("://") {
        let after = &url[i + 3..];
        after.find('/').map_or("", |j| &after[j..])
    } else if let Some(after) = url.strip_prefix("//") {
        after.find('/').map_or("", |j| &after[j..])
    } else {
        url
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_matches('/');
    if path.is_empty() {
        String::new()
    } else {
        format!("/{path}")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::site::nav::NavTarget;

    fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::File::create(full)
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        dir
    }

    fn values(nav: &NavFile, text: &str) -> Vec<String> {
        nav.refs
            .iter()
            .map(|r| text[r.span.clone()].to_string())
            .collect()
    }

    const HUGO_TOML: &str = "\
baseURL = 'https://help.example.com/support/'
title = 'Centre d’aide'
defaultContentLanguage = 'fr'
defaultContentLanguageInSubdir = true
uglyURLs = false

[languages]
  [languages.en]
    contentDir = 'content/en'
    languageName = 'English'
    weight = 2
  [languages.fr]
    contentDir = 'content/fr'
    languageName = 'Français'
    weight = 1
  [languages.de]
    disabled = true

[permalinks]
  faq = '/:section/:slug/'
  [permalinks.page]
    posts = '/:year/:month/:slug/'
  [permalinks.section]
    posts = '/articles/'

[[menus.main]]
  name = 'Facturation'
  pageRef = '/facturation'
  weight = 10
";

    const MENUS_EN: &str = "[[main]]\nname = 'Billing'\npageRef = '/billing'\n[[footer]]\nname = 'Status'\nurl = 'https://status.example.com/'\n";

    #[test]
    fn hugo_root_config_and_config_dir() {
        let dir = repo(&[
            ("hugo.toml", HUGO_TOML),
            ("config/_default/menus.en.toml", MENUS_EN),
            ("config/_default/params.toml", "description = 'x'\n"),
        ]);
        let c = read(Profile::Hugo, dir.path(), "");
        assert_eq!(c.file.as_deref(), Some("hugo.toml"));
        assert_eq!(c.base_path.as_deref(), Some("/support"));
        assert_eq!(c.content_dir.as_deref(), Some("content"));
        assert_eq!(c.default_locale.as_deref(), Some("fr"));
        assert!(c.default_locale_in_subdir);
        assert_eq!(c.locales, ["fr", "en"]);
        assert_eq!(
            c.locale_dirs,
            [
                ("en".to_string(), "content/en".to_string()),
                ("fr".to_string(), "content/fr".to_string())
            ]
        );
        assert_eq!(
            c.permalinks,
            [
                ("faq".to_string(), "/:section/:slug/".to_string()),
                ("posts".to_string(), "/:year/:month/:slug/".to_string())
            ]
        );
        assert!(!c.ugly_urls);
        let nav = c.nav.as_ref().unwrap();
        assert_eq!(nav.path, "hugo.toml");
        assert_eq!(
            nav.refs[0].target,
            NavTarget::PageRef("/facturation".into())
        );
        assert_eq!(values(nav, HUGO_TOML), ["/facturation"]);
        assert_eq!(c.extra_navs.len(), 1);
        let en = &c.extra_navs[0];
        assert_eq!(en.path, "config/_default/menus.en.toml");
        assert_eq!(
            values(en, MENUS_EN),
            ["/billing", "https://status.example.com/"]
        );
        assert_eq!(c.navs().count(), 2);
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn hugo_config_dir_only_yaml_with_mounts_in_a_site_root() {
        let dir = repo(&[
            (
                "site/config/_default/hugo.yaml",
                "baseURL: https://example.org/\nuglyURLs: true\nmodule:\n  mounts:\n    - source: faq/en\n      target: content\n      lang: en\n    - source: faq/fr\n      target: content\n      lang: fr\n    - source: shared\n      target: content\n    - source: assets\n      target: assets\n",
            ),
            (
                "site/config/_default/languages.yaml",
                "en:\n  weight: 1\nfr:\n  weight: 2\n  menus:\n    main:\n      - name: Aide\n        url: /fr/aide/\n",
            ),
            (
                "site/config/_default/menus.yaml",
                "main:\n  - name: Help\n    pageRef: help\n",
            ),
        ]);
        let c = read(Profile::Hugo, dir.path(), "site/");
        assert_eq!(c.file.as_deref(), Some("site/config/_default/hugo.yaml"));
        assert_eq!(c.base_path.as_deref(), Some(""));
        assert!(c.ugly_urls);
        assert_eq!(c.locales, ["en", "fr"]);
        assert_eq!(c.default_locale.as_deref(), Some("en"));
        assert_eq!(c.content_dir.as_deref(), Some("shared"));
        assert_eq!(
            c.locale_dirs,
            [
                ("en".to_string(), "faq/en".to_string()),
                ("fr".to_string(), "faq/fr".to_string())
            ]
        );
        let targets: Vec<_> = c
            .navs()
            .flat_map(|n| n.refs.iter().map(|r| r.target.clone()))
            .collect();
        assert_eq!(
            targets,
            [
                NavTarget::Url("/fr/aide/".into()),
                NavTarget::PageRef("help".into())
            ]
        );
    }

    #[test]
    fn hugo_broken_or_missing_config_is_a_note() {
        let dir = repo(&[("hugo.toml", "title = 'x'\nbaseURL = \n")]);
        let c = read(Profile::Hugo, dir.path(), "");
        assert_eq!(c.file.as_deref(), Some("hugo.toml"));
        assert_eq!(c.content_dir.as_deref(), Some("content"));
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(c.notes[0].starts_with("hugo.toml:2: "), "{:?}", c.notes);

        let dir = repo(&[]);
        let c = read(Profile::Hugo, dir.path(), "");
        assert!(c.file.is_none());
        assert_eq!(c.notes.len(), 1);

        let dir = repo(&[("hugo.toml", "baseURL = 42\n[languages]\nen = 'x'\n")]);
        let c = read(Profile::Hugo, dir.path(), "");
        assert!(c.base_path.is_none());
        assert!(
            c.notes[0].contains("`baseURL` should be a string"),
            "{:?}",
            c.notes
        );
    }

    const JEKYLL: &str = "\
title: Help Center
baseurl: \"/help\" # the subpath of your site
url: \"https://example.github.io\"
permalink: pretty
collections_dir: my_collections
collections:
  faq:
    output: true
    permalink: /faq/:path/
  guides:
    output: true
  snippets:
    output: false
defaults:
  - scope:
      path: \"\"
      type: \"pages\"
    values:
      layout: \"default\"
  - scope:
      path: \"legal\"
    values:
      permalink: /legal/:basename/
  - scope:
      type: posts
    values:
      permalink: none
";

    #[test]
    fn jekyll_config() {
        let dir = repo(&[("_config.yml", JEKYLL)]);
        let c = read(Profile::Jekyll, dir.path(), "");
        assert_eq!(c.file.as_deref(), Some("_config.yml"));
        assert_eq!(c.base_path.as_deref(), Some("/help"));
        assert_eq!(c.content_dir.as_deref(), Some("my_collections"));
        assert_eq!(c.collections, ["posts", "faq", "guides"]);
        assert_eq!(
            c.permalinks,
            [
                (
                    String::new(),
                    "/:categories/:year/:month/:day/:title/".to_string()
                ),
                ("faq".to_string(), "/faq/:path/".to_string()),
                ("guides".to_string(), "/:collection/:path/".to_string()),
            ]
        );
        assert_eq!(
            c.permalink_defaults,
            [
                ScopedPermalink {
                    path: "legal".into(),
                    kind: None,
                    pattern: "/legal/:basename/".into()
                },
                ScopedPermalink {
                    path: String::new(),
                    kind: Some("posts".into()),
                    pattern: "/:categories/:title:output_ext".into()
                },
            ]
        );
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn jekyll_defaults_list_collections_and_polyglot() {
        let dir = repo(&[(
            "docs/_config.yml",
            "collections:\n  - faq\nlanguages: [\"fr\", \"en\"]\ndefault_lang: \"fr\"\n",
        )]);
        let c = read(Profile::Jekyll, dir.path(), "docs");
        assert_eq!(c.file.as_deref(), Some("docs/_config.yml"));
        assert_eq!(c.base_path.as_deref(), Some(""));
        assert_eq!(c.content_dir.as_deref(), Some(""));
        assert_eq!(c.collections, ["posts"]);
        assert_eq!(
            c.permalinks,
            [(
                String::new(),
                "/:categories/:year/:month/:day/:title:output_ext".to_string()
            )]
        );
        assert_eq!(c.locales, ["fr", "en"]);
        assert_eq!(c.default_locale.as_deref(), Some("fr"));

        let dir = repo(&[("_config.yml", "baseurl: [\n")]);
        let c = read(Profile::Jekyll, dir.path(), "");
        assert!(c.notes[0].starts_with("_config.yml:"), "{:?}", c.notes);
        assert_eq!(c.collections, ["posts"]);
    }

    /// The shape of the create-docusaurus classic JavaScript template.
    const DOCUSAURUS_JS: &str = r#"// @ts-check
// Note: type annotations allow type checking and IDEs autocompletion

const lightCodeTheme = require('prism-react-renderer/themes/github');
const darkCodeTheme = require('prism-react-renderer/themes/dracula');

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Help Center',
  tagline: 'Answers, fast',
  url: 'https://help.example.com',
  baseUrl: '/kb/',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  i18n: {
    defaultLocale: 'fr',
    locales: ['fr', 'en'],
  },
  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {
          path: 'faq',
          routeBasePath: '/',
          sidebarPath: require.resolve('./sidebars.js'),
          editUrl: 'https://github.com/example/help/tree/main/',
        },
        blog: false,
        theme: {
          customCss: require.resolve('./src/css/custom.css'),
        },
      }),
    ],
  ],
  plugins: [
    [
      '@docusaurus/plugin-content-docs',
      {
        id: 'api',
        path: 'api',
        routeBasePath: 'api',
        sidebarPath: './sidebarsApi.js',
      },
    ],
    require.resolve('./src/plugins/analytics'),
  ],
  themeConfig:
    /** @type {import('@docusaurus/preset-classic').ThemeConfig} */
    ({
      navbar: {title: 'Help'},
      prism: {theme: lightCodeTheme, darkTheme: darkCodeTheme},
    }),
};

module.exports = config;
"#;

    #[test]
    fn docusaurus_javascript_config() {
        let dir = repo(&[("website/docusaurus.config.js", DOCUSAURUS_JS)]);
        let c = read(Profile::Docusaurus, dir.path(), "website");
        assert_eq!(c.file.as_deref(), Some("website/docusaurus.config.js"));
        assert_eq!(c.base_path.as_deref(), Some("/kb"));
        assert_eq!(c.trailing_slash, Some(false));
        assert_eq!(c.default_locale.as_deref(), Some("fr"));
        assert_eq!(c.locales, ["fr", "en"]);
        assert_eq!(c.content_dir.as_deref(), Some("faq"));
        assert_eq!(c.route_base_path.as_deref(), Some(""));
        assert_eq!(
            c.docs_instances,
            [
                DocsInstance {
                    id: "default".into(),
                    path: "faq".into(),
                    route_base_path: String::new(),
                    sidebar_path: Some("sidebars.js".into()),
                },
                DocsInstance {
                    id: "api".into(),
                    path: "api".into(),
                    route_base_path: "api".into(),
                    sidebar_path: Some("sidebarsApi.js".into()),
                },
            ]
        );
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(c.notes[0].contains("1 plugin is computed by code"));
    }

    #[test]
    fn docusaurus_typescript_and_function_configs() {
        let ts = "import {themes as prismThemes} from 'prism-react-renderer';\nimport type {Config} from '@docusaurus/types';\nimport type * as Preset from '@docusaurus/preset-classic';\n\nconst config: Config = {\n  title: 'My Site',\n  baseUrl: '/',\n  presets: [\n    [\n      'classic',\n      {\n        docs: {\n          sidebarPath: './sidebars.ts',\n        },\n        blog: {showReadingTime: true},\n      } satisfies Preset.Options,\n    ],\n  ],\n  themeConfig: {\n    prism: {theme: prismThemes.github},\n  } satisfies Preset.ThemeConfig,\n};\n\nexport default config;\n";
        let dir = repo(&[("docusaurus.config.ts", ts)]);
        let c = read(Profile::Docusaurus, dir.path(), "");
        assert_eq!(c.base_path.as_deref(), Some(""));
        assert_eq!(c.content_dir.as_deref(), Some("docs"));
        assert_eq!(c.route_base_path.as_deref(), Some("docs"));
        assert_eq!(
            c.docs_instances[0].sidebar_path.as_deref(),
            Some("sidebars.ts")
        );
        assert!(c.locales.is_empty());
        assert!(c.notes.is_empty(), "{:?}", c.notes);

        let f = "export default async function createConfigAsync() {\n  return {\n    title: 'x',\n    baseUrl: process.env.BASE_URL ?? '/',\n    presets: [['classic', {docs: false}]],\n  };\n}\n";
        let dir = repo(&[("docusaurus.config.mjs", f)]);
        let c = read(Profile::Docusaurus, dir.path(), "");
        assert_eq!(c.file.as_deref(), Some("docusaurus.config.mjs"));
        assert!(c.base_path.is_none());
        assert!(c.docs_instances.is_empty());
        assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
        assert!(
            c.notes[0].contains(":4: `baseUrl` is computed by code"),
            "{:?}",
            c.notes
        );

        let dir = repo(&[(
            "docusaurus.config.js",
            "module.exports = require('./config/base');\n",
        )]);
        let c = read(Profile::Docusaurus, dir.path(), "");
        assert_eq!(c.content_dir.as_deref(), Some("docs"));
        assert!(
            c.notes[0].contains("could not be read without running"),
            "{:?}",
            c.notes
        );
    }

    /// A config built by an async function, with the constructs of large real sites:
    /// shorthand properties, ternaries, arrow functions and methods holding template
    /// literals and comments, an IIFE, spreads, `satisfies`.
    const DOCUSAURUS_DYNAMIC: &str = r#"import path from 'path';
import type {Config} from '@docusaurus/types';
import type {Options as DocsOptions} from '@docusaurus/plugin-content-docs';
import {extraPlugins} from './config/extra';

const defaultLocale = 'fr';
const baseUrl = process.env.BASE_URL ?? '/';
const isPreview = !!process.env.PREVIEW;

function localized(key: string) {
  const v = table[key];
  if (!v) {
    throw new Error(`missing key=${key} for {locale}`);
  }
  return v;
}

export default async function createConfigAsync() {
  return {
    title: 'Aide',
    tagline: localized('tagline'),
    baseUrl,
    url: 'https://aide.example.com',
    trailingSlash: isPreview,
    i18n: {
      defaultLocale,
      locales: isPreview
        ? // previews stay fast
          [defaultLocale]
        : [defaultLocale, 'en', 'de'],
    },
    markdown: {
      preprocessor: ({filePath, fileContent}) => {
        let result = fileContent.replaceAll('{/_', '{/*');
        const link = `vscode://file/${filePath}`;
        return `${result}\n\n[open](<${link}>) }`;
      },
    },
    staticDirectories: ['static', path.join(__dirname, 'assets')],
    plugins: [
      [
        'content-docs',
        {
          id: 'community',
          path: 'community',
          routeBasePath: 'communaute',
          editUrl: ({locale, docPath}) => {
            if (locale !== defaultLocale) {
              return `https://crowdin.com/project/aide/${locale}`;
            }
            return `https://github.com/example/aide/edit/main/${docPath}`;
          },
          sidebarPath: './sidebarsCommunity.js',
        } satisfies DocsOptions,
      ],
      [
        'client-redirects',
        {
          createRedirects(routePath) {
            if (routePath === '/faq' || routePath === '/faq/') {
              return [`${routePath}/intro`];
            }
            return [];
          },
        },
      ],
      ...extraPlugins,
    ],
    presets: [
      [
        'classic',
        {
          debug: true, // force the debug plugin
          docs: {
            // routeBasePath: '/',
            path: 'faq',
            sidebarPath: 'sidebars.ts',
            onlyIncludeVersions: (() => {
              if (isPreview) {
                return ['current'];
              }
              return undefined;
            })(),
            versions: {current: {label: `${localized('next')} 🚧`}},
          },
        },
      ],
    ],
  } satisfies Config;
}
"#;

    #[test]
    fn docusaurus_config_built_by_an_async_function() {
        let dir = repo(&[("docusaurus.config.ts", DOCUSAURUS_DYNAMIC)]);
        let c = read(Profile::Docusaurus, dir.path(), "");
        assert!(c.base_path.is_none());
        assert!(c.trailing_slash.is_none());
        assert!(c.default_locale.is_none());
        assert_eq!(c.content_dir.as_deref(), Some("faq"));
        assert_eq!(c.route_base_path.as_deref(), Some("docs"));
        let ids: Vec<_> = c.docs_instances.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["default", "community"]);
        assert_eq!(c.docs_instances[1].route_base_path, "communaute");
        assert_eq!(
            c.docs_instances[1].sidebar_path.as_deref(),
            Some("sidebarsCommunity.js")
        );
        let keys: Vec<_> = c
            .notes
            .iter()
            .map(|n| n.split('`').nth(1).unwrap_or(n.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                "baseUrl",
                "trailingSlash",
                "defaultLocale",
                "locales",
                "docusaurus.config.ts: 1 plugin is computed by code; a docs plugin among them is not read"
            ],
            "{:#?}",
            c.notes
        );
    }

    const MKDOCS: &str = "\
site_name: Centre d'aide
site_url: https://aide.example.com/kb/
docs_dir: !ENV [DOCS_DIR, 'content']
use_directory_urls: false
theme:
  name: material
  language: fr
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: fr
          default: true
          name: Français
          build: true
        - locale: en
          name: English
          build: true
          nav:
            - Home: index.md
            - Billing: billing/index.md
nav:
  - index.md
  - Facturation:
      - facturation/index.md
      - Remboursements: facturation/remboursements.md
";

    #[test]
    fn mkdocs_config_with_tags_env_and_i18n() {
        let dir = repo(&[("mkdocs.yml", MKDOCS)]);
        let c = read(Profile::Mkdocs, dir.path(), "");
        assert_eq!(c.file.as_deref(), Some("mkdocs.yml"));
        assert_eq!(c.content_dir.as_deref(), Some("content"));
        assert!(!c.use_directory_urls);
        assert_eq!(c.base_path.as_deref(), Some("/kb"));
        assert_eq!(c.i18n_docs_structure.as_deref(), Some("folder"));
        assert_eq!(c.locales, ["fr", "en"]);
        assert_eq!(c.default_locale.as_deref(), Some("fr"));
        let nav = c.nav.as_ref().unwrap();
        assert_eq!(
            values(nav, MKDOCS),
            [
                "index.md",
                "facturation/index.md",
                "facturation/remboursements.md"
            ]
        );
        assert_eq!(c.extra_navs.len(), 1);
        assert_eq!(
            values(&c.extra_navs[0], MKDOCS),
            ["index.md", "billing/index.md"]
        );
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(
            c.notes[0].starts_with("mkdocs.yml:3: `docs_dir` comes from an environment variable")
        );
    }

    #[test]
    fn mkdocs_defaults_legacy_i18n_and_broken_yaml() {
        let dir = repo(&[(
            "docs-site/mkdocs.yaml",
            "site_name: x\nplugins:\n  i18n:\n    default_language: en\n    languages:\n      fr:\n        name: Français\n",
        )]);
        let c = read(Profile::Mkdocs, dir.path(), "docs-site");
        assert_eq!(c.content_dir.as_deref(), Some("docs"));
        assert!(c.use_directory_urls);
        assert!(c.nav.is_none());
        assert_eq!(c.i18n_docs_structure.as_deref(), Some("suffix"));
        assert_eq!(c.locales, ["en", "fr"]);
        assert_eq!(c.default_locale.as_deref(), Some("en"));

        let dir = repo(&[("mkdocs.yml", "site_name: x\nnav:\n  - Home: [index.md\n")]);
        let c = read(Profile::Mkdocs, dir.path(), "");
        assert!(c.nav.is_none());
        assert!(c.notes[0].starts_with("mkdocs.yml:"), "{:?}", c.notes);
    }

    const DOCFX: &str = r#"{
  "build": {
    "content": [
      {
        "files": ["**/*.md", "**/*.yml"],
        "exclude": ["**/obj/**", "**/includes/**", "_themes/**", "README.md"],
        "src": "./",
        "dest": "billing"
      },
      {"files": "faq/**/*.md", "src": "articles", "dest": "faq"}
    ],
    "resource": [{"files": ["**/*.png"]}],
    "globalMetadata": {"ms.service": "billing"}
  }
}"#;

    #[test]
    fn docfx_groups_and_redirection_files() {
        let publish = r#"{
  "docsets_to_publish": [
    {"docset_name": "billing", "build_source_folder": "docs",
     "redirection_files": ["docs/.openpublishing.redirection.billing.json"]}
  ],
  "redirection_files": [
    ".openpublishing.redirection.json",
    "docs/.openpublishing.redirection.faq.json",
    "missing/.openpublishing.redirection.json"
  ]
}"#;
        let dir = repo(&[
            ("docs/docfx.json", DOCFX),
            (".openpublishing.publish.config.json", publish),
            (".openpublishing.redirection.json", "{\"redirections\": []}"),
            ("docs/.openpublishing.redirection.faq.json", "{}"),
            ("docs/.openpublishing.redirection.billing.json", "{}"),
        ]);
        let c = read(Profile::Docfx, dir.path(), "docs");
        assert_eq!(c.file.as_deref(), Some("docs/docfx.json"));
        assert_eq!(
            c.docfx_groups,
            [
                DocfxGroup {
                    src: String::new(),
                    dest: "billing".into(),
                    files: vec!["**/*.md".into(), "**/*.yml".into()],
                    exclude: vec![
                        "**/obj/**".into(),
                        "**/includes/**".into(),
                        "_themes/**".into(),
                        "README.md".into()
                    ],
                },
                DocfxGroup {
                    src: "articles".into(),
                    dest: "faq".into(),
                    files: vec!["faq/**/*.md".into()],
                    exclude: vec![],
                },
            ]
        );
        assert_eq!(
            c.redirect_files,
            [
                ".openpublishing.redirection.json",
                "docs/.openpublishing.redirection.faq.json",
                "missing/.openpublishing.redirection.json",
                "docs/.openpublishing.redirection.billing.json",
            ]
        );
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(c.notes[0].contains("`missing/.openpublishing.redirection.json` does not exist"));
    }

    #[test]
    fn docfx_truncated_json_is_a_note_with_a_line() {
        let dir = repo(&[("docfx.json", "{\n  \"build\": {\n    \"content\": [\n")]);
        let c = read(Profile::Docfx, dir.path(), "");
        assert!(c.docfx_groups.is_empty());
        assert_eq!(c.notes.len(), 1, "{:?}", c.notes);
        assert!(
            c.notes[0].starts_with("docfx.json:3: invalid JSON (EOF while parsing"),
            "{:?}",
            c.notes
        );
    }

    #[test]
    fn default_profile_reads_nothing() {
        let dir = repo(&[("hugo.toml", HUGO_TOML), ("mkdocs.yml", MKDOCS)]);
        assert_eq!(
            read(Profile::Default, dir.path(), ""),
            GeneratorConfig::default()
        );
    }

    #[test]
    fn base_paths_and_dirs() {
        assert_eq!(base_path_of("https://example.org/"), "");
        assert_eq!(base_path_of("https://example.org"), "");
        assert_eq!(base_path_of("https://example.org/docs/help/"), "/docs/help");
        assert_eq!(base_path_of("/"), "");
        assert_eq!(base_path_of("help"), "/help");
        assert_eq!(base_path_of("//cdn.example.org/x/?q#f"), "/x");
        assert_eq!(normalize_dir("./docs/"), "docs");
        assert_eq!(normalize_dir("."), "");
        assert_eq!(jekyll_collection_default("/:title"), "/:collection/:path");
    }
}
