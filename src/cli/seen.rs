//! What `chirp follow` has printed, so that each tweet prints once: the
//! window's timeline rules (`Timeline::insert_received`), an id among the
//! last `limit` tweets, or for a payload with no id of its own (classic,
//! raw) the same author and text moments apart among the newest few,
//! without keeping the tweets themselves. `follow` prints in the order
//! tweets arrive, so "last" is by arrival here, where the window keeps the
//! newest by the time written (PROTOCOL.md 4.1); the two agree while
//! tweets arrive in the order they were written. The timeline keeps them to show
//! them; `follow` never looks at one again, and building the timeline's
//! entries was a fifth of its CPU time per tweet (issue 15).

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher as _, BuildHasherDefault, Hasher, RandomState};

use chrono::{DateTime, Utc};

use crate::core::model::timeline::{IDLESS_LOOKBACK, IDLESS_WINDOW};
use crate::core::model::tweet::{Tweet, WireFormat};

/// The keys are random 64-bit hashes already: hashing them again for the
/// set would be wasted work on every tweet.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// An idless tweet, as far as telling a copy of it goes.
struct Idless {
    user: Option<String>,
    text: String,
    received_at: DateTime<Utc>,
}

pub struct Seen {
    limit: usize,
    /// 64-bit keys of the ids (from a random hasher, as the timeline's).
    keys: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// The same keys in arrival order, oldest first.
    order: VecDeque<u64>,
    /// The newest tweets, newest first (None: one with an id of its own).
    recent: VecDeque<Option<Idless>>,
    hasher: RandomState,
}

impl Seen {
    pub fn with_limit(limit: usize) -> Self {
        Self {
            limit,
            keys: HashSet::default(),
            order: VecDeque::new(),
            recent: VecDeque::new(),
            hasher: RandomState::new(),
        }
    }

    /// Whether `tweet` is seen for the first time (it is remembered then).
    pub fn first_time(&mut self, tweet: &Tweet) -> bool {
        let key = self.hasher.hash_one(tweet.id.as_str());
        if self.keys.contains(&key) || self.is_idless_copy(tweet) {
            return false;
        }
        self.keys.insert(key);
        self.order.push_back(key);
        while self.order.len() > self.limit {
            if let Some(oldest) = self.order.pop_front() {
                self.keys.remove(&oldest);
            }
        }
        let idless = (tweet.format != WireFormat::Chirp).then(|| Idless {
            user: tweet.user.clone(),
            text: tweet.text.clone(),
            received_at: tweet.received_at,
        });
        self.recent.push_front(idless);
        self.recent.truncate(IDLESS_LOOKBACK.min(self.limit));
        true
    }

    fn is_idless_copy(&self, tweet: &Tweet) -> bool {
        tweet.format != WireFormat::Chirp
            && self.recent.iter().flatten().any(|seen| {
                seen.user == tweet.user
                    && seen.text == tweet.text
                    && (tweet.received_at - seen.received_at).abs() <= IDLESS_WINDOW
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::timeline::Timeline;

    fn tweet(id: &str, format: WireFormat, text: &str, seconds: i64) -> Tweet {
        Tweet {
            quote: None,
            deferred_signature: None,
            id: id.to_owned(),
            user: Some("alice".into()),
            text: text.to_owned(),
            tags: vec!["a".into()],
            sent_at: None,
            received_at: DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap_or_default(),
            format,
            reply_to: None,
            signed: None,
        }
    }

    #[test]
    fn agrees_with_the_timeline() {
        // Arriving in the order written (received times rising), as the
        // timeline's order by time and this one by arrival then agree.
        let mut arrivals = Vec::new();
        for n in 0..300 {
            let id = format!("id-{}", n % 120);
            arrivals.push(tweet(&id, WireFormat::Chirp, "hello", n * 4));
            let text = format!("classic {}", n % 7);
            arrivals.push(tweet(
                &format!("c-{n}"),
                WireFormat::Classic,
                &text,
                n * 4 + 1,
            ));
        }
        for limit in [5, 50, 100, 1000] {
            let mut seen = Seen::with_limit(limit);
            let mut timeline = Timeline::with_limit(limit);
            for arriving in &arrivals {
                assert_eq!(
                    seen.first_time(arriving),
                    timeline.insert_received(arriving),
                    "limit {limit}, {}",
                    arriving.id
                );
            }
        }
    }
}
