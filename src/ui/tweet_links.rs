//! What a card points at: the tweet it answers ("↩ in reply to @ann",
//! clicked: the conversation) and the tweet it quotes, framed inside it.

use egui::RichText;

use super::style;
use super::timeline_view::TweetAction;
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::timeline::TimelineEntry;
use crate::core::model::tweet::ReplyTo;

/// The quoted tweet, framed inside the quote's card: its author and text
/// when it is here, else who wrote it.
pub fn quoted_ui(ui: &mut egui::Ui, quoted: &ReplyTo, found: Option<&TimelineEntry>) {
    let author = quoted.user.as_deref().map_or_else(
        || "a tweet".to_owned(),
        |u| format!("@{}", inert_name(u, 32)),
    );
    egui::Frame::group(ui.style())
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(author).small().strong());
            let text = match found {
                Some(entry) if entry.is_deleted() => "deleted by its author".to_owned(),
                Some(entry) => inert_text(entry.text()).into_owned(),
                None => "(not in this timeline)".to_owned(),
            };
            ui.add(egui::Label::new(RichText::new(text).small().color(style::weak(ui))).wrap());
        });
}

/// "↩ in reply to @user" for an answer; clicked, its conversation.
pub fn reply_link_ui(ui: &mut egui::Ui, entry: &TimelineEntry) -> Option<TweetAction> {
    let parent = entry.parent_id()?;
    let to = entry.parent_user().map_or_else(
        || "a tweet".to_owned(),
        |u| format!("@{}", inert_name(u, 32)),
    );
    let link = ui
        .link(RichText::new(format!("↩ in reply to {to}")).small())
        .on_hover_text("Show the conversation");
    link.clicked()
        .then(|| TweetAction::ShowConversation(parent.to_owned()))
}
