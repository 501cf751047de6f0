//! Hostile payloads on a followed hashtag, through a real mosquitto.
//!
//! For every case the hostile payload is published (mosquitto_pub, binary
//! safe), then a valid v1 tweet. Each case checks that:
//! - the hostile payload had exactly the outcome the decoder promises
//!   (dropped with a reason, or shown as raw / classic / v1 text);
//! - the valid tweet after it still arrives as a `NetEvent::Tweet`;
//! - the core never reported a connection change after its first
//!   `Connected` (no disconnect, no reconnect);
//! - what the UI and the CLI would lay out of a shown payload
//!   (`display::inert_text`, `inert_name`, `inert_line`) is bounded and has
//!   no control character but '\n' and no bidi or zero-width character.
//!
//! At the end of each test the worker is asked to follow one more tag and
//! must confirm it: its thread is alive and still serving commands.
//!
//! The payloads are in `hostile_input/cases.rs`, the harness that sends them
//! and checks the outcome in `hostile_input/harness.rs`.

mod cases;
mod harness;

use chirp::core::model::timeline::Timeline;

use self::cases::{
    all_cases, bidi_cases, deeply_nested_cases, empty_cases, escape_cases, huge_id_cases,
    huge_username_cases, invalid_utf8_cases, newline_cases, other_kind_cases, oversize_cases,
    truncated_json_cases, wrong_type_cases,
};
use self::harness::{Expect, Session, assert_shown_safely, case, run, v1};
use crate::common::{Broker, mosquitto_pub_retained};

// ---------------------------------------------------------------------------
// One test per class

#[test]
fn invalid_utf8_is_dropped_and_the_core_stays_connected() {
    let shown = run("hostile-utf8", &invalid_utf8_cases());
    assert!(shown.is_empty());
}

#[test]
fn empty_and_blank_payloads_are_dropped() {
    let shown = run("hostile-empty", &empty_cases());
    assert!(shown.is_empty());
}

#[test]
fn truncated_json_is_shown_as_raw_text() {
    run("hostile-truncated", &truncated_json_cases());
}

#[test]
fn deeply_nested_json_neither_overflows_the_stack_nor_disconnects() {
    run("hostile-nested", &deeply_nested_cases());
}

#[test]
fn likes_deletions_and_quotes_in_bad_shapes_are_dropped_never_shown() {
    run("hostile-kinds", &other_kind_cases());
}

#[test]
fn wrong_types_missing_fields_huge_numbers_and_bad_timestamps() {
    run("hostile-types", &wrong_type_cases());
}

#[test]
fn nul_and_terminal_escapes_are_shown_inert() {
    run("hostile-escapes", &escape_cases());
}

#[test]
fn bidi_overrides_and_zero_width_characters_are_shown_inert() {
    run("hostile-bidi", &bidi_cases());
}

#[test]
fn a_100k_character_username_is_shown_bounded() {
    run("hostile-username", &huge_username_cases());
}

#[test]
fn a_100k_newlines_are_shown_as_at_most_a_page() {
    run("hostile-newlines", &newline_cases());
}

#[test]
fn payloads_over_the_limit_are_dropped_without_disconnecting() {
    run("hostile-oversize", &oversize_cases());
}

#[test]
fn a_100k_character_id_is_a_tweet_like_any_other() {
    let shown = run("hostile-id", &huge_id_cases());
    let mut timeline = Timeline::default();
    let tweet = shown
        .into_iter()
        .next()
        .expect("the long-id tweet was shown");
    assert!(timeline.insert_received(&tweet));
    // The same tweet again, as it would come under another followed tag.
    let mut copy = tweet;
    copy.tags = vec!["elsewhere".into()];
    assert!(!timeline.insert_received(&copy), "shown once");
    assert_eq!(timeline.len(), 1);
}

