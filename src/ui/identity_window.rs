//! Settings → Identity: this person's fingerprint (full key on hover and
//! copy), the display name and bio their signed profile carries, and
//! moving the identity: Export (a passphrase-encrypted file, the
//! passphrase's strength checked first), Import, and Create a new one
//! (after a warning). The work itself (Argon2, files, the keyring) is done
//! off the UI thread by whoever receives the `IdentityAction`.

use egui::RichText;

use super::i18n::Translate as _;
use super::notices::Notice;
use super::style;
use crate::core::desktop::identity_store::KeyHome;
use crate::core::model::author_key::AuthorKey;
use crate::core::model::secret::Secret;
use crate::core::protocol::passphrase::check_passphrase;
use crate::core::social::profile::About;

/// What the person asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityAction {
    SaveAbout(About),
    Export { path: String, passphrase: Secret },
    Import { path: String, passphrase: Secret },
    CreateNew,
}

/// The identity as the window shows it.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    /// None: no identity (it could not be loaded; tweets go out unsigned).
    pub key: Option<AuthorKey>,
    /// Where the secret key lives (None: nowhere yet).
    pub home: Option<&'a KeyHome>,
}

#[derive(Default)]
pub struct IdentityWindow {
    pub open: bool,
    about: About,
    export_path: String,
    export_passphrase: String,
    export_again: String,
    import_path: String,
    import_passphrase: String,
    confirm_new: bool,
    /// The outcome of the last action (or why it was refused), and whether
    /// it went wrong.
    status: Option<(Notice, bool)>,
}

/// Never the passphrases being typed.
impl std::fmt::Debug for IdentityWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityWindow")
            .field("open", &self.open)
            .field("export_path", &self.export_path)
            .field("import_path", &self.import_path)
            .finish_non_exhaustive()
    }
}

impl IdentityWindow {
    /// Opens it with the profile text saved in the settings.
    pub fn show(&mut self, about: About) {
        self.open = true;
        self.about = about;
        if self.export_path.is_empty() {
            self.export_path = default_export_path();
        }
    }

    /// What came of an action, told in the window.
    pub fn report(&mut self, outcome: Result<Notice, Notice>) {
        self.status = Some(match outcome {
            Ok(done) => (done, false),
            Err(failed) => (failed, true),
        });
    }

