//! `faqlint.toml`: discovery, parsing (unknown keys are errors with file:line:col) and
//! resolution of per-rule settings against the registry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Severity;

mod sections;
pub use sections::{AnalyticsConfig, BotConfig, SearchModelConfig};

pub const CONFIG_FILE: &str = "faqlint.toml";

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// Where entries, navigation and taxonomy live.
    pub repo: RepoConfig,
    /// Front-matter field names, per concept (first present name wins).
    pub fields: FieldMap,
    /// Per-rule settings: `enabled`, `severity` and the rule's options.
    pub rules: BTreeMap<String, RuleConfig>,
    /// Per-path rule settings; the last matching override wins.
    pub overrides: Vec<Override>,
    /// How links are judged: which URL prefixes are this site's and which are other sites'.
    pub links: LinksConfig,
    /// What the site generator's own config says, when faqlint cannot read it or reads it
    /// wrongly: every value here wins over the inferred one.
    pub site: SiteOverrides,
    /// Search-analytics exports and the model of the site search (`mine`, `replay`, the
    /// `search` rules of `check`).
    pub analytics: AnalyticsConfig,
    /// The nightly bot's pull requests.
    pub bot: BotConfig,
}

/// The static-site generator a repo is the source of. Each sets where entries are, how
/// front matter and dates are read, how a file's URL is computed, and where navigation and
/// translations live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// faqlint's own layout: `<locale>/<category>/<slug>.md`, `nav.yml`, `taxonomy.yml`.
    #[default]
    Default,
    Hugo,
    Jekyll,
    Docusaurus,
    Mkdocs,
    Docfx,
}

