//! Likes, reposts and deletions between real cores on a real mosquitto:
//! counted per key, forged ones dropped, a repost shown once, and a
//! deletion honoured only when signed by the tweet's own key (in the
//! timeline and in the stored history).

use chirp::core::connection::net::{self, NetEvent, NetLink, StorageLocation, WorkerOptions};
use chirp::core::model::timeline::{Deletion, Timeline};
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::social::compose::Draft;
use chirp::core::social::reaction::{self, Reaction, ReactionKind, Target};
use chirp::core::social::reactions::Reactions;

use crate::common::{Broker, Core, deadline, mosquitto_pub, test_config, wait_for};

fn reader(broker: &Broker, tags: &[&str]) -> Core {
    let core = Core::spawn_following(test_config(&broker.url(), "reader"), tags);
    let mut confirmed: Vec<String> = Vec::new();
    core.wait_for(|e| {
        if let NetEvent::Subscribed(now) = e {
            confirmed.extend(now.iter().cloned());
        }
        tags.iter().all(|tag| confirmed.iter().any(|c| c == tag))
    });
    core
}

/// A signed tweet by alice on `tags`, published; its id and target.
fn alice_tweets(broker: &Broker, alice: &Identity, tags: &[&str]) -> Target {
    let text = tags
        .iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ");
    let outgoing = Draft::new("alice", &format!("hello {text}"))
        .signed_by(Some(alice))
        .prepare()
        .expect("a valid draft");
    for publish in &outgoing.publishes {
        mosquitto_pub(broker, &publish.topic, &publish.payload);
    }
    Target {
        id: outgoing.tweet.id.clone(),
        user: Some("alice".into()),
        tags: outgoing.tweet.tags.clone(),
    }
}

/// `kind` by `user` (signed by `by`) published on each of the tweet's tags.
fn react(
    broker: &Broker,
    kind: ReactionKind,
    user: &str,
    by: &Identity,
    target: &Target,
) -> Vec<Vec<u8>> {
    let outgoing =
        reaction::prepare(kind, user, target, by, &TopicRoot::default()).expect("prepares");
    for publish in &outgoing.publishes {
        mosquitto_pub(broker, &publish.topic, &publish.payload);
    }
    outgoing.publishes.into_iter().map(|p| p.payload).collect()
}

/// The next reaction, or a dropped payload's reason, the link reports.
fn next(link: &NetLink) -> Result<Reaction, String> {
    match wait_for(link, deadline(), |e| {
        matches!(e, NetEvent::Reaction { .. } | NetEvent::Dropped { .. })
    }) {
        NetEvent::Reaction { reaction, .. } => Ok(reaction),
        NetEvent::Dropped { reason, .. } => Err(reason),
        other => unreachable!("{other:?}"),
    }
}

#[test]
fn likes_count_once_per_key_and_a_forged_like_is_dropped() {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust"]);
    let (alice, carol, dave) = (
        Identity::generate(),
        Identity::generate(),
        Identity::generate(),
    );
    let target = alice_tweets(&broker, &alice, &["rust"]);
    let mut reactions = Reactions::default();
    react(&broker, ReactionKind::Like, "carol", &carol, &target);
    react(&broker, ReactionKind::Like, "carol", &carol, &target);
    react(&broker, ReactionKind::Like, "dave", &dave, &target);
    for _ in 0..3 {
        reactions.apply(&next(bob.events()).expect("a like"));
    }
    assert_eq!(
        reactions.tally(&target.id).likes,
        2,
        "carol twice counts once"
    );

    let copy = react(
        &broker,
        ReactionKind::Like,
        "erin",
        &Identity::generate(),
        &target,
    );
    let _ = next(bob.events()).expect("erin's like");
    let forged = String::from_utf8(copy[0].clone())
        .expect("utf-8")
        .replace("\"erin\"", "\"eve\"");
    mosquitto_pub(&broker, "hashtags/rust", forged.as_bytes());
    let why = next(bob.events()).expect_err("the forged like is dropped");
    assert!(why.starts_with("forged:"), "{why}");
}

