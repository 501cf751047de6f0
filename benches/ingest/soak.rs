//! Issue 15 part 3, a soak of the real window: the release `chirp` under
//! Xvfb follows many hashtags with default settings while a paced
//! publisher sends to them for minutes; its RSS (anonymous and file-backed
//! apart), its history file and its CPU are sampled from `/proc` as it
//! runs. The figures and the chart are in `soak_report.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail, ensure};

use crate::cost::cpu_seconds;
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::DEFAULT_TIMELINE_LIMIT;
use chirp::core::protocol::topic_root::TopicRoot;
use clap::Args;

use crate::BrokerArgs;
use crate::figures::proc_status_kb;
use crate::load::{Publisher, TweetMaker};
use crate::process::{Guard, wait_for_subscribers};
use crate::soak_report::{Sample, Soak, report};

#[derive(Args)]
pub(crate) struct SoakArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    /// The release `chirp` binary.
    #[arg(long)]
    bin: PathBuf,
    /// A fresh directory for the window's profile (created).
    #[arg(long)]
    dir: PathBuf,
    /// Tweets per second, paced over the whole run.
    #[arg(long, default_value_t = 2000)]
    rate: u32,
    #[arg(long, default_value_t = 600)]
    seconds: u64,
    /// Hashtags the window follows and the tweets are spread over.
    #[arg(long, default_value_t = 50)]
    tags: usize,
    /// Seconds between samples of the window's RSS.
    #[arg(long, default_value_t = 10)]
    sample_secs: u64,
    /// Seconds per CPU-per-tweet period (a minute in the full run).
    #[arg(long, default_value_t = 60)]
    period_secs: u64,
    /// Where the RSS chart (SVG) is written.
    #[arg(long, default_value = "target/soak-rss.svg")]
    chart: PathBuf,
}

pub(crate) fn soak(args: &SoakArgs) -> Result<()> {
    ensure!(
        args.rate > 0 && args.seconds > 0 && args.tags > 0,
        "sizes > 0"
    );
    ensure!(args.sample_secs > 0 && args.period_secs > 0, "periods > 0");
    let tags = soak_tags(args.tags)?;
    make_profile(&args.dir, args.broker.port, &tags)?;
    let mut window = spawn_window(&args.bin, &args.dir)?;
    let topics: Vec<String> = tags
        .iter()
        .map(|t| TopicRoot::default().topic(t.as_str()))
        .collect();
    for topic in &topics {
        let b = &args.broker;
        wait_for_subscribers(&b.broker_log, topic, 1, &mut [&mut window], b.deadline())?;
    }
    let pid = window.pid();
    let published = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let sender = publish_paced(args, topics, published.clone(), stop.clone())?;
    let sampled = sample(args, &mut window, &published);
    stop.store(true, Ordering::Relaxed);
    let sent = sender
        .join()
        .map_err(|_| anyhow!("the publisher thread panicked"))??;
    let samples = sampled?;
    let history = args.dir.join("data/chirp/history.sqlite3");
    window.kill();
    let soak = Soak {
        rate: args.rate,
        seconds: args.seconds,
        tags: args.tags,
        sent,
        samples,
        period_secs: args.period_secs,
        history_limit: DEFAULT_TIMELINE_LIMIT,
        history_rows: history_rows(&history)?,
        pid,
    };
    report(&soak, &args.chart)
}

/// `soak00…`, one random suffix for the run, so that a broker reused
/// across runs has no retained messages for them.
fn soak_tags(n: usize) -> Result<Vec<Hashtag>> {
    let run = fastrand::u32(..);
    (0..n)
        .map(|i| Hashtag::parse(&format!("soak{i:02}x{run:08x}")))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow!("soak hashtag: {e}"))
}

/// Settings with a username (no first-run welcome), the broker and the
/// hashtags followed; everything else as a new user has it.
fn make_profile(dir: &Path, port: u16, tags: &[Hashtag]) -> Result<()> {
    let config = dir.join("config/chirp");
    fs::create_dir_all(&config)?;
    fs::create_dir_all(dir.join("data/chirp"))?;
    let hashtags: Vec<serde_json::Value> = tags
        .iter()
        .map(|t| serde_json::json!({"tag": t.as_str(), "followed": true}))
        .collect();
    let settings = serde_json::json!({
        "username": "soak",
        "welcomed": true,
        "broker": {"host": "127.0.0.1", "port": port},
        "hashtags": hashtags,
    });
    fs::write(
        config.join("settings.json"),
        serde_json::to_vec_pretty(&settings)?,
    )?;
    Ok(())
}

