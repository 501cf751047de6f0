//! Signed tweets between independent Chirp cores, each with its own
//! `Identity`, through a real mosquitto: trust on first use (new key, then
//! verified; another key for a pinned name flagged and never pinned), and
//! forged or replayed payloads crafted from valid signed ones with
//! mosquitto_pub: each is dropped with its reason, never shown, and a valid
//! tweet after it still arrives on the same connection.

use chirp::core::connection::net::{
    self, NetCommand, NetEvent, NetLink, StorageLocation, WorkerOptions, WorkerThread,
};
use chirp::core::model::author_key::{AuthorKey, Trust};
use chirp::core::model::tweet::{Tweet, WireFormat};
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::signed::TweetFields;
use chirp::core::protocol::wire;
use chirp::core::social::compose::Draft;
use chirp::core::social::trust::PinChange;
use serde_json::{Value, json};

use crate::common::{Broker, Core, deadline, mosquitto_pub, test_config, wait_for};

/// The `ts` of every crafted payload.
const TS: &str = "2026-12-04T10:00:00.000Z";

/// A core that only posts.
fn poster(broker: &Broker, name: &str) -> Core {
    let core = Core::spawn(test_config(&broker.url(), name));
    core.wait_connected();
    core
}

/// A core following `tags` from its start, once the broker confirmed them all.
fn reader(broker: &Broker, tags: &[&str]) -> Core {
    let core = Core::spawn_following(test_config(&broker.url(), "reader"), tags);
    until_subscribed(&core.link, tags);
    core
}

/// Events until the broker confirmed every one of `tags`, that one included
/// (connecting on the way).
fn until_subscribed(link: &NetLink, tags: &[&str]) -> Vec<NetEvent> {
    let mut confirmed: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let last = wait_for(link, deadline(), |e| {
        if let NetEvent::Subscribed(now) = e {
            confirmed.extend(now.iter().cloned());
        }
        let all = tags.iter().all(|tag| confirmed.iter().any(|c| c == tag));
        if !all {
            seen.push(e.clone());
        }
        all
    });
    seen.push(last);
    seen
}

/// A core with presence as `user`: its mentions topic is followed.
fn person(broker: &Broker, user: &str) -> Core {
    let config = test_config(&broker.url(), user).with_presence(Some(user.to_owned()));
    let core = Core::spawn(config);
    core.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == user));
    core
}

/// Posts `text` as `user` signed by `identity` through the core's link,
/// and waits for the broker's acknowledgement; the tweet's id.
fn post_signed(core: &Core, user: &str, text: &str, identity: &Identity) -> String {
    let outgoing = Draft::new(user, text)
        .signed_by(Some(identity))
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    core.wait_acknowledged(&id);
    id
}

/// Events until `stop` accepts one, that one included. A connection change
/// fails the test: nothing here may cost the connection.
fn events_until(link: &NetLink, mut stop: impl FnMut(&NetEvent) -> bool) -> Vec<NetEvent> {
    let mut seen = Vec::new();
    let last = wait_for(link, deadline(), |event| {
        assert!(
            !matches!(event, NetEvent::Connection(_)),
            "the connection changed: {event:?}"
        );
        if stop(event) {
            return true;
        }
        seen.push(event.clone());
        false
    });
    seen.push(last);
    seen
}

/// What a core reported up to and including tweet `id`.
struct Arrival {
    tweet: Tweet,
    topic: String,
    /// Pin changes reported before it.
    pins: Vec<PinChange>,
    /// Payloads dropped before it: topic and reason.
    dropped: Vec<(String, String)>,
}

