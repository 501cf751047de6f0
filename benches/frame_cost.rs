//! Frame cost: the real app's UI code (`ChirpApp::frame_ui`) run in a
//! headless egui context, with 1k, 100k and 1M tweets in the timeline while
//! 10k tweets/s arrive (from 500 authors, the flood guard off), then the
//! same 10k tweets/s from one author with the flood guard on (held back,
//! one line counting them); then with 1M held and one arrival in 100
//! written as long ago as the middle of the timeline (a late tweet placed
//! halfway down: the most a place by time costs); then emoji-heavy tweets
//! (issue 17) with the bundled monochrome emoji and with the system's
//! colour emoji font. Prints the median and p99 CPU time per frame, as the
//! median (min–max) of `--repeat N` runs, and the targets.
//!
//! `cargo bench --bench frame_cost [-- --small] [--repeat N]`; `cargo test`
//! runs it small.

// Harness code: a benchmark that cannot measure should stop loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

#[path = "common/repeat.rs"]
mod repeat;
use repeat::repeat_arg;
use std::time::{Duration, Instant};

use chirp::core::connection::net::{ConnectionConfig, NetEvent, NetLink};
use chirp::core::desktop::settings::Settings;
use chirp::core::model::timeline::{Delivery, HistoryEntry, TimelineEntry};
use chirp::core::model::tweet::{Tweet, WireFormat};
use chirp::ui::ChirpApp;

/// 60 fps: how many tweets arrive between two frames at 10k tweets/s.
const ARRIVALS_PER_FRAME: usize = 10_000 / 60;

/// Emoji for the emoji-heavy text: faces, animals, food, hearts, flags,
/// skin tones and a family, so that many glyphs are drawn, not one.
const EMOJI: &[&str] = &[
    "😀",
    "😅",
    "😍",
    "🤔",
    "😭",
    "🥳",
    "🐦",
    "🐌",
    "🦀",
    "🐝",
    "🌱",
    "🍅",
    "🌻",
    "☕",
    "🍕",
    "🎉",
    "❤️",
    "💙",
    "🔥",
    "✨",
    "👍🏽",
    "👋🏿",
    "🙏",
    "🇩🇪",
    "🇯🇵",
    "🇧🇷",
    "👨‍👩‍👧",
    "✉",
    "↩",
    "🚲",
    "🌧",
    "🎸",
];

/// What the tweets say: plain sentences, or the same with ten emoji each.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    Plain,
    EmojiHeavy,
}

/// Which fonts the context has: egui's defaults (the rows before issue
/// 17), or the window's (`chirp::ui::fonts`) without or with colour emoji.
#[derive(Clone, Copy, PartialEq)]
enum Fonts {
    Default,
    Monochrome,
    Colour,
}

/// Where the tweets come from: 500 authors, or one flooding author; or
/// 500 authors with one tweet in `LATE_EVERY` written long ago.
#[derive(Clone, Copy, PartialEq)]
enum Authors {
    Many,
    OneFlooding,
    ManyLate,
}

fn text(n: usize, text: Text) -> String {
    let plain = format!(
        "Tweet number {n}: a realistic sentence or two about #rust and MQTT, roughly a hundred characters."
    );
    if text == Text::Plain {
        return plain;
    }
    let emoji: Vec<&str> = (0..10)
        .map(|i| EMOJI[(n * 7 + i * 3) % EMOJI.len()])
        .collect();
    format!("{} {} {}", emoji[..4].join(" "), plain, emoji[4..].join(""))
}

const LATE_EVERY: usize = 100;

