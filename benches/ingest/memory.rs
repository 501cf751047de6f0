//! Part 3, memory per tweet held in a Timeline (no broker). Each run is a
//! process of its own (this bench again, with `--one-run`), so that one
//! run's freed memory, still held by the allocator, is not the next one's.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, ensure};
use chirp::core::model::author_key::AuthorKey;
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{Timeline, TimelineEntry};
use chirp::core::model::tweet::Tweet;
use chirp::core::protocol::signed::VerifiedSignatures;
use chirp::core::protocol::wire;
use clap::Args;

use crate::figures::{Target, mib, proc_status_kb, spread, spread_thousands, thousands};
use crate::load::TweetMaker;

#[derive(Args)]
pub(crate) struct MemoryArgs {
    #[arg(long, default_value_t = 1_000_000)]
    count: usize,
    /// Signed payloads (300 authors), decoded as the window decodes them:
    /// each held with its signature unchecked until shown (PROTOCOL.md 9.7).
    #[arg(long)]
    held_signatures: bool,
    /// Runs, each a process of its own (the median (min–max) is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Fill once in this process and print the raw figures on one line (what
    /// each run is).
    #[arg(long, hide = true)]
    one_run: bool,
}

const BEYOND_TEXT: Target = Target::at_most(150.0, "≤ 150 B");

pub(crate) fn memory(args: &MemoryArgs) -> Result<()> {
    let count = args.count.max(1);
    if args.one_run {
        let mut timeline = Timeline::with_limit(count);
        let held = fill(&mut timeline, count, args.held_signatures)?;
        println!("{}", held.to_line());
        // Held until the figures are taken.
        drop(timeline);
        return Ok(());
    }
    let repeat = args.repeat.max(1);
    let what = if args.held_signatures {
        "signed v1 tweets decoded as the window decodes them (each signature held unchecked until shown)"
    } else {
        "decoded v1 tweets (wire::decode)"
    };
    println!(
        "{repeat} runs, each a process of its own, of {count} {what} held in Timeline::with_limit({count}); \
         target: {} per tweet beyond its text (median of the runs)",
        BEYOND_TEXT.text
    );
    let runs = (0..repeat)
        .map(|_| one_run(args))
        .collect::<Result<Vec<_>>>()?;
    report(count, &runs);
    Ok(())
}

/// One run, in a process of its own: this bench with `--one-run`.
fn one_run(args: &MemoryArgs) -> Result<Held> {
    let mut command = Command::new(std::env::current_exe()?);
    command.args(["memory", "--one-run", "--count", &args.count.to_string()]);
    if args.held_signatures {
        command.arg("--held-signatures");
    }
    let output = command.stderr(Stdio::inherit()).output()?;
    ensure!(
        output.status.success(),
        "a memory run failed: {}",
        output.status
    );
    Held::parse(String::from_utf8(output.stdout)?.trim())
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

impl Held {
    /// `rss_before rss_after text other took_secs n,rss,text …`
    fn to_line(&self) -> String {
        let mut line = format!(
            "{} {} {} {} {}",
            self.rss_before,
            self.rss_after,
            self.text_bytes,
            self.other_string_bytes,
            self.took.as_secs_f64()
        );
        for (n, rss, text) in &self.at_checkpoints {
            line.push_str(&format!(" {n},{rss},{text}"));
        }
        line
    }

    fn parse(line: &str) -> Result<Held> {
        let bad = || anyhow!("a memory run printed {line:?}");
        let mut fields = line.split_whitespace();
        let mut next = || fields.next().ok_or_else(bad);
        let (rss_before, rss_after) = (next()?.parse()?, next()?.parse()?);
        let (text_bytes, other_string_bytes) = (next()?.parse()?, next()?.parse()?);
        let took = Duration::from_secs_f64(next()?.parse()?);
        let at_checkpoints = fields
            .map(|checkpoint| {
                let mut parts = checkpoint.split(',');
                let mut part = || parts.next().ok_or_else(bad);
                Ok((part()?.parse()?, part()?.parse()?, part()?.parse()?))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Held {
            rss_before,
            rss_after,
            at_checkpoints,
            text_bytes,
            other_string_bytes,
            took,
        })
    }
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

fn report(count: usize, runs: &[Held]) {
    let each = |figure: &dyn Fn(&Held) -> f64| -> Vec<f64> { runs.iter().map(figure).collect() };
    let kb_per_tweet = |kb: u64, n: usize| (kb * 1024) as f64 / n as f64;
    let growth = |h: &Held| h.rss_after.saturating_sub(h.rss_before);
    println!(
        "  RSS of this process {} → {} MiB (median (min–max) of the runs, as every figure below)",
        spread(&each(&|h| mib(h.rss_before)), 1),
        spread(&each(&|h| mib(h.rss_after)), 1)
    );
    println!(
        "  decode + insert: {} s ({} tweets/s, one thread, no network)",
        spread(&each(&|h| h.took.as_secs_f64()), 2),
        spread_thousands(&each(&|h| count as f64 / h.took.as_secs_f64()))
    );
    let checkpoints = runs.first().map_or(0, |h| h.at_checkpoints.len());
    for i in 0..checkpoints {
        let at = |h: &Held| h.at_checkpoints.get(i).copied().unwrap_or_default();
        let total = |h: &Held| {
            let (n, rss, _) = at(h);
            kb_per_tweet(rss.saturating_sub(h.rss_before), n)
        };
        let beyond = |h: &Held| {
            let (n, _, text) = at(h);
            total(h) - text as f64 / n as f64
        };
        println!(
            "  at {:>9} tweets: {:>20} B/tweet total, {:>20} B/tweet beyond the text",
            thousands(at(&runs[0]).0 as f64),
            spread(&each(&total), 1),
            spread(&each(&beyond), 1)
        );
    }
    println!(
        "  text {} B/tweet (UTF-8); other string contents (id, user, tags) {} B/tweet; size_of TimelineEntry {} B",
        spread(&each(&|h| h.text_bytes as f64 / count as f64), 1),
        spread(&each(&|h| h.other_string_bytes as f64 / count as f64), 1),
        std::mem::size_of::<TimelineEntry>()
    );
    println!(
        "  total: {} B/tweet",
        spread(&each(&|h| kb_per_tweet(growth(h), count)), 1)
    );
    let beyond = each(&|h| kb_per_tweet(growth(h), count) - h.text_bytes as f64 / count as f64);
    println!(
        "  beyond the text, B/tweet: {}",
        BEYOND_TEXT.judge(&beyond, 1)
    );
}

fn string_bytes_besides_text(tweet: &Tweet) -> usize {
    tweet.id.len()
        + tweet.user.as_ref().map_or(0, String::len)
        + tweet.tags.iter().map(String::len).sum::<usize>()
}
