//! Received and own tweets: round trips, the bound, replies, migration.

use super::*;

#[test]
fn received_and_own_tweets_round_trip_with_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested/folder/history.sqlite");
    let classic = Tweet {
        format: WireFormat::Classic,
        sent_at: None,
        tags: vec!["mqtt".into()],
        ..received("classic")
    };
    let raw = Tweet {
        user: None,
        format: WireFormat::Raw,
        text: "no author; quotes ' \" and \0 inside".into(),
        ..received("raw")
    };
    let mine = outgoing("hello #rust");
    {
        let (store, opened) = Store::open(&path, 100).expect("creates");
        assert!(opened.history.is_empty() && opened.outbox.is_empty());
        assert_eq!(opened.notice, None);
        store.record_received(&received("chirp"));
        store.record_received(&classic);
        store.record_outgoing(&mine).expect("saved");
        store.record_received(&raw);
        // No flush: dropping the store writes what is queued.
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(
        opened.history,
        vec![
            entry(raw, false, Delivery::Received),
            entry(mine.tweet.clone(), true, Delivery::Pending),
            entry(classic, false, Delivery::Received),
            entry(received("chirp"), false, Delivery::Received),
        ]
    );
    assert_eq!(opened.outbox, vec![(mine.tweet.id, mine.publishes)]);
}

#[test]
fn an_in_memory_store_takes_every_kind_of_write() {
    let (store, opened) = Store::open_in_memory(100).expect("opens");
    assert!(opened.history.is_empty() && opened.notice.is_none());
    let mine = outgoing("mine #x");
    store.record_outgoing(&mine).expect("saved");
    store.record_received(&received("a"));
    store.record_acknowledged(&mine.tweet.id);
    store.flush().expect("flushed");
    assert_eq!(store.last_error(), None);
}

#[test]
fn a_redelivered_id_stays_once_where_it_first_arrived() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        for id in ["a", "b", "a"] {
            store.record_received(&received(id));
        }
        store.record_received(&Tweet {
            text: "changed".into(),
            ..received("a")
        });
        let mine = outgoing("mine #x");
        store.record_outgoing(&mine).expect("saved");
        // Our own tweet coming back from the broker stays ours.
        store.record_received(&mine.tweet);
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(ids(&opened.history)[1..], ["b", "a"]);
    assert_eq!(opened.history[0].delivery, Delivery::Pending);
    assert_eq!(opened.history[2].tweet.text, received("a").text);
}

#[test]
fn history_is_bounded_but_keeps_own_pending_tweets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let mine = outgoing("first #x");
    {
        let (store, _) = Store::open(&path, 3).expect("creates");
        store.record_outgoing(&mine).expect("saved");
        for n in 1..=5 {
            store.record_received(&received(&format!("r{n}")));
        }
        store.flush().expect("flushed");
    }
    let (store, opened) = Store::open(&path, 3).expect("reopens");
    assert_eq!(
        ids(&opened.history),
        ["r5", "r4", "r3"],
        "newest first, bounded"
    );
    drop(store);
    let (store, opened) = Store::open(&path, 10).expect("reopens");
    assert_eq!(
        ids(&opened.history),
        ["r5", "r4", "r3", mine.tweet.id.as_str()],
        "our pending tweet outlives the bound"
    );
    drop(store);

    let (store, _) = Store::open(&path, 3).expect("reopens");
    store.record_acknowledged(&mine.tweet.id);
    store.record_received(&received("r6"));
    drop(store);
    let (_store, opened) = Store::open(&path, 10).expect("reopens");
    assert_eq!(
        ids(&opened.history),
        ["r6", "r5", "r4"],
        "sent, it ages out"
    );
}

#[test]
fn the_bound_holds_batch_after_batch_and_after_a_smaller_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let count_rows = || -> i64 {
        Connection::open(&path)
            .and_then(|c| c.query_row("SELECT COUNT(*) FROM tweets", [], |r| r.get(0)))
            .expect("counts")
    };
    {
        let (store, _) = Store::open(&path, 5).expect("creates");
        for batch in 0..4 {
            for n in 0..3 {
                store.record_received(&received(&format!("b{batch}-{n}")));
            }
            store.record_received(&received("b0-0"));
            store.flush().expect("flushed");
            assert_eq!(
                count_rows(),
                (3 * (batch + 1)).min(5),
                "after batch {batch}"
            );
        }
    }
    let (store, opened) = Store::open(&path, 2).expect("reopens");
    assert_eq!(ids(&opened.history), ["b3-2", "b3-1"]);
    assert_eq!(count_rows(), 5, "trimmed at the next write, not on open");
    store.record_received(&received("last"));
    store.flush().expect("flushed");
    assert_eq!(count_rows(), 2);
}

