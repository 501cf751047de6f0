//! Settings → Muted: each muted person, word and hashtag with Undo, a box
//! to add muted words, and the flood guard's rate. Edited on a copy; the
//! dialog's Apply keeps it.

use egui::RichText;

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
        ui.toggle_value(&mut self.open, format!("Muted ({count})"))
            .on_hover_text("People, words and hashtags muted, and the flood guard");
        if !self.open {
            return;
        }
        ui.indent("muted-section", |ui| {
            ui.label(
                RichText::new(format!(
                    "Up to {MUTE_LIMIT} people, {MUTE_LIMIT} words and {MUTE_LIMIT} hashtags."
                ))
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
            let label = ui.label("Mute word");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .hint_text("word, #tag or @name")
                        .desired_width(180.0)
                        .id_salt("mute-word"),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add word").clicked() || entered {
                match self.list.mute_word(&self.typed) {
                    Ok(()) => {
                        self.typed.clear();
                        self.error = None;
                    }
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
            ui.label(RichText::new("Nothing muted.").color(style::weak(ui)));
            return;
        }
        let pages = total.div_ceil(PAGE);
        self.page = self.page.min(pages - 1);
        let first = self.page * PAGE;
        let mut undone = None;
        for index in first..(first + PAGE).min(total) {
            if undo_row_ui(ui, &self.line(index)) {
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
                ui.label(format!("{} of {pages}", self.page + 1));
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
    fn line(&self, index: usize) -> String {
        let (people, words) = (self.list.people.len(), self.list.words.len());
        if let Some(person) = self.list.people.get(index) {
            let what = if person.blocked { "blocked" } else { "muted" };
            let by = if person.key.is_some() { ", by key" } else { "" };
            format!("@{} ({what}{by})", inert_name(&person.name, 32))
        } else if let Some(word) = self.list.words.get(index - people) {
            format!("'{}' (word)", inert_name(word, 64))
        } else {
            let tag = self.list.hashtags.get(index - people - words);
            format!("#{} (in All tweets)", inert_name(tag.map_or("", |t| t), 64))
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
        let undo = ui.small_button("Undo").on_hover_text("Unmute");
        ui.label(line);
        undo.clicked()
    })
    .inner
}

fn flood_rate_ui(ui: &mut egui::Ui, rate: &mut u32) {
    ui.horizontal(|ui| {
        let label = ui.label("Collapse an author past");
        ui.add(egui::DragValue::new(rate).range(0..=MAX_FLOOD_RATE))
            .labelled_by(label.id)
            .on_hover_text("0 turns the flood guard off");
        ui.label("tweets a minute");
    });
}
