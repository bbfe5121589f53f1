//! The optional on-disk copy of the index (`faqlint search --cache`).
//!
//! Layout: `<cache dir>/<key>/` holds the tantivy index files and a `complete` marker;
//! `<key>` is a SHA-256 of everything the index is built from (faqlint's version, the
//! cache format, and for each indexed entry in corpus order: its position, locale, title,
//! tags with their taxonomy synonyms, and body). Any change to an entry, the taxonomy's
//! synonyms or the set of entries gives another key, so a stale index is never read.
//!
//! Writes are atomic: the files go to a temporary folder beside the target, which is renamed
//! into place once complete; another run racing on the same key keeps whichever rename came
//! first. Folders of other keys are removed after a successful write, so the cache holds one
//! index. The cache dir gets a `.gitignore` of `*` so it never lands in the repo.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tantivy::Index;
use tantivy::directory::{Directory, RamDirectory, TerminatingWrite};

use super::{IndexError, SynonymTable, doc_text, indexed};
use crate::source::Corpus;

/// Bumped whenever the schema, analyzers or document layout change.
const FORMAT: &str = "faqlint-index-1";
const COMPLETE: &str = "complete";

/// What happened to the cache in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The index was read from the cache.
    Reused,
    /// The index was built and saved.
    Written,
    /// The index was built but could not be saved (the reason).
    NotWritten(String),
}

/// The cache key of a corpus's index: a hex SHA-256 of what is indexed.
pub fn key(corpus: &Corpus) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(FORMAT.as_bytes());
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(&(corpus.entries.len() as u64).to_le_bytes());
    let synonyms = SynonymTable::new(corpus);
    for i in indexed(corpus) {
        let d = doc_text(corpus, &synonyms, i);
        field(&(i as u64).to_le_bytes());
        field(d.locale.unwrap_or("\u{0}").as_bytes());
        field(d.title.unwrap_or("\u{0}").as_bytes());
        field(d.tags.join("\u{1}").as_bytes());
        field(d.body.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The index saved under `key`, if any: `None` when absent, `Some(Err)` when unreadable.
pub(super) fn load(cache_dir: &Path, key: &str) -> Option<Result<Index, IndexError>> {
    let dir = cache_dir.join(key);
    if !dir.join(COMPLETE).is_file() {
        return None;
    }
    Some(read_dir_into_ram(&dir))
}

fn read_dir_into_ram(dir: &Path) -> Result<Index, IndexError> {
    let ram = RamDirectory::create();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == COMPLETE || !entry.file_type()?.is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path())?;
        let mut w = ram
            .open_write(Path::new(&name))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        w.write_all(&bytes)?;
        w.terminate()?;
    }
    Ok(Index::open(ram)?)
}

/// Removes the folder of `key` (an unreadable copy).
pub(super) fn discard(cache_dir: &Path, key: &str) {
    let _ = std::fs::remove_dir_all(cache_dir.join(key));
}

/// Saves `index` under `cache_dir/key` atomically and drops other keys' folders.
#[allow(
    clippy::disallowed_methods,
    reason = "files go to a fresh private folder that is renamed into place once complete: \
              the rename is the atomic step"
)]
pub(super) fn store(index: &Index, cache_dir: &Path, key: &str) -> Result<(), IndexError> {
    std::fs::create_dir_all(cache_dir)?;
    ignore_in_git(cache_dir)?;
    let target = cache_dir.join(key);
    if target.join(COMPLETE).is_file() {
        return Ok(());
    }
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempdir_in(cache_dir)?;
    let dir = index.directory();
    let mut files: Vec<PathBuf> = dir.list_managed_files().into_iter().collect();
    files.push(PathBuf::from("meta.json"));
    files.push(PathBuf::from(".managed.json"));
    for f in files {
        let bytes = match dir.atomic_read(&f) {
            Ok(b) => b,
            // The managed list may name files a commit already dropped.
            Err(_) => continue,
        };
        std::fs::write(tmp.path().join(&f), bytes)?;
    }
    std::fs::write(tmp.path().join(COMPLETE), key)?;
    let tmp = tmp.keep();
    if let Err(e) = std::fs::rename(&tmp, &target) {
        let _ = std::fs::remove_dir_all(&tmp);
        // Another run won the race with the same content: fine.
        if !target.join(COMPLETE).is_file() {
            return Err(e.into());
        }
    }
    for entry in std::fs::read_dir(cache_dir)?.flatten() {
        let name = entry.file_name();
        let stale = name != std::ffi::OsStr::new(key) && entry.path().is_dir();
        let in_progress = name.to_string_lossy().starts_with(".tmp-");
        if stale && !in_progress {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// A `.gitignore` of `*` in the cache dir (as pytest and ruff do for theirs).
#[allow(
    clippy::disallowed_methods,
    reason = "a new file in faqlint's own cache folder, never a user's file"
)]
fn ignore_in_git(cache_dir: &Path) -> std::io::Result<()> {
    let path = cache_dir.join(".gitignore");
    if !path.exists() {
        std::fs::write(
            path,
            "# Written by faqlint: its cache is not part of the repo.\n*\n",
        )?;
    }
    Ok(())
}
