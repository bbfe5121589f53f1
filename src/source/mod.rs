//! Loading a knowledge repo into one corpus model: files, entries, taxonomy, navigation.

pub mod entry;
pub mod front_matter;
pub mod git;
pub mod json_fm;
pub mod line_index;
pub mod markdown;
pub mod memo;
pub mod nav;
pub mod slug;
pub mod taxonomy;
pub mod toml_fm;
pub mod yaml;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

pub use entry::{Entry, Field, FieldProblem, Item};
pub use line_index::LineIndex;
pub use nav::Nav;
pub use taxonomy::Taxonomy;

use crate::config::Config;
use crate::site::GeneratorConfig;

/// Index of a file in [`Corpus::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Entry,
    /// A folder index or other page that lists entries.
    NavigationPage,
    Taxonomy,
    Nav,
    /// A site generator's own file that faqlint reads (a `toc.yml`, `sidebars.js`,
    /// `mkdocs.yml`, a redirection file): never linted as an entry.
    SiteData,
}

/// A problem found while reading a file, before any rule runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// Not UTF-8; the byte offset is where decoding failed (in the lossy text).
    InvalidUtf8 { offset: usize },
    /// Contains NUL bytes: a binary file with a Markdown name.
    Binary,
    /// No `---` front matter at the top.
    MissingFrontMatter,
    /// `---` opened but never closed.
    UnclosedFrontMatter,
    /// YAML syntax error at a byte offset.
    InvalidYaml { offset: usize, message: String },
    /// Larger than `repo.max-file-size`.
    Oversized { size: u64, limit: u64 },
    /// Structural problems of the taxonomy or nav file.
    InvalidStructure { span: Range<usize>, message: String },
}

/// One file of the repo, as text. A BOM is removed (and remembered); line endings are kept.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the repo root, `/`-separated.
    pub path: String,
    pub text: String,
    pub bom: bool,
    pub kind: FileKind,
    pub problems: Vec<LoadProblem>,
    /// True when the text could not be decoded losslessly (never written back).
    pub lossy: bool,
}

impl SourceFile {
    pub fn line_index(&self) -> LineIndex {
        LineIndex::new(&self.text)
    }
}

/// An OS-level failure to read something: reported, the run goes on, exit 2 at the end.
#[derive(Debug, Clone)]
pub struct IoProblem {
    pub path: String,
    pub message: String,
}

/// The whole knowledge repo, loaded.
#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub entries: Vec<Entry>,
    pub taxonomy: Taxonomy,
    pub nav: Nav,
    pub io_problems: Vec<IoProblem>,
    /// Last commit date per path, when git dates were asked for and git is available.
    pub git_dates: Option<HashMap<String, chrono::NaiveDate>>,
    /// Every file the walk saw (entries, images, PDFs…), relative to the root with `/`:
    /// what internal links may point at. Rules never do I/O, so they look here.
    pub assets: HashSet<String>,
    /// Every folder holding an asset (links to a folder are not broken).
    pub dirs: HashSet<String>,
    /// The site generator's model: URLs, navigation, translations, redirects.
    pub site: crate::site::Site,
    /// Values derived once per run and shared by rules (e.g. the duplicate rules' analysis).
    pub memo: memo::Memo,
    by_path: HashMap<String, usize>,
}

