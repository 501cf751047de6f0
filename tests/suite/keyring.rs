//! The desktop keyring through Chirp's `Keyring`, against a real
//! gnome-keyring-daemon on a private D-Bus (see common/keyring_bus.rs).

use crate::keyring_bus::KeyringBus;
use chirp::core::connection::net::Secret;
use chirp::core::desktop::keyring::{Keyring, KeyringError};

#[test]
fn passwords_are_stored_replaced_read_and_deleted() {
    let bus = KeyringBus::start();
    let keyring = bus.keyring("chirp-test");
    let account = "ada@mqtts://broker.school.lan:8883";
    assert_eq!(keyring.load(account), Ok(None));

    keyring
        .store(account, &Secret::new("first"))
        .expect("stored");
    keyring
        .store(account, &Secret::new("second"))
        .expect("replaced");
    let loaded = keyring.load(account).expect("read").expect("present");
    assert_eq!(loaded.expose(), "second");

    // Another login, or another Chirp service name, is another entry.
    assert_eq!(keyring.load("bob@mqtts://broker.school.lan:8883"), Ok(None));
    assert_eq!(bus.keyring("someone-else").load(account), Ok(None));

    keyring.delete(account).expect("deleted");
    assert_eq!(keyring.load(account), Ok(None));
    keyring.delete(account).expect("deleting nothing is fine");
}

#[test]
fn no_keyring_is_reported_as_unavailable_not_a_hang_or_panic() {
    let keyring = Keyring::new("chirp-test").on_bus("unix:path=/nonexistent/chirp-test-bus");
    let error = keyring.load("ada@mqtt://h:1883").expect_err("no bus");
    assert!(error.is_unavailable(), "{error:?}");
    let error = keyring
        .store("ada@mqtt://h:1883", &Secret::new("pw"))
        .expect_err("no bus");
    assert!(matches!(error, KeyringError::Unavailable(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("no keyring is running on this desktop")
    );
}
