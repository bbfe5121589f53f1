//! One located value tree for the four formats generators write their config and
//! navigation in (YAML, TOML, JSON, JavaScript object literals), so that each reader walks
//! one shape. Every value keeps its byte span in the file; a string's span is its value as
//! written, quotes excluded.

use std::ops::Range;

use crate::source::yaml::{self, Node, NodeKind, Style};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Str(String),
    Bool(bool),
    /// A number, as written.
    Num(String),
    Null,
    Seq(Vec<Value>),
    Map(Vec<Entry>),
    /// Something computed (a JavaScript expression, a YAML alias): not understood.
    Code,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    /// For a string, the value as written between its quotes; otherwise the whole node.
    pub span: Range<usize>,
    pub kind: Kind,
    /// A YAML tag written on the node (`!ENV`, `!!python/name:x`), without its value.
    pub tag: Option<String>,
}

/// A syntax error: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

impl Value {
    pub(crate) fn new(span: Range<usize>, kind: Kind) -> Value {
        Value {
            span,
            kind,
            tag: None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text: strings, numbers and booleans (YAML titles like `2.0` are numbers).
    pub(crate) fn as_text(&self) -> Option<String> {
        match &self.kind {
            Kind::Str(s) | Kind::Num(s) => Some(s.clone()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            Kind::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn as_seq(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub(crate) fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub(crate) fn is_code(&self) -> bool {
        matches!(self.kind, Kind::Code)
    }

    /// The value under `key` in a mapping (the last one when a key repeats, as generators
    /// read it).
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.as_map()?
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// The value under `key`, ASCII case-insensitively (Hugo config keys).
    pub(crate) fn get_ci(&self, key: &str) -> Option<&Value> {
        self.as_map()?
            .iter()
            .rev()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .map(|e| &e.value)
    }

    /// A short name of the value's kind, for messages.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Str(_) => "string",
            Kind::Bool(_) => "boolean",
            Kind::Num(_) => "number",
            Kind::Null => "null",
            Kind::Seq(_) => "list",
            Kind::Map(_) => "mapping",
            Kind::Code => "computed value",
        }
    }
}

/// Which format a file is in, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
    Json,
    Js,
}

impl Format {
    pub(crate) fn of_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "yml" | "yaml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "js" | "mjs" | "cjs" | "ts" | "mts" | "cts" => Some(Format::Js),
            _ => None,
        }
    }
}

/// Parses a whole file in a data format. `Ok(None)` for an empty YAML document.
pub(crate) fn parse(format: Format, text: &str) -> Result<Option<Value>, SyntaxError> {
    match format {
        Format::Yaml => parse_yaml(text),
        Format::Toml => parse_toml(text).map(Some),
        Format::Json => parse_json(text).map(Some),
        Format::Js => Err(SyntaxError {
            span: 0..0,
            message: "JavaScript is read by the module reader".into(),
        }),
    }
}

pub(crate) fn parse_yaml(text: &str) -> Result<Option<Value>, SyntaxError> {
    match yaml::parse(text, 0..text.len()) {
        Ok(root) => Ok(root.map(|n| from_yaml(text, &n))),
        Err(e) => Err(SyntaxError {
            span: line_rest(text, e.offset),
            message: e.message,
        }),
    }
}

fn from_yaml(text: &str, node: &Node) -> Value {
    let (tag, after_tag) = yaml_tag(text, node.span.start);
    let mut span = node.span.clone();
    if tag.is_some() {
        span.start = after_tag.min(span.end);
    }
    let kind = match &node.kind {
        NodeKind::Scalar { value, style } => match style {
            Style::SingleQuoted | Style::DoubleQuoted => {
                if span.end >= span.start + 2 {
                    span = span.start + 1..span.end - 1;
                }
                Kind::Str(value.clone())
            }
            Style::Literal | Style::Folded => Kind::Str(value.clone()),
            Style::Plain => plain_yaml_scalar(value),
        },
        NodeKind::Seq { items, .. } => {
            Kind::Seq(items.iter().map(|n| from_yaml(text, n)).collect())
        }
        NodeKind::Map { entries, .. } => Kind::Map(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = from_yaml(text, k);
                    Entry {
                        key: key.as_text().unwrap_or_default(),
                        key_span: key.span,
                        value: from_yaml(text, v),
                    }
                })
                .collect(),
        ),
        NodeKind::Alias => Kind::Code,
    };
    Value { span, kind, tag }
}

