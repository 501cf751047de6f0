//! Settings → Appearance: System / Light / Dark, and the zoom. Both take
//! effect at once, as they are picked; Cancel puts them back.

use crate::core::desktop::appearance::{Appearance, ThemeChoice, ZOOM_RANGE, ZOOM_STEP};

/// Draws the section over `appearance`; true when something changed.
pub fn ui(ui: &mut egui::Ui, appearance: &mut Appearance) -> bool {
    let before = *appearance;
    // One row, so the dialog keeps its height.
    ui.horizontal_wrapped(|ui| {
        ui.strong("Theme");
        for (choice, name, hover) in [
            (
                ThemeChoice::System,
                "System",
                "Follow the desktop's light or dark setting",
            ),
            (
                ThemeChoice::Light,
                "Light",
                "Dark text on a light background",
            ),
            (ThemeChoice::Dark, "Dark", "Light text on a dark background"),
        ] {
            ui.radio_value(&mut appearance.theme, choice, name)
                .on_hover_text(hover);
        }
        ui.add_space(12.0);
        let label = ui.strong("Zoom");
        let mut percent = appearance.zoom_percent;
        ui.add(
            egui::Slider::new(&mut percent, ZOOM_RANGE)
                .step_by(f64::from(ZOOM_STEP))
                .suffix(" %"),
        )
        .labelled_by(label.id)
        .on_hover_text("Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %");
        appearance.set_zoom(percent);
        let reset = egui::Button::new("100 %");
        let reset = ui
            .add_enabled(percent != 100, reset)
            .on_hover_text("Reset the zoom");
        super::spoken::name(&reset, "Reset the zoom to 100 %");
        if reset.clicked() {
            appearance.set_zoom(100);
        }
    });
    *appearance != before
}
