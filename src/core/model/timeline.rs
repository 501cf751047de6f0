//! The timeline model: newest first by the time written (capped at the
//! arrival), each tweet once, bounded.

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
pub use order::RowKey;
use order::{InsertLog, Numbers};

mod order;

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

#[derive(Debug)]
pub struct Timeline {
    /// Sorted by `RowKey`, greatest (newest) at the front.
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
    /// The numbers the next entries get (see `RowKey`).
    numbers: Numbers,
    /// Where the latest insertions went, for the views.
    log: InsertLog,
    /// The key of the entry the last insertion took in.
    last_inserted: Option<RowKey>,
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
            numbers: Numbers::default(),
            log: InsertLog::default(),
            last_inserted: None,
        }
    }

    /// Adds a tweet that arrived from the broker, in its place by shown
    /// time (PROTOCOL.md 4.1). Returns false when it is not held: the same
    /// id is already shown (a tweet under several followed hashtags
    /// arrives once per hashtag), or the timeline is full of newer ones.
    pub fn insert_received(&mut self, tweet: &Tweet) -> bool {
        self.insert(tweet, false, Delivery::Received)
    }

    /// Adds a tweet written here, before the broker has it.
    pub fn insert_own(&mut self, tweet: &Tweet) -> bool {
        self.insert(tweet, true, Delivery::Pending)
    }

    fn insert(&mut self, tweet: &Tweet, own: bool, delivery: Delivery) -> bool {
        let key = RowKey {
            shown_millis: RowKey::shown_millis(tweet.sent_at, tweet.received_at),
            // Above everything held with the same time: it arrived last.
            seq: self.numbers.next_newer(),
        };
        self.hold(tweet, key, own, delivery)
    }

    /// Takes `tweet` in at the place of `key`, unless its id is held, it
    /// is a copy of an idless tweet held near that place, or a full
    /// timeline holds only newer ones.
    fn hold(&mut self, tweet: &Tweet, key: RowKey, own: bool, delivery: Delivery) -> bool {
        let id_key = self.id_key(&tweet.id);
        if self.ids.contains(&id_key) {
            return false;
        }
        let at = self.place_of(key);
        if self.merge_idless_copy(tweet, at) || at >= self.limit {
            return false;
        }
        self.ids.insert(id_key);
        let entry = TimelineEntry::new(tweet, own, delivery, &mut self.interner).numbered(key.seq);
        // A memmove of the shorter side: nothing for the usual arrival at
        // the front or history at the back, at most half the entries for
        // one that lands in the middle (PROTOCOL.md 4.1).
        self.entries.insert(at, entry);
        self.log.record(at);
        self.last_inserted = Some(key);
        while self.entries.len() > self.limit {
            if let Some(oldest) = self.entries.pop_back() {
                let key = self.id_key(oldest.id());
                self.ids.remove(&key);
            }
        }
        true
    }

    /// The index an entry with `key` goes to: below every entry that sorts
    /// above it.
    fn place_of(&self, key: RowKey) -> usize {
        let (Some(newest), Some(oldest)) = (self.entries.front(), self.entries.back()) else {
            return 0;
        };
        // Most arrivals are the newest, and most history (and a narrowed
        // view filled from the main timeline) the oldest: no search.
        if newest.key() < key {
            0
        } else if oldest.key() > key {
            self.entries.len()
        } else {
            self.entries.partition_point(|entry| entry.key() > key)
        }
    }

    /// Classic and raw payloads carry no id: the same author and text seen
    /// again moments later is taken as the same tweet under another hashtag
    /// (or our own classic tweet coming back), and shown once. Copies are
    /// looked for among the entries next to `at`, where the tweet would go:
    /// the newest for one arriving, the oldest for history loaded at
    /// start-up.
    fn merge_idless_copy(&mut self, tweet: &Tweet, at: usize) -> bool {
        if tweet.format == WireFormat::Chirp {
            return false;
        }
        let start = at.saturating_sub(IDLESS_LOOKBACK);
        let end = at.saturating_add(IDLESS_LOOKBACK).min(self.entries.len());
        let found = (self.entries.range(start..end))
            .position(|entry| is_idless_copy(entry, tweet))
            .map(|offset| start + offset);
        let Some(index) = found else { return false };
        let tags = tweet.tags.iter().map(String::as_str);
        self.entries[index].add_tags(tags, &mut self.interner);
        true
    }

    /// Adds history loaded at start-up (newest first), each below what
    /// arrived live at the same time, up to the limit. Ids already shown
    /// are skipped, and idless copies are merged as on arrival, so a
    /// restart shows what was shown before it.
    pub fn extend_older(&mut self, entries: impl IntoIterator<Item = HistoryEntry>) {
        for entry in entries {
            let tweet = &entry.tweet;
            let key = RowKey {
                shown_millis: RowKey::shown_millis(tweet.sent_at, tweet.received_at),
                seq: self.numbers.next_older(),
            };
            self.hold(tweet, key, entry.own, entry.delivery);
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

    /// The key of the entry at `index`, for a view to find it again.
    pub fn key(&self, index: usize) -> Option<RowKey> {
        self.entries.get(index).map(TimelineEntry::key)
    }

    /// Where the entry with `key` is now, if still held (a binary search).
    pub fn position(&self, key: RowKey) -> Option<usize> {
        let at = self.count_above(key);
        (self.key(at) == Some(key)).then_some(at)
    }

    /// How many entries sort above `key`: the tweets newer than it.
    pub fn count_above(&self, key: RowKey) -> usize {
        match self.entries.front() {
            // The newest (most look-ups: the tweet just taken in, the top
            // row seen): no search over entries far apart in memory.
            Some(newest) if newest.key() <= key => 0,
            _ => self.entries.partition_point(|entry| entry.key() > key),
        }
    }

    /// The entry the latest insertion took in, if still held.
    pub fn last_inserted(&self) -> Option<&TimelineEntry> {
        self.get(self.position(self.last_inserted?)?)
    }

    /// How many insertions were ever made: a mark for `inserted_since`.
    pub fn insertions(&self) -> u64 {
        self.log.count()
    }

    /// The index each insertion since `mark` went to, in order (each as
    /// counted when it was made); None when too many were made since.
    pub fn inserted_since(&self, mark: u64) -> Option<impl Iterator<Item = usize> + '_> {
        self.log.since(mark)
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
mod order_tests;
#[cfg(test)]
mod tests;
