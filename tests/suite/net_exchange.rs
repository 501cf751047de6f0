//! Chirp cores exchanging tweets through a real mosquitto on loopback.
//! Each test starts its own broker on its own port.

use crate::common;
use chirp::core::connection::net::{ConnectionState, NetCommand, NetEvent};
use chirp::core::model::timeline::Timeline;
use chirp::core::model::tweet::WireFormat;
use chirp::core::social::compose;

use crate::common::{Broker, Core, test_config};

#[test]
fn two_cores_exchange_tweets_both_ways() {
    let broker = Broker::start();
    let alice = Core::connect(&broker.url(), "alice");
    let bob = Core::connect(&broker.url(), "bob");
    alice.follow("fromBob");
    bob.follow("fromAlice");

    let outgoing = compose::Draft::new("alice", "hello bob #fromAlice")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    alice.send(NetCommand::Publish(outgoing));
    alice.wait_acknowledged(&id);
    let (topic, tweet) = bob.wait_tweet(&id);
    assert_eq!(topic, "hashtags/fromAlice");
    assert_eq!(tweet.user.as_deref(), Some("alice"));
    assert_eq!(tweet.text, "hello bob #fromAlice");
    assert_eq!(tweet.tags, vec!["fromAlice"]);
    assert_eq!(tweet.format, WireFormat::Chirp);
    assert!(
        tweet.sent_at.is_some(),
        "a v1 tweet carries the sender's time"
    );

    let outgoing = compose::Draft::new("bob", "hi alice, 日本 🦀")
        .tag("fromBob")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    bob.send(NetCommand::Publish(outgoing));
    bob.wait_acknowledged(&id);
    let (topic, tweet) = alice.wait_tweet(&id);
    assert_eq!(topic, "hashtags/fromBob");
    assert_eq!(tweet.user.as_deref(), Some("bob"));
    assert_eq!(tweet.text, "hi alice, 日本 🦀");
    assert_eq!(tweet.tags, vec!["fromBob"]);
    assert_eq!(tweet.format, WireFormat::Chirp);
}

#[test]
fn unsubscribe_stops_delivery() {
    let broker = Broker::start();
    let sender = Core::connect(&broker.url(), "sender");
    let reader = Core::connect(&broker.url(), "reader");
    reader.follow("dropped");
    reader.follow("kept");
    reader.unfollow("dropped");

    let unwanted = compose::Draft::new("sender", "nobody follows this")
        .tag("dropped")
        .prepare()
        .expect("valid draft");
    let unwanted_id = unwanted.tweet.id.clone();
    let wanted = compose::Draft::new("sender", "this one is followed")
        .tag("kept")
        .prepare()
        .expect("valid draft");
    let wanted_id = wanted.tweet.id.clone();
    sender.send(NetCommand::Publish(unwanted));
    sender.send(NetCommand::Publish(wanted));
    sender.wait_acknowledged(&unwanted_id);
    sender.wait_acknowledged(&wanted_id);

    // The broker delivers one publisher's messages to a subscriber in order:
    // had the first been delivered, it would arrive before the second.
    let mut arrived_first = Vec::new();
    reader.wait_for(|event| match event {
        NetEvent::Tweet { tweet, .. } if tweet.id == wanted_id => true,
        NetEvent::Tweet { topic, tweet } => {
            arrived_first.push((topic.clone(), tweet.id.clone()));
            false
        }
        _ => false,
    });
    assert!(
        arrived_first.is_empty(),
        "tweets on an unfollowed tag arrived: {arrived_first:?} (unwanted id {unwanted_id})"
    );
}

