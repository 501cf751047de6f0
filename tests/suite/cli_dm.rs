//! `chirp dm send|follow` against real mosquitto, each person with a home
//! (settings, data, identity) of their own: a message to someone with a
//! signed profile is sealed and only their `dm follow` reads it; to someone
//! without one it is refused with the reason unless sent `--unencrypted`.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use chirp::core::connection::net::NetEvent;
use chirp::core::desktop::identity_store::IdentityStore;
use chirp::core::protocol::identity::Identity;

use crate::common::{Broker, ChildGuard, ClassicSubscriber, Core, deadline, test_config};

fn chirp(home: &Path) -> Command {
    crate::common::chirp_in(home)
}

/// The identity `chirp` keeps in `home` (made now if there is none).
fn identity_of(home: &Path) -> Identity {
    let store = IdentityStore::new(home.join("data").join("chirp"), None);
    store.load_or_create().expect("identity").0
}

/// Bob's window: publishes his signed, retained profile with his key.
fn window_of(broker: &Broker, user: &str, identity: Identity) -> Core {
    let config = test_config(&broker.url(), user)
        .with_presence(Some(user.to_owned()))
        .signed_by(Some(Arc::new(identity)));
    let core = Core::spawn(config);
    core.wait_for(|e| matches!(e, NetEvent::PersonalReady(u) if u == user));
    core
}

fn send(home: &Path, broker: &Broker, args: &[&str]) -> std::process::Output {
    chirp(home)
        .args(["dm", "send", "--broker", &broker.url(), "--user", "alice"])
        .args(args)
        .output()
        .expect("run chirp dm send")
}

#[test]
fn a_message_to_someone_with_a_key_is_sealed_and_read_by_their_dm_follow() {
    let broker = Broker::start();
    let (alice, bob) = (
        tempfile::tempdir().expect("home"),
        tempfile::tempdir().expect("home"),
    );
    let _window = window_of(&broker, "bob", identity_of(bob.path()));
    let follower = ChildGuard::spawn(
        chirp(bob.path())
            .args([
                "dm",
                "follow",
                "--broker",
                &broker.url(),
                "--user",
                "bob",
                "--json",
            ])
            .args(["--count", "1"]),
    );
    follower
        .stderr()
        .wait_line(deadline(), |l| l.contains("following messages to @bob"));
    let eavesdropper = ClassicSubscriber::start(&broker, "chirp/dm/bob");

    let sent = send(
        alice.path(),
        &broker,
        &["--to", "bob", "meet", "at", "noon"],
    );
    let stdout = String::from_utf8_lossy(&sent.stdout);
    assert!(
        sent.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&sent.stderr)
    );
    assert!(stdout.contains("(end-to-end encrypted)"), "{stdout}");

    let line = follower.stdout().wait_line(deadline(), |l| {
        l.contains("meet") || {
            eprintln!("{:?}", follower.stderr().seen());
            false
        }
    });
    let json: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    assert_eq!(json["text"], "meet at noon");
    assert_eq!(json["encrypted"], true);
    assert_eq!(json["from"], "alice");
    let alice_print = identity_of(alice.path()).fingerprint().to_string();
    assert_eq!(json["fingerprint"], alice_print.as_str());
    let seen = eavesdropper.payload();
    assert!(
        !seen.contains("noon"),
        "the broker's other subscribers see no text: {seen}"
    );
}

#[test]
fn a_message_to_someone_without_a_key_is_refused_unless_sent_unencrypted() {
    let broker = Broker::start();
    let alice = tempfile::tempdir().expect("home");
    let refused = send(alice.path(), &broker, &["--to", "carol", "hello"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("@carol has published no key"), "{stderr}");
    assert!(stderr.contains("--unencrypted"), "{stderr}");

    let eavesdropper = ClassicSubscriber::start(&broker, "chirp/dm/carol");
    let sent = send(
        alice.path(),
        &broker,
        &["--to", "carol", "--unencrypted", "hello"],
    );
    let stdout = String::from_utf8_lossy(&sent.stdout);
    assert!(sent.status.success(), "{stdout}");
    assert!(stdout.contains("NOT encrypted"), "{stdout}");
    let seen = eavesdropper.payload();
    assert!(
        seen.contains("\"text\":\"hello\"") && seen.contains("\"enc\":\"none\""),
        "{seen}"
    );
}
