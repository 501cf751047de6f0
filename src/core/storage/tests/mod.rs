//! The store's tests, by area; the shared fixtures are here.

use std::fs;

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::core::model::timeline::Delivery;
use crate::core::model::tweet::WireFormat;
use crate::core::social::compose::Draft;

/// Stored times keep milliseconds, as the wire does.
fn at(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_795_000_000_000 + millis).expect("in range")
}

fn received(id: &str) -> Tweet {
    Tweet {
        quote: None,
        deferred_signature: None,
        id: id.to_owned(),
        user: Some("bob".into()),
        text: format!("text of {id} #rust"),
        tags: vec!["rust".into(), "日本語".into()],
        sent_at: Some(at(1)),
        received_at: at(2),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    }
}

fn entry(tweet: Tweet, own: bool, delivery: Delivery) -> HistoryEntry {
    HistoryEntry {
        tweet,
        own,
        delivery,
    }
}

/// A tweet as composed, with its clock cut to what storage keeps.
fn outgoing(text: &str) -> OutgoingTweet {
    let mut out = Draft::new("alice", text)
        .tag("chirp")
        .prepare()
        .expect("valid draft");
    let now = at(3);
    out.tweet.sent_at = Some(now);
    out.tweet.received_at = now;
    out
}

fn ids(history: &[HistoryEntry]) -> Vec<&str> {
    history.iter().map(|e| e.tweet.id.as_str()).collect()
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .filter(|p| {
            !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm")
        })
        .collect();
    found.sort();
    found
}

mod direct;
mod files;
mod history;
mod outbox;
mod pins;
