//! Taking in what the other threads report: network events within the
//! frame's budget, the settings writer's errors, the notifier's failures,
//! the keyring's answers.

use std::time::Duration;

use crate::core::connection::net::NetEvent;
use crate::core::connection::profile::PasswordPlace;
use crate::core::model::tweet::Tweet;
use crate::core::social::direct::DirectMessage;
use crate::core::social::mutes::{Scope, Verdict};
use crate::ui::filtered_view::Followed;
use crate::ui::notices::Notice;
use crate::ui::passwords::{self, PasswordEvent};

use super::ChirpApp;
use super::connection::presence_name;

/// How long one frame may spend taking in network events; the rest wait
/// for the next frame, so a flood never freezes the window.
const EVENT_BUDGET: Duration = Duration::from_millis(6);

impl ChirpApp {
    pub(super) fn drain_events(&mut self, ctx: &egui::Context) {
        self.focused = ctx.input(|i| i.focused);
        for event in self.services.net.drain_within(EVENT_BUDGET) {
            self.handle_event(event);
        }
        if self.services.net.waiting() > 0 {
            ctx.request_repaint();
        }
        let unsaved = self.services.writer_notices().into_iter();
        self.view.notices.extend(
            unsaved.map(|error| {
                Notice::tr_args("notice-settings-not-saved", &[("error", error.into())])
            }),
        );
        self.services.note_notifier_failures();
        for event in self.services.passwords.drain() {
            self.handle_password_event(event);
        }
    }

    fn handle_event(&mut self, event: NetEvent) {
        self.windows.diagnostics.note(&event);
        match event {
            NetEvent::Connection(state) => self.connection.state = state,
            NetEvent::Tweet { topic, tweet } => self.received_tweet(&topic, &tweet),
            NetEvent::Reaction { reaction, .. } => self.received_reaction(&reaction),
            NetEvent::Seen { tag, author } => {
                // A muted person's tweets count nowhere, Discover included.
                if !self.mutes.is_muted(author.name.as_deref(), author.key) {
                    self.windows.discover.record(&tag);
                }
            }
            NetEvent::Acknowledged(id) => {
                self.timeline.mark_acknowledged(&id);
                self.view.filtered.acknowledged(&id);
                self.windows.messages.acknowledged(&id);
            }
            NetEvent::DirectHistory(mut saved) => {
                let mutes = &self.mutes;
                saved.retain(|s| !mutes.is_blocked(&s.message.from, s.message.signer));
                self.windows.messages.restore(saved);
            }
            NetEvent::Direct(message) => self.received_direct(message),
            NetEvent::Profile(profile) => self.people.profiles.note(profile),
            // Saved tweets are older than anything that arrived meanwhile.
            NetEvent::History(entries) => {
                for entry in &entries {
                    self.saw_signer(&entry.tweet);
                }
                self.timeline.extend_older(entries);
            }
            NetEvent::Notice(notice) => self.view.notices.push(notice),
            NetEvent::StorageUnavailable(reason) => {
                self.durable_outbox = false;
                self.view.notices.push(Notice::tr_args(
                    "notice-history-not-kept",
                    &[("reason", reason.into())],
                ));
            }
            NetEvent::PinChanged(change) => self.pin_changed(change),
            NetEvent::Pins(pins) => self.people.load(pins),
            NetEvent::Dropped { .. }
            | NetEvent::ProfileWatched(_)
            | NetEvent::Subscribed(_)
            | NetEvent::Unsubscribed(_)
            | NetEvent::SubscribedPeople(_)
            | NetEvent::UnsubscribedPeople(_)
            | NetEvent::RoundTrip(_)
            | NetEvent::BrokerFigure(_)
            | NetEvent::Discovering(_)
            | NetEvent::PersonalReady(_) => {}
            NetEvent::Presence(presence) => self.presence.note(presence),
        }
    }

    fn received_tweet(&mut self, topic: &str, tweet: &Tweet) {
        // A copy under another tag is not counted again by the guard.
        if self.timeline.contains(&tweet.id) || !self.admit(tweet) {
            return;
        }
        self.take_in(Some(topic), tweet);
    }

    /// Puts `tweet` (from `topic`, when known) in the timeline, counts it
    /// in Discover, the unread counts and the mentions, and notifies a
    /// mention. A muted author's tweet counts nowhere; one with a muted
    /// word does not notify.
    pub(super) fn take_in(&mut self, topic: Option<&str>, tweet: &Tweet) {
        // Counted once per tweet: a tag also watched by Discover may
        // deliver it twice.
        if !self.timeline.insert_received(tweet) {
            return;
        }
        self.apply_held_deletion(&tweet.id);
        self.saw_signer(tweet);
        // Where it landed: the front for most, lower for a late one.
        let verdict = self
            .timeline
            .last_inserted()
            .map_or(Verdict::Shown, |entry| {
                self.mutes.verdict(entry, Scope::Narrowed)
            });
        let muted_author = verdict == Verdict::Hidden;
        let topic_root = &self.connection.config.topic_root;
        if !muted_author && let Some(tag) = topic.and_then(|topic| topic_root.tag_of(topic)) {
            self.windows.discover.record(tag);
        }
        let (hashtags, people) = (&self.settings.hashtags, &self.settings.people);
        let me = presence_name(&self.settings.username).filter(|_| verdict == Verdict::Shown);
        let tag = |tag: &str| !muted_author && hashtags.iter().any(|h| h.followed && h.tag == tag);
        let person =
            |user: &str| !muted_author && people.iter().any(|p| p.followed && p.user == user);
        let followed = Followed {
            tag: &tag,
            person: &person,
        };
        let mention = self.view.filtered.received(
            tweet,
            self.timeline.last_inserted(),
            followed,
            me.as_deref(),
        );
        if mention {
            let tr = self.language.translations();
            let summary = match tweet.user.as_deref() {
                Some(author) => tr.tr_args("notify-mention", &[("user", author.into())]),
                None => tr.tr("notify-mention-unknown"),
            };
            if tweet.deferred_signature.is_some() {
                // Only once its signature holds (a window without presence
                // has its mentions held like any tweet).
                self.notify_when_checked(tweet, summary);
            } else {
                self.notify(&summary, &tweet.text);
            }
        }
    }

    fn received_direct(&mut self, message: DirectMessage) {
        let Some(me) = presence_name(&self.settings.username) else {
            return;
        };
        if self.mutes.is_blocked(&message.from, message.signer) {
            // Blocked: dropped unseen, not notified.
            return;
        }
        let summary = self
            .language
            .translations()
            .tr_args("notify-message", &[("user", message.from.as_str().into())]);
        let text = message.text.clone();
        if self.windows.messages.received(&me, message) {
            self.notify(&summary, &text);
        }
    }

    fn handle_password_event(&mut self, event: PasswordEvent) {
        match event {
            PasswordEvent::Loaded { account } => {
                if self.connection.awaiting_password.as_deref() == Some(account.as_str()) {
                    self.connection.awaiting_password = None;
                    self.connect_active_profile();
                }
            }
            PasswordEvent::KeyringMissing {
                account,
                password,
                reason,
            } => {
                for profile in &mut self.settings.profiles {
                    if profile.keyring_account() == account
                        && profile.password_place == PasswordPlace::Keyring
                    {
                        profile.password_place = PasswordPlace::SettingsFile;
                        profile.saved_password = Some(password.clone());
                        let notice = passwords::settings_file_notice(&profile.name, &reason);
                        self.view.notices.push(notice);
                    }
                }
            }
            PasswordEvent::Notice(notice) => self.view.notices.push(notice),
        }
    }
}
