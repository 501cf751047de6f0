//! `chirp follow --user NAME` end to end against a real mosquitto: a
//! person's tweets printed whatever the hashtag (text and `--json`), each
//! once beside a followed hashtag; an invalid name refused.

use std::process::Command;

use crate::common::{Broker, ChildGuard, deadline};

fn chirp(home: &tempfile::TempDir) -> Command {
    crate::common::chirp_in(home.path())
}

/// Starts `chirp follow` and returns once it said it follows `@user`.
fn follow(home: &tempfile::TempDir, broker: &Broker, args: &[&str], user: &str) -> ChildGuard {
    let process = ChildGuard::spawn(
        chirp(home)
            .args(["follow", "--broker", &broker.url()])
            .args(args),
    );
    let wanted = format!("@{user}");
    process.stderr().wait_line(deadline(), |line| {
        line.strip_prefix("chirp: following ")
            .is_some_and(|rest| rest.split(' ').any(|name| name == wanted))
    });
    process
}

fn post(home: &tempfile::TempDir, broker: &Broker, args: &[&str]) {
    let output = chirp(home)
        .args(["post", "--broker", &broker.url()])
        .args(args)
        .output()
        .expect("run chirp post");
    assert!(output.status.success(), "{output:?}");
}

fn finished(mut follower: ChildGuard) -> Vec<String> {
    let until = deadline();
    let code = follower.wait_exit(until);
    let stderr = follower.stderr().all(until);
    assert_eq!(code, Some(0), "follow failed: {stderr:#?}");
    follower.stdout().all(until)
}

#[test]
fn follow_user_prints_their_tweets_whatever_the_hashtag() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");
    let args = ["--json", "--count", "1", "--user", "@alice"];
    let follower = follow(&home, &broker, &args, "alice");
    post(
        &home,
        &broker,
        &["--user", "bob", "--tag", "knitting", "not alice"],
    );
    post(
        &home,
        &broker,
        &["--user", "alice", "--tag", "knitting", "a scarf"],
    );

    let lines = finished(follower);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let json: serde_json::Value = serde_json::from_str(&lines[0]).expect("a JSON line");
    assert_eq!(json["user"], "alice");
    assert_eq!(json["text"], "a scarf");
    assert_eq!(json["tags"], serde_json::json!(["knitting"]));
    assert_eq!(json["topic"], "chirp/users/alice");
}

#[test]
fn follow_user_and_tag_prints_a_tweet_on_both_once() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");
    let args = ["--count", "2", "--user", "alice", "rust"];
    let follower = follow(&home, &broker, &args, "alice");
    post(
        &home,
        &broker,
        &["--user", "alice", "--tag", "rust", "first"],
    );
    post(
        &home,
        &broker,
        &["--user", "alice", "--tag", "rust", "second"],
    );

    let lines = finished(follower);
    assert_eq!(lines.len(), 2, "each once: {lines:#?}");
    assert!(
        lines[0].contains("@alice") && lines[0].ends_with("first"),
        "{lines:#?}"
    );
    assert!(lines[1].ends_with("second"), "{lines:#?}");
}

#[test]
fn follow_refuses_an_invalid_user() {
    let home = tempfile::tempdir().expect("temp home");
    let output = chirp(&home)
        .args(["follow", "--broker", "mqtt://127.0.0.1:1", "--user", "a/b"])
        .output()
        .expect("run chirp follow");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(output.stdout.is_empty());
}

#[test]
fn follow_user_with_a_session_gets_what_they_posted_while_it_was_away() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");
    let session = format!("chirp-cli-people-session-{}", std::process::id());
    // First run: follow alice under the session, then stop after one tweet.
    let args = ["--session", &session, "--count", "1", "--user", "alice"];
    let first = follow(&home, &broker, &args, "alice");
    post(&home, &broker, &["--user", "alice", "--tag", "a", "first"]);
    assert_eq!(finished(first).len(), 1);

    post(
        &home,
        &broker,
        &["--user", "alice", "--tag", "b", "while away"],
    );

    // Second run: the session's queue arrives, though nothing new is posted
    // (the person is followed before anything arrives, so it is kept).
    let second = ChildGuard::spawn(chirp(&home).args([
        "follow",
        "--broker",
        &broker.url(),
        "--session",
        &session,
        "--count",
        "1",
        "--user",
        "alice",
    ]));
    let lines = finished(second);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].ends_with("while away"), "{lines:#?}");
}
