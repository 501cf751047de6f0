//! A person's identity: an Ed25519 key that signs what they publish and an
//! X25519 key that direct messages to them are encrypted to. The secret
//! halves never leave this type except as `secret_bytes` (zeroed on drop),
//! for the keyring, the 0600 key file and the passphrase-encrypted export.

use std::fmt;

use ed25519_dalek::{Signer as _, SigningKey};
use rand_core::OsRng;
use x25519_dalek::{PublicKey as ExchangePublic, StaticSecret};
use zeroize::Zeroizing;

use crate::core::model::author_key::{AuthorKey, Fingerprint, KEY_LEN};

/// Bytes of an identity's secret: the Ed25519 seed, then the X25519 secret.
pub const SECRET_LEN: usize = 2 * KEY_LEN;
/// Bytes of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

pub struct Identity {
    signing: SigningKey,
    exchange: StaticSecret,
}

impl Identity {
    /// A new identity from the operating system's random numbers.
    pub fn generate() -> Self {
        Self {
            signing: SigningKey::generate(&mut OsRng),
            exchange: StaticSecret::random_from_rng(OsRng),
        }
    }

    /// The identity whose `secret_bytes` these are.
    pub fn from_secret_bytes(bytes: &[u8; SECRET_LEN]) -> Self {
        let mut seed = Zeroizing::new([0u8; KEY_LEN]);
        seed.copy_from_slice(&bytes[..KEY_LEN]);
        let mut exchange = Zeroizing::new([0u8; KEY_LEN]);
        exchange.copy_from_slice(&bytes[KEY_LEN..]);
        Self {
            signing: SigningKey::from_bytes(&seed),
            exchange: StaticSecret::from(*exchange),
        }
    }

    pub fn secret_bytes(&self) -> Zeroizing<[u8; SECRET_LEN]> {
        let mut bytes = Zeroizing::new([0u8; SECRET_LEN]);
        bytes[..KEY_LEN].copy_from_slice(self.signing.as_bytes());
        bytes[KEY_LEN..].copy_from_slice(self.exchange.as_bytes());
        bytes
    }

    /// The public key that signs: what receivers pin.
    pub fn author_key(&self) -> AuthorKey {
        AuthorKey::from_bytes(self.signing.verifying_key().to_bytes())
    }

    /// The public key messages to this person are encrypted to.
    pub fn exchange_key(&self) -> [u8; KEY_LEN] {
        ExchangePublic::from(&self.exchange).to_bytes()
    }

    pub fn exchange_secret(&self) -> &StaticSecret {
        &self.exchange
    }

    pub fn fingerprint(&self) -> Fingerprint {
        self.author_key().fingerprint()
    }

    /// An Ed25519 signature (deterministic, RFC 8032) over `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.signing.sign(message).to_bytes()
    }
}

impl Clone for Identity {
    fn clone(&self) -> Self {
        Self::from_secret_bytes(&self.secret_bytes())
    }
}

/// Two identities are the same when their secrets are (compared in
/// constant time; no public key is derived for it, so comparing connection
/// settings stays cheap).
impl PartialEq for Identity {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq as _;
        self.secret_bytes().ct_eq(&*other.secret_bytes()).into()
    }
}

impl Eq for Identity {}

/// Only the fingerprint: a secret must never reach a log or an error.
impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identity({})", self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_bytes_round_trip_and_debug_shows_no_secret() {
        let identity = Identity::generate();
        let again = Identity::from_secret_bytes(&identity.secret_bytes());
        assert_eq!(identity.author_key(), again.author_key());
        assert_eq!(identity.exchange_key(), again.exchange_key());
        let debug = format!("{identity:?}");
        assert!(debug.contains(&identity.fingerprint().to_string()));
        let secret = identity.secret_bytes();
        for window in [&secret[..8], &secret[32..40]] {
            assert!(!debug.contains(&crate::core::model::author_key::hex(window)));
        }
        assert_ne!(
            Identity::generate().author_key(),
            identity.author_key(),
            "each identity is new"
        );
    }
}