/// Waits for tweet `id`; any other tweet before it fails the test.
fn arrival(link: &NetLink, id: &str) -> Arrival {
    let events = events_until(
        link,
        |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id),
    );
    let (mut pins, mut dropped, mut found) = (Vec::new(), Vec::new(), None);
    for event in events {
        match event {
            NetEvent::PinChanged(change) => pins.push(change),
            NetEvent::Dropped { topic, reason } => dropped.push((topic, reason)),
            NetEvent::Tweet { topic, tweet } if tweet.id == id => found = Some((topic, tweet)),
            NetEvent::Tweet { tweet, .. } => panic!("an unexpected tweet arrived: {tweet:?}"),
            _ => {}
        }
    }
    let (topic, tweet) = found.expect("the tweet arrived");
    Arrival {
        tweet,
        topic,
        pins,
        dropped,
    }
}

/// The key and trust a received tweet carries; panics if it is unsigned.
fn signed_as(tweet: &Tweet) -> (AuthorKey, Trust) {
    let signed = tweet
        .signed
        .unwrap_or_else(|| panic!("arrived unsigned: {tweet:?}"));
    (signed.key, signed.trust)
}

fn pinned_key(change: &PinChange, user: &str) -> AuthorKey {
    match change {
        PinChange::Pinned(pin) if pin.user == user => pin.key,
        other => panic!("expected {user} pinned, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Trust on first use, between cores

#[test]
fn a_signed_tweet_is_a_new_key_the_first_time_and_verified_the_second() {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust"]);
    let alice = Identity::generate();
    let a = poster(&broker, "alice");

    let first = post_signed(&a, "alice", "first signed #rust", &alice);
    let got = arrival(&bob.link, &first);
    assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::NewKey));
    assert_eq!(got.tweet.user.as_deref(), Some("alice"));
    assert_eq!(got.tweet.text, "first signed #rust");
    assert_eq!(got.tweet.format, WireFormat::Chirp);
    assert_eq!(got.pins.len(), 1, "one pin made: {:?}", got.pins);
    assert_eq!(pinned_key(&got.pins[0], "alice"), alice.author_key());

    let second = post_signed(&a, "alice", "second signed #rust", &alice);
    let got = arrival(&bob.link, &second);
    assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::Verified));
    assert!(
        got.pins.is_empty(),
        "a known key pins nothing: {:?}",
        got.pins
    );
}

#[test]
fn another_key_for_a_pinned_name_is_key_changed_and_the_pin_stays() {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust"]);
    let (alice, mallory) = (Identity::generate(), Identity::generate());
    assert_ne!(alice.author_key(), mallory.author_key());
    let a = poster(&broker, "alice");
    let c = poster(&broker, "impostor");

    let real = post_signed(&a, "alice", "the real alice #rust", &alice);
    let got = arrival(&bob.link, &real);
    assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::NewKey));
    assert_eq!(pinned_key(&got.pins[0], "alice"), alice.author_key());

    for round in 0..2 {
        let fake = post_signed(&c, "alice", "also alice, honest #rust", &mallory);
        let got = arrival(&bob.link, &fake);
        assert_eq!(
            signed_as(&got.tweet),
            (mallory.author_key(), Trust::KeyChanged),
            "round {round}: a good signature by another key is not alice's"
        );
        assert!(
            got.pins.is_empty(),
            "round {round}: re-pinned: {:?}",
            got.pins
        );

        // The pin is still alice's key: her next tweet is verified.
        let again = post_signed(&a, "alice", "still me #rust", &alice);
        let got = arrival(&bob.link, &again);
        assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::Verified));
        assert!(got.pins.is_empty(), "{:?}", got.pins);
    }
}

#[test]
fn a_signed_mention_copy_verifies_on_the_mentions_topic() {
    let broker = Broker::start();
    // Bob follows no hashtag: only the mention copy reaches him.
    let bob = person(&broker, "bob");
    let alice = Identity::generate();
    let a = poster(&broker, "alice");

    let id = post_signed(&a, "alice", "look @bob #elsewhere", &alice);
    let got = arrival(&bob.link, &id);
    assert_eq!(got.topic, "chirp/mentions/bob");
    assert_eq!(
        got.tweet.tags,
        ["elsewhere"],
        "the signed tags, nothing added"
    );
    assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::NewKey));
    assert!(got.dropped.is_empty(), "{:?}", got.dropped);
}

