//! rumqttd's configuration, built in code with every limit set: its
//! `Default` has zero connections and zero-sized segments, a broker that
//! accepts nobody (or panics), and we ship no config file to fill it in.

use std::collections::HashMap;
use std::net::SocketAddr;

use rumqttd::{Config, ConnectionSettings, RouterConfig, ServerSettings, TlsConfig};

use super::auth::{self, HostLogin};
use super::tls::TlsFiles;
use super::users::Users;
use crate::core::model::bounds;

/// Enough for a whole classroom, several windows each; the router
/// preallocates a slot per connection, so not unbounded either.
const MAX_CONNECTIONS: usize = 1024;
/// The largest packet accepted, counted as MQTT's remaining length: the
/// biggest payload Chirp reads plus the longest topic and a packet id.
/// A client sending more is disconnected by rumqttd.
const MAX_PACKET_BYTES: usize = bounds::MAX_PAYLOAD_BYTES + 2 + u16::MAX as usize + 2;
/// Messages are kept per subscription filter in a log of segments; the
/// oldest segment is dropped when there are more. This bounds memory per
/// hashtag (about 4 MiB) and is also how far back a persistent session
/// that was away gets what it missed.
const MAX_SEGMENT_BYTES: usize = 1024 * 1024;
const MAX_SEGMENTS: usize = 4;
/// How many messages the router hands one connection in one go.
const MAX_OUTGOING_BATCH: u64 = 200;
/// QoS 1 messages on their way to one client, unacknowledged.
const MAX_INFLIGHT: usize = 100;
/// How long a TCP connection may take to send CONNECT before it is closed.
const CONNECT_TIMEOUT_MS: u16 = 10_000;
/// A pause after each accepted connection: rumqttd's brake on floods.
const NEXT_CONNECTION_DELAY_MS: u64 = 1;

/// An MQTT 3.1.1 listener on `listen`: TLS with `tls`, and open to
/// `users` only (and this process) when given, else anonymous.
pub fn broker_config(
    listen: SocketAddr,
    tls: Option<&TlsFiles>,
    users: Option<(Users, HostLogin)>,
) -> Config {
    let mut connections = ConnectionSettings {
        connection_timeout_ms: CONNECT_TIMEOUT_MS,
        max_payload_size: MAX_PACKET_BYTES,
        max_inflight_count: MAX_INFLIGHT,
        auth: None,
        external_auth: None,
        // Publishing to a topic nobody follows yet must not be an error.
        dynamic_filters: true,
    };
    if let Some((users, host)) = users {
        connections.set_auth_handler(auth::handler(users, host));
    }
    // Paths are checked as UTF-8 before (`TlsFiles::check`).
    let tls = tls.map(|files| TlsConfig::Rustls {
        capath: None,
        certpath: files.cert.to_string_lossy().into_owned(),
        keypath: files.key.to_string_lossy().into_owned(),
    });
    let server = ServerSettings {
        name: "chirp-mqtt-v4".to_owned(),
        listen,
        tls,
        next_connection_delay_ms: NEXT_CONNECTION_DELAY_MS,
        connections,
    };
    Config {
        id: 0,
        router: RouterConfig {
            max_connections: MAX_CONNECTIONS,
            max_outgoing_packet_count: MAX_OUTGOING_BATCH,
            max_segment_size: MAX_SEGMENT_BYTES,
            max_segment_count: MAX_SEGMENTS,
            custom_segment: None,
            initialized_filters: None,
            shared_subscriptions_strategy: rumqttd::Strategy::default(),
        },
        v4: Some(HashMap::from([("chirp".to_owned(), server)])),
        ..Config::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_is_set() {
        let config = broker_config(SocketAddr::from(([127, 0, 0, 1], 1883)), None, None);
        assert!(config.router.max_connections >= 1000);
        assert!(config.router.max_segment_size >= MAX_PACKET_BYTES);
        assert!(config.router.max_segment_count >= 1);
        let server = &config.v4.as_ref().expect("a v4 listener")["chirp"];
        assert!(server.connections.max_payload_size > bounds::MAX_PAYLOAD_BYTES);
        assert!(server.connections.max_inflight_count > 0);
        assert!(config.v5.is_none() && config.prometheus.is_none() && config.console.is_none());
        assert!(server.tls.is_none() && server.connections.external_auth.is_none());
    }

    #[test]
    fn locked_and_tls_are_set_when_asked() {
        let files = TlsFiles {
            cert: "/srv/broker.crt".into(),
            key: "/srv/broker.key".into(),
        };
        let users = (Users::none(), HostLogin::random());
        let config = broker_config(
            SocketAddr::from(([0, 0, 0, 0], 8883)),
            Some(&files),
            Some(users),
        );
        let server = &config.v4.as_ref().expect("a v4 listener")["chirp"];
        assert!(server.connections.external_auth.is_some());
        assert!(server.connections.auth.is_none());
        assert!(matches!(
            &server.tls,
            Some(TlsConfig::Rustls { capath: None, certpath, keypath })
                if certpath == "/srv/broker.crt" && keypath == "/srv/broker.key"
        ));
    }
}
