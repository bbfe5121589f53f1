//! `--format concise`: `path:line:col: severity[rule-id] message`.

use std::io::{self, Write};

use super::Report;

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let p = report.position(d.file, &d.span);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            report.path(d.file),
            p.line,
            p.column,
            d.severity,
            d.rule,
            d.message
        )?;
    }
    Ok(())
}
