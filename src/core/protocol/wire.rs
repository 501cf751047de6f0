//! The wire format: topics, and encoding and decoding payloads (v1 JSON,
//! classic `<user>: <text>`, raw text). See PROTOCOL.md.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;

use crate::core::model::author_key::{AuthorKey, DeferredSignature, Signed, Trust};
use crate::core::model::bounds::{
    MAX_KEPT_TAGS, MAX_KEPT_TEXT_CHARS, MAX_KEPT_USER_CHARS, MAX_PAYLOAD_BYTES, bounded_id,
    bounded_text, fnv1a_64,
};
use crate::core::model::name::{Hashtag, Username};
use crate::core::model::tweet::{ReplyTo, Tweet, WireFormat, new_tweet_id};
use crate::core::protocol::deferred;
use crate::core::protocol::signed::{self, Claim, TweetFields, VerifiedSignatures};

/// Tweet topics under the default root (`TopicRoot`).
pub const TOPIC_PREFIX: &str = "hashtags/";

/// The classic clients' separator between author and text.
const CLASSIC_SEPARATOR: &str = ": ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("payload is not UTF-8 text")]
    NotUtf8,
    #[error("payload is {0} bytes, over the {MAX_PAYLOAD_BYTES}-byte limit")]
    Oversize(usize),
    #[error("payload is empty")]
    Empty,
    /// A signature that does not hold: never shown, counted.
    #[error("forged: {0}")]
    Forged(&'static str),
    /// A good signature over other hashtags than the topic's: a copy
    /// replayed onto another tag, not shown under it.
    #[error("signed for other hashtags than #{0}: replayed onto it")]
    Replayed(String),
    /// A Chirp payload of a kind that is not a tweet.
    #[error("a '{0}' payload, not a tweet")]
    OtherKind(String),
}

/// The tag a `hashtags/<tag>` topic is about, if it is one: one non-empty
/// level (`hashtags/` alone names no tag).
pub fn tag_of_topic(topic: &str) -> Option<&str> {
    topic
        .strip_prefix(TOPIC_PREFIX)
        .filter(|tag| !tag.is_empty() && !tag.contains('/'))
}

/// The id of a retained classic or raw payload, which has none of its own:
/// the same for the same topic and bytes, in every run and on every client,
/// so its copy re-sent on each subscribe is one tweet (FNV-1a, 64 bits).
pub fn retained_id(topic: &str, payload: &[u8]) -> String {
    let bytes = topic.bytes().chain([0]).chain(payload.iter().copied());
    format!("retained-{:016x}", fnv1a_64(bytes))
}

/// Payload v1 as it is read: unknown fields ignored, later versions accepted.
#[derive(Deserialize)]
struct IncomingV1 {
    v: serde_json::Number,
    id: String,
    user: String,
    text: String,
    #[serde(default)]
    tags: Vec<serde_json::Value>,
    #[serde(default)]
    ts: Option<serde_json::Value>,
    #[serde(default)]
    reply_to: Option<serde_json::Value>,
    #[serde(default)]
    reply_to_user: Option<serde_json::Value>,
    #[serde(default)]
    kind: Option<serde_json::Value>,
    #[serde(default)]
    pk: Option<serde_json::Value>,
    #[serde(default)]
    sig: Option<serde_json::Value>,
    /// A quote's quoted tweet.
    #[serde(default, rename = "ref")]
    quote_ref: Option<serde_json::Value>,
    #[serde(default)]
    ref_user: Option<serde_json::Value>,
}

