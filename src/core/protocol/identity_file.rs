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
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// Cheap enough for debug builds; the format is the same.
    const CHEAP: KdfParams = KdfParams {
        m_kib: 256,
        t: 2,
        p: 1,
    };
    const PASSPHRASE: &str = "violet tractor hums beneath quiet lanterns";

    fn vector_identity() -> Identity {
        let mut secret = [0u8; SECRET_LEN];
        for (byte, value) in secret.iter_mut().zip(0u8..) {
            *byte = value;
        }
        Identity::from_secret_bytes(&secret)
    }

    fn vector_file() -> String {
        let salt: [u8; SALT_LEN] = std::array::from_fn(|i| 0xa0 + u8::try_from(i).unwrap());
        let nonce: [u8; NONCE_LEN] = std::array::from_fn(|i| 0xb0 + u8::try_from(i).unwrap());
        export_with_salt_and_nonce(&vector_identity(), PASSPHRASE, CHEAP, salt, nonce).unwrap()
    }

    /// PROTOCOL.md section 11's vector, also computed independently with
    /// Python's `cryptography` package (Argon2id, ChaCha20-Poly1305).
    const VECTOR_FILE: &str = concat!(
        r#"{"chirp_identity":1,"kdf":"argon2id","m_kib":256,"t":2,"p":1,"#,
        r#""salt":"oKGio6SlpqeoqaqrrK2urw==","nonce":"sLGys7S1tre4ubq7","#,
        r#""ciphertext":"zHfCopaIu2CLAcnJQ3cDZTX7IkyxZE8kYaqlRljE0MR4/3ZFtW3yeEJcpq4yE+MRtsbf4y7YPPBHIqFuOnr+huwKo4Pc4wkr/7u0W3ogWNc=","#,
        r#""fingerprint":"5647 5aa7 5463 474c"}"#,
        "\n"
    );

    #[test]
    fn the_test_vector_exports_and_imports() {
        assert_eq!(vector_file(), VECTOR_FILE);
        let identity = import(VECTOR_FILE, PASSPHRASE).unwrap();
        assert_eq!(
            identity.author_key().to_hex(),
            "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
        );
        assert_eq!(identity.fingerprint().to_string(), "5647 5aa7 5463 474c");
        assert_eq!(*identity.secret_bytes(), *vector_identity().secret_bytes());
    }

    #[test]
    fn an_export_imports_as_the_same_identity() {
        let identity = Identity::generate();
        let file = export_with(&identity, PASSPHRASE, CHEAP).unwrap();
        let again = import(&file, PASSPHRASE).unwrap();
        assert_eq!(again.author_key(), identity.author_key());
        assert_eq!(again.exchange_key(), identity.exchange_key());
        assert_eq!(again.fingerprint(), identity.fingerprint());
        assert!(file.contains(&identity.fingerprint().to_string()));
        assert_ne!(
            file,
            export_with(&identity, PASSPHRASE, CHEAP).unwrap(),
            "fresh salt and nonce"
        );
    }

    #[test]
    fn a_wrong_passphrase_is_refused_and_never_shown() {
        let file = vector_file();
        for wrong in [
            "violet tractor hums beneath quiet lantern",
            "",
            "Violet tractor hums beneath quiet lanterns",
        ] {
            let error = import(&file, wrong).unwrap_err();
            assert_eq!(error, IdentityFileError::WrongPassphrase);
            assert_eq!(
                error.to_string(),
                "wrong passphrase, or the file was changed"
            );
            let shown = format!("{error} {error:?}");
            assert!(
                !shown.contains("violet") && !shown.contains("lantern"),
                "{shown}"
            );
        }
    }

    /// The vector file with one field's value replaced.
    fn with_field(field: &str, value: Value) -> String {
        let mut fields: Value = serde_json::from_str(VECTOR_FILE).unwrap();
        fields[field] = value;
        fields.to_string()
    }

    /// `text` decoded, one bit flipped, encoded again (still canonical).
    fn flipped(text: &str) -> Value {
        let mut bytes = STANDARD.decode(text).unwrap();
        bytes[3] ^= 1;
        Value::from(STANDARD.encode(bytes))
    }

    #[test]
    fn a_changed_ciphertext_salt_nonce_or_label_is_refused() {
        let fields: Value = serde_json::from_str(VECTOR_FILE).unwrap();
        for field in ["ciphertext", "salt", "nonce"] {
            let changed = with_field(field, flipped(fields[field].as_str().unwrap()));
            assert_eq!(
                import(&changed, PASSPHRASE).unwrap_err(),
                IdentityFileError::WrongPassphrase,
                "{field}"
            );
        }
        let relabelled = with_field("fingerprint", Value::from("5647 5aa7 5463 474d"));
        assert_eq!(
            import(&relabelled, PASSPHRASE).unwrap_err(),
            IdentityFileError::WrongPassphrase
        );
        let more_passes = with_field("t", Value::from(3));
        assert_eq!(
            import(&more_passes, PASSPHRASE).unwrap_err(),
            IdentityFileError::WrongPassphrase
        );
    }

    #[test]
    fn absurd_parameters_are_refused_before_any_work() {
        let started = Instant::now();
        for (field, value) in [
            ("m_kib", Value::from(4 * 1024 * 1024)),
            ("m_kib", Value::from(u64::MAX)),
            ("m_kib", Value::from(4)),
            ("t", Value::from(1_000_000)),
            ("t", Value::from(0)),
            ("p", Value::from(255)),
            ("p", Value::from(0)),
        ] {
            let file = with_field(field, value);
            assert_eq!(
                import(&file, PASSPHRASE).unwrap_err(),
                IdentityFileError::UnacceptableParameters,
                "{file}"
            );
        }
        assert!(started.elapsed() < Duration::from_secs(1));
        let too_much = KdfParams {
            m_kib: KdfParams::MAX_M_KIB + 1,
            ..CHEAP
        };
        assert_eq!(
            export_with(&vector_identity(), PASSPHRASE, too_much).unwrap_err(),
            IdentityFileError::UnacceptableParameters
        );
        assert!(KdfParams::EXPORT.is_acceptable());
    }

    #[test]
    fn other_files_get_a_clear_message() {
        let not_ours = IdentityFileError::NotAnIdentityFile;
        let tweet = r#"{"v":1,"id":"x","user":"alice","text":"hi","tags":["a"]}"#;
        let huge = " ".repeat(MAX_FILE_LEN + 1);
        for text in ["", "hello", "{}", "[1]", "null", tweet, &huge] {
            assert_eq!(import(text, PASSPHRASE).unwrap_err(), not_ours, "{text:?}");
        }
        assert_eq!(
            import(&with_field("chirp_identity", Value::from(2)), PASSPHRASE).unwrap_err(),
            IdentityFileError::UnsupportedVersion { version: 2 }
        );
        assert_eq!(
            import(&with_field("kdf", Value::from("scrypt")), PASSPHRASE).unwrap_err(),
            IdentityFileError::UnsupportedKdf
        );
        for (field, value) in [
            ("salt", "AAAA"),
            ("nonce", "not base64!"),
            ("ciphertext", ""),
        ] {
            let error = import(&with_field(field, Value::from(value)), PASSPHRASE).unwrap_err();
            assert!(
                matches!(error, IdentityFileError::Damaged { .. }),
                "{field}: {error}"
            );
            assert!(error.to_string().contains(field), "{error}");
        }
        let no_salt = VECTOR_FILE.replace(r#""salt":"oKGio6SlpqeoqaqrrK2urw==","#, "");
        assert!(matches!(
            import(&no_salt, PASSPHRASE),
            Err(IdentityFileError::Damaged { .. })
        ));
    }

    /// The real cost (about half a second here even in a debug build);
    /// `-- --nocapture` shows the time.
    #[test]
    fn export_with_the_real_parameters_round_trips() {
        let identity = Identity::generate();
        let started = Instant::now();
        let file = export(&identity, PASSPHRASE).unwrap();
        println!("one export with KdfParams::EXPORT: {:?}", started.elapsed());
        assert!(file.contains(r#""m_kib":65536,"t":3,"p":1"#));
        assert_eq!(
            import(&file, PASSPHRASE).unwrap().author_key(),
            identity.author_key()
        );
    }
}