impl Corpus {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The file's path on disk.
    pub fn abs_path(&self, id: FileId) -> PathBuf {
        self.root.join(&self.files[id.0].path)
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0].text
    }

    /// The entry of a repo-relative path.
    pub fn entry_by_path(&self, path: &str) -> Option<&Entry> {
        let index = if self.by_path.is_empty() {
            self.entries
                .binary_search_by(|e| e.path.as_str().cmp(path))
                .ok()
        } else {
            self.by_path.get(path).copied()
        };
        index.map(|i| &self.entries[i])
    }

    /// Rebuilds the path index after entries were removed.
    pub fn reindex(&mut self) {
        if !self.by_path.is_empty() || !self.entries.is_sorted_by(|a, b| a.path < b.path) {
            self.by_path = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.path.clone(), i))
                .collect();
        }
    }

    /// The index in `entries` of the entry at a repo-relative path.
    pub fn entry_index_by_path(&self, path: &str) -> Option<usize> {
        if self.by_path.is_empty() {
            self.entries
                .binary_search_by(|e| e.path.as_str().cmp(path))
                .ok()
        } else {
            self.by_path.get(path).copied()
        }
    }

    /// The index in `entries` of an entry of this corpus.
    pub fn entry_index(&self, entry: &Entry) -> Option<usize> {
        self.entry_index_by_path(&entry.path)
    }

    /// True when `path` is a folder holding files of the repo.
    pub fn has_dir(&self, path: &str) -> bool {
        self.dirs.contains(path.trim_end_matches('/'))
    }

    /// Entries grouped by id (ids may collide across or within locales).
    pub fn entries_by_id(&self) -> HashMap<&str, Vec<&Entry>> {
        let mut map: HashMap<&str, Vec<&Entry>> = HashMap::default();
        for e in &self.entries {
            map.entry(e.id.as_str()).or_default().push(e);
        }
        map
    }

    /// Builds a corpus from in-memory files (used by tests and by fixes that re-lint).
    pub fn from_memory(root: PathBuf, files: Vec<(String, Vec<u8>)>, config: &Config) -> Corpus {
        Corpus::from_memory_with(root, files, config, GeneratorConfig::default())
    }

    /// [`Corpus::from_memory`] for a site whose generator config was already read.
    pub fn from_memory_with(
        root: PathBuf,
        files: Vec<(String, Vec<u8>)>,
        config: &Config,
        generator: GeneratorConfig,
    ) -> Corpus {
        let layout = Layout::new(config);
        let assets: HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
        let (slots, entries): (Vec<FileSlot>, Vec<Option<Entry>>) = files
            .into_iter()
            .map(|(path, bytes)| {
                let kind = layout.kind_of(&path);
                let l = decode(path, bytes, kind, config, layout.slug_style);
                (Ok((l.file, l.yaml_root)), l.entry)
            })
            .unzip();
        let mut corpus = assemble(root, slots, entries, Vec::new());
        corpus.assets = assets;
        finish(&mut corpus, config, generator);
        corpus
    }
}

/// Folders of the assets, and the site model.
fn finish(corpus: &mut Corpus, config: &Config, generator: GeneratorConfig) {
    let mut dirs = HashSet::default();
    for a in &corpus.assets {
        let mut d = a.as_str();
        while let Some((parent, _)) = d.rsplit_once('/') {
            if !dirs.insert(parent.to_string()) {
                break;
            }
            d = parent;
        }
    }
    corpus.dirs = dirs;
    corpus.site = crate::site::Site::build(corpus, config, generator);
    corpus.site.links = crate::site::Site::resolve_links(corpus);
}

struct Layout {
    include: GlobSet,
    exclude: GlobSet,
    nav_pages: GlobSet,
    site_files: GlobSet,
    /// Build output and third-party trees: never read, not even as generator files.
    third_party: GlobSet,
    taxonomy: String,
    nav: String,
    slug_style: markdown::SlugStyle,
}

impl Layout {
    fn new(config: &Config) -> Layout {
        let r = &config.repo;
        Layout {
            include: globs(&r.include),
            exclude: globs(&r.exclude),
            nav_pages: globs(&r.navigation_pages),
            site_files: globs(&crate::site::site_file_globs(
                r.profile.unwrap_or_default(),
                config.site.root.as_deref().unwrap_or_default(),
            )),
            third_party: globs(
                &crate::site::profile::THIRD_PARTY
                    .iter()
                    .map(|s| (*s).to_string())
                    .collect::<Vec<_>>(),
            ),
            taxonomy: r.taxonomy.clone(),
            nav: r.nav.clone(),
            slug_style: crate::site::slug_style(r.profile.unwrap_or_default()),
        }
    }

