//! Faults: the broker restarting mid-stream, a broker that is down when the
//! app starts, and tweets posted while a follower is closed. Each test starts
//! (and kills) its own mosquitto and waits on conditions with deadlines.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::common::{Broker, Core, deadline, test_config, wait_for};
use chirp::core::connection::net::{ConnectionState, NetCommand, NetEvent};
use chirp::core::social::compose::Draft;

fn is_connected(event: &NetEvent) -> bool {
    matches!(
        event,
        NetEvent::Connection(ConnectionState::Connected { .. })
    )
}

/// A broker that keeps sessions and queued messages across a restart, as a
/// service broker does.
fn persistent_broker(store: &tempfile::TempDir) -> Broker {
    Broker::start_with_config(&format!(
        "persistence true\npersistence_location {}/\n",
        store.path().display()
    ))
}

/// Tweet ids a core reported acknowledged or received, noted while waiting
/// for something else so no event is lost to the wait.
#[derive(Default)]
struct Seen {
    acknowledged: HashSet<String>,
    received: HashSet<String>,
}

impl Seen {
    fn wait(&mut self, core: &Core, mut predicate: impl FnMut(&NetEvent) -> bool) -> NetEvent {
        wait_for(core.events(), deadline(), |event| {
            match event {
                NetEvent::Acknowledged(id) => {
                    self.acknowledged.insert(id.clone());
                }
                NetEvent::Tweet { tweet, .. } => {
                    self.received.insert(tweet.id.clone());
                }
                _ => {}
            }
            predicate(event)
        })
    }
}

fn is_offline(event: &NetEvent) -> bool {
    matches!(event, NetEvent::Connection(ConnectionState::Offline { .. }))
}

/// The steps of the reconnect backoff (core/connection/net/backoff.rs):
/// `first`, doubling up to `cap`, then twice more at the cap.
fn retry_steps(first: Duration, cap: Duration) -> Vec<Duration> {
    let mut steps = vec![first.min(cap)];
    while steps.iter().filter(|step| **step == cap).count() < 2 {
        let last = steps[steps.len() - 1];
        steps.push((last * 2).min(cap));
    }
    steps
}

/// Each delay is its step with the backoff's jitter (half to all of it),
/// seen a moment after the worker chose it. The bounds grow with the steps,
/// so delays that stay at the first step, start at the cap or pass it fail
/// here.
fn assert_backoff(delays: &[Duration], steps: &[Duration]) {
    // How much later than the worker chose a delay this test may see it.
    let late = Duration::from_millis(150);
    for (n, (delay, step)) in delays.iter().zip(steps).enumerate() {
        assert!(
            *delay <= *step && *delay + late >= *step / 2,
            "retry {n}: {delay:?} is not within half to all of its step {step:?} (delays {delays:?})"
        );
    }
}

#[test]
fn broker_restart_mid_stream_loses_nothing_and_resubscribes_by_itself() {
    let store = tempfile::tempdir().expect("tempdir");
    let mut broker = persistent_broker(&store);
    let sender = Core::spawn(test_config(&broker.url(), "sender").with_persistent_session(true));
    let follower =
        Core::spawn(test_config(&broker.url(), "follower").with_persistent_session(true));
    sender.wait_connected();
    follower.wait_connected();
    follower.follow("restart");
    let (mut at_sender, mut at_follower) = (Seen::default(), Seen::default());

    // A stream of tweets; the broker goes down in the middle of it.
    let mut ids = HashSet::new();
    for n in 0..30 {
        let tweet = Draft::new("alice", &format!("tweet {n}"))
            .tag("restart")
            .prepare()
            .expect("valid");
        ids.insert(tweet.tweet.id.clone());
        sender.send(NetCommand::Publish(tweet));
        if n == 14 {
            broker.stop_gracefully();
        }
    }
    at_sender.wait(&sender, is_offline);
    at_follower.wait(&follower, is_offline);
    let acknowledged_before_restart = at_sender.acknowledged.clone();

    let restarted = Instant::now();
    broker.restart();
    at_follower.wait(&follower, is_connected);
    let resubscribed = at_follower.wait(&follower, |e| matches!(e, NetEvent::Subscribed(_)));
    let resubscribe_time = restarted.elapsed();
    assert_eq!(
        resubscribed,
        NetEvent::Subscribed(vec!["restart".to_owned()])
    );

    // In the end every tweet is acknowledged, and the follower has every
    // one (each id once: the sets dedup as the timeline does).
    while at_sender.acknowledged.len() < ids.len() {
        at_sender.wait(&sender, |e| matches!(e, NetEvent::Acknowledged(_)));
    }
    while at_follower.received.len() < ids.len() {
        at_follower.wait(&follower, |e| matches!(e, NetEvent::Tweet { .. }));
    }
    assert_eq!(at_sender.acknowledged, ids);
    assert_eq!(at_follower.received, ids);
    assert!(acknowledged_before_restart.is_subset(&at_follower.received));
    eprintln!(
        "broker restart: {} of 30 acknowledged before the outage; follower resubscribed {:.0} ms \
         after mosquitto was started again; all 30 delivered",
        acknowledged_before_restart.len(),
        resubscribe_time.as_secs_f64() * 1000.0
    );
}

