//! The exported identity file (PROTOCOL.md section 11): an identity's 64
//! secret bytes encrypted under a passphrase, as a small JSON text, so a
//! person can carry their identity to another machine. Argon2id turns the
//! passphrase into a key, ChaCha20-Poly1305 encrypts. Pure: no I/O.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::AeadInPlace as _;
use chacha20poly1305::{ChaCha20Poly1305, Key, KeyInit as _, Nonce};
use rand_core::{OsRng, RngCore as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::core::model::author_key::{KEY_LEN, decode_exact};
use crate::core::protocol::identity::{Identity, SECRET_LEN};

pub use super::passphrase::{MIN_PASSPHRASE_CHARS, WeakPassphrase, check_passphrase};

/// The value of `chirp_identity` this version writes and reads.
pub const FORMAT_VERSION: u64 = 1;
/// The value of `kdf` this version writes and reads.
pub const KDF_NAME: &str = "argon2id";
/// What the associated data starts with; the fingerprint label follows.
pub const ASSOCIATED_PREFIX: &[u8] = b"chirp-identity-v1";
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const CIPHERTEXT_LEN: usize = SECRET_LEN + TAG_LEN;
/// A file Chirp writes is under 400 bytes; anything much longer is not one,
/// and is refused before it is parsed.
pub const MAX_FILE_LEN: usize = 4096;

/// Argon2id's cost: memory in KiB, passes over it, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// What `export` uses: 64 MiB, 3 passes, 1 lane (RFC 9106's second
    /// recommended choice, for machines where 2 GiB is too much).
    pub const EXPORT: Self = Self {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };
    /// The most memory a file may ask for. A hostile file must not make
    /// import take unbounded memory: 256 MiB is four times what Chirp
    /// writes, room for a stronger later setting, and still fits a desktop.
    pub const MAX_M_KIB: u32 = 256 * 1024;
    /// The most passes a file may ask for: with `MAX_M_KIB`, about eleven
    /// times the work of what Chirp writes, so import stays in seconds.
    pub const MAX_T: u32 = 8;
    /// The most lanes. This build computes lanes one after another, so they
    /// cost no extra time, but a file asking for more is not one of ours.
    pub const MAX_P: u32 = 4;

    /// Within what import accepts: at least Argon2's own minimum (8 KiB per
    /// lane, one pass), at most the bounds above.
    pub fn is_acceptable(self) -> bool {
        (1..=Self::MAX_P).contains(&self.p)
            && (1..=Self::MAX_T).contains(&self.t)
            && (8 * self.p..=Self::MAX_M_KIB).contains(&self.m_kib)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityFileError {
    #[error("this is not a Chirp identity file")]
    NotAnIdentityFile,
    #[error(
        "this identity file has format version {version}; this Chirp reads version 1 only (was it made by a newer Chirp?)"
    )]
    UnsupportedVersion { version: u64 },
    #[error(
        "this identity file is locked with a method this Chirp does not know (it knows argon2id only)"
    )]
    UnsupportedKdf,
    #[error(
        "this identity file asks for key derivation settings outside what Chirp accepts (memory 8 KiB to 256 MiB, 1 to 8 passes, 1 to 4 lanes)"
    )]
    UnacceptableParameters,
    #[error("this identity file is damaged: {what}")]
    Damaged { what: &'static str },
    #[error("wrong passphrase, or the file was changed")]
    WrongPassphrase,
    #[error("the passphrase could not be turned into a key ({0})")]
    KeyDerivation(argon2::Error),
    #[error("the identity could not be encrypted")]
    Encryption,
}

/// The file's fields, in the order they are written.
#[derive(Serialize, Deserialize)]
struct FileFields {
    chirp_identity: u64,
    kdf: String,
    // Wider than Argon2's u32 so that an absurd value is refused as out of
    // bounds, with that message, and not as a type error.
    m_kib: u64,
    t: u64,
    p: u64,
    salt: String,
    nonce: String,
    ciphertext: String,
    fingerprint: String,
}

/// The identity encrypted under `passphrase` with `KdfParams::EXPORT`.
/// The passphrase is used as given (its UTF-8 bytes, not trimmed or
/// normalized); the caller checks its strength with `check_passphrase`.
pub fn export(identity: &Identity, passphrase: &str) -> Result<String, IdentityFileError> {
    export_with(identity, passphrase, KdfParams::EXPORT)
}

/// `export` with other Argon2 costs (tests use cheap ones); a fresh random
/// salt and nonce.
pub fn export_with(
    identity: &Identity,
    passphrase: &str,
    params: KdfParams,
) -> Result<String, IdentityFileError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    export_with_salt_and_nonce(identity, passphrase, params, salt, nonce)
}

