//! A tweet's text as the card shows it: `@mentions` in the accent colour
//! (mentions of the user bold on a tint), and `http(s)://` links shown by
//! their host, opened in the system browser only when clicked. Nothing is
//! fetched to show a link: no previews, no tracking.

use egui::RichText;

use super::{fonts, style};
use crate::core::model::display::inert_name;
use crate::core::model::links::{self, Link};
use crate::core::social::mentions;

/// The text (already made inert), wrapped to the card's width.
pub fn ui(ui: &mut egui::Ui, text: &str, me: &str) {
    let found = links::links_in(text);
    if found.is_empty() {
        ui.add(egui::Label::new(text_job(ui, text, me)).wrap());
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let mut done = 0;
        for link in &found {
            let before = &text[done..link.range.start];
            if !before.is_empty() {
                ui.add(egui::Label::new(text_job(ui, before, me)).wrap());
            }
            link_ui(ui, link);
            done = link.range.end;
        }
        let after = &text[done..];
        if !after.is_empty() {
            ui.add(egui::Label::new(text_job(ui, after, me)).wrap());
        }
    });
}

/// "host/…" as an underlined link (no icon: not every font has one); the
/// whole URL, made inert, on hover. Clicked, the platform opens it in the
/// browser (`OpenUrl`): the only time it is ever requested.
fn link_ui(ui: &mut egui::Ui, link: &Link<'_>) {
    let host_end = link.url.find(link.host).unwrap_or(0) + link.host.len();
    let path_follows = link.url.len() > host_end + 1;
    let shown = format!(
        "{}{}",
        inert_name(link.host, 64),
        if path_follows { "/…" } else { "" }
    );
    let response = ui
        .add(egui::Link::new(RichText::new(shown).underline()))
        .on_hover_text(inert_name(link.url, 300));
    if response.clicked() {
        ui.ctx().open_url(egui::OpenUrl::new_tab(link.url));
    }
}

/// The text with every `@mention` in the accent colour, and mentions of
/// `me` on a tint.
pub fn text_job(ui: &egui::Ui, text: &str, me: &str) -> egui::text::LayoutJob {
    let body = egui::TextFormat {
        // Colour emoji where the machine has a colour emoji font.
        font_id: fonts::content_font(ui, &egui::TextStyle::Body),
        color: ui.visuals().strong_text_color(),
        ..Default::default()
    };
    let mention = egui::TextFormat {
        color: style::accent(ui.visuals()),
        ..body.clone()
    };
    let mut job = egui::text::LayoutJob::default();
    let mut done = 0;
    for (range, name) in mentions::mention_spans(text) {
        job.append(&text[done..range.start], 0.0, body.clone());
        let mut format = mention.clone();
        if name == me {
            format.background = style::ACCENT.gamma_multiply(0.18);
        }
        job.append(&text[range.clone()], 0.0, format);
        done = range.end;
    }
    job.append(&text[done..], 0.0, body);
    job
}
