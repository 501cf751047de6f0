//! "Host a broker on this computer": starts the built-in broker on a port
//! the user picks, open or locked (`host_lock_form.rs`), and shows what
//! others should enter. Starting takes a moment (the users file is read,
//! the broker must pass a message), so it happens on a thread and the
//! panel looks for the result each frame.

use std::net::{Ipv4Addr, SocketAddr};

use crossbeam_channel::{Receiver, TryRecvError};

use super::host_lock_form::{HostLockForm, LockFiles};
use super::i18n::Translate as _;
use super::notices::Notice;
use super::style;
use crate::core::connection::broker::DEFAULT_PORT;
use crate::core::connection::hosted_broker::{HostAccess, HostedBroker};

pub struct HostBrokerPanel {
    port: String,
    lock: HostLockForm,
    state: State,
}

enum State {
    Idle {
        error: Option<Notice>,
    },
    /// The reason, as a sentence, when it did not start.
    Starting(Receiver<Result<Hosting, String>>),
    Running(Box<Hosting>),
}

struct Hosting {
    broker: HostedBroker,
    addresses: Vec<String>,
    users_file: Option<String>,
}

impl Default for HostBrokerPanel {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT.to_string(),
            lock: HostLockForm::default(),
            state: State::Idle { error: None },
        }
    }
}

impl HostBrokerPanel {
    /// True while the lock's fields take room in the dialog.
    pub fn is_lock_unfolded(&self) -> bool {
        matches!(self.state, State::Idle { .. }) && self.lock.is_unfolded()
    }

    /// Draws the panel. Returns how to reach the broker from this
    /// computer (and log in to it) once: in the frame it has started, for
    /// Chirp to connect to.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<HostAccess> {
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
            State::Running(hosting) => running_ui(ui, hosting),
        }
        started
    }

    fn idle_ui(&mut self, ui: &mut egui::Ui, error: Option<&str>) {
        let port = parse_port(&self.port);
        let files = self.lock.ui(ui);
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("host-port"));
            ui.add(egui::TextEdit::singleline(&mut self.port).desired_width(80.0))
                .labelled_by(label.id);
            let start = ui
                .add_enabled(
                    port.is_some() && files.is_some(),
                    egui::Button::new(ui.tr("host-start")),
                )
                .on_hover_text(ui.tr("host-start-hover"));
            if start.clicked()
                && let (Some(port), Some(files)) = (port, files)
            {
                self.start(ui.ctx(), port, files);
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

    fn start(&mut self, ctx: &egui::Context, port: u16, files: LockFiles) {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let ctx = ctx.clone();
        let listen = SocketAddr::from((Ipv4Addr::UNSPECIFIED, port));
        let spawned = std::thread::Builder::new()
            .name("broker-start".to_owned())
            .spawn(move || {
                let _ = tx.send(start_hosting(listen, &files));
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
    fn take_started(&mut self) -> Option<HostAccess> {
        let State::Starting(rx) = &self.state else {
            return None;
        };
        let error = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Ok(hosting)) => {
                let access = hosting.broker.own_access();
                self.state = State::Running(Box::new(hosting));
                return Some(access);
            }
            // The hosted broker's own reason (English for now).
            Ok(Err(reason)) => Notice::Text(reason),
            Err(TryRecvError::Disconnected) => Notice::tr("host-thread-ended"),
        };
        self.state = State::Idle { error: Some(error) };
        None
    }
}

/// Reads the users file and starts the broker (on the starting thread).
fn start_hosting(listen: SocketAddr, files: &LockFiles) -> Result<Hosting, String> {
    let options = files.options(listen).map_err(|e| capitalised(&e))?;
    let broker = HostedBroker::start_with(options).map_err(|e| capitalised(&e.to_string()))?;
    Ok(Hosting {
        addresses: broker.lan_addresses(),
        users_file: files.users.as_ref().map(|p| p.display().to_string()),
        broker,
    })
}

fn running_ui(ui: &mut egui::Ui, hosting: &Hosting) {
    let Hosting {
        broker,
        addresses,
        users_file,
    } = hosting;
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
    match users_file {
        Some(file) if broker.is_locked() => {
            let file = file.clone().into();
            ui.colored_label(
                style::ok(ui.visuals()),
                ui.tr_args("host-locked", &[("file", file)]),
            );
        }
        // Said plainly: an open broker is open to everyone on the network.
        _ => {
            ui.colored_label(style::warn(ui.visuals()), ui.tr("host-open-warning"));
        }
    }
    if broker.uses_tls() {
        ui.label(ui.tr("host-tls"));
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
