//! How the window looks: the theme and the zoom, kept in the settings.

use serde::{Deserialize, Serialize};

/// The smallest and largest zoom, in percent of the normal size.
pub const ZOOM_RANGE: std::ops::RangeInclusive<u16> = 50..=300;
/// One press of Ctrl+= or Ctrl+-.
pub const ZOOM_STEP: u16 = 10;

/// Which colours the window uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the desktop's light or dark preference, live.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appearance {
    pub theme: ThemeChoice,
    /// Percent of the normal size, within `ZOOM_RANGE`.
    pub zoom_percent: u16,
}

impl Default for Appearance {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom_percent: 100,
        }
    }
}

impl Appearance {
    /// The zoom as egui's factor (a hand-edited file out of range is clamped).
    pub fn zoom_factor(&self) -> f32 {
        f32::from(
            self.zoom_percent
                .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end()),
        ) / 100.0
    }

    pub fn zoom_in(&mut self) {
        self.set_zoom(self.zoom_percent.saturating_add(ZOOM_STEP));
    }

    pub fn zoom_out(&mut self) {
        self.set_zoom(self.zoom_percent.saturating_sub(ZOOM_STEP));
    }

    pub fn set_zoom(&mut self, percent: u16) {
        self.zoom_percent = percent.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_stays_within_its_range() {
        let mut appearance = Appearance::default();
        for _ in 0..40 {
            appearance.zoom_in();
        }
        assert_eq!(appearance.zoom_percent, 300);
        for _ in 0..40 {
            appearance.zoom_out();
        }
        assert_eq!(appearance.zoom_percent, 50);
        appearance.zoom_percent = 9_000;
        assert!((appearance.zoom_factor() - 3.0).abs() < f32::EPSILON);
    }

    #[test]
    fn reads_what_it_writes_and_defaults_what_is_missing() {
        let appearance = Appearance {
            theme: ThemeChoice::Dark,
            zoom_percent: 130,
        };
        let json = serde_json::to_string(&appearance).unwrap_or_default();
        assert_eq!(json, r#"{"theme":"dark","zoom_percent":130}"#);
        let read: Appearance = serde_json::from_str(r#"{"theme":"light"}"#).unwrap_or_default();
        assert_eq!(read.theme, ThemeChoice::Light);
        assert_eq!(read.zoom_percent, 100);
    }
}
