//! Each generator's rule for the public URL of a content file, and the locale and
//! translation key its path implies.
//!
//! URLs are paths from the site's base (`/faq/reset-password/`), without the base path
//! (`baseurl`) and without the host. Lookups go through [`normalize`], so `/a/b/`,
//! `/a/b`, `/a/b.html` and `/a/b/index.html` are one page.

use crate::config::Profile;
use crate::source::Entry;
use crate::source::looks_like_locale;

use super::genconfig::GeneratorConfig;

/// Where a content file sits and what its path says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placed {
    /// The public URL path, when the generator renders the file and faqlint can compute it.
    pub url: Option<String>,
    /// Locale implied by the path (`content/fr/`, `page.fr.md`, `i18n/fr/…`).
    pub locale: Option<String>,
    /// The key translations share: the path relative to the language root, without the
    /// language marker.
    pub translation_key: Option<String>,
    /// Docusaurus document id (`guides/install`).
    pub doc_id: Option<String>,
}

/// What the URL rules need besides the entry.
pub struct UrlContext<'a> {
    pub profile: Profile,
    /// Repo-relative, with a trailing `/` (or ``).
    pub site_root: &'a str,
    pub content_root: &'a str,
    pub generator: &'a GeneratorConfig,
    pub default_locale: Option<&'a str>,
    pub locales: &'a [String],
}

/// Key for URL lookups: decoded, no `index.html`, no `.html`/`.htm`, no trailing `/`,
/// lower-cased when the site matches case-insensitively.
pub fn normalize(url: &str, case_insensitive: bool) -> String {
    let mut u = url.trim().to_string();
    if !u.starts_with('/') {
        u.insert(0, '/');
    }
    for suffix in ["/index.html", "/index.htm", "/index.md", "/index"] {
        if let Some(s) = u.strip_suffix(suffix) {
            u = format!("{s}/");
        }
    }
    for ext in [".html", ".htm"] {
        if let Some(s) = u.strip_suffix(ext) {
            u = s.to_string();
        }
    }
    while u.len() > 1 && u.ends_with('/') {
        u.pop();
    }
    while u.contains("//") {
        u = u.replace("//", "/");
    }
    if case_insensitive {
        u = u.to_lowercase();
    }
    u
}

/// Splits `dir/name.ext` into (`dir` segments, stem, extension).
fn split_path(rel: &str) -> (Vec<&str>, &str, &str) {
    let mut parts: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    let file = parts.pop().unwrap_or_default();
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    (parts, stem, ext)
}

/// `a/b/` + `c` as a URL path with a trailing slash.
fn dir_url(segments: &[&str]) -> String {
    if segments.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", segments.join("/"))
    }
}

fn locale_prefix(locale: Option<&str>, ctx: &UrlContext, always: bool) -> String {
    match locale {
        Some(l) if always || Some(l) != ctx.default_locale => format!("/{l}"),
        _ => String::new(),
    }
}

fn is_locale(s: &str, ctx: &UrlContext) -> bool {
    if ctx.locales.is_empty() {
        looks_like_locale(s)
    } else {
        ctx.locales.iter().any(|l| l == s)
    }
}

/// `x.fr` → (`x`, `fr`) when `fr` is a locale.
fn lang_suffix<'s>(stem: &'s str, ctx: &UrlContext) -> (&'s str, Option<&'s str>) {
    if let Some((base, lang)) = stem.rsplit_once('.')
        && !base.is_empty()
        && is_locale(lang, ctx)
    {
        return (base, Some(lang));
    }
    (stem, None)
}

