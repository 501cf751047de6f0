//! A tweet as Chirp holds it, whatever format it arrived in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::{DeferredSignature, Signed};

/// The most characters a composed tweet may have.
pub const MAX_TWEET_CHARS: usize = 280;

/// How a tweet was encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireFormat {
    /// Payload v1 JSON.
    Chirp,
    /// `<user>: <text>`, as the classic clients send.
    Classic,
    /// Any other UTF-8 text.
    Raw,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tweet {
    /// Unique per tweet. Tweets in classic or raw format carry none, so they
    /// get a fresh one on arrival.
    pub id: String,
    /// `None` when the payload named no author (raw text).
    pub user: Option<String>,
    pub text: String,
    /// Every hashtag the tweet was published under, without `#`.
    pub tags: Vec<String>,
    /// The sender's clock, when the payload carried one.
    pub sent_at: Option<DateTime<Utc>>,
    /// This machine's clock when the tweet arrived (or was composed here).
    pub received_at: DateTime<Utc>,
    pub format: WireFormat,
    /// The tweet this one answers (payload field `reply_to`).
    pub reply_to: Option<ReplyTo>,
    /// The tweet this one quotes (a `quote` payload's `ref`, `ref_user`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<ReplyTo>,
    /// Who signed it, when its signature verified, and what that key means
    /// here; None for an unsigned payload (v1 without `sig`, classic, raw).
    #[serde(skip)]
    pub signed: Option<Signed>,
    /// A signature whose check waits until the tweet is shown (its key is
    /// the one pinned for the author); None once checked, or unsigned.
    #[serde(skip)]
    pub deferred_signature: Option<DeferredSignature>,
}

/// The tweet a reply answers: its id, and its author so that "in reply to
/// @user" can be shown without holding the parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTo {
    pub id: String,
    pub user: Option<String>,
}

impl Tweet {
    /// The time to show: the sender's when known, else the arrival time.
    pub fn shown_time(&self) -> DateTime<Utc> {
        self.sent_at.unwrap_or(self.received_at)
    }
}

/// A fresh unique tweet id.
pub fn new_tweet_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The tweet a reply answers, as picked in the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTarget {
    pub parent: ReplyTo,
    /// The parent's hashtags: a reply is published under them.
    pub tags: Vec<String>,
}
