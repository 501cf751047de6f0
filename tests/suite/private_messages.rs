//! Direct messages sealed end to end (PROTOCOL.md sections 2.4, 9.3, 10),
//! between cores with identities of their own, against real mosquitto: the
//! recipient reads them, a plain subscriber on the topic sees no text, and
//! what a third party changes, re-wraps or signs with another key is
//! refused while the connection stays.

use std::sync::Arc;

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::protocol::identity::Identity;
use chirp::core::social::direct::{Inbox, Letter};
use chirp::core::social::profile::About;

use crate::common::{Broker, ClassicSubscriber, Core, mosquitto_pub, test_config};

/// A window's core: presence, profile and personal topics, signed; not
/// waited for.
fn spawn_person(broker: &Broker, user: &str, identity: &Arc<Identity>) -> Core {
    let about = About {
        display_name: format!("{user} (test)"),
        bio: String::new(),
    };
    let config = test_config(&broker.url(), user)
        .with_presence(Some(user.to_owned()))
        .signed_by(Some(identity.clone()))
        .with_about(about);
    Core::spawn(config)
}

/// `spawn_person`, once its own topics are subscribed.
fn person(broker: &Broker, user: &str, identity: &Arc<Identity>) -> Core {
    let core = spawn_person(broker, user, identity);
    core.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == user));
    core
}

/// Waits for the verified profile of `user` and returns its X25519 key.
fn profile_key(core: &Core, user: &str) -> [u8; 32] {
    match core.wait_for(|e| matches!(e, NetEvent::Profile(p) if p.user == user)) {
        NetEvent::Profile(profile) => profile.exchange_key,
        _ => unreachable!(),
    }
}

fn sealed_letter(from: &Arc<Identity>, to_key: &[u8; 32], text: &str) -> Vec<u8> {
    Letter::new("alice", "bob", text)
        .signed_by(Some(from))
        .sealed_to(Some(to_key))
        .prepare()
        .expect("valid")
        .publish
        .payload
}

#[test]
fn a_sealed_message_reaches_its_recipient_and_nobody_else_reads_it() {
    let broker = Broker::start();
    let (alice_id, bob_id) = (
        Arc::new(Identity::generate()),
        Arc::new(Identity::generate()),
    );
    let bob = person(&broker, "bob", &bob_id);
    // Bob's retained profile arrives with everyone's, as alice subscribes.
    let alice = spawn_person(&broker, "alice", &alice_id);
    let key = profile_key(&alice, "bob");
    let eavesdropper = ClassicSubscriber::start(&broker, "chirp/dm/bob");
    assert_eq!(key, bob_id.exchange_key(), "bob's profile gives his key");

    let outgoing = Letter::new("alice", "bob", "the door code is 4711")
        .signed_by(Some(&alice_id))
        .sealed_to(Some(&key))
        .prepare()
        .expect("valid");
    assert!(outgoing.message.encrypted);
    let id = outgoing.message.id.clone();
    alice.send(NetCommand::SendDirect(outgoing));
    alice.wait_acknowledged(&id);
    let NetEvent::Direct(message) =
        bob.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.id == id))
    else {
        unreachable!()
    };
    assert_eq!(message.text, "the door code is 4711");
    assert!(message.encrypted);
    assert_eq!(message.signer, Some(alice_id.author_key()));
    let seen = eavesdropper.payload();
    assert!(!seen.contains("4711") && !seen.contains("door"), "{seen}");
    assert!(seen.contains("x25519-hkdf-chacha20poly1305-v1"));
}

#[test]
fn tampered_rewrapped_or_wrong_key_messages_are_refused_and_the_connection_stays() {
    let broker = Broker::start();
    let (alice_id, bob_id) = (
        Arc::new(Identity::generate()),
        Arc::new(Identity::generate()),
    );
    let mallory_id = Arc::new(Identity::generate());
    let bob = person(&broker, "bob", &bob_id);
    let key = bob_id.exchange_key();
    // Bob pins alice's key from a first, genuine message.
    let genuine = sealed_letter(&alice_id, &key, "hello bob");
    mosquitto_pub(&broker, "chirp/dm/bob", &genuine);
    bob.wait_for(|e| matches!(e, NetEvent::Direct(m) if m.text == "hello bob"));

    let mut tampered: serde_json::Value =
        serde_json::from_slice(&sealed_letter(&alice_id, &key, "pay 10")).expect("json");
    let ct = tampered["ct"].as_str().expect("ct").to_owned();
    let flipped = ct.replacen(&ct[10..11], if &ct[10..11] == "A" { "B" } else { "A" }, 1);
    tampered["ct"] = serde_json::json!(flipped);
    // Mallory writes as alice, signing with her own key.
    let impostor = sealed_letter(&mallory_id, &key, "pay mallory");
    for (bad, why) in [
        (serde_json::to_vec(&tampered).expect("json"), "forged"),
        (impostor, "another key than @alice's"),
    ] {
        mosquitto_pub(&broker, "chirp/dm/bob", &bad);
        bob.wait_for(|e| {
            matches!(e, NetEvent::Dropped { topic, reason }
                if topic == "chirp/dm/bob" && reason.contains(why))
        });
    }
    // A replay of the genuine one has its id: the inbox shows it once, and
    // a real message after it still arrives (the connection stayed).
    let mut inbox = Inbox::default();
    mosquitto_pub(&broker, "chirp/dm/bob", &genuine);
    let after = sealed_letter(&alice_id, &key, "still there?");
    mosquitto_pub(&broker, "chirp/dm/bob", &after);
    let mut replayed = false;
    bob.wait_for(|e| {
        if let NetEvent::Direct(m) = e {
            replayed |= m.text == "hello bob";
            inbox.add("bob", m.clone(), true);
        }
        matches!(e, NetEvent::Direct(m) if m.text == "still there?")
    });
    assert!(replayed, "the replay reached the core");
    let texts: Vec<&str> = inbox
        .get("alice")
        .expect("conversation")
        .messages
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(texts, ["hello bob", "still there?"]);
}
