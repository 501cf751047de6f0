//! Part 1, ingest: one flood at full speed to Chirp (its core, or `chirp
//! follow`), mosquitto_sub and paho-mqtt, all at once (`--repeat` floods)
//! or each alone (`--repeat` rounds, each subscriber once a round).

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use clap::Args;

use crate::BrokerArgs;
use crate::figures::{Target, spread_thousands};
use crate::load::bench_tag;
use crate::throughput::{
    Audience, Flood, Subscriber, chirp_ratios, flood_payloads, flood_to, print_floods,
};

#[derive(Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    broker: BrokerArgs,
    #[arg(long, default_value_t = 100_000)]
    count: usize,
    /// benches/paho_sub.py
    #[arg(long)]
    paho: PathBuf,
    /// Measure this binary's `follow --json --count N` instead of Chirp's
    /// core in this process.
    #[arg(long)]
    follow_bin: Option<PathBuf>,
    /// One subscriber per run (Chirp's core, `chirp follow` with
    /// --follow-bin, mosquitto_sub, paho) instead of all three at once: what
    /// each takes with no other client competing for the cores.
    #[arg(long)]
    each_alone: bool,
    /// Floods (all at once), or rounds (--each-alone: each subscriber once a
    /// round); the median (min–max) is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

const VS_MOSQUITTO: Target = Target::at_least(0.9, "≥ 0.9");
const VS_PAHO: Target = Target::at_least(5.0, "≥ 5");

/// The targets, as the first line of a report states them.
fn targets(chirp_name: &str, runs: &str) -> String {
    format!(
        "targets: {chirp_name} / mosquitto_sub {}, {chirp_name} / paho-mqtt {} (msgs/s, median of the {runs}' ratios)",
        VS_MOSQUITTO.text, VS_PAHO.text
    )
}

/// Publishes `args.count` tweets at full speed to the subscribers in
/// `only` (all three when None), Chirp being its core in this process or
/// `chirp follow` with `follow_bin`.
fn flood(args: &IngestArgs, follow_bin: Option<&Path>, only: Option<Subscriber>) -> Result<Flood> {
    let tag = bench_tag("ingest")?;
    let payloads = flood_payloads(args.count, &tag)?;
    let audience = Audience {
        broker: &args.broker,
        paho: Some(&args.paho),
        follow_bin,
        only,
    };
    flood_to(&audience, &tag, payloads)
}

fn ratio_lines(chirp_name: &str, vs_mosquitto: &[f64], vs_paho: &[f64]) {
    println!(
        "  {chirp_name} / mosquitto_sub = {}",
        VS_MOSQUITTO.judge(vs_mosquitto, 2)
    );
    println!(
        "  {chirp_name} / paho-mqtt     = {}",
        VS_PAHO.judge(vs_paho, 2)
    );
}

pub(crate) fn ingest(args: &IngestArgs) -> Result<()> {
    if args.each_alone {
        return each_alone(args);
    }
    let repeat = args.repeat.max(1);
    let chirp_name = if args.follow_bin.is_some() {
        "chirp follow"
    } else {
        "Chirp core"
    };
    println!(
        "{repeat} floods of {} tweets, all three subscribed at once; {}",
        args.count,
        targets(chirp_name, "floods")
    );
    let floods = (0..repeat)
        .map(|_| flood(args, args.follow_bin.as_deref(), None))
        .collect::<Result<Vec<_>>>()?;
    let first = floods.first().ok_or_else(|| anyhow!("no flood ran"))?;
    println!(
        "v1 tweets ({} B average payload, UUID ids, ~100-char texts), each flood on a hashtag of its own ({} the first)",
        first.payload_bytes / first.count.max(1),
        first.topic
    );
    print_floods(&floods, "subscriber (all three at once)");
    ratio_lines(
        chirp_name,
        &chirp_ratios(&floods, Subscriber::MosquittoSub)?,
        &chirp_ratios(&floods, Subscriber::Paho)?,
    );
    Ok(())
}

/// The same flood to one subscriber at a time, `--repeat` rounds of each
/// once: what each takes when no other client competes for the cores.
fn each_alone(args: &IngestArgs) -> Result<()> {
    let mut runs: Vec<(Subscriber, Option<&Path>)> = vec![(Subscriber::Chirp, None)];
    if let Some(bin) = &args.follow_bin {
        runs.push((Subscriber::Chirp, Some(bin.as_path())));
    }
    runs.push((Subscriber::MosquittoSub, None));
    runs.push((Subscriber::Paho, None));
    let repeat = args.repeat.max(1);
    println!(
        "{repeat} rounds of {} tweets a run, one subscriber per run, each once a round; {}",
        args.count,
        targets("Chirp alone", "rounds")
    );
    println!("msgs/s from its first message to its last, median (min–max) of the rounds");
    // Per subscriber: its name, its rate and the publisher's in each round.
    let mut seen: Vec<(String, Vec<f64>, Vec<f64>)> =
        vec![(String::new(), Vec::new(), Vec::new()); runs.len()];
    for _ in 0..repeat {
        for (&(only, follow_bin), (name, rates, publisher)) in runs.iter().zip(&mut seen) {
            let flood = flood(args, follow_bin, Some(only))?;
            let window = flood
                .windows()
                .next()
                .ok_or_else(|| anyhow!("no subscriber ran"))?;
            name.clone_from(&window.name);
            rates.push(window.rate());
            publisher.push(flood.publish_rate());
        }
    }
    for (name, rates, publisher) in &seen {
        println!(
            "  {name:<40} {:>26} msgs/s   publisher reached {} msgs/s",
            spread_thousands(rates),
            spread_thousands(publisher)
        );
    }
    let rates: Vec<&[f64]> = seen.iter().map(|(_, rates, _)| rates.as_slice()).collect();
    let (mosquitto, paho) = (rates[rates.len() - 2], rates[rates.len() - 1]);
    let per_round = |chirp: &[f64], other: &[f64]| -> Vec<f64> {
        chirp.iter().zip(other).map(|(c, o)| c / o).collect()
    };
    let chirps = [
        (rates[0], "Chirp core alone"),
        (rates[1], "chirp follow alone"),
    ];
    for (chirp, name) in chirps.iter().take(rates.len() - 2) {
        ratio_lines(name, &per_round(chirp, mosquitto), &per_round(chirp, paho));
    }
    Ok(())
}
