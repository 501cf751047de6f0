//! Keeping the history to its newest `limit` rows after every batch without
//! rescanning them: finding the limit-th newest row from scratch walks the
//! whole table (about 10 ms at 50,000 tweets), so the boundary is carried
//! from batch to batch and moved by as many rows as the batch added.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{delivery_code, sql_count};
use crate::core::model::timeline::Delivery;

/// Counts only what the storage thread writes: it is the only writer (a
/// second Chirp keeps its history in memory).
#[derive(Debug, Clone, Copy)]
pub(super) struct HistoryBound {
    limit: usize,
    /// Rows from this sequence number on are the kept history; older rows
    /// are only our own tweets still waiting for the broker.
    floor: i64,
    /// Rows at or after `floor`.
    counted: usize,
}

impl HistoryBound {
    pub fn new(conn: &Connection, limit: usize) -> rusqlite::Result<Self> {
        let rows: i64 = conn.query_row("SELECT COUNT(*) FROM tweets", [], |row| row.get(0))?;
        Ok(Self {
            limit: limit.max(1),
            floor: i64::MIN,
            counted: usize::try_from(rows).unwrap_or(0),
        })
    }

    /// After `inserted` new rows, deletes the oldest beyond the limit except
    /// our own pending tweets (their outbox copies need them). Returns the
    /// bound to keep once the transaction commits; on error or rollback the
    /// old one still holds.
    pub fn enforce(&self, conn: &Connection, inserted: usize) -> rusqlite::Result<Self> {
        let counted = self.counted + inserted;
        if counted <= self.limit {
            return Ok(Self { counted, ..*self });
        }
        let floor: Option<i64> = conn
            .prepare_cached(
                "SELECT seq FROM tweets WHERE seq >= ?1 ORDER BY seq LIMIT 1 OFFSET ?2",
            )?
            .query_row(
                params![self.floor, sql_count(counted - self.limit)],
                |row| row.get(0),
            )
            .optional()?;
        let Some(floor) = floor else {
            // Fewer rows than counted: another program deleted some. Count
            // afresh (the new count is exact, so this ends).
            return Self::new(conn, self.limit)?.enforce(conn, 0);
        };
        conn.prepare_cached(
            "DELETE FROM tweets WHERE seq < ?1 AND NOT (own = 1 AND delivery = ?2)",
        )?
        .execute(params![floor, delivery_code(Delivery::Pending)])?;
        Ok(Self {
            floor,
            counted: self.limit,
            ..*self
        })
    }
}
