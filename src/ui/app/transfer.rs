//! Settings → Import settings…, carried out: the file merged into the
//! settings, and what it follows subscribed the way a tick in the panels
//! does; the mutes' index rebuilt; the connection redone if the profile
//! in use changed.

use crate::core::desktop::settings_transfer;
use crate::ui::hashtags_panel::FollowChange;
use crate::ui::people_panel::PersonChange;

use super::ChirpApp;

impl ChirpApp {
    pub(super) fn settings_transfer_ui(&mut self, ui: &mut egui::Ui) {
        let transfer = &mut self.windows.settings_transfer;
        let Some(file) = transfer.ui(ui, &self.settings) else {
            return;
        };
        let merged = settings_transfer::merge(&mut self.settings, &file);
        let tags = merged
            .followed_tags()
            .map(|tag| FollowChange::Follow(tag.to_owned()));
        self.apply_follow_changes(tags.collect());
        let people = merged
            .followed_people()
            .map(|user| PersonChange::Follow(user.to_owned()));
        self.apply_people_changes(people.collect());
        self.set_mute_list(self.settings.mutes.clone());
        // Only then: reconnecting otherwise would drop a --broker given for this run.
        if merged.changed_profile(&self.settings.active_profile) {
            self.connect_active_profile();
        }
        self.windows.settings_transfer.imported(&merged);
    }
}
