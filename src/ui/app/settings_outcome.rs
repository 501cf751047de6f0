//! The Settings dialog drawn, and what it asked for carried out: a
//! broker hosted here, a language, Apply or Cancel, the identity and
//! settings-transfer windows it opens.

use super::ChirpApp;
use crate::core::connection::net::NetCommand;
use crate::core::social::profile::About;
use crate::ui::settings_dialog::DialogOutcome;

impl ChirpApp {
    pub(super) fn settings_dialog_ui(&mut self, ui: &mut egui::Ui) {
        let windows = &mut self.windows;
        let Some(dialog) = &mut windows.settings_dialog else {
            return;
        };
        let outcome = dialog.ui(ui, &mut windows.host_broker);
        // The theme and zoom show as they are picked; Cancel puts them back.
        self.settings.appearance = match outcome {
            DialogOutcome::Cancelled => dialog.appearance_before(),
            _ => dialog.appearance(),
        };
        match outcome {
            DialogOutcome::Open => {}
            // For this run only, like --broker: the broker is gone when
            // Chirp closes, so it is not saved as the one to connect to.
            DialogOutcome::Hosting(access) => {
                let config = access.applied_to(self.connection.config.clone());
                self.connection.hosted = Some(access);
                self.connection.config = config.clone();
                self.services.net.send(NetCommand::Reconfigure(config));
            }
            DialogOutcome::Language(code) => self.settings.language = code,
            DialogOutcome::Cancelled => windows.settings_dialog = None,
            DialogOutcome::Identity => {
                windows.settings_dialog = None;
                windows.identity.show(About {
                    display_name: self.settings.display_name.clone(),
                    bio: self.settings.bio.clone(),
                });
            }
            DialogOutcome::Transfer(mode) => {
                windows.settings_dialog = None;
                windows.settings_transfer.show(mode);
            }
            DialogOutcome::Applied(applied) => {
                windows.settings_dialog = None;
                self.apply_settings(applied);
            }
        }
    }
}
