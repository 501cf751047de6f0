//! The timeline model: newest first, each tweet once, bounded.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher as _, RandomState};

use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::model::interner::Interner;
use crate::core::model::tweet::{Tweet, WireFormat};

/// How far back (entries, time) a classic or raw tweet is looked for to show it once.
const IDLESS_LOOKBACK: usize = 64;
const IDLESS_WINDOW: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

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
mod tests {
    use super::*;
    use chrono::Utc;

    fn tweet(id: &str) -> Tweet {
        Tweet {
            quote: None,
            deferred_signature: None,
            id: id.to_owned(),
            user: Some("u".into()),
            text: format!("text {id}"),
            tags: vec!["t".into()],
            sent_at: None,
            received_at: Utc::now(),
            format: WireFormat::Chirp,
            reply_to: None,
            signed: None,
        }
    }

    #[test]
    fn newest_first_and_each_id_once() {
        let mut timeline = Timeline::default();
        assert!(timeline.insert_received(&tweet("a")));
        assert!(timeline.insert_received(&tweet("b")));
        assert!(!timeline.insert_received(&tweet("a")));
        let ids: Vec<_> = timeline
            .iter()
            .map(super::super::timeline_entry::TimelineEntry::id)
            .collect();
        assert_eq!(ids, vec!["b", "a"]);
    }

    #[test]
    fn own_tweet_seen_back_stays_once_and_acknowledges() {
        let mut timeline = Timeline::default();
        timeline.insert_own(&tweet("mine"));
        assert_eq!(timeline.pending_count(), 1);
        assert!(!timeline.insert_received(&tweet("mine")));
        timeline.mark_acknowledged("mine");
        assert_eq!(timeline.pending_count(), 0);
        assert_eq!(
            timeline.get(0).map(|e| (e.own, e.delivery)),
            Some((true, Delivery::Acknowledged))
        );
    }

    #[test]
    fn classic_copies_under_several_tags_show_once() {
        let mut timeline = Timeline::default();
        let classic = |id: &str, tag: &str, text: &str| Tweet {
            tags: vec![tag.into()],
            text: text.into(),
            format: WireFormat::Classic,
            ..tweet(id)
        };
        assert!(timeline.insert_own(&classic("local", "a", "hi")));
        assert!(!timeline.insert_received(&classic("fresh-1", "a", "hi")));
        assert!(!timeline.insert_received(&classic("fresh-2", "b", "hi")));
        assert!(timeline.insert_received(&classic("fresh-3", "b", "other text")));
        assert_eq!(timeline.len(), 2);
        assert_eq!(
            timeline.get(1).map(|e| e.tags().collect::<Vec<_>>()),
            Some(vec!["a", "b"])
        );
    }

    #[test]
    fn older_entries_go_at_the_back_once_and_within_the_limit() {
        let mut timeline = Timeline::with_limit(4);
        timeline.insert_received(&tweet("live"));
        let entry = |id: &str| HistoryEntry {
            tweet: tweet(id),
            own: id == "own",
            delivery: if id == "own" {
                Delivery::Pending
            } else {
                Delivery::Received
            },
        };
        let classic = |id: &str, tag: &str| HistoryEntry {
            tweet: Tweet {
                tags: vec![tag.into()],
                text: "same words".into(),
                format: WireFormat::Classic,
                ..tweet(id)
            },
            own: false,
            delivery: Delivery::Received,
        };
        timeline.extend_older([
            entry("live"),
            entry("own"),
            classic("c1", "a"),
            classic("c2", "b"),
            entry("old"),
            entry("too-old"),
        ]);
        let ids: Vec<_> = timeline
            .iter()
            .map(super::super::timeline_entry::TimelineEntry::id)
            .collect();
        assert_eq!(ids, vec!["live", "own", "c1", "old"]);
        assert_eq!(timeline.pending_count(), 1);
        assert_eq!(
            timeline.get(2).map(|e| e.tags().collect::<Vec<_>>()),
            Some(vec!["a", "b"])
        );
        assert!(
            !timeline.insert_received(&tweet("old")),
            "loaded ids dedup too"
        );
    }

    #[test]
    fn sequence_numbers_follow_entries() {
        let mut timeline = Timeline::with_limit(3);
        timeline.insert_received(&tweet("a"));
        let first = timeline.newest_seq();
        timeline.insert_received(&tweet("b"));
        timeline.insert_received(&tweet("a"));
        assert_eq!(
            timeline.newest_seq(),
            first + 1,
            "a duplicate takes no number"
        );
        timeline.extend_older([HistoryEntry {
            tweet: tweet("old"),
            own: false,
            delivery: Delivery::Received,
        }]);
        assert_eq!(timeline.newest_seq(), first + 1, "older entries go below");
        assert_eq!(timeline.len(), 3);
    }

