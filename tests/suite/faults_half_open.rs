//! A half-open connection: the broker frozen with SIGSTOP sends no FIN and
//! no RST, only silence. Chirp notices it by its keep-alive (a ping left
//! unanswered for half an interval), says so, reconnects when the broker
//! goes on or is restarted, and loses nothing the broker acknowledged.

use std::time::{Duration, Instant};

use crate::common::{Broker, Core, deadline, test_config, wait_for};
use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::social::compose::{Draft, OutgoingTweet};

/// Short, so the test is quick; the rule is the same at the default 30 s.
const KEEP_ALIVE: Duration = Duration::from_secs(2);

fn tweet(text: &str) -> OutgoingTweet {
    Draft::new("alice", text)
        .tag("halfopen")
        .prepare()
        .expect("valid")
}

/// Waits for the poster to go offline; returns the reason and how long after
/// `frozen` it came.
fn wait_offline(poster: &Core, frozen: Instant) -> (String, Duration) {
    let (reason, _) = poster.first_offline();
    (reason, frozen.elapsed())
}

fn wait_received(follower: &Core, id: &str) {
    wait_for(
        follower.events(),
        deadline(),
        |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id),
    );
}

#[test]
fn a_frozen_broker_is_noticed_by_the_keep_alive_and_nothing_is_lost_when_it_goes_on() {
    let broker = Broker::start();
    let follower = Core::connect(&broker.url(), "follower");
    follower.follow("halfopen");
    let poster = Core::spawn(test_config(&broker.url(), "poster").with_keep_alive(KEEP_ALIVE));
    poster.wait_connected();
    let before = tweet("before the freeze");
    poster.send(NetCommand::Publish(before.clone()));
    poster.wait_acknowledged(&before.tweet.id);
    wait_received(&follower, &before.tweet.id);

    broker.freeze();
    let frozen = Instant::now();
    let (reason, noticed) = wait_offline(&poster, frozen);
    // The keep-alive's own check (the ping left unanswered for half an
    // interval), not a socket error: nothing else can tell here.
    assert!(
        reason.contains("no answer to a ping"),
        "offline because: {reason}"
    );
    eprintln!(
        "half-open: noticed {:.2} s after the freeze (keep-alive {} s; at most 1.5× by design): {reason}",
        noticed.as_secs_f64(),
        KEEP_ALIVE.as_secs()
    );
    let during = tweet("written while the broker was frozen");
    poster.send(NetCommand::Publish(during.clone()));

    broker.thaw();
    let thawed = Instant::now();
    poster.wait_connected();
    poster.wait_acknowledged(&during.tweet.id);
    eprintln!(
        "half-open: reconnected and the tweet written meanwhile acknowledged {:.2} s after SIGCONT",
        thawed.elapsed().as_secs_f64()
    );
    wait_received(&follower, &during.tweet.id);
}

#[test]
fn a_frozen_broker_that_is_restarted_instead_gets_the_unsent_tweet() {
    let mut broker = Broker::start();
    let poster = Core::spawn(test_config(&broker.url(), "poster").with_keep_alive(KEEP_ALIVE));
    poster.wait_connected();
    broker.freeze();
    let frozen = Instant::now();
    let (reason, _) = wait_offline(&poster, frozen);
    assert!(
        reason.contains("no answer to a ping"),
        "offline because: {reason}"
    );
    let during = tweet("written while the broker was frozen");
    poster.send(NetCommand::Publish(during.clone()));

    // SIGKILL takes a stopped process too; a fresh broker on the same port.
    broker.restart();
    let restarted = Instant::now();
    poster.wait_connected();
    poster.wait_acknowledged(&during.tweet.id);
    eprintln!(
        "half-open, then restarted: the tweet written meanwhile acknowledged {:.2} s after the restart",
        restarted.elapsed().as_secs_f64()
    );
}
