//! What a screen reader says for a tweet card: the whole card as one item,
//! "@ann, 2 min ago, #garden: first light", rather than its loose labels.

use chrono::{DateTime, Utc};

use super::tweet_time::relative_time;
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::timeline::TimelineEntry;

/// Longest text read out; the card itself shows all of it.
const MAX_SPOKEN_CHARS: usize = 400;

/// The card of `entry` in one line: who, when, where, what.
pub fn tweet_label(entry: &TimelineEntry, now: DateTime<Utc>) -> String {
    let author = entry.user().map_or_else(
        || "unknown author".to_owned(),
        |u| format!("@{}", inert_name(u, 40)),
    );
    let mut label = format!("{author}, {}", relative_time(entry.shown_time(), now));
    if let Some(parent) = entry.parent_id().map(|_| entry.parent_user()) {
        let to = parent.map_or_else(
            || "a tweet".to_owned(),
            |u| format!("@{}", inert_name(u, 40)),
        );
        label.push_str(&format!(", in reply to {to}"));
    }
    let tags: Vec<String> = entry
        .tags()
        .map(|t| format!("#{}", inert_name(t, 64)))
        .collect();
    if !tags.is_empty() {
        label.push_str(&format!(", {}", tags.join(" ")));
    }
    if entry.is_deleted() {
        label.push_str(": deleted by its author");
    } else {
        let text: String = inert_text(entry.text())
            .chars()
            .take(MAX_SPOKEN_CHARS)
            .collect();
        label.push_str(&format!(": {text}"));
    }
    label
}
