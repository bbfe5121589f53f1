//! Opening an export: gzip (by magic bytes), a BOM, a head sample for format detection,
//! a progress bar on long files, and what the end of the stream looked like (truncation).

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::InputError;

/// Bytes sampled at the start of a file to detect its format.
const HEAD: u64 = 64 * 1024;

/// Files at least this large (on disk) get a progress bar (on a terminal only).
const PROGRESS_MIN_BYTES: u64 = 16 * 1024 * 1024;

/// A progress bar drawn on stderr, hidden when stderr is not a terminal (or `TERM=dumb`).
/// `len` is in bytes when `bytes` is true, else in items.
pub fn progress_bar(len: u64, message: &str, bytes: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let template = if bytes {
        "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})"
    } else {
        "{msg} [{bar:30}] {pos}/{len} ({eta})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.to_string());
    bar
}

/// Counts bytes read from the file into the progress bar.
struct Counting<R> {
    inner: R,
    bar: Option<ProgressBar>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}

/// What the end of the (decompressed) stream looked like.
#[derive(Debug, Default)]
pub(crate) struct Tail {
    last: AtomicU8,
    any: AtomicBool,
    /// The stream stopped on an error (a truncated or corrupt gzip member, an I/O error).
    failed: AtomicBool,
}

impl Tail {
    /// Whether the data read so far ends with a newline (true when there was none).
    pub(crate) fn ends_with_newline(&self) -> bool {
        !self.any.load(Ordering::Relaxed) || self.last.load(Ordering::Relaxed) == b'\n'
    }

    pub(crate) fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }
}

/// Records the last byte read and whether reading failed.
pub(crate) struct Tracked<R> {
    inner: R,
    tail: Arc<Tail>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                if n > 0 {
                    self.tail.last.store(buf[n - 1], Ordering::Relaxed);
                    self.tail.any.store(true, Ordering::Relaxed);
                }
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                self.tail.failed.store(true, Ordering::Relaxed);
                Err(e)
            }
        }
    }
}

impl<R> Tracked<R> {
    pub(crate) fn tail(&self) -> Arc<Tail> {
        Arc::clone(&self.tail)
    }
}

pub(crate) type Stream = Tracked<io::Chain<Cursor<Vec<u8>>, Box<dyn Read + Send>>>;

/// An opened export, its head sampled.
pub(crate) struct Source {
    /// The path as the user gave it.
    pub(crate) name: String,
    /// Extension, lower case, `.gz` removed (`csv`, `jsonl`, `json`…).
    pub(crate) ext: String,
    /// The first bytes of the (decompressed) content, BOM removed.
    pub(crate) head: Vec<u8>,
    rest: Box<dyn Read + Send>,
    pub(crate) tail: Arc<Tail>,
    bar: Option<ProgressBar>,
}

impl Source {
    pub(crate) fn open(path: &Path) -> Result<Source, InputError> {
        let name = path.display().to_string();
        let open_err = |source: io::Error| InputError::Open {
            path: name.clone(),
            source,
        };
        let mut file = File::open(path).map_err(open_err)?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut magic = [0u8; 2];
        let gzip = match file.read_exact(&mut magic) {
            Ok(()) => magic == [0x1f, 0x8b],
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => false,
            Err(e) => return Err(open_err(e)),
        };
        let file = Cursor::new(magic)
            .take(if len >= 2 { 2 } else { len })
            .chain(file);
        let bar = (len >= PROGRESS_MIN_BYTES).then(|| {
            let label = path
                .file_name()
                .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
            progress_bar(len, &label, true)
        });
        let counting = Counting {
            inner: file,
            bar: bar.clone(),
        };
        let mut rest: Box<dyn Read + Send> = if gzip {
            Box::new(flate2::read::MultiGzDecoder::new(
                io::BufReader::with_capacity(256 * 1024, counting),
            ))
        } else {
            Box::new(counting)
        };
        let tail = Arc::new(Tail::default());
        let mut head = Vec::with_capacity(HEAD as usize);
        // A failure here (a gzip header cut short) shows later as a truncated stream.
        let mut sample = Tracked {
            inner: (&mut rest).take(HEAD),
            tail: Arc::clone(&tail),
        };
        let _ = sample.read_to_end(&mut head);
        if head.starts_with(b"\xEF\xBB\xBF") {
            head.drain(..3);
        }
        let lower = name.to_ascii_lowercase();
        let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = Path::new(stem)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Source {
            name,
            ext,

            head,
            rest,
            tail,
            bar,
        })
    }

    /// The whole content, head included, as a stream.
    pub(crate) fn into_stream(self) -> (Stream, Option<ProgressBar>) {
        let tail = Arc::clone(&self.tail);
        let stream = Tracked {
            inner: Cursor::new(self.head).chain(self.rest),
            tail,
        };
        (stream, self.bar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_by_magic_bom_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.data");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"\xEF\xBB\xBFquery,count\na,1\n").unwrap();
        std::fs::File::create(&path)
            .unwrap()
            .write_all(&gz.finish().unwrap())
            .unwrap();
        let src = Source::open(&path).unwrap();
        assert_eq!(src.ext, "data");
        assert_eq!(src.head, b"query,count\na,1\n");
        let (mut stream, _) = src.into_stream();
        let mut all = String::new();
        stream.read_to_string(&mut all).unwrap();
        assert_eq!(all, "query,count\na,1\n");
    }
}
