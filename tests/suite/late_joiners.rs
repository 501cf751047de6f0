//! Late joiners (retained newest tweet per hashtag), against a real
//! mosquitto: someone who starts following a hashtag sees its newest tweet
//! at once, the copy the broker sends again on every subscribe is still
//! one tweet, and an old retained tweet takes its place by the time it was
//! written, below fresher ones that arrived before it.

use std::process::Command;

use crate::common::{Broker, ClassicSubscriber, Core, mosquitto_pub_retained, test_config};
use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::timeline::{Timeline, TimelineEntry};
use chirp::core::model::tweet::Tweet;
use chirp::core::social::compose::Draft;

/// Follows `tag` (after an unfollow if already following) and returns the
/// first tweet that arrives on it.
fn follow_and_take(core: &Core, tag: &str) -> Tweet {
    core.follow(tag);
    let event = core.wait_for(|e| matches!(e, NetEvent::Tweet { .. }));
    let NetEvent::Tweet { tweet, .. } = event else {
        unreachable!("waited for a tweet");
    };
    tweet
}

#[test]
fn a_late_joiner_sees_the_newest_tweet_at_once_and_only_once() {
    let broker = Broker::start();
    let poster = Core::connect(&broker.url(), "early-bird");
    let mut newest = String::new();
    for text in ["first #late", "second #late"] {
        let tweet = Draft::new("ada", text)
            .prepare()
            .expect("valid")
            .retained(true);
        newest = tweet.tweet.id.clone();
        poster.send(NetCommand::Publish(tweet));
        poster.wait_acknowledged(&newest);
    }

    let late = Core::connect(&broker.url(), "late-joiner");
    let tweet = follow_and_take(&late, "late");
    assert_eq!(tweet.id, newest, "the newest, not the first");
    assert_eq!(tweet.text, "second #late");

    let mut timeline = Timeline::with_limit(100);
    assert!(timeline.insert_received(&tweet));
    late.unfollow("late");
    let again = follow_and_take(&late, "late");
    assert_eq!(again.id, newest, "sent again on the new subscribe");
    assert!(!timeline.insert_received(&again), "and not shown twice");
    assert_eq!(timeline.len(), 1);
}

#[test]
fn an_old_retained_tweet_arriving_last_lands_below_a_fresh_one() {
    let broker = Broker::start();
    let written = chrono::Utc::now() - chrono::TimeDelta::minutes(16);
    let old = format!(
        r#"{{"v":1,"id":"old-1","user":"ada","text":"said a while ago","tags":["old"],"ts":"{}"}}"#,
        written.format("%Y-%m-%dT%H:%M:%S%.3fZ")
    );
    mosquitto_pub_retained(&broker, "hashtags/old", old.as_bytes());
    let poster = Core::connect(&broker.url(), "fresh-poster");
    let fresh = Draft::new("bea", "just now #fresh")
        .prepare()
        .expect("valid")
        .retained(true);
    let fresh_id = fresh.tweet.id.clone();
    poster.send(NetCommand::Publish(fresh));
    poster.wait_acknowledged(&fresh_id);

    let reader = Core::connect(&broker.url(), "reader");
    let first = follow_and_take(&reader, "fresh");
    let second = follow_and_take(&reader, "old");
    assert_eq!(
        (first.id.as_str(), second.id.as_str()),
        (fresh_id.as_str(), "old-1")
    );
    let mut timeline = Timeline::with_limit(100);
    assert!(timeline.insert_received(&first));
    assert!(timeline.insert_received(&second));
    let order: Vec<&str> = timeline.iter().map(TimelineEntry::id).collect();
    assert_eq!(order, [fresh_id.as_str(), "old-1"], "by the time written");
    let shown = timeline.get(1).map(TimelineEntry::shown_time);
    assert_eq!(
        shown.map(|t| t.timestamp_millis()),
        Some(written.timestamp_millis())
    );
}

#[test]
fn a_retained_classic_tweet_keeps_one_id_across_subscribes() {
    let broker = Broker::start();
    mosquitto_pub_retained(&broker, "hashtags/old", b"carol: still here");
    let reader = Core::spawn(test_config(&broker.url(), "classic-late"));
    reader.wait_connected();
    let first = follow_and_take(&reader, "old");
    assert_eq!(first.user.as_deref(), Some("carol"));
    assert!(first.id.starts_with("retained-"), "{}", first.id);
    reader.unfollow("old");
    let again = follow_and_take(&reader, "old");
    assert_eq!(again.id, first.id);
}

#[test]
fn chirp_post_retain_publishes_retained() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");
    let output = Command::new(env!("CARGO_BIN_EXE_chirp"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("HOME", home.path())
        .args(["post", "--broker", &broker.url(), "--retain"])
        .args(["--user", "ada", "--tag", "kept", "for whoever comes next"])
        .output()
        .expect("run chirp post");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    // Subscribed only now: the broker hands over its retained copy.
    let (publish, payload) = ClassicSubscriber::start(&broker, "hashtags/kept").message();
    assert!(publish.contains("r1"), "retained: {publish}");
    assert!(payload.contains("for whoever comes next"), "{payload}");
}
