//! Closing the window with tweets the broker has not acknowledged, when
//! they would not survive it (a second window keeps them only in memory):
//! ask first, so nothing typed is dropped silently.

use super::i18n::Translate as _;

#[derive(Debug, Default)]
pub struct CloseGuard {
    /// Unsent tweets counted when the user tried to close.
    asking_about: Option<usize>,
    quit_confirmed: bool,
}

impl CloseGuard {
    /// `unsent` counts the tweets that would be lost; called only when the
    /// user asks to close.
    pub fn ui(&mut self, ctx: &egui::Context, unsent: impl FnOnce() -> usize) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            let pending = unsent();
            if pending > 0 {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.asking_about = Some(pending);
            }
        }
        let Some(pending) = self.asking_about else {
            return;
        };
        egui::Modal::new(egui::Id::unique("unsent-on-close")).show(ctx, |ui| {
            ui.heading(ui.tr("close-guard-heading"));
            ui.label(ui.tr_args("close-guard-text", &[("count", pending.into())]));
            ui.horizontal(|ui| {
                if ui.button(ui.tr("close-guard-keep-open")).clicked() {
                    self.asking_about = None;
                }
                if ui.button(ui.tr("close-guard-quit")).clicked() {
                    self.quit_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        });
    }
}
