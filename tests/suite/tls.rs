//! TLS against a real mosquitto with a TLS listener and a CA made by the
//! test: trusted with the CA file, refused without it, and each refusal
//! says why (not trusted, name mismatch, expired).

use std::time::{Duration, Instant};

use chirp::core::connection::net::{ConnectionState, NetEvent, TlsOptions};

use crate::common::{Broker, Core, deadline, free_port, test_config};
use crate::secure::{LOOPBACK_NAMES, TestCa, Validity, config_with_ca, listener, round_trip};

/// A broker with a plain listener (`Broker::url`) and a TLS one using a
/// certificate for `names`; returns it with the TLS URL.
fn tls_broker(ca: &TestCa, names: &[&str], validity: Validity) -> (Broker, String) {
    let cert = ca.server_cert("server", names, validity);
    let port = free_port();
    let broker = Broker::start_with_config(&listener(port, false, Some(&cert)));
    (broker, format!("mqtts://127.0.0.1:{port}"))
}

/// Waits for the first Offline state; returns its reason and how long
/// until the next attempt.
fn first_failure(core: &Core) -> (String, Duration) {
    match core.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. }))) {
        NetEvent::Connection(ConnectionState::Offline {
            broker,
            reason,
            retry_at,
        }) => {
            assert!(broker.starts_with("mqtts://127.0.0.1:"), "{broker}");
            (reason, retry_at.saturating_duration_since(Instant::now()))
        }
        other => unreachable!("{other:?}"),
    }
}

