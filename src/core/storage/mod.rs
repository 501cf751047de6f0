//! The tweet history and the unsent tweets, kept in SQLite between runs.
//!
//! One background thread owns the connection. Received tweets and
//! acknowledgements are queued and written in batches; a tweet the user
//! wrote is written before `record_outgoing` returns, so it is not lost if
//! the app is killed right after Post.

mod bound;
mod corrupt;
mod direct_rows;
mod pin_rows;
mod rows;
mod schema;
#[cfg(test)]
mod tests;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_channel::Sender;
use rusqlite::Connection;

use crate::core::model::author_key::AuthorKey;
use crate::core::model::timeline::HistoryEntry;
use crate::core::model::tweet::Tweet;
use crate::core::social::compose::{OutgoingTweet, Publish};
use crate::core::social::direct::{DirectMessage, OutgoingDirect};
use crate::core::social::trust::{Pin, PinChange};
use bound::HistoryBound;
use writer::{Command, Status};

/// `record_outgoing` refuses new tweets while this many wait for the broker.
pub const MAX_UNSENT_TWEETS: usize = 10_000;

/// Received tweets queued for the thread beyond this are not saved (and
/// counted): memory stays bounded even if the disk stalls.
const MAX_QUEUED_COMMANDS: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("creating the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("opening the tweet history {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("the tweet history is damaged: {0}")]
    Damaged(String),
    #[error("moving the damaged tweet history {path} aside: {source}")]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the tweet history was written by a newer Chirp (schema {found}; this one reads up to {supported})"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("tweet history: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "{limit} tweets are already waiting to be sent; wait for the connection before posting more"
    )]
    OutboxFull { limit: usize },
    #[error("saving the tweet history: {0}")]
    Write(String),
    #[error("starting the storage thread: {0}")]
    Spawn(std::io::Error),
    #[error("the storage thread has stopped")]
    Stopped,
}

impl StorageError {
    /// Names the file in a bare SQLite error.
    fn opening(self, path: &Path) -> Self {
        match self {
            StorageError::Sqlite(source) => StorageError::Open {
                path: path.to_owned(),
                source,
            },
            other => other,
        }
    }
}

/// What was saved, as found when opening.
#[derive(Debug)]
pub struct Opened {
    /// Newest first, at most `history_limit`.
    pub history: Vec<HistoryEntry>,
    /// Tweet id and its unacknowledged copies, oldest tweet first.
    pub outbox: Vec<(String, Vec<Publish>)>,
    /// Direct messages sent and received, oldest first.
    pub direct: Vec<DirectMessage>,
    /// Keys pinned to names (trust on first use), most recently seen first,
    /// at most `social::trust::MAX_PINS`.
    pub pins: Vec<Pin>,
    /// For the user: set when an unreadable file was moved aside.
    pub notice: Option<String>,
}

/// Handle to the storage thread. Dropping it writes what is queued and
/// waits for the thread.
pub struct Store {
    commands: Option<Sender<Command>>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Status>,
}

impl Store {
    /// Opens or creates the database at `path`, creating its folder. A file
    /// that is not a readable database is renamed to
    /// `<name>.corrupt-<UTC time>`, a fresh one is started, and `notice`
    /// says where the old one went.
    pub fn open(path: &Path, history_limit: usize) -> Result<(Store, Opened), StorageError> {
        let (conn, notice) = corrupt::open_file(path)?;
        Self::start(conn, history_limit, notice).map_err(|e| e.opening(path))
    }

    /// A database that lasts as long as the `Store` (a second instance of
    /// the app, tests).
    pub fn open_in_memory(history_limit: usize) -> Result<(Store, Opened), StorageError> {
        let mut conn = Connection::open_in_memory()?;
        schema::prepare(&mut conn)?;
        Self::start(conn, history_limit, None)
    }

    fn start(
        conn: Connection,
        history_limit: usize,
        notice: Option<String>,
    ) -> Result<(Store, Opened), StorageError> {
        let history_limit = history_limit.max(1);
        let opened = Opened {
            history: rows::load_history(&conn, history_limit)?,
            outbox: rows::load_outbox(&conn)?,
            direct: direct_rows::load(&conn, direct_rows::MAX_STORED)?,
            pins: pin_rows::load(&conn)?,
            notice,
        };
        let bound = HistoryBound::new(&conn, history_limit)?;
        let (commands, queue) = crossbeam_channel::unbounded();
        let status = Arc::new(Status::default());
        let thread_status = Arc::clone(&status);
        let thread = std::thread::Builder::new()
            .name("storage-writer".into())
            .spawn(move || writer::run(conn, bound, queue, thread_status))
            .map_err(StorageError::Spawn)?;
        let store = Store {
            commands: Some(commands),
            thread: Some(thread),
            status,
        };
        Ok((store, opened))
    }

