//! The timeline model: newest first, each tweet once, bounded.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher as _, RandomState};

use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::model::interner::Interner;
use crate::core::model::tweet::{Tweet, WireFormat};

/// How far back (entries, time) a classic or raw tweet is looked for to show it once.
pub const IDLESS_LOOKBACK: usize = 64;
pub const IDLESS_WINDOW: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

pub use crate::core::model::timeline_entry::{
    Delivery, HistoryEntry, SignatureState, TimelineEntry,
};

/// What a deletion did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    Deleted,
    /// Signed by another key than the tweet's (or the tweet is unsigned):
    /// ignored.
    OtherKey,
    /// No such tweet here (yet).
    Unknown,
}

/// Which end of the timeline a tweet joins.
#[derive(Clone, Copy)]
enum End {
    Newest,
    Oldest,
}

#[derive(Debug)]
pub struct Timeline {
    /// Front is newest.
    entries: VecDeque<TimelineEntry>,
    /// Keys of the ids held: 64-bit digests under a per-timeline random key,
    /// so each id is stored once (in its entry). Two different ids share a
    /// key with odds of about n²/2⁶⁵ (3·10⁻⁸ for a million tweets), and
    /// nobody outside can aim for it.
    ids: HashSet<u64>,
    id_keys: RandomState,
    /// The shared copies of authors and hashtags the entries point at.
    interner: Interner,
    limit: usize,
    /// The sequence number of the front entry; entry `i` has `newest_seq - i`.
    /// Stable while entries shift, so views can keep state per entry.
    newest_seq: u64,
}

pub const DEFAULT_TIMELINE_LIMIT: usize = 10_000;

impl Default for Timeline {
    fn default() -> Self {
        Self::with_limit(DEFAULT_TIMELINE_LIMIT)
    }
}

