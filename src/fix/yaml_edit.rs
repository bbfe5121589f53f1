//! Format-preserving edits of YAML values by span: only the target node's bytes change;
//! comments, key order, quoting style, flow vs block, indentation and line endings survive.
//!
//! Every helper returns one [`Edit`] (a byte range and its replacement) computed from the
//! located tree of [`crate::source::yaml`]; nothing is ever re-serialised. A helper returns
//! `None` when it cannot make the edit without touching other bytes (an alias, an explicit
//! `? key`, a value of another shape): the rule then offers no fix rather than a bad one.
//!
//! Entries with TOML (`+++`) or JSON front matter are edited in their own syntax: the
//! format is found from the text ([`front_matter::format_at`]), values are written as TOML
//! or JSON strings, new keys as `key = value` lines or `"key": value` members.

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::source::front_matter::{self, Format};
use crate::source::yaml::{Node, NodeKind, Style};
use crate::source::{Entry, FileId};

/// Replaces the scalar at `span` with `value`, keeping its quoting style where possible
/// (in TOML and JSON front matter, the value is written as a string of that format).
pub fn replace_scalar(file: FileId, text: &str, span: Range<usize>, value: &str) -> Edit {
    let old = &text[span.clone()];
    let replacement = match front_matter::format_at(text, span.start) {
        Format::Yaml => {
            if old.starts_with('\'') && !value.chars().any(char::is_control) {
                quote_single(value)
            } else if old.starts_with('"') || !is_plain_safe(value) {
                quote_double(value)
            } else {
                value.to_string()
            }
        }
        Format::Toml => {
            let style = if old.starts_with('\'') {
                Some(Style::SingleQuoted)
            } else if old.starts_with('"') {
                Some(Style::DoubleQuoted)
            } else {
                None
            };
            toml_scalar(value, style)
        }
        Format::Json => quote_double(value),
    };
    Edit {
        file,
        range: span,
        replacement,
    }
}

/// Removes the list item at `item` from the sequence that holds it in the entry's front
/// matter. See [`remove_seq_item_in`].
pub fn remove_seq_item(entry: &Entry, text: &str, item: Range<usize>) -> Option<Edit> {
    let root = entry.front_matter(text)?;
    remove_seq_item_in(entry.file, text, &root, item)
}

/// Removes the list item at `item` from the sequence under `root` that holds it.
///
/// - flow list: the item and one comma go (`[a, b, c]` → `[a, c]`; the only item → `[]`);
/// - block list: the item's whole line goes, trailing comment and line ending included;
/// - the only item of a block list: the list becomes `[]` on its key's line (an empty
///   `key:` would read as null, not as an empty list); comment lines in between are kept.
pub fn remove_seq_item_in(
    file: FileId,
    text: &str,
    root: &Node,
    item: Range<usize>,
) -> Option<Edit> {
    let (key, seq) = find_seq_containing(root, None, &item)?;
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
        return Some(Edit {
            file,
            range,
            replacement: String::new(),
        });
    }
    let line_start = line_start(text, item.start);
    if !only_dash_prefix(&text[line_start..item.start]) {
        return None;
    }
    let line_end = line_end(text, item.end);
    if items.len() == 1 {
        // Removing the only block item would leave `key:` = null; write an empty list.
        let colon_end = colon_end(text, key?)?;
        let between = &text[colon_end..line_start];
        let rest = between.trim_start_matches([' ', '\t']);
        let mut replacement = if rest.starts_with('#') {
            format!(" [] {rest}")
        } else {
            format!(" []{rest}")
        };
        if line_end == text.len() && !text.ends_with('\n') {
            // The item was on the last line, without a line ending: drop the one before it.
            strip_one_eol(&mut replacement);
        }
        return Some(Edit {
            file,
            range: colon_end..line_end,
            replacement,
        });
    }
    if line_end == text.len() && !text.ends_with('\n') {
        // Last line of the file, no line ending: remove the line ending before it instead.
        let prev = text[..line_start]
            .strip_suffix('\n')
            .map(|s| s.strip_suffix('\r').unwrap_or(s))?;
        return Some(Edit {
            file,
            range: prev.len()..line_end,
            replacement: String::new(),
        });
    }
    Some(Edit {
        file,
        range: line_start..line_end,
        replacement: String::new(),
    })
}

