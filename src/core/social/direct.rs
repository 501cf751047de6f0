//! Direct messages: one person to another over `chirp/dm/<recipient>`,
//! which every client subscribes to for its own username. Not private: any
//! client on the broker may subscribe to someone else's topic. The payload
//! names its encryption (`"enc":"none"` today) so a later version can carry
//! ciphertext without a new topic. See PROTOCOL.md.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use crate::core::model::author_key::{AuthorKey, KEY_LEN};
use crate::core::model::bounds::{bounded_id, bounded_text};
use crate::core::model::name::Username;
use crate::core::model::tweet::{MAX_TWEET_CHARS, new_tweet_id};
use crate::core::protocol::identity::Identity;
use crate::core::protocol::wire::{format_ts, parse_ts};
use crate::core::social::compose::{DraftError, Publish, author_and_text};
use crate::core::social::direct_envelope::{self, EnvelopeIn, Header, PLAIN};

pub const DIRECT_PREFIX: &str = "chirp/dm/";
/// Direct messages are short; anything bigger is not one.
const MAX_PAYLOAD_BYTES: usize = 16 * 1024;
/// Messages kept per conversation, and conversations kept: with
/// `MAX_KEPT_CHARS`, a flood of messages from made-up senders holds at most
/// some tens of megabytes.
pub const MAX_MESSAGES_PER_PERSON: usize = 300;
pub const MAX_CONVERSATIONS: usize = 100;
/// Characters of a received message kept (one composed here has at most
/// 280).
pub const MAX_KEPT_CHARS: usize = 1_000;

pub fn topic(recipient: &str) -> String {
    format!("{DIRECT_PREFIX}{recipient}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectMessage {
    pub id: String,
    pub from: String,
    pub to: String,
    pub text: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
    /// Sealed to the recipient's key on the wire (end-to-end encrypted).
    pub encrypted: bool,
    /// The key that signed it, when signed (the receiver checks it against
    /// the sender's pinned key).
    pub signer: Option<AuthorKey>,
}

/// Why a direct message can't be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DirectError {
    /// What a tweet would be refused for too (no username, empty, too long).
    #[error("{0}")]
    Draft(DraftError),
    #[error("recipient: {0}")]
    InvalidRecipient(crate::core::model::name::NameError),
    #[error("{len} characters: a message can have at most {MAX_TWEET_CHARS}")]
    TooLong { len: usize },
    #[error("could not encrypt: {0}")]
    Seal(#[from] crate::core::protocol::sealed::SealError),
}

/// A message from the history, and whether it is ours and still waiting
/// for the broker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedMessage {
    pub message: DirectMessage,
    pub unsent: bool,
}

/// A message ready to send: what to show here and the one publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingDirect {
    pub message: DirectMessage,
    pub publish: Publish,
}

/// Checks a draft to `to` and builds the message, unsigned and in plain
/// text (what `Letter` builds without a signer or a key).
pub fn prepare(from: &str, to: &str, text: &str) -> Result<OutgoingDirect, DirectError> {
    Letter::new(from, to, text).prepare()
}

/// A direct message about to be sent: signed by the sender's identity and
/// sealed to the recipient's key when the builders give them.
#[derive(Debug, Clone, Copy)]
pub struct Letter<'a> {
    from: &'a str,
    to: &'a str,
    text: &'a str,
    signer: Option<&'a Identity>,
    recipient_key: Option<&'a [u8; KEY_LEN]>,
}

impl<'a> Letter<'a> {
    pub fn new(from: &'a str, to: &'a str, text: &'a str) -> Self {
        Self {
            from,
            to,
            text,
            signer: None,
            recipient_key: None,
        }
    }

    pub fn signed_by(mut self, signer: Option<&'a Identity>) -> Self {
        self.signer = signer;
        self
    }

    /// Sealed to this X25519 key (from the recipient's verified profile);
    /// only with a signer.
    pub fn sealed_to(mut self, key: Option<&'a [u8; KEY_LEN]>) -> Self {
        self.recipient_key = key;
        self
    }

