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

#[test]
fn the_identity_lives_in_the_keyring_and_is_never_replaced_when_it_cannot_be_read() {
    use chirp::core::desktop::identity_store::{
        IdentityStore, IdentityStoreError, KEY_FILE, KEYRING_ACCOUNT, KeyHome, MARKER_FILE,
    };
    use chirp::core::protocol::identity::Identity;

    let bus = KeyringBus::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = IdentityStore::new(dir.path(), Some(bus.keyring("chirp-test")));
    let (identity, home) = store.load_or_create().expect("created");
    assert_eq!(home, KeyHome::Keyring);
    assert!(!dir.path().join(KEY_FILE).exists(), "no copy on disk");
    let saved = bus
        .keyring("chirp-test")
        .load(KEYRING_ACCOUNT)
        .expect("read")
        .expect("present");
    assert_eq!(saved.expose().len(), 88, "64 bytes of base64");
    let marker = std::fs::read_to_string(dir.path().join(MARKER_FILE)).expect("marker");
    assert!(marker.contains("keyring") && !marker.contains(&saved.expose()[..24]));
    let (again, _) = store.load_or_create().expect("reloaded");
    assert_eq!(again.fingerprint(), identity.fingerprint());

    let new = Identity::generate();
    assert_eq!(store.replace(&new).expect("replaced"), KeyHome::Keyring);
    assert_eq!(store.load_or_create().expect("reloaded").0, new);

    // This time the keyring can't be reached: an error, and no new key.
    let offline = IdentityStore::new(
        dir.path(),
        Some(Keyring::new("chirp-test").on_bus("unix:path=/nonexistent/chirp-test-bus")),
    );
    let error = offline.load_or_create().expect_err("refused");
    assert!(
        matches!(error, IdentityStoreError::KeyringUnreadable(_)),
        "{error:?}"
    );
    assert!(!dir.path().join(KEY_FILE).exists(), "no new key made");
    assert_eq!(store.load_or_create().expect("still there").0, new);

    // The entry is gone: said so, not silently made again.
    bus.keyring("chirp-test")
        .delete(KEYRING_ACCOUNT)
        .expect("deleted");
    assert!(matches!(
        store.load_or_create(),
        Err(IdentityStoreError::MissingFromKeyring)
    ));
    assert_eq!(store.saved_key(), Some(new.author_key()));
}
