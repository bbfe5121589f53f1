//! What a generator's own config file says, as far as faqlint needs it: content folder,
//! base path, locales, permalink patterns, menus. Readers never fail: what they cannot read
//! is a note.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Repo-relative path of the config file read, if any.
    pub file: Option<String>,
    /// Content folder relative to the site root: Hugo `contentDir` (default `content`),
    /// MkDocs `docs_dir` (default `docs`), Docusaurus docs `path` (default `docs`), Jekyll
    /// `collections_dir` (default ``).
    pub content_dir: Option<String>,
    /// URL path prefix of the whole site: Jekyll `baseurl`, Hugo `baseURL`'s path,
    /// Docusaurus `baseUrl`. Without a trailing slash; `` for the root.
    pub base_path: Option<String>,
    pub default_locale: Option<String>,
    /// Every locale the site declares (Hugo `languages`, Docusaurus `i18n.locales`, MkDocs
    /// i18n plugin languages).
    pub locales: Vec<String>,
    /// Hugo per-language `contentDir` (locale, folder relative to the site root).
    pub locale_dirs: Vec<(String, String)>,
    /// Hugo `defaultContentLanguageInSubdir`.
    pub default_locale_in_subdir: bool,
    /// Permalink patterns by section or collection: Hugo `[permalinks]`, Jekyll collection
    /// `permalink`; the key `` holds Jekyll's site-wide `permalink`.
    pub permalinks: Vec<(String, String)>,
    /// Jekyll collections rendered to pages (`output: true`).
    pub collections: Vec<String>,
    /// Docusaurus docs `routeBasePath` (default `docs`).
    pub route_base_path: Option<String>,
    /// MkDocs `use_directory_urls` (default true).
    pub use_directory_urls: bool,
    /// Hugo `uglyURLs`.
    pub ugly_urls: bool,
    /// Navigation declared in the config itself: MkDocs `nav:`, Hugo `menus`/`menu`.
    pub nav: Option<super::nav::NavFile>,
    /// DocFX `build.content` groups.
    pub docfx_groups: Vec<DocfxGroup>,
    /// Redirection files to read (DocFX `.openpublishing.redirection.json` and the
    /// `redirection_files` of `.openpublishing.publish.config.json`), repo-relative.
    pub redirect_files: Vec<String>,
    /// What could not be read or understood, for the user.
    pub notes: Vec<String>,
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
        }
    }
}

/// STUB (replaced on merge).
pub fn read(
    _profile: crate::config::Profile,
    _root: &std::path::Path,
    _site_root: &str,
) -> GeneratorConfig {
    GeneratorConfig::default()
}
