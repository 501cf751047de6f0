//! ♥ Like and ↻ Repost with their counts on each card (counted per key:
//! one person liking twice counts once), Delete on one's own cards, and
//! the "@bob reposted" line above a reposted tweet.

use egui::RichText;

use super::i18n::{Translate as _, format_count};
use super::icons::{Icon, IconButton};
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

/// "@bob reposted" after the repost arrows (and how many others), once however many reposts.
pub fn reposted_ui(ui: &mut egui::Ui, tally: &Tally) {
    let Some(first) = tally.reposters.first() else {
        return;
    };
    let others = tally.reposts.saturating_sub(1);
    let text = ui.tr_args(
        "reactions-reposted",
        &[
            ("name", inert_name(first, 40).into()),
            ("others", others.into()),
        ],
    );
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        Icon::Repost.ui(ui, style::weak(ui));
        ui.label(RichText::new(text).small().color(style::weak(ui)));
    });
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
    let like = like_button(ui, liked, tally.likes, signed_in);
    if like.clicked() {
        let kind = if liked {
            ReactionKind::Unlike
        } else {
            ReactionKind::Like
        };
        action = Some(TweetAction::React(kind, target_of(entry)));
    }
    let repost = repost_button(ui, reposted, tally.reposts, signed_in);
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
        && small_button(ui, &ui.tr("reactions-delete"))
            .on_hover_text(ui.tr("reactions-delete-hover"))
            .clicked()
    {
        action = Some(TweetAction::React(ReactionKind::Delete, target_of(entry)));
    }
    action
}

/// A heart (filled when liked) and the likes, named for screen readers ("Like, 2 likes").
fn like_button(ui: &mut egui::Ui, liked: bool, likes: usize, enabled: bool) -> egui::Response {
    let (icon, hover, spoken) = if liked {
        let spoken = ui.tr_args("reactions-spoken-unlike", &[("count", likes.into())]);
        (Icon::HeartFilled, ui.tr("reactions-unlike"), spoken)
    } else {
        let spoken = ui.tr_args("reactions-spoken-like", &[("count", likes.into())]);
        (Icon::Heart, ui.tr("reactions-like"), spoken)
    };
    let response = count_button(ui, icon, likes, liked, enabled).on_hover_text(hover);
    spoken::name(&response, spoken);
    response
}

/// The repost arrows and the reposts, named for screen readers ("Repost, 1 repost").
fn repost_button(
    ui: &mut egui::Ui,
    reposted: bool,
    reposts: usize,
    enabled: bool,
) -> egui::Response {
    let (hover, spoken) = if reposted {
        let spoken = ui.tr_args("reactions-spoken-unrepost", &[("count", reposts.into())]);
        (ui.tr("reactions-unrepost"), spoken)
    } else {
        let spoken = ui.tr_args("reactions-spoken-repost", &[("count", reposts.into())]);
        (ui.tr("reactions-repost"), spoken)
    };
    let response = count_button(ui, Icon::Repost, reposts, reposted, enabled).on_hover_text(hover);
    spoken::name(&response, spoken);
    response
}

/// The icon and its count (grouped the language's way).
fn count_button(
    ui: &mut egui::Ui,
    icon: Icon,
    count: usize,
    on: bool,
    enabled: bool,
) -> egui::Response {
    let text = if count > 0 {
        format_count(ui.translations().language(), count as u64)
    } else {
        String::new()
    };
    let button = IconButton {
        icon,
        text: &text,
        on,
    };
    let response = ui.add_enabled(enabled, button);
    if enabled {
        response
    } else {
        response.on_disabled_hover_text(ui.tr("reactions-needs-identity"))
    }
}

fn small_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add(egui::Button::new(RichText::new(label).small().color(style::weak(ui))).frame(false))
}
