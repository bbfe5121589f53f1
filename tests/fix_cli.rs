//! `faqlint fix` / `check --fix` / `--diff` / `--unsafe-fixes` through the binary.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

const TAXONOMY: &str = "locales:\n  en:\n    tags: [password, login, account]\n    synonyms: { pwd: password }\n    deprecated: { signon: login }\n";

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

fn read(root: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(root.join(rel)).unwrap()
}

/// A small repo: two fixable entries (one with BOM + CRLF), one clean entry.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(root, "taxonomy.yml", TAXONOMY.as_bytes());
    put(root, "en/account/reset.md", b"---\ntitle: How do I reset my password?\ntags: [pwd, account] # flow\n---\nOpen Settings.\n");
    put(
        root,
        "en/account/signin.md",
        "\u{feff}---\r\ntitle: Why can't I sign in?\r\ntags:\r\n  - signon # old\r\n  - account\r\n  - account\r\n---\r\nBody\twith tab.\r\n---\r\nNo final newline"
            .as_bytes(),
    );
    put(
        root,
        "en/account/clean.md",
        b"---\ntitle: Where is my account?\ntags: [account, login, password]\n---\nHere.\n",
    );
    dir
}

fn faqlint(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("faqlint")
        .unwrap()
        .args(args)
        .args([
            "--today",
            "2025-01-01",
            "--no-config",
            "--select",
            "tagging",
            "--ignore",
            "single-use-tag,unknown-tag",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = repo();
    let before = read(dir.path(), "en/account/signin.md");
    let out = faqlint(dir.path(), &["fix", "--diff"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("--- a/en/account/reset.md\n+++ b/en/account/reset.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-tags: [pwd, account] # flow\n+tags: [password, account] # flow\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n-  - signon # old\r\n"), "{stdout}");
    assert!(stdout.contains("\n+  - login # old\r\n"), "{stdout}");
    assert!(
        stderr(&out).contains("Would fix 3 diagnostics in 2 files (0 remaining)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(dir.path(), "en/account/signin.md"),
        before,
        "--diff wrote a file"
    );

    // `check --diff` is the same; with nothing to fix it exits 0.
    let out = faqlint(dir.path(), &["check", "--diff"]);
    assert_eq!(out.status.code(), Some(1));
    let out = faqlint(dir.path(), &["check", "--diff", "en/account/clean.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn fix_writes_in_place_keeping_bom_crlf_and_permissions() {
    let dir = repo();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("en/account/signin.md"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let clean_before = read(dir.path(), "en/account/clean.md");
    let out = faqlint(dir.path(), &["fix", "--fail-on", "warning"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Fixed 3 diagnostics in 2 files (0 remaining)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(dir.path(), "en/account/signin.md"),
        "\u{feff}---\r\ntitle: Why can't I sign in?\r\ntags:\r\n  - login # old\r\n  - account\r\n---\r\nBody\twith tab.\r\n---\r\nNo final newline"
            .as_bytes()
    );
    assert_eq!(
        read(dir.path(), "en/account/reset.md"),
        b"---\ntitle: How do I reset my password?\ntags: [password, account] # flow\n---\nOpen Settings.\n"
    );
    assert_eq!(read(dir.path(), "en/account/clean.md"), clean_before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("en/account/signin.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Nothing left: a second run is a no-op.
    let out = faqlint(dir.path(), &["fix"]);
    assert!(
        stderr(&out).contains("Fixed 0 diagnostics in 0 files (0 remaining)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_fix_and_paths_limit_what_is_written() {
    let dir = repo();
    let signin = read(dir.path(), "en/account/signin.md");
    let out = faqlint(
        dir.path(),
        &[
            "check",
            "--fix",
            "en/account/reset.md",
            "--format",
            "concise",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Fixed 1 diagnostic in 1 file (0 remaining)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(dir.path(), "en/account/signin.md"),
        signin,
        "a file outside PATHS was written"
    );
    assert!(
        String::from_utf8_lossy(&read(dir.path(), "en/account/reset.md"))
            .contains("tags: [password, account]")
    );
}

#[test]
fn remaining_diagnostics_set_the_exit_code_and_unsafe_fixes_are_counted() {
    let dir = repo();
    put(
        dir.path(),
        "en/account/case.md",
        b"---\ntitle: Is Login the same as login?\ntags: [login, Login]\n---\nYes.\n",
    );
    let out = faqlint(
        dir.path(),
        &["fix", "--fail-on", "warning", "--format", "concise"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("(1 remaining; 1 more with --unsafe-fixes)"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("duplicate-tag"));
    let out = faqlint(
        dir.path(),
        &["fix", "--unsafe-fixes", "--fail-on", "warning"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(dir.path(), "en/account/case.md"),
        b"---\ntitle: Is Login the same as login?\ntags: [login]\n---\nYes.\n"
    );
}

#[test]
fn a_file_with_invalid_utf8_is_never_written() {
    let dir = repo();
    let bytes = b"---\ntitle: Caf\xe9 password?\ntags: [pwd]\n---\nBody\n".to_vec();
    put(dir.path(), "en/account/latin1.md", &bytes);
    let _ = faqlint(dir.path(), &["fix"]);
    assert_eq!(read(dir.path(), "en/account/latin1.md"), bytes);
}
