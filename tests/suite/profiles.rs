//! What a connection profile changes on the wire, against a real mosquitto:
//! the topic root tweets live under, and the QoS they are sent and
//! followed with. Both through the core and through `chirp post`.

use std::process::Command;

use crate::common::{Broker, ClassicSubscriber, Core, deadline, test_config, wait_for};
use chirp::core::connection::net::{NetCommand, NetEvent, Qos};
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::social::compose::Draft;

fn root(name: &str) -> TopicRoot {
    TopicRoot::parse(name).expect("valid root")
}

#[test]
fn tweets_live_under_the_profile_s_topic_root() {
    let broker = Broker::start();
    let twitter = root("twitter");
    let classic = ClassicSubscriber::start(&broker, "twitter/maths");
    let class_reader = Core::spawn_following(
        test_config(&broker.url(), "class-reader").with_topic_root(twitter.clone()),
        &["maths"],
    );
    let other_reader =
        Core::spawn_following(test_config(&broker.url(), "other-reader"), &["maths"]);
    for reader in [&class_reader, &other_reader] {
        reader.wait_for(|e| matches!(e, NetEvent::Subscribed(_)));
    }
    let poster =
        Core::spawn(test_config(&broker.url(), "class-poster").with_topic_root(twitter.clone()));

    let in_class = Draft::new("ada", "homework is due #maths")
        .under(&twitter)
        .prepare()
        .expect("valid");
    assert_eq!(in_class.publishes[0].topic, "twitter/maths");
    let in_class_id = in_class.tweet.id.clone();
    poster.send(NetCommand::Publish(in_class));
    poster.wait_acknowledged(&in_class_id);

    let (publish, payload) = classic.message();
    assert!(publish.contains("'twitter/maths'"), "{publish}");
    assert!(payload.contains("homework is due"), "{payload}");
    let (topic, tweet) = class_reader.wait_tweet(&in_class_id);
    assert_eq!(topic, "twitter/maths");
    assert_eq!(tweet.tags, ["maths"], "the tag is read from under the root");

    // The reader on the default root sees only what is under `hashtags/`:
    // the class tweet went first, so it would have arrived before this one.
    let public = Draft::new("bob", "public #maths").prepare().expect("valid");
    let public_id = public.tweet.id.clone();
    let default_poster = Core::connect(&broker.url(), "public-poster");
    default_poster.send(NetCommand::Publish(public));
    let mut seen = Vec::new();
    wait_for(other_reader.events(), deadline(), |e| {
        if let NetEvent::Tweet { tweet, .. } = e {
            seen.push(tweet.id.clone());
            return tweet.id == public_id;
        }
        false
    });
    assert_eq!(seen, [public_id]);
}

#[test]
fn qos_0_tweets_go_out_fire_and_forget_and_still_arrive() {
    let broker = Broker::start();
    let classic = ClassicSubscriber::start(&broker, "hashtags/quick");
    let reader = Core::spawn_following(
        test_config(&broker.url(), "qos0-reader").with_qos(Qos::AtMostOnce),
        &["quick"],
    );
    reader.wait_for(|e| matches!(e, NetEvent::Subscribed(_)));
    let poster = Core::spawn(test_config(&broker.url(), "qos0-poster").with_qos(Qos::AtMostOnce));
    let tweet = Draft::new("ada", "fast #quick").prepare().expect("valid");
    let id = tweet.tweet.id.clone();
    poster.send(NetCommand::Publish(tweet));
    // No PUBACK exists at QoS 0: handed to the socket is as sent as it gets.
    poster.wait_acknowledged(&id);
    let (publish, _) = classic.message();
    assert!(publish.contains("q0"), "sent at QoS 0: {publish}");
    reader.wait_tweet(&id);
}

fn chirp(home: &tempfile::TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chirp"));
    command
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("HOME", home.path());
    command
}

#[test]
fn chirp_post_takes_a_topic_root_and_qos_and_refuses_bad_ones() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");
    let classic = ClassicSubscriber::start(&broker, "school/class-3/maths");
    let output = chirp(&home)
        .args([
            "post",
            "--broker",
            &broker.url(),
            "--topic-root",
            "school/class-3",
        ])
        .args([
            "--qos",
            "0",
            "--user",
            "ada",
            "--tag",
            "maths",
            "sums are fun",
        ])
        .output()
        .expect("run chirp post");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let (publish, payload) = classic.message();
    assert!(
        publish.contains("q0") && publish.contains("'school/class-3/maths'"),
        "{publish}"
    );
    assert!(payload.contains("sums are fun"), "{payload}");

    for (option, value, reason) in [
        (
            "--topic-root",
            "class/+",
            "--topic-root: the topic root can't contain '+' or '#'",
        ),
        ("--qos", "2", "--qos must be 0 or 1, not \"2\""),
    ] {
        let output = chirp(&home)
            .args(["post", "--broker", &broker.url(), option, value])
            .args(["--user", "ada", "--tag", "maths", "not sent"])
            .output()
            .expect("run chirp post");
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(reason), "{stderr}");
    }
}
