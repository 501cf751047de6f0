//! The test vectors of PROTOCOL.md section 9.4 (checked independently with
//! Python's `cryptography`, i.e. OpenSSL), and what an attacker tries.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::*;
use crate::core::model::author_key::hex;

/// The identity whose Ed25519 seed and X25519 secret are `byte` repeated.
fn vector_identity(byte: u8) -> Identity {
    Identity::from_secret_bytes(&[byte; 64])
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| (*t).to_owned()).collect()
}

const PARENT: &str = "0b7e7c52-7bd5-4b0e-9a8a-1f0c6d1f2a01";

struct Vector {
    seed: u8,
    pk: &'static str,
    canonical: &'static str,
    sig: &'static str,
}

const VECTORS: [Vector; 3] = [
    Vector {
        seed: 1,
        pk: "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=",
        canonical: "63686972702d7369676e65642d763100000000057477656574000000208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c0000002430623765376335322d376264352d346230652d396138612d31663063366431663261303100000005616c6963650000000b48656c6c6f20237275737400000001000000047275737400000018323032362d31322d30345431323a30303a30302e3030305a0000000000000000",
        sig: "PQgYdVoZYJAUkbeWX7qxxsjSaIYDU8tWdGTB9kuKulVZigVWURnFUtb7LiTUt8wKFFW6FvDicYTHOJgVBYMaAQ==",
    },
    Vector {
        seed: 2,
        pk: "gTl3Dqh9F19Wo1Rmw0x+zMuNipG07jeiXfYPW4/Js5Q=",
        canonical: "63686972702d7369676e65642d763100000000057477656574000000208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b3940000000469642d3200000003626f620000002140616c696365206a612120f09fa680202271756f746564220a6c696e652074776f00000002000000047275737400000006e697a5e69cac00000018323032362d31322d30345431323a30303a30312e3530305a0000002430623765376335322d376264352d346230652d396138612d31663063366431663261303100000005616c696365",
        sig: "fprLGljUVj/APXyoZFpRd30qX97gLKh7LU+j43I80cBp69nEVO85cY+fyn8jtX0316MrRbLj15YSN5QGN0W3AQ==",
    },
    Vector {
        seed: 3,
        pk: "7UkoxijRwsbq6QM4kFmVYSlZJzpcY/k2NsFGFKyHN9E=",
        canonical: "63686972702d7369676e65642d76310000000005747765657400000020ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d10000000469642d33000000056361726f6c0000000d6e6f2074696d6520676976656e00000001000000046d717474000000000000000000000000",
        sig: "nXJYAm4MmE2n3zpHir8nNNEhiX2ZJuP7l0PPmWMutEfaMVTA7MpKRZpZoJhhYqgCWXKCe9AjhTFcJPOW1cD9Ag==",
    },
];

fn check_vector(vector: &Vector, fields: &TweetFields<'_>) {
    let identity = vector_identity(vector.seed);
    let key = identity.author_key();
    assert_eq!(key.to_base64(), vector.pk, "seed {}", vector.seed);
    let canonical = fields.canonical(&key);
    assert_eq!(hex(canonical.as_bytes()), vector.canonical);
    assert_eq!(canonical.sign(&identity), vector.sig);
    assert_eq!(
        check(Some(vector.pk), Some(vector.sig), |k| fields.canonical(k)),
        SignatureCheck::Good(key)
    );
}

