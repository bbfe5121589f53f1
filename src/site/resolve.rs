//! Resolving a link the way the site generator does: a file path (relative, `@site/`,
//! `~/`, a Hugo `ref`, a Jekyll `{% link %}`), a URL (root-absolute, relative to the page's
//! URL, behind `{{ site.baseurl }}`), or an old address that redirects.
//!
//! The result says what the link reaches and how it is written ([`Style`]), so a fix can
//! write the new destination in the link's own style.

use std::sync::LazyLock;

use regex::Regex;

use super::redirects::{self, Target};
use super::{Site, url};
use crate::config::Profile;
use crate::source::markdown::{Link, LinkKind};
use crate::source::{Corpus, Entry};

/// What a link reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Not ours to judge: `https://…` elsewhere, `mailto:`, `xref:`, a declared other site.
    Skip,
    Empty,
    /// `#anchor` in the same page.
    SameFile {
        anchor: String,
    },
    /// An entry (or navigation page) of the corpus: its index in `corpus.entries`.
    Entry {
        index: usize,
        anchor: Option<String>,
    },
    /// Another file of the repo (an image, a PDF, a folder).
    Asset {
        path: String,
    },
    /// An old address: the page now lives elsewhere.
    Redirected {
        target: Target,
        anchor: Option<String>,
    },
    /// Nothing there, and the address is in this site's space.
    Broken {
        looked_for: String,
    },
    /// Climbs out of the repository.
    OutsideRepo,
    /// Cannot be judged here: another site's path, an unknown template.
    Unresolved {
        reason: String,
    },
}

/// How the destination is written: kept when a fix rewrites it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Style {
    /// Written before the path and kept verbatim (`{{site.baseurl}}`, `@site/`, `~/`,
    /// `https://host`, the base path).
    pub prefix: String,
    pub form: Form,
    /// Written after the path and kept verbatim (`?query#anchor`, a template's closing).
    pub suffix: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Form {
    /// `../billing/refund.md`, `refund` (relative file path).
    #[default]
    FileRelative,
    /// A file path from the site or repo root (`@site/docs/a.md`, `~/a.md`, `/fr/a.md`).
    FileFromRoot,
    /// `/article/refund/`.
    UrlAbsolute,
    /// `../refund/` relative to the page's URL.
    UrlRelative,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub resolution: Resolution,
    pub style: Style,
    /// The written path had a Markdown extension (`.md`, `.mdx`).
    pub had_ext: bool,
    /// The written URL ended with `/` / with `.html`.
    pub trailing_slash: bool,
    pub html: bool,
}

impl Resolved {
    fn new(resolution: Resolution) -> Resolved {
        Resolved {
            resolution,
            style: Style::default(),
            had_ext: false,
            trailing_slash: false,
            html: false,
        }
    }
}

