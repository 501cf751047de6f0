//! The real app state driven through its UI with egui_kittest: what a person
//! does turns into the right commands for the network worker, and what the
//! worker reports shows up on screen.

use chrono::Utc;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokio::sync::mpsc::{UnboundedReceiver, error::TryRecvError};

use chirp::core::connection::net::{
    ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink,
};
use chirp::core::desktop::settings::{FollowedHashtag, Settings};
use chirp::core::model::tweet::{Tweet, WireFormat};
use chirp::ui::ChirpApp;

pub(crate) struct Ui {
    pub harness: Harness<'static, ChirpApp>,
    commands: UnboundedReceiver<NetCommand>,
    pub events: crossbeam_channel::Sender<NetEvent>,
}

pub(crate) fn settings(username: &str) -> Settings {
    Settings {
        username: username.to_owned(),
        hashtags: vec![
            FollowedHashtag {
                tag: "chirp".into(),
                followed: true,
            },
            FollowedHashtag {
                tag: "mqtt".into(),
                followed: false,
            },
        ],
        compose_tag: Some("chirp".into()),
        client_id: "test-client".into(),
        ..Settings::default()
    }
}

pub(crate) fn open(settings: Settings) -> Ui {
    open_with(settings, |app| app)
}

/// `open`, with the app changed by `customize` first.
pub(crate) fn open_with(settings: Settings, customize: impl FnOnce(ChirpApp) -> ChirpApp) -> Ui {
    let (command_tx, commands) = tokio::sync::mpsc::unbounded_channel();
    let (events, event_rx) = crossbeam_channel::unbounded();
    let link = NetLink::new(command_tx, event_rx);
    let config = ConnectionConfig::new(settings.active().broker, settings.client_id.clone());
    let app = customize(ChirpApp::new(settings, link, config));
    let harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(
            |ui, app: &mut ChirpApp| {
                // The harness has only egui's bundled fonts; the real window
                // falls back to the system's for other scripts.
                ui.ctx()
                    .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
                app.frame_ui(ui);
            },
            app,
        );
    let mut ui = Ui {
        harness,
        commands,
        events,
    };
    ui.harness.run_steps(2);
    ui
}

impl Ui {
    pub(crate) fn sent(&mut self) -> Vec<NetCommand> {
        let mut sent = Vec::new();
        loop {
            match self.commands.try_recv() {
                Ok(command) => sent.push(command),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return sent,
            }
        }
    }

    pub(crate) fn publishes(&mut self) -> Vec<chirp::core::social::compose::OutgoingTweet> {
        self.sent()
            .into_iter()
            .filter_map(|c| match c {
                NetCommand::Publish(outgoing) => Some(outgoing),
                _ => None,
            })
            .collect()
    }

    pub(crate) fn type_tweet(&mut self, text: &str) {
        let field = self.harness.get_by_label("New tweet");
        field.focus();
        field.type_text(text);
        self.harness.run_steps(2);
    }

    /// Runs frames until `done` holds: the app takes in events within a
    /// time budget per frame, so how many frames that needs depends on load.
    pub(crate) fn step_until(&mut self, what: &str, done: impl Fn(&ChirpApp) -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !done(self.harness.state()) {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            self.harness.step();
        }
        self.harness.run_steps(2);
    }

    pub(crate) fn receive(&mut self, tweet: Tweet) {
        self.events
            .send(NetEvent::Tweet {
                topic: format!("hashtags/{}", tweet.tags[0]),
                tweet,
            })
            .expect("app is listening");
        self.harness.run_steps(2);
    }
}

pub(crate) fn click(ui: &mut Ui, label: &str) {
    ui.harness.get_by_label(label).click();
    ui.harness.run_steps(2);
}

pub(crate) fn set_text(ui: &mut Ui, label: &str, text: &str) {
    ui.harness
        .get_by_label(label)
        .set_text_value_accesskit(text);
    ui.harness.run_steps(2);
}

/// Runs frames until a label containing `text` shows (for work that runs
/// on a thread of its own: files, Argon2).
pub(crate) fn wait_shown(ui: &mut Ui, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while ui.harness.query_by_label_contains(text).is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "{text:?} never showed"
        );
        ui.harness.run_steps(1);
        std::thread::yield_now();
    }
}

