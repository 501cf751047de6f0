//! The wire format: topics, and encoding and decoding payloads (v1 JSON,
//! classic `<user>: <text>`, raw text). See PROTOCOL.md.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::{Signed, Trust};
use crate::core::model::bounds::{
    MAX_KEPT_TAGS, MAX_KEPT_TEXT_CHARS, MAX_KEPT_USER_CHARS, MAX_PAYLOAD_BYTES, bounded_id,
    bounded_text, fnv1a_64,
};
use crate::core::model::name::{Hashtag, Username};
use crate::core::model::tweet::{ReplyTo, Tweet, WireFormat, new_tweet_id};
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::{self, SignatureCheck, TweetFields};

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

/// Payload v1 as it is written on the wire.
#[derive(Serialize)]
struct PayloadV1<'a> {
    v: u32,
    /// `tweet` when signed (a v1 reader ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    id: &'a str,
    user: &'a str,
    text: &'a str,
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    ts: Option<&'a str>,
    /// The parent's id and author, for a reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_to_user: Option<&'a str>,
    /// The author's Ed25519 key and signature (section 9), base64.
    #[serde(skip_serializing_if = "Option::is_none")]
    pk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sig: Option<String>,
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
}

/// The v1 JSON payload of a tweet composed here, signed by `signer` when
/// there is one (its key and signature in `pk` and `sig`, `kind` tweet).
pub fn encode_v1(fields: &TweetFields<'_>, signer: Option<&Identity>) -> Vec<u8> {
    let (pk, sig) = match signer {
        Some(identity) => {
            let key = identity.author_key();
            let sig = fields.canonical(&key).sign(identity);
            (Some(key.to_base64()), Some(sig))
        }
        None => (None, None),
    };
    let payload = PayloadV1 {
        v: 1,
        kind: signer.map(|_| "tweet"),
        id: fields.id,
        user: fields.user,
        text: fields.text,
        tags: fields.tags,
        ts: fields.ts,
        reply_to: fields.reply_to,
        reply_to_user: fields.reply_to_user,
        pk,
        sig,
    };
    // Serializing a struct of strings cannot fail.
    serde_json::to_vec(&payload).unwrap_or_default()
}

/// The classic `<user>: <text>` payload.
pub fn encode_classic(user: &Username, text: &str) -> Vec<u8> {
    format!("{}{CLASSIC_SEPARATOR}{text}", user.as_str()).into_bytes()
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
    decode_unbounded(topic_tag, payload, received_at).map(bounded)
}

