//! Trusting one certificate, byte for byte: how Chirp reaches the broker
//! it hosts itself. That broker's certificate may be self-signed or name
//! another host than the loopback address Chirp dials, so no CA check
//! fits; but Chirp read the certificate from the file it started the
//! broker with, so it can insist on exactly that one. The handshake's
//! signatures are checked against it as always.

use std::sync::Arc;

use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

use super::insecure::AcceptAnyCertificate;

/// The certificate to trust byte for byte. Debug gives its size only, so
/// a config logged when offline is not a screenful of DER.
#[derive(Clone, PartialEq, Eq)]
pub struct CertificatePin(pub CertificateDer<'static>);

impl std::fmt::Debug for CertificatePin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CertificatePin({} bytes)", self.0.as_ref().len())
    }
}

#[derive(Debug)]
pub struct PinnedCertificate {
    certificate: CertificateDer<'static>,
    signatures: AcceptAnyCertificate,
}

impl PinnedCertificate {
    pub fn new(pin: CertificatePin, provider: Arc<CryptoProvider>) -> Self {
        Self {
            certificate: pin.0,
            signatures: AcceptAnyCertificate::new(provider),
        }
    }
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.certificate.as_ref() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::CertificateError::UnknownIssuer.into())
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.signatures.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.signatures.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.signatures.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_prints_its_size_not_its_bytes() {
        let pin = CertificatePin(CertificateDer::from(vec![0xAB; 700]));
        assert_eq!(format!("{pin:?}"), "CertificatePin(700 bytes)");
    }
}
