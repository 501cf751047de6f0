//! ♥ Like and ↻ Repost with their counts on each card (counted per key:
//! one person liking twice counts once), Delete on one's own cards, and
//! the "↻ @bob reposted" line above a reposted tweet.

use egui::RichText;

use super::spoken;
use super::style;
use super::timeline_view::{CardContext, TweetAction};
use crate::core::model::display::inert_name;
use crate::core::model::timeline::TimelineEntry;
use crate::core::social::reaction::{ReactionKind, Target};
use crate::core::social::reactions::Tally;

/// What a reaction to `entry` is about.
pub fn target_of(entry: &TimelineEntry) -> Target {
    Target {
        id: entry.id().to_owned(),
        user: entry.user().map(str::to_owned),
        tags: entry.tags().map(str::to_owned).collect(),
    }
}

/// "↻ @bob reposted" (and how many others), once however many reposts.
pub fn reposted_ui(ui: &mut egui::Ui, tally: &Tally) {
    let Some(first) = tally.reposters.first() else {
        return;
    };
    let others = tally.reposts.saturating_sub(1);
    let text = match others {
        0 => format!("↻ @{} reposted", inert_name(first, 40)),
        1 => format!("↻ @{} and 1 other reposted", inert_name(first, 40)),
        n => format!("↻ @{} and {n} others reposted", inert_name(first, 40)),
    };
    ui.label(RichText::new(text).small().color(style::weak(ui)));
}

/// The reaction buttons of one card; what was clicked, if anything.
pub fn ui(ui: &mut egui::Ui, entry: &TimelineEntry, card: CardContext<'_>) -> Option<TweetAction> {
    let tally = card.reactions.tally(entry.id());
    let mine = |likes: bool| {
        card.my_key
            .is_some_and(|key| card.reactions.by_key(entry.id(), &key, likes))
    };
    let (liked, reposted) = (mine(true), mine(false));
    let mut action = None;
    let signed_in = card.my_key.is_some();
    let like = count_button(
        ui,
        if liked { "♥" } else { "♡" },
        tally.likes,
        liked,
        signed_in,
    )
    .on_hover_text(if liked { "Unlike" } else { "Like" });
    spoken::name(
        &like,
        spoken_count(if liked { "Unlike" } else { "Like" }, tally.likes, "like"),
    );
    if like.clicked() {
        let kind = if liked {
            ReactionKind::Unlike
        } else {
            ReactionKind::Like
        };
        action = Some(TweetAction::React(kind, target_of(entry)));
    }
    let repost =
        count_button(ui, "↻", tally.reposts, reposted, signed_in).on_hover_text(if reposted {
            "Undo repost"
        } else {
            "Repost to your followers"
        });
    let repost_name = if reposted { "Undo repost" } else { "Repost" };
    spoken::name(&repost, spoken_count(repost_name, tally.reposts, "repost"));
    if repost.clicked() {
        let kind = if reposted {
            ReactionKind::Unrepost
        } else {
            ReactionKind::Repost
        };
        action = Some(TweetAction::React(kind, target_of(entry)));
    }
    let own_signed = entry.own && entry.signed().is_some();
    if own_signed
        && small_button(ui, "🗑 Delete")
            .on_hover_text("Take this tweet back: signed, so only you can")
            .clicked()
    {
        action = Some(TweetAction::React(ReactionKind::Delete, target_of(entry)));
    }
    action
}

/// "Like, 2 likes": what the button does, then its count.
fn spoken_count(action: &str, count: usize, noun: &str) -> String {
    match count {
        0 => action.to_owned(),
        1 => format!("{action}, 1 {noun}"),
        n => format!("{action}, {n} {noun}s"),
    }
}

fn count_button(
    ui: &mut egui::Ui,
    icon: &str,
    count: usize,
    on: bool,
    enabled: bool,
) -> egui::Response {
    let label = if count > 0 {
        format!("{icon} {count}")
    } else {
        icon.to_owned()
    };
    let colour = if on {
        style::accent(ui.visuals())
    } else {
        style::weak(ui)
    };
    let button = egui::Button::new(RichText::new(label).small().color(colour)).frame(false);
    let response = ui.add_enabled(enabled, button);
    if enabled {
        response
    } else {
        response.on_disabled_hover_text("Needs your identity (Settings → Identity)")
    }
}

fn small_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add(egui::Button::new(RichText::new(label).small().color(style::weak(ui))).frame(false))
}
