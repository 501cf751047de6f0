//! "Host a broker on this computer": starts the built-in broker on a port
//! the user picks and shows what others should enter. Starting takes a
//! moment (the broker must pass a message first), so it happens on a
//! thread and the panel looks for the result each frame.

use std::net::{Ipv4Addr, SocketAddr};

use crossbeam_channel::{Receiver, TryRecvError};

use super::i18n::Translate as _;
use super::notices::Notice;
use super::style;
use crate::core::connection::broker::{BrokerAddress, DEFAULT_PORT};
use crate::core::connection::hosted_broker::{HostError, HostedBroker};

pub struct HostBrokerPanel {
    port: String,
    state: State,
}

enum State {
    Idle {
        error: Option<Notice>,
    },
    Starting(Receiver<Result<HostedBroker, HostError>>),
    Running {
        broker: HostedBroker,
        addresses: Vec<String>,
    },
}

impl Default for HostBrokerPanel {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT.to_string(),
            state: State::Idle { error: None },
        }
    }
}

impl HostBrokerPanel {
    /// Draws the panel. Returns the broker, as this computer reaches it,
    /// once: in the frame it has started, for Chirp to connect to.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<BrokerAddress> {
        let started = self.take_started();
        ui.strong(ui.tr("host-heading"));
        match &self.state {
            State::Idle { error } => {
                let error = error.as_ref().map(|e| e.text(&ui.translations()));
                self.idle_ui(ui, error.as_deref());
            }
            State::Starting(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(ui.tr("host-starting"));
                });
            }
            State::Running { broker, addresses } => running_ui(ui, broker, addresses),
        }
        started
    }

    fn idle_ui(&mut self, ui: &mut egui::Ui, error: Option<&str>) {
        let port = parse_port(&self.port);
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("host-port"));
            ui.add(egui::TextEdit::singleline(&mut self.port).desired_width(80.0))
                .labelled_by(label.id);
            let start = ui
                .add_enabled(port.is_some(), egui::Button::new(ui.tr("host-start")))
                .on_hover_text(ui.tr("host-start-hover"));
            if start.clicked()
                && let Some(port) = port
            {
                self.start(ui.ctx(), port);
            }
        });
        if port.is_none() {
            let text = self.port.trim().to_owned();
            ui.colored_label(
                style::error(ui.visuals()),
                ui.tr_args("host-bad-port", &[("text", text.into())]),
            );
        } else if let Some(error) = error {
            ui.colored_label(style::error(ui.visuals()), error);
        }
    }

    fn start(&mut self, ctx: &egui::Context, port: u16) {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let ctx = ctx.clone();
        let listen = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
        let spawned = std::thread::Builder::new()
            .name("broker-start".to_owned())
            .spawn(move || {
                let _ = tx.send(HostedBroker::start(listen));
                ctx.request_repaint();
            });
        self.state = match spawned {
            Ok(_) => State::Starting(rx),
            Err(e) => State::Idle {
                error: Some(Notice::tr_args(
                    "host-not-started",
                    &[("error", e.to_string().into())],
                )),
            },
        };
    }

    /// Moves a finished start on to Running (returning where to connect)
    /// or back to Idle with the reason.
    fn take_started(&mut self) -> Option<BrokerAddress> {
        let State::Starting(rx) = &self.state else {
            return None;
        };
        let error = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Ok(broker)) => {
                let local = broker.local_broker();
                let addresses = broker.lan_addresses();
                self.state = State::Running { broker, addresses };
                return Some(local);
            }
            // The hosted broker's own reason (English for now).
            Ok(Err(e)) => Notice::Text(capitalised(&e.to_string())),
            Err(TryRecvError::Disconnected) => Notice::tr("host-thread-ended"),
        };
        self.state = State::Idle { error: Some(error) };
        None
    }
}

fn running_ui(ui: &mut egui::Ui, broker: &HostedBroker, addresses: &[String]) {
    // A port is a name, not a count: never grouped ("1,883").
    let port = broker.port().to_string();
    ui.colored_label(
        style::ok(ui.visuals()),
        ui.tr_args("host-running", &[("port", port.into())]),
    );
    if addresses.is_empty() {
        ui.label(ui.tr("host-no-address"));
    }
    for address in addresses {
        ui.add(egui::Label::new(egui::RichText::new(address).monospace()).selectable(true));
    }
    ui.label(
        egui::RichText::new(ui.tr_args(
            "host-local",
            &[("address", broker.local_broker().to_string().into())],
        ))
        .color(style::weak(ui)),
    );
    if !broker.is_locked() {
        // Said plainly: an open broker is open to everyone on the network.
        ui.colored_label(style::warn(ui.visuals()), ui.tr("host-open-warning"));
    }
}

/// The port typed, if it is one. 0 asks for any free port.
fn parse_port(text: &str) -> Option<u16> {
    text.trim().parse().ok()
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_is_a_number_up_to_65535() {
        assert_eq!(parse_port(" 1884 "), Some(1884));
        assert_eq!(parse_port("0"), Some(0));
        assert_eq!(parse_port("70000"), None, "too big");
        assert!(parse_port("").is_none());
        assert!(parse_port("abc").is_none());
    }

    #[test]
    fn errors_start_with_a_capital() {
        assert_eq!(capitalised("port 1 is busy"), "Port 1 is busy");
        assert_eq!(capitalised(""), "");
    }
}