#[test]
fn broker_down_at_start_says_why_backs_off_and_connects_when_it_appears() {
    let mut broker = Broker::start();
    broker.stop();
    let config = test_config(&broker.url(), "early");
    let (first, cap) = (config.first_retry, config.max_retry);
    let core = Core::spawn(config);

    // Offline with a reason, several times, with growing (capped) delays:
    // enough of them to reach the cap and stay there.
    let steps = retry_steps(first, cap);
    let mut delays = Vec::new();
    while delays.len() < steps.len() {
        if let NetEvent::Connection(ConnectionState::Offline {
            reason, retry_at, ..
        }) =
            core.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. })))
        {
            assert!(reason.contains("connection refused"), "{reason}");
            delays.push(retry_at.saturating_duration_since(Instant::now()));
        }
    }
    assert_backoff(&delays, &steps);

    let started = Instant::now();
    broker.restart();
    core.wait_for(is_connected);
    eprintln!(
        "broker down at start: connected {:.0} ms after the broker appeared (retry delays {delays:?})",
        started.elapsed().as_secs_f64() * 1000.0
    );
    core.follow("late");
}

#[test]
fn tweets_posted_while_a_follower_is_closed_arrive_on_its_next_start() {
    let broker = Broker::start();
    let follower_config = test_config(&broker.url(), "away").with_persistent_session(true);
    {
        let follower = Core::spawn(follower_config.clone());
        follower.wait_connected();
        follower.follow("away");
    }
    let sender = Core::connect(&broker.url(), "poster");
    let mut ids = HashSet::new();
    for n in 0..3 {
        let tweet = Draft::new("bob", &format!("while you were away {n}"))
            .tag("away")
            .prepare()
            .expect("valid");
        ids.insert(tweet.tweet.id.clone());
        let id = tweet.tweet.id.clone();
        sender.send(NetCommand::Publish(tweet));
        sender.wait_acknowledged(&id);
    }

    let follower = Core::spawn_following(follower_config, &["away"]);
    let mut received = HashSet::new();
    while received.len() < ids.len() {
        if let NetEvent::Tweet { tweet, .. } = wait_for(follower.events(), deadline(), |e| {
            matches!(e, NetEvent::Tweet { .. })
        }) {
            received.insert(tweet.id);
        }
    }
    assert_eq!(received, ids);
}

#[test]
fn a_tag_unfollowed_while_offline_stops_arriving_with_a_persistent_session() {
    let mut broker = Broker::start();
    let config = test_config(&broker.url(), "unfollow").with_persistent_session(true);
    let follower = Core::spawn(config);
    follower.wait_connected();
    follower.follow("kept");
    follower.follow("dropped");
    broker.restart();
    // Unfollow while the broker is away: the session still holds the
    // subscription, so it must be undone on reconnect.
    follower.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. })));
    follower.send(NetCommand::Unsubscribe("dropped".into()));
    follower.wait_for(
        |e| matches!(e, NetEvent::Unsubscribed(tags) if tags.iter().any(|t| t == "dropped")),
    );

    let sender = Core::connect(&broker.url(), "unfollow-poster");
    let dropped = Draft::new("bob", "should not show")
        .tag("dropped")
        .prepare()
        .expect("valid");
    let kept = Draft::new("bob", "should show")
        .tag("kept")
        .prepare()
        .expect("valid");
    let (dropped_id, kept_id) = (dropped.tweet.id.clone(), kept.tweet.id.clone());
    sender.send(NetCommand::Publish(dropped));
    sender.wait_acknowledged(&dropped_id);
    sender.send(NetCommand::Publish(kept));
    let tweets: Vec<String> = {
        let mut seen = Vec::new();
        wait_for(follower.events(), deadline(), |e| {
            if let NetEvent::Tweet { tweet, .. } = e {
                seen.push(tweet.id.clone());
            }
            matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == kept_id)
        });
        seen
    };
    assert!(
        !tweets.contains(&dropped_id),
        "unfollowed tag still delivered"
    );
}