#[test]
fn with_the_ca_file_a_tweet_goes_round_trip() {
    let ca = TestCa::new();
    let (broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
    let sender = Core::spawn(config_with_ca(&url, "tls-sender", &ca.ca_file));
    sender.wait_connected();
    // The reader is on the plain listener: the same broker, both ways.
    let reader = Core::connect(&broker.url(), "plain-reader");
    round_trip(&sender, &reader, "secure");
    round_trip(&reader, &sender, "backAgain");
}

#[test]
fn without_the_ca_the_certificate_is_not_trusted_and_retries_are_slow() {
    let ca = TestCa::new();
    let (_broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
    // The system's roots only.
    let core = Core::spawn(test_config(&url, "no-ca"));
    let (reason, retry_in) = first_failure(&core);
    assert!(
        reason.starts_with("certificate not trusted"),
        "reason: {reason}"
    );
    assert!(
        retry_in >= Duration::from_secs(30),
        "a refusal waits long, not the 1 s cap: {retry_in:?}"
    );
}

#[test]
fn a_certificate_for_another_name_is_a_name_mismatch() {
    let ca = TestCa::new();
    let (_broker, url) = tls_broker(&ca, &["other.example"], Validity::Current);
    let core = Core::spawn(config_with_ca(&url, "mismatch", &ca.ca_file));
    let (reason, _) = first_failure(&core);
    assert_eq!(
        reason,
        "certificate name mismatch: it is for other.example, not 127.0.0.1"
    );
}

#[test]
fn an_expired_certificate_says_expired() {
    let ca = TestCa::new();
    let (_broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Expired);
    let core = Core::spawn(config_with_ca(&url, "expired", &ca.ca_file));
    let (reason, _) = first_failure(&core);
    assert!(
        reason.starts_with("certificate expired on 2001-01-01"),
        "reason: {reason}"
    );
}

#[test]
fn accept_invalid_certs_connects_to_an_untrusted_broker() {
    let ca = TestCa::new();
    // Not trusted (no CA given), for another name, and expired: all accepted.
    let (broker, url) = tls_broker(&ca, &["other.example"], Validity::Expired);
    let insecure = Core::spawn(test_config(&url, "insecure").with_tls(TlsOptions {
        ca_file: None,
        accept_invalid_certs: true,
        pinned: None,
    }));
    insecure.wait_connected();
    let reader = Core::connect(&broker.url(), "plain-reader");
    round_trip(&insecure, &reader, "anyway");
}

#[test]
fn a_missing_ca_file_is_shown_and_not_retried() {
    let ca = TestCa::new();
    let (_broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
    let missing = ca.ca_file.with_file_name("nope.pem");
    let core = Core::spawn(config_with_ca(&url, "missing-ca", &missing));
    let (reason, retry_in) = first_failure(&core);
    assert_eq!(reason, format!("CA file {}: not found", missing.display()));
    assert!(retry_in > Duration::from_secs(3600), "{retry_in:?}");
}

#[test]
fn tls_to_a_plain_port_says_so() {
    let broker = Broker::start();
    let url = format!("mqtts://127.0.0.1:{}", broker.port());
    let core = Core::spawn(test_config(&url, "tls-to-plain"));
    let (reason, _) = first_failure(&core);
    assert!(reason.contains("plain MQTT port"), "reason: {reason}");
}

mod cli {
    use super::*;
    use crate::common::ChildGuard;
    use std::process::Command;

    fn chirp(home: &tempfile::TempDir) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chirp"));
        command
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("HOME", home.path())
            .env_remove("CHIRP_PASSWORD");
        command
    }

    #[test]
    fn post_with_a_ca_file_reaches_a_follower() {
        let ca = TestCa::new();
        let (broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
        let reader = Core::connect(&broker.url(), "reader");
        reader.follow("cli");
        let home = tempfile::tempdir().expect("home");
        let output = chirp(&home)
            .args(["post", "--broker", &url, "--ca-file"])
            .arg(&ca.ca_file)
            .args(["--user", "carol", "--tag", "cli", "over TLS"])
            .output()
            .expect("run chirp post");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let id = stdout
            .strip_prefix("posted ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected output: {stdout}"));
        let (_, tweet) = reader.wait_tweet(id);
        assert_eq!(tweet.text, "over TLS");
    }

    #[test]
    fn follow_without_the_ca_says_not_trusted_at_once() {
        let ca = TestCa::new();
        let (_broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
        let home = tempfile::tempdir().expect("home");
        let started = Instant::now();
        let mut follower = ChildGuard::spawn(chirp(&home).args(["follow", "--broker", &url, "x"]));
        let until = deadline();
        assert_eq!(follower.wait_exit(until), Some(1));
        let stderr = follower.stderr().all(until);
        assert_eq!(stderr.len(), 1, "{stderr:#?}");
        assert!(
            stderr[0].starts_with(&format!(
                "chirp: could not connect to {url}: certificate not trusted"
            )),
            "{stderr:#?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "does not wait out the 15 s deadline"
        );
    }

    #[test]
    fn insecure_warns_and_connects() {
        let ca = TestCa::new();
        let (broker, url) = tls_broker(&ca, &["other.example"], Validity::Current);
        let reader = Core::connect(&broker.url(), "reader");
        reader.follow("risky");
        let home = tempfile::tempdir().expect("home");
        let output = chirp(&home)
            .args(["post", "--broker", &url, "--insecure"])
            .args(["--user", "dave", "--tag", "risky", "unchecked"])
            .output()
            .expect("run chirp post");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("chirp: warning: --insecure"), "{stderr}");
        reader
            .wait_for(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.text == "unchecked"));
    }

    #[test]
    fn post_with_a_missing_ca_file_says_so_at_once() {
        let ca = TestCa::new();
        let (_broker, url) = tls_broker(&ca, LOOPBACK_NAMES, Validity::Current);
        let missing = ca.ca_file.with_file_name("missing.pem");
        let home = tempfile::tempdir().expect("home");
        let started = Instant::now();
        let output = chirp(&home)
            .args(["post", "--broker", &url, "--ca-file"])
            .arg(&missing)
            .args(["--user", "frank", "--tag", "x", "hi"])
            .output()
            .expect("run chirp post");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert_eq!(
            stderr.trim(),
            format!(
                "chirp: not posted to {url}: CA file {}: not found",
                missing.display()
            )
        );
        assert!(started.elapsed() < Duration::from_secs(8));
    }

    #[test]
    fn ca_file_with_a_plain_broker_is_refused() {
        let home = tempfile::tempdir().expect("home");
        let output = chirp(&home)
            .args([
                "post",
                "--broker",
                "mqtt://127.0.0.1:1",
                "--ca-file",
                "ca.pem",
            ])
            .args(["--user", "erin", "--tag", "x", "hi"])
            .output()
            .expect("run chirp post");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("chirp: --ca-file needs an mqtts:// or wss:// broker"),
            "{stderr}"
        );
    }
}
