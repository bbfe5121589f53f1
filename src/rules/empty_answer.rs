//! `empty-answer`: an entry whose body holds no prose, only whitespace, comments or headings.

use super::{Context, Options, Sink};
use crate::source::{Entry, FileKind, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_entry(&self, ctx: &Context, _opts: &Options, entry: &Entry, sink: &mut Sink) {
        let file = ctx.corpus.file(entry.file);
        if file.kind != FileKind::Entry || !entry.is_indexable() {
            return;
        }
        // An oversized body was not parsed; an unclosed front matter has no body to judge.
        if file.problems.iter().any(|p| {
            matches!(
                p,
                LoadProblem::Oversized { .. }
                    | LoadProblem::UnclosedFrontMatter
                    | LoadProblem::Binary
            )
        }) {
            return;
        }
        if prose_words(entry) > 0 {
            return;
        }
        // A template call (`{{< include >}}`, `{% include %}`), HTML or an MDX component
        // renders content that is not prose: the page is not empty. A code example on its
        // own is an answer on a documentation site (its front matter describes it), not in
        // an FAQ.
        let code_counts = ctx.corpus.site.is_documentation();
        let text = ctx.corpus.text(entry.file);
        if text
            .get(entry.body_range.clone())
            .is_some_and(|b| has_rendered_content(b, code_counts))
        {
            return;
        }
        let mut span = entry.anchor_span();
        if span.is_empty() {
            span = entry.body_range.start..entry.body_range.start;
        }
        let message = if entry.body.headings.is_empty() {
            "entry has no answer"
        } else {
            "answer has only headings"
        };
        sink.push(
            sink.diag(entry.file, span, message)
                .entry(&entry.id)
                .help("write the answer below the front matter, or mark the entry `draft: true` until it is ready"),
        );
    }
}

/// Words outside headings (code blocks are not counted; inline code is).
pub(crate) fn prose_words(entry: &Entry) -> usize {
    let heading_words: usize = entry
        .body
        .headings
        .iter()
        .map(|h| h.text.split_whitespace().count())
        .sum();
    entry.body.word_count.saturating_sub(heading_words)
}

/// Whether a body with no prose still holds something the generator renders: any line other
/// than code (unless `code_counts`), blank lines, ATX headings, thematic breaks and HTML comments (the caller has seen
/// no prose, so a setext heading's text cannot be an answer either).
fn has_rendered_content(body: &str, code_counts: bool) -> bool {
    let mut rest = body;
    let mut out = String::with_capacity(body.len());
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let mut fence: Option<&str> = None;
    for l in out.lines().map(str::trim) {
        if let Some(f) = fence {
            if l.starts_with(f) {
                fence = None;
            } else if code_counts && !l.is_empty() {
                return true;
            }
            continue;
        }
        if l.starts_with("```") || l.starts_with("~~~") {
            fence = Some(&l[..3]);
            continue;
        }
        if !l.is_empty() && !l.starts_with('#') && !l.chars().all(|c| c == '=' || c == '-') {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_rendered_content;

    #[test]
    fn rendered_content_is_anything_but_blank_lines_headings_and_comments() {
        for code in [false, true] {
            assert!(!has_rendered_content("", code));
            assert!(!has_rendered_content(
                "\n  \n<!-- TODO: write it -->\n",
                code
            ));
            assert!(!has_rendered_content(
                "## Steps\n\n---\n<!--\nmulti\nline\n-->\n",
                code
            ));
            assert!(!has_rendered_content(
                "<!-- never closed\n{{< x >}}\n",
                code
            ));
            assert!(has_rendered_content(
                "{{% include \"/_common/x.md\" %}}\n",
                code
            ));
            assert!(has_rendered_content("<Tabs>\n</Tabs>\n", code));
            assert!(has_rendered_content(
                "<!-- note -->\n![diagram](d.png)\n",
                code
            ));
        }
        // A code block on its own: an answer on a documentation site only.
        assert!(has_rendered_content("```go\n{{ uniq }}\n```\n", true));
        assert!(!has_rendered_content("```go\n{{ uniq }}\n```\n", false));
        assert!(!has_rendered_content("~~~\n\n~~~\n", true));
    }
}
