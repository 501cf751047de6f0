//! The diagnostics window: what the connection and the network have been
//! doing, so a user can see why something is or isn't happening.

use chrono::{DateTime, Local};

use crate::core::net::{ConnectionState, NetEvent};

use super::status;

#[derive(Debug, Default)]
pub struct Diagnostics {
    pub open: bool,
    tweets_received: u64,
    payloads_dropped: u64,
    last_dropped: Option<String>,
    connects: u64,
    last_error: Option<(String, DateTime<Local>)>,
}

/// Figures the app knows at drawing time rather than from events.
pub struct LiveFigures<'a> {
    pub connection: &'a ConnectionState,
    pub pending_tweets: usize,
    pub timeline_len: usize,
    pub timeline_limit: usize,
    pub overflowed_events: u64,
    pub client_id: &'a str,
}

impl Diagnostics {
    pub fn note(&mut self, event: &NetEvent) {
        match event {
            NetEvent::Tweet { .. } => self.tweets_received += 1,
            NetEvent::Dropped { topic, reason } => {
                self.payloads_dropped += 1;
                self.last_dropped = Some(format!("{topic}: {reason}"));
            }
            NetEvent::Connection(ConnectionState::Connected { .. }) => self.connects += 1,
            NetEvent::Connection(ConnectionState::Offline { reason, .. }) => {
                self.last_error = Some((reason.clone(), Local::now()));
            }
            _ => {}
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, live: &LiveFigures<'_>) {
        let mut open = self.open;
        egui::Window::new("Diagnostics")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("diagnostics-grid")
                    .num_columns(2)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| self.rows_ui(ui, live));
            });
        self.open = open;
    }

    fn rows_ui(&self, ui: &mut egui::Ui, live: &LiveFigures<'_>) {
        let (state, _) = status::describe(live.connection, std::time::Instant::now());
        let rows: [(&str, String); 9] = [
            ("Connection", state),
            (
                "Last error",
                self.last_error.as_ref().map_or_else(
                    || "none".to_owned(),
                    |(reason, at)| format!("{reason} (at {})", at.format("%H:%M:%S")),
                ),
            ),
            ("Reconnects", self.connects.saturating_sub(1).to_string()),
            ("Unsent tweets", live.pending_tweets.to_string()),
            ("Tweets received", self.tweets_received.to_string()),
            (
                "Payloads dropped",
                match &self.last_dropped {
                    Some(last) => format!("{} (last: {last})", self.payloads_dropped),
                    None => self.payloads_dropped.to_string(),
                },
            ),
            ("Events over capacity", live.overflowed_events.to_string()),
            (
                "Timeline",
                format!(
                    "{} of at most {} tweets",
                    live.timeline_len, live.timeline_limit
                ),
            ),
            ("Client id", live.client_id.to_owned()),
        ];
        for (name, value) in rows {
            ui.label(name);
            ui.add(egui::Label::new(value).wrap());
            ui.end_row();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn counts_what_happened() {
        let mut diagnostics = Diagnostics::default();
        let connected = NetEvent::Connection(ConnectionState::Connected { broker: "b".into() });
        diagnostics.note(&connected);
        diagnostics.note(&NetEvent::Connection(ConnectionState::Offline {
            broker: "b".into(),
            reason: "refused".into(),
            retry_at: Instant::now(),
        }));
        diagnostics.note(&connected);
        diagnostics.note(&NetEvent::Dropped {
            topic: "hashtags/x".into(),
            reason: "not UTF-8".into(),
        });
        assert_eq!(diagnostics.connects, 2);
        assert_eq!(diagnostics.payloads_dropped, 1);
        assert_eq!(
            diagnostics.last_error.map(|(r, _)| r),
            Some("refused".into())
        );
    }
}
