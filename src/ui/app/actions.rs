//! What the user asked for, carried out: follow changes (hashtags, people), a tweet's
//! buttons, applied settings, connecting with the profile in use.

use crate::core::connection::net::NetCommand;
use crate::core::desktop::settings::{FollowedHashtag, FollowedPerson};
use crate::core::social::search::{self, Filter};
use crate::ui::hashtags_panel::FollowChange;
use crate::ui::passwords::Lookup;
use crate::ui::people_panel::{MAX_PEOPLE, PersonChange};
use crate::ui::settings_dialog::AppliedSettings;
use crate::ui::timeline_view::TweetAction;

use super::ChirpApp;
use super::connection::presence_name;

impl ChirpApp {
    /// The username posted under, or empty while no valid one is typed.
    pub(super) fn me(&self) -> String {
        presence_name(&self.settings.username).unwrap_or_default()
    }

    /// A desktop notification, if wanted and the window is not in view.
    pub(super) fn notify(&self, summary: &str, text: &str) {
        if self.settings.notify_in_background && !self.focused {
            self.services.notify(summary, text);
        }
    }

    /// Connects with the profile in use, once its password is at hand.
    pub(super) fn connect_active_profile(&mut self) {
        let profile = self.settings.active();
        match self.services.passwords.lookup(&profile) {
            Lookup::Ready(password) => {
                self.connection.awaiting_password = None;
                let config =
                    self.connection
                        .config_for(&profile, password, &self.settings.username);
                if self.connection.adopt(config) {
                    let config = self.connection.config.clone();
                    self.services.net.send(NetCommand::Reconfigure(config));
                }
            }
            Lookup::Loading => {
                self.connection.awaiting_password = Some(profile.keyring_account());
            }
        }
    }

    pub(super) fn apply_follow_changes(&mut self, changes: Vec<FollowChange>) {
        for change in changes {
            match change {
                FollowChange::Follow(tag) => self.services.net.send(NetCommand::Subscribe(tag)),
                FollowChange::Unfollow(tag) => {
                    self.view.filtered.unfollowed(&tag);
                    self.services.net.send(NetCommand::Unsubscribe(tag));
                }
                FollowChange::Show(tag) => self.show(tag.map(Filter::Tag)),
                FollowChange::ShowMentions => self.show(Some(Filter::Mentions(self.me()))),
                FollowChange::Removed(tag) => {
                    self.view.filtered.unfollowed(&tag);
                    if self.settings.compose_tag.as_deref() == Some(tag.as_str()) {
                        self.settings.compose_tag = None;
                    }
                    self.services.net.send(NetCommand::Unsubscribe(tag));
                }
            }
        }
    }

    pub(super) fn apply_people_changes(&mut self, changes: Vec<PersonChange>) {
        for change in changes {
            match change {
                PersonChange::Follow(user) => {
                    self.services.net.send(NetCommand::FollowPerson(user));
                }
                PersonChange::Unfollow(user) | PersonChange::Removed(user) => {
                    self.view.filtered.unfollowed_person(&user);
                    self.services.net.send(NetCommand::UnfollowPerson(user));
                }
                PersonChange::Show(user) => self.show(Some(Filter::Person(user))),
            }
        }
    }

    /// Follows `user` (added to the People list if new) or unfollows them
    /// (kept in the list, unticked): the person card's button.
    pub(super) fn set_following(&mut self, user: String, follow: bool) {
        let people = &mut self.settings.people;
        let full = people.len() >= MAX_PEOPLE;
        match people.iter_mut().find(|p| p.user == user) {
            Some(known) => known.followed = follow,
            None if follow && !full => people.push(FollowedPerson {
                user: user.clone(),
                followed: true,
            }),
            // A full list: nothing kept, nothing followed.
            None => return,
        }
        let change = if follow {
            PersonChange::Follow(user)
        } else {
            PersonChange::Unfollow(user)
        };
        self.apply_people_changes(vec![change]);
    }

    /// Narrows the timeline to `filter` (None: all tweets).
    pub(super) fn show(&mut self, filter: Option<Filter>) {
        self.view
            .filtered
            .show(filter, &self.timeline, self.settings.timeline_limit);
    }

    /// Follows a tag picked in Discover, adding it if it is new.
    pub(super) fn follow_discovered(&mut self, tag: String) {
        match self.settings.hashtags.iter_mut().find(|h| h.tag == tag) {
            Some(known) => known.followed = true,
            None => self.settings.hashtags.push(FollowedHashtag {
                tag: tag.clone(),
                followed: true,
            }),
        }
        self.services.net.send(NetCommand::Subscribe(tag));
    }

    pub(super) fn tweet_action(&mut self, action: TweetAction) {
        match action {
            TweetAction::Reply(target) => {
                let me = self.me();
                self.view.compose.reply_to(target, &me);
            }
            TweetAction::ShowConversation(id) => {
                let ids = search::conversation_of(&self.timeline, &id);
                self.show(Some(Filter::Conversation(ids)));
            }
            TweetAction::Message(person) => self.windows.messages.open_with(&person),
            TweetAction::ShowPerson(user) => self.open_person_card(&user),
            TweetAction::React(kind, target) => self.react(kind, &target),
            TweetAction::Quote(target) => self.view.compose.quote(target),
            TweetAction::Mute(person) => self.mute_person(person),
            TweetAction::MuteHashtag(tag) => self.mute_hashtag(&tag),
        }
    }

    pub(super) fn apply_settings(&mut self, applied: AppliedSettings) {
        self.settings.classic_format = applied.classic_format;
        self.settings.timeline_limit = applied.timeline_limit;
        self.settings.retain_latest = applied.retain_latest;
        self.settings.notify_in_background = applied.notify_in_background;
        self.settings.flood_rate = applied.flood_rate;
        self.flood_guard.set_rate(applied.flood_rate);
        self.set_mute_list(applied.mutes);
        let passwords = &mut self.services.passwords;
        let mut profiles = applied.profiles;
        for removed in &applied.removed {
            let account = removed.keyring_account();
            if !profiles.iter().any(|p| p.keyring_account() == account) {
                passwords.forget(removed);
            }
        }
        for (name, password) in applied.new_passwords {
            if let Some(profile) = profiles.iter_mut().find(|p| p.name == name)
                && let Some(notice) = passwords.keep(profile, password)
            {
                self.view.notices.push(notice);
            }
        }
        self.settings.profiles = profiles;
        self.settings.active_profile = applied.active;
        self.connect_active_profile();
    }
}
