//! Bad input (issue 3): malformed YAML, invalid UTF-8, a BOM, CRLF, an empty file, a 10 MB
//! file, a binary file named `.md`, a broken `taxonomy.yml` (a broken `faqlint.toml` is in
//! `cli.rs`). Each case is a small repo in a temp dir: the bad file plus `other.md`, a
//! valid entry with one known diagnostic. For every output format: nothing panics, the bad
//! file gets a diagnostic naming it and its line, `other.md` is still checked, the exit code
//! is 0 or 1, and `check` writes nothing (the tree's bytes are compared before and after).

#![allow(
    clippy::unwrap_used,
    clippy::disallowed_methods,
    reason = "test helpers: a failed unwrap is a failed test; fixtures are written with std::fs::write"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

const FORMATS: [&str; 5] = ["human", "concise", "json", "sarif", "github"];
const OTHER: &str = "---\ntitle: How do I pay?\nlast_reviewed: 2024-12-01\n---\nBy card.\n";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin!("faqlint").to_path_buf()
}

/// Every file under `root` with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.insert(p, bytes);
            }
        }
    }
    out
}

struct Case {
    _dir: tempfile::TempDir,
    /// The `--format json` report.
    json: Value,
    /// The `--format human` report.
    human: String,
}

/// Builds a repo from `files` (plus `en/a/other.md`), runs `check` in every format and
/// checks what holds for every bad input.
fn run(files: &[(&str, &[u8])]) -> Case {
    let dir = tempfile::Builder::new()
        .prefix("faqlint-bad-")
        .tempdir()
        .unwrap();
    let root = dir.path();
    let mut all: Vec<(&str, &[u8])> = vec![("en/a/other.md", OTHER.as_bytes())];
    all.extend_from_slice(files);
    for (rel, bytes) in &all {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let before = tree(root);
    let mut outputs = BTreeMap::new();
    for format in FORMATS {
        let out = std::process::Command::new(bin())
            .current_dir(root)
            .env("NO_COLOR", "1")
            .args(["check", "--today", "2025-01-01", "--format", format])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code();
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            code == Some(0) || code == Some(1),
            "{format}: exit {code:?}: {stderr}"
        );
        let stdout = String::from_utf8(out.stdout)
            .unwrap_or_else(|e| panic!("{format}: stdout not UTF-8: {e}"));
        assert!(
            stdout.len() < 1_000_000,
            "{format}: output stays small ({} bytes)",
            stdout.len()
        );
        outputs.insert(format, stdout);
    }
    assert!(before == tree(root), "check wrote to the tree");
    let json: Value = serde_json::from_str(&outputs["json"]).unwrap();
    let sarif: Value = serde_json::from_str(&outputs["sarif"]).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        json["diagnostics"].as_array().map(Vec::len),
        "one SARIF result per diagnostic"
    );
    // The run went on: the valid entry was read and checked.
    assert_eq!(
        json["summary"]["files"].as_u64(),
        Some(all.len() as u64),
        "{json}"
    );
    let other = find(&json, "en/a/other.md", "missing-tags");
    assert_eq!(
        (other["line"].as_u64(), other["column"].as_u64()),
        (Some(2), Some(8)),
        "{other}"
    );
    Case {
        _dir: dir,
        json,
        human: outputs.remove("human").unwrap_or_default(),
    }
}

/// The diagnostic of `rule` in `path`.
fn find<'a>(json: &'a Value, path: &str, rule: &str) -> &'a Value {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path && d["rule"] == rule)
        .unwrap_or_else(|| panic!("no `{rule}` diagnostic for {path} in:\n{json:#}"))
}

