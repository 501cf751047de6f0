//! The identity of a data directory: loaded at start, created on the first.
//! Its secret lives in the desktop keyring where one works, else in
//! `identity.key` (mode 0600) in the data directory. A small non-secret
//! marker, `identity.pub`, remembers which: a keyring that is locked or
//! unreachable this time must fail loudly, never quietly make a new key
//! (followers would see somebody else under the same name).
//!
//! Keyring calls can wait on D-Bus or an unlock prompt: callers run this
//! off the UI thread (`load_within`).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::core::desktop::keyring::{Keyring, KeyringError};
use crate::core::model::author_key::{AuthorKey, decode_exact};
use crate::core::model::secret::Secret;
use crate::core::protocol::identity::{Identity, SECRET_LEN};

/// The keyring entry's account (under the keyring's service, `chirp`).
pub const KEYRING_ACCOUNT: &str = "identity";
/// The secret, base64, when no keyring works.
pub const KEY_FILE: &str = "identity.key";
/// Not secret: the public key and where the secret is.
pub const MARKER_FILE: &str = "identity.pub";

/// Where the secret of the identity lives, for the settings window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyHome {
    Keyring,
    File(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityStoreError {
    #[error(
        "your identity is kept in the desktop keyring, which could not be read ({0}); \
         unlock it and start Chirp again"
    )]
    KeyringUnreadable(KeyringError),
    #[error("your identity is kept in the desktop keyring, but no keyring is available this time")]
    NoKeyring,
    #[error(
        "your identity was kept in the desktop keyring, but the keyring no longer holds it; \
         import it or create a new one"
    )]
    MissingFromKeyring,
    #[error("the identity in the keyring is damaged; import it or create a new one")]
    CorruptInKeyring,
    #[error("your identity's key file {0} is missing; import it or create a new one")]
    MissingKeyFile(PathBuf),
    #[error(
        "your identity's key file {0} is damaged (it was left as it is); \
         import your identity or create a new one"
    )]
    CorruptKeyFile(PathBuf),
    #[error("the identity marker {0} is damaged; remove it to look for the key again")]
    CorruptMarker(PathBuf),
    #[error("saving the identity in the keyring: {0}")]
    KeyringStore(KeyringError),
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no answer from the keyring within {0} s")]
    TimedOut(u64),
    #[error("starting the identity thread: {0}")]
    Spawn(std::io::Error),
}

/// `identity.pub`: what it says on the tin, and no secret.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    /// The public key (base64), for reading it without the secret.
    key: String,
    /// "keyring" or "file".
    secret: String,
}

/// The identity of one data directory. Holds no secret itself.
#[derive(Debug, Clone)]
pub struct IdentityStore {
    data_dir: PathBuf,
    keyring: Option<Keyring>,
}

impl IdentityStore {
    /// `keyring`: None where none should be tried (the secret goes to the
    /// key file).
    pub fn new(data_dir: impl Into<PathBuf>, keyring: Option<Keyring>) -> Self {
        Self {
            data_dir: data_dir.into(),
            keyring,
        }
    }

    pub fn key_file(&self) -> PathBuf {
        self.data_dir.join(KEY_FILE)
    }

    fn marker_file(&self) -> PathBuf {
        self.data_dir.join(MARKER_FILE)
    }

    /// The public key last kept here, read without the secret (and so
    /// without the keyring): None before the first start.
    pub fn saved_key(&self) -> Option<AuthorKey> {
        let marker = self.read_marker().ok()??;
        AuthorKey::from_base64(&marker.key)
    }

    /// The identity kept here, or a new one on the first start. An identity
    /// that was kept but can't be read now is an error, never replaced.
    pub fn load_or_create(&self) -> Result<(Identity, KeyHome), IdentityStoreError> {
        match self.read_marker()? {
            Some(marker) if marker.secret == "keyring" => self.load_from_keyring(),
            Some(_) => self
                .load_from_file()
                .map(|identity| (identity, KeyHome::File(self.key_file()))),
            None => self.first_load(),
        }
    }