#[test]
fn the_protocol_s_test_vectors_hold() {
    let (rust, both, mqtt) = (tags(&["rust"]), tags(&["rust", "日本"]), tags(&["mqtt"]));
    check_vector(
        &VECTORS[0],
        &TweetFields {
            id: PARENT,
            user: "alice",
            text: "Hello #rust",
            tags: &rust,
            ts: Some("2026-12-04T12:00:00.000Z"),
            reply_to: None,
            reply_to_user: None,
        },
    );
    check_vector(
        &VECTORS[1],
        &TweetFields {
            id: "id-2",
            user: "bob",
            text: "@alice ja! 🦀 \"quoted\"\nline two",
            tags: &both,
            ts: Some("2026-12-04T12:00:01.500Z"),
            reply_to: Some(PARENT),
            reply_to_user: Some("alice"),
        },
    );
    check_vector(
        &VECTORS[2],
        &TweetFields {
            id: "id-3",
            user: "carol",
            text: "no time given",
            tags: &mqtt,
            ts: None,
            reply_to: None,
            reply_to_user: None,
        },
    );
}

fn sample<'a>(tags: &'a [String]) -> TweetFields<'a> {
    TweetFields {
        id: "id-1",
        user: "alice",
        text: "Hello #rust",
        tags,
        ts: Some("2026-12-04T12:00:00.000Z"),
        reply_to: None,
        reply_to_user: None,
    }
}

#[test]
fn every_field_is_covered_so_any_change_is_forged() {
    let rust = tags(&["rust"]);
    let identity = vector_identity(1);
    let good = sample(&rust);
    let pk = identity.author_key().to_base64();
    let sig = good.canonical(&identity.author_key()).sign(&identity);
    let more = tags(&["rust", "crypto"]);
    let changed = [
        TweetFields { id: "id-2", ..good },
        TweetFields {
            user: "mallory",
            ..good
        },
        TweetFields {
            text: "Hello #rust!",
            ..good
        },
        TweetFields {
            tags: &more,
            ..good
        },
        TweetFields {
            ts: Some("2026-12-04T12:00:00.001Z"),
            ..good
        },
        TweetFields { ts: None, ..good },
        TweetFields {
            reply_to: Some("x"),
            ..good
        },
        TweetFields {
            reply_to_user: Some("bob"),
            ..good
        },
    ];
    for fields in changed {
        assert_eq!(
            check(Some(&pk), Some(&sig), |k| fields.canonical(k)),
            SignatureCheck::Forged("the signature does not verify"),
            "{fields:?}"
        );
    }
}

#[test]
fn fields_cannot_be_shifted_into_each_other() {
    // Length prefixes: "ab" + "c" is not "a" + "bc".
    let key = vector_identity(1).author_key();
    let one = Canonical::new("tweet", &key).text("ab").text("c");
    let two = Canonical::new("tweet", &key).text("a").text("bc");
    assert_ne!(one, two);
    let empty_list = Canonical::new("tweet", &key).list(std::iter::empty());
    let empty_text = Canonical::new("tweet", &key).text("");
    assert_eq!(
        empty_list.as_bytes(),
        empty_text.as_bytes(),
        "an empty list and an empty field are both four zero bytes"
    );
    // ... which is why every kind has a fixed sequence of fields.
}

#[test]
fn a_signature_from_another_key_a_bad_encoding_or_half_a_pair_is_forged() {
    let rust = tags(&["rust"]);
    let good = sample(&rust);
    let alice = vector_identity(1);
    let mallory = vector_identity(9);
    let alice_pk = alice.author_key().to_base64();
    let mallory_sig = good.canonical(&alice.author_key()).sign(&mallory);
    let canonical = |k: &AuthorKey| good.canonical(k);
    assert_eq!(
        check(Some(&alice_pk), Some(&mallory_sig), canonical),
        SignatureCheck::Forged("the signature does not verify")
    );
    let sig = good.canonical(&alice.author_key()).sign(&alice);
    let truncated = STANDARD.encode(&STANDARD.decode(&sig).expect("b64")[..63]);
    for (pk, sig, why) in [
        (
            Some(alice_pk.as_str()),
            Some(truncated.as_str()),
            "the signature is not 64 bytes of base64",
        ),
        (
            Some(alice_pk.as_str()),
            Some("!!not base64!!"),
            "the signature is not 64 bytes of base64",
        ),
        (
            Some("short"),
            Some(sig.as_str()),
            "the key is not 32 bytes of base64",
        ),
        (
            Some(alice_pk.as_str()),
            None,
            "a key without a signature, or the reverse",
        ),
        (
            None,
            Some(sig.as_str()),
            "a key without a signature, or the reverse",
        ),
    ] {
        assert_eq!(check(pk, sig, canonical), SignatureCheck::Forged(why));
    }
    assert_eq!(check(None, None, canonical), SignatureCheck::Unsigned);
}