fn line_col(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

#[test]
fn malformed_yaml() {
    let case = run(&[(
        "en/a/bad.md",
        b"---\ntitle: \"How do I pay?\ntags: [billing\n---\nAnswer.\n",
    )]);
    let d = find(&case.json, "en/a/bad.md", "invalid-front-matter");
    assert_eq!(d["severity"], "error");
    assert_eq!(line_col(d).0, 2, "{d}");
    assert!(case.human.contains("en/a/bad.md:2:"), "{}", case.human);
}

#[test]
fn invalid_utf8() {
    // Latin-1 `é` (0xE9) on line 5.
    let case = run(&[(
        "en/a/latin1.md",
        b"---\ntitle: How do I pay?\ntags: [billing]\n---\nAnswer caf\xe9 here.\n",
    )]);
    let d = find(&case.json, "en/a/latin1.md", "invalid-encoding");
    assert_eq!(line_col(d).0, 5, "{d}");
    assert!(case.human.contains("en/a/latin1.md:5:"), "{}", case.human);
}

#[test]
fn bom() {
    let case = run(&[(
        "en/a/bom.md",
        "\u{feff}---\ntitle: How do I pay?\n---\nAnswer.\n".as_bytes(),
    )]);
    // The BOM is not content: the front matter parses, positions are those of the text.
    let d = find(&case.json, "en/a/bom.md", "missing-tags");
    assert_eq!(line_col(d), (2, 8), "{d}");
    assert!(
        !case.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == "en/a/bom.md"
                && (d["rule"] == "invalid-front-matter" || d["rule"] == "invalid-encoding")),
        "{}",
        case.json
    );
    assert!(
        case.human.contains("2 | title: How do I pay?\n"),
        "{}",
        case.human
    );
    assert!(!case.human.contains('\u{feff}'));
}

#[test]
fn crlf() {
    let case = run(&[(
        "en/a/crlf.md",
        b"---\r\ntitle: How do I pay?\r\n---\r\nAnswer.\r\n",
    )]);
    let d = find(&case.json, "en/a/crlf.md", "missing-tags");
    assert_eq!(line_col(d), (2, 8), "{d}");
    // The span ends before the `\r`.
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(2), Some(21)),
        "{d}"
    );
    assert!(!case.human.contains('\r'), "no CR in the rendered snippet");
    assert!(
        case.human.contains("2 | title: How do I pay?\n"),
        "{}",
        case.human
    );
}

#[test]
fn empty_file() {
    let case = run(&[("en/a/empty.md", b"")]);
    let d = find(&case.json, "en/a/empty.md", "invalid-front-matter");
    assert_eq!(line_col(d), (1, 1), "{d}");
    assert!(case.human.contains("en/a/empty.md:1:1"), "{}", case.human);
}

#[test]
fn ten_megabyte_file() {
    let mut big = b"---\ntitle: How do I pay?\ntags: [billing]\n---\n".to_vec();
    let paragraph = format!("{}\n", "Lorem ipsum dolor sit amet. ".repeat(40));
    while big.len() < 10 * 1024 * 1024 {
        big.extend_from_slice(paragraph.as_bytes());
    }
    // And one 200 KB line, which the human format must not print whole.
    big.extend_from_slice("é".repeat(100_000).as_bytes());
    let case = run(&[("en/a/big.md", &big)]);
    let d = find(&case.json, "en/a/big.md", "oversized-file");
    assert_eq!(line_col(d).0, 1, "{d}");
    assert!(case.human.contains("en/a/big.md:1:1"), "{}", case.human);
}

#[test]
fn binary_file_named_md() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let case = run(&[("en/a/image.md", &bytes)]);
    let d = find(&case.json, "en/a/image.md", "invalid-encoding");
    assert_eq!(line_col(d), (1, 1), "{d}");
    // Nothing of the binary content is printed.
    assert!(!case.human.contains("IHDR"), "{}", case.human);
    let own: Vec<_> = case.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "en/a/image.md")
        .map(|d| d["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        own,
        ["invalid-encoding"],
        "a binary file gets one diagnostic, not a cascade"
    );
}

#[test]
fn broken_taxonomy() {
    let case = run(&[(
        "taxonomy.yml",
        b"locales:\n  en:\n    tags: [billing\n    synonyms: {}\n",
    )]);
    let d = find(&case.json, "taxonomy.yml", "invalid-taxonomy");
    assert_eq!(d["severity"], "error");
    assert!(line_col(d).0 >= 3, "{d}");
    assert!(case.human.contains("taxonomy.yml:"), "{}", case.human);
}

#[test]
fn taxonomy_with_the_wrong_shape() {
    let case = run(&[("taxonomy.yml", b"locales:\n  en:\n    tags: billing\n")]);
    let d = find(&case.json, "taxonomy.yml", "invalid-taxonomy");
    assert_eq!(line_col(d).0, 3, "{d}");
}
