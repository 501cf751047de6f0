//! What Chirp remembers between runs, and where: `settings.json` in the
//! platform's config directory, written atomically off the UI thread.
//!
//! Two windows (one per profile) can have the same file open. So that one
//! never silently writes over what the other saved, the file carries a
//! `revision` that every write by a [`SettingsWriter`] increments. The
//! writer remembers the revision it last read or wrote; when the file on
//! disk has moved past that, another window wrote it since, and the write
//! is refused with [`SettingsError::ChangedElsewhere`] (shown as a notice)
//! instead of clobbering the newer settings. Refusing rather than merging
//! keeps the rule simple: nothing a window saved is ever lost, and the
//! window that lost the race is told to reload. Between the check and the
//! rename there is a window of microseconds in which a second process could
//! still slip in; settings change at the speed of clicks, so that is
//! accepted rather than adding a cross-process lock.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::profile::Profile;
use crate::core::model::timeline::DEFAULT_TIMELINE_LIMIT;
use crate::core::social::compose::PostFormat;
use crate::core::social::flood_guard::DEFAULT_FLOOD_RATE;
use crate::core::social::mutes::MuteList;

pub use super::appearance::Appearance;
pub use super::followed_person::FollowedPerson;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowedHashtag {
    pub tag: String,
    pub followed: bool,
}

impl Default for FollowedHashtag {
    fn default() -> Self {
        Self {
            tag: String::new(),
            followed: true,
        }
    }
}

/// Unknown fields are ignored and missing ones take their defaults, so a
/// settings file from an older or newer Chirp still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub username: String,
    /// The brokers the user can switch between; never empty once loaded.
    pub profiles: Vec<Profile>,
    /// The name of the profile in use.
    pub active_profile: String,
    /// Chirp 0.1 kept one broker here; it becomes a profile on load.
    #[serde(rename = "broker", skip_serializing)]
    pub legacy_broker: Option<BrokerAddress>,
    pub hashtags: Vec<FollowedHashtag>,
    /// People followed (ticked) or kept in the People list.
    pub people: Vec<FollowedPerson>,
    /// The hashtag picked in the compose box.
    pub compose_tag: Option<String>,
    /// Publish `<user>: <text>` instead of JSON, for classic subscribers.
    pub classic_format: bool,
    /// Random per install and kept, so two people never collide on the
    /// broker and a restart is recognised as the same client.
    pub client_id: String,
    pub timeline_limit: usize,
    /// Publish tweets retained, so the broker keeps each hashtag's newest
    /// for whoever follows it next.
    pub retain_latest: bool,
    /// A desktop notification for a mention or a direct message that
    /// arrives while the window is not focused.
    pub notify_in_background: bool,
    /// The display name and bio of the signed profile (public; the keys
    /// themselves are never here).
    pub display_name: String,
    pub bio: String,
    /// People, words and hashtags muted (each bounded by `mutes::MUTE_LIMIT`).
    pub mutes: MuteList,
    /// Tweets a minute from one author before the rest are collapsed (0: off).
    pub flood_rate: u32,
    pub appearance: Appearance,
    /// The window's language code ("en", "de"); None follows the system.
    pub language: Option<String>,
    /// The first-run welcome was done or skipped (see `first_run`).
    pub welcomed: bool,
    /// Incremented by every [`SettingsWriter`] write; how a writer notices
    /// that another window saved the file since (see the module comment).
    pub revision: u64,
}

