//! What arrives on a subscription: routed by topic to presence, direct
//! messages, broker figures or tweets, and decoded (or dropped, with why).

use std::time::Instant;

use rumqttc::Publish;

use super::Worker;
use crate::core::connection::net::NetEvent;
use crate::core::connection::net::broker_figures;
use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::model::tweet::{Tweet, WireFormat};
use crate::core::protocol::deferred::{self, Verification};
use crate::core::protocol::wire::{self, DecodeError};
use crate::core::social::reaction::{self, ReactionKind};
use crate::core::social::{direct, mentions, people, presence, profile};

impl Worker {
    pub(super) fn on_publish(&mut self, publish: Publish) {
        if publish.topic.starts_with(presence::PRESENCE_PREFIX) {
            self.on_presence(publish);
        } else if publish.topic.starts_with(profile::PROFILE_PREFIX) {
            self.on_profile(&publish);
        } else if publish.topic.starts_with(direct::DIRECT_PREFIX) {
            self.on_direct(publish);
        } else if publish.topic.starts_with("$SYS/") {
            if let Some(figure) = broker_figures::figure(&publish.topic, &publish.payload) {
                self.emit(NetEvent::BrokerFigure(figure));
            }
        } else {
            self.on_tagged(publish);
        }
    }

    fn on_direct(&mut self, publish: Publish) {
        let received_at = chrono::Utc::now();
        let me = self.config.signer.clone();
        let decoded = direct::decode(&publish.topic, &publish.payload, received_at, me.as_deref());
        let message = match decoded {
            Ok(message) => message,
            Err(reason) => return self.dropped(publish.topic, format!("direct message: {reason}")),
        };
        if let Some(key) = message.signer {
            // A message signed by another key than the sender's pinned one
            // is somebody else using their name: not shown as from them.
            let (trust, change) = self.pins.judge(&message.from, &key, received_at);
            if let Some(change) = change {
                self.pin_changed(change);
            }
            if trust == Trust::KeyChanged {
                let reason = format!(
                    "direct message: forged: signed by another key than @{}'s",
                    message.from
                );
                return self.dropped(publish.topic, reason);
            }
        }
        if let Some(store) = &self.store {
            store.record_direct(&message);
        }
        self.emit(NetEvent::Direct(message));
    }

    /// Whether a message on `topic` is still wanted: a tag or a person
    /// no longer followed was in flight when we unsubscribed, or kept by a
    /// persistent session from an earlier run (left now).
    fn is_wanted(&mut self, topic: &str, topic_tag: Option<&str>, payload: &[u8]) -> bool {
        let client = self.live_client().cloned();
        if let Some(tag) = topic_tag
            && !self.subs.is_followed(tag)
        {
            if self.subs.is_discovering() {
                let author = wire::claimed_author(payload);
                self.emit(NetEvent::Seen {
                    tag: tag.to_owned(),
                    author,
                });
            } else {
                self.subs.stray(client.as_ref(), &self.config, tag);
            }
            return false;
        }
        if let Some(user) = people::user_of(topic)
            && !self.subs.is_following_person(user)
        {
            self.subs.stray_person(client.as_ref(), &self.config, user);
            return false;
        }
        true
    }

