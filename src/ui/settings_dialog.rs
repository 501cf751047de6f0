//! The settings dialog: the connection profiles (one edited at a time),
//! the classic format option, how many tweets are kept, the appearance,
//! what is muted, and hosting a broker.

use super::appearance_section;
use super::host_broker::HostBrokerPanel;
use super::host_lock_form::LOCK_HEIGHT;
use super::i18n::{Language, Translate as _, Translations};
use super::language_picker;
use super::muted_settings::{MutedSection, OPEN_HEIGHT};
use super::profile_form::ProfileDraft;
use super::settings_transfer::{TransferMode, transfer_buttons_ui};
use super::style;
use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::hosted_broker::HostAccess;
use crate::core::connection::profile::Profile;
use crate::core::desktop::settings::{Appearance, Settings};
use crate::core::model::secret::Secret;
use crate::core::social::mutes::MuteList;

/// The profile of the broker hosted by this computer. A saved name, found
/// again by it, so the same in every language.
const HOSTED_PROFILE: &str = "This computer";

/// Roughly the height of the dialog's middle at its tallest (a TLS profile
/// with its warning, a running built-in broker with addresses).
const FULL_HEIGHT: f32 = 540.0;

/// The range offered for how many tweets are kept.
const MIN_TIMELINE: usize = 100;
const MAX_TIMELINE: usize = 1_000_000;

/// The dialog's fields while it is open.
#[derive(Debug, Clone)]
pub struct SettingsDialog {
    drafts: Vec<ProfileDraft>,
    /// The profile shown in the form; Apply makes it the one in use.
    selected: usize,
    removed: Vec<Profile>,
    classic_format: bool,
    timeline_limit: usize,
    retain_latest: bool,
    notify_in_background: bool,
    muted: MutedSection,
    /// Shown at once as picked (see `appearance`); Cancel restores `appearance_before`.
    appearance: Appearance,
    appearance_before: Appearance,
    error: Option<String>,
    /// The language setting (None: the system's), applied as it changes.
    language: Option<String>,
    system_language: Language,
}

/// What the user chose.
#[derive(Debug, Clone)]
pub struct AppliedSettings {
    pub profiles: Vec<Profile>,
    pub active: String,
    /// Passwords typed this time, by profile name.
    pub new_passwords: Vec<(String, Secret)>,
    /// Profiles deleted: their keyring entries go too.
    pub removed: Vec<Profile>,
    pub classic_format: bool,
    pub timeline_limit: usize,
    pub retain_latest: bool,
    pub notify_in_background: bool,
    pub mutes: MuteList,
    pub flood_rate: u32,
}

pub enum DialogOutcome {
    Open,
    Cancelled,
    Applied(AppliedSettings),
    /// The built-in broker just started: connect to it, dialog still open.
    Hosting(HostAccess),
    /// Settings → Identity: the dialog closes (unapplied) for that window.
    Identity,
    /// Another language picked: it applies at once, dialog still open.
    Language(Option<String>),
    /// Export or import the settings file: the dialog closes (unapplied).
    Transfer(TransferMode),
}

impl SettingsDialog {
    pub fn new(settings: &Settings) -> Self {
        let profiles = &settings.profiles;
        Self {
            drafts: profiles.iter().map(ProfileDraft::of).collect(),
            selected: profiles
                .iter()
                .position(|p| p.name == settings.active_profile)
                .unwrap_or(0),
            removed: Vec::new(),
            classic_format: settings.classic_format,
            timeline_limit: settings.timeline_limit,
            retain_latest: settings.retain_latest,
            notify_in_background: settings.notify_in_background,
            muted: MutedSection::new(&settings.mutes, settings.flood_rate),
            appearance: settings.appearance,
            appearance_before: settings.appearance,
            error: None,
            language: settings.language.clone(),
            system_language: Language::English,
        }
    }

