//! The real `chirp` binary end to end (`chirp post`, `chirp follow`) against
//! a real mosquitto on loopback. XDG_CONFIG_HOME and HOME point at a temp dir
//! so no real settings are read or written.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{Broker, ChildGuard, ClassicSubscriber, deadline, free_port, mosquitto_pub};

fn chirp(home: &tempfile::TempDir) -> Command {
    crate::common::chirp_in(home.path())
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp home")
}

/// Starts `chirp follow` and returns once it has said it is following every
/// one of `tags` ("chirp: following #a #b on URL", printed when the broker
/// confirmed the subscription; one line or several).
pub(crate) fn follow(
    home: &tempfile::TempDir,
    broker: &Broker,
    args: &[&str],
    tags: &[&str],
) -> ChildGuard {
    let process = ChildGuard::spawn(
        chirp(home)
            .args(["follow", "--broker", &broker.url()])
            .args(args),
    );
    let suffix = format!(" on {}", broker.url());
    let mut missing: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    let until = deadline();
    while !missing.is_empty() {
        let line = process
            .stderr()
            .wait_line(until, |line| line.starts_with("chirp: following "));
        let followed = line
            .strip_prefix("chirp: following ")
            .and_then(|rest| rest.strip_suffix(&suffix))
            .unwrap_or_else(|| panic!("unexpected line: {line}"));
        missing.retain(|tag| !followed.split(' ').any(|t| t == tag));
    }
    process
}