fn tweet(n: usize, authors: Authors, text_kind: Text) -> Tweet {
    let user = match authors {
        Authors::Many | Authors::ManyLate => format!("user{}", n % 500),
        Authors::OneFlooding => "spammer".to_owned(),
    };
    Tweet {
        quote: None,
        deferred_signature: None,
        id: format!("bench-{n}"),
        user: Some(user),
        text: text(n, text_kind),
        tags: vec!["chirp".to_owned()],
        sent_at: Some(chrono::Utc::now()),
        received_at: chrono::Utc::now(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// One measured setting: tweets held, frames measured, their authors and
/// text, and the fonts.
#[derive(Clone, Copy)]
struct Case {
    held: usize,
    frames: usize,
    authors: Authors,
    text: Text,
    fonts: Fonts,
}

/// One run of a case: the median, p99 and first frame.
struct Run {
    median: Duration,
    p99: Duration,
    first: Duration,
}

/// An app holding `held` tweets of history, room for `frames` frames of
/// arrivals, and the channel its events come in on.
struct Held {
    app: ChirpApp,
    events: crossbeam_channel::Sender<NetEvent>,
    /// Kept open: the app's commands go nowhere, but don't fail.
    _commands: tokio::sync::mpsc::UnboundedReceiver<chirp::core::connection::net::NetCommand>,
}

fn holding(case: Case) -> Held {
    let (commands, command_rx) = tokio::sync::mpsc::unbounded_channel();
    let (events, event_rx) = crossbeam_channel::unbounded();
    let settings = Settings {
        username: "bench".into(),
        timeline_limit: case.held + case.frames * ARRIVALS_PER_FRAME,
        client_id: "bench".into(),
        // 500 authors at 20 tweets/s each would be held back: off, so the
        // timeline's own cost is measured; on for the flood.
        flood_rate: if case.authors == Authors::OneFlooding {
            20
        } else {
            0
        },
        ..Settings::default()
    };
    let config = ConnectionConfig::new(settings.active().broker, settings.client_id.clone());
    let app = ChirpApp::new(settings, NetLink::new(commands, event_rx), config);
    let history: Vec<HistoryEntry> = (0..case.held)
        .rev()
        .map(|n| HistoryEntry {
            tweet: tweet(n, Authors::Many, case.text),
            own: false,
            delivery: Delivery::Received,
        })
        .collect();
    events
        .send(NetEvent::History(history))
        .expect("app listens");
    Held {
        app,
        events,
        _commands: command_rx,
    }
}

/// A headless context with the case's fonts.
fn context(fonts: Fonts) -> egui::Context {
    let ctx = egui::Context::default();
    match fonts {
        Fonts::Default => {}
        Fonts::Monochrome => {
            ctx.set_fonts(chirp::ui::fonts::definitions(None));
        }
        Fonts::Colour => {
            let found = chirp::ui::fonts::find_colour_font(&chirp::ui::fonts::candidates())
                .expect("a colour emoji font (fonts-noto-color-emoji)");
            ctx.set_fonts(chirp::ui::fonts::definitions(Some(&found)));
        }
    }
    ctx
}

fn measure(case: Case) -> Run {
    let Held {
        mut app,
        events,
        _commands,
    } = holding(case);

    let ctx = context(case.fonts);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1040.0, 720.0),
        )),
        ..Default::default()
    };
    // One frame as eframe does it, minus the GPU: the UI pass, then
    // tessellating what it drew.
    let frame = |app: &mut ChirpApp| {
        let mut output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    // Warm up: history taken in, fonts and layouts cached; the first frame
    // (every glyph on screen rasterized) is reported on its own.
    let started = Instant::now();
    frame(&mut app);
    let first = started.elapsed();
    for _ in 0..9 {
        frame(&mut app);
    }
    assert!(app.timeline().len() >= case.held, "history loaded");
    let timeline = app.timeline();
    let middle = (timeline.get(timeline.len() / 2)).map(TimelineEntry::shown_time);

    let mut next = case.held;
    let mut times = Vec::with_capacity(case.frames);
    for _ in 0..case.frames {
        for _ in 0..ARRIVALS_PER_FRAME {
            let mut tweet = tweet(next, case.authors, case.text);
            if case.authors == Authors::ManyLate && next.is_multiple_of(LATE_EVERY) {
                tweet.sent_at = middle;
            }
            next += 1;
            events
                .send(NetEvent::Tweet {
                    topic: "hashtags/chirp".into(),
                    tweet,
                })
                .expect("app listens");
        }
        let started = Instant::now();
        let meshes = frame(&mut app);
        times.push(started.elapsed());
        assert!(meshes > 0, "the frame drew something");
    }
    times.sort();
    Run {
        median: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        first,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// "median (min–max)" of `values`, 2 decimals.
fn spread(values: &[f64]) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{:.2} ({min:.2}–{max:.2})", median(values))
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

/// `repeat` runs of one case: each run's median, p99 and first frame, in ms.
struct Runs {
    median: Vec<f64>,
    p99: Vec<f64>,
    first: Vec<f64>,
}

fn runs_of(case: Case, repeat: usize) -> Runs {
    let runs: Vec<Run> = (0..repeat).map(|_| measure(case)).collect();
    let of = |f: fn(&Run) -> Duration| runs.iter().map(|run| ms(f(run))).collect();
    Runs {
        median: of(|run| run.median),
        p99: of(|run| run.p99),
        first: of(|run| run.first),
    }
}

/// The most a frame's median may cost, and how much more it may cost with
/// the most tweets held than with the fewest ("flat").
const MEDIAN_MS: f64 = 4.0;
const FLAT: f64 = 1.5;
/// How much more a frame of emoji-heavy tweets may cost in colour than
/// with the bundled monochrome emoji.
const COLOUR: f64 = 1.5;

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not, and
    // then this runs small, as a smoke test that the benchmark still works.
    let args: Vec<String> = std::env::args().collect();
    let small = args.iter().any(|a| a == "--small") || !args.iter().any(|a| a == "--bench");
    let repeat = repeat_arg(&args);
    let sizes: &[usize] = if small {
        &[1_000, 10_000]
    } else {
        &[1_000, 100_000, 1_000_000]
    };
    let frames = if small { 60 } else { 300 };
    println!(
        "frame cost: {repeat} runs per size; targets: median ≤ {MEDIAN_MS} ms a frame, flat in the number held \
         (median with the most held ≤ {FLAT}× with the fewest)"
    );
    println!("ChirpApp::frame_ui in a headless egui context (1040x720),");
    println!(
        "{ARRIVALS_PER_FRAME} tweets arriving per frame (10k tweets/s at 60 fps), {frames} frames a run; \
         ms, median (min–max) of the runs' medians and p99s"
    );
    println!("{:>12} {:>22} {:>22}", "tweets held", "median", "p99");
    let case = |held, authors| Case {
        held,
        frames,
        authors,
        text: Text::Plain,
        fonts: Fonts::Default,
    };
    let mut medians = Vec::new();
    for &held in sizes {
        let runs = runs_of(case(held, Authors::Many), repeat);
        println!(
            "{held:>12} {:>22} {:>22}",
            spread(&runs.median),
            spread(&runs.p99)
        );
        medians.push(runs.median);
    }
    let held = sizes[0];
    let runs = runs_of(case(held, Authors::OneFlooding), repeat);
    println!(
        "{held:>12} {:>22} {:>22}   all from one author, flood guard on",
        spread(&runs.median),
        spread(&runs.p99)
    );
    medians.push(runs.median);
    targets(&medians);
    let most = sizes[sizes.len() - 1];
    let runs = runs_of(case(most, Authors::ManyLate), repeat);
    println!(
        "{most:>12} {:>22} {:>22}   1 in {LATE_EVERY} written as long ago as the middle of the timeline (not a target)",
        spread(&runs.median),
        spread(&runs.p99)
    );
    emoji_rows(case(held, Authors::Many), repeat);
}

/// Issue 17: the same timeline with ten emoji in every tweet, with the
/// window's fonts, monochrome and in colour; the first frame too, when
/// every emoji on screen is rasterized.
fn emoji_rows(plain: Case, repeat: usize) {
    let colour_font = chirp::ui::fonts::find_colour_font(&chirp::ui::fonts::candidates());
    println!(
        "emoji-heavy tweets (10 emoji each, {} kinds), the window's fonts; targets: median ≤ {MEDIAN_MS} ms, \
         colour ≤ {COLOUR}× monochrome",
        EMOJI.len()
    );
    let mut cases = vec![(Fonts::Monochrome, "bundled monochrome emoji".to_owned())];
    match &colour_font {
        Some(font) => cases.push((
            Fonts::Colour,
            format!("colour emoji ({})", font.path.display()),
        )),
        None => println!(
            "  colour emoji: no colour emoji font here (install fonts-noto-color-emoji): not measured"
        ),
    }
    let mut medians = Vec::new();
    for (fonts, label) in cases {
        let case = Case {
            text: Text::EmojiHeavy,
            fonts,
            ..plain
        };
        let runs = runs_of(case, repeat);
        println!(
            "{:>12} {:>22} {:>22}   {label}; first frame {} ms",
            case.held,
            spread(&runs.median),
            spread(&runs.p99),
            spread(&runs.first)
        );
        medians.push(runs.median);
    }
    let worst = medians
        .iter()
        .map(|runs| median(runs))
        .fold(f64::NEG_INFINITY, f64::max);
    println!(
        "  largest median with emoji: {worst:.2} ms (target ≤ {MEDIAN_MS} ms: {})",
        verdict(worst <= MEDIAN_MS)
    );
    if let [mono, colour] = &medians[..] {
        let ratio: Vec<f64> = colour.iter().zip(mono).map(|(c, m)| c / m).collect();
        println!(
            "  colour / monochrome median: {} (target ≤ {COLOUR}: {})",
            spread(&ratio),
            verdict(median(&ratio) <= COLOUR)
        );
    }
}

/// The targets, from each row's medians (the sizes in order, then the
/// flood): the largest row median, and the most held against the fewest.
fn targets(medians: &[Vec<f64>]) {
    let worst = medians
        .iter()
        .map(|runs| median(runs))
        .fold(f64::NEG_INFINITY, f64::max);
    println!(
        "  largest median of the rows: {worst:.2} ms (target ≤ {MEDIAN_MS} ms: {})",
        verdict(worst <= MEDIAN_MS)
    );
    let (fewest, most) = (&medians[0], &medians[medians.len() - 2]);
    let flat: Vec<f64> = most.iter().zip(fewest).map(|(m, f)| m / f).collect();
    println!(
        "  median with the most held / with the fewest: {} (target ≤ {FLAT}, flat: {})",
        spread(&flat),
        verdict(median(&flat) <= FLAT)
    );
}
