//! Passwords against a real mosquitto with a password file and no
//! anonymous access: the right one connects, a wrong one is "not
//! authorized" and is not retried at the broker's expense, and the
//! password shows up nowhere.

use std::process::Command;
use std::time::{Duration, Instant};

use chirp::core::connection::net::{
    ConnectionConfig, ConnectionState, Credentials, NetEvent, Secret,
};

use crate::common::{Broker, Core, test_config};
use crate::secure::{password_file, round_trip};

const USER: &str = "alice";
const PASSWORD: &str = "correct horse battery";
const WRONG: &str = "Tr0ub4dor&3-wrong";

/// A broker that lets in only `USER` with `PASSWORD`.
fn locked_broker(dir: &tempfile::TempDir) -> Broker {
    let passwords = password_file(dir.path(), USER, PASSWORD);
    Broker::start_with_config(&format!(
        "allow_anonymous false\npassword_file {}\n",
        passwords.display()
    ))
}

fn config(broker: &Broker, name: &str, password: &str) -> ConnectionConfig {
    test_config(&broker.url(), name)
        .with_credentials(Some(Credentials::new(USER, Secret::new(password))))
}

#[test]
fn the_right_password_connects_and_exchanges_tweets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = locked_broker(&dir);
    let alice = Core::spawn(config(&broker, "alice", PASSWORD));
    let bob = Core::spawn(config(&broker, "bob", PASSWORD));
    alice.wait_connected();
    bob.wait_connected();
    round_trip(&alice, &bob, "members");
}

#[test]
fn anonymous_is_not_authorized() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = locked_broker(&dir);
    let core = Core::spawn(test_config(&broker.url(), "anonymous"));
    let (reason, _) = first_failure(&core);
    assert_eq!(reason, "not authorized: wrong username or password");
}

#[test]
fn a_wrong_password_is_not_authorized_and_not_hammered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = locked_broker(&dir);
    let config = config(&broker, "wrong", WRONG);
    assert!(!format!("{config:?}").contains(WRONG), "{config:?}");
    let core = Core::spawn(config.clone());

    let (reason, retry_in) = first_failure(&core);
    assert_eq!(reason, "not authorized: wrong username or password");
    // test_config caps ordinary retries at 1 s; a refusal waits far longer.
    assert!(retry_in >= Duration::from_secs(30), "{retry_in:?}");

    // Over three ordinary backoff caps, no new attempt is made.
    let window = Instant::now() + config.max_retry * 3;
    let mut seen = Vec::new();
    while let Ok(event) = core.events().recv_deadline(window) {
        seen.push(event);
    }
    assert!(
        !seen
            .iter()
            .any(|e| matches!(e, NetEvent::Connection(ConnectionState::Connecting { .. }))),
        "reconnected during the refusal wait: {seen:#?}"
    );
    // mosquitto logs each refused attempt (without the client id).
    let log = broker.log();
    assert_eq!(
        log.matches("not authorised").count(),
        1,
        "one attempt only:\n{log}"
    );
    assert!(!log.contains(WRONG), "mosquitto logs no password either");
}

#[test]
fn cli_with_a_wrong_password_says_not_authorized_without_the_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = locked_broker(&dir);
    let home = tempfile::tempdir().expect("home");
    let started = Instant::now();
    let output = chirp(&home)
        .env("CHIRP_PASSWORD", WRONG)
        .args(["post", "--broker", &broker.url(), "--username", USER])
        .args(["--user", "alice", "--tag", "members", "let me in"])
        .output()
        .expect("run chirp post");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("chirp: not posted to {}", broker.url())),
        "{stderr}"
    );
    assert!(stderr.contains("not authorized"), "{stderr}");
    assert!(!stderr.contains(WRONG) && !stdout.contains(WRONG));
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "exits at once instead of waiting out its deadline"
    );
}

#[test]
fn cli_reads_the_password_from_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = locked_broker(&dir);
    let reader = Core::spawn(config(&broker, "reader", PASSWORD));
    reader.wait_connected();
    reader.follow("members");
    let secret = dir.path().join("secret");
    std::fs::write(&secret, format!("{PASSWORD}\n")).expect("write password file");
    let home = tempfile::tempdir().expect("home");
    let output = chirp(&home)
        .env("CHIRP_PASSWORD", WRONG) // the file wins
        .args(["post", "--broker", &broker.url(), "--username", USER])
        .arg("--password-file")
        .arg(&secret)
        .args(["--user", "alice", "--tag", "members", "from a file"])
        .output()
        .expect("run chirp post");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    reader.wait_for(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.text == "from a file"));
}

#[test]
fn cli_refuses_a_password_file_without_a_username_or_that_is_missing() {
    let home = tempfile::tempdir().expect("home");
    let run = |args: &[&str]| {
        let output = chirp(&home)
            .args(["post", "--broker", "mqtt://127.0.0.1:1"])
            .args(args)
            .args(["--user", "alice", "--tag", "x", "hi"])
            .output()
            .expect("run chirp post");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(&["--password-file", "/nonexistent/secret"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("--password-file needs --username"),
        "{stderr}"
    );
    let (code, stderr) = run(&["--username", USER, "--password-file", "/nonexistent/secret"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "chirp: password file /nonexistent/secret: not found"
    );
}

fn chirp(home: &tempfile::TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chirp"));
    command
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("HOME", home.path())
        .env_remove("CHIRP_PASSWORD");
    command
}

/// The first Offline state's reason (which never holds a password) and
/// how long until the next attempt.
fn first_failure(core: &Core) -> (String, Duration) {
    let (reason, retry_in) = core.first_offline();
    assert!(!reason.contains(WRONG) && !reason.contains(PASSWORD));
    (reason, retry_in)
}
