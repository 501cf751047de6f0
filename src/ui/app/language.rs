//! Which language the window speaks: the one chosen in Settings, else the
//! system's. Installed in egui's context before a frame draws anything,
//! at the first frame and whenever the choice changes; kept here too for
//! the text the app makes outside drawing (desktop notifications).

use crate::ui::i18n::{self, Language, Translations};

#[derive(Debug)]
pub struct LanguageChoice {
    /// The desktop's language, read once at start by `ui::run`; English
    /// otherwise, so tests never depend on the machine's locale.
    pub system: Language,
    current: Translations,
    /// `current` is in egui's context.
    installed: bool,
}

impl Default for LanguageChoice {
    fn default() -> Self {
        Self {
            system: Language::English,
            current: Translations::new(Language::English),
            installed: false,
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
        if wanted != self.current.language() {
            self.current = Translations::new(wanted);
            self.installed = false;
        }
        if !self.installed {
            i18n::install(ctx, self.current.clone());
            self.installed = true;
        }
    }

    /// The language in use, for text made outside a frame's drawing.
    pub fn translations(&self) -> &Translations {
        &self.current
    }
}
