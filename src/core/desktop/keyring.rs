//! Passwords in the desktop's keyring: the freedesktop Secret Service
//! (GNOME Keyring, KWallet, KeePassXC) over D-Bus. Every call may wait on
//! D-Bus, or on the user answering an unlock prompt, so none runs on the
//! UI thread: `keyring_thread` runs them on a thread of their own.
//!
//! Other systems have no keyring support yet: they report `Unavailable`
//! and the app keeps the password in its settings file, saying so.

use crate::core::model::secret::Secret;

/// Why the keyring could not be used; shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    #[error("no keyring is running on this desktop ({0})")]
    Unavailable(String),
    #[error("the keyring is locked (unlock it, then apply the settings again)")]
    Locked,
    #[error("the keyring failed: {0}")]
    Failed(String),
}

impl KeyringError {
    /// Worth falling back to the settings file: there is no keyring at
    /// all, rather than one that failed this once.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, KeyringError::Unavailable(_))
    }
}

/// Chirp's entries in the keyring, one per `account` (a login at a
/// broker, e.g. `alice@mqtts://broker.school.org:8883`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyring {
    /// Tells Chirp's entries from others'; tests use their own.
    service: String,
    /// The D-Bus to find the keyring on; None: the session's.
    bus_address: Option<String>,
}

impl Default for Keyring {
    fn default() -> Self {
        Self::new("chirp")
    }
}

impl Keyring {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            bus_address: None,
        }
    }

    /// A keyring on the bus at `address` rather than the session's.
    pub fn on_bus(mut self, address: impl Into<String>) -> Self {
        self.bus_address = Some(address.into());
        self
    }

    pub fn load(&self, account: &str) -> Result<Option<Secret>, KeyringError> {
        imp::load(self, account)
    }

    /// Saves (or replaces) the password of `account`.
    pub fn store(&self, account: &str, password: &Secret) -> Result<(), KeyringError> {
        imp::store(self, account, password)
    }

    /// Forgets the password of `account`; none saved is not an error.
    pub fn delete(&self, account: &str) -> Result<(), KeyringError> {
        imp::delete(self, account)
    }
}

#[cfg(target_os = "linux")]
mod imp {
    use std::collections::HashMap;

    use secret_service::EncryptionType;
    use secret_service::blocking::{Collection, SecretService};

    use super::{Keyring, KeyringError};
    use crate::core::model::secret::Secret;

    fn error(e: secret_service::Error) -> KeyringError {
        match e {
            secret_service::Error::Unavailable => {
                KeyringError::Unavailable("no Secret Service on D-Bus".to_owned())
            }
            secret_service::Error::Zbus(e) => KeyringError::Unavailable(e.to_string()),
            secret_service::Error::Locked | secret_service::Error::Prompt => KeyringError::Locked,
            e => KeyringError::Failed(e.to_string()),
        }
    }

    fn connect(keyring: &Keyring) -> Result<SecretService<'static>, KeyringError> {
        let service = match &keyring.bus_address {
            None => SecretService::connect(EncryptionType::Dh),
            Some(address) => {
                let connection = zbus::blocking::connection::Builder::address(address.as_str())
                    .and_then(zbus::blocking::connection::Builder::build)
                    .map_err(|e| KeyringError::Unavailable(e.to_string()))?;
                SecretService::connect_with_existing(EncryptionType::Dh, connection)
            }
        };
        service.map_err(error)
    }

    fn attributes<'a>(keyring: &'a Keyring, account: &'a str) -> HashMap<&'a str, &'a str> {
        HashMap::from([
            ("application", "chirp"),
            ("service", keyring.service.as_str()),
            ("account", account),
        ])
    }

    fn unlocked_collection<'a>(
        service: &'a SecretService<'a>,
    ) -> Result<Collection<'a>, KeyringError> {
        let collection = service
            .get_default_collection()
            .or_else(|_| service.get_any_collection())
            .map_err(error)?;
        if collection.is_locked().map_err(error)? {
            // Asks the user (the desktop shows its own prompt).
            collection.unlock().map_err(error)?;
        }
        Ok(collection)
    }

    pub fn load(keyring: &Keyring, account: &str) -> Result<Option<Secret>, KeyringError> {
        let service = connect(keyring)?;
        let found = service
            .search_items(attributes(keyring, account))
            .map_err(error)?;
        let Some(item) = found.unlocked.first().or(found.locked.first()) else {
            return Ok(None);
        };
        if item.is_locked().map_err(error)? {
            item.unlock().map_err(error)?;
        }
        let bytes = item.get_secret().map_err(error)?;
        let password = String::from_utf8(bytes)
            .map_err(|_| KeyringError::Failed("the saved password is not text".to_owned()))?;
        Ok(Some(Secret::new(password)))
    }

    pub fn store(keyring: &Keyring, account: &str, password: &Secret) -> Result<(), KeyringError> {
        let service = connect(keyring)?;
        let collection = unlocked_collection(&service)?;
        collection
            .create_item(
                &format!("Chirp: {account}"),
                attributes(keyring, account),
                password.expose().as_bytes(),
                true,
                "text/plain",
            )
            .map_err(error)?;
        Ok(())
    }

    pub fn delete(keyring: &Keyring, account: &str) -> Result<(), KeyringError> {
        let service = connect(keyring)?;
        let found = service
            .search_items(attributes(keyring, account))
            .map_err(error)?;
        for item in found.unlocked.iter().chain(&found.locked) {
            item.delete().map_err(error)?;
        }
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::{Keyring, KeyringError};
    use crate::core::model::secret::Secret;

    fn unsupported() -> KeyringError {
        KeyringError::Unavailable("Chirp can't use this system's keyring yet".to_owned())
    }

    pub fn load(_: &Keyring, _: &str) -> Result<Option<Secret>, KeyringError> {
        Err(unsupported())
    }

    pub fn store(_: &Keyring, _: &str, _: &Secret) -> Result<(), KeyringError> {
        Err(unsupported())
    }

    pub fn delete(_: &Keyring, _: &str) -> Result<(), KeyringError> {
        Err(unsupported())
    }
}
