//! Finding the front matter block of a Markdown file, in any of the formats site generators
//! read: YAML between `---` lines (every generator), TOML between `+++` lines (Hugo, Zola)
//! and a JSON object opening the file (Hugo).

use std::ops::Range;

use super::yaml::{self, Node, YamlError};
use super::{json_fm, toml_fm};

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// `---` … `---` (or `...`).
    #[default]
    Yaml,
    /// `+++` … `+++`.
    Toml,
    /// `{` … `}`: the braces belong to the data.
    Json,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// Where the front matter sits in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: Format,
    /// The opening fence line (`---`, `+++`), terminator included; empty for JSON.
    pub open: Range<usize>,
    /// The data: the YAML or TOML between the fences, or the JSON object braces included.
    /// (Named for the original YAML-only format.)
    pub yaml: Range<usize>,
    /// The closing fence line, terminator included (for JSON: what follows the `}` on its
    /// line).
    pub close: Range<usize>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`, `+++` or a JSON object.
    Missing,
    /// A fence opens a block that is never closed.
    Unclosed,
}

/// Splits `text` (BOM already removed) into front matter and body.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = line_end(text, 0);
    let first = text[..first_end].trim_end_matches(['\n', '\r']).trim_end();
    match first {
        "---" => fenced(text, Format::Yaml, first_end, &["---", "..."]),
        "+++" => fenced(text, Format::Toml, first_end, &["+++"]),
        _ if opens_json(first) => json_block(text),
        _ => Err(SplitError::Missing),
    }
}

/// Parses the front matter data of `split` (see [`parse`]).
pub fn parse_split(text: &str, split: &Split) -> Result<Option<Node>, YamlError> {
    parse(split.format, text, split.yaml.clone())
}

/// Parses `text[range]`, front matter data in `format`, into a located tree whose spans are
/// offsets in `text`. `Ok(None)`: an empty block. Errors name the format in their message.
pub fn parse(format: Format, text: &str, range: Range<usize>) -> Result<Option<Node>, YamlError> {
    match format {
        Format::Yaml => yaml::parse(text, range.clone()).or_else(|e| {
            lenient_yaml(text, range)
                .and_then(|(copy, range)| yaml::parse(&copy, range).ok())
                .ok_or(e)
        }),
        Format::Toml => toml_fm::parse(text, range),
        Format::Json => json_fm::parse(text, range),
    }
}

/// What Go's and Ruby's YAML parsers (Hugo, Jekyll) accept and the YAML spec does not: a
/// flow list closed by `]` at column 0, tabs inside flow collections. Returns a copy of
/// `text` of the same length, so every span stays valid, or `None` when nothing changes.
fn lenient_yaml(text: &str, range: Range<usize>) -> Option<(String, Range<usize>)> {
    let data = text.get(range.clone())?;
    if !data.contains("\n]") && !data.contains("\n}") && !data.contains('\t') {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let slice = &mut bytes[range.clone()];
    // Tabs are only relaxed inside a flow collection (`[`…`]`); a tab that indents a block
    // is invalid for every parser and stays an error.
    let mut depth = 0i32;
    let mut quote: Option<u8> = None;
    for i in 0..slice.len() {
        match (quote, slice[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(slice[i]),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') => depth -= 1,
            (None, b'\n') => quote = None,
            _ => {}
        }
        if slice[i] == b'\t' && depth > 0 && quote.is_none() {
            slice[i] = b' ';
        }
        // `\n]` → ` ]`: the closing bracket joins the line above.
        if slice[i] == b'\n' && matches!(slice.get(i + 1), Some(b']' | b'}')) {
            slice[i] = b' ';
            if i > 0 && slice[i - 1] == b'\r' {
                slice[i - 1] = b' ';
            }
        }
    }
    let copy = String::from_utf8(bytes).ok()?;
    Some((copy, range))
}

/// The front matter format of the data that holds byte `pos` of `text`: the format of the
/// file's front matter when `pos` lies in it, else YAML (a taxonomy or nav file).
pub fn format_at(text: &str, pos: usize) -> Format {
    match split(text) {
        Ok(s) if s.yaml.start <= pos && pos <= s.yaml.end => s.format,
        _ => Format::Yaml,
    }
}

/// A block between an opening fence line (ending at `data_start`) and a closing one.
fn fenced(
    text: &str,
    format: Format,
    data_start: usize,
    closers: &[&str],
) -> Result<Split, SplitError> {
    let mut pos = data_start;
    while pos < text.len() {
        let end = line_end(text, pos);
        let line = text[pos..end].trim_end_matches(['\n', '\r']).trim_end();
        if closers.contains(&line) {
            return Ok(Split {
                format,
                open: 0..data_start,
                yaml: data_start..pos,
                close: pos..end,
                body_start: end,
            });
        }
        pos = end;
    }
    Err(SplitError::Unclosed)
}

/// A first line that opens a JSON object: `{` alone, or `{` then a key (`{"title": …`).
/// Template tags opening a body (`{{< note >}}`, `{% include %}`) are not front matter.
fn opens_json(first: &str) -> bool {
    let Some(rest) = first.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with(['"', '}'])
}

/// The JSON object that opens the file: up to its matching `}` (strings skipped), or, when
/// the braces do not balance (broken JSON), up to the first line that is just `}` so that
/// the parser can name the error.
fn json_block(text: &str) -> Result<Split, SplitError> {
    let close = matching_brace(text).or_else(|| {
        let mut pos = 0;
        while pos < text.len() {
            let end = line_end(text, pos);
            if text[pos..end].trim() == "}" {
                return text[pos..end].find('}').map(|i| pos + i);
            }
            pos = end;
        }
        None
    });
    let Some(close) = close else {
        return Err(SplitError::Unclosed);
    };
    let data_end = close + 1;
    let end = line_end(text, data_end);
    let body_start = if text[data_end..end].trim().is_empty() {
        end
    } else {
        data_end
    };
    Ok(Split {
        format: Format::Json,
        open: 0..0,
        yaml: 0..data_end,
        close: data_end..body_start,
        body_start,
    })
}

/// The offset of the `}` that closes the `{` at offset 0. A line break ends a string (JSON
/// strings hold none), so one unclosed quote does not swallow the file.
fn matching_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return (b == b'}').then_some(i);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// End of the line starting at `pos`, including its `\n`.
fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_list_closed_at_column_zero_is_read_like_hugo_does() {
        let t = "---\ntitle: Account\naliases: [\n  \"/entities/source/\",\n\t\"/entities/field/\",\n]\n---\nBody\n";
        let s = split(t).unwrap();
        let root = parse(Format::Yaml, t, s.yaml.clone()).unwrap().unwrap();
        let aliases = root.get("aliases").unwrap().as_seq().unwrap();
        assert_eq!(aliases.len(), 2);
        assert_eq!(&t[aliases[1].span.clone()], "\"/entities/field/\"");
        // Still an error when the YAML is broken for other reasons.
        let bad = "---\ntitle: \"open\n---\n";
        let s = split(bad).unwrap();
        assert!(parse(Format::Yaml, bad, s.yaml.clone()).is_err());
    }

    #[test]
    fn splits_lf_and_crlf() {
        let t = "---\nid: a\n---\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(&t[s.yaml.clone()], "id: a\n");
        assert_eq!(&t[s.body_start..], "Body\n");
        let t = "---\r\nid: a\r\n---\r\nBody\r\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "id: a\r\n");
        assert_eq!(&t[s.body_start..], "Body\r\n");
    }

    #[test]
    fn body_dashes_after_close_are_body() {
        let t = "---\nid: a\n---\ntext\n---\nmore";
        let s = split(t).unwrap();
        assert_eq!(&t[s.body_start..], "text\n---\nmore");
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\nid: a\n"), Err(SplitError::Unclosed));
        let t = "---\n---\n";
        assert_eq!(split(t).unwrap().yaml, 4..4);
    }

    #[test]
    fn splits_toml() {
        let t = "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let s = split(t).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(&t[s.open.clone()], "+++\r\n");
        assert_eq!(&t[s.yaml.clone()], "title = \"T\"\r\n");
        assert_eq!(&t[s.close.clone()], "+++\r\n");
        assert_eq!(&t[s.body_start..], "Body\r\n");
        // `---` does not close TOML.
        assert_eq!(split("+++\ntitle = 1\n---\n"), Err(SplitError::Unclosed));
        assert_eq!(split("+++\n"), Err(SplitError::Unclosed));
    }

    #[test]
    fn splits_json() {
        let t = "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}\nBody\n";
        let s = split(t).unwrap();
        assert_eq!(s.format, Format::Json);
        assert_eq!(s.open, 0..0);
        assert_eq!(
            &t[s.yaml.clone()],
            "{\n  \"title\": \"a } b\",\n  \"tags\": [\"x\"]\n}"
        );
        assert_eq!(&t[s.body_start..], "Body\n");
        let t = "{\"title\": \"T\"}\r\nBody";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "{\"title\": \"T\"}");
        assert_eq!(&t[s.body_start..], "Body");
        // Nested objects and a body that starts on the closing line.
        let t = "{\"a\": {\"b\": 1}} Body";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "{\"a\": {\"b\": 1}}");
        assert_eq!(&t[s.body_start..], " Body");
    }

    #[test]
    fn broken_json_ends_at_a_lone_brace() {
        let t = "{\n\"title\": \"open\n}\nBody \"x\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml.clone()], "{\n\"title\": \"open\n}");
        let t = "{\ntitle: x\n";
        assert_eq!(split(t), Err(SplitError::Unclosed));
    }

    #[test]
    fn template_tags_are_not_json() {
        assert_eq!(split("{{< note >}}\nx\n"), Err(SplitError::Missing));
        assert_eq!(split("{% include a.md %}\n"), Err(SplitError::Missing));
    }

    #[test]
    fn format_at_positions() {
        let t = "+++\ntags = [\"a\"]\n+++\nBody\n";
        assert_eq!(format_at(t, t.find("\"a\"").unwrap()), Format::Toml);
        assert_eq!(format_at(t, t.find("Body").unwrap()), Format::Yaml);
        assert_eq!(format_at("a: [b]\n", 4), Format::Yaml);
    }
}
