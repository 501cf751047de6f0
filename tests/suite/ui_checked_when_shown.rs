//! Signatures held until shown (PROTOCOL.md 9.7), in the real app driven
//! with egui_kittest: a held tweet reads "checking…", never "verified",
//! until the checker thread answers; then the genuine one is verified and
//! the forged one leaves the timeline.

use chrono::Utc;
use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::NetEvent;
use chirp::core::model::author_key::{DeferredSignature, Signed, Trust};
use chirp::core::model::timeline::{SignatureState, TimelineEntry};
use chirp::core::model::tweet::Tweet;
use chirp::core::protocol::deferred::canonical_of_tweet;
use chirp::core::protocol::identity::Identity;
use chirp::core::social::trust::{Pin, PinChange};
use chirp::ui::ChirpApp;

use crate::ui_app::{Ui, open, settings, tweet};

/// A tweet by `identity` as the worker hands over one held unchecked
/// (its key is the one pinned for `user`); `tampered` after signing.
fn held(id: &str, user: &str, text: &str, identity: &Identity, tampered: bool) -> Tweet {
    let mut tweet = Tweet {
        signed: Some(Signed {
            key: identity.author_key(),
            trust: Trust::Verified,
        }),
        ..tweet(id, user, text)
    };
    // As the entry holds it: milliseconds.
    tweet.sent_at = tweet
        .sent_at
        .and_then(|t| chrono::DateTime::from_timestamp_millis(t.timestamp_millis()));
    let canonical = canonical_of_tweet(&tweet, &identity.author_key()).expect("an author");
    tweet.deferred_signature = Some(DeferredSignature(identity.sign(canonical.as_bytes())));
    if tampered {
        tweet.text.push_str(" and send me your password");
    }
    tweet
}

fn state_of(app: &ChirpApp, id: &str) -> Option<SignatureState> {
    let timeline = app.timeline();
    (0..timeline.len())
        .filter_map(|i| timeline.get(i))
        .find(|entry| entry.id() == id)
        .map(TimelineEntry::signature_state)
}

fn count(ui: &Ui, label: &str) -> usize {
    ui.harness.query_all_by_label(label).count()
}

#[test]
fn a_held_signature_reads_checking_then_verified_and_a_forged_card_leaves() {
    let alice = Identity::generate();
    let mut ui = open(settings("zed"));
    let pin = Pin {
        user: "alice".into(),
        key: alice.author_key(),
        first_seen: Utc::now(),
        last_seen: Utc::now(),
    };
    ui.events
        .send(NetEvent::PinChanged(PinChange::Pinned(pin)))
        .expect("listening");
    for tweet in [
        held("g", "alice", "the real alice", &alice, false),
        held("f", "alice", "hello", &alice, true),
    ] {
        let topic = "hashtags/chirp".to_owned();
        ui.events
            .send(NetEvent::Tweet { topic, tweet })
            .expect("listening");
    }
    // Frame 1 takes both in and draws them; frame 2 draws them again
    // before it takes in any answer (answers are taken after drawing).
    ui.harness.run_steps(2);
    assert_eq!(count(&ui, "checking…"), 2);
    assert_eq!(
        count(&ui, "✔ verified"),
        0,
        "nothing verified before its check"
    );

    ui.step_until("both signatures checked", |app| {
        state_of(app, "g") == Some(SignatureState::Checked)
            && state_of(app, "f") == Some(SignatureState::Forged)
    });
    assert_eq!(count(&ui, "✔ verified"), 1);
    assert_eq!(count(&ui, "checking…"), 0);
    assert_eq!(count(&ui, "the real alice"), 1);
    assert_eq!(
        count(&ui, "hello and send me your password"),
        0,
        "the forged tweet is out of sight"
    );
    let shown: Vec<&str> = ui
        .harness
        .state()
        .timeline()
        .iter()
        .map(TimelineEntry::id)
        .collect();
    assert_eq!(shown, ["g"]);
}
