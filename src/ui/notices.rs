//! Notices: what the user should know (a setting not saved, history not
//! kept, a password moved), each shown until dismissed.

use super::style;

#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<String>,
}

impl Notices {
    pub fn push(&mut self, notice: String) {
        self.shown.push(notice);
    }

    pub fn extend(&mut self, notices: impl IntoIterator<Item = String>) {
        self.shown.extend(notices);
    }

    /// One banner per notice, each with its Dismiss button.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut dismissed = None;
        for (index, notice) in self.shown.iter().enumerate() {
            egui::Frame::new()
                .fill(style::WARN.gamma_multiply(0.2))
                .corner_radius(6.0)
                .inner_margin(8)
                .show(ui, |ui| {
                    // A long notice wraps within the panel; the button
                    // stays in view below it.
                    ui.set_width(ui.available_width());
                    ui.add(egui::Label::new(notice).wrap());
                    if ui.small_button("Dismiss").clicked() {
                        dismissed = Some(index);
                    }
                });
        }
        if let Some(index) = dismissed {
            self.shown.remove(index);
        }
    }
}
