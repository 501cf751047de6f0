//! The form for one connection profile, as text fields while it is edited.

use std::path::PathBuf;

use super::i18n::{Translate as _, Translations};
use super::style;
use crate::core::connection::broker::{BrokerAddress, Transport};
use crate::core::connection::net::{Qos, Secret, TlsOptions};
use crate::core::connection::profile::{PasswordPlace, Profile};
use crate::core::protocol::topic_root::TopicRoot;

#[derive(Debug, Clone)]
pub struct ProfileDraft {
    /// The saved profile this edits (None: new), for what the form keeps.
    original: Option<Profile>,
    pub name: String,
    transport: Transport,
    host: String,
    port: String,
    path: String,
    login: String,
    /// Typed this time; empty keeps the saved one.
    password: String,
    client_id: String,
    keep_alive_secs: u16,
    topic_root: String,
    qos: Qos,
    ca_file: String,
    accept_invalid_certs: bool,
}

impl ProfileDraft {
    pub fn of(profile: &Profile) -> Self {
        Self {
            original: Some(profile.clone()),
            name: profile.name.clone(),
            transport: profile.broker.transport,
            host: profile.broker.host.clone(),
            port: profile.broker.port.to_string(),
            path: profile.broker.path.clone(),
            login: profile.login.clone(),
            password: String::new(),
            client_id: profile.client_id.clone(),
            keep_alive_secs: profile.keep_alive_secs,
            topic_root: profile.topic_root.to_string(),
            qos: profile.qos,
            ca_file: profile
                .tls
                .ca_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            accept_invalid_certs: profile.tls.accept_invalid_certs,
        }
    }

    /// A new profile: a copy of `template` under another name.
    pub fn new_from(template: &Profile, name: String) -> Self {
        Self {
            original: None,
            name,
            login: String::new(),
            client_id: String::new(),
            ..Self::of(template)
        }
    }

