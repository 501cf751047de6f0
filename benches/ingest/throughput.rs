//! One flood at full speed to Chirp (its core, or `chirp follow`),
//! mosquitto_sub and paho-mqtt, or some of them: what parts 1, 1d and 1e
//! measure (`ingest_part.rs` runs part 1).

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use anyhow::{Result, anyhow, ensure};
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{DEFAULT_TIMELINE_LIMIT, Timeline};

use crate::BrokerArgs;
use crate::figures::{spread, spread_thousands, unix_now};
use crate::load::{Publisher, TweetMaker};
use crate::process::{Guard, wait_for_subscribers};
use crate::subscribers::{
    ChirpCore, Follow, Window, finish_mosquitto_sub, finish_paho, mosquitto_sub, paho_sub,
};

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
    pub(crate) sent_at: f64,
    pub(crate) drained_at: f64,
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
pub(crate) fn flood_payloads(count: usize, tag: &Hashtag) -> Result<Vec<Vec<u8>>> {
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

/// The publisher's rate and one row per subscriber over `floods` (the same
/// subscribers in each): the median (min–max) of the floods.
pub(crate) fn print_floods(floods: &[Flood], heading: &str) {
    let publisher: Vec<f64> = floods.iter().map(Flood::publish_rate).collect();
    println!(
        "publisher (rumqttc in the bench, QoS 0, full speed): all at the broker at {} msgs/s",
        spread_thousands(&publisher)
    );
    println!(
        "each subscriber is timed from its first message to its last; last = ms after the first publish; median (min–max) of the floods"
    );
    println!("  {heading:<40} {:>22} {:>26}", "last ms", "msgs/s");
    let Some(first) = floods.first() else {
        return;
    };
    for (i, window) in first.windows().enumerate() {
        let mut last = Vec::new();
        let mut rates = Vec::new();
        for flood in floods {
            if let Some(w) = flood.windows().nth(i) {
                last.push((w.last - flood.sent_at) * 1e3);
                rates.push(w.rate());
            }
        }
        println!(
            "  {:<40} {:>22} {:>26}",
            window.name,
            spread(&last, 1),
            spread_thousands(&rates)
        );
    }
}

/// Chirp's msgs/s over `other`'s in each flood (measured side by side).
pub(crate) fn chirp_ratios(floods: &[Flood], other: Subscriber) -> Result<Vec<f64>> {
    floods
        .iter()
        .map(|flood| {
            let other = match other {
                Subscriber::Chirp => &flood.chirp,
                Subscriber::MosquittoSub => &flood.mosquitto,
                Subscriber::Paho => &flood.paho,
            };
            match (&flood.chirp, other) {
                (Some(chirp), Some(other)) => Ok(chirp.rate() / other.rate()),
                _ => Err(anyhow!("a subscriber is missing from the flood")),
            }
        })
        .collect()
}
