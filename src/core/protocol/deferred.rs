//! Signatures checked when shown (PROTOCOL.md 9.7). A tweet signed by the
//! key already pinned for its author may be held with its signature
//! unchecked, and checked when it is shown: a window shows a dozen tweets
//! of the thousands a firehose brings, and an Ed25519 check costs several
//! times the rest of receiving a tweet. Only a tweet whose held fields
//! rebuild its canonical string byte for byte is deferred, so the check
//! later needs nothing but the tweet as held.

use crate::core::model::author_key::AuthorKey;
use crate::core::model::tweet::Tweet;
use crate::core::protocol::signed::{Canonical, TweetFields, verify};
use crate::core::protocol::wire::format_ts;

/// When a receiver checks the signatures of tweets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verification {
    /// Each as it arrives (the CLI prints every tweet it receives).
    #[default]
    OnArrival,
    /// Those by a pinned key when shown; all others as they arrive.
    WhenShown,
}

/// The canonical string of `tweet` as held, signed by `key` (None for a
/// tweet without an author). Equal to the one its payload was signed over
/// when nothing was cut, dropped or reformatted on the way in.
pub fn canonical_of_tweet(tweet: &Tweet, key: &AuthorKey) -> Option<Canonical> {
    let ts = tweet.sent_at.map(format_ts);
    let fields = TweetFields {
        id: &tweet.id,
        user: tweet.user.as_deref()?,
        text: &tweet.text,
        tags: &tweet.tags,
        ts: ts.as_deref(),
        reply_to: tweet.reply_to.as_ref().map(|parent| parent.id.as_str()),
        reply_to_user: tweet
            .reply_to
            .as_ref()
            .and_then(|parent| parent.user.as_deref()),
    };
    Some(match &tweet.quote {
        Some(quoted) => fields.quote_canonical(key, quoted),
        None => fields.canonical(key),
    })
}

/// Checks the signature `tweet` holds unchecked (Ed25519 `verify_strict`
/// over its canonical string as held). A tweet without one has nothing to
/// check and is an error here: the caller asked about a signature.
pub fn check_deferred(tweet: &Tweet) -> Result<(), &'static str> {
    let (Some(signed), Some(signature)) = (&tweet.signed, &tweet.deferred_signature) else {
        return Err("no signature held unchecked");
    };
    let canonical =
        canonical_of_tweet(tweet, &signed.key).ok_or("a signed tweet names no author")?;
    verify(&signed.key, canonical.as_bytes(), &signature.0)
}

#[cfg(test)]
mod tests;