    fn kind_of(&self, rel: &str) -> Option<FileKind> {
        if rel == self.taxonomy {
            Some(FileKind::Taxonomy)
        } else if rel == self.nav {
            Some(FileKind::Nav)
        } else if self.site_files.is_match(rel) && !self.third_party.is_match(rel) {
            Some(FileKind::SiteData)
        } else if self.exclude.is_match(rel) || !self.include.is_match(rel) {
            None
        } else if self.nav_pages.is_match(rel) {
            Some(FileKind::NavigationPage)
        } else {
            Some(FileKind::Entry)
        }
    }
}

/// Compiles globs; invalid ones are skipped here (config validation reports them).
fn globs(patterns: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Checks the config's globs, returning the first invalid one with its error.
pub fn validate_globs(config: &Config) -> Result<(), (String, String)> {
    let r = &config.repo;
    for p in r
        .include
        .iter()
        .chain(&r.exclude)
        .chain(&r.navigation_pages)
    {
        Glob::new(p).map_err(|e| (p.clone(), e.to_string()))?;
    }
    for o in &config.overrides {
        for p in &o.paths {
            Glob::new(p).map_err(|e| (p.clone(), e.to_string()))?;
        }
    }
    Ok(())
}

/// Walks `root` (respecting .gitignore and the config's globs) and loads every file,
/// reading the site generator's config for the configured profile.
pub fn load(root: &Path, config: &Config) -> Corpus {
    let profile = config.repo.profile.unwrap_or_default();
    let generator = if profile == crate::config::Profile::Default {
        GeneratorConfig::default()
    } else {
        crate::site::genconfig::read(
            profile,
            root,
            config.site.root.as_deref().unwrap_or_default(),
        )
    };
    load_with(root, config, generator)
}

/// [`load`] with the generator's config already read.
pub fn load_with(root: &Path, config: &Config, generator: GeneratorConfig) -> Corpus {
    let layout = Layout::new(config);
    // The walk itself runs on every core (ignore's parallel walker); each thread keeps its
    // own lists, merged once at the end.
    #[derive(Default)]
    struct Found {
        paths: Vec<(String, PathBuf, FileKind)>,
        assets: Vec<String>,
        problems: Vec<IoProblem>,
    }
    let found = std::sync::Mutex::new(Vec::<Found>::new());
    ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .parents(false)
        .build_parallel()
        .run(|| {
            struct Local<'a> {
                mine: Found,
                all: &'a std::sync::Mutex<Vec<Found>>,
            }
            impl Drop for Local<'_> {
                fn drop(&mut self) {
                    let mine = std::mem::take(&mut self.mine);
                    match self.all.lock() {
                        Ok(mut all) => all.push(mine),
                        Err(poisoned) => poisoned.into_inner().push(mine),
                    }
                }
            }
            let mut local = Local {
                mine: Found::default(),
                all: &found,
            };
            let layout = &layout;
            Box::new(move |item| {
                match item {
                    Ok(dent) => {
                        if dent.file_type().is_some_and(|t| t.is_file())
                            && let Ok(rel) = dent.path().strip_prefix(root)
                        {
                            let rel = rel_string(rel);
                            if let Some(kind) = layout.kind_of(&rel) {
                                local.mine.paths.push((
                                    rel.clone(),
                                    dent.path().to_path_buf(),
                                    kind,
                                ));
                            }
                            local.mine.assets.push(rel);
                        }
                    }
                    Err(e) => local.mine.problems.push(IoProblem {
                        path: root.display().to_string(),
                        message: e.to_string(),
                    }),
                }
                ignore::WalkState::Continue
            })
        });
    let found = match found.into_inner() {
        Ok(f) => f,
        Err(poisoned) => poisoned.into_inner(),
    };
    let mut paths = Vec::new();
    let mut io_problems = Vec::new();
    let mut assets = HashSet::default();
    for f in found {
        paths.extend(f.paths);
        assets.extend(f.assets);
        io_problems.extend(f.problems);
    }
    // Generator files the walk does not see (hidden ones, like DocFX's
    // `.openpublishing.redirection.json`).
    for extra in &generator.redirect_files {
        let abs = root.join(extra);
        if abs.is_file() && !paths.iter().any(|(p, _, _)| p == extra) {
            assets.insert(extra.clone());
            paths.push((extra.clone(), abs, FileKind::SiteData));
        }
    }
    // Sorting the relative paths once is much cheaper than a sorted walk.
    paths.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Files and entries are collected side by side, in parallel, straight into their final
    // vectors: an `Entry` is large, and copying 100k of them would double peak memory.
    let (files, entries): (Vec<FileSlot>, Vec<Option<Entry>>) = paths
        .into_par_iter()
        .map(|(rel, abs, kind)| match std::fs::read(&abs) {
            Ok(bytes) => {
                let l = decode(rel, bytes, Some(kind), config, layout.slug_style);
                (Ok((l.file, l.yaml_root)), l.entry)
            }
            Err(e) => (
                Err(IoProblem {
                    path: rel,
                    message: e.to_string(),
                }),
                None,
            ),
        })
        .unzip();
    let mut corpus = assemble(root.to_path_buf(), files, entries, io_problems);
    corpus.assets = assets;
    finish(&mut corpus, config, generator);
    corpus
}

