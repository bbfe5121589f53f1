//! One emitter per output format. Line and column are computed here, from byte spans.

mod concise;
mod github;
mod human;
mod json;
pub mod markdown;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::registry;
use crate::source::{Corpus, FileId, LineIndex};

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets for people (the default).
    Human,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// `json-v1`, a stable public contract (see README).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the PR diff).
    Github,
}

/// Totals for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub entries: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The site profile the run used (`default`, `hugo`, `jekyll`, `docusaurus`, `mkdocs`,
    /// `docfx`).
    pub profile: &'static str,
}

impl Summary {
    pub fn new(corpus: &Corpus, diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary {
            files: corpus.files.len(),
            entries: corpus
                .entries
                .iter()
                .filter(|e| corpus.file(e.file).kind == crate::source::FileKind::Entry)
                .count(),
            profile: corpus.site.profile.name(),
            ..Summary::default()
        };
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// What an emitter renders.
pub struct Report<'a> {
    pub corpus: &'a Corpus,
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
    /// Colour the output (human format on a TTY only).
    pub color: bool,
    line_indexes: std::sync::Mutex<HashMap<FileId, std::sync::Arc<LineIndex>>>,
}

/// A resolved position: 1-based line and column of a span's start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl<'a> Report<'a> {
    pub fn new(corpus: &'a Corpus, diagnostics: &'a [Diagnostic]) -> Report<'a> {
        Report {
            corpus,
            diagnostics,
            summary: Summary::new(corpus, diagnostics),
            color: false,
            line_indexes: std::sync::Mutex::new(HashMap::new()),
        }
    }

    pub fn line_index(&self, file: FileId) -> std::sync::Arc<LineIndex> {
        let mut cache = match self.line_indexes.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        cache
            .entry(file)
            .or_insert_with(|| std::sync::Arc::new(LineIndex::new(self.corpus.text(file))))
            .clone()
    }

    pub fn position(&self, file: FileId, span: &std::ops::Range<usize>) -> Position {
        let idx = self.line_index(file);
        let text = self.corpus.text(file);
        let (line, column) = idx.line_col(text, span.start);
        let (end_line, end_column) = idx.line_col(text, span.end);
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }

    pub fn path(&self, file: FileId) -> &str {
        &self.corpus.file(file).path
    }
}

/// Family name of a rule id.
pub fn family_of(rule: &str) -> &'static str {
    registry::get(rule).map_or("structure", |r| r.meta.family.as_str())
}

/// Writes the report in `format`.
pub fn emit(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::emit(report, out),
        Format::Concise => concise::emit(report, out),
        Format::Json => json::emit(report, out),
        Format::Sarif => sarif::emit(report, out),
        Format::Github => github::emit(report, out),
    }
}
