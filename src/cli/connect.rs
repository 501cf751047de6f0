//! The connection options shared by `post` and `follow`: the broker URL,
//! credentials, the CA file and `--insecure`, turned into a
//! `ConnectionConfig`. The password comes from a file or the environment,
//! never from the command line (which other users can read in `ps`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::core::connection::net::{ConnectionConfig, Credentials, Qos, Secret, TlsOptions};
use crate::core::connection::profile::Profile;
use crate::core::protocol::topic_root::TopicRoot;

use super::{CliError, resolve_broker, saved_profile};

/// Where a password may come from when there is no `--password-file`.
pub const PASSWORD_ENV: &str = "CHIRP_PASSWORD";

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConnectionArgs {
    /// Broker as mqtt://, mqtts://, ws:// or wss://host[:port][/path]
    /// (default ports 1883, 8883, 80, 443; WebSocket path /mqtt). Default:
    /// the broker saved by the GUI, else mqtt://test.mosquitto.org:1883.
    #[arg(long, global = true, value_name = "URL")]
    pub broker: Option<String>,
    /// Login name on the broker (not the --user shown on tweets). The
    /// password is read from --password-file, else from CHIRP_PASSWORD.
    #[arg(long, global = true, value_name = "NAME")]
    pub username: Option<String>,
    /// A file whose first line is the password (keep it readable by you only).
    #[arg(long, global = true, value_name = "PATH")]
    pub password_file: Option<PathBuf>,
    /// PEM file of the CA that issued the broker's certificate, trusted
    /// instead of the system's roots (mqtts:// and wss:// only).
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_file: Option<PathBuf>,
    /// Accept the broker's certificate without checking it (self-signed,
    /// expired, another name). Encrypted, but not protected from an
    /// impostor: only for testing.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// The topic level tweets live under: #rust is ROOT/rust. Default: the
    /// GUI's profile's when no --broker is given, else "hashtags".
    #[arg(long, global = true, value_name = "ROOT")]
    pub topic_root: Option<String>,
    /// 1 (default): every tweet acknowledged; 0: fire and forget.
    #[arg(long, global = true, value_name = "0|1")]
    pub qos: Option<String>,
}

impl ConnectionArgs {
    /// True when an option other than `--broker` was given.
    pub fn has_connection_options(&self) -> bool {
        self.username.is_some()
            || self.password_file.is_some()
            || self.ca_file.is_some()
            || self.insecure
            || self.topic_root.is_some()
            || self.qos.is_some()
    }

    /// The config to connect with, under `client_id`. Prints the warning
    /// for `--insecure`.
    pub fn config(&self, client_id: String) -> Result<ConnectionConfig, CliError> {
        // Without --broker the GUI's profile is meant, with its root and QoS.
        let profile = match &self.broker {
            Some(url) => Profile::new(url.as_str(), resolve_broker(Some(url))?),
            None => saved_profile(),
        };
        let topic_root = match &self.topic_root {
            Some(root) => {
                TopicRoot::parse(root).map_err(|e| CliError::usage(format!("--topic-root: {e}")))?
            }
            None => profile.topic_root,
        };
        let qos = match &self.qos {
            Some(level) => Qos::from_level(level)
                .ok_or_else(|| CliError::usage(format!("--qos must be 0 or 1, not {level:?}")))?,
            None => profile.qos,
        };
        let broker = profile.broker;
        let secure = broker.transport.is_secure();
        if !secure && (self.ca_file.is_some() || self.insecure) {
            let option = if self.insecure {
                "--insecure"
            } else {
                "--ca-file"
            };
            return Err(CliError::usage(format!(
                "{option} needs an mqtts:// or wss:// broker, not {broker}"
            )));
        }
        if self.insecure {
            eprintln!(
                "chirp: warning: --insecure: the broker's certificate is not checked; \
                 an impostor could read and change this connection"
            );
        }
        let tls = TlsOptions {
            ca_file: self.ca_file.clone(),
            accept_invalid_certs: self.insecure,
            pinned: None,
        };
        Ok(ConnectionConfig::new(broker, client_id)
            .with_credentials(self.credentials()?)
            .with_tls(tls)
            .with_topic_root(topic_root)
            .with_qos(qos))
    }

    fn credentials(&self) -> Result<Option<Credentials>, CliError> {
        let Some(username) = &self.username else {
            if self.password_file.is_some() {
                return Err(CliError::usage("--password-file needs --username as well"));
            }
            // CHIRP_PASSWORD alone may be left in the environment for
            // other commands: not a mistake in this one.
            return Ok(None);
        };
        if username.is_empty() {
            return Err(CliError::usage("--username must not be empty"));
        }
        let password = match &self.password_file {
            Some(path) => read_password_file(path)?,
            None => std::env::var(PASSWORD_ENV)
                .map(Secret::new)
                .unwrap_or_default(),
        };
        Ok(Some(Credentials::new(username, password)))
    }
}

/// The first line of `path`. Errors name the file, never its contents.
fn read_password_file(path: &Path) -> Result<Secret, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "not found".to_owned(),
            std::io::ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
            _ => e.to_string(),
        };
        CliError::usage(format!("password file {}: {why}", path.display()))
    })?;
    let password = text.lines().next().unwrap_or("");
    if password.is_empty() {
        return Err(CliError::usage(format!(
            "password file {}: the first line is empty",
            path.display()
        )));
    }
    Ok(Secret::new(password))
}

/// An Offline state whose next attempt is later than both the worker's
/// ordinary backoff cap and the CLI's own deadline: the broker refused us
/// (wrong password, untrusted certificate) or the settings can't work (no
/// CA file). Waiting can't help, so the CLI says why at once.
pub fn hopeless(config: &ConnectionConfig, retry_at: Instant, deadline: Instant) -> bool {
    let wait = retry_at.saturating_duration_since(Instant::now());
    wait > config.max_retry.max(Duration::from_secs(1)) && retry_at > deadline
}
