//! The top bar: the app's name, the username, the connection status and the
//! way into settings.

use egui::RichText;

use super::{status, style};
use crate::core::name::Username;
use crate::core::net::ConnectionState;

pub enum TopBarAction {
    OpenSettings,
    ToggleDiagnostics,
}

pub fn ui(
    ui: &mut egui::Ui,
    icon: &egui::TextureHandle,
    username: &mut String,
    connection: &ConnectionState,
) -> Option<TopBarAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.add(egui::Image::new(icon).fit_to_exact_size(egui::vec2(28.0, 28.0)));
        ui.label(
            RichText::new("Chirp")
                .heading()
                .strong()
                .color(style::ACCENT),
        );
        ui.add_space(16.0);
        let label = ui.label("Username");
        ui.add(
            egui::TextEdit::singleline(username)
                .hint_text("pick a name")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        if !username.trim().is_empty()
            && let Err(e) = Username::parse(username)
        {
            ui.colored_label(style::ERROR, e.to_string());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Settings").clicked() {
                action = Some(TopBarAction::OpenSettings);
            }
            if ui.button("Diagnostics").clicked() {
                action = Some(TopBarAction::ToggleDiagnostics);
            }
            ui.add_space(8.0);
            status::ui(ui, connection);
        });
    });
    action
}
