//! Every keyboard shortcut in the real app, driven with egui_kittest:
//! n, j/k, r, l, m, o, Enter on a hashtag, g h / g m / g d, / and Ctrl+F,
//! Esc, ?, and the zoom keys; letter keys wait while a text field is typed in.

use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use chirp::core::connection::net::NetCommand;
use chirp::core::protocol::identity::Identity;
use chirp::core::social::reaction::ReactionKind;

use crate::ui_app::{Ui, open, open_with, settings, tweet};

fn press(ui: &mut Ui, key: Key) {
    ui.harness.key_press(key);
    ui.harness.run_steps(2);
}

fn press_with(ui: &mut Ui, modifiers: Modifiers, key: Key) {
    ui.harness.key_press_modifiers(modifiers, key);
    ui.harness.run_steps(2);
}

/// Three tweets, newest first on screen: ann's "third", bob's "second",
/// ann's "first".
fn with_three_tweets(ui: &mut Ui) {
    ui.receive(tweet("t1", "ann", "first #chirp"));
    ui.receive(tweet("t2", "bob", "second #chirp"));
    ui.receive(tweet("t3", "ann", "third #chirp"));
    ui.sent();
}

/// The text of the selected card, as a screen reader is told it.
fn selected_card(ui: &Ui) -> Option<String> {
    ui.harness
        .query_all_by_role(Role::ListItem)
        .find(|node| node.accesskit_node().is_selected() == Some(true))
        .and_then(|node| node.accesskit_node().label())
}

fn messages_open(ui: &Ui) -> bool {
    ui.harness
        .query_all_by_role(Role::Window)
        .any(|node| node.accesskit_node().label().as_deref() == Some("Messages"))
}

fn focused_label(ui: &Ui) -> Option<String> {
    ui.harness
        .root()
        .children_recursive()
        .find(|node| node.accesskit_node().is_focused())
        .and_then(|node| node.accesskit_node().label())
}

#[test]
fn j_and_k_move_a_selection_that_screen_readers_see() {
    let mut ui = open(settings("dana"));
    with_three_tweets(&mut ui);
    assert_eq!(selected_card(&ui), None);
    press(&mut ui, Key::J);
    let first = selected_card(&ui).expect("j selects the top tweet");
    assert!(
        first.starts_with("@ann, just now, #chirp: third"),
        "{first}"
    );
    press(&mut ui, Key::J);
    press(&mut ui, Key::J);
    let third = selected_card(&ui).expect("still selected");
    assert!(third.ends_with(": first #chirp"), "{third}");
    press(&mut ui, Key::J);
    assert!(
        selected_card(&ui).is_some_and(|s| s.ends_with("first #chirp")),
        "stops at the end"
    );
    press(&mut ui, Key::K);
    assert!(selected_card(&ui).is_some_and(|s| s.starts_with("@bob")));
    press(&mut ui, Key::Escape);
    assert_eq!(selected_card(&ui), None, "Esc clears the selection");
}

#[test]
fn the_selection_scrolls_into_view() {
    let mut ui = open(settings("dana"));
    for n in 0..40 {
        // Four authors: one alone would be held back by the flood guard.
        let author = format!("user{}", n % 4);
        ui.receive(tweet(
            &format!("t{n}"),
            &author,
            &format!("tweet number {n} #chirp"),
        ));
    }
    for _ in 0..30 {
        ui.harness.key_press(Key::J);
        ui.harness.step();
    }
    ui.harness.run_steps(3);
    let selected = selected_card(&ui).expect("selected");
    assert!(selected.ends_with("tweet number 10 #chirp"), "{selected}");
    let node = ui.harness.get_by_label(&selected);
    let bounds = node
        .children_recursive()
        .find_map(|part| part.accesskit_node().bounding_box())
        .expect("laid out");
    assert!(
        bounds.y1 <= 700.0 && bounds.y0 >= 0.0,
        "on screen: {bounds:?}"
    );
}

