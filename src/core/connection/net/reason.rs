//! Why a connection attempt failed, in words a person can act on, and
//! whether the broker refused us (trying again soon would not help).

use std::io::ErrorKind;

use rumqttc::{ConnectReturnCode, ConnectionError, StateError};
use rustls::CertificateError;

use crate::core::model::display::inert_line;

/// How many of a certificate's names a mismatch message lists.
const NAMES_SHOWN: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
    /// The broker said no (credentials, client id) or its certificate is
    /// not acceptable: wait long before asking again.
    pub refused: bool,
}

impl Failure {
    fn transient(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            refused: false,
        }
    }

    fn refused(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            refused: true,
        }
    }
}

/// Never includes the password: rumqttc's errors don't carry it, and
/// nothing here formats the options.
pub fn describe(error: &ConnectionError) -> Failure {
    if let Some(tls) = rustls_error(error) {
        return describe_tls(tls);
    }
    match error {
        ConnectionError::ConnectionRefused(code) => describe_refusal(*code),
        ConnectionError::Io(e) | ConnectionError::MqttState(StateError::Io(e)) => describe_io(e),
        ConnectionError::Tls(e) => match io_error_in(e) {
            // A plain MQTT broker reads the TLS hello as garbage and hangs up.
            Some(io) if closed(io) => Failure::transient(
                "TLS handshake failed: the broker closed the connection (is this a plain MQTT port?)",
            ),
            _ => Failure::transient(format!("TLS handshake failed ({e})")),
        },
        ConnectionError::NetworkTimeout => {
            Failure::transient("no answer from the broker (timed out)")
        }
        ConnectionError::FlushTimeout => Failure::transient("sending to the broker timed out"),
        ConnectionError::MqttState(StateError::ConnectionAborted) => {
            Failure::transient("the broker closed the connection")
        }
        ConnectionError::MqttState(StateError::AwaitPingResp) => {
            Failure::transient("the broker stopped answering")
        }
        // An I/O error met while reading a packet: said as the I/O error.
        ConnectionError::MqttState(_) => match io_error_in(error) {
            Some(io) => describe_io(io),
            None => Failure::transient(error.to_string()),
        },
        ConnectionError::Websocket(e) => match io_error_in(e) {
            Some(io) => describe_io(io),
            None => Failure::transient(format!("WebSocket handshake failed ({e})")),
        },
        ConnectionError::ResponseValidation(_) => Failure::transient(
            "the server at this URL does not speak MQTT over WebSockets (check the path)",
        ),
        ConnectionError::InvalidUrl(_) | ConnectionError::WsConnect(_) => {
            Failure::refused(format!("invalid WebSocket URL ({error})"))
        }
        other => Failure::transient(other.to_string()),
    }
}

/// A failure before the broker's CONNACK. A broker that hangs up then,
/// instead of answering "not authorized", is refusing our login: rumqttd
/// (Chirp's built-in broker) does so for a wrong password or none. A
/// broker whose port expects TLS hangs up on plain MQTT the same way,
/// which `plain` (no TLS on our side) adds as a hint.
pub fn describe_before_connack(error: &ConnectionError, sent_login: bool, plain: bool) -> Failure {
    if !hung_up(error) {
        return describe(error);
    }
    let why = if sent_login {
        "wrong username or password"
    } else {
        "it needs a username and password"
    };
    let tls_hint = if plain {
        ", or its port expects mqtts://"
    } else {
        ""
    };
    Failure::refused(format!(
        "not authorized: the broker hung up on our login ({why}{tls_hint})"
    ))
}

/// The broker closed the connection (not a TLS or protocol error). Over
/// TLS the close comes as an early end of file inside the reader's error
/// ("peer closed connection without sending TLS close_notify"): the
/// handshake went through, so it is the broker hanging up all the same.
fn hung_up(error: &ConnectionError) -> bool {
    match error {
        ConnectionError::MqttState(StateError::ConnectionAborted) => true,
        // Not `Tls`: a handshake that failed never carried our login.
        ConnectionError::Io(_) | ConnectionError::MqttState(_) => {
            rustls_error(error).is_none() && io_error_in(error).is_some_and(closed)
        }
        _ => false,
    }
}