fn decode_unbounded(
    topic_tag: Option<&str>,
    payload: &[u8],
    received_at: DateTime<Utc>,
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
    if looks_like_json && let Some(tweet) = decode_v1(text, received_at) {
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
    // Broken JSON often contains `": "`; it is not a classic author.
    if !looks_like_json && let Some((user, body)) = split_classic(text) {
        return Ok(Tweet {
            id: new_tweet_id(),
            user: Some(user.to_owned()),
            text: body.to_owned(),
            tags: with_topic_tag(Vec::new()),
            sent_at: None,
            received_at,
            format: WireFormat::Classic,
            reply_to: None,
            signed: None,
        });
    }
    Ok(Tweet {
        id: new_tweet_id(),
        user: None,
        text: text.to_owned(),
        tags: with_topic_tag(Vec::new()),
        sent_at: None,
        received_at,
        format: WireFormat::Raw,
        reply_to: None,
        signed: None,
    })
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
fn decode_v1(text: &str, received_at: DateTime<Utc>) -> Option<Result<Tweet, DecodeError>> {
    let incoming: IncomingV1 = serde_json::from_str(text).ok()?;
    // v is 1 today; a later version is shown as well as its v1 fields allow.
    if incoming.v.as_f64().is_none_or(|v| v < 1.0) || incoming.id.is_empty() {
        return None;
    }
    match incoming.kind.as_ref().map(|k| k.as_str().unwrap_or("?")) {
        None | Some("tweet") => {}
        Some(other) => {
            let kind = bounded_text(other.to_owned(), 32, "…");
            return Some(Err(DecodeError::OtherKind(kind)));
        }
    }
    let signed = match signature_of(&incoming) {
        SignatureCheck::Unsigned => None,
        SignatureCheck::Good(key) => Some(Signed {
            key,
            trust: Trust::Unjudged,
        }),
        SignatureCheck::Forged(why) => return Some(Err(DecodeError::Forged(why))),
    };
    Some(Ok(tweet_of(incoming, signed, received_at)))
}

/// The signature check of a v1 payload: over its fields as they were sent.
/// A signed payload must have them in the shapes the canonical form knows
/// (strings, a list of strings); another shape is no valid signature.
fn signature_of(incoming: &IncomingV1) -> SignatureCheck {
    if incoming.pk.is_none() && incoming.sig.is_none() {
        return SignatureCheck::Unsigned;
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
        return SignatureCheck::Forged("a signed field is not a string");
    };
    let Some(tags) = incoming
        .tags
        .iter()
        .map(|tag| tag.as_str().map(str::to_owned))
        .collect::<Option<Vec<String>>>()
    else {
        return SignatureCheck::Forged("a signed hashtag is not a string");
    };
    let fields = TweetFields {
        id: &incoming.id,
        user: &incoming.user,
        text: &incoming.text,
        tags: &tags,
        ts,
        reply_to,
        reply_to_user,
    };
    signed::check(pk, sig, |key| fields.canonical(key))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::bounds::MAX_KEPT_ID_BYTES;

    fn now() -> DateTime<Utc> {
        Utc::now()
    }

    /// An unsigned v1 payload, as `encode_v1` writes it.
    fn encode_v1(
        id: &str,
        user: &Username,
        text: &str,
        tags: &[Hashtag],
        ts: DateTime<Utc>,
        reply_to: Option<&ReplyTo>,
    ) -> Vec<u8> {
        let tags: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
        let ts = format_ts(ts);
        let fields = TweetFields {
            id,
            user: user.as_str(),
            text,
            tags: &tags,
            ts: Some(&ts),
            reply_to: reply_to.map(|p| p.id.as_str()),
            reply_to_user: reply_to.and_then(|p| p.user.as_deref()),
        };
        super::encode_v1(&fields, None)
    }

    #[test]
    fn v1_round_trip() {
        let user = Username::parse("alice").expect("valid");
        let tags = vec![
            Hashtag::parse("rust").expect("valid"),
            Hashtag::parse("日本").expect("valid"),
        ];
        let ts = DateTime::parse_from_rfc3339("2026-11-22T01:31:32.123Z")
            .expect("valid")
            .with_timezone(&Utc);
        let bytes = encode_v1(
            "id-1",
            &user,
            "Hello #rust 🦀 \"quoted\"\nline",
            &tags,
            ts,
            None,
        );
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(json["v"], 1);
        assert_eq!(json["ts"], "2026-11-22T01:31:32.123Z");
        assert_eq!(json["tags"], serde_json::json!(["rust", "日本"]));

        let tweet = decode("hashtags/rust", &bytes, now()).expect("decodes");
        assert_eq!(tweet.id, "id-1");
        assert_eq!(tweet.user.as_deref(), Some("alice"));
        assert_eq!(tweet.text, "Hello #rust 🦀 \"quoted\"\nline");
        assert_eq!(tweet.tags, vec!["rust", "日本"]);
        assert_eq!(tweet.sent_at, Some(ts));
        assert_eq!(tweet.format, WireFormat::Chirp);
    }

    #[test]
    fn a_reply_carries_its_parent_and_a_bad_parent_is_none() {
        let user = Username::parse("bob").expect("valid");
        let tags = vec![Hashtag::parse("rust").expect("valid")];
        let parent = ReplyTo {
            id: "parent-1".into(),
            user: Some("alice".into()),
        };
        let bytes = encode_v1("id-2", &user, "@alice yes", &tags, now(), Some(&parent));
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(
            (json["reply_to"].as_str(), json["reply_to_user"].as_str()),
            (Some("parent-1"), Some("alice"))
        );
        let tweet = decode("hashtags/rust", &bytes, now()).expect("decodes");
        assert_eq!(tweet.reply_to, Some(parent));

        let plain = encode_v1("id-3", &user, "hi", &tags, now(), None);
        assert!(
            !String::from_utf8_lossy(&plain).contains("reply_to"),
            "no field when not a reply"
        );
        for payload in [
            &br#"{"v":1,"id":"x","user":"b","text":"t","reply_to":7}"#[..],
            br#"{"v":1,"id":"x","user":"b","text":"t","reply_to":""}"#,
        ] {
            let tweet = decode("hashtags/z", payload, now()).expect("decodes");
            assert_eq!(tweet.reply_to, None);
        }
        let long = format!(
            r#"{{"v":1,"id":"x","user":"b","text":"t","reply_to":"{}"}}"#,
            "p".repeat(5000)
        );
        let tweet = decode("hashtags/z", long.as_bytes(), now()).expect("decodes");
        let kept = tweet.reply_to.expect("parent").id;
        assert!(
            kept.len() <= MAX_KEPT_ID_BYTES,
            "a long parent id is kept as a digest"
        );
    }

    #[test]
    fn v1_tolerates_unknown_fields_later_versions_and_bad_ts() {
        let payload = br#"{"v":2,"id":"x","user":"bob","text":"hi","tags":["a",7,"b/c"],"ts":"yesterday","extra":"y"}"#;
        let tweet = decode("hashtags/z", payload, now()).expect("decodes");
        assert_eq!(tweet.format, WireFormat::Chirp);
        assert_eq!(
            tweet.tags,
            vec!["a", "z"],
            "invalid tags dropped, topic tag added"
        );
        assert_eq!(tweet.sent_at, None);
    }

    #[test]
    fn classic_split_at_first_separator() {
        let tweet = decode("hashtags/rust", b"carol: time: 12:00", now()).expect("decodes");
        assert_eq!(tweet.format, WireFormat::Classic);
        assert_eq!(tweet.user.as_deref(), Some("carol"));
        assert_eq!(tweet.text, "time: 12:00");
        assert_eq!(tweet.tags, vec!["rust"]);
        let encoded = encode_classic(&Username::parse("dave").expect("valid"), "a: b");
        assert_eq!(encoded, b"dave: a: b");
    }

    #[test]
    fn raw_fallbacks() {
        for payload in [
            &b"just some text"[..],
            b"{not json",
            br#"{"v":1,"id":"x"}"#,
            br#"{"v":"1","id":"x","user":"u","text":"t"}"#,
            b"\n\nline: after newline",
            br#"{"user": "x"}"#,
        ] {
            let tweet = decode("hashtags/t", payload, now()).expect("decodes");
            assert_eq!(tweet.user, None, "{payload:?}");
            assert_eq!(tweet.format, WireFormat::Raw);
            assert_eq!(tweet.text.as_bytes(), payload);
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(
            decode("hashtags/t", &[0xff, 0xfe, 0x41], now()),
            Err(DecodeError::NotUtf8)
        );
        assert_eq!(decode("hashtags/t", b"", now()), Err(DecodeError::Empty));
        assert_eq!(
            decode("hashtags/t", b"  \n", now()),
            Err(DecodeError::Empty)
        );
        let big = vec![b'a'; MAX_PAYLOAD_BYTES + 1];
        assert_eq!(
            decode("hashtags/t", &big, now()),
            Err(DecodeError::Oversize(big.len()))
        );
    }

    #[test]
    fn what_is_kept_is_bounded() {
        let long_id = "i".repeat(100_000);
        let payload = format!(
            r#"{{"v":1,"id":"{long_id}","user":"{}","text":"{}","tags":[]}}"#,
            "u".repeat(100),
            "x".repeat(10_000)
        );
        let tweet = decode("hashtags/t", payload.as_bytes(), now()).expect("decodes");
        assert!(tweet.id.starts_with("long-id-") && tweet.id.len() <= MAX_KEPT_ID_BYTES);
        let again = decode("hashtags/u", payload.as_bytes(), now()).expect("decodes");
        assert_eq!(tweet.id, again.id, "copies of one long id still match");
        assert_eq!(tweet.user.as_deref().map(|u| u.chars().count()), Some(65));
        assert!(
            tweet
                .text
                .ends_with(crate::core::model::display::TRUNCATED_MARK)
        );
        assert_eq!(
            tweet.text.chars().count(),
            MAX_KEPT_TEXT_CHARS + crate::core::model::display::TRUNCATED_MARK.chars().count()
        );
        assert_eq!(bounded_text("short".into(), 10, "…"), "short");
        assert_eq!(bounded_text("日本語です".into(), 2, "…"), "日本…");
    }

    #[test]
    fn a_retained_payload_s_id_depends_on_topic_and_bytes_only() {
        let id = retained_id("hashtags/x", b"carol: hi");
        assert_eq!(id, retained_id("hashtags/x", b"carol: hi"));
        assert_ne!(id, retained_id("hashtags/y", b"carol: hi"));
        assert_ne!(id, retained_id("hashtags/x", b"carol: hi!"));
        assert!(id.starts_with("retained-") && id.len() == 25, "{id}");
    }

    fn signed_payload(identity: &Identity, tags: &[String]) -> String {
        let fields = TweetFields {
            id: "id-9",
            user: "alice",
            text: "signed #rust",
            tags,
            ts: Some("2026-12-04T12:00:00.000Z"),
            reply_to: None,
            reply_to_user: None,
        };
        String::from_utf8(super::encode_v1(&fields, Some(identity))).expect("utf-8")
    }

    #[test]
    fn a_signed_tweet_verifies_and_keeps_only_its_own_tags() {
        let identity = Identity::generate();
        let tags = vec!["rust".to_owned()];
        let payload = signed_payload(&identity, &tags);
        let tweet = decode("hashtags/rust", payload.as_bytes(), now()).expect("decodes");
        let signed = tweet.signed.expect("signed");
        assert_eq!(
            (signed.key, signed.trust),
            (identity.author_key(), Trust::Unjudged)
        );
        assert_eq!(tweet.tags, tags);
        // The mentions topic has no tag to check.
        assert!(decode_tagged(None, payload.as_bytes(), now()).is_ok());
        // An unsigned v1 reader's view: the same fields, the rest ignored.
        let json: serde_json::Value = serde_json::from_str(&payload).expect("json");
        assert_eq!(
            (json["v"].as_u64(), json["kind"].as_str()),
            (Some(1), Some("tweet"))
        );
    }

    #[test]
    fn a_tampered_signed_tweet_is_forged_and_a_replay_on_another_tag_refused() {
        let identity = Identity::generate();
        let payload = signed_payload(&identity, &["rust".to_owned()]);
        for (from, to) in [
            ("signed #rust", "signed #rust!"),
            ("\"id-9\"", "\"id-8\""),
            ("00.000Z", "00.001Z"),
            ("[\"rust\"]", "[\"rust\",\"spam\"]"),
            ("\"user\":\"alice\"", "\"user\":\"alic3\""),
        ] {
            let tampered = payload.replace(from, to);
            assert_ne!(tampered, payload, "{from}");
            assert!(
                matches!(
                    decode("hashtags/rust", tampered.as_bytes(), now()),
                    Err(DecodeError::Forged(_))
                ),
                "{from} → {to}"
            );
        }
        assert_eq!(
            decode("hashtags/spam", payload.as_bytes(), now()),
            Err(DecodeError::Replayed("spam".into()))
        );
        let other_kind = payload.replace("\"kind\":\"tweet\"", "\"kind\":\"like\"");
        assert_eq!(
            decode("hashtags/rust", other_kind.as_bytes(), now()),
            Err(DecodeError::OtherKind("like".into()))
        );
    }

    #[test]
    fn topics() {
        assert_eq!(tag_of_topic("hashtags/rust"), Some("rust"));
        assert_eq!(tag_of_topic("hashtags/a/b"), None);
        assert_eq!(tag_of_topic("hashtags/"), None);
        assert_eq!(tag_of_topic("other/rust"), None);
    }
}
