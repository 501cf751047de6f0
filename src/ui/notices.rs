//! Notices: what the user should know (a setting not saved, history not
//! kept, a password moved), each shown until dismissed.

use super::i18n::{FluentValue, Translate as _, Translations};
use super::style;

/// One notice. Kept as a message and its arguments rather than text, so
/// that a language picked later changes the notices already shown too.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Message {
        key: &'static str,
        args: Vec<(&'static str, FluentValue<'static>)>,
    },
    /// Text from elsewhere, shown as it is (the network worker's notices).
    Text(String),
}

impl Notice {
    /// The message `key` with its arguments.
    pub fn tr_args(key: &'static str, args: &[(&'static str, FluentValue<'static>)]) -> Self {
        Notice::Message {
            key,
            args: args.to_vec(),
        }
    }

    /// The message `key`, which takes no arguments.
    pub fn tr(key: &'static str) -> Self {
        Notice::Message {
            key,
            args: Vec::new(),
        }
    }

    /// The notice in the language of `tr`.
    pub fn text(&self, tr: &Translations) -> String {
        match self {
            Notice::Message { key, args } => tr.tr_args(key, args),
            Notice::Text(text) => text.clone(),
        }
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Self {
        Notice::Text(text)
    }
}

#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<Notice>,
}

impl Notices {
    pub fn push(&mut self, notice: impl Into<Notice>) {
        self.shown.push(notice.into());
    }

    pub fn extend(&mut self, notices: impl IntoIterator<Item = Notice>) {
        self.shown.extend(notices);
    }

    /// One banner per notice, each with its Dismiss button.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut dismissed = None;
        let tr = ui.translations();
        for (index, notice) in self.shown.iter().enumerate() {
            egui::Frame::new()
                .fill(style::WARN.gamma_multiply(0.2))
                .corner_radius(6.0)
                .inner_margin(8)
                .show(ui, |ui| {
                    // A long notice wraps within the panel; the button
                    // stays in view below it.
                    ui.set_width(ui.available_width());
                    ui.add(egui::Label::new(notice.text(&tr)).wrap());
                    if ui.small_button(tr.tr("notice-dismiss")).clicked() {
                        dismissed = Some(index);
                    }
                });
        }
        if let Some(index) = dismissed {
            self.shown.remove(index);
        }
    }
}