#[test]
fn a_repost_arriving_on_every_tag_shows_once_and_can_be_undone() {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust", "mqtt"]);
    let (alice, carol) = (Identity::generate(), Identity::generate());
    let target = alice_tweets(&broker, &alice, &["rust", "mqtt"]);
    let mut reactions = Reactions::default();
    react(&broker, ReactionKind::Repost, "carol", &carol, &target);
    for _ in 0..2 {
        reactions.apply(&next(bob.events()).expect("a copy of the repost"));
    }
    let tally = reactions.tally(&target.id);
    assert_eq!(
        (tally.reposts, tally.reposters.as_slice()),
        (1, ["carol".to_owned()].as_slice())
    );
    react(&broker, ReactionKind::Unrepost, "carol", &carol, &target);
    for _ in 0..2 {
        reactions.apply(&next(bob.events()).expect("a copy of the undo"));
    }
    assert_eq!(reactions.tally(&target.id).reposts, 0);
}

#[test]
fn only_the_author_s_deletion_removes_the_tweet_from_timeline_and_history() {
    let broker = Broker::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("history.sqlite3");
    let stored = |followed: Vec<String>| {
        let options = WorkerOptions::new(test_config(&broker.url(), "stored"))
            .following(followed)
            .stored_at(StorageLocation::File(db.clone()), 1_000);
        net::spawn(options, || {}).expect("spawn the worker")
    };
    let (alice, mallory) = (Identity::generate(), Identity::generate());
    {
        let (bob, _worker) = stored(vec!["rust".into()]);
        wait_for(&bob, deadline(), |e| matches!(e, NetEvent::Subscribed(_)));
        let target = alice_tweets(&broker, &alice, &["rust"]);
        let mut timeline = Timeline::default();
        match wait_for(&bob, deadline(), |e| matches!(e, NetEvent::Tweet { .. })) {
            NetEvent::Tweet { tweet, .. } => assert!(timeline.insert_received(&tweet)),
            other => unreachable!("{other:?}"),
        }
        react(&broker, ReactionKind::Delete, "alice", &mallory, &target);
        let forged = next(&bob).expect("a well-signed deletion by another key");
        assert_eq!(
            timeline.delete(&forged.target, &forged.signed.key),
            Deletion::OtherKey
        );
        react(&broker, ReactionKind::Delete, "alice", &alice, &target);
        let real = next(&bob).expect("alice's deletion");
        assert_eq!(
            timeline.delete(&real.target, &real.signed.key),
            Deletion::Deleted
        );
    }
    // After a restart the history no longer holds it.
    let (bob, _worker) = stored(vec!["rust".into()]);
    match wait_for(&bob, deadline(), |e| matches!(e, NetEvent::History(_))) {
        NetEvent::History(entries) => assert!(entries.is_empty(), "{entries:?}"),
        other => unreachable!("{other:?}"),
    }
}

#[test]
fn a_like_flood_from_fresh_keys_is_counted_and_the_next_tweet_still_arrives() {
    const LIKES: usize = 2_000;
    // No cap on what mosquitto queues for a subscriber (1,000 by default):
    // it would drop the rest for a client slower than the flood (a debug
    // build verifying each like), which is not Chirp's doing.
    let broker = Broker::start_with_config("max_queued_messages 0\n");
    let bob = reader(&broker, &["rust"]);
    let alice = Identity::generate();
    let target = alice_tweets(&broker, &alice, &["rust"]);
    let mut payloads = Vec::with_capacity(LIKES);
    for n in 0..LIKES {
        let fresh = Identity::generate();
        let like = reaction::prepare(
            ReactionKind::Like,
            &format!("bot{n}"),
            &target,
            &fresh,
            &TopicRoot::default(),
        )
        .expect("prepares");
        payloads.push(like.publishes[0].payload.clone());
    }
    // One mosquitto_pub for the whole flood: a line each.
    let lines: Vec<String> = payloads
        .iter()
        .map(|p| String::from_utf8(p.clone()).expect("utf-8"))
        .collect();
    crate::common::mosquitto_pub_lines(&broker, "hashtags/rust", &lines);
    let after = alice_tweets(&broker, &alice, &["rust"]);
    let mut reactions = Reactions::default();
    let mut tweets = 0;
    wait_for(bob.events(), deadline(), |event| {
        match event {
            NetEvent::Reaction { reaction, .. } => {
                reactions.apply(reaction);
            }
            NetEvent::Tweet { tweet, .. } if tweet.id == after.id => return true,
            NetEvent::Tweet { .. } => tweets += 1,
            _ => {}
        }
        false
    });
    assert_eq!(tweets, 1, "alice's first tweet, then the flood");
    assert_eq!(
        reactions.tally(&target.id).likes,
        LIKES,
        "one per fresh key"
    );
}
