use super::*;

const FILE: &str = "/etc/chirp/users";

fn parse(text: &str) -> Result<Users, UsersError> {
    Users::parse(Path::new(FILE), text)
}

/// Argon2's reference vector (RFC 9106 parameters scaled down, as in the
/// argon2 crate's known-answer tests): "password" salted with "somesalt".
const REFERENCE: &str =
    "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

#[test]
fn a_fixed_phc_vector_verifies() {
    assert!(verify_phc(REFERENCE, "password"));
    assert!(!verify_phc(REFERENCE, "Password"));
    assert!(!verify_phc("not a hash", "password"));
    let users = parse(&format!("# who may post\n\nalice:{REFERENCE}\n")).expect("parses");
    assert_eq!(users.names(), ["alice"]);
    assert!(users.verify("alice", "password"));
    assert!(!users.verify("alice", "wrong"));
    assert!(!users.verify("bob", "password"), "unknown name");
}

#[test]
fn the_decoy_is_a_real_default_cost_hash() {
    let hash = PasswordHash::new(DECOY_HASH).expect("parses");
    let default = PasswordHash::new(&hash_password(&Secret::new("x")).expect("hash"))
        .expect("parses")
        .params
        .to_string();
    assert_eq!(hash.params.to_string(), default);
    assert!(!verify_phc(DECOY_HASH, ""));
}

#[test]
fn set_hashes_and_replaces_and_never_keeps_the_password() {
    let mut users = Users::none();
    users
        .set("alice", &Secret::new("first secret"))
        .expect("set");
    users.set("bob", &Secret::new("bobs secret")).expect("set");
    users
        .set("alice", &Secret::new("second secret"))
        .expect("replace");
    let text = users.to_file_text();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with("alice:$argon2id$v=19$"), "{text}");
    assert!(!text.contains("secret"), "{text}");
    let again = parse(&text).expect("parses back");
    assert_eq!(again.names(), ["alice", "bob"]);
    assert!(again.verify("alice", "second secret"));
    assert!(!again.verify("alice", "first secret"));
    assert!(format!("{again:?}").contains("alice") && !format!("{again:?}").contains('$'));
}

#[test]
fn bad_names_and_empty_passwords_are_refused() {
    let mut users = Users::none();
    for name in ["", "a:b", "two words", "tab\there", &"x".repeat(65)] {
        assert!(users.set(name, &Secret::new("pw")).is_err(), "{name:?}");
    }
    assert!(matches!(
        users.set("alice", &Secret::new("")),
        Err(UsersError::EmptyPassword)
    ));
}

#[test]
fn malformed_lines_are_named_by_file_and_line_without_their_text() {
    let cases = [
        ("alice secret-in-clear\n", 1, "expected NAME:HASH"),
        (
            "\nalice:secret-in-clear\n",
            2,
            "the hash for alice is not a PHC string",
        ),
        (
            &format!("alice:{REFERENCE}\nalice:{REFERENCE}\n"),
            2,
            "alice is listed twice (first on line 1)",
        ),
        (
            "bob:$pbkdf2-sha256$i=1000$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
            1,
            "the hash for bob is pbkdf2-sha256, not Argon2",
        ),
        (&format!(":{REFERENCE}\n"), 1, "a user name is empty"),
    ];
    for (text, line, problem) in cases {
        let error = parse(text).expect_err(text).to_string();
        let prefix = format!("users file {FILE}, line {line}: {problem}");
        assert!(error.starts_with(&prefix), "{error}\nwanted {prefix}");
        assert!(!error.contains("secret-in-clear"), "{error}");
    }
}

#[test]
fn a_missing_or_empty_file_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("users");
    let missing = Users::load(&path).expect_err("missing").to_string();
    assert_eq!(missing, format!("users file {}: not found", path.display()));
    std::fs::write(&path, "# nobody yet\n").expect("write");
    let empty = Users::load(&path).expect_err("empty").to_string();
    assert!(
        empty.starts_with(&format!("users file {}: has no users", path.display())),
        "{empty}"
    );
}
