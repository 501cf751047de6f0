//! The identity file's tests: the vector, round trips, every refusal.

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
        assert_hides_passphrase(&error);
    }
}

#[test]
fn no_error_shows_the_passphrase() {
    let broken = [
        String::new(),
        with_field("chirp_identity", Value::from(9)),
        with_field("kdf", Value::from("scrypt")),
        with_field("t", Value::from(99)),
        with_field("salt", Value::from("AAAA")),
        with_field("fingerprint", Value::from("0000 0000 0000 0000")),
    ];
    for file in &broken {
        let error = import(file, PASSPHRASE).unwrap_err();
        assert_hides_passphrase(&error);
    }
}

fn assert_hides_passphrase(error: &IdentityFileError) {
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("violet") && !shown.contains("lantern"),
        "{shown}"
    );
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
