//! `invalid-encoding`: a file that is not UTF-8 text, or a binary file with a Markdown name.

use super::invalid_taxonomy::line_at;
use super::{Context, Options, Sink};
use crate::source::{FileId, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        for (i, file) in ctx.corpus.files.iter().enumerate() {
            let id = FileId(i);
            for p in &file.problems {
                let (span, message, help) = match p {
                    LoadProblem::InvalidUtf8 { offset } => {
                        let offset = *offset;
                        (
                            line_at(&file.text, offset),
                            "file is not valid UTF-8".to_string(),
                            "re-save the file as UTF-8; the bytes that could not be read show as `\u{fffd}`",
                        )
                    }
                    LoadProblem::Binary => (
                        0..0,
                        "file is binary, not Markdown text".to_string(),
                        "remove the file, or keep it out of `repo.include` if it is meant to be there",
                    ),
                    _ => continue,
                };
                sink.push(sink.diag(id, span, message).help(help));
            }
        }
    }
}
