//! `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDEs).
//!
//! One run; `tool.driver.rules` lists every rule that has a result (in registry order) with
//! its docs from `rules/<id>.md`; each result carries a region (1-based lines, columns in
//! UTF-16 code units as SARIF's default `columnKind` says), a `partialFingerprints` entry
//! that ignores line numbers, and the fix as `fixes[].artifactChanges` when there is one.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Report;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::rules::registry::{self, RuleDef};
use crate::source::FileId;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(uri) if !uri.is_empty() => uri,
    _ => "https://github.com/faqlint/faqlint",
};
/// Key of the fingerprint in `partialFingerprints`; bump the version if its recipe changes.
const FINGERPRINT_KEY: &str = "faqlintFingerprint/v1";
const SRCROOT: &str = "%SRCROOT%";

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = document(report);
    // `From` keeps the kind of an I/O error (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn document(report: &Report) -> Value {
    // Rules with results, in registry order; unknown ids (internal rules) after, by name.
    let used: std::collections::BTreeSet<&str> =
        report.diagnostics.iter().map(|d| d.rule).collect();
    let mut rule_ids: Vec<&str> = registry::all()
        .iter()
        .map(|r| r.id)
        .filter(|id| used.contains(id))
        .collect();
    for id in &used {
        if registry::get(id).is_none() {
            rule_ids.push(id);
        }
    }
    let index: BTreeMap<&str, usize> = rule_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let rules: Vec<Value> = rule_ids
        .iter()
        .map(|id| rule_descriptor(id, registry::get(id)))
        .collect();

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let base = fingerprint(report, d);
            // Identical diagnostics in one entry get an occurrence number, in report order.
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let fp = if *n == 1 { base } else { format!("{base}:{n}") };
            result(report, d, index.get(d.rule).copied().unwrap_or(0), fp)
        })
        .collect();

    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "faqlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {
                SRCROOT: {
                    "uri": root_uri(&report.corpus.root),
                    "description": { "text": "The root of the knowledge repo." },
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn rule_descriptor(id: &str, def: Option<&RuleDef>) -> Value {
    let Some(def) = def else {
        return json!({ "id": id, "name": pascal(id) });
    };
    let m = &def.meta;
    json!({
        "id": id,
        "name": pascal(id),
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": first_paragraph(def.docs).unwrap_or(&m.summary) },
        "help": { "text": def.docs, "markdown": def.docs },
        "defaultConfiguration": { "level": level(m.severity), "enabled": m.default_enabled },
        "properties": {
            "tags": [m.family.as_str()],
            "fix": m.fix.as_str(),
        },
    })
}

/// `review-overdue` → `ReviewOverdue` (SARIF's `name` is an identifier-like name).
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The first paragraph under `## What it does` (or the first paragraph at all).
fn first_paragraph(docs: &str) -> Option<&str> {
    let body = docs.find("## What it does").map_or(docs, |i| &docs[i..]);
    body.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
}

fn result(report: &Report, d: &Diagnostic, rule_index: usize, fingerprint: String) -> Value {
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let mut r = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [location(report, d.file, &d.span, None)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if !d.related.is_empty() {
        r["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| location(report, rel.file, &rel.span, Some((i, &rel.message))))
            .collect();
    }
    if let Some(f) = &d.fix {
        r["fixes"] = json!([fix(report, f)]);
    }
    r
}

fn artifact(report: &Report, file: FileId) -> Value {
    json!({ "uri": encode_uri_path(report.path(file)), "uriBaseId": SRCROOT })
}

fn location(
    report: &Report,
    file: FileId,
    span: &Range<usize>,
    related: Option<(usize, &str)>,
) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": artifact(report, file),
            "region": region(report, file, span),
        }
    });
    if let Some((i, message)) = related {
        loc["id"] = json!(i);
        loc["message"] = json!({ "text": message });
    }
    loc
}

fn fix(report: &Report, f: &Fix) -> Value {
    let mut by_file: BTreeMap<FileId, Vec<Value>> = BTreeMap::new();
    for e in &f.edits {
        by_file.entry(e.file).or_default().push(json!({
            "deletedRegion": region(report, e.file, &e.range),
            "insertedContent": { "text": e.replacement },
        }));
    }
    let changes: Vec<Value> = by_file
        .into_iter()
        .map(|(file, replacements)| json!({ "artifactLocation": artifact(report, file), "replacements": replacements }))
        .collect();
    json!({
        "description": { "text": format!("{} ({})", f.title, f.applicability.as_str()) },
        "artifactChanges": changes,
        "properties": { "applicability": f.applicability.as_str() },
    })
}

