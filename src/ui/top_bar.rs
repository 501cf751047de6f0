//! The top bar: the app's name, the username, the broker in use, the way
//! into settings, and under them the connection status.

use egui::RichText;

use super::i18n::Translate as _;
use super::{status, style};
use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::net::ConnectionState;
use crate::core::connection::profile::Profile;
use crate::core::model::name::Username;

pub enum TopBarAction {
    OpenSettings,
    ToggleDiagnostics,
    ToggleDiscover,
    ToggleMessages,
    /// Connect with the profile of this name instead.
    SwitchProfile(String),
}

/// What the top bar shows and edits.
pub struct TopBar<'a> {
    pub icon: &'a egui::TextureHandle,
    pub username: &'a mut String,
    pub connection: &'a ConnectionState,
    pub profiles: &'a [Profile],
    /// The saved profile's name.
    pub active: &'a str,
    /// The broker connected to now: the active profile's, or one for this
    /// run only (`--broker`, or the broker hosted here).
    pub in_use: &'a BrokerAddress,
    pub unread_messages: usize,
}

impl TopBar<'_> {
    /// Two lines: the name, the username and the buttons; under them the
    /// connection status across the whole width, so its reason and
    /// countdown are readable at 1024 px (the whole text on hover when
    /// even that is too narrow).
    pub fn ui(self, ui: &mut egui::Ui) -> Option<TopBarAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.add(egui::Image::new(self.icon).fit_to_exact_size(egui::vec2(28.0, 28.0)));
            ui.label(
                RichText::new("Chirp")
                    .heading()
                    .strong()
                    .color(style::accent(ui.visuals())),
            );
            ui.add_space(16.0);
            username_ui(ui, self.username);
            // Left to right, so Tab goes through them in the order they
            // are seen: the rest is pushed to the right end by the room it
            // took in the last frame.
            let rest_id = ui.scope_id().with("top-bar-rest");
            let rest = ui
                .data(|d| d.get_temp::<f32>(rest_id))
                .unwrap_or(DEFAULT_REST);
            ui.add_space((ui.available_width() - rest).max(8.0));
            let start = ui.cursor().min.x;
            let picker = BrokerPicker {
                profiles: self.profiles,
                active: self.active,
                in_use: self.in_use,
            };
            if let Some(name) = picker.ui(ui) {
                action = Some(TopBarAction::SwitchProfile(name));
            }
            if let Some(clicked) = buttons_ui(ui, self.unread_messages) {
                action = Some(clicked);
            }
            let used = ui.cursor().min.x - start;
            ui.data_mut(|d| d.insert_temp(rest_id, used));
        });
        ui.horizontal(|ui| status::ui(ui, self.connection, ui.available_width()));
        action
    }
}

fn username_ui(ui: &mut egui::Ui, username: &mut String) {
    let label = ui.label(ui.tr("top-username"));
    ui.add(
        egui::TextEdit::singleline(username)
            .hint_text(ui.tr("top-username-hint"))
            .desired_width(130.0),
    )
    .labelled_by(label.id);
    if !username.trim().is_empty()
        && let Err(e) = Username::parse(username)
    {
        // Core's reason, in English for now.
        ui.colored_label(style::error(ui.visuals()), e.to_string());
    }
}

/// The width of the broker picker and the buttons before they were ever drawn.
const DEFAULT_REST: f32 = 560.0;

/// The buttons at the right end.
fn buttons_ui(ui: &mut egui::Ui, unread_messages: usize) -> Option<TopBarAction> {
    let mut action = None;
    if ui
        .button(ui.tr("top-discover"))
        .on_hover_text(ui.tr("discover-explained"))
        .clicked()
    {
        action = Some(TopBarAction::ToggleDiscover);
    }
    let messages = if unread_messages > 0 {
        ui.tr_args("top-messages-unread", &[("count", unread_messages.into())])
    } else {
        ui.tr("top-messages")
    };
    if ui
        .button(messages)
        .on_hover_text(ui.tr("top-messages-hover"))
        .clicked()
    {
        action = Some(TopBarAction::ToggleMessages);
    }
    if ui.button(ui.tr("top-diagnostics")).clicked() {
        action = Some(TopBarAction::ToggleDiagnostics);
    }
    if ui.button(ui.tr("top-settings")).clicked() {
        action = Some(TopBarAction::OpenSettings);
    }
    action
}

/// One click to another broker: the saved profiles, the one in use
/// ticked; or, while connected elsewhere for this run, that broker.
struct BrokerPicker<'a> {
    profiles: &'a [Profile],
    active: &'a str,
    in_use: &'a BrokerAddress,
}

impl BrokerPicker<'_> {
    /// The broker in use for this run only, if it is not the active profile's.
    fn this_run(&self) -> Option<String> {
        let active = self.profiles.iter().find(|p| p.name == self.active);
        match active {
            Some(profile) if &profile.broker == self.in_use => None,
            _ => Some(self.in_use.label()),
        }
    }

    fn ui(&self, ui: &mut egui::Ui) -> Option<String> {
        let mut chosen = None;
        let this_run = self.this_run();
        let (selected, hover) = match &this_run {
            Some(broker) => {
                let args = [("broker", broker.as_str().into())];
                let hover = ui.tr_args("top-broker-this-run-hover", &args);
                (ui.tr_args("top-broker-this-run", &args), hover)
            }
            None => (self.active.to_owned(), ui.tr("top-broker-hover")),
        };
        let label = ui.label(RichText::new(ui.tr("top-broker")).color(style::weak(ui)));
        let response = egui::ComboBox::from_id_salt("profile-switch")
            .selected_text(selected.as_str())
            .width(170.0)
            .show_ui(ui, |ui| {
                if this_run.is_some() {
                    let _ = ui.selectable_label(true, selected.as_str());
                }
                for profile in self.profiles {
                    let ticked = this_run.is_none() && profile.name == self.active;
                    let label = format!("{}  —  {}", profile.name, profile.broker.label());
                    if ui.selectable_label(ticked, label).clicked() && !ticked {
                        chosen = Some(profile.name.clone());
                    }
                }
            })
            .response
            .on_hover_text(hover);
        response.labelled_by(label.id);
        chosen
    }
}
