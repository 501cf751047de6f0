//! The threads and handles the app talks to: the network link and its
//! worker, the settings writer, the desktop notifier, the keyring, and the
//! lock that makes this window the profile's owner.

use std::sync::Arc;

use crate::core::connection::net::{NetLink, WorkerThread};
use crate::core::desktop::instance::InstanceLock;
use crate::core::desktop::notifier::{Notification, Notifier};
use crate::core::desktop::settings::{Settings, SettingsWriter};
use crate::core::protocol::checker::SignatureChecker;
use crate::core::protocol::identity::Identity;

use crate::ui::i18n::Translations;
use crate::ui::passwords::Passwords;

/// Fields drop in this order: the worker is stopped (it waits briefly for
/// unsent tweets) before the lock is let go, so another window can't open
/// the profile's storage while this one still has it open.
pub struct Services {
    writer: Option<SettingsWriter>,
    /// The settings writer's errors.
    writer_notices: Option<crossbeam_channel::Receiver<String>>,
    pub net: NetLink,
    pub worker: Option<WorkerThread>,
    /// Held while the app runs: this window owns the profile.
    pub instance: Option<InstanceLock>,
    pub notifier: Option<Notifier>,
    pub passwords: Passwords,
    /// What this window signs with (None: unsigned, and a notice said why).
    pub identity: Option<Arc<Identity>>,
    /// Where it is kept, and Settings → Identity's actions under way.
    pub identity_jobs: super::identity_jobs::IdentityJobs,
    /// Why desktop notifications can't be shown, as last reported.
    notification_problem: Option<String>,
    /// Checks the signatures of the tweets shown, off the UI thread.
    pub checker: SignatureChecker,
    /// Mentions whose notification waits for their signature's check.
    pub mentions_being_checked: super::signatures::WaitingNotices,
    /// When the last frame began, for the network's paced wake-ups.
    pub frame_pacer: crate::ui::frame_pacer::FramePacer,
}

impl Services {
    pub fn new(net: NetLink) -> Self {
        Self {
            writer: None,
            writer_notices: None,
            net,
            worker: None,
            instance: None,
            notifier: None,
            passwords: Passwords::default(),
            identity: None,
            identity_jobs: super::identity_jobs::IdentityJobs::default(),
            notification_problem: None,
            checker: SignatureChecker::default(),
            mentions_being_checked: super::signatures::WaitingNotices::default(),
            frame_pacer: crate::ui::frame_pacer::FramePacer::default(),
        }
    }

    pub fn set_settings_writer(
        &mut self,
        writer: SettingsWriter,
        notices: crossbeam_channel::Receiver<String>,
    ) {
        self.writer = Some(writer);
        self.writer_notices = Some(notices);
    }

    /// Hands `settings` to the writer thread (none in tests: nothing saved).
    pub fn save(&self, settings: &Settings) {
        if let Some(writer) = &self.writer {
            writer.save(settings.clone());
        }
    }

    /// What the settings writer could not save since the last frame.
    pub fn writer_notices(&self) -> Vec<String> {
        self.writer_notices
            .as_ref()
            .map(|notices| notices.try_iter().collect())
            .unwrap_or_default()
    }

    /// Takes the notifier's latest failure, if any. Told in Diagnostics,
    /// not as a banner: many desktops have no notification daemon, and
    /// that is no news worth interrupting for.
    pub fn note_notifier_failures(&mut self) {
        if let Some(problem) = self
            .notifier
            .as_ref()
            .and_then(|n| n.failures.try_iter().last())
        {
            self.notification_problem = Some(problem);
        }
    }

    pub fn notify(&self, summary: &str, text: &str) {
        if let Some(notifier) = &self.notifier {
            notifier.notify(Notification::about(summary, text));
        }
    }

    /// Notifications as Diagnostics tells them (the desktop's own
    /// problem, if any, in its words).
    pub fn notifications_status(&self, wanted: bool, tr: &Translations) -> String {
        match (&self.notification_problem, wanted) {
            (_, false) => tr.tr("diagnostics-notifications-off"),
            (Some(problem), true) => problem.clone(),
            (None, true) => tr.tr("diagnostics-notifications-on"),
        }
    }
}
