//! The storage thread: owns the connection and writes commands in batches,
//! one transaction each, so a firehose costs one commit per batch rather
//! than one per tweet.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use rusqlite::Connection;

use super::bound::HistoryBound;
use super::{MAX_UNSENT_TWEETS, StorageError, direct_rows, pin_rows, rows};
use crate::core::model::author_key::AuthorKey;
use crate::core::model::timeline::Delivery;
use crate::core::model::tweet::Tweet;
use crate::core::social::compose::OutgoingTweet;
use crate::core::social::direct::{DirectMessage, OutgoingDirect};
use crate::core::social::trust::PinChange;

/// The most commands written in one transaction.
const MAX_BATCH: usize = 2_000;
/// How long a batch with nobody waiting on it gathers more commands.
const BATCH_WINDOW: Duration = Duration::from_millis(20);
/// Attempts at a batch while another process holds the database's lock,
/// each after SQLite's busy timeout (5 s): a lock held for half a minute
/// loses nothing, and a lock held for ever loses the batch, not the app.
const LOCKED_ATTEMPTS: u32 = 6;

pub(super) type Reply = Sender<Result<(), StorageError>>;

pub(super) enum Command {
    Received(Tweet),
    Outgoing(OutgoingTweet, Reply),
    OutgoingDirect(OutgoingDirect, Reply),
    Direct(DirectMessage),
    Acknowledged(String),
    Pin(PinChange),
    /// A deletion signed by this key: the tweet goes from the history only
    /// when that key signed it.
    Delete {
        id: String,
        key: AuthorKey,
    },
    Flush(Reply),
}

impl Command {
    fn reply(&self) -> Option<&Reply> {
        match self {
            Command::Outgoing(_, reply)
            | Command::OutgoingDirect(_, reply)
            | Command::Flush(reply) => Some(reply),
            Command::Received(_)
            | Command::Direct(_)
            | Command::Acknowledged(_)
            | Command::Pin(_)
            | Command::Delete { .. } => None,
        }
    }
}

/// What the storage thread tells the handle without being asked.
#[derive(Default)]
pub(super) struct Status {
    /// The latest failed write that nobody was waiting on.
    last_error: Mutex<Option<String>>,
    /// Received tweets not saved because the thread fell too far behind.
    skipped_received: AtomicU64,
}

impl Status {
    pub fn set_error(&self, message: String) {
        let mut slot = self
            .last_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = Some(message);
    }

    pub fn last_error(&self) -> Option<String> {
        let slot = self
            .last_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slot.clone()
    }

    /// A write went through: whatever failed before is over.
    pub fn clear_error(&self) {
        let mut slot = self
            .last_error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = None;
    }

    pub fn count_skipped(&self) {
        self.skipped_received.fetch_add(1, Ordering::Relaxed);
    }

    pub fn skipped_received(&self) -> u64 {
        self.skipped_received.load(Ordering::Relaxed)
    }
}

/// Runs until every sender is gone and what they sent is written.
pub(super) fn run(
    mut conn: Connection,
    mut bound: HistoryBound,
    commands: Receiver<Command>,
    status: Arc<Status>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut locked_attempts = 0;
    loop {
        if batch.is_empty() {
            if !gather(&commands, &mut batch) {
                return;
            }
        } else if top_up(&commands, &mut batch) {
            // Closing (the handle is gone): one last attempt, so a lock held
            // for ever holds the app's exit for one busy timeout at most.
            locked_attempts = LOCKED_ATTEMPTS - 1;
        }
        let locked = write(&mut conn, &mut bound, &mut batch, &status, locked_attempts);
        locked_attempts = if locked { locked_attempts + 1 } else { 0 };
    }
}

/// Waits for a command, then takes what else comes within the batch window.
/// Someone blocked on a reply cuts the wait short. False once the handle is
/// gone and the queue is empty.
fn gather(commands: &Receiver<Command>, batch: &mut Vec<Command>) -> bool {
    let Ok(first) = commands.recv() else {
        return false;
    };
    let deadline = Instant::now() + BATCH_WINDOW;
    let mut someone_waits = first.reply().is_some();
    batch.push(first);
    while batch.len() < MAX_BATCH {
        let next = if someone_waits {
            commands.try_recv().ok()
        } else {
            // A timeout and a dropped handle both mean: write what we have.
            commands.recv_deadline(deadline).ok()
        };
        let Some(next) = next else { break };
        someone_waits |= next.reply().is_some();
        batch.push(next);
    }
    true
}

