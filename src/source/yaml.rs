//! A located YAML tree: every node keeps its byte span in the file, so rules can point at
//! the offending value and fixes can edit it in place without re-serialising anything.

use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar {
        value: String,
        style: Style,
    },
    Seq {
        items: Vec<Node>,
        flow: bool,
    },
    Map {
        entries: Vec<(Node, Node)>,
        flow: bool,
    },
    Alias,
}

/// A YAML node with its byte span in the file it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

/// A YAML syntax error at a byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

impl Node {
    /// The scalar's value, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// True for an empty plain scalar, `~` or `null`.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, style: Style::Plain }
            if value.is_empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    pub fn style(&self) -> Option<Style> {
        match &self.kind {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq { items, .. } => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map { entries, .. } => Some(entries),
            _ => None,
        }
    }

    pub fn is_flow(&self) -> bool {
        matches!(
            &self.kind,
            NodeKind::Seq { flow: true, .. } | NodeKind::Map { flow: true, .. }
        )
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// The (key, value) pair under `key` in a mapping.
    pub fn get_entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// A short name of the node's kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar {
                value,
                style: Style::Plain,
            } => {
                if self.is_null() {
                    "null"
                } else if value == "true" || value == "false" {
                    "boolean"
                } else if value.parse::<f64>().is_ok() {
                    "number"
                } else {
                    "string"
                }
            }
            NodeKind::Scalar { .. } => "string",
            NodeKind::Seq { .. } => "list",
            NodeKind::Map { .. } => "mapping",
            NodeKind::Alias => "alias",
        }
    }
}

