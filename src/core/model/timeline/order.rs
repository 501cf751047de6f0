//! The timeline's order: by the time a tweet was written, never later than
//! its arrival (PROTOCOL.md 4.1), and where each insertion went, so views
//! that keep state per row can follow.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

/// Where an entry sorts, and who it is to a view: its shown time and a
/// number given when it was taken in. Newer sorts greater; among tweets
/// shown at the same millisecond, the later arrival is newer and history
/// loaded from storage is older than anything that arrived live.
///
/// The number wraps after four billion insertions: past that, two tweets
/// of the same millisecond may sort the other way round, which keeps the
/// timeline sorted all the same (a key never changes once given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowKey {
    /// `shown_time` in milliseconds since the epoch.
    pub shown_millis: i64,
    pub seq: u32,
}

impl RowKey {
    /// The shown time of a tweet that has `sent_at` (if any) and arrived at
    /// `received_at`: the sender's time, capped at the arrival.
    pub fn shown_millis(sent_at: Option<DateTime<Utc>>, received_at: DateTime<Utc>) -> i64 {
        let received = received_at.timestamp_millis();
        sent_at.map_or(received, |sent| sent.timestamp_millis().min(received))
    }
}

/// The numbers the next entries get: counting up from the middle for
/// tweets arriving live, down from it for history appended below them.
#[derive(Debug)]
pub(super) struct Numbers {
    newest: u32,
    oldest: u32,
}

impl Default for Numbers {
    fn default() -> Self {
        Self {
            newest: 1 << 31,
            oldest: 1 << 31,
        }
    }
}

impl Numbers {
    /// The number of a tweet arriving now: above every one before it.
    pub(super) fn next_newer(&mut self) -> u32 {
        self.newest = self.newest.wrapping_add(1);
        self.newest
    }

    /// The number of history loaded now: below every one before it.
    pub(super) fn next_older(&mut self) -> u32 {
        self.oldest = self.oldest.wrapping_sub(1);
        self.oldest
    }
}

/// How many insertions are remembered: a view that missed more since it
/// last looked starts its rows again from estimates.
const LOGGED: usize = 1 << 16;

/// Where the latest insertions went, for views that keep state by row
/// index (row heights): replaying them in order keeps that state in step
/// while entries land in the middle.
#[derive(Debug, Default)]
pub(super) struct InsertLog {
    /// Insertions ever made (the log's end).
    count: u64,
    /// The index each of the latest insertions went to, oldest first,
    /// counted when it was made.
    indices: VecDeque<usize>,
}

impl InsertLog {
    pub(super) fn record(&mut self, index: usize) {
        if self.indices.len() == LOGGED {
            self.indices.pop_front();
        }
        self.indices.push_back(index);
        self.count += 1;
    }

    pub(super) fn count(&self) -> u64 {
        self.count
    }

    /// The indices of the insertions made since `count` was `mark`, in
    /// order; None when the log no longer reaches back that far.
    pub(super) fn since(&self, mark: u64) -> Option<impl Iterator<Item = usize> + '_> {
        let missed = usize::try_from(self.count.checked_sub(mark)?).ok()?;
        let skip = self.indices.len().checked_sub(missed)?;
        Some(self.indices.range(skip..).copied())
    }
}
