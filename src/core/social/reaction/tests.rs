//! The like vector of PROTOCOL.md section 12, and what an attacker tries
//! with reactions: tampered fields, no signature, a replay onto another
//! tag, wrong types, oversize.

use super::*;
use crate::core::model::author_key::hex;

const TARGET: &str = "0b7e7c52-7bd5-4b0e-9a8a-1f0c6d1f2a01";

fn vector_payload(identity: &Identity) -> PayloadV1 {
    let mut payload = PayloadV1 {
        v: 1,
        kind: "like".into(),
        id: "like-1".into(),
        user: "bob".into(),
        target: TARGET.into(),
        ref_user: Some("alice".into()),
        tags: vec!["rust".into()],
        ts: "2026-12-04T12:00:02.000Z".into(),
        pk: identity.author_key().to_base64(),
        sig: String::new(),
    };
    payload.sig = canonical(&payload, &identity.author_key()).sign(identity);
    payload
}

/// PROTOCOL.md 12.3 (checked independently with Python's `cryptography`,
/// i.e. OpenSSL, from the section's text): Ed25519 seed 0x03 × 32.
const VECTOR_PK: &str = "7UkoxijRwsbq6QM4kFmVYSlZJzpcY/k2NsFGFKyHN9E=";
const VECTOR_CANONICAL: &str = "63686972702d7369676e65642d763100000000046c696b6500000020ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1000000066c696b652d3100000003626f620000002430623765376335322d376264352d346230652d396138612d31663063366431663261303100000005616c69636500000001000000047275737400000018323032362d31322d30345431323a30303a30322e3030305a";
const VECTOR_SIG: &str =
    "eJ6fC0AXp6VToL0HQAMvf/EVeG92uW1ivZsvsODkSrxE2uu5dLzYRw8chIaAzqBbp/OTId9Cem2pQuXnB7STCQ==";

#[test]
fn the_like_vector_verifies_and_decodes() {
    let identity = Identity::from_secret_bytes(&[3; 64]);
    let payload = vector_payload(&identity);
    assert_eq!(payload.pk, VECTOR_PK);
    let canonical_hex = hex(canonical(&payload, &identity.author_key()).as_bytes());
    assert_eq!(canonical_hex, VECTOR_CANONICAL);
    assert_eq!(payload.sig, VECTOR_SIG);
    let bytes = serde_json::to_vec(&payload).expect("json");
    let like = decode(Some("rust"), &bytes).expect("a valid like");
    assert_eq!(like.kind, ReactionKind::Like);
    assert_eq!(
        (like.target.as_str(), like.target_user.as_deref()),
        (TARGET, Some("alice"))
    );
    assert_eq!(like.signed.key, identity.author_key());
}

#[test]
fn every_tampered_field_is_forged() {
    let identity = Identity::generate();
    let good = serde_json::to_string(&vector_payload(&identity)).expect("json");
    for (from, to) in [
        ("\"like\"", "\"repost\""),
        ("\"like-1\"", "\"like-2\""),
        ("\"bob\"", "\"bobby\""),
        (TARGET, "0b7e7c52-7bd5-4b0e-9a8a-1f0c6d1f2a02"),
        ("\"alice\"", "\"alicia\""),
        ("[\"rust\"]", "[\"rust\",\"spam\"]"),
        ("12:00:02", "12:00:03"),
    ] {
        let tampered = good.replace(from, to);
        assert_ne!(tampered, good, "{from}");
        let why = decode(Some("rust"), tampered.as_bytes()).expect_err(from);
        assert!(why.starts_with("forged:"), "{from}: {why}");
    }
}

#[test]
fn another_key_s_signature_under_its_own_pk_is_forged() {
    let bob = Identity::generate();
    let mallory = Identity::generate();
    let mut payload = vector_payload(&bob);
    payload.pk = mallory.author_key().to_base64();
    let bytes = serde_json::to_vec(&payload).expect("json");
    assert!(decode(Some("rust"), &bytes).is_err_and(|why| why.starts_with("forged:")));
}

#[test]
fn unsigned_replayed_malformed_and_oversize_reactions_are_refused() {
    let identity = Identity::generate();
    let good = serde_json::to_string(&vector_payload(&identity)).expect("json");
    let replayed = decode(Some("spam"), good.as_bytes()).expect_err("replay");
    assert!(replayed.contains("replayed"), "{replayed}");
    let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
    value["pk"] = serde_json::Value::String(String::new());
    value["sig"] = serde_json::Value::String(String::new());
    assert!(decode(Some("rust"), value.to_string().as_bytes()).is_err());
    for (field, wrong) in [
        ("tags", serde_json::json!("rust")),
        ("ref", serde_json::json!(42)),
        ("v", serde_json::json!("one")),
    ] {
        let mut bad = serde_json::from_str::<serde_json::Value>(&good).expect("json");
        bad[field] = wrong;
        assert!(
            decode(Some("rust"), bad.to_string().as_bytes()).is_err(),
            "{field}"
        );
    }
    let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(MAX_PAYLOAD_BYTES));
    assert!(decode(Some("rust"), huge.as_bytes()).is_err_and(|why| why.contains("too big")));
    let unknown = good.replace("\"like\"", "\"zap\"");
    assert!(decode(Some("rust"), unknown.as_bytes()).is_err());
}

#[test]
fn prepare_signs_one_copy_per_hashtag_that_decodes() {
    let identity = Identity::generate();
    let target = Target {
        id: TARGET.into(),
        user: Some("alice".into()),
        tags: vec!["rust".into(), "mqtt".into()],
    };
    let outgoing = prepare(
        ReactionKind::Repost,
        "bob",
        &target,
        &identity,
        &TopicRoot::default(),
    )
    .expect("prepares");
    let topics: Vec<&str> = outgoing
        .publishes
        .iter()
        .map(|p| p.topic.as_str())
        .collect();
    assert_eq!(topics, ["hashtags/rust", "hashtags/mqtt"]);
    assert!(outgoing.publishes.iter().all(|p| !p.retain));
    let back = decode(Some("mqtt"), &outgoing.publishes[1].payload).expect("decodes");
    assert_eq!(back.kind, ReactionKind::Repost);
    assert_eq!(back.id, outgoing.reaction.id);
    // A v1 tweet decoder never takes it for a tweet, nor shows it raw.
    let as_tweet = crate::core::protocol::wire::decode(
        "hashtags/mqtt",
        &outgoing.publishes[1].payload,
        Utc::now(),
    );
    assert_eq!(
        as_tweet,
        Err(crate::core::protocol::wire::DecodeError::OtherKind(
            "repost".into()
        ))
    );
}
