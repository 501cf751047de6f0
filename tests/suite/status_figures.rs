//! The figures behind Diagnostics, against a real mosquitto: the round trip
//! of your own tweets (publish → back on a followed tag) and the broker's
//! `$SYS` figures.

use crate::common;
use std::time::Duration;

use crate::common::{Broker, Core, test_config};
use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::social::compose::Draft;

#[test]
fn your_own_tweet_coming_back_is_timed() {
    let broker = Broker::start();
    let core = Core::spawn_following(test_config(&broker.url(), "round-trip"), &["echo"]);
    core.wait_for(|e| matches!(e, NetEvent::Subscribed(_)));
    let tweet = Draft::new("ada", "are you there? #echo")
        .prepare()
        .expect("valid");
    let id = tweet.tweet.id.clone();
    core.send(NetCommand::Publish(tweet));
    let NetEvent::RoundTrip(trip) = core.wait_for(|e| matches!(e, NetEvent::RoundTrip(_))) else {
        unreachable!("waited for a round trip");
    };
    assert!(trip > Duration::ZERO && trip < common::TIMEOUT, "{trip:?}");
    // The tweet itself still arrives for the timeline.
    core.wait_tweet(&id);
}

#[test]
fn the_broker_s_sys_figures_are_reported() {
    // mosquitto publishes $SYS every sys_interval seconds (10 by default).
    let broker = Broker::start_with_config("sys_interval 1\n");
    let core = Core::spawn(test_config(&broker.url(), "sys-reader"));
    // In whatever order the broker sends them; the retained count may be
    // from before we connected, so its value is only checked to be a count.
    let mut seen = std::collections::BTreeMap::new();
    core.wait_for(|e| {
        if let NetEvent::BrokerFigure(figure) = e {
            seen.insert(figure.name, figure.value.clone());
        }
        ["Clients connected", "Broker", "Messages out per second"]
            .iter()
            .all(|name| seen.contains_key(name))
    });
    assert!(seen["Clients connected"].parse::<u64>().is_ok(), "{seen:?}");
    assert!(seen["Broker"].starts_with("mosquitto"), "{seen:?}");
    assert!(
        seen["Messages out per second"].parse::<f64>().is_ok(),
        "{seen:?}"
    );
}
