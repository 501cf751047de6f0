//! Chirp and plain MQTT clients (`mosquitto_pub`, `mosquitto_sub`, as the
//! classic assignment clients behave) on the same real broker, both ways.

use crate::common;
use chirp::core::connection::net::{ConnectionState, NetCommand, NetEvent};
use chirp::core::model::tweet::WireFormat;
use chirp::core::social::compose;

use crate::common::{Broker, ClassicSubscriber, Core, mosquitto_pub};

/// Waits for the next tweet on `topic`, failing on any connection change meanwhile.
fn next_tweet(core: &Core, topic: &str) -> chirp::core::model::tweet::Tweet {
    let event = core.wait_for(|event| {
        assert!(
            !matches!(event, NetEvent::Connection(_)),
            "the connection changed: {event:?}"
        );
        matches!(event, NetEvent::Tweet { topic: t, .. } if t == topic)
    });
    let NetEvent::Tweet { tweet, .. } = event else {
        unreachable!()
    };
    tweet
}

#[test]
fn classic_text_from_a_plain_client_is_a_tweet_by_its_author() {
    let broker = Broker::start();
    let core = Core::connect(&broker.url(), "reader");
    core.follow("classic");

    mosquitto_pub(&broker, "hashtags/classic", b"bob: hello there");
    let tweet = next_tweet(&core, "hashtags/classic");
    assert_eq!(tweet.user.as_deref(), Some("bob"));
    assert_eq!(tweet.text, "hello there");
    assert_eq!(tweet.format, WireFormat::Classic);
    assert_eq!(tweet.tags, vec!["classic"]);
    assert!(!tweet.id.is_empty(), "classic tweets get an id on arrival");
    assert_eq!(tweet.sent_at, None, "classic text carries no time");
}

#[test]
fn raw_text_from_a_plain_client_has_no_author() {
    let broker = Broker::start();
    let core = Core::connect(&broker.url(), "reader");
    core.follow("raw");

    mosquitto_pub(&broker, "hashtags/raw", b"just some words, no author");
    let tweet = next_tweet(&core, "hashtags/raw");
    assert_eq!(tweet.user, None);
    assert_eq!(tweet.text, "just some words, no author");
    assert_eq!(tweet.format, WireFormat::Raw);
    assert_eq!(tweet.tags, vec!["raw"]);
}

#[test]
fn non_utf8_payload_is_dropped_and_the_core_keeps_receiving() {
    let broker = Broker::start();
    let core = Core::connect(&broker.url(), "reader");
    core.follow("bytes");

    mosquitto_pub(&broker, "hashtags/bytes", &[0xff, 0xfe, 0x00, 0x41, 0xc3]);
    let dropped = core.wait_for(|event| {
        assert!(
            !matches!(event, NetEvent::Tweet { .. }),
            "garbage shown as a tweet: {event:?}"
        );
        matches!(event, NetEvent::Dropped { .. })
    });
    let NetEvent::Dropped { topic, reason } = dropped else {
        unreachable!()
    };
    assert_eq!(topic, "hashtags/bytes");
    assert!(reason.contains("UTF-8"), "reason: {reason}");

    // Still connected (no status change at all) and still receiving.
    mosquitto_pub(&broker, "hashtags/bytes", b"carol: still here");
    let tweet = next_tweet(&core, "hashtags/bytes");
    assert_eq!(tweet.user.as_deref(), Some("carol"));
    assert_eq!(tweet.text, "still here");
    assert!(
        std::iter::from_fn(|| core.events().try_recv())
            .all(|e| !matches!(e, NetEvent::Connection(ConnectionState::Offline { .. }))),
        "the core went offline"
    );
}

#[test]
fn classic_post_from_chirp_reaches_a_plain_subscriber_as_user_colon_text() {
    let broker = Broker::start();
    let subscriber = ClassicSubscriber::start(&broker, "hashtags/classic");
    let core = Core::connect(&broker.url(), "writer");

    let outgoing = compose::Draft::new("alice", "hi from chirp")
        .tag("classic")
        .format(compose::PostFormat::Classic)
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    core.wait_acknowledged(&id);
    assert_eq!(subscriber.payload(), "alice: hi from chirp");
}

#[test]
fn json_post_from_chirp_is_one_v1_object_for_a_plain_subscriber() {
    let broker = Broker::start();
    let subscriber = ClassicSubscriber::start(&broker, "hashtags/json");
    let core = Core::connect(&broker.url(), "writer");

    let outgoing = compose::Draft::new("alice", "structured #json")
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    core.wait_acknowledged(&id);
    let payload = subscriber.payload();
    let json: serde_json::Value = serde_json::from_str(&payload).expect("one JSON object");
    assert_eq!(json["v"], 1);
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["user"], "alice");
    assert_eq!(json["text"], "structured #json");
    assert_eq!(json["tags"], serde_json::json!(["json"]));
    assert!(
        json["ts"].as_str().is_some_and(|ts| ts.ends_with('Z')),
        "{payload}"
    );
}

/// Waits for a Dropped payload on `topic`, failing on a tweet or any
/// connection change meanwhile; returns the reason.
fn dropped_without_disconnect(core: &Core, topic: &str) -> String {
    let event = core.wait_for(|event| {
        assert!(
            !matches!(event, NetEvent::Tweet { .. } | NetEvent::Connection(_)),
            "expected the payload to be dropped quietly, got {event:?}"
        );
        matches!(event, NetEvent::Dropped { topic: t, .. } if t == topic)
    });
    let NetEvent::Dropped { reason, .. } = event else {
        unreachable!()
    };
    reason
}

#[test]
fn oversize_payloads_are_dropped_without_disconnecting() {
    let broker = Broker::start();
    let core = Core::connect(&broker.url(), "reader");
    core.follow("big");

    // Over the decoder's 256 KiB limit.
    mosquitto_pub(&broker, "hashtags/big", &vec![b'a'; 300 * 1024]);
    let reason = dropped_without_disconnect(&core, "hashtags/big");
    assert!(reason.contains("limit"), "reason: {reason}");
    // Far over it: still read and refused, not a reason to hang up.
    mosquitto_pub(&broker, "hashtags/big", &vec![b'a'; 4 * 1024 * 1024]);
    let reason = dropped_without_disconnect(&core, "hashtags/big");
    assert!(reason.contains("limit"), "reason: {reason}");

    mosquitto_pub(&broker, "hashtags/big", b"dave: small again");
    let tweet = next_tweet(&core, "hashtags/big");
    assert_eq!(tweet.user.as_deref(), Some("dave"));
    assert_eq!(tweet.text, "small again");
}

#[test]
fn retained_oversize_payload_does_not_cause_a_disconnect_loop() {
    let broker = Broker::start();
    // Retained: the broker sends it again on every subscription. Were it a
    // reason to disconnect, every reconnect would disconnect again.
    common::mosquitto_pub_retained(&broker, "hashtags/trap", &vec![b'a'; 4 * 1024 * 1024]);
    let core = Core::connect(&broker.url(), "reader");
    core.send(NetCommand::Subscribe("trap".into()));
    let reason = dropped_without_disconnect(&core, "hashtags/trap");
    assert!(reason.contains("limit"), "reason: {reason}");

    mosquitto_pub(&broker, "hashtags/trap", b"erin: after the trap");
    let tweet = next_tweet(&core, "hashtags/trap");
    assert_eq!(tweet.user.as_deref(), Some("erin"));
}
