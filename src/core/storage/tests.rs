use std::fs;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::core::model::timeline::Delivery;
use crate::core::model::tweet::WireFormat;
use crate::core::social::compose::prepare;

/// Stored times keep milliseconds, as the wire does.
fn at(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_795_000_000_000 + millis).expect("in range")
}

fn received(id: &str) -> Tweet {
    Tweet {
        id: id.to_owned(),
        user: Some("bob".into()),
        text: format!("text of {id} #rust"),
        tags: vec!["rust".into(), "日本語".into()],
        sent_at: Some(at(1)),
        received_at: at(2),
        format: WireFormat::Chirp,
        reply_to: None,
    }
}

fn entry(tweet: Tweet, own: bool, delivery: Delivery) -> HistoryEntry {
    HistoryEntry {
        tweet,
        own,
        delivery,
    }
}

/// A tweet as composed, with its clock cut to what storage keeps.
fn outgoing(text: &str) -> OutgoingTweet {
    let mut out = prepare("alice", text, &["chirp"], false).expect("valid draft");
    let now = at(3);
    out.tweet.sent_at = Some(now);
    out.tweet.received_at = now;
    out
}

fn ids(history: &[HistoryEntry]) -> Vec<&str> {
    history.iter().map(|e| e.tweet.id.as_str()).collect()
}

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
fn the_outbox_survives_a_restart_until_acknowledged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let first = outgoing("one #a #b");
    let second = outgoing("two #c");
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_outgoing(&first).expect("saved");
        store.record_outgoing(&second).expect("saved");
        store
            .record_outgoing(&first)
            .expect("saving twice is harmless");
    }
    let (store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(
        opened.outbox,
        vec![
            (first.tweet.id.clone(), first.publishes.clone()),
            (second.tweet.id.clone(), second.publishes.clone()),
        ]
    );
    let topics: Vec<_> = opened.outbox[0]
        .1
        .iter()
        .map(|p| p.topic.as_str())
        .collect();
    assert_eq!(topics, ["hashtags/chirp", "hashtags/a", "hashtags/b"]);

    store.record_acknowledged(&first.tweet.id);
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(
        opened.outbox,
        vec![(second.tweet.id.clone(), second.publishes)]
    );
    let first_row = opened.history.iter().find(|e| e.tweet.id == first.tweet.id);
    assert_eq!(
        first_row.map(|e| (e.own, e.delivery)),
        Some((true, Delivery::Acknowledged))
    );
}

#[test]
fn outgoing_is_committed_before_it_returns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let (store, _) = Store::open(&path, 100).expect("creates");
    let mine = outgoing("durable #x #y");
    store.record_outgoing(&mine).expect("saved");

    // Another connection sees only what is committed.
    let other = Connection::open(&path).expect("second connection");
    let (own, delivery): (bool, i64) = other
        .query_row(
            "SELECT own, delivery FROM tweets WHERE id = ?1",
            [&mine.tweet.id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("the tweet row is there");
    assert_eq!((own, delivery), (true, 1));
    let copies: i64 = other
        .query_row(
            "SELECT COUNT(*) FROM outbox WHERE tweet_id = ?1",
            [&mine.tweet.id],
            |row| row.get(0),
        )
        .expect("counts");
    assert_eq!(copies, 3);
    drop(store);
}

const KILLED_CHILD_PATH: &str = "CHIRP_STORAGE_KILLED_CHILD_PATH";

#[test]
fn an_outgoing_tweet_survives_sigkill_right_after_it_is_recorded() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Process, Stdio};

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let mut child = Process::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "core::storage::tests::killed_child", "--ignored"])
        .args(["--nocapture", "--test-threads=1"])
        .env(KILLED_CHILD_PATH, &path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("child starts");
    let stdout = child.stdout.take().expect("piped");
    let tweet_id = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        // libtest may print the test's name on the same line first.
        .find_map(|line| line.split_once("recorded ").map(|(_, id)| id.to_owned()))
        .expect("the child recorded a tweet");
    child.kill().expect("SIGKILL");
    let _ = child.wait();

    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(opened.outbox.len(), 1);
    assert_eq!(opened.outbox[0].0, tweet_id);
    assert_eq!(ids(&opened.history), [tweet_id.as_str()]);
}