/// A payload's `ts`, when it is a string in RFC 3339 (any offset or
/// precision); anything else is no time.
pub fn parse_ts(value: Option<&serde_json::Value>) -> Option<DateTime<Utc>> {
    let text = value?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// RFC 3339 UTC with milliseconds, as PROTOCOL.md specifies.
pub fn format_ts(ts: DateTime<Utc>) -> String {
    ts.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads any payload received on `topic`. Never panics: whatever is not a
/// v1 tweet or classic text is shown as raw text from an unknown author.
/// What is kept is bounded (`bounded`), so a tweet held costs at most a few
/// kilobytes whatever was sent.
pub fn decode(
    topic: &str,
    payload: &[u8],
    received_at: DateTime<Utc>,
) -> Result<Tweet, DecodeError> {
    decode_tagged(tag_of_topic(topic), payload, received_at)
}

/// `decode` for a payload that arrived on the topic of `topic_tag` (None:
/// not a tweet topic), whatever the root.
pub fn decode_tagged(
    topic_tag: Option<&str>,
    payload: &[u8],
    received_at: DateTime<Utc>,
) -> Result<Tweet, DecodeError> {
    decode_unbounded(topic_tag, payload, received_at, Checks::default()).map(bounded)
}

/// `decode_tagged`, with the signatures verified lately in `memory` (the
/// copies of one signed tweet are verified once), and those by a key
/// pinned for their author (`pinned`) held unchecked under
/// `Verification::WhenShown` (see `deferred`).
pub fn decode_tagged_remembering(
    topic_tag: Option<&str>,
    payload: &[u8],
    received_at: DateTime<Utc>,
    memory: &mut VerifiedSignatures,
    deferring: Option<&PinnedKey<'_>>,
) -> Result<Tweet, DecodeError> {
    let checks = Checks {
        memory: Some(memory),
        deferring,
    };
    decode_unbounded(topic_tag, payload, received_at, checks).map(bounded)
}

/// Whether `key` is the one pinned for the name `user`.
pub type PinnedKey<'a> = dyn Fn(&str, &AuthorKey) -> bool + 'a;

/// How a decode checks signatures: `deferring` says which (author, key)
/// may wait to be checked when shown (None: all are checked now).
#[derive(Default)]
struct Checks<'a> {
    memory: Option<&'a mut VerifiedSignatures>,
    deferring: Option<&'a PinnedKey<'a>>,
}

fn decode_unbounded(
    topic_tag: Option<&str>,
    payload: &[u8],
    received_at: DateTime<Utc>,
    checks: Checks<'_>,
) -> Result<Tweet, DecodeError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(DecodeError::Oversize(payload.len()));
    }
    let text = std::str::from_utf8(payload).map_err(|_| DecodeError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let topic_tag = topic_tag.map(str::to_owned);
    let with_topic_tag = |mut tags: Vec<String>| {
        if let Some(tag) = &topic_tag
            && !tags.contains(tag)
        {
            tags.push(tag.clone());
        }
        tags
    };

    let looks_like_json = text.trim_start().starts_with('{');
    if looks_like_json && let Some(tweet) = decode_v1(text, received_at, checks) {
        let tweet = tweet?;
        if tweet.signed.is_some() {
            // A signed tweet names its own hashtags; nothing is added.
            return match &topic_tag {
                Some(tag) if !tweet.tags.contains(tag) => Err(DecodeError::Replayed(tag.clone())),
                _ => Ok(tweet),
            };
        }
        return Ok(Tweet {
            tags: with_topic_tag(tweet.tags),
            ..tweet
        });
    }
    // A Chirp payload of another kind (a like, a deletion…) is never a
    // tweet, whatever fields it lacks: not shown as raw text either.
    if looks_like_json && let Some(kind) = other_kind(text) {
        return Err(DecodeError::OtherKind(kind));
    }
    // Broken JSON often contains `": "`; it is not a classic author.
    let (user, body, format) = match split_classic(text).filter(|_| !looks_like_json) {
        Some((user, body)) => (Some(user.to_owned()), body, WireFormat::Classic),
        None => (None, text, WireFormat::Raw),
    };
    Ok(Tweet {
        quote: None,
        deferred_signature: None,
        id: new_tweet_id(),
        user,
        text: body.to_owned(),
        tags: with_topic_tag(Vec::new()),
        sent_at: None,
        received_at,
        format,
        reply_to: None,
        signed: None,
    })
}

/// Who a payload says wrote it, unverified: for counting (Discover), never
/// for showing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimedAuthor {
    pub name: Option<String>,
    pub key: Option<AuthorKey>,
}

