//! The connection status as one truthful line: what it is, where, and for
//! how long until the next try.

use std::time::Instant;

use egui::Color32;

use super::i18n::{Translate as _, Translations};
use super::style;
use crate::core::connection::net::ConnectionState;

/// The text and colour for a connection state at `now`. The reason
/// offline is the network's own text (English).
pub fn describe(
    tr: &Translations,
    state: &ConnectionState,
    now: Instant,
    visuals: &egui::Visuals,
) -> (String, Color32) {
    match state {
        ConnectionState::Connecting { broker } => (
            tr.tr_args("status-connecting", &[("broker", broker.as_str().into())]),
            style::warn(visuals),
        ),
        ConnectionState::Connected { broker } => (
            tr.tr_args("status-connected", &[("broker", broker.as_str().into())]),
            style::ok(visuals),
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
            (text, style::error(visuals))
        }
    }
}

/// A coloured dot and the status text, cut to `width` (the whole text
/// shows on hover).
pub fn ui(ui: &mut egui::Ui, state: &ConnectionState, width: f32) {
    let tr = ui.translations();
    let (text, colour) = describe(&tr, state, Instant::now(), ui.visuals());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
    let text_width = (width - 10.0 - ui.spacing().item_spacing.x).max(60.0);
    // A status region, announced when it changes; named without the
    // countdown, which would be announced every second.
    let region = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::Status)
        .accessibility_label(spoken_text(&tr, state));
    ui.scope_builder(region, |ui| {
        super::spoken::live(ui);
        ui.set_max_width(text_width);
        let shown = ui.add(egui::Label::new(text).truncate());
        super::spoken::quiet(&shown);
    });
}

/// The status as a screen reader announces it.
fn spoken_text(tr: &Translations, state: &ConnectionState) -> String {
    match state {
        ConnectionState::Connecting { broker } => tr.tr_args(
            "status-spoken-connecting",
            &[("broker", broker.as_str().into())],
        ),
        ConnectionState::Connected { broker } => {
            tr.tr_args("status-connected", &[("broker", broker.as_str().into())])
        }
        ConnectionState::Offline { broker, reason, .. } => tr.tr_args(
            "status-spoken-offline",
            &[
                ("broker", broker.as_str().into()),
                ("reason", reason.as_str().into()),
            ],
        ),
    }
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
        let (text, _) = describe(&tr, &state, now, &egui::Visuals::dark());
        assert_eq!(
            text,
            "Offline (h:1883): connection refused — retrying in 5 s"
        );
    }
}
