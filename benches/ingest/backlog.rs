//! Part 9, backlog drain (issue 15 part 2): tweets queued by the broker for
//! three persistent sessions while their clients were away, then each
//! client started alone: how long from its start until it has them all,
//! for `mosquitto_sub -c`, `chirp follow --session` and the real window
//! under Xvfb (which also logs each frame's cost while it drains, through
//! `CHIRP_FRAME_LOG`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, ensure};
use chirp::core::model::name::Hashtag;
use chirp::core::protocol::topic_root::TopicRoot;
use clap::Args;

use crate::BrokerArgs;
use crate::cost::{
    Frame, LoggedWindow, cpu_at_exit, follow_command, mosquitto_sub_command, window_profile,
};
use crate::figures::{median, percentile, spread, thousands, unix_now, verdict};
use crate::load::{Publisher, bench_tag};
use crate::process::{Guard, wait_for_subscribers};
use crate::signed::payloads;

#[derive(Args)]
pub(crate) struct BacklogArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    #[arg(long, default_value_t = 200_000)]
    count: usize,
    /// The release `chirp` binary: `chirp follow`, and the window.
    #[arg(long)]
    bin: PathBuf,
    /// Backlogs (the median of their figures is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

const NAMES: [&str; 3] = [
    "mosquitto_sub -c -q 1 (to /dev/null)",
    "chirp follow --session --json (/dev/null)",
    "the window under Xvfb",
];

/// The three sessions of one backlog: their client ids, and the window's
/// profile (its client id is in its settings).
struct Sessions {
    tag: Hashtag,
    topic: String,
    mosquitto: String,
    follow: String,
    profile: PathBuf,
    dir: tempfile::TempDir,
}

/// One client's drain: seconds from its start to its last tweet, its CPU
/// seconds, and the window's frames meanwhile.
struct Drain {
    seconds: f64,
    cpu: f64,
    frames: Vec<Frame>,
}

impl Sessions {
    fn new(port: u16) -> Result<Sessions> {
        let tag = bench_tag("backlog")?;
        let id = |who: &str| format!("bench-backlog-{who}-{:08x}", fastrand::u32(..));
        let dir = tempfile::Builder::new()
            .prefix("chirp-bench-backlog-")
            .tempdir()?;
        let profile = dir.path().join("window");
        window_profile(&profile, port, &tag, &id("window"))?;
        Ok(Sessions {
            topic: TopicRoot::default().topic(tag.as_str()),
            tag,
            mosquitto: id("mosquitto"),
            follow: id("follow"),
            profile,
            dir,
        })
    }

    fn mosquitto_sub(&self, port: u16, count: Option<usize>, timeout: u64) -> Result<Guard> {
        let mut command = mosquitto_sub_command(
            port,
            &["-c", "-q", "1", "-i", &self.mosquitto, "-t", &self.topic],
        );
        if let Some(count) = count {
            command.args(["-C", &count.to_string(), "-W", &timeout.to_string()]);
        }
        Guard::spawn("mosquitto_sub -c", &mut command)
    }

    fn follow(&self, bin: &Path, port: u16, count: Option<usize>) -> Result<Guard> {
        let count = count.map(|n| n.to_string());
        let mut args = vec!["--session", &self.follow, "--json"];
        if let Some(count) = &count {
            args.extend(["--count", count]);
        }
        args.push(self.tag.as_str());
        Guard::spawn(
            "chirp follow --session",
            &mut follow_command(bin, port, self.dir.path(), &args)?,
        )
    }

