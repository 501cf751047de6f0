//! Chirp's benchmarks next to the plain MQTT tools: ingest throughput (Chirp's
//! core, and `chirp follow`, beside `mosquitto_sub` and a paho-mqtt Python
//! subscriber), publish → timeline latency, memory per tweet held, and the
//! window's idle memory and start-up time under Xvfb.
//!
//! Not a timed test: it prints figures. `bash benches/run.sh` installs the
//! tools, builds in release, starts its own mosquitto (and Xvfb) and runs
//! each part here as a subcommand; `--help` lists them. Without a
//! subcommand (as `cargo test --all-targets` and a bare `cargo bench` run
//! it) it only says so and exits.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    self, ConnectionConfig, NetCommand, NetEvent, NetLink, WorkerThread,
};
use chirp::core::model::name::{Hashtag, Username};
use chirp::core::model::timeline::{DEFAULT_TIMELINE_LIMIT, Timeline, TimelineEntry};
use chirp::core::model::tweet::{Tweet, WireFormat};
use chirp::core::protocol::wire;
use chirp::core::storage::Store;
use clap::{Args, Parser, Subcommand};
use rumqttc::{Client, Event, Incoming, MqttOptions, Outgoing, QoS};

#[derive(Parser)]
#[command(
    name = "ingest",
    about = "Chirp's benchmarks; `bash benches/run.sh` runs them all"
)]
struct Cli {
    #[command(subcommand)]
    part: Part,
}

#[derive(Subcommand)]
enum Part {
    /// Throughput of Chirp's core (or of `chirp follow`) next to
    /// mosquitto_sub and paho-mqtt, all subscribed to one flood at once.
    Ingest(IngestArgs),
    /// Publish → timeline latency at a steady rate, next to mosquitto_sub's.
    Latency(LatencyArgs),
    /// RSS per tweet held in a Timeline (no broker).
    Memory(MemoryArgs),
    /// A GUI profile (settings.json for the broker, optional history).
    MakeProfile(ProfileArgs),
    /// The window's RSS once idle (needs DISPLAY).
    GuiIdle(GuiIdleArgs),
    /// Time from exec to a visible window, median of runs (needs DISPLAY).
    GuiStartup(GuiStartupArgs),
}

#[derive(Args)]
struct BrokerArgs {
    /// The benchmark broker's port on 127.0.0.1.
    #[arg(long)]
    port: u16,
    /// Its log file, written with `log_type subscribe`: how subscribers are
    /// known to be ready before anything is published.
    #[arg(long)]
    broker_log: PathBuf,
    /// Seconds any one stage may take before the part fails.
    #[arg(long, default_value_t = 180)]
    timeout: u64,
}

impl BrokerArgs {
    fn deadline(&self) -> Instant {
        Instant::now() + Duration::from_secs(self.timeout)
    }
}

#[derive(Args)]
struct IngestArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    #[arg(long, default_value_t = 100_000)]
    count: usize,
    /// benches/paho_sub.py
    #[arg(long)]
    paho: PathBuf,
    /// Measure this binary's `follow --json --count N` instead of Chirp's
    /// core in this process.
    #[arg(long)]
    follow_bin: Option<PathBuf>,
    /// One subscriber per run (Chirp's core, `chirp follow` with
    /// --follow-bin, mosquitto_sub, paho) instead of all three at once: what
    /// each takes with no other client competing for the cores.
    #[arg(long)]
    each_alone: bool,
    /// With --each-alone: runs per subscriber (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Subscriber {
    Chirp,
    MosquittoSub,
    Paho,
}

#[derive(Args)]
struct LatencyArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    /// Tweets per second.
    #[arg(long, default_value_t = 1000)]
    rate: u32,
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
}

#[derive(Args)]
struct MemoryArgs {
    #[arg(long, default_value_t = 1_000_000)]
    count: usize,
}

#[derive(Args)]
struct ProfileArgs {
    /// Created; gets config/chirp/settings.json and data/chirp/.
    #[arg(long)]
    dir: PathBuf,
    #[arg(long)]
    port: u16,
    /// Tweets of history to write to data/chirp/history.sqlite3 (and the
    /// timeline limit, so that the window loads them all).
    #[arg(long, default_value_t = 0)]
    history: usize,
}

#[derive(Args)]
struct GuiIdleArgs {
    /// The release `chirp` binary.
    #[arg(long)]
    bin: PathBuf,
    /// A directory made by `make-profile`.
    #[arg(long)]
    profile: PathBuf,
    #[arg(long, default_value_t = 2000)]
    settle_ms: u64,
    /// What the profile holds, for the report.
    #[arg(long, default_value = "empty profile")]
    label: String,
}

#[derive(Args)]
struct GuiStartupArgs {
    #[arg(long)]
    bin: PathBuf,
    #[arg(long)]
    profile: PathBuf,
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Runs before the measured ones (file cache, shader cache), not counted.
    #[arg(long, default_value_t = 1)]
    warmup: usize,
    #[arg(long, default_value = "empty profile")]
    label: String,
}

const SUBCOMMANDS: &[&str] = &[
    "ingest",
    "latency",
    "memory",
    "make-profile",
    "gui-idle",
    "gui-startup",
    "help",
    "--help",
    "-h",
];

