//! "Host a broker on this computer": starts the built-in broker on a port
//! the user picks and shows what others should enter. Starting takes a
//! moment (the broker must pass a message first), so it happens on a
//! thread and the panel looks for the result each frame.

use std::net::{Ipv4Addr, SocketAddr};

use crossbeam_channel::{Receiver, TryRecvError};

use super::style;
use crate::core::connection::broker::{BrokerAddress, DEFAULT_PORT};
use crate::core::connection::hosted_broker::{HostError, HostedBroker};

pub struct HostBrokerPanel {
    port: String,
    state: State,
}

enum State {
    Idle {
        error: Option<String>,
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
        ui.strong("Host a broker on this computer");
        match &self.state {
            State::Idle { error } => {
                let error = error.clone();
                self.idle_ui(ui, error.as_deref());
            }
            State::Starting(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Starting the broker…");
                });
            }
            State::Running { broker, addresses } => running_ui(ui, broker, addresses),
        }
        started
    }

    fn idle_ui(&mut self, ui: &mut egui::Ui, error: Option<&str>) {
        let port = parse_port(&self.port);
        ui.horizontal(|ui| {
            let label = ui.label("Listen on port");
            ui.add(egui::TextEdit::singleline(&mut self.port).desired_width(80.0))
                .labelled_by(label.id);
            let start = ui
                .add_enabled(port.is_ok(), egui::Button::new("Start broker"))
                .on_hover_text("Others on your network can then connect to this computer.");
            if start.clicked()
                && let Ok(port) = port
            {
                self.start(ui.ctx(), port);
            }
        });
        if let Err(reason) = port {
            ui.colored_label(style::error(ui.visuals()), reason);
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
                error: Some(format!("Could not start the broker: {e}")),
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
            Ok(Err(e)) => capitalised(&e.to_string()),
            Err(TryRecvError::Disconnected) => {
                "The broker could not start: its starting thread ended unexpectedly.".to_owned()
            }
        };
        self.state = State::Idle { error: Some(error) };
        None
    }
}

fn running_ui(ui: &mut egui::Ui, broker: &HostedBroker, addresses: &[String]) {
    ui.colored_label(
        style::ok(ui.visuals()),
        format!("Running on port {} — others enter:", broker.port()),
    );
    if addresses.is_empty() {
        ui.label("No network address found: only this computer can connect.");
    }
    for address in addresses {
        ui.add(egui::Label::new(egui::RichText::new(address).monospace()).selectable(true));
    }
    ui.label(
        egui::RichText::new(format!(
            "On this computer: {}. It runs until Chirp closes.",
            broker.local_broker()
        ))
        .color(style::weak(ui)),
    );
}

/// The port typed, or why it isn't one. 0 asks for any free port.
fn parse_port(text: &str) -> Result<u16, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "{:?} is not a port: enter 1-65535 (0: any free port)",
            text.trim()
        )
    })
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
        assert_eq!(parse_port(" 1884 "), Ok(1884));
        assert_eq!(parse_port("0"), Ok(0));
        let reason = parse_port("70000").expect_err("too big");
        assert_eq!(
            reason,
            "\"70000\" is not a port: enter 1-65535 (0: any free port)"
        );
        assert!(parse_port("").is_err());
        assert!(parse_port("abc").is_err());
    }

    #[test]
    fn errors_start_with_a_capital() {
        assert_eq!(capitalised("port 1 is busy"), "Port 1 is busy");
        assert_eq!(capitalised(""), "");
    }
}
