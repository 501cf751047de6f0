//! Damaged and unknown database files.

use super::*;

#[test]
fn a_garbage_file_is_moved_aside_with_its_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("history.sqlite");
    let garbage: Vec<u8> = (0..5000u32).map(|n| (n * 7919 % 251) as u8).collect();
    fs::write(&path, &garbage).expect("write");

    let (store, opened) = Store::open(&path, 100).expect("opens anyway");
    let notice = opened.notice.expect("the user is told");
    let aside = corrupt_copies(dir.path());
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).expect("read"), garbage);
    assert!(notice.contains(&aside[0].display().to_string()), "{notice}");
    assert!(opened.history.is_empty());

    store
        .record_outgoing(&outgoing("fresh #start"))
        .expect("the new file works");
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!((opened.history.len(), opened.notice), (1, None));
}

#[test]
fn a_truncated_file_is_moved_aside_and_an_empty_one_is_just_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let (store, _) = Store::open(&path, 10_000).expect("creates");
        for n in 0..2_000 {
            store.record_received(&received(&format!("tweet-{n}")));
        }
    }
    let bytes = fs::read(&path).expect("read");
    assert!(bytes.len() > 64 * 1024, "a file of many pages");
    for cut in [bytes.len() / 2, 4096 + 10, 60] {
        fs::write(&path, &bytes[..cut]).expect("truncate");
        let (_store, opened) = Store::open(&path, 100).expect("opens anyway");
        assert!(opened.notice.is_some(), "cut at {cut}");
        assert!(
            corrupt_copies(dir.path())
                .iter()
                .any(|p| fs::read(p).is_ok_and(|b| b == bytes[..cut]))
        );
    }

    let empty = dir.path().join("empty.sqlite");
    fs::write(&empty, b"").expect("write");
    let (store, opened) = Store::open(&empty, 100).expect("opens");
    assert_eq!(opened.notice, None, "nothing was lost, nothing to say");
    store.record_received(&received("a"));
    store.flush().expect("the empty file became a database");
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    drop(Store::open(&path, 100).expect("creates"));
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump version");
    assert!(matches!(
        Store::open(&path, 100),
        Err(StorageError::NewerSchema { found: 99, .. })
    ));
    assert!(corrupt_copies(dir.path()).is_empty());
}
