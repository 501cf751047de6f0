//! The diagnostics window: what the connection and the network have been
//! doing, so a user can see why something is or isn't happening; the round
//! trip of your own tweets, and the broker's own figures when it publishes
//! them.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Local};

use crate::core::connection::net::{BrokerFigure, ConnectionState, NetEvent};
use crate::core::desktop::logging;

use super::i18n::{Translate as _, Translations, format_decimal};
use super::status;

#[derive(Debug, Default)]
pub struct Diagnostics {
    pub open: bool,
    tweets_received: u64,
    payloads_dropped: u64,
    last_dropped: Option<String>,
    /// Dropped because their signature did not hold ("forged: …").
    forged: u64,
    /// Dropped because a good signature covered other hashtags: a copy
    /// replayed onto a tag it was not written for.
    replayed: u64,
    connects: u64,
    last_error: Option<(String, DateTime<Local>)>,
    /// The latest round trips of our own tweets, newest last.
    round_trips: VecDeque<Duration>,
    /// The broker's `$SYS` figures, in the order they first came.
    broker_figures: Vec<BrokerFigure>,
}

/// Round trips kept for the median.
const ROUND_TRIPS_KEPT: usize = 64;

/// Figures the app knows at drawing time rather than from events.
pub struct LiveFigures<'a> {
    pub connection: &'a ConnectionState,
    pub pending_tweets: usize,
    pub timeline_len: usize,
    pub timeline_limit: usize,
    pub overflowed_events: u64,
    pub client_id: &'a str,
    /// Desktop notifications: on, off, or why they can't be shown.
    pub notifications: &'a str,
}

impl Diagnostics {
    /// Tweets taken in from the network since the window opened.
    pub fn tweets_received(&self) -> u64 {
        self.tweets_received
    }

