//! A slow link (200 ms each way, 10 kB/s) between Chirp and the broker:
//! following and posting still work, and the worker keeps both directions
//! going (a tweet is received while one of ours is still on its way out).

use std::time::Duration;

use crate::common::{Broker, Core, SlowLink, deadline, test_config, wait_for};
use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::social::compose::Draft;

#[test]
fn following_and_posting_work_over_a_slow_link() {
    let broker = Broker::start();
    let link = SlowLink::start(broker.port(), Duration::from_millis(200), 10_000);
    let slow = Core::spawn(test_config(&link.url(), "slow"));
    slow.wait_connected();
    slow.follow("slowlink");
    let fast = Core::connect(&broker.url(), "fast");
    fast.follow("slowlink");

    // Ours goes out over the slow link, at its longest.
    let long_text = "a long tweet over a slow link ".repeat(9);
    let ours = Draft::new("slowpoke", &long_text)
        .tag("slowlink")
        .prepare()
        .expect("valid");
    slow.send(NetCommand::Publish(ours.clone()));
    let theirs = Draft::new("speedy", "from the fast side")
        .tag("slowlink")
        .prepare()
        .expect("valid");
    fast.send(NetCommand::Publish(theirs.clone()));

    let (mut acknowledged, mut received) = (false, false);
    wait_for(slow.events(), deadline(), |event| {
        match event {
            NetEvent::Acknowledged(id) if *id == ours.tweet.id => acknowledged = true,
            NetEvent::Tweet { tweet, .. } if tweet.id == theirs.tweet.id => received = true,
            _ => {}
        }
        acknowledged && received
    });
    fast.wait_tweet(&ours.tweet.id);
}
