//! Part 8, CPU per tweet (issue 15 part 1): one flood to four subscribers
//! at once, each its own process, and what each spent on it: user + system
//! CPU time from `/proc/<pid>/stat`, from just before the flood to the
//! moment it had every tweet, divided by the tweets. mosquitto_sub and
//! `chirp follow --json` print to /dev/null; paho-mqtt counts; the real
//! window runs under Xvfb (decode, dedup, history writes, rendering with
//! Mesa's software GL: everything it does). Unlike msgs/s this does not
//! depend on how fast the publisher goes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, ensure};
use chirp::core::protocol::topic_root::TopicRoot;
use clap::Args;

use crate::BrokerArgs;
use crate::cost::{
    LoggedWindow, cpu_seconds, follow_command, mosquitto_sub_command, proc_cpu, window_profile,
};
use crate::figures::{median, spread, thousands, verdict};
use crate::load::bench_tag;
use crate::process::{Guard, wait_for_subscribers};
use crate::signed::payloads;
use crate::subscribers::{paho_sub, read_paho};
use crate::throughput::publish_all;

#[derive(Args)]
pub(crate) struct CpuArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    #[arg(long, default_value_t = 100_000)]
    count: usize,
    /// benches/paho_sub.py
    #[arg(long)]
    paho: PathBuf,
    /// The release `chirp` binary: `chirp follow`, and the window.
    #[arg(long)]
    bin: PathBuf,
    /// Every payload signed, by this many authors (checked by Chirp).
    #[arg(long)]
    signed_by: Option<usize>,
    /// Floods (the median of their figures is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// How long the subscribers idle once subscribed, before the flood and
    /// its clock start (the window's start-up work done).
    #[arg(long, default_value_t = 1000)]
    settle_ms: u64,
}

/// The subscribers, in the order of the report.
const NAMES: [&str; 4] = [
    "mosquitto_sub (to /dev/null)",
    "paho-mqtt (Python)",
    "chirp follow --json (to /dev/null)",
    "the window under Xvfb (all it does)",
];
const MOSQUITTO: usize = 0;
const PAHO: usize = 1;
const FOLLOW: usize = 2;
const WINDOW: usize = 3;

/// One flood: CPU seconds each subscriber used before it (start-up,
/// connecting, idling) and on it.
struct Run {
    before: [f64; 4],
    during: [f64; 4],
    publish_rate: f64,
}

/// The four subscribers of one flood, started and subscribed.
struct Subscribers {
    exiting: Vec<(usize, Guard)>,
    paho_out: PathBuf,
    window: LoggedWindow,
}

fn start(args: &CpuArgs, tag: &str, topic: &str, dir: &Path) -> Result<Subscribers> {
    let b = &args.broker;
    let count = args.count.to_string();
    let id = |who: &str| format!("bench-cpu-{who}-{:08x}", fastrand::u32(..));
    let mosquitto_args = ["-i", &id("mosquitto"), "-t", topic, "-C", &count];
    let mut command = mosquitto_sub_command(b.port, &mosquitto_args);
    command.args(["-W", &b.timeout.to_string()]);
    let mosquitto = Guard::spawn("mosquitto_sub", &mut command)?;
    let paho_out = dir.join("paho.out");
    let paho = paho_sub(&args.paho, b.port, topic, args.count, &paho_out, b.timeout)?;
    let follow_args = ["--json", "--count", &count, tag];
    let mut command = follow_command(&args.bin, b.port, dir, &follow_args)?;
    let follow = Guard::spawn("chirp follow", &mut command)?;
    let profile = dir.join("window");
    let tag = chirp::core::model::name::Hashtag::parse(tag).map_err(|e| anyhow!("{e}"))?;
    window_profile(&profile, b.port, &tag, &id("window"))?;
    let mut window = LoggedWindow::start(&args.bin, &profile, b.deadline())?;
    let mut exiting = vec![(MOSQUITTO, mosquitto), (PAHO, paho), (FOLLOW, follow)];
    let mut watched: Vec<&mut Guard> = exiting.iter_mut().map(|(_, g)| g).collect();
    watched.push(&mut window.guard);
    wait_for_subscribers(&b.broker_log, topic, 4, &mut watched, b.deadline())?;
    Ok(Subscribers {
        exiting,
        paho_out,
        window,
    })
}