/// Runs `chirp post ...` to completion: (exit code, stdout, stderr).
fn post(
    home: &tempfile::TempDir,
    broker_url: &str,
    args: &[&str],
) -> (Option<i32>, String, String) {
    let output = chirp(home)
        .args(["post", "--broker", broker_url])
        .args(args)
        .output()
        .expect("run chirp post");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Posts and checks success; returns the tweet id from "posted <id> to ...".
fn post_ok(home: &tempfile::TempDir, broker: &Broker, args: &[&str]) -> String {
    let (code, stdout, stderr) = post(home, &broker.url(), args);
    assert_eq!(
        code,
        Some(0),
        "post failed; stdout: {stdout} stderr: {stderr}"
    );
    let line = stdout.trim();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let rest = line
        .strip_prefix("posted ")
        .unwrap_or_else(|| panic!("unexpected output: {line}"));
    rest.split_whitespace().next().expect("an id").to_owned()
}

/// Waits for a follower to exit by itself with 0 and returns its stdout lines.
fn finished(mut follower: ChildGuard) -> Vec<String> {
    let until = deadline();
    let code = follower.wait_exit(until);
    let stderr = follower.stderr().all(until);
    assert_eq!(code, Some(0), "follow failed: {stderr:#?}");
    follower.stdout().all(until)
}

#[test]
fn post_reaches_a_json_follower() {
    let broker = Broker::start();
    let home = home();
    let follower = follow(
        &home,
        &broker,
        &["--json", "--count", "1", "rust"],
        &["rust"],
    );

    let id = post_ok(
        &home,
        &broker,
        &["--user", "alice", "--tag", "rust", "hello #mqtt"],
    );

    let lines = finished(follower);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let json: serde_json::Value = serde_json::from_str(&lines[0]).expect("a JSON line");
    assert_eq!(json["id"], id.as_str());
    assert_eq!(json["user"], "alice");
    assert_eq!(json["text"], "hello #mqtt");
    assert_eq!(json["tags"], serde_json::json!(["rust", "mqtt"]));
    assert_eq!(json["topic"], "hashtags/rust");
    assert_eq!(json["format"], "chirp");
    let ts = json["ts"].as_str().expect("ts is a string");
    assert!(chrono::DateTime::parse_from_rfc3339(ts).is_ok(), "ts: {ts}");
    assert!(ts.ends_with('Z'), "UTC: {ts}");
}

#[test]
fn a_json_follower_prints_whom_a_reply_answers() {
    let broker = Broker::start();
    let home = home();
    let follower = follow(
        &home,
        &broker,
        &["--json", "--count", "2", "rust"],
        &["rust"],
    );
    mosquitto_pub(
        &broker,
        "hashtags/rust",
        br#"{"v":1,"id":"r1","user":"bob","text":"yes","tags":["rust"],"reply_to":"p1","reply_to_user":"ann"}"#,
    );
    mosquitto_pub(&broker, "hashtags/rust", b"carol: no parent here");
    let lines = finished(follower);
    let reply: serde_json::Value = serde_json::from_str(&lines[0]).expect("a JSON line");
    assert_eq!(
        (reply["reply_to"].as_str(), reply["reply_to_user"].as_str()),
        (Some("p1"), Some("ann"))
    );
    let plain: serde_json::Value = serde_json::from_str(&lines[1]).expect("a JSON line");
    assert!(plain.get("reply_to").is_none(), "{plain}");
}

#[test]
fn post_can_reply_and_the_parents_author_is_told() {
    let broker = Broker::start();
    let home = home();
    let follower = follow(
        &home,
        &broker,
        &["--json", "--count", "1", "rust"],
        &["rust"],
    );
    let mentions = ClassicSubscriber::start(&broker, "chirp/mentions/ann");
    let args = [
        "--user",
        "bob",
        "--tag",
        "rust",
        "--reply-to",
        "p-7",
        "--reply-to-user",
        "ann",
        "agreed",
    ];
    let id = post_ok(&home, &broker, &args);
    let lines = finished(follower);
    let reply: serde_json::Value = serde_json::from_str(&lines[0]).expect("a JSON line");
    assert_eq!(reply["id"], id.as_str());
    assert_eq!(
        (reply["reply_to"].as_str(), reply["reply_to_user"].as_str()),
        (Some("p-7"), Some("ann"))
    );
    assert!(mentions.payload().contains("\"reply_to\":\"p-7\""));
}

#[test]
fn text_follower_prints_one_line_per_tweet_and_each_tweet_once() {
    let broker = Broker::start();
    let home = home();
    let follower = follow(
        &home,
        &broker,
        &["--count", "2", "rust", "mqtt"],
        &["rust", "mqtt"],
    );

    // Under both followed tags: arrives twice, printed once.
    post_ok(&home, &broker, &["--user", "alice", "both #rust #mqtt"]);
    mosquitto_pub(&broker, "hashtags/rust", b"bob: hello there");

    let lines = finished(follower);
    assert_eq!(lines.len(), 2, "{lines:#?}");
    // "HH:MM:SS @user [#tags] text", a signed tweet marked by what its key
    // is here (the first from a name: a new key; unsigned: no mark).
    let (time, rest) = lines[0].split_once(' ').expect("time first");
    assert!(
        chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").is_ok(),
        "{}",
        lines[0]
    );
    assert_eq!(rest, "@alice (new key) [#rust #mqtt] both #rust #mqtt");
    let (_, rest) = lines[1].split_once(' ').expect("time first");
    assert_eq!(rest, "@bob [#rust] hello there");
}

#[test]
fn classic_post_reaches_a_plain_subscriber() {
    let broker = Broker::start();
    let home = home();
    let subscriber = ClassicSubscriber::start(&broker, "hashtags/rust");

    post_ok(
        &home,
        &broker,
        &["--user", "alice", "--tag", "rust", "--classic", "hi"],
    );
    assert_eq!(subscriber.payload(), "alice: hi");
}

/// A refusal: exit 2, one line on stderr starting "chirp: ", nothing on stdout,
/// and fast (no broker is contacted; the URL has nothing listening).
fn assert_refused(args: &[&str], expected: &str) {
    let home = home();
    let nowhere = format!("mqtt://127.0.0.1:{}", free_port());
    let started = Instant::now();
    let (code, stdout, stderr) = post(&home, &nowhere, args);
    assert_eq!(code, Some(2), "{args:?}: stderr {stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "{args:?}: one line expected, got {stderr:?}"
    );
    assert!(stderr.starts_with("chirp: "), "{stderr}");
    assert!(
        stderr.contains(expected),
        "{args:?}: expected {expected:?} in {stderr:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a refusal must not wait for the network"
    );
}

#[test]
fn post_refuses_an_invalid_tag() {
    assert_refused(
        &["--user", "alice", "--tag", "a/b", "hi"],
        "a hashtag can't contain '/'",
    );
}

#[test]
fn post_refuses_an_invalid_username() {
    assert_refused(
        &["--user", "al ice", "--tag", "rust", "hi"],
        "a username can't contain spaces",
    );
    assert_refused(
        &["--user", "x/y", "--tag", "rust", "hi"],
        "a username can't contain '/'",
    );
}

#[test]
fn post_refuses_text_over_280_characters() {
    let long = "x".repeat(281);
    assert_refused(
        &["--user", "alice", "--tag", "rust", &long],
        "281 characters",
    );
}

#[test]
fn post_refuses_a_tweet_without_hashtag() {
    assert_refused(&["--user", "alice", "no hashtag anywhere"], "hashtag");
}

#[test]
fn follow_refuses_an_invalid_tag() {
    let home = home();
    let nowhere = format!("mqtt://127.0.0.1:{}", free_port());
    let output = chirp(&home)
        .args(["follow", "--broker", &nowhere, "ok", "a+b"])
        .output()
        .expect("run chirp follow");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("chirp: ") && stderr.contains("a hashtag can't contain '+'"),
        "{stderr}"
    );
}

