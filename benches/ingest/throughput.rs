//! Part 1, ingest: one flood at full speed to Chirp (its core, or `chirp
//! follow`), mosquitto_sub and paho-mqtt, at once or each alone.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use anyhow::{Result, anyhow, bail, ensure};
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{DEFAULT_TIMELINE_LIMIT, Timeline};
use clap::Args;

use crate::BrokerArgs;
use crate::figures::{median, thousands, unix_now, verdict};
use crate::load::{Publisher, TweetMaker, bench_tag};
use crate::process::{Guard, wait_for_subscribers};
use crate::subscribers::{
    ChirpCore, Follow, Window, finish_mosquitto_sub, finish_paho, mosquitto_sub, paho_sub,
};

#[derive(Args)]
pub(crate) struct IngestArgs {
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
pub(crate) enum Subscriber {
    Chirp,
    MosquittoSub,
    Paho,
}

/// One flood and what its subscribers saw.
pub(crate) struct Flood {
    pub(crate) count: usize,
    pub(crate) topic: String,
    pub(crate) payload_bytes: usize,
    /// Wall clock of the first publish, and when the broker had them all.
    sent_at: f64,
    drained_at: f64,
    pub(crate) chirp: Option<Window>,
    pub(crate) mosquitto: Option<Window>,
    pub(crate) paho: Option<Window>,
    /// Tweets Chirp's core held as signed (verified), when it took part.
    pub(crate) chirp_signed: Option<usize>,
}

impl Flood {
    pub(crate) fn publish_rate(&self) -> f64 {
        self.count as f64 / (self.drained_at - self.sent_at).max(1e-9)
    }

    pub(crate) fn windows(&self) -> impl Iterator<Item = &Window> {
        [&self.chirp, &self.mosquitto, &self.paho]
            .into_iter()
            .filter_map(Option::as_ref)
    }
}

/// Who one flood goes to: Chirp (its core in this process, or `chirp
/// follow` with `follow_bin`), mosquitto_sub, and paho-mqtt when its script
/// is given; only one of them with `only`.
pub(crate) struct Audience<'a> {
    pub(crate) broker: &'a BrokerArgs,
    pub(crate) paho: Option<&'a Path>,
    pub(crate) follow_bin: Option<&'a Path>,
    pub(crate) only: Option<Subscriber>,
}

/// Publishes `args.count` tweets at full speed to the subscribers in
/// `only` (all three when None), Chirp being its core in this process or
/// `chirp follow` with `follow_bin`.
fn flood(args: &IngestArgs, follow_bin: Option<&Path>, only: Option<Subscriber>) -> Result<Flood> {
    let tag = bench_tag("ingest")?;
    let payloads = flood_payloads(args.count, &tag)?;
    let audience = Audience {
        broker: &args.broker,
        paho: Some(&args.paho),
        follow_bin,
        only,
    };
    flood_to(&audience, &tag, payloads)
}

