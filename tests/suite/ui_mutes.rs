//! Mutes, blocks, the flood guard and links, driven through the real app
//! with egui_kittest: each button and view, and hostile input.

use egui_kittest::kittest::Queryable as _;

use chirp::core::connection::net::NetEvent;
use chirp::core::model::author_key::{AuthorKey, Signed, Trust};
use chirp::core::model::timeline::{Delivery, HistoryEntry};
use chirp::core::model::tweet::Tweet;
use chirp::core::social::direct::DirectMessage;
use chirp::core::social::mutes::MutedPerson;

use crate::ui_app::{Ui, click, open, settings, tweet};

fn shown(ui: &Ui, label: &str) -> bool {
    ui.harness.query_by_label(label).is_some()
}

/// Settings → Muted, on a screen tall enough for the dialog not to scroll
/// (kittest's first click inside the dialog's scroll area is not taken).
fn open_muted_settings(ui: &mut Ui, count: usize) {
    ui.harness.set_size(egui::vec2(1000.0, 1100.0));
    ui.harness.run_steps(2);
    click(ui, "Settings");
    click(ui, &format!("Muted ({count})"));
}

fn signed(id: &str, user: &str, text: &str, by: u8) -> Tweet {
    Tweet {
        signed: Some(Signed {
            key: AuthorKey::from_bytes([by; 32]),
            trust: Trust::Verified,
        }),
        ..tweet(id, user, text)
    }
}

/// Opens the "…" menu of the newest card.
fn open_newest_menu(ui: &mut Ui) {
    ui.harness
        .query_all_by_label("More: mute, block")
        .next()
        .expect("a card's menu")
        .click();
    ui.harness.run_steps(2);
}

#[test]
fn mute_by_key_from_the_menu_survives_a_name_change_and_settings_undo_it() {
    let mut ui = open(settings("zed"));
    ui.receive(tweet("a-1", "ann", "ann stays"));
    ui.receive(signed("s-1", "spam", "buy my stuff", 7));
    open_newest_menu(&mut ui);
    click(&mut ui, "Mute @spam");
    assert!(!shown(&ui, "buy my stuff"));
    assert!(shown(&ui, "ann stays"));
    let mutes = &ui.harness.state().settings().mutes;
    assert_eq!(mutes.people.len(), 1);
    assert!(mutes.people[0].key.is_some(), "muted by key");

    // The same key under a new name is still muted.
    ui.receive(signed("s-2", "spam_renamed", "renamed, still selling", 7));
    assert!(!shown(&ui, "renamed, still selling"));

    open_muted_settings(&mut ui, 1);
    assert!(shown(&ui, "@spam (muted, by key)"));
    click(&mut ui, "Undo");
    click(&mut ui, "Apply");
    assert!(ui.harness.state().settings().mutes.people.is_empty());
    assert!(
        shown(&ui, "buy my stuff"),
        "unmuted: the history shows again"
    );
    assert!(shown(&ui, "renamed, still selling"));
}

#[test]
fn muted_words_collapse_and_show_reveals() {
    let mut ui = open(settings("zed"));
    ui.receive(tweet("c-1", "ann", "Buy CRYPTO today!"));
    ui.receive(tweet("c-2", "bob", "cryptography is fine"));
    open_muted_settings(&mut ui, 0);
    let field = ui.harness.get_by_label("Mute word");
    field.focus();
    field.type_text("crypto");
    ui.harness.run_steps(2);
    click(&mut ui, "Add word");
    click(&mut ui, "Apply");
    assert_eq!(ui.harness.state().settings().mutes.words, ["crypto"]);

    assert!(shown(&ui, "hidden: matches 'crypto'"));
    assert!(!shown(&ui, "Buy CRYPTO today!"));
    assert!(shown(&ui, "cryptography is fine"), "whole words only");
    click(&mut ui, "Show");
    assert!(shown(&ui, "Buy CRYPTO today!"));
    assert!(!shown(&ui, "hidden: matches 'crypto'"));
}