    #[test]
    fn bounded_drops_oldest() {
        let mut timeline = Timeline::with_limit(3);
        for id in ["1", "2", "3", "4", "5"] {
            timeline.insert_received(&tweet(id));
        }
        let ids: Vec<_> = timeline
            .iter()
            .map(super::super::timeline_entry::TimelineEntry::id)
            .collect();
        assert_eq!(ids, vec!["5", "4", "3"]);
        assert!(
            timeline.insert_received(&tweet("1")),
            "an evicted id may come back"
        );
    }

    #[test]
    fn rejudging_changes_only_that_users_signed_tweets() {
        let mut timeline = Timeline::default();
        let signed = |id: &str, user: &str, byte: u8| Tweet {
            user: Some(user.into()),
            signed: Some(crate::core::model::author_key::Signed {
                key: AuthorKey::from_bytes([byte; 32]),
                trust: Trust::Verified,
            }),
            ..tweet(id)
        };
        timeline.insert_received(&signed("a", "ann", 1));
        timeline.insert_received(&signed("b", "ann", 2));
        timeline.insert_received(&signed("c", "bob", 2));
        timeline.insert_received(&tweet("d"));
        let two = AuthorKey::from_bytes([2; 32]);
        let judge = |key: &AuthorKey| {
            if *key == two {
                Trust::Verified
            } else {
                Trust::KeyChanged
            }
        };
        assert_eq!(timeline.rejudge("ann", judge), 1);
        let trusts: Vec<_> = timeline
            .iter()
            .map(|e| e.signed().map(|s| s.trust))
            .collect();
        assert_eq!(
            trusts,
            [
                None,
                Some(Trust::Verified),
                Some(Trust::Verified),
                Some(Trust::KeyChanged)
            ]
        );
    }

    #[test]
    fn shown_signatures_are_checked_once_and_forged_ones_hidden() {
        use crate::core::model::author_key::{AuthorKey, DeferredSignature, Signed};
        let mut timeline = Timeline::default();
        for id in ["a", "b", "c"] {
            let mut signed = tweet(id);
            signed.signed = Some(Signed {
                key: AuthorKey::from_bytes([1; 32]),
                trust: Trust::Verified,
            });
            signed.deferred_signature = Some(DeferredSignature([2; 64]));
            timeline.insert_received(&signed);
        }
        // Newest first: "c" and "b" are on screen.
        let asked: Vec<String> = timeline
            .begin_checks(0..2)
            .into_iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(asked, ["c", "b"]);
        assert!(
            timeline.begin_checks(0..10).iter().all(|t| t.id == "a"),
            "asked once each"
        );
        assert!(timeline.settle_signature("c", true));
        assert!(timeline.settle_signature("b", false));
        assert!(!timeline.settle_signature("b", true), "settled already");
        let shown: Vec<&str> = timeline.iter().map(TimelineEntry::id).collect();
        assert_eq!(shown, ["c", "a"], "the forged one is out of sight");
        assert_eq!(
            timeline.get(1).map(TimelineEntry::signature_state),
            Some(SignatureState::Forged)
        );
    }

    #[test]
    fn only_the_tweet_s_own_key_deletes_it() {
        use crate::core::model::author_key::{AuthorKey, Signed};
        let alice = AuthorKey::from_bytes([1; 32]);
        let mallory = AuthorKey::from_bytes([2; 32]);
        let mut timeline = Timeline::default();
        let mut signed = tweet("s");
        signed.signed = Some(Signed {
            key: alice,
            trust: Trust::Verified,
        });
        timeline.insert_received(&signed);
        timeline.insert_received(&tweet("plain"));
        assert_eq!(timeline.delete("s", &mallory), Deletion::OtherKey);
        assert_eq!(
            timeline.delete("plain", &alice),
            Deletion::OtherKey,
            "unsigned"
        );
        assert_eq!(timeline.delete("nowhere", &alice), Deletion::Unknown);
        assert_eq!(timeline.get(1).map(TimelineEntry::is_deleted), Some(false));
        assert_eq!(timeline.delete("s", &alice), Deletion::Deleted);
        let gone = timeline.get(1).expect("still held");
        assert!(gone.is_deleted());
        assert_eq!((gone.id(), gone.text()), ("s", ""));
    }
}