// ---------------------------------------------------------------------------
// Crafted payloads, through mosquitto_pub

/// Alice's valid signed v1 payload, as a JSON value to edit.
fn signed_json(id: &str, text: &str, tags: &[&str], alice: &Identity) -> Value {
    let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
    let fields = TweetFields {
        id,
        user: "alice",
        text,
        tags: &tags,
        ts: Some(TS),
        reply_to: None,
        reply_to_user: None,
    };
    serde_json::from_slice(&wire::encode_v1(&fields, Some(alice))).expect("JSON")
}

fn bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("serialize")
}

/// Publishes `payload` on `hashtags/<on_tag>` to a core following `rust`
/// and `other`, then a valid signed tweet by alice on `hashtags/rust`.
/// Checks that the payload was dropped (one `Dropped` on its topic whose
/// reason contains `reason`), that no tweet but the valid one arrived, that
/// the connection never changed, and that the valid one is alice's first
/// signed tweet there (the dropped one pinned nothing).
fn assert_refused(payload: &[u8], on_tag: &str, reason: &str, alice: &Identity) {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust", "other"]);
    let topic = format!("hashtags/{on_tag}");
    mosquitto_pub(&broker, &topic, payload);
    let after = bytes(&signed_json("after", "still here #rust", &["rust"], alice));
    mosquitto_pub(&broker, "hashtags/rust", &after);

    let after = arrival(&bob.link, "after");
    assert_eq!(after.topic, "hashtags/rust");
    assert_eq!(
        signed_as(&after.tweet),
        (alice.author_key(), Trust::NewKey),
        "the refused payload pinned nothing"
    );
    assert_eq!(
        after.pins.len(),
        1,
        "only the valid tweet's pin: {:?}",
        after.pins
    );
    match after.dropped.as_slice() {
        [(at, why)] => {
            assert_eq!(at, &topic);
            assert!(
                why.contains(reason),
                "dropped because {why:?}, not {reason:?}"
            );
        }
        other => panic!("expected one payload dropped on {topic}, got {other:?}"),
    }
}

/// Alice's valid signed tweet `id` on `rust`, edited by `edit`; the
/// unedited one is checked to decode as signed first, so what refuses the
/// result is the edit.
fn crafted(id: &str, alice: &Identity, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut payload = signed_json(id, "an honest tweet #rust", &["rust"], alice);
    let original = wire::decode("hashtags/rust", &bytes(&payload), chrono::Utc::now())
        .expect("the unedited payload is valid");
    assert_eq!(original.signed.map(|s| s.key), Some(alice.author_key()));
    edit(&mut payload);
    bytes(&payload)
}

const FORGED: &str = "forged: the signature does not verify";
const MALFORMED: &str = "forged: the signature is not 64 bytes of base64";

#[test]
fn a_signed_tweet_with_tampered_text_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-text", &alice, |p| {
        p["text"] = json!("an honest tweet, edited #rust");
    });
    assert_refused(&payload, "rust", FORGED, &alice);
}

#[test]
fn a_signed_tweet_with_tampered_tags_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-tags", &alice, |p| {
        p["tags"] = json!(["rust", "other"]);
    });
    assert_refused(&payload, "rust", FORGED, &alice);
}

#[test]
fn a_signed_tweet_with_a_tampered_ts_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-ts", &alice, |p| {
        p["ts"] = json!("2026-12-04T10:00:01.000Z");
    });
    assert_refused(&payload, "rust", FORGED, &alice);
}

#[test]
fn a_signed_tweet_with_a_tampered_id_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-id", &alice, |p| {
        p["id"] = json!("t-id-2");
    });
    assert_refused(&payload, "rust", FORGED, &alice);
}

#[test]
fn a_truncated_signature_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-short", &alice, |p| {
        let sig = p["sig"].as_str().expect("sig").to_owned();
        p["sig"] = json!(sig[..sig.len() - 4]);
    });
    assert_refused(&payload, "rust", MALFORMED, &alice);
}