/// Appends `value` to the list under the top-level `key` of a mapping `root`.
///
/// - block list: a new line after the last item, with the same indentation and dash style,
///   the same quoting as the last item where possible, and the file's line ending;
/// - flow list: `, value` after the last item (`[]` → `[value]`);
/// - `key:` with a null value: ` [value]` after the colon;
/// - no such key: `key: [value]` (or a block list, if the file's other lists are block
///   lists) on a new line after the last key's value. `yaml` is the YAML's range in `text`.
pub fn append_seq_item(
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let format = front_matter::format_at(text, yaml.start);
    if format != Format::Yaml {
        return append_seq_item_data(format, file, text, root, yaml, key, value);
    }
    let Some((k, v)) = root.get_entry(key) else {
        return insert_key(
            file,
            text,
            root,
            yaml,
            key,
            |eol, indent| match first_block_item_prefix(text, root) {
                Some(prefix) => format!(
                    "{indent}{}:{eol}{prefix}{}",
                    format_key(key),
                    format_scalar(value, None)
                ),
                None => format!(
                    "{indent}{}: [{}]",
                    format_key(key),
                    format_scalar(value, None)
                ),
            },
        );
    };
    if v.is_null() {
        return set_null_value(file, text, k, &format!("[{}]", format_scalar(value, None)));
    }
    let items = v.as_seq()?;
    if v.is_flow() {
        let style = items.last().and_then(Node::style);
        return Some(match items.last() {
            Some(last) => Edit {
                file,
                range: last.span.end..last.span.end,
                replacement: format!(", {}", format_scalar(value, style)),
            },
            None => {
                let open = v.span.start + 1;
                Edit {
                    file,
                    range: open..open,
                    replacement: format_scalar(value, None),
                }
            }
        });
    }
    let last = items.last()?;
    let start = line_start(text, last.span.start);
    let prefix = &text[start..last.span.start];
    if !only_dash_prefix(prefix) {
        return None;
    }
    let end = line_end(text, last.span.end);
    let eol = eol_of(text);
    let item = format_scalar(value, last.style());
    if end == text.len() && !text.ends_with('\n') {
        return Some(Edit {
            file,
            range: end..end,
            replacement: format!("{eol}{prefix}{item}"),
        });
    }
    Some(Edit {
        file,
        range: end..end,
        replacement: format!("{prefix}{item}{eol}"),
    })
}

/// Sets the top-level `key` of a mapping `root` to the scalar `value` (`last_reviewed:
/// 2025-01-01`, `duplicate_of: X`): an existing scalar is replaced in place (quoting kept),
/// a null value gets the value after its colon, an absent key is added on a new line after
/// the last key's value with the file's line ending. A key holding a list or mapping is
/// left alone (`None`).
pub fn set_scalar(
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let format = front_matter::format_at(text, yaml.start);
    if format != Format::Yaml {
        return set_scalar_data(format, file, text, root, yaml, key, value);
    }
    match root.get_entry(key) {
        Some((k, v)) if v.is_null() => set_null_value(file, text, k, &format_scalar(value, None)),
        Some((_, v)) => match &v.kind {
            NodeKind::Scalar {
                style: Style::Plain | Style::SingleQuoted | Style::DoubleQuoted,
                ..
            } => Some(replace_scalar(file, text, v.span.clone(), value)),
            _ => None,
        },
        None => insert_key(file, text, root, yaml, key, |_, indent| {
            format!(
                "{indent}{}: {}",
                format_key(key),
                format_scalar(value, None)
            )
        }),
    }
}

/// [`append_seq_item`] in TOML or JSON front matter: arrays there are always flow lists.
fn append_seq_item_data(
    format: Format,
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    key: &str,
    value: &str,
) -> Option<Edit> {
    let item = |style: Option<Style>| match format {
        // An array item is a string: never a bare TOML date.
        Format::Toml => toml_scalar(
            value,
            Some(match style {
                Some(Style::SingleQuoted) => Style::SingleQuoted,
                _ => Style::DoubleQuoted,
            }),
        ),
        _ => quote_double(value),
    };
    match root.get_entry(key) {
        Some((k, v)) if v.is_null() && format == Format::Json => {
            set_null_value(file, text, k, &format!("[{}]", item(None)))
        }
        Some((_, v)) => {
            let items = v.as_seq()?;
            if !v.is_flow() {
                return None;
            }
            Some(match items.last() {
                Some(last) => Edit {
                    file,
                    range: last.span.end..last.span.end,
                    replacement: format!(", {}", item(last.style())),
                },
                None => {
                    let open = v.span.start + 1;
                    Edit {
                        file,
                        range: open..open,
                        replacement: item(None),
                    }
                }
            })
        }
        None => match format {
            Format::Toml => insert_toml_key(
                file,
                text,
                root,
                yaml,
                &format!("{} = [{}]", toml_key(key), item(None)),
            ),
            _ => insert_json_member(
                file,
                text,
                root,
                &format!("{}: [{}]", quote_double(key), item(None)),
            ),
        },
    }
}

/// [`set_scalar`] in TOML or JSON front matter.
fn set_scalar_data(
    format: Format,
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    key: &str,
    value: &str,
) -> Option<Edit> {
    match root.get_entry(key) {
        Some((k, v)) if v.is_null() && format == Format::Json => {
            set_null_value(file, text, k, &quote_double(value))
        }
        Some((_, v)) => match &v.kind {
            NodeKind::Scalar {
                style: Style::Plain | Style::SingleQuoted | Style::DoubleQuoted,
                ..
            } => Some(replace_scalar(file, text, v.span.clone(), value)),
            _ => None,
        },
        None => match format {
            Format::Toml => insert_toml_key(
                file,
                text,
                root,
                yaml,
                &format!("{} = {}", toml_key(key), toml_scalar(value, None)),
            ),
            _ => insert_json_member(
                file,
                text,
                root,
                &format!("{}: {}", quote_double(key), quote_double(value)),
            ),
        },
    }
}

