//! The built-in broker locked: a users file made by `chirp broker adduser`
//! (Argon2 hashes, never the password) lets in its users with their
//! password only, anonymous and wrong passwords are refused with the
//! reason, and TLS with a certificate from a test CA is verified by a
//! client that trusts the CA and refused by one that does not.
//!
//! Like the other hosted brokers, each lives until the test process exits.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chirp::core::connection::hosted_broker::{HostOptions, HostedBroker, TlsFiles, Users};
use chirp::core::connection::net::{Credentials, Secret};

use crate::common::{ChildGuard, Core, deadline, test_config};
use crate::secure::{LOOPBACK_NAMES, TestCa, Validity, config_with_ca, round_trip};

const USER: &str = "teacher";
const PASSWORD: &str = "correct horse battery";
const WRONG: &str = "Tr0ub4dor&3-wrong";

/// `chirp broker adduser NAME --users FILE`, the password on stdin.
fn adduser(file: &Path, name: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chirp"))
        .args(["broker", "adduser", name, "--users"])
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chirp broker adduser");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{password}\n").as_bytes())
        .expect("write the password");
    drop(stdin);
    child.wait_with_output().expect("adduser ends")
}

/// A users file with `USER`, made by the command line.
fn users_file(dir: &tempfile::TempDir) -> PathBuf {
    let file = dir.path().join("broker-users");
    let output = adduser(&file, USER, PASSWORD);
    assert!(output.status.success(), "{output:?}");
    file
}

fn start(users: Option<&Path>, tls: Option<TlsFiles>) -> HostedBroker {
    let options = HostOptions {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        users: users.map(|file| Users::load(file).expect("the users file loads")),
        tls,
    };
    HostedBroker::start_with(options).expect("the built-in broker starts")
}

fn with_password(
    config: chirp::core::connection::net::ConnectionConfig,
    password: &str,
) -> chirp::core::connection::net::ConnectionConfig {
    config.with_credentials(Some(Credentials::new(USER, Secret::new(password))))
}

/// The first Offline state's reason (which never holds a password) and
/// how long until the next attempt.
fn first_failure(core: &Core) -> (String, Duration) {
    let (reason, retry_in) = core.first_offline();
    assert!(!reason.contains(WRONG) && !reason.contains(PASSWORD));
    (reason, retry_in)
}

#[test]
fn the_right_password_is_let_in_and_tweets_go_round() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = start(Some(&users_file(&dir)), None);
    assert!(broker.is_locked() && !broker.uses_tls());
    let url = broker.local_broker().to_string();
    let alice = Core::spawn(with_password(test_config(&url, "lock-alice"), PASSWORD));
    let bob = Core::spawn(with_password(test_config(&url, "lock-bob"), PASSWORD));
    alice.wait_connected();
    bob.wait_connected();
    round_trip(&alice, &bob, "lockedRoom");
}

#[test]
fn a_wrong_password_is_refused_with_the_reason_and_not_hammered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = start(Some(&users_file(&dir)), None);
    let config = with_password(
        test_config(&broker.local_broker().to_string(), "lock-wrong"),
        WRONG,
    );
    let core = Core::spawn(config);
    let (reason, retry_in) = first_failure(&core);
    assert_eq!(
        reason,
        "not authorized: the broker hung up on our login (wrong username or password, \
         or its port expects mqtts://)"
    );
    assert!(retry_in >= Duration::from_secs(30), "{retry_in:?}");
}

#[test]
fn anonymous_is_refused_when_users_exist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = start(Some(&users_file(&dir)), None);
    let core = Core::spawn(test_config(&broker.local_broker().to_string(), "lock-anon"));
    let (reason, _) = first_failure(&core);
    assert!(
        reason.starts_with(
            "not authorized: the broker hung up on our login (it needs a username and password"
        ),
        "{reason}"
    );
}

#[test]
fn tls_is_verified_with_the_test_ca_and_refused_without_it() {
    let ca = TestCa::new();
    let cert = ca.server_cert("hosted", LOOPBACK_NAMES, Validity::Current);
    let dir = tempfile::tempdir().expect("tempdir");
    let tls = TlsFiles {
        cert: cert.cert_file.clone(),
        key: cert.key_file.clone(),
    };
    let broker = start(Some(&users_file(&dir)), Some(tls));
    assert!(broker.uses_tls());
    let url = broker.local_broker().to_string();
    assert!(url.starts_with("mqtts://127.0.0.1:"), "{url}");

    let sender = Core::spawn(with_password(
        config_with_ca(&url, "tls-in", &ca.ca_file),
        PASSWORD,
    ));
    let reader = Core::spawn(with_password(
        config_with_ca(&url, "tls-reader", &ca.ca_file),
        PASSWORD,
    ));
    sender.wait_connected();
    reader.wait_connected();
    round_trip(&sender, &reader, "sealedRoom");

    // The system's roots only: the test CA vouches for nothing there.
    let stranger = Core::spawn(with_password(test_config(&url, "tls-stranger"), PASSWORD));
    let (reason, _) = first_failure(&stranger);
    assert!(reason.starts_with("certificate not trusted"), "{reason}");
}

