//! What a card points at: the tweet it answers ("↩ in reply to @ann",
//! clicked: the conversation) and the tweet it quotes, framed inside it.

use egui::RichText;

use super::i18n::Translate as _;
use super::icons::Icon;
use super::style;
use super::timeline_view::TweetAction;
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::timeline::TimelineEntry;
use crate::core::model::tweet::ReplyTo;

/// The quoted tweet, framed inside the quote's card: its author and text
/// when it is here, else who wrote it.
pub fn quoted_ui(ui: &mut egui::Ui, quoted: &ReplyTo, found: Option<&TimelineEntry>) {
    let author = quoted.user.as_deref().map_or_else(
        || ui.tr("timeline-a-tweet"),
        |u| format!("@{}", inert_name(u, 32)),
    );
    egui::Frame::group(ui.style())
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(author).small().strong());
            let text = match found {
                Some(entry) if entry.is_deleted() => ui.tr("timeline-deleted"),
                Some(entry) => inert_text(entry.text()).into_owned(),
                None => ui.tr("timeline-quote-not-here"),
            };
            ui.add(egui::Label::new(RichText::new(text).small().color(style::weak(ui))).wrap());
        });
}

/// "in reply to @user" after a painted reply arrow, for an answer;
/// clicked, its conversation.
pub fn reply_link_ui(ui: &mut egui::Ui, entry: &TimelineEntry) -> Option<TweetAction> {
    let parent = entry.parent_id()?;
    let text = match entry.parent_user() {
        Some(user) => ui.tr_args(
            "timeline-reply-to",
            &[("name", inert_name(user, 32).into())],
        ),
        None => ui.tr("timeline-reply-to-unknown"),
    };
    let link = ui
        .horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 3.0;
            Icon::Reply.ui(ui, ui.visuals().hyperlink_color);
            ui.link(RichText::new(text).small())
                .on_hover_text(ui.tr("timeline-show-conversation"))
        })
        .inner;
    link.clicked()
        .then(|| TweetAction::ShowConversation(parent.to_owned()))
}
