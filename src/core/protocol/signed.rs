//! Signed payloads (PROTOCOL.md section 7): the canonical byte string an
//! Ed25519 signature covers, and the check a receiver makes. The canonical
//! form is length-prefixed binary, not JSON, so that no two payloads share
//! one and any language builds it the same way without a JSON canonicaliser.

use std::collections::{HashSet, VecDeque};

use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest as _, Sha256};

use crate::core::model::author_key::{AuthorKey, decode_exact};
use crate::core::model::tweet::ReplyTo;
use crate::core::protocol::identity::{Identity, SIGNATURE_LEN};

/// Every canonical string starts with this: a signature made for Chirp
/// means nothing to any other protocol, and a later version changes it.
pub const DOMAIN: &[u8] = b"chirp-signed-v1\0";

/// The bytes a signature covers: `DOMAIN`, then each field as a 4-byte
/// big-endian length and its UTF-8 bytes; a list is its item count (4 bytes,
/// big-endian) and then each item as a field. The first two fields are the
/// payload's kind and the signer's 32-byte public key (raw bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical(Vec<u8>);

impl Canonical {
    pub fn new(kind: &str, key: &AuthorKey) -> Self {
        let mut canonical = Self(Vec::with_capacity(256));
        canonical.0.extend_from_slice(DOMAIN);
        canonical.field(kind.as_bytes()).field(key.as_bytes())
    }

    /// One field, in its place.
    pub fn text(self, text: &str) -> Self {
        self.field(text.as_bytes())
    }

    /// An optional field: absent is the empty string.
    pub fn optional(self, text: Option<&str>) -> Self {
        self.text(text.unwrap_or(""))
    }

    pub fn list<'a>(mut self, items: impl ExactSizeIterator<Item = &'a str>) -> Self {
        self.0.extend_from_slice(&length(items.len()));
        items.fold(self, Canonical::text)
    }

    fn field(mut self, bytes: &[u8]) -> Self {
        self.0.extend_from_slice(&length(bytes.len()));
        self.0.extend_from_slice(bytes);
        self
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The signature `identity` makes over these bytes, as `sig` carries it.
    pub fn sign(&self, identity: &Identity) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(identity.sign(&self.0))
    }
}

fn length(len: usize) -> [u8; 4] {
    // Payloads are at most 256 KiB, far below u32::MAX.
    u32::try_from(len).unwrap_or(u32::MAX).to_be_bytes()
}

/// What a receiver makes of a payload's `pk` and `sig`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Neither field: a v1 payload from a client that does not sign.
    Unsigned,
    /// The signature verifies (strictly) under that key.
    Good(AuthorKey),
    /// Something claims a signature that does not hold: why.
    Forged(&'static str),
}

/// Checks `sig` (base64) by `pk` (base64) over the canonical string that
/// `canonical` builds for that key.
pub fn check(
    pk: Option<&str>,
    sig: Option<&str>,
    canonical: impl FnOnce(&AuthorKey) -> Canonical,
) -> SignatureCheck {
    check_with(pk, sig, canonical, None)
}

/// Signatures verified lately, so that the copies of one tweet (one per
/// hashtag, a mention copy, a retained copy sent again on every subscribe)
/// cost one Ed25519 verification, not one each. Keyed by SHA-256 over the
/// key, the canonical string and the signature: only exactly what was
/// verified is taken again. Bounded: the oldest is forgotten first.
#[derive(Debug, Default)]
pub struct VerifiedSignatures {
    seen: HashSet<[u8; 32]>,
    order: VecDeque<[u8; 32]>,
    /// Checks answered from memory (for tests and figures).
    hits: u64,
}

/// Signatures remembered at most (32 bytes each, twice).
pub const REMEMBERED_SIGNATURES: usize = 4_096;

impl VerifiedSignatures {
    pub fn hits(&self) -> u64 {
        self.hits
    }

    fn digest(key: &AuthorKey, canonical: &Canonical, signature: &[u8]) -> [u8; 32] {
        let mut hash = Sha256::new();
        hash.update(key.as_bytes());
        hash.update(canonical.as_bytes());
        hash.update(signature);
        hash.finalize().into()
    }

    fn remember(&mut self, digest: [u8; 32]) {
        if self.seen.insert(digest) {
            self.order.push_back(digest);
        }
        while self.order.len() > REMEMBERED_SIGNATURES {
            if let Some(oldest) = self.order.pop_front() {
                self.seen.remove(&oldest);
            }
        }
    }
}

