//! Who signed a payload: an author's Ed25519 public key, its short
//! fingerprint, and what a receiver makes of it against the key it pinned
//! for that name (trust on first use). Plain data: the signing and checking
//! are in `protocol::identity` and `protocol::signed`.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

/// Bytes in an Ed25519 (and X25519) public key.
pub const KEY_LEN: usize = 32;

/// An author's Ed25519 public key, as `pk` carries it (base64, 44 chars).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AuthorKey([u8; KEY_LEN]);

impl AuthorKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Standard base64 with padding, as in payloads.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    /// A key in a payload's `pk`: canonical base64 of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Option<Self> {
        decode_exact(text).map(Self)
    }

    /// The whole key in hex (64 digits), for "copy the full key".
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    pub fn fingerprint(&self) -> Fingerprint {
        let digest = Sha256::digest(self.0);
        let mut short = [0u8; 8];
        short.copy_from_slice(&digest[..8]);
        Fingerprint(short)
    }
}

impl fmt::Debug for AuthorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuthorKey({})", self.fingerprint())
    }
}

/// Bytes in an Ed25519 signature.
pub const SIGNATURE_BYTES: usize = 64;

/// A tweet's signature held unchecked: the key it names is the one pinned
/// for its author, so its check waits until the tweet is shown (PROTOCOL.md
/// 9.7). Until then the tweet is never shown as verified.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeferredSignature(pub [u8; SIGNATURE_BYTES]);

/// Base64 of a signature without padding, as an entry packs it.
pub const PACKED_SIGNATURE_CHARS: usize = 86;

impl DeferredSignature {
    pub fn to_packed(&self) -> String {
        STANDARD_NO_PAD.encode(self.0)
    }

    pub fn from_packed(text: &str) -> Option<Self> {
        let bytes = STANDARD_NO_PAD.decode(text).ok()?;
        bytes.try_into().ok().map(Self)
    }
}

impl fmt::Debug for DeferredSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DeferredSignature(unchecked)")
    }
}

/// Exactly `N` bytes from canonical standard base64, or None (wrong
/// length, bad characters, non-canonical padding bits).
pub fn decode_exact<const N: usize>(text: &str) -> Option<[u8; N]> {
    // Base64 of N bytes is never longer than this; refuse before decoding.
    if text.len() != N.div_ceil(3) * 4 {
        return None;
    }
    let bytes = STANDARD.decode(text).ok()?;
    bytes.try_into().ok()
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The first 8 bytes of SHA-256 over the key, shown as four groups of four
/// hex digits (`3f9a 07c2 d41e 88b0`): short enough to read out loud and
/// compare, long enough that nobody makes a key to match one.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 8]);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = hex(&self.0);
        for (i, group) in digits.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(std::str::from_utf8(group).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

/// What a receiver makes of a signed payload's key, against the key it
/// pinned for the author's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trust {
    /// Signature good, not yet compared with the pins (the decoder's word;
    /// the receiver replaces it).
    Unjudged,
    /// Signature good and the key is the one pinned for that name.
    Verified,
    /// Signature good and the name was never seen: pinned now.
    NewKey,
    /// Signature good, but another key than the one pinned for that name:
    /// somebody else using the name.
    KeyChanged,
}

impl Trust {
    /// The word `chirp follow --json` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Verified | Trust::Unjudged => "verified",
            Trust::NewKey => "new_key",
            Trust::KeyChanged => "key_changed",
        }
    }

    pub fn from_code(code: u8) -> Self {
        match code {
            1 => Trust::Verified,
            2 => Trust::NewKey,
            3 => Trust::KeyChanged,
            _ => Trust::Unjudged,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Trust::Unjudged => 0,
            Trust::Verified => 1,
            Trust::NewKey => 2,
            Trust::KeyChanged => 3,
        }
    }
}

/// A payload whose signature verified: by whom, and what that means here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signed {
    pub key: AuthorKey,
    pub trust: Trust,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_four_groups_of_sha256() {
        // SHA-256 of 32 zero bytes begins 66687aadf862bd77.
        let key = AuthorKey::from_bytes([0; 32]);
        assert_eq!(key.fingerprint().to_string(), "6668 7aad f862 bd77");
        assert_eq!(key.to_hex(), "0".repeat(64));
        assert_eq!(
            AuthorKey::from_base64(&key.to_base64()),
            Some(key),
            "base64 round trip"
        );
    }

    #[test]
    fn a_deferred_signature_packs_into_86_chars_and_back() {
        let signature = DeferredSignature([0xa5; SIGNATURE_BYTES]);
        let packed = signature.to_packed();
        assert_eq!(packed.len(), PACKED_SIGNATURE_CHARS);
        assert_eq!(DeferredSignature::from_packed(&packed), Some(signature));
        assert_eq!(DeferredSignature::from_packed(&packed[1..]), None);
    }

    #[test]
    fn only_canonical_base64_of_the_right_length_is_a_key() {
        let key = AuthorKey::from_bytes([7; 32]).to_base64();
        assert_eq!(key.len(), 44);
        for bad in [
            &key[..43],
            &key[1..],
            "not base64 at all, not base64 at all, not b=",
            "",
            &format!("{key}AAAA"),
        ] {
            assert_eq!(AuthorKey::from_base64(bad), None, "{bad:?}");
        }
        // The last character's low bits must be zero (canonical encoding).
        let mut odd = key.clone().into_bytes();
        odd[42] = b'd';
        let odd = String::from_utf8(odd).expect("ascii");
        assert_eq!(AuthorKey::from_base64(&odd), None);
    }
}