/// `export_with` with salt and nonce given: deterministic, for test vectors.
/// A salt must never be used twice with one passphrase: the same key and
/// nonce would then encrypt two secrets.
pub fn export_with_salt_and_nonce(
    identity: &Identity,
    passphrase: &str,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
) -> Result<String, IdentityFileError> {
    // Never write a file that import would refuse.
    if !params.is_acceptable() {
        return Err(IdentityFileError::UnacceptableParameters);
    }
    let fingerprint = identity.fingerprint().to_string();
    let key = derive_key(passphrase, &salt, params)?;
    let mut sealed = Zeroizing::new(Vec::with_capacity(CIPHERTEXT_LEN));
    sealed.extend_from_slice(&*identity.secret_bytes());
    cipher(&key)
        .encrypt_in_place(
            Nonce::from_slice(&nonce),
            &associated(&fingerprint),
            &mut *sealed,
        )
        .map_err(|_| IdentityFileError::Encryption)?;
    let fields = FileFields {
        chirp_identity: FORMAT_VERSION,
        kdf: KDF_NAME.to_owned(),
        m_kib: params.m_kib.into(),
        t: params.t.into(),
        p: params.p.into(),
        salt: STANDARD.encode(salt),
        nonce: STANDARD.encode(nonce),
        ciphertext: STANDARD.encode(&*sealed),
        fingerprint,
    };
    let json = serde_json::to_string(&fields).map_err(|_| IdentityFileError::Encryption)?;
    Ok(json + "\n")
}

/// The identity in an exported file, if `passphrase` opens it. Everything
/// cheap is checked before the costly key derivation.
pub fn import(file: &str, passphrase: &str) -> Result<Identity, IdentityFileError> {
    let fields = parse(file)?;
    let params = acceptable_params(&fields)?;
    let salt: [u8; SALT_LEN] =
        decode_exact(&fields.salt).ok_or(damaged("the salt is not 16 bytes of base64"))?;
    let nonce: [u8; NONCE_LEN] =
        decode_exact(&fields.nonce).ok_or(damaged("the nonce is not 12 bytes of base64"))?;
    let sealed: [u8; CIPHERTEXT_LEN] = decode_exact(&fields.ciphertext)
        .ok_or(damaged("the ciphertext is not 80 bytes of base64"))?;
    let key = derive_key(passphrase, &salt, params)?;
    let mut secret = Zeroizing::new(sealed.to_vec());
    cipher(&key)
        .decrypt_in_place(
            Nonce::from_slice(&nonce),
            &associated(&fields.fingerprint),
            &mut *secret,
        )
        .map_err(|_| IdentityFileError::WrongPassphrase)?;
    let secret: &[u8; SECRET_LEN] = secret
        .as_slice()
        .try_into()
        .map_err(|_| damaged("the secret has the wrong length"))?;
    let identity = Identity::from_secret_bytes(secret);
    // The label is authenticated, so this fails only for a file written
    // wrongly in the first place.
    if identity.fingerprint().to_string() != fields.fingerprint {
        return Err(damaged("the fingerprint does not match the key inside"));
    }
    Ok(identity)
}

fn damaged(what: &'static str) -> IdentityFileError {
    IdentityFileError::Damaged { what }
}

/// The fields of a version 1 argon2id file. Version and kdf are looked at
/// first, so that a later format with other fields gets a message saying
/// so and not "damaged".
fn parse(file: &str) -> Result<FileFields, IdentityFileError> {
    if file.len() > MAX_FILE_LEN {
        return Err(IdentityFileError::NotAnIdentityFile);
    }
    let value: Value =
        serde_json::from_str(file).map_err(|_| IdentityFileError::NotAnIdentityFile)?;
    match value.get("chirp_identity").map(Value::as_u64) {
        Some(Some(FORMAT_VERSION)) => {}
        Some(Some(version)) => return Err(IdentityFileError::UnsupportedVersion { version }),
        None | Some(None) => return Err(IdentityFileError::NotAnIdentityFile),
    }
    match value.get("kdf") {
        Some(kdf) if kdf.as_str() == Some(KDF_NAME) => {}
        Some(_) => return Err(IdentityFileError::UnsupportedKdf),
        None => return Err(damaged("the kdf field is missing")),
    }
    serde_json::from_value(value).map_err(|_| damaged("a field is missing or of the wrong type"))
}

fn acceptable_params(fields: &FileFields) -> Result<KdfParams, IdentityFileError> {
    let narrow = |value: u64| u32::try_from(value).ok();
    let params = match (narrow(fields.m_kib), narrow(fields.t), narrow(fields.p)) {
        (Some(m_kib), Some(t), Some(p)) => KdfParams { m_kib, t, p },
        _ => return Err(IdentityFileError::UnacceptableParameters),
    };
    if !params.is_acceptable() {
        return Err(IdentityFileError::UnacceptableParameters);
    }
    Ok(params)
}

/// Argon2id, version 0x13, no secret and no associated data of its own.
fn derive_key(
    passphrase: &str,
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, IdentityFileError> {
    let params = Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
        .map_err(IdentityFileError::KeyDerivation)?;
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut *key)
        .map_err(IdentityFileError::KeyDerivation)?;
    Ok(key)
}

/// The prefix, then the fingerprint label: editing the label (to pass the
/// file off as another identity's) makes decryption fail.
fn associated(fingerprint: &str) -> Vec<u8> {
    let mut bytes = ASSOCIATED_PREFIX.to_vec();
    bytes.extend_from_slice(fingerprint.as_bytes());
    bytes
}

fn cipher(key: &[u8; KEY_LEN]) -> ChaCha20Poly1305 {
    ChaCha20Poly1305::new(Key::from_slice(key))
}

#[cfg(test)]
mod tests;
