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
    /// The time to show: the sender's when known, but never after the
    /// arrival (a sender's clock ahead, or a tweet dated in the future,
    /// shows as arriving "just now"); else the arrival time.
    pub fn shown_time(&self) -> DateTime<Utc> {
        self.sent_at
            .map_or(self.received_at, |sent| sent.min(self.received_at))
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn tweet_sent(sent_at: Option<DateTime<Utc>>, received_at: DateTime<Utc>) -> Tweet {
        Tweet {
            id: "skewed".to_owned(),
            user: Some("clock".to_owned()),
            text: "what time is it".to_owned(),
            tags: vec!["time".to_owned()],
            sent_at,
            received_at,
            format: WireFormat::Chirp,
            reply_to: None,
            quote: None,
            signed: None,
            deferred_signature: None,
        }
    }

    #[test]
    fn a_sender_ahead_shows_as_arriving_and_one_behind_shows_its_own_time() {
        let arrived = DateTime::parse_from_rfc3339("2026-12-05T02:00:00Z")
            .expect("a time")
            .to_utc();
        let hour_ahead = tweet_sent(Some(arrived + TimeDelta::hours(1)), arrived);
        assert_eq!(hour_ahead.shown_time(), arrived, "never in the future");
        let year_behind = arrived - TimeDelta::days(365);
        assert_eq!(
            tweet_sent(Some(year_behind), arrived).shown_time(),
            year_behind
        );
        assert_eq!(tweet_sent(None, arrived).shown_time(), arrived);
        // The timeline holds the same rule.
        let mut timeline = crate::core::model::timeline::Timeline::default();
        timeline.insert_received(&hour_ahead);
        let held = timeline.get(0).expect("held");
        assert_eq!(held.shown_time(), arrived);
    }
}
