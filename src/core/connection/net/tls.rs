//! Which certificates we trust: the system's roots, or the CA in a file the
//! user named, or (only when asked) any certificate at all; or, for the
//! broker this process hosts, exactly its own certificate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use serde::{Deserialize, Serialize};

use super::insecure::AcceptAnyCertificate;
use super::pinned::{CertificatePin, PinnedCertificate};

/// How to check the broker's certificate (`mqtts://` and `wss://` only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TlsOptions {
    /// A PEM file with the CA certificate(s) that issued the broker's
    /// certificate. It *replaces* the system's roots, as `mosquitto_sub
    /// --cafile` does: a private broker's CA is all that should vouch for
    /// it, and a public CA then can't vouch for an impostor.
    pub ca_file: Option<PathBuf>,
    /// Accept any certificate: expired, self-signed, for another name.
    /// The connection is encrypted but anyone on the path can read it.
    /// Only ever set by an explicit choice, shown with a warning.
    pub accept_invalid_certs: bool,
    /// Trust this certificate and no other, whatever names it carries:
    /// set for this run only, when Chirp connects to the broker it hosts
    /// (never saved; see `hosted_broker::HostAccess`).
    #[serde(skip)]
    pub pinned: Option<CertificatePin>,
}

/// Why TLS could not be set up; shown to the user as it is.
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("CA file {}: not found", .0.display())]
    CaFileNotFound(PathBuf),
    #[error("CA file {}: could not be read ({error})", path.display())]
    CaFileUnreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "CA file {}: has no certificates (expected PEM, -----BEGIN CERTIFICATE-----)",
        .0.display()
    )]
    CaFileEmpty(PathBuf),
    #[error("CA file {}: not valid PEM ({detail})", path.display())]
    CaFileInvalid { path: PathBuf, detail: String },
    #[error("CA file {}: {error}", path.display())]
    CaRejected { path: PathBuf, error: rustls::Error },
    #[error("TLS setup failed: {0}")]
    Rustls(#[from] rustls::Error),
}

/// The rustls client configuration for `options` (ring provider).
pub fn client_config(options: &TlsOptions) -> Result<Arc<rustls::ClientConfig>, TlsSetupError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let config = if let Some(certificate) = &options.pinned {
        let verifier = PinnedCertificate::new(certificate.clone(), provider);
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth()
    } else if options.accept_invalid_certs {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate::new(provider)))
            .with_no_client_auth()
    } else {
        let roots = match &options.ca_file {
            Some(path) => roots_from_file(path)?,
            None => system_roots(),
        };
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(Arc::new(config))
}

/// The system's trusted roots; an unreadable store gives an empty one, and
/// the connection then fails as "certificate not trusted".
fn system_roots() -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    // A certificate the store can't parse is one fewer trusted root.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    roots
}

fn roots_from_file(path: &Path) -> Result<rustls::RootCertStore, TlsSetupError> {
    let pem = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => TlsSetupError::CaFileNotFound(path.to_owned()),
        _ => TlsSetupError::CaFileUnreadable {
            path: path.to_owned(),
            error: e,
        },
    })?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsSetupError::CaFileInvalid {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(TlsSetupError::CaFileEmpty(path.to_owned()));
    }
    let mut roots = rustls::RootCertStore::empty();
    for cert in certs {
        roots.add(cert).map_err(|error| TlsSetupError::CaRejected {
            path: path.to_owned(),
            error,
        })?;
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_ca_file(contents: &[u8]) -> Result<Arc<rustls::ClientConfig>, TlsSetupError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, contents).expect("write");
        client_config(&TlsOptions {
            ca_file: Some(path),
            accept_invalid_certs: false,
            pinned: None,
        })
    }

    #[test]
    fn a_missing_ca_file_says_not_found() {
        let error = client_config(&TlsOptions {
            ca_file: Some("/nonexistent/ca.pem".into()),
            accept_invalid_certs: false,
            pinned: None,
        })
        .expect_err("missing file");
        assert_eq!(error.to_string(), "CA file /nonexistent/ca.pem: not found");
    }

    #[test]
    fn a_ca_file_without_certificates_says_so() {
        let error = with_ca_file(b"just some text\n").expect_err("no certificates");
        assert!(error.to_string().contains("has no certificates"), "{error}");
        let error = with_ca_file(b"-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n")
            .expect_err("bad base64");
        assert!(error.to_string().contains("not valid PEM"), "{error}");
    }

    #[test]
    fn the_system_roots_and_accept_any_build() {
        client_config(&TlsOptions::default()).expect("system roots");
        client_config(&TlsOptions {
            ca_file: None,
            accept_invalid_certs: true,
            pinned: None,
        })
        .expect("accept any");
    }
}
