//! The built-in broker (rumqttd, embedded): Chirp cores and plain MQTT
//! clients exchanging tweets through it, a port in use refused clearly,
//! and `chirp broker` as a child process.
//!
//! A broker started through the core API can't be stopped (rumqttd has no
//! shutdown); each lives until this test process exits, on its own port.

use std::net::{SocketAddr, TcpListener};
use std::process::Command;

use chirp::core::connection::hosted_broker::{HostError, HostedBroker};
use chirp::core::connection::net::{ConnectionState, NetCommand, NetEvent};
use chirp::core::model::tweet::Tweet;
use chirp::core::social::compose;

use crate::common::{ChildGuard, Core, deadline, test_config, tool};

const TAG: &str = "classroom";
const TOPIC: &str = "hashtags/classroom";

fn start_on_a_free_loopback_port() -> HostedBroker {
    HostedBroker::start(SocketAddr::from(([127, 0, 0, 1], 0))).expect("the built-in broker starts")
}

fn url(broker: &HostedBroker) -> String {
    broker.local_broker().to_string()
}

/// Publishes as a Chirp user and waits for the broker's acknowledgement;
/// tweets that arrive meanwhile go to `seen` (see [`tweets_until`]).
fn post(core: &Core, user: &str, text: &str, seen: &mut Vec<String>) {
    let outgoing = compose::Draft::new(user, text)
        .tag(TAG)
        .prepare()
        .expect("a valid tweet");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    core.wait_for(|event| {
        if let NetEvent::Tweet { tweet, .. } = event {
            seen.push(line(tweet));
        }
        matches!(event, NetEvent::Acknowledged(acked) if *acked == id)
    });
}

fn line(tweet: &Tweet) -> String {
    format!("{}: {}", tweet.user.as_deref().unwrap_or("?"), tweet.text)
}