impl Timeline {
    pub fn with_limit(limit: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            ids: HashSet::new(),
            id_keys: RandomState::new(),
            interner: Interner::default(),
            limit: limit.max(1),
            // Room below for history appended at the back.
            newest_seq: 1 << 48,
        }
    }

    /// Adds a tweet that arrived from the broker. Returns false when the same
    /// id is already shown (a tweet under several followed hashtags arrives
    /// once per hashtag).
    pub fn insert_received(&mut self, tweet: &Tweet) -> bool {
        self.insert(tweet, false, Delivery::Received)
    }

    /// Adds a tweet written here, before the broker has it.
    pub fn insert_own(&mut self, tweet: &Tweet) -> bool {
        self.insert(tweet, true, Delivery::Pending)
    }

    fn insert(&mut self, tweet: &Tweet, own: bool, delivery: Delivery) -> bool {
        let key = self.id_key(&tweet.id);
        if self.ids.contains(&key) || self.merge_idless_copy(tweet, End::Newest) {
            return false;
        }
        self.ids.insert(key);
        if !self.entries.is_empty() {
            self.newest_seq += 1;
        }
        let entry = TimelineEntry::new(tweet, own, delivery, &mut self.interner);
        self.entries.push_front(entry);
        while self.entries.len() > self.limit {
            if let Some(oldest) = self.entries.pop_back() {
                let key = self.id_key(oldest.id());
                self.ids.remove(&key);
            }
        }
        true
    }

    /// Classic and raw payloads carry no id: the same author and text seen
    /// again moments later is taken as the same tweet under another hashtag
    /// (or our own classic tweet coming back), and shown once. Copies are
    /// looked for among the newest entries, or the oldest for `End::Oldest`
    /// (history loaded at start-up).
    fn merge_idless_copy(&mut self, tweet: &Tweet, end: End) -> bool {
        if tweet.format == WireFormat::Chirp {
            return false;
        }
        let len = self.entries.len();
        let is_copy = |e: &TimelineEntry| is_idless_copy(e, tweet);
        let found = match end {
            End::Newest => self.entries.iter().take(IDLESS_LOOKBACK).position(is_copy),
            End::Oldest => self
                .entries
                .iter()
                .rev()
                .take(IDLESS_LOOKBACK)
                .position(is_copy)
                .map(|from_back| len - 1 - from_back),
        };
        let Some(index) = found else { return false };
        let tags = tweet.tags.iter().map(String::as_str);
        self.entries[index].add_tags(tags, &mut self.interner);
        true
    }

    /// Appends entries older than everything shown (history loaded at
    /// start-up, newest first) at the back, up to the limit. Ids already
    /// shown are skipped, and idless copies are merged as on arrival, so a
    /// restart shows what was shown before it.
    pub fn extend_older(&mut self, entries: impl IntoIterator<Item = HistoryEntry>) {
        for entry in entries {
            if self.entries.len() >= self.limit {
                break;
            }
            let key = self.id_key(&entry.tweet.id);
            if self.ids.contains(&key) || self.merge_idless_copy(&entry.tweet, End::Oldest) {
                continue;
            }
            self.ids.insert(key);
            let held =
                TimelineEntry::new(&entry.tweet, entry.own, entry.delivery, &mut self.interner);
            self.entries.push_back(held);
        }
    }

    /// Whether a tweet with this id is held.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(&self.id_key(id))
    }

    fn id_key(&self, id: &str) -> u64 {
        self.id_keys.hash_one(id)
    }

    /// The broker acknowledged one of our tweets.
    pub fn mark_acknowledged(&mut self, id: &str) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id() == id) {
            entry.delivery = Delivery::Acknowledged;
        }
    }

    /// Judges the signed tweets of `user` again with `judge` (the person
    /// trusted or forgot a key); returns how many changed.
    pub fn rejudge(&mut self, user: &str, judge: impl Fn(&AuthorKey) -> Trust) -> usize {
        let mut changed = 0;
        for entry in self.entries.iter_mut().filter(|e| e.user() == Some(user)) {
            if let Some(signed) = entry.signed() {
                let trust = judge(&signed.key);
                if trust != signed.trust {
                    entry.set_trust(trust);
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Shown entries with a deferred signature among `rows` (indices, as
    /// `get` takes them): each is marked as being checked and handed back
    /// once, for the signature checker.
    pub fn begin_checks(&mut self, rows: std::ops::Range<usize>) -> Vec<Tweet> {
        let end = rows.end.min(self.entries.len());
        let start = rows.start.min(end);
        self.entries
            .range_mut(start..end)
            .filter(|entry| entry.signature_state() == SignatureState::Deferred)
            .map(|entry| {
                entry.set_checking();
                entry.to_tweet()
            })
            .collect()
    }

    /// The checker's answer for the tweet `id`: a forged one is kept out
    /// of sight from now on. Returns whether an entry held that signature.
    /// (A walk over the entries: answers come for the few tweets shown.)
    pub fn settle_signature(&mut self, id: &str, verified: bool) -> bool {
        let Some(entry) = self
            .entries
            .iter_mut()
            .find(|e| e.signature_state().is_held() && e.id() == id)
        else {
            return false;
        };
        entry.settle_signature(verified);
        true
    }

    /// A deletion of tweet `id` signed by `key`: honoured only when the
    /// tweet was signed by that same key.
    pub fn delete(&mut self, id: &str, key: &AuthorKey) -> Deletion {
        if !self.ids.contains(&self.id_key(id)) {
            return Deletion::Unknown;
        }
        let Some(entry) = self.entries.iter_mut().find(|e| e.id() == id) else {
            return Deletion::Unknown;
        };
        if entry.signed().is_none_or(|signed| signed.key != *key) {
            return Deletion::OtherKey;
        }
        entry.delete();
        Deletion::Deleted
    }

    /// The entry with this id, if held (and not forged).
    pub fn find(&self, id: &str) -> Option<&TimelineEntry> {
        if !self.ids.contains(&self.id_key(id)) {
            return None;
        }
        self.iter().find(|entry| entry.id() == id)
    }

    /// Newest first, without the forged ones (see `SignatureState`).
    pub fn iter(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.entries
            .iter()
            .filter(|entry| entry.signature_state() != SignatureState::Forged)
    }

    pub fn get(&self, index: usize) -> Option<&TimelineEntry> {
        self.entries.get(index)
    }

    /// The sequence number of the newest entry (see `newest_seq` field).
    pub fn newest_seq(&self) -> u64 {
        self.newest_seq
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn pending_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.delivery == Delivery::Pending)
            .count()
    }
}

/// Same author and text moments apart, neither with an id of its own.
fn is_idless_copy(shown: &TimelineEntry, arriving: &Tweet) -> bool {
    shown.format() != WireFormat::Chirp
        && shown.user() == arriving.user.as_deref()
        && shown.text() == arriving.text
        && (arriving.received_at - shown.received_at()).abs() <= IDLESS_WINDOW
}

#[cfg(test)]
mod tests;
