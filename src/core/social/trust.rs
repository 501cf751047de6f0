//! Trust on first use: the first key seen signing for a name is pinned to
//! it; later payloads signed by that key are verified, by another key are
//! somebody else using the name. The person can trust a new key (it replaces
//! the pin) or forget one. Bounded: at most `MAX_PINS` names, the one seen
//! least recently goes first.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::core::model::author_key::{AuthorKey, Trust};

/// Names pinned at most; about 100 bytes each in memory and on disk.
pub const MAX_PINS: usize = 10_000;

/// The key pinned for a name, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub user: String,
    pub key: AuthorKey,
    pub first_seen: DateTime<Utc>,
    /// The last time that key signed something here (what eviction goes by).
    pub last_seen: DateTime<Utc>,
}

impl Pin {
    /// `key` pinned for `user`, seen first and last `now`.
    pub fn new(user: &str, key: &AuthorKey, now: DateTime<Utc>) -> Self {
        Self {
            user: user.to_owned(),
            key: *key,
            first_seen: now,
            last_seen: now,
        }
    }
}

/// What changed in the pins, for the store to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinChange {
    Pinned(Pin),
    Forgotten(String),
}

#[derive(Debug, Default)]
pub struct Pins {
    by_user: HashMap<String, Pin>,
}

impl Pins {
    /// Pins loaded from the store (the newest `MAX_PINS` kept).
    pub fn from_saved(saved: impl IntoIterator<Item = Pin>) -> Self {
        let mut pins = Self::default();
        for pin in saved {
            pins.insert(pin);
        }
        pins
    }

    pub fn get(&self, user: &str) -> Option<&Pin> {
        self.by_user.get(user)
    }

    pub fn len(&self) -> usize {
        self.by_user.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_user.is_empty()
    }

    /// What a good signature by `key` for `user` means here; a new name
    /// is pinned (the change comes back to be stored). A seen key's
    /// `last_seen` moves in memory only: writing it for every tweet would
    /// cost a write per tweet for an eviction order.
    pub fn judge(
        &mut self,
        user: &str,
        key: &AuthorKey,
        now: DateTime<Utc>,
    ) -> (Trust, Option<PinChange>) {
        match self.by_user.get_mut(user) {
            Some(pin) if pin.key == *key => {
                pin.last_seen = now;
                (Trust::Verified, None)
            }
            Some(_) => (Trust::KeyChanged, None),
            None => {
                let pin = Pin::new(user, key, now);
                self.insert(pin.clone());
                (Trust::NewKey, Some(PinChange::Pinned(pin)))
            }
        }
    }

    /// What `key` is for `user` without pinning anything (a reloaded
    /// tweet, a card drawn again).
    pub fn trust_of(&self, user: &str, key: &AuthorKey) -> Trust {
        match self.by_user.get(user) {
            Some(pin) if pin.key == *key => Trust::Verified,
            Some(_) => Trust::KeyChanged,
            None => Trust::NewKey,
        }
    }

    /// The person said this key is `user` now: it replaces the pin.
    pub fn trust_key(&mut self, user: &str, key: &AuthorKey, now: DateTime<Utc>) -> PinChange {
        let pin = Pin::new(user, key, now);
        self.insert(pin.clone());
        PinChange::Pinned(pin)
    }

    /// Forgets the key of `user`: the next one seen is pinned afresh.
    pub fn forget(&mut self, user: &str) -> Option<PinChange> {
        self.by_user
            .remove(user)
            .map(|pin| PinChange::Forgotten(pin.user))
    }

    fn insert(&mut self, pin: Pin) {
        if !self.by_user.contains_key(&pin.user) && self.by_user.len() >= MAX_PINS {
            let quietest = self
                .by_user
                .values()
                .min_by_key(|pin| pin.last_seen)
                .map(|pin| pin.user.clone());
            if let Some(user) = quietest {
                self.by_user.remove(&user);
            }
        }
        self.by_user.insert(pin.user.clone(), pin);
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;

    fn key(byte: u8) -> AuthorKey {
        AuthorKey::from_bytes([byte; 32])
    }

    #[test]
    fn first_key_pinned_then_verified_and_another_key_flagged() {
        let mut pins = Pins::default();
        let now = Utc::now();
        let (trust, change) = pins.judge("alice", &key(1), now);
        assert_eq!(trust, Trust::NewKey);
        assert!(matches!(change, Some(PinChange::Pinned(ref p)) if p.key == key(1)));
        assert_eq!(pins.judge("alice", &key(1), now), (Trust::Verified, None));
        assert_eq!(
            pins.judge("alice", &key(2), now),
            (Trust::KeyChanged, None),
            "an impostor is never pinned over the real one"
        );
        assert_eq!(pins.get("alice").map(|p| p.key), Some(key(1)));
        assert_eq!(pins.trust_of("alice", &key(2)), Trust::KeyChanged);
    }

    #[test]
    fn trusting_a_new_key_replaces_the_pin_and_forgetting_clears_it() {
        let mut pins = Pins::default();
        let now = Utc::now();
        pins.judge("bob", &key(1), now);
        pins.trust_key("bob", &key(2), now);
        assert_eq!(pins.judge("bob", &key(2), now).0, Trust::Verified);
        assert_eq!(pins.judge("bob", &key(1), now).0, Trust::KeyChanged);
        assert_eq!(pins.forget("bob"), Some(PinChange::Forgotten("bob".into())));
        assert_eq!(pins.judge("bob", &key(1), now).0, Trust::NewKey);
        assert_eq!(pins.forget("nobody"), None);
    }

    #[test]
    fn bounded_and_the_quietest_name_goes_first() {
        let start = Utc::now();
        let saved = (0..MAX_PINS).map(|i| Pin {
            user: format!("u{i}"),
            key: key(1),
            first_seen: start,
            last_seen: start + Duration::seconds(i64::try_from(i).unwrap_or(0)),
        });
        let mut pins = Pins::from_saved(saved);
        // u0 speaks again: u1 is now the quietest.
        pins.judge("u0", &key(1), start + Duration::days(1));
        pins.judge("newcomer", &key(9), start + Duration::days(1));
        assert_eq!(pins.len(), MAX_PINS);
        assert!(pins.get("u0").is_some() && pins.get("newcomer").is_some());
        assert!(pins.get("u1").is_none());
    }
}
