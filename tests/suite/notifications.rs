//! Desktop notifications reach a notification daemon on a private D-Bus
//! (a small one this test runs, owning `org.freedesktop.Notifications`),
//! escaped, and a bus with no daemon is told to the user once.

use std::collections::HashMap;
use std::time::Instant;

use chirp::core::desktop::notifier::{Notification, Notifier};
use zbus::zvariant::OwnedValue;

use crate::common::deadline;
use crate::keyring_bus::KeyringBus;
use crate::ui_app::{open_with, settings, tweet};

type NotifyArgs = (
    String,
    u32,
    String,
    String,
    String,
    Vec<String>,
    HashMap<String, OwnedValue>,
    i32,
);

/// Owns the notifications name on `address` and hands each Notify call's
/// summary and body to the test, answering it as a daemon does.
fn fake_daemon(address: &str) -> crossbeam_channel::Receiver<(String, String)> {
    let connection = zbus::blocking::connection::Builder::address(address)
        .and_then(zbus::blocking::connection::Builder::build)
        .expect("connect to the test bus");
    connection
        .request_name("org.freedesktop.Notifications")
        .expect("own the notifications name");
    let (calls_tx, calls) = crossbeam_channel::unbounded();
    // Made before the thread runs: zbus hands a message only to the
    // iterators that exist when it arrives, and a loaded machine can start
    // the thread after the first Notify.
    let messages = zbus::blocking::MessageIterator::from(&connection);
    std::thread::spawn(move || {
        for message in messages {
            let Ok(message) = message else { return };
            let header = message.header();
            if header.member().is_none_or(|m| m.as_str() != "Notify") {
                continue;
            }
            let Ok(args) = message.body().deserialize::<NotifyArgs>() else {
                continue;
            };
            let _ = connection.reply(&header, &(7u32,));
            if calls_tx.send((args.3, args.4)).is_err() {
                return;
            }
        }
    });
    calls
}

#[test]
fn a_notification_reaches_the_daemon_escaped() {
    let bus = KeyringBus::start();
    let calls = fake_daemon(&bus.address);
    let notifier = Notifier::spawn(Some(bus.address.clone()));
    notifier.notify(Notification::about(
        "@ann mentioned you",
        "<b>hi</b> & \u{202e}bye",
    ));
    let (summary, body) = calls
        .recv_deadline(deadline())
        .expect("the daemon was asked to show it");
    assert_eq!(summary, "@ann mentioned you");
    assert!(body.starts_with("&lt;b&gt;hi&lt;/b&gt; &amp; "), "{body}");
    assert!(!body.contains('\u{202e}'), "no bidi overrides: {body:?}");
    assert!(notifier.failures.try_recv().is_err(), "nothing failed");
}

#[test]
fn a_bus_without_a_daemon_is_told_once() {
    let bus = KeyringBus::start();
    let notifier = Notifier::spawn(Some(bus.address.clone()));
    for n in 0..3 {
        notifier.notify(Notification::about("x", &format!("n{n}")));
    }
    let failure = notifier
        .failures
        .recv_deadline(deadline())
        .expect("the failure is reported");
    assert_eq!(
        failure,
        "unavailable (no notification service on this desktop)"
    );
    let quiet_until = Instant::now() + std::time::Duration::from_millis(300);
    assert!(
        notifier.failures.recv_deadline(quiet_until).is_err(),
        "told once, not once per notification"
    );
}

#[test]
fn the_window_notifies_of_a_mention_only_while_it_is_in_the_background() {
    let bus = KeyringBus::start();
    let calls = fake_daemon(&bus.address);
    let notifier = Notifier::spawn(Some(bus.address.clone()));
    let mut ui = open_with(settings("bob"), |app| app.with_notifier(notifier));
    let focus = |ui: &mut crate::ui_app::Ui, focused: bool| {
        ui.harness.input_mut().focused = focused;
    };
    focus(&mut ui, true);
    ui.receive(tweet("seen", "ann", "@bob in view"));
    focus(&mut ui, false);
    ui.receive(tweet("away", "ann", "@bob while away"));
    ui.receive(tweet("other", "ann", "not for bob"));
    let (summary, body) = calls.recv_deadline(deadline()).expect("notified");
    assert_eq!(
        (summary.as_str(), body.as_str()),
        ("@ann mentioned you", "@bob while away")
    );
}
