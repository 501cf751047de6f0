//! Where the broker is and how to reach it: `mqtt://`, `mqtts://`, `ws://`
//! or `wss://` `host[:port][/path]`.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const DEFAULT_HOST: &str = "test.mosquitto.org";
pub const DEFAULT_PORT: u16 = 1883;
pub const DEFAULT_TLS_PORT: u16 = 8883;
/// WebSockets default to the web's ports, as any `ws://` URL does; brokers
/// often listen elsewhere (test.mosquitto.org: 8080 and 8081), so give one.
pub const DEFAULT_WS_PORT: u16 = 80;
pub const DEFAULT_WSS_PORT: u16 = 443;
/// The path most brokers serve MQTT over WebSockets on (EMQX, HiveMQ;
/// mosquitto accepts any path).
pub const DEFAULT_WS_PATH: &str = "/mqtt";

/// How bytes reach the broker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// Plain TCP, `mqtt://`.
    #[default]
    Tcp,
    /// TLS over TCP, `mqtts://`.
    Tls,
    /// WebSocket, `ws://`.
    Ws,
    /// WebSocket over TLS, `wss://`.
    Wss,
}

impl Transport {
    pub const ALL: [Transport; 4] = [
        Transport::Tcp,
        Transport::Tls,
        Transport::Ws,
        Transport::Wss,
    ];

    pub fn scheme(self) -> &'static str {
        match self {
            Transport::Tcp => "mqtt",
            Transport::Tls => "mqtts",
            Transport::Ws => "ws",
            Transport::Wss => "wss",
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            Transport::Tcp => DEFAULT_PORT,
            Transport::Tls => DEFAULT_TLS_PORT,
            Transport::Ws => DEFAULT_WS_PORT,
            Transport::Wss => DEFAULT_WSS_PORT,
        }
    }

    /// Encrypted and the server's certificate checked.
    pub fn is_secure(self) -> bool {
        matches!(self, Transport::Tls | Transport::Wss)
    }

    pub fn is_websocket(self) -> bool {
        matches!(self, Transport::Ws | Transport::Wss)
    }

    /// The same carrier (TCP or WebSocket), secure or not.
    pub fn with_security(self, secure: bool) -> Transport {
        match (self.is_websocket(), secure) {
            (false, false) => Transport::Tcp,
            (false, true) => Transport::Tls,
            (true, false) => Transport::Ws,
            (true, true) => Transport::Wss,
        }
    }

    fn from_scheme(scheme: &str) -> Option<Transport> {
        Transport::ALL.into_iter().find(|t| t.scheme() == scheme)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredBroker", into = "StoredBroker")]
pub struct BrokerAddress {
    pub host: String,
    pub port: u16,
    pub transport: Transport,
    /// The HTTP path of a WebSocket broker, starting with `/`; unused (and
    /// kept) for TCP and TLS, so switching back and forth loses nothing.
    pub path: String,
}

impl Default for BrokerAddress {
    fn default() -> Self {
        Self::new(DEFAULT_HOST, DEFAULT_PORT, Transport::Tcp)
    }
}

/// The public test broker, plain and TLS (port 8886 has a Let's Encrypt
/// certificate, so the system's roots verify it), with a name to show.
pub fn presets() -> [(&'static str, BrokerAddress); 2] {
    [
        (
            "test.mosquitto.org",
            BrokerAddress::new(DEFAULT_HOST, DEFAULT_PORT, Transport::Tcp),
        ),
        (
            "test.mosquitto.org (TLS)",
            BrokerAddress::new(DEFAULT_HOST, 8886, Transport::Tls),
        ),
    ]
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrokerUrlError {
    #[error("broker URL {0:?} must start with mqtt://, mqtts://, ws:// or wss://")]
    Scheme(String),
    #[error("broker URL {0:?} has no host")]
    NoHost(String),
    #[error("broker URL {0:?} has an invalid port (1-65535)")]
    Port(String),
    #[error("broker URL {0:?}: only ws:// and wss:// URLs have a path")]
    PathNotAllowed(String),
    #[error("broker URL {0:?} has an invalid path (no spaces, ? or #)")]
    Path(String),
    // The URL itself is not repeated: it may hold a password.
    #[error(
        "a broker URL must not contain a username or password; use --username and \
         CHIRP_PASSWORD or --password-file instead"
    )]
    UserInfo,
}

impl BrokerAddress {
    /// An address with the default WebSocket path.
    pub fn new(host: impl Into<String>, port: u16, transport: Transport) -> Self {
        Self {
            host: host.into(),
            port,
            transport,
            path: DEFAULT_WS_PATH.to_owned(),
        }
    }

    /// Parses a URL. Without a scheme, `mqtt://` is meant; without a port,
    /// the scheme's default; a WebSocket URL without a path gets `/mqtt`.
    pub fn parse(url: &str) -> Result<Self, BrokerUrlError> {
        let url = url.trim();
        let (transport, rest) = match url.split_once("://") {
            Some((scheme, rest)) => match Transport::from_scheme(&scheme.to_ascii_lowercase()) {
                Some(transport) => (transport, rest),
                None => return Err(BrokerUrlError::Scheme(url.to_owned())),
            },
            None => (Transport::Tcp, url),
        };
        let (authority, path) = match rest.find('/') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(BrokerUrlError::UserInfo);
        }
        let path = if transport.is_websocket() {
            if path.is_empty() {
                DEFAULT_WS_PATH.to_owned()
            } else if path.chars().any(|c| c.is_whitespace() || c.is_control())
                || path.contains(['?', '#'])
            {
                return Err(BrokerUrlError::Path(url.to_owned()));
            } else {
                path.to_owned()
            }
        } else if path.trim_end_matches('/').is_empty() {
            DEFAULT_WS_PATH.to_owned()
        } else {
            return Err(BrokerUrlError::PathNotAllowed(url.to_owned()));
        };
        let (host, port) = match authority.rsplit_once(':') {
            // A bracketed IPv6 address has colons of its own.
            Some((host, port)) if !port.contains(']') => {
                let port: u16 = port
                    .parse()
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| BrokerUrlError::Port(url.to_owned()))?;
                (host, port)
            }
            _ => (authority, transport.default_port()),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BrokerUrlError::NoHost(url.to_owned()));
        }
        Ok(Self {
            host: host.to_owned(),
            port,
            transport,
            path,
        })
    }

    /// The public test broker (either preset): anyone can read all of it.
    pub fn is_public_test_broker(&self) -> bool {
        self.host.eq_ignore_ascii_case(DEFAULT_HOST)
    }

    /// Short form for the status line: `host:port` for plain MQTT (the
    /// common case), the full URL when the transport is worth saying.
    pub fn label(&self) -> String {
        match self.transport {
            Transport::Tcp => format!("{}:{}", self.bracketed_host(), self.port),
            _ => self.to_string(),
        }
    }

    fn bracketed_host(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        }
    }
}