#[test]
fn a_hostile_muted_word_is_refused_with_the_reason() {
    let mut ui = open(settings("zed"));
    open_muted_settings(&mut ui, 0);
    let field = ui.harness.get_by_label("Mute word");
    field.focus();
    field.type_text(&"x".repeat(500));
    ui.harness.run_steps(2);
    click(&mut ui, "Add word");
    assert!(shown(&ui, "one word at most 64 characters"));
    assert!(
        ui.harness
            .query_by_label_contains("Up to 10,000 people")
            .is_some()
    );
}

#[test]
fn a_hashtag_muted_in_all_tweets_still_shows_in_its_own_view() {
    let mut ui = open(settings("zed"));
    ui.receive(tweet("t-1", "ann", "only on chirp"));
    open_newest_menu(&mut ui);
    click(&mut ui, "Mute #chirp in All tweets");
    assert!(!shown(&ui, "only on chirp"));
    assert_eq!(ui.harness.state().settings().mutes.hashtags, ["chirp"]);
    // The unread pill of #chirp opens its own view.
    click(&mut ui, "Show only #chirp, 1 new");
    assert!(shown(&ui, "only on chirp"), "its own view shows it");
}

#[test]
fn a_muted_person_neither_mentions_nor_messages_and_block_is_on_the_person_card() {
    let mut muted = settings("bob");
    muted
        .mutes
        .mute_person(MutedPerson::new("ann", None, false));
    let mut ui = open(muted);
    ui.receive(tweet("m-1", "ann", "hey @bob"));
    assert!(!shown(&ui, "hey @bob"));
    assert!(!shown(&ui, "Mentions  (1)"), "no mention counted");

    // A mute keeps messages; Block on the person card drops them.
    ui.receive(tweet("c-1", "carl", "hello"));
    click(&mut ui, "@carl");
    click(&mut ui, "Block");
    let people = &ui.harness.state().settings().mutes.people;
    assert!(people.iter().any(|p| p.name == "carl" && p.blocked));
    assert!(shown(&ui, "Unblock"));
    let direct = DirectMessage {
        id: "d-1".into(),
        from: "carl".into(),
        to: "bob".into(),
        text: "let me in".into(),
        sent_at: None,
        received_at: chrono::Utc::now(),
        encrypted: false,
        signer: None,
    };
    ui.events.send(NetEvent::Direct(direct)).expect("listening");
    ui.harness.run_steps(3);
    assert!(
        !shown(&ui, "Messages (1)"),
        "a blocked person's message is dropped"
    );
}

/// Part 2's flood at the UI: one author floods, ten others stay on screen,
/// the flood is one line counting in place; Show lets the author through.
#[test]
fn a_flood_collapses_to_one_line_and_the_others_stay_in_view() {
    let mut ui = open(settings("zed"));
    for n in 0..2_000 {
        let t = if n % 200 == 100 {
            tweet(
                &format!("o-{n}"),
                &format!("person{}", n / 200),
                &format!("other {n}"),
            )
        } else {
            tweet(&format!("f-{n}"), "spammer", &format!("flood {n}"))
        };
        ui.events
            .send(NetEvent::Tweet {
                topic: "hashtags/chirp".into(),
                tweet: t,
            })
            .expect("listening");
    }
    ui.step_until("every tweet taken in", |app| {
        app.timeline()
            .iter()
            .filter(|e| e.text().starts_with("other"))
            .count()
            == 10
    });
    assert_eq!(ui.harness.state().timeline().len(), 10 + 20);
    assert!(shown(
        &ui,
        "@spammer: 1,970 more tweets in the last minute —"
    ));
    let top: Vec<String> = ui
        .harness
        .state()
        .timeline()
        .iter()
        .take(10)
        .map(|e| e.text().to_owned())
        .collect();
    assert!(top.iter().all(|t| t.starts_with("other")), "{top:?}");
    assert!(shown(&ui, "other 1900"), "the newest other is in view");
    assert!(shown(&ui, "other 1700"));
    click(&mut ui, "Show");
    assert!(!shown(
        &ui,
        "@spammer: 1,970 more tweets in the last minute —"
    ));
    assert!(shown(&ui, "flood 1999"), "the newest held are shown");
}