#[test]
fn a_weak_key_is_refused_even_with_a_matching_signature() {
    // The identity point (a small-order key) verifies forged signatures
    // under lax checking; verify_strict refuses it.
    let mut identity_point = [0u8; 32];
    identity_point[0] = 1;
    let key = AuthorKey::from_bytes(identity_point);
    let mut sig = [0u8; 64];
    sig[0] = 1;
    assert!(verify(&key, b"anything", &sig).is_err());
}

#[test]
fn a_remembered_signature_is_taken_again_and_nothing_else_is() {
    let rust = tags(&["rust"]);
    let good = sample(&rust);
    let alice = vector_identity(1);
    let pk = alice.author_key().to_base64();
    let sig = good.canonical(&alice.author_key()).sign(&alice);
    let mut memory = VerifiedSignatures::default();
    let canonical = |k: &AuthorKey| good.canonical(k);
    let check = |memory: &mut VerifiedSignatures, fields: &TweetFields<'_>| {
        check_with(Some(&pk), Some(&sig), |k| fields.canonical(k), Some(memory))
    };
    assert_eq!(
        check(&mut memory, &good),
        SignatureCheck::Good(alice.author_key())
    );
    assert_eq!(memory.hits(), 0, "verified the first time");
    assert_eq!(
        check(&mut memory, &good),
        SignatureCheck::Good(alice.author_key())
    );
    assert_eq!(memory.hits(), 1, "a copy is taken from memory");
    // Another text under the same remembered signature is still forged.
    let changed = TweetFields {
        text: "Hello #rust!",
        ..good
    };
    assert_eq!(
        check(&mut memory, &changed),
        SignatureCheck::Forged("the signature does not verify")
    );
    // A forged signature is never remembered.
    let mallory_sig = good
        .canonical(&alice.author_key())
        .sign(&vector_identity(9));
    for _ in 0..2 {
        let forged = check_with(Some(&pk), Some(&mallory_sig), canonical, Some(&mut memory));
        assert_eq!(
            forged,
            SignatureCheck::Forged("the signature does not verify")
        );
    }
    assert_eq!(memory.hits(), 1);
}

#[test]
fn the_memory_is_bounded() {
    let mut memory = VerifiedSignatures::default();
    let alice = vector_identity(1);
    let rust = tags(&["rust"]);
    let first_id = "id-0".to_owned();
    for n in 0..(REMEMBERED_SIGNATURES + 10) {
        let id = format!("id-{n}");
        let fields = TweetFields {
            id: &id,
            ..sample(&rust)
        };
        let sig = fields.canonical(&alice.author_key()).sign(&alice);
        let pk = alice.author_key().to_base64();
        let checked = check_with(
            Some(&pk),
            Some(&sig),
            |k| fields.canonical(k),
            Some(&mut memory),
        );
        assert!(matches!(checked, SignatureCheck::Good(_)));
    }
    assert_eq!(memory.hits(), 0);
    // The first one was forgotten: checking it again verifies it again.
    let fields = TweetFields {
        id: &first_id,
        ..sample(&rust)
    };
    let sig = fields.canonical(&alice.author_key()).sign(&alice);
    let pk = alice.author_key().to_base64();
    check_with(
        Some(&pk),
        Some(&sig),
        |k| fields.canonical(k),
        Some(&mut memory),
    );
    assert_eq!(memory.hits(), 0);
}