/// Inserts the `key = value` line `line` among the top-level keys of a TOML document:
/// after the last one (before any `[table]` header, whose keys would claim it), or at the
/// start of the block when there is none.
fn insert_toml_key(
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    line: &str,
) -> Option<Edit> {
    let eol = eol_of(text);
    let at = match root.as_map() {
        Some(entries) => entries
            .iter()
            .filter(|(k, _)| {
                !text[line_start(text, k.span.start)..k.span.start]
                    .trim_start()
                    .starts_with('[')
            })
            .map(|(k, v)| line_end(text, v.span.end.max(k.span.end)))
            .max()
            .unwrap_or(yaml.start),
        // An empty document (no keys) has no tree.
        None if root.is_null() || text[yaml.clone()].trim().is_empty() => yaml.start,
        None => return None,
    };
    if at < yaml.start || at > yaml.end {
        return None;
    }
    Some(Edit {
        file,
        range: at..at,
        replacement: format!("{line}{eol}"),
    })
}

/// Adds the member `member` (`"key": value`) at the end of the JSON object `root`: on a
/// line of its own, indented like the last member, when the object spans several lines.
fn insert_json_member(file: FileId, text: &str, root: &Node, member: &str) -> Option<Edit> {
    let NodeKind::Map {
        entries,
        flow: true,
    } = &root.kind
    else {
        return None;
    };
    let multiline = text[root.span.clone()].contains('\n');
    let eol = eol_of(text);
    let Some((last_key, last_value)) = entries.last() else {
        let open = root.span.start + 1;
        let replacement = if multiline {
            format!("{eol}  {member}")
        } else {
            member.to_string()
        };
        return Some(Edit {
            file,
            range: open..open,
            replacement,
        });
    };
    let key_line = line_start(text, last_key.span.start);
    let indent = &text[key_line..last_key.span.start];
    let replacement = if multiline && indent.chars().all(|c| c == ' ' || c == '\t') {
        format!(",{eol}{indent}{member}")
    } else {
        format!(", {member}")
    };
    Some(Edit {
        file,
        range: last_value.span.end..last_value.span.end,
        replacement,
    })
}

/// Inserts a new top-level key (the text from `render(eol, indent)`, without its final line
/// ending) after the last key's value, or at the end of the YAML when there is none.
fn insert_key(
    file: FileId,
    text: &str,
    root: &Node,
    yaml: Range<usize>,
    key: &str,
    render: impl Fn(&str, &str) -> String,
) -> Option<Edit> {
    let eol = eol_of(text);
    let (at, indent) = match &root.kind {
        NodeKind::Map {
            entries,
            flow: false,
        } => match (entries.first(), entries.last()) {
            (Some((first_key, _)), Some((_, last_value))) => {
                let indent_start = line_start(text, first_key.span.start);
                let indent = &text[indent_start..first_key.span.start];
                if !indent.chars().all(|c| c == ' ') {
                    return None;
                }
                (
                    line_end(text, last_value.span.end.max(first_key.span.end)),
                    indent.to_string(),
                )
            }
            _ => (yaml.end, String::new()),
        },
        // An empty front matter parses as a null scalar: write the first key.
        NodeKind::Scalar { .. } if root.is_null() && text[yaml.clone()].trim().is_empty() => {
            (yaml.end, String::new())
        }
        _ => return None,
    };
    let _ = key;
    let line = render(eol, &indent);
    let replacement = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        format!("{eol}{line}")
    } else {
        format!("{line}{eol}")
    };
    Some(Edit {
        file,
        range: at..at,
        replacement,
    })
}

/// Writes `value` after the colon of `key`, whose value is null (`key:`, `key: ~`,
/// `key: null`), keeping a trailing comment.
fn set_null_value(file: FileId, text: &str, key: &Node, value: &str) -> Option<Edit> {
    let colon_end = colon_end(text, key)?;
    let line_end = line_end(text, colon_end);
    let rest = &text[colon_end..line_end];
    let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after_ws = &rest[ws..];
    let token = ["null", "Null", "NULL", "~"]
        .iter()
        .find(|t| after_ws.starts_with(**t))
        .map_or(0, |t| t.len());
    if token == 0 {
        // `key:` or `key: # comment`: insert, keeping what follows.
        return Some(Edit {
            file,
            range: colon_end..colon_end,
            replacement: format!(" {value}"),
        });
    }
    Some(Edit {
        file,
        range: colon_end..colon_end + ws + token,
        replacement: format!(" {value}"),
    })
}

