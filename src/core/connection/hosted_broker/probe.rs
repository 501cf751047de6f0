//! Is the broker serving? A client subscribes, publishes a QoS 1 message
//! and must get it back: a listening socket alone could be some other
//! program's, and rumqttd never says whether its listener came up.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rumqttc::{Client, Event, MqttOptions, Packet, QoS, TlsConfiguration, Transport};

use super::access::HostAccess;
use crate::core::connection::net::{Credentials, TlsSetupError, tls_client_config};

const TOPIC: &str = "chirp/host-probe";
const KEEP_ALIVE: Duration = Duration::from_secs(5);

/// How the probe reaches a broker that is locked or speaks TLS: as the
/// host, like the window (`HostAccess`).
#[derive(Debug, Clone, Default)]
pub struct ProbeAccess {
    login: Option<Credentials>,
    /// Trusts the broker's own certificate only.
    tls: Option<Arc<rustls::ClientConfig>>,
}

impl ProbeAccess {
    pub fn new(access: &HostAccess) -> Result<ProbeAccess, TlsSetupError> {
        let tls = match access.tls.pinned {
            Some(_) => Some(tls_client_config(&access.tls)?),
            None => None,
        };
        Ok(ProbeAccess {
            login: access.credentials.clone(),
            tls,
        })
    }
}

/// One attempt: Ok once our own message came back through the broker at
/// `addr`; Err with what went wrong (refused, timed out, ...).
pub fn round_trip(addr: SocketAddr, access: &ProbeAccess, deadline: Instant) -> Result<(), String> {
    let client_id = format!("chirp-host-probe-{:016x}", fastrand::u64(..));
    let mut options = MqttOptions::new(client_id.clone(), addr.ip().to_string(), addr.port());
    options.set_keep_alive(KEEP_ALIVE).set_clean_session(true);
    if let Some(login) = &access.login {
        options.set_credentials(login.username.clone(), login.password.expose());
    }
    if let Some(config) = &access.tls {
        let tls = TlsConfiguration::Rustls(Arc::clone(config));
        options.set_transport(Transport::tls_with_config(tls));
    }
    let (client, mut connection) = Client::new(options, 4);
    client
        .subscribe(TOPIC, QoS::AtLeastOnce)
        .map_err(|e| e.to_string())?;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match connection.recv_timeout(left) {
            // Published only once subscribed, or it could pass us by.
            Ok(Ok(Event::Incoming(Packet::SubAck(_)))) => client
                .publish(TOPIC, QoS::AtLeastOnce, false, client_id.as_bytes())
                .map_err(|e| e.to_string())?,
            Ok(Ok(Event::Incoming(Packet::Publish(publish))))
                if publish.topic == TOPIC && publish.payload == client_id.as_bytes() =>
            {
                // Best effort: the broker drops the session either way.
                let _ = client.try_disconnect();
                return Ok(());
            }
            Ok(Ok(_)) => {}
            Ok(Err(error)) => return Err(error.to_string()),
            Err(_) => return Err("no answer".to_owned()),
        }
    }
}