    pub fn prepare(&self) -> Result<OutgoingDirect, DirectError> {
        let to = Username::parse(self.to.trim().trim_start_matches('@'))
            .map_err(DirectError::InvalidRecipient)?;
        let (from, body) = author_and_text(self.from, self.text).map_err(|e| match e {
            DraftError::TooLong { len } => DirectError::TooLong { len },
            other => DirectError::Draft(other),
        })?;
        let now = Utc::now();
        let id = new_tweet_id();
        let ts = format_ts(now);
        let header = Header {
            id: &id,
            from: from.as_str(),
            to: to.as_str(),
            ts: &ts,
            enc: PLAIN,
            epk: "",
        };
        let sealed_to = self.recipient_key.filter(|_| self.signer.is_some());
        let payload = direct_envelope::encode(header, body, self.signer, sealed_to)?;
        Ok(OutgoingDirect {
            publish: Publish {
                topic: topic(to.as_str()),
                payload,
                retain: false,
            },
            message: DirectMessage {
                id,
                from: from.as_str().to_owned(),
                to: to.as_str().to_owned(),
                text: body.to_owned(),
                sent_at: Some(now),
                received_at: now,
                encrypted: sealed_to.is_some(),
                signer: self.signer.map(Identity::author_key),
            },
        })
    }
}

/// A direct message, if `topic`/`payload` is one addressed to the topic's
/// user that this client can read (opened with `me` when sealed); else why
/// not. Junk, a message for someone else, a forged signature or a sealed
/// text that does not open are refused.
pub fn decode(
    topic: &str,
    payload: &[u8],
    received_at: DateTime<Utc>,
    me: Option<&Identity>,
) -> Result<DirectMessage, &'static str> {
    let recipient = topic
        .strip_prefix(DIRECT_PREFIX)
        .ok_or("not a message topic")?;
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err("too big for a direct message");
    }
    let parsed: EnvelopeIn = serde_json::from_slice(payload).map_err(|_| "not a direct message")?;
    if parsed.kind != "dm" || parsed.to != recipient || parsed.id.is_empty() {
        return Err("not a direct message to this user");
    }
    Username::parse(&parsed.from).map_err(|_| "the sender is no valid username")?;
    Username::parse(&parsed.to).map_err(|_| "the recipient is no valid username")?;
    let (text, encrypted, signer) = direct_envelope::open(&parsed, me)?;
    let sent_at = parse_ts(parsed.ts.as_ref());
    Ok(DirectMessage {
        id: bounded_id(parsed.id),
        from: parsed.from,
        to: parsed.to,
        text: bounded_text(text, MAX_KEPT_CHARS, "…"),
        sent_at,
        received_at,
        encrypted,
        signer,
    })
}

/// One person's conversation, oldest first.
#[derive(Debug, Default)]
pub struct Conversation {
    pub messages: VecDeque<DirectMessage>,
    /// Arrived while the conversation was not open.
    pub unread: usize,
    /// Ids of ours the broker has not acknowledged yet.
    pub pending: Vec<String>,
    last_activity: Option<DateTime<Utc>>,
}

/// Every conversation of this user, bounded in people and messages.
#[derive(Debug, Default)]
pub struct Inbox {
    conversations: HashMap<String, Conversation>,
}

impl Inbox {
    /// Adds a message sent or received by `me`, under the other person.
    /// False when it is already there (a resend after a reconnect).
    pub fn add(&mut self, me: &str, message: DirectMessage, unread: bool) -> bool {
        let other = if message.from == me {
            message.to.clone()
        } else {
            message.from.clone()
        };
        if !self.conversations.contains_key(&other)
            && self.conversations.len() >= MAX_CONVERSATIONS
            && let Some(quietest) = self
                .conversations
                .iter()
                .min_by_key(|(_, c)| c.last_activity)
                .map(|(name, _)| name.clone())
        {
            self.conversations.remove(&quietest);
        }
        let conversation = self.conversations.entry(other).or_default();
        if conversation.messages.iter().any(|m| m.id == message.id) {
            return false;
        }
        conversation.last_activity = Some(message.received_at);
        if unread {
            conversation.unread += 1;
        }
        conversation.messages.push_back(message);
        while conversation.messages.len() > MAX_MESSAGES_PER_PERSON {
            conversation.messages.pop_front();
        }
        true
    }

    /// An own message, shown at once as unsent.
    pub fn add_own(&mut self, me: &str, message: DirectMessage) {
        let id = message.id.clone();
        let other = message.to.clone();
        if self.add(me, message, false)
            && let Some(conversation) = self.conversations.get_mut(&other)
        {
            conversation.pending.push(id);
        }
    }

    /// The broker has the message `id`; true when it was one of ours.
    pub fn acknowledged(&mut self, id: &str) -> bool {
        let mut found = false;
        for conversation in self.conversations.values_mut() {
            let before = conversation.pending.len();
            conversation.pending.retain(|pending| pending != id);
            found |= conversation.pending.len() != before;
        }
        found
    }

    pub fn get(&self, person: &str) -> Option<&Conversation> {
        self.conversations.get(person)
    }

