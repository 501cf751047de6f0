//! The small "add" row of the side panel's lists (a hashtag, a person): a
//! field that takes the rest of the row and its Add button.

use egui::RichText;

use super::i18n::Translate as _;
use super::style;

/// What the row is for.
pub struct AddField<'a> {
    /// The label above the field ("Add a hashtag").
    pub label: &'a str,
    pub hint: &'a str,
    pub id_salt: &'a str,
    /// What a screen reader hears for the button, when "Add" alone is not
    /// enough to tell two of them apart.
    pub spoken: Option<&'a str>,
}

/// What happened in the row this frame.
pub struct AddFieldOutcome {
    /// Add clicked, or Enter pressed in the field.
    pub submitted: bool,
    /// The text was edited.
    pub changed: bool,
}

impl AddField<'_> {
    pub fn ui(&self, ui: &mut egui::Ui, text: &mut String) -> AddFieldOutcome {
        let label = ui.label(RichText::new(self.label).small().color(style::weak(ui)));
        // Right to left: the button takes its size first, the field the rest,
        // so the row never asks the panel to grow.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let add = ui.button(ui.tr("add-button"));
                if let Some(spoken) = self.spoken {
                    add.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, spoken));
                }
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text(self.hint)
                            .id_salt(self.id_salt)
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if entered {
                    field.request_focus();
                }
                AddFieldOutcome {
                    submitted: entered || add.clicked(),
                    changed: field.changed(),
                }
            })
            .inner
        })
        .inner
    }
}
