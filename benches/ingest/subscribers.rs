//! The subscribers measured: Chirp's core in this process, `chirp follow`,
//! mosquitto_sub and the paho-mqtt script, each seen as a [`Window`].

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    self, ConnectionConfig, NetCommand, NetEvent, NetLink, WorkerThread,
};
use chirp::core::model::name::Hashtag;
use chirp::core::model::timeline::{Timeline, TimelineEntry};
use chirp::core::model::tweet::WireFormat;
use chirp::core::protocol::deferred::{Verification, check_deferred};
use chirp::core::social::reactions::Reactions;

use crate::figures::{parse_unix_ns, thousands, unix_now};
use crate::process::Guard;

/// One subscriber's view of a flood: how many, and the wall clock of the
/// first and the last.
#[derive(Clone)]
pub(crate) struct Window {
    pub(crate) name: String,
    pub(crate) received: usize,
    pub(crate) first: f64,
    pub(crate) last: f64,
}

impl Window {
    pub(crate) fn rate(&self) -> f64 {
        self.received as f64 / (self.last - self.first).max(1e-9)
    }
}

/// Chirp's core as the GUI runs it: the network worker, its event channel,
/// and a Timeline fed by `insert_received`.
pub(crate) struct ChirpCore {
    link: NetLink,
    _worker: WorkerThread,
}

impl ChirpCore {
    pub(crate) fn start(port: u16, tag: &Hashtag, deadline: Instant) -> Result<ChirpCore> {
        let broker = BrokerAddress::parse(&format!("mqtt://127.0.0.1:{port}"))?;
        // As the window runs it: a pinned key's signatures wait to be shown.
        let config =
            ConnectionConfig::new(broker, format!("bench-chirp-{:08x}", fastrand::u32(..)))
                .with_verification(Verification::WhenShown);
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
    pub(crate) fn receive(
        &self,
        timeline: &mut Timeline,
        count: usize,
        deadline: Instant,
        mut each: impl FnMut(&TimelineEntry),
    ) -> Result<Window> {
        let mut received = 0;
        let mut first = None;
        let mut last = 0.0;
        let mut frames = Frames::new();
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
                    frames.deferred += usize::from(tweet.deferred_signature.is_some());
                    ensure!(timeline.insert_received(&tweet), "a tweet arrived twice");
                    if let Some(entry) = timeline.last_inserted() {
                        each(entry);
                    }
                    received += 1;
                    last = unix_now();
                    frames.when_due(timeline)?;
                }
                NetEvent::Reaction { reaction, .. } => {
                    // Counted per key, as the window counts them.
                    first.get_or_insert_with(unix_now);
                    frames.reactions.apply(&reaction);
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
        frames.draw(timeline)?;
        frames.report();
        Ok(Window {
            name: "Chirp core: worker → events → Timeline".into(),
            received,
            first: first.unwrap_or(last),
            last,
        })
    }
}

/// The window's share of the work, on this thread (the window hands it to
/// a thread of its own): each frame, the signatures of the rows on screen
/// are checked, as `ui::app::signatures` does.
struct Frames {
    next: Instant,
    drawn: usize,
    checked: usize,
    /// Tweets that arrived with their signature held unchecked.
    deferred: usize,
    /// Likes and reposts, tallied as the window tallies them.
    reactions: Reactions,
}

/// A frame at 60 Hz, and the rows a window 760 px tall shows.
const FRAME: Duration = Duration::from_micros(16_667);
const SHOWN_ROWS: usize = 12;

impl Frames {
    fn new() -> Self {
        Self {
            next: Instant::now() + FRAME,
            drawn: 0,
            checked: 0,
            deferred: 0,
            reactions: Reactions::default(),
        }
    }

    fn when_due(&mut self, timeline: &mut Timeline) -> Result<()> {
        if Instant::now() >= self.next {
            self.draw(timeline)?;
            self.next = Instant::now() + FRAME;
        }
        Ok(())
    }

    fn draw(&mut self, timeline: &mut Timeline) -> Result<()> {
        self.drawn += 1;
        for tweet in timeline.begin_checks(0..SHOWN_ROWS) {
            let verified = check_deferred(&tweet).is_ok();
            ensure!(
                verified,
                "a genuine signature failed its check: {}",
                tweet.id
            );
            timeline.settle_signature(&tweet.id, verified);
            self.checked += 1;
        }
        Ok(())
    }

    fn report(&self) {
        if self.reactions.votes() > 0 {
            println!(
                "  Chirp core tallied {} likes and reposts (per key)",
                thousands(self.reactions.votes() as f64)
            );
        }
        if self.deferred == 0 && self.checked == 0 {
            return;
        }
        println!(
            "  Chirp core as the window runs it: {} tweets arrived with their signature held \
             unchecked (a pinned key); {} frames drew the {SHOWN_ROWS} newest rows and checked \
             {} signatures as shown",
            self.deferred, self.drawn, self.checked
        );
    }
}

pub(crate) fn mosquitto_sub(
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
pub(crate) fn read_mosquitto_sub(out: &Path) -> Result<Vec<(i128, String)>> {
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

pub(crate) fn finish_mosquitto_sub(
    mut guard: Guard,
    out: &Path,
    deadline: Instant,
) -> Result<Window> {
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

pub(crate) fn paho_sub(
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

pub(crate) fn finish_paho(mut guard: Guard, out: &Path, deadline: Instant) -> Result<Window> {
    let status = guard.wait_until(deadline)?;
    let text = fs::read_to_string(out)?;
    ensure!(status.success(), "paho_sub.py failed ({status}): {text}");
    read_paho(&text)
}

/// What paho_sub.py printed (one JSON line): its view of the flood.
pub(crate) fn read_paho(text: &str) -> Result<Window> {
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
pub(crate) struct Follow {
    guard: Guard,
    reader: std::thread::JoinHandle<Result<(usize, f64, f64, String)>>,
}

impl Follow {
    pub(crate) fn start(
        bin: &Path,
        port: u16,
        tag: &Hashtag,
        count: usize,
        dir: &Path,
    ) -> Result<Follow> {
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

    pub(crate) fn finish(mut self, deadline: Instant) -> Result<Window> {
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
