//! Many clients at once (issue 16 part 3): N Chirp cores, each posting R
//! tweets a second for S seconds under T hashtags at QoS 1, and one follower
//! core on all T, against mosquitto and then against `chirp broker`. Every
//! tweet a poster saw acknowledged must reach the follower exactly once;
//! reported: latency from the poster's Publish to the follower's event, and
//! the broker's CPU. Then the built-in broker's limits: how many
//! connections it takes, and its memory.

use std::collections::HashMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    self, ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink, WorkerThread,
};
use chirp::core::social::compose::Draft;
use clap::Args;

use crate::cost::cpu_seconds;
use crate::figures::{mib, percentile, proc_status_kb, thousands, verdict};
use crate::process::Guard;

#[derive(Args)]
pub(crate) struct CrowdArgs {
    /// The chirp binary, for `chirp broker`.
    #[arg(long)]
    bin: PathBuf,
    /// A directory for mosquitto's configuration (created).
    #[arg(long)]
    dir: PathBuf,
    #[arg(long, default_value_t = 200)]
    clients: usize,
    /// Tweets a second from each client.
    #[arg(long, default_value_t = 10)]
    rate: u32,
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    #[arg(long, default_value_t = 20)]
    tags: usize,
    /// Seconds any one stage may take beyond the posting itself.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
    /// Raw MQTT connections tried on the built-in broker for its limit.
    #[arg(long, default_value_t = 1100)]
    probe_connections: usize,
}

/// A broker process under load.
struct Broker {
    name: &'static str,
    guard: Guard,
    port: u16,
}

/// What one broker's run came to.
struct Outcome {
    sent: usize,
    acknowledged: usize,
    received: usize,
    duplicates: usize,
    missing: usize,
    latencies_ms: Vec<f64>,
    broker_cpu: f64,
    seconds: f64,
    broker_peak_kb: u64,
}

pub(crate) fn crowd(args: &CrowdArgs) -> Result<()> {
    println!(
        "{} Chirp cores posting {} tweets/s each for {} s under {} hashtags at QoS 1 ({} tweets/s in all), \
         one follower core on all of them; each broker alone, one after the other",
        args.clients,
        args.rate,
        args.seconds,
        args.tags,
        thousands(args.clients as f64 * f64::from(args.rate))
    );
    println!(
        "  targets: every acknowledged tweet reaches the follower exactly once (0 missing, 0 duplicates)"
    );
    let mosquitto = start_mosquitto(&args.dir)?;
    let outcome = run_crowd(args, &mosquitto)?;
    report(mosquitto.name, &outcome);
    drop(mosquitto);
    let mut builtin = start_chirp_broker(&args.bin)?;
    let outcome = run_crowd(args, &builtin)?;
    report(builtin.name, &outcome);
    limits(args, &mut builtin)
}

fn start_mosquitto(dir: &Path) -> Result<Broker> {
    std::fs::create_dir_all(dir)?;
    let port = free_port()?;
    let conf = dir.join("crowd.conf");
    // As in run.sh: nothing dropped for a slow subscriber.
    let text = format!(
        "listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n\
         max_queued_messages 0\nuser root\n"
    );
    std::fs::write(&conf, text)?;
    let mut command = Command::new("mosquitto");
    command
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let guard = Guard::spawn("mosquitto", &mut command)?;
    wait_listening(port)?;
    Ok(Broker {
        name: "mosquitto",
        guard,
        port,
    })
}

