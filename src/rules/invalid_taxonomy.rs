//! `invalid-taxonomy`: the taxonomy file does not parse, or is not shaped as faqlint reads it.

use std::ops::Range;

use super::invalid_front_matter::clamp_to_char;
use super::{Context, Options, Sink};
use crate::source::{FileId, FileKind, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        report_yaml_file(
            ctx,
            sink,
            FileKind::Taxonomy,
            "taxonomy",
            "list allowed tags under `locales: { fr: { tags: [...], synonyms: {...}, deprecated: {...} } }`",
        );
    }
}

/// Reports YAML and structure problems of the taxonomy or navigation file.
pub(super) fn report_yaml_file(
    ctx: &Context,
    sink: &mut Sink,
    kind: FileKind,
    what: &str,
    shape_help: &str,
) {
    for (i, file) in ctx.corpus.files.iter().enumerate() {
        if file.kind != kind {
            continue;
        }
        for p in &file.problems {
            let (span, message, help) = match p {
                LoadProblem::InvalidYaml { offset, message } => (
                    line_at(&file.text, *offset),
                    format!(
                        "{what} file is not valid YAML: {}",
                        super::one_line(message)
                    ),
                    "fix the YAML syntax (unclosed quote, bad indentation, a `:` inside an unquoted value)",
                ),
                LoadProblem::InvalidStructure { span, message } => (
                    trim_span(&file.text, span.clone()),
                    super::one_line(message),
                    shape_help,
                ),
                _ => continue,
            };
            sink.push(sink.diag(FileId(i), span, message).help(help));
        }
    }
}

/// The line holding byte `offset`, without its line terminator.
pub(super) fn line_at(text: &str, offset: usize) -> Range<usize> {
    let at = clamp_to_char(text, offset);
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// A span limited to its first line, so a whole-mapping span does not print ten lines.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = clamp_to_char(text, span.start);
    let end = clamp_to_char(text, span.end.max(start));
    let first = line_at(text, start);
    start..end.min(first.end).max(start)
}

#[cfg(test)]
mod tests {
    use super::line_at;

    #[test]
    fn line_at_strips_terminators() {
        let t = "a: 1\r\nb: [x\r\nc: 3";
        assert_eq!(&t[line_at(t, 8)], "b: [x");
        assert_eq!(&t[line_at(t, 0)], "a: 1");
        assert_eq!(&t[line_at(t, 99)], "c: 3");
        assert_eq!(line_at("", 0), 0..0);
    }
}