pub(crate) fn tweet(id: &str, user: &str, text: &str) -> Tweet {
    Tweet {
        quote: None,
        deferred_signature: None,
        id: id.into(),
        user: Some(user.into()),
        text: text.into(),
        tags: vec!["chirp".into()],
        sent_at: Some(Utc::now()),
        received_at: Utc::now(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: None,
    }
}

#[test]
fn start_subscribes_the_ticked_hashtags() {
    let mut ui = open(settings("alice"));
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::Subscribe(tag)] if tag == "chirp"),
        "{sent:?}"
    );
}

#[test]
fn typing_a_username_and_a_tweet_then_post_publishes_it() {
    let mut ui = open(settings(""));
    ui.sent();
    ui.harness.get_by_label("Username").focus();
    ui.harness.get_by_label("Username").type_text("alice");
    ui.harness.run_steps(2);
    ui.type_tweet("Hello #rust from the test");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);

    let published = ui.publishes();
    assert_eq!(published.len(), 1, "one Post, one publish");
    let tweet = &published[0].tweet;
    assert_eq!(tweet.user.as_deref(), Some("alice"));
    assert_eq!(tweet.text, "Hello #rust from the test");
    assert_eq!(tweet.tags, vec!["chirp", "rust"]);
    let topics: Vec<_> = published[0]
        .publishes
        .iter()
        .map(|p| p.topic.as_str())
        .collect();
    assert_eq!(
        topics,
        vec!["hashtags/chirp", "hashtags/rust", "chirp/users/alice"]
    );
    let retained: Vec<bool> = published[0].publishes.iter().map(|p| p.retain).collect();
    assert_eq!(
        retained,
        [true, true, false],
        "hashtag copies retained for late joiners by default; the author's copy never"
    );

    // The box clears and the tweet is in the timeline at once, marked as
    // ours and waiting (the harness has no connection).
    assert!(
        ui.harness
            .state()
            .timeline()
            .iter()
            .any(|e| e.own && e.id() == tweet.id)
    );
    ui.harness.get_by_label("Hello #rust from the test");
    ui.harness.get_by_label("waiting for connection");
    assert_eq!(ui.harness.state().settings().username, "alice");

    // Once the broker acknowledges it, it says so.
    ui.events
        .send(NetEvent::Connection(ConnectionState::Connected {
            broker: "h:1".into(),
        }))
        .expect("listening");
    ui.events
        .send(NetEvent::Acknowledged(tweet.id.clone()))
        .expect("listening");
    ui.harness.run_steps(2);
    ui.harness.get_by_label("sent");
    // Shown, and the status region a screen reader announces.
    assert_eq!(ui.harness.query_all_by_label("Connected to h:1").count(), 2);
}

#[test]
fn ctrl_enter_publishes() {
    let mut ui = open(settings("alice"));
    ui.sent();
    ui.type_tweet("sent with the keyboard");
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    ui.harness.run_steps(2);
    let published = ui.publishes();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].tweet.text, "sent with the keyboard");
    assert_eq!(published[0].tweet.tags, vec!["chirp"]);
}

#[test]
fn ticking_and_unticking_subscribe_and_unsubscribe() {
    let mut ui = open(settings("alice"));
    ui.sent();
    ui.harness.get_by_label("#mqtt").click();
    ui.harness.run_steps(2);
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::Subscribe(tag)] if tag == "mqtt"),
        "{sent:?}"
    );

    ui.harness.get_by_label("#chirp").click();
    ui.harness.run_steps(2);
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::Unsubscribe(tag)] if tag == "chirp"),
        "{sent:?}"
    );
    let followed: Vec<_> = ui
        .harness
        .state()
        .settings()
        .followed_tags()
        .map(str::to_owned)
        .collect();
    assert_eq!(followed, vec!["mqtt"]);
}

#[test]
fn adding_a_hashtag_follows_it_and_an_invalid_one_is_refused() {
    let mut ui = open(settings("alice"));
    ui.sent();
    let field = ui.harness.get_by_label("Add a hashtag");
    field.focus();
    field.type_text("a/b");
    ui.harness.get_by_label("Add").click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label_contains("a hashtag can't contain '/'");
    assert!(ui.sent().is_empty(), "nothing subscribed");

    // The refused text stays for correcting: select it all and retype.
    ui.harness.get_by_label("Add a hashtag").focus();
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    ui.harness.run_steps(1);
    ui.harness
        .get_by_label("Add a hashtag")
        .type_text("#日本語");
    ui.harness.get_by_label("Add").click();
    ui.harness.run_steps(2);
    let sent = ui.sent();
    assert!(
        matches!(sent.as_slice(), [NetCommand::Subscribe(tag)] if tag == "日本語"),
        "{sent:?}"
    );
    ui.harness.get_by_label("#日本語");
}