#[test]
fn tweet_under_two_followed_tags_arrives_twice_and_shows_once() {
    let broker = Broker::start();
    let sender = Core::connect(&broker.url(), "sender");
    let reader = Core::connect(&broker.url(), "reader");
    reader.follow("rust");
    reader.follow("mqtt");

    let outgoing = compose::Draft::new("alice", "one tweet, two tags #rust #mqtt")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    assert_eq!(
        outgoing.publishes.len(),
        3,
        "two tags and the author's topic"
    );
    sender.send(NetCommand::Publish(outgoing));
    // One acknowledgement, once the broker has both copies.
    sender.wait_acknowledged(&id);

    let mut timeline = Timeline::default();
    let mut topics = Vec::new();
    for _ in 0..2 {
        let (topic, tweet) = reader.wait_tweet(&id);
        assert_eq!(tweet.tags, vec!["rust", "mqtt"]);
        assert_eq!(tweet.user.as_deref(), Some("alice"));
        let inserted = timeline.insert_received(&tweet);
        assert_eq!(
            inserted,
            topics.is_empty(),
            "only the first copy is new to the timeline"
        );
        topics.push(topic);
    }
    topics.sort();
    assert_eq!(topics, vec!["hashtags/mqtt", "hashtags/rust"]);
    assert_eq!(timeline.len(), 1);
    assert_eq!(
        timeline
            .get(0)
            .map(chirp::core::model::timeline::TimelineEntry::id),
        Some(id.as_str())
    );
}

/// Waits for an Offline status with a reason, and returns the reason.
fn wait_offline(core: &Core) -> String {
    match core.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. }))) {
        NetEvent::Connection(ConnectionState::Offline { broker, reason, .. }) => {
            assert!(broker.starts_with("127.0.0.1:"), "{broker}");
            assert!(!reason.trim().is_empty(), "Offline must say why");
            reason
        }
        other => unreachable!("{other:?}"),
    }
}

#[test]
fn tweet_written_before_the_broker_is_up_goes_out_once_connected() {
    let mut broker = Broker::start();
    broker.stop();
    let core = Core::spawn(test_config(&broker.url(), "early"));
    core.send(NetCommand::Subscribe("offline".into()));
    let reason = wait_offline(&core);
    assert!(reason.contains("refused"), "reason: {reason}");

    let outgoing = compose::Draft::new("alice", "written offline #offline")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    broker.restart();

    // After CONNACK the core subscribes before it publishes, so the broker
    // delivers the tweet back to its own author: proof it went through.
    let mut acknowledged = false;
    core.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Connected { .. })));
    let event = core.wait_for(|e| {
        acknowledged |= matches!(e, NetEvent::Acknowledged(acked) if *acked == id);
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id)
    });
    let NetEvent::Tweet { topic, tweet } = event else {
        unreachable!()
    };
    assert_eq!(topic, "hashtags/offline");
    assert_eq!(tweet.text, "written offline #offline");
    if !acknowledged {
        core.wait_acknowledged(&id);
    }
}

#[test]
fn broker_restart_reconnects_resubscribes_and_delivers_the_outbox() {
    let mut broker = Broker::start();
    let core = Core::spawn(test_config(&broker.url(), "restart"));
    core.wait_connected();
    core.follow("restart");

    broker.stop();
    let reason = wait_offline(&core);
    assert!(
        reason.contains("closed") || reason.contains("refused"),
        "reason: {reason}"
    );
    let outgoing = compose::Draft::new("alice", "sent while the broker was down #restart")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    broker.restart();

    core.wait_connected();
    // The subscription is renewed without being asked again.
    core.wait_for(
        |e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == "restart")),
    );
    let mut acknowledged = false;
    core.wait_for(|e| {
        acknowledged |= matches!(e, NetEvent::Acknowledged(acked) if *acked == id);
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id)
    });
    if !acknowledged {
        core.wait_acknowledged(&id);
    }
}

#[test]
fn tweet_written_offline_reaches_another_client_after_reconfigure() {
    let broker = Broker::start();
    let reader = Core::connect(&broker.url(), "reader");
    reader.follow("later");

    // A port nothing listens on: the writer is offline.
    let nowhere = format!("mqtt://127.0.0.1:{}", common::free_port());
    let writer = Core::spawn(test_config(&nowhere, "writer"));
    let reason = wait_offline(&writer);
    assert!(reason.contains("refused"), "reason: {reason}");
    let outgoing = compose::Draft::new("alice", "kept until connected #later")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    writer.send(NetCommand::Publish(outgoing));

    writer.send(NetCommand::Reconfigure(test_config(
        &broker.url(),
        "writer",
    )));
    writer.wait_connected();
    writer.wait_acknowledged(&id);
    let (topic, tweet) = reader.wait_tweet(&id);
    assert_eq!(topic, "hashtags/later");
    assert_eq!(tweet.user.as_deref(), Some("alice"));
    assert_eq!(tweet.text, "kept until connected #later");
}
