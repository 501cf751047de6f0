//! Fixtures for the TLS, WebSocket and password tests: a CA and server
//! certificates made by the test (rcgen), mosquitto listener lines that use
//! them, a password file made with `mosquitto_passwd`, and a tweet that
//! goes round trip between two cores. Included by the tests that need it
//! with `#[path = "common/secure.rs"] mod secure;`, after `mod common;`.

use std::path::{Path, PathBuf};
use std::process::Command;

use chirp::core::connection::net::{ConnectionConfig, NetCommand, TlsOptions};
use chirp::core::social::compose;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};

use crate::common::{Core, test_config, tool};

/// The names a certificate for the loopback broker must carry.
pub const LOOPBACK_NAMES: &[&str] = &["localhost", "127.0.0.1"];

/// A certificate authority of the test's own, with its files in a temp dir.
pub struct TestCa {
    dir: tempfile::TempDir,
    issuer: CertifiedIssuer<'static, KeyPair>,
    pub ca_file: PathBuf,
}

/// A server certificate and its key, as files mosquitto reads.
pub struct ServerCert {
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
    /// The issuing CA's certificate (mosquitto wants one per TLS listener).
    pub ca_file: PathBuf,
}

/// How long a server certificate is valid.
pub enum Validity {
    /// rcgen's default: 1975 to 4096.
    Current,
    /// 2000-01-01 to 2001-01-01.
    Expired,
}

impl TestCa {
    pub fn new() -> TestCa {
        let dir = tempfile::Builder::new()
            .prefix("chirp-pki-")
            .tempdir()
            .expect("temp dir for certificates");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params
            .distinguished_name
            .push(DnType::CommonName, "Chirp test CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("CA key");
        let issuer = CertifiedIssuer::self_signed(params, key).expect("CA certificate");
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, issuer.pem()).expect("write ca.pem");
        TestCa {
            dir,
            issuer,
            ca_file,
        }
    }

    /// A server certificate for `names` issued by this CA, written as
    /// `<file_stem>.crt` and `<file_stem>.key`.
    pub fn server_cert(&self, file_stem: &str, names: &[&str], validity: Validity) -> ServerCert {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names).expect("server params");
        params
            .distinguished_name
            .push(DnType::CommonName, "Chirp test broker");
        if let Validity::Expired = validity {
            params.not_before = rcgen::date_time_ymd(2000, 1, 1);
            params.not_after = rcgen::date_time_ymd(2001, 1, 1);
        }
        let key = KeyPair::generate().expect("server key");
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        let cert_file = self.dir.path().join(format!("{file_stem}.crt"));
        let key_file = self.dir.path().join(format!("{file_stem}.key"));
        std::fs::write(&cert_file, cert.pem()).expect("write certificate");
        std::fs::write(&key_file, key.serialize_pem()).expect("write key");
        ServerCert {
            cert_file,
            key_file,
            ca_file: self.ca_file.clone(),
        }
    }
}

/// mosquitto.conf lines for one more listener on `port`: TLS with `cert`
/// when given, WebSockets when `websockets`.
pub fn listener(port: u16, websockets: bool, cert: Option<&ServerCert>) -> String {
    let mut lines = format!("listener {port} 127.0.0.1\n");
    if websockets {
        lines.push_str("protocol websockets\n");
    }
    if let Some(cert) = cert {
        lines.push_str(&format!(
            "cafile {}\ncertfile {}\nkeyfile {}\n",
            cert.ca_file.display(),
            cert.cert_file.display(),
            cert.key_file.display()
        ));
    }
    lines
}

/// A config for `url` (quick retries, unique client id) that trusts `ca_file`.
pub fn config_with_ca(url: &str, name: &str, ca_file: &Path) -> ConnectionConfig {
    test_config(url, name).with_tls(TlsOptions {
        ca_file: Some(ca_file.to_owned()),
        accept_invalid_certs: false,
        pinned: None,
    })
}

/// Writes a mosquitto password file in `dir` with one user, made by
/// `mosquitto_passwd` (the broker's own hashing).
pub fn password_file(dir: &Path, user: &str, password: &str) -> PathBuf {
    let path = dir.join("passwords");
    let output = Command::new(tool("mosquitto_passwd"))
        .arg("-b")
        .arg("-c")
        .arg(&path)
        .args([user, password])
        .output()
        .expect("run mosquitto_passwd");
    assert!(
        output.status.success(),
        "mosquitto_passwd failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    path
}

/// `sender` posts under `tag`, which `reader` follows; returns once the
/// broker acknowledged it and the reader received it.
pub fn round_trip(sender: &Core, reader: &Core, tag: &str) {
    reader.follow(tag);
    let outgoing = compose::Draft::new("alice", &format!("over the wire #{tag}"))
        .prepare()
        .expect("valid draft");
    let id = outgoing.tweet.id.clone();
    sender.send(NetCommand::Publish(outgoing));
    sender.wait_acknowledged(&id);
    let (topic, tweet) = reader.wait_tweet(&id);
    assert_eq!(topic, format!("hashtags/{tag}"));
    assert_eq!(tweet.text, format!("over the wire #{tag}"));
}
