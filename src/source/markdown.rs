//! What rules need from a Markdown body: links, headings (with their anchors), explicit
//! anchors, prose text runs and a word count, each with byte spans in the file.
//!
//! The body is read the way site generators see it:
//! - **Templates.** Jekyll (Liquid `{{ … }}`, `{% … %}`) and Hugo (shortcodes `{{< … >}}`,
//!   `{{% … %}}`) expand templates *before* Markdown is rendered, so a link like
//!   `[x]({{ site.baseurl }}/a/)` is a link on the site although CommonMark sees none (its
//!   destination has spaces). The parser therefore reads a copy of the body in which every
//!   template is replaced, byte for byte, by `x` (line breaks kept), so every offset stays
//!   valid; what is reported (destinations, heading text) is read back from the original.
//!   Hugo `ref`/`relref` and Jekyll `link`/`post_url` are links of their own
//!   ([`LinkKind::HugoRef`], [`LinkKind::JekyllLink`]), inside a Markdown link or bare.
//!   Inside `{% raw %}…{% endraw %}` templates are literal text and are left alone.
//! - **Links** come from inline, reference and autolinks, images, and `href`/`src` of raw
//!   HTML (and `to` of a capitalised JSX component such as Docusaurus' `<Link to>`); never
//!   from code spans, code blocks or HTML comments.
//! - **Heading anchors** follow the generator's own slug algorithm and duplicate rule
//!   ([`SlugStyle`], implemented in [`super::slug`]), with explicit ids (`{#id}`,
//!   `{ #id .class }`, `{: #id}`, a kramdown IAL line) taking precedence.
//! - **MDX.** `import`/`export` paragraphs are not prose; JSX tags are scanned like HTML.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::slug::{self, Slugger};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (templates such as `{{ site.baseurl }}` kept, `<…>`
    /// brackets removed), trimmed; for a Hugo `ref`/`relref` shortcode or a Jekyll
    /// `{% link %}`/`{% post_url %}` tag, its path argument without quotes. An e-mail
    /// autolink `<a@b.c>` gives `mailto:a@b.c` (and no `dest_span`).
    pub dest: String,
    /// The whole link in the source: `[text](dest)`, `[text][ref]`, `<https://…>`, the
    /// HTML tag holding the attribute, or a bare shortcode / Liquid tag.
    pub span: Range<usize>,
    /// The bytes of `dest` in the file (inside the parentheses, the reference definition,
    /// the HTML attribute or the shortcode argument): what a fix replaces. When set,
    /// `&text[dest_span] == dest`. `None` when the destination is not written verbatim.
    pub dest_span: Option<Range<usize>>,
    pub kind: LinkKind,
}

/// Where a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)` or `<https://…>`.
    Inline,
    /// `[text][ref]`, `[text][]` or `[ref]` with `[ref]: dest` elsewhere (the
    /// `dest_span` points into the definition).
    Reference,
    /// `![alt](src)` or `![alt][ref]`.
    Image,
    /// `href`/`src` in raw HTML (`<a>`, `<img>`…), `to` of a JSX component (`<Link to>`).
    Html,
    /// Hugo `{{< ref "x" >}}` / `{{< relref "x" >}}` (also `{{% … %}}`), in a link or bare.
    HugoRef,
    /// Jekyll `{% link path %}` / `{% post_url name %}`, in a link or bare.
    JekyllLink,
}

/// How a generator turns a heading into its anchor id. The algorithms, and the source
/// each follows, are in [`super::slug`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlugStyle {
    /// github-slugger 2.0 (Docusaurus; GitHub's own rendering): lower-case, drop
    /// punctuation and symbols but keep Unicode letters, `-` and `_`, each space to `-`;
    /// duplicates `-1`, `-2`.
    #[default]
    GitHub,
    /// Hugo's goldmark with `autoHeadingIDType = "github"` (its default): like GitHub but
    /// computed on the heading's last line, tabs are spaces, combining marks and letter
    /// numbers are dropped, an empty slug is `heading`, and explicit ids count as taken.
    Hugo,
    /// kramdown with `input: GFM`, **Jekyll's default** (`generate_gfm_header_id`): Unicode
    /// letters kept, `--`/`---` are typographic dashes (dropped), no id when empty;
    /// duplicates `-1`, `-2` counted per base slug.
    KramdownGfm,
    /// kramdown's own parser (`input: kramdown`; `generate_id`): the raw heading source,
    /// ASCII only, leading non-letters dropped, empty is `section`.
    Kramdown,
    /// Python-Markdown `toc` default `slugify` (MkDocs): NFKD, ASCII only, runs of spaces
    /// and dashes to one `-`; duplicates `_1`, `_2`.
    PythonMarkdown,
    /// Markdig AutoIdentifiers in GitHub mode (DocFX): letters, digits, `-`, `_` and
    /// spaces (to `-`); empty is `section`; duplicates `-1`, `-2`.
    Markdig,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading's text as shown (an attribute block `{#id}` excluded).
    pub text: String,
    /// The anchor the generator gives the heading: its explicit id, else its slug made
    /// unique. Empty when the generator gives it none.
    pub anchor: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// In document order.
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Explicit anchors that are not headings: `<a id>`, `<a name>`, any HTML or JSX
    /// `id="…"` (Docusaurus `<h2 id="x">` included).
    pub anchors: Vec<String>,
    /// Spans of prose text (not code, not templates, not MDX `import`/`export`), in
    /// document order.
    pub text_runs: Vec<Range<usize>>,
    pub word_count: usize,
}

/// Parses the Markdown in `text[range]` with GitHub-style anchors; spans are relative to
/// `text`.
pub fn parse(text: &str, range: Range<usize>) -> Body {
    parse_with(text, range, SlugStyle::GitHub)
}

/// Parses the Markdown in `text[range]` with the generator's heading-id rules; spans are
/// relative to `text`. A range that is not a valid slice of `text` gives an empty body.
pub fn parse_with(text: &str, range: Range<usize>, style: SlugStyle) -> Body {
    let Some(src) = text.get(range.clone()) else {
        return Body::default();
    };
    let templates = find_templates(src);
    let masked = mask(src, &templates);
    let mut walk = Walk {
        src,
        masked: &masked,
        style,
        templates: &templates,
        template_spans: templates.iter().map(|t| t.span.clone()).collect(),
        jsx_tags: Vec::new(),
        jsx_pending: Vec::new(),
        links: Vec::new(),
        pending_refs: Vec::new(),
        anchors: Vec::new(),
        runs: Vec::new(),
        words: 0,
        code: Vec::new(),
        headings: Vec::new(),
        heading: None,
        open_links: Vec::new(),
        code_block_depth: 0,
        skip_paragraph: false,
        ial_before: None,
    };
    walk.run();
    walk.finish(range.start)
}

/// GitHub's heading anchor (github-slugger) of one heading's text, without duplicate
/// suffixes.
pub fn anchor(text: &str) -> String {
    slug::slugify(SlugStyle::GitHub, text)
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    // Without it `[^1]: note` is a reference definition and `[^1]` a link to `note`.
    .union(Options::ENABLE_FOOTNOTES);

/// A template span in the body (relative to the body).
#[derive(Debug, Clone)]
struct Template {
    span: Range<usize>,
    /// For Hugo `ref`/`relref` and Jekyll `link`/`post_url`: the link kind and the bytes
    /// of the path argument (quotes excluded).
    target: Option<(LinkKind, Range<usize>)>,
}

/// What a heading's text is made of, for the generators' different ideas of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg {
    Text,
    Code,
    /// Alt text of an image in the heading.
    Alt,
    /// A line break (setext headings).
    Break,
}

