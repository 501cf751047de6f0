//! The timeline's tests: order, dedup, bounds, history, trust, held signatures, deletions.

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
    // Saved a minute ago, all at one millisecond: they keep the order given.
    let then = Utc::now() - chrono::TimeDelta::seconds(60);
    let saved = |id: &str| Tweet {
        received_at: then,
        ..tweet(id)
    };
    let entry = |id: &str| HistoryEntry {
        tweet: saved(id),
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
            ..saved(id)
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
fn keys_follow_entries_and_insertions_are_logged() {
    let mut timeline = Timeline::with_limit(3);
    timeline.insert_received(&tweet("a"));
    let a = timeline.key(0).expect("held");
    let mark = timeline.insertions();
    timeline.insert_received(&tweet("b"));
    timeline.insert_received(&tweet("a"));
    assert_eq!(
        timeline.insertions(),
        mark + 1,
        "a duplicate is no insertion"
    );
    timeline.extend_older([HistoryEntry {
        tweet: Tweet {
            received_at: Utc::now() - chrono::TimeDelta::seconds(60),
            ..tweet("old")
        },
        own: false,
        delivery: Delivery::Received,
    }]);
    let landed: Vec<usize> = timeline
        .inserted_since(mark)
        .map(Iterator::collect)
        .unwrap_or_default();
    assert_eq!(landed, [0, 2], "the newer at the front, the older below");
    assert_eq!(timeline.position(a), Some(1));
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