    pub fn ui(&mut self, ctx: &egui::Context, shown: Shown<'_>) -> Option<IdentityAction> {
        if !self.open {
            return None;
        }
        let mut open = self.open;
        // Compact rows (labels beside their fields) keep it within a
        // laptop's screen without scrolling.
        let shown_window = egui::Window::new(ctx.tr("identity-title"))
            .id(egui::Id::unique("identity-window"))
            .open(&mut open)
            .default_width(480.0)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-240.0, 50.0))
            .collapsible(false)
            .show(ctx, |ui| self.sections_ui(ui, shown));
        self.open = open && !ctx.input(|i| i.key_pressed(egui::Key::Escape));
        shown_window.and_then(|window| window.inner).flatten()
    }

    /// The key, the profile, export, import and a new identity; the action
    /// asked for, if any.
    fn sections_ui(&mut self, ui: &mut egui::Ui, shown: Shown<'_>) -> Option<IdentityAction> {
        key_ui(ui, shown);
        // The outcome of the last action, where it is seen first.
        if let Some((status, failed)) = &self.status {
            let colour = if *failed {
                style::error(ui.visuals())
            } else {
                style::ok(ui.visuals())
            };
            let status = status.text(&ui.translations());
            ui.label(RichText::new(status).color(colour));
        }
        let mut actions = Vec::new();
        ui.separator();
        actions.extend(self.about_ui(ui));
        ui.separator();
        actions.extend(self.export_ui(ui));
        ui.separator();
        actions.extend(self.import_ui(ui));
        ui.separator();
        actions.extend(self.new_identity_ui(ui));
        actions.pop()
    }

    fn about_ui(&mut self, ui: &mut egui::Ui) -> Option<IdentityAction> {
        ui.label(RichText::new(ui.tr("identity-profile")).strong());
        egui::Grid::new("identity-profile")
            .num_columns(2)
            .show(ui, |ui| {
                let name = ui.label(ui.tr("identity-display-name"));
                ui.add(egui::TextEdit::singleline(&mut self.about.display_name).char_limit(50))
                    .labelled_by(name.id);
                ui.end_row();
                let bio = ui.label(ui.tr("identity-bio"));
                ui.add(
                    egui::TextEdit::multiline(&mut self.about.bio)
                        .char_limit(160)
                        .desired_rows(2),
                )
                .labelled_by(bio.id);
                ui.end_row();
            });
        let checked = self.about.check();
        // Core's reason, in English for now.
        if let Err(reason) = &checked {
            ui.label(
                RichText::new(reason)
                    .small()
                    .color(style::error(ui.visuals())),
            );
        }
        let save = ui.add_enabled(
            checked.is_ok(),
            egui::Button::new(ui.tr("identity-save-profile")),
        );
        save.clicked()
            .then(|| IdentityAction::SaveAbout(self.about.clone()))
    }

    fn export_ui(&mut self, ui: &mut egui::Ui) -> Option<IdentityAction> {
        ui.label(RichText::new(ui.tr("identity-export-heading")).strong());
        ui.label(
            RichText::new(ui.tr("identity-export-explained"))
                .small()
                .color(style::weak(ui)),
        );
        egui::Grid::new("identity-export")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.tr("identity-export-path");
                field_ui(ui, &label, &mut self.export_path, false);
                let label = ui.tr("identity-passphrase");
                field_ui(ui, &label, &mut self.export_passphrase, true);
                let label = ui.tr("identity-passphrase-again");
                field_ui(ui, &label, &mut self.export_again, true);
            });
        let refusal = self.export_refusal(ui);
        if let Some(reason) = &refusal
            && !self.export_passphrase.is_empty()
        {
            ui.label(
                RichText::new(reason)
                    .small()
                    .color(style::warn(ui.visuals())),
            );
        }
        let export = ui.add_enabled(
            refusal.is_none(),
            egui::Button::new(ui.tr("identity-export")),
        );
        if !export.clicked() {
            return None;
        }
        self.export_again.clear();
        Some(IdentityAction::Export {
            path: self.export_path.trim().to_owned(),
            passphrase: Secret::new(std::mem::take(&mut self.export_passphrase)),
        })
    }

    /// Why Export is not possible yet (a weak or mistyped passphrase, no
    /// file), if it isn't. How weak a passphrase is, core tells in English.
    fn export_refusal(&self, ui: &egui::Ui) -> Option<String> {
        if self.export_path.trim().is_empty() {
            return Some(ui.tr("identity-choose-file"));
        }
        if let Err(weak) = check_passphrase(&self.export_passphrase) {
            return Some(weak.to_string());
        }
        (self.export_passphrase != self.export_again).then(|| ui.tr("identity-passphrases-differ"))
    }

    fn import_ui(&mut self, ui: &mut egui::Ui) -> Option<IdentityAction> {
        ui.label(RichText::new(ui.tr("identity-import-heading")).strong());
        ui.label(
            RichText::new(ui.tr("identity-import-explained"))
                .small()
                .color(style::weak(ui)),
        );
        egui::Grid::new("identity-import")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.tr("identity-import-path");
                field_ui(ui, &label, &mut self.import_path, false);
                let label = ui.tr("identity-import-passphrase");
                field_ui(ui, &label, &mut self.import_passphrase, true);
            });
        let ready = !self.import_path.trim().is_empty() && !self.import_passphrase.is_empty();
        let import = ui.add_enabled(ready, egui::Button::new(ui.tr("identity-import")));
        import.clicked().then(|| IdentityAction::Import {
            path: self.import_path.trim().to_owned(),
            passphrase: Secret::new(std::mem::take(&mut self.import_passphrase)),
        })
    }

    fn new_identity_ui(&mut self, ui: &mut egui::Ui) -> Option<IdentityAction> {
        if !self.confirm_new {
            if ui.button(ui.tr("identity-new")).clicked() {
                self.confirm_new = true;
            }
            return None;
        }
        ui.label(RichText::new(ui.tr("identity-new-warning")).color(style::warn(ui.visuals())));
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(ui.tr("identity-new-confirm")).clicked() {
                action = Some(IdentityAction::CreateNew);
                self.confirm_new = false;
            }
            if ui.button(ui.tr("identity-new-cancel")).clicked() {
                self.confirm_new = false;
            }
        });
        action
    }
}

/// One labelled field in a grid row (a passphrase is shown as dots).
fn field_ui(ui: &mut egui::Ui, label: &str, text: &mut String, secret: bool) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .password(secret)
            .desired_width(300.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

/// The fingerprint, large, with the whole key on hover and a Copy button.
fn key_ui(ui: &mut egui::Ui, shown: Shown<'_>) {
    let Some(key) = shown.key else {
        ui.label(RichText::new(ui.tr("identity-none")).color(style::warn(ui.visuals())));
        return;
    };
    ui.label(ui.tr("identity-fingerprint"));
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(key.fingerprint().to_string())
                .monospace()
                .size(20.0),
        )
        .on_hover_text(ui.tr_args("identity-whole-key", &[("key", key.to_hex().into())]));
        if ui.button(ui.tr("identity-copy-key")).clicked() {
            ui.ctx().copy_text(key.to_hex());
        }
    });
    let home = match shown.home {
        Some(KeyHome::Keyring) => ui.tr("identity-home-keyring"),
        Some(KeyHome::File(path)) => ui.tr_args(
            "identity-home-file",
            &[("path", path.display().to_string().into())],
        ),
        None => ui.tr("identity-home-nowhere"),
    };
    ui.label(RichText::new(home).small().color(style::weak(ui)));
}

/// `~/chirp-identity.json`, or a bare name where there is no home.
fn default_export_path() -> String {
    directories::UserDirs::new()
        .map(|dirs| dirs.home_dir().join("chirp-identity.json"))
        .map_or_else(
            || "chirp-identity.json".to_owned(),
            |path| path.display().to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_passphrase_being_typed() {
        let window = IdentityWindow {
            export_passphrase: "violet tractor hums".into(),
            export_again: "violet tractor hums".into(),
            import_passphrase: "quiet lanterns glow".into(),
            ..IdentityWindow::default()
        };
        let debug = format!("{window:?}");
        assert!(
            !debug.contains("violet") && !debug.contains("lanterns"),
            "{debug}"
        );
        let action = IdentityAction::Export {
            path: "x".into(),
            passphrase: Secret::new("violet tractor hums"),
        };
        assert!(!format!("{action:?}").contains("violet"));
    }
}