impl fmt::Display for BrokerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self.transport.scheme();
        write!(f, "{scheme}://{}:{}", self.bracketed_host(), self.port)?;
        if self.transport.is_websocket() {
            f.write_str(&self.path)?;
        }
        Ok(())
    }
}

/// The shape in the settings file. Files from before WebSockets have only
/// `{host, port, tls}`; `tls` is still written so that such a version
/// reading a newer file keeps encrypting.
#[derive(Serialize, Deserialize)]
#[serde(default)]
struct StoredBroker {
    host: String,
    port: u16,
    tls: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    transport: Option<Transport>,
    path: String,
}

impl Default for StoredBroker {
    /// No transport: an old file's `tls` decides.
    fn default() -> Self {
        Self {
            transport: None,
            ..BrokerAddress::default().into()
        }
    }
}

impl From<StoredBroker> for BrokerAddress {
    fn from(stored: StoredBroker) -> Self {
        let transport = stored
            .transport
            .unwrap_or(Transport::Tcp.with_security(stored.tls));
        let path = if stored.path.starts_with('/') {
            stored.path
        } else {
            DEFAULT_WS_PATH.to_owned()
        };
        Self {
            host: stored.host,
            port: stored.port,
            transport,
            path,
        }
    }
}

impl From<BrokerAddress> for StoredBroker {
    fn from(broker: BrokerAddress) -> Self {
        Self {
            host: broker.host,
            port: broker.port,
            tls: broker.transport.is_secure(),
            transport: Some(broker.transport),
            path: broker.path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<(String, u16, Transport, String), BrokerUrlError> {
        BrokerAddress::parse(url).map(|b| (b.host, b.port, b.transport, b.path))
    }

    fn ok(
        host: &str,
        port: u16,
        transport: Transport,
        path: &str,
    ) -> Result<(String, u16, Transport, String), BrokerUrlError> {
        Ok((host.into(), port, transport, path.into()))
    }

    #[test]
    fn parses_mqtt_urls() {
        use Transport::*;
        assert_eq!(
            parse("mqtt://localhost"),
            ok("localhost", 1883, Tcp, "/mqtt")
        );
        assert_eq!(
            parse("mqtt://127.0.0.1:1999"),
            ok("127.0.0.1", 1999, Tcp, "/mqtt")
        );
        assert_eq!(
            parse("mqtts://test.mosquitto.org"),
            ok("test.mosquitto.org", 8883, Tls, "/mqtt")
        );
        assert_eq!(parse("MQTTS://h:8886/"), ok("h", 8886, Tls, "/mqtt"));
        assert_eq!(
            parse("broker.lan:1884"),
            ok("broker.lan", 1884, Tcp, "/mqtt")
        );
        assert_eq!(parse("mqtt://[::1]:1884"), ok("::1", 1884, Tcp, "/mqtt"));
    }

    #[test]
    fn parses_websocket_urls() {
        use Transport::*;
        assert_eq!(parse("ws://h"), ok("h", 80, Ws, "/mqtt"));
        assert_eq!(parse("wss://h"), ok("h", 443, Wss, "/mqtt"));
        assert_eq!(
            parse("ws://test.mosquitto.org:8080"),
            ok("test.mosquitto.org", 8080, Ws, "/mqtt")
        );
        assert_eq!(parse("wss://h:8081/"), ok("h", 8081, Wss, "/"));
        assert_eq!(
            parse("wss://h:8081/mqtt/v1"),
            ok("h", 8081, Wss, "/mqtt/v1")
        );
        assert_eq!(parse("ws://[::1]:9001/ws"), ok("::1", 9001, Ws, "/ws"));
    }

    #[test]
    fn refuses_bad_urls() {
        let err = |url| BrokerAddress::parse(url).expect_err(url);
        assert!(matches!(err("http://x"), BrokerUrlError::Scheme(_)));
        assert!(matches!(err("mqtt://x:99999"), BrokerUrlError::Port(_)));
        assert!(matches!(err("mqtt://x:0"), BrokerUrlError::Port(_)));
        assert!(matches!(err("mqtt://x:"), BrokerUrlError::Port(_)));
        assert!(matches!(err("mqtt://:1883"), BrokerUrlError::NoHost(_)));
        assert!(matches!(err("ws:///mqtt"), BrokerUrlError::NoHost(_)));
        assert!(matches!(
            err("mqtt://x/topic"),
            BrokerUrlError::PathNotAllowed(_)
        ));
        assert!(matches!(err("ws://x/a b"), BrokerUrlError::Path(_)));
        assert!(matches!(err("ws://x/a?b"), BrokerUrlError::Path(_)));
    }

    #[test]
    fn a_password_in_the_url_is_refused_without_repeating_it() {
        let error = BrokerAddress::parse("mqtts://alice:hunter2@h").expect_err("userinfo");
        assert_eq!(error, BrokerUrlError::UserInfo);
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn displays_as_url_and_parses_back() {
        for url in [
            "mqtt://h:1",
            "mqtts://h:8883",
            "ws://h:8080/mqtt",
            "wss://[::1]:443/",
        ] {
            let broker = BrokerAddress::parse(url).expect("valid");
            assert_eq!(broker.to_string(), url);
            assert_eq!(BrokerAddress::parse(&broker.to_string()), Ok(broker));
        }
        assert_eq!(
            BrokerAddress::parse("mqtt://h:1").expect("valid").label(),
            "h:1"
        );
        assert_eq!(
            BrokerAddress::parse("wss://h:1").expect("valid").label(),
            "wss://h:1/mqtt"
        );
    }

    #[test]
    fn old_settings_files_mean_the_same() {
        let old: BrokerAddress =
            serde_json::from_str(r#"{"host":"h","port":8886,"tls":true}"#).expect("old shape");
        assert_eq!(old, BrokerAddress::new("h", 8886, Transport::Tls));
        let old: BrokerAddress =
            serde_json::from_str(r#"{"host":"h","port":1884,"tls":false}"#).expect("old shape");
        assert_eq!(old, BrokerAddress::new("h", 1884, Transport::Tcp));
        let partial: BrokerAddress = serde_json::from_str(r#"{"host":"h"}"#).expect("partial");
        assert_eq!(
            partial,
            BrokerAddress::new("h", DEFAULT_PORT, Transport::Tcp)
        );
    }

    #[test]
    fn round_trips_through_json() {
        for url in ["mqtt://h:1", "mqtts://h:2", "ws://h:3/x", "wss://h:4/mqtt"] {
            let broker = BrokerAddress::parse(url).expect("valid");
            let json = serde_json::to_string(&broker).expect("serialize");
            let back: BrokerAddress = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(back, broker, "{json}");
        }
        let wss = serde_json::to_value(BrokerAddress::parse("wss://h:4").expect("valid"))
            .expect("serialize");
        assert_eq!(wss["transport"], "wss");
        assert_eq!(wss["tls"], true, "older versions keep encrypting");
    }
}