/// `mosquitto_pub -q 1`: the message is at the broker when this returns.
fn mosquitto_pub(port: u16, payload: &str) {
    let output = Command::new(tool("mosquitto_pub"))
        .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-q", "1"])
        .args(["-t", TOPIC, "-m", payload])
        .output()
        .expect("run mosquitto_pub");
    assert!(
        output.status.success(),
        "mosquitto_pub failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `mosquitto_sub` on TOPIC, started once the broker confirmed the subscription.
fn mosquitto_sub(port: u16) -> ChildGuard {
    // -d prints SUBACK, and "received PUBLISH" before each payload;
    // stdbuf makes it line-buffered so lines arrive as they happen.
    let mut command = Command::new(tool("stdbuf"));
    command.arg("-oL").arg(tool("mosquitto_sub")).args([
        "-h",
        "127.0.0.1",
        "-p",
        &port.to_string(),
        "-q",
        "1",
        "-t",
        TOPIC,
        "-d",
    ]);
    let process = ChildGuard::spawn(&mut command);
    process
        .stdout()
        .wait_line(deadline(), |line| line.contains("received SUBACK"));
    process
}

/// The payloads mosquitto_sub printed, up to and including `last`.
fn payloads_until(subscriber: &ChildGuard, last: &str) -> Vec<String> {
    let until = deadline();
    let mut payloads = Vec::new();
    loop {
        subscriber
            .stdout()
            .wait_line(until, |line| line.contains("received PUBLISH"));
        // Its PUBACK line may come before the payload.
        let payload = subscriber
            .stdout()
            .wait_line(until, |line| !line.starts_with("Client "));
        let done = payload == last;
        payloads.push(payload);
        if done {
            return payloads;
        }
    }
}

/// `user: text` of each tweet a core received: those already `seen`, then
/// the ones that arrive, up to and including the one whose text is `last`.
fn tweets_until(core: &Core, mut seen: Vec<String>, last: &str) -> Vec<String> {
    let suffix = format!(": {last}");
    while !seen.last().is_some_and(|tweet| tweet.ends_with(&suffix)) {
        let NetEvent::Tweet { tweet, .. } = core.wait_for(|e| matches!(e, NetEvent::Tweet { .. }))
        else {
            unreachable!()
        };
        seen.push(line(&tweet));
    }
    seen
}

#[test]
fn two_chirp_clients_and_a_plain_client_exchange_tweets_each_once() {
    let broker = start_on_a_free_loopback_port();
    let alice = Core::connect(&url(&broker), "alice");
    let bob = Core::connect(&url(&broker), "bob");
    alice.follow(TAG);
    bob.follow(TAG);
    let plain = mosquitto_sub(broker.port());

    let (mut alice_seen, mut bob_seen) = (Vec::new(), Vec::new());
    post(
        &alice,
        "alice",
        "hello from alice #classroom",
        &mut alice_seen,
    );
    post(&bob, "bob", "hello from bob #classroom", &mut bob_seen);
    mosquitto_pub(broker.port(), "carol: hello from a plain client");
    // Everyone gets one topic's messages in the order the broker took
    // them, so this last one says that nothing else is on its way.
    mosquitto_pub(broker.port(), "carol: end");

    let expected = [
        "alice: hello from alice #classroom",
        "bob: hello from bob #classroom",
        "carol: hello from a plain client",
        "carol: end",
    ];
    assert_eq!(tweets_until(&alice, alice_seen, "end"), expected);
    assert_eq!(tweets_until(&bob, bob_seen, "end"), expected);

    let payloads = payloads_until(&plain, "carol: end");
    assert_eq!(payloads.len(), 4, "{payloads:#?}");
    let json: serde_json::Value = serde_json::from_str(&payloads[0]).expect("alice's JSON");
    assert_eq!(json["user"], "alice");
    assert_eq!(json["text"], "hello from alice #classroom");
    let json: serde_json::Value = serde_json::from_str(&payloads[1]).expect("bob's JSON");
    assert_eq!(json["user"], "bob");
    assert_eq!(
        payloads[2..],
        ["carol: hello from a plain client", "carol: end"]
    );
}

#[test]
fn a_persistent_session_gets_what_was_posted_while_it_was_away() {
    let broker = start_on_a_free_loopback_port();
    let mut config = test_config(&url(&broker), "away");
    config.persistent_session = true;
    let away = Core::spawn(config.clone());
    away.wait_connected();
    away.follow(TAG);
    drop(away);

    let poster = Core::connect(&url(&broker), "poster");
    post(
        &poster,
        "poster",
        "posted while you were away",
        &mut Vec::new(),
    );

    // As the app does: the followed tags go to the worker as it starts.
    let back = Core::spawn_following(config, &[TAG]);
    assert_eq!(
        tweets_until(&back, Vec::new(), "posted while you were away"),
        ["poster: posted while you were away"]
    );
}

#[test]
fn a_port_in_use_is_refused_with_a_clear_reason() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let addr = taken.local_addr().expect("its address");

    let error = HostedBroker::start(addr).expect_err("the port is taken");
    assert!(matches!(error, HostError::PortInUse(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "port {} is already in use on 127.0.0.1 — pick another port or stop the program using it",
            addr.port()
        )
    );
}

#[test]
fn a_second_broker_on_the_same_port_is_refused() {
    let first = start_on_a_free_loopback_port();
    let error = HostedBroker::start(first.listen_addr()).expect_err("the first holds it");
    assert!(matches!(error, HostError::PortInUse(_)), "{error:?}");
    assert!(first.is_running());
}

#[test]
fn the_lan_addresses_name_the_port() {
    let broker = HostedBroker::start(SocketAddr::from(([0, 0, 0, 0], 0))).expect("starts");
    let suffix = format!(":{}", broker.port());
    for address in broker.lan_addresses() {
        assert!(address.starts_with("mqtt://"), "{address}");
        assert!(address.ends_with(&suffix), "{address}");
        assert!(!address.contains("127.0.0.1"), "{address}");
    }
    assert_eq!(url(&broker), format!("mqtt://127.0.0.1{suffix}"));
    // Reached over loopback although it listens on every address.
    let core = Core::connect(&url(&broker), "everywhere");
    core.follow(TAG);
}

// ---------------------------------------------------------------------------
// `chirp broker`

fn chirp_broker(listen: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chirp"));
    command
        .args(["broker", "--listen", listen])
        .env_remove("RUST_LOG");
    command
}

#[test]
fn chirp_broker_says_where_to_connect_and_serves_until_terminated() {
    let mut process = ChildGuard::spawn(&mut chirp_broker("127.0.0.1:0"));
    let until = deadline();
    let first = process
        .stdout()
        .wait_line(until, |line| line.starts_with("Chirp broker listening on "));
    let port: u16 = first
        .strip_prefix("Chirp broker listening on 127.0.0.1:")
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    assert_ne!(port, 0);
    process.stdout().wait_line(until, |line| {
        line == format!("Others can connect to: mqtt://127.0.0.1:{port}")
    });

    let url = format!("mqtt://127.0.0.1:{port}");
    let reader = Core::connect(&url, "cli-reader");
    reader.follow(TAG);
    mosquitto_pub(port, "dave: through chirp broker");
    assert_eq!(
        tweets_until(&reader, Vec::new(), "through chirp broker"),
        ["dave: through chirp broker"]
    );

    let pid = process.id().expect("still running").to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(status.success());
    assert_eq!(process.wait_exit(deadline()), None, "ended by SIGTERM");
}

#[test]
fn chirp_broker_on_a_port_in_use_exits_1_with_one_clear_line() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("its address").port();

    let output = chirp_broker(&format!("127.0.0.1:{port}"))
        .output()
        .expect("run chirp broker");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(
        stderr,
        format!(
            "chirp: port {port} is already in use on 127.0.0.1 — pick another port or stop the program using it\n"
        )
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn chirp_broker_refuses_a_listen_address_it_cannot_read() {
    let output = chirp_broker("localhost:1883")
        .output()
        .expect("run chirp broker");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not IP:PORT"), "{stderr}");
}

// ---------------------------------------------------------------------------
// Optional features never cost the connection; QoS 0 posts arrive

/// Every event of `core` until `predicate` matches one (inclusive).
fn events_until(core: &Core, mut predicate: impl FnMut(&NetEvent) -> bool) -> Vec<NetEvent> {
    let mut events = Vec::new();
    core.wait_for(|event| {
        events.push(event.clone());
        predicate(event)
    });
    events
}

#[test]
fn a_core_on_the_built_in_broker_is_never_kicked_while_following_and_posting() {
    let broker = start_on_a_free_loopback_port();
    // As the GUI starts it: broker figures ($SYS) wanted, a tag followed.
    let core = Core::spawn_following(test_config(&url(&broker), "kept"), &[TAG]);
    let mut events = events_until(
        &core,
        |e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == TAG)),
    );
    let outgoing = compose::Draft::new("kept", "still here #classroom")
        .tag(TAG)
        .prepare()
        .expect("valid");
    let id = outgoing.tweet.id.clone();
    core.send(NetCommand::Publish(outgoing));
    events.extend(events_until(
        &core,
        |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id),
    ));
    // Something sent after the tweet came back also comes back: whatever
    // the broker does about a refused request has happened by then.
    let probe = compose::Draft::new("kept", "and still #classroom")
        .tag(TAG)
        .prepare()
        .expect("valid");
    let probe_id = probe.tweet.id.clone();
    core.send(NetCommand::Publish(probe));
    events.extend(events_until(
        &core,
        |e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == probe_id),
    ));

    let offline: Vec<&NetEvent> = events
        .iter()
        .filter(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. })))
        .collect();
    assert!(offline.is_empty(), "went offline: {offline:#?}");
    let attempts = events
        .iter()
        .filter(|e| matches!(e, NetEvent::Connection(ConnectionState::Connecting { .. })))
        .count();
    assert_eq!(attempts, 1, "reconnected: {events:#?}");
}