/// Hugo's `urlize` (simplified): lower-case, spaces to `-`, drop URL-unsafe punctuation.
pub fn urlize(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// Places one entry: its URL, locale and translation key, per the profile.
pub fn place(entry: &Entry, ctx: &UrlContext) -> Placed {
    match ctx.profile {
        Profile::Default => Placed::default(),
        Profile::Hugo => hugo(entry, ctx),
        Profile::Jekyll => jekyll(entry, ctx),
        Profile::Docusaurus => docusaurus(entry, ctx),
        Profile::Mkdocs => mkdocs(entry, ctx),
        Profile::Docfx => docfx(entry, ctx),
    }
}

fn hugo(entry: &Entry, ctx: &UrlContext) -> Placed {
    let generator = ctx.generator;
    // A per-language content folder first (`content/fr` declared as `contentDir`).
    let mut locale: Option<String> = None;
    let mut rel: Option<&str> = None;
    for (l, dir) in &generator.locale_dirs {
        let d = format!("{}{}/", ctx.site_root, dir.trim_matches('/'));
        if let Some(r) = entry.path.strip_prefix(&d) {
            locale = Some(l.clone());
            rel = Some(r);
            break;
        }
    }
    let rel = match rel {
        Some(r) => r,
        None => match entry.path.strip_prefix(ctx.content_root) {
            Some(r) => r,
            None => return Placed::default(),
        },
    };
    let (mut dirs, stem, _) = split_path(rel);
    if locale.is_none()
        && let Some(first) = dirs.first()
        && (generator.locales.iter().any(|l| l == first))
    {
        locale = Some((*first).to_string());
        dirs.remove(0);
    }
    let (stem, suffix_lang) = lang_suffix(stem, ctx);
    if let Some(l) = suffix_lang {
        locale = Some(l.to_string());
    }
    let key = {
        let mut k = dirs.join("/");
        if !k.is_empty() {
            k.push('/');
        }
        k.push_str(stem);
        k
    };
    let locale_for_url = locale
        .clone()
        .or_else(|| ctx.default_locale.map(str::to_string));
    let prefix = locale_prefix(
        locale_for_url.as_deref(),
        ctx,
        generator.default_locale_in_subdir,
    );
    let url = if let Some(u) = &entry.url_field {
        let u = u.value.trim();
        Some(if u.starts_with('/') {
            u.to_string()
        } else {
            format!("/{u}")
        })
    } else if stem == "_index" {
        Some(format!("{prefix}{}", dir_url(&dirs)))
    } else {
        let is_bundle = stem == "index";
        let (parent, last): (&[&str], String) = if is_bundle {
            match dirs.split_last() {
                Some((last, parent)) => (parent, (*last).to_string()),
                None => (&[], String::new()),
            }
        } else {
            (&dirs[..], stem.to_string())
        };
        let slug = entry.slug_field.as_ref().map(|s| s.value.clone());
        let section = dirs.first().copied().unwrap_or_default();
        let pattern = generator
            .permalinks
            .iter()
            .find(|(s, _)| s == section)
            .map(|(_, p)| p.as_str());
        match pattern {
            Some(p) if !dirs.is_empty() => hugo_permalink(p, entry, &dirs, &last, slug.as_deref())
                .map(|u| format!("{prefix}{u}")),
            _ => {
                let mut segs: Vec<String> = parent.iter().map(|s| (*s).to_string()).collect();
                if !last.is_empty() {
                    segs.push(slug.clone().unwrap_or(last));
                }
                if generator.ugly_urls && !is_bundle {
                    Some(format!("{prefix}/{}.html", segs.join("/")))
                } else {
                    let refs: Vec<&str> = segs.iter().map(String::as_str).collect();
                    Some(format!("{prefix}{}", dir_url(&refs)))
                }
            }
        }
    };
    Placed {
        url: url.map(|u| u.to_lowercase()),
        locale,
        translation_key: Some(key),
        doc_id: None,
    }
}

/// Expands a Hugo permalink pattern; `None` when it needs a date faqlint does not read.
fn hugo_permalink(
    pattern: &str,
    entry: &Entry,
    dirs: &[&str],
    name: &str,
    slug: Option<&str>,
) -> Option<String> {
    if pattern.contains(":year") || pattern.contains(":month") || pattern.contains(":day") {
        return None;
    }
    let title = entry.title.as_ref().map(|t| urlize(&t.value));
    let slug_or_title = slug
        .map(str::to_string)
        .or_else(|| title.clone())
        .unwrap_or_else(|| name.to_string());
    let mut out = pattern.to_string();
    for (token, value) in [
        (":slugorcontentbasename", slug.unwrap_or(name).to_string()),
        (":slugorfilename", slug.unwrap_or(name).to_string()),
        (":contentbasename", name.to_string()),
        (":filename", name.to_string()),
        (":sections", dirs.join("/")),
        (
            ":section",
            dirs.first().copied().unwrap_or_default().to_string(),
        ),
        (":title", title.unwrap_or_else(|| name.to_string())),
        (":slug", slug_or_title),
    ] {
        out = out.replace(token, &value);
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    Some(out)
}

fn jekyll(entry: &Entry, ctx: &UrlContext) -> Placed {
    let generator = ctx.generator;
    let Some(rel) = entry.path.strip_prefix(ctx.site_root) else {
        return Placed::default();
    };
    let collections_dir = generator
        .content_dir
        .as_deref()
        .map(|d| format!("{}/", d.trim_matches('/')))
        .filter(|d| d != "/")
        .unwrap_or_default();
    let in_collections = rel.strip_prefix(&collections_dir).unwrap_or(rel);
    let (dirs, stem, _) = split_path(rel);
    let site_pattern = generator
        .permalinks
        .iter()
        .find(|(k, _)| k.is_empty())
        .map(|(_, p)| p.as_str());
    let pretty = site_pattern.is_some_and(|p| p.ends_with('/'));
    let slug = entry
        .slug_field
        .as_ref()
        .map(|s| s.value.clone())
        .unwrap_or_else(|| jekyll_slugify(stem));
    let url = if let Some(p) = &entry.url_field {
        Some(expand_jekyll(
            &p.value,
            &[(":title", &slug), (":name", stem)],
        ))
    } else if let Some(first) = in_collections.split('/').next()
        && let Some(name) = first.strip_prefix('_')
        && in_collections.contains('/')
    {
        let inner = &in_collections[first.len() + 1..];
        let (idirs, istem, _) = split_path(inner);
        let path = {
            let mut p = idirs.join("/");
            if !p.is_empty() {
                p.push('/');
            }
            p.push_str(istem);
            p
        };
        if name == "posts" {
            jekyll_post(entry, istem, site_pattern.unwrap_or("date"))
        } else if generator.collections.iter().any(|c| c == name) {
            let pattern = generator
                .permalinks
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, p)| p.as_str())
                .unwrap_or("/:collection/:path:output_ext");
            let islug = entry
                .slug_field
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_else(|| jekyll_slugify(istem));
            Some(expand_jekyll(
                pattern,
                &[
                    (":collection", name),
                    (":path", &path),
                    (":name", istem),
                    (":title", &islug),
                    (":slug", &islug),
                    (":output_ext", ".html"),
                    (":categories", entry.category.as_deref().unwrap_or_default()),
                ],
            ))
        } else {
            // A collection that is not rendered, or a Jekyll special folder.
            None
        }
    } else if stem == "index" {
        Some(dir_url(&dirs))
    } else if pretty {
        let mut segs = dirs.clone();
        segs.push(stem);
        Some(dir_url(&segs))
    } else {
        let mut segs = dirs.clone();
        segs.push(stem);
        Some(format!("/{}.html", segs.join("/")))
    };
    Placed {
        url,
        locale: None,
        translation_key: None,
        doc_id: None,
    }
}

