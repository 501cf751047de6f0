//! Direct messages to and from table rows, kept apart from the tweets:
//! they never join the timeline.

use chrono::DateTime;
use rusqlite::{Connection, params};

use super::rows::sql_count;
use crate::core::social::direct::DirectMessage;

/// Messages kept on disk at most: what the Inbox holds when full.
pub(super) const MAX_STORED: usize = crate::core::social::direct::MAX_CONVERSATIONS
    * crate::core::social::direct::MAX_MESSAGES_PER_PERSON;

/// Oldest first, the newest `limit`.
pub(super) fn load(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<DirectMessage>> {
    let mut select = conn.prepare(
        "SELECT id, sender, recipient, text, sent_at, received_at FROM
         (SELECT * FROM direct ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
    )?;
    let rows = select.query_map([sql_count(limit)], |row| {
        let received_at: i64 = row.get(5)?;
        Ok(DirectMessage {
            id: row.get(0)?,
            from: row.get(1)?,
            to: row.get(2)?,
            text: row.get(3)?,
            sent_at: row
                .get::<_, Option<i64>>(4)?
                .and_then(DateTime::from_timestamp_millis),
            received_at: DateTime::from_timestamp_millis(received_at).unwrap_or_default(),
            // The local history keeps the text, not how it travelled.
            encrypted: false,
            signer: None,
        })
    })?;
    rows.collect()
}

/// Returns false when the id is already there (a resend).
pub(super) fn insert(conn: &Connection, message: &DirectMessage) -> rusqlite::Result<bool> {
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO direct (id, sender, recipient, text, sent_at, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            message.id,
            message.from,
            message.to,
            message.text,
            message.sent_at.map(|t| t.timestamp_millis()),
            message.received_at.timestamp_millis(),
        ])?;
    Ok(inserted > 0)
}

/// Forgets the oldest messages beyond `MAX_STORED`.
pub(super) fn bound(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM direct WHERE seq <= (SELECT seq FROM direct ORDER BY seq DESC LIMIT 1 OFFSET ?1)",
    )?
    .execute([sql_count(MAX_STORED)])?;
    Ok(())
}
