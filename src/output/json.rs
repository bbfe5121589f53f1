//! `--format json` (`json-v1`): the public contract documented in the README.
//! Renaming or removing a field means `json-v2`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Report, Summary, family_of};
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    family: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
    /// Other locations (for a duplicate: the other members of its cluster); `entry` is
    /// the id of the entry there, when the location is an entry.
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    entry: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: 1,
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| convert(report, d))
            .collect(),
        summary: report.summary,
    };
    // `From` keeps the kind of an I/O error (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}

fn convert<'a>(report: &'a Report, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let p = report.position(d.file, &d.span);
    JsonDiagnostic {
        rule: d.rule,
        family: family_of(d.rule),
        severity: d.severity.as_str(),
        path: report.path(d.file),
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        message: &d.message,
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            applicability: f.applicability.as_str(),
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let p = report.position(e.file, &e.range);
                    JsonEdit {
                        path: report.path(e.file),
                        line: p.line,
                        column: p.column,
                        end_line: p.end_line,
                        end_column: p.end_column,
                        content: &e.replacement,
                    }
                })
                .collect(),
        }),
        related: d
            .related
            .iter()
            .map(|r| {
                let p = report.position(r.file, &r.span);
                JsonRelated {
                    path: report.path(r.file),
                    line: p.line,
                    column: p.column,
                    message: &r.message,
                    entry: r.entry.as_deref(),
                }
            })
            .collect(),
    }
}