/// Publishes `payloads` on `tag` at full speed to `audience`; fails unless
/// each subscriber received them all.
pub(crate) fn flood_to(
    audience: &Audience<'_>,
    tag: &Hashtag,
    payloads: Vec<Vec<u8>>,
) -> Result<Flood> {
    let b = audience.broker;
    let count = payloads.len();
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let dir = tempfile::Builder::new().prefix("chirp-bench-").tempdir()?;
    let payload_bytes: usize = payloads.iter().map(Vec::len).sum();
    let mut subscribers = Subscribers::start(audience, count, tag, &topic, dir.path())?;
    let sender = publish_all(b, &topic, payloads)?;
    let (chirp, chirp_signed) = subscribers.chirp_receives(count, b)?;
    let (sent_at, drained_at) = sender
        .join()
        .map_err(|_| anyhow!("publisher thread panicked"))??;
    let (mosquitto, paho) = subscribers.finish(b)?;
    let flood = Flood {
        count,
        topic,
        payload_bytes,
        sent_at,
        drained_at,
        chirp,
        mosquitto,
        paho,
        chirp_signed,
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

/// `count` v1 payloads on `tag`, each with a fresh UUID id.
fn flood_payloads(count: usize, tag: &Hashtag) -> Result<Vec<Vec<u8>>> {
    let mut maker = TweetMaker::new(1)?;
    Ok((0..count)
        .map(|_| maker.payload(&uuid::Uuid::new_v4().to_string(), tag, ""))
        .collect())
}

/// Chirp as one flood measures it.
enum Chirp {
    Core(ChirpCore),
    Follow(Follow),
}

/// The subscribers of one flood, started, with where the tools write.
struct Subscribers {
    chirp: Option<Chirp>,
    mosquitto: Option<Guard>,
    mosquitto_out: PathBuf,
    paho: Option<Guard>,
    paho_out: PathBuf,
}

impl Subscribers {
    /// Starts the subscribers of `audience` and returns once the broker
    /// has confirmed every subscription.
    fn start(
        audience: &Audience<'_>,
        count: usize,
        tag: &Hashtag,
        topic: &str,
        dir: &Path,
    ) -> Result<Subscribers> {
        let b = audience.broker;
        let wanted = |name: Subscriber| audience.only.is_none_or(|only| only == name);
        let chirp = match (audience.follow_bin, wanted(Subscriber::Chirp)) {
            (_, false) => None,
            (None, true) => Some(Chirp::Core(ChirpCore::start(b.port, tag, b.deadline())?)),
            (Some(bin), true) => Some(Chirp::Follow(Follow::start(bin, b.port, tag, count, dir)?)),
        };
        let mosquitto_out = dir.join("mosquitto_sub.out");
        let mut mosquitto = wanted(Subscriber::MosquittoSub)
            .then(|| mosquitto_sub(b.port, topic, count, "%U", &mosquitto_out, b.timeout))
            .transpose()?;
        let paho_out = dir.join("paho.out");
        let mut paho = audience
            .paho
            .filter(|_| wanted(Subscriber::Paho))
            .map(|script| paho_sub(script, b.port, topic, count, &paho_out, b.timeout))
            .transpose()?;
        let expected = usize::from(chirp.is_some())
            + usize::from(mosquitto.is_some())
            + usize::from(paho.is_some());
        let mut watched: Vec<&mut Guard> = mosquitto.iter_mut().chain(paho.iter_mut()).collect();
        wait_for_subscribers(&b.broker_log, topic, expected, &mut watched, b.deadline())?;
        Ok(Subscribers {
            chirp,
            mosquitto,
            mosquitto_out,
            paho,
            paho_out,
        })
    }

    /// Chirp's view of the flood, once it has all `count` tweets, and how
    /// many its core held as signed.
    fn chirp_receives(
        &mut self,
        count: usize,
        b: &BrokerArgs,
    ) -> Result<(Option<Window>, Option<usize>)> {
        let mut timeline = Timeline::with_limit(DEFAULT_TIMELINE_LIMIT);
        let mut signed = 0;
        Ok(match self.chirp.take() {
            Some(Chirp::Core(core)) => {
                let window = core.receive(&mut timeline, count, b.deadline(), |entry| {
                    signed += usize::from(entry.signed().is_some());
                })?;
                (Some(window), Some(signed))
            }
            Some(Chirp::Follow(follow)) => (Some(follow.finish(b.deadline())?), None),
            None => (None, None),
        })
    }

    /// mosquitto_sub's and paho's views, once they have exited.
    fn finish(self, b: &BrokerArgs) -> Result<(Option<Window>, Option<Window>)> {
        let mosquitto = self
            .mosquitto
            .map(|guard| finish_mosquitto_sub(guard, &self.mosquitto_out, b.deadline()))
            .transpose()?;
        let paho = self
            .paho
            .map(|guard| finish_paho(guard, &self.paho_out, b.deadline()))
            .transpose()?;
        Ok((mosquitto, paho))
    }
}

/// Publishes `payloads` on `topic` at full speed from a thread of its own,
/// which returns when the first was sent and when the broker had them all.
pub(crate) fn publish_all(
    b: &BrokerArgs,
    topic: &str,
    payloads: Vec<Vec<u8>>,
) -> Result<JoinHandle<Result<(f64, f64)>>> {
    let publisher = Publisher::connect(b.port, b.deadline())?;
    let topic = topic.to_owned();
    let drain_deadline = b.deadline();
    Ok(std::thread::spawn(move || -> Result<(f64, f64)> {
        let start = unix_now();
        for payload in payloads {
            publisher.publish(&topic, payload)?;
        }
        publisher.drain(drain_deadline)?;
        let end = unix_now();
        publisher.close();
        Ok((start, end))
    }))
}

/// The publisher's line and one row per subscriber of `flood`.
pub(crate) fn print_flood(flood: &Flood, heading: &str) {
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
        "  {heading:<42} {:>9} {:>10} {:>10} {:>12}",
        "received", "first ms", "last ms", "msgs/s"
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

pub(crate) fn ingest(args: &IngestArgs) -> Result<()> {
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
    print_flood(&flood, "subscriber (all three at once)");
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
