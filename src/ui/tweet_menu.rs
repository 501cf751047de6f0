//! The "…" menu of a tweet card: mute or block its author (by key when
//! signed, else by name), and keep one of its hashtags out of All tweets.

use super::i18n::Translate as _;
use super::spoken;
use super::timeline_view::TweetAction;
use crate::core::model::display::inert_name;
use crate::core::model::timeline::TimelineEntry;
use crate::core::social::mutes::MutedPerson;

/// The menu button; what was picked in it, if anything.
pub fn ui(ui: &mut egui::Ui, entry: &TimelineEntry, me: &str) -> Option<TweetAction> {
    let mut action = None;
    let button = egui::Button::new(egui::RichText::new("…").small()).frame(false);
    let menu = egui::containers::menu::MenuButton::from_button(button)
        .ui(ui, |ui| {
            if let Some(user) = entry.user().filter(|u| *u != me && !entry.own) {
                let key = entry.signed().map(|s| s.key);
                let name = inert_name(user, 32);
                let name = || name.clone().into();
                if ui
                    .button(ui.tr_args("menu-mute-person", &[("name", name())]))
                    .clicked()
                {
                    action = Some(TweetAction::Mute(MutedPerson::new(user, key, false)));
                }
                let block = ui
                    .button(ui.tr_args("menu-block-person", &[("name", name())]))
                    .on_hover_text(ui.tr("menu-block-hover"));
                if block.clicked() {
                    action = Some(TweetAction::Mute(MutedPerson::new(user, key, true)));
                }
            }
            for tag in entry.tags() {
                let tag_name = inert_name(tag, 64);
                let label = ui.tr_args("menu-mute-hashtag", &[("tag", tag_name.into())]);
                if ui.button(label).clicked() {
                    action = Some(TweetAction::MuteHashtag(tag.to_owned()));
                }
            }
        })
        .0
        .on_hover_text(ui.tr("menu-hover"));
    spoken::name(&menu, ui.tr("menu-spoken"));
    action
}