    /// `load_or_create` on a thread of its own, waiting at most `timeout`
    /// (the keyring may be asking the user to unlock it). Past that the
    /// thread is left to finish on its own.
    pub fn load_within(
        &self,
        timeout: Duration,
    ) -> Result<(Identity, KeyHome), IdentityStoreError> {
        self.spawn_load()?.wait(timeout)
    }

    /// Starts `load_or_create` on a thread of its own, to wait for later
    /// (the window waits for it and the password together).
    pub fn spawn_load(&self) -> Result<PendingLoad, IdentityStoreError> {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let store = self.clone();
        std::thread::Builder::new()
            .name("identity-load".into())
            .spawn(move || {
                let _ = tx.send(store.load_or_create());
            })
            .map_err(IdentityStoreError::Spawn)?;
        Ok(PendingLoad(rx))
    }

    /// Keeps `identity` as this directory's from now on ("Create a new
    /// identity", "Import identity"): in the keyring where one works, else
    /// in the key file. The old secret is removed once the new one and the
    /// marker are saved.
    pub fn replace(&self, identity: &Identity) -> Result<KeyHome, IdentityStoreError> {
        self.create_dir()?;
        let home = match self.store_in_keyring(identity) {
            Ok(()) => KeyHome::Keyring,
            Err(KeyringWrite::Unavailable) => {
                self.write_key_file(identity)?;
                KeyHome::File(self.key_file())
            }
            Err(KeyringWrite::Failed(e)) => return Err(IdentityStoreError::KeyringStore(e)),
        };
        self.write_marker(identity, &home)?;
        if home == KeyHome::Keyring {
            self.remove_key_file()?;
        }
        Ok(home)
    }

    /// No marker: a key file left without one is adopted, as is an entry
    /// in the keyring; otherwise this is the first start and a new
    /// identity is made.
    fn first_load(&self) -> Result<(Identity, KeyHome), IdentityStoreError> {
        if self.key_file().exists() {
            let identity = self.load_from_file()?;
            let home = KeyHome::File(self.key_file());
            self.write_marker(&identity, &home)?;
            return Ok((identity, home));
        }
        if let Some(keyring) = &self.keyring {
            match keyring.load(KEYRING_ACCOUNT) {
                Ok(Some(secret)) => {
                    let identity = identity_from_base64(secret.expose())
                        .ok_or(IdentityStoreError::CorruptInKeyring)?;
                    self.create_dir()?;
                    self.write_marker(&identity, &KeyHome::Keyring)?;
                    return Ok((identity, KeyHome::Keyring));
                }
                Ok(None) => {}
                Err(e) if e.is_unavailable() => {}
                // Locked, or failing: it may hold one. Try again next time
                // rather than make a second identity.
                Err(e) => return Err(IdentityStoreError::KeyringUnreadable(e)),
            }
        }
        let identity = Identity::generate();
        let home = self.replace(&identity)?;
        tracing::info!(fingerprint = %identity.fingerprint(), ?home, "created an identity");
        Ok((identity, home))
    }

    fn load_from_keyring(&self) -> Result<(Identity, KeyHome), IdentityStoreError> {
        let keyring = self.keyring.as_ref().ok_or(IdentityStoreError::NoKeyring)?;
        let secret = match keyring.load(KEYRING_ACCOUNT) {
            Ok(Some(secret)) => secret,
            Ok(None) => return Err(IdentityStoreError::MissingFromKeyring),
            Err(e) => return Err(IdentityStoreError::KeyringUnreadable(e)),
        };
        let identity =
            identity_from_base64(secret.expose()).ok_or(IdentityStoreError::CorruptInKeyring)?;
        Ok((identity, KeyHome::Keyring))
    }

    fn load_from_file(&self) -> Result<Identity, IdentityStoreError> {
        let path = self.key_file();
        let text = match fs::read_to_string(&path) {
            Ok(text) => Zeroizing::new(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(IdentityStoreError::MissingKeyFile(path));
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(IdentityStoreError::CorruptKeyFile(path));
            }
            Err(source) => return Err(io("reading", &path, source)),
        };
        identity_from_base64(text.trim()).ok_or(IdentityStoreError::CorruptKeyFile(path))
    }

