//! Tweets and outbox copies to and from table rows (trimming the history
//! is in `bound.rs`).

use chrono::{DateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, Row, params};

use crate::core::model::author_key::{
    AuthorKey, DeferredSignature, KEY_LEN, SIGNATURE_BYTES, Signed, Trust,
};
use crate::core::model::timeline::{Delivery, HistoryEntry};
use crate::core::model::tweet::{ReplyTo, Tweet, WireFormat};
use crate::core::social::compose::Publish;

/// Newest first: the order `Timeline` keeps.
pub(super) fn load_history(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<HistoryEntry>> {
    let mut select = conn.prepare(
        "SELECT id, user, text, tags, sent_at, received_at, format, own, delivery,
                reply_to, reply_to_user, signer, deferred_sig, quote_ref, quote_user
         FROM tweets ORDER BY seq DESC LIMIT ?1",
    )?;
    let mut history = Vec::with_capacity(limit.min(100_000));
    let mut rows = select.query([sql_count(limit)])?;
    while let Some(row) = rows.next()? {
        match entry_from_row(row) {
            Ok(entry) => history.push(entry),
            // A row some other program wrote in a shape we can't read hides
            // that one tweet, not the whole history.
            Err(
                rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..),
            ) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(history)
}

/// Unacknowledged copies grouped by tweet, tweets in the order they were
/// written, copies in the order they were queued.
pub(super) fn load_outbox(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<Publish>)>> {
    let mut select = conn.prepare("SELECT tweet_id, topic, payload FROM outbox ORDER BY seq")?;
    let mut outbox: Vec<(String, Vec<Publish>)> = Vec::new();
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let tweet_id: String = row.get(0)?;
        // Not stored: a tweet sent after a restart goes out unretained.
        let publish = Publish {
            topic: row.get(1)?,
            payload: row.get(2)?,
            retain: false,
        };
        // A tweet's copies are written together, so its group is the last
        // one unless rows were interleaved by hand.
        match outbox.iter_mut().rev().find(|(id, _)| *id == tweet_id) {
            Some((_, copies)) => copies.push(publish),
            None => outbox.push((tweet_id, vec![publish])),
        }
    }
    Ok(outbox)
}

/// Returns false when the id is already there (kept where it first arrived).
pub(super) fn insert_tweet(
    conn: &Connection,
    tweet: &Tweet,
    own: bool,
    delivery: Delivery,
) -> rusqlite::Result<bool> {
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO tweets
         (id, user, text, tags, sent_at, received_at, format, own, delivery,
          reply_to, reply_to_user, signer, deferred_sig, quote_ref, quote_user)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let tags = serde_json::to_string(&tweet.tags)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let inserted = insert.execute(params![
        tweet.id,
        tweet.user,
        tweet.text,
        tags,
        tweet.sent_at.map(|t| t.timestamp_millis()),
        tweet.received_at.timestamp_millis(),
        format_name(tweet.format),
        own,
        delivery_code(delivery),
        tweet.reply_to.as_ref().map(|parent| &parent.id),
        tweet
            .reply_to
            .as_ref()
            .and_then(|parent| parent.user.as_ref()),
        tweet
            .signed
            .as_ref()
            .map(|signed| signed.key.as_bytes().as_slice()),
        tweet
            .deferred_signature
            .as_ref()
            .map(|signature| signature.0.as_slice()),
        tweet.quote.as_ref().map(|quoted| &quoted.id),
        tweet.quote.as_ref().and_then(|quoted| quoted.user.as_ref()),
    ])?;
    Ok(inserted > 0)
}

pub(super) fn insert_copies(
    conn: &Connection,
    tweet_id: &str,
    copies: &[Publish],
) -> rusqlite::Result<()> {
    let mut insert =
        conn.prepare_cached("INSERT INTO outbox (tweet_id, topic, payload) VALUES (?1, ?2, ?3)")?;
    for copy in copies {
        insert.execute(params![tweet_id, copy.topic, copy.payload])?;
    }
    Ok(())
}

/// Tweets with at least one copy still unacknowledged.
pub(super) fn unsent_tweet_count(conn: &Connection) -> rusqlite::Result<usize> {
    let count: i64 = conn
        .prepare_cached("SELECT COUNT(DISTINCT tweet_id) FROM outbox")?
        .query_row([], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

pub(super) fn acknowledge(conn: &Connection, tweet_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM outbox WHERE tweet_id = ?1")?
        .execute([tweet_id])?;
    conn.prepare_cached("UPDATE tweets SET delivery = ?2 WHERE id = ?1 AND own = 1")?
        .execute(params![tweet_id, delivery_code(Delivery::Acknowledged)])?;
    Ok(())
}

/// Removes tweet `id` when `key` signed it (an author's deletion).
pub(super) fn delete_signed(conn: &Connection, id: &str, key: &AuthorKey) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM tweets WHERE id = ?1 AND signer = ?2")?
        .execute(params![id, key.as_bytes().as_slice()])?;
    Ok(())
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let tags: String = row.get(3)?;
    let tags = serde_json::from_str(&tags).map_err(|e| bad_value(3, Type::Text, e))?;
    let format: String = row.get(6)?;
    let delivery: i64 = row.get(8)?;
    let tweet = Tweet {
        id: row.get(0)?,
        user: row.get(1)?,
        text: row.get(2)?,
        tags,
        sent_at: row
            .get::<_, Option<i64>>(4)?
            .map(|millis| time_from_millis(4, millis))
            .transpose()?,
        received_at: time_from_millis(5, row.get(5)?)?,
        format: format_from_name(&format).ok_or_else(|| bad_value(6, Type::Text, format))?,
        reply_to: row.get::<_, Option<String>>(9)?.map(|id| ReplyTo {
            id,
            user: row.get(10).ok().flatten(),
        }),
        signed: signer_from_row(row)?,
        deferred_signature: deferred_from_row(row)?,
        quote: row.get::<_, Option<String>>(13)?.map(|id| ReplyTo {
            id,
            user: row.get(14).ok().flatten(),
        }),
    };
    Ok(HistoryEntry {
        tweet,
        own: row.get(7)?,
        delivery: delivery_from_code(delivery)
            .ok_or_else(|| bad_value(8, Type::Integer, delivery.to_string()))?,
    })
}

/// The key that signed a stored tweet; what it means is judged again
/// against the pins by whoever loads it. A blob of another length (some
/// other program's doing) reads as unsigned: it never claims a signer.
fn signer_from_row(row: &Row<'_>) -> rusqlite::Result<Option<Signed>> {
    let signer: Option<Vec<u8>> = row.get(11)?;
    Ok(signer
        .and_then(|bytes| <[u8; KEY_LEN]>::try_from(bytes).ok())
        .map(|bytes| Signed {
            key: AuthorKey::from_bytes(bytes),
            trust: Trust::Unjudged,
        }))
}

/// A signature stored unchecked (checked when the tweet is shown). One
/// without a signer, or of another length, is no signature to check.
fn deferred_from_row(row: &Row<'_>) -> rusqlite::Result<Option<DeferredSignature>> {
    let signer: Option<Vec<u8>> = row.get(11)?;
    let deferred: Option<Vec<u8>> = row.get(12)?;
    Ok(deferred
        .filter(|_| signer.is_some())
        .and_then(|bytes| <[u8; SIGNATURE_BYTES]>::try_from(bytes).ok())
        .map(DeferredSignature))
}

fn time_from_millis(column: usize, millis: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| bad_value(column, Type::Integer, millis.to_string()))
}

fn bad_value(
    column: usize,
    kind: Type,
    what: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, kind, what.into())
}

/// SQLite counts in i64; "no limit" saturates rather than wraps.
pub(super) fn sql_count(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

fn format_name(format: WireFormat) -> &'static str {
    match format {
        WireFormat::Chirp => "chirp",
        WireFormat::Classic => "classic",
        WireFormat::Raw => "raw",
    }
}

fn format_from_name(name: &str) -> Option<WireFormat> {
    match name {
        "chirp" => Some(WireFormat::Chirp),
        "classic" => Some(WireFormat::Classic),
        "raw" => Some(WireFormat::Raw),
        _ => None,
    }
}

pub(super) fn delivery_code(delivery: Delivery) -> i64 {
    match delivery {
        Delivery::Received => 0,
        Delivery::Pending => 1,
        Delivery::Acknowledged => 2,
    }
}

fn delivery_from_code(code: i64) -> Option<Delivery> {
    match code {
        0 => Some(Delivery::Received),
        1 => Some(Delivery::Pending),
        2 => Some(Delivery::Acknowledged),
        _ => None,
    }
}
