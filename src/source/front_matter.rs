//! Finding the YAML front matter block of a Markdown file.

use std::ops::Range;

/// Where the front matter sits in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The opening `---` line, terminator included.
    pub open: Range<usize>,
    /// The YAML between the fences.
    pub yaml: Range<usize>,
    /// The closing fence line, terminator included.
    pub close: Range<usize>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// `---` opens a block that is never closed; the offset is the opening fence.
    Unclosed,
}

/// Splits `text` (BOM already removed) into front matter and body.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = line_end(text, 0);
    let first = text[..first_end].trim_end_matches(['\n', '\r']);
    if first.trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = line_end(text, pos);
        let line = text[pos..end].trim_end_matches(['\n', '\r']).trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                open: 0..yaml_start,
                yaml: yaml_start..pos,
                close: pos..end,
                body_start: end,
            });
        }
        pos = end;
    }
    Err(SplitError::Unclosed)
}

/// End of the line starting at `pos`, including its `\n`.
fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let t = "---\nid: a\n---\nBody\n";
        let s = split(t).unwrap();
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
}