    pub fn mark_read(&mut self, person: &str) {
        if let Some(conversation) = self.conversations.get_mut(person) {
            conversation.unread = 0;
        }
    }

    pub fn unread(&self) -> usize {
        self.conversations.values().map(|c| c.unread).sum()
    }

    /// People, the most recently active first.
    pub fn people(&self) -> Vec<(&str, &Conversation)> {
        let mut people: Vec<(&str, &Conversation)> = self
            .conversations
            .iter()
            .map(|(name, c)| (name.as_str(), c))
            .collect();
        people.sort_by_key(|(_, c)| std::cmp::Reverse(c.last_activity));
        people
    }

    pub fn len(&self) -> usize {
        self.conversations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.conversations.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_round_trips_to_its_recipient_only() {
        let outgoing = prepare("alice", "@bob", " hi there ").expect("valid");
        assert_eq!(outgoing.publish.topic, "chirp/dm/bob");
        assert!(!outgoing.publish.retain);
        let json: serde_json::Value =
            serde_json::from_slice(&outgoing.publish.payload).expect("json");
        assert_eq!(json["enc"], "none");
        assert_eq!(json["kind"], "dm");
        let message =
            decode("chirp/dm/bob", &outgoing.publish.payload, Utc::now(), None).expect("dm");
        assert_eq!(
            (message.from.as_str(), message.text.as_str()),
            ("alice", "hi there")
        );
        assert_eq!(message.id, outgoing.message.id);
        assert!(
            decode(
                "chirp/dm/carol",
                &outgoing.publish.payload,
                Utc::now(),
                None
            )
            .is_err()
        );
    }

    #[test]
    fn drafts_are_refused_with_the_reason() {
        let draft = |e| Err(DirectError::Draft(e));
        assert_eq!(prepare("", "bob", "x"), draft(DraftError::NoUsername));
        assert!(matches!(
            prepare("alice", "b/ob", "x"),
            Err(DirectError::InvalidRecipient(_))
        ));
        assert_eq!(prepare("alice", "bob", "  "), draft(DraftError::EmptyText));
        let long = "x".repeat(281);
        assert_eq!(
            prepare("alice", "bob", &long),
            Err(DirectError::TooLong { len: 281 })
        );
    }

    #[test]
    fn junk_and_unreadable_encryption_are_ignored() {
        let now = Utc::now();
        for payload in [
            &b"\xff\xfe"[..],
            b"hello",
            br#"{"kind":"tweet","id":"1","from":"a","to":"bob","text":"x"}"#,
            br#"{"kind":"dm","id":"1","from":"a/b","to":"bob","text":"x"}"#,
            br#"{"kind":"dm","id":"1","from":"a","to":"bob","text":"x","enc":"x25519"}"#,
            br#"{"kind":"dm","id":"","from":"a","to":"bob","text":"x"}"#,
        ] {
            assert!(
                decode("chirp/dm/bob", payload, now, None).is_err(),
                "{payload:?}"
            );
        }
    }

    #[test]
    fn the_inbox_keeps_each_message_once_per_person_and_counts_unread() {
        let mut inbox = Inbox::default();
        let to_bob = prepare("alice", "bob", "hi").expect("valid").message;
        inbox.add_own("alice", to_bob.clone());
        assert!(
            !inbox.add("alice", to_bob.clone(), false),
            "a resend is not a new message"
        );
        let from_bob = prepare("bob", "alice", "hello").expect("valid").message;
        assert!(inbox.add("alice", from_bob, true));
        let bob = inbox.get("bob").expect("conversation");
        assert_eq!(bob.messages.len(), 2);
        assert_eq!((bob.unread, bob.pending.len()), (1, 1));
        assert!(inbox.acknowledged(&to_bob.id));
        assert!(!inbox.acknowledged("someone else's"));
        inbox.mark_read("bob");
        assert_eq!(inbox.unread(), 0);
    }

    #[test]
    fn the_inbox_is_bounded() {
        let mut inbox = Inbox::default();
        for n in 0..(MAX_CONVERSATIONS + 20) {
            let message = prepare(&format!("u{n}"), "me", "hi")
                .expect("valid")
                .message;
            inbox.add("me", message, true);
        }
        assert_eq!(inbox.len(), MAX_CONVERSATIONS);
        for _ in 0..(MAX_MESSAGES_PER_PERSON + 5) {
            let message = prepare("talker", "me", "again").expect("valid").message;
            inbox.add("me", message, true);
        }
        let talker = inbox.get("talker").expect("kept: most recent");
        assert_eq!(talker.messages.len(), MAX_MESSAGES_PER_PERSON);
    }
}
