//! Writing payloads: v1 JSON (signed when there is a signer), quotes,
//! and the classic `<user>: <text>`.

use serde::Serialize;

use super::CLASSIC_SEPARATOR;
use crate::core::model::name::Username;
use crate::core::model::tweet::ReplyTo;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::TweetFields;

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
    /// The quoted tweet's id and author, for a quote (section 12.5).
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    quote_ref: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ref_user: Option<&'a str>,
    /// The author's Ed25519 key and signature (section 9), base64.
    #[serde(skip_serializing_if = "Option::is_none")]
    pk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sig: Option<String>,
}

/// The v1 JSON payload of a tweet composed here, signed by `signer` when
/// there is one (its key and signature in `pk` and `sig`, `kind` tweet).
pub fn encode_v1(fields: &TweetFields<'_>, signer: Option<&Identity>) -> Vec<u8> {
    encode(fields, None, signer)
}

/// A quote of `quoted` (kind `quote`, always signed: section 12.5).
pub fn encode_quote(fields: &TweetFields<'_>, quoted: &ReplyTo, signer: &Identity) -> Vec<u8> {
    encode(fields, Some(quoted), Some(signer))
}

fn encode(
    fields: &TweetFields<'_>,
    quoted: Option<&ReplyTo>,
    signer: Option<&Identity>,
) -> Vec<u8> {
    let (pk, sig) = match signer {
        Some(identity) => {
            let key = identity.author_key();
            let canonical = match quoted {
                Some(quoted) => fields.quote_canonical(&key, quoted),
                None => fields.canonical(&key),
            };
            (Some(key.to_base64()), Some(canonical.sign(identity)))
        }
        None => (None, None),
    };
    let kind = match (quoted, signer) {
        (Some(_), _) => Some("quote"),
        (None, Some(_)) => Some("tweet"),
        (None, None) => None,
    };
    let payload = PayloadV1 {
        v: 1,
        kind,
        id: fields.id,
        user: fields.user,
        text: fields.text,
        tags: fields.tags,
        ts: fields.ts,
        reply_to: fields.reply_to,
        reply_to_user: fields.reply_to_user,
        quote_ref: quoted.map(|q| q.id.as_str()),
        ref_user: quoted.and_then(|q| q.user.as_deref()),
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
