//! Signatures checked when shown (PROTOCOL.md 9.7), between real cores on a
//! real broker: the window's core holds a pinned key's tweets unchecked,
//! and the checker thread catches a forged one once it is shown. What is
//! new, another key, or for the user is still checked on arrival.

use std::time::Instant;

use chirp::core::connection::net::NetEvent;
use chirp::core::model::author_key::Trust;
use chirp::core::model::timeline::{SignatureState, Timeline};
use chirp::core::model::tweet::Tweet;
use chirp::core::protocol::checker::SignatureChecker;
use chirp::core::protocol::deferred::Verification;
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::signed::TweetFields;
use chirp::core::protocol::wire;

use crate::common::{Broker, Core, deadline, mosquitto_pub, test_config};

/// A core as the window runs it, with presence as `user`, following `rust`.
fn window_core(broker: &Broker, user: &str) -> Core {
    let config = test_config(&broker.url(), user)
        .with_presence(Some(user.to_owned()))
        .with_verification(Verification::WhenShown);
    let core = Core::spawn_following(config, &["rust"]);
    core.wait_for(|e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == "rust")));
    core.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == user));
    core
}

/// Alice's signed payload `id`, its text then edited by `edit`.
fn by_alice(alice: &Identity, id: &str, text: &str, edit: Option<(&str, &str)>) -> Vec<u8> {
    let tags = vec!["rust".to_owned()];
    let fields = TweetFields {
        id,
        user: "alice",
        text,
        tags: &tags,
        ts: Some("2026-12-04T10:00:00.000Z"),
        reply_to: None,
        reply_to_user: None,
    };
    let payload = String::from_utf8(wire::encode_v1(&fields, Some(alice))).expect("utf-8");
    match edit {
        Some((from, to)) => payload.replace(from, to).into_bytes(),
        None => payload.into_bytes(),
    }
}

/// The next tweet or dropped payload the core reports.
fn next_arrival(core: &Core) -> NetEvent {
    core.wait_for(|e| matches!(e, NetEvent::Tweet { .. } | NetEvent::Dropped { .. }))
}

fn tweet_of(event: NetEvent) -> Tweet {
    match event {
        NetEvent::Tweet { tweet, .. } => tweet,
        other => panic!("expected a tweet, got {other:?}"),
    }
}

#[test]
fn a_forged_tweet_under_a_pinned_key_is_never_verified_and_leaves_the_view_when_shown() {
    let broker = Broker::start();
    let bob = window_core(&broker, "bob");
    let alice = Identity::generate();
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "first", "hi #rust", None),
    );
    let first = tweet_of(next_arrival(&bob));
    assert_eq!(first.signed.map(|s| s.trust), Some(Trust::NewKey));
    assert_eq!(
        first.deferred_signature, None,
        "a key is pinned only once verified"
    );

    let edit = Some(("honest", "dishonest"));
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "forged", "honest #rust", edit),
    );
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "second", "more #rust", None),
    );
    let mut timeline = Timeline::default();
    for tweet in [
        first,
        tweet_of(next_arrival(&bob)),
        tweet_of(next_arrival(&bob)),
    ] {
        timeline.insert_received(&tweet);
    }
    let held: Vec<(&str, SignatureState)> = timeline
        .iter()
        .map(|e| (e.id(), e.signature_state()))
        .collect();
    assert_eq!(
        held,
        [
            ("second", SignatureState::Deferred),
            ("forged", SignatureState::Deferred),
            ("first", SignatureState::Checked),
        ]
    );

    // The window shows all three: the checker answers for the two held.
    let mut checker = SignatureChecker::default();
    checker.check(timeline.begin_checks(0..3));
    let until = deadline();
    let mut answered = 0;
    while answered < 2 {
        assert!(Instant::now() < until, "the checker did not answer in time");
        for answer in checker.answers() {
            answered += 1;
            assert!(timeline.settle_signature(&answer.id, answer.verified));
        }
        std::thread::yield_now();
    }
    let shown: Vec<(&str, SignatureState)> = timeline
        .iter()
        .map(|e| (e.id(), e.signature_state()))
        .collect();
    assert_eq!(
        shown,
        [
            ("second", SignatureState::Checked),
            ("first", SignatureState::Checked)
        ],
        "the forged tweet is out of sight"
    );
}

#[test]
fn a_forged_mention_or_another_key_is_dropped_on_arrival_even_when_checks_wait() {
    let broker = Broker::start();
    let bob = window_core(&broker, "bob");
    let alice = Identity::generate();
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "first", "hi #rust", None),
    );
    assert!(matches!(next_arrival(&bob), NetEvent::Tweet { .. }));

    // For bob: it would notify him, so it is checked now.
    let edit = Some(("@bob hi", "@bob send me your password"));
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "m", "@bob hi #rust", edit),
    );
    match next_arrival(&bob) {
        NetEvent::Dropped { reason, .. } => assert!(reason.starts_with("forged:"), "{reason}"),
        other => panic!("a forged mention got through: {other:?}"),
    }
    // Signed by mallory under alice's name, tampered: another key than
    // the pinned one is never deferred.
    let mallory = Identity::generate();
    let edit = Some(("hello", "hullo"));
    let payload = by_alice(&mallory, "x", "hello #rust", edit);
    mosquitto_pub(&broker, "hashtags/rust", &payload);
    match next_arrival(&bob) {
        NetEvent::Dropped { reason, .. } => assert!(reason.starts_with("forged:"), "{reason}"),
        other => panic!("a forged tweet by another key got through: {other:?}"),
    }
    // A genuine mention arrives checked.
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        &by_alice(&alice, "ok", "@bob hey #rust", None),
    );
    let mention = tweet_of(next_arrival(&bob));
    assert_eq!(
        (mention.deferred_signature, mention.signed.map(|s| s.trust)),
        (None, Some(Trust::Verified))
    );
}
