//! Settings → Export settings… and Import settings…: a window that writes
//! the settings file to a path, or reads one and lists what importing it
//! would change before anything does. The file is read and written on a
//! thread of its own (`FileJob`); the merge is the app's, on Import.

use std::path::PathBuf;

use egui::RichText;

use super::file_job::{FileJob, JobState};
use super::i18n::Translate as _;
use super::notices::Notice;
use super::style;
use crate::core::desktop::settings::Settings;
use crate::core::desktop::settings_transfer::{
    Merge, SettingsExport, export_of, preview, read_export, write_export,
};

/// The preview's height at most; a long list scrolls.
const PREVIEW_HEIGHT: f32 = 240.0;

/// Which half of the window is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferMode {
    Export,
    Import,
}

/// What a file job came to.
enum FileOutcome {
    Saved(PathBuf),
    Read(Box<SettingsExport>),
    Failed(Notice),
}

/// A file read, and what importing it would do to the settings as they
/// were when it was read.
struct ReadFile {
    file: SettingsExport,
    preview: Merge,
}

pub struct SettingsTransferWindow {
    /// None: closed.
    mode: Option<TransferMode>,
    export_path: String,
    import_path: String,
    /// The outcome of the last action, and whether it went wrong.
    status: Option<(Notice, bool)>,
    read: Option<ReadFile>,
    job: Option<FileJob<FileOutcome>>,
}

impl Default for SettingsTransferWindow {
    fn default() -> Self {
        let path = default_path();
        Self {
            mode: None,
            export_path: path.clone(),
            import_path: path,
            status: None,
            read: None,
            job: None,
        }
    }
}

impl SettingsTransferWindow {
    pub fn show(&mut self, mode: TransferMode) {
        self.mode = Some(mode);
        self.status = None;
        self.read = None;
    }

    /// Says what an import did.
    pub fn imported(&mut self, merge: &Merge) {
        let count = merge.changes.len();
        let done = Notice::tr_args("transfer-imported", &[("count", count.into())]);
        self.status = Some((done, false));
    }

    /// The window, if open. Returns a file to merge when Import is pressed.
    pub fn ui(&mut self, ui: &mut egui::Ui, settings: &Settings) -> Option<SettingsExport> {
        self.take_outcome(settings);
        let mode = self.mode?;
        let title = match mode {
            TransferMode::Export => ui.tr("transfer-export-title"),
            TransferMode::Import => ui.tr("transfer-import-title"),
        };
        let ctx = ui.ctx().clone();
        let mut open = true;
        let shown = egui::Window::new(title)
            .id(egui::Id::unique("settings-transfer-window"))
            .open(&mut open)
            .default_width(460.0)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-230.0, 80.0))
            .collapsible(false)
            .show(&ctx, |ui| match mode {
                TransferMode::Export => {
                    self.export_ui(ui, settings);
                    None
                }
                TransferMode::Import => self.import_ui(ui),
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.mode = None;
        }
        shown.and_then(|window| window.inner).flatten()
    }

    fn export_ui(&mut self, ui: &mut egui::Ui, settings: &Settings) {
        note_ui(ui, &ui.tr("transfer-export-explained"));
        path_ui(ui, &ui.tr("transfer-export-path"), &mut self.export_path);
        let ready = self.job.is_none() && !self.export_path.trim().is_empty();
        let export = egui::Button::new(ui.tr("transfer-export"));
        if ui.add_enabled(ready, export).clicked() {
            let export = export_of(settings);
            let path = PathBuf::from(self.export_path.trim());
            self.start(ui.ctx(), move || match write_export(&export, &path) {
                Ok(()) => FileOutcome::Saved(path),
                Err(e) => failed("transfer-not-saved", e),
            });
        }
        self.status_ui(ui);
    }

    fn import_ui(&mut self, ui: &mut egui::Ui) -> Option<SettingsExport> {
        note_ui(ui, &ui.tr("transfer-import-explained"));
        ui.horizontal(|ui| {
            path_ui(ui, &ui.tr("transfer-import-path"), &mut self.import_path);
            let ready = self.job.is_none() && !self.import_path.trim().is_empty();
            let show = egui::Button::new(ui.tr("transfer-show-changes"));
            if ui.add_enabled(ready, show).clicked() {
                self.read = None;
                let path = PathBuf::from(self.import_path.trim());
                self.start(ui.ctx(), move || match read_export(&path) {
                    Ok(file) => FileOutcome::Read(Box::new(file)),
                    Err(e) => failed("transfer-not-imported", e),
                });
            }
        });
        self.status_ui(ui);
        let read = self.read.as_ref()?;
        preview_ui(ui, &read.preview);
        let can_import = !read.preview.is_empty();
        let (mut import, mut cancel) = (false, false);
        ui.horizontal(|ui| {
            import = ui
                .add_enabled(can_import, egui::Button::new(ui.tr("transfer-import")))
                .clicked();
            cancel = ui.button(ui.tr("transfer-cancel")).clicked();
        });
        if cancel {
            self.read = None;
            self.mode = None;
        }
        import
            .then(|| self.read.take().map(|read| read.file))
            .flatten()
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        if self.job.is_some() {
            ui.spinner();
        }
        if let Some((status, failed)) = &self.status {
            let colour = if *failed {
                style::error(ui.visuals())
            } else {
                style::ok(ui.visuals())
            };
            ui.label(RichText::new(status.text(&ui.translations())).color(colour));
        }
    }

    fn start(&mut self, ctx: &egui::Context, work: impl FnOnce() -> FileOutcome + Send + 'static) {
        self.status = None;
        match FileJob::spawn(ctx, "settings-file", work) {
            Ok(job) => self.job = Some(job),
            Err(e) => {
                let why =
                    Notice::tr_args("transfer-not-started", &[("error", e.to_string().into())]);
                self.status = Some((why, true));
            }
        }
    }

    /// Takes in the file job's outcome, if it has one.
    fn take_outcome(&mut self, settings: &Settings) {
        let Some(job) = &self.job else {
            return;
        };
        let outcome = match job.state() {
            JobState::Running => return,
            JobState::Done(outcome) => outcome,
            JobState::Lost => FileOutcome::Failed(Notice::tr("transfer-lost")),
        };
        self.job = None;
        match outcome {
            FileOutcome::Saved(path) => {
                let path = path.display().to_string().into();
                let saved = Notice::tr_args("transfer-saved", &[("path", path)]);
                self.status = Some((saved, false));
            }
            FileOutcome::Read(file) => {
                let preview = preview(settings, &file);
                self.read = Some(ReadFile {
                    file: *file,
                    preview,
                });
            }
            FileOutcome::Failed(why) => self.status = Some((why, true)),
        }
    }
}

