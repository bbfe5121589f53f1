//! TOML front matter (Hugo's `+++` blocks) read into the located tree of [`super::yaml`], so
//! that rules and fixes work on it unchanged.
//!
//! - strings: `"…"` and `"""…"""` are [`Style::DoubleQuoted`], `'…'` and `'''…'''`
//!   [`Style::SingleQuoted`]; the value is the decoded string;
//! - integers, floats, booleans and date-times: [`Style::Plain`] scalars holding the text as
//!   written (`1_000`, `2024-03-01T10:00:00Z`);
//! - inline arrays and tables are flow nodes; `[table]` headers, dotted keys and
//!   `[[arrays.of.tables]]` are block nodes whose span runs from the header (or first key)
//!   to the end of their last value;
//! - keys are scalars spanning the key as written, quotes included; entries are in source
//!   order.
//!
//! TOML has no null: no node of this tree [`Node::is_null`].

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::yaml::{Node, NodeKind, Style, YamlError};

/// Deeper nesting than this is refused rather than walked (it is never front matter).
const MAX_DEPTH: usize = 64;

/// Parses `src[range]` as a TOML document. Spans are offsets in `src`. `Ok(None)` for a
/// document without any key (empty, or only comments).
pub fn parse(src: &str, range: Range<usize>) -> Result<Option<Node>, YamlError> {
    let text = &src[range.clone()];
    let base = range.start;
    let doc = DeTable::parse(text).map_err(|e| YamlError {
        offset: base + e.span().map_or(0, |s| s.start).min(text.len()),
        message: format!("TOML: {}", one_line(e.message())),
    })?;
    let table = doc.get_ref();
    if table.is_empty() {
        return Ok(None);
    }
    let conv = Converter { src, base };
    let entries = conv.entries(table, 0)?;
    let start = entries.first().map_or(base, |(k, _)| k.span.start);
    let end = entries
        .iter()
        .map(|(_, v)| v.span.end)
        .max()
        .unwrap_or(start);
    Ok(Some(Node {
        span: start..end.max(start),
        kind: NodeKind::Map {
            entries,
            flow: false,
        },
    }))
}

struct Converter<'a> {
    src: &'a str,
    base: usize,
}

