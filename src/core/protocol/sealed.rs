//! End-to-end encryption of one direct message to the recipient's X25519
//! public key (PROTOCOL.md section 10): a fresh ephemeral key per message,
//! X25519, HKDF-SHA-256, ChaCha20-Poly1305 over a padded block. Pure: no
//! I/O; the envelope (base64, JSON, signature) is the caller's.
//!
//! The nonce rule: the AEAD nonce is twelve zero bytes. That is safe only
//! because every message gets a new ephemeral secret, so every key encrypts
//! exactly one message. Never encrypt twice with the same ephemeral secret
//! (`seal_with_ephemeral` exists for test vectors only).

use chacha20poly1305::aead::AeadInPlace as _;
use chacha20poly1305::{ChaCha20Poly1305, Key, KeyInit as _, Nonce};
use hkdf::Hkdf;
use rand_core::OsRng;
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::core::model::author_key::KEY_LEN;

/// The scheme's name, as the envelope's `enc` carries it.
pub const SCHEME: &str = "x25519-hkdf-chacha20poly1305-v1";
/// HKDF's `info`: ties the key to this use, so no other protocol that
/// happens to share an X25519 secret derives the same key.
pub const HKDF_INFO: &[u8] = b"chirp-dm-v1";
/// The sizes a padded block may have: a message is padded to the smallest
/// that holds it, so its length shows only roughly.
pub const BLOCK_SIZES: [usize; 5] = [256, 512, 1024, 2048, 4096];
/// Bytes of the big-endian length in front of the message in a block.
const LENGTH_PREFIX: usize = 2;
/// The longest message that fits the largest block.
pub const MAX_MESSAGE_LEN: usize = 4096 - LENGTH_PREFIX;
/// Bytes of the Poly1305 tag after the encrypted block.
pub const TAG_LEN: usize = 16;

/// A sealed message: what the envelope carries as `epk` and `ct`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The ephemeral X25519 public key, new for each message.
    pub ephemeral: [u8; KEY_LEN],
    /// The encrypted padded block followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error(
        "this message cannot be opened with your key (it was changed, or encrypted to another key)"
    )]
    CannotOpen,
    #[error("the sender's key is not usable")]
    UnusableSenderKey,
    #[error("the recipient's key is not usable")]
    UnusableRecipientKey,
    #[error("message too long to encrypt ({len} bytes, at most {MAX_MESSAGE_LEN})")]
    TooLong { len: usize },
    #[error("this message was encrypted by a faulty client (its padding is wrong)")]
    BadPadding,
}

/// Encrypts `message` to `recipient` (an X25519 public key) with a fresh
/// ephemeral key from the operating system's random numbers.
/// `associated` is authenticated, not encrypted: the receiver must pass the
/// same bytes to `open`.
pub fn seal(
    recipient: &[u8; KEY_LEN],
    associated: &[u8],
    message: &[u8],
) -> Result<Sealed, SealError> {
    let ephemeral = StaticSecret::random_from_rng(OsRng);
    seal_with_secret(&ephemeral, recipient, associated, message)
}

/// `seal` with the ephemeral secret given: deterministic, for test vectors.
/// Using one ephemeral secret twice reuses key and nonce and breaks the
/// encryption of both messages.
pub fn seal_with_ephemeral(
    ephemeral_secret: [u8; KEY_LEN],
    recipient: &[u8; KEY_LEN],
    associated: &[u8],
    message: &[u8],
) -> Result<Sealed, SealError> {
    let ephemeral = StaticSecret::from(ephemeral_secret);
    seal_with_secret(&ephemeral, recipient, associated, message)
}

fn seal_with_secret(
    ephemeral: &StaticSecret,
    recipient: &[u8; KEY_LEN],
    associated: &[u8],
    message: &[u8],
) -> Result<Sealed, SealError> {
    let mut block = pad(message)?;
    let ephemeral_public = PublicKey::from(ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(*recipient));
    // A low-order recipient key makes the shared secret all zeros, known to
    // anyone: refuse rather than encrypt to it.
    if !shared.was_contributory() {
        return Err(SealError::UnusableRecipientKey);
    }
    let key = derive_key(shared.as_bytes(), &ephemeral_public, recipient);
    cipher(&key)
        .encrypt_in_place(&Nonce::default(), associated, &mut *block)
        .map_err(|_| SealError::TooLong { len: message.len() })?;
    Ok(Sealed {
        ephemeral: ephemeral_public,
        ciphertext: block.to_vec(),
    })
}

