//! Pinned keys (trust on first use) to and from table rows, bounded at
//! `MAX_PINS` like the pins in memory.

use chrono::DateTime;
use rusqlite::{Connection, params};

use super::rows::sql_count;
use crate::core::model::author_key::{AuthorKey, KEY_LEN};
use crate::core::social::trust::{MAX_PINS, Pin, PinChange};

/// The most recently seen `MAX_PINS` pins. A row whose key is not 32 bytes
/// (written by some other program) is skipped: that name is pinned afresh.
pub(super) fn load(conn: &Connection) -> rusqlite::Result<Vec<Pin>> {
    let mut select = conn.prepare(
        "SELECT user, key, first_seen, last_seen FROM pins ORDER BY last_seen DESC LIMIT ?1",
    )?;
    let mut rows = select.query([sql_count(MAX_PINS)])?;
    let mut pins = Vec::new();
    while let Some(row) = rows.next()? {
        let key: Vec<u8> = row.get(1)?;
        let Ok(key) = <[u8; KEY_LEN]>::try_from(key) else {
            continue;
        };
        let first_seen: i64 = row.get(2)?;
        let last_seen: i64 = row.get(3)?;
        let (Some(first_seen), Some(last_seen)) = (
            DateTime::from_timestamp_millis(first_seen),
            DateTime::from_timestamp_millis(last_seen),
        ) else {
            continue;
        };
        pins.push(Pin {
            user: row.get(0)?,
            key: AuthorKey::from_bytes(key),
            first_seen,
            last_seen,
        });
    }
    Ok(pins)
}

/// Writes one change. After new pins, `bound` keeps the table to its size
/// (once per batch: it walks `MAX_PINS` index entries).
pub(super) fn apply(conn: &Connection, change: &PinChange) -> rusqlite::Result<()> {
    match change {
        PinChange::Pinned(pin) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO pins (user, key, first_seen, last_seen)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                pin.user,
                pin.key.as_bytes().as_slice(),
                pin.first_seen.timestamp_millis(),
                pin.last_seen.timestamp_millis(),
            ])?;
            Ok(())
        }
        PinChange::Forgotten(user) => {
            conn.prepare_cached("DELETE FROM pins WHERE user = ?1")?
                .execute([user])?;
            Ok(())
        }
    }
}

/// Forgets the pins seen least recently beyond `MAX_PINS` (the index on
/// `last_seen` makes this a walk, not a sort).
pub(super) fn bound(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM pins WHERE user IN
         (SELECT user FROM pins ORDER BY last_seen DESC LIMIT -1 OFFSET ?1)",
    )?
    .execute([sql_count(MAX_PINS)])?;
    Ok(())
}
