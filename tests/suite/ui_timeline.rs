//! The timeline driven through the real app: received tweets shown once,
//! inert and bounded, laid out only on screen, and narrowed to a tag or a
//! search.

use egui_kittest::kittest::{NodeT as _, Queryable as _};

use chirp::core::connection::net::NetEvent;
use chirp::core::desktop::settings::Settings;
use chirp::core::model::tweet::{Tweet, WireFormat};

use crate::ui_app::{open, settings, tweet};

#[test]
fn a_received_tweet_appears_once_even_if_it_arrives_twice() {
    let mut ui = open(settings("alice"));
    ui.receive(tweet("t-1", "bob", "hello from bob"));
    ui.receive(tweet("t-1", "bob", "hello from bob"));
    assert_eq!(ui.harness.get_all_by_label("hello from bob").count(), 1);
    ui.harness.get_by_label("@bob");
    assert_eq!(ui.harness.state().timeline().len(), 1);

    // A classic tweet shows its author.
    let classic = Tweet {
        user: Some("carol".into()),
        format: WireFormat::Classic,
        ..tweet("t-2", "carol", "classic hello")
    };
    ui.receive(classic);
    ui.harness.get_by_label("@carol");
}

#[test]
fn hostile_tweets_render_inert_and_bounded() {
    let mut ui = open(settings("alice"));
    let mut hostile = tweet("h-1", "ev\u{202E}il\u{1b}[2J", &"line\n".repeat(100_000));
    hostile.format = WireFormat::Chirp;
    ui.receive(hostile);
    ui.receive(tweet("h-2", "bob", &"x".repeat(100_000)));
    // The name shows with the override and the escape neutralised.
    ui.harness.get_by_label("@ev\u{FFFD}il\u{FFFD}[2J");
    assert_eq!(
        ui.harness
            .query_all_by_label_contains("… (truncated)")
            .filter(|node| node.accesskit_node().role() != egui::accesskit::Role::ListItem)
            .count(),
        2,
        "the cards' texts (each card is also read out whole)"
    );
    ui.receive(tweet("h-3", "carol", "still fine"));
    ui.harness.get_by_label("still fine");
}

#[test]
fn only_visible_tweets_are_laid_out_and_new_ones_wait_while_scrolled_down() {
    // One author's 5,000 tweets: the flood guard would hold them back.
    let mut ui = open(Settings {
        flood_rate: 0,
        ..settings("alice")
    });
    let many: Vec<Tweet> = (0..5_000)
        .map(|n| tweet(&format!("m-{n}"), "bob", &format!("tweet number {n}")))
        .collect();
    for tweet in many {
        ui.events
            .send(NetEvent::Tweet {
                topic: "hashtags/chirp".into(),
                tweet,
            })
            .expect("listening");
    }
    ui.step_until("5000 tweets in the timeline", |app| {
        app.timeline().len() == 5_000
    });
    let laid_out = ui
        .harness
        .query_all_by_label_contains("tweet number")
        .count();
    assert!((1..50).contains(&laid_out), "{laid_out} rows laid out");
    ui.harness.get_by_label("tweet number 4999");

    // Scroll down: the newest is off screen.
    scroll_down(&mut ui, "tweet number 4999");
    let reading = first_label(&ui);

    // A new tweet arrives: what the user reads stays, a pill counts it.
    ui.receive(tweet("fresh", "carol", "fresh off the press"));
    ui.harness.run_steps(2);
    assert!(ui.harness.query_by_label("fresh off the press").is_none());
    assert_eq!(first_label(&ui), reading, "the view did not jump");
    ui.harness.get_by_label("1 new tweet: back to top").click();
    ui.harness.run_steps(3);
    ui.harness.get_by_label("fresh off the press");
}

