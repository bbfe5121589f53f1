//! Resolving a Markdown link destination to a file of the corpus, shared by
//! `broken-link` and `orphan-entry`.
//!
//! A destination is external when it has a scheme (`https:`, `mailto:`, `tel:`…) or starts
//! with `//`. Otherwise it is internal: `#anchor` (same file), `../conges/quand.md`
//! (relative to the linking file), `/fr/conges/quand.md` (relative to the repo root), with or
//! without `.md`, with a trailing `/`, a `?query` or a `#anchor`, percent-encoded or not.

use crate::source::Corpus;

/// What a destination points at, before looking it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// `https://…`, `mailto:…`, `//cdn…`: not checked here.
    External,
    /// `#anchor` within the same file (the anchor, percent-decoded).
    SameFile { anchor: String },
    /// A path inside the repo, normalised (no `.`/`..`), relative to the root.
    Path {
        path: String,
        anchor: Option<String>,
        root_absolute: bool,
        had_md: bool,
    },
    /// A relative path that climbs out of the repo.
    OutsideRepo,
    /// An empty destination (`[text]()`).
    Empty,
}

/// Parses `dest` as written in `from` (a repo-relative path).
pub fn parse(from: &str, dest: &str) -> Dest {
    let dest = dest.trim();
    if dest.is_empty() {
        return Dest::Empty;
    }
    if dest.starts_with("//") || has_scheme(dest) {
        return Dest::External;
    }
    let (before_anchor, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode(a))),
        None => (dest, None),
    };
    let path_part = before_anchor
        .split_once('?')
        .map_or(before_anchor, |(p, _)| p);
    if path_part.is_empty() {
        return match anchor {
            Some(anchor) => Dest::SameFile { anchor },
            None => Dest::Empty,
        };
    }
    let decoded = percent_decode(path_part);
    let root_absolute = decoded.starts_with('/');
    let mut parts: Vec<&str> = if root_absolute {
        Vec::new()
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Dest::OutsideRepo;
                }
            }
            s => parts.push(s),
        }
    }
    let had_md = decoded.ends_with(".md") || decoded.ends_with(".markdown");
    Dest::Path {
        path: parts.join("/"),
        anchor,
        root_absolute,
        had_md,
    }
}

/// True for `scheme:` prefixes (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !scheme.contains('/')
}

/// Decodes `%XX` escapes; invalid escapes and invalid UTF-8 are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The repo file a normalised path names: the path itself, then `path.md`,
/// `path/_index.md`, `path/index.md` (extension-less and folder links).
pub fn lookup(corpus: &Corpus, path: &str) -> Option<String> {
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return ["_index.md", "index.md", "README.md"]
            .into_iter()
            .find(|p| corpus.assets.contains(*p))
            .map(str::to_string);
    }
    if corpus.assets.contains(path) {
        return Some(path.to_string());
    }
    [
        format!("{path}.md"),
        format!("{path}.markdown"),
        format!("{path}/_index.md"),
        format!("{path}/index.md"),
    ]
    .into_iter()
    .find(|p| corpus.assets.contains(p))
}

/// The path to write in a link from `from` to `to` (both repo-relative): relative
/// (`../conges/quand.md`), or root-absolute (`/fr/conges/quand.md`) when `root_absolute`.
pub fn link_text(from: &str, to: &str, root_absolute: bool) -> String {
    if root_absolute {
        return format!("/{to}");
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_destinations() {
        let from = "fr/conges/quand.md";
        assert_eq!(parse(from, "https://service-public.fr"), Dest::External);
        assert_eq!(parse(from, "mailto:a@b.fr"), Dest::External);
        assert_eq!(parse(from, "tel:+33123"), Dest::External);
        assert_eq!(parse(from, "//cdn.example/x.png"), Dest::External);
        assert_eq!(
            parse(from, "#droits"),
            Dest::SameFile {
                anchor: "droits".into()
            }
        );
        assert_eq!(
            parse(from, "../paie/bulletin.md#cong%C3%A9s"),
            Dest::Path {
                path: "fr/paie/bulletin.md".into(),
                anchor: Some("congés".into()),
                root_absolute: false,
                had_md: true
            }
        );
        assert_eq!(
            parse(from, "/fr/paie/bulletin"),
            Dest::Path {
                path: "fr/paie/bulletin".into(),
                anchor: None,
                root_absolute: true,
                had_md: false
            }
        );
        assert_eq!(
            parse(from, "./mon%20fichier.pdf?v=2"),
            Dest::Path {
                path: "fr/conges/mon fichier.pdf".into(),
                anchor: None,
                root_absolute: false,
                had_md: false
            }
        );
        assert_eq!(parse(from, "../../../x.md"), Dest::OutsideRepo);
        assert_eq!(parse(from, ""), Dest::Empty);
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn writes_relative_links() {
        assert_eq!(
            link_text("fr/conges/quand.md", "fr/paie/bulletin.md", false),
            "../paie/bulletin.md"
        );
        assert_eq!(
            link_text("fr/conges/quand.md", "fr/conges/autre.md", false),
            "autre.md"
        );
        assert_eq!(
            link_text("fr/_index.md", "fr/paie/bulletin.md", false),
            "paie/bulletin.md"
        );
        assert_eq!(
            link_text("fr/conges/quand.md", "fr/paie/bulletin.md", true),
            "/fr/paie/bulletin.md"
        );
    }
}