    /// What "System" means in the language picker.
    pub fn with_system_language(mut self, language: Language) -> Self {
        self.system_language = language;
        self
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, host: &mut HostBrokerPanel) -> DialogOutcome {
        let mut outcome = DialogOutcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("settings-dialog")).show(ui.ctx(), |ui| {
            ui.set_width(440.0);
            ui.horizontal(|ui| {
                ui.heading(ui.tr("settings-title"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let identity = ui
                        .button(ui.tr("settings-identity"))
                        .on_hover_text(ui.tr("settings-identity-hover"));
                    if identity.clicked() {
                        outcome = DialogOutcome::Identity;
                    }
                    // Applies as it is picked, like the appearance.
                    if language_picker::ui(ui, &mut self.language, self.system_language) {
                        outcome = DialogOutcome::Language(self.language.clone());
                    }
                });
            });
            ui.add_space(6.0);
            self.profile_picker_ui(ui);
            ui.add_space(4.0);
            // A scroll area only when the window is too small for the whole
            // dialog, so Apply and Cancel stay in view. (Only then: in
            // egui_kittest, the first simulated click inside a scroll area
            // in this modal was not taken; real clicks were.)
            let room = ui.ctx().content_rect().height() - 160.0;
            let muted = if self.muted.open { OPEN_HEIGHT } else { 0.0 };
            let lock = if host.is_lock_unfolded() {
                LOCK_HEIGHT
            } else {
                0.0
            };
            if room >= FULL_HEIGHT + muted + lock {
                self.body_ui(ui, host, &mut outcome);
            } else {
                egui::ScrollArea::vertical()
                    .max_height(room.max(160.0))
                    .show(ui, |ui| self.body_ui(ui, host, &mut outcome));
            }
            if let Some(error) = &self.error {
                ui.colored_label(style::error(ui.visuals()), error);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(ui.tr("settings-apply")).clicked() {
                    match self.applied(&ui.translations()) {
                        Ok(applied) => outcome = DialogOutcome::Applied(applied),
                        Err(e) => self.error = Some(e),
                    }
                }
                if ui.button(ui.tr("settings-cancel")).clicked() {
                    outcome = DialogOutcome::Cancelled;
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if let Some(mode) = transfer_buttons_ui(ui) {
                        outcome = DialogOutcome::Transfer(mode);
                    }
                });
            });
        });
        if modal.should_close() && matches!(outcome, DialogOutcome::Open) {
            outcome = DialogOutcome::Cancelled;
        }
        outcome
    }

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        host: &mut HostBrokerPanel,
        outcome: &mut DialogOutcome,
    ) {
        if let Some(draft) = self.drafts.get_mut(self.selected) {
            draft.ui(ui);
        }
        ui.separator();
        self.options_ui(ui);
        ui.separator();
        appearance_section::ui(ui, &mut self.appearance);
        ui.separator();
        self.muted.ui(ui);
        ui.separator();
        if let Some(hosted) = host.ui(ui) {
            self.select_hosted(&hosted.broker);
            *outcome = DialogOutcome::Hosting(hosted);
        }
    }

    fn profile_picker_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.strong(ui.tr("settings-profile"));
            let current = self
                .drafts
                .get(self.selected)
                .map(|d| d.name.clone())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("profile-picker")
                .selected_text(current)
                .width(200.0)
                .show_ui(ui, |ui| {
                    for (index, draft) in self.drafts.iter().enumerate() {
                        ui.selectable_value(&mut self.selected, index, draft.name.as_str());
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button(ui.tr("settings-profile-new")).clicked() {
                self.add_profile(&ui.translations());
            }
            let can_delete = self.drafts.len() > 1;
            if ui
                .add_enabled(
                    can_delete,
                    egui::Button::new(ui.tr("settings-profile-delete")),
                )
                .clicked()
            {
                let draft = self.drafts.remove(self.selected);
                if let Ok((profile, _)) = draft.to_profile(&ui.translations()) {
                    self.removed.push(profile);
                }
                self.selected = self.selected.min(self.drafts.len() - 1);
            }
        });
    }

    fn add_profile(&mut self, tr: &Translations) {
        let template = self
            .drafts
            .get(self.selected)
            .and_then(|d| d.to_profile(tr).ok())
            .map(|(p, _)| p)
            .unwrap_or_default();
        let name = (1..)
            // A number, not a count: "New profile 2", never grouped.
            .map(|n: u32| {
                tr.tr_args(
                    "settings-profile-new-name",
                    &[("number", n.to_string().into())],
                )
            })
            .find(|name| self.drafts.iter().all(|d| &d.name != name))
            .unwrap_or_default();
        self.drafts.push(ProfileDraft::new_from(&template, name));
        self.selected = self.drafts.len() - 1;
    }

    /// The built-in broker gets a profile of its own, selected, so Apply
    /// keeps Chirp on it (and the profile is there for the next time).
    fn select_hosted(&mut self, hosted: &BrokerAddress) {
        let index = match self.drafts.iter().position(|d| d.name == HOSTED_PROFILE) {
            Some(index) => index,
            None => {
                let draft = ProfileDraft::new_from(&Profile::default(), HOSTED_PROFILE.to_owned());
                self.drafts.push(draft);
                self.drafts.len() - 1
            }
        };
        self.drafts[index].show_broker(hosted);
        self.selected = index;
    }

    fn options_ui(&mut self, ui: &mut egui::Ui) {
        ui.checkbox(&mut self.classic_format, ui.tr("settings-classic"))
            .on_hover_text(ui.tr("settings-classic-hover"));
        ui.checkbox(&mut self.retain_latest, ui.tr("settings-retain"))
            .on_hover_text(ui.tr("settings-retain-hover"));
        ui.checkbox(&mut self.notify_in_background, ui.tr("settings-notify"))
            .on_hover_text(ui.tr("settings-notify-hover"));
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("settings-keep-tweets"));
            ui.add(
                egui::DragValue::new(&mut self.timeline_limit)
                    .range(MIN_TIMELINE..=MAX_TIMELINE)
                    .speed(100.0),
            )
            .labelled_by(label.id)
            .on_hover_text(ui.tr("settings-keep-tweets-hover"));
        });
    }

    /// The theme and zoom as picked so far (the window shows them at once).
    pub fn appearance(&self) -> Appearance {
        self.appearance
    }

    /// Zoomed with the keyboard while the dialog is open.
    pub fn zoomed(&mut self, appearance: Appearance) {
        self.appearance = appearance;
    }

    /// As they were when the dialog opened (for Cancel).
    pub fn appearance_before(&self) -> Appearance {
        self.appearance_before
    }

    fn applied(&self, tr: &Translations) -> Result<AppliedSettings, String> {
        let mut profiles = Vec::with_capacity(self.drafts.len());
        let mut new_passwords = Vec::new();
        for (index, draft) in self.drafts.iter().enumerate() {
            let (profile, password) = draft.to_profile(tr).map_err(|e| {
                if index == self.selected {
                    e
                } else {
                    tr.tr_args(
                        "settings-profile-error",
                        &[("name", draft.name.as_str().into()), ("error", e.into())],
                    )
                }
            })?;
            if profiles.iter().any(|p: &Profile| p.name == profile.name) {
                let name = profile.name.as_str().into();
                return Err(tr.tr_args("settings-profile-twice", &[("name", name)]));
            }
            if let Some(password) = password {
                new_passwords.push((profile.name.clone(), password));
            }
            profiles.push(profile);
        }
        let active = profiles
            .get(self.selected)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        Ok(AppliedSettings {
            profiles,
            active,
            new_passwords,
            removed: self.removed.clone(),
            classic_format: self.classic_format,
            timeline_limit: self.timeline_limit.clamp(MIN_TIMELINE, MAX_TIMELINE),
            retain_latest: self.retain_latest,
            notify_in_background: self.notify_in_background,
            mutes: self.muted.list.clone(),
            flood_rate: self.muted.flood_rate,
        })
    }
}
