//! Pinned keys and signed tweets on disk; the version 3 migration.

use super::*;
use crate::core::model::author_key::{AuthorKey, Signed, Trust};
use crate::core::social::trust::{MAX_PINS, Pin, PinChange};

fn key(byte: u8) -> AuthorKey {
    AuthorKey::from_bytes([byte; 32])
}

fn pin(user: &str, byte: u8, seen: i64) -> Pin {
    Pin {
        user: user.to_owned(),
        key: key(byte),
        first_seen: at(0),
        last_seen: at(seen),
    }
}

#[test]
fn pins_survive_a_reopen_and_forgetting_deletes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let (store, opened) = Store::open(&path, 100).expect("creates");
        assert!(opened.pins.is_empty());
        store.record_pin(PinChange::Pinned(pin("alice", 1, 5)));
        store.record_pin(PinChange::Pinned(pin("bob", 2, 9)));
        store.record_pin(PinChange::Pinned(pin("carol", 3, 1)));
        // Trusting a new key replaces the pin.
        store.record_pin(PinChange::Pinned(pin("bob", 4, 10)));
        store.record_pin(PinChange::Forgotten("carol".into()));
    }
    let (store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(opened.pins, vec![pin("bob", 4, 10), pin("alice", 1, 5)]);
    store.record_pin(PinChange::Forgotten("alice".into()));
    store.record_pin(PinChange::Forgotten("nobody".into()));
    drop(store);
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    assert_eq!(opened.pins, vec![pin("bob", 4, 10)]);
}

#[test]
fn the_pins_are_bounded_and_the_quietest_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let extra = 3;
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        for i in 0..MAX_PINS + extra {
            // u0, u1, u2 are the quietest.
            let seen = i64::try_from(i).expect("small");
            store.record_pin(PinChange::Pinned(pin(&format!("u{i}"), 1, seen)));
        }
        store.flush().expect("written");
    }
    let rows: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM pins", [], |row| row.get(0)))
        .expect("counted");
    assert_eq!(rows, i64::try_from(MAX_PINS).expect("small"), "on disk too");
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    let loaded = opened.pins;
    assert_eq!(loaded.len(), MAX_PINS);
    assert!(
        !loaded
            .iter()
            .any(|p| ["u0", "u1", "u2"].contains(&p.user.as_str()))
    );
    assert_eq!(loaded[0].user, format!("u{}", MAX_PINS + extra - 1));
}

#[test]
fn a_signed_tweet_comes_back_with_its_signer_unjudged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let signed = Tweet {
        signed: Some(Signed {
            key: key(7),
            trust: Trust::Verified,
        }),
        ..received("signed")
    };
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_received(&signed);
        store.record_received(&received("unsigned"));
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    let tweets: Vec<&Tweet> = opened.history.iter().map(|e| &e.tweet).collect();
    assert_eq!(tweets[0], &received("unsigned"));
    assert_eq!(
        tweets[1].signed,
        Some(Signed {
            key: key(7),
            trust: Trust::Unjudged
        }),
        "what the key means is judged again by whoever loads it"
    );
}

#[test]
fn a_signature_stored_unchecked_comes_back_to_be_checked_when_shown() {
    use crate::core::model::author_key::DeferredSignature;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    let deferred = Tweet {
        signed: Some(Signed {
            key: key(7),
            trust: Trust::Verified,
        }),
        deferred_signature: Some(DeferredSignature([5; 64])),
        quote: Some(crate::core::model::tweet::ReplyTo {
            id: "quoted".into(),
            user: Some("bob".into()),
        }),
        ..received("deferred")
    };
    {
        let (store, _) = Store::open(&path, 100).expect("creates");
        store.record_received(&deferred);
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens");
    let back = &opened.history[0].tweet;
    let unjudged = Tweet {
        signed: Some(Signed {
            key: key(7),
            trust: Trust::Unjudged,
        }),
        ..deferred
    };
    assert_eq!(back, &unjudged, "every field a later check rebuilds from");
    assert_eq!(back.deferred_signature, Some(DeferredSignature([5; 64])));
    assert_eq!(back.signed.map(|s| s.key), Some(key(7)));
}

#[test]
fn a_version_3_history_is_migrated_with_its_tweets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("h.sqlite");
    {
        let conn = Connection::open(&path).expect("opens");
        conn.execute_batch(&crate::core::storage::schema::schema_v3_for_tests())
            .expect("v3 tables");
        conn.execute_batch(
            "INSERT INTO tweets (id, user, text, tags, sent_at, received_at, format, own, delivery,
                                 reply_to, reply_to_user)
             VALUES ('old', 'bob', 'from 0.3 #rust', '[\"rust\"]', NULL, 1795000000000, 'chirp', 0, 0,
                     'parent', 'ann');
             INSERT INTO direct (id, sender, recipient, text, sent_at, received_at)
             VALUES ('dm', 'bob', 'alice', 'hi', NULL, 1795000000000);
             PRAGMA user_version = 3;",
        )
        .expect("a Chirp 0.3 file");
    }
    {
        let (store, opened) = Store::open(&path, 100).expect("migrates");
        assert_eq!(ids(&opened.history), ["old"]);
        assert_eq!(opened.history[0].tweet.signed, None);
        assert_eq!(opened.direct.len(), 1, "direct messages survive");
        assert!(opened.pins.is_empty());
        store.record_pin(PinChange::Pinned(pin("bob", 1, 1)));
        store.flush().expect("the new table takes writes");
    }
    let (_store, opened) = Store::open(&path, 100).expect("reopens at v4");
    assert_eq!(opened.pins.len(), 1);
    assert!(corrupt_copies(dir.path()).is_empty(), "nothing moved aside");
}
