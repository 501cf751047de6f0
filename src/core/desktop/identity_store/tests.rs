//! The key file and the marker; the keyring's side is in
//! tests/suite/keyring.rs (it needs a private D-Bus).

use super::*;

/// A keyring nobody answers for: as on a desktop without one.
fn no_bus() -> Keyring {
    Keyring::new("chirp-test").on_bus("unix:path=/nonexistent/chirp-identity-test-bus")
}

fn secret_base64(identity: &Identity) -> String {
    STANDARD.encode(&identity.secret_bytes()[..])
}

#[cfg(unix)]
#[test]
fn the_first_start_makes_an_owner_only_key_file_and_reload_gives_it_back() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path().join("data"), Some(no_bus()));
    let (identity, home) = store.load_or_create().expect("created");
    assert_eq!(home, KeyHome::File(dir.path().join("data").join(KEY_FILE)));
    let mode = fs::metadata(store.key_file())
        .expect("exists")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let (again, home_again) = store.load_or_create().expect("reloaded");
    assert_eq!(again.fingerprint(), identity.fingerprint());
    assert_eq!(home_again, home);
    assert_eq!(store.saved_key(), Some(identity.author_key()));
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("data"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_corrupt_key_file_is_a_clear_error_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path(), None);
    store.load_or_create().expect("created");
    fs::write(store.key_file(), b"not a key\n").expect("damage it");
    let error = store.load_or_create().expect_err("refused");
    assert!(
        matches!(error, IdentityStoreError::CorruptKeyFile(ref p) if *p == store.key_file()),
        "{error:?}"
    );
    assert!(error.to_string().contains("damaged"), "{error}");
    assert_eq!(fs::read(store.key_file()).expect("kept"), b"not a key\n");
    // Without its marker, too: a damaged key file is never replaced.
    fs::remove_file(dir.path().join(MARKER_FILE)).expect("remove marker");
    assert!(matches!(
        store.load_or_create(),
        Err(IdentityStoreError::CorruptKeyFile(_))
    ));
    assert_eq!(fs::read(store.key_file()).expect("kept"), b"not a key\n");
}

#[test]
fn a_kept_identity_that_cannot_be_read_now_is_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path(), None);
    store.load_or_create().expect("created");
    fs::remove_file(store.key_file()).expect("lose the key");
    assert!(matches!(
        store.load_or_create(),
        Err(IdentityStoreError::MissingKeyFile(_))
    ));
    assert!(!store.key_file().exists(), "no new key made");

    // The marker says keyring; this time there is none, or it won't answer.
    let identity = Identity::generate();
    store
        .write_marker(&identity, &KeyHome::Keyring)
        .expect("marker");
    assert!(matches!(
        store.load_or_create(),
        Err(IdentityStoreError::NoKeyring)
    ));
    let unreachable = IdentityStore::new(dir.path(), Some(no_bus()));
    let error = unreachable.load_or_create().expect_err("refused");
    assert!(
        matches!(error, IdentityStoreError::KeyringUnreadable(_)),
        "{error:?}"
    );
    assert!(error.to_string().contains("keyring"), "{error}");
    assert!(!store.key_file().exists(), "no new key made");
    assert_eq!(store.saved_key(), Some(identity.author_key()));
}

#[test]
fn replace_keeps_the_new_identity() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path(), Some(no_bus()));
    let (old, _) = store.load_or_create().expect("created");
    let new = Identity::generate();
    let home = store.replace(&new).expect("replaced");
    assert_eq!(home, KeyHome::File(store.key_file()));
    let (loaded, _) = store.load_or_create().expect("reloaded");
    assert_eq!(loaded, new);
    assert_ne!(loaded.fingerprint(), old.fingerprint());
}

#[test]
fn a_key_file_without_its_marker_is_adopted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path(), None);
    let (identity, _) = store.load_or_create().expect("created");
    fs::remove_file(dir.path().join(MARKER_FILE)).expect("remove marker");
    let (again, _) = store.load_or_create().expect("adopted");
    assert_eq!(again, identity);
    assert_eq!(store.saved_key(), Some(identity.author_key()));
}

#[test]
fn no_secret_in_the_marker_nor_in_debug_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = IdentityStore::new(dir.path(), Some(no_bus()));
    let (identity, home) = store.load_or_create().expect("created");
    let secret = secret_base64(&identity);
    let marker = fs::read_to_string(dir.path().join(MARKER_FILE)).expect("marker");
    assert!(marker.contains(&identity.author_key().to_base64()));
    assert!(!marker.contains(&secret[..16]), "{marker}");
    fs::write(store.key_file(), format!("{}\n", &secret[..40])).expect("damage");
    let error = store.load_or_create().expect_err("damaged");
    for shown in [
        format!("{store:?}"),
        format!("{home:?}"),
        format!("{error:?}"),
        error.to_string(),
        format!("{identity:?}"),
    ] {
        assert!(!shown.contains(&secret[..16]), "{shown}");
    }
}