    /// Queues a received tweet for the history; never blocks. An id already
    /// saved keeps its place.
    pub fn record_received(&self, tweet: &Tweet) {
        self.queue_received(|| Command::Received(tweet.clone()));
    }

    /// An author's signed deletion: their tweet leaves the history (only
    /// if `key` signed it). Queued like a received tweet.
    pub fn record_deletion(&self, id: &str, key: &AuthorKey) {
        let (id, key) = (id.to_owned(), *key);
        self.queue_received(|| Command::Delete { id, key });
    }

    /// Saves a tweet written here as pending, with its copies in the
    /// outbox, and returns once that is committed.
    pub fn record_outgoing(&self, outgoing: &OutgoingTweet) -> Result<(), StorageError> {
        self.ask(|reply| Command::Outgoing(outgoing.clone(), reply))
    }

    /// Saves a direct message written here, with its copy in the outbox,
    /// and returns once that is committed.
    pub fn record_outgoing_direct(&self, outgoing: &OutgoingDirect) -> Result<(), StorageError> {
        self.ask(|reply| Command::OutgoingDirect(outgoing.clone(), reply))
    }

    /// Queues a received direct message; never blocks (past the queue's
    /// bound it is skipped, as received tweets are).
    pub fn record_direct(&self, message: &DirectMessage) {
        self.queue_received(|| Command::Direct(message.clone()));
    }

    /// Queues what arrived from the broker, unless writing has fallen too
    /// far behind (then it is counted as skipped): never blocks.
    fn queue_received(&self, command: impl FnOnce() -> Command) {
        let Some(commands) = &self.commands else {
            return;
        };
        if commands.len() >= MAX_QUEUED_COMMANDS {
            self.status.count_skipped();
            return;
        }
        // The thread only stops when this handle drops.
        let _ = commands.send(command());
    }

    /// Queues a pin made, replaced or forgotten; never blocks. A new pin
    /// past the queue's bound is skipped like a received tweet (it is made
    /// again when that name next signs); forgetting, which the person
    /// asked for, is always queued.
    pub fn record_pin(&self, change: PinChange) {
        match change {
            PinChange::Pinned(_) => self.queue_received(|| Command::Pin(change)),
            PinChange::Forgotten(_) => {
                if let Some(commands) = &self.commands {
                    let _ = commands.send(Command::Pin(change));
                }
            }
        }
    }

    /// The broker has every copy: forget the copies, mark the tweet
    /// acknowledged. Never blocks.
    pub fn record_acknowledged(&self, tweet_id: &str) {
        if let Some(commands) = &self.commands {
            let _ = commands.send(Command::Acknowledged(tweet_id.to_owned()));
        }
    }

    /// Returns once everything queued before it is committed.
    pub fn flush(&self) -> Result<(), StorageError> {
        self.ask(Command::Flush)
    }

    /// The latest background write that failed (received tweets and
    /// acknowledgements nobody waits on), for the user to see.
    pub fn last_error(&self) -> Option<String> {
        self.status.last_error()
    }

    /// Received tweets not saved because writing fell too far behind.
    pub fn skipped_received(&self) -> u64 {
        self.status.skipped_received()
    }

    fn ask(&self, command: impl FnOnce(writer::Reply) -> Command) -> Result<(), StorageError> {
        let commands = self.commands.as_ref().ok_or(StorageError::Stopped)?;
        let (reply, answer) = crossbeam_channel::bounded(1);
        commands
            .send(command(reply))
            .map_err(|_| StorageError::Stopped)?;
        // Blocks the caller (the network worker's thread) until the writer
        // has committed: the batch ahead of it, and up to SQLite's busy
        // timeout per statement if the database is locked.
        answer.recv().map_err(|_| StorageError::Stopped)?
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Closing the queue lets the thread write what is left and stop.
        self.commands = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