/// Waits until every subscriber has had the whole flood; the CPU seconds
/// each had used by then (read as each finished).
fn finish(subscribers: &mut Subscribers, count: usize, deadline: Instant) -> Result<[f64; 4]> {
    let mut done: [Option<f64>; 4] = [None; 4];
    while done.iter().any(Option::is_none) {
        ensure!(
            Instant::now() < deadline,
            "not every subscriber had the flood at the deadline"
        );
        for (who, guard) in &mut subscribers.exiting {
            if done[*who].is_none() {
                let (state, cpu) = proc_cpu(&guard.pid())?;
                if state == 'Z' {
                    done[*who] = Some(cpu);
                    let status = guard.wait_until(deadline)?;
                    ensure!(status.success(), "{} failed: {status}", NAMES[*who]);
                }
            }
        }
        if done[WINDOW].is_none() {
            done[WINDOW] = subscribers.window.poll(count, false)?.map(|(_, cpu)| cpu);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Ok(done.map(|cpu| cpu.unwrap_or(f64::NAN)))
}

fn one_flood(args: &CpuArgs) -> Result<Run> {
    let b = &args.broker;
    let tag = bench_tag("cpu")?;
    let topic = TopicRoot::default().topic(tag.as_str());
    let flood = payloads(args.count, &tag, args.signed_by)?;
    let dir = tempfile::Builder::new()
        .prefix("chirp-bench-cpu-")
        .tempdir()?;
    let mut subscribers = start(args, tag.as_str(), &topic, dir.path())?;
    std::thread::sleep(Duration::from_millis(args.settle_ms));
    let mut before = [0.0; 4];
    for (who, guard) in &subscribers.exiting {
        before[*who] = cpu_seconds(&guard.pid())?;
    }
    before[WINDOW] = cpu_seconds(&subscribers.window.guard.pid())?;
    let sender = publish_all(b, &topic, flood)?;
    let after = finish(&mut subscribers, args.count, b.deadline())?;
    let (sent_at, drained_at) = sender
        .join()
        .map_err(|_| anyhow!("publisher thread panicked"))??;
    subscribers.window.guard.kill();
    let paho = read_paho(&std::fs::read_to_string(&subscribers.paho_out)?)?;
    ensure!(
        paho.received == args.count,
        "paho-mqtt received {} of {}",
        paho.received,
        args.count
    );
    let mut during = [0.0; 4];
    for who in 0..4 {
        during[who] = after[who] - before[who];
    }
    Ok(Run {
        before,
        during,
        publish_rate: args.count as f64 / (drained_at - sent_at).max(1e-9),
    })
}

pub(crate) fn cpu(args: &CpuArgs) -> Result<()> {
    let repeat = args.repeat.max(1);
    let kind = match args.signed_by {
        Some(authors) => {
            format!("v1 tweets signed by {authors} authors (Chirp checks each it prints or shows)")
        }
        None => "v1 tweets (unsigned)".to_owned(),
    };
    println!(
        "{} {kind} per flood, {repeat} floods, QoS 0; all four subscribed to each flood at once, each its own process",
        args.count
    );
    println!(
        "CPU = utime + stime (/proc/<pid>/stat) from just before the flood ({:.1} s after all subscribed) \
         to when it had all {} (it exited; the window: the frame that took in the last)",
        args.settle_ms as f64 / 1e3,
        args.count
    );
    let runs: Vec<Run> = (0..repeat)
        .map(|_| one_flood(args))
        .collect::<Result<_>>()?;
    let per_tweet = |who: usize| -> Vec<f64> {
        runs.iter()
            .map(|r| r.during[who] / args.count as f64 * 1e6)
            .collect()
    };
    println!(
        "  {:<40} {:>24} {:>22}",
        "subscriber", "µs/tweet median (min–max)", "CPU before flood, ms"
    );
    for (who, name) in NAMES.iter().enumerate() {
        let before: Vec<f64> = runs.iter().map(|r| r.before[who] * 1e3).collect();
        println!(
            "  {name:<40} {:>24} {:>22}",
            spread(&per_tweet(who), 1),
            spread(&before, 0)
        );
    }
    let rates: Vec<f64> = runs.iter().map(|r| r.publish_rate).collect();
    println!(
        "  publisher reached {} msgs/s (median)",
        thousands(median(&rates))
    );
    ratios(&runs);
    Ok(())
}

/// The targets, as ratios within each flood, then their median.
fn ratios(runs: &[Run]) {
    let ratio = |a: usize, b: usize| -> Vec<f64> {
        runs.iter().map(|r| r.during[a] / r.during[b]).collect()
    };
    let lines = [
        (
            "chirp follow / mosquitto_sub",
            ratio(FOLLOW, MOSQUITTO),
            "≤ 1.0",
            1.0,
            true,
        ),
        (
            "window / mosquitto_sub      ",
            ratio(WINDOW, MOSQUITTO),
            "≤ 3.0",
            3.0,
            true,
        ),
        (
            "paho / chirp follow         ",
            ratio(PAHO, FOLLOW),
            "≥ 5.0",
            5.0,
            false,
        ),
    ];
    for (name, values, target, bound, at_most) in lines {
        if values.iter().any(|v| !v.is_finite()) {
            // A tiny flood (--small) can cost less than one clock tick.
            println!(
                "  {name}: not measurable, a subscriber used under one clock tick (target {target})"
            );
            continue;
        }
        let m = median(&values);
        let met = if at_most { m <= bound } else { m >= bound };
        println!(
            "  {name} = {} µs/tweet ratio (target {target}: {})",
            spread(&values, 2),
            verdict(met)
        );
    }
}