/// The process the test above kills; does nothing when run on its own.
#[test]
#[ignore = "run by an_outgoing_tweet_survives_sigkill_right_after_it_is_recorded"]
fn killed_child() {
    let Some(path) = std::env::var_os(KILLED_CHILD_PATH) else {
        return;
    };
    let (store, _) = Store::open(Path::new(&path), 100).expect("creates");
    let mine = outgoing("written just before a crash #x");
    store.record_outgoing(&mine).expect("saved");
    println!("recorded {}", mine.tweet.id);
    std::thread::sleep(std::time::Duration::from_secs(60));
}

#[test]
fn a_garbage_file_is_moved_aside_with_its_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("history.sqlite");
    let garbage: Vec<u8> = (0..5000u32).map(|n| (n * 7919 % 251) as u8).collect();
    fs::write(&path, &garbage).expect("write");

    let (store, opened) = Store::open(&path, 100).expect("opens anyway");
    let notice = opened.notice.expect("the user is told");
    let aside = corrupt_copies(dir.path());
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).expect("read"), garbage);
    assert!(notice.contains(&aside[0].display().to_string()), "{notice}");
    assert!(opened.history.is_empty());

    store
        .record_outgoing(&outgoing("fresh #start"))
        .expect("the new file works");
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!((opened.history.len(), opened.notice), (1, None));
}

#[test]
fn a_truncated_file_is_moved_aside_and_an_empty_one_is_just_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let (store, _) = Store::open(&path, 10_000).expect("creates");
        for n in 0..2_000 {
            store.record_received(&received(&format!("tweet-{n}")));
        }
    }
    let bytes = fs::read(&path).expect("read");
    assert!(bytes.len() > 64 * 1024, "a file of many pages");
    for cut in [bytes.len() / 2, 4096 + 10, 60] {
        fs::write(&path, &bytes[..cut]).expect("truncate");
        let (_store, opened) = Store::open(&path, 100).expect("opens anyway");
        assert!(opened.notice.is_some(), "cut at {cut}");
        assert!(
            corrupt_copies(dir.path())
                .iter()
                .any(|p| fs::read(p).is_ok_and(|b| b == bytes[..cut]))
        );
    }

    let empty = dir.path().join("empty.sqlite");
    fs::write(&empty, b"").expect("write");
    let (store, opened) = Store::open(&empty, 100).expect("opens");
    assert_eq!(opened.notice, None, "nothing was lost, nothing to say");
    store.record_received(&received("a"));
    store.flush().expect("the empty file became a database");
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
        conn.execute_batch(super::schema::SCHEMA_V1_FOR_TESTS)
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

#[test]
fn direct_messages_are_kept_apart_from_the_timeline_and_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let received = crate::core::social::direct::prepare("ann", "bob", "hi bob").expect("valid");
    let mine = crate::core::social::direct::prepare("bob", "ann", "hi ann").expect("valid");
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_direct(&received.message);
        store.record_direct(&received.message);
        store.record_outgoing_direct(&mine).expect("saved");
        store.record_outgoing_direct(&mine).expect("saved once");
    }
    let (store, opened) = Store::open(&path, 100).expect("reopens");
    assert!(opened.history.is_empty(), "not in the timeline's history");
    let texts: Vec<&str> = opened.direct.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["hi bob", "hi ann"], "oldest first, each once");
    let (kept, sent) = (&opened.direct[0], &received.message);
    assert_eq!(
        (&kept.id, &kept.from, &kept.to),
        (&sent.id, &sent.from, &sent.to)
    );
    let millis = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_millis());
    assert_eq!(
        millis(kept.sent_at),
        millis(sent.sent_at),
        "times kept to the millisecond"
    );
    assert_eq!(
        opened.outbox,
        vec![(mine.message.id.clone(), vec![mine.publish.clone()])]
    );
    store.record_acknowledged(&mine.message.id);
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert!(
        opened.outbox.is_empty(),
        "acknowledged: nothing left to send"
    );
    assert_eq!(opened.direct.len(), 2);
}

