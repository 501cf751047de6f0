//! A timeline entry's tests: packing and unpacking, held signatures, the size.

use super::*;

#[test]
fn unpacks_what_it_packed() {
    let mut interner = Interner::default();
    let tweet = Tweet {
        quote: None,
        deferred_signature: None,
        id: "e4f1-ü".into(),
        user: Some("ann".into()),
        text: "héllo 世界 #rust".into(),
        tags: vec!["rust".into(), "chirp".into()],
        sent_at: DateTime::from_timestamp_millis(1_700_000_000_123),
        received_at: DateTime::from_timestamp_millis(1_700_000_000_456).unwrap_or_default(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    };
    let entry = TimelineEntry::new(&tweet, true, Delivery::Pending, &mut interner);
    assert_eq!(entry.id(), "e4f1-ü");
    assert_eq!(entry.text(), "héllo 世界 #rust");
    assert_eq!(entry.to_tweet(), tweet);
    assert!(entry.own);
    assert_eq!(entry.shown_time(), tweet.sent_at.unwrap_or_default());
}

#[test]
fn a_reply_keeps_its_parent_in_the_same_allocation() {
    let mut interner = Interner::default();
    let tweet = Tweet {
        quote: None,
        deferred_signature: None,
        id: "r-1".into(),
        user: Some("bob".into()),
        text: "@ann ✓ yes".into(),
        tags: vec!["rust".into()],
        sent_at: None,
        received_at: DateTime::from_timestamp_millis(1_700_000_000_456).unwrap_or_default(),
        format: WireFormat::Chirp,
        reply_to: Some(ReplyTo {
            id: "p-ü".into(),
            user: Some("ann".into()),
        }),
        signed: None,
    };
    let entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut interner);
    assert_eq!((entry.id(), entry.text()), ("r-1", "@ann ✓ yes"));
    assert_eq!(
        (entry.parent_id(), entry.parent_user()),
        (Some("p-ü"), Some("ann"))
    );
    assert_eq!(entry.to_tweet(), tweet);

    let long_parent = Tweet {
        reply_to: Some(ReplyTo {
            id: "p".repeat(300),
            user: None,
        }),
        ..tweet
    };
    let entry = TimelineEntry::new(&long_parent, false, Delivery::Received, &mut interner);
    assert!(entry.parent_id().is_some_and(|id| id.len() <= 255));
    assert_eq!((entry.parent_user(), entry.text()), (None, "@ann ✓ yes"));
}

#[test]
fn a_deferred_signature_is_packed_until_settled() {
    let mut interner = Interner::default();
    let key = crate::core::model::author_key::AuthorKey::from_bytes([3; 32]);
    let tweet = Tweet {
        quote: None,
        id: "s-1".into(),
        user: Some("ann".into()),
        text: "signed, ünchecked".into(),
        tags: vec!["rust".into()],
        sent_at: None,
        received_at: DateTime::from_timestamp_millis(1_700_000_000_456).unwrap_or_default(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: Some(Signed {
            key,
            trust: Trust::Verified,
        }),
        deferred_signature: Some(DeferredSignature([9; 64])),
    };
    let mut entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut interner);
    assert_eq!(entry.signature_state(), SignatureState::Deferred);
    assert_eq!(entry.to_tweet(), tweet);
    entry.set_checking();
    assert_eq!(entry.signature_state(), SignatureState::Checking);
    assert_eq!(entry.text(), "signed, ünchecked");
    entry.settle_signature(true);
    assert_eq!(entry.signature_state(), SignatureState::Checked);
    assert_eq!(
        (entry.text(), entry.deferred_signature()),
        ("signed, ünchecked", None)
    );
    assert_eq!(entry.packed.len(), "s-1signed, ünchecked".len());

    let mut forged = TimelineEntry::new(&tweet, false, Delivery::Received, &mut interner);
    forged.settle_signature(false);
    assert_eq!(forged.signature_state(), SignatureState::Forged);
    forged.settle_signature(true);
    assert_eq!(
        forged.signature_state(),
        SignatureState::Forged,
        "settled once"
    );
}

#[test]
fn small_enough_for_a_million() {
    // The held part per tweet; the text and id are one allocation
    // beside it, the author (name and key) a shared copy.
    assert!(std::mem::size_of::<TimelineEntry>() <= 64);
}

#[test]
fn merged_tags_keep_order_and_skip_repeats() {
    let mut interner = Interner::default();
    let tweet = Tweet {
        quote: None,
        deferred_signature: None,
        id: String::new(),
        user: None,
        text: "raw".into(),
        tags: vec!["a".into()],
        sent_at: None,
        received_at: Utc::now(),
        format: WireFormat::Raw,
        reply_to: None,
        signed: None,
    };
    let mut entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut interner);
    entry.add_tags(["b", "a", "c"], &mut interner);
    assert_eq!(entry.tags().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(entry.id(), "");
    assert_eq!(entry.text(), "raw");
}
