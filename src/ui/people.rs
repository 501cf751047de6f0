//! The UI's mirror of the people the worker knows by key: the key pinned
//! for each name (as `NetEvent::PinChanged` reports it, or `load`ed at
//! start), and the other keys seen signing under a name (bounded), so a
//! card and the person card can say which key is whose.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use crate::core::model::author_key::{AuthorKey, Signed, Trust};
use crate::core::social::profile::Profiles;
use crate::core::social::trust::{Pin, PinChange, Pins};

/// Names whose other keys are remembered, at most.
pub const MAX_SIGHTED_NAMES: usize = 1_000;
/// Other keys remembered per name, at most (the newest kept).
pub const MAX_KEYS_PER_NAME: usize = 4;

#[derive(Debug, Default)]
pub struct People {
    pins: Pins,
    /// Keys other than the pinned one seen signing under a name.
    others: HashMap<String, Vec<AuthorKey>>,
    /// The names in `others`, oldest sighting first, to evict by.
    sighted: VecDeque<String>,
    /// Everyone's signed profile (judged by the worker): display names,
    /// bios, and the keys messages are sealed to.
    pub profiles: Profiles,
}

impl People {
    /// The pins saved by the worker, handed over at start
    /// (`NetEvent::Pins(pins) => self.people.load(pins)` in `app/events.rs`).
    pub fn load(&mut self, pins: Vec<Pin>) {
        for pin in pins {
            self.pin(&pin);
        }
    }

    /// The display name `user` gave in a profile signed by their pinned
    /// key, if any.
    pub fn display_name(&self, user: &str) -> Option<&str> {
        let profile = self.profiles.get(user)?;
        let theirs = self
            .pinned(user)
            .is_some_and(|pin| pin.key == profile.signed.key);
        Some(profile.about.display_name.as_str()).filter(|name| theirs && !name.trim().is_empty())
    }

    pub fn pinned(&self, user: &str) -> Option<&Pin> {
        self.pins.get(user)
    }

    /// Keys other than the pinned one seen signing for `user`, oldest first.
    pub fn other_keys(&self, user: &str) -> &[AuthorKey] {
        self.others.get(user).map(Vec::as_slice).unwrap_or_default()
    }

    /// What `key` is for `user` by the pins held here.
    pub fn trust_of(&self, user: &str, key: &AuthorKey) -> Trust {
        self.pins.trust_of(user, key)
    }

    /// A tweet arrived: a key other than the name's is remembered.
    pub fn saw(&mut self, user: &str, signed: Option<Signed>) {
        if let Some(signed) = signed.filter(|s| s.trust == Trust::KeyChanged) {
            self.sighted_key(user, signed.key);
        }
    }

    /// What the worker reports. Returns the name whose cards must be
    /// judged again: a pin replaced by another key, or forgotten. A name
    /// pinned on first use needs none (its tweet arrives judged).
    pub fn pin_changed(&mut self, change: PinChange) -> Option<String> {
        match change {
            PinChange::Pinned(pin) => self.pin(&pin).then_some(pin.user),
            PinChange::Forgotten(user) => self.forget(&user).then_some(user),
        }
    }

    /// The person trusts `key` for `user` (before the worker confirms).
    /// True when it replaced another key.
    pub fn trust(&mut self, user: &str, key: AuthorKey, now: DateTime<Utc>) -> bool {
        self.pin(&Pin {
            user: user.to_owned(),
            key,
            first_seen: now,
            last_seen: now,
        })
    }

    /// Forgets the key of `user`; true when one was pinned.
    pub fn forget(&mut self, user: &str) -> bool {
        self.others.remove(user);
        self.sighted.retain(|name| name != user);
        self.pins.forget(user).is_some()
    }