    /// Points the form at `broker` (the built-in broker just started).
    pub fn show_broker(&mut self, broker: &BrokerAddress) {
        self.transport = broker.transport;
        self.host = broker.host.clone();
        self.port = broker.port.to_string();
        self.path = broker.path.clone();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("profile-grid")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.tr("profile-name");
                field(ui, &label, &mut self.name, 220.0, "");
                self.broker_rows_ui(ui);
                self.login_rows_ui(ui);
                self.session_rows_ui(ui);
                if self.transport.is_secure() {
                    let (label, hint) = (ui.tr("profile-ca-file"), ui.tr("profile-ca-file-hint"));
                    field(ui, &label, &mut self.ca_file, 220.0, &hint);
                    ui.label("");
                    let accept = ui.tr("profile-accept-invalid");
                    ui.checkbox(&mut self.accept_invalid_certs, accept);
                    ui.end_row();
                }
            });
        if self.transport.is_secure() && self.accept_invalid_certs {
            ui.colored_label(
                style::error(ui.visuals()),
                ui.tr("profile-invalid-certs-warning"),
            );
        }
    }

    /// Transport, host, port and (WebSockets) path.
    fn broker_rows_ui(&mut self, ui: &mut egui::Ui) {
        let label = ui.label(ui.tr("profile-transport"));
        let before = self.transport;
        egui::ComboBox::from_id_salt("transport")
            .selected_text(transport_label(ui, self.transport))
            .show_ui(ui, |ui| {
                for transport in Transport::ALL {
                    let label = transport_label(ui, transport);
                    ui.selectable_value(&mut self.transport, transport, label);
                }
            })
            .response
            .labelled_by(label.id);
        // A port left at the old transport's default follows the new one.
        if before != self.transport && self.port.trim() == before.default_port().to_string() {
            self.port = self.transport.default_port().to_string();
        }
        ui.end_row();
        let label = ui.tr("profile-host");
        field(ui, &label, &mut self.host, 220.0, "broker.example.org");
        let label = ui.tr("profile-port");
        field(ui, &label, &mut self.port, 80.0, "");
        if self.transport.is_websocket() {
            let label = ui.tr("profile-path");
            field(ui, &label, &mut self.path, 120.0, "/mqtt");
        }
    }

    /// Login and password; the hint says where a saved password is.
    fn login_rows_ui(&mut self, ui: &mut egui::Ui) {
        let (label, hint) = (ui.tr("profile-login"), ui.tr("profile-login-hint"));
        field(ui, &label, &mut self.login, 160.0, &hint);
        let label = ui.label(ui.tr("profile-password"));
        let hint = match self.original.as_ref().map(|p| p.password_place) {
            Some(PasswordPlace::Keyring) => ui.tr("profile-password-in-keyring"),
            Some(PasswordPlace::SettingsFile) => ui.tr("profile-password-in-file"),
            _ => String::new(),
        };
        ui.add(
            egui::TextEdit::singleline(&mut self.password)
                .password(true)
                .hint_text(hint)
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }

    /// Client id, keep-alive, topic root and delivery (QoS).
    fn session_rows_ui(&mut self, ui: &mut egui::Ui) {
        let (label, hint) = (ui.tr("profile-client-id"), ui.tr("profile-client-id-hint"));
        field(ui, &label, &mut self.client_id, 220.0, &hint);
        let label = ui.label(ui.tr("profile-keep-alive"));
        ui.add(egui::DragValue::new(&mut self.keep_alive_secs).range(0..=3600))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.tr("profile-topic-root");
        field(ui, &label, &mut self.topic_root, 160.0, "hashtags");
        let label = ui.label(ui.tr("profile-delivery"));
        egui::ComboBox::from_id_salt("qos")
            .selected_text(qos_label(ui, self.qos))
            .show_ui(ui, |ui| {
                for qos in Qos::ALL {
                    let label = qos_label(ui, qos);
                    ui.selectable_value(&mut self.qos, qos, label);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(ui.tr("profile-delivery-hover"));
        ui.end_row();
    }

    /// The profile the form describes, and a newly typed password. A
    /// broker address or topic root core refuses is told in its words.
    pub fn to_profile(&self, tr: &Translations) -> Result<(Profile, Option<Secret>), String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(tr.tr("profile-error-no-name"));
        }
        let port: u16 = self
            .port
            .trim()
            .parse()
            .ok()
            .filter(|&p| p > 0)
            .ok_or_else(|| {
                let port = self.port.trim().to_owned();
                tr.tr_args("profile-error-port", &[("port", port.into())])
            })?;
        let path = if self.transport.is_websocket() {
            self.path.trim()
        } else {
            ""
        };
        let url = format!(
            "{}://{}:{port}{path}",
            self.transport.scheme(),
            self.host.trim()
        );
        let mut broker = BrokerAddress::parse(&url).map_err(|e| e.to_string())?;
        if !self.transport.is_websocket() {
            // Kept for switching back to a WebSocket.
            broker.path = self.path.trim().to_owned();
        }
        let topic_root = TopicRoot::parse(&self.topic_root).map_err(|e| e.to_string())?;
        let ca_file = Some(self.ca_file.trim())
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        let base = self.original.clone().unwrap_or_default();
        let login = self.login.trim().to_owned();
        let typed = (!self.password.is_empty()).then(|| Secret::new(self.password.clone()));
        let mut profile = Profile {
            name: name.to_owned(),
            broker,
            client_id: self.client_id.trim().to_owned(),
            keep_alive_secs: self.keep_alive_secs,
            topic_root,
            qos: self.qos,
            tls: TlsOptions {
                ca_file,
                accept_invalid_certs: self.accept_invalid_certs,
                pinned: None,
            },
            ..base
        };
        if login.is_empty() {
            profile.password_place = PasswordPlace::Nowhere;
            profile.saved_password = None;
        }
        // Another login or broker: the saved password was for that one.
        if (login != profile.login || profile.broker != base.broker) && typed.is_none() {
            profile.password_place = PasswordPlace::Nowhere;
            profile.saved_password = None;
        }
        profile.login = login;
        Ok((profile, typed.filter(|_| !self.login.trim().is_empty())))
    }
}

fn field(ui: &mut egui::Ui, name: &str, value: &mut String, width: f32, hint: &str) {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn transport_label(ui: &egui::Ui, transport: Transport) -> String {
    match transport {
        Transport::Tcp => ui.tr("profile-transport-tcp"),
        Transport::Tls => ui.tr("profile-transport-tls"),
        Transport::Ws => ui.tr("profile-transport-ws"),
        Transport::Wss => ui.tr("profile-transport-wss"),
    }
}

fn qos_label(ui: &egui::Ui, qos: Qos) -> String {
    match qos {
        Qos::AtMostOnce => ui.tr("profile-qos-0"),
        Qos::AtLeastOnce => ui.tr("profile-qos-1"),
    }
}