/// `a/b/c.md` with forward slashes on every platform.
pub fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file decoded and, for entries, parsed; not yet numbered.
struct Loaded {
    file: SourceFile,
    entry: Option<Entry>,
    yaml_root: Option<yaml::Node>,
}

fn decode(
    path: String,
    bytes: Vec<u8>,
    kind: Option<FileKind>,
    config: &Config,
    slug_style: markdown::SlugStyle,
) -> Loaded {
    let kind = kind.unwrap_or(FileKind::Entry);
    let mut problems = Vec::new();
    let size = bytes.len() as u64;
    let binary = bytes[..bytes.len().min(8192)].contains(&0);
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            if !binary {
                problems.push(LoadProblem::InvalidUtf8 { offset });
            }
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), true)
        }
    };
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    };
    if bom {
        // Offsets are into the text without its BOM.
        for p in &mut problems {
            if let LoadProblem::InvalidUtf8 { offset } = p {
                *offset = offset.saturating_sub('\u{feff}'.len_utf8());
            }
        }
    }
    let mut file = SourceFile {
        path,
        text,
        bom,
        kind,
        problems,
        lossy,
    };
    if binary {
        file.problems.push(LoadProblem::Binary);
        // Keep nothing of a binary file's contents: they are not text to show.
        file.text = String::new();
        return Loaded {
            file,
            entry: None,
            yaml_root: None,
        };
    }
    let limit = config.repo.max_file_size;
    // The limit protects the Markdown analysis of entries; the taxonomy and nav files of a
    // large repo are legitimately big and are always read whole.
    let oversized = size > limit && matches!(kind, FileKind::Entry | FileKind::NavigationPage);
    if oversized {
        file.problems.push(LoadProblem::Oversized { size, limit });
    }
    match kind {
        FileKind::Taxonomy | FileKind::Nav => {
            let root = match yaml::parse(&file.text, 0..file.text.len()) {
                Ok(r) => r,
                Err(e) => {
                    file.problems.push(LoadProblem::InvalidYaml {
                        offset: e.offset,
                        message: e.message,
                    });
                    None
                }
            };
            Loaded {
                file,
                entry: None,
                yaml_root: root,
            }
        }
        FileKind::SiteData => Loaded {
            file,
            entry: None,
            yaml_root: None,
        },
        FileKind::Entry | FileKind::NavigationPage => {
            let entry = parse_entry(&mut file, config, oversized, slug_style);
            Loaded {
                file,
                entry,
                yaml_root: None,
            }
        }
    }
}

