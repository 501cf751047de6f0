//! Presence against a real mosquitto: a retained "online" per user, a last
//! will that says "offline" when the connection is lost (a crash: the app
//! SIGKILLed in a child process) or closed, and a late joiner seeing who is
//! online at once.

use std::process::Command;

use crate::common::{Broker, ChildGuard, Core, deadline, test_config};
use chirp::core::connection::net::NetEvent;
use chirp::core::social::presence::PresenceState;

fn with_presence(url: &str, user: &str) -> Core {
    let core = Core::spawn(test_config(url, user).with_presence(Some(user.to_owned())));
    core.wait_connected();
    core
}

/// Waits until `core` hears `user` is in `state`.
fn wait_presence(core: &Core, user: &str, state: PresenceState) {
    core.wait_for(|e| matches!(e, NetEvent::Presence(p) if p.user == user && p.state == state));
}

/// A Chirp core with presence "carol", run by the crash test below as a
/// child process, until it is killed.
#[test]
#[ignore = "run by a_crash_marks_the_user_offline_by_the_last_will"]
fn presence_child() {
    let Ok(url) = std::env::var("CHIRP_CHILD_BROKER") else {
        return;
    };
    let core = with_presence(&url, "carol");
    wait_presence(&core, "carol", PresenceState::Online);
    println!("online");
    for _ in std::iter::from_fn(|| core.events().recv()) {}
}

#[test]
fn online_is_retained_for_late_joiners_and_a_close_marks_offline() {
    let broker = Broker::start();
    let bob = with_presence(&broker.url(), "bob");
    let alice = with_presence(&broker.url(), "alice");
    wait_presence(&bob, "alice", PresenceState::Online);

    // Someone connecting later hears it from the broker's retained copy.
    let dave = Core::spawn(test_config(&broker.url(), "dave").with_presence(Some("dave".into())));
    let mut online = std::collections::BTreeSet::new();
    dave.wait_for(|e| {
        if let NetEvent::Presence(p) = e
            && p.state == PresenceState::Online
        {
            online.insert(p.user.clone());
        }
        online.contains("alice") && online.contains("bob")
    });

    drop(alice);
    wait_presence(&bob, "alice", PresenceState::Offline);
    wait_presence(&dave, "alice", PresenceState::Offline);
}

#[test]
fn a_crash_marks_the_user_offline_by_the_last_will() {
    let broker = Broker::start();
    let bob = with_presence(&broker.url(), "bob");
    let mut carol = ChildGuard::spawn(
        Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--ignored",
                "--exact",
                "presence::presence_child",
                "--nocapture",
            ])
            .env("CHIRP_CHILD_BROKER", broker.url()),
    );
    carol
        .stdout()
        .wait_line(deadline(), |line| line == "online");
    wait_presence(&bob, "carol", PresenceState::Online);
    carol.kill();
    wait_presence(&bob, "carol", PresenceState::Offline);
}
