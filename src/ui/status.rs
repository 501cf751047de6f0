//! The connection status as one truthful line: what it is, where, and for
//! how long until the next try.

use std::time::Instant;

use egui::Color32;

use super::style;
use crate::core::connection::net::ConnectionState;

/// The text and colour for a connection state at `now`.
pub fn describe(
    state: &ConnectionState,
    now: Instant,
    visuals: &egui::Visuals,
) -> (String, Color32) {
    match state {
        ConnectionState::Connecting { broker } => {
            (format!("Connecting to {broker}…"), style::warn(visuals))
        }
        ConnectionState::Connected { broker } => {
            (format!("Connected to {broker}"), style::ok(visuals))
        }
        ConnectionState::Offline {
            broker,
            reason,
            retry_at,
        } => {
            let secs = retry_at.saturating_duration_since(now).as_secs_f32().ceil();
            (
                format!("Offline ({broker}): {reason} — retrying in {secs:.0} s"),
                style::error(visuals),
            )
        }
    }
}

/// A coloured dot and the status text, cut to `width` (the whole text
/// shows on hover).
pub fn ui(ui: &mut egui::Ui, state: &ConnectionState, width: f32) {
    let (text, colour) = describe(state, Instant::now(), ui.visuals());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
    let text_width = (width - 10.0 - ui.spacing().item_spacing.x).max(60.0);
    // A status region, announced when it changes; named without the
    // countdown, which would be announced every second.
    let region = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::Status)
        .accessibility_label(spoken_text(state));
    ui.scope_builder(region, |ui| {
        super::spoken::live(ui);
        ui.set_max_width(text_width);
        let shown = ui.add(egui::Label::new(text).truncate());
        super::spoken::quiet(&shown);
    });
}

/// The status as a screen reader announces it.
fn spoken_text(state: &ConnectionState) -> String {
    match state {
        ConnectionState::Connecting { broker } => format!("Connecting to {broker}"),
        ConnectionState::Connected { broker } => format!("Connected to {broker}"),
        ConnectionState::Offline { broker, reason, .. } => {
            format!("Offline ({broker}): {reason}, retrying")
        }
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
        let (text, _) = describe(&state, now, &egui::Visuals::dark());
        assert_eq!(
            text,
            "Offline (h:1883): connection refused — retrying in 5 s"
        );
    }
}