/// Parses `src[range]` as a single YAML document and returns its root node, with spans
/// relative to `src` (not to the range).
pub fn parse(src: &str, range: Range<usize>) -> Result<Option<Node>, YamlError> {
    let text = &src[range.clone()];
    let offsets = CharOffsets::new(text, range.start);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Builder> = Vec::new();
    let mut root: Option<Node> = None;
    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| YamlError {
            offset: offsets.byte(e.marker().index()),
            message: e.info().to_string(),
        })?;
        let node = match ev {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) | Event::DocumentEnd => None,
            Event::Scalar(value, style, _, _) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let mut span = offsets.span(span);
                if matches!(style, Style::SingleQuoted | Style::DoubleQuoted) {
                    // The parser's end mark of a quoted scalar can run past its closing quote
                    // (up to a trailing comment): end the span at the closing quote.
                    if let Some(end) = quoted_end(src, span.start, style) {
                        span.end = end.min(span.end).max(span.start);
                    }
                }
                Some(Node {
                    span,
                    kind: NodeKind::Scalar {
                        // Copy exactly: the parser hands out strings with its scratch capacity.
                        value: String::from(&*value),
                        style,
                    },
                })
            }
            Event::Alias(_) => Some(Node {
                span: offsets.span(span),
                kind: NodeKind::Alias,
            }),
            Event::SequenceStart(..) => {
                let start = offsets.byte(span.start.index());
                let flow = text.as_bytes().get(start - range.start) == Some(&b'[');
                stack.push(Builder::Seq {
                    start,
                    flow,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingStart(..) => {
                let start = offsets.byte(span.start.index());
                let flow = text.as_bytes().get(start - range.start) == Some(&b'{');
                stack.push(Builder::Map {
                    start,
                    flow,
                    entries: Vec::new(),
                    key: None,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end_ev = offsets.span(span);
                stack.pop().map(|b| b.finish(end_ev))
            }
        };
        if let Some(node) = node {
            match stack.last_mut() {
                Some(parent) => parent.push(node),
                None => {
                    if root.is_none() {
                        root = Some(node);
                    }
                }
            }
        }
    }
    Ok(root)
}

/// The offset just after the closing quote of the quoted scalar that starts at `start`.
fn quoted_end(src: &str, start: usize, style: Style) -> Option<usize> {
    let bytes = src.as_bytes();
    let quote = match style {
        Style::SingleQuoted => b'\'',
        _ => b'"',
    };
    if bytes.get(start) != Some(&quote) {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

enum Builder {
    Seq {
        start: usize,
        flow: bool,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        flow: bool,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self {
            Builder::Seq { items, .. } => items.push(node),
            Builder::Map { entries, key, .. } => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
        }
    }

    fn finish(self, end_event: Range<usize>) -> Node {
        // Trees are kept for every entry: give back the growth slack.
        let mut this = self;
        match &mut this {
            Builder::Seq { items, .. } => items.shrink_to_fit(),
            Builder::Map { entries, .. } => entries.shrink_to_fit(),
        }
        match this {
            Builder::Seq { start, flow, items } => {
                let end = if flow {
                    end_event.end
                } else {
                    items.last().map_or(start, |n| n.span.end)
                };
                Node {
                    span: start..end.max(start),
                    kind: NodeKind::Seq { items, flow },
                }
            }
            Builder::Map {
                start,
                flow,
                entries,
                ..
            } => {
                let end = if flow {
                    end_event.end
                } else {
                    entries.last().map_or(start, |(_, v)| v.span.end.max(start))
                };
                Node {
                    span: start..end.max(start),
                    kind: NodeKind::Map { entries, flow },
                }
            }
        }
    }
}

/// Maps the parser's char indices to byte offsets in the file.
struct CharOffsets {
    base: usize,
    /// Byte offset of each char, or empty when the text is ASCII.
    table: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str, base: usize) -> CharOffsets {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).collect()
        };
        CharOffsets {
            base,
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let rel = if self.table.is_empty() {
            char_index.min(self.len)
        } else {
            self.table.get(char_index).copied().unwrap_or(self.len)
        };
        self.base + rel
    }

    fn span(&self, span: Span) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        parse(src, 0..src.len()).unwrap().unwrap()
    }

    #[test]
    fn spans_point_at_values_in_bytes() {
        let src = "title: \"Qu'est-ce qu'un congé ?\"\ntags:\n  - congé\n  - 'paie'\nn: [a, b]\n";
        let r = root(src);
        let title = r.get("title").unwrap();
        assert_eq!(&src[title.span.clone()], "\"Qu'est-ce qu'un congé ?\"");
        assert_eq!(title.as_str(), Some("Qu'est-ce qu'un congé ?"));
        let tags = r.get("tags").unwrap().as_seq().unwrap();
        assert_eq!(&src[tags[0].span.clone()], "congé");
        assert_eq!(&src[tags[1].span.clone()], "'paie'");
        let n = r.get("n").unwrap();
        assert!(n.is_flow());
        assert_eq!(&src[n.span.clone()], "[a, b]");
    }

    #[test]
    fn quoted_spans_stop_at_the_closing_quote() {
        let src = "a: 'it''s' # c\nb: \"q\\\" x\" # d\nc: [\"x\" , 'y' ]\n";
        let r = root(src);
        assert_eq!(&src[r.get("a").unwrap().span.clone()], "'it''s'");
        assert_eq!(&src[r.get("b").unwrap().span.clone()], "\"q\\\" x\"");
        let c = r.get("c").unwrap().as_seq().unwrap();
        assert_eq!(&src[c[0].span.clone()], "\"x\"");
        assert_eq!(&src[c[1].span.clone()], "'y'");
    }

    #[test]
    fn errors_carry_offsets() {
        let src = "title: \"unclosed\ntags: [a\n";
        let err = parse(src, 0..src.len()).unwrap_err();
        assert!(err.offset <= src.len());
    }

    #[test]
    fn spans_are_relative_to_the_whole_file() {
        let src = "---\nid: x\n---\nbody";
        let r = parse(src, 4..10).unwrap().unwrap();
        assert_eq!(&src[r.get("id").unwrap().span.clone()], "x");
    }
}
