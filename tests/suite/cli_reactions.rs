//! `chirp like|repost|delete` and `chirp follow --json` printing them, the
//! real binary against a real mosquitto, each in a temp home.

use crate::cli::follow;
use crate::cli_identity::run_ok;
use crate::common::{Broker, deadline};

#[test]
fn a_like_and_a_deletion_print_as_their_own_json_lines_once() {
    let broker = Broker::start();
    let (reader, alice) = (
        tempfile::tempdir().expect("home"),
        tempfile::tempdir().expect("home"),
    );
    let url = broker.url();
    let follower = follow(
        &reader,
        &broker,
        &["--json", "rust", "mqtt"],
        &["rust", "mqtt"],
    );
    let posted = run_ok(
        &alice,
        &[
            "post", "--broker", &url, "--user", "alice", "--tag", "rust", "--tag", "mqtt", "hi",
        ],
    );
    let id = posted
        .split_whitespace()
        .nth(1)
        .expect("posted ID to …")
        .to_owned();
    let tweet = follower
        .stdout()
        .wait_line(deadline(), |line| line.contains(&id));
    assert!(tweet.contains("\"signed\":\"new_key\""), "{tweet}");

    let common = [
        "--broker", &url, "--user", "alice", "--tag", "rust", "--tag", "mqtt",
    ];
    let args: Vec<&str> = ["like"]
        .into_iter()
        .chain(common)
        .chain([id.as_str()])
        .collect();
    assert!(run_ok(&alice, &args).starts_with("like "));
    let like = follower
        .stdout()
        .wait_line(deadline(), |line| line.contains("\"kind\":\"like\""));
    let json: serde_json::Value = serde_json::from_str(&like).expect("a JSON line");
    assert_eq!(
        (json["ref"].as_str(), json["user"].as_str()),
        (Some(id.as_str()), Some("alice"))
    );
    assert_eq!(
        json["signed"].as_str(),
        Some("verified"),
        "alice's pinned key: {like}"
    );

    let args: Vec<&str> = ["delete"]
        .into_iter()
        .chain(common)
        .chain([id.as_str()])
        .collect();
    run_ok(&alice, &args);
    let deletion = follower
        .stdout()
        .wait_line(deadline(), |line| line.contains("\"kind\":\"delete\""));
    assert!(deletion.contains(&id), "{deletion}");
    // The like came on two hashtags and printed once: the next line after
    // it was the deletion, not its copy.
    let lines = follower.stdout().seen();
    let likes = lines
        .iter()
        .filter(|l| l.contains("\"kind\":\"like\""))
        .count();
    assert_eq!(likes, 1, "{lines:#?}");
}
