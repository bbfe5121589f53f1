//! `broken-link`: an internal link that the site generator resolves to nothing: a missing
//! file or page, or an anchor that no heading of the target has. Links are resolved the
//! way the repo's generator does ([`crate::site::resolve`]); external links, and links the
//! profile cannot judge (`unresolved-link`) or that reach a moved page (`redirected-link`),
//! are not reported here.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::site::resolve::{self, Form, Resolution, Resolved};
use crate::site::url;
use crate::source::markdown::Link;
use crate::source::{Corpus, Entry, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let files = FileIndex::new(corpus);
        let urls = UrlIndex::new(corpus);
        for (i, entry) in corpus.entries.iter().enumerate() {
            for (j, link) in entry.body.links.iter().enumerate() {
                let Some(r) = corpus.site.link(i, j) else {
                    continue;
                };
                check_link(corpus, &files, &urls, entry, link, r, sink);
            }
        }
    }
}

/// Files by name and by folder, for suggestions.
struct FileIndex<'a> {
    by_name: HashMap<&'a str, Vec<&'a str>>,
    by_dir: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> FileIndex<'a> {
    fn new(corpus: &'a Corpus) -> FileIndex<'a> {
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut by_dir: HashMap<&str, Vec<&str>> = HashMap::default();
        for path in &corpus.assets {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            by_name.entry(name).or_default().push(path);
            by_dir.entry(dir).or_default().push(path);
        }
        for v in by_name.values_mut().chain(by_dir.values_mut()) {
            v.sort_unstable();
        }
        FileIndex { by_name, by_dir }
    }

    /// A file the author probably meant: the same file name in another folder (the one
    /// sharing the longest folder prefix), else a close name in the same folder.
    fn suggest(&self, path: &str, had_md: bool) -> Option<&'a str> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let with_md = if had_md || name.contains('.') {
            name.to_string()
        } else {
            format!("{name}.md")
        };
        if let Some(same) = self.by_name.get(with_md.as_str()) {
            let shared = |p: &&str| {
                p.bytes()
                    .zip(path.bytes())
                    .take_while(|(a, b)| a == b)
                    .count()
            };
            if let Some(best) = same
                .iter()
                .max_by(|a, b| shared(a).cmp(&shared(b)).then_with(|| b.cmp(a)))
            {
                return Some(best);
            }
        }
        let in_dir = self.by_dir.get(dir)?;
        // A large folder: only the names that sort next to the wanted one (a typo keeps
        // the start of a slug), instead of an edit distance to thousands of names.
        let window = if in_dir.len() > 2_000 {
            let wanted = if dir.is_empty() {
                with_md.clone()
            } else {
                format!("{dir}/{with_md}")
            };
            let at = in_dir.partition_point(|p| *p < wanted.as_str());
            &in_dir[at.saturating_sub(64)..(at + 64).min(in_dir.len())]
        } else {
            &in_dir[..]
        };
        let names = window
            .iter()
            .map(|p| p.rsplit_once('/').map_or(*p, |(_, n)| n));
        let hit = super::did_you_mean(&with_md, names)?;
        in_dir
            .iter()
            .copied()
            .find(|p| p.rsplit_once('/').map_or(*p, |(_, n)| n) == hit)
    }
}

/// Entry URLs by last segment, for suggestions on URL-style links.
struct UrlIndex {
    by_last: HashMap<String, Vec<usize>>,
    lasts: Vec<String>,
}

impl UrlIndex {
    fn new(corpus: &Corpus) -> UrlIndex {
        let site = &corpus.site;
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for i in 0..corpus.entries.len() {
            if let Some(u) = site.url_of(i) {
                let key = url::normalize(u, true);
                let last = key.rsplit('/').next().unwrap_or_default().to_string();
                by_last.entry(last).or_default().push(i);
            }
        }
        let mut lasts: Vec<String> = by_last.keys().cloned().collect();
        lasts.sort_unstable();
        UrlIndex { by_last, lasts }
    }

    /// The entry whose URL's last segment is (close to) the wanted one, preferring the
    /// one sharing the longest prefix with the wanted URL.
    fn suggest(&self, corpus: &Corpus, wanted: &str) -> Option<usize> {
        let key = url::normalize(wanted, true);
        let last = key.rsplit('/').next().unwrap_or_default();
        if last.is_empty() {
            return None;
        }
        let hit = if self.by_last.contains_key(last) {
            last
        } else {
            super::did_you_mean(last, self.lasts.iter().map(String::as_str))?
        };
        let shared = |i: &usize| {
            corpus
                .site
                .url_of(*i)
                .map(|u| {
                    url::normalize(u, true)
                        .bytes()
                        .zip(key.bytes())
                        .take_while(|(a, b)| a == b)
                        .count()
                })
                .unwrap_or_default()
        };
        self.by_last
            .get(hit)?
            .iter()
            .copied()
            .max_by(|a, b| shared(a).cmp(&shared(b)).then_with(|| b.cmp(a)))
    }
}

