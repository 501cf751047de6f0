//! Part 3, memory per tweet held in a Timeline (no broker).

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, ensure};
use chirp::core::model::author_key::AuthorKey;
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{Timeline, TimelineEntry};
use chirp::core::model::tweet::Tweet;
use chirp::core::protocol::signed::VerifiedSignatures;
use chirp::core::protocol::wire;
use clap::Args;

use crate::figures::{mib, proc_status_kb, thousands, verdict};
use crate::load::TweetMaker;

#[derive(Args)]
pub(crate) struct MemoryArgs {
    #[arg(long, default_value_t = 1_000_000)]
    count: usize,
    /// Signed payloads (300 authors), decoded as the window decodes them:
    /// each held with its signature unchecked until shown (PROTOCOL.md 9.7).
    #[arg(long)]
    held_signatures: bool,
}

pub(crate) fn memory(args: &MemoryArgs) -> Result<()> {
    let count = args.count.max(1);
    let mut timeline = Timeline::with_limit(count);
    let held = fill(&mut timeline, count, args.held_signatures)?;
    report(count, &held, args.held_signatures);
    // Held until the figures are taken.
    drop(timeline);
    Ok(())
}

/// What filling the timeline cost: RSS before and after (kB), at each
/// checkpoint `(tweets, RSS kB, text bytes so far)`, and the string bytes.
struct Held {
    rss_before: u64,
    rss_after: u64,
    at_checkpoints: Vec<(usize, u64, usize)>,
    text_bytes: usize,
    other_string_bytes: usize,
    took: Duration,
}

/// Decodes `count` fresh v1 payloads into `timeline`, noting this process's RSS.
fn fill(timeline: &mut Timeline, count: usize, held_signatures: bool) -> Result<Held> {
    let tag = Hashtag::parse("bench").map_err(|e| anyhow!("{e}"))?;
    let mut maker = TweetMaker::new(3)?;
    if held_signatures {
        maker = maker.signed_by(300);
    }
    let mut verified = VerifiedSignatures::default();
    let every_key_pinned = |_: &str, _: &AuthorKey| true;
    let me = "self";

    let rss_before = proc_status_kb(me, "VmRSS")?;
    let mut text_bytes = 0usize;
    let mut other_string_bytes = 0usize;
    let checkpoints = [count / 10, count / 4, count / 2, count];
    let mut at_checkpoints = Vec::new();
    let started = Instant::now();
    for n in 1..=count {
        let payload = maker.payload(&uuid::Uuid::new_v4().to_string(), &tag, "");
        let tweet = wire::decode_tagged_remembering(
            Some(tag.as_str()),
            &payload,
            chrono::Utc::now(),
            &mut verified,
            held_signatures.then_some(&every_key_pinned as &wire::PinnedKey<'_>),
        )
        .map_err(|e| anyhow!("decoding a bench payload: {e}"))?;
        ensure!(
            tweet.deferred_signature.is_some() == held_signatures,
            "a payload was not held as asked"
        );
        text_bytes += tweet.text.len();
        other_string_bytes += string_bytes_besides_text(&tweet);
        ensure!(timeline.insert_received(&tweet), "a duplicate id");
        if checkpoints.contains(&n) {
            at_checkpoints.push((n, proc_status_kb(me, "VmRSS")?, text_bytes));
        }
    }
    let took = started.elapsed();
    ensure!(
        timeline.len() == count,
        "the timeline holds {}",
        timeline.len()
    );
    Ok(Held {
        rss_before,
        rss_after: proc_status_kb(me, "VmRSS")?,
        at_checkpoints,
        text_bytes,
        other_string_bytes,
        took,
    })
}

fn report(count: usize, held: &Held, held_signatures: bool) {
    let Held {
        rss_before,
        rss_after,
        text_bytes,
        other_string_bytes,
        took,
        ..
    } = *held;
    let growth = (rss_after.saturating_sub(rss_before) * 1024) as f64;
    let per_tweet = growth / count as f64;
    let beyond_text = (growth - text_bytes as f64) / count as f64;

    let what = if held_signatures {
        "signed v1 tweets decoded as the window decodes them (each signature held unchecked until shown)"
    } else {
        "decoded v1 tweets (wire::decode)"
    };
    println!(
        "{count} {what} held in Timeline::with_limit({count}); RSS of this process {:.1} → {:.1} MiB",
        mib(rss_before),
        mib(rss_after)
    );
    println!(
        "  decode + insert: {:.2} s ({} tweets/s, one thread, no network)",
        took.as_secs_f64(),
        thousands(count as f64 / took.as_secs_f64())
    );
    for (n, rss, text) in &held.at_checkpoints {
        let grown = (rss.saturating_sub(rss_before) * 1024) as f64;
        println!(
            "  at {:>9} tweets: {:>6.1} B/tweet total, {:>6.1} B/tweet beyond the text",
            thousands(*n as f64),
            grown / *n as f64,
            (grown - *text as f64) / *n as f64
        );
    }
    println!(
        "  text {:.1} B/tweet (UTF-8); other string contents (id, user, tags) {:.1} B/tweet; size_of TimelineEntry {} B",
        text_bytes as f64 / count as f64,
        other_string_bytes as f64 / count as f64,
        std::mem::size_of::<TimelineEntry>()
    );
    println!("  total: {per_tweet:.1} B/tweet");
    println!(
        "  beyond the text: {beyond_text:.1} B/tweet (target ≤ 150 B: {})",
        verdict(beyond_text <= 150.0)
    );
}

fn string_bytes_besides_text(tweet: &Tweet) -> usize {
    tweet.id.len()
        + tweet.user.as_ref().map_or(0, String::len)
        + tweet.tags.iter().map(String::len).sum::<usize>()
}
