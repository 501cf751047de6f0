//! Who signed what: the pins the worker reports, mirrored in `People`;
//! the person card (following them, their recent tweets), and the key decisions made in it (sent to the worker,
//! and the cards of that name judged again at once).

use crate::core::connection::net::NetCommand;
use crate::core::model::author_key::AuthorKey;
use crate::core::model::timeline::Timeline;
use crate::core::model::tweet::Tweet;
use crate::core::social::trust::PinChange;
use crate::ui::person_card::{PersonAction, PersonCard, RECENT_TWEETS, RecentTweet};

use super::ChirpApp;

impl ChirpApp {
    /// A pin made, replaced or forgotten by the worker.
    pub(super) fn pin_changed(&mut self, change: PinChange) {
        if let Some(user) = self.people.pin_changed(change) {
            self.rejudge(&user);
        }
    }

    /// A tweet shown: a key other than its name's is remembered.
    pub(super) fn saw_signer(&mut self, tweet: &Tweet) {
        if let Some(user) = &tweet.user {
            self.people.saw(user, tweet.signed);
        }
    }

    pub(super) fn open_person_card(&mut self, user: &str) {
        self.windows.person_card = Some(PersonCard::new(user));
    }

    /// The person card, while open.
    pub(super) fn person_card_ui(&mut self, ui: &mut egui::Ui) {
        let Some(card) = &mut self.windows.person_card else {
            return;
        };
        // The profile may arrive while the card is open.
        card.profile = self.people.profiles.get(card.user()).map(|profile| {
            let about = &profile.about;
            (about.display_name.clone(), about.bio.clone())
        });
        card.following = self.settings.followed_people().any(|u| u == card.user());
        refresh_recent(card, &self.timeline);
        let key = self.people.pinned(card.user()).map(|pin| pin.key);
        card.muted = self.settings.mutes.person_of(card.user(), key).cloned();
        let outcome = card.ui(ui, &self.people);
        if !outcome.open {
            self.windows.person_card = None;
        }
        if let Some(action) = outcome.action {
            self.person_action(action);
        }
    }

    fn person_action(&mut self, action: PersonAction) {
        match action {
            PersonAction::Trust { user, key } => {
                self.people.trust(&user, key, chrono::Utc::now());
                self.rejudge(&user);
                self.services.net.send(NetCommand::TrustKey { user, key });
            }
            PersonAction::Follow { user, follow } => self.set_following(user, follow),
            PersonAction::Mute(person) => self.mute_person(person),
            PersonAction::Unmute(person) => self.unmute_person(&person),
            PersonAction::Forget(user) => {
                self.people.forget(&user);
                self.rejudge(&user);
                self.services.net.send(NetCommand::ForgetKey(user));
            }
        }
    }

    /// The cards of `user`, main timeline and narrowed view, judged again
    /// by the pins held now.
    fn rejudge(&mut self, user: &str) {
        let people = &self.people;
        let judge = |key: &AuthorKey| people.trust_of(user, key);
        self.timeline.rejudge(user, judge);
        self.view.filtered.rejudge(user, judge);
    }
}

/// How far back the card looks for a person's tweets: the newest this many
/// of the timeline, so a card open during a flood costs a bounded scan.
const RECENT_SCAN: usize = 5_000;

/// Gathers the card's recent tweets again when the timeline has changed.
fn refresh_recent(card: &mut PersonCard, timeline: &Timeline) {
    // Any insertion, at the front or lower down, changes the count.
    let as_of = Some((timeline.len(), timeline.insertions()));
    if card.recent_as_of == as_of {
        return;
    }
    let user = card.user().to_owned();
    card.recent = timeline
        .iter()
        .take(RECENT_SCAN)
        .filter(|entry| entry.user() == Some(user.as_str()))
        .take(RECENT_TWEETS)
        .map(|entry| RecentTweet {
            at: entry.shown_time(),
            text: entry.text().to_owned(),
        })
        .collect();
    card.recent_as_of = as_of;
}