/// Decrypts what `seal` made for the holder of `recipient`, given the same
/// `associated` bytes. The message comes back zeroed on drop.
pub fn open(
    recipient: &StaticSecret,
    ephemeral: &[u8; KEY_LEN],
    associated: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, SealError> {
    // Only a whole block and its tag can be ours; refuse anything else
    // before doing any work.
    let block_len = ciphertext.len().saturating_sub(TAG_LEN);
    if !BLOCK_SIZES.contains(&block_len) {
        return Err(SealError::CannotOpen);
    }
    let shared = recipient.diffie_hellman(&PublicKey::from(*ephemeral));
    if !shared.was_contributory() {
        return Err(SealError::UnusableSenderKey);
    }
    let recipient_public = PublicKey::from(recipient).to_bytes();
    let key = derive_key(shared.as_bytes(), ephemeral, &recipient_public);
    let mut block = Zeroizing::new(ciphertext.to_vec());
    cipher(&key)
        .decrypt_in_place(&Nonce::default(), associated, &mut *block)
        .map_err(|_| SealError::CannotOpen)?;
    unpad(&block)
}

/// HKDF-SHA-256 with salt = ephemeral public || recipient public, so the key
/// is bound to both public keys and not only to the shared secret.
fn derive_key(
    shared: &[u8; KEY_LEN],
    ephemeral_public: &[u8; KEY_LEN],
    recipient_public: &[u8; KEY_LEN],
) -> Zeroizing<[u8; KEY_LEN]> {
    let mut salt = [0u8; 2 * KEY_LEN];
    salt[..KEY_LEN].copy_from_slice(ephemeral_public);
    salt[KEY_LEN..].copy_from_slice(recipient_public);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    // 32 bytes is far below HKDF-SHA-256's limit of 8,160: expand cannot fail.
    let _ = Hkdf::<Sha256>::new(Some(&salt), shared).expand(HKDF_INFO, &mut *key);
    key
}

fn cipher(key: &[u8; KEY_LEN]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(Key::from_slice(key))
}

/// The smallest of `BLOCK_SIZES` that holds the length prefix and `len`
/// bytes of message.
fn block_size(len: usize) -> Option<usize> {
    BLOCK_SIZES
        .into_iter()
        .find(|&size| len + LENGTH_PREFIX <= size)
}

/// Length (2 bytes, big-endian), message, zeros up to the block size; room
/// for the tag is reserved so encryption never reallocates and leaves a
/// copy of the plaintext behind.
fn pad(message: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    let too_long = SealError::TooLong { len: message.len() };
    let size = block_size(message.len()).ok_or(too_long)?;
    let prefix = u16::try_from(message.len()).map_err(|_| too_long)?;
    let mut block = Zeroizing::new(Vec::with_capacity(size + TAG_LEN));
    block.extend_from_slice(&prefix.to_be_bytes());
    block.extend_from_slice(message);
    block.resize(size, 0);
    Ok(block)
}

/// The message in a decrypted block. Any of the block sizes is accepted
/// (a sender may pad more than it must), but the length must fit and every
/// padding byte must be zero, so a block has one meaning only.
fn unpad(block: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    let (prefix, rest) = block
        .split_first_chunk::<LENGTH_PREFIX>()
        .ok_or(SealError::BadPadding)?;
    let len = usize::from(u16::from_be_bytes(*prefix));
    if len > rest.len() {
        return Err(SealError::BadPadding);
    }
    let (message, padding) = rest.split_at(len);
    if padding.iter().any(|&byte| byte != 0) {
        return Err(SealError::BadPadding);
    }
    Ok(Zeroizing::new(message.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::author_key::hex;

    fn unhex<const N: usize>(digits: &str) -> [u8; N] {
        let bytes: Vec<u8> = (0..digits.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap())
            .collect();
        bytes.try_into().unwrap()
    }

    struct Vector {
        recipient_secret: &'static str,
        ephemeral_secret: &'static str,
        associated: &'static [u8],
        message: &'static [u8],
        ephemeral_public: &'static str,
        key: &'static str,
        ciphertext: &'static str,
    }

    /// PROTOCOL.md section 10's vectors, also computed independently with
    /// Python's `cryptography` package. Vector 1 uses RFC 7748's keys
    /// (recipient = Bob, ephemeral = Alice).
    const VECTORS: [Vector; 2] = [
        Vector {
            recipient_secret: "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
            ephemeral_secret: "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
            associated: b"chirp test header",
            message: b"lunch at one?",
            ephemeral_public: "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            key: "430507678c1b69a3f1e373763a51eb01c04d78f81594c9701f0f5b596a519f64",
            ciphertext: concat!(
                "c1c464f13559d8e1e73bcec09a95b374db7d89c9994c7e465bcd5bec0a26ed7b",
                "4320944803224a322502c1ddf2461c00a19528984da22c0838b4e7ceb5264958",
                "d60d6d8656c9cec80212e7eac4a10296a599ab1de5b7cf767d4670745e154fec",
                "a5f00b6b2e54250986ca7a52af5ebe7d3592c410911a9044852e0951d9bae9fc",
                "e50ae1cbcc3c100c9c98192b918400ea1f3bd4b70ebd20b41ca31a73c2d3d371",
                "5d051ce7a8858af7f185c1d378bd00fbfa44dcc9cdeec08ea94a8f7f7828c61c",
                "da9546e111f9df919668097469a03640b09c30bda815921a4b3464656e74bd17",
                "7ac8374836aad0befffdda6b3471bdaafcf8d045972b8c50c0fa5c8803efc696",
                "f96a94a1f8178f87404751398929ff3e",
            ),
        },
        Vector {
            recipient_secret: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            ephemeral_secret: "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            associated: b"",
            message: "Gr\u{fc}\u{df}e aus M\u{fc}nchen \u{1f426}".as_bytes(),
            ephemeral_public: "358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254",
            key: "cac1bd1e59a676164440e083873f99c2e89a812179a02ebba8313a15f7898fa7",
            ciphertext: concat!(
                "ddef903f30961d9284bdee6b842a7368bcad315f504558db8e8126fe5ffaabb4",
                "a7d17ca5594e9c8ea1c1ff0adb3f2fb457604218b9e9ab8c9aedf80003e31f08",
                "63a4f8418d482a47d7d637749a242ddd3ba2bdd8df4eb609e1fe2476d33f1af3",
                "8d039fdd471133ae3e08d922b6ea10cf5e368af05e8dc42fe1e449e9f4c6d272",
                "90b18e34fdc84e81283d10eebb46426e4f457ec0f60946c28d190ac552409f8b",
                "7cc5fb41097c7ea561df4807c45a927382c2565048bc0ca6fcfab83c222897a5",
                "f6d03219b54a4821c6a794456bfad70ab793b457e88100d2ad0f21e0f65537e6",
                "1b3ca700b14d866a04177b3c010afa81972e2b934b5a5428c9f3ff9e1b94dc77",
                "56d54e27f1ffd5f2329142985cf12ab1",
            ),
        },
    ];

    #[test]
    fn the_test_vectors_seal_and_open() {
        for vector in &VECTORS {
            let recipient = StaticSecret::from(unhex::<32>(vector.recipient_secret));
            let recipient_public = PublicKey::from(&recipient).to_bytes();
            let ephemeral = unhex::<32>(vector.ephemeral_secret);
            let sealed = seal_with_ephemeral(
                ephemeral,
                &recipient_public,
                vector.associated,
                vector.message,
            )
            .unwrap();
            assert_eq!(hex(&sealed.ephemeral), vector.ephemeral_public);
            assert_eq!(hex(&sealed.ciphertext), vector.ciphertext);
            let shared =
                StaticSecret::from(ephemeral).diffie_hellman(&PublicKey::from(recipient_public));
            let key = derive_key(shared.as_bytes(), &sealed.ephemeral, &recipient_public);
            assert_eq!(hex(&*key), vector.key);
            let opened = open(
                &recipient,
                &sealed.ephemeral,
                vector.associated,
                &sealed.ciphertext,
            );
            assert_eq!(opened.unwrap().as_slice(), vector.message);
        }
    }

    fn recipient() -> (StaticSecret, [u8; 32]) {
        let secret = StaticSecret::random_from_rng(OsRng);
        let public = PublicKey::from(&secret).to_bytes();
        (secret, public)
    }

    #[test]
    fn a_message_round_trips_and_each_seal_is_new() {
        let (secret, public) = recipient();
        for message in [&b""[..], b"hi", &[0xff; MAX_MESSAGE_LEN]] {
            let sealed = seal(&public, b"header", message).unwrap();
            let opened = open(&secret, &sealed.ephemeral, b"header", &sealed.ciphertext).unwrap();
            assert_eq!(opened.as_slice(), message);
        }
        let first = seal(&public, b"header", b"same").unwrap();
        let second = seal(&public, b"header", b"same").unwrap();
        assert_ne!(
            first.ephemeral, second.ephemeral,
            "a fresh ephemeral key each time"
        );
        assert_ne!(first.ciphertext, second.ciphertext);
    }

    #[test]
    fn the_wrong_key_or_any_change_cannot_open() {
        let (secret, public) = recipient();
        let sealed = seal(&public, b"header", b"lunch at one?").unwrap();
        let (other, _) = recipient();
        let cannot = Err(SealError::CannotOpen);
        assert_eq!(
            open(&other, &sealed.ephemeral, b"header", &sealed.ciphertext),
            cannot
        );
        for at in [0, 1, 100, sealed.ciphertext.len() - 1] {
            let mut changed = sealed.ciphertext.clone();
            changed[at] ^= 1;
            assert_eq!(
                open(&secret, &sealed.ephemeral, b"header", &changed),
                cannot,
                "byte {at}"
            );
        }
        assert_eq!(
            open(&secret, &sealed.ephemeral, b"Header", &sealed.ciphertext),
            cannot
        );
        assert_eq!(
            open(&secret, &sealed.ephemeral, b"", &sealed.ciphertext),
            cannot
        );
        // The top bit is ignored by X25519 itself (same shared secret), but
        // the key also hashes the ephemeral key as sent, so it still fails.
        for (byte, bit) in [(0, 1), (31, 0x80)] {
            let mut ephemeral = sealed.ephemeral;
            ephemeral[byte] ^= bit;
            assert_eq!(
                open(&secret, &ephemeral, b"header", &sealed.ciphertext),
                cannot
            );
        }
        let cut = &sealed.ciphertext[..sealed.ciphertext.len() - 1];
        for wrong_length in [&[][..], &[0; TAG_LEN], cut] {
            assert_eq!(
                open(&secret, &sealed.ephemeral, b"header", wrong_length),
                cannot
            );
        }
    }

    /// Points of small order: X25519 with any of them gives all zeros.
    const LOW_ORDER: [&str; 3] = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    ];

    #[test]
    fn low_order_keys_are_refused_on_both_sides() {
        let (secret, public) = recipient();
        let sealed = seal(&public, b"", b"hi").unwrap();
        for point in LOW_ORDER {
            let point = unhex::<32>(point);
            assert_eq!(
                seal(&point, b"", b"hi"),
                Err(SealError::UnusableRecipientKey)
            );
            assert_eq!(
                open(&secret, &point, b"", &sealed.ciphertext),
                Err(SealError::UnusableSenderKey)
            );
        }
    }

    #[test]
    fn padding_hides_the_length_within_a_block_size() {
        let (_, public) = recipient();
        let length = |len: usize| seal(&public, b"", &vec![b'a'; len]).map(|s| s.ciphertext.len());
        assert_eq!(length(5), Ok(256 + TAG_LEN));
        assert_eq!(length(200), Ok(256 + TAG_LEN));
        assert_eq!(length(254), Ok(256 + TAG_LEN));
        assert_eq!(length(255), Ok(512 + TAG_LEN));
        assert_eq!(length(MAX_MESSAGE_LEN), Ok(4096 + TAG_LEN));
        assert_eq!(
            length(MAX_MESSAGE_LEN + 1),
            Err(SealError::TooLong { len: 4095 })
        );
    }

    /// Encrypts a hand-made block as `seal` would.
    fn seal_block(public: &[u8; 32], block: &[u8]) -> Sealed {
        let ephemeral = StaticSecret::random_from_rng(OsRng);
        let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
        let shared = ephemeral.diffie_hellman(&PublicKey::from(*public));
        let key = derive_key(shared.as_bytes(), &ephemeral_public, public);
        let mut ciphertext = block.to_vec();
        cipher(&key)
            .encrypt_in_place(&Nonce::default(), b"", &mut ciphertext)
            .unwrap();
        Sealed {
            ephemeral: ephemeral_public,
            ciphertext,
        }
    }

    #[test]
    fn bad_padding_is_refused_and_a_larger_block_is_accepted() {
        let (secret, public) = recipient();
        let opened = |block: &[u8]| {
            let sealed = seal_block(&public, block);
            open(&secret, &sealed.ephemeral, b"", &sealed.ciphertext)
        };
        let mut block = vec![0u8; 256];
        block[..7].copy_from_slice(b"\x00\x05hello");
        assert_eq!(opened(&block).unwrap().as_slice(), b"hello");
        let mut nonzero_padding = block.clone();
        nonzero_padding[200] = 1;
        assert_eq!(opened(&nonzero_padding), Err(SealError::BadPadding));
        let mut length_too_long = block.clone();
        length_too_long[..2].copy_from_slice(&255u16.to_be_bytes());
        assert_eq!(opened(&length_too_long), Err(SealError::BadPadding));
        // A sender may pad more than it must: a short message in 512 bytes.
        block.resize(512, 0);
        assert_eq!(opened(&block).unwrap().as_slice(), b"hello");
    }

    #[test]
    fn errors_say_what_happened_in_plain_words() {
        assert!(
            SealError::CannotOpen
                .to_string()
                .contains("cannot be opened with your key")
        );
        assert_eq!(
            SealError::UnusableSenderKey.to_string(),
            "the sender's key is not usable"
        );
        assert!(
            SealError::TooLong { len: 5000 }
                .to_string()
                .starts_with("message too long to encrypt")
        );
    }
}
