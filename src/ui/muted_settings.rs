//! Settings → Muted: each muted person, word and hashtag with Undo, a box
//! to add muted words, and the flood guard's rate. Edited on a copy; the
//! dialog's Apply keeps it.

use egui::RichText;

use super::i18n::{Translate as _, Translations};
use super::style;
use crate::core::model::display::inert_name;
use crate::core::social::mutes::{MUTE_LIMIT, MuteList};

/// Mutes listed at once; the rest are a page away (a page rather than a
/// scroll area: the dialog itself scrolls on small screens).
const PAGE: usize = 8;
/// The highest flood rate offered (tweets a minute).
const MAX_FLOOD_RATE: u32 = 10_000;

#[derive(Debug, Clone)]
pub struct MutedSection {
    pub list: MuteList,
    pub flood_rate: u32,
    /// The muted word being typed.
    typed: String,
    error: Option<String>,
    page: usize,
    /// Unfolded: the dialog is then this much taller (`OPEN_HEIGHT`).
    pub open: bool,
}

/// Roughly how much taller the dialog is with the section unfolded.
pub const OPEN_HEIGHT: f32 = 330.0;

impl MutedSection {
    pub fn new(list: &MuteList, flood_rate: u32) -> Self {
        Self {
            list: list.clone(),
            flood_rate,
            typed: String::new(),
            error: None,
            page: 0,
            open: false,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let count = self.list.people.len() + self.list.words.len() + self.list.hashtags.len();
        let title = ui.tr_args("muted-title", &[("count", count.into())]);
        ui.toggle_value(&mut self.open, title)
            .on_hover_text(ui.tr("muted-hover"));
        if !self.open {
            return;
        }
        ui.indent("muted-section", |ui| {
            ui.label(
                RichText::new(ui.tr_args("muted-limits", &[("limit", MUTE_LIMIT.into())]))
                    .small()
                    .color(style::weak(ui)),
            );
            self.words_ui(ui);
            self.list_ui(ui);
            flood_rate_ui(ui, &mut self.flood_rate);
        });
    }

    /// The box to add a muted word.
    fn words_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("muted-word"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .hint_text(ui.tr("muted-word-hint"))
                        .desired_width(180.0)
                        .id_salt("mute-word"),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(ui.tr("muted-add-word")).clicked() || entered {
                match self.list.mute_word(&self.typed) {
                    Ok(()) => {
                        self.typed.clear();
                        self.error = None;
                    }
                    // Core's reason, in English for now.
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(style::error(ui.visuals()), error);
        }
    }

    /// One page of the mutes, each with its Undo, and the way to the others.
    fn list_ui(&mut self, ui: &mut egui::Ui) {
        let total = self.list.people.len() + self.list.words.len() + self.list.hashtags.len();
        if total == 0 {
            ui.label(RichText::new(ui.tr("muted-nothing")).color(style::weak(ui)));
            return;
        }
        let pages = total.div_ceil(PAGE);
        self.page = self.page.min(pages - 1);
        let first = self.page * PAGE;
        let mut undone = None;
        let tr = ui.translations();
        for index in first..(first + PAGE).min(total) {
            if undo_row_ui(ui, &self.line(&tr, index)) {
                undone = Some(index);
            }
        }
        if pages > 1 {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.page > 0, egui::Button::new("◀"))
                    .clicked()
                {
                    self.page -= 1;
                }
                let page = [("page", (self.page + 1).into()), ("pages", pages.into())];
                ui.label(ui.tr_args("muted-page", &page));
                if ui
                    .add_enabled(self.page + 1 < pages, egui::Button::new("▶"))
                    .clicked()
                {
                    self.page += 1;
                }
            });
        }
        if let Some(index) = undone {
            self.undo(index);
        }
    }

    /// The mute at `index` of people, then words, then hashtags, as a line.
    fn line(&self, tr: &Translations, index: usize) -> String {
        let (people, words) = (self.list.people.len(), self.list.words.len());
        if let Some(person) = self.list.people.get(index) {
            let name = [("name", inert_name(&person.name, 32).into())];
            match (person.blocked, person.key.is_some()) {
                (true, true) => tr.tr_args("muted-line-blocked-by-key", &name),
                (true, false) => tr.tr_args("muted-line-blocked", &name),
                (false, true) => tr.tr_args("muted-line-muted-by-key", &name),
                (false, false) => tr.tr_args("muted-line-muted", &name),
            }
        } else if let Some(word) = self.list.words.get(index - people) {
            tr.tr_args("muted-line-word", &[("word", inert_name(word, 64).into())])
        } else {
            let tag = self.list.hashtags.get(index - people - words);
            let tag = inert_name(tag.map_or("", |t| t), 64);
            tr.tr_args("muted-line-hashtag", &[("tag", tag.into())])
        }
    }

    fn undo(&mut self, index: usize) {
        let (people, words) = (self.list.people.len(), self.list.words.len());
        if index < people {
            self.list.people.remove(index);
        } else if index < people + words {
            self.list.words.remove(index - people);
        } else if index - people - words < self.list.hashtags.len() {
            self.list.hashtags.remove(index - people - words);
        }
    }
}

/// One mute and its Undo button: true when clicked.
fn undo_row_ui(ui: &mut egui::Ui, line: &str) -> bool {
    ui.horizontal(|ui| {
        let undo = ui
            .small_button(ui.tr("muted-undo"))
            .on_hover_text(ui.tr("muted-undo-hover"));
        ui.label(line);
        undo.clicked()
    })
    .inner
}

fn flood_rate_ui(ui: &mut egui::Ui, rate: &mut u32) {
    ui.horizontal(|ui| {
        let label = ui.label(ui.tr("muted-flood-before"));
        ui.add(egui::DragValue::new(rate).range(0..=MAX_FLOOD_RATE))
            .labelled_by(label.id)
            .on_hover_text(ui.tr("muted-flood-hover"));
        ui.label(ui.tr("muted-flood-after"));
    });
}
