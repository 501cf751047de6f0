//! Part 2, latency: publish → Timeline model at a steady rate, next to
//! mosquitto_sub's receive time.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail, ensure};
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{DEFAULT_TIMELINE_LIMIT, Timeline};
use chirp::core::protocol::wire;
use clap::Args;

use crate::BrokerArgs;
use crate::figures::{Target, percentile, spread, unix_ns};
use crate::load::{Publisher, TweetMaker, bench_tag};
use crate::process::wait_for_subscribers;
use crate::subscribers::{ChirpCore, mosquitto_sub, read_mosquitto_sub};

#[derive(Args)]
pub(crate) struct LatencyArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    /// Tweets per second.
    #[arg(long, default_value_t = 1000)]
    rate: u32,
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Runs (the median (min–max) of their percentiles is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

const P50: Target = Target::at_most(1.0, "≤ +1 ms");
const P99: Target = Target::at_most(5.0, "≤ +5 ms");

/// One run: how long sending took, and both receivers' latencies in ms,
/// sorted.
struct Run {
    took: Duration,
    chirp_ms: Vec<f64>,
    mosquitto_ms: Vec<f64>,
}

/// The send time a latency tweet carries in its id, `lat-<n>-<unix ns>`.
fn sent_ns(id: &str) -> Option<i128> {
    id.strip_prefix("lat-")?.split_once('-')?.1.parse().ok()
}

pub(crate) fn latency(args: &LatencyArgs) -> Result<()> {
    ensure!(args.rate > 0 && args.seconds > 0.0, "rate and seconds > 0");
    let count = (f64::from(args.rate) * args.seconds).round().max(1.0) as usize;
    let repeat = args.repeat.max(1);
    println!(
        "{repeat} runs of {count} v1 tweets at {} tweets/s for {:.1} s, QoS 0, to Chirp's core and mosquitto_sub at once; \
         targets: Chirp's p50 {} and p99 {} over mosquitto_sub's (median of the runs)",
        args.rate, args.seconds, P50.text, P99.text
    );
    let runs = (0..repeat)
        .map(|_| one_run(args, count))
        .collect::<Result<Vec<_>>>()?;
    report(&runs);
    Ok(())
}

/// One steady stream of `count` tweets to both receivers.
fn one_run(args: &LatencyArgs, count: usize) -> Result<Run> {
    let b = &args.broker;
    let tag = bench_tag("latency")?;
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let dir = tempfile::Builder::new().prefix("chirp-bench-").tempdir()?;

    let core = ChirpCore::start(b.port, &tag, b.deadline())?;
    let out = dir.path().join("mosquitto_sub.out");
    let mut mosquitto = mosquitto_sub(b.port, &topic, count, "%U %p", &out, b.timeout)?;
    wait_for_subscribers(
        &b.broker_log,
        &topic,
        2,
        &mut [&mut mosquitto],
        b.deadline(),
    )?;

    let sender = publish_steadily(args, &topic, tag, count)?;
    let mut chirp_ms = chirp_latencies(&core, count, b)?;
    let took = sender
        .join()
        .map_err(|_| anyhow!("publisher thread panicked"))??;
    let status = mosquitto.wait_until(b.deadline())?;
    ensure!(status.success(), "mosquitto_sub failed: {status}");
    let mut mosquitto_ms = mosquitto_latencies(&out, &topic)?;
    ensure!(
        mosquitto_ms.len() == count,
        "mosquitto_sub received {} of {count}",
        mosquitto_ms.len()
    );
    chirp_ms.sort_by(f64::total_cmp);
    mosquitto_ms.sort_by(f64::total_cmp);
    Ok(Run {
        took,
        chirp_ms,
        mosquitto_ms,
    })
}

/// Publishes `count` tweets on `topic` at `args.rate` from a thread of its
/// own, each carrying its send time in its id; the thread returns how long
/// sending took.
fn publish_steadily(
    args: &LatencyArgs,
    topic: &str,
    tag: Hashtag,
    count: usize,
) -> Result<JoinHandle<Result<Duration>>> {
    let b = &args.broker;
    let publisher = Publisher::connect(b.port, b.deadline())?;
    let period = Duration::from_secs_f64(1.0 / f64::from(args.rate));
    let topic = topic.to_owned();
    let drain_deadline = b.deadline();
    Ok(std::thread::spawn(move || -> Result<Duration> {
        let mut maker = TweetMaker::new(2)?;
        let start = Instant::now();
        for n in 0..count {
            let due = start + period * n as u32;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            // The send time goes in the id (a v1 `ts` has only milliseconds).
            let id = format!("lat-{n:06}-{}", unix_ns());
            let payload = maker.payload(&id, &tag, "");
            publisher.publish(&topic, payload)?;
        }
        let took = start.elapsed();
        publisher.drain(drain_deadline)?;
        publisher.close();
        Ok(took)
    }))
}

/// Milliseconds from send to arrival in the Timeline model, for each of
/// `count` tweets Chirp's core receives.
fn chirp_latencies(core: &ChirpCore, count: usize, b: &BrokerArgs) -> Result<Vec<f64>> {
    let mut chirp_ms = Vec::with_capacity(count);
    let mut bad_id = None;
    let mut timeline = Timeline::with_limit(DEFAULT_TIMELINE_LIMIT);
    core.receive(&mut timeline, count, b.deadline(), |entry| {
        let now = unix_ns();
        match sent_ns(entry.id()) {
            Some(sent) => chirp_ms.push((now - sent) as f64 / 1e6),
            None => bad_id = Some(entry.id().to_owned()),
        }
    })?;
    if let Some(id) = bad_id {
        bail!("a latency tweet without a send time: {id}");
    }
    Ok(chirp_ms)
}

/// Milliseconds from send to mosquitto_sub's receive time, for each line
/// it wrote to `out`.
fn mosquitto_latencies(out: &Path, topic: &str) -> Result<Vec<f64>> {
    let mut mosquitto_ms = Vec::new();
    for (received, payload) in read_mosquitto_sub(out)? {
        let decoded = wire::decode(topic, payload.as_bytes(), chrono::Utc::now())
            .map_err(|e| anyhow!("mosquitto_sub printed an undecodable payload: {e}"))?;
        let sent = sent_ns(&decoded.id)
            .ok_or_else(|| anyhow!("mosquitto_sub printed id {}", decoded.id))?;
        mosquitto_ms.push((received - sent) as f64 / 1e6);
    }
    Ok(mosquitto_ms)
}

/// One receiver's latencies in a run.
type Latencies = fn(&Run) -> &[f64];

/// Prints the percentiles of both latencies and their difference, each the
/// median (min–max) of the runs.
fn report(runs: &[Run]) {
    let took: Vec<f64> = runs.iter().map(|r| r.took.as_secs_f64()).collect();
    println!(
        "latency = receive wall clock − send wall clock carried in the payload; sent over {} s; \
         ms, median (min–max) of the runs",
        spread(&took, 2)
    );
    println!(
        "  {:<44} {:>24} {:>24} {:>24} {:>24}",
        "receiver (both at once)", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    let receivers: [(&str, Latencies); 2] = [
        ("Chirp core: arrival in the Timeline model", |r| &r.chirp_ms),
        ("mosquitto_sub -F '%U %p': its receive time", |r| {
            &r.mosquitto_ms
        }),
    ];
    for (name, of) in receivers {
        let at = |p: f64| -> String {
            let values: Vec<f64> = runs.iter().map(|r| percentile(of(r), p)).collect();
            spread(&values, 3)
        };
        println!(
            "  {name:<44} {:>24} {:>24} {:>24} {:>24}",
            at(50.0),
            at(90.0),
            at(99.0),
            at(100.0)
        );
    }
    let difference = |p: f64| -> Vec<f64> {
        runs.iter()
            .map(|r| percentile(&r.chirp_ms, p) - percentile(&r.mosquitto_ms, p))
            .collect()
    };
    println!(
        "  Chirp − mosquitto_sub, p50 ms: {}",
        P50.judge(&difference(50.0), 3)
    );
    println!(
        "  Chirp − mosquitto_sub, p99 ms: {}",
        P99.judge(&difference(99.0), 3)
    );
}
