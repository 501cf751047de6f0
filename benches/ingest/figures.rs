//! Clocks and figures: wall clocks comparable across processes, percentiles,
//! and `/proc` memory figures.

use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result, anyhow};

/// Wall clock, Unix seconds: comparable across processes (mosquitto_sub's
/// `%U`, Python's `time.time()`).
pub(crate) fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

pub(crate) fn unix_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// mosquitto_sub's `%U`, `1795317007.928239139`, in nanoseconds.
pub(crate) fn parse_unix_ns(text: &str) -> Option<i128> {
    let (secs, frac) = text.split_once('.')?;
    let secs: i128 = secs.parse().ok()?;
    let frac = format!("{frac:0<9}");
    let frac: i128 = frac.get(..9)?.parse().ok()?;
    Some(secs * 1_000_000_000 + frac)
}

/// 123456 → "123,456".
pub(crate) fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// Nearest-rank percentile of sorted values.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub(crate) fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// "median (min–max)" of `values`, formatted with `decimals`.
pub(crate) fn spread(values: &[f64], decimals: usize) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{:.decimals$} ({min:.decimals$}–{max:.decimals$})",
        median(values)
    )
}

/// A `/proc/<pid>/status` figure in kB (VmRSS, RssAnon, …).
pub(crate) fn proc_status_kb(pid: &str, field: &str) -> Result<u64> {
    let path = format!("/proc/{pid}/status");
    let status = fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no {field} in {path}"))
}

pub(crate) fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// A target a figure is judged against, as the report states it.
#[derive(Clone, Copy)]
pub(crate) struct Target {
    /// How the report states it: "≥ 0.9", "≤ +1 ms".
    pub(crate) text: &'static str,
    bound: f64,
    at_most: bool,
}

impl Target {
    pub(crate) const fn at_least(bound: f64, text: &'static str) -> Target {
        Target {
            text,
            bound,
            at_most: false,
        }
    }

    pub(crate) const fn at_most(bound: f64, text: &'static str) -> Target {
        Target {
            text,
            bound,
            at_most: true,
        }
    }

    pub(crate) fn met(self, value: f64) -> bool {
        if self.at_most {
            value <= self.bound
        } else {
            value >= self.bound
        }
    }

    /// "median (min–max) (target ≥ 0.9: met)", judged on the median.
    pub(crate) fn judge(self, values: &[f64], decimals: usize) -> String {
        format!(
            "{} (target {}: {})",
            spread(values, decimals),
            self.text,
            verdict(self.met(median(values)))
        )
    }
}

/// "median (min–max)" of rates, with thousands separators.
pub(crate) fn spread_thousands(values: &[f64]) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{} ({}–{})",
        thousands(median(values)),
        thousands(min),
        thousands(max)
    )
}
