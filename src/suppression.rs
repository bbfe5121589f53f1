//! Inline suppressions.
//!
//! - `<!-- faqlint: ignore[rule-id, other-rule] reason -->` (Markdown) or
//!   `# faqlint: ignore[rule-id] reason` (YAML): alone on a line it covers the next block
//!   (up to a blank line; in YAML the next line), trailing a line it covers that line.
//! - `ignore-file[rule-id]` covers the whole file.
//! - In front matter: `faqlint: {ignore: [{rule: review-overdue, reason: "…"}]}` covers
//!   the whole entry.
//!
//! Applied after the rules, so stale and mistyped suppressions are reported.

use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::Regex;

use crate::diagnostic::{BuildError, Diagnostic};
use crate::lint::Settings;
use crate::rules::Sink;
use crate::rules::registry;
use crate::source::{Corpus, FileId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub file: FileId,
    /// The comment or front-matter item.
    pub span: Range<usize>,
    /// Rule ids as written, with their spans.
    pub rules: Vec<(String, Range<usize>)>,
    /// The bytes it covers.
    pub scope: Range<usize>,
    pub reason: Option<String>,
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[expect(clippy::expect_used, reason = "a constant pattern, covered by tests")]
        Regex::new(
            r"(?:<!--|#)\s*faqlint:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*?)\s*(?:-->)?\s*$",
        )
        .expect("valid regex")
    })
}

/// Finds every suppression in one file.
pub fn parse_file(corpus: &Corpus, file: FileId) -> Vec<Suppression> {
    let text = corpus.text(file);
    let mut out = Vec::new();
    if !text.contains("faqlint") {
        return out;
    }
    let yaml_end = corpus
        .entry_by_path(&corpus.file(file).path)
        .and_then(|e| e.yaml_range.as_ref().map(|r| r.end))
        .unwrap_or(0);
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut pos = 0;
        for l in text.split_inclusive('\n') {
            v.push((pos, l));
            pos += l.len();
        }
        v
    };
    for (i, &(start, line)) in lines.iter().enumerate() {
        let Some(caps) = comment_re().captures(line) else {
            continue;
        };
        let Some(whole) = caps.get(0) else { continue };
        let kind = caps.get(1).map_or("", |m| m.as_str());
        let list = caps.get(2);
        let reason = caps
            .get(3)
            .map(|m| m.as_str().to_string())
            .filter(|s| !s.is_empty());
        let mut rules = Vec::new();
        if let Some(list) = list {
            let mut off = start + list.start();
            for part in list.as_str().split(',') {
                let lead = part.len() - part.trim_start().len();
                let name = part.trim();
                if !name.is_empty() {
                    rules.push((name.to_string(), off + lead..off + lead + name.len()));
                }
                off += part.len() + 1;
            }
        }
        let comment_start = start + whole.start();
        let standalone = line[..whole.start()].trim().is_empty();
        let scope = if kind == "ignore-file" {
            0..text.len()
        } else if !standalone {
            start..start + line.len()
        } else if start < yaml_end {
            // YAML comment alone on a line: the next line.
            lines
                .get(i + 1)
                .map_or(start..start, |&(s, l)| s..s + l.len())
        } else {
            // Markdown comment alone on a line: the next block, up to a blank line.
            let from = lines.get(i + 1).map_or(text.len(), |&(s, _)| s);
            let mut to = from;
            for &(s, l) in &lines[(i + 1).min(lines.len())..] {
                if l.trim().is_empty() && s > from {
                    break;
                }
                to = s + l.len();
            }
            from..to
        };
        out.push(Suppression {
            file,
            span: comment_start..start + whole.end().min(line.trim_end().len()),
            rules,
            scope,
            reason,
        });
    }
    let front_matter = corpus
        .entry_by_path(&corpus.file(file).path)
        .and_then(|entry| entry.front_matter(text));
    if let Some(ignore) = front_matter
        .as_ref()
        .and_then(|fm| fm.get("faqlint"))
        .and_then(|f| f.get("ignore"))
        .and_then(|i| i.as_seq())
    {
        for item in ignore {
            let (rule_node, reason) = match item.as_str() {
                Some(_) => (item, None),
                None => match item.get("rule") {
                    Some(r) => (
                        r,
                        item.get("reason")
                            .and_then(|r| r.as_str())
                            .map(str::to_string),
                    ),
                    None => continue,
                },
            };
            if let Some(name) = rule_node.as_str() {
                out.push(Suppression {
                    file,
                    span: item.span.clone(),
                    rules: vec![(name.to_string(), rule_node.span.clone())],
                    scope: 0..text.len(),
                    reason,
                });
            }
        }
    }
    out
}