fn parse_entry(
    file: &mut SourceFile,
    config: &Config,
    oversized: bool,
    slug_style: markdown::SlugStyle,
) -> Option<Entry> {
    let text = &file.text;
    let slug = file
        .path
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.').map(|(s, _)| s).or(Some(n)))
        .unwrap_or_default()
        .to_string();
    let (locale_path, category_path) = locale_and_category(&file.path, config);
    let mut entry = Entry {
        file: FileId(usize::MAX),
        path: file.path.clone(),
        id: slug.clone(),
        id_field: None,
        slug,
        locale: None,
        category: None,
        category_from_path: category_path.clone(),
        title: None,
        tags_field: None,
        tags: Vec::new(),
        last_reviewed: None,
        review_every: None,
        expires: None,
        related: Vec::new(),
        translation_of: None,
        duplicate_of: None,
        owner: None,
        redirect_from: Vec::new(),
        url_field: None,
        slug_field: None,
        in_menu: false,
        translation_key: None,
        draft: false,
        has_front_matter: false,
        keys: Vec::new(),
        title_style: None,
        yaml_range: None,
        front_matter_format: front_matter::Format::Yaml,
        body_range: 0..text.len(),
        body: markdown::Body::default(),
        problems: Vec::new(),
    };
    match front_matter::split(text) {
        Ok(split) => {
            entry.yaml_range = Some(split.yaml.clone());
            entry.front_matter_format = split.format;
            entry.body_range = split.body_start..text.len();
            match front_matter::parse_split(text, &split) {
                Ok(Some(root)) => {
                    entry.read_fields(&root, &config.fields, &config.repo.date_formats);
                    entry.has_front_matter = true;
                }
                Ok(None) => {}
                Err(e) => file.problems.push(LoadProblem::InvalidYaml {
                    offset: e.offset,
                    message: e.message,
                }),
            }
        }
        Err(front_matter::SplitError::Missing) => {
            if file.kind == FileKind::Entry {
                file.problems.push(LoadProblem::MissingFrontMatter);
            }
        }
        Err(front_matter::SplitError::Unclosed) => {
            file.problems.push(LoadProblem::UnclosedFrontMatter)
        }
    }
    if entry.locale.is_none() {
        entry.locale = locale_path.or_else(|| config.repo.default_locale.clone());
    }
    if entry.category.is_none() {
        entry.category = category_path;
    }
    if !oversized {
        entry.body = markdown::parse_with(text, entry.body_range.clone(), slug_style);
    }
    Some(entry)
}

/// Locale and category from a path like `fr/conges/quand.md` or `content/fr/conges/quand.md`.
///
/// The locale is the first folder that is a configured locale (or, with none configured, the
/// first of the first two folders that looks like one); the category is the file's folder
/// when it lies below the locale folder.
fn locale_and_category(path: &str, config: &Config) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.len() < 2 {
        return (None, None);
    }
    let dirs = &parts[..parts.len() - 1];
    let locale_at = if config.repo.locales.is_empty() {
        dirs.iter().take(2).position(|d| looks_like_locale(d))
    } else {
        dirs.iter()
            .position(|d| config.repo.locales.iter().any(|l| l == d))
    };
    let parent = dirs.last().map(|d| (*d).to_string());
    match locale_at {
        Some(i) => {
            let category = (dirs.len() > i + 1).then_some(parent).flatten();
            (Some(dirs[i].to_string()), category)
        }
        None => (None, parent),
    }
}

