//! Parts 4–5, the window under Xvfb: its idle RSS and its start-up time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Result, bail, ensure};
use clap::Args;

use crate::cost::cpu_seconds;
use crate::figures::{Target, mib, proc_status_kb, spread};
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
    /// Starts measured (the median (min–max) is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

const IDLE_RSS: Target = Target::at_most(60e6 / 1_048_576.0, "≤ 60 MB");
const STARTUP: Target = Target::at_most(300.0, "≤ 300 ms");

/// One start of the window, once idle: when it was visible (ms after
/// exec), its memory figures (kB), CPU so far and largest mappings.
struct IdleLook {
    visible_ms: f64,
    rss: u64,
    anon: u64,
    file: u64,
    shmem: u64,
    hwm: u64,
    cpu: f64,
    top: Vec<(String, u64)>,
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

fn look_idle(args: &GuiIdleArgs) -> Result<IdleLook> {
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
    let look = IdleLook {
        visible_ms: (visible - started).as_secs_f64() * 1e3,
        rss: proc_status_kb(&pid, "VmRSS")?,
        anon: proc_status_kb(&pid, "RssAnon")?,
        file: proc_status_kb(&pid, "RssFile")?,
        shmem: proc_status_kb(&pid, "RssShmem")?,
        hwm: proc_status_kb(&pid, "VmHWM")?,
        cpu: cpu_seconds(&pid)?,
        top: top_mappings(&pid, 5)?,
    };
    window.kill();
    Ok(look)
}

pub(crate) fn gui_idle(args: &GuiIdleArgs) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    println!(
        "{}: {} starts, each measured {:.1} s after it was visible; target: idle RSS {} (median of the starts)",
        args.label,
        args.runs,
        args.settle_ms as f64 / 1e3,
        IDLE_RSS.text
    );
    let mut looks = Vec::new();
    for _ in 0..args.runs {
        looks.push(look_idle(args)?);
        // Let the killed window's resources go before the next start.
        std::thread::sleep(Duration::from_millis(300));
    }
    let each = |figure: fn(&IdleLook) -> f64| -> Vec<f64> { looks.iter().map(figure).collect() };
    println!(
        "  visible after {} ms; median (min–max) of the starts, MiB unless said:",
        spread(&each(|l| l.visible_ms), 0)
    );
    println!(
        "  VmRSS {} = anonymous {} + file-backed {} + shared memory {}; peak (VmHWM) {}; CPU used so far {} s",
        spread(&each(|l| mib(l.rss)), 1),
        spread(&each(|l| mib(l.anon)), 1),
        spread(&each(|l| mib(l.file)), 1),
        spread(&each(|l| mib(l.shmem)), 1),
        spread(&each(|l| mib(l.hwm)), 1),
        spread(&each(|l| l.cpu), 2)
    );
    let top: Vec<String> = looks[0]
        .top
        .iter()
        .map(|(name, kb)| {
            let short = Path::new(name)
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            format!("{short} {:.1}", mib(*kb))
        })
        .collect();
    println!(
        "  largest resident mappings (MiB, first start): {}",
        top.join(", ")
    );
    println!(
        "  idle RSS, MiB: {}",
        IDLE_RSS.judge(&each(|l| mib(l.rss)), 1)
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
    let runs: Vec<String> = times_ms.iter().map(|t| format!("{t:.0}")).collect();
    println!(
        "  {:<34} {} runs (after {} warm-up) {} ms; median (min–max) ms {}",
        format!("{}:", args.label),
        args.runs,
        args.warmup,
        runs.join(", "),
        STARTUP.judge(&times_ms, 0)
    );
    Ok(())
}