    /// Starts each client once so that the broker has its session and
    /// subscription, then stops them all (killed: a client gone away).
    fn open(&self, args: &BacklogArgs) -> Result<()> {
        let b = &args.broker;
        let mut mosquitto = self.mosquitto_sub(b.port, None, b.timeout)?;
        let mut follow = self.follow(&args.bin, b.port, None)?;
        let mut window = LoggedWindow::start(&args.bin, &self.profile, b.deadline())?;
        let mut watched = [&mut mosquitto, &mut follow, &mut window.guard];
        wait_for_subscribers(&b.broker_log, &self.topic, 3, &mut watched, b.deadline())?;
        for guard in watched {
            guard.kill();
        }
        let ids = [&self.mosquitto, &self.follow];
        wait_gone(&b.broker_log, &ids, b.deadline())?;
        // The window's client id is in its settings; give the broker a
        // moment to see its socket close too.
        std::thread::sleep(Duration::from_millis(300));
        Ok(())
    }
}

/// Waits until the broker's log says each of `ids` went away.
fn wait_gone(log: &Path, ids: &[&String], deadline: Instant) -> Result<()> {
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let gone = |id: &&String| {
            text.lines().any(|line| {
                line.contains(&format!("Client {id} "))
                    && (line.contains("closed its connection") || line.contains("disconnected"))
            })
        };
        if ids.iter().all(gone) {
            return Ok(());
        }
        ensure!(Instant::now() < deadline, "the broker never saw {ids:?} go");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Publishes the backlog at QoS 1 while nobody is connected; returns the
/// publisher's rate once the broker has acknowledged (queued) them all.
fn publish_backlog(b: &BrokerArgs, sessions: &Sessions, count: usize) -> Result<f64> {
    let flood = payloads(count, &sessions.tag, None)?;
    let publisher = Publisher::connect(b.port, b.deadline())?;
    let started = Instant::now();
    let acks = std::thread::scope(|scope| {
        let acks = scope.spawn(|| publisher.wait_acks(count, b.deadline()));
        for payload in flood {
            publisher.publish_at_least_once(&sessions.topic, payload)?;
        }
        acks.join().map_err(|_| anyhow!("ack thread panicked"))?
    });
    acks?;
    let rate = count as f64 / started.elapsed().as_secs_f64();
    publisher.close();
    Ok(rate)
}

/// Each client alone on its backlog, in turn.
fn drain_each(args: &BacklogArgs, sessions: &Sessions) -> Result<[Drain; 3]> {
    let b = &args.broker;
    let started = Instant::now();
    let mut guard = sessions.mosquitto_sub(b.port, Some(args.count), b.timeout)?;
    let (cpu, exited) = cpu_at_exit(&mut guard, NAMES[0], b.deadline())?;
    let mosquitto = Drain {
        seconds: (exited - started).as_secs_f64(),
        cpu,
        frames: Vec::new(),
    };

    let started = Instant::now();
    let mut guard = sessions.follow(&args.bin, b.port, Some(args.count))?;
    let (cpu, exited) = cpu_at_exit(&mut guard, NAMES[1], b.deadline())?;
    let follow = Drain {
        seconds: (exited - started).as_secs_f64(),
        cpu,
        frames: Vec::new(),
    };

    let started = unix_now();
    let mut window = LoggedWindow::start(&args.bin, &sessions.profile, b.deadline())?;
    let (frames, cpu) = window.wait_for(args.count, true, b.deadline())?;
    window.guard.kill();
    let last_ms = frames.last().map_or(0, |f| f.unix_ms);
    let window = Drain {
        seconds: last_ms as f64 / 1e3 - started,
        cpu,
        frames,
    };
    Ok([mosquitto, follow, window])
}

/// The frames that took tweets in: p50 and p99 of the UI thread's CPU and
/// of eframe's frame time, ms.
fn frame_figures(frames: &[Frame]) -> [f64; 4] {
    let draining: Vec<&Frame> = frames.iter().filter(|f| f.tweets > 0).collect();
    let sorted = |pick: fn(&Frame) -> u64| {
        let mut ms: Vec<f64> = draining.iter().map(|f| pick(f) as f64 / 1e3).collect();
        ms.sort_by(f64::total_cmp);
        ms
    };
    let cpu = sorted(|f| f.cpu_us);
    let frame = sorted(|f| f.frame_us);
    [
        percentile(&cpu, 50.0),
        percentile(&cpu, 99.0),
        percentile(&frame, 50.0),
        percentile(&frame, 99.0),
    ]
}

pub(crate) fn backlog(args: &BacklogArgs) -> Result<()> {
    let repeat = args.repeat.max(1);
    println!(
        "{} v1 tweets published at QoS 1 while three persistent sessions (clean session off, \
         subscribed at QoS 1) were away; then each client started alone on its backlog; {repeat} backlogs",
        args.count
    );
    let mut publish_rates = Vec::new();
    let mut runs = Vec::new();
    for _ in 0..repeat {
        let sessions = Sessions::new(args.broker.port)?;
        sessions.open(args)?;
        publish_rates.push(publish_backlog(&args.broker, &sessions, args.count)?);
        runs.push(drain_each(args, &sessions)?);
    }
    println!(
        "  publisher: {} msgs/s at QoS 1 until the broker had queued them all (median)",
        thousands(median(&publish_rates))
    );
    report(args.count, &runs);
    Ok(())
}

fn report(count: usize, runs: &[[Drain; 3]]) {
    println!(
        "  time from exec to the last tweet printed / in the timeline (the window: taken in or lost), \
         median (min–max):"
    );
    println!(
        "  {:<42} {:>22} {:>14} {:>16}",
        "client", "seconds", "tweets/s", "CPU µs/tweet"
    );
    let rate =
        |who: usize| -> Vec<f64> { runs.iter().map(|r| count as f64 / r[who].seconds).collect() };
    for (who, name) in NAMES.iter().enumerate() {
        let seconds: Vec<f64> = runs.iter().map(|r| r[who].seconds).collect();
        let cpu: Vec<f64> = runs
            .iter()
            .map(|r| r[who].cpu / count as f64 * 1e6)
            .collect();
        println!(
            "  {name:<42} {:>22} {:>14} {:>16}",
            spread(&seconds, 2),
            thousands(median(&rate(who))),
            format!("{:.1}", median(&cpu))
        );
    }
    for (who, name) in [(1, "chirp follow"), (2, "window      ")] {
        let ratios: Vec<f64> = runs.iter().map(|r| r[0].seconds / r[who].seconds).collect();
        println!(
            "  {name} / mosquitto_sub drain rate = {} (target ≥ 0.9: {})",
            spread(&ratios, 2),
            verdict(median(&ratios) >= 0.9)
        );
    }
    let figures: Vec<[f64; 4]> = runs.iter().map(|r| frame_figures(&r[2].frames)).collect();
    let column = |i: usize| -> Vec<f64> { figures.iter().map(|f| f[i]).collect() };
    lost_line(count, runs);
    let frames: Vec<f64> = runs
        .iter()
        .map(|r| r[2].frames.iter().filter(|f| f.tweets > 0).count() as f64)
        .collect();
    println!(
        "  window frames while draining ({} frames, median): UI-thread CPU p50 {} ms, p99 {} ms; \
         eframe frame time p50 {} ms, p99 {} ms",
        median(&frames),
        spread(&column(0), 1),
        spread(&column(1), 1),
        spread(&column(2), 1),
        spread(&column(3), 1)
    );
    let worst_p99 = median(&column(1)).max(median(&column(3)));
    println!(
        "  frame p99 (the larger of the two) = {worst_p99:.1} ms (target ≤ 16 ms: {})",
        verdict(worst_p99 <= 16.0)
    );
}

/// Tweets the window never took in: the worker found the window's event
/// channel full (`EVENT_CAPACITY`) and counted them instead.
fn lost_line(count: usize, runs: &[[Drain; 3]]) {
    let lost: Vec<f64> = runs
        .iter()
        .map(|r| r[2].frames.last().map_or(0.0, |f| f.overflowed as f64))
        .collect();
    println!(
        "  window: tweets lost (its event channel overflowed; kept in the history, missing from the timeline) \
         {} of {count} (target 0: {})",
        spread(&lost, 0),
        verdict(lost.iter().all(|&n| n == 0.0))
    );
}
