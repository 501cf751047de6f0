//! The settings dialog: which broker to use, and the classic format option.

use super::host_broker::HostBrokerPanel;
use super::style;
use crate::core::broker::BrokerAddress;

/// The range offered for how many tweets are kept.
const MIN_TIMELINE: usize = 100;
const MAX_TIMELINE: usize = 1_000_000;

/// The dialog's fields while it is open.
#[derive(Debug, Clone)]
pub struct SettingsDialog {
    host: String,
    port: String,
    tls: bool,
    /// The broker being edited: its carrier (TCP or WebSocket) and path
    /// are kept; the TLS box only switches encryption.
    original: BrokerAddress,
    classic_format: bool,
    timeline_limit: usize,
    error: Option<String>,
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedSettings {
    pub broker: BrokerAddress,
    pub classic_format: bool,
    pub timeline_limit: usize,
}

pub enum DialogOutcome {
    Open,
    Cancelled,
    Applied(AppliedSettings),
    /// The built-in broker just started: connect to it, dialog still open.
    Hosting(BrokerAddress),
}

impl SettingsDialog {
    pub fn new(broker: &BrokerAddress, classic_format: bool, timeline_limit: usize) -> Self {
        Self {
            host: broker.host.clone(),
            port: broker.port.to_string(),
            tls: broker.transport.is_secure(),
            original: broker.clone(),
            classic_format,
            timeline_limit,
            error: None,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, host: &mut HostBrokerPanel) -> DialogOutcome {
        let mut outcome = DialogOutcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("settings-dialog")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.heading("Settings");
            ui.add_space(8.0);
            egui::Grid::new("settings-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                let label = ui.label("Broker host");
                ui.add(egui::TextEdit::singleline(&mut self.host).desired_width(220.0))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Port");
                ui.add(egui::TextEdit::singleline(&mut self.port).desired_width(80.0))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("");
                if ui.checkbox(&mut self.tls, "Use TLS (mqtts)").changed() {
                    self.follow_default_port();
                }
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut self.classic_format, "Classic format (publish \"user: text\")")
                    .on_hover_text("For classic clients that show plain text; Chirp readers still show your tweets.");
                ui.end_row();
                let label = ui.label("Keep tweets");
                ui.add(
                    egui::DragValue::new(&mut self.timeline_limit)
                        .range(MIN_TIMELINE..=MAX_TIMELINE)
                        .speed(100.0),
                )
                .labelled_by(label.id)
                .on_hover_text("The newest this many are shown and kept on disk; takes effect at the next start.");
                ui.end_row();
            });
            if let Some(error) = &self.error {
                ui.colored_label(style::ERROR, error);
            }
            ui.separator();
            if let Some(hosted) = host.ui(ui) {
                self.show_broker(&hosted);
                outcome = DialogOutcome::Hosting(hosted);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    match self.applied() {
                        Ok(applied) => outcome = DialogOutcome::Applied(applied),
                        Err(e) => self.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = DialogOutcome::Cancelled;
                }
            });
        });
        if modal.should_close() && matches!(outcome, DialogOutcome::Open) {
            outcome = DialogOutcome::Cancelled;
        }
        outcome
    }

    /// The fields now name `broker`, so Apply keeps it.
    fn show_broker(&mut self, broker: &BrokerAddress) {
        self.host = broker.host.clone();
        self.port = broker.port.to_string();
        self.tls = broker.transport.is_secure();
    }

    /// Ticking TLS moves a default port to the TLS default and back; a
    /// port the user chose stays.
    fn follow_default_port(&mut self) {
        let to = self.transport().default_port();
        let from = self.transport().with_security(!self.tls).default_port();
        if self.port.trim() == from.to_string() {
            self.port = to.to_string();
        }
    }

    fn transport(&self) -> crate::core::broker::Transport {
        self.original.transport.with_security(self.tls)
    }

    fn applied(&self) -> Result<AppliedSettings, String> {
        let port: u16 = self
            .port
            .trim()
            .parse()
            .ok()
            .filter(|&p| p > 0)
            .ok_or_else(|| format!("{:?} is not a port (1-65535)", self.port.trim()))?;
        let host = self.host.trim();
        let broker =
            BrokerAddress::parse(&format!("{}://{host}:{port}", self.transport().scheme()))
                .map(|parsed| BrokerAddress {
                    path: self.original.path.clone(),
                    ..parsed
                })
                .map_err(|e| e.to_string())?;
        Ok(AppliedSettings {
            broker,
            classic_format: self.classic_format,
            timeline_limit: self.timeline_limit.clamp(MIN_TIMELINE, MAX_TIMELINE),
        })
    }
}
