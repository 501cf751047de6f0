//! Chirp's benchmarks next to the plain MQTT tools: ingest throughput (Chirp's
//! core, and `chirp follow`, beside `mosquitto_sub` and a paho-mqtt Python
//! subscriber), publish → timeline latency, memory per tweet held, and the
//! window's idle memory and start-up time under Xvfb.
//!
//! Not a timed test: it prints figures. `bash benches/run.sh` installs the
//! tools, builds in release, starts its own mosquitto (and Xvfb) and runs
//! each part here as a subcommand; `--help` lists them. Without a
//! subcommand (as `cargo test --all-targets` and a bare `cargo bench` run
//! it) it only says so and exits.
//!
//! The parts live in `benches/ingest/` (one file each, with shared helpers
//! for processes, the load and the subscribers); cargo takes only this file
//! as a bench, as it does not look for benches in subdirectories without a
//! `main.rs`.

// Harness code: a benchmark that cannot measure should stop loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

#[path = "ingest/backlog.rs"]
mod backlog;
#[path = "ingest/cost.rs"]
mod cost;
#[path = "ingest/cpu.rs"]
mod cpu;
#[path = "ingest/crowd.rs"]
mod crowd;
#[path = "ingest/figures.rs"]
mod figures;
#[path = "ingest/ingest_part.rs"]
mod ingest_part;
#[path = "ingest/latency.rs"]
mod latency;
#[path = "ingest/load.rs"]
mod load;
#[path = "ingest/memory.rs"]
mod memory;
#[path = "ingest/mixed.rs"]
mod mixed;
#[path = "ingest/process.rs"]
mod process;
#[path = "ingest/profile.rs"]
mod profile;
#[path = "ingest/signed.rs"]
mod signed;
#[path = "ingest/subscribers.rs"]
mod subscribers;
#[path = "ingest/throughput.rs"]
mod throughput;
#[path = "ingest/window.rs"]
mod window;

// Issue 15 parts 3 and 4: the soak of the real window and its idle memory
// (their own section, so the parts added next to them merge cleanly).
#[path = "ingest/idle.rs"]
mod idle;
#[path = "ingest/soak.rs"]
mod soak;
#[path = "ingest/soak_report.rs"]
mod soak_report;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, CommandFactory as _, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ingest",
    about = "Chirp's benchmarks; `bash benches/run.sh` runs them all"
)]
struct Cli {
    #[command(subcommand)]
    part: Part,
}

#[derive(Subcommand)]
enum Part {
    /// Throughput of Chirp's core (or of `chirp follow`) next to
    /// mosquitto_sub and paho-mqtt, all subscribed to one flood at once.
    Ingest(ingest_part::IngestArgs),
    /// The ingest flood with every payload signed, next to it unsigned;
    /// µs per verification and per signature, in this process.
    Signed(signed::SignedArgs),
    /// Signed tweets with signed likes and reposts among them, to Chirp's
    /// core and mosquitto_sub at once.
    Mixed(mixed::MixedArgs),
    /// CPU per tweet of mosquitto_sub, paho-mqtt, `chirp follow` and the
    /// window (needs DISPLAY), each its own process, on one flood at once.
    Cpu(cpu::CpuArgs),
    /// A backlog queued for persistent sessions, drained by mosquitto_sub
    /// -c, `chirp follow --session` and the window (needs DISPLAY).
    Backlog(backlog::BacklogArgs),
    /// Publish → timeline latency at a steady rate, next to mosquitto_sub's.
    Latency(latency::LatencyArgs),
    /// RSS per tweet held in a Timeline (no broker).
    Memory(memory::MemoryArgs),
    /// A GUI profile (settings.json for the broker, optional history).
    MakeProfile(profile::ProfileArgs),
    /// The window's RSS once idle (needs DISPLAY).
    GuiIdle(window::GuiIdleArgs),
    /// Time from exec to a visible window, median of runs (needs DISPLAY).
    GuiStartup(window::GuiStartupArgs),
    /// The window following many hashtags under a paced flood for minutes:
    /// RSS, history file and CPU per tweet over time (needs DISPLAY).
    Soak(soak::SoakArgs),
    /// The anonymous RSS of an idle empty window, median of starts.
    IdleMemory(idle::IdleMemoryArgs),
    /// Many Chirp cores posting at once, a follower on every hashtag,
    /// against mosquitto and `chirp broker`; the built-in broker's limits.
    Crowd(crowd::CrowdArgs),
}

/// The broker a part runs against (`bash benches/run.sh` starts it).
#[derive(Args)]
struct BrokerArgs {
    /// The benchmark broker's port on 127.0.0.1.
    #[arg(long)]
    port: u16,
    /// Its log file, written with `log_type subscribe`: how subscribers are
    /// known to be ready before anything is published.
    #[arg(long)]
    broker_log: PathBuf,
    /// Seconds any one stage may take before the part fails.
    #[arg(long, default_value_t = 180)]
    timeout: u64,
}

impl BrokerArgs {
    fn deadline(&self) -> Instant {
        Instant::now() + Duration::from_secs(self.timeout)
    }
}

/// Whether `first` names a part (or asks for help), as clap itself knows
/// them: its subcommands (`help` included) and its flags.
fn names_a_part(first: &str) -> bool {
    let mut cli = Cli::command();
    cli.build();
    let is_part = cli
        .get_subcommands()
        .any(|part| part.get_name() == first || part.get_all_aliases().any(|a| a == first));
    let is_flag = cli.get_arguments().any(|arg| {
        let long = arg.get_long().map(|long| format!("--{long}"));
        let short = arg.get_short().map(|short| format!("-{short}"));
        [long, short]
            .into_iter()
            .flatten()
            .any(|flag| flag == first)
    });
    is_part || is_flag
}

fn main() {
    // `cargo bench` adds `--bench`; `cargo test --all-targets` runs this with
    // whatever test arguments it was given. Neither names a part.
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    if !args.get(1).is_some_and(|first| names_a_part(first)) {
        println!(
            "ingest bench: nothing to run without a part; `bash benches/run.sh` runs them all"
        );
        return;
    }
    let cli = Cli::parse_from(args);
    let result = match cli.part {
        Part::Ingest(args) => ingest_part::ingest(&args),
        Part::Signed(args) => signed::signed(&args),
        Part::Mixed(args) => mixed::mixed(&args),
        Part::Cpu(args) => cpu::cpu(&args),
        Part::Backlog(args) => backlog::backlog(&args),
        Part::Latency(args) => latency::latency(&args),
        Part::Memory(args) => memory::memory(&args),
        Part::MakeProfile(args) => profile::make_profile(&args),
        Part::GuiIdle(args) => window::gui_idle(&args),
        Part::GuiStartup(args) => window::gui_startup(&args),
        Part::Soak(args) => soak::soak(&args),
        Part::IdleMemory(args) => idle::idle_memory(&args),
        Part::Crowd(args) => crowd::crowd(&args),
    };
    if let Err(e) = result {
        eprintln!("bench failed: {e:#}");
        std::process::exit(1);
    }
}
