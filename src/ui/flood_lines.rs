//! One line per author the flood guard holds back: "@x: 4,812 more tweets
//! in the last minute — Show", counted afresh each frame (so it updates in
//! place) from the guard's per-author rings, never from the tweets.

use egui::RichText;

use super::i18n::Translate as _;
use super::style;
use crate::core::model::display::inert_name;
use crate::core::social::flood_guard::{FloodAuthor, FloodGuard};

/// Lines drawn at most; the rest are summed on one more line.
const MAX_LINES: usize = 5;

/// The lines, above the timeline; the author whose Show was clicked.
pub fn ui(ui: &mut egui::Ui, guard: &FloodGuard) -> Option<FloodAuthor> {
    let floods = guard.floods(chrono::Utc::now().timestamp_millis());
    let mut shown = None;
    for flood in floods.iter().take(MAX_LINES) {
        ui.horizontal(|ui| {
            let line = if flood.name.is_empty() {
                ui.tr_args("flood-line-unknown", &[("count", flood.held.into())])
            } else {
                let name = inert_name(&flood.name, 32);
                ui.tr_args(
                    "flood-line",
                    &[("name", name.into()), ("count", flood.held.into())],
                )
            };
            ui.label(RichText::new(line).color(style::weak(ui)))
                .on_hover_text(ui.tr("flood-hover"));
            if ui.button(ui.tr("flood-show")).clicked() {
                shown = Some(flood.author.clone());
            }
        });
    }
    if floods.len() > MAX_LINES {
        let rest: u32 = floods.iter().skip(MAX_LINES).map(|f| f.held).sum();
        let line = ui.tr_args(
            "flood-more-authors",
            &[
                ("authors", (floods.len() - MAX_LINES).into()),
                ("count", rest.into()),
            ],
        );
        ui.label(RichText::new(line).color(style::weak(ui)));
    }
    if !floods.is_empty() {
        ui.add_space(4.0);
    }
    shown
}
