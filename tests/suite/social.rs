//! Replies, mentions and direct messages between Chirp cores and plain MQTT
//! clients, through a real mosquitto.

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::tweet::ReplyTarget;
use chirp::core::model::tweet::ReplyTo;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::social::compose;
use chirp::core::social::direct;

use chirp::core::connection::net::ConnectionState;

use crate::common::{
    Broker, ClassicSubscriber, Core, deadline, mosquitto_pub, test_config, wait_for,
};

/// A core for `user`: its presence, mentions and direct messages, ready.
fn person(broker: &Broker, user: &str, tags: &[&str]) -> Core {
    let config = test_config(&broker.url(), user).with_presence(Some(user.to_owned()));
    let core = Core::spawn_following(config, tags);
    core.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == user));
    core
}

fn post(core: &Core, user: &str, text: &str, reply: Option<&ReplyTarget>) -> String {
    let root = TopicRoot::default();
    let outgoing = compose::Draft::new(user, text)
        .reply_to(reply)
        .under(&root)
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    core.wait_acknowledged(&id);
    id
}

#[test]
fn a_reply_carries_its_parent_and_reaches_the_parents_followers() {
    let broker = Broker::start();
    let alice = person(&broker, "alice", &["rust"]);
    let bob = person(&broker, "bob", &["rust"]);
    let carol = person(&broker, "carol", &["rust"]);

    let parent_id = post(&alice, "alice", "Is #rust fun?", None);
    let (_, parent) = bob.wait_tweet(&parent_id);
    let target = ReplyTarget {
        parent: ReplyTo {
            id: parent.id.clone(),
            user: parent.user.clone(),
        },
        tags: parent.tags.clone(),
    };
    // No hashtag in the text: it still goes under the parent's.
    let reply_id = post(&bob, "bob", "very much", Some(&target));

    let (topic, reply) = carol.wait_tweet(&reply_id);
    assert_eq!(topic, "hashtags/rust");
    assert_eq!(reply.reply_to, Some(target.parent.clone()));
    assert_eq!(reply.tags, ["rust"]);
    let (_, at_parent_author) = alice.wait_tweet(&reply_id);
    assert_eq!(at_parent_author.reply_to.map(|p| p.id), Some(parent_id));
}

#[test]
fn a_mention_reaches_its_person_on_a_hashtag_they_do_not_follow() {
    let broker = Broker::start();
    let alice = person(&broker, "alice", &[]);
    let bob = person(&broker, "bob", &[]);
    let classic = ClassicSubscriber::start(&broker, "chirp/mentions/alice");

    let id = post(&bob, "bob", "look at this @alice #elsewhere", None);
    let (topic, tweet) = alice.wait_tweet(&id);
    assert_eq!(topic, "chirp/mentions/alice");
    assert_eq!(tweet.user.as_deref(), Some("bob"));
    assert_eq!(
        tweet.tags,
        ["elsewhere"],
        "its hashtags come from the payload"
    );
    assert!(classic.payload().contains("look at this @alice"));
}

#[test]
fn direct_messages_go_to_their_recipient_and_say_they_are_readable() {
    let broker = Broker::start();
    let alice = person(&broker, "alice", &[]);
    let bob = person(&broker, "bob", &[]);
    // Anyone may subscribe to bob's messages: that is why the UI says so.
    let eavesdropper = ClassicSubscriber::start(&broker, "chirp/dm/bob");

    let outgoing = direct::prepare("alice", "bob", "lunch at one?").expect("valid");
    let id = outgoing.message.id.clone();
    alice.send(NetCommand::SendDirect(outgoing));
    alice.wait_acknowledged(&id);
    let received = bob.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.id == id));
    let NetEvent::Direct(message) = received else {
        unreachable!()
    };
    assert_eq!(
        (message.from.as_str(), message.to.as_str()),
        ("alice", "bob")
    );
    assert_eq!(message.text, "lunch at one?");
    assert!(eavesdropper.payload().contains("lunch at one?"));

    // A message from a plain MQTT client, written by hand to PROTOCOL.md.
    let by_hand = br#"{"v":1,"kind":"dm","id":"hand-1","from":"dave","to":"bob","text":"hi from mosquitto_pub","ts":"2026-12-01T10:00:00.000Z","enc":"none"}"#;
    mosquitto_pub(&broker, "chirp/dm/bob", by_hand);
    bob.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.id == "hand-1" && m.from == "dave"));
}

#[test]
fn a_message_written_offline_is_sent_once_connected() {
    // Bob keeps a session on a broker that saves it across its restart, so
    // the message waits for him whoever reconnects first.
    let store = tempfile::tempdir().expect("temp dir");
    let mut broker = Broker::start_with_config(&format!(
        "persistence true\npersistence_location {}/\n",
        store.path().display()
    ));
    let config = test_config(&broker.url(), "bob")
        .with_presence(Some("bob".to_owned()))
        .with_persistent_session(true);
    let bob = Core::spawn(config);
    bob.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == "bob"));
    let alice = person(&broker, "alice", &[]);
    broker.stop_gracefully();
    alice.wait_for(|e| {
        matches!(
            e,
            NetEvent::Connection(chirp::core::connection::net::ConnectionState::Offline { .. })
        )
    });
    let outgoing = direct::prepare("alice", "bob", "written offline").expect("valid");
    let id = outgoing.message.id.clone();
    alice.send(NetCommand::SendDirect(outgoing));
    broker.restart();
    alice.wait_acknowledged(&id);
    bob.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.id == id));
}

