//! How long our own tweets take to come back: from being handed to the
//! connection to arriving on a followed tag, the delivery time a user
//! actually feels.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Own tweets still on their way are forgotten beyond this many (a tweet
/// under a tag we don't follow never comes back).
const MAX_WAITING: usize = 256;

#[derive(Debug, Default)]
pub struct RoundTrips {
    sent: HashMap<String, Instant>,
    order: VecDeque<String>,
}

impl RoundTrips {
    /// Tweet `id` went out now; later copies (other tags, resends) keep the
    /// first time.
    pub fn sent(&mut self, id: &str, at: Instant) {
        if self.sent.contains_key(id) {
            return;
        }
        if self.order.len() == MAX_WAITING
            && let Some(oldest) = self.order.pop_front()
        {
            self.sent.remove(&oldest);
        }
        self.sent.insert(id.to_owned(), at);
        self.order.push_back(id.to_owned());
    }

    /// Tweet `id` arrived: its round trip, if it is ours and the first copy back.
    pub fn received(&mut self, id: &str, at: Instant) -> Option<Duration> {
        let sent = self.sent.remove(id)?;
        self.order.retain(|waiting| waiting != id);
        Some(at.saturating_duration_since(sent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_copy_back_is_timed_once() {
        let mut trips = RoundTrips::default();
        let start = Instant::now();
        trips.sent("a", start);
        trips.sent("a", start + Duration::from_millis(5));
        assert_eq!(
            trips.received("a", start + Duration::from_millis(12)),
            Some(Duration::from_millis(12))
        );
        assert_eq!(trips.received("a", start + Duration::from_millis(13)), None);
        assert_eq!(trips.received("someone-else", start), None);
    }

    #[test]
    fn tweets_that_never_come_back_are_forgotten() {
        let mut trips = RoundTrips::default();
        let start = Instant::now();
        for n in 0..(MAX_WAITING + 10) {
            trips.sent(&n.to_string(), start);
        }
        assert_eq!(trips.sent.len(), MAX_WAITING);
        assert_eq!(trips.received("0", start), None);
        assert!(
            trips
                .received(&(MAX_WAITING + 9).to_string(), start)
                .is_some()
        );
    }
}