    /// Pins `pin.key` for its name: no longer "another" key, while the
    /// key it replaces becomes one (it may be trusted back). True when it
    /// replaced another key.
    fn pin(&mut self, pin: &Pin) -> bool {
        let previous = self.pins.get(&pin.user).map(|old| old.key);
        if previous == Some(pin.key) {
            return false;
        }
        self.pins.trust_key(&pin.user, &pin.key, pin.first_seen);
        self.drop_other(&pin.user, &pin.key);
        let Some(previous) = previous else {
            return false;
        };
        self.sighted_key(&pin.user, previous);
        true
    }

    fn drop_other(&mut self, user: &str, key: &AuthorKey) {
        if let Some(keys) = self.others.get_mut(user) {
            keys.retain(|other| other != key);
        }
    }

    fn sighted_key(&mut self, user: &str, key: AuthorKey) {
        if !self.others.contains_key(user) {
            while self.sighted.len() >= MAX_SIGHTED_NAMES {
                if let Some(oldest) = self.sighted.pop_front() {
                    self.others.remove(&oldest);
                }
            }
            self.sighted.push_back(user.to_owned());
        }
        let keys = self.others.entry(user.to_owned()).or_default();
        if keys.contains(&key) {
            return;
        }
        if keys.len() >= MAX_KEYS_PER_NAME {
            keys.remove(0);
        }
        keys.push(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> AuthorKey {
        AuthorKey::from_bytes([byte; 32])
    }

    fn pin(user: &str, byte: u8) -> PinChange {
        PinChange::Pinned(Pin {
            user: user.into(),
            key: key(byte),
            first_seen: Utc::now(),
            last_seen: Utc::now(),
        })
    }

    fn changed(byte: u8) -> Option<Signed> {
        Some(Signed {
            key: key(byte),
            trust: Trust::KeyChanged,
        })
    }

    #[test]
    fn first_use_needs_no_rejudging_but_a_replaced_or_forgotten_pin_does() {
        let mut people = People::default();
        assert_eq!(people.pin_changed(pin("alice", 1)), None);
        assert_eq!(people.pin_changed(pin("alice", 1)), None, "same key again");
        people.saw("alice", changed(2));
        assert_eq!(people.other_keys("alice"), [key(2)]);
        assert_eq!(people.pin_changed(pin("alice", 2)), Some("alice".into()));
        assert_eq!(people.trust_of("alice", &key(2)), Trust::Verified);
        assert_eq!(
            people.other_keys("alice"),
            [key(1)],
            "the old key is now another"
        );
        let forgotten = PinChange::Forgotten("alice".into());
        assert_eq!(people.pin_changed(forgotten.clone()), Some("alice".into()));
        assert_eq!(people.pin_changed(forgotten), None, "nothing to forget");
        assert_eq!(people.trust_of("alice", &key(2)), Trust::NewKey);
    }

    #[test]
    fn trusting_a_key_keeps_the_old_one_as_another() {
        let mut people = People::default();
        people.load(vec![Pin {
            user: "bob".into(),
            key: key(1),
            first_seen: Utc::now(),
            last_seen: Utc::now(),
        }]);
        people.saw("bob", changed(2));
        people.trust("bob", key(2), Utc::now());
        assert_eq!(people.pinned("bob").map(|p| p.key), Some(key(2)));
        assert_eq!(people.other_keys("bob"), [key(1)]);
        assert_eq!(people.trust_of("bob", &key(1)), Trust::KeyChanged);
    }

    #[test]
    fn sightings_are_bounded() {
        let mut people = People::default();
        for byte in 0..10 {
            people.saw("eve", changed(byte));
        }
        assert_eq!(people.other_keys("eve"), [key(6), key(7), key(8), key(9)]);
        for i in 0..MAX_SIGHTED_NAMES + 5 {
            people.saw(&format!("u{i}"), changed(1));
        }
        assert_eq!(people.others.len(), MAX_SIGHTED_NAMES);
        assert!(people.other_keys("eve").is_empty(), "the oldest went first");
        assert_eq!(people.sighted.len(), MAX_SIGHTED_NAMES);
    }
}
