//! The log (`tracing`): connection changes, refusals, dropped payloads and
//! why, storage and settings errors. Never passwords (credentials print as
//! `***`) nor what people wrote (tweet and message texts are not logged).
//!
//! The window writes `chirp.log` in the data directory, capped: at
//! `MAX_FILE_BYTES` it becomes `chirp.log.1` (the older one `chirp.log.2`),
//! so the log never takes more than `MAX_FILES * MAX_FILE_BYTES` on disk,
//! however chatty a hostile broker makes it. Writing happens on
//! tracing-appender's own thread (lines are dropped when it falls behind),
//! so the network worker never waits on the disk. With `RUST_LOG` set the
//! lines (filtered by it) also go to stderr. The command line logs only to
//! stderr, only when `RUST_LOG` asks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The file the window writes.
pub const LOG_FILE_NAME: &str = "chirp.log";
/// One file's cap before it is rotated.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Files kept: the current one and older ones, so at most 3 MiB in all.
pub const MAX_FILES: usize = 3;
/// What the file gets when `RUST_LOG` says nothing.
const DEFAULT_FILE_FILTER: &str = "info";

/// Keeps the log writer's thread alive; lines still queued are written when
/// it is dropped (keep it until `main` returns).
#[must_use = "dropping the guard stops the log writer"]
pub struct LogGuard {
    _writer: Option<WorkerGuard>,
}

/// Where Chirp keeps history, unsent tweets and the log
/// (`~/.local/share/chirp` on Linux, honouring `XDG_DATA_HOME`).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "chirp").map(|dirs| dirs.data_dir().to_owned())
}

/// The log file inside a data directory.
pub fn log_file_in(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_FILE_NAME)
}

/// The window's log file (computed once; `None` without a home directory).
pub fn log_file() -> Option<&'static Path> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| data_dir().map(|dir| log_file_in(&dir)))
        .as_deref()
}

/// Log lines waiting for the writer thread, at most.
const BUFFERED_LINES: usize = 4_096;

/// The window's logging: the capped file (if the data directory can be
/// made), plus stderr when `RUST_LOG` is set. Never fails the app: without
/// a file it logs where it can, and says why on stderr.
pub fn init_gui() -> LogGuard {
    let asked = EnvFilter::try_from_default_env().ok();
    let file = log_file().map(|path| CappedFile::open(path, MAX_FILE_BYTES, MAX_FILES));
    let (file_layer, guard) = match file {
        Some(Ok(file)) => {
            // The default buffer is 128,000 lines, allocated up front (about
            // 5 MiB of idle memory); a few thousand ride out any burst, and
            // past that lines are dropped rather than stalling a thread.
            let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
                .buffered_lines_limit(BUFFERED_LINES)
                .lossy(true)
                .finish(file);
            let filter = match &asked {
                Some(_) => EnvFilter::from_default_env(),
                None => EnvFilter::new(DEFAULT_FILE_FILTER),
            };
            let layer = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer)
                .with_filter(filter);
            (Some(layer), Some(guard))
        }
        Some(Err(e)) => {
            eprintln!("chirp: no log file: {e}");
            (None, None)
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer(asked))
        .try_init();
    LogGuard { _writer: guard }
}

/// The command line's logging: stderr, only when `RUST_LOG` asks (e.g.
/// `RUST_LOG=rumqttd=info chirp broker`, `RUST_LOG=chirp=debug chirp post`).
pub fn init_cli() -> LogGuard {
    let _ = tracing_subscriber::registry()
        .with(stderr_layer(EnvFilter::try_from_default_env().ok()))
        .try_init();
    LogGuard { _writer: None }
}

fn stderr_layer<S>(filter: Option<EnvFilter>) -> Option<impl tracing_subscriber::Layer<S>>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    filter.map(|filter| {
        tracing_subscriber::fmt::layer()
            .with_writer(io::stderr)
            .with_filter(filter)
    })
}

/// A log file that rotates itself by size: `path` up to `max_bytes`, then
/// renamed to `path.1` (`path.1` to `path.2`, …), keeping `files` in all.
#[derive(Debug)]
pub struct CappedFile {
    path: PathBuf,
    file: File,
    written: u64,
    max_bytes: u64,
    files: usize,
}

impl CappedFile {
    /// Opens (appending to) `path`, creating its directory.
    pub fn open(path: &Path, max_bytes: u64, files: usize) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let written = file.metadata()?.len();
        Ok(Self {
            path: path.to_owned(),
            file,
            written,
            max_bytes,
            files: files.max(1),
        })
    }

    /// `path.n` (n ≥ 1), an older file.
    fn older(&self, n: usize) -> PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    }

    fn rotate(&mut self) -> io::Result<()> {
        self.file.flush()?;
        if self.files == 1 {
            self.file.set_len(0)?;
        } else {
            // Oldest first, so each rename has a free name to go to.
            for n in (1..self.files - 1).rev() {
                let from = self.older(n);
                if from.exists() {
                    fs::rename(&from, self.older(n + 1))?;
                }
            }
            fs::rename(&self.path, self.older(1))?;
            self.file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)?;
        }
        self.written = 0;
        Ok(())
    }
}

impl Write for CappedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written > 0 && self.written + buf.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        // A single line over the cap is cut: the bound holds regardless.
        let room =
            usize::try_from(self.max_bytes.saturating_sub(self.written)).unwrap_or(usize::MAX);
        let take = buf.len().min(room.max(1));
        let n = self.file.write(&buf[..take])?;
        self.written += n as u64;
        // Report the whole buffer taken: a cut line is not retried.
        Ok(if take < buf.len() { buf.len() } else { n })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_size(dir: &Path) -> u64 {
        fs::read_dir(dir)
            .expect("read dir")
            .map(|entry| entry.expect("entry").metadata().expect("metadata").len())
            .sum()
    }

    #[test]
    fn the_files_never_exceed_their_bound() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = log_file_in(dir.path());
        let mut file = CappedFile::open(&path, 1000, 3).expect("open");
        let line = [b'x'; 99];
        for _ in 0..1000 {
            file.write_all(&line).expect("write");
            file.write_all(b"\n").expect("write");
        }
        file.write_all(&[b'y'; 5000]).expect("an oversize line");
        file.flush().expect("flush");
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(
            total_size(dir.path()) <= 3 * 1000,
            "{}",
            total_size(dir.path())
        );
        assert!(path.with_extension("log.2").exists());
    }

    #[test]
    fn a_line_reaches_the_file_and_a_password_never_does() {
        use crate::core::connection::broker::BrokerAddress;
        use crate::core::connection::net::{ConnectionConfig, Credentials, Secret};

        let dir = tempfile::tempdir().expect("temp dir");
        let path = log_file_in(dir.path());
        let file = CappedFile::open(&path, MAX_FILE_BYTES, MAX_FILES).expect("open");
        let (writer, guard) = tracing_appender::non_blocking(file);
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer),
        );
        let broker = BrokerAddress::parse("mqtt://broker.example:1883").expect("valid");
        let config = ConnectionConfig::new(broker, "id".to_owned())
            .with_credentials(Some(Credentials::new("alice", Secret::new("hunter2"))));
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(broker = %config.broker, ?config, "offline");
        });
        drop(guard);
        let text = fs::read_to_string(&path).expect("the log");
        assert!(text.contains("offline"), "{text}");
        assert!(text.contains("broker.example"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }

    #[test]
    fn the_log_file_is_in_the_data_directory() {
        assert_eq!(
            log_file_in(Path::new("/home/a/.local/share/chirp")),
            Path::new("/home/a/.local/share/chirp/chirp.log")
        );
    }
}