fn main() {
    // `cargo bench` adds `--bench`; `cargo test --all-targets` runs this with
    // whatever test arguments it was given. Neither names a part.
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    if !args
        .get(1)
        .is_some_and(|first| SUBCOMMANDS.contains(&first.as_str()))
    {
        println!(
            "ingest bench: nothing to run without a part; `bash benches/run.sh` runs them all"
        );
        return;
    }
    let cli = Cli::parse_from(args);
    let result = match cli.part {
        Part::Ingest(args) => ingest(&args),
        Part::Latency(args) => latency(&args),
        Part::Memory(args) => memory(&args),
        Part::MakeProfile(args) => make_profile(&args),
        Part::GuiIdle(args) => gui_idle(&args),
        Part::GuiStartup(args) => gui_startup(&args),
    };
    if let Err(e) = result {
        eprintln!("bench failed: {e:#}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------
// Clocks and figures

/// Wall clock, Unix seconds: comparable across processes (mosquitto_sub's
/// `%U`, Python's `time.time()`).
fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn unix_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// mosquitto_sub's `%U`, `1795317007.928239139`, in nanoseconds.
fn parse_unix_ns(text: &str) -> Option<i128> {
    let (secs, frac) = text.split_once('.')?;
    let secs: i128 = secs.parse().ok()?;
    let frac = format!("{frac:0<9}");
    let frac: i128 = frac.get(..9)?.parse().ok()?;
    Some(secs * 1_000_000_000 + frac)
}

/// 123456 → "123,456".
fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// A `/proc/<pid>/status` figure in kB (VmRSS, RssAnon, …).
fn proc_status_kb(pid: &str, field: &str) -> Result<u64> {
    let path = format!("/proc/{pid}/status");
    let status = fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no {field} in {path}"))
}

fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

// ---------------------------------------------------------------------------
// Child processes

/// A child process, killed and reaped on drop (also when a part fails).
struct Guard {
    name: String,
    child: Option<Child>,
}

impl Guard {
    fn spawn(name: &str, command: &mut Command) -> Result<Guard> {
        let child = command
            .spawn()
            .with_context(|| format!("starting {name} ({command:?})"))?;
        Ok(Guard {
            name: name.to_owned(),
            child: Some(child),
        })
    }

    fn pid(&self) -> String {
        self.child
            .as_ref()
            .map_or_else(String::new, |c| c.id().to_string())
    }

    fn child(&mut self) -> Result<&mut Child> {
        self.child
            .as_mut()
            .ok_or_else(|| anyhow!("{} already reaped", self.name))
    }

    fn try_wait(&mut self) -> Result<Option<ExitStatus>> {
        Ok(self.child()?.try_wait()?)
    }

    /// Waits for the child to exit by itself before `deadline`.
    fn wait_until(&mut self, deadline: Instant) -> Result<ExitStatus> {
        loop {
            if let Some(status) = self.try_wait()? {
                self.child = None;
                return Ok(status);
            }
            if Instant::now() >= deadline {
                bail!("{} did not finish before the deadline", self.name);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.kill();
    }
}

fn tool_exists(name: &str) -> bool {
    Command::new(name)
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Subscribers to `topic` the broker has confirmed, from its log
/// (`<time>: <client id> <qos> <topic>` lines of `log_type subscribe`).
fn subscribers_in_log(log: &Path, topic: &str) -> usize {
    let text = fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter(|line| {
            let mut words = line.rsplitn(3, ' ');
            words.next() == Some(topic)
                && words
                    .next()
                    .is_some_and(|qos| matches!(qos, "0" | "1" | "2"))
        })
        .count()
}

/// Waits until `n` clients have subscribed to `topic`, failing early if one
/// of `watched` exits.
fn wait_for_subscribers(
    log: &Path,
    topic: &str,
    n: usize,
    watched: &mut [&mut Guard],
    deadline: Instant,
) -> Result<()> {
    loop {
        let seen = subscribers_in_log(log, topic);
        if seen >= n {
            return Ok(());
        }
        for guard in watched.iter_mut() {
            if let Some(status) = guard.try_wait()? {
                bail!("{} exited ({status}) before subscribing", guard.name);
            }
        }
        if Instant::now() >= deadline {
            bail!(
                "only {seen} of {n} subscribers to {topic} after the deadline (broker log: {})",
                log.display()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

// ---------------------------------------------------------------------------
// Realistic tweets

/// Words of the generated texts, separated by spaces.
const WORDS: &str = "\
    the broker fans out every tweet to all its followers while mqtt keeps timeline smooth \
    rust egui frame firehose hashtag subscribe publish latency memory under load quick brown \
    fox jumps over lazy dog coffee morning release build tests green again today students \
    demo teacher pub/sub assignment works finally why does this never happen on my laptop \
    weekend project sensor garden temperature is rising 🦀 🎉 café naïve größer 日本語";

const SECOND_TAGS: &[&str] = &["mqtt", "rust", "chirp", "demo", "iot"];

/// Makes v1 payloads as Chirp's own encoder writes them: unique UUID ids,
/// a few hundred authors, ~100-character texts, one or two hashtags.
struct TweetMaker {
    rng: fastrand::Rng,
    words: Vec<&'static str>,
    users: Vec<Username>,
    second_tags: Vec<Hashtag>,
}

impl TweetMaker {
    fn new(seed: u64) -> Result<Self> {
        let users = (0..500)
            .map(|n| Username::parse(&format!("user_{n:03}")))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow!("bench username: {e}"))?;
        let second_tags = SECOND_TAGS
            .iter()
            .map(|t| Hashtag::parse(t))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow!("bench hashtag: {e}"))?;
        Ok(Self {
            rng: fastrand::Rng::with_seed(seed),
            words: WORDS.split_whitespace().collect(),
            users,
            second_tags,
        })
    }

    fn text(&mut self, prefix: &str) -> String {
        let target = self.rng.usize(85..=115);
        let mut text = String::with_capacity(target + 16);
        text.push_str(prefix);
        while text.chars().count() < target {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(self.words[self.rng.usize(..self.words.len())]);
        }
        text
    }

    fn payload(&mut self, id: &str, tag: &Hashtag, text_prefix: &str) -> Vec<u8> {
        let user = self.users[self.rng.usize(..self.users.len())].clone();
        let mut tags = vec![tag.clone()];
        if self.rng.bool() {
            tags.push(self.second_tags[self.rng.usize(..self.second_tags.len())].clone());
        }
        let text = self.text(text_prefix);
        wire::encode_v1(id, &user, &text, &tags, chrono::Utc::now(), None)
    }
}

fn bench_tag(prefix: &str) -> Result<Hashtag> {
    Hashtag::parse(&format!("{prefix}{:08x}", fastrand::u32(..)))
        .map_err(|e| anyhow!("bench hashtag: {e}"))
}

// ---------------------------------------------------------------------------
// The publisher: a rumqttc client in this process

struct Publisher {
    client: Client,
    events: crossbeam_channel::Receiver<Result<Event, String>>,
    stopping: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Publisher {
    /// Connects and waits for the broker's ConnAck.
    fn connect(port: u16, deadline: Instant) -> Result<Publisher> {
        let id = format!("bench-publisher-{:08x}", fastrand::u32(..));
        let mut options = MqttOptions::new(id, "127.0.0.1", port);
        options
            .set_keep_alive(Duration::from_secs(60))
            .set_max_packet_size(1 << 20, 1 << 20)
            .set_inflight(1000);
        let (client, mut connection) = Client::new(options, 1000);
        let mut network = connection.eventloop.network_options();
        network.set_tcp_nodelay(true);
        connection.eventloop.set_network_options(network);
        let (tx, events) = crossbeam_channel::unbounded();
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = stopping.clone();
        let thread = std::thread::Builder::new()
            .name("bench-publisher".into())
            .spawn(move || {
                for notification in connection.iter() {
                    let done = matches!(notification, Ok(Event::Outgoing(Outgoing::Disconnect)))
                        || notification.is_err();
                    let failed = notification.is_err() && !stop.load(Ordering::Relaxed);
                    let keep = match notification {
                        Ok(event @ Event::Incoming(Incoming::ConnAck(_) | Incoming::PubAck(_))) => {
                            Some(Ok(event))
                        }
                        Err(e) if failed => Some(Err(e.to_string())),
                        _ => None,
                    };
                    if let Some(event) = keep {
                        let _ = tx.send(event);
                    }
                    if done {
                        return;
                    }
                }
            })?;
        let publisher = Publisher {
            client,
            events,
            stopping,
            thread: Some(thread),
        };
        match publisher.events.recv_deadline(deadline) {
            Ok(Ok(Event::Incoming(Incoming::ConnAck(_)))) => Ok(publisher),
            Ok(Ok(other)) => bail!("publisher: unexpected {other:?} before ConnAck"),
            Ok(Err(e)) => bail!("publisher could not connect: {e}"),
            Err(e) => bail!("publisher: no ConnAck ({e})"),
        }
    }

    fn publish(&self, topic: &str, payload: Vec<u8>) -> Result<()> {
        self.client
            .publish(topic, QoS::AtMostOnce, false, payload)
            .map_err(|e| anyhow!("publisher: {e}"))
    }

    /// Returns once the broker has taken everything published so far: a
    /// QoS 1 marker on a topic nobody follows is acknowledged only after
    /// every earlier message on this connection was read.
    fn drain(&self, deadline: Instant) -> Result<()> {
        self.client
            .publish("bench/marker", QoS::AtLeastOnce, false, b"done".to_vec())
            .map_err(|e| anyhow!("publisher: {e}"))?;
        loop {
            match self.events.recv_deadline(deadline) {
                Ok(Ok(Event::Incoming(Incoming::PubAck(_)))) => return Ok(()),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => bail!("publisher lost its connection: {e}"),
                Err(e) => bail!("publisher: the broker never acknowledged the marker ({e})"),
            }
        }
    }

    fn close(mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        let _ = self.client.disconnect();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

// ---------------------------------------------------------------------------
// Subscribers

/// One subscriber's view of a flood: how many, and the wall clock of the
/// first and the last.
#[derive(Clone)]
struct Window {
    name: String,
    received: usize,
    first: f64,
    last: f64,
}

impl Window {
    fn rate(&self) -> f64 {
        self.received as f64 / (self.last - self.first).max(1e-9)
    }
}

/// Chirp's core as the GUI runs it: the network worker, its event channel,
/// and a Timeline fed by `insert_received`.
struct ChirpCore {
    link: NetLink,
    _worker: WorkerThread,
}

impl ChirpCore {
    fn start(port: u16, tag: &Hashtag, deadline: Instant) -> Result<ChirpCore> {
        let broker = BrokerAddress::parse(&format!("mqtt://127.0.0.1:{port}"))?;
        let config =
            ConnectionConfig::new(broker, format!("bench-chirp-{:08x}", fastrand::u32(..)));
        let (link, worker) = net::spawn(net::WorkerOptions::new(config), || {})?;
        link.send(NetCommand::Subscribe(tag.as_str().to_owned()));
        loop {
            match link.recv_deadline(deadline) {
                Ok(NetEvent::Subscribed(tags)) if tags.iter().any(|t| t == tag.as_str()) => {
                    return Ok(ChirpCore {
                        link,
                        _worker: worker,
                    });
                }
                Ok(_) => {}
                Err(e) => bail!("Chirp's core did not subscribe ({e})"),
            }
        }
    }

    /// Receives `count` tweets into `timeline`; `each` sees every tweet
    /// once it is in the model.
    fn receive(
        &self,
        timeline: &mut Timeline,
        count: usize,
        deadline: Instant,
        mut each: impl FnMut(&TimelineEntry),
    ) -> Result<Window> {
        let mut received = 0;
        let mut first = None;
        let mut last = 0.0;
        while received < count {
            let event = self.link.recv_deadline(deadline).map_err(|e| {
                anyhow!(
                    "Chirp's core had {received} of {count} tweets at the deadline ({e}; overflowed {})",
                    self.link.overflowed()
                )
            })?;
            match event {
                NetEvent::Tweet { tweet, .. } => {
                    first.get_or_insert_with(unix_now);
                    ensure!(
                        tweet.format == WireFormat::Chirp,
                        "a tweet decoded as {:?}: {:?}",
                        tweet.format,
                        tweet.text
                    );
                    ensure!(timeline.insert_received(&tweet), "a tweet arrived twice");
                    if let Some(entry) = timeline.get(0) {
                        each(entry);
                    }
                    received += 1;
                    last = unix_now();
                }
                NetEvent::Dropped { reason, .. } => bail!("Chirp dropped a tweet: {reason}"),
                NetEvent::Connection(state) => {
                    bail!("Chirp's connection changed after {received} tweets: {state:?}")
                }
                _ => {}
            }
        }
        ensure!(
            self.link.overflowed() == 0,
            "{} events overflowed",
            self.link.overflowed()
        );
        Ok(Window {
            name: "Chirp core: worker → events → Timeline".into(),
            received,
            first: first.unwrap_or(last),
            last,
        })
    }
}

fn mosquitto_sub(
    port: u16,
    topic: &str,
    count: usize,
    format: &str,
    out: &Path,
    timeout: u64,
) -> Result<Guard> {
    let file = fs::File::create(out)?;
    Guard::spawn(
        "mosquitto_sub",
        Command::new("mosquitto_sub")
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .args([
                "-i",
                &format!("bench-mosquitto-sub-{:08x}", fastrand::u32(..)),
            ])
            .args(["-t", topic, "-C", &count.to_string()])
            .args(["-W", &timeout.to_string(), "-F", format])
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(Stdio::inherit()),
    )
}

/// The receive times (ns) and payloads mosquitto_sub printed with `-F '%U %p'`
/// (or times only with `-F %U`).
fn read_mosquitto_sub(out: &Path) -> Result<Vec<(i128, String)>> {
    let text = fs::read_to_string(out).with_context(|| format!("reading {}", out.display()))?;
    text.lines()
        .map(|line| {
            let (time, payload) = line.split_once(' ').unwrap_or((line, ""));
            let time = parse_unix_ns(time)
                .ok_or_else(|| anyhow!("mosquitto_sub printed {line:?}, not a time"))?;
            Ok((time, payload.to_owned()))
        })
        .collect()
}

fn finish_mosquitto_sub(mut guard: Guard, out: &Path, deadline: Instant) -> Result<Window> {
    let status = guard.wait_until(deadline)?;
    ensure!(status.success(), "mosquitto_sub failed: {status}");
    let lines = read_mosquitto_sub(out)?;
    let (first, last) = match (lines.first(), lines.last()) {
        (Some(first), Some(last)) => (first.0, last.0),
        _ => bail!("mosquitto_sub received nothing"),
    };
    Ok(Window {
        name: "mosquitto_sub -F %U (C, libmosquitto)".into(),
        received: lines.len(),
        first: first as f64 / 1e9,
        last: last as f64 / 1e9,
    })
}

fn paho_sub(
    script: &Path,
    port: u16,
    topic: &str,
    count: usize,
    out: &Path,
    timeout: u64,
) -> Result<Guard> {
    let file = fs::File::create(out)?;
    Guard::spawn(
        "paho_sub.py",
        Command::new("python3")
            .arg(script)
            .args(["--port", &port.to_string(), "--topic", topic])
            .args([
                "--count",
                &count.to_string(),
                "--timeout",
                &timeout.to_string(),
            ])
            .args([
                "--client-id",
                &format!("bench-paho-{:08x}", fastrand::u32(..)),
            ])
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(Stdio::inherit()),
    )
}

fn finish_paho(mut guard: Guard, out: &Path, deadline: Instant) -> Result<Window> {
    let status = guard.wait_until(deadline)?;
    let text = fs::read_to_string(out)?;
    ensure!(status.success(), "paho_sub.py failed ({status}): {text}");
    let json: serde_json::Value = serde_json::from_str(text.trim())
        .with_context(|| format!("paho_sub.py printed {text:?}"))?;
    let field = |name: &str| {
        json[name]
            .as_f64()
            .ok_or_else(|| anyhow!("paho_sub.py printed no {name}: {text}"))
    };
    Ok(Window {
        name: "paho-mqtt (Python)".into(),
        received: field("received")? as usize,
        first: field("first")?,
        last: field("last")?,
    })
}

/// `chirp follow --json --count N TAG`, its stdout read through a pipe here:
/// the first byte and the N-th line are its first and last tweet.
struct Follow {
    guard: Guard,
    reader: std::thread::JoinHandle<Result<(usize, f64, f64, String)>>,
}

impl Follow {
    fn start(bin: &Path, port: u16, tag: &Hashtag, count: usize, dir: &Path) -> Result<Follow> {
        let home = dir.join("follow-home");
        fs::create_dir_all(&home)?;
        let stderr = fs::File::create(dir.join("follow.stderr"))?;
        let mut guard = Guard::spawn(
            "chirp follow",
            Command::new(bin)
                .args(["--broker", &format!("mqtt://127.0.0.1:{port}"), "follow"])
                .args(["--json", "--count", &count.to_string(), tag.as_str()])
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("XDG_DATA_HOME", home.join("data"))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(stderr),
        )?;
        let mut stdout = guard
            .child()?
            .stdout
            .take()
            .ok_or_else(|| anyhow!("no stdout"))?;
        let reader = std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            let mut lines = 0usize;
            let mut first = None;
            let mut last = 0.0;
            let mut first_line = Vec::new();
            loop {
                let n = stdout.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                let now = unix_now();
                first.get_or_insert(now);
                if lines == 0 {
                    first_line.extend_from_slice(&buf[..n]);
                }
                lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
                if lines >= count && last == 0.0 {
                    last = now;
                }
            }
            let first_line = String::from_utf8_lossy(&first_line)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            Ok((lines, first.unwrap_or(last), last, first_line))
        });
        Ok(Follow { guard, reader })
    }

    fn finish(mut self, deadline: Instant) -> Result<Window> {
        let status = self.guard.wait_until(deadline)?;
        ensure!(status.success(), "chirp follow failed: {status}");
        let (received, first, last, first_line) = self
            .reader
            .join()
            .map_err(|_| anyhow!("reader thread panicked"))??;
        ensure!(
            first_line.contains(r#""format":"chirp""#),
            "chirp follow printed {first_line:?}"
        );
        Ok(Window {
            name: "chirp follow --json (release binary)".into(),
            received,
            first,
            last,
        })
    }
}

// ---------------------------------------------------------------------------
// 1. Ingest

/// One flood and what its subscribers saw.
struct Flood {
    count: usize,
    topic: String,
    payload_bytes: usize,
    /// Wall clock of the first publish, and when the broker had them all.
    sent_at: f64,
    drained_at: f64,
    chirp: Option<Window>,
    mosquitto: Option<Window>,
    paho: Option<Window>,
}

impl Flood {
    fn publish_rate(&self) -> f64 {
        self.count as f64 / (self.drained_at - self.sent_at).max(1e-9)
    }

    fn windows(&self) -> impl Iterator<Item = &Window> {
        [&self.chirp, &self.mosquitto, &self.paho]
            .into_iter()
            .filter_map(Option::as_ref)
    }
}

/// Publishes `args.count` tweets at full speed to the subscribers in
/// `only` (all three when None), Chirp being its core in this process or
/// `chirp follow` with `follow_bin`.
fn flood(args: &IngestArgs, follow_bin: Option<&Path>, only: Option<Subscriber>) -> Result<Flood> {
    let b = &args.broker;
    let count = args.count;
    let tag = bench_tag("ingest")?;
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let dir = tempfile::Builder::new().prefix("chirp-bench-").tempdir()?;
    let wanted = |name: Subscriber| only.is_none_or(|only| only == name);

    let mut maker = TweetMaker::new(1)?;
    let payloads: Vec<Vec<u8>> = (0..count)
        .map(|_| maker.payload(&uuid::Uuid::new_v4().to_string(), &tag, ""))
        .collect();
    let payload_bytes: usize = payloads.iter().map(Vec::len).sum();

    enum Chirp {
        Core(ChirpCore),
        Follow(Follow),
    }
    let chirp = match (follow_bin, wanted(Subscriber::Chirp)) {
        (_, false) => None,
        (None, true) => Some(Chirp::Core(ChirpCore::start(b.port, &tag, b.deadline())?)),
        (Some(bin), true) => Some(Chirp::Follow(Follow::start(
            bin,
            b.port,
            &tag,
            count,
            dir.path(),
        )?)),
    };
    let mosquitto_out = dir.path().join("mosquitto_sub.out");
    let mut mosquitto = wanted(Subscriber::MosquittoSub)
        .then(|| mosquitto_sub(b.port, &topic, count, "%U", &mosquitto_out, b.timeout))
        .transpose()?;
    let paho_out = dir.path().join("paho.out");
    let mut paho = wanted(Subscriber::Paho)
        .then(|| paho_sub(&args.paho, b.port, &topic, count, &paho_out, b.timeout))
        .transpose()?;
    let expected = usize::from(chirp.is_some())
        + usize::from(mosquitto.is_some())
        + usize::from(paho.is_some());
    let mut watched: Vec<&mut Guard> = mosquitto.iter_mut().chain(paho.iter_mut()).collect();
    wait_for_subscribers(&b.broker_log, &topic, expected, &mut watched, b.deadline())?;

    let publisher = Publisher::connect(b.port, b.deadline())?;
    let publish_topic = topic.clone();
    let drain_deadline = b.deadline();
    let sender = std::thread::spawn(move || -> Result<(f64, f64)> {
        let start = unix_now();
        for payload in payloads {
            publisher.publish(&publish_topic, payload)?;
        }
        publisher.drain(drain_deadline)?;
        let end = unix_now();
        publisher.close();
        Ok((start, end))
    });

    let mut timeline = Timeline::with_limit(DEFAULT_TIMELINE_LIMIT);
    let chirp = match chirp {
        Some(Chirp::Core(core)) => {
            Some(core.receive(&mut timeline, count, b.deadline(), |_| {})?)
        }
        Some(Chirp::Follow(follow)) => Some(follow.finish(b.deadline())?),
        None => None,
    };
    let (sent_at, drained_at) = sender
        .join()
        .map_err(|_| anyhow!("publisher thread panicked"))??;
    let mosquitto = mosquitto
        .map(|guard| finish_mosquitto_sub(guard, &mosquitto_out, b.deadline()))
        .transpose()?;
    let paho = paho
        .map(|guard| finish_paho(guard, &paho_out, b.deadline()))
        .transpose()?;
    let flood = Flood {
        count,
        topic,
        payload_bytes,
        sent_at,
        drained_at,
        chirp,
        mosquitto,
        paho,
    };
    for window in flood.windows() {
        ensure!(
            window.received == count,
            "{} received {} of {count}",
            window.name,
            window.received
        );
    }
    Ok(flood)
}

fn ratio_lines(chirp: f64, mosquitto: f64, paho: f64, chirp_name: &str) {
    let vs_mosquitto = chirp / mosquitto;
    let vs_paho = chirp / paho;
    println!(
        "  {chirp_name} / mosquitto_sub = {vs_mosquitto:.2} (target ≥ 0.9: {})",
        verdict(vs_mosquitto >= 0.9)
    );
    println!(
        "  {chirp_name} / paho-mqtt     = {vs_paho:.2} (target ≥ 5: {})",
        verdict(vs_paho >= 5.0)
    );
}

fn ingest(args: &IngestArgs) -> Result<()> {
    if args.each_alone {
        return ingest_each_alone(args);
    }
    let flood = flood(args, args.follow_bin.as_deref(), None)?;
    println!(
        "{} v1 tweets ({} B average payload, UUID ids, ~100-char texts) on {}",
        flood.count,
        flood.payload_bytes / flood.count.max(1),
        flood.topic
    );
    println!(
        "publisher (rumqttc in the bench, QoS 0, full speed): all {} at the broker after {:.3} s ({} msgs/s)",
        flood.count,
        flood.drained_at - flood.sent_at,
        thousands(flood.publish_rate())
    );
    println!(
        "each subscriber is timed from its first message to its last; times are ms after the first publish"
    );
    println!(
        "  {:<42} {:>9} {:>10} {:>10} {:>12}",
        "subscriber (all three at once)", "received", "first ms", "last ms", "msgs/s"
    );
    for window in flood.windows() {
        println!(
            "  {:<42} {:>9} {:>10.1} {:>10.1} {:>12}",
            window.name,
            window.received,
            (window.first - flood.sent_at) * 1e3,
            (window.last - flood.sent_at) * 1e3,
            thousands(window.rate())
        );
    }
    let chirp_name = if args.follow_bin.is_some() {
        "chirp follow"
    } else {
        "Chirp core"
    };
    if let (Some(chirp), Some(mosquitto), Some(paho)) =
        (&flood.chirp, &flood.mosquitto, &flood.paho)
    {
        ratio_lines(chirp.rate(), mosquitto.rate(), paho.rate(), chirp_name);
    }
    Ok(())
}

/// The same flood to one subscriber at a time, `--repeat` times each: what
/// each takes when no other client competes for the cores.
fn ingest_each_alone(args: &IngestArgs) -> Result<()> {
    let mut runs: Vec<(Subscriber, Option<&Path>)> = vec![(Subscriber::Chirp, None)];
    if let Some(bin) = &args.follow_bin {
        runs.push((Subscriber::Chirp, Some(bin.as_path())));
    }
    runs.push((Subscriber::MosquittoSub, None));
    runs.push((Subscriber::Paho, None));
    let repeat = args.repeat.max(1);
    println!(
        "{} tweets per run, one subscriber per run, {repeat} runs each; msgs/s from its first message to its last, median (min–max)",
        args.count
    );
    let mut medians = Vec::new();
    for (only, follow_bin) in runs {
        let mut rates = Vec::new();
        let mut publisher_rates = Vec::new();
        let mut name = String::new();
        for _ in 0..repeat {
            let flood = flood(args, follow_bin, Some(only))?;
            let window = flood
                .windows()
                .next()
                .ok_or_else(|| anyhow!("no subscriber ran"))?;
            name.clone_from(&window.name);
            rates.push(window.rate());
            publisher_rates.push(flood.publish_rate());
        }
        let min = rates.iter().copied().fold(f64::INFINITY, f64::min);
        let max = rates.iter().copied().fold(0.0, f64::max);
        println!(
            "  {name:<42} {:>9} msgs/s ({}–{})   publisher reached {} msgs/s (median)",
            thousands(median(&rates)),
            thousands(min),
            thousands(max),
            thousands(median(&publisher_rates))
        );
        medians.push(median(&rates));
    }
    match medians.as_slice() {
        [chirp, follow, mosquitto, paho] => {
            ratio_lines(*chirp, *mosquitto, *paho, "Chirp core alone");
            ratio_lines(*follow, *mosquitto, *paho, "chirp follow alone");
        }
        [chirp, mosquitto, paho] => ratio_lines(*chirp, *mosquitto, *paho, "Chirp core alone"),
        _ => bail!("unexpected runs"),
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// 2. Latency

/// The send time a latency tweet carries in its id, `lat-<n>-<unix ns>`.
fn sent_ns(id: &str) -> Option<i128> {
    id.strip_prefix("lat-")?.split_once('-')?.1.parse().ok()
}

fn latency(args: &LatencyArgs) -> Result<()> {
    let b = &args.broker;
    ensure!(args.rate > 0 && args.seconds > 0.0, "rate and seconds > 0");
    let count = (f64::from(args.rate) * args.seconds).round().max(1.0) as usize;
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

    let publisher = Publisher::connect(b.port, b.deadline())?;
    let period = Duration::from_secs_f64(1.0 / f64::from(args.rate));
    let publish_topic = topic.clone();
    let drain_deadline = b.deadline();
    let sender = std::thread::spawn(move || -> Result<Duration> {
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
            publisher.publish(&publish_topic, payload)?;
        }
        let took = start.elapsed();
        publisher.drain(drain_deadline)?;
        publisher.close();
        Ok(took)
    });

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
    let took = sender
        .join()
        .map_err(|_| anyhow!("publisher thread panicked"))??;
    let status = mosquitto.wait_until(b.deadline())?;
    ensure!(status.success(), "mosquitto_sub failed: {status}");
    let mut mosquitto_ms = Vec::with_capacity(count);
    for (received, payload) in read_mosquitto_sub(&out)? {
        let decoded = wire::decode(&topic, payload.as_bytes(), chrono::Utc::now())
            .map_err(|e| anyhow!("mosquitto_sub printed an undecodable payload: {e}"))?;
        let sent = sent_ns(&decoded.id)
            .ok_or_else(|| anyhow!("mosquitto_sub printed id {}", decoded.id))?;
        mosquitto_ms.push((received - sent) as f64 / 1e6);
    }
    ensure!(
        mosquitto_ms.len() == count,
        "mosquitto_sub received {} of {count}",
        mosquitto_ms.len()
    );
    chirp_ms.sort_by(f64::total_cmp);
    mosquitto_ms.sort_by(f64::total_cmp);

    println!(
        "{count} v1 tweets at {} tweets/s for {:.1} s (sent over {:.2} s), QoS 0; latency = receive wall clock − send wall clock carried in the payload",
        args.rate,
        args.seconds,
        took.as_secs_f64()
    );
    println!(
        "  {:<46} {:>8} {:>8} {:>8} {:>8}",
        "receiver (both at once)", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    for (name, sorted) in [
        ("Chirp core: arrival in the Timeline model", &chirp_ms),
        ("mosquitto_sub -F '%U %p': its receive time", &mosquitto_ms),
    ] {
        println!(
            "  {:<46} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            name,
            percentile(sorted, 50.0),
            percentile(sorted, 90.0),
            percentile(sorted, 99.0),
            sorted.last().copied().unwrap_or(f64::NAN),
        );
    }
    let d50 = percentile(&chirp_ms, 50.0) - percentile(&mosquitto_ms, 50.0);
    let d99 = percentile(&chirp_ms, 99.0) - percentile(&mosquitto_ms, 99.0);
    println!(
        "  Chirp − mosquitto_sub: p50 {d50:+.3} ms (target ≤ +1 ms: {}), p99 {d99:+.3} ms (target ≤ +5 ms: {})",
        verdict(d50 <= 1.0),
        verdict(d99 <= 5.0)
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// 3. Memory per tweet

fn memory(args: &MemoryArgs) -> Result<()> {
    let count = args.count.max(1);
    let tag = Hashtag::parse("bench").map_err(|e| anyhow!("{e}"))?;
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let mut maker = TweetMaker::new(3)?;
    let mut timeline = Timeline::with_limit(count);
    let me = "self";

    let rss_before = proc_status_kb(me, "VmRSS")?;
    let mut text_bytes = 0usize;
    let mut other_string_bytes = 0usize;
    let checkpoints = [count / 10, count / 4, count / 2, count];
    let mut at_checkpoints = Vec::new();
    let started = Instant::now();
    for n in 1..=count {
        let payload = maker.payload(&uuid::Uuid::new_v4().to_string(), &tag, "");
        let tweet = wire::decode(&topic, &payload, chrono::Utc::now())
            .map_err(|e| anyhow!("decoding a bench payload: {e}"))?;
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
    let rss_after = proc_status_kb(me, "VmRSS")?;
    let growth = (rss_after.saturating_sub(rss_before) * 1024) as f64;
    let per_tweet = growth / count as f64;
    let beyond_text = (growth - text_bytes as f64) / count as f64;

    println!(
        "{count} decoded v1 tweets (wire::decode) held in Timeline::with_limit({count}); RSS of this process {:.1} → {:.1} MiB",
        mib(rss_before),
        mib(rss_after)
    );
    println!(
        "  decode + insert: {:.2} s ({} tweets/s, one thread, no network)",
        took.as_secs_f64(),
        thousands(count as f64 / took.as_secs_f64())
    );
    for (n, rss, text) in &at_checkpoints {
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
    Ok(())
}

fn string_bytes_besides_text(tweet: &Tweet) -> usize {
    tweet.id.len()
        + tweet.user.as_ref().map_or(0, String::len)
        + tweet.tags.iter().map(String::len).sum::<usize>()
}

// ---------------------------------------------------------------------------
// 4–5. The window under Xvfb

fn make_profile(args: &ProfileArgs) -> Result<()> {
    let config_dir = args.dir.join("config/chirp");
    let data_dir = args.dir.join("data/chirp");
    fs::create_dir_all(&config_dir)?;
    fs::create_dir_all(&data_dir)?;
    let mut settings = serde_json::json!({
        "username": "bench",
        "broker": {"host": "127.0.0.1", "port": args.port},
    });
    if args.history > 0 {
        settings["timeline_limit"] = args.history.into();
    }
    fs::write(
        config_dir.join("settings.json"),
        serde_json::to_vec_pretty(&settings)?,
    )?;
    if args.history == 0 {
        return Ok(());
    }

    let path = data_dir.join("history.sqlite3");
    let (store, opened) = Store::open(&path, args.history)?;
    ensure!(
        opened.history.is_empty(),
        "{} already has history",
        path.display()
    );
    let tag = Hashtag::parse("chirp").map_err(|e| anyhow!("{e}"))?;
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let mut maker = TweetMaker::new(4)?;
    let now = chrono::Utc::now();
    for n in 0..args.history {
        let payload = maker.payload(&uuid::Uuid::new_v4().to_string(), &tag, "");
        let received_at = now - chrono::TimeDelta::seconds((args.history - n) as i64);
        let tweet = wire::decode(&topic, &payload, received_at)
            .map_err(|e| anyhow!("decoding a bench payload: {e}"))?;
        store.record_received(&tweet);
        if n % 10_000 == 9_999 {
            store.flush()?;
        }
    }
    store.flush()?;
    ensure!(store.skipped_received() == 0, "the store skipped tweets");
    if let Some(e) = store.last_error() {
        bail!("writing the history: {e}");
    }
    drop(store);
    let size = fs::metadata(&path)?.len();
    println!(
        "  profile with {} tweets of history: {} ({:.1} MiB)",
        args.history,
        path.display(),
        size as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}

/// Starts the window on `profile` (isolated XDG config, data and runtime
/// dirs; X11 only).
fn spawn_window(bin: &Path, profile: &Path) -> Result<Guard> {
    ensure!(
        std::env::var_os("DISPLAY").is_some(),
        "DISPLAY is not set (run under Xvfb)"
    );
    ensure!(tool_exists("xdotool"), "xdotool is not installed");
    let runtime = profile.join("run");
    fs::create_dir_all(&runtime)?;
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(&runtime, fs::Permissions::from_mode(0o700))?;
    }
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(profile.join("app.log"))?;
    Guard::spawn(
        "chirp (window)",
        Command::new(bin)
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_DATA_HOME", profile.join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log),
    )
}

/// Polls `xdotool search --onlyvisible --pid` until the window is mapped and
/// viewable; returns when it was first seen. (`--sync` polls only every
/// half second, too coarse to time a start-up.)
fn wait_visible(window: &mut Guard, profile: &Path, deadline: Instant) -> Result<Instant> {
    let pid = window.pid();
    loop {
        if let Some(status) = window.try_wait()? {
            let log = fs::read_to_string(profile.join("app.log")).unwrap_or_default();
            bail!("the window exited ({status}) before it was visible; its log:\n{log}");
        }
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--pid", &pid])
            .stderr(Stdio::null())
            .output()?;
        let now = Instant::now();
        if found.status.success() && !found.stdout.trim_ascii().is_empty() {
            return Ok(now);
        }
        if now >= deadline {
            bail!("no visible window after the deadline");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// CPU seconds (user + system, all threads) a process has used.
fn cpu_seconds(pid: &str) -> Result<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| anyhow!("odd /proc/{pid}/stat"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields
        .get(11)
        .zip(fields.get(12))
        .and_then(|(u, s)| Some(u.parse::<f64>().ok()? + s.parse::<f64>().ok()?))
        .ok_or_else(|| anyhow!("no utime/stime in /proc/{pid}/stat"))?;
    let hz = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    Ok(ticks / hz)
}

/// The mappings holding the most resident memory, from /proc/<pid>/smaps.
fn top_mappings(pid: &str, n: usize) -> Result<Vec<(String, u64)>> {
    let smaps = fs::read_to_string(format!("/proc/{pid}/smaps"))?;
    let mut by_name: std::collections::HashMap<String, u64> = Default::default();
    let mut current = String::from("[anon]");
    for line in smaps.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let is_header = fields.first().is_some_and(|f| f.contains('-'))
            && fields.get(1).is_some_and(|f| f.len() == 4);
        if is_header {
            current = fields.get(5..).map_or(String::new(), |rest| rest.join(" "));
            if current.is_empty() {
                current = "[anon]".into();
            }
        } else if let Some(kb) = line.strip_prefix("Rss:").and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        }) {
            *by_name.entry(current.clone()).or_default() += kb;
        }
    }
    let mut sorted: Vec<(String, u64)> = by_name.into_iter().collect();
    sorted.sort_by_key(|(_, kb)| std::cmp::Reverse(*kb));
    sorted.truncate(n);
    Ok(sorted)
}

fn gui_idle(args: &GuiIdleArgs) -> Result<()> {
    let mut window = spawn_window(&args.bin, &args.profile)?;
    let started = Instant::now();
    let visible = wait_visible(
        &mut window,
        &args.profile,
        Instant::now() + Duration::from_secs(60),
    )?;
    std::thread::sleep(Duration::from_millis(args.settle_ms));
    if let Some(status) = window.try_wait()? {
        bail!("the window exited ({status}) while settling");
    }
    let pid = window.pid();
    let rss = proc_status_kb(&pid, "VmRSS")?;
    let anon = proc_status_kb(&pid, "RssAnon")?;
    let file = proc_status_kb(&pid, "RssFile")?;
    let shmem = proc_status_kb(&pid, "RssShmem")?;
    let hwm = proc_status_kb(&pid, "VmHWM")?;
    let cpu = cpu_seconds(&pid)?;
    let top = top_mappings(&pid, 5)?;
    window.kill();

    println!(
        "{}: visible after {:.0} ms, then {:.1} s idle",
        args.label,
        (visible - started).as_secs_f64() * 1e3,
        args.settle_ms as f64 / 1e3
    );
    println!(
        "  VmRSS {:.1} MiB = anonymous {:.1} + file-backed {:.1} + shared memory {:.1}; peak (VmHWM) {:.1} MiB; CPU used so far {:.2} s",
        mib(rss),
        mib(anon),
        mib(file),
        mib(shmem),
        mib(hwm),
        cpu
    );
    let top: Vec<String> = top
        .iter()
        .map(|(name, kb)| {
            let short = Path::new(name)
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            format!("{short} {:.1}", mib(*kb))
        })
        .collect();
    println!("  largest resident mappings (MiB): {}", top.join(", "));
    println!(
        "  idle RSS {:.1} MiB (target ≤ 60 MB: {})",
        mib(rss),
        verdict(rss as f64 * 1024.0 <= 60e6)
    );
    Ok(())
}

fn gui_startup(args: &GuiStartupArgs) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let mut times_ms = Vec::new();
    for run in 0..args.warmup + args.runs {
        let started = Instant::now();
        let mut window = spawn_window(&args.bin, &args.profile)?;
        let visible = wait_visible(
            &mut window,
            &args.profile,
            started + Duration::from_secs(60),
        )?;
        window.kill();
        if run >= args.warmup {
            times_ms.push((visible - started).as_secs_f64() * 1e3);
        }
        // Let the killed window's resources go before the next start.
        std::thread::sleep(Duration::from_millis(300));
    }
    let median_ms = median(&times_ms);
    let runs: Vec<String> = times_ms.iter().map(|t| format!("{t:.0}")).collect();
    println!(
        "  {:<34} runs {} ms → median {median_ms:.0} ms (target ≤ 300 ms: {})",
        format!("{}:", args.label),
        runs.join(", "),
        verdict(median_ms <= 300.0)
    );
    Ok(())
}
