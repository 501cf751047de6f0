//! Which language the window speaks: the one chosen in Settings, else the
//! system's. Installed in egui's context before a frame draws anything,
//! at the first frame and whenever the choice changes.

use crate::ui::i18n::{self, Language, Translations};

#[derive(Debug)]
pub struct LanguageChoice {
    /// The desktop's language, read once at start by `ui::run`; English
    /// otherwise, so tests never depend on the machine's locale.
    pub system: Language,
    /// What is installed now (None before the first frame).
    installed: Option<Language>,
}

impl Default for LanguageChoice {
    fn default() -> Self {
        Self {
            system: Language::English,
            installed: None,
        }
    }
}

impl LanguageChoice {
    /// The language for `setting` (a code from Settings; None or unknown:
    /// the system's).
    pub fn wanted(&self, setting: Option<&str>) -> Language {
        setting
            .and_then(Language::from_locale)
            .unwrap_or(self.system)
    }

    /// Builds and installs the wanted language if it is not installed yet.
    pub fn install(&mut self, ctx: &egui::Context, setting: Option<&str>) {
        let wanted = self.wanted(setting);
        if self.installed != Some(wanted) {
            i18n::install(ctx, Translations::new(wanted));
            self.installed = Some(wanted);
        }
    }
}
