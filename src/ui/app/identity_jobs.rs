//! Settings → Identity, run: the window's actions (export, import, a new
//! identity, the profile text) done on a short-lived thread each, since
//! Argon2 takes a good part of a second and the keyring may wait on an
//! unlock prompt; their outcomes drained each frame.

use std::sync::Arc;

use super::ChirpApp;
use crate::core::connection::net::NetCommand;
use crate::core::desktop::identity_store::{IdentityStore, KeyHome};
use crate::core::desktop::private_file::write_private;
use crate::core::model::secret::Secret;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::identity_file;
use crate::core::social::profile::About;
use crate::ui::identity_window::{IdentityAction, Shown};

/// What a finished action came to.
pub enum IdentityOutcome {
    Exported(String),
    /// Imported or made anew, and saved: sign with it from now on.
    Replaced {
        identity: Box<Identity>,
        home: KeyHome,
        how: &'static str,
    },
    Failed(String),
}

/// Where the identity is kept, and the actions under way.
pub struct IdentityJobs {
    store: Option<IdentityStore>,
    pub home: Option<KeyHome>,
    tx: crossbeam_channel::Sender<IdentityOutcome>,
    rx: crossbeam_channel::Receiver<IdentityOutcome>,
}

impl Default for IdentityJobs {
    fn default() -> Self {
        let (tx, rx) = crossbeam_channel::unbounded();
        Self {
            store: None,
            home: None,
            tx,
            rx,
        }
    }
}

impl IdentityJobs {
    pub fn new(store: IdentityStore, home: Option<KeyHome>) -> Self {
        Self {
            store: Some(store),
            home,
            ..Self::default()
        }
    }

    /// Runs `job` on a thread of its own; its outcome comes back next frames.
    fn run(&self, job: impl FnOnce() -> IdentityOutcome + Send + 'static) {
        let tx = self.tx.clone();
        let spawned = std::thread::Builder::new()
            .name("identity".into())
            .spawn(move || {
                let _ = tx.send(job());
            });
        if let Err(e) = spawned {
            let _ = self
                .tx
                .send(IdentityOutcome::Failed(format!("could not start: {e}")));
        }
    }
}

impl ChirpApp {
    pub(super) fn identity_window_ui(&mut self, ctx: &egui::Context) {
        self.drain_identity_jobs();
        let home = match &self.services.identity_jobs.home {
            Some(KeyHome::Keyring) => "the desktop keyring".to_owned(),
            Some(KeyHome::File(path)) => format!("{} (readable by you only)", path.display()),
            None => "nowhere yet".to_owned(),
        };
        let shown = Shown {
            key: self.services.identity.as_ref().map(|i| i.author_key()),
            home: &home,
        };
        if let Some(action) = self.windows.identity.ui(ctx, shown) {
            self.start_identity_action(action);
        }
    }

    fn start_identity_action(&mut self, action: IdentityAction) {
        let jobs = &self.services.identity_jobs;
        let store = jobs.store.clone();
        match action {
            IdentityAction::SaveAbout(about) => self.save_about(about),
            IdentityAction::Export { path, passphrase } => {
                let Some(identity) = self.services.identity.clone() else {
                    return self
                        .windows
                        .identity
                        .report(Err("no identity to export".into()));
                };
                jobs.run(move || export(&identity, &path, &passphrase));
            }
            IdentityAction::Import { path, passphrase } => {
                jobs.run(move || import(store.as_ref(), &path, &passphrase));
            }
            IdentityAction::CreateNew => jobs.run(move || {
                replace(
                    store.as_ref(),
                    Identity::generate(),
                    "A new identity is in use",
                )
            }),
        }
    }

    /// The display name and bio: saved, and published with the profile
    /// (signed) from the next connection, which starts now.
    fn save_about(&mut self, about: About) {
        self.settings.display_name.clone_from(&about.display_name);
        self.settings.bio.clone_from(&about.bio);
        self.services.save(&self.settings);
        let config = self.connection.config.clone().with_about(about);
        if self.connection.adopt(config.clone()) {
            self.services.net.send(NetCommand::Reconfigure(config));
        }
        self.windows
            .identity
            .report(Ok("Profile saved and published.".into()));
    }

    fn drain_identity_jobs(&mut self) {
        while let Ok(outcome) = self.services.identity_jobs.rx.try_recv() {
            let report = match outcome {
                IdentityOutcome::Exported(done) => Ok(done),
                IdentityOutcome::Failed(why) => Err(why),
                IdentityOutcome::Replaced {
                    identity,
                    home,
                    how,
                } => {
                    let fingerprint = identity.fingerprint();
                    self.services.identity_jobs.home = Some(home);
                    self.set_identity(Some(Arc::new(*identity)));
                    Ok(format!("{how}: fingerprint {fingerprint}."))
                }
            };
            self.windows.identity.report(report);
        }
    }
}

fn export(identity: &Identity, path: &str, passphrase: &Secret) -> IdentityOutcome {
    let file = match identity_file::export(identity, passphrase.expose()) {
        Ok(file) => file,
        Err(e) => return IdentityOutcome::Failed(format!("Not exported: {e}")),
    };
    match write_private(std::path::Path::new(path), &file) {
        Ok(()) => IdentityOutcome::Exported(format!("Exported to {path}.")),
        Err(e) => IdentityOutcome::Failed(format!("Not exported: {path}: {e}")),
    }
}

fn import(store: Option<&IdentityStore>, path: &str, passphrase: &Secret) -> IdentityOutcome {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return IdentityOutcome::Failed(format!("Not imported: {path}: {e}")),
    };
    match identity_file::import(&text, passphrase.expose()) {
        Ok(identity) => replace(store, identity, "Imported"),
        // Nothing was changed: the identity in use stays.
        Err(e) => IdentityOutcome::Failed(format!("Not imported, nothing changed: {e}")),
    }
}

fn replace(
    store: Option<&IdentityStore>,
    identity: Identity,
    how: &'static str,
) -> IdentityOutcome {
    let Some(store) = store else {
        return IdentityOutcome::Failed(
            "This window keeps no identity (no data directory).".into(),
        );
    };
    match store.replace(&identity) {
        Ok(home) => IdentityOutcome::Replaced {
            identity: Box::new(identity),
            home,
            how,
        },
        Err(e) => IdentityOutcome::Failed(format!("Not replaced, nothing changed: {e}")),
    }
}