#[test]
fn post_to_an_unreachable_broker_fails_with_a_reason() {
    let home = home();
    let nowhere = format!("mqtt://127.0.0.1:{}", free_port());
    let (code, stdout, stderr) = post(&home, &nowhere, &["--user", "alice", "--tag", "rust", "hi"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("chirp: not posted: no acknowledgement from"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&nowhere) && stderr.contains("refused"),
        "{stderr}"
    );
}

#[test]
fn follow_of_an_unreachable_broker_fails_with_a_reason() {
    let home = home();
    let nowhere = format!("mqtt://127.0.0.1:{}", free_port());
    let mut follower =
        ChildGuard::spawn(chirp(&home).args(["follow", "--broker", &nowhere, "rust"]));
    let until = Instant::now() + Duration::from_secs(30);
    let code = follower.wait_exit(until);
    let stderr = follower.stderr().all(until);
    assert_eq!(code, Some(1), "{stderr:#?}");
    assert_eq!(follower.stdout().all(until), Vec::<String>::new());
    assert_eq!(stderr.len(), 1, "{stderr:#?}");
    assert!(
        stderr[0].starts_with(&format!("chirp: could not reach {nowhere}")),
        "{stderr:#?}"
    );
    assert!(stderr[0].contains("refused"), "{stderr:#?}");
}

#[test]
fn settings_stay_in_the_isolated_home() {
    // A post with an explicit broker neither needs nor writes settings;
    // the identity it signs with is made in the data directory.
    let broker = Broker::start();
    let home = home();
    post_ok(&home, &broker, &["--user", "alice", "#quiet"]);
    let identity = home.path().join("data/chirp");
    let mut written: Vec<_> = crate::common::files_under(home.path());
    written.sort();
    assert_eq!(
        written,
        [identity.join("identity.key"), identity.join("identity.pub")],
        "the CLI wrote other files"
    );
}

#[test]
fn follow_with_a_session_gets_what_was_posted_while_it_was_away() {
    let broker = Broker::start();
    let home = home();
    let session = format!("chirp-cli-session-{}", std::process::id());
    // First run: subscribe under the session, then stop (it keeps the
    // session on the broker). --count 1 with a first tweet lets it exit cleanly.
    let first = follow(
        &home,
        &broker,
        &["--session", &session, "--count", "1", "away"],
        &["away"],
    );
    post_ok(&home, &broker, &["--user", "bob", "--tag", "away", "first"]);
    assert_eq!(finished(first).len(), 1);

    // While nobody follows, two tweets are posted.
    let while_away: Vec<String> = ["one", "two"]
        .iter()
        .map(|text| post_ok(&home, &broker, &["--user", "bob", "--tag", "away", text]))
        .collect();

    // Second run under the same session: both arrive without any new post.
    let second = ChildGuard::spawn(chirp(&home).args([
        "follow",
        "--broker",
        &broker.url(),
        "--json",
        "--session",
        &session,
        "--count",
        "2",
        "away",
    ]));
    let ids: Vec<String> = finished(second)
        .iter()
        .map(|line| {
            let json: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            json["id"].as_str().expect("id").to_owned()
        })
        .collect();
    assert_eq!(ids, while_away);
}
