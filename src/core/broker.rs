//! Where the broker is: `mqtt://host[:port]` or `mqtts://host[:port]`.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const DEFAULT_HOST: &str = "test.mosquitto.org";
pub const DEFAULT_PORT: u16 = 1883;
pub const DEFAULT_TLS_PORT: u16 = 8883;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrokerAddress {
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

impl Default for BrokerAddress {
    fn default() -> Self {
        Self {
            host: DEFAULT_HOST.to_owned(),
            port: DEFAULT_PORT,
            tls: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrokerUrlError {
    #[error("broker URL {0:?} must start with mqtt:// or mqtts://")]
    Scheme(String),
    #[error("broker URL {0:?} has no host")]
    NoHost(String),
    #[error("broker URL {0:?} has an invalid port (1-65535)")]
    Port(String),
}

impl BrokerAddress {
    pub fn parse(url: &str) -> Result<Self, BrokerUrlError> {
        let url = url.trim();
        let (tls, rest) = if let Some(rest) = url.strip_prefix("mqtts://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("mqtt://") {
            (false, rest)
        } else if url.contains("://") {
            return Err(BrokerUrlError::Scheme(url.to_owned()));
        } else {
            (false, url)
        };
        let rest = rest.trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            // A bracketed IPv6 address has colons of its own.
            Some((host, port)) if !port.contains(']') => {
                let port: u16 = port
                    .parse()
                    .map_err(|_| BrokerUrlError::Port(url.to_owned()))?;
                if port == 0 {
                    return Err(BrokerUrlError::Port(url.to_owned()));
                }
                (host, port)
            }
            _ => (rest, if tls { DEFAULT_TLS_PORT } else { DEFAULT_PORT }),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.contains('/') {
            return Err(BrokerUrlError::NoHost(url.to_owned()));
        }
        Ok(Self {
            host: host.to_owned(),
            port,
            tls,
        })
    }
}

impl fmt::Display for BrokerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "mqtts" } else { "mqtt" };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        let parse = |s| BrokerAddress::parse(s).map(|b| (b.host, b.port, b.tls));
        assert_eq!(
            parse("mqtt://localhost"),
            Ok(("localhost".into(), 1883, false))
        );
        assert_eq!(
            parse("mqtt://127.0.0.1:1999"),
            Ok(("127.0.0.1".into(), 1999, false))
        );
        assert_eq!(
            parse("mqtts://test.mosquitto.org"),
            Ok(("test.mosquitto.org".into(), 8883, true))
        );
        assert_eq!(
            parse("broker.lan:1884"),
            Ok(("broker.lan".into(), 1884, false))
        );
        assert_eq!(parse("mqtt://[::1]:1884"), Ok(("::1".into(), 1884, false)));
        assert!(matches!(
            BrokerAddress::parse("http://x"),
            Err(BrokerUrlError::Scheme(_))
        ));
        assert!(matches!(
            BrokerAddress::parse("mqtt://x:99999"),
            Err(BrokerUrlError::Port(_))
        ));
        assert!(matches!(
            BrokerAddress::parse("mqtt://:1883"),
            Err(BrokerUrlError::NoHost(_))
        ));
    }

    #[test]
    fn displays_as_url() {
        let b = BrokerAddress::parse("mqtts://h:1").expect("valid");
        assert_eq!(b.to_string(), "mqtts://h:1");
    }
}
