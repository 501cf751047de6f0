//! What a screen reader says for a tweet card: the whole card as one item,
//! "@ann, 2 min ago, #garden: first light", rather than its loose labels.

use chrono::{DateTime, Utc};

use super::i18n::Translations;
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::timeline::TimelineEntry;

/// Longest text read out; the card itself shows all of it.
const MAX_SPOKEN_CHARS: usize = 400;

/// The card of `entry` in one line: who, when, where, what.
pub fn tweet_label(tr: &Translations, entry: &TimelineEntry, now: DateTime<Utc>) -> String {
    let author = entry.user().map_or_else(
        || tr.tr("timeline-unknown-author"),
        |u| format!("@{}", inert_name(u, 40)),
    );
    let mut label = format!("{author}, {}", tr.relative_time(entry.shown_time(), now));
    if let Some(parent) = entry.parent_id().map(|_| entry.parent_user()) {
        let reply = match parent {
            Some(user) => tr.tr_args(
                "timeline-spoken-reply-to",
                &[("name", inert_name(user, 40).into())],
            ),
            None => tr.tr("timeline-spoken-reply-to-unknown"),
        };
        label.push_str(&format!(", {reply}"));
    }
    let tags: Vec<String> = entry
        .tags()
        .map(|t| format!("#{}", inert_name(t, 64)))
        .collect();
    if !tags.is_empty() {
        label.push_str(&format!(", {}", tags.join(" ")));
    }
    if entry.is_deleted() {
        label.push_str(&format!(": {}", tr.tr("timeline-deleted")));
    } else {
        let text: String = inert_text(entry.text())
            .chars()
            .take(MAX_SPOKEN_CHARS)
            .collect();
        label.push_str(&format!(": {text}"));
    }
    label
}
