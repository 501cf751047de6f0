//! The flood guard with a real mosquitto: one author floods a followed
//! hashtag through the broker while ten others post; the real app (its
//! network worker and its UI, driven with egui_kittest) shows the ten and
//! one line counting the flood.

use std::io::Write as _;
use std::process::{Command, Stdio};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::{self, WorkerOptions};
use chirp::core::desktop::settings::{FollowedHashtag, Settings};
use chirp::ui::ChirpApp;

use crate::common::{Broker, deadline, mosquitto_pub, test_config, tool};

const FLOOD: usize = 3_000;
const OTHERS: usize = 10;

pub(crate) fn app_on(broker: &Broker) -> Harness<'static, ChirpApp> {
    app_on_with(broker, |_| {})
}

/// `app_on`, with its settings changed by `change` first.
pub(crate) fn app_on_with(
    broker: &Broker,
    change: impl FnOnce(&mut Settings),
) -> Harness<'static, ChirpApp> {
    let mut settings = Settings {
        username: "zed".into(),
        hashtags: vec![FollowedHashtag {
            tag: "rust".into(),
            followed: true,
        }],
        client_id: "flood-test".into(),
        ..Settings::default()
    };
    change(&mut settings);
    let config = test_config(&broker.url(), "flood-ui");
    let options = WorkerOptions::new(config.clone()).following(vec!["rust".into()]);
    let (link, worker) = net::spawn(options, || {}).expect("spawn the worker");
    let app = ChirpApp::new(settings, link, config).with_worker(worker);
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(
            |ui, app: &mut ChirpApp| {
                // As in ui_app: the harness has only egui's bundled fonts.
                ui.ctx()
                    .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
                app.frame_ui(ui);
            },
            app,
        )
}

/// Runs frames until `done` holds, within the suite's deadline.
pub(crate) fn step_until(
    harness: &mut Harness<'static, ChirpApp>,
    what: &str,
    done: impl Fn(&Harness<'static, ChirpApp>) -> bool,
) {
    let until = deadline();
    while !done(harness) {
        assert!(
            std::time::Instant::now() < until,
            "timed out waiting for {what}"
        );
        harness.step();
    }
}

fn others_in(harness: &Harness<'static, ChirpApp>) -> usize {
    let timeline = harness.state().timeline();
    timeline
        .iter()
        .filter(|e| e.text().starts_with("other"))
        .count()
}

#[test]
fn a_flood_through_the_broker_is_one_line_and_the_others_stay_readable() {
    // No cap on what mosquitto queues for a subscriber (1,000 by default):
    // under load the debug build falls behind, and the broker would drop
    // the rest, which is not what this tests.
    let broker = Broker::start_with_config("max_queued_messages 0\n");
    let mut harness = app_on(&broker);
    // Subscribed once a probe comes back.
    step_until(&mut harness, "the probe", |h| {
        mosquitto_pub(&broker, "hashtags/rust", b"probe: hello");
        !h.state().timeline().is_empty()
    });

    let mut flood = Command::new(tool("mosquitto_pub"))
        .args(["-h", "127.0.0.1", "-p", &broker.port().to_string()])
        .args(["-q", "1", "-t", "hashtags/rust", "-l"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("run mosquitto_pub");
    let mut lines = flood.stdin.take().expect("stdin");
    for n in 0..FLOOD {
        writeln!(lines, "spammer: flood {n}").expect("write");
        if n % (FLOOD / OTHERS) == FLOOD / OTHERS / 2 {
            lines.flush().expect("flush");
            let other = format!("person{n}: other {n}");
            mosquitto_pub(&broker, "hashtags/rust", other.as_bytes());
        }
    }
    drop(lines);
    assert!(flood.wait().expect("mosquitto_pub ends").success());

    let started = std::time::Instant::now();
    step_until(&mut harness, "the ten others", |h| others_in(h) == OTHERS);
    let line = format!(
        "@spammer: {} more tweets in the last minute —",
        thousands(FLOOD - 20)
    );
    step_until(&mut harness, "the whole flood counted", |h| {
        h.query_by_label(&line).is_some()
    });
    eprintln!(
        "{FLOOD} + {OTHERS} tweets taken in {:?} after publishing",
        started.elapsed()
    );
    let timeline = harness.state().timeline();
    let spam = timeline
        .iter()
        .filter(|e| e.user() == Some("spammer"))
        .count();
    assert_eq!(spam, 20, "the rest held back");
    assert!(timeline.len() <= 1 + OTHERS + 20);
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
