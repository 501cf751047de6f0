//! Search and conversations over a full timeline: how long Ctrl+F takes to
//! narrow 100k held tweets (the saved history is in the timeline too) by
//! words, `@user` and `#tag`, and how long opening a conversation takes.
//! Prints the median and worst of several runs per query, in `--repeat N`
//! rounds (the median (min–max) of the rounds' medians). No target is set.
//!
//! `cargo bench --bench search [-- --small] [--repeat N]`; `cargo test` runs
//! it small.

// Harness code: a benchmark that cannot measure should stop loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

#[path = "common/repeat.rs"]
mod repeat;
use repeat::repeat_arg;
use std::time::{Duration, Instant};

use chirp::core::model::timeline::Timeline;
use chirp::core::model::tweet::{ReplyTo, Tweet, WireFormat};
use chirp::core::social::search::{self, Filter, Query};

const WORDS: [&str; 8] = [
    "broker", "latency", "sensor", "garden", "compiler", "coffee", "train", "weather",
];
const TAGS: [&str; 6] = ["rust", "mqtt", "iot", "chirp", "home", "news"];

/// A ~100-character tweet; every 20th answers the one before it, so there
/// are conversations to open.
fn tweet(n: usize) -> Tweet {
    let word = WORDS[n % WORDS.len()];
    let other = WORDS[(n / 7) % WORDS.len()];
    let tag = TAGS[n % TAGS.len()];
    Tweet {
        quote: None,
        deferred_signature: None,
        id: format!("search-{n}"),
        user: Some(format!("user{}", n % 500)),
        text: format!("Tweet {n} about the {word} and the {other}, written as people write #{tag}"),
        tags: vec![tag.to_owned()],
        sent_at: Some(chrono::Utc::now()),
        received_at: chrono::Utc::now(),
        format: WireFormat::Chirp,
        reply_to: (!n.is_multiple_of(20) && n > 0).then(|| ReplyTo {
            id: format!("search-{}", n - 1),
            user: Some(format!("user{}", (n - 1) % 500)),
        }),
        signed: None,
    }
}

fn timed(runs: usize, mut work: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = work();
        times.push(started.elapsed());
    }
    times.sort();
    (times[times.len() / 2], times[times.len() - 1], found)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `repeat` rounds of `timed(runs, work)`: "median (min–max)" of their
/// medians in ms, the worst of all, and what the work found.
fn rounds(repeat: usize, runs: usize, mut work: impl FnMut() -> usize) -> (String, f64, usize) {
    let mut medians = Vec::new();
    let mut worst: f64 = 0.0;
    let mut found = 0;
    for _ in 0..repeat {
        let (median, slowest, n) = timed(runs, &mut work);
        medians.push(ms(median));
        worst = worst.max(ms(slowest));
        found = n;
    }
    medians.sort_by(f64::total_cmp);
    let n = medians.len();
    let middle = if n % 2 == 1 {
        medians[n / 2]
    } else {
        (medians[n / 2 - 1] + medians[n / 2]) / 2.0
    };
    let spread = format!("{middle:.2} ({:.2}–{:.2})", medians[0], medians[n - 1]);
    (spread, worst, found)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let small = args.iter().any(|a| a == "--small") || !args.iter().any(|a| a == "--bench");
    let repeat = repeat_arg(&args);
    let held = if small { 5_000 } else { 100_000 };
    let runs = if small { 3 } else { 9 };
    let mut timeline = Timeline::with_limit(held);
    for n in 0..held {
        timeline.insert_received(&tweet(n));
    }
    println!(
        "search: {repeat} rounds of {runs} runs per query; target: no target set (issue 6 asks for \"fast on 100k tweets\")"
    );
    println!(
        "over {held} tweets held (one thread); ms, median (min–max) of the rounds' medians, and the worst run of all"
    );
    println!(
        "{:<28} {:>22} {:>10} {:>8}",
        "query", "median", "worst", "found"
    );
    for typed in [
        "garden",
        "@user42",
        "#iot",
        "coffee train #home",
        "nothing-matches",
    ] {
        let (median, worst, found) = rounds(repeat, runs, || {
            let Some(query) = Query::parse(typed) else {
                return 0;
            };
            let filter = Filter::Search {
                typed: typed.to_owned(),
                query,
            };
            timeline.iter().filter(|e| filter.matches(e)).count()
        });
        println!(
            "{:<28} {median:>22} {worst:>7.2} ms {found:>8}",
            format!("\"{typed}\"")
        );
    }
    let newest = timeline
        .get(0)
        .map(|e| e.id().to_owned())
        .unwrap_or_default();
    let (median, worst, found) = rounds(repeat, runs, || {
        search::conversation_of(&timeline, &newest).len()
    });
    println!(
        "{:<28} {median:>22} {worst:>7.2} ms {found:>8}",
        "conversation of the newest"
    );
    assert!(found > 1, "the newest tweet is in a conversation");
}
