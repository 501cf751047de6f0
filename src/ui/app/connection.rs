//! What the worker connects with and how the connection stands: the
//! config in use, whether this window owns the profile, a password on its
//! way, and a new username waiting to be announced.

use std::time::{Duration, Instant};

use crate::core::connection::hosted_broker::HostAccess;
use crate::core::connection::net::{ConnectionConfig, ConnectionState, Secret};
use crate::core::connection::profile::Profile;
use crate::core::desktop::settings::Settings;
use crate::core::model::name::Username;
use crate::ui::status;

/// How long a new username must stand before it is announced.
pub const PRESENCE_SETTLE: Duration = Duration::from_secs(2);

/// The presence to announce for what is typed as the username: only a
/// valid one.
pub fn presence_name(username: &str) -> Option<String> {
    Username::parse(username).ok().map(String::from)
}

pub struct Connection {
    /// What the worker connects with; its broker may be `--broker`'s, for
    /// this run only, until the user picks one in settings.
    pub config: ConnectionConfig,
    pub state: ConnectionState,
    /// This window owns the profile: it may use a profile's own client id
    /// and a persistent session (a second window may not).
    primary_instance: bool,
    /// The client id of profiles that don't name one.
    install_client_id: String,
    /// The keyring account whose password is on its way, to connect with.
    pub awaiting_password: Option<String>,
    /// A valid username not yet announced, and since when it has stood,
    /// to announce it once typing has settled.
    pending_presence: Option<(String, Instant)>,
    /// The broker this window hosts, and how it logs in to it: a profile
    /// for that broker connects so (its own login and certificate pin
    /// last this run only, so no profile can hold them).
    pub hosted: Option<HostAccess>,
}

impl Connection {
    pub fn new(config: ConnectionConfig, settings: &Settings) -> Self {
        let state = ConnectionState::Connecting {
            broker: config.broker.label(),
        };
        let install_client_id = if settings.active().client_id.trim().is_empty() {
            config.client_id.clone()
        } else {
            settings.client_id.clone()
        };
        Self {
            primary_instance: config.persistent_session,
            install_client_id,
            config,
            state,
            awaiting_password: None,
            pending_presence: None,
            hosted: None,
        }
    }

    /// Whether this window owns the profile, as its lock says.
    pub fn set_primary(&mut self, primary: bool) {
        self.primary_instance = primary;
        if !primary {
            self.install_client_id = self.config.client_id.clone();
        }
    }

    pub fn is_connected(&self) -> bool {
        status::is_connected(&self.state)
    }

    /// Offline, counting down to the next attempt.
    pub fn is_counting_down(&self) -> bool {
        matches!(self.state, ConnectionState::Offline { .. })
    }

    pub fn presence_pending(&self) -> bool {
        self.pending_presence.is_some()
    }

    /// The config to connect to `profile` with, for a user typed as
    /// `username`; the retry waits stay those in use.
    pub fn config_for(
        &self,
        profile: &Profile,
        password: Option<Secret>,
        username: &str,
    ) -> ConnectionConfig {
        let mut config = profile
            .connection_config(&self.install_client_id, password)
            .with_persistent_session(self.primary_instance)
            .with_presence(presence_name(username).filter(|_| self.primary_instance))
            .with_retry_tuning_of(&self.config)
            .signed_by(self.config.signer.clone())
            .with_verification(self.config.verification);
        if !self.primary_instance {
            // Never a profile's own id: the first window is using it.
            config.client_id = self.install_client_id.clone();
        }
        match &self.hosted {
            Some(hosted) if hosted.broker == profile.broker && profile.login.is_empty() => {
                hosted.applied_to(config)
            }
            _ => config,
        }
    }

    /// Uses `config` from now on; true when it differs, so the worker must
    /// reconnect.
    pub fn adopt(&mut self, config: ConnectionConfig) -> bool {
        if config == self.config {
            return false;
        }
        self.config = config;
        true
    }

    /// Presence is per username, and the last will is fixed per
    /// connection: once a new valid name has stood for `PRESENCE_SETTLE`,
    /// the config to reconnect with (the old name goes offline by its will).
    pub fn follow_username(&mut self, username: &str) -> Option<ConnectionConfig> {
        let wanted = presence_name(username);
        let Some(name) = wanted.filter(|_| self.primary_instance) else {
            self.pending_presence = None;
            return None;
        };
        if Some(&name) == self.config.presence.as_ref() {
            self.pending_presence = None;
            return None;
        }
        let since = match &self.pending_presence {
            // Still typing: the name changed again, so the wait starts over.
            Some((pending, since)) if *pending == name => *since,
            _ => {
                self.pending_presence = Some((name, Instant::now()));
                return None;
            }
        };
        if since.elapsed() < PRESENCE_SETTLE {
            return None;
        }
        self.pending_presence = None;
        self.config.presence = Some(name);
        Some(self.config.clone())
    }
}
