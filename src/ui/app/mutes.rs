//! Mutes, blocks and the flood guard, as the app applies them: a change
//! to the mute list rebuilds its index at once (every row is judged by it
//! as it is drawn, so the history shows the change too); a tweet past its
//! author's rate is held back by the guard before it joins the timeline.

use crate::core::model::tweet::Tweet;
use crate::core::social::flood_guard::FloodAuthor;
use crate::core::social::mutes::{MuteList, MutedPerson};

use super::ChirpApp;
use crate::ui::notices::Notice;

impl ChirpApp {
    /// Mutes (or blocks) `person`; when the list is full, says so.
    pub(super) fn mute_person(&mut self, person: MutedPerson) {
        let mut list = self.settings.mutes.clone();
        if list.mute_person(person) {
            self.set_mute_list(list);
        } else {
            self.mute_list_full();
        }
    }

    pub(super) fn unmute_person(&mut self, person: &MutedPerson) {
        let mut list = self.settings.mutes.clone();
        list.unmute_person(person);
        self.set_mute_list(list);
    }

    /// Keeps `tag` out of All tweets.
    pub(super) fn mute_hashtag(&mut self, tag: &str) {
        let mut list = self.settings.mutes.clone();
        if list.mute_hashtag(tag) {
            self.set_mute_list(list);
        } else {
            self.mute_list_full();
        }
    }

    fn mute_list_full(&mut self) {
        let limit = crate::core::social::mutes::MUTE_LIMIT;
        self.view.notices.push(Notice::tr_args(
            "notice-mute-list-full",
            &[("limit", limit.into())],
        ));
    }

    /// The mutes from now on (saved with the settings).
    pub(super) fn set_mute_list(&mut self, list: MuteList) {
        self.mutes = crate::core::social::mutes::Mutes::new(&list);
        self.settings.mutes = list;
    }

    /// Whether a tweet that just arrived joins the timeline, or is held back
    /// by the flood guard.
    pub(super) fn admit(&mut self, tweet: &Tweet) -> bool {
        let now = chrono::Utc::now().timestamp_millis();
        self.flood_guard.admit(tweet, now)
    }

    /// Show on a flood's line: the author is let through, their newest held
    /// tweets join the timeline.
    pub(super) fn show_flood(&mut self, author: &FloodAuthor) {
        for tweet in self.flood_guard.let_through(author) {
            self.take_in(None, &tweet);
        }
    }
}
