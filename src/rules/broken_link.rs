//! `broken-link`: an internal link to a file that does not exist, or to an anchor that no
//! heading of the target has. External links are not checked here.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::internal_link::{self, Dest};
use super::{Context, Options, Sink};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::source::markdown::Link;
use crate::source::{Corpus, Entry, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        let corpus = ctx.corpus;
        let files = FileIndex::new(corpus);
        for entry in &corpus.entries {
            for link in &entry.body.links {
                check_link(corpus, &files, entry, link, sink);
            }
        }
    }
}

/// Folders, and files by name and by folder, for existence checks and suggestions.
struct FileIndex<'a> {
    dirs: HashSet<&'a str>,
    by_name: HashMap<&'a str, Vec<&'a str>>,
    by_dir: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> FileIndex<'a> {
    fn new(corpus: &'a Corpus) -> FileIndex<'a> {
        let mut dirs = HashSet::default();
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut by_dir: HashMap<&str, Vec<&str>> = HashMap::default();
        for path in &corpus.assets {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            by_name.entry(name).or_default().push(path);
            by_dir.entry(dir).or_default().push(path);
            let mut d = dir;
            while !d.is_empty() && dirs.insert(d) {
                d = d.rsplit_once('/').map_or("", |(p, _)| p);
            }
        }
        for v in by_name.values_mut().chain(by_dir.values_mut()) {
            v.sort_unstable();
        }
        FileIndex {
            dirs,
            by_name,
            by_dir,
        }
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
        let names = in_dir
            .iter()
            .map(|p| p.rsplit_once('/').map_or(*p, |(_, n)| n));
        let hit = super::did_you_mean(&with_md, names)?;
        in_dir
            .iter()
            .copied()
            .find(|p| p.rsplit_once('/').map_or(*p, |(_, n)| n) == hit)
    }
}

fn check_link(corpus: &Corpus, files: &FileIndex, entry: &Entry, link: &Link, sink: &mut Sink) {
    let from = entry.path.as_str();
    match internal_link::parse(from, &link.dest) {
        Dest::External | Dest::Empty => {}
        Dest::OutsideRepo => sink.push(
            sink.diag(
                entry.file,
                link.span.clone(),
                format!("link `{}` points outside the repository", link.dest),
            )
            .entry(&entry.id)
            .help("link to a file of the knowledge base, or write the full `https://` address"),
        ),
        Dest::SameFile { anchor } => check_anchor(corpus, entry, entry, link, &anchor, None, sink),
        Dest::Path {
            path,
            anchor,
            root_absolute,
            had_md,
        } => match internal_link::lookup(corpus, &path) {
            Some(target_path) => {
                let (Some(anchor), Some(target)) = (anchor, corpus.entry_by_path(&target_path))
                else {
                    return;
                };
                check_anchor(
                    corpus,
                    entry,
                    target,
                    link,
                    &anchor,
                    Some(&target_path),
                    sink,
                );
            }
            None if files.dirs.contains(path.trim_end_matches('/')) => {}
            None => {
                let mut b = sink
                    .diag(
                        entry.file,
                        link.span.clone(),
                        format!("link target `{}` does not exist", link.dest),
                    )
                    .entry(&entry.id);
                match files.suggest(&path, had_md) {
                    Some(hit) => {
                        let shown = if had_md {
                            hit
                        } else {
                            hit.strip_suffix(".md").unwrap_or(hit)
                        };
                        let mut new_dest = internal_link::link_text(from, shown, root_absolute);
                        if let Some((_, raw_anchor)) = link.dest.split_once('#') {
                            new_dest = format!("{new_dest}#{raw_anchor}");
                        }
                        let new_dest = new_dest.replace(' ', "%20");
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
        },
    }
}

/// Reports `#anchor` when no heading of `target` has it.
fn check_anchor(
    corpus: &Corpus,
    entry: &Entry,
    target: &Entry,
    link: &Link,
    anchor: &str,
    target_path: Option<&str>,
    sink: &mut Sink,
) {
    if anchor.is_empty() || anchor == "top" {
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
    if target
        .body
        .headings
        .iter()
        .any(|h| h.anchor.to_lowercase() == wanted)
    {
        return;
    }
    let message = match target_path {
        Some(p) => format!("no heading of `{p}` has the anchor `#{anchor}`"),
        None => format!("no heading of this entry has the anchor `#{anchor}`"),
    };
    let mut b = sink
        .diag(entry.file, link.span.clone(), message)
        .entry(&entry.id);
    match super::did_you_mean(
        &wanted,
        target.body.headings.iter().map(|h| h.anchor.as_str()),
    ) {
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

/// Replaces the destination inside `[text](dest)`; `None` for reference-style links, whose
/// destination is written elsewhere.
fn dest_edit(corpus: &Corpus, entry: &Entry, link: &Link, new_dest: &str) -> Option<Edit> {
    let text = corpus.text(entry.file);
    let written = text.get(link.span.clone())?;
    let at = written.rfind(link.dest.as_str())?;
    let start = link.span.start + at;
    Some(Edit {
        file: entry.file,
        range: start..start + link.dest.len(),
        replacement: new_dest.to_string(),
    })
}
