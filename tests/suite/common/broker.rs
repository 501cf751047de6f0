//! A real mosquitto on a free loopback port, stopped, restarted and killed
//! on demand.

use std::collections::HashSet;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{TIMEOUT, deadline, tool};

/// Ports handed out in this process, so parallel tests never pick the same one.
static TAKEN_PORTS: Mutex<Option<HashSet<u16>>> = Mutex::new(None);

/// A loopback port nothing listens on right now: bound to pick it, then released.
pub fn free_port() -> u16 {
    loop {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free loopback port");
        let port = listener.local_addr().expect("local address").port();
        drop(listener);
        let mut taken = TAKEN_PORTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if taken.get_or_insert_with(HashSet::new).insert(port) {
            return port;
        }
    }
}

fn accepts_connections(port: u16) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

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

    /// Freezes the broker (SIGSTOP): its sockets stay open, so its clients
    /// get neither FIN nor RST, only silence: a half-open connection.
    pub fn freeze(&self) {
        self.signal("-STOP");
    }

    /// Lets a frozen broker go on (SIGCONT).
    pub fn thaw(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let child = self.child.as_ref().expect("the broker is running");
        let status = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill {signal} mosquitto failed");
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
        self.wait_running()
    }

    /// Waits until the just started mosquitto accepts connections; kills it
    /// if it does not before the deadline.
    fn wait_running(&mut self) -> Result<(), String> {
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
