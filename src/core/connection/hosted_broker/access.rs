//! How Chirp in this process reaches the broker it hosts: over loopback,
//! logged in as the host itself when the broker is locked (the random
//! password made at start, known to this process only; the users file is
//! for everyone else), and trusting exactly the certificate the broker
//! was started with when it speaks TLS (that certificate may be
//! self-signed, or name the computer rather than 127.0.0.1).

use std::net::SocketAddr;

use rustls::pki_types::CertificateDer;

use super::auth::HostLogin;
use crate::core::connection::broker::{BrokerAddress, Transport};
use crate::core::connection::net::{CertificatePin, ConnectionConfig, Credentials, TlsOptions};

/// The broker, the login and the trust for this process's own clients.
/// Never saved: the login and the broker last as long as the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostAccess {
    pub broker: BrokerAddress,
    /// Some when the broker is locked. Debug shows the password as `***`.
    pub credentials: Option<Credentials>,
    /// With TLS: the broker's own certificate, pinned.
    pub tls: TlsOptions,
}

impl HostAccess {
    pub(super) fn new(
        local: SocketAddr,
        transport: Transport,
        login: Option<&HostLogin>,
        certificate: Option<CertificateDer<'static>>,
    ) -> HostAccess {
        HostAccess {
            broker: BrokerAddress::new(local.ip().to_string(), local.port(), transport),
            credentials: login
                .map(|login| Credentials::new(login.username.clone(), login.password.clone())),
            tls: TlsOptions {
                pinned: certificate.map(CertificatePin),
                ..TlsOptions::default()
            },
        }
    }

    /// `config` pointed at the hosted broker, with its login and trust;
    /// everything else (client id, session, hashtags' root) is kept.
    pub fn applied_to(&self, mut config: ConnectionConfig) -> ConnectionConfig {
        config.broker = self.broker.clone();
        config
            .with_credentials(self.credentials.clone())
            .with_tls(self.tls.clone())
    }
}