#[derive(Debug)]
struct PendingHeading {
    span: Range<usize>,
    /// From an attribute block at the end of the heading (`{#id}`, `{: #id}`).
    attr_id: Option<String>,
    /// From a kramdown block IAL line (`{: #id}`) just before or after the heading.
    ial_id: Option<String>,
    segs: Vec<(Seg, String)>,
    /// The source of the heading's content (first to last inline), for kramdown.
    raw: Option<Range<usize>>,
    image_depth: usize,
}

impl PendingHeading {
    fn explicit(&self) -> Option<&str> {
        self.ial_id.as_deref().or(self.attr_id.as_deref())
    }

    fn display(&self) -> String {
        let mut s = String::new();
        for (seg, t) in &self.segs {
            match seg {
                Seg::Break => s.push(' '),
                _ => s.push_str(t),
            }
        }
        s
    }

    /// The text the generator slugifies.
    fn slug_input(&self, style: SlugStyle, src: &str) -> String {
        if style == SlugStyle::Kramdown {
            // kramdown without `auto_id_stripping` uses the raw header text.
            return self
                .raw
                .clone()
                .and_then(|r| src.get(r))
                .unwrap_or_default()
                .to_string();
        }
        // Image alt text: part of the text content for github-slugger (mdast `toString`),
        // Hugo and Markdig; not for kramdown (`update_raw_text` skips `img`) nor
        // Python-Markdown (`itertext`).
        let alt = matches!(
            style,
            SlugStyle::GitHub | SlugStyle::Hugo | SlugStyle::Markdig
        );
        let mut s = String::new();
        for (seg, t) in &self.segs {
            match seg {
                Seg::Text if style == SlugStyle::KramdownGfm => s.push_str(&typographic(t)),
                Seg::Text | Seg::Code => s.push_str(t),
                Seg::Alt if alt => s.push_str(t),
                Seg::Alt => {}
                Seg::Break => s.push('\n'),
            }
        }
        if style == SlugStyle::Hugo {
            // Hugo `textHeadingID`: a multi-line (setext) heading's id is its last line.
            if let Some((_, last)) = s.rsplit_once('\n') {
                return last.to_string();
            }
        }
        s
    }
}