fn check_link(
    corpus: &Corpus,
    files: &FileIndex,
    urls: &UrlIndex,
    entry: &Entry,
    link: &Link,
    r: &Resolved,
    sink: &mut Sink,
) {
    match &r.resolution {
        Resolution::OutsideRepo => sink.push(
            sink.diag(
                entry.file,
                link.span.clone(),
                format!(
                    "link `{}` points outside the repository",
                    super::shown_dest(&link.dest)
                ),
            )
            .entry(&entry.id)
            .help("link to a file of the knowledge base, or write the full `https://` address"),
        ),
        Resolution::SameFile { anchor } => {
            check_anchor(corpus, entry, entry, link, anchor, None, sink)
        }
        Resolution::Entry {
            index,
            anchor: Some(anchor),
        } => {
            let Some(target) = corpus.entries.get(*index) else {
                return;
            };
            check_anchor(
                corpus,
                entry,
                target,
                link,
                anchor,
                Some(&target.path),
                sink,
            );
        }
        Resolution::Broken { looked_for } => {
            let mut b = sink
                .diag(
                    entry.file,
                    link.span.clone(),
                    format!(
                        "link target `{}` does not exist",
                        super::shown_dest(&link.dest)
                    ),
                )
                .entry(&entry.id);
            match suggest(corpus, files, urls, entry, r, looked_for) {
                Some(new_dest) => {
                    b = b.help(format!("did you mean `{new_dest}`?"));
                    if let Some(edit) = dest_edit(corpus, entry, link, &new_dest) {
                        b = b.fix(Fix::new(
                            format!("link to `{new_dest}`"),
                            Applicability::Unsafe,
                            vec![edit],
                        ));
                    }
                }
                None => b = b.help("fix the path, or remove the link if the file is gone"),
            }
            sink.push(b);
        }
        _ => {}
    }
}

/// The destination to suggest for a broken link, in the link's own style.
fn suggest(
    corpus: &Corpus,
    files: &FileIndex,
    urls: &UrlIndex,
    entry: &Entry,
    r: &Resolved,
    looked_for: &str,
) -> Option<String> {
    match r.style.form {
        Form::UrlAbsolute | Form::UrlRelative => {
            let target = urls.suggest(corpus, looked_for)?;
            resolve::rewrite(&corpus.site, corpus, entry, r, target)
        }
        Form::FileRelative | Form::FileFromRoot => {
            let hit = files.suggest(looked_for, r.had_ext)?;
            if let Some(target) = corpus.entry_index_by_path(hit) {
                return resolve::rewrite(&corpus.site, corpus, entry, r, target);
            }
            // An asset (image, PDF): its path, in the link's form.
            let core = match r.style.form {
                Form::FileFromRoot => hit.to_string(),
                _ => resolve::relative_path(&entry.path, hit),
            };
            Some(format!(
                "{}{}{}",
                r.style.prefix,
                core.replace(' ', "%20"),
                r.style.suffix
            ))
        }
    }
}

/// Reports `#anchor` when no heading or explicit id of `target` has it.
fn check_anchor(
    corpus: &Corpus,
    entry: &Entry,
    target: &Entry,
    link: &Link,
    anchor: &str,
    target_path: Option<&str>,
    sink: &mut Sink,
) {
    if anchor.is_empty() || anchor == "top" || corpus.site.anchors_unreliable {
        return;
    }
    // An oversized file's body is not parsed: its headings are unknown.
    if corpus
        .file(target.file)
        .problems
        .iter()
        .any(|p| matches!(p, LoadProblem::Oversized { .. }))
    {
        return;
    }
    let wanted = anchor.to_lowercase();
    let mut known: HashSet<String> = target
        .body
        .headings
        .iter()
        .map(|h| h.anchor.to_lowercase())
        .collect();
    known.extend(target.body.anchors.iter().map(|a| a.to_lowercase()));
    if known.contains(&wanted) {
        return;
    }
    let message = match target_path {
        Some(p) => format!("no heading of `{p}` has the anchor `#{anchor}`"),
        None => format!("no heading of this entry has the anchor `#{anchor}`"),
    };
    let mut b = sink
        .diag(entry.file, link.span.clone(), message)
        .entry(&entry.id);
    let candidates = target
        .body
        .headings
        .iter()
        .map(|h| h.anchor.as_str())
        .chain(target.body.anchors.iter().map(String::as_str));
    match super::did_you_mean(&wanted, candidates) {
        Some(hit) => {
            let base = link.dest.split_once('#').map_or("", |(p, _)| p);
            let new_dest = format!("{base}#{hit}");
            b = b.help(format!("did you mean `#{hit}`?"));
            if let Some(edit) = dest_edit(corpus, entry, link, &new_dest) {
                b = b.fix(Fix::new(
                    format!("link to `{new_dest}`"),
                    Applicability::Unsafe,
                    vec![edit],
                ));
            }
        }
        None if target.body.headings.is_empty() => {
            b = b.help("the target has no headings: link to the entry without an anchor");
        }
        None => b = b.help("link to one of the target's headings, or drop the anchor"),
    }
    sink.push(b);
}

/// Replaces the destination as written: the link's `dest_span` (inside the parentheses,
/// in the reference definition, in the HTML attribute), else found inside `[text](dest)`.
pub(super) fn dest_edit(
    corpus: &Corpus,
    entry: &Entry,
    link: &Link,
    new_dest: &str,
) -> Option<Edit> {
    let text = corpus.text(entry.file);
    if let Some(span) = &link.dest_span
        && text.get(span.clone()) == Some(link.dest.as_str())
    {
        return Some(Edit {
            file: entry.file,
            range: span.clone(),
            replacement: new_dest.to_string(),
        });
    }
    let written = text.get(link.span.clone())?;
    let at = written.rfind(link.dest.as_str())?;
    let start = link.span.start + at;
    Some(Edit {
        file: entry.file,
        range: start..start + link.dest.len(),
        replacement: new_dest.to_string(),
    })
}
