//! Child processes killed on drop, and waiting (on the broker's log) until
//! subscribers are ready.

use std::fs;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail};

/// A child process, killed and reaped on drop (also when a part fails).
pub(crate) struct Guard {
    name: String,
    child: Option<Child>,
}

impl Guard {
    pub(crate) fn spawn(name: &str, command: &mut Command) -> Result<Guard> {
        let child = command
            .spawn()
            .with_context(|| format!("starting {name} ({command:?})"))?;
        Ok(Guard {
            name: name.to_owned(),
            child: Some(child),
        })
    }

    pub(crate) fn pid(&self) -> String {
        self.child
            .as_ref()
            .map_or_else(String::new, |c| c.id().to_string())
    }

    pub(crate) fn child(&mut self) -> Result<&mut Child> {
        self.child
            .as_mut()
            .ok_or_else(|| anyhow!("{} already reaped", self.name))
    }

    pub(crate) fn try_wait(&mut self) -> Result<Option<ExitStatus>> {
        Ok(self.child()?.try_wait()?)
    }

    /// Waits for the child to exit by itself before `deadline`.
    pub(crate) fn wait_until(&mut self, deadline: Instant) -> Result<ExitStatus> {
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

    pub(crate) fn kill(&mut self) {
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

pub(crate) fn tool_exists(name: &str) -> bool {
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
pub(crate) fn wait_for_subscribers(
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
