//! A connection profile: one broker and how to talk to it (login,
//! certificates, topic root, QoS). Settings keep several; one is in use.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::core::connection::broker::{self, BrokerAddress};
use crate::core::connection::net::{
    ConnectionConfig, Credentials, DEFAULT_KEEP_ALIVE, Qos, Secret, TlsOptions,
};
use crate::core::protocol::topic_root::TopicRoot;

/// Where a profile's password is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordPlace {
    /// No password (anonymous, or a login without one).
    #[default]
    Nowhere,
    /// The desktop keyring, under `Profile::keyring_account`.
    Keyring,
    /// `settings.json`, readable by anyone who can read the user's files:
    /// only when there is no keyring, and the user is told.
    SettingsFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// What the user calls it; unique among the profiles.
    pub name: String,
    pub broker: BrokerAddress,
    /// The broker login; empty: connect anonymously.
    pub login: String,
    pub password_place: PasswordPlace,
    /// Only with `PasswordPlace::SettingsFile`.
    pub saved_password: Option<Secret>,
    /// Empty: this install's own id (`Settings::client_id`).
    pub client_id: String,
    pub keep_alive_secs: u16,
    pub topic_root: TopicRoot,
    pub qos: Qos,
    pub tls: TlsOptions,
}

impl Default for Profile {
    fn default() -> Self {
        Self::new("test.mosquitto.org", BrokerAddress::default())
    }
}

impl Profile {
    pub fn new(name: impl Into<String>, broker: BrokerAddress) -> Self {
        Self {
            name: name.into(),
            broker,
            login: String::new(),
            password_place: PasswordPlace::Nowhere,
            saved_password: None,
            client_id: String::new(),
            keep_alive_secs: DEFAULT_KEEP_ALIVE.as_secs() as u16,
            topic_root: TopicRoot::default(),
            qos: Qos::default(),
            tls: TlsOptions::default(),
        }
    }

    /// The built-in profiles: the public test broker, plain and TLS.
    pub fn presets() -> Vec<Profile> {
        broker::presets()
            .into_iter()
            .map(|(name, broker)| Profile::new(name, broker))
            .collect()
    }

    /// The keyring entry of this profile's password: a login belongs to a
    /// broker, so another broker (or login) asks for its own.
    pub fn keyring_account(&self) -> String {
        format!("{}@{}", self.login, self.broker)
    }

    pub fn needs_password(&self) -> bool {
        !self.login.is_empty() && self.password_place != PasswordPlace::Nowhere
    }

    /// The connection this profile describes. `install_client_id` is used
    /// unless the profile names its own; `password` comes from wherever
    /// `password_place` says (the caller fetched it).
    pub fn connection_config(
        &self,
        install_client_id: &str,
        password: Option<Secret>,
    ) -> ConnectionConfig {
        let client_id = if self.client_id.trim().is_empty() {
            install_client_id.to_owned()
        } else {
            self.client_id.trim().to_owned()
        };
        let credentials = (!self.login.is_empty())
            .then(|| Credentials::new(&self.login, password.unwrap_or_default()));
        ConnectionConfig::new(self.broker.clone(), client_id)
            .with_credentials(credentials)
            .with_tls(self.tls.clone())
            .with_keep_alive(Duration::from_secs(self.keep_alive_secs.into()))
            .with_topic_root(self.topic_root.clone())
            .with_qos(self.qos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::connection::broker::Transport;

    #[test]
    fn a_profile_becomes_the_connection_it_describes() {
        let mut profile = Profile::new(
            "school",
            BrokerAddress::new("mqtt.school.org", 8883, Transport::Tls),
        );
        profile.login = "alice".into();
        profile.topic_root = TopicRoot::parse("twitter").expect("valid");
        profile.qos = Qos::AtMostOnce;
        profile.keep_alive_secs = 10;
        let config = profile.connection_config("chirp-1", Some(Secret::new("pw")));
        assert_eq!(config.client_id, "chirp-1");
        assert_eq!(config.topic_root.topic("maths"), "twitter/maths");
        assert_eq!(config.qos, Qos::AtMostOnce);
        assert_eq!(config.keep_alive, Duration::from_secs(10));
        let credentials = config.credentials.expect("a login");
        assert_eq!(
            (credentials.username.as_str(), credentials.password.expose()),
            ("alice", "pw")
        );
        assert_eq!(
            profile.keyring_account(),
            "alice@mqtts://mqtt.school.org:8883"
        );

        profile.client_id = "my-laptop".into();
        profile.login.clear();
        let config = profile.connection_config("chirp-1", None);
        assert_eq!(config.client_id, "my-laptop");
        assert!(config.credentials.is_none());
    }

    #[test]
    fn the_password_is_saved_only_where_it_is_placed() {
        let mut profile = Profile {
            login: "bob".into(),
            ..Profile::default()
        };
        let json = serde_json::to_string(&profile).expect("serialize");
        assert!(!json.contains("hunter2"));
        profile.password_place = PasswordPlace::SettingsFile;
        profile.saved_password = Some(Secret::new("hunter2"));
        assert!(!format!("{profile:?}").contains("hunter2"));
        let json = serde_json::to_string(&profile).expect("serialize");
        let back: Profile = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, profile);
    }
}
