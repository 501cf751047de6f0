//! Tweets and history on disk: a tweet written while offline survives a
//! SIGKILL of the app and is delivered, once, on the next start; the
//! timeline comes back after a restart.
//!
//! "The app" here is the core the window runs (the worker with its store),
//! in a child process: this test binary started again with
//! `CHIRP_CHILD_DB` set runs `app_child` instead of the tests.

use std::process::Command;
use std::time::Instant;

use crate::common::{Broker, ChildGuard, Core, deadline, test_config, wait_for};
use chirp::core::connection::net::{self, NetCommand, NetEvent, StorageLocation};
use chirp::core::model::timeline::Delivery;
use chirp::core::social::compose::Draft;

const HISTORY_LIMIT: usize = 1_000;

/// The app: posts one tweet to a broker that is down, then waits to be killed.
#[test]
#[ignore = "run by sigkill_with_an_unsent_tweet_delivers_it_once_on_the_next_start"]
fn app_child() {
    let (Ok(db), Ok(url)) = (
        std::env::var("CHIRP_CHILD_DB"),
        std::env::var("CHIRP_CHILD_BROKER"),
    ) else {
        return;
    };
    let config = test_config(&url, "killed").with_persistent_session(true);
    let (link, _worker) = app_core(config, db);
    let tweet = Draft::new("alice", "written just before the crash")
        .tag("durable")
        .prepare()
        .expect("valid");
    println!("tweet-id {}", tweet.tweet.id);
    link.send(NetCommand::Publish(tweet));
    // Blocks until killed: the broker is down, so nothing is acknowledged.
    for event in std::iter::from_fn(|| link.recv()) {
        if let NetEvent::Acknowledged(id) = event {
            panic!("acknowledged {id} by a broker that should be down");
        }
    }
}

/// The app's core as the window runs it: the worker with its store at `db`.
fn app_core(
    config: chirp::core::connection::net::ConnectionConfig,
    db: impl Into<std::path::PathBuf>,
) -> (
    chirp::core::connection::net::NetLink,
    chirp::core::connection::net::WorkerThread,
) {
    let options =
        net::WorkerOptions::new(config).stored_at(StorageLocation::File(db.into()), HISTORY_LIMIT);
    net::spawn(options, || {}).expect("spawn the worker")
}

fn outbox_rows(db: &std::path::Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM outbox", [], |row| row.get(0))
        .unwrap_or(0)
}

#[test]
fn sigkill_with_an_unsent_tweet_delivers_it_once_on_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.sqlite3");
    let broker = Broker::start();
    let mut down = Broker::start();
    down.stop();
    let follower = Core::connect(&broker.url(), "durable-follower");
    follower.follow("durable");

    let mut app = ChildGuard::spawn(
        Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--ignored",
                "--exact",
                "durability::app_child",
                "--nocapture",
            ])
            .env("CHIRP_CHILD_DB", &db)
            .env("CHIRP_CHILD_BROKER", down.url()),
    );
    let line = app
        .stdout()
        .wait_line(deadline(), |l| l.starts_with("tweet-id "));
    let id = line.trim_start_matches("tweet-id ").trim().to_owned();
    // Kill only once the tweet is on disk, as a crash any time after Post would.
    let until = deadline();
    while outbox_rows(&db) == 0 {
        assert!(
            Instant::now() < until,
            "the tweet never reached the outbox on disk"
        );
        std::thread::yield_now();
    }
    app.kill();

    // Next start, broker reachable: the tweet is in the history as pending,
    // is delivered, and is acknowledged.
    let started = Instant::now();
    let config = test_config(&broker.url(), "restarted").with_persistent_session(true);
    let (link, worker) = app_core(config, db.clone());
    let history = wait_for(&link, deadline(), |e| matches!(e, NetEvent::History(_)));
    let NetEvent::History(entries) = history else {
        unreachable!()
    };
    assert!(
        entries
            .iter()
            .any(|e| e.tweet.id == id && e.own && e.delivery == Delivery::Pending),
        "{entries:?}"
    );
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::Acknowledged(a) if *a == id),
    );
    eprintln!(
        "after SIGKILL: unsent tweet acknowledged {:.0} ms after the next start",
        started.elapsed().as_secs_f64() * 1000.0
    );

    // Seen once: a marker tweet sent after it arrives after it, and the
    // crashed tweet came exactly once before the marker.
    let marker = Draft::new("alice", "marker")
        .tag("durable")
        .prepare()
        .expect("valid");
    let marker_id = marker.tweet.id.clone();
    link.send(NetCommand::Publish(marker));
    let mut copies = 0;
    wait_for(follower.events(), deadline(), |e| {
        if let NetEvent::Tweet { tweet, .. } = e
            && tweet.id == id
        {
            copies += 1;
        }
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == marker_id)
    });
    assert_eq!(copies, 1, "the crashed tweet must arrive exactly once");
    drop(worker);

    // And the outbox is empty now: a third start sends nothing again.
    assert_eq!(outbox_rows(&db), 0);
}