fn describe_refusal(code: ConnectReturnCode) -> Failure {
    match code {
        ConnectReturnCode::BadUserNamePassword | ConnectReturnCode::NotAuthorized => {
            Failure::refused("not authorized: wrong username or password")
        }
        ConnectReturnCode::BadClientId => Failure::refused("the broker refused our client id"),
        ConnectReturnCode::RefusedProtocolVersion => {
            Failure::refused("the broker does not accept MQTT 3.1.1")
        }
        ConnectReturnCode::ServiceUnavailable => {
            Failure::transient("the broker is unavailable right now")
        }
        ConnectReturnCode::Success => Failure::transient("the broker closed the connection"),
    }
}

fn closed(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof
    )
}

fn describe_io(e: &std::io::Error) -> Failure {
    Failure::transient(match e.kind() {
        ErrorKind::ConnectionRefused => "connection refused (is the broker running?)".into(),
        _ if closed(e) => "the broker closed the connection".into(),
        ErrorKind::TimedOut => "timed out".into(),
        _ if e.to_string().contains("failed to lookup")
            || e.to_string().contains("Name or service") =>
        {
            "broker host not found".into()
        }
        _ => e.to_string(),
    })
}

fn describe_tls(error: &rustls::Error) -> Failure {
    match error {
        rustls::Error::InvalidCertificate(cert) => describe_certificate(cert),
        rustls::Error::AlertReceived(alert) => Failure::transient(format!(
            "TLS handshake failed: the broker refused it ({alert:?})"
        )),
        rustls::Error::InvalidMessage(_) => Failure::transient(
            "TLS handshake failed: the broker did not answer in TLS (is this a plain MQTT port?)",
        ),
        other => Failure::transient(format!("TLS handshake failed ({other})")),
    }
}

fn describe_certificate(error: &CertificateError) -> Failure {
    let hint = "check the broker's certificate, or this computer's clock";
    Failure::refused(match error {
        CertificateError::UnknownIssuer => "certificate not trusted: it is not issued by a \
             known authority (give the broker's CA file)"
            .to_owned(),
        CertificateError::BadSignature => {
            "certificate not trusted: its signature is invalid".to_owned()
        }
        CertificateError::NotValidForName => {
            "certificate name mismatch: it is for another host".to_owned()
        }
        CertificateError::NotValidForNameContext {
            expected,
            presented,
        } => {
            let mut names: Vec<String> = presented
                .iter()
                .take(NAMES_SHOWN)
                .map(|name| inert_line(certificate_name(name)))
                .collect();
            if presented.len() > NAMES_SHOWN {
                names.push("…".into());
            }
            let expected = inert_line(&expected.to_str());
            if names.is_empty() {
                format!("certificate name mismatch: it names no host, not {expected}")
            } else {
                format!(
                    "certificate name mismatch: it is for {}, not {expected}",
                    names.join(", ")
                )
            }
        }
        CertificateError::Expired => format!("certificate expired ({hint})"),
        CertificateError::ExpiredContext { not_after, .. } => {
            format!("certificate expired on {} ({hint})", date(not_after))
        }
        CertificateError::NotValidYet => format!("certificate not valid yet ({hint})"),
        CertificateError::NotValidYetContext { not_before, .. } => {
            format!("certificate not valid until {} ({hint})", date(not_before))
        }
        CertificateError::Revoked => "certificate revoked".to_owned(),
        other => format!("certificate rejected ({other})"),
    })
}

/// `DnsName("example.com")` (webpki's Debug form) → `example.com`.
fn certificate_name(presented: &str) -> &str {
    presented
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .map_or(presented, |inner| inner.trim_matches('"'))
}

fn date(time: &rustls::pki_types::UnixTime) -> String {
    i64::try_from(time.as_secs())
        .ok()
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(
            || "an unknown date".to_owned(),
            |t| t.format("%Y-%m-%d").to_string(),
        )
}

/// The rustls error somewhere inside `error`: tokio-rustls wraps it in an
/// io::Error, which rumqttc or tungstenite wrap again.
fn rustls_error(error: &ConnectionError) -> Option<&rustls::Error> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // io::Error's source() skips the error it wraps; look at it directly.
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Some(inner);
        }
        current = e.source();
    }
    None
}

