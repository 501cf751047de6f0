//! Likes, reposts and deletions (PROTOCOL.md section 12): small signed
//! payloads on the hashtag topics of the tweet they are about, naming it by
//! id. Each must be signed: counts are per key, and a deletion is honoured
//! only when signed by the key that signed the tweet.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::{Signed, Trust};
use crate::core::model::bounds::MAX_KEPT_ID_BYTES;
use crate::core::model::name::{Hashtag, Username};
use crate::core::model::tweet::new_tweet_id;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::{self, Canonical, SignatureCheck};
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::protocol::wire::{format_ts, parse_ts};
use crate::core::social::compose::Publish;
use crate::core::social::people;

/// Reactions are small; anything bigger is not one.
const MAX_PAYLOAD_BYTES: usize = 4 * 1024;
/// The most hashtags a reaction may name (a tweet has a few).
const MAX_TAGS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReactionKind {
    Like,
    /// Takes one's like back.
    Unlike,
    Repost,
    /// Takes one's repost back.
    Unrepost,
    /// The author takes their tweet back.
    Delete,
}

impl ReactionKind {
    pub const ALL: [ReactionKind; 5] = [
        ReactionKind::Like,
        ReactionKind::Unlike,
        ReactionKind::Repost,
        ReactionKind::Unrepost,
        ReactionKind::Delete,
    ];

    /// The payload's `kind`, which the signature covers first.
    pub fn as_str(self) -> &'static str {
        match self {
            ReactionKind::Like => "like",
            ReactionKind::Unlike => "unlike",
            ReactionKind::Repost => "repost",
            ReactionKind::Unrepost => "unrepost",
            ReactionKind::Delete => "delete",
        }
    }

    pub fn parse(kind: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == kind)
    }
}

/// A reaction as received: its signature verified, its key not yet judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reaction {
    pub kind: ReactionKind,
    /// The reaction's own id.
    pub id: String,
    /// Who reacted (by name; counted by key).
    pub user: String,
    /// The id of the tweet it is about (`ref`).
    pub target: String,
    /// That tweet's author, as the reactor names them (`ref_user`).
    pub target_user: Option<String>,
    pub tags: Vec<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub signed: Signed,
}

#[derive(Serialize, Deserialize)]
struct PayloadV1 {
    v: u32,
    kind: String,
    id: String,
    user: String,
    #[serde(rename = "ref")]
    target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ref_user: Option<String>,
    tags: Vec<String>,
    ts: String,
    pk: String,
    sig: String,
}

/// The canonical string (section 9.2) of a reaction: kind, key, then id,
/// user, ref, ref_user (empty when none), tags (a list), ts.
fn canonical(p: &PayloadV1, key: &crate::core::model::author_key::AuthorKey) -> Canonical {
    Canonical::new(&p.kind, key)
        .text(&p.id)
        .text(&p.user)
        .text(&p.target)
        .optional(p.ref_user.as_deref())
        .list(p.tags.iter().map(String::as_str))
        .text(&p.ts)
}

/// What a reaction is about: the tweet's id, author and hashtags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub user: Option<String>,
    pub tags: Vec<String>,
}

/// A reaction ready to publish: one copy per hashtag of its tweet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingReaction {
    pub reaction: Reaction,
    pub publishes: Vec<Publish>,
}