#[test]
fn r_m_and_o_act_on_the_selected_tweet() {
    let mut ui = open(settings("dana"));
    with_three_tweets(&mut ui);
    press(&mut ui, Key::J);
    press(&mut ui, Key::J);
    press(&mut ui, Key::R);
    ui.harness.get_by_label("Reply to @bob");
    assert_eq!(focused_label(&ui).as_deref(), Some("Reply to @bob"));

    press(&mut ui, Key::Escape);
    assert_eq!(focused_label(&ui), None, "Esc leaves the compose box");
    assert!(selected_card(&ui).is_some(), "and only that");
    press(&mut ui, Key::M);
    assert!(messages_open(&ui), "m opens Messages");
    press(&mut ui, Key::Escape);
    press(&mut ui, Key::O);
    ui.harness.get_by_label("Conversation");
}

#[test]
fn l_likes_and_unlikes_the_selected_tweet_when_signed_in() {
    let identity = Arc::new(Identity::generate());
    let mut ui = open_with(settings("dana"), move |app| {
        app.with_identity(Some(identity))
    });
    with_three_tweets(&mut ui);
    press(&mut ui, Key::J);
    press(&mut ui, Key::L);
    press(&mut ui, Key::L);
    let kinds: Vec<(ReactionKind, String)> = ui
        .sent()
        .into_iter()
        .filter_map(|command| match command {
            NetCommand::React(out) => Some((out.reaction.kind, out.reaction.target)),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (ReactionKind::Like, "t3".to_owned()),
            (ReactionKind::Unlike, "t3".to_owned())
        ]
    );
}

#[test]
fn l_without_an_identity_says_what_is_missing() {
    let mut ui = open(settings("dana"));
    with_three_tweets(&mut ui);
    press(&mut ui, Key::J);
    press(&mut ui, Key::L);
    ui.harness
        .get_by_label_contains("Reacting needs your identity");
    assert!(
        !ui.sent().iter().any(|c| matches!(c, NetCommand::React(_))),
        "nothing unsigned is sent"
    );
}

#[test]
fn n_and_ctrl_n_put_the_keyboard_in_the_compose_box() {
    let mut ui = open(settings("dana"));
    press(&mut ui, Key::N);
    assert_eq!(focused_label(&ui).as_deref(), Some("New tweet"));
    press(&mut ui, Key::Escape);
    assert_eq!(focused_label(&ui), None, "Esc leaves the text field");
    press_with(&mut ui, Modifiers::COMMAND, Key::N);
    assert_eq!(focused_label(&ui).as_deref(), Some("New tweet"));
}

#[test]
fn letter_keys_wait_while_a_text_field_has_the_focus() {
    let mut ui = open(settings("dana"));
    with_three_tweets(&mut ui);
    ui.harness.get_by_label("New tweet").focus();
    ui.harness.run_steps(2);
    for key in [Key::J, Key::G, Key::M, Key::Questionmark, Key::Slash] {
        press(&mut ui, key);
    }
    assert_eq!(selected_card(&ui), None);
    assert!(ui.harness.query_by_label("Keyboard shortcuts").is_none());
    assert!(ui.harness.query_by_label_contains("Mentions of").is_none());
    assert_eq!(focused_label(&ui).as_deref(), Some("New tweet"));
}

#[test]
fn g_then_h_m_or_d_goes_home_to_mentions_or_to_messages() {
    let mut ui = open(settings("dana"));
    press(&mut ui, Key::G);
    press(&mut ui, Key::M);
    ui.harness.get_by_label("Mentions of @dana");
    press(&mut ui, Key::G);
    press(&mut ui, Key::H);
    assert!(ui.harness.query_by_label("Mentions of @dana").is_none());
    press(&mut ui, Key::G);
    press(&mut ui, Key::D);
    assert!(messages_open(&ui));
    press(&mut ui, Key::M);
    assert!(
        ui.harness.query_by_label("Mentions of @dana").is_none(),
        "m alone is not g m"
    );
}