#[test]
fn stored_direct_messages_are_bounded() {
    let mut conn = Connection::open_in_memory().expect("opens");
    super::schema::prepare(&mut conn).expect("tables");
    let tx = conn.transaction().expect("tx");
    let extra = 25;
    for n in 0..super::direct_rows::MAX_STORED + extra {
        let mut message = crate::core::social::direct::prepare("ann", "bob", "x")
            .expect("valid")
            .message;
        message.id = format!("m{n}");
        super::direct_rows::insert(&tx, &message).expect("insert");
    }
    super::direct_rows::bound(&tx).expect("bound");
    tx.commit().expect("commit");
    let kept = super::direct_rows::load(&conn, usize::MAX).expect("load");
    assert_eq!(kept.len(), super::direct_rows::MAX_STORED);
    assert_eq!(kept[0].id, format!("m{extra}"), "the oldest went first");
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    drop(Store::open(&path, 100).expect("creates"));
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump version");
    assert!(matches!(
        Store::open(&path, 100),
        Err(StorageError::NewerSchema { found: 99, .. })
    ));
    assert!(corrupt_copies(dir.path()).is_empty());
}

#[test]
fn outgoing_is_refused_past_the_outbox_bound() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    drop(Store::open(&path, 100).expect("creates"));
    let mut conn = Connection::open(&path).expect("opens");
    let tx = conn.transaction().expect("tx");
    for n in 0..MAX_UNSENT_TWEETS {
        tx.execute(
            "INSERT INTO outbox (tweet_id, topic, payload) VALUES (?1, 'hashtags/x', x'00')",
            [format!("id-{n}")],
        )
        .expect("insert");
    }
    tx.commit().expect("commit");
    drop(conn);

    let (store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(opened.outbox.len(), MAX_UNSENT_TWEETS);
    let refused = store.record_outgoing(&outgoing("one too many #x"));
    assert!(
        matches!(refused, Err(StorageError::OutboxFull { .. })),
        "{refused:?}"
    );
    store.record_acknowledged("id-0");
    store
        .record_outgoing(&outgoing("room again #x"))
        .expect("saved");
}

#[test]
fn a_failed_background_write_is_kept_not_panicked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let (store, _) = Store::open(&path, 100).expect("creates");
    Connection::open(&path)
        .and_then(|c| c.execute_batch("DROP TABLE tweets"))
        .expect("sabotage");
    store.record_received(&received("lost"));
    assert!(matches!(store.flush(), Err(StorageError::Write(_))));
    let error = store.last_error().expect("kept for the user");
    assert!(error.contains("tweets"), "{error}");
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .filter(|p| {
            !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
        })
        .collect();
    found.sort();
    found
}

/// `cargo test --release --lib storage -- --ignored --nocapture`
#[test]
#[ignore = "timing; run in release"]
fn loading_50_000_tweets_is_fast() {
    const COUNT: usize = 50_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let text = "x".repeat(90);
    let started = Instant::now();
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
    let written = started.elapsed();
    let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let started = Instant::now();
    let (store, opened) = Store::open(&path, COUNT).expect("reopens");
    let opening = started.elapsed();
    assert_eq!(opened.history.len(), COUNT);
    assert!(
        opened.history[0]
            .tweet
            .text
            .starts_with(&format!("{:08}", COUNT - 1))
    );
    // A full history trimmed one tweet at a time: the cost of a trickle.
    let started = Instant::now();
    for n in COUNT..COUNT + 100 {
        store.record_received(&received(&new_id(n)));
        store.flush().expect("flushed");
    }
    let one_tweet_batch = started.elapsed() / 100;
    drop(store);

    let conn = Connection::open(&path).expect("opens");
    let started = Instant::now();
    let history = rows::load_history(&conn, COUNT).expect("loads");
    let loading = started.elapsed();
    assert_eq!(history.len(), COUNT);
    println!(
        "{COUNT} tweets, {} KiB: written in {written:?}; Store::open (check + load) {opening:?}; load alone {loading:?}; \
         a one-tweet batch at the limit {one_tweet_batch:?}",
        size / 1024
    );
    assert!(opening.as_millis() < 300 || cfg!(debug_assertions));
}

fn new_id(n: usize) -> String {
    format!("{n:08}-{}", crate::core::model::tweet::new_tweet_id())
}