/// Drops suppressed diagnostics. Returns the kept ones and, separately, the diagnostics
/// about the suppressions themselves (unused, unknown rule) with any internal errors.
pub fn apply(
    corpus: &Corpus,
    settings: &Settings,
    diagnostics: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, (Vec<Diagnostic>, Vec<BuildError>)) {
    let mut by_file: std::collections::HashMap<FileId, Vec<(Suppression, Vec<bool>)>> =
        std::collections::HashMap::new();
    let parsed: Vec<(usize, Vec<Suppression>)> = (0..corpus.files.len())
        .into_par_iter()
        .map(|i| (i, parse_file(corpus, FileId(i))))
        .filter(|(_, sups)| !sups.is_empty())
        .collect();
    for (i, sups) in parsed {
        {
            by_file.insert(
                FileId(i),
                sups.into_iter()
                    .map(|s| {
                        let n = s.rules.len();
                        (s, vec![false; n])
                    })
                    .collect(),
            );
        }
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    'diag: for d in diagnostics {
        if let Some(sups) = by_file.get_mut(&d.file) {
            for (s, used) in sups.iter_mut() {
                if !(s.scope.contains(&d.span.start)
                    || (s.scope.start == 0 && s.scope.end == corpus.text(d.file).len()))
                {
                    continue;
                }
                for (k, (name, _)) in s.rules.iter().enumerate() {
                    let id = registry::resolve(name).map(|(r, _)| r.id);
                    if id == Some(d.rule) {
                        used[k] = true;
                        continue 'diag;
                    }
                }
            }
        }
        kept.push(d);
    }

    let mut meta = Vec::new();
    let mut errors = Vec::new();
    let mut files: Vec<_> = by_file.into_iter().collect();
    files.sort_by_key(|(f, _)| *f);
    for rule in settings.rules.iter() {
        let id = rule.def.id;
        if id != "unused-suppression" && id != "unknown-rule-in-suppression" {
            continue;
        }
        let mut sink = Sink::new(id, rule.severity, corpus);
        for (file, sups) in &files {
            for (s, used) in sups {
                for (k, (name, span)) in s.rules.iter().enumerate() {
                    match registry::resolve(name) {
                        None if id == "unknown-rule-in-suppression" => {
                            let known = registry::all().iter().map(|r| r.id);
                            let mut b = sink.diag(
                                *file,
                                span.clone(),
                                format!("suppression names unknown rule `{name}`"),
                            );
                            b = match crate::rules::did_you_mean(name, known) {
                                Some(m) => b.help(format!("did you mean `{m}`?")),
                                None => b.help("see `faqlint rules` for rule ids"),
                            };
                            sink.push(b);
                        }
                        Some((def, _))
                            if id == "unused-suppression"
                                && !used[k]
                                && settings.is_active(def.id) =>
                        {
                            sink.push(
                                sink.diag(
                                    *file,
                                    span.clone(),
                                    format!("suppression of `{name}` matches no diagnostic"),
                                )
                                .help("remove it: the problem it silenced is gone"),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
        meta.append(&mut sink.diagnostics);
        errors.append(&mut sink.errors);
    }
    (kept, (meta, errors))
}
