//! Settings → Appearance: System / Light / Dark, and the zoom. Both take
//! effect at once, as they are picked; Cancel puts them back.

use super::i18n::Translate as _;
use crate::core::desktop::appearance::{Appearance, ThemeChoice, ZOOM_RANGE, ZOOM_STEP};

/// Draws the section over `appearance`; true when something changed.
pub fn ui(ui: &mut egui::Ui, appearance: &mut Appearance) -> bool {
    let before = *appearance;
    // One row, so the dialog keeps its height.
    ui.horizontal_wrapped(|ui| {
        ui.strong(ui.tr("appearance-theme"));
        let choices = [
            (
                ThemeChoice::System,
                ui.tr("appearance-system"),
                ui.tr("appearance-system-hover"),
            ),
            (
                ThemeChoice::Light,
                ui.tr("appearance-light"),
                ui.tr("appearance-light-hover"),
            ),
            (
                ThemeChoice::Dark,
                ui.tr("appearance-dark"),
                ui.tr("appearance-dark-hover"),
            ),
        ];
        for (choice, name, hover) in choices {
            ui.radio_value(&mut appearance.theme, choice, name)
                .on_hover_text(hover);
        }
        ui.add_space(4.0);
        let label = ui.strong(ui.tr("appearance-zoom"));
        let mut percent = appearance.zoom_percent;
        // The value is shown on the reset button beside it, not in a box
        // of the slider's own: with both, the row was wider than the dialog
        // and the button wrapped onto a line of its own.
        ui.spacing_mut().slider_width = 60.0;
        ui.add(
            egui::Slider::new(&mut percent, ZOOM_RANGE)
                .step_by(f64::from(ZOOM_STEP))
                .suffix(" %")
                .show_value(false),
        )
        .labelled_by(label.id)
        .on_hover_text(ui.tr("appearance-zoom-hover"));
        appearance.set_zoom(percent);
        // A number, never grouped: "100 %".
        let reset = egui::Button::new(format!("{} %", appearance.zoom_percent));
        let reset = ui
            .add_enabled(percent != 100, reset)
            .on_hover_text(ui.tr("appearance-zoom-reset"));
        super::spoken::name(&reset, ui.tr("appearance-zoom-reset-spoken"));
        if reset.clicked() {
            appearance.set_zoom(100);
        }
    });
    *appearance != before
}
