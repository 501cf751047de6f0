//! The first-run welcome, carried out: Start keeps the username and
//! follows the ticked hashtags the way a tick in the panel does; either
//! button marks the welcome done, saved with the settings.

use crate::core::desktop::first_run::follow_picked;
use crate::ui::hashtags_panel::FollowChange;
use crate::ui::welcome::{WelcomeContext, WelcomeOutcome};

use super::ChirpApp;

impl ChirpApp {
    pub(super) fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        let Some(welcome) = &mut self.windows.welcome else {
            return;
        };
        let context = WelcomeContext {
            broker: &self.connection.config.broker,
            presence: &self.presence,
        };
        let Some(outcome) = welcome.ui(ui, context) else {
            return;
        };
        self.windows.welcome = None;
        self.settings.welcomed = true;
        if let WelcomeOutcome::Start { username, picks } = outcome {
            self.settings.username = username;
            let picked = follow_picked(&mut self.settings.hashtags, &picks);
            let follows = picked.followed.into_iter().map(FollowChange::Follow);
            let unfollows = picked.unfollowed.into_iter().map(FollowChange::Unfollow);
            self.apply_follow_changes(follows.chain(unfollows).collect());
        }
    }
}