/// A post `2024-03-01-reset-password`: the site permalink style with the file's date.
fn jekyll_post(entry: &Entry, stem: &str, style: &str) -> Option<String> {
    let date = stem.get(..10)?;
    let mut ymd = date.split('-');
    let (y, m, d) = (ymd.next()?, ymd.next()?, ymd.next()?);
    let title = stem.get(11..).unwrap_or(stem);
    let pattern = match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        p => p,
    };
    if pattern.contains(":y_day") {
        return None;
    }
    let cats = entry.category.as_deref().unwrap_or_default().to_lowercase();
    Some(expand_jekyll(
        pattern,
        &[
            (":categories", &cats),
            (":year", y),
            (":month", m),
            (":day", d),
            (":title", title),
            (":slug", title),
            (":output_ext", ".html"),
        ],
    ))
}

fn expand_jekyll(pattern: &str, tokens: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    // Longest tokens first: `:categories` before `:c…`, `:output_ext` before `:out…`.
    let mut sorted: Vec<&(&str, &str)> = tokens.iter().collect();
    sorted.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    for (t, v) in sorted {
        out = out.replace(t, v);
    }
    let mut out = out.replace("//", "/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

/// Jekyll's default slugify: lower-case, runs of non-alphanumerics to `-`.
fn jekyll_slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Docusaurus's number prefixes: `01-intro`, `10.install`, `2_faq` → `intro`, `install`, `faq`.
pub fn strip_number_prefix(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits == s.len() {
        return s;
    }
    let rest = &s[digits..];
    let rest_trim = rest.trim_start_matches([' ', '-', '_', '.']);
    if rest_trim.len() == rest.len() || rest_trim.is_empty() {
        return s;
    }
    rest_trim
}

fn docusaurus(entry: &Entry, ctx: &UrlContext) -> Placed {
    let generator = ctx.generator;
    let sr = ctx.site_root;
    // The docs folder may sit outside the site folder (`path: '../docs'` in `website/`).
    let in_site = match entry.path.strip_prefix(sr) {
        Some(p) => p,
        None if entry.path.starts_with(ctx.content_root) && !ctx.content_root.is_empty() => {
            entry.path.as_str()
        }
        None => return Placed::default(),
    };
    let route = generator
        .route_base_path
        .clone()
        .unwrap_or_else(|| "docs".into());
    let route = route.trim_matches('/').to_string();
    let docs_rel = if entry.path.strip_prefix(sr).is_some() {
        ctx.content_root
            .strip_prefix(sr)
            .unwrap_or(ctx.content_root)
    } else {
        ctx.content_root
    };
    // (locale, plugin kind, path inside the plugin's folder)
    let (locale, kind, rel): (Option<String>, &str, &str) =
        if let Some(r) = in_site.strip_prefix("i18n/") {
            let Some((loc, rest)) = r.split_once('/') else {
                return Placed::default();
            };
            if let Some(r) = rest.strip_prefix("docusaurus-plugin-content-docs/current/") {
                (Some(loc.to_string()), "docs", r)
            } else if let Some(r) = rest.strip_prefix("docusaurus-plugin-content-blog/") {
                (Some(loc.to_string()), "blog", r)
            } else if let Some(r) = rest.strip_prefix("docusaurus-plugin-content-pages/") {
                (Some(loc.to_string()), "pages", r)
            } else {
                return Placed::default();
            }
        } else if let Some(r) = in_site.strip_prefix(docs_rel) {
            (None, "docs", r)
        } else if let Some(r) = in_site.strip_prefix("blog/") {
            (None, "blog", r)
        } else if let Some(r) = in_site.strip_prefix("src/pages/") {
            (None, "pages", r)
        } else {
            return Placed::default();
        };
    let prefix = locale_prefix(locale.as_deref(), ctx, false);
    let (dirs, stem, _) = split_path(rel);
    let key = format!("{kind}:{}", rel.rsplit_once('.').map_or(rel, |(s, _)| s));
    let (url, doc_id) = match kind {
        "docs" => {
            let sdirs: Vec<&str> = dirs.iter().map(|d| strip_number_prefix(d)).collect();
            let name = strip_number_prefix(stem);
            let id_last = entry
                .id_field
                .as_ref()
                .map_or(name.to_string(), |f| f.value.clone());
            let mut doc_id = sdirs.join("/");
            if !doc_id.is_empty() {
                doc_id.push('/');
            }
            doc_id.push_str(&id_last);
            let base = if route.is_empty() {
                String::new()
            } else {
                format!("/{route}")
            };
            let is_index = name.eq_ignore_ascii_case("index")
                || name.eq_ignore_ascii_case("readme")
                || sdirs.last().is_some_and(|d| d.eq_ignore_ascii_case(name));
            let url = if let Some(slug) = &entry.slug_field {
                let s = slug.value.trim();
                if s.starts_with('/') {
                    format!("{base}{s}")
                } else {
                    format!("{base}{}{s}", dir_url(&sdirs))
                }
            } else if is_index && entry.id_field.is_none() {
                format!("{base}{}", dir_url(&sdirs))
            } else {
                let mut segs = sdirs.clone();
                segs.push(&id_last);
                format!("{base}{}", dir_url(&segs))
            };
            (Some(format!("{prefix}{url}")), Some(doc_id))
        }
        "blog" => {
            let name = if stem == "index" {
                dirs.last().copied().unwrap_or(stem)
            } else {
                stem
            };
            let url = if let Some(slug) = &entry.slug_field {
                format!("/blog/{}", slug.value.trim_matches('/'))
            } else if name.len() > 11 && name.as_bytes().get(4) == Some(&b'-') {
                let (date, title) = name.split_at(10);
                format!(
                    "/blog/{}/{}",
                    date.replace('-', "/"),
                    title.trim_start_matches('-')
                )
            } else {
                format!("/blog/{name}")
            };
            (Some(format!("{prefix}{url}")), None)
        }
        _ => {
            let mut segs = dirs.clone();
            if stem != "index" {
                segs.push(stem);
            }
            (Some(format!("{prefix}{}", dir_url(&segs))), None)
        }
    };
    let default = generator
        .default_locale
        .clone()
        .or_else(|| ctx.default_locale.map(str::to_string));
    // Without `trailingSlash: true`, Docusaurus serves `/docs/a`, and relative links are
    // resolved from there.
    let url = if generator.trailing_slash == Some(true) {
        url
    } else {
        url.map(|u| {
            if u.len() > 1 {
                u.trim_end_matches('/').to_string()
            } else {
                u
            }
        })
    };
    Placed {
        url,
        locale: locale.or(default),
        translation_key: Some(key),
        doc_id,
    }
}

fn mkdocs(entry: &Entry, ctx: &UrlContext) -> Placed {
    let Some(rel) = entry.path.strip_prefix(ctx.content_root) else {
        return Placed::default();
    };
    let (mut dirs, stem, _) = split_path(rel);
    let mut locale = None;
    if !ctx.generator.locales.is_empty()
        && let Some(first) = dirs.first()
        && ctx.generator.locales.iter().any(|l| l == first)
    {
        locale = Some((*first).to_string());
        dirs.remove(0);
    }
    let (stem, lang) = lang_suffix(stem, ctx);
    if let Some(l) = lang {
        locale = Some(l.to_string());
    }
    let mut key = dirs.join("/");
    if !key.is_empty() {
        key.push('/');
    }
    key.push_str(stem);
    let prefix = locale_prefix(locale.as_deref(), ctx, false);
    let is_index = stem == "index" || stem.eq_ignore_ascii_case("readme");
    let url = if is_index {
        dir_url(&dirs)
    } else if ctx.generator.use_directory_urls {
        let mut segs = dirs.clone();
        segs.push(stem);
        dir_url(&segs)
    } else {
        let mut segs = dirs.clone();
        segs.push(stem);
        format!("/{}.html", segs.join("/"))
    };
    let default = ctx
        .generator
        .default_locale
        .clone()
        .or_else(|| ctx.default_locale.map(str::to_string));
    Placed {
        url: Some(format!("{prefix}{url}")),
        locale: locale.or(default),
        translation_key: Some(key),
        doc_id: None,
    }
}

fn docfx(entry: &Entry, ctx: &UrlContext) -> Placed {
    let sr = ctx.site_root;
    let Some(in_site) = entry.path.strip_prefix(sr) else {
        return Placed::default();
    };
    let mut url = None;
    for g in &ctx.generator.docfx_groups {
        let src = g.src.trim_matches('/');
        let src = if src == "." { "" } else { src };
        let rel = if src.is_empty() {
            Some(in_site)
        } else {
            in_site.strip_prefix(src).and_then(|r| r.strip_prefix('/'))
        };
        if let Some(rel) = rel {
            let (dirs, stem, _) = split_path(rel);
            let mut segs: Vec<&str> = g
                .dest
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .collect();
            segs.extend(dirs.iter());
            url = Some(if stem.eq_ignore_ascii_case("index") {
                dir_url(&segs)
            } else {
                segs.push(stem);
                format!("/{}", segs.join("/"))
            });
            break;
        }
    }
    if url.is_none() && ctx.generator.docfx_groups.is_empty() {
        let (dirs, stem, _) = split_path(in_site);
        let mut segs = dirs.clone();
        url = Some(if stem.eq_ignore_ascii_case("index") {
            dir_url(&segs)
        } else {
            segs.push(stem);
            format!("/{}", segs.join("/"))
        });
    }
    Placed {
        url,
        locale: None,
        translation_key: None,
        doc_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_urls() {
        assert_eq!(normalize("/a/b/", false), "/a/b");
        assert_eq!(normalize("/a/b.html", false), "/a/b");
        assert_eq!(normalize("/a/b/index.html", false), "/a/b");
        assert_eq!(normalize("/", false), "/");
        assert_eq!(normalize("/index.html", false), "/");
        assert_eq!(normalize("/A/B", true), "/a/b");
        assert_eq!(normalize("a//b/", false), "/a/b");
    }

    #[test]
    fn number_prefixes() {
        assert_eq!(strip_number_prefix("01-intro"), "intro");
        assert_eq!(strip_number_prefix("10.install"), "install");
        assert_eq!(strip_number_prefix("2_faq"), "faq");
        assert_eq!(strip_number_prefix("2024"), "2024");
        assert_eq!(strip_number_prefix("3d-printing"), "3d-printing");
        assert_eq!(strip_number_prefix("intro"), "intro");
    }

    #[test]
    fn jekyll_slugs() {
        assert_eq!(jekyll_slugify("Reset Your Password"), "reset-your-password");
        assert_eq!(
            urlize("Réinitialiser le mot de passe ?"),
            "réinitialiser-le-mot-de-passe-"
        );
    }
}
