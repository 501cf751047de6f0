//! What to connect to and how: the broker, the client id, the session,
//! credentials, certificates, and the MQTT options built from them.

use std::sync::Arc;
use std::time::Duration;

use rumqttc::{LastWill, MqttOptions, QoS, TlsConfiguration, Transport as MqttTransport};

use super::credentials::Credentials;
use super::qos::Qos;
use super::tls::{self, TlsOptions, TlsSetupError};
use crate::core::connection::broker::{BrokerAddress, Transport};
use crate::core::protocol::deferred::Verification;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::social::presence::{self, PresenceState};
use crate::core::social::profile::About;

/// The largest packet accepted from the broker: MQTT 3.1.1's own maximum
/// (rumqttc compares it with the remaining length). rumqttc can't skip a
/// packet over its limit, it drops the connection; a retained oversize
/// message on a followed tag would then come back on every reconnect, a
/// disconnect loop. So any legal packet is read, and the decoder refuses
/// payloads over `bounds::MAX_PAYLOAD_BYTES` with the connection kept.
const MAX_INCOMING_PACKET_BYTES: usize = 268_435_455;
/// Big enough for any tweet we send and then some.
const MAX_OUTGOING_PACKET_BYTES: usize = 1024 * 1024;
pub const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(30);
/// MQTT carries keep-alive as 16-bit seconds.
const MAX_KEEP_ALIVE: Duration = Duration::from_secs(u16::MAX as u64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionConfig {
    pub broker: BrokerAddress,
    pub client_id: String,
    /// Clean session off: the broker keeps our subscriptions and queues
    /// QoS 1 tweets for us while we are away (needs a stable client id).
    pub persistent_session: bool,
    /// None: connect anonymously.
    pub credentials: Option<Credentials>,
    pub tls: TlsOptions,
    /// How often the connection is checked when idle; zero turns the
    /// check off (as MQTT defines). Whole seconds, up to 65535.
    pub keep_alive: Duration,
    /// Tweets are `<topic_root>/<tag>`.
    pub topic_root: TopicRoot,
    /// For tweets sent and subscriptions.
    pub qos: Qos,
    /// Publish this user's presence (online now; offline by last will).
    /// None: keep out of sight (the CLI).
    pub presence: Option<String>,
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// The wait after the broker refused us (wrong password, a certificate
    /// we don't trust): trying again soon can't help and only loads the
    /// broker. Changing the settings reconnects at once anyway.
    pub refused_retry: Duration,
    /// Signs what the connection publishes by itself (presence, profile).
    pub signer: Option<Arc<Identity>>,
    /// The profile published (signed, retained) with the presence.
    pub about: About,
    /// Follow this user's mentions and direct messages without announcing
    /// a presence (`chirp dm follow`); None: the presence user's.
    pub inbox: Option<String>,
    /// When tweets' signatures are checked: the window checks those by a
    /// pinned key when it shows them; the CLI, each as it arrives.
    pub verification: Verification,
}

impl ConnectionConfig {
    pub fn new(broker: BrokerAddress, client_id: String) -> Self {
        Self {
            broker,
            client_id,
            persistent_session: false,
            credentials: None,
            tls: TlsOptions::default(),
            keep_alive: DEFAULT_KEEP_ALIVE,
            topic_root: TopicRoot::default(),
            qos: Qos::default(),
            presence: None,
            first_retry: Duration::from_secs(1),
            max_retry: Duration::from_secs(15),
            refused_retry: Duration::from_secs(60),
            signer: None,
            about: About::default(),
            inbox: None,
            verification: Verification::OnArrival,
        }
    }

    pub fn with_verification(mut self, verification: Verification) -> Self {
        self.verification = verification;
        self
    }

    /// Presence (and later the profile) signed by `signer`.
    pub fn signed_by(mut self, signer: Option<Arc<Identity>>) -> Self {
        self.signer = signer;
        self
    }

    /// The display name and bio of the profile it publishes.
    pub fn with_about(mut self, about: About) -> Self {
        self.about = about;
        self
    }

    pub fn with_persistent_session(mut self, persistent: bool) -> Self {
        self.persistent_session = persistent;
        self
    }

    pub fn with_credentials(mut self, credentials: Option<Credentials>) -> Self {
        self.credentials = credentials;
        self
    }

    pub fn with_tls(mut self, tls: TlsOptions) -> Self {
        self.tls = tls;
        self
    }

    pub fn with_keep_alive(mut self, keep_alive: Duration) -> Self {
        self.keep_alive = keep_alive;
        self
    }

    pub fn with_topic_root(mut self, topic_root: TopicRoot) -> Self {
        self.topic_root = topic_root;
        self
    }

    pub fn with_qos(mut self, qos: Qos) -> Self {
        self.qos = qos;
        self
    }

    pub fn with_presence(mut self, user: Option<String>) -> Self {
        self.presence = user;
        self
    }

    /// The retry waits (first, longest, after a refusal) of `previous`, the
    /// rest as it is: a new profile changes where to connect, not how
    /// patiently, and tests shorten the waits once for every reconnection.
    /// Copied here, in one place, so a new tuning field can't be forgotten
    /// by a caller.
    pub fn with_retry_tuning_of(mut self, previous: &ConnectionConfig) -> Self {
        self.first_retry = previous.first_retry;
        self.max_retry = previous.max_retry;
        self.refused_retry = previous.refused_retry;
        self
    }
}

/// `keep_alive` as MQTT can say it: rumqttc panics below a second, and
/// the packet has 16 bits of seconds.
fn mqtt_keep_alive(keep_alive: Duration) -> Duration {
    if keep_alive.is_zero() {
        return keep_alive;
    }
    let secs = keep_alive.as_secs() + u64::from(keep_alive.subsec_nanos() > 0);
    Duration::from_secs(secs).clamp(Duration::from_secs(1), MAX_KEEP_ALIVE)
}

/// rumqttc's options for `config`; Err is a reason to show the user.
pub fn options(config: &ConnectionConfig) -> Result<MqttOptions, TlsSetupError> {
    let broker = &config.broker;
    // For WebSockets rumqttc takes the whole URL as the "host" and reads
    // the port from it.
    let host = if broker.transport.is_websocket() {
        broker.to_string()
    } else {
        broker.host.clone()
    };
    let mut options = MqttOptions::new(config.client_id.clone(), host, broker.port);
    options
        .set_keep_alive(mqtt_keep_alive(config.keep_alive))
        .set_clean_session(!config.persistent_session)
        .set_max_packet_size(MAX_INCOMING_PACKET_BYTES, MAX_OUTGOING_PACKET_BYTES);
    if let Some(credentials) = &config.credentials
        && !credentials.username.is_empty()
    {
        options.set_credentials(
            credentials.username.clone(),
            credentials.password.expose().to_owned(),
        );
    }
    if let Some(user) = &config.presence {
        // What the broker publishes for us when the connection is lost (or
        // closed without DISCONNECT): offline, since the last connect.
        let offline = presence::encode(
            user,
            PresenceState::Offline,
            chrono::Utc::now(),
            &config.client_id,
            config.signer.as_deref(),
        );
        options.set_last_will(LastWill::new(
            presence::topic(user),
            offline,
            QoS::AtLeastOnce,
            true,
        ));
    }
    let tls = || tls::client_config(&config.tls).map(TlsConfiguration::Rustls);
    let transport = match broker.transport {
        Transport::Tcp => MqttTransport::Tcp,
        Transport::Tls => MqttTransport::tls_with_config(tls()?),
        Transport::Ws => MqttTransport::Ws,
        Transport::Wss => MqttTransport::wss_with_config(tls()?),
    };
    options.set_transport(transport);
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::connection::net::credentials::Secret;

    fn options_for(url: &str) -> MqttOptions {
        let broker = BrokerAddress::parse(url).expect("valid");
        options(&ConnectionConfig::new(broker, "id".into())).expect("options")
    }

    #[test]
    fn websockets_get_the_whole_url_as_host() {
        let (host, port) = options_for("ws://h:8080/mqtt").broker_address();
        assert_eq!((host.as_str(), port), ("ws://h:8080/mqtt", 8080));
        assert!(matches!(
            options_for("wss://h").transport(),
            MqttTransport::Wss(_)
        ));
        let (host, port) = options_for("mqtts://h:8886").broker_address();
        assert_eq!((host.as_str(), port), ("h", 8886));
        assert!(matches!(
            options_for("mqtts://h").transport(),
            MqttTransport::Tls(_)
        ));
    }

    #[test]
    fn keep_alive_is_whole_seconds_within_range() {
        let ms = Duration::from_millis;
        assert_eq!(mqtt_keep_alive(ms(0)), ms(0));
        assert_eq!(mqtt_keep_alive(ms(1)), ms(1000));
        assert_eq!(mqtt_keep_alive(ms(1500)), ms(2000));
        assert_eq!(mqtt_keep_alive(ms(30_000)), ms(30_000));
        assert_eq!(
            mqtt_keep_alive(Duration::from_secs(1_000_000)),
            MAX_KEEP_ALIVE
        );
        let broker = BrokerAddress::parse("mqtt://h").expect("valid");
        let config = ConnectionConfig::new(broker, "id".into()).with_keep_alive(ms(10));
        assert_eq!(options(&config).expect("options").keep_alive(), ms(1000));
    }

    #[test]
    fn credentials_reach_the_connect_packet_and_not_debug() {
        let broker = BrokerAddress::parse("mqtt://h").expect("valid");
        let config = ConnectionConfig::new(broker, "id".into())
            .with_credentials(Some(Credentials::new("alice", Secret::new("hunter2"))));
        assert!(!format!("{config:?}").contains("hunter2"));
        let login = options(&config).expect("options").credentials();
        let login = login.expect("credentials set");
        assert_eq!(
            (login.username.as_str(), login.password.as_str()),
            ("alice", "hunter2")
        );
    }

    #[test]
    fn retry_tuning_carries_over_and_nothing_else() {
        let tuned_broker = BrokerAddress::parse("mqtt://old").expect("valid");
        let mut tuned = ConnectionConfig::new(tuned_broker, "old-id".into());
        tuned.first_retry = Duration::from_millis(200);
        tuned.max_retry = Duration::from_secs(2);
        tuned.refused_retry = Duration::from_secs(3);
        let broker = BrokerAddress::parse("mqtts://new:8886").expect("valid");
        let fresh = ConnectionConfig::new(broker, "new-id".into()).with_keep_alive(ms(5_000));
        let carried = fresh.clone().with_retry_tuning_of(&tuned);
        assert_eq!(
            (
                carried.first_retry,
                carried.max_retry,
                carried.refused_retry
            ),
            (tuned.first_retry, tuned.max_retry, tuned.refused_retry)
        );
        let untuned = ConnectionConfig {
            first_retry: fresh.first_retry,
            max_retry: fresh.max_retry,
            refused_retry: fresh.refused_retry,
            ..carried
        };
        assert_eq!(untuned, fresh, "where and how to connect are the new ones");
    }

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    #[test]
    fn a_bad_ca_file_is_a_reason_not_a_panic() {
        let broker = BrokerAddress::parse("mqtts://h").expect("valid");
        let config = ConnectionConfig::new(broker, "id".into()).with_tls(TlsOptions {
            ca_file: Some("/nonexistent/ca.pem".into()),
            accept_invalid_certs: false,
            pinned: None,
        });
        let error = options(&config).expect_err("missing CA file");
        assert_eq!(error.to_string(), "CA file /nonexistent/ca.pem: not found");
    }
}
