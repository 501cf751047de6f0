//! What a subscriber process costs: its CPU time from `/proc/<pid>/stat`
//! (also once it has exited, before it is reaped), and the real window
//! under Xvfb run with `CHIRP_FRAME_LOG`, whose lines say how many tweets it
//! has taken in and what each frame cost.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail, ensure};
use chirp::core::model::name::Hashtag;

use crate::process::Guard;
use crate::window::{wait_visible, window_command};

/// Clock ticks per second of `/proc/<pid>/stat`'s times.
fn ticks_per_second() -> f64 {
    static HZ: OnceLock<f64> = OnceLock::new();
    *HZ.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse::<f64>().ok())
            .unwrap_or(100.0)
    })
}

/// A process's state letter and its user + system CPU seconds (all its
/// threads, those gone included), from `/proc/<pid>/stat`. A zombie (`Z`,
/// exited but not reaped) still has its final times there.
pub(crate) fn proc_cpu(pid: &str) -> Result<(char, f64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses.
    let rest = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| anyhow!("odd /proc/{pid}/stat"))?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields
        .first()
        .and_then(|s| s.chars().next())
        .ok_or_else(|| anyhow!("no state in /proc/{pid}/stat"))?;
    let ticks: f64 = fields
        .get(11)
        .zip(fields.get(12))
        .and_then(|(u, s)| Some(u.parse::<f64>().ok()? + s.parse::<f64>().ok()?))
        .ok_or_else(|| anyhow!("no utime/stime in /proc/{pid}/stat"))?;
    Ok((state, ticks / ticks_per_second()))
}

/// CPU seconds (user + system, all threads) a process has used.
pub(crate) fn cpu_seconds(pid: &str) -> Result<f64> {
    Ok(proc_cpu(pid)?.1)
}

