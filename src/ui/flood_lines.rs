//! One line per author the flood guard holds back: "@x: 4,812 more tweets
//! in the last minute — Show", counted afresh each frame (so it updates in
//! place) from the guard's per-author rings, never from the tweets.

use egui::RichText;

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
            let who = if flood.name.is_empty() {
                "unknown author".to_owned()
            } else {
                format!("@{}", inert_name(&flood.name, 32))
            };
            let line = format!(
                "{who}: {} more tweets in the last minute —",
                thousands(flood.held)
            );
            ui.label(RichText::new(line).color(style::weak(ui)))
                .on_hover_text("Held back: this author posts faster than Settings allow");
            if ui.button("Show").clicked() {
                shown = Some(flood.author.clone());
            }
        });
    }
    if floods.len() > MAX_LINES {
        let rest: u32 = floods.iter().skip(MAX_LINES).map(|f| f.held).sum();
        let line = format!(
            "and {} more authors: {} tweets held back",
            floods.len() - MAX_LINES,
            thousands(rest)
        );
        ui.label(RichText::new(line).color(style::weak(ui)));
    }
    if !floods.is_empty() {
        ui.add_space(4.0);
    }
    shown
}

/// 4812 → "4,812".
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(4_812), "4,812");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }
}
