//! How a card's delivery goes ("sending…", "sent"). When a tweet was sent
//! is told by the translations (`Translations::relative_time`, the full
//! date on hover: `date_time`), in the language in use.

use super::i18n::Translations;
use super::style;
use crate::core::model::timeline::Delivery;

/// "sending…", "waiting for connection" or "sent" on one's own tweet.
pub fn delivery_label(
    tr: &Translations,
    delivery: Delivery,
    connected: bool,
    visuals: &egui::Visuals,
) -> Option<(String, egui::Color32)> {
    match delivery {
        Delivery::Received => None,
        Delivery::Pending if connected => Some((tr.tr("timeline-sending"), style::warn(visuals))),
        Delivery::Pending => Some((tr.tr("timeline-waiting"), style::warn(visuals))),
        Delivery::Acknowledged => Some((tr.tr("timeline-sent"), style::ok(visuals))),
    }
}
