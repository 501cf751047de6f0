//! The top bar: the app's name, the username, the connection status and the
//! way into settings.

use egui::RichText;

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
        let label = ui.label("Username");
        ui.add(
            egui::TextEdit::singleline(username)
                .hint_text("pick a name")
                .desired_width(130.0),
        )
        .labelled_by(label.id);
        if !username.trim().is_empty()
            && let Err(e) = Username::parse(username)
        {
            ui.colored_label(style::error(ui.visuals()), e.to_string());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            action = buttons_ui(ui, unread_messages);
            ui.add_space(8.0);
            if let Some(name) = profile_switch_ui(ui, profiles, active) {
                action = Some(TopBarAction::SwitchProfile(name));
            }
            status::ui(ui, connection);
        });
    });
    action
}

/// The buttons at the right end, drawn right to left.
fn buttons_ui(ui: &mut egui::Ui, unread_messages: usize) -> Option<TopBarAction> {
    let mut action = None;
    if ui.button("Settings").clicked() {
        action = Some(TopBarAction::OpenSettings);
    }
    if ui.button("Diagnostics").clicked() {
        action = Some(TopBarAction::ToggleDiagnostics);
    }
    let messages = if unread_messages > 0 {
        format!("Messages ({unread_messages})")
    } else {
        "Messages".to_owned()
    };
    if ui
        .button(messages)
        .on_hover_text("Direct messages")
        .clicked()
    {
        action = Some(TopBarAction::ToggleMessages);
    }
    if ui
        .button("Discover")
        .on_hover_text("Every hashtag on this broker, most active first")
        .clicked()
    {
        action = Some(TopBarAction::ToggleDiscover);
    }
    action
}

/// One click to another broker: the saved profiles, the one in use ticked.
/// Drawn right to left: the box, then its label.
fn profile_switch_ui(ui: &mut egui::Ui, profiles: &[Profile], active: &str) -> Option<String> {
    let mut chosen = None;
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
        .on_hover_text("The broker profile in use: pick another to switch");
    let label = ui.label(RichText::new("Broker").color(style::weak(ui)));
    response.labelled_by(label.id);
    chosen
}