#[test]
fn invalid_input_shows_the_reason_and_sends_nothing() {
    let mut ui = open(settings("a b"));
    ui.sent();
    ui.type_tweet("hello #rust");
    assert!(
        ui.harness
            .query_all_by_label_contains("a username can't contain spaces")
            .next()
            .is_some()
    );
    ui.harness.get_by_label("Post").click();
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    ui.harness.run_steps(2);
    assert!(ui.publishes().is_empty());

    // Too long: the reason, and still nothing sent.
    let mut ui = open(settings("alice"));
    ui.sent();
    ui.type_tweet(&"x".repeat(281));
    ui.harness
        .get_by_label_contains("281 characters: a tweet can have at most 280");
    ui.harness.get_by_label("281 / 280");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    assert!(ui.publishes().is_empty());

    // No hashtag anywhere.
    let mut no_tag = settings("alice");
    no_tag.compose_tag = None;
    let mut ui = open(no_tag);
    ui.sent();
    ui.type_tweet("no tags here");
    ui.harness.get_by_label_contains("add a hashtag");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    assert!(ui.publishes().is_empty());
}

#[test]
fn closing_with_unsent_tweets_asks_first() {
    let mut ui = open(settings("alice"));
    ui.type_tweet("written offline");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("waiting for connection");

    ui.harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    ui.harness.step();
    let commands = &ui.harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::CancelClose),
        "{commands:?}"
    );
    ui.harness.run_steps(1);
    ui.harness
        .get_by_label_contains("1 tweet has not reached the broker yet");
    ui.harness.get_by_label("Keep Chirp open").click();
    ui.harness.run_steps(2);
    assert!(ui.harness.query_by_label("Keep Chirp open").is_none());
}

#[test]
fn diagnostics_show_what_the_network_did() {
    let mut ui = open(settings("alice"));
    for event in [
        NetEvent::Connection(ConnectionState::Offline {
            broker: "h:1".into(),
            reason: "connection refused".into(),
            retry_at: std::time::Instant::now(),
        }),
        NetEvent::Connection(ConnectionState::Connected {
            broker: "h:1".into(),
        }),
        NetEvent::Dropped {
            topic: "hashtags/chirp".into(),
            reason: "payload is not UTF-8 text".into(),
        },
    ] {
        ui.events.send(event).expect("listening");
    }
    ui.receive(tweet("d-1", "bob", "counted"));
    ui.harness.get_by_label("Diagnostics").click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label_contains("1 (last: hashtags/chirp: payload is not UTF-8 text)");
    ui.harness.get_by_label_contains("connection refused (at ");
    ui.harness.get_by_label("Tweets received");
    ui.harness.get_by_label("1 of at most 10,000 tweets");
}

#[test]
fn applying_a_new_broker_in_settings_reconnects_and_saves_it() {
    let mut ui = open(settings("alice"));
    ui.sent();
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Keep tweets");
    let host = ui.harness.get_by_label("Host");
    host.focus();
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    ui.harness.get_by_label("Host").type_text("broker.lan");
    ui.harness.get_by_label("Transport").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("MQTT over TLS").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);

    let sent = ui.sent();
    let reconfigured: Vec<_> = sent
        .iter()
        .filter_map(|c| match c {
            NetCommand::Reconfigure(config) => Some(config),
            _ => None,
        })
        .collect();
    assert_eq!(reconfigured.len(), 1, "{sent:?}");
    let broker = &reconfigured[0].broker;
    assert_eq!(
        (
            broker.host.as_str(),
            broker.port,
            broker.transport.is_secure()
        ),
        ("broker.lan", 8883, true),
        "TLS moved the default port"
    );
    assert_eq!(reconfigured[0].client_id, "test-client", "same identity");
    assert_eq!(ui.harness.state().settings().active().broker, *broker);
    assert!(
        ui.harness.query_by_label("Apply").is_none(),
        "dialog closed"
    );
}

#[test]
fn turning_off_keep_newest_in_settings_posts_unretained() {
    let mut ui = open(settings("alice"));
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label("Keep my newest tweet on each hashtag for newcomers")
        .click();
    ui.harness.run_steps(1);
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);
    assert!(!ui.harness.state().settings().retain_latest);
    ui.sent();
    // The closed modal takes a few frames to let go of the keyboard.
    ui.harness.run_steps(5);
    ui.type_tweet("not kept #rust");
    ui.harness.get_by_label("Post").click();
    ui.harness.run_steps(2);
    let published = ui.publishes();
    assert_eq!(published.len(), 1);
    assert!(published[0].publishes.iter().all(|p| !p.retain));
}

