//! Connection settings and the table layout, versioned with `user_version`.

use std::time::Duration;

use rusqlite::Connection;

use super::StorageError;

/// Bump with a new arm in `migrate` whenever the tables change.
const SCHEMA_VERSION: i64 = 5;

/// Another process (a second Chirp, a backup tool, `sqlite3`) may hold the
/// lock for a moment; wait that out rather than lose a batch.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `seq` is the rowid alias: arrival order, newest highest. Times are unix
/// milliseconds (what the wire carries, and cheap to load); tags a JSON
/// array; `delivery` 0 received, 1 pending, 2 acknowledged.
const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS tweets (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user TEXT NULL,
    text TEXT NOT NULL,
    tags TEXT NOT NULL,
    sent_at INTEGER NULL,
    received_at INTEGER NOT NULL,
    format TEXT NOT NULL,
    own INTEGER NOT NULL,
    delivery INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY,
    tweet_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_tweet ON outbox (tweet_id);
";

/// Direct messages, apart from the tweets (they never join the timeline).
/// Times as in `tweets`.
const SCHEMA_V3: &str = "
CREATE TABLE IF NOT EXISTS direct (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at INTEGER NULL,
    received_at INTEGER NOT NULL
);
";

#[cfg(test)]
pub(super) const SCHEMA_V1_FOR_TESTS: &str = SCHEMA_V1;

/// A version 3 file's tables, for the migration test.
#[cfg(test)]
pub(super) fn schema_v3_for_tests() -> String {
    format!("{SCHEMA_V1}{SCHEMA_V2}{SCHEMA_V3}")
}

/// Replies: the parent's id and author (both NULL for a tweet that answers
/// none).
const SCHEMA_V2: &str = "
ALTER TABLE tweets ADD COLUMN reply_to TEXT NULL;
ALTER TABLE tweets ADD COLUMN reply_to_user TEXT NULL;
";

/// Trust on first use: the key pinned for each name (32 raw bytes), times
/// as in `tweets`; `last_seen` orders eviction. A tweet's `signer` is the
/// key whose signature verified when it arrived (NULL: unsigned).
const SCHEMA_V4: &str = "
CREATE TABLE IF NOT EXISTS pins (
    user TEXT PRIMARY KEY,
    key BLOB NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pins_by_last_seen ON pins (last_seen);
ALTER TABLE tweets ADD COLUMN signer BLOB NULL;
";

/// Signatures checked when shown (PROTOCOL.md 9.7): a tweet stored before
/// its signature was checked keeps it (64 raw bytes), to be checked when
/// shown after a restart; NULL when checked on arrival, or unsigned. A
/// quote keeps the quoted tweet's id and author (both NULL otherwise).
const SCHEMA_V5: &str = "
ALTER TABLE tweets ADD COLUMN deferred_sig BLOB NULL;
ALTER TABLE tweets ADD COLUMN quote_ref TEXT NULL;
ALTER TABLE tweets ADD COLUMN quote_user TEXT NULL;
";

/// Checks the file, sets the connection up and brings the tables to the
/// current version. `Damaged` and SQLite's corruption errors from here mean
/// the file is unusable; anything else is a real failure to report.
pub(super) fn prepare(conn: &mut Connection) -> Result<(), StorageError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(StorageError::Damaged(check));
    }
    // WAL appends each commit to a log instead of rewriting pages: one
    // sequential write per batch, and readers never block the writer.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    // With WAL, NORMAL skips the fsync at each commit but a committed
    // transaction is already in the log file, so it survives the process
    // being killed (SIGKILL, a crash); only an OS crash or power loss can
    // take the last few commits back.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    migrate(conn)
}

fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    match found {
        SCHEMA_VERSION => Ok(()),
        // Each older version is brought up step by step, in one transaction.
        0..=4 => {
            let tx = conn.transaction()?;
            if found == 0 {
                tx.execute_batch(SCHEMA_V1)?;
            }
            if found <= 1 {
                tx.execute_batch(SCHEMA_V2)?;
            }
            if found <= 2 {
                tx.execute_batch(SCHEMA_V3)?;
            }
            if found <= 3 {
                tx.execute_batch(SCHEMA_V4)?;
            }
            tx.execute_batch(SCHEMA_V5)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
            Ok(())
        }
        newer if newer > SCHEMA_VERSION => Err(StorageError::NewerSchema {
            found: newer,
            supported: SCHEMA_VERSION,
        }),
        nonsense => Err(StorageError::Damaged(format!(
            "unknown schema version {nonsense}"
        ))),
    }
}
