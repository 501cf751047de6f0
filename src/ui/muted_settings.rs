//! Settings → Muted: each muted person, word and hashtag with Undo, a box
//! to add muted words, and the flood guard's rate. Edited on a copy; the
//! dialog's Apply keeps it.

use egui::RichText;

use super::style;
use crate::core::model::display::inert_name;
use crate::core::social::mutes::{MUTE_LIMIT, MuteList};

/// The tallest the lists get before they scroll.
const LIST_HEIGHT: f32 = 160.0;
/// The highest flood rate offered (tweets a minute).
const MAX_FLOOD_RATE: u32 = 10_000;

#[derive(Debug, Clone)]
pub struct MutedSection {
    pub list: MuteList,
    pub flood_rate: u32,
    /// The muted word being typed.
    typed: String,
    error: Option<String>,
}

impl MutedSection {
    pub fn new(list: &MuteList, flood_rate: u32) -> Self {
        Self {
            list: list.clone(),
            flood_rate,
            typed: String::new(),
            error: None,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let count = self.list.people.len() + self.list.words.len() + self.list.hashtags.len();
        egui::CollapsingHeader::new(format!("Muted ({count})"))
            .id_salt("muted-section")
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Up to {MUTE_LIMIT} people, {MUTE_LIMIT} words and {MUTE_LIMIT} hashtags."
                    ))
                    .small()
                    .color(style::weak(ui)),
                );
                self.words_ui(ui);
                egui::ScrollArea::vertical()
                    .id_salt("muted-list")
                    .max_height(LIST_HEIGHT)
                    .show(ui, |ui| self.list_ui(ui));
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
            if ui.button("Add").clicked() || entered {
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
            ui.colored_label(style::ERROR, error);
        }
    }

    /// Every mute, each with its Undo.
    fn list_ui(&mut self, ui: &mut egui::Ui) {
        let mut undone = None;
        for (index, person) in self.list.people.iter().enumerate() {
            let what = if person.blocked { "blocked" } else { "muted" };
            let by = if person.key.is_some() { ", by key" } else { "" };
            let line = format!("@{} ({what}{by})", inert_name(&person.name, 32));
            if undo_row_ui(ui, &line) {
                undone = Some(Undo::Person(index));
            }
        }
        for (index, word) in self.list.words.iter().enumerate() {
            if undo_row_ui(ui, &format!("'{}' (word)", inert_name(word, 64))) {
                undone = Some(Undo::Word(index));
            }
        }
        for (index, tag) in self.list.hashtags.iter().enumerate() {
            let line = format!("#{} (in All tweets)", inert_name(tag, 64));
            if undo_row_ui(ui, &line) {
                undone = Some(Undo::Hashtag(index));
            }
        }
        match undone {
            Some(Undo::Person(index)) => drop(self.list.people.remove(index)),
            Some(Undo::Word(index)) => drop(self.list.words.remove(index)),
            Some(Undo::Hashtag(index)) => drop(self.list.hashtags.remove(index)),
            None => {}
        }
        if self.list.people.is_empty()
            && self.list.words.is_empty()
            && self.list.hashtags.is_empty()
        {
            ui.label(RichText::new("Nothing muted.").color(style::weak(ui)));
        }
    }
}

enum Undo {
    Person(usize),
    Word(usize),
    Hashtag(usize),
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
