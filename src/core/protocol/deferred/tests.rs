//! Deferral is only for a pinned key and an exact rebuild; whatever is
//! deferred is caught when checked: the attacks on a deferred signature.

use chrono::Utc;

use super::*;
use crate::core::model::author_key::AuthorKey;
use crate::core::model::interner::Interner;
use crate::core::model::timeline::{Delivery, TimelineEntry};
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::VerifiedSignatures;
use crate::core::protocol::wire::{self, DecodeError};

fn payload(identity: &Identity, ts: &str, reply: bool) -> String {
    let tags = vec!["rust".to_owned()];
    let fields = TweetFields {
        id: "id-7",
        user: "alice",
        text: "deferred #rust ✓",
        tags: &tags,
        ts: Some(ts),
        reply_to: reply.then_some("p-1"),
        reply_to_user: reply.then_some("bob"),
    };
    String::from_utf8(wire::encode_v1(&fields, Some(identity))).expect("utf-8")
}

const TS: &str = "2026-12-04T12:00:00.123Z";

/// Decodes as the window does, with `pinned` the key pinned for alice.
fn decode(payload: &str, pinned: Option<&AuthorKey>) -> Result<Tweet, DecodeError> {
    let is_pinned = |user: &str, key: &AuthorKey| user == "alice" && Some(key) == pinned;
    wire::decode_tagged_remembering(
        Some("rust"),
        payload.as_bytes(),
        Utc::now(),
        &mut VerifiedSignatures::default(),
        Some(&is_pinned),
    )
}

#[test]
fn a_pinned_key_s_tweet_waits_and_verifies_when_checked_even_after_the_timeline() {
    let alice = Identity::generate();
    let key = alice.author_key();
    for reply in [false, true] {
        let tweet = decode(&payload(&alice, TS, reply), Some(&key)).expect("decodes");
        assert!(tweet.deferred_signature.is_some(), "deferred");
        assert_eq!(check_deferred(&tweet), Ok(()));
        // As the timeline (or the history) holds it and hands it back.
        let entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut Interner::default());
        assert_eq!(check_deferred(&entry.to_tweet()), Ok(()));
    }
}

#[test]
fn tampered_fields_of_a_deferred_tweet_fail_when_checked() {
    let alice = Identity::generate();
    let key = alice.author_key();
    let good = payload(&alice, TS, true);
    for (from, to) in [
        ("deferred #rust", "deferred #rust!"),
        ("\"id-7\"", "\"id-8\""),
        ("00.123Z", "00.124Z"),
        ("[\"rust\"]", "[\"rust\",\"spam\"]"),
        ("\"p-1\"", "\"p-2\""),
        ("\"bob\"", "\"eve\""),
    ] {
        let tampered = good.replace(from, to);
        assert_ne!(tampered, good, "{from}");
        let tweet = decode(&tampered, Some(&key)).expect("held unchecked");
        assert!(tweet.deferred_signature.is_some(), "{from}");
        assert!(check_deferred(&tweet).is_err(), "{from} → {to} passed");
    }
}

#[test]
fn a_name_not_pinned_to_that_key_is_checked_at_once() {
    let alice = Identity::generate();
    let mallory = Identity::generate();
    let tampered = payload(&alice, TS, false).replace("deferred #rust", "deferred #rusty");
    // First sight of the name (nothing pinned): its key is about to be
    // pinned, so a forged tweet must never get that far.
    assert!(matches!(
        decode(&tampered, None),
        Err(DecodeError::Forged(_))
    ));
    // Another key than the pinned one: checked too.
    let other = mallory.author_key();
    assert!(matches!(
        decode(&tampered, Some(&other)),
        Err(DecodeError::Forged(_))
    ));
    let genuine = decode(&payload(&alice, TS, false), None).expect("verifies");
    assert_eq!(genuine.deferred_signature, None, "checked already");
}

#[test]
fn a_tweet_not_held_exactly_as_signed_is_checked_at_once() {
    let alice = Identity::generate();
    let key = alice.author_key();
    // Microseconds: held as milliseconds, so the held fields no longer
    // rebuild what was signed.
    let precise = payload(&alice, "2026-12-04T12:00:00.123456Z", false);
    let tweet = decode(&precise, Some(&key)).expect("verifies");
    assert_eq!(tweet.deferred_signature, None);
    let tampered = precise.replace("deferred #rust", "deferred #rusty");
    assert!(matches!(
        decode(&tampered, Some(&key)),
        Err(DecodeError::Forged(_))
    ));
}

#[test]
fn a_malformed_signature_or_a_replay_is_refused_before_any_deferral() {
    let alice = Identity::generate();
    let key = alice.author_key();
    let good = payload(&alice, TS, false);
    let short_sig = good.replace("\"sig\":\"", "\"sig\":\"AA");
    assert!(matches!(
        decode(&short_sig, Some(&key)),
        Err(DecodeError::Forged(_))
    ));
    let is_pinned = |_: &str, _: &AuthorKey| true;
    let replayed = wire::decode_tagged_remembering(
        Some("spam"),
        good.as_bytes(),
        Utc::now(),
        &mut VerifiedSignatures::default(),
        Some(&is_pinned),
    );
    assert_eq!(replayed, Err(DecodeError::Replayed("spam".into())));
}

#[test]
fn a_held_quote_verifies_from_the_timeline_and_a_tampered_one_does_not() {
    let alice = Identity::generate();
    let key = alice.author_key();
    let tags = vec!["rust".to_owned()];
    let fields = TweetFields {
        id: "q-7",
        user: "alice",
        text: "quoting #rust",
        tags: &tags,
        ts: Some(TS),
        reply_to: None,
        reply_to_user: None,
    };
    let quoted = crate::core::model::tweet::ReplyTo {
        id: "orig".into(),
        user: Some("bob".into()),
    };
    let payload = String::from_utf8(wire::encode_quote(&fields, &quoted, &alice)).expect("utf-8");
    let tweet = decode(&payload, Some(&key)).expect("held");
    assert!(tweet.deferred_signature.is_some());
    let entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut Interner::default());
    assert_eq!(entry.quote(), Some(quoted));
    assert_eq!(check_deferred(&entry.to_tweet()), Ok(()));
    let tampered = decode(&payload.replace("\"orig\"", "\"other\""), Some(&key)).expect("held");
    assert!(check_deferred(&tampered).is_err());
}
