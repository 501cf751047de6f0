//! Issue 15 part 4, idle memory: the anonymous part of an idle empty
//! window's RSS (what Chirp and its libraries allocate; the file-backed
//! part is mostly Mesa's software GL), as the median of several starts,
//! with the mappings that hold it. `benches/idle_heap.py` breaks the heap
//! down by cause with heaptrack.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use clap::Args;

use crate::figures::{median, mib, proc_status_kb, verdict};
use crate::process::Guard;

#[derive(Args)]
pub(crate) struct IdleMemoryArgs {
    /// The release `chirp` binary.
    #[arg(long)]
    bin: PathBuf,
    /// A directory made by `make-profile` (no history: an empty window).
    #[arg(long)]
    profile: PathBuf,
    /// Starts measured; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Seconds after the start before measuring (the window shows within
    /// about 0.3 s; the rest lets it connect, subscribe and settle).
    #[arg(long, default_value_t = 4.0)]
    settle: f64,
    /// What is measured, for the report (e.g. the renderer).
    #[arg(long, default_value = "glow")]
    label: String,
    /// Environment for the window, `NAME=VALUE` (repeatable).
    #[arg(long)]
    env: Vec<String>,
}

/// One start: VmRSS, RssAnon, RssFile (kB), and anonymous kB by mapping.
struct Look {
    rss: u64,
    anon: u64,
    file: u64,
    by_mapping: Vec<(String, u64)>,
}

pub(crate) fn idle_memory(args: &IdleMemoryArgs) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let mut looks = Vec::new();
    for _ in 0..args.runs {
        looks.push(look_once(args)?);
        // Let the killed window's resources go before the next start.
        std::thread::sleep(Duration::from_millis(300));
    }
    let spread = |f: fn(&Look) -> u64| {
        let values: Vec<f64> = looks.iter().map(|l| mib(f(l))).collect();
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (median(&values), format!("{min:.1}–{max:.1}"))
    };
    let (rss, rss_range) = spread(|l| l.rss);
    let (anon, anon_range) = spread(|l| l.anon);
    let (file, file_range) = spread(|l| l.file);
    println!(
        "  {}: idle empty window, {} starts, {:.0} s after each: VmRSS {rss:.1} MiB ({rss_range}), anonymous {anon:.1} ({anon_range}), file-backed {file:.1} ({file_range})",
        args.label, args.runs, args.settle
    );
    if let Some(first) = looks.first() {
        let parts: Vec<String> = first
            .by_mapping
            .iter()
            .take(5)
            .map(|(name, kb)| format!("{name} {:.1}", mib(*kb)))
            .collect();
        println!(
            "    anonymous by mapping (MiB, first start): {}",
            parts.join(", ")
        );
    }
    println!(
        "    anonymous {anon:.1} MiB (target ≤ 40 MiB: {})",
        verdict(anon <= 40.0)
    );
    Ok(())
}

fn look_once(args: &IdleMemoryArgs) -> Result<Look> {
    let mut window = spawn(&args.bin, &args.profile, &args.env)?;
    let until = Instant::now() + Duration::from_secs_f64(args.settle);
    while Instant::now() < until {
        if let Some(status) = window.try_wait()? {
            let log = fs::read_to_string(args.profile.join("app.log")).unwrap_or_default();
            bail!("the window exited ({status}) while settling; its log:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = window.pid();
    let look = Look {
        rss: proc_status_kb(&pid, "VmRSS")?,
        anon: proc_status_kb(&pid, "RssAnon")?,
        file: proc_status_kb(&pid, "RssFile")?,
        by_mapping: anonymous_by_mapping(&pid)?,
    };
    window.kill();
    Ok(look)
}

fn spawn(bin: &Path, profile: &Path, env: &[String]) -> Result<Guard> {
    let mut command = crate::window::window_command(bin, profile)?;
    for pair in env {
        if let Some((name, value)) = pair.split_once('=') {
            command.env(name, value);
        }
    }
    Guard::spawn("chirp (window, idle)", &mut command)
}

/// Anonymous kB per mapping name from /proc/<pid>/smaps, largest first
/// (`[heap]`, `[anon]` for unnamed maps, a library for its relocated pages).
fn anonymous_by_mapping(pid: &str) -> Result<Vec<(String, u64)>> {
    crate::window::kb_by_mapping(pid, "Anonymous:")
}