fn io_error_in<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a std::io::Error> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        current = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls_failure(error: rustls::Error) -> Failure {
        let io = std::io::Error::new(ErrorKind::InvalidData, error);
        describe(&ConnectionError::Io(io))
    }

    #[test]
    fn a_wrong_password_is_a_refusal() {
        for code in [
            ConnectReturnCode::BadUserNamePassword,
            ConnectReturnCode::NotAuthorized,
        ] {
            let failure = describe(&ConnectionError::ConnectionRefused(code));
            assert_eq!(failure.reason, "not authorized: wrong username or password");
            assert!(failure.refused);
        }
        let busy = describe(&ConnectionError::ConnectionRefused(
            ConnectReturnCode::ServiceUnavailable,
        ));
        assert!(!busy.refused);
    }

    #[test]
    fn a_hang_up_before_connack_is_a_refused_login() {
        let aborted = ConnectionError::MqttState(StateError::ConnectionAborted);
        let with_login = describe_before_connack(&aborted, true, false);
        assert_eq!(
            with_login.reason,
            "not authorized: the broker hung up on our login (wrong username or password)"
        );
        assert!(with_login.refused);
        let anonymous = describe_before_connack(&aborted, false, true);
        assert_eq!(
            anonymous.reason,
            "not authorized: the broker hung up on our login (it needs a username and \
             password, or its port expects mqtts://)"
        );
        // rumqttd over TLS: the handshake done, then the socket closed.
        let tls_eof = std::io::Error::new(
            ErrorKind::UnexpectedEof,
            "peer closed connection without sending TLS close_notify",
        );
        let tls_hang_up = ConnectionError::MqttState(StateError::Deserialization(
            rumqttc::mqttbytes::Error::Io(tls_eof),
        ));
        let over_tls = describe_before_connack(&tls_hang_up, true, false);
        assert_eq!(
            over_tls.reason,
            "not authorized: the broker hung up on our login (wrong username or password)"
        );
        let reset = ConnectionError::MqttState(StateError::Deserialization(
            rumqttc::mqttbytes::Error::Io(std::io::Error::from(ErrorKind::ConnectionReset)),
        ));
        assert_eq!(describe(&reset).reason, "the broker closed the connection");
        let refused = ConnectionError::Io(std::io::Error::from(ErrorKind::ConnectionRefused));
        assert_eq!(
            describe_before_connack(&refused, true, true),
            describe(&refused),
            "not a hang-up"
        );
    }

    #[test]
    fn certificate_problems_are_named() {
        let unknown = tls_failure(CertificateError::UnknownIssuer.into());
        assert!(
            unknown.reason.starts_with("certificate not trusted"),
            "{unknown:?}"
        );
        assert!(unknown.refused);

        let mismatch = tls_failure(
            CertificateError::NotValidForNameContext {
                expected: rustls::pki_types::ServerName::try_from("127.0.0.1")
                    .expect("ip")
                    .to_owned(),
                presented: vec!["DnsName(\"other.example\")".into()],
            }
            .into(),
        );
        assert_eq!(
            mismatch.reason,
            "certificate name mismatch: it is for other.example, not 127.0.0.1"
        );

        let expired = tls_failure(
            CertificateError::ExpiredContext {
                time: rustls::pki_types::UnixTime::since_unix_epoch(
                    std::time::Duration::from_secs(1_800_000_000),
                ),
                not_after: rustls::pki_types::UnixTime::since_unix_epoch(
                    std::time::Duration::from_secs(978_307_200),
                ),
            }
            .into(),
        );
        assert!(
            expired
                .reason
                .starts_with("certificate expired on 2001-01-01"),
            "{expired:?}"
        );
    }

    #[test]
    fn tls_to_a_plain_port_says_so() {
        let failure = tls_failure(rustls::Error::InvalidMessage(
            rustls::InvalidMessage::InvalidContentType,
        ));
        assert!(failure.reason.contains("plain MQTT port"), "{failure:?}");
        assert!(!failure.refused);
    }
}