#[test]
fn the_timeline_comes_back_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.sqlite3");
    let broker = Broker::start();
    let sender = Core::connect(&broker.url(), "history-sender");
    let mut ids = Vec::new();
    {
        let config = test_config(&broker.url(), "history");
        let (link, _worker) = app_core(config, db.clone());
        link.send(NetCommand::Subscribe("history".into()));
        wait_for(&link, deadline(), |e| matches!(e, NetEvent::Subscribed(_)));
        for n in 0..5 {
            let tweet = Draft::new("bob", &format!("kept {n}"))
                .tag("history")
                .prepare()
                .expect("valid");
            ids.push(tweet.tweet.id.clone());
            let id = tweet.tweet.id.clone();
            sender.send(NetCommand::Publish(tweet));
            wait_for(
                &link,
                deadline(),
                |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id),
            );
        }
        // Dropping the worker closes the store, which commits what is queued.
    }
    let config = test_config(&broker.url(), "history");
    let (link, _worker) = app_core(config, db);
    let NetEvent::History(entries) =
        wait_for(&link, deadline(), |e| matches!(e, NetEvent::History(_)))
    else {
        unreachable!()
    };
    let loaded: Vec<&str> = entries.iter().map(|e| e.tweet.id.as_str()).collect();
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(loaded, newest_first);
    assert!(
        entries
            .iter()
            .all(|e| e.tweet.user.as_deref() == Some("bob"))
    );
}

#[test]
fn a_corrupt_history_file_is_moved_aside_and_the_app_still_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.sqlite3");
    std::fs::write(&db, b"this is not a database at all").expect("write");
    let broker = Broker::start();
    let config = test_config(&broker.url(), "corrupt");
    let (link, _worker) = app_core(config, db.clone());
    let NetEvent::Notice(notice) =
        wait_for(&link, deadline(), |e| matches!(e, NetEvent::Notice(_)))
    else {
        unreachable!()
    };
    assert!(notice.contains("corrupt"), "{notice}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "the bad file is kept, renamed");
    assert_eq!(
        std::fs::read(aside[0].path()).expect("read"),
        b"this is not a database at all"
    );
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::History(h) if h.is_empty()),
    );
    wait_for(&link, deadline(), |e| {
        matches!(
            e,
            NetEvent::Connection(chirp::core::connection::net::ConnectionState::Connected { .. })
        )
    });
}

/// Stored tweets keep who signed them; at start the worker judges them
/// again against the saved pins, tells the pins right after the history,
/// and writes the pins the person trusts or forgets.
#[test]
fn signed_history_is_judged_again_against_the_saved_pins() {
    use chirp::core::model::author_key::{AuthorKey, Signed, Trust};
    use chirp::core::model::tweet::{Tweet, WireFormat};
    use chirp::core::social::trust::{Pin, PinChange};
    use chirp::core::storage::Store;

    let key = |byte: u8| AuthorKey::from_bytes([byte; 32]);
    let now = chrono::DateTime::from_timestamp_millis(1_795_000_000_000).expect("in range");
    let tweet = |id: &str, user: &str, signer: u8| Tweet {
        quote: None,
        deferred_signature: None,
        id: id.to_owned(),
        user: Some(user.to_owned()),
        text: format!("{id} #rust"),
        tags: vec!["rust".into()],
        sent_at: Some(now),
        received_at: now,
        format: WireFormat::Chirp,
        reply_to: None,
        signed: Some(Signed {
            key: key(signer),
            trust: Trust::NewKey,
        }),
    };
    let bob = Pin {
        user: "bob".into(),
        key: key(1),
        first_seen: now,
        last_seen: now,
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.sqlite3");
    {
        let (store, _) = Store::open(&db, HISTORY_LIMIT).expect("creates");
        store.record_pin(PinChange::Pinned(bob.clone()));
        store.record_received(&tweet("real", "bob", 1));
        store.record_received(&tweet("impostor", "bob", 2));
        store.record_received(&tweet("stranger", "carol", 3));
    }

    let broker = Broker::start();
    let (link, worker) = app_core(test_config(&broker.url(), "pins"), db.clone());
    let NetEvent::History(entries) =
        wait_for(&link, deadline(), |e| matches!(e, NetEvent::History(_)))
    else {
        unreachable!()
    };
    let trust: Vec<(&str, Option<Trust>)> = entries
        .iter()
        .map(|e| (e.tweet.id.as_str(), e.tweet.signed.map(|s| s.trust)))
        .collect();
    assert_eq!(
        trust,
        [
            ("stranger", Some(Trust::NewKey)),
            ("impostor", Some(Trust::KeyChanged)),
            ("real", Some(Trust::Verified)),
        ]
    );
    let next = link.recv_deadline(deadline()).expect("an event");
    assert_eq!(next, NetEvent::Pins(vec![bob]), "right after the history");

    link.send(NetCommand::ForgetKey("bob".into()));
    link.send(NetCommand::TrustKey {
        user: "carol".into(),
        key: key(3),
    });
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::PinChanged(PinChange::Pinned(p)) if p.user == "carol"),
    );
    drop(worker);
    let (_store, opened) = Store::open(&db, HISTORY_LIMIT).expect("reopens");
    let pinned: Vec<(&str, AuthorKey)> = opened
        .pins
        .iter()
        .map(|p| (p.user.as_str(), p.key))
        .collect();
    assert_eq!(pinned, [("carol", key(3))]);
}
