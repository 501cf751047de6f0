//! `CHIRP_FRAME_LOG=<path>`: the window appends one line per frame to
//! `<path>`, for the benchmarks (`benches/ingest/backlog.rs` reads it while
//! a backlog drains). Off unless the variable is set. Each line is five
//! numbers separated by spaces:
//!
//! `unix_ms cpu_us frame_us tweets overflowed`
//!
//! - `unix_ms`: wall clock at the end of this frame's UI pass;
//! - `cpu_us`: CPU time of the UI thread since the previous line
//!   (`CLOCK_THREAD_CPUTIME_ID`): one whole frame of that thread, i.e. the
//!   previous frame's tessellation and painting, and this frame's events
//!   and UI pass;
//! - `frame_us`: eframe's own figure for the previous frame
//!   (`Frame::info().cpu_usage`): wall time of the UI pass and rendering,
//!   without the wait for vsync (0 on the first frame);
//! - `tweets`: tweets the window has taken in from the network so far;
//! - `overflowed`: events the network worker could not hand over because
//!   the channel to the window was full (they are lost to the window).
//!
//! The UI thread only sends the numbers over a channel (never waiting: if
//! the writer falls 4,096 frames behind, lines are skipped); a thread of its
//! own formats and writes them, flushing whenever it has caught up, so the
//! file is current within a frame and the UI never waits on the disk.

use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write as _};
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender};

use super::ChirpApp;

/// Lines the writer may lag behind before new ones are skipped.
const BACKLOG: usize = 4_096;

struct FrameLog {
    lines: Sender<[u64; 5]>,
    /// The UI thread's CPU time at the previous line.
    last_cpu: Duration,
}

// Per thread rather than a field of `ChirpApp`: it belongs to the thread
// whose CPU time it reads, and keeps this benchmark hook out of the app's
// state (one env lookup per thread when it is off).
thread_local! {
    static FRAME_LOG: RefCell<Option<FrameLog>> = RefCell::new(FrameLog::from_env());
}

impl FrameLog {
    fn from_env() -> Option<Self> {
        let path = std::env::var_os("CHIRP_FRAME_LOG")?;
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| tracing::warn!(error = %e, ?path, "CHIRP_FRAME_LOG not opened"))
            .ok()?;
        let (lines, rx) = crossbeam_channel::bounded(BACKLOG);
        std::thread::Builder::new()
            .name("frame-log".into())
            .spawn(move || write_lines(file, &rx))
            .map_err(|e| tracing::warn!(error = %e, "CHIRP_FRAME_LOG: no writer thread"))
            .ok()?;
        Some(Self {
            lines,
            last_cpu: thread_cpu(),
        })
    }
}

/// CPU time this thread has used (user and system).
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap_or(0),
        u32::try_from(now.tv_nsec).unwrap_or(0),
    )
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

fn write_lines(file: File, lines: &Receiver<[u64; 5]>) {
    let mut out = BufWriter::new(file);
    for [unix_ms, cpu_us, frame_us, tweets, overflowed] in lines {
        let written = writeln!(out, "{unix_ms} {cpu_us} {frame_us} {tweets} {overflowed}")
            .and_then(|()| {
                if lines.is_empty() {
                    out.flush()
                } else {
                    Ok(())
                }
            });
        if let Err(e) = written {
            tracing::warn!(error = %e, "CHIRP_FRAME_LOG: writing stopped");
            return;
        }
    }
}

impl ChirpApp {
    /// Logs the frame that just ran its UI pass, when `CHIRP_FRAME_LOG` is set.
    pub(super) fn log_frame(&self, frame: &eframe::Frame) {
        FRAME_LOG.with_borrow_mut(|log| {
            let Some(log) = log else { return };
            let cpu = thread_cpu();
            let cpu_us = cpu.saturating_sub(log.last_cpu).as_micros();
            log.last_cpu = cpu;
            let frame_us = frame.info().cpu_usage.map_or(0.0, |s| f64::from(s) * 1e6);
            let unix_ms = chrono::Utc::now().timestamp_millis();
            let line = [
                u64::try_from(unix_ms).unwrap_or(0),
                u64::try_from(cpu_us).unwrap_or(u64::MAX),
                frame_us as u64,
                self.windows.diagnostics.tweets_received(),
                self.services.net.overflowed(),
            ];
            // Full: the writer is behind; this line is skipped, not waited for.
            let _ = log.lines.try_send(line);
        });
    }
}