/// The window on `dir` (isolated XDG dirs, X11), as `window.rs` starts it.
fn spawn_window(bin: &Path, dir: &Path) -> Result<Guard> {
    let mut command = crate::window::window_command(bin, dir)?;
    Guard::spawn("chirp (window, soak)", &mut command)
}

/// Publishes `rate` tweets a second for `seconds`, round-robin over the
/// topics, in 10 ms steps (a step behind catches up at once, so the
/// average holds); counts them in `published`. Returns how many were sent.
fn publish_paced(
    args: &SoakArgs,
    topics: Vec<String>,
    published: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
) -> Result<JoinHandle<Result<u64>>> {
    let b = &args.broker;
    let publisher = Publisher::connect(b.port, b.deadline())?;
    let total = u64::from(args.rate) * args.seconds;
    let per_sec = f64::from(args.rate);
    let drain_deadline = Instant::now() + Duration::from_secs(args.seconds + b.timeout);
    Ok(std::thread::spawn(move || -> Result<u64> {
        let tags: Vec<Hashtag> = topics
            .iter()
            .map(|t| Hashtag::parse(t.rsplit('/').next().unwrap_or(t)))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow!("{e}"))?;
        let mut maker = TweetMaker::new(15)?;
        let start = Instant::now();
        let mut sent = 0u64;
        while sent < total && !stop.load(Ordering::Relaxed) {
            let due = ((start.elapsed().as_secs_f64() * per_sec) as u64).min(total);
            for n in sent..due {
                let i = (n % topics.len() as u64) as usize;
                let payload = maker.payload(&uuid::Uuid::new_v4().to_string(), &tags[i], "");
                publisher.publish(&topics[i], payload)?;
            }
            sent = sent.max(due);
            published.store(sent, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(10));
        }
        publisher.drain(drain_deadline)?;
        publisher.close();
        Ok(sent)
    }))
}

/// Samples the window every `sample_secs` until `seconds` have passed,
/// failing if it exits.
fn sample(args: &SoakArgs, window: &mut Guard, published: &AtomicU64) -> Result<Vec<Sample>> {
    let pid = window.pid();
    let data = args.dir.join("data/chirp");
    let start = Instant::now();
    let mut samples = vec![take_sample(&pid, &data, 0.0, 0)?];
    let every = Duration::from_secs(args.sample_secs);
    let mut next = every;
    while next <= Duration::from_secs(args.seconds) {
        if let Some(wait) = next.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
        if let Some(status) = window.try_wait()? {
            bail!("the window exited ({status}) during the soak");
        }
        let at = start.elapsed().as_secs_f64();
        let sent = published.load(Ordering::Relaxed);
        samples.push(take_sample(&pid, &data, at, sent)?);
        next += every;
    }
    Ok(samples)
}

fn take_sample(pid: &str, data: &Path, at: f64, published: u64) -> Result<Sample> {
    let history_bytes = [
        "history.sqlite3",
        "history.sqlite3-wal",
        "history.sqlite3-shm",
    ]
    .iter()
    .filter_map(|name| fs::metadata(data.join(name)).ok())
    .map(|m| m.len())
    .sum();
    Ok(Sample {
        at,
        published,
        rss_kb: proc_status_kb(pid, "VmRSS")?,
        anon_kb: proc_status_kb(pid, "RssAnon")?,
        file_kb: proc_status_kb(pid, "RssFile")?,
        history_bytes,
        cpu_s: cpu_seconds(pid)?,
    })
}

/// Tweets in the history file once the window has gone.
fn history_rows(path: &Path) -> Result<u64> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let rows: i64 = conn.query_row("SELECT count(*) FROM tweets", [], |row| row.get(0))?;
    Ok(u64::try_from(rows)?)
}
