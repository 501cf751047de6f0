//! The window in German: what Settings or the system ask for shows on
//! screen, plurals agree with their numbers, and picking another language
//! in Settings changes the text at once.

use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::NetEvent;
use chirp::core::desktop::settings::Settings;
use chirp::ui::i18n::Language;

use crate::ui_app::{Ui, open, open_with, settings, tweet};

fn click(ui: &mut Ui, label: &str) {
    ui.harness.get_by_label(label).click();
    ui.harness.run_steps(3);
}

fn shown(ui: &Ui, label: &str) -> bool {
    ui.harness.query_by_label(label).is_some()
}

fn german(username: &str) -> Settings {
    Settings {
        language: Some("de".into()),
        // One author's many tweets: the flood guard would hold them back.
        flood_rate: 0,
        ..settings(username)
    }
}

/// Scrolls the timeline down, so new tweets wait above on the pill.
fn scroll_down(ui: &mut Ui) {
    let point = ui.harness.get_by_label("Tweet 199").rect().center();
    ui.harness.hover_at(point);
    for _ in 0..3 {
        ui.harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -600.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        ui.harness.run_steps(2);
    }
}

#[test]
fn german_settings_show_german_text_and_plurals() {
    let mut ui = open(german("alice"));
    for label in [
        "Neuer Tweet",
        "Posten",
        "Einstellungen",
        "Alle Tweets",
        "Personen",
    ] {
        assert!(shown(&ui, label), "{label}");
    }
    assert!(!shown(&ui, "Post") && !shown(&ui, "Settings"));

    for n in 0..200 {
        let tweet = tweet(&format!("t-{n}"), "bob", &format!("Tweet {n}"));
        let topic = "hashtags/chirp".to_owned();
        ui.events
            .send(NetEvent::Tweet { topic, tweet })
            .expect("listening");
    }
    ui.step_until("200 tweets", |app| app.timeline().len() == 200);
    assert!(ui.harness.query_all_by_label("gerade eben").count() > 0);
    scroll_down(&mut ui);
    ui.receive(tweet("fresh-1", "carol", "eins"));
    assert!(shown(&ui, "1 neuer Tweet – nach oben"));
    ui.receive(tweet("fresh-2", "carol", "zwei"));
    assert!(shown(&ui, "2 neue Tweets – nach oben"));
    click(&mut ui, "2 neue Tweets – nach oben");
    assert!(shown(&ui, "zwei"));
}

#[test]
fn picking_a_language_in_settings_changes_the_text_at_once() {
    let mut ui = open(settings("alice"));
    assert!(shown(&ui, "Post"));
    click(&mut ui, "Settings");
    click(&mut ui, "Language");
    click(&mut ui, "Deutsch");
    assert_eq!(
        ui.harness.state().settings().language.as_deref(),
        Some("de")
    );
    // The dialog stays open, now in German, and so is the window behind.
    assert!(shown(&ui, "Übernehmen") && shown(&ui, "Posten"));
    click(&mut ui, "Sprache");
    click(&mut ui, "Systemsprache (English)");
    assert_eq!(ui.harness.state().settings().language, None);
    assert!(shown(&ui, "Apply") && shown(&ui, "Post"));
}

#[test]
fn the_system_language_is_used_unless_settings_choose_another() {
    let mut ui = open_with(settings("alice"), |app| {
        app.with_system_language(Language::German)
    });
    assert!(shown(&ui, "Posten"));
    let english = Settings {
        language: Some("en".into()),
        ..settings("alice")
    };
    let mut ui_en = open_with(english, |app| app.with_system_language(Language::German));
    assert!(shown(&ui_en, "Post"));
    ui.harness.run_steps(1);
    ui_en.harness.run_steps(1);
}
