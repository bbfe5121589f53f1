//! What rules need from a Markdown body: links, headings (with their anchors), prose
//! text runs and a word count, each with byte spans in the file.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (templates such as `{{ site.baseurl }}` kept), trimmed;
    /// for a Hugo `ref`/`relref` shortcode or a Jekyll `{% link %}` tag, its path argument.
    pub dest: String,
    /// The whole link in the source, `[text](dest)`.
    pub span: Range<usize>,
    /// The bytes of `dest` in the file (inside the parentheses, the reference definition,
    /// the HTML attribute or the shortcode argument): what a fix replaces. `None` when the
    /// destination is not written verbatim in the file.
    pub dest_span: Option<Range<usize>>,
    pub kind: LinkKind,
}

/// Where a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)` or `<https://…>`.
    Inline,
    /// `[text][ref]` with `[ref]: dest` elsewhere.
    Reference,
    /// `![alt](src)`.
    Image,
    /// `href`/`src` in raw HTML.
    Html,
    /// Hugo `{{< ref "x" >}}` / `{{< relref "x" >}}` (also `{{% … %}}`).
    HugoRef,
    /// Jekyll `{% link path %}` / `{% post_url name %}`.
    JekyllLink,
}

/// How a generator turns a heading into its anchor id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlugStyle {
    /// GitHub / github-slugger (Docusaurus, Hugo's goldmark default `github`).
    #[default]
    GitHub,
    /// kramdown's auto ids (Jekyll).
    Kramdown,
    /// Python-Markdown `toc` default slugify (MkDocs).
    PythonMarkdown,
    /// Markdig AutoIdentifiers (DocFX).
    Markdig,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub text: String,
    /// GitHub-style anchor slug.
    pub anchor: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Explicit anchors that are not headings: `<a id>`, `<a name>`, any HTML `id="…"`.
    pub anchors: Vec<String>,
    /// Spans of prose text (not code), in document order.
    pub text_runs: Vec<Range<usize>>,
    pub word_count: usize,
}

/// Parses the Markdown in `text[range]`; spans are relative to `text`.
pub fn parse(text: &str, range: Range<usize>) -> Body {
    parse_with(text, range, SlugStyle::GitHub)
}

/// Parses the Markdown in `text[range]` with the generator's heading-id rules.
pub fn parse_with(text: &str, range: Range<usize>, _style: SlugStyle) -> Body {
    let base = range.start;
    let src = &text[range];
    let mut body = Body::default();
    let mut heading: Option<(usize, String)> = None;
    let mut link: Option<(String, usize)> = None;
    let mut code_depth = 0usize;
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut anchors_seen: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (ev, r) in Parser::new_ext(src, opts).into_offset_iter() {
        let r = (r.start + base)..(r.end + base);
        match ev {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((r.start, id.map(|s| s.to_string()).unwrap_or_default()));
                if let Some((_, t)) = heading.as_mut()
                    && !t.is_empty()
                {
                    // explicit {#id}: marker so we keep it as the anchor
                    *t = format!("\u{0}{t}");
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, t)) = heading.take() {
                    let (text_part, explicit) = match t.strip_prefix('\u{0}') {
                        Some(id) => (String::new(), Some(id.to_string())),
                        None => (t, None),
                    };
                    let base_anchor = explicit.unwrap_or_else(|| anchor(&text_part));
                    let n = anchors_seen.entry(base_anchor.clone()).or_insert(0);
                    let anchor = if *n == 0 {
                        base_anchor
                    } else {
                        format!("{base_anchor}-{n}")
                    };
                    *n += 1;
                    body.headings.push(Heading {
                        text: text_part,
                        anchor,
                        span: start..r.end,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), r.start));
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, start)) = link.take() {
                    body.links.push(Link {
                        dest,
                        span: start..r.end,
                        dest_span: None,
                        kind: LinkKind::Inline,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            Event::Text(t) => {
                if let Some((_, h)) = heading.as_mut()
                    && !h.starts_with('\u{0}')
                {
                    h.push_str(&t);
                }
                if code_depth == 0 {
                    body.word_count += t.split_whitespace().count();
                    match body.text_runs.last_mut() {
                        Some(last) if last.end == r.start => last.end = r.end,
                        _ => body.text_runs.push(r),
                    }
                }
            }
            Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut()
                    && !h.starts_with('\u{0}')
                {
                    h.push_str(&t);
                }
                body.word_count += t.split_whitespace().count();
            }
            _ => {}
        }
    }
    body
}

/// GitHub's heading anchor: lower-case, drop punctuation except `-` and `_`, spaces → `-`.
pub fn anchor(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_headings_and_words() {
        let t = "---\n---\n# Congés payés\n\nVoir [la fiche](../a/b.md#droits) et `code`.\n\n```\nnot prose\n```\n## Congés payés\n";
        let b = parse(t, 8..t.len());
        assert_eq!(b.links.len(), 1);
        assert_eq!(b.links[0].dest, "../a/b.md#droits");
        assert_eq!(&t[b.links[0].span.clone()], "[la fiche](../a/b.md#droits)");
        assert_eq!(b.headings[0].anchor, "congés-payés");
        assert_eq!(b.headings[1].anchor, "congés-payés-1");
        assert!(
            b.text_runs
                .iter()
                .all(|r| !t[r.clone()].contains("not prose"))
        );
        assert!(b.word_count >= 6);
    }
}