#[test]
fn a_link_shows_its_host_and_opens_only_when_clicked() {
    let mut ui = open(settings("zed"));
    ui.receive(tweet(
        "l-1",
        "ann",
        "read https://example.com/page?x=1. and javascript:alert(1)",
    ));
    assert!(shown(&ui, "example.com/…"));
    assert!(
        shown(&ui, ". and javascript:alert(1)"),
        "javascript: is not a link: it stays in the text"
    );
    assert!(ui.harness.output().platform_output.commands.is_empty());
    ui.harness.get_by_label("example.com/…").click();
    ui.harness.step();
    let opened: Vec<String> = ui
        .harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opened, ["https://example.com/page?x=1"]);
}

#[test]
fn mutes_apply_to_the_history_on_load() {
    let mut muted = settings("zed");
    muted
        .mutes
        .mute_person(MutedPerson::new("bob", None, false));
    muted.mutes.mute_word("crypto").expect("word");
    let mut ui = open(muted);
    let history = [
        tweet("h-1", "bob", "old tweet by bob"),
        tweet("h-2", "ann", "old crypto tip"),
        tweet("h-3", "ann", "old and fine"),
    ]
    .into_iter()
    .map(|tweet| HistoryEntry {
        tweet,
        own: false,
        delivery: Delivery::Received,
    })
    .collect();
    ui.events
        .send(NetEvent::History(history))
        .expect("listening");
    ui.harness.run_steps(3);
    assert!(shown(&ui, "old and fine"));
    assert!(!shown(&ui, "old tweet by bob"));
    assert!(shown(&ui, "hidden: matches 'crypto'"));
    assert!(!shown(&ui, "old crypto tip"));
}

#[test]
fn block_from_the_menu_and_unblock_and_mute_on_the_person_card() {
    let mut ui = open(settings("zed"));
    ui.receive(tweet("b-1", "bea", "from bea"));
    open_newest_menu(&mut ui);
    click(&mut ui, "Block @bea");
    assert!(!shown(&ui, "from bea"));
    let people = &ui.harness.state().settings().mutes.people;
    assert_eq!(people.len(), 1);
    assert!(
        people[0].blocked && people[0].key.is_none(),
        "unsigned: by name"
    );

    ui.receive(tweet("c-1", "cid", "from cid"));
    click(&mut ui, "@cid");
    // The card lists their recent tweets too: once there, once in the timeline.
    let times = |ui: &Ui| ui.harness.query_all_by_label("from cid").count();
    assert_eq!(times(&ui), 2);
    click(&mut ui, "Mute");
    assert!(shown(&ui, "Unmute"));
    assert_eq!(
        times(&ui),
        1,
        "gone from the timeline, still on their own card"
    );
    click(&mut ui, "Unmute");
    assert_eq!(times(&ui), 2);
    let people = &ui.harness.state().settings().mutes.people;
    assert_eq!(people.len(), 1, "only bea's block is left");
}

#[test]
fn a_muted_person_s_tweets_do_not_count_in_discover() {
    use chirp::core::protocol::wire::ClaimedAuthor;

    let mut muted = settings("bob");
    let spammer_key = AuthorKey::from_bytes([9; 32]);
    muted
        .mutes
        .mute_person(MutedPerson::new("spam", Some(spammer_key), false));
    let mut ui = open(muted);
    click(&mut ui, "Discover");
    let seen = |tag: &str, name: &str, key: Option<AuthorKey>| NetEvent::Seen {
        tag: tag.to_owned(),
        author: ClaimedAuthor {
            name: Some(name.to_owned()),
            key,
        },
    };
    // The muted key under a new name counts no more than under its own.
    for event in [
        seen("ads", "spam", Some(spammer_key)),
        seen("ads", "sp4m", Some(spammer_key)),
        seen("go", "ann", None),
    ] {
        ui.events.send(event).expect("listening");
    }
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !shown(&ui, "#go") {
        assert!(
            std::time::Instant::now() < until,
            "Discover never listed #go"
        );
        ui.harness.step();
    }
    assert!(!shown(&ui, "#ads"), "a muted person's tags are not counted");
}
