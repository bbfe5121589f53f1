//! `invalid-front-matter`: missing, unclosed or unparsable front matter (YAML, TOML, JSON).

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
                    LoadProblem::UnclosedFrontMatter => {
                        let fence = file.text[..first_line_end(&file.text)].trim();
                        let (fence, close) = match fence {
                            "+++" => ("+++", "add a `+++` line after the last TOML field"),
                            f if f.starts_with('{') => {
                                ("{", "close the JSON object with a `}` on its own line")
                            }
                            _ => ("---", "add a `---` line after the last field"),
                        };
                        (
                            0..first_line_end(&file.text),
                            format!("front matter is opened with `{fence}` but never closed"),
                            close,
                        )
                    }
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
                        let (format, rest, help) = if let Some(m) = message.strip_prefix("TOML: ") {
                            (
                                "TOML",
                                m,
                                "fix the TOML syntax (quote strings, `key = value`, one table header per line)",
                            )
                        } else if let Some(m) = message.strip_prefix("JSON: ") {
                            (
                                "JSON",
                                m,
                                "fix the JSON syntax (double-quoted keys and strings, commas between members, no trailing comma)",
                            )
                        } else {
                            (
                                "YAML",
                                message.as_str(),
                                "fix the YAML syntax (unclosed quote, bad indentation, a `:` inside an unquoted value)",
                            )
                        };
                        (
                            at..end.max(at),
                            format!(
                                "front matter is not valid {format}: {}",
                                super::one_line(rest)
                            ),
                            help,
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
