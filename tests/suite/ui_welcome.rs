//! The first-run welcome in the real app with egui_kittest: a fresh
//! profile is greeted, a used one is not; the username is checked as it
//! is typed; Start keeps the name and follows the ticked hashtags, Skip
//! goes straight to the main window, and either is saved for good.

use std::time::{Duration, Instant};

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use chirp::core::connection::net::NetCommand;
use chirp::core::desktop::settings::{Settings, SettingsWriter};

use crate::ui_app::{Ui, click, open, open_with, settings};

const WELCOME: &str = "Welcome to Chirp";

fn fresh() -> Settings {
    Settings {
        client_id: "test-client".into(),
        ..Settings::default()
    }
}

fn type_username(ui: &mut Ui, name: &str) {
    ui.harness
        .get_by_label("Pick a username")
        .set_text_value_accesskit(name);
    ui.harness.run_steps(2);
}

fn welcome_shown(ui: &Ui) -> bool {
    ui.harness.query_by_label(WELCOME).is_some()
}

#[test]
fn a_fresh_profile_is_welcomed_and_one_in_use_is_not() {
    let ui = open(fresh());
    assert!(welcome_shown(&ui));
    ui.harness
        .get_by_label("Chirp connects to test.mosquitto.org:1883.");
    ui.harness
        .get_by_label_contains("public broker: everyone can read everything");
    assert!(!welcome_shown(&open(settings("dana"))));
}

#[test]
fn an_invalid_username_says_why_and_start_waits_for_a_good_one() {
    let mut ui = open(fresh());
    let start_disabled = |ui: &Ui| {
        ui.harness
            .get_by_label("Start")
            .accesskit_node()
            .is_disabled()
    };
    assert!(start_disabled(&ui), "no name yet");
    type_username(&mut ui, "ada lovelace");
    ui.harness
        .get_by_label("A username can't contain spaces: use letters, digits, _ or -");
    assert!(start_disabled(&ui));
    click(&mut ui, "Start");
    assert!(welcome_shown(&ui), "Start did nothing");
    assert_eq!(ui.harness.state().settings().username, "");
    type_username(&mut ui, "ada_lovelace");
    ui.harness.get_by_label("You will post as @ada_lovelace.");
    assert!(!start_disabled(&ui));
}

#[test]
fn start_keeps_the_name_follows_the_ticked_hashtags_and_is_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("settings.json");
    let writer_path = path.clone();
    let mut ui = open_with(fresh(), move |app| {
        let (_notices, notice_rx) = crossbeam_channel::unbounded();
        app.with_settings_writer(SettingsWriter::spawn(writer_path, |_| {}), notice_rx)
    });
    ui.sent();
    type_username(&mut ui, "@erin");
    click(&mut ui, "#garden");
    click(&mut ui, "Start");
    assert!(!welcome_shown(&ui));

    let settings = ui.harness.state().settings();
    assert_eq!(settings.username, "erin");
    assert_eq!(
        settings.followed_tags().collect::<Vec<_>>(),
        ["chirp", "garden"]
    );
    assert!(settings.welcomed);
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::Subscribe(tag)] if tag == "garden"),
        "{sent:?}"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let saved = Settings::load(&path).expect("loads");
        if saved.welcomed {
            assert_eq!(saved.username, "erin");
            break;
        }
        assert!(Instant::now() < deadline, "never saved");
        ui.harness.step();
        std::thread::yield_now();
    }
}

#[test]
fn skip_goes_to_the_main_window_and_the_welcome_is_not_shown_again() {
    let mut ui = open(fresh());
    ui.sent();
    click(&mut ui, "Skip");
    assert!(!welcome_shown(&ui));
    let settings = ui.harness.state().settings().clone();
    assert!(settings.welcomed);
    assert_eq!(settings.username, "");
    assert!(ui.sent().is_empty(), "nothing followed or unfollowed");
    // The main window takes clicks now.
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Apply");
    assert!(!welcome_shown(&open(settings)));
}