#[test]
fn a_signature_that_is_not_base64_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-b64", &alice, |p| {
        let len = p["sig"].as_str().expect("sig").len();
        // The right length, so that only the alphabet is wrong.
        p["sig"] = json!("!".repeat(len));
    });
    assert_refused(&payload, "rust", MALFORMED, &alice);
}

#[test]
fn a_signature_by_another_key_under_alices_key_is_dropped_as_forged() {
    let (alice, mallory) = (Identity::generate(), Identity::generate());
    let payload = crafted("t-mallory", &alice, |p| {
        // Mallory signs exactly what alice's signature covers, alice's key
        // included, and puts it next to alice's pk.
        let tags = ["rust".to_owned()];
        let fields = TweetFields {
            id: "t-mallory",
            user: "alice",
            text: "an honest tweet #rust",
            tags: &tags,
            ts: Some(TS),
            reply_to: None,
            reply_to_user: None,
        };
        let sig = fields.canonical(&alice.author_key()).sign(&mallory);
        assert_ne!(p["sig"], json!(sig));
        p["sig"] = json!(sig);
    });
    assert_refused(&payload, "rust", FORGED, &alice);
}

#[test]
fn a_key_without_a_signature_is_dropped_as_forged() {
    let alice = Identity::generate();
    let payload = crafted("t-nosig", &alice, |p| {
        p.as_object_mut().expect("object").remove("sig");
    });
    assert_refused(
        &payload,
        "rust",
        "forged: a key without a signature",
        &alice,
    );
}

#[test]
fn a_valid_signed_tweet_replayed_on_another_followed_tag_is_dropped() {
    let alice = Identity::generate();
    // Signed for #rust only, published on #other, which the reader follows.
    let payload = crafted("t-replay", &alice, |_| {});
    assert_refused(&payload, "other", "replayed", &alice);
}

#[test]
fn unsigned_v1_and_classic_tweets_are_still_shown_unsigned() {
    let broker = Broker::start();
    let bob = reader(&broker, &["rust"]);
    let tags = ["rust".to_owned()];
    let fields = TweetFields {
        id: "plain-v1",
        user: "alice",
        text: "no key here #rust",
        tags: &tags,
        ts: Some(TS),
        reply_to: None,
        reply_to_user: None,
    };
    mosquitto_pub(&broker, "hashtags/rust", &wire::encode_v1(&fields, None));
    mosquitto_pub(&broker, "hashtags/rust", b"bob: hi");

    let got = arrival(&bob.link, "plain-v1");
    assert_eq!(got.tweet.format, WireFormat::Chirp);
    assert_eq!(got.tweet.signed, None);
    assert_eq!(got.tweet.text, "no key here #rust");
    let classic = events_until(
        &bob.link,
        |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.format == WireFormat::Classic),
    );
    let Some(NetEvent::Tweet { tweet, .. }) = classic.last() else {
        unreachable!()
    };
    assert_eq!(
        (tweet.user.as_deref(), tweet.text.as_str()),
        (Some("bob"), "hi")
    );
    assert_eq!(tweet.signed, None);
    assert!(
        got.dropped.is_empty() && got.pins.is_empty(),
        "{:?}",
        got.dropped
    );
    assert!(
        !classic
            .iter()
            .any(|e| matches!(e, NetEvent::Dropped { .. } | NetEvent::PinChanged(_))),
        "{classic:#?}"
    );
}

// ---------------------------------------------------------------------------
// Pins on disk

/// A reader core keeping its history and pins in `db`, following `tags`;
/// the events until the broker confirmed them.
fn stored_reader(
    broker: &Broker,
    db: &std::path::Path,
    tags: &[&str],
) -> (NetLink, WorkerThread, Vec<NetEvent>) {
    let followed = tags.iter().map(|tag| (*tag).to_owned()).collect();
    let options = WorkerOptions::new(test_config(&broker.url(), "stored"))
        .following(followed)
        .stored_at(StorageLocation::File(db.to_path_buf()), 1_000);
    let (link, worker) = net::spawn(options, || {}).expect("spawn the worker");
    let events = until_subscribed(&link, tags);
    (link, worker, events)
}

