//! Handing events to the driver at the pace it takes them.
//!
//! While the driver's queue is full the worker leaves the link unread, so
//! the broker holds a persistent session's backlog (TCP pushes back on it)
//! instead of the worker dropping what the window has no room for. A driver
//! that takes nothing for a while (a frozen or hidden window) is not waited
//! for: reading goes on, so the connection stays alive (pings), and what
//! finds no room is counted as overflow (tweets are in the history anyway).

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::Worker;
use crate::core::connection::net::NetEvent;

/// How often a worker waiting for room looks again.
pub(super) const ROOM_RECHECK: Duration = Duration::from_millis(2);
/// The longest the link is left unread for a driver that takes nothing;
/// shorter with a short keep-alive, so a ping is never missed for it.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

impl Worker {
    /// Whether to read the next network event now: yes while the driver's
    /// queue has room, and once it has taken nothing for the longest wait.
    pub(super) fn may_read_link(&mut self) -> bool {
        if self.events.len() < self.event_capacity {
            self.full_since = None;
            return true;
        }
        let longest = LONGEST_WAIT.min(self.config.keep_alive / 2);
        let full_since = *self.full_since.get_or_insert_with(Instant::now);
        full_since.elapsed() >= longest
    }

    pub(super) fn emit(&self, event: NetEvent) {
        // This worker is the only sender, so the queue cannot grow between
        // the check and the send.
        if self.events.len() >= self.event_capacity {
            self.overflow.fetch_add(1, Ordering::Relaxed);
            (self.wake)();
            return;
        }
        // Only the first waiting event wakes the window (it repaints by
        // itself while events wait); an error: the driver hung up.
        if self.events.send(event).is_ok() && self.events.len() <= 1 {
            (self.wake)();
        }
    }
}