/// A tag written at `start` (`!ENV`, `!!python/name:x.y`) and the offset of the node's
/// content after it.
fn yaml_tag(text: &str, start: usize) -> (Option<String>, usize) {
    let rest = text.get(start..).unwrap_or("");
    if !rest.starts_with('!') {
        return (None, start);
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '[' || c == '{' || c == ',')
        .unwrap_or(rest.len());
    let after = rest[len..]
        .find(|c: char| c != ' ' && c != '\t')
        .map_or(rest.len(), |n| len + n);
    (Some(rest[..len].to_string()), start + after)
}

fn plain_yaml_scalar(value: &str) -> Kind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        v if looks_numeric(v) => Kind::Num(v.to_string()),
        v => Kind::Str(v.to_string()),
    }
}

fn looks_numeric(v: &str) -> bool {
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.parse::<f64>().is_ok()
}

pub(crate) fn parse_toml(text: &str) -> Result<Value, SyntaxError> {
    match toml::de::DeTable::parse(text) {
        Ok(table) => {
            let span = table.span();
            Ok(Value::new(span, toml_table(text, table.get_ref())))
        }
        Err(e) => Err(SyntaxError {
            span: e
                .span()
                .map_or_else(|| 0..0, |s| widen_empty(text, s.start, s.end)),
            message: e.message().trim().to_string(),
        }),
    }
}

fn toml_table(text: &str, table: &toml::de::DeTable<'_>) -> Kind {
    Kind::Map(
        table
            .iter()
            .map(|(k, v)| Entry {
                key: k.get_ref().to_string(),
                key_span: k.span(),
                value: toml_value(text, v),
            })
            .collect(),
    )
}

fn toml_value(text: &str, v: &toml::Spanned<toml::de::DeValue<'_>>) -> Value {
    use toml::de::DeValue;
    let mut span = v.span();
    let kind = match v.get_ref() {
        DeValue::String(s) => {
            span = toml_string_inner(text, span);
            Kind::Str(s.to_string())
        }
        DeValue::Integer(i) => Kind::Num(i.to_string()),
        DeValue::Float(f) => Kind::Num(f.to_string()),
        DeValue::Boolean(b) => Kind::Bool(*b),
        DeValue::Datetime(d) => Kind::Str(d.to_string()),
        DeValue::Array(items) => Kind::Seq(items.iter().map(|i| toml_value(text, i)).collect()),
        DeValue::Table(t) => toml_table(text, t),
    };
    Value::new(span, kind)
}

/// The span of a TOML string's content, its quotes (one or three) excluded.
fn toml_string_inner(text: &str, span: Range<usize>) -> Range<usize> {
    let Some(raw) = text.get(span.clone()) else {
        return span;
    };
    for q in ["\"\"\"", "'''", "\"", "'"] {
        if raw.len() >= 2 * q.len() && raw.starts_with(q) && raw.ends_with(q) {
            return span.start + q.len()..span.end - q.len();
        }
    }
    span
}

/// JSON: checked by serde_json (the reference for what is valid), then read with spans by
/// the object-literal reader.
pub(crate) fn parse_json(text: &str) -> Result<Value, SyntaxError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(body) {
        let offset = offset_of_line_col(text, e.line(), e.column());
        return Err(SyntaxError {
            span: line_rest(text, offset),
            message: strip_json_position(&e.to_string()),
        });
    }
    let mut reader = super::js::Reader::new(text);
    Ok(reader.value_at_start())
}

fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
pub(crate) fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = column.saturating_sub(1).min(l.len());
            let mut at = offset + col;
            while at > 0 && !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        offset += l.len();
    }
    text.len()
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// From `offset` to the end of its line (at least one char when there is one), so that a
/// problem at an offset has something to underline.
pub(crate) fn line_rest(text: &str, offset: usize) -> Range<usize> {
    let mut start = offset.min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |n| start + n);
    if end > start {
        return start..end;
    }
    widen_empty(text, start, start)
}

fn widen_empty(text: &str, start: usize, end: usize) -> Range<usize> {
    let mut start = start.min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.min(text.len()).max(start);
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end > start || start >= text.len() {
        return start..end;
    }
    let next = text[start..].chars().next().map_or(0, char::len_utf8);
    start..start + next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_span_their_value_without_quotes_or_tags() {
        let src = "a: 'x y'\nb: \"z\"\nc: plain # comment\nd: !ENV [SITE, 'https://x.org/']\ne: !ENV DOCS\nf: !!python/name:material.extensions.emoji.twemoji\n";
        let v = parse_yaml(src).unwrap().unwrap();
        for (key, want) in [("a", "x y"), ("b", "z"), ("c", "plain"), ("e", "DOCS")] {
            let n = v.get(key).unwrap();
            assert_eq!(&src[n.span.clone()], want, "{key}");
            assert_eq!(n.as_str(), Some(want));
        }
        let d = v.get("d").unwrap();
        assert_eq!(d.tag.as_deref(), Some("!ENV"));
        let items = d.as_seq().unwrap();
        assert_eq!(&src[items[1].span.clone()], "https://x.org/");
        assert_eq!(v.get("e").unwrap().tag.as_deref(), Some("!ENV"));
        let f = v.get("f").unwrap();
        assert_eq!(
            f.tag.as_deref(),
            Some("!!python/name:material.extensions.emoji.twemoji")
        );
        assert_eq!(f.kind, Kind::Null);
    }

    #[test]
    fn toml_strings_span_their_value() {
        let src = "a = 'x'\nb = \"y\"\nc = '''z'''\n[t]\nd = 1\n";
        let v = parse_toml(src).unwrap();
        assert_eq!(&src[v.get("a").unwrap().span.clone()], "x");
        assert_eq!(&src[v.get("b").unwrap().span.clone()], "y");
        assert_eq!(&src[v.get("c").unwrap().span.clone()], "z");
        assert_eq!(
            v.get("t").unwrap().get("d").unwrap().kind,
            Kind::Num("1".into())
        );
    }

    #[test]
    fn broken_inputs_are_errors_with_spans() {
        let y = "a: [b\nc: d\n";
        let e = parse_yaml(y).unwrap_err();
        assert!(e.span.end <= y.len());
        let t = "a = \n[b";
        let e = parse_toml(t).unwrap_err();
        assert!(e.span.end <= t.len());
        let j = "{\n  \"a\": [1, 2\n";
        let e = parse_json(j).unwrap_err();
        assert!(e.span.end <= j.len());
        assert!(!e.message.contains("line"), "{}", e.message);
    }

    #[test]
    fn json_values_carry_spans() {
        let src = "{\"a\": [\"x\", {\"b\": \"y\"}], \"n\": 2, \"t\": true}";
        let v = parse_json(src).unwrap();
        let a = v.get("a").unwrap().as_seq().unwrap();
        assert_eq!(&src[a[0].span.clone()], "x");
        assert_eq!(&src[a[1].get("b").unwrap().span.clone()], "y");
        assert_eq!(v.get("t").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn line_helpers() {
        let t = "ab\ncd\n";
        assert_eq!(line_of(t, 4), 2);
        assert_eq!(offset_of_line_col(t, 2, 2), 4);
        assert_eq!(line_rest(t, 3), 3..5);
        assert_eq!(line_rest(t, 6), 6..6);
    }
}