/// The author a v1 payload (`user`, `pk`) or a classic one claims.
pub fn claimed_author(payload: &[u8]) -> ClaimedAuthor {
    #[derive(Deserialize)]
    struct Claim {
        user: Option<String>,
        pk: Option<String>,
    }
    let Ok(text) = std::str::from_utf8(payload) else {
        return ClaimedAuthor::default();
    };
    if text.trim_start().starts_with('{') {
        let claim: Option<Claim> = serde_json::from_str(text).ok();
        return claim.map_or_else(ClaimedAuthor::default, |claim| ClaimedAuthor {
            name: claim.user,
            key: claim.pk.as_deref().and_then(AuthorKey::from_base64),
        });
    }
    ClaimedAuthor {
        name: split_classic(text).map(|(user, _)| user.to_owned()),
        key: None,
    }
}

/// The `kind` of a JSON object that names one other than `tweet`.
fn other_kind(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: serde_json::Value,
    }
    let parsed: KindOnly = serde_json::from_str(text).ok()?;
    let kind = parsed.kind.as_str().unwrap_or("?");
    (kind != "tweet").then(|| bounded_text(kind.to_owned(), 32, "…"))
}

fn bounded(tweet: Tweet) -> Tweet {
    let mut tags = tweet.tags;
    tags.truncate(MAX_KEPT_TAGS);
    Tweet {
        id: bounded_id(tweet.id),
        user: tweet
            .user
            .map(|u| bounded_text(u, MAX_KEPT_USER_CHARS, "…")),
        text: bounded_text(
            tweet.text,
            MAX_KEPT_TEXT_CHARS,
            crate::core::model::display::TRUNCATED_MARK,
        ),
        tags,
        reply_to: tweet.reply_to.map(|parent| ReplyTo {
            id: bounded_id(parent.id),
            user: parent
                .user
                .map(|u| bounded_text(u, MAX_KEPT_USER_CHARS, "…")),
        }),
        ..tweet
    }
}

/// A v1 tweet, if `text` is one (None: show it as raw text); a signed one
/// whose signature does not hold, or another kind, is an error.
fn decode_v1(
    text: &str,
    received_at: DateTime<Utc>,
    checks: Checks<'_>,
) -> Option<Result<Tweet, DecodeError>> {
    let incoming: IncomingV1 = serde_json::from_str(text).ok()?;
    // v is 1 today; a later version is shown as well as its v1 fields allow.
    if incoming.v.as_f64().is_none_or(|v| v < 1.0) || incoming.id.is_empty() {
        return None;
    }
    let quoted = match incoming.kind.as_ref().map(|k| k.as_str().unwrap_or("?")) {
        None | Some("tweet") => None,
        Some("quote") => match quoted_of(&incoming) {
            Ok(quoted) => Some(quoted),
            Err(why) => return Some(Err(DecodeError::Forged(why))),
        },
        Some(other) => {
            let kind = bounded_text(other.to_owned(), 32, "…");
            return Some(Err(DecodeError::OtherKind(kind)));
        }
    };
    let claim = match claim_of(&incoming, quoted.as_ref()) {
        Ok(claim) => claim,
        Err(why) => return Some(Err(DecodeError::Forged(why))),
    };
    let Some(claim) = claim else {
        if quoted.is_some() {
            return Some(Err(DecodeError::Forged("a quote must be signed")));
        }
        return Some(Ok(tweet_of(incoming, None, received_at)));
    };
    let signed = Signed {
        key: claim.key,
        trust: Trust::Unjudged,
    };
    // Bounded here already, to see whether the tweet as held still
    // rebuilds the string that was signed.
    let mut tweet = bounded(tweet_of(incoming, Some(signed), received_at));
    tweet.quote = quoted.map(|quoted| ReplyTo {
        id: bounded_id(quoted.id),
        user: quoted.user,
    });
    let may_wait = checks.deferring.is_some_and(|pinned| {
        tweet
            .user
            .as_deref()
            .is_some_and(|user| pinned(user, &claim.key))
            && deferred::canonical_of_tweet(&tweet, &claim.key).as_ref() == Some(&claim.canonical)
    });
    if may_wait {
        tweet.deferred_signature = Some(DeferredSignature(claim.signature));
        return Some(Ok(tweet));
    }
    Some(match signed::check_claim(&claim, checks.memory) {
        Ok(()) => Ok(tweet),
        Err(why) => Err(DecodeError::Forged(why)),
    })
}

