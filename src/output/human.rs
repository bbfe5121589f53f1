//! `--format human` (the default): annotated snippets for people, then a summary.
//!
//! Each diagnostic reads
//!
//! ```text
//! warning[synonym-tag]: tag `pwd` is a synonym of `password`
//!  --> en/account/reset-password.md:4:5
//!   |
//! 4 |   - pwd
//!   |     ^^^
//!   |
//!   = help: use the canonical tag `password`
//!   = fix (safe): replace `pwd` with `password`
//!   = see: faqlint explain synonym-tag
//! ```
//!
//! Only a small window of the file is handed to the renderer (the lines of the span, capped,
//! never a line longer than a few KiB), so a 10 MB file or thousands of diagnostics
//! stay cheap. Line and column come from the report's cached [`LineIndex`]es.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{
    AnnotationKind, Element, Group, Level, Origin, Patch, Renderer, Snippet,
    normalize_untrusted_str,
};

use super::{Report, Summary};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::source::FileId;

/// At most this many lines of a multi-line span are shown.
const MAX_LINES: usize = 6;
/// A window longer than this (one huge line) is not shown.
const MAX_WINDOW_BYTES: usize = 4096;
/// A fix with more edits than this is described, not shown as a diff.
const MAX_PREVIEW_EDITS: usize = 8;

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if report.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in report.diagnostics {
        let rendered = renderer.render(&diagnostic_groups(report, d));
        writeln!(out, "{rendered}")?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}",
        summary_line(&report.summary, fixable(report.diagnostics))
    )
}

/// Diagnostics with a safe fix (applied by `faqlint fix`).
pub(crate) fn fixable(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count()
}

/// `2 errors, 1 warning, 0 infos in 12 files (10 entries); 1 fixable with `faqlint fix``.
pub(crate) fn summary_line(s: &Summary, fixable: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = if s.errors + s.warnings + s.infos == 0 {
        "no diagnostics".to_string()
    } else {
        format!(
            "{}, {}, {}",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "info", "infos")
        )
    };
    line.push_str(&format!(
        " in {} ({})",
        plural(s.files, "file", "files"),
        plural(s.entries, "entry", "entries")
    ));
    if fixable > 0 {
        line.push_str(&format!("; {fixable} fixable with `faqlint fix`"));
    }
    line
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// The window of `text` shown for `span`, and the span relative to it.
struct Window<'t> {
    source: &'t str,
    first_line: usize,
    span: Range<usize>,
    /// The line is too long to show whole.
    cut: bool,
}

fn window<'t>(report: &Report, file: FileId, text: &'t str, span: &Range<usize>) -> Window<'t> {
    let idx = report.line_index(file);
    let start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    let (first_line, _) = idx.line_col(text, start);
    let (mut last_line, end_col) = idx.line_col(text, end);
    // A span that ends right after a line break ends on the previous line.
    if last_line > first_line && end_col == 1 {
        last_line -= 1;
    }
    last_line = last_line.min(first_line + MAX_LINES - 1);
    let lo = idx.line_start(first_line);
    let hi = idx.line_range(text, last_line).end.max(lo);
    // Clamp to the window (a long span is cut after MAX_LINES lines).
    end = end.min(hi).max(start);
    // A very long line (minified, or a 10 MB paragraph) is not handed to the renderer.
    let cut = hi - lo > MAX_WINDOW_BYTES;
    Window {
        source: &text[lo..hi],
        first_line,
        span: (start - lo)..(end - lo),
        cut,
    }
}

/// The source of a window, with CR line endings removed so the renderer never sees `\r`,
/// and the span shifted accordingly.
fn clean_source<'t>(w: &Window<'t>) -> (Cow<'t, str>, Range<usize>) {
    if !w.source.contains('\r') {
        return (Cow::Borrowed(w.source), w.span.clone());
    }
    let mut s = String::with_capacity(w.source.len());
    let (mut start, mut end) = (w.span.start, w.span.end);
    for (i, c) in w.source.char_indices() {
        if c == '\r' {
            if i < w.span.start {
                start -= 1;
            }
            if i < w.span.end {
                end -= 1;
            }
            continue;
        }
        s.push(c);
    }
    (Cow::Owned(s), start..end)
}

/// The source lines of a span as an annotated snippet with its path (the renderer prints
/// `--> path:line:col`), or, for a line too long to show, only the origin and a note.
fn located<'a>(
    report: &'a Report,
    file: FileId,
    span: &Range<usize>,
    kind: AnnotationKind,
    label: Option<String>,
) -> Vec<Element<'a>> {
    let text = report.corpus.text(file);
    let path = report.path(file);
    let p = report.position(file, span);
    let origin = || Origin::path(path).line(p.line).char_column(p.column);
    if text.is_empty() {
        let mut v = vec![Element::from(origin())];
        if let Some(l) = label {
            v.push(Level::NOTE.message(l).into());
        }
        return v;
    }
    let w = window(report, file, text, span);
    if w.cut {
        let mut v = vec![Element::from(origin())];
        v.push(
            Level::NOTE
                .message(format!("line {} is too long to show", p.line))
                .into(),
        );
        if let Some(l) = label {
            v.push(Level::NOTE.message(l).into());
        }
        return v;
    }
    let (source, rel) = clean_source(&w);
    let mut ann = kind.span(rel);
    if let Some(l) = label {
        ann = ann.label(l);
    }
    vec![
        Snippet::source(source)
            .line_start(w.first_line)
            .path(path)
            .annotation(ann)
            .into(),
    ]
}

