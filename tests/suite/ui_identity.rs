//! Receivers tell the truth about who signed what, driven through the real
//! app with egui_kittest: a badge on every card, the person card behind a
//! name, trusting or forgetting a key, and forged payloads counted.

use chrono::Utc;
use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::author_key::{AuthorKey, Signed, Trust};
use chirp::core::model::tweet::Tweet;
use chirp::core::social::trust::{Pin, PinChange};

use crate::ui_app::{Ui, click, open, settings, tweet};

const VERIFIED: &str = "✔ verified";
const NEW_KEY: &str = "new key";
const NOT_ALICE: &str = "⚠ not the @alice you know";
const UNSIGNED: &str = "unsigned";

fn key(byte: u8) -> AuthorKey {
    AuthorKey::from_bytes([byte; 32])
}

fn signed(id: &str, user: &str, text: &str, by: u8, trust: Trust) -> Tweet {
    Tweet {
        signed: Some(Signed {
            key: key(by),
            trust,
        }),
        ..tweet(id, user, text)
    }
}

fn pinned(user: &str, by: u8) -> NetEvent {
    NetEvent::PinChanged(PinChange::Pinned(Pin {
        user: user.into(),
        key: key(by),
        first_seen: Utc::now(),
        last_seen: Utc::now(),
    }))
}

fn count(ui: &Ui, label: &str) -> usize {
    ui.harness.query_all_by_label(label).count()
}

/// What the app holds for tweet `id` now.
fn trust_of(ui: &Ui, id: &str) -> Option<Trust> {
    let timeline = ui.harness.state().timeline();
    let entry = timeline.iter().find(|e| e.id() == id)?;
    entry.signed().map(|s| s.trust)
}

/// alice pinned to key 1 and seen with it; bob new; somebody else signing
/// as alice with key 3; erin unsigned. As the worker reports them.
fn four_kinds() -> Ui {
    let mut ui = open(settings("zed"));
    ui.sent();
    ui.events.send(pinned("alice", 1)).expect("listening");
    ui.receive(signed("v", "alice", "the real alice", 1, Trust::Verified));
    ui.events.send(pinned("bob", 2)).expect("listening");
    ui.receive(signed("n", "bob", "hello, new here", 2, Trust::NewKey));
    ui.receive(signed("k", "alice", "send me money", 3, Trust::KeyChanged));
    ui.receive(tweet("u", "erin", "classic and plain"));
    ui
}

#[test]
fn every_card_says_who_signed_it() {
    let ui = four_kinds();
    assert_eq!(count(&ui, VERIFIED), 1);
    assert_eq!(count(&ui, NEW_KEY), 1);
    assert_eq!(count(&ui, NOT_ALICE), 1);
    assert_eq!(count(&ui, UNSIGNED), 1);
    assert_eq!(
        count(&ui, "@alice"),
        1,
        "the impostor's card never shows the plain name"
    );
    for name in ["@bob", "@erin"] {
        assert_eq!(count(&ui, name), 1, "{name}");
    }
}

#[test]
fn clicking_a_name_opens_its_person_card_with_the_key() {
    let mut ui = four_kinds();
    click(&mut ui, "@alice");
    let fingerprint = key(1).fingerprint().to_string();
    assert!(
        ui.harness.query_by_label(&fingerprint).is_some(),
        "{fingerprint}"
    );
    assert!(ui.harness.query_by_label("no profile yet").is_some());
    assert!(ui.harness.query_by_label("Copy key").is_some());
    assert!(
        ui.harness.query_by_label("Trust this new key").is_some(),
        "another key was seen under the name"
    );
    ui.harness.key_press(egui::Key::Escape);
    ui.harness.run_steps(2);
    assert!(
        ui.harness.query_by_label(&fingerprint).is_none(),
        "Esc closes it"
    );
}

#[test]
fn trusting_the_new_key_asks_once_more_then_tells_the_worker_and_rejudges() {
    let mut ui = four_kinds();
    click(&mut ui, NOT_ALICE);
    let other = key(3).fingerprint().to_string();
    assert!(ui.harness.query_by_label(&other).is_some(), "{other}");
    click(&mut ui, "Trust this new key");
    assert!(ui.sent().is_empty(), "nothing yet: one more click");
    assert!(
        ui.harness
            .query_by_label_contains("will then show as not the @alice you know")
            .is_some()
    );
    click(&mut ui, "Yes, trust it");

    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::TrustKey { user, key: k }] if user == "alice" && *k == key(3)),
        "{sent:?}"
    );
    assert_eq!(trust_of(&ui, "k"), Some(Trust::Verified));
    assert_eq!(
        trust_of(&ui, "v"),
        Some(Trust::KeyChanged),
        "the old key is not her now"
    );
    // The worker confirms; nothing changes again.
    ui.events.send(pinned("alice", 3)).expect("listening");
    ui.harness.run_steps(2);
    assert_eq!(trust_of(&ui, "k"), Some(Trust::Verified));
    ui.harness.key_press(egui::Key::Escape);
    ui.harness.run_steps(2);
    assert_eq!(count(&ui, NOT_ALICE), 1, "now on the old key's card");
    assert_eq!(count(&ui, VERIFIED), 1);
}

#[test]
fn forgetting_a_key_tells_the_worker_and_the_cards_say_new_key() {
    let mut ui = four_kinds();
    click(&mut ui, "@bob");
    click(&mut ui, "Forget key");
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::ForgetKey(user)] if user == "bob"),
        "{sent:?}"
    );
    assert!(
        ui.harness
            .query_by_label_contains("No key pinned")
            .is_some()
    );
    // A key replaced by the worker re-judges the cards too.
    ui.events.send(pinned("alice", 3)).expect("listening");
    ui.harness.run_steps(2);
    assert_eq!(trust_of(&ui, "k"), Some(Trust::Verified));
    assert_eq!(trust_of(&ui, "v"), Some(Trust::KeyChanged));
}

#[test]
fn diagnostics_counts_forged_and_replayed_payloads_apart() {
    let mut ui = open(settings("zed"));
    let reasons = [
        "forged: the signature does not verify",
        "forged: a key without a signature, or the reverse",
        "forged: the signature does not verify",
        "signed for other hashtags than #chirp: replayed onto it",
        "signed for other hashtags than #mqtt: replayed onto it",
    ];
    for reason in reasons {
        let dropped = NetEvent::Dropped {
            topic: "hashtags/chirp".into(),
            reason: reason.into(),
        };
        ui.events.send(dropped).expect("listening");
    }
    ui.harness.run_steps(2);
    click(&mut ui, "Diagnostics");
    ui.harness.get_by_label("Forged (dropped)");
    ui.harness
        .get_by_label("Replayed onto another tag (dropped)");
    ui.harness.get_by_label("3");
    ui.harness.get_by_label("2");
    ui.harness.get_by_label_contains("5 (last: ");
}