fn start_chirp_broker(bin: &Path) -> Result<Broker> {
    let mut command = Command::new(bin);
    command
        .args(["broker", "--listen", "127.0.0.1:0"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut guard = Guard::spawn("chirp broker", &mut command)?;
    let stdout = guard
        .child()?
        .stdout
        .take()
        .ok_or_else(|| anyhow!("no stdout"))?;
    let mut stdout = BufReader::new(stdout);
    let mut first = String::new();
    stdout.read_line(&mut first)?;
    // Read on: a closed pipe would end it at its next line.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let port = first
        .trim()
        .strip_prefix("Chirp broker listening on 127.0.0.1:")
        .and_then(|port| port.parse().ok())
        .ok_or_else(|| anyhow!("chirp broker said {first:?}"))?;
    wait_listening(port)?;
    Ok(Broker {
        name: "chirp broker",
        guard,
        port,
    })
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn wait_listening(port: u16) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(Instant::now() < deadline, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

fn core(port: u16, name: &str, tags: Vec<String>) -> Result<(NetLink, WorkerThread)> {
    let broker = BrokerAddress::parse(&format!("mqtt://127.0.0.1:{port}"))?;
    let id = format!("crowd-{name}-{:08x}", fastrand::u32(..));
    let options = net::WorkerOptions::new(ConnectionConfig::new(broker, id))
        .without_broker_figures()
        .following(tags);
    Ok(net::spawn(options, || {})?)
}

fn wait_until(
    link: &NetLink,
    deadline: Instant,
    mut done: impl FnMut(&NetEvent) -> bool,
) -> Result<()> {
    loop {
        let event = link
            .recv_deadline(deadline)
            .map_err(|e| anyhow!("waiting for a core: {e}"))?;
        if done(&event) {
            return Ok(());
        }
    }
}

fn tag_names(count: usize) -> Vec<String> {
    (0..count).map(|n| format!("crowd{n:02}")).collect()
}

/// The follower's record: each tweet id, when it first came and how often.
type Arrivals = Arc<Mutex<HashMap<String, (Instant, usize)>>>;

fn follow_all(link: NetLink, stop: Arc<AtomicBool>) -> (Arrivals, std::thread::JoinHandle<()>) {
    let arrivals: Arrivals = Arc::default();
    let record = arrivals.clone();
    let thread = std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let Ok(event) = link.recv_deadline(Instant::now() + Duration::from_millis(50)) else {
                continue;
            };
            if let NetEvent::Tweet { tweet, .. } = event {
                let now = Instant::now();
                let mut arrivals = record
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                arrivals.entry(tweet.id).or_insert((now, 0)).1 += 1;
            }
        }
    });
    (arrivals, thread)
}

/// Takes every poster's events; returns the ids acknowledged once stopped.
fn take_acknowledgements(
    posters: Arc<Vec<NetLink>>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let mut acknowledged = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            let mut any = false;
            for link in posters.iter() {
                while let Some(event) = link.try_recv() {
                    any = true;
                    if let NetEvent::Acknowledged(id) = event {
                        acknowledged.push(id);
                    }
                }
            }
            if !any {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        acknowledged
    })
}

/// Starts the posters and waits until each is connected.
fn start_posters(args: &CrowdArgs, port: u16) -> Result<(Vec<NetLink>, Vec<WorkerThread>)> {
    let (mut links, mut workers) = (Vec::new(), Vec::new());
    for n in 0..args.clients {
        let (link, worker) = core(port, &format!("poster{n}"), Vec::new())?;
        links.push(link);
        workers.push(worker);
    }
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    for link in &links {
        wait_until(link, deadline, |e| {
            matches!(e, NetEvent::Connection(ConnectionState::Connected { .. }))
        })?;
    }
    Ok((links, workers))
}

/// Every client's j-th tweet in turn, spread evenly over each 1/R second.
fn post_all(
    args: &CrowdArgs,
    posters: &[NetLink],
    tags: &[String],
) -> Result<Vec<(String, Instant)>> {
    let mut sent = Vec::with_capacity(args.clients * args.rate as usize * args.seconds as usize);
    let start = Instant::now();
    let per_client = args.rate as usize * args.seconds as usize;
    for j in 0..per_client {
        for (c, link) in posters.iter().enumerate() {
            let at = (j as f64 + c as f64 / posters.len() as f64) / f64::from(args.rate);
            let due = start + Duration::from_secs_f64(at);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            let tag = &tags[(c + j) % tags.len()];
            let text = format!("tweet {j} of client {c} in the crowd");
            let outgoing = Draft::new(&format!("crowd{c}"), &text).tag(tag).prepare()?;
            sent.push((outgoing.tweet.id.clone(), Instant::now()));
            link.send(NetCommand::Publish(outgoing));
        }
    }
    Ok(sent)
}

