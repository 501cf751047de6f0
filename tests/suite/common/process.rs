//! Child processes killed on drop, and the lines they write.

use std::io::{BufRead as _, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crossbeam_channel::Receiver;

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
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
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
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
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
        self.seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// `chirp` with its settings, data and identity isolated in `home`, and no
/// desktop keyring (no session bus): an identity it makes goes to the key
/// file there, never into the real session's keyring.
pub fn chirp_in(home: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chirp"));
    command
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/chirp-cli-test",
        )
        .env_remove("RUST_LOG");
    command
}

/// Every file below `dir`, in subfolders too (what a process wrote there).
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}
