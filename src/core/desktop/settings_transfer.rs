//! Settings travel: the connection profiles, hashtags, people, mutes and
//! appearance as one JSON file, to take to another computer and merge
//! there (see `merge`). The file never holds a password or a key: a
//! profile says only whether its login asks for one, typed again on the
//! other side. Nor what belongs to this computer alone: the client id,
//! a CA file's path, the settings file's revision.

mod appearance;
mod change;
mod merge;
mod profiles;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::settings::{FollowedHashtag, FollowedPerson, Settings};
use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::net::Qos;
use crate::core::connection::profile::Profile;
use crate::core::social::mutes::MuteList;

pub use appearance::{Appearance, appearance_of};
pub use change::{Change, Merge, Skipped};
pub use merge::{MAX_HASHTAGS, merge, preview};
pub use profiles::MAX_PROFILES;

/// The version of the file's shape, in its `chirp_settings` field.
pub const FORMAT_VERSION: u64 = 1;
/// The largest file read: thousands of hashtags and mutes fit in far less,
/// and anything bigger is not an export (and is not read into memory).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The whole file. Missing parts are empty, so a hand-written file with
/// only `hashtags` imports those.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsExport {
    /// The format's version ([`FORMAT_VERSION`]); what says it is ours.
    pub chirp_settings: u64,
    pub profiles: Vec<ExportedProfile>,
    pub hashtags: Vec<FollowedHashtag>,
    pub people: Vec<FollowedPerson>,
    pub mutes: MuteList,
    pub appearance: Appearance,
}

/// A connection profile without its secrets or this computer's details.
/// The broker and topic root are plain text, checked on import, so a
/// person can read and edit the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportedProfile {
    pub name: String,
    /// A URL: `mqtts://broker.example.org:8883`.
    pub broker: String,
    pub login: String,
    /// The login asks for a password (never written here): the keyring
    /// of the other computer is asked for it, or the person types it.
    pub asks_password: bool,
    pub topic_root: String,
    pub qos: Qos,
    pub keep_alive_secs: u16,
    pub accept_invalid_certs: bool,
}

impl Default for ExportedProfile {
    fn default() -> Self {
        Self::of(&Profile::default())
    }
}

impl ExportedProfile {
    pub fn of(profile: &Profile) -> Self {
        Self {
            name: profile.name.clone(),
            broker: profile.broker.to_string(),
            login: profile.login.clone(),
            asks_password: profile.needs_password(),
            topic_root: profile.topic_root.as_str().to_owned(),
            qos: profile.qos,
            keep_alive_secs: profile.keep_alive_secs,
            accept_invalid_certs: profile.tls.accept_invalid_certs,
        }
    }

    /// The broker, if the URL is one.
    fn broker_address(&self) -> Result<BrokerAddress, String> {
        BrokerAddress::parse(&self.broker).map_err(|e| e.to_string())
    }
}

/// Why a file could not be exported or imported; shown as it is.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is over {} KiB: too large to be Chirp settings", MAX_FILE_BYTES / 1024)]
    TooLarge { path: PathBuf },
    #[error("not a JSON file ({0})")]
    NotJson(serde_json::Error),
    #[error("not Chirp settings: it has no \"chirp_settings\" version")]
    NotChirpSettings,
    #[error(
        "made by a newer Chirp (settings format {found}, this one reads {FORMAT_VERSION}): \
         update Chirp to import it"
    )]
    NewerFormat { found: u64 },
    #[error("not valid Chirp settings: {0}")]
    Invalid(serde_json::Error),
}

/// What `settings` exports.
pub fn export_of(settings: &Settings) -> SettingsExport {
    SettingsExport {
        chirp_settings: FORMAT_VERSION,
        profiles: settings.profiles.iter().map(ExportedProfile::of).collect(),
        hashtags: settings.hashtags.clone(),
        people: settings.people.clone(),
        mutes: settings.mutes.clone(),
        appearance: appearance_of(settings),
    }
}

/// `export` as the file's text (pretty, for people to read).
pub fn to_json(export: &SettingsExport) -> serde_json::Result<String> {
    let mut json = serde_json::to_string_pretty(export)?;
    json.push('\n');
    Ok(json)
}

/// Writes `export` to `path`, replacing what is there.
pub fn write_export(export: &SettingsExport, path: &Path) -> Result<(), TransferError> {
    let write_err = |source| TransferError::Write {
        path: path.to_owned(),
        source,
    };
    let json = to_json(export).map_err(|e| write_err(std::io::Error::other(e)))?;
    std::fs::write(path, json).map_err(write_err)
}

/// Reads an export from `path`: at most [`MAX_FILE_BYTES`] of it.
pub fn read_export(path: &Path) -> Result<SettingsExport, TransferError> {
    let read_err = |source| TransferError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    // One byte past the bound tells a file that is too large.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(TransferError::TooLarge {
            path: path.to_owned(),
        });
    }
    parse(&bytes)
}

/// An export from a file's bytes: JSON, ours, a version this Chirp reads.
pub fn parse(bytes: &[u8]) -> Result<SettingsExport, TransferError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(TransferError::NotJson)?;
    // The version first: a newer format may not fit this one's shape.
    let version = value
        .get("chirp_settings")
        .and_then(serde_json::Value::as_u64)
        .filter(|&version| version > 0)
        .ok_or(TransferError::NotChirpSettings)?;
    if version > FORMAT_VERSION {
        return Err(TransferError::NewerFormat { found: version });
    }
    serde_json::from_value(value).map_err(TransferError::Invalid)
}

#[cfg(test)]
mod tests;