    fn store_in_keyring(&self, identity: &Identity) -> Result<(), KeyringWrite> {
        let keyring = self.keyring.as_ref().ok_or(KeyringWrite::Unavailable)?;
        let secret = Secret::new(STANDARD.encode(&identity.secret_bytes()[..]));
        match keyring.store(KEYRING_ACCOUNT, &secret) {
            Ok(()) => Ok(()),
            Err(e) if e.is_unavailable() => Err(KeyringWrite::Unavailable),
            Err(e) => Err(KeyringWrite::Failed(e)),
        }
    }

    fn read_marker(&self) -> Result<Option<Marker>, IdentityStoreError> {
        let path = self.marker_file();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(io("reading", &path, source)),
        };
        match serde_json::from_str::<Marker>(&text) {
            Ok(marker) if ["keyring", "file"].contains(&marker.secret.as_str()) => Ok(Some(marker)),
            _ => Err(IdentityStoreError::CorruptMarker(path)),
        }
    }

    fn write_marker(&self, identity: &Identity, home: &KeyHome) -> Result<(), IdentityStoreError> {
        let marker = Marker {
            key: identity.author_key().to_base64(),
            secret: match home {
                KeyHome::Keyring => "keyring",
                KeyHome::File(_) => "file",
            }
            .to_owned(),
        };
        let mut text = serde_json::to_string_pretty(&marker).unwrap_or_default();
        text.push('\n');
        write_atomically(&self.marker_file(), text.as_bytes())
    }

    fn write_key_file(&self, identity: &Identity) -> Result<(), IdentityStoreError> {
        let mut text = Zeroizing::new(STANDARD.encode(&identity.secret_bytes()[..]));
        text.push('\n');
        write_atomically(&self.key_file(), text.as_bytes())
    }

    /// The key file of an identity now in the keyring: no copy of a secret
    /// lingers on disk.
    fn remove_key_file(&self) -> Result<(), IdentityStoreError> {
        let path = self.key_file();
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(io("removing", &path, source)),
        }
    }

    fn create_dir(&self) -> Result<(), IdentityStoreError> {
        fs::create_dir_all(&self.data_dir).map_err(|e| io("creating", &self.data_dir, e))
    }
}

/// An identity being loaded on its own thread.
pub struct PendingLoad(
    crossbeam_channel::Receiver<Result<(Identity, KeyHome), IdentityStoreError>>,
);

impl PendingLoad {
    /// The identity, waiting at most `timeout`; past that the thread is
    /// left to finish on its own (what it makes is loaded next time).
    pub fn wait(self, timeout: Duration) -> Result<(Identity, KeyHome), IdentityStoreError> {
        self.0
            .recv_timeout(timeout)
            .unwrap_or(Err(IdentityStoreError::TimedOut(timeout.as_secs())))
    }
}

enum KeyringWrite {
    /// No keyring here (or none tried): the key file instead.
    Unavailable,
    /// A keyring that refused (locked, failing): not silently elsewhere.
    Failed(KeyringError),
}

fn identity_from_base64(text: &str) -> Option<Identity> {
    let bytes = Zeroizing::new(decode_exact::<SECRET_LEN>(text)?);
    Some(Identity::from_secret_bytes(&bytes))
}

fn io(what: &'static str, path: &Path, source: std::io::Error) -> IdentityStoreError {
    IdentityStoreError::Io {
        what,
        path: path.to_owned(),
        source,
    }
}

/// Writes `bytes` to a new file beside `path` (readable by its owner only),
/// then renames it over `path`: a crash leaves the old file or the new one,
/// never half of either.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IdentityStoreError> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("identity"),
        uuid::Uuid::new_v4().simple()
    ));
    let written = owner_only_file(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(source) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(io("writing", path, source));
    }
    // The rename itself survives a power cut once the directory is synced.
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn owner_only_file(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn owner_only_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(test)]
mod tests;
