//! The theme and zoom of Settings → Appearance (and Ctrl+=, Ctrl+-,
//! Ctrl+0) handed to egui when they change.

use crate::core::desktop::appearance::ThemeChoice;

use super::ChirpApp;

impl ChirpApp {
    pub(super) fn sync_appearance(&mut self, ctx: &egui::Context) {
        let appearance = self.settings.appearance;
        if self.view.applied_appearance == Some(appearance) {
            return;
        }
        self.view.applied_appearance = Some(appearance);
        // CHIRP_THEME (screenshots of both themes) wins over the setting.
        if std::env::var_os("CHIRP_THEME").is_none() {
            ctx.set_theme(match appearance.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
        }
        ctx.set_zoom_factor(appearance.zoom_factor());
    }
}