fn chirp(home: &tempfile::TempDir) -> Command {
    crate::common::chirp_in(home.path())
}

#[test]
fn chirp_follow_on_chirp_broker_starts_without_going_offline() {
    let broker = ChildGuard::spawn(&mut chirp_broker("127.0.0.1:0"));
    let first = broker.stdout().wait_line(deadline(), |line| {
        line.starts_with("Chirp broker listening on ")
    });
    let address = first
        .strip_prefix("Chirp broker listening on ")
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let url = format!("mqtt://{address}");
    let port: u16 = address
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    let home = tempfile::tempdir().expect("temp home");
    let follower =
        ChildGuard::spawn(chirp(&home).args(["follow", "--broker", &url, "--count", "2", TAG]));
    follower
        .stderr()
        .wait_line(deadline(), |line| line.starts_with("chirp: following "));
    mosquitto_pub(port, "dave: one");
    mosquitto_pub(port, "dave: two");
    let mut follower = follower;
    let until = deadline();
    assert_eq!(follower.wait_exit(until), Some(0));
    let stderr = follower.stderr().all(until);
    assert!(
        !stderr.iter().any(|line| line.contains("offline")),
        "{stderr:#?}"
    );
}

#[test]
fn chirp_post_at_qos_0_to_the_built_in_broker_arrives_every_time() {
    let broker = start_on_a_free_loopback_port();
    let subscriber = mosquitto_sub(broker.port());
    let home = tempfile::tempdir().expect("temp home");
    let texts: Vec<String> = (1..=5).map(|n| format!("fire and forget {n}")).collect();
    for text in &texts {
        let output = chirp(&home)
            .args(["post", "--broker", &url(&broker), "--qos", "0"])
            .args(["--user", "quick", "--tag", TAG, "--classic", text])
            .output()
            .expect("run chirp post");
        assert_eq!(
            output.status.code(),
            Some(0),
            "stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The last one arriving says the others would have arrived before it;
    // a lost one times out here or is missing from the list.
    let last = format!("quick: {}", texts[texts.len() - 1]);
    let payloads = payloads_until(&subscriber, &last);
    let expected: Vec<String> = texts.iter().map(|t| format!("quick: {t}")).collect();
    assert_eq!(payloads, expected);
}
