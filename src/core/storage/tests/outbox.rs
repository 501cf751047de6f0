//! Own tweets: committed before they are sent, kept until acknowledged.

use super::*;

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
    assert_eq!(
        topics,
        [
            "hashtags/chirp",
            "hashtags/a",
            "hashtags/b",
            "chirp/users/alice"
        ]
    );

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
    assert_eq!(
        copies, 4,
        "two hashtags, the picked one, the author's topic"
    );
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
        .args([
            "--exact",
            "core::storage::tests::outbox::killed_child",
            "--ignored",
        ])
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
