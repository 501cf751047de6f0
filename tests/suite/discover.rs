//! Discover against a real mosquitto: watching every hashtag under the root
//! reports activity on tags nobody follows without showing them as tweets
//! or unsubscribing them, and stops when asked.

use crate::common::{Broker, Core, deadline, mosquitto_pub, test_config, wait_for};
use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::social::compose::Draft;

#[test]
fn discover_counts_every_tag_and_shows_only_followed_ones_as_tweets() {
    let broker = Broker::start();
    let core = Core::spawn_following(test_config(&broker.url(), "discoverer"), &["mine"]);
    core.wait_for(|e| matches!(e, NetEvent::Subscribed(_)));
    core.send(NetCommand::Discover(true));
    core.wait_for(|e| matches!(e, NetEvent::Discovering(true)));

    mosquitto_pub(&broker, "hashtags/elsewhere", b"carol: busy over here");
    let poster = Core::connect(&broker.url(), "discover-poster");
    let mine = Draft::new("ada", "on my tag #mine")
        .prepare()
        .expect("valid");
    let mine_id = mine.tweet.id.clone();
    poster.send(NetCommand::Publish(mine));

    let mut seen = Vec::new();
    let mut tweets = Vec::new();
    wait_for(core.events(), deadline(), |e| {
        match e {
            NetEvent::Seen { tag, .. } => seen.push(tag.clone()),
            NetEvent::Tweet { tweet, .. } => tweets.push(tweet.id.clone()),
            NetEvent::Unsubscribed(tags) => panic!("unsubscribed {tags:?} while discovering"),
            _ => {}
        }
        seen.contains(&"elsewhere".to_owned()) && tweets.contains(&mine_id)
    });
    assert!(
        !seen.contains(&"mine".to_owned()),
        "a followed tag is a tweet, not a sighting"
    );
    assert!(tweets.iter().all(|id| *id == mine_id), "{tweets:?}");

    core.send(NetCommand::Discover(false));
    core.wait_for(|e| matches!(e, NetEvent::Discovering(false)));
    mosquitto_pub(&broker, "hashtags/elsewhere", b"carol: still busy");
    let after = Draft::new("ada", "after discover #mine")
        .prepare()
        .expect("valid");
    let after_id = after.tweet.id.clone();
    poster.send(NetCommand::Publish(after));
    wait_for(core.events(), deadline(), |e| {
        assert!(!matches!(e, NetEvent::Seen { .. }), "still watching: {e:?}");
        matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == after_id)
    });
}