#[test]
fn hostile_direct_messages_are_dropped_and_the_connection_stays() {
    let broker = Broker::start();
    let bob = person(&broker, "bob", &[]);
    let junk: [&[u8]; 5] = [
        b"\xff\xfe not utf-8",
        br#"{"v":1,"kind":"dm","id":"x","from":"eve","to":"bob","text":"sealed","enc":"x25519"}"#,
        br#"{"v":1,"kind":"dm","id":"y","from":"eve","to":"carol","text":"misdelivered"}"#,
        br#"{"v":1,"kind":"dm","id":"z","from":"e/ve","to":"bob","text":"bad sender"}"#,
        &[b'{'; 1024 * 1024],
    ];
    for payload in junk {
        mosquitto_pub(&broker, "chirp/dm/bob", payload);
    }
    let fine = br#"{"v":1,"kind":"dm","id":"ok","from":"ann","to":"bob","text":"still here?"}"#;
    mosquitto_pub(&broker, "chirp/dm/bob", fine);
    let mut dropped = 0;
    bob.wait_for(|e| {
        assert!(
            !matches!(e, NetEvent::Connection(_)),
            "the connection dropped: {e:?}"
        );
        assert!(
            !matches!(e, NetEvent::Direct(m) if m.id != "ok"),
            "junk shown: {e:?}"
        );
        dropped += usize::from(matches!(e, NetEvent::Dropped { .. }));
        matches!(e, NetEvent::Direct(m) if m.id == "ok")
    });
    assert_eq!(dropped, junk.len(), "every junk message counted");
}

#[test]
fn the_mentions_topic_takes_only_what_is_for_its_person() {
    let broker = Broker::start();
    let alice = person(&broker, "alice", &[]);
    mosquitto_pub(
        &broker,
        "chirp/mentions/alice",
        b"spam, for nobody in particular",
    );
    mosquitto_pub(
        &broker,
        "chirp/mentions/alice",
        br#"{"v":1,"id":"m-bob","user":"eve","text":"hi @bob","tags":["x"]}"#,
    );
    let answer = br#"{"v":1,"id":"m-ok","user":"dan","text":"thanks","tags":["x"],"reply_to":"p","reply_to_user":"alice"}"#;
    mosquitto_pub(&broker, "chirp/mentions/alice", answer);
    let mut dropped = 0;
    alice.wait_for(|e| {
        assert!(
            !matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id != "m-ok"),
            "not for alice, shown: {e:?}"
        );
        dropped += usize::from(matches!(e, NetEvent::Dropped { .. }));
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == "m-ok")
    });
    assert_eq!(dropped, 2);
}

/// Bob's window core: presence, personal topics and a history file at `db`.
fn bob_with_history(
    broker: &Broker,
    db: &std::path::Path,
) -> (
    chirp::core::connection::net::NetLink,
    chirp::core::connection::net::WorkerThread,
) {
    let config = test_config(&broker.url(), "bob").with_presence(Some("bob".to_owned()));
    let storage = chirp::core::connection::net::StorageLocation::File(db.to_path_buf());
    let options =
        chirp::core::connection::net::WorkerOptions::new(config).stored_at(storage, 1_000);
    chirp::core::connection::net::spawn(options, || {}).expect("spawn the worker")
}

#[test]
fn direct_messages_come_back_after_a_restart_and_an_unsent_one_goes_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("history.sqlite3");
    let mut broker = Broker::start();
    let ann = person(&broker, "ann", &[]);
    let hello = direct::prepare("ann", "bob", "kept across restarts").expect("valid");
    let reply = direct::prepare("bob", "ann", "written offline, then closed").expect("valid");
    let (hello_id, reply_id) = (hello.message.id.clone(), reply.message.id.clone());
    {
        let (bob, _worker) = bob_with_history(&broker, &db);
        wait_for(&bob, deadline(), |e| {
            matches!(e, NetEvent::PersonalReady(_))
        });
        ann.send(NetCommand::SendDirect(hello));
        wait_for(
            &bob,
            deadline(),
            |e| matches!(e, NetEvent::Direct(m) if m.id == hello_id),
        );
        broker.stop();
        wait_for(&bob, deadline(), |e| {
            matches!(e, NetEvent::Connection(ConnectionState::Offline { .. }))
        });
        bob.send(NetCommand::SendDirect(reply));
        // Dropping the worker stops it (after a short grace for unsent
        // messages); the message is on disk by then.
    }
    broker.restart();
    ann.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == "ann"));

    let (bob, _worker) = bob_with_history(&broker, &db);
    let NetEvent::DirectHistory(saved) = wait_for(&bob, deadline(), |e| {
        matches!(e, NetEvent::DirectHistory(_))
    }) else {
        unreachable!()
    };
    let kept: Vec<(&str, bool)> = saved
        .iter()
        .map(|s| (s.message.text.as_str(), s.unsent))
        .collect();
    assert_eq!(
        kept,
        [
            ("kept across restarts", false),
            ("written offline, then closed", true)
        ]
    );
    ann.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.id == reply_id));
    wait_for(
        &bob,
        deadline(),
        |e| matches!(e, NetEvent::Acknowledged(id) if *id == reply_id),
    );
}
