//! The load: realistic tweets, and the publisher that sends them (a
//! rumqttc client in this process).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use chirp::core::model::name::{Hashtag, Username};
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::signed::TweetFields;
use chirp::core::protocol::wire;
use rumqttc::{Client, Event, Incoming, MqttOptions, Outgoing, QoS};

/// Words of the generated texts, separated by spaces.
pub(crate) const WORDS: &str = "\
    the broker fans out every tweet to all its followers while mqtt keeps timeline smooth \
    rust egui frame firehose hashtag subscribe publish latency memory under load quick brown \
    fox jumps over lazy dog coffee morning release build tests green again today students \
    demo teacher pub/sub assignment works finally why does this never happen on my laptop \
    weekend project sensor garden temperature is rising 🦀 🎉 café naïve größer 日本語";

pub(crate) const SECOND_TAGS: &[&str] = &["mqtt", "rust", "chirp", "demo", "iot"];

/// Makes v1 payloads as Chirp's own encoder writes them: unique UUID ids,
/// a few hundred authors, ~100-character texts, one or two hashtags.
pub(crate) struct TweetMaker {
    rng: fastrand::Rng,
    words: Vec<&'static str>,
    users: Vec<Username>,
    second_tags: Vec<Hashtag>,
    /// With `signed_by`: one identity per author, signing each payload.
    signers: Vec<Identity>,
}

impl TweetMaker {
    pub(crate) fn new(seed: u64) -> Result<Self> {
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
            signers: Vec::new(),
        })
    }

    /// Every payload signed by its author's own identity, with `authors`
    /// authors (at most the 500 names).
    pub(crate) fn signed_by(mut self, authors: usize) -> Self {
        self.users.truncate(authors.clamp(1, self.users.len()));
        self.signers = self.users.iter().map(|_| Identity::generate()).collect();
        self
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

    pub(crate) fn payload(&mut self, id: &str, tag: &Hashtag, text_prefix: &str) -> Vec<u8> {
        let author = self.rng.usize(..self.users.len());
        let user = self.users[author].clone();
        let mut tags = vec![tag.clone()];
        if self.rng.bool() {
            tags.push(self.second_tags[self.rng.usize(..self.second_tags.len())].clone());
        }
        let text = self.text(text_prefix);
        let tags: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
        let ts = wire::format_ts(chrono::Utc::now());
        let fields = TweetFields {
            id,
            user: user.as_str(),
            text: &text,
            tags: &tags,
            ts: Some(&ts),
            reply_to: None,
            reply_to_user: None,
        };
        wire::encode_v1(&fields, self.signers.get(author))
    }
}

pub(crate) fn bench_tag(prefix: &str) -> Result<Hashtag> {
    Hashtag::parse(&format!("{prefix}{:08x}", fastrand::u32(..)))
        .map_err(|e| anyhow!("bench hashtag: {e}"))
}

pub(crate) struct Publisher {
    client: Client,
    events: crossbeam_channel::Receiver<Result<Event, String>>,
    stopping: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Publisher {
    /// Connects and waits for the broker's ConnAck.
    pub(crate) fn connect(port: u16, deadline: Instant) -> Result<Publisher> {
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

    pub(crate) fn publish(&self, topic: &str, payload: Vec<u8>) -> Result<()> {
        self.client
            .publish(topic, QoS::AtMostOnce, false, payload)
            .map_err(|e| anyhow!("publisher: {e}"))
    }

    /// Publishes at QoS 1: the broker acknowledges it once it has it (queued
    /// for absent persistent sessions too); see [`Publisher::wait_acks`].
    pub(crate) fn publish_at_least_once(&self, topic: &str, payload: Vec<u8>) -> Result<()> {
        self.client
            .publish(topic, QoS::AtLeastOnce, false, payload)
            .map_err(|e| anyhow!("publisher: {e}"))
    }

    /// Waits for `n` acknowledgements of QoS 1 publishes.
    pub(crate) fn wait_acks(&self, n: usize, deadline: Instant) -> Result<()> {
        let mut acked = 0;
        while acked < n {
            match self.events.recv_deadline(deadline) {
                Ok(Ok(event)) => {
                    acked += usize::from(matches!(event, Event::Incoming(Incoming::PubAck(_))));
                }
                Ok(Err(e)) => bail!("publisher lost its connection after {acked} acks: {e}"),
                Err(e) => bail!("publisher: {acked} of {n} acknowledged at the deadline ({e})"),
            }
        }
        Ok(())
    }

    /// Returns once the broker has taken everything published so far: a
    /// QoS 1 marker on a topic nobody follows is acknowledged only after
    /// every earlier message on this connection was read.
    pub(crate) fn drain(&self, deadline: Instant) -> Result<()> {
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

    pub(crate) fn close(mut self) {
        self.stopping.store(true, Ordering::Relaxed);
        let _ = self.client.disconnect();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
