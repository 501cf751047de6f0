use std::time::Instant;

use super::*;
use crate::core::model::author_key::{Signed, Trust};
use crate::core::model::timeline::Timeline;
use crate::core::model::tweet::WireFormat;

fn tweet(id: usize, user: &str) -> Tweet {
    Tweet {
        quote: None,
        deferred_signature: None,
        id: format!("{user}-{id}"),
        user: Some(user.into()),
        text: format!("tweet {id}"),
        tags: vec!["rust".into()],
        sent_at: None,
        received_at: chrono::Utc::now(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    }
}

const T0: i64 = 1_700_000_000_000;

#[test]
fn an_author_past_the_rate_is_held_and_counted() {
    let mut guard = FloodGuard::new(20);
    let admitted = (0..100)
        .filter(|n| guard.admit(&tweet(*n, "spammer"), T0 + *n as i64))
        .count();
    assert_eq!(admitted, 20);
    assert!(guard.admit(&tweet(0, "ann"), T0 + 200), "others pass");
    let floods = guard.floods(T0 + 300);
    assert_eq!(floods.len(), 1);
    assert_eq!((floods[0].name.as_str(), floods[0].held), ("spammer", 80));
    // A minute later the flood has passed and the author may post again.
    assert!(guard.floods(T0 + 61_000).is_empty());
    assert!(guard.admit(&tweet(1000, "spammer"), T0 + 61_000));
}

#[test]
fn show_lets_the_author_through_with_their_newest_held_tweets() {
    let mut guard = FloodGuard::new(2);
    for n in 0..200 {
        guard.admit(&tweet(n, "spammer"), T0);
    }
    let author = FloodAuthor::Name("spammer".into());
    let held = guard.let_through(&author);
    assert_eq!(held.len(), HELD_PER_AUTHOR);
    assert_eq!(held.last().map(|t| t.id.as_str()), Some("spammer-199"));
    assert!(guard.admit(&tweet(500, "spammer"), T0));
    assert!(guard.floods(T0).is_empty());
}

#[test]
fn a_signed_flood_under_changing_names_is_one_author() {
    let mut guard = FloodGuard::new(5);
    let key = AuthorKey::from_bytes([4; 32]);
    let admitted = (0..50)
        .filter(|n| {
            let mut t = tweet(*n, &format!("name{n}"));
            t.signed = Some(Signed {
                key,
                trust: Trust::NewKey,
            });
            guard.admit(&t, T0)
        })
        .count();
    assert_eq!(admitted, 5);
}

#[test]
fn authors_tracked_are_bounded() {
    let mut guard = FloodGuard::new(20);
    for n in 0..MAX_AUTHORS * 3 {
        // Each author once, a minute apart per table's worth: idle ones go.
        let now = T0 + (n / MAX_AUTHORS) as i64 * 70_000;
        guard.admit(&tweet(n, &format!("a{n}")), now);
    }
    assert!(guard.authors_tracked() <= MAX_AUTHORS);
    // A full table of busy authors: newcomers pass untracked.
    assert!(guard.admit(&tweet(0, "newcomer"), T0 + 140_000));
    assert!(guard.authors_tracked() <= MAX_AUTHORS);
}

/// Part 2's test: 100,000 tweets from one author mixed with 100 from
/// others; the 100 are the newest rows but for the flood's first few.
#[test]
fn a_flood_of_100k_leaves_the_others_at_the_top() {
    let mut guard = FloodGuard::default();
    let mut timeline = Timeline::with_limit(10_000);
    let started = Instant::now();
    for n in 0..100_000 {
        let now = T0 + n as i64 / 10;
        let t = if n % 1_000 == 500 {
            tweet(n, &format!("person{}", n / 1_000))
        } else {
            tweet(n, "spammer")
        };
        if guard.admit(&t, now) {
            timeline.insert_received(&t);
        }
    }
    let elapsed = started.elapsed();
    let top: Vec<&str> = timeline.iter().take(100).filter_map(|e| e.user()).collect();
    assert!(top.iter().all(|u| u.starts_with("person")), "{top:?}");
    assert_eq!(timeline.len(), 100 + DEFAULT_FLOOD_RATE as usize);
    let floods = guard.floods(T0 + 10_000);
    assert_eq!(floods.len(), 1);
    assert_eq!(floods[0].held, 99_900 - DEFAULT_FLOOD_RATE);
    eprintln!("100,100 tweets through the guard and timeline in {elapsed:?}");
}
