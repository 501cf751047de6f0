//! The "lock it" part of "Host a broker on this computer": a users file
//! (made by `chirp broker adduser`) and, for TLS, a certificate and its
//! key. All optional; empty means open and plain, as before. The files
//! are read on the broker's starting thread, never here.

use std::path::PathBuf;

use super::i18n::Translate as _;
use super::style;
use crate::core::connection::hosted_broker::{HostOptions, TlsFiles, Users};

/// How much taller the Settings dialog is with the form unfolded.
pub const LOCK_HEIGHT: f32 = 110.0;

#[derive(Default)]
pub struct HostLockForm {
    /// Ticked: the fields show and are used; else the broker is open.
    locking: bool,
    users_file: String,
    cert_file: String,
    key_file: String,
}

/// The files asked for, checked for shape (not yet read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockFiles {
    pub users: Option<PathBuf>,
    pub tls: Option<TlsFiles>,
}

impl LockFiles {
    /// The options to start with: the users file is read here, so call
    /// this off the UI thread. Its error is the reason, as a sentence.
    pub fn options(&self, listen: std::net::SocketAddr) -> Result<HostOptions, String> {
        let users = match &self.users {
            Some(path) => Some(Users::load(path).map_err(|e| e.to_string())?),
            None => None,
        };
        Ok(HostOptions {
            listen,
            users,
            tls: self.tls.clone(),
        })
    }
}

impl HostLockForm {
    pub fn is_unfolded(&self) -> bool {
        self.locking
    }

    /// The tick box, then (ticked) the three fields; returns what they
    /// ask for, or None (and says why) when a certificate comes without
    /// its key or the other way round.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<LockFiles> {
        ui.checkbox(&mut self.locking, ui.tr("host-lock"));
        if !self.locking {
            return Some(LockFiles {
                users: None,
                tls: None,
            });
        }
        egui::Grid::new("host-lock")
            .num_columns(2)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                path_row_ui(ui, "host-users", "host-users-hint", &mut self.users_file);
                path_row_ui(ui, "host-cert", "host-file-hint", &mut self.cert_file);
                path_row_ui(ui, "host-key", "host-file-hint", &mut self.key_file);
            });
        ui.label(egui::RichText::new(ui.tr("host-users-how")).color(style::weak(ui)));
        let files = self.files();
        if files.is_none() {
            ui.colored_label(style::error(ui.visuals()), ui.tr("host-tls-both"));
        }
        files
    }

    fn files(&self) -> Option<LockFiles> {
        let path = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| PathBuf::from(text))
        };
        let tls = match (path(&self.cert_file), path(&self.key_file)) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            (None, None) => None,
            _ => return None,
        };
        Some(LockFiles {
            users: path(&self.users_file),
            tls,
        })
    }
}

fn path_row_ui(ui: &mut egui::Ui, label: &str, hint: &str, text: &mut String) {
    let label = ui.label(ui.tr(label));
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(ui.tr(hint))
            .desired_width(280.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(users: &str, cert: &str, key: &str) -> HostLockForm {
        HostLockForm {
            locking: true,
            users_file: users.into(),
            cert_file: cert.into(),
            key_file: key.into(),
        }
    }

    #[test]
    fn empty_fields_host_open_and_plain() {
        let files = form(" ", "", "").files().expect("valid");
        assert_eq!(
            files,
            LockFiles {
                users: None,
                tls: None
            }
        );
    }

    #[test]
    fn a_certificate_needs_its_key_and_the_other_way_round() {
        assert!(form("", "/srv/b.crt", "").files().is_none());
        assert!(form("", "", "/srv/b.key").files().is_none());
        let files = form(" /srv/users ", "/srv/b.crt", "/srv/b.key")
            .files()
            .expect("valid");
        assert_eq!(files.users, Some(PathBuf::from("/srv/users")));
        assert_eq!(
            files.tls,
            Some(TlsFiles {
                cert: "/srv/b.crt".into(),
                key: "/srv/b.key".into()
            })
        );
    }

    #[test]
    fn a_users_file_that_cannot_be_read_is_the_reason() {
        let files = LockFiles {
            users: Some("/nonexistent/chirp-users".into()),
            tls: None,
        };
        let listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let error = files.options(listen).expect_err("no such file");
        assert!(error.contains("/nonexistent/chirp-users"), "{error}");
    }
}
