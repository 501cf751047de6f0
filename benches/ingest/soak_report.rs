//! The soak's figures (see `soak.rs`): RSS per sample, CPU per tweet per
//! period, the history file, the targets of issue 15 part 3, and the RSS
//! chart drawn with plotters as SVG.

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::figures::{mib, thousands, verdict};

/// One look at the window from `/proc` and its data directory.
pub(crate) struct Sample {
    /// Seconds since publishing started.
    pub(crate) at: f64,
    /// Tweets published so far.
    pub(crate) published: u64,
    pub(crate) rss_kb: u64,
    pub(crate) anon_kb: u64,
    pub(crate) file_kb: u64,
    /// history.sqlite3 with its -wal and -shm.
    pub(crate) history_bytes: u64,
    pub(crate) cpu_s: f64,
}

pub(crate) struct Soak {
    pub(crate) rate: u32,
    pub(crate) seconds: u64,
    pub(crate) tags: usize,
    pub(crate) sent: u64,
    pub(crate) samples: Vec<Sample>,
    pub(crate) period_secs: u64,
    pub(crate) history_limit: usize,
    pub(crate) history_rows: u64,
    pub(crate) pid: String,
}

/// CPU per tweet (µs) in each period: CPU used over tweets published.
fn cpu_per_period(soak: &Soak) -> Vec<(f64, u64, f64)> {
    let step = soak.period_secs as f64;
    let mut periods = Vec::new();
    let mut from = &soak.samples[0];
    for sample in &soak.samples[1..] {
        if sample.at + 0.5 >= from.at + step {
            let tweets = sample.published.saturating_sub(from.published);
            let cpu = sample.cpu_s - from.cpu_s;
            periods.push((cpu, tweets, cpu * 1e6 / tweets.max(1) as f64));
            from = sample;
        }
    }
    periods
}

pub(crate) fn report(soak: &Soak, chart: &Path) -> Result<()> {
    let last = soak.samples.last().ok_or_else(|| anyhow!("no samples"))?;
    println!(
        "{} tweets/s for {} s over {} hashtags from 500 authors: {} sent ({} tweets/s achieved); the window (pid {}) follows all of them with default settings; one run",
        thousands(f64::from(soak.rate)),
        soak.seconds,
        soak.tags,
        thousands(soak.sent as f64),
        thousands(soak.sent as f64 / last.at.max(1e-9)),
        soak.pid
    );
    println!("     s   published   VmRSS MiB   anon MiB   file MiB   history MiB   CPU s");
    for s in &soak.samples {
        println!(
            "  {:>4.0}  {:>10}  {:>10.1}  {:>9.1}  {:>9.1}  {:>12.2}  {:>6.1}",
            s.at,
            thousands(s.published as f64),
            mib(s.rss_kb),
            mib(s.anon_kb),
            mib(s.file_kb),
            s.history_bytes as f64 / 1048576.0,
            s.cpu_s
        );
    }
    let periods = cpu_per_period(soak);
    println!("  CPU per tweet, each {} s:", soak.period_secs);
    for (i, (cpu, tweets, us)) in periods.iter().enumerate() {
        println!(
            "    {:>2}: {cpu:>6.2} s CPU / {:>9} tweets = {us:>6.1} µs per tweet",
            i + 1,
            thousands(*tweets as f64)
        );
    }
    targets(soak, &periods);
    draw(soak, chart)?;
    println!("  chart: {}", chart.display());
    Ok(())
}

fn targets(soak: &Soak, periods: &[(f64, u64, f64)]) {
    let half = soak.seconds as f64 / 2.0;
    let peak = |first: bool, f: &dyn Fn(&Sample) -> u64| {
        soak.samples
            .iter()
            .filter(|s| (s.at <= half) == first)
            .map(f)
            .max()
            .unwrap_or(0)
    };
    let (rss_first, rss_last) = (peak(true, &|s| s.rss_kb), peak(false, &|s| s.rss_kb));
    println!(
        "  RSS: first half's peak {:.1} MiB, second half's peak {:.1} MiB (target ≤ first + 5 % = {:.1} MiB: {})",
        mib(rss_first),
        mib(rss_last),
        mib(rss_first) * 1.05,
        verdict(rss_last as f64 <= rss_first as f64 * 1.05)
    );
    let (h_first, h_last) = (
        peak(true, &|s| s.history_bytes),
        peak(false, &|s| s.history_bytes),
    );
    // The file can only stop growing once the bound is reached; before
    // that (a short run) only the row count is judged.
    let full_early = soak
        .samples
        .iter()
        .any(|s| s.at <= half / 2.0 && s.published >= soak.history_limit as u64);
    let flat = h_last as f64 <= h_first as f64 * 1.05;
    let bounded = soak.history_rows <= soak.history_limit as u64 && (flat || !full_early);
    println!(
        "  history: {} tweets kept of {} received (bound {}); file with -wal/-shm peaks {:.2} MiB in the first half, {:.2} MiB in the second{} (target: within its bound, not growing once full: {})",
        thousands(soak.history_rows as f64),
        thousands(soak.sent as f64),
        thousands(soak.history_limit as f64),
        h_first as f64 / 1048576.0,
        h_last as f64 / 1048576.0,
        if full_early {
            ""
        } else {
            "; the bound was not reached early on, so only the rows are judged"
        },
        verdict(bounded)
    );
    if let (Some(second), Some(last)) = (periods.get(1), periods.last()) {
        let change = (last.2 - second.2) / second.2 * 100.0;
        println!(
            "  CPU per tweet: second period {:.1} µs, last {:.1} µs ({change:+.1} %; target within 10 %: {})",
            second.2,
            last.2,
            verdict(change.abs() <= 10.0)
        );
    }
}

/// A line of the chart: its label, colour and value (MiB) per sample.
type Line = (&'static str, RGBColor, fn(&Sample) -> f64);

/// VmRSS, its anonymous and file-backed parts and the history file, MiB
/// against minutes.
fn draw(soak: &Soak, path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let top = soak
        .samples
        .iter()
        .map(|s| mib(s.rss_kb))
        .fold(0.0, f64::max)
        * 1.1;
    let end = soak.seconds as f64 / 60.0;
    let root = SVGBackend::new(path, (900, 500)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let caption = format!(
        "Chirp window soak: {} tweets/s over {} hashtags, RSS every sample",
        soak.rate, soak.tags
    );
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(55)
        .build_cartesian_2d(0f64..end, 0f64..top.max(1.0))
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .max_light_lines(1)
        .x_desc("minutes")
        .y_desc("MiB")
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    let lines: [Line; 4] = [
        ("VmRSS", RED, |s| mib(s.rss_kb)),
        ("anonymous", BLUE, |s| mib(s.anon_kb)),
        ("file-backed", GREEN, |s| mib(s.file_kb)),
        ("history file", BLACK, |s| {
            s.history_bytes as f64 / 1048576.0
        }),
    ];
    for (label, colour, value) in lines {
        let points = soak.samples.iter().map(|s| (s.at / 60.0, value(s)));
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map_err(|e| anyhow!("{e}"))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .border_style(BLACK)
        .background_style(WHITE)
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}
