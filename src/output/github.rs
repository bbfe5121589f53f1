//! `--format github`: GitHub Actions workflow commands, one per diagnostic, which the runner
//! turns into annotations on the pull request's diff, then a `::notice` summary (GitHub shows
//! only a few annotations per step, the summary says how many there are).
//!
//! ```text
//! ::warning file=en/a/x.md,line=4,col=5,endLine=4,endColumn=8,title=synonym-tag::tag `pwd` …%0Ahelp: …
//! ```
//!
//! Escaping follows `actions/toolkit: packages/core/src/command.ts`: `%`, `\r`, `\n` in the
//! message; additionally `:` and `,` in properties. Columns are only given when the span
//! is on one line (GitHub ignores columns of multi-line annotations).

use std::io::{self, Write};

use super::Report;
use crate::diagnostic::Severity;

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let p = report.position(d.file, &d.span);
        let mut props = format!(
            "file={},line={}",
            escape_property(report.path(d.file)),
            p.line
        );
        if p.end_line == p.line {
            props.push_str(&format!(
                ",col={},endLine={},endColumn={}",
                p.column, p.end_line, p.end_column
            ));
        } else {
            props.push_str(&format!(",endLine={}", p.end_line));
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("faqlint {}", d.rule))
        ));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        if let Some(f) = &d.fix {
            message.push_str(&format!(
                "\nfix ({}): {}",
                f.applicability.as_str(),
                f.title
            ));
        }
        message.push_str(&format!("\nsee: faqlint explain {}", d.rule));
        writeln!(out, "::{command} {props}::{}", escape_data(&message))?;
    }
    let summary =
        super::human::summary_line(&report.summary, super::human::fixable(report.diagnostics));
    writeln!(out, "::notice title=faqlint::{}", escape_data(&summary))
}

/// Escapes a workflow command's data (the message): `%` first, then CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value: as data, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a%b:c,d\ne"), "a%25b%3Ac%2Cd%0Ae");
        // `%` is escaped first, so an existing `%0A` is not unescaped by the runner.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