impl Profile {
    pub const ALL: [Profile; 6] = [
        Profile::Default,
        Profile::Hugo,
        Profile::Jekyll,
        Profile::Docusaurus,
        Profile::Mkdocs,
        Profile::Docfx,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Hugo => "hugo",
            Profile::Jekyll => "jekyll",
            Profile::Docusaurus => "docusaurus",
            Profile::Mkdocs => "mkdocs",
            Profile::Docfx => "docfx",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `[links]`: the URL space of the site, so that only links faqlint can judge are judged.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LinksConfig {
    /// Root-absolute URL prefixes that belong to this site (`/article/`): a link under one
    /// that resolves to nothing is a `broken-link`. Added to the prefixes the profile infers.
    pub own_prefixes: Vec<String>,
    /// Prefixes of other sites served on the same host (`/dotnet/api/`), or their full
    /// addresses (`https://learn.microsoft.com/dotnet/`): links there are never judged.
    pub other_sites: Vec<String>,
    /// Full addresses of this site (`https://help.example.com/`): an absolute link under one
    /// is judged like a root-absolute link.
    pub base_urls: Vec<String>,
    /// Match link paths case-insensitively (DocFX default).
    pub case_insensitive: Option<bool>,
}

/// `[site]`: values normally read from the generator's config file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SiteOverrides {
    /// The folder (relative to the repo root) that holds the generator's config: where the
    /// site lives in a monorepo (`docs/` for a DocFX site in a subfolder).
    pub root: Option<String>,
    /// The content folder, relative to the site root (Hugo `contentDir`, MkDocs
    /// `docs_dir`, Docusaurus docs `path`).
    pub content_dir: Option<String>,
    /// The URL path the site is served under (Jekyll `baseurl`, Docusaurus `baseUrl`).
    pub base_path: Option<String>,
    /// Docusaurus docs `routeBasePath`.
    pub route_base_path: Option<String>,
    /// MkDocs `use_directory_urls`.
    pub use_directory_urls: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct RepoConfig {
    /// Globs (relative to the repo root) of entry files.
    pub include: Vec<String>,
    /// Globs of files that are never entries (on top of .gitignore).
    pub exclude: Vec<String>,
    /// Globs of Markdown pages that list entries (folder indexes): scanned for links, not entries.
    pub navigation_pages: Vec<String>,
    /// The taxonomy file.
    pub taxonomy: String,
    /// The navigation file.
    pub nav: String,
    /// Known locales. Empty: any first path segment like `fr`, `en` or `pt-BR` is a locale.
    pub locales: Vec<String>,
    /// Locale of entries whose locale is neither in front matter nor in the path.
    pub default_locale: Option<String>,
    /// Files larger than this (bytes) get `oversized-file` and their body is not analysed.
    pub max_file_size: u64,
    /// The site generator: sets the defaults of everything above, `[fields]` and `[links]`.
    /// Unset: detected from the generator's marker files.
    pub profile: Option<Profile>,
    /// Extra date formats for front-matter dates, in strftime syntax (`%d/%m/%Y`), tried
    /// after ISO dates and RFC 3339 date-times.
    pub date_formats: Vec<String>,
}

impl Default for RepoConfig {
    fn default() -> Self {
        RepoConfig {
            include: vec!["**/*.md".into(), "**/*.markdown".into()],
            exclude: [
                "README.md",
                "CHANGELOG.md",
                "CONTRIBUTING.md",
                "LICENSE.md",
                "CODE_OF_CONDUCT.md",
                ".github/**",
                "node_modules/**",
                "analytics/**",
            ]
            .map(String::from)
            .to_vec(),
            navigation_pages: vec!["**/_index.md".into(), "**/index.md".into()],
            taxonomy: "taxonomy.yml".into(),
            nav: "nav.yml".into(),
            locales: Vec::new(),
            default_locale: None,
            max_file_size: 2 * 1024 * 1024,
            profile: None,
            date_formats: Vec::new(),
        }
    }
}

/// Front-matter field names per concept. Each takes a list; the first name present wins.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct FieldMap {
    pub id: Vec<String>,
    pub title: Vec<String>,
    pub tags: Vec<String>,
    pub category: Vec<String>,
    pub locale: Vec<String>,
    pub last_reviewed: Vec<String>,
    pub review_every: Vec<String>,
    pub expires: Vec<String>,
    pub related: Vec<String>,
    pub translation_of: Vec<String>,
    pub owner: Vec<String>,
    pub draft: Vec<String>,
    pub duplicate_of: Vec<String>,
    pub redirect_from: Vec<String>,
    /// The page's own URL (Hugo `url`, Jekyll `permalink`).
    pub url: Vec<String>,
    /// The last URL segment (Hugo, Jekyll and Docusaurus `slug`).
    pub slug: Vec<String>,
    /// Menu membership in front matter (Hugo `menu`/`menus`): such a page is navigable.
    pub menu: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            id: names(&["id"]),
            title: names(&["title", "question"]),
            tags: names(&["tags", "keywords", "topics"]),
            category: names(&["category", "section"]),
            locale: names(&["locale", "lang", "language"]),
            last_reviewed: names(&[
                "last_reviewed",
                "last-reviewed",
                "lastmod",
                "last_update",
                "updated",
            ]),
            review_every: names(&["review_every", "review-every"]),
            expires: names(&["expires", "expiry_date", "expiryDate"]),
            related: names(&["related"]),
            translation_of: names(&["translation_of", "translationKey", "translation_key"]),
            owner: names(&["owner", "author"]),
            draft: names(&["draft"]),
            duplicate_of: names(&["duplicate_of"]),
            redirect_from: names(&["redirect_from", "aliases"]),
            url: names(&["url", "permalink"]),
            slug: names(&["slug"]),
            menu: names(&["menu", "menus"]),
        }
    }
}

/// Settings of one rule. Any other key is one of the rule's options (see `faqlint explain`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct RuleConfig {
    /// Turn the rule on or off.
    pub enabled: Option<bool>,
    /// Override the rule's default severity.
    pub severity: Option<Severity>,
    /// The rule's options.
    #[serde(flatten)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub options: toml::Table,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs relative to the repo root.
    pub paths: Vec<String>,
    /// Rule settings for the matching files (only `enabled` and `severity` are per path).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleConfig>,
}

/// A configuration error, with the file and position when known.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Other { path: String, message: String },
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The config file, if one was used.
    pub path: Option<PathBuf>,
    /// The raw text, to locate keys in error messages.
    pub text: String,
}

impl Loaded {
    pub fn defaults() -> Loaded {
        Loaded {
            config: Config::default(),
            path: None,
            text: String::new(),
        }
    }