fn diagnostic_groups<'a>(report: &'a Report, d: &'a Diagnostic) -> Vec<Group<'a>> {
    let mut elements = located(report, d.file, &d.span, AnnotationKind::Primary, None);
    for r in &d.related {
        let label = normalize_untrusted_str(&r.message);
        elements.extend(located(
            report,
            r.file,
            &r.span,
            AnnotationKind::Context,
            Some(label),
        ));
    }
    if let Some(h) = &d.help {
        elements.push(Level::HELP.message(normalize_untrusted_str(h)).into());
    }
    elements.push(
        Level::NOTE
            .with_name("see")
            .message(format!("faqlint explain {}", d.rule))
            .into(),
    );
    let title = level(d.severity)
        .primary_title(normalize_untrusted_str(&d.message))
        .id(d.rule);
    let mut groups = vec![title.elements(elements)];
    if let Some(f) = &d.fix {
        let fix_title = Level::HELP
            .with_name(format!("fix ({})", f.applicability.as_str()))
            .secondary_title(normalize_untrusted_str(&f.title));
        groups.push(match preview(report, f) {
            Some(snippets) => fix_title.elements(snippets),
            None => Group::with_title(fix_title),
        });
    }
    groups
}

/// The fix as a diff: one patched snippet per edit, or `None` when an edit is not
/// showable (a huge line, an empty file, too many edits).
fn preview<'a>(report: &'a Report, fix: &'a Fix) -> Option<Vec<Snippet<'a, Patch<'a>>>> {
    if fix.edits.is_empty() || fix.edits.len() > MAX_PREVIEW_EDITS {
        return None;
    }
    let mut snippets = Vec::new();
    for e in &fix.edits {
        let text = report.corpus.text(e.file);
        if text.is_empty() {
            return None;
        }
        let w = window(report, e.file, text, &e.range);
        if w.cut
            || w.span.end > w.source.len()
            || w.span.end - w.span.start < e.range.end - e.range.start
        {
            return None;
        }
        let (source, rel) = clean_source(&w);
        let replacement = normalize_untrusted_str(&e.replacement);
        snippets.push(
            Snippet::source(source)
                .line_start(w.first_line)
                .path(report.path(e.file))
                .patch(Patch::new(rel, replacement)),
        );
    }
    Some(snippets)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Config;
    use crate::diagnostic::Edit;
    use crate::source::Corpus;

    fn corpus(files: &[(&str, &[u8])]) -> Corpus {
        let files = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_vec()))
            .collect();
        Corpus::from_memory(PathBuf::from("/repo"), files, &Config::default())
    }

    fn diag(c: &Corpus, file: usize, span: Range<usize>) -> Diagnostic {
        Diagnostic::builder("missing-tags", FileId(file), span, "something is wrong")
            .help("do this")
            .build(|f| c.text(f))
            .unwrap()
    }

    fn render(c: &Corpus, ds: &[Diagnostic]) -> String {
        let report = Report::new(c, ds);
        let mut out = Vec::new();
        emit(&report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn renders_header_origin_line_help_fix_and_see() {
        let text = "---\ntitle: How?\ntags: [pwd]\n---\nBody.\n";
        let c = corpus(&[("en/a/x.md", text.as_bytes())]);
        let start = text.find("pwd").unwrap();
        let mut d = diag(&c, 0, start..start + 3);
        d.fix = Some(Fix::new(
            "replace `pwd` with `password`",
            Applicability::Safe,
            vec![Edit {
                file: FileId(0),
                range: start..start + 3,
                replacement: "password".into(),
            }],
        ));
        let out = render(&c, &[d]);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn edge_cases_do_not_panic() {
        let crlf = "---\r\ntitle: x\r\ntags: []\r\n---\r\nbody\r\n";
        let bom = "\u{feff}---\ntitle: é\n---\n";
        let long = format!("---\ntitle: x\n---\n{}\n", "é".repeat(100_000));
        let c = corpus(&[
            ("en/a/crlf.md", crlf.as_bytes()),
            ("en/a/bom.md", bom.as_bytes()),
            ("en/a/empty.md", b""),
            ("en/a/long.md", long.as_bytes()),
            ("en/a/bin.md", b"\0\0\x01binary"),
        ]);
        let crlf_len = c.text(FileId(0)).len();
        let bom_len = c.text(FileId(1)).len();
        let long_len = c.text(FileId(3)).len();
        let ds = vec![
            diag(&c, 0, 0..0),
            diag(&c, 0, 0..crlf_len),
            diag(&c, 0, crlf_len..crlf_len),
            diag(&c, 0, 5..13),
            diag(&c, 1, 0..bom_len),
            diag(&c, 1, bom_len..bom_len),
            diag(&c, 2, 0..0),
            diag(&c, 3, long_len / 2..long_len / 2 + 4),
            diag(&c, 3, long_len..long_len),
            diag(&c, 4, 0..0),
        ];
        let out = render(&c, &ds);
        assert!(!out.contains('\r'), "{out}");
        assert!(out.len() < 20_000, "long lines are cut: {}", out.len());
        insta::assert_snapshot!(out);
    }
}
