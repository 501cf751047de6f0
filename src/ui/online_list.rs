//! "Online now": who has said so on the broker (retained presence), the
//! most recently arrived first.

use egui::RichText;

use super::i18n::Translate as _;
use super::style;
use crate::core::model::display::inert_name;
use crate::core::social::presence::PresenceBoard;

/// Names shown; the rest are counted.
const SHOWN: usize = 12;

pub fn ui(ui: &mut egui::Ui, presence: &PresenceBoard) {
    let online = presence.online();
    ui.label(
        RichText::new(ui.tr_args("online-heading", &[("count", online.len().into())]))
            .small()
            .color(style::weak(ui)),
    );
    for person in online.iter().take(SHOWN) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("●").small().color(style::ok(ui.visuals())));
            ui.label(format!("@{}", inert_name(&person.user, 32)))
                .on_hover_text(
                    ui.tr_args(
                        "online-since",
                        &[(
                            "time",
                            person
                                .since
                                .with_timezone(&chrono::Local)
                                .format("%H:%M")
                                .to_string()
                                .into(),
                        )],
                    ),
                );
        });
    }
    if online.len() > SHOWN {
        ui.label(
            RichText::new(ui.tr_args("online-more", &[("count", (online.len() - SHOWN).into())]))
                .small()
                .color(style::weak(ui)),
        );
    }
}
