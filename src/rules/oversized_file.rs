//! `oversized-file`: a file larger than `repo.max-file-size`, whose body is not analysed.

use super::invalid_taxonomy::line_at;
use super::{Context, Options, Sink};
use crate::source::{FileId, LoadProblem};

pub struct Rule;

impl super::Rule for Rule {
    fn check_corpus(&self, ctx: &Context, _opts: &Options, sink: &mut Sink) {
        for (i, file) in ctx.corpus.files.iter().enumerate() {
            for p in &file.problems {
                let LoadProblem::Oversized { size, limit } = p else {
                    continue;
                };
                let exact = if *size >= 1024 {
                    format!(" ({size} bytes)")
                } else {
                    String::new()
                };
                let message = format!(
                    "file is {}{exact}, over the {} limit; its answer was not checked",
                    human_size(*size),
                    human_size(*limit)
                );
                sink.push(
                    sink.diag(FileId(i), line_at(&file.text, 0), message)
                        .help("split the entry into smaller ones, or raise `repo.max-file-size` in faqlint.toml"),
                );
            }
        }
    }
}

/// `512 B`, `12.3 KiB`, `10.0 MiB`.
fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{}.{} MiB", bytes / MIB, (bytes % MIB) * 10 / MIB)
    } else if bytes >= KIB {
        format!("{}.{} KiB", bytes / KIB, (bytes % KIB) * 10 / KIB)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes() {
        assert_eq!(human_size(200), "200 B");
        assert_eq!(human_size(2 * 1024 * 1024), "2.0 MiB");
        assert_eq!(human_size(10 * 1024 * 1024 + 512 * 1024), "10.5 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
    }
}
