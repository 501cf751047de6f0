//! The window: a thin egui layer over `core`. Each file draws one part;
//! `app` owns the state and talks to the network worker over channels.

mod add_field;
mod app;
mod appearance_section;
mod close_guard;
mod compose_box;
mod diagnostics;
mod discover;
mod file_job;
mod filtered_view;
mod flood_lines;
pub mod fonts;
mod frame_pacer;
mod hashtags_panel;
mod host_broker;
mod host_lock_form;
pub mod i18n;
mod icons;
mod identity_window;
mod language_picker;
mod messages;
mod muted_settings;
mod notices;
mod online_list;
mod passwords;
mod people;
mod people_panel;
mod person_card;
mod profile_form;
mod reaction_buttons;
mod row_heights;
mod settings_dialog;
mod settings_transfer;
mod shortcut_sheet;
mod shortcuts;
mod spoken;
mod status;
mod style;
mod timeline_selection;
mod timeline_view;
mod top_bar;
mod trust_badge;
mod tweet_label;
mod tweet_links;
mod tweet_menu;
mod tweet_text;
mod tweet_time;
mod welcome;

pub use app::ChirpApp;
pub use notices::Notice;
pub use passwords::Passwords;

use std::path::Path;
use std::sync::Arc;

use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::net::{self, ConnectionConfig, Secret, StorageLocation};
use crate::core::connection::profile::{PasswordPlace, Profile};
use crate::core::desktop::identity_store::{
    IdentityStore, IdentityStoreError, KeyHome, PendingLoad,
};
use crate::core::desktop::instance::{InstanceLock, secondary_client_id};
use crate::core::desktop::keyring::{Keyring, KeyringError};
use crate::core::desktop::keyring_thread::KeyringThread;
use crate::core::desktop::notifier::Notifier;
use crate::core::desktop::settings::{Settings, SettingsError, SettingsWriter};
use crate::core::protocol::deferred::Verification;
use crate::core::protocol::identity::Identity;
use crate::core::social::profile::About;
use frame_pacer::FramePacer;