impl Default for Settings {
    fn default() -> Self {
        let profiles = Profile::presets();
        Self {
            username: String::new(),
            active_profile: profiles[0].name.clone(),
            profiles,
            legacy_broker: None,
            hashtags: ["chirp", "mqtt", "rust"]
                .into_iter()
                .map(|tag| FollowedHashtag {
                    tag: tag.to_owned(),
                    followed: tag == "chirp",
                })
                .collect(),
            people: Vec::new(),
            compose_tag: Some("chirp".to_owned()),
            classic_format: false,
            client_id: String::new(),
            timeline_limit: DEFAULT_TIMELINE_LIMIT,
            retain_latest: true,
            notify_in_background: true,
            display_name: String::new(),
            bio: String::new(),
            mutes: MuteList::default(),
            flood_rate: DEFAULT_FLOOD_RATE,
            appearance: Appearance::default(),
            language: None,
            welcomed: false,
            revision: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("no home directory to keep settings in")]
    NoConfigDir,
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid settings: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("writing {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "they were changed by another Chirp window since this one read them; \
         restart Chirp to load them, then make this change again"
    )]
    ChangedElsewhere { path: PathBuf },
}

impl Settings {
    /// `settings.json` in the platform's config directory
    /// (`~/.config/chirp` on Linux, honouring `XDG_CONFIG_HOME`).
    pub fn default_path() -> Result<PathBuf, SettingsError> {
        directories::ProjectDirs::from("", "", "chirp")
            .map(|dirs| dirs.config_dir().join("settings.json"))
            .ok_or(SettingsError::NoConfigDir)
    }

