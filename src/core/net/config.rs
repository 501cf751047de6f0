//! What to connect to and how: the broker, the client id, the session, and
//! the MQTT options built from them.

use std::sync::Arc;
use std::time::Duration;

use rumqttc::{MqttOptions, Transport};

use crate::core::broker::BrokerAddress;

/// The largest packet accepted from the broker: MQTT 3.1.1's own maximum
/// (rumqttc compares it with the remaining length). rumqttc can't skip a
/// packet over its limit, it drops the connection; a retained oversize
/// message on a followed tag would then come back on every reconnect, a
/// disconnect loop. So any legal packet is read, and the decoder refuses
/// payloads over `wire::MAX_PAYLOAD_BYTES` with the connection kept.
const MAX_INCOMING_PACKET_BYTES: usize = 268_435_455;
/// Big enough for any tweet we send and then some.
const MAX_OUTGOING_PACKET_BYTES: usize = 1024 * 1024;
const KEEP_ALIVE: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionConfig {
    pub broker: BrokerAddress,
    pub client_id: String,
    /// Clean session off: the broker keeps our subscriptions and queues
    /// QoS 1 tweets for us while we are away (needs a stable client id).
    pub persistent_session: bool,
    pub first_retry: Duration,
    pub max_retry: Duration,
}

impl ConnectionConfig {
    pub fn new(broker: BrokerAddress, client_id: String) -> Self {
        Self {
            broker,
            client_id,
            persistent_session: false,
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(15),
        }
    }

    pub fn with_persistent_session(mut self, persistent: bool) -> Self {
        self.persistent_session = persistent;
        self
    }
}

/// rumqttc's options for `config`; Err is a reason to show the user.
pub fn options(config: &ConnectionConfig) -> Result<MqttOptions, String> {
    let broker = &config.broker;
    let mut options = MqttOptions::new(config.client_id.clone(), broker.host.clone(), broker.port);
    options
        .set_keep_alive(KEEP_ALIVE)
        .set_clean_session(!config.persistent_session)
        .set_max_packet_size(MAX_INCOMING_PACKET_BYTES, MAX_OUTGOING_PACKET_BYTES);
    if broker.tls {
        let tls = tls_config().map_err(|e| format!("TLS setup failed: {e}"))?;
        options.set_transport(Transport::tls_with_config(tls));
    }
    Ok(options)
}

/// rustls with the system's trusted roots; an unreadable store gives an
/// empty one, and the connection then fails with a certificate error.
fn tls_config() -> Result<rumqttc::TlsConfiguration, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A certificate the store can't parse is one fewer trusted root.
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(rumqttc::TlsConfiguration::Rustls(Arc::new(config)))
}