#[test]
fn retained_junk_waiting_before_the_subscription_is_handled_on_subscribe() {
    let cases = [
        case(
            "retained invalid UTF-8",
            [0xff, 0xfe, 0x41],
            Expect::Dropped("UTF-8"),
        ),
        case(
            "retained 4 MB",
            vec![b'a'; 4 * 1024 * 1024],
            Expect::Dropped("limit"),
        ),
        case(
            "retained 1 MB v1",
            v1("retained-mb", "m", &"m".repeat(1 << 20)),
            Expect::Dropped("limit"),
        ),
        case("retained 100k '['", "[".repeat(100_000), Expect::Raw),
        case(
            "retained escapes",
            v1(
                "retained-esc",
                "mal\u{1b}[2J",
                "\u{1b}]0;title\u{7}\u{202E}",
            ),
            Expect::Chirp(|t| assert_eq!(t.id, "retained-esc")),
        ),
        case(
            "retained 100k-character user",
            v1("retained-user", &"u".repeat(100_000), "hi"),
            Expect::Chirp(|t| assert_eq!(t.id, "retained-user")),
        ),
    ];
    let broker = Broker::start();
    // All of it is waiting at the broker before the core even connects.
    for (i, case) in cases.iter().enumerate() {
        mosquitto_pub_retained(&broker, &format!("hashtags/retained-{i}"), &case.payload);
    }
    let mut session = Session::on(broker);
    for (i, case) in cases.iter().enumerate() {
        let tag = format!("retained-{i}");
        let topic = format!("hashtags/{tag}");
        // The broker sends the retained payload right after confirming.
        let mut events = session.follow(&tag);
        events.extend(session.valid_tweet_arrives(&topic, &case.name));
        session.expect_outcome(case, &topic, events);
    }
    let shown = session.finish();
    assert_eq!(shown.len(), 3);
}

// ---------------------------------------------------------------------------
// All of it on one connection, then into the timeline

#[test]
fn one_core_survives_every_case_and_its_timeline_holds_them() {
    let cases = all_cases();
    let shown = run("gauntlet", &cases);
    let expected_shown = cases
        .iter()
        .filter(|c| !matches!(c.expect, Expect::Dropped(_)))
        .count();
    assert_eq!(shown.len(), expected_shown);

    let mut timeline = Timeline::default();
    for tweet in &shown {
        assert!(
            timeline.insert_received(tweet),
            "not inserted: {:?} by {:?}",
            tweet.text.chars().take(80).collect::<String>(),
            tweet
                .user
                .as_ref()
                .map(|u| u.chars().take(80).collect::<String>())
        );
    }
    assert_eq!(timeline.len(), shown.len());
    // Newest first by the time shown (whatever `ts` claimed), ties by
    // arrival, each once.
    let ids: Vec<&str> = timeline
        .iter()
        .map(chirp::core::model::timeline::TimelineEntry::id)
        .collect();
    let mut by_time: Vec<(i64, usize, &str)> = (shown.iter().enumerate())
        .map(|(arrived, t)| (t.shown_time().timestamp_millis(), arrived, t.id.as_str()))
        .collect();
    by_time.sort_unstable_by(|a, b| b.cmp(a));
    let expected: Vec<&str> = by_time.iter().map(|(.., id)| *id).collect();
    assert_eq!(ids, expected);
    assert!(
        timeline.iter().any(|e| e.id().starts_with("long-id-")),
        "the long-id tweet is held"
    );

    // Every one of them again (a QoS 1 repeat, or another followed tag): none shown twice.
    for tweet in &shown {
        assert!(!timeline.insert_received(tweet));
    }
    assert_eq!(timeline.len(), shown.len());

    // The timeline still takes new tweets, newest first, and its entries
    // are still shown safely.
    let fresh = chirp::core::protocol::wire::decode(
        "hashtags/gauntlet",
        &v1("fresh", "alice", "after the gauntlet"),
        chrono::Utc::now(),
    )
    .expect("a valid tweet");
    // Written now (v1's `ts` is a fixed day in the past).
    let fresh = chirp::core::model::tweet::Tweet {
        sent_at: Some(chrono::Utc::now()),
        ..fresh
    };
    assert!(timeline.insert_received(&fresh));
    assert_eq!(
        timeline
            .get(0)
            .map(chirp::core::model::timeline::TimelineEntry::id),
        Some("fresh")
    );
    for entry in timeline.iter() {
        assert_shown_safely("timeline", &entry.to_tweet());
    }

    // Bounded: a small timeline keeps the newest, and an evicted id may come back.
    let mut small = Timeline::with_limit(5);
    for tweet in &shown {
        small.insert_received(tweet);
    }
    assert_eq!(small.len(), 5);
    let newest: Vec<&str> = expected.iter().take(5).copied().collect();
    let held: Vec<&str> = small
        .iter()
        .map(chirp::core::model::timeline::TimelineEntry::id)
        .collect();
    assert_eq!(held, newest);
    // Arriving anew, written now.
    let evicted = shown.iter().find(|t| t.id == expected[5]).expect("shown");
    let again = chirp::core::model::tweet::Tweet {
        sent_at: None,
        received_at: chrono::Utc::now(),
        ..evicted.clone()
    };
    assert!(small.insert_received(&again));
}
