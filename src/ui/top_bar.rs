//! The top bar: the app's name, the username, the connection status and the
//! way into settings.

use egui::RichText;

use super::i18n::Translate as _;
use super::{status, style};
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

pub fn ui(
    ui: &mut egui::Ui,
    icon: &egui::TextureHandle,
    username: &mut String,
    connection: &ConnectionState,
    profiles: &[Profile],
    active: &str,
    unread_messages: usize,
) -> Option<TopBarAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.add(egui::Image::new(icon).fit_to_exact_size(egui::vec2(28.0, 28.0)));
        ui.label(
            RichText::new("Chirp")
                .heading()
                .strong()
                .color(style::accent(ui.visuals())),
        );
        ui.add_space(16.0);
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
        // Left to right, so Tab goes through them in the order they are
        // seen: the status takes the room the rest left in the last frame.
        let rest_id = ui.scope_id().with("top-bar-rest");
        let rest = ui
            .data(|d| d.get_temp::<f32>(rest_id))
            .unwrap_or(DEFAULT_REST);
        let status_width = (ui.available_width() - rest).max(80.0);
        let status_start = ui.cursor().min.x;
        status::ui(ui, connection, status_width);
        // Pushes the rest to the right end.
        ui.add_space((status_start + status_width - ui.cursor().min.x).max(0.0));
        let start = ui.cursor().min.x;
        ui.add_space(8.0);
        if let Some(name) = profile_switch_ui(ui, profiles, active) {
            action = Some(TopBarAction::SwitchProfile(name));
        }
        if let Some(clicked) = buttons_ui(ui, unread_messages) {
            action = Some(clicked);
        }
        let used = ui.cursor().min.x - start;
        ui.data_mut(|d| d.insert_temp(rest_id, used));
    });
    action
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

/// One click to another broker: the saved profiles, the one in use ticked.
fn profile_switch_ui(ui: &mut egui::Ui, profiles: &[Profile], active: &str) -> Option<String> {
    let mut chosen = None;
    let label = ui.label(RichText::new(ui.tr("top-broker")).color(style::weak(ui)));
    let response = egui::ComboBox::from_id_salt("profile-switch")
        .selected_text(active)
        .width(140.0)
        .show_ui(ui, |ui| {
            for profile in profiles {
                let label = format!("{}  —  {}", profile.name, profile.broker.label());
                if ui.selectable_label(profile.name == active, label).clicked()
                    && profile.name != active
                {
                    chosen = Some(profile.name.clone());
                }
            }
        })
        .response
        .on_hover_text(ui.tr("top-broker-hover"));
    response.labelled_by(label.id);
    chosen
}