#[test]
fn the_new_tweets_pill_counts_only_tweets_newer_than_the_top() {
    let mut ui = open(Settings {
        flood_rate: 0,
        ..settings("alice")
    });
    let start = chrono::Utc::now() - chrono::TimeDelta::hours(1);
    let written = |id: &str, text: &str, seconds: i64| Tweet {
        sent_at: Some(start + chrono::TimeDelta::seconds(seconds)),
        ..tweet(id, "bob", text)
    };
    for n in 0..300 {
        let tweet = written(&format!("m-{n}"), &format!("tweet number {n}"), n * 10);
        let topic = "hashtags/chirp".to_owned();
        ui.events
            .send(NetEvent::Tweet { topic, tweet })
            .expect("listening");
    }
    ui.step_until("300 tweets", |app| app.timeline().len() == 300);
    scroll_down(&mut ui, "tweet number 299");
    let reading = first_label(&ui);

    // Written after what is read but before the top (tweet 299): it lands
    // above the row being read, which stays put, and is no new tweet.
    ui.receive(written("late", "a late arrival", 2_985));
    ui.harness.run_steps(2);
    assert_eq!(first_label(&ui), reading, "the view did not jump");
    assert!(ui.harness.query_by_label_contains("new tweet").is_none());
    // Older than everything: lands at the bottom, no pill either.
    ui.receive(written("older", "an old one", -10));
    assert!(ui.harness.query_by_label_contains("new tweet").is_none());

    // Written now: new at the top.
    ui.receive(tweet("fresh", "carol", "fresh off the press"));
    ui.harness.get_by_label("1 new tweet: back to top").click();
    ui.harness.run_steps(3);
    ui.harness.get_by_label("fresh off the press");
    assert!(ui.harness.query_by_label_contains("new tweet").is_none());
}

/// Scrolls the timeline down until `newest` is off screen.
fn scroll_down(ui: &mut crate::ui_app::Ui, newest: &str) {
    let timeline_point = ui.harness.get_by_label(newest).rect().center();
    ui.harness.hover_at(timeline_point);
    for _ in 0..5 {
        ui.harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -600.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        ui.harness.run_steps(2);
    }
    assert!(ui.harness.query_by_label(newest).is_none());
}

/// The label of the first tweet laid out.
fn first_label(ui: &crate::ui_app::Ui) -> String {
    ui.harness
        .query_all_by_label_contains("tweet number")
        .find_map(|node| node.accesskit_node().label())
        .expect("a tweet laid out")
}

#[test]
fn a_hashtag_shows_its_unread_count_and_alone_its_tweets() {
    let mut ui = open(settings("alice"));
    let on = |id: &str, text: &str, tags: &[&str]| Tweet {
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..tweet(id, "bob", text)
    };
    ui.receive(on("t1", "first on chirp", &["chirp"]));
    ui.receive(on("t2", "only on rust", &["rust"]));
    ui.receive(on("t3", "second on chirp", &["chirp", "rust"]));

    // #chirp is followed: two unread; #mqtt is listed but not followed.
    let pill = ui.harness.get_by_label("Show only #chirp, 2 new");
    pill.hover();
    ui.harness.run_steps(1);
    ui.harness.get_by_label("Show only #chirp, 2 new").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Show all tweets");
    ui.harness.get_by_label("first on chirp");
    ui.harness.get_by_label("second on chirp");
    assert!(ui.harness.query_by_label("only on rust").is_none());
    assert!(ui.harness.query_by_label("2").is_none(), "read now");

    // A new one on the shown tag joins the view at once, unread nowhere.
    ui.receive(on("t4", "third on chirp", &["chirp"]));
    ui.harness.get_by_label("third on chirp");
    assert!(ui.harness.query_by_label("1").is_none());

    ui.harness.get_by_label("Show all tweets").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("only on rust");
    ui.harness.get_by_label("third on chirp");
}

#[test]
fn ctrl_f_searches_the_timeline_by_words_users_and_tags() {
    let mut ui = open(settings("alice"));
    ui.receive(tweet("s1", "bob", "brokers are fun"));
    ui.receive(tweet("s2", "carol", "compilers are fun too"));
    ui.receive(tweet("s3", "carol", "nothing to see"));
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Search").focus();
    ui.harness.get_by_label("Search").type_text("FUN @carol");
    ui.harness.run_steps(2);
    ui.harness.get_by_label("compilers are fun too");
    assert!(ui.harness.query_by_label("brokers are fun").is_none());
    assert!(ui.harness.query_by_label("nothing to see").is_none());

    // New tweets that match join the results as they arrive.
    ui.receive(tweet("s4", "carol", "more fun"));
    ui.harness.get_by_label("more fun");

    ui.harness.get_by_label("Close").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label("brokers are fun");
    ui.harness.get_by_label("nothing to see");
    assert!(ui.harness.query_by_label("Search").is_none());
}
