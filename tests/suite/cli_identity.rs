//! `chirp post` signs with the data directory's identity; `chirp identity
//! show|new`. Everything (settings, data, no keyring) isolated in a temp
//! home, against a real mosquitto.

use std::process::Command;

use chirp::core::model::author_key::{AuthorKey, Trust};
use chirp::core::protocol::wire;

use crate::common::{Broker, ClassicSubscriber};

fn chirp(home: &tempfile::TempDir) -> Command {
    crate::common::chirp_in(home.path())
}

pub(crate) fn run_ok(home: &tempfile::TempDir, args: &[&str]) -> String {
    let output = chirp(home).args(args).output().expect("run chirp");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "chirp {args:?} failed; stdout: {stdout} stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// (fingerprint, public key, where the secret is) from `chirp identity show`.
fn shown(stdout: &str) -> (String, AuthorKey, String) {
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .map_or_else(
                || panic!("no {name} in {stdout}"),
                |rest| rest.trim().to_owned(),
            )
    };
    let key = AuthorKey::from_base64(&field("public key:")).expect("a whole key");
    (field("fingerprint:"), key, field("secret:"))
}

fn post_and_receive(home: &tempfile::TempDir, broker: &Broker, extra: &[&str]) -> String {
    let subscriber = ClassicSubscriber::start(broker, "hashtags/rust");
    let url = broker.url();
    let mut args = vec!["post", "--broker", &url, "--user", "alice", "--tag", "rust"];
    args.extend_from_slice(extra);
    args.push("signed or not");
    run_ok(home, &args);
    subscriber.payload()
}

#[test]
fn post_signs_with_the_identity_and_unsigned_does_not() {
    let broker = Broker::start();
    let home = tempfile::tempdir().expect("temp home");

    let payload = post_and_receive(&home, &broker, &[]);
    let json: serde_json::Value = serde_json::from_str(&payload).expect("v1 JSON");
    assert!(
        json.get("pk").is_some() && json.get("sig").is_some(),
        "{payload}"
    );
    let tweet = wire::decode_tagged(Some("rust"), payload.as_bytes(), chrono::Utc::now())
        .expect("the signature verifies (a forged one is refused)");
    let signed = tweet.signed.expect("signed");
    assert_eq!(signed.trust, Trust::Unjudged);

    let (fingerprint, key, secret) = shown(&run_ok(&home, &["identity", "show"]));
    assert_eq!(
        signed.key, key,
        "signed with this data directory's identity"
    );
    assert_eq!(key.fingerprint().to_string(), fingerprint);
    let key_file = home.path().join("data/chirp/identity.key");
    assert_eq!(secret, format!("in {}", key_file.display()));

    let payload = post_and_receive(&home, &broker, &["--unsigned"]);
    let json: serde_json::Value = serde_json::from_str(&payload).expect("v1 JSON");
    assert!(
        json.get("pk").is_none() && json.get("sig").is_none(),
        "{payload}"
    );

    // The secret is nowhere but its own file.
    let secret = std::fs::read_to_string(&key_file).expect("key file");
    let secret = secret.trim();
    assert_eq!(secret.len(), 88, "64 bytes of base64");
    for entry in crate::common::files_under(home.path()) {
        if entry != key_file {
            let bytes = std::fs::read(&entry).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(&secret[..24]),
                "{} holds it",
                entry.display()
            );
        }
    }
}

#[test]
fn identity_show_is_stable_and_new_needs_yes_then_changes_it() {
    let home = tempfile::tempdir().expect("temp home");
    let (first, key, _) = shown(&run_ok(&home, &["identity", "show"]));
    let (again, key_again, _) = shown(&run_ok(&home, &["identity", "show"]));
    assert_eq!(first, again);
    assert_eq!(key, key_again);

    let output = chirp(&home)
        .args(["identity", "new"])
        .output()
        .expect("run chirp");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(shown(&run_ok(&home, &["identity", "show"])).0, first);

    let (new, _, _) = shown(&run_ok(&home, &["identity", "new", "--yes"]));
    assert_ne!(new, first);
    assert_eq!(shown(&run_ok(&home, &["identity", "show"])).0, new);
}

#[test]
fn export_then_import_on_a_fresh_home_gives_the_same_identity_and_a_wrong_passphrase_changes_nothing()
 {
    let (first, second) = (
        tempfile::tempdir().expect("home"),
        tempfile::tempdir().expect("home"),
    );
    let (fingerprint, key, _) = shown(&run_ok(&first, &["identity", "show"]));
    let file = first.path().join("me.chirp-identity");
    let file_arg = file.display().to_string();
    let passphrase = first.path().join("passphrase");
    std::fs::write(&passphrase, "violet tractor hums beneath quiet lanterns\n").expect("write");
    let pass_arg = passphrase.display().to_string();

    // A weak passphrase is refused before anything is written.
    let weak = chirp(&first)
        .args(["identity", "export", &file_arg])
        .env("CHIRP_PASSPHRASE", "password")
        .output()
        .expect("run chirp");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("passphrase too weak"));
    assert!(!file.exists());
    run_ok(
        &first,
        &[
            "identity",
            "export",
            &file_arg,
            "--passphrase-file",
            &pass_arg,
        ],
    );
    let exported = std::fs::read_to_string(&file).expect("exported");
    assert!(
        !exported.contains("violet"),
        "the passphrase is not in the file"
    );

    let (before, _, _) = shown(&run_ok(&second, &["identity", "show"]));
    let wrong = chirp(&second)
        .args(["identity", "import", &file_arg])
        .env(
            "CHIRP_PASSPHRASE",
            "violet tractor hums beneath quiet lamps",
        )
        .output()
        .expect("run chirp");
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("wrong passphrase"), "{stderr}");
    assert!(
        !stderr.contains("violet"),
        "the passphrase is never echoed: {stderr}"
    );
    let (unchanged, _, _) = shown(&run_ok(&second, &["identity", "show"]));
    assert_eq!(unchanged, before, "a refused import changes nothing");

    run_ok(
        &second,
        &[
            "identity",
            "import",
            &file_arg,
            "--passphrase-file",
            &pass_arg,
        ],
    );
    let (imported, imported_key, _) = shown(&run_ok(&second, &["identity", "show"]));
    assert_eq!((imported, imported_key), (fingerprint, key));
}