#[test]
fn slash_and_ctrl_f_open_the_search_box_with_the_keyboard_in_it() {
    let mut ui = open(settings("dana"));
    press(&mut ui, Key::Slash);
    assert_eq!(focused_label(&ui).as_deref(), Some("Search"));
    press(&mut ui, Key::Escape);
    assert!(
        ui.harness.query_by_label("Search").is_none(),
        "Esc closes it"
    );
    press_with(&mut ui, Modifiers::COMMAND, Key::F);
    assert_eq!(focused_label(&ui).as_deref(), Some("Search"));
}

#[test]
fn question_mark_shows_the_sheet_and_esc_closes_the_topmost_thing() {
    let mut ui = open(settings("dana"));
    press(&mut ui, Key::Slash);
    press(&mut ui, Key::Escape);
    press(&mut ui, Key::Questionmark);
    ui.harness.get_by_label("Keyboard shortcuts");
    ui.harness.get_by_label("Show this sheet");
    press(&mut ui, Key::G);
    press(&mut ui, Key::D);
    press(&mut ui, Key::Escape);
    assert!(
        ui.harness.query_by_label("Keyboard shortcuts").is_none(),
        "the sheet first"
    );
    assert!(messages_open(&ui), "Messages still open");
    press(&mut ui, Key::Escape);
    assert!(!messages_open(&ui));
}

#[test]
fn ctrl_comma_opens_settings() {
    let mut ui = open(settings("dana"));
    press_with(&mut ui, Modifiers::COMMAND, Key::Comma);
    ui.harness.get_by_label("Apply");
    press(&mut ui, Key::Escape);
    assert!(ui.harness.query_by_label("Apply").is_none());
}

#[test]
fn enter_on_a_focused_hashtag_toggles_it() {
    let mut ui = open(settings("dana"));
    ui.sent();
    ui.harness.get_by_label("#mqtt").focus();
    ui.harness.run_steps(2);
    press(&mut ui, Key::Enter);
    assert!(
        ui.sent()
            .iter()
            .any(|c| matches!(c, NetCommand::Subscribe(tag) if tag == "mqtt")),
        "Enter ticks #mqtt"
    );
    assert!(
        ui.harness
            .state()
            .settings()
            .hashtags
            .iter()
            .any(|h| h.tag == "mqtt" && h.followed)
    );
}

#[test]
fn ctrl_plus_minus_and_zero_zoom_within_bounds_and_are_kept() {
    let mut ui = open(settings("dana"));
    let zoom = |ui: &Ui| ui.harness.state().settings().appearance.zoom_percent;
    press_with(&mut ui, Modifiers::COMMAND, Key::Equals);
    assert_eq!(zoom(&ui), 110);
    assert!((ui.harness.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    for _ in 0..30 {
        press_with(&mut ui, Modifiers::COMMAND, Key::Plus);
    }
    assert_eq!(zoom(&ui), 300);
    for _ in 0..30 {
        press_with(&mut ui, Modifiers::COMMAND, Key::Minus);
    }
    assert_eq!(zoom(&ui), 50);
    assert!((ui.harness.ctx.zoom_factor() - 0.5).abs() < 1e-4);
    press_with(&mut ui, Modifiers::COMMAND, Key::Num0);
    assert_eq!(zoom(&ui), 100);
}

#[test]
fn tab_goes_through_the_controls_in_the_order_they_are_seen() {
    let mut ui = open(settings("dana"));
    let mut order = Vec::new();
    for _ in 0..9 {
        press(&mut ui, Key::Tab);
        order.push(focused_label(&ui).unwrap_or_default());
    }
    assert_eq!(
        order,
        [
            "Username",
            "Broker",
            "Discover",
            "Messages",
            "Diagnostics",
            "Settings",
            "All tweets",
            "Mentions",
            "#chirp"
        ],
        "the top bar left to right, then the hashtags"
    );
}
