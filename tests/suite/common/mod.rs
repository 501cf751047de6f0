//! Shared fixtures for the broker-backed tests: a real mosquitto on a free
//! loopback port, a Chirp core connected to it, and helpers that wait on
//! conditions with deadlines (never fixed sleeps).
//!
//! Every test module uses a different part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::io::{BufRead as _, BufReader, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    self, ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink, WorkerThread,
};
use crossbeam_channel::Receiver;

/// How long any one condition may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A deadline `TIMEOUT` from now.
pub fn deadline() -> Instant {
    Instant::now() + TIMEOUT
}

// ---------------------------------------------------------------------------
// Tools

/// The path of an installed program, or a panic that says how to install it.
/// Looks on PATH, then in the sbin directories a non-root PATH may lack.
pub fn tool(name: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let extra = ["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from);
    on_path
        .into_iter()
        .chain(extra)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            let package = match name {
                "mosquitto" | "mosquitto_passwd" => "mosquitto",
                "mosquitto_pub" | "mosquitto_sub" => "mosquitto-clients",
                "dbus-daemon" => "dbus-daemon",
                "gnome-keyring-daemon" => "gnome-keyring",
                _ => "coreutils",
            };
            panic!(
                "`{name}` is not installed, and the broker tests need it: install the Debian \
                 package `{package}` (`bash tests/run.sh` installs them)."
            )
        })
}

// ---------------------------------------------------------------------------
// Ports

/// Ports handed out in this process, so parallel tests never pick the same one.
static TAKEN_PORTS: Mutex<Option<HashSet<u16>>> = Mutex::new(None);

/// A loopback port nothing listens on right now: bound to pick it, then released.
pub fn free_port() -> u16 {
    loop {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free loopback port");
        let port = listener.local_addr().expect("local address").port();
        drop(listener);
        let mut taken = TAKEN_PORTS.lock().unwrap_or_else(|e| e.into_inner());
        if taken.get_or_insert_with(HashSet::new).insert(port) {
            return port;
        }
    }
}

