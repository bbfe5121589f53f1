//! `invalid-front-matter`: missing, unclosed or unparsable YAML front matter.

use super::{Context, Options, Sink};
use crate::source::{FileId, FileKind, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        for (i, file) in ctx.corpus.files.iter().enumerate() {
            if !matches!(file.kind, FileKind::Entry | FileKind::NavigationPage) {
                continue;
            }
            let id = FileId(i);
            for p in &file.problems {
                let (span, message, help) = match p {
                    LoadProblem::MissingFrontMatter => (
                        0..first_line_end(&file.text),
                        "entry has no front matter".to_string(),
                        "start the file with a `---` line, the YAML fields, and a closing `---`",
                    ),
                    LoadProblem::UnclosedFrontMatter => (
                        0..first_line_end(&file.text),
                        "front matter is opened with `---` but never closed".to_string(),
                        "add a `---` line after the last field",
                    ),
                    LoadProblem::InvalidYaml { offset, message } => {
                        let at = clamp_to_char(&file.text, *offset);
                        let end = file.text[at..]
                            .find('\n')
                            .map_or(file.text.len(), |n| at + n);
                        let end = if file.text[..end].ends_with('\r') {
                            end - 1
                        } else {
                            end
                        };
                        (
                            at..end.max(at),
                            format!("front matter is not valid YAML: {}", one_line(message)),
                            "fix the YAML syntax (unclosed quote, bad indentation, a `:` inside an unquoted value)",
                        )
                    }
                    _ => continue,
                };
                sink.push(sink.diag(id, span, message).help(help));
            }
        }
    }
}

fn first_line_end(text: &str) -> usize {
    let end = text.find('\n').unwrap_or(text.len());
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

pub(crate) fn clamp_to_char(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