    pub fn note(&mut self, event: &NetEvent) {
        match event {
            NetEvent::Tweet { .. } => self.tweets_received += 1,
            NetEvent::Dropped { topic, reason } => {
                self.payloads_dropped += 1;
                self.last_dropped = Some(format!("{topic}: {reason}"));
                if reason.starts_with("forged:") {
                    self.forged += 1;
                } else if reason.contains("replayed onto") {
                    self.replayed += 1;
                }
            }
            NetEvent::Connection(ConnectionState::Connected { .. }) => self.connects += 1,
            NetEvent::Connection(ConnectionState::Offline { reason, .. }) => {
                self.last_error = Some((reason.clone(), Local::now()));
            }
            NetEvent::RoundTrip(trip) => {
                if self.round_trips.len() == ROUND_TRIPS_KEPT {
                    self.round_trips.pop_front();
                }
                self.round_trips.push_back(*trip);
            }
            NetEvent::BrokerFigure(figure) => {
                match self
                    .broker_figures
                    .iter_mut()
                    .find(|f| f.name == figure.name)
                {
                    Some(known) => known.value.clone_from(&figure.value),
                    None => self.broker_figures.push(figure.clone()),
                }
            }
            _ => {}
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, live: &LiveFigures<'_>) {
        let mut open = self.open;
        egui::Window::new(ctx.tr("diagnostics-title"))
            .id(egui::Id::unique("diagnostics-window"))
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
        let tr = ui.translations();
        let count = |n: u64| tr.tr_args("diagnostics-count", &[("count", n.into())]);
        let rows: [(String, String); 9] = [
            (
                tr.tr("diagnostics-connection"),
                connection_text(&tr, live, ui.visuals()),
            ),
            (tr.tr("diagnostics-last-error"), self.last_error_text(&tr)),
            (
                tr.tr("diagnostics-reconnects"),
                count(self.connects.saturating_sub(1)),
            ),
            (
                tr.tr("diagnostics-unsent"),
                count(live.pending_tweets as u64),
            ),
            (tr.tr("diagnostics-received"), count(self.tweets_received)),
            (tr.tr("diagnostics-dropped"), self.dropped_text(&tr)),
            (
                tr.tr("diagnostics-overflowed"),
                count(live.overflowed_events),
            ),
            (
                tr.tr("diagnostics-timeline"),
                tr.tr_args(
                    "diagnostics-timeline-size",
                    &[
                        ("count", live.timeline_len.into()),
                        ("limit", live.timeline_limit.into()),
                    ],
                ),
            ),
            (tr.tr("diagnostics-client-id"), live.client_id.to_owned()),
        ];
        let more: [(String, String); 4] = [
            (tr.tr("diagnostics-round-trip"), self.round_trip_text(&tr)),
            (
                tr.tr("diagnostics-notifications"),
                live.notifications.to_owned(),
            ),
            (tr.tr("diagnostics-forged"), count(self.forged)),
            (tr.tr("diagnostics-replayed"), count(self.replayed)),
        ];
        // The broker's own names ($SYS topics), as it publishes them.
        let figures = self
            .broker_figures
            .iter()
            .map(|f| (f.name.to_owned(), f.value.clone()));
        for (name, value) in rows.into_iter().chain(more).chain(figures) {
            ui.label(name);
            ui.add(egui::Label::new(value).wrap());
            ui.end_row();
        }
        if self.broker_figures.is_empty() {
            ui.label(tr.tr("diagnostics-broker-figures"));
            ui.label(tr.tr("diagnostics-no-broker-figures"));
            ui.end_row();
        }
        ui.label(tr.tr("diagnostics-log-file"));
        log_file_ui(ui);
        ui.end_row();
    }

    /// The network's reason (English, from the connection) and when.
    fn last_error_text(&self, tr: &Translations) -> String {
        self.last_error.as_ref().map_or_else(
            || tr.tr("diagnostics-none"),
            |(reason, at)| {
                let at = at.format("%H:%M:%S").to_string();
                tr.tr_args(
                    "diagnostics-error-at",
                    &[("reason", reason.as_str().into()), ("time", at.into())],
                )
            },
        )
    }

    fn dropped_text(&self, tr: &Translations) -> String {
        match &self.last_dropped {
            Some(last) => tr.tr_args(
                "diagnostics-dropped-last",
                &[
                    ("count", self.payloads_dropped.into()),
                    ("last", last.as_str().into()),
                ],
            ),
            None => tr.tr_args(
                "diagnostics-count",
                &[("count", self.payloads_dropped.into())],
            ),
        }
    }

    /// "12.3 ms latest, 10.1 ms median of 8", or why there is none.
    pub fn round_trip_text(&self, tr: &Translations) -> String {
        let Some(latest) = self.round_trips.back() else {
            return tr.tr("diagnostics-no-round-trip");
        };
        let mut sorted: Vec<Duration> = self.round_trips.iter().copied().collect();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        let ms = |d: &Duration| format_decimal(tr.language(), d.as_secs_f64() * 1000.0, 1);
        tr.tr_args(
            "diagnostics-round-trip-figures",
            &[
                ("latest", ms(latest).into()),
                ("median", ms(&median).into()),
                ("count", sorted.len().into()),
            ],
        )
    }
}

fn connection_text(tr: &Translations, live: &LiveFigures<'_>, visuals: &egui::Visuals) -> String {
    status::describe(tr, live.connection, std::time::Instant::now(), visuals).0
}

/// The log's path, and a button that opens its folder.
fn log_file_ui(ui: &mut egui::Ui) {
    let Some(path) = logging::log_file() else {
        ui.label(ui.tr("diagnostics-no-log-file"));
        return;
    };
    ui.horizontal(|ui| {
        ui.add(egui::Label::new(path.display().to_string()).wrap());
        if ui.button(ui.tr("diagnostics-open-folder")).clicked()
            && let Some(dir) = path.parent()
        {
            open_folder(dir);
        }
    });
}

/// The desktop's file manager on `dir`. Not waited for (a thread reaps
/// it), so a slow file manager never holds a frame.
fn open_folder(dir: &std::path::Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener).arg(dir).spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(error) => tracing::warn!(%error, opener, "could not open the log folder"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;
    use std::time::{Duration, Instant};

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
        for reason in [
            "forged: the signature does not verify",
            "signed for other hashtags than #x: replayed onto it",
        ] {
            diagnostics.note(&NetEvent::Dropped {
                topic: "hashtags/x".into(),
                reason: reason.into(),
            });
        }
        assert_eq!(diagnostics.connects, 2);
        assert_eq!(diagnostics.payloads_dropped, 3);
        assert_eq!((diagnostics.forged, diagnostics.replayed), (1, 1));
        assert_eq!(
            diagnostics.last_error.map(|(r, _)| r),
            Some("refused".into())
        );
    }

    #[test]
    fn round_trips_show_the_latest_and_the_median() {
        let mut diagnostics = Diagnostics::default();
        let tr = Translations::new(Language::English);
        assert!(diagnostics.round_trip_text(&tr).starts_with("none yet"));
        for ms in [30, 10, 20] {
            diagnostics.note(&NetEvent::RoundTrip(Duration::from_millis(ms)));
        }
        assert_eq!(
            diagnostics.round_trip_text(&tr),
            "20.0 ms latest, 20.0 ms median of 3"
        );
        let german = Translations::new(Language::German);
        assert_eq!(
            diagnostics.round_trip_text(&german),
            "zuletzt 20,0 ms, Median 20,0 ms aus 3"
        );
        for _ in 0..100 {
            diagnostics.note(&NetEvent::RoundTrip(Duration::from_millis(5)));
        }
        assert_eq!(diagnostics.round_trips.len(), ROUND_TRIPS_KEPT);
    }
}
