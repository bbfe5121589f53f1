//! JSON front matter (Hugo: a JSON object opening the file) read into the located tree of
//! [`super::yaml`]. A strict JSON parser, not the YAML one: YAML flow syntax accepts what
//! JSON does not (`{title: x}`, `'single'`), and a fix must leave valid JSON behind.
//!
//! Objects and arrays are flow nodes spanning their brackets; strings are
//! [`Style::DoubleQuoted`] scalars (value decoded); numbers, `true`, `false` and `null` are
//! [`Style::Plain`] scalars holding their text (so `null` [`Node::is_null`]).

use std::ops::Range;

use super::yaml::{Node, NodeKind, Style, YamlError};

/// Deeper nesting than this is refused (it is never front matter, and recursion is bounded).
const MAX_DEPTH: usize = 64;

/// Parses `src[range]` as one JSON value. Spans are offsets in `src`. `Ok(None)` when the
/// range holds only whitespace.
pub fn parse(src: &str, range: Range<usize>) -> Result<Option<Node>, YamlError> {
    let mut p = Parser {
        src,
        pos: range.start,
        end: range.end.min(src.len()),
    };
    p.ws();
    if p.pos >= p.end {
        return Ok(None);
    }
    let root = p.value(0)?;
    p.ws();
    if p.pos < p.end {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(Some(root))
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    end: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> YamlError {
        YamlError {
            offset: self.pos.min(self.end),
            message: format!("JSON: {message}"),
        }
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.src.as_bytes()[self.pos])
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, YamlError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("nested deeper than {MAX_DEPTH} levels")));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let start = self.pos;
                let value = self.string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Scalar {
                        value,
                        style: Style::DoubleQuoted,
                    },
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't' | b'f' | b'n') => {
                let start = self.pos;
                let rest = &self.src[start..self.end];
                let word = ["true", "false", "null"]
                    .into_iter()
                    .find(|w| rest.starts_with(w))
                    .ok_or_else(|| self.error("expected a value"))?;
                self.pos += word.len();
                Ok(plain(start..self.pos, word))
            }
            Some(b'\'') => Err(self.error("strings take double quotes")),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end, expected a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, YamlError> {
        let start = self.pos;
        self.pos += 1;
        let mut entries = Vec::new();
        self.ws();
        if !self.eat(b'}') {
            loop {
                self.ws();
                if self.peek() != Some(b'"') {
                    return Err(self.error("expected a key in double quotes"));
                }
                let key_start = self.pos;
                let key = self.string()?;
                let key = Node {
                    span: key_start..self.pos,
                    kind: NodeKind::Scalar {
                        value: key,
                        style: Style::DoubleQuoted,
                    },
                };
                self.ws();
                if !self.eat(b':') {
                    return Err(self.error("expected `:` after the key"));
                }
                self.ws();
                let value = self.value(depth + 1)?;
                entries.push((key, value));
                self.ws();
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return Err(self.error("expected `,` or `}` after a value"));
            }
        }
        Ok(Node {
            span: start..self.pos,
            kind: NodeKind::Map {
                entries,
                flow: true,
            },
        })
    }

    fn array(&mut self, depth: usize) -> Result<Node, YamlError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if !self.eat(b']') {
            loop {
                self.ws();
                items.push(self.value(depth + 1)?);
                self.ws();
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return Err(self.error("expected `,` or `]` after a value"));
            }
        }
        Ok(Node {
            span: start..self.pos,
            kind: NodeKind::Seq { items, flow: true },
        })
    }

    /// A string at `"`; leaves `pos` after its closing quote.
    fn string(&mut self) -> Result<String, YamlError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.src[self.pos..self.end].chars().next() else {
                self.pos = start;
                return Err(self.error("unclosed string"));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        self.pos = start;
                        return Err(self.error("unclosed string"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape in a string"));
                        }
                    }
                }
                '\n' | '\r' => {
                    self.pos = start;
                    return Err(self.error("unclosed string (no closing `\"` on its line)"));
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.error("control character in a string (write it escaped)"));
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The char of `\uXXXX` (after its `u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, YamlError> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) {
            let rest = &self.src[self.pos..self.end];
            if rest.starts_with("\\u") {
                self.pos += 2;
                let low = self.hex4()?;
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(c).ok_or_else(|| self.error("invalid \\u escape"));
                }
            }
            return Err(self.error("unpaired surrogate in a \\u escape"));
        }
        char::from_u32(high).ok_or_else(|| self.error("unpaired surrogate in a \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, YamlError> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .filter(|d| self.pos + 4 <= self.end && d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected 4 hex digits after \\u"))?;
        let v = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    fn number(&mut self) -> Result<Node, YamlError> {
        let start = self.pos;
        self.eat(b'-');
        let int_start = self.pos;
        self.digits();
        let int = &self.src[int_start..self.pos];
        if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
            self.pos = start;
            return Err(self.error("invalid number"));
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error("invalid number: digits expected after `.`"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number: digits expected in the exponent"));
            }
        }
        let text = &self.src[start..self.pos];
        Ok(plain(start..self.pos, text))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }
}

fn plain(span: Range<usize>, text: &str) -> Node {
    Node {
        span,
        kind: NodeKind::Scalar {
            value: text.to_string(),
            style: Style::Plain,
        },
    }
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
    fn located_tree_of_an_object() {
        let src = "{\r\n\t\"title\": \"Qu'est-ce qu'un \\\"congé\\\" ?\",\r\n  \"tags\": [\"a\", \"b\"],\r\n  \"draft\": false, \"n\": -1.5e3, \"x\": null, \"o\": {\"k\": []}\r\n}";
        let r = root(src);
        assert!(r.is_flow());
        assert_eq!(at(src, &r), src);
        let (k, title) = r.get_entry("title").unwrap();
        assert_eq!(at(src, k), "\"title\"");
        assert_eq!(at(src, title), "\"Qu'est-ce qu'un \\\"congé\\\" ?\"");
        assert_eq!(title.as_str(), Some("Qu'est-ce qu'un \"congé\" ?"));
        let tags = r.get("tags").unwrap();
        assert!(tags.is_flow());
        assert_eq!(at(src, tags), "[\"a\", \"b\"]");
        assert_eq!(at(src, &tags.as_seq().unwrap()[1]), "\"b\"");
        assert_eq!(r.get("draft").unwrap().as_str(), Some("false"));
        assert_eq!(at(src, r.get("n").unwrap()), "-1.5e3");
        assert!(r.get("x").unwrap().is_null());
        assert_eq!(at(src, r.get("o").unwrap()), "{\"k\": []}");
    }

    #[test]
    fn escapes_decode() {
        let src = r#"{"a": "\u00e9\ud83d\ude00\n\/"}"#;
        assert_eq!(root(src).get("a").unwrap().as_str(), Some("é😀\n/"));
    }

    #[test]
    fn errors_have_offsets() {
        for (src, at) in [
            ("{\"a\": 1,}", 8),
            ("{a: 1}", 1),
            ("{\"a\": 'x'}", 6),
            ("{\"a\": \"x\n\"}", 6),
            ("{\"a\": 01}", 6),
            ("{\"a\": [1 2]}", 9),
            ("{\"a\": tru}", 6),
            ("{\"a\": 1} x", 9),
            ("{\"a\": \"\\ud800\"}", 13),
            ("{\"a\"", 4),
            ("{\"a\": \"x", 6),
        ] {
            let e = parse(src, 0..src.len()).unwrap_err();
            assert_eq!(e.offset, at, "{src}: {}", e.message);
            assert!(e.message.starts_with("JSON: "));
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = format!("{{\"a\": {}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&src, 0..src.len()).is_err());
    }

    #[test]
    fn spans_are_relative_to_the_whole_file() {
        let src = "{\"id\": \"x\"}\nBody";
        let r = parse(src, 0..11).unwrap().unwrap();
        assert_eq!(at(src, r.get("id").unwrap()), "\"x\"");
        assert_eq!(parse(src, 11..12).unwrap(), None);
    }
}