/// kramdown's typographic symbols (`TYPOGRAPHIC_SYMS` in
/// `lib/kramdown/parser/kramdown/typographic_symbol.rb`): `---`, `--`, `...`, `<< `, ` >>`,
/// `<<`, `>>` become characters (or a character and a no-break space) that the GFM id
/// generator then removes. Dropping them gives the same id.
fn typographic(t: &str) -> Cow<'_, str> {
    const SYMS: [&str; 7] = ["---", "--", "...", "<< ", " >>", "<<", ">>"];
    if !t.contains("--") && !t.contains("..") && !t.contains("<<") && !t.contains(">>") {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        match SYMS.iter().find(|s| rest.starts_with(**s)) {
            Some(s) => rest = &rest[s.len()..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

#[derive(Debug)]
struct OpenLink<'a> {
    span: Range<usize>,
    link_type: LinkType,
    dest_url: CowStr<'a>,
    label: CowStr<'a>,
    image: bool,
    /// End of the last event inside the link's text: the `](` of an inline link follows.
    inner_end: usize,
}

/// One pass over the parser's events. All ranges are relative to the body until
/// [`Walk::finish`].
struct Walk<'a> {
    /// The body as written.
    src: &'a str,
    /// The body with templates masked: what the parser reads.
    masked: &'a str,
    style: SlugStyle,
    templates: &'a [Template],
    /// The templates' spans, in order: not prose.
    template_spans: Vec<Range<usize>>,
    /// JSX tags read as text (MDX), in order: not prose.
    jsx_tags: Vec<Range<usize>>,
    /// The current paragraph's JSX tags, whose links are taken at its end.
    jsx_pending: Vec<ScannedTag>,
    links: Vec<Link>,
    /// Reference links waiting for their definition: (index in `links`, label).
    pending_refs: Vec<(usize, CowStr<'a>)>,
    anchors: Vec<String>,
    runs: Vec<Range<usize>>,
    words: usize,
    /// Code spans and blocks: templates there are not links.
    code: Vec<Range<usize>>,
    headings: Vec<PendingHeading>,
    heading: Option<PendingHeading>,
    open_links: Vec<OpenLink<'a>>,
    code_block_depth: usize,
    /// Inside an MDX `import`/`export` paragraph or a kramdown IAL line.
    skip_paragraph: bool,
    /// A kramdown IAL id waiting for the heading on the next line: (end of the IAL, id).
    ial_before: Option<(usize, String)>,
}

impl<'a> Walk<'a> {
    fn run(&mut self) {
        let mut events = Parser::new_ext(self.masked, OPTIONS).into_offset_iter();
        for (event, r) in events.by_ref() {
            self.note_inner(&r);
            self.event(event, r);
        }
        let defs = events.reference_definitions();
        for (i, label) in std::mem::take(&mut self.pending_refs) {
            let Some(def) = defs.get(&label) else {
                continue;
            };
            if let Some(ds) = definition_dest(self.masked, def.span.clone())
                && let Some(dest) = self.src.get(ds.clone())
                && let Some(link) = self.links.get_mut(i)
            {
                link.dest = dest.to_string();
                link.dest_span = Some(ds);
            }
        }
    }

    /// Widens the open link's text and the open heading's source to cover `r`.
    fn note_inner(&mut self, r: &Range<usize>) {
        if let Some(l) = self.open_links.last_mut()
            && *r != l.span
            && l.span.start <= r.start
            && r.end <= l.span.end
        {
            l.inner_end = l.inner_end.max(r.end);
        }
        if let Some(h) = self.heading.as_mut()
            && *r != h.span
        {
            h.raw = Some(match h.raw.take() {
                Some(raw) => raw.start.min(r.start)..raw.end.max(r.end),
                None => r.clone(),
            });
        }
    }

    fn event(&mut self, event: Event<'a>, r: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let ial_id = self
                    .ial_before
                    .take()
                    .filter(|(end, _)| next_line(self.masked, *end, r.start))
                    .map(|(_, id)| id);
                self.heading = Some(PendingHeading {
                    span: r,
                    attr_id: id.map(|s| s.to_string()),
                    ial_id,
                    segs: Vec::new(),
                    raw: None,
                    image_depth: 0,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = self.heading.take() {
                    h.span = h.span.start..r.end;
                    self.headings.push(h);
                }
            }
            Event::Start(Tag::Paragraph) => self.paragraph(r),
            Event::End(TagEnd::Paragraph) => {
                self.skip_paragraph = false;
                for tag in std::mem::take(&mut self.jsx_pending) {
                    if !in_code(&self.code, tag.span.start) {
                        self.emit_tag(&tag);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => self.open_link(r, link_type, dest_url, id, false),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                if let Some(h) = self.heading.as_mut() {
                    h.image_depth += 1;
                }
                self.open_link(r, link_type, dest_url, id, true);
            }
            Event::End(TagEnd::Link) => self.close_link(),
            Event::End(TagEnd::Image) => {
                if let Some(h) = self.heading.as_mut() {
                    h.image_depth = h.image_depth.saturating_sub(1);
                }
                self.close_link();
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.code_block_depth += 1;
                self.code.push(r);
            }
            Event::End(TagEnd::CodeBlock) => {
                self.code_block_depth = self.code_block_depth.saturating_sub(1);
            }
            // The whole block at once (its `Html` events are its lines).
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => self.html(r),
            Event::Text(t) => {
                // Verbatim text is read back from the original (templates unmasked).
                let shown: &str = match self.masked.get(r.clone()) {
                    Some(m) if m == &*t => self.src.get(r.clone()).unwrap_or(&t),
                    _ => &t,
                };
                if let Some(h) = self.heading.as_mut() {
                    let seg = if h.image_depth > 0 {
                        Seg::Alt
                    } else {
                        Seg::Text
                    };
                    h.segs.push((seg, shown.to_string()));
                }
                // A kramdown IAL line at the start or end of a paragraph
                // (`{: .note}`) styles it and is not shown.
                let ial_line = matches!(self.style, SlugStyle::Kramdown | SlugStyle::KramdownGfm)
                    && is_ial_line(&t);
                if self.code_block_depth == 0 && !self.skip_paragraph && !ial_line {
                    self.prose(r, &t);
                }
            }
            Event::Code(t) => {
                if let Some(h) = self.heading.as_mut() {
                    h.segs.push((Seg::Code, t.to_string()));
                }
                if !self.skip_paragraph {
                    self.words += count_words(&t);
                }
                self.code.push(r);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = self.heading.as_mut() {
                    h.segs.push((Seg::Break, String::new()));
                }
            }
            _ => {}
        }
    }

    /// MDX `import`/`export` and kramdown IAL paragraphs are not prose; an IAL id goes to
    /// the heading on the line before, or waits for one on the line after.
    fn paragraph(&mut self, r: Range<usize>) {
        let Some(p) = self.masked.get(r.clone()) else {
            return;
        };
        if is_esm(p) {
            self.skip_paragraph = true;
            return;
        }
        if p.contains('<') && (p.contains("={") || p.contains("{...")) {
            // MDX: a JSX tag with an `{…}` attribute is not HTML, so the parser gives it
            // as text. Its tags are not prose; their links are taken at the paragraph's
            // end, once its code spans are known. (Valid HTML tags in it come as
            // `InlineHtml` and are read there.)
            let tags: Vec<ScannedTag> = scan_html(self.masked, r.clone())
                .into_iter()
                .filter(|t| t.expr)
                .collect();
            self.jsx_tags.extend(tags.iter().map(|t| t.span.clone()));
            self.jsx_pending = tags;
        }
        if !matches!(self.style, SlugStyle::Kramdown | SlugStyle::KramdownGfm) {
            return;
        }
        let Some(id) = ial_paragraph(p) else {
            return;
        };
        self.skip_paragraph = true;
        let Some(id) = id else {
            return;
        };
        if let Some(h) = self.headings.last_mut()
            && next_line(self.masked, h.span.end, r.start)
        {
            h.ial_id = Some(id);
        } else {
            self.ial_before = Some((r.end, id));
        }
    }

    fn open_link(
        &mut self,
        span: Range<usize>,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        label: CowStr<'a>,
        image: bool,
    ) {
        let inner_end = span.start + if image { 2 } else { 1 };
        self.open_links.push(OpenLink {
            span,
            link_type,
            dest_url,
            label,
            image,
            inner_end,
        });
    }

    fn close_link(&mut self) {
        let Some(l) = self.open_links.pop() else {
            return;
        };
        let mut span = l.span.clone();
        let kind = if l.image {
            LinkKind::Image
        } else {
            match l.link_type {
                LinkType::Reference
                | LinkType::ReferenceUnknown
                | LinkType::Collapsed
                | LinkType::CollapsedUnknown
                | LinkType::Shortcut
                | LinkType::ShortcutUnknown => LinkKind::Reference,
                _ => LinkKind::Inline,
            }
        };
        let mut dest = l.dest_url.to_string();
        let mut dest_span = None;
        match l.link_type {
            LinkType::Inline => {
                dest_span = inline_dest(self.masked, &l);
            }
            LinkType::Autolink
                if self
                    .masked
                    .get(span.clone())
                    .is_some_and(|s| s.len() >= 2 && s.starts_with('<') && s.ends_with('>')) =>
            {
                dest_span = Some(span.start + 1..span.end - 1);
            }
            LinkType::Email => dest = format!("mailto:{dest}"),
            LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown => {
                // pulldown-cmark's range of `[text][]` stops before the `[]`.
                if matches!(
                    l.link_type,
                    LinkType::Collapsed | LinkType::CollapsedUnknown
                ) && self
                    .masked
                    .get(span.end..)
                    .is_some_and(|s| s.starts_with("[]"))
                {
                    span.end += 2;
                }
                self.pending_refs.push((self.links.len(), l.label));
            }
            _ => {}
        }
        if let Some(ds) = &dest_span {
            match self.src.get(ds.clone()) {
                Some(written) => dest = written.to_string(),
                None => dest_span = None,
            }
        }
        self.links.push(Link {
            dest,
            span,
            dest_span,
            kind,
        });
    }

    fn html(&mut self, r: Range<usize>) {
        for tag in scan_html(self.masked, r) {
            self.emit_tag(&tag);
        }
    }

    fn emit_tag(&mut self, tag: &ScannedTag) {
        for (attr, value) in &tag.attrs {
            let value = trim_span(self.src, value.clone());
            let Some(v) = self.src.get(value.clone()) else {
                continue;
            };
            match attr {
                HtmlAttr::Link => self.links.push(Link {
                    dest: v.to_string(),
                    span: tag.span.clone(),
                    dest_span: Some(value),
                    kind: LinkKind::Html,
                }),
                HtmlAttr::Anchor => {
                    // An id computed by a template is unknown here.
                    if !v.is_empty() && !overlaps(&self.template_spans, &value) {
                        self.anchors.push(v.to_string());
                    }
                }
            }
        }
    }

    /// Counts and records a text event's prose: its span minus templates and JSX tags.
    fn prose(&mut self, r: Range<usize>, t: &str) {
        let mut pieces = Vec::new();
        cut(r.clone(), &self.template_spans, &mut pieces);
        if !self.jsx_tags.is_empty() {
            let mut rest = Vec::new();
            for p in pieces {
                cut(p, &self.jsx_tags, &mut rest);
            }
            pieces = rest;
        }
        if pieces.len() == 1 && pieces.first() == Some(&r) {
            self.words += count_words(t);
        } else {
            for p in &pieces {
                self.words += self.src.get(p.clone()).map_or(0, count_words);
            }
        }
        for p in pieces {
            add_run(&mut self.runs, p);
        }
    }

    fn finish(mut self, base: usize) -> Body {
        // Links whose destination is exactly a `ref`/`relref`/`link`/`post_url` template
        // become links to its argument; other such templates outside code are bare links.
        let mut used = vec![false; self.templates.len()];
        for link in &mut self.links {
            let Some(ds) = link.dest_span.clone() else {
                continue;
            };
            let Ok(k) = self
                .templates
                .binary_search_by(|t| t.span.start.cmp(&ds.start))
            else {
                continue;
            };
            let Some(t) = self.templates.get(k) else {
                continue;
            };
            if t.span == ds
                && let Some((kind, arg)) = &t.target
                && let Some(path) = self.src.get(arg.clone())
            {
                link.kind = *kind;
                link.dest = path.to_string();
                link.dest_span = Some(arg.clone());
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
            }
        }
        for (t, used) in self.templates.iter().zip(&used) {
            if *used || in_code(&self.code, t.span.start) {
                continue;
            }
            if let Some((kind, arg)) = &t.target
                && let Some(path) = self.src.get(arg.clone())
            {
                self.links.push(Link {
                    dest: path.to_string(),
                    span: t.span.clone(),
                    dest_span: Some(arg.clone()),
                    kind: *kind,
                });
            }
        }
        self.links.sort_by_key(|l| l.span.start);

        let style = self.style;
        let mut slugger = Slugger::new(style);
        if style == SlugStyle::PythonMarkdown {
            for h in &self.headings {
                if let Some(id) = h.explicit() {
                    slugger.reserve(id);
                }
            }
        }
        let headings = self
            .headings
            .iter()
            .map(|h| {
                let anchor = match h.explicit() {
                    Some(id) => {
                        if style == SlugStyle::Hugo {
                            slugger.reserve(id);
                        }
                        id.to_string()
                    }
                    None => slugger.anchor(&h.slug_input(style, self.src)),
                };
                Heading {
                    text: h.display(),
                    anchor,
                    span: shift(&h.span, base),
                }
            })
            .collect();

        let shift_opt = |r: &Option<Range<usize>>| r.as_ref().map(|r| shift(r, base));
        Body {
            links: self
                .links
                .into_iter()
                .map(|l| Link {
                    span: shift(&l.span, base),
                    dest_span: shift_opt(&l.dest_span),
                    ..l
                })
                .collect(),
            headings,
            anchors: self.anchors,
            text_runs: self.runs.iter().map(|r| shift(r, base)).collect(),
            word_count: self.words,
        }
    }
}

/// Whether `at` is inside one of `code` (sorted by start, not overlapping: spans and
/// blocks come in document order).
fn in_code(code: &[Range<usize>], at: usize) -> bool {
    let after = code.partition_point(|c| c.start <= at);
    after
        .checked_sub(1)
        .and_then(|i| code.get(i))
        .is_some_and(|c| c.contains(&at))
}

fn shift(r: &Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

fn add_run(runs: &mut Vec<Range<usize>>, r: Range<usize>) {
    match runs.last_mut() {
        Some(last) if last.end == r.start => last.end = r.end,
        _ => runs.push(r),
    }
}

/// Whether `r` overlaps one of `spans` (sorted, not overlapping).
fn overlaps(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let first = spans.partition_point(|t| t.end <= r.start);
    spans
        .get(first)
        .is_some_and(|t| t.start < r.end.max(r.start + 1))
}

/// Pushes the parts of `r` outside `holes` (sorted, not overlapping) to `out`.
fn cut(r: Range<usize>, holes: &[Range<usize>], out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    let first = holes.partition_point(|h| h.end <= r.start);
    for h in holes.get(first..).unwrap_or_default() {
        if h.start >= r.end {
            break;
        }
        if h.start > start {
            out.push(start..h.start);
        }
        start = start.max(h.end);
    }
    if start < r.end {
        out.push(start..r.end);
    }
}

/// Whether the block starting at `start` begins on the line right after the block that
/// ends at `end` (no blank line between).
fn next_line(masked: &str, end: usize, start: usize) -> bool {
    let Some(before) = masked.get(..end) else {
        return false;
    };
    let content_end = before.trim_end_matches(['\n', '\r']).len();
    masked.get(content_end..start).is_some_and(|gap| {
        gap.bytes().filter(|&b| b == b'\n').count() == 1 && gap.trim().is_empty()
    })
}

/// An MDX ESM paragraph: `import X from '…'`, `import '…'`, `export const …`. Requires the
/// quoted module of an import so that prose ("import your contacts from Outlook") is not
/// taken for code.
fn is_esm(p: &str) -> bool {
    let t = p.trim_start();
    if let Some(rest) = t.strip_prefix("import") {
        let rest_t = rest.trim_start();
        return rest.starts_with([' ', '{', '*', '\'', '"'])
            && (rest_t.starts_with(['\'', '"'])
                || [" from '", " from \"", "}from'", "}from\""]
                    .iter()
                    .any(|k| p.contains(k)));
    }
    if let Some(rest) = t.strip_prefix("export ") {
        let w = rest.trim_start();
        return [
            "const ", "let ", "var ", "function", "default ", "class ", "async ", "{", "*",
        ]
        .iter()
        .any(|k| w.starts_with(k));
    }
    false
}

/// A whole line that is a kramdown block IAL or ALD (`{: .note}`, `{:#id}`).
fn is_ial_line(t: &str) -> bool {
    let t = t.trim();
    t.starts_with("{:") && !t.starts_with("{::") && t.ends_with('}') && t.matches('}').count() == 1
}

/// A paragraph made only of kramdown block IALs (`{: #id .class}`) or attribute list
/// definitions (`{:name: …}`): `Some` with the id it sets, if any; `None` when it is prose.
fn ial_paragraph(p: &str) -> Option<Option<String>> {
    let mut id = None;
    let mut any = false;
    for line in p.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let inner = l.strip_prefix("{:")?.strip_suffix('}')?;
        if inner.starts_with(':') {
            // `{::comment}` and other extensions are not IALs.
            return None;
        }
        any = true;
        let mut tokens = inner.split_ascii_whitespace().peekable();
        if tokens.peek().is_some_and(|t| t.ends_with(':')) {
            continue; // an ALD: defines attributes, applies to nothing here
        }
        for tok in tokens {
            if let Some(v) = tok.strip_prefix('#').filter(|v| !v.is_empty()) {
                id = Some(v.to_string());
            } else if let Some(v) = tok.strip_prefix("id=") {
                let v = v.trim_matches(['"', '\'']);
                if !v.is_empty() {
                    id = Some(v.to_string());
                }
            }
        }
    }
    any.then_some(id)
}

/// The destination of an inline link `[text](dest "title")`: after the first `](`
/// following the link text, `<…>` or a run of non-space bytes with balanced parentheses.
fn inline_dest(masked: &str, l: &OpenLink<'_>) -> Option<Range<usize>> {
    let b = masked.as_bytes();
    let end = l.span.end.min(b.len());
    let from = l.inner_end.max(l.span.start + 1);
    let open = from + masked.get(from..end)?.find("](")? + 2;
    let mut i = open;
    while i < end && matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    if b.get(i) == Some(&b'<') {
        let start = i + 1;
        let mut j = start;
        while j < end {
            match b.get(j) {
                Some(b'\\') => j += 2,
                Some(b'>') => return Some(start..j),
                Some(b'\n') | None => return None,
                Some(_) => j += 1,
            }
        }
        return None;
    }
    let start = i;
    let mut depth = 0usize;
    let mut j = i;
    while j < end {
        match b.get(j).copied().unwrap_or(b' ') {
            b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
            b'(' => {
                depth += 1;
                j += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                j += 1;
            }
            c if c <= b' ' => break,
            _ => j += 1,
        }
    }
    Some(start..j.min(end))
}

/// The destination inside a reference definition `[label]: dest "title"`.
fn definition_dest(masked: &str, span: Range<usize>) -> Option<Range<usize>> {
    let b = masked.as_bytes();
    let end = span.end.min(b.len());
    let mut i = span.start + masked.get(span.clone())?.find("]:")? + 2;
    while i < end && matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    if b.get(i) == Some(&b'<') {
        let start = i + 1;
        let close = masked.get(start..end)?.find('>')?;
        return Some(start..start + close);
    }
    let start = i;
    while i < end && b.get(i).is_some_and(|&c| c > b' ') {
        i += 1;
    }
    (i > start).then_some(start..i)
}

/// `span` without surrounding whitespace.
fn trim_span(s: &str, span: Range<usize>) -> Range<usize> {
    let Some(v) = s.get(span.clone()) else {
        return span;
    };
    let start = span.start + (v.len() - v.trim_start().len());
    let end = span.end - (v.len() - v.trim_end().len());
    start..end.max(start)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HtmlAttr {
    Link,
    Anchor,
}

/// One tag found by [`scan_html`].
#[derive(Debug, Clone)]
struct ScannedTag {
    span: Range<usize>,
    /// Has a JSX `{…}` attribute: not HTML, so the parser saw it as text.
    expr: bool,
    attrs: Vec<(HtmlAttr, Range<usize>)>,
}

/// The tags in `masked[range]`, with their link attributes (`href`, `src`; `to` on a
/// capitalised JSX component) and anchors (`id` on any element, `name` on `<a>`).
/// Comments are skipped; JSX `{…}` values are expressions, not URLs, and are skipped too.
fn scan_html(masked: &str, range: Range<usize>) -> Vec<ScannedTag> {
    let b = masked.as_bytes();
    let end = range.end.min(b.len());
    let at = |i: usize| b.get(i).copied().unwrap_or(b'>');
    let mut tags = Vec::new();
    let mut i = range.start;
    while i < end {
        let Some(off) = b
            .get(i..end)
            .and_then(|s| s.iter().position(|&c| c == b'<'))
        else {
            break;
        };
        let lt = i + off;
        if b.get(lt..end).is_some_and(|s| s.starts_with(b"<!--")) {
            i = masked
                .get(lt + 4..end)
                .and_then(|s| s.find("-->"))
                .map_or(end, |k| lt + 4 + k + 3);
            continue;
        }
        let name_start = lt + 1;
        if !at(name_start).is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let mut j = name_start;
        while j < end
            && (at(j).is_ascii_alphanumeric() || matches!(at(j), b'-' | b':' | b'.' | b'_'))
        {
            j += 1;
        }
        let tag = masked.get(name_start..j).unwrap_or_default();
        let is_a = tag.eq_ignore_ascii_case("a");
        let component = at(name_start).is_ascii_uppercase();
        let mut expr = false;
        let mut attrs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        while j < end {
            while j < end && at(j).is_ascii_whitespace() {
                j += 1;
            }
            match at(j) {
                b'>' => {
                    j += 1;
                    break;
                }
                b'/' => {
                    j += 1;
                    continue;
                }
                b'{' => {
                    expr = true;
                    j = skip_braces(b, j, end);
                    continue;
                }
                b'<' => break, // not a tag after all
                _ => {}
            }
            let an_start = j;
            while j < end
                && !at(j).is_ascii_whitespace()
                && !matches!(at(j), b'=' | b'>' | b'/' | b'"' | b'\'' | b'<' | b'{')
            {
                j += 1;
            }
            if j == an_start {
                j += 1; // a stray quote
                continue;
            }
            let name = an_start..j;
            let mut k = j;
            while k < end && at(k).is_ascii_whitespace() {
                k += 1;
            }
            if at(k) != b'=' {
                continue; // a boolean attribute
            }
            j = k + 1;
            while j < end && at(j).is_ascii_whitespace() {
                j += 1;
            }
            match at(j) {
                q @ (b'"' | b'\'') => {
                    let s = j + 1;
                    match b.get(s..end).and_then(|v| v.iter().position(|&c| c == q)) {
                        Some(len) => {
                            attrs.push((name, s..s + len));
                            j = s + len + 1;
                        }
                        None => j = end,
                    }
                }
                b'{' => {
                    expr = true;
                    j = skip_braces(b, j, end);
                }
                _ => {
                    let s = j;
                    while j < end && !at(j).is_ascii_whitespace() && at(j) != b'>' {
                        j += 1;
                    }
                    attrs.push((name, s..j));
                }
            }
        }
        let attrs = attrs
            .into_iter()
            .filter_map(|(name, value)| {
                let n = masked.get(name).unwrap_or_default();
                if n.eq_ignore_ascii_case("href")
                    || n.eq_ignore_ascii_case("src")
                    || (component && n == "to")
                {
                    Some((HtmlAttr::Link, value))
                } else if n.eq_ignore_ascii_case("id") || (is_a && n.eq_ignore_ascii_case("name")) {
                    Some((HtmlAttr::Anchor, value))
                } else {
                    None
                }
            })
            .collect();
        tags.push(ScannedTag {
            span: lt..j.min(end),
            expr,
            attrs,
        });
        i = j.max(lt + 1);
    }
    tags
}

/// The index after the `}` closing the `{` at `start` (nested braces counted).
fn skip_braces(b: &[u8], start: usize, end: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < end {
        match b.get(i) {
            Some(b'{') => depth += 1,
            Some(b'}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    end
}

/// Every Liquid (`{{ }}`, `{% %}`) and Hugo shortcode (`{{< >}}`, `{{% %}}`) span of the
/// body, in order. A span never crosses a blank line (then it is not a template but a stray
/// brace). Inside `{% raw %}…{% endraw %}` nothing is a template.
fn find_templates(src: &str) -> Vec<Template> {
    if !src.contains("{{") && !src.contains("{%") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut raw = false;
    let mut i = 0;
    // Where the next blank line and the next of each closing delimiter are, searched once
    // and reused while still ahead: the scan stays linear however many stray braces.
    let mut blank: Option<(usize, usize)> = None;
    let mut closes: [Option<(usize, Option<usize>)>; 4] = [None; 4];
    while let Some(off) = src.get(i..).and_then(|s| s.find('{')) {
        let s = i + off;
        let rest = src.get(s..).unwrap_or_default();
        let (open, close, which) = if rest.starts_with("{{<") {
            ("{{<", ">}}", 0)
        } else if rest.starts_with("{{%") {
            ("{{%", "%}}", 1)
        } else if rest.starts_with("{{") {
            ("{{", "}}", 2)
        } else if rest.starts_with("{%") {
            ("{%", "%}", 3)
        } else {
            i = s + 1;
            continue;
        };
        let inner_start = s + open.len();
        let blank_at = match blank {
            Some((from, at)) if from <= inner_start && inner_start <= at => at,
            _ => {
                let at = next_blank_line(src, inner_start);
                blank = Some((inner_start, at));
                at
            }
        };
        let close_at = match closes.get(which).copied().flatten() {
            Some((from, found))
                if from <= inner_start && found.is_none_or(|at| at >= inner_start) =>
            {
                found
            }
            _ => {
                let found = src
                    .get(inner_start..)
                    .and_then(|r| r.find(close))
                    .map(|k| inner_start + k);
                if let Some(c) = closes.get_mut(which) {
                    *c = Some((inner_start, found));
                }
                found
            }
        };
        let Some(inner_end) = close_at.filter(|&at| at < blank_at) else {
            i = inner_start;
            continue;
        };
        let inner = src.get(inner_start..inner_end).unwrap_or_default();
        let end = inner_end + close.len();
        let tokens = tokens(inner, inner_start);
        let word = |n: usize| {
            tokens
                .iter()
                .filter(|t| src.get(t.0.clone()) != Some("-"))
                .nth(n)
        };
        let first = word(0)
            .and_then(|t| src.get(t.0.clone()))
            .unwrap_or_default();
        if raw {
            if open == "{%" && first == "endraw" {
                raw = false;
                out.push(Template {
                    span: s..end,
                    target: None,
                });
                i = end;
            } else {
                i = inner_start;
            }
            continue;
        }
        if open == "{%" && first == "raw" {
            raw = true;
        }
        let kind = match (open, first) {
            ("{{<" | "{{%", "ref" | "relref") => Some(LinkKind::HugoRef),
            ("{%", "link" | "post_url") => Some(LinkKind::JekyllLink),
            _ => None,
        };
        let target = kind.and_then(|kind| {
            let arg = word(1)?;
            let value = arg.1.clone();
            let text = src.get(value.clone())?;
            // A path computed by a variable cannot be checked.
            (!text.is_empty() && !text.contains("{{")).then_some((kind, value))
        });
        out.push(Template {
            span: s..end,
            target,
        });
        i = end;
    }
    out
}

/// The start of the next blank line at or after `from` (the end of the text if none).
fn next_blank_line(src: &str, from: usize) -> usize {
    let b = src.as_bytes();
    let mut i = from;
    while let Some(k) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'\n')) {
        let nl = i + k;
        let mut j = nl + 1;
        while matches!(b.get(j), Some(b' ' | b'\t' | b'\r')) {
            j += 1;
        }
        if matches!(b.get(j), Some(b'\n') | None) {
            return nl;
        }
        i = nl + 1;
    }
    b.len()
}

/// The words of a template's inside, each as (whole token, value without quotes), offset
/// by `base`. A quoted string is one word, and so is `name="a value"` (its value is the
/// quoted part).
fn tokens(inner: &str, base: usize) -> Vec<(Range<usize>, Range<usize>)> {
    let b = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = None;
        while i < b.len() && !b.get(i).is_some_and(u8::is_ascii_whitespace) {
            let c = b.get(i).copied().unwrap_or(b' ');
            if matches!(c, b'"' | b'\'' | b'`') {
                let open = i + 1;
                let close = b
                    .get(open..)
                    .and_then(|r| r.iter().position(|&x| x == c))
                    .map_or(b.len(), |k| open + k);
                value = Some(open..close);
                i = (close + 1).min(b.len());
            } else {
                i += 1;
            }
        }
        let value = value.unwrap_or(start..i);
        out.push((start + base..i + base, value.start + base..value.end + base));
    }
    out
}

/// The body with every template replaced by `x` bytes (line breaks kept): same length,
/// same offsets, no spaces, nothing Markdown reads as syntax.
fn mask<'s>(src: &'s str, templates: &[Template]) -> Cow<'s, str> {
    if templates.is_empty() {
        return Cow::Borrowed(src);
    }
    let mut bytes = src.as_bytes().to_vec();
    for t in templates {
        if let Some(span) = bytes.get_mut(t.span.clone()) {
            // Line breaks and the indentation after them are kept, so a multi-line
            // template inside an indented code block leaves the block intact.
            let mut line_start = false;
            for b in span.iter_mut() {
                match *b {
                    b'\n' | b'\r' => line_start = true,
                    b' ' | b'\t' if line_start => {}
                    _ => {
                        line_start = false;
                        *b = b'x';
                    }
                }
            }
        }
    }
    // Templates start and end on ASCII delimiters, so whole characters were replaced.
    match String::from_utf8(bytes) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(src),
    }
}

/// `text.split_whitespace().count()`, with a byte loop for ASCII text (most of it).
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(t: &str, style: SlugStyle) -> Body {
        parse_with(t, 0..t.len(), style)
    }

    /// (kind, dest, written text at dest_span) of every link.
    fn links(t: &str, b: &Body) -> Vec<(LinkKind, String, Option<String>)> {
        b.links
            .iter()
            .map(|l| {
                let written = l.dest_span.clone().map(|r| t[r].to_string());
                if let Some(w) = &written {
                    assert_eq!(w, &l.dest, "dest_span must hold dest");
                }
                (l.kind, l.dest.clone(), written)
            })
            .collect()
    }

    fn anchors(b: &Body) -> Vec<&str> {
        b.headings.iter().map(|h| h.anchor.as_str()).collect()
    }

    #[test]
    fn word_count_matches_split_whitespace() {
        for t in ["", " a  b\tc\n", "x", "Quand\u{a0}? là", "a\u{b}b", "  "] {
            assert_eq!(count_words(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn multi_line_template_in_an_indented_code_block_stays_code() {
        let t = "=== \"base.html\"\n\n    ``` html\n    <link href=\"https://fonts.example/css?family={{\n      font.text | replace(' ', '+')\n    }}&display=fallback\">\n    ```\n\nAfter.\n";
        let b = body(t, SlugStyle::PythonMarkdown);
        assert!(b.links.is_empty(), "{:?}", b.links);
    }

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

    use LinkKind::*;

    fn l(kind: LinkKind, dest: &str) -> (LinkKind, String, Option<String>) {
        (kind, dest.to_string(), Some(dest.to_string()))
    }

    fn span_of<'t>(t: &'t str, b: &Body, i: usize) -> &'t str {
        &t[b.links[i].span.clone()]
    }

    #[test]
    fn inline_links_images_and_autolinks() {
        let t = "[a](<chemin avec espaces.md>) [b]( spaced.md  \"t\") \
                 [c](https://en.wikipedia.org/wiki/Foo_(bar)) [d]() [![img](a.png)](b.md) \
                 [e\\]f](g.md) <https://x.io/a> <contact@example.com>\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(
            links(t, &b),
            [
                l(Inline, "chemin avec espaces.md"),
                l(Inline, "spaced.md"),
                l(Inline, "https://en.wikipedia.org/wiki/Foo_(bar)"),
                l(Inline, ""),
                l(Inline, "b.md"),
                l(Image, "a.png"),
                l(Inline, "g.md"),
                l(Inline, "https://x.io/a"),
                (Inline, "mailto:contact@example.com".to_string(), None),
            ]
        );
        assert_eq!(span_of(t, &b, 4), "[![img](a.png)](b.md)");
        assert_eq!(span_of(t, &b, 5), "![img](a.png)");
        assert_eq!(span_of(t, &b, 7), "<https://x.io/a>");
    }

    #[test]
    fn reference_links_point_into_their_definition() {
        let t = "Voir [la fiche][fiche], [Fiche][] et [fiche].\n![logo][img]\n\n\
                 [fiche]: ../conges/quand.md#droits \"Titre\"\n\
                 [img]:\n  <../images/logo avec espace.png>\n[unused]: nowhere.md\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(
            links(t, &b),
            [
                l(Reference, "../conges/quand.md#droits"),
                l(Reference, "../conges/quand.md#droits"),
                l(Reference, "../conges/quand.md#droits"),
                l(Image, "../images/logo avec espace.png"),
            ]
        );
        assert_eq!(span_of(t, &b, 0), "[la fiche][fiche]");
        assert_eq!(span_of(t, &b, 1), "[Fiche][]");
        assert_eq!(span_of(t, &b, 2), "[fiche]");
        let def = t.find("../conges").unwrap();
        assert_eq!(b.links[1].dest_span, Some(def..def + 25));
    }

    #[test]
    fn footnotes_are_not_links() {
        let t = "Voir la note[^1].\n\n[^1]: Texte de la note.\n";
        assert!(body(t, SlugStyle::GitHub).links.is_empty());
    }

    #[test]
    fn nothing_from_code() {
        let t = "`[a](b.md)` et `<a href=\"c.md\">`\n\n    [indented](code.md)\n\n\
                 ```md\n[fenced](code.md) <a id=\"no\"> {{< ref \"x.md\" >}} {% link y.md %}\n```\n";
        let b = body(t, SlugStyle::GitHub);
        assert!(b.links.is_empty(), "{:?}", b.links);
        assert!(b.anchors.is_empty());
    }

    #[test]
    fn html_attributes_any_quoting() {
        let t = "<p align=\"center\"><img src=logo.png alt=\"Logo\"></p>\n\n\
                 Texte <a href='single.md' id='sid'>s</a> et <a name=old-name></a>.\n\n\
                 <!-- <a href=\"commented.md\">x</a> [md](commented2.md) -->\n\n\
                 <div id=\"{{ .Anchor }}\" class=\"x\"><a href=\" https://example.com/ \">e</a></div>\n\n\
                 <span id=\"z\" data-x=\"y\"></span>\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(
            links(t, &b),
            [
                l(Html, "logo.png"),
                l(Html, "single.md"),
                l(Html, "https://example.com/"),
            ]
        );
        assert_eq!(span_of(t, &b, 1), "<a href='single.md' id='sid'>");
        assert_eq!(b.anchors, ["sid", "old-name", "z"]);
    }

    /// A Jekyll help centre: links through `{{site.baseurl}}`, `relative_url`, `{% link %}`
    /// and `{% post_url %}`; other Liquid creates no link.
    #[test]
    fn jekyll_help_centre_templates() {
        let t = "Voir [la fiche]({{site.baseurl}}/article/foo/) et \
                 [autre]({{ site.baseurl }}/article/bar/#section).\n\
                 Aussi [filtre]({{ \"/article/baz/\" | relative_url }}), \
                 [tag]({% link _articles/qux.md %}),\n\
                 [post]({%- post_url 2020-01-01-name -%}) et \
                 <a href=\"{{ site.baseurl }}/article/a/\">a</a>.\n\n\
                 {% include note.html content=\"Pas un (lien)\" %}\n\
                 {% if page.lang == \"fr\" %}Bonjour [fr](fr.md){% endif %}\n\n\
                 Bare : {% link _articles/bare.md %}\n\n\
                 {% raw %}\n[raw]({{ not.a.template }})\n{% endraw %}\n";
        let b = body(t, SlugStyle::KramdownGfm);
        assert_eq!(
            links(t, &b),
            [
                l(Inline, "{{site.baseurl}}/article/foo/"),
                l(Inline, "{{ site.baseurl }}/article/bar/#section"),
                l(Inline, "{{ \"/article/baz/\" | relative_url }}"),
                l(JekyllLink, "_articles/qux.md"),
                l(JekyllLink, "2020-01-01-name"),
                l(Html, "{{ site.baseurl }}/article/a/"),
                l(Inline, "fr.md"),
                l(JekyllLink, "_articles/bare.md"),
            ]
        );
        assert_eq!(span_of(t, &b, 3), "[tag]({% link _articles/qux.md %})");
        assert_eq!(span_of(t, &b, 7), "{% link _articles/bare.md %}");
        let prose: Vec<&str> = b.text_runs.iter().map(|r| &t[r.clone()]).collect();
        assert!(
            prose
                .iter()
                .all(|p| !p.contains("{%") && !p.contains("site.baseurl")),
            "{prose:?}"
        );
        assert!(prose.iter().any(|p| p.contains("Bonjour")));
        // Inside `{% raw %}` the braces are shown as written: prose, not a template.
        assert!(prose.contains(&"[raw]({{ not.a.template }})"));
    }

    /// A Hugo site: `ref`/`relref` in links, bare, in HTML, with named arguments; other
    /// shortcodes are not links.
    #[test]
    fn hugo_ref_and_relref() {
        let t = "Voir [installation]({{< ref \"install.md\" >}}) et \
                 [section]({{< relref \"/docs/a#b\" >}}).\n\
                 Aussi [pct]({{% relref \"x\" %}}) et {{< ref \"bare.md\" >}} et \
                 {{<relref path=\"named.md\" lang=\"fr\">}}.\n\
                 [mixte]({{< ref \"y.md\" >}}#ancre)\n\n\
                 <a href=\"{{< relref \"html.md\" >}}\">h</a>\n\n\
                 {{< figure src=\"/img/a.png\" title=\"Pas un lien\" >}}\n\
                 {{</* ref \"escaped.md\" */>}}\n";
        let b = body(t, SlugStyle::Hugo);
        assert_eq!(
            links(t, &b),
            [
                l(HugoRef, "install.md"),
                l(HugoRef, "/docs/a#b"),
                l(HugoRef, "x"),
                l(HugoRef, "bare.md"),
                l(HugoRef, "named.md"),
                l(Inline, "{{< ref \"y.md\" >}}#ancre"),
                l(HugoRef, "y.md"),
                l(HugoRef, "html.md"),
            ]
        );
        assert_eq!(
            span_of(t, &b, 0),
            "[installation]({{< ref \"install.md\" >}})"
        );
        assert_eq!(span_of(t, &b, 3), "{{< ref \"bare.md\" >}}");
        assert_eq!(span_of(t, &b, 6), "{{< ref \"y.md\" >}}");
    }

    #[test]
    fn stray_braces_and_liquid_make_no_garbage() {
        let t = "{% assign x = \"a](b)\" %}\n\
                 Prix : {{ page.price | default: \"(gratuit)\" }} [vrai](ok.md)\n\n\
                 Un {{ orphelin\n\n[lien](x.md) {% sans fin\n";
        let b = body(t, SlugStyle::KramdownGfm);
        assert_eq!(links(t, &b), [l(Inline, "ok.md"), l(Inline, "x.md")]);
    }

    /// A Docusaurus MDX page: imports, JSX, `{#id}` headings, `<Link to>`, HTML ids.
    #[test]
    fn docusaurus_mdx_page() {
        let t = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\
                 export const toc = [];\n\n\
                 ## Installer l'application {#install}\n\n\
                 Voir [la doc](/docs/x) et <Link to=\"/docs/y\">y</Link> {props.note}.\n\n\
                 <Tabs groupId=\"os\" values={[{label: 'Mac', value: 'mac'}]}>\n  \
                 <TabItem value=\"mac\" label=\"macOS\" style={{color: 'red'}}>\n\n\
                 Contenu [mac](./mac.md).\n\n  </TabItem>\n</Tabs>\n\n\
                 <h2 id=\"explicit-html\">Titre HTML</h2>\n\n\
                 ## Configure Sync Options\n\n## Configure Sync Options\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(
            links(t, &b),
            [
                l(Inline, "/docs/x"),
                l(Html, "/docs/y"),
                l(Inline, "./mac.md"),
            ]
        );
        assert_eq!(
            anchors(&b),
            [
                "install",
                "configure-sync-options",
                "configure-sync-options-1"
            ]
        );
        assert_eq!(b.headings[0].text, "Installer l'application");
        assert_eq!(b.anchors, ["explicit-html"]);
        let prose: Vec<&str> = b.text_runs.iter().map(|r| &t[r.clone()]).collect();
        assert!(prose.iter().all(|p| !p.contains("import")), "{prose:?}");
    }

    #[test]
    fn issue_configure_sync_options_anchor() {
        let t = "## Configure Sync Options\n\nVoir [ici](#configured-sync-options).\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(anchors(&b), ["configure-sync-options"]);
        let wanted = b.links[0].dest.trim_start_matches('#');
        assert!(b.headings.iter().all(|h| h.anchor != wanted));
    }

    /// MkDocs: attr_list ids `{ #id }`, `{: #id .class }`, Python-Markdown slugs, `_1`
    /// suffixes that step around explicit ids anywhere in the page.
    #[test]
    fn mkdocs_attr_list_and_python_markdown_slugs() {
        let t = "# Congés payés\n\n## Poser un congé { #poser }\n\n\
                 ## Délais {: #delais .important }\n\n## Congés payés\n\n\
                 ## Intro\n\n## Intro {#intro_1}\n\n## Intro\n\n## C'est l'été !\n";
        let b = body(t, SlugStyle::PythonMarkdown);
        assert_eq!(
            anchors(&b),
            [
                "conges-payes",
                "poser",
                "delais",
                "conges-payes_1",
                "intro",
                "intro_1",
                "intro_2",
                "cest-lete",
            ]
        );
        assert_eq!(b.headings[1].text, "Poser un congé");
        assert_eq!(b.headings[2].text, "Délais");
    }

    /// DocFX: Markdig GitHub-mode ids, `<a name>` anchors, `xref:` links kept as written.
    #[test]
    fn docfx_markdig_ids_and_a_name() {
        let t = "# Vue d'ensemble\n\n<a name=\"legacy-anchor\"></a>\n## Étape 1 : installer\n\n\
                 Voir [l'étape](#étape-1--installer) et [xref](xref:System.String).\n\n\
                 ## Étape 1 : installer\n\n## ?\n\n## Emoji 🎉 fête\n";
        let b = body(t, SlugStyle::Markdig);
        assert_eq!(
            anchors(&b),
            [
                "vue-densemble",
                "étape-1--installer",
                "étape-1--installer-1",
                "section",
                "emoji--fête",
            ]
        );
        assert_eq!(b.anchors, ["legacy-anchor"]);
        assert_eq!(
            links(t, &b),
            [
                l(Inline, "#étape-1--installer"),
                l(Inline, "xref:System.String")
            ]
        );
    }

    /// Jekyll (kramdown, GFM input): typographic dashes, IAL lines before and after a
    /// heading, `{#id}`, duplicates.
    #[test]
    fn jekyll_kramdown_gfm_ids() {
        let t = "## Congés payés\n\n## Avant -- après\n\n### Étape 2\n{: #etape-deux}\n\n\
                 {: #before-id}\n## Titre avec IAL avant\n\n## Congés payés\n\n\
                 ## Titre {#explicite}\n\n## `code` et *emphase*\n\n{:.note}\nTexte.\nSuite.\n{: .alert}\n";
        let b = body(t, SlugStyle::KramdownGfm);
        assert_eq!(
            anchors(&b),
            [
                "congés-payés",
                "avant--après",
                "etape-deux",
                "before-id",
                "congés-payés-1",
                "explicite",
                "code-et-emphase",
            ]
        );
        let prose: Vec<&str> = b.text_runs.iter().map(|r| &t[r.clone()]).collect();
        assert!(prose.iter().all(|p| !p.contains("{:")), "{prose:?}");
    }

    /// kramdown's own parser (`input: kramdown`): raw source, ASCII only.
    #[test]
    fn kramdown_plain_ids() {
        let t = "## Congés payés\n\n## Avant -- après\n\n## Congés payés\n\n## 2. Étape\n\n\
                 ## Voir [la doc](http://x.io)\n";
        let b = body(t, SlugStyle::Kramdown);
        assert_eq!(
            anchors(&b),
            [
                "congs-pays",
                "avant----aprs",
                "congs-pays-1",
                "tape",
                "voir-la-dochttpxio"
            ]
        );
    }

    /// The IAL line is a kramdown feature: elsewhere it is text and sets nothing.
    #[test]
    fn ial_only_for_kramdown() {
        let t = "## Titre\n{: #autre}\n";
        assert_eq!(anchors(&body(t, SlugStyle::GitHub)), ["titre"]);
        assert_eq!(anchors(&body(t, SlugStyle::KramdownGfm)), ["autre"]);
    }

    /// Hugo: explicit ids count as taken in document order, setext headings use their last
    /// line, an empty slug is `heading`.
    #[test]
    fn hugo_heading_ids() {
        let t = "## Congés payés {#conges}\n\n## Congés payés\n\n## Conges\n\n## !!!\n\n\
                 Première ligne\nseconde ligne\n---\n";
        let b = body(t, SlugStyle::Hugo);
        assert_eq!(
            anchors(&b),
            [
                "conges",
                "congés-payés",
                "conges-1",
                "heading",
                "seconde-ligne"
            ]
        );
        assert_eq!(b.headings[4].text, "Première ligne seconde ligne");
    }

    #[test]
    fn french_accents_per_style() {
        let t = "## Congés payés\n";
        let a = |s| body(t, s).headings[0].anchor.clone();
        assert_eq!(a(SlugStyle::GitHub), "congés-payés");
        assert_eq!(a(SlugStyle::Hugo), "congés-payés");
        assert_eq!(a(SlugStyle::KramdownGfm), "congés-payés");
        assert_eq!(a(SlugStyle::Kramdown), "congs-pays");
        assert_eq!(a(SlugStyle::PythonMarkdown), "conges-payes");
        assert_eq!(a(SlugStyle::Markdig), "congés-payés");
    }

    #[test]
    fn heading_text_with_templates_and_images() {
        let t = "## Bienvenue sur {{ site.title }} ![logo](l.png)\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(b.headings[0].text, "Bienvenue sur {{ site.title }} logo");
        assert_eq!(b.headings[0].anchor, "bienvenue-sur--sitetitle--logo");
        let py = body(t, SlugStyle::PythonMarkdown);
        assert_eq!(py.headings[0].anchor, "bienvenue-sur-sitetitle");
    }

    #[test]
    fn spans_are_relative_to_the_whole_text() {
        let t = "---\ntitle: x\n---\n## Titre\n[a]({{ site.baseurl }}/b/) <a id=\"i\">\n";
        let start = t.find("## ").unwrap();
        let b = parse(t, start..t.len());
        assert_eq!(&t[b.headings[0].span.clone()], "## Titre\n");
        assert_eq!(
            &t[b.links[0].dest_span.clone().unwrap()],
            "{{ site.baseurl }}/b/"
        );
        assert_eq!(b.anchors, ["i"]);
    }

    #[test]
    fn multi_line_liquid_and_template_definitions() {
        let t = "{% include callout.html\n   content=\"Voir (ceci) [pas](un-lien)\" %}\n\n\
                 Voir [la fiche][fiche] et [base][b].\n\n\
                 [fiche]: {% link _articles/fiche.md %}\n\
                 [b]: {{ site.baseurl }}/article/base/\n";
        let b = body(t, SlugStyle::KramdownGfm);
        assert_eq!(
            links(t, &b),
            [
                l(JekyllLink, "_articles/fiche.md"),
                l(Reference, "{{ site.baseurl }}/article/base/"),
            ]
        );
        assert_eq!(span_of(t, &b, 0), "[la fiche][fiche]");
    }

    /// MDX: JSX with `{…}` attributes is text to the parser; its tags are scanned, are not
    /// prose, and a JSX tag in a code span is still code.
    #[test]
    fn jsx_expressions_and_spreads_are_not_urls() {
        let t = "<Card {...props} href={useBaseUrl('/img/x.png')} to=\"/docs/card\" \
                 title=\"a > b\" id=\"card\" />\n\n\
                 <img src={require('./a.png').default} />\n\n\
                 Cliquez <Button onClick={() => go('/x')} href=\"/btn/\">ici</Button> ou \
                 `<Link to=\"/code/\" x={1} />`.\n\n\
                 <a href=\"/ok/\" download>ok</a>\n";
        let b = body(t, SlugStyle::GitHub);
        assert_eq!(
            links(t, &b),
            [l(Html, "/docs/card"), l(Html, "/btn/"), l(Html, "/ok/")]
        );
        assert_eq!(b.anchors, ["card"]);
        let prose: String = b.text_runs.iter().map(|r| &t[r.clone()]).collect();
        assert!(
            !prose.contains("require") && !prose.contains("onClick"),
            "{prose}"
        );
        assert!(
            prose.contains("Cliquez") && prose.contains("ici"),
            "{prose}"
        );
    }

    /// Many unclosed braces and tags: the scans stay linear (this would take minutes
    /// otherwise) and what follows is still read.
    #[test]
    fn stray_openers_do_not_blow_up() {
        let mut t = "{{ a {% b {{< c ".repeat(20_000);
        t.push_str("< <a <b x=\"\n\n[fin](fin.md)\n");
        let b = body(&t, SlugStyle::GitHub);
        assert_eq!(links(&t, &b), [l(Inline, "fin.md")]);
    }

    #[test]
    fn bad_range_gives_an_empty_body() {
        assert_eq!(parse("é", 1..2), Body::default());
        assert_eq!(parse("abc", 2..9), Body::default());
    }

    proptest::proptest! {
        /// Any input: no panic, every span inside the text, `dest_span` holds `dest`.
        #[test]
        fn spans_always_hold(
            t in "[\\[\\]()<>{}%\"'`!#:=*_\\- \\nabcé/.|]{0,120}",
            style in proptest::sample::select(vec![
                SlugStyle::GitHub, SlugStyle::Hugo, SlugStyle::KramdownGfm,
                SlugStyle::Kramdown, SlugStyle::PythonMarkdown, SlugStyle::Markdig,
            ]),
        ) {
            let b = body(&t, style);
            for l in &b.links {
                proptest::prop_assert!(t.get(l.span.clone()).is_some());
                if let Some(ds) = &l.dest_span {
                    proptest::prop_assert_eq!(t.get(ds.clone()), Some(l.dest.as_str()));
                }
            }
            for h in &b.headings {
                proptest::prop_assert!(t.get(h.span.clone()).is_some());
            }
            for r in &b.text_runs {
                proptest::prop_assert!(t.get(r.clone()).is_some());
            }
        }
    }
}
