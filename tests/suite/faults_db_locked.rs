//! The history database locked by another process for 10 s (as a backup
//! tool or an sqlite3 shell might): tweets keep arriving meanwhile, the user
//! is told, and what arrived is written once the lock is gone.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use chirp::core::connection::net::{self, NetEvent, StorageLocation};

use crate::common::{Broker, deadline, mosquitto_pub_lines, test_config, wait_for};

const LOCK_HELD: Duration = Duration::from_secs(10);

fn v1_line(n: usize) -> String {
    serde_json::json!({
        "v": 1, "id": format!("locked-{n:03}"), "user": "writer",
        "text": format!("tweet {n} while the history is locked"),
        "tags": ["locked"], "ts": "2026-12-05T01:00:00Z",
    })
    .to_string()
}

fn stored_ids(history: &Path) -> HashSet<String> {
    let conn = rusqlite::Connection::open(history).expect("open the history");
    let mut select = conn.prepare("SELECT id FROM tweets").expect("prepare");
    let ids = select.query_map([], |row| row.get(0)).expect("query");
    ids.map(|id| id.expect("an id")).collect()
}

/// Another connection takes the write lock and keeps it for `LOCK_HELD`.
fn hold_the_lock(history: &Path) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(history).expect("open the history");
    conn.execute_batch("BEGIN IMMEDIATE")
        .expect("take the write lock");
    std::thread::spawn(move || {
        // The outage being simulated, not a wait for a condition.
        std::thread::sleep(LOCK_HELD);
        conn.execute_batch("COMMIT").expect("let go");
    })
}

#[test]
fn a_locked_history_holds_nothing_up_and_is_written_when_the_lock_goes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history.sqlite3");
    let broker = Broker::start();
    let options = net::WorkerOptions::new(test_config(&broker.url(), "locked"))
        .without_broker_figures()
        .following(vec!["locked".to_owned()])
        .stored_at(StorageLocation::File(history.clone()), 10_000);
    let (link, _worker) = net::spawn(options, || {}).expect("spawn");
    wait_for(&link, deadline(), |e| matches!(e, NetEvent::Subscribed(_)));

    let lock = hold_the_lock(&history);
    let locked_at = Instant::now();
    let lines: Vec<String> = (0..50).map(v1_line).collect();
    mosquitto_pub_lines(&broker, "hashtags/locked", &lines);
    let mut received = 0;
    wait_for(&link, deadline(), |e| {
        received += usize::from(matches!(e, NetEvent::Tweet { .. }));
        received == lines.len()
    });
    assert!(
        !lock.is_finished(),
        "all 50 arrived while the lock was held"
    );
    eprintln!(
        "db locked: 50 tweets taken in {:.2} s into a 10 s lock",
        locked_at.elapsed().as_secs_f64()
    );
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::Notice(t) if t.starts_with("History could not be saved")),
    );

    lock.join().expect("the lock holder");
    let released = Instant::now();
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::Notice(t) if t == "History is saved again."),
    );
    let wanted: HashSet<String> = (0..50).map(|n| format!("locked-{n:03}")).collect();
    assert!(
        wanted.is_subset(&stored_ids(&history)),
        "every tweet that arrived during the lock is in the history"
    );
    eprintln!(
        "db locked: written {:.2} s after the lock was let go",
        released.elapsed().as_secs_f64()
    );
}
