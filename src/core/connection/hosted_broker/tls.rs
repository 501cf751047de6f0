//! TLS for the built-in broker: rumqttd's rustls listener with the
//! certificate and key files given. rumqttd reads the files again for
//! every connection and only logs a failure, so they are checked here
//! before it starts; and this process's own clients (the ready probe,
//! the window) trust exactly that certificate, whatever names it carries
//! (`HostAccess`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The broker's certificate chain and private key, PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum TlsFilesError {
    #[error("certificate file {}: {problem}", .path.display())]
    Cert { path: PathBuf, problem: String },
    #[error("key file {}: {problem}", .path.display())]
    Key { path: PathBuf, problem: String },
    #[error("certificate {} and key {} do not go together ({problem})", .cert.display(), .key.display())]
    Mismatch {
        cert: PathBuf,
        key: PathBuf,
        problem: String,
    },
}

impl TlsFiles {
    /// Reads both files and checks that they make a server configuration
    /// (a certificate, a key of a supported kind, the key the
    /// certificate's). Returns the leaf certificate, to pin.
    pub fn check(&self) -> Result<CertificateDer<'static>, TlsFilesError> {
        let cert_problem = |problem: String| TlsFilesError::Cert {
            path: self.cert.clone(),
            problem,
        };
        readable(&self.cert).map_err(cert_problem)?;
        let chain = CertificateDer::pem_file_iter(&self.cert)
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|e| cert_problem(format!("not valid PEM ({e})")))?;
        let Some(leaf) = chain.first().cloned() else {
            return Err(cert_problem(
                "has no certificate (expected PEM, -----BEGIN CERTIFICATE-----)".to_owned(),
            ));
        };
        let key_problem = |problem: String| TlsFilesError::Key {
            path: self.key.clone(),
            problem,
        };
        readable(&self.key).map_err(key_problem)?;
        let key = PrivateKeyDer::from_pem_file(&self.key).map_err(|e| {
            key_problem(format!(
                "no private key found ({e}; expected PEM, -----BEGIN PRIVATE KEY-----)"
            ))
        })?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_no_client_auth().with_single_cert(chain, key))
            .map_err(|e| TlsFilesError::Mismatch {
                cert: self.cert.clone(),
                key: self.key.clone(),
                problem: e.to_string(),
            })?;
        Ok(leaf)
    }
}

/// "not found" or the reason a file can't be opened (rumqttd takes paths
/// as UTF-8 strings, so a path that is not one can't be used).
fn readable(path: &Path) -> Result<(), String> {
    if path.to_str().is_none() {
        return Err("the path is not valid UTF-8; rename or move the file".to_owned());
    }
    std::fs::File::open(path)
        .map(drop)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "not found".to_owned(),
            _ => format!("could not be read ({e})"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_files_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = TlsFiles {
            cert: dir.path().join("broker.crt"),
            key: dir.path().join("broker.key"),
        };
        let missing = files.check().expect_err("missing").to_string();
        assert_eq!(
            missing,
            format!("certificate file {}: not found", files.cert.display())
        );
        std::fs::write(&files.cert, "not pem\n").expect("write");
        let empty = files.check().expect_err("no certificate").to_string();
        assert!(empty.contains("has no certificate"), "{empty}");
    }
}