#[test]
fn discover_ranks_active_hashtags_and_follows_one_in_a_click() {
    let mut ui = open(settings("alice"));
    ui.sent();
    ui.harness.get_by_label("Discover").click();
    ui.harness.run_steps(2);
    assert!(
        ui.sent()
            .iter()
            .any(|c| matches!(c, NetCommand::Discover(true)))
    );
    ui.harness
        .get_by_label("Nothing yet: hashtags appear here as tweets arrive.");
    for tag in ["go", "rust", "rust", "rust"] {
        ui.events
            .send(NetEvent::Seen {
                tag: tag.to_owned(),
                author: chirp::core::protocol::wire::ClaimedAuthor::default(),
            })
            .expect("listening");
    }
    // The ranking refreshes twice a second.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while ui.harness.query_by_label("#go").is_none() {
        assert!(
            std::time::Instant::now() < until,
            "Discover never listed #go"
        );
        ui.harness.step();
    }
    let rows: Vec<f32> = ["#rust", "#go"]
        .iter()
        .map(|tag| ui.harness.get_by_label(tag).rect().top())
        .collect();
    assert!(rows[0] < rows[1], "#rust (3 tweets) ranks above #go (1)");
    assert_eq!(
        ui.harness.query_all_by_label("3").count(),
        2,
        "#rust: 3 in the last 5 minutes and in the hour"
    );

    assert_eq!(ui.harness.query_all_by_label("Follow").count(), 2);
    // The pointer comes from the top bar: over the button first, as a
    // mouse moves, then the click (a click that also moves the pointer
    // into another window in the same frame is not taken by egui here).
    let second = ui
        .harness
        .query_all_by_label("Follow")
        .nth(1)
        .expect("#go's Follow");
    second.hover();
    ui.harness.run_steps(1);
    ui.harness
        .query_all_by_label("Follow")
        .nth(1)
        .expect("#go's Follow")
        .click();
    ui.harness.run_steps(2);
    let sent = ui.sent();
    assert!(
        sent.iter()
            .any(|c| matches!(c, NetCommand::Subscribe(tag) if tag == "go")),
        "{sent:?}"
    );
    assert!(
        ui.harness
            .state()
            .settings()
            .hashtags
            .iter()
            .any(|h| h.tag == "go" && h.followed)
    );
    // The top bar's button (the window's title says "Discover" too).
    let button = ui
        .harness
        .query_all_by_label("Discover")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the Discover button");
    button.hover();
    ui.harness.run_steps(1);
    ui.harness
        .query_all_by_label("Discover")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the Discover button")
        .click();
    ui.harness.run_steps(2);
    assert!(
        ui.sent()
            .iter()
            .any(|c| matches!(c, NetCommand::Discover(false)))
    );
}

#[test]
fn with_an_identity_every_copy_of_a_tweet_is_signed_and_presence_too() {
    use chirp::core::protocol::identity::Identity;
    use chirp::core::protocol::wire;
    use std::sync::Arc;

    let identity = Arc::new(Identity::generate());
    let signer = Arc::clone(&identity);
    let mut ui = open_with(settings("alice"), move |app| {
        app.with_identity(Some(signer))
    });
    let reconfigured = ui.sent().into_iter().find_map(|c| match c {
        NetCommand::Reconfigure(config) => Some(config),
        _ => None,
    });
    let config = reconfigured.expect("the worker signs from the next connection");
    assert_eq!(config.signer.as_deref(), Some(&*identity));

    ui.type_tweet("hi @bob, signed #mqtt");
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    ui.harness.run_steps(2);
    let published = ui.publishes();
    assert_eq!(published.len(), 1);
    let outgoing = &published[0];
    assert_eq!(
        outgoing.tweet.signed.map(|s| s.key),
        Some(identity.author_key())
    );
    // A copy per hashtag and one on bob's mentions topic: each verifies.
    assert!(outgoing.publishes.len() >= 3, "{:?}", outgoing.publishes);
    for copy in &outgoing.publishes {
        let tweet = wire::decode_tagged(Some("chirp"), &copy.payload, Utc::now())
            .expect("a good signature");
        assert_eq!(
            tweet.signed.map(|s| s.key),
            Some(identity.author_key()),
            "{}",
            copy.topic
        );
    }
}
