//! The one diagnostic type every rule emits, and the fix model attached to it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::source::FileId;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rule families, as named in the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Structure,
    Stale,
    Orphan,
    Tagging,
    Duplicate,
    Search,
}

impl Family {
    pub const ALL: [Family; 6] = [
        Family::Structure,
        Family::Stale,
        Family::Orphan,
        Family::Tagging,
        Family::Duplicate,
        Family::Search,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Structure => "structure",
            Family::Stale => "stale",
            Family::Orphan => "orphan",
            Family::Tagging => "tagging",
            Family::Duplicate => "duplicate",
            Family::Search => "search",
        }
    }

    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown (and proposed by the bot), never applied by `fix`.
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: may change meaning, needs review.
    Unsafe,
    /// Cannot change meaning: applied by `fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One text replacement in one file. Ranges are byte offsets into the file's text
/// (BOM excluded, see [`crate::source::SourceFile`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub range: Range<usize>,
    pub replacement: String,
}

/// A set of edits with a title and an applicability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }
}

/// A secondary location that helps explain a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
    /// The id of the entry at that location, when the location is an entry (a member of a
    /// duplicate cluster).
    pub entry: Option<String>,
}

/// A diagnostic: what is wrong, where, and how to fix it.
///
/// Built only through [`Diagnostic::builder`], whose `build` checks the span and edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    /// Entry id the diagnostic is about, when there is one (used by fingerprints).
    pub entry_id: Option<String>,
}

/// An internal error: a rule tried to build a broken diagnostic.
#[derive(Debug, thiserror::Error)]
#[error("internal error in rule `{rule}`: {reason}")]
pub struct BuildError {
    pub rule: &'static str,
    pub reason: String,
}

pub struct DiagnosticBuilder {
    diag: Diagnostic,
}

impl Diagnostic {
    /// Starts a diagnostic. The severity is the rule's configured one; the engine fills it in.
    pub fn builder(
        rule: &'static str,
        file: FileId,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> DiagnosticBuilder {
        DiagnosticBuilder {
            diag: Diagnostic {
                rule,
                severity: Severity::Warning,
                file,
                span,
                message: message.into(),
                help: None,
                fix: None,
                related: Vec::new(),
                entry_id: None,
            },
        }
    }
}

impl DiagnosticBuilder {
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.diag.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.diag.fix = Some(fix);
        self
    }

    pub fn maybe_fix(mut self, fix: Option<Fix>) -> Self {
        self.diag.fix = fix;
        self
    }

    pub fn related(mut self, file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        self.diag.related.push(Related {
            file,
            span,
            message: message.into(),
            entry: None,
        });
        self
    }

    /// A related location that is an entry, named by its id (listed in JSON output).
    pub fn related_entry(
        mut self,
        file: FileId,
        span: Range<usize>,
        message: impl Into<String>,
        entry: impl Into<String>,
    ) -> Self {
        self.diag.related.push(Related {
            file,
            span,
            message: message.into(),
            entry: Some(entry.into()),
        });
        self
    }

    pub fn entry(mut self, id: impl Into<String>) -> Self {
        self.diag.entry_id = Some(id.into());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.diag.severity = severity;
        self
    }

    /// Checks the diagnostic against the text of its file(s).
    ///
    /// `text_of` gives the text of a file id; spans must lie inside it on char boundaries,
    /// the message must be one line, and edits of one file must not overlap.
    pub fn build<'a>(self, text_of: impl Fn(FileId) -> &'a str) -> Result<Diagnostic, BuildError> {
        let d = self.diag;
        let err = |reason: String| BuildError {
            rule: d.rule,
            reason,
        };
        check_span(text_of(d.file), &d.span).map_err(|r| err(format!("span: {r}")))?;
        if d.message.is_empty() || d.message.contains('\n') {
            return Err(err(format!(
                "message must be one non-empty line: {:?}",
                d.message
            )));
        }
        for r in &d.related {
            check_span(text_of(r.file), &r.span).map_err(|e| err(format!("related span: {e}")))?;
        }
        if let Some(fix) = &d.fix {
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.file, e.range.start, e.range.end));
            for e in &edits {
                check_span(text_of(e.file), &e.range).map_err(|r| err(format!("edit: {r}")))?;
            }
            for w in edits.windows(2) {
                if w[0].file == w[1].file && w[0].range.end > w[1].range.start {
                    return Err(err(format!(
                        "overlapping edits {:?} and {:?}",
                        w[0].range, w[1].range
                    )));
                }
            }
        }
        Ok(d)
    }
}

fn check_span(text: &str, span: &Range<usize>) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!("{span:?} is out of bounds (len {})", text.len()));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{span:?} is not on a char boundary"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_rejects_out_of_bounds_and_multiline() {
        let text = "héllo";
        let ok = Diagnostic::builder("x", FileId(0), 0..1, "m").build(|_| text);
        assert!(ok.is_ok());
        let oob = Diagnostic::builder("x", FileId(0), 0..99, "m").build(|_| text);
        assert!(oob.is_err());
        let mid_char = Diagnostic::builder("x", FileId(0), 0..2, "m").build(|_| text);
        assert!(mid_char.is_err(), "é is two bytes, 2 is inside it");
        let multi = Diagnostic::builder("x", FileId(0), 0..1, "a\nb").build(|_| text);
        assert!(multi.is_err());
    }

    #[test]
    fn build_rejects_overlapping_edits() {
        let text = "abcdef";
        let fix = Fix::new(
            "t",
            Applicability::Safe,
            vec![
                Edit {
                    file: FileId(0),
                    range: 0..3,
                    replacement: String::new(),
                },
                Edit {
                    file: FileId(0),
                    range: 2..4,
                    replacement: String::new(),
                },
            ],
        );
        let d = Diagnostic::builder("x", FileId(0), 0..1, "m")
            .fix(fix)
            .build(|_| text);
        assert!(d.is_err());
    }
}