/// `kind` by `user` about `target`, signed by `identity`, published under
/// `root` on each of the tweet's hashtags (a reaction is never retained,
/// except a deletion where `retain_on` says its tweet was the newest).
pub fn prepare(
    kind: ReactionKind,
    user: &str,
    target: &Target,
    identity: &Identity,
    root: &TopicRoot,
) -> Result<OutgoingReaction, String> {
    Username::parse(user).map_err(|e| e.to_string())?;
    let tags: Vec<String> = target
        .tags
        .iter()
        .filter_map(|t| Hashtag::parse(t).ok())
        .map(String::from)
        .collect();
    if tags.is_empty() {
        return Err("the tweet has no hashtag to react under".to_owned());
    }
    let now = Utc::now();
    let mut payload = PayloadV1 {
        v: 1,
        kind: kind.as_str().to_owned(),
        id: new_tweet_id(),
        user: user.to_owned(),
        target: target.id.clone(),
        ref_user: target.user.clone(),
        tags,
        ts: format_ts(now),
        pk: identity.author_key().to_base64(),
        sig: String::new(),
    };
    payload.sig = canonical(&payload, &identity.author_key()).sign(identity);
    let bytes = serde_json::to_vec(&payload).map_err(|e| e.to_string())?;
    // A deletion also goes to the author's own topic: whoever follows
    // them there (not the hashtags) got the tweet from it.
    let own_topic = (kind == ReactionKind::Delete).then(|| people::topic(user));
    let publishes = payload
        .tags
        .iter()
        .map(|tag| root.topic(tag))
        .chain(own_topic)
        .map(|topic| Publish {
            topic,
            payload: bytes.clone(),
            retain: false,
        })
        .collect();
    let reaction = Reaction {
        kind,
        id: payload.id,
        user: payload.user,
        target: payload.target,
        target_user: payload.ref_user,
        tags: payload.tags,
        sent_at: Some(now),
        signed: Signed {
            key: identity.author_key(),
            trust: Trust::Unjudged,
        },
    };
    Ok(OutgoingReaction {
        reaction,
        publishes,
    })
}

/// Reads a reaction that arrived on the topic of `topic_tag`. It must be
/// signed, well-formed, and name the topic's tag among its own (else it
/// was replayed onto another tag). Errors say why, for Diagnostics.
pub fn decode(topic_tag: Option<&str>, payload: &[u8]) -> Result<Reaction, String> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(format!("a reaction of {} bytes: too big", payload.len()));
    }
    let parsed: PayloadV1 =
        serde_json::from_slice(payload).map_err(|_| "not a well-formed reaction".to_owned())?;
    let kind = ReactionKind::parse(&parsed.kind).ok_or("not a reaction kind")?;
    let key = match signed::check(Some(&parsed.pk), Some(&parsed.sig), |key| {
        canonical(&parsed, key)
    }) {
        SignatureCheck::Good(key) => key,
        SignatureCheck::Forged(why) => return Err(format!("forged: {why}")),
        SignatureCheck::Unsigned => return Err("an unsigned reaction".to_owned()),
    };
    check_fields(&parsed, topic_tag)?;
    Ok(Reaction {
        kind,
        sent_at: parse_ts(Some(&serde_json::Value::String(parsed.ts.clone()))),
        id: parsed.id,
        user: parsed.user,
        target: parsed.target,
        target_user: parsed.ref_user.filter(|user| !user.is_empty()),
        tags: parsed.tags,
        signed: Signed {
            key,
            trust: Trust::Unjudged,
        },
    })
}

/// The fields a receiver relies on, in their bounds (after the signature:
/// a good signature over nonsense is still nonsense).
fn check_fields(parsed: &PayloadV1, topic_tag: Option<&str>) -> Result<(), String> {
    Username::parse(&parsed.user).map_err(|_| "a reaction by no valid name".to_owned())?;
    if parsed.id.is_empty() || parsed.target.is_empty() {
        return Err("a reaction without an id or a tweet".to_owned());
    }
    if parsed.id.len() > MAX_KEPT_ID_BYTES || parsed.target.len() > MAX_KEPT_ID_BYTES {
        return Err("a reaction with an over-long id".to_owned());
    }
    if parsed.tags.len() > MAX_TAGS {
        return Err("a reaction naming too many hashtags".to_owned());
    }
    if let Some(user) = parsed.ref_user.as_deref().filter(|u| !u.is_empty()) {
        Username::parse(user).map_err(|_| "a reaction to no valid name".to_owned())?;
    }
    match topic_tag {
        Some(tag) if !parsed.tags.iter().any(|t| t == tag) => Err(format!(
            "a {} signed for other hashtags than #{tag}: replayed onto it",
            parsed.kind
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