const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");
/// How long startup waits for the keyring (it may be asking the user to
/// unlock it); after that Chirp opens and asks for the password instead.
const KEYRING_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens the window and runs until it is closed. `broker_override` (from
/// `--broker`) is used for this run only and not saved.
/// The window's connection: signed, with the profile's about, checking
/// the signatures of the tweets it shows (it shows a few of many).
fn window_config(
    profile: &Profile,
    settings: &Settings,
    password: Option<Secret>,
    identity: Option<Arc<Identity>>,
) -> ConnectionConfig {
    let about = About {
        display_name: settings.display_name.clone(),
        bio: settings.bio.clone(),
    };
    profile
        .connection_config(&settings.client_id, password)
        .signed_by(identity)
        .with_about(about)
        .with_verification(Verification::WhenShown)
}

pub fn run(broker_override: Option<BrokerAddress>) -> anyhow::Result<()> {
    let settings_path = Settings::default_path()?;
    let (settings, settings_notice) = load_settings(&settings_path);
    let mut notices: Vec<Notice> = settings_notice.into_iter().collect();
    let data_dir = data_dir()?;
    let instance = match InstanceLock::acquire(&data_dir) {
        Ok(lock) => lock,
        Err(e) => {
            notices.push(Notice::tr_args(
                "notice-not-locked",
                &[
                    ("path", data_dir.display().to_string().into()),
                    ("error", e.to_string().into()),
                ],
            ));
            InstanceLock::Secondary
        }
    };
    let profile = settings.active();
    let started = std::time::Instant::now();
    let pending_identity = IdentityStore::new(&data_dir, Some(Keyring::default())).spawn_load();
    let (passwords, password) = startup_password(&profile, &mut notices);
    let (identity, key_home) = startup_identity(
        pending_identity,
        KEYRING_WAIT.saturating_sub(started.elapsed()),
        &mut notices,
    );
    let mut config = window_config(&profile, &settings, password, identity.clone());
    if let Some(broker) = broker_override {
        config.broker = broker;
    }
    if instance.is_primary() {
        config = config
            .with_persistent_session(true)
            .with_presence(app::presence_name(&settings.username));
    } else {
        notices.push(Notice::tr("notice-second-window"));
        config.client_id = secondary_client_id(&settings.client_id);
    }
    let startup = Startup {
        settings,
        settings_path,
        config,
        passwords,
        instance,
        data_dir,
        notices,
        identity,
        key_home,
    };
    eframe::run_native(
        "Chirp",
        native_options(),
        Box::new(move |cc| Ok(Box::new(startup.open(cc)?))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

fn native_options() -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Chirp")
        .with_app_id("chirp")
        .with_inner_size([1180.0, 760.0])
        .with_min_inner_size([640.0, 420.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => tracing::warn!(error = %e, "app icon unreadable"),
    }
    eframe::NativeOptions {
        viewport,
        // Only a build with the `wgpu` feature (for comparing renderers) draws
        // with wgpu; glow is the default renderer (BENCHMARKS.md says why).
        #[cfg(feature = "wgpu")]
        renderer: eframe::Renderer::Wgpu,
        ..Default::default()
    }
}

/// What `run` settled before the window opens; the threads that wake the
/// window start once it exists.
struct Startup {
    settings: Settings,
    settings_path: std::path::PathBuf,
    config: ConnectionConfig,
    passwords: Passwords,
    instance: InstanceLock,
    data_dir: std::path::PathBuf,
    notices: Vec<Notice>,
    /// What tweets and presence are signed with (None: unsigned this run).
    identity: Option<Arc<Identity>>,
    /// Where it is kept.
    key_home: Option<KeyHome>,
}

impl Startup {
    fn open(self, cc: &eframe::CreationContext<'_>) -> std::io::Result<ChirpApp> {
        style::apply(&cc.egui_ctx);
        fonts::install_for_window(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let storage = if self.instance.is_primary() {
            StorageLocation::File(self.data_dir.join("history.sqlite3"))
        } else {
            StorageLocation::Memory
        };
        let settings = self.settings;
        let options = net::WorkerOptions::new(self.config.clone())
            .stored_at(storage, settings.timeline_limit)
            .following(settings.followed_tags().map(str::to_owned).collect())
            .following_people(settings.followed_people().map(str::to_owned).collect());
        let pacer = FramePacer::default();
        let (link, worker) = net::spawn(options, pacer.waker(ctx))?;
        let (notice_tx, notice_rx) = crossbeam_channel::unbounded();
        let writer = SettingsWriter::spawn(self.settings_path, move |e| {
            tracing::error!(error = %e, "settings not saved");
            let _ = notice_tx.send(e.clone());
        });
        let mut app = ChirpApp::new(settings, link, self.config)
            .with_system_language(i18n::system_language())
            .with_passwords(self.passwords)
            .with_worker(worker)
            .with_frame_pacer(pacer)
            .with_notifier(Notifier::spawn(None))
            .with_settings_writer(writer, notice_rx)
            .with_instance_lock(self.instance)
            .with_identity(self.identity)
            .with_identity_store(
                IdentityStore::new(&self.data_dir, Some(Keyring::default())),
                self.key_home,
            );
        for notice in self.notices {
            app.add_notice(notice);
        }
        Ok(app)
    }
}

/// The keyring, and the password of the profile in use: fetched before the
/// window opens (waiting at most `KEYRING_WAIT`) so the first connection
/// has it. The keyring's thread wakes nothing until the window exists; the
/// app looks at its answers every frame.
fn startup_password(profile: &Profile, notices: &mut Vec<Notice>) -> (Passwords, Option<Secret>) {
    let keyring = KeyringThread::spawn(Keyring::default(), || {});
    let mut missing = None;
    let password = match profile.password_place {
        _ if profile.login.is_empty() => None,
        PasswordPlace::Nowhere => None,
        PasswordPlace::SettingsFile => profile.saved_password.clone(),
        PasswordPlace::Keyring => {
            match keyring.load_within(&profile.keyring_account(), KEYRING_WAIT) {
                Ok(password) => password,
                Err(e) => {
                    notices.push(Notice::tr_args(
                        "password-unreadable",
                        &[
                            ("account", profile.name.clone().into()),
                            ("error", e.to_string().into()),
                        ],
                    ));
                    missing = Some(e).filter(KeyringError::is_unavailable);
                    None
                }
            }
        }
    };
    let mut passwords = Passwords::new(keyring);
    if let Some(reason) = missing {
        passwords.keyring_missing(reason);
    }
    if let Some(password) = &password {
        passwords.remember(profile.keyring_account(), password.clone());
    }
    (passwords, password)
}

/// The identity of the data directory, loaded (or made, on the first start)
/// while the password is, within what is left of `KEYRING_WAIT`. Without
/// it Chirp runs unsigned and says why.
fn startup_identity(
    pending: Result<PendingLoad, IdentityStoreError>,
    wait: std::time::Duration,
    notices: &mut Vec<Notice>,
) -> (Option<Arc<Identity>>, Option<KeyHome>) {
    match pending.and_then(|pending| pending.wait(wait)) {
        Ok((identity, home)) => {
            tracing::info!(fingerprint = %identity.fingerprint(), ?home, "identity loaded");
            (Some(Arc::new(identity)), Some(home))
        }
        Err(e) => {
            tracing::warn!(error = %e, "running without an identity");
            notices.push(Notice::tr_args(
                "notice-no-identity",
                &[("error", e.to_string().into())],
            ));
            (None, None)
        }
    }
}

/// Where history, unsent tweets and the instance lock live
/// (`~/.local/share/chirp` on Linux, honouring `XDG_DATA_HOME`).
fn data_dir() -> anyhow::Result<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "chirp")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or_else(|| anyhow::anyhow!("no home directory to keep history in"))
}

/// Loads settings. An unreadable file never stops the app: it is moved
/// aside (not deleted) and the defaults are used, with a notice saying so.
fn load_settings(path: &Path) -> (Settings, Option<Notice>) {
    match Settings::load(path) {
        Ok(settings) => (settings, None),
        Err(error @ SettingsError::Parse { .. }) => {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
            let aside = path.with_extension(format!("json.corrupt-{stamp}"));
            let moved = std::fs::rename(path, &aside);
            let mut settings = Settings::default();
            settings.ensure_client_id();
            let error = error.to_string().into();
            let notice = match moved {
                Ok(()) => Notice::tr_args(
                    "notice-settings-moved-aside",
                    &[
                        ("error", error),
                        ("path", aside.display().to_string().into()),
                    ],
                ),
                Err(e) => Notice::tr_args(
                    "notice-settings-not-moved",
                    &[("error", error), ("reason", e.to_string().into())],
                ),
            };
            (settings, Some(notice))
        }
        Err(error) => {
            let mut settings = Settings::default();
            settings.ensure_client_id();
            let error = error.to_string().into();
            let notice = Notice::tr_args("notice-settings-defaults", &[("error", error)]);
            (settings, Some(notice))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_settings_file_is_moved_aside_and_defaults_are_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("settings.json");
        std::fs::write(&path, b"{\"username\": \"al").expect("write");
        let (settings, notice) = load_settings(&path);
        assert_eq!(settings.username, "");
        assert!(!settings.client_id.is_empty());
        let notice = notice.expect("the user is told");
        let english = i18n::Translations::new(i18n::Language::English);
        let notice = notice.text(&english);
        assert!(notice.contains("moved to"), "{notice}");
        assert!(!path.exists(), "nothing is left to be silently overwritten");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).expect("read"),
            b"{\"username\": \"al"
        );
    }
}