/// `check`, answered from `memory` for a signature verified before (and
/// remembering one verified now).
pub fn check_with(
    pk: Option<&str>,
    sig: Option<&str>,
    canonical: impl FnOnce(&AuthorKey) -> Canonical,
    memory: Option<&mut VerifiedSignatures>,
) -> SignatureCheck {
    match claim(pk, sig, canonical) {
        Ok(None) => SignatureCheck::Unsigned,
        Ok(Some(claim)) => match check_claim(&claim, memory) {
            Ok(()) => SignatureCheck::Good(claim.key),
            Err(reason) => SignatureCheck::Forged(reason),
        },
        Err(reason) => SignatureCheck::Forged(reason),
    }
}

/// What a payload's `pk` and `sig` claim, not yet verified: the key, the
/// signature and the canonical string it should cover.
#[derive(Debug)]
pub struct Claim {
    pub key: AuthorKey,
    pub signature: [u8; SIGNATURE_LEN],
    pub canonical: Canonical,
}

/// The claim of `pk` and `sig` (base64): None when neither is there; an
/// error when they are malformed (no valid signature can be that).
pub fn claim(
    pk: Option<&str>,
    sig: Option<&str>,
    canonical: impl FnOnce(&AuthorKey) -> Canonical,
) -> Result<Option<Claim>, &'static str> {
    let (pk, sig) = match (pk, sig) {
        (None, None) => return Ok(None),
        (Some(pk), Some(sig)) => (pk, sig),
        _ => return Err("a key without a signature, or the reverse"),
    };
    let key = AuthorKey::from_base64(pk).ok_or("the key is not 32 bytes of base64")?;
    let signature =
        decode_exact::<SIGNATURE_LEN>(sig).ok_or("the signature is not 64 bytes of base64")?;
    let canonical = canonical(&key);
    Ok(Some(Claim {
        key,
        signature,
        canonical,
    }))
}

/// Verifies a claim, answered from `memory` when exactly it was verified
/// lately (and remembered there when it verifies now).
pub fn check_claim(
    claim: &Claim,
    memory: Option<&mut VerifiedSignatures>,
) -> Result<(), &'static str> {
    let Some(memory) = memory else {
        return verify(&claim.key, claim.canonical.as_bytes(), &claim.signature);
    };
    let digest = VerifiedSignatures::digest(&claim.key, &claim.canonical, &claim.signature);
    if memory.seen.contains(&digest) {
        memory.hits += 1;
        return Ok(());
    }
    verify(&claim.key, claim.canonical.as_bytes(), &claim.signature)?;
    memory.remember(digest);
    Ok(())
}

/// Ed25519 `verify_strict`: refuses weak keys and malleable signatures.
pub fn verify(
    key: &AuthorKey,
    message: &[u8],
    signature: &[u8; SIGNATURE_LEN],
) -> Result<(), &'static str> {
    let key = VerifyingKey::from_bytes(key.as_bytes()).map_err(|_| "the key is no Ed25519 key")?;
    key.verify_strict(message, &Signature::from_bytes(signature))
        .map_err(|_| "the signature does not verify")
}

/// The fields of a tweet that its signature covers, in canonical order
/// after kind `tweet` and the key: id, user, text, tags (a list), ts (the
/// string as sent, empty when none), reply_to, reply_to_user (empty when
/// not a reply).
#[derive(Debug, Clone, Copy)]
pub struct TweetFields<'a> {
    pub id: &'a str,
    pub user: &'a str,
    pub text: &'a str,
    pub tags: &'a [String],
    pub ts: Option<&'a str>,
    pub reply_to: Option<&'a str>,
    pub reply_to_user: Option<&'a str>,
}

impl TweetFields<'_> {
    pub fn canonical(&self, key: &AuthorKey) -> Canonical {
        self.canonical_of_kind("tweet", key)
    }

    /// A quote's: kind `quote`, the tweet's fields, then the quoted
    /// tweet's id and author (`ref`, `ref_user`; empty when none).
    pub fn quote_canonical(&self, key: &AuthorKey, quoted: &ReplyTo) -> Canonical {
        self.canonical_of_kind("quote", key)
            .text(&quoted.id)
            .optional(quoted.user.as_deref())
    }

    fn canonical_of_kind(&self, kind: &str, key: &AuthorKey) -> Canonical {
        Canonical::new(kind, key)
            .text(self.id)
            .text(self.user)
            .text(self.text)
            .list(self.tags.iter().map(String::as_str))
            .optional(self.ts)
            .optional(self.reply_to)
            .optional(self.reply_to_user)
    }
}

#[cfg(test)]
mod tests;
