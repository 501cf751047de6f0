//! The People list and the person card's Follow button, driven through the
//! real app with egui_kittest: ticks, adds and removes become FollowPerson
//! and UnfollowPerson for the worker; a followed person's tweets are
//! counted unread and narrow the timeline when clicked; the card shows
//! their recent tweets.

use chirp::core::connection::net::NetCommand;
use chirp::core::desktop::settings::{FollowedPerson, Settings};
use egui_kittest::kittest::Queryable as _;

use crate::ui_app::{Ui, click, open, settings, tweet};

fn with_people(people: &[(&str, bool)]) -> Settings {
    Settings {
        people: people
            .iter()
            .map(|(user, followed)| FollowedPerson {
                user: (*user).to_owned(),
                followed: *followed,
            })
            .collect(),
        ..settings("dana")
    }
}

fn person_commands(ui: &mut Ui) -> Vec<String> {
    ui.sent()
        .into_iter()
        .filter_map(|command| match command {
            NetCommand::FollowPerson(user) => Some(format!("follow {user}")),
            NetCommand::UnfollowPerson(user) => Some(format!("unfollow {user}")),
            _ => None,
        })
        .collect()
}

fn checkbox(ui: &Ui, label: &str) -> bool {
    let role = egui::accesskit::Role::CheckBox;
    ui.harness.query_by_role_and_label(role, label).is_some()
}

#[test]
fn ticked_people_are_followed_from_the_start_and_ticks_follow_and_unfollow() {
    let mut ui = open(with_people(&[("alice", true), ("bob", false)]));
    assert_eq!(person_commands(&mut ui), ["follow alice"]);
    assert!(checkbox(&ui, "@alice") && checkbox(&ui, "@bob"));

    let role = egui::accesskit::Role::CheckBox;
    ui.harness.get_by_role_and_label(role, "@bob").click();
    ui.harness.run_steps(2);
    ui.harness.get_by_role_and_label(role, "@alice").click();
    ui.harness.run_steps(2);
    assert_eq!(person_commands(&mut ui), ["follow bob", "unfollow alice"]);
    let people = &ui.harness.state().settings().people;
    assert_eq!(
        people.iter().map(|p| p.followed).collect::<Vec<_>>(),
        [false, true],
        "persisted with the settings"
    );
}

#[test]
fn adding_a_person_follows_them_and_an_invalid_name_is_refused() {
    let mut ui = open(with_people(&[]));
    ui.sent();
    let field = ui.harness.get_by_label("Add a person");
    field.focus();
    field.type_text("@carol");
    ui.harness.run_steps(2);
    ui.harness.key_press(egui::Key::Enter);
    ui.harness.run_steps(2);
    assert_eq!(person_commands(&mut ui), ["follow carol"]);
    assert!(checkbox(&ui, "@carol"));

    let field = ui.harness.get_by_label("Add a person");
    field.focus();
    field.type_text("a/b");
    ui.harness.run_steps(2);
    click(&mut ui, "Add person");
    assert!(person_commands(&mut ui).is_empty(), "nothing followed");
    assert!(
        ui.harness
            .query_by_label_contains("can't contain '/'")
            .is_some(),
        "the reason is shown"
    );
    assert_eq!(ui.harness.state().settings().people.len(), 1);
}

#[test]
fn a_followed_persons_tweets_are_counted_and_narrow_the_timeline() {
    let mut ui = open(with_people(&[("alice", true)]));
    let mut theirs = tweet("a-1", "alice", "a scarf for winter");
    theirs.tags = vec!["knitting".into()];
    ui.receive(theirs);
    let mut other = tweet("b-1", "bob", "unrelated news");
    other.tags = vec!["news".into()];
    ui.receive(other);
    assert!(
        ui.harness
            .query_by_label("Show only @alice's tweets, 1 new")
            .is_some(),
        "one unread by alice"
    );

    click(&mut ui, "Show only @alice's tweets, 1 new");
    assert!(
        ui.harness.query_by_label("Show all tweets").is_some(),
        "narrowed"
    );
    assert!(ui.harness.query_by_label("a scarf for winter").is_some());
    assert!(ui.harness.query_by_label("unrelated news").is_none());
    assert!(ui.harness.query_by_label("1").is_none(), "seen");
}

#[test]
fn the_person_card_follows_and_unfollows_and_shows_their_recent_tweets() {
    let mut ui = open(with_people(&[]));
    ui.receive(tweet("c-1", "carol", "carol's first"));
    ui.receive(tweet("c-2", "carol", "carol's second"));
    ui.sent();
    let name = ui.harness.query_all_by_label("@carol").next();
    name.expect("her name on a tweet").click();
    ui.harness.run_steps(2);
    assert_eq!(
        ui.harness.query_all_by_label("carol's second").count(),
        2,
        "in the timeline and on the card"
    );
    assert!(ui.harness.query_by_label("Recent tweets").is_some());

    click(&mut ui, "Follow @carol");
    assert_eq!(person_commands(&mut ui), ["follow carol"]);
    assert!(checkbox(&ui, "@carol"), "in the People list");
    click(&mut ui, "Unfollow");
    assert_eq!(person_commands(&mut ui), ["unfollow carol"]);
    let people = &ui.harness.state().settings().people;
    assert!(!people[0].followed, "kept in the list, unticked");
}