/// A certificate for another host's name only: no CA check could pass
/// for 127.0.0.1, so only a pin lets a client in.
fn elsewhere_tls(ca: &TestCa, stem: &str) -> TlsFiles {
    let cert = ca.server_cert(stem, &["broker.example"], Validity::Current);
    TlsFiles {
        cert: cert.cert_file,
        key: cert.key_file,
    }
}

#[test]
fn the_hosts_own_access_logs_in_with_its_certificate_pinned() {
    let ca = TestCa::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let broker = start(Some(&users_file(&dir)), Some(elsewhere_tls(&ca, "own")));
    let access = broker.own_access();
    assert_eq!(access.broker, broker.local_broker());
    let login = access.credentials.as_ref().expect("a login of its own");
    assert!(!format!("{access:?}").contains(login.password.expose()));
    assert!(access.tls.pinned.is_some() && !access.tls.accept_invalid_certs);

    let url = broker.local_broker().to_string();
    let window = Core::spawn(access.applied_to(test_config(&url, "host-window")));
    let second = Core::spawn(access.applied_to(test_config(&url, "host-second")));
    window.wait_connected();
    second.wait_connected();
    round_trip(&window, &second, "hostedHere");
}

#[test]
fn a_pin_trusts_one_certificate_and_the_host_login_one_broker() {
    let ca = TestCa::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let users = users_file(&dir);
    let ours = start(Some(&users), Some(elsewhere_tls(&ca, "ours")));
    let theirs = start(Some(&users), Some(elsewhere_tls(&ca, "theirs")));
    let url = theirs.local_broker().to_string();

    // Our pin, pointed at another broker (same CA, same names): refused.
    let mut pointed = ours.own_access();
    pointed.broker = theirs.local_broker();
    let core = Core::spawn(pointed.applied_to(test_config(&url, "pin-other")));
    let (reason, _) = first_failure(&core);
    assert!(reason.starts_with("certificate not trusted"), "{reason}");

    // Their certificate pinned, but our broker's login: refused too.
    let mut borrowed = ours.own_access();
    borrowed.broker = theirs.local_broker();
    borrowed.tls = theirs.own_access().tls;
    let core = Core::spawn(borrowed.applied_to(test_config(&url, "login-other")));
    let (reason, _) = first_failure(&core);
    assert!(reason.starts_with("not authorized"), "{reason}");
}

#[test]
fn adduser_writes_a_private_parseable_file_without_the_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("sub").join("users");
    let output = adduser(&file, "alice", PASSWORD);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout.starts_with(&format!("Added alice to {}.", file.display())),
        "{stdout}"
    );
    assert!(adduser(&file, "bob", "bobs own").status.success());
    let again = adduser(&file, "alice", "a new one");
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Changed the password of alice"));

    let text = std::fs::read_to_string(&file).expect("written");
    assert_eq!(text.lines().count(), 2, "{text}");
    for clear in [PASSWORD, "bobs own", "a new one"] {
        assert!(!text.contains(clear), "{text}");
    }
    assert!(text.starts_with("alice:$argon2id$v=19$"), "{text}");
    let users = Users::load(&file).expect("parses");
    assert_eq!(users.names(), ["alice", "bob"]);
    assert!(users.verify("alice", "a new one") && !users.verify("alice", PASSWORD));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn chirp_broker_with_users_is_locked_and_a_broken_file_starts_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = users_file(&dir);
    let mut process = ChildGuard::spawn(
        Command::new(env!("CARGO_BIN_EXE_chirp"))
            .args(["broker", "--listen", "127.0.0.1:0", "--users"])
            .arg(&file)
            .env_remove("RUST_LOG"),
    );
    let until = deadline();
    let first = process
        .stdout()
        .wait_line(until, |line| line.starts_with("Chirp broker listening on "));
    let port = first.rsplit(':').next().expect("a port").to_owned();
    process
        .stdout()
        .wait_line(until, |line| line.starts_with("Locked: only the users in "));
    let url = format!("mqtt://127.0.0.1:{port}");
    let member = Core::spawn(with_password(test_config(&url, "cli-member"), PASSWORD));
    member.wait_connected();
    process.kill();

    let broken = dir.path().join("broken");
    std::fs::write(&broken, format!("{USER}:{PASSWORD}\n")).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_chirp"))
        .args(["broker", "--listen", "127.0.0.1:0", "--users"])
        .arg(&broken)
        .output()
        .expect("run chirp broker");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "chirp: users file {}, line 1: the hash for {USER} is not a PHC string ($argon2id$v=19$...)\n",
            broken.display()
        )
    );
    assert!(output.stdout.is_empty() && !stderr.contains(PASSWORD));
}