fn accepts_connections(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

// ---------------------------------------------------------------------------
// The broker

/// A real mosquitto on `127.0.0.1:port`, killed on drop.
pub struct Broker {
    port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// Lines appended to the generated mosquitto.conf (see `start_with_config`).
    extra_config: String,
}

impl Broker {
    /// Starts mosquitto on a free port and waits until it accepts connections.
    pub fn start() -> Broker {
        Broker::start_with_config("")
    }

    /// Like [`Broker::start`], with `extra` (mosquitto.conf lines) appended to
    /// the configuration, e.g. `"max_queued_messages 0\n"`.
    pub fn start_with_config(extra: &str) -> Broker {
        let program = tool("mosquitto");
        let mut last_failure = String::new();
        // Another process may grab the picked port before mosquitto binds it.
        for _ in 0..5 {
            let dir = tempfile::Builder::new()
                .prefix("chirp-broker-")
                .tempdir()
                .expect("temp dir for the broker");
            let mut broker = Broker {
                port: free_port(),
                dir,
                child: None,
                extra_config: extra.to_owned(),
            };
            match broker.launch(&program) {
                Ok(()) => return broker,
                Err(failure) => last_failure = failure,
            }
        }
        panic!("mosquitto did not start: {last_failure}");
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self) -> String {
        format!("mqtt://127.0.0.1:{}", self.port)
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// Kills the broker; returns once the port no longer accepts connections.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let until = deadline();
        while accepts_connections(self.port) {
            assert!(
                Instant::now() < until,
                "port {} still accepts connections after stopping mosquitto",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the broker as a service restart does (SIGTERM): with
    /// `persistence true` it saves sessions and queued messages first.
    pub fn stop_gracefully(&mut self) {
        if let Some(child) = &self.child {
            let status = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status()
                .expect("run kill");
            assert!(status.success(), "kill -TERM mosquitto failed");
        }
        if let Some(mut child) = self.child.take() {
            let _ = child.wait();
        }
        self.stop();
    }

    /// Starts the broker again on the same port (stopping it first if running).
    pub fn restart(&mut self) {
        self.stop();
        if let Err(failure) = self.launch(&tool("mosquitto")) {
            panic!("mosquitto did not restart on port {}: {failure}", self.port);
        }
    }

    /// What mosquitto logged so far (for failure messages).
    pub fn log(&self) -> String {
        let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let stderr = std::fs::read_to_string(self.dir.path().join("stderr")).unwrap_or_default();
        format!("{log}{stderr}")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("mosquitto.log")
    }

    fn launch(&mut self, program: &Path) -> Result<(), String> {
        let config = self.dir.path().join("mosquitto.conf");
        // Started as root, mosquitto drops to user `mosquitto`, which can't
        // read a 0700 temp dir: `user root` keeps it as it is (and is ignored
        // when not started as root).
        let text = format!(
            "listener {port} 127.0.0.1\n\
             allow_anonymous true\n\
             persistence false\n\
             user root\n\
             log_dest file {log}\n\
             log_type error\n\
             log_type warning\n\
             log_type notice\n\
             log_type information\n\
             {extra}",
            port = self.port,
            log = self.log_path().display(),
            extra = self.extra_config,
        );
        std::fs::write(&config, text).map_err(|e| format!("writing {}: {e}", config.display()))?;
        // A fresh log per run: "running" below must be this run's.
        let _ = std::fs::remove_file(self.log_path());
        let stderr =
            std::fs::File::create(self.dir.path().join("stderr")).map_err(|e| e.to_string())?;
        let child = Command::new(program)
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("running {}: {e}", program.display()))?;
        self.child = Some(child);

        let until = deadline();
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.child = None;
                return Err(format!(
                    "mosquitto exited with {status} on port {}:\n{}",
                    self.port,
                    self.log()
                ));
            }
            // "running" is logged once the listener is bound: a connection
            // that succeeds before that could be some other process's.
            let running =
                std::fs::read_to_string(self.log_path()).is_ok_and(|log| log.contains(" running"));
            if running && accepts_connections(self.port) {
                return Ok(());
            }
            if Instant::now() >= until {
                if let Some(mut child) = self.child.take() {
                    let _ = child.kill();
                    let _ = child.wait();
                }
                return Err(format!(
                    "mosquitto not accepting connections on port {} after {TIMEOUT:?}:\n{}",
                    self.port,
                    self.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

// ---------------------------------------------------------------------------
// Chirp cores

static NEXT_CLIENT: AtomicU64 = AtomicU64::new(0);

/// A client id no other core in any test run uses.
pub fn unique_client_id(name: &str) -> String {
    let n = NEXT_CLIENT.fetch_add(1, Ordering::Relaxed);
    format!("chirp-test-{name}-{}-{n}", std::process::id())
}

/// A config for `url` with a unique client id and quick retries, so tests
/// that stop the broker don't wait out the app's full backoff.
pub fn test_config(url: &str, name: &str) -> ConnectionConfig {
    let broker = BrokerAddress::parse(url).expect("valid broker URL");
    let mut config = ConnectionConfig::new(broker, unique_client_id(name));
    config.first_retry = Duration::from_millis(200);
    config.max_retry = Duration::from_secs(1);
    config
}

/// A running Chirp core. Its worker stops when this is dropped.
pub struct Core {
    pub link: NetLink,
    worker: Option<WorkerThread>,
}

impl Core {
    /// Spawns a core without waiting for anything.
    pub fn spawn(config: ConnectionConfig) -> Core {
        Core::spawn_following(config, &[])
    }

    /// Spawns a core that follows `tags` from its first moment, as the app
    /// and `chirp follow` do (a persistent session's queue can arrive at once).
    pub fn spawn_following(config: ConnectionConfig, tags: &[&str]) -> Core {
        let followed = tags.iter().map(|tag| (*tag).to_owned()).collect();
        let (link, worker) = net::spawn(net::WorkerOptions::new(config).following(followed), || {})
            .expect("spawn the network worker");
        Core {
            link,
            worker: Some(worker),
        }
    }

    /// Spawns a core on `url` (the app's default retry timing) and waits until it is connected.
    pub fn connect(url: &str, name: &str) -> Core {
        let broker = BrokerAddress::parse(url).expect("valid broker URL");
        let core = Core::spawn(ConnectionConfig::new(broker, unique_client_id(name)));
        core.wait_connected();
        core
    }

    pub fn events(&self) -> &NetLink {
        &self.link
    }

    pub fn send(&self, command: NetCommand) {
        self.link.send(command);
    }

    /// Waits for `predicate`; see [`wait_for`].
    pub fn wait_for(&self, predicate: impl FnMut(&NetEvent) -> bool) -> NetEvent {
        wait_for(&self.link, deadline(), predicate)
    }

    pub fn wait_connected(&self) {
        self.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Connected { .. })));
    }

    /// Follows `tag` and waits until the broker confirmed it.
    pub fn follow(&self, tag: &str) {
        self.send(NetCommand::Subscribe(tag.to_owned()));
        self.wait_for(|e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == tag)));
    }

    /// Unfollows `tag` and waits until the broker confirmed it.
    pub fn unfollow(&self, tag: &str) {
        self.send(NetCommand::Unsubscribe(tag.to_owned()));
        self.wait_for(
            |e| matches!(e, NetEvent::Unsubscribed(tags) if tags.iter().any(|t| t == tag)),
        );
    }

    /// Waits for the broker's acknowledgement of tweet `id`.
    pub fn wait_acknowledged(&self, id: &str) {
        self.wait_for(|e| matches!(e, NetEvent::Acknowledged(acked) if acked == id));
    }

    /// Waits for a tweet with `id` and returns its topic and tweet.
    pub fn wait_tweet(&self, id: &str) -> (String, chirp::core::model::tweet::Tweet) {
        match self.wait_for(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id)) {
            NetEvent::Tweet { topic, tweet } => (topic, tweet),
            other => unreachable!("{other:?}"),
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        // Dropping the worker sends Shutdown and joins its thread.
        drop(self.worker.take());
    }
}

/// Receives events until one matches `predicate`, and returns it. Panics at
/// `deadline`, listing what did arrive, or if the worker stopped.
pub fn wait_for(
    events: &NetLink,
    deadline: Instant,
    mut predicate: impl FnMut(&NetEvent) -> bool,
) -> NetEvent {
    let mut seen = Vec::new();
    loop {
        match events.recv_deadline(deadline) {
            Ok(event) if predicate(&event) => return event,
            Ok(event) => seen.push(event),
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                panic!(
                    "the expected event did not arrive before the deadline; events seen meanwhile:\n{seen:#?}"
                )
            }
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                panic!(
                    "the network worker stopped before the expected event; events seen:\n{seen:#?}"
                )
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Child processes

/// A child process killed (and reaped) on drop, so a failing test leaves none behind.
pub struct ChildGuard {
    child: Option<Child>,
    pub stdout: Option<Lines>,
    pub stderr: Option<Lines>,
}

impl ChildGuard {
    /// Spawns `command` with stdout and stderr piped and read line by line.
    pub fn spawn(command: &mut Command) -> ChildGuard {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
        let stdout = child.stdout.take().map(Lines::read);
        let stderr = child.stderr.take().map(Lines::read);
        ChildGuard {
            child: Some(child),
            stdout,
            stderr,
        }
    }

    pub fn stdout(&self) -> &Lines {
        self.stdout.as_ref().expect("stdout piped")
    }

    pub fn stderr(&self) -> &Lines {
        self.stderr.as_ref().expect("stderr piped")
    }

    /// The process id, while it has not been reaped.
    pub fn id(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// SIGKILLs the process (a crash, as far as it can tell) and reaps it.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL the child");
            let _ = child.wait();
        }
    }

    /// Waits for the process to exit by itself before `deadline`; returns
    /// its exit code (None when killed by a signal).
    pub fn wait_exit(&mut self, deadline: Instant) -> Option<i32> {
        let child = self.child.as_mut().expect("not yet waited for");
        loop {
            if let Some(status) = child.try_wait().expect("wait for child") {
                self.child = None;
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "the process did not exit before the deadline"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The lines a child writes to one stream, collected by a reader thread.
pub struct Lines {
    rx: Receiver<String>,
    seen: Mutex<Vec<String>>,
}

impl Lines {
    fn read(stream: impl Read + Send + 'static) -> Lines {
        let (tx, rx) = crossbeam_channel::unbounded();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Lines {
            rx,
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Waits for a line matching `predicate` and returns it.
    pub fn wait_line(&self, deadline: Instant, mut predicate: impl FnMut(&str) -> bool) -> String {
        loop {
            match self.rx.recv_deadline(deadline) {
                Ok(line) => {
                    self.seen
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(line.clone());
                    if predicate(&line) {
                        return line;
                    }
                }
                Err(e) => panic!("no matching line ({e}); lines so far: {:#?}", self.seen()),
            }
        }
    }

    /// Every line up to the end of the stream (the process has exited).
    pub fn all(&self, deadline: Instant) -> Vec<String> {
        loop {
            match self.rx.recv_deadline(deadline) {
                Ok(line) => self
                    .seen
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(line),
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return self.seen(),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    panic!(
                        "the stream did not end before the deadline; lines so far: {:#?}",
                        self.seen()
                    )
                }
            }
        }
    }

    /// The lines read so far.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

// ---------------------------------------------------------------------------
// Plain MQTT clients

/// Publishes `payload` on `topic` with `mosquitto_pub` (QoS 1, so it is
/// at the broker when this returns).
pub fn mosquitto_pub(broker: &Broker, topic: &str, payload: &[u8]) {
    run_mosquitto_pub(broker, topic, payload, false);
}

/// Like [`mosquitto_pub`], as a retained message.
pub fn mosquitto_pub_retained(broker: &Broker, topic: &str, payload: &[u8]) {
    run_mosquitto_pub(broker, topic, payload, true);
}

fn run_mosquitto_pub(broker: &Broker, topic: &str, payload: &[u8], retain: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("payload");
    std::fs::write(&file, payload).expect("write payload");
    let output = Command::new(tool("mosquitto_pub"))
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &broker.port().to_string(),
            "-q",
            "1",
            "-t",
            topic,
            "-f",
        ])
        .arg(&file)
        .args(retain.then_some("-r"))
        .output()
        .expect("run mosquitto_pub");
    assert!(
        output.status.success(),
        "mosquitto_pub failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `mosquitto_sub -C 1` waiting for one message on a topic.
pub struct ClassicSubscriber {
    process: ChildGuard,
}

impl ClassicSubscriber {
    /// Starts `mosquitto_sub` and returns once the broker confirmed its subscription.
    pub fn start(broker: &Broker, topic: &str) -> ClassicSubscriber {
        // -d prints the protocol exchange, SUBACK included; stdbuf makes it
        // line-buffered so the SUBACK line is readable before the process ends.
        let mut command = Command::new(tool("stdbuf"));
        command.arg("-oL").arg(tool("mosquitto_sub")).args([
            "-h",
            "127.0.0.1",
            "-p",
            &broker.port().to_string(),
            "-t",
            topic,
            "-C",
            "1",
            "-W",
            "10",
            "-d",
        ]);
        let process = ChildGuard::spawn(&mut command);
        process
            .stdout()
            .wait_line(deadline(), |line| line.contains("received SUBACK"));
        ClassicSubscriber { process }
    }

    /// Waits for the message, and returns its payload as mosquitto_sub printed it.
    pub fn payload(self) -> String {
        self.message().1
    }

    /// Waits for the message: mosquitto_sub's "received PUBLISH (d0, q1,
    /// r0, m1, 'topic', ...)" line, and the payload.
    pub fn message(mut self) -> (String, String) {
        let until = deadline();
        let code = self.process.wait_exit(until);
        let lines = self.process.stdout().all(until);
        assert_eq!(
            code,
            Some(0),
            "mosquitto_sub failed: {lines:#?}\n{:#?}",
            self.process.stderr().all(until)
        );
        // With -d, the payload is the line after "received PUBLISH".
        let at = lines
            .iter()
            .position(|line| line.contains("received PUBLISH"))
            .unwrap_or_else(|| panic!("mosquitto_sub received nothing: {lines:#?}"));
        (
            lines[at].clone(),
            lines.get(at + 1).cloned().unwrap_or_default(),
        )
    }
}

// ---------------------------------------------------------------------------
// What may be shown

/// A character that must never reach the screen or a terminal from received
/// text: a control character other than '\n', or a bidi control or
/// zero-width character. Listed here independently of the app's own
/// `name::is_invisible`, so that the display tests don't check the code
/// against itself.
pub fn is_hostile_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}')
}