    /// A message on `<root>/<tag>`, a mentions topic or a person's topic.
    fn on_tagged(&mut self, publish: Publish) {
        let topic_tag = self.config.topic_root.tag_of(&publish.topic);
        if !self.is_wanted(&publish.topic, topic_tag, &publish.payload) {
            return;
        }
        let received_at = chrono::Utc::now();
        // What comes on one's mentions topic is checked now: it notifies.
        let deferring = self.config.verification == Verification::WhenShown
            && !publish.topic.starts_with(mentions::MENTIONS_PREFIX);
        let pins = &self.pins;
        let pinned = |user: &str, key: &AuthorKey| pins.trust_of(user, key) == Trust::Verified;
        let decoded = wire::decode_tagged_remembering(
            topic_tag,
            &publish.payload,
            received_at,
            &mut self.verified,
            deferring.then_some(&pinned as &wire::PinnedKey<'_>),
        );
        if let Err(DecodeError::OtherKind(kind)) = &decoded
            && ReactionKind::parse(kind).is_some()
        {
            let tag = topic_tag.map(str::to_owned);
            return self.on_reaction(tag.as_deref(), publish);
        }
        let decoded = decoded
            .map_err(|e| e.to_string())
            .and_then(|tweet| as_addressed(&publish.topic, tweet))
            .and_then(|tweet| people::as_posted_by(&publish.topic, tweet))
            .and_then(|tweet| self.checked_if_for_me(tweet));
        match decoded {
            Ok(mut tweet) => {
                self.judge(&mut tweet);
                if publish.retain && tweet.format != WireFormat::Chirp {
                    // Sent again on every subscribe: the same id each time
                    // keeps it to one card.
                    tweet.id = wire::retained_id(&publish.topic, &publish.payload);
                }
                if let Some(store) = &self.store {
                    store.record_received(&tweet);
                }
                if let Some(trip) = self.round_trips.received(&tweet.id, Instant::now()) {
                    self.emit(NetEvent::RoundTrip(trip));
                }
                self.emit(NetEvent::Tweet {
                    topic: publish.topic,
                    tweet,
                });
            }
            Err(reason) => self.dropped(publish.topic, reason),
        }
    }

    /// A like, repost or deletion on a tag topic: checked, and judged
    /// against the pins (nothing is pinned from one).
    fn on_reaction(&mut self, topic_tag: Option<&str>, publish: Publish) {
        let decoded = reaction::decode(topic_tag, &publish.payload).and_then(|reaction| {
            // On a person's own topic, only what they sent themselves.
            match people::user_of(&publish.topic) {
                Some(user) if user != reaction.user => Err(format!(
                    "a {} by @{} on @{user}'s topic",
                    reaction.kind.as_str(),
                    reaction.user
                )),
                _ => Ok(reaction),
            }
        });
        match decoded {
            Ok(mut reaction) => {
                reaction.signed.trust = self.pins.trust_of(&reaction.user, &reaction.signed.key);
                if reaction.kind == ReactionKind::Delete
                    && let Some(store) = &self.store
                {
                    store.record_deletion(&reaction.target, &reaction.signed.key);
                }
                let topic = publish.topic;
                self.emit(NetEvent::Reaction { topic, reaction });
            }
            Err(why) => self.dropped(publish.topic, why),
        }
    }

    /// Someone's presence. One signed by another key than the one pinned
    /// for the name is somebody else saying they are online or gone: not
    /// taken. (A presence pins nothing; unsigned ones are taken as before.)
    fn on_presence(&mut self, publish: Publish) {
        let Some(presence) = presence::decode(&publish.topic, &publish.payload) else {
            return;
        };
        if let Some(key) = presence.signer
            && self.pins.trust_of(&presence.user, &key) == Trust::KeyChanged
        {
            let reason = format!(
                "presence: forged: signed by another key than @{}'s",
                presence.user
            );
            return self.dropped(publish.topic, reason);
        }
        self.emit(NetEvent::Presence(presence));
    }

    /// A profile, judged against the pins like a tweet: only one signed by
    /// the name's key may give the key its messages are encrypted to.
    fn on_profile(&mut self, publish: &Publish) {
        match profile::decode(&publish.topic, &publish.payload) {
            Ok(mut profile) => {
                let now = chrono::Utc::now();
                let (trust, change) = self.pins.judge(&profile.user, &profile.signed.key, now);
                profile.signed.trust = trust;
                if let Some(change) = change {
                    self.pin_changed(change);
                }
                self.emit(NetEvent::Profile(profile));
            }
            // An empty retained payload clears a profile: nothing to say.
            Err(_) if publish.payload.is_empty() => {}
            Err(reason) => self.dropped(publish.topic.clone(), format!("profile: {reason}")),
        }
    }

    /// A tweet held unchecked that mentions or answers this user is checked
    /// now, before it can notify them (forged: dropped with why).
    fn checked_if_for_me(&self, mut tweet: Tweet) -> Result<Tweet, String> {
        let me = self
            .config
            .inbox
            .as_deref()
            .or(self.config.presence.as_deref());
        let for_me = me.is_some_and(|me| {
            mentions::mentions(&tweet.text, me)
                || tweet.reply_to.as_ref().and_then(|p| p.user.as_deref()) == Some(me)
        });
        if tweet.deferred_signature.is_some() && for_me {
            deferred::check_deferred(&tweet).map_err(|why| format!("forged: {why}"))?;
            tweet.deferred_signature = None;
        }
        Ok(tweet)
    }

    /// A signed tweet's key against the pins: verified, new (pinned now)
    /// or another key than the name's.
    fn judge(&mut self, tweet: &mut Tweet) {
        let (Some(signed), Some(user)) = (tweet.signed.as_mut(), tweet.user.as_deref()) else {
            return;
        };
        let (trust, change) = self.pins.judge(user, &signed.key, tweet.received_at);
        signed.trust = trust;
        if let Some(change) = change {
            self.pin_changed(change);
        }
    }

    /// A payload not shown: logged with the reason (never its content).
    fn dropped(&mut self, topic: String, reason: String) {
        tracing::info!(%topic, %reason, "dropped a payload");
        self.emit(NetEvent::Dropped { topic, reason });
    }
}

/// What arrives on a mentions topic must be for that user: the personal
/// topic is no way to put just anything into their timeline.
fn as_addressed(topic: &str, tweet: Tweet) -> Result<Tweet, String> {
    let Some(user) = topic.strip_prefix(mentions::MENTIONS_PREFIX) else {
        return Ok(tweet);
    };
    let answers_them = tweet
        .reply_to
        .as_ref()
        .is_some_and(|parent| parent.user.as_deref() == Some(user));
    if answers_them || mentions::mentions(&tweet.text, user) {
        Ok(tweet)
    } else {
        Err(format!("neither mentions @{user} nor answers them"))
    }
}