/// 1-based lines and UTF-16 columns of a byte span.
fn region(report: &Report, file: FileId, span: &Range<usize>) -> Value {
    let idx = report.line_index(file);
    let text = report.corpus.text(file);
    let col = |offset: usize| -> (usize, usize) {
        let offset = offset.min(text.len());
        let (line, _) = idx.line_col(text, offset);
        let start = idx.line_start(line);
        let units = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line, units + 1)
    };
    let (start_line, start_column) = col(span.start);
    let (end_line, end_column) = col(span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

/// sha256 of rule id, entry id (or path) and the offending text with whitespace collapsed.
/// No line numbers: the fingerprint survives edits elsewhere in the file.
fn fingerprint(report: &Report, d: &Diagnostic) -> String {
    let text = report.corpus.text(d.file).get(d.span.clone()).unwrap_or("");
    let mut h = Sha256::new();
    h.update(d.rule.as_bytes());
    h.update([0]);
    h.update(
        d.entry_id
            .as_deref()
            .unwrap_or(report.path(d.file))
            .as_bytes(),
    );
    h.update([0]);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(word.as_bytes());
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Percent-encodes a repo-relative path for a URI reference (keeps `/` and unreserved bytes).
fn encode_uri_path(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// `file:///abs/root/` (with a trailing slash, as SARIF requires of base URIs).
fn root_uri(root: &std::path::Path) -> String {
    let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut p = crate::source::rel_string(&abs);
    // `rel_string` joins components with `/`; a Unix root component yields a leading `/`.
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    let p = p.replace("//", "/");
    let mut uri = format!("file://{}", encode_uri_path(&p).replace("%3A", ":"));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::diagnostic::{Applicability, Edit};
    use crate::source::Corpus;

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        crate::testing::corpus_of(files)
    }

    #[test]
    fn columns_are_utf16_and_fingerprints_ignore_lines() {
        let a = "---\ntitle: 😀 é pwd\n---\n";
        let b = "---\n\n\ntitle: 😀 é pwd\n---\n";
        let c = corpus(&[("fr/a/é x.md", a), ("fr/a/moved.md", b)]);
        let mk = |file: usize, text: &str| {
            let s = text.find("pwd").unwrap();
            Diagnostic::builder("synonym-tag", FileId(file), s..s + 3, "m")
                .entry("F1")
                .fix(Fix::new(
                    "t",
                    Applicability::Safe,
                    vec![Edit {
                        file: FileId(file),
                        range: s..s + 3,
                        replacement: "password".into(),
                    }],
                ))
                .build(|f| c.text(f))
                .unwrap()
        };
        let ds = vec![mk(0, a), mk(1, b)];
        let report = Report::new(&c, &ds);
        let doc = document(&report);
        let results = &doc["runs"][0]["results"];
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        // `title: ` is 7 units, 😀 two UTF-16 units, ` é ` three: `pwd` starts at unit 13.
        assert_eq!(region["startColumn"], 13);
        assert_eq!(region["endColumn"], 16);
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "fr/a/%C3%A9%20x.md"
        );
        let fp = |i: usize| {
            results[i]["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap()
                .to_string()
        };
        // Same rule, entry and text, different lines: same base fingerprint, numbered.
        assert_eq!(format!("{}:2", fp(0)), fp(1));
        assert_eq!(fp(0).len(), 32);
        let fixes = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(fixes["insertedContent"]["text"], "password");
        assert_eq!(
            doc["runs"][0]["originalUriBaseIds"][SRCROOT]["uri"],
            "file:///repo/"
        );
    }

    #[test]
    fn rule_metadata_comes_from_the_registry() {
        let Some(def) = registry::all().first() else {
            return;
        };
        let d = rule_descriptor(def.id, Some(def));
        assert_eq!(d["help"]["markdown"], def.docs);
        assert_eq!(d["shortDescription"]["text"], def.meta.summary.as_str());
        assert_eq!(d["properties"]["tags"][0], def.meta.family.as_str());
    }
}