impl Converter<'_> {
    fn span(&self, r: Range<usize>) -> Range<usize> {
        let start = (self.base + r.start).min(self.src.len());
        let end = (self.base + r.end).min(self.src.len()).max(start);
        start..end
    }

    fn text(&self, r: &Range<usize>) -> &str {
        self.src.get(r.clone()).unwrap_or_default()
    }

    /// The table's entries as (key, value) nodes, in source order.
    fn entries(&self, table: &DeTable<'_>, depth: usize) -> Result<Vec<(Node, Node)>, YamlError> {
        let mut entries = table
            .iter()
            .map(|(k, v)| Ok((self.key(k), self.value(v, depth + 1)?)))
            .collect::<Result<Vec<_>, YamlError>>()?;
        entries.sort_by_key(|(k, _)| k.span.start);
        Ok(entries)
    }

    fn key(&self, k: &Spanned<std::borrow::Cow<'_, str>>) -> Node {
        let span = self.span(k.span());
        let style = match self.text(&span).as_bytes().first() {
            Some(b'"') => Style::DoubleQuoted,
            Some(b'\'') => Style::SingleQuoted,
            _ => Style::Plain,
        };
        Node {
            span,
            kind: NodeKind::Scalar {
                value: k.get_ref().to_string(),
                style,
            },
        }
    }

    fn value(&self, v: &Spanned<DeValue<'_>>, depth: usize) -> Result<Node, YamlError> {
        let span = self.span(v.span());
        if depth > MAX_DEPTH {
            return Err(YamlError {
                offset: span.start,
                message: format!("TOML: nested deeper than {MAX_DEPTH} levels"),
            });
        }
        let plain = |span: Range<usize>| {
            let value = self.text(&span).to_string();
            Node {
                span,
                kind: NodeKind::Scalar {
                    value,
                    style: Style::Plain,
                },
            }
        };
        Ok(match v.get_ref() {
            DeValue::String(s) => {
                let style = if self.text(&span).starts_with('\'') {
                    Style::SingleQuoted
                } else {
                    Style::DoubleQuoted
                };
                Node {
                    span,
                    kind: NodeKind::Scalar {
                        value: s.to_string(),
                        style,
                    },
                }
            }
            DeValue::Integer(_)
            | DeValue::Float(_)
            | DeValue::Boolean(_)
            | DeValue::Datetime(_) => plain(span),
            DeValue::Array(items) => {
                let items = items
                    .iter()
                    .map(|i| self.value(i, depth + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                // `[[name]]` headers: every item is a table spanning its header.
                let of_tables = !items.is_empty()
                    && items.iter().all(|i| {
                        matches!(i.kind, NodeKind::Map { flow: false, .. })
                            && self.text(&i.span).starts_with("[[")
                    });
                let end = if of_tables {
                    items.iter().map(|i| i.span.end).max().unwrap_or(span.end)
                } else {
                    span.end
                };
                Node {
                    span: span.start..end.max(span.start),
                    kind: NodeKind::Seq {
                        items,
                        flow: !of_tables,
                    },
                }
            }
            DeValue::Table(table) => {
                let flow = self.text(&span).starts_with('{');
                let entries = self.entries(table, depth)?;
                let end = entries
                    .iter()
                    .map(|(k, v)| k.span.end.max(v.span.end))
                    .fold(span.end, usize::max);
                Node {
                    span: span.start..end,
                    kind: NodeKind::Map { entries, flow },
                }
            }
        })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        parse(src, 0..src.len()).unwrap().unwrap()
    }

    fn at<'a>(src: &'a str, n: &Node) -> &'a str {
        &src[n.span.clone()]
    }

    #[test]
    fn scalars_keep_their_text_and_style() {
        let src = "title = \"Qu'est-ce qu'un congé ?\" # c\n'lit key' = 'x'\nn = 1_000\n\
                   f = 1.5\nb = true\nd = 2024-03-01\nlastmod = 2024-03-01T10:00:00Z\n\
                   ml = \"\"\"\nx\ny\"\"\"\n";
        let r = root(src);
        let title = r.get("title").unwrap();
        assert_eq!(at(src, title), "\"Qu'est-ce qu'un congé ?\"");
        assert_eq!(title.as_str(), Some("Qu'est-ce qu'un congé ?"));
        assert_eq!(title.style(), Some(Style::DoubleQuoted));
        let (k, v) = r.get_entry("lit key").unwrap();
        assert_eq!(at(src, k), "'lit key'");
        assert_eq!(k.style(), Some(Style::SingleQuoted));
        assert_eq!(v.style(), Some(Style::SingleQuoted));
        for (key, text) in [
            ("n", "1_000"),
            ("f", "1.5"),
            ("b", "true"),
            ("d", "2024-03-01"),
            ("lastmod", "2024-03-01T10:00:00Z"),
        ] {
            let v = r.get(key).unwrap();
            assert_eq!(at(src, v), text);
            assert_eq!(v.as_str(), Some(text));
            assert_eq!(v.style(), Some(Style::Plain));
            assert!(!v.is_null());
        }
        let ml = r.get("ml").unwrap();
        assert_eq!(at(src, ml), "\"\"\"\nx\ny\"\"\"");
        assert_eq!(ml.as_str(), Some("x\ny"));
    }

    #[test]
    fn arrays_are_flow_sequences() {
        let src = "tags = [\"a\", 'b',\r\n  \"c\", # c\r\n]\r\n";
        let r = root(src);
        let tags = r.get("tags").unwrap();
        assert!(tags.is_flow());
        assert_eq!(at(src, tags), "[\"a\", 'b',\r\n  \"c\", # c\r\n]");
        let items = tags.as_seq().unwrap();
        let texts: Vec<&str> = items.iter().map(|n| at(src, n)).collect();
        assert_eq!(texts, ["\"a\"", "'b'", "\"c\""]);
        assert_eq!(items[1].as_str(), Some("b"));
    }

    #[test]
    fn keys_are_in_source_order_with_spans() {
        let src = "zeta = 1\nalpha = 2\n\"quoted key\" = 3\n";
        let r = root(src);
        let keys: Vec<&str> = r
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| at(src, k))
            .collect();
        assert_eq!(keys, ["zeta", "alpha", "\"quoted key\""]);
        assert_eq!(r.get("quoted key").unwrap().as_str(), Some("3"));
    }

    #[test]
    fn tables_dotted_keys_and_arrays_of_tables() {
        let src = "title = \"T\"\nmenu.main.weight = 3\ninl = { a = 1, b = \"x\" }\n\
                   [params]\nx = 1\n[params.sub]\ny = 2\n[[items]]\nz = 1\n[[items]]\nz = 2\n";
        let r = root(src);
        let menu = r.get("menu").unwrap();
        assert!(!menu.is_flow());
        let weight = menu.get("main").unwrap().get("weight").unwrap();
        assert_eq!(at(src, weight), "3");
        let inl = r.get("inl").unwrap();
        assert!(inl.is_flow());
        assert_eq!(at(src, inl), "{ a = 1, b = \"x\" }");
        assert_eq!(at(src, inl.get("b").unwrap()), "\"x\"");
        let params = r.get("params").unwrap();
        assert!(!params.is_flow());
        assert!(at(src, params).starts_with("[params]\nx = 1"));
        assert_eq!(at(src, params.get("sub").unwrap().get("y").unwrap()), "2");
        let items = r.get("items").unwrap();
        assert!(!items.is_flow());
        let items = items.as_seq().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(at(src, items[1].get("z").unwrap()), "2");
        let keys: Vec<&str> = r
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str().unwrap())
            .collect();
        assert_eq!(keys, ["title", "menu", "inl", "params", "items"]);
    }

    #[test]
    fn spans_are_relative_to_the_whole_file() {
        let src = "\u{feff}+++\r\ntitle = \"é\"\r\ntags = ['a']\r\n+++\r\nBody\r\n";
        let start = src.find("title").unwrap();
        let end = src.rfind("+++").unwrap();
        let r = parse(src, start..end).unwrap().unwrap();
        assert_eq!(at(src, r.get("title").unwrap()), "\"é\"");
        assert_eq!(at(src, &r.get("tags").unwrap().as_seq().unwrap()[0]), "'a'");
    }

    #[test]
    fn errors_carry_offsets_and_say_toml() {
        let src = "+++\ntitle = \"T\"\ntags = [\"a\",\n+++\n";
        let err = parse(src, 4..src.len() - 4).unwrap_err();
        assert!(err.message.starts_with("TOML: "), "{}", err.message);
        assert!(err.offset >= 4 && err.offset <= src.len());
        let src = "a = 1\na = 2\n";
        let err = parse(src, 0..src.len()).unwrap_err();
        assert_eq!(err.offset, 6);
        assert!(err.message.contains("duplicate key"));
        assert_eq!(parse("# only a comment\n", 0..17).unwrap(), None);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!("a = {}1{}\n", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&src, 0..src.len()).is_err());
    }
}