    /// Loads settings; a missing file gives the defaults. A client id is
    /// made up when there is none yet (the caller saves it).
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        match fs::read(path) {
            Ok(bytes) => Settings::from_json(&bytes).map_err(|source| SettingsError::Parse {
                path: path.to_owned(),
                source,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut settings = Settings::default();
                settings.ensure_client_id();
                settings.ensure_profiles();
                Ok(settings)
            }
            Err(source) => Err(SettingsError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Settings from the bytes of a settings file, completed as `load`
    /// does (the fuzz target `settings_json` feeds it anything).
    pub fn from_json(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        let mut settings: Settings = serde_json::from_slice(bytes)?;
        settings.ensure_client_id();
        settings.ensure_profiles();
        Ok(settings)
    }

    /// Makes sure there is a profile in use: Chirp 0.1's single broker
    /// becomes one (with the presets beside it), and an unknown active
    /// name falls back to the first profile.
    pub fn ensure_profiles(&mut self) {
        if let Some(broker) = self.legacy_broker.take() {
            match self.profiles.iter().find(|p| p.broker == broker) {
                Some(known) => self.active_profile = known.name.clone(),
                None => {
                    let name = broker.label();
                    self.profiles.retain(|p| p.name != name);
                    self.profiles.insert(0, Profile::new(name.clone(), broker));
                    self.active_profile = name;
                }
            }
        }
        if self.profiles.is_empty() {
            self.profiles = Profile::presets();
        }
        if !self.profiles.iter().any(|p| p.name == self.active_profile) {
            self.active_profile = self.profiles[0].name.clone();
        }
    }

    /// The profile in use (the first when the name is unknown).
    pub fn active(&self) -> Profile {
        self.profiles
            .iter()
            .find(|p| p.name == self.active_profile)
            .or(self.profiles.first())
            .cloned()
            .unwrap_or_default()
    }

    pub fn ensure_client_id(&mut self) {
        if self.client_id.is_empty() {
            self.client_id = format!("chirp-{:016x}", fastrand::u64(..));
        }
    }

    /// Writes to a uniquely named temporary file beside the target, flushes
    /// it, renames it over the target and flushes the directory, so neither
    /// a crash mid-write nor a power cut leaves half a settings file (or
    /// the old one back after the rename seemed done).
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let write_err = |source| SettingsError::Write {
            path: path.to_owned(),
            source,
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir).map_err(write_err)?;
        let json =
            serde_json::to_vec_pretty(self).map_err(|e| write_err(std::io::Error::other(e)))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
        tmp.write_all(&json).map_err(write_err)?;
        tmp.as_file().sync_all().map_err(write_err)?;
        // On failure the temporary file is removed when `e.file` drops.
        tmp.persist(path).map_err(|e| write_err(e.error))?;
        sync_dir(dir).map_err(write_err)
    }

    /// How tweets are written, as the classic format option says.
    pub fn post_format(&self) -> PostFormat {
        if self.classic_format {
            PostFormat::Classic
        } else {
            PostFormat::Json
        }
    }

    pub fn followed_tags(&self) -> impl Iterator<Item = &str> {
        self.hashtags
            .iter()
            .filter(|h| h.followed)
            .map(|h| h.tag.as_str())
    }

    pub fn followed_people(&self) -> impl Iterator<Item = &str> {
        super::followed_person::followed_people(&self.people)
    }
}

/// Makes a rename in `dir` durable: the directory entry is flushed too.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Windows has no way to open a directory for flushing; its renames are
/// journaled by NTFS.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Only the revision of a settings file, read without the rest (so a file
/// from a newer Chirp, with fields this one can't read, still answers).
#[derive(Deserialize, Default)]
#[serde(default)]
struct RevisionOnly {
    revision: u64,
}

/// One writer's view of the settings file: the revision it last read or
/// wrote, to tell its own writes from another window's.
#[derive(Debug)]
struct SettingsFile {
    path: PathBuf,
    /// `None` until the first write: then the revision the settings were
    /// loaded with stands in.
    known_revision: Option<u64>,
    /// The revision on disk last reported as changed elsewhere, so a
    /// conflict is told once, not at every later click.
    reported_revision: Option<u64>,
}

impl SettingsFile {
    fn new(path: PathBuf) -> Self {
        Self {
            path,
            known_revision: None,
            reported_revision: None,
        }
    }

    /// The revision in the file now; 0 for a missing file or one without
    /// a readable revision (it is then written over, as before revisions).
    fn revision_on_disk(&self) -> Result<u64, SettingsError> {
        match fs::read(&self.path) {
            Ok(bytes) => Ok(serde_json::from_slice::<RevisionOnly>(&bytes)
                .unwrap_or_default()
                .revision),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(source) => Err(SettingsError::Read {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Writes `settings` as the next revision, unless another window wrote
    /// the file since this one last read or wrote it. `Ok(false)`: refused
    /// again for a conflict already reported.
    fn write(&mut self, mut settings: Settings) -> Result<bool, SettingsError> {
        let known = *self.known_revision.get_or_insert(settings.revision);
        let on_disk = self.revision_on_disk()?;
        if on_disk > known {
            if self.reported_revision == Some(on_disk) {
                return Ok(false);
            }
            self.reported_revision = Some(on_disk);
            return Err(SettingsError::ChangedElsewhere {
                path: self.path.clone(),
            });
        }
        settings.revision = known + 1;
        settings.save(&self.path)?;
        self.known_revision = Some(settings.revision);
        Ok(true)
    }
}

/// Saves settings on a background thread; the UI hands it copies and never
/// waits on the disk. Only the newest copy of a burst is written, and never
/// over a newer file from another window (see the module comment).
pub struct SettingsWriter {
    sender: Option<crossbeam_channel::Sender<Settings>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SettingsWriter {
    /// `on_error` is called on the writer thread with a message for the user.
    pub fn spawn(path: PathBuf, on_error: impl Fn(String) + Send + 'static) -> Self {
        let (sender, receiver) = crossbeam_channel::unbounded::<Settings>();
        let thread = std::thread::Builder::new()
            .name("settings-writer".into())
            .spawn(move || {
                let mut file = SettingsFile::new(path);
                while let Ok(mut latest) = receiver.recv() {
                    while let Ok(newer) = receiver.try_recv() {
                        latest = newer;
                    }
                    if let Err(e) = file.write(latest) {
                        on_error(e.to_string());
                    }
                }
            })
            .ok();
        Self {
            sender: Some(sender),
            thread,
        }
    }

    pub fn save(&self, settings: Settings) {
        if let Some(sender) = &self.sender {
            // The writer only stops when this is dropped.
            let _ = sender.send(settings);
        }
    }
}

impl Drop for SettingsWriter {
    /// Waits for the last write, so closing the window never loses a change.
    fn drop(&mut self) {
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests;
