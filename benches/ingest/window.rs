//! Parts 4–5, the window under Xvfb: its idle RSS and its start-up time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use clap::Args;

use crate::cost::cpu_seconds;
use crate::figures::{median, mib, proc_status_kb, verdict};
use crate::process::{Guard, tool_exists};

#[derive(Args)]
pub(crate) struct GuiIdleArgs {
    /// The release `chirp` binary.
    #[arg(long)]
    bin: PathBuf,
    /// A directory made by `make-profile`.
    #[arg(long)]
    profile: PathBuf,
    #[arg(long, default_value_t = 2000)]
    settle_ms: u64,
    /// What the profile holds, for the report.
    #[arg(long, default_value = "empty profile")]
    label: String,
}

#[derive(Args)]
pub(crate) struct GuiStartupArgs {
    #[arg(long)]
    bin: PathBuf,
    #[arg(long)]
    profile: PathBuf,
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Runs before the measured ones (file cache, shader cache), not counted.
    #[arg(long, default_value_t = 1)]
    warmup: usize,
    #[arg(long, default_value = "empty profile")]
    label: String,
}

/// The command that starts the window on `profile` (isolated XDG config,
/// data and runtime dirs; X11 only; its output appended to app.log there).
pub(crate) fn window_command(bin: &Path, profile: &Path) -> Result<Command> {
    ensure!(
        std::env::var_os("DISPLAY").is_some(),
        "DISPLAY is not set (run under Xvfb)"
    );
    ensure!(tool_exists("xdotool"), "xdotool is not installed");
    let runtime = profile.join("run");
    fs::create_dir_all(&runtime)?;
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(&runtime, fs::Permissions::from_mode(0o700))?;
    }
    let log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(profile.join("app.log"))?;
    let mut command = Command::new(bin);
    command
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .env("XDG_DATA_HOME", profile.join("data"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    Ok(command)
}

fn spawn_window(bin: &Path, profile: &Path) -> Result<Guard> {
    Guard::spawn("chirp (window)", &mut window_command(bin, profile)?)
}

/// Polls `xdotool search --onlyvisible --pid` until the window is mapped and
/// viewable; returns when it was first seen. (`--sync` polls only every
/// half second, too coarse to time a start-up.)
pub(crate) fn wait_visible(
    window: &mut Guard,
    profile: &Path,
    deadline: Instant,
) -> Result<Instant> {
    let pid = window.pid();
    loop {
        if let Some(status) = window.try_wait()? {
            let log = fs::read_to_string(profile.join("app.log")).unwrap_or_default();
            bail!("the window exited ({status}) before it was visible; its log:\n{log}");
        }
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--pid", &pid])
            .stderr(Stdio::null())
            .output()?;
        let now = Instant::now();
        if found.status.success() && !found.stdout.trim_ascii().is_empty() {
            return Ok(now);
        }
        if now >= deadline {
            bail!("no visible window after the deadline");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The mappings holding the most resident memory, from /proc/<pid>/smaps.
fn top_mappings(pid: &str, n: usize) -> Result<Vec<(String, u64)>> {
    let mut sorted = kb_by_mapping(pid, "Rss:")?;
    sorted.truncate(n);
    Ok(sorted)
}

/// kB of `field` ("Rss:", "Anonymous:") per mapping name from
/// /proc/<pid>/smaps, largest first (`[anon]` for unnamed maps, a file by
/// its name).
pub(crate) fn kb_by_mapping(pid: &str, field: &str) -> Result<Vec<(String, u64)>> {
    let smaps = fs::read_to_string(format!("/proc/{pid}/smaps"))?;
    let mut by_name: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut current = String::from("[anon]");
    for line in smaps.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let is_header = fields.first().is_some_and(|f| f.contains('-'))
            && fields.get(1).is_some_and(|f| f.len() == 4);
        if is_header {
            let name = fields.get(5..).map_or(String::new(), |rest| rest.join(" "));
            current = match Path::new(&name).file_name() {
                _ if name.is_empty() => "[anon]".into(),
                Some(file) if name.starts_with('/') => file.to_string_lossy().into_owned(),
                _ => name,
            };
        } else if let Some(kb) = line.strip_prefix(field).and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        }) {
            *by_name.entry(current.clone()).or_default() += kb;
        }
    }
    let mut sorted: Vec<(String, u64)> = by_name.into_iter().collect();
    sorted.sort_by_key(|(_, kb)| std::cmp::Reverse(*kb));
    Ok(sorted)
}

pub(crate) fn gui_idle(args: &GuiIdleArgs) -> Result<()> {
    let mut window = spawn_window(&args.bin, &args.profile)?;
    let started = Instant::now();
    let visible = wait_visible(
        &mut window,
        &args.profile,
        Instant::now() + Duration::from_secs(60),
    )?;
    std::thread::sleep(Duration::from_millis(args.settle_ms));
    if let Some(status) = window.try_wait()? {
        bail!("the window exited ({status}) while settling");
    }
    let pid = window.pid();
    let rss = proc_status_kb(&pid, "VmRSS")?;
    let anon = proc_status_kb(&pid, "RssAnon")?;
    let file = proc_status_kb(&pid, "RssFile")?;
    let shmem = proc_status_kb(&pid, "RssShmem")?;
    let hwm = proc_status_kb(&pid, "VmHWM")?;
    let cpu = cpu_seconds(&pid)?;
    let top = top_mappings(&pid, 5)?;
    window.kill();

    println!(
        "{}: visible after {:.0} ms, then {:.1} s idle",
        args.label,
        (visible - started).as_secs_f64() * 1e3,
        args.settle_ms as f64 / 1e3
    );
    println!(
        "  VmRSS {:.1} MiB = anonymous {:.1} + file-backed {:.1} + shared memory {:.1}; peak (VmHWM) {:.1} MiB; CPU used so far {:.2} s",
        mib(rss),
        mib(anon),
        mib(file),
        mib(shmem),
        mib(hwm),
        cpu
    );
    let top: Vec<String> = top
        .iter()
        .map(|(name, kb)| {
            let short = Path::new(name)
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            format!("{short} {:.1}", mib(*kb))
        })
        .collect();
    println!("  largest resident mappings (MiB): {}", top.join(", "));
    println!(
        "  idle RSS {:.1} MiB (target ≤ 60 MB: {})",
        mib(rss),
        verdict(rss as f64 * 1024.0 <= 60e6)
    );
    Ok(())
}

pub(crate) fn gui_startup(args: &GuiStartupArgs) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let mut times_ms = Vec::new();
    for run in 0..args.warmup + args.runs {
        let started = Instant::now();
        let mut window = spawn_window(&args.bin, &args.profile)?;
        let visible = wait_visible(
            &mut window,
            &args.profile,
            started + Duration::from_secs(60),
        )?;
        window.kill();
        if run >= args.warmup {
            times_ms.push((visible - started).as_secs_f64() * 1e3);
        }
        // Let the killed window's resources go before the next start.
        std::thread::sleep(Duration::from_millis(300));
    }
    let median_ms = median(&times_ms);
    let runs: Vec<String> = times_ms.iter().map(|t| format!("{t:.0}")).collect();
    println!(
        "  {:<34} runs {} ms → median {median_ms:.0} ms (target ≤ 300 ms: {})",
        format!("{}:", args.label),
        runs.join(", "),
        verdict(median_ms <= 300.0)
    );
    Ok(())
}