/// Settings' two buttons (drawn right to left), and the one pressed.
pub fn transfer_buttons_ui(ui: &mut egui::Ui) -> Option<TransferMode> {
    let import = ui
        .button(ui.tr("transfer-import-button"))
        .on_hover_text(ui.tr("transfer-import-button-hover"));
    let export = ui
        .button(ui.tr("transfer-export-button"))
        .on_hover_text(ui.tr("transfer-export-button-hover"));
    if export.clicked() {
        Some(TransferMode::Export)
    } else {
        import.clicked().then_some(TransferMode::Import)
    }
}

/// The changes an import would make, and the entries it would leave out.
fn preview_ui(ui: &mut egui::Ui, preview: &Merge) {
    ui.separator();
    if preview.is_empty() {
        ui.label(ui.tr("transfer-nothing-to-change"));
    } else {
        ui.label(RichText::new(ui.tr("transfer-will")).strong());
    }
    // Each change in core's words (English for now).
    egui::ScrollArea::vertical()
        .max_height(PREVIEW_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for change in &preview.changes {
                ui.label(format!("• {change}"));
            }
            for skipped in &preview.skipped {
                ui.label(RichText::new(format!("• {skipped}")).color(style::warn(ui.visuals())));
            }
        });
    ui.separator();
}

/// A failure told with its reason (the system's words).
fn failed(key: &'static str, reason: impl std::fmt::Display) -> FileOutcome {
    FileOutcome::Failed(Notice::tr_args(
        key,
        &[("error", reason.to_string().into())],
    ))
}

/// A labelled path field.
fn path_ui(ui: &mut egui::Ui, label: &str, path: &mut String) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(path).desired_width(260.0))
            .labelled_by(label.id);
    });
}

fn note_ui(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).small().color(style::weak(ui)));
    ui.add_space(4.0);
}

/// `~/chirp-settings.json`, or a bare name where there is no home.
fn default_path() -> String {
    directories::UserDirs::new()
        .map(|dirs| dirs.home_dir().join("chirp-settings.json"))
        .map_or_else(
            || "chirp-settings.json".to_owned(),
            |path| path.display().to_string(),
        )
}