/// What a v1 payload's `pk` and `sig` claim, over its fields as they were
/// sent. A signed payload must have them in the shapes the canonical form
/// knows (strings, a list of strings); another shape is no valid signature.
fn claim_of(
    incoming: &IncomingV1,
    quoted: Option<&ReplyTo>,
) -> Result<Option<Claim>, &'static str> {
    if incoming.pk.is_none() && incoming.sig.is_none() {
        return Ok(None);
    }
    fn as_text(value: &Option<serde_json::Value>) -> Result<Option<&str>, ()> {
        match value {
            None => Ok(None),
            Some(serde_json::Value::String(text)) => Ok(Some(text.as_str())),
            Some(_) => Err(()),
        }
    }
    let (Ok(pk), Ok(sig), Ok(ts), Ok(reply_to), Ok(reply_to_user)) = (
        as_text(&incoming.pk),
        as_text(&incoming.sig),
        as_text(&incoming.ts),
        as_text(&incoming.reply_to),
        as_text(&incoming.reply_to_user),
    ) else {
        return Err("a signed field is not a string");
    };
    let tags = incoming
        .tags
        .iter()
        .map(|tag| tag.as_str().map(str::to_owned))
        .collect::<Option<Vec<String>>>()
        .ok_or("a signed hashtag is not a string")?;
    let fields = TweetFields {
        id: &incoming.id,
        user: &incoming.user,
        text: &incoming.text,
        tags: &tags,
        ts,
        reply_to,
        reply_to_user,
    };
    signed::claim(pk, sig, |key| match quoted {
        Some(quoted) => fields.quote_canonical(key, quoted),
        None => fields.canonical(key),
    })
}

/// The tweet a quote quotes: `ref` a non-empty string, `ref_user` a
/// username or absent.
fn quoted_of(incoming: &IncomingV1) -> Result<ReplyTo, &'static str> {
    let Some(serde_json::Value::String(id)) = &incoming.quote_ref else {
        return Err("a quote without the tweet it quotes");
    };
    let user = match &incoming.ref_user {
        None => None,
        Some(serde_json::Value::String(user)) if Username::parse(user).is_ok() => {
            Some(user.clone())
        }
        Some(_) => return Err("a quote of no valid name"),
    };
    if id.is_empty() {
        return Err("a quote without the tweet it quotes");
    }
    Ok(ReplyTo {
        id: id.clone(),
        user,
    })
}

fn tweet_of(incoming: IncomingV1, signed: Option<Signed>, received_at: DateTime<Utc>) -> Tweet {
    let tags = incoming
        .tags
        .into_iter()
        .filter_map(|t| t.as_str().and_then(|s| Hashtag::parse(s).ok()))
        .map(String::from)
        .collect();
    let sent_at = parse_ts(incoming.ts.as_ref());
    // A parent given in the wrong shape is no parent: the tweet still shows.
    let reply_to = incoming
        .reply_to
        .as_ref()
        .and_then(|v| v.as_str())
        .filter(|id| !id.is_empty())
        .map(|id| ReplyTo {
            id: id.to_owned(),
            user: incoming
                .reply_to_user
                .as_ref()
                .and_then(|v| v.as_str())
                .filter(|user| !user.is_empty())
                .map(str::to_owned),
        });
    Tweet {
        quote: None,
        deferred_signature: None,
        id: incoming.id,
        user: Some(incoming.user),
        text: incoming.text,
        tags,
        sent_at,
        received_at,
        format: WireFormat::Chirp,
        reply_to,
        signed,
    }
}

/// `<user>: <text>` split at the first `": "`, when the part before it looks
/// like a name (one line, no more than a username's worth of characters).
fn split_classic(text: &str) -> Option<(&str, &str)> {
    let (user, body) = text.split_once(CLASSIC_SEPARATOR)?;
    let plausible = !user.trim().is_empty()
        && user.chars().count() <= 64
        && !user.chars().any(char::is_control);
    plausible.then_some((user.trim(), body))
}

mod encode;
pub use encode::{encode_classic, encode_quote, encode_v1};

#[cfg(test)]
mod tests;