#[test]
fn a_pin_survives_a_restart_and_the_impostor_is_still_key_changed() {
    let broker = Broker::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("history.sqlite3");
    let (alice, mallory) = (Identity::generate(), Identity::generate());
    let a = poster(&broker, "alice");
    let c = poster(&broker, "impostor");

    let first = {
        let (bob, worker, events) = stored_reader(&broker, &db, &["rust"]);
        assert!(
            events.contains(&NetEvent::Pins(Vec::new())),
            "a new data directory has no pins: {events:#?}"
        );
        let first = post_signed(&a, "alice", "before the restart #rust", &alice);
        let got = arrival(&bob, &first);
        assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::NewKey));
        assert_eq!(pinned_key(&got.pins[0], "alice"), alice.author_key());
        drop(worker);
        first
    };

    let (bob, _worker, events) = stored_reader(&broker, &db, &["rust"]);
    let saved: Vec<(String, AuthorKey)> = events
        .iter()
        .find_map(|e| match e {
            NetEvent::Pins(pins) => Some(pins.iter().map(|p| (p.user.clone(), p.key)).collect()),
            _ => None,
        })
        .expect("the saved pins are told at start");
    assert_eq!(saved, [("alice".to_owned(), alice.author_key())]);
    let history = events
        .iter()
        .find_map(|e| match e {
            NetEvent::History(entries) => Some(entries),
            _ => None,
        })
        .expect("the history is told at start");
    let kept = history
        .iter()
        .find(|entry| entry.tweet.id == first)
        .expect("the first tweet was kept");
    assert_eq!(
        signed_as(&kept.tweet),
        (alice.author_key(), Trust::Verified),
        "judged again against the saved pin"
    );

    let fake = post_signed(&c, "alice", "new phone, new key #rust", &mallory);
    let got = arrival(&bob, &fake);
    assert_eq!(
        signed_as(&got.tweet),
        (mallory.author_key(), Trust::KeyChanged)
    );
    assert!(got.pins.is_empty(), "{:?}", got.pins);
    let again = post_signed(&a, "alice", "after the restart #rust", &alice);
    let got = arrival(&bob, &again);
    assert_eq!(signed_as(&got.tweet), (alice.author_key(), Trust::Verified));
}

#[test]
fn a_presence_signed_by_another_key_than_the_names_is_not_taken() {
    let broker = Broker::start();
    let bob = person(&broker, "bob");
    bob.send(NetCommand::Subscribe("rust".into()));
    bob.wait_for(|e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == "rust")));
    let (alice, mallory) = (Identity::generate(), Identity::generate());
    let a = poster(&broker, "alice");
    let id = post_signed(&a, "alice", "pinned by this #rust", &alice);
    bob.wait_for(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id));

    let since = chrono::Utc::now();
    let offline = chirp::core::social::presence::PresenceState::Offline;
    let forged =
        chirp::core::social::presence::encode("alice", offline, since, "x", Some(&mallory));
    mosquitto_pub(&broker, "chirp/presence/alice", &forged);
    bob.wait_for(|e| {
        assert!(
            !matches!(e, NetEvent::Presence(p) if p.user == "alice"),
            "taken: {e:?}"
        );
        matches!(e, NetEvent::Dropped { topic, reason }
            if topic == "chirp/presence/alice" && reason.contains("another key than @alice's"))
    });
    let genuine = chirp::core::social::presence::encode("alice", offline, since, "x", Some(&alice));
    mosquitto_pub(&broker, "chirp/presence/alice", &genuine);
    bob.wait_for(|e| matches!(e, NetEvent::Presence(p) if p.user == "alice" && p.signer == Some(alice.author_key())));
}
