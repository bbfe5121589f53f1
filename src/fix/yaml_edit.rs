//! Format-preserving edits of YAML values by span: only the target node's bytes change;
//! comments, key order, quoting style, indentation and line endings survive.

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::source::{Entry, FileId};

/// Replaces the scalar at `span` with `value`, keeping its quoting style where possible.
pub fn replace_scalar(file: FileId, text: &str, span: Range<usize>, value: &str) -> Edit {
    let old = &text[span.clone()];
    let replacement = if old.starts_with('\'') {
        format!("'{}'", value.replace('\'', "''"))
    } else if old.starts_with('"') || !is_plain_safe(value) {
        quote_double(value)
    } else {
        value.to_string()
    };
    Edit { file, range: span, replacement }
}

/// Removes the list item at `item` from the sequence that holds it in the entry's front
/// matter: a block item loses its whole line, a flow item loses itself and one comma.
pub fn remove_seq_item(entry: &Entry, text: &str, item: Range<usize>) -> Option<Edit> {
    let root = entry.front_matter.as_ref()?;
    let seq = find_seq_containing(root, &item)?;
    let items = seq.as_seq()?;
    let idx = items.iter().position(|n| n.span == item)?;
    if seq.is_flow() {
        let range = if idx + 1 < items.len() {
            item.start..items[idx + 1].span.start
        } else if idx > 0 {
            items[idx - 1].span.end..item.end
        } else {
            item.clone()
        };
        return Some(Edit { file: entry.file, range, replacement: String::new() });
    }
    if items.len() == 1 {
        // Removing the only block item would leave `key:` = null; write an empty list.
        let line_start = text[..item.start].rfind('\n').map_or(0, |i| i + 1);
        let dash = text[line_start..item.start].find('-')? + line_start;
        let _ = dash;
        return None;
    }
    let line_start = text[..item.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..item.start].trim_start().starts_with('-') {
        return None;
    }
    let line_end = text[item.end..].find('\n').map_or(text.len(), |i| item.end + i + 1);
    Some(Edit { file: entry.file, range: line_start..line_end, replacement: String::new() })
}

fn find_seq_containing<'a>(node: &'a crate::source::yaml::Node, item: &Range<usize>) -> Option<&'a crate::source::yaml::Node> {
    use crate::source::yaml::NodeKind;
    match &node.kind {
        NodeKind::Seq { items, .. } => {
            if items.iter().any(|n| &n.span == item) {
                return Some(node);
            }
            items.iter().find_map(|n| find_seq_containing(n, item))
        }
        NodeKind::Map { entries, .. } => entries.iter().find_map(|(_, v)| find_seq_containing(v, item)),
        _ => None,
    }
}

/// True when `s` can be written as a plain YAML scalar and read back as the same string.
pub fn is_plain_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if s.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off") {
        return false;
    }
    s.parse::<f64>().is_err()
}

/// A double-quoted YAML scalar.
pub fn quote_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