/// The sequence that directly holds `item`, with the key it is the value of (if any).
fn find_seq_containing<'a>(
    node: &'a Node,
    key: Option<&'a Node>,
    item: &Range<usize>,
) -> Option<(Option<&'a Node>, &'a Node)> {
    match &node.kind {
        NodeKind::Seq { items, .. } => {
            if items.iter().any(|n| &n.span == item) {
                return Some((key, node));
            }
            items
                .iter()
                .find_map(|n| find_seq_containing(n, None, item))
        }
        NodeKind::Map { entries, .. } => entries
            .iter()
            .find_map(|(k, v)| find_seq_containing(v, Some(k), item)),
        _ => None,
    }
}

/// The prefix (`  - `) of the first block-list item among the mapping's values.
fn first_block_item_prefix<'a>(text: &'a str, root: &Node) -> Option<&'a str> {
    root.as_map()?.iter().find_map(|(_, v)| {
        if v.is_flow() {
            return None;
        }
        let first = v.as_seq()?.first()?;
        let prefix = &text[line_start(text, first.span.start)..first.span.start];
        only_dash_prefix(prefix).then_some(prefix)
    })
}

/// True for `  - `, `-\t`, `- `: indentation, one dash, spacing.
fn only_dash_prefix(prefix: &str) -> bool {
    let t = prefix.trim_start_matches(' ');
    let Some(after) = t.strip_prefix('-') else {
        return false;
    };
    !after.is_empty() && after.chars().all(|c| c == ' ' || c == '\t')
}

/// The offset just after the `:` that follows a (plain or quoted) key.
fn colon_end(text: &str, key: &Node) -> Option<usize> {
    let after = &text[key.span.end..];
    let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
    after[ws..]
        .starts_with(':')
        .then_some(key.span.end + ws + 1)
}

/// Start of the line holding `pos`.
fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// End of the line holding `pos`, after its line ending (or the end of the text).
fn line_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1)
}

/// Removes one trailing line ending (`\n` or `\r\n`) from `s`.
fn strip_one_eol(s: &mut String) {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
}

/// The file's line ending: that of its first line (`\n` when it has none).
pub fn eol_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// A key as YAML: plain when safe, else double-quoted.
fn format_key(key: &str) -> String {
    if is_plain_safe(key) {
        key.to_string()
    } else {
        quote_double(key)
    }
}

/// A scalar as YAML, in the given style when it can hold the value, else plain when safe,
/// else double-quoted.
pub fn format_scalar(value: &str, style: Option<Style>) -> String {
    match style {
        Some(Style::SingleQuoted) if !value.chars().any(char::is_control) => quote_single(value),
        Some(Style::DoubleQuoted) => quote_double(value),
        _ if is_plain_safe(value) => value.to_string(),
        _ => quote_double(value),
    }
}

/// True when `s` can be written as a plain YAML scalar, in block or flow context, and read
/// back as the same string.
pub fn is_plain_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    // `,[]{}` end a plain scalar in flow context (`tags: [a, b]`).
    if s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains([',', '[', ']', '{', '}'])
    {
        return false;
    }
    if s.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    s.parse::<f64>().is_err() && !looks_numeric(&lower)
}

/// `0x1f`, `0o17`, `.inf`, `1_000`: numbers in YAML 1.1/1.2 that `f64::from_str` rejects.
fn looks_numeric(lower: &str) -> bool {
    let t = lower.trim_start_matches(['+', '-']);
    t.starts_with("0x")
        || t.starts_with("0o")
        || matches!(t, ".inf" | ".nan")
        || (t.contains('_')
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == '.'))
}

/// A value as a TOML scalar: a literal string (`'…'`) when asked and possible, a bare date
/// when no style is asked and the value is one (`2025-01-01`), else a basic string (`"…"`,
/// whose escapes [`quote_double`] writes).
pub fn toml_scalar(value: &str, style: Option<Style>) -> String {
    match style {
        Some(Style::SingleQuoted)
            if !value.contains('\'') && !value.chars().any(char::is_control) =>
        {
            format!("'{value}'")
        }
        None if is_iso_date(value) => value.to_string(),
        _ => quote_double(value),
    }
}

/// A TOML key: bare when it can be, else a basic string.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        key.to_string()
    } else {
        quote_double(key)
    }
}