/// The CPU seconds of a process that exits by itself, read once it has
/// exited and before it is reaped; then reaps it and fails unless it
/// exited 0. Returns when it exited, too.
pub(crate) fn cpu_at_exit(
    guard: &mut Guard,
    name: &str,
    deadline: Instant,
) -> Result<(f64, Instant)> {
    let pid = guard.pid();
    loop {
        let (state, cpu) = proc_cpu(&pid).with_context(|| format!("{name} vanished"))?;
        if state == 'Z' {
            let exited = Instant::now();
            let status = guard.wait_until(deadline)?;
            ensure!(status.success(), "{name} failed: {status}");
            return Ok((cpu, exited));
        }
        if Instant::now() >= deadline {
            bail!("{name} did not finish before the deadline");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// A profile for the real window: settings following `tag` on the broker,
/// under `client_id` (its persistent session), the flood guard off (every
/// tweet goes into the timeline), the welcome done, defaults otherwise.
pub(crate) fn window_profile(dir: &Path, port: u16, tag: &Hashtag, client_id: &str) -> Result<()> {
    let config_dir = dir.join("config/chirp");
    fs::create_dir_all(&config_dir)?;
    fs::create_dir_all(dir.join("data/chirp"))?;
    let settings = serde_json::json!({
        "username": "bench",
        "broker": {"host": "127.0.0.1", "port": port},
        "client_id": client_id,
        "hashtags": [{"tag": tag.as_str(), "followed": true}],
        "flood_rate": 0,
        "welcomed": true,
    });
    fs::write(
        config_dir.join("settings.json"),
        serde_json::to_vec_pretty(&settings)?,
    )?;
    Ok(())
}

/// One frame of the window, as `CHIRP_FRAME_LOG` writes it
/// (`src/ui/app/frame_log.rs`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    /// Wall clock at the end of its UI pass, Unix ms.
    pub(crate) unix_ms: i64,
    /// The UI thread's CPU time for one whole frame, µs.
    pub(crate) cpu_us: u64,
    /// eframe's figure for the previous frame (UI pass and rendering,
    /// wall time, no vsync wait), µs.
    pub(crate) frame_us: u64,
    /// Tweets taken in so far.
    pub(crate) tweets: u64,
    /// Events the worker could not hand to the window (lost to it).
    pub(crate) overflowed: u64,
}

/// The real window, started on a profile with `CHIRP_FRAME_LOG` set.
pub(crate) struct LoggedWindow {
    pub(crate) guard: Guard,
    log: PathBuf,
    profile: PathBuf,
}

impl LoggedWindow {
    /// Starts the window and returns once it is visible.
    pub(crate) fn start(bin: &Path, profile: &Path, deadline: Instant) -> Result<LoggedWindow> {
        let log = profile.join("frames.log");
        let _ = fs::remove_file(&log);
        let mut command = window_command(bin, profile)?;
        command.env("CHIRP_FRAME_LOG", &log).stdin(Stdio::null());
        let mut guard = Guard::spawn("chirp (window)", &mut command)?;
        wait_visible(&mut guard, profile, deadline)?;
        Ok(LoggedWindow {
            guard,
            log,
            profile: profile.to_owned(),
        })
    }

    /// Every frame logged so far.
    pub(crate) fn frames(&self) -> Vec<Frame> {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        // The last line may be half written.
        text.lines()
            .filter_map(|line| {
                let n: Vec<i64> = line.split(' ').map_while(|f| f.parse().ok()).collect();
                let &[unix_ms, cpu_us, frame_us, tweets, overflowed] = n.as_slice() else {
                    return None;
                };
                Some(Frame {
                    unix_ms,
                    cpu_us: cpu_us as u64,
                    frame_us: frame_us as u64,
                    tweets: tweets as u64,
                    overflowed: overflowed as u64,
                })
            })
            .collect()
    }

    /// Once the window has taken in `count` tweets: its frames up to that
    /// one, and the CPU seconds it had used by then; None before. Fails if
    /// it exited, or lost events unless `lossy` (then tweets lost count as
    /// handled: the last frame's `overflowed` says how many).
    pub(crate) fn poll(&mut self, count: usize, lossy: bool) -> Result<Option<(Vec<Frame>, f64)>> {
        if let Some(status) = self.guard.try_wait()? {
            let log = fs::read_to_string(self.profile.join("app.log")).unwrap_or_default();
            bail!("the window exited ({status}); its log:\n{log}");
        }
        let mut frames = self.frames();
        let handled = |f: &Frame| f.tweets + if lossy { f.overflowed } else { 0 };
        if let Some(at) = frames.iter().position(|f| handled(f) >= count as u64) {
            let cpu = cpu_seconds(&self.guard.pid())?;
            frames.truncate(at + 1);
            return Ok(Some((frames, cpu)));
        }
        if let Some(last) = frames.last() {
            ensure!(
                lossy || last.overflowed == 0,
                "the window lost {} events (its channel was full) with {} of {count} tweets in",
                last.overflowed,
                last.tweets
            );
        }
        Ok(None)
    }

    /// Waits until the window has taken in `count` tweets (see `poll`).
    pub(crate) fn wait_for(
        &mut self,
        count: usize,
        lossy: bool,
        deadline: Instant,
    ) -> Result<(Vec<Frame>, f64)> {
        loop {
            if let Some(done) = self.poll(count, lossy)? {
                return Ok(done);
            }
            if Instant::now() >= deadline {
                let had = self.frames().last().map_or(0, |f| f.tweets);
                bail!("the window had {had} of {count} tweets at the deadline");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// `chirp --broker … follow <args>` with a home of its own under `dir`,
/// its output to /dev/null (as a user piping it away would), its messages
/// to `follow.stderr` there.
pub(crate) fn follow_command(bin: &Path, port: u16, dir: &Path, args: &[&str]) -> Result<Command> {
    let home = dir.join("follow-home");
    fs::create_dir_all(&home)?;
    let stderr = fs::File::create(dir.join("follow.stderr"))?;
    let mut command = Command::new(bin);
    command
        .args(["--broker", &format!("mqtt://127.0.0.1:{port}"), "follow"])
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    Ok(command)
}

/// `mosquitto_sub -h 127.0.0.1 -p <port> <args>`, printing to /dev/null.
pub(crate) fn mosquitto_sub_command(port: u16, args: &[&str]) -> Command {
    let mut command = Command::new("mosquitto_sub");
    command
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}