#[test]
fn a_reply_keeps_its_parent_across_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let reply = Tweet {
        reply_to: Some(crate::core::model::tweet::ReplyTo {
            id: "parent".into(),
            user: Some("ann".into()),
        }),
        ..received("reply")
    };
    let orphan = Tweet {
        reply_to: Some(crate::core::model::tweet::ReplyTo {
            id: "gone".into(),
            user: None,
        }),
        ..received("orphan")
    };
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_received(&reply);
        store.record_received(&orphan);
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    let tweets: Vec<Tweet> = opened.history.into_iter().map(|e| e.tweet).collect();
    assert_eq!(tweets, vec![orphan, reply]);
}

#[test]
fn a_version_1_history_is_migrated_with_its_tweets_and_outbox() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let conn = Connection::open(&path).expect("opens");
        conn.execute_batch(crate::core::storage::schema::SCHEMA_V1_FOR_TESTS)
            .expect("v1 tables");
        conn.execute_batch(
            "INSERT INTO tweets (id, user, text, tags, sent_at, received_at, format, own, delivery)
             VALUES ('old', 'bob', 'from 0.1 #rust', '[\"rust\"]', NULL, 1795000000000, 'chirp', 0, 0);
             INSERT INTO outbox (tweet_id, topic, payload) VALUES ('mine', 'hashtags/rust', x'6869');
             PRAGMA user_version = 1;",
        )
        .expect("a Chirp 0.1 file");
    }
    let (store, opened) = Store::open(&path, 100).expect("migrates");
    assert_eq!(ids(&opened.history), ["old"]);
    assert_eq!(opened.history[0].tweet.reply_to, None);
    assert_eq!(
        opened.outbox.len(),
        1,
        "unsent tweets survive the migration"
    );
    store.record_received(&Tweet {
        reply_to: Some(crate::core::model::tweet::ReplyTo {
            id: "old".into(),
            user: Some("bob".into()),
        }),
        ..received("new-reply")
    });
    store.flush().expect("the new columns take writes");
    assert!(corrupt_copies(dir.path()).is_empty(), "nothing moved aside");
}

/// A full history comes back whole and newest first, and stays at its
/// bound as more arrive one at a time. How fast that is belongs to
/// `benches/ingest.rs`, not to a test.
#[test]
fn a_full_history_of_50_000_tweets_comes_back_in_order() {
    const COUNT: usize = 50_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let text = "x".repeat(90);
    {
        let (store, _) = Store::open(&path, COUNT).expect("creates");
        for n in 0..COUNT {
            store.record_received(&Tweet {
                text: format!("{n:08} {text}"),
                received_at: at(0) + TimeDelta::milliseconds(n as i64),
                ..received(&new_id(n))
            });
        }
        store.flush().expect("flushed");
    }

    let (store, opened) = Store::open(&path, COUNT).expect("reopens");
    let numbers: Vec<usize> = opened
        .history
        .iter()
        .map(|e| e.tweet.text[..8].parse().expect("numbered"))
        .collect();
    assert!(
        numbers.iter().copied().eq((0..COUNT).rev()),
        "every tweet, once, newest first"
    );
    // A full history trimmed one tweet at a time: the oldest go first.
    let more = 100;
    for n in COUNT..COUNT + more {
        store.record_received(&received(&new_id(n)));
        store.flush().expect("flushed");
    }
    drop(store);

    let conn = Connection::open(&path).expect("opens");
    let history = rows::load_history(&conn, usize::MAX).expect("loads");
    assert_eq!(history.len(), COUNT, "the bound holds");
    let newest = format!("{:08}-", COUNT + more - 1);
    assert!(
        history[0].tweet.id.starts_with(&newest),
        "{}",
        history[0].tweet.id
    );
    let oldest = &history[COUNT - 1].tweet.text;
    assert!(
        oldest.starts_with(&format!("{more:08} ")),
        "the {more} oldest were dropped: {oldest}"
    );
}

fn new_id(n: usize) -> String {
    format!("{n:08}-{}", crate::core::model::tweet::new_tweet_id())
}