    pub fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| CONFIG_FILE.to_string(), |p| p.display().to_string())
    }

    /// An error about `key` (under the `[section]` header if given), positioned at the key.
    pub fn error_at_key(&self, section: Option<&str>, key: &str, message: String) -> ConfigError {
        let (line, column) = locate_key(&self.text, section, key).unwrap_or((1, 1));
        ConfigError::Invalid {
            path: self.display_path(),
            line,
            column,
            message,
        }
    }
}

/// Parses config text. `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    toml::from_str::<Config>(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        ConfigError::Invalid {
            path: path.display().to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// Reads and parses a config file.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let bytes = std::fs::read(path).map_err(|source| ConfigError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ConfigError::Other {
        path: path.display().to_string(),
        message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let config = parse(&text, path)?;
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
        text,
    })
}

/// The nearest `faqlint.toml` from `start` upward, stopping at a directory holding `.git`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// The knowledge repo root for a start directory: the first ancestor holding a config file,
/// a `.git`, the default layout markers (taxonomy or nav file) or a site generator's
/// marker (`hugo.toml`, `mkdocs.yml`…); else `start` itself.
pub fn find_root(start: &Path, config: &Loaded) -> PathBuf {
    if let Some(dir) = config.path.as_ref().and_then(|p| p.parent()) {
        // `--config faqlint.toml`: the parent of a bare file name is the working directory.
        if dir.as_os_str().is_empty() {
            return PathBuf::from(".");
        }
        return dir.to_path_buf();
    }
    let repo = &config.config.repo;
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(".git").exists()
            || d.join(&repo.taxonomy).is_file()
            || d.join(&repo.nav).is_file()
            || crate::site::detect::is_site_root(d)
        {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    start.to_path_buf()
}

/// Parses a duration like `180d`, `26w`, `6m` (months of 30 days) or `1y` into days.
pub fn parse_interval(s: &str) -> Option<i64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: i64 = num.parse().ok()?;
    let days = match unit.trim() {
        "" | "d" | "day" | "days" | "j" | "jours" => n,
        "w" | "week" | "weeks" | "sem" => n * 7,
        "m" | "mo" | "month" | "months" | "mois" => n * 30,
        "y" | "year" | "years" | "a" | "an" | "ans" => n * 365,
        _ => return None,
    };
    (days > 0).then_some(days)
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Finds `key =` in the TOML text, after the `[section]` header when given.
fn locate_key(text: &str, section: Option<&str>, key: &str) -> Option<(usize, usize)> {
    let mut in_section = section.is_none();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(sec) = section
            && t.starts_with('[')
        {
            let name = t.trim_matches(['[', ']', ' ']);
            in_section =
                name == sec || name == format!("rules.\"{}\"", sec.trim_start_matches("rules."));
        }
        if in_section {
            let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            if t.contains('=') && k == key {
                let col = line.len() - line.trim_start().len();
                return Some(line_col(text, offset + col));
            }
            if section.is_none() && t == format!("[{key}]") {
                return Some(line_col(text, offset));
            }
        }
        offset += line.len();
    }
    if let Some(sec) = section {
        return locate_key(text, None, sec);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = "[repo]\nnav = \"nav.yml\"\ntaxonomie = \"t.yml\"\n";
        let err = parse(text, Path::new("faqlint.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("faqlint.toml:3:1:"), "{err}");
        assert!(err.contains("taxonomie"), "{err}");
    }

    #[test]
    fn rule_options_are_flattened() {
        let text = "[rules.too-many-tags]\nseverity = \"error\"\nmax = 3\n";
        let c = parse(text, Path::new("f")).unwrap();
        let r = &c.rules["too-many-tags"];
        assert_eq!(r.severity, Some(Severity::Error));
        assert_eq!(
            r.options.get("max").and_then(toml::Value::as_integer),
            Some(3)
        );
    }

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("180d"), Some(180));
        assert_eq!(parse_interval("2w"), Some(14));
        assert_eq!(parse_interval("6m"), Some(180));
        assert_eq!(parse_interval("1y"), Some(365));
        assert_eq!(parse_interval("0d"), None);
        assert_eq!(parse_interval("soon"), None);
    }

    #[test]
    fn locate_key_in_section() {
        let text = "[rules.too-many-tags]\nmax = 3\nmaxx = 4\n";
        assert_eq!(
            locate_key(text, Some("rules.too-many-tags"), "maxx"),
            Some((3, 1))
        );
    }
}
