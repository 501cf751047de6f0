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
use crate::ui::notices::Notice;

/// What a finished action came to.
pub enum IdentityOutcome {
    Exported(Notice),
    /// Imported or made anew, and saved: sign with it from now on.
    Replaced {
        identity: Box<Identity>,
        home: KeyHome,
        /// The key of what to tell ("identity-report-imported").
        how: &'static str,
    },
    Failed(Notice),
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
            let _ = self.tx.send(failed("identity-report-not-started", e));
        }
    }
}

impl ChirpApp {
    pub(super) fn identity_window_ui(&mut self, ctx: &egui::Context) {
        self.drain_identity_jobs();
        let shown = Shown {
            key: self.services.identity.as_ref().map(|i| i.author_key()),
            home: self.services.identity_jobs.home.as_ref(),
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
                        .report(Err(Notice::tr("identity-report-nothing-to-export")));
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
                    "identity-report-created",
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
            .report(Ok(Notice::tr("identity-report-profile-saved")));
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
                    let fingerprint = fingerprint.to_string().into();
                    Ok(Notice::tr_args(how, &[("fingerprint", fingerprint)]))
                }
            };
            self.windows.identity.report(report);
        }
    }
}

fn export(identity: &Identity, path: &str, passphrase: &Secret) -> IdentityOutcome {
    let file = match identity_file::export(identity, passphrase.expose()) {
        Ok(file) => file,
        Err(e) => return failed("identity-report-not-exported", e),
    };
    match write_private(std::path::Path::new(path), &file) {
        Ok(()) => IdentityOutcome::Exported(Notice::tr_args(
            "identity-report-exported",
            &[("path", path.to_owned().into())],
        )),
        Err(e) => failed("identity-report-not-exported", format!("{path}: {e}")),
    }
}

fn import(store: Option<&IdentityStore>, path: &str, passphrase: &Secret) -> IdentityOutcome {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return failed("identity-report-not-read", format!("{path}: {e}")),
    };
    match identity_file::import(&text, passphrase.expose()) {
        Ok(identity) => replace(store, identity, "identity-report-imported"),
        // Nothing was changed: the identity in use stays.
        Err(e) => failed("identity-report-not-imported", e),
    }
}

fn replace(
    store: Option<&IdentityStore>,
    identity: Identity,
    how: &'static str,
) -> IdentityOutcome {
    let Some(store) = store else {
        return IdentityOutcome::Failed(Notice::tr("identity-report-no-store"));
    };
    match store.replace(&identity) {
        Ok(home) => IdentityOutcome::Replaced {
            identity: Box::new(identity),
            home,
            how,
        },
        Err(e) => failed("identity-report-not-replaced", e),
    }
}

/// A failure told with its reason (core's error text, English for now).
fn failed(key: &'static str, reason: impl std::fmt::Display) -> IdentityOutcome {
    IdentityOutcome::Failed(Notice::tr_args(
        key,
        &[("error", reason.to_string().into())],
    ))
}