static LIQUID_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}\s*)+").unwrap_or_else(|_| never())
});
static LIQUID_SITE_VAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\{\{-?\s*site\.([A-Za-z0-9_]+)\s*-?\}\}").unwrap_or_else(|_| never())
});
static LIQUID_FILTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(\{\{-?\s*)(["'])([^"']*)(["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)[^}]*-?\}\})"#)
        .unwrap_or_else(|_| never())
});

/// A regex that matches nothing, for the impossible failure of a literal pattern.
fn never() -> Regex {
    #[expect(clippy::unwrap_used, reason = "a literal pattern that compiles")]
    Regex::new(r"[^\s\S]").unwrap()
}

/// True for `scheme:` prefixes (RFC 3986).
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves `link` written in entry `from` (index `from_index`).
pub fn resolve(site: &Site, corpus: &Corpus, from: &Entry, link: &Link) -> Resolved {
    let dest = link.dest.trim();
    if dest.is_empty() {
        return Resolved::new(Resolution::Empty);
    }
    match link.kind {
        LinkKind::HugoRef => return hugo_ref(site, corpus, from, dest),
        LinkKind::JekyllLink => return jekyll_link(site, corpus, dest),
        _ => {}
    }
    let mut style = Style::default();
    let mut rest = dest;
    // An address on another host (not this site's `base-urls`) is not ours to judge,
    // templates and all.
    if (rest.starts_with("//") || has_scheme(rest))
        && !site
            .base_urls
            .iter()
            .any(|b| !b.is_empty() && rest.starts_with(b.trim_end_matches('/')))
    {
        return Resolved::new(Resolution::Skip);
    }
    // A Hugo shortcode or Jekyll tag inside the destination is also extracted as its own
    // `HugoRef`/`JekyllLink` link, judged there.
    if [
        "{{<",
        "{{%",
        "{% link",
        "{%- link",
        "{% post_url",
        "{%- post_url",
    ]
    .iter()
    .any(|t| rest.contains(t))
    {
        return Resolved::new(Resolution::Skip);
    }
    // Hugo does not run templates in Markdown content: `{{ relURL … }}` is written as is.
    if site.profile == Profile::Hugo && rest.contains("{{") {
        return Resolved::new(Resolution::Broken {
            looked_for: rest.to_string(),
        });
    }
    // A Jekyll site variable holding another host's address (`{{ site.repository }}/issues`).
    if let Some(c) = LIQUID_SITE_VAR.captures(rest)
        && let Some(key) = c.get(1)
        && let Some((_, url)) = site
            .generator
            .site_urls
            .iter()
            .find(|(k, _)| k == key.as_str())
        && !site
            .base_urls
            .iter()
            .any(|b| !b.is_empty() && url.starts_with(b.trim_end_matches('/')))
    {
        return Resolved::new(Resolution::Skip);
    }
    // Templates that stand for the site's base.
    if rest.contains("{{") || rest.contains("{%") {
        if let Some(m) = LIQUID_PREFIX.find(rest) {
            style.prefix = rest[..m.end()].to_string();
            rest = &rest[m.end()..];
        } else if let Some(c) = LIQUID_FILTER.captures(rest) {
            let (Some(open), Some(q), Some(path), Some(close)) =
                (c.get(1), c.get(2), c.get(3), c.get(4))
            else {
                return Resolved::new(Resolution::Unresolved {
                    reason: "a template faqlint does not expand".into(),
                });
            };
            style.prefix = format!("{}{}", open.as_str(), q.as_str());
            style.suffix = close.as_str().to_string();
            rest = path.as_str();
        }
        if rest.contains("{{") || rest.contains("{%") {
            return Resolved::new(Resolution::Unresolved {
                reason: "a template faqlint does not expand".into(),
            });
        }
    }
    if rest.starts_with("xref:") || rest.starts_with('<') {
        return Resolved::new(Resolution::Skip);
    }
    // DocFX tab groups: `# [Linux](#tab/linux)` is a tab marker, not a link.
    if site.profile == Profile::Docfx && rest.starts_with("#tab/") {
        return Resolved::new(Resolution::Skip);
    }
    if site
        .other_sites
        .iter()
        .any(|p| !p.is_empty() && rest.starts_with(p.as_str()))
    {
        return Resolved::new(Resolution::Skip);
    }
    // An absolute URL of this very site is judged like a root-absolute link.
    if rest.starts_with("//") || has_scheme(rest) {
        let Some(base) = site
            .base_urls
            .iter()
            .find(|b| !b.is_empty() && rest.starts_with(b.trim_end_matches('/')))
        else {
            return Resolved::new(Resolution::Skip);
        };
        let cut = base.trim_end_matches('/').len();
        style.prefix.push_str(&rest[..cut]);
        rest = &rest[cut..];
        if rest.is_empty() {
            rest = "/";
        }
    }
    // Split off `?query#anchor`, kept verbatim.
    let cut = rest.find(['#', '?']).unwrap_or(rest.len());
    let (path_raw, tail) = rest.split_at(cut);
    let anchor = rest.split_once('#').map(|(_, a)| percent_decode(a));
    style.suffix = format!("{tail}{}", style.suffix);
    let path = percent_decode(path_raw);
    let mut out = Resolved::new(Resolution::Empty);
    out.had_ext = has_md_ext(&path);
    out.trailing_slash = path.ends_with('/');
    out.html = path.ends_with(".html") || path.ends_with(".htm");
    if path.is_empty() {
        out.resolution = match anchor {
            Some(a) if style.prefix.is_empty() => Resolution::SameFile { anchor: a },
            Some(a) => root_url(site, corpus, "/", a.into(), &mut out),
            None if style.prefix.is_empty() => Resolution::Empty,
            None => root_url(site, corpus, "/", None, &mut out),
        };
        out.style = style;
        return out;
    }
    // Aliases for the site root in file paths (Docusaurus `@site/`, DocFX `~/`).
    if let Some((alias, p)) = ["@site/", "~/"]
        .iter()
        .find_map(|a| path.strip_prefix(a).map(|p| (*a, p)))
    {
        style.prefix.push_str(alias);
        out.style = style;
        out.style.form = Form::FileFromRoot;
        out.resolution = file_from(site, corpus, &site.site_root, p, anchor).unwrap_or_else(|| {
            Resolution::Broken {
                looked_for: format!("{}{p}", site.site_root),
            }
        });
        return out;
    }
    if path.starts_with('/') {
        if site.profile == Profile::Default {
            // faqlint's own layout: root-absolute links are repo paths.
            out.style = style;
            out.style.form = Form::FileFromRoot;
            out.style.prefix.push('/');
            out.resolution = file_from(
                site,
                corpus,
                "",
                path.trim_start_matches('/'),
                anchor.clone(),
            )
            .or_else(|| redirect_by_url(site, &path, anchor.clone()))
            .unwrap_or_else(|| Resolution::Broken {
                looked_for: path.trim_start_matches('/').to_string(),
            });
            return out;
        }
        let mut p = path.as_str();
        if !site.base_path.is_empty()
            && let Some(r) = p.strip_prefix(site.base_path.as_str())
            && (r.is_empty() || r.starts_with('/'))
        {
            style.prefix.push_str(&site.base_path);
            p = if r.is_empty() { "/" } else { r };
        }
        // A base path learned from the site's own links (`/windows/wsl/` of a Learn doc set).
        if let Some(base) = site
            .base_segments
            .iter()
            .filter(|b| p.starts_with(b.as_str()) && p[b.len()..].starts_with('/'))
            .max_by_key(|b| b.len())
        {
            style.prefix.push_str(base);
            p = &p[base.len()..];
        }
        out.style = style;
        out.style.form = Form::UrlAbsolute;
        out.resolution = root_url(site, corpus, p, anchor, &mut out);
        return out;
    }
    // Relative: a file next to this one first, then a URL relative to the page's URL.
    out.style = style;
    out.style.form = Form::FileRelative;
    let dir = from
        .path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    // Hugo, Jekyll and Docusaurus pages are URLs: `../billing/` (no `.md`) is relative to
    // the page's URL, as a browser resolves it.
    let url_first = matches!(
        site.profile,
        Profile::Hugo | Profile::Jekyll | Profile::Docusaurus
    ) && !out.had_ext;
    if url_first
        && let Some(r) = relative_to_page_url(site, corpus, from, &path, anchor.clone(), &mut out)
    {
        out.style.form = Form::UrlRelative;
        out.resolution = r;
        return out;
    }
    if climbs_out(&dir, &path) {
        out.resolution = if url_first {
            Resolution::Broken {
                looked_for: path.clone(),
            }
        } else {
            Resolution::OutsideRepo
        };
        return out;
    }
    // mkdocs-static-i18n: from a `.fr.md` page, `x.md` is the French `x.fr.md`.
    if site.profile == Profile::Mkdocs
        && let Some(l) = from.locale.as_deref()
        && site.default_locale.as_deref() != Some(l)
        && let Some(stem) = path.strip_suffix(".md")
        && let Some(r) = file_from(
            site,
            corpus,
            &dir,
            &format!("{stem}.{l}.md"),
            anchor.clone(),
        )
    {
        out.resolution = r;
        return out;
    }
    if let Some(r) = file_from(site, corpus, &dir, &path, anchor.clone()) {
        out.resolution = r;
        return out;
    }
    // Docusaurus resolves a bare `x.md` link against the docs folder (localized first),
    // then the site folder, when it is not next to the page.
    if site.profile == Profile::Docusaurus && out.had_ext && !path.starts_with('.') {
        let mut roots = Vec::new();
        if let Some(l) = from.locale.as_deref()
            && from.path.starts_with(&format!("{}i18n/", site.site_root))
        {
            roots.push(format!(
                "{}i18n/{l}/docusaurus-plugin-content-docs/current/",
                site.site_root
            ));
        }
        roots.push(site.content_root.clone());
        roots.push(site.site_root.clone());
        for root in &roots {
            if let Some(r) = file_from(site, corpus, root, &path, anchor.clone()) {
                out.style.form = Form::FileFromRoot;
                out.resolution = r;
                return out;
            }
        }
    }
    let joined = redirects::join(&dir, &path);
    // MkDocs serves the theme's files (`theme.custom_dir`) beside the pages.
    if let Some(theme) = &site.theme_dir
        && let Some(rel) = joined.strip_prefix(site.content_root.as_str())
        && let Some(r) = file_from(site, corpus, theme, rel, None)
    {
        out.resolution = r;
        return out;
    }
    if let Some(t) = site.redirects.by_file(&joined) {
        out.resolution = Resolution::Redirected {
            target: t.clone(),
            anchor,
        };
        return out;
    }
    if site.profile != Profile::Default
        && !out.had_ext
        && !url_first
        && let Some(r) = relative_to_page_url(site, corpus, from, &path, anchor.clone(), &mut out)
    {
        out.style.form = Form::UrlRelative;
        out.resolution = r;
        return out;
    }
    // A Hugo site with a link render hook resolves links its own way (glossary links,
    // `GetPage` lookups): what faqlint cannot find there is not judged.
    if site.profile == Profile::Hugo && site.link_hook {
        out.resolution = Resolution::Unresolved {
            reason: "the site's link render hook resolves it".into(),
        };
        return out;
    }
    out.resolution = Resolution::Broken { looked_for: joined };
    out
}

/// `path` relative to the URL of the page `from`: an entry or file found there, else `None`.
fn relative_to_page_url(
    site: &Site,
    corpus: &Corpus,
    from: &Entry,
    path: &str,
    anchor: Option<String>,
    out: &mut Resolved,
) -> Option<Resolution> {
    let page_url = corpus.entry_index(from).and_then(|i| site.url_of(i))?;
    let base = if page_url.ends_with('/') {
        page_url.to_string()
    } else {
        page_url
            .rsplit_once('/')
            .map_or("/".to_string(), |(d, _)| format!("{d}/"))
    };
    if climbs_out(&base, path) {
        return None;
    }
    let abs = format!("/{}", redirects::join(&base, path));
    let r = root_url(site, corpus, &abs, anchor, out);
    (!matches!(r, Resolution::Broken { .. } | Resolution::Unresolved { .. })).then_some(r)
}

/// A root-absolute URL path (base path already removed).
fn root_url(
    site: &Site,
    corpus: &Corpus,
    path: &str,
    anchor: Option<String>,
    out: &mut Resolved,
) -> Resolution {
    if let Some(index) = site.entry_at_url(path) {
        return Resolution::Entry { index, anchor };
    }
    // Static files: `static/` (Hugo, Docusaurus), the content folder, the site root.
    let rel = path.trim_start_matches('/');
    let mut roots = site.static_dirs.clone();
    roots.push(site.content_root.clone());
    roots.push(site.site_root.clone());
    for root in &roots {
        if let Some(r) = file_from(site, corpus, root, rel, anchor.clone()) {
            if matches!(r, Resolution::Entry { .. }) {
                // A file path written as a URL (`/docs/a.md`): the generator resolves it.
                out.style.form = Form::FileFromRoot;
            }
            return r;
        }
    }
    if site
        .extra_urls
        .contains(&url::normalize(path, site.case_insensitive))
    {
        return Resolution::Asset {
            path: path.to_string(),
        };
    }
    // Docusaurus React pages: `src/pages/contact-us.js` is `/contact-us` (and
    // `/fr/contact-us` in each locale).
    if site.profile == Profile::Docusaurus {
        let p = rel.trim_end_matches('/');
        let p = match p.split_once('/') {
            Some((first, rest)) if site.declared_locales.iter().any(|l| l == first) => rest,
            _ if site.declared_locales.iter().any(|l| l == p) => "",
            _ => p,
        };
        for ext in ["js", "jsx", "ts", "tsx", "md", "mdx"] {
            for cand in [
                format!("{}src/pages/{p}.{ext}", site.site_root),
                format!("{}src/pages/{p}/index.{ext}", site.site_root),
            ] {
                if corpus.assets.contains(&cand) {
                    return Resolution::Asset { path: cand };
                }
            }
        }
    }
    if let Some(r) = redirect_by_url(site, path, anchor) {
        return r;
    }
    let key = url::normalize(path, site.case_insensitive);
    let first = key
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let own = site.own_segments.contains(first)
        || site
            .own_prefixes
            .iter()
            .any(|p| key.starts_with(p.trim_end_matches('/')));
    if own || path == "/" {
        Resolution::Broken {
            looked_for: path.to_string(),
        }
    } else {
        Resolution::Unresolved {
            reason: format!("`/{first}/` is not a section of this site"),
        }
    }
}

fn redirect_by_url(site: &Site, path: &str, anchor: Option<String>) -> Option<Resolution> {
    site.redirects
        .by_url(&url::normalize(path, site.case_insensitive))
        .map(|t| Resolution::Redirected {
            target: t.clone(),
            anchor,
        })
}

/// A file path relative to `dir` (repo-relative, with a trailing `/` or ``): the path, then
/// with a Markdown extension, then a folder's index page.
pub(crate) fn file_from(
    site: &Site,
    corpus: &Corpus,
    dir: &str,
    rel: &str,
    anchor: Option<String>,
) -> Option<Resolution> {
    if climbs_out(dir, rel) {
        return None;
    }
    let joined = redirects::join(dir, rel);
    let base = joined.trim_end_matches('/');
    let mut candidates = vec![base.to_string()];
    if !has_md_ext(base) {
        for ext in ["md", "mdx", "markdown"] {
            candidates.push(format!("{base}.{ext}"));
        }
        for index in [
            "_index.md",
            "index.md",
            "index.mdx",
            "README.md",
            "readme.md",
        ] {
            candidates.push(if base.is_empty() {
                index.to_string()
            } else {
                format!("{base}/{index}")
            });
        }
    }
    for c in candidates {
        if let Some(found) = site.asset(corpus, &c) {
            return Some(match corpus.entry_index_by_path(&found) {
                Some(index) => Resolution::Entry { index, anchor },
                None => Resolution::Asset { path: found },
            });
        }
    }
    if !base.is_empty() && corpus.has_dir(base) {
        return Some(Resolution::Asset {
            path: base.to_string(),
        });
    }
    None
}

fn climbs_out(dir: &str, rel: &str) -> bool {
    let mut depth = dir.split('/').filter(|s| !s.is_empty()).count() as i64;
    for seg in rel.split('/') {
        match seg {
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            "" | "." => {}
            _ => depth += 1,
        }
    }
    false
}

fn has_md_ext(p: &str) -> bool {
    let p = p.to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".mdx") || p.ends_with(".markdown")
}

/// Hugo `ref`/`relref`: a content path, relative to the page, then to the language's
/// content root, then to the content folder.
fn hugo_ref(site: &Site, corpus: &Corpus, from: &Entry, dest: &str) -> Resolved {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let mut out = Resolved::new(Resolution::Empty);
    out.had_ext = has_md_ext(path);
    if path.is_empty() {
        out.resolution = match anchor {
            Some(anchor) => Resolution::SameFile { anchor },
            None => Resolution::Empty,
        };
        return out;
    }
    let dir = from
        .path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let mut roots = Vec::new();
    if !path.starts_with('/') {
        roots.push(dir);
    }
    for (l, d) in &site.generator.locale_dirs {
        if from.locale.as_deref() == Some(l.as_str()) {
            roots.push(format!("{}{}/", site.site_root, d.trim_matches('/')));
        }
    }
    if let Some(l) = &from.locale {
        roots.push(format!("{}{l}/", site.content_root));
    }
    roots.push(site.content_root.clone());
    let rel = path.trim_start_matches('/');
    for root in &roots {
        if let Some(r) = file_from(site, corpus, root, rel, anchor.clone()) {
            out.resolution = r;
            return out;
        }
    }
    out.resolution = Resolution::Broken {
        looked_for: format!("{}{rel}", site.content_root),
    };
    out
}

/// Jekyll `{% link path %}` (from the site root) and `{% post_url name %}`.
fn jekyll_link(site: &Site, corpus: &Corpus, dest: &str) -> Resolved {
    let mut out = Resolved::new(Resolution::Empty);
    out.had_ext = has_md_ext(dest);
    if let Some(r) = file_from(site, corpus, &site.site_root, dest, None) {
        out.resolution = r;
        return out;
    }
    // `post_url` names a post without its extension, maybe in a sub-folder of `_posts`.
    let name = dest.rsplit('/').next().unwrap_or(dest);
    for (i, e) in corpus.entries.iter().enumerate() {
        if e.path.contains("_posts/")
            && e.path
                .rsplit('/')
                .next()
                .is_some_and(|f| f.rsplit_once('.').is_some_and(|(s, _)| s == name))
        {
            out.resolution = Resolution::Entry {
                index: i,
                anchor: None,
            };
            return out;
        }
    }
    out.resolution = Resolution::Broken {
        looked_for: dest.to_string(),
    };
    out
}

/// Decodes `%XX` escapes; invalid ones are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = bytes.get(i + 1..i + 3)
            && let Ok(h) = std::str::from_utf8(h)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The destination to write for a link that should now reach entry `target`, in the
/// link's own style. `None` when the style cannot name it (no URL known).
pub fn rewrite(
    site: &Site,
    corpus: &Corpus,
    from: &Entry,
    r: &Resolved,
    target: usize,
) -> Option<String> {
    let t = corpus.entries.get(target)?;
    let core = match r.style.form {
        Form::FileRelative => {
            let p = relative_path(&from.path, &t.path);
            if r.had_ext {
                p
            } else {
                strip_md_ext(&p).to_string()
            }
        }
        Form::FileFromRoot => {
            let root = if r.style.prefix.ends_with("@site/") || r.style.prefix.ends_with("~/") {
                site.site_root.as_str()
            } else {
                ""
            };
            let p = t.path.strip_prefix(root).unwrap_or(&t.path);
            if r.had_ext {
                p.to_string()
            } else {
                strip_md_ext(p).to_string()
            }
        }
        Form::UrlAbsolute => styled_url(site.url_of(target)?, r),
        Form::UrlRelative => {
            let from_url = corpus.entry_index(from).and_then(|i| site.url_of(i))?;
            let to = styled_url(site.url_of(target)?, r);
            let from_dir = if from_url.ends_with('/') {
                from_url.to_string()
            } else {
                from_url
                    .rsplit_once('/')
                    .map_or("/".into(), |(d, _)| format!("{d}/"))
            };
            relative_url(&from_dir, &to)
        }
    };
    // The anchor and query stay as written.
    Some(format!(
        "{}{}{}",
        r.style.prefix,
        encode_spaces(&core),
        r.style.suffix
    ))
}

/// Writes `url` with the trailing-slash / `.html` habit of the original link.
fn styled_url(u: &str, r: &Resolved) -> String {
    let bare = u.trim_end_matches('/');
    if r.html && !bare.is_empty() {
        format!("{bare}.html")
    } else if r.trailing_slash || bare.is_empty() {
        format!("{bare}/")
    } else {
        bare.to_string()
    }
}

fn strip_md_ext(p: &str) -> &str {
    for ext in [".md", ".mdx", ".markdown"] {
        if let Some(s) = p.strip_suffix(ext) {
            return s;
        }
    }
    p
}

fn encode_spaces(s: &str) -> String {
    s.replace(' ', "%20")
}

/// `../billing/refund.md` from `fr/faq/a.md` to `fr/billing/refund.md`.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .rsplit_once('/')
        .map_or(Vec::new(), |(d, _)| d.split('/').collect());
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dir, to_name) = to_parts.split_at(to_parts.len().saturating_sub(1));
    let common = from_dir
        .iter()
        .zip(to_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_dir[common..]);
    out.extend(to_name);
    out.join("/")
}

/// A URL relative to the folder URL `from_dir` (ends with `/`).
fn relative_url(from_dir: &str, to: &str) -> String {
    let f: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = to.ends_with('/');
    let t: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; f.len() - common];
    out.extend(&t[common..]);
    let mut s = out.join("/");
    if s.is_empty() {
        s.push('.');
    }
    if trailing {
        s.push('/');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_and_urls() {
        assert_eq!(relative_path("fr/a/x.md", "fr/b/y.md"), "../b/y.md");
        assert_eq!(relative_url("/faq/reset/", "/faq/billing/"), "../billing/");
        assert_eq!(relative_url("/faq/", "/faq/billing/"), "billing/");
        assert!(climbs_out("a/", "../../x"));
        assert!(!climbs_out("a/b/", "../x"));
    }

    #[test]
    fn liquid_prefixes() {
        assert!(LIQUID_PREFIX.is_match("{{site.baseurl}}/article/x/"));
        assert!(LIQUID_PREFIX.is_match("{{ site.url }}{{ site.baseurl }}/a/"));
        let c = LIQUID_FILTER
            .captures(r#"{{ "/article/x/" | relative_url }}"#)
            .unwrap();
        assert_eq!(&c[3], "/article/x/");
    }
}
