//! The appearance part of a settings file: the theme and the zoom.

use serde::{Deserialize, Serialize};

use super::Change;
use crate::core::desktop::appearance::ThemeChoice;
use crate::core::desktop::settings::Settings;

/// Either may be missing (a hand-written file): what is missing is kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appearance {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeChoice>,
    /// Percent of the normal size; clamped to 50–300 on import.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoom_percent: Option<u16>,
}

/// The appearance `settings` export.
pub fn appearance_of(settings: &Settings) -> Appearance {
    Appearance {
        theme: Some(settings.appearance.theme),
        zoom_percent: Some(settings.appearance.zoom_percent),
    }
}

/// Applies the file's appearance to `settings`, returning what changed.
pub fn apply_appearance(settings: &mut Settings, appearance: &Appearance) -> Vec<Change> {
    let mut changes = Vec::new();
    let current = &mut settings.appearance;
    if let Some(theme) = appearance.theme.filter(|t| *t != current.theme) {
        current.theme = theme;
        changes.push(Change::Appearance(format!("theme: {}", theme_name(theme))));
    }
    if let Some(percent) = appearance.zoom_percent {
        let before = current.zoom_percent;
        current.set_zoom(percent);
        if current.zoom_percent != before {
            let now = current.zoom_percent;
            changes.push(Change::Appearance(format!("zoom: {before} % → {now} %")));
        }
    }
    changes
}

fn theme_name(theme: ThemeChoice) -> &'static str {
    match theme {
        ThemeChoice::System => "as the system",
        ThemeChoice::Light => "light",
        ThemeChoice::Dark => "dark",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_and_a_clamped_zoom_are_applied_and_listed() {
        let mut settings = Settings::default();
        let file = Appearance {
            theme: Some(ThemeChoice::Dark),
            zoom_percent: Some(900),
        };
        let changes = apply_appearance(&mut settings, &file);
        assert_eq!(settings.appearance.theme, ThemeChoice::Dark);
        assert_eq!(settings.appearance.zoom_percent, 300, "clamped");
        let said: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert_eq!(said, ["theme: dark", "zoom: 100 % → 300 %"]);
        assert!(
            apply_appearance(&mut settings, &file).is_empty(),
            "nothing new"
        );
        assert_eq!(appearance_of(&settings), file_after(&settings));
    }

    fn file_after(settings: &Settings) -> Appearance {
        Appearance {
            theme: Some(settings.appearance.theme),
            zoom_percent: Some(settings.appearance.zoom_percent),
        }
    }

    #[test]
    fn what_the_file_leaves_out_is_kept() {
        let mut settings = Settings::default();
        settings.appearance.zoom_percent = 130;
        assert!(apply_appearance(&mut settings, &Appearance::default()).is_empty());
        assert_eq!(settings.appearance.zoom_percent, 130);
    }
}