/// `fr`, `en`, `pt-BR`, `zh_Hans`: a BCP 47-ish language tag.
pub fn looks_like_locale(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let lang = parts.next().unwrap_or_default();
    if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A loaded file with its parsed YAML (taxonomy and nav files), or why it could not be read.
type FileSlot = Result<(SourceFile, Option<yaml::Node>), IoProblem>;

/// Numbers the files, drops unreadable ones (reported as I/O problems) and builds indexes.
/// `slots` and `entries` are aligned by index.
fn assemble(
    root: PathBuf,
    slots: Vec<FileSlot>,
    mut entries: Vec<Option<Entry>>,
    io_problems: Vec<IoProblem>,
) -> Corpus {
    let mut corpus = Corpus {
        root,
        io_problems,
        ..Corpus::default()
    };
    let mut tax_root = None;
    let mut nav_root = None;
    corpus.files.reserve_exact(slots.len());
    for (slot, entry) in slots.into_iter().zip(entries.iter_mut()) {
        match slot {
            Ok((file, yaml_root)) => {
                let id = FileId(corpus.files.len());
                match file.kind {
                    FileKind::Taxonomy => tax_root = Some((id, yaml_root)),
                    FileKind::Nav => nav_root = Some((id, yaml_root)),
                    _ => {}
                }
                corpus.files.push(file);
                if let Some(e) = entry {
                    e.file = id;
                }
            }
            Err(problem) => {
                corpus.io_problems.push(problem);
                *entry = None;
            }
        }
    }
    // `filter_map` (unlike `flatten`) collects in place, reusing the allocation: no second
    // copy of the entries.
    #[expect(
        clippy::filter_map_identity,
        reason = "flatten() would not collect in place"
    )]
    let kept = entries.into_iter().filter_map(|e| e).collect();
    corpus.entries = kept;
    if let Some((id, root)) = tax_root {
        corpus.taxonomy.file = Some(id);
        if let Some(root) = root {
            let (tax, problems) = Taxonomy::from_yaml(id, &root);
            corpus.taxonomy = tax;
            for p in problems {
                corpus.files[id.0]
                    .problems
                    .push(LoadProblem::InvalidStructure {
                        span: p.span,
                        message: p.message,
                    });
            }
        }
    }
    if let Some((id, root)) = nav_root {
        corpus.nav.file = Some(id);
        if let Some(root) = root {
            let (nav, problems) = Nav::from_yaml(id, &root);
            corpus.nav = nav;
            for p in problems {
                corpus.files[id.0]
                    .problems
                    .push(LoadProblem::InvalidStructure {
                        span: p.span,
                        message: p.message,
                    });
            }
        }
    }
    // Loaded repos come sorted by path: look entries up by binary search. Only an unsorted
    // in-memory corpus needs a map (it would cost a copy of every path).
    if !corpus.entries.is_sorted_by(|a, b| a.path < b.path) {
        corpus.by_path = corpus
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.path.clone(), i))
            .collect();
    }
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        crate::testing::corpus_of(files)
    }

    #[test]
    fn reads_fields_locale_and_category() {
        let c = corpus(&[(
            "fr/conges/quand.md",
            "\u{feff}---\r\nid: F1\r\ntitle: Quand ?\r\ntags: [a, b]\r\nlast_reviewed: 2024-01-02\r\n---\r\nCorps.\r\n",
        )]);
        let e = &c.entries[0];
        assert!(c.files[0].bom);
        assert_eq!(e.id, "F1");
        assert_eq!(e.locale.as_deref(), Some("fr"));
        assert_eq!(e.category.as_deref(), Some("conges"));
        assert_eq!(
            e.tags.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(
            e.last_reviewed.as_ref().unwrap().value.to_string(),
            "2024-01-02"
        );
        assert_eq!(
            &c.files[0].text[e.title.as_ref().unwrap().span.clone()],
            "Quand ?"
        );
    }

    #[test]
    fn bad_inputs_become_problems() {
        let c = corpus(&[
            ("en/a/bin.md", "\0\0\0binary"),
            ("en/a/nofm.md", "# Just a title\n"),
            ("en/a/open.md", "---\ntitle: x\n"),
            ("en/a/yaml.md", "---\ntitle: \"unclosed\n---\nbody\n"),
        ]);
        assert_eq!(c.files[0].problems, vec![LoadProblem::Binary]);
        assert_eq!(c.files[1].problems, vec![LoadProblem::MissingFrontMatter]);
        assert_eq!(c.files[2].problems, vec![LoadProblem::UnclosedFrontMatter]);
        assert!(matches!(
            c.files[3].problems[0],
            LoadProblem::InvalidYaml { .. }
        ));
    }

    #[test]
    fn locales_from_paths() {
        assert!(looks_like_locale("fr"));
        assert!(looks_like_locale("pt-BR"));
        assert!(!looks_like_locale("faq"));
        assert!(!looks_like_locale("FR"));
    }
}
