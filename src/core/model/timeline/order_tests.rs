//! The timeline's order by the time written (PROTOCOL.md 4.1): late,
//! backlogged, future-dated and undated tweets, ties, eviction, and the
//! keys views hold across an insertion in the middle.

use super::*;
use chrono::{DateTime, Utc};

/// A moment `seconds` after a fixed start.
fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap_or_default()
}

/// Tweet `id`, written at `written` (None: no `ts`), arrived at `arrived`.
fn tweet(id: &str, written: Option<i64>, arrived: i64) -> Tweet {
    Tweet {
        quote: None,
        deferred_signature: None,
        id: id.to_owned(),
        user: Some("ann".into()),
        text: format!("text {id}"),
        tags: vec!["t".into()],
        sent_at: written.map(at),
        received_at: at(arrived),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    }
}

fn ids(timeline: &Timeline) -> Vec<&str> {
    timeline.iter().map(TimelineEntry::id).collect()
}

#[test]
fn a_retained_old_tweet_arriving_after_newer_ones_sorts_below_them() {
    let mut timeline = Timeline::default();
    timeline.insert_received(&tweet("a", Some(100), 100));
    timeline.insert_received(&tweet("b", Some(101), 101));
    // Retained 16 minutes ago, handed over on a subscribe just now.
    timeline.insert_received(&tweet("retained", Some(102 - 16 * 60), 102));
    assert_eq!(ids(&timeline), ["b", "a", "retained"]);
    assert_eq!(
        timeline.last_inserted().map(TimelineEntry::id),
        Some("retained")
    );
}

#[test]
fn a_persistent_session_backlog_in_a_burst_sorts_by_time_written() {
    let mut timeline = Timeline::default();
    timeline.insert_received(&tweet("before", Some(0), 0));
    timeline.insert_received(&tweet("live", Some(500), 500));
    // Queued by the broker while away, delivered at once, not in order.
    for (id, written) in [("q1", 100), ("q3", 300), ("q2", 200), ("q4", 400)] {
        timeline.insert_received(&tweet(id, Some(written), 501));
    }
    assert_eq!(ids(&timeline), ["live", "q4", "q3", "q2", "q1", "before"]);
}

#[test]
fn a_future_dated_tweet_is_capped_at_its_arrival() {
    let mut timeline = Timeline::default();
    // Dated a day ahead: sorts as written at its arrival (second 10).
    timeline.insert_received(&tweet("future", Some(10 + 86_400), 10));
    timeline.insert_received(&tweet("later", Some(11), 11));
    timeline.insert_received(&tweet("earlier", Some(9), 12));
    assert_eq!(ids(&timeline), ["later", "future", "earlier"]);
    assert_eq!(
        timeline.get(1).map(TimelineEntry::shown_time),
        Some(at(10)),
        "order and shown time agree"
    );
}

#[test]
fn a_classic_tweet_without_ts_sorts_by_its_arrival() {
    let mut timeline = Timeline::default();
    timeline.insert_received(&tweet("written-5", Some(5), 30));
    let classic = Tweet {
        format: WireFormat::Classic,
        text: "carol: hi".into(),
        ..tweet("classic", None, 20)
    };
    timeline.insert_received(&classic);
    timeline.insert_received(&tweet("written-25", Some(25), 31));
    assert_eq!(ids(&timeline), ["written-25", "classic", "written-5"]);
}

#[test]
fn ties_keep_arrival_order_with_history_below() {
    let mut timeline = Timeline::default();
    timeline.insert_received(&tweet("first", Some(7), 7));
    timeline.insert_received(&tweet("second", Some(7), 7));
    let history = |id: &str| HistoryEntry {
        tweet: tweet(id, Some(7), 7),
        own: false,
        delivery: Delivery::Received,
    };
    // History comes newest first, and went before anything live.
    timeline.extend_older([history("saved-newer"), history("saved-older")]);
    timeline.insert_received(&tweet("third", Some(7), 7));
    assert_eq!(
        ids(&timeline),
        ["third", "second", "first", "saved-newer", "saved-older"]
    );
}

#[test]
fn history_takes_its_place_by_time_among_live_tweets() {
    let mut timeline = Timeline::default();
    timeline.insert_received(&tweet("live", Some(50), 50));
    timeline.insert_received(&tweet("late", Some(10), 51));
    let saved = [40, 20, 5].map(|written| HistoryEntry {
        tweet: tweet(&format!("saved-{written}"), Some(written), written),
        own: false,
        delivery: Delivery::Received,
    });
    timeline.extend_older(saved);
    assert_eq!(
        ids(&timeline),
        ["live", "saved-40", "saved-20", "late", "saved-5"]
    );
}

#[test]
fn eviction_drops_the_oldest_by_shown_time() {
    let mut timeline = Timeline::with_limit(3);
    for (id, written) in [("w10", 10), ("w30", 30), ("w20", 20)] {
        timeline.insert_received(&tweet(id, Some(written), 40));
    }
    // Full: a late tweet in the middle pushes out the oldest written.
    assert!(timeline.insert_received(&tweet("w25", Some(25), 41)));
    assert_eq!(ids(&timeline), ["w30", "w25", "w20"]);
    assert!(!timeline.contains("w10"));
    // Older than everything a full timeline holds: not taken in at all.
    assert!(!timeline.insert_received(&tweet("w1", Some(1), 42)));
    assert_eq!(ids(&timeline), ["w30", "w25", "w20"]);
    assert!(!timeline.contains("w1"));
    assert_eq!(timeline.last_inserted().map(TimelineEntry::id), Some("w25"));
}

#[test]
fn keys_find_their_entries_after_an_insertion_in_the_middle() {
    let mut timeline = Timeline::default();
    for n in 0..5 {
        timeline.insert_received(&tweet(&format!("n{n}"), Some(n * 10), n * 10));
    }
    let keys: Vec<RowKey> = (0..5).filter_map(|i| timeline.key(i)).collect();
    let mark = timeline.insertions();
    // Written at 25: lands at index 2, between n3 (30) and n2 (20).
    timeline.insert_received(&tweet("late", Some(25), 60));
    let landed: Vec<usize> = timeline
        .inserted_since(mark)
        .map(Iterator::collect)
        .unwrap_or_default();
    assert_eq!(landed, [2]);
    let found: Vec<Option<usize>> = keys.iter().map(|k| timeline.position(*k)).collect();
    assert_eq!(found, [Some(0), Some(1), Some(3), Some(4), Some(5)]);
    assert_eq!(timeline.get(3).map(TimelineEntry::id), Some("n2"));
    // What sorts above the newest seen at the top: only newer tweets.
    let top = keys[0];
    assert_eq!(timeline.count_above(top), 0, "the late one is not new");
    timeline.insert_received(&tweet("fresh", Some(61), 61));
    assert_eq!(timeline.count_above(top), 1);
}

#[test]
fn a_dropped_key_is_found_nowhere() {
    let mut timeline = Timeline::with_limit(2);
    timeline.insert_received(&tweet("old", Some(1), 1));
    let old = timeline.key(0).expect("held");
    timeline.insert_received(&tweet("mid", Some(2), 2));
    timeline.insert_received(&tweet("new", Some(3), 3));
    assert_eq!(timeline.position(old), None);
    assert_eq!(ids(&timeline), ["new", "mid"]);
}
