//! Following people (`chirp/users/<user>`) between independent Chirp cores
//! through a real mosquitto: a followed person's tweets arrive whatever
//! the hashtag, each tweet once in a timeline even when it also comes on a
//! followed hashtag; someone else's tweet on a person's topic is dropped;
//! a signed one is judged against the pins like any tweet; unfollowing
//! stops them.

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::author_key::Trust;
use chirp::core::model::timeline::Timeline;
use chirp::core::protocol::identity::Identity;
use chirp::core::social::compose::Draft;

use crate::common::{Broker, Core, mosquitto_pub, test_config};

fn core(broker: &Broker, name: &str) -> Core {
    let core = Core::spawn(test_config(&broker.url(), name));
    core.wait_connected();
    core
}

/// Follows `user` and waits until the broker confirmed it.
fn follow_person(core: &Core, user: &str) {
    core.send(NetCommand::FollowPerson(user.to_owned()));
    core.wait_for(|e| matches!(e, NetEvent::SubscribedPeople(u) if u.iter().any(|u| u == user)));
}

/// Posts alice's `text` from `sender` and waits for the broker's ack.
fn post(sender: &Core, user: &str, text: &str, signer: Option<&Identity>) -> String {
    let outgoing = Draft::new(user, text)
        .signed_by(signer)
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    sender.send(NetCommand::Publish(outgoing));
    sender.wait_acknowledged(&id);
    id
}

#[test]
fn following_a_person_receives_their_tweets_under_an_unfollowed_hashtag() {
    let broker = Broker::start();
    let alice = core(&broker, "alice");
    let dana = core(&broker, "dana");
    let erin = core(&broker, "erin");
    follow_person(&dana, "alice");
    follow_person(&erin, "alice");
    erin.follow("gardening");

    let id = post(&alice, "alice", "tomatoes are in #gardening", None);
    let (topic, tweet) = dana.wait_tweet(&id);
    assert_eq!(topic, "chirp/users/alice");
    assert_eq!(tweet.user.as_deref(), Some("alice"));
    assert_eq!(tweet.tags, ["gardening"], "its own hashtags, none added");

    // Erin follows both the person and the hashtag: two copies, one tweet.
    let mut timeline = Timeline::default();
    let mut topics = Vec::new();
    for _ in 0..2 {
        let (topic, tweet) = erin.wait_tweet(&id);
        topics.push(topic);
        timeline.insert_received(&tweet);
    }
    topics.sort();
    assert_eq!(topics, ["chirp/users/alice", "hashtags/gardening"]);
    assert_eq!(timeline.len(), 1, "the timeline shows it once");
}

#[test]
fn someone_elses_tweet_on_a_persons_topic_is_dropped_and_signed_ones_are_judged() {
    let broker = Broker::start();
    let dana = core(&broker, "dana");
    follow_person(&dana, "alice");

    // Mallory writes on alice's topic: not shown as anything.
    let forged = Draft::new("mallory", "I am alice #x")
        .prepare()
        .expect("valid");
    mosquitto_pub(&broker, "chirp/users/alice", &forged.publishes[0].payload);
    let dropped = dana.wait_for(|e| matches!(e, NetEvent::Dropped { .. }));
    let NetEvent::Dropped { topic, reason } = dropped else {
        unreachable!()
    };
    assert_eq!(topic, "chirp/users/alice");
    assert!(reason.contains("not by @alice"), "{reason}");

    // A classic payload has no id to show it once: dropped too.
    mosquitto_pub(&broker, "chirp/users/alice", b"alice: hello");
    dana.wait_for(
        |e| matches!(e, NetEvent::Dropped { reason, .. } if reason.contains("not a Chirp")),
    );

    // Alice's key is pinned on first sight; another key under her name is flagged.
    let (key, other) = (Identity::generate(), Identity::generate());
    let sender = core(&broker, "sender");
    let first = post(&sender, "alice", "signed #x", Some(&key));
    let (_, tweet) = dana.wait_tweet(&first);
    assert_eq!(tweet.signed.map(|s| s.trust), Some(Trust::NewKey));
    let impostor = post(&sender, "alice", "also me #x", Some(&other));
    let (_, tweet) = dana.wait_tweet(&impostor);
    assert_eq!(tweet.signed.map(|s| s.trust), Some(Trust::KeyChanged));
}

#[test]
fn unfollowing_a_person_stops_their_tweets() {
    let broker = Broker::start();
    let alice = core(&broker, "alice");
    let dana = core(&broker, "dana");
    follow_person(&dana, "alice");
    dana.follow("news");
    let before = post(&alice, "alice", "one #misc", None);
    dana.wait_tweet(&before);

    dana.send(NetCommand::UnfollowPerson("alice".to_owned()));
    dana.wait_for(|e| matches!(e, NetEvent::UnsubscribedPeople(u) if u == &["alice"]));
    let after = post(&alice, "alice", "two #misc", None);
    // The broker delivers one publisher's messages in order: once the
    // marker is here, the unfollowed tweet would have been too.
    let marker = post(&alice, "bob", "marker #news", None);
    let mut seen = Vec::new();
    dana.wait_for(|e| {
        if let NetEvent::Tweet { tweet, .. } = e {
            seen.push(tweet.id.clone());
        }
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == marker)
    });
    assert!(
        !seen.contains(&after),
        "nothing from alice after unfollowing"
    );
}