fn run_crowd(args: &CrowdArgs, broker: &Broker) -> Result<Outcome> {
    let tags = tag_names(args.tags);
    let (follower, _follower_worker) = core(broker.port, "follower", tags.clone())?;
    let mut subscribed = 0;
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    wait_until(&follower, deadline, |e| {
        if let NetEvent::Subscribed(some) = e {
            subscribed += some.len();
        }
        subscribed >= tags.len()
    })?;
    let (posters, _workers) = start_posters(args, broker.port)?;
    let posters = Arc::new(posters);
    let stop = Arc::new(AtomicBool::new(false));
    let (arrivals, follower_thread) = follow_all(follower, stop.clone());
    let acks = take_acknowledgements(posters.clone(), stop.clone());
    let pid = broker.guard.pid();
    let cpu_before = cpu_seconds(&pid)?;
    let started = Instant::now();
    let sent = post_all(args, &posters, &tags)?;
    // Until the follower has all that was sent, or the deadline.
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    while arrivals
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .len()
        < sent.len()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let seconds = started.elapsed().as_secs_f64();
    let broker_cpu = cpu_seconds(&pid)? - cpu_before;
    let broker_peak_kb = proc_status_kb(&pid, "VmHWM")?;
    stop.store(true, Ordering::Relaxed);
    let acknowledged = acks
        .join()
        .map_err(|_| anyhow!("the ack thread panicked"))?;
    follower_thread
        .join()
        .map_err(|_| anyhow!("the follower thread panicked"))?;
    let arrivals = std::mem::take(
        &mut *arrivals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    Ok(outcome(
        &sent,
        &acknowledged,
        &arrivals,
        broker_cpu,
        seconds,
        broker_peak_kb,
    ))
}

fn outcome(
    sent: &[(String, Instant)],
    acknowledged: &[String],
    arrivals: &HashMap<String, (Instant, usize)>,
    broker_cpu: f64,
    seconds: f64,
    broker_peak_kb: u64,
) -> Outcome {
    let missing = acknowledged
        .iter()
        .filter(|id| !arrivals.contains_key(*id))
        .count();
    let duplicates = arrivals.values().map(|(_, n)| n - 1).sum();
    let mut latencies_ms: Vec<f64> = sent
        .iter()
        .filter_map(|(id, at)| Some((arrivals.get(id)?.0 - *at).as_secs_f64() * 1e3))
        .collect();
    latencies_ms.sort_by(f64::total_cmp);
    Outcome {
        sent: sent.len(),
        acknowledged: acknowledged.len(),
        received: arrivals.len(),
        duplicates,
        missing,
        latencies_ms,
        broker_cpu,
        seconds,
        broker_peak_kb,
    }
}

fn report(name: &str, o: &Outcome) {
    println!("-- {name} --");
    println!(
        "  sent {}, acknowledged {}, received by the follower {} (distinct), duplicates {}, \
         acknowledged but not received {} (target 0 and 0: {})",
        thousands(o.sent as f64),
        thousands(o.acknowledged as f64),
        thousands(o.received as f64),
        o.duplicates,
        o.missing,
        verdict(o.missing == 0 && o.duplicates == 0 && o.acknowledged == o.sent)
    );
    let p = |q| percentile(&o.latencies_ms, q);
    println!(
        "  latency Publish → follower: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        p(50.0),
        p(99.0),
        o.latencies_ms.last().copied().unwrap_or(0.0),
    );
    println!(
        "  broker CPU {:.1} s over {:.1} s ({:.0} % of one core), {:.1} µs per tweet delivered; peak RSS {:.1} MiB",
        o.broker_cpu,
        o.seconds,
        100.0 * o.broker_cpu / o.seconds,
        o.broker_cpu * 1e6 / o.received.max(1) as f64,
        mib(o.broker_peak_kb)
    );
}

/// The built-in broker's limits: raw MQTT connections until it refuses one
/// (or `probe_connections`), and its memory with them open.
fn limits(args: &CrowdArgs, broker: &mut Broker) -> Result<()> {
    let pid = broker.guard.pid();
    let idle_kb = proc_status_kb(&pid, "VmRSS")?;
    let mut open = Vec::new();
    let mut refused = None;
    for n in 0..args.probe_connections {
        match connect_raw(broker.port, n) {
            Ok(stream) => open.push(stream),
            Err(e) => {
                refused = Some(format!("connection {} refused: {e:#}", n + 1));
                break;
            }
        }
    }
    let with_kb = proc_status_kb(&pid, "VmRSS")?;
    println!("-- chirp broker's limits --");
    println!(
        "  {} connections accepted of {} tried{}; RSS {:.1} MiB after the crowd, {:.1} MiB with them open ({:.1} KiB each)",
        open.len(),
        args.probe_connections,
        refused.map_or_else(String::new, |r| format!(" ({r})")),
        mib(idle_kb),
        mib(with_kb),
        (with_kb.saturating_sub(idle_kb)) as f64 / open.len().max(1) as f64
    );
    Ok(())
}

/// An MQTT 3.1.1 CONNECT by hand, waiting for a CONNACK that accepts it.
fn connect_raw(port: u16, n: usize) -> Result<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let id = format!("probe-{n:05}");
    let mut body = vec![0, 4, b'M', b'Q', b'T', b'T', 4, 0x02, 0, 60];
    body.extend_from_slice(&u16::try_from(id.len())?.to_be_bytes());
    body.extend_from_slice(id.as_bytes());
    let mut packet = vec![0x10, u8::try_from(body.len())?];
    packet.extend_from_slice(&body);
    stream.write_all(&packet)?;
    let mut connack = [0u8; 4];
    stream
        .read_exact(&mut connack)
        .context("no CONNACK (closed or timed out)")?;
    if connack != [0x20, 0x02, 0x00, 0x00] {
        bail!("CONNACK {connack:02x?}");
    }
    Ok(stream)
}
