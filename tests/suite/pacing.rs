//! The worker hands events to its driver at the pace the driver takes them:
//! a backlog waits at the broker rather than being dropped, and a driver
//! that takes nothing (a frozen or hidden window) does not hold the
//! connection.

use std::collections::HashSet;
use std::time::Duration;

use chirp::core::connection::net::{self, ConnectionState, NetEvent, NetLink, WorkerOptions};

use crate::common::{Broker, deadline, mosquitto_pub_lines, test_config, wait_for};

fn v1_line(n: usize) -> String {
    serde_json::json!({
        "v": 1,
        "id": format!("paced-{n:04}"),
        "user": "backlog",
        "text": format!("tweet {n} of a backlog"),
        "tags": ["paced"],
        "ts": "2026-12-05T01:00:00Z",
    })
    .to_string()
}

/// A core following #paced whose driver holds at most `capacity` events.
fn paced_core(
    broker: &Broker,
    capacity: usize,
    keep_alive: Duration,
) -> (NetLink, net::WorkerThread) {
    let config = test_config(&broker.url(), "paced").with_keep_alive(keep_alive);
    let options = WorkerOptions::new(config)
        .without_broker_figures()
        .following(vec!["paced".to_owned()])
        .with_event_capacity(capacity);
    let (link, worker) = net::spawn(options, || {}).expect("spawn the network worker");
    wait_for(&link, deadline(), |e| matches!(e, NetEvent::Subscribed(_)));
    (link, worker)
}

/// Drains until the tweets with ids `wanted` have all arrived; returns
/// whether the connection went offline meanwhile.
fn drain_until_all(link: &NetLink, wanted: &HashSet<String>) -> bool {
    let mut seen_ids = HashSet::new();
    let mut went_offline = false;
    wait_for(link, deadline(), |event| {
        match event {
            NetEvent::Tweet { tweet, .. } => {
                seen_ids.insert(tweet.id.clone());
            }
            NetEvent::Connection(ConnectionState::Offline { .. }) => went_offline = true,
            _ => {}
        }
        wanted.is_subset(&seen_ids)
    });
    went_offline
}

#[test]
fn a_backlog_waits_at_the_broker_for_a_driver_that_keeps_taking() {
    let broker = Broker::start();
    let (link, _worker) = paced_core(&broker, 20, Duration::from_secs(30));
    let lines: Vec<String> = (0..500).map(v1_line).collect();
    // Published while nothing is taken: 480 find the driver's queue full.
    mosquitto_pub_lines(&broker, "hashtags/paced", &lines);
    assert!(
        link.waiting() <= 20,
        "the driver's queue holds at most its capacity, not {}",
        link.waiting()
    );
    let wanted: HashSet<String> = (0..500).map(|n| format!("paced-{n:04}")).collect();
    assert!(!drain_until_all(&link, &wanted), "the connection stayed up");
    assert_eq!(
        link.overflowed(),
        0,
        "nothing was dropped for a driver that keeps taking"
    );
}

#[test]
fn a_driver_that_takes_nothing_does_not_hold_the_connection() {
    let broker = Broker::start();
    // A 2 s keep-alive: the worker waits at most 1 s for room.
    let (link, _worker) = paced_core(&broker, 5, Duration::from_secs(2));
    let lines: Vec<String> = (0..50).map(v1_line).collect();
    mosquitto_pub_lines(&broker, "hashtags/paced", &lines);
    let by = deadline();
    while link.overflowed() == 0 {
        assert!(
            std::time::Instant::now() < by,
            "the worker went on reading for a driver that took nothing"
        );
        // Polled: nothing to wait on while the driver takes nothing.
        std::thread::sleep(Duration::from_millis(5));
    }
    // Taken now: what came while nothing was taken is gone (counted; the
    // history keeps it), what comes next is delivered as before.
    while link.try_recv().is_some() {}
    let later = serde_json::json!({
        "v": 1, "id": "paced-later", "user": "backlog", "text": "after the stall",
        "tags": ["paced"], "ts": "2026-12-05T01:00:05Z",
    });
    mosquitto_pub_lines(&broker, "hashtags/paced", &[later.to_string()]);
    let wanted = HashSet::from(["paced-later".to_owned()]);
    assert!(!drain_until_all(&link, &wanted), "the connection stayed up");
}
