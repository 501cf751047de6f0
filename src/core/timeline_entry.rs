//! One tweet as the timeline holds it: compact, because a timeline may hold
//! a million. The id and text share one allocation, the author and the
//! hashtags are shared copies (see `interner`), times are milliseconds.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::interner::{Interner, TagList};
use super::tweet::{Tweet, WireFormat};

/// Where a tweet written here is on its way to the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Someone else's tweet, or ours seen coming back from the broker.
    Received,
    /// Ours, not yet acknowledged by the broker.
    Pending,
    /// Ours, acknowledged by the broker.
    Acknowledged,
}

/// A tweet with what this app knows of it, as stored history hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub tweet: Tweet,
    /// Written in this app.
    pub own: bool,
    pub delivery: Delivery,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The id followed by the text.
    id_and_text: Box<str>,
    id_len: u32,
    user: Option<Arc<str>>,
    tags: TagList,
    /// Out of chrono's range (`i64::MIN`) when the sender gave no time:
    /// an `Option` would cost 8 more bytes a tweet.
    sent_at_millis: i64,
    received_at_millis: i64,
    format: WireFormat,
    /// Written in this app.
    pub own: bool,
    pub delivery: Delivery,
}

impl TimelineEntry {
    pub fn new(tweet: &Tweet, own: bool, delivery: Delivery, interner: &mut Interner) -> Self {
        let mut id_and_text = String::with_capacity(tweet.id.len() + tweet.text.len());
        id_and_text.push_str(&tweet.id);
        id_and_text.push_str(&tweet.text);
        Self {
            id_and_text: id_and_text.into_boxed_str(),
            // Ids are bounded far below this by the decoder; the fallback
            // only keeps the arithmetic total.
            id_len: u32::try_from(tweet.id.len()).unwrap_or(u32::MAX),
            user: tweet.user.as_deref().map(|user| interner.name(user)),
            tags: interner.tag_list(tweet.tags.iter().map(String::as_str)),
            sent_at_millis: tweet.sent_at.map_or(i64::MIN, |t| t.timestamp_millis()),
            received_at_millis: tweet.received_at.timestamp_millis(),
            format: tweet.format,
            own,
            delivery,
        }
    }

    fn split(&self) -> (&str, &str) {
        let at = (self.id_len as usize).min(self.id_and_text.len());
        // The split is where the id ended, a char boundary; if it somehow
        // were not, the whole string shows as text rather than panicking.
        match (self.id_and_text.get(..at), self.id_and_text.get(at..)) {
            (Some(id), Some(text)) => (id, text),
            _ => ("", &self.id_and_text),
        }
    }

    pub fn id(&self) -> &str {
        self.split().0
    }

    pub fn text(&self) -> &str {
        self.split().1
    }

    /// `None` when the payload named no author (raw text).
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    pub fn tags(&self) -> impl ExactSizeIterator<Item = &str> {
        self.tags.iter().map(|tag| &**tag)
    }

    pub fn format(&self) -> WireFormat {
        self.format
    }

    pub fn sent_at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.sent_at_millis)
    }

    pub fn received_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.received_at_millis).unwrap_or_default()
    }

    /// The time to show: the sender's when known, else the arrival time.
    pub fn shown_time(&self) -> DateTime<Utc> {
        self.sent_at().unwrap_or_else(|| self.received_at())
    }

    /// Adds hashtags this tweet was also seen under, keeping the order.
    pub(super) fn add_tags<'a>(
        &mut self,
        more: impl IntoIterator<Item = &'a str>,
        interner: &mut Interner,
    ) {
        let mut tags: Vec<&str> = self.tags.iter().map(|tag| &**tag).collect();
        for tag in more {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() != self.tags.len() {
            let merged = interner.tag_list(tags);
            self.tags = merged;
        }
    }

    /// The tweet unpacked, for code that wants owned fields.
    pub fn to_tweet(&self) -> Tweet {
        Tweet {
            id: self.id().to_owned(),
            user: self.user().map(str::to_owned),
            text: self.text().to_owned(),
            tags: self.tags().map(str::to_owned).collect(),
            sent_at: self.sent_at(),
            received_at: self.received_at(),
            format: self.format,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_what_it_packed() {
        let mut interner = Interner::default();
        let tweet = Tweet {
            id: "e4f1-ü".into(),
            user: Some("ann".into()),
            text: "héllo 世界 #rust".into(),
            tags: vec!["rust".into(), "chirp".into()],
            sent_at: DateTime::from_timestamp_millis(1_700_000_000_123),
            received_at: DateTime::from_timestamp_millis(1_700_000_000_456).unwrap_or_default(),
            format: WireFormat::Chirp,
        };
        let entry = TimelineEntry::new(&tweet, true, Delivery::Pending, &mut interner);
        assert_eq!(entry.id(), "e4f1-ü");
        assert_eq!(entry.text(), "héllo 世界 #rust");
        assert_eq!(entry.to_tweet(), tweet);
        assert!(entry.own);
        assert_eq!(entry.shown_time(), tweet.sent_at.unwrap_or_default());
    }

    #[test]
    fn small_enough_for_a_million() {
        // The held part per tweet; the text and id are one allocation beside it.
        assert!(std::mem::size_of::<TimelineEntry>() <= 64);
    }

    #[test]
    fn merged_tags_keep_order_and_skip_repeats() {
        let mut interner = Interner::default();
        let tweet = Tweet {
            id: String::new(),
            user: None,
            text: "raw".into(),
            tags: vec!["a".into()],
            sent_at: None,
            received_at: Utc::now(),
            format: WireFormat::Raw,
        };
        let mut entry = TimelineEntry::new(&tweet, false, Delivery::Received, &mut interner);
        entry.add_tags(["b", "a", "c"], &mut interner);
        assert_eq!(entry.tags().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(entry.id(), "");
        assert_eq!(entry.text(), "raw");
    }
}
