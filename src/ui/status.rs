//! The connection status as one truthful line: what it is, where, and for
//! how long until the next try.

use std::time::Instant;

use egui::Color32;

use super::i18n::{Translate as _, Translations};
use super::style;
use crate::core::connection::net::ConnectionState;

/// The text and colour for a connection state at `now`. The reason
/// offline is the network's own text (English).
pub fn describe(tr: &Translations, state: &ConnectionState, now: Instant) -> (String, Color32) {
    match state {
        ConnectionState::Connecting { broker } => (
            tr.tr_args("status-connecting", &[("broker", broker.as_str().into())]),
            style::WARN,
        ),
        ConnectionState::Connected { broker } => (
            tr.tr_args("status-connected", &[("broker", broker.as_str().into())]),
            style::OK,
        ),
        ConnectionState::Offline {
            broker,
            reason,
            retry_at,
        } => {
            let secs = retry_at
                .saturating_duration_since(now)
                .as_secs()
                .saturating_add(u64::from(
                    retry_at.saturating_duration_since(now).subsec_nanos() > 0,
                ));
            let text = tr.tr_args(
                "status-offline",
                &[
                    ("broker", broker.as_str().into()),
                    ("reason", reason.as_str().into()),
                    ("seconds", secs.into()),
                ],
            );
            (text, style::ERROR)
        }
    }
}

/// A coloured dot and the status text, cut to the room left (the whole
/// text shows on hover). For a right-to-left layout, as in the top bar.
pub fn ui(ui: &mut egui::Ui, state: &ConnectionState) {
    let (text, colour) = describe(&ui.translations(), state, Instant::now());
    let dot = 10.0 + ui.spacing().item_spacing.x;
    let text_width = (ui.available_width() - dot).max(60.0);
    ui.scope(|ui| {
        ui.set_max_width(text_width);
        ui.add(egui::Label::new(text).truncate());
    });
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
}

pub fn is_connected(state: &ConnectionState) -> bool {
    matches!(state, ConnectionState::Connected { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn offline_shows_reason_and_countdown() {
        let now = Instant::now();
        let state = ConnectionState::Offline {
            broker: "h:1883".into(),
            reason: "connection refused".into(),
            retry_at: now + Duration::from_millis(4200),
        };
        let tr = Translations::new(crate::ui::i18n::Language::English);
        let (text, _) = describe(&tr, &state, now);
        assert_eq!(
            text,
            "Offline (h:1883): connection refused — retrying in 5 s"
        );
    }
}