/// `YYYY-MM-DD`, a valid date.
fn is_iso_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// A single-quoted YAML scalar.
pub fn quote_single(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
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
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Applies non-overlapping edits (sorted here) to `text`.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in sorted {
        if e.range.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter;
    use crate::source::yaml;

    const F: FileId = FileId(0);

    /// Parses the front matter of `text` (or the whole text when it has none).
    fn parse(text: &str) -> (Node, Range<usize>) {
        let range = front_matter::split(text).map_or(0..text.len(), |s| s.yaml);
        let root = yaml::parse(text, range.clone()).unwrap().unwrap_or(Node {
            span: range.start..range.start,
            kind: NodeKind::Scalar {
                value: String::new(),
                style: Style::Plain,
            },
        });
        (root, range)
    }

    fn apply(text: &str, e: &Edit) -> String {
        apply_edits(text, &[e])
    }

    /// The span of the value node whose source text is `needle` (keys are skipped).
    fn span_of(text: &str, needle: &str) -> Range<usize> {
        fn walk(n: &Node, text: &str, needle: &str) -> Option<Range<usize>> {
            match &n.kind {
                NodeKind::Scalar { .. } => {
                    (&text[n.span.clone()] == needle).then(|| n.span.clone())
                }
                NodeKind::Seq { items, .. } => items.iter().find_map(|i| walk(i, text, needle)),
                NodeKind::Map { entries, .. } => {
                    entries.iter().find_map(|(_, v)| walk(v, text, needle))
                }
                NodeKind::Alias => None,
            }
        }
        walk(&parse(text).0, text, needle)
            .unwrap_or_else(|| panic!("no node `{needle}` in {text:?}"))
    }

    fn tags(text: &str) -> Vec<String> {
        let (root, _) = parse(text);
        match root.get("tags") {
            Some(v) if v.is_null() => vec![],
            Some(v) => v
                .as_seq()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect(),
            None => vec![],
        }
    }

    fn remove(text: &str, needle: &str) -> String {
        let (root, _) = parse(text);
        let e = remove_seq_item_in(F, text, &root, span_of(text, needle)).unwrap();
        let out = apply(text, &e);
        assert!(
            yaml::parse(&out, parse(&out).1).is_ok(),
            "does not parse:\n{out}"
        );
        out
    }

    #[test]
    fn replace_scalar_keeps_quoting() {
        let t = "tags: [a, 'b', \"c\"]\n";
        assert_eq!(
            apply(t, &replace_scalar(F, t, span_of(t, "a"), "x")),
            "tags: [x, 'b', \"c\"]\n"
        );
        assert_eq!(
            apply(t, &replace_scalar(F, t, span_of(t, "'b'"), "it's")),
            "tags: [a, 'it''s', \"c\"]\n"
        );
        assert_eq!(
            apply(t, &replace_scalar(F, t, span_of(t, "\"c\""), "x")),
            "tags: [a, 'b', \"x\"]\n"
        );
        // A plain value that would not read back is quoted.
        assert_eq!(
            apply(t, &replace_scalar(F, t, span_of(t, "a"), "x, y")),
            "tags: [\"x, y\", 'b', \"c\"]\n"
        );
        assert_eq!(
            apply(t, &replace_scalar(F, t, span_of(t, "a"), "true")),
            "tags: [\"true\", 'b', \"c\"]\n"
        );
    }

    #[test]
    fn remove_flow_items() {
        assert_eq!(remove("tags: [a, b, c]\n", "a"), "tags: [b, c]\n");
        assert_eq!(remove("tags: [a, b, c]\n", "b"), "tags: [a, c]\n");
        assert_eq!(remove("tags: [a, b, c] # x\n", "c"), "tags: [a, b] # x\n");
        assert_eq!(remove("tags: [only]\n", "only"), "tags: []\n");
        assert_eq!(remove("tags: [ 'a' ,  b ]\r\n", "'a'"), "tags: [ b ]\r\n");
    }

    #[test]
    fn remove_block_items_with_comments_and_crlf() {
        let t = "tags:\n  - a # first\n  - b\n  - c\nnext: 1\n";
        assert_eq!(remove(t, "a"), "tags:\n  - b\n  - c\nnext: 1\n");
        assert_eq!(remove(t, "c"), "tags:\n  - a # first\n  - b\nnext: 1\n");
        let t = "tags:\r\n- a\r\n- b\r\nnext: 1\r\n";
        assert_eq!(remove(t, "b"), "tags:\r\n- a\r\nnext: 1\r\n");
        // Last line of a file without a final line ending.
        let t = "tags:\n  - a\n  - b";
        assert_eq!(remove(t, "b"), "tags:\n  - a");
    }

    #[test]
    fn remove_only_block_item_writes_empty_list() {
        let t = "tags:\n  - a # why\nnext: 1\n";
        let out = remove(t, "a");
        assert_eq!(out, "tags: []\nnext: 1\n");
        assert_eq!(tags(&out), Vec::<String>::new());
        assert!(
            parse(&out).0.get("tags").unwrap().as_seq().is_some(),
            "an empty list, not null"
        );
        let t = "tags: # the tags\r\n  # keep me\r\n  - a\r\nnext: 1\r\n";
        assert_eq!(
            remove(t, "a"),
            "tags: [] # the tags\r\n  # keep me\r\nnext: 1\r\n"
        );
    }

    #[test]
    fn remove_only_item_at_end_without_newline() {
        let t = "x: 1\ntags:\n- a";
        let (root, _) = parse(t);
        let e = remove_seq_item_in(F, t, &root, span_of(t, "a")).unwrap();
        assert_eq!(apply(t, &e), "x: 1\ntags: []");
    }

    #[test]
    fn remove_in_nested_taxonomy_lists() {
        let t = "locales:\n  fr:\n    tags:\n      - a\n      - b\n";
        assert_eq!(remove(t, "b"), "locales:\n  fr:\n    tags:\n      - a\n");
    }

    #[test]
    fn append_to_block_flow_null_and_absent() {
        let t = "---\ntitle: T\ntags:\n  - a # c\n  - 'b'\nnext: 1\n---\nbody\n";
        let (root, yaml) = parse(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap());
        assert_eq!(
            out,
            "---\ntitle: T\ntags:\n  - a # c\n  - 'b'\n  - 'z'\nnext: 1\n---\nbody\n"
        );

        let t = "---\r\ntags: [a, b] # c\r\n---\r\nbody";
        let (root, yaml) = parse(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap());
        assert_eq!(out, "---\r\ntags: [a, b, z] # c\r\n---\r\nbody");

        let t = "tags: []\n";
        let (root, yaml) = parse(t);
        assert_eq!(
            apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap()),
            "tags: [z]\n"
        );

        let t = "tags: # none yet\nx: 1\n";
        let (root, yaml) = parse(t);
        assert_eq!(
            apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap()),
            "tags: [z] # none yet\nx: 1\n"
        );

        let t = "---\r\ntitle: T # q\r\n# trailing comment\r\n---\r\nbody\r\n";
        let (root, yaml) = parse(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap());
        assert_eq!(
            out,
            "---\r\ntitle: T # q\r\ntags: [z]\r\n# trailing comment\r\n---\r\nbody\r\n"
        );

        let t = "---\ntitle: T\nrelated:\n  - x\n---\n";
        let (root, yaml) = parse(t);
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml, "tags", "a b").unwrap(),
        );
        assert_eq!(out, "---\ntitle: T\nrelated:\n  - x\ntags:\n  - a b\n---\n");
        assert_eq!(tags(&out), ["a b"]);
    }

    #[test]
    fn append_at_end_of_file_without_newline() {
        let t = "tags:\n  - a";
        let (root, yaml) = parse(t);
        assert_eq!(
            apply(t, &append_seq_item(F, t, &root, yaml, "tags", "b").unwrap()),
            "tags:\n  - a\n  - b"
        );
    }

    #[test]
    fn set_scalar_replaces_fills_and_inserts() {
        let t = "---\r\nid: a\r\nlast_reviewed: '2020-01-01' # old\r\n---\r\nBody\r\n";
        let (root, yaml) = parse(t);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml, "last_reviewed", "2025-01-01").unwrap(),
        );
        assert_eq!(
            out,
            "---\r\nid: a\r\nlast_reviewed: '2025-01-01' # old\r\n---\r\nBody\r\n"
        );

        let (root, yaml) = parse(t);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml, "duplicate_of", "cdt-1").unwrap(),
        );
        assert_eq!(
            out,
            "---\r\nid: a\r\nlast_reviewed: '2020-01-01' # old\r\nduplicate_of: cdt-1\r\n---\r\nBody\r\n"
        );

        let t = "---\nid: a\nduplicate_of: ~ # later\nx: 1\n---\n";
        let (root, yaml) = parse(t);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml, "duplicate_of", "b").unwrap(),
        );
        assert_eq!(out, "---\nid: a\nduplicate_of: b # later\nx: 1\n---\n");

        let t = "---\nid: a\nowner:\n---\n";
        let (root, yaml) = parse(t);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml, "owner", "ana: b").unwrap(),
        );
        assert_eq!(out, "---\nid: a\nowner: \"ana: b\"\n---\n");

        let t = "---\ntags: [a]\n---\n";
        let (root, yaml) = parse(t);
        assert!(
            set_scalar(F, t, &root, yaml, "tags", "x").is_none(),
            "a list is not a scalar"
        );
    }

    #[test]
    fn set_scalar_in_empty_front_matter() {
        let t = "---\n---\nBody";
        let (root, yaml) = parse(t);
        let out = apply(t, &set_scalar(F, t, &root, yaml, "id", "a").unwrap());
        assert_eq!(out, "---\nid: a\n---\nBody");
    }

    /// Parses front matter in any format: (root, data range).
    fn parse_fm(text: &str) -> (Node, Range<usize>) {
        let split = front_matter::split(text).unwrap();
        let root = front_matter::parse_split(text, &split).unwrap().unwrap();
        (root, split.yaml)
    }

    /// The value node whose source text is `needle`, in front matter of any format.
    fn fm_span(text: &str, needle: &str) -> Range<usize> {
        fn walk(n: &Node, text: &str, needle: &str) -> Option<Range<usize>> {
            match &n.kind {
                NodeKind::Scalar { .. } => {
                    (&text[n.span.clone()] == needle).then(|| n.span.clone())
                }
                NodeKind::Seq { items, .. } => items.iter().find_map(|i| walk(i, text, needle)),
                NodeKind::Map { entries, .. } => {
                    entries.iter().find_map(|(_, v)| walk(v, text, needle))
                }
                NodeKind::Alias => None,
            }
        }
        walk(&parse_fm(text).0, text, needle).unwrap()
    }

    /// The TOML between the fences, checked by the `toml` crate itself.
    fn toml_table(text: &str) -> toml::Table {
        let split = front_matter::split(text).unwrap();
        assert_eq!(split.format, Format::Toml);
        toml::from_str(&text[split.yaml]).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// The JSON object, checked by `serde_json`.
    fn json_value(text: &str) -> serde_json::Value {
        let split = front_matter::split(text).unwrap();
        assert_eq!(split.format, Format::Json);
        serde_json::from_str(&text[split.yaml]).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn toml_replace_writes_toml_strings() {
        let t = "+++\r\ntags = [\"a\", 'b', 2024]\r\nd = 2020-01-01T10:00:00Z\r\n+++\r\nBody\r\n";
        let out = apply(t, &replace_scalar(F, t, fm_span(t, "\"a\""), "x \"y\""));
        assert!(out.contains("tags = [\"x \\\"y\\\"\", 'b', 2024]"), "{out}");
        let out = apply(t, &replace_scalar(F, t, fm_span(t, "'b'"), "c"));
        assert!(out.contains("tags = [\"a\", 'c', 2024]"), "{out}");
        // A literal string cannot hold `'`: a basic string then.
        let out = apply(t, &replace_scalar(F, t, fm_span(t, "'b'"), "it's"));
        assert!(out.contains("tags = [\"a\", \"it's\", 2024]"), "{out}");
        assert_eq!(toml_table(&out)["tags"][1].as_str(), Some("it's"));
        // A bare value becomes a string, or stays a bare date.
        let out = apply(t, &replace_scalar(F, t, fm_span(t, "2024"), "true"));
        assert_eq!(toml_table(&out)["tags"][2].as_str(), Some("true"));
        let out = apply(
            t,
            &replace_scalar(F, t, fm_span(t, "2020-01-01T10:00:00Z"), "2025-01-01"),
        );
        assert!(out.contains("d = 2025-01-01\r\n"), "{out}");
        assert!(toml_table(&out)["d"].is_datetime());
    }

    #[test]
    fn toml_remove_keeps_a_valid_array() {
        let t = "+++\ntags = [\n  \"a\", # first\n  \"b\",\n  'c',\n]\n[params]\nx = 1\n+++\n";
        for (needle, left) in [
            ("\"a\"", ["b", "c"]),
            ("\"b\"", ["a", "c"]),
            ("'c'", ["a", "b"]),
        ] {
            let (root, _) = parse_fm(t);
            let e = remove_seq_item_in(F, t, &root, fm_span(t, needle)).unwrap();
            let out = apply(t, &e);
            let table = toml_table(&out);
            let tags: Vec<&str> = table["tags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(tags, left, "{out}");
            assert!(out.ends_with("]\n[params]\nx = 1\n+++\n"), "{out}");
        }
        let t = "+++\ntags = ['only']\n+++\n";
        let (root, _) = parse_fm(t);
        let e = remove_seq_item_in(F, t, &root, fm_span(t, "'only'")).unwrap();
        assert_eq!(apply(t, &e), "+++\ntags = []\n+++\n");
        // Arrays of tables are not flow lists: no edit.
        let t = "+++\n[[tags]]\nname = \"a\"\n+++\n";
        let (root, _) = parse_fm(t);
        let item = root.get("tags").unwrap().as_seq().unwrap()[0].span.clone();
        assert!(remove_seq_item_in(F, t, &root, item).is_none());
    }

    #[test]
    fn toml_append_and_insert() {
        let t = "+++\r\ntitle = \"T\"\r\ntags = ['a']\r\n+++\r\n";
        let (root, yaml) = parse_fm(t);
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml, "tags", "b's").unwrap(),
        );
        assert_eq!(
            out,
            "+++\r\ntitle = \"T\"\r\ntags = ['a', \"b's\"]\r\n+++\r\n"
        );
        toml_table(&out);

        let t = "+++\ntags = []\n+++\n";
        let (root, yaml) = parse_fm(t);
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml, "tags", "2025-01-01").unwrap(),
        );
        assert_eq!(out, "+++\ntags = [\"2025-01-01\"]\n+++\n");

        // A new key goes before the first table header.
        let t = "+++\ntitle = \"T\" # q\nmenu.main.weight = 1\n[params]\nx = 1\n+++\nBody\n";
        let (root, yaml) = parse_fm(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap());
        assert_eq!(
            out,
            "+++\ntitle = \"T\" # q\nmenu.main.weight = 1\ntags = [\"z\"]\n[params]\nx = 1\n+++\nBody\n"
        );
        assert!(toml_table(&out)["params"].get("tags").is_none());

        let t = "+++\n[params]\nx = 1\n+++\n";
        let (root, yaml) = parse_fm(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "z").unwrap());
        assert_eq!(out, "+++\ntags = [\"z\"]\n[params]\nx = 1\n+++\n");

        // Not an array: no edit.
        let t = "+++\ntags = \"a\"\n+++\n";
        let (root, yaml) = parse_fm(t);
        assert!(append_seq_item(F, t, &root, yaml, "tags", "z").is_none());
    }

    #[test]
    fn toml_set_scalar() {
        let t = "+++\nid = 'a'\nlastmod = 2020-01-01T10:00:00+01:00 # old\n[params]\n+++\n";
        let (root, yaml) = parse_fm(t);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml.clone(), "lastmod", "2025-01-01").unwrap(),
        );
        assert_eq!(
            out,
            "+++\nid = 'a'\nlastmod = 2025-01-01 # old\n[params]\n+++\n"
        );
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml.clone(), "last_reviewed", "2025-01-01").unwrap(),
        );
        assert_eq!(
            out,
            "+++\nid = 'a'\nlastmod = 2020-01-01T10:00:00+01:00 # old\nlast_reviewed = 2025-01-01\n[params]\n+++\n"
        );
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml.clone(), "duplicate_of", "b: c").unwrap(),
        );
        assert_eq!(toml_table(&out)["duplicate_of"].as_str(), Some("b: c"));
        let out = apply(t, &set_scalar(F, t, &root, yaml, "my key", "1").unwrap());
        assert_eq!(toml_table(&out)["my key"].as_str(), Some("1"));
    }

    #[test]
    fn json_edits_stay_json() {
        let t = "{\r\n  \"title\": \"T\",\r\n  \"tags\": [\"a\", \"b\"],\r\n  \"owner\": null\r\n}\r\nBody\r\n";
        let out = apply(t, &replace_scalar(F, t, fm_span(t, "\"a\""), "x, \\y"));
        assert_eq!(json_value(&out)["tags"][0], "x, \\y");
        for needle in ["\"a\"", "\"b\""] {
            let (root, _) = parse_fm(t);
            let out = apply(
                t,
                &remove_seq_item_in(F, t, &root, fm_span(t, needle)).unwrap(),
            );
            assert_eq!(json_value(&out)["tags"].as_array().unwrap().len(), 1);
        }
        let (root, yaml) = parse_fm(t);
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml.clone(), "tags", "true").unwrap(),
        );
        assert!(out.contains("[\"a\", \"b\", \"true\"]"), "{out}");
        json_value(&out);
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml.clone(), "owner", "z").unwrap(),
        );
        assert!(out.contains("\"owner\": [\"z\"]\r\n}"), "{out}");
        json_value(&out);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml.clone(), "owner", "ana").unwrap(),
        );
        assert!(out.contains("\"owner\": \"ana\"\r\n}"), "{out}");
        let out = apply(
            t,
            &append_seq_item(F, t, &root, yaml.clone(), "related", "x").unwrap(),
        );
        assert!(
            out.contains("\"owner\": null,\r\n  \"related\": [\"x\"]\r\n}"),
            "{out}"
        );
        json_value(&out);
        let out = apply(
            t,
            &set_scalar(F, t, &root, yaml, "last_reviewed", "2025-01-01").unwrap(),
        );
        assert_eq!(json_value(&out)["last_reviewed"], "2025-01-01");

        let t = "{\"title\": \"T\"}\nBody";
        let (root, yaml) = parse_fm(t);
        let out = apply(t, &set_scalar(F, t, &root, yaml, "id", "a").unwrap());
        assert_eq!(out, "{\"title\": \"T\", \"id\": \"a\"}\nBody");
        let t = "{}\nBody";
        let (root, yaml) = parse_fm(t);
        let out = apply(t, &append_seq_item(F, t, &root, yaml, "tags", "a").unwrap());
        assert_eq!(out, "{\"tags\": [\"a\"]}\nBody");
    }

    #[test]
    fn eol_detection() {
        assert_eq!(eol_of("a\r\nb\n"), "\r\n");
        assert_eq!(eol_of("a\nb\r\n"), "\n");
        assert_eq!(eol_of("a"), "\n");
    }

    #[test]
    fn plain_safety() {
        for ok in ["conges", "prix-2024", "congé payé", "2025-01-01", "a:b"] {
            assert!(is_plain_safe(ok), "{ok}");
        }
        for bad in [
            "", " a", "a, b", "[a]", "- a", "yes", "null", "12", "0x1F", "a #b", "a: b", "x}",
        ] {
            assert!(!is_plain_safe(bad), "{bad}");
        }
    }
}
