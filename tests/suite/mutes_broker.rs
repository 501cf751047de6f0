//! Mutes through a real mosquitto: tweets from other cores (published with
//! mosquitto_pub, signed by their authors) reach the real app (its network
//! worker and UI, driven with egui_kittest). A mute by key holds when the
//! muted person posts under a new name; a muted word collapses a tweet to
//! one line until Show.

use egui_kittest::kittest::Queryable as _;

use chirp::core::protocol::identity::Identity;
use chirp::core::social::compose::Draft;

use crate::common::{Broker, mosquitto_pub};
use crate::ui_flood_broker::{app_on_with, step_until};

/// A tweet by `user` signed by `by`, published on each of its hashtags.
fn post(broker: &Broker, user: &str, text: &str, by: &Identity) {
    let outgoing = Draft::new(user, text)
        .signed_by(Some(by))
        .prepare()
        .expect("a valid draft");
    for publish in outgoing.publishes {
        mosquitto_pub(broker, &publish.topic, &publish.payload);
    }
}

#[test]
fn a_mute_by_key_holds_under_a_new_name_and_a_muted_word_collapses_until_shown() {
    let broker = Broker::start();
    let mut harness = app_on_with(&broker, |settings| {
        settings.mutes.mute_word("crypto").expect("a word to mute");
    });
    let (spammer, ann) = (Identity::generate(), Identity::generate());
    step_until(&mut harness, "subscribed", |h| {
        mosquitto_pub(&broker, "hashtags/rust", b"probe: hello");
        !h.state().timeline().is_empty()
    });
    post(&broker, "spam", "buy my stuff #rust", &spammer);
    step_until(&mut harness, "the spammer's tweet", |h| {
        h.query_by_label("buy my stuff #rust").is_some()
    });
    harness
        .query_all_by_label("More: mute, block")
        .next()
        .expect("a card's menu")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Mute @spam").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("buy my stuff #rust").is_none());
    let muted = &harness.state().settings().mutes.people;
    assert!(muted.len() == 1 && muted[0].key.is_some(), "by key");

    // The same key under another name, then ann with a muted word.
    post(
        &broker,
        "totally_new",
        "renamed, still selling #rust",
        &spammer,
    );
    post(&broker, "ann", "my #rust tip: no crypto here", &ann);
    step_until(&mut harness, "ann's tweet, collapsed", |h| {
        h.query_by_label("hidden: matches 'crypto'").is_some()
            || h.query_by_label("my #rust tip: no crypto here").is_some()
    });
    assert!(
        harness
            .query_by_label("renamed, still selling #rust")
            .is_none(),
        "a new name does not escape a mute by key"
    );
    let arrived = |h: &egui_kittest::Harness<'static, chirp::ui::ChirpApp>| {
        h.state()
            .timeline()
            .iter()
            .any(|e| e.user() == Some("totally_new"))
    };
    assert!(arrived(&harness), "it arrived, and is held out of sight");
    assert!(
        harness
            .query_by_label("my #rust tip: no crypto here")
            .is_none()
    );
    harness.get_by_label("Show").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("my #rust tip: no crypto here")
            .is_some()
    );
}