/// Adds what came while a batch the lock refused waited; true when the
/// handle is gone.
fn top_up(commands: &Receiver<Command>, batch: &mut Vec<Command>) -> bool {
    while batch.len() < MAX_BATCH {
        match commands.try_recv() {
            Ok(command) => batch.push(command),
            Err(crossbeam_channel::TryRecvError::Empty) => return false,
            Err(crossbeam_channel::TryRecvError::Disconnected) => return true,
        }
    }
    false
}

/// Writes the batch, answering those who wait. True when another process's
/// lock refused it: then the commands nobody waits on stay in `batch` for
/// another attempt (up to `LOCKED_ATTEMPTS`).
fn write(
    conn: &mut Connection,
    bound: &mut HistoryBound,
    batch: &mut Vec<Command>,
    status: &Status,
    locked_attempts: u32,
) -> bool {
    match apply(conn, bound, batch) {
        Ok((refused, new_bound)) => {
            *bound = new_bound;
            status.clear_error();
            for (command, refused) in batch.drain(..).zip(refused) {
                if let Some(reply) = command.reply() {
                    if refused {
                        tracing::warn!(limit = MAX_UNSENT_TWEETS, "outbox full; not saved");
                    }
                    let answer = if refused {
                        Err(StorageError::OutboxFull {
                            limit: MAX_UNSENT_TWEETS,
                        })
                    } else {
                        Ok(())
                    };
                    // A caller that gave up waiting needs no answer.
                    let _ = reply.send(answer);
                }
            }
            false
        }
        Err(e) => {
            let message = e.to_string();
            tracing::error!(error = %message, commands = batch.len(), "storage write failed");
            // Waiters get the error as their answer; the rest only here.
            if batch.iter().any(|c| c.reply().is_none()) {
                status.set_error(StorageError::Write(message.clone()).to_string());
            }
            let retry = is_locked(&e) && locked_attempts + 1 < LOCKED_ATTEMPTS;
            let mut kept = Vec::new();
            for command in batch.drain(..) {
                match command.reply() {
                    Some(reply) => {
                        let _ = reply.send(Err(StorageError::Write(message.clone())));
                    }
                    None if retry => kept.push(command),
                    None => {}
                }
            }
            *batch = kept;
            retry
        }
    }
}

/// Another connection holds the lock (a second Chirp, a backup tool, an
/// sqlite3 shell): worth trying again, unlike a full disk or a damaged file.
fn is_locked(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Writes the batch in one transaction. Returns, per command, whether it was
/// refused (an outgoing tweet past the outbox bound), and the history bound
/// after it; nothing is written on error.
fn apply(
    conn: &mut Connection,
    bound: &HistoryBound,
    batch: &[Command],
) -> rusqlite::Result<(Vec<bool>, HistoryBound)> {
    let tx = conn.transaction()?;
    let mut refused = Vec::with_capacity(batch.len());
    let mut inserted = 0;
    let mut pinned = false;
    for command in batch {
        let mut refuse = false;
        match command {
            Command::Received(tweet) => {
                if rows::insert_tweet(&tx, tweet, false, Delivery::Received)? {
                    inserted += 1;
                }
            }
            Command::Outgoing(outgoing, _) => {
                refuse = rows::unsent_tweet_count(&tx)? >= MAX_UNSENT_TWEETS;
                // Recording the same tweet again must not queue its copies
                // twice.
                if !refuse && rows::insert_tweet(&tx, &outgoing.tweet, true, Delivery::Pending)? {
                    inserted += 1;
                    rows::insert_copies(&tx, &outgoing.tweet.id, &outgoing.publishes)?;
                }
            }
            Command::OutgoingDirect(outgoing, _) => {
                refuse = rows::unsent_tweet_count(&tx)? >= MAX_UNSENT_TWEETS;
                if !refuse && direct_rows::insert(&tx, &outgoing.message)? {
                    let id = &outgoing.message.id;
                    rows::insert_copies(&tx, id, std::slice::from_ref(&outgoing.publish))?;
                    direct_rows::bound(&tx)?;
                }
            }
            Command::Direct(message) => {
                if direct_rows::insert(&tx, message)? {
                    direct_rows::bound(&tx)?;
                }
            }
            Command::Acknowledged(tweet_id) => rows::acknowledge(&tx, tweet_id)?,
            Command::Pin(change) => {
                pinned |= matches!(change, PinChange::Pinned(_));
                pin_rows::apply(&tx, change)?;
            }
            Command::Delete { id, key } => rows::delete_signed(&tx, id, key)?,
            Command::Flush(_) => {}
        }
        refused.push(refuse);
    }
    let bound = bound.enforce(&tx, inserted)?;
    if pinned {
        pin_rows::bound(&tx)?;
    }
    tx.commit()?;
    Ok((refused, bound))
}
