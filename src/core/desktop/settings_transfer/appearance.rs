//! The appearance part of a settings file: the theme and the zoom.
//!
//! Settings have neither field yet (another change adds `theme` and
//! `zoom`), so the file's format has them already and the two functions
//! below are where they get read and applied, once they exist.

use serde::{Deserialize, Serialize};

use super::Change;
use crate::core::desktop::settings::Settings;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appearance {
    /// "system", "light" or "dark".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The zoom factor, 1.0 as designed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zoom: Option<f32>,
}

/// The appearance `settings` export. Filled in when Settings has theme and
/// zoom: until then there is none to export.
pub fn appearance_of(_settings: &Settings) -> Appearance {
    Appearance::default()
}

/// Applies the file's appearance to `settings`, returning what changed.
/// Filled in when Settings has theme and zoom: until then nothing is
/// applied, so nothing is listed as a change either.
pub fn apply_appearance(_settings: &mut Settings, _appearance: &Appearance) -> Vec<Change> {
    Vec::new()
}
