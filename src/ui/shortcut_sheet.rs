//! The sheet `?` opens: every keyboard shortcut and what it does.

use egui::RichText;

use super::i18n::Translate as _;
use super::shortcuts::SHEET;
use super::style;

#[derive(Debug, Default)]
pub struct ShortcutSheet {
    pub open: bool,
}

impl ShortcutSheet {
    pub fn ui(&mut self, ctx: &egui::Context) {
        let mut open = self.open;
        egui::Window::new(ctx.tr("shortcuts-title"))
            .id(egui::Id::unique("shortcut-sheet-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                egui::Grid::new("shortcut-sheet")
                    .num_columns(2)
                    .spacing([24.0, 8.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in SHEET {
                            ui.label(RichText::new(ui.tr(keys)).monospace().strong());
                            ui.label(ui.tr(what));
                            ui.end_row();
                        }
                    });
                ui.add_space(8.0);
                ui.label(
                    RichText::new(ui.tr("shortcuts-typing"))
                        .small()
                        .color(style::weak(ui)),
                );
            });
        self.open = open;
    }
}
