//! Settings → Language: the system's language or one chosen by name.

use super::i18n::{Language, Translate as _};

/// The language picker, for a right-to-left row (the dialog's heading
/// row, where it costs no height): the combo box, then its label before
/// it. `chosen` is the setting (a code, None: the system's); true when the
/// user picked another, which applies at once.
pub fn ui(ui: &mut egui::Ui, chosen: &mut Option<String>, system: Language) -> bool {
    let system_text = ui.tr_args(
        "language-system",
        &[("language", system.native_name().into())],
    );
    let current = chosen.as_deref().and_then(Language::from_locale);
    let shown = current.map_or_else(|| system_text.clone(), |l| l.native_name().to_owned());
    let mut picked = current;
    let combo = egui::ComboBox::from_id_salt("language-picker")
        .selected_text(shown)
        .width(140.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut picked, None, system_text);
            // Each language named in itself, whatever is shown now.
            for language in Language::all() {
                ui.selectable_value(&mut picked, Some(language), language.native_name());
            }
        })
        .response;
    let label = ui.label(ui.tr("language-label"));
    combo
        .labelled_by(label.id)
        .on_hover_text(ui.tr("language-system-hover"));
    if picked == current {
        return false;
    }
    *chosen = picked.map(|language| language.code().to_owned());
    true
}
